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

/* libFuzzer target: hostile DXVA HEVC input through ID3D11VideoContext, as an application
 * would submit it. The picture parameters are those of a valid 64x64 intra picture with the
 * fuzzer's bytes XORed in (random HEVC parameters almost never get past the first checks);
 * quantisation matrices, slice control, bitstream and buffer descriptors come from the fuzzer
 * as they are. Nothing may crash, hang, read out of bounds or leak; errors and corrupt pictures
 * are fine. */

#include <initguid.h>
#define COBJMACROS
#include <vkdva.h>
#include <stdint.h>
#include <string.h>

#ifndef ARRAY_SIZE
# define ARRAY_SIZE(x) (sizeof(x) / sizeof(*(x)))
#endif

static ID3D11Device *device;
static ID3D11VideoDevice *video_device;
static ID3D11VideoContext *video_context;
static ID3D11VideoDecoder *decoder;
static ID3D11VideoDecoderOutputView *views[4];

static void quiet(void *context, enum vkdva_log_level level, const char *message)
{
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC view_desc = {0};
    D3D11_VIDEO_DECODER_CONFIG config = {0};
    D3D11_VIDEO_DECODER_DESC desc = {0};
    D3D11_TEXTURE2D_DESC texture_desc = {0};
    ID3D11DeviceContext *context;
    ID3D11Texture2D *texture;
    unsigned int i;

    vkdva_set_log_callback(quiet, NULL);
    if (FAILED(vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
        abort();
    ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ID3D11Device_GetImmediateContext(device, &context);
    ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);
    ID3D11DeviceContext_Release(context);

    desc.Guid = D3D11_DECODER_PROFILE_HEVC_VLD_MAIN;
    desc.SampleWidth = 64;
    desc.SampleHeight = 64;
    desc.OutputFormat = DXGI_FORMAT_NV12;
    if (FAILED(ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 0, &config))
            || FAILED(ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder)))
        abort();
    texture_desc.Width = 64;
    texture_desc.Height = 64;
    texture_desc.MipLevels = 1;
    texture_desc.ArraySize = 4;
    texture_desc.Format = DXGI_FORMAT_NV12;
    texture_desc.SampleDesc.Count = 1;
    texture_desc.Usage = D3D11_USAGE_DEFAULT;
    texture_desc.BindFlags = D3D11_BIND_DECODER;
    if (FAILED(ID3D11Device_CreateTexture2D(device, &texture_desc, NULL, &texture)))
        abort();
    view_desc.DecodeProfile = D3D11_DECODER_PROFILE_HEVC_VLD_MAIN;
    view_desc.ViewDimension = D3D11_VDOV_DIMENSION_TEXTURE2D;
    for (i = 0; i < 4; ++i)
    {
        view_desc.Texture2D.ArraySlice = i;
        if (FAILED(ID3D11VideoDevice_CreateVideoDecoderOutputView(video_device, (ID3D11Resource *)texture,
                &view_desc, &views[i])))
            abort();
    }
    ID3D11Texture2D_Release(texture);
    return 0;
}

/* A 64x64 IDR picture in one 64x64 CTB (tests/data/hevc_tiny_64x64.265's first). */
static void init_picture_params(DXVA_PicParams_HEVC *pp)
{
    unsigned int i;

    memset(pp, 0, sizeof(*pp));
    pp->PicWidthInMinCbsY = 8;
    pp->PicHeightInMinCbsY = 8;
    pp->chroma_format_idc = 1;
    pp->log2_max_pic_order_cnt_lsb_minus4 = 4;
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
}

static void fill_buffer(D3D11_VIDEO_DECODER_BUFFER_TYPE type, const uint8_t *data, size_t size,
        D3D11_VIDEO_DECODER_BUFFER_DESC *desc)
{
    UINT buffer_size;
    void *buffer;

    memset(desc, 0, sizeof(*desc));
    desc->BufferType = type;
    if (FAILED(ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, type, &buffer_size, &buffer)))
        return;
    if (size > buffer_size)
        size = buffer_size;
    memcpy(buffer, data, size);
    ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoder, type);
    desc->DataSize = size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    D3D11_VIDEO_DECODER_BUFFER_DESC descs[4];
    D3D11_VIDEO_DECODER_EXTENSION ext = {0};
    size_t pp_size = sizeof(DXVA_PicParams_HEVC), qm_size = sizeof(DXVA_Qmatrix_HEVC), sc_size, i;
    uint8_t status[64 * sizeof(DXVA_Status_HEVC)];
    unsigned int slices, view, count = 0;
    DXVA_PicParams_HEVC pp;

    if (size < 4 + pp_size)
        return 0;
    view = data[0] & 3;
    slices = 1 + (data[1] & 7);
    sc_size = slices * sizeof(DXVA_Slice_HEVC_Short);
    if (FAILED(ID3D11VideoContext_DecoderBeginFrame(video_context, decoder, views[view], 0, NULL)))
        return 0;
    init_picture_params(&pp);
    pp.CurrPic.Index7Bits = view;
    for (i = 0; i < pp_size; ++i)
        ((uint8_t *)&pp)[i] ^= data[4 + i];
    fill_buffer(D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS, (const uint8_t *)&pp, pp_size, &descs[count++]);
    data += 4 + pp_size;
    size -= 4 + pp_size;
    if (size >= qm_size && (data[0] & 1))
    {
        fill_buffer(D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX, data, qm_size, &descs[count++]);
        data += qm_size;
        size -= qm_size;
    }
    if (size >= sc_size)
    {
        fill_buffer(D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL, data, sc_size, &descs[count++]);
        data += sc_size;
        size -= sc_size;
    }
    fill_buffer(D3D11_VIDEO_DECODER_BUFFER_BITSTREAM, data, size, &descs[count++]);
    /* Descriptor tampering: the last byte, if any, shifts an offset past the buffer. */
    if (size && (data[size - 1] & 0x80))
        descs[count - 1].DataOffset = data[size - 1] << 16;
    ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, count, descs);
    ID3D11VideoContext_DecoderEndFrame(video_context, decoder);

    ext.Function = 7;
    ext.pPrivateOutputData = status;
    ext.PrivateOutputDataSize = sizeof(status);
    ID3D11VideoContext_DecoderExtension(video_context, decoder, &ext);
    return 0;
}
