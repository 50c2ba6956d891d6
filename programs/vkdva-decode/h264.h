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

/* H.264 for vkdva-decode: syntax (ITU-T H.264 7.3/7.4), decoding processes that a DXVA
 * host decoder runs itself (8.2.1 picture order count, 8.2.5 reference marking, C.4 output
 * order) and the DXVA structures of Microsoft's "DirectX Video Acceleration Specification
 * for H.264/AVC Decoding". */

#ifndef __VKDVA_DECODE_H264_H
#define __VKDVA_DECODE_H264_H

#include "codec.h"

#define H264_MAX_SPS_COUNT 32u
#define H264_MAX_PPS_COUNT 256u
#define H264_MAX_REF_FRAMES 16u
/* Frame stores: up to 16 in the DPB plus the picture being decoded. */
#define H264_MAX_FRAME_STORES 17u
#define H264_MAX_MMCO_COUNT 66u
#define H264_MAX_WIDTH_IN_MBS 1024u
#define H264_MAX_FRAME_SIZE_IN_MBS 139264u  /* MaxFS of level 6.2, Table A-1 */

enum h264_nal_unit_type
{
    H264_NAL_SLICE = 1,
    H264_NAL_SLICE_DPA = 2,
    H264_NAL_SLICE_DPC = 4,
    H264_NAL_SLICE_IDR = 5,
    H264_NAL_SEI = 6,
    H264_NAL_SPS = 7,
    H264_NAL_PPS = 8,
    H264_NAL_AUD = 9,
    H264_NAL_END_OF_SEQUENCE = 10,
    H264_NAL_END_OF_STREAM = 11,
    H264_NAL_FILLER = 12,
    H264_NAL_SPS_EXT = 13,
    H264_NAL_PREFIX = 14,
    H264_NAL_SUBSET_SPS = 15,
    H264_NAL_AUX_SLICE = 19,
    H264_NAL_SLICE_EXT = 20,
};

enum h264_slice_type
{
    H264_SLICE_P = 0,
    H264_SLICE_B = 1,
    H264_SLICE_I = 2,
    H264_SLICE_SP = 3,
    H264_SLICE_SI = 4,
};

/* Picture structure, also used as a mask of the fields of a frame store. */
#define H264_FIELD_TOP    1u
#define H264_FIELD_BOTTOM 2u
#define H264_FRAME        3u

/* Sequence parameter set, 7.3.2.1.1. Scaling lists are the effective ones (fall-back rule A
 * of Table 7-2 applied, Flat_4x4_16/Flat_8x8_16 when absent), in zig-zag scan order as in the
 * bitstream. */
struct h264_sps
{
    bool valid;
    uint8_t profile_idc;
    uint8_t constraint_flags;       /* constraint_set0_flag is bit 7 */
    uint8_t level_idc;
    uint8_t sps_id;
    uint8_t chroma_format_idc;
    bool separate_colour_plane_flag;
    uint8_t bit_depth_luma_minus8;
    uint8_t bit_depth_chroma_minus8;
    bool qpprime_y_zero_transform_bypass_flag;
    bool seq_scaling_matrix_present_flag;
    uint8_t scaling_list_4x4[6][16];
    uint8_t scaling_list_8x8[6][64];
    uint8_t log2_max_frame_num_minus4;
    uint8_t pic_order_cnt_type;
    uint8_t log2_max_pic_order_cnt_lsb_minus4;
    bool delta_pic_order_always_zero_flag;
    int32_t offset_for_non_ref_pic;
    int32_t offset_for_top_to_bottom_field;
    unsigned int num_ref_frames_in_pic_order_cnt_cycle;
    int32_t offset_for_ref_frame[255];
    int64_t expected_delta_per_pic_order_cnt_cycle;
    unsigned int max_num_ref_frames;
    bool gaps_in_frame_num_value_allowed_flag;
    unsigned int pic_width_in_mbs;
    unsigned int pic_height_in_map_units;
    unsigned int frame_height_in_mbs;
    bool frame_mbs_only_flag;
    bool mb_adaptive_frame_field_flag;
    bool direct_8x8_inference_flag;
    bool frame_cropping_flag;
    unsigned int frame_crop_left_offset;
    unsigned int frame_crop_right_offset;
    unsigned int frame_crop_top_offset;
    unsigned int frame_crop_bottom_offset;
    bool vui_parameters_present_flag;
    bool bitstream_restriction_flag;
    unsigned int max_num_reorder_frames;
    unsigned int max_dec_frame_buffering;
};

/* Picture parameter set, 7.3.2.2. The scaling lists are kept as transmitted; the effective
 * ones depend on the SPS active when the PPS is used (h264_get_scaling_lists()). */
struct h264_pps
{
    bool valid;
    uint8_t pps_id;
    uint8_t sps_id;
    bool entropy_coding_mode_flag;
    bool bottom_field_pic_order_in_frame_present_flag;
    unsigned int num_slice_groups_minus1;
    unsigned int slice_group_map_type;
    unsigned int slice_group_change_rate_minus1;
    unsigned int num_ref_idx_l0_default_active_minus1;
    unsigned int num_ref_idx_l1_default_active_minus1;
    bool weighted_pred_flag;
    uint8_t weighted_bipred_idc;
    int8_t pic_init_qp_minus26;
    int8_t pic_init_qs_minus26;
    int8_t chroma_qp_index_offset;
    int8_t second_chroma_qp_index_offset;
    bool deblocking_filter_control_present_flag;
    bool constrained_intra_pred_flag;
    bool redundant_pic_cnt_present_flag;
    bool transform_8x8_mode_flag;
    bool pic_scaling_matrix_present_flag;
    /* 0: not present, 1: transmitted, 2: useDefaultScalingMatrixFlag. */
    uint8_t scaling_list_present[12];
    uint8_t scaling_list_4x4[6][16];
    uint8_t scaling_list_8x8[6][64];
};

struct h264_mmco
{
    uint8_t operation;
    uint32_t difference_of_pic_nums_minus1;
    uint32_t long_term_pic_num;
    uint32_t long_term_frame_idx;
    uint32_t max_long_term_frame_idx_plus1;
};

/* Slice header, 7.3.3; the reordering and weight tables are parsed and skipped (the
 * accelerator reads them from the bitstream in the short slice format). */
struct h264_slice_header
{
    uint8_t nal_ref_idc;
    uint8_t nal_unit_type;
    unsigned int first_mb_in_slice;
    unsigned int slice_type;        /* slice_type % 5 */
    unsigned int pps_id;
    unsigned int colour_plane_id;
    unsigned int frame_num;
    bool field_pic_flag;
    bool bottom_field_flag;
    unsigned int idr_pic_id;
    unsigned int pic_order_cnt_lsb;
    int32_t delta_pic_order_cnt_bottom;
    int32_t delta_pic_order_cnt[2];
    unsigned int redundant_pic_cnt;
    bool direct_spatial_mv_pred_flag;
    unsigned int num_ref_idx_l0_active_minus1;
    unsigned int num_ref_idx_l1_active_minus1;
    bool no_output_of_prior_pics_flag;
    bool long_term_reference_flag;
    bool adaptive_ref_pic_marking_mode_flag;
    unsigned int cabac_init_idc;
    int32_t slice_qp_delta;
    bool sp_for_switch_flag;
    int32_t slice_qs_delta;
    unsigned int disable_deblocking_filter_idc;
    int32_t slice_alpha_c0_offset_div2;
    int32_t slice_beta_offset_div2;
    unsigned int mmco_count;
    struct h264_mmco mmco[H264_MAX_MMCO_COUNT];     /* last: not cleared beyond mmco_count */
};

/* Parsing. Each returns false for a malformed or unsupported unit; the reason goes to
 * error (a static string). */
bool h264_parse_sps(const uint8_t *rbsp, size_t size, struct h264_sps *sps, const char **error);
bool h264_parse_pps(const uint8_t *rbsp, size_t size, const struct h264_sps *sps_list,
        struct h264_pps *pps, const char **error);
bool h264_parse_slice_header(const uint8_t *rbsp, size_t size, uint8_t nal_ref_idc, uint8_t nal_unit_type,
        const struct h264_sps *sps_list, const struct h264_pps *pps_list, struct h264_slice_header *header,
        const char **error);
void h264_get_scaling_lists(const struct h264_sps *sps, const struct h264_pps *pps,
        uint8_t lists_4x4[6][16], uint8_t lists_8x8[6][64]);
/* DPB size in frames from the level (A.3.1 item h, Table A-1) or the VUI. */
unsigned int h264_get_dpb_size(const struct h264_sps *sps);

/* A frame store of the decoded picture buffer (C.4): a frame, a complementary field pair
 * or a single field, with its surface. */
struct h264_frame_store
{
    bool used;                      /* allocated: in the DPB or being decoded into */
    bool in_dpb;
    int surface;
    unsigned int fields;            /* H264_FIELD_* decoded into the surface */
    unsigned int short_ref;         /* H264_FIELD_* marked "used for short-term reference" */
    unsigned int long_ref;          /* H264_FIELD_* marked "used for long-term reference" */
    unsigned int frame_num;
    int32_t frame_num_wrap;
    unsigned int long_term_frame_idx;
    int32_t poc[2];                 /* TopFieldOrderCnt, BottomFieldOrderCnt */
    bool needed_for_output;
    bool non_existing;              /* inferred for a frame_num gap, 8.2.5.2 */
    bool idr;
    unsigned int decode_index;
};

/* What the DXVA filling needs of the picture being decoded. */
struct h264_picture_info
{
    const struct h264_sps *sps;
    const struct h264_pps *pps;
    const struct h264_slice_header *header;     /* of the first slice */
    unsigned int structure;
    int32_t poc[2];
    int surface;
    bool intra;                     /* all slices are I or SI */
    unsigned int status_report_number;
    const struct h264_frame_store *dpb;         /* H264_MAX_FRAME_STORES entries */
    const struct h264_frame_store *current;     /* the store being decoded into */
};

void h264_fill_picture_parameters(const struct h264_picture_info *info, DXVA_PicParams_H264 *params);
void h264_fill_quantization_matrix(const struct h264_picture_info *info, DXVA_Qmatrix_H264 *matrix);
void h264_dump_picture(FILE *file, const struct codec_picture *picture);

#endif /* __VKDVA_DECODE_H264_H */
