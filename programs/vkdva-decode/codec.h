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

/* The interface between vkdva-decode's codec parsers (h264.c, hevc.c) and the
 * codec-independent parts: the D3D11 video driving (d3d11va.c), the output and the text
 * trace. A codec parses NAL units, manages its decoded picture buffer and surfaces, and
 * calls back for each sequence, each picture to decode and each picture to output. */

#ifndef __VKDVA_DECODE_CODEC_H
#define __VKDVA_DECODE_CODEC_H

#ifndef COBJMACROS
# define COBJMACROS
#endif
#include <stdbool.h>
#include <stdio.h>
#include <vkdva.h>
#include "bitstream.h"

#ifndef ARRAY_SIZE
# define ARRAY_SIZE(x) (sizeof(x) / sizeof(*(x)))
#endif

#define CODEC_MAX_BUFFERS 4u

/* What the decoder object and its surfaces must be created with. */
struct codec_sequence
{
    const GUID *profile;
    const char *profile_name;
    DXGI_FORMAT format;
    unsigned int width;             /* coded size, D3D11_VIDEO_DECODER_DESC.SampleWidth */
    unsigned int height;
    unsigned int surface_count;     /* texture array size */
    unsigned int bit_depth;
    unsigned int crop_x, crop_y;    /* the visible (cropped) window */
    unsigned int crop_width, crop_height;
};

struct codec_buffer
{
    D3D11_VIDEO_DECODER_BUFFER_TYPE type;
    const void *data;
    unsigned int size;
    unsigned int mb_count;
};

/* One picture (frame or field) to decode into a surface. */
struct codec_picture
{
    unsigned int index;             /* decode order, from 0 */
    unsigned int surface;
    unsigned int buffer_count;
    struct codec_buffer buffers[CODEC_MAX_BUFFERS];
};

/* The surface a new picture decodes into: the first one no picture holds (busy[surface]),
 * searched round robin from *next so that a surface just output is reused as late as possible;
 * -1 when every surface is busy. */
static inline int codec_pick_surface(const bool *busy, unsigned int surface_count, unsigned int *next)
{
    unsigned int i, surface;

    for (i = 0; i < surface_count; ++i)
    {
        surface = (*next + i) % surface_count;
        if (busy[surface])
            continue;
        *next = (surface + 1) % surface_count;
        return surface;
    }
    return -1;
}

struct codec_callbacks
{
    void *context;
    bool (*start_sequence)(void *context, const struct codec_sequence *sequence);
    bool (*decode_picture)(void *context, const struct codec_picture *picture);
    /* The surface holds a picture to show; it stays untouched until this returns. */
    bool (*output_picture)(void *context, unsigned int surface, int poc);
};

/* Each codec's decoder state starts with this. */
struct codec
{
    const struct codec_ops *ops;
};

struct codec_ops
{
    const char *name;
    struct codec *(*create)(const struct codec_callbacks *callbacks);
    void (*destroy)(struct codec *codec);
    /* Both return false after printing an error to stderr. */
    bool (*decode_nal)(struct codec *codec, const struct bitstream_nal *nal);
    bool (*flush)(struct codec *codec);
    /* Prints the DXVA structures of a picture as one line of the --dump-dxva trace. */
    void (*dump_picture)(FILE *file, const struct codec_picture *picture);
};

extern const struct codec_ops h264_codec_ops;
extern const struct codec_ops hevc_codec_ops;

/* "h264"/"avc" or "hevc"/"h265", in any case; NULL for anything else. */
const struct codec_ops *codec_from_name(const char *name);
/* The codec of a stream: from its file name's extension, else from its first parameter set;
 * NULL when neither tells. */
const struct codec_ops *codec_for_stream(const char *path, const uint8_t *stream, size_t size);

#endif /* __VKDVA_DECODE_CODEC_H */
