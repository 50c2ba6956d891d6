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

/* VK_LAYER_VKDVA_mapped_memory: a test-only Vulkan layer for the memory-exhaustion test
 * (tests/exhaust.c). lavapipe's device memory is host memory: a plain vkAllocateMemory only
 * reserves a range of one anonymous file, and vkBindImageMemory/vkMapMemory map it later
 * without checking the mapping (Mesa 25.0 llvmpipe_map_memory() asserts, which release builds
 * compile out), so when the process runs out of address space the allocation "succeeds" and
 * the first use of the image crashes. An exportable allocation (VkExportMemoryAllocateInfo,
 * opaque fd) is mapped by vkAllocateMemory itself, which returns VK_ERROR_OUT_OF_DEVICE_MEMORY
 * when the mapping fails. On lavapipe, and only there, this layer makes every allocation
 * exportable (and declares the opaque-fd handle type on images and buffers, as
 * VUID-vkBindImageMemory-memory-02728 wants), so that lavapipe's own allocation fails for real
 * when the address space runs out. It decides nothing itself: no allocation is refused here. */

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <vulkan/vulkan.h>
#include <vulkan/vk_layer.h>

#ifndef ARRAY_SIZE
# define ARRAY_SIZE(x) (sizeof(x) / sizeof(*(x)))
#endif

struct mapped_instance
{
    VkInstance instance;
    void *key;
    PFN_vkGetInstanceProcAddr next_gipa;
    PFN_vkDestroyInstance DestroyInstance;
    PFN_vkGetPhysicalDeviceProperties2 GetPhysicalDeviceProperties2;
    PFN_vkEnumerateDeviceExtensionProperties EnumerateDeviceExtensionProperties;
    struct mapped_instance *next;
};

struct mapped_device
{
    VkDevice device;
    void *key;
    bool exportable;
    PFN_vkGetDeviceProcAddr next_gdpa;
    PFN_vkDestroyDevice DestroyDevice;
    PFN_vkAllocateMemory AllocateMemory;
    PFN_vkCreateImage CreateImage;
    PFN_vkCreateBuffer CreateBuffer;
    struct mapped_device *next;
};

static pthread_mutex_t mapped_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mapped_instance *mapped_instances;
static struct mapped_device *mapped_devices;

static void *dispatch_key(const void *dispatchable)
{
    return *(void **)dispatchable;
}

/* A physical device shares its instance's dispatch table; with one instance (the tests') the
 * first one is the answer in any case. */
static struct mapped_instance *mapped_instance_find(const void *dispatchable)
{
    struct mapped_instance *instance;

    pthread_mutex_lock(&mapped_lock);
    for (instance = mapped_instances; instance; instance = instance->next)
    {
        if (instance->key == dispatch_key(dispatchable))
            break;
    }
    if (!instance)
        instance = mapped_instances;
    pthread_mutex_unlock(&mapped_lock);
    return instance;
}

static struct mapped_device *mapped_device_find(const void *dispatchable)
{
    struct mapped_device *device;

    pthread_mutex_lock(&mapped_lock);
    for (device = mapped_devices; device; device = device->next)
    {
        if (device->key == dispatch_key(dispatchable))
            break;
    }
    pthread_mutex_unlock(&mapped_lock);
    return device;
}

static bool chain_has(const void *next, VkStructureType type)
{
    const VkBaseInStructure *s;

    for (s = next; s; s = s->pNext)
    {
        if (s->sType == type)
            return true;
    }
    return false;
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_CreateInstance(const VkInstanceCreateInfo *create_info,
        const VkAllocationCallbacks *allocator, VkInstance *out)
{
    VkLayerInstanceCreateInfo *chain = (VkLayerInstanceCreateInfo *)create_info->pNext;
    struct mapped_instance *instance;
    PFN_vkGetInstanceProcAddr gipa;
    PFN_vkCreateInstance create;
    VkResult vr;

    while (chain && !(chain->sType == VK_STRUCTURE_TYPE_LOADER_INSTANCE_CREATE_INFO
            && chain->function == VK_LAYER_LINK_INFO))
        chain = (VkLayerInstanceCreateInfo *)chain->pNext;
    if (!chain)
        return VK_ERROR_INITIALIZATION_FAILED;
    gipa = chain->u.pLayerInfo->pfnNextGetInstanceProcAddr;
    chain->u.pLayerInfo = chain->u.pLayerInfo->pNext;
    if (!(create = (PFN_vkCreateInstance)gipa(NULL, "vkCreateInstance")))
        return VK_ERROR_INITIALIZATION_FAILED;
    if (!(instance = calloc(1, sizeof(*instance))))
        return VK_ERROR_OUT_OF_HOST_MEMORY;
    if ((vr = create(create_info, allocator, out)) < 0)
    {
        free(instance);
        return vr;
    }
    instance->instance = *out;
    instance->key = dispatch_key(*out);
    instance->next_gipa = gipa;
    instance->DestroyInstance = (PFN_vkDestroyInstance)gipa(*out, "vkDestroyInstance");
    instance->GetPhysicalDeviceProperties2
            = (PFN_vkGetPhysicalDeviceProperties2)gipa(*out, "vkGetPhysicalDeviceProperties2");
    instance->EnumerateDeviceExtensionProperties
            = (PFN_vkEnumerateDeviceExtensionProperties)gipa(*out, "vkEnumerateDeviceExtensionProperties");
    pthread_mutex_lock(&mapped_lock);
    instance->next = mapped_instances;
    mapped_instances = instance;
    pthread_mutex_unlock(&mapped_lock);
    return VK_SUCCESS;
}

static VKAPI_ATTR void VKAPI_CALL mapped_DestroyInstance(VkInstance handle, const VkAllocationCallbacks *allocator)
{
    struct mapped_instance *instance = NULL, **p;

    if (!handle)
        return;
    pthread_mutex_lock(&mapped_lock);
    for (p = &mapped_instances; *p; p = &(*p)->next)
    {
        if ((*p)->key == dispatch_key(handle))
        {
            instance = *p;
            *p = instance->next;
            break;
        }
    }
    pthread_mutex_unlock(&mapped_lock);
    if (!instance)
        return;
    instance->DestroyInstance(handle, allocator);
    free(instance);
}

/* Only lavapipe maps lazily; every other driver is left alone. */
static bool mapped_wants_export(struct mapped_instance *instance, VkPhysicalDevice physical_device)
{
    VkPhysicalDeviceDriverProperties driver = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    VkPhysicalDeviceProperties2 properties = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
            .pNext = &driver};
    VkExtensionProperties *extensions;
    bool found = false;
    uint32_t count, i;

    if (!instance->GetPhysicalDeviceProperties2 || !instance->EnumerateDeviceExtensionProperties)
        return false;
    instance->GetPhysicalDeviceProperties2(physical_device, &properties);
    if (driver.driverID != VK_DRIVER_ID_MESA_LLVMPIPE)
        return false;
    if (instance->EnumerateDeviceExtensionProperties(physical_device, NULL, &count, NULL) < 0
            || !(extensions = calloc(count, sizeof(*extensions))))
        return false;
    if (instance->EnumerateDeviceExtensionProperties(physical_device, NULL, &count, extensions) >= 0)
    {
        for (i = 0; i < count && !found; ++i)
            found = !strcmp(extensions[i].extensionName, VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME);
    }
    free(extensions);
    return found;
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_CreateDevice(VkPhysicalDevice physical_device,
        const VkDeviceCreateInfo *create_info, const VkAllocationCallbacks *allocator, VkDevice *out)
{
    struct mapped_instance *instance = mapped_instance_find(physical_device);
    VkLayerDeviceCreateInfo *chain = (VkLayerDeviceCreateInfo *)create_info->pNext;
    const char **names = NULL;
    struct mapped_device *device;
    VkDeviceCreateInfo info;
    PFN_vkGetDeviceProcAddr gdpa;
    PFN_vkGetInstanceProcAddr gipa;
    PFN_vkCreateDevice create;
    bool enabled = false;
    uint32_t i;
    VkResult vr;

    while (chain && !(chain->sType == VK_STRUCTURE_TYPE_LOADER_DEVICE_CREATE_INFO
            && chain->function == VK_LAYER_LINK_INFO))
        chain = (VkLayerDeviceCreateInfo *)chain->pNext;
    if (!chain || !instance)
        return VK_ERROR_INITIALIZATION_FAILED;
    gipa = chain->u.pLayerInfo->pfnNextGetInstanceProcAddr;
    gdpa = chain->u.pLayerInfo->pfnNextGetDeviceProcAddr;
    chain->u.pLayerInfo = chain->u.pLayerInfo->pNext;
    if (!(create = (PFN_vkCreateDevice)gipa(instance->instance, "vkCreateDevice")))
        return VK_ERROR_INITIALIZATION_FAILED;
    if (!(device = calloc(1, sizeof(*device))))
        return VK_ERROR_OUT_OF_HOST_MEMORY;

    info = *create_info;
    if ((device->exportable = mapped_wants_export(instance, physical_device)))
    {
        for (i = 0; i < create_info->enabledExtensionCount; ++i)
            enabled |= !strcmp(create_info->ppEnabledExtensionNames[i], VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME);
        if (!enabled)
        {
            if (!(names = calloc(create_info->enabledExtensionCount + 1, sizeof(*names))))
            {
                free(device);
                return VK_ERROR_OUT_OF_HOST_MEMORY;
            }
            for (i = 0; i < create_info->enabledExtensionCount; ++i)
                names[i] = create_info->ppEnabledExtensionNames[i];
            names[i] = VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME;
            info.enabledExtensionCount = i + 1;
            info.ppEnabledExtensionNames = names;
        }
    }
    vr = create(physical_device, &info, allocator, out);
    free(names);
    if (vr < 0)
    {
        free(device);
        return vr;
    }

    device->device = *out;
    device->key = dispatch_key(*out);
    device->next_gdpa = gdpa;
    device->DestroyDevice = (PFN_vkDestroyDevice)gdpa(*out, "vkDestroyDevice");
    device->AllocateMemory = (PFN_vkAllocateMemory)gdpa(*out, "vkAllocateMemory");
    device->CreateImage = (PFN_vkCreateImage)gdpa(*out, "vkCreateImage");
    device->CreateBuffer = (PFN_vkCreateBuffer)gdpa(*out, "vkCreateBuffer");
    pthread_mutex_lock(&mapped_lock);
    device->next = mapped_devices;
    mapped_devices = device;
    pthread_mutex_unlock(&mapped_lock);
    return VK_SUCCESS;
}

static VKAPI_ATTR void VKAPI_CALL mapped_DestroyDevice(VkDevice handle, const VkAllocationCallbacks *allocator)
{
    struct mapped_device *device = NULL, **p;

    if (!handle)
        return;
    pthread_mutex_lock(&mapped_lock);
    for (p = &mapped_devices; *p; p = &(*p)->next)
    {
        if ((*p)->key == dispatch_key(handle))
        {
            device = *p;
            *p = device->next;
            break;
        }
    }
    pthread_mutex_unlock(&mapped_lock);
    if (!device)
        return;
    device->DestroyDevice(handle, allocator);
    free(device);
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_AllocateMemory(VkDevice handle, const VkMemoryAllocateInfo *info,
        const VkAllocationCallbacks *allocator, VkDeviceMemory *memory)
{
    struct mapped_device *device = mapped_device_find(handle);
    VkExportMemoryAllocateInfo export_info =
    {
        .sType = VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO,
        .pNext = info->pNext,
        .handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT,
    };
    VkMemoryAllocateInfo exported = *info;

    /* Imports and explicit exports are the caller's business. */
    if (!device->exportable || chain_has(info->pNext, VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO)
            || chain_has(info->pNext, VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR)
            || chain_has(info->pNext, VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT))
        return device->AllocateMemory(handle, info, allocator, memory);
    exported.pNext = &export_info;
    return device->AllocateMemory(handle, &exported, allocator, memory);
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_CreateImage(VkDevice handle, const VkImageCreateInfo *info,
        const VkAllocationCallbacks *allocator, VkImage *image)
{
    struct mapped_device *device = mapped_device_find(handle);
    VkExternalMemoryImageCreateInfo external_info =
    {
        .sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO,
        .pNext = info->pNext,
        .handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT,
    };
    VkImageCreateInfo external = *info;

    if (!device->exportable || chain_has(info->pNext, VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_IMAGE_CREATE_INFO))
        return device->CreateImage(handle, info, allocator, image);
    external.pNext = &external_info;
    return device->CreateImage(handle, &external, allocator, image);
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_CreateBuffer(VkDevice handle, const VkBufferCreateInfo *info,
        const VkAllocationCallbacks *allocator, VkBuffer *buffer)
{
    struct mapped_device *device = mapped_device_find(handle);
    VkExternalMemoryBufferCreateInfo external_info =
    {
        .sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO,
        .pNext = info->pNext,
        .handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT,
    };
    VkBufferCreateInfo external = *info;

    if (!device->exportable || chain_has(info->pNext, VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO))
        return device->CreateBuffer(handle, info, allocator, buffer);
    external.pNext = &external_info;
    return device->CreateBuffer(handle, &external, allocator, buffer);
}

static VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL mapped_GetDeviceProcAddr(VkDevice handle, const char *name);

static PFN_vkVoidFunction mapped_device_proc(const char *name)
{
    static const struct
    {
        const char *name;
        PFN_vkVoidFunction func;
    }
    procs[] =
    {
        {"vkGetDeviceProcAddr", (PFN_vkVoidFunction)mapped_GetDeviceProcAddr},
        {"vkDestroyDevice", (PFN_vkVoidFunction)mapped_DestroyDevice},
        {"vkAllocateMemory", (PFN_vkVoidFunction)mapped_AllocateMemory},
        {"vkCreateImage", (PFN_vkVoidFunction)mapped_CreateImage},
        {"vkCreateBuffer", (PFN_vkVoidFunction)mapped_CreateBuffer},
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(procs); ++i)
    {
        if (!strcmp(procs[i].name, name))
            return procs[i].func;
    }
    return NULL;
}

static VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL mapped_GetDeviceProcAddr(VkDevice handle, const char *name)
{
    struct mapped_device *device;
    PFN_vkVoidFunction func;

    if (!(device = mapped_device_find(handle)))
        return NULL;
    if ((func = mapped_device_proc(name)))
        return func;
    return device->next_gdpa(handle, name);
}

static VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL mapped_GetInstanceProcAddr(VkInstance handle, const char *name)
{
    struct mapped_instance *instance;
    PFN_vkVoidFunction func;

    if (!strcmp(name, "vkGetInstanceProcAddr"))
        return (PFN_vkVoidFunction)mapped_GetInstanceProcAddr;
    if (!strcmp(name, "vkCreateInstance"))
        return (PFN_vkVoidFunction)mapped_CreateInstance;
    if (!handle || !(instance = mapped_instance_find(handle)))
        return NULL;
    if (!strcmp(name, "vkDestroyInstance"))
        return (PFN_vkVoidFunction)mapped_DestroyInstance;
    if (!strcmp(name, "vkCreateDevice"))
        return (PFN_vkVoidFunction)mapped_CreateDevice;
    if ((func = mapped_device_proc(name)))
        return func;
    return instance->next_gipa(handle, name);
}

__attribute__((visibility("default"))) VKAPI_ATTR VkResult VKAPI_CALL vkNegotiateLoaderLayerInterfaceVersion(
        VkNegotiateLayerInterface *version)
{
    if (version->sType != LAYER_NEGOTIATE_INTERFACE_STRUCT)
        return VK_ERROR_INITIALIZATION_FAILED;
    if (version->loaderLayerInterfaceVersion > 2)
        version->loaderLayerInterfaceVersion = 2;
    version->pfnGetInstanceProcAddr = mapped_GetInstanceProcAddr;
    version->pfnGetDeviceProcAddr = mapped_GetDeviceProcAddr;
    version->pfnGetPhysicalDeviceProcAddr = NULL;
    return VK_SUCCESS;
}
