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

/* Codec-independent output of vkdva-decode: raw planar frames to a file, MD5 of the whole
 * output and per-frame MD5s (OpenSSL EVP). */

#ifndef __VKDVA_DECODE_OUTPUT_H
#define __VKDVA_DECODE_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct output
{
    FILE *file;
    void *md5;              /* EVP_MD_CTX of the whole output, or NULL */
    bool frame_md5;
    unsigned int frame_count;
};

bool output_init(struct output *output, const char *path, bool md5, bool frame_md5);
/* Whether anything takes the frames (a file, an MD5): if not, they need not be read back. */
bool output_wants_frames(const struct output *output);
/* Writes one frame, planar, contiguous (I420: Y, then U, then V). */
bool output_write_frame(struct output *output, const uint8_t *data, size_t size);
/* Prints the MD5 of the whole output (when asked for and print_md5 is set) and closes
 * everything. */
bool output_finish(struct output *output, bool print_md5);

#endif /* __VKDVA_DECODE_OUTPUT_H */
