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

/* The H.265 decoding processes a DXVA host decoder runs itself: picture boundaries
 * (7.4.2.4.4), leading pictures to skip (8.1.3), picture order count (8.3.1), the reference
 * picture set and reference marking (8.3.2), references that are missing (8.3.3), the output
 * order of the decoded picture buffer (C.5.2) and the assignment of surfaces; each picture
 * goes to the decode callback as DXVA buffers. */

#include "hevc.h"
#include <stdlib.h>
#include <string.h>

#define HEVC_NO_SURFACE (-1)
/* The DPB, the picture being decoded and stand-ins for missing references. */
#define HEVC_MAX_FRAMES (HEVC_MAX_DPB_SIZE + 1 + 3 * HEVC_MAX_CURR_REFS)

/* A picture storage buffer of the DPB (C.5.2) and its surface. */
struct hevc_frame
{
    bool used;                      /* holds a picture of the DPB, or the one being decoded */
    int surface;
    int32_t poc;
    bool short_ref;                 /* "used for short-term reference" */
    bool long_ref;                  /* "used for long-term reference" */
    bool needed_for_output;
    unsigned int latency_count;     /* PicLatencyCount */
    bool missing;                   /* generated for a missing reference (8.3.3), never decoded */
};

struct hevc_current_picture
{
    bool active;
    bool skipped;                   /* a RASL picture that is not decoded (8.1.3) */
    unsigned int index;
    struct hevc_slice_header header;    /* of the first slice segment */
    const struct hevc_sps *sps;
    const struct hevc_pps *pps;
    struct hevc_frame *frame;
    int32_t poc;
    bool intra;
    bool output_flag;               /* PicOutputFlag */

    /* RefPicSetStCurrBefore, RefPicSetStCurrAfter, RefPicSetLtCurr (8.3.2). */
    unsigned int st_curr_before_count, st_curr_after_count, lt_curr_count;
    struct hevc_frame *st_curr_before[HEVC_MAX_CURR_REFS];
    struct hevc_frame *st_curr_after[HEVC_MAX_CURR_REFS];
    struct hevc_frame *lt_curr[HEVC_MAX_CURR_REFS];
    /* Their POCs (PocStCurrBefore, PocStCurrAfter, PocLtCurr), for stand-ins of missing ones. */
    int32_t st_curr_before_poc[HEVC_MAX_CURR_REFS];
    int32_t st_curr_after_poc[HEVC_MAX_CURR_REFS];
    int32_t lt_curr_poc[HEVC_MAX_CURR_REFS];

    uint8_t *bitstream;
    size_t bitstream_size;
    size_t bitstream_capacity;
    DXVA_Slice_HEVC_Short *slices;
    size_t slices_size;
    size_t slice_count;
};

struct hevc_decoder
{
    struct codec codec;
    struct codec_callbacks callbacks;

    struct hevc_sps sps[HEVC_MAX_SPS_COUNT];
    struct hevc_pps pps[HEVC_MAX_PPS_COUNT];
    uint8_t *rbsp;
    size_t rbsp_size;

    /* The active sequence. */
    bool have_sequence;
    struct hevc_sps active_sps;
    unsigned int dpb_size;              /* sps_max_dec_pic_buffering_minus1[HighestTid] + 1 */
    unsigned int max_num_reorder_pics;
    uint64_t max_latency_pictures;      /* SpsMaxLatencyPictures, 0: no limit */
    unsigned int surface_count;
    unsigned int next_surface;

    struct hevc_frame frames[HEVC_MAX_FRAMES];

    /* State carried from picture to picture (8.1.3, 8.3.1). */
    bool decoded_any;                   /* "picture 0" has been seen */
    bool after_eos;                     /* the next picture follows an end of sequence */
    bool have_irap;
    bool no_rasl_output_flag;           /* NoRaslOutputFlag of the last IRAP picture */
    int32_t prev_tid0_poc;              /* PicOrderCntVal of prevTid0Pic */
    bool warned_missing_refs;

    struct hevc_current_picture pic;
    unsigned int picture_count;
    DXVA_PicParams_HEVC pic_params;
    DXVA_Qmatrix_HEVC qmatrix;
};

static struct hevc_decoder *hevc_decoder_from_codec(struct codec *codec)
{
    return (struct hevc_decoder *)((char *)codec - offsetof(struct hevc_decoder, codec));
}

static bool hevc_error(struct hevc_decoder *decoder, const char *message)
{
    fprintf(stderr, "frame %u: %s.\n", decoder->pic.active ? decoder->pic.index : decoder->picture_count, message);
    return false;
}

static int32_t clamp_poc(int64_t value)
{
    if (value > INT32_MAX)
        return INT32_MAX;
    if (value < INT32_MIN)
        return INT32_MIN;
    return (int32_t)value;
}

static bool frame_is_ref(const struct hevc_frame *frame)
{
    return frame->short_ref || frame->long_ref;
}

static void free_frame(struct hevc_frame *frame)
{
    memset(frame, 0, sizeof(*frame));
    frame->surface = HEVC_NO_SURFACE;
}

static unsigned int dpb_fullness(const struct hevc_decoder *decoder)
{
    unsigned int i, count = 0;

    for (i = 0; i < HEVC_MAX_FRAMES; ++i)
        count += decoder->frames[i].used;
    return count;
}

/* Allocates a picture storage buffer and a surface that no other buffer holds. */
static struct hevc_frame *alloc_frame(struct hevc_decoder *decoder)
{
    bool busy[HEVC_MAX_FRAMES + 2] = {0};
    struct hevc_frame *frame = NULL;
    unsigned int i;
    int surface;

    for (i = 0; i < HEVC_MAX_FRAMES; ++i)
    {
        if (decoder->frames[i].used)
        {
            if (decoder->frames[i].surface >= 0)
                busy[decoder->frames[i].surface] = true;
        }
        else if (!frame)
        {
            frame = &decoder->frames[i];
        }
    }
    if (!frame)
        return NULL;
    if ((surface = codec_pick_surface(busy, decoder->surface_count, &decoder->next_surface)) < 0)
        return NULL;
    free_frame(frame);
    frame->used = true;
    frame->surface = surface;
    return frame;
}

/* C.5.2.4 "bumping": outputs the picture that comes first in output order and empties its
 * buffer when it is no longer a reference. Returns false when nothing was output; *error
 * tells a failed output apart. */
static bool bump(struct hevc_decoder *decoder, bool *error)
{
    struct hevc_frame *frame, *best = NULL;
    unsigned int i;

    for (i = 0; i < HEVC_MAX_FRAMES; ++i)
    {
        frame = &decoder->frames[i];
        if (frame->used && frame->needed_for_output && (!best || frame->poc < best->poc))
            best = frame;
    }
    if (!best)
        return false;
    best->needed_for_output = false;
    if (!decoder->callbacks.output_picture(decoder->callbacks.context, best->surface, best->poc))
    {
        *error = true;
        return false;
    }
    if (!frame_is_ref(best))
        free_frame(best);
    return true;
}

/* Outputs everything waiting for output, in output order. */
static bool flush_output(struct hevc_decoder *decoder)
{
    bool error = false;

    while (bump(decoder, &error))
        ;
    return !error;
}

static void free_all_frames(struct hevc_decoder *decoder)
{
    unsigned int i;

    for (i = 0; i < HEVC_MAX_FRAMES; ++i)
        free_frame(&decoder->frames[i]);
}

/* Empties the buffers of pictures neither needed for output nor used for reference. */
static void remove_unused_frames(struct hevc_decoder *decoder)
{
    struct hevc_frame *frame;
    unsigned int i;

    for (i = 0; i < HEVC_MAX_FRAMES; ++i)
    {
        frame = &decoder->frames[i];
        if (frame->used && !frame->needed_for_output && !frame_is_ref(frame))
            free_frame(frame);
    }
}

/* The conditions of C.5.2.2 (before_decoding) and C.5.2.3 that call for bumping. */
static bool needs_bumping(const struct hevc_decoder *decoder, bool before_decoding)
{
    unsigned int i, waiting = 0;
    const struct hevc_frame *frame;
    bool late = false;

    for (i = 0; i < HEVC_MAX_FRAMES; ++i)
    {
        frame = &decoder->frames[i];
        if (!frame->used || !frame->needed_for_output)
            continue;
        ++waiting;
        if (decoder->max_latency_pictures && frame->latency_count >= decoder->max_latency_pictures)
            late = true;
    }
    if (waiting > decoder->max_num_reorder_pics || late)
        return true;
    return before_decoding && dpb_fullness(decoder) >= decoder->dpb_size;
}

static bool bump_while_needed(struct hevc_decoder *decoder, bool before_decoding)
{
    bool error = false;

    while (needs_bumping(decoder, before_decoding))
    {
        if (!bump(decoder, &error))
            break;
    }
    return !error;
}

static bool check_support(struct hevc_decoder *decoder, const struct hevc_sps *sps, const struct hevc_pps *pps)
{
    /* general_profile_compatibility_flag[j] for Main (1), Main 10 (2), Main Still Picture (3). */
    static const uint32_t compatible = (1u << (31 - 1)) | (1u << (31 - 2)) | (1u << (31 - 3));
    const char *error;
    char message[160];

    if ((sps->general_profile_idc < 1 || sps->general_profile_idc > 3)
            && !(sps->general_profile_compatibility_flags & compatible))
    {
        snprintf(message, sizeof(message), "general_profile_idc %u is not supported "
                "(only Main, Main 10 and Main Still Picture)", sps->general_profile_idc);
        return hevc_error(decoder, message);
    }
    if (sps->chroma_format_idc != 1)
    {
        snprintf(message, sizeof(message), "chroma format %s is not supported (only 4:2:0)",
                sps->chroma_format_idc ? (sps->chroma_format_idc == 2 ? "4:2:2" : "4:4:4") : "4:0:0");
        return hevc_error(decoder, message);
    }
    if (sps->bit_depth_luma_minus8 != sps->bit_depth_chroma_minus8
            || (sps->bit_depth_luma_minus8 != 0 && sps->bit_depth_luma_minus8 != 2))
    {
        snprintf(message, sizeof(message), "bit depth %u/%u is not supported (only 8 or 10)",
                sps->bit_depth_luma_minus8 + 8, sps->bit_depth_chroma_minus8 + 8);
        return hevc_error(decoder, message);
    }
    if (pps->pps_range_extension_flag)
        return hevc_error(decoder, "the picture parameter set's range extension is not supported");
    if (!hevc_check_pps(pps, sps, &error))
        return hevc_error(decoder, error);
    return true;
}

/* Whether two SPSs describe the same surfaces and output window. */
static bool same_format(const struct hevc_sps *a, const struct hevc_sps *b)
{
    return a->pic_width_in_luma_samples == b->pic_width_in_luma_samples
            && a->pic_height_in_luma_samples == b->pic_height_in_luma_samples
            && a->bit_depth_luma_minus8 == b->bit_depth_luma_minus8
            && a->chroma_format_idc == b->chroma_format_idc
            && a->conf_win_left_offset == b->conf_win_left_offset
            && a->conf_win_right_offset == b->conf_win_right_offset
            && a->conf_win_top_offset == b->conf_win_top_offset
            && a->conf_win_bottom_offset == b->conf_win_bottom_offset;
}

static void set_sequence_limits(struct hevc_decoder *decoder, const struct hevc_sps *sps)
{
    unsigned int highest = sps->max_sub_layers_minus1;

    decoder->active_sps = *sps;
    decoder->max_num_reorder_pics = sps->max_num_reorder_pics[highest];
    /* SpsMaxLatencyPictures (7-9). */
    decoder->max_latency_pictures = 0;
    if (sps->max_latency_increase_plus1[highest])
        decoder->max_latency_pictures = (uint64_t)sps->max_num_reorder_pics[highest]
                + sps->max_latency_increase_plus1[highest] - 1;
}

/* Activates an SPS at the start of a coded video sequence (the DPB is empty); a new decoder
 * and surfaces are only asked for when the picture format or the DPB needs change. */
static bool activate_sps(struct hevc_decoder *decoder, const struct hevc_sps *sps)
{
    unsigned int dpb_size = sps->max_dec_pic_buffering_minus1[sps->max_sub_layers_minus1] + 1;
    struct codec_sequence sequence;

    if (decoder->have_sequence && same_format(&decoder->active_sps, sps) && dpb_size <= decoder->dpb_size)
    {
        set_sequence_limits(decoder, sps);
        return true;
    }
    free_all_frames(decoder);
    set_sequence_limits(decoder, sps);
    decoder->dpb_size = dpb_size;
    /* The DPB (which includes the picture being decoded) and two spares, for stand-ins of
     * missing references. */
    decoder->surface_count = dpb_size + 2;
    decoder->next_surface = 0;

    memset(&sequence, 0, sizeof(sequence));
    if (sps->bit_depth_luma_minus8)
    {
        sequence.profile = &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10;
        sequence.profile_name = "D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10";
        sequence.format = DXGI_FORMAT_P010;
    }
    else
    {
        sequence.profile = &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN;
        sequence.profile_name = "D3D11_DECODER_PROFILE_HEVC_VLD_MAIN";
        sequence.format = DXGI_FORMAT_NV12;
    }
    sequence.width = sps->pic_width_in_luma_samples;
    sequence.height = sps->pic_height_in_luma_samples;
    sequence.surface_count = decoder->surface_count;
    sequence.bit_depth = sps->bit_depth_luma_minus8 + 8;
    /* 7.4.3.2.1: the conformance window, in chroma units (SubWidthC = SubHeightC = 2). */
    sequence.crop_x = 2 * sps->conf_win_left_offset;
    sequence.crop_y = 2 * sps->conf_win_top_offset;
    sequence.crop_width = sequence.width - 2 * (sps->conf_win_left_offset + sps->conf_win_right_offset);
    sequence.crop_height = sequence.height - 2 * (sps->conf_win_top_offset + sps->conf_win_bottom_offset);
    decoder->have_sequence = true;
    return decoder->callbacks.start_sequence(decoder->callbacks.context, &sequence);
}

/* 8.3.1: PicOrderCntVal of the current picture. */
static int32_t compute_poc(const struct hevc_decoder *decoder, const struct hevc_slice_header *header,
        const struct hevc_sps *sps, bool irap_no_rasl)
{
    int64_t max_lsb = 1ll << (sps->log2_max_pic_order_cnt_lsb_minus4 + 4);
    int64_t lsb = header->slice_pic_order_cnt_lsb, prev_lsb, prev_msb, msb;

    if (irap_no_rasl)
        return clamp_poc(lsb);
    /* prevTid0Pic's slice_pic_order_cnt_lsb and PicOrderCntMsb, from its PicOrderCntVal. */
    prev_lsb = decoder->prev_tid0_poc & (max_lsb - 1);
    prev_msb = (int64_t)decoder->prev_tid0_poc - prev_lsb;
    if (lsb < prev_lsb && prev_lsb - lsb >= max_lsb / 2)
        msb = prev_msb + max_lsb;
    else if (lsb > prev_lsb && lsb - prev_lsb > max_lsb / 2)
        msb = prev_msb - max_lsb;
    else
        msb = prev_msb;
    return clamp_poc(msb + lsb);
}

/* 8.3.2: the reference picture set of the current picture, and the marking of the DPB. The
 * Curr lists keep NULL for "no reference picture"; those are generated later. */
static bool apply_rps(struct hevc_decoder *decoder, bool irap_no_rasl)
{
    struct hevc_frame *st_foll[HEVC_MAX_RPS_ENTRIES], *lt_foll[HEVC_MAX_LONG_TERM_PICS];
    bool lt_curr_msb[HEVC_MAX_CURR_REFS], lt_foll_msb[HEVC_MAX_LONG_TERM_PICS];
    struct hevc_current_picture *pic = &decoder->pic;
    int32_t *before_poc = pic->st_curr_before_poc, *after_poc = pic->st_curr_after_poc;
    int32_t foll_poc[HEVC_MAX_RPS_ENTRIES], lt_foll_poc[HEVC_MAX_LONG_TERM_PICS];
    int32_t *lt_curr_poc = pic->lt_curr_poc;
    const struct hevc_slice_header *header = &pic->header;
    const struct hevc_st_rps *rps = &header->st_rps;
    unsigned int i, j, count, st_foll_count = 0, lt_foll_count = 0;
    int64_t max_lsb, poc;
    struct hevc_frame *frame;
    bool in_set;

    pic->st_curr_before_count = pic->st_curr_after_count = pic->lt_curr_count = 0;
    if (irap_no_rasl)
    {
        for (i = 0; i < HEVC_MAX_FRAMES; ++i)
            decoder->frames[i].short_ref = decoder->frames[i].long_ref = false;
    }
    if (hevc_is_idr(header->nal_unit_type))
        return true;

    /* (8-5) */
    max_lsb = 1ll << (pic->sps->log2_max_pic_order_cnt_lsb_minus4 + 4);
    for (i = 0; i < rps->num_negative_pics; ++i)
    {
        poc = (int64_t)pic->poc + rps->delta_poc_s0[i];
        if (!rps->used_s0[i])
            foll_poc[st_foll_count++] = clamp_poc(poc);
        else if (pic->st_curr_before_count < HEVC_MAX_CURR_REFS)
            before_poc[pic->st_curr_before_count++] = clamp_poc(poc);
        else
            return hevc_error(decoder, "more than 8 short-term references before the picture");
    }
    for (i = 0; i < rps->num_positive_pics; ++i)
    {
        poc = (int64_t)pic->poc + rps->delta_poc_s1[i];
        if (!rps->used_s1[i])
            foll_poc[st_foll_count++] = clamp_poc(poc);
        else if (pic->st_curr_after_count < HEVC_MAX_CURR_REFS)
            after_poc[pic->st_curr_after_count++] = clamp_poc(poc);
        else
            return hevc_error(decoder, "more than 8 short-term references after the picture");
    }
    count = header->num_long_term_sps + header->num_long_term_pics;
    for (i = 0; i < count; ++i)
    {
        poc = header->poc_lsb_lt[i];
        if (header->delta_poc_msb_present_flag[i])
            poc += (int64_t)pic->poc - (int64_t)header->delta_poc_msb_cycle_lt[i] * max_lsb
                    - (pic->poc & (max_lsb - 1));
        if (!header->used_by_curr_pic_lt_flag[i])
        {
            lt_foll_poc[lt_foll_count] = clamp_poc(poc);
            lt_foll_msb[lt_foll_count++] = header->delta_poc_msb_present_flag[i];
        }
        else if (pic->lt_curr_count < HEVC_MAX_CURR_REFS)
        {
            lt_curr_poc[pic->lt_curr_count] = clamp_poc(poc);
            lt_curr_msb[pic->lt_curr_count++] = header->delta_poc_msb_present_flag[i];
        }
        else
        {
            return hevc_error(decoder, "more than 8 long-term references");
        }
    }

    /* (8-6): long-term entries match any reference picture, by its full POC when the MSB
     * cycle is sent, else by its POC LSBs. */
    for (i = 0; i < pic->lt_curr_count + lt_foll_count; ++i)
    {
        bool msb = i < pic->lt_curr_count ? lt_curr_msb[i] : lt_foll_msb[i - pic->lt_curr_count];
        int32_t target = i < pic->lt_curr_count ? lt_curr_poc[i] : lt_foll_poc[i - pic->lt_curr_count];

        for (j = 0, frame = NULL; j < HEVC_MAX_FRAMES && !frame; ++j)
        {
            struct hevc_frame *candidate = &decoder->frames[j];

            if (!candidate->used || !frame_is_ref(candidate))
                continue;
            if (msb ? candidate->poc == target : (candidate->poc & (max_lsb - 1)) == target)
                frame = candidate;
        }
        if (i < pic->lt_curr_count)
            pic->lt_curr[i] = frame;
        else
            lt_foll[i - pic->lt_curr_count] = frame;
    }
    /* "All reference pictures in RefPicSetLtCurr or RefPicSetLtFoll are marked as used for
     * long-term reference." */
    for (i = 0; i < pic->lt_curr_count; ++i)
    {
        if (pic->lt_curr[i])
        {
            pic->lt_curr[i]->long_ref = true;
            pic->lt_curr[i]->short_ref = false;
        }
    }
    for (i = 0; i < lt_foll_count; ++i)
    {
        if (lt_foll[i])
        {
            lt_foll[i]->long_ref = true;
            lt_foll[i]->short_ref = false;
        }
    }

    /* (8-7): short-term entries match short-term reference pictures by their POC. */
    for (i = 0; i < pic->st_curr_before_count + pic->st_curr_after_count + st_foll_count; ++i)
    {
        int32_t target;

        if (i < pic->st_curr_before_count)
            target = before_poc[i];
        else if (i < pic->st_curr_before_count + pic->st_curr_after_count)
            target = after_poc[i - pic->st_curr_before_count];
        else
            target = foll_poc[i - pic->st_curr_before_count - pic->st_curr_after_count];
        for (j = 0, frame = NULL; j < HEVC_MAX_FRAMES && !frame; ++j)
        {
            if (decoder->frames[j].used && decoder->frames[j].short_ref && decoder->frames[j].poc == target)
                frame = &decoder->frames[j];
        }
        if (i < pic->st_curr_before_count)
            pic->st_curr_before[i] = frame;
        else if (i < pic->st_curr_before_count + pic->st_curr_after_count)
            pic->st_curr_after[i - pic->st_curr_before_count] = frame;
        else
            st_foll[i - pic->st_curr_before_count - pic->st_curr_after_count] = frame;
    }

    /* Every other reference picture is marked "unused for reference". */
    for (j = 0; j < HEVC_MAX_FRAMES; ++j)
    {
        frame = &decoder->frames[j];
        if (!frame->used || !frame_is_ref(frame))
            continue;
        in_set = false;
        for (i = 0; i < pic->st_curr_before_count && !in_set; ++i)
            in_set = pic->st_curr_before[i] == frame;
        for (i = 0; i < pic->st_curr_after_count && !in_set; ++i)
            in_set = pic->st_curr_after[i] == frame;
        for (i = 0; i < st_foll_count && !in_set; ++i)
            in_set = st_foll[i] == frame;
        for (i = 0; i < pic->lt_curr_count && !in_set; ++i)
            in_set = pic->lt_curr[i] == frame;
        for (i = 0; i < lt_foll_count && !in_set; ++i)
            in_set = lt_foll[i] == frame;
        if (!in_set)
            frame->short_ref = frame->long_ref = false;
    }
    return true;
}

/* 8.3.3: a stand-in for a reference picture that is not in the DPB. This is what the spec
 * does for the leading pictures of a CRA or BLA picture that starts a sequence; elsewhere
 * the stream lost pictures, and decoding goes on with whatever the surface holds. */
static struct hevc_frame *generate_missing_ref(struct hevc_decoder *decoder, int32_t poc, bool long_term)
{
    struct hevc_frame *frame;

    if (!decoder->warned_missing_refs)
    {
        fprintf(stderr, "frame %u: warning: reference picture with POC %d is missing; "
                "decoding goes on without it.\n", decoder->pic.index, poc);
        decoder->warned_missing_refs = true;
    }
    if (!(frame = alloc_frame(decoder)))
        return NULL;
    frame->poc = poc;
    frame->short_ref = !long_term;
    frame->long_ref = long_term;
    frame->missing = true;
    return frame;
}

static bool fill_missing_refs(struct hevc_decoder *decoder, struct hevc_frame **frames, const int32_t *pocs,
        unsigned int count, bool long_term)
{
    unsigned int i;

    for (i = 0; i < count; ++i)
    {
        if (!frames[i] && !(frames[i] = generate_missing_ref(decoder, pocs[i], long_term)))
            return hevc_error(decoder, "no free surface for a missing reference");
    }
    return true;
}

static bool start_picture(struct hevc_decoder *decoder, const struct hevc_slice_header *header)
{
    struct hevc_current_picture *pic = &decoder->pic;
    bool irap, irap_no_rasl = false, no_output_of_prior_pics;
    const struct hevc_pps *pps;
    const struct hevc_sps *sps;

    pps = &decoder->pps[header->pps_id];
    sps = &decoder->sps[pps->sps_id];
    irap = hevc_is_irap(header->nal_unit_type);
    pic->active = true;
    pic->skipped = false;
    pic->index = decoder->picture_count;
    pic->header = *header;
    pic->sps = sps;
    pic->pps = pps;
    pic->frame = NULL;
    pic->intra = true;
    pic->bitstream_size = 0;
    pic->slice_count = 0;

    /* 8.1.3: NoRaslOutputFlag; the RASL pictures of an IRAP picture that has it are not
     * decoded (their references precede the IRAP picture), nor output. */
    if (irap)
    {
        irap_no_rasl = hevc_is_idr(header->nal_unit_type) || hevc_is_bla(header->nal_unit_type)
                || !decoder->decoded_any || decoder->after_eos;
        decoder->no_rasl_output_flag = irap_no_rasl;
        decoder->have_irap = true;
    }
    if (hevc_is_rasl(header->nal_unit_type) && (!decoder->have_irap || decoder->no_rasl_output_flag))
    {
        pic->skipped = true;
        return true;
    }
    ++decoder->picture_count;
    decoder->after_eos = false;

    if (!check_support(decoder, sps, pps))
        return false;
    pic->poc = compute_poc(decoder, header, sps, irap_no_rasl);
    /* PicOutputFlag (8.1.3); RASL pictures that would have it 0 were skipped above. */
    pic->output_flag = header->pic_output_flag;

    if (irap_no_rasl)
    {
        /* C.5.2.2: an IRAP picture with NoRaslOutputFlag empties the DPB, after outputting
         * what waits for output unless NoOutputOfPriorPicsFlag says otherwise, which it
         * always does for a CRA picture (one that follows an end of sequence). */
        if (decoder->decoded_any)
        {
            no_output_of_prior_pics = header->nal_unit_type == HEVC_NAL_CRA_NUT || header->no_output_of_prior_pics_flag;
            if (!no_output_of_prior_pics && !flush_output(decoder))
                return false;
        }
        free_all_frames(decoder);
        if (!activate_sps(decoder, sps))
            return false;
    }
    else if (!decoder->have_sequence)
    {
        fprintf(stderr, "frame %u: warning: the stream does not start with an IRAP picture.\n", pic->index);
        if (!activate_sps(decoder, sps))
            return false;
    }
    else if (memcmp(sps, &decoder->active_sps, sizeof(*sps)))
    {
        /* 7.4.3.2.1: an SPS is only activated at an IRAP picture with NoRaslOutputFlag. */
        if (!same_format(sps, &decoder->active_sps)
                || sps->max_dec_pic_buffering_minus1[sps->max_sub_layers_minus1] + 1u > decoder->dpb_size)
            return hevc_error(decoder, "the sequence parameter set changes within a coded video sequence");
        set_sequence_limits(decoder, sps);
    }
    decoder->decoded_any = true;

    if (!apply_rps(decoder, irap_no_rasl))
        return false;
    if (!irap_no_rasl)
    {
        /* C.5.2.2, otherwise: empty what is no longer needed, then bump while too many
         * pictures wait or the DPB is full. */
        remove_unused_frames(decoder);
        if (!bump_while_needed(decoder, true))
            return false;
    }
    if (!fill_missing_refs(decoder, pic->st_curr_before, pic->st_curr_before_poc, pic->st_curr_before_count, false)
            || !fill_missing_refs(decoder, pic->st_curr_after, pic->st_curr_after_poc, pic->st_curr_after_count, false)
            || !fill_missing_refs(decoder, pic->lt_curr, pic->lt_curr_poc, pic->lt_curr_count, true))
        return false;
    if (!(pic->frame = alloc_frame(decoder)))
        return hevc_error(decoder, "no free surface (DPB overflow)");
    pic->frame->poc = pic->poc;
    return true;
}

static bool append_slice(struct hevc_decoder *decoder, const struct bitstream_nal *nal,
        const struct hevc_slice_header *header)
{
    static const uint8_t start_code[3] = {0, 0, 1};
    struct hevc_current_picture *pic = &decoder->pic;
    DXVA_Slice_HEVC_Short *slice;
    size_t needed, capacity;
    void *data;

    if (nal->size > UINT32_MAX - 3 || pic->bitstream_size > UINT32_MAX - 3 - nal->size)
        return hevc_error(decoder, "picture too large");
    needed = pic->bitstream_size + 3 + nal->size;
    if (needed > pic->bitstream_capacity)
    {
        capacity = pic->bitstream_capacity ? pic->bitstream_capacity : 65536;
        while (capacity < needed)
            capacity *= 2;
        if (!(data = realloc(pic->bitstream, capacity)))
            return hevc_error(decoder, "out of memory");
        pic->bitstream = data;
        pic->bitstream_capacity = capacity;
    }
    if (pic->slice_count == pic->slices_size)
    {
        capacity = pic->slices_size ? pic->slices_size * 2 : 64;
        if (!(data = realloc(pic->slices, capacity * sizeof(*pic->slices))))
            return hevc_error(decoder, "out of memory");
        pic->slices = data;
        pic->slices_size = capacity;
    }
    /* DXVA short slice format: each slice segment is 00 00 01 + the NAL unit as in the stream. */
    slice = &pic->slices[pic->slice_count++];
    slice->BSNALunitDataLocation = pic->bitstream_size;
    slice->SliceBytesInBuffer = 3 + nal->size;
    slice->wBadSliceChopping = 0;
    memcpy(pic->bitstream + pic->bitstream_size, start_code, 3);
    memcpy(pic->bitstream + pic->bitstream_size + 3, nal->data, nal->size);
    pic->bitstream_size = needed;
    if (!header->dependent_slice_segment_flag && header->slice_type != HEVC_SLICE_I)
        pic->intra = false;
    return true;
}

static int ref_index(const struct hevc_picture_info *info, const struct hevc_frame *frame)
{
    unsigned int i;

    for (i = 0; i < info->ref_count; ++i)
    {
        if (info->refs[i].surface == (unsigned int)frame->surface)
            return i;
    }
    return -1;
}

static bool fill_ref_set(struct hevc_decoder *decoder, const struct hevc_picture_info *info,
        struct hevc_frame *const *frames, unsigned int count, uint8_t *indices)
{
    unsigned int i;
    int index;

    for (i = 0; i < count; ++i)
    {
        /* A reference of two lists (only in a broken stream) can be unmarked by the second. */
        if ((index = ref_index(info, frames[i])) < 0)
            return hevc_error(decoder, "a reference picture set names one picture twice");
        indices[i] = index;
    }
    return true;
}

/* C.5.2.3: after decoding, the picture waits for output (PicOutputFlag) and is a short-term
 * reference until a later RPS says otherwise; then bump while too many pictures wait. */
static bool store_picture(struct hevc_decoder *decoder)
{
    struct hevc_current_picture *pic = &decoder->pic;
    struct hevc_frame *frame;
    unsigned int i;

    if (pic->output_flag)
    {
        for (i = 0; i < HEVC_MAX_FRAMES; ++i)
        {
            frame = &decoder->frames[i];
            if (frame->used && frame != pic->frame && frame->needed_for_output && frame->poc > pic->poc)
                ++frame->latency_count;
        }
    }
    pic->frame->needed_for_output = pic->output_flag;
    pic->frame->latency_count = 0;
    pic->frame->short_ref = true;
    return bump_while_needed(decoder, false);
}

static bool finish_picture(struct hevc_decoder *decoder)
{
    struct hevc_current_picture *pic = &decoder->pic;
    const struct hevc_slice_header *header = &pic->header;
    struct hevc_picture_info info;
    struct codec_picture picture;
    struct hevc_frame *frame;
    unsigned int i;

    if (!pic->active)
        return true;
    pic->active = false;
    if (pic->skipped)
        return true;

    memset(&info, 0, sizeof(info));
    info.sps = pic->sps;
    info.pps = pic->pps;
    info.header = header;
    info.surface = pic->frame->surface;
    info.poc = pic->poc;
    info.intra = pic->intra;
    info.status_report_number = pic->index + 1;
    for (i = 0; i < HEVC_MAX_FRAMES; ++i)
    {
        frame = &decoder->frames[i];
        if (!frame->used || frame == pic->frame || !frame_is_ref(frame))
            continue;
        if (info.ref_count == HEVC_MAX_DXVA_REFS)
            return hevc_error(decoder, "more than 15 reference pictures");
        info.refs[info.ref_count].surface = frame->surface;
        info.refs[info.ref_count].poc = frame->poc;
        info.refs[info.ref_count++].long_term = frame->long_ref;
    }
    info.st_curr_before_count = pic->st_curr_before_count;
    info.st_curr_after_count = pic->st_curr_after_count;
    info.lt_curr_count = pic->lt_curr_count;
    if (!fill_ref_set(decoder, &info, pic->st_curr_before, pic->st_curr_before_count, info.st_curr_before)
            || !fill_ref_set(decoder, &info, pic->st_curr_after, pic->st_curr_after_count, info.st_curr_after)
            || !fill_ref_set(decoder, &info, pic->lt_curr, pic->lt_curr_count, info.lt_curr))
        return false;
    hevc_fill_picture_parameters(&info, &decoder->pic_params);
    hevc_fill_quantization_matrix(&info, &decoder->qmatrix);

    memset(&picture, 0, sizeof(picture));
    picture.index = pic->index;
    picture.surface = pic->frame->surface;
    picture.buffers[picture.buffer_count].type = D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS;
    picture.buffers[picture.buffer_count].data = &decoder->pic_params;
    picture.buffers[picture.buffer_count++].size = sizeof(decoder->pic_params);
    /* Like FFmpeg's DXVA client, the matrices only go with scaling_list_enabled_flag. */
    if (pic->sps->scaling_list_enabled_flag)
    {
        picture.buffers[picture.buffer_count].type = D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX;
        picture.buffers[picture.buffer_count].data = &decoder->qmatrix;
        picture.buffers[picture.buffer_count++].size = sizeof(decoder->qmatrix);
    }
    picture.buffers[picture.buffer_count].type = D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL;
    picture.buffers[picture.buffer_count].data = pic->slices;
    picture.buffers[picture.buffer_count++].size = pic->slice_count * sizeof(*pic->slices);
    picture.buffers[picture.buffer_count].type = D3D11_VIDEO_DECODER_BUFFER_BITSTREAM;
    picture.buffers[picture.buffer_count].data = pic->bitstream;
    picture.buffers[picture.buffer_count++].size = pic->bitstream_size;
    if (!decoder->callbacks.decode_picture(decoder->callbacks.context, &picture))
        return false;

    /* 8.3.1: prevTid0Pic is the previous TemporalId 0 picture that is not a RASL, RADL or
     * sub-layer non-reference picture. */
    if (!header->temporal_id && !hevc_is_rasl(header->nal_unit_type) && !hevc_is_radl(header->nal_unit_type)
            && !hevc_is_sub_layer_non_ref(header->nal_unit_type))
        decoder->prev_tid0_poc = pic->poc;
    return store_picture(decoder);
}

static bool hevc_decode_slice(struct hevc_decoder *decoder, const struct bitstream_nal *nal,
        uint8_t nal_unit_type, uint8_t temporal_id, size_t rbsp_size)
{
    struct hevc_slice_header header;
    const char *error;

    if (!hevc_parse_slice_header(decoder->rbsp, rbsp_size, nal_unit_type, temporal_id, decoder->sps,
            decoder->pps, &header, &error))
        return hevc_error(decoder, error);
    if (header.first_slice_segment_in_pic_flag)
    {
        if (!finish_picture(decoder) || !start_picture(decoder, &header))
            return false;
    }
    else if (!decoder->pic.active)
    {
        fprintf(stderr, "frame %u: warning: a slice segment without the start of its picture, skipped.\n",
                decoder->picture_count);
        return true;
    }
    else if (header.pps_id != decoder->pic.header.pps_id || nal_unit_type != decoder->pic.header.nal_unit_type)
    {
        /* 7.4.6.1 / 7.4.2.2: every slice of a picture has the same PPS and NAL unit type. */
        return hevc_error(decoder, "the slices of a picture differ in PPS or NAL unit type");
    }
    if (decoder->pic.skipped)
        return true;
    return append_slice(decoder, nal, &header);
}

static bool hevc_decode_nal(struct codec *codec, const struct bitstream_nal *nal)
{
    struct hevc_decoder *decoder = hevc_decoder_from_codec(codec);
    uint8_t nal_unit_type, layer_id, temporal_id_plus1;
    struct hevc_sps sps;
    struct hevc_pps pps;
    const char *error;
    size_t rbsp_size;
    void *data;

    if (nal->size < 2)
        return true;
    if (nal->data[0] & 0x80)
        return hevc_error(decoder, "forbidden_zero_bit is set (not an H.265 stream?)");
    nal_unit_type = (nal->data[0] >> 1) & 0x3f;
    layer_id = ((nal->data[0] & 1) << 5) | (nal->data[1] >> 3);
    temporal_id_plus1 = nal->data[1] & 7;
    if (!temporal_id_plus1)
        return hevc_error(decoder, "nuh_temporal_id_plus1 is 0 (not an H.265 stream?)");
    /* The base layer only (F.7.4.2.2 lets a single-layer decoder drop the others). */
    if (layer_id)
        return true;
    if (nal->size > decoder->rbsp_size)
    {
        if (!(data = realloc(decoder->rbsp, nal->size)))
            return hevc_error(decoder, "out of memory");
        decoder->rbsp = data;
        decoder->rbsp_size = nal->size;
    }
    rbsp_size = bitstream_extract_rbsp(nal->data + 2, nal->size - 2, decoder->rbsp);

    if (nal_unit_type <= HEVC_NAL_RASL_R || (nal_unit_type >= HEVC_NAL_BLA_W_LP && nal_unit_type <= HEVC_NAL_CRA_NUT))
        return hevc_decode_slice(decoder, nal, nal_unit_type, temporal_id_plus1 - 1, rbsp_size);
    /* 7.4.2.4.4: these start a new access unit. */
    if ((nal_unit_type >= 41 && nal_unit_type <= 44) || (nal_unit_type >= 48 && nal_unit_type <= 55))
        return finish_picture(decoder);

    switch (nal_unit_type)
    {
        case HEVC_NAL_SPS:
            if (!finish_picture(decoder))
                return false;
            if (!hevc_parse_sps(decoder->rbsp, rbsp_size, &sps, &error))
            {
                fprintf(stderr, "frame %u: warning: %s, ignored.\n", decoder->picture_count, error);
                return true;
            }
            decoder->sps[sps.sps_id] = sps;
            return true;

        case HEVC_NAL_PPS:
            if (!finish_picture(decoder))
                return false;
            if (!hevc_parse_pps(decoder->rbsp, rbsp_size, &pps, &error))
            {
                fprintf(stderr, "frame %u: warning: %s, ignored.\n", decoder->picture_count, error);
                return true;
            }
            decoder->pps[pps.pps_id] = pps;
            return true;

        case HEVC_NAL_EOS:
        case HEVC_NAL_EOB:
            /* The coded video sequence ends; the next picture starts a new one with
             * NoRaslOutputFlag (8.1.3). What still waits for output then goes out unless that
             * picture is a CRA picture (C.5.2.2), as in the HM and FFmpeg. */
            if (!finish_picture(decoder))
                return false;
            decoder->after_eos = true;
            return true;

        case HEVC_NAL_VPS:
        case HEVC_NAL_AUD:
        case HEVC_NAL_SEI_PREFIX:
            /* They start a new access unit too. The VPS carries nothing a single-layer
             * decoder needs. */
            return finish_picture(decoder);

        default:
            /* Reserved VCL types (ignored, 7.4.2.2), filler data, suffix SEI. */
            return true;
    }
}

static bool hevc_flush(struct codec *codec)
{
    struct hevc_decoder *decoder = hevc_decoder_from_codec(codec);

    if (!finish_picture(decoder))
        return false;
    return flush_output(decoder);
}

static void hevc_destroy(struct codec *codec)
{
    struct hevc_decoder *decoder = hevc_decoder_from_codec(codec);

    free(decoder->pic.bitstream);
    free(decoder->pic.slices);
    free(decoder->rbsp);
    free(decoder);
}

static struct codec *hevc_create(const struct codec_callbacks *callbacks)
{
    struct hevc_decoder *decoder;

    if (!(decoder = calloc(1, sizeof(*decoder))))
        return NULL;
    decoder->codec.ops = &hevc_codec_ops;
    decoder->callbacks = *callbacks;
    free_all_frames(decoder);
    return &decoder->codec;
}

const struct codec_ops hevc_codec_ops =
{
    .name = "hevc",
    .create = hevc_create,
    .destroy = hevc_destroy,
    .decode_nal = hevc_decode_nal,
    .flush = hevc_flush,
    .dump_picture = hevc_dump_picture,
};
