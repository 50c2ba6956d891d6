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

/* The parameters of one video processor pass (one stream of one blit); mirrored by
 * struct vp_params in vp_blit.c, std140. */

#define VP_KIND_PLANAR_420 0
#define VP_KIND_PACKED_422 1
#define VP_KIND_SINGLE 2

#define VP_SWIZZLE_RGBA 0
/* AYUV: V, U, Y, A in the R, G, B, A channels (DXGI_FORMAT_AYUV). */
#define VP_SWIZZLE_AYUV 1
/* Y410: U, Y, V, A (DXGI_FORMAT_Y410). */
#define VP_SWIZZLE_Y410 2

/* The pass starts from the background colour (else from the output's current content). */
#define VP_FLAG_FIRST_PASS      0x001u
#define VP_FLAG_HAS_STREAM      0x002u
/* The source is one field of an interlaced frame (bob): mode.w is its row parity. */
#define VP_FLAG_FIELD           0x004u
#define VP_FLAG_LUMA_KEY        0x008u
#define VP_FLAG_SRC_LINEAR      0x010u
#define VP_FLAG_DST_LINEAR      0x020u
/* D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_SOURCE_STREAM names this pass's stream. */
#define VP_FLAG_ALPHA_FROM_SRC  0x040u
/* Read every output pixel first (blending over earlier passes, DESTINATION alpha). */
#define VP_FLAG_READ_DST        0x080u
/* Keep the output's alpha (DESTINATION alpha fill mode). */
#define VP_FLAG_KEEP_ALPHA      0x100u
/* The source has no alpha channel (or must be shown opaque). */
#define VP_FLAG_SRC_OPAQUE      0x200u
/* One source texel per output pixel, no rotation: luma needs no filtering. */
#define VP_FLAG_UNSCALED        0x400u
/* Chroma through the linear sampler (unscaled progressive 4:2:0, where it is exact). */
#define VP_FLAG_LINEAR_CHROMA   0x800u
/* Source and output primaries differ: color gives source R'G'B', gamut converts linear light,
 * color2 gives output code values. */
#define VP_FLAG_GAMUT           0x1000u

layout(std140, binding = 4) uniform vp_params
{
    /* Source values (after the swizzle) to output code values (xyz) and to the source's
     * normalised luma for the luma key (w). */
    mat4 color;
    /* The background in output code values, and the alpha the fill mode starts from. */
    vec4 background;
    /* Output pixel centre (x, y) to source luma position: x' = dot(coord_x.xyz, (x, y, 1)). */
    vec4 coord_x;
    vec4 coord_y;
    /* The source footprint of one output pixel: xy per output column, zw per output row. */
    vec4 tap_step;
    /* Clamp bounds of source positions (texel centres of the source rect), luma and chroma. */
    vec4 luma_rect;
    vec4 chroma_rect;
    /* Chroma plane position = luma position * xy + zw. */
    vec4 chroma_map;
    /* x: planar alpha, y/z: luma key lower/upper bound. */
    vec4 alpha;
    /* x: largest output code (0 for float formats: no rounding), y: code to stored value. */
    vec4 quant;
    /* Rectangles in output pixels: left, top, right, bottom. */
    ivec4 target;
    ivec4 stream_rect;
    /* First block (xy) and block count (zw) of the dispatch, in output chroma samples. */
    ivec4 region;
    /* x: VP_FLAG_*, y/z: area filter taps per output column/row, w: field parity. */
    ivec4 mode;
    /* x: source swizzle, y: output swizzle. */
    ivec4 swizzle;
    /* 1 / size in texels of the source's plane 0 (xy) and plane 1 (zw). */
    vec4 inv_size;
    /* VP_FLAG_GAMUT: R'G'B' (output primaries) to output code values, and linear RGB of the
     * source primaries to linear RGB of the output's (upper 3x3). */
    mat4 color2;
    mat4 gamut;
} p;
