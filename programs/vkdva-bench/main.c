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
 * frame. The stream is parsed first (the client's work, timed separately); then every picture
 * is submitted through ID3D11VideoContext and the wall-clock rate and the CPU time of the
 * decode calls are reported. Run by hand; no test depends on the figures. */

#include <initguid.h>
#include "../vkdva-decode/codec.h"
#include "../vkdva-decode/d3d11va.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static double clock_seconds(clockid_t clock)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
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
    fprintf(stderr, "Usage: vkdva-bench decode [--repeat N] STREAM.h264\n"
            "Decodes STREAM through the D3D11 video API on the default device and prints frames/s and\n"
            "the CPU time of the decode calls per frame. VKDVA_DECODE_BACKEND=vulkan|software picks the\n"
            "backend.\n");
}

int main(int argc, char **argv)
{
    double parse_cpu, start_wall = 0.0, start_cpu, wall, cpu;
    struct codec_callbacks callbacks = {0};
    ID3D11DeviceContext *context;
    D3D11_QUERY_DESC query_desc;
    struct capture capture = {0};
    unsigned int repeat = 1, r;
    const char *input = NULL;
    ID3D11Device *device;
    struct bitstream_nal nal;
    struct d3d11va *va;
    struct codec *codec;
    size_t size, pos = 0, i;
    ID3D11Query *query;
    uint8_t *stream;
    BOOL done;
    HRESULT hr;
    int a;

    if (argc < 3 || strcmp(argv[1], "decode"))
    {
        usage();
        return 2;
    }
    for (a = 2; a < argc; ++a)
    {
        if (!strcmp(argv[a], "--repeat") && a + 1 < argc)
            repeat = strtoul(argv[++a], NULL, 10);
        else
            input = argv[a];
    }
    if (!input || !repeat || !(stream = bitstream_read_file(input, &size)))
    {
        usage();
        return 2;
    }

    callbacks.context = &capture;
    callbacks.start_sequence = capture_sequence;
    callbacks.decode_picture = capture_picture;
    callbacks.output_picture = ignore_output;
    start_cpu = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
    if (!(codec = h264_codec_ops.create(&callbacks)))
        return 1;
    while (bitstream_next_nal(stream, size, &pos, &nal))
    {
        if (!codec->ops->decode_nal(codec, &nal))
            return 1;
    }
    codec->ops->flush(codec);
    codec->ops->destroy(codec);
    parse_cpu = clock_seconds(CLOCK_THREAD_CPUTIME_ID) - start_cpu;
    if (capture.failed || !capture.count)
        return 1;

    if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
    {
        fprintf(stderr, "Cannot create a device, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    if (FAILED(d3d11va_create(device, &va)) || FAILED(d3d11va_configure(va, &capture.sequence)))
        return 1;
    ID3D11Device_GetImmediateContext(device, &context);
    query_desc.Query = D3D11_QUERY_EVENT;
    query_desc.MiscFlags = 0;
    ID3D11Device_CreateQuery(device, &query_desc, &query);

    /* One untimed pass warms up the session, the parameters and the allocations. */
    for (r = 0; r <= repeat; ++r)
    {
        if (r == 1)
        {
            start_wall = clock_seconds(CLOCK_MONOTONIC);
            start_cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
        }
        for (i = 0; i < capture.count; ++i)
        {
            if (FAILED(hr = d3d11va_decode(va, &capture.pictures[i].picture)))
            {
                fprintf(stderr, "Picture %zu failed, hr %#x.\n", i, (unsigned int)hr);
                return 1;
            }
        }
    }
    /* Everything submitted has completed when the event query signals. */
    ID3D11DeviceContext_End(context, (ID3D11Asynchronous *)query);
    while (ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, &done, sizeof(done), 0) == S_FALSE)
        ;
    wall = clock_seconds(CLOCK_MONOTONIC) - start_wall;
    cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - start_cpu;

    printf("stream: %s, %ux%u, %zu pictures, %u timed passes\n", input, capture.sequence.width,
            capture.sequence.height, capture.count, repeat);
    printf("decode: %.1f frames/s (%.3f s)\n", capture.count * repeat / wall, wall);
    printf("CPU in the decode calls (process, all threads): %.1f us/frame\n", cpu * 1e6 / (capture.count * repeat));
    printf("client parsing (not included above): %.1f us/frame\n", parse_cpu * 1e6 / capture.count);

    ID3D11Query_Release(query);
    ID3D11DeviceContext_Release(context);
    d3d11va_destroy(va);
    ID3D11Device_Release(device);
    for (i = 0; i < capture.count; ++i)
    {
        for (r = 0; r < capture.pictures[i].picture.buffer_count; ++r)
            free(capture.pictures[i].data[r]);
    }
    free(capture.pictures);
    free(stream);
    return 0;
}
