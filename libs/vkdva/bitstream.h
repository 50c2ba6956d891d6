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

#ifndef __VKDVA_BITSTREAM_H
#define __VKDVA_BITSTREAM_H

#include "vkdva_common.h"

/* Builds RBSP bits and turns them into Annex-B NAL units (start code, emulation prevention)
 * for the parameter sets the software decoder needs. */
struct vkdva_bitwriter
{
    uint8_t *data;
    size_t data_size;
    size_t bit_count;
    bool failed;
};

void vkdva_bitwriter_init(struct vkdva_bitwriter *w);
void vkdva_bitwriter_cleanup(struct vkdva_bitwriter *w);
void vkdva_bitwriter_put_bits(struct vkdva_bitwriter *w, uint32_t value, unsigned int count);
void vkdva_bitwriter_put_ue(struct vkdva_bitwriter *w, uint32_t value);
void vkdva_bitwriter_put_se(struct vkdva_bitwriter *w, int32_t value);
void vkdva_bitwriter_put_trailing_bits(struct vkdva_bitwriter *w);

/* Growable byte buffer. */
struct vkdva_bytes
{
    uint8_t *data;
    size_t size;
    size_t count;
};

bool vkdva_bytes_append(struct vkdva_bytes *bytes, const void *data, size_t size);
/* Appends 00 00 00 01, the header bytes, then the RBSP with emulation-prevention bytes. */
bool vkdva_bytes_append_nal(struct vkdva_bytes *bytes, const uint8_t *header, size_t header_size,
        const struct vkdva_bitwriter *rbsp);

/* Reading slice headers (the few leading fields the software decoder needs). */
struct vkdva_bitreader
{
    const uint8_t *data;
    size_t size;
    size_t bit_pos;
    /* Emulation-prevention bytes are skipped as they are read. */
    unsigned int zero_count;
    bool overrun;
};

void vkdva_bitreader_init(struct vkdva_bitreader *r, const uint8_t *data, size_t size);
uint32_t vkdva_bitreader_get_bits(struct vkdva_bitreader *r, unsigned int count);
uint32_t vkdva_bitreader_get_ue(struct vkdva_bitreader *r);
int32_t vkdva_bitreader_get_se(struct vkdva_bitreader *r);

#endif /* __VKDVA_BITSTREAM_H */
