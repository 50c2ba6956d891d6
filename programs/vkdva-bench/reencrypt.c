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

/* vkdva-bench reencrypt: the GPU AES pass of a session-key refresh (libs/vkdva/aes.c) beside a
 * vkCmdCopyBuffer of the same bytes, both timed with GPU timestamps in the same submission.
 * This mode calls the internal pass directly, so the bench links the library's objects. The
 * method is described in docs/PERFORMANCE.md. */

#include "vkdva_private.h"
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void reencrypt_usage(void)
{
    fprintf(stderr, "Usage: vkdva-bench reencrypt [--surfaces N] [--width W] [--height H] [--repeat N]\n"
            "Times the two-key AES-128-CTR re-encryption of a session-key refresh over N NV12 surfaces\n"
            "(default 20 of 3840x2160) and a vkCmdCopyBuffer of the same bytes with GPU timestamps.\n"
            "VKDVA_AES_VARIANT picks the AES table layout (docs/PERFORMANCE.md).\n");
}

/* The re-encryption FinishSessionKeyRefresh records: each surface in place from K to K', one
 * vkdva_cmd_aes_ctr() per surface with no barrier between them, as protect.c does. Each pass
 * is one submission: timestamp, all re-encryptions, barrier, timestamp, the copies of the same
 * bytes into a second set of buffers, barrier, timestamp. */
int bench_reencrypt(int argc, char **argv)
{
    unsigned int surfaces = 20, width = 3840, height = 2160, repeat = 10, row_pitch, depth_pitch, i, r;
    double *aes_times, *copy_times, start, period, total_wall = 0.0;
    struct vkdva_ctr_params from = {0}, to = {0};
    char variant[64];
    VkDeviceMemory *memories, *copy_memories;
    const struct vkdva_vk_procs *vk_procs;
    struct vkdva_command_stream *stream;
    VkBuffer *buffers, *copy_buffers;
    struct d3d11_device *device;
    VkQueryPool vk_query_pool;
    uint64_t timestamps[3];
    ID3D11Device *iface;
    VkCommandBuffer vk_cmd;
    VkDeviceSize bytes;
    HRESULT hr;
    int a;

    VkQueryPoolCreateInfo query_info =
    {
        .sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO,
        .queryType = VK_QUERY_TYPE_TIMESTAMP,
        .queryCount = 3,
    };

    for (a = 2; a < argc; ++a)
    {
        if (!strcmp(argv[a], "--surfaces") && a + 1 < argc)
            surfaces = strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--width") && a + 1 < argc)
            width = strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--height") && a + 1 < argc)
            height = strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--repeat") && a + 1 < argc)
            repeat = strtoul(argv[++a], NULL, 10);
        else
            surfaces = 0;
    }
    if (!surfaces || !repeat || !width || !height || width % 2 || height % 2 || width > 16384 || height > 16384)
    {
        reencrypt_usage();
        return 2;
    }

    if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&iface)))
    {
        fprintf(stderr, "Cannot create a device, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    device = unsafe_impl_from_ID3D11Device(iface);
    vk_procs = &device->vk_procs;
    stream = &device->immediate_context.stream;
    if (!device->caps.properties.limits.timestampComputeAndGraphics)
    {
        fprintf(stderr, "The device has no compute timestamps.\n");
        return 1;
    }
    period = device->caps.properties.limits.timestampPeriod;
    /* The bytes of a surface at rest: its Map layout (DESIGN decision 4). */
    vkdva_texture_layout_compute(vkdva_get_format(DXGI_FORMAT_NV12), width, height, &row_pitch, &depth_pitch);
    bytes = depth_pitch;

    buffers = calloc(surfaces, sizeof(*buffers));
    memories = calloc(surfaces, sizeof(*memories));
    copy_buffers = calloc(surfaces, sizeof(*copy_buffers));
    copy_memories = calloc(surfaces, sizeof(*copy_memories));
    aes_times = calloc(repeat, sizeof(*aes_times));
    copy_times = calloc(repeat, sizeof(*copy_times));
    if (!buffers || !memories || !copy_buffers || !copy_memories || !aes_times || !copy_times)
        return 1;
    for (i = 0; i < surfaces; ++i)
    {
        if (FAILED(hr = vkdva_device_create_buffer(device, bytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT
                | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0, &buffers[i], &memories[i], NULL))
                || FAILED(hr = vkdva_device_create_buffer(device, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0, &copy_buffers[i], &copy_memories[i], NULL)))
        {
            fprintf(stderr, "Cannot allocate %u surfaces of %u bytes, hr %#x.\n", surfaces, depth_pitch,
                    (unsigned int)hr);
            return 1;
        }
    }
    if (VK_CALL(vkCreateQueryPool(device->vk_device, &query_info, NULL, &vk_query_pool)) < 0)
        return 1;

    memset(from.key, 0x11, sizeof(from.key));
    memset(to.key, 0x22, sizeof(to.key));
    /* One untimed pass fills the buffers and creates the pipelines. */
    for (r = 0; r <= repeat; ++r)
    {
        start = bench_clock(CLOCK_MONOTONIC);
        vkdva_device_lock(device);
        if (FAILED(hr = vkdva_command_stream_get(stream, &vk_cmd)))
            return 1;
        if (!r)
        {
            for (i = 0; i < surfaces; ++i)
                VK_CALL(vkCmdFillBuffer(vk_cmd, buffers[i], 0, VK_WHOLE_SIZE, 0x5a5a5a5a + i));
            vkdva_cmd_memory_barrier(device, vk_cmd);
        }
        VK_CALL(vkCmdResetQueryPool(vk_cmd, vk_query_pool, 0, 3));
        VK_CALL(vkCmdWriteTimestamp2(vk_cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, vk_query_pool, 0));
        for (i = 0; i < surfaces; ++i)
        {
            from.nonce = to.nonce = i;
            if (FAILED(hr = vkdva_cmd_aes_ctr(device, vk_cmd, buffers[i], 0, buffers[i], 0, bytes, &from, &to, NULL)))
            {
                fprintf(stderr, "vkdva_cmd_aes_ctr failed, hr %#x.\n", (unsigned int)hr);
                return 1;
            }
        }
        vkdva_cmd_memory_barrier(device, vk_cmd);
        VK_CALL(vkCmdWriteTimestamp2(vk_cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, vk_query_pool, 1));
        for (i = 0; i < surfaces; ++i)
        {
            VkBufferCopy region = {.size = bytes};

            VK_CALL(vkCmdCopyBuffer(vk_cmd, buffers[i], copy_buffers[i], 1, &region));
        }
        vkdva_cmd_memory_barrier(device, vk_cmd);
        VK_CALL(vkCmdWriteTimestamp2(vk_cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, vk_query_pool, 2));
        if (FAILED(hr = vkdva_command_stream_flush(stream))
                || FAILED(hr = vkdva_command_stream_wait(stream, stream->submitted_value, false)))
            return 1;
        vkdva_device_unlock(device);
        if (r)
            total_wall += bench_clock(CLOCK_MONOTONIC) - start;
        /* K' = K ^ R: the next pass re-encrypts from the key this one left. */
        memcpy(from.key, to.key, sizeof(from.key));
        for (i = 0; i < sizeof(to.key); ++i)
            to.key[i] ^= 0x5c + r + i;

        if (VK_CALL(vkGetQueryPoolResults(device->vk_device, vk_query_pool, 0, 3, sizeof(timestamps), timestamps,
                sizeof(*timestamps), VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT)) < 0)
            return 1;
        if (!r)
            continue;
        aes_times[r - 1] = (timestamps[1] - timestamps[0]) * period * 1e-9;
        copy_times[r - 1] = (timestamps[2] - timestamps[1]) * period * 1e-9;
    }

    qsort(aes_times, repeat, sizeof(*aes_times), bench_compare_double);
    qsort(copy_times, repeat, sizeof(*copy_times), bench_compare_double);
    vkdva_aes_get_variant_name(device, variant, sizeof(variant));
    printf("device: %s\n", device->caps.properties.deviceName);
    printf("AES variant: %s\n", variant);
    printf("surfaces: %u NV12 %ux%u (%u bytes each, %.1f MB in all), %u timed passes\n", surfaces, width, height,
            depth_pitch, surfaces * (double)bytes / 1e6, repeat);
    printf("re-encrypt (two-key AES-128-CTR, in place): %8.2f GB/s (median %.3f ms, best %.3f ms)\n",
            surfaces * (double)bytes / aes_times[repeat / 2] / 1e9, aes_times[repeat / 2] * 1e3, aes_times[0] * 1e3);
    printf("vkCmdCopyBuffer of the same bytes:          %8.2f GB/s (median %.3f ms, best %.3f ms)\n",
            surfaces * (double)bytes / copy_times[repeat / 2] / 1e9, copy_times[repeat / 2] * 1e3,
            copy_times[0] * 1e3);
    printf("re-encrypt / copy throughput: %.2f\n", copy_times[repeat / 2] / aes_times[repeat / 2]);
    printf("submission wall time (record, submit, wait; both passes): %.3f ms per pass\n", total_wall * 1e3 / repeat);

    VK_CALL(vkDestroyQueryPool(device->vk_device, vk_query_pool, NULL));
    for (i = 0; i < surfaces; ++i)
    {
        vkdva_device_destroy_buffer(device, copy_buffers[i], copy_memories[i]);
        vkdva_device_destroy_buffer(device, buffers[i], memories[i]);
    }
    free(copy_times);
    free(aes_times);
    free(copy_memories);
    free(copy_buffers);
    free(memories);
    free(buffers);
    ID3D11Device_Release(iface);
    return 0;
}
