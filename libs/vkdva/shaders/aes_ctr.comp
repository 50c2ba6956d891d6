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
 * upper counter words stay fixed within one dispatch.
 *
 * Each invocation handles AES_BLOCKS_PER_INVOCATION blocks per iteration, either one block
 * after the other (AES_INTERLEAVE 0, the default) or round by round across them, which reads
 * each round key once per round for all of them and gives the GPU independent work to
 * interleave (1: one key after the other; 2: both keys at once). */

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

/* The blocks of an invocation and, round by round, their AES states (AES_INTERLEAVE). */
uvec4 data[AES_BLOCKS_PER_INVOCATION];
uvec4 state_a[AES_BLOCKS_PER_INVOCATION];
uvec4 state_b[AES_BLOCKS_PER_INVOCATION];
/* AES_REGISTER_KEYS: the key schedules of aes_key_schedule(), per invocation. */
uvec4 register_rk[2][11];
uvec4 register_r1[2];

uvec4 round_key(uint key, uint round)
{
    if (AES_REGISTER_KEYS != 0u)
        return register_rk[key][round];
    return aes_rk4[key][round];
}

uvec4 round1(uint key, uint lo)
{
    if (AES_REGISTER_KEYS != 0u)
        return aes_ctr_round1(lo, register_rk[key][0].w, register_r1[key]);
    return aes_ctr_round1(lo, aes_rk4[key][0].w, uvec4(aes_r1[key][0], aes_r1[key][1], aes_r1[key][2], aes_r1[key][3]));
}

/* XORs the keystream of one key into data[], whose block j has the low counter word
 * lo + j * workgroup size: round by round, each round key read once for all the blocks. */
void keystream_one(uint key, uint lo)
{
    uvec4 rk;

    [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        state_a[j] = round1(key, lo + j * gl_WorkGroupSize.x);
    [[unroll]] for (uint round = 2u; round < 10u; ++round)
    {
        rk = round_key(key, round);
        [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
            state_a[j] = aes_round_rk(state_a[j], rk);
    }
    rk = round_key(key, 10u);
    [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        data[j] ^= aes_final_round_rk(state_a[j], rk);
}

/* The same for both keys at once (twice the independent work per round, twice the state). */
void keystream_both(uint block)
{
    uvec4 rka, rkb;

    [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
    {
        state_a[j] = round1(0u, params.ctr_a.w + block + j * gl_WorkGroupSize.x);
        state_b[j] = round1(1u, params.ctr_b.w + block + j * gl_WorkGroupSize.x);
    }
    [[unroll]] for (uint round = 2u; round < 10u; ++round)
    {
        rka = round_key(0u, round);
        rkb = round_key(1u, round);
        [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        {
            state_a[j] = aes_round_rk(state_a[j], rka);
            state_b[j] = aes_round_rk(state_b[j], rkb);
        }
    }
    rka = round_key(0u, 10u);
    rkb = round_key(1u, 10u);
    [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        data[j] ^= aes_final_round_rk(state_a[j], rka) ^ aes_final_round_rk(state_b[j], rkb);
}

void main()
{
    uint size = gl_WorkGroupSize.x, per_group = size * AES_BLOCKS_PER_INVOCATION;
    uint id = gl_LocalInvocationIndex;
    bool a = (params.flags & AES_FLAG_A) != 0u, b = (params.flags & AES_FLAG_B) != 0u;

    if (AES_REGISTER_KEYS != 0u)
    {
        /* No serial phase: the tables need the barrier, the keys do not. */
        aes_setup_tables();
        if (a)
            aes_key_schedule(params.key_a, params.ctr_a.xyz, register_rk[0], register_r1[0]);
        if (b)
            aes_key_schedule(params.key_b, params.ctr_b.xyz, register_rk[1], register_r1[1]);
        barrier();
    }
    else
    {
        aes_setup();
    }

    /* Block i of a group goes to invocation i % size, so each load and store instruction of a
     * subgroup covers one contiguous run of memory. With fewer groups than chunks of per_group
     * blocks (VKDVA_AES_VARIANT g), each group loops over several. */
    for (uint base = gl_WorkGroupID.x * per_group; base < params.count; base += gl_NumWorkGroups.x * per_group)
    {
        [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        {
            uint block = base + j * size + id;

            if (block < params.count)
                data[j] = src[params.src_base + block];
        }
        if (AES_INTERLEAVE == 0u && AES_REGISTER_KEYS == 0u)
        {
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
            continue;
        }

        /* Round by round over all blocks of the invocation, those past the end included (their
         * keystream is not stored): no divergence inside the rounds. */
        if (AES_INTERLEAVE == 2u && a && b)
        {
            keystream_both(base + id);
        }
        else
        {
            if (a)
                keystream_one(0u, params.ctr_a.w + base + id);
            if (b)
                keystream_one(1u, params.ctr_b.w + base + id);
        }
        [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        {
            uint block = base + j * size + id;

            if (block < params.count)
                dst[params.dst_base + block] = data[j];
        }
    }
}
