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

/* Encrypted decode bitstreams (issue 5, DESIGN decision 4): SubmitDecoderBuffers with pIV and
 * PartialEncryption + EncryptedBlockInfo, SubmitDecoderBuffers1 with sub-sample mapping.
 *
 * The semantics are defined once, by vkdva_run_at() below: a buffer is a sequence of runs of
 * clear or encrypted bytes, and the encrypted bytes, in order, form one AES-128-CTR stream
 * from the counter block IV || Count of the D3D11_AES_CTR_IV: encrypted byte number e uses byte
 * e % 16 of AES_K(BE64(IV) || BE64(Count + e / 16)), the 64-bit Count wrapping without carrying
 * into IV (ISO/IEC 23001-7 'cenc'; docs/CONTENT-PROTECTION.md, "Encrypted buffers"). Three
 * users follow it:
 * - vkdva_bitstream_decrypt_range(): the CPU (OpenSSL), for the software backend, which
 *   decodes on the CPU anyway, and for the slice-header prefixes the codec reads on the
 *   Vulkan Video backend;
 * - vkdva_cmd_decrypt_bitstream(): the GPU AES of aes.c, whole buffers and block patterns in
 *   one pass; sub-sample maps by gathering the encrypted bytes into one contiguous stream,
 *   decrypting it, and scattering it back;
 * - the Vulkan Video backend's decryptor, which runs that pass on the compute queue into a
 *   private device-local buffer the decode queue reads, ordered by timeline semaphores. */

#include "decoder.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>

#define VKDVA_AES_BLOCK_SIZE 16u
/* Keystream blocks computed per OpenSSL call on the CPU. */
#define VKDVA_CPU_KEYSTREAM_BLOCKS 64u
/* The smallest half of the decryptor's buffers; they grow to the largest buffer seen. */
#define VKDVA_DECRYPTOR_MIN_HALF (256u << 10)

/* Walks a buffer's runs; a cursor makes a forward walk over sub-sample blocks linear. */
struct vkdva_run_cursor
{
    const struct vkdva_bitstream_encryption *encryption;
    size_t size;
    /* Sub-sample maps: the block at or before the last offset asked for, where it starts, and
     * how many encrypted bytes precede it. */
    UINT block;
    uint64_t block_start;
    uint64_t block_encrypted_before;
};

struct vkdva_run
{
    size_t size;
    bool encrypted;
    /* Encrypted bytes of the buffer before the run's first byte. */
    uint64_t encrypted_before;
};

static void vkdva_run_cursor_init(struct vkdva_run_cursor *cursor,
        const struct vkdva_bitstream_encryption *encryption, size_t size)
{
    memset(cursor, 0, sizeof(*cursor));
    cursor->encryption = encryption;
    cursor->size = size;
}

/* D3D11_ENCRYPTED_BLOCK_INFO (the DecryptionBlt and D3D11_1DDI_ENCRYPTED_BLOCK_INFO pages): the
 * first NumEncryptedBytesAtBeginning bytes are encrypted, then NumBytesInSkipPattern clear and
 * NumBytesInEncryptPattern encrypted bytes alternate to the end; a zero encrypt count leaves
 * the rest clear, a zero skip count with a non-zero encrypt count leaves it encrypted. */
static void vkdva_pattern_run_at(const D3D11_ENCRYPTED_BLOCK_INFO *pattern, uint64_t offset, uint64_t size,
        struct vkdva_run *run)
{
    uint64_t first = pattern->NumEncryptedBytesAtBeginning, skip = pattern->NumBytesInSkipPattern;
    uint64_t encrypt = pattern->NumBytesInEncryptPattern, period, position, periods;

    if (offset < first)
    {
        run->encrypted = true;
        run->size = vkdva_min_u64(first, size) - offset;
        run->encrypted_before = offset;
        return;
    }
    if (!encrypt)
    {
        run->encrypted = false;
        run->size = size - offset;
        run->encrypted_before = first;
        return;
    }
    if (!skip)
    {
        run->encrypted = true;
        run->size = size - offset;
        run->encrypted_before = offset;
        return;
    }
    period = skip + encrypt;
    periods = (offset - first) / period;
    position = (offset - first) % period;
    if (position < skip)
    {
        run->encrypted = false;
        run->size = vkdva_min_u64(skip - position, size - offset);
        run->encrypted_before = first + periods * encrypt;
        return;
    }
    run->encrypted = true;
    run->size = vkdva_min_u64(period - position, size - offset);
    run->encrypted_before = first + periods * encrypt + position - skip;
}

/* The run that starts at offset (< size) and goes as far as its bytes are treated alike. */
static void vkdva_run_at(struct vkdva_run_cursor *cursor, size_t offset, struct vkdva_run *run)
{
    const struct vkdva_bitstream_encryption *encryption = cursor->encryption;
    const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *block;
    uint64_t clear_end, end;

    if (encryption->subsamples)
    {
        /* Blocks from the start of the buffer: ClearSize clear bytes, then EncryptedSize
         * encrypted ones; bytes past the last block are clear. */
        if (offset < cursor->block_start)
            vkdva_run_cursor_init(cursor, encryption, cursor->size);
        for (;;)
        {
            if (cursor->block == encryption->subsample_count)
            {
                run->encrypted = false;
                run->size = cursor->size - offset;
                run->encrypted_before = cursor->block_encrypted_before;
                return;
            }
            block = &encryption->subsamples[cursor->block];
            end = cursor->block_start + block->ClearSize + block->EncryptedSize;
            if (offset < end)
                break;
            cursor->block_encrypted_before += block->EncryptedSize;
            cursor->block_start = end;
            ++cursor->block;
        }
        clear_end = cursor->block_start + block->ClearSize;
        if (offset < clear_end)
        {
            run->encrypted = false;
            run->size = vkdva_min_u64(clear_end, cursor->size) - offset;
            run->encrypted_before = cursor->block_encrypted_before;
        }
        else
        {
            run->encrypted = true;
            run->size = vkdva_min_u64(end, cursor->size) - offset;
            run->encrypted_before = cursor->block_encrypted_before + (offset - clear_end);
        }
        return;
    }
    if (encryption->partial)
    {
        vkdva_pattern_run_at(&encryption->pattern, offset, cursor->size, run);
        return;
    }
    run->encrypted = true;
    run->size = cursor->size - offset;
    run->encrypted_before = offset;
}

/* The CPU side. */

struct vkdva_cpu_ctr
{
    EVP_CIPHER_CTX *ctx;
    uint64_t iv, count;
    /* Keystream blocks [first, first + block_count) of the stream. */
    uint8_t keystream[VKDVA_CPU_KEYSTREAM_BLOCKS * VKDVA_AES_BLOCK_SIZE];
    uint64_t first;
    unsigned int block_count;
};

/* Keystream blocks [first, first + count), count at most VKDVA_CPU_KEYSTREAM_BLOCKS: no more
 * than the bytes asked for need (slice-header prefixes are short). */
static bool vkdva_cpu_ctr_fill(struct vkdva_cpu_ctr *ctr, uint64_t first, unsigned int count)
{
    uint8_t counters[VKDVA_CPU_KEYSTREAM_BLOCKS * VKDVA_AES_BLOCK_SIZE];
    unsigned int i;
    int len;

    for (i = 0; i < count; ++i)
    {
        vkdva_store_be64(counters + i * VKDVA_AES_BLOCK_SIZE, ctr->iv);
        vkdva_store_be64(counters + i * VKDVA_AES_BLOCK_SIZE + 8, ctr->count + first + i);
    }
    ctr->block_count = 0;
    if (EVP_EncryptUpdate(ctr->ctx, ctr->keystream, &len, counters, count * VKDVA_AES_BLOCK_SIZE) != 1
            || len != (int)(count * VKDVA_AES_BLOCK_SIZE))
        return false;
    ctr->first = first;
    ctr->block_count = count;
    return true;
}

/* XORs size bytes with the keystream from encrypted byte number e on. */
static bool vkdva_cpu_ctr_xor(struct vkdva_cpu_ctr *ctr, uint64_t e, const uint8_t *src, uint8_t *dst, size_t size)
{
    uint64_t block, available, last;
    size_t i, n;

    while (size)
    {
        block = e / VKDVA_AES_BLOCK_SIZE;
        if (block < ctr->first || block - ctr->first >= ctr->block_count)
        {
            last = (e + size - 1) / VKDVA_AES_BLOCK_SIZE;
            if (!vkdva_cpu_ctr_fill(ctr, block, vkdva_min_u64(last - block + 1, VKDVA_CPU_KEYSTREAM_BLOCKS)))
                return false;
        }
        available = (ctr->first + ctr->block_count) * VKDVA_AES_BLOCK_SIZE - e;
        n = vkdva_min_u64(available, size);
        for (i = 0; i < n; ++i)
            dst[i] = src[i] ^ ctr->keystream[e - ctr->first * VKDVA_AES_BLOCK_SIZE + i];
        e += n;
        src += n;
        dst += n;
        size -= n;
    }
    return true;
}

HRESULT vkdva_bitstream_decrypt_range(const uint8_t key[VKDVA_AES_KEY_SIZE],
        const struct vkdva_bitstream_encryption *encryption, const uint8_t *src, uint8_t *dst, size_t size,
        size_t begin, size_t end)
{
    struct vkdva_cpu_ctr ctr = {0};
    struct vkdva_run_cursor cursor;
    struct vkdva_run run;
    size_t offset, n;
    bool ret = true;

    if (end > size)
        end = size;
    if (begin >= end)
        return S_OK;
    ctr.iv = vkdva_load_be64(encryption->iv);
    ctr.count = vkdva_load_be64(encryption->iv + 8);
    if (!(ctr.ctx = EVP_CIPHER_CTX_new()))
        return E_OUTOFMEMORY;
    if (EVP_EncryptInit_ex(ctr.ctx, EVP_aes_128_ecb(), NULL, key, NULL) != 1
            || EVP_CIPHER_CTX_set_padding(ctr.ctx, 0) != 1)
        ret = false;

    vkdva_run_cursor_init(&cursor, encryption, size);
    for (offset = begin; ret && offset < end; offset += n)
    {
        vkdva_run_at(&cursor, offset, &run);
        n = vkdva_min_u64(run.size, end - offset);
        if (run.encrypted)
            ret = vkdva_cpu_ctr_xor(&ctr, run.encrypted_before, src + offset, dst + offset, n);
        else
            memcpy(dst + offset, src + offset, n);
    }

    EVP_CIPHER_CTX_free(ctr.ctx);
    OPENSSL_cleanse(ctr.keystream, sizeof(ctr.keystream));
    if (!ret)
    {
        ERR("AES-CTR failed.\n");
        return E_FAIL;
    }
    return S_OK;
}

HRESULT vkdva_protect_decrypt_buffer(const uint8_t key[VKDVA_AES_KEY_SIZE], const void *iv,
        const D3D11_ENCRYPTED_BLOCK_INFO *pattern, const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *subsamples,
        UINT subsample_count, const uint8_t *src, uint8_t *dst, size_t size)
{
    struct vkdva_bitstream_encryption encryption = {.subsamples = subsamples, .subsample_count = subsample_count};

    memcpy(encryption.iv, iv, sizeof(encryption.iv));
    if (pattern)
    {
        encryption.partial = true;
        encryption.pattern = *pattern;
    }
    return vkdva_bitstream_decrypt_range(key, &encryption, src, dst, size, 0, size);
}

/* The GPU side. */

static void vkdva_bitstream_ctr_params(struct vkdva_ctr_params *params, const uint8_t key[VKDVA_AES_KEY_SIZE],
        const struct vkdva_bitstream_encryption *encryption)
{
    memcpy(params->key, key, VKDVA_AES_KEY_SIZE);
    params->nonce = vkdva_load_be64(encryption->iv);
    params->first_block = vkdva_load_be64(encryption->iv + 8);
}

HRESULT vkdva_cmd_decrypt_bitstream(struct d3d11_device *device, VkCommandBuffer vk_cmd,
        const uint8_t key[VKDVA_AES_KEY_SIZE], const struct vkdva_bitstream_encryption *encryption,
        VkBuffer src, VkDeviceSize src_offset, VkBuffer work, VkDeviceSize work_offset,
        VkBuffer dst, VkDeviceSize dst_offset, VkDeviceSize size)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkBufferCopy *gather, copy;
    struct vkdva_run_cursor cursor;
    struct vkdva_ctr_params from;
    uint64_t stream_size = 0;
    struct vkdva_run run;
    size_t offset, count = 0, i;
    HRESULT hr;

    if (!size)
        return S_OK;
    vkdva_bitstream_ctr_params(&from, key, encryption);
    if (!encryption->subsamples)
    {
        /* Whole buffers and block patterns are what the AES pass does by itself: its pattern
         * counts encrypted bytes from the start of the range, as vkdva_run_at() does. */
        hr = vkdva_cmd_aes_ctr(device, vk_cmd, src, src_offset, dst, dst_offset, size, &from, NULL,
                encryption->partial ? &encryption->pattern : NULL);
        OPENSSL_cleanse(&from, sizeof(from));
        return hr;
    }

    /* Sub-sample maps: the encrypted runs, gathered in order, are exactly the CTR stream (run
     * bytes at their encrypted_before positions). At most one encrypted run per block. */
    if (!(gather = vkdva_calloc(vkdva_max_u(encryption->subsample_count, 1), sizeof(*gather))))
    {
        OPENSSL_cleanse(&from, sizeof(from));
        return E_OUTOFMEMORY;
    }
    vkdva_run_cursor_init(&cursor, encryption, size);
    for (offset = 0; offset < size; offset += run.size)
    {
        vkdva_run_at(&cursor, offset, &run);
        if (!run.encrypted || !run.size)
            continue;
        gather[count++] = (VkBufferCopy)
        {
            .srcOffset = src_offset + offset,
            .dstOffset = work_offset + run.encrypted_before,
            .size = run.size,
        };
        stream_size = run.encrypted_before + run.size;
    }

    /* The clear bytes (and the ciphertext the scatter overwrites) go straight across. */
    copy = (VkBufferCopy){.srcOffset = src_offset, .dstOffset = dst_offset, .size = size};
    VK_CALL(vkCmdCopyBuffer(vk_cmd, src, dst, 1, &copy));
    hr = S_OK;
    if (count)
    {
        VK_CALL(vkCmdCopyBuffer(vk_cmd, src, work, count, gather));
        vkdva_cmd_memory_barrier(device, vk_cmd);
        if (SUCCEEDED(hr = vkdva_cmd_aes_ctr(device, vk_cmd, work, work_offset, work, work_offset, stream_size,
                &from, NULL, NULL)))
        {
            vkdva_cmd_memory_barrier(device, vk_cmd);
            /* Scatter: each decrypted run back to its place, over its ciphertext. */
            for (i = 0; i < count; ++i)
            {
                offset = gather[i].srcOffset - src_offset;
                gather[i].srcOffset = gather[i].dstOffset;
                gather[i].dstOffset = dst_offset + offset;
            }
            VK_CALL(vkCmdCopyBuffer(vk_cmd, work, dst, count, gather));
        }
    }
    OPENSSL_cleanse(&from, sizeof(from));
    vkdva_free(gather);
    return hr;
}

/* The Vulkan Video backend's decryptor. Per decoder, three buffers, sized for the largest
 * bitstream buffer seen (half bytes each part):
 * - upload: host-visible, the ciphertext, two halves used by alternate pictures;
 * - work: device-local, the decrypted buffer and the gathered sub-sample stream. One is enough:
 *   every pass runs on one stream, in order, behind full barriers;
 * - decode: the slices as the decode reads them, two halves; VIDEO_DECODE_SRC with the
 *   decoder's profile, shared by the compute and decode queue families.
 * Only work and decode hold plaintext, and no API call reaches them. The passes run on the
 * immediate context's stream, or in hardware mode on the protected stream
 * (vkdva_protect_begin_commands()), where work and decode are protected buffers: a protected
 * video session reads only protected bitstreams (VUID-vkCmdDecodeVideoKHR-commandBuffer-07137),
 * so there a clear bitstream comes through here too, gathered without the decryption. */
struct vkdva_bitstream_decryptor
{
    struct d3d11_device *device;
    VkDeviceSize half;
    VkBuffer vk_upload;
    VkDeviceMemory vk_upload_memory;
    uint8_t *upload;
    VkBuffer vk_work;
    VkDeviceMemory vk_work_memory;
    VkBuffer vk_decode;
    VkDeviceMemory vk_decode_memory;
    unsigned int next_half;
    /* The context-stream pass that last read each upload half, and the decode-stream
     * submission that last read each decode half. */
    uint64_t pass_values[2];
    uint64_t decode_values[2];
    struct vkdva_command_stream *decode_stream;
    /* The stream of the passes (the immediate context's, or the protected one). */
    struct vkdva_command_stream *pass_stream;
};

/* Waits until nothing reads the decryptor's buffers any more. Device lock held. */
static void vkdva_bitstream_decryptor_idle(struct vkdva_bitstream_decryptor *d)
{
    unsigned int i;

    for (i = 0; i < 2; ++i)
    {
        if (d->pass_stream)
            vkdva_command_stream_wait(d->pass_stream, d->pass_values[i], true);
        if (d->decode_stream)
            vkdva_command_stream_wait(d->decode_stream, d->decode_values[i], true);
        d->pass_values[i] = d->decode_values[i] = 0;
    }
}

static void vkdva_bitstream_decryptor_free_buffers(struct vkdva_bitstream_decryptor *d)
{
    struct d3d11_device *device = d->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;

    vkdva_device_destroy_buffer(device, d->vk_upload, d->vk_upload_memory);
    vkdva_device_destroy_buffer(device, d->vk_work, d->vk_work_memory);
    if (d->vk_decode)
        VK_CALL(vkDestroyBuffer(device->vk_device, d->vk_decode, NULL));
    if (d->vk_decode_memory)
        VK_CALL(vkFreeMemory(device->vk_device, d->vk_decode_memory, NULL));
    d->vk_upload = d->vk_work = d->vk_decode = VK_NULL_HANDLE;
    d->vk_upload_memory = d->vk_work_memory = d->vk_decode_memory = VK_NULL_HANDLE;
    d->upload = NULL;
    d->half = 0;
}

/* The decode input: VIDEO_DECODE_SRC needs the profile list (VUID-VkBufferCreateInfo-usage-04813),
 * and both queue families use it without ownership transfers. */
static HRESULT vkdva_bitstream_decryptor_create_decode_buffer(struct vkdva_bitstream_decryptor *d,
        const VkVideoProfileListInfoKHR *profiles, VkDeviceSize size)
{
    struct d3d11_device *device = d->device;
    uint32_t families[2] = {device->decode_queues[0].family_index, device->compute_queue.family_index};

    VkBufferCreateInfo buffer_info =
    {
        .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
        .pNext = profiles,
        .size = size,
        .usage = VK_BUFFER_USAGE_VIDEO_DECODE_SRC_BIT_KHR | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
        .sharingMode = families[0] == families[1] ? VK_SHARING_MODE_EXCLUSIVE : VK_SHARING_MODE_CONCURRENT,
        .queueFamilyIndexCount = families[0] == families[1] ? 1 : 2,
        .pQueueFamilyIndices = families,
    };

    if (device->caps.protected_memory)
        return vkdva_device_create_protected_buffer_from_info(device, &buffer_info, &d->vk_decode,
                &d->vk_decode_memory);
    /* Host-visible memory (never mapped), as the clear path's bitstream ring: NVIDIA's driver
     * 580.159.04 (H200) never finished a decode whose bitstream was in device-local memory,
     * exclusive or shared, while the same bytes in host-visible memory decode bit-exactly. */
    return vkdva_device_create_buffer_from_info(device, &buffer_info,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0,
            &d->vk_decode, &d->vk_decode_memory, NULL);
}

/* Buffers with halves of at least need bytes, whose offsets keep alignment. Device lock held. */
static HRESULT vkdva_bitstream_decryptor_reserve(struct vkdva_bitstream_decryptor *d,
        const VkVideoProfileListInfoKHR *profiles, VkDeviceSize need, VkDeviceSize alignment)
{
    struct d3d11_device *device = d->device;
    VkDeviceSize half;
    HRESULT hr;

    if (d->half >= need && !(d->half % alignment))
        return S_OK;
    /* At least twice the old size, so that slowly growing pictures reallocate rarely; a
     * multiple of the (power of two) offset alignment, so that the second half is aligned. */
    half = vkdva_max_u64(vkdva_max_u64(need, 2 * d->half), VKDVA_DECRYPTOR_MIN_HALF);
    half = vkdva_align_u64(half, vkdva_max_u64(alignment, 256));
    vkdva_bitstream_decryptor_idle(d);
    vkdva_bitstream_decryptor_free_buffers(d);

    if (FAILED(hr = vkdva_device_create_buffer(device, 2 * half, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT
            | VK_BUFFER_USAGE_TRANSFER_SRC_BIT, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT
            | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0, &d->vk_upload, &d->vk_upload_memory, (void **)&d->upload)))
        goto fail;
    if (FAILED(hr = vkdva_device_create_private_buffer(device, 2 * half, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT
            | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, &d->vk_work, &d->vk_work_memory)))
        goto fail;
    if (FAILED(hr = vkdva_bitstream_decryptor_create_decode_buffer(d, profiles, 2 * half)))
        goto fail;
    d->half = half;
    TRACE("Decryptor %p: halves of %" PRIu64 " bytes.\n", d, (uint64_t)half);
    return S_OK;

fail:
    vkdva_bitstream_decryptor_free_buffers(d);
    return hr;
}

/* VKDVA_DEBUG_BITSTREAM_DECRYPT=1, a debugging aid (it puts plaintext in CPU memory for a
 * moment): after each pass, which the caller has waited for, compares what the decode will
 * read with the CPU decryption of the same slices, and logs the first difference. Device lock
 * held. */
static void vkdva_bitstream_decryptor_check(struct vkdva_bitstream_decryptor *d,
        const struct vkdva_decode_frame *frame, const struct vkdva_slice *slices, size_t slice_count,
        VkDeviceSize base, VkDeviceSize range)
{
    const struct vkdva_vk_procs *vk_procs = &d->device->vk_procs;
    static int enabled = -1;
    uint8_t *clear, *mapped;
    VkDeviceSize total = 0;
    const char *env;
    size_t i, j;

    if (enabled < 0)
        enabled = (env = getenv("VKDVA_DEBUG_BITSTREAM_DECRYPT")) && atoi(env) > 0;
    /* Protected memory cannot be mapped. */
    if (!enabled || !frame->ciphertext || d->device->caps.protected_memory)
        return;
    if (!(clear = vkdva_calloc(1, frame->bitstream_size)))
        return;
    if (FAILED(vkdva_bitstream_decrypt_range(frame->content_key, &frame->encryption, frame->ciphertext, clear,
            frame->bitstream_size, 0, frame->bitstream_size))
            || VK_CALL(vkMapMemory(d->device->vk_device, d->vk_decode_memory, base, range, 0, (void **)&mapped)) < 0)
    {
        vkdva_free(clear);
        return;
    }
    for (i = 0; i < slice_count; total += slices[i++].size)
    {
        for (j = 0; j < slices[i].size; ++j)
        {
            if (mapped[total + j] != clear[slices[i].offset + j])
            {
                ERR("Slice %zu of %zu (at %u, %u bytes): decode input byte %zu is %#x, the CPU decrypts %#x.\n",
                        i, slice_count, slices[i].offset, slices[i].size, j, mapped[total + j],
                        clear[slices[i].offset + j]);
                break;
            }
        }
    }
    for (j = total; j < range; ++j)
    {
        if (mapped[j])
        {
            ERR("Padding byte %zu of %" PRIu64 " is %#x.\n", j, (uint64_t)range, mapped[j]);
            break;
        }
    }
    TRACE("Checked %" PRIu64 " bytes of %zu slices.\n", (uint64_t)total, slice_count);
    VK_CALL(vkUnmapMemory(d->device->vk_device, d->vk_decode_memory));
    OPENSSL_cleanse(clear, frame->bitstream_size);
    vkdva_free(clear);
}

HRESULT vkdva_bitstream_decryptor_decrypt(struct vkdva_bitstream_decryptor **decryptor,
        struct d3d11_device *device, const struct vkdva_decode_frame *frame, const VkVideoProfileListInfoKHR *profiles,
        const struct vkdva_slice *slices, size_t slice_count, VkDeviceSize range, VkDeviceSize offset_alignment,
        struct vkdva_command_stream *decode_stream, VkBuffer *buffer, VkDeviceSize *offset)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkDeviceSize size = frame->bitstream_size, need, base, total = 0, fill_start, fill_end;
    const uint8_t *data = frame->ciphertext ? frame->ciphertext : frame->bitstream;
    struct vkdva_command_stream *pass_stream;
    struct vkdva_bitstream_decryptor *d;
    uint64_t decode_wait, pass_value;
    VkBuffer vk_gather_src;
    VkBufferCopy *regions;
    VkCommandBuffer vk_cmd;
    size_t i, count = 0;
    unsigned int half;
    HRESULT hr;

    /* Clear bitstreams come here only to reach protected memory. */
    if (!data || !size || (!frame->ciphertext && !device->caps.protected_memory))
    {
        ERR("No bitstream to decrypt (ciphertext %p, %" PRIu64 " bytes).\n", frame->ciphertext, (uint64_t)size);
        return E_FAIL;
    }
    if (!offset_alignment || (offset_alignment & (offset_alignment - 1)))
        offset_alignment = 256;
    if (!(regions = vkdva_calloc(vkdva_max_u(slice_count, 1), sizeof(*regions))))
        return E_OUTOFMEMORY;
    for (i = 0; i < slice_count; ++i)
        total += slices[i].size;
    if (total > range)
    {
        ERR("Slices of %" PRIu64 " bytes in a range of %" PRIu64 ".\n", (uint64_t)total, (uint64_t)range);
        vkdva_free(regions);
        return E_FAIL;
    }

    vkdva_device_lock(device);
    if (!(d = *decryptor))
    {
        if (!(d = vkdva_calloc(1, sizeof(*d))))
        {
            hr = E_OUTOFMEMORY;
            goto done;
        }
        d->device = device;
        *decryptor = d;
    }
    d->decode_stream = decode_stream;
    /* Room for whole words past the end (aes.c, vkCmdFillBuffer) and the gathered stream. */
    need = vkdva_max_u64(vkdva_align_u64(size + 32, 16), vkdva_align_u64(range, 4) + 4);
    if (FAILED(hr = vkdva_bitstream_decryptor_reserve(d, profiles, need, offset_alignment)))
        goto done;
    half = d->next_half;
    d->next_half ^= 1;
    base = half * d->half;

    /* The CPU rewrites this upload half: the pass that read it must have run. */
    if (d->pass_stream && FAILED(hr = vkdva_command_stream_wait(d->pass_stream, d->pass_values[half], true)))
        goto done;
    /* The pass rewrites this decode half: it waits on the GPU for the decode that read it. A
     * submission that never happened (the decode failed before it) has nothing to wait for. */
    decode_wait = d->decode_values[half];
    if (decode_wait > decode_stream->submitted_value && FAILED(hr = vkdva_command_stream_flush(decode_stream)))
        goto done;
    decode_wait = vkdva_min_u64(decode_wait, decode_stream->submitted_value);

    memcpy(d->upload + base, data, size);
    if (FAILED(hr = vkdva_protect_begin_commands(device, &pass_stream, &vk_cmd)))
        goto done;
    d->pass_stream = pass_stream;
    /* Whatever gets recorded from here on reads this upload half. */
    d->pass_values[half] = pass_stream->next_value;
    if (decode_wait)
        vkdva_command_stream_add_wait(pass_stream, decode_stream->vk_timeline, decode_wait);
    if (frame->ciphertext)
    {
        /* The decrypted buffer at the start of work, the sub-sample stream in the second half. */
        if (FAILED(hr = vkdva_cmd_decrypt_bitstream(device, vk_cmd, frame->content_key, &frame->encryption,
                d->vk_upload, base, d->vk_work, d->half, d->vk_work, 0, size)))
        {
            ERR("Failed to record the bitstream decryption, hr %#x.\n", hr);
            vkdva_protect_end_commands(device, pass_stream, vk_cmd);
            goto done;
        }
        vk_gather_src = d->vk_work;
    }
    else
    {
        /* A protected command buffer may read the (unprotected) upload. */
        vk_gather_src = d->vk_upload;
    }
    /* Zeros after the slices up to the range the decode reads (the copy below overwrites the
     * first of them), then the slices in order. */
    fill_start = base + (total & ~(VkDeviceSize)3);
    fill_end = base + vkdva_align_u64(range, 4);
    if (fill_end > fill_start)
        VK_CALL(vkCmdFillBuffer(vk_cmd, d->vk_decode, fill_start, fill_end - fill_start, 0));
    vkdva_cmd_memory_barrier(device, vk_cmd);
    for (i = 0, total = 0; i < slice_count; ++i)
    {
        if (!slices[i].size)
            continue;
        regions[count++] = (VkBufferCopy)
        {
            .srcOffset = (frame->ciphertext ? 0 : base) + slices[i].offset,
            .dstOffset = base + total,
            .size = slices[i].size,
        };
        total += slices[i].size;
    }
    if (count)
        VK_CALL(vkCmdCopyBuffer(vk_cmd, vk_gather_src, d->vk_decode, count, regions));

    /* The decode waits for this pass; the pass after next on this half waits for the decode. */
    d->decode_values[half] = decode_stream->next_value;
    pass_value = pass_stream->next_value;
    TRACE("Half %u: pass %" PRIu64 " (after decode %" PRIu64 "), decode %" PRIu64 ", %" PRIu64 " bytes of %zu slices%s.\n",
            half, pass_value, decode_wait, decode_stream->next_value, (uint64_t)size, count,
            frame->ciphertext ? "" : ", clear");
    if (FAILED(hr = vkdva_protect_end_commands(device, pass_stream, vk_cmd)))
        goto done;
    vkdva_command_stream_add_wait(decode_stream, pass_stream->vk_timeline, pass_value);
    if (FAILED(hr = vkdva_command_stream_flush(pass_stream)))
        goto done;
    /* The semaphore is what Vulkan asks for, but it is not enough on NVIDIA's driver 580.159.04
     * (H200, 2026-12-01): an HEVC decode recorded and submitted while the pass was still
     * pending, waiting on its timeline value, decoded the bytes the buffer held before the pass
     * (all 12 HEVC streams of tests/data wrong, a different MD5 from run to run); with this
     * wait before the decode is recorded, all bit-exact. H.264 decoded right either way. The
     * driver evidently reads the bitstream on the CPU when the decode is recorded or submitted
     * (which also explains why a device-local decode buffer hung). So the decode is recorded
     * only after the pass has run, whatever the codec. */
    if (FAILED(hr = vkdva_command_stream_wait(pass_stream, pass_value, true)))
        goto done;
    vkdva_bitstream_decryptor_check(d, frame, slices, slice_count, base, range);
    *buffer = d->vk_decode;
    *offset = base;

done:
    vkdva_device_unlock(device);
    vkdva_free(regions);
    return hr;
}

void vkdva_bitstream_decryptor_destroy(struct vkdva_bitstream_decryptor *d)
{
    struct d3d11_device *device;

    if (!d)
        return;
    device = d->device;
    vkdva_device_lock(device);
    /* The decoder's stream is gone by now (its destruction waited for it). */
    d->decode_stream = NULL;
    vkdva_bitstream_decryptor_idle(d);
    vkdva_bitstream_decryptor_free_buffers(d);
    vkdva_device_unlock(device);
    vkdva_free(d);
}
