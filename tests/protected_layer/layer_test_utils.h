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

/* Shared by the tests of the protected-memory layer (layer_test.c, layer_video_test.c) and of
 * vkdva through it (vkdva_protected.c). */

#ifndef __VKDVA_TEST_PROTECTED_LAYER_UTILS_H
#define __VKDVA_TEST_PROTECTED_LAYER_UTILS_H

#include <stdio.h>
#include <stdlib.h>
#include <vulkan/vulkan.h>

/* Native test programs: a failed Vulkan call ends the test. */
#define check(x) check_(__FILE__, __LINE__, #x, (x))
static inline void check_(const char *file, unsigned int line, const char *what, VkResult vr)
{
    if (vr >= 0)
        return;
    fprintf(stderr, "%s:%u: %s failed, vr %d.\n", file, line, what, vr);
    exit(1);
}

/* The protected-memory layer's report file (VKDVA_TEST_PROTECTED_LAYER_REPORT) as a string,
 * empty when there is none; valid until the next call. */
static inline const char *read_report(const char *path)
{
    static char text[65536];
    size_t len = 0;
    FILE *f;

    if ((f = fopen(path, "r")))
    {
        len = fread(text, 1, sizeof(text) - 1, f);
        fclose(f);
    }
    text[len] = 0;
    return text;
}

#endif /* __VKDVA_TEST_PROTECTED_LAYER_UTILS_H */
