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
#include <dlfcn.h>

/* Platform specifics: how the Vulkan loader is found and where random bytes come from. */

#define VKDVA_VULKAN_LIBRARY "libvulkan.so.1"

static pthread_mutex_t vkdva_loader_mutex = PTHREAD_MUTEX_INITIALIZER;
static void *vkdva_loader_handle;

PFN_vkGetInstanceProcAddr vkdva_platform_load_vulkan(void)
{
    PFN_vkGetInstanceProcAddr proc = NULL;

    pthread_mutex_lock(&vkdva_loader_mutex);
    if (!vkdva_loader_handle && !(vkdva_loader_handle = dlopen(VKDVA_VULKAN_LIBRARY, RTLD_NOW | RTLD_LOCAL)))
        WARN("Failed to load %s: %s.\n", VKDVA_VULKAN_LIBRARY, dlerror());
    if (vkdva_loader_handle)
        proc = (PFN_vkGetInstanceProcAddr)dlsym(vkdva_loader_handle, "vkGetInstanceProcAddr");
    pthread_mutex_unlock(&vkdva_loader_mutex);
    return proc;
}
