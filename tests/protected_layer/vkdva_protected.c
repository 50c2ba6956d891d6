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

/* vkdva in hardware content-protection mode: run with VK_LAYER_VKDVA_protected_memory below
 * Khronos validation (tests/protected_layer/meson.build sets the environment), so the device
 * has protectedMemory. Checks that vkdva takes the protected path (feature, protected queue,
 * HARDWARE caps, HW_PROTECTED textures), that its protected command streams and allocations
 * work without a single layer report or validation error, and that a rule broken through them
 * is caught. An internal test: it links the library's objects to reach the streams. */

/* The library objects define the IIDs (vkdva_main.c): no initguid.h here. */
#include <unistd.h>
#include <openssl/evp.h>
#include "vkdva_private.h"
#include "d3d11_utils.h"
#include "crypto_utils.h"
#include "readback.h"
#include "layer_test_utils.h"

static const char *report_path;
static unsigned int expected_validation_errors;

/* While a test breaks a rule on purpose, validation errors are counted, not failures. */
static void expecting_log(void *context, enum vkdva_log_level level, const char *message)
{
    if (level == VKDVA_LOG_LEVEL_ERR && strstr(message, "Vulkan validation"))
    {
        ++expected_validation_errors;
        return;
    }
    d3d11_test_log(context, level, message);
}

static void test_layer_active(ID3D11Device *iface)
{
    struct vkdva_vk_device_info info = {.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO};
    PFN_vkGetPhysicalDeviceFeatures2 get_features;
    VkPhysicalDeviceProtectedMemoryFeatures protected_features =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROTECTED_MEMORY_FEATURES,
    };
    VkPhysicalDeviceFeatures2 features2 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
        .pNext = &protected_features,
    };
    struct d3d11_device *device = unsafe_impl_from_ID3D11Device(iface);
    HRESULT hr;

    hr = vkdva_get_vk_device_info(iface, &info);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    get_features = (PFN_vkGetPhysicalDeviceFeatures2)info.vkGetInstanceProcAddr(info.vk_instance,
            "vkGetPhysicalDeviceFeatures2");
    get_features(info.vk_physical_device, &features2);
    ok(protected_features.protectedMemory, "The emulation layer is not active.\n");

    ok(device->caps.protected_memory, "vkdva does not use protected memory.\n");
    ok(!!device->protected_queue.vk_queue, "No protected queue.\n");
    ok(device->protected_queue.family_index == device->compute_queue.family_index,
            "Got protected family %u, compute family %u.\n", device->protected_queue.family_index,
            device->compute_queue.family_index);
    ok(device->protected_queue.vk_queue != device->compute_queue.vk_queue,
            "The protected queue is the compute queue.\n");
}

static void test_caps(ID3D11Device *device)
{
    D3D11_VIDEO_CONTENT_PROTECTION_CAPS caps;
    ID3D11VideoDevice *video_device;
    HRESULT hr;

    hr = ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_GetContentProtectionCaps(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, &caps);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
    {
        ok(!!(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_HARDWARE), "Got caps %#x.\n", caps.Caps);
        ok(!(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_SOFTWARE), "Got caps %#x.\n", caps.Caps);
        /* A protected command buffer cannot write the CPU-readable staging texture. */
        ok(!(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK), "Got caps %#x.\n", caps.Caps);
        ok(!!caps.ProtectedMemorySize, "Got protected memory size %#" PRIx64 ".\n", (uint64_t)caps.ProtectedMemorySize);
    }
    ID3D11VideoDevice_Release(video_device);
}

static void test_protected_texture(ID3D11Device *device)
{
    D3D11_TEXTURE2D_DESC desc =
    {
        .Width = 64,
        .Height = 64,
        .MipLevels = 1,
        .ArraySize = 2,
        .Format = DXGI_FORMAT_NV12,
        .SampleDesc = {1, 0},
        .Usage = D3D11_USAGE_DEFAULT,
        .BindFlags = D3D11_BIND_DECODER,
        .MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED,
    };
    ID3D11Texture2D *texture;
    HRESULT hr;

    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ID3D11Texture2D_Release(texture);
}

/* Records a full barrier (as vkdva does after each operation). */
static void barrier(struct d3d11_device *device, VkCommandBuffer vk_cmd)
{
    vkdva_cmd_memory_barrier(device, vk_cmd);
}

static void test_protected_stream(ID3D11Device *iface)
{
    struct d3d11_device *device = unsafe_impl_from_ID3D11Device(iface);
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkBuffer vk_buffers[2], vk_plain;
    VkDeviceMemory vk_memories[2], vk_plain_memory, vk_image_memory;
    struct vkdva_command_stream stream, plain_stream;
    VkClearColorValue color = {{0}};
    VkImageSubresourceRange range = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkBufferCopy region = {0, 0, 4096};
    VkCommandBuffer vk_cmd;
    const char *report;
    uint32_t *data;
    VkImage vk_image;
    unsigned int i;
    HRESULT hr;

    VkImageCreateInfo image_info =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
        .imageType = VK_IMAGE_TYPE_2D,
        .format = VK_FORMAT_R8_UNORM,
        .extent = {64, 64, 1},
        .mipLevels = 1,
        .arrayLayers = 1,
        .samples = VK_SAMPLE_COUNT_1_BIT,
        .tiling = VK_IMAGE_TILING_OPTIMAL,
        .usage = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
        .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
    };

    vkdva_device_lock(device);
    hr = vkdva_command_stream_init_protected(&stream, device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(stream.is_protected, "The stream is not protected.\n");
    hr = vkdva_command_stream_init(&plain_stream, device, &device->compute_queue);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    for (i = 0; i < ARRAY_SIZE(vk_buffers); ++i)
    {
        hr = vkdva_device_create_protected_buffer(device, 4096, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT
                | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, &vk_buffers[i], &vk_memories[i]);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    }
    hr = vkdva_device_create_protected_image(device, &image_info, &vk_image, &vk_image_memory);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = vkdva_device_create_buffer(device, 4096, VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT, 0, &vk_plain, &vk_plain_memory, (void **)&data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(data, 0xcc, 4096);

    /* Protected work: read unprotected memory, write protected memory. */
    hr = vkdva_command_stream_get(&stream, &vk_cmd);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    VK_CALL(vkCmdFillBuffer(vk_cmd, vk_buffers[0], 0, VK_WHOLE_SIZE, 0x01020304));
    barrier(device, vk_cmd);
    VK_CALL(vkCmdCopyBuffer(vk_cmd, vk_plain, vk_buffers[1], 1, &region));
    barrier(device, vk_cmd);
    VK_CALL(vkCmdCopyBuffer(vk_cmd, vk_buffers[0], vk_buffers[1], 1, &region));
    vkdva_cmd_image_barrier(device, vk_cmd, vk_image, 0, 1, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_GENERAL,
            VK_PIPELINE_STAGE_2_NONE, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT);
    VK_CALL(vkCmdClearColorImage(vk_cmd, vk_image, VK_IMAGE_LAYOUT_GENERAL, &color, 1, &range));
    barrier(device, vk_cmd);
    hr = vkdva_command_stream_flush(&stream);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* Unprotected work ordered after it through the timelines. */
    vkdva_command_stream_add_wait(&plain_stream, stream.vk_timeline, stream.submitted_value);
    hr = vkdva_command_stream_get(&plain_stream, &vk_cmd);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    VK_CALL(vkCmdFillBuffer(vk_cmd, vk_plain, 0, VK_WHOLE_SIZE, 0x05060708));
    barrier(device, vk_cmd);
    hr = vkdva_command_stream_wait(&plain_stream, plain_stream.next_value, true);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(vkdva_command_stream_is_complete(&stream, stream.submitted_value), "The protected work is not complete.\n");
    ok(data[0] == 0x05060708, "Got %#x.\n", data[0]);

    report = read_report(report_path);
    ok(!*report, "The layer reported: %s", report);

    /* Breaking a rule through the stream is caught: a protected command buffer writing
     * unprotected memory (VUID-vkCmdCopyBuffer-commandBuffer-01824). */
    vkdva_set_log_callback(expecting_log, NULL);
    hr = vkdva_command_stream_get(&stream, &vk_cmd);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    VK_CALL(vkCmdCopyBuffer(vk_cmd, vk_buffers[0], vk_plain, 1, &region));
    hr = vkdva_command_stream_wait(&stream, stream.next_value, true);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    vkdva_set_log_callback(d3d11_test_log, NULL);
    report = read_report(report_path);
    ok(!!strstr(report, "[protected-writes-unprotected]"), "The layer reported: %s", report);
    trace("%u expected validation error(s).\n", expected_validation_errors);
    unlink(report_path);

    vkdva_command_stream_destroy(&plain_stream);
    vkdva_command_stream_destroy(&stream);
    vkdva_device_destroy_buffer(device, vk_plain, vk_plain_memory);
    for (i = 0; i < ARRAY_SIZE(vk_buffers); ++i)
        vkdva_device_destroy_buffer(device, vk_buffers[i], vk_memories[i]);
    VK_CALL(vkDestroyImage(device->vk_device, vk_image, NULL));
    VK_CALL(vkFreeMemory(device->vk_device, vk_image_memory, NULL));
    vkdva_device_unlock(device);
}

static void ctr_encrypt(const uint8_t key[16], const uint8_t iv[16], uint8_t *data, size_t size)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int len;

    ok(ctx && EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), NULL, key, iv) == 1
            && EVP_EncryptUpdate(ctx, data, &len, data, (int)size) == 1, "AES-CTR failed.\n");
    EVP_CIPHER_CTX_free(ctx);
}

/* Counts the pixels of a 64x32 BGRA picture that are not (b, g, r, a) within 1. */
static unsigned int count_bad_pixels(const uint8_t *data, UINT row_pitch, const uint8_t expected[4])
{
    unsigned int x, y, i, bad = 0;

    for (y = 0; y < 32; ++y)
    {
        for (x = 0; x < 64; ++x)
        {
            for (i = 0; i < 4; ++i)
            {
                if (abs(data[y * row_pitch + x * 4 + i] - expected[i]) > 1)
                    break;
            }
            bad += i < 4;
        }
    }
    return bad;
}

/* Reads a protected texture behind the layer's back; validation above the layer sees an
 * unprotected copy of protected memory, which is the point. */
static HRESULT read_protected(struct drm_client *client, ID3D11Texture2D *texture, const uint8_t **data,
        UINT *row_pitch)
{
    HRESULT hr;

    vkdva_set_log_callback(expecting_log, NULL);
    hr = test_protected_read(client, texture, NULL, 0, data, row_pitch);
    vkdva_set_log_callback(d3d11_test_log, NULL);
    return hr;
}

/* VideoProcessorBlt in hardware mode: a protected NV12 input written by DecryptionBlt, blitted
 * to a protected BGRA output, runs in a protected submission on private protected images; the
 * output, read back behind the layer's back, decrypts to the converted picture (white), also
 * after a key refresh, and the layer reports nothing. The same input on an unprotected output
 * is drawn opaque black. */
static void test_processor(ID3D11Device *device)
{
    static const uint8_t white[4] = {255, 255, 255, 255}, black[4] = {0, 0, 0, 255};
    static const SIZE small_size = {32, 16}, no_size = {0, 0};
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC content =
    {
        .InputFrameFormat = D3D11_VIDEO_FRAME_FORMAT_PROGRESSIVE,
        .InputFrameRate = {30, 1},
        .InputWidth = 64,
        .InputHeight = 32,
        .OutputFrameRate = {30, 1},
        .OutputWidth = 64,
        .OutputHeight = 32,
        .Usage = D3D11_VIDEO_USAGE_PLAYBACK_NORMAL,
    };
    D3D11_TEXTURE2D_DESC input_desc = {64, 32, 1, 1, DXGI_FORMAT_NV12, {1, 0}, D3D11_USAGE_STAGING, 0,
            D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE};
    D3D11_TEXTURE2D_DESC output_desc = {64, 32, 1, 1, DXGI_FORMAT_B8G8R8A8_UNORM, {1, 0}, D3D11_USAGE_DEFAULT,
            D3D11_BIND_RENDER_TARGET, 0, D3D11_RESOURCE_MISC_HW_PROTECTED};
    D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC output_view_desc = {.ViewDimension = D3D11_VPOV_DIMENSION_TEXTURE2D};
    D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC input_view_desc = {.ViewDimension = D3D11_VPIV_DIMENSION_TEXTURE2D};
    ID3D11VideoProcessorOutputView *output_view, *clear_view;
    ID3D11Texture2D *staging, *input, *output, *clear;
    ID3D11VideoProcessorInputView *input_view;
    ID3D11VideoProcessorEnumerator *enumerator;
    D3D11_VIDEO_PROCESSOR_STREAM stream = {0};
    ID3D11VideoContext *video_context;
    ID3D11VideoDevice *video_device;
    ID3D11DeviceContext *context;
    D3D11_MAPPED_SUBRESOURCE map;
    struct drm_client *client;
    uint8_t key[16], iv[16];
    ID3D11VideoProcessor *vp;
    const uint8_t *data;
    const char *report;
    UINT row_pitch;
    HRESULT hr;

    if (FAILED(hr = drm_client_create(device, NULL, 1, &client)))
    {
        ok(0, "Failed to create the DRM client, hr %#x.\n", hr);
        return;
    }
    ID3D11Device_GetImmediateContext(device, &context);
    video_device = get_video_device(device);
    video_context = get_video_context(device);

    /* White in limited-range YCbCr, encrypted under the session key from counter 0 of IV 1. */
    hr = ID3D11Device_CreateTexture2D(device, &input_desc, NULL, &staging);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_WRITE, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(map.pData, 235, (size_t)map.RowPitch * 32);
    memset((uint8_t *)map.pData + (size_t)map.RowPitch * 32, 128, (size_t)map.RowPitch * 16);
    memset(iv, 0, sizeof(iv));
    iv[7] = 1;
    drm_client_session(client, key);
    ctr_encrypt(key, iv, map.pData, (size_t)map.RowPitch * 48);
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    input_desc.Usage = D3D11_USAGE_DEFAULT;
    input_desc.CPUAccessFlags = 0;
    input_desc.MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED;
    hr = ID3D11Device_CreateTexture2D(device, &input_desc, NULL, &input);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext_DecryptionBlt(video_context, drm_client_session(client, key), staging, input, NULL, 0, NULL,
            sizeof(iv), iv);
    ID3D11Texture2D_Release(staging);

    hr = ID3D11Device_CreateTexture2D(device, &output_desc, NULL, &output);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    output_desc.MiscFlags = 0;
    hr = ID3D11Device_CreateTexture2D(device, &output_desc, NULL, &clear);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &content, &enumerator);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessor(video_device, enumerator, 0, &vp);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(video_device, (ID3D11Resource *)input, enumerator,
            &input_view_desc, &input_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(video_device, (ID3D11Resource *)output, enumerator,
            &output_view_desc, &output_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(video_device, (ID3D11Resource *)clear, enumerator,
            &output_view_desc, &clear_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    stream.Enable = TRUE;
    stream.pInputSurface = input_view;
    hr = ID3D11VideoContext_VideoProcessorBlt(video_context, vp, output_view, 0, 1, &stream);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = read_protected(client, output, &data, &row_pitch);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ok(!count_bad_pixels(data, row_pitch, white), "%u pixels are not white (first %02x%02x%02x%02x).\n",
                count_bad_pixels(data, row_pitch, white), data[0], data[1], data[2], data[3]);
    /* The blit's output follows the session key like every protected surface. */
    drm_client_picture_done(client);
    hr = read_protected(client, output, &data, &row_pitch);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ok(!count_bad_pixels(data, row_pitch, white), "After a refresh, %u pixels are not white.\n",
                count_bad_pixels(data, row_pitch, white));

    /* Output constriction: a composition into a smaller private (protected) image, scaled up. */
    ID3D11VideoContext_VideoProcessorSetOutputConstriction(video_context, vp, TRUE, small_size);
    hr = ID3D11VideoContext_VideoProcessorBlt(video_context, vp, output_view, 1, 1, &stream);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext_VideoProcessorSetOutputConstriction(video_context, vp, FALSE, no_size);
    hr = read_protected(client, output, &data, &row_pitch);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ok(!count_bad_pixels(data, row_pitch, white), "Constricted, %u pixels are not white.\n",
                count_bad_pixels(data, row_pitch, white));

    /* Protected content on an unprotected output: opaque black. */
    hr = ID3D11VideoContext_VideoProcessorBlt(video_context, vp, clear_view, 0, 1, &stream);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    output_desc.Usage = D3D11_USAGE_STAGING;
    output_desc.BindFlags = 0;
    output_desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
    hr = ID3D11Device_CreateTexture2D(device, &output_desc, NULL, &staging);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)clear);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
    {
        ok(!count_bad_pixels(map.pData, map.RowPitch, black), "%u pixels are not black.\n",
                count_bad_pixels(map.pData, map.RowPitch, black));
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    }
    ID3D11Texture2D_Release(staging);

    report = read_report(report_path);
    ok(!*report, "The layer reported: %s", report);

    ID3D11VideoProcessorOutputView_Release(clear_view);
    ID3D11VideoProcessorOutputView_Release(output_view);
    ID3D11VideoProcessorInputView_Release(input_view);
    ID3D11VideoProcessor_Release(vp);
    ID3D11VideoProcessorEnumerator_Release(enumerator);
    ID3D11Texture2D_Release(clear);
    ID3D11Texture2D_Release(output);
    ID3D11Texture2D_Release(input);
    drm_client_destroy(client);
    ID3D11VideoContext_Release(video_context);
    ID3D11VideoDevice_Release(video_device);
    ID3D11DeviceContext_Release(context);
}

START_TEST(protected)
{
    ID3D11Device *device;
    const char *report;

    if (!(report_path = getenv("VKDVA_TEST_PROTECTED_LAYER_REPORT")))
    {
        skip("VKDVA_TEST_PROTECTED_LAYER_REPORT is not set: run through meson test.\n");
        return;
    }
    unlink(report_path);
    require_device_or_skip_all();
    device = create_device();
    test_layer_active(device);
    if (!unsafe_impl_from_ID3D11Device(device)->caps.protected_memory)
    {
        skip("No protected memory.\n");
        release_device(device);
        return;
    }
    test_caps(device);
    test_protected_texture(device);
    test_protected_stream(device);
    test_processor(device);
    release_device(device);

    report = read_report(report_path);
    ok(!*report, "The layer reported: %s", report);
}
