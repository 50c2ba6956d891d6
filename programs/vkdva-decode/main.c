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

/* vkdva-decode: decodes an H.264 or H.265/HEVC Annex B stream through vkdva's D3D11 video
 * API, the way a Windows D3D11VA application does, and writes or hashes the frames as planar
 * 4:2:0. */

/* The hardware-mode test's build links the library's objects, which define the GUIDs. */
#ifndef VKDVA_DECODE_PROTECTED_READER
# include <initguid.h>
#endif
#define COBJMACROS
#include <vkdva.h>
#include "codec.h"
#include "d3d11va.h"
#include "output.h"
#include <errno.h>
#include <stdlib.h>

#ifdef VKDVA_DECODE_PROTECTED_READER
/* tests/protected_layer/readback.c */
HRESULT VKDVA_DECODE_PROTECTED_READER(struct drm_client *client, ID3D11Texture2D *texture,
        ID3D11Texture2D *staging, unsigned int sub, const uint8_t **data, UINT *row_pitch);
#endif
#include <string.h>
#include <time.h>

struct decode_app
{
    const struct codec_ops *codec_ops;
    struct d3d11va *va;
    struct output output;
    bool dump;
    unsigned int max_frames;        /* 0: all */
    unsigned int output_count;
    bool done;
};

static bool app_start_sequence(void *context, const struct codec_sequence *sequence)
{
    struct decode_app *app = context;

    if (app->dump)
    {
        printf("sequence: %ux%u surfaces %u crop %u,%u %ux%u\n", sequence->width, sequence->height,
                sequence->surface_count, sequence->crop_x, sequence->crop_y, sequence->crop_width,
                sequence->crop_height);
        return true;
    }
    return SUCCEEDED(d3d11va_configure(app->va, sequence));
}

static bool app_decode_picture(void *context, const struct codec_picture *picture)
{
    struct decode_app *app = context;

    if (app->done)
        return true;
    if (app->dump)
    {
        app->codec_ops->dump_picture(stdout, picture);
        return true;
    }
    return SUCCEEDED(d3d11va_decode(app->va, picture));
}

static bool app_output_picture(void *context, unsigned int surface, int poc)
{
    struct decode_app *app = context;
    const uint8_t *data;
    size_t size;

    if (app->done)
        return true;
    if (app->dump)
    {
        printf("out %u: poc %d surface %u\n", app->output_count, poc, surface);
    }
    else if (output_wants_frames(&app->output))
    {
        if (FAILED(d3d11va_read_surface(app->va, surface, &data, &size)))
            return false;
        if (!output_write_frame(&app->output, data, size))
            return false;
    }
    if (++app->output_count == app->max_frames)
        app->done = true;
    return true;
}

static void usage(void)
{
    fprintf(stderr,
            "Usage: vkdva-decode [OPTIONS] STREAM\n"
            "Decodes an H.264 or H.265/HEVC Annex B stream with vkdva's D3D11 video API.\n"
            "  --codec h264|hevc  the stream's codec (default: from the file name's extension\n"
            "                 .h265/.265/.hevc or .h264/.264/..., else from its parameter sets)\n"
            "  -o FILE        write the frames as raw planar 4:2:0 (yuv420p; yuv420p10le for\n"
            "                 10-bit: 16-bit little-endian samples)\n"
            "  --md5          print the MD5 of the whole output\n"
            "  --frame-md5    print the MD5 of each output frame (\"N: md5\")\n"
            "  --frames N     stop after N output frames\n"
            "  --dump-dxva    do not decode: print the DXVA parameters of each picture in\n"
            "                 decode order and the output order (no device is created)\n"
            "  --fps          print the decoding speed to stderr (without -o, --md5 or\n"
            "                 --frame-md5 the pictures are decoded but not read back)\n"
            "  --protected    decode as a DRM client: session key exchanged against the device\n"
            "                 certificate, bitstream encrypted with a content key, protected\n"
            "                 output surfaces read back with EncryptionBlt and decrypted here\n"
            "  --refresh-every N  with --protected, refresh the session key every N pictures\n"
            "  --encryption full|pattern|cenc|all  with --protected, how bitstream buffers are\n"
            "                 encrypted: whole, a 16/32/16 block pattern, CENC sub-samples per NAL\n"
            "                 unit (SubmitDecoderBuffers1), or each in turn (default)\n");
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *input = NULL, *output_path = NULL;
    bool md5 = false, frame_md5 = false, fps = false, protected = false;
    enum drm_encryption encryption = DRM_ENCRYPTION_ALL;
    unsigned int refresh_every = 0;
    struct codec_callbacks callbacks;
    ID3D11Device *device = NULL;
    struct decode_app app;
    struct bitstream_nal nal;
    struct codec *codec;
    size_t size, pos = 0;
    uint8_t *stream;
    double start, elapsed;
    char *end;
    int i, ret = 1;
    HRESULT hr;

    memset(&app, 0, sizeof(app));
    for (i = 1; i < argc; ++i)
    {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
        {
            output_path = argv[++i];
        }
        else if (!strcmp(argv[i], "--codec") && i + 1 < argc)
        {
            if (!(app.codec_ops = codec_from_name(argv[++i])))
            {
                fprintf(stderr, "Unknown codec \"%s\" (h264 or hevc).\n", argv[i]);
                return 2;
            }
        }
        else if (!strcmp(argv[i], "--md5"))
        {
            md5 = true;
        }
        else if (!strcmp(argv[i], "--frame-md5"))
        {
            frame_md5 = true;
        }
        else if (!strcmp(argv[i], "--frames") && i + 1 < argc)
        {
            errno = 0;
            app.max_frames = strtoul(argv[++i], &end, 10);
            if (errno || *end || !app.max_frames)
            {
                fprintf(stderr, "Invalid frame count \"%s\".\n", argv[i]);
                return 2;
            }
        }
        else if (!strcmp(argv[i], "--dump-dxva"))
        {
            app.dump = true;
        }
        else if (!strcmp(argv[i], "--fps"))
        {
            fps = true;
        }
        else if (!strcmp(argv[i], "--protected"))
        {
            protected = true;
        }
        else if (!strcmp(argv[i], "--encryption") && i + 1 < argc)
        {
            ++i;
            if (!strcmp(argv[i], "all"))
                encryption = DRM_ENCRYPTION_ALL;
            else if (!strcmp(argv[i], "full"))
                encryption = DRM_ENCRYPTION_FULL;
            else if (!strcmp(argv[i], "pattern"))
                encryption = DRM_ENCRYPTION_PATTERN;
            else if (!strcmp(argv[i], "cenc"))
                encryption = DRM_ENCRYPTION_CENC;
            else
            {
                fprintf(stderr, "Invalid encryption \"%s\".\n", argv[i]);
                return 2;
            }
        }
        else if (!strcmp(argv[i], "--refresh-every") && i + 1 < argc)
        {
            errno = 0;
            refresh_every = strtoul(argv[++i], &end, 10);
            if (errno || *end)
            {
                fprintf(stderr, "Invalid refresh interval \"%s\".\n", argv[i]);
                return 2;
            }
        }
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
        {
            usage();
            return 0;
        }
        else if (argv[i][0] == '-' || input)
        {
            usage();
            return 2;
        }
        else
        {
            input = argv[i];
        }
    }
    if (!input)
    {
        usage();
        return 2;
    }
    if (!(stream = bitstream_read_file(input, &size)))
    {
        fprintf(stderr, "Cannot read \"%s\": %s.\n", input, strerror(errno));
        return 1;
    }
    if (!app.codec_ops)
    {
        if (!(app.codec_ops = codec_for_stream(input, stream, size)))
        {
            fprintf(stderr, "%s: no H.264 or H.265 parameter set found; name the codec with --codec.\n", input);
            free(stream);
            return 1;
        }
    }
    if (!output_init(&app.output, app.dump ? NULL : output_path, md5 && !app.dump, frame_md5 && !app.dump))
        goto out_free_stream;

    if (!app.dump)
    {
        if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
        {
            fprintf(stderr, "Cannot create a vkdva device, hr %#x.\n", (unsigned int)hr);
            goto out_finish_output;
        }
        hr = d3d11va_create(device, &app.va);
        ID3D11Device_Release(device);
        if (FAILED(hr))
            goto out_finish_output;
        if (protected)
        {
            d3d11va_enable_protection(app.va, refresh_every);
            d3d11va_set_encryption(app.va, encryption);
#ifdef VKDVA_DECODE_PROTECTED_READER
            /* The hardware-mode test's build (tests/protected_layer/meson.build). */
            d3d11va_set_protected_reader(app.va, VKDVA_DECODE_PROTECTED_READER);
#endif
        }
    }

    callbacks.context = &app;
    callbacks.start_sequence = app_start_sequence;
    callbacks.decode_picture = app_decode_picture;
    callbacks.output_picture = app_output_picture;
    if (!(codec = app.codec_ops->create(&callbacks)))
    {
        fprintf(stderr, "Out of memory.\n");
        goto out_destroy_va;
    }

    start = now();
    while (!app.done && bitstream_next_nal(stream, size, &pos, &nal))
    {
        if (!codec->ops->decode_nal(codec, &nal))
            goto out_destroy_codec;
    }
    if (!app.done && !codec->ops->flush(codec))
        goto out_destroy_codec;
    if (!app.output_count)
    {
        fprintf(stderr, "%s: no %s pictures found.\n", input,
                app.codec_ops == &hevc_codec_ops ? "H.265" : "H.264");
        goto out_destroy_codec;
    }
    if (fps)
    {
        elapsed = now() - start;
        fprintf(stderr, "%u frames in %.3f s: %.1f frames/s\n", app.output_count, elapsed,
                elapsed > 0.0 ? app.output_count / elapsed : 0.0);
    }
    ret = 0;

out_destroy_codec:
    codec->ops->destroy(codec);
out_destroy_va:
    if (app.va)
        d3d11va_destroy(app.va);
out_finish_output:
    if (!output_finish(&app.output, !ret))
        ret = 1;
out_free_stream:
    free(stream);
    return ret;
}
