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

/* ID3D11VideoDevice/ID3D11VideoContext decode API: profiles, configurations, decoder and output
 * view creation, buffers, frames, status reports and every invalid argument, on whatever
 * backend the device has (the software backend on CI). Decoding real streams is covered by
 * decode_streams.py through vkdva-decode. */

#include <initguid.h>
#include <stdlib.h>
#include "d3d11_utils.h"

static ID3D11VideoDevice *get_video_device(ID3D11Device *device)
{
    ID3D11VideoDevice *video_device;
    HRESULT hr;

    hr = ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return video_device;
}

static ID3D11VideoContext *get_video_context(ID3D11Device *device)
{
    ID3D11VideoContext *video_context;
    ID3D11DeviceContext *context;
    HRESULT hr;

    ID3D11Device_GetImmediateContext(device, &context);
    hr = ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11DeviceContext_Release(context);
    return video_context;
}

static bool has_h264(ID3D11VideoDevice *video_device)
{
    UINT i, count = ID3D11VideoDevice_GetVideoDecoderProfileCount(video_device);
    GUID profile;

    for (i = 0; i < count; ++i)
    {
        if (SUCCEEDED(ID3D11VideoDevice_GetVideoDecoderProfile(video_device, i, &profile))
                && IsEqualGUID(&profile, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT))
            return true;
    }
    return false;
}

static void init_desc(D3D11_VIDEO_DECODER_DESC *desc)
{
    memset(desc, 0, sizeof(*desc));
    desc->Guid = D3D11_DECODER_PROFILE_H264_VLD_NOFGT;
    desc->SampleWidth = 176;
    desc->SampleHeight = 144;
    desc->OutputFormat = DXGI_FORMAT_NV12;
}

static void test_profiles(void)
{
    D3D11_VIDEO_DECODER_CONFIG config;
    ID3D11VideoDevice *video_device;
    D3D11_VIDEO_DECODER_DESC desc;
    UINT count, i, support;
    ID3D11Device *device;
    BOOL supported;
    GUID profile;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    video_device = get_video_device(device);

    count = ID3D11VideoDevice_GetVideoDecoderProfileCount(video_device);
    for (i = 0; i < count; ++i)
    {
        hr = ID3D11VideoDevice_GetVideoDecoderProfile(video_device, i, &profile);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    }
    hr = ID3D11VideoDevice_GetVideoDecoderProfile(video_device, count, &profile);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_GetVideoDecoderProfile(video_device, 0, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    if (!has_h264(video_device))
    {
        skip("No H.264 decoder.\n");
        goto done;
    }

    hr = ID3D11VideoDevice_CheckVideoDecoderFormat(video_device, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT,
            DXGI_FORMAT_NV12, &supported);
    ok(hr == S_OK && supported, "Got hr %#x, supported %#x.\n", hr, supported);
    hr = ID3D11VideoDevice_CheckVideoDecoderFormat(video_device, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT,
            DXGI_FORMAT_B8G8R8A8_UNORM, &supported);
    ok(hr == S_OK && !supported, "Got hr %#x, supported %#x.\n", hr, supported);
    hr = ID3D11VideoDevice_CheckVideoDecoderFormat(video_device, &D3D11_DECODER_PROFILE_VC1_VLD,
            DXGI_FORMAT_NV12, &supported);
    ok(hr == E_INVALIDARG && !supported, "Got hr %#x, supported %#x.\n", hr, supported);
    hr = ID3D11Device_CheckFormatSupport(device, DXGI_FORMAT_NV12, &support);
    ok(hr == S_OK && (support & D3D11_FORMAT_SUPPORT_DECODER_OUTPUT), "Got hr %#x, support %#x.\n", hr, support);

    init_desc(&desc);
    hr = ID3D11VideoDevice_GetVideoDecoderConfigCount(video_device, &desc, &count);
    ok(hr == S_OK && count >= 1, "Got hr %#x, count %u.\n", hr, count);
    hr = ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 0, &config);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    /* What DXVA clients pick first: short slice control with start codes. */
    ok(config.ConfigBitstreamRaw == 1, "Got ConfigBitstreamRaw %u.\n", config.ConfigBitstreamRaw);
    hr = ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, count, &config);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    desc.SampleWidth = 0;
    hr = ID3D11VideoDevice_GetVideoDecoderConfigCount(video_device, &desc, &count);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    init_desc(&desc);
    desc.OutputFormat = DXGI_FORMAT_R8G8B8A8_UNORM;
    hr = ID3D11VideoDevice_GetVideoDecoderConfigCount(video_device, &desc, &count);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_GetVideoDecoderConfigCount(video_device, NULL, &count);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

done:
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

static void test_decoder(void)
{
    D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC view_desc, view_desc2;
    D3D11_VIDEO_DECODER_BUFFER_DESC buffer_desc[2];
    D3D11_VIDEO_DECODER_CONFIG config, config2;
    D3D11_VIDEO_DECODER_DESC desc, desc2;
    ID3D11VideoDecoderOutputView *view;
    D3D11_VIDEO_DECODER_EXTENSION ext;
    ID3D11VideoContext *video_context;
    ID3D11VideoDevice *video_device;
    ID3D11VideoDecoder *decoder;
    D3D11_TEXTURE2D_DESC tex_desc;
    ID3D11Texture2D *texture, *plain;
    ID3D11Resource *resource;
    DXVA_Status_H264 status[4];
    ID3D11Device *device;
    UINT size, size2;
    void *data, *data2;
    HANDLE handle;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    video_device = get_video_device(device);
    video_context = get_video_context(device);
    if (!has_h264(video_device))
    {
        skip("No H.264 decoder.\n");
        goto done;
    }

    init_desc(&desc);
    hr = ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 0, &config);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* Invalid creations. */
    decoder = (ID3D11VideoDecoder *)0xdeadbeef;
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, NULL, &config, &decoder);
    ok(hr == E_INVALIDARG && !decoder, "Got hr %#x, decoder %p.\n", hr, decoder);
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, NULL, &decoder);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, NULL);
    ok(hr == E_POINTER, "Got unexpected hr %#x.\n", hr);
    desc2 = desc;
    desc2.Guid = D3D11_DECODER_PROFILE_MPEG2_VLD;
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc2, &config, &decoder);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    desc2 = desc;
    desc2.SampleWidth = 100000;
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc2, &config, &decoder);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    config2 = config;
    config2.ConfigBitstreamRaw = 7;
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config2, &decoder);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(decoder, 1);
    check_interface(decoder, &IID_ID3D11DeviceChild, true);
    check_interface(decoder, &IID_ID3D11VideoProcessor, false);
    hr = ID3D11VideoDecoder_GetCreationParameters(decoder, &desc2, &config2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!memcmp(&desc2, &desc, sizeof(desc)), "Got a different desc.\n");
    ok(!memcmp(&config2, &config, sizeof(config)), "Got a different config.\n");
    hr = ID3D11VideoDecoder_GetDriverHandle(decoder, &handle);
    ok(hr == S_OK && handle, "Got hr %#x, handle %p.\n", hr, handle);

    /* Output views: texture-array slices of a decoder-bound texture. */
    memset(&tex_desc, 0, sizeof(tex_desc));
    tex_desc.Width = 176;
    tex_desc.Height = 144;
    tex_desc.MipLevels = 1;
    tex_desc.ArraySize = 4;
    tex_desc.Format = DXGI_FORMAT_NV12;
    tex_desc.SampleDesc.Count = 1;
    tex_desc.Usage = D3D11_USAGE_DEFAULT;
    tex_desc.BindFlags = D3D11_BIND_DECODER;
    hr = ID3D11Device_CreateTexture2D(device, &tex_desc, NULL, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    tex_desc.BindFlags = D3D11_BIND_SHADER_RESOURCE;
    hr = ID3D11Device_CreateTexture2D(device, &tex_desc, NULL, &plain);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    memset(&view_desc, 0, sizeof(view_desc));
    view_desc.DecodeProfile = D3D11_DECODER_PROFILE_H264_VLD_NOFGT;
    view_desc.ViewDimension = D3D11_VDOV_DIMENSION_TEXTURE2D;
    view_desc.Texture2D.ArraySlice = 3;
    hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(video_device, (ID3D11Resource *)plain, &view_desc, &view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    view_desc.Texture2D.ArraySlice = 4;
    hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(video_device, (ID3D11Resource *)texture, &view_desc, &view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    view_desc.Texture2D.ArraySlice = 3;
    view_desc.ViewDimension = D3D11_VDOV_DIMENSION_UNKNOWN;
    hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(video_device, (ID3D11Resource *)texture, &view_desc, &view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    view_desc.ViewDimension = D3D11_VDOV_DIMENSION_TEXTURE2D;
    hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(video_device, NULL, &view_desc, &view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(video_device, (ID3D11Resource *)texture, &view_desc, &view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(texture, 2);
    check_interface(view, &IID_ID3D11View, true);
    ID3D11VideoDecoderOutputView_GetDesc(view, &view_desc2);
    ok(!memcmp(&view_desc2, &view_desc, sizeof(view_desc)), "Got a different desc.\n");
    ID3D11VideoDecoderOutputView_GetResource(view, &resource);
    ok(resource == (ID3D11Resource *)texture, "Got resource %p, expected %p.\n", resource, texture);
    ID3D11Resource_Release(resource);

    /* Frames and buffers. */
    hr = ID3D11VideoContext_DecoderEndFrame(video_context, decoder);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderBeginFrame(video_context, NULL, view, 0, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderBeginFrame(video_context, decoder, NULL, 0, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderBeginFrame(video_context, decoder, view, 0, NULL);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(view, 2);
    hr = ID3D11VideoContext_DecoderBeginFrame(video_context, decoder, view, 0, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    hr = ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM, &size, &data);
    ok(hr == S_OK && size && data, "Got hr %#x, size %u, data %p.\n", hr, size, data);
    hr = ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM,
            &size2, &data2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_MOTION_VECTOR,
            &size2, &data2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, 0x100, &size2, &data2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL,
            NULL, &data2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    memset(buffer_desc, 0, sizeof(buffer_desc));
    buffer_desc[0].BufferType = D3D11_VIDEO_DECODER_BUFFER_BITSTREAM;
    buffer_desc[0].DataSize = 16;
    /* Still acquired. */
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 1, buffer_desc);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    buffer_desc[0].DataOffset = size;
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 1, buffer_desc);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    buffer_desc[0].DataOffset = 0;
    buffer_desc[0].DataSize = size + 1;
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 1, buffer_desc);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    buffer_desc[0].DataSize = 16;
    /* A buffer never obtained fails the whole call. */
    buffer_desc[1].BufferType = D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS;
    buffer_desc[1].DataSize = sizeof(DXVA_PicParams_H264);
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 2, buffer_desc);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 0, buffer_desc);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 1, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 1, buffer_desc);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* A frame without picture parameters decodes nothing and fails nothing. */
    hr = ID3D11VideoContext_DecoderEndFrame(video_context, decoder);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(view, 1);

    /* Status reports: function 7; others are refused. */
    memset(&ext, 0, sizeof(ext));
    ext.Function = 7;
    ext.pPrivateOutputData = status;
    ext.PrivateOutputDataSize = sizeof(status);
    hr = ID3D11VideoContext_DecoderExtension(video_context, decoder, &ext);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!status[0].StatusReportFeedbackNumber, "Got feedback %u.\n", status[0].StatusReportFeedbackNumber);
    ext.Function = 1;
    hr = ID3D11VideoContext_DecoderExtension(video_context, decoder, &ext);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ext.Function = 7;
    ext.PrivateOutputDataSize = 1;
    hr = ID3D11VideoContext_DecoderExtension(video_context, decoder, &ext);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderExtension(video_context, decoder, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    ID3D11VideoDecoderOutputView_Release(view);
    ID3D11Texture2D_Release(plain);
    ok(!ID3D11Texture2D_Release(texture), "Texture has references left.\n");
    ok(!ID3D11VideoDecoder_Release(decoder), "ID3D11VideoDecoder has references left.\n");

done:
    ID3D11VideoContext_Release(video_context);
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

static void test_downsampling(void)
{
    D3D11_VIDEO_DECODER_CONFIG config = {0};
    D3D11_VIDEO_SAMPLE_DESC sample = {0};
    ID3D11VideoDevice1 *video_device1;
    D3D11_VIDEO_DECODER_DESC desc;
    BOOL supported, real_time;
    ID3D11Device *device;
    UINT caps;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    hr = ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice1, (void **)&video_device1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    init_desc(&desc);
    sample.Width = 88;
    sample.Height = 72;
    sample.Format = DXGI_FORMAT_NV12;
    hr = ID3D11VideoDevice1_CheckVideoDecoderDownsampling(video_device1, &desc,
            DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P709, &config, NULL, &sample, &supported, &real_time);
    ok(hr == S_OK && !supported, "Got hr %#x, supported %#x.\n", hr, supported);
    hr = ID3D11VideoDevice1_GetVideoDecoderCaps(video_device1, &D3D11_DECODER_PROFILE_VC1_VLD, 176, 144, NULL, 0,
            NULL, &caps);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoDevice1_Release(video_device1);
    release_device(device);
}

/* struct vkdva_decode_backend_info restricts the profiles to one backend's; the default offers
 * the union. */
static void test_decode_backend_info(void)
{
    static const enum vkdva_decode_backend backends[] =
    {
        VKDVA_DECODE_BACKEND_DEFAULT, VKDVA_DECODE_BACKEND_VULKAN, VKDVA_DECODE_BACKEND_SOFTWARE,
    };
    struct vkdva_decode_backend_info backend_info = {.type = VKDVA_STRUCTURE_TYPE_DECODE_BACKEND_INFO};
    struct vkdva_device_create_info create_info =
    {
        .type = VKDVA_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
        .next = &backend_info,
        .api_version = VKDVA_API_VERSION_CURRENT,
    };
    D3D11_VIDEO_DECODER_CONFIG config;
    D3D11_VIDEO_DECODER_DESC desc;
    ID3D11VideoDevice *video_device;
    ID3D11VideoDecoder *decoder;
    ID3D11Device *device;
    UINT counts[3], i;
    HRESULT hr;

    if (getenv("VKDVA_DECODE_BACKEND"))
    {
        skip("VKDVA_DECODE_BACKEND is set; it takes precedence.\n");
        return;
    }
    for (i = 0; i < ARRAY_SIZE(backends); ++i)
    {
        backend_info.backend = backends[i];
        hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device);
        ok(hr == S_OK, "Backend %u: got unexpected hr %#x.\n", backends[i], hr);
        if (FAILED(hr))
            return;
        ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
        counts[i] = ID3D11VideoDevice_GetVideoDecoderProfileCount(video_device);
        /* A backend without H.264 offers no decoder for it. */
        init_desc(&desc);
        if (FAILED(ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 0, &config)))
        {
            hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder);
            ok(FAILED(hr), "Backend %u: got unexpected hr %#x.\n", backends[i], hr);
        }
        else
        {
            hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder);
            ok(hr == S_OK, "Backend %u: got unexpected hr %#x.\n", backends[i], hr);
            if (SUCCEEDED(hr))
                ID3D11VideoDecoder_Release(decoder);
        }
        ID3D11VideoDevice_Release(video_device);
        release_device(device);
    }
    trace("Profiles: %u by default, %u on Vulkan Video, %u in software.\n", counts[0], counts[1], counts[2]);
    ok(counts[0] >= counts[1] && counts[0] >= counts[2] && counts[0] <= counts[1] + counts[2],
            "Got %u profiles by default, %u and %u by backend.\n", counts[0], counts[1], counts[2]);

    backend_info.backend = VKDVA_DECODE_BACKEND_SOFTWARE + 1;
    device = (ID3D11Device *)0xdeadbeef;
    hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ok(!device, "Got unexpected device %p.\n", device);
}

START_TEST(decoder)
{
    require_device_or_skip_all();

    run_test(test_profiles);
    run_test(test_decoder);
    run_test(test_downsampling);
    run_test(test_decode_backend_info);
}
