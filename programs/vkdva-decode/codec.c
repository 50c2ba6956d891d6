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

/* Which codec a stream is in, for the programs and tests that drive vkdva-decode's clients. */

#include "codec.h"
#include <string.h>
#include <strings.h>

const struct codec_ops *codec_from_name(const char *name)
{
    if (!strcasecmp(name, "h264") || !strcasecmp(name, "avc"))
        return &h264_codec_ops;
    if (!strcasecmp(name, "hevc") || !strcasecmp(name, "h265"))
        return &hevc_codec_ops;
    return NULL;
}

static bool codec_has_extension(const char *path, const char *const *extensions)
{
    const char *dot = strrchr(path, '.');

    for (; dot && *extensions; ++extensions)
    {
        if (!strcasecmp(dot + 1, *extensions))
            return true;
    }
    return false;
}

/* Guesses the codec from the first parameter set of the stream: an H.264 SPS has
 * nal_unit_type 7 in the low 5 bits of its one-byte header; an H.265 VPS or SPS has type 32
 * or 33 in bits 1-6 of its two-byte header, with nuh_temporal_id_plus1 not 0. Neither header
 * reads as the other. */
static const struct codec_ops *codec_sniff(const uint8_t *stream, size_t size)
{
    struct bitstream_nal nal;
    unsigned int i, type;
    size_t pos = 0;

    for (i = 0; i < 64 && bitstream_next_nal(stream, size, &pos, &nal); ++i)
    {
        if (nal.data[0] & 0x80)
            continue;
        if ((nal.data[0] & 0x1f) == 7)
            return &h264_codec_ops;
        type = (nal.data[0] >> 1) & 0x3f;
        if ((type == 32 || type == 33) && nal.size > 1 && (nal.data[1] & 7))
            return &hevc_codec_ops;
    }
    return NULL;
}

const struct codec_ops *codec_for_stream(const char *path, const uint8_t *stream, size_t size)
{
    static const char *const hevc_extensions[] = {"h265", "265", "hevc", NULL};
    static const char *const h264_extensions[] = {"h264", "264", "avc", "jsv", "26l", "jvt", NULL};

    if (codec_has_extension(path, hevc_extensions))
        return &hevc_codec_ops;
    if (codec_has_extension(path, h264_extensions))
        return &h264_codec_ops;
    return codec_sniff(stream, size);
}
