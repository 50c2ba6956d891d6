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

#version 450
#extension GL_GOOGLE_include_directive : require

/* AES-128-CTR at byte granularity: any offsets, any size, and D3D11_ENCRYPTED_BLOCK_INFO
 * patterns on the "from" side. Range byte p (0 <= p < count) is src byte src_base + p and dst
 * byte dst_base + p (bytes from the bound ranges' starts). Each invocation owns one aligned
 * 16-byte piece of dst, so no two invocations write the same word; bytes of that piece outside
 * the range are written back unchanged.
 *
 * "to" keystream byte of p: byte p % 16 of AES_b(ctr_b + p / 16). "from": the same with key a
 * when there is no pattern; with one, only encrypted bytes are decrypted and the counter
 * advances over encrypted bytes only (ISO/IEC 23001-7 'cenc'): encrypted byte number e uses
 * byte e % 16 of AES_a(ctr_a + e / 16). Pattern (F, S, E): the first F bytes are encrypted,
 * then S clear and E encrypted bytes repeat to the end; E = 0 leaves the rest clear (the
 * (100, 0, 0) example of D3D11_1DDI_ENCRYPTED_BLOCK_INFO). */

#include "aes.glsl"

layout(std430, binding = 0) readonly buffer aes_src
{
    uint src[];
};

layout(std430, binding = 1) buffer aes_dst
{
    uint dst[];
};

bool pattern_encrypted(uint p)
{
    if (p < params.pattern_first)
        return true;
    if (params.pattern_encrypt == 0u)
        return false;
    return (p - params.pattern_first) % (params.pattern_skip + params.pattern_encrypt) >= params.pattern_skip;
}

/* How many encrypted bytes precede range byte p. */
uint pattern_encrypted_before(uint p)
{
    uint period, r, m;

    if (p <= params.pattern_first)
        return p;
    if (params.pattern_encrypt == 0u)
        return params.pattern_first;
    period = params.pattern_skip + params.pattern_encrypt;
    r = p - params.pattern_first;
    m = r % period;
    return params.pattern_first + (r / period) * params.pattern_encrypt
            + (m > params.pattern_skip ? m - params.pattern_skip : 0u);
}

/* Two consecutive keystream blocks, for block indices ctr.zw + first and the one after
 * (64-bit additions). */
void keystream2(uvec4 ctr, uint first, uint key, out uvec4 k0, out uvec4 k1)
{
    uint carry0, carry1, lo0, lo1;

    lo0 = uaddCarry(ctr.w, first, carry0);
    lo1 = uaddCarry(lo0, 1u, carry1);
    k0 = aes_encrypt(uvec4(ctr.x, ctr.y, ctr.z + carry0, lo0), key);
    k1 = aes_encrypt(uvec4(ctr.x, ctr.y, ctr.z + carry0 + carry1, lo1), key);
}

uint keystream_byte(uvec4 k0, uvec4 k1, uint i)
{
    uvec4 k = i < 16u ? k0 : k1;

    return (k[(i >> 2) & 3u] >> ((i & 3u) * 8u)) & 0xffu;
}

void main()
{
    uint count = params.count, begin = params.dst_base, end = begin + count;
    bool a = (params.flags & AES_FLAG_A) != 0u, b = (params.flags & AES_FLAG_B) != 0u;
    bool pattern = (params.flags & AES_FLAG_PATTERN) != 0u;
    uint pieces = (end + 15u) / 16u;
    uvec4 ka0, ka1, kb0, kb1;

    aes_setup();

    for (uint piece = gl_GlobalInvocationID.x; piece < pieces; piece += gl_NumWorkGroups.x * gl_WorkGroupSize.x)
    {
        uint q0 = max(piece * 16u, begin), p0 = q0 - begin, e0 = 0u, e;

        if (piece * 16u + 16u <= begin)
            continue;
        if (b)
            keystream2(params.ctr_b, p0 / 16u, 1u, kb0, kb1);
        if (a)
        {
            e0 = pattern ? pattern_encrypted_before(p0) : p0;
            keystream2(params.ctr_a, e0 / 16u, 0u, ka0, ka1);
        }
        e = e0;
        for (uint w = 0u; w < 4u; ++w)
        {
            uint word_index = piece * 4u + w, value = 0u;
            bool whole = word_index * 4u >= begin && word_index * 4u + 4u <= end;

            if (!whole)
                value = dst[word_index];
            for (uint t = 0u; t < 4u; ++t)
            {
                uint q = word_index * 4u + t, p, s, byte;

                if (q < begin || q >= end)
                    continue;
                p = q - begin;
                s = params.src_base + p;
                byte = (src[s >> 2] >> ((s & 3u) * 8u)) & 0xffu;
                if (b)
                    byte ^= keystream_byte(kb0, kb1, p - (p0 & ~15u));
                if (a && (!pattern || pattern_encrypted(p)))
                {
                    byte ^= keystream_byte(ka0, ka1, e - (e0 & ~15u));
                    ++e;
                }
                value = (value & ~(0xffu << (t * 8u))) | (byte << (t * 8u));
            }
            dst[word_index] = value;
        }
    }
}
