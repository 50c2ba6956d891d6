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

/* Reading a libFuzzer input: past its end every read gives zeros, so a target never checks
 * lengths and short inputs still run. */

#ifndef __VKDVA_FUZZ_READER_H
#define __VKDVA_FUZZ_READER_H

#include <stddef.h>
#include <stdint.h>

struct reader
{
    const uint8_t *data;
    size_t size;
};

static inline uint8_t read_u8(struct reader *r)
{
    if (!r->size)
        return 0;
    --r->size;
    return *r->data++;
}

static inline uint32_t read_u32(struct reader *r)
{
    uint32_t value = 0;
    unsigned int i;

    for (i = 0; i < 4; ++i)
        value |= (uint32_t)read_u8(r) << (8 * i);
    return value;
}

static inline uint64_t read_u64(struct reader *r)
{
    uint64_t value = read_u32(r);

    return value | (uint64_t)read_u32(r) << 32;
}

static inline void read_bytes(struct reader *r, uint8_t *out, size_t size)
{
    size_t i;

    for (i = 0; i < size; ++i)
        out[i] = read_u8(r);
}

#endif /* __VKDVA_FUZZ_READER_H */
