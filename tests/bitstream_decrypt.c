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

/* Encrypted decode bitstreams (libs/vkdva/protect_bitstream.c): the GPU decryption that the
 * Vulkan Video backend runs before vkCmdDecodeVideoKHR, compared byte for byte with the CPU
 * decryption of the software backend (vkdva_protect_decrypt_buffer()), which is itself checked
 * against a byte-by-byte model of the D3D11 rules written here with OpenSSL; and the CPU
 * decryption of slice-header prefixes against the whole buffer. Whole buffers, block
 * patterns, sub-sample maps with odd sizes, offsets that are not multiples of 16.
 *
 * An internal test (it links the library's objects): no D3D11 entry point exposes the pass,
 * and devices with a video queue are not needed. Under the protected-memory emulation layer
 * (hardware mode) the pass runs in a protected command buffer into protected buffers, which
 * nothing may read back: there the test checks that it runs within the rules. */

/* The library objects define the IIDs (vkdva_main.c): no initguid.h here. */
#include "decoder.h"
#include "d3d11_utils.h"
#include <openssl/evp.h>

struct test_device
{
    ID3D11Device *iface;
    struct d3d11_device *device;
    /* Hardware mode: a protected stream, and protected buffers for what the pass writes. */
    bool hardware;
    struct vkdva_command_stream protected_stream;
};

static uint64_t rand_state = 0x2545f4914f6cdd1dull;

static uint32_t rand_u32(void)
{
    rand_state ^= rand_state << 13;
    rand_state ^= rand_state >> 7;
    rand_state ^= rand_state << 17;
    return rand_state >> 16;
}

static void fill_random(uint8_t *data, size_t size)
{
    size_t i;

    for (i = 0; i < size; ++i)
        data[i] = rand_u32();
}

static void store_be64(uint8_t *p, uint64_t value)
{
    unsigned int i;

    for (i = 0; i < 8; ++i)
        p[i] = value >> (56 - 8 * i);
}

static uint64_t load_be64(const uint8_t *p)
{
    uint64_t value = 0;
    unsigned int i;

    for (i = 0; i < 8; ++i)
        value = (value << 8) | p[i];
    return value;
}

/* The D3D11 rules, one byte at a time (docs/CONTENT-PROTECTION.md, "Encrypted buffers"). */
static bool model_encrypted(const struct vkdva_bitstream_encryption *encryption, uint64_t p)
{
    const D3D11_ENCRYPTED_BLOCK_INFO *pattern = &encryption->pattern;
    uint64_t start = 0, period;
    UINT i;

    if (encryption->subsamples)
    {
        for (i = 0; i < encryption->subsample_count; ++i)
        {
            if (p < start + encryption->subsamples[i].ClearSize)
                return false;
            start += encryption->subsamples[i].ClearSize;
            if (p < start + encryption->subsamples[i].EncryptedSize)
                return true;
            start += encryption->subsamples[i].EncryptedSize;
        }
        return false;
    }
    if (!encryption->partial || p < pattern->NumEncryptedBytesAtBeginning)
        return true;
    if (!pattern->NumBytesInEncryptPattern)
        return false;
    period = (uint64_t)pattern->NumBytesInSkipPattern + pattern->NumBytesInEncryptPattern;
    return (p - pattern->NumEncryptedBytesAtBeginning) % period >= pattern->NumBytesInSkipPattern;
}

static void model_decrypt(const uint8_t key[16], const struct vkdva_bitstream_encryption *encryption,
        const uint8_t *src, uint8_t *dst, size_t size)
{
    uint64_t iv = load_be64(encryption->iv), count = load_be64(encryption->iv + 8), e = 0, cached = UINT64_MAX;
    uint8_t counter[16], keystream[16];
    EVP_CIPHER_CTX *ctx;
    size_t p;
    int len;

    ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    for (p = 0; p < size; ++p)
    {
        dst[p] = src[p];
        if (!model_encrypted(encryption, p))
            continue;
        if (cached != e / 16)
        {
            cached = e / 16;
            store_be64(counter, iv);
            store_be64(counter + 8, count + cached);
            EVP_EncryptUpdate(ctx, keystream, &len, counter, 16);
        }
        dst[p] ^= keystream[e++ % 16];
    }
    EVP_CIPHER_CTX_free(ctx);
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

static bool init_test_device(struct test_device *d)
{
    HRESULT hr;

    memset(d, 0, sizeof(*d));
    if (!(d->iface = create_device()))
        return false;
    d->device = unsafe_impl_from_ID3D11Device(d->iface);
    if ((d->hardware = d->device->caps.protected_memory))
    {
        hr = vkdva_command_stream_init_protected(&d->protected_stream, d->device);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        if (FAILED(hr))
        {
            release_device(d->iface);
            return false;
        }
        trace("Hardware mode: the pass writes protected buffers, which are not read back.\n");
    }
    return true;
}

static void cleanup_test_device(struct test_device *d)
{
    if (d->hardware)
        vkdva_command_stream_destroy(&d->protected_stream);
    release_device(d->iface);
}

static HRESULT create_buffer(struct test_device *d, size_t size, bool written, VkBuffer *buffer,
        VkDeviceMemory *memory, uint8_t **map)
{
    VkBufferUsageFlags usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT
            | VK_BUFFER_USAGE_TRANSFER_DST_BIT;

    *map = NULL;
    if (written && d->hardware)
        return vkdva_device_create_protected_buffer(d->device, size, usage, buffer, memory);
    return vkdva_device_create_buffer(d->device, size, usage, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT
            | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0, buffer, memory, (void **)map);
}

/* Runs the GPU pass over src (size bytes at src_offset of one buffer) into dst_offset of
 * another, with the sub-sample stream at work_offset of a third; bytes of dst outside the range
 * must keep the 0xa5 they start with. Returns false where the result cannot be read back. */
static bool gpu_decrypt(struct test_device *d, const uint8_t key[16],
        const struct vkdva_bitstream_encryption *encryption, const uint8_t *src, size_t size, size_t src_offset,
        size_t dst_offset, size_t work_offset, uint8_t *result, unsigned int line)
{
    size_t src_size = src_offset + size + 64, dst_size = dst_offset + size + 64, work_size = work_offset + size + 32;
    struct vkdva_command_stream *stream = d->hardware ? &d->protected_stream : &d->device->immediate_context.stream;
    VkDeviceMemory src_memory, dst_memory, work_memory;
    VkBuffer src_buffer, dst_buffer, work_buffer;
    uint8_t *src_map, *dst_map, *work_map;
    bool outside_ok = true;
    VkCommandBuffer vk_cmd;
    size_t i;
    HRESULT hr;

    hr = create_buffer(d, src_size, false, &src_buffer, &src_memory, &src_map);
    ok_line(line, hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = create_buffer(d, dst_size, true, &dst_buffer, &dst_memory, &dst_map);
    ok_line(line, hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = create_buffer(d, work_size, true, &work_buffer, &work_memory, &work_map);
    ok_line(line, hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(src_map, 0xa5, src_size);
    memcpy(src_map + src_offset, src, size);
    if (dst_map)
        memset(dst_map, 0xa5, dst_size);

    vkdva_device_lock(d->device);
    hr = vkdva_command_stream_get(stream, &vk_cmd);
    ok_line(line, hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = vkdva_cmd_decrypt_bitstream(d->device, vk_cmd, key, encryption, src_buffer, src_offset,
            work_buffer, work_offset, dst_buffer, dst_offset, size);
    ok_line(line, hr == S_OK, "Got unexpected hr %#x.\n", hr);
    vkdva_cmd_memory_barrier(d->device, vk_cmd);
    hr = vkdva_command_stream_flush(stream);
    ok_line(line, hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = vkdva_command_stream_wait(stream, stream->submitted_value, false);
    ok_line(line, hr == S_OK, "Got unexpected hr %#x.\n", hr);
    vkdva_device_unlock(d->device);

    if (dst_map)
    {
        memcpy(result, dst_map + dst_offset, size);
        for (i = 0; i < dst_size; ++i)
        {
            if ((i < dst_offset || i >= dst_offset + size) && dst_map[i] != 0xa5)
                outside_ok = false;
        }
        ok_line(line, outside_ok, "A byte outside the range was written (size %zu, offset %zu).\n", size, dst_offset);
    }

    vkdva_device_destroy_buffer(d->device, work_buffer, work_memory);
    vkdva_device_destroy_buffer(d->device, dst_buffer, dst_memory);
    vkdva_device_destroy_buffer(d->device, src_buffer, src_memory);
    return !!dst_map;
}

/* One buffer: the CPU function against the model, CPU windows against the whole, the GPU
 * against the CPU. */
#define check_decrypt(a, b, c, d, e, f, g) check_decrypt_(__LINE__, a, b, c, d, e, f, g)
static void check_decrypt_(unsigned int line, struct test_device *d,
        const struct vkdva_bitstream_encryption *encryption, size_t size, size_t src_offset, size_t dst_offset,
        size_t work_offset, const char *what)
{
    uint8_t *src = malloc(size + 1), *expected = malloc(size + 1), *cpu = malloc(size + 1);
    uint8_t *window = malloc(size + 1), *gpu = malloc(size + 1);
    size_t diff, begin, end, i;
    uint8_t key[16];
    HRESULT hr;

    fill_random(key, sizeof(key));
    fill_random(src, size);
    model_decrypt(key, encryption, src, expected, size);

    hr = vkdva_protect_decrypt_buffer(key, encryption->iv, encryption->partial ? &encryption->pattern : NULL,
            encryption->subsamples, encryption->subsample_count, src, cpu, size);
    ok_line(line, hr == S_OK, "%s: got unexpected hr %#x.\n", what, hr);
    diff = first_difference(cpu, expected, size);
    ok_line(line, diff == size, "%s (size %zu): CPU differs from the model at byte %zu.\n", what, size, diff);

    /* Slice-header prefixes: any window decrypts as the whole buffer does, and only it. */
    for (i = 0; i < 4 && size; ++i)
    {
        begin = rand_u32() % size;
        end = begin + rand_u32() % 800;
        memset(window, 0x5a, size);
        hr = vkdva_bitstream_decrypt_range(key, encryption, src, window, size, begin, end);
        ok_line(line, hr == S_OK, "%s: got unexpected hr %#x.\n", what, hr);
        if (end > size)
            end = size;
        diff = first_difference(window + begin, cpu + begin, end - begin);
        ok_line(line, diff == end - begin, "%s (size %zu): window [%zu, %zu) differs at byte %zu.\n", what, size,
                begin, end, begin + diff);
        ok_line(line, (!begin || window[begin - 1] == 0x5a) && (end == size || window[end] == 0x5a),
                "%s: bytes outside the window [%zu, %zu) were written.\n", what, begin, end);
    }

    if (gpu_decrypt(d, key, encryption, src, size, src_offset, dst_offset, work_offset, gpu, line))
    {
        diff = first_difference(gpu, cpu, size);
        ok_line(line, diff == size, "%s (size %zu, offsets %zu/%zu/%zu): first difference at byte %zu, "
                "got %#x, expected %#x.\n", what, size, src_offset, dst_offset, work_offset, diff,
                diff < size ? gpu[diff] : 0, diff < size ? cpu[diff] : 0);
    }
    free(gpu);
    free(window);
    free(cpu);
    free(expected);
    free(src);
}

static void random_iv(struct vkdva_bitstream_encryption *encryption)
{
    fill_random(encryption->iv, sizeof(encryption->iv));
}

static void test_whole(struct test_device *d)
{
    static const size_t sizes[] = {1, 15, 16, 17, 1000, 4093, 16384 + 7};
    static const size_t offsets[][3] = {{0, 0, 0}, {3, 0, 0}, {0, 7, 16}, {17, 33, 48}};
    struct vkdva_bitstream_encryption encryption = {0};
    unsigned int i, j;

    for (i = 0; i < ARRAY_SIZE(sizes); ++i)
    {
        for (j = 0; j < ARRAY_SIZE(offsets); ++j)
        {
            random_iv(&encryption);
            check_decrypt(d, &encryption, sizes[i], offsets[j][0], offsets[j][1], offsets[j][2], "whole");
        }
    }
    /* The Count half wraps without carrying into the IV half. */
    memset(encryption.iv, 0xab, 8);
    memset(encryption.iv + 8, 0xff, 8);
    encryption.iv[15] = 0xfd;
    check_decrypt(d, &encryption, 100, 5, 0, 0, "count wrap");
}

static void test_patterns(struct test_device *d)
{
    static const D3D11_ENCRYPTED_BLOCK_INFO patterns[] =
    {
        {16, 32, 16},       /* vkdva-decode's */
        {0, 144, 16},       /* 1:9, 'cbcs'-like */
        {100, 0, 0},        /* D3D11_1DDI_ENCRYPTED_BLOCK_INFO's example: the rest clear */
        {5, 7, 3},          /* nothing aligned: decode buffers need no alignment */
        {0, 0, 16},         /* no skip: everything encrypted */
        {33, 1, 1},
        {7, 0, 0},
        {0, 16, 0},         /* nothing encrypted */
    };
    static const size_t sizes[] = {1, 31, 1000, 5000 + 3};
    struct vkdva_bitstream_encryption encryption = {.partial = true};
    char what[64];
    unsigned int i, j;

    for (i = 0; i < ARRAY_SIZE(patterns); ++i)
    {
        encryption.pattern = patterns[i];
        sprintf(what, "pattern %u/%u/%u", patterns[i].NumEncryptedBytesAtBeginning,
                patterns[i].NumBytesInSkipPattern, patterns[i].NumBytesInEncryptPattern);
        for (j = 0; j < ARRAY_SIZE(sizes); ++j)
        {
            random_iv(&encryption);
            check_decrypt(d, &encryption, sizes[j], j * 5, j * 3, 16 * j, what);
        }
    }
}

static void test_subsamples(struct test_device *d)
{
    D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK blocks[32];
    struct vkdva_bitstream_encryption encryption = {.subsamples = blocks};
    static const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK fixed[][3] =
    {
        {{5, 995}},                         /* vkdva-decode's: a clear NAL header */
        {{0, 17}, {3, 0}, {0, 5}},          /* no clear bytes, no encrypted bytes */
        {{4, 29}, {6, 101}, {2, 3}},        /* per-NAL 'cenc' with odd sizes */
        {{2000, 3000}},                     /* past the end of the buffer */
    };
    unsigned int i, j, count;
    size_t size, total;
    char what[64];

    for (i = 0; i < ARRAY_SIZE(fixed); ++i)
    {
        memcpy(blocks, fixed[i], sizeof(fixed[i]));
        encryption.subsample_count = fixed[i][2].ClearSize || fixed[i][2].EncryptedSize ? 3
                : fixed[i][1].ClearSize || fixed[i][1].EncryptedSize ? 2 : 1;
        sprintf(what, "sub-samples %u", i);
        random_iv(&encryption);
        check_decrypt(d, &encryption, 1000, i, 2 * i + 1, 16 * i, what);
    }

    /* A map of no blocks: everything clear. */
    encryption.subsample_count = 0;
    check_decrypt(d, &encryption, 333, 1, 2, 0, "no sub-samples");

    /* Random maps: odd sizes, covering less or more than the buffer. */
    for (i = 0; i < 16; ++i)
    {
        count = 1 + rand_u32() % ARRAY_SIZE(blocks);
        for (j = 0, total = 0; j < count; ++j)
        {
            blocks[j].ClearSize = rand_u32() % (j % 3 ? 64 : 2);
            blocks[j].EncryptedSize = rand_u32() % (j % 4 ? 400 : 3);
            total += blocks[j].ClearSize + blocks[j].EncryptedSize;
        }
        size = total ? total + (int)(rand_u32() % 200) - 100 : 50;
        if ((ptrdiff_t)size <= 0)
            size = 1 + rand_u32() % 50;
        encryption.subsample_count = count;
        random_iv(&encryption);
        sprintf(what, "random sub-samples %u", i);
        check_decrypt(d, &encryption, size, rand_u32() % 37, rand_u32() % 41, 16 * (rand_u32() % 4), what);
    }
}

START_TEST(bitstream_decrypt)
{
    struct test_device d;

    require_device_or_skip_all();
    if (!init_test_device(&d))
    {
        skip("No device.\n");
        return;
    }
    test_whole(&d);
    test_patterns(&d);
    test_subsamples(&d);
    cleanup_test_device(&d);
}
