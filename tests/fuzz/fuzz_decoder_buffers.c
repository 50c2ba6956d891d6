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

/* libFuzzer target: hostile decoder buffer descriptors. The buffers' contents are those of a
 * valid picture (the first of tests/data/hevc_tiny_64x64.265: one 64x64 IDR slice), so what
 * the fuzzer controls is how an application describes and orders them: the
 * D3D11_VIDEO_DECODER_BUFFER_DESC, _DESC1 and _DESC2 arrays of SubmitDecoderBuffers,
 * SubmitDecoderBuffers1 and SubmitDecoderBuffers2 (buffer types, offsets and sizes near the
 * limits and near UINT_MAX, counts, repeated types, the macroblock fields, IVs, partial
 * encryption patterns, CENC sub-sample mappings, stripe counts), content keys at
 * DecoderBeginFrame, and the order of the calls (Submit without Begin, Release without Get,
 * Get twice...). Two decoders: one clear, one bound to a crypto session through an
 * authenticated channel (the DRM client of vkdva-decode --protected), whose valid frames the
 * target encrypts itself, as a player would, with the fuzzer's IV, pattern or sub-samples.
 * On lavapipe the software backend decodes, and decrypts on the CPU; on a device with Vulkan
 * Video the same inputs reach the GPU bitstream decryption (protect_bitstream.c).
 *
 * The input is a header byte and a list of operations, each an opcode byte and its arguments
 * (see the switch in LLVMFuzzerTestOneInput); missing bytes read as zero. Nothing may crash,
 * hang, read out of bounds or leak; errors and corrupt pictures are fine. */

#include <initguid.h>
#define COBJMACROS
#include <vkdva.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../programs/vkdva-decode/protected.h"
#include "fuzz_reader.h"

#ifndef ARRAY_SIZE
# define ARRAY_SIZE(x) (sizeof(x) / sizeof(*(x)))
#endif

#define MAX_DESCS 8
#define MAX_SUBSAMPLES 16
#define MAX_OPS 64

/* Slice control and bitstream of the first picture of tests/data/hevc_tiny_64x64.265, the
 * picture parameters are built by init_picture_params(). */
static const uint8_t picture_bitstream[] =
{
    0x00, 0x00, 0x01, 0x28, 0x01, 0xaf, 0x1d, 0x80, 0xb3, 0xb7, 0x34, 0x6f, 0x2f, 0x3b, 0x6f, 0xd6,
    0x78, 0x62, 0xda, 0xf1, 0xec, 0xf8, 0x15, 0x6d, 0x8e, 0x2f, 0x7a, 0xb3, 0xbc, 0x18, 0x06, 0x8b,
    0xdb, 0x90, 0x50, 0xf6, 0x0e, 0x6d, 0x26, 0x5a, 0x18, 0xd5, 0xf2, 0x05, 0x1e, 0xc2, 0xd4, 0x72,
    0x1c, 0xa5, 0x85, 0x6c, 0x22, 0xc2, 0x62, 0x9d, 0x85, 0x84, 0x88, 0xd3, 0x8f, 0x39, 0x11, 0xbe,
    0xa5, 0xe6, 0xd1, 0xae, 0x7e, 0x17, 0x1a, 0x65, 0xa8, 0xaf, 0xff, 0xff, 0xbb, 0x43, 0x80, 0xbd,
    0x2e, 0x96, 0xd6, 0xa9, 0x64, 0x8b, 0x84, 0xd8, 0xec, 0xad, 0x48, 0x15, 0xf0, 0x4f, 0x4f, 0x59,
    0x86, 0x25, 0x69, 0xb6, 0xb4, 0x0c, 0xd7, 0xfe, 0x62, 0x60, 0x81, 0xe1, 0x35, 0xa9, 0xf1, 0xa1,
    0xe3, 0xc1, 0x57, 0x6b, 0xb5, 0xbd, 0x51, 0xba, 0x2f, 0xab, 0x9b, 0x66, 0x33, 0x19, 0xa8, 0xf9,
    0xea, 0x56, 0xdf, 0x0d, 0xeb, 0xb4, 0x54, 0x6e, 0x2d, 0x4d, 0xea, 0x8b, 0xf2, 0x7e, 0x05, 0x09,
    0x2a, 0xed, 0x68, 0x8b, 0xd8, 0x0c, 0x3a, 0x0a, 0x47, 0x65, 0xe5, 0xfc, 0x7c, 0x2f, 0xbd, 0xc1,
    0x14, 0x4e, 0x49, 0xba, 0x69, 0x25, 0x70, 0x97, 0xe0, 0xcd, 0x59, 0x04, 0xa6, 0xc6, 0xd0, 0xc9,
    0x49, 0xca, 0xdc, 0x1e, 0x72, 0x46, 0x76, 0xb2, 0x78, 0xe6, 0x55, 0xb3, 0xb7, 0xc5, 0x84, 0x5c,
    0x81, 0x9c, 0x12, 0x40, 0x9f, 0x91, 0x0f, 0xdd, 0x9b, 0x15, 0xcb, 0xe2, 0x66, 0xb7, 0xde, 0x4e,
    0xde, 0x53, 0x6f, 0xfd, 0x1c, 0x22, 0x3d, 0x51, 0x50, 0x56, 0x93, 0xbc, 0xc0, 0xe6, 0x4a, 0xba,
    0x79, 0x28, 0xf8, 0x68, 0x1f, 0x05, 0x73, 0xa8, 0xbe, 0x7c, 0x61, 0x3d, 0x6b, 0x02, 0x31, 0x58,
    0x9d, 0x48, 0x22, 0x5e, 0x90, 0x5a, 0x03, 0x50, 0x77, 0x6f, 0x30, 0x31, 0xa3, 0xda, 0x09, 0x67,
    0x45, 0x89, 0x92, 0xc5, 0xcc, 0xc4, 0x91, 0x7f, 0x39, 0xb7, 0x3c, 0x5a, 0x7d, 0xf4, 0x2c, 0xfc,
    0xbe, 0x2a, 0x91, 0xba, 0x09, 0x9c, 0xe0, 0x6c, 0x0f, 0x53, 0x33, 0x0c, 0x98, 0x9a, 0xed, 0x28,
    0xd2, 0x1f, 0xe1, 0x46, 0x03, 0x38, 0x34, 0x45, 0xdf, 0xfb, 0x9f, 0xa0, 0x9e, 0xe4, 0xac, 0xff,
    0xf4, 0xb3, 0x30, 0x3c, 0xde, 0x09, 0xac, 0x2c, 0xb4, 0xbd, 0x6d, 0x6d, 0xd4, 0x47, 0xe1, 0x1a,
    0x1c, 0x5b, 0x75, 0x0f, 0x97, 0x30, 0xe6, 0xe0, 0x8e, 0x15, 0x22, 0xee, 0x3a, 0xf1, 0x56, 0x1f,
    0xc4, 0x6c, 0x0b, 0xf2, 0x28, 0xcd, 0x9d, 0x56, 0x58, 0x92, 0xd2, 0xa0, 0x80, 0x43, 0x67, 0xa3,
    0x21, 0x49, 0xab, 0x9e, 0x45, 0xe0, 0x4a, 0xa9, 0x15, 0x93, 0x0a, 0x06, 0x33, 0x0e, 0x67, 0xd3,
    0x8f, 0x30, 0xf2, 0xd5, 0xa2, 0x9b, 0xe1, 0xd6, 0x62, 0x0b, 0x5f, 0x18, 0x33, 0xa1, 0x58, 0xf1,
    0x8c, 0xaa, 0xc3, 0x6c, 0x34, 0x01, 0xb7, 0x0e, 0xff, 0xab, 0x0b, 0x51, 0xae, 0x12, 0x3b, 0x00,
    0xfb, 0x3b, 0xbe, 0xf3, 0x72, 0x14, 0x58, 0x7b, 0x10, 0x00, 0x1e, 0x84, 0xbf, 0x0c, 0xa2, 0x02,
    0x14, 0x14, 0xee, 0x8b, 0x5b, 0x80, 0xe3, 0xbc, 0x5f, 0xa7, 0xc8, 0x61, 0x7c, 0xda, 0xfd, 0xab,
    0x40, 0x23, 0x8b, 0xa2, 0x4c, 0x58, 0x33, 0xd3, 0x4e, 0xab, 0x06, 0x7f, 0x92, 0xc7, 0xc0, 0x4d,
    0xa4, 0x9e, 0xe4, 0x77, 0x2c, 0xb4, 0xed, 0x20, 0x83, 0x81, 0x37, 0xcf, 0xcf, 0xe3, 0x7e, 0xd4,
    0x66, 0x79, 0x5f, 0x3b, 0x47, 0x90, 0x90, 0x0a, 0xb6, 0xdb, 0x3c, 0x16, 0x5a, 0x23, 0x06, 0x56,
    0xa0, 0x7e, 0xba, 0x2c, 0x7c, 0xff, 0x52, 0x2c, 0xf5, 0xf4, 0xd7, 0xb2, 0xf9, 0xf7, 0x9e, 0x50,
    0x59, 0x79, 0x96, 0x88, 0xa7, 0x0c, 0x66, 0x5b, 0x13, 0xf5, 0xa1, 0x27, 0xb3, 0xab, 0xb4, 0xcc,
    0x3a, 0xcb, 0x32, 0xa4, 0x4c, 0x2a, 0xcd, 0x99, 0xd1, 0xde, 0xf3, 0x5a, 0x9d, 0x12, 0x4e, 0x2e,
    0x16, 0x82, 0xe2, 0xee, 0x91, 0x98, 0x3d, 0xe2, 0x75, 0x13, 0xf8, 0xeb, 0x81, 0xbe, 0xa1, 0xf3,
    0xad, 0xcf, 0xdd, 0x30, 0xd2, 0x4e, 0x9b, 0xdb, 0x65, 0xc3, 0x8c, 0xd0, 0xd1, 0xc2, 0x1c, 0x96,
    0x85, 0x6f, 0x4f, 0x37, 0x2c, 0xd2, 0x08, 0xf0, 0x84, 0xe7, 0x7e, 0x3b, 0x24, 0x6d, 0x72, 0x1b,
    0x22, 0x2a, 0xc6, 0x30, 0xdb, 0x45, 0xdc, 0x09, 0x93, 0xeb, 0xab, 0x6e, 0x78, 0xd3, 0xd9, 0xd8,
    0x4a, 0xb3, 0xb6, 0x34, 0xb0, 0xec, 0xab, 0x98, 0xad, 0xac, 0xb8, 0x75, 0x69, 0x02, 0x58, 0x8e,
    0xa0, 0xe8, 0x46, 0x49, 0xcb, 0xfa, 0x24, 0x59, 0xa8, 0xbe, 0x1a, 0x08, 0xf7, 0x9e, 0xe0, 0x57,
    0x51, 0x79, 0xa8, 0xd2, 0x41, 0x35, 0xbc, 0x8b, 0xad, 0xd4, 0x62, 0x3e, 0x4a, 0x9d, 0x16, 0x80,
    0xe8, 0xdd, 0xe1, 0xec, 0x92, 0xf8, 0x4a, 0x6b, 0xea, 0x07, 0x5e, 0xe9, 0xac, 0xcf, 0x3c, 0xb1,
    0x5f, 0xe9, 0x5e, 0xe1, 0xc6, 0xba, 0xe7, 0x89, 0xdf, 0xb3, 0xc2, 0x69, 0x00, 0x13, 0xfa, 0x5c,
    0xf6, 0xc9, 0x8f, 0xe6, 0xa9, 0x07, 0x09, 0x4c, 0x40, 0x18, 0xd4, 0xe4, 0x27, 0xe9, 0xa2, 0x73,
    0x9b, 0x8a, 0x24, 0xb9, 0x74, 0xe8, 0x7b, 0x40, 0xbd, 0x83, 0xe4, 0x39, 0xc6, 0xd6, 0x81, 0x9e,
    0xf8, 0xc0, 0x7b, 0xec, 0xff, 0x16, 0xca, 0x72, 0xc0, 0x77, 0xfe, 0x6f, 0x68, 0x62, 0x09, 0x4a,
    0x95, 0x07, 0x35, 0x55, 0x3c, 0xc2, 0x2e, 0xd7, 0xaf, 0x13, 0x2c, 0xf3, 0x40, 0xca, 0xd2, 0x97,
    0xba, 0x97, 0xe6, 0xb2, 0x3b, 0xf1, 0xb1, 0xce, 0x72, 0x86, 0xfc, 0x21, 0x7e, 0x82, 0xf7, 0x31,
    0xe4, 0xae, 0xff, 0xcc, 0x61, 0xbe, 0xa0, 0x0b, 0x0e, 0x6d, 0x52, 0x9b, 0xf7, 0x87, 0x5e, 0x0e,
    0xbb, 0xc7, 0x00, 0x69, 0xa8, 0x33, 0xa7, 0xa8, 0xae, 0x79, 0x12, 0x2e, 0xdc, 0x7f, 0x72, 0x4d,
    0x59, 0x6c, 0xa3, 0x28, 0x85, 0xe6, 0x2d, 0x2d, 0xfc, 0x9f, 0x06, 0xc4, 0x6f, 0x2b, 0x4b, 0x66,
    0x44, 0x86, 0x00, 0x45, 0xda, 0xb1, 0x5f, 0x48, 0xa5, 0xcf, 0x2c, 0xa1, 0xaf, 0x0a, 0x96, 0xe3,
    0xf0, 0xa9, 0x72, 0x86, 0x42, 0x3e, 0x24, 0x4c, 0x6f, 0x0f, 0x9f, 0x73, 0x46, 0xfe, 0xb3, 0x01,
    0x91, 0xef, 0xb1, 0xb2, 0x88, 0xdb, 0x87, 0xe8, 0xe4, 0xd2, 0x49, 0x04, 0xb8, 0xde, 0x97, 0xd8,
    0x43, 0x73, 0x15, 0x86, 0xc6, 0xa2, 0x27, 0x22, 0xc0, 0x45, 0xee, 0xef, 0x72, 0x9c, 0xc6, 0x36,
    0x42, 0x99, 0xf3, 0xb0, 0xc7, 0xa0, 0x0a, 0x91, 0xa7, 0x0b, 0xf7, 0xcc, 0xed, 0xdf, 0x93, 0xde,
    0x3a, 0x90, 0xba, 0xcc, 0xd5, 0x7d, 0x22, 0xa6, 0x6b, 0xf6, 0xfe, 0xc9, 0x42, 0x8c, 0x18, 0x2d,
    0x28, 0xc0, 0xf8, 0x82, 0x1e, 0xad, 0xc1, 0x98, 0xe3, 0xbe, 0x69, 0x37, 0x32, 0xf7, 0xac, 0x30,
    0x1f, 0x50, 0xc5, 0x38, 0x54, 0x4b, 0xb6, 0xf6, 0x17, 0xb0, 0xfa, 0x99, 0x7f, 0x9f, 0xa6, 0xe6,
    0x49, 0xbc, 0x8f, 0xfd, 0x6b, 0x4e, 0x22, 0x0a, 0x8c, 0xfc, 0x86, 0xbc, 0x0a, 0x1c, 0x65, 0x47,
    0x28, 0x11, 0xde, 0xf0, 0xf2, 0x12, 0x0f, 0x3f, 0xb9, 0x00, 0x66, 0x53, 0xcf, 0x6c, 0xd0, 0x91,
    0xec, 0xbd, 0xb2, 0x97, 0xa2, 0xc4, 0x28, 0xd2, 0x1d, 0x3e, 0xc7, 0xe0, 0x39, 0xdf, 0x0d, 0x64,
    0x66, 0x53, 0x6e, 0x8e, 0xf5, 0xb2, 0x20, 0xbb, 0x1b, 0x5f, 0xfe,
};

static ID3D11Device *device;
static ID3D11DeviceContext *context;
static ID3D11VideoDevice *video_device;
static ID3D11VideoContext *video_context;
static ID3D11VideoContext1 *video_context1;
static ID3D11VideoContext3 *video_context3;
static struct drm_client *client;
static uint8_t session_key[16];
/* decoders[0] is clear, decoders[1] is bound to the DRM client's crypto session. */
static ID3D11VideoDecoder *decoders[2];
/* Per decoder: four slices of its own texture (the bound decoder's become protected at the
 * first DecoderBeginFrame), then views shared by both: two slices of a HW_PROTECTED texture,
 * a view of a texture smaller than the decoders and an H.264 view. */
static ID3D11VideoDecoderOutputView *own_views[2][4];
static ID3D11VideoDecoderOutputView *shared_views[4];
static uint64_t next_iv;
static bool verbose;
static UINT picture_number;
static ID3D11Query *event;

static void quiet(void *context, enum vkdva_log_level level, const char *message)
{
}

static ID3D11Texture2D *create_texture(UINT width, UINT height, UINT array_size, UINT misc_flags)
{
    D3D11_TEXTURE2D_DESC desc =
    {
        .Width = width,
        .Height = height,
        .MipLevels = 1,
        .ArraySize = array_size,
        .Format = DXGI_FORMAT_NV12,
        .SampleDesc = {1, 0},
        .Usage = D3D11_USAGE_DEFAULT,
        .BindFlags = D3D11_BIND_DECODER,
        .MiscFlags = misc_flags,
    };
    ID3D11Texture2D *texture;

    if (FAILED(ID3D11Device_CreateTexture2D(device, &desc, NULL, &texture)))
        abort();
    return texture;
}

static ID3D11VideoDecoderOutputView *create_view(ID3D11Texture2D *texture, const GUID *profile, UINT slice)
{
    D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC desc = {0};
    ID3D11VideoDecoderOutputView *view;

    desc.DecodeProfile = *profile;
    desc.ViewDimension = D3D11_VDOV_DIMENSION_TEXTURE2D;
    desc.Texture2D.ArraySlice = slice;
    if (FAILED(ID3D11VideoDevice_CreateVideoDecoderOutputView(video_device, (ID3D11Resource *)texture, &desc, &view)))
        abort();
    return view;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    D3D11_QUERY_DESC query_desc = {D3D11_QUERY_EVENT, 0};
    D3D11_VIDEO_DECODER_CONFIG config = {0};
    D3D11_VIDEO_DECODER_DESC desc = {0};
    ID3D11Texture2D *texture;
    unsigned int i, j;

    /* VKDVA_FUZZ_LOG=1 keeps vkdva's log (VKDVA_DEBUG), to see where an input goes. */
    if (!(verbose = !!getenv("VKDVA_FUZZ_LOG")))
        vkdva_set_log_callback(quiet, NULL);
    if (FAILED(vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
        abort();
    ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ID3D11Device_GetImmediateContext(device, &context);
    ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);
    if (FAILED(ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext1, (void **)&video_context1))
            || FAILED(ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext3, (void **)&video_context3))
            || FAILED(ID3D11Device_CreateQuery(device, &query_desc, &event)))
        abort();

    desc.Guid = D3D11_DECODER_PROFILE_HEVC_VLD_MAIN;
    desc.SampleWidth = 64;
    desc.SampleHeight = 64;
    desc.OutputFormat = DXGI_FORMAT_NV12;
    if (FAILED(ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 0, &config)))
        abort();
    config.guidConfigBitstreamEncryption = D3D11_CRYPTO_TYPE_AES128_CTR;
    for (i = 0; i < 2; ++i)
    {
        if (FAILED(ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoders[i])))
            abort();
        texture = create_texture(64, 64, 4, 0);
        for (j = 0; j < 4; ++j)
            own_views[i][j] = create_view(texture, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, j);
        ID3D11Texture2D_Release(texture);
    }
    texture = create_texture(64, 64, 2, D3D11_RESOURCE_MISC_HW_PROTECTED);
    shared_views[0] = create_view(texture, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, 0);
    shared_views[1] = create_view(texture, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, 1);
    ID3D11Texture2D_Release(texture);
    texture = create_texture(32, 32, 1, 0);
    shared_views[2] = create_view(texture, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, 0);
    ID3D11Texture2D_Release(texture);
    texture = create_texture(64, 64, 1, 0);
    shared_views[3] = create_view(texture, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT, 0);
    ID3D11Texture2D_Release(texture);

    if (FAILED(drm_client_create(device, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, 0, &client))
            || FAILED(drm_client_bind(client, decoders[1])))
        abort();
    drm_client_session(client, session_key);
    return 0;
}

/* A UINT field: the expected value, or one near it, near zero, near UINT_MAX or anything. */
static uint32_t read_value(struct reader *r, uint32_t expected)
{
    uint8_t mode = read_u8(r), small = read_u8(r);

    switch (mode & 7)
    {
        case 0: return expected;
        case 1: return small;
        case 2: return expected + small;
        case 3: return expected - small;
        case 4: return UINT32_MAX - small;
        case 5: return 0x80000000u + small;
        case 6: return small * 16u;
        default: return read_u32(r);
    }
}

static D3D11_VIDEO_DECODER_BUFFER_TYPE read_type(struct reader *r)
{
    uint8_t value = read_u8(r);

    /* Mostly the four HEVC buffers, sometimes another D3D11 type or anything. */
    switch (value % 8)
    {
        case 0: return D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS;
        case 1: return D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX;
        case 2: return D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL;
        case 3: case 4: return D3D11_VIDEO_DECODER_BUFFER_BITSTREAM;
        case 5: return value >> 3 & 15;
        case 6: return (D3D11_VIDEO_DECODER_BUFFER_TYPE)(0x7fffffff - (value >> 3));
        default: return (D3D11_VIDEO_DECODER_BUFFER_TYPE)read_u32(r);
    }
}

/* A 64x64 IDR picture in one 64x64 CTB (the same as fuzz_decoder_hevc's). */
static void init_picture_params(DXVA_PicParams_HEVC *pp, unsigned int index)
{
    unsigned int i;

    memset(pp, 0, sizeof(*pp));
    pp->PicWidthInMinCbsY = 8;
    pp->PicHeightInMinCbsY = 8;
    pp->chroma_format_idc = 1;
    pp->CurrPic.Index7Bits = index;
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

/* The valid picture's bytes for a buffer type, and their size (64 for the others). */
static UINT fill_contents(D3D11_VIDEO_DECODER_BUFFER_TYPE type, uint8_t *buffer, UINT buffer_size)
{
    DXVA_Slice_HEVC_Short slice = {0, sizeof(picture_bitstream), 0};
    DXVA_Qmatrix_HEVC qm;
    DXVA_PicParams_HEVC pp;
    const void *contents;
    UINT size;

    switch (type)
    {
        case D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS:
            init_picture_params(&pp, 0);
            /* Status reports name pictures by this number; 0 names none. */
            pp.StatusReportFeedbackNumber = ++picture_number;
            contents = &pp;
            size = sizeof(pp);
            break;
        case D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX:
            memset(&qm, 16, sizeof(qm));
            contents = &qm;
            size = sizeof(qm);
            break;
        case D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL:
            contents = &slice;
            size = sizeof(slice);
            break;
        case D3D11_VIDEO_DECODER_BUFFER_BITSTREAM:
            contents = picture_bitstream;
            size = sizeof(picture_bitstream);
            break;
        default:
            contents = NULL;
            size = 64;
            break;
    }
    if (size > buffer_size)
        size = buffer_size;
    if (contents)
        memcpy(buffer, contents, size);
    else
        memset(buffer, 0, size);
    return size;
}

/* The encrypted bytes of a buffer, by the rules vkdva documents (docs/CONTENT-PROTECTION.md):
 * a D3D11_ENCRYPTED_BLOCK_INFO pattern, CENC sub-samples, or the whole buffer; all the
 * encrypted bytes form one CTR stream starting at IV || Count. */
static bool is_encrypted(size_t offset, const D3D11_ENCRYPTED_BLOCK_INFO *pattern,
        const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *subsamples, UINT subsample_count)
{
    uint64_t start = 0, period;
    UINT i;

    if (subsamples)
    {
        for (i = 0; i < subsample_count; ++i)
        {
            start += subsamples[i].ClearSize;
            if (offset < start)
                return false;
            start += subsamples[i].EncryptedSize;
            if (offset < start)
                return true;
        }
        return false;
    }
    if (!pattern)
        return true;
    if (offset < pattern->NumEncryptedBytesAtBeginning)
        return true;
    if (!pattern->NumBytesInEncryptPattern)
        return false;
    if (!pattern->NumBytesInSkipPattern)
        return true;
    period = (uint64_t)pattern->NumBytesInSkipPattern + pattern->NumBytesInEncryptPattern;
    return (offset - pattern->NumEncryptedBytesAtBeginning) % period >= pattern->NumBytesInSkipPattern;
}

static void store_be64(uint8_t *p, uint64_t value)
{
    unsigned int i;

    for (i = 0; i < 8; ++i)
        p[i] = value >> (56 - 8 * i);
}

static void encrypt(const uint8_t key[16], const uint8_t iv[16], const D3D11_ENCRYPTED_BLOCK_INFO *pattern,
        const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *subsamples, UINT subsample_count, uint8_t *data,
        size_t size)
{
    uint8_t counter[16], keystream[16];
    EVP_CIPHER_CTX *ctx;
    uint64_t count = 0, block = 0;
    size_t offset;
    unsigned int i;
    int len;

    for (i = 0; i < 8; ++i)
        block = block << 8 | iv[8 + i];
    if (!(ctx = EVP_CIPHER_CTX_new()))
        abort();
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    memcpy(counter, iv, 8);
    for (offset = 0; offset < size; ++offset)
    {
        if (!is_encrypted(offset, pattern, subsamples, subsample_count))
            continue;
        if (!(count % 16))
        {
            store_be64(counter + 8, block++);
            EVP_EncryptUpdate(ctx, keystream, &len, counter, sizeof(counter));
        }
        data[offset] ^= keystream[count++ % 16];
    }
    EVP_CIPHER_CTX_free(ctx);
}

static void ecb_encrypt(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
    EVP_CIPHER_CTX *ctx;
    int len;

    if (!(ctx = EVP_CIPHER_CTX_new()))
        abort();
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    EVP_EncryptUpdate(ctx, out, &len, in, 16);
    EVP_CIPHER_CTX_free(ctx);
}

/* What one input sets up and refers to. */
struct state
{
    unsigned int decoder;
    /* The content key of each decoder's current frame, as the target believes it to be. */
    uint8_t content_keys[2][16];
    D3D11_VIDEO_DECODER_BUFFER_DESC descs[MAX_DESCS];
    D3D11_VIDEO_DECODER_BUFFER_DESC1 descs1[MAX_DESCS];
    D3D11_VIDEO_DECODER_BUFFER_DESC2 descs2[MAX_DESCS];
    D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK subsamples[MAX_DESCS][MAX_SUBSAMPLES];
    uint8_t ivs[MAX_DESCS][16];
};

static void begin_frame(struct reader *r, struct state *s)
{
    ID3D11VideoDecoderOutputView *view;
    uint8_t key[64] = {0}, plain[16];
    uint8_t choice = read_u8(r);
    const void *key_ptr = NULL;
    unsigned int tries;
    UINT key_size = 0;

    view = choice & 8 ? shared_views[choice % 4] : own_views[s->decoder][choice % 4];
    memcpy(s->content_keys[s->decoder], session_key, 16);
    switch ((choice >> 4) % 6)
    {
        case 0: /* No key: the session key. */
            break;
        case 1: /* All zeros: the session key too. */
            key_ptr = key;
            key_size = 16;
            break;
        case 2: /* A content key wrapped with the session key. */
            read_bytes(r, plain, sizeof(plain));
            ecb_encrypt(session_key, plain, key);
            memcpy(s->content_keys[s->decoder], plain, 16);
            key_ptr = key;
            key_size = 16;
            break;
        case 3: /* Anything; vkdva unwraps it into some key. */
            read_bytes(r, key, 16);
            key_ptr = key;
            key_size = 16;
            break;
        case 4: /* A wrong size. */
            read_bytes(r, key, 16);
            key_ptr = key;
            key_size = read_u8(r) % sizeof(key);
            break;
        default: /* A size without a key. */
            key_size = 16;
            break;
    }
    /* E_PENDING while the previous decode into the view is in flight: retry, as clients do. */
    for (tries = 0; tries < 10000; ++tries)
    {
        if (ID3D11VideoContext_DecoderBeginFrame(video_context, decoders[s->decoder], view, key_size,
                key_ptr) != E_PENDING)
            break;
        usleep(100);
    }
}

static void get_buffer(struct reader *r, struct state *s)
{
    D3D11_VIDEO_DECODER_BUFFER_TYPE type = read_type(r);
    uint8_t flags = read_u8(r);
    UINT size;
    void *data;

    if (FAILED(ID3D11VideoContext_GetDecoderBuffer(video_context, decoders[s->decoder], type, &size, &data)))
        return;
    fill_contents(type, data, size);
    /* Some corruption of the contents, to vary what a bad descriptor lets through. */
    if (flags & 1)
        ((uint8_t *)data)[read_u32(r) % size] ^= read_u8(r);
    if (flags & 2)
        ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoders[s->decoder], type);
}

/* count descriptors, each from the fuzzer: type, offset, size, macroblock fields and
 * encryption information, with DESC1 copies carrying sub-samples. */
static void read_descs(struct reader *r, struct state *s, UINT count)
{
    D3D11_VIDEO_DECODER_BUFFER_DESC *desc;
    D3D11_VIDEO_DECODER_BUFFER_DESC1 *desc1;
    D3D11_VIDEO_DECODER_BUFFER_DESC2 *desc2;
    UINT i, j, expected;
    uint8_t flags;

    memset(s->descs, 0, sizeof(s->descs));
    memset(s->descs1, 0, sizeof(s->descs1));
    memset(s->descs2, 0, sizeof(s->descs2));
    for (i = 0; i < count; ++i)
    {
        desc = &s->descs[i];
        desc1 = &s->descs1[i];
        desc2 = &s->descs2[i];
        desc->BufferType = read_type(r);
        switch (desc->BufferType)
        {
            case D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS: expected = sizeof(DXVA_PicParams_HEVC); break;
            case D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX: expected = sizeof(DXVA_Qmatrix_HEVC); break;
            case D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL: expected = sizeof(DXVA_Slice_HEVC_Short); break;
            case D3D11_VIDEO_DECODER_BUFFER_BITSTREAM: expected = sizeof(picture_bitstream); break;
            default: expected = 64; break;
        }
        desc->DataOffset = read_value(r, 0);
        desc->DataSize = read_value(r, expected);
        flags = read_u8(r);
        if (flags & 1)
        {
            desc->BufferIndex = read_value(r, 0);
            desc->FirstMBaddress = read_value(r, 0);
            desc->NumMBsInBuffer = read_value(r, 16);
            desc->Width = read_value(r, 64);
            desc->Height = read_value(r, 64);
            desc->Stride = read_value(r, 64);
            desc->ReservedBits = read_value(r, 0);
        }
        if (flags & 2)
        {
            read_bytes(r, s->ivs[i], 16);
            desc->pIV = s->ivs[i];
            desc->IVSize = flags & 4 ? read_value(r, 16) : 16;
        }
        else if (flags & 4)
        {
            desc->IVSize = read_value(r, 16);
        }
        if (flags & 8)
        {
            desc->PartialEncryption = (flags & 16) ? read_u32(r) : TRUE;
            desc->EncryptedBlockInfo.NumEncryptedBytesAtBeginning = read_value(r, 16);
            desc->EncryptedBlockInfo.NumBytesInSkipPattern = read_value(r, 144);
            desc->EncryptedBlockInfo.NumBytesInEncryptPattern = read_value(r, 16);
        }
        desc1->BufferType = desc->BufferType;
        desc1->DataOffset = desc->DataOffset;
        desc1->DataSize = desc->DataSize;
        desc1->pIV = desc->pIV;
        desc1->IVSize = desc->IVSize;
        if (flags & 32)
        {
            desc1->SubSampleMappingCount = read_u8(r) % (MAX_SUBSAMPLES + 1);
            for (j = 0; j < desc1->SubSampleMappingCount; ++j)
            {
                s->subsamples[i][j].ClearSize = read_value(r, 5);
                s->subsamples[i][j].EncryptedSize = read_value(r, sizeof(picture_bitstream) - 5);
            }
            /* A count without blocks is an error vkdva must catch; blocks past the count
             * are never read. */
            desc1->pSubSampleMappingBlock = flags & 64 ? NULL : s->subsamples[i];
        }
        desc2->BufferType = desc1->BufferType;
        desc2->DataOffset = desc1->DataOffset;
        desc2->DataSize = desc1->DataSize;
        desc2->pIV = desc1->pIV;
        desc2->IVSize = desc1->IVSize;
        desc2->pSubSampleMappingBlock = desc1->pSubSampleMappingBlock;
        desc2->SubSampleMappingCount = desc1->SubSampleMappingCount;
        /* Stripe encryption ('cbcs'-style patterns in sub-samples). */
        if (flags & 128)
        {
            desc2->cBlocksStripeEncrypted = read_value(r, 1);
            desc2->cBlocksStripeClear = read_value(r, 9);
        }
    }
}

/* SubmitDecoderBuffers, SubmitDecoderBuffers1 or SubmitDecoderBuffers2. */
static void submit(struct reader *r, struct state *s, unsigned int version)
{
    uint8_t choice = read_u8(r);
    UINT count = choice % (MAX_DESCS + 1);

    read_descs(r, s, count ? count : 1);
    /* A zero count or no array at all must be refused. */
    if (choice & 0x80)
        count = 0;
    if (version == 2)
        ID3D11VideoContext3_SubmitDecoderBuffers2(video_context3, decoders[s->decoder], count,
                (choice & 0x40) ? NULL : s->descs2);
    else if (version == 1)
        ID3D11VideoContext1_SubmitDecoderBuffers1(video_context1, decoders[s->decoder], count,
                (choice & 0x40) ? NULL : s->descs1);
    else
        ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoders[s->decoder], count,
                (choice & 0x40) ? NULL : s->descs);
}

/* The valid picture: every buffer obtained, filled and released, the bitstream possibly
 * encrypted with the fuzzer's IV and pattern or sub-samples, then submitted. */
static void submit_picture(struct reader *r, struct state *s)
{
    static const D3D11_VIDEO_DECODER_BUFFER_TYPE types[] =
    {
        D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS,
        D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL,
        D3D11_VIDEO_DECODER_BUFFER_BITSTREAM,
        D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX,
    };
    ID3D11VideoDecoder *decoder = decoders[s->decoder];
    uint8_t choice = read_u8(r), *data = NULL;
    UINT i, j, size, count = choice & 1 ? 4 : 3;
    D3D11_VIDEO_DECODER_BUFFER_DESC *desc;
    D3D11_VIDEO_DECODER_BUFFER_DESC1 *desc1;
    void *buffer;

    memset(s->descs, 0, sizeof(s->descs));
    memset(s->descs1, 0, sizeof(s->descs1));
    for (i = 0; i < count; ++i)
    {
        desc = &s->descs[i];
        desc->BufferType = s->descs1[i].BufferType = types[i];
        if (FAILED(ID3D11VideoContext_GetDecoderBuffer(video_context, decoder, types[i], &size, &buffer)))
            continue;
        desc->DataSize = s->descs1[i].DataSize = fill_contents(types[i], buffer, size);
        if (types[i] == D3D11_VIDEO_DECODER_BUFFER_BITSTREAM)
            data = buffer;
        ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoder, types[i]);
    }
    desc = &s->descs[2];
    desc1 = &s->descs1[2];
    if ((choice & 6) && data)
    {
        store_be64(s->ivs[0], next_iv++);
        store_be64(s->ivs[0] + 8, read_u8(r));
        desc->pIV = desc1->pIV = s->ivs[0];
        desc->IVSize = desc1->IVSize = 16;
        switch ((choice >> 1) & 3)
        {
            case 1:
                encrypt(s->content_keys[s->decoder], s->ivs[0], NULL, NULL, 0, data, desc->DataSize);
                break;
            case 2:
                desc->PartialEncryption = TRUE;
                desc->EncryptedBlockInfo.NumEncryptedBytesAtBeginning = read_value(r, 16);
                desc->EncryptedBlockInfo.NumBytesInSkipPattern = read_value(r, 144);
                desc->EncryptedBlockInfo.NumBytesInEncryptPattern = read_value(r, 16);
                encrypt(s->content_keys[s->decoder], s->ivs[0], &desc->EncryptedBlockInfo, NULL, 0, data,
                        desc->DataSize);
                break;
            case 3:
                desc1->SubSampleMappingCount = 1 + read_u8(r) % MAX_SUBSAMPLES;
                for (j = 0; j < desc1->SubSampleMappingCount; ++j)
                {
                    s->subsamples[0][j].ClearSize = read_value(r, 5);
                    s->subsamples[0][j].EncryptedSize = read_value(r, sizeof(picture_bitstream) - 5);
                }
                desc1->pSubSampleMappingBlock = s->subsamples[0];
                encrypt(s->content_keys[s->decoder], s->ivs[0], NULL, s->subsamples[0],
                        desc1->SubSampleMappingCount, data, desc->DataSize);
                break;
        }
    }
    if (((choice >> 1) & 3) == 3 || (choice & 8))
        ID3D11VideoContext1_SubmitDecoderBuffers1(video_context1, decoder, count, s->descs1);
    else
        ID3D11VideoContext_SubmitDecoderBuffers(video_context, decoder, count, s->descs);
}

static void decoder_extension(struct reader *r, struct state *s)
{
    D3D11_VIDEO_DECODER_EXTENSION ext = {0};
    uint8_t status[64 * sizeof(DXVA_Status_HEVC)];
    uint8_t choice = read_u8(r);

    ext.Function = choice & 1 ? read_u32(r) : 7;
    ext.pPrivateOutputData = choice & 2 ? NULL : status;
    ext.PrivateOutputDataSize = read_u8(r) * sizeof(status) / 255;
    ext.ResourceCount = choice & 4 ? read_u8(r) : 0;
    ID3D11VideoContext_DecoderExtension(video_context, decoders[s->decoder], &ext);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct reader r = {data, size};
    struct state s;
    unsigned int i, j, tries;

    memset(&s, 0, sizeof(s));
    s.decoder = read_u8(&r) & 1;
    for (i = 0; i < MAX_OPS && r.size; ++i)
    {
        switch (read_u8(&r) % 10)
        {
            case 0:
                begin_frame(&r, &s);
                break;
            case 1:
                get_buffer(&r, &s);
                break;
            case 2:
                ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoders[s.decoder], read_type(&r));
                break;
            case 3:
                submit(&r, &s, 0);
                break;
            case 4:
                submit(&r, &s, 1 + (read_u8(&r) & 1));
                break;
            case 5:
                submit_picture(&r, &s);
                break;
            case 6:
                ID3D11VideoContext_DecoderEndFrame(video_context, decoders[s.decoder]);
                break;
            case 7:
                decoder_extension(&r, &s);
                break;
            case 8:
                s.decoder ^= 1;
                break;
            case 9:
                /* Begin, the valid picture, End: most inputs should decode something. */
                begin_frame(&r, &s);
                submit_picture(&r, &s);
                ID3D11VideoContext_DecoderEndFrame(video_context, decoders[s.decoder]);
                break;
        }
    }

    /* Leave both decoders as an input found them: no frame open, no buffer held, no status
     * report kept. */
    for (i = 0; i < 2; ++i)
    {
        D3D11_VIDEO_DECODER_EXTENSION ext = {0};
        uint8_t status[64 * sizeof(DXVA_Status_HEVC)];

        ID3D11VideoContext_DecoderEndFrame(video_context, decoders[i]);
        for (j = 0; j <= D3D11_VIDEO_DECODER_BUFFER_FILM_GRAIN; ++j)
            ID3D11VideoContext_ReleaseDecoderBuffer(video_context, decoders[i], j);
        ext.Function = 7;
        ext.pPrivateOutputData = status;
        ext.PrivateOutputDataSize = sizeof(status);
        if (SUCCEEDED(ID3D11VideoContext_DecoderExtension(video_context, decoders[i], &ext)) && verbose)
        {
            const DXVA_Status_HEVC *reports = (const DXVA_Status_HEVC *)status;

            for (j = 0; j < 64 && reports[j].StatusReportFeedbackNumber; ++j)
                fprintf(stderr, "Decoder %u: report %u, status %u.\n", i, reports[j].StatusReportFeedbackNumber,
                        reports[j].bStatus);
        }
    }
    /* The GPU and the software decoder finish everything: retired work is freed within the
     * input, so that leak detection sees what one input leaves behind. */
    ID3D11DeviceContext_End(context, (ID3D11Asynchronous *)event);
    for (tries = 0; tries < 100000; ++tries)
    {
        if (ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)event, NULL, 0, 0) != S_FALSE)
            break;
        usleep(50);
    }
    return 0;
}
