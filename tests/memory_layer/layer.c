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
 * when the address space runs out. It decides nothing itself: no allocation is refused here.
 *
 * The same layer plays a hung GPU for the GPU watchdog test (tests/hang.c, vkdva's
 * vkdva_command_stream_wait_gpu() in command.c): every queue submission made while the
 * environment variable VKDVA_TEST_LAYER_HANG is set (and not "0") never completes, as far as
 * the application can tell. The driver still executes it, at once (the layer waits for the
 * queue before it returns, so that nothing is pending in the driver when the application tears
 * down what the submission uses, as it may after a real hang), but for each timeline semaphore
 * such a submission signals:
 * - vkGetSemaphoreCounterValue reports at most the last value signalled before the hang;
 * - vkWaitSemaphores for a value above that returns VK_TIMEOUT at once, whatever its timeout:
 *   waiting for real would only slow the test down; what is tested is what vkdva does with the
 *   timeouts, not how long they last;
 * - vkDeviceWaitIdle and vkQueueWaitIdle would never return on a hung GPU (they have no
 *   timeout), so calling them then is a bug of the application: the layer says so on stderr
 *   and aborts.
 * The variable is read at each submission, not once, because vkdva itself waits for the GPU
 * while it creates objects (a Vulkan Video decoder waits for the initialisation of its DPB,
 * decoder_vk.c; a copy out of a texture created with initial data waits for the upload), so a
 * GPU hung from the start, or after a fixed number of calls, would remove the device before the
 * test has set anything up, or tie the test to how many waits vkdva makes: the test sets the
 * variable (setenv()) right before the work that is to hang, as tests/fault.c does with
 * VKDVA_FAULT_DEVICE_LOST. Without the variable nothing here changes what the driver does. */

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
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
    PFN_vkDestroySemaphore DestroySemaphore;
    PFN_vkQueueSubmit QueueSubmit;
    PFN_vkQueueSubmit2 QueueSubmit2;
    PFN_vkSignalSemaphore SignalSemaphore;
    PFN_vkGetSemaphoreCounterValue GetSemaphoreCounterValue;
    PFN_vkWaitSemaphores WaitSemaphores;
    PFN_vkDeviceWaitIdle DeviceWaitIdle;
    PFN_vkQueueWaitIdle QueueWaitIdle;
    /* The timeline semaphores signalled by submissions made while the GPU "hangs". */
    struct hung_semaphore
    {
        VkSemaphore semaphore;
        uint64_t reached;   /* the last value signalled before the hang */
        bool hung;
    } *semaphores;
    size_t semaphore_count, semaphore_size;
    bool hung;  /* some submission will never complete */
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
    device->DestroySemaphore = (PFN_vkDestroySemaphore)gdpa(*out, "vkDestroySemaphore");
    device->QueueSubmit = (PFN_vkQueueSubmit)gdpa(*out, "vkQueueSubmit");
    device->DeviceWaitIdle = (PFN_vkDeviceWaitIdle)gdpa(*out, "vkDeviceWaitIdle");
    device->QueueWaitIdle = (PFN_vkQueueWaitIdle)gdpa(*out, "vkQueueWaitIdle");
    /* Core in Vulkan 1.2 and 1.3, the extensions' names before. */
    if (!(device->QueueSubmit2 = (PFN_vkQueueSubmit2)gdpa(*out, "vkQueueSubmit2")))
        device->QueueSubmit2 = (PFN_vkQueueSubmit2)gdpa(*out, "vkQueueSubmit2KHR");
    if (!(device->SignalSemaphore = (PFN_vkSignalSemaphore)gdpa(*out, "vkSignalSemaphore")))
        device->SignalSemaphore = (PFN_vkSignalSemaphore)gdpa(*out, "vkSignalSemaphoreKHR");
    if (!(device->GetSemaphoreCounterValue = (PFN_vkGetSemaphoreCounterValue)gdpa(*out, "vkGetSemaphoreCounterValue")))
        device->GetSemaphoreCounterValue
                = (PFN_vkGetSemaphoreCounterValue)gdpa(*out, "vkGetSemaphoreCounterValueKHR");
    if (!(device->WaitSemaphores = (PFN_vkWaitSemaphores)gdpa(*out, "vkWaitSemaphores")))
        device->WaitSemaphores = (PFN_vkWaitSemaphores)gdpa(*out, "vkWaitSemaphoresKHR");
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
    free(device->semaphores);
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

/* The hung GPU (tests/hang.c). */

static bool hang_active(void)
{
    const char *value = getenv("VKDVA_TEST_LAYER_HANG");

    return value && *value && strcmp(value, "0");
}

/* mapped_lock held. NULL when semaphore is not known (or cannot be added). */
static struct hung_semaphore *hang_semaphore(struct mapped_device *device, VkSemaphore semaphore, bool add)
{
    struct hung_semaphore *semaphores;
    size_t i;

    for (i = 0; i < device->semaphore_count; ++i)
    {
        if (device->semaphores[i].semaphore == semaphore)
            return &device->semaphores[i];
    }
    if (!add)
        return NULL;
    if (device->semaphore_count == device->semaphore_size)
    {
        if (!(semaphores = realloc(device->semaphores, (device->semaphore_size * 2 + 8) * sizeof(*semaphores))))
            return NULL;
        device->semaphores = semaphores;
        device->semaphore_size = device->semaphore_size * 2 + 8;
    }
    device->semaphores[device->semaphore_count] = (struct hung_semaphore){.semaphore = semaphore};
    return &device->semaphores[device->semaphore_count++];
}

/* A submission made now signals semaphore with value: completed as far as anyone can tell, or
 * never when the GPU hangs. */
static void hang_note_signal(struct mapped_device *device, VkSemaphore semaphore, uint64_t value, bool hanging)
{
    struct hung_semaphore *s;

    pthread_mutex_lock(&mapped_lock);
    if (!(s = hang_semaphore(device, semaphore, true)))
    {
        /* Out of memory (tests/exhaust.c runs out on purpose): only the hang needs the record. */
        if (hanging)
        {
            fprintf(stderr, "VK_LAYER_VKDVA_mapped_memory: out of memory.\n");
            abort();
        }
    }
    else if (hanging)
    {
        s->hung = device->hung = true;
    }
    else if (!s->hung && value > s->reached)
    {
        s->reached = value;
    }
    pthread_mutex_unlock(&mapped_lock);
}

/* Whether semaphore can still reach value; *reached is what it is allowed to report. */
static bool hang_can_reach(struct mapped_device *device, VkSemaphore semaphore, uint64_t value, uint64_t *reached)
{
    struct hung_semaphore *s;
    bool ret = true;

    *reached = UINT64_MAX;
    pthread_mutex_lock(&mapped_lock);
    if ((s = hang_semaphore(device, semaphore, false)) && s->hung)
    {
        *reached = s->reached;
        ret = value <= s->reached;
    }
    pthread_mutex_unlock(&mapped_lock);
    return ret;
}

/* Whether some submission will never complete. */
static bool hang_device_hung(struct mapped_device *device)
{
    bool hung;

    pthread_mutex_lock(&mapped_lock);
    hung = device->hung;
    pthread_mutex_unlock(&mapped_lock);
    return hung;
}

/* A submission (and its fence, if any) was made on the hung GPU; the caller synchronises access
 * to queue. */
static void hang_start(struct mapped_device *device, VkQueue queue)
{
    pthread_mutex_lock(&mapped_lock);
    device->hung = true;
    pthread_mutex_unlock(&mapped_lock);
    device->QueueWaitIdle(queue);
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_QueueSubmit(VkQueue queue, uint32_t count, const VkSubmitInfo *submits,
        VkFence fence)
{
    struct mapped_device *device = mapped_device_find(queue);
    const VkTimelineSemaphoreSubmitInfo *timeline;
    bool hanging = hang_active();
    const VkBaseInStructure *s;
    uint32_t i, j;
    VkResult vr;

    if ((vr = device->QueueSubmit(queue, count, submits, fence)) < 0)
        return vr;
    if (hanging)
        hang_start(device, queue);
    for (i = 0; i < count; ++i)
    {
        for (s = submits[i].pNext, timeline = NULL; s && !timeline; s = s->pNext)
        {
            if (s->sType == VK_STRUCTURE_TYPE_TIMELINE_SEMAPHORE_SUBMIT_INFO)
                timeline = (const VkTimelineSemaphoreSubmitInfo *)s;
        }
        for (j = 0; j < submits[i].signalSemaphoreCount; ++j)
            hang_note_signal(device, submits[i].pSignalSemaphores[j],
                    timeline && j < timeline->signalSemaphoreValueCount ? timeline->pSignalSemaphoreValues[j] : 0,
                    hanging);
    }
    return vr;
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_QueueSubmit2(VkQueue queue, uint32_t count, const VkSubmitInfo2 *submits,
        VkFence fence)
{
    struct mapped_device *device = mapped_device_find(queue);
    bool hanging = hang_active();
    uint32_t i, j;
    VkResult vr;

    if ((vr = device->QueueSubmit2(queue, count, submits, fence)) < 0)
        return vr;
    if (hanging)
        hang_start(device, queue);
    for (i = 0; i < count; ++i)
    {
        for (j = 0; j < submits[i].signalSemaphoreInfoCount; ++j)
            hang_note_signal(device, submits[i].pSignalSemaphoreInfos[j].semaphore,
                    submits[i].pSignalSemaphoreInfos[j].value, hanging);
    }
    return vr;
}

/* A signal from the host is not GPU work: it happens even while the GPU hangs. */
static VKAPI_ATTR VkResult VKAPI_CALL mapped_SignalSemaphore(VkDevice handle, const VkSemaphoreSignalInfo *info)
{
    struct mapped_device *device = mapped_device_find(handle);
    VkResult vr;

    if ((vr = device->SignalSemaphore(handle, info)) >= 0)
        hang_note_signal(device, info->semaphore, info->value, false);
    return vr;
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_GetSemaphoreCounterValue(VkDevice handle, VkSemaphore semaphore,
        uint64_t *value)
{
    struct mapped_device *device = mapped_device_find(handle);
    uint64_t reached;
    VkResult vr;

    if ((vr = device->GetSemaphoreCounterValue(handle, semaphore, value)) < 0)
        return vr;
    if (!hang_can_reach(device, semaphore, *value, &reached))
        *value = reached;
    return vr;
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_WaitSemaphores(VkDevice handle, const VkSemaphoreWaitInfo *info,
        uint64_t timeout)
{
    struct mapped_device *device = mapped_device_find(handle);
    VkSemaphoreWaitInfo reachable = *info;
    VkSemaphore *semaphores;
    uint64_t *values, reached;
    VkResult vr;
    uint32_t i;

    if (!hang_device_hung(device) || !info->semaphoreCount)
        return device->WaitSemaphores(handle, info, timeout);
    if (!(semaphores = calloc(info->semaphoreCount, sizeof(*semaphores)))
            || !(values = calloc(info->semaphoreCount, sizeof(*values))))
    {
        free(semaphores);
        return VK_ERROR_OUT_OF_HOST_MEMORY;
    }
    reachable.semaphoreCount = 0;
    reachable.pSemaphores = semaphores;
    reachable.pValues = values;
    for (i = 0; i < info->semaphoreCount; ++i)
    {
        if (hang_can_reach(device, info->pSemaphores[i], info->pValues[i], &reached))
        {
            semaphores[reachable.semaphoreCount] = info->pSemaphores[i];
            values[reachable.semaphoreCount++] = info->pValues[i];
        }
        else if (!(info->flags & VK_SEMAPHORE_WAIT_ANY_BIT))
        {
            reachable.semaphoreCount = 0;
            break;
        }
    }
    /* What can never complete times out now rather than after timeout nanoseconds. */
    vr = reachable.semaphoreCount ? device->WaitSemaphores(handle, &reachable, timeout) : VK_TIMEOUT;
    free(values);
    free(semaphores);
    return vr;
}

/* vkDeviceWaitIdle() and vkQueueWaitIdle() have no timeout: on a hung GPU they never return
 * (the hung work stays pending even when the semaphores it signals have been destroyed). */
static void hang_check_idle_wait(struct mapped_device *device, const char *function)
{
    if (!hang_device_hung(device))
        return;
    fprintf(stderr, "VK_LAYER_VKDVA_mapped_memory: %s() with work of a hung GPU pending would never return.\n",
            function);
    abort();
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_DeviceWaitIdle(VkDevice handle)
{
    struct mapped_device *device = mapped_device_find(handle);

    hang_check_idle_wait(device, "vkDeviceWaitIdle");
    return device->DeviceWaitIdle(handle);
}

static VKAPI_ATTR VkResult VKAPI_CALL mapped_QueueWaitIdle(VkQueue queue)
{
    struct mapped_device *device = mapped_device_find(queue);

    hang_check_idle_wait(device, "vkQueueWaitIdle");
    return device->QueueWaitIdle(queue);
}

static VKAPI_ATTR void VKAPI_CALL mapped_DestroySemaphore(VkDevice handle, VkSemaphore semaphore,
        const VkAllocationCallbacks *allocator)
{
    struct mapped_device *device = mapped_device_find(handle);
    struct hung_semaphore *s;

    pthread_mutex_lock(&mapped_lock);
    if (semaphore && (s = hang_semaphore(device, semaphore, false)))
        *s = device->semaphores[--device->semaphore_count];
    pthread_mutex_unlock(&mapped_lock);
    device->DestroySemaphore(handle, semaphore, allocator);
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
        {"vkDestroySemaphore", (PFN_vkVoidFunction)mapped_DestroySemaphore},
        {"vkQueueSubmit", (PFN_vkVoidFunction)mapped_QueueSubmit},
        {"vkQueueSubmit2", (PFN_vkVoidFunction)mapped_QueueSubmit2},
        {"vkQueueSubmit2KHR", (PFN_vkVoidFunction)mapped_QueueSubmit2},
        {"vkSignalSemaphore", (PFN_vkVoidFunction)mapped_SignalSemaphore},
        {"vkSignalSemaphoreKHR", (PFN_vkVoidFunction)mapped_SignalSemaphore},
        {"vkGetSemaphoreCounterValue", (PFN_vkVoidFunction)mapped_GetSemaphoreCounterValue},
        {"vkGetSemaphoreCounterValueKHR", (PFN_vkVoidFunction)mapped_GetSemaphoreCounterValue},
        {"vkWaitSemaphores", (PFN_vkVoidFunction)mapped_WaitSemaphores},
        {"vkWaitSemaphoresKHR", (PFN_vkVoidFunction)mapped_WaitSemaphores},
        {"vkDeviceWaitIdle", (PFN_vkVoidFunction)mapped_DeviceWaitIdle},
        {"vkQueueWaitIdle", (PFN_vkVoidFunction)mapped_QueueWaitIdle},
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
    /* Only what the driver has (vkQueueSubmit2KHR without VK_KHR_synchronization2 is NULL). */
    if ((func = mapped_device_proc(name)) && device->next_gdpa(handle, name))
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
