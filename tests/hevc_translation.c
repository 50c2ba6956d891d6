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

/* The HEVC translation, checked by two independent paths that must agree, for every picture
 * of every HEVC stream in the folders given:
 *
 *  - stream -> vkdva-decode's parser and DXVA filling -> vkdva's decoder_hevc.c -> StdVideoH265
 *    parameter sets, StdVideoDecodeH265PictureInfo and DPB slot infos (the Vulkan path), and the
 *    Annex-B VPS/SPS/PPS and rewritten slices that libavcodec gets (the software path);
 *  - stream -> this file's own reader of the VPS/SPS/PPS and slice segment headers (H.265
 *    7.3, POC 8.3.1, RPS 8.3.2), which knows nothing of DXVA.
 *
 * Vulkan: every field of the SPS and PPS that DXVA carries equals the stream's (ids, the
 * conformance window, the sub-layer and level information are vkdva's own: the client crops,
 * and nothing decodes differently); the effective scaling lists are the stream's; the picture's
 * POC, IRAP/IDR flags, PPS id, NumBitsForSTRefPicSetInSlice and NumDeltaPocsOfRefRpsIdx equal
 * what the slice header says; RefPicSetStCurrBefore/After/LtCurr name DPB slots whose POCs are
 * the RPS's PocStCurrBefore/After/LtCurr in order; the slice offsets find every slice NAL unit.
 *
 * Software: the synthesised parameter sets and rewritten slice headers, read back by the same
 * reader, give the same POC and the same RPS as the original slices, every other header field
 * bit for bit, and the same slice data. */

#include <dirent.h>
#include "vkdva_test.h"
#include "codec.h"
#include "hevc_translation.h"

#define MAX_SLICES 256u

/* A reader over RBSP bytes (emulation prevention removed). */
struct reader
{
    const uint8_t *data;
    size_t size_bits, pos;
    bool error;
};

static uint32_t rd_u(struct reader *r, unsigned int count)
{
    uint32_t value = 0;

    while (count--)
    {
        if (r->pos >= r->size_bits)
        {
            r->error = true;
            return 0;
        }
        value = (value << 1) | ((r->data[r->pos / 8] >> (7 - r->pos % 8)) & 1);
        ++r->pos;
    }
    return value;
}

static uint32_t rd_ue(struct reader *r)
{
    unsigned int zeros = 0;

    while (!rd_u(r, 1))
    {
        if (r->error || ++zeros > 31)
        {
            r->error = true;
            return 0;
        }
    }
    return (uint32_t)((1ull << zeros) - 1 + rd_u(r, zeros));
}

static int32_t rd_se(struct reader *r)
{
    uint32_t v = rd_ue(r);

    return v & 1 ? (int32_t)((v + 1) / 2) : -(int32_t)(v / 2);
}

static size_t unescape(const uint8_t *src, size_t size, uint8_t *dst)
{
    size_t i, n = 0, zeros = 0;

    for (i = 0; i < size; ++i)
    {
        if (zeros >= 2 && src[i] == 3)
        {
            zeros = 0;
            continue;
        }
        zeros = src[i] ? 0 : zeros + 1;
        dst[n++] = src[i];
    }
    return n;
}

static unsigned int ceil_log2(unsigned int v)
{
    unsigned int b = 0;

    while ((1u << b) < v)
        ++b;
    return b;
}

/* Scaling lists in coding order, [sizeId][matrixId] (sizeId 3 uses matrixId 0 and 3). */
struct scaling
{
    uint8_t list[4][6][64];
    uint8_t dc[4][6];
};

struct st_rps
{
    unsigned int negative, positive;
    int32_t delta[32];      /* DeltaPocS0 then DeltaPocS1 */
    bool used[32];
    bool predicted;
    unsigned int bits;      /* in a slice header */
    unsigned int ref_num_delta_pocs;
};

struct sps
{
    bool valid;
    unsigned int profile_idc, max_sub_layers_minus1, chroma_format_idc, separate_colour_plane_flag;
    unsigned int width, height, bit_depth_luma_minus8, bit_depth_chroma_minus8, log2_max_poc_lsb;
    unsigned int max_dec_pic_buffering_minus1[8];
    unsigned int log2_min_cb_minus3, log2_diff_cb, log2_min_tb_minus2, log2_diff_tb, depth_inter, depth_intra;
    bool scaling_list_enabled_flag, amp_enabled_flag, sao_enabled_flag, pcm_enabled_flag;
    unsigned int pcm_bit_depth_luma_minus1, pcm_bit_depth_chroma_minus1, log2_min_pcm_minus3, log2_diff_pcm;
    bool pcm_loop_filter_disabled_flag;
    struct scaling scaling;
    unsigned int num_st_rps;
    struct st_rps st_rps[65];
    bool long_term_ref_pics_present_flag;
    unsigned int num_lt_sps, lt_poc_lsb_sps[33];
    bool lt_used_sps[33];
    bool temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag;
};

struct pps
{
    bool valid;
    unsigned int id, sps_id;
    bool dependent_slice_segments_enabled_flag, output_flag_present_flag, sign_data_hiding_enabled_flag;
    bool cabac_init_present_flag, constrained_intra_pred_flag, transform_skip_enabled_flag;
    bool cu_qp_delta_enabled_flag, slice_chroma_qp_offsets_present_flag, weighted_pred_flag;
    bool weighted_bipred_flag, transquant_bypass_enabled_flag, tiles_enabled_flag;
    bool entropy_coding_sync_enabled_flag, uniform_spacing_flag, loop_filter_across_tiles_enabled_flag;
    bool loop_filter_across_slices_enabled_flag, deblocking_filter_control_present_flag;
    bool deblocking_filter_override_enabled_flag, deblocking_filter_disabled_flag;
    bool scaling_list_data_present_flag, lists_modification_present_flag;
    bool slice_segment_header_extension_present_flag;
    unsigned int num_extra_slice_header_bits, num_ref_idx_default_minus1[2], diff_cu_qp_delta_depth;
    int init_qp_minus26, cb_qp_offset, cr_qp_offset, beta_offset_div2, tc_offset_div2;
    unsigned int num_tile_columns_minus1, num_tile_rows_minus1, column_width_minus1[20], row_height_minus1[22];
    unsigned int log2_parallel_merge_level_minus2;
    struct scaling scaling;
};

/* A slice segment header, with the RBSP bit positions the software check compares. */
struct slice
{
    unsigned int nal_type, temporal_id, pps_id, slice_type;
    bool first, dependent;
    uint32_t poc_lsb;
    bool sps_flag;
    struct st_rps rps;
    unsigned int lt_count;
    uint32_t lt_poc_lsb[33];
    bool lt_used[33], lt_msb_present[33];
    uint32_t lt_msb_cycle[33];      /* DeltaPocMsbCycleLt */
    size_t pos_poc_lsb, pos_after_lt, pos_alignment, data_byte;
};

/* The picture as this file derives it. */
struct expected
{
    const uint8_t *first_nal;
    size_t first_nal_size;
    const uint8_t *nals[MAX_SLICES];
    size_t nal_sizes[MAX_SLICES];
    unsigned int slice_count;
    struct sps sps;
    struct pps pps;
    struct slice header;
    int32_t poc;
    /* PocStCurrBefore, PocStCurrAfter, PocLtCurr, then the Foll POCs. */
    int32_t curr_before[16], curr_after[16], lt_curr[16], foll[32];
    bool lt_curr_msb[16], foll_lt[32], foll_msb[32];
    unsigned int curr_before_count, curr_after_count, lt_curr_count, foll_count;
    /* A CRA or BLA picture that starts a sequence: its Foll pictures may not exist (8.3.3). */
    bool no_rasl_output_irap;
};

struct poc_state
{
    bool first_picture, after_eos;
    int32_t prev_tid0_poc;
};

struct stream_test
{
    const char *name;
    struct sps sps[16];
    struct pps pps[64];
    struct poc_state poc;
    struct expected *queue;
    size_t queue_count, queue_size;
    size_t picture_count, checked_count;

    bool p010;
    unsigned int width, height;
    void *vk_state, *sw_state;
    /* The last parameter sets vkdva's Vulkan path added. */
    StdVideoH265SequenceParameterSet vk_sps;
    StdVideoH265DecPicBufMgr vk_dpb;
    StdVideoH265ProfileTierLevel vk_ptl;
    StdVideoH265ScalingLists vk_sps_scaling;
    bool have_vk_sps, have_vk_pps[64];
    StdVideoH265PictureParameterSet vk_pps[64];
    StdVideoH265ScalingLists vk_pps_scaling[64];
    /* The software path's own parameter sets and POC, read back. */
    struct sps sw_sps[16];
    struct pps sw_pps[64];
    struct poc_state sw_poc;
};

static const uint8_t default_4x4[16] = {16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16};
/* Table 7-6, in coding order. */
static const uint8_t default_intra[64] =
{
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 17, 16, 17, 16, 17, 18, 17, 18, 18, 17, 18, 21, 19, 20,
    21, 20, 19, 21, 24, 22, 22, 24, 24, 22, 22, 24, 25, 25, 27, 30, 27, 25, 25, 29, 31, 35, 35, 31,
    29, 36, 41, 44, 41, 36, 47, 54, 54, 47, 65, 70, 65, 88, 88, 115,
};
static const uint8_t default_inter[64] =
{
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 17, 17, 17, 17, 17, 18, 18, 18, 18, 18, 18, 20, 20, 20,
    20, 20, 20, 20, 24, 24, 24, 24, 24, 24, 24, 24, 25, 25, 25, 25, 25, 25, 25, 28, 28, 28, 28, 28,
    28, 33, 33, 33, 33, 33, 41, 41, 41, 41, 54, 54, 54, 71, 71, 91,
};

static void default_scaling(struct scaling *s)
{
    unsigned int size, matrix;

    memset(s, 0, sizeof(*s));
    for (size = 0; size < 4; ++size)
    {
        for (matrix = 0; matrix < 6; ++matrix)
        {
            if (!size)
                memcpy(s->list[0][matrix], default_4x4, 16);
            else
                memcpy(s->list[size][matrix], matrix < 3 ? default_intra : default_inter, 64);
            s->dc[size][matrix] = 16;
        }
    }
}

/* scaling_list_data() (7.3.4, semantics 7.4.5). */
static void read_scaling(struct reader *r, struct scaling *s)
{
    unsigned int size, matrix, i, count, delta, ref;
    int next;

    for (size = 0; size < 4; ++size)
    {
        count = size ? 64 : 16;
        for (matrix = 0; matrix < 6; matrix += size == 3 ? 3 : 1)
        {
            if (!rd_u(r, 1))
            {
                delta = rd_ue(r) * (size == 3 ? 3 : 1);
                if (!delta)
                {
                    memcpy(s->list[size][matrix], !size ? default_4x4 : matrix < 3 ? default_intra : default_inter,
                            count);
                    s->dc[size][matrix] = 16;
                }
                else if (delta <= matrix)
                {
                    ref = matrix - delta;
                    memcpy(s->list[size][matrix], s->list[size][ref], count);
                    s->dc[size][matrix] = s->dc[size][ref];
                }
                else
                {
                    r->error = true;
                }
                continue;
            }
            next = 8;
            if (size > 1)
                next = s->dc[size][matrix] = rd_se(r) + 8;
            for (i = 0; i < count; ++i)
                s->list[size][matrix][i] = next = (next + rd_se(r) + 256) % 256;
            if (size < 2)
                s->dc[size][matrix] = 16;
        }
    }
}

static void skip_profile_tier_level(struct reader *r, unsigned int max_sub_layers_minus1, unsigned int *profile_idc)
{
    bool profile_present[8], level_present[8];
    unsigned int i;

    rd_u(r, 3);
    *profile_idc = rd_u(r, 5);
    rd_u(r, 32);
    rd_u(r, 4);
    rd_u(r, 32);
    rd_u(r, 12);
    rd_u(r, 8);                                             /* general_level_idc */
    for (i = 0; i < max_sub_layers_minus1; ++i)
    {
        profile_present[i] = rd_u(r, 1);
        level_present[i] = rd_u(r, 1);
    }
    if (max_sub_layers_minus1)
    {
        for (i = max_sub_layers_minus1; i < 8; ++i)
            rd_u(r, 2);
    }
    for (i = 0; i < max_sub_layers_minus1; ++i)
    {
        if (profile_present[i])
        {
            rd_u(r, 32);
            rd_u(r, 32);
            rd_u(r, 24);
        }
        if (level_present[i])
            rd_u(r, 8);
    }
}

/* st_ref_pic_set(idx) (7.3.7, 7.4.8). */
static void read_st_rps(struct reader *r, const struct sps *sps, unsigned int idx, bool in_slice, struct st_rps *rps)
{
    unsigned int i, j, delta_idx = 1, count, negative, positive, start = r->pos;
    int32_t delta_rps, dpoc, s0[32], s1[32];
    bool used_by_curr[33], use_delta[33], u0[32], u1[32];
    const struct st_rps *ref;

    memset(rps, 0, sizeof(*rps));
    if (idx && rd_u(r, 1))
    {
        rps->predicted = true;
        if (in_slice)
            delta_idx = rd_ue(r) + 1;
        if (delta_idx > idx)
        {
            r->error = true;
            return;
        }
        ref = &sps->st_rps[idx - delta_idx];
        rps->ref_num_delta_pocs = ref->negative + ref->positive;
        delta_rps = (1 - 2 * (int)rd_u(r, 1)) * (int32_t)(rd_ue(r) + 1);
        count = ref->negative + ref->positive;
        for (j = 0; j <= count; ++j)
        {
            used_by_curr[j] = rd_u(r, 1);
            use_delta[j] = used_by_curr[j] ? true : rd_u(r, 1);
        }
        /* 7-61 */
        negative = 0;
        for (j = ref->positive; j-- > 0;)
        {
            dpoc = ref->delta[ref->negative + j] + delta_rps;
            if (dpoc < 0 && use_delta[ref->negative + j])
            {
                s0[negative] = dpoc;
                u0[negative++] = used_by_curr[ref->negative + j];
            }
        }
        if (delta_rps < 0 && use_delta[count])
        {
            s0[negative] = delta_rps;
            u0[negative++] = used_by_curr[count];
        }
        for (j = 0; j < ref->negative; ++j)
        {
            dpoc = ref->delta[j] + delta_rps;
            if (dpoc < 0 && use_delta[j])
            {
                s0[negative] = dpoc;
                u0[negative++] = used_by_curr[j];
            }
        }
        /* 7-62 */
        positive = 0;
        for (j = ref->negative; j-- > 0;)
        {
            dpoc = ref->delta[j] + delta_rps;
            if (dpoc > 0 && use_delta[j])
            {
                s1[positive] = dpoc;
                u1[positive++] = used_by_curr[j];
            }
        }
        if (delta_rps > 0 && use_delta[count])
        {
            s1[positive] = delta_rps;
            u1[positive++] = used_by_curr[count];
        }
        for (j = 0; j < ref->positive; ++j)
        {
            dpoc = ref->delta[ref->negative + j] + delta_rps;
            if (dpoc > 0 && use_delta[ref->negative + j])
            {
                s1[positive] = dpoc;
                u1[positive++] = used_by_curr[ref->negative + j];
            }
        }
    }
    else
    {
        negative = rd_ue(r);
        positive = rd_ue(r);
        if (negative > 16 || positive > 16)
        {
            r->error = true;
            return;
        }
        for (i = 0; i < negative; ++i)
        {
            s0[i] = (i ? s0[i - 1] : 0) - (int32_t)(rd_ue(r) + 1);
            u0[i] = rd_u(r, 1);
        }
        for (i = 0; i < positive; ++i)
        {
            s1[i] = (i ? s1[i - 1] : 0) + (int32_t)(rd_ue(r) + 1);
            u1[i] = rd_u(r, 1);
        }
    }
    if (negative + positive > 32)
    {
        r->error = true;
        return;
    }
    rps->negative = negative;
    rps->positive = positive;
    for (i = 0; i < negative; ++i)
    {
        rps->delta[i] = s0[i];
        rps->used[i] = u0[i];
    }
    for (i = 0; i < positive; ++i)
    {
        rps->delta[negative + i] = s1[i];
        rps->used[negative + i] = u1[i];
    }
    rps->bits = r->pos - start;
}

static bool read_sps(struct reader *r, struct sps *sps_list)
{
    unsigned int max_sub_layers_minus1, profile_idc, id, i;
    struct sps sps;

    memset(&sps, 0, sizeof(sps));
    rd_u(r, 4);                                             /* sps_video_parameter_set_id */
    max_sub_layers_minus1 = rd_u(r, 3);
    rd_u(r, 1);
    skip_profile_tier_level(r, max_sub_layers_minus1, &profile_idc);
    if ((id = rd_ue(r)) >= 16)
        return false;
    sps.profile_idc = profile_idc;
    sps.max_sub_layers_minus1 = max_sub_layers_minus1;
    if ((sps.chroma_format_idc = rd_ue(r)) == 3)
        sps.separate_colour_plane_flag = rd_u(r, 1);
    sps.width = rd_ue(r);
    sps.height = rd_ue(r);
    if (rd_u(r, 1))                                         /* conformance_window_flag */
    {
        for (i = 0; i < 4; ++i)
            rd_ue(r);
    }
    sps.bit_depth_luma_minus8 = rd_ue(r);
    sps.bit_depth_chroma_minus8 = rd_ue(r);
    sps.log2_max_poc_lsb = rd_ue(r) + 4;
    i = rd_u(r, 1) ? 0 : max_sub_layers_minus1;             /* sps_sub_layer_ordering_info_present_flag */
    for (; i <= max_sub_layers_minus1; ++i)
    {
        sps.max_dec_pic_buffering_minus1[i] = rd_ue(r);
        rd_ue(r);
        rd_ue(r);
    }
    sps.log2_min_cb_minus3 = rd_ue(r);
    sps.log2_diff_cb = rd_ue(r);
    sps.log2_min_tb_minus2 = rd_ue(r);
    sps.log2_diff_tb = rd_ue(r);
    sps.depth_inter = rd_ue(r);
    sps.depth_intra = rd_ue(r);
    default_scaling(&sps.scaling);
    if ((sps.scaling_list_enabled_flag = rd_u(r, 1)) && rd_u(r, 1))
        read_scaling(r, &sps.scaling);
    sps.amp_enabled_flag = rd_u(r, 1);
    sps.sao_enabled_flag = rd_u(r, 1);
    if ((sps.pcm_enabled_flag = rd_u(r, 1)))
    {
        sps.pcm_bit_depth_luma_minus1 = rd_u(r, 4);
        sps.pcm_bit_depth_chroma_minus1 = rd_u(r, 4);
        sps.log2_min_pcm_minus3 = rd_ue(r);
        sps.log2_diff_pcm = rd_ue(r);
        sps.pcm_loop_filter_disabled_flag = rd_u(r, 1);
    }
    if ((sps.num_st_rps = rd_ue(r)) > 64)
        return false;
    for (i = 0; i < sps.num_st_rps && !r->error; ++i)
        read_st_rps(r, &sps, i, false, &sps.st_rps[i]);
    if ((sps.long_term_ref_pics_present_flag = rd_u(r, 1)))
    {
        if ((sps.num_lt_sps = rd_ue(r)) > 32)
            return false;
        for (i = 0; i < sps.num_lt_sps; ++i)
        {
            sps.lt_poc_lsb_sps[i] = rd_u(r, sps.log2_max_poc_lsb);
            sps.lt_used_sps[i] = rd_u(r, 1);
        }
    }
    sps.temporal_mvp_enabled_flag = rd_u(r, 1);
    sps.strong_intra_smoothing_enabled_flag = rd_u(r, 1);
    /* Nothing after this (VUI, extensions) is compared. */
    if (r->error)
        return false;
    sps.valid = true;
    sps_list[id] = sps;
    return true;
}

static bool read_pps(struct reader *r, const struct sps *sps_list, struct pps *pps_list)
{
    struct pps pps;
    unsigned int i;

    memset(&pps, 0, sizeof(pps));
    if ((pps.id = rd_ue(r)) >= 64 || (pps.sps_id = rd_ue(r)) >= 16 || !sps_list[pps.sps_id].valid)
        return false;
    pps.dependent_slice_segments_enabled_flag = rd_u(r, 1);
    pps.output_flag_present_flag = rd_u(r, 1);
    pps.num_extra_slice_header_bits = rd_u(r, 3);
    pps.sign_data_hiding_enabled_flag = rd_u(r, 1);
    pps.cabac_init_present_flag = rd_u(r, 1);
    pps.num_ref_idx_default_minus1[0] = rd_ue(r);
    pps.num_ref_idx_default_minus1[1] = rd_ue(r);
    pps.init_qp_minus26 = rd_se(r);
    pps.constrained_intra_pred_flag = rd_u(r, 1);
    pps.transform_skip_enabled_flag = rd_u(r, 1);
    if ((pps.cu_qp_delta_enabled_flag = rd_u(r, 1)))
        pps.diff_cu_qp_delta_depth = rd_ue(r);
    pps.cb_qp_offset = rd_se(r);
    pps.cr_qp_offset = rd_se(r);
    pps.slice_chroma_qp_offsets_present_flag = rd_u(r, 1);
    pps.weighted_pred_flag = rd_u(r, 1);
    pps.weighted_bipred_flag = rd_u(r, 1);
    pps.transquant_bypass_enabled_flag = rd_u(r, 1);
    pps.tiles_enabled_flag = rd_u(r, 1);
    pps.entropy_coding_sync_enabled_flag = rd_u(r, 1);
    if (pps.tiles_enabled_flag)
    {
        pps.num_tile_columns_minus1 = rd_ue(r);
        pps.num_tile_rows_minus1 = rd_ue(r);
        if (pps.num_tile_columns_minus1 >= 20 || pps.num_tile_rows_minus1 >= 22)
            return false;
        if (!(pps.uniform_spacing_flag = rd_u(r, 1)))
        {
            for (i = 0; i < pps.num_tile_columns_minus1; ++i)
                pps.column_width_minus1[i] = rd_ue(r);
            for (i = 0; i < pps.num_tile_rows_minus1; ++i)
                pps.row_height_minus1[i] = rd_ue(r);
        }
        pps.loop_filter_across_tiles_enabled_flag = rd_u(r, 1);
    }
    pps.loop_filter_across_slices_enabled_flag = rd_u(r, 1);
    if ((pps.deblocking_filter_control_present_flag = rd_u(r, 1)))
    {
        pps.deblocking_filter_override_enabled_flag = rd_u(r, 1);
        if (!(pps.deblocking_filter_disabled_flag = rd_u(r, 1)))
        {
            pps.beta_offset_div2 = rd_se(r);
            pps.tc_offset_div2 = rd_se(r);
        }
    }
    /* The effective lists: the PPS's, else the SPS's (its own or the defaults). */
    pps.scaling = sps_list[pps.sps_id].scaling;
    if ((pps.scaling_list_data_present_flag = rd_u(r, 1)))
        read_scaling(r, &pps.scaling);
    pps.lists_modification_present_flag = rd_u(r, 1);
    pps.log2_parallel_merge_level_minus2 = rd_ue(r);
    pps.slice_segment_header_extension_present_flag = rd_u(r, 1);
    if (r->error)
        return false;
    pps.valid = true;
    pps_list[pps.id] = pps;
    return true;
}

static bool is_irap(unsigned int type)
{
    return type >= 16 && type <= 23;
}

static bool is_idr(unsigned int type)
{
    return type == 19 || type == 20;
}

/* Reads a slice segment header to the start of the slice data (7.3.6.1). */
static bool read_slice(struct reader *r, unsigned int nal_type, const struct sps *sps_list, const struct pps *pps_list,
        unsigned int total_curr, struct slice *s, const struct sps **out_sps, const struct pps **out_pps)
{
    unsigned int i, j, ctb, ctbs, count, lt_sps, refs[2] = {0}, bits;
    bool sao = false, deblocking_disabled, tmvp = false, from_l0;
    const struct sps *sps;
    const struct pps *pps;
    uint32_t prev_cycle = 0;

    memset(s, 0, sizeof(*s));
    s->nal_type = nal_type;
    s->first = rd_u(r, 1);
    if (is_irap(nal_type))
        rd_u(r, 1);
    if ((s->pps_id = rd_ue(r)) >= 64 || !(pps = &pps_list[s->pps_id])->valid)
        return false;
    sps = &sps_list[pps->sps_id];
    *out_sps = sps;
    *out_pps = pps;
    ctb = 1u << (sps->log2_min_cb_minus3 + 3 + sps->log2_diff_cb);
    ctbs = ((sps->width + ctb - 1) / ctb) * ((sps->height + ctb - 1) / ctb);
    if (!s->first)
    {
        if (pps->dependent_slice_segments_enabled_flag)
            s->dependent = rd_u(r, 1);
        rd_u(r, ceil_log2(ctbs));
    }
    if (!s->dependent)
    {
        rd_u(r, pps->num_extra_slice_header_bits);
        s->slice_type = rd_ue(r);
        if (pps->output_flag_present_flag)
            rd_u(r, 1);
        if (sps->separate_colour_plane_flag)
            rd_u(r, 2);
        if (!is_idr(nal_type))
        {
            s->pos_poc_lsb = r->pos;
            s->poc_lsb = rd_u(r, sps->log2_max_poc_lsb);
            if (!(s->sps_flag = rd_u(r, 1)))
                read_st_rps(r, sps, sps->num_st_rps, true, &s->rps);
            else
            {
                i = sps->num_st_rps > 1 ? rd_u(r, ceil_log2(sps->num_st_rps)) : 0;
                if (i >= sps->num_st_rps)
                    return false;
                s->rps = sps->st_rps[i];
                s->rps.bits = 0;
                s->rps.predicted = false;
            }
            if (sps->long_term_ref_pics_present_flag)
            {
                lt_sps = sps->num_lt_sps ? rd_ue(r) : 0;
                s->lt_count = lt_sps + rd_ue(r);
                if (s->lt_count > 32)
                    return false;
                for (i = 0; i < s->lt_count; ++i)
                {
                    if (i < lt_sps)
                    {
                        j = sps->num_lt_sps > 1 ? rd_u(r, ceil_log2(sps->num_lt_sps)) : 0;
                        s->lt_poc_lsb[i] = sps->lt_poc_lsb_sps[j];
                        s->lt_used[i] = sps->lt_used_sps[j];
                    }
                    else
                    {
                        s->lt_poc_lsb[i] = rd_u(r, sps->log2_max_poc_lsb);
                        s->lt_used[i] = rd_u(r, 1);
                    }
                    s->lt_msb_present[i] = rd_u(r, 1);
                    /* 7-52 */
                    j = s->lt_msb_present[i] ? rd_ue(r) : 0;
                    s->lt_msb_cycle[i] = (i == 0 || i == lt_sps) ? j : j + prev_cycle;
                    prev_cycle = s->lt_msb_cycle[i];
                }
            }
            s->pos_after_lt = r->pos;
            if (sps->temporal_mvp_enabled_flag)
                tmvp = rd_u(r, 1);
        }
        if (sps->sao_enabled_flag)
        {
            sao = rd_u(r, 1);
            if (sps->chroma_format_idc)
                sao |= rd_u(r, 1);
        }
        if (s->slice_type != 2)
        {
            refs[0] = pps->num_ref_idx_default_minus1[0] + 1;
            refs[1] = s->slice_type == 0 ? pps->num_ref_idx_default_minus1[1] + 1 : 0;
            if (rd_u(r, 1))
            {
                refs[0] = rd_ue(r) + 1;
                if (s->slice_type == 0)
                    refs[1] = rd_ue(r) + 1;
            }
            if (refs[0] > 16 || refs[1] > 16)
                return false;
            if (pps->lists_modification_present_flag && total_curr > 1)
            {
                for (i = 0; i < (s->slice_type == 0 ? 2u : 1u); ++i)
                {
                    if (rd_u(r, 1))
                    {
                        for (j = 0; j < refs[i]; ++j)
                            rd_u(r, ceil_log2(total_curr));
                    }
                }
            }
            if (s->slice_type == 0)
                rd_u(r, 1);
            if (pps->cabac_init_present_flag)
                rd_u(r, 1);
            if (tmvp)
            {
                from_l0 = s->slice_type == 0 ? rd_u(r, 1) : true;
                if (refs[from_l0 ? 0 : 1] > 1)
                    rd_ue(r);
            }
            if ((pps->weighted_pred_flag && s->slice_type == 1) || (pps->weighted_bipred_flag && s->slice_type == 0))
            {
                bool luma[16], chroma[16];

                rd_ue(r);
                if (sps->chroma_format_idc)
                    rd_se(r);
                for (i = 0; i < (s->slice_type == 0 ? 2u : 1u); ++i)
                {
                    for (j = 0; j < refs[i]; ++j)
                        luma[j] = rd_u(r, 1);
                    for (j = 0; j < refs[i]; ++j)
                        chroma[j] = sps->chroma_format_idc ? rd_u(r, 1) : false;
                    for (j = 0; j < refs[i]; ++j)
                    {
                        if (luma[j])
                        {
                            rd_se(r);
                            rd_se(r);
                        }
                        if (chroma[j])
                        {
                            rd_se(r);
                            rd_se(r);
                            rd_se(r);
                            rd_se(r);
                        }
                    }
                }
            }
            rd_ue(r);
        }
        rd_se(r);
        if (pps->slice_chroma_qp_offsets_present_flag)
        {
            rd_se(r);
            rd_se(r);
        }
        deblocking_disabled = pps->deblocking_filter_disabled_flag;
        if (pps->deblocking_filter_override_enabled_flag && rd_u(r, 1))
        {
            if (!(deblocking_disabled = rd_u(r, 1)))
            {
                rd_se(r);
                rd_se(r);
            }
        }
        if (pps->loop_filter_across_slices_enabled_flag && (sao || !deblocking_disabled))
            rd_u(r, 1);
    }
    if (pps->tiles_enabled_flag || pps->entropy_coding_sync_enabled_flag)
    {
        if ((count = rd_ue(r)) > ctbs)
            return false;
        if (count)
        {
            bits = rd_ue(r) + 1;
            for (i = 0; i < count && !r->error; ++i)
                rd_u(r, bits);
        }
    }
    if (pps->slice_segment_header_extension_present_flag)
    {
        count = rd_ue(r);
        for (i = 0; i < count && !r->error; ++i)
            rd_u(r, 8);
    }
    s->pos_alignment = r->pos;
    if (rd_u(r, 1) != 1)
        return false;
    while (r->pos % 8)
    {
        if (rd_u(r, 1))
            return false;
    }
    s->data_byte = r->pos / 8;
    return !r->error;
}

/* 8.3.1 and 8.3.2: the picture's POC and RPS. */
static void derive_picture(struct poc_state *state, const struct sps *sps, const struct slice *s, struct expected *e)
{
    int32_t max = 1 << sps->log2_max_poc_lsb, prev_lsb, prev_msb, msb, poc;
    bool no_rasl_output = is_idr(s->nal_type) || (s->nal_type >= 16 && s->nal_type <= 18)
            || (is_irap(s->nal_type) && (state->first_picture || state->after_eos));
    unsigned int i;

    if (is_irap(s->nal_type) && no_rasl_output)
    {
        msb = 0;
    }
    else
    {
        prev_lsb = state->prev_tid0_poc & (max - 1);
        prev_msb = state->prev_tid0_poc - prev_lsb;
        if ((int32_t)s->poc_lsb < prev_lsb && prev_lsb - (int32_t)s->poc_lsb >= max / 2)
            msb = prev_msb + max;
        else if ((int32_t)s->poc_lsb > prev_lsb && (int32_t)s->poc_lsb - prev_lsb > max / 2)
            msb = prev_msb - max;
        else
            msb = prev_msb;
    }
    e->poc = poc = is_idr(s->nal_type) ? 0 : msb + (int32_t)s->poc_lsb;
    e->no_rasl_output_irap = is_irap(s->nal_type) && no_rasl_output;
    /* prevTid0Pic: TemporalId 0, not RASL, RADL or a sub-layer non-reference picture. */
    if (!s->temporal_id && !(s->nal_type >= 6 && s->nal_type <= 9) && !(s->nal_type <= 14 && !(s->nal_type & 1)))
        state->prev_tid0_poc = poc;
    state->first_picture = state->after_eos = false;

    e->curr_before_count = e->curr_after_count = e->lt_curr_count = e->foll_count = 0;
    if (is_idr(s->nal_type))
        return;
    for (i = 0; i < s->rps.negative + s->rps.positive; ++i)
    {
        if (!s->rps.used[i])
            e->foll[e->foll_count++] = poc + s->rps.delta[i];
        else if (i < s->rps.negative)
            e->curr_before[e->curr_before_count++] = poc + s->rps.delta[i];
        else
            e->curr_after[e->curr_after_count++] = poc + s->rps.delta[i];
    }
    for (i = 0; i < s->lt_count; ++i)
    {
        int32_t lt = s->lt_poc_lsb[i];

        if (s->lt_msb_present[i])
            lt += poc - (int32_t)s->lt_msb_cycle[i] * max - (poc & (max - 1));
        if (s->lt_used[i])
        {
            e->lt_curr_msb[e->lt_curr_count] = s->lt_msb_present[i];
            e->lt_curr[e->lt_curr_count++] = lt;
        }
        else
        {
            e->foll_lt[e->foll_count] = true;
            e->foll_msb[e->foll_count] = s->lt_msb_present[i];
            e->foll[e->foll_count++] = lt;
        }
    }
}

static bool parse_nal(const uint8_t *nal, size_t size, uint8_t **rbsp, size_t *rbsp_size)
{
    if (!(*rbsp = malloc(size)))
        return false;
    *rbsp_size = unescape(nal, size, *rbsp);
    return true;
}

/* Feeds one NAL unit of the stream to this file's reader. */
static void test_nal(struct stream_test *t, const uint8_t *nal, size_t size)
{
    unsigned int type = (nal[0] >> 1) & 0x3f;
    const struct sps *sps;
    const struct pps *pps;
    struct expected *e;
    struct reader r;
    struct slice s;
    uint8_t *rbsp;
    size_t rbsp_size;

    if (size < 2 || (nal[1] >> 3) || !parse_nal(nal, size, &rbsp, &rbsp_size))
        return;
    memset(&r, 0, sizeof(r));
    r.data = rbsp + 2;
    r.size_bits = (rbsp_size - 2) * 8;
    if (type == 33)
        ok(read_sps(&r, t->sps), "%s: SPS read.\n", t->name);
    else if (type == 34)
        ok(read_pps(&r, t->sps, t->pps), "%s: PPS read.\n", t->name);
    else if (type == 36)
        t->poc.after_eos = true;
    else if (type <= 21 && (type <= 9 || type >= 16))
    {
        struct reader tail = r;

        /* The RPS comes before anything that depends on NumPicTotalCurr: read the header once
         * for it, then again to its end. */
        read_slice(&r, type, t->sps, t->pps, 0, &s, &sps, &pps);
        if (!t->pps[s.pps_id].valid)
        {
            ok(false, "%s: slice with an unknown PPS %u.\n", t->name, s.pps_id);
            goto done;
        }
        if (s.first)
        {
            if (t->queue_count == t->queue_size)
            {
                t->queue_size = t->queue_size ? 2 * t->queue_size : 16;
                if (!(t->queue = realloc(t->queue, t->queue_size * sizeof(*t->queue))))
                    goto done;
            }
            e = &t->queue[t->queue_count++];
            memset(e, 0, sizeof(*e));
            s.temporal_id = (nal[1] & 7) - 1;
            derive_picture(&t->poc, &t->sps[t->pps[s.pps_id].sps_id], &s, e);
            e->sps = t->sps[t->pps[s.pps_id].sps_id];
            e->pps = t->pps[s.pps_id];
            e->first_nal = nal;
            e->first_nal_size = size;
        }
        else if (t->queue_count)
        {
            e = &t->queue[t->queue_count - 1];
        }
        else
        {
            goto done;
        }
        ok(read_slice(&tail, type, t->sps, t->pps, e->curr_before_count + e->curr_after_count + e->lt_curr_count,
                &s, &sps, &pps), "%s: slice header read.\n", t->name);
        s.temporal_id = (nal[1] & 7) - 1;
        if (s.first)
            e->header = s;
        if (e->slice_count < MAX_SLICES)
        {
            e->nals[e->slice_count] = nal;
            e->nal_sizes[e->slice_count++] = size;
        }
    }
done:
    free(rbsp);
}

/* The Vulkan path's parameter sets against the stream's. */
static void check_vk_sequence(struct stream_test *t, const struct expected *e)
{
    const StdVideoH265SequenceParameterSet *v = &t->vk_sps;
    const struct sps *s = &e->sps;
    const struct pps *p = &e->pps;
    const StdVideoH265PictureParameterSet *vp = &t->vk_pps[p->id];
    const StdVideoH265ScalingLists *lists;
    unsigned int i, j, ctb, ctbs_w, ctbs_h, w;
    bool enabled;

    ok(t->have_vk_sps, "%s: no SPS.\n", t->name);
    ok(t->have_vk_pps[p->id], "%s: no PPS %u.\n", t->name, p->id);
    if (!t->have_vk_sps || !t->have_vk_pps[p->id])
        return;
#define CHECK(a, b) ok((a) == (b), "%s, picture POC %d: %s is %d, the stream says %d.\n", t->name, e->poc, #a, \
        (int)(a), (int)(b))
    CHECK(v->flags.separate_colour_plane_flag, s->separate_colour_plane_flag);
    CHECK(v->flags.scaling_list_enabled_flag, s->scaling_list_enabled_flag);
    CHECK(v->flags.amp_enabled_flag, s->amp_enabled_flag);
    CHECK(v->flags.sample_adaptive_offset_enabled_flag, s->sao_enabled_flag);
    CHECK(v->flags.pcm_enabled_flag, s->pcm_enabled_flag);
    CHECK(v->flags.long_term_ref_pics_present_flag, s->long_term_ref_pics_present_flag);
    CHECK(v->flags.sps_temporal_mvp_enabled_flag, s->temporal_mvp_enabled_flag);
    CHECK(v->flags.strong_intra_smoothing_enabled_flag, s->strong_intra_smoothing_enabled_flag);
    CHECK(v->chroma_format_idc, s->chroma_format_idc);
    CHECK(v->pic_width_in_luma_samples, s->width);
    CHECK(v->pic_height_in_luma_samples, s->height);
    CHECK(v->bit_depth_luma_minus8, s->bit_depth_luma_minus8);
    CHECK(v->bit_depth_chroma_minus8, s->bit_depth_chroma_minus8);
    CHECK(v->log2_max_pic_order_cnt_lsb_minus4 + 4u, s->log2_max_poc_lsb);
    CHECK(v->log2_min_luma_coding_block_size_minus3, s->log2_min_cb_minus3);
    CHECK(v->log2_diff_max_min_luma_coding_block_size, s->log2_diff_cb);
    CHECK(v->log2_min_luma_transform_block_size_minus2, s->log2_min_tb_minus2);
    CHECK(v->log2_diff_max_min_luma_transform_block_size, s->log2_diff_tb);
    CHECK(v->max_transform_hierarchy_depth_inter, s->depth_inter);
    CHECK(v->max_transform_hierarchy_depth_intra, s->depth_intra);
    CHECK(v->num_short_term_ref_pic_sets, s->num_st_rps);
    CHECK(v->num_long_term_ref_pics_sps, s->num_lt_sps);
    if (s->pcm_enabled_flag)
    {
        CHECK(v->flags.pcm_loop_filter_disabled_flag, s->pcm_loop_filter_disabled_flag);
        CHECK(v->pcm_sample_bit_depth_luma_minus1, s->pcm_bit_depth_luma_minus1);
        CHECK(v->pcm_sample_bit_depth_chroma_minus1, s->pcm_bit_depth_chroma_minus1);
        CHECK(v->log2_min_pcm_luma_coding_block_size_minus3, s->log2_min_pcm_minus3);
        CHECK(v->log2_diff_max_min_pcm_luma_coding_block_size, s->log2_diff_pcm);
    }
    /* HighestTid's DPB size (DXVA's sps_max_dec_pic_buffering_minus1). */
    CHECK(t->vk_dpb.max_dec_pic_buffering_minus1[0], s->max_dec_pic_buffering_minus1[s->max_sub_layers_minus1]);
    if (s->profile_idc == 1 || s->profile_idc == 2)
        CHECK(t->vk_ptl.general_profile_idc, s->profile_idc == 2 || s->bit_depth_luma_minus8
                ? STD_VIDEO_H265_PROFILE_IDC_MAIN_10 : STD_VIDEO_H265_PROFILE_IDC_MAIN);
    /* Ids are vkdva's: the picture's PPS keeps its number, SPS and VPS are 0. */
    CHECK(vp->pps_pic_parameter_set_id, p->id);
    CHECK(vp->pps_seq_parameter_set_id, v->sps_seq_parameter_set_id);
    CHECK(vp->sps_video_parameter_set_id, v->sps_video_parameter_set_id);

    CHECK(vp->flags.dependent_slice_segments_enabled_flag, p->dependent_slice_segments_enabled_flag);
    CHECK(vp->flags.output_flag_present_flag, p->output_flag_present_flag);
    CHECK(vp->flags.sign_data_hiding_enabled_flag, p->sign_data_hiding_enabled_flag);
    CHECK(vp->flags.cabac_init_present_flag, p->cabac_init_present_flag);
    CHECK(vp->flags.constrained_intra_pred_flag, p->constrained_intra_pred_flag);
    CHECK(vp->flags.transform_skip_enabled_flag, p->transform_skip_enabled_flag);
    CHECK(vp->flags.cu_qp_delta_enabled_flag, p->cu_qp_delta_enabled_flag);
    CHECK(vp->flags.pps_slice_chroma_qp_offsets_present_flag, p->slice_chroma_qp_offsets_present_flag);
    CHECK(vp->flags.weighted_pred_flag, p->weighted_pred_flag);
    CHECK(vp->flags.weighted_bipred_flag, p->weighted_bipred_flag);
    CHECK(vp->flags.transquant_bypass_enabled_flag, p->transquant_bypass_enabled_flag);
    CHECK(vp->flags.tiles_enabled_flag, p->tiles_enabled_flag);
    CHECK(vp->flags.entropy_coding_sync_enabled_flag, p->entropy_coding_sync_enabled_flag);
    CHECK(vp->flags.uniform_spacing_flag, p->uniform_spacing_flag);
    CHECK(vp->flags.loop_filter_across_tiles_enabled_flag, p->loop_filter_across_tiles_enabled_flag);
    CHECK(vp->flags.pps_loop_filter_across_slices_enabled_flag, p->loop_filter_across_slices_enabled_flag);
    CHECK(vp->flags.deblocking_filter_override_enabled_flag, p->deblocking_filter_override_enabled_flag);
    CHECK(vp->flags.pps_deblocking_filter_disabled_flag, p->deblocking_filter_disabled_flag);
    /* Not in DXVA: vkdva sets it where something it guards is not inferred. */
    CHECK(vp->flags.deblocking_filter_control_present_flag, p->deblocking_filter_override_enabled_flag
            || p->deblocking_filter_disabled_flag || p->beta_offset_div2 || p->tc_offset_div2);
    CHECK(vp->flags.lists_modification_present_flag, p->lists_modification_present_flag);
    CHECK(vp->flags.slice_segment_header_extension_present_flag, p->slice_segment_header_extension_present_flag);
    CHECK(vp->num_extra_slice_header_bits, p->num_extra_slice_header_bits);
    CHECK(vp->num_ref_idx_l0_default_active_minus1, p->num_ref_idx_default_minus1[0]);
    CHECK(vp->num_ref_idx_l1_default_active_minus1, p->num_ref_idx_default_minus1[1]);
    CHECK(vp->init_qp_minus26, p->init_qp_minus26);
    CHECK(vp->diff_cu_qp_delta_depth, p->diff_cu_qp_delta_depth);
    CHECK(vp->pps_cb_qp_offset, p->cb_qp_offset);
    CHECK(vp->pps_cr_qp_offset, p->cr_qp_offset);
    CHECK(vp->pps_beta_offset_div2, p->beta_offset_div2);
    CHECK(vp->pps_tc_offset_div2, p->tc_offset_div2);
    CHECK(vp->log2_parallel_merge_level_minus2, p->log2_parallel_merge_level_minus2);
    if (p->tiles_enabled_flag)
    {
        CHECK(vp->num_tile_columns_minus1, p->num_tile_columns_minus1);
        CHECK(vp->num_tile_rows_minus1, p->num_tile_rows_minus1);
        /* Uniform spacing: the sizes 6-3 and 6-4 derive. */
        ctb = 1u << (s->log2_min_cb_minus3 + 3 + s->log2_diff_cb);
        ctbs_w = (s->width + ctb - 1) / ctb;
        ctbs_h = (s->height + ctb - 1) / ctb;
        for (i = 0; i < p->num_tile_columns_minus1; ++i)
        {
            w = p->uniform_spacing_flag ? ((i + 1) * ctbs_w) / (p->num_tile_columns_minus1 + 1)
                    - (i * ctbs_w) / (p->num_tile_columns_minus1 + 1) - 1 : p->column_width_minus1[i];
            CHECK(vp->column_width_minus1[i], w);
        }
        for (i = 0; i < p->num_tile_rows_minus1; ++i)
        {
            w = p->uniform_spacing_flag ? ((i + 1) * ctbs_h) / (p->num_tile_rows_minus1 + 1)
                    - (i * ctbs_h) / (p->num_tile_rows_minus1 + 1) - 1 : p->row_height_minus1[i];
            CHECK(vp->row_height_minus1[i], w);
        }
    }
#undef CHECK

    /* The effective scaling lists: the PPS's, else the SPS's. */
    enabled = s->scaling_list_enabled_flag;
    lists = vp->flags.pps_scaling_list_data_present_flag ? &t->vk_pps_scaling[p->id]
            : v->flags.sps_scaling_list_data_present_flag ? &t->vk_sps_scaling : NULL;
    if (enabled)
    {
        bool same = !!lists;

        for (i = 0; i < 6 && same; ++i)
        {
            same = !memcmp(lists->ScalingList4x4[i], p->scaling.list[0][i], 16)
                    && !memcmp(lists->ScalingList8x8[i], p->scaling.list[1][i], 64)
                    && !memcmp(lists->ScalingList16x16[i], p->scaling.list[2][i], 64)
                    && lists->ScalingListDCCoef16x16[i] == p->scaling.dc[2][i];
        }
        for (j = 0; j < 2 && same; ++j)
        {
            same = !memcmp(lists->ScalingList32x32[j], p->scaling.list[3][3 * j], 64)
                    && lists->ScalingListDCCoef32x32[j] == p->scaling.dc[3][3 * j];
        }
        ok(same, "%s, picture POC %d: the effective scaling lists differ from the stream's.\n", t->name, e->poc);
    }
}

static bool poc_matches(int32_t got, int32_t expected, bool msb, unsigned int log2_max_lsb)
{
    uint32_t mask = (1u << log2_max_lsb) - 1;

    return msb ? got == expected : ((uint32_t)got & mask) == ((uint32_t)expected & mask);
}

static void check_vk_picture(struct stream_test *t, const struct expected *e, const struct hevc_translation_input *in,
        const struct hevc_translation_vk *vk)
{
    const StdVideoDecodeH265PictureInfo *p = vk->picture->pStdPictureInfo;
    const struct slice *s = &e->header;
    const DXVA_Slice_HEVC_Short *sc = in->slice_control;
    const uint8_t *lists[3] = {p->RefPicSetStCurrBefore, p->RefPicSetStCurrAfter, p->RefPicSetLtCurr};
    const int32_t *pocs[3] = {e->curr_before, e->curr_after, e->lt_curr};
    unsigned int counts[3] = {e->curr_before_count, e->curr_after_count, e->lt_curr_count};
    unsigned int i, j, k, offset;
    bool found;

#define CHECK(a, b) ok((a) == (b), "%s, picture POC %d: %s is %d, the stream says %d.\n", t->name, e->poc, #a, \
        (int)(a), (int)(b))
    CHECK(p->flags.IrapPicFlag, is_irap(s->nal_type));
    CHECK(p->flags.IdrPicFlag, is_idr(s->nal_type));
    CHECK(p->flags.IsReference, s->nal_type >= 16 || (s->nal_type & 1));
    CHECK(p->flags.short_term_ref_pic_set_sps_flag, s->sps_flag);
    CHECK(p->pps_pic_parameter_set_id, s->pps_id);
    CHECK(p->PicOrderCntVal, e->poc);
    CHECK(p->NumBitsForSTRefPicSetInSlice, s->sps_flag ? 0 : s->rps.bits);
    CHECK(p->NumDeltaPocsOfRefRpsIdx, s->rps.predicted ? s->rps.ref_num_delta_pocs : 0);
    CHECK(vk->setup->PicOrderCntVal, e->poc);
    CHECK(vk->setup->flags.used_for_long_term_reference, 0);

    /* RefPicSet lists: slots 0, 1, ... are vk->refs[] in order. */
    for (k = 0; k < 3; ++k)
    {
        for (i = 0; i < 8; ++i)
        {
            if (i >= counts[k])
            {
                ok(lists[k][i] == 0xff, "%s, picture POC %d: list %u entry %u is %u, expected none.\n", t->name,
                        e->poc, k, i, lists[k][i]);
                continue;
            }
            if (lists[k][i] >= vk->ref_count)
            {
                ok(false, "%s, picture POC %d: list %u entry %u names slot %u of %u.\n", t->name, e->poc, k, i,
                        lists[k][i], vk->ref_count);
                continue;
            }
            ok(poc_matches(vk->refs[lists[k][i]]->PicOrderCntVal, pocs[k][i], k < 2 || e->lt_curr_msb[i],
                    e->sps.log2_max_poc_lsb), "%s, picture POC %d: list %u entry %u has POC %d, the RPS says %d.\n",
                    t->name, e->poc, k, i, vk->refs[lists[k][i]]->PicOrderCntVal, pocs[k][i]);
            ok(vk->refs[lists[k][i]]->flags.used_for_long_term_reference == (k == 2),
                    "%s, picture POC %d: list %u entry %u long-term flag %u.\n", t->name, e->poc, k, i,
                    vk->refs[lists[k][i]]->flags.used_for_long_term_reference);
        }
    }
    /* Every bound picture is in the RPS. */
    for (i = 0; i < vk->ref_count; ++i)
    {
        int32_t poc = vk->refs[i]->PicOrderCntVal;

        found = false;
        for (k = 0; k < 3 && !found; ++k)
        {
            for (j = 0; j < counts[k] && !found; ++j)
                found = poc_matches(poc, pocs[k][j], k < 2 || e->lt_curr_msb[j], e->sps.log2_max_poc_lsb);
        }
        for (j = 0; j < e->foll_count && !found; ++j)
            found = poc_matches(poc, e->foll[j], !e->foll_lt[j] || e->foll_msb[j], e->sps.log2_max_poc_lsb);
        ok(found, "%s, picture POC %d: reference POC %d is not in the RPS.\n", t->name, e->poc, poc);
        ok(vk->ref_surfaces[i] != vk->surface, "%s, picture POC %d: reference %u is the current surface.\n",
                t->name, e->poc, i);
    }

    /* Slice segment offsets into the slices as submitted, start codes included. */
    CHECK(vk->picture->sliceSegmentCount, e->slice_count);
    for (i = 0, offset = 0; i < vk->picture->sliceSegmentCount && i < e->slice_count; ++i)
    {
        const uint8_t *slice = in->bitstream + sc[i].BSNALunitDataLocation;

        CHECK(vk->picture->pSliceSegmentOffsets[i], offset);
        ok(sc[i].SliceBytesInBuffer >= 3 + e->nal_sizes[i] && !slice[0] && !slice[1]
                && slice[sc[i].SliceBytesInBuffer - e->nal_sizes[i] - 1] == 1
                && !memcmp(slice + sc[i].SliceBytesInBuffer - e->nal_sizes[i], e->nals[i], e->nal_sizes[i]),
                "%s, picture POC %d: slice %u is not the stream's NAL unit.\n", t->name, e->poc, i);
        offset += sc[i].SliceBytesInBuffer;
    }
#undef CHECK
}

/* Appends each NAL unit of an Annex-B buffer to the callback. */
static void for_each_nal(const uint8_t *data, size_t size, void (*callback)(void *context, const uint8_t *nal,
        size_t size), void *context)
{
    size_t i = 0, start = 0, end;
    bool in_nal = false;

    while (i + 3 <= size)
    {
        if (!data[i] && !data[i + 1] && data[i + 2] == 1)
        {
            if (in_nal)
            {
                end = i;
                while (end > start && !data[end - 1])
                    --end;
                callback(context, data + start, end - start);
            }
            i += 3;
            start = i;
            in_nal = true;
            continue;
        }
        ++i;
    }
    if (in_nal && start < size)
        callback(context, data + start, size - start);
}

struct sw_check
{
    struct stream_test *t;
    const struct expected *e;
    unsigned int slice;
};

/* One NAL unit of the software path's packet, read back. */
static void check_sw_nal(void *context, const uint8_t *nal, size_t size)
{
    struct sw_check *c = context;
    struct stream_test *t = c->t;
    const struct expected *e = c->e;
    unsigned int type = (nal[0] >> 1) & 0x3f, i;
    const struct sps *sps, *orig_sps;
    const struct pps *pps, *orig_pps;
    uint8_t *rbsp, *orig_rbsp;
    size_t rbsp_size, orig_size;
    struct reader r, o;
    struct slice s, os;
    struct expected got;
    bool same;

    if (!parse_nal(nal, size, &rbsp, &rbsp_size))
        return;
    memset(&r, 0, sizeof(r));
    r.data = rbsp + 2;
    r.size_bits = (rbsp_size - 2) * 8;
    if (type == 33)
    {
        ok(read_sps(&r, t->sw_sps), "%s: synthesised SPS read.\n", t->name);
    }
    else if (type == 34)
    {
        ok(read_pps(&r, t->sw_sps, t->sw_pps), "%s: synthesised PPS read.\n", t->name);
    }
    else if (type <= 21 && c->slice < e->slice_count)
    {
        unsigned int total = e->curr_before_count + e->curr_after_count + e->lt_curr_count;

        ok(type == e->header.nal_type, "%s, picture POC %d: NAL unit type %u.\n", t->name, e->poc, type);
        ok(nal[1] == e->nals[c->slice][1], "%s, picture POC %d: NAL unit header changed.\n", t->name, e->poc);
        if (!read_slice(&r, type, t->sw_sps, t->sw_pps, total, &s, &sps, &pps))
        {
            ok(false, "%s, picture POC %d: rewritten slice %u cannot be read.\n", t->name, e->poc, c->slice);
            goto done;
        }
        s.temporal_id = (nal[1] & 7) - 1;
        if (!parse_nal(e->nals[c->slice], e->nal_sizes[c->slice], &orig_rbsp, &orig_size))
            goto done;
        memset(&o, 0, sizeof(o));
        o.data = orig_rbsp + 2;
        o.size_bits = (orig_size - 2) * 8;
        ok(read_slice(&o, type, t->sps, t->pps, total, &os, &orig_sps, &orig_pps), "%s: slice read.\n", t->name);
        if (!c->slice)
        {
            /* The same POC and RPS, from the synthesised SPS's POC LSB and explicit RPS. */
            memset(&got, 0, sizeof(got));
            derive_picture(&t->sw_poc, sps, &s, &got);
            ok(got.poc == e->poc, "%s: POC %d read back as %d.\n", t->name, e->poc, got.poc);
            same = got.curr_before_count == e->curr_before_count && got.curr_after_count == e->curr_after_count
                    && got.lt_curr_count == e->lt_curr_count
                    && (got.foll_count == e->foll_count || e->no_rasl_output_irap)
                    && !memcmp(got.curr_before, e->curr_before, e->curr_before_count * sizeof(int32_t))
                    && !memcmp(got.curr_after, e->curr_after, e->curr_after_count * sizeof(int32_t));
            for (i = 0; same && i < e->lt_curr_count; ++i)
                same = poc_matches(got.lt_curr[i], e->lt_curr[i], e->lt_curr_msb[i], e->sps.log2_max_poc_lsb);
            /* Every Foll picture the rewritten RPS keeps is the original's; it keeps them all, but
             * where they may never have existed (the client has no surface for them). */
            for (i = 0; same && i < got.foll_count; ++i)
            {
                unsigned int j;

                same = false;
                for (j = 0; j < e->foll_count && !same; ++j)
                    same = poc_matches(got.foll[i], e->foll[j], !e->foll_lt[j] || e->foll_msb[j],
                            e->sps.log2_max_poc_lsb);
            }
            ok(same, "%s, picture POC %d: the rewritten slice header has another RPS.\n", t->name, e->poc);
        }
        /* Everything before the POC LSB and after the long-term entries, bit for bit; the
         * slice data byte for byte. */
        same = true;
        if (!is_idr(type) && !s.dependent)
        {
            struct reader a = {rbsp + 2, (rbsp_size - 2) * 8, 0, false};
            struct reader b = {orig_rbsp + 2, (orig_size - 2) * 8, 0, false};

            same = s.pos_poc_lsb == os.pos_poc_lsb;
            for (; same && a.pos < s.pos_poc_lsb;)
                same = rd_u(&a, 1) == rd_u(&b, 1);
            same = same && s.pos_alignment - s.pos_after_lt == os.pos_alignment - os.pos_after_lt;
            for (a.pos = s.pos_after_lt, b.pos = os.pos_after_lt; same && a.pos < s.pos_alignment;)
                same = rd_u(&a, 1) == rd_u(&b, 1);
        }
        ok(same, "%s, picture POC %d: slice %u header fields changed.\n", t->name, e->poc, c->slice);
        ok(rbsp_size - 2 - s.data_byte == orig_size - 2 - os.data_byte
                && !memcmp(rbsp + 2 + s.data_byte, orig_rbsp + 2 + os.data_byte, orig_size - 2 - os.data_byte),
                "%s, picture POC %d: slice %u data changed.\n", t->name, e->poc, c->slice);
        free(orig_rbsp);
        ++c->slice;
    }
done:
    free(rbsp);
}

static bool test_decode_picture(void *context, const struct codec_picture *picture)
{
    struct stream_test *t = context;
    struct hevc_translation_input in;
    struct hevc_translation_vk vk;
    struct hevc_translation_sw sw;
    const struct expected *e = NULL;
    const DXVA_Slice_HEVC_Short *sc;
    struct sw_check check;
    const uint8_t *nal;
    unsigned int i;
    size_t skip;
    long hr;

    memset(&in, 0, sizeof(in));
    for (i = 0; i < picture->buffer_count; ++i)
    {
        const struct codec_buffer *b = &picture->buffers[i];

        if (b->type == D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS)
        {
            in.picture_params = b->data;
            in.picture_params_size = b->size;
        }
        else if (b->type == D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX)
        {
            in.qmatrix = b->data;
            in.qmatrix_size = b->size;
        }
        else if (b->type == D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL)
        {
            in.slice_control = b->data;
            in.slice_control_size = b->size;
        }
        else if (b->type == D3D11_VIDEO_DECODER_BUFFER_BITSTREAM)
        {
            in.bitstream = b->data;
            in.bitstream_size = b->size;
        }
    }
    in.p010 = t->p010;
    in.width = t->width;
    in.height = t->height;
    ++t->picture_count;
    if (!in.picture_params || !in.slice_control || !in.bitstream || in.slice_control_size < sizeof(*sc))
    {
        ok(false, "%s: picture %u without picture parameters, slice control or bitstream.\n", t->name, picture->index);
        return true;
    }

    /* The stream's picture whose first slice this is (the client may skip pictures). */
    sc = in.slice_control;
    nal = in.bitstream + sc->BSNALunitDataLocation;
    for (skip = 0; skip < 4 && skip + 3 < sc->SliceBytesInBuffer && !(nal[skip] == 1); ++skip);
    nal += skip + 1;
    while (t->queue_count)
    {
        if (sc->SliceBytesInBuffer >= skip + 1 + t->queue[0].first_nal_size
                && !memcmp(nal, t->queue[0].first_nal, t->queue[0].first_nal_size))
        {
            e = &t->queue[0];
            break;
        }
        memmove(t->queue, t->queue + 1, --t->queue_count * sizeof(*t->queue));
    }
    if (!e)
    {
        ok(false, "%s: picture %u is none of the stream's.\n", t->name, picture->index);
        return true;
    }

    hr = hevc_translation_vk(&t->vk_state, &in, &vk);
    ok(hr == 0, "%s, picture POC %d: Vulkan translation failed, hr %#lx.\n", t->name, e->poc, hr);
    if (hr == 0)
    {
        if (vk.sps)
        {
            t->vk_sps = *vk.sps;
            t->vk_dpb = *vk.sps->pDecPicBufMgr;
            t->vk_ptl = *vk.sps->pProfileTierLevel;
            if (vk.sps->pScalingLists)
                t->vk_sps_scaling = *vk.sps->pScalingLists;
            t->have_vk_sps = true;
            ok(vk.vps && vk.vps->vps_video_parameter_set_id == vk.sps->sps_video_parameter_set_id
                    && vk.vps->pDecPicBufMgr && vk.vps->pProfileTierLevel, "%s: VPS missing or inconsistent.\n",
                    t->name);
        }
        if (vk.reset)
            memset(t->have_vk_pps, 0, sizeof(t->have_vk_pps));
        if (vk.pps)
        {
            t->vk_pps[vk.pps->pps_pic_parameter_set_id] = *vk.pps;
            if (vk.pps->pScalingLists)
                t->vk_pps_scaling[vk.pps->pps_pic_parameter_set_id] = *vk.pps->pScalingLists;
            t->have_vk_pps[vk.pps->pps_pic_parameter_set_id] = true;
        }
        check_vk_sequence(t, e);
        check_vk_picture(t, e, &in, &vk);
    }

    hr = hevc_translation_sw(&t->sw_state, &in, &sw);
    ok(hr == 0, "%s, picture POC %d: software translation failed, hr %#lx.\n", t->name, e->poc, hr);
    if (hr == 0)
    {
        check.t = t;
        check.e = e;
        check.slice = 0;
        for_each_nal(sw.parameter_sets, sw.parameter_sets_size, check_sw_nal, &check);
        for_each_nal(sw.slices, sw.slices_size, check_sw_nal, &check);
        ok(check.slice == e->slice_count, "%s, picture POC %d: %u slices, expected %u.\n", t->name, e->poc,
                check.slice, e->slice_count);
    }
    ++t->checked_count;
    memmove(t->queue, t->queue + 1, --t->queue_count * sizeof(*t->queue));
    return true;
}

static bool test_start_sequence(void *context, const struct codec_sequence *sequence)
{
    struct stream_test *t = context;

    t->p010 = sequence->format == DXGI_FORMAT_P010;
    t->width = sequence->width;
    t->height = sequence->height;
    return true;
}

static bool test_output_picture(void *context, unsigned int surface, int poc)
{
    (void)context;
    (void)surface;
    (void)poc;
    return true;
}

struct nal_feed
{
    struct stream_test *t;
    struct codec *codec;
    bool failed;
};

static void feed_nal(void *context, const uint8_t *nal, size_t size)
{
    struct nal_feed *feed = context;
    struct bitstream_nal n;

    if (feed->failed || !size)
        return;
    test_nal(feed->t, nal, size);
    n.data = nal;
    n.size = size;
    n.start_code_offset = 0;
    if (!feed->codec->ops->decode_nal(feed->codec, &n))
        feed->failed = true;
}

static void test_stream(const char *path, const char *name)
{
    struct codec_callbacks callbacks;
    struct stream_test *t;
    struct nal_feed feed;
    uint8_t *data;
    size_t size;
    FILE *file;

    if (!(file = fopen(path, "rb")))
    {
        ok(false, "Cannot open %s.\n", path);
        return;
    }
    fseek(file, 0, SEEK_END);
    size = ftell(file);
    fseek(file, 0, SEEK_SET);
    data = malloc(size);
    if (!data || fread(data, 1, size, file) != size)
    {
        ok(false, "Cannot read %s.\n", path);
        fclose(file);
        free(data);
        return;
    }
    fclose(file);

    t = calloc(1, sizeof(*t));
    t->name = name;
    t->poc.first_picture = t->sw_poc.first_picture = true;
    callbacks.context = t;
    callbacks.start_sequence = test_start_sequence;
    callbacks.decode_picture = test_decode_picture;
    callbacks.output_picture = test_output_picture;
    feed.t = t;
    feed.failed = false;
    if ((feed.codec = hevc_codec_ops.create(&callbacks)))
    {
        for_each_nal(data, size, feed_nal, &feed);
        if (!feed.failed)
            feed.codec->ops->flush(feed.codec);
        ok(!feed.failed, "%s: vkdva-decode's parser failed.\n", name);
        feed.codec->ops->destroy(feed.codec);
    }
    ok(t->checked_count && t->checked_count == t->picture_count, "%s: %zu of %zu pictures checked.\n", name,
            t->checked_count, t->picture_count);
    trace("%s: %zu pictures checked.\n", name, t->checked_count);
    hevc_translation_free(t->vk_state, t->sw_state);
    free(t->queue);
    free(t);
    free(data);
}

static bool is_hevc_file(const char *name)
{
    const char *dot = strrchr(name, '.');

    return dot && (!strcmp(dot, ".265") || !strcmp(dot, ".h265") || !strcmp(dot, ".hevc"));
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

START_TEST(hevc_translation)
{
    char *names[512], path[4096];
    unsigned int count, i;
    struct dirent *entry;
    int arg, streams = 0;
    DIR *dir;

    for (arg = 1; arg < argc; ++arg)
    {
        if (!(dir = opendir(argv[arg])))
        {
            skip("No folder %s.\n", argv[arg]);
            continue;
        }
        count = 0;
        while ((entry = readdir(dir)) && count < ARRAY_SIZE(names))
        {
            if (is_hevc_file(entry->d_name))
                names[count++] = strdup(entry->d_name);
        }
        closedir(dir);
        qsort(names, count, sizeof(*names), compare_names);
        for (i = 0; i < count; ++i)
        {
            snprintf(path, sizeof(path), "%s/%s", argv[arg], names[i]);
            test_stream(path, names[i]);
            free(names[i]);
            ++streams;
        }
    }
    ok(streams > 0, "No HEVC streams.\n");
}
