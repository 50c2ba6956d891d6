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

/* The one AES-128 implementation of vkdva (FIPS-197), shared by every compute pass that
 * encrypts or decrypts (aes_ctr.comp, aes_ctr_bytes.comp).
 *
 * T-table AES: state and round keys are four big-endian column words (byte 0 of a block in
 * bits 24-31 of word 0), so one round is, per column, four table lookups and four XORs
 * (FIPS-197 5.1, "Implementation suggestions" / the classic Te0..Te3 formulation).
 *
 * The tables live in workgroup shared memory, replicated AES_REPLICAS times and interleaved so
 * that replica r of entry b sits in bank r (b * AES_REPLICAS + r): with 32 replicas every lane
 * of a 32-wide subgroup reads its own bank and random lookups never conflict (Tezcan, IEEE
 * Access 9, 2021). AES_TABLES = 1 keeps only Te0 and derives Te1..Te3 with rotations (32 KiB
 * for 32 replicas); AES_TABLES = 4 keeps all four (no rotations, four times the memory). The
 * host picks the variant from maxComputeSharedMemorySize or VKDVA_AES_VARIANT (aes.c).
 *
 * The key schedules of both keys are expanded once per workgroup into shared memory, so no
 * buffer has to outlive the command buffer: the raw keys travel in push constants. With
 * AES_REGISTER_KEYS, aes_ctr.comp has every invocation expand them into registers instead
 * (aes_key_schedule), which needs no serial phase; with AES_INTERLEAVE, it reads each round key
 * once per round for several blocks, as one vector (aes_rk4). Both are VKDVA_AES_VARIANT
 * options being measured (docs/PERFORMANCE.md); aes_ctr_bytes.comp ignores them. */

#extension GL_EXT_control_flow_attributes : require

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint AES_TABLES = 1;
layout(constant_id = 2) const uint AES_REPLICAS = 32;
/* aes_ctr.comp only: 0 block by block; 1 round by round over the blocks of an invocation, one
 * key after the other; 2 the same with both keys at once. */
layout(constant_id = 4) const uint AES_INTERLEAVE = 0;
/* aes_ctr.comp only: every invocation expands the keys into registers. */
layout(constant_id = 5) const uint AES_REGISTER_KEYS = 0;
/* aes_ctr.comp with AES_INTERLEAVE only: rounds 1 and 2 share what the blocks of an
 * invocation have in common (aes_ctr.comp, ctr_rounds12). */
layout(constant_id = 6) const uint AES_CTR_CACHE = 0;

/* The parameters of every AES pass (128 bytes, the minimum maxPushConstantsSize). Keys and
 * counters are big-endian words: ctr = (nonce >> 32, nonce, block >> 32, block). */
layout(push_constant, std430) uniform aes_parameters
{
    uvec4 key_a;        /* "from": decrypts. */
    uvec4 key_b;        /* "to": encrypts. */
    uvec4 ctr_a;
    uvec4 ctr_b;
    uint src_base;      /* aes_ctr.comp: in 16-byte units; aes_ctr_bytes.comp: in bytes. */
    uint dst_base;
    uint count;         /* aes_ctr.comp: blocks; aes_ctr_bytes.comp: bytes. */
    uint flags;
    uint pattern_first; /* D3D11_ENCRYPTED_BLOCK_INFO, "from" side only. */
    uint pattern_skip;
    uint pattern_encrypt;
} params;

#define AES_FLAG_A 0x1u
#define AES_FLAG_B 0x2u
#define AES_FLAG_PATTERN 0x4u

/* The FIPS-197 S-box (figure 7). Only read while a workgroup fills its tables. */
const uint aes_sbox[256] = uint[256](
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16);

/* Replicated tables: entry b of table k, replica r at ((k * 256 + b) * AES_REPLICAS + r). */
shared uint aes_t[256 * AES_TABLES * AES_REPLICAS];
/* Round keys 0-39 of key a (0) and b (1) as big-endian words; the last round key is stored
 * byte-swapped because the last round assembles little-endian words (memory order). */
shared uint aes_rk[2][44];
/* Round 1 of a counter block whose first three words are fixed (see aes_encrypt_ctr). */
shared uint aes_r1[2][4];
/* The same round keys as vectors, one per round, for AES_INTERLEAVE without
 * AES_REGISTER_KEYS (one 16-byte shared load per round key). */
shared uvec4 aes_rk4[2][11];

uint aes_lane;

uint aes_rotr(uint x, uint n)
{
    return (x >> n) | (x << (32u - n));
}

/* Te0[b] = (2s, s, s, 3s), s = S[b] (FIPS-197 5.1.3 MixColumns applied to one byte). */
uint aes_te0_value(uint b)
{
    uint s = aes_sbox[b];
    uint s2 = ((s << 1) ^ ((s & 0x80u) != 0u ? 0x1bu : 0u)) & 0xffu;

    return (s2 << 24) | (s << 16) | (s << 8) | (s2 ^ s);
}

/* Te_k[b] for k = 0..3 where k is a compile-time constant after unrolling. */
uint aes_te(uint k, uint b)
{
    if (AES_TABLES == 4u)
        return aes_t[((k << 8) | b) * AES_REPLICAS | aes_lane];
    if (k == 0u)
        return aes_t[b * AES_REPLICAS | aes_lane];
    return aes_rotr(aes_t[b * AES_REPLICAS | aes_lane], 8u * k);
}

uint aes_sub_word(uint x)
{
    return (aes_sbox[x >> 24] << 24) | (aes_sbox[(x >> 16) & 0xffu] << 16)
            | (aes_sbox[(x >> 8) & 0xffu] << 8) | aes_sbox[x & 0xffu];
}

uint aes_bswap(uint x)
{
    return (x << 24) | ((x & 0xff00u) << 8) | ((x >> 8) & 0xff00u) | (x >> 24);
}

/* One round on the state in s with round key rk (FIPS-197 5.1.1-5.1.4 combined through the
 * T-tables). */
uvec4 aes_round_rk(uvec4 s, uvec4 rk)
{
    uvec4 t;

    t.x = aes_te(0u, s.x >> 24) ^ aes_te(1u, (s.y >> 16) & 0xffu) ^ aes_te(2u, (s.z >> 8) & 0xffu)
            ^ aes_te(3u, s.w & 0xffu) ^ rk.x;
    t.y = aes_te(0u, s.y >> 24) ^ aes_te(1u, (s.z >> 16) & 0xffu) ^ aes_te(2u, (s.w >> 8) & 0xffu)
            ^ aes_te(3u, s.x & 0xffu) ^ rk.y;
    t.z = aes_te(0u, s.z >> 24) ^ aes_te(1u, (s.w >> 16) & 0xffu) ^ aes_te(2u, (s.x >> 8) & 0xffu)
            ^ aes_te(3u, s.y & 0xffu) ^ rk.z;
    t.w = aes_te(0u, s.w >> 24) ^ aes_te(1u, (s.x >> 16) & 0xffu) ^ aes_te(2u, (s.y >> 8) & 0xffu)
            ^ aes_te(3u, s.z & 0xffu) ^ rk.w;
    return t;
}

uvec4 aes_round(uvec4 s, uint key, uint round)
{
    return aes_round_rk(s, uvec4(aes_rk[key][round * 4u], aes_rk[key][round * 4u + 1u],
            aes_rk[key][round * 4u + 2u], aes_rk[key][round * 4u + 3u]));
}

/* The last round (no MixColumns), producing little-endian words: the keystream in memory
 * order, ready to XOR into data loaded as uint. S[b] is byte 1 of Te0[b]; rk is the last round
 * key byte-swapped. */
uvec4 aes_final_round_rk(uvec4 s, uvec4 rk)
{
    uvec4 t;

    t.x = ((aes_te(0u, s.x >> 24) >> 8) & 0xffu) | (aes_te(0u, (s.y >> 16) & 0xffu) & 0xff00u)
            | (aes_te(0u, (s.z >> 8) & 0xffu) & 0xff0000u) | ((aes_te(0u, s.w & 0xffu) << 8) & 0xff000000u);
    t.y = ((aes_te(0u, s.y >> 24) >> 8) & 0xffu) | (aes_te(0u, (s.z >> 16) & 0xffu) & 0xff00u)
            | (aes_te(0u, (s.w >> 8) & 0xffu) & 0xff0000u) | ((aes_te(0u, s.x & 0xffu) << 8) & 0xff000000u);
    t.z = ((aes_te(0u, s.z >> 24) >> 8) & 0xffu) | (aes_te(0u, (s.w >> 16) & 0xffu) & 0xff00u)
            | (aes_te(0u, (s.x >> 8) & 0xffu) & 0xff0000u) | ((aes_te(0u, s.y & 0xffu) << 8) & 0xff000000u);
    t.w = ((aes_te(0u, s.w >> 24) >> 8) & 0xffu) | (aes_te(0u, (s.x >> 16) & 0xffu) & 0xff00u)
            | (aes_te(0u, (s.y >> 8) & 0xffu) & 0xff0000u) | ((aes_te(0u, s.z & 0xffu) << 8) & 0xff000000u);
    return t ^ rk;
}

uvec4 aes_final_round(uvec4 s, uint key)
{
    return aes_final_round_rk(s, uvec4(aes_rk[key][40], aes_rk[key][41], aes_rk[key][42], aes_rk[key][43]));
}

/* AES-128 of any block (big-endian words in), keystream in memory order out. */
uvec4 aes_encrypt(uvec4 block, uint key)
{
    uvec4 s = block ^ uvec4(aes_rk[key][0], aes_rk[key][1], aes_rk[key][2], aes_rk[key][3]);

    [[unroll]] for (uint round = 1u; round < 10u; ++round)
        s = aes_round(s, key, round);
    return aes_final_round(s, key);
}

/* AES-128 of the counter block (ctr.x, ctr.y, ctr.z, lo) where ctr.xyz are the words
 * aes_setup() precomputed round 1 for: after round 0 only the last column varies, so round 1
 * needs four lookups instead of sixteen (counter-mode caching, Bernstein and Schwabe). */
uvec4 aes_encrypt_ctr(uint lo, uint key)
{
    uint a = lo ^ aes_rk[key][3];
    uvec4 s;

    s.x = aes_r1[key][0] ^ aes_te(3u, a & 0xffu);
    s.y = aes_r1[key][1] ^ aes_te(2u, (a >> 8) & 0xffu);
    s.z = aes_r1[key][2] ^ aes_te(1u, (a >> 16) & 0xffu);
    s.w = aes_r1[key][3] ^ aes_te(0u, a >> 24);
    [[unroll]] for (uint round = 2u; round < 10u; ++round)
        s = aes_round(s, key, round);
    return aes_final_round(s, key);
}

/* The state after round 1 of counter block (ctr.xyz, lo), as in aes_encrypt_ctr, for callers
 * that keep the keys elsewhere: rk0w is the last word of round key 0, r1 what aes_ctr_r1()
 * computed for ctr.xyz. */
uvec4 aes_ctr_round1(uint lo, uint rk0w, uvec4 r1)
{
    uint a = lo ^ rk0w;

    return r1 ^ uvec4(aes_te(3u, a & 0xffu), aes_te(2u, (a >> 8) & 0xffu), aes_te(1u, (a >> 16) & 0xffu),
            aes_te(0u, a >> 24));
}

/* Te_k[b] straight from the S-box, for the one invocation that expands a key. */
uint aes_te_direct(uint k, uint b)
{
    uint v = aes_te0_value(b);

    return k == 0u ? v : aes_rotr(v, 8u * k);
}

/* FIPS-197 5.2: round key i from round key i - 1 (rcon: Rcon[i] >> 24). */
uvec4 aes_next_round_key(uvec4 w, uint rcon)
{
    w.x ^= aes_sub_word(aes_rotr(w.w, 24u)) ^ (rcon << 24);
    w.y ^= w.x;
    w.z ^= w.y;
    w.w ^= w.z;
    return w;
}

/* Round 1 of a counter block whose first three words are ctr.xyz, without the four lookups
 * that depend on its last word (aes_encrypt_ctr and aes_ctr_round1 add them). */
uvec4 aes_ctr_r1(uvec3 ctr, uvec4 rk0, uvec4 rk1)
{
    uint a0 = ctr.x ^ rk0.x, a1 = ctr.y ^ rk0.y, a2 = ctr.z ^ rk0.z;
    uvec4 r1;

    r1.x = aes_te_direct(0u, a0 >> 24) ^ aes_te_direct(1u, (a1 >> 16) & 0xffu)
            ^ aes_te_direct(2u, (a2 >> 8) & 0xffu) ^ rk1.x;
    r1.y = aes_te_direct(0u, a1 >> 24) ^ aes_te_direct(1u, (a2 >> 16) & 0xffu)
            ^ aes_te_direct(3u, a0 & 0xffu) ^ rk1.y;
    r1.z = aes_te_direct(0u, a2 >> 24) ^ aes_te_direct(2u, (a0 >> 8) & 0xffu)
            ^ aes_te_direct(3u, a1 & 0xffu) ^ rk1.z;
    r1.w = aes_te_direct(1u, (a0 >> 16) & 0xffu) ^ aes_te_direct(2u, (a1 >> 8) & 0xffu)
            ^ aes_te_direct(3u, a2 & 0xffu) ^ rk1.w;
    return r1;
}

const uint aes_rcon[10] = uint[10](0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36);

/* FIPS-197 5.2 key expansion into aes_rk[key] (and aes_rk4[key] for AES_INTERLEAVE), then
 * round 1 of a counter block whose first three words are ctr.xyz, by one invocation. */
void aes_expand_key(uint key, uvec4 k, uvec3 ctr)
{
    uvec4 w = k, rk1 = uvec4(0u);

    aes_rk[key][0] = w.x;
    aes_rk[key][1] = w.y;
    aes_rk[key][2] = w.z;
    aes_rk[key][3] = w.w;
    if (AES_INTERLEAVE != 0u && AES_REGISTER_KEYS == 0u)
        aes_rk4[key][0] = w;
    for (uint i = 1u; i <= 10u; ++i)
    {
        w = aes_next_round_key(w, aes_rcon[i - 1u]);
        if (i == 1u)
            rk1 = w;
        if (i == 10u)
            w = uvec4(aes_bswap(w.x), aes_bswap(w.y), aes_bswap(w.z), aes_bswap(w.w));
        aes_rk[key][i * 4u] = w.x;
        aes_rk[key][i * 4u + 1u] = w.y;
        aes_rk[key][i * 4u + 2u] = w.z;
        aes_rk[key][i * 4u + 3u] = w.w;
        if (AES_INTERLEAVE != 0u && AES_REGISTER_KEYS == 0u)
            aes_rk4[key][i] = w;
    }
    w = aes_ctr_r1(ctr, k, rk1);
    aes_r1[key][0] = w.x;
    aes_r1[key][1] = w.y;
    aes_r1[key][2] = w.z;
    aes_r1[key][3] = w.w;
}

/* The same in registers, by every invocation (AES_REGISTER_KEYS): rk[10] is byte-swapped
 * (aes_final_round_rk). The S-box is read from the constant array with indices that are the
 * same in every invocation. */
void aes_key_schedule(uvec4 k, uvec3 ctr, out uvec4 rk[11], out uvec4 r1)
{
    rk[0] = k;
    [[unroll]] for (uint i = 1u; i <= 10u; ++i)
        rk[i] = aes_next_round_key(rk[i - 1u], aes_rcon[i - 1u]);
    rk[10] = uvec4(aes_bswap(rk[10].x), aes_bswap(rk[10].y), aes_bswap(rk[10].z), aes_bswap(rk[10].w));
    r1 = aes_ctr_r1(ctr, rk[0], rk[1]);
}

/* Every invocation of the workgroup takes part in filling the replicated tables; a barrier
 * must follow before the first lookup. Consecutive invocations write consecutive words, so the
 * stores of a subgroup go to distinct banks. */
void aes_setup_tables()
{
    uint size = gl_WorkGroupSize.x, total = 256u * AES_TABLES * AES_REPLICAS;
    uint id = gl_LocalInvocationIndex;

    aes_lane = id & (AES_REPLICAS - 1u);
    for (uint i = id; i < total; i += size)
    {
        uint entry = i / AES_REPLICAS;

        aes_t[i] = aes_te_direct(entry >> 8, entry & 0xffu);
    }
}

/* Every invocation of the workgroup calls this first: fills the tables and expands the keys
 * the pass uses into shared memory. */
void aes_setup()
{
    uint size = gl_WorkGroupSize.x, id = gl_LocalInvocationIndex;

    aes_setup_tables();
    /* Two different subgroups (where the workgroup has them) expand the two keys at once. */
    if (id == 0u && (params.flags & AES_FLAG_A) != 0u)
        aes_expand_key(0u, params.key_a, params.ctr_a.xyz);
    if (id == size / 2u && (params.flags & AES_FLAG_B) != 0u)
        aes_expand_key(1u, params.key_b, params.ctr_b.xyz);
    barrier();
}
