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

/* The video processor API: enumerators and their capabilities, processors, input and output
 * views, every VideoProcessorSet/Get state with its default, invalid arguments, reference
 * counts, and blits simple enough to check without a CPU reference (solid colours, background
 * fill, target rect). The per-format pixel comparisons live in the blit's own tests. */

#include <initguid.h>
#include <math.h>
#include "d3d11_utils.h"

static const D3D11_VIDEO_PROCESSOR_CONTENT_DESC default_content_desc =
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

struct vp_test
{
    ID3D11Device *device;
    ID3D11DeviceContext *context;
    ID3D11VideoDevice *video_device;
    ID3D11VideoContext *video_context;
    ID3D11VideoProcessorEnumerator *enumerator;
    ID3D11VideoProcessor *processor;
};

static bool init_vp_test(struct vp_test *test)
{
    HRESULT hr;

    memset(test, 0, sizeof(*test));
    if (!(test->device = create_device()))
    {
        skip("Failed to create a device.\n");
        return false;
    }
    ID3D11Device_GetImmediateContext(test->device, &test->context);
    hr = ID3D11Device_QueryInterface(test->device, &IID_ID3D11VideoDevice, (void **)&test->video_device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_QueryInterface(test->context, &IID_ID3D11VideoContext, (void **)&test->video_context);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(test->video_device, &default_content_desc,
            &test->enumerator);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessor(test->video_device, test->enumerator, 0, &test->processor);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return true;
}

static void release_vp_test(struct vp_test *test)
{
    ULONG refcount;

    refcount = ID3D11VideoProcessor_Release(test->processor);
    ok(!refcount, "ID3D11VideoProcessor has %u references left.\n", refcount);
    refcount = ID3D11VideoProcessorEnumerator_Release(test->enumerator);
    ok(!refcount, "ID3D11VideoProcessorEnumerator has %u references left.\n", refcount);
    ID3D11VideoContext_Release(test->video_context);
    ID3D11VideoDevice_Release(test->video_device);
    ID3D11DeviceContext_Release(test->context);
    release_device(test->device);
}

static ID3D11Texture2D *create_texture(ID3D11Device *device, DXGI_FORMAT format, UINT width, UINT height,
        UINT array_size, D3D11_USAGE usage, UINT bind_flags, const D3D11_SUBRESOURCE_DATA *data)
{
    D3D11_TEXTURE2D_DESC desc;
    ID3D11Texture2D *texture;
    HRESULT hr;

    memset(&desc, 0, sizeof(desc));
    desc.Width = width;
    desc.Height = height;
    desc.MipLevels = 1;
    desc.ArraySize = array_size;
    desc.Format = format;
    desc.SampleDesc.Count = 1;
    desc.Usage = usage;
    desc.BindFlags = bind_flags;
    if (usage == D3D11_USAGE_STAGING)
        desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE;
    hr = ID3D11Device_CreateTexture2D(device, &desc, data, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return SUCCEEDED(hr) ? texture : NULL;
}

/* An NV12 texture of one colour (8-bit code values). */
static ID3D11Texture2D *create_nv12_texture(ID3D11Device *device, UINT width, UINT height, BYTE y, BYTE cb, BYTE cr)
{
    D3D11_SUBRESOURCE_DATA data;
    ID3D11Texture2D *texture;
    unsigned int i;
    BYTE *bytes;

    bytes = malloc(width * height * 3 / 2);
    memset(bytes, y, width * height);
    for (i = 0; i < width * height / 2; i += 2)
    {
        bytes[width * height + i] = cb;
        bytes[width * height + i + 1] = cr;
    }
    data.pSysMem = bytes;
    data.SysMemPitch = width;
    data.SysMemSlicePitch = width * height * 3 / 2;
    texture = create_texture(device, DXGI_FORMAT_NV12, width, height, 1, D3D11_USAGE_DEFAULT, 0, &data);
    free(bytes);
    return texture;
}

/* An NV12 texture, left half one colour, right half another. */
static ID3D11Texture2D *create_nv12_halves(ID3D11Device *device, UINT width, UINT height, const BYTE left[3],
        const BYTE right[3])
{
    D3D11_SUBRESOURCE_DATA data;
    ID3D11Texture2D *texture;
    unsigned int x, y;
    BYTE *bytes, *uv;

    bytes = malloc(width * height * 3 / 2);
    uv = bytes + width * height;
    for (y = 0; y < height; ++y)
    {
        for (x = 0; x < width; ++x)
            bytes[y * width + x] = x < width / 2 ? left[0] : right[0];
    }
    for (y = 0; y < height / 2; ++y)
    {
        for (x = 0; x < width; x += 2)
        {
            uv[y * width + x] = x < width / 2 ? left[1] : right[1];
            uv[y * width + x + 1] = x < width / 2 ? left[2] : right[2];
        }
    }
    data.pSysMem = bytes;
    data.SysMemPitch = width;
    data.SysMemSlicePitch = width * height * 3 / 2;
    texture = create_texture(device, DXGI_FORMAT_NV12, width, height, 1, D3D11_USAGE_DEFAULT, 0, &data);
    free(bytes);
    return texture;
}

/* A B8G8R8A8 render target filled with one colour (0xAARRGGBB). */
static ID3D11Texture2D *create_bgra_texture(ID3D11Device *device, UINT width, UINT height, DWORD colour)
{
    D3D11_SUBRESOURCE_DATA data;
    ID3D11Texture2D *texture;
    unsigned int i;
    DWORD *pixels;

    pixels = malloc(width * height * sizeof(*pixels));
    for (i = 0; i < width * height; ++i)
        pixels[i] = colour;
    data.pSysMem = pixels;
    data.SysMemPitch = width * sizeof(*pixels);
    data.SysMemSlicePitch = width * height * sizeof(*pixels);
    texture = create_texture(device, DXGI_FORMAT_B8G8R8A8_UNORM, width, height, 1, D3D11_USAGE_DEFAULT,
            D3D11_BIND_RENDER_TARGET, &data);
    free(pixels);
    return texture;
}

static ID3D11VideoProcessorInputView *create_input_view(struct vp_test *test, ID3D11Texture2D *texture)
{
    D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC desc = {0};
    ID3D11VideoProcessorInputView *view;
    HRESULT hr;

    desc.ViewDimension = D3D11_VPIV_DIMENSION_TEXTURE2D;
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test->video_device, (ID3D11Resource *)texture,
            test->enumerator, &desc, &view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return SUCCEEDED(hr) ? view : NULL;
}

static ID3D11VideoProcessorOutputView *create_output_view(struct vp_test *test, ID3D11Texture2D *texture)
{
    D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC desc = {0};
    ID3D11VideoProcessorOutputView *view;
    HRESULT hr;

    desc.ViewDimension = D3D11_VPOV_DIMENSION_TEXTURE2D;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test->video_device, (ID3D11Resource *)texture,
            test->enumerator, &desc, &view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return SUCCEEDED(hr) ? view : NULL;
}

static bool equal_rect(const RECT *a, const RECT *b)
{
    return a->left == b->left && a->top == b->top && a->right == b->right && a->bottom == b->bottom;
}

static const char *debugstr_rect_(const RECT *r)
{
    static char buffers[4][64];
    static unsigned int index;
    char *buffer = buffers[index++ % ARRAY_SIZE(buffers)];

    snprintf(buffer, sizeof(buffers[0]), "(%d,%d)-(%d,%d)", (int)r->left, (int)r->top, (int)r->right, (int)r->bottom);
    return buffer;
}

struct readback
{
    ID3D11Texture2D *staging;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11DeviceContext *context;
};

#define get_readback(a, b, c, d) get_readback_slice(a, b, c, 0, d)
static void get_readback_slice(ID3D11Device *device, ID3D11DeviceContext *context, ID3D11Texture2D *texture,
        UINT slice, struct readback *rb)
{
    D3D11_TEXTURE2D_DESC desc;
    HRESULT hr;

    ID3D11Texture2D_GetDesc(texture, &desc);
    desc.ArraySize = 1;
    desc.Usage = D3D11_USAGE_STAGING;
    desc.BindFlags = 0;
    desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &rb->staging);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11DeviceContext_CopySubresourceRegion(context, (ID3D11Resource *)rb->staging, 0, 0, 0, 0,
            (ID3D11Resource *)texture, slice, NULL);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)rb->staging, 0, D3D11_MAP_READ, 0, &rb->map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    rb->context = context;
}

static DWORD get_readback_colour(const struct readback *rb, unsigned int x, unsigned int y)
{
    return ((const DWORD *)((const BYTE *)rb->map.pData + y * rb->map.RowPitch))[x];
}

static void release_readback(struct readback *rb)
{
    ID3D11DeviceContext_Unmap(rb->context, (ID3D11Resource *)rb->staging, 0);
    ID3D11Texture2D_Release(rb->staging);
}

static bool compare_colour(DWORD c1, DWORD c2, BYTE max_diff)
{
    unsigned int i;

    for (i = 0; i < 32; i += 8)
    {
        if (abs((int)((c1 >> i) & 0xff) - (int)((c2 >> i) & 0xff)) > max_diff)
            return false;
    }
    return true;
}

#define check_readback_rect(a, b, c, d) check_readback_rect_(__LINE__, a, b, c, d)
static bool check_readback_rect_(unsigned int line, const struct readback *rb, const RECT *rect, DWORD expected,
        BYTE max_diff)
{
    unsigned int x, y;
    DWORD colour;

    for (y = rect->top; y < (unsigned int)rect->bottom; ++y)
    {
        for (x = rect->left; x < (unsigned int)rect->right; ++x)
        {
            colour = get_readback_colour(rb, x, y);
            if (!compare_colour(colour, expected, max_diff))
            {
                ok_line(line, false, "Got colour 0x%08x at (%u,%u), expected 0x%08x.\n", colour, x, y, expected);
                return false;
            }
        }
    }
    ok_line(line, true, "Rect matches.\n");
    return true;
}

static void test_enumerator(void)
{
    static const DXGI_FORMAT vp_formats[] =
    {
        DXGI_FORMAT_NV12, DXGI_FORMAT_P010, DXGI_FORMAT_P016, DXGI_FORMAT_YUY2, DXGI_FORMAT_AYUV, DXGI_FORMAT_Y410,
        DXGI_FORMAT_B8G8R8A8_UNORM, DXGI_FORMAT_R8G8B8A8_UNORM, DXGI_FORMAT_R10G10B10A2_UNORM,
        DXGI_FORMAT_R16G16B16A16_FLOAT,
    };
    D3D11_VIDEO_PROCESSOR_RATE_CONVERSION_CAPS rate_caps;
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC content_desc;
    ID3D11VideoProcessorEnumerator1 *enumerator1;
    ID3D11VideoProcessorEnumerator *enumerator;
    D3D11_VIDEO_PROCESSOR_FILTER_RANGE range;
    D3D11_VIDEO_PROCESSOR_CUSTOM_RATE rate;
    ID3D11VideoDevice *video_device;
    D3D11_VIDEO_PROCESSOR_CAPS caps;
    ID3D11Device *device, *tmp;
    BOOL supported;
    unsigned int i;
    ULONG refcount;
    UINT flags;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    hr = ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, NULL, &enumerator);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &default_content_desc, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    content_desc = default_content_desc;
    content_desc.InputWidth = 0;
    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &content_desc, &enumerator);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    content_desc = default_content_desc;
    content_desc.OutputHeight = 0;
    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &content_desc, &enumerator);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    content_desc = default_content_desc;
    content_desc.InputFrameFormat = 3;
    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &content_desc, &enumerator);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    content_desc = default_content_desc;
    content_desc.Usage = 3;
    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &content_desc, &enumerator);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    refcount = get_refcount(device);
    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &default_content_desc, &enumerator);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    /* The enumerator holds a device reference. */
    check_refcount(device, refcount + 1);
    check_refcount(enumerator, 1);
    check_interface(enumerator, &IID_ID3D11VideoProcessorEnumerator, true);
    check_interface(enumerator, &IID_ID3D11VideoProcessorEnumerator1, true);
    check_interface(enumerator, &IID_ID3D11DeviceChild, true);
    check_interface(enumerator, &IID_IUnknown, true);
    check_interface(enumerator, &IID_ID3D11VideoProcessor, false);
    ID3D11VideoProcessorEnumerator_GetDevice(enumerator, &tmp);
    ok(tmp == device, "Got device %p, expected %p.\n", tmp, device);
    ID3D11Device_Release(tmp);

    memset(&content_desc, 0xcc, sizeof(content_desc));
    hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorContentDesc(enumerator, &content_desc);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!memcmp(&content_desc, &default_content_desc, sizeof(content_desc)), "Content descs differ.\n");
    hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorContentDesc(enumerator, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* Every format of the issue is an input and an output where the device has it; at least
     * NV12 in and B8G8R8A8 out on any device. */
    for (i = 0; i < ARRAY_SIZE(vp_formats); ++i)
    {
        flags = 0xdeadbeef;
        hr = ID3D11VideoProcessorEnumerator_CheckVideoProcessorFormat(enumerator, vp_formats[i], &flags);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        ok(!(flags & ~(D3D11_VIDEO_PROCESSOR_FORMAT_SUPPORT_INPUT | D3D11_VIDEO_PROCESSOR_FORMAT_SUPPORT_OUTPUT)),
                "Format %#x: got flags %#x.\n", vp_formats[i], flags);
        trace("Format %#x: flags %#x.\n", vp_formats[i], flags);
    }
    hr = ID3D11VideoProcessorEnumerator_CheckVideoProcessorFormat(enumerator, DXGI_FORMAT_NV12, &flags);
    ok(hr == S_OK && (flags & D3D11_VIDEO_PROCESSOR_FORMAT_SUPPORT_INPUT), "Got hr %#x, flags %#x.\n", hr, flags);
    hr = ID3D11VideoProcessorEnumerator_CheckVideoProcessorFormat(enumerator, DXGI_FORMAT_B8G8R8A8_UNORM, &flags);
    ok(hr == S_OK && (flags & D3D11_VIDEO_PROCESSOR_FORMAT_SUPPORT_OUTPUT), "Got hr %#x, flags %#x.\n", hr, flags);
    hr = ID3D11VideoProcessorEnumerator_CheckVideoProcessorFormat(enumerator, DXGI_FORMAT_R8_UNORM, &flags);
    ok(hr == S_OK && !flags, "Got hr %#x, flags %#x.\n", hr, flags);
    hr = ID3D11VideoProcessorEnumerator_CheckVideoProcessorFormat(enumerator, DXGI_FORMAT_UNKNOWN, &flags);
    ok(hr == S_OK && !flags, "Got hr %#x, flags %#x.\n", hr, flags);
    hr = ID3D11VideoProcessorEnumerator_CheckVideoProcessorFormat(enumerator, DXGI_FORMAT_NV12, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    memset(&caps, 0xcc, sizeof(caps));
    hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorCaps(enumerator, &caps);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!caps.StereoCaps, "Got stereo caps %#x.\n", caps.StereoCaps);
    ok(!(caps.FeatureCaps & D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_STEREO), "Got feature caps %#x.\n", caps.FeatureCaps);
    ok(caps.RateConversionCapsCount == 1, "Got %u rate conversion caps.\n", caps.RateConversionCapsCount);
    ok(caps.MaxInputStreams >= 2, "Got %u input streams.\n", caps.MaxInputStreams);
    ok(caps.MaxStreamStates >= caps.MaxInputStreams, "Got %u stream states.\n", caps.MaxStreamStates);
    ok(!(caps.FilterCaps & ~0xffu), "Got filter caps %#x.\n", caps.FilterCaps);
    trace("Caps: device %#x, feature %#x, filter %#x, input format %#x, auto stream %#x.\n", caps.DeviceCaps,
            caps.FeatureCaps, caps.FilterCaps, caps.InputFormatCaps, caps.AutoStreamCaps);
    hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorCaps(enumerator, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    memset(&rate_caps, 0xcc, sizeof(rate_caps));
    hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorRateConversionCaps(enumerator, 0, &rate_caps);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(rate_caps.ProcessorCaps & D3D11_VIDEO_PROCESSOR_PROCESSOR_CAPS_DEINTERLACE_BOB,
            "Got processor caps %#x.\n", rate_caps.ProcessorCaps);
    ok(!rate_caps.ITelecineCaps, "Got inverse telecine caps %#x.\n", rate_caps.ITelecineCaps);
    ok(!rate_caps.CustomRateCount, "Got %u custom rates.\n", rate_caps.CustomRateCount);
    hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorRateConversionCaps(enumerator, 1, &rate_caps);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorRateConversionCaps(enumerator, 0, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorCustomRate(enumerator, 0, 0, &rate);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorCustomRate(enumerator, 1, 0, &rate);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* A range exactly for each advertised filter. */
    for (i = D3D11_VIDEO_PROCESSOR_FILTER_BRIGHTNESS; i <= D3D11_VIDEO_PROCESSOR_FILTER_STEREO_ADJUSTMENT; ++i)
    {
        memset(&range, 0xcc, sizeof(range));
        hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorFilterRange(enumerator, i, &range);
        if (caps.FilterCaps & (1u << i))
        {
            ok(hr == S_OK, "Filter %u: got unexpected hr %#x.\n", i, hr);
            ok(range.Minimum <= range.Default && range.Default <= range.Maximum && range.Minimum < range.Maximum,
                    "Filter %u: got range [%d, %d], default %d.\n", i, range.Minimum, range.Maximum, range.Default);
            ok(range.Multiplier > 0.0f, "Filter %u: got multiplier %.8e.\n", i, range.Multiplier);
            hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorFilterRange(enumerator, i, NULL);
            ok(hr == E_INVALIDARG, "Filter %u: got unexpected hr %#x.\n", i, hr);
        }
        else
        {
            ok(hr == E_INVALIDARG, "Filter %u: got unexpected hr %#x.\n", i, hr);
        }
    }
    hr = ID3D11VideoProcessorEnumerator_GetVideoProcessorFilterRange(enumerator, 8, &range);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    hr = ID3D11VideoProcessorEnumerator_QueryInterface(enumerator, &IID_ID3D11VideoProcessorEnumerator1,
            (void **)&enumerator1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    supported = FALSE;
    hr = ID3D11VideoProcessorEnumerator1_CheckVideoProcessorFormatConversion(enumerator1, DXGI_FORMAT_NV12,
            DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P709, DXGI_FORMAT_B8G8R8A8_UNORM,
            DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P709, &supported);
    ok(hr == S_OK && supported, "Got hr %#x, supported %#x.\n", hr, supported);
    hr = ID3D11VideoProcessorEnumerator1_CheckVideoProcessorFormatConversion(enumerator1, DXGI_FORMAT_NV12,
            DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P601, DXGI_FORMAT_B8G8R8A8_UNORM,
            DXGI_COLOR_SPACE_RGB_STUDIO_G22_NONE_P709, &supported);
    ok(hr == S_OK && supported, "Got hr %#x, supported %#x.\n", hr, supported);
    hr = ID3D11VideoProcessorEnumerator1_CheckVideoProcessorFormatConversion(enumerator1, DXGI_FORMAT_NV12,
            DXGI_COLOR_SPACE_CUSTOM, DXGI_FORMAT_B8G8R8A8_UNORM, DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P709, &supported);
    ok(hr == S_OK && !supported, "Got hr %#x, supported %#x.\n", hr, supported);
    hr = ID3D11VideoProcessorEnumerator1_CheckVideoProcessorFormatConversion(enumerator1, DXGI_FORMAT_R8_UNORM,
            DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P709, DXGI_FORMAT_B8G8R8A8_UNORM,
            DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P709, &supported);
    ok(hr == S_OK && !supported, "Got hr %#x, supported %#x.\n", hr, supported);
    hr = ID3D11VideoProcessorEnumerator1_CheckVideoProcessorFormatConversion(enumerator1, DXGI_FORMAT_NV12,
            DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P709, DXGI_FORMAT_B8G8R8A8_UNORM,
            DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P709, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoProcessorEnumerator1_Release(enumerator1);

    refcount = ID3D11VideoProcessorEnumerator_Release(enumerator);
    ok(!refcount, "ID3D11VideoProcessorEnumerator has %u references left.\n", refcount);
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

static void test_processor(void)
{
    D3D11_VIDEO_PROCESSOR_RATE_CONVERSION_CAPS rate_caps;
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC content_desc;
    ID3D11VideoProcessor *processor;
    ID3D11Device *tmp, *device2;
    ID3D11VideoDevice *video_device2;
    struct vp_test test;
    ULONG refcount;
    UINT size;
    DWORD data;
    HRESULT hr;

    if (!init_vp_test(&test))
        return;

    hr = ID3D11VideoDevice_CreateVideoProcessor(test.video_device, NULL, 0, &processor);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessor(test.video_device, test.enumerator, 1, &processor);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessor(test.video_device, test.enumerator, 0, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    /* An enumerator of another device. */
    if ((device2 = create_device()))
    {
        hr = ID3D11Device_QueryInterface(device2, &IID_ID3D11VideoDevice, (void **)&video_device2);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        hr = ID3D11VideoDevice_CreateVideoProcessor(video_device2, test.enumerator, 0, &processor);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        ID3D11VideoDevice_Release(video_device2);
        release_device(device2);
    }

    refcount = get_refcount(test.device);
    hr = ID3D11VideoDevice_CreateVideoProcessor(test.video_device, test.enumerator, 0, &processor);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(test.device, refcount + 1);
    check_refcount(test.enumerator, 1);
    check_refcount(processor, 1);
    check_interface(processor, &IID_ID3D11VideoProcessor, true);
    check_interface(processor, &IID_ID3D11DeviceChild, true);
    check_interface(processor, &IID_IUnknown, true);
    check_interface(processor, &IID_ID3D11VideoProcessorEnumerator, false);
    ID3D11VideoProcessor_GetDevice(processor, &tmp);
    ok(tmp == test.device, "Got device %p, expected %p.\n", tmp, test.device);
    ID3D11Device_Release(tmp);

    ID3D11VideoProcessor_GetContentDesc(processor, &content_desc);
    ok(!memcmp(&content_desc, &default_content_desc, sizeof(content_desc)), "Content descs differ.\n");
    memset(&rate_caps, 0xcc, sizeof(rate_caps));
    ID3D11VideoProcessor_GetRateConversionCaps(processor, &rate_caps);
    ok(rate_caps.ProcessorCaps == D3D11_VIDEO_PROCESSOR_PROCESSOR_CAPS_DEINTERLACE_BOB,
            "Got processor caps %#x.\n", rate_caps.ProcessorCaps);

    data = 0x12345678;
    hr = ID3D11VideoProcessor_SetPrivateData(processor, &IID_IUnknown, sizeof(data), &data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    data = 0;
    size = sizeof(data);
    hr = ID3D11VideoProcessor_GetPrivateData(processor, &IID_IUnknown, &size, &data);
    ok(hr == S_OK && data == 0x12345678 && size == sizeof(data), "Got hr %#x, data %#x, size %u.\n", hr, data, size);
    hr = ID3D11VideoProcessorEnumerator_SetPrivateData(test.enumerator, &IID_IUnknown, sizeof(data), &data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    refcount = ID3D11VideoProcessor_Release(processor);
    ok(!refcount, "ID3D11VideoProcessor has %u references left.\n", refcount);
    release_vp_test(&test);
}

static void test_views(void)
{
    D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC output_desc;
    D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC input_desc;
    ID3D11VideoProcessorOutputView *output_view;
    ID3D11VideoProcessorInputView *input_view;
    ID3D11Texture2D *nv12, *bgra, *array, *staging, *srv_only, *r8, *decoder_rt;
    ULONG refcount, device_refcount;
    ID3D11Resource *resource;
    UINT support = 0;
    struct vp_test test;
    ID3D11Device *tmp;
    HRESULT hr;

    if (!init_vp_test(&test))
        return;

    nv12 = create_nv12_texture(test.device, 64, 32, 16, 128, 128);
    bgra = create_bgra_texture(test.device, 64, 32, 0xff000000);
    array = create_texture(test.device, DXGI_FORMAT_B8G8R8A8_UNORM, 64, 32, 4, D3D11_USAGE_DEFAULT,
            D3D11_BIND_RENDER_TARGET | D3D11_BIND_SHADER_RESOURCE, NULL);
    staging = create_texture(test.device, DXGI_FORMAT_B8G8R8A8_UNORM, 64, 32, 1, D3D11_USAGE_STAGING, 0, NULL);
    srv_only = create_texture(test.device, DXGI_FORMAT_B8G8R8A8_UNORM, 64, 32, 1, D3D11_USAGE_DEFAULT,
            D3D11_BIND_SHADER_RESOURCE, NULL);
    r8 = create_texture(test.device, DXGI_FORMAT_R8_UNORM, 64, 32, 1, D3D11_USAGE_DEFAULT,
            D3D11_BIND_RENDER_TARGET | D3D11_BIND_SHADER_RESOURCE, NULL);
    if (!nv12 || !bgra || !array || !staging || !srv_only || !r8)
    {
        skip("Failed to create textures.\n");
        goto done;
    }

    /* Input views. */
    memset(&input_desc, 0, sizeof(input_desc));
    input_desc.ViewDimension = D3D11_VPIV_DIMENSION_TEXTURE2D;
    /* A NULL view pointer only checks the arguments. */
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)nv12,
            test.enumerator, &input_desc, NULL);
    ok(hr == S_FALSE, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)r8,
            test.enumerator, &input_desc, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    /* Input textures have no bind flags or one of DECODER, VIDEO_ENCODER, RENDER_TARGET and
     * UNORDERED_ACCESS among theirs. */
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)srv_only,
            test.enumerator, &input_desc, &input_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    input_view = (void *)0xdeadbeef;
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, NULL, test.enumerator,
            &input_desc, &input_view);
    ok(hr == E_INVALIDARG && !input_view, "Got hr %#x, view %p.\n", hr, input_view);
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)nv12,
            NULL, &input_desc, &input_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)nv12,
            test.enumerator, NULL, &input_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    input_desc.ViewDimension = D3D11_VPIV_DIMENSION_UNKNOWN;
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)nv12,
            test.enumerator, &input_desc, &input_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    input_desc.ViewDimension = D3D11_VPIV_DIMENSION_TEXTURE2D;
    input_desc.FourCC = 0x3231564e; /* 'NV12' */
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)nv12,
            test.enumerator, &input_desc, &input_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    input_desc.FourCC = 0;
    input_desc.Texture2D.MipSlice = 1;
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)nv12,
            test.enumerator, &input_desc, &input_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    input_desc.Texture2D.MipSlice = 0;
    input_desc.Texture2D.ArraySlice = 1;
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)nv12,
            test.enumerator, &input_desc, &input_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    input_desc.Texture2D.ArraySlice = 0;
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)staging,
            test.enumerator, &input_desc, &input_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)r8,
            test.enumerator, &input_desc, &input_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    refcount = get_refcount(nv12);
    device_refcount = get_refcount(test.device);
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)nv12,
            test.enumerator, &input_desc, &input_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    /* The view holds its texture and the device. */
    check_refcount(nv12, refcount + 1);
    check_refcount(test.device, device_refcount + 1);
    check_refcount(test.enumerator, 1);
    check_interface(input_view, &IID_ID3D11VideoProcessorInputView, true);
    check_interface(input_view, &IID_ID3D11View, true);
    check_interface(input_view, &IID_ID3D11DeviceChild, true);
    check_interface(input_view, &IID_ID3D11VideoProcessorOutputView, false);
    memset(&input_desc, 0xcc, sizeof(input_desc));
    ID3D11VideoProcessorInputView_GetDesc(input_view, &input_desc);
    ok(input_desc.ViewDimension == D3D11_VPIV_DIMENSION_TEXTURE2D && !input_desc.FourCC
            && !input_desc.Texture2D.MipSlice && !input_desc.Texture2D.ArraySlice, "Got unexpected desc.\n");
    ID3D11VideoProcessorInputView_GetResource(input_view, &resource);
    ok(resource == (ID3D11Resource *)nv12, "Got resource %p, expected %p.\n", resource, nv12);
    ID3D11Resource_Release(resource);
    ID3D11VideoProcessorInputView_GetDevice(input_view, &tmp);
    ok(tmp == test.device, "Got device %p, expected %p.\n", tmp, test.device);
    ID3D11Device_Release(tmp);
    refcount = ID3D11VideoProcessorInputView_Release(input_view);
    ok(!refcount, "ID3D11VideoProcessorInputView has %u references left.\n", refcount);
    check_refcount(test.device, device_refcount);

    /* An RGB input, and a slice of an array. */
    input_desc.Texture2D.ArraySlice = 3;
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)array,
            test.enumerator, &input_desc, &input_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoProcessorInputView_Release(input_view);
    input_desc.Texture2D.ArraySlice = 4;
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)array,
            test.enumerator, &input_desc, &input_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* Output views. */
    memset(&output_desc, 0, sizeof(output_desc));
    output_desc.ViewDimension = D3D11_VPOV_DIMENSION_TEXTURE2D;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)bgra,
            test.enumerator, &output_desc, NULL);
    ok(hr == S_FALSE, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)srv_only,
            test.enumerator, &output_desc, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    /* Outputs are render targets, with at most VIDEO_ENCODER and SHADER_RESOURCE besides. */
    ID3D11Device_CheckFormatSupport(test.device, DXGI_FORMAT_NV12, &support);
    if (support & D3D11_FORMAT_SUPPORT_DECODER_OUTPUT)
    {
        decoder_rt = create_texture(test.device, DXGI_FORMAT_NV12, 64, 32, 1, D3D11_USAGE_DEFAULT,
                D3D11_BIND_DECODER | D3D11_BIND_RENDER_TARGET, NULL);
        hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)decoder_rt,
                test.enumerator, &output_desc, &output_view);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        /* As an input it is fine. */
        input_desc.Texture2D.ArraySlice = 0;
        hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)decoder_rt,
                test.enumerator, &input_desc, NULL);
        ok(hr == S_FALSE, "Got unexpected hr %#x.\n", hr);
        ID3D11Texture2D_Release(decoder_rt);
    }
    output_view = (void *)0xdeadbeef;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, NULL, test.enumerator,
            &output_desc, &output_view);
    ok(hr == E_INVALIDARG && !output_view, "Got hr %#x, view %p.\n", hr, output_view);
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)bgra,
            NULL, &output_desc, &output_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)bgra,
            test.enumerator, NULL, &output_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)srv_only,
            test.enumerator, &output_desc, &output_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)staging,
            test.enumerator, &output_desc, &output_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)r8,
            test.enumerator, &output_desc, &output_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    output_desc.ViewDimension = D3D11_VPOV_DIMENSION_UNKNOWN;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)bgra,
            test.enumerator, &output_desc, &output_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    output_desc.ViewDimension = D3D11_VPOV_DIMENSION_TEXTURE2D;
    output_desc.Texture2D.MipSlice = 1;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)bgra,
            test.enumerator, &output_desc, &output_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    output_desc.Texture2D.MipSlice = 0;

    refcount = get_refcount(bgra);
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)bgra,
            test.enumerator, &output_desc, &output_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(bgra, refcount + 1);
    check_interface(output_view, &IID_ID3D11VideoProcessorOutputView, true);
    check_interface(output_view, &IID_ID3D11View, true);
    check_interface(output_view, &IID_ID3D11VideoProcessorInputView, false);
    memset(&output_desc, 0xcc, sizeof(output_desc));
    ID3D11VideoProcessorOutputView_GetDesc(output_view, &output_desc);
    ok(output_desc.ViewDimension == D3D11_VPOV_DIMENSION_TEXTURE2D && !output_desc.Texture2D.MipSlice,
            "Got unexpected desc.\n");
    ID3D11VideoProcessorOutputView_GetResource(output_view, &resource);
    ok(resource == (ID3D11Resource *)bgra, "Got resource %p, expected %p.\n", resource, bgra);
    ID3D11Resource_Release(resource);
    refcount = ID3D11VideoProcessorOutputView_Release(output_view);
    ok(!refcount, "ID3D11VideoProcessorOutputView has %u references left.\n", refcount);

    output_desc.ViewDimension = D3D11_VPOV_DIMENSION_TEXTURE2DARRAY;
    output_desc.Texture2DArray.MipSlice = 0;
    output_desc.Texture2DArray.FirstArraySlice = 2;
    output_desc.Texture2DArray.ArraySize = 2;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)array,
            test.enumerator, &output_desc, &output_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(&output_desc, 0xcc, sizeof(output_desc));
    ID3D11VideoProcessorOutputView_GetDesc(output_view, &output_desc);
    ok(output_desc.ViewDimension == D3D11_VPOV_DIMENSION_TEXTURE2DARRAY && !output_desc.Texture2DArray.MipSlice
            && output_desc.Texture2DArray.FirstArraySlice == 2 && output_desc.Texture2DArray.ArraySize == 2,
            "Got unexpected desc.\n");
    ID3D11VideoProcessorOutputView_Release(output_view);
    output_desc.Texture2DArray.FirstArraySlice = 3;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)array,
            test.enumerator, &output_desc, &output_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    output_desc.Texture2DArray.FirstArraySlice = 0;
    output_desc.Texture2DArray.ArraySize = 0;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)array,
            test.enumerator, &output_desc, &output_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    output_desc.Texture2DArray.ArraySize = 1;
    output_desc.Texture2DArray.MipSlice = 1;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)array,
            test.enumerator, &output_desc, &output_view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

done:
    if (r8)
        ID3D11Texture2D_Release(r8);
    if (srv_only)
        ID3D11Texture2D_Release(srv_only);
    if (staging)
        ID3D11Texture2D_Release(staging);
    if (array)
        ID3D11Texture2D_Release(array);
    if (bgra)
        ID3D11Texture2D_Release(bgra);
    if (nv12)
        ID3D11Texture2D_Release(nv12);
    release_vp_test(&test);
}

static void test_output_state(void)
{
    static const DXGI_HDR_METADATA_HDR10 hdr10 =
    {
        .RedPrimary = {35400, 14600}, .GreenPrimary = {8500, 39850}, .BluePrimary = {6550, 2300},
        .WhitePoint = {15635, 16450}, .MaxMasteringLuminance = 10000000, .MinMasteringLuminance = 50,
        .MaxContentLightLevel = 1000, .MaxFrameAverageLightLevel = 400,
    };
    static const RECT rect = {1, 2, 30, 20}, bad_rect = {10, 2, 5, 20};
    D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE fill_mode;
    D3D11_VIDEO_PROCESSOR_COLOR_SPACE color_space;
    ID3D11VideoContext1 *video_context1;
    ID3D11VideoContext2 *video_context2;
    DXGI_HDR_METADATA_HDR10 hdr10_out;
    DXGI_HDR_METADATA_TYPE hdr_type;
    DXGI_COLOR_SPACE_TYPE dxgi_cs;
    D3D11_VIDEO_PROCESSOR_CAPS caps;
    D3D11_VIDEO_COLOR colour;
    BOOL enabled, ycbcr;
    struct vp_test test;
    UINT stream, hints;
    SIZE size;
    RECT r;
    HRESULT hr;

    if (!init_vp_test(&test))
        return;
    ID3D11VideoProcessorEnumerator_GetVideoProcessorCaps(test.enumerator, &caps);

    /* Defaults. */
    enabled = TRUE;
    memset(&r, 0xcc, sizeof(r));
    ID3D11VideoContext_VideoProcessorGetOutputTargetRect(test.video_context, test.processor, &enabled, &r);
    ok(!enabled, "Got enabled %#x.\n", enabled);
    ycbcr = TRUE;
    memset(&colour, 0xcc, sizeof(colour));
    ID3D11VideoContext_VideoProcessorGetOutputBackgroundColor(test.video_context, test.processor, &ycbcr, &colour);
    ok(!ycbcr, "Got YCbCr %#x.\n", ycbcr);
    ok(colour.RGBA.R == 0.0f && colour.RGBA.G == 0.0f && colour.RGBA.B == 0.0f && colour.RGBA.A == 1.0f,
            "Got colour {%.8e, %.8e, %.8e, %.8e}.\n", colour.RGBA.R, colour.RGBA.G, colour.RGBA.B, colour.RGBA.A);
    memset(&color_space, 0xcc, sizeof(color_space));
    ID3D11VideoContext_VideoProcessorGetOutputColorSpace(test.video_context, test.processor, &color_space);
    ok(!color_space.Usage && !color_space.RGB_Range && !color_space.YCbCr_Matrix && !color_space.YCbCr_xvYCC
            && !color_space.Nominal_Range, "Got unexpected colour space.\n");
    fill_mode = 0xdeadbeef;
    stream = 0xdeadbeef;
    ID3D11VideoContext_VideoProcessorGetOutputAlphaFillMode(test.video_context, test.processor, &fill_mode, &stream);
    ok(fill_mode == D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_OPAQUE && !stream, "Got mode %#x, stream %u.\n",
            fill_mode, stream);
    enabled = TRUE;
    ID3D11VideoContext_VideoProcessorGetOutputConstriction(test.video_context, test.processor, &enabled, &size);
    ok(!enabled && size.cx == 1 && size.cy == 1, "Got enabled %#x, size %dx%d.\n", enabled, size.cx, size.cy);
    enabled = TRUE;
    ID3D11VideoContext_VideoProcessorGetOutputStereoMode(test.video_context, test.processor, &enabled);
    ok(!enabled, "Got enabled %#x.\n", enabled);

    /* Round trips. */
    ID3D11VideoContext_VideoProcessorSetOutputTargetRect(test.video_context, test.processor, TRUE, &rect);
    ID3D11VideoContext_VideoProcessorGetOutputTargetRect(test.video_context, test.processor, &enabled, &r);
    ok(enabled && equal_rect(&r, &rect), "Got enabled %#x, rect %s.\n", enabled, debugstr_rect_(&r));
    /* Invalid: nothing changes. */
    ID3D11VideoContext_VideoProcessorSetOutputTargetRect(test.video_context, test.processor, TRUE, &bad_rect);
    ID3D11VideoContext_VideoProcessorSetOutputTargetRect(test.video_context, test.processor, TRUE, NULL);
    ID3D11VideoContext_VideoProcessorSetOutputTargetRect(test.video_context, NULL, FALSE, NULL);
    ID3D11VideoContext_VideoProcessorGetOutputTargetRect(test.video_context, test.processor, &enabled, &r);
    ok(enabled && equal_rect(&r, &rect), "Got enabled %#x, rect %s.\n", enabled, debugstr_rect_(&r));
    ID3D11VideoContext_VideoProcessorSetOutputTargetRect(test.video_context, test.processor, FALSE, NULL);
    ID3D11VideoContext_VideoProcessorGetOutputTargetRect(test.video_context, test.processor, &enabled, NULL);
    ok(!enabled, "Got enabled %#x.\n", enabled);

    colour.YCbCr.Y = 0.5f;
    colour.YCbCr.Cb = 0.25f;
    colour.YCbCr.Cr = 0.75f;
    colour.YCbCr.A = 0.5f;
    ID3D11VideoContext_VideoProcessorSetOutputBackgroundColor(test.video_context, test.processor, TRUE, &colour);
    ID3D11VideoContext_VideoProcessorSetOutputBackgroundColor(test.video_context, test.processor, FALSE, NULL);
    memset(&colour, 0, sizeof(colour));
    ID3D11VideoContext_VideoProcessorGetOutputBackgroundColor(test.video_context, test.processor, &ycbcr, &colour);
    ok(ycbcr && colour.YCbCr.Y == 0.5f && colour.YCbCr.Cb == 0.25f && colour.YCbCr.Cr == 0.75f
            && colour.YCbCr.A == 0.5f, "Got unexpected background.\n");

    memset(&color_space, 0, sizeof(color_space));
    color_space.RGB_Range = 1;
    color_space.YCbCr_Matrix = 1;
    color_space.Nominal_Range = D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_0_255;
    ID3D11VideoContext_VideoProcessorSetOutputColorSpace(test.video_context, test.processor, &color_space);
    /* xvYCC is not reported: refused. */
    color_space.YCbCr_xvYCC = 1;
    ID3D11VideoContext_VideoProcessorSetOutputColorSpace(test.video_context, test.processor, &color_space);
    color_space.YCbCr_xvYCC = 0;
    color_space.Nominal_Range = 3;
    ID3D11VideoContext_VideoProcessorSetOutputColorSpace(test.video_context, test.processor, &color_space);
    ID3D11VideoContext_VideoProcessorSetOutputColorSpace(test.video_context, test.processor, NULL);
    memset(&color_space, 0, sizeof(color_space));
    ID3D11VideoContext_VideoProcessorGetOutputColorSpace(test.video_context, test.processor, &color_space);
    ok(color_space.RGB_Range == 1 && color_space.YCbCr_Matrix == 1 && !color_space.YCbCr_xvYCC
            && color_space.Nominal_Range == D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_0_255,
            "Got unexpected colour space.\n");

    ok(caps.FeatureCaps & D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ALPHA_FILL, "Got feature caps %#x.\n", caps.FeatureCaps);
    ID3D11VideoContext_VideoProcessorSetOutputAlphaFillMode(test.video_context, test.processor,
            D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_SOURCE_STREAM, caps.MaxInputStreams - 1);
    ID3D11VideoContext_VideoProcessorGetOutputAlphaFillMode(test.video_context, test.processor, &fill_mode, &stream);
    ok(fill_mode == D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_SOURCE_STREAM && stream == caps.MaxInputStreams - 1,
            "Got mode %#x, stream %u.\n", fill_mode, stream);
    ID3D11VideoContext_VideoProcessorSetOutputAlphaFillMode(test.video_context, test.processor,
            D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_SOURCE_STREAM, caps.MaxInputStreams);
    ID3D11VideoContext_VideoProcessorSetOutputAlphaFillMode(test.video_context, test.processor, 4, 0);
    ID3D11VideoContext_VideoProcessorGetOutputAlphaFillMode(test.video_context, test.processor, &fill_mode, &stream);
    ok(fill_mode == D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_SOURCE_STREAM && stream == caps.MaxInputStreams - 1,
            "Got mode %#x, stream %u.\n", fill_mode, stream);
    ID3D11VideoContext_VideoProcessorSetOutputAlphaFillMode(test.video_context, test.processor,
            D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_BACKGROUND, 0);
    ID3D11VideoContext_VideoProcessorGetOutputAlphaFillMode(test.video_context, test.processor, &fill_mode, &stream);
    ok(fill_mode == D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_BACKGROUND && !stream, "Got mode %#x, stream %u.\n",
            fill_mode, stream);

    /* Constriction is reported; a size of 0 is refused, with no change. */
    ok(caps.FeatureCaps & D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_CONSTRICTION, "Got feature caps %#x.\n",
            caps.FeatureCaps);
    size.cx = 16;
    size.cy = 8;
    ID3D11VideoContext_VideoProcessorSetOutputConstriction(test.video_context, test.processor, TRUE, size);
    ID3D11VideoContext_VideoProcessorGetOutputConstriction(test.video_context, test.processor, &enabled, &size);
    ok(enabled && size.cx == 16 && size.cy == 8, "Got enabled %#x, size %dx%d.\n", enabled, size.cx, size.cy);
    size.cx = 0;
    ID3D11VideoContext_VideoProcessorSetOutputConstriction(test.video_context, test.processor, TRUE, size);
    ID3D11VideoContext_VideoProcessorGetOutputConstriction(test.video_context, test.processor, &enabled, &size);
    ok(enabled && size.cx == 16 && size.cy == 8, "Got enabled %#x, size %dx%d.\n", enabled, size.cx, size.cy);
    ID3D11VideoContext_VideoProcessorSetOutputConstriction(test.video_context, test.processor, FALSE, size);
    ID3D11VideoContext_VideoProcessorGetOutputConstriction(test.video_context, test.processor, &enabled, &size);
    ok(!enabled, "Got enabled %#x.\n", enabled);

    /* Stereo is not supported. */
    ID3D11VideoContext_VideoProcessorSetOutputStereoMode(test.video_context, test.processor, TRUE);
    ID3D11VideoContext_VideoProcessorGetOutputStereoMode(test.video_context, test.processor, &enabled);
    ok(!enabled, "Got enabled %#x.\n", enabled);

    hr = ID3D11VideoContext_VideoProcessorSetOutputExtension(test.video_context, test.processor, &IID_IUnknown,
            0, NULL);
    ok(hr == E_NOTIMPL, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_VideoProcessorGetOutputExtension(test.video_context, test.processor, &IID_IUnknown,
            0, NULL);
    ok(hr == E_NOTIMPL, "Got unexpected hr %#x.\n", hr);

    /* ID3D11VideoContext1: the DXGI colour space is the same state as the legacy one. */
    hr = ID3D11VideoContext_QueryInterface(test.video_context, &IID_ID3D11VideoContext1, (void **)&video_context1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(&color_space, 0, sizeof(color_space));
    ID3D11VideoContext_VideoProcessorSetOutputColorSpace(test.video_context, test.processor, &color_space);
    ID3D11VideoContext1_VideoProcessorGetOutputColorSpace1(video_context1, test.processor, &dxgi_cs);
    ok(dxgi_cs == DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P709, "Got colour space %#x.\n", dxgi_cs);
    color_space.RGB_Range = 1;
    ID3D11VideoContext_VideoProcessorSetOutputColorSpace(test.video_context, test.processor, &color_space);
    ID3D11VideoContext1_VideoProcessorGetOutputColorSpace1(video_context1, test.processor, &dxgi_cs);
    ok(dxgi_cs == DXGI_COLOR_SPACE_RGB_STUDIO_G22_NONE_P709, "Got colour space %#x.\n", dxgi_cs);
    ID3D11VideoContext1_VideoProcessorSetOutputColorSpace1(video_context1, test.processor,
            DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P709);
    ID3D11VideoContext1_VideoProcessorGetOutputColorSpace1(video_context1, test.processor, &dxgi_cs);
    ok(dxgi_cs == DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P709, "Got colour space %#x.\n", dxgi_cs);
    ID3D11VideoContext_VideoProcessorGetOutputColorSpace(test.video_context, test.processor, &color_space);
    ok(color_space.YCbCr_Matrix == 1 && color_space.Nominal_Range == D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_0_255,
            "Got matrix %u, nominal range %u.\n", color_space.YCbCr_Matrix, color_space.Nominal_Range);
    /* Unsupported colour spaces change nothing. */
    ID3D11VideoContext1_VideoProcessorSetOutputColorSpace1(video_context1, test.processor, DXGI_COLOR_SPACE_CUSTOM);
    ID3D11VideoContext1_VideoProcessorSetOutputColorSpace1(video_context1, test.processor, DXGI_COLOR_SPACE_RESERVED);
    ID3D11VideoContext1_VideoProcessorGetOutputColorSpace1(video_context1, test.processor, &dxgi_cs);
    ok(dxgi_cs == DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P709, "Got colour space %#x.\n", dxgi_cs);

    enabled = TRUE;
    ID3D11VideoContext1_VideoProcessorGetOutputShaderUsage(video_context1, test.processor, &enabled);
    ok(!enabled, "Got shader usage %#x.\n", enabled);
    ID3D11VideoContext1_VideoProcessorSetOutputShaderUsage(video_context1, test.processor, TRUE);
    ID3D11VideoContext1_VideoProcessorGetOutputShaderUsage(video_context1, test.processor, &enabled);
    ok(enabled, "Got shader usage %#x.\n", enabled);

    hints = 0xdeadbeef;
    hr = ID3D11VideoContext1_VideoProcessorGetBehaviorHints(video_context1, test.processor, 64, 32,
            DXGI_FORMAT_B8G8R8A8_UNORM, 0, NULL, &hints);
    ok(hr == S_OK && !hints, "Got hr %#x, hints %#x.\n", hr, hints);
    hr = ID3D11VideoContext1_VideoProcessorGetBehaviorHints(video_context1, test.processor, 64, 32,
            DXGI_FORMAT_R8_UNORM, 0, NULL, &hints);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext1_VideoProcessorGetBehaviorHints(video_context1, test.processor, 64, 32,
            DXGI_FORMAT_B8G8R8A8_UNORM, 1, NULL, &hints);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext1_VideoProcessorGetBehaviorHints(video_context1, test.processor, 64, 32,
            DXGI_FORMAT_B8G8R8A8_UNORM, 0, NULL, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext1_VideoProcessorGetBehaviorHints(video_context1, NULL, 64, 32,
            DXGI_FORMAT_B8G8R8A8_UNORM, 0, NULL, &hints);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext1_Release(video_context1);

    /* ID3D11VideoContext2: HDR metadata, stored and returned. */
    hr = ID3D11VideoContext_QueryInterface(test.video_context, &IID_ID3D11VideoContext2, (void **)&video_context2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hdr_type = 0xdeadbeef;
    ID3D11VideoContext2_VideoProcessorGetOutputHDRMetaData(video_context2, test.processor, &hdr_type, 0, NULL);
    ok(hdr_type == DXGI_HDR_METADATA_TYPE_NONE, "Got type %#x.\n", hdr_type);
    ID3D11VideoContext2_VideoProcessorSetOutputHDRMetaData(video_context2, test.processor,
            DXGI_HDR_METADATA_TYPE_HDR10, sizeof(hdr10), &hdr10);
    memset(&hdr10_out, 0, sizeof(hdr10_out));
    ID3D11VideoContext2_VideoProcessorGetOutputHDRMetaData(video_context2, test.processor, &hdr_type,
            sizeof(hdr10_out), &hdr10_out);
    ok(hdr_type == DXGI_HDR_METADATA_TYPE_HDR10, "Got type %#x.\n", hdr_type);
    ok(!memcmp(&hdr10_out, &hdr10, sizeof(hdr10)), "Metadata differs.\n");
    /* Wrong sizes change nothing. */
    ID3D11VideoContext2_VideoProcessorSetOutputHDRMetaData(video_context2, test.processor,
            DXGI_HDR_METADATA_TYPE_HDR10, sizeof(hdr10) - 1, &hdr10);
    ID3D11VideoContext2_VideoProcessorSetOutputHDRMetaData(video_context2, test.processor,
            DXGI_HDR_METADATA_TYPE_HDR10, sizeof(hdr10), NULL);
    ID3D11VideoContext2_VideoProcessorSetOutputHDRMetaData(video_context2, test.processor, 3, 0, NULL);
    ID3D11VideoContext2_VideoProcessorGetOutputHDRMetaData(video_context2, test.processor, &hdr_type, 0, NULL);
    ok(hdr_type == DXGI_HDR_METADATA_TYPE_HDR10, "Got type %#x.\n", hdr_type);
    ID3D11VideoContext2_VideoProcessorSetOutputHDRMetaData(video_context2, test.processor,
            DXGI_HDR_METADATA_TYPE_NONE, 0, NULL);
    ID3D11VideoContext2_VideoProcessorGetOutputHDRMetaData(video_context2, test.processor, &hdr_type, 0, NULL);
    ok(hdr_type == DXGI_HDR_METADATA_TYPE_NONE, "Got type %#x.\n", hdr_type);
    ID3D11VideoContext2_Release(video_context2);

    release_vp_test(&test);
}

static void test_stream_state(void)
{
    static const RECT src = {2, 4, 40, 30}, dst = {0, 0, 64, 32}, bad_rect = {5, 5, 4, 4};
    static const DXGI_RATIONAL par_src = {4, 3}, par_dst = {1, 1}, zero = {0, 1};
    D3D11_VIDEO_PROCESSOR_COLOR_SPACE color_space;
    D3D11_VIDEO_PROCESSOR_OUTPUT_RATE rate;
    D3D11_VIDEO_PROCESSOR_FILTER_RANGE range;
    D3D11_VIDEO_PROCESSOR_ROTATION rotation;
    D3D11_VIDEO_PROCESSOR_STEREO_FORMAT stereo_format;
    D3D11_VIDEO_PROCESSOR_STEREO_FLIP_MODE flip_mode;
    BOOL enabled, repeat, left0, base0, flip_h, flip_v;
    ID3D11VideoContext1 *video_context1;
    ID3D11VideoContext2 *video_context2;
    D3D11_VIDEO_FRAME_FORMAT format;
    DXGI_COLOR_SPACE_TYPE dxgi_cs;
    DXGI_RATIONAL custom, ratio_src, ratio_dst;
    D3D11_VIDEO_PROCESSOR_CAPS caps;
    DXGI_HDR_METADATA_TYPE hdr_type;
    BYTE hdr10plus[72], hdr_out[72];
    UINT i, filter, palette[4];
    float alpha, lower, upper;
    int level, mono_offset;
    struct vp_test test;
    RECT r;
    HRESULT hr;

    if (!init_vp_test(&test))
        return;
    ID3D11VideoProcessorEnumerator_GetVideoProcessorCaps(test.enumerator, &caps);
    hr = ID3D11VideoContext_QueryInterface(test.video_context, &IID_ID3D11VideoContext1, (void **)&video_context1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_QueryInterface(test.video_context, &IID_ID3D11VideoContext2, (void **)&video_context2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* Defaults, on the first and the last stream state. */
    for (i = 0; i < caps.MaxStreamStates; i += caps.MaxStreamStates - 1)
    {
        format = 0xdeadbeef;
        ID3D11VideoContext_VideoProcessorGetStreamFrameFormat(test.video_context, test.processor, i, &format);
        ok(format == D3D11_VIDEO_FRAME_FORMAT_PROGRESSIVE, "Stream %u: got format %#x.\n", i, format);
        memset(&color_space, 0xcc, sizeof(color_space));
        ID3D11VideoContext_VideoProcessorGetStreamColorSpace(test.video_context, test.processor, i, &color_space);
        ok(!color_space.Usage && !color_space.RGB_Range && !color_space.YCbCr_Matrix && !color_space.YCbCr_xvYCC
                && !color_space.Nominal_Range, "Stream %u: got unexpected colour space.\n", i);
        rate = 0xdeadbeef;
        repeat = TRUE;
        ID3D11VideoContext_VideoProcessorGetStreamOutputRate(test.video_context, test.processor, i, &rate, &repeat,
                &custom);
        ok(rate == D3D11_VIDEO_PROCESSOR_OUTPUT_RATE_NORMAL && !repeat, "Stream %u: got rate %#x, repeat %#x.\n",
                i, rate, repeat);
        enabled = TRUE;
        ID3D11VideoContext_VideoProcessorGetStreamSourceRect(test.video_context, test.processor, i, &enabled, &r);
        ok(!enabled, "Stream %u: got enabled %#x.\n", i, enabled);
        enabled = TRUE;
        ID3D11VideoContext_VideoProcessorGetStreamDestRect(test.video_context, test.processor, i, &enabled, &r);
        ok(!enabled, "Stream %u: got enabled %#x.\n", i, enabled);
        enabled = TRUE;
        alpha = 0.0f;
        ID3D11VideoContext_VideoProcessorGetStreamAlpha(test.video_context, test.processor, i, &enabled, &alpha);
        ok(!enabled && alpha == 1.0f, "Stream %u: got enabled %#x, alpha %.8e.\n", i, enabled, alpha);
        enabled = TRUE;
        ID3D11VideoContext_VideoProcessorGetStreamPixelAspectRatio(test.video_context, test.processor, i, &enabled,
                &ratio_src, &ratio_dst);
        ok(!enabled && ratio_src.Numerator == 1 && ratio_src.Denominator == 1 && ratio_dst.Numerator == 1
                && ratio_dst.Denominator == 1, "Stream %u: got unexpected pixel aspect ratio.\n", i);
        enabled = TRUE;
        lower = upper = 1.0f;
        ID3D11VideoContext_VideoProcessorGetStreamLumaKey(test.video_context, test.processor, i, &enabled,
                &lower, &upper);
        ok(!enabled && lower == 0.0f && upper == 0.0f, "Stream %u: got enabled %#x, key [%.8e, %.8e].\n",
                i, enabled, lower, upper);
        enabled = TRUE;
        ID3D11VideoContext_VideoProcessorGetStreamStereoFormat(test.video_context, test.processor, i, &enabled,
                &stereo_format, &left0, &base0, &flip_mode, &mono_offset);
        ok(!enabled && stereo_format == D3D11_VIDEO_PROCESSOR_STEREO_FORMAT_MONO
                && flip_mode == D3D11_VIDEO_PROCESSOR_STEREO_FLIP_NONE && !mono_offset,
                "Stream %u: got unexpected stereo format.\n", i);
        enabled = FALSE;
        ID3D11VideoContext_VideoProcessorGetStreamAutoProcessingMode(test.video_context, test.processor, i, &enabled);
        ok(enabled, "Stream %u: got enabled %#x.\n", i, enabled);
        for (filter = D3D11_VIDEO_PROCESSOR_FILTER_BRIGHTNESS; filter <= D3D11_VIDEO_PROCESSOR_FILTER_SATURATION;
                ++filter)
        {
            if (!(caps.FilterCaps & (1u << filter)))
                continue;
            ID3D11VideoProcessorEnumerator_GetVideoProcessorFilterRange(test.enumerator, filter, &range);
            enabled = TRUE;
            level = 0xdeadbeef;
            ID3D11VideoContext_VideoProcessorGetStreamFilter(test.video_context, test.processor, i, filter,
                    &enabled, &level);
            ok(!enabled && level == range.Default, "Stream %u, filter %u: got enabled %#x, level %d.\n",
                    i, filter, enabled, level);
        }
        enabled = TRUE;
        rotation = 0xdeadbeef;
        ID3D11VideoContext_VideoProcessorGetStreamRotation(test.video_context, test.processor, i, &enabled, &rotation);
        ok(!enabled && rotation == D3D11_VIDEO_PROCESSOR_ROTATION_IDENTITY, "Stream %u: got %#x, rotation %#x.\n",
                i, enabled, rotation);
        enabled = flip_h = flip_v = TRUE;
        ID3D11VideoContext1_VideoProcessorGetStreamMirror(video_context1, test.processor, i, &enabled,
                &flip_h, &flip_v);
        ok(!enabled && !flip_h && !flip_v, "Stream %u: got mirror %#x, %#x, %#x.\n", i, enabled, flip_h, flip_v);
        hdr_type = 0xdeadbeef;
        ID3D11VideoContext2_VideoProcessorGetStreamHDRMetaData(video_context2, test.processor, i, &hdr_type, 0, NULL);
        ok(hdr_type == DXGI_HDR_METADATA_TYPE_NONE, "Stream %u: got type %#x.\n", i, hdr_type);
    }

    /* Round trips on stream 1, which stream 0 does not see. */
    ID3D11VideoContext_VideoProcessorSetStreamFrameFormat(test.video_context, test.processor, 1,
            D3D11_VIDEO_FRAME_FORMAT_INTERLACED_BOTTOM_FIELD_FIRST);
    ID3D11VideoContext_VideoProcessorSetStreamFrameFormat(test.video_context, test.processor, 1, 3);
    ID3D11VideoContext_VideoProcessorSetStreamFrameFormat(test.video_context, test.processor, caps.MaxStreamStates,
            D3D11_VIDEO_FRAME_FORMAT_INTERLACED_TOP_FIELD_FIRST);
    ID3D11VideoContext_VideoProcessorGetStreamFrameFormat(test.video_context, test.processor, 1, &format);
    ok(format == D3D11_VIDEO_FRAME_FORMAT_INTERLACED_BOTTOM_FIELD_FIRST, "Got format %#x.\n", format);
    ID3D11VideoContext_VideoProcessorGetStreamFrameFormat(test.video_context, test.processor, 0, &format);
    ok(format == D3D11_VIDEO_FRAME_FORMAT_PROGRESSIVE, "Got format %#x.\n", format);

    memset(&color_space, 0, sizeof(color_space));
    color_space.YCbCr_Matrix = 1;
    color_space.Nominal_Range = D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_16_235;
    ID3D11VideoContext_VideoProcessorSetStreamColorSpace(test.video_context, test.processor, 1, &color_space);
    memset(&color_space, 0, sizeof(color_space));
    ID3D11VideoContext_VideoProcessorGetStreamColorSpace(test.video_context, test.processor, 1, &color_space);
    ok(color_space.YCbCr_Matrix == 1 && color_space.Nominal_Range == D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_16_235,
            "Got unexpected colour space.\n");
    ID3D11VideoContext1_VideoProcessorGetStreamColorSpace1(video_context1, test.processor, 1, &dxgi_cs);
    ok(dxgi_cs == DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P709, "Got colour space %#x.\n", dxgi_cs);
    ID3D11VideoContext1_VideoProcessorSetStreamColorSpace1(video_context1, test.processor, 1,
            DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P601);
    ID3D11VideoContext1_VideoProcessorSetStreamColorSpace1(video_context1, test.processor, 1, DXGI_COLOR_SPACE_CUSTOM);
    memset(&color_space, 0, sizeof(color_space));
    ID3D11VideoContext_VideoProcessorGetStreamColorSpace(test.video_context, test.processor, 1, &color_space);
    ok(!color_space.YCbCr_Matrix && color_space.Nominal_Range == D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_0_255,
            "Got matrix %u, nominal range %u.\n", color_space.YCbCr_Matrix, color_space.Nominal_Range);

    ID3D11VideoContext_VideoProcessorSetStreamOutputRate(test.video_context, test.processor, 1,
            D3D11_VIDEO_PROCESSOR_OUTPUT_RATE_HALF, TRUE, NULL);
    /* No custom rate is reported. */
    custom.Numerator = 24;
    custom.Denominator = 1;
    ID3D11VideoContext_VideoProcessorSetStreamOutputRate(test.video_context, test.processor, 1,
            D3D11_VIDEO_PROCESSOR_OUTPUT_RATE_CUSTOM, FALSE, &custom);
    ID3D11VideoContext_VideoProcessorGetStreamOutputRate(test.video_context, test.processor, 1, &rate, &repeat,
            NULL);
    ok(rate == D3D11_VIDEO_PROCESSOR_OUTPUT_RATE_HALF && repeat, "Got rate %#x, repeat %#x.\n", rate, repeat);

    ID3D11VideoContext_VideoProcessorSetStreamSourceRect(test.video_context, test.processor, 1, TRUE, &src);
    ID3D11VideoContext_VideoProcessorSetStreamSourceRect(test.video_context, test.processor, 1, TRUE, &bad_rect);
    ID3D11VideoContext_VideoProcessorSetStreamSourceRect(test.video_context, test.processor, 1, TRUE, NULL);
    ID3D11VideoContext_VideoProcessorGetStreamSourceRect(test.video_context, test.processor, 1, &enabled, &r);
    ok(enabled && equal_rect(&r, &src), "Got enabled %#x, rect %s.\n", enabled, debugstr_rect_(&r));
    ID3D11VideoContext_VideoProcessorSetStreamDestRect(test.video_context, test.processor, 1, TRUE, &dst);
    ID3D11VideoContext_VideoProcessorSetStreamDestRect(test.video_context, test.processor, 1, TRUE, &bad_rect);
    ID3D11VideoContext_VideoProcessorGetStreamDestRect(test.video_context, test.processor, 1, &enabled, &r);
    ok(enabled && equal_rect(&r, &dst), "Got enabled %#x, rect %s.\n", enabled, debugstr_rect_(&r));
    ID3D11VideoContext_VideoProcessorSetStreamDestRect(test.video_context, test.processor, 1, FALSE, NULL);
    ID3D11VideoContext_VideoProcessorGetStreamDestRect(test.video_context, test.processor, 1, &enabled, NULL);
    ok(!enabled, "Got enabled %#x.\n", enabled);

    ok(caps.FeatureCaps & D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ALPHA_STREAM, "Got feature caps %#x.\n",
            caps.FeatureCaps);
    ID3D11VideoContext_VideoProcessorSetStreamAlpha(test.video_context, test.processor, 1, TRUE, 0.25f);
    ID3D11VideoContext_VideoProcessorSetStreamAlpha(test.video_context, test.processor, 1, TRUE, 1.5f);
    ID3D11VideoContext_VideoProcessorSetStreamAlpha(test.video_context, test.processor, 1, TRUE, -0.5f);
    ID3D11VideoContext_VideoProcessorSetStreamAlpha(test.video_context, test.processor, 1, TRUE, NAN);
    ID3D11VideoContext_VideoProcessorGetStreamAlpha(test.video_context, test.processor, 1, &enabled, &alpha);
    ok(enabled && alpha == 0.25f, "Got enabled %#x, alpha %.8e.\n", enabled, alpha);

    /* No palettised format: the palette stays zero. */
    palette[0] = 0xff00ff00;
    ID3D11VideoContext_VideoProcessorSetStreamPalette(test.video_context, test.processor, 1, 1, palette);
    memset(palette, 0xcc, sizeof(palette));
    ID3D11VideoContext_VideoProcessorGetStreamPalette(test.video_context, test.processor, 1, 4, palette);
    ok(!palette[0] && !palette[3], "Got palette %#x, %#x.\n", palette[0], palette[3]);

    /* Pixel aspect ratio is not reported. */
    ok(!(caps.FeatureCaps & D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_PIXEL_ASPECT_RATIO), "Got feature caps %#x.\n",
            caps.FeatureCaps);
    ID3D11VideoContext_VideoProcessorSetStreamPixelAspectRatio(test.video_context, test.processor, 1, TRUE,
            &par_src, &par_dst);
    ID3D11VideoContext_VideoProcessorSetStreamPixelAspectRatio(test.video_context, test.processor, 1, TRUE,
            &zero, &par_dst);
    ID3D11VideoContext_VideoProcessorGetStreamPixelAspectRatio(test.video_context, test.processor, 1, &enabled,
            &ratio_src, &ratio_dst);
    ok(!enabled && ratio_src.Numerator == 1, "Got enabled %#x, ratio %u/%u.\n", enabled, ratio_src.Numerator,
            ratio_src.Denominator);

    ok(caps.FeatureCaps & D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_LUMA_KEY, "Got feature caps %#x.\n", caps.FeatureCaps);
    ID3D11VideoContext_VideoProcessorSetStreamLumaKey(test.video_context, test.processor, 1, TRUE, 0.25f, 0.5f);
    ID3D11VideoContext_VideoProcessorSetStreamLumaKey(test.video_context, test.processor, 1, TRUE, 0.75f, 0.5f);
    ID3D11VideoContext_VideoProcessorSetStreamLumaKey(test.video_context, test.processor, 1, TRUE, 0.0f, 1.5f);
    ID3D11VideoContext_VideoProcessorGetStreamLumaKey(test.video_context, test.processor, 1, &enabled,
            &lower, &upper);
    ok(enabled && lower == 0.25f && upper == 0.5f, "Got enabled %#x, key [%.8e, %.8e].\n", enabled, lower, upper);

    /* Stereo is not supported. */
    ID3D11VideoContext_VideoProcessorSetStreamStereoFormat(test.video_context, test.processor, 1, TRUE,
            D3D11_VIDEO_PROCESSOR_STEREO_FORMAT_HORIZONTAL, TRUE, TRUE, D3D11_VIDEO_PROCESSOR_STEREO_FLIP_NONE, 0);
    ID3D11VideoContext_VideoProcessorGetStreamStereoFormat(test.video_context, test.processor, 1, &enabled,
            &stereo_format, NULL, NULL, NULL, NULL);
    ok(!enabled && stereo_format == D3D11_VIDEO_PROCESSOR_STEREO_FORMAT_MONO, "Got enabled %#x, format %#x.\n",
            enabled, stereo_format);

    ID3D11VideoContext_VideoProcessorSetStreamAutoProcessingMode(test.video_context, test.processor, 1, FALSE);
    ID3D11VideoContext_VideoProcessorGetStreamAutoProcessingMode(test.video_context, test.processor, 1, &enabled);
    ok(!enabled, "Got enabled %#x.\n", enabled);

    for (filter = D3D11_VIDEO_PROCESSOR_FILTER_BRIGHTNESS; filter <= D3D11_VIDEO_PROCESSOR_FILTER_STEREO_ADJUSTMENT;
            ++filter)
    {
        if (!(caps.FilterCaps & (1u << filter)))
        {
            /* Unadvertised filters are refused and cannot be read. */
            ID3D11VideoContext_VideoProcessorSetStreamFilter(test.video_context, test.processor, 1, filter, TRUE, 0);
            enabled = 0xdeadbeef;
            ID3D11VideoContext_VideoProcessorGetStreamFilter(test.video_context, test.processor, 1, filter,
                    &enabled, &level);
            ok(enabled == (BOOL)0xdeadbeef, "Filter %u: got enabled %#x.\n", filter, enabled);
            continue;
        }
        ID3D11VideoProcessorEnumerator_GetVideoProcessorFilterRange(test.enumerator, filter, &range);
        ID3D11VideoContext_VideoProcessorSetStreamFilter(test.video_context, test.processor, 1, filter, TRUE,
                range.Maximum);
        ID3D11VideoContext_VideoProcessorSetStreamFilter(test.video_context, test.processor, 1, filter, TRUE,
                range.Maximum + 1);
        ID3D11VideoContext_VideoProcessorSetStreamFilter(test.video_context, test.processor, 1, filter, TRUE,
                range.Minimum - 1);
        ID3D11VideoContext_VideoProcessorGetStreamFilter(test.video_context, test.processor, 1, filter,
                &enabled, &level);
        ok(enabled && level == range.Maximum, "Filter %u: got enabled %#x, level %d.\n", filter, enabled, level);
        ID3D11VideoContext_VideoProcessorGetStreamFilter(test.video_context, test.processor, 0, filter,
                &enabled, &level);
        ok(!enabled && level == range.Default, "Filter %u: got enabled %#x, level %d.\n", filter, enabled, level);
    }
    ok(!(caps.FilterCaps & D3D11_VIDEO_PROCESSOR_FILTER_CAPS_NOISE_REDUCTION), "Got filter caps %#x.\n",
            caps.FilterCaps);

    ok(caps.FeatureCaps & D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ROTATION, "Got feature caps %#x.\n", caps.FeatureCaps);
    ID3D11VideoContext_VideoProcessorSetStreamRotation(test.video_context, test.processor, 1, TRUE,
            D3D11_VIDEO_PROCESSOR_ROTATION_270);
    ID3D11VideoContext_VideoProcessorSetStreamRotation(test.video_context, test.processor, 1, TRUE, 4);
    ID3D11VideoContext_VideoProcessorGetStreamRotation(test.video_context, test.processor, 1, &enabled, &rotation);
    ok(enabled && rotation == D3D11_VIDEO_PROCESSOR_ROTATION_270, "Got enabled %#x, rotation %#x.\n",
            enabled, rotation);

    ok(caps.FeatureCaps & D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_MIRROR, "Got feature caps %#x.\n", caps.FeatureCaps);
    ID3D11VideoContext1_VideoProcessorSetStreamMirror(video_context1, test.processor, 1, TRUE, TRUE, FALSE);
    ID3D11VideoContext1_VideoProcessorGetStreamMirror(video_context1, test.processor, 1, &enabled, &flip_h, &flip_v);
    ok(enabled && flip_h && !flip_v, "Got mirror %#x, %#x, %#x.\n", enabled, flip_h, flip_v);

    for (i = 0; i < sizeof(hdr10plus); ++i)
        hdr10plus[i] = i;
    ID3D11VideoContext2_VideoProcessorSetStreamHDRMetaData(video_context2, test.processor, 1,
            DXGI_HDR_METADATA_TYPE_HDR10PLUS, sizeof(hdr10plus), hdr10plus);
    memset(hdr_out, 0, sizeof(hdr_out));
    ID3D11VideoContext2_VideoProcessorGetStreamHDRMetaData(video_context2, test.processor, 1, &hdr_type,
            sizeof(hdr_out), hdr_out);
    ok(hdr_type == DXGI_HDR_METADATA_TYPE_HDR10PLUS && !memcmp(hdr_out, hdr10plus, sizeof(hdr10plus)),
            "Got type %#x.\n", hdr_type);
    ID3D11VideoContext2_VideoProcessorSetStreamHDRMetaData(video_context2, test.processor, caps.MaxStreamStates,
            DXGI_HDR_METADATA_TYPE_NONE, 0, NULL);
    ID3D11VideoContext2_VideoProcessorGetStreamHDRMetaData(video_context2, test.processor, 0, &hdr_type, 0, NULL);
    ok(hdr_type == DXGI_HDR_METADATA_TYPE_NONE, "Got type %#x.\n", hdr_type);

    /* A stream index past MaxStreamStates changes nothing and reads nothing. */
    format = 0xdeadbeef;
    ID3D11VideoContext_VideoProcessorGetStreamFrameFormat(test.video_context, test.processor, caps.MaxStreamStates,
            &format);
    ok(format == 0xdeadbeef, "Got format %#x.\n", format);
    ID3D11VideoContext_VideoProcessorGetStreamFrameFormat(test.video_context, NULL, 0, &format);
    ok(format == 0xdeadbeef, "Got format %#x.\n", format);

    hr = ID3D11VideoContext_VideoProcessorSetStreamExtension(test.video_context, test.processor, 0, &IID_IUnknown,
            0, NULL);
    ok(hr == E_NOTIMPL, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_VideoProcessorGetStreamExtension(test.video_context, test.processor, 0, &IID_IUnknown,
            0, NULL);
    ok(hr == E_NOTIMPL, "Got unexpected hr %#x.\n", hr);

    ID3D11VideoContext2_Release(video_context2);
    ID3D11VideoContext1_Release(video_context1);
    release_vp_test(&test);
}

static void blt_one_stream(struct vp_test *test, ID3D11VideoProcessorOutputView *output_view,
        ID3D11VideoProcessorInputView *input_view, HRESULT expected_hr)
{
    D3D11_VIDEO_PROCESSOR_STREAM stream = {0};
    HRESULT hr;

    stream.Enable = TRUE;
    stream.pInputSurface = input_view;
    hr = ID3D11VideoContext_VideoProcessorBlt(test->video_context, test->processor, output_view, 0, 1, &stream);
    ok(hr == expected_hr, "Got hr %#x, expected %#x.\n", hr, expected_hr);
}

static void test_blt_colours(void)
{
    static const RECT full = {0, 0, 64, 32}, target = {8, 4, 56, 28}, dest = {16, 8, 48, 24};
    static const RECT top = {0, 0, 64, 4}, left = {0, 4, 8, 28};
    ID3D11VideoProcessorOutputView *output_view;
    ID3D11VideoProcessorInputView *red_view, *grey_view;
    ID3D11Texture2D *red, *grey, *output;
    D3D11_VIDEO_COLOR colour;
    struct readback rb;
    struct vp_test test;
    RECT r;

    if (!init_vp_test(&test))
        return;

    /* BT.601 studio-range YCbCr (the default stream colour space) of full red and of grey. */
    red = create_nv12_texture(test.device, 64, 32, 81, 90, 240);
    grey = create_nv12_texture(test.device, 64, 32, 126, 128, 128);
    output = create_bgra_texture(test.device, 64, 32, 0xff0000ff);
    if (!red || !grey || !output)
    {
        skip("Failed to create textures.\n");
        goto done;
    }
    red_view = create_input_view(&test, red);
    grey_view = create_input_view(&test, grey);
    output_view = create_output_view(&test, output);

    /* The whole output, converted to full-range RGB, opaque. */
    blt_one_stream(&test, output_view, red_view, S_OK);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &full, 0xfffe0000, 2);
    release_readback(&rb);

    blt_one_stream(&test, output_view, grey_view, S_OK);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &full, 0xff808080, 1);
    release_readback(&rb);

    /* Target rect and background: outside the target nothing changes, inside it the
     * background shows where the stream does not. */
    colour.RGBA.R = 0.0f;
    colour.RGBA.G = 1.0f;
    colour.RGBA.B = 0.0f;
    colour.RGBA.A = 1.0f;
    ID3D11VideoContext_VideoProcessorSetOutputBackgroundColor(test.video_context, test.processor, FALSE, &colour);
    ID3D11VideoContext_VideoProcessorSetOutputTargetRect(test.video_context, test.processor, TRUE, &target);
    ID3D11VideoContext_VideoProcessorSetStreamDestRect(test.video_context, test.processor, 0, TRUE, &dest);
    blt_one_stream(&test, output_view, red_view, S_OK);
    get_readback(test.device, test.context, output, &rb);
    /* The previous blit's grey stays outside the target rect. */
    check_readback_rect(&rb, &top, 0xff808080, 1);
    check_readback_rect(&rb, &left, 0xff808080, 1);
    r = target;
    r.bottom = dest.top;
    check_readback_rect(&rb, &r, 0xff00ff00, 0);
    r = target;
    r.right = dest.left;
    check_readback_rect(&rb, &r, 0xff00ff00, 0);
    check_readback_rect(&rb, &dest, 0xfffe0000, 2);
    release_readback(&rb);

    /* A YCbCr background is in the output colour space's matrix at studio range: white. */
    colour.YCbCr.Y = 235.0f / 255.0f;
    colour.YCbCr.Cb = 128.0f / 255.0f;
    colour.YCbCr.Cr = 128.0f / 255.0f;
    colour.YCbCr.A = 1.0f;
    ID3D11VideoContext_VideoProcessorSetOutputBackgroundColor(test.video_context, test.processor, TRUE, &colour);
    ID3D11VideoContext_VideoProcessorSetOutputTargetRect(test.video_context, test.processor, FALSE, NULL);
    blt_one_stream(&test, output_view, grey_view, S_OK);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &top, 0xffffffff, 1);
    check_readback_rect(&rb, &dest, 0xff808080, 1);
    release_readback(&rb);

    ID3D11VideoProcessorOutputView_Release(output_view);
    ID3D11VideoProcessorInputView_Release(grey_view);
    ID3D11VideoProcessorInputView_Release(red_view);
done:
    if (output)
        ID3D11Texture2D_Release(output);
    if (grey)
        ID3D11Texture2D_Release(grey);
    if (red)
        ID3D11Texture2D_Release(red);
    release_vp_test(&test);
}

static void test_blt_invalid(void)
{
    static const RECT full = {0, 0, 64, 32}, outside = {0, 0, 65, 32}, half = {0, 0, 32, 32};
    D3D11_VIDEO_PROCESSOR_STREAM streams[17] = {{0}};
    ID3D11VideoContext1 *video_context1;
    ID3D11VideoProcessorOutputView *output_view;
    ID3D11VideoProcessorInputView *input_view, *other_view, *other_enum_view;
    ID3D11VideoProcessorEnumerator *other_enumerator;
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC content_desc;
    ID3D11VideoProcessorInputView *past[1] = {0};
    ID3D11Texture2D *input, *output, *other_input;
    D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC desc;
    D3D11_VIDEO_PROCESSOR_CAPS caps;
    struct vp_test test, test2;
    bool have_test2;
    struct readback rb;
    unsigned int i;
    HRESULT hr;

    if (!init_vp_test(&test))
        return;
    ID3D11VideoProcessorEnumerator_GetVideoProcessorCaps(test.enumerator, &caps);
    ok(caps.MaxInputStreams < ARRAY_SIZE(streams), "Got %u input streams.\n", caps.MaxInputStreams);

    input = create_nv12_texture(test.device, 64, 32, 126, 128, 128);
    output = create_bgra_texture(test.device, 64, 32, 0xff0000ff);
    if (!input || !output)
    {
        skip("Failed to create textures.\n");
        goto done;
    }
    input_view = create_input_view(&test, input);
    output_view = create_output_view(&test, output);

    for (i = 0; i < ARRAY_SIZE(streams); ++i)
    {
        streams[i].Enable = TRUE;
        streams[i].pInputSurface = input_view;
    }

    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 0, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0,
            caps.MaxInputStreams + 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, NULL, output_view, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, NULL, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    streams[1].pInputSurface = NULL;
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 2, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    streams[1].pInputSurface = input_view;
    streams[0].PastFrames = 1;
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    streams[0].ppPastSurfaces = past;
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    streams[0].PastFrames = 0;
    streams[0].ppPastSurfaces = NULL;
    streams[0].FutureFrames = 1;
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    streams[0].FutureFrames = 0;

    /* Rects outside the surfaces. */
    ID3D11VideoContext_VideoProcessorSetStreamSourceRect(test.video_context, test.processor, 0, TRUE, &outside);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext_VideoProcessorSetStreamSourceRect(test.video_context, test.processor, 0, FALSE, NULL);
    ID3D11VideoContext_VideoProcessorSetStreamDestRect(test.video_context, test.processor, 0, TRUE, &outside);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext_VideoProcessorSetStreamDestRect(test.video_context, test.processor, 0, FALSE, NULL);
    ID3D11VideoContext_VideoProcessorSetOutputTargetRect(test.video_context, test.processor, TRUE, &outside);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext_VideoProcessorSetOutputTargetRect(test.video_context, test.processor, FALSE, NULL);

    /* Colour spaces the surfaces cannot have: an RGB one for NV12, a YCbCr one for B8G8R8A8. */
    hr = ID3D11VideoContext_QueryInterface(test.video_context, &IID_ID3D11VideoContext1, (void **)&video_context1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext1_VideoProcessorSetStreamColorSpace1(video_context1, test.processor, 0,
            DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P709);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext1_VideoProcessorSetStreamColorSpace1(video_context1, test.processor, 0,
            DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P601);
    ID3D11VideoContext1_VideoProcessorSetOutputColorSpace1(video_context1, test.processor,
            DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P709);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext1_VideoProcessorSetOutputColorSpace1(video_context1, test.processor,
            DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P709);
    ID3D11VideoContext1_Release(video_context1);

    /* Views of an enumerator with another content description. */
    content_desc = default_content_desc;
    content_desc.OutputWidth = 128;
    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(test.video_device, &content_desc, &other_enumerator);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(&desc, 0, sizeof(desc));
    desc.ViewDimension = D3D11_VPIV_DIMENSION_TEXTURE2D;
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)input,
            other_enumerator, &desc, &other_enum_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    streams[0].pInputSurface = other_enum_view;
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    streams[0].pInputSurface = input_view;
    ID3D11VideoProcessorInputView_Release(other_enum_view);
    ID3D11VideoProcessorEnumerator_Release(other_enumerator);

    /* Views of another device. */
    if ((have_test2 = init_vp_test(&test2)))
    {
        other_input = create_nv12_texture(test2.device, 64, 32, 126, 128, 128);
        other_view = create_input_view(&test2, other_input);
        streams[0].pInputSurface = other_view;
        hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        streams[0].pInputSurface = input_view;
        hr = ID3D11VideoContext_VideoProcessorBlt(test2.video_context, test2.processor, output_view, 0, 1, streams);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test2.processor, output_view, 0, 1, streams);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        ID3D11VideoProcessorInputView_Release(other_view);
        ID3D11Texture2D_Release(other_input);
        release_vp_test(&test2);
    }

    /* Nothing was drawn. */
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &full, 0xff0000ff, 0);
    release_readback(&rb);

    /* Disabled streams need no surface; with every stream disabled the blit fills the
     * background. An empty source rect contributes nothing either. */
    streams[0].Enable = FALSE;
    streams[0].pInputSurface = NULL;
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &full, 0xff000000, 0);
    release_readback(&rb);
    streams[0].Enable = TRUE;
    streams[0].pInputSurface = input_view;
    ID3D11VideoContext_VideoProcessorSetStreamDestRect(test.video_context, test.processor, 0, TRUE, &half);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, streams);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &half, 0xff808080, 1);
    release_readback(&rb);

    ID3D11VideoProcessorOutputView_Release(output_view);
    ID3D11VideoProcessorInputView_Release(input_view);
done:
    if (output)
        ID3D11Texture2D_Release(output);
    if (input)
        ID3D11Texture2D_Release(input);
    release_vp_test(&test);
}

static void test_blt_array(void)
{
    static const RECT full = {0, 0, 64, 32};
    D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC output_desc;
    D3D11_VIDEO_PROCESSOR_STREAM stream = {0};
    ID3D11VideoProcessorOutputView *output_view;
    ID3D11VideoProcessorInputView *input_view;
    ID3D11Texture2D *input, *output;
    D3D11_SUBRESOURCE_DATA data[4];
    struct readback rb;
    struct vp_test test;
    unsigned int i;
    DWORD *pixels;
    HRESULT hr;

    if (!init_vp_test(&test))
        return;

    pixels = malloc(64 * 32 * sizeof(*pixels));
    for (i = 0; i < 64 * 32; ++i)
        pixels[i] = 0xff0000ff;
    for (i = 0; i < ARRAY_SIZE(data); ++i)
    {
        data[i].pSysMem = pixels;
        data[i].SysMemPitch = 64 * sizeof(*pixels);
        data[i].SysMemSlicePitch = 64 * 32 * sizeof(*pixels);
    }
    output = create_texture(test.device, DXGI_FORMAT_B8G8R8A8_UNORM, 64, 32, 4, D3D11_USAGE_DEFAULT,
            D3D11_BIND_RENDER_TARGET, data);
    free(pixels);
    input = create_nv12_texture(test.device, 64, 32, 126, 128, 128);
    if (!input || !output)
    {
        skip("Failed to create textures.\n");
        goto done;
    }
    input_view = create_input_view(&test, input);
    stream.Enable = TRUE;
    stream.pInputSurface = input_view;

    /* Without stereo output, array views have one element; the blit writes it. */
    memset(&output_desc, 0, sizeof(output_desc));
    output_desc.ViewDimension = D3D11_VPOV_DIMENSION_TEXTURE2DARRAY;
    output_desc.Texture2DArray.FirstArraySlice = 1;
    output_desc.Texture2DArray.ArraySize = 2;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)output,
            test.enumerator, &output_desc, &output_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, &stream);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoProcessorOutputView_Release(output_view);

    output_desc.Texture2DArray.FirstArraySlice = 2;
    output_desc.Texture2DArray.ArraySize = 1;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)output,
            test.enumerator, &output_desc, &output_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 1, &stream);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    for (i = 0; i < 4; ++i)
    {
        get_readback_slice(test.device, test.context, output, i, &rb);
        check_readback_rect(&rb, &full, i == 2 ? 0xff808080 : 0xff0000ff, 1);
        release_readback(&rb);
    }
    ID3D11VideoProcessorOutputView_Release(output_view);

    /* Bob: at the normal output rate, OutputIndex 0 and 1 are the two fields; there is no
     * third. */
    output_desc.ViewDimension = D3D11_VPOV_DIMENSION_TEXTURE2D;
    output_desc.Texture2D.MipSlice = 0;
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)output,
            test.enumerator, &output_desc, &output_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext_VideoProcessorSetStreamFrameFormat(test.video_context, test.processor, 0,
            D3D11_VIDEO_FRAME_FORMAT_INTERLACED_TOP_FIELD_FIRST);
    for (i = 0; i < 3; ++i)
    {
        stream.OutputIndex = i;
        hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, i, 1, &stream);
        ok(hr == (i < 2 ? S_OK : E_INVALIDARG), "Output index %u: got unexpected hr %#x.\n", i, hr);
    }
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &full, 0xff808080, 1);
    release_readback(&rb);
    ID3D11VideoProcessorOutputView_Release(output_view);

    ID3D11VideoProcessorInputView_Release(input_view);
done:
    if (output)
        ID3D11Texture2D_Release(output);
    if (input)
        ID3D11Texture2D_Release(input);
    release_vp_test(&test);
}

/* Stored states that show in a blit of solid colours: composition order, planar alpha, luma
 * key and alpha fill. */
static void test_blt_state(void)
{
    static const RECT full = {0, 0, 64, 32}, left = {0, 0, 32, 32}, right = {32, 0, 64, 32};
    D3D11_VIDEO_PROCESSOR_STREAM streams[3] = {{0}};
    ID3D11VideoProcessorInputView *red_view, *grey_view;
    ID3D11VideoProcessorOutputView *output_view;
    ID3D11Texture2D *red, *grey, *output;
    D3D11_VIDEO_COLOR colour;
    struct readback rb;
    struct vp_test test;
    HRESULT hr;

    if (!init_vp_test(&test))
        return;

    red = create_nv12_texture(test.device, 64, 32, 81, 90, 240);
    grey = create_nv12_texture(test.device, 64, 32, 126, 128, 128);
    output = create_bgra_texture(test.device, 64, 32, 0x400000ff);
    if (!red || !grey || !output)
    {
        skip("Failed to create textures.\n");
        goto done;
    }
    red_view = create_input_view(&test, red);
    grey_view = create_input_view(&test, grey);
    output_view = create_output_view(&test, output);
    colour.RGBA.R = 0.0f;
    colour.RGBA.G = 1.0f;
    colour.RGBA.B = 0.0f;
    colour.RGBA.A = 0.5f;
    ID3D11VideoContext_VideoProcessorSetOutputBackgroundColor(test.video_context, test.processor, FALSE, &colour);

    /* Streams are composited in order, a disabled one in between changing nothing. */
    streams[0].Enable = TRUE;
    streams[0].pInputSurface = red_view;
    streams[2].Enable = TRUE;
    streams[2].pInputSurface = grey_view;
    ID3D11VideoContext_VideoProcessorSetStreamDestRect(test.video_context, test.processor, 2, TRUE, &left);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 3, streams);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &left, 0xff808080, 1);
    check_readback_rect(&rb, &right, 0xfffe0000, 2);
    release_readback(&rb);

    /* Planar alpha 0: the grey stream disappears. */
    ID3D11VideoContext_VideoProcessorSetStreamAlpha(test.video_context, test.processor, 2, TRUE, 0.0f);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 3, streams);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &full, 0xfffe0000, 2);
    release_readback(&rb);
    ID3D11VideoContext_VideoProcessorSetStreamAlpha(test.video_context, test.processor, 2, FALSE, 1.0f);

    /* A luma key around the grey's luma (110/219) keys it out; one above it does not. */
    streams[0].Enable = FALSE;
    ID3D11VideoContext_VideoProcessorSetStreamLumaKey(test.video_context, test.processor, 2, TRUE, 0.4f, 0.6f);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 3, streams);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &full, 0xff00ff00, 0);
    release_readback(&rb);
    ID3D11VideoContext_VideoProcessorSetStreamLumaKey(test.video_context, test.processor, 2, TRUE, 0.7f, 0.9f);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 3, streams);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &left, 0xff808080, 1);
    check_readback_rect(&rb, &right, 0xff00ff00, 0);
    release_readback(&rb);
    ID3D11VideoContext_VideoProcessorSetStreamLumaKey(test.video_context, test.processor, 2, FALSE, 0.0f, 0.0f);

    /* Alpha fill: the background's alpha over the whole target rect, or the output's own. */
    ID3D11VideoContext_VideoProcessorSetOutputAlphaFillMode(test.video_context, test.processor,
            D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_BACKGROUND, 0);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 3, streams);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &left, 0x80808080, 1);
    check_readback_rect(&rb, &right, 0x8000ff00, 1);
    release_readback(&rb);

    ID3D11VideoProcessorOutputView_Release(output_view);
    ID3D11Texture2D_Release(output);
    output = create_bgra_texture(test.device, 64, 32, 0x400000ff);
    output_view = create_output_view(&test, output);
    ID3D11VideoContext_VideoProcessorSetOutputAlphaFillMode(test.video_context, test.processor,
            D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_DESTINATION, 0);
    hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, test.processor, output_view, 0, 3, streams);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    get_readback(test.device, test.context, output, &rb);
    check_readback_rect(&rb, &left, 0x40808080, 1);
    check_readback_rect(&rb, &right, 0x4000ff00, 0);
    release_readback(&rb);

    ID3D11VideoProcessorOutputView_Release(output_view);
    ID3D11VideoProcessorInputView_Release(grey_view);
    ID3D11VideoProcessorInputView_Release(red_view);
done:
    if (output)
        ID3D11Texture2D_Release(output);
    if (grey)
        ID3D11Texture2D_Release(grey);
    if (red)
        ID3D11Texture2D_Release(red);
    release_vp_test(&test);
}

/* Rotation and mirror reach the blit: a texture red on the left, grey on the right. The rows and
 * columns next to the edge between the colours are left out, as scaling blends them. */
static void test_blt_orientation(void)
{
    static const BYTE red_ycbcr[3] = {81, 90, 240}, grey_ycbcr[3] = {126, 128, 128};
    static const RECT left = {0, 0, 28, 32}, right = {36, 0, 64, 32};
    static const RECT top = {0, 0, 64, 12}, bottom = {0, 20, 64, 32};
    static const struct
    {
        D3D11_VIDEO_PROCESSOR_ROTATION rotation;
        BOOL flip_horizontal, flip_vertical;
        const RECT *red, *grey;
    }
    tests[] =
    {
        {D3D11_VIDEO_PROCESSOR_ROTATION_IDENTITY, FALSE, FALSE, &left, &right},
        {D3D11_VIDEO_PROCESSOR_ROTATION_180, FALSE, FALSE, &right, &left},
        {D3D11_VIDEO_PROCESSOR_ROTATION_IDENTITY, TRUE, FALSE, &right, &left},
        {D3D11_VIDEO_PROCESSOR_ROTATION_IDENTITY, FALSE, TRUE, &left, &right},
        /* Clockwise: the left column becomes the top row. */
        {D3D11_VIDEO_PROCESSOR_ROTATION_90, FALSE, FALSE, &top, &bottom},
        {D3D11_VIDEO_PROCESSOR_ROTATION_270, FALSE, FALSE, &bottom, &top},
    };
    ID3D11VideoProcessorOutputView *output_view;
    ID3D11VideoProcessorInputView *input_view;
    ID3D11VideoContext1 *video_context1;
    ID3D11Texture2D *input, *output;
    struct readback rb;
    struct vp_test test;
    unsigned int i;
    HRESULT hr;

    if (!init_vp_test(&test))
        return;

    input = create_nv12_halves(test.device, 64, 32, red_ycbcr, grey_ycbcr);
    output = create_bgra_texture(test.device, 64, 32, 0xff0000ff);
    if (!input || !output)
    {
        skip("Failed to create textures.\n");
        goto done;
    }
    input_view = create_input_view(&test, input);
    output_view = create_output_view(&test, output);
    hr = ID3D11VideoContext_QueryInterface(test.video_context, &IID_ID3D11VideoContext1, (void **)&video_context1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    for (i = 0; i < ARRAY_SIZE(tests); ++i)
    {
        ID3D11VideoContext_VideoProcessorSetStreamRotation(test.video_context, test.processor, 0,
                !!tests[i].rotation, tests[i].rotation);
        ID3D11VideoContext1_VideoProcessorSetStreamMirror(video_context1, test.processor, 0,
                tests[i].flip_horizontal || tests[i].flip_vertical, tests[i].flip_horizontal, tests[i].flip_vertical);
        blt_one_stream(&test, output_view, input_view, S_OK);
        get_readback(test.device, test.context, output, &rb);
        if (!check_readback_rect(&rb, tests[i].red, 0xfffe0000, 2)
                || !check_readback_rect(&rb, tests[i].grey, 0xff808080, 1))
            trace("Test %u: rotation %#x, mirror %#x/%#x.\n", i, tests[i].rotation, tests[i].flip_horizontal,
                    tests[i].flip_vertical);
        release_readback(&rb);
    }
    ID3D11VideoContext1_Release(video_context1);
    ID3D11VideoProcessorOutputView_Release(output_view);
    ID3D11VideoProcessorInputView_Release(input_view);
done:
    if (output)
        ID3D11Texture2D_Release(output);
    if (input)
        ID3D11Texture2D_Release(input);
    release_vp_test(&test);
}

/* VideoProcessorSetOutputConstriction: "the driver downsamples the composed image to the
 * specified size, and then scales it back to the size of the target rectangle". A one-pixel
 * checkerboard constricted to a quarter of its size comes back as flat grey, everywhere in the
 * target rect and nowhere else; without constriction, or with a size at least the target's, it
 * stays a checkerboard. */
static void test_blt_constriction(void)
{
    ID3D11VideoProcessorOutputView *output_view;
    ID3D11VideoProcessorInputView *input_view;
    ID3D11Texture2D *input, *output;
    D3D11_SUBRESOURCE_DATA data;
    RECT target = {8, 0, 56, 32}, outside_left = {0, 0, 8, 32}, outside_right = {56, 0, 64, 32};
    unsigned int x, y, bad;
    struct readback rb;
    struct vp_test test;
    DWORD *pixels, c;
    SIZE size;

    if (!init_vp_test(&test))
        return;
    pixels = malloc(64 * 32 * sizeof(*pixels));
    for (y = 0; y < 32; ++y)
        for (x = 0; x < 64; ++x)
            pixels[y * 64 + x] = (x + y) & 1 ? 0xffffffff : 0xff000000;
    data.pSysMem = pixels;
    data.SysMemPitch = 64 * sizeof(*pixels);
    data.SysMemSlicePitch = 0;
    input = create_texture(test.device, DXGI_FORMAT_B8G8R8A8_UNORM, 64, 32, 1, D3D11_USAGE_DEFAULT,
            D3D11_BIND_RENDER_TARGET, &data);
    free(pixels);
    output = create_bgra_texture(test.device, 64, 32, 0xff0000ff);
    input_view = create_input_view(&test, input);
    output_view = create_output_view(&test, output);
    ID3D11VideoContext_VideoProcessorSetStreamColorSpace(test.video_context, test.processor, 0,
            &(D3D11_VIDEO_PROCESSOR_COLOR_SPACE){.RGB_Range = 0});

    /* A size at least the target's: no downsampling. */
    ID3D11VideoContext_VideoProcessorSetOutputTargetRect(test.video_context, test.processor, TRUE, &target);
    size.cx = 48;
    size.cy = 32;
    ID3D11VideoContext_VideoProcessorSetOutputConstriction(test.video_context, test.processor, TRUE, size);
    blt_one_stream(&test, output_view, input_view, S_OK);
    get_readback(test.device, test.context, output, &rb);
    c = get_readback_colour(&rb, 20, 10);
    ok(compare_colour(c, get_readback_colour(&rb, 21, 10) ^ 0x00ffffff, 2), "Got %#x and %#x.\n", c,
            get_readback_colour(&rb, 21, 10));
    release_readback(&rb);

    /* A quarter of the target in each direction: flat grey inside the target rect. */
    size.cx = 12;
    size.cy = 8;
    ID3D11VideoContext_VideoProcessorSetOutputConstriction(test.video_context, test.processor, TRUE, size);
    blt_one_stream(&test, output_view, input_view, S_OK);
    get_readback(test.device, test.context, output, &rb);
    bad = 0;
    for (y = 0; y < 32; ++y)
    {
        for (x = 8; x < 56; ++x)
            bad += !compare_colour(get_readback_colour(&rb, x, y), 0xff808080, 3);
    }
    ok(!bad, "%u pixels are not grey; (8,0) is %#x, (31,15) is %#x.\n", bad, get_readback_colour(&rb, 8, 0),
            get_readback_colour(&rb, 31, 15));
    /* Outside the target rect: untouched. */
    check_readback_rect(&rb, &outside_left, 0xff0000ff, 0);
    check_readback_rect(&rb, &outside_right, 0xff0000ff, 0);
    release_readback(&rb);

    ID3D11VideoProcessorOutputView_Release(output_view);
    ID3D11VideoProcessorInputView_Release(input_view);
    ID3D11Texture2D_Release(output);
    ID3D11Texture2D_Release(input);
    release_vp_test(&test);
}

START_TEST(processor)
{
    require_device_or_skip_all();

    run_test(test_enumerator);
    run_test(test_processor);
    run_test(test_views);
    run_test(test_output_state);
    run_test(test_stream_state);
    run_test(test_blt_colours);
    run_test(test_blt_invalid);
    run_test(test_blt_array);
    run_test(test_blt_state);
    run_test(test_blt_orientation);
    run_test(test_blt_constriction);
}
