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

/* AES-128-CTR over whole 16-byte blocks at 16-byte aligned offsets, without a block pattern:
 * dst[i] = src[i] ^ AES_a(ctr_a + i) ^ AES_b(ctr_b + i), either side optional. This is the
 * re-encrypt of FinishSessionKeyRefresh, the transcrypt of EncryptionBlt and whole-surface
 * decryption; aes_ctr_bytes.comp handles everything else. The host splits ranges so that the
 * upper counter words stay fixed within one dispatch. */

#include "aes.glsl"

layout(constant_id = 3) const uint AES_BLOCKS_PER_INVOCATION = 4;

layout(std430, binding = 0) readonly buffer aes_src
{
    uvec4 src[];
};

layout(std430, binding = 1) writeonly buffer aes_dst
{
    uvec4 dst[];
};

void main()
{
    uint size = gl_WorkGroupSize.x, per_group = size * AES_BLOCKS_PER_INVOCATION;
    uint id = gl_LocalInvocationIndex;
    bool a = (params.flags & AES_FLAG_A) != 0u, b = (params.flags & AES_FLAG_B) != 0u;
    uvec4 data[AES_BLOCKS_PER_INVOCATION];

    aes_setup();

    /* Block i of a group goes to invocation i % size, so each load and store instruction of a
     * subgroup covers one contiguous run of memory. */
    for (uint base = gl_WorkGroupID.x * per_group; base < params.count; base += gl_NumWorkGroups.x * per_group)
    {
        [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        {
            uint block = base + j * size + id;

            if (block < params.count)
                data[j] = src[params.src_base + block];
        }
        [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        {
            uint block = base + j * size + id;

            if (block < params.count)
            {
                if (a)
                    data[j] ^= aes_encrypt_ctr(params.ctr_a.w + block, 0u);
                if (b)
                    data[j] ^= aes_encrypt_ctr(params.ctr_b.w + block, 1u);
                dst[params.dst_base + block] = data[j];
            }
        }
    }
}
