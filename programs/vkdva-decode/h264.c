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

/* H.264 syntax: sequence and picture parameter sets and slice headers (ITU-T H.264 7.3,
 * semantics and value ranges from 7.4), scaling list fall-back (Table 7-2) and the DPB size
 * (Annex A). Everything is bounds-checked: a malformed unit is rejected, never trusted. */

#include "h264.h"
#include <string.h>

/* Table 7-3 and 7-4, in zig-zag scan order (idx). */
static const uint8_t default_4x4_intra[16] =
{
    6, 13, 13, 20, 20, 20, 28, 28, 28, 28, 32, 32, 32, 37, 37, 42,
};

static const uint8_t default_4x4_inter[16] =
{
    10, 14, 14, 20, 20, 20, 24, 24, 24, 24, 27, 27, 27, 30, 30, 34,
};

static const uint8_t default_8x8_intra[64] =
{
     6, 10, 10, 13, 11, 13, 16, 16, 16, 16, 18, 18, 18, 18, 18, 23,
    23, 23, 23, 23, 23, 25, 25, 25, 25, 25, 25, 25, 27, 27, 27, 27,
    27, 27, 27, 27, 29, 29, 29, 29, 29, 29, 29, 31, 31, 31, 31, 31,
    31, 33, 33, 33, 33, 33, 36, 36, 36, 36, 38, 38, 38, 40, 40, 42,
};

static const uint8_t default_8x8_inter[64] =
{
     9, 13, 13, 15, 13, 15, 17, 17, 17, 17, 19, 19, 19, 19, 19, 21,
    21, 21, 21, 21, 21, 22, 22, 22, 22, 22, 22, 22, 24, 24, 24, 24,
    24, 24, 24, 24, 25, 25, 25, 25, 25, 25, 25, 27, 27, 27, 27, 27,
    27, 28, 28, 28, 28, 28, 30, 30, 30, 30, 32, 32, 32, 33, 33, 35,
};

/* 7.3.2.1.1.1 scaling_list(), into zig-zag order; returns 2 for useDefaultScalingMatrixFlag,
 * 1 otherwise. */
static unsigned int parse_scaling_list(struct bit_reader *reader, uint8_t *list, unsigned int size)
{
    unsigned int last_scale = 8, next_scale = 8, j;
    int32_t delta_scale;

    for (j = 0; j < size; ++j)
    {
        if (next_scale)
        {
            delta_scale = bit_reader_se_range(reader, -128, 127);
            next_scale = (last_scale + delta_scale + 256) % 256;
            if (!j && !next_scale)
                return 2;
        }
        list[j] = next_scale ? next_scale : last_scale;
        last_scale = list[j];
    }
    return 1;
}

static const uint8_t *default_list(unsigned int i)
{
    if (i < 6)
        return i < 3 ? default_4x4_intra : default_4x4_inter;
    return (i - 6) & 1 ? default_8x8_inter : default_8x8_intra;
}

/* Applies Table 7-2: fall-back rule A (fallback_4x4/8x8 NULL: the default lists) or rule B
 * (the sequence-level lists) to the lists that are absent. present[] uses the encoding of
 * struct h264_pps.scaling_list_present. */
static void resolve_scaling_lists(const uint8_t *present, const uint8_t in_4x4[6][16], const uint8_t in_8x8[6][64],
        const uint8_t fallback_4x4[6][16], const uint8_t fallback_8x8[6][64], unsigned int count,
        uint8_t out_4x4[6][16], uint8_t out_8x8[6][64])
{
    unsigned int i, j;

    for (i = 0; i < 6; ++i)
    {
        if (present[i] == 1)
            memcpy(out_4x4[i], in_4x4[i], 16);
        else if (present[i] == 2)
            memcpy(out_4x4[i], default_list(i), 16);
        else if (i == 0 || i == 3)
            memcpy(out_4x4[i], fallback_4x4 ? fallback_4x4[i] : default_list(i), 16);
        else
            memcpy(out_4x4[i], out_4x4[i - 1], 16);
    }
    for (j = 0; j < 6; ++j)
    {
        i = j + 6;
        if (i < count && present[i] == 1)
            memcpy(out_8x8[j], in_8x8[j], 64);
        else if (i < count && present[i] == 2)
            memcpy(out_8x8[j], default_list(i), 64);
        else if (j < 2)
            memcpy(out_8x8[j], fallback_8x8 ? fallback_8x8[j] : default_list(i), 64);
        else
            memcpy(out_8x8[j], out_8x8[j - 2], 64);
    }
}

/* Reads the scaling lists of an SPS or PPS into the transmitted form. */
static void parse_scaling_matrix(struct bit_reader *reader, unsigned int count, uint8_t *present,
        uint8_t lists_4x4[6][16], uint8_t lists_8x8[6][64])
{
    unsigned int i;

    memset(present, 0, 12);
    for (i = 0; i < count && !reader->error; ++i)
    {
        if (!bit_reader_flag(reader))
            continue;
        if (i < 6)
            present[i] = parse_scaling_list(reader, lists_4x4[i], 16);
        else
            present[i] = parse_scaling_list(reader, lists_8x8[i - 6], 64);
    }
}

/* E.1.2 hrd_parameters(), skipped. */
static void skip_hrd_parameters(struct bit_reader *reader)
{
    unsigned int cpb_cnt, i;

    cpb_cnt = bit_reader_ue_max(reader, 31) + 1;
    bit_reader_skip(reader, 8);
    for (i = 0; i < cpb_cnt && !reader->error; ++i)
    {
        bit_reader_ue(reader);
        bit_reader_ue(reader);
        bit_reader_skip(reader, 1);
    }
    bit_reader_skip(reader, 20);
}

/* E.1.1 vui_parameters(); only the bitstream restriction matters here. */
static bool parse_vui(struct bit_reader *reader, struct h264_sps *sps)
{
    bool nal_hrd, vcl_hrd;

    if (bit_reader_flag(reader))                /* aspect_ratio_info_present_flag */
    {
        if (bit_reader_u(reader, 8) == 255)     /* Extended_SAR */
            bit_reader_skip(reader, 32);
    }
    if (bit_reader_flag(reader))                /* overscan_info_present_flag */
        bit_reader_skip(reader, 1);
    if (bit_reader_flag(reader))                /* video_signal_type_present_flag */
    {
        bit_reader_skip(reader, 4);
        if (bit_reader_flag(reader))            /* colour_description_present_flag */
            bit_reader_skip(reader, 24);
    }
    if (bit_reader_flag(reader))                /* chroma_loc_info_present_flag */
    {
        bit_reader_ue(reader);
        bit_reader_ue(reader);
    }
    if (bit_reader_flag(reader))                /* timing_info_present_flag */
        bit_reader_skip(reader, 65);
    if ((nal_hrd = bit_reader_flag(reader)))
        skip_hrd_parameters(reader);
    if ((vcl_hrd = bit_reader_flag(reader)))
        skip_hrd_parameters(reader);
    if (nal_hrd || vcl_hrd)
        bit_reader_skip(reader, 1);             /* low_delay_hrd_flag */
    bit_reader_skip(reader, 1);                 /* pic_struct_present_flag */
    if ((sps->bitstream_restriction_flag = bit_reader_flag(reader)))
    {
        bit_reader_skip(reader, 1);             /* motion_vectors_over_pic_boundaries_flag */
        bit_reader_ue(reader);                  /* max_bytes_per_pic_denom */
        bit_reader_ue(reader);                  /* max_bits_per_mb_denom */
        bit_reader_ue(reader);                  /* log2_max_mv_length_horizontal */
        bit_reader_ue(reader);                  /* log2_max_mv_length_vertical */
        sps->max_num_reorder_frames = bit_reader_ue_max(reader, 16);
        sps->max_dec_frame_buffering = bit_reader_ue_max(reader, 16);
    }
    return !reader->error;
}

static bool profile_has_chroma_info(unsigned int profile_idc)
{
    static const uint8_t profiles[] = {100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135};
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(profiles); ++i)
    {
        if (profiles[i] == profile_idc)
            return true;
    }
    return false;
}

bool h264_parse_sps(const uint8_t *rbsp, size_t size, struct h264_sps *sps, const char **error)
{
    uint8_t present[12], lists_4x4[6][16], lists_8x8[6][64];
    unsigned int i, crop_unit_x, crop_unit_y;
    struct bit_reader reader;
    uint32_t value;

    memset(sps, 0, sizeof(*sps));
    bit_reader_init(&reader, rbsp, size);
    sps->profile_idc = bit_reader_u(&reader, 8);
    sps->constraint_flags = bit_reader_u(&reader, 8);
    sps->level_idc = bit_reader_u(&reader, 8);
    sps->sps_id = bit_reader_ue_max(&reader, H264_MAX_SPS_COUNT - 1);
    sps->chroma_format_idc = 1;
    if (profile_has_chroma_info(sps->profile_idc))
    {
        sps->chroma_format_idc = bit_reader_ue_max(&reader, 3);
        if (sps->chroma_format_idc == 3)
            sps->separate_colour_plane_flag = bit_reader_flag(&reader);
        sps->bit_depth_luma_minus8 = bit_reader_ue_max(&reader, 6);
        sps->bit_depth_chroma_minus8 = bit_reader_ue_max(&reader, 6);
        sps->qpprime_y_zero_transform_bypass_flag = bit_reader_flag(&reader);
        if ((sps->seq_scaling_matrix_present_flag = bit_reader_flag(&reader)))
            parse_scaling_matrix(&reader, sps->chroma_format_idc != 3 ? 8 : 12, present, lists_4x4, lists_8x8);
    }
    if (sps->seq_scaling_matrix_present_flag)
    {
        /* Fall-back rule A; an absent 4:4:4 chroma 8x8 list falls back like the others. */
        resolve_scaling_lists(present, lists_4x4, lists_8x8, NULL, NULL, sps->chroma_format_idc != 3 ? 8 : 12,
                sps->scaling_list_4x4, sps->scaling_list_8x8);
    }
    else
    {
        memset(sps->scaling_list_4x4, 16, sizeof(sps->scaling_list_4x4));
        memset(sps->scaling_list_8x8, 16, sizeof(sps->scaling_list_8x8));
    }
    sps->log2_max_frame_num_minus4 = bit_reader_ue_max(&reader, 12);
    sps->pic_order_cnt_type = bit_reader_ue_max(&reader, 2);
    if (sps->pic_order_cnt_type == 0)
    {
        sps->log2_max_pic_order_cnt_lsb_minus4 = bit_reader_ue_max(&reader, 12);
    }
    else if (sps->pic_order_cnt_type == 1)
    {
        sps->delta_pic_order_always_zero_flag = bit_reader_flag(&reader);
        sps->offset_for_non_ref_pic = bit_reader_se_range(&reader, -INT32_MAX, INT32_MAX);
        sps->offset_for_top_to_bottom_field = bit_reader_se_range(&reader, -INT32_MAX, INT32_MAX);
        sps->num_ref_frames_in_pic_order_cnt_cycle = bit_reader_ue_max(&reader, 255);
        for (i = 0; i < sps->num_ref_frames_in_pic_order_cnt_cycle && !reader.error; ++i)
        {
            sps->offset_for_ref_frame[i] = bit_reader_se_range(&reader, -INT32_MAX, INT32_MAX);
            sps->expected_delta_per_pic_order_cnt_cycle += sps->offset_for_ref_frame[i];
        }
    }
    sps->max_num_ref_frames = bit_reader_ue_max(&reader, H264_MAX_REF_FRAMES);
    sps->gaps_in_frame_num_value_allowed_flag = bit_reader_flag(&reader);
    sps->pic_width_in_mbs = bit_reader_ue_max(&reader, H264_MAX_WIDTH_IN_MBS - 1) + 1;
    sps->pic_height_in_map_units = bit_reader_ue_max(&reader, H264_MAX_WIDTH_IN_MBS - 1) + 1;
    sps->frame_mbs_only_flag = bit_reader_flag(&reader);
    if (!sps->frame_mbs_only_flag)
        sps->mb_adaptive_frame_field_flag = bit_reader_flag(&reader);
    sps->frame_height_in_mbs = (2 - sps->frame_mbs_only_flag) * sps->pic_height_in_map_units;
    sps->direct_8x8_inference_flag = bit_reader_flag(&reader);
    if ((sps->frame_cropping_flag = bit_reader_flag(&reader)))
    {
        sps->frame_crop_left_offset = bit_reader_ue_max(&reader, 8 * H264_MAX_WIDTH_IN_MBS);
        sps->frame_crop_right_offset = bit_reader_ue_max(&reader, 8 * H264_MAX_WIDTH_IN_MBS);
        sps->frame_crop_top_offset = bit_reader_ue_max(&reader, 8 * H264_MAX_WIDTH_IN_MBS);
        sps->frame_crop_bottom_offset = bit_reader_ue_max(&reader, 8 * H264_MAX_WIDTH_IN_MBS);
    }
    if (reader.error)
    {
        *error = "malformed sequence parameter set";
        return false;
    }
    if (sps->pic_width_in_mbs * sps->frame_height_in_mbs > H264_MAX_FRAME_SIZE_IN_MBS)
    {
        *error = "picture size exceeds level 6.2 limits";
        return false;
    }
    /* 7.4.2.1.1: CropUnitX/CropUnitY. */
    crop_unit_x = 1;
    crop_unit_y = 2 - sps->frame_mbs_only_flag;
    if (!sps->separate_colour_plane_flag && sps->chroma_format_idc)
    {
        crop_unit_x = sps->chroma_format_idc == 3 ? 1 : 2;
        crop_unit_y *= sps->chroma_format_idc == 1 ? 2 : 1;
    }
    value = crop_unit_x * (sps->frame_crop_left_offset + sps->frame_crop_right_offset);
    if (value >= 16 * sps->pic_width_in_mbs)
    {
        *error = "invalid horizontal frame cropping";
        return false;
    }
    value = crop_unit_y * (sps->frame_crop_top_offset + sps->frame_crop_bottom_offset);
    if (value >= 16 * sps->frame_height_in_mbs)
    {
        *error = "invalid vertical frame cropping";
        return false;
    }
    if ((sps->vui_parameters_present_flag = bit_reader_flag(&reader)))
    {
        /* Some encoders write truncated VUI; it only gives hints, so ignore it then. */
        if (!parse_vui(&reader, sps))
            sps->bitstream_restriction_flag = false;
    }
    sps->valid = true;
    return true;
}

bool h264_parse_pps(const uint8_t *rbsp, size_t size, const struct h264_sps *sps_list,
        struct h264_pps *pps, const char **error)
{
    unsigned int i, count, bits, chroma_format_idc = 1;
    struct bit_reader reader;

    memset(pps, 0, sizeof(*pps));
    bit_reader_init(&reader, rbsp, size);
    pps->pps_id = bit_reader_ue_max(&reader, H264_MAX_PPS_COUNT - 1);
    pps->sps_id = bit_reader_ue_max(&reader, H264_MAX_SPS_COUNT - 1);
    pps->entropy_coding_mode_flag = bit_reader_flag(&reader);
    pps->bottom_field_pic_order_in_frame_present_flag = bit_reader_flag(&reader);
    pps->num_slice_groups_minus1 = bit_reader_ue_max(&reader, 7);
    if (pps->num_slice_groups_minus1)
    {
        /* Slice groups (FMO) are parsed only to reach the rest; pictures that use them are
         * refused when decoded. */
        pps->slice_group_map_type = bit_reader_ue_max(&reader, 6);
        if (pps->slice_group_map_type == 0)
        {
            for (i = 0; i <= pps->num_slice_groups_minus1; ++i)
                bit_reader_ue(&reader);
        }
        else if (pps->slice_group_map_type == 2)
        {
            for (i = 0; i < 2 * pps->num_slice_groups_minus1; ++i)
                bit_reader_ue(&reader);
        }
        else if (pps->slice_group_map_type >= 3 && pps->slice_group_map_type <= 5)
        {
            bit_reader_skip(&reader, 1);
            pps->slice_group_change_rate_minus1 = bit_reader_ue_max(&reader, H264_MAX_FRAME_SIZE_IN_MBS - 1);
        }
        else if (pps->slice_group_map_type == 6)
        {
            count = bit_reader_ue_max(&reader, H264_MAX_FRAME_SIZE_IN_MBS - 1) + 1;
            for (bits = 0; (1u << bits) < pps->num_slice_groups_minus1 + 1; ++bits)
                ;
            bit_reader_skip(&reader, (size_t)count * bits);
        }
    }
    pps->num_ref_idx_l0_default_active_minus1 = bit_reader_ue_max(&reader, 31);
    pps->num_ref_idx_l1_default_active_minus1 = bit_reader_ue_max(&reader, 31);
    pps->weighted_pred_flag = bit_reader_flag(&reader);
    pps->weighted_bipred_idc = bit_reader_u(&reader, 2);
    pps->pic_init_qp_minus26 = bit_reader_se_range(&reader, -(26 + 6 * 6), 25);
    pps->pic_init_qs_minus26 = bit_reader_se_range(&reader, -26, 25);
    pps->chroma_qp_index_offset = bit_reader_se_range(&reader, -12, 12);
    pps->deblocking_filter_control_present_flag = bit_reader_flag(&reader);
    pps->constrained_intra_pred_flag = bit_reader_flag(&reader);
    pps->redundant_pic_cnt_present_flag = bit_reader_flag(&reader);
    pps->second_chroma_qp_index_offset = pps->chroma_qp_index_offset;
    if (!reader.error && bit_reader_more_rbsp_data(&reader))
    {
        pps->transform_8x8_mode_flag = bit_reader_flag(&reader);
        if ((pps->pic_scaling_matrix_present_flag = bit_reader_flag(&reader)))
        {
            /* The count depends on the SPS: 4:4:4 has 6 8x8 lists. */
            if (sps_list[pps->sps_id].valid)
                chroma_format_idc = sps_list[pps->sps_id].chroma_format_idc;
            count = 6 + (chroma_format_idc != 3 ? 2 : 6) * pps->transform_8x8_mode_flag;
            parse_scaling_matrix(&reader, count, pps->scaling_list_present,
                    pps->scaling_list_4x4, pps->scaling_list_8x8);
        }
        pps->second_chroma_qp_index_offset = bit_reader_se_range(&reader, -12, 12);
    }
    if (reader.error || pps->weighted_bipred_idc > 2)
    {
        *error = "malformed picture parameter set";
        return false;
    }
    pps->valid = true;
    return true;
}

void h264_get_scaling_lists(const struct h264_sps *sps, const struct h264_pps *pps,
        uint8_t lists_4x4[6][16], uint8_t lists_8x8[6][64])
{
    unsigned int count;

    if (!pps->pic_scaling_matrix_present_flag)
    {
        memcpy(lists_4x4, sps->scaling_list_4x4, sizeof(sps->scaling_list_4x4));
        memcpy(lists_8x8, sps->scaling_list_8x8, sizeof(sps->scaling_list_8x8));
        return;
    }
    count = 6 + (sps->chroma_format_idc != 3 ? 2 : 6) * pps->transform_8x8_mode_flag;
    /* Table 7-2: rule A without sequence-level lists, rule B with them. */
    if (sps->seq_scaling_matrix_present_flag)
        resolve_scaling_lists(pps->scaling_list_present, pps->scaling_list_4x4, pps->scaling_list_8x8,
                sps->scaling_list_4x4, sps->scaling_list_8x8, count, lists_4x4, lists_8x8);
    else
        resolve_scaling_lists(pps->scaling_list_present, pps->scaling_list_4x4, pps->scaling_list_8x8,
                NULL, NULL, count, lists_4x4, lists_8x8);
}

/* 7.3.3.1 ref_pic_list_modification(), skipped. */
static void skip_ref_pic_list_modification(struct bit_reader *reader, unsigned int list_count)
{
    unsigned int list, idc, count;

    for (list = 0; list < list_count; ++list)
    {
        if (!bit_reader_flag(reader))
            continue;
        count = 0;
        do
        {
            idc = bit_reader_ue_max(reader, 5);
            if (idc < 3)
                bit_reader_ue(reader);
            /* At most num_ref_idx_lX_active_minus1 + 1 operations plus the terminating 3. */
            if (++count > 33)
                reader->error = true;
        } while (idc != 3 && !reader->error);
    }
}

/* 7.3.3.2 pred_weight_table(), skipped. */
static void skip_pred_weight_table(struct bit_reader *reader, const struct h264_sps *sps,
        const struct h264_slice_header *header)
{
    unsigned int list, i, count, chroma_array_type;

    chroma_array_type = sps->separate_colour_plane_flag ? 0 : sps->chroma_format_idc;
    bit_reader_ue_max(reader, 7);                   /* luma_log2_weight_denom */
    if (chroma_array_type)
        bit_reader_ue_max(reader, 7);               /* chroma_log2_weight_denom */
    for (list = 0; list < (header->slice_type == H264_SLICE_B ? 2u : 1u); ++list)
    {
        count = (list ? header->num_ref_idx_l1_active_minus1 : header->num_ref_idx_l0_active_minus1) + 1;
        for (i = 0; i < count && !reader->error; ++i)
        {
            if (bit_reader_flag(reader))            /* luma_weight_lX_flag */
            {
                bit_reader_se_range(reader, -128, 127);
                bit_reader_se_range(reader, -128, 127);
            }
            if (chroma_array_type && bit_reader_flag(reader))
            {
                bit_reader_se_range(reader, -128, 127);
                bit_reader_se_range(reader, -128, 127);
                bit_reader_se_range(reader, -128, 127);
                bit_reader_se_range(reader, -128, 127);
            }
        }
    }
}

/* 7.3.3.3 dec_ref_pic_marking(). */
static void parse_dec_ref_pic_marking(struct bit_reader *reader, struct h264_slice_header *header)
{
    struct h264_mmco *mmco;
    unsigned int op;

    if (header->nal_unit_type == H264_NAL_SLICE_IDR)
    {
        header->no_output_of_prior_pics_flag = bit_reader_flag(reader);
        header->long_term_reference_flag = bit_reader_flag(reader);
        return;
    }
    if (!(header->adaptive_ref_pic_marking_mode_flag = bit_reader_flag(reader)))
        return;
    while (!reader->error && (op = bit_reader_ue_max(reader, 6)))
    {
        if (header->mmco_count == H264_MAX_MMCO_COUNT)
        {
            reader->error = true;
            return;
        }
        mmco = &header->mmco[header->mmco_count++];
        memset(mmco, 0, sizeof(*mmco));
        mmco->operation = op;
        if (op == 1 || op == 3)
            mmco->difference_of_pic_nums_minus1 = bit_reader_ue(reader);
        if (op == 2)
            mmco->long_term_pic_num = bit_reader_ue(reader);
        if (op == 3 || op == 6)
            mmco->long_term_frame_idx = bit_reader_ue_max(reader, H264_MAX_REF_FRAMES - 1);
        if (op == 4)
            mmco->max_long_term_frame_idx_plus1 = bit_reader_ue_max(reader, H264_MAX_REF_FRAMES);
    }
}

bool h264_parse_slice_header(const uint8_t *rbsp, size_t size, uint8_t nal_ref_idc, uint8_t nal_unit_type,
        const struct h264_sps *sps_list, const struct h264_pps *pps_list, struct h264_slice_header *header,
        const char **error)
{
    const struct h264_sps *sps;
    const struct h264_pps *pps;
    struct bit_reader reader;
    uint32_t slice_type;

    memset(header, 0, offsetof(struct h264_slice_header, mmco));
    header->nal_ref_idc = nal_ref_idc;
    header->nal_unit_type = nal_unit_type;
    bit_reader_init(&reader, rbsp, size);
    header->first_mb_in_slice = bit_reader_ue_max(&reader, H264_MAX_FRAME_SIZE_IN_MBS - 1);
    slice_type = bit_reader_ue_max(&reader, 9);
    header->slice_type = slice_type % 5;
    header->pps_id = bit_reader_ue_max(&reader, H264_MAX_PPS_COUNT - 1);
    if (reader.error)
    {
        *error = "malformed slice header";
        return false;
    }
    pps = &pps_list[header->pps_id];
    if (!pps->valid || !sps_list[pps->sps_id].valid)
    {
        *error = "slice refers to a missing parameter set";
        return false;
    }
    sps = &sps_list[pps->sps_id];
    if (sps->separate_colour_plane_flag)
        header->colour_plane_id = bit_reader_u(&reader, 2);
    header->frame_num = bit_reader_u(&reader, sps->log2_max_frame_num_minus4 + 4);
    if (!sps->frame_mbs_only_flag)
    {
        if ((header->field_pic_flag = bit_reader_flag(&reader)))
            header->bottom_field_flag = bit_reader_flag(&reader);
    }
    if (nal_unit_type == H264_NAL_SLICE_IDR)
        header->idr_pic_id = bit_reader_ue_max(&reader, 65535);
    if (sps->pic_order_cnt_type == 0)
    {
        header->pic_order_cnt_lsb = bit_reader_u(&reader, sps->log2_max_pic_order_cnt_lsb_minus4 + 4);
        if (pps->bottom_field_pic_order_in_frame_present_flag && !header->field_pic_flag)
            header->delta_pic_order_cnt_bottom = bit_reader_se_range(&reader, -INT32_MAX, INT32_MAX);
    }
    if (sps->pic_order_cnt_type == 1 && !sps->delta_pic_order_always_zero_flag)
    {
        header->delta_pic_order_cnt[0] = bit_reader_se_range(&reader, -INT32_MAX, INT32_MAX);
        if (pps->bottom_field_pic_order_in_frame_present_flag && !header->field_pic_flag)
            header->delta_pic_order_cnt[1] = bit_reader_se_range(&reader, -INT32_MAX, INT32_MAX);
    }
    if (pps->redundant_pic_cnt_present_flag)
        header->redundant_pic_cnt = bit_reader_ue_max(&reader, 127);
    if (header->slice_type == H264_SLICE_B)
        header->direct_spatial_mv_pred_flag = bit_reader_flag(&reader);
    header->num_ref_idx_l0_active_minus1 = pps->num_ref_idx_l0_default_active_minus1;
    header->num_ref_idx_l1_active_minus1 = pps->num_ref_idx_l1_default_active_minus1;
    if (header->slice_type == H264_SLICE_P || header->slice_type == H264_SLICE_SP
            || header->slice_type == H264_SLICE_B)
    {
        if (bit_reader_flag(&reader))       /* num_ref_idx_active_override_flag */
        {
            header->num_ref_idx_l0_active_minus1 = bit_reader_ue_max(&reader, 31);
            if (header->slice_type == H264_SLICE_B)
                header->num_ref_idx_l1_active_minus1 = bit_reader_ue_max(&reader, 31);
        }
    }
    if (header->slice_type != H264_SLICE_I && header->slice_type != H264_SLICE_SI)
        skip_ref_pic_list_modification(&reader, header->slice_type == H264_SLICE_B ? 2 : 1);
    if ((pps->weighted_pred_flag && (header->slice_type == H264_SLICE_P || header->slice_type == H264_SLICE_SP))
            || (pps->weighted_bipred_idc == 1 && header->slice_type == H264_SLICE_B))
        skip_pred_weight_table(&reader, sps, header);
    if (nal_ref_idc)
        parse_dec_ref_pic_marking(&reader, header);
    if (pps->entropy_coding_mode_flag && header->slice_type != H264_SLICE_I && header->slice_type != H264_SLICE_SI)
        header->cabac_init_idc = bit_reader_ue_max(&reader, 2);
    header->slice_qp_delta = bit_reader_se_range(&reader, -87, 77);
    if (header->slice_type == H264_SLICE_SP || header->slice_type == H264_SLICE_SI)
    {
        if (header->slice_type == H264_SLICE_SP)
            header->sp_for_switch_flag = bit_reader_flag(&reader);
        header->slice_qs_delta = bit_reader_se_range(&reader, -51, 51);
    }
    if (pps->deblocking_filter_control_present_flag)
    {
        header->disable_deblocking_filter_idc = bit_reader_ue_max(&reader, 2);
        if (header->disable_deblocking_filter_idc != 1)
        {
            header->slice_alpha_c0_offset_div2 = bit_reader_se_range(&reader, -6, 6);
            header->slice_beta_offset_div2 = bit_reader_se_range(&reader, -6, 6);
        }
    }
    if (reader.error)
    {
        *error = "malformed slice header";
        return false;
    }
    if (header->first_mb_in_slice * (1u + (sps->mb_adaptive_frame_field_flag && !header->field_pic_flag))
            >= sps->pic_width_in_mbs * sps->frame_height_in_mbs >> header->field_pic_flag)
    {
        *error = "first_mb_in_slice out of range";
        return false;
    }
    return true;
}

/* A.3.1 item h), A.3.2 item f): MaxDpbFrames = Min(MaxDpbMbs / (PicWidthInMbs * FrameHeightInMbs), 16),
 * or max_dec_frame_buffering when the VUI gives it (E.2.1). */
unsigned int h264_get_dpb_size(const struct h264_sps *sps)
{
    static const struct
    {
        uint8_t level_idc;
        uint32_t max_dpb_mbs;
    }
    levels[] =
    {
        {9, 396}, {10, 396}, {11, 900}, {12, 2376}, {13, 2376}, {20, 2376}, {21, 4752}, {22, 8100},
        {30, 8100}, {31, 18000}, {32, 20480}, {40, 32768}, {41, 32768}, {42, 34816}, {50, 110400},
        {51, 184320}, {52, 184320}, {60, 696320}, {61, 696320}, {62, 696320},
    };
    unsigned int i, size = H264_MAX_REF_FRAMES, max_dpb_mbs = 0;

    /* Level 1b of the Baseline, Main and Extended profiles is level_idc 11 with constraint_set3_flag. */
    if (sps->level_idc == 11 && (sps->constraint_flags & 0x10)
            && (sps->profile_idc == 66 || sps->profile_idc == 77 || sps->profile_idc == 88))
        max_dpb_mbs = 396;
    for (i = 0; i < ARRAY_SIZE(levels) && !max_dpb_mbs; ++i)
    {
        if (levels[i].level_idc == sps->level_idc)
            max_dpb_mbs = levels[i].max_dpb_mbs;
    }
    if (max_dpb_mbs)
        size = max_dpb_mbs / (sps->pic_width_in_mbs * sps->frame_height_in_mbs);
    if (sps->bitstream_restriction_flag)
        size = sps->max_dec_frame_buffering;
    if (size < sps->max_num_ref_frames)
        size = sps->max_num_ref_frames;
    if (size > H264_MAX_REF_FRAMES)
        size = H264_MAX_REF_FRAMES;
    return size ? size : 1;
}
