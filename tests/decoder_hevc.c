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

/* The HEVC decoder profiles through the D3D11 video API: profile list, configurations,
 * output formats, decoder creation, buffers, and one intra picture (the first of
 * tests/data/hevc_tiny_64x64.265, DXVA parameters written out by hand) decoded with the Main
 * profile into NV12 and with the Main 10 profile into P010, compared with Debian's ffmpeg.
 * Whole streams are decode_streams.py's and hevc_translation.c's. */

#include <initguid.h>
#include <time.h>
#include "d3d11_utils.h"

static const char *data_dir = ".";

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

static bool has_profile(ID3D11VideoDevice *video_device, const GUID *guid)
{
    UINT i, count = ID3D11VideoDevice_GetVideoDecoderProfileCount(video_device);
    GUID profile;

    for (i = 0; i < count; ++i)
    {
        if (SUCCEEDED(ID3D11VideoDevice_GetVideoDecoderProfile(video_device, i, &profile))
                && IsEqualGUID(&profile, guid))
            return true;
    }
    return false;
}

static void init_desc(D3D11_VIDEO_DECODER_DESC *desc, const GUID *profile, DXGI_FORMAT format,
        UINT width, UINT height)
{
    memset(desc, 0, sizeof(*desc));
    desc->Guid = *profile;
    desc->SampleWidth = width;
    desc->SampleHeight = height;
    desc->OutputFormat = format;
}

static void test_profiles(void)
{
    static const struct
    {
        const GUID *profile;
        DXGI_FORMAT format;
        BOOL supported;
    }
    formats[] =
    {
        {&D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, DXGI_FORMAT_NV12, TRUE},
        {&D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, DXGI_FORMAT_P010, FALSE},
        {&D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, DXGI_FORMAT_B8G8R8A8_UNORM, FALSE},
        {&D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10, DXGI_FORMAT_P010, TRUE},
        {&D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10, DXGI_FORMAT_NV12, FALSE},
        {&D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10, DXGI_FORMAT_P016, FALSE},
    };
    D3D11_VIDEO_DECODER_CONFIG config;
    ID3D11VideoDevice1 *video_device1;
    ID3D11VideoDevice *video_device;
    D3D11_VIDEO_DECODER_DESC desc;
    ID3D11Device *device;
    UINT count, i, caps;
    BOOL supported;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    video_device = get_video_device(device);
    if (!has_profile(video_device, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN))
    {
        skip("No HEVC decoder.\n");
        goto done;
    }
    if (!has_profile(video_device, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10))
        skip("No HEVC Main 10 decoder.\n");

    for (i = 0; i < ARRAY_SIZE(formats); ++i)
    {
        if (formats[i].profile == &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10
                && !has_profile(video_device, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10))
            continue;
        supported = 0xdeadbeef;
        hr = ID3D11VideoDevice_CheckVideoDecoderFormat(video_device, formats[i].profile, formats[i].format, &supported);
        ok(hr == S_OK && supported == formats[i].supported, "Test %u: got hr %#x, supported %#x.\n", i, hr, supported);
    }

    /* One configuration: short slice control, start codes in the bitstream (DXVA HEVC has no
     * long slice control). */
    init_desc(&desc, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, DXGI_FORMAT_NV12, 1920, 1080);
    hr = ID3D11VideoDevice_GetVideoDecoderConfigCount(video_device, &desc, &count);
    ok(hr == S_OK && count == 1, "Got hr %#x, count %u.\n", hr, count);
    hr = ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 0, &config);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(config.ConfigBitstreamRaw == 1, "Got ConfigBitstreamRaw %u.\n", config.ConfigBitstreamRaw);
    hr = ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 1, &config);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    desc.OutputFormat = DXGI_FORMAT_P010;
    hr = ID3D11VideoDevice_GetVideoDecoderConfigCount(video_device, &desc, &count);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    desc.OutputFormat = DXGI_FORMAT_NV12;
    desc.SampleWidth = 8193;
    hr = ID3D11VideoDevice_GetVideoDecoderConfigCount(video_device, &desc, &count);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    if (has_profile(video_device, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10))
    {
        init_desc(&desc, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10, DXGI_FORMAT_P010, 3840, 2160);
        hr = ID3D11VideoDevice_GetVideoDecoderConfigCount(video_device, &desc, &count);
        ok(hr == S_OK && count == 1, "Got hr %#x, count %u.\n", hr, count);
    }

    hr = ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice1, (void **)&video_device1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice1_GetVideoDecoderCaps(video_device1, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, 1920, 1080,
            NULL, 0, NULL, &caps);
    ok(hr == S_OK && !caps, "Got hr %#x, caps %#x.\n", hr, caps);
    hr = ID3D11VideoDevice1_GetVideoDecoderCaps(video_device1, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, 16384, 16384,
            NULL, 0, NULL, &caps);
    ok(hr == S_OK && caps == D3D11_VIDEO_DECODER_CAPS_UNSUPPORTED, "Got hr %#x, caps %#x.\n", hr, caps);
    ID3D11VideoDevice1_Release(video_device1);

done:
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

/* The first picture of hevc_tiny_64x64.265: an IDR_N_LP intra picture, 64x64 in one 64x64 CTB,
 * as its SPS and PPS say (ffmpeg -bsf:v trace_headers). */
static void init_tiny_picture_params(DXVA_PicParams_HEVC *pp)
{
    unsigned int i;

    memset(pp, 0, sizeof(*pp));
    pp->PicWidthInMinCbsY = 8;
    pp->PicHeightInMinCbsY = 8;
    pp->chroma_format_idc = 1;
    pp->log2_max_pic_order_cnt_lsb_minus4 = 4;
    pp->CurrPic.Index7Bits = 1;
    pp->sps_max_dec_pic_buffering_minus1 = 4;
    pp->log2_diff_max_min_luma_coding_block_size = 3;
    pp->log2_diff_max_min_transform_block_size = 3;
    pp->sample_adaptive_offset_enabled_flag = 1;
    pp->sps_temporal_mvp_enabled_flag = 1;
    pp->strong_intra_smoothing_enabled_flag = 1;
    pp->sign_data_hiding_enabled_flag = 1;
    pp->cu_qp_delta_enabled_flag = 1;
    pp->diff_cu_qp_delta_depth = 1;
    pp->pps_loop_filter_across_slices_enabled_flag = 1;
    pp->IrapPicFlag = 1;
    pp->IdrPicFlag = 1;
    pp->IntraPicFlag = 1;
    for (i = 0; i < ARRAY_SIZE(pp->RefPicList); ++i)
        pp->RefPicList[i].bPicEntry = 0xff;
    memset(pp->RefPicSetStCurrBefore, 0xff, sizeof(pp->RefPicSetStCurrBefore));
    memset(pp->RefPicSetStCurrAfter, 0xff, sizeof(pp->RefPicSetStCurrAfter));
    memset(pp->RefPicSetLtCurr, 0xff, sizeof(pp->RefPicSetLtCurr));
    pp->StatusReportFeedbackNumber = 77;
}

/* The stream's first slice NAL unit (type 19 or 20), without its start code. */
static uint8_t *read_first_slice(size_t *size)
{
    size_t file_size, i, start = 0;
    uint8_t *data, *slice = NULL;
    char path[4096];
    FILE *file;

    snprintf(path, sizeof(path), "%s/hevc_tiny_64x64.265", data_dir);
    if (!(file = fopen(path, "rb")))
        return NULL;
    fseek(file, 0, SEEK_END);
    file_size = ftell(file);
    fseek(file, 0, SEEK_SET);
    if (!(data = malloc(file_size)) || fread(data, 1, file_size, file) != file_size)
        goto done;
    for (i = 0; i + 3 < file_size; ++i)
    {
        if (data[i] || data[i + 1] || data[i + 2] != 1)
            continue;
        if (start)
            break;
        if (((data[i + 3] >> 1) & 0x3f) == 19 || ((data[i + 3] >> 1) & 0x3f) == 20)
            start = i + 3;
    }
    if (!start)
        goto done;
    while (i > start && !data[i - 1])
        --i;
    if (i + 3 >= file_size)
        i = file_size;
    if ((slice = malloc(i - start)))
    {
        memcpy(slice, data + start, i - start);
        *size = i - start;
    }
done:
    fclose(file);
    free(data);
    return slice;
}

/* FNV-1a over the picture's rows (NV12 or P010, little-endian). */
static uint32_t hash_output(ID3D11Device *device, ID3D11Texture2D *texture, UINT slice, bool p010)
{
    unsigned int y, rows = 64 + 32, bytes = p010 ? 128 : 64, i;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11DeviceContext *context;
    D3D11_TEXTURE2D_DESC desc;
    ID3D11Texture2D *staging;
    uint32_t hash = 0x811c9dc5;
    const BYTE *row;
    HRESULT hr;

    ID3D11Texture2D_GetDesc(texture, &desc);
    desc.ArraySize = 1;
    desc.Usage = D3D11_USAGE_STAGING;
    desc.BindFlags = 0;
    desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &staging);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (FAILED(hr))
        return 0;
    ID3D11Device_GetImmediateContext(device, &context);
    ID3D11DeviceContext_CopySubresourceRegion(context, (ID3D11Resource *)staging, 0, 0, 0, 0,
            (ID3D11Resource *)texture, slice, NULL);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
    {
        /* The chroma plane starts RowPitch * Height bytes in. */
        for (y = 0; y < rows; ++y)
        {
            row = (const BYTE *)map.pData + (size_t)(y < 64 ? y : desc.Height + y - 64) * map.RowPitch;
            for (i = 0; i < bytes; ++i)
                hash = (hash ^ row[i]) * 0x01000193;
        }
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    }
    ID3D11DeviceContext_Release(context);
    ID3D11Texture2D_Release(staging);
    return hash;
}

struct picture_buffers
{
    const DXVA_PicParams_HEVC *pp;
    UINT pp_size;
    const DXVA_Slice_HEVC_Short *slices;
    UINT slice_count;
    const uint8_t *bitstream;
    UINT bitstream_size;
};

/* E_PENDING: the surface is still being written by the previous picture; clients retry. */
static HRESULT begin_frame(ID3D11VideoContext *video_context, ID3D11VideoDecoder *decoder,
        ID3D11VideoDecoderOutputView *view)
{
    struct timespec wait = {0, 1000000};
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < 5000; ++i)
    {
        if ((hr = ID3D11VideoContext_DecoderBeginFrame(video_context, decoder, view, 0, NULL)) != E_PENDING)
            break;
        nanosleep(&wait, NULL);
    }
    return hr;
}

static HRESULT decode_picture(ID3D11VideoContext *video_context, ID3D11VideoDecoder *decoder,
        ID3D11VideoDecoderOutputView *view, const struct picture_buffers *p)
{
    static const D3D11_VIDEO_DECODER_BUFFER_TYPE types[] = {D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS,
            D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM};
    const void *sources[3] = {p->pp, p->slices, p->bitstream};
    UINT sizes[3] = {p->pp_size, p->slice_count * sizeof(*p->slices), p->bitstream_size};
    D3D11_VIDEO_DECODER_BUFFER_DESC descs[3];
    unsigned int i;
    UINT size;
    void *data;
    HRESULT hr;

    hr = begin_frame(video_context, decoder, view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(descs, 0, sizeof(descs));
    for (i = 0; i < 3; ++i)
    {
        hr = ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, types[i], &size, &data);
        ok(hr == S_OK && size >= sizes[i], "Got hr %#x, size %u.\n", hr, size);
        memcpy(data, sources[i], sizes[i]);
        hr = ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoder, types[i]);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        descs[i].BufferType = types[i];
        descs[i].DataSize = sizes[i];
    }
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 3, descs);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return ID3D11VideoContext_DecoderEndFrame(video_context, decoder);
}

static void test_decode(const GUID *profile, DXGI_FORMAT format, uint32_t expected_hash)
{
    bool p010 = format == DXGI_FORMAT_P010;
    D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC view_desc;
    D3D11_VIDEO_DECODER_BUFFER_DESC buffer_desc;
    ID3D11VideoDecoderOutputView *view;
    D3D11_VIDEO_DECODER_EXTENSION ext;
    ID3D11VideoContext *video_context;
    D3D11_VIDEO_DECODER_CONFIG config;
    ID3D11VideoDevice *video_device;
    struct picture_buffers buffers;
    D3D11_VIDEO_DECODER_DESC desc;
    D3D11_TEXTURE2D_DESC tex_desc;
    DXVA_Slice_HEVC_Short slice;
    DXVA_Status_HEVC status[2];
    ID3D11VideoDecoder *decoder;
    ID3D11Texture2D *texture;
    DXVA_PicParams_HEVC pp;
    uint8_t *nal, *stream;
    ID3D11Device *device;
    size_t nal_size;
    uint32_t hash;
    UINT size;
    void *data;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    video_device = get_video_device(device);
    video_context = get_video_context(device);
    if (!has_profile(video_device, profile))
    {
        skip("No %s decoder.\n", p010 ? "HEVC Main 10" : "HEVC Main");
        goto done;
    }
    if (!(nal = read_first_slice(&nal_size)))
    {
        skip("No %s/hevc_tiny_64x64.265.\n", data_dir);
        goto done;
    }

    init_desc(&desc, profile, format, 64, 64);
    hr = ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 0, &config);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* Invalid creations. */
    init_desc(&desc, profile, p010 ? DXGI_FORMAT_NV12 : DXGI_FORMAT_P010, 64, 64);
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    init_desc(&desc, profile, format, 8200, 64);
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    init_desc(&desc, profile, format, 64, 0);
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    init_desc(&desc, profile, format, 64, 64);
    config.ConfigBitstreamRaw = 2;
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    config.ConfigBitstreamRaw = 1;
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder);
    if (hr == E_INVALIDARG)
    {
        /* A video queue whose smallest coded size is larger (NVIDIA's H.265: 144x144), and no
         * software backend in this build to take the decoder instead. */
        skip("No decoder for 64x64 pictures.\n");
        free(nal);
        goto done;
    }
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    memset(&tex_desc, 0, sizeof(tex_desc));
    tex_desc.Width = 64;
    tex_desc.Height = 64;
    tex_desc.MipLevels = 1;
    tex_desc.ArraySize = 2;
    tex_desc.Format = p010 ? DXGI_FORMAT_NV12 : DXGI_FORMAT_P010;
    tex_desc.SampleDesc.Count = 1;
    tex_desc.Usage = D3D11_USAGE_DEFAULT;
    tex_desc.BindFlags = D3D11_BIND_DECODER;
    hr = ID3D11Device_CreateTexture2D(device, &tex_desc, NULL, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(&view_desc, 0, sizeof(view_desc));
    view_desc.DecodeProfile = *profile;
    view_desc.ViewDimension = D3D11_VDOV_DIMENSION_TEXTURE2D;
    view_desc.Texture2D.ArraySlice = 1;
    /* The other profile's format. */
    hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(video_device, (ID3D11Resource *)texture, &view_desc, &view);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11Texture2D_Release(texture);
    tex_desc.Format = format;
    hr = ID3D11Device_CreateTexture2D(device, &tex_desc, NULL, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(video_device, (ID3D11Resource *)texture, &view_desc, &view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* Buffers HEVC does not use; sizes that do not fit the structures. */
    hr = begin_frame(video_context, decoder, view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_MACROBLOCK_CONTROL,
            &size, &data);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS,
            &size, &data);
    ok(hr == S_OK && size >= sizeof(DXVA_PicParams_HEVC), "Got hr %#x, size %u.\n", hr, size);
    hr = ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_GetDecoderBuffer(video_context, decoder,
            D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX, &size, &data);
    ok(hr == S_OK && size >= sizeof(DXVA_Qmatrix_HEVC), "Got hr %#x, size %u.\n", hr, size);
    hr = ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoder,
            D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL,
            &size, &data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(&buffer_desc, 0, sizeof(buffer_desc));
    buffer_desc.BufferType = D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS;
    buffer_desc.DataSize = sizeof(DXVA_PicParams_HEVC) - 1;
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 1, &buffer_desc);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    buffer_desc.BufferType = D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX;
    buffer_desc.DataSize = sizeof(DXVA_Qmatrix_HEVC) - 1;
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 1, &buffer_desc);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    buffer_desc.BufferType = D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL;
    buffer_desc.DataSize = sizeof(DXVA_Slice_HEVC_Short) + 1;
    hr = ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, 1, &buffer_desc);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderEndFrame(video_context, decoder);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* The picture, with the slice after a few bytes of padding. */
    stream = calloc(1, nal_size + 8);
    stream[5] = 1;
    memcpy(stream + 6, nal, nal_size);
    slice.BSNALunitDataLocation = 3;
    slice.SliceBytesInBuffer = nal_size + 3;
    slice.wBadSliceChopping = 0;
    init_tiny_picture_params(&pp);
    buffers.pp = &pp;
    buffers.pp_size = sizeof(pp);
    buffers.slices = &slice;
    buffers.slice_count = 1;
    buffers.bitstream = stream;
    buffers.bitstream_size = nal_size + 8;
    hr = decode_picture(video_context, decoder, view, &buffers);
    if (hr == E_NOTIMPL && p010)
    {
        /* A 10-bit Vulkan video session cannot decode 8-bit pictures. */
        skip("An 8-bit picture with the Main 10 profile is not supported by this backend.\n");
        goto release;
    }
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hash = hash_output(device, texture, 1, p010);
    ok(hash == expected_hash, "Got hash %#x, expected %#x.\n", hash, expected_hash);

    memset(&ext, 0, sizeof(ext));
    ext.Function = 7;
    ext.pPrivateOutputData = status;
    ext.PrivateOutputDataSize = sizeof(status);
    hr = ID3D11VideoContext_DecoderExtension(video_context, decoder, &ext);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(sizeof(DXVA_Status_HEVC) == 8, "DXVA_Status_HEVC has %zu bytes.\n", sizeof(DXVA_Status_HEVC));
    ok(status[0].StatusReportFeedbackNumber == 77 && status[0].CurrPic.bPicEntry == 1 && !status[0].bStatus,
            "Got feedback %u, picture %#x, status %u.\n", status[0].StatusReportFeedbackNumber,
            status[0].CurrPic.bPicEntry, status[0].bStatus);
    ok(!status[1].StatusReportFeedbackNumber, "Got a second report %u.\n", status[1].StatusReportFeedbackNumber);

    /* What DXVA cannot describe, or describes wrongly, fails the frame, never a crash. */
    init_tiny_picture_params(&pp);
    pp.bit_depth_luma_minus8 = pp.bit_depth_chroma_minus8 = 2;
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == (p010 ? S_OK : E_NOTIMPL) || (p010 && FAILED(hr)), "Got unexpected hr %#x.\n", hr);
    init_tiny_picture_params(&pp);
    pp.chroma_format_idc = 2;
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == E_NOTIMPL, "Got unexpected hr %#x.\n", hr);
    init_tiny_picture_params(&pp);
    pp.log2_diff_max_min_luma_coding_block_size = 4;
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    init_tiny_picture_params(&pp);
    pp.PicWidthInMinCbsY = 16;
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    init_tiny_picture_params(&pp);
    pp.RefPicSetStCurrBefore[0] = 3;
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    init_tiny_picture_params(&pp);
    pp.CurrPicOrderCntVal = 8;
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    init_tiny_picture_params(&pp);
    pp.RefPicList[2].Index7Bits = 1;
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    init_tiny_picture_params(&pp);
    slice.BSNALunitDataLocation = nal_size;
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    slice.BSNALunitDataLocation = 3;
    slice.SliceBytesInBuffer = 5;
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    slice.SliceBytesInBuffer = nal_size + 3;
    stream[5] = 2;
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    stream[5] = 1;

    /* The decoder still decodes after all that. */
    hr = decode_picture(video_context, decoder, view, &buffers);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hash = hash_output(device, texture, 1, p010);
    ok(hash == expected_hash, "Got hash %#x, expected %#x.\n", hash, expected_hash);

release:
    free(stream);
    free(nal);
    ID3D11VideoDecoderOutputView_Release(view);
    ok(!ID3D11Texture2D_Release(texture), "Texture has references left.\n");
    ok(!ID3D11VideoDecoder_Release(decoder), "ID3D11VideoDecoder has references left.\n");

done:
    ID3D11VideoContext_Release(video_context);
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

static void test_decode_main(void)
{
    /* ffmpeg -i hevc_tiny_64x64.265 -frames:v 1 -pix_fmt nv12 -f rawvideo: FNV-1a of the 6144 bytes. */
    test_decode(&D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, DXGI_FORMAT_NV12, 0x5f18e2eb);
}

static void test_decode_main10(void)
{
    /* An 8-bit stream with the Main 10 profile: each sample v becomes v << 8 (a 10-bit v << 2 in P010). */
    test_decode(&D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10, DXGI_FORMAT_P010, 0x4b424367);
}

START_TEST(decoder_hevc)
{
    if (argc > 1)
        data_dir = argv[1];
    require_device_or_skip_all();

    run_test(test_profiles);
    run_test(test_decode_main);
    run_test(test_decode_main10);
}
