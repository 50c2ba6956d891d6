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
#include <libavutil/cpu.h>
#include <libavutil/log.h>
#include <libavutil/pixdesc.h>
#include <inttypes.h>
#include <stdio.h>

/* The software backend: the same DXVA input decoded by libavcodec. The codec file re-creates
 * the parameter sets from the picture parameters; the slices go to libavcodec unchanged.
 *
 * Threads. DecoderEndFrame builds the picture's Annex-B packet (the application may reuse its
 * buffers at once) and queues it as a "job" for the decoder's worker thread, then returns.
 * The worker feeds libavcodec, which runs frame threads (VKDVA_DECODE_THREADS, default one
 * per CPU, at most 16). The picture libavcodec allocates for a submission (get_buffer2, told
 * apart by the packet's pts, which libavcodec copies into the frame before allocating it) is
 * the one written into that submission's output surface, whatever order libavcodec displays
 * it in. libavcodec's frame threads finish packets in order, and once the pipeline is full
 * each packet sent returns when the oldest one in flight is done (FFmpeg 5.1
 * ff_thread_decode_frame()): after sending packet n, every packet up to n - (threads - 1) is
 * decoded. The worker then writes the picture as the texture's rows (NV12/P010) into a
 * host-visible buffer of its own (recycled once the GPU has copied it), and copies that into
 * the surface when it can take the device lock without waiting (it never waits for it:
 * the application's thread may hold it while waiting for the worker); otherwise whoever holds
 * the lock next writes it: every entry point that reads or writes a texture calls
 * vkdva_sw_decode_sync_texture() first, event queries call vkdva_sw_decode_sync_device(), status
 * reports and the decoder's destruction wait for every job of the decoder. DecoderBeginFrame
 * on a surface with jobs queued needs no wait, since jobs write in submission order: its
 * E_PENDING only reports the copy of an earlier picture still running on the GPU (decoder.c),
 * which completes without the caller.
 *
 * Draining. Frame threads keep the last threads - 1 pictures inside libavcodec until more
 * packets come. When someone waits for such a picture and the worker has nothing more to
 * send, nothing else will arrive (the waiter holds the device lock), so the worker drains
 * libavcodec (a NULL packet), which finishes every picture but ends the decoder's state.
 * Decoding then continues in a new context: with frame threads again after an occasional wait
 * (a flush at a seek, the end of a warm-up, an event query now and then), with slice threads
 * from the second drain within VKDVA_SW_FRAME_THREAD_GRACE pictures per thread on, so that a
 * client that waits on every picture pays for two drains and no more. Before the next packet,
 * the new context is given every parameter set sent so far and the packets since the last
 * random-access picture (H.264 IDR, HEVC IRAP), whose output is discarded; their decode is
 * repeated once. libavcodec's errors on a picture become its status report (bStatus 2), a
 * submission without a picture bStatus 3. */

/* Jobs queued beyond this many (per decoder, counting the frame threads' own) make
 * DecoderEndFrame wait for the worker: every job holds a packet and, once decoded, a picture. */
#define VKDVA_SW_MAX_EXTRA_JOBS 4u
#define VKDVA_SW_MAX_THREADS 16u
/* Packets kept for a re-feed after a drain; a stream without random-access pictures beyond
 * this loses them (the pictures up to the next one then report bStatus 2 after a drain). */
#define VKDVA_SW_MAX_HISTORY_BYTES (64u << 20)
/* Two drains closer than this many submissions per thread give frame threads up. */
#define VKDVA_SW_FRAME_THREAD_GRACE 8u

enum vkdva_sw_job_state
{
    VKDVA_SW_JOB_QUEUED,     /* waiting for the worker */
    VKDVA_SW_JOB_SENT,       /* inside libavcodec */
    VKDVA_SW_JOB_DONE,       /* decoded; the worker is converting it */
    VKDVA_SW_JOB_READY,      /* rows ready (or nothing to write): to be written under the device lock */
};

struct vkdva_sw_job
{
    struct vkdva_list entry;
    enum vkdva_sw_job_state state;
    int64_t id;
    /* vkdva_sw_sequence when queued, for event queries. */
    uint64_t sequence;
    /* The parameter sets at the start of the packet, then the slices. */
    AVPacket *packet;
    size_t parameter_sets_size;
    bool random_access;

    /* References held until the picture is written. */
    struct d3d11_texture2d *output;
    UINT output_slice;
    struct d3d11_crypto_session *crypto_session;

    struct vkdva_decode_status status;
    bool second_field;
    bool keep_first;
    /* The picture buffer libavcodec allocated for this packet (get_buffer2). */
    AVFrame *picture;
    bool allocated;
    bool failed;
    /* A later job writes the same surface slice: this one's picture is never written. */
    bool superseded;
    /* The picture as the texture's rows, luma then interleaved chroma, pitch bytes apart. */
    struct vkdva_sw_upload *upload;
    size_t pitch;
    unsigned int width, height;
};

/* A host-visible buffer the worker writes a picture into; the copy into the surface reads it. */
struct vkdva_sw_upload
{
    struct vkdva_list entry;
    VkBuffer vk_buffer;
    VkDeviceMemory vk_memory;
    uint8_t *mapped;
    VkDeviceSize size;
    /* The copy reading it (device lock). */
    struct vkdva_gpu_use use;
};

struct vkdva_sw_decoder
{
    struct vkdva_list registry_entry;
    struct d3d11_video_decoder *decoder;
    const AVCodec *codec;
    AVCodecContext *avctx;
    void *codec_state;
    unsigned int thread_count;
    /* Frame threads are given up when drains come often. */
    bool frame_threads;
    bool drained;
    int64_t last_drain_id;

    pthread_t thread;
    bool thread_started;
    /* Guards the jobs and the flags below; frame threads take it in get_buffer2. */
    pthread_mutex_t mutex;
    /* The worker waits on work_cond; waiters on progress_cond. */
    pthread_cond_t work_cond;
    pthread_cond_t progress_cond;
    struct vkdva_list jobs;
    size_t job_count;
    int64_t next_id;
    bool worker_idle;
    bool drain_requested;
    bool quit;

    /* Worker only. */
    AVFrame *frame;
    /* The latest picture of a completed job: a second field rewrites it. */
    AVFrame *last_picture;
    bool refeed_needed;
    /* During a re-feed (under mutex): the pictures allocated go to last_picture. */
    bool refeeding;
    /* Parameter sets sent so far and the packets since the last random-access picture. */
    struct vkdva_bytes parameter_sets;
    AVPacket **history;
    size_t history_size;
    size_t history_count;
    size_t history_bytes;
    bool history_lost;
    /* A drain without the history: until the next random-access picture, pictures miss
     * their references and report it. */
    bool references_lost;

    /* Upload buffers: free ones (mutex), and those a copy may still read (device lock). */
    struct vkdva_list free_uploads;
    struct vkdva_list busy_uploads;
};

/* The software decoders of every device, for the texture and query hooks; and the number of
 * jobs queued anywhere, so that the hooks cost one atomic load while nothing is pending.
 * glibc's static initialiser of a recursive mutex has the _NP suffix; winpthreads' (MinGW-w64)
 * has not. */
#ifdef PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP
static pthread_mutex_t vkdva_sw_registry_mutex = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
#else
static pthread_mutex_t vkdva_sw_registry_mutex = PTHREAD_RECURSIVE_MUTEX_INITIALIZER;
#endif
static struct vkdva_list vkdva_sw_registry = {&vkdva_sw_registry, &vkdva_sw_registry};
static unsigned int vkdva_sw_pending_jobs;
static uint64_t vkdva_sw_sequence;

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

/* Whether decoding may restart at this picture: an H.264 IDR picture (nal_unit_type 5, H.264
 * 7.4.1.2.4) or an HEVC IRAP picture (nal_unit_type 16-23, H.265 7.4.2.2), judged by the first
 * slice NAL unit after a start code. */
static bool vkdva_sw_is_random_access(const struct vkdva_codec_ops *codec, const uint8_t *data, size_t size)
{
    unsigned int type;
    size_t i;

    for (i = 0; i + 3 < size; ++i)
    {
        if (data[i] || data[i + 1] || data[i + 2] != 1)
            continue;
        switch (codec->codec)
        {
            case VKDVA_CODEC_H264:
                type = data[i + 3] & 0x1f;
                if (type >= 1 && type <= 5)
                    return type == 5;
                break;
            case VKDVA_CODEC_HEVC:
                type = (data[i + 3] >> 1) & 0x3f;
                if (type < 32)
                    return type >= 16 && type <= 23;
                break;
        }
        i += 2;
    }
    return false;
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

/* Called by libavcodec's frame threads: frame->pts is the packet's, which names the job. */
static int vkdva_sw_get_buffer2(AVCodecContext *avctx, AVFrame *frame, int flags)
{
    struct vkdva_sw_decoder *sw = avctx->opaque;
    struct vkdva_sw_job *job, *next;
    int ret;

    if ((ret = avcodec_default_get_buffer2(avctx, frame, flags)) < 0)
        return ret;
    pthread_mutex_lock(&sw->mutex);
    /* A second field after a re-feed completes the picture re-decoded for its first field. */
    if (sw->refeeding || frame->pts < 0)
    {
        av_frame_unref(sw->last_picture);
        ret = av_frame_ref(sw->last_picture, frame);
    }
    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(job, next, &sw->jobs, struct vkdva_sw_job, entry)
    {
        if (sw->refeeding || frame->pts < 0 || ret < 0)
            break;
        if (job->id != frame->pts || job->state != VKDVA_SW_JOB_SENT)
            continue;
        /* H.264 allocates the pictures of a frame_num gap before the picture, HEVC the
         * missing references after it. */
        if (job->allocated && job->keep_first)
            break;
        av_frame_unref(job->picture);
        if ((ret = av_frame_ref(job->picture, frame)) < 0)
            break;
        job->allocated = true;
        break;
    }
    pthread_mutex_unlock(&sw->mutex);
    if (ret < 0)
        av_frame_unref(frame);
    return ret;
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

/* VKDVA_DECODE_THREADS, else one per CPU; frame threads when more than one. */
static unsigned int vkdva_sw_thread_count(void)
{
    const char *env;
    long count;

    if ((env = getenv("VKDVA_DECODE_THREADS")) && (count = strtol(env, NULL, 10)) > 0 && count <= 64)
        return count;
    if ((count = av_cpu_count()) < 1)
        count = 1;
    return vkdva_min_u(count, VKDVA_SW_MAX_THREADS);
}

/* The completion rule above is FFmpeg 5.1's (libavcodec 59); FFmpeg 6.1 reworked frame
 * threading, so elsewhere the decoder keeps to slice threads until the rule is checked there. */
static bool vkdva_sw_frame_threads_known(void)
{
    if (AV_VERSION_MAJOR(avcodec_version()) == 59)
        return true;
    FIXME_ONCE("Frame threads are not used with libavcodec %u.%u.\n", AV_VERSION_MAJOR(avcodec_version()),
            AV_VERSION_MINOR(avcodec_version()));
    return false;
}

static HRESULT vkdva_sw_open_context(struct vkdva_sw_decoder *sw)
{
    AVCodecContext *avctx;

    if (!(avctx = avcodec_alloc_context3(sw->codec)))
        return E_OUTOFMEMORY;
    avctx->opaque = sw;
    avctx->get_buffer2 = vkdva_sw_get_buffer2;
#if FF_API_THREAD_SAFE_CALLBACKS
    /* vkdva_sw_get_buffer2() is thread-safe (sw->mutex, avcodec_default_get_buffer2()). Without
     * the flag, libavcodec 59's frame threads ask the thread in avcodec_send_packet() to call it
     * for them and defer buffer releases to that thread, holding the frame-thread buffer lock
     * while they wait (pthread_frame.c, thread_get_buffer_internal()); the flag is gone from
     * libavcodec 60, where every get_buffer2 must be thread-safe. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    avctx->thread_safe_callbacks = 1;
#pragma GCC diagnostic pop
#endif
    avctx->thread_count = sw->thread_count;
    if (sw->frame_threads)
    {
        /* libavcodec turns frame threads off under AV_CODEC_FLAG_LOW_DELAY. */
        avctx->thread_type = FF_THREAD_FRAME;
    }
    else
    {
        avctx->thread_type = FF_THREAD_SLICE;
        avctx->flags |= AV_CODEC_FLAG_LOW_DELAY;
    }
    avctx->flags2 |= AV_CODEC_FLAG2_SHOW_ALL;
    if (avcodec_open2(avctx, sw->codec, NULL) < 0)
    {
        ERR("Failed to open the libavcodec %s decoder.\n", sw->decoder->codec->name);
        avcodec_free_context(&avctx);
        return E_FAIL;
    }
    /* What libavcodec made of it (no frame threads for a stream or a build without them). */
    sw->frame_threads = !!(avctx->active_thread_type & FF_THREAD_FRAME);
    TRACE("Opened a software %s decoder, %d %s threads.\n", sw->decoder->codec->name, avctx->thread_count,
            sw->frame_threads ? "frame" : "slice");
    sw->avctx = avctx;
    return S_OK;
}

static void vkdva_sw_history_clear(struct vkdva_sw_decoder *sw)
{
    size_t i;

    for (i = 0; i < sw->history_count; ++i)
        av_packet_free(&sw->history[i]);
    sw->history_count = 0;
    sw->history_bytes = 0;
}

static void vkdva_sw_history_add(struct vkdva_sw_decoder *sw, const struct vkdva_sw_job *job)
{
    AVPacket *packet;

    if (job->parameter_sets_size && !vkdva_bytes_append(&sw->parameter_sets, job->packet->data,
            job->parameter_sets_size))
        ERR("Failed to keep the parameter sets.\n");
    if (job->random_access)
    {
        vkdva_sw_history_clear(sw);
        sw->history_lost = false;
    }
    if (sw->history_lost)
        return;
    if (sw->history_bytes + job->packet->size > VKDVA_SW_MAX_HISTORY_BYTES
            || !vkdva_array_reserve((void **)&sw->history, &sw->history_size, sw->history_count + 1,
            sizeof(*sw->history)) || !(packet = av_packet_clone(job->packet)))
    {
        WARN_ONCE("No room to keep the packets since the last random-access picture.\n");
        vkdva_sw_history_clear(sw);
        sw->history_lost = true;
        return;
    }
    sw->history[sw->history_count++] = packet;
    sw->history_bytes += packet->size;
}

static void vkdva_sw_discard_output(struct vkdva_sw_decoder *sw)
{
    while (avcodec_receive_frame(sw->avctx, sw->frame) >= 0)
        av_frame_unref(sw->frame);
}

/* After a drain: a new context given what the next packet depends on. Re-fed packets carry a
 * negative pts: with frame threads their pictures may be allocated after the re-feed loop. */
static void vkdva_sw_refeed(struct vkdva_sw_decoder *sw)
{
    AVPacket *packet;
    size_t i;

    sw->refeed_needed = false;
    if (FAILED(vkdva_sw_open_context(sw)))
        return;
    if (sw->parameter_sets.count && (packet = av_packet_alloc()))
    {
        if (av_new_packet(packet, sw->parameter_sets.count) >= 0)
        {
            memcpy(packet->data, sw->parameter_sets.data, sw->parameter_sets.count);
            avcodec_send_packet(sw->avctx, packet);
            vkdva_sw_discard_output(sw);
        }
        av_packet_free(&packet);
    }
    /* Their jobs are finished: get_buffer2 finds no job with their ids. */
    pthread_mutex_lock(&sw->mutex);
    sw->refeeding = true;
    pthread_mutex_unlock(&sw->mutex);
    for (i = 0; i < sw->history_count; ++i)
    {
        sw->history[i]->pts = -1;
        avcodec_send_packet(sw->avctx, sw->history[i]);
        vkdva_sw_discard_output(sw);
    }
    pthread_mutex_lock(&sw->mutex);
    sw->refeeding = false;
    pthread_mutex_unlock(&sw->mutex);
    TRACE("Decoder %p: re-fed %zu packets.\n", sw->decoder, sw->history_count);
}

/* Worker, sw->mutex held: the job's picture is final. */
static void vkdva_sw_job_done(struct vkdva_sw_decoder *sw, struct vkdva_sw_job *job)
{
    struct vkdva_sw_job *later;

    job->state = VKDVA_SW_JOB_DONE;
    if (job->allocated)
    {
        av_frame_unref(sw->last_picture);
        av_frame_ref(sw->last_picture, job->picture);
    }
    else if (job->second_field && sw->last_picture->buf[0] && av_frame_ref(job->picture, sw->last_picture) >= 0)
    {
        job->allocated = true;
    }
    /* A later job into the same slice (a second field, which libavcodec may be writing into
     * this very picture by now) overwrites it: this one is never written. */
    for (later = CONTAINING_RECORD(job->entry.next, struct vkdva_sw_job, entry); &later->entry != &sw->jobs;
            later = CONTAINING_RECORD(later->entry.next, struct vkdva_sw_job, entry))
    {
        if (later->output == job->output && later->output_slice == job->output_slice)
            job->superseded = true;
    }
}

static void vkdva_sw_upload_destroy(struct vkdva_sw_decoder *sw, struct vkdva_sw_upload *upload)
{
    vkdva_device_destroy_buffer(sw->decoder->device, upload->vk_buffer, upload->vk_memory);
    vkdva_free(upload);
}

/* Worker: a free upload buffer of at least size bytes (Vulkan object creation needs no lock). */
static struct vkdva_sw_upload *vkdva_sw_upload_get(struct vkdva_sw_decoder *sw, VkDeviceSize size)
{
    struct vkdva_sw_upload *upload = NULL;

    pthread_mutex_lock(&sw->mutex);
    if (!vkdva_list_empty(&sw->free_uploads))
    {
        upload = CONTAINING_RECORD(sw->free_uploads.next, struct vkdva_sw_upload, entry);
        vkdva_list_remove(&upload->entry);
    }
    pthread_mutex_unlock(&sw->mutex);
    if (upload && upload->size >= size)
        return upload;
    if (upload)
        vkdva_sw_upload_destroy(sw, upload);

    if (!(upload = vkdva_calloc(1, sizeof(*upload))))
        return NULL;
    vkdva_list_init(&upload->entry);
    upload->size = size;
    if (FAILED(vkdva_device_create_buffer(sw->decoder->device, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0, &upload->vk_buffer,
            &upload->vk_memory, (void **)&upload->mapped)))
    {
        vkdva_free(upload);
        return NULL;
    }
    return upload;
}

/* I420 planes from the decoder become NV12/P010 rows: luma, then interleaved chroma. P010/P016
 * keep the samples in the high bits; an 8-bit picture in them (an HEVC Main stream decoded
 * with the Main 10 profile) is scaled as a 10-bit decoder would. */
static void vkdva_sw_write_rows(const AVFrame *picture, unsigned int bit_depth, unsigned int bytes, uint8_t *data,
        size_t pitch, unsigned int w, unsigned int h)
{
    unsigned int x, y, src_bytes = bit_depth > 8 ? 2 : 1, shift = bytes == 2 ? 16 - bit_depth : 0;

#define SAMPLE(row, i) (src_bytes == 1 ? (row)[i] : ((const uint16_t *)(row))[i])
    for (y = 0; y < h; ++y)
    {
        const uint8_t *src = picture->data[0] + (size_t)y * picture->linesize[0];

        if (bytes == 1)
        {
            memcpy(data + y * pitch, src, w);
        }
        else
        {
            uint16_t *dst = (uint16_t *)(data + y * pitch);

            for (x = 0; x < w; ++x)
                dst[x] = SAMPLE(src, x) << shift;
        }
    }
    for (y = 0; y < h / 2; ++y)
    {
        const uint8_t *u = picture->data[1] + (size_t)y * picture->linesize[1];
        const uint8_t *v = picture->data[2] + (size_t)y * picture->linesize[2];

        if (bytes == 1)
        {
            uint8_t *dst = data + (h + y) * pitch;

            for (x = 0; x < w / 2; ++x)
            {
                dst[2 * x] = u[x];
                dst[2 * x + 1] = v[x];
            }
        }
        else
        {
            uint16_t *dst = (uint16_t *)(data + (h + y) * pitch);

            for (x = 0; x < w / 2; ++x)
            {
                dst[2 * x] = SAMPLE(u, x) << shift;
                dst[2 * x + 1] = SAMPLE(v, x) << shift;
            }
        }
    }
#undef SAMPLE
}

/* Worker, without sw->mutex: the texture's rows from a done job. */
static void vkdva_sw_job_convert(struct vkdva_sw_decoder *sw, struct vkdva_sw_job *job)
{
    const struct d3d11_texture2d *texture = job->output;
    const AVPixFmtDescriptor *desc;
    unsigned int bytes, depth;

    if (job->failed)
        job->status.status = 2;
    if (!job->allocated)
    {
        WARN("libavcodec decoded no picture for submission %"PRId64".\n", job->id);
        job->status.status = 3;
        return;
    }
    if (job->superseded)
        return;
    desc = av_pix_fmt_desc_get(job->picture->format);
    if (!desc || desc->nb_components < 3 || desc->log2_chroma_w != 1 || desc->log2_chroma_h != 1
            || (desc->flags & AV_PIX_FMT_FLAG_RGB))
    {
        FIXME("Decoded pixel format %s is not supported.\n", desc ? desc->name : "(unknown)");
        job->status.status = 3;
        return;
    }
    depth = desc->comp[0].depth;
    bytes = texture->format->plane_element_sizes[0] == 2 ? 2 : 1;
    if (bytes < (depth > 8 ? 2u : 1u) || depth > 16)
    {
        FIXME("Cannot write a %u-bit picture into %s.\n", depth, debug_dxgi_format(texture->desc.Format));
        job->status.status = 3;
        return;
    }
    /* Whole 2x2 blocks of the decoded picture that fit the surface. */
    job->width = vkdva_min_u(job->picture->width, texture->desc.Width) & ~1u;
    job->height = vkdva_min_u(job->picture->height, texture->desc.Height) & ~1u;
    job->pitch = (size_t)job->width * bytes;
    if (!job->width || !job->height)
        return;
    if (!(job->upload = vkdva_sw_upload_get(sw, job->pitch * (job->height + job->height / 2))))
    {
        ERR("Failed to allocate an upload buffer.\n");
        job->status.status = 3;
        return;
    }
    vkdva_sw_write_rows(job->picture, depth, bytes, job->upload->mapped, job->pitch, job->width, job->height);
}

/* Worker, sw->mutex held: converts the done jobs in order, dropping the mutex meanwhile. */
static void vkdva_sw_convert_done(struct vkdva_sw_decoder *sw)
{
    struct vkdva_sw_job *job, *next;

    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(job, next, &sw->jobs, struct vkdva_sw_job, entry)
    {
        if (job->state != VKDVA_SW_JOB_DONE)
            continue;
        /* Nobody else touches a DONE job, nor removes it before it is READY. */
        pthread_mutex_unlock(&sw->mutex);
        vkdva_sw_job_convert(sw, job);
        av_frame_unref(job->picture);
        pthread_mutex_lock(&sw->mutex);
        job->state = VKDVA_SW_JOB_READY;
        next = CONTAINING_RECORD(job->entry.next, struct vkdva_sw_job, entry);
    }
}

/* Worker: one packet into libavcodec. */
static void vkdva_sw_send(struct vkdva_sw_decoder *sw, struct vkdva_sw_job *job)
{
    struct vkdva_sw_job *cursor, *next;
    size_t in_flight = 0, keep;
    int ret;

    if (sw->refeed_needed)
        vkdva_sw_refeed(sw);
    if (job->random_access)
        sw->references_lost = false;
    if (!sw->avctx)
    {
        ret = AVERROR(ENOMEM);
    }
    else
    {
        ret = avcodec_send_packet(sw->avctx, job->packet);
        vkdva_sw_discard_output(sw);
    }
    vkdva_sw_history_add(sw, job);

    pthread_mutex_lock(&sw->mutex);
    /* Every packet sent is decoded, except the newest thread_count - 1 with frame threads. */
    keep = sw->avctx && sw->frame_threads ? sw->avctx->thread_count - 1 : 0;
    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(cursor, next, &sw->jobs, struct vkdva_sw_job, entry)
    {
        if (cursor->state == VKDVA_SW_JOB_SENT)
            ++in_flight;
    }
    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(cursor, next, &sw->jobs, struct vkdva_sw_job, entry)
    {
        if (in_flight <= keep)
            break;
        if (cursor->state != VKDVA_SW_JOB_SENT)
            continue;
        /* The error is the oldest packet's, the one whose thread just finished. */
        if (ret < 0 && ret != AVERROR(EAGAIN))
        {
            WARN("libavcodec failed to decode submission %"PRId64", error %d.\n", cursor->id, ret);
            cursor->failed = true;
            ret = 0;
        }
        vkdva_sw_job_done(sw, cursor);
        --in_flight;
    }
    if ((ret < 0 && ret != AVERROR(EAGAIN)) || sw->references_lost)
    {
        WARN("libavcodec failed to decode submission %"PRId64", error %d.\n", job->id, ret);
        job->failed = true;
    }
    vkdva_sw_convert_done(sw);
    pthread_mutex_unlock(&sw->mutex);
}

/* Worker: finishes every packet inside libavcodec, which ends its state. */
static void vkdva_sw_drain(struct vkdva_sw_decoder *sw)
{
    struct vkdva_sw_job *job, *next;
    bool failed = false;
    int ret;

    TRACE("Decoder %p: draining libavcodec.\n", sw->decoder);
    if (sw->avctx)
    {
        avcodec_send_packet(sw->avctx, NULL);
        while ((ret = avcodec_receive_frame(sw->avctx, sw->frame)) != AVERROR_EOF)
        {
            if (ret < 0 && ret != AVERROR(EAGAIN))
                failed = true;
            else
                av_frame_unref(sw->frame);
            if (ret == AVERROR(EAGAIN))
                break;
        }
        avcodec_free_context(&sw->avctx);
    }
    pthread_mutex_lock(&sw->mutex);
    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(job, next, &sw->jobs, struct vkdva_sw_job, entry)
    {
        if (job->state != VKDVA_SW_JOB_SENT)
            continue;
        if (failed)
        {
            /* Which picture failed is not known any more: the oldest carries it. */
            WARN("libavcodec failed while draining, submission %"PRId64".\n", job->id);
            job->failed = true;
            failed = false;
        }
        vkdva_sw_job_done(sw, job);
    }
    if (sw->history_lost)
    {
        FIXME("The packets since the last random-access picture were not kept; the pictures up to the next "
                "one will miss references.\n");
        vkdva_sw_history_clear(sw);
        sw->references_lost = true;
    }
    /* Slice threads from now on if this drain follows the last one closely: a client that
     * waits for each picture drains twice and no more. */
    if (sw->drained && sw->next_id - sw->last_drain_id < (int64_t)VKDVA_SW_FRAME_THREAD_GRACE * sw->thread_count)
        sw->frame_threads = false;
    sw->drained = true;
    sw->last_drain_id = sw->next_id;
    sw->refeed_needed = true;
    vkdva_sw_convert_done(sw);
    pthread_mutex_unlock(&sw->mutex);
}

static struct vkdva_sw_job *vkdva_sw_first_queued(struct vkdva_sw_decoder *sw)
{
    struct vkdva_sw_job *job, *next;

    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(job, next, &sw->jobs, struct vkdva_sw_job, entry)
    {
        if (job->state == VKDVA_SW_JOB_QUEUED)
            return job;
    }
    return NULL;
}

/* Worker, sw->mutex held and released meanwhile: sends the oldest queued job to libavcodec;
 * false if none was queued. */
static bool vkdva_sw_send_next(struct vkdva_sw_decoder *sw)
{
    struct vkdva_sw_job *job;

    if (!(job = vkdva_sw_first_queued(sw)))
        return false;
    job->state = VKDVA_SW_JOB_SENT;
    pthread_mutex_unlock(&sw->mutex);
    vkdva_sw_send(sw, job);
    pthread_mutex_lock(&sw->mutex);
    return true;
}

static void vkdva_sw_job_free(struct vkdva_sw_decoder *sw, struct vkdva_sw_job *job)
{
    if (job->upload)
        vkdva_sw_upload_destroy(sw, job->upload);
    av_packet_free(&job->packet);
    av_frame_free(&job->picture);
    if (job->crypto_session)
        ID3D11CryptoSession_Release(&job->crypto_session->ID3D11CryptoSession_iface);
    if (job->output)
        ID3D11Texture2D_Release(&job->output->ID3D11Texture2D_iface);
    vkdva_free(job);
}

/* Device lock held: a job's rows into its surface, submitted at once, as a decode is (the
 * application may never Flush). A protected surface receives them encrypted (protect.c). */
static HRESULT vkdva_sw_job_write(struct vkdva_sw_decoder *sw, struct vkdva_sw_job *job)
{
    struct d3d11_device *device = sw->decoder->device;
    struct vkdva_command_stream *stream = &device->immediate_context.stream;
    struct vkdva_sw_upload *upload = job->upload;
    HRESULT hr;

    if (job->output->protected)
    {
        if (SUCCEEDED(hr = vkdva_protect_write_plaintext(job->output, job->output_slice, job->crypto_session,
                upload->mapped, job->pitch, job->width, job->height)))
            hr = vkdva_command_stream_flush(stream);
        /* The plaintext was taken at once: the buffer is free. */
        vkdva_sw_upload_destroy(sw, upload);
        job->upload = NULL;
        return hr;
    }
    if (FAILED(hr = d3d11_immediate_context_upload_buffer(&device->immediate_context, job->output, job->output_slice,
            job->width, job->height, upload->vk_buffer, job->pitch)))
        return hr;
    upload->use = job->output->last_use;
    vkdva_list_add_tail(&sw->busy_uploads, &upload->entry);
    job->upload = NULL;
    return vkdva_command_stream_flush(stream);
}

/* Device lock held: upload buffers whose copy has completed become free. */
static void vkdva_sw_recycle_uploads(struct vkdva_sw_decoder *sw)
{
    struct vkdva_sw_upload *upload, *next;

    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(upload, next, &sw->busy_uploads, struct vkdva_sw_upload, entry)
    {
        if (!vkdva_command_stream_is_complete(upload->use.stream, upload->use.value))
            break;
        vkdva_list_remove(&upload->entry);
        pthread_mutex_lock(&sw->mutex);
        vkdva_list_add_tail(&sw->free_uploads, &upload->entry);
        pthread_mutex_unlock(&sw->mutex);
    }
}

/* Device lock held: writes the ready jobs at the head of the queue, in order, and adds their
 * status reports. */
static void vkdva_sw_write_ready(struct vkdva_sw_decoder *sw)
{
    struct d3d11_video_decoder *decoder = sw->decoder;
    struct vkdva_sw_job *job;
    HRESULT hr;

    vkdva_sw_recycle_uploads(sw);
    pthread_mutex_lock(&sw->mutex);
    while (!vkdva_list_empty(&sw->jobs))
    {
        job = CONTAINING_RECORD(sw->jobs.next, struct vkdva_sw_job, entry);
        if (job->state != VKDVA_SW_JOB_READY)
            break;
        vkdva_list_remove(&job->entry);
        --sw->job_count;
        pthread_mutex_unlock(&sw->mutex);

        if (job->upload && FAILED(hr = vkdva_sw_job_write(sw, job)))
        {
            /* After a device removal every write fails, as the application is told. */
            if (FAILED(decoder->device->removed_reason))
                WARN("Submission %"PRId64" not written: the device was removed.\n", job->id);
            else
                ERR("Failed to write submission %"PRId64" into its surface, hr %#x.\n", job->id, hr);
            job->status.status = 3;
        }
        vkdva_decoder_add_status(decoder, &job->status);
        vkdva_sw_job_free(sw, job);
        vkdva_atomic_decrement_u32(&vkdva_sw_pending_jobs);

        pthread_mutex_lock(&sw->mutex);
        pthread_cond_broadcast(&sw->progress_cond);
    }
    pthread_mutex_unlock(&sw->mutex);
}

static void *vkdva_sw_worker(void *arg)
{
    struct vkdva_sw_decoder *sw = arg;
    pthread_mutex_t *device_mutex = &sw->decoder->device->mutex;
    bool worked;

    pthread_mutex_lock(&sw->mutex);
    for (;;)
    {
        /* A packet to send first, then a drain someone waits for, then quitting. */
        worked = vkdva_sw_send_next(sw);
        if (!worked && sw->drain_requested)
        {
            sw->drain_requested = false;
            pthread_mutex_unlock(&sw->mutex);
            vkdva_sw_drain(sw);
            pthread_mutex_lock(&sw->mutex);
            worked = true;
        }
        else if (!worked && sw->quit)
        {
            break;
        }
        else if (!worked)
        {
            sw->worker_idle = true;
            pthread_cond_broadcast(&sw->progress_cond);
            pthread_cond_wait(&sw->work_cond, &sw->mutex);
            sw->worker_idle = false;
        }
        if (!worked)
            continue;
        pthread_cond_broadcast(&sw->progress_cond);
        /* Never wait for the device lock: its holder may be waiting for this thread. */
        pthread_mutex_unlock(&sw->mutex);
        if (!pthread_mutex_trylock(device_mutex))
        {
            vkdva_sw_write_ready(sw);
            pthread_mutex_unlock(device_mutex);
        }
        pthread_mutex_lock(&sw->mutex);
    }
    pthread_mutex_unlock(&sw->mutex);
    return NULL;
}

/* Device lock held: waits until no job matching the filter is left (wait), or makes what
 * progress it can without waiting (!wait). Returns whether none is left. */
enum vkdva_sw_filter
{
    VKDVA_SW_FILTER_ALL,
    VKDVA_SW_FILTER_TEXTURE,
    VKDVA_SW_FILTER_SEQUENCE,
};

struct vkdva_sw_wait
{
    enum vkdva_sw_filter filter;
    const struct d3d11_texture2d *texture;
    UINT sub;
    uint64_t sequence;
};

static bool vkdva_sw_job_matches(const struct vkdva_sw_job *job, const struct vkdva_sw_wait *wait)
{
    switch (wait->filter)
    {
        case VKDVA_SW_FILTER_ALL:
            return true;
        case VKDVA_SW_FILTER_TEXTURE:
            return job->output == wait->texture && (wait->sub == ~0u || job->output_slice == wait->sub);
        case VKDVA_SW_FILTER_SEQUENCE:
            return job->sequence <= wait->sequence;
    }
    return false;
}

static bool vkdva_sw_finish(struct vkdva_sw_decoder *sw, const struct vkdva_sw_wait *wait, bool block)
{
    struct vkdva_sw_job *job, *next, *target;
    bool ready;

    vkdva_sw_write_ready(sw);
    pthread_mutex_lock(&sw->mutex);
    for (;;)
    {
        target = NULL;
        ready = false;
        VKDVA_LIST_FOR_EACH_ENTRY_SAFE(job, next, &sw->jobs, struct vkdva_sw_job, entry)
        {
            if (vkdva_sw_job_matches(job, wait))
                target = job;
        }
        if (!target)
            break;
        if (!vkdva_list_empty(&sw->jobs))
            ready = CONTAINING_RECORD(sw->jobs.next, struct vkdva_sw_job, entry)->state == VKDVA_SW_JOB_READY;
        if (ready)
        {
            pthread_mutex_unlock(&sw->mutex);
            vkdva_sw_write_ready(sw);
            pthread_mutex_lock(&sw->mutex);
            continue;
        }
        /* Held in libavcodec's pipeline with nothing more to come (the caller holds the
         * device lock, so no submission can arrive): drain. */
        if (target->state == VKDVA_SW_JOB_SENT && sw->worker_idle && !sw->drain_requested
                && !vkdva_sw_first_queued(sw))
        {
            sw->drain_requested = true;
            pthread_cond_signal(&sw->work_cond);
        }
        if (!block)
            break;
        pthread_cond_wait(&sw->progress_cond, &sw->mutex);
    }
    pthread_mutex_unlock(&sw->mutex);
    return !target;
}

static bool vkdva_sw_finish_device(struct d3d11_device *device, const struct vkdva_sw_wait *wait, bool block)
{
    struct vkdva_sw_decoder *sw, *next;
    bool done = true;

    if (!__atomic_load_n(&vkdva_sw_pending_jobs, __ATOMIC_ACQUIRE))
        return true;
    pthread_mutex_lock(&vkdva_sw_registry_mutex);
    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(sw, next, &vkdva_sw_registry, struct vkdva_sw_decoder, registry_entry)
    {
        if (sw->decoder->device == device && !vkdva_sw_finish(sw, wait, block))
            done = false;
    }
    pthread_mutex_unlock(&vkdva_sw_registry_mutex);
    return done;
}

void vkdva_sw_decode_sync_texture(struct d3d11_texture2d *texture, UINT sub)
{
    struct vkdva_sw_wait wait = {.filter = VKDVA_SW_FILTER_TEXTURE, .texture = texture, .sub = sub};

    vkdva_sw_finish_device(texture->device, &wait, true);
}

uint64_t vkdva_sw_decode_sequence(void)
{
    return vkdva_atomic_load_u64(&vkdva_sw_sequence);
}

bool vkdva_sw_decode_sync_device(struct d3d11_device *device, uint64_t sequence, bool block)
{
    struct vkdva_sw_wait wait = {.filter = VKDVA_SW_FILTER_SEQUENCE, .sequence = sequence};

    return vkdva_sw_finish_device(device, &wait, block);
}

static void vkdva_sw_collect_statuses(void *backend)
{
    static const struct vkdva_sw_wait wait = {.filter = VKDVA_SW_FILTER_ALL};
    struct vkdva_sw_decoder *sw = backend;

    /* A status report describes finished pictures; the application asks about what it
     * submitted. */
    vkdva_sw_finish(sw, &wait, true);
}

static void vkdva_sw_destroy(void *backend)
{
    static const struct vkdva_sw_wait wait = {.filter = VKDVA_SW_FILTER_ALL};
    struct vkdva_sw_decoder *sw = backend;
    struct d3d11_device *device = sw->decoder->device;
    struct vkdva_sw_upload *upload, *next;

    if (sw->thread_started)
    {
        /* The queued pictures land in their surfaces, as they would on a GPU. */
        vkdva_device_lock(device);
        vkdva_sw_finish(sw, &wait, true);
        vkdva_device_unlock(device);

        pthread_mutex_lock(&vkdva_sw_registry_mutex);
        vkdva_list_remove(&sw->registry_entry);
        pthread_mutex_unlock(&vkdva_sw_registry_mutex);

        if (sw->thread_started)
        {
            pthread_mutex_lock(&sw->mutex);
            sw->quit = true;
            pthread_cond_signal(&sw->work_cond);
            pthread_mutex_unlock(&sw->mutex);
            pthread_join(sw->thread, NULL);
        }
    }
    /* The copies reading the upload buffers finish first. */
    vkdva_device_lock(device);
    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(upload, next, &sw->busy_uploads, struct vkdva_sw_upload, entry)
    {
        vkdva_command_stream_wait(upload->use.stream, upload->use.value, true);
        vkdva_list_remove(&upload->entry);
        vkdva_sw_upload_destroy(sw, upload);
    }
    vkdva_device_unlock(device);
    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(upload, next, &sw->free_uploads, struct vkdva_sw_upload, entry)
    {
        vkdva_list_remove(&upload->entry);
        vkdva_sw_upload_destroy(sw, upload);
    }
    pthread_cond_destroy(&sw->progress_cond);
    pthread_cond_destroy(&sw->work_cond);
    pthread_mutex_destroy(&sw->mutex);

    vkdva_sw_history_clear(sw);
    vkdva_free(sw->history);
    vkdva_free(sw->parameter_sets.data);
    if (sw->codec_state)
        sw->decoder->codec->free_state(sw->codec_state);
    av_frame_free(&sw->last_picture);
    av_frame_free(&sw->frame);
    avcodec_free_context(&sw->avctx);
    vkdva_free(sw);
}

static HRESULT vkdva_sw_create(struct d3d11_video_decoder *decoder, void **backend)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    struct vkdva_sw_decoder *sw;
    const AVCodec *codec;
    HRESULT hr;

    pthread_once(&once, vkdva_sw_init_once);
    if (!(codec = avcodec_find_decoder(vkdva_sw_codec_id(decoder->codec))))
    {
        FIXME("libavcodec has no %s decoder.\n", decoder->codec->name);
        return E_NOTIMPL;
    }
    if (!(sw = vkdva_calloc(1, sizeof(*sw))))
        return E_OUTOFMEMORY;
    sw->decoder = decoder;
    sw->codec = codec;
    vkdva_list_init(&sw->jobs);
    vkdva_list_init(&sw->registry_entry);
    vkdva_list_init(&sw->free_uploads);
    vkdva_list_init(&sw->busy_uploads);
    pthread_mutex_init(&sw->mutex, NULL);
    pthread_cond_init(&sw->work_cond, NULL);
    pthread_cond_init(&sw->progress_cond, NULL);
    sw->thread_count = vkdva_sw_thread_count();
    sw->frame_threads = sw->thread_count > 1 && vkdva_sw_frame_threads_known();
    if (!(sw->frame = av_frame_alloc()) || !(sw->last_picture = av_frame_alloc()))
    {
        hr = E_OUTOFMEMORY;
        goto fail;
    }
    if (FAILED(hr = vkdva_sw_open_context(sw)))
        goto fail;
    if (pthread_create(&sw->thread, NULL, vkdva_sw_worker, sw))
    {
        ERR("Failed to start the decoding thread.\n");
        hr = E_OUTOFMEMORY;
        goto fail;
    }
    sw->thread_started = true;
    pthread_mutex_lock(&vkdva_sw_registry_mutex);
    vkdva_list_add_tail(&vkdva_sw_registry, &sw->registry_entry);
    pthread_mutex_unlock(&vkdva_sw_registry_mutex);
    *backend = sw;
    return S_OK;

fail:
    vkdva_sw_destroy(sw);
    return hr;
}

static HRESULT vkdva_sw_decode(void *backend, const struct vkdva_decode_frame *frame)
{
    struct vkdva_sw_decoder *sw = backend;
    struct d3d11_video_decoder *decoder = sw->decoder;
    struct vkdva_sw_picture picture = {0};
    const uint8_t *slice_data;
    struct vkdva_sw_job *job;
    size_t size, i, limit;
    uint8_t *dst;
    HRESULT hr;

    if (FAILED(hr = decoder->codec->prepare_sw(&sw->codec_state, frame, decoder->config.ConfigBitstreamRaw,
            &picture)))
        goto done;

    size = picture.parameter_sets.count;
    for (i = 0; i < picture.slice_count; ++i)
        size += picture.slices[i].size;
    if (!(job = vkdva_calloc(1, sizeof(*job))))
    {
        hr = E_OUTOFMEMORY;
        goto done;
    }
    if (size > INT_MAX - AV_INPUT_BUFFER_PADDING_SIZE || !(job->packet = av_packet_alloc())
            || av_new_packet(job->packet, (int)size) < 0 || !(job->picture = av_frame_alloc()))
    {
        vkdva_sw_job_free(sw, job);
        hr = E_OUTOFMEMORY;
        goto done;
    }
    dst = job->packet->data;
    if (picture.parameter_sets.count)
        memcpy(dst, picture.parameter_sets.data, picture.parameter_sets.count);
    dst += picture.parameter_sets.count;
    slice_data = picture.slice_data ? picture.slice_data : frame->bitstream;
    for (i = 0; i < picture.slice_count; ++i)
    {
        memcpy(dst, slice_data + picture.slices[i].offset, picture.slices[i].size);
        dst += picture.slices[i].size;
    }
    job->parameter_sets_size = picture.parameter_sets.count;
    job->random_access = vkdva_sw_is_random_access(decoder->codec, job->packet->data + picture.parameter_sets.count,
            size - picture.parameter_sets.count);
    job->second_field = picture.second_field;
    job->keep_first = picture.picture_allocated_first;
    job->output = frame->output;
    ID3D11Texture2D_AddRef(&job->output->ID3D11Texture2D_iface);
    job->output_slice = frame->output_slice;
    if ((job->crypto_session = frame->crypto_session))
        ID3D11CryptoSession_AddRef(&job->crypto_session->ID3D11CryptoSession_iface);
    decoder->codec->describe_picture(frame, &job->status);

    vkdva_atomic_increment_u32(&vkdva_sw_pending_jobs);
    pthread_mutex_lock(&sw->mutex);
    job->id = job->packet->pts = sw->next_id++;
    job->sequence = __atomic_add_fetch(&vkdva_sw_sequence, 1, __ATOMIC_SEQ_CST);
    vkdva_list_add_tail(&sw->jobs, &job->entry);
    ++sw->job_count;
    pthread_cond_signal(&sw->work_cond);
    /* Enough work queued: wait for the worker, writing what it finishes meanwhile (the caller
     * holds the device lock the worker would need). */
    limit = sw->thread_count + VKDVA_SW_MAX_EXTRA_JOBS;
    while (sw->job_count > limit)
    {
        if (CONTAINING_RECORD(sw->jobs.next, struct vkdva_sw_job, entry)->state == VKDVA_SW_JOB_READY)
        {
            pthread_mutex_unlock(&sw->mutex);
            vkdva_sw_write_ready(sw);
            pthread_mutex_lock(&sw->mutex);
            continue;
        }
        pthread_cond_wait(&sw->progress_cond, &sw->mutex);
    }
    pthread_mutex_unlock(&sw->mutex);
    vkdva_sw_write_ready(sw);

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
    .collect_statuses = vkdva_sw_collect_statuses,
    .destroy = vkdva_sw_destroy,
};
