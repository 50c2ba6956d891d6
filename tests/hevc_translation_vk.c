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

/* vkdva's side of the HEVC translation test: the codec file's prepare_vk/prepare_sw as the
 * backends call them, without a device. */

#include <initguid.h>
#include "decoder.h"
#include "hevc_translation.h"

/* decoder_hevc.c's only dependency outside the codec files. */
const char *debug_dxgi_format(DXGI_FORMAT format)
{
    return format == DXGI_FORMAT_P010 ? "DXGI_FORMAT_P010" : "DXGI_FORMAT_NV12";
}

struct shim_state
{
    void *codec;
    struct d3d11_texture2d *texture;
    struct vkdva_bytes parameter_sets, slices;
    uint8_t *prefixes;
    size_t prefixes_size;
};

static struct shim_state *shim_get(void **state, const struct hevc_translation_input *input,
        struct vkdva_decode_frame *frame)
{
    struct shim_state *s;

    if (!(s = *state))
    {
        if (!(s = vkdva_calloc(1, sizeof(*s))) || !(s->texture = vkdva_calloc(1, sizeof(*s->texture))))
        {
            vkdva_free(s);
            return NULL;
        }
        *state = s;
    }
    s->texture->desc.Format = input->p010 ? DXGI_FORMAT_P010 : DXGI_FORMAT_NV12;
    s->texture->desc.Width = input->width;
    s->texture->desc.Height = input->height;
    memset(frame, 0, sizeof(*frame));
    frame->picture_params = input->picture_params;
    frame->picture_params_size = input->picture_params_size;
    frame->qmatrix = input->qmatrix;
    frame->qmatrix_size = input->qmatrix_size;
    frame->slice_control = input->slice_control;
    frame->slice_control_size = input->slice_control_size;
    frame->bitstream = input->bitstream;
    frame->bitstream_size = input->bitstream_size;
    frame->output = s->texture;
    frame->max_width = input->width;
    frame->max_height = input->height;
    return s;
}

static const struct vkdva_codec_ops *shim_codec(const struct hevc_translation_input *input)
{
    return input->p010 ? &vkdva_hevc_main10_ops : &vkdva_hevc_main_ops;
}

/* The Vulkan side sees the bitstream as it does when the Vulkan Video backend decrypts an
 * encrypted one on the GPU (decoder.c): only the first vk_slice_header_bytes of each slice
 * are plaintext, the rest is noise here, and the translation must come out the same. */
static HRESULT shim_header_prefixes(struct shim_state *s, const struct vkdva_codec_ops *codec,
        struct vkdva_decode_frame *frame)
{
    const DXVA_Slice_HEVC_Short *sc = frame->slice_control;
    size_t i, count = frame->slice_control_size / sizeof(*sc), location, size;

    if (!vkdva_array_reserve((void **)&s->prefixes, &s->prefixes_size, frame->bitstream_size + 1, 1))
        return E_OUTOFMEMORY;
    for (i = 0; i < frame->bitstream_size; ++i)
        s->prefixes[i] = 0xa5 ^ (uint8_t)(i * 7);
    for (i = 0; i < count; ++i)
    {
        location = sc[i].BSNALunitDataLocation;
        if (location >= frame->bitstream_size)
            continue;
        size = sc[i].SliceBytesInBuffer;
        if (size > frame->bitstream_size - location)
            size = frame->bitstream_size - location;
        if (size > codec->vk_slice_header_bytes)
            size = codec->vk_slice_header_bytes;
        memcpy(s->prefixes + location, frame->bitstream + location, size);
    }
    frame->bitstream = s->prefixes;
    frame->slice_header_limit = codec->vk_slice_header_bytes;
    return S_OK;
}

long hevc_translation_vk(void **state, const struct hevc_translation_input *input, struct hevc_translation_vk *vk)
{
    const struct vkdva_codec_ops *codec = shim_codec(input);
    const VkVideoDecodeH265SessionParametersAddInfoKHR *add;
    struct vkdva_vk_picture picture = {0};
    int slots[VKDVA_MAX_VK_REFERENCES];
    struct vkdva_decode_frame frame;
    struct shim_state *s;
    unsigned int i;
    HRESULT hr;

    memset(vk, 0, sizeof(*vk));
    if (!(s = shim_get(state, input, &frame)))
        return E_OUTOFMEMORY;
    if (FAILED(hr = shim_header_prefixes(s, codec, &frame)))
        return hr;
    if (FAILED(hr = codec->prepare_vk(&s->codec, &frame, 1, &picture)))
        goto done;
    for (i = 0; i < picture.ref_count; ++i)
        slots[i] = i;
    if (codec->resolve_vk_slots)
        codec->resolve_vk_slots(s->codec, slots);

    if ((add = picture.parameters_add_info))
    {
        vk->vps = add->stdVPSCount ? add->pStdVPSs : NULL;
        vk->sps = add->stdSPSCount ? add->pStdSPSs : NULL;
        vk->pps = add->stdPPSCount ? add->pStdPPSs : NULL;
    }
    vk->reset = picture.parameters_reset;
    vk->picture = picture.picture_info;
    vk->ref_count = picture.ref_count;
    for (i = 0; i < picture.ref_count && i < HEVC_TRANSLATION_MAX_REFS; ++i)
    {
        vk->refs[i] = ((const VkVideoDecodeH265DpbSlotInfoKHR *)picture.refs[i].slot_info)->pStdReferenceInfo;
        vk->ref_surfaces[i] = picture.refs[i].surface;
    }
    vk->setup = ((const VkVideoDecodeH265DpbSlotInfoKHR *)picture.setup_slot_info)->pStdReferenceInfo;
    vk->surface = picture.surface;
    vk->slice_count = picture.slice_count;
    for (i = 0; i < picture.slice_count && i < ARRAY_SIZE(vk->slice_offsets); ++i)
    {
        vk->slice_offsets[i] = picture.slices[i].offset;
        vk->slice_sizes[i] = picture.slices[i].size;
    }

done:
    vkdva_free(picture.slices);
    return hr;
}

long hevc_translation_sw(void **state, const struct hevc_translation_input *input, struct hevc_translation_sw *sw)
{
    const struct vkdva_codec_ops *codec = shim_codec(input);
    struct vkdva_sw_picture picture = {0};
    struct vkdva_decode_frame frame;
    const uint8_t *slice_data;
    struct shim_state *s;
    HRESULT hr;
    size_t i;

    memset(sw, 0, sizeof(*sw));
    if (!(s = shim_get(state, input, &frame)))
        return E_OUTOFMEMORY;
    if (FAILED(hr = codec->prepare_sw(&s->codec, &frame, 1, &picture)))
        goto done;
    /* As decoder_sw.c assembles the packet. */
    s->parameter_sets.count = s->slices.count = 0;
    slice_data = picture.slice_data ? picture.slice_data : input->bitstream;
    if (picture.parameter_sets.count
            && !vkdva_bytes_append(&s->parameter_sets, picture.parameter_sets.data, picture.parameter_sets.count))
        hr = E_OUTOFMEMORY;
    for (i = 0; i < picture.slice_count && SUCCEEDED(hr); ++i)
    {
        if (!vkdva_bytes_append(&s->slices, slice_data + picture.slices[i].offset, picture.slices[i].size))
            hr = E_OUTOFMEMORY;
    }
    sw->parameter_sets = s->parameter_sets.data;
    sw->parameter_sets_size = s->parameter_sets.count;
    sw->slices = s->slices.data;
    sw->slices_size = s->slices.count;

done:
    vkdva_free(picture.parameter_sets.data);
    vkdva_free(picture.slices);
    return hr;
}

static void shim_free(struct shim_state *s, bool vk)
{
    if (!s)
        return;
    if (s->codec)
    {
        if (vk)
            vkdva_hevc_main_ops.free_vk_state(s->codec);
        else
            vkdva_hevc_main_ops.free_state(s->codec);
    }
    vkdva_free(s->parameter_sets.data);
    vkdva_free(s->slices.data);
    vkdva_free(s->prefixes);
    vkdva_free(s->texture);
    vkdva_free(s);
}

void hevc_translation_free(void *vk_state, void *sw_state)
{
    shim_free(vk_state, true);
    shim_free(sw_state, false);
}
