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

#ifndef __VKDVA_TEST_PROTECTED_REPORT_H
#define __VKDVA_TEST_PROTECTED_REPORT_H

#include <stdio.h>

/* The protected-memory layer's report file (VKDVA_TEST_PROTECTED_LAYER_REPORT) as a string,
 * empty when there is none, truncated to size - 1 bytes. */
static inline char *read_report_file(const char *path, char *text, size_t size)
{
    size_t len = 0;
    FILE *f;

    if ((f = fopen(path, "r")))
    {
        len = fread(text, 1, size - 1, f);
        fclose(f);
    }
    text[len] = 0;
    return text;
}

#endif /* __VKDVA_TEST_PROTECTED_REPORT_H */
