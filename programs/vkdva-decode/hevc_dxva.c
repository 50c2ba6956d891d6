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

/* DXVA structures of an HEVC picture, as Microsoft's "DirectX Video Acceleration
 * Specification for High Efficiency Video Coding (HEVC)" defines them for the short slice
 * format, and their text form for --dump-dxva. */

#include "hevc.h"
#include <string.h>

static UCHAR pic_entry(unsigned int index, bool flag)
{
    return (index & 0x7f) | (flag ? 0x80 : 0);
}

void hevc_fill_picture_parameters(const struct hevc_picture_info *info, DXVA_PicParams_HEVC *params)
{
    const struct hevc_slice_header *header = info->header;
    const struct hevc_sps *sps = info->sps;
    const struct hevc_pps *pps = info->pps;
    unsigned int i, highest = sps->max_sub_layers_minus1;
    uint32_t bits;

    memset(params, 0, sizeof(*params));
    params->PicWidthInMinCbsY = sps->pic_width_in_luma_samples >> sps->min_cb_log2_size;
    params->PicHeightInMinCbsY = sps->pic_height_in_luma_samples >> sps->min_cb_log2_size;

    bits = 0;
    bits |= (sps->chroma_format_idc & 3u) << 0;
    bits |= sps->separate_colour_plane_flag << 2;
    bits |= (sps->bit_depth_luma_minus8 & 7u) << 3;
    bits |= (sps->bit_depth_chroma_minus8 & 7u) << 6;
    bits |= (sps->log2_max_pic_order_cnt_lsb_minus4 & 15u) << 9;
    /* NoPicReorderingFlag: output order is decoding order (no reordering allowed); the
     * spec's other hint, NoBiPredFlag, is left 0 since a whole sequence's slices are unknown. */
    bits |= (sps->max_num_reorder_pics[highest] == 0) << 13;
    params->wFormatAndSequenceInfoFlags = bits;

    params->CurrPic.bPicEntry = pic_entry(info->surface, false);
    params->sps_max_dec_pic_buffering_minus1 = sps->max_dec_pic_buffering_minus1[highest];
    params->log2_min_luma_coding_block_size_minus3 = sps->log2_min_luma_coding_block_size_minus3;
    params->log2_diff_max_min_luma_coding_block_size = sps->log2_diff_max_min_luma_coding_block_size;
    params->log2_min_transform_block_size_minus2 = sps->log2_min_luma_transform_block_size_minus2;
    params->log2_diff_max_min_transform_block_size = sps->log2_diff_max_min_luma_transform_block_size;
    params->max_transform_hierarchy_depth_inter = sps->max_transform_hierarchy_depth_inter;
    params->max_transform_hierarchy_depth_intra = sps->max_transform_hierarchy_depth_intra;
    params->num_short_term_ref_pic_sets = sps->num_short_term_ref_pic_sets;
    params->num_long_term_ref_pics_sps = sps->num_long_term_ref_pics_sps;
    params->num_ref_idx_l0_default_active_minus1 = pps->num_ref_idx_l0_default_active_minus1;
    params->num_ref_idx_l1_default_active_minus1 = pps->num_ref_idx_l1_default_active_minus1;
    params->init_qp_minus26 = pps->init_qp_minus26;
    /* Only for an RPS coded in the slice header (short_term_ref_pic_set_sps_flag 0), so that
     * the accelerator can skip it. */
    if (!header->short_term_ref_pic_set_sps_flag)
    {
        params->ucNumDeltaPocsOfRefRpsIdx = header->st_rps_ref_num_delta_pocs;
        params->wNumBitsForShortTermRPSInSlice = header->st_rps_bits;
    }

    bits = 0;
    bits |= sps->scaling_list_enabled_flag << 0;
    bits |= sps->amp_enabled_flag << 1;
    bits |= sps->sample_adaptive_offset_enabled_flag << 2;
    bits |= sps->pcm_enabled_flag << 3;
    if (sps->pcm_enabled_flag)
    {
        bits |= (sps->pcm_sample_bit_depth_luma_minus1 & 15u) << 4;
        bits |= (sps->pcm_sample_bit_depth_chroma_minus1 & 15u) << 8;
        bits |= (sps->log2_min_pcm_luma_coding_block_size_minus3 & 3u) << 12;
        bits |= (sps->log2_diff_max_min_pcm_luma_coding_block_size & 3u) << 14;
        bits |= sps->pcm_loop_filter_disabled_flag << 16;
    }
    bits |= sps->long_term_ref_pics_present_flag << 17;
    bits |= sps->sps_temporal_mvp_enabled_flag << 18;
    bits |= sps->strong_intra_smoothing_enabled_flag << 19;
    bits |= pps->dependent_slice_segments_enabled_flag << 20;
    bits |= pps->output_flag_present_flag << 21;
    bits |= (pps->num_extra_slice_header_bits & 7u) << 22;
    bits |= pps->sign_data_hiding_enabled_flag << 25;
    bits |= pps->cabac_init_present_flag << 26;
    params->dwCodingParamToolFlags = bits;

    bits = 0;
    bits |= pps->constrained_intra_pred_flag << 0;
    bits |= pps->transform_skip_enabled_flag << 1;
    bits |= pps->cu_qp_delta_enabled_flag << 2;
    bits |= pps->pps_slice_chroma_qp_offsets_present_flag << 3;
    bits |= pps->weighted_pred_flag << 4;
    bits |= pps->weighted_bipred_flag << 5;
    bits |= pps->transquant_bypass_enabled_flag << 6;
    bits |= pps->tiles_enabled_flag << 7;
    bits |= pps->entropy_coding_sync_enabled_flag << 8;
    bits |= pps->uniform_spacing_flag << 9;                /* inferred 1 without tiles */
    bits |= (pps->tiles_enabled_flag && pps->loop_filter_across_tiles_enabled_flag) << 10;
    bits |= pps->pps_loop_filter_across_slices_enabled_flag << 11;
    bits |= pps->deblocking_filter_override_enabled_flag << 12;
    bits |= pps->pps_deblocking_filter_disabled_flag << 13;
    bits |= pps->lists_modification_present_flag << 14;
    bits |= pps->slice_segment_header_extension_present_flag << 15;
    bits |= hevc_is_irap(header->nal_unit_type) << 16;      /* IrapPicFlag */
    bits |= hevc_is_idr(header->nal_unit_type) << 17;       /* IdrPicFlag */
    bits |= info->intra << 18;                              /* IntraPicFlag */
    params->dwCodingSettingPicturePropertyFlags = bits;

    params->pps_cb_qp_offset = pps->pps_cb_qp_offset;
    params->pps_cr_qp_offset = pps->pps_cr_qp_offset;
    if (pps->tiles_enabled_flag)
    {
        params->num_tile_columns_minus1 = pps->num_tile_columns_minus1;
        params->num_tile_rows_minus1 = pps->num_tile_rows_minus1;
        /* The syntax elements: with uniform spacing there are none, and the last column and
         * row are implied. */
        if (!pps->uniform_spacing_flag)
        {
            for (i = 0; i < pps->num_tile_columns_minus1 && i < ARRAY_SIZE(params->column_width_minus1); ++i)
                params->column_width_minus1[i] = pps->column_width_minus1[i];
            for (i = 0; i < pps->num_tile_rows_minus1 && i < ARRAY_SIZE(params->row_height_minus1); ++i)
                params->row_height_minus1[i] = pps->row_height_minus1[i];
        }
    }
    params->diff_cu_qp_delta_depth = pps->diff_cu_qp_delta_depth;
    params->pps_beta_offset_div2 = pps->pps_beta_offset_div2;
    params->pps_tc_offset_div2 = pps->pps_tc_offset_div2;
    params->log2_parallel_merge_level_minus2 = pps->log2_parallel_merge_level_minus2;
    params->CurrPicOrderCntVal = info->poc;

    /* RefPicList: every picture of the DPB marked as a reference (by this picture's RPS), with
     * AssociatedFlag for long-term ones; the RefPicSet* lists index into it, 0xff when unused. */
    for (i = 0; i < ARRAY_SIZE(params->RefPicList); ++i)
    {
        if (i < info->ref_count)
        {
            params->RefPicList[i].bPicEntry = pic_entry(info->refs[i].surface, info->refs[i].long_term);
            params->PicOrderCntValList[i] = info->refs[i].poc;
        }
        else
        {
            params->RefPicList[i].bPicEntry = 0xff;
        }
    }
    memset(params->RefPicSetStCurrBefore, 0xff, sizeof(params->RefPicSetStCurrBefore));
    memset(params->RefPicSetStCurrAfter, 0xff, sizeof(params->RefPicSetStCurrAfter));
    memset(params->RefPicSetLtCurr, 0xff, sizeof(params->RefPicSetLtCurr));
    memcpy(params->RefPicSetStCurrBefore, info->st_curr_before, info->st_curr_before_count);
    memcpy(params->RefPicSetStCurrAfter, info->st_curr_after, info->st_curr_after_count);
    memcpy(params->RefPicSetLtCurr, info->lt_curr, info->lt_curr_count);
    params->StatusReportFeedbackNumber = info->status_report_number;
}

/* DXVA_Qmatrix_HEVC holds ScalingFactor's coded lists in up-right diagonal order: 4x4, 8x8
 * and 16x16 for matrixId 0..5, 32x32 for matrixId 0 and 3 (intra and inter luma), and the DC
 * values of the 16x16 and 32x32 lists. The PPS's lists take precedence over the SPS's. */
void hevc_fill_quantization_matrix(const struct hevc_picture_info *info, DXVA_Qmatrix_HEVC *matrix)
{
    const struct hevc_scaling_list *list;
    unsigned int i;

    list = info->pps->pps_scaling_list_data_present_flag ? &info->pps->scaling_list : &info->sps->scaling_list;
    memset(matrix, 0, sizeof(*matrix));
    for (i = 0; i < 6; ++i)
    {
        memcpy(matrix->ucScalingLists0[i], list->lists[0][i], 16);
        memcpy(matrix->ucScalingLists1[i], list->lists[1][i], 64);
        memcpy(matrix->ucScalingLists2[i], list->lists[2][i], 64);
        matrix->ucScalingListDCCoefSizeID2[i] = list->dc[0][i];
    }
    for (i = 0; i < 2; ++i)
    {
        memcpy(matrix->ucScalingLists3[i], list->lists[3][3 * i], 64);
        matrix->ucScalingListDCCoefSizeID3[i] = list->dc[1][3 * i];
    }
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

static void dump_ref_set(FILE *file, const char *name, const DXVA_PicParams_HEVC *params, const UCHAR *set)
{
    unsigned int i;

    fprintf(file, " %s [", name);
    for (i = 0; i < 8 && set[i] != 0xff; ++i)
    {
        if (set[i] < ARRAY_SIZE(params->RefPicList))
            fprintf(file, "%s%d", i ? " " : "", params->PicOrderCntValList[set[i]]);
        else
            fprintf(file, "%s?%u", i ? " " : "", set[i]);
    }
    fprintf(file, "]");
}

/* One line per picture, from the DXVA buffers themselves:
 * "pic N: surface S poc P nal T [irap] [idr] [intra] slices K bytes B qm XXXXXXXX|none
 *  strps BITS/DELTAS refs [S:POC(:L) ...] before [POC ...] after [POC ...] lt [POC ...]". */
void hevc_dump_picture(FILE *file, const struct codec_picture *picture)
{
    const struct codec_buffer *pp_buffer, *qm_buffer, *slice_buffer, *bs_buffer;
    const DXVA_PicParams_HEVC *params;
    const UCHAR *bytes;
    unsigned int i, nal_type = ~0u;
    uint32_t hash = 2166136261u, flags;

    pp_buffer = find_buffer(picture, D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS);
    qm_buffer = find_buffer(picture, D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX);
    slice_buffer = find_buffer(picture, D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL);
    bs_buffer = find_buffer(picture, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM);
    if (!pp_buffer || !slice_buffer || !bs_buffer)
        return;
    params = pp_buffer->data;
    flags = params->dwCodingSettingPicturePropertyFlags;
    /* The first slice's NAL unit header follows its 00 00 01. */
    bytes = bs_buffer->data;
    if (bs_buffer->size > 3)
        nal_type = (bytes[3] >> 1) & 0x3f;

    fprintf(file, "pic %u: surface %u poc %d nal %u%s%s%s slices %u bytes %u", picture->index,
            params->CurrPic.bPicEntry & 0x7f, params->CurrPicOrderCntVal, nal_type,
            flags & (1u << 16) ? " irap" : "", flags & (1u << 17) ? " idr" : "", flags & (1u << 18) ? " intra" : "",
            (unsigned int)(slice_buffer->size / sizeof(DXVA_Slice_HEVC_Short)), bs_buffer->size);
    if (qm_buffer)
    {
        /* FNV-1a of the scaling lists, to see changes at a glance. */
        for (i = 0, bytes = qm_buffer->data; i < qm_buffer->size; ++i)
            hash = (hash ^ bytes[i]) * 16777619u;
        fprintf(file, " qm %08x", hash);
    }
    else
    {
        fprintf(file, " qm none");
    }
    fprintf(file, " strps %u/%u refs [", params->wNumBitsForShortTermRPSInSlice, params->ucNumDeltaPocsOfRefRpsIdx);
    for (i = 0; i < ARRAY_SIZE(params->RefPicList); ++i)
    {
        if (params->RefPicList[i].bPicEntry == 0xff)
            continue;
        fprintf(file, "%s%u:%d%s", i ? " " : "", params->RefPicList[i].bPicEntry & 0x7f,
                params->PicOrderCntValList[i], params->RefPicList[i].bPicEntry & 0x80 ? ":L" : "");
    }
    fprintf(file, "]");
    dump_ref_set(file, "before", params, params->RefPicSetStCurrBefore);
    dump_ref_set(file, "after", params, params->RefPicSetStCurrAfter);
    dump_ref_set(file, "lt", params, params->RefPicSetLtCurr);
    fprintf(file, "\n");
}
