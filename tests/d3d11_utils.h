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

/* Helpers shared by the D3D11 tests. Everything platform-specific about getting a device
 * lives here; the test bodies use the D3D11 API only. */

#ifndef __VKDVA_D3D11_UTILS_H
#define __VKDVA_D3D11_UTILS_H

#define COBJMACROS
#include <vkdva.h>
#include "vkdva_test.h"

static unsigned int d3d11_test_error_count;

/* Every vkdva ERR (vkdva broken, or a Vulkan validation error) fails the test. */
static void d3d11_test_log(void *context, enum vkdva_log_level level, const char *message)
{
    if (level == VKDVA_LOG_LEVEL_ERR)
    {
        ++d3d11_test_error_count;
        ok(false, "vkdva error: %s", message);
        return;
    }
    fputs(message, stderr);
}

static void d3d11_test_init_log(void)
{
    static bool initialised;

    if (initialised)
        return;
    initialised = true;
    vkdva_set_log_callback(d3d11_test_log, NULL);
}

/* Creates the default device with Khronos validation (when installed); NULL where no
 * usable Vulkan device exists. */
static ID3D11Device *create_device(void)
{
    struct vkdva_device_create_info create_info =
    {
        .type = VKDVA_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
        .api_version = VKDVA_API_VERSION_CURRENT,
        .flags = VKDVA_DEVICE_FLAG_VALIDATION,
    };
    ID3D11Device *device;
    HRESULT hr;

    d3d11_test_init_log();
    if (FAILED(hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device)))
    {
        trace("Failed to create a device, hr %#x.\n", hr);
        return NULL;
    }
    return device;
}

/* Ends the test program with Meson's "skipped" exit code when no Vulkan device exists. */
static void require_device_or_skip_all(void)
{
    ID3D11Device *device;

    if ((device = create_device()))
    {
        ID3D11Device_Release(device);
        return;
    }
    printf("%s: no usable Vulkan device, skipping.\n", vkdva_test_state.name);
    exit(VKDVA_TEST_EXIT_SKIP);
}

#define get_refcount(x) get_refcount_((IUnknown *)(x))
static inline ULONG get_refcount_(IUnknown *iface)
{
    IUnknown_AddRef(iface);
    return IUnknown_Release(iface);
}

#define check_refcount(a, b) check_refcount_(__LINE__, (IUnknown *)(a), b)
static inline void check_refcount_(unsigned int line, IUnknown *iface, ULONG expected)
{
    ULONG refcount = get_refcount_(iface);

    ok_line(line, refcount == expected, "Got refcount %u, expected %u.\n", refcount, expected);
}

#define check_interface(a, b, c) check_interface_(__LINE__, (IUnknown *)(a), b, c)
static inline void check_interface_(unsigned int line, IUnknown *iface, REFIID iid, bool supported)
{
    HRESULT hr, expected_hr = supported ? S_OK : E_NOINTERFACE;
    IUnknown *unknown;

    hr = IUnknown_QueryInterface(iface, iid, (void **)&unknown);
    ok_line(line, hr == expected_hr, "Got hr %#x, expected %#x.\n", hr, expected_hr);
    if (SUCCEEDED(hr))
        IUnknown_Release(unknown);
    else
        ok_line(line, !unknown, "Got unexpected pointer %p.\n", unknown);
}

#define release_device(a) release_device_(__LINE__, a)
static inline void release_device_(unsigned int line, ID3D11Device *device)
{
    ULONG refcount = ID3D11Device_Release(device);

    ok_line(line, !refcount, "ID3D11Device has %u references left.\n", refcount);
}

/* A small H.264 decoder (64x64, NV12) with the profile's first configuration, and a decoder
 * output view of slice 1 of a two-slice NV12 texture of the same size: the objects the error
 * and fault tests drive. */
static inline HRESULT create_small_h264_decoder(ID3D11VideoDevice *video_device, ID3D11VideoDecoder **decoder)
{
    D3D11_VIDEO_DECODER_DESC desc =
    {
        .Guid = D3D11_DECODER_PROFILE_H264_VLD_NOFGT,
        .SampleWidth = 64,
        .SampleHeight = 64,
        .OutputFormat = DXGI_FORMAT_NV12,
    };
    D3D11_VIDEO_DECODER_CONFIG config;
    HRESULT hr;

    *decoder = NULL;
    if (FAILED(hr = ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 0, &config)))
        return hr;
    return ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, decoder);
}

static inline HRESULT create_small_output_view(ID3D11Device *device, ID3D11VideoDevice *video_device,
        ID3D11Texture2D **texture, ID3D11VideoDecoderOutputView **view)
{
    D3D11_TEXTURE2D_DESC desc =
    {
        .Width = 64,
        .Height = 64,
        .MipLevels = 1,
        .ArraySize = 2,
        .Format = DXGI_FORMAT_NV12,
        .SampleDesc.Count = 1,
        .Usage = D3D11_USAGE_DEFAULT,
        .BindFlags = D3D11_BIND_DECODER,
    };
    D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC view_desc =
    {
        .DecodeProfile = D3D11_DECODER_PROFILE_H264_VLD_NOFGT,
        .ViewDimension = D3D11_VDOV_DIMENSION_TEXTURE2D,
        .Texture2D.ArraySlice = 1,
    };
    HRESULT hr;

    *view = NULL;
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, texture)))
        return hr;
    if (FAILED(hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(video_device, (ID3D11Resource *)*texture,
            &view_desc, view)))
    {
        ID3D11Texture2D_Release(*texture);
        *texture = NULL;
    }
    return hr;
}

#endif /* __VKDVA_D3D11_UTILS_H */
