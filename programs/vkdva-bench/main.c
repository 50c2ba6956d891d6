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

/* vkdva-bench: decode throughput through the D3D11 video API and the CPU time vkdva spends per
 * frame; video processor blits beside plain copies ("blit"). For decode, the stream is parsed
 * first (the client's work, timed separately); then every picture is submitted through
 * ID3D11VideoContext and the wall-clock rate and the CPU time of the decode calls are
 * reported. Run by hand; no test depends on the figures. */

/* The library's objects (linked for "reencrypt") define the IIDs: no initguid.h here. */
#include "../vkdva-decode/codec.h"
#include "../vkdva-decode/d3d11va.h"
#include "bench.h"
#include "decoder.h"
#include <pthread.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct captured_picture
{
    struct codec_picture picture;
    void *data[CODEC_MAX_BUFFERS];
};

struct capture
{
    struct codec_sequence sequence;
    bool have_sequence;
    struct captured_picture *pictures;
    size_t count, size;
    bool failed;
};

double bench_clock(clockid_t clock)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int bench_compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static bool capture_sequence(void *context, const struct codec_sequence *sequence)
{
    struct capture *capture = context;

    if (capture->have_sequence && memcmp(&capture->sequence, sequence, sizeof(*sequence)))
    {
        fprintf(stderr, "vkdva-bench: streams with several sequences are not supported.\n");
        capture->failed = true;
        return false;
    }
    capture->sequence = *sequence;
    capture->have_sequence = true;
    return true;
}

static bool capture_picture(void *context, const struct codec_picture *picture)
{
    struct capture *capture = context;
    struct captured_picture *c;
    unsigned int i;

    if (capture->count == capture->size)
    {
        capture->size = capture->size ? capture->size * 2 : 256;
        if (!(capture->pictures = realloc(capture->pictures, capture->size * sizeof(*capture->pictures))))
            return false;
    }
    c = &capture->pictures[capture->count++];
    c->picture = *picture;
    for (i = 0; i < picture->buffer_count; ++i)
    {
        if (!(c->data[i] = malloc(picture->buffers[i].size ? picture->buffers[i].size : 1)))
            return false;
        memcpy(c->data[i], picture->buffers[i].data, picture->buffers[i].size);
        c->picture.buffers[i].data = c->data[i];
    }
    return true;
}

static bool ignore_output(void *context, unsigned int surface, int poc)
{
    return true;
}

static void usage(void)
{
    fprintf(stderr, "Usage: vkdva-bench decode [--repeat N] [--decoders N] [--floor] STREAM\n"
            "       vkdva-bench blit [--count N] [--size WxH] [--rgba]\n"
            "       vkdva-bench reencrypt [--surfaces N] [--width W] [--height H] [--repeat N]\n"
            "       vkdva-bench refresh [--surfaces N] [--width W] [--height H] [--repeat N]\n"
            "decode: decodes STREAM (H.265 when its name ends in .265, .h265 or .hevc) through the D3D11\n"
            "  video API on the default device, reading nothing back, and prints\n"
            "  frames/s and the CPU time of the decode calls per frame (VKDVA_DECODE_BACKEND=vulkan|software\n"
            "  picks the backend). --decoders N: N\n"
            "  decoders, each in its own thread (spread over the device's decode queues). --floor: then\n"
            "  submits the Vulkan decode commands vkdva recorded straight to Vulkan, the same number of\n"
            "  times, and prints that rate and CPU time as the floor.\n"
            "blit: times N VideoProcessorBlt calls from an NV12 to a B8G8R8A8 texture (3840x2160 by\n"
            "  default; R8G8B8A8 with --rgba) and, on the same queue, N CopyResource calls of the NV12\n"
            "  texture, and prints both rates and their ratio.\n"
            "reencrypt: times the AES re-encryption of a session-key refresh beside a buffer copy.\n"
            "refresh: times Start/FinishSessionKeyRefresh through the D3D11 API with N live protected\n"
            "  surfaces.\n");
}

/* Waits until everything the context submitted has executed. */
static void wait_idle(ID3D11Device *device, ID3D11DeviceContext *context)
{
    D3D11_QUERY_DESC query_desc = {D3D11_QUERY_EVENT, 0};
    ID3D11Query *query;
    BOOL done;

    if (FAILED(ID3D11Device_CreateQuery(device, &query_desc, &query)))
        return;
    ID3D11DeviceContext_End(context, (ID3D11Asynchronous *)query);
    /* Sleep between polls: the CPU time measured is the work's, not this wait's. */
    while (ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, &done, sizeof(done), 0) == S_FALSE)
        usleep(50);
    ID3D11Query_Release(query);
}

/* Seconds for count blits (or copies when vp is NULL), after a few untimed ones; the context is
 * flushed every 8 operations so that recording overlaps execution. */
static double time_operations(ID3D11Device *device, ID3D11DeviceContext *context, ID3D11VideoContext *video_context,
        ID3D11VideoProcessor *vp, ID3D11VideoProcessorOutputView *out_view, const D3D11_VIDEO_PROCESSOR_STREAM *stream,
        ID3D11Texture2D *copy_dst, ID3D11Texture2D *copy_src, unsigned int count, double *cpu)
{
    double start = 0.0, start_cpu = 0.0;
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < count + 8; ++i)
    {
        if (i == 8)
        {
            wait_idle(device, context);
            start = bench_clock(CLOCK_MONOTONIC);
            start_cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
        }
        if (vp)
        {
            if (FAILED(hr = ID3D11VideoContext_VideoProcessorBlt(video_context, vp, out_view, i, 1, stream)))
            {
                fprintf(stderr, "VideoProcessorBlt failed, hr %#x.\n", (unsigned int)hr);
                return -1.0;
            }
        }
        else
        {
            ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)copy_dst, (ID3D11Resource *)copy_src);
        }
        if (!(i % 8))
            ID3D11DeviceContext_Flush(context);
    }
    /* CPU time of the calls themselves, before waiting for the GPU. */
    *cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - start_cpu;
    wait_idle(device, context);
    return bench_clock(CLOCK_MONOTONIC) - start;
}

static int bench_blit(int argc, char **argv)
{
    D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC in_desc = {0, D3D11_VPIV_DIMENSION_TEXTURE2D, {{0, 0}}};
    D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC out_desc = {D3D11_VPOV_DIMENSION_TEXTURE2D, {{0}}};
    unsigned int width = 3840, height = 2160, count = 200, x, y;
    DXGI_FORMAT output_format = DXGI_FORMAT_B8G8R8A8_UNORM;
    ID3D11Texture2D *input = NULL, *copy = NULL, *output = NULL;
    ID3D11VideoProcessorOutputView *out_view = NULL;
    ID3D11VideoProcessorInputView *in_view = NULL;
    ID3D11VideoProcessorEnumerator *enumerator;
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC content;
    D3D11_VIDEO_PROCESSOR_STREAM stream = {0};
    ID3D11VideoContext *video_context;
    ID3D11VideoDevice *video_device;
    D3D11_TEXTURE2D_DESC desc = {0};
    ID3D11DeviceContext *context;
    D3D11_SUBRESOURCE_DATA data;
    double blit_s, copy_s, t, blit_cpu, copy_cpu, c;
    ID3D11VideoProcessor *vp;
    ID3D11Device *device;
    uint8_t *pixels;
    HRESULT hr;
    int a;

    for (a = 2; a < argc; ++a)
    {
        if (!strcmp(argv[a], "--count") && a + 1 < argc)
            count = strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--size") && a + 1 < argc && sscanf(argv[a + 1], "%ux%u", &width, &height) == 2)
            ++a;
        else if (!strcmp(argv[a], "--rgba"))
            output_format = DXGI_FORMAT_R8G8B8A8_UNORM;
        else
        {
            usage();
            return 2;
        }
    }
    if (!count || !width || !height || (width | height) & 1)
    {
        usage();
        return 2;
    }

    if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
    {
        fprintf(stderr, "Cannot create a device, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    ID3D11Device_GetImmediateContext(device, &context);
    ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);

    /* A gradient, so that the blit converts real colours. */
    if (!(pixels = malloc((size_t)width * height * 3 / 2)))
        return 1;
    for (y = 0; y < height; ++y)
    {
        for (x = 0; x < width; ++x)
            pixels[(size_t)y * width + x] = 16 + (x + y) % 220;
    }
    for (y = 0; y < height / 2; ++y)
    {
        for (x = 0; x < width; ++x)
            pixels[(size_t)(height + y) * width + x] = 16 + (x * 3 + y) % 225;
    }
    data.pSysMem = pixels;
    data.SysMemPitch = width;
    data.SysMemSlicePitch = width * height * 3 / 2;
    desc.Width = width;
    desc.Height = height;
    desc.MipLevels = 1;
    desc.ArraySize = 1;
    desc.Format = DXGI_FORMAT_NV12;
    desc.SampleDesc.Count = 1;
    desc.Usage = D3D11_USAGE_DEFAULT;
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, &data, &input))
            || FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &copy)))
    {
        fprintf(stderr, "Cannot create NV12 textures, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    free(pixels);
    desc.Format = output_format;
    desc.BindFlags = D3D11_BIND_RENDER_TARGET;
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &output)))
    {
        fprintf(stderr, "Cannot create the output texture, hr %#x.\n", (unsigned int)hr);
        return 1;
    }

    memset(&content, 0, sizeof(content));
    content.InputFrameFormat = D3D11_VIDEO_FRAME_FORMAT_PROGRESSIVE;
    content.InputFrameRate.Numerator = content.OutputFrameRate.Numerator = 60;
    content.InputFrameRate.Denominator = content.OutputFrameRate.Denominator = 1;
    content.InputWidth = content.OutputWidth = width;
    content.InputHeight = content.OutputHeight = height;
    content.Usage = D3D11_VIDEO_USAGE_PLAYBACK_NORMAL;
    if (FAILED(hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &content, &enumerator))
            || FAILED(hr = ID3D11VideoDevice_CreateVideoProcessor(video_device, enumerator, 0, &vp))
            || FAILED(hr = ID3D11VideoDevice_CreateVideoProcessorInputView(video_device, (ID3D11Resource *)input,
                    enumerator, &in_desc, &in_view))
            || FAILED(hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(video_device, (ID3D11Resource *)output,
                    enumerator, &out_desc, &out_view)))
    {
        fprintf(stderr, "Cannot create the video processor, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    stream.Enable = TRUE;
    stream.pInputSurface = in_view;

    /* Interleaved runs, so that clocks and caches treat both alike. */
    if ((blit_s = time_operations(device, context, video_context, vp, out_view, &stream, NULL, NULL,
            count, &blit_cpu)) < 0.0)
        return 1;
    copy_s = time_operations(device, context, NULL, NULL, NULL, NULL, copy, input, count, &copy_cpu);
    if ((t = time_operations(device, context, video_context, vp, out_view, &stream, NULL, NULL, count, &c)) < blit_s)
    {
        blit_s = t;
        blit_cpu = c;
    }
    if ((t = time_operations(device, context, NULL, NULL, NULL, NULL, copy, input, count, &c)) < copy_s)
    {
        copy_s = t;
        copy_cpu = c;
    }

    printf("blit: %ux%u NV12 -> %s, %u blits: %.1f blits/s (%.1f us each, %.1f us CPU)\n",
            width, height, output_format == DXGI_FORMAT_R8G8B8A8_UNORM ? "R8G8B8A8_UNORM" : "B8G8R8A8_UNORM",
            count, count / blit_s, blit_s * 1e6 / count, blit_cpu * 1e6 / count);
    printf("copy: %ux%u NV12 CopyResource (%.1f MB), %u copies: %.1f copies/s (%.1f us each, %.1f us CPU)\n",
            width, height, width * height * 1.5 / 1e6, count, count / copy_s, copy_s * 1e6 / count,
            copy_cpu * 1e6 / count);
    printf("ratio (blits/s / copies/s): %.2f\n", copy_s / blit_s);

    ID3D11VideoProcessorOutputView_Release(out_view);
    ID3D11VideoProcessorInputView_Release(in_view);
    ID3D11VideoProcessor_Release(vp);
    ID3D11VideoProcessorEnumerator_Release(enumerator);
    ID3D11Texture2D_Release(output);
    ID3D11Texture2D_Release(copy);
    ID3D11Texture2D_Release(input);
    ID3D11VideoContext_Release(video_context);
    ID3D11VideoDevice_Release(video_device);
    ID3D11DeviceContext_Release(context);
    ID3D11Device_Release(device);
    return 0;
}

/* One decoder of the decode mode, driven by its own thread with --decoders N. */
struct decode_job
{
    struct d3d11va *va;
    const struct capture *capture;
    unsigned int passes;
    HRESULT hr;
    /* Monotonic time at the end of each pass's submissions, or NULL. */
    double *pass_ends;
};

static void *decode_passes(void *context)
{
    struct decode_job *job = context;
    unsigned int r;
    size_t i;

    for (r = 0; r < job->passes; ++r)
    {
        for (i = 0; i < job->capture->count; ++i)
        {
            if (FAILED(job->hr = d3d11va_decode(job->va, &job->capture->pictures[i].picture)))
            {
                fprintf(stderr, "Picture %zu failed, hr %#x.\n", i, (unsigned int)job->hr);
                return NULL;
            }
        }
        if (job->pass_ends)
            job->pass_ends[r] = bench_clock(CLOCK_MONOTONIC);
    }
    return NULL;
}

#define BENCH_MAX_DECODERS 16

int main(int argc, char **argv)
{
    double parse_cpu, start_wall, start_cpu, wall, cpu, frames;
    struct decode_job jobs[BENCH_MAX_DECODERS] = {{0}};
    pthread_t threads[BENCH_MAX_DECODERS];
    struct codec_callbacks callbacks = {0};
    const struct codec_ops *codec_ops;
    unsigned int repeat = 1, decoder_count = 1, d;
    ID3D11Multithread *multithread;
    struct capture capture = {0};
    ID3D11DeviceContext *context;
    const char *input = NULL;
    bool floor_mode = false;
    ID3D11Device *device;
    struct bitstream_nal nal;
    struct codec *codec;
    size_t size, pos = 0, i;
    uint8_t *stream;
    HRESULT hr;
    int a;

    if (argc >= 2 && !strcmp(argv[1], "reencrypt"))
        return bench_reencrypt(argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "refresh"))
        return bench_refresh(argc, argv);
    if (argc >= 2 && !strcmp(argv[1], "blit"))
        return bench_blit(argc, argv);
    if (argc < 3 || strcmp(argv[1], "decode"))
    {
        usage();
        return 2;
    }
    for (a = 2; a < argc; ++a)
    {
        if (!strcmp(argv[a], "--repeat") && a + 1 < argc)
            repeat = strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--decoders") && a + 1 < argc)
            decoder_count = strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--floor"))
            floor_mode = true;
        else
            input = argv[a];
    }
    if (!input || !repeat || !decoder_count || decoder_count > BENCH_MAX_DECODERS
            || !(stream = bitstream_read_file(input, &size)))
    {
        usage();
        return 2;
    }

    callbacks.context = &capture;
    callbacks.start_sequence = capture_sequence;
    callbacks.decode_picture = capture_picture;
    callbacks.output_picture = ignore_output;
    start_cpu = bench_clock(CLOCK_THREAD_CPUTIME_ID);
    if (!(codec_ops = codec_for_stream(input, stream, size)))
    {
        fprintf(stderr, "%s: no H.264 or H.265 parameter set found.\n", input);
        return 1;
    }
    if (!(codec = codec_ops->create(&callbacks)))
        return 1;
    while (bitstream_next_nal(stream, size, &pos, &nal))
    {
        if (!codec->ops->decode_nal(codec, &nal))
            return 1;
    }
    codec->ops->flush(codec);
    codec->ops->destroy(codec);
    parse_cpu = bench_clock(CLOCK_THREAD_CPUTIME_ID) - start_cpu;
    if (capture.failed || !capture.count)
        return 1;

    if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
    {
        fprintf(stderr, "Cannot create a device, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    /* Several decoding threads share the device, as D3D11 allows with multithread protection. */
    if (decoder_count > 1 && SUCCEEDED(ID3D11Device_QueryInterface(device, &IID_ID3D11Multithread,
            (void **)&multithread)))
    {
        ID3D11Multithread_SetMultithreadProtected(multithread, TRUE);
        ID3D11Multithread_Release(multithread);
    }
    ID3D11Device_GetImmediateContext(device, &context);
    for (d = 0; d < decoder_count; ++d)
    {
        jobs[d].capture = &capture;
        if (FAILED(d3d11va_create(device, &jobs[d].va)) || FAILED(d3d11va_configure(jobs[d].va, &capture.sequence)))
            return 1;
    }
    /* The floor keeps the Vulkan commands of the untimed first pass. */
    if (floor_mode && FAILED(hr = vkdva_decoder_floor_capture(d3d11va_get_decoder(jobs[0].va), capture.count)))
    {
        fprintf(stderr, "The decoder has no floor mode, hr %#x.\n", (unsigned int)hr);
        return 1;
    }

    /* One untimed pass per decoder warms up the session, the parameters and the allocations. */
    for (d = 0; d < decoder_count; ++d)
    {
        jobs[d].passes = 1;
        decode_passes(&jobs[d]);
        if (FAILED(jobs[d].hr))
            return 1;
        jobs[d].passes = repeat;
    }
    wait_idle(device, context);

    start_wall = bench_clock(CLOCK_MONOTONIC);
    start_cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
    if (decoder_count == 1)
    {
        jobs[0].pass_ends = calloc(repeat, sizeof(*jobs[0].pass_ends));
        decode_passes(&jobs[0]);
    }
    else
    {
        for (d = 0; d < decoder_count; ++d)
            pthread_create(&threads[d], NULL, decode_passes, &jobs[d]);
        for (d = 0; d < decoder_count; ++d)
            pthread_join(threads[d], NULL);
    }
    for (d = 0; d < decoder_count; ++d)
    {
        if (FAILED(jobs[d].hr))
            return 1;
    }
    /* Everything submitted has completed when an event query signals. */
    wait_idle(device, context);
    wall = bench_clock(CLOCK_MONOTONIC) - start_wall;
    cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - start_cpu;
    frames = (double)capture.count * repeat * decoder_count;

    printf("stream: %s, %ux%u, %zu pictures, %u timed passes, %u decoder(s)\n", input, capture.sequence.width,
            capture.sequence.height, capture.count, repeat, decoder_count);
    printf("decode: %.1f frames/s (%.3f s)\n", frames / wall, wall);
    printf("CPU in the decode calls (process, all threads): %.1f us/frame\n", cpu * 1e6 / frames);
    printf("client parsing (not included above): %.1f us/frame\n", parse_cpu * 1e6 / capture.count);
    if (jobs[0].pass_ends && repeat > 1)
    {
        /* Submission time of each pass: shows whether the rate holds over a long run. */
        printf("passes (ms):");
        for (d = 0; d < repeat; ++d)
            printf(" %.0f", (jobs[0].pass_ends[d] - (d ? jobs[0].pass_ends[d - 1] : start_wall)) * 1e3);
        printf("\n");
    }
    free(jobs[0].pass_ends);

    if (floor_mode)
    {
        start_wall = bench_clock(CLOCK_MONOTONIC);
        start_cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
        if (FAILED(hr = vkdva_decoder_floor_replay(d3d11va_get_decoder(jobs[0].va), repeat)))
        {
            fprintf(stderr, "The floor replay failed, hr %#x.\n", (unsigned int)hr);
            return 1;
        }
        wall = bench_clock(CLOCK_MONOTONIC) - start_wall;
        cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - start_cpu;
        frames = (double)capture.count * repeat;
        printf("floor (the same Vulkan decode commands submitted directly): %.1f frames/s (%.3f s), "
                "%.1f us/frame CPU\n", frames / wall, wall, cpu * 1e6 / frames);
    }

    ID3D11DeviceContext_Release(context);
    for (d = 0; d < decoder_count; ++d)
        d3d11va_destroy(jobs[d].va);
    ID3D11Device_Release(device);
    for (i = 0; i < capture.count; ++i)
    {
        for (d = 0; d < capture.pictures[i].picture.buffer_count; ++d)
            free(capture.pictures[i].data[d]);
    }
    free(capture.pictures);
    free(stream);
    return 0;
}
