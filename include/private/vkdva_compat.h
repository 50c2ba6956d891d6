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

/* The POSIX functions vkdva's tools and tests use that MinGW-w64's C runtime lacks, so the
 * Windows build (build-win64.txt) compiles the same sources. The library itself needs none of
 * this: its platform differences are all in libs/vkdva/platform.c. */

#ifndef __VKDVA_COMPAT_H
#define __VKDVA_COMPAT_H

#include <stdlib.h>

#ifdef _WIN32
static inline int setenv(const char *name, const char *value, int overwrite)
{
    if (!overwrite && getenv(name))
        return 0;
    return _putenv_s(name, value) ? -1 : 0;
}

static inline int unsetenv(const char *name)
{
    /* An empty value removes the variable from the environment (_putenv_s). */
    return _putenv_s(name, "") ? -1 : 0;
}
#endif

#endif /* __VKDVA_COMPAT_H */
