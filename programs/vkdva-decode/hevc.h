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

/* H.265/HEVC for vkdva-decode: syntax (ITU-T H.265 7.3/7.4), the decoding processes a DXVA
 * host decoder runs itself (8.3.1 picture order count, 8.3.2 reference picture set and
 * marking, C.5.2 output order) and the DXVA structures of Microsoft's "DirectX Video
 * Acceleration Specification for High Efficiency Video Coding (HEVC)". */

#ifndef __VKDVA_DECODE_HEVC_H
#define __VKDVA_DECODE_HEVC_H

#include "codec.h"

#define HEVC_MAX_SPS_COUNT 16u
#define HEVC_MAX_PPS_COUNT 64u
#define HEVC_MAX_SUB_LAYERS 7u
/* MaxDpbSize of Annex A (A.4.2): sps_max_dec_pic_buffering_minus1 is at most 15. */
#define HEVC_MAX_DPB_SIZE 16u
#define HEVC_MAX_SHORT_TERM_RPS 64u
#define HEVC_MAX_LONG_TERM_REF_PICS_SPS 32u
/* Entries of one reference picture set: at most sps_max_dec_pic_buffering_minus1 (7.4.8). */
#define HEVC_MAX_RPS_ENTRIES 16u
/* Long-term entries of a slice header; num_long_term_sps + num_long_term_pics is bounded by
 * the DPB size as well. */
#define HEVC_MAX_LONG_TERM_PICS 16u
/* DXVA_PicParams_HEVC.RefPicSetStCurrBefore and friends hold 8 entries each. */
#define HEVC_MAX_CURR_REFS 8u
/* DXVA_PicParams_HEVC.RefPicList. */
#define HEVC_MAX_DXVA_REFS 15u
#define HEVC_MAX_TILE_COLUMNS 20u
#define HEVC_MAX_TILE_ROWS 22u
/* Level 6.2 (Table A.8): MaxLumaPs 35 651 584; each dimension at most Sqrt(MaxLumaPs * 8). */
#define HEVC_MAX_LUMA_PS 35651584u
#define HEVC_MAX_DIMENSION 16888u

enum hevc_nal_unit_type
{
    HEVC_NAL_TRAIL_N = 0,
    HEVC_NAL_TRAIL_R = 1,
    HEVC_NAL_TSA_N = 2,
    HEVC_NAL_TSA_R = 3,
    HEVC_NAL_STSA_N = 4,
    HEVC_NAL_STSA_R = 5,
    HEVC_NAL_RADL_N = 6,
    HEVC_NAL_RADL_R = 7,
    HEVC_NAL_RASL_N = 8,
    HEVC_NAL_RASL_R = 9,
    HEVC_NAL_RSV_VCL_R15 = 15,
    HEVC_NAL_BLA_W_LP = 16,
    HEVC_NAL_BLA_W_RADL = 17,
    HEVC_NAL_BLA_N_LP = 18,
    HEVC_NAL_IDR_W_RADL = 19,
    HEVC_NAL_IDR_N_LP = 20,
    HEVC_NAL_CRA_NUT = 21,
    HEVC_NAL_RSV_IRAP_23 = 23,
    HEVC_NAL_RSV_VCL_31 = 31,
    HEVC_NAL_VPS = 32,
    HEVC_NAL_SPS = 33,
    HEVC_NAL_PPS = 34,
    HEVC_NAL_AUD = 35,
    HEVC_NAL_EOS = 36,
    HEVC_NAL_EOB = 37,
    HEVC_NAL_FD = 38,
    HEVC_NAL_SEI_PREFIX = 39,
    HEVC_NAL_SEI_SUFFIX = 40,
};

enum hevc_slice_type
{
    HEVC_SLICE_B = 0,
    HEVC_SLICE_P = 1,
    HEVC_SLICE_I = 2,
};

static inline bool hevc_is_irap(unsigned int nal_unit_type)
{
    return nal_unit_type >= HEVC_NAL_BLA_W_LP && nal_unit_type <= HEVC_NAL_RSV_IRAP_23;
}

static inline bool hevc_is_idr(unsigned int nal_unit_type)
{
    return nal_unit_type == HEVC_NAL_IDR_W_RADL || nal_unit_type == HEVC_NAL_IDR_N_LP;
}

static inline bool hevc_is_bla(unsigned int nal_unit_type)
{
    return nal_unit_type >= HEVC_NAL_BLA_W_LP && nal_unit_type <= HEVC_NAL_BLA_N_LP;
}

static inline bool hevc_is_rasl(unsigned int nal_unit_type)
{
    return nal_unit_type == HEVC_NAL_RASL_N || nal_unit_type == HEVC_NAL_RASL_R;
}

static inline bool hevc_is_radl(unsigned int nal_unit_type)
{
    return nal_unit_type == HEVC_NAL_RADL_N || nal_unit_type == HEVC_NAL_RADL_R;
}

/* Sub-layer non-reference pictures: the even types up to RSV_VCL_N14 (7.4.2.2). */
static inline bool hevc_is_sub_layer_non_ref(unsigned int nal_unit_type)
{
    return nal_unit_type <= 14 && !(nal_unit_type & 1);
}

/* A short-term reference picture set (7.3.7, derived as in 7.4.8): the deltas to the
 * current POC, S0 (negative, closest first) and S1 (positive, closest first). */
struct hevc_st_rps
{
    uint8_t num_negative_pics;
    uint8_t num_positive_pics;
    int32_t delta_poc_s0[HEVC_MAX_RPS_ENTRIES];
    int32_t delta_poc_s1[HEVC_MAX_RPS_ENTRIES];
    bool used_s0[HEVC_MAX_RPS_ENTRIES];
    bool used_s1[HEVC_MAX_RPS_ENTRIES];
};

/* Scaling factors (7.3.4, 7.4.5) in coded order (up-right diagonal scan), which is also
 * the order of DXVA_Qmatrix_HEVC: lists[sizeId][matrixId] (sizeId 0 uses 16 entries, sizeId 3
 * only matrixId 0 and 3 for 4:2:0), dc[sizeId - 2][matrixId]. */
struct hevc_scaling_list
{
    uint8_t lists[4][6][64];
    uint8_t dc[2][6];
};

/* Sequence parameter set, 7.3.2.2.1, up to the VUI (nothing after it matters to 4:2:0
 * Main and Main 10 decoding). */
struct hevc_sps
{
    bool valid;
    uint8_t sps_id;
    uint8_t vps_id;
    uint8_t max_sub_layers_minus1;
    uint8_t general_profile_idc;
    uint32_t general_profile_compatibility_flags;   /* flag j is bit 31 - j */
    uint8_t general_level_idc;
    uint8_t chroma_format_idc;
    bool separate_colour_plane_flag;
    unsigned int pic_width_in_luma_samples;
    unsigned int pic_height_in_luma_samples;
    bool conformance_window_flag;
    unsigned int conf_win_left_offset;
    unsigned int conf_win_right_offset;
    unsigned int conf_win_top_offset;
    unsigned int conf_win_bottom_offset;
    uint8_t bit_depth_luma_minus8;
    uint8_t bit_depth_chroma_minus8;
    uint8_t log2_max_pic_order_cnt_lsb_minus4;
    /* For every sub-layer, with the inference of 7.4.3.2.1 applied. */
    uint8_t max_dec_pic_buffering_minus1[HEVC_MAX_SUB_LAYERS];
    uint8_t max_num_reorder_pics[HEVC_MAX_SUB_LAYERS];
    uint32_t max_latency_increase_plus1[HEVC_MAX_SUB_LAYERS];
    uint8_t log2_min_luma_coding_block_size_minus3;
    uint8_t log2_diff_max_min_luma_coding_block_size;
    uint8_t log2_min_luma_transform_block_size_minus2;
    uint8_t log2_diff_max_min_luma_transform_block_size;
    uint8_t max_transform_hierarchy_depth_inter;
    uint8_t max_transform_hierarchy_depth_intra;
    bool scaling_list_enabled_flag;
    bool sps_scaling_list_data_present_flag;
    struct hevc_scaling_list scaling_list;          /* the default lists when not transmitted */
    bool amp_enabled_flag;
    bool sample_adaptive_offset_enabled_flag;
    bool pcm_enabled_flag;
    uint8_t pcm_sample_bit_depth_luma_minus1;
    uint8_t pcm_sample_bit_depth_chroma_minus1;
    uint8_t log2_min_pcm_luma_coding_block_size_minus3;
    uint8_t log2_diff_max_min_pcm_luma_coding_block_size;
    bool pcm_loop_filter_disabled_flag;
    uint8_t num_short_term_ref_pic_sets;
    struct hevc_st_rps st_rps[HEVC_MAX_SHORT_TERM_RPS];
    bool long_term_ref_pics_present_flag;
    uint8_t num_long_term_ref_pics_sps;
    uint32_t lt_ref_pic_poc_lsb_sps[HEVC_MAX_LONG_TERM_REF_PICS_SPS];
    bool used_by_curr_pic_lt_sps_flag[HEVC_MAX_LONG_TERM_REF_PICS_SPS];
    bool sps_temporal_mvp_enabled_flag;
    bool strong_intra_smoothing_enabled_flag;

    /* Derived (7.4.3.2.1). */
    unsigned int min_cb_log2_size;
    unsigned int ctb_log2_size;
    unsigned int pic_width_in_ctbs;
    unsigned int pic_height_in_ctbs;
};

/* Picture parameter set, 7.3.2.3.1. Its limits that depend on the SPS (tiles, QP range) are
 * checked when a slice uses it (hevc_check_pps()). */
struct hevc_pps
{
    bool valid;
    uint8_t pps_id;
    uint8_t sps_id;
    bool dependent_slice_segments_enabled_flag;
    bool output_flag_present_flag;
    uint8_t num_extra_slice_header_bits;
    bool sign_data_hiding_enabled_flag;
    bool cabac_init_present_flag;
    uint8_t num_ref_idx_l0_default_active_minus1;
    uint8_t num_ref_idx_l1_default_active_minus1;
    int8_t init_qp_minus26;
    bool constrained_intra_pred_flag;
    bool transform_skip_enabled_flag;
    bool cu_qp_delta_enabled_flag;
    uint8_t diff_cu_qp_delta_depth;
    int8_t pps_cb_qp_offset;
    int8_t pps_cr_qp_offset;
    bool pps_slice_chroma_qp_offsets_present_flag;
    bool weighted_pred_flag;
    bool weighted_bipred_flag;
    bool transquant_bypass_enabled_flag;
    bool tiles_enabled_flag;
    bool entropy_coding_sync_enabled_flag;
    uint8_t num_tile_columns_minus1;
    uint8_t num_tile_rows_minus1;
    bool uniform_spacing_flag;
    uint16_t column_width_minus1[HEVC_MAX_TILE_COLUMNS];
    uint16_t row_height_minus1[HEVC_MAX_TILE_ROWS];
    bool loop_filter_across_tiles_enabled_flag;
    bool pps_loop_filter_across_slices_enabled_flag;
    bool deblocking_filter_control_present_flag;
    bool deblocking_filter_override_enabled_flag;
    bool pps_deblocking_filter_disabled_flag;
    int8_t pps_beta_offset_div2;
    int8_t pps_tc_offset_div2;
    bool pps_scaling_list_data_present_flag;
    struct hevc_scaling_list scaling_list;
    bool lists_modification_present_flag;
    uint8_t log2_parallel_merge_level_minus2;
    bool slice_segment_header_extension_present_flag;
    bool pps_range_extension_flag;
};

/* Slice segment header, 7.3.6.1, up to slice_temporal_mvp_enabled_flag: the rest only
 * concerns the accelerator, which reads it from the bitstream. A dependent slice segment
 * stops after slice_segment_address (it takes the rest from its picture's first slice). */
struct hevc_slice_header
{
    uint8_t nal_unit_type;
    uint8_t temporal_id;
    bool first_slice_segment_in_pic_flag;
    bool no_output_of_prior_pics_flag;
    unsigned int pps_id;
    bool dependent_slice_segment_flag;
    unsigned int slice_segment_address;
    unsigned int slice_type;
    bool pic_output_flag;
    unsigned int colour_plane_id;
    unsigned int slice_pic_order_cnt_lsb;
    bool short_term_ref_pic_set_sps_flag;
    unsigned int short_term_ref_pic_set_idx;
    /* The RPS in use: the slice's own or a copy of the SPS's. */
    struct hevc_st_rps st_rps;
    /* Of a slice's own st_ref_pic_set(): its size in RBSP bits, and NumDeltaPocs[RefRpsIdx]
     * when it is predicted (inter_ref_pic_set_prediction_flag), else 0. */
    unsigned int st_rps_bits;
    unsigned int st_rps_ref_num_delta_pocs;
    unsigned int num_long_term_sps;
    unsigned int num_long_term_pics;
    uint32_t poc_lsb_lt[HEVC_MAX_LONG_TERM_PICS];
    bool used_by_curr_pic_lt_flag[HEVC_MAX_LONG_TERM_PICS];
    bool delta_poc_msb_present_flag[HEVC_MAX_LONG_TERM_PICS];
    uint32_t delta_poc_msb_cycle_lt[HEVC_MAX_LONG_TERM_PICS];  /* DeltaPocMsbCycleLt (7-52) */
    bool slice_temporal_mvp_enabled_flag;
};

/* Parsing. Each returns false for a malformed or unsupported unit; the reason goes to
 * error (a static string). */
bool hevc_parse_sps(const uint8_t *rbsp, size_t size, struct hevc_sps *sps, const char **error);
bool hevc_parse_pps(const uint8_t *rbsp, size_t size, struct hevc_pps *pps, const char **error);
/* Checks the PPS against the SPS it refers to (7.4.3.3 ranges that depend on the SPS). */
bool hevc_check_pps(const struct hevc_pps *pps, const struct hevc_sps *sps, const char **error);
/* rbsp starts after the two-byte NAL unit header. */
bool hevc_parse_slice_header(const uint8_t *rbsp, size_t size, uint8_t nal_unit_type, uint8_t temporal_id,
        const struct hevc_sps *sps_list, const struct hevc_pps *pps_list, struct hevc_slice_header *header,
        const char **error);

/* A reference picture as DXVA names it. */
struct hevc_dxva_ref
{
    unsigned int surface;
    int32_t poc;
    bool long_term;
};

/* What the DXVA filling needs of the picture being decoded. */
struct hevc_picture_info
{
    const struct hevc_sps *sps;
    const struct hevc_pps *pps;
    const struct hevc_slice_header *header;     /* of the first slice */
    unsigned int surface;
    int32_t poc;
    bool intra;                                 /* all slices are I slices */
    unsigned int status_report_number;
    /* Every picture marked as a reference after the RPS of this picture, not this one. */
    unsigned int ref_count;
    struct hevc_dxva_ref refs[HEVC_MAX_DXVA_REFS];
    /* RefPicSetStCurrBefore, RefPicSetStCurrAfter, RefPicSetLtCurr as indices into refs. */
    unsigned int st_curr_before_count, st_curr_after_count, lt_curr_count;
    uint8_t st_curr_before[HEVC_MAX_CURR_REFS];
    uint8_t st_curr_after[HEVC_MAX_CURR_REFS];
    uint8_t lt_curr[HEVC_MAX_CURR_REFS];
};

void hevc_fill_picture_parameters(const struct hevc_picture_info *info, DXVA_PicParams_HEVC *params);
void hevc_fill_quantization_matrix(const struct hevc_picture_info *info, DXVA_Qmatrix_HEVC *matrix);
void hevc_dump_picture(FILE *file, const struct codec_picture *picture);

#endif /* __VKDVA_DECODE_HEVC_H */
