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

/* Several decoders on one device at once (issue 3's GPU tests): the stream is parsed once by
 * vkdva-decode's DXVA client, then every picture is submitted to N decoders in turn, each
 * with its own surfaces, and every decoder's output must have the reference MD5. Before
 * that, a decoder is destroyed right after submitting pictures, with its work still in
 * flight. Runs on any device; --gpu insists on the Vulkan Video backend (exit 77 without a
 * video queue). */

#include <initguid.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include "vkdva_compat.h"
#include "../programs/vkdva-decode/d3d11va.h"

#define MAX_DECODERS 8

enum event_type
{
    EVENT_SEQUENCE,
    EVENT_DECODE,
    EVENT_OUTPUT,
};

struct event
{
    enum event_type type;
    unsigned int index;     /* sequence, picture or surface */
};

struct capture
{
    struct codec_sequence *sequences;
    size_t sequence_count;
    struct codec_picture *pictures;
    size_t picture_count;
    struct event *events;
    size_t event_count;
    bool failed;
};

static void *grow(void *array, size_t count, size_t element_size)
{
    return realloc(array, (count + 1) * element_size);
}

static bool add_event(struct capture *capture, enum event_type type, unsigned int index)
{
    if (!(capture->events = grow(capture->events, capture->event_count, sizeof(*capture->events))))
        return false;
    capture->events[capture->event_count++] = (struct event){type, index};
    return true;
}

static bool capture_sequence(void *context, const struct codec_sequence *sequence)
{
    struct capture *capture = context;

    if (!(capture->sequences = grow(capture->sequences, capture->sequence_count, sizeof(*sequence))))
        return false;
    capture->sequences[capture->sequence_count] = *sequence;
    return add_event(capture, EVENT_SEQUENCE, capture->sequence_count++);
}

static bool capture_picture(void *context, const struct codec_picture *picture)
{
    struct capture *capture = context;
    struct codec_picture *copy;
    unsigned int i;
    void *data;

    if (!(capture->pictures = grow(capture->pictures, capture->picture_count, sizeof(*picture))))
        return false;
    copy = &capture->pictures[capture->picture_count];
    *copy = *picture;
    for (i = 0; i < picture->buffer_count; ++i)
    {
        if (!(data = malloc(picture->buffers[i].size ? picture->buffers[i].size : 1)))
            return false;
        memcpy(data, picture->buffers[i].data, picture->buffers[i].size);
        copy->buffers[i].data = data;
    }
    return add_event(capture, EVENT_DECODE, capture->picture_count++);
}

static bool capture_output(void *context, unsigned int surface, int poc)
{
    return add_event(context, EVENT_OUTPUT, surface);
}

static void free_capture(struct capture *capture)
{
    unsigned int k;
    size_t i;

    for (i = 0; i < capture->picture_count; ++i)
    {
        for (k = 0; k < capture->pictures[i].buffer_count; ++k)
            free((void *)capture->pictures[i].buffers[k].data);
    }
    free(capture->pictures);
    free(capture->sequences);
    free(capture->events);
}

static const struct codec_ops *codec_from_name(const char *name)
{
    if (!strcmp(name, "h264"))
        return &h264_codec_ops;
#ifdef HAVE_HEVC_CLIENT
    if (!strcmp(name, "hevc"))
        return &hevc_codec_ops;
#endif
    return NULL;
}

/* Replays events [0, end) on the decoders, hashing what each one outputs (md may be NULL). */
static HRESULT replay(const struct capture *capture, size_t end, struct d3d11va **va, EVP_MD_CTX **md,
        unsigned int count)
{
    const struct event *event;
    const uint8_t *data;
    unsigned int k;
    size_t i, size;
    HRESULT hr;

    for (i = 0; i < end; ++i)
    {
        event = &capture->events[i];
        for (k = 0; k < count; ++k)
        {
            switch (event->type)
            {
                case EVENT_SEQUENCE:
                    if (FAILED(hr = d3d11va_configure(va[k], &capture->sequences[event->index])))
                        return hr;
                    break;
                case EVENT_DECODE:
                    if (FAILED(hr = d3d11va_decode(va[k], &capture->pictures[event->index])))
                    {
                        fprintf(stderr, "decoder %u: picture %u failed, hr %#x.\n", k, event->index,
                                (unsigned int)hr);
                        return hr;
                    }
                    break;
                case EVENT_OUTPUT:
                    if (!md)
                        break;
                    if (FAILED(hr = d3d11va_read_surface(va[k], event->index, &data, &size)))
                        return hr;
                    EVP_DigestUpdate(md[k], data, size);
                    break;
            }
        }
    }
    return S_OK;
}

static void usage(void)
{
    fprintf(stderr, "Usage: test_decode_multi [--gpu] [--decoders N] [--codec h264|hevc] STREAM MD5\n");
}

int main(int argc, char **argv)
{
    const char *input = NULL, *expected = NULL, *codec_name = "h264";
    struct codec_callbacks callbacks = {0};
    struct d3d11va *va[MAX_DECODERS] = {0};
    struct vkdva_vk_device_info info = {.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO};
    EVP_MD_CTX *md[MAX_DECODERS] = {0};
    unsigned int count = 3, k, failed = 0;
    struct capture capture = {0};
    const struct codec_ops *ops;
    unsigned char digest[16];
    struct bitstream_nal nal;
    char hex[33], *end;
    ID3D11Device *device;
    struct codec *codec;
    size_t size, pos = 0;
    bool gpu = false;
    uint8_t *stream;
    HRESULT hr;
    int a, i;

    for (a = 1; a < argc; ++a)
    {
        if (!strcmp(argv[a], "--gpu"))
            gpu = true;
        else if (!strcmp(argv[a], "--decoders") && a + 1 < argc)
            count = strtoul(argv[++a], &end, 10);
        else if (!strcmp(argv[a], "--codec") && a + 1 < argc)
            codec_name = argv[++a];
        else if (!input)
            input = argv[a];
        else
            expected = argv[a];
    }
    if (!input || !expected || count < 2 || count > MAX_DECODERS || !(ops = codec_from_name(codec_name)))
    {
        usage();
        return 2;
    }
    if (!(stream = bitstream_read_file(input, &size)))
    {
        printf("%s: not found, skipping\n", input);
        return 77;
    }
    if (gpu)
        setenv("VKDVA_DECODE_BACKEND", "vulkan", 1);

    callbacks.context = &capture;
    callbacks.start_sequence = capture_sequence;
    callbacks.decode_picture = capture_picture;
    callbacks.output_picture = capture_output;
    if (!(codec = ops->create(&callbacks)))
        return 1;
    while (bitstream_next_nal(stream, size, &pos, &nal))
    {
        if (!codec->ops->decode_nal(codec, &nal))
            break;
    }
    codec->ops->flush(codec);
    codec->ops->destroy(codec);
    free(stream);
    if (!capture.picture_count)
    {
        printf("%s: no pictures parsed\n", input);
        return 1;
    }

    if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
    {
        printf("Cannot create a device, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    if (gpu && (FAILED(vkdva_get_vk_device_info(device, &info))
            || info.decode_queue_family_index == VK_QUEUE_FAMILY_IGNORED))
    {
        printf("No Vulkan Video decode queue here, skipping.\n");
        ID3D11Device_Release(device);
        free_capture(&capture);
        return 77;
    }

    /* A decoder released with its pictures still in flight: nothing may crash, leak, or
     * disturb the decoders that follow. */
    if (FAILED(hr = d3d11va_create(device, &va[0])))
        return 1;
    if (FAILED(hr = replay(&capture, capture.event_count < 24 ? capture.event_count : 24, va, NULL, 1)))
    {
        if (gpu && hr == E_INVALIDARG)
        {
            printf("The Vulkan Video backend does not decode this stream here, skipping.\n");
            d3d11va_destroy(va[0]);
            ID3D11Device_Release(device);
            free_capture(&capture);
            return 77;
        }
        printf("Early decode failed, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    d3d11va_destroy(va[0]);
    va[0] = NULL;
    printf("ok   decoder destroyed with pictures in flight\n");

    for (k = 0; k < count; ++k)
    {
        if (FAILED(hr = d3d11va_create(device, &va[k])))
            return 1;
        md[k] = EVP_MD_CTX_new();
        EVP_DigestInit_ex(md[k], EVP_md5(), NULL);
    }
    if (FAILED(hr = replay(&capture, capture.event_count, va, md, count)))
    {
        printf("FAIL %u decoders at once: hr %#x\n", count, (unsigned int)hr);
        return 1;
    }
    for (k = 0; k < count; ++k)
    {
        EVP_DigestFinal_ex(md[k], digest, NULL);
        EVP_MD_CTX_free(md[k]);
        for (i = 0; i < 16; ++i)
            sprintf(hex + 2 * i, "%02x", digest[i]);
        if (strcmp(hex, expected))
        {
            printf("FAIL decoder %u of %u: MD5 %s, expected %s\n", k, count, hex, expected);
            ++failed;
        }
        d3d11va_destroy(va[k]);
    }
    if (!failed)
        printf("ok   %u decoders at once, each MD5 %s\n", count, expected);

    free_capture(&capture);
    ID3D11Device_Release(device);
    return failed ? 1 : 0;
}
