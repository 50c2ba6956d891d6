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

void vkdva_bitwriter_init(struct vkdva_bitwriter *w)
{
    memset(w, 0, sizeof(*w));
}

void vkdva_bitwriter_cleanup(struct vkdva_bitwriter *w)
{
    vkdva_free(w->data);
}

void vkdva_bitwriter_put_bits(struct vkdva_bitwriter *w, uint32_t value, unsigned int count)
{
    size_t byte;

    while (count--)
    {
        byte = w->bit_count / 8;
        if (!vkdva_array_reserve((void **)&w->data, &w->data_size, byte + 1, 1))
        {
            w->failed = true;
            return;
        }
        if (!(w->bit_count % 8))
            w->data[byte] = 0;
        if ((value >> count) & 1)
            w->data[byte] |= 0x80 >> (w->bit_count % 8);
        ++w->bit_count;
    }
}

/* Exp-Golomb codes, H.264 9.1 / H.265 9.2. */
void vkdva_bitwriter_put_ue(struct vkdva_bitwriter *w, uint32_t value)
{
    uint64_t code = (uint64_t)value + 1;
    unsigned int bits = 0;

    while ((code >> bits) > 1)
        ++bits;
    vkdva_bitwriter_put_bits(w, 0, bits);
    vkdva_bitwriter_put_bits(w, (uint32_t)(code >> 32), bits + 1 > 32 ? bits + 1 - 32 : 0);
    vkdva_bitwriter_put_bits(w, (uint32_t)code, bits + 1 > 32 ? 32 : bits + 1);
}

void vkdva_bitwriter_put_se(struct vkdva_bitwriter *w, int32_t value)
{
    vkdva_bitwriter_put_ue(w, value > 0 ? 2 * (uint32_t)value - 1 : -2 * (int64_t)value);
}

void vkdva_bitwriter_put_trailing_bits(struct vkdva_bitwriter *w)
{
    vkdva_bitwriter_put_bits(w, 1, 1);
    while (w->bit_count % 8)
        vkdva_bitwriter_put_bits(w, 0, 1);
}

bool vkdva_bytes_append(struct vkdva_bytes *bytes, const void *data, size_t size)
{
    if (!vkdva_array_reserve((void **)&bytes->data, &bytes->size, bytes->count + size, 1))
        return false;
    memcpy(bytes->data + bytes->count, data, size);
    bytes->count += size;
    return true;
}

bool vkdva_bytes_append_nal(struct vkdva_bytes *bytes, const uint8_t *header, size_t header_size,
        const struct vkdva_bitwriter *rbsp)
{
    static const uint8_t start_code[] = {0, 0, 0, 1};
    static const uint8_t emulation_prevention = 3;
    unsigned int zeros = 0;
    size_t i, size;

    if (rbsp->failed)
        return false;
    if (!vkdva_bytes_append(bytes, start_code, sizeof(start_code))
            || !vkdva_bytes_append(bytes, header, header_size))
        return false;
    size = rbsp->bit_count / 8;
    for (i = 0; i < size; ++i)
    {
        /* H.264 7.4.1 / H.265 7.4.2: no 00 00 0x (x <= 3) inside a NAL unit. */
        if (zeros >= 2 && rbsp->data[i] <= 3)
        {
            if (!vkdva_bytes_append(bytes, &emulation_prevention, 1))
                return false;
            zeros = 0;
        }
        if (!vkdva_bytes_append(bytes, &rbsp->data[i], 1))
            return false;
        zeros = rbsp->data[i] ? 0 : zeros + 1;
    }
    return true;
}

void vkdva_bitreader_init(struct vkdva_bitreader *r, const uint8_t *data, size_t size)
{
    memset(r, 0, sizeof(*r));
    r->data = data;
    r->size = size;
}

static int vkdva_bitreader_get_bit(struct vkdva_bitreader *r)
{
    size_t byte = r->bit_pos / 8;
    int bit;

    if (!(r->bit_pos % 8))
    {
        /* Skip an emulation-prevention byte (00 00 03). */
        if (r->zero_count >= 2 && byte < r->size && r->data[byte] == 3)
        {
            r->bit_pos += 8;
            ++byte;
            r->zero_count = 0;
        }
        if (byte >= r->size)
        {
            r->overrun = true;
            return 0;
        }
        r->zero_count = r->data[byte] ? 0 : r->zero_count + 1;
    }
    if (byte >= r->size)
    {
        r->overrun = true;
        return 0;
    }
    bit = (r->data[byte] >> (7 - r->bit_pos % 8)) & 1;
    ++r->bit_pos;
    return bit;
}

uint32_t vkdva_bitreader_get_bits(struct vkdva_bitreader *r, unsigned int count)
{
    uint32_t value = 0;

    while (count--)
        value = (value << 1) | vkdva_bitreader_get_bit(r);
    return value;
}

uint32_t vkdva_bitreader_get_ue(struct vkdva_bitreader *r)
{
    unsigned int zeros = 0;

    while (!vkdva_bitreader_get_bit(r))
    {
        if (r->overrun || ++zeros > 31)
        {
            r->overrun = true;
            return 0;
        }
    }
    return ((1u << zeros) - 1) + vkdva_bitreader_get_bits(r, zeros);
}

int32_t vkdva_bitreader_get_se(struct vkdva_bitreader *r)
{
    uint32_t code = vkdva_bitreader_get_ue(r);

    return (code & 1) ? (int32_t)((code + 1) / 2) : -(int32_t)(code / 2);
}
