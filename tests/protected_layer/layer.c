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

/* The emulation half of the layer: what it advertises (the protectedMemory feature, protected
 * queue families, a protected memory type), how it strips the protected bits before calling
 * down, protected queues, submissions and memory. The rules are those of the Vulkan
 * specification's "Protected Memory" sections, quoted in
 * ../shared/reference/d3d11-content-protection.md section 5; each report names its VUID. */

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include "layer.h"

pthread_mutex_t layer_lock = PTHREAD_MUTEX_INITIALIZER;
struct layer_map layer_memories, layer_buffers, layer_images, layer_image_views, layer_buffer_views,
        layer_video_sessions;

/* While > 0, violations are not reported: a test reads protected memory back on purpose to
 * check what was written there (vkdva_protected_layer_suspend_checks()). */
static int layer_suspended;

bool layer_checks_suspended(void)
{
    return __atomic_load_n(&layer_suspended, __ATOMIC_SEQ_CST) > 0;
}

/* For tests only, found with dlsym(): the emulated protected memory is ordinary memory, so a
 * test can copy it out with unprotected commands to check its content, which a real protected
 * implementation would forbid. Nothing else may run on the device meanwhile. */
__attribute__((visibility("default"))) void vkdva_protected_layer_suspend_checks(int suspend)
{
    __atomic_add_fetch(&layer_suspended, suspend ? 1 : -1, __ATOMIC_SEQ_CST);
}

struct layer_instance
{
    VkInstance instance;
    void *key;
    PFN_vkGetInstanceProcAddr next_gipa;
    PFN_vkDestroyInstance DestroyInstance;
    PFN_vkEnumeratePhysicalDevices EnumeratePhysicalDevices;
    PFN_vkEnumerateDeviceExtensionProperties EnumerateDeviceExtensionProperties;
    PFN_vkGetPhysicalDeviceFeatures2 GetPhysicalDeviceFeatures2;
    PFN_vkGetPhysicalDeviceProperties2 GetPhysicalDeviceProperties2;
    PFN_vkGetPhysicalDeviceQueueFamilyProperties GetPhysicalDeviceQueueFamilyProperties;
    PFN_vkGetPhysicalDeviceQueueFamilyProperties2 GetPhysicalDeviceQueueFamilyProperties2;
    PFN_vkGetPhysicalDeviceMemoryProperties GetPhysicalDeviceMemoryProperties;
    PFN_vkGetPhysicalDeviceMemoryProperties2 GetPhysicalDeviceMemoryProperties2;
    PFN_vkGetPhysicalDeviceImageFormatProperties GetPhysicalDeviceImageFormatProperties;
    PFN_vkGetPhysicalDeviceImageFormatProperties2 GetPhysicalDeviceImageFormatProperties2;
    PFN_vkGetPhysicalDeviceVideoCapabilitiesKHR GetPhysicalDeviceVideoCapabilitiesKHR;
    PFN_vkGetPhysicalDeviceVideoFormatPropertiesKHR GetPhysicalDeviceVideoFormatPropertiesKHR;
    struct layer_instance *next;
};

static struct layer_instance *layer_instances;
static struct layer_device *layer_devices;
/* VkPhysicalDevice → its instance. */
static struct layer_map layer_physical_devices;

/* Every queue handle the application holds → struct layer_queue. */
static struct layer_map layer_queues;

/* Reporting: one line per violation on stderr and, when VKDVA_TEST_PROTECTED_LAYER_REPORT names a
 * file, appended to it (the test checks it); without that file the process aborts, so a
 * violation can never go unnoticed. */
void layer_violation(const char *rule, const char *vuid, const char *fmt, ...)
{
    const char *path = getenv("VKDVA_TEST_PROTECTED_LAYER_REPORT");
    char line[1024];
    va_list args;
    int len, fd;

    if (layer_checks_suspended())
        return;
    len = snprintf(line, sizeof(line), "%s: VIOLATION [%s] (%s): ", LAYER_NAME, rule, vuid);
    va_start(args, fmt);
    vsnprintf(line + len, sizeof(line) - len, fmt, args);
    va_end(args);
    len = strlen(line);
    if (len && line[len - 1] != '\n' && len < (int)sizeof(line) - 1)
    {
        line[len++] = '\n';
        line[len] = 0;
    }
    fputs(line, stderr);
    fflush(stderr);
    if (!path || !*path)
        abort();
    if ((fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644)) >= 0)
    {
        if (write(fd, line, len) != len)
            fputs(LAYER_NAME ": failed to write the report.\n", stderr);
        close(fd);
    }
    else
    {
        fprintf(stderr, "%s: cannot open the report file %s.\n", LAYER_NAME, path);
        abort();
    }
}

static unsigned int layer_map_bucket(uint64_t key)
{
    key ^= key >> 29;
    key *= 0xbf58476d1ce4e5b9ull;
    key ^= key >> 32;
    return key % ARRAY_SIZE(((struct layer_map *)0)->buckets);
}

void *layer_map_get(struct layer_map *map, uint64_t key)
{
    struct layer_map_entry *e;

    for (e = map->buckets[layer_map_bucket(key)]; e; e = e->next)
    {
        if (e->key == key)
            return e->value;
    }
    return NULL;
}

void layer_map_put(struct layer_map *map, uint64_t key, void *value)
{
    struct layer_map_entry **head = &map->buckets[layer_map_bucket(key)], *e;

    for (e = *head; e; e = e->next)
    {
        if (e->key == key)
        {
            e->value = value;
            return;
        }
    }
    if (!(e = malloc(sizeof(*e))))
        abort();
    e->key = key;
    e->value = value;
    e->next = *head;
    *head = e;
}

void *layer_map_remove(struct layer_map *map, uint64_t key)
{
    struct layer_map_entry **p = &map->buckets[layer_map_bucket(key)], *e;
    void *value;

    for (; (e = *p); p = &e->next)
    {
        if (e->key == key)
        {
            *p = e->next;
            value = e->value;
            free(e);
            return value;
        }
    }
    return NULL;
}

void layer_map_remove_if(struct layer_map *map, bool (*match)(void *value, const void *context), const void *context,
        void (*free_fn)(void *value))
{
    struct layer_map_entry **p, *e;
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(map->buckets); ++i)
    {
        for (p = &map->buckets[i]; (e = *p);)
        {
            if (match(e->value, context))
            {
                *p = e->next;
                free_fn(e->value);
                free(e);
            }
            else
            {
                p = &e->next;
            }
        }
    }
}

static void *dispatch_key(const void *dispatchable)
{
    return *(void **)dispatchable;
}

static struct layer_instance *layer_instance_from_physical_device(VkPhysicalDevice physical_device)
{
    struct layer_instance *instance;

    pthread_mutex_lock(&layer_lock);
    if (!(instance = layer_map_get(&layer_physical_devices, HANDLE_KEY(physical_device))))
    {
        for (instance = layer_instances; instance; instance = instance->next)
        {
            if (instance->key == dispatch_key(physical_device))
                break;
        }
    }
    if (!instance)
        instance = layer_instances;
    pthread_mutex_unlock(&layer_lock);
    return instance;
}

static struct layer_instance *layer_instance_from_handle(VkInstance handle)
{
    struct layer_instance *instance;

    pthread_mutex_lock(&layer_lock);
    for (instance = layer_instances; instance; instance = instance->next)
    {
        if (instance->key == dispatch_key(handle))
            break;
    }
    pthread_mutex_unlock(&layer_lock);
    return instance;
}

struct layer_device *layer_device_from_handle(const void *dispatchable)
{
    struct layer_device *device;
    void *key = dispatch_key(dispatchable);

    pthread_mutex_lock(&layer_lock);
    for (device = layer_devices; device; device = device->next)
    {
        if (device->key == key)
            break;
    }
    pthread_mutex_unlock(&layer_lock);
    return device;
}

static bool family_can_be_protected(VkQueueFlags flags)
{
    return !!(flags & (VK_QUEUE_COMPUTE_BIT | VK_QUEUE_VIDEO_DECODE_BIT_KHR));
}

/* Instance. */

static VKAPI_ATTR VkResult VKAPI_CALL layer_CreateInstance(const VkInstanceCreateInfo *create_info,
        const VkAllocationCallbacks *allocator, VkInstance *out)
{
    VkLayerInstanceCreateInfo *chain = (VkLayerInstanceCreateInfo *)create_info->pNext;
    struct layer_instance *instance;
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
    if ((vr = create(create_info, allocator, out)) < 0)
        return vr;

    if (!(instance = calloc(1, sizeof(*instance))))
        abort();
    instance->instance = *out;
    instance->key = dispatch_key(*out);
    instance->next_gipa = gipa;
#define LOAD(name) instance->name = (PFN_vk##name)gipa(*out, "vk" #name)
    LOAD(DestroyInstance);
    LOAD(EnumeratePhysicalDevices);
    LOAD(EnumerateDeviceExtensionProperties);
    LOAD(GetPhysicalDeviceFeatures2);
    LOAD(GetPhysicalDeviceProperties2);
    LOAD(GetPhysicalDeviceQueueFamilyProperties);
    LOAD(GetPhysicalDeviceQueueFamilyProperties2);
    LOAD(GetPhysicalDeviceMemoryProperties);
    LOAD(GetPhysicalDeviceMemoryProperties2);
    LOAD(GetPhysicalDeviceImageFormatProperties);
    LOAD(GetPhysicalDeviceImageFormatProperties2);
    LOAD(GetPhysicalDeviceVideoCapabilitiesKHR);
    LOAD(GetPhysicalDeviceVideoFormatPropertiesKHR);
#undef LOAD
    pthread_mutex_lock(&layer_lock);
    instance->next = layer_instances;
    layer_instances = instance;
    pthread_mutex_unlock(&layer_lock);
    return VK_SUCCESS;
}

static bool physical_device_of(void *value, const void *context)
{
    return value == context;
}

static void no_free(void *value)
{
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyInstance(VkInstance handle, const VkAllocationCallbacks *allocator)
{
    struct layer_instance *instance, **p;

    if (!handle || !(instance = layer_instance_from_handle(handle)))
        return;
    instance->DestroyInstance(handle, allocator);
    pthread_mutex_lock(&layer_lock);
    for (p = &layer_instances; *p; p = &(*p)->next)
    {
        if (*p == instance)
        {
            *p = instance->next;
            break;
        }
    }
    layer_map_remove_if(&layer_physical_devices, physical_device_of, instance, no_free);
    pthread_mutex_unlock(&layer_lock);
    free(instance);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_EnumeratePhysicalDevices(VkInstance handle, uint32_t *count,
        VkPhysicalDevice *devices)
{
    struct layer_instance *instance = layer_instance_from_handle(handle);
    VkResult vr;
    uint32_t i;

    vr = instance->EnumeratePhysicalDevices(handle, count, devices);
    if (vr >= 0 && devices)
    {
        pthread_mutex_lock(&layer_lock);
        for (i = 0; i < *count; ++i)
            layer_map_put(&layer_physical_devices, HANDLE_KEY(devices[i]), instance);
        pthread_mutex_unlock(&layer_lock);
    }
    return vr;
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_EnumerateDeviceExtensionProperties(VkPhysicalDevice physical_device,
        const char *layer_name, uint32_t *count, VkExtensionProperties *properties)
{
    struct layer_instance *instance;

    if (layer_name && !strcmp(layer_name, LAYER_NAME))
    {
        *count = 0;
        return VK_SUCCESS;
    }
    instance = layer_instance_from_physical_device(physical_device);
    return instance->EnumerateDeviceExtensionProperties(physical_device, layer_name, count, properties);
}

/* protectedMemory: VkPhysicalDeviceProtectedMemoryFeatures and VkPhysicalDeviceVulkan11Features. */
static void layer_patch_features(void *chain)
{
    VkBaseOutStructure *s;

    for (s = chain; s; s = s->pNext)
    {
        if (s->sType == VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROTECTED_MEMORY_FEATURES)
            ((VkPhysicalDeviceProtectedMemoryFeatures *)s)->protectedMemory = VK_TRUE;
        else if (s->sType == VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES)
            ((VkPhysicalDeviceVulkan11Features *)s)->protectedMemory = VK_TRUE;
    }
}

static VKAPI_ATTR void VKAPI_CALL layer_GetPhysicalDeviceFeatures2(VkPhysicalDevice physical_device,
        VkPhysicalDeviceFeatures2 *features)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);

    instance->GetPhysicalDeviceFeatures2(physical_device, features);
    layer_patch_features(features->pNext);
}

/* protectedNoFault stays VK_FALSE: the strict rules apply ("applications must not ..."). */
static VKAPI_ATTR void VKAPI_CALL layer_GetPhysicalDeviceProperties2(VkPhysicalDevice physical_device,
        VkPhysicalDeviceProperties2 *properties)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);
    VkBaseOutStructure *s;

    instance->GetPhysicalDeviceProperties2(physical_device, properties);
    for (s = properties->pNext; s; s = s->pNext)
    {
        if (s->sType == VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROTECTED_MEMORY_PROPERTIES)
            ((VkPhysicalDeviceProtectedMemoryProperties *)s)->protectedNoFault = VK_FALSE;
        else if (s->sType == VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_PROPERTIES)
            ((VkPhysicalDeviceVulkan11Properties *)s)->protectedNoFault = VK_FALSE;
    }
}

static VKAPI_ATTR void VKAPI_CALL layer_GetPhysicalDeviceQueueFamilyProperties(VkPhysicalDevice physical_device,
        uint32_t *count, VkQueueFamilyProperties *properties)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);
    uint32_t i;

    instance->GetPhysicalDeviceQueueFamilyProperties(physical_device, count, properties);
    for (i = 0; properties && i < *count; ++i)
    {
        if (family_can_be_protected(properties[i].queueFlags))
            properties[i].queueFlags |= VK_QUEUE_PROTECTED_BIT;
    }
}

static VKAPI_ATTR void VKAPI_CALL layer_GetPhysicalDeviceQueueFamilyProperties2(VkPhysicalDevice physical_device,
        uint32_t *count, VkQueueFamilyProperties2 *properties)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);
    uint32_t i;

    instance->GetPhysicalDeviceQueueFamilyProperties2(physical_device, count, properties);
    for (i = 0; properties && i < *count; ++i)
    {
        if (family_can_be_protected(properties[i].queueFamilyProperties.queueFlags))
            properties[i].queueFamilyProperties.queueFlags |= VK_QUEUE_PROTECTED_BIT;
    }
}

/* The protected types are appended after the driver's types (so no index the driver reports
 * changes): DEVICE_LOCAL | PROTECTED, in the heap of the first device-local type, and PROTECTED
 * alone, backed by the first host-visible coherent type, for video decode source buffers only:
 * NVIDIA's driver (580.159.04) reads a decode's bitstream on the CPU and never finishes a
 * decode from device-local memory, so vkdva's own decode sources are host-visible, and an
 * emulated protected one must be too. Neither is host-visible to the application (memory.adoc:
 * PROTECTED excludes HOST_VISIBLE, HOST_COHERENT, HOST_CACHED). Returns how many types
 * are appended (0 to 2); *host_source is UINT32_MAX without the second. */
static unsigned int layer_protected_types(const VkPhysicalDeviceMemoryProperties *props, uint32_t *source,
        uint32_t *host_source)
{
    static const VkMemoryPropertyFlags host = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    uint32_t i;

    *source = 0;
    *host_source = UINT32_MAX;
    if (props->memoryTypeCount >= VK_MAX_MEMORY_TYPES || !props->memoryTypeCount)
        return 0;
    for (i = 0; i < props->memoryTypeCount; ++i)
    {
        if (props->memoryTypes[i].propertyFlags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)
        {
            *source = i;
            break;
        }
    }
    if (props->memoryTypeCount + 2 > VK_MAX_MEMORY_TYPES)
        return 1;
    for (i = 0; i < props->memoryTypeCount; ++i)
    {
        if ((props->memoryTypes[i].propertyFlags & host) == host)
        {
            *host_source = i;
            return 2;
        }
    }
    return 1;
}

static void layer_patch_memory_properties(VkPhysicalDeviceMemoryProperties *props)
{
    uint32_t source, host_source;
    unsigned int count;

    if (!(count = layer_protected_types(props, &source, &host_source)))
        return;
    props->memoryTypes[props->memoryTypeCount].propertyFlags = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT
            | VK_MEMORY_PROPERTY_PROTECTED_BIT;
    props->memoryTypes[props->memoryTypeCount].heapIndex = props->memoryTypes[source].heapIndex;
    ++props->memoryTypeCount;
    if (count < 2)
        return;
    props->memoryTypes[props->memoryTypeCount].propertyFlags = VK_MEMORY_PROPERTY_PROTECTED_BIT;
    props->memoryTypes[props->memoryTypeCount].heapIndex = props->memoryTypes[host_source].heapIndex;
    ++props->memoryTypeCount;
}

static VKAPI_ATTR void VKAPI_CALL layer_GetPhysicalDeviceMemoryProperties(VkPhysicalDevice physical_device,
        VkPhysicalDeviceMemoryProperties *props)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);

    instance->GetPhysicalDeviceMemoryProperties(physical_device, props);
    layer_patch_memory_properties(props);
}

static VKAPI_ATTR void VKAPI_CALL layer_GetPhysicalDeviceMemoryProperties2(VkPhysicalDevice physical_device,
        VkPhysicalDeviceMemoryProperties2 *props)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);

    instance->GetPhysicalDeviceMemoryProperties2(physical_device, props);
    layer_patch_memory_properties(&props->memoryProperties);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_GetPhysicalDeviceImageFormatProperties(VkPhysicalDevice physical_device,
        VkFormat format, VkImageType type, VkImageTiling tiling, VkImageUsageFlags usage, VkImageCreateFlags flags,
        VkImageFormatProperties *props)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);

    return instance->GetPhysicalDeviceImageFormatProperties(physical_device, format, type, tiling, usage,
            flags & ~VK_IMAGE_CREATE_PROTECTED_BIT, props);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_GetPhysicalDeviceImageFormatProperties2(VkPhysicalDevice physical_device,
        const VkPhysicalDeviceImageFormatInfo2 *info, VkImageFormatProperties2 *props)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);
    VkPhysicalDeviceImageFormatInfo2 stripped = *info;

    stripped.flags &= ~VK_IMAGE_CREATE_PROTECTED_BIT;
    return instance->GetPhysicalDeviceImageFormatProperties2(physical_device, &stripped, props);
}

/* Video: every decode profile can be protected (the layer strips the flag from the session). */
static VKAPI_ATTR VkResult VKAPI_CALL layer_GetPhysicalDeviceVideoCapabilitiesKHR(VkPhysicalDevice physical_device,
        const VkVideoProfileInfoKHR *profile, VkVideoCapabilitiesKHR *caps)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);
    VkResult vr;

    if ((vr = instance->GetPhysicalDeviceVideoCapabilitiesKHR(physical_device, profile, caps)) >= 0)
        caps->flags |= VK_VIDEO_CAPABILITY_PROTECTED_CONTENT_BIT_KHR;
    return vr;
}

/* Video images may be protected (VUID-VkImageCreateInfo-pNext-06811 checks the create flags
 * against these). */
static VKAPI_ATTR VkResult VKAPI_CALL layer_GetPhysicalDeviceVideoFormatPropertiesKHR(VkPhysicalDevice physical_device,
        const VkPhysicalDeviceVideoFormatInfoKHR *info, uint32_t *count, VkVideoFormatPropertiesKHR *props)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);
    VkResult vr;
    uint32_t i;

    vr = instance->GetPhysicalDeviceVideoFormatPropertiesKHR(physical_device, info, count, props);
    for (i = 0; vr >= 0 && props && i < *count; ++i)
        props[i].imageCreateFlags |= VK_IMAGE_CREATE_PROTECTED_BIT;
    return vr;
}

/* Device. */

static bool layer_features_request_protected(const void *chain, VkBool32 **fields, unsigned int *count)
{
    const VkBaseInStructure *s;
    bool requested = false;

    *count = 0;
    for (s = chain; s; s = s->pNext)
    {
        VkBool32 *field = NULL;

        if (s->sType == VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROTECTED_MEMORY_FEATURES)
            field = &((VkPhysicalDeviceProtectedMemoryFeatures *)s)->protectedMemory;
        else if (s->sType == VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES)
            field = &((VkPhysicalDeviceVulkan11Features *)s)->protectedMemory;
        if (field && *count < 2)
        {
            requested |= !!*field;
            fields[(*count)++] = field;
        }
    }
    return requested;
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_CreateDevice(VkPhysicalDevice physical_device,
        const VkDeviceCreateInfo *create_info, const VkAllocationCallbacks *allocator, VkDevice *out)
{
    struct layer_instance *instance = layer_instance_from_physical_device(physical_device);
    VkLayerDeviceCreateInfo *chain = (VkLayerDeviceCreateInfo *)create_info->pNext, *callback;
    VkDeviceQueueCreateInfo *queue_infos = NULL;
    VkPhysicalDeviceMemoryProperties memory_props;
    VkBool32 *feature_fields[2], saved[2];
    VkQueueFamilyProperties *family_props;
    unsigned int feature_count, i, j;
    VkDeviceCreateInfo stripped_info;
    PFN_vkGetDeviceProcAddr gdpa;
    PFN_vkGetInstanceProcAddr gipa;
    struct layer_device *device;
    PFN_vkCreateDevice create;
    uint32_t family_count, n;
    float **priorities;
    VkResult vr;

    while (chain && !(chain->sType == VK_STRUCTURE_TYPE_LOADER_DEVICE_CREATE_INFO
            && chain->function == VK_LAYER_LINK_INFO))
        chain = (VkLayerDeviceCreateInfo *)chain->pNext;
    callback = (VkLayerDeviceCreateInfo *)create_info->pNext;
    while (callback && !(callback->sType == VK_STRUCTURE_TYPE_LOADER_DEVICE_CREATE_INFO
            && callback->function == VK_LOADER_DATA_CALLBACK))
        callback = (VkLayerDeviceCreateInfo *)callback->pNext;
    if (!chain || !callback)
        return VK_ERROR_INITIALIZATION_FAILED;
    gipa = chain->u.pLayerInfo->pfnNextGetInstanceProcAddr;
    gdpa = chain->u.pLayerInfo->pfnNextGetDeviceProcAddr;
    chain->u.pLayerInfo = chain->u.pLayerInfo->pNext;
    if (!(create = (PFN_vkCreateDevice)gipa(instance->instance, "vkCreateDevice")))
        return VK_ERROR_INITIALIZATION_FAILED;

    if (!(device = calloc(1, sizeof(*device))))
        return VK_ERROR_OUT_OF_HOST_MEMORY;
    device->physical_device = physical_device;
    device->next_gdpa = gdpa;
    device->set_loader_data = callback->u.pfnSetDeviceLoaderData;

    instance->GetPhysicalDeviceMemoryProperties(physical_device, &memory_props);
    device->protected_type = device->protected_host_type = UINT32_MAX;
    switch (layer_protected_types(&memory_props, &device->source_type, &device->host_source_type))
    {
        case 2:
            device->protected_host_type = memory_props.memoryTypeCount + 1;
            /* fall through */
        case 1:
            device->protected_type = memory_props.memoryTypeCount;
            break;
    }

    instance->GetPhysicalDeviceQueueFamilyProperties(physical_device, &family_count, NULL);
    family_props = calloc(family_count, sizeof(*family_props));
    device->families = calloc(family_count, sizeof(*device->families));
    priorities = calloc(family_count, sizeof(*priorities));
    queue_infos = calloc(family_count, sizeof(*queue_infos));
    if (!family_props || !device->families || !priorities || !queue_infos)
        abort();
    instance->GetPhysicalDeviceQueueFamilyProperties(physical_device, &family_count, family_props);
    device->family_count = family_count;

    device->protected_memory = layer_features_request_protected(create_info->pNext, feature_fields, &feature_count);
    for (i = 0; i < feature_count; ++i)
    {
        saved[i] = *feature_fields[i];
        *feature_fields[i] = VK_FALSE;
    }

    /* One driver queue create info per family: the application's protected and unprotected
     * infos of a family are merged (VkDeviceCreateInfo allows the pair, the driver without the
     * protected flag does not), capped at what the family has. */
    for (i = 0; i < create_info->queueCreateInfoCount; ++i)
    {
        const VkDeviceQueueCreateInfo *info = &create_info->pQueueCreateInfos[i];

        if (info->queueFamilyIndex >= family_count)
            continue;
        device->families[info->queueFamilyIndex].protected_capable
                = family_can_be_protected(family_props[info->queueFamilyIndex].queueFlags);
        if (info->flags & VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT)
        {
            if (!device->protected_memory)
                layer_violation(RULE_FEATURE_DISABLED, "VUID-VkDeviceQueueCreateInfo-flags-02861",
                        "a protected queue in family %u, but protectedMemory is not enabled", info->queueFamilyIndex);
            if (!family_can_be_protected(family_props[info->queueFamilyIndex].queueFlags))
                layer_violation(RULE_QUEUE_FAMILY, "VUID-VkDeviceQueueCreateInfo-flags-06449",
                        "family %u has no VK_QUEUE_PROTECTED_BIT", info->queueFamilyIndex);
            device->families[info->queueFamilyIndex].protected_count = info->queueCount;
        }
        else
        {
            device->families[info->queueFamilyIndex].unprotected_count = info->queueCount;
        }
        if (!queue_infos[info->queueFamilyIndex].sType || !(info->flags & VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT))
        {
            queue_infos[info->queueFamilyIndex] = *info;
            priorities[info->queueFamilyIndex] = (float *)info->pQueuePriorities;
        }
    }
    for (i = 0, n = 0; i < family_count; ++i)
    {
        uint32_t count = device->families[i].unprotected_count + device->families[i].protected_count;

        if (!queue_infos[i].sType)
            continue;
        if (count > family_props[i].queueCount)
            count = family_props[i].queueCount;
        device->families[i].count = count;
        if (!(priorities[i] = calloc(count, sizeof(float))))
            abort();
        for (j = 0; j < count; ++j)
            priorities[i][j] = 1.0f;
        queue_infos[n] = queue_infos[i];
        queue_infos[n].flags &= ~VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT;
        queue_infos[n].queueCount = count;
        queue_infos[n].pQueuePriorities = priorities[i];
        ++n;
    }
    stripped_info = *create_info;
    stripped_info.queueCreateInfoCount = n;
    stripped_info.pQueueCreateInfos = queue_infos;

    vr = create(physical_device, &stripped_info, allocator, out);

    for (i = 0; i < feature_count; ++i)
        *feature_fields[i] = saved[i];
    for (i = 0; i < family_count; ++i)
    {
        if (device->families[i].count)
            free(priorities[i]);
    }
    free(priorities);
    free(queue_infos);
    free(family_props);
    if (vr < 0)
    {
        free(device->families);
        free(device);
        return vr;
    }

    device->device = *out;
    device->key = dispatch_key(*out);
#define X(name) \
    if (!(device->name = (PFN_vk##name)gdpa(*out, "vk" #name))) \
        device->name = (PFN_vk##name)gdpa(*out, "vk" #name "KHR");
    LAYER_DEVICE_FUNCS
#undef X
    pthread_mutex_lock(&layer_lock);
    device->next = layer_devices;
    layer_devices = device;
    pthread_mutex_unlock(&layer_lock);
    return VK_SUCCESS;
}

static bool queue_of_device(void *value, const void *context)
{
    const struct layer_device *device = context;
    struct layer_queue *queue;

    for (queue = device->queues; queue; queue = queue->next)
    {
        if (queue == value)
            return true;
    }
    return false;
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyDevice(VkDevice handle, const VkAllocationCallbacks *allocator)
{
    struct layer_real_queue_lock *lock;
    struct layer_device *device, **p;
    struct layer_queue *queue;

    if (!handle || !(device = layer_device_from_handle(handle)))
        return;
    device->DestroyDevice(handle, allocator);
    layer_commands_device_destroyed(device);
    pthread_mutex_lock(&layer_lock);
    for (p = &layer_devices; *p; p = &(*p)->next)
    {
        if (*p == device)
        {
            *p = device->next;
            break;
        }
    }
    layer_map_remove_if(&layer_queues, queue_of_device, device, no_free);
    pthread_mutex_unlock(&layer_lock);
    while ((queue = device->queues))
    {
        device->queues = queue->next;
        free(queue);
    }
    while ((lock = device->real_queue_locks))
    {
        device->real_queue_locks = lock->next;
        pthread_mutex_destroy(&lock->mutex);
        free(lock);
    }
    free(device->families);
    free(device);
}

/* Queues. */

static pthread_mutex_t *layer_real_queue_lock(struct layer_device *device, VkQueue real)
{
    struct layer_real_queue_lock *lock;

    for (lock = device->real_queue_locks; lock; lock = lock->next)
    {
        if (lock->real == real)
            return &lock->mutex;
    }
    if (!(lock = calloc(1, sizeof(*lock))))
        abort();
    lock->real = real;
    pthread_mutex_init(&lock->mutex, NULL);
    lock->next = device->real_queue_locks;
    device->real_queue_locks = lock;
    return &lock->mutex;
}

static VkQueue layer_get_queue(struct layer_device *device, uint32_t family, uint32_t index, bool is_protected)
{
    struct layer_queue *queue;
    uint32_t real_index;
    VkQueue real;

    pthread_mutex_lock(&layer_lock);
    for (queue = device->queues; queue; queue = queue->next)
    {
        if (queue->family == family && queue->index == index && queue->protected_capable == is_protected)
        {
            pthread_mutex_unlock(&layer_lock);
            return queue->handle;
        }
    }
    pthread_mutex_unlock(&layer_lock);

    /* Protected queue i of a family is driver queue (unprotected count + i), or the family's
     * last one when the family has fewer queues than the application created: then the
     * protected queue aliases it, and the layer serialises the two. */
    real_index = index;
    if (is_protected)
    {
        real_index = device->families[family].unprotected_count + index;
        if (real_index >= device->families[family].count)
            real_index = device->families[family].count - 1;
    }
    device->GetDeviceQueue(device->device, family, real_index, &real);
    if (!real)
        return VK_NULL_HANDLE;

    if (!(queue = calloc(1, sizeof(*queue))))
        abort();
    queue->real = real;
    queue->family = family;
    queue->index = index;
    queue->protected_capable = is_protected;
    if (is_protected)
    {
        /* A dispatchable handle of our own, distinct from any unprotected queue's, so the
         * layers above track the two queues separately. */
        queue->handle = (VkQueue)queue;
        device->set_loader_data(device->device, queue->handle);
    }
    else
    {
        queue->handle = real;
    }
    pthread_mutex_lock(&layer_lock);
    queue->real_lock = layer_real_queue_lock(device, real);
    queue->next = device->queues;
    device->queues = queue;
    layer_map_put(&layer_queues, HANDLE_KEY(queue->handle), queue);
    pthread_mutex_unlock(&layer_lock);
    return queue->handle;
}

static VKAPI_ATTR void VKAPI_CALL layer_GetDeviceQueue(VkDevice handle, uint32_t family, uint32_t index,
        VkQueue *queue)
{
    struct layer_device *device = layer_device_from_handle(handle);

    *queue = layer_get_queue(device, family, index, false);
}

static VKAPI_ATTR void VKAPI_CALL layer_GetDeviceQueue2(VkDevice handle, const VkDeviceQueueInfo2 *info,
        VkQueue *queue)
{
    struct layer_device *device = layer_device_from_handle(handle);
    bool is_protected = !!(info->flags & VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT);

    *queue = VK_NULL_HANDLE;
    if (info->queueFamilyIndex >= device->family_count)
        return;
    if (is_protected && info->queueIndex >= device->families[info->queueFamilyIndex].protected_count)
        return;
    *queue = layer_get_queue(device, info->queueFamilyIndex, info->queueIndex, is_protected);
}

static struct layer_queue *layer_queue(VkQueue handle)
{
    struct layer_queue *queue;

    pthread_mutex_lock(&layer_lock);
    queue = layer_map_get(&layer_queues, HANDLE_KEY(handle));
    pthread_mutex_unlock(&layer_lock);
    return queue;
}

static VkQueue layer_queue_lock(VkQueue handle, struct layer_queue **out)
{
    struct layer_queue *queue = layer_queue(handle);

    *out = queue;
    if (!queue)
        return handle;
    pthread_mutex_lock(queue->real_lock);
    return queue->real;
}

static void layer_queue_unlock(struct layer_queue *queue)
{
    if (queue)
        pthread_mutex_unlock(queue->real_lock);
}

static void layer_check_submission(struct layer_queue *queue, unsigned int submit_index, bool protected_submit,
        const VkCommandBuffer *cmds, uint32_t cmd_count, size_t cmd_stride, bool submit2)
{
    bool is_protected, known;
    uint32_t i;

    if (protected_submit && queue && !queue->protected_capable)
        layer_violation(RULE_SUBMIT_TO_UNPROTECTED_QUEUE, submit2 ? "VUID-vkQueueSubmit2-queue-06447"
                : "VUID-vkQueueSubmit-queue-06448", "submission %u is protected, but queue %p (family %u) was not "
                "created with VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT", submit_index, (void *)queue->handle,
                queue->family);
    for (i = 0; i < cmd_count; ++i)
    {
        VkCommandBuffer cmd = *(const VkCommandBuffer *)((const char *)cmds + i * cmd_stride);

        is_protected = layer_command_buffer_is_protected(cmd, &known);
        if (!known)
            continue;
        if (is_protected && !protected_submit)
            layer_violation(RULE_SUBMIT_WITHOUT_PROTECTED_INFO, submit2 ? "VUID-VkSubmitInfo2-flags-03887"
                    : "VUID-VkSubmitInfo-pNext-04120", "protected command buffer %p in submission %u, which has no "
                    "%s", (void *)cmd, submit_index, submit2 ? "VK_SUBMIT_PROTECTED_BIT"
                    : "VkProtectedSubmitInfo with protectedSubmit = VK_TRUE");
        else if (!is_protected && protected_submit)
            layer_violation(RULE_SUBMIT_UNPROTECTED_IN_PROTECTED, submit2 ? "VUID-VkSubmitInfo2-flags-03886"
                    : "VUID-VkSubmitInfo-pNext-04148", "unprotected command buffer %p in protected submission %u",
                    (void *)cmd, submit_index);
    }
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_QueueSubmit(VkQueue handle, uint32_t submit_count,
        const VkSubmitInfo *submits, VkFence fence)
{
    struct layer_device *device = layer_device_from_handle(handle);
    /* Predecessors of a VkProtectedSubmitInfo unlinked for the call, restored after it. */
    VkBaseOutStructure **patched;
    const void **patched_next;
    struct layer_queue *queue;
    VkSubmitInfo *copies;
    VkResult vr;
    uint32_t i;
    VkQueue real;

    if (!(copies = calloc(submit_count + 1, sizeof(*copies))) || !(patched = calloc(submit_count + 1, sizeof(*patched)))
            || !(patched_next = calloc(submit_count + 1, sizeof(*patched_next))))
        abort();
    queue = layer_queue(handle);
    for (i = 0; i < submit_count; ++i)
    {
        const VkProtectedSubmitInfo *protected_info = NULL;
        const VkBaseInStructure *s, *prev = NULL;

        copies[i] = submits[i];
        for (s = submits[i].pNext; s; prev = s, s = s->pNext)
        {
            if (s->sType == VK_STRUCTURE_TYPE_PROTECTED_SUBMIT_INFO)
            {
                protected_info = (const VkProtectedSubmitInfo *)s;
                break;
            }
        }
        layer_check_submission(queue, i, protected_info && protected_info->protectedSubmit,
                submits[i].pCommandBuffers, submits[i].commandBufferCount, sizeof(VkCommandBuffer), false);
        if (!protected_info)
            continue;
        if (!prev)
        {
            copies[i].pNext = protected_info->pNext;
        }
        else
        {
            patched[i] = (VkBaseOutStructure *)prev;
            patched_next[i] = prev->pNext;
            patched[i]->pNext = (VkBaseOutStructure *)protected_info->pNext;
        }
    }
    real = layer_queue_lock(handle, &queue);
    vr = device->QueueSubmit(real, submit_count, copies, fence);
    layer_queue_unlock(queue);
    for (i = 0; i < submit_count; ++i)
    {
        if (patched[i])
            patched[i]->pNext = (VkBaseOutStructure *)patched_next[i];
    }
    free(patched_next);
    free(patched);
    free(copies);
    return vr;
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_QueueSubmit2(VkQueue handle, uint32_t submit_count,
        const VkSubmitInfo2 *submits, VkFence fence)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_queue *queue;
    VkSubmitInfo2 *copies;
    VkResult vr;
    uint32_t i;
    VkQueue real;

    if (!(copies = calloc(submit_count + 1, sizeof(*copies))))
        abort();
    queue = layer_queue(handle);
    for (i = 0; i < submit_count; ++i)
    {
        copies[i] = submits[i];
        copies[i].flags &= ~VK_SUBMIT_PROTECTED_BIT;
        if (submits[i].commandBufferInfoCount)
            layer_check_submission(queue, i, !!(submits[i].flags & VK_SUBMIT_PROTECTED_BIT),
                    &submits[i].pCommandBufferInfos[0].commandBuffer, submits[i].commandBufferInfoCount,
                    sizeof(VkCommandBufferSubmitInfo), true);
        else
            layer_check_submission(queue, i, !!(submits[i].flags & VK_SUBMIT_PROTECTED_BIT), NULL, 0, 0, true);
    }
    real = layer_queue_lock(handle, &queue);
    vr = device->QueueSubmit2(real, submit_count, copies, fence);
    layer_queue_unlock(queue);
    free(copies);
    return vr;
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_QueueWaitIdle(VkQueue handle)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_queue *queue;
    VkResult vr;
    VkQueue real;

    real = layer_queue_lock(handle, &queue);
    vr = device->QueueWaitIdle(real);
    layer_queue_unlock(queue);
    return vr;
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_QueueBindSparse(VkQueue handle, uint32_t count,
        const VkBindSparseInfo *infos, VkFence fence)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_queue *queue;
    VkResult vr;
    VkQueue real;

    real = layer_queue_lock(handle, &queue);
    vr = device->QueueBindSparse(real, count, infos, fence);
    layer_queue_unlock(queue);
    return vr;
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_QueuePresentKHR(VkQueue handle, const VkPresentInfoKHR *info)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_queue *queue;
    VkResult vr;
    VkQueue real;

    real = layer_queue_lock(handle, &queue);
    vr = device->QueuePresentKHR(real, info);
    layer_queue_unlock(queue);
    return vr;
}

static VKAPI_ATTR void VKAPI_CALL layer_QueueBeginDebugUtilsLabelEXT(VkQueue handle, const VkDebugUtilsLabelEXT *label)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_queue *queue;
    VkQueue real;

    real = layer_queue_lock(handle, &queue);
    device->QueueBeginDebugUtilsLabelEXT(real, label);
    layer_queue_unlock(queue);
}

static VKAPI_ATTR void VKAPI_CALL layer_QueueEndDebugUtilsLabelEXT(VkQueue handle)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_queue *queue;
    VkQueue real;

    real = layer_queue_lock(handle, &queue);
    device->QueueEndDebugUtilsLabelEXT(real);
    layer_queue_unlock(queue);
}

static VKAPI_ATTR void VKAPI_CALL layer_QueueInsertDebugUtilsLabelEXT(VkQueue handle,
        const VkDebugUtilsLabelEXT *label)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_queue *queue;
    VkQueue real;

    real = layer_queue_lock(handle, &queue);
    device->QueueInsertDebugUtilsLabelEXT(real, label);
    layer_queue_unlock(queue);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_SetDebugUtilsObjectNameEXT(VkDevice handle,
        const VkDebugUtilsObjectNameInfoEXT *info)
{
    struct layer_device *device = layer_device_from_handle(handle);
    VkDebugUtilsObjectNameInfoEXT copy = *info;
    struct layer_queue *queue;

    if (info->objectType == VK_OBJECT_TYPE_QUEUE && (queue = layer_queue((VkQueue)(uintptr_t)info->objectHandle)))
        copy.objectHandle = HANDLE_KEY(queue->real);
    return device->SetDebugUtilsObjectNameEXT(handle, &copy);
}

/* Memory. */

static VKAPI_ATTR VkResult VKAPI_CALL layer_AllocateMemory(VkDevice handle, const VkMemoryAllocateInfo *info,
        const VkAllocationCallbacks *allocator, VkDeviceMemory *memory)
{
    struct layer_device *device = layer_device_from_handle(handle);
    VkMemoryAllocateInfo copy = *info;
    struct layer_resource *state;
    bool is_protected;
    VkResult vr;

    if ((is_protected = info->memoryTypeIndex == device->protected_type
            || info->memoryTypeIndex == device->protected_host_type))
    {
        if (!device->protected_memory)
            layer_violation(RULE_FEATURE_DISABLED, "VUID-VkMemoryAllocateInfo-memoryTypeIndex-01872",
                    "allocation from the protected memory type, but protectedMemory is not enabled");
        copy.memoryTypeIndex = info->memoryTypeIndex == device->protected_type ? device->source_type
                : device->host_source_type;
    }
    if ((vr = device->AllocateMemory(handle, &copy, allocator, memory)) < 0)
        return vr;
    if (!(state = calloc(1, sizeof(*state))))
        abort();
    state->is_protected = is_protected;
    pthread_mutex_lock(&layer_lock);
    layer_map_put(&layer_memories, HANDLE_KEY(*memory), state);
    pthread_mutex_unlock(&layer_lock);
    return vr;
}

static VKAPI_ATTR void VKAPI_CALL layer_FreeMemory(VkDevice handle, VkDeviceMemory memory,
        const VkAllocationCallbacks *allocator)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->FreeMemory(handle, memory, allocator);
    if (!memory)
        return;
    pthread_mutex_lock(&layer_lock);
    free(layer_map_remove(&layer_memories, HANDLE_KEY(memory)));
    pthread_mutex_unlock(&layer_lock);
}

static bool layer_is_protected(struct layer_map *map, uint64_t handle, bool *known)
{
    struct layer_resource *state;
    bool ret = false;

    pthread_mutex_lock(&layer_lock);
    if ((state = layer_map_get(map, handle)))
        ret = state->is_protected;
    pthread_mutex_unlock(&layer_lock);
    if (known)
        *known = !!state;
    return ret;
}

/* "Protected device memory must never be visible to the host" (memory.adoc, Protected Memory
 * Access Rules); VUID-vkMapMemory-memory-00682 requires HOST_VISIBLE, which the protected type
 * never has. The driver's memory behind it is mappable, so the layer refuses it. */
static VKAPI_ATTR VkResult VKAPI_CALL layer_MapMemory(VkDevice handle, VkDeviceMemory memory, VkDeviceSize offset,
        VkDeviceSize size, VkMemoryMapFlags flags, void **data)
{
    struct layer_device *device = layer_device_from_handle(handle);

    if (layer_is_protected(&layer_memories, HANDLE_KEY(memory), NULL))
    {
        layer_violation(RULE_HOST_MAP, "VUID-vkMapMemory-memory-00682",
                "vkMapMemory of protected memory %#" PRIx64, HANDLE_KEY(memory));
        *data = NULL;
        return VK_ERROR_MEMORY_MAP_FAILED;
    }
    return device->MapMemory(handle, memory, offset, size, flags, data);
}

/* Buffers and images. */

static void layer_track_resource(struct layer_map *map, uint64_t handle, bool is_protected, bool host_backed)
{
    struct layer_resource *state;

    if (!(state = calloc(1, sizeof(*state))))
        abort();
    state->is_protected = is_protected;
    state->host_backed = host_backed;
    pthread_mutex_lock(&layer_lock);
    layer_map_put(map, handle, state);
    pthread_mutex_unlock(&layer_lock);
}

static void layer_untrack(struct layer_map *map, uint64_t handle)
{
    if (!handle)
        return;
    pthread_mutex_lock(&layer_lock);
    free(layer_map_remove(map, handle));
    pthread_mutex_unlock(&layer_lock);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_CreateBuffer(VkDevice handle, const VkBufferCreateInfo *info,
        const VkAllocationCallbacks *allocator, VkBuffer *buffer)
{
    struct layer_device *device = layer_device_from_handle(handle);
    bool is_protected = !!(info->flags & VK_BUFFER_CREATE_PROTECTED_BIT);
    VkBufferCreateInfo copy = *info;
    VkResult vr;

    if (is_protected && !device->protected_memory)
        layer_violation(RULE_FEATURE_DISABLED, "VUID-VkBufferCreateInfo-flags-01887",
                "a protected buffer, but protectedMemory is not enabled");
    copy.flags &= ~VK_BUFFER_CREATE_PROTECTED_BIT;
    if ((vr = device->CreateBuffer(handle, &copy, allocator, buffer)) >= 0)
        layer_track_resource(&layer_buffers, HANDLE_KEY(*buffer), is_protected,
                is_protected && (info->usage & VK_BUFFER_USAGE_VIDEO_DECODE_SRC_BIT_KHR));
    return vr;
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyBuffer(VkDevice handle, VkBuffer buffer,
        const VkAllocationCallbacks *allocator)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->DestroyBuffer(handle, buffer, allocator);
    layer_untrack(&layer_buffers, HANDLE_KEY(buffer));
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_CreateImage(VkDevice handle, const VkImageCreateInfo *info,
        const VkAllocationCallbacks *allocator, VkImage *image)
{
    struct layer_device *device = layer_device_from_handle(handle);
    bool is_protected = !!(info->flags & VK_IMAGE_CREATE_PROTECTED_BIT);
    VkImageCreateInfo copy = *info;
    VkResult vr;

    if (is_protected && !device->protected_memory)
        layer_violation(RULE_FEATURE_DISABLED, "VUID-VkImageCreateInfo-flags-01890",
                "a protected image, but protectedMemory is not enabled");
    copy.flags &= ~VK_IMAGE_CREATE_PROTECTED_BIT;
    if ((vr = device->CreateImage(handle, &copy, allocator, image)) >= 0)
        layer_track_resource(&layer_images, HANDLE_KEY(*image), is_protected, false);
    return vr;
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyImage(VkDevice handle, VkImage image,
        const VkAllocationCallbacks *allocator)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->DestroyImage(handle, image, allocator);
    layer_untrack(&layer_images, HANDLE_KEY(image));
}

static void layer_track_view(struct layer_map *map, uint64_t view, uint64_t resource, bool is_image)
{
    struct layer_view *state;

    if (!(state = calloc(1, sizeof(*state))))
        abort();
    state->resource = resource;
    state->is_image = is_image;
    pthread_mutex_lock(&layer_lock);
    layer_map_put(map, view, state);
    pthread_mutex_unlock(&layer_lock);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_CreateBufferView(VkDevice handle, const VkBufferViewCreateInfo *info,
        const VkAllocationCallbacks *allocator, VkBufferView *view)
{
    struct layer_device *device = layer_device_from_handle(handle);
    VkResult vr;

    if ((vr = device->CreateBufferView(handle, info, allocator, view)) >= 0)
        layer_track_view(&layer_buffer_views, HANDLE_KEY(*view), HANDLE_KEY(info->buffer), false);
    return vr;
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyBufferView(VkDevice handle, VkBufferView view,
        const VkAllocationCallbacks *allocator)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->DestroyBufferView(handle, view, allocator);
    layer_untrack(&layer_buffer_views, HANDLE_KEY(view));
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_CreateImageView(VkDevice handle, const VkImageViewCreateInfo *info,
        const VkAllocationCallbacks *allocator, VkImageView *view)
{
    struct layer_device *device = layer_device_from_handle(handle);
    VkResult vr;

    if ((vr = device->CreateImageView(handle, info, allocator, view)) >= 0)
        layer_track_view(&layer_image_views, HANDLE_KEY(*view), HANDLE_KEY(info->image), true);
    return vr;
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyImageView(VkDevice handle, VkImageView view,
        const VkAllocationCallbacks *allocator)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->DestroyImageView(handle, view, allocator);
    layer_untrack(&layer_image_views, HANDLE_KEY(view));
}

/* A protected resource needs protected memory and an unprotected one unprotected memory:
 * VUID-VkBindBufferMemoryInfo-None-01898/01899, VUID-VkBindImageMemoryInfo-None-01901/01902. */
static void layer_check_bind(bool is_image, uint64_t resource, uint64_t memory)
{
    bool resource_known, memory_known, resource_protected, memory_protected;

    resource_protected = layer_is_protected(is_image ? &layer_images : &layer_buffers, resource, &resource_known);
    memory_protected = layer_is_protected(&layer_memories, memory, &memory_known);
    if (!resource_known || !memory_known || resource_protected == memory_protected)
        return;
    layer_violation(RULE_BIND_MISMATCH, is_image ? (resource_protected ? "VUID-VkBindImageMemoryInfo-None-01901"
            : "VUID-VkBindImageMemoryInfo-None-01902") : (resource_protected ? "VUID-VkBindBufferMemoryInfo-None-01898"
            : "VUID-VkBindBufferMemoryInfo-None-01899"), "%s %s %#" PRIx64 " bound to %s memory %#" PRIx64,
            resource_protected ? "protected" : "unprotected", is_image ? "image" : "buffer", resource,
            memory_protected ? "protected" : "unprotected", memory);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_BindBufferMemory(VkDevice handle, VkBuffer buffer, VkDeviceMemory memory,
        VkDeviceSize offset)
{
    struct layer_device *device = layer_device_from_handle(handle);

    layer_check_bind(false, HANDLE_KEY(buffer), HANDLE_KEY(memory));
    return device->BindBufferMemory(handle, buffer, memory, offset);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_BindBufferMemory2(VkDevice handle, uint32_t count,
        const VkBindBufferMemoryInfo *infos)
{
    struct layer_device *device = layer_device_from_handle(handle);
    uint32_t i;

    for (i = 0; i < count; ++i)
        layer_check_bind(false, HANDLE_KEY(infos[i].buffer), HANDLE_KEY(infos[i].memory));
    return device->BindBufferMemory2(handle, count, infos);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_BindImageMemory(VkDevice handle, VkImage image, VkDeviceMemory memory,
        VkDeviceSize offset)
{
    struct layer_device *device = layer_device_from_handle(handle);

    layer_check_bind(true, HANDLE_KEY(image), HANDLE_KEY(memory));
    return device->BindImageMemory(handle, image, memory, offset);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_BindImageMemory2(VkDevice handle, uint32_t count,
        const VkBindImageMemoryInfo *infos)
{
    struct layer_device *device = layer_device_from_handle(handle);
    uint32_t i;

    for (i = 0; i < count; ++i)
        layer_check_bind(true, HANDLE_KEY(infos[i].image), HANDLE_KEY(infos[i].memory));
    return device->BindImageMemory2(handle, count, infos);
}

/* A protected resource may only live in a protected type (a video decode source in the
 * host-backed one where there is one); an unprotected one keeps the driver's types, which never
 * include the protected ones. */
static void layer_patch_requirements(struct layer_device *device, bool is_protected, bool host_backed,
        VkMemoryRequirements *req)
{
    if (!is_protected)
        return;
    if (host_backed && device->protected_host_type != UINT32_MAX
            && (req->memoryTypeBits & (1u << device->host_source_type)))
        req->memoryTypeBits = 1u << device->protected_host_type;
    else if (device->protected_type != UINT32_MAX && (req->memoryTypeBits & (1u << device->source_type)))
        req->memoryTypeBits = 1u << device->protected_type;
    else
        req->memoryTypeBits = 0;
}

static void layer_patch_buffer_requirements(struct layer_device *device, VkBuffer buffer, VkMemoryRequirements *req)
{
    struct layer_resource *state;
    bool is_protected = false, host_backed = false;

    pthread_mutex_lock(&layer_lock);
    if ((state = layer_map_get(&layer_buffers, HANDLE_KEY(buffer))))
    {
        is_protected = state->is_protected;
        host_backed = state->host_backed;
    }
    pthread_mutex_unlock(&layer_lock);
    layer_patch_requirements(device, is_protected, host_backed, req);
}

static VKAPI_ATTR void VKAPI_CALL layer_GetBufferMemoryRequirements(VkDevice handle, VkBuffer buffer,
        VkMemoryRequirements *req)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->GetBufferMemoryRequirements(handle, buffer, req);
    layer_patch_buffer_requirements(device, buffer, req);
}

static VKAPI_ATTR void VKAPI_CALL layer_GetBufferMemoryRequirements2(VkDevice handle,
        const VkBufferMemoryRequirementsInfo2 *info, VkMemoryRequirements2 *req)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->GetBufferMemoryRequirements2(handle, info, req);
    layer_patch_buffer_requirements(device, info->buffer, &req->memoryRequirements);
}

static VKAPI_ATTR void VKAPI_CALL layer_GetImageMemoryRequirements(VkDevice handle, VkImage image,
        VkMemoryRequirements *req)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->GetImageMemoryRequirements(handle, image, req);
    layer_patch_requirements(device, layer_is_protected(&layer_images, HANDLE_KEY(image), NULL), false, req);
}

static VKAPI_ATTR void VKAPI_CALL layer_GetImageMemoryRequirements2(VkDevice handle,
        const VkImageMemoryRequirementsInfo2 *info, VkMemoryRequirements2 *req)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->GetImageMemoryRequirements2(handle, info, req);
    layer_patch_requirements(device, layer_is_protected(&layer_images, HANDLE_KEY(info->image), NULL), false,
            &req->memoryRequirements);
}

static VKAPI_ATTR void VKAPI_CALL layer_GetDeviceBufferMemoryRequirements(VkDevice handle,
        const VkDeviceBufferMemoryRequirements *info, VkMemoryRequirements2 *req)
{
    struct layer_device *device = layer_device_from_handle(handle);
    VkDeviceBufferMemoryRequirements info_copy = *info;
    VkBufferCreateInfo create_copy = *info->pCreateInfo;

    create_copy.flags &= ~VK_BUFFER_CREATE_PROTECTED_BIT;
    info_copy.pCreateInfo = &create_copy;
    device->GetDeviceBufferMemoryRequirements(handle, &info_copy, req);
    layer_patch_requirements(device, !!(info->pCreateInfo->flags & VK_BUFFER_CREATE_PROTECTED_BIT),
            !!(info->pCreateInfo->usage & VK_BUFFER_USAGE_VIDEO_DECODE_SRC_BIT_KHR), &req->memoryRequirements);
}

static VKAPI_ATTR void VKAPI_CALL layer_GetDeviceImageMemoryRequirements(VkDevice handle,
        const VkDeviceImageMemoryRequirements *info, VkMemoryRequirements2 *req)
{
    struct layer_device *device = layer_device_from_handle(handle);
    VkDeviceImageMemoryRequirements info_copy = *info;
    VkImageCreateInfo create_copy = *info->pCreateInfo;

    create_copy.flags &= ~VK_IMAGE_CREATE_PROTECTED_BIT;
    info_copy.pCreateInfo = &create_copy;
    device->GetDeviceImageMemoryRequirements(handle, &info_copy, req);
    layer_patch_requirements(device, !!(info->pCreateInfo->flags & VK_IMAGE_CREATE_PROTECTED_BIT), false,
            &req->memoryRequirements);
}

/* Video sessions: the protected flag is stripped and remembered (commands.c checks command
 * buffers against it). */
static VKAPI_ATTR VkResult VKAPI_CALL layer_CreateVideoSessionKHR(VkDevice handle,
        const VkVideoSessionCreateInfoKHR *info, const VkAllocationCallbacks *allocator, VkVideoSessionKHR *session)
{
    struct layer_device *device = layer_device_from_handle(handle);
    bool is_protected = !!(info->flags & VK_VIDEO_SESSION_CREATE_PROTECTED_CONTENT_BIT_KHR);
    VkVideoSessionCreateInfoKHR copy = *info;
    VkResult vr;

    if (is_protected && !device->protected_memory)
        layer_violation(RULE_FEATURE_DISABLED, "VUID-VkVideoSessionCreateInfoKHR-protectedMemory-07189",
                "a protected video session, but protectedMemory is not enabled");
    if (is_protected && (info->queueFamilyIndex >= device->family_count
            || !device->families[info->queueFamilyIndex].protected_capable))
        layer_violation(RULE_QUEUE_FAMILY, "no VUID: only protected queues run protected video sessions",
                "a protected video session for family %u, which has no VK_QUEUE_PROTECTED_BIT", info->queueFamilyIndex);
    copy.flags &= ~VK_VIDEO_SESSION_CREATE_PROTECTED_CONTENT_BIT_KHR;
    if ((vr = device->CreateVideoSessionKHR(handle, &copy, allocator, session)) >= 0)
        layer_track_resource(&layer_video_sessions, HANDLE_KEY(*session), is_protected, false);
    return vr;
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyVideoSessionKHR(VkDevice handle, VkVideoSessionKHR session,
        const VkAllocationCallbacks *allocator)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->DestroyVideoSessionKHR(handle, session, allocator);
    layer_untrack(&layer_video_sessions, HANDLE_KEY(session));
}

/* Proc lookup. */

struct layer_proc
{
    const char *name;
    PFN_vkVoidFunction func;
};

#define P(name) {"vk" #name, (PFN_vkVoidFunction)layer_##name}
static const struct layer_proc layer_instance_procs[] =
{
    P(CreateInstance),
    P(DestroyInstance),
    P(EnumeratePhysicalDevices),
    P(EnumerateDeviceExtensionProperties),
    P(GetPhysicalDeviceFeatures2),
    P(GetPhysicalDeviceProperties2),
    P(GetPhysicalDeviceQueueFamilyProperties),
    P(GetPhysicalDeviceQueueFamilyProperties2),
    P(GetPhysicalDeviceMemoryProperties),
    P(GetPhysicalDeviceMemoryProperties2),
    P(GetPhysicalDeviceImageFormatProperties),
    P(GetPhysicalDeviceImageFormatProperties2),
    P(GetPhysicalDeviceVideoCapabilitiesKHR),
    P(GetPhysicalDeviceVideoFormatPropertiesKHR),
    P(CreateDevice),
};

static const struct layer_proc layer_device_procs[] =
{
    P(DestroyDevice),
    P(GetDeviceQueue),
    P(GetDeviceQueue2),
    P(QueueSubmit),
    P(QueueSubmit2),
    P(QueueWaitIdle),
    P(QueueBindSparse),
    P(QueuePresentKHR),
    P(QueueBeginDebugUtilsLabelEXT),
    P(QueueEndDebugUtilsLabelEXT),
    P(QueueInsertDebugUtilsLabelEXT),
    P(SetDebugUtilsObjectNameEXT),
    P(AllocateMemory),
    P(FreeMemory),
    P(MapMemory),
    P(CreateBuffer),
    P(DestroyBuffer),
    P(CreateImage),
    P(DestroyImage),
    P(CreateBufferView),
    P(DestroyBufferView),
    P(CreateImageView),
    P(DestroyImageView),
    P(BindBufferMemory),
    P(BindBufferMemory2),
    P(BindImageMemory),
    P(BindImageMemory2),
    P(GetBufferMemoryRequirements),
    P(GetBufferMemoryRequirements2),
    P(GetImageMemoryRequirements),
    P(GetImageMemoryRequirements2),
    P(GetDeviceBufferMemoryRequirements),
    P(GetDeviceImageMemoryRequirements),
    P(CreateVideoSessionKHR),
    P(DestroyVideoSessionKHR),
};
#undef P

/* Finds name, or its core name for a KHR alias ("vkQueueSubmit2KHR" → "vkQueueSubmit2"). */
static PFN_vkVoidFunction layer_find_proc(const struct layer_proc *procs, size_t count, const char *name)
{
    size_t i, len = strlen(name);

    for (i = 0; i < count; ++i)
    {
        if (!strcmp(procs[i].name, name))
            return procs[i].func;
    }
    if (len > 3 && !strcmp(name + len - 3, "KHR"))
    {
        for (i = 0; i < count; ++i)
        {
            if (strlen(procs[i].name) == len - 3 && !strncmp(procs[i].name, name, len - 3))
                return procs[i].func;
        }
    }
    return NULL;
}

static PFN_vkVoidFunction layer_device_proc(const char *name)
{
    PFN_vkVoidFunction func;

    if ((func = layer_find_proc(layer_device_procs, ARRAY_SIZE(layer_device_procs), name)))
        return func;
    return layer_commands_proc(name);
}

static VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL layer_GetDeviceProcAddr(VkDevice handle, const char *name);

static VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL layer_GetInstanceProcAddr(VkInstance handle, const char *name)
{
    struct layer_instance *instance;
    PFN_vkVoidFunction func;

    if (!strcmp(name, "vkGetInstanceProcAddr"))
        return (PFN_vkVoidFunction)layer_GetInstanceProcAddr;
    if (!strcmp(name, "vkGetDeviceProcAddr"))
        return (PFN_vkVoidFunction)layer_GetDeviceProcAddr;
    if (!strcmp(name, "vkCreateInstance"))
        return (PFN_vkVoidFunction)layer_CreateInstance;
    if (!handle || !(instance = layer_instance_from_handle(handle)))
        return NULL;
    if (!instance->next_gipa(handle, name))
        return NULL;
    if ((func = layer_find_proc(layer_instance_procs, ARRAY_SIZE(layer_instance_procs), name)))
        return func;
    if ((func = layer_device_proc(name)))
        return func;
    return instance->next_gipa(handle, name);
}

static VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL layer_GetDeviceProcAddr(VkDevice handle, const char *name)
{
    struct layer_device *device;
    PFN_vkVoidFunction func, next;

    if (!strcmp(name, "vkGetDeviceProcAddr"))
        return (PFN_vkVoidFunction)layer_GetDeviceProcAddr;
    if (!(device = layer_device_from_handle(handle)))
        return NULL;
    if (!(next = device->next_gdpa(handle, name)))
        return NULL;
    if ((func = layer_device_proc(name)))
        return func;
    return next;
}

__attribute__((visibility("default"))) VKAPI_ATTR VkResult VKAPI_CALL vkNegotiateLoaderLayerInterfaceVersion(
        VkNegotiateLayerInterface *version)
{
    if (version->sType != LAYER_NEGOTIATE_INTERFACE_STRUCT)
        return VK_ERROR_INITIALIZATION_FAILED;
    if (version->loaderLayerInterfaceVersion > 2)
        version->loaderLayerInterfaceVersion = 2;
    version->pfnGetInstanceProcAddr = layer_GetInstanceProcAddr;
    version->pfnGetDeviceProcAddr = layer_GetDeviceProcAddr;
    version->pfnGetPhysicalDeviceProcAddr = NULL;
    return VK_SUCCESS;
}
