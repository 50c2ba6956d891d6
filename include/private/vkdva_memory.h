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

#ifndef __VKDVA_MEMORY_H
#define __VKDVA_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include "vkdva_debug.h"

#ifdef VKDVA_FAULT_INJECTION
/* libs/vkdva-common/fault.c: true when this call is the one a test asked to fail. */
bool vkdva_fault_inject(const char *site);
bool vkdva_fault_inject_device_lost(const char *site);
# define VKDVA_FAULT(site) vkdva_fault_inject(site)
#else
# define VKDVA_FAULT(site) false
#endif

static inline void *vkdva_malloc(size_t size)
{
    void *ptr;

    if (!(ptr = VKDVA_FAULT("malloc") ? NULL : malloc(size)))
        ERR("Out of memory.\n");
    return ptr;
}

static inline void *vkdva_calloc(size_t count, size_t size)
{
    void *ptr;

    if (!(ptr = VKDVA_FAULT("calloc") ? NULL : calloc(count, size)))
        ERR("Out of memory.\n");
    return ptr;
}

static inline void *vkdva_realloc(void *ptr, size_t size)
{
    void *new_ptr;

    if (!(new_ptr = VKDVA_FAULT("realloc") ? NULL : realloc(ptr, size)))
        ERR("Out of memory.\n");
    return new_ptr;
}

static inline void vkdva_free(void *ptr)
{
    free(ptr);
}

/* Grows *elements (capacity *capacity) to hold at least element_count elements. */
bool vkdva_array_reserve(void **elements, size_t *capacity, size_t element_count, size_t element_size);

/* Overwrites memory that held secrets in a way the compiler may not optimise away. */
void vkdva_memzero_secure(void *ptr, size_t size);

#endif /* __VKDVA_MEMORY_H */
