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

#include "d3d11va.h"
#include "protected.h"
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
# include <windows.h>
#else
# include <unistd.h>
#endif

/* How long DecoderBeginFrame may keep answering E_PENDING, in 1 ms waits. */
#define D3D11VA_MAX_PENDING_WAITS 10000u

struct d3d11va
{
    ID3D11Device *device;
    ID3D11DeviceContext *context;
    ID3D11VideoDevice *video_device;
    ID3D11VideoContext *video_context;

    struct codec_sequence sequence;
    ID3D11VideoDecoder *decoder;
    ID3D11Texture2D *texture;
    ID3D11Texture2D *staging;
    ID3D11VideoDecoderOutputView **views;
    unsigned int view_count;

    uint8_t *frame;
    size_t frame_size;

    /* --protected: the DRM client, protected surfaces read back through EncryptionBlt. */
    bool protected;
    unsigned int refresh_every;
    enum drm_encryption encryption;
    struct drm_client *drm;
    d3d11va_protected_reader read_protected;
};

static void release_decoder(struct d3d11va *va)
{
    unsigned int i;

    for (i = 0; i < va->view_count; ++i)
    {
        if (va->views[i])
            ID3D11VideoDecoderOutputView_Release(va->views[i]);
    }
    free(va->views);
    va->views = NULL;
    va->view_count = 0;
    if (va->staging)
        ID3D11Texture2D_Release(va->staging);
    va->staging = NULL;
    if (va->texture)
        ID3D11Texture2D_Release(va->texture);
    va->texture = NULL;
    if (va->decoder)
        ID3D11VideoDecoder_Release(va->decoder);
    va->decoder = NULL;
    if (va->drm)
        drm_client_destroy(va->drm);
    va->drm = NULL;
    free(va->frame);
    va->frame = NULL;
}

HRESULT d3d11va_create(ID3D11Device *device, struct d3d11va **out)
{
    struct d3d11va *va;
    HRESULT hr;

    if (!(va = calloc(1, sizeof(*va))))
        return E_OUTOFMEMORY;
    va->device = device;
    ID3D11Device_AddRef(device);
    if (FAILED(hr = ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&va->video_device)))
    {
        fprintf(stderr, "The device has no ID3D11VideoDevice, hr %#x.\n", (unsigned int)hr);
        goto fail;
    }
    ID3D11Device_GetImmediateContext(device, &va->context);
    if (FAILED(hr = ID3D11DeviceContext_QueryInterface(va->context, &IID_ID3D11VideoContext,
            (void **)&va->video_context)))
    {
        fprintf(stderr, "The immediate context has no ID3D11VideoContext, hr %#x.\n", (unsigned int)hr);
        goto fail;
    }
    *out = va;
    return S_OK;

fail:
    d3d11va_destroy(va);
    return hr;
}

void d3d11va_enable_protection(struct d3d11va *va, unsigned int refresh_every)
{
    va->protected = true;
    va->refresh_every = refresh_every;
}

void d3d11va_set_protected_reader(struct d3d11va *va, d3d11va_protected_reader reader)
{
    va->read_protected = reader;
}

void d3d11va_set_encryption(struct d3d11va *va, enum drm_encryption encryption)
{
    va->encryption = encryption;
}

void d3d11va_destroy(struct d3d11va *va)
{
    release_decoder(va);
    if (va->video_context)
        ID3D11VideoContext_Release(va->video_context);
    if (va->context)
        ID3D11DeviceContext_Release(va->context);
    if (va->video_device)
        ID3D11VideoDevice_Release(va->video_device);
    ID3D11Device_Release(va->device);
    free(va);
}

static HRESULT check_profile(struct d3d11va *va, const struct codec_sequence *sequence)
{
    unsigned int i, count;
    BOOL supported;
    GUID profile;
    HRESULT hr;

    count = ID3D11VideoDevice_GetVideoDecoderProfileCount(va->video_device);
    for (i = 0; i < count; ++i)
    {
        if (FAILED(hr = ID3D11VideoDevice_GetVideoDecoderProfile(va->video_device, i, &profile)))
            return hr;
        if (IsEqualGUID(&profile, sequence->profile))
            break;
    }
    if (i == count)
    {
        fprintf(stderr, "The device does not offer %s.\n", sequence->profile_name);
        return E_NOTIMPL;
    }
    supported = FALSE;
    if (FAILED(hr = ID3D11VideoDevice_CheckVideoDecoderFormat(va->video_device, sequence->profile,
            sequence->format, &supported)) || !supported)
    {
        fprintf(stderr, "%s cannot output format %u, hr %#x.\n", sequence->profile_name,
                (unsigned int)sequence->format, (unsigned int)hr);
        return FAILED(hr) ? hr : E_NOTIMPL;
    }
    return S_OK;
}

static HRESULT create_textures(struct d3d11va *va, const struct codec_sequence *sequence)
{
    D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC view_desc;
    D3D11_TEXTURE2D_DESC texture_desc;
    unsigned int i;
    HRESULT hr;

    memset(&texture_desc, 0, sizeof(texture_desc));
    texture_desc.Width = sequence->width;
    texture_desc.Height = sequence->height;
    texture_desc.MipLevels = 1;
    texture_desc.ArraySize = sequence->surface_count;
    texture_desc.Format = sequence->format;
    texture_desc.SampleDesc.Count = 1;
    texture_desc.Usage = D3D11_USAGE_DEFAULT;
    texture_desc.BindFlags = D3D11_BIND_DECODER;
    if (va->protected)
        texture_desc.MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED;
    if (FAILED(hr = ID3D11Device_CreateTexture2D(va->device, &texture_desc, NULL, &va->texture)))
    {
        fprintf(stderr, "Cannot create a %ux%u texture array of %u surfaces, hr %#x.\n", sequence->width,
                sequence->height, sequence->surface_count, (unsigned int)hr);
        return hr;
    }

    /* EncryptionBlt reads a whole texture: its staging texture has every slice. */
    texture_desc.ArraySize = va->protected ? sequence->surface_count : 1;
    texture_desc.Usage = D3D11_USAGE_STAGING;
    texture_desc.BindFlags = 0;
    texture_desc.MiscFlags = 0;
    texture_desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
    if (FAILED(hr = ID3D11Device_CreateTexture2D(va->device, &texture_desc, NULL, &va->staging)))
    {
        fprintf(stderr, "Cannot create a staging texture, hr %#x.\n", (unsigned int)hr);
        return hr;
    }

    if (!(va->views = calloc(sequence->surface_count, sizeof(*va->views))))
        return E_OUTOFMEMORY;
    va->view_count = sequence->surface_count;
    for (i = 0; i < sequence->surface_count; ++i)
    {
        memset(&view_desc, 0, sizeof(view_desc));
        view_desc.DecodeProfile = *sequence->profile;
        view_desc.ViewDimension = D3D11_VDOV_DIMENSION_TEXTURE2D;
        view_desc.Texture2D.ArraySlice = i;
        if (FAILED(hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(va->video_device,
                (ID3D11Resource *)va->texture, &view_desc, &va->views[i])))
        {
            fprintf(stderr, "Cannot create the output view of slice %u, hr %#x.\n", i, (unsigned int)hr);
            return hr;
        }
    }
    return S_OK;
}

HRESULT d3d11va_configure(struct d3d11va *va, const struct codec_sequence *sequence)
{
    D3D11_VIDEO_DECODER_CONFIG config, chosen;
    D3D11_VIDEO_DECODER_DESC desc;
    unsigned int i, count;
    size_t sample_size;
    bool found = false;
    HRESULT hr;

    release_decoder(va);
    va->sequence = *sequence;
    if (FAILED(hr = check_profile(va, sequence)))
        return hr;

    memset(&desc, 0, sizeof(desc));
    desc.Guid = *sequence->profile;
    desc.SampleWidth = sequence->width;
    desc.SampleHeight = sequence->height;
    desc.OutputFormat = sequence->format;
    if (FAILED(hr = ID3D11VideoDevice_GetVideoDecoderConfigCount(va->video_device, &desc, &count)))
    {
        fprintf(stderr, "GetVideoDecoderConfigCount failed for %ux%u, hr %#x.\n", sequence->width,
                sequence->height, (unsigned int)hr);
        return hr;
    }
    /* The codecs fill the short slice format: ConfigBitstreamRaw 1. */
    for (i = 0; i < count && !found; ++i)
    {
        if (FAILED(hr = ID3D11VideoDevice_GetVideoDecoderConfig(va->video_device, &desc, i, &config)))
            return hr;
        if (config.ConfigBitstreamRaw == 1)
        {
            chosen = config;
            found = true;
        }
    }
    if (!found)
    {
        fprintf(stderr, "%s has no configuration with ConfigBitstreamRaw 1 (short slices).\n",
                sequence->profile_name);
        return E_NOTIMPL;
    }
    if (FAILED(hr = ID3D11VideoDevice_CreateVideoDecoder(va->video_device, &desc, &chosen, &va->decoder)))
    {
        fprintf(stderr, "CreateVideoDecoder failed for %ux%u, hr %#x.\n", sequence->width, sequence->height,
                (unsigned int)hr);
        return hr;
    }
    if (va->protected)
    {
        if (FAILED(hr = drm_client_create(va->device, sequence->profile, va->refresh_every, &va->drm)))
            return hr;
        if (FAILED(hr = drm_client_bind(va->drm, va->decoder)))
            return hr;
        drm_client_set_encryption(va->drm, va->encryption);
    }
    if (FAILED(hr = create_textures(va, sequence)))
        return hr;

    sample_size = sequence->bit_depth > 8 ? 2 : 1;
    va->frame_size = sample_size * ((size_t)sequence->crop_width * sequence->crop_height
            + 2 * (size_t)((sequence->crop_width + 1) / 2) * ((sequence->crop_height + 1) / 2));
    if (!(va->frame = malloc(va->frame_size)))
        return E_OUTOFMEMORY;
    return S_OK;
}

static HRESULT begin_frame(struct d3d11va *va, ID3D11VideoDecoderOutputView *view)
{
    uint8_t key[16];
    unsigned int i;
    HRESULT hr;

    if (va->drm)
        drm_client_wrapped_key(va->drm, key);
    /* E_PENDING: the surface is still in use by earlier work; try again (D3D11 docs). */
    for (i = 0; i < D3D11VA_MAX_PENDING_WAITS; ++i)
    {
        if ((hr = ID3D11VideoContext_DecoderBeginFrame(va->video_context, va->decoder, view,
                va->drm ? sizeof(key) : 0, va->drm ? key : NULL)) != E_PENDING)
            return hr;
#ifdef _WIN32
        Sleep(1);
#else
        usleep(1000);
#endif
    }
    return hr;
}

/* Buffers with CENC sub-samples go through ID3D11VideoContext1::SubmitDecoderBuffers1. */
static HRESULT submit_buffers(struct d3d11va *va, unsigned int count, const D3D11_VIDEO_DECODER_BUFFER_DESC *descs,
        const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *const *subsamples, const UINT *subsample_counts)
{
    D3D11_VIDEO_DECODER_BUFFER_DESC1 descs1[CODEC_MAX_BUFFERS];
    ID3D11VideoContext1 *video_context1;
    bool any = false;
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < count; ++i)
        any |= !!subsamples[i];
    if (!any)
        return ID3D11VideoContext_SubmitDecoderBuffers(va->video_context, va->decoder, count, descs);
    memset(descs1, 0, sizeof(descs1));
    for (i = 0; i < count; ++i)
    {
        descs1[i].BufferType = descs[i].BufferType;
        descs1[i].DataOffset = descs[i].DataOffset;
        descs1[i].DataSize = descs[i].DataSize;
        descs1[i].pIV = descs[i].pIV;
        descs1[i].IVSize = descs[i].IVSize;
        descs1[i].pSubSampleMappingBlock = (D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *)subsamples[i];
        descs1[i].SubSampleMappingCount = subsample_counts[i];
    }
    if (FAILED(hr = ID3D11VideoContext_QueryInterface(va->video_context, &IID_ID3D11VideoContext1,
            (void **)&video_context1)))
        return hr;
    hr = ID3D11VideoContext1_SubmitDecoderBuffers1(video_context1, va->decoder, count, descs1);
    ID3D11VideoContext1_Release(video_context1);
    return hr;
}

HRESULT d3d11va_decode(struct d3d11va *va, const struct codec_picture *picture)
{
    const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *subsamples[CODEC_MAX_BUFFERS] = {0};
    UINT subsample_counts[CODEC_MAX_BUFFERS] = {0};
    D3D11_VIDEO_DECODER_BUFFER_DESC descs[CODEC_MAX_BUFFERS];
    const struct codec_buffer *buffer;
    unsigned int i;
    void *data;
    HRESULT hr;
    UINT size;

    if (!va->decoder || picture->surface >= va->view_count || picture->buffer_count > CODEC_MAX_BUFFERS)
        return E_INVALIDARG;
    if (FAILED(hr = begin_frame(va, va->views[picture->surface])))
    {
        fprintf(stderr, "frame %u: DecoderBeginFrame failed, hr %#x.\n", picture->index, (unsigned int)hr);
        return hr;
    }
    memset(descs, 0, sizeof(descs));
    for (i = 0; i < picture->buffer_count; ++i)
    {
        buffer = &picture->buffers[i];
        if (FAILED(hr = ID3D11VideoContext_GetDecoderBuffer(va->video_context, va->decoder, buffer->type,
                &size, &data)))
        {
            fprintf(stderr, "frame %u: GetDecoderBuffer(%u) failed, hr %#x.\n", picture->index,
                    (unsigned int)buffer->type, (unsigned int)hr);
            goto end;
        }
        if (size < buffer->size)
        {
            fprintf(stderr, "frame %u: decoder buffer %u holds %u bytes, %u needed.\n", picture->index,
                    (unsigned int)buffer->type, size, buffer->size);
            ID3D11VideoContext_ReleaseDecoderBuffer(va->video_context, va->decoder, buffer->type);
            hr = E_OUTOFMEMORY;
            goto end;
        }
        memcpy(data, buffer->data, buffer->size);
        if (va->drm && buffer->type == D3D11_VIDEO_DECODER_BUFFER_BITSTREAM)
            drm_client_encrypt(va->drm, picture->index, data, buffer->size, &descs[i], &subsamples[i],
                    &subsample_counts[i]);
        if (FAILED(hr = ID3D11VideoContext_ReleaseDecoderBuffer(va->video_context, va->decoder, buffer->type)))
        {
            fprintf(stderr, "frame %u: ReleaseDecoderBuffer(%u) failed, hr %#x.\n", picture->index,
                    (unsigned int)buffer->type, (unsigned int)hr);
            goto end;
        }
        descs[i].BufferType = buffer->type;
        descs[i].DataOffset = 0;
        descs[i].DataSize = buffer->size;
        descs[i].NumMBsInBuffer = buffer->mb_count;
    }
    if (FAILED(hr = submit_buffers(va, picture->buffer_count, descs, subsamples, subsample_counts)))
        fprintf(stderr, "frame %u: SubmitDecoderBuffers failed, hr %#x.\n", picture->index, (unsigned int)hr);

end:
    if (FAILED(ID3D11VideoContext_DecoderEndFrame(va->video_context, va->decoder)) && SUCCEEDED(hr))
    {
        fprintf(stderr, "frame %u: DecoderEndFrame failed.\n", picture->index);
        hr = E_FAIL;
    }
    if (va->drm)
        drm_client_picture_done(va->drm);
    return hr;
}

/* Copies one plane row by row; for more than 8 bits the samples are MSB-aligned (P010/P016)
 * and become little-endian 16-bit values. */
static uint8_t *copy_plane(uint8_t *dst, const uint8_t *src, unsigned int pitch, unsigned int width,
        unsigned int height, unsigned int step, unsigned int shift, bool wide)
{
    unsigned int x, y;
    uint16_t value;

    for (y = 0; y < height; ++y, src += pitch)
    {
        if (!wide && step == 1)
        {
            memcpy(dst, src, width);
            dst += width;
            continue;
        }
        for (x = 0; x < width; ++x)
        {
            if (!wide)
            {
                *dst++ = src[x * step];
                continue;
            }
            memcpy(&value, src + 2 * x * step, 2);
            value >>= shift;
            *dst++ = value & 0xff;
            *dst++ = value >> 8;
        }
    }
    return dst;
}

HRESULT d3d11va_read_surface(struct d3d11va *va, unsigned int surface, const uint8_t **data, size_t *size)
{
    const struct codec_sequence *sequence = &va->sequence;
    unsigned int sample_size, shift, chroma_width, chroma_height;
    const uint8_t *luma, *chroma, *base;
    D3D11_MAPPED_SUBRESOURCE map;
    UINT row_pitch;
    bool wide;
    uint8_t *dst;
    HRESULT hr;

    if (!va->staging || surface >= va->view_count)
        return E_INVALIDARG;
    wide = sequence->bit_depth > 8;
    sample_size = wide ? 2 : 1;
    shift = wide ? 16 - sequence->bit_depth : 0;
    if (va->drm)
    {
        /* A protected surface: EncryptionBlt, decrypted by the client; same Map layout. */
        if (FAILED(hr = (va->read_protected ? va->read_protected : drm_client_read)(va->drm, va->texture,
                va->staging, surface, &base, &row_pitch)))
            return hr;
    }
    else
    {
        /* Array slice "surface" of a texture with one mip level is subresource "surface". */
        ID3D11DeviceContext_CopySubresourceRegion(va->context, (ID3D11Resource *)va->staging, 0, 0, 0, 0,
                (ID3D11Resource *)va->texture, surface, NULL);
        if (FAILED(hr = ID3D11DeviceContext_Map(va->context, (ID3D11Resource *)va->staging, 0, D3D11_MAP_READ, 0,
                &map)))
        {
            fprintf(stderr, "Map of the staging texture failed, hr %#x.\n", (unsigned int)hr);
            return hr;
        }
        base = map.pData;
        row_pitch = map.RowPitch;
    }
    if (row_pitch < sequence->width * sample_size)
    {
        if (!va->drm)
            ID3D11DeviceContext_Unmap(va->context, (ID3D11Resource *)va->staging, 0);
        fprintf(stderr, "Unexpected row pitch %u.\n", row_pitch);
        return E_FAIL;
    }
    /* NV12/P010 layout of a mapped texture: the interleaved chroma plane follows the luma rows. */
    luma = base + (size_t)sequence->crop_y * row_pitch + sequence->crop_x * sample_size;
    chroma = base + (size_t)sequence->height * row_pitch
            + (size_t)(sequence->crop_y / 2) * row_pitch + (sequence->crop_x / 2) * 2 * sample_size;
    chroma_width = (sequence->crop_width + 1) / 2;
    chroma_height = (sequence->crop_height + 1) / 2;
    dst = copy_plane(va->frame, luma, row_pitch, sequence->crop_width, sequence->crop_height, 1, shift, wide);
    dst = copy_plane(dst, chroma, row_pitch, chroma_width, chroma_height, 2, shift, wide);
    copy_plane(dst, chroma + sample_size, row_pitch, chroma_width, chroma_height, 2, shift, wide);
    if (!va->drm)
        ID3D11DeviceContext_Unmap(va->context, (ID3D11Resource *)va->staging, 0);
    *data = va->frame;
    *size = va->frame_size;
    return S_OK;
}

ID3D11VideoDecoder *d3d11va_get_decoder(struct d3d11va *va)
{
    return va->decoder;
}
