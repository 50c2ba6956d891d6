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

/* VK_LAYER_VKDVA_protected_memory: a test-only Vulkan layer that emulates protected memory
 * (DESIGN decision 6) on a driver without it, and fails the test on every rule a protected
 * implementation would break. See docs/NOTES.md, "Protected-memory emulation layer". */

#ifndef __VKDVA_PROTECTED_LAYER_H
#define __VKDVA_PROTECTED_LAYER_H

#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <vulkan/vulkan.h>
#include <vulkan/vk_layer.h>

#define LAYER_NAME "VK_LAYER_VKDVA_protected_memory"
#define LAYER_MAX_SETS 8u

#ifndef ARRAY_SIZE
# define ARRAY_SIZE(x) (sizeof(x) / sizeof(*(x)))
#endif

/* Rule tags, printed in every report line; the negative tests look for them. */
#define RULE_HOST_MAP "host-map"
#define RULE_PROTECTED_WRITES_UNPROTECTED "protected-writes-unprotected"
#define RULE_UNPROTECTED_ACCESSES_PROTECTED "unprotected-accesses-protected"
#define RULE_QUERY_IN_PROTECTED "query-in-protected"
#define RULE_INDIRECT_IN_PROTECTED "indirect-in-protected"
#define RULE_SUBMIT_WITHOUT_PROTECTED_INFO "submit-protected-without-protected-submit"
#define RULE_SUBMIT_UNPROTECTED_IN_PROTECTED "submit-unprotected-in-protected-submit"
#define RULE_SUBMIT_TO_UNPROTECTED_QUEUE "submit-protected-to-unprotected-queue"
#define RULE_BIND_MISMATCH "bind-mismatch"
#define RULE_SECONDARY_MISMATCH "secondary-mismatch"
#define RULE_FEATURE_DISABLED "protected-memory-not-enabled"
#define RULE_QUEUE_FAMILY "queue-family-not-protected"
#define RULE_PROTECTED_DECODE_SOURCE "protected-decode-from-unprotected"

void layer_violation(const char *rule, const char *vuid, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Handle → state tables, all under layer_lock. */
struct layer_map_entry
{
    uint64_t key;
    void *value;
    struct layer_map_entry *next;
};

struct layer_map
{
    struct layer_map_entry *buckets[1024];
};

extern pthread_mutex_t layer_lock;

void *layer_map_get(struct layer_map *map, uint64_t key);
void layer_map_put(struct layer_map *map, uint64_t key, void *value);
void *layer_map_remove(struct layer_map *map, uint64_t key);
/* Removes (and returns through free_fn) every value for which match() is true. */
void layer_map_remove_if(struct layer_map *map, bool (*match)(void *value, const void *context), const void *context,
        void (*free_fn)(void *value));

#define HANDLE_KEY(h) ((uint64_t)(uintptr_t)(h))

struct layer_resource
{
    bool is_protected;
    /* A protected video decode source buffer: backed by host-visible memory (layer.c). */
    bool host_backed;
};

struct layer_view
{
    uint64_t resource;
    bool is_image;
};

extern struct layer_map layer_memories, layer_buffers, layer_images, layer_image_views, layer_buffer_views,
        layer_video_sessions;

/* Device functions the layer calls down to. */
#define LAYER_DEVICE_FUNCS \
    X(DestroyDevice) \
    X(GetDeviceQueue) \
    X(GetDeviceQueue2) \
    X(QueueSubmit) \
    X(QueueSubmit2) \
    X(QueueWaitIdle) \
    X(QueueBindSparse) \
    X(QueuePresentKHR) \
    X(QueueBeginDebugUtilsLabelEXT) \
    X(QueueEndDebugUtilsLabelEXT) \
    X(QueueInsertDebugUtilsLabelEXT) \
    X(SetDebugUtilsObjectNameEXT) \
    X(AllocateMemory) \
    X(FreeMemory) \
    X(MapMemory) \
    X(CreateBuffer) \
    X(DestroyBuffer) \
    X(CreateImage) \
    X(DestroyImage) \
    X(CreateBufferView) \
    X(DestroyBufferView) \
    X(CreateImageView) \
    X(DestroyImageView) \
    X(BindBufferMemory) \
    X(BindBufferMemory2) \
    X(BindImageMemory) \
    X(BindImageMemory2) \
    X(GetBufferMemoryRequirements) \
    X(GetBufferMemoryRequirements2) \
    X(GetImageMemoryRequirements) \
    X(GetImageMemoryRequirements2) \
    X(GetDeviceBufferMemoryRequirements) \
    X(GetDeviceImageMemoryRequirements) \
    X(CreateCommandPool) \
    X(DestroyCommandPool) \
    X(ResetCommandPool) \
    X(AllocateCommandBuffers) \
    X(FreeCommandBuffers) \
    X(BeginCommandBuffer) \
    X(ResetCommandBuffer) \
    X(CreateShaderModule) \
    X(DestroyShaderModule) \
    X(CreateComputePipelines) \
    X(DestroyPipeline) \
    X(AllocateDescriptorSets) \
    X(FreeDescriptorSets) \
    X(ResetDescriptorPool) \
    X(DestroyDescriptorPool) \
    X(UpdateDescriptorSets) \
    X(CmdBindPipeline) \
    X(CmdBindDescriptorSets) \
    X(CmdPushDescriptorSetKHR) \
    X(CmdDispatch) \
    X(CmdDispatchBase) \
    X(CmdDispatchIndirect) \
    X(CmdDrawIndirect) \
    X(CmdDrawIndexedIndirect) \
    X(CmdDrawIndirectCount) \
    X(CmdDrawIndexedIndirectCount) \
    X(CmdCopyBuffer) \
    X(CmdCopyImage) \
    X(CmdCopyBufferToImage) \
    X(CmdCopyImageToBuffer) \
    X(CmdBlitImage) \
    X(CmdResolveImage) \
    X(CmdCopyBuffer2) \
    X(CmdCopyImage2) \
    X(CmdCopyBufferToImage2) \
    X(CmdCopyImageToBuffer2) \
    X(CmdBlitImage2) \
    X(CmdResolveImage2) \
    X(CmdFillBuffer) \
    X(CmdUpdateBuffer) \
    X(CmdClearColorImage) \
    X(CmdClearDepthStencilImage) \
    X(CmdBeginQuery) \
    X(CmdEndQuery) \
    X(CmdWriteTimestamp) \
    X(CmdWriteTimestamp2) \
    X(CmdCopyQueryPoolResults) \
    X(CmdExecuteCommands) \
    X(CmdDecodeVideoKHR) \
    X(CmdBeginVideoCodingKHR) \
    X(CreateVideoSessionKHR) \
    X(DestroyVideoSessionKHR)

struct layer_device
{
    VkDevice device;
    void *key;
    VkPhysicalDevice physical_device;
    PFN_vkGetDeviceProcAddr next_gdpa;
    PFN_vkSetDeviceLoaderData set_loader_data;
    bool protected_memory;
    /* The emulated protected memory types and the driver's types behind them: device-local,
     * and host-visible for video decode sources (UINT32_MAX where the driver has none). */
    uint32_t protected_type;
    uint32_t source_type;
    uint32_t protected_host_type;
    uint32_t host_source_type;
    /* Per family: queues the application created without and with the protected flag, and
     * how many the driver gave (protected queues alias driver queues beyond that). */
    struct
    {
        uint32_t unprotected_count;
        uint32_t protected_count;
        uint32_t count;
        bool protected_capable;
    } *families;
    uint32_t family_count;
    struct layer_queue *queues;
    /* One lock per driver queue, taken around every call on it. */
    struct layer_real_queue_lock *real_queue_locks;

#define X(name) PFN_vk##name name;
    LAYER_DEVICE_FUNCS
#undef X

    struct layer_device *next;
};

/* A queue the application sees: the driver's own handle for unprotected queues, a layer
 * object (a dispatchable handle of its own) for protected-capable ones. */
struct layer_queue
{
    /* First member of a dispatchable object: the loader's dispatch pointer. */
    void *loader_data;
    VkQueue handle;
    VkQueue real;
    uint32_t family;
    uint32_t index;
    bool protected_capable;
    pthread_mutex_t *real_lock;
    struct layer_queue *next;
};

struct layer_real_queue_lock
{
    VkQueue real;
    pthread_mutex_t mutex;
    struct layer_real_queue_lock *next;
};

struct layer_device *layer_device_from_handle(const void *dispatchable);

/* Reports are dropped while a test reads protected memory on purpose (layer.c); tests find
 * the second with dlsym(). */
bool layer_checks_suspended(void);
__attribute__((visibility("default"))) void vkdva_protected_layer_suspend_checks(int suspend);

/* commands.c */
PFN_vkVoidFunction layer_commands_proc(const char *name);
bool layer_command_buffer_is_protected(VkCommandBuffer cmd, bool *known);
void layer_commands_device_destroyed(struct layer_device *device);

#endif /* __VKDVA_PROTECTED_LAYER_H */
