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

/* Fault injection (issue 8; needs -Dfault-injection=true): each operation below is run again
 * and again with VKDVA_FAULT_INJECT=N for N = 1, 2, ... so that the Nth allocation or Vulkan
 * creation inside it fails, until a run hits no fault. Every failing run must return a
 * failure HRESULT from the call that failed, trigger no Vulkan validation error, and release
 * everything (the sanitizer build's LeakSanitizer checks that at exit). Existing objects keep
 * working after a failure. */

#include <initguid.h>
#include <stdlib.h>
#include <string.h>
#include "d3d11_utils.h"

#define MAX_FAULTS 2000

static unsigned int validation_errors;

/* Failures injected on purpose log "Out of memory" and the like as errors; only validation
 * errors fail the test here. */
static void fault_test_log(void *context, enum vkdva_log_level level, const char *message)
{
    if (strstr(message, "Vulkan validation"))
    {
        ++validation_errors;
        ok(false, "%s", message);
    }
}

typedef HRESULT (*fault_scenario)(ID3D11Device *device);

/* Walks N over every fallible call of scenario (run on device, or on a device the scenario
 * creates itself when device is NULL). */
static void walk_faults(const char *name, fault_scenario scenario, ID3D11Device *device)
{
    unsigned int n, hits = 0, tolerated = 0;
    const char *site;
    char value[16];
    HRESULT hr;

    for (n = 1; n <= MAX_FAULTS; ++n)
    {
        snprintf(value, sizeof(value), "%u", n);
        unsetenv("VKDVA_FAULT_HIT");
        setenv("VKDVA_FAULT_INJECT", value, 1);
        validation_errors = 0;
        hr = scenario(device);
        unsetenv("VKDVA_FAULT_INJECT");
        if (!(site = getenv("VKDVA_FAULT_HIT")))
        {
            ok(hr == S_OK, "%s: got hr %#x without an injected fault.\n", name, hr);
            break;
        }
        ++hits;
        /* A failure vkdva can absorb (an optional allocation with a fallback) may succeed. */
        if (SUCCEEDED(hr))
        {
            trace("%s: fault %u at %s absorbed.\n", name, n, site);
            ++tolerated;
        }
        else
            ok(hr == E_OUTOFMEMORY || hr == DXGI_ERROR_UNSUPPORTED || hr == E_FAIL || hr == E_INVALIDARG,
                    "%s: fault %u at %s gave unexpected hr %#x.\n", name, n, site, hr);
        ok(!validation_errors, "%s: fault %u at %s caused %u validation errors.\n", name, n, site,
                validation_errors);
    }
    ok(n <= MAX_FAULTS, "%s: more than %u fallible calls.\n", name, MAX_FAULTS);
    trace("%s: %u call sites failed in turn, %u absorbed.\n", name, hits, tolerated);
}

static HRESULT scenario_device(ID3D11Device *unused)
{
    struct vkdva_device_create_info create_info =
    {
        .type = VKDVA_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
        .api_version = VKDVA_API_VERSION_CURRENT,
        .flags = VKDVA_DEVICE_FLAG_VALIDATION,
    };
    ID3D11DeviceContext *context;
    ID3D11Device *device;
    HRESULT hr;

    if (FAILED(hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device)))
        return hr;
    ID3D11Device_GetImmediateContext(device, &context);
    ID3D11DeviceContext_Release(context);
    ID3D11Device_Release(device);
    return S_OK;
}

static HRESULT scenario_textures(ID3D11Device *device)
{
    D3D11_TEXTURE2D_DESC desc =
    {
        .Width = 64,
        .Height = 32,
        .MipLevels = 1,
        .ArraySize = 4,
        .Format = DXGI_FORMAT_NV12,
        .SampleDesc.Count = 1,
        .Usage = D3D11_USAGE_DEFAULT,
        .BindFlags = D3D11_BIND_DECODER,
    };
    ID3D11Texture2D *texture = NULL, *staging = NULL;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11DeviceContext *context;
    HRESULT hr;

    ID3D11Device_GetImmediateContext(device, &context);
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &texture)))
        goto done;
    desc.ArraySize = 1;
    desc.Usage = D3D11_USAGE_STAGING;
    desc.BindFlags = 0;
    desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE;
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &staging)))
        goto done;
    ID3D11DeviceContext_CopySubresourceRegion(context, (ID3D11Resource *)staging, 0, 0, 0, 0,
            (ID3D11Resource *)texture, 2, NULL);
    if (SUCCEEDED(hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map)))
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);

done:
    if (staging)
        ID3D11Texture2D_Release(staging);
    if (texture)
        ID3D11Texture2D_Release(texture);
    ID3D11DeviceContext_Release(context);
    return hr;
}

static HRESULT scenario_decoder(ID3D11Device *device)
{
    ID3D11VideoDecoderOutputView *view = NULL;
    ID3D11VideoDecoder *decoder = NULL;
    ID3D11VideoDevice *video_device;
    ID3D11Texture2D *texture = NULL;
    HRESULT hr;

    ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    if (SUCCEEDED(hr = create_small_h264_decoder(video_device, &decoder)))
        hr = create_small_output_view(device, video_device, &texture, &view);
    if (view)
        ID3D11VideoDecoderOutputView_Release(view);
    if (texture)
        ID3D11Texture2D_Release(texture);
    if (decoder)
        ID3D11VideoDecoder_Release(decoder);
    ID3D11VideoDevice_Release(video_device);
    return hr;
}

static HRESULT scenario_crypto(ID3D11Device *device)
{
    ID3D11CryptoSession *session = NULL;
    ID3D11VideoDevice *video_device;
    UINT size = 0;
    BYTE *data;
    HRESULT hr;

    ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    if (SUCCEEDED(hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session))
            && SUCCEEDED(hr = ID3D11CryptoSession_GetCertificateSize(session, &size)))
    {
        if ((data = malloc(size)))
        {
            hr = ID3D11CryptoSession_GetCertificate(session, size, data);
            free(data);
        }
    }
    if (session)
        ID3D11CryptoSession_Release(session);
    ID3D11VideoDevice_Release(video_device);
    return hr;
}

/* VK_ERROR_DEVICE_LOST from a submission: the device reports DXGI_ERROR_DEVICE_REMOVED, crypto
 * sessions KEY_LOST, and later calls fail cleanly instead of hanging. */
static void test_device_lost(void)
{
    D3D11_TEXTURE2D_DESC desc =
    {
        .Width = 64,
        .Height = 32,
        .MipLevels = 1,
        .ArraySize = 1,
        .Format = DXGI_FORMAT_NV12,
        .SampleDesc.Count = 1,
        .Usage = D3D11_USAGE_DEFAULT,
    };
    D3D11_CRYPTO_SESSION_STATUS status = D3D11_CRYPTO_SESSION_STATUS_OK;
    ID3D11Texture2D *texture, *staging, *texture2;
    ID3D11CryptoSession *session = NULL;
    ID3D11VideoContext1 *video_context1;
    ID3D11VideoDevice *video_device;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11DeviceContext *context;
    ID3D11Device *device;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    vkdva_set_log_callback(fault_test_log, NULL);
    ID3D11Device_GetImmediateContext(device, &context);
    ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext1, (void **)&video_context1);
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &texture);
    ok(hr == S_OK, "Got hr %#x.\n", hr);
    desc.Usage = D3D11_USAGE_STAGING;
    desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &staging);
    ok(hr == S_OK, "Got hr %#x.\n", hr);
    if (FAILED(ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session)))
        session = NULL;
    hr = ID3D11Device_GetDeviceRemovedReason(device);
    ok(hr == S_OK, "Got hr %#x.\n", hr);

    setenv("VKDVA_FAULT_DEVICE_LOST", "1", 1);
    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)texture);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Map: got hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    unsetenv("VKDVA_FAULT_DEVICE_LOST");

    hr = ID3D11Device_GetDeviceRemovedReason(device);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Got hr %#x.\n", hr);
    /* Creating objects on a removed device fails, as on Windows. */
    desc.Usage = D3D11_USAGE_DEFAULT;
    desc.CPUAccessFlags = 0;
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &texture2);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "CreateTexture2D: got hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ID3D11Texture2D_Release(texture2);
    /* Later work does not hang. */
    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)texture);
    ID3D11DeviceContext_Flush(context);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == DXGI_ERROR_DEVICE_REMOVED, "Map: got hr %#x.\n", hr);
    if (session)
    {
        hr = ID3D11VideoContext1_CheckCryptoSessionStatus(video_context1, session, &status);
        ok(hr == S_OK && status == D3D11_CRYPTO_SESSION_STATUS_KEY_LOST, "Got hr %#x, status %#x.\n", hr, status);
        ID3D11CryptoSession_Release(session);
    }

    ID3D11Texture2D_Release(staging);
    ID3D11Texture2D_Release(texture);
    ID3D11VideoContext1_Release(video_context1);
    ID3D11VideoDevice_Release(video_device);
    ID3D11DeviceContext_Release(context);
    release_device(device);
}

static void test_faults(void)
{
    ID3D11Device *device;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    vkdva_set_log_callback(fault_test_log, NULL);

    walk_faults("device creation", scenario_device, NULL);
    walk_faults("textures", scenario_textures, device);
    /* What survived the failures still works. */
    ok(scenario_textures(device) == S_OK, "Textures failed after the fault walk.\n");
    walk_faults("decoder", scenario_decoder, device);
    ok(scenario_decoder(device) == S_OK, "The decoder failed after the fault walk.\n");
    /* Content protection joins the walk once crypto sessions exist on this device. */
    if ((hr = scenario_crypto(device)) == E_NOTIMPL)
        skip("Crypto sessions are not implemented.\n");
    else
        walk_faults("crypto session", scenario_crypto, device);

    release_device(device);
}

START_TEST(fault)
{
    if (!getenv("VKDVA_FAULT_TEST"))
    {
        /* Without the build option nothing would fail: meson registers the test only in
         * fault-injection builds and sets this. */
        printf("fault: needs -Dfault-injection=true, skipping.\n");
        exit(VKDVA_TEST_EXIT_SKIP);
    }
    require_device_or_skip_all();
    run_test(test_faults);
    run_test(test_device_lost);
}
