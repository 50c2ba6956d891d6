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

/* AES_CTR_CACHE with the keys in shared memory: the part of round 2 that depends only on bits
 * 16-31 of the counter, for the bits of the workgroup's first block (wg_high; ~0u where its
 * first chunk straddles a multiple of 65536 blocks), computed once per workgroup. */
shared uvec4 wg_round2[2];
shared uint wg_high[2];

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

/* state_a[] after rounds 1 and 2 of the counter blocks lo + j * workgroup size. Where the
 * workgroup size is a multiple of 256 and those blocks agree in bits 16-31 (all invocations
 * but those straddling a multiple of 65536 blocks), they differ only in byte 1 of the counter:
 * after round 1 only state word 1 differs (aes_ctr_round1), so three of the four lookups of
 * each column of round 2 are the same for all of them and done once (counter-mode caching
 * carried one round further, after Bernstein and Schwabe). */
void ctr_rounds12(uint key, uint lo)
{
    uint size = gl_WorkGroupSize.x, last = lo + (AES_BLOCKS_PER_INVOCATION - 1u) * size;
    uvec4 rk = round_key(key, 2u), r1, c;
    uint a, x, z, w, y, rk0w;

    if (AES_CTR_CACHE != 0u && AES_REGISTER_KEYS == 0u && (size & 0xffu) == 0u && (lo >> 16) == (last >> 16)
            && wg_high[key] == lo >> 16)
    {
        /* Bytes 2-3 as the workgroup's: only byte 0 (word 0 after round 1) and byte 1 (word 1)
         * are left. */
        rk0w = aes_rk4[key][0].w;
        r1.y = aes_r1[key][1];
        x = aes_r1[key][0] ^ aes_te(3u, (lo ^ rk0w) & 0xffu);
        c = wg_round2[key] ^ uvec4(aes_te(0u, x >> 24), aes_te(3u, x & 0xffu), aes_te(2u, (x >> 8) & 0xffu),
                aes_te(1u, (x >> 16) & 0xffu));
        [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        {
            a = (lo + j * size) ^ rk0w;
            y = r1.y ^ aes_te(2u, (a >> 8) & 0xffu);
            state_a[j] = c ^ uvec4(aes_te(1u, (y >> 16) & 0xffu), aes_te(0u, y >> 24), aes_te(3u, y & 0xffu),
                    aes_te(2u, (y >> 8) & 0xffu));
        }
        return;
    }
    if (AES_CTR_CACHE != 0u && (size & 0xffu) == 0u && (lo >> 16) == (last >> 16))
    {
        if (AES_REGISTER_KEYS != 0u)
        {
            r1 = register_r1[key];
            rk0w = register_rk[key][0].w;
        }
        else
        {
            r1 = uvec4(aes_r1[key][0], aes_r1[key][1], aes_r1[key][2], aes_r1[key][3]);
            rk0w = aes_rk4[key][0].w;
        }
        a = lo ^ rk0w;
        x = r1.x ^ aes_te(3u, a & 0xffu);
        z = r1.z ^ aes_te(1u, (a >> 16) & 0xffu);
        w = r1.w ^ aes_te(0u, a >> 24);
        c.x = aes_te(0u, x >> 24) ^ aes_te(2u, (z >> 8) & 0xffu) ^ aes_te(3u, w & 0xffu) ^ rk.x;
        c.y = aes_te(1u, (z >> 16) & 0xffu) ^ aes_te(2u, (w >> 8) & 0xffu) ^ aes_te(3u, x & 0xffu) ^ rk.y;
        c.z = aes_te(0u, z >> 24) ^ aes_te(1u, (w >> 16) & 0xffu) ^ aes_te(2u, (x >> 8) & 0xffu) ^ rk.z;
        c.w = aes_te(0u, w >> 24) ^ aes_te(1u, (x >> 16) & 0xffu) ^ aes_te(3u, z & 0xffu) ^ rk.w;
        [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        {
            a = (lo + j * size) ^ rk0w;
            y = r1.y ^ aes_te(2u, (a >> 8) & 0xffu);
            state_a[j] = c ^ uvec4(aes_te(1u, (y >> 16) & 0xffu), aes_te(0u, y >> 24), aes_te(3u, y & 0xffu),
                    aes_te(2u, (y >> 8) & 0xffu));
        }
        return;
    }
    [[unroll]] for (uint j = 0u; j < AES_BLOCKS_PER_INVOCATION; ++j)
        state_a[j] = aes_round_rk(round1(key, lo + j * size), rk);
}

/* wg_round2[key] and wg_high[key] for the counters lo_first..lo_last, by one invocation after
 * the setup's barrier (the tables are there), before a second barrier. Doing it in the setup's
 * serial phase instead, with the tables computed directly, measured 1% slower (H200). */
void setup_workgroup_round2(uint key, uint lo_first, uint lo_last)
{
    uint a = lo_first ^ aes_rk4[key][0].w, z, w;

    wg_high[key] = ~0u;
    if ((lo_first >> 16) != (lo_last >> 16) || lo_last < lo_first)
        return;
    z = aes_r1[key][2] ^ aes_te(1u, (a >> 16) & 0xffu);
    w = aes_r1[key][3] ^ aes_te(0u, a >> 24);
    wg_round2[key] = aes_rk4[key][2] ^ uvec4(aes_te(2u, (z >> 8) & 0xffu) ^ aes_te(3u, w & 0xffu),
            aes_te(1u, (z >> 16) & 0xffu) ^ aes_te(2u, (w >> 8) & 0xffu),
            aes_te(0u, z >> 24) ^ aes_te(1u, (w >> 16) & 0xffu), aes_te(0u, w >> 24) ^ aes_te(3u, z & 0xffu));
    wg_high[key] = lo_first >> 16;
}

/* XORs the keystream of one key into data[], whose block j has the low counter word
 * lo + j * workgroup size: round by round, each round key read once for all the blocks. */
void keystream_one(uint key, uint lo)
{
    uvec4 rk;

    ctr_rounds12(key, lo);
    [[unroll]] for (uint round = 3u; round < 10u; ++round)
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
        if (AES_CTR_CACHE != 0u && AES_INTERLEAVE != 0u)
        {
            uint first = gl_WorkGroupID.x * per_group;

            if (id == 0u && a)
                setup_workgroup_round2(0u, params.ctr_a.w + first, params.ctr_a.w + first + per_group - 1u);
            if (id == size / 2u && b)
                setup_workgroup_round2(1u, params.ctr_b.w + first, params.ctr_b.w + first + per_group - 1u);
            barrier();
        }
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
