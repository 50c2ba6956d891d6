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

/* H.265 syntax: sequence and picture parameter sets, short-term reference picture sets and
 * slice segment headers (ITU-T H.265 7.3, semantics and value ranges from 7.4), with the
 * default scaling lists (Table 7-5, 7-6). Everything is bounds-checked: a malformed unit is
 * rejected, never trusted. */

#include "hevc.h"
#include <string.h>

/* Table 7-6, ScalingList[1..3][matrixId][i] in coded (up-right diagonal) order. */
static const uint8_t default_list_intra[64] =
{
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 17, 16, 17, 16, 17, 18,
    17, 18, 18, 17, 18, 21, 19, 20, 21, 20, 19, 21, 24, 22, 22, 24,
    24, 22, 22, 24, 25, 25, 27, 30, 27, 25, 25, 29, 31, 35, 35, 31,
    29, 36, 41, 44, 41, 36, 47, 54, 54, 47, 65, 70, 65, 88, 88, 115,
};

static const uint8_t default_list_inter[64] =
{
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 17, 17, 17, 17, 17, 18,
    18, 18, 18, 18, 18, 20, 20, 20, 20, 20, 20, 20, 24, 24, 24, 24,
    24, 24, 24, 24, 25, 25, 25, 25, 25, 25, 25, 28, 28, 28, 28, 28,
    28, 33, 33, 33, 33, 33, 41, 41, 41, 41, 54, 54, 54, 71, 71, 91,
};

static unsigned int ceil_log2(unsigned int value)
{
    unsigned int bits = 0;

    while ((1u << bits) < value)
        ++bits;
    return bits;
}

/* Table 7-5 (flat 16 for 4x4) and Table 7-6; the DC values default to 16 (7.4.5). */
static void set_default_list(struct hevc_scaling_list *list, unsigned int size_id, unsigned int matrix_id)
{
    if (!size_id)
        memset(list->lists[0][matrix_id], 16, 16);
    else
        memcpy(list->lists[size_id][matrix_id], matrix_id < 3 ? default_list_intra : default_list_inter, 64);
    if (size_id >= 2)
        list->dc[size_id - 2][matrix_id] = 16;
}

static void set_default_scaling_lists(struct hevc_scaling_list *list)
{
    unsigned int size_id, matrix_id;

    memset(list, 0, sizeof(*list));
    for (size_id = 0; size_id < 4; ++size_id)
    {
        for (matrix_id = 0; matrix_id < 6; ++matrix_id)
            set_default_list(list, size_id, matrix_id);
    }
}

/* 7.3.4 scaling_list_data(), 7.4.5. For 4:2:0 the 32x32 lists exist for matrixId 0 and 3
 * only; the others keep their defaults and are never used. */
static void parse_scaling_list_data(struct bit_reader *reader, struct hevc_scaling_list *list)
{
    unsigned int size_id, matrix_id, ref_id, delta, count, i, step;
    int32_t next_coef;

    set_default_scaling_lists(list);
    for (size_id = 0; size_id < 4 && !reader->error; ++size_id)
    {
        step = size_id == 3 ? 3 : 1;
        count = size_id ? 64 : 16;
        for (matrix_id = 0; matrix_id < 6 && !reader->error; matrix_id += step)
        {
            if (!bit_reader_flag(reader))
            {
                /* scaling_list_pred_matrix_id_delta: 0 is the default list, otherwise a copy
                 * of an earlier list of the same size, DC included. */
                delta = bit_reader_ue_max(reader, matrix_id / step);
                if (!delta)
                {
                    set_default_list(list, size_id, matrix_id);
                    continue;
                }
                ref_id = matrix_id - delta * step;
                memcpy(list->lists[size_id][matrix_id], list->lists[size_id][ref_id], count);
                if (size_id >= 2)
                    list->dc[size_id - 2][matrix_id] = list->dc[size_id - 2][ref_id];
                continue;
            }
            next_coef = 8;
            if (size_id >= 2)
            {
                next_coef = bit_reader_se_range(reader, -7, 247) + 8;
                list->dc[size_id - 2][matrix_id] = next_coef;
            }
            for (i = 0; i < count && !reader->error; ++i)
            {
                next_coef = (next_coef + bit_reader_se_range(reader, -128, 127) + 256) % 256;
                list->lists[size_id][matrix_id][i] = next_coef;
            }
        }
    }
}

/* 7.3.3 profile_tier_level(1, maxNumSubLayersMinus1). */
static void parse_profile_tier_level(struct bit_reader *reader, unsigned int max_sub_layers_minus1,
        uint8_t *profile_idc, uint32_t *compatibility_flags, uint8_t *level_idc)
{
    bool profile_present[8], level_present[8];
    unsigned int i;

    bit_reader_skip(reader, 2);                 /* general_profile_space */
    bit_reader_skip(reader, 1);                 /* general_tier_flag */
    *profile_idc = bit_reader_u(reader, 5);
    *compatibility_flags = bit_reader_u(reader, 32);
    /* progressive/interlaced/non-packed/frame-only source flags, 43 constraint bits and
     * general_inbld_flag (or reserved). */
    bit_reader_skip(reader, 4 + 43 + 1);
    *level_idc = bit_reader_u(reader, 8);
    for (i = 0; i < max_sub_layers_minus1; ++i)
    {
        profile_present[i] = bit_reader_flag(reader);
        level_present[i] = bit_reader_flag(reader);
    }
    if (max_sub_layers_minus1)
        bit_reader_skip(reader, 2 * (8 - max_sub_layers_minus1));
    for (i = 0; i < max_sub_layers_minus1; ++i)
    {
        if (profile_present[i])
            bit_reader_skip(reader, 88);
        if (level_present[i])
            bit_reader_skip(reader, 8);
    }
}

/* 7.3.7 st_ref_pic_set(idx) with the derivation of 7.4.8. sets holds the SPS's sets 0..idx-1;
 * idx == num_sets is the slice header's own set. max_entries is
 * sps_max_dec_pic_buffering_minus1[sps_max_sub_layers_minus1]. */
static bool parse_st_rps(struct bit_reader *reader, unsigned int idx, unsigned int num_sets,
        const struct hevc_st_rps *sets, unsigned int max_entries, struct hevc_st_rps *rps,
        unsigned int *ref_num_delta_pocs)
{
    bool used_by_curr_pic_flag[2 * HEVC_MAX_RPS_ENTRIES + 1], use_delta_flag[2 * HEVC_MAX_RPS_ENTRIES + 1];
    unsigned int i, j, ref_idx, num_delta_pocs;
    const struct hevc_st_rps *ref;
    int32_t delta_rps, delta_poc;

    memset(rps, 0, sizeof(*rps));
    *ref_num_delta_pocs = 0;
    if (idx && bit_reader_flag(reader))
    {
        /* inter_ref_pic_set_prediction_flag */
        ref_idx = idx - 1;
        if (idx == num_sets)
            ref_idx = idx - 1 - bit_reader_ue_max(reader, idx - 1);   /* delta_idx_minus1 */
        ref = &sets[ref_idx];
        delta_rps = bit_reader_flag(reader) ? -1 : 1;                  /* delta_rps_sign */
        delta_rps *= (int32_t)bit_reader_ue_max(reader, 32767) + 1;   /* abs_delta_rps_minus1 */
        num_delta_pocs = ref->num_negative_pics + ref->num_positive_pics;
        *ref_num_delta_pocs = num_delta_pocs;
        for (j = 0; j <= num_delta_pocs && !reader->error; ++j)
        {
            used_by_curr_pic_flag[j] = bit_reader_flag(reader);
            use_delta_flag[j] = used_by_curr_pic_flag[j] ? true : bit_reader_flag(reader);
        }
        if (reader->error)
            return false;

        /* (7-61) */
        i = 0;
        for (j = ref->num_positive_pics; j-- > 0;)
        {
            delta_poc = ref->delta_poc_s1[j] + delta_rps;
            if (delta_poc < 0 && use_delta_flag[ref->num_negative_pics + j])
            {
                if (i >= HEVC_MAX_RPS_ENTRIES)
                    return false;
                rps->delta_poc_s0[i] = delta_poc;
                rps->used_s0[i++] = used_by_curr_pic_flag[ref->num_negative_pics + j];
            }
        }
        if (delta_rps < 0 && use_delta_flag[num_delta_pocs])
        {
            if (i >= HEVC_MAX_RPS_ENTRIES)
                return false;
            rps->delta_poc_s0[i] = delta_rps;
            rps->used_s0[i++] = used_by_curr_pic_flag[num_delta_pocs];
        }
        for (j = 0; j < ref->num_negative_pics; ++j)
        {
            delta_poc = ref->delta_poc_s0[j] + delta_rps;
            if (delta_poc < 0 && use_delta_flag[j])
            {
                if (i >= HEVC_MAX_RPS_ENTRIES)
                    return false;
                rps->delta_poc_s0[i] = delta_poc;
                rps->used_s0[i++] = used_by_curr_pic_flag[j];
            }
        }
        rps->num_negative_pics = i;

        /* (7-62) */
        i = 0;
        for (j = ref->num_negative_pics; j-- > 0;)
        {
            delta_poc = ref->delta_poc_s0[j] + delta_rps;
            if (delta_poc > 0 && use_delta_flag[j])
            {
                if (i >= HEVC_MAX_RPS_ENTRIES)
                    return false;
                rps->delta_poc_s1[i] = delta_poc;
                rps->used_s1[i++] = used_by_curr_pic_flag[j];
            }
        }
        if (delta_rps > 0 && use_delta_flag[num_delta_pocs])
        {
            if (i >= HEVC_MAX_RPS_ENTRIES)
                return false;
            rps->delta_poc_s1[i] = delta_rps;
            rps->used_s1[i++] = used_by_curr_pic_flag[num_delta_pocs];
        }
        for (j = 0; j < ref->num_positive_pics; ++j)
        {
            delta_poc = ref->delta_poc_s1[j] + delta_rps;
            if (delta_poc > 0 && use_delta_flag[ref->num_negative_pics + j])
            {
                if (i >= HEVC_MAX_RPS_ENTRIES)
                    return false;
                rps->delta_poc_s1[i] = delta_poc;
                rps->used_s1[i++] = used_by_curr_pic_flag[ref->num_negative_pics + j];
            }
        }
        rps->num_positive_pics = i;
    }
    else
    {
        rps->num_negative_pics = bit_reader_ue_max(reader, max_entries);
        rps->num_positive_pics = bit_reader_ue_max(reader, max_entries - rps->num_negative_pics);
        /* (7-63) to (7-66) */
        for (i = 0; i < rps->num_negative_pics && !reader->error; ++i)
        {
            delta_poc = (int32_t)bit_reader_ue_max(reader, 32767) + 1;
            rps->delta_poc_s0[i] = (i ? rps->delta_poc_s0[i - 1] : 0) - delta_poc;
            rps->used_s0[i] = bit_reader_flag(reader);
        }
        for (i = 0; i < rps->num_positive_pics && !reader->error; ++i)
        {
            delta_poc = (int32_t)bit_reader_ue_max(reader, 32767) + 1;
            rps->delta_poc_s1[i] = (i ? rps->delta_poc_s1[i - 1] : 0) + delta_poc;
            rps->used_s1[i] = bit_reader_flag(reader);
        }
    }
    return !reader->error && rps->num_negative_pics + rps->num_positive_pics <= max_entries;
}

bool hevc_parse_sps(const uint8_t *rbsp, size_t size, struct hevc_sps *sps, const char **error)
{
    unsigned int i, first, min_cb_size, sub_width, sub_height, min_tb_log2, max_tb_log2, max_entries;
    unsigned int ref_num_delta_pocs, pcm_min_log2, pcm_max_log2;
    struct bit_reader reader;

    memset(sps, 0, sizeof(*sps));
    *error = "malformed sequence parameter set";
    bit_reader_init(&reader, rbsp, size);
    sps->vps_id = bit_reader_u(&reader, 4);
    sps->max_sub_layers_minus1 = bit_reader_u(&reader, 3);
    if (sps->max_sub_layers_minus1 > 6)
        return false;
    bit_reader_skip(&reader, 1);                /* sps_temporal_id_nesting_flag */
    parse_profile_tier_level(&reader, sps->max_sub_layers_minus1, &sps->general_profile_idc,
            &sps->general_profile_compatibility_flags, &sps->general_level_idc);
    sps->sps_id = bit_reader_ue_max(&reader, HEVC_MAX_SPS_COUNT - 1);
    sps->chroma_format_idc = bit_reader_ue_max(&reader, 3);
    if (sps->chroma_format_idc == 3)
        sps->separate_colour_plane_flag = bit_reader_flag(&reader);
    sps->pic_width_in_luma_samples = bit_reader_ue_max(&reader, HEVC_MAX_DIMENSION);
    sps->pic_height_in_luma_samples = bit_reader_ue_max(&reader, HEVC_MAX_DIMENSION);
    if ((sps->conformance_window_flag = bit_reader_flag(&reader)))
    {
        sps->conf_win_left_offset = bit_reader_ue_max(&reader, HEVC_MAX_DIMENSION);
        sps->conf_win_right_offset = bit_reader_ue_max(&reader, HEVC_MAX_DIMENSION);
        sps->conf_win_top_offset = bit_reader_ue_max(&reader, HEVC_MAX_DIMENSION);
        sps->conf_win_bottom_offset = bit_reader_ue_max(&reader, HEVC_MAX_DIMENSION);
    }
    sps->bit_depth_luma_minus8 = bit_reader_ue_max(&reader, 8);
    sps->bit_depth_chroma_minus8 = bit_reader_ue_max(&reader, 8);
    sps->log2_max_pic_order_cnt_lsb_minus4 = bit_reader_ue_max(&reader, 12);
    /* sps_sub_layer_ordering_info_present_flag: without it only the highest sub-layer's values
     * are sent and the lower ones take them (7.4.3.2.1). */
    first = bit_reader_flag(&reader) ? 0 : sps->max_sub_layers_minus1;
    for (i = first; i <= sps->max_sub_layers_minus1 && !reader.error; ++i)
    {
        sps->max_dec_pic_buffering_minus1[i] = bit_reader_ue_max(&reader, HEVC_MAX_DPB_SIZE - 1);
        sps->max_num_reorder_pics[i] = bit_reader_ue_max(&reader, sps->max_dec_pic_buffering_minus1[i]);
        sps->max_latency_increase_plus1[i] = bit_reader_ue_max(&reader, UINT32_MAX - 1);
        if (i && (sps->max_dec_pic_buffering_minus1[i] < sps->max_dec_pic_buffering_minus1[i - 1]
                || sps->max_num_reorder_pics[i] < sps->max_num_reorder_pics[i - 1]))
            reader.error = true;
    }
    for (i = 0; i < first; ++i)
    {
        sps->max_dec_pic_buffering_minus1[i] = sps->max_dec_pic_buffering_minus1[first];
        sps->max_num_reorder_pics[i] = sps->max_num_reorder_pics[first];
        sps->max_latency_increase_plus1[i] = sps->max_latency_increase_plus1[first];
    }
    sps->log2_min_luma_coding_block_size_minus3 = bit_reader_ue_max(&reader, 3);
    sps->log2_diff_max_min_luma_coding_block_size = bit_reader_ue_max(&reader, 3);
    sps->log2_min_luma_transform_block_size_minus2 = bit_reader_ue_max(&reader, 3);
    sps->log2_diff_max_min_luma_transform_block_size = bit_reader_ue_max(&reader, 3);
    sps->max_transform_hierarchy_depth_inter = bit_reader_ue_max(&reader, 4);
    sps->max_transform_hierarchy_depth_intra = bit_reader_ue_max(&reader, 4);
    if (reader.error)
        return false;

    sps->min_cb_log2_size = sps->log2_min_luma_coding_block_size_minus3 + 3;
    sps->ctb_log2_size = sps->min_cb_log2_size + sps->log2_diff_max_min_luma_coding_block_size;
    min_tb_log2 = sps->log2_min_luma_transform_block_size_minus2 + 2;
    max_tb_log2 = min_tb_log2 + sps->log2_diff_max_min_luma_transform_block_size;
    if (sps->ctb_log2_size > 6 || min_tb_log2 >= sps->min_cb_log2_size || max_tb_log2 > 5
            || max_tb_log2 > sps->ctb_log2_size
            || sps->max_transform_hierarchy_depth_inter > sps->ctb_log2_size - min_tb_log2
            || sps->max_transform_hierarchy_depth_intra > sps->ctb_log2_size - min_tb_log2)
    {
        *error = "invalid coding or transform block sizes in the sequence parameter set";
        return false;
    }

    if ((sps->scaling_list_enabled_flag = bit_reader_flag(&reader)))
    {
        /* Without sps_scaling_list_data_present_flag the default lists apply (7.4.3.2.1). */
        if ((sps->sps_scaling_list_data_present_flag = bit_reader_flag(&reader)))
            parse_scaling_list_data(&reader, &sps->scaling_list);
        else
            set_default_scaling_lists(&sps->scaling_list);
    }
    else
    {
        set_default_scaling_lists(&sps->scaling_list);
    }
    sps->amp_enabled_flag = bit_reader_flag(&reader);
    sps->sample_adaptive_offset_enabled_flag = bit_reader_flag(&reader);
    if ((sps->pcm_enabled_flag = bit_reader_flag(&reader)))
    {
        sps->pcm_sample_bit_depth_luma_minus1 = bit_reader_u(&reader, 4);
        sps->pcm_sample_bit_depth_chroma_minus1 = bit_reader_u(&reader, 4);
        sps->log2_min_pcm_luma_coding_block_size_minus3 = bit_reader_ue_max(&reader, 2);
        sps->log2_diff_max_min_pcm_luma_coding_block_size = bit_reader_ue_max(&reader, 2);
        sps->pcm_loop_filter_disabled_flag = bit_reader_flag(&reader);
        /* 7.4.3.2.1: PCM bit depths up to the coded ones, PCM sizes from MinCbSizeY to
         * Min(CtbSizeY, 32). */
        pcm_min_log2 = sps->log2_min_pcm_luma_coding_block_size_minus3 + 3u;
        pcm_max_log2 = pcm_min_log2 + sps->log2_diff_max_min_pcm_luma_coding_block_size;
        if (sps->pcm_sample_bit_depth_luma_minus1 > sps->bit_depth_luma_minus8 + 7
                || sps->pcm_sample_bit_depth_chroma_minus1 > sps->bit_depth_chroma_minus8 + 7
                || pcm_min_log2 < sps->min_cb_log2_size || pcm_max_log2 > 5 || pcm_max_log2 > sps->ctb_log2_size)
            reader.error = true;
    }
    max_entries = sps->max_dec_pic_buffering_minus1[sps->max_sub_layers_minus1];
    sps->num_short_term_ref_pic_sets = bit_reader_ue_max(&reader, HEVC_MAX_SHORT_TERM_RPS);
    for (i = 0; i < sps->num_short_term_ref_pic_sets && !reader.error; ++i)
    {
        if (!parse_st_rps(&reader, i, sps->num_short_term_ref_pic_sets, sps->st_rps, max_entries,
                &sps->st_rps[i], &ref_num_delta_pocs))
        {
            *error = "invalid short-term reference picture set in the sequence parameter set";
            return false;
        }
    }
    if ((sps->long_term_ref_pics_present_flag = bit_reader_flag(&reader)))
    {
        sps->num_long_term_ref_pics_sps = bit_reader_ue_max(&reader, HEVC_MAX_LONG_TERM_REF_PICS_SPS);
        for (i = 0; i < sps->num_long_term_ref_pics_sps && !reader.error; ++i)
        {
            sps->lt_ref_pic_poc_lsb_sps[i] = bit_reader_u(&reader, sps->log2_max_pic_order_cnt_lsb_minus4 + 4);
            sps->used_by_curr_pic_lt_sps_flag[i] = bit_reader_flag(&reader);
        }
    }
    sps->sps_temporal_mvp_enabled_flag = bit_reader_flag(&reader);
    sps->strong_intra_smoothing_enabled_flag = bit_reader_flag(&reader);
    /* vui_parameters_present_flag and what follows (VUI, extensions) are not needed. */
    if (reader.error)
        return false;

    min_cb_size = 1u << sps->min_cb_log2_size;
    if (!sps->pic_width_in_luma_samples || !sps->pic_height_in_luma_samples
            || sps->pic_width_in_luma_samples % min_cb_size || sps->pic_height_in_luma_samples % min_cb_size
            || (uint64_t)sps->pic_width_in_luma_samples * sps->pic_height_in_luma_samples > HEVC_MAX_LUMA_PS)
    {
        *error = "invalid picture size in the sequence parameter set";
        return false;
    }
    sps->pic_width_in_ctbs = (sps->pic_width_in_luma_samples + (1u << sps->ctb_log2_size) - 1) >> sps->ctb_log2_size;
    sps->pic_height_in_ctbs = (sps->pic_height_in_luma_samples + (1u << sps->ctb_log2_size) - 1) >> sps->ctb_log2_size;
    /* Table 6-1: SubWidthC, SubHeightC; the window is in chroma sample units. */
    sub_width = sps->chroma_format_idc == 1 || sps->chroma_format_idc == 2 ? 2 : 1;
    sub_height = sps->chroma_format_idc == 1 ? 2 : 1;
    if (sub_width * (sps->conf_win_left_offset + sps->conf_win_right_offset) >= sps->pic_width_in_luma_samples
            || sub_height * (sps->conf_win_top_offset + sps->conf_win_bottom_offset) >= sps->pic_height_in_luma_samples)
    {
        *error = "invalid conformance window";
        return false;
    }
    sps->valid = true;
    return true;
}

bool hevc_parse_pps(const uint8_t *rbsp, size_t size, struct hevc_pps *pps, const char **error)
{
    struct bit_reader reader;
    unsigned int i;

    memset(pps, 0, sizeof(*pps));
    *error = "malformed picture parameter set";
    bit_reader_init(&reader, rbsp, size);
    pps->pps_id = bit_reader_ue_max(&reader, HEVC_MAX_PPS_COUNT - 1);
    pps->sps_id = bit_reader_ue_max(&reader, HEVC_MAX_SPS_COUNT - 1);
    pps->dependent_slice_segments_enabled_flag = bit_reader_flag(&reader);
    pps->output_flag_present_flag = bit_reader_flag(&reader);
    pps->num_extra_slice_header_bits = bit_reader_u(&reader, 3);
    pps->sign_data_hiding_enabled_flag = bit_reader_flag(&reader);
    pps->cabac_init_present_flag = bit_reader_flag(&reader);
    pps->num_ref_idx_l0_default_active_minus1 = bit_reader_ue_max(&reader, 14);
    pps->num_ref_idx_l1_default_active_minus1 = bit_reader_ue_max(&reader, 14);
    /* -(26 + QpBdOffsetY) is checked against the SPS's bit depth in hevc_check_pps(). */
    pps->init_qp_minus26 = bit_reader_se_range(&reader, -(26 + 6 * 8), 25);
    pps->constrained_intra_pred_flag = bit_reader_flag(&reader);
    pps->transform_skip_enabled_flag = bit_reader_flag(&reader);
    if ((pps->cu_qp_delta_enabled_flag = bit_reader_flag(&reader)))
        pps->diff_cu_qp_delta_depth = bit_reader_ue_max(&reader, 3);
    pps->pps_cb_qp_offset = bit_reader_se_range(&reader, -12, 12);
    pps->pps_cr_qp_offset = bit_reader_se_range(&reader, -12, 12);
    pps->pps_slice_chroma_qp_offsets_present_flag = bit_reader_flag(&reader);
    pps->weighted_pred_flag = bit_reader_flag(&reader);
    pps->weighted_bipred_flag = bit_reader_flag(&reader);
    pps->transquant_bypass_enabled_flag = bit_reader_flag(&reader);
    pps->tiles_enabled_flag = bit_reader_flag(&reader);
    pps->entropy_coding_sync_enabled_flag = bit_reader_flag(&reader);
    /* Inferred when absent (7.4.3.3). */
    pps->uniform_spacing_flag = true;
    pps->loop_filter_across_tiles_enabled_flag = true;
    if (pps->tiles_enabled_flag)
    {
        pps->num_tile_columns_minus1 = bit_reader_ue_max(&reader, HEVC_MAX_TILE_COLUMNS - 1);
        pps->num_tile_rows_minus1 = bit_reader_ue_max(&reader, HEVC_MAX_TILE_ROWS - 1);
        if (!pps->num_tile_columns_minus1 && !pps->num_tile_rows_minus1)
            reader.error = true;
        if (!(pps->uniform_spacing_flag = bit_reader_flag(&reader)))
        {
            for (i = 0; i < pps->num_tile_columns_minus1 && !reader.error; ++i)
                pps->column_width_minus1[i] = bit_reader_ue_max(&reader, HEVC_MAX_DIMENSION / 16);
            for (i = 0; i < pps->num_tile_rows_minus1 && !reader.error; ++i)
                pps->row_height_minus1[i] = bit_reader_ue_max(&reader, HEVC_MAX_DIMENSION / 16);
        }
        pps->loop_filter_across_tiles_enabled_flag = bit_reader_flag(&reader);
    }
    pps->pps_loop_filter_across_slices_enabled_flag = bit_reader_flag(&reader);
    if ((pps->deblocking_filter_control_present_flag = bit_reader_flag(&reader)))
    {
        pps->deblocking_filter_override_enabled_flag = bit_reader_flag(&reader);
        if (!(pps->pps_deblocking_filter_disabled_flag = bit_reader_flag(&reader)))
        {
            pps->pps_beta_offset_div2 = bit_reader_se_range(&reader, -6, 6);
            pps->pps_tc_offset_div2 = bit_reader_se_range(&reader, -6, 6);
        }
    }
    if ((pps->pps_scaling_list_data_present_flag = bit_reader_flag(&reader)))
        parse_scaling_list_data(&reader, &pps->scaling_list);
    pps->lists_modification_present_flag = bit_reader_flag(&reader);
    pps->log2_parallel_merge_level_minus2 = bit_reader_ue_max(&reader, 4);
    pps->slice_segment_header_extension_present_flag = bit_reader_flag(&reader);
    /* pps_extension_present_flag, then pps_range_extension_flag first among the extensions. */
    if (bit_reader_flag(&reader))
        pps->pps_range_extension_flag = bit_reader_flag(&reader);
    if (reader.error)
        return false;
    pps->valid = true;
    return true;
}

bool hevc_check_pps(const struct hevc_pps *pps, const struct hevc_sps *sps, const char **error)
{
    unsigned int i, sum;

    if (pps->init_qp_minus26 < -(26 + 6 * sps->bit_depth_luma_minus8))
    {
        *error = "init_qp_minus26 is out of range for the bit depth";
        return false;
    }
    if (pps->diff_cu_qp_delta_depth > sps->log2_diff_max_min_luma_coding_block_size
            || pps->log2_parallel_merge_level_minus2 + 2u > sps->ctb_log2_size)
    {
        *error = "the picture parameter set does not fit the sequence parameter set";
        return false;
    }
    if (pps->tiles_enabled_flag)
    {
        if (pps->num_tile_columns_minus1 >= sps->pic_width_in_ctbs
                || pps->num_tile_rows_minus1 >= sps->pic_height_in_ctbs)
        {
            *error = "more tiles than coding tree blocks";
            return false;
        }
        if (!pps->uniform_spacing_flag)
        {
            for (i = 0, sum = 0; i < pps->num_tile_columns_minus1; ++i)
                sum += pps->column_width_minus1[i] + 1;
            if (sum >= sps->pic_width_in_ctbs)
            {
                *error = "the tile columns are wider than the picture";
                return false;
            }
            for (i = 0, sum = 0; i < pps->num_tile_rows_minus1; ++i)
                sum += pps->row_height_minus1[i] + 1;
            if (sum >= sps->pic_height_in_ctbs)
            {
                *error = "the tile rows are taller than the picture";
                return false;
            }
        }
    }
    return true;
}

bool hevc_parse_slice_header(const uint8_t *rbsp, size_t size, uint8_t nal_unit_type, uint8_t temporal_id,
        const struct hevc_sps *sps_list, const struct hevc_pps *pps_list, struct hevc_slice_header *header,
        const char **error)
{
    unsigned int i, idx, max_lsb_bits, max_entries, count;
    const struct hevc_sps *sps;
    const struct hevc_pps *pps;
    struct bit_reader reader;
    size_t start;

    memset(header, 0, sizeof(*header));
    *error = "malformed slice segment header";
    header->nal_unit_type = nal_unit_type;
    header->temporal_id = temporal_id;
    bit_reader_init(&reader, rbsp, size);
    header->first_slice_segment_in_pic_flag = bit_reader_flag(&reader);
    if (hevc_is_irap(nal_unit_type))
        header->no_output_of_prior_pics_flag = bit_reader_flag(&reader);
    header->pps_id = bit_reader_ue_max(&reader, HEVC_MAX_PPS_COUNT - 1);
    if (reader.error)
        return false;
    pps = &pps_list[header->pps_id];
    if (!pps->valid)
    {
        *error = "a slice refers to a missing picture parameter set";
        return false;
    }
    sps = &sps_list[pps->sps_id];
    if (!sps->valid)
    {
        *error = "a slice refers to a missing sequence parameter set";
        return false;
    }
    if (!header->first_slice_segment_in_pic_flag)
    {
        if (pps->dependent_slice_segments_enabled_flag)
            header->dependent_slice_segment_flag = bit_reader_flag(&reader);
        count = sps->pic_width_in_ctbs * sps->pic_height_in_ctbs;
        header->slice_segment_address = bit_reader_u(&reader, ceil_log2(count));
        if (!header->slice_segment_address || header->slice_segment_address >= count)
            reader.error = true;
    }
    if (header->dependent_slice_segment_flag)
        return !reader.error;

    bit_reader_skip(&reader, pps->num_extra_slice_header_bits);     /* slice_reserved_flag[] */
    header->slice_type = bit_reader_ue_max(&reader, HEVC_SLICE_I);
    header->pic_output_flag = pps->output_flag_present_flag ? bit_reader_flag(&reader) : true;
    if (sps->separate_colour_plane_flag)
        header->colour_plane_id = bit_reader_u(&reader, 2);
    if (hevc_is_idr(nal_unit_type))
        return !reader.error;

    max_lsb_bits = sps->log2_max_pic_order_cnt_lsb_minus4 + 4;
    max_entries = sps->max_dec_pic_buffering_minus1[sps->max_sub_layers_minus1];
    header->slice_pic_order_cnt_lsb = bit_reader_u(&reader, max_lsb_bits);
    if (!(header->short_term_ref_pic_set_sps_flag = bit_reader_flag(&reader)))
    {
        start = reader.pos;
        if (!parse_st_rps(&reader, sps->num_short_term_ref_pic_sets, sps->num_short_term_ref_pic_sets,
                sps->st_rps, max_entries, &header->st_rps, &header->st_rps_ref_num_delta_pocs))
        {
            *error = "invalid short-term reference picture set in a slice header";
            return false;
        }
        header->st_rps_bits = reader.pos - start;
    }
    else
    {
        if (!sps->num_short_term_ref_pic_sets)
            return false;
        if (sps->num_short_term_ref_pic_sets > 1)
            header->short_term_ref_pic_set_idx = bit_reader_u(&reader, ceil_log2(sps->num_short_term_ref_pic_sets));
        if (header->short_term_ref_pic_set_idx >= sps->num_short_term_ref_pic_sets)
            return false;
        header->st_rps = sps->st_rps[header->short_term_ref_pic_set_idx];
    }
    if (sps->long_term_ref_pics_present_flag)
    {
        if (sps->num_long_term_ref_pics_sps)
            header->num_long_term_sps = bit_reader_ue_max(&reader, sps->num_long_term_ref_pics_sps);
        header->num_long_term_pics = bit_reader_ue_max(&reader, HEVC_MAX_LONG_TERM_PICS);
        count = header->num_long_term_sps + header->num_long_term_pics;
        if (count + header->st_rps.num_negative_pics + header->st_rps.num_positive_pics > max_entries)
        {
            *error = "a slice header has more reference pictures than the DPB holds";
            return false;
        }
        for (i = 0; i < count && !reader.error; ++i)
        {
            if (i < header->num_long_term_sps)
            {
                idx = 0;
                if (sps->num_long_term_ref_pics_sps > 1)
                    idx = bit_reader_u(&reader, ceil_log2(sps->num_long_term_ref_pics_sps));
                if (idx >= sps->num_long_term_ref_pics_sps)
                    return false;
                header->poc_lsb_lt[i] = sps->lt_ref_pic_poc_lsb_sps[idx];
                header->used_by_curr_pic_lt_flag[i] = sps->used_by_curr_pic_lt_sps_flag[idx];
            }
            else
            {
                header->poc_lsb_lt[i] = bit_reader_u(&reader, max_lsb_bits);
                header->used_by_curr_pic_lt_flag[i] = bit_reader_flag(&reader);
            }
            if ((header->delta_poc_msb_present_flag[i] = bit_reader_flag(&reader)))
                header->delta_poc_msb_cycle_lt[i] = bit_reader_ue_max(&reader, UINT32_MAX >> max_lsb_bits);
            /* (7-52): the cycles accumulate within the SPS entries and within the others. */
            if (i && i != header->num_long_term_sps)
                header->delta_poc_msb_cycle_lt[i] += header->delta_poc_msb_cycle_lt[i - 1];
        }
    }
    if (sps->sps_temporal_mvp_enabled_flag)
        header->slice_temporal_mvp_enabled_flag = bit_reader_flag(&reader);
    return !reader.error;
}
