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

/* DXVA structures of an H.264 picture, as Microsoft's "DirectX Video Acceleration
 * Specification for H.264/AVC Decoding" defines them for the short slice format
 * (ConfigBitstreamRaw 1), and their text form for --dump-dxva. */

#include "h264.h"
#include <string.h>

static UCHAR pic_entry(unsigned int index, bool flag)
{
    return (index & 0x7f) | (flag ? 0x80 : 0);
}

void h264_fill_picture_parameters(const struct h264_picture_info *info, DXVA_PicParams_H264 *params)
{
    const struct h264_slice_header *header = info->header;
    const struct h264_sps *sps = info->sps;
    const struct h264_pps *pps = info->pps;
    const struct h264_frame_store *store;
    unsigned int i, count = 0, pass;
    USHORT bits;

    memset(params, 0, sizeof(*params));
    params->wFrameWidthInMbsMinus1 = sps->pic_width_in_mbs - 1;
    params->wFrameHeightInMbsMinus1 = sps->frame_height_in_mbs - 1;
    /* CurrPic: the surface; AssociatedFlag is set for a bottom field. */
    params->CurrPic.bPicEntry = pic_entry(info->surface, info->structure == H264_FIELD_BOTTOM);
    params->num_ref_frames = sps->max_num_ref_frames;

    bits = 0;
    bits |= header->field_pic_flag << 0;
    bits |= (sps->mb_adaptive_frame_field_flag && !header->field_pic_flag) << 1;  /* MbaffFrameFlag */
    bits |= sps->separate_colour_plane_flag << 2;       /* residual_colour_transform_flag */
    bits |= header->sp_for_switch_flag << 3;
    bits |= (sps->chroma_format_idc & 3) << 4;
    bits |= (header->nal_ref_idc != 0) << 6;            /* RefPicFlag */
    bits |= pps->constrained_intra_pred_flag << 7;
    bits |= pps->weighted_pred_flag << 8;
    bits |= (pps->weighted_bipred_idc & 3) << 9;
    bits |= 1u << 11;                                   /* MbsConsecutiveFlag: no slice groups */
    bits |= sps->frame_mbs_only_flag << 12;
    bits |= pps->transform_8x8_mode_flag << 13;
    /* MinLumaBipredSize8x8Flag: Table A-1 restricts bi-prediction to 8x8 and larger from level 3.1. */
    bits |= (sps->level_idc >= 31) << 14;
    bits |= info->intra << 15;                          /* IntraPicFlag */
    params->wBitFields = bits;

    params->bit_depth_luma_minus8 = sps->bit_depth_luma_minus8;
    params->bit_depth_chroma_minus8 = sps->bit_depth_chroma_minus8;
    /* 3 tells the accelerator the host follows the 2007+ revision of the DXVA H.264 spec. */
    params->Reserved16Bits = 3;
    params->StatusReportFeedbackNumber = info->status_report_number;

    params->CurrFieldOrderCnt[0] = info->structure & H264_FIELD_TOP ? info->poc[0] : 0;
    params->CurrFieldOrderCnt[1] = info->structure & H264_FIELD_BOTTOM ? info->poc[1] : 0;

    for (i = 0; i < 16; ++i)
        params->RefFrameList[i].bPicEntry = 0xff;
    /* Short-term references first, then long-term ones; for a second field the first field
     * of the same frame is among them. */
    for (pass = 0; pass < 2; ++pass)
    {
        for (i = 0; i < H264_MAX_FRAME_STORES && count < 16; ++i)
        {
            unsigned int refs;
            bool long_term;

            store = &info->dpb[i];
            if (!store->in_dpb || !(refs = store->short_ref | store->long_ref))
                continue;
            long_term = store->long_ref && !store->short_ref;
            if (long_term != (pass == 1))
                continue;
            params->RefFrameList[count].bPicEntry = pic_entry(store->surface, long_term);
            params->FrameNumList[count] = long_term ? store->long_term_frame_idx : store->frame_num;
            if (refs & H264_FIELD_TOP)
                params->FieldOrderCntList[count][0] = store->poc[0];
            if (refs & H264_FIELD_BOTTOM)
                params->FieldOrderCntList[count][1] = store->poc[1];
            params->UsedForReferenceFlags |= (refs & 3u) << (2 * count);
            if (store->non_existing)
                params->NonExistingFrameFlags |= 1u << count;
            ++count;
        }
    }

    params->pic_init_qs_minus26 = pps->pic_init_qs_minus26;
    params->chroma_qp_index_offset = pps->chroma_qp_index_offset;
    params->second_chroma_qp_index_offset = pps->second_chroma_qp_index_offset;
    /* The fields after this one are present (the short slice format needs them). */
    params->ContinuationFlag = 1;
    params->pic_init_qp_minus26 = pps->pic_init_qp_minus26;
    params->num_ref_idx_l0_active_minus1 = pps->num_ref_idx_l0_default_active_minus1;
    params->num_ref_idx_l1_active_minus1 = pps->num_ref_idx_l1_default_active_minus1;
    params->Reserved8BitsA = 0;
    params->frame_num = header->frame_num;
    params->log2_max_frame_num_minus4 = sps->log2_max_frame_num_minus4;
    params->pic_order_cnt_type = sps->pic_order_cnt_type;
    params->log2_max_pic_order_cnt_lsb_minus4 = sps->log2_max_pic_order_cnt_lsb_minus4;
    params->delta_pic_order_always_zero_flag = sps->delta_pic_order_always_zero_flag;
    params->direct_8x8_inference_flag = sps->direct_8x8_inference_flag;
    params->entropy_coding_mode_flag = pps->entropy_coding_mode_flag;
    params->pic_order_present_flag = pps->bottom_field_pic_order_in_frame_present_flag;
    params->num_slice_groups_minus1 = pps->num_slice_groups_minus1;
    params->slice_group_map_type = pps->slice_group_map_type;
    params->deblocking_filter_control_present_flag = pps->deblocking_filter_control_present_flag;
    params->redundant_pic_cnt_present_flag = pps->redundant_pic_cnt_present_flag;
    params->Reserved8BitsB = 0;
    params->slice_group_change_rate_minus1 = pps->slice_group_change_rate_minus1;
}

/* DXVA_Qmatrix_H264 holds the effective lists in the order they are coded in the bitstream
 * (zig-zag scan), 4x4: Intra Y, Cb, Cr, Inter Y, Cb, Cr; 8x8: Intra Y, Inter Y. */
void h264_fill_quantization_matrix(const struct h264_picture_info *info, DXVA_Qmatrix_H264 *matrix)
{
    uint8_t lists_4x4[6][16], lists_8x8[6][64];

    h264_get_scaling_lists(info->sps, info->pps, lists_4x4, lists_8x8);
    memcpy(matrix->bScalingLists4x4, lists_4x4, sizeof(matrix->bScalingLists4x4));
    memcpy(matrix->bScalingLists8x8[0], lists_8x8[0], 64);
    memcpy(matrix->bScalingLists8x8[1], lists_8x8[1], 64);
}

static const struct codec_buffer *find_buffer(const struct codec_picture *picture,
        D3D11_VIDEO_DECODER_BUFFER_TYPE type)
{
    unsigned int i;

    for (i = 0; i < picture->buffer_count; ++i)
    {
        if (picture->buffers[i].type == type)
            return &picture->buffers[i];
    }
    return NULL;
}

/* One line per picture, from the DXVA buffers themselves:
 * "pic N: surface S frame|top|bottom poc T/B frame_num F [ref] [intra] slices K bytes B
 *  qm XXXXXXXX refs [S:F(:L)(:x):tb:T/B ...]". */
void h264_dump_picture(FILE *file, const struct codec_picture *picture)
{
    const struct codec_buffer *pp_buffer, *qm_buffer, *slice_buffer, *bs_buffer;
    const DXVA_PicParams_H264 *params;
    const DXVA_Qmatrix_H264 *matrix;
    const UCHAR *bytes;
    unsigned int i, used;
    uint32_t hash = 2166136261u;

    pp_buffer = find_buffer(picture, D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS);
    qm_buffer = find_buffer(picture, D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX);
    slice_buffer = find_buffer(picture, D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL);
    bs_buffer = find_buffer(picture, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM);
    if (!pp_buffer || !qm_buffer || !slice_buffer || !bs_buffer)
        return;
    params = pp_buffer->data;
    matrix = qm_buffer->data;
    /* FNV-1a of the scaling lists, to see changes at a glance. */
    for (i = 0, bytes = (const UCHAR *)matrix; i < sizeof(*matrix); ++i)
        hash = (hash ^ bytes[i]) * 16777619u;

    fprintf(file, "pic %u: surface %u %s poc %d/%d frame_num %u%s%s slices %u bytes %u qm %08x refs [",
            picture->index, params->CurrPic.bPicEntry & 0x7f,
            !(params->wBitFields & 1) ? "frame" : (params->CurrPic.bPicEntry & 0x80 ? "bottom" : "top"),
            params->CurrFieldOrderCnt[0], params->CurrFieldOrderCnt[1], params->frame_num,
            params->wBitFields & (1u << 6) ? " ref" : "", params->wBitFields & (1u << 15) ? " intra" : "",
            (unsigned int)(slice_buffer->size / sizeof(DXVA_Slice_H264_Short)), bs_buffer->size, hash);
    for (i = 0; i < 16; ++i)
    {
        if (params->RefFrameList[i].bPicEntry == 0xff)
            continue;
        used = (params->UsedForReferenceFlags >> (2 * i)) & 3;
        fprintf(file, "%s%u:%u%s%s:%s%s:%d/%d", i ? " " : "", params->RefFrameList[i].bPicEntry & 0x7f,
                params->FrameNumList[i], params->RefFrameList[i].bPicEntry & 0x80 ? ":L" : "",
                params->NonExistingFrameFlags & (1u << i) ? ":x" : "", used & 1 ? "t" : "", used & 2 ? "b" : "",
                params->FieldOrderCntList[i][0], params->FieldOrderCntList[i][1]);
    }
    fprintf(file, "]\n");
}
