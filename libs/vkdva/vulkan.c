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

#define VKDVA_MIN_VULKAN_VERSION VK_API_VERSION_1_3

static const char vkdva_validation_layer[] = "VK_LAYER_KHRONOS_validation";

/* The structure of a type in a create-info chain (validated by vkdva_create_device()). */
const void *vkdva_find_struct(const void *chain, enum vkdva_structure_type type)
{
    const struct vkdva_device_create_info *s;

    for (s = chain; s; s = s->next)
    {
        if (s->type == type)
            return s;
    }
    return NULL;
}

static HRESULT vkdva_load_global_procs(struct vkdva_vk_procs *vk_procs, PFN_vkGetInstanceProcAddr get_proc)
{
    vk_procs->vkGetInstanceProcAddr = get_proc;
#define VK_GLOBAL_PFN(x) \
    if (!(vk_procs->x = (PFN_##x)get_proc(NULL, #x))) \
    { \
        ERR("Could not get global proc %s.\n", #x); \
        return DXGI_ERROR_UNSUPPORTED; \
    }
#include "vulkan_procs.h"
    return S_OK;
}

static HRESULT vkdva_load_instance_procs(struct vkdva_vk_procs *vk_procs, VkInstance vk_instance)
{
    PFN_vkGetInstanceProcAddr get_proc = vk_procs->vkGetInstanceProcAddr;

#define VK_INSTANCE_PFN(x) \
    if (!(vk_procs->x = (PFN_##x)get_proc(vk_instance, #x))) \
    { \
        ERR("Could not get instance proc %s.\n", #x); \
        return DXGI_ERROR_UNSUPPORTED; \
    }
#define VK_INSTANCE_EXT_PFN(x) vk_procs->x = (PFN_##x)get_proc(vk_instance, #x);
#include "vulkan_procs.h"
#ifdef VKDVA_FAULT_INJECTION
    vkdva_fault_wrap_procs(vk_procs);
#endif
    return S_OK;
}

static HRESULT vkdva_load_device_procs(struct vkdva_vk_procs *vk_procs, VkDevice vk_device)
{
#define VK_DEVICE_PFN(x) \
    if (!(vk_procs->x = (PFN_##x)vk_procs->vkGetDeviceProcAddr(vk_device, #x))) \
    { \
        ERR("Could not get device proc %s.\n", #x); \
        return DXGI_ERROR_UNSUPPORTED; \
    }
#define VK_DEVICE_EXT_PFN(x) vk_procs->x = (PFN_##x)vk_procs->vkGetDeviceProcAddr(vk_device, #x);
#include "vulkan_procs.h"
#ifdef VKDVA_FAULT_INJECTION
    vkdva_fault_wrap_procs(vk_procs);
#endif
    return S_OK;
}

static bool vkdva_has_extension(const VkExtensionProperties *extensions, uint32_t count, const char *name)
{
    uint32_t i;

    for (i = 0; i < count; ++i)
    {
        if (!strcmp(extensions[i].extensionName, name))
            return true;
    }
    return false;
}

static VkBool32 VKAPI_PTR vkdva_debug_messenger_callback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
        VkDebugUtilsMessageTypeFlagsEXT types, const VkDebugUtilsMessengerCallbackDataEXT *data, void *user)
{
    if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT)
        ERR("Vulkan validation: %s\n", data->pMessage);
    else if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT)
        WARN("Vulkan validation: %s\n", data->pMessage);
    return VK_FALSE;
}

static HRESULT vkdva_instance_has_layer(struct vkdva_vk_procs *vk_procs, const char *name, bool *found)
{
    VkLayerProperties *layers;
    uint32_t count, i;

    *found = false;
    if (VK_CALL(vkEnumerateInstanceLayerProperties(&count, NULL)) < 0 || !count)
        return S_OK;
    if (!(layers = vkdva_calloc(count, sizeof(*layers))))
        return E_OUTOFMEMORY;
    if (VK_CALL(vkEnumerateInstanceLayerProperties(&count, layers)) >= 0)
    {
        for (i = 0; i < count; ++i)
        {
            if (!strcmp(layers[i].layerName, name))
                *found = true;
        }
    }
    vkdva_free(layers);
    return S_OK;
}

static HRESULT vkdva_create_instance(struct d3d11_device *device, bool validation)
{
    struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    const char *extensions[2], *layers[1];
    uint32_t extension_count = 0, layer_count = 0, count, version;
    VkExtensionProperties *properties;
    bool debug_utils = false, found;
    VkResult vr;
    HRESULT hr;

    VkApplicationInfo app_info =
    {
        .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
        .pEngineName = "vkdva",
        .engineVersion = VK_MAKE_API_VERSION(0, 0, 1, 0),
        .apiVersion = VKDVA_MIN_VULKAN_VERSION,
    };
    VkInstanceCreateInfo instance_info =
    {
        .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
        .pApplicationInfo = &app_info,
    };

    if (VK_CALL(vkEnumerateInstanceVersion(&version)) < 0 || version < VKDVA_MIN_VULKAN_VERSION)
    {
        WARN("The Vulkan loader is too old (version %#x).\n", version);
        return DXGI_ERROR_UNSUPPORTED;
    }

    if (validation)
    {
        if (FAILED(hr = vkdva_instance_has_layer(vk_procs, vkdva_validation_layer, &found)))
            return hr;
        if (found)
            layers[layer_count++] = vkdva_validation_layer;
        else
            WARN("Validation requested, but %s is not installed.\n", vkdva_validation_layer);
    }

    if (VK_CALL(vkEnumerateInstanceExtensionProperties(NULL, &count, NULL)) >= 0 && count)
    {
        if (!(properties = vkdva_calloc(count, sizeof(*properties))))
            return E_OUTOFMEMORY;
        if (VK_CALL(vkEnumerateInstanceExtensionProperties(NULL, &count, properties)) >= 0
                && vkdva_has_extension(properties, count, VK_EXT_DEBUG_UTILS_EXTENSION_NAME) && layer_count)
        {
            extensions[extension_count++] = VK_EXT_DEBUG_UTILS_EXTENSION_NAME;
            debug_utils = true;
        }
        vkdva_free(properties);
    }

    instance_info.enabledLayerCount = layer_count;
    instance_info.ppEnabledLayerNames = layers;
    instance_info.enabledExtensionCount = extension_count;
    instance_info.ppEnabledExtensionNames = extensions;
    if ((vr = VK_CALL(vkCreateInstance(&instance_info, NULL, &device->vk_instance))) < 0)
    {
        WARN("Failed to create a Vulkan instance, vr %d.\n", vr);
        return vr == VK_ERROR_OUT_OF_HOST_MEMORY ? E_OUTOFMEMORY : DXGI_ERROR_UNSUPPORTED;
    }
    device->owns_instance = true;

    if (FAILED(hr = vkdva_load_instance_procs(vk_procs, device->vk_instance)))
        return hr;

    if (debug_utils && vk_procs->vkCreateDebugUtilsMessengerEXT)
    {
        VkDebugUtilsMessengerCreateInfoEXT messenger_info =
        {
            .sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT,
            .messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT
                    | VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT,
            .messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT,
            .pfnUserCallback = vkdva_debug_messenger_callback,
        };

        if ((vr = VK_CALL(vkCreateDebugUtilsMessengerEXT(device->vk_instance, &messenger_info,
                NULL, &device->vk_messenger))) < 0)
            WARN("Failed to create a debug messenger, vr %d.\n", vr);
    }
    return S_OK;
}

/* Queue family properties live on the stack: enumerating them cannot fail for lack of memory,
 * and no device has more families than this (the rest would be ignored). */
#define VKDVA_MAX_QUEUE_FAMILIES 32u

/* Finds the video decode queue family and which codecs it decodes. */
static uint32_t vkdva_find_decode_family(struct vkdva_vk_procs *vk_procs, VkPhysicalDevice vk_physical_device,
        bool *h264, bool *h265, uint32_t *queue_count)
{
    VkQueueFamilyVideoPropertiesKHR video_props[VKDVA_MAX_QUEUE_FAMILIES];
    VkQueueFamilyProperties2 props[VKDVA_MAX_QUEUE_FAMILIES];
    uint32_t count = VKDVA_MAX_QUEUE_FAMILIES, i, family = VK_QUEUE_FAMILY_IGNORED;

    *h264 = *h265 = false;
    for (i = 0; i < count; ++i)
    {
        video_props[i] = (VkQueueFamilyVideoPropertiesKHR){.sType = VK_STRUCTURE_TYPE_QUEUE_FAMILY_VIDEO_PROPERTIES_KHR};
        props[i] = (VkQueueFamilyProperties2)
        {
            .sType = VK_STRUCTURE_TYPE_QUEUE_FAMILY_PROPERTIES_2,
            .pNext = &video_props[i],
        };
    }
    VK_CALL(vkGetPhysicalDeviceQueueFamilyProperties2(vk_physical_device, &count, props));
    for (i = 0; i < count; ++i)
    {
        if (!(props[i].queueFamilyProperties.queueFlags & VK_QUEUE_VIDEO_DECODE_BIT_KHR))
            continue;
        if (!(video_props[i].videoCodecOperations & (VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR
                | VK_VIDEO_CODEC_OPERATION_DECODE_H265_BIT_KHR)))
            continue;
        family = i;
        if (queue_count)
            *queue_count = props[i].queueFamilyProperties.queueCount;
        *h264 = !!(video_props[i].videoCodecOperations & VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR);
        *h265 = !!(video_props[i].videoCodecOperations & VK_VIDEO_CODEC_OPERATION_DECODE_H265_BIT_KHR);
        break;
    }
    return family;
}

static bool vkdva_family_has_flags(struct vkdva_vk_procs *vk_procs, VkPhysicalDevice vk_physical_device,
        uint32_t family, VkQueueFlags flags)
{
    VkQueueFamilyProperties props[VKDVA_MAX_QUEUE_FAMILIES];
    uint32_t count = VKDVA_MAX_QUEUE_FAMILIES;

    VK_CALL(vkGetPhysicalDeviceQueueFamilyProperties(vk_physical_device, &count, props));
    return family < count && (props[family].queueFlags & flags) == flags;
}

static uint32_t vkdva_find_compute_family(struct vkdva_vk_procs *vk_procs, VkPhysicalDevice vk_physical_device)
{
    VkQueueFamilyProperties props[VKDVA_MAX_QUEUE_FAMILIES];
    uint32_t count = VKDVA_MAX_QUEUE_FAMILIES, i, family = VK_QUEUE_FAMILY_IGNORED;

    VK_CALL(vkGetPhysicalDeviceQueueFamilyProperties(vk_physical_device, &count, props));
    /* Prefer the universal family: copies to and from the decode queue's images need no
     * ownership transfer for a family that also does graphics, and every device has one. */
    for (i = 0; i < count; ++i)
    {
        if ((props[i].queueFlags & (VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT))
                == (VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT))
            return i;
    }
    for (i = 0; i < count; ++i)
    {
        if (props[i].queueFlags & VK_QUEUE_COMPUTE_BIT)
            return i;
    }
    return family;
}

static bool vkdva_physical_device_usable(struct vkdva_vk_procs *vk_procs, VkPhysicalDevice vk_physical_device)
{
    VkPhysicalDeviceProperties properties;

    VK_CALL(vkGetPhysicalDeviceProperties(vk_physical_device, &properties));
    if (properties.apiVersion < VKDVA_MIN_VULKAN_VERSION)
    {
        TRACE("Skipping %s: Vulkan %u.%u.\n", properties.deviceName, VK_API_VERSION_MAJOR(properties.apiVersion),
                VK_API_VERSION_MINOR(properties.apiVersion));
        return false;
    }
    return vkdva_find_compute_family(vk_procs, vk_physical_device) != VK_QUEUE_FAMILY_IGNORED;
}

static unsigned int vkdva_physical_device_score(struct vkdva_vk_procs *vk_procs, VkPhysicalDevice vk_physical_device)
{
    VkPhysicalDeviceProperties properties;
    unsigned int score = 0;
    bool h264, h265;

    VK_CALL(vkGetPhysicalDeviceProperties(vk_physical_device, &properties));
    if (vkdva_find_decode_family(vk_procs, vk_physical_device, &h264, &h265, NULL) != VK_QUEUE_FAMILY_IGNORED)
        score += 8;
    if (properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU)
        score += 4;
    else if (properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU)
        score += 2;
    else if (properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU)
        score += 1;
    return score;
}

static HRESULT vkdva_select_physical_device(struct d3d11_device *device,
        const struct vkdva_physical_device_select_info *select_info)
{
    struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkPhysicalDeviceIDProperties id_properties;
    VkPhysicalDeviceProperties2 properties2;
    unsigned int score, best_score = 0;
    VkPhysicalDevice *physical_devices;
    uint32_t count, i;
    VkResult vr;

    if ((vr = VK_CALL(vkEnumeratePhysicalDevices(device->vk_instance, &count, NULL))) < 0 || !count)
    {
        WARN("No Vulkan physical devices, vr %d.\n", vr);
        return DXGI_ERROR_UNSUPPORTED;
    }
    if (!(physical_devices = vkdva_calloc(count, sizeof(*physical_devices))))
        return E_OUTOFMEMORY;
    if ((vr = VK_CALL(vkEnumeratePhysicalDevices(device->vk_instance, &count, physical_devices))) < 0)
    {
        vkdva_free(physical_devices);
        return hresult_from_vk_result(vr);
    }

    device->vk_physical_device = VK_NULL_HANDLE;
    for (i = 0; i < count; ++i)
    {
        if (select_info && select_info->device_index != UINT32_MAX)
        {
            if (i != select_info->device_index)
                continue;
        }
        else if (select_info)
        {
            id_properties = (VkPhysicalDeviceIDProperties){.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
            properties2 = (VkPhysicalDeviceProperties2)
            {
                .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
                .pNext = &id_properties,
            };
            VK_CALL(vkGetPhysicalDeviceProperties2(physical_devices[i], &properties2));
            if (memcmp(id_properties.deviceUUID, select_info->device_uuid, VK_UUID_SIZE))
                continue;
        }
        if (!vkdva_physical_device_usable(vk_procs, physical_devices[i]))
            continue;
        score = vkdva_physical_device_score(vk_procs, physical_devices[i]) + 1;
        if (score > best_score)
        {
            best_score = score;
            device->vk_physical_device = physical_devices[i];
        }
    }
    vkdva_free(physical_devices);

    if (!device->vk_physical_device)
    {
        if (select_info)
            WARN("The requested physical device was not found or is not usable.\n");
        else
            WARN("No usable Vulkan physical device.\n");
        return select_info ? E_INVALIDARG : DXGI_ERROR_UNSUPPORTED;
    }
    return S_OK;
}

/* vkGetDeviceQueue2 for every queue: vkGetDeviceQueue may only return queues created without
 * flags (VUID-vkGetDeviceQueue-flags-01841), and validation 1.3.239 cannot tell a family's
 * unprotected queue from its protected one there. The protected queues of a family are a list
 * of their own, indexed from 0 (devsandqueues.adoc, vkGetDeviceQueue2). */
static void vkdva_queue_init(struct d3d11_device *device, struct vkdva_queue *queue, uint32_t family_index,
        VkQueueFlags flags, uint32_t index)
{
    struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkDeviceQueueInfo2 queue_info =
    {
        .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_INFO_2,
        .flags = (flags & VK_QUEUE_PROTECTED_BIT) ? VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT : 0,
        .queueFamilyIndex = family_index,
        .queueIndex = index,
    };

    queue->family_index = family_index;
    queue->flags = flags;
    queue->vk_queue = VK_NULL_HANDLE;
    if (family_index != VK_QUEUE_FAMILY_IGNORED)
        VK_CALL(vkGetDeviceQueue2(device->vk_device, &queue_info, &queue->vk_queue));
}

/* Vulkan protected memory is used where the device has the feature, a protected-capable
 * compute family (VK_QUEUE_PROTECTED_BIT) and a protected memory type. */
static bool vkdva_protected_memory_usable(struct vkdva_vk_procs *vk_procs, VkPhysicalDevice vk_physical_device,
        const VkPhysicalDeviceMemoryProperties *memory_properties, uint32_t compute_family)
{
    uint32_t i;

    if (!vkdva_family_has_flags(vk_procs, vk_physical_device, compute_family, VK_QUEUE_PROTECTED_BIT))
    {
        WARN("The device has protectedMemory, but its compute family %u is not protected-capable.\n",
                compute_family);
        return false;
    }
    for (i = 0; i < memory_properties->memoryTypeCount; ++i)
    {
        if (memory_properties->memoryTypes[i].propertyFlags & VK_MEMORY_PROPERTY_PROTECTED_BIT)
            return true;
    }
    WARN("The device has protectedMemory, but no protected memory type.\n");
    return false;
}

static HRESULT vkdva_create_vk_device(struct d3d11_device *device)
{
    struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkPhysicalDevice vk_physical_device = device->vk_physical_device;
    struct vkdva_device_caps *caps = &device->caps;
    VkDeviceQueueCreateInfo queue_infos[4];
    bool protected_decode = false;
    float decode_priorities[VKDVA_MAX_DECODE_QUEUES];
    uint32_t compute_family, decode_family, decode_queue_count = 0, i;
    VkExtensionProperties *extensions;
    const char *enabled[8];
    unsigned int enabled_count = 0;
    static const float priority = 1.0f;
    uint32_t count;
    bool h264, h265;
    VkResult vr;
    HRESULT hr;

    VkPhysicalDeviceVulkan13Features features13 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
    VkPhysicalDeviceVulkan12Features features12 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
        .pNext = &features13,
    };
    VkPhysicalDeviceVulkan11Features features11 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES,
        .pNext = &features12,
    };
    VkPhysicalDeviceFeatures2 features2 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
        .pNext = &features11,
    };
    VkPhysicalDeviceVulkan13Features enable13 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
    VkPhysicalDeviceVulkan12Features enable12 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
        .pNext = &enable13,
    };
    VkPhysicalDeviceVulkan11Features enable11 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES,
        .pNext = &enable12,
    };
    VkPhysicalDeviceFeatures2 enable2 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
        .pNext = &enable11,
    };
    VkPhysicalDeviceIDProperties id_properties = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
    VkPhysicalDeviceProperties2 properties2 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
        .pNext = &id_properties,
    };
    VkDeviceCreateInfo device_info =
    {
        .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
        .pNext = &enable2,
        .pQueueCreateInfos = queue_infos,
        .ppEnabledExtensionNames = enabled,
    };

    VK_CALL(vkGetPhysicalDeviceProperties2(vk_physical_device, &properties2));
    caps->properties = properties2.properties;
    caps->api_version = properties2.properties.apiVersion;
    memcpy(caps->device_uuid, id_properties.deviceUUID, VK_UUID_SIZE);
    caps->max_compute_shared_memory_size = properties2.properties.limits.maxComputeSharedMemorySize;
    VK_CALL(vkGetPhysicalDeviceMemoryProperties(vk_physical_device, &caps->memory_properties));
    VK_CALL(vkGetPhysicalDeviceFeatures2(vk_physical_device, &features2));

    if (!features12.timelineSemaphore || !features13.synchronization2)
    {
        WARN("The device lacks timeline semaphores or synchronization2.\n");
        return DXGI_ERROR_UNSUPPORTED;
    }
    enable12.timelineSemaphore = VK_TRUE;
    enable13.synchronization2 = VK_TRUE;
    enable11.samplerYcbcrConversion = features11.samplerYcbcrConversion;
    enable2.features.shaderInt64 = features2.features.shaderInt64;
    enable2.features.shaderStorageImageWriteWithoutFormat = features2.features.shaderStorageImageWriteWithoutFormat;
    enable2.features.shaderStorageImageReadWithoutFormat = features2.features.shaderStorageImageReadWithoutFormat;
    enable12.storageBuffer8BitAccess = features12.storageBuffer8BitAccess;
    enable12.shaderInt8 = features12.shaderInt8;

    if ((compute_family = vkdva_find_compute_family(vk_procs, vk_physical_device)) == VK_QUEUE_FAMILY_IGNORED)
    {
        WARN("The device has no compute queue family.\n");
        return DXGI_ERROR_UNSUPPORTED;
    }
    caps->protected_memory = features11.protectedMemory && vkdva_protected_memory_usable(vk_procs,
            vk_physical_device, &caps->memory_properties, compute_family);
    enable11.protectedMemory = caps->protected_memory;
    decode_family = vkdva_find_decode_family(vk_procs, vk_physical_device, &h264, &h265, &decode_queue_count);

    if ((vr = VK_CALL(vkEnumerateDeviceExtensionProperties(vk_physical_device, NULL, &count, NULL))) < 0)
        return hresult_from_vk_result(vr);
    if (!(extensions = vkdva_calloc(count ? count : 1, sizeof(*extensions))))
        return E_OUTOFMEMORY;
    if ((vr = VK_CALL(vkEnumerateDeviceExtensionProperties(vk_physical_device, NULL, &count, extensions))) < 0)
    {
        vkdva_free(extensions);
        return hresult_from_vk_result(vr);
    }
    if (decode_family != VK_QUEUE_FAMILY_IGNORED
            && vkdva_has_extension(extensions, count, VK_KHR_VIDEO_QUEUE_EXTENSION_NAME)
            && vkdva_has_extension(extensions, count, VK_KHR_VIDEO_DECODE_QUEUE_EXTENSION_NAME))
    {
        enabled[enabled_count++] = VK_KHR_VIDEO_QUEUE_EXTENSION_NAME;
        enabled[enabled_count++] = VK_KHR_VIDEO_DECODE_QUEUE_EXTENSION_NAME;
        if (h264 && vkdva_has_extension(extensions, count, VK_KHR_VIDEO_DECODE_H264_EXTENSION_NAME))
        {
            enabled[enabled_count++] = VK_KHR_VIDEO_DECODE_H264_EXTENSION_NAME;
            caps->video_decode_h264 = true;
        }
        if (h265 && vkdva_has_extension(extensions, count, VK_KHR_VIDEO_DECODE_H265_EXTENSION_NAME))
        {
            enabled[enabled_count++] = VK_KHR_VIDEO_DECODE_H265_EXTENSION_NAME;
            caps->video_decode_h265 = true;
        }
        caps->video_queue = caps->video_decode_h264 || caps->video_decode_h265;
    }
    if (vkdva_has_extension(extensions, count, VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME))
    {
        enabled[enabled_count++] = VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME;
        caps->push_descriptor = true;
    }
    vkdva_free(extensions);
    if (!caps->video_queue)
        decode_family = VK_QUEUE_FAMILY_IGNORED;

    queue_infos[0] = (VkDeviceQueueCreateInfo)
    {
        .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
        .queueFamilyIndex = compute_family,
        .queueCount = 1,
        .pQueuePriorities = &priority,
    };
    device_info.queueCreateInfoCount = 1;
    /* A protected-capable queue of the compute family beside the unprotected one: one create
     * info each, which VkDeviceCreateInfo allows for the same family when only the protected
     * flag differs (VUID-VkDeviceCreateInfo-queueFamilyIndex-02802). */
    if (caps->protected_memory)
    {
        queue_infos[device_info.queueCreateInfoCount++] = (VkDeviceQueueCreateInfo)
        {
            .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
            .flags = VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT,
            .queueFamilyIndex = compute_family,
            .queueCount = 1,
            .pQueuePriorities = &priority,
        };
    }
    /* Protected video sessions need a protected queue of the decode family: one, shared by
     * every decoder that has one (decoder_vk.c). */
    if (caps->protected_memory && decode_family != VK_QUEUE_FAMILY_IGNORED
            && vkdva_family_has_flags(vk_procs, vk_physical_device, decode_family, VK_QUEUE_PROTECTED_BIT))
    {
        queue_infos[device_info.queueCreateInfoCount++] = (VkDeviceQueueCreateInfo)
        {
            .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
            .flags = VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT,
            .queueFamilyIndex = decode_family,
            .queueCount = 1,
            .pQueuePriorities = &priority,
        };
        protected_decode = true;
    }
    if (decode_family != VK_QUEUE_FAMILY_IGNORED)
    {
        const char *env;

        /* Every queue of the decode family, up to a limit: decoders are spread over them, and
         * a driver may run each queue on its own decode engine (NVIDIA exposes one queue per
         * NVDEC). VKDVA_DECODE_QUEUES lowers the number, to measure the difference. */
        decode_queue_count = vkdva_max_u(1, vkdva_min_u(decode_queue_count, VKDVA_MAX_DECODE_QUEUES));
        if ((env = getenv("VKDVA_DECODE_QUEUES")) && atoi(env) > 0)
            decode_queue_count = vkdva_min_u(decode_queue_count, atoi(env));
        for (i = 0; i < decode_queue_count; ++i)
            decode_priorities[i] = priority;
        queue_infos[device_info.queueCreateInfoCount++] = (VkDeviceQueueCreateInfo)
        {
            .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
            .queueFamilyIndex = decode_family,
            .queueCount = decode_queue_count,
            .pQueuePriorities = decode_priorities,
        };
    }
    device_info.enabledExtensionCount = enabled_count;

    if ((vr = VK_CALL(vkCreateDevice(vk_physical_device, &device_info, NULL, &device->vk_device))) < 0)
    {
        WARN("Failed to create a Vulkan device, vr %d.\n", vr);
        return hresult_from_vk_result(vr);
    }
    if (FAILED(hr = vkdva_load_device_procs(vk_procs, device->vk_device)))
        return hr;
    if (caps->video_queue && (!vk_procs->vkCreateVideoSessionKHR || !vk_procs->vkCmdDecodeVideoKHR))
    {
        ERR("Video extensions enabled but their entry points are missing.\n");
        caps->video_queue = caps->video_decode_h264 = caps->video_decode_h265 = false;
        decode_family = VK_QUEUE_FAMILY_IGNORED;
    }
    if (caps->push_descriptor && !vk_procs->vkCmdPushDescriptorSetKHR)
        caps->push_descriptor = false;

    vkdva_queue_init(device, &device->compute_queue, compute_family,
            VK_QUEUE_COMPUTE_BIT | VK_QUEUE_TRANSFER_BIT, 0);
    for (i = 0; i < VKDVA_MAX_DECODE_QUEUES; ++i)
        vkdva_queue_init(device, &device->decode_queues[i], i < decode_queue_count ? decode_family
                : VK_QUEUE_FAMILY_IGNORED, VK_QUEUE_VIDEO_DECODE_BIT_KHR, i);
    device->decode_queue_count = decode_family == VK_QUEUE_FAMILY_IGNORED ? 0 : decode_queue_count;
    if (caps->protected_memory)
    {
        vkdva_queue_init(device, &device->protected_queue, compute_family,
                VK_QUEUE_COMPUTE_BIT | VK_QUEUE_TRANSFER_BIT | VK_QUEUE_PROTECTED_BIT, 0);
        /* Drivers before CTS 1.3.3.0 may index a family's protected queues after its
         * unprotected ones and return NULL here (devsandqueues.adoc, NOTE on vkGetDeviceQueue2). */
        if (!device->protected_queue.vk_queue)
        {
            WARN("No protected queue; not using protected memory.\n");
            device->protected_queue.family_index = VK_QUEUE_FAMILY_IGNORED;
            caps->protected_memory = false;
        }
    }
    if (caps->protected_memory && protected_decode)
    {
        vkdva_queue_init(device, &device->protected_decode_queue, decode_family,
                VK_QUEUE_VIDEO_DECODE_BIT_KHR | VK_QUEUE_PROTECTED_BIT, 0);
        if (!device->protected_decode_queue.vk_queue)
        {
            WARN("No protected decode queue.\n");
            device->protected_decode_queue.family_index = VK_QUEUE_FAMILY_IGNORED;
        }
    }

    TRACE("Using %s, Vulkan %u.%u.%u, compute family %u, decode family %d (%u queues), protected memory %#x.\n",
            caps->properties.deviceName, VK_API_VERSION_MAJOR(caps->api_version),
            VK_API_VERSION_MINOR(caps->api_version), VK_API_VERSION_PATCH(caps->api_version), compute_family,
            (int)decode_family, device->decode_queue_count, caps->protected_memory);
    return S_OK;
}

HRESULT vkdva_vulkan_init(struct d3d11_device *device, const struct vkdva_device_create_info *create_info)
{
    const struct vkdva_physical_device_select_info *select_info = NULL;
    const struct vkdva_vulkan_adopt_info *adopt_info = NULL;
    PFN_vkGetInstanceProcAddr get_proc;
    struct vkdva_vk_procs *vk_procs;
    bool validation = false;
    unsigned int i;
    HRESULT hr;

    if (create_info)
    {
        select_info = vkdva_find_struct(create_info->next, VKDVA_STRUCTURE_TYPE_PHYSICAL_DEVICE_SELECT_INFO);
        adopt_info = vkdva_find_struct(create_info->next, VKDVA_STRUCTURE_TYPE_VULKAN_ADOPT_INFO);
        validation = !!(create_info->flags & VKDVA_DEVICE_FLAG_VALIDATION);
    }

    vk_procs = &device->vk_procs;
    pthread_mutex_init(&device->compute_queue.mutex, NULL);
    for (i = 0; i < VKDVA_MAX_DECODE_QUEUES; ++i)
    {
        pthread_mutex_init(&device->decode_queues[i].mutex, NULL);
        device->decode_queues[i].family_index = VK_QUEUE_FAMILY_IGNORED;
    }
    pthread_mutex_init(&device->protected_queue.mutex, NULL);
    pthread_mutex_init(&device->protected_decode_queue.mutex, NULL);
    device->compute_queue.family_index = VK_QUEUE_FAMILY_IGNORED;
    device->protected_queue.family_index = VK_QUEUE_FAMILY_IGNORED;
    device->protected_decode_queue.family_index = VK_QUEUE_FAMILY_IGNORED;
    if (adopt_info && adopt_info->vkGetInstanceProcAddr)
        get_proc = adopt_info->vkGetInstanceProcAddr;
    else if (!(get_proc = vkdva_platform_load_vulkan()))
        return DXGI_ERROR_UNSUPPORTED;

    if (FAILED(hr = vkdva_load_global_procs(vk_procs, get_proc)))
        return hr;

    if (adopt_info)
    {
        if (!adopt_info->vk_instance)
        {
            WARN("Adopt info without an instance.\n");
            return E_INVALIDARG;
        }
        device->vk_instance = adopt_info->vk_instance;
        device->owns_instance = false;
        if (FAILED(hr = vkdva_load_instance_procs(vk_procs, device->vk_instance)))
            return hr;
    }
    else if (FAILED(hr = vkdva_create_instance(device, validation)))
    {
        return hr;
    }

    if (adopt_info && adopt_info->vk_physical_device)
    {
        device->vk_physical_device = adopt_info->vk_physical_device;
        if (!vkdva_physical_device_usable(vk_procs, device->vk_physical_device))
        {
            WARN("The adopted physical device is not usable.\n");
            return E_INVALIDARG;
        }
    }
    else if (FAILED(hr = vkdva_select_physical_device(device, select_info)))
    {
        return hr;
    }

    return vkdva_create_vk_device(device);
}

void vkdva_vulkan_cleanup(struct d3d11_device *device)
{
    struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    unsigned int i;

    if (device->vk_device)
    {
        /* After the GPU watchdog removed the device (command.c) its work may never complete, and
         * vkDeviceWaitIdle() has no timeout: the last Release would block forever. Everything
         * goes with that work pending, as it goes after a TDR on Windows. */
        if (device->removed_reason != DXGI_ERROR_DEVICE_HUNG)
            VK_CALL(vkDeviceWaitIdle(device->vk_device));
        VK_CALL(vkDestroyDevice(device->vk_device, NULL));
    }
    pthread_mutex_destroy(&device->compute_queue.mutex);
    for (i = 0; i < VKDVA_MAX_DECODE_QUEUES; ++i)
        pthread_mutex_destroy(&device->decode_queues[i].mutex);
    pthread_mutex_destroy(&device->protected_queue.mutex);
    pthread_mutex_destroy(&device->protected_decode_queue.mutex);
    if (device->vk_messenger)
        VK_CALL(vkDestroyDebugUtilsMessengerEXT(device->vk_instance, device->vk_messenger, NULL));
    if (device->vk_instance && device->owns_instance)
        VK_CALL(vkDestroyInstance(device->vk_instance, NULL));
}
