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

#ifndef __VKDVA_COMMON_H
#define __VKDVA_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <inttypes.h>
#include <string.h>
#include "vkdva_debug.h"
#include "vkdva_memory.h"

#ifndef ARRAY_SIZE
# define ARRAY_SIZE(x) (sizeof(x) / sizeof(*(x)))
#endif

#define VKDVA_UNUSED __attribute__((unused))

static inline size_t vkdva_align(size_t addr, size_t alignment)
{
    return (addr + (alignment - 1)) & ~(alignment - 1);
}

static inline uint64_t vkdva_align_u64(uint64_t addr, uint64_t alignment)
{
    return (addr + (alignment - 1)) / alignment * alignment;
}

static inline unsigned int vkdva_min_u(unsigned int a, unsigned int b)
{
    return a < b ? a : b;
}

static inline unsigned int vkdva_max_u(unsigned int a, unsigned int b)
{
    return a > b ? a : b;
}

static inline uint64_t vkdva_min_u64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

static inline uint64_t vkdva_max_u64(uint64_t a, uint64_t b)
{
    return a > b ? a : b;
}

/* Big-endian 64-bit values, as the halves of an AES-CTR counter block are stored. */
static inline uint64_t vkdva_load_be64(const uint8_t *p)
{
    uint64_t value = 0;
    unsigned int i;

    for (i = 0; i < 8; ++i)
        value = (value << 8) | p[i];
    return value;
}

static inline void vkdva_store_be64(uint8_t *p, uint64_t value)
{
    unsigned int i;

    for (i = 0; i < 8; ++i)
        p[i] = value >> (56 - 8 * i);
}

static inline unsigned int vkdva_atomic_increment_u32(unsigned int *x)
{
    return __atomic_add_fetch(x, 1, __ATOMIC_SEQ_CST);
}

static inline unsigned int vkdva_atomic_decrement_u32(unsigned int *x)
{
    return __atomic_sub_fetch(x, 1, __ATOMIC_SEQ_CST);
}

static inline uint64_t vkdva_atomic_load_u64(const uint64_t *x)
{
    return __atomic_load_n(x, __ATOMIC_ACQUIRE);
}

static inline void vkdva_atomic_store_u64(uint64_t *x, uint64_t value)
{
    __atomic_store_n(x, value, __ATOMIC_RELEASE);
}

static inline bool vkdva_is_power_of_two(uint64_t x)
{
    return x && !(x & (x - 1));
}

static inline uint32_t vkdva_bswap32(uint32_t x)
{
    return __builtin_bswap32(x);
}

/* An intrusive doubly linked list (a head is an entry pointing at itself when empty). */
struct vkdva_list
{
    struct vkdva_list *next, *prev;
};

static inline void vkdva_list_init(struct vkdva_list *list)
{
    list->next = list->prev = list;
}

static inline bool vkdva_list_empty(const struct vkdva_list *list)
{
    return list->next == list;
}

static inline void vkdva_list_add_tail(struct vkdva_list *list, struct vkdva_list *entry)
{
    entry->next = list;
    entry->prev = list->prev;
    list->prev->next = entry;
    list->prev = entry;
}

static inline void vkdva_list_remove(struct vkdva_list *entry)
{
    entry->prev->next = entry->next;
    entry->next->prev = entry->prev;
    entry->next = entry->prev = entry;
}

#define VKDVA_LIST_FOR_EACH_ENTRY_SAFE(cursor, next_cursor, list, type, field) \
    for ((cursor) = CONTAINING_RECORD((list)->next, type, field), \
            (next_cursor) = CONTAINING_RECORD((cursor)->field.next, type, field); \
            &(cursor)->field != (list); \
            (cursor) = (next_cursor), (next_cursor) = CONTAINING_RECORD((cursor)->field.next, type, field))

static inline uint64_t vkdva_bswap64(uint64_t x)
{
    return __builtin_bswap64(x);
}

#endif /* __VKDVA_COMMON_H */
