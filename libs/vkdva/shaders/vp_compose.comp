/*
 * Copyright 2026 the vkdva authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Lesser General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 *
 * This library is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
 * Lesser General Public License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public
 * License along with this library; if not, write to the Free Software
 * Foundation, Inc., 51 Franklin St, Fifth Floor, Boston, MA 02110-1301, USA
 */

/* One pass of ID3D11VideoProcessor::VideoProcessorBlt: composites one input stream over the
 * output (or over the background colour, for the first pass). Each invocation owns the pixels
 * of one output chroma sample (one pixel for 4:4:4 and RGB), so chroma is written whole. Colour conversion,
 * range, ProcAmp and the output quantisation are one affine map computed on the CPU (p.color):
 * alpha blending commutes with affine maps, so blending in output code values is exact. */

#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_samplerless_texture_functions : require
#extension GL_EXT_shader_image_load_formatted : require

#include "vp_common.glsl"

/* 16 wide: a warp covers 64 bytes of two rows of a 32-bit output; 256 invocations, since
 * workgroups of 64 made the launch rate, not the memory, the limit on an H200. */
layout(local_size_x = 16, local_size_y = 16) in;

layout(constant_id = 0) const int SRC_KIND = VP_KIND_PLANAR_420;
layout(constant_id = 1) const int DST_KIND = VP_KIND_SINGLE;

/* Each invocation owns one chroma sample's pixels: 2x2 (4:2:0), 2x1 (4:2:2) or one pixel. */
const int BLOCK_W = DST_KIND == VP_KIND_SINGLE ? 1 : 2;
const int BLOCK_H = DST_KIND == VP_KIND_PLANAR_420 ? 2 : 1;
const int BLOCK_SIZE = BLOCK_W * BLOCK_H;

layout(binding = 0) uniform texture2D src0;
layout(binding = 1) uniform texture2D src1;
layout(binding = 2) uniform image2D dst0;
layout(binding = 3) uniform image2D dst1;
/* Nearest filtering, clamped to the edge: only for gathers, whose weights the shader computes. */
layout(binding = 5) uniform sampler nearest;
/* Linear filtering with unnormalised coordinates, for the chroma of unscaled 4:2:0 sources
 * (see sample_source()). */
layout(binding = 6) uniform sampler linear;

bool has_flag(uint flag)
{
    return (uint(p.mode.x) & flag) != 0u;
}

/* The two texels around position v (texel centres at .5) and the weight of the second, v
 * clamped to [lo, hi], the centres of the first and last texel of the source rect. */
void pick_cols(float v, float lo, float hi, out int i0, out int i1, out float w)
{
    float f;

    v = clamp(v, lo, hi) - 0.5;
    f = floor(v);
    w = v - f;
    i0 = int(f);
    i1 = min(i0 + 1, int(hi - 0.5));
}

/* The same for rows; for a field (bob), the two rows of that field around v, in frame rows. */
void pick_rows(float v, float lo, float hi, out int r0, out int r1, out float w)
{
    float f, rlo, rhi, fy, r;
    int parity;

    if (!has_flag(VP_FLAG_FIELD))
    {
        pick_cols(v, lo, hi, r0, r1, w);
        return;
    }
    parity = p.mode.w;
    f = float(parity);
    v = clamp(v, lo, hi);
    rlo = ceil((lo - 0.5 - f) * 0.5);
    rhi = max(rlo, floor((hi - 0.5 - f) * 0.5));
    fy = (v - 0.5 - f) * 0.5;
    r = floor(fy);
    w = fy - r;
    r0 = 2 * int(clamp(r, rlo, rhi)) + parity;
    r1 = 2 * int(clamp(r + 1.0, rlo, rhi)) + parity;
}

vec4 bilinear(texture2D t, vec2 pos, vec4 rect)
{
    int x0, x1, y0, y1;
    float wx, wy;
    vec4 a, b, c, d;

    pick_cols(pos.x, rect.x, rect.z, x0, x1, wx);
    pick_rows(pos.y, rect.y, rect.w, y0, y1, wy);
    a = texelFetch(t, ivec2(x0, y0), 0);
    b = texelFetch(t, ivec2(x1, y0), 0);
    c = texelFetch(t, ivec2(x0, y1), 0);
    d = texelFetch(t, ivec2(x1, y1), 0);
    return mix(mix(a, b, wx), mix(c, d, wx), wy);
}

/* Bilinear from one gather per component: the gather at the corner shared by the four texels
 * returns exactly them (order (x0,y1) (x1,y1) (x1,y0) (x0,y0)); at a clamped edge the weight of
 * the extra texel is 0. Fields need rows two apart, so they use bilinear(). */
vec4 gather_weights(vec2 pos, vec4 rect, vec2 inv_size, out vec2 uv)
{
    int x0, x1, y0, y1;
    float wx, wy;

    pick_cols(pos.x, rect.x, rect.z, x0, x1, wx);
    pick_cols(pos.y, rect.y, rect.w, y0, y1, wy);
    uv = vec2(x0 + 1, y0 + 1) * inv_size;
    return vec4((1.0 - wx) * wy, wx * wy, wx * (1.0 - wy), (1.0 - wx) * (1.0 - wy));
}

float bilinear_r(texture2D t, vec2 pos, vec4 rect)
{
    vec4 w;
    vec2 uv;

    if (has_flag(VP_FLAG_FIELD))
        return bilinear(t, pos, rect).r;
    w = gather_weights(pos, rect, p.inv_size.xy, uv);
    return dot(textureGather(sampler2D(t, nearest), uv, 0), w);
}

vec2 bilinear_rg(texture2D t, vec2 pos, vec4 rect)
{
    vec4 w;
    vec2 uv;

    if (has_flag(VP_FLAG_FIELD))
        return bilinear(t, pos, rect).rg;
    w = gather_weights(pos, rect, p.inv_size.zw, uv);
    return vec2(dot(textureGather(sampler2D(t, nearest), uv, 0), w),
            dot(textureGather(sampler2D(t, nearest), uv, 1), w));
}

float yuy2_luma(int x, int y)
{
    vec4 t = texelFetch(src0, ivec2(x >> 1, y), 0);

    return (x & 1) != 0 ? t.b : t.r;
}

/* Source values (Y, Cb, Cr, A or R, G, B, A) at a luma position of the source frame. */
vec4 sample_source(vec2 pos)
{
    vec2 cpos = pos * p.chroma_map.xy + p.chroma_map.zw;
    int x0, x1, y0, y1;
    float wx, wy, y;
    vec4 t;

    if (SRC_KIND == VP_KIND_PLANAR_420)
    {
        if (has_flag(VP_FLAG_LINEAR_CHROMA))
        {
            /* Unscaled: the chroma positions are at quarter texels, where 8-bit sub-texel
             * weights are exact; one filtered fetch instead of two gathers. */
            cpos = clamp(cpos, p.chroma_rect.xy, p.chroma_rect.zw);
            return vec4(texelFetch(src0, ivec2(floor(pos)), 0).r,
                    textureLod(sampler2D(src1, linear), cpos, 0.0).rg, 1.0);
        }
        if (has_flag(VP_FLAG_UNSCALED))
            y = texelFetch(src0, ivec2(floor(pos)), 0).r;
        else
            y = bilinear_r(src0, pos, p.luma_rect);
        return vec4(y, bilinear_rg(src1, cpos, p.chroma_rect), 1.0);
    }
    if (SRC_KIND == VP_KIND_PACKED_422)
    {
        vec2 c0, c1;

        pick_rows(pos.y, p.luma_rect.y, p.luma_rect.w, y0, y1, wy);
        pick_cols(pos.x, p.luma_rect.x, p.luma_rect.z, x0, x1, wx);
        y = mix(mix(yuy2_luma(x0, y0), yuy2_luma(x1, y0), wx), mix(yuy2_luma(x0, y1), yuy2_luma(x1, y1), wx), wy);
        pick_cols(cpos.x, p.chroma_rect.x, p.chroma_rect.z, x0, x1, wx);
        c0 = mix(texelFetch(src0, ivec2(x0, y0), 0).ga, texelFetch(src0, ivec2(x1, y0), 0).ga, wx);
        c1 = mix(texelFetch(src0, ivec2(x0, y1), 0).ga, texelFetch(src0, ivec2(x1, y1), 0).ga, wx);
        return vec4(y, mix(c0, c1, wy), 1.0);
    }
    if (has_flag(VP_FLAG_UNSCALED))
        t = texelFetch(src0, ivec2(floor(pos)), 0);
    else
        t = bilinear(src0, pos, p.luma_rect);
    if (p.swizzle.x == VP_SWIZZLE_AYUV)
        return t.bgra;
    if (p.swizzle.x == VP_SWIZZLE_Y410)
        return t.grba;
    return t;
}

/* Box ("area") filter over the pixel's footprint when downscaling, each tap bilinear: with
 * taps at texel centres (an integer ratio) it is the exact average, so a 4:1 reduction does
 * not alias. One tap is plain bilinear. */
vec4 sample_footprint(vec2 centre)
{
    int nx = p.mode.y, ny = p.mode.z, i, j;
    vec4 sum = vec4(0.0);
    vec2 off;

    if (nx == 1 && ny == 1)
        return sample_source(centre);
    for (j = 0; j < ny; ++j)
    {
        for (i = 0; i < nx; ++i)
        {
            off = ((float(i) + 0.5) / float(nx) - 0.5) * p.tap_step.xy
                    + ((float(j) + 0.5) / float(ny) - 0.5) * p.tap_step.zw;
            sum += sample_source(centre + off);
        }
    }
    return sum / float(nx * ny);
}

/* sRGB curve for the linear-light (G10) RGB surfaces: blending happens gamma-encoded. */
vec3 encode_gamma(vec3 l)
{
    l = max(l, vec3(0.0));
    return mix(1.055 * pow(l, vec3(1.0 / 2.4)) - 0.055, 12.92 * l, lessThanEqual(l, vec3(0.0031308)));
}

vec3 decode_gamma(vec3 v)
{
    v = max(v, vec3(0.0));
    return mix(pow((v + 0.055) / 1.055, vec3(2.4)), v / 12.92, lessThanEqual(v, vec3(0.04045)));
}

bool inside(ivec2 pix, ivec4 rect)
{
    return all(greaterThanEqual(pix, rect.xy)) && all(lessThan(pix, rect.zw));
}

/* Output stored values <-> output code values: codes are quant.y stored units; integer formats
 * round to whole codes (quant.x is the largest), float ones do not (quant.x is 0). */
vec4 from_stored(vec4 v)
{
    if (DST_KIND == VP_KIND_SINGLE)
    {
        if (p.swizzle.y == VP_SWIZZLE_AYUV)
            v = v.bgra;
        else if (p.swizzle.y == VP_SWIZZLE_Y410)
            v = v.grba;
    }
    if (has_flag(VP_FLAG_DST_LINEAR))
        v.xyz = encode_gamma(v.xyz);
    v.xyz /= p.quant.y;
    return v;
}

vec3 to_stored(vec3 c)
{
    if (p.quant.x > 0.0)
        c = clamp(round(c), 0.0, p.quant.x);
    c *= p.quant.y;
    if (has_flag(VP_FLAG_DST_LINEAR))
        c = decode_gamma(c);
    return c;
}

vec4 swizzle_out(vec3 c, float a)
{
    if (p.swizzle.y == VP_SWIZZLE_AYUV)
        return vec4(c.z, c.y, c.x, a);
    if (p.swizzle.y == VP_SWIZZLE_Y410)
        return vec4(c.y, c.x, c.z, a);
    return vec4(c, a);
}

void main()
{
    ivec2 block = ivec2(gl_GlobalInvocationID.xy), origin, pix[4];
    bool in_target[4], need_old = has_flag(VP_FLAG_READ_DST);
    vec4 old[4], col[4], s, o;
    float a, luma;
    int i;

    if (block.x >= p.region.z || block.y >= p.region.w)
        return;
    origin = (p.region.xy + block) * ivec2(BLOCK_W, BLOCK_H);

    for (i = 0; i < BLOCK_SIZE; ++i)
    {
        pix[i] = origin + ivec2(i % BLOCK_W, i / BLOCK_W);
        in_target[i] = inside(pix[i], p.target);
        /* Subsampled outputs rewrite whole chroma samples: keep what lies outside. */
        if (!in_target[i] && DST_KIND != VP_KIND_SINGLE)
            need_old = true;
    }

    if (need_old)
    {
        if (DST_KIND == VP_KIND_PLANAR_420)
        {
            vec2 c = imageLoad(dst1, origin >> 1).rg;

            for (i = 0; i < 4; ++i)
                old[i] = from_stored(vec4(imageLoad(dst0, pix[i]).r, c, 1.0));
        }
        else if (DST_KIND == VP_KIND_PACKED_422)
        {
            for (i = 0; i < BLOCK_SIZE; i += 2)
            {
                vec4 t = imageLoad(dst0, ivec2(origin.x >> 1, pix[i].y));

                old[i] = from_stored(vec4(t.r, t.g, t.a, 1.0));
                old[i + 1] = from_stored(vec4(t.b, t.g, t.a, 1.0));
            }
        }
        else
        {
            for (i = 0; i < BLOCK_SIZE; ++i)
                old[i] = in_target[i] ? from_stored(imageLoad(dst0, pix[i])) : vec4(0.0);
        }
    }
    else
    {
        for (i = 0; i < BLOCK_SIZE; ++i)
            old[i] = vec4(0.0, 0.0, 0.0, 1.0);
    }

    for (i = 0; i < BLOCK_SIZE; ++i)
    {
        if (!in_target[i])
        {
            col[i] = old[i];
            continue;
        }
        if (has_flag(VP_FLAG_FIRST_PASS))
            col[i] = vec4(p.background.xyz, has_flag(VP_FLAG_KEEP_ALPHA) ? old[i].w : p.background.w);
        else
            col[i] = old[i];

        if (!has_flag(VP_FLAG_HAS_STREAM) || !inside(pix[i], p.stream_rect))
            continue;
        s = sample_footprint(vec2(dot(p.coord_x.xyz, vec3(vec2(pix[i]) + 0.5, 1.0)),
                dot(p.coord_y.xyz, vec3(vec2(pix[i]) + 0.5, 1.0))));
        if (has_flag(VP_FLAG_SRC_LINEAR))
            s.xyz = encode_gamma(s.xyz);
        o = p.color * vec4(s.xyz, 1.0);
        luma = o.w;
        if (has_flag(VP_FLAG_GAMUT))
        {
            /* BT.2020 <-> BT.709 primaries, in linear light (gamma 2.2, the DXGI "G22"). */
            vec3 l = mat3(p.gamut) * pow(max(o.xyz, vec3(0.0)), vec3(2.2));

            o.xyz = (p.color2 * vec4(pow(max(l, vec3(0.0)), vec3(1.0 / 2.2)), 1.0)).xyz;
        }
        a = (has_flag(VP_FLAG_SRC_OPAQUE) ? 1.0 : s.w) * p.alpha.x;
        if (has_flag(VP_FLAG_LUMA_KEY) && luma >= p.alpha.y && luma <= p.alpha.z)
            a = 0.0;
        col[i].xyz = mix(col[i].xyz, o.xyz, a);
        if (has_flag(VP_FLAG_ALPHA_FROM_SRC))
            col[i].w = a;
    }

    if (DST_KIND == VP_KIND_PLANAR_420)
    {
        vec2 c = vec2(0.0);
        bool any = false;

        for (i = 0; i < 4; ++i)
        {
            c += col[i].yz;
            if (!in_target[i])
                continue;
            any = true;
            imageStore(dst0, pix[i], vec4(to_stored(col[i].xxx).x));
        }
        /* The chroma sample is the average of its four pixels (a box filter whatever the
         * siting): pixels outside the target rect contribute the chroma they already had. */
        if (any)
            imageStore(dst1, origin >> 1, vec4(to_stored(vec3(0.0, c * 0.25)).yz, 0.0, 0.0));
    }
    else if (DST_KIND == VP_KIND_PACKED_422)
    {
        for (i = 0; i < BLOCK_SIZE; i += 2)
        {
            vec2 c = (col[i].yz + col[i + 1].yz) * 0.5;
            vec3 y0, y1;

            if (!in_target[i] && !in_target[i + 1])
                continue;
            y0 = to_stored(vec3(col[i].x, c));
            y1 = to_stored(col[i + 1].xyz);
            imageStore(dst0, ivec2(origin.x >> 1, pix[i].y), vec4(y0.x, y0.y, y1.x, y0.z));
        }
    }
    else
    {
        for (i = 0; i < BLOCK_SIZE; ++i)
        {
            if (in_target[i])
                imageStore(dst0, pix[i], swizzle_out(to_stored(col[i].xyz), col[i].w));
        }
    }
}
