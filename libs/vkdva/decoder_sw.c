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
#include <libavcodec/avcodec.h>
#include <libavutil/log.h>
#include <libavutil/pixdesc.h>
#include <stdio.h>

/* The software backend: the same DXVA input decoded by libavcodec. The codec file re-creates
 * the parameter sets from the picture parameters; the slices go to libavcodec unchanged. Each
 * submission is one coded picture, decoded synchronously; the picture libavcodec allocates
 * for it (get_buffer2) is the one written into the application's output surface, whatever
 * order libavcodec would display it in. */

struct vkdva_sw_decoder
{
    struct d3d11_video_decoder *decoder;
    AVCodecContext *avctx;
    AVPacket *packet;
    AVFrame *frame;
    void *codec_state;

    /* The picture buffer libavcodec allocated for the submitted picture: the most recent
     * one, or the first one of the submission where the codec says so. */
    AVFrame *current;
    bool allocated;
    bool keep_first;
};

static enum AVCodecID vkdva_sw_codec_id(const struct vkdva_codec_ops *codec)
{
    switch (codec->codec)
    {
        case VKDVA_CODEC_H264:
            return AV_CODEC_ID_H264;
        case VKDVA_CODEC_HEVC:
            return AV_CODEC_ID_HEVC;
    }
    return AV_CODEC_ID_NONE;
}

static bool vkdva_sw_supports(struct d3d11_device *device, const struct vkdva_codec_ops *codec, DXGI_FORMAT format)
{
    unsigned int i;

    if (!avcodec_find_decoder(vkdva_sw_codec_id(codec)))
        return false;
    for (i = 0; i < codec->format_count; ++i)
    {
        if (codec->formats[i] == format)
            return true;
    }
    return false;
}

static int vkdva_sw_get_buffer2(AVCodecContext *avctx, AVFrame *frame, int flags)
{
    struct vkdva_sw_decoder *sw = avctx->opaque;
    int ret;

    if ((ret = avcodec_default_get_buffer2(avctx, frame, flags)) < 0)
        return ret;
    if (sw->allocated && sw->keep_first)
        return 0;
    av_frame_unref(sw->current);
    if ((ret = av_frame_ref(sw->current, frame)) < 0)
        return ret;
    sw->allocated = true;
    return 0;
}

/* libavcodec's messages go to vkdva's log: a damaged stream is the application's problem
 * (WARN), the rest is detail (TRACE). */
static void vkdva_sw_av_log(void *avcl, int level, const char *fmt, va_list args)
{
    char message[512];

    if (level > AV_LOG_WARNING && !TRACE_ON())
        return;
    if (level <= AV_LOG_WARNING && !WARN_ON())
        return;
    vsnprintf(message, sizeof(message), fmt, args);
    if (level <= AV_LOG_WARNING)
        WARN("libavcodec: %s", message);
    else
        TRACE("libavcodec: %s", message);
}

static void vkdva_sw_init_once(void)
{
    av_log_set_callback(vkdva_sw_av_log);
}

static unsigned int vkdva_sw_thread_count(void)
{
    const char *env;
    long count;

    if ((env = getenv("VKDVA_DECODE_THREADS")) && (count = strtol(env, NULL, 10)) > 0 && count <= 64)
        return count;
    return 0; /* libavcodec's choice: one per core */
}

static void vkdva_sw_destroy(void *backend)
{
    struct vkdva_sw_decoder *sw = backend;

    if (sw->codec_state)
        sw->decoder->codec->free_state(sw->codec_state);
    av_frame_free(&sw->current);
    av_frame_free(&sw->frame);
    av_packet_free(&sw->packet);
    avcodec_free_context(&sw->avctx);
    vkdva_free(sw);
}

static HRESULT vkdva_sw_create(struct d3d11_video_decoder *decoder, void **backend)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    struct vkdva_sw_decoder *sw;
    const AVCodec *codec;

    pthread_once(&once, vkdva_sw_init_once);
    if (!(codec = avcodec_find_decoder(vkdva_sw_codec_id(decoder->codec))))
    {
        FIXME("libavcodec has no %s decoder.\n", decoder->codec->name);
        return E_NOTIMPL;
    }
    if (!(sw = vkdva_calloc(1, sizeof(*sw))))
        return E_OUTOFMEMORY;
    sw->decoder = decoder;
    if (!(sw->avctx = avcodec_alloc_context3(codec)) || !(sw->packet = av_packet_alloc())
            || !(sw->frame = av_frame_alloc()) || !(sw->current = av_frame_alloc()))
        goto fail;

    sw->avctx->opaque = sw;
    sw->avctx->get_buffer2 = vkdva_sw_get_buffer2;
    /* Slice threads keep decoding synchronous with each submission; frame threads would not. */
    sw->avctx->thread_type = FF_THREAD_SLICE;
    sw->avctx->thread_count = vkdva_sw_thread_count();
    sw->avctx->flags |= AV_CODEC_FLAG_LOW_DELAY;
    sw->avctx->flags2 |= AV_CODEC_FLAG2_SHOW_ALL;
    if (avcodec_open2(sw->avctx, codec, NULL) < 0)
    {
        ERR("Failed to open the libavcodec %s decoder.\n", decoder->codec->name);
        goto fail;
    }
    TRACE("Created a software %s decoder, %d threads.\n", decoder->codec->name, sw->avctx->thread_count);
    *backend = sw;
    return S_OK;

fail:
    vkdva_sw_destroy(sw);
    return E_OUTOFMEMORY;
}

static HRESULT vkdva_sw_upload(struct vkdva_sw_decoder *sw, const struct vkdva_decode_frame *frame)
{
    const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(sw->current->format);
    const uint8_t *planes[3];
    int pitches[3], i;

    if (!desc || desc->nb_components < 3 || desc->log2_chroma_w != 1 || desc->log2_chroma_h != 1
            || (desc->flags & AV_PIX_FMT_FLAG_RGB))
    {
        FIXME("Decoded pixel format %s is not supported.\n", desc ? desc->name : "(unknown)");
        return E_NOTIMPL;
    }
    for (i = 0; i < 3; ++i)
    {
        planes[i] = sw->current->data[i];
        pitches[i] = sw->current->linesize[i];
    }
    return vkdva_decoder_upload_output(sw->decoder->device, frame->output, frame->output_slice,
            frame->crypto_session, planes, pitches, sw->current->width, sw->current->height, desc->comp[0].depth);
}

static HRESULT vkdva_sw_decode(void *backend, const struct vkdva_decode_frame *frame)
{
    struct vkdva_sw_decoder *sw = backend;
    struct d3d11_video_decoder *decoder = sw->decoder;
    struct vkdva_sw_picture picture = {0};
    struct vkdva_decode_status status = {0};
    const uint8_t *slice_data;
    size_t size, i;
    uint8_t *dst;
    HRESULT hr;
    int ret;

    if (FAILED(hr = decoder->codec->prepare_sw(&sw->codec_state, frame, decoder->config.ConfigBitstreamRaw,
            &picture)))
        goto done;

    size = picture.parameter_sets.count;
    for (i = 0; i < picture.slice_count; ++i)
        size += picture.slices[i].size;
    if (size > INT_MAX - AV_INPUT_BUFFER_PADDING_SIZE || av_new_packet(sw->packet, (int)size) < 0)
    {
        hr = E_OUTOFMEMORY;
        goto done;
    }
    dst = sw->packet->data;
    if (picture.parameter_sets.count)
        memcpy(dst, picture.parameter_sets.data, picture.parameter_sets.count);
    dst += picture.parameter_sets.count;
    slice_data = picture.slice_data ? picture.slice_data : frame->bitstream;
    for (i = 0; i < picture.slice_count; ++i)
    {
        memcpy(dst, slice_data + picture.slices[i].offset, picture.slices[i].size);
        dst += picture.slices[i].size;
    }

    sw->allocated = false;
    sw->keep_first = picture.picture_allocated_first;
    ret = avcodec_send_packet(sw->avctx, sw->packet);
    av_packet_unref(sw->packet);
    /* Frames come out in libavcodec's display order; vkdva already has what it needs. */
    while (avcodec_receive_frame(sw->avctx, sw->frame) >= 0)
        av_frame_unref(sw->frame);

    decoder->codec->describe_picture(frame, &status);
    if (ret < 0 && ret != AVERROR(EAGAIN))
    {
        WARN("libavcodec failed to decode the picture, error %d.\n", ret);
        status.status = 2;
    }
    if (sw->allocated || (picture.second_field && sw->current->buf[0]))
    {
        if (FAILED(hr = vkdva_sw_upload(sw, frame)))
            goto done;
    }
    else
    {
        WARN("libavcodec decoded no picture for this submission.\n");
        status.status = 3;
    }

    vkdva_decoder_add_status(decoder, &status);

done:
    vkdva_free(picture.parameter_sets.data);
    vkdva_free(picture.slices);
    return hr;
}

const struct vkdva_decoder_backend_ops vkdva_sw_decoder_backend =
{
    .name = "software (libavcodec)",
    .supports = vkdva_sw_supports,
    .create = vkdva_sw_create,
    .decode = vkdva_sw_decode,
    .destroy = vkdva_sw_destroy,
};
