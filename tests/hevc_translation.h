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

/* Between the HEVC translation test (hevc_translation.c: the stream's own parameter sets and
 * vkdva-decode's DXVA filling) and vkdva's codec file (hevc_translation_vk.c, compiled with
 * libs/vkdva/decoder_hevc.c): plain types only, so that the two sides share no headers but
 * Vulkan's. */

#ifndef __VKDVA_TEST_HEVC_TRANSLATION_H
#define __VKDVA_TEST_HEVC_TRANSLATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <vulkan/vulkan.h>

#define HEVC_TRANSLATION_MAX_REFS 16u

/* One DXVA picture as a client submits it (ConfigBitstreamRaw 1). */
struct hevc_translation_input
{
    const void *picture_params;
    size_t picture_params_size;
    const void *qmatrix;
    size_t qmatrix_size;
    const void *slice_control;
    size_t slice_control_size;
    const uint8_t *bitstream;
    size_t bitstream_size;
    bool p010;
    unsigned int width, height;
};

/* What vkdva's Vulkan path made of it; the references are given DPB slots 0, 1, ... in order. */
struct hevc_translation_vk
{
    /* New parameter sets for this picture, or NULL; reset: the parameters object was recreated. */
    const StdVideoH265VideoParameterSet *vps;
    const StdVideoH265SequenceParameterSet *sps;
    const StdVideoH265PictureParameterSet *pps;
    bool reset;
    const VkVideoDecodeH265PictureInfoKHR *picture;
    unsigned int ref_count;
    const StdVideoDecodeH265ReferenceInfo *refs[HEVC_TRANSLATION_MAX_REFS];
    uint8_t ref_surfaces[HEVC_TRANSLATION_MAX_REFS];
    const StdVideoDecodeH265ReferenceInfo *setup;
    uint8_t surface;
    /* The slices in the bitstream buffer, in the order they go to the video queue. */
    size_t slice_count;
    uint32_t slice_offsets[256], slice_sizes[256];
};

/* What vkdva's software path made of it: the Annex-B input libavcodec gets. */
struct hevc_translation_sw
{
    const uint8_t *parameter_sets;
    size_t parameter_sets_size;
    const uint8_t *slices;
    size_t slices_size;
};

/* Both return an HRESULT; the results stay valid until the next call with the same state. */
long hevc_translation_vk(void **state, const struct hevc_translation_input *input, struct hevc_translation_vk *vk);
long hevc_translation_sw(void **state, const struct hevc_translation_input *input, struct hevc_translation_sw *sw);
void hevc_translation_free(void *vk_state, void *sw_state);

#endif /* __VKDVA_TEST_HEVC_TRANSLATION_H */
