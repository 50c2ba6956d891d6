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

#include "vkdva_private.h"

/* Platform specifics live here and nowhere else: how the Vulkan loader is found. Windows
 * builds (MinGW-w64, build-win64.txt) load vulkan-1.dll, the loader every Windows Vulkan
 * driver and Wine's winevulkan provide; other systems load the Khronos loader's
 * libvulkan.so.1. */

#include <stdio.h>
#ifdef _WIN32
# include <windows.h>
# define VKDVA_VULKAN_LIBRARY "vulkan-1.dll"
#else
# include <dlfcn.h>
# define VKDVA_VULKAN_LIBRARY "libvulkan.so.1"
#endif

static pthread_mutex_t vkdva_loader_mutex = PTHREAD_MUTEX_INITIALIZER;
static void *vkdva_loader_handle;

#ifdef _WIN32
static void *vkdva_platform_open(const char *name)
{
    return LoadLibraryA(name);
}

static void *vkdva_platform_symbol(void *handle, const char *name)
{
    return (void *)GetProcAddress(handle, name);
}

static const char *vkdva_platform_error(void)
{
    static char message[32];

    snprintf(message, sizeof(message), "error %lu", (unsigned long)GetLastError());
    return message;
}
#else
static void *vkdva_platform_open(const char *name)
{
    return dlopen(name, RTLD_NOW | RTLD_LOCAL);
}

static void *vkdva_platform_symbol(void *handle, const char *name)
{
    return dlsym(handle, name);
}

static const char *vkdva_platform_error(void)
{
    return dlerror();
}
#endif

PFN_vkGetInstanceProcAddr vkdva_platform_load_vulkan(void)
{
    PFN_vkGetInstanceProcAddr proc = NULL;

    pthread_mutex_lock(&vkdva_loader_mutex);
    if (!vkdva_loader_handle && !(vkdva_loader_handle = vkdva_platform_open(VKDVA_VULKAN_LIBRARY)))
        WARN("Failed to load %s: %s.\n", VKDVA_VULKAN_LIBRARY, vkdva_platform_error());
    if (vkdva_loader_handle)
        proc = (PFN_vkGetInstanceProcAddr)vkdva_platform_symbol(vkdva_loader_handle, "vkGetInstanceProcAddr");
    pthread_mutex_unlock(&vkdva_loader_mutex);
    return proc;
}
