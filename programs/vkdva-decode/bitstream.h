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

/* Codec-independent bitstream helpers for vkdva-decode: Annex B byte stream splitting
 * (ITU-T H.264 / H.265 Annex B), RBSP extraction (7.4.1 emulation prevention) and an
 * Exp-Golomb bit reader (7.2 / 9.1). */

#ifndef __VKDVA_DECODE_BITSTREAM_H
#define __VKDVA_DECODE_BITSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One NAL unit of an Annex B byte stream, as it lies in the stream (emulation prevention
 * bytes kept, trailing zero bytes removed). */
struct bitstream_nal
{
    const uint8_t *data;        /* first byte of the NAL unit header */
    size_t size;
    size_t start_code_offset;   /* offset of the 00 00 01 that precedes it in the stream */
};

/* Finds the next NAL unit at or after *pos; returns false at the end of the stream. */
bool bitstream_next_nal(const uint8_t *stream, size_t stream_size, size_t *pos, struct bitstream_nal *nal);

/* Removes emulation prevention bytes (00 00 03 -> 00 00); dst must hold size bytes.
 * Returns the RBSP size. */
size_t bitstream_extract_rbsp(const uint8_t *src, size_t size, uint8_t *dst);

struct bit_reader
{
    const uint8_t *data;
    size_t size_bits;
    size_t pos;
    bool error;     /* set on any read past the end or an invalid Exp-Golomb code */
};

void bit_reader_init(struct bit_reader *reader, const uint8_t *data, size_t size);
uint32_t bit_reader_u(struct bit_reader *reader, unsigned int count);
bool bit_reader_flag(struct bit_reader *reader);
void bit_reader_skip(struct bit_reader *reader, size_t count);
uint32_t bit_reader_ue(struct bit_reader *reader);
int32_t bit_reader_se(struct bit_reader *reader);
/* ue(v) that must lie in [0, max]; out of range sets the error flag and returns 0. */
uint32_t bit_reader_ue_max(struct bit_reader *reader, uint32_t max);
/* se(v) that must lie in [min, max]; out of range sets the error flag and returns 0. */
int32_t bit_reader_se_range(struct bit_reader *reader, int32_t min, int32_t max);
bool bit_reader_more_rbsp_data(const struct bit_reader *reader);

static inline size_t bit_reader_bits_left(const struct bit_reader *reader)
{
    return reader->pos < reader->size_bits ? reader->size_bits - reader->pos : 0;
}

/* Reads a whole file into memory; returns NULL with errno set on failure. */
uint8_t *bitstream_read_file(const char *path, size_t *size);

#endif /* __VKDVA_DECODE_BITSTREAM_H */
