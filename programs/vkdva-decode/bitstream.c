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

#include "bitstream.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns the offset of the first byte after the next 00 00 01 at or after pos, or SIZE_MAX. */
static size_t find_start_code(const uint8_t *stream, size_t size, size_t pos)
{
    while (pos + 3 <= size)
    {
        if (stream[pos + 2] > 1)
            pos += 3;
        else if (!stream[pos] && !stream[pos + 1] && stream[pos + 2] == 1)
            return pos + 3;
        else
            ++pos;
    }
    return SIZE_MAX;
}

bool bitstream_next_nal(const uint8_t *stream, size_t stream_size, size_t *pos, struct bitstream_nal *nal)
{
    size_t start, end;

    for (;;)
    {
        if ((start = find_start_code(stream, stream_size, *pos)) == SIZE_MAX)
        {
            *pos = stream_size;
            return false;
        }
        if ((end = find_start_code(stream, stream_size, start)) == SIZE_MAX)
        {
            end = stream_size;
            *pos = stream_size;
        }
        else
        {
            end -= 3;
            *pos = end;
        }
        /* The next start code is preceded by trailing_zero_8bits and, for a 4-byte start
         * code, its zero_byte (Annex B.1); a NAL unit never ends with a zero byte (7.4.1). */
        while (end > start && !stream[end - 1])
            --end;
        if (end <= start)
            continue;
        nal->data = stream + start;
        nal->size = end - start;
        nal->start_code_offset = start - 3;
        return true;
    }
}

size_t bitstream_extract_rbsp(const uint8_t *src, size_t size, uint8_t *dst)
{
    unsigned int zeros = 0;
    size_t i, j;

    for (i = 0, j = 0; i < size; ++i)
    {
        /* 7.4.1: emulation_prevention_three_byte after two zero bytes. */
        if (zeros >= 2 && src[i] == 3)
        {
            zeros = 0;
            continue;
        }
        zeros = src[i] ? 0 : zeros + 1;
        dst[j++] = src[i];
    }
    return j;
}

void bit_reader_init(struct bit_reader *reader, const uint8_t *data, size_t size)
{
    reader->data = data;
    reader->size_bits = size * 8;
    reader->pos = 0;
    reader->error = false;
}

uint32_t bit_reader_u(struct bit_reader *reader, unsigned int count)
{
    uint32_t value = 0;
    unsigned int i;

    if (count > 32 || bit_reader_bits_left(reader) < count)
    {
        reader->error = true;
        reader->pos = reader->size_bits;
        return 0;
    }
    for (i = 0; i < count; ++i, ++reader->pos)
        value = (value << 1) | ((reader->data[reader->pos >> 3] >> (7 - (reader->pos & 7))) & 1);
    return value;
}

bool bit_reader_flag(struct bit_reader *reader)
{
    return bit_reader_u(reader, 1);
}

void bit_reader_skip(struct bit_reader *reader, size_t count)
{
    if (bit_reader_bits_left(reader) < count)
    {
        reader->error = true;
        reader->pos = reader->size_bits;
        return;
    }
    reader->pos += count;
}

/* 9.1: codeNum = 2^leadingZeroBits - 1 + read_bits(leadingZeroBits). */
uint32_t bit_reader_ue(struct bit_reader *reader)
{
    unsigned int leading_zeros = 0;

    while (!bit_reader_u(reader, 1))
    {
        if (reader->error || ++leading_zeros > 31)
        {
            reader->error = true;
            return 0;
        }
    }
    if (!leading_zeros)
        return 0;
    return (uint32_t)((1ull << leading_zeros) - 1 + bit_reader_u(reader, leading_zeros));
}

/* 9.1.1: se(v) mapping from codeNum. */
int32_t bit_reader_se(struct bit_reader *reader)
{
    uint32_t code = bit_reader_ue(reader);

    if (code & 1)
        return (int32_t)((code >> 1) + 1);
    return -(int32_t)(code >> 1);
}

uint32_t bit_reader_ue_max(struct bit_reader *reader, uint32_t max)
{
    uint32_t value = bit_reader_ue(reader);

    if (value > max)
    {
        reader->error = true;
        return 0;
    }
    return value;
}

int32_t bit_reader_se_range(struct bit_reader *reader, int32_t min, int32_t max)
{
    int32_t value = bit_reader_se(reader);

    if (value < min || value > max)
    {
        reader->error = true;
        return 0;
    }
    return value;
}

/* 7.2: more_rbsp_data() is true when anything but the rbsp_stop_one_bit and its
 * alignment zeros is left. */
bool bit_reader_more_rbsp_data(const struct bit_reader *reader)
{
    size_t last = reader->size_bits;

    /* Find the last set bit: that is the rbsp_stop_one_bit. */
    while (last > reader->pos)
    {
        --last;
        if ((reader->data[last >> 3] >> (7 - (last & 7))) & 1)
            return last > reader->pos;
    }
    return false;
}

uint8_t *bitstream_read_file(const char *path, size_t *size)
{
    size_t capacity = 1 << 20, count = 0, read;
    uint8_t *data, *new_data;
    FILE *file;
    int error;

    if (!(file = fopen(path, "rb")))
        return NULL;
    if (!(data = malloc(capacity)))
    {
        fclose(file);
        errno = ENOMEM;
        return NULL;
    }
    while ((read = fread(data + count, 1, capacity - count, file)))
    {
        count += read;
        if (count < capacity)
            continue;
        if (capacity > SIZE_MAX / 2 || !(new_data = realloc(data, capacity * 2)))
        {
            free(data);
            fclose(file);
            errno = ENOMEM;
            return NULL;
        }
        data = new_data;
        capacity *= 2;
    }
    if (ferror(file))
    {
        error = errno ? errno : EIO;
        free(data);
        fclose(file);
        errno = error;
        return NULL;
    }
    fclose(file);
    *size = count;
    return data;
}
