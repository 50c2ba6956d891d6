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

/* The H.264 decoding processes a DXVA host decoder runs itself: picture boundaries
 * (7.4.1.2.4), picture order count (8.2.1), frame_num gaps (8.2.5.2), reference picture
 * marking (8.2.5.3, 8.2.5.4), the output order of the decoded picture buffer (C.4) and the
 * assignment of surfaces; each picture goes to the decode callback as DXVA buffers. */

#include "h264.h"
#include <stdlib.h>
#include <string.h>

#define H264_NO_SURFACE (-1)

struct h264_current_picture
{
    bool active;
    unsigned int index;
    struct h264_slice_header header;
    const struct h264_sps *sps;
    const struct h264_pps *pps;
    unsigned int structure;
    bool second_field;
    bool has_mmco5;
    struct h264_frame_store *store;
    int32_t poc[2];
    int32_t poc_msb;
    int64_t frame_num_offset;
    bool intra;

    uint8_t *bitstream;
    size_t bitstream_size;
    size_t bitstream_capacity;
    DXVA_Slice_H264_Short *slices;
    size_t slices_size;
    size_t slice_count;
};

struct h264_decoder
{
    struct codec codec;
    struct codec_callbacks callbacks;

    struct h264_sps sps[H264_MAX_SPS_COUNT];
    struct h264_pps pps[H264_MAX_PPS_COUNT];
    uint8_t *rbsp;
    size_t rbsp_size;

    /* The active sequence. */
    bool have_sequence;
    struct h264_sps active_sps;
    unsigned int dpb_size;
    unsigned int max_num_reorder_frames;
    unsigned int surface_count;
    unsigned int next_surface;

    struct h264_frame_store stores[H264_MAX_FRAME_STORES];
    struct h264_frame_store *pending_field;     /* a first field waiting for its second field */
    unsigned int max_long_term_frame_idx_plus1; /* 0: "no long-term frame indices" */

    /* 8.2.1 and 7.4.3 state carried from picture to picture. */
    bool have_prev_ref;
    unsigned int prev_ref_frame_num;
    int32_t prev_poc_msb;
    int32_t prev_poc_lsb;
    unsigned int prev_frame_num;
    int64_t prev_frame_num_offset;

    struct h264_current_picture pic;
    unsigned int picture_count;
    DXVA_PicParams_H264 pic_params;
    DXVA_Qmatrix_H264 qmatrix;
};

static struct h264_decoder *h264_decoder_from_codec(struct codec *codec)
{
    return (struct h264_decoder *)((char *)codec - offsetof(struct h264_decoder, codec));
}

static bool h264_error(struct h264_decoder *decoder, const char *message)
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

/* PicOrderCnt() of a frame store, 8.2.1 (8-1). */
static int32_t store_poc(const struct h264_frame_store *store)
{
    if (store->fields == H264_FIELD_TOP)
        return store->poc[0];
    if (store->fields == H264_FIELD_BOTTOM)
        return store->poc[1];
    return store->poc[0] < store->poc[1] ? store->poc[0] : store->poc[1];
}

static bool store_is_ref(const struct h264_frame_store *store)
{
    return store->short_ref || store->long_ref;
}

static void free_store(struct h264_frame_store *store)
{
    memset(store, 0, sizeof(*store));
    store->surface = H264_NO_SURFACE;
}

static unsigned int dpb_fullness(const struct h264_decoder *decoder)
{
    unsigned int i, count = 0;

    for (i = 0; i < H264_MAX_FRAME_STORES; ++i)
        count += decoder->stores[i].in_dpb;
    return count;
}

/* Allocates a frame store and a surface that no frame store holds. */
static struct h264_frame_store *alloc_store(struct h264_decoder *decoder)
{
    bool busy[H264_MAX_FRAME_STORES + 3] = {0};
    struct h264_frame_store *store = NULL;
    unsigned int i;
    int surface;

    for (i = 0; i < H264_MAX_FRAME_STORES; ++i)
    {
        if (decoder->stores[i].used)
        {
            if (decoder->stores[i].surface >= 0)
                busy[decoder->stores[i].surface] = true;
        }
        else if (!store)
        {
            store = &decoder->stores[i];
        }
    }
    if (!store)
        return NULL;
    if ((surface = codec_pick_surface(busy, decoder->surface_count, &decoder->next_surface)) < 0)
        return NULL;
    free_store(store);
    store->used = true;
    store->surface = surface;
    return store;
}

static bool output_store(struct h264_decoder *decoder, struct h264_frame_store *store)
{
    store->needed_for_output = false;
    return decoder->callbacks.output_picture(decoder->callbacks.context, store->surface, store_poc(store));
}

/* C.4.5.3 "bumping": outputs the picture that comes first in output order and empties its
 * frame store when it is no longer used for reference. A first field that still waits for
 * its second field is left alone unless flushing. Returns false when nothing was output;
 * *error tells a failed output apart. */
static bool bump(struct h264_decoder *decoder, bool flushing, bool *error)
{
    struct h264_frame_store *store, *best = NULL;
    unsigned int i;

    for (i = 0; i < H264_MAX_FRAME_STORES; ++i)
    {
        store = &decoder->stores[i];
        if (!store->in_dpb || !store->needed_for_output || (store == decoder->pending_field && !flushing))
            continue;
        if (!best || store_poc(store) < store_poc(best))
            best = store;
    }
    if (!best)
        return false;
    if (!output_store(decoder, best))
    {
        *error = true;
        return false;
    }
    if (!store_is_ref(best) && best != decoder->pending_field)
        free_store(best);
    return true;
}

/* Outputs everything waiting for output, in output order (C.4.4, C.4.5.3 at IDR, MMCO5 and
 * the end of the stream). */
static bool flush_output(struct h264_decoder *decoder)
{
    bool error = false;

    while (bump(decoder, true, &error))
        ;
    return !error;
}

static void remove_unused_stores(struct h264_decoder *decoder)
{
    struct h264_frame_store *store;
    unsigned int i;

    for (i = 0; i < H264_MAX_FRAME_STORES; ++i)
    {
        store = &decoder->stores[i];
        if (store->in_dpb && !store_is_ref(store) && !store->needed_for_output && store != decoder->pending_field)
            free_store(store);
    }
}

/* Makes room for one more frame store (C.4.5.1, C.4.5.2). */
static bool make_room(struct h264_decoder *decoder)
{
    bool error = false;

    while (dpb_fullness(decoder) >= decoder->dpb_size)
    {
        if (!bump(decoder, false, &error))
            break;
    }
    return !error;
}

/* Bumps while more pictures wait for output than the stream allows to be reordered. */
static bool limit_reordering(struct h264_decoder *decoder)
{
    unsigned int i, count;
    bool error = false;

    for (;;)
    {
        for (i = 0, count = 0; i < H264_MAX_FRAME_STORES; ++i)
            count += decoder->stores[i].in_dpb && decoder->stores[i].needed_for_output;
        if (count <= decoder->max_num_reorder_frames || !bump(decoder, false, &error))
            break;
    }
    return !error;
}

static void update_frame_num_wrap(struct h264_decoder *decoder, unsigned int frame_num)
{
    unsigned int i, max_frame_num = 1u << (decoder->active_sps.log2_max_frame_num_minus4 + 4);
    struct h264_frame_store *store;

    /* 8.2.4.1 (8-27). */
    for (i = 0; i < H264_MAX_FRAME_STORES; ++i)
    {
        store = &decoder->stores[i];
        if (!store->in_dpb || !store->short_ref)
            continue;
        store->frame_num_wrap = store->frame_num > frame_num ? (int32_t)store->frame_num - (int32_t)max_frame_num
                : (int32_t)store->frame_num;
    }
}

/* 8.2.5.3 sliding window; also used to keep a non-conforming stream within its limits. */
static void sliding_window(struct h264_decoder *decoder, const struct h264_frame_store *current,
        unsigned int frame_num)
{
    unsigned int i, count, max_refs = decoder->active_sps.max_num_ref_frames;
    struct h264_frame_store *store, *oldest;

    if (!max_refs)
        max_refs = 1;
    update_frame_num_wrap(decoder, frame_num);
    for (;;)
    {
        oldest = NULL;
        for (i = 0, count = 0; i < H264_MAX_FRAME_STORES; ++i)
        {
            store = &decoder->stores[i];
            if (!store->in_dpb || store == current || !store_is_ref(store))
                continue;
            ++count;
            if (store->short_ref && !store->long_ref && (!oldest || store->frame_num_wrap < oldest->frame_num_wrap))
                oldest = store;
        }
        if (count < max_refs || !oldest)
            return;
        oldest->short_ref = 0;
    }
}

/* 8.2.4.1: PicNum / LongTermPicNum of the fields of a store, for a field of parity
 * "structure", or of the frame. Returns the store and field mask matching pic_num. */
static struct h264_frame_store *find_pic(struct h264_decoder *decoder, unsigned int structure, int64_t pic_num,
        bool long_term, unsigned int *fields)
{
    struct h264_frame_store *store;
    unsigned int i, refs;
    int64_t base;

    for (i = 0; i < H264_MAX_FRAME_STORES; ++i)
    {
        store = &decoder->stores[i];
        if (!store->in_dpb)
            continue;
        refs = long_term ? store->long_ref : store->short_ref;
        base = long_term ? (int64_t)store->long_term_frame_idx : store->frame_num_wrap;
        if (structure == H264_FRAME)
        {
            if (refs == H264_FRAME && base == pic_num)
            {
                *fields = H264_FRAME;
                return store;
            }
            continue;
        }
        /* Same parity: 2 * FrameNumWrap + 1; opposite parity: 2 * FrameNumWrap (8-30, 8-31). */
        if ((refs & structure) && 2 * base + 1 == pic_num)
        {
            *fields = structure;
            return store;
        }
        if ((refs & (structure ^ H264_FRAME)) && 2 * base == pic_num)
        {
            *fields = structure ^ H264_FRAME;
            return store;
        }
    }
    return NULL;
}

/* Frees LongTermFrameIdx idx for a picture of "store" (8.2.5.4.3, 8.2.5.4.6). */
static void release_long_term_idx(struct h264_decoder *decoder, const struct h264_frame_store *keep,
        unsigned int idx)
{
    struct h264_frame_store *store;
    unsigned int i;

    for (i = 0; i < H264_MAX_FRAME_STORES; ++i)
    {
        store = &decoder->stores[i];
        if (store->in_dpb && store != keep && store->long_ref && store->long_term_frame_idx == idx)
            store->long_ref = 0;
    }
}

/* 8.2.5.4 adaptive memory control. Returns whether the current picture was marked long-term. */
static bool adaptive_marking(struct h264_decoder *decoder)
{
    struct h264_current_picture *pic = &decoder->pic;
    const struct h264_slice_header *header = &pic->header;
    struct h264_frame_store *store, *current = pic->store;
    unsigned int i, j, fields;
    bool current_long = false;
    int64_t curr_pic_num;
    const struct h264_mmco *mmco;

    curr_pic_num = pic->structure == H264_FRAME ? header->frame_num : 2 * header->frame_num + 1;
    update_frame_num_wrap(decoder, header->frame_num);
    for (i = 0; i < header->mmco_count; ++i)
    {
        mmco = &header->mmco[i];
        switch (mmco->operation)
        {
            case 1:     /* 8.2.5.4.1 */
            case 3:     /* 8.2.5.4.3 */
                store = find_pic(decoder, pic->structure, curr_pic_num - (mmco->difference_of_pic_nums_minus1 + 1ll),
                        false, &fields);
                if (!store)
                {
                    fprintf(stderr, "frame %u: warning: MMCO %u names a missing picture.\n", pic->index,
                            mmco->operation);
                    break;
                }
                store->short_ref &= ~fields;
                if (mmco->operation == 1)
                    break;
                if (mmco->long_term_frame_idx >= decoder->max_long_term_frame_idx_plus1)
                    fprintf(stderr, "frame %u: warning: LongTermFrameIdx out of range.\n", pic->index);
                release_long_term_idx(decoder, store, mmco->long_term_frame_idx);
                if (store->long_ref && store->long_term_frame_idx != mmco->long_term_frame_idx)
                    store->long_ref = 0;
                store->long_ref |= fields;
                store->long_term_frame_idx = mmco->long_term_frame_idx;
                break;

            case 2:     /* 8.2.5.4.2 */
                if ((store = find_pic(decoder, pic->structure, mmco->long_term_pic_num, true, &fields)))
                    store->long_ref &= ~fields;
                break;

            case 4:     /* 8.2.5.4.4 */
                decoder->max_long_term_frame_idx_plus1 = mmco->max_long_term_frame_idx_plus1;
                for (j = 0; j < H264_MAX_FRAME_STORES; ++j)
                {
                    store = &decoder->stores[j];
                    if (store->in_dpb && store->long_ref
                            && store->long_term_frame_idx >= decoder->max_long_term_frame_idx_plus1)
                        store->long_ref = 0;
                }
                break;

            case 5:     /* 8.2.5.4.5 */
                for (j = 0; j < H264_MAX_FRAME_STORES; ++j)
                {
                    store = &decoder->stores[j];
                    if (store != current)
                        store->short_ref = store->long_ref = 0;
                }
                decoder->max_long_term_frame_idx_plus1 = 0;
                break;

            case 6:     /* 8.2.5.4.6 */
                release_long_term_idx(decoder, current, mmco->long_term_frame_idx);
                if (current->long_ref && current->long_term_frame_idx != mmco->long_term_frame_idx)
                    current->long_ref = 0;
                current->long_ref |= pic->structure;
                current->short_ref &= ~pic->structure;
                current->long_term_frame_idx = mmco->long_term_frame_idx;
                current_long = true;
                break;
        }
    }
    return current_long;
}

/* 8.2.5.1: marks the decoded reference picture and the others. */
static void mark_references(struct h264_decoder *decoder)
{
    struct h264_current_picture *pic = &decoder->pic;
    struct h264_frame_store *store, *current = pic->store;
    bool current_long = false;
    unsigned int i;

    if (pic->header.nal_unit_type == H264_NAL_SLICE_IDR)
    {
        for (i = 0; i < H264_MAX_FRAME_STORES; ++i)
        {
            store = &decoder->stores[i];
            if (store != current)
                store->short_ref = store->long_ref = 0;
        }
        if (pic->header.long_term_reference_flag)
        {
            current->long_ref |= pic->structure;
            current->long_term_frame_idx = 0;
            decoder->max_long_term_frame_idx_plus1 = 1;
            current_long = true;
        }
        else
        {
            decoder->max_long_term_frame_idx_plus1 = 0;
        }
    }
    else if (pic->header.adaptive_ref_pic_marking_mode_flag)
    {
        current_long = adaptive_marking(decoder);
    }
    else if (!(pic->second_field && current->short_ref))
    {
        /* 8.2.5.3: not for the second field of a pair whose first field is short-term. */
        sliding_window(decoder, current, pic->header.frame_num);
    }
    if (!current_long)
    {
        current->short_ref |= pic->structure;
        current->frame_num = pic->header.frame_num;
    }
    /* More references than allowed only happen in broken streams; keep within DXVA's 16. */
    if (!pic->second_field)
        sliding_window(decoder, current, pic->header.frame_num);
}

/* 8.2.5.2: frame_num gaps produce "non-existing" short-term frames, never output. */
static bool fill_frame_num_gap(struct h264_decoder *decoder, const struct h264_slice_header *header)
{
    const struct h264_sps *sps = &decoder->active_sps;
    unsigned int max_frame_num = 1u << (sps->log2_max_frame_num_minus4 + 4);
    unsigned int frame_num, gap, skip, max_refs;
    struct h264_frame_store *store;

    frame_num = (decoder->prev_ref_frame_num + 1) % max_frame_num;
    if (header->frame_num == decoder->prev_ref_frame_num || header->frame_num == frame_num)
        return true;
    if (!sps->gaps_in_frame_num_value_allowed_flag)
        fprintf(stderr, "frame %u: warning: frame_num gap (lost pictures?), inferring the missing frames.\n",
                decoder->pic.index);
    gap = (header->frame_num + max_frame_num - frame_num) % max_frame_num;
    max_refs = sps->max_num_ref_frames ? sps->max_num_ref_frames : 1;
    /* Only the last max_num_ref_frames frames can survive the sliding window. */
    skip = gap > max_refs ? gap - max_refs : 0;
    for (; frame_num != header->frame_num; frame_num = (frame_num + 1) % max_frame_num)
    {
        /* 8.2.1.2: FrameNumOffset of the inferred frame. */
        if (decoder->prev_frame_num > frame_num)
            decoder->prev_frame_num_offset += max_frame_num;
        decoder->prev_frame_num = frame_num;
        decoder->prev_ref_frame_num = frame_num;
        if (skip)
        {
            --skip;
            continue;
        }
        sliding_window(decoder, NULL, frame_num);
        remove_unused_stores(decoder);
        if (!make_room(decoder))
            return false;
        if (!(store = alloc_store(decoder)))
            return h264_error(decoder, "no free surface for a frame_num gap frame");
        store->in_dpb = true;
        store->non_existing = true;
        store->fields = H264_FRAME;
        store->short_ref = H264_FRAME;
        store->frame_num = frame_num;
        store->decode_index = decoder->pic.index;
    }
    return true;
}

/* 8.2.1: TopFieldOrderCnt and BottomFieldOrderCnt of the current picture. */
static void compute_poc(struct h264_decoder *decoder)
{
    struct h264_current_picture *pic = &decoder->pic;
    const struct h264_slice_header *header = &pic->header;
    const struct h264_sps *sps = pic->sps;
    int64_t max_lsb, msb, lsb, prev_msb, prev_lsb, abs_frame_num, expected, top = 0, bottom = 0;
    unsigned int max_frame_num = 1u << (sps->log2_max_frame_num_minus4 + 4);
    int64_t cycle_count, in_cycle, i;
    bool idr = header->nal_unit_type == H264_NAL_SLICE_IDR;

    if (sps->pic_order_cnt_type == 0)
    {
        /* 8.2.1.1 */
        max_lsb = 1ll << (sps->log2_max_pic_order_cnt_lsb_minus4 + 4);
        prev_msb = idr ? 0 : decoder->prev_poc_msb;
        prev_lsb = idr ? 0 : decoder->prev_poc_lsb;
        lsb = header->pic_order_cnt_lsb;
        if (lsb < prev_lsb && prev_lsb - lsb >= max_lsb / 2)
            msb = prev_msb + max_lsb;
        else if (lsb > prev_lsb && lsb - prev_lsb > max_lsb / 2)
            msb = prev_msb - max_lsb;
        else
            msb = prev_msb;
        pic->poc_msb = clamp_poc(msb);
        top = msb + lsb;
        bottom = pic->structure == H264_FRAME ? top + header->delta_pic_order_cnt_bottom : msb + lsb;
    }
    else
    {
        /* 8.2.1.2 / 8.2.1.3: FrameNumOffset. */
        if (idr)
            pic->frame_num_offset = 0;
        else if (decoder->prev_frame_num > header->frame_num)
            pic->frame_num_offset = decoder->prev_frame_num_offset + max_frame_num;
        else
            pic->frame_num_offset = decoder->prev_frame_num_offset;
    }
    if (sps->pic_order_cnt_type == 1)
    {
        abs_frame_num = sps->num_ref_frames_in_pic_order_cnt_cycle ? pic->frame_num_offset + header->frame_num : 0;
        if (!header->nal_ref_idc && abs_frame_num > 0)
            --abs_frame_num;
        expected = 0;
        if (abs_frame_num > 0)
        {
            cycle_count = (abs_frame_num - 1) / sps->num_ref_frames_in_pic_order_cnt_cycle;
            in_cycle = (abs_frame_num - 1) % sps->num_ref_frames_in_pic_order_cnt_cycle;
            expected = cycle_count * sps->expected_delta_per_pic_order_cnt_cycle;
            for (i = 0; i <= in_cycle; ++i)
                expected += sps->offset_for_ref_frame[i];
        }
        if (!header->nal_ref_idc)
            expected += sps->offset_for_non_ref_pic;
        if (pic->structure == H264_FRAME)
        {
            top = expected + header->delta_pic_order_cnt[0];
            bottom = top + sps->offset_for_top_to_bottom_field + header->delta_pic_order_cnt[1];
        }
        else if (pic->structure == H264_FIELD_TOP)
        {
            top = expected + header->delta_pic_order_cnt[0];
        }
        else
        {
            bottom = expected + sps->offset_for_top_to_bottom_field + header->delta_pic_order_cnt[0];
        }
    }
    else if (sps->pic_order_cnt_type == 2)
    {
        if (idr)
            top = 0;
        else if (!header->nal_ref_idc)
            top = 2 * (pic->frame_num_offset + header->frame_num) - 1;
        else
            top = 2 * (pic->frame_num_offset + header->frame_num);
        bottom = top;
    }
    pic->poc[0] = pic->structure & H264_FIELD_TOP ? clamp_poc(top) : 0;
    pic->poc[1] = pic->structure & H264_FIELD_BOTTOM ? clamp_poc(bottom) : 0;
}

static bool check_support(struct h264_decoder *decoder, const struct h264_sps *sps, const struct h264_pps *pps,
        const struct h264_slice_header *header)
{
    char message[128];

    if (pps->num_slice_groups_minus1)
        return h264_error(decoder, "slice groups (FMO) are not supported");
    if (header->slice_type == H264_SLICE_SP || header->slice_type == H264_SLICE_SI)
        return h264_error(decoder, "SP/SI slices (Extended profile) are not supported");
    if (sps->separate_colour_plane_flag)
        return h264_error(decoder, "separate colour planes are not supported");
    if (sps->chroma_format_idc != 1)
    {
        snprintf(message, sizeof(message), "chroma format %s is not supported (only 4:2:0)",
                sps->chroma_format_idc ? (sps->chroma_format_idc == 2 ? "4:2:2" : "4:4:4") : "4:0:0");
        return h264_error(decoder, message);
    }
    if (sps->bit_depth_luma_minus8 || sps->bit_depth_chroma_minus8)
    {
        snprintf(message, sizeof(message), "bit depth %u/%u is not supported (only 8)",
                sps->bit_depth_luma_minus8 + 8, sps->bit_depth_chroma_minus8 + 8);
        return h264_error(decoder, message);
    }
    if (sps->qpprime_y_zero_transform_bypass_flag)
        return h264_error(decoder, "lossless (qpprime_y_zero_transform_bypass) is not supported");
    return true;
}

/* Starts a new coded video sequence when the picture size or DPB needs change. */
static bool activate_sps(struct h264_decoder *decoder, const struct h264_sps *sps)
{
    const struct h264_sps *old = &decoder->active_sps;
    struct codec_sequence sequence;
    unsigned int dpb_size, crop_unit_x, crop_unit_y, i;

    dpb_size = h264_get_dpb_size(sps);
    if (decoder->have_sequence && old->pic_width_in_mbs == sps->pic_width_in_mbs
            && old->frame_height_in_mbs == sps->frame_height_in_mbs && dpb_size <= decoder->dpb_size
            && old->frame_crop_left_offset == sps->frame_crop_left_offset
            && old->frame_crop_right_offset == sps->frame_crop_right_offset
            && old->frame_crop_top_offset == sps->frame_crop_top_offset
            && old->frame_crop_bottom_offset == sps->frame_crop_bottom_offset
            && old->frame_mbs_only_flag == sps->frame_mbs_only_flag)
    {
        decoder->active_sps = *sps;
        decoder->max_num_reorder_frames = sps->bitstream_restriction_flag ? sps->max_num_reorder_frames : dpb_size;
        if (decoder->max_num_reorder_frames > decoder->dpb_size)
            decoder->max_num_reorder_frames = decoder->dpb_size;
        return true;
    }
    if (decoder->have_sequence)
    {
        if (!flush_output(decoder))
            return false;
        for (i = 0; i < H264_MAX_FRAME_STORES; ++i)
            free_store(&decoder->stores[i]);
        decoder->pending_field = NULL;
    }
    decoder->active_sps = *sps;
    decoder->dpb_size = dpb_size;
    decoder->max_num_reorder_frames = sps->bitstream_restriction_flag ? sps->max_num_reorder_frames : dpb_size;
    if (decoder->max_num_reorder_frames > dpb_size)
        decoder->max_num_reorder_frames = dpb_size;
    /* The DPB, the picture being decoded and one spare (ArraySize >= DPB size + 2). */
    decoder->surface_count = dpb_size + 2;
    decoder->next_surface = 0;
    decoder->have_prev_ref = false;

    /* 7.4.2.1.1: CropUnitX, CropUnitY for 4:2:0. */
    crop_unit_x = 2;
    crop_unit_y = 2 * (2 - sps->frame_mbs_only_flag);
    memset(&sequence, 0, sizeof(sequence));
    sequence.profile = &D3D11_DECODER_PROFILE_H264_VLD_NOFGT;
    sequence.profile_name = "D3D11_DECODER_PROFILE_H264_VLD_NOFGT";
    sequence.format = DXGI_FORMAT_NV12;
    sequence.width = 16 * sps->pic_width_in_mbs;
    sequence.height = 16 * sps->frame_height_in_mbs;
    sequence.surface_count = decoder->surface_count;
    sequence.bit_depth = 8;
    sequence.crop_x = crop_unit_x * sps->frame_crop_left_offset;
    sequence.crop_y = crop_unit_y * sps->frame_crop_top_offset;
    sequence.crop_width = sequence.width - crop_unit_x * (sps->frame_crop_left_offset + sps->frame_crop_right_offset);
    sequence.crop_height = sequence.height - crop_unit_y * (sps->frame_crop_top_offset
            + sps->frame_crop_bottom_offset);
    decoder->have_sequence = true;
    return decoder->callbacks.start_sequence(decoder->callbacks.context, &sequence);
}

/* 7.4.1.2.4: whether a slice belongs to a new primary coded picture. */
static bool is_new_picture(const struct h264_current_picture *pic, const struct h264_slice_header *header)
{
    const struct h264_slice_header *first = &pic->header;

    if (header->frame_num != first->frame_num || header->pps_id != first->pps_id
            || header->field_pic_flag != first->field_pic_flag || header->bottom_field_flag != first->bottom_field_flag
            || !header->nal_ref_idc != !first->nal_ref_idc
            || (header->nal_unit_type == H264_NAL_SLICE_IDR) != (first->nal_unit_type == H264_NAL_SLICE_IDR)
            || header->idr_pic_id != first->idr_pic_id)
        return true;
    if (pic->sps->pic_order_cnt_type == 0 && (header->pic_order_cnt_lsb != first->pic_order_cnt_lsb
            || header->delta_pic_order_cnt_bottom != first->delta_pic_order_cnt_bottom))
        return true;
    if (pic->sps->pic_order_cnt_type == 1 && (header->delta_pic_order_cnt[0] != first->delta_pic_order_cnt[0]
            || header->delta_pic_order_cnt[1] != first->delta_pic_order_cnt[1]))
        return true;
    /* Two slices starting at macroblock 0 cannot be in one picture. */
    return !header->first_mb_in_slice;
}

static bool start_picture(struct h264_decoder *decoder, const struct h264_slice_header *header)
{
    struct h264_current_picture *pic = &decoder->pic;
    struct h264_frame_store *pending;
    const struct h264_pps *pps;
    const struct h264_sps *sps;
    unsigned int i;

    pps = &decoder->pps[header->pps_id];
    sps = &decoder->sps[pps->sps_id];
    pic->active = true;
    pic->index = decoder->picture_count++;
    pic->header = *header;
    pic->sps = sps;
    pic->pps = pps;
    pic->structure = header->field_pic_flag ? (header->bottom_field_flag ? H264_FIELD_BOTTOM : H264_FIELD_TOP)
            : H264_FRAME;
    pic->intra = true;
    pic->has_mmco5 = false;
    pic->second_field = false;
    pic->store = NULL;
    pic->bitstream_size = 0;
    pic->slice_count = 0;
    for (i = 0; i < header->mmco_count; ++i)
        pic->has_mmco5 |= header->mmco[i].operation == 5;

    if (!check_support(decoder, sps, pps, header))
        return false;
    if (header->nal_unit_type == H264_NAL_SLICE_IDR || !decoder->have_sequence)
    {
        if (!activate_sps(decoder, sps))
            return false;
    }
    else if (memcmp(sps, &decoder->active_sps, sizeof(*sps)))
    {
        /* 7.4.1.2.1: a new SPS is only activated at an IDR picture. */
        if (sps->pic_width_in_mbs != decoder->active_sps.pic_width_in_mbs
                || sps->frame_height_in_mbs != decoder->active_sps.frame_height_in_mbs)
            return h264_error(decoder, "the picture size changes at a non-IDR picture");
        if (!activate_sps(decoder, sps))
            return false;
    }

    /* A field of opposite parity right after a first field, with the same frame_num, is its
     * second field and goes into the same surface (7.4.3 field pairs, C.4.5). */
    pending = decoder->pending_field;
    decoder->pending_field = NULL;
    if (pending && pic->structure != H264_FRAME && !(pending->fields & pic->structure)
            && pending->frame_num == header->frame_num && pending->in_dpb
            && (pending->idr || header->nal_unit_type != H264_NAL_SLICE_IDR))
    {
        pic->second_field = true;
        pic->store = pending;
        decoder->pending_field = pending;
    }
    else if (pending && !pending->needed_for_output && !store_is_ref(pending))
    {
        free_store(pending);
    }

    if (!pic->second_field)
    {
        if (header->nal_unit_type == H264_NAL_SLICE_IDR)
        {
            decoder->prev_ref_frame_num = 0;
            decoder->prev_frame_num = 0;
            decoder->prev_frame_num_offset = 0;
        }
        else if (decoder->have_prev_ref && !fill_frame_num_gap(decoder, header))
        {
            return false;
        }
        /* C.4.4: IDR and MMCO5 pictures output everything decoded before them. Like other
         * players, this also outputs them when no_output_of_prior_pics_flag asks not to. */
        if ((header->nal_unit_type == H264_NAL_SLICE_IDR || pic->has_mmco5) && !flush_output(decoder))
            return false;
        remove_unused_stores(decoder);
        if (!(pic->store = alloc_store(decoder)))
            return h264_error(decoder, "no free surface (DPB overflow)");
        pic->store->frame_num = header->frame_num;
        pic->store->decode_index = pic->index;
        pic->store->idr = header->nal_unit_type == H264_NAL_SLICE_IDR;
    }
    compute_poc(decoder);
    return true;
}

static bool append_slice(struct h264_decoder *decoder, const struct bitstream_nal *nal,
        const struct h264_slice_header *header)
{
    static const uint8_t start_code[3] = {0, 0, 1};
    struct h264_current_picture *pic = &decoder->pic;
    DXVA_Slice_H264_Short *slice;
    size_t needed, capacity;
    void *data;

    if (nal->size > UINT32_MAX - 3 || pic->bitstream_size > UINT32_MAX - 3 - nal->size)
        return h264_error(decoder, "picture too large");
    needed = pic->bitstream_size + 3 + nal->size;
    if (needed > pic->bitstream_capacity)
    {
        capacity = pic->bitstream_capacity ? pic->bitstream_capacity : 65536;
        while (capacity < needed)
            capacity *= 2;
        if (!(data = realloc(pic->bitstream, capacity)))
            return h264_error(decoder, "out of memory");
        pic->bitstream = data;
        pic->bitstream_capacity = capacity;
    }
    if (pic->slice_count == pic->slices_size)
    {
        capacity = pic->slices_size ? pic->slices_size * 2 : 64;
        if (!(data = realloc(pic->slices, capacity * sizeof(*pic->slices))))
            return h264_error(decoder, "out of memory");
        pic->slices = data;
        pic->slices_size = capacity;
    }
    /* DXVA short slice format: each slice is 00 00 01 + the NAL unit as in the stream. */
    slice = &pic->slices[pic->slice_count++];
    slice->BSNALunitDataLocation = pic->bitstream_size;
    slice->SliceBytesInBuffer = 3 + nal->size;
    slice->wBadSliceChopping = 0;
    memcpy(pic->bitstream + pic->bitstream_size, start_code, 3);
    memcpy(pic->bitstream + pic->bitstream_size + 3, nal->data, nal->size);
    pic->bitstream_size = needed;
    if (header->slice_type != H264_SLICE_I && header->slice_type != H264_SLICE_SI)
        pic->intra = false;
    return true;
}

static bool finish_picture(struct h264_decoder *decoder)
{
    struct h264_current_picture *pic = &decoder->pic;
    struct h264_frame_store *store = pic->store;
    struct h264_picture_info info;
    struct codec_picture picture;
    unsigned int mb_count, i;
    bool is_ref, output_now, error = false;
    int32_t tmp;

    if (!pic->active)
        return true;
    pic->active = false;
    /* A picture whose start failed (an unsupported stream) has no frame store: nothing to
     * finish, and a flush after the failure must not crash. */
    if (!store)
        return false;
    is_ref = pic->header.nal_ref_idc != 0;

    memset(&info, 0, sizeof(info));
    info.sps = pic->sps;
    info.pps = pic->pps;
    info.header = &pic->header;
    info.structure = pic->structure;
    info.poc[0] = pic->poc[0];
    info.poc[1] = pic->poc[1];
    info.surface = store->surface;
    info.intra = pic->intra;
    info.status_report_number = pic->index + 1;
    info.dpb = decoder->stores;
    info.current = store;
    h264_fill_picture_parameters(&info, &decoder->pic_params);
    h264_fill_quantization_matrix(&info, &decoder->qmatrix);

    mb_count = pic->sps->pic_width_in_mbs * pic->sps->frame_height_in_mbs;
    if (pic->structure != H264_FRAME)
        mb_count /= 2;
    memset(&picture, 0, sizeof(picture));
    picture.index = pic->index;
    picture.surface = store->surface;
    picture.buffer_count = 4;
    picture.buffers[0].type = D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS;
    picture.buffers[0].data = &decoder->pic_params;
    picture.buffers[0].size = sizeof(decoder->pic_params);
    picture.buffers[1].type = D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX;
    picture.buffers[1].data = &decoder->qmatrix;
    picture.buffers[1].size = sizeof(decoder->qmatrix);
    picture.buffers[2].type = D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL;
    picture.buffers[2].data = pic->slices;
    picture.buffers[2].size = pic->slice_count * sizeof(*pic->slices);
    picture.buffers[2].mb_count = mb_count;
    picture.buffers[3].type = D3D11_VIDEO_DECODER_BUFFER_BITSTREAM;
    picture.buffers[3].data = pic->bitstream;
    picture.buffers[3].size = pic->bitstream_size;
    picture.buffers[3].mb_count = mb_count;
    if (!decoder->callbacks.decode_picture(decoder->callbacks.context, &picture))
        return false;

    store->fields |= pic->structure;
    if (pic->structure & H264_FIELD_TOP)
        store->poc[0] = pic->poc[0];
    if (pic->structure & H264_FIELD_BOTTOM)
        store->poc[1] = pic->poc[1];
    store->needed_for_output = true;
    if (is_ref)
        mark_references(decoder);

    if (pic->has_mmco5)
    {
        /* 8.2.1: after MMCO5 the picture counts as POC 0 (tempPicOrderCnt) and frame_num 0. */
        tmp = store_poc(store);
        if (pic->structure & H264_FIELD_TOP)
            store->poc[0] = pic->poc[0] = pic->poc[0] - tmp;
        if (pic->structure & H264_FIELD_BOTTOM)
            store->poc[1] = pic->poc[1] = pic->poc[1] - tmp;
        store->frame_num = 0;
    }
    /* State for the next pictures' 8.2.1 and 7.4.3 processes. */
    if (is_ref)
    {
        decoder->have_prev_ref = true;
        decoder->prev_ref_frame_num = pic->has_mmco5 ? 0 : pic->header.frame_num;
        if (pic->has_mmco5)
        {
            decoder->prev_poc_msb = 0;
            decoder->prev_poc_lsb = pic->structure == H264_FIELD_BOTTOM ? 0 : pic->poc[0];
        }
        else
        {
            decoder->prev_poc_msb = pic->poc_msb;
            decoder->prev_poc_lsb = pic->header.pic_order_cnt_lsb;
        }
    }
    decoder->prev_frame_num = pic->has_mmco5 ? 0 : pic->header.frame_num;
    decoder->prev_frame_num_offset = pic->has_mmco5 ? 0 : pic->frame_num_offset;

    remove_unused_stores(decoder);
    if (pic->second_field)
    {
        decoder->pending_field = NULL;
        return limit_reordering(decoder);
    }

    /* C.4.5.2: while the DPB is full, a non-reference frame that would come out next is
     * output without being stored; otherwise bump. */
    while (dpb_fullness(decoder) >= decoder->dpb_size)
    {
        output_now = !is_ref && pic->structure == H264_FRAME;
        for (i = 0; i < H264_MAX_FRAME_STORES && output_now; ++i)
        {
            if (decoder->stores[i].in_dpb && decoder->stores[i].needed_for_output
                    && store_poc(&decoder->stores[i]) < store_poc(store))
                output_now = false;
        }
        if (output_now)
        {
            if (!output_store(decoder, store))
                return false;
            free_store(store);
            return true;
        }
        if (!bump(decoder, false, &error))
        {
            if (error)
                return false;
            break;
        }
    }
    store->in_dpb = true;
    if (pic->structure != H264_FRAME)
        decoder->pending_field = store;
    return limit_reordering(decoder);
}

static bool h264_decode_slice(struct h264_decoder *decoder, const struct bitstream_nal *nal,
        uint8_t nal_ref_idc, uint8_t nal_unit_type, size_t rbsp_size)
{
    struct h264_slice_header header;
    const char *error;

    if (!h264_parse_slice_header(decoder->rbsp, rbsp_size, nal_ref_idc, nal_unit_type, decoder->sps,
            decoder->pps, &header, &error))
        return h264_error(decoder, error);
    /* Redundant coded pictures are only for error recovery; the primary one is complete. */
    if (header.redundant_pic_cnt)
        return true;
    if (decoder->pic.active && is_new_picture(&decoder->pic, &header) && !finish_picture(decoder))
        return false;
    if (!decoder->pic.active && !start_picture(decoder, &header))
        return false;
    if (header.slice_type == H264_SLICE_SP || header.slice_type == H264_SLICE_SI)
        return h264_error(decoder, "SP/SI slices (Extended profile) are not supported");
    return append_slice(decoder, nal, &header);
}

static bool h264_decode_nal(struct codec *codec, const struct bitstream_nal *nal)
{
    struct h264_decoder *decoder = h264_decoder_from_codec(codec);
    uint8_t nal_ref_idc, nal_unit_type;
    struct h264_sps sps;
    struct h264_pps pps;
    const char *error;
    size_t rbsp_size;
    void *data;

    if (nal->data[0] & 0x80)
        return h264_error(decoder, "forbidden_zero_bit is set (not an H.264 stream?)");
    nal_ref_idc = nal->data[0] >> 5;
    nal_unit_type = nal->data[0] & 0x1f;
    if (nal->size > decoder->rbsp_size)
    {
        if (!(data = realloc(decoder->rbsp, nal->size)))
            return h264_error(decoder, "out of memory");
        decoder->rbsp = data;
        decoder->rbsp_size = nal->size;
    }
    rbsp_size = bitstream_extract_rbsp(nal->data + 1, nal->size - 1, decoder->rbsp);

    switch (nal_unit_type)
    {
        case H264_NAL_SLICE:
        case H264_NAL_SLICE_IDR:
            return h264_decode_slice(decoder, nal, nal_ref_idc, nal_unit_type, rbsp_size);

        case H264_NAL_SLICE_DPA:
        case H264_NAL_SLICE_DPA + 1:
        case H264_NAL_SLICE_DPC:
            if (!finish_picture(decoder))
                return false;
            return h264_error(decoder, "slice data partitioning (Extended profile) is not supported");

        case H264_NAL_SPS:
            if (!finish_picture(decoder))
                return false;
            if (!h264_parse_sps(decoder->rbsp, rbsp_size, &sps, &error))
            {
                fprintf(stderr, "frame %u: warning: %s, ignored.\n", decoder->picture_count, error);
                return true;
            }
            decoder->sps[sps.sps_id] = sps;
            return true;

        case H264_NAL_PPS:
            if (!finish_picture(decoder))
                return false;
            if (!h264_parse_pps(decoder->rbsp, rbsp_size, decoder->sps, &pps, &error))
            {
                fprintf(stderr, "frame %u: warning: %s, ignored.\n", decoder->picture_count, error);
                return true;
            }
            decoder->pps[pps.pps_id] = pps;
            return true;

        case H264_NAL_SEI:
        case H264_NAL_AUD:
        case H264_NAL_END_OF_SEQUENCE:
        case H264_NAL_END_OF_STREAM:
        case H264_NAL_PREFIX:
        case H264_NAL_SUBSET_SPS:
        case 16:
        case 17:
        case 18:
            /* 7.4.1.2.3: these start a new access unit. */
            return finish_picture(decoder);

        default:
            /* Filler data, SPS extensions, auxiliary and MVC/SVC slices: the base view only. */
            return true;
    }
}

static bool h264_flush(struct codec *codec)
{
    struct h264_decoder *decoder = h264_decoder_from_codec(codec);

    if (!finish_picture(decoder))
        return false;
    decoder->pending_field = NULL;
    return flush_output(decoder);
}

static void h264_destroy(struct codec *codec)
{
    struct h264_decoder *decoder = h264_decoder_from_codec(codec);

    free(decoder->pic.bitstream);
    free(decoder->pic.slices);
    free(decoder->rbsp);
    free(decoder);
}

static struct codec *h264_create(const struct codec_callbacks *callbacks)
{
    struct h264_decoder *decoder;
    unsigned int i;

    if (!(decoder = calloc(1, sizeof(*decoder))))
        return NULL;
    decoder->codec.ops = &h264_codec_ops;
    decoder->callbacks = *callbacks;
    for (i = 0; i < H264_MAX_FRAME_STORES; ++i)
        free_store(&decoder->stores[i]);
    return &decoder->codec;
}

const struct codec_ops h264_codec_ops =
{
    .name = "h264",
    .create = h264_create,
    .destroy = h264_destroy,
    .decode_nal = h264_decode_nal,
    .flush = h264_flush,
    .dump_picture = h264_dump_picture,
};
