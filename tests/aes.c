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

/* The GPU AES-128-CTR pass (libs/vkdva/aes.c) against NIST SP 800-38A and an OpenSSL
 * reference. This is an internal test: it links the library's objects and calls
 * vkdva_cmd_aes_ctr() directly, because no D3D11 entry point exposes the raw pass (the
 * content-protection tests cover it through EncryptionBlt/DecryptionBlt). */

/* The library objects define the IIDs (vkdva_main.c): no initguid.h here. */
#include "vkdva_private.h"
#include "d3d11_utils.h"
#include <openssl/evp.h>

struct aes_test_device
{
    ID3D11Device *iface;
    struct d3d11_device *device;
};

static uint64_t rand_state = 0x9e3779b97f4a7c15ull;

static uint8_t rand_byte(void)
{
    rand_state ^= rand_state << 13;
    rand_state ^= rand_state >> 7;
    rand_state ^= rand_state << 17;
    return rand_state >> 24;
}

static void fill_random(uint8_t *data, size_t size)
{
    size_t i;

    for (i = 0; i < size; ++i)
        data[i] = rand_byte();
}

static void random_params(struct vkdva_ctr_params *params)
{
    fill_random(params->key, sizeof(params->key));
    fill_random((uint8_t *)&params->nonce, sizeof(params->nonce));
    params->first_block = rand_byte() | (uint64_t)rand_byte() << 8;
}

/* AES_key(BE64(nonce) || BE64(block)) with OpenSSL (ctx set up for the key in ECB mode). */
static void reference_keystream(EVP_CIPHER_CTX *ctx, const struct vkdva_ctr_params *params, uint64_t block,
        uint8_t out[16])
{
    uint8_t counter[16];
    int len, i;

    for (i = 0; i < 8; ++i)
    {
        counter[i] = params->nonce >> (56 - 8 * i);
        counter[8 + i] = block >> (56 - 8 * i);
    }
    EVP_EncryptUpdate(ctx, out, &len, counter, 16);
}

static EVP_CIPHER_CTX *reference_ctx(const struct vkdva_ctr_params *params)
{
    EVP_CIPHER_CTX *ctx;

    if (!params)
        return NULL;
    ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, params->key, NULL);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    return ctx;
}

static bool reference_encrypted(const D3D11_ENCRYPTED_BLOCK_INFO *pattern, uint64_t p)
{
    uint64_t period;

    if (!pattern || p < pattern->NumEncryptedBytesAtBeginning)
        return true;
    if (!pattern->NumBytesInEncryptPattern)
        return false;
    period = (uint64_t)pattern->NumBytesInSkipPattern + pattern->NumBytesInEncryptPattern;
    return (p - pattern->NumEncryptedBytesAtBeginning) % period >= pattern->NumBytesInSkipPattern;
}

/* The CPU model of vkdva_cmd_aes_ctr(), byte by byte, with OpenSSL's AES. */
static void reference_ctr(const uint8_t *src, uint8_t *dst, size_t size, const struct vkdva_ctr_params *from,
        const struct vkdva_ctr_params *to, const D3D11_ENCRYPTED_BLOCK_INFO *pattern)
{
    EVP_CIPHER_CTX *ctx_from = reference_ctx(from), *ctx_to = reference_ctx(to);
    uint64_t cached_from = UINT64_MAX, cached_to = UINT64_MAX, e = 0;
    uint8_t ks_from[16], ks_to[16];
    size_t p;

    for (p = 0; p < size; ++p)
    {
        uint8_t byte = src[p];

        if (from && reference_encrypted(pattern, p))
        {
            if (cached_from != e / 16)
                reference_keystream(ctx_from, from, from->first_block + (cached_from = e / 16), ks_from);
            byte ^= ks_from[e % 16];
            ++e;
        }
        if (to)
        {
            if (cached_to != p / 16)
                reference_keystream(ctx_to, to, to->first_block + (cached_to = p / 16), ks_to);
            byte ^= ks_to[p % 16];
        }
        dst[p] = byte;
    }
    EVP_CIPHER_CTX_free(ctx_from);
    EVP_CIPHER_CTX_free(ctx_to);
}

/* llvmpipe compiles a pipeline when it first runs it, which for a new layout can take longer
 * than the minute after which vkdva reports a stalled CPU device (command.c): there that
 * report is not an AES failure. A removal still fails the test. */
static bool aes_cpu_device;

static void aes_test_log(void *context, enum vkdva_log_level level, const char *message)
{
    if (aes_cpu_device && level == VKDVA_LOG_LEVEL_ERR && strstr(message, " not reached after "))
    {
        fprintf(stderr, "(llvmpipe compiling) %s", message);
        return;
    }
    d3d11_test_log(context, level, message);
}

static bool init_aes_device(struct aes_test_device *d)
{
    if (!(d->iface = create_device()))
        return false;
    d->device = unsafe_impl_from_ID3D11Device(d->iface);
    aes_cpu_device = d->device->caps.properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
    vkdva_set_log_callback(aes_test_log, NULL);
    return true;
}

/* Runs the pass on the GPU: src bytes at src_offset of one buffer, the result at dst_offset of
 * another (or of the same buffer with in_place). Bytes of dst outside the range must keep the
 * 0xa5 they start with. Returns the dst range in result. */
static HRESULT gpu_ctr(struct aes_test_device *d, const uint8_t *src, size_t src_offset, size_t dst_offset,
        size_t size, bool in_place, const struct vkdva_ctr_params *from, const struct vkdva_ctr_params *to,
        const D3D11_ENCRYPTED_BLOCK_INFO *pattern, uint8_t *result, unsigned int line)
{
    struct vkdva_command_stream *stream = &d->device->immediate_context.stream;
    size_t src_size = src_offset + size + 64, dst_size = dst_offset + size + 64, i;
    VkDeviceMemory src_memory, dst_memory = VK_NULL_HANDLE;
    VkBuffer src_buffer, dst_buffer = VK_NULL_HANDLE;
    uint8_t *src_map, *dst_map;
    bool outside_ok = true;
    VkCommandBuffer vk_cmd;
    HRESULT hr;

    if (in_place)
        dst_offset = src_offset;
    if (FAILED(hr = vkdva_device_create_buffer(d->device, src_size, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0,
            &src_buffer, &src_memory, (void **)&src_map)))
        return hr;
    memset(src_map, 0xa5, src_size);
    memcpy(src_map + src_offset, src, size);
    if (in_place)
    {
        dst_buffer = src_buffer;
        dst_map = src_map;
        dst_size = src_size;
    }
    else if (FAILED(hr = vkdva_device_create_buffer(d->device, dst_size, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0,
            &dst_buffer, &dst_memory, (void **)&dst_map)))
    {
        vkdva_device_destroy_buffer(d->device, src_buffer, src_memory);
        return hr;
    }
    else
    {
        memset(dst_map, 0xa5, dst_size);
    }

    vkdva_device_lock(d->device);
    if (SUCCEEDED(hr = vkdva_command_stream_get(stream, &vk_cmd)))
    {
        hr = vkdva_cmd_aes_ctr(d->device, vk_cmd, src_buffer, src_offset, dst_buffer, dst_offset, size,
                from, to, pattern);
        vkdva_cmd_memory_barrier(d->device, vk_cmd);
        if (SUCCEEDED(hr))
            hr = vkdva_command_stream_flush(stream);
        else
            vkdva_command_stream_flush(stream);
        vkdva_command_stream_wait(stream, stream->submitted_value, false);
    }
    vkdva_device_unlock(d->device);

    memcpy(result, dst_map + dst_offset, size);
    for (i = 0; i < dst_size; ++i)
    {
        if ((i < dst_offset || i >= dst_offset + size) && dst_map[i] != 0xa5)
            outside_ok = false;
    }
    ok_line(line, outside_ok, "A byte outside the range was written (size %zu, offset %zu).\n", size, dst_offset);

    if (dst_memory)
        vkdva_device_destroy_buffer(d->device, dst_buffer, dst_memory);
    vkdva_device_destroy_buffer(d->device, src_buffer, src_memory);
    return hr;
}

static size_t first_difference(const uint8_t *a, const uint8_t *b, size_t size)
{
    size_t i;

    for (i = 0; i < size; ++i)
    {
        if (a[i] != b[i])
            return i;
    }
    return size;
}

/* GPU against the CPU reference over random data. */
#define check_ctr(a, b, c, d, e, f, g, h, i) check_ctr_(__LINE__, a, b, c, d, e, f, g, h, i)
static void check_ctr_(unsigned int line, struct aes_test_device *d, size_t src_offset, size_t dst_offset,
        size_t size, bool in_place, const struct vkdva_ctr_params *from, const struct vkdva_ctr_params *to,
        const D3D11_ENCRYPTED_BLOCK_INFO *pattern, const char *what)
{
    uint8_t *src = calloc(1, size), *expected = calloc(1, size), *result = calloc(1, size);
    size_t diff;
    HRESULT hr;

    fill_random(src, size);
    reference_ctr(src, expected, size, from, to, pattern);
    hr = gpu_ctr(d, src, src_offset, dst_offset, size, in_place, from, to, pattern, result, line);
    ok_line(line, hr == S_OK, "%s: got unexpected hr %#x.\n", what, hr);
    diff = first_difference(result, expected, size);
    ok_line(line, diff == size, "%s (size %zu, offsets %zu/%zu%s): first difference at byte %zu, got %#x, expected %#x.\n",
            what, size, src_offset, dst_offset, in_place ? ", in place" : "", diff,
            diff < size ? result[diff] : 0, diff < size ? expected[diff] : 0);
    free(result);
    free(expected);
    free(src);
}

/* NIST SP 800-38A F.5.1 (CTR-AES128.Encrypt) and F.5.2 (CTR-AES128.Decrypt): the initial
 * counter block f0f1...feff is nonce f0f1f2f3f4f5f6f7 and block f8f9fafbfcfdfeff. */
static const uint8_t nist_plaintext[64] =
{
    0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96, 0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a,
    0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c, 0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51,
    0x30, 0xc8, 0x1c, 0x46, 0xa3, 0x5c, 0xe4, 0x11, 0xe5, 0xfb, 0xc1, 0x19, 0x1a, 0x0a, 0x52, 0xef,
    0xf6, 0x9f, 0x24, 0x45, 0xdf, 0x4f, 0x9b, 0x17, 0xad, 0x2b, 0x41, 0x7b, 0xe6, 0x6c, 0x37, 0x10,
};
static const uint8_t nist_ciphertext[64] =
{
    0x87, 0x4d, 0x61, 0x91, 0xb6, 0x20, 0xe3, 0x26, 0x1b, 0xef, 0x68, 0x64, 0x99, 0x0d, 0xb6, 0xce,
    0x98, 0x06, 0xf6, 0x6b, 0x79, 0x70, 0xfd, 0xff, 0x86, 0x17, 0x18, 0x7b, 0xb9, 0xff, 0xfd, 0xff,
    0x5a, 0xe4, 0xdf, 0x3e, 0xdb, 0xd5, 0xd3, 0x5e, 0x5b, 0x4f, 0x09, 0x02, 0x0d, 0xb0, 0x3e, 0xab,
    0x1e, 0x03, 0x1d, 0xda, 0x2f, 0xbe, 0x03, 0xd1, 0x79, 0x21, 0x70, 0xa0, 0xf3, 0x00, 0x9c, 0xee,
};
static const struct vkdva_ctr_params nist_params =
{
    .key = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c},
    .nonce = 0xf0f1f2f3f4f5f6f7ull,
    .first_block = 0xf8f9fafbfcfdfeffull,
};

static void test_nist(struct aes_test_device *d)
{
    static const size_t offsets[] = {0, 16, 3};
    uint8_t result[64];
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < ARRAY_SIZE(offsets); ++i)
    {
        hr = gpu_ctr(d, nist_plaintext, offsets[i], offsets[i], 64, false, NULL, &nist_params, NULL, result, __LINE__);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        ok(!memcmp(result, nist_ciphertext, 64), "F.5.1 encrypt (offset %zu): got %02x%02x..., expected 874d...\n",
                offsets[i], result[0], result[1]);
        hr = gpu_ctr(d, nist_ciphertext, offsets[i], offsets[i], 64, false, &nist_params, NULL, NULL, result, __LINE__);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        ok(!memcmp(result, nist_plaintext, 64), "F.5.2 decrypt (offset %zu): got %02x%02x..., expected 6bc1...\n",
                offsets[i], result[0], result[1]);
    }
    /* The same vectors from the second block on: the counter starts at first_block + 1. */
    {
        struct vkdva_ctr_params params = nist_params;

        params.first_block += 1;
        hr = gpu_ctr(d, nist_plaintext + 16, 0, 0, 48, true, NULL, &params, NULL, result, __LINE__);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        ok(!memcmp(result, nist_ciphertext + 16, 48), "F.5.1 from block 2 differs.\n");
    }
}

static void test_transcrypt(struct aes_test_device *d)
{
    static const struct
    {
        size_t src_offset, dst_offset, size;
        bool in_place;
    }
    tests[] =
    {
        {0, 0, 16},
        {0, 0, 4096},
        {0, 0, 1},
        {0, 0, 15},
        {0, 0, 17},
        {0, 0, 1000},
        {16, 48, 4096 + 5},
        {3, 0, 100},
        {0, 5, 100},
        {7, 13, 333},
        {4, 8, 64},
        {256, 16, 1 << 16},
        {0, 0, 4096, true},
        {16, 0, 1003, true},
        {5, 0, 999, true},
    };
    struct vkdva_ctr_params from, to;
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(tests); ++i)
    {
        random_params(&from);
        random_params(&to);
        check_ctr(d, tests[i].src_offset, tests[i].dst_offset, tests[i].size, tests[i].in_place,
                &from, &to, NULL, "transcrypt");
        check_ctr(d, tests[i].src_offset, tests[i].dst_offset, tests[i].size, tests[i].in_place,
                NULL, &to, NULL, "encrypt");
        check_ctr(d, tests[i].src_offset, tests[i].dst_offset, tests[i].size, tests[i].in_place,
                &from, NULL, NULL, "decrypt");
    }
}

static void test_counters(struct aes_test_device *d)
{
    struct vkdva_ctr_params from, to;

    /* The low 32 bits of the block index wrap inside the range. */
    random_params(&from);
    random_params(&to);
    from.first_block = 0xfffffff0ull;
    to.first_block = 0x1fffffffaull;
    check_ctr(d, 0, 0, 64 * 16, false, &from, &to, NULL, "low word wraps");
    check_ctr(d, 0, 0, 64 * 16 + 9, false, &from, &to, NULL, "low word wraps, tail");
    check_ctr(d, 1, 2, 64 * 16 + 9, false, &from, &to, NULL, "low word wraps, unaligned");
    /* The 64-bit block index wraps to 0 without touching the nonce. */
    from.first_block = UINT64_MAX - 3;
    to.first_block = UINT64_MAX;
    check_ctr(d, 0, 0, 10 * 16, false, &from, &to, NULL, "64-bit wrap");
    check_ctr(d, 0, 3, 10 * 16 + 1, false, &from, &to, NULL, "64-bit wrap, unaligned");
}

static void test_patterns(struct aes_test_device *d)
{
    static const D3D11_ENCRYPTED_BLOCK_INFO patterns[] =
    {
        {100, 0, 0},
        {100, 20, 2},
        {0, 16, 16},
        {16, 0, 16},
        {0, 144, 16},
        {5, 1, 1},
        {0, 0, 0},
        {100000, 10, 10},
        {0, 0xffffffff, 0xffffffff},
    };
    static const size_t sizes[] = {1000, 4096, 65536 + 3};
    struct vkdva_ctr_params from, to;
    unsigned int i, j;

    for (i = 0; i < ARRAY_SIZE(patterns); ++i)
    {
        for (j = 0; j < ARRAY_SIZE(sizes); ++j)
        {
            random_params(&from);
            random_params(&to);
            check_ctr(d, 0, 0, sizes[j], false, &from, NULL, &patterns[i], "pattern decrypt");
            check_ctr(d, 16, 32, sizes[j], false, &from, &to, &patterns[i], "pattern transcrypt");
            check_ctr(d, 3, 3, sizes[j], true, &from, NULL, &patterns[i], "pattern decrypt in place");
            /* "to" ignores the pattern. */
            check_ctr(d, 0, 0, sizes[j], false, NULL, &to, &patterns[i], "pattern encrypt");
        }
    }
}

static void test_large(struct aes_test_device *d)
{
    static const D3D11_ENCRYPTED_BLOCK_INFO pattern = {16, 144, 16};
    struct vkdva_ctr_params from, to;

    random_params(&from);
    random_params(&to);
    check_ctr(d, 0, 0, 4 << 20, false, &from, &to, NULL, "4 MiB transcrypt");
    check_ctr(d, 0, 0, (3 << 20) + 7, true, &from, &to, NULL, "3 MiB in place");
    check_ctr(d, 0, 0, (2 << 20) + 11, false, &from, NULL, &pattern, "2 MiB pattern");
}

/* Each T-table layout and way of running the rounds through VKDVA_AES_VARIANT, where the
 * device has the shared memory: i interleaves the blocks of an invocation round by round (2:
 * both keys at once), k1 expands the keys in registers, g caps the workgroups so that each
 * loops over several chunks of blocks, c1 shares rounds 1 and 2 between the blocks of an
 * invocation (except where they straddle a multiple of 65536 blocks). Letters left out take
 * the device's defaults (i1c1 on GPUs, i0c0 on CPU devices), hence the explicit i0c0. llvmpipe takes minutes to compile each new pipeline,
 * so the new options reuse the table layouts (and so the aes_ctr_bytes.comp pipelines) of
 * the others. */
static void test_variants(void)
{
    static const char *variants[] =
    {
        "", "t1r32b4w1024i0c0", "t1r32b4w256i0c0", "t1r16b1w64i0c0", "t4r8b8w128i0c0", "t4r4b2w128i0c0",
        "t1r1b2w32i0c0", "t4r32b4w256i0c0", "t1r16b4w256i1c0", "t1r16b2w256i2g3c0", "t1r16b1w64k1c0",
        "t4r4b2w128i2k1g5c0", "t1r16b2w256i1c1", "t1r16b2w256i1c1g3", "t1r16b4w256k1c1",
    };
    struct aes_test_device d;
    unsigned int i, tables, replicas;
    struct vkdva_ctr_params from, to;

    for (i = 0; i < ARRAY_SIZE(variants); ++i)
    {
        if (*variants[i])
            setenv("VKDVA_AES_VARIANT", variants[i], 1);
        else
            unsetenv("VKDVA_AES_VARIANT");
        if (!init_aes_device(&d))
        {
            skip("No device.\n");
            return;
        }
        if (*variants[i] && sscanf(variants[i], "t%ur%u", &tables, &replicas) == 2
                && 1024 * tables * replicas + 776 > d.device->caps.max_compute_shared_memory_size)
        {
            skip("Variant %s needs more shared memory than the device has.\n", variants[i]);
            release_device(d.iface);
            continue;
        }
        trace("Variant \"%s\", shared memory limit %u.\n", variants[i], d.device->caps.max_compute_shared_memory_size);
        vkdva_test_state.context = variants[i];

        test_nist(&d);
        test_counters(&d);
        /* The layouts share all code but the lookups: the full set runs on the default one. */
        if (!i)
        {
            test_transcrypt(&d);
            test_patterns(&d);
            test_large(&d);
        }
        random_params(&from);
        random_params(&to);
        check_ctr(&d, 0, 0, 256 * 1024 + 16, false, &from, &to, NULL, "several groups");
        /* Blocks on both sides of a multiple of 65536, for c1. */
        from.first_block = 0x123fffe800ull;
        to.first_block = 0x7fffff0ull;
        check_ctr(&d, 0, 0, 256 * 1024, false, &from, &to, NULL, "across 65536 blocks");

        vkdva_test_state.context = NULL;
        release_device(d.iface);
    }
    unsetenv("VKDVA_AES_VARIANT");
}

START_TEST(aes)
{
    require_device_or_skip_all();

    run_test(test_variants);
}
