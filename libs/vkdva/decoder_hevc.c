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

/* HEVC (H.265 Main and Main 10): what DXVA_PicParams_HEVC, DXVA_Qmatrix_HEVC and
 * DXVA_Slice_HEVC_Short mean, and nothing about Vulkan or libavcodec submission.
 *
 * DXVA carries the sequence and picture parameters a decoder needs, but not the short-term
 * reference picture sets of the SPS (st_ref_pic_set(i) of 7.3.2.2), nor its long-term
 * reference pictures (lt_ref_pic_poc_lsb_sps[]): slice headers refer to them by index
 * (short_term_ref_pic_set_idx, lt_idx_sps). It carries instead the current picture's reference
 * picture set, resolved: RefPicList[] with PicOrderCntValList[] (every picture of the RPS) and
 * the RefPicSetStCurrBefore/StCurrAfter/LtCurr index lists.
 *
 * Software backend: VPS, SPS and PPS are re-synthesised (7.3.2.1-7.3.2.3). The SPS has no RPS
 * sets (num_short_term_ref_pic_sets 0, num_long_term_ref_pics_sps 0) and a 16-bit
 * slice_pic_order_cnt_lsb, so that it never changes within a sequence; each slice segment
 * header of a non-IDR picture is rewritten with the picture's RPS coded explicitly
 * (short_term_ref_pic_set_sps_flag 0, explicit long-term entries with their MSB cycles) and the
 * POC LSB of CurrPicOrderCntVal, every other field copied bit for bit, then byte-aligned again:
 * the slice data that follow are copied unchanged (entry point offsets count from there).
 *
 * Vulkan Video: StdVideoH265VideoParameterSet/SequenceParameterSet/PictureParameterSet come
 * from the same fields. Vulkan decoders take the picture's RPS from
 * StdVideoDecodeH265PictureInfo (RefPicSetStCurrBefore/After/LtCurr as DPB slots,
 * NumBitsForSTRefPicSetInSlice, NumDeltaPocsOfRefRpsIdx) and parse the unmodified slice
 * headers themselves, for which the SPS needs the number of RPS sets (the width of
 * short_term_ref_pic_set_idx and lt_idx_sps) but not their contents: the sets are present in
 * number, empty. */

#define HEVC_MAX_VPS 16u
#define HEVC_MAX_SPS 16u
#define HEVC_MAX_PPS 64u
#define HEVC_MAX_REFS 15u
#define HEVC_MAX_ST_RPS 64u
#define HEVC_MAX_LT_SPS 32u
#define HEVC_MAX_LT_PICS 32u
#define HEVC_NO_REF 0xffu

/* The POC LSB width of the synthesised SPS (log2_max_pic_order_cnt_lsb_minus4 12). */
#define HEVC_SW_POC_LSB_BITS 16u

enum hevc_nal_type
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
    HEVC_NAL_BLA_W_LP = 16,
    HEVC_NAL_BLA_W_RADL = 17,
    HEVC_NAL_BLA_N_LP = 18,
    HEVC_NAL_IDR_W_RADL = 19,
    HEVC_NAL_IDR_N_LP = 20,
    HEVC_NAL_CRA = 21,
    HEVC_NAL_VPS = 32,
    HEVC_NAL_SPS = 33,
    HEVC_NAL_PPS = 34,
};

enum hevc_slice_type
{
    HEVC_SLICE_B = 0,
    HEVC_SLICE_P = 1,
    HEVC_SLICE_I = 2,
};

static const DXGI_FORMAT hevc_main_formats[] = {DXGI_FORMAT_NV12};
static const DXGI_FORMAT hevc_main10_formats[] = {DXGI_FORMAT_P010};

/* Table 7-6, in coding (up-right diagonal) order, as DXVA and StdVideoH265ScalingLists hold them. */
static const uint8_t hevc_default_scaling_intra[64] =
{
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 17, 16, 17, 16, 17, 18,
    17, 18, 18, 17, 18, 21, 19, 20, 21, 20, 19, 21, 24, 22, 22, 24,
    24, 22, 22, 24, 25, 25, 27, 30, 27, 25, 25, 29, 31, 35, 35, 31,
    29, 36, 41, 44, 41, 36, 47, 54, 54, 47, 65, 70, 65, 88, 88, 115,
};

static const uint8_t hevc_default_scaling_inter[64] =
{
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 17, 17, 17, 17, 17, 18,
    18, 18, 18, 18, 18, 20, 20, 20, 20, 20, 20, 20, 24, 24, 24, 24,
    24, 24, 24, 24, 25, 25, 25, 25, 25, 25, 25, 28, 28, 28, 28, 28,
    28, 33, 33, 33, 33, 33, 41, 41, 41, 41, 54, 54, 54, 71, 71, 91,
};

/* The sequence-level Vulkan parameter sets (ids 0) with what they point to. */
struct hevc_vk_sequence
{
    StdVideoH265VideoParameterSet vps;
    StdVideoH265SequenceParameterSet sps;
    StdVideoH265ProfileTierLevel ptl;
    StdVideoH265DecPicBufMgr dpb;
    StdVideoH265ShortTermRefPicSet st_rps[HEVC_MAX_ST_RPS];
    StdVideoH265LongTermRefPicsSps lt_rps;
};

/* Vulkan Video translation state. */
struct hevc_vk_state
{
    /* What the session parameters object holds; the keys are the same with pointers cleared. */
    struct hevc_vk_sequence sequence, sequence_key;
    StdVideoH265ScalingLists sps_scaling;
    bool have_sequence;
    StdVideoH265PictureParameterSet pps[HEVC_MAX_PPS], pps_key[HEVC_MAX_PPS];
    StdVideoH265ScalingLists pps_scaling[HEVC_MAX_PPS];
    bool have_pps[HEVC_MAX_PPS];
    VkVideoDecodeH265SessionParametersAddInfoKHR add_info;
    VkVideoDecodeH265SessionParametersCreateInfoKHR create_info;

    StdVideoDecodeH265PictureInfo std_picture;
    VkVideoDecodeH265PictureInfoKHR picture;
    uint32_t *slice_offsets;
    size_t slice_offsets_size;
    StdVideoDecodeH265ReferenceInfo std_refs[VKDVA_MAX_VK_REFERENCES + 1];
    VkVideoDecodeH265DpbSlotInfoKHR refs[VKDVA_MAX_VK_REFERENCES + 1];
    /* The RefPicList[] index of each vkdva_vk_picture.refs[] entry, and the DXVA lists that
     * resolve_vk_slots turns into DPB slots. */
    uint8_t ref_list_index[VKDVA_MAX_VK_REFERENCES];
    unsigned int ref_count;
    uint8_t curr_before[8], curr_after[8], lt_curr[8];
};

struct hevc_state
{
    /* Software backend: the parameter sets libavcodec has, and the rewritten slices. */
    struct vkdva_bytes vps, sps, pps[HEVC_MAX_PPS];
    struct vkdva_bytes slices;
    /* libavcodec's prevTid0Pic POC (8.3.1), followed to check that it derives every POC. */
    int32_t poc_tid0;

    struct hevc_vk_state *vk;
};

/* The current picture's RPS, rebuilt from the DXVA lists. */
struct hevc_rps
{
    unsigned int negative_count, positive_count, lt_count, curr_count;
    int32_t negative_poc[HEVC_MAX_REFS], positive_poc[HEVC_MAX_REFS];
    bool negative_used[HEVC_MAX_REFS], positive_used[HEVC_MAX_REFS];
    int32_t lt_poc[HEVC_MAX_REFS];
    bool lt_used[HEVC_MAX_REFS];
    bool lt_msb_present[HEVC_MAX_REFS];
    uint32_t lt_msb_delta[HEVC_MAX_REFS];
};

/* What the codec reads of a slice segment header (7.3.6.1). */
enum hevc_parse_depth
{
    HEVC_PARSE_PPS_ID,
    HEVC_PARSE_RPS,
    HEVC_PARSE_FULL,
};

struct hevc_slice_header
{
    unsigned int nal_type;
    unsigned int temporal_id;
    bool first_slice_segment_in_pic_flag;
    bool dependent_slice_segment_flag;
    unsigned int pps_id;
    unsigned int slice_type;
    bool short_term_ref_pic_set_sps_flag;
    /* The slice's own st_ref_pic_set(): its size, and inter_ref_pic_set_prediction_flag. */
    unsigned int st_rps_bits;
    bool st_rps_predicted;
    /* Reader states (HEVC_PARSE_FULL, independent segments of non-IDR pictures): at
     * slice_pic_order_cnt_lsb, after the long-term entries, and before byte_alignment(). */
    struct vkdva_bitreader at_poc_lsb, after_lt, at_alignment;
    /* Where the slice segment data start, from the first byte of the NAL unit header. */
    size_t data_offset;
};

static bool hevc_is_idr(unsigned int nal_type)
{
    return nal_type == HEVC_NAL_IDR_W_RADL || nal_type == HEVC_NAL_IDR_N_LP;
}

static bool hevc_is_irap(unsigned int nal_type)
{
    return nal_type >= HEVC_NAL_BLA_W_LP && nal_type <= HEVC_NAL_CRA;
}

static unsigned int hevc_ceil_log2(unsigned int value)
{
    unsigned int bits = 0;

    while ((1u << bits) < value)
        ++bits;
    return bits;
}

static unsigned int hevc_min_cb_log2(const DXVA_PicParams_HEVC *pp)
{
    return pp->log2_min_luma_coding_block_size_minus3 + 3u;
}

static unsigned int hevc_ctb_log2(const DXVA_PicParams_HEVC *pp)
{
    return hevc_min_cb_log2(pp) + pp->log2_diff_max_min_luma_coding_block_size;
}

static unsigned int hevc_width(const DXVA_PicParams_HEVC *pp)
{
    return (unsigned int)pp->PicWidthInMinCbsY << hevc_min_cb_log2(pp);
}

static unsigned int hevc_height(const DXVA_PicParams_HEVC *pp)
{
    return (unsigned int)pp->PicHeightInMinCbsY << hevc_min_cb_log2(pp);
}

static unsigned int hevc_ctb_count(const DXVA_PicParams_HEVC *pp)
{
    unsigned int ctb = 1u << hevc_ctb_log2(pp);

    return ((hevc_width(pp) + ctb - 1) / ctb) * ((hevc_height(pp) + ctb - 1) / ctb);
}

static size_t hevc_slice_control_entry_size(UINT config_bitstream_raw)
{
    /* DXVA HEVC has only the short slice control, with start codes in the bitstream. */
    return config_bitstream_raw == 1 ? sizeof(DXVA_Slice_HEVC_Short) : 0;
}

static void hevc_free_state(void *state)
{
    struct hevc_state *h = state;
    unsigned int i;

    if (!h)
        return;
    vkdva_free(h->vps.data);
    vkdva_free(h->sps.data);
    for (i = 0; i < HEVC_MAX_PPS; ++i)
        vkdva_free(h->pps[i].data);
    vkdva_free(h->slices.data);
    if (h->vk)
        vkdva_free(h->vk->slice_offsets);
    vkdva_free(h->vk);
    vkdva_free(h);
}

static struct hevc_state *hevc_get_state(void **state)
{
    struct hevc_state *h;

    if ((h = *state))
        return h;
    if (!(h = vkdva_calloc(1, sizeof(*h))))
        return NULL;
    *state = h;
    return h;
}

/* The picture parameters describe a 4:2:0 picture of the profile's bit depth, within the
 * decoder's size, with values the syntax can carry (7.4.3.2, 7.4.3.3). */
static HRESULT hevc_check_picture_params(const struct vkdva_decode_frame *frame)
{
    const DXVA_PicParams_HEVC *pp = frame->picture_params;
    unsigned int min_cb = hevc_min_cb_log2(pp), ctb = hevc_ctb_log2(pp), min_tb, max_tb, depth;
    unsigned int width, height, ctb_width, ctb_height, i, sum;
    bool p010 = frame->output && frame->output->desc.Format == DXGI_FORMAT_P010;

    if (pp->chroma_format_idc != 1 || pp->separate_colour_plane_flag)
    {
        FIXME("Chroma format %u (separate planes %u) is not supported: the HEVC Main profiles are 4:2:0.\n",
                pp->chroma_format_idc, pp->separate_colour_plane_flag);
        return E_NOTIMPL;
    }
    if (pp->bit_depth_luma_minus8 != pp->bit_depth_chroma_minus8 || pp->bit_depth_luma_minus8 > 2
            || (pp->bit_depth_luma_minus8 && !p010))
    {
        FIXME("Bit depth %u/%u cannot be decoded into %s.\n", pp->bit_depth_luma_minus8 + 8,
                pp->bit_depth_chroma_minus8 + 8, frame->output ? debug_dxgi_format(frame->output->desc.Format) : "?");
        return E_NOTIMPL;
    }
    min_tb = pp->log2_min_transform_block_size_minus2 + 2u;
    max_tb = min_tb + pp->log2_diff_max_min_transform_block_size;
    if (pp->log2_min_luma_coding_block_size_minus3 > 3 || ctb < 4 || ctb > 6 || !pp->PicWidthInMinCbsY
            || !pp->PicHeightInMinCbsY || min_tb >= min_cb || max_tb > vkdva_min_u(ctb, 5)
            || pp->max_transform_hierarchy_depth_inter > ctb - min_tb
            || pp->max_transform_hierarchy_depth_intra > ctb - min_tb
            || pp->log2_max_pic_order_cnt_lsb_minus4 > 12 || pp->sps_max_dec_pic_buffering_minus1 > 15
            || pp->num_short_term_ref_pic_sets > HEVC_MAX_ST_RPS || pp->num_long_term_ref_pics_sps > HEVC_MAX_LT_SPS
            || pp->num_ref_idx_l0_default_active_minus1 > 14 || pp->num_ref_idx_l1_default_active_minus1 > 14)
    {
        WARN("Invalid sequence parameters: CTB %u, min CB %u, TB %u-%u, POC LSB %u bits, DPB %u, %u/%u RPS.\n",
                1u << ctb, 1u << min_cb, min_tb, max_tb, pp->log2_max_pic_order_cnt_lsb_minus4 + 4,
                pp->sps_max_dec_pic_buffering_minus1 + 1, pp->num_short_term_ref_pic_sets,
                pp->num_long_term_ref_pics_sps);
        return E_INVALIDARG;
    }
    if (pp->pcm_enabled_flag && (pp->pcm_sample_bit_depth_luma_minus1 + 1u > pp->bit_depth_luma_minus8 + 8u
            || pp->pcm_sample_bit_depth_chroma_minus1 + 1u > pp->bit_depth_chroma_minus8 + 8u
            || pp->log2_min_pcm_luma_coding_block_size_minus3 + 3u < min_cb
            || pp->log2_min_pcm_luma_coding_block_size_minus3 + 3u
                    + pp->log2_diff_max_min_pcm_luma_coding_block_size > vkdva_min_u(ctb, 5)))
    {
        WARN("Invalid PCM parameters.\n");
        return E_INVALIDARG;
    }

    width = hevc_width(pp);
    height = hevc_height(pp);
    if (width > vkdva_align(frame->max_width, 1u << min_cb) || height > vkdva_align(frame->max_height, 1u << min_cb))
    {
        WARN("Picture of %ux%u in a decoder for %ux%u.\n", width, height, frame->max_width, frame->max_height);
        return E_INVALIDARG;
    }

    depth = pp->log2_diff_max_min_luma_coding_block_size;
    if (pp->init_qp_minus26 < -(26 + 6 * (int)pp->bit_depth_luma_minus8) || pp->init_qp_minus26 > 25
            || pp->diff_cu_qp_delta_depth > depth || pp->pps_cb_qp_offset < -12 || pp->pps_cb_qp_offset > 12
            || pp->pps_cr_qp_offset < -12 || pp->pps_cr_qp_offset > 12 || pp->pps_beta_offset_div2 < -6
            || pp->pps_beta_offset_div2 > 6 || pp->pps_tc_offset_div2 < -6 || pp->pps_tc_offset_div2 > 6
            || pp->log2_parallel_merge_level_minus2 + 2u > ctb)
    {
        WARN("Invalid picture parameters.\n");
        return E_INVALIDARG;
    }
    if (pp->tiles_enabled_flag)
    {
        ctb_width = (width + (1u << ctb) - 1) >> ctb;
        ctb_height = (height + (1u << ctb) - 1) >> ctb;
        if (pp->num_tile_columns_minus1 >= ARRAY_SIZE(pp->column_width_minus1)
                || pp->num_tile_rows_minus1 >= ARRAY_SIZE(pp->row_height_minus1)
                || pp->num_tile_columns_minus1 >= ctb_width || pp->num_tile_rows_minus1 >= ctb_height)
        {
            WARN("Invalid tiles: %u x %u in %u x %u CTBs.\n", pp->num_tile_columns_minus1 + 1,
                    pp->num_tile_rows_minus1 + 1, ctb_width, ctb_height);
            return E_INVALIDARG;
        }
        if (!pp->uniform_spacing_flag)
        {
            for (i = 0, sum = 0; i < pp->num_tile_columns_minus1; ++i)
                sum += pp->column_width_minus1[i] + 1u;
            if (sum >= ctb_width)
            {
                WARN("Tile columns of %u CTBs in a picture %u CTBs wide.\n", sum, ctb_width);
                return E_INVALIDARG;
            }
            for (i = 0, sum = 0; i < pp->num_tile_rows_minus1; ++i)
                sum += pp->row_height_minus1[i] + 1u;
            if (sum >= ctb_height)
            {
                WARN("Tile rows of %u CTBs in a picture %u CTBs high.\n", sum, ctb_height);
                return E_INVALIDARG;
            }
        }
    }
    if (pp->CurrPic.bPicEntry == 0xff)
    {
        WARN("Invalid CurrPic.\n");
        return E_INVALIDARG;
    }
    return S_OK;
}

/* The slice's NAL unit in the bitstream buffer, after its start code. */
static HRESULT hevc_locate_slice(const struct vkdva_decode_frame *frame, const DXVA_Slice_HEVC_Short *sc,
        struct vkdva_slice *slice, size_t *nal_offset)
{
    const uint8_t *data = frame->bitstream;
    UINT location = sc->BSNALunitDataLocation, size = sc->SliceBytesInBuffer;
    size_t start;

    if (location > frame->bitstream_size || size > frame->bitstream_size - location || size < 6)
    {
        WARN("Slice at %u, %u bytes, outside the %zu-byte bitstream buffer.\n", location, size, frame->bitstream_size);
        return E_INVALIDARG;
    }
    /* ConfigBitstreamRaw 1: each slice begins with a 00 00 01 start code (a leading zero_byte
     * is tolerated). */
    start = location;
    if (!data[start] && !data[start + 1] && !data[start + 2] && data[start + 3] == 1)
        ++start;
    if (data[start] || data[start + 1] || data[start + 2] != 1)
    {
        WARN("Slice at %u does not start with a start code.\n", location);
        return E_INVALIDARG;
    }
    slice->offset = location;
    slice->size = size;
    *nal_offset = start + 3;
    return S_OK;
}

/* st_ref_pic_set(num_short_term_ref_pic_sets) in a slice header (7.3.7); returns its bits and
 * whether it is predicted from a set of the SPS. */
static bool hevc_skip_st_ref_pic_set(const DXVA_PicParams_HEVC *pp, struct vkdva_bitreader *r, unsigned int *bits,
        bool *predicted)
{
    unsigned int i, negative, positive, count = 0;
    struct vkdva_bitreader counter;

    counter = *r;
    if ((*predicted = pp->num_short_term_ref_pic_sets && vkdva_bitreader_get_bits(r, 1)))
    {
        /* inter_ref_pic_set_prediction_flag: the reference set has NumDeltaPocs[RefRpsIdx]
         * entries, which DXVA gives as ucNumDeltaPocsOfRefRpsIdx. */
        if (vkdva_bitreader_get_ue(r) >= pp->num_short_term_ref_pic_sets)   /* delta_idx_minus1 */
            return false;
        vkdva_bitreader_get_bits(r, 1);                     /* delta_rps_sign */
        if (vkdva_bitreader_get_ue(r) > 32767)              /* abs_delta_rps_minus1 */
            return false;
        for (i = 0; i <= pp->ucNumDeltaPocsOfRefRpsIdx && !r->overrun; ++i)
        {
            if (!vkdva_bitreader_get_bits(r, 1))            /* used_by_curr_pic_flag */
                vkdva_bitreader_get_bits(r, 1);             /* use_delta_flag */
        }
    }
    else
    {
        negative = vkdva_bitreader_get_ue(r);
        positive = vkdva_bitreader_get_ue(r);
        if (negative > 16 || positive > 16 || negative + positive > 16)
            return false;
        for (i = 0; i < negative + positive && !r->overrun; ++i)
        {
            if (vkdva_bitreader_get_ue(r) > 32767)          /* delta_poc_sX_minus1 */
                return false;
            vkdva_bitreader_get_bits(r, 1);                 /* used_by_curr_pic_sX_flag */
        }
    }
    if (r->overrun)
        return false;
    /* Count RBSP bits, not emulation-prevention bytes. */
    while (counter.bit_pos < r->bit_pos && !counter.overrun)
    {
        vkdva_bitreader_get_bits(&counter, 1);
        ++count;
    }
    *bits = count;
    return true;
}

/* pred_weight_table() (7.3.6.3). */
static void hevc_skip_pred_weight_table(struct vkdva_bitreader *r, unsigned int slice_type,
        const unsigned int ref_count[2])
{
    bool luma[HEVC_MAX_REFS], chroma[HEVC_MAX_REFS];
    unsigned int list, i;

    vkdva_bitreader_get_ue(r);                              /* luma_log2_weight_denom */
    vkdva_bitreader_get_se(r);                              /* delta_chroma_log2_weight_denom (4:2:0) */
    for (list = 0; list < (slice_type == HEVC_SLICE_B ? 2u : 1u); ++list)
    {
        for (i = 0; i < ref_count[list]; ++i)
            luma[i] = vkdva_bitreader_get_bits(r, 1);
        for (i = 0; i < ref_count[list]; ++i)
            chroma[i] = vkdva_bitreader_get_bits(r, 1);
        for (i = 0; i < ref_count[list] && !r->overrun; ++i)
        {
            if (luma[i])
            {
                vkdva_bitreader_get_se(r);                  /* delta_luma_weight */
                vkdva_bitreader_get_se(r);                  /* luma_offset */
            }
            if (chroma[i])
            {
                vkdva_bitreader_get_se(r);                  /* delta_chroma_weight[0] */
                vkdva_bitreader_get_se(r);                  /* delta_chroma_offset[0] */
                vkdva_bitreader_get_se(r);                  /* delta_chroma_weight[1] */
                vkdva_bitreader_get_se(r);                  /* delta_chroma_offset[1] */
            }
        }
    }
}

/* Counts the valid entries of a DXVA RefPicSet list. */
static unsigned int hevc_list_count(const UCHAR list[8])
{
    unsigned int i, count = 0;

    for (i = 0; i < 8; ++i)
        count += list[i] != HEVC_NO_REF;
    return count;
}

/* Reads a slice segment header as far as depth asks, with the sequence and picture parameters
 * DXVA gives (7.3.6.1). nal points at the NAL unit header. */
static HRESULT hevc_parse_slice_header(const DXVA_PicParams_HEVC *pp, const uint8_t *nal, size_t size,
        enum hevc_parse_depth depth, struct hevc_slice_header *h)
{
    unsigned int i, count, bits, lt_sps, lt_pics, ref_count[2], total_curr;
    bool sao_luma = false, sao_chroma = false, deblocking_disabled, temporal_mvp = false, collocated_from_l0;
    struct vkdva_bitreader r;

    memset(h, 0, sizeof(*h));
    if (size < 3 || (nal[0] & 0x80) || (nal[0] & 1) || (nal[1] & 0xf8) || !(nal[1] & 7))
    {
        WARN("Invalid NAL unit header %02x %02x.\n", size ? nal[0] : 0, size > 1 ? nal[1] : 0);
        return E_INVALIDARG;
    }
    h->nal_type = nal[0] >> 1;
    h->temporal_id = (nal[1] & 7) - 1;
    if (h->nal_type > HEVC_NAL_CRA || (h->nal_type > HEVC_NAL_RASL_R && h->nal_type < HEVC_NAL_BLA_W_LP))
    {
        FIXME("NAL unit type %u in the slice data is not supported.\n", h->nal_type);
        return E_NOTIMPL;
    }

    vkdva_bitreader_init(&r, nal + 2, size - 2);
    h->first_slice_segment_in_pic_flag = vkdva_bitreader_get_bits(&r, 1);
    if (hevc_is_irap(h->nal_type))
        vkdva_bitreader_get_bits(&r, 1);                    /* no_output_of_prior_pics_flag */
    h->pps_id = vkdva_bitreader_get_ue(&r);
    if (r.overrun || h->pps_id >= HEVC_MAX_PPS)
    {
        WARN("Truncated slice header or invalid slice_pic_parameter_set_id %u.\n", h->pps_id);
        return E_INVALIDARG;
    }
    if (!h->first_slice_segment_in_pic_flag)
    {
        if (pp->dependent_slice_segments_enabled_flag)
            h->dependent_slice_segment_flag = vkdva_bitreader_get_bits(&r, 1);
        if (vkdva_bitreader_get_bits(&r, hevc_ceil_log2(hevc_ctb_count(pp))) >= hevc_ctb_count(pp))
        {
            WARN("Invalid slice_segment_address.\n");
            return E_INVALIDARG;
        }
    }
    if (depth == HEVC_PARSE_PPS_ID || h->dependent_slice_segment_flag)
        return r.overrun ? E_INVALIDARG : S_OK;

    vkdva_bitreader_get_bits(&r, pp->num_extra_slice_header_bits); /* slice_reserved_flag[] */
    h->slice_type = vkdva_bitreader_get_ue(&r);
    if (h->slice_type > HEVC_SLICE_I || (hevc_is_irap(h->nal_type) && h->slice_type != HEVC_SLICE_I))
    {
        WARN("Invalid slice type %u in a picture of NAL unit type %u.\n", h->slice_type, h->nal_type);
        return E_INVALIDARG;
    }
    if (pp->output_flag_present_flag)
        vkdva_bitreader_get_bits(&r, 1);                    /* pic_output_flag */
    if (!hevc_is_idr(h->nal_type))
    {
        h->at_poc_lsb = r;
        vkdva_bitreader_get_bits(&r, pp->log2_max_pic_order_cnt_lsb_minus4 + 4);
        h->short_term_ref_pic_set_sps_flag = vkdva_bitreader_get_bits(&r, 1);
        if (!h->short_term_ref_pic_set_sps_flag)
        {
            if (!hevc_skip_st_ref_pic_set(pp, &r, &h->st_rps_bits, &h->st_rps_predicted))
            {
                WARN("Invalid st_ref_pic_set() in a slice header.\n");
                return E_INVALIDARG;
            }
        }
        else if (!pp->num_short_term_ref_pic_sets)
        {
            WARN("short_term_ref_pic_set_sps_flag is set, but the SPS has no RPS.\n");
            return E_INVALIDARG;
        }
        else
        {
            bits = hevc_ceil_log2(pp->num_short_term_ref_pic_sets);
            if (vkdva_bitreader_get_bits(&r, bits) >= pp->num_short_term_ref_pic_sets)
            {
                WARN("Invalid short_term_ref_pic_set_idx.\n");
                return E_INVALIDARG;
            }
        }
        if (pp->long_term_ref_pics_present_flag)
        {
            lt_sps = pp->num_long_term_ref_pics_sps ? vkdva_bitreader_get_ue(&r) : 0;
            lt_pics = vkdva_bitreader_get_ue(&r);
            if (lt_sps > pp->num_long_term_ref_pics_sps || lt_pics > HEVC_MAX_LT_PICS
                    || lt_sps + lt_pics > HEVC_MAX_LT_PICS)
            {
                WARN("Invalid long-term reference count %u + %u.\n", lt_sps, lt_pics);
                return E_INVALIDARG;
            }
            for (i = 0; i < lt_sps + lt_pics && !r.overrun; ++i)
            {
                if (i < lt_sps)
                {
                    bits = hevc_ceil_log2(pp->num_long_term_ref_pics_sps);
                    if (vkdva_bitreader_get_bits(&r, bits) >= pp->num_long_term_ref_pics_sps)
                    {
                        WARN("Invalid lt_idx_sps.\n");
                        return E_INVALIDARG;
                    }
                }
                else
                {
                    vkdva_bitreader_get_bits(&r, pp->log2_max_pic_order_cnt_lsb_minus4 + 4); /* poc_lsb_lt */
                    vkdva_bitreader_get_bits(&r, 1);        /* used_by_curr_pic_lt_flag */
                }
                if (vkdva_bitreader_get_bits(&r, 1))        /* delta_poc_msb_present_flag */
                    vkdva_bitreader_get_ue(&r);             /* delta_poc_msb_cycle_lt */
            }
        }
        h->after_lt = r;
        if (pp->sps_temporal_mvp_enabled_flag)
            temporal_mvp = vkdva_bitreader_get_bits(&r, 1);
    }
    if (r.overrun)
    {
        WARN("Truncated slice header.\n");
        return E_INVALIDARG;
    }
    if (depth == HEVC_PARSE_RPS)
        return S_OK;

    if (pp->sample_adaptive_offset_enabled_flag)
    {
        sao_luma = vkdva_bitreader_get_bits(&r, 1);
        sao_chroma = vkdva_bitreader_get_bits(&r, 1);      /* ChromaArrayType is 1 */
    }
    if (h->slice_type != HEVC_SLICE_I)
    {
        ref_count[0] = pp->num_ref_idx_l0_default_active_minus1 + 1u;
        ref_count[1] = h->slice_type == HEVC_SLICE_B ? pp->num_ref_idx_l1_default_active_minus1 + 1u : 0;
        if (vkdva_bitreader_get_bits(&r, 1))                /* num_ref_idx_active_override_flag */
        {
            ref_count[0] = vkdva_bitreader_get_ue(&r) + 1;
            if (h->slice_type == HEVC_SLICE_B)
                ref_count[1] = vkdva_bitreader_get_ue(&r) + 1;
        }
        if (ref_count[0] > HEVC_MAX_REFS || ref_count[1] > HEVC_MAX_REFS)
        {
            WARN("Invalid active reference counts %u/%u.\n", ref_count[0], ref_count[1]);
            return E_INVALIDARG;
        }
        /* NumPicTotalCurr (7-55): the picture's RPS as DXVA resolved it. */
        total_curr = hevc_list_count(pp->RefPicSetStCurrBefore) + hevc_list_count(pp->RefPicSetStCurrAfter)
                + hevc_list_count(pp->RefPicSetLtCurr);
        if (pp->lists_modification_present_flag && total_curr > 1)
        {
            bits = hevc_ceil_log2(total_curr);
            for (count = 0; count < (h->slice_type == HEVC_SLICE_B ? 2u : 1u); ++count)
            {
                if (vkdva_bitreader_get_bits(&r, 1))        /* ref_pic_list_modification_flag_lX */
                {
                    for (i = 0; i < ref_count[count]; ++i)
                        vkdva_bitreader_get_bits(&r, bits); /* list_entry_lX */
                }
            }
        }
        if (h->slice_type == HEVC_SLICE_B)
            vkdva_bitreader_get_bits(&r, 1);                /* mvd_l1_zero_flag */
        if (pp->cabac_init_present_flag)
            vkdva_bitreader_get_bits(&r, 1);                /* cabac_init_flag */
        if (temporal_mvp)
        {
            collocated_from_l0 = true;
            if (h->slice_type == HEVC_SLICE_B)
                collocated_from_l0 = vkdva_bitreader_get_bits(&r, 1);
            if (ref_count[collocated_from_l0 ? 0 : 1] > 1)
                vkdva_bitreader_get_ue(&r);                 /* collocated_ref_idx */
        }
        if ((pp->weighted_pred_flag && h->slice_type == HEVC_SLICE_P)
                || (pp->weighted_bipred_flag && h->slice_type == HEVC_SLICE_B))
            hevc_skip_pred_weight_table(&r, h->slice_type, ref_count);
        if (vkdva_bitreader_get_ue(&r) > 4)                 /* five_minus_max_num_merge_cand */
        {
            WARN("Invalid five_minus_max_num_merge_cand.\n");
            return E_INVALIDARG;
        }
    }
    vkdva_bitreader_get_se(&r);                             /* slice_qp_delta */
    if (pp->pps_slice_chroma_qp_offsets_present_flag)
    {
        vkdva_bitreader_get_se(&r);                         /* slice_cb_qp_offset */
        vkdva_bitreader_get_se(&r);                         /* slice_cr_qp_offset */
    }
    deblocking_disabled = pp->pps_deblocking_filter_disabled_flag;
    if (pp->deblocking_filter_override_enabled_flag && vkdva_bitreader_get_bits(&r, 1))
    {
        /* deblocking_filter_override_flag */
        if (!(deblocking_disabled = vkdva_bitreader_get_bits(&r, 1)))
        {
            vkdva_bitreader_get_se(&r);                     /* slice_beta_offset_div2 */
            vkdva_bitreader_get_se(&r);                     /* slice_tc_offset_div2 */
        }
    }
    if (pp->pps_loop_filter_across_slices_enabled_flag && (sao_luma || sao_chroma || !deblocking_disabled))
        vkdva_bitreader_get_bits(&r, 1);                    /* slice_loop_filter_across_slices_enabled_flag */

    /* The parts that dependent slice segments have too. */
    if (pp->tiles_enabled_flag || pp->entropy_coding_sync_enabled_flag)
    {
        if ((count = vkdva_bitreader_get_ue(&r)) > hevc_ctb_count(pp))
        {
            WARN("Invalid num_entry_point_offsets %u.\n", count);
            return E_INVALIDARG;
        }
        if (count)
        {
            if ((bits = vkdva_bitreader_get_ue(&r) + 1) > 32)
            {
                WARN("Invalid offset_len_minus1.\n");
                return E_INVALIDARG;
            }
            for (i = 0; i < count && !r.overrun; ++i)
                vkdva_bitreader_get_bits(&r, bits);         /* entry_point_offset_minus1 */
        }
    }
    if (pp->slice_segment_header_extension_present_flag)
    {
        count = vkdva_bitreader_get_ue(&r);
        if (count > 256)
        {
            WARN("Invalid slice_segment_header_extension_length %u.\n", count);
            return E_INVALIDARG;
        }
        for (i = 0; i < count && !r.overrun; ++i)
            vkdva_bitreader_get_bits(&r, 8);
    }
    h->at_alignment = r;
    /* byte_alignment(): a one, then zeros to the byte boundary. */
    if (vkdva_bitreader_get_bits(&r, 1) != 1)
    {
        WARN("Slice header does not end where the picture parameters say.\n");
        return E_INVALIDARG;
    }
    while (r.bit_pos % 8)
    {
        if (vkdva_bitreader_get_bits(&r, 1))
        {
            WARN("Slice header does not end where the picture parameters say.\n");
            return E_INVALIDARG;
        }
    }
    if (r.overrun)
    {
        WARN("Truncated slice header.\n");
        return E_INVALIDARG;
    }
    h->data_offset = 2 + r.bit_pos / 8;
    return S_OK;
}

/* Reads the slice control and the slice headers: one PPS per picture, a first slice segment
 * first, NAL unit types that agree with the picture parameters. */
static HRESULT hevc_parse_slices(const struct vkdva_decode_frame *frame, UINT config_bitstream_raw,
        enum hevc_parse_depth depth, struct vkdva_slice **slices, size_t *slice_count,
        struct hevc_slice_header *first, HRESULT (*callback)(void *context, size_t index,
                const struct vkdva_slice *slice, size_t nal_offset, const struct hevc_slice_header *header),
        void *context)
{
    const DXVA_PicParams_HEVC *pp = frame->picture_params;
    size_t entry_size, count, i, nal_offset, readable;
    struct hevc_slice_header header;
    HRESULT hr;

    entry_size = hevc_slice_control_entry_size(config_bitstream_raw);
    if (!entry_size || !(count = frame->slice_control_size / entry_size))
    {
        WARN("No slices.\n");
        return E_INVALIDARG;
    }
    if (!(*slices = vkdva_calloc(count, sizeof(**slices))))
        return E_OUTOFMEMORY;
    *slice_count = count;

    for (i = 0; i < count; ++i)
    {
        const DXVA_Slice_HEVC_Short *sc = (const void *)((const BYTE *)frame->slice_control + i * entry_size);

        if (FAILED(hr = hevc_locate_slice(frame, sc, &(*slices)[i], &nal_offset)))
            return hr;
        /* The RPS is in the first slice segment; every segment is read to the end where the
         * caller rewrites them. With a bitstream decrypted on the GPU, only the slice's first
         * bytes are plaintext here (vk_slice_header_bytes). */
        readable = vkdva_decode_frame_readable(frame, sc->SliceBytesInBuffer);
        if (FAILED(hr = hevc_parse_slice_header(pp, frame->bitstream + nal_offset,
                sc->BSNALunitDataLocation + readable - nal_offset,
                depth == HEVC_PARSE_RPS && i ? HEVC_PARSE_PPS_ID : depth, &header)))
        {
            WARN("Slice %zu of picture %u.\n", i, pp->StatusReportFeedbackNumber);
            if (readable < sc->SliceBytesInBuffer)
                WARN("Only its first %zu bytes were decrypted on the CPU, enough for any header the reader "
                        "accepts.\n", readable);
            return hr;
        }
        if (!i)
        {
            *first = header;
            if (!header.first_slice_segment_in_pic_flag)
            {
                WARN("The first slice segment of picture %u has first_slice_segment_in_pic_flag 0.\n",
                        pp->StatusReportFeedbackNumber);
                return E_INVALIDARG;
            }
            /* The NAL unit type decides; DXVA's flags only repeat it. */
            if (hevc_is_irap(header.nal_type) != pp->IrapPicFlag || hevc_is_idr(header.nal_type) != pp->IdrPicFlag)
                WARN_ONCE("NAL unit type %u, but IrapPicFlag %u, IdrPicFlag %u.\n", header.nal_type,
                        pp->IrapPicFlag, pp->IdrPicFlag);
            if (hevc_is_idr(header.nal_type) && pp->CurrPicOrderCntVal)
            {
                WARN("IDR picture with POC %d.\n", pp->CurrPicOrderCntVal);
                return E_INVALIDARG;
            }
        }
        else if (header.first_slice_segment_in_pic_flag || header.pps_id != first->pps_id
                || header.nal_type != first->nal_type)
        {
            WARN("Slice %zu: first_slice_segment_in_pic_flag %u, PPS %u, NAL unit type %u after PPS %u, type %u.\n",
                    i, header.first_slice_segment_in_pic_flag, header.pps_id, header.nal_type, first->pps_id,
                    first->nal_type);
            return E_INVALIDARG;
        }
        if (callback && FAILED(hr = callback(context, i, &(*slices)[i], nal_offset, &header)))
            return hr;
    }
    return S_OK;
}

/* The picture's RPS from RefPicList, PicOrderCntValList and the three Curr lists: every
 * reference that no Curr list names is a Foll entry (8.3.2). */
static HRESULT hevc_build_rps(const DXVA_PicParams_HEVC *pp, struct hevc_rps *rps)
{
    enum {UNUSED, BEFORE, AFTER, LT_CURR};
    static const char *const names[] = {"", "RefPicSetStCurrBefore", "RefPicSetStCurrAfter", "RefPicSetLtCurr"};
    const UCHAR *lists[] = {NULL, pp->RefPicSetStCurrBefore, pp->RefPicSetStCurrAfter, pp->RefPicSetLtCurr};
    int64_t poc, curr = pp->CurrPicOrderCntVal, curr_msb, msb, cycle, prev_cycle = 0;
    unsigned int kind[HEVC_MAX_REFS] = {0}, i, j, k, list, lsb;
    int32_t lt_foll[HEVC_MAX_REFS], swap;
    unsigned int lt_foll_count = 0;
    bool used;

    memset(rps, 0, sizeof(*rps));
    for (list = BEFORE; list <= LT_CURR; ++list)
    {
        for (j = 0; j < 8; ++j)
        {
            if ((i = lists[list][j]) == HEVC_NO_REF)
                continue;
            if (i >= HEVC_MAX_REFS || pp->RefPicList[i].bPicEntry == 0xff || kind[i]
                    || pp->RefPicList[i].AssociatedFlag != (list == LT_CURR))
            {
                WARN("%s[%u] is %u: not a %s reference of RefPicList.\n", names[list], j, i,
                        list == LT_CURR ? "long-term" : "short-term");
                return E_INVALIDARG;
            }
            kind[i] = list;
            ++rps->curr_count;
        }
    }

    for (i = 0; i < HEVC_MAX_REFS; ++i)
    {
        if (pp->RefPicList[i].bPicEntry == 0xff)
            continue;
        if (pp->RefPicList[i].Index7Bits == pp->CurrPic.Index7Bits)
        {
            WARN("RefPicList[%u] is the current picture's surface %u.\n", i, pp->CurrPic.Index7Bits);
            return E_INVALIDARG;
        }
        poc = pp->PicOrderCntValList[i];
        for (j = 0; j < i; ++j)
        {
            if (pp->RefPicList[j].bPicEntry != 0xff && pp->PicOrderCntValList[j] == poc)
            {
                WARN("RefPicList[%u] and [%u] have the same POC %d.\n", j, i, (int)poc);
                return E_INVALIDARG;
            }
        }
        if (poc == curr)
        {
            WARN("RefPicList[%u] has the current POC %d.\n", i, (int)poc);
            return E_INVALIDARG;
        }
        if (pp->RefPicList[i].AssociatedFlag)
        {
            if (kind[i] != LT_CURR)
                lt_foll[lt_foll_count++] = poc;
            continue;
        }
        if ((kind[i] == BEFORE && poc > curr) || (kind[i] == AFTER && poc < curr))
        {
            WARN("RefPicList[%u], POC %d, is in %s of picture POC %d.\n", i, (int)poc, names[kind[i]], (int)curr);
            return E_INVALIDARG;
        }
        used = kind[i] != UNUSED;
        if (poc < curr)
        {
            /* S0: decreasing POC (7-61). */
            for (k = rps->negative_count; k && rps->negative_poc[k - 1] < poc; --k)
            {
                rps->negative_poc[k] = rps->negative_poc[k - 1];
                rps->negative_used[k] = rps->negative_used[k - 1];
            }
            rps->negative_poc[k] = poc;
            rps->negative_used[k] = used;
            ++rps->negative_count;
        }
        else
        {
            /* S1: increasing POC (7-62). */
            for (k = rps->positive_count; k && rps->positive_poc[k - 1] > poc; --k)
            {
                rps->positive_poc[k] = rps->positive_poc[k - 1];
                rps->positive_used[k] = rps->positive_used[k - 1];
            }
            rps->positive_poc[k] = poc;
            rps->positive_used[k] = used;
            ++rps->positive_count;
        }
    }

    /* delta_poc_s0_minus1 and delta_poc_s1_minus1 code steps of at most 2^15. */
    for (k = 0; k < rps->negative_count; ++k)
    {
        if ((k ? rps->negative_poc[k - 1] : curr) - rps->negative_poc[k] > 32768)
            goto too_far;
    }
    for (k = 0; k < rps->positive_count; ++k)
    {
        if (rps->positive_poc[k] - (k ? rps->positive_poc[k - 1] : curr) > 32768)
            goto too_far;
    }
    /* 7-61/7-62 order both Curr lists by distance: DXVA's lists must agree. */
    for (k = 0, j = 0; k < rps->negative_count; ++k)
    {
        if (!rps->negative_used[k])
            continue;
        while (j < 8 && pp->RefPicSetStCurrBefore[j] == HEVC_NO_REF)
            ++j;
        if (pp->PicOrderCntValList[pp->RefPicSetStCurrBefore[j]] != rps->negative_poc[k])
            WARN_ONCE("RefPicSetStCurrBefore is not in decreasing POC order; using the RPS order.\n");
        ++j;
    }
    for (k = 0, j = 0; k < rps->positive_count; ++k)
    {
        if (!rps->positive_used[k])
            continue;
        while (j < 8 && pp->RefPicSetStCurrAfter[j] == HEVC_NO_REF)
            ++j;
        if (pp->PicOrderCntValList[pp->RefPicSetStCurrAfter[j]] != rps->positive_poc[k])
            WARN_ONCE("RefPicSetStCurrAfter is not in increasing POC order; using the RPS order.\n");
        ++j;
    }

    /* Long-term entries: the Curr ones in DXVA's order (that is RefPicList's order), the
     * others after them, with their MSB cycles (7-52) increasing where possible. */
    for (j = 0; j < 8; ++j)
    {
        if ((i = pp->RefPicSetLtCurr[j]) == HEVC_NO_REF)
            continue;
        rps->lt_poc[rps->lt_count] = pp->PicOrderCntValList[i];
        rps->lt_used[rps->lt_count++] = true;
    }
    for (i = 1; i < lt_foll_count; ++i)
    {
        for (k = i; k && lt_foll[k - 1] < lt_foll[k]; --k)
        {
            swap = lt_foll[k];
            lt_foll[k] = lt_foll[k - 1];
            lt_foll[k - 1] = swap;
        }
    }
    for (i = 0; i < lt_foll_count; ++i)
        rps->lt_poc[rps->lt_count++] = lt_foll[i];
    curr_msb = curr - (curr & ((1 << HEVC_SW_POC_LSB_BITS) - 1));
    for (k = 0; k < rps->lt_count; ++k)
    {
        lsb = rps->lt_poc[k] & ((1u << HEVC_SW_POC_LSB_BITS) - 1);
        msb = rps->lt_poc[k] - (int64_t)lsb;
        cycle = (curr_msb - msb) / (1 << HEVC_SW_POC_LSB_BITS);
        if (cycle >= prev_cycle)
        {
            rps->lt_msb_present[k] = true;
            rps->lt_msb_delta[k] = cycle - prev_cycle;
            prev_cycle = cycle;
            continue;
        }
        /* Without the MSB, the LSB must name one picture. */
        for (i = 0; i < HEVC_MAX_REFS; ++i)
        {
            if (pp->RefPicList[i].bPicEntry != 0xff && pp->PicOrderCntValList[i] != rps->lt_poc[k]
                    && (pp->PicOrderCntValList[i] & ((1 << HEVC_SW_POC_LSB_BITS) - 1)) == lsb)
                break;
        }
        if (i < HEVC_MAX_REFS || (curr & ((1 << HEVC_SW_POC_LSB_BITS) - 1)) == lsb)
        {
            FIXME("The long-term reference of POC %d (picture POC %d) cannot be coded explicitly.\n",
                    rps->lt_poc[k], (int)curr);
            return E_NOTIMPL;
        }
    }
    return S_OK;

too_far:
    FIXME("A reference more than 32768 POCs from its neighbour (picture POC %d) cannot be coded.\n", (int)curr);
    return E_NOTIMPL;
}


/* Software backend: Annex-B parameter sets and slices for libavcodec. */

static void hevc_write_profile_tier_level(struct vkdva_bitwriter *w, const DXVA_PicParams_HEVC *pp)
{
    unsigned int profile = pp->bit_depth_luma_minus8 ? 2 : 1, j;

    vkdva_bitwriter_put_bits(w, 0, 2);                      /* general_profile_space */
    vkdva_bitwriter_put_bits(w, 0, 1);                      /* general_tier_flag */
    vkdva_bitwriter_put_bits(w, profile, 5);                /* general_profile_idc */
    for (j = 0; j < 32; ++j)                                /* general_profile_compatibility_flag[] */
        vkdva_bitwriter_put_bits(w, j == profile || (profile == 1 && j == 2), 1);
    vkdva_bitwriter_put_bits(w, 0, 4);                      /* progressive, interlaced, non-packed, frame-only */
    vkdva_bitwriter_put_bits(w, 0, 22);                     /* general_reserved_zero_43bits */
    vkdva_bitwriter_put_bits(w, 0, 21);
    vkdva_bitwriter_put_bits(w, 0, 1);                      /* general_reserved_zero_bit */
    vkdva_bitwriter_put_bits(w, 186, 8);                    /* general_level_idc: 6.2 */
}

static HRESULT hevc_write_vps(const DXVA_PicParams_HEVC *pp, struct vkdva_bytes *out)
{
    static const uint8_t header[] = {HEVC_NAL_VPS << 1, 1};
    struct vkdva_bitwriter w;
    HRESULT hr = S_OK;

    vkdva_bitwriter_init(&w);
    vkdva_bitwriter_put_bits(&w, 0, 4);                     /* vps_video_parameter_set_id */
    vkdva_bitwriter_put_bits(&w, 1, 1);                     /* vps_base_layer_internal_flag */
    vkdva_bitwriter_put_bits(&w, 1, 1);                     /* vps_base_layer_available_flag */
    vkdva_bitwriter_put_bits(&w, 0, 6);                     /* vps_max_layers_minus1 */
    vkdva_bitwriter_put_bits(&w, 0, 3);                     /* vps_max_sub_layers_minus1 */
    vkdva_bitwriter_put_bits(&w, 1, 1);                     /* vps_temporal_id_nesting_flag */
    vkdva_bitwriter_put_bits(&w, 0xffff, 16);               /* vps_reserved_0xffff_16bits */
    hevc_write_profile_tier_level(&w, pp);
    vkdva_bitwriter_put_bits(&w, 1, 1);                     /* vps_sub_layer_ordering_info_present_flag */
    vkdva_bitwriter_put_ue(&w, pp->sps_max_dec_pic_buffering_minus1);
    vkdva_bitwriter_put_ue(&w, 0);                          /* vps_max_num_reorder_pics */
    vkdva_bitwriter_put_ue(&w, 0);                          /* vps_max_latency_increase_plus1 */
    vkdva_bitwriter_put_bits(&w, 0, 6);                     /* vps_max_layer_id */
    vkdva_bitwriter_put_ue(&w, 0);                          /* vps_num_layer_sets_minus1 */
    vkdva_bitwriter_put_bits(&w, 0, 1);                     /* vps_timing_info_present_flag */
    vkdva_bitwriter_put_bits(&w, 0, 1);                     /* vps_extension_flag */
    vkdva_bitwriter_put_trailing_bits(&w);

    if (!vkdva_bytes_append_nal(out, header, sizeof(header), &w))
        hr = E_OUTOFMEMORY;
    vkdva_bitwriter_cleanup(&w);
    return hr;
}

static HRESULT hevc_write_sps(const DXVA_PicParams_HEVC *pp, struct vkdva_bytes *out)
{
    static const uint8_t header[] = {HEVC_NAL_SPS << 1, 1};
    struct vkdva_bitwriter w;
    HRESULT hr = S_OK;

    vkdva_bitwriter_init(&w);
    vkdva_bitwriter_put_bits(&w, 0, 4);                     /* sps_video_parameter_set_id */
    vkdva_bitwriter_put_bits(&w, 0, 3);                     /* sps_max_sub_layers_minus1 */
    vkdva_bitwriter_put_bits(&w, 1, 1);                     /* sps_temporal_id_nesting_flag */
    hevc_write_profile_tier_level(&w, pp);
    vkdva_bitwriter_put_ue(&w, 0);                          /* sps_seq_parameter_set_id */
    vkdva_bitwriter_put_ue(&w, pp->chroma_format_idc);
    vkdva_bitwriter_put_ue(&w, hevc_width(pp));             /* pic_width_in_luma_samples */
    vkdva_bitwriter_put_ue(&w, hevc_height(pp));            /* pic_height_in_luma_samples */
    vkdva_bitwriter_put_bits(&w, 0, 1);                     /* conformance_window_flag: the client crops */
    vkdva_bitwriter_put_ue(&w, pp->bit_depth_luma_minus8);
    vkdva_bitwriter_put_ue(&w, pp->bit_depth_chroma_minus8);
    vkdva_bitwriter_put_ue(&w, HEVC_SW_POC_LSB_BITS - 4);   /* log2_max_pic_order_cnt_lsb_minus4 */
    vkdva_bitwriter_put_bits(&w, 1, 1);                     /* sps_sub_layer_ordering_info_present_flag */
    vkdva_bitwriter_put_ue(&w, pp->sps_max_dec_pic_buffering_minus1);
    /* No reordering: each picture is output as soon as it is decoded, and vkdva takes it at
     * allocation anyway. */
    vkdva_bitwriter_put_ue(&w, 0);                          /* sps_max_num_reorder_pics */
    vkdva_bitwriter_put_ue(&w, 0);                          /* sps_max_latency_increase_plus1 */
    vkdva_bitwriter_put_ue(&w, pp->log2_min_luma_coding_block_size_minus3);
    vkdva_bitwriter_put_ue(&w, pp->log2_diff_max_min_luma_coding_block_size);
    vkdva_bitwriter_put_ue(&w, pp->log2_min_transform_block_size_minus2);
    vkdva_bitwriter_put_ue(&w, pp->log2_diff_max_min_transform_block_size);
    vkdva_bitwriter_put_ue(&w, pp->max_transform_hierarchy_depth_inter);
    vkdva_bitwriter_put_ue(&w, pp->max_transform_hierarchy_depth_intra);
    vkdva_bitwriter_put_bits(&w, pp->scaling_list_enabled_flag, 1);
    if (pp->scaling_list_enabled_flag)
        vkdva_bitwriter_put_bits(&w, 0, 1);                 /* sps_scaling_list_data_present_flag: PPS lists */
    vkdva_bitwriter_put_bits(&w, pp->amp_enabled_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->sample_adaptive_offset_enabled_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->pcm_enabled_flag, 1);
    if (pp->pcm_enabled_flag)
    {
        vkdva_bitwriter_put_bits(&w, pp->pcm_sample_bit_depth_luma_minus1, 4);
        vkdva_bitwriter_put_bits(&w, pp->pcm_sample_bit_depth_chroma_minus1, 4);
        vkdva_bitwriter_put_ue(&w, pp->log2_min_pcm_luma_coding_block_size_minus3);
        vkdva_bitwriter_put_ue(&w, pp->log2_diff_max_min_pcm_luma_coding_block_size);
        vkdva_bitwriter_put_bits(&w, pp->pcm_loop_filter_disabled_flag, 1);
    }
    vkdva_bitwriter_put_ue(&w, 0);                          /* num_short_term_ref_pic_sets */
    /* Every slice header codes its long-term entries explicitly. */
    vkdva_bitwriter_put_bits(&w, 1, 1);                     /* long_term_ref_pics_present_flag */
    vkdva_bitwriter_put_ue(&w, 0);                          /* num_long_term_ref_pics_sps */
    vkdva_bitwriter_put_bits(&w, pp->sps_temporal_mvp_enabled_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->strong_intra_smoothing_enabled_flag, 1);
    vkdva_bitwriter_put_bits(&w, 0, 1);                     /* vui_parameters_present_flag */
    vkdva_bitwriter_put_bits(&w, 0, 1);                     /* sps_extension_present_flag */
    vkdva_bitwriter_put_trailing_bits(&w);

    if (!vkdva_bytes_append_nal(out, header, sizeof(header), &w))
        hr = E_OUTOFMEMORY;
    vkdva_bitwriter_cleanup(&w);
    return hr;
}

static void hevc_write_scaling_list(struct vkdva_bitwriter *w, const UCHAR *list, unsigned int size, int dc)
{
    int next = 8, delta;
    unsigned int i;

    /* 7.3.4: delta-coded in the diagonal order DXVA gives the lists in. */
    vkdva_bitwriter_put_bits(w, 1, 1);                      /* scaling_list_pred_mode_flag */
    if (dc >= 0)
    {
        vkdva_bitwriter_put_se(w, dc - 8);                  /* scaling_list_dc_coef_minus8 */
        next = dc;
    }
    for (i = 0; i < size; ++i)
    {
        delta = list[i] - next;
        if (delta > 127)
            delta -= 256;
        else if (delta < -128)
            delta += 256;
        vkdva_bitwriter_put_se(w, delta);                   /* scaling_list_delta_coef */
        next = list[i];
    }
}

static HRESULT hevc_write_pps(const DXVA_PicParams_HEVC *pp, const DXVA_Qmatrix_HEVC *qm, unsigned int pps_id,
        struct vkdva_bytes *out)
{
    static const uint8_t header[] = {HEVC_NAL_PPS << 1, 1};
    bool deblocking_control = pp->deblocking_filter_override_enabled_flag || pp->pps_deblocking_filter_disabled_flag
            || pp->pps_beta_offset_div2 || pp->pps_tc_offset_div2;
    struct vkdva_bitwriter w;
    HRESULT hr = S_OK;
    unsigned int i;

    vkdva_bitwriter_init(&w);
    vkdva_bitwriter_put_ue(&w, pps_id);
    vkdva_bitwriter_put_ue(&w, 0);                          /* pps_seq_parameter_set_id */
    vkdva_bitwriter_put_bits(&w, pp->dependent_slice_segments_enabled_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->output_flag_present_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->num_extra_slice_header_bits, 3);
    vkdva_bitwriter_put_bits(&w, pp->sign_data_hiding_enabled_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->cabac_init_present_flag, 1);
    vkdva_bitwriter_put_ue(&w, pp->num_ref_idx_l0_default_active_minus1);
    vkdva_bitwriter_put_ue(&w, pp->num_ref_idx_l1_default_active_minus1);
    vkdva_bitwriter_put_se(&w, pp->init_qp_minus26);
    vkdva_bitwriter_put_bits(&w, pp->constrained_intra_pred_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->transform_skip_enabled_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->cu_qp_delta_enabled_flag, 1);
    if (pp->cu_qp_delta_enabled_flag)
        vkdva_bitwriter_put_ue(&w, pp->diff_cu_qp_delta_depth);
    vkdva_bitwriter_put_se(&w, pp->pps_cb_qp_offset);
    vkdva_bitwriter_put_se(&w, pp->pps_cr_qp_offset);
    vkdva_bitwriter_put_bits(&w, pp->pps_slice_chroma_qp_offsets_present_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->weighted_pred_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->weighted_bipred_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->transquant_bypass_enabled_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->tiles_enabled_flag, 1);
    vkdva_bitwriter_put_bits(&w, pp->entropy_coding_sync_enabled_flag, 1);
    if (pp->tiles_enabled_flag)
    {
        vkdva_bitwriter_put_ue(&w, pp->num_tile_columns_minus1);
        vkdva_bitwriter_put_ue(&w, pp->num_tile_rows_minus1);
        vkdva_bitwriter_put_bits(&w, pp->uniform_spacing_flag, 1);
        if (!pp->uniform_spacing_flag)
        {
            for (i = 0; i < pp->num_tile_columns_minus1; ++i)
                vkdva_bitwriter_put_ue(&w, pp->column_width_minus1[i]);
            for (i = 0; i < pp->num_tile_rows_minus1; ++i)
                vkdva_bitwriter_put_ue(&w, pp->row_height_minus1[i]);
        }
        vkdva_bitwriter_put_bits(&w, pp->loop_filter_across_tiles_enabled_flag, 1);
    }
    vkdva_bitwriter_put_bits(&w, pp->pps_loop_filter_across_slices_enabled_flag, 1);
    /* DXVA has no deblocking_filter_control_present_flag: it is needed when anything it
     * guards differs from its inferred value. */
    vkdva_bitwriter_put_bits(&w, deblocking_control, 1);
    if (deblocking_control)
    {
        vkdva_bitwriter_put_bits(&w, pp->deblocking_filter_override_enabled_flag, 1);
        vkdva_bitwriter_put_bits(&w, pp->pps_deblocking_filter_disabled_flag, 1);
        if (!pp->pps_deblocking_filter_disabled_flag)
        {
            vkdva_bitwriter_put_se(&w, pp->pps_beta_offset_div2);
            vkdva_bitwriter_put_se(&w, pp->pps_tc_offset_div2);
        }
    }
    /* The effective scaling lists of the picture (DXVA_Qmatrix_HEVC), when the client sent them. */
    vkdva_bitwriter_put_bits(&w, pp->scaling_list_enabled_flag && qm, 1); /* pps_scaling_list_data_present_flag */
    if (pp->scaling_list_enabled_flag && qm)
    {
        for (i = 0; i < 6; ++i)
            hevc_write_scaling_list(&w, qm->ucScalingLists0[i], 16, -1);
        for (i = 0; i < 6; ++i)
            hevc_write_scaling_list(&w, qm->ucScalingLists1[i], 64, -1);
        for (i = 0; i < 6; ++i)
            hevc_write_scaling_list(&w, qm->ucScalingLists2[i], 64, qm->ucScalingListDCCoefSizeID2[i]);
        for (i = 0; i < 2; ++i)                             /* matrixId 0 and 3 */
            hevc_write_scaling_list(&w, qm->ucScalingLists3[i], 64, qm->ucScalingListDCCoefSizeID3[i]);
    }
    vkdva_bitwriter_put_bits(&w, pp->lists_modification_present_flag, 1);
    vkdva_bitwriter_put_ue(&w, pp->log2_parallel_merge_level_minus2);
    vkdva_bitwriter_put_bits(&w, pp->slice_segment_header_extension_present_flag, 1);
    vkdva_bitwriter_put_bits(&w, 0, 1);                     /* pps_extension_present_flag */
    vkdva_bitwriter_put_trailing_bits(&w);

    if (!vkdva_bytes_append_nal(out, header, sizeof(header), &w))
        hr = E_OUTOFMEMORY;
    vkdva_bitwriter_cleanup(&w);
    return hr;
}

/* Copies the RBSP bits from *r up to end. */
static void hevc_copy_bits(struct vkdva_bitwriter *w, struct vkdva_bitreader *r, const struct vkdva_bitreader *end)
{
    while (r->bit_pos < end->bit_pos && !r->overrun)
        vkdva_bitwriter_put_bits(w, vkdva_bitreader_get_bits(r, 1), 1);
}

/* The explicit st_ref_pic_set(0) and long-term entries of the synthesised SPS's slice headers. */
static void hevc_write_rps(struct vkdva_bitwriter *w, const struct hevc_rps *rps, int32_t curr)
{
    unsigned int k;

    vkdva_bitwriter_put_bits(w, 0, 1);                      /* short_term_ref_pic_set_sps_flag */
    vkdva_bitwriter_put_ue(w, rps->negative_count);
    vkdva_bitwriter_put_ue(w, rps->positive_count);
    for (k = 0; k < rps->negative_count; ++k)
    {
        vkdva_bitwriter_put_ue(w, (k ? rps->negative_poc[k - 1] : curr) - rps->negative_poc[k] - 1);
        vkdva_bitwriter_put_bits(w, rps->negative_used[k], 1);
    }
    for (k = 0; k < rps->positive_count; ++k)
    {
        vkdva_bitwriter_put_ue(w, rps->positive_poc[k] - (k ? rps->positive_poc[k - 1] : curr) - 1);
        vkdva_bitwriter_put_bits(w, rps->positive_used[k], 1);
    }
    vkdva_bitwriter_put_ue(w, rps->lt_count);               /* num_long_term_pics */
    for (k = 0; k < rps->lt_count; ++k)
    {
        vkdva_bitwriter_put_bits(w, rps->lt_poc[k] & ((1u << HEVC_SW_POC_LSB_BITS) - 1), HEVC_SW_POC_LSB_BITS);
        vkdva_bitwriter_put_bits(w, rps->lt_used[k], 1);
        vkdva_bitwriter_put_bits(w, rps->lt_msb_present[k], 1);
        if (rps->lt_msb_present[k])
            vkdva_bitwriter_put_ue(w, rps->lt_msb_delta[k]);
    }
}

struct hevc_sw_rewrite
{
    struct hevc_state *h;
    const struct vkdva_decode_frame *frame;
    const struct hevc_rps *rps;
    struct vkdva_bitwriter w;
    /* The picture's slices, which come to index h->slices. */
    struct vkdva_slice **slices;
};

/* Appends the slice to h->slices: unchanged for IDR pictures and dependent slice segments,
 * with the RPS and POC LSB rewritten for the others. */
static HRESULT hevc_sw_rewrite_slice(void *context, size_t index, const struct vkdva_slice *slice,
        size_t nal_offset, const struct hevc_slice_header *header)
{
    static const uint8_t start_code[] = {0, 0, 1};
    struct hevc_sw_rewrite *rw = context;
    const DXVA_PicParams_HEVC *pp = rw->frame->picture_params;
    const uint8_t *nal = rw->frame->bitstream + nal_offset;
    size_t end = slice->offset + slice->size, data_offset, start = rw->h->slices.count;
    struct vkdva_bytes *out = &rw->h->slices;
    struct vkdva_bitreader r;

    if (hevc_is_idr(header->nal_type) || header->dependent_slice_segment_flag)
    {
        if (!vkdva_bytes_append(out, start_code, sizeof(start_code))
                || !vkdva_bytes_append(out, nal, end - nal_offset))
            return E_OUTOFMEMORY;
        goto done;
    }

    rw->w.bit_count = 0;
    rw->w.failed = false;
    vkdva_bitreader_init(&r, nal + 2, end - nal_offset - 2);
    hevc_copy_bits(&rw->w, &r, &header->at_poc_lsb);
    vkdva_bitwriter_put_bits(&rw->w, pp->CurrPicOrderCntVal & ((1u << HEVC_SW_POC_LSB_BITS) - 1),
            HEVC_SW_POC_LSB_BITS);                          /* slice_pic_order_cnt_lsb */
    hevc_write_rps(&rw->w, rw->rps, pp->CurrPicOrderCntVal);
    r = header->after_lt;
    hevc_copy_bits(&rw->w, &r, &header->at_alignment);
    vkdva_bitwriter_put_trailing_bits(&rw->w);              /* byte_alignment() */

    /* The header ends in a non-zero byte, so that no emulation prevention spans the join. */
    data_offset = nal_offset + header->data_offset;
    if (!vkdva_bytes_append_nal(out, nal, 2, &rw->w)
            || !vkdva_bytes_append(out, rw->frame->bitstream + data_offset, end - data_offset))
        return E_OUTOFMEMORY;

done:
    (*rw->slices)[index].offset = start;
    (*rw->slices)[index].size = out->count - start;
    return S_OK;
}

/* libavcodec's POC derivation (ff_hevc_compute_poc, with the synthesised 16-bit LSB). */
static int32_t hevc_libavcodec_poc(int32_t poc_tid0, uint32_t lsb, unsigned int nal_type)
{
    int32_t max = 1 << HEVC_SW_POC_LSB_BITS, prev_lsb = poc_tid0 % max, prev_msb = poc_tid0 - prev_lsb, msb;

    if (hevc_is_idr(nal_type))
        return 0;
    if ((int32_t)lsb < prev_lsb && prev_lsb - (int32_t)lsb >= max / 2)
        msb = prev_msb + max;
    else if ((int32_t)lsb > prev_lsb && (int32_t)lsb - prev_lsb > max / 2)
        msb = prev_msb - max;
    else
        msb = prev_msb;
    if (nal_type >= HEVC_NAL_BLA_W_LP && nal_type <= HEVC_NAL_BLA_N_LP)
        msb = 0;
    return msb + (int32_t)lsb;
}

/* A replaced parameter set goes to libavcodec; one equal to what it has does not. */
static bool hevc_parameter_set_changed(const struct vkdva_bytes *cached, const struct vkdva_bytes *fresh)
{
    return cached->count != fresh->count || memcmp(cached->data, fresh->data, fresh->count);
}

static HRESULT hevc_prepare_sw(void **state, const struct vkdva_decode_frame *frame, UINT config_bitstream_raw,
        struct vkdva_sw_picture *picture)
{
    const DXVA_PicParams_HEVC *pp = frame->picture_params;
    const DXVA_Qmatrix_HEVC *qm = frame->qmatrix;
    struct vkdva_bytes vps = {0}, sps = {0}, pps = {0};
    struct hevc_slice_header first;
    struct hevc_sw_rewrite rw;
    bool new_vps, new_sps, new_pps;
    struct hevc_rps rps;
    struct hevc_state *h;
    unsigned int i;
    HRESULT hr;
    int32_t poc;

    if (FAILED(hr = hevc_check_picture_params(frame)))
        return hr;
    if (!(h = hevc_get_state(state)))
        return E_OUTOFMEMORY;
    if (FAILED(hr = hevc_build_rps(pp, &rps)))
        return hr;

    memset(&rw, 0, sizeof(rw));
    rw.h = h;
    rw.frame = frame;
    rw.rps = &rps;
    rw.slices = &picture->slices;
    vkdva_bitwriter_init(&rw.w);
    h->slices.count = 0;
    hr = hevc_parse_slices(frame, config_bitstream_raw, HEVC_PARSE_FULL, &picture->slices, &picture->slice_count,
            &first, hevc_sw_rewrite_slice, &rw);
    vkdva_bitwriter_cleanup(&rw.w);
    if (FAILED(hr))
        goto done;

    /* libavcodec derives the POC from the slice's LSB and its previous temporal-layer-0
     * picture (8.3.1); the 16-bit LSB of CurrPicOrderCntVal makes that POC exact unless the
     * two are 2^15 apart. */
    poc = hevc_libavcodec_poc(h->poc_tid0, pp->CurrPicOrderCntVal & ((1u << HEVC_SW_POC_LSB_BITS) - 1),
            first.nal_type);
    if (poc != pp->CurrPicOrderCntVal)
    {
        FIXME("Picture POC %d is too far from the previous picture's POC %d: libavcodec would decode it as POC %d.\n",
                pp->CurrPicOrderCntVal, h->poc_tid0, poc);
        hr = E_NOTIMPL;
        goto done;
    }

    /* Parameter sets: libavcodec drops the SPSs of a replaced VPS, the PPSs of a replaced SPS,
     * and its references when the active SPS changes, so the SPS depends on nothing that can
     * change within a sequence. */
    if (FAILED(hr = hevc_write_vps(pp, &vps)) || FAILED(hr = hevc_write_sps(pp, &sps))
            || FAILED(hr = hevc_write_pps(pp, qm, first.pps_id, &pps)))
        goto done;
    new_vps = hevc_parameter_set_changed(&h->vps, &vps);
    new_sps = new_vps || hevc_parameter_set_changed(&h->sps, &sps);
    new_pps = new_sps || hevc_parameter_set_changed(&h->pps[first.pps_id], &pps);
    if ((new_vps && !vkdva_bytes_append(&picture->parameter_sets, vps.data, vps.count))
            || (new_sps && !vkdva_bytes_append(&picture->parameter_sets, sps.data, sps.count))
            || (new_pps && !vkdva_bytes_append(&picture->parameter_sets, pps.data, pps.count)))
    {
        hr = E_OUTOFMEMORY;
        goto done;
    }
    if (new_sps)
    {
        /* libavcodec forgot every PPS of the replaced SPS. */
        for (i = 0; i < HEVC_MAX_PPS; ++i)
            h->pps[i].count = 0;
    }
    if ((new_vps && (h->vps.count = 0, !vkdva_bytes_append(&h->vps, vps.data, vps.count)))
            || (new_sps && (h->sps.count = 0, !vkdva_bytes_append(&h->sps, sps.data, sps.count)))
            || (new_pps && (h->pps[first.pps_id].count = 0,
                    !vkdva_bytes_append(&h->pps[first.pps_id], pps.data, pps.count))))
    {
        h->vps.count = h->sps.count = 0;
        hr = E_OUTOFMEMORY;
        goto done;
    }

    /* 8.3.1: prevTid0Pic as libavcodec follows it. */
    if (!first.temporal_id && first.nal_type != HEVC_NAL_TRAIL_N && first.nal_type != HEVC_NAL_TSA_N
            && first.nal_type != HEVC_NAL_STSA_N
            && (first.nal_type < HEVC_NAL_RADL_N || first.nal_type > HEVC_NAL_RASL_R))
        h->poc_tid0 = pp->CurrPicOrderCntVal;

    picture->slice_data = h->slices.data;
    /* libavcodec allocates the picture before any missing reference it generates. */
    picture->picture_allocated_first = true;

done:
    vkdva_free(vps.data);
    vkdva_free(sps.data);
    vkdva_free(pps.data);
    return hr;
}


/* Vulkan Video: DXVA to StdVideo (Vulkan "H.265 Decode Operations"). */

static void hevc_init_vk_profile(struct vkdva_vk_profile *p, DXGI_FORMAT format, bool interlaced)
{
    bool ten_bit = format == DXGI_FORMAT_P010;

    (void)interlaced;
    p->codec.h265 = (VkVideoDecodeH265ProfileInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_PROFILE_INFO_KHR,
        .stdProfileIdc = ten_bit ? STD_VIDEO_H265_PROFILE_IDC_MAIN_10 : STD_VIDEO_H265_PROFILE_IDC_MAIN,
    };
    p->profile = (VkVideoProfileInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_PROFILE_INFO_KHR,
        .pNext = &p->codec.h265,
        .videoCodecOperation = VK_VIDEO_CODEC_OPERATION_DECODE_H265_BIT_KHR,
        .chromaSubsampling = VK_VIDEO_CHROMA_SUBSAMPLING_420_BIT_KHR,
        .lumaBitDepth = ten_bit ? VK_VIDEO_COMPONENT_BIT_DEPTH_10_BIT_KHR : VK_VIDEO_COMPONENT_BIT_DEPTH_8_BIT_KHR,
        .chromaBitDepth = ten_bit ? VK_VIDEO_COMPONENT_BIT_DEPTH_10_BIT_KHR : VK_VIDEO_COMPONENT_BIT_DEPTH_8_BIT_KHR,
    };
    p->codec_caps.h265 = (VkVideoDecodeH265CapabilitiesKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_CAPABILITIES_KHR,
    };
}

static void hevc_default_scaling_lists(StdVideoH265ScalingLists *lists)
{
    unsigned int i;

    memset(lists, 0, sizeof(*lists));
    memset(lists->ScalingList4x4, 16, sizeof(lists->ScalingList4x4));
    for (i = 0; i < 6; ++i)
    {
        memcpy(lists->ScalingList8x8[i], i < 3 ? hevc_default_scaling_intra : hevc_default_scaling_inter, 64);
        memcpy(lists->ScalingList16x16[i], i < 3 ? hevc_default_scaling_intra : hevc_default_scaling_inter, 64);
        lists->ScalingListDCCoef16x16[i] = 16;
    }
    for (i = 0; i < 2; ++i)
    {
        memcpy(lists->ScalingList32x32[i], i ? hevc_default_scaling_inter : hevc_default_scaling_intra, 64);
        lists->ScalingListDCCoef32x32[i] = 16;
    }
}

/* The VPS and SPS (ids 0), pointers left NULL. */
static void hevc_fill_std_sequence(const DXVA_PicParams_HEVC *pp, struct hevc_vk_sequence *s)
{
    memset(s, 0, sizeof(*s));
    s->ptl.general_profile_idc = pp->bit_depth_luma_minus8 ? STD_VIDEO_H265_PROFILE_IDC_MAIN_10
            : STD_VIDEO_H265_PROFILE_IDC_MAIN;
    s->ptl.general_level_idc = STD_VIDEO_H265_LEVEL_IDC_6_2;
    s->dpb.max_dec_pic_buffering_minus1[0] = pp->sps_max_dec_pic_buffering_minus1;
    /* DXVA has no sps_max_num_reorder_pics; output order is the client's business. */
    s->dpb.max_num_reorder_pics[0] = 0;
    s->dpb.max_latency_increase_plus1[0] = 0;

    s->vps.flags.vps_temporal_id_nesting_flag = 1;
    s->vps.flags.vps_sub_layer_ordering_info_present_flag = 1;
    s->vps.vps_video_parameter_set_id = 0;
    s->vps.vps_max_sub_layers_minus1 = 0;

    s->sps.flags.sps_temporal_id_nesting_flag = 1;
    s->sps.flags.separate_colour_plane_flag = pp->separate_colour_plane_flag;
    s->sps.flags.sps_sub_layer_ordering_info_present_flag = 1;
    s->sps.flags.scaling_list_enabled_flag = pp->scaling_list_enabled_flag;
    /* The default lists; a picture's effective lists (DXVA_Qmatrix_HEVC) go in its PPS. */
    s->sps.flags.sps_scaling_list_data_present_flag = pp->scaling_list_enabled_flag;
    s->sps.flags.amp_enabled_flag = pp->amp_enabled_flag;
    s->sps.flags.sample_adaptive_offset_enabled_flag = pp->sample_adaptive_offset_enabled_flag;
    s->sps.flags.pcm_enabled_flag = pp->pcm_enabled_flag;
    s->sps.flags.pcm_loop_filter_disabled_flag = pp->pcm_loop_filter_disabled_flag;
    s->sps.flags.long_term_ref_pics_present_flag = pp->long_term_ref_pics_present_flag;
    s->sps.flags.sps_temporal_mvp_enabled_flag = pp->sps_temporal_mvp_enabled_flag;
    s->sps.flags.strong_intra_smoothing_enabled_flag = pp->strong_intra_smoothing_enabled_flag;
    s->sps.chroma_format_idc = pp->chroma_format_idc;
    s->sps.pic_width_in_luma_samples = hevc_width(pp);
    s->sps.pic_height_in_luma_samples = hevc_height(pp);
    s->sps.sps_video_parameter_set_id = 0;
    s->sps.sps_max_sub_layers_minus1 = 0;
    s->sps.sps_seq_parameter_set_id = 0;
    s->sps.bit_depth_luma_minus8 = pp->bit_depth_luma_minus8;
    s->sps.bit_depth_chroma_minus8 = pp->bit_depth_chroma_minus8;
    s->sps.log2_max_pic_order_cnt_lsb_minus4 = pp->log2_max_pic_order_cnt_lsb_minus4;
    s->sps.log2_min_luma_coding_block_size_minus3 = pp->log2_min_luma_coding_block_size_minus3;
    s->sps.log2_diff_max_min_luma_coding_block_size = pp->log2_diff_max_min_luma_coding_block_size;
    s->sps.log2_min_luma_transform_block_size_minus2 = pp->log2_min_transform_block_size_minus2;
    s->sps.log2_diff_max_min_luma_transform_block_size = pp->log2_diff_max_min_transform_block_size;
    s->sps.max_transform_hierarchy_depth_inter = pp->max_transform_hierarchy_depth_inter;
    s->sps.max_transform_hierarchy_depth_intra = pp->max_transform_hierarchy_depth_intra;
    /* The slice headers' short_term_ref_pic_set_idx and lt_idx_sps are as wide as these
     * counts say; the sets themselves are not in DXVA (see the top of this file). */
    s->sps.num_short_term_ref_pic_sets = pp->num_short_term_ref_pic_sets;
    s->sps.num_long_term_ref_pics_sps = pp->num_long_term_ref_pics_sps;
    if (pp->pcm_enabled_flag)
    {
        s->sps.pcm_sample_bit_depth_luma_minus1 = pp->pcm_sample_bit_depth_luma_minus1;
        s->sps.pcm_sample_bit_depth_chroma_minus1 = pp->pcm_sample_bit_depth_chroma_minus1;
        s->sps.log2_min_pcm_luma_coding_block_size_minus3 = pp->log2_min_pcm_luma_coding_block_size_minus3;
        s->sps.log2_diff_max_min_pcm_luma_coding_block_size = pp->log2_diff_max_min_pcm_luma_coding_block_size;
    }
}

/* Points the sequence's structures at each other and at the default scaling lists. */
static void hevc_link_std_sequence(struct hevc_vk_sequence *s, const StdVideoH265ScalingLists *scaling)
{
    s->vps.pDecPicBufMgr = &s->dpb;
    s->vps.pProfileTierLevel = &s->ptl;
    s->sps.pProfileTierLevel = &s->ptl;
    s->sps.pDecPicBufMgr = &s->dpb;
    s->sps.pScalingLists = s->sps.flags.sps_scaling_list_data_present_flag ? scaling : NULL;
    s->sps.pShortTermRefPicSet = s->sps.num_short_term_ref_pic_sets ? s->st_rps : NULL;
    s->sps.pLongTermRefPicsSps = s->sps.flags.long_term_ref_pics_present_flag ? &s->lt_rps : NULL;
}

static void hevc_fill_std_pps(const DXVA_PicParams_HEVC *pp, const DXVA_Qmatrix_HEVC *qm, unsigned int pps_id,
        StdVideoH265PictureParameterSet *pps, StdVideoH265ScalingLists *lists)
{
    unsigned int i;

    memset(pps, 0, sizeof(*pps));
    pps->flags.dependent_slice_segments_enabled_flag = pp->dependent_slice_segments_enabled_flag;
    pps->flags.output_flag_present_flag = pp->output_flag_present_flag;
    pps->flags.sign_data_hiding_enabled_flag = pp->sign_data_hiding_enabled_flag;
    pps->flags.cabac_init_present_flag = pp->cabac_init_present_flag;
    pps->flags.constrained_intra_pred_flag = pp->constrained_intra_pred_flag;
    pps->flags.transform_skip_enabled_flag = pp->transform_skip_enabled_flag;
    pps->flags.cu_qp_delta_enabled_flag = pp->cu_qp_delta_enabled_flag;
    pps->flags.pps_slice_chroma_qp_offsets_present_flag = pp->pps_slice_chroma_qp_offsets_present_flag;
    pps->flags.weighted_pred_flag = pp->weighted_pred_flag;
    pps->flags.weighted_bipred_flag = pp->weighted_bipred_flag;
    pps->flags.transquant_bypass_enabled_flag = pp->transquant_bypass_enabled_flag;
    pps->flags.tiles_enabled_flag = pp->tiles_enabled_flag;
    pps->flags.entropy_coding_sync_enabled_flag = pp->entropy_coding_sync_enabled_flag;
    pps->flags.uniform_spacing_flag = pp->tiles_enabled_flag && pp->uniform_spacing_flag;
    pps->flags.loop_filter_across_tiles_enabled_flag = pp->tiles_enabled_flag
            && pp->loop_filter_across_tiles_enabled_flag;
    pps->flags.pps_loop_filter_across_slices_enabled_flag = pp->pps_loop_filter_across_slices_enabled_flag;
    pps->flags.deblocking_filter_override_enabled_flag = pp->deblocking_filter_override_enabled_flag;
    pps->flags.pps_deblocking_filter_disabled_flag = pp->pps_deblocking_filter_disabled_flag;
    /* Not in DXVA: present when anything it guards is not inferred. */
    pps->flags.deblocking_filter_control_present_flag = pp->deblocking_filter_override_enabled_flag
            || pp->pps_deblocking_filter_disabled_flag || pp->pps_beta_offset_div2 || pp->pps_tc_offset_div2;
    pps->flags.lists_modification_present_flag = pp->lists_modification_present_flag;
    pps->flags.slice_segment_header_extension_present_flag = pp->slice_segment_header_extension_present_flag;
    pps->pps_pic_parameter_set_id = pps_id;
    pps->pps_seq_parameter_set_id = 0;
    pps->sps_video_parameter_set_id = 0;
    pps->num_extra_slice_header_bits = pp->num_extra_slice_header_bits;
    pps->num_ref_idx_l0_default_active_minus1 = pp->num_ref_idx_l0_default_active_minus1;
    pps->num_ref_idx_l1_default_active_minus1 = pp->num_ref_idx_l1_default_active_minus1;
    pps->init_qp_minus26 = pp->init_qp_minus26;
    pps->diff_cu_qp_delta_depth = pp->cu_qp_delta_enabled_flag ? pp->diff_cu_qp_delta_depth : 0;
    pps->pps_cb_qp_offset = pp->pps_cb_qp_offset;
    pps->pps_cr_qp_offset = pp->pps_cr_qp_offset;
    if (!pp->pps_deblocking_filter_disabled_flag)
    {
        pps->pps_beta_offset_div2 = pp->pps_beta_offset_div2;
        pps->pps_tc_offset_div2 = pp->pps_tc_offset_div2;
    }
    pps->log2_parallel_merge_level_minus2 = pp->log2_parallel_merge_level_minus2;
    if (pp->tiles_enabled_flag)
    {
        pps->num_tile_columns_minus1 = pp->num_tile_columns_minus1;
        pps->num_tile_rows_minus1 = pp->num_tile_rows_minus1;
        /* DXVA gives the derived sizes even for uniform spacing; they are passed either way. */
        for (i = 0; i < pp->num_tile_columns_minus1; ++i)
            pps->column_width_minus1[i] = pp->column_width_minus1[i];
        for (i = 0; i < pp->num_tile_rows_minus1; ++i)
            pps->row_height_minus1[i] = pp->row_height_minus1[i];
    }
    if (pp->scaling_list_enabled_flag && qm)
    {
        /* The effective lists of the picture, in the diagonal order both use. */
        memset(lists, 0, sizeof(*lists));
        pps->flags.pps_scaling_list_data_present_flag = 1;
        memcpy(lists->ScalingList4x4, qm->ucScalingLists0, sizeof(lists->ScalingList4x4));
        memcpy(lists->ScalingList8x8, qm->ucScalingLists1, sizeof(lists->ScalingList8x8));
        memcpy(lists->ScalingList16x16, qm->ucScalingLists2, sizeof(lists->ScalingList16x16));
        memcpy(lists->ScalingList32x32, qm->ucScalingLists3, sizeof(lists->ScalingList32x32));
        memcpy(lists->ScalingListDCCoef16x16, qm->ucScalingListDCCoefSizeID2, sizeof(lists->ScalingListDCCoef16x16));
        memcpy(lists->ScalingListDCCoef32x32, qm->ucScalingListDCCoefSizeID3, sizeof(lists->ScalingListDCCoef32x32));
    }
}

/* DXVA RefPicSet lists to DPB slots, once the backend chose them. */
static void hevc_resolve_vk_slots(void *state, const int *slots)
{
    struct hevc_vk_state *vk = ((struct hevc_state *)state)->vk;
    int list_slot[HEVC_MAX_REFS];
    unsigned int i, j, count;
    const uint8_t *src[3] = {vk->curr_before, vk->curr_after, vk->lt_curr};
    uint8_t *dst[3] = {vk->std_picture.RefPicSetStCurrBefore, vk->std_picture.RefPicSetStCurrAfter,
            vk->std_picture.RefPicSetLtCurr};

    for (i = 0; i < HEVC_MAX_REFS; ++i)
        list_slot[i] = -1;
    for (i = 0; i < vk->ref_count; ++i)
        list_slot[vk->ref_list_index[i]] = slots[i];
    for (i = 0; i < 3; ++i)
    {
        memset(dst[i], HEVC_NO_REF, STD_VIDEO_DECODE_H265_REF_PIC_SET_LIST_SIZE);
        for (j = 0, count = 0; j < 8; ++j)
        {
            if (src[i][j] == HEVC_NO_REF)
                continue;
            /* A reference that was never decoded has no slot; the decoder sees it missing. */
            if (list_slot[src[i][j]] >= 0)
                dst[i][count] = list_slot[src[i][j]];
            ++count;
        }
    }
}

static HRESULT hevc_prepare_vk(void **state, const struct vkdva_decode_frame *frame, UINT config_bitstream_raw,
        struct vkdva_vk_picture *picture)
{
    const DXVA_PicParams_HEVC *pp = frame->picture_params;
    const DXVA_Qmatrix_HEVC *qm = frame->qmatrix;
    StdVideoH265PictureParameterSet pps;
    struct hevc_vk_sequence sequence;
    StdVideoH265ScalingLists lists;
    struct hevc_slice_header first;
    bool new_sequence = false, new_pps = false;
    struct hevc_vk_state *vk;
    struct hevc_state *h;
    size_t i, offset;
    unsigned int n;
    struct hevc_rps rps;
    HRESULT hr;

    if (FAILED(hr = hevc_check_picture_params(frame)))
        return hr;
    if (frame->output && (frame->output->desc.Format == DXGI_FORMAT_P010) != !!pp->bit_depth_luma_minus8)
    {
        FIXME("A %u-bit picture cannot be decoded into %s on the video queue.\n", pp->bit_depth_luma_minus8 + 8,
                debug_dxgi_format(frame->output->desc.Format));
        return E_NOTIMPL;
    }
    if (!(h = hevc_get_state(state)))
        return E_OUTOFMEMORY;
    if (!(vk = h->vk) && !(vk = h->vk = vkdva_calloc(1, sizeof(*vk))))
        return E_OUTOFMEMORY;
    /* The checks of the software path: a consistent RPS. */
    if (FAILED(hr = hevc_build_rps(pp, &rps)) && hr != E_NOTIMPL)
        return hr;

    if (FAILED(hr = hevc_parse_slices(frame, config_bitstream_raw, HEVC_PARSE_RPS, &picture->slices,
            &picture->slice_count, &first, NULL, NULL)))
        return hr;
    if (!first.short_term_ref_pic_set_sps_flag && !hevc_is_idr(first.nal_type)
            && first.st_rps_bits != pp->wNumBitsForShortTermRPSInSlice)
    {
        WARN("The slice's st_ref_pic_set() has %u bits, wNumBitsForShortTermRPSInSlice says %u.\n",
                first.st_rps_bits, pp->wNumBitsForShortTermRPSInSlice);
        return E_INVALIDARG;
    }
    if (!vkdva_array_reserve((void **)&vk->slice_offsets, &vk->slice_offsets_size, picture->slice_count,
            sizeof(*vk->slice_offsets)))
        return E_OUTOFMEMORY;
    for (i = 0, offset = 0; i < picture->slice_count; ++i)
    {
        vk->slice_offsets[i] = offset;
        offset += picture->slices[i].size;
    }

    /* Session parameters: VPS and SPS together (id 0), PPS by id; an id whose contents
     * changed needs a new parameters object, where everything in use is added again. */
    hevc_fill_std_sequence(pp, &sequence);
    if (!vk->have_sequence || memcmp(&sequence, &vk->sequence_key, sizeof(sequence)))
    {
        picture->parameters_reset = vk->have_sequence;
        memset(vk->have_pps, 0, sizeof(vk->have_pps));
        vk->sequence_key = sequence;
        vk->sequence = sequence;
        hevc_default_scaling_lists(&vk->sps_scaling);
        hevc_link_std_sequence(&vk->sequence, &vk->sps_scaling);
        vk->have_sequence = true;
        new_sequence = true;
    }
    hevc_fill_std_pps(pp, qm, first.pps_id, &pps, &lists);
    if (!vk->have_pps[first.pps_id] || memcmp(&pps, &vk->pps_key[first.pps_id], sizeof(pps))
            || (pps.flags.pps_scaling_list_data_present_flag
                    && memcmp(&lists, &vk->pps_scaling[first.pps_id], sizeof(lists))))
    {
        if (vk->have_pps[first.pps_id])
        {
            picture->parameters_reset = true;
            memset(vk->have_pps, 0, sizeof(vk->have_pps));
            new_sequence = true;
        }
        vk->pps_key[first.pps_id] = pps;
        vk->pps_scaling[first.pps_id] = lists;
        vk->pps[first.pps_id] = pps;
        vk->pps[first.pps_id].pScalingLists = pps.flags.pps_scaling_list_data_present_flag
                ? &vk->pps_scaling[first.pps_id] : NULL;
        vk->have_pps[first.pps_id] = true;
        new_pps = true;
    }
    vk->add_info = (VkVideoDecodeH265SessionParametersAddInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_SESSION_PARAMETERS_ADD_INFO_KHR,
        .stdVPSCount = new_sequence ? 1 : 0,
        .pStdVPSs = &vk->sequence.vps,
        .stdSPSCount = new_sequence ? 1 : 0,
        .pStdSPSs = &vk->sequence.sps,
        .stdPPSCount = new_pps ? 1 : 0,
        .pStdPPSs = &vk->pps[first.pps_id],
    };
    picture->parameters_add_info = (new_sequence || new_pps) ? &vk->add_info : NULL;

    picture->surface = pp->CurrPic.Index7Bits;
    picture->second_field = false;

    memset(&vk->std_picture, 0, sizeof(vk->std_picture));
    vk->std_picture.flags.IrapPicFlag = hevc_is_irap(first.nal_type);
    vk->std_picture.flags.IdrPicFlag = hevc_is_idr(first.nal_type);
    /* Sub-layer non-reference pictures (even types below 16) may still serve higher
     * sub-layers; every picture gets a DPB slot anyway. */
    vk->std_picture.flags.IsReference = first.nal_type >= HEVC_NAL_BLA_W_LP || (first.nal_type & 1);
    vk->std_picture.flags.short_term_ref_pic_set_sps_flag = first.short_term_ref_pic_set_sps_flag;
    vk->std_picture.sps_video_parameter_set_id = 0;
    vk->std_picture.pps_seq_parameter_set_id = 0;
    vk->std_picture.pps_pic_parameter_set_id = first.pps_id;
    vk->std_picture.NumDeltaPocsOfRefRpsIdx = first.st_rps_predicted ? pp->ucNumDeltaPocsOfRefRpsIdx : 0;
    vk->std_picture.PicOrderCntVal = pp->CurrPicOrderCntVal;
    vk->std_picture.NumBitsForSTRefPicSetInSlice = first.short_term_ref_pic_set_sps_flag ? 0 : first.st_rps_bits;
    memcpy(vk->curr_before, pp->RefPicSetStCurrBefore, sizeof(vk->curr_before));
    memcpy(vk->curr_after, pp->RefPicSetStCurrAfter, sizeof(vk->curr_after));
    memcpy(vk->lt_curr, pp->RefPicSetLtCurr, sizeof(vk->lt_curr));
    memset(vk->std_picture.RefPicSetStCurrBefore, HEVC_NO_REF, sizeof(vk->std_picture.RefPicSetStCurrBefore));
    memset(vk->std_picture.RefPicSetStCurrAfter, HEVC_NO_REF, sizeof(vk->std_picture.RefPicSetStCurrAfter));
    memset(vk->std_picture.RefPicSetLtCurr, HEVC_NO_REF, sizeof(vk->std_picture.RefPicSetLtCurr));
    vk->picture = (VkVideoDecodeH265PictureInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_PICTURE_INFO_KHR,
        .pStdPictureInfo = &vk->std_picture,
        .sliceSegmentCount = picture->slice_count,
        .pSliceSegmentOffsets = vk->slice_offsets,
    };
    picture->picture_info = &vk->picture;

    /* Every picture of the RPS (RefPicList) is bound; the Curr lists name their slots. */
    picture->ref_count = 0;
    for (n = 0; n < HEVC_MAX_REFS; ++n)
    {
        StdVideoDecodeH265ReferenceInfo *ref = &vk->std_refs[picture->ref_count];

        if (pp->RefPicList[n].bPicEntry == 0xff)
            continue;
        memset(ref, 0, sizeof(*ref));
        ref->flags.used_for_long_term_reference = pp->RefPicList[n].AssociatedFlag;
        ref->PicOrderCntVal = pp->PicOrderCntValList[n];
        vk->refs[picture->ref_count] = (VkVideoDecodeH265DpbSlotInfoKHR)
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_DPB_SLOT_INFO_KHR,
            .pStdReferenceInfo = ref,
        };
        vk->ref_list_index[picture->ref_count] = n;
        picture->refs[picture->ref_count].surface = pp->RefPicList[n].Index7Bits;
        picture->refs[picture->ref_count].slot_info = &vk->refs[picture->ref_count];
        ++picture->ref_count;
    }
    vk->ref_count = picture->ref_count;
    {
        StdVideoDecodeH265ReferenceInfo *ref = &vk->std_refs[VKDVA_MAX_VK_REFERENCES];

        memset(ref, 0, sizeof(*ref));
        ref->PicOrderCntVal = pp->CurrPicOrderCntVal;
        vk->refs[VKDVA_MAX_VK_REFERENCES] = (VkVideoDecodeH265DpbSlotInfoKHR)
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_DPB_SLOT_INFO_KHR,
            .pStdReferenceInfo = ref,
        };
        picture->setup_slot_info = &vk->refs[VKDVA_MAX_VK_REFERENCES];
    }
    return S_OK;
}

VKDVA_DEFINE_CLONE_VK_INFO(hevc_clone_vk_info, VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_PICTURE_INFO_KHR,
        VkVideoDecodeH265PictureInfoKHR, StdVideoDecodeH265PictureInfo, sliceSegmentCount, pSliceSegmentOffsets,
        VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_DPB_SLOT_INFO_KHR, VkVideoDecodeH265DpbSlotInfoKHR,
        StdVideoDecodeH265ReferenceInfo)

static const void *hevc_vk_parameters_create_info(void *state, const void *add_info)
{
    struct hevc_state *h = state;

    h->vk->create_info = (VkVideoDecodeH265SessionParametersCreateInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_SESSION_PARAMETERS_CREATE_INFO_KHR,
        .maxStdVPSCount = 1,
        .maxStdSPSCount = 1,
        .maxStdPPSCount = HEVC_MAX_PPS,
        .pParametersAddInfo = add_info,
    };
    return &h->vk->create_info;
}

static void hevc_describe_picture(const struct vkdva_decode_frame *frame, struct vkdva_decode_status *status)
{
    const DXVA_PicParams_HEVC *pp = frame->picture_params;

    status->feedback_number = pp->StatusReportFeedbackNumber;
    status->curr_pic = pp->CurrPic.bPicEntry;
    status->field_pic_flag = 0;
}

static void hevc_write_status(const struct vkdva_decode_status *status, void *out)
{
    DXVA_Status_HEVC *s = out;

    memset(s, 0, sizeof(*s));
    s->StatusReportFeedbackNumber = status->feedback_number;
    s->CurrPic.bPicEntry = status->curr_pic;
    s->bStatus = status->status;
    s->wNumMbsAffected = status->mbs_affected;
}

#define HEVC_OPS(ops_profile, ops_name, ops_formats) \
    .profile = &ops_profile, \
    .name = ops_name, \
    .formats = ops_formats, \
    .format_count = ARRAY_SIZE(ops_formats), \
    .codec = VKDVA_CODEC_HEVC, \
    .picture_params_size = sizeof(DXVA_PicParams_HEVC), \
    .qmatrix_size = sizeof(DXVA_Qmatrix_HEVC), \
    .slice_control_entry_size = hevc_slice_control_entry_size, \
    .max_width = 8192, \
    .max_height = 8192, \
    /* 7.3.6.1 up to slice_temporal_mvp_enabled_flag (HEVC_PARSE_RPS): with every ue(v) at the \
     * reader's 63 bits, 172 bits before st_ref_pic_set(), 1151 in it, 2718 for 32 long-term \
     * entries, so 506 bytes, 759 with every emulation-prevention byte possible, after a \
     * 4-byte start code and the NAL unit header. */ \
    .vk_slice_header_bytes = 768, \
    .prepare_sw = hevc_prepare_sw, \
    .free_state = hevc_free_state, \
    .vk_codec_op = VK_VIDEO_CODEC_OPERATION_DECODE_H265_BIT_KHR, \
    .init_vk_profile = hevc_init_vk_profile, \
    .prepare_vk = hevc_prepare_vk, \
    .vk_parameters_create_info = hevc_vk_parameters_create_info, \
    .resolve_vk_slots = hevc_resolve_vk_slots, \
    .free_vk_state = hevc_free_state, \
    .clone_vk_info = hevc_clone_vk_info, \
    .describe_picture = hevc_describe_picture, \
    .status_size = sizeof(DXVA_Status_HEVC), \
    .write_status = hevc_write_status,

const struct vkdva_codec_ops vkdva_hevc_main_ops =
{
    HEVC_OPS(D3D11_DECODER_PROFILE_HEVC_VLD_MAIN, "HEVC Main", hevc_main_formats)
};

const struct vkdva_codec_ops vkdva_hevc_main10_ops =
{
    HEVC_OPS(D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10, "HEVC Main 10", hevc_main10_formats)
};
