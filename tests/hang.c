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

/* The GPU watchdog (issue 8, "later calls fail cleanly instead of hanging"). Windows resets a GPU
 * whose work does not finish (TDR) and removes the device with DXGI_ERROR_DEVICE_HUNG; vkdva
 * removes the device the same way when the GPU has not progressed for VKDVA_GPU_TIMEOUT seconds,
 * waited for or polled (command.c). The GPU hangs here through the test layer
 * tests/memory_layer (VK_LAYER_VKDVA_mapped_memory): the submissions made while
 * VKDVA_TEST_LAYER_HANG is set never complete as far as vkdva can tell, and vkdva's waits for
 * them time out at once, so a wait takes no time (the meson test sets VKDVA_GPU_TIMEOUT=10: two
 * of vkdva's 5-second slices); polls take the real 10 seconds.
 *
 * What is checked: the Map that waits for a copy of the hung GPU fails with
 * DXGI_ERROR_DEVICE_REMOVED ("This method also returns DXGI_ERROR_DEVICE_REMOVED if MapType
 * allows any CPU read access and the video card has been removed", ID3D11DeviceContext::Map)
 * and GetDeviceRemovedReason says DXGI_ERROR_DEVICE_HUNG (what the removal was caused by, as
 * DXGI reports it after a TDR); vkdva reports the stall (an ERR after the first slice) and the
 * removal (an ERR), and no other error; every later call returns at once with an error
 * (Map, with and without waiting, an event query's GetData, creating textures, decoders and
 * crypto sessions, DecoderBeginFrame into a view of a decoder created before the hang, the
 * crypto session's status is KEY_LOST); releasing everything neither blocks (the layer aborts
 * on vkDeviceWaitIdle/vkQueueWaitIdle while the GPU hangs, which would never return on a real
 * one) nor leaks (the sanitizer build's LeakSanitizer). An application that polls an event
 * query instead gets DXGI_ERROR_DEVICE_REMOVED from GetData after VKDVA_GPU_TIMEOUT seconds, not
 * before. A new device works. */

#include <initguid.h>
#include <time.h>
#include "d3d11_utils.h"

#define HANG_LAYER "VK_LAYER_VKDVA_mapped_memory"

/* Well under the meson test's timeout (120 s), well over its VKDVA_GPU_TIMEOUT (10 s). */
#define HANG_MAX_SECONDS 60.0

static struct
{
    unsigned int stall_reports;
    unsigned int removals;
    bool check_text;
    char removal_text[64];
    unsigned int timeout;   /* VKDVA_GPU_TIMEOUT */
} hang_log;

/* The watchdog's two ERRs are expected; any other vkdva error fails the test. */
static void hang_test_log(void *context, enum vkdva_log_level level, const char *message)
{
    if (level != VKDVA_LOG_LEVEL_ERR)
    {
        fputs(message, stderr);
        return;
    }
    if (strstr(message, "not reached after "))
    {
        ++hang_log.stall_reports;
    }
    else if (strstr(message, "has not progressed for"))
    {
        ++hang_log.removals;
        if (hang_log.check_text)
            ok(!!strstr(message, hang_log.removal_text), "Expected \"%s\" in: %s", hang_log.removal_text, message);
    }
    else
    {
        ok(false, "vkdva error: %s", message);
        return;
    }
    fputs(message, stderr);
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9;
}

static ID3D11Texture2D *create_texture(ID3D11Device *device, D3D11_USAGE usage, UINT cpu_access, bool with_data)
{
    D3D11_TEXTURE2D_DESC desc =
    {
        .Width = 64,
        .Height = 64,
        .MipLevels = 1,
        .ArraySize = 1,
        .Format = DXGI_FORMAT_R8G8B8A8_UNORM,
        .SampleDesc.Count = 1,
        .Usage = usage,
        .CPUAccessFlags = cpu_access,
    };
    static uint32_t pixels[64 * 64];
    D3D11_SUBRESOURCE_DATA data = {pixels, 64 * sizeof(*pixels), 0};
    ID3D11Texture2D *texture;
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < ARRAY_SIZE(pixels); ++i)
        pixels[i] = 0x01020304u * (i + 1);
    hr = ID3D11Device_CreateTexture2D(device, &desc, with_data ? &data : NULL, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return SUCCEEDED(hr) ? texture : NULL;
}

/* Copies texture into staging and reads the first texel back. */
static HRESULT copy_and_map(ID3D11DeviceContext *context, ID3D11Texture2D *staging, ID3D11Texture2D *texture,
        uint32_t *texel)
{
    D3D11_MAPPED_SUBRESOURCE map;
    HRESULT hr;

    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)texture);
    if (FAILED(hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map)))
        return hr;
    *texel = *(uint32_t *)map.pData;
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    return hr;
}

static bool has_h264(ID3D11VideoDevice *video_device)
{
    UINT i, count = ID3D11VideoDevice_GetVideoDecoderProfileCount(video_device);
    BOOL supported = FALSE;
    GUID profile;

    for (i = 0; i < count; ++i)
    {
        if (SUCCEEDED(ID3D11VideoDevice_GetVideoDecoderProfile(video_device, i, &profile))
                && IsEqualGUID(&profile, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT))
            return SUCCEEDED(ID3D11VideoDevice_CheckVideoDecoderFormat(video_device, &profile,
                    DXGI_FORMAT_NV12, &supported)) && supported;
    }
    return false;
}

/* A device, its context, a texture with data and a staging texture to read it, and the log's
 * counters reset (check_text: the removal ERR must name VKDVA_GPU_TIMEOUT's seconds). */
static bool hang_start(bool check_text, ID3D11Device **device, ID3D11DeviceContext **context,
        ID3D11Texture2D **texture, ID3D11Texture2D **staging)
{
    HRESULT hr;

    if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)device)))
    {
        skip("Failed to create a device, hr %#x.\n", hr);
        return false;
    }
    hang_log.stall_reports = hang_log.removals = 0;
    hang_log.check_text = check_text;
    ID3D11Device_GetImmediateContext(*device, context);
    *texture = create_texture(*device, D3D11_USAGE_DEFAULT, 0, true);
    *staging = create_texture(*device, D3D11_USAGE_STAGING, D3D11_CPU_ACCESS_READ, false);
    return true;
}

/* Releases what hang_start() made, last the device, and lets the GPU work again. */
static void hang_finish(ID3D11Device *device, ID3D11DeviceContext *context, ID3D11Texture2D *texture,
        ID3D11Texture2D *staging)
{
    if (staging)
        ID3D11Texture2D_Release(staging);
    if (texture)
        ID3D11Texture2D_Release(texture);
    ID3D11DeviceContext_Release(context);
    release_device(device);
    unsetenv("VKDVA_TEST_LAYER_HANG");
}

static void test_hang(void)
{
    ID3D11Texture2D *texture, *staging, *staging2, *new_texture, *output = NULL;
    D3D11_CRYPTO_SESSION_STATUS status = D3D11_CRYPTO_SESSION_STATUS_OK;
    ID3D11CryptoSession *session = NULL, *new_session;
    ID3D11VideoDecoder *decoder = NULL, *new_decoder;
    D3D11_QUERY_DESC query_desc = {D3D11_QUERY_EVENT};
    ID3D11VideoDecoderOutputView *view = NULL;
    ID3D11VideoContext1 *video_context;
    ID3D11VideoDevice *video_device;
    ID3D11DeviceContext *context;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11Query *query = NULL;
    D3D11_TEXTURE2D_DESC desc;
    struct timespec start;
    ID3D11Device *device;
    uint32_t texel = 0;
    double seconds;
    BOOL done;
    HRESULT hr;

    /* Set up, and used once, before the GPU hangs. */
    if (!hang_start(true, &device, &context, &texture, &staging))
        return;
    ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext1, (void **)&video_context);
    staging2 = create_texture(device, D3D11_USAGE_STAGING, D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE, false);
    hr = ID3D11Device_CreateQuery(device, &query_desc, &query);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (!texture || !staging || !staging2 || FAILED(hr))
        goto done;
    hr = copy_and_map(context, staging, texture, &texel);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(texel == 0x01020304u, "Got texel %#x.\n", texel);
    if (has_h264(video_device))
    {
        hr = create_small_h264_decoder(video_device, &decoder);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        hr = create_small_output_view(device, video_device, &output, &view);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    }
    else
    {
        skip("No H.264 decoder.\n");
    }
    /* Without a key exchange the session has no key yet, but it has a status. */
    if (FAILED(hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR,
            &D3D11_DECODER_PROFILE_H264_VLD_NOFGT, &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session)))
    {
        skip("No crypto session (hr %#x).\n", hr);
        session = NULL;
    }
    hr = ID3D11Device_GetDeviceRemovedReason(device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* The GPU hangs on the next copy. */
    setenv("VKDVA_TEST_LAYER_HANG", "1", 1);
    clock_gettime(CLOCK_MONOTONIC, &start);
    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)texture);
    ID3D11DeviceContext_End(context, (ID3D11Asynchronous *)query);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ,
            D3D11_MAP_FLAG_DO_NOT_WAIT, &map);
    ok(hr == DXGI_ERROR_WAS_STILL_DRAWING, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, &done, sizeof(done), 0);
    ok(hr == S_FALSE, "Got unexpected hr %#x.\n", hr);
    ok(!hang_log.stall_reports && !hang_log.removals, "Got %u stall reports, %u removals.\n",
            hang_log.stall_reports, hang_log.removals);

    /* The Map waits for the copy: the watchdog removes the device. */
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    seconds = seconds_since(&start);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    ok(seconds < HANG_MAX_SECONDS, "Map returned after %.1f s.\n", seconds);
    trace("Map returned %#x after %.3f s.\n", hr, seconds);
    ok(hang_log.stall_reports == 1, "Got %u stall reports.\n", hang_log.stall_reports);
    ok(hang_log.removals == 1, "Got %u removals.\n", hang_log.removals);
    hr = ID3D11Device_GetDeviceRemovedReason(device);
    ok(hr == DXGI_ERROR_DEVICE_HUNG, "Got unexpected hr %#x.\n", hr);

    /* Every later call returns at once, with an error. */
    clock_gettime(CLOCK_MONOTONIC, &start);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ,
            D3D11_MAP_FLAG_DO_NOT_WAIT, &map);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    hr = ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, &done, sizeof(done), 0);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
    /* Only a map that reads fails (Map's documentation); a write-only one waits for nothing. */
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging2, 0, D3D11_MAP_WRITE, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging2, 0);
    /* New work is dropped; waiting for it fails too. */
    hr = copy_and_map(context, staging2, texture, &texel);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
    ID3D11DeviceContext_End(context, (ID3D11Asynchronous *)query);
    ID3D11DeviceContext_Flush(context);
    hr = ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, &done, sizeof(done), 0);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);

    ID3D11Texture2D_GetDesc(texture, &desc);
    new_texture = (ID3D11Texture2D *)0xdeadbeef;
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &new_texture);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
    ok(!new_texture, "Got texture %p.\n", new_texture);
    if (SUCCEEDED(hr))
        ID3D11Texture2D_Release(new_texture);

    if (decoder)
    {
        hr = create_small_h264_decoder(video_device, &new_decoder);
        ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
        ok(!new_decoder, "Got decoder %p.\n", new_decoder);
        if (SUCCEEDED(hr))
            ID3D11VideoDecoder_Release(new_decoder);
        /* DecoderBeginFrame documents E_PENDING for a busy GPU, to be retried: a removed device
         * must not answer that, or the application retries forever. */
        hr = ID3D11VideoContext1_DecoderBeginFrame(video_context, decoder, view, 0, NULL);
        ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
        if (SUCCEEDED(hr))
            ID3D11VideoContext1_DecoderEndFrame(video_context, decoder);
    }
    if (session)
    {
        hr = ID3D11VideoContext1_CheckCryptoSessionStatus(video_context, session, &status);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        ok(status == D3D11_CRYPTO_SESSION_STATUS_KEY_LOST, "Got status %#x.\n", status);
        hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR,
                &D3D11_DECODER_PROFILE_H264_VLD_NOFGT, &D3D11_KEY_EXCHANGE_RSAES_OAEP, &new_session);
        ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
        if (SUCCEEDED(hr))
            ID3D11CryptoSession_Release(new_session);
    }
    seconds = seconds_since(&start);
    ok(seconds < HANG_MAX_SECONDS, "The calls after the removal took %.1f s.\n", seconds);
    hr = ID3D11Device_GetDeviceRemovedReason(device);
    ok(hr == DXGI_ERROR_DEVICE_HUNG, "Got unexpected hr %#x.\n", hr);
    ok(hang_log.stall_reports == 1 && hang_log.removals == 1, "Got %u stall reports, %u removals.\n",
            hang_log.stall_reports, hang_log.removals);

done:
    /* Releasing waits for nothing (the layer aborts on an idle wait while the GPU hangs). */
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (session)
        ID3D11CryptoSession_Release(session);
    if (view)
        ID3D11VideoDecoderOutputView_Release(view);
    if (output)
        ID3D11Texture2D_Release(output);
    if (decoder)
        ID3D11VideoDecoder_Release(decoder);
    if (query)
        ID3D11Query_Release(query);
    if (staging2)
        ID3D11Texture2D_Release(staging2);
    ID3D11VideoContext1_Release(video_context);
    ID3D11VideoDevice_Release(video_device);
    hang_finish(device, context, texture, staging);
    seconds = seconds_since(&start);
    ok(seconds < HANG_MAX_SECONDS, "Releasing took %.1f s.\n", seconds);
}

/* An application that polls an event query, as players do, instead of waiting in Map: the
 * watchdog removes the device after VKDVA_GPU_TIMEOUT seconds without progress between polls
 * (real seconds here: the test takes that long). */
static void test_hang_poll(void)
{
    D3D11_QUERY_DESC query_desc = {D3D11_QUERY_EVENT};
    const struct timespec pause = {.tv_nsec = 10000000};
    ID3D11Texture2D *texture, *staging;
    ID3D11DeviceContext *context;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11Query *query = NULL;
    struct timespec start;
    ID3D11Device *device;
    unsigned int polls;
    double seconds;
    BOOL done;
    HRESULT hr;

    if (!hang_start(false, &device, &context, &texture, &staging))
        return;
    hr = ID3D11Device_CreateQuery(device, &query_desc, &query);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (!texture || !staging || FAILED(hr))
        goto done;

    setenv("VKDVA_TEST_LAYER_HANG", "1", 1);
    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)texture);
    ID3D11DeviceContext_End(context, (ID3D11Asynchronous *)query);
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (polls = 1; (hr = ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, &done, sizeof(done), 0))
            == S_FALSE && seconds_since(&start) < HANG_MAX_SECONDS; ++polls)
        nanosleep(&pause, NULL);
    seconds = seconds_since(&start);
    trace("GetData returned %#x after %u polls in %.3f s.\n", hr, polls, seconds);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
    /* Not before the GPU has stalled for the whole VKDVA_GPU_TIMEOUT. */
    ok(seconds >= hang_log.timeout && seconds < HANG_MAX_SECONDS, "GetData returned after %.1f s.\n", seconds);
    ok(hang_log.stall_reports == 1, "Got %u stall reports.\n", hang_log.stall_reports);
    ok(hang_log.removals == 1, "Got %u removals.\n", hang_log.removals);
    hr = ID3D11Device_GetDeviceRemovedReason(device);
    ok(hr == DXGI_ERROR_DEVICE_HUNG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ,
            D3D11_MAP_FLAG_DO_NOT_WAIT, &map);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);

done:
    if (query)
        ID3D11Query_Release(query);
    hang_finish(device, context, texture, staging);
}

/* The removal is the device's: a new one works (what an application does after a removal). */
static void test_new_device(void)
{
    ID3D11Texture2D *texture, *staging;
    ID3D11DeviceContext *context;
    ID3D11Device *device;
    uint32_t texel = 0;
    HRESULT hr;

    if (!hang_start(true, &device, &context, &texture, &staging))
        return;
    if (texture && staging)
    {
        hr = copy_and_map(context, staging, texture, &texel);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        ok(texel == 0x01020304u, "Got texel %#x.\n", texel);
    }
    hr = ID3D11Device_GetDeviceRemovedReason(device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!hang_log.stall_reports && !hang_log.removals, "Got %u stall reports, %u removals.\n",
            hang_log.stall_reports, hang_log.removals);
    hang_finish(device, context, texture, staging);
}

START_TEST(hang)
{
    const char *layers = getenv("VK_INSTANCE_LAYERS"), *timeout = getenv("VKDVA_GPU_TIMEOUT");

    if (!layers || !strstr(layers, HANG_LAYER) || !timeout || !strcmp(timeout, "0"))
    {
        printf("hang: needs " HANG_LAYER " and VKDVA_GPU_TIMEOUT (the meson test sets them up), skipping.\n");
        exit(VKDVA_TEST_EXIT_SKIP);
    }
    /* A wait counts whole 5-second slices. */
    hang_log.timeout = strtoul(timeout, NULL, 10);
    snprintf(hang_log.removal_text, sizeof(hang_log.removal_text), "has not progressed for %u s",
            (hang_log.timeout + 4) / 5 * 5);
    vkdva_set_log_callback(hang_test_log, NULL);
    require_device_or_skip_all();
    vkdva_set_log_callback(hang_test_log, NULL);

    run_test(test_hang);
    run_test(test_hang_poll);
    run_test(test_new_device);
}
