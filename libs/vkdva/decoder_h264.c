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

#include "decoder.h"

/* H.264: what DXVA_PicParams_H264, DXVA_Qmatrix_H264 and the slice control mean, and nothing
 * about Vulkan or libavcodec submission. For the software backend the sequence and picture
 * parameter sets are re-synthesised from the picture parameters (H.264 7.3.2.1, 7.3.2.2);
 * DXVA does not carry pic_parameter_set_id, which is read from each slice header (7.3.3). */

#define H264_MAX_PPS 256u
#define H264_NAL_SLICE 1u
#define H264_NAL_IDR 5u

static const DXGI_FORMAT h264_formats[] = {DXGI_FORMAT_NV12};

/* Vulkan Video translation of one picture (H.264 StdVideo structures). */
struct h264_vk_state
{
    StdVideoH264SequenceParameterSet sps;
    StdVideoH264PictureParameterSet pps[H264_MAX_PPS];
    StdVideoH264ScalingLists pps_scaling[H264_MAX_PPS];
    bool have_sps, have_pps[H264_MAX_PPS];
    /* Parameter sets the session parameters object already holds. */
    StdVideoH264PictureParameterSet new_pps[H264_MAX_PPS];
    unsigned int new_pps_count;
    VkVideoDecodeH264SessionParametersAddInfoKHR add_info;
    VkVideoDecodeH264SessionParametersCreateInfoKHR create_info;

    StdVideoDecodeH264PictureInfo std_picture;
    VkVideoDecodeH264PictureInfoKHR picture;
    uint32_t *slice_offsets;
    size_t slice_offsets_size;
    StdVideoDecodeH264ReferenceInfo std_refs[VKDVA_MAX_VK_REFERENCES + 1];
    VkVideoDecodeH264DpbSlotInfoKHR refs[VKDVA_MAX_VK_REFERENCES + 1];
};

struct h264_state
{
    struct vkdva_bytes sps;
    struct vkdva_bytes pps[H264_MAX_PPS];
    struct h264_vk_state *vk;
    bool sps_mbaff;
    bool have_sps_mbaff;
    /* The last picture, to recognise the second field of a frame. */
    bool last_was_first_field;
    uint8_t last_surface;
    bool last_bottom;
};

static size_t h264_slice_control_entry_size(UINT config_bitstream_raw)
{
    switch (config_bitstream_raw)
    {
        case 1:
            return sizeof(DXVA_Slice_H264_Short);
        case 2:
            return sizeof(DXVA_Slice_H264_Long);
        default:
            return 0;
    }
}

static void h264_free_state(void *state)
{
    struct h264_state *h = state;
    unsigned int i;

    if (!h)
        return;
    vkdva_free(h->sps.data);
    for (i = 0; i < H264_MAX_PPS; ++i)
        vkdva_free(h->pps[i].data);
    if (h->vk)
        vkdva_free(h->vk->slice_offsets);
    vkdva_free(h->vk);
    vkdva_free(h);
}

static void h264_write_scaling_list(struct vkdva_bitwriter *w, const UCHAR *list, unsigned int size)
{
    int last = 8, delta;
    unsigned int i;

    /* 7.3.2.1.1.1: delta-coded in the zig-zag order DXVA gives the lists in. */
    vkdva_bitwriter_put_bits(w, 1, 1);
    for (i = 0; i < size; ++i)
    {
        delta = list[i] - last;
        if (delta > 127)
            delta -= 256;
        else if (delta < -128)
            delta += 256;
        vkdva_bitwriter_put_se(w, delta);
        last = list[i];
    }
}

static HRESULT h264_write_sps(struct h264_state *h, const DXVA_PicParams_H264 *pp, struct vkdva_bytes *out)
{
    static const uint8_t header = 0x67; /* nal_ref_idc 3, nal_unit_type 7 */
    unsigned int profile_idc, map_units;
    struct vkdva_bitwriter w;
    HRESULT hr = S_OK;

    if (pp->pic_order_cnt_type == 1)
    {
        FIXME("pic_order_cnt_type 1: DXVA does not carry offset_for_ref_frame[], so the software decoder "
                "cannot decode this stream.\n");
        return E_NOTIMPL;
    }
    if (pp->pic_order_cnt_type > 2 || pp->log2_max_frame_num_minus4 > 12u || pp->log2_max_pic_order_cnt_lsb_minus4 > 12
            || pp->bit_depth_luma_minus8 > 6 || pp->bit_depth_chroma_minus8 > 6
            || pp->num_ref_frames > 16)
    {
        WARN("Invalid picture parameters: POC type %u, log2 frame num %u, log2 POC lsb %u, chroma %u, depth %u/%u, "
                "%u reference frames.\n", pp->pic_order_cnt_type, pp->log2_max_frame_num_minus4 + 4,
                pp->log2_max_pic_order_cnt_lsb_minus4 + 4, pp->chroma_format_idc, pp->bit_depth_luma_minus8 + 8,
                pp->bit_depth_chroma_minus8 + 8, pp->num_ref_frames);
        return E_INVALIDARG;
    }
    if (!pp->frame_mbs_only_flag && (pp->wFrameHeightInMbsMinus1 & 1) == 0)
    {
        WARN("Odd frame height in macroblocks (%u) for an interlaced stream.\n", pp->wFrameHeightInMbsMinus1 + 1);
        return E_INVALIDARG;
    }

    /* MbaffFrameFlag is mb_adaptive_frame_field_flag && !field_pic_flag (7.4.3); field pictures
     * say nothing about it, so keep what the frames said and the SPS stable. */
    if (!pp->field_pic_flag || !h->have_sps_mbaff)
    {
        h->sps_mbaff = pp->MbaffFrameFlag;
        h->have_sps_mbaff = true;
    }

    if (pp->chroma_format_idc == 3)
        profile_idc = 244;
    else if (pp->chroma_format_idc == 2)
        profile_idc = 122;
    else if (pp->bit_depth_luma_minus8 || pp->bit_depth_chroma_minus8)
        profile_idc = 110;
    else
        profile_idc = 100;
    map_units = (pp->wFrameHeightInMbsMinus1 + 1u) / (2u - pp->frame_mbs_only_flag);

    vkdva_bitwriter_init(&w);
    vkdva_bitwriter_put_bits(&w, profile_idc, 8);
    vkdva_bitwriter_put_bits(&w, 0, 8);                     /* constraint_set flags */
    vkdva_bitwriter_put_bits(&w, 51, 8);                    /* level_idc */
    vkdva_bitwriter_put_ue(&w, 0);                          /* seq_parameter_set_id */
    vkdva_bitwriter_put_ue(&w, pp->chroma_format_idc);
    if (pp->chroma_format_idc == 3)
        vkdva_bitwriter_put_bits(&w, pp->residual_colour_transform_flag, 1);
    vkdva_bitwriter_put_ue(&w, pp->bit_depth_luma_minus8);
    vkdva_bitwriter_put_ue(&w, pp->bit_depth_chroma_minus8);
    vkdva_bitwriter_put_bits(&w, 0, 1);                     /* qpprime_y_zero_transform_bypass_flag */
    vkdva_bitwriter_put_bits(&w, 0, 1);                     /* seq_scaling_matrix_present_flag: lists go in the PPS */
    vkdva_bitwriter_put_ue(&w, pp->log2_max_frame_num_minus4);
    vkdva_bitwriter_put_ue(&w, pp->pic_order_cnt_type);
    if (!pp->pic_order_cnt_type)
        vkdva_bitwriter_put_ue(&w, pp->log2_max_pic_order_cnt_lsb_minus4);
    vkdva_bitwriter_put_ue(&w, pp->num_ref_frames);
    vkdva_bitwriter_put_bits(&w, 1, 1);                     /* gaps_in_frame_num_value_allowed_flag */
    vkdva_bitwriter_put_ue(&w, pp->wFrameWidthInMbsMinus1);
    vkdva_bitwriter_put_ue(&w, map_units - 1);
    vkdva_bitwriter_put_bits(&w, pp->frame_mbs_only_flag, 1);
    if (!pp->frame_mbs_only_flag)
        vkdva_bitwriter_put_bits(&w, h->sps_mbaff, 1);
    vkdva_bitwriter_put_bits(&w, pp->direct_8x8_inference_flag, 1);
    vkdva_bitwriter_put_bits(&w, 0, 1);                     /* frame_cropping_flag: the client crops */
    vkdva_bitwriter_put_bits(&w, 0, 1);                     /* vui_parameters_present_flag */
    vkdva_bitwriter_put_trailing_bits(&w);

    if (!vkdva_bytes_append_nal(out, &header, 1, &w))
        hr = E_OUTOFMEMORY;
    vkdva_bitwriter_cleanup(&w);
    return hr;
}

static HRESULT h264_write_pps(const DXVA_PicParams_H264 *pp, const DXVA_Qmatrix_H264 *qm, unsigned int pps_id,
        struct vkdva_bytes *out)
{
    static const uint8_t header = 0x68; /* nal_ref_idc 3, nal_unit_type 8 */
    struct vkdva_bitwriter w;
    HRESULT hr = S_OK;
    unsigned int i;

    if (pp->num_slice_groups_minus1)
    {
        FIXME("Slice groups (FMO, %u groups) are not supported.\n", pp->num_slice_groups_minus1 + 1);
        return E_NOTIMPL;
    }
    if (pp->num_ref_idx_l0_active_minus1 > 31 || pp->num_ref_idx_l1_active_minus1 > 31
            || pp->weighted_bipred_idc > 2 || pp->pic_init_qp_minus26 < -26 - 6 * pp->bit_depth_luma_minus8
            || pp->pic_init_qp_minus26 > 25 || pp->pic_init_qs_minus26 < -26 || pp->pic_init_qs_minus26 > 25
            || pp->chroma_qp_index_offset < -12 || pp->chroma_qp_index_offset > 12
            || pp->second_chroma_qp_index_offset < -12 || pp->second_chroma_qp_index_offset > 12)
    {
        WARN("Invalid picture parameters.\n");
        return E_INVALIDARG;
    }

    vkdva_bitwriter_init(&w);
    vkdva_bitwriter_put_ue(&w, pps_id);
    vkdva_bitwriter_put_ue(&w, 0);                          /* seq_parameter_set_id */
    vkdva_bitwriter_put_bits(&w, pp->entropy_coding_mode_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->pic_order_present_flag, 1);
    vkdva_bitwriter_put_ue(&w, 0);                          /* num_slice_groups_minus1 */
    vkdva_bitwriter_put_ue(&w, pp->num_ref_idx_l0_active_minus1);
    vkdva_bitwriter_put_ue(&w, pp->num_ref_idx_l1_active_minus1);
    vkdva_bitwriter_put_bits(&w, pp->weighted_pred_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->weighted_bipred_idc, 2);
    vkdva_bitwriter_put_se(&w, pp->pic_init_qp_minus26);
    vkdva_bitwriter_put_se(&w, pp->pic_init_qs_minus26);
    vkdva_bitwriter_put_se(&w, pp->chroma_qp_index_offset);
    vkdva_bitwriter_put_bits(&w, pp->deblocking_filter_control_present_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->constrained_intra_pred_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->redundant_pic_cnt_present_flag, 1);
    /* The High-profile extension (7.3.2.2), with the effective scaling lists when given. */
    vkdva_bitwriter_put_bits(&w, pp->transform_8x8_mode_flag, 1);
    vkdva_bitwriter_put_bits(&w, !!qm, 1);                  /* pic_scaling_matrix_present_flag */
    if (qm)
    {
        for (i = 0; i < 6; ++i)
            h264_write_scaling_list(&w, qm->bScalingLists4x4[i], 16);
        for (i = 0; i < (pp->transform_8x8_mode_flag ? 2u : 0u); ++i)
            h264_write_scaling_list(&w, qm->bScalingLists8x8[i], 64);
        /* 4:4:4 has six 8x8 lists; DXVA carries two. */
        for (i = 2; pp->transform_8x8_mode_flag && pp->chroma_format_idc == 3 && i < 6; ++i)
            h264_write_scaling_list(&w, qm->bScalingLists8x8[i & 1], 64);
    }
    vkdva_bitwriter_put_se(&w, pp->second_chroma_qp_index_offset);
    vkdva_bitwriter_put_trailing_bits(&w);

    if (!vkdva_bytes_append_nal(out, &header, 1, &w))
        hr = E_OUTOFMEMORY;
    vkdva_bitwriter_cleanup(&w);
    return hr;
}

/* Appends the parameter set to picture->parameter_sets only when it differs from the last one
 * sent under the same id. */
static HRESULT h264_update_parameter_set(struct vkdva_bytes *cached, const struct vkdva_bytes *fresh,
        struct vkdva_sw_picture *picture)
{
    if (cached->count == fresh->count && !memcmp(cached->data, fresh->data, fresh->count))
        return S_OK;
    cached->count = 0;
    if (!vkdva_bytes_append(cached, fresh->data, fresh->count)
            || !vkdva_bytes_append(&picture->parameter_sets, fresh->data, fresh->count))
        return E_OUTOFMEMORY;
    return S_OK;
}

/* Finds the NAL unit of a slice and reads pic_parameter_set_id from its header (7.3.3). */
struct h264_slice_header
{
    unsigned int nal_type;
    unsigned int pps_id;
    unsigned int idr_pic_id;
};

static HRESULT h264_parse_slice(const struct vkdva_decode_frame *frame, UINT location, UINT size,
        struct vkdva_slice *slice, struct h264_slice_header *header)
{
    const DXVA_PicParams_H264 *pp = frame->picture_params;
    const uint8_t *data = frame->bitstream;
    struct vkdva_bitreader r;
    unsigned int nal_type;
    size_t start, readable;

    if (location > frame->bitstream_size || size > frame->bitstream_size - location || size < 4)
    {
        WARN("Slice at %u, %u bytes, outside the %zu-byte bitstream buffer.\n", location, size, frame->bitstream_size);
        return E_INVALIDARG;
    }
    /* DXVA slices start with a 00 00 01 start code (ConfigBitstreamRaw 1 and 2). */
    start = location;
    if (data[start] || data[start + 1] || data[start + 2] != 1)
    {
        WARN("Slice at %u does not start with a start code.\n", location);
        return E_INVALIDARG;
    }
    start += 3;
    nal_type = data[start] & 0x1f;
    if (nal_type != H264_NAL_SLICE && nal_type != H264_NAL_IDR)
    {
        FIXME("NAL unit type %u in the slice data is not supported.\n", nal_type);
        return E_NOTIMPL;
    }
    /* With a bitstream decrypted on the GPU, only the slice's first bytes are plaintext here. */
    readable = vkdva_decode_frame_readable(frame, size);
    vkdva_bitreader_init(&r, data + start + 1, location + readable - start - 1);
    vkdva_bitreader_get_ue(&r);                             /* first_mb_in_slice */
    if (vkdva_bitreader_get_ue(&r) > 9)                     /* slice_type */
    {
        WARN("Invalid slice type.\n");
        return E_INVALIDARG;
    }
    header->nal_type = nal_type;
    header->pps_id = vkdva_bitreader_get_ue(&r);
    if (r.overrun && readable < size)
        goto past_plaintext;
    if (r.overrun || header->pps_id >= H264_MAX_PPS)
    {
        WARN("Truncated slice header or invalid pic_parameter_set_id %u.\n", header->pps_id);
        return E_INVALIDARG;
    }
    /* 7.3.3: the fields up to idr_pic_id, which Vulkan wants and DXVA does not carry. */
    header->idr_pic_id = 0;
    if (nal_type == H264_NAL_IDR)
    {
        if (pp->chroma_format_idc == 3 && pp->residual_colour_transform_flag)
            vkdva_bitreader_get_bits(&r, 2);                /* colour_plane_id */
        vkdva_bitreader_get_bits(&r, pp->log2_max_frame_num_minus4 + 4);
        if (!pp->frame_mbs_only_flag && vkdva_bitreader_get_bits(&r, 1))
            vkdva_bitreader_get_bits(&r, 1);                /* bottom_field_flag */
        header->idr_pic_id = vkdva_bitreader_get_ue(&r);
        if (r.overrun && readable < size)
            goto past_plaintext;
        if (r.overrun)
        {
            WARN("Truncated slice header.\n");
            return E_INVALIDARG;
        }
    }
    slice->offset = location;
    slice->size = size;
    return S_OK;

past_plaintext:
    /* Not for any header the reader accepts: vk_slice_header_bytes covers the longest one. */
    FIXME("The header of the slice at %u runs past the %zu bytes decrypted on the CPU.\n", location, readable);
    return E_NOTIMPL;
}

/* A field of the surface whose other field was the previous picture completes a frame. */
static bool h264_is_second_field(struct h264_state *h, const DXVA_PicParams_H264 *pp)
{
    bool second = pp->field_pic_flag && h->last_was_first_field
            && h->last_surface == pp->CurrPic.Index7Bits && h->last_bottom != pp->CurrPic.AssociatedFlag;

    h->last_was_first_field = pp->field_pic_flag && !second;
    h->last_surface = pp->CurrPic.Index7Bits;
    h->last_bottom = pp->CurrPic.AssociatedFlag;
    return second;
}

/* A picture may not be larger than the decoder was created for (in whole macroblocks). */
static HRESULT h264_check_size(const struct vkdva_decode_frame *frame)
{
    const DXVA_PicParams_H264 *pp = frame->picture_params;
    unsigned int width = (pp->wFrameWidthInMbsMinus1 + 1u) * 16, height = (pp->wFrameHeightInMbsMinus1 + 1u) * 16;

    if (width > vkdva_align(frame->max_width, 16) || height > vkdva_align(frame->max_height, 16))
    {
        WARN("Picture of %ux%u in a decoder for %ux%u.\n", width, height, frame->max_width, frame->max_height);
        return E_INVALIDARG;
    }
    return S_OK;
}

static HRESULT h264_prepare_sw(void **state, const struct vkdva_decode_frame *frame, UINT config_bitstream_raw,
        struct vkdva_sw_picture *picture)
{
    const DXVA_PicParams_H264 *pp = frame->picture_params;
    const DXVA_Qmatrix_H264 *qm = frame->qmatrix;
    size_t entry_size, i, count;
    struct vkdva_bytes fresh = {0};
    struct h264_state *h;
    bool pps_done[H264_MAX_PPS] = {0};
    struct h264_slice_header header;
    unsigned int pps_id;
    HRESULT hr;

    if (FAILED(hr = h264_check_size(frame)))
        return hr;
    if (!(h = *state))
    {
        if (!(h = vkdva_calloc(1, sizeof(*h))))
            return E_OUTOFMEMORY;
        *state = h;
    }

    entry_size = h264_slice_control_entry_size(config_bitstream_raw);
    count = frame->slice_control_size / entry_size;
    if (!count)
    {
        WARN("No slices.\n");
        return E_INVALIDARG;
    }
    if (!(picture->slices = vkdva_calloc(count, sizeof(*picture->slices))))
        return E_OUTOFMEMORY;
    picture->slice_count = count;

    fresh.count = 0;
    if (FAILED(hr = h264_write_sps(h, pp, &fresh)))
        goto done;
    if (FAILED(hr = h264_update_parameter_set(&h->sps, &fresh, picture)))
        goto done;

    for (i = 0; i < count; ++i)
    {
        /* The short and long slice-control layouts begin with the same two fields. */
        const DXVA_Slice_H264_Short *s = (const void *)((const BYTE *)frame->slice_control + i * entry_size);

        if (FAILED(hr = h264_parse_slice(frame, s->BSNALunitDataLocation, s->SliceBytesInBuffer,
                &picture->slices[i], &header)))
            goto done;
        pps_id = header.pps_id;
        if (pps_done[pps_id])
            continue;
        pps_done[pps_id] = true;
        fresh.count = 0;
        if (FAILED(hr = h264_write_pps(pp, qm, pps_id, &fresh)))
            goto done;
        if (FAILED(hr = h264_update_parameter_set(&h->pps[pps_id], &fresh, picture)))
            goto done;
    }

    picture->second_field = h264_is_second_field(h, pp);

done:
    vkdva_free(fresh.data);
    return hr;
}


/* Vulkan Video: DXVA to StdVideo (Vulkan "H.264 Decode Operations"). */

static void h264_init_vk_profile(struct vkdva_vk_profile *p, DXGI_FORMAT format, bool interlaced)
{
    p->codec.h264 = (VkVideoDecodeH264ProfileInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_PROFILE_INFO_KHR,
        /* High decodes every Baseline, Main and High stream DXVA's VLD profile carries. */
        .stdProfileIdc = STD_VIDEO_H264_PROFILE_IDC_HIGH,
        .pictureLayout = interlaced ? VK_VIDEO_DECODE_H264_PICTURE_LAYOUT_INTERLACED_INTERLEAVED_LINES_BIT_KHR
                : VK_VIDEO_DECODE_H264_PICTURE_LAYOUT_PROGRESSIVE_KHR,
    };
    p->profile = (VkVideoProfileInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_PROFILE_INFO_KHR,
        .pNext = &p->codec.h264,
        .videoCodecOperation = VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR,
        .chromaSubsampling = VK_VIDEO_CHROMA_SUBSAMPLING_420_BIT_KHR,
        .lumaBitDepth = VK_VIDEO_COMPONENT_BIT_DEPTH_8_BIT_KHR,
        .chromaBitDepth = VK_VIDEO_COMPONENT_BIT_DEPTH_8_BIT_KHR,
    };
    p->codec_caps.h264 = (VkVideoDecodeH264CapabilitiesKHR){.sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_CAPABILITIES_KHR};
}

static void h264_fill_std_sps(struct h264_state *h, const DXVA_PicParams_H264 *pp, StdVideoH264SequenceParameterSet *sps)
{
    if (!pp->field_pic_flag || !h->have_sps_mbaff)
    {
        h->sps_mbaff = pp->MbaffFrameFlag;
        h->have_sps_mbaff = true;
    }
    memset(sps, 0, sizeof(*sps));
    sps->flags.direct_8x8_inference_flag = pp->direct_8x8_inference_flag;
    sps->flags.mb_adaptive_frame_field_flag = h->sps_mbaff;
    sps->flags.frame_mbs_only_flag = pp->frame_mbs_only_flag;
    sps->flags.delta_pic_order_always_zero_flag = pp->delta_pic_order_always_zero_flag;
    sps->flags.separate_colour_plane_flag = pp->chroma_format_idc == 3 && pp->residual_colour_transform_flag;
    sps->flags.gaps_in_frame_num_value_allowed_flag = 1;
    sps->profile_idc = STD_VIDEO_H264_PROFILE_IDC_HIGH;
    sps->level_idc = STD_VIDEO_H264_LEVEL_IDC_5_2;
    sps->chroma_format_idc = pp->chroma_format_idc;
    sps->seq_parameter_set_id = 0;
    sps->bit_depth_luma_minus8 = pp->bit_depth_luma_minus8;
    sps->bit_depth_chroma_minus8 = pp->bit_depth_chroma_minus8;
    sps->log2_max_frame_num_minus4 = pp->log2_max_frame_num_minus4;
    /* POC type 1 needs no offsets here: the decoder gets every POC from DXVA, and slice headers
     * only depend on delta_pic_order_always_zero_flag. */
    sps->pic_order_cnt_type = pp->pic_order_cnt_type;
    sps->log2_max_pic_order_cnt_lsb_minus4 = pp->log2_max_pic_order_cnt_lsb_minus4;
    sps->max_num_ref_frames = pp->num_ref_frames;
    sps->pic_width_in_mbs_minus1 = pp->wFrameWidthInMbsMinus1;
    sps->pic_height_in_map_units_minus1 = (pp->wFrameHeightInMbsMinus1 + 1u) / (2u - pp->frame_mbs_only_flag) - 1;
}

static void h264_fill_std_pps(const DXVA_PicParams_H264 *pp, const DXVA_Qmatrix_H264 *qm, unsigned int pps_id,
        StdVideoH264PictureParameterSet *pps, StdVideoH264ScalingLists *lists)
{
    unsigned int i;

    memset(pps, 0, sizeof(*pps));
    pps->flags.transform_8x8_mode_flag = pp->transform_8x8_mode_flag;
    pps->flags.redundant_pic_cnt_present_flag = pp->redundant_pic_cnt_present_flag;
    pps->flags.constrained_intra_pred_flag = pp->constrained_intra_pred_flag;
    pps->flags.deblocking_filter_control_present_flag = pp->deblocking_filter_control_present_flag;
    pps->flags.weighted_pred_flag = pp->weighted_pred_flag;
    pps->flags.bottom_field_pic_order_in_frame_present_flag = pp->pic_order_present_flag;
    pps->flags.entropy_coding_mode_flag = pp->entropy_coding_mode_flag;
    pps->seq_parameter_set_id = 0;
    pps->pic_parameter_set_id = pps_id;
    pps->num_ref_idx_l0_default_active_minus1 = pp->num_ref_idx_l0_active_minus1;
    pps->num_ref_idx_l1_default_active_minus1 = pp->num_ref_idx_l1_active_minus1;
    pps->weighted_bipred_idc = pp->weighted_bipred_idc;
    pps->pic_init_qp_minus26 = pp->pic_init_qp_minus26;
    pps->pic_init_qs_minus26 = pp->pic_init_qs_minus26;
    pps->chroma_qp_index_offset = pp->chroma_qp_index_offset;
    pps->second_chroma_qp_index_offset = pp->second_chroma_qp_index_offset;
    if (qm)
    {
        /* DXVA's effective lists, in the zig-zag order StdVideoH264ScalingLists also uses. */
        memset(lists, 0, sizeof(*lists));
        pps->flags.pic_scaling_matrix_present_flag = 1;
        lists->scaling_list_present_mask = 0x3f | (pp->transform_8x8_mode_flag ? 0xc0 : 0);
        memcpy(lists->ScalingList4x4, qm->bScalingLists4x4, sizeof(qm->bScalingLists4x4));
        for (i = 0; i < 2; ++i)
            memcpy(lists->ScalingList8x8[i], qm->bScalingLists8x8[i], sizeof(qm->bScalingLists8x8[i]));
        pps->pScalingLists = lists;
    }
}

static HRESULT h264_prepare_vk(void **state, const struct vkdva_decode_frame *frame, UINT config_bitstream_raw,
        struct vkdva_vk_picture *picture)
{
    const DXVA_PicParams_H264 *pp = frame->picture_params;
    const DXVA_Qmatrix_H264 *qm = frame->qmatrix;
    StdVideoH264SequenceParameterSet sps;
    StdVideoH264PictureParameterSet pps;
    StdVideoH264ScalingLists lists;
    struct h264_slice_header header, first = {0};
    size_t entry_size, count, i, offset;
    struct h264_vk_state *vk;
    bool new_sps = false;
    struct h264_state *h;
    unsigned int n;
    HRESULT hr;

    if (FAILED(hr = h264_check_size(frame)))
        return hr;
    if (!(h = *state))
    {
        if (!(h = vkdva_calloc(1, sizeof(*h))))
            return E_OUTOFMEMORY;
        *state = h;
    }
    if (!(vk = h->vk) && !(vk = h->vk = vkdva_calloc(1, sizeof(*vk))))
        return E_OUTOFMEMORY;
    if (pp->num_slice_groups_minus1)
    {
        FIXME("Slice groups (FMO, %u groups) are not supported.\n", pp->num_slice_groups_minus1 + 1);
        return E_NOTIMPL;
    }

    entry_size = h264_slice_control_entry_size(config_bitstream_raw);
    if (!(count = frame->slice_control_size / entry_size))
        return E_INVALIDARG;
    if (!(picture->slices = vkdva_calloc(count, sizeof(*picture->slices))))
        return E_OUTOFMEMORY;
    picture->slice_count = count;
    if (!vkdva_array_reserve((void **)&vk->slice_offsets, &vk->slice_offsets_size, count, sizeof(*vk->slice_offsets)))
        return E_OUTOFMEMORY;

    h264_fill_std_sps(h, pp, &sps);
    if (!vk->have_sps || memcmp(&sps, &vk->sps, sizeof(sps)))
    {
        /* A changed SPS invalidates the parameters object; Vulkan cannot replace an id. */
        picture->parameters_reset = vk->have_sps;
        if (picture->parameters_reset)
            memset(vk->have_pps, 0, sizeof(vk->have_pps));
        vk->sps = sps;
        vk->have_sps = true;
        new_sps = true;
    }

    vk->new_pps_count = 0;
    for (i = 0, offset = 0; i < count; ++i)
    {
        const DXVA_Slice_H264_Short *sc = (const void *)((const BYTE *)frame->slice_control + i * entry_size);

        if (FAILED(hr = h264_parse_slice(frame, sc->BSNALunitDataLocation, sc->SliceBytesInBuffer,
                &picture->slices[i], &header)))
            return hr;
        if (!i)
            first = header;
        vk->slice_offsets[i] = offset;
        offset += picture->slices[i].size;

        h264_fill_std_pps(pp, qm, header.pps_id, &pps, &lists);
        if (vk->have_pps[header.pps_id] && !memcmp(&pps.flags, &vk->pps[header.pps_id].flags, sizeof(pps.flags))
                && !memcmp(&pps.seq_parameter_set_id, &vk->pps[header.pps_id].seq_parameter_set_id,
                        offsetof(StdVideoH264PictureParameterSet, pScalingLists)
                        - offsetof(StdVideoH264PictureParameterSet, seq_parameter_set_id))
                && (!pps.pScalingLists || !memcmp(&lists, &vk->pps_scaling[header.pps_id], sizeof(lists))))
            continue;
        for (n = 0; n < vk->new_pps_count; ++n)
        {
            if (vk->new_pps[n].pic_parameter_set_id == header.pps_id)
                break;
        }
        if (n < vk->new_pps_count)
            continue;
        if (vk->have_pps[header.pps_id])
        {
            picture->parameters_reset = true;
            memset(vk->have_pps, 0, sizeof(vk->have_pps));
            new_sps = true;
        }
        vk->pps_scaling[header.pps_id] = lists;
        vk->pps[header.pps_id] = pps;
        vk->pps[header.pps_id].pScalingLists = pps.pScalingLists ? &vk->pps_scaling[header.pps_id] : NULL;
        vk->new_pps[vk->new_pps_count] = vk->pps[header.pps_id];
        ++vk->new_pps_count;
    }
    /* After a reset every PPS in use must be added again. */
    if (picture->parameters_reset)
    {
        for (n = 0; n < vk->new_pps_count; ++n)
            vk->have_pps[vk->new_pps[n].pic_parameter_set_id] = true;
    }
    for (n = 0; n < vk->new_pps_count; ++n)
        vk->have_pps[vk->new_pps[n].pic_parameter_set_id] = true;

    vk->add_info = (VkVideoDecodeH264SessionParametersAddInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_SESSION_PARAMETERS_ADD_INFO_KHR,
        .stdSPSCount = new_sps ? 1 : 0,
        .pStdSPSs = &vk->sps,
        .stdPPSCount = vk->new_pps_count,
        .pStdPPSs = vk->new_pps,
    };
    picture->parameters_add_info = (new_sps || vk->new_pps_count) ? &vk->add_info : NULL;

    picture->surface = pp->CurrPic.Index7Bits;
    picture->second_field = h264_is_second_field(h, pp);

    memset(&vk->std_picture, 0, sizeof(vk->std_picture));
    vk->std_picture.flags.field_pic_flag = pp->field_pic_flag;
    vk->std_picture.flags.is_intra = pp->IntraPicFlag;
    vk->std_picture.flags.IdrPicFlag = first.nal_type == H264_NAL_IDR;
    vk->std_picture.flags.bottom_field_flag = pp->field_pic_flag && pp->CurrPic.AssociatedFlag;
    vk->std_picture.flags.is_reference = pp->RefPicFlag;
    vk->std_picture.flags.complementary_field_pair = picture->second_field;
    vk->std_picture.seq_parameter_set_id = 0;
    vk->std_picture.pic_parameter_set_id = first.pps_id;
    vk->std_picture.frame_num = pp->frame_num;
    vk->std_picture.idr_pic_id = first.idr_pic_id;
    vk->std_picture.PicOrderCnt[0] = pp->CurrFieldOrderCnt[0];
    vk->std_picture.PicOrderCnt[1] = pp->CurrFieldOrderCnt[1];
    vk->picture = (VkVideoDecodeH264PictureInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_PICTURE_INFO_KHR,
        .pStdPictureInfo = &vk->std_picture,
        .sliceCount = count,
        .pSliceOffsets = vk->slice_offsets,
    };
    picture->picture_info = &vk->picture;

    /* The reference frames (RefFrameList) and the picture itself as the setup slot. */
    picture->ref_count = 0;
    for (i = 0; i < ARRAY_SIZE(pp->RefFrameList); ++i)
    {
        StdVideoDecodeH264ReferenceInfo *ref = &vk->std_refs[picture->ref_count];
        unsigned int used = (pp->UsedForReferenceFlags >> (2 * i)) & 3;

        if (pp->RefFrameList[i].bPicEntry == 0xff || !used)
            continue;
        if (pp->NonExistingFrameFlags & (1u << i))
            continue;
        memset(ref, 0, sizeof(*ref));
        /* For a field picture, which fields of the frame are references; a frame uses frames. */
        ref->flags.top_field_flag = pp->field_pic_flag && (used & 1);
        ref->flags.bottom_field_flag = pp->field_pic_flag && (used & 2);
        ref->flags.used_for_long_term_reference = pp->RefFrameList[i].AssociatedFlag;
        ref->FrameNum = pp->FrameNumList[i];
        ref->PicOrderCnt[0] = pp->FieldOrderCntList[i][0];
        ref->PicOrderCnt[1] = pp->FieldOrderCntList[i][1];
        vk->refs[picture->ref_count] = (VkVideoDecodeH264DpbSlotInfoKHR)
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_DPB_SLOT_INFO_KHR,
            .pStdReferenceInfo = ref,
        };
        picture->refs[picture->ref_count].surface = pp->RefFrameList[i].Index7Bits;
        picture->refs[picture->ref_count].slot_info = &vk->refs[picture->ref_count];
        ++picture->ref_count;
    }
    {
        StdVideoDecodeH264ReferenceInfo *ref = &vk->std_refs[VKDVA_MAX_VK_REFERENCES];

        memset(ref, 0, sizeof(*ref));
        ref->flags.top_field_flag = pp->field_pic_flag && !pp->CurrPic.AssociatedFlag;
        ref->flags.bottom_field_flag = pp->field_pic_flag && pp->CurrPic.AssociatedFlag;
        ref->FrameNum = pp->frame_num;
        ref->PicOrderCnt[0] = pp->CurrFieldOrderCnt[0];
        ref->PicOrderCnt[1] = pp->CurrFieldOrderCnt[1];
        vk->refs[VKDVA_MAX_VK_REFERENCES] = (VkVideoDecodeH264DpbSlotInfoKHR)
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_DPB_SLOT_INFO_KHR,
            .pStdReferenceInfo = ref,
        };
        picture->setup_slot_info = &vk->refs[VKDVA_MAX_VK_REFERENCES];
    }
    return S_OK;
}

VKDVA_DEFINE_CLONE_VK_INFO(h264_clone_vk_info, VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_PICTURE_INFO_KHR,
        VkVideoDecodeH264PictureInfoKHR, StdVideoDecodeH264PictureInfo, sliceCount, pSliceOffsets,
        VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_DPB_SLOT_INFO_KHR, VkVideoDecodeH264DpbSlotInfoKHR,
        StdVideoDecodeH264ReferenceInfo)

static const void *h264_vk_parameters_create_info(void *state, const void *add_info)
{
    struct h264_state *h = state;

    h->vk->create_info = (VkVideoDecodeH264SessionParametersCreateInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_SESSION_PARAMETERS_CREATE_INFO_KHR,
        .maxStdSPSCount = 1,
        .maxStdPPSCount = H264_MAX_PPS,
        .pParametersAddInfo = add_info,
    };
    return &h->vk->create_info;
}

static void h264_describe_picture(const struct vkdva_decode_frame *frame, struct vkdva_decode_status *status)
{
    const DXVA_PicParams_H264 *pp = frame->picture_params;

    status->feedback_number = pp->StatusReportFeedbackNumber;
    status->curr_pic = pp->CurrPic.bPicEntry;
    status->field_pic_flag = pp->field_pic_flag;
}

static void h264_write_status(const struct vkdva_decode_status *status, void *out)
{
    DXVA_Status_H264 *s = out;

    memset(s, 0, sizeof(*s));
    s->StatusReportFeedbackNumber = status->feedback_number;
    s->CurrPic.bPicEntry = status->curr_pic;
    s->field_pic_flag = status->field_pic_flag;
    s->bStatus = status->status;
    s->wNumMbsAffected = status->mbs_affected;
}

const struct vkdva_codec_ops vkdva_h264_ops =
{
    .profile = &D3D11_DECODER_PROFILE_H264_VLD_NOFGT,
    .name = "H.264",
    .formats = h264_formats,
    .format_count = ARRAY_SIZE(h264_formats),
    .codec = VKDVA_CODEC_H264,
    /* Clients may leave out the trailing SliceGroupMap, which only FMO uses. */
    .picture_params_size = offsetof(DXVA_PicParams_H264, SliceGroupMap),
    .qmatrix_size = sizeof(DXVA_Qmatrix_H264),
    .slice_control_entry_size = h264_slice_control_entry_size,
    .max_width = 4096,
    .max_height = 4096,
    /* 7.3.3 up to idr_pic_id: four ue(v) of at most 63 bits (the reader's limit), 2 + 16 + 2
     * bits, so 34 bytes, 51 with every emulation-prevention byte possible, after the start
     * code and the NAL unit header. */
    .vk_slice_header_bytes = 64,
    .prepare_sw = h264_prepare_sw,
    .free_state = h264_free_state,
    .vk_codec_op = VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR,
    .init_vk_profile = h264_init_vk_profile,
    .prepare_vk = h264_prepare_vk,
    .vk_parameters_create_info = h264_vk_parameters_create_info,
    .free_vk_state = h264_free_state,
    .clone_vk_info = h264_clone_vk_info,
    .describe_picture = h264_describe_picture,
    .status_size = sizeof(DXVA_Status_H264),
    .write_status = h264_write_status,
};
