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

#include <time.h>
#include "vkdva_private.h"

static void vkdva_command_stream_check_progress(struct vkdva_command_stream *stream, uint64_t value,
        uint64_t completed);

static HRESULT vkdva_command_stream_init_(struct vkdva_command_stream *stream, struct d3d11_device *device,
        struct vkdva_queue *queue, bool is_protected)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkResult vr;

    VkSemaphoreTypeCreateInfo type_info =
    {
        .sType = VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO,
        .semaphoreType = VK_SEMAPHORE_TYPE_TIMELINE,
        .initialValue = 0,
    };
    VkSemaphoreCreateInfo semaphore_info =
    {
        .sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO,
        .pNext = &type_info,
    };
    VkCommandPoolCreateInfo pool_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
        .flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT
                | (is_protected ? VK_COMMAND_POOL_CREATE_PROTECTED_BIT : 0),
        .queueFamilyIndex = queue->family_index,
    };

    memset(stream, 0, sizeof(*stream));
    stream->device = device;
    stream->queue = queue;
    stream->next_value = 1;
    stream->is_protected = is_protected;

    if ((vr = VK_CALL(vkCreateSemaphore(device->vk_device, &semaphore_info, NULL, &stream->vk_timeline))) < 0)
        return hresult_from_vk_result(vr);
    if ((vr = VK_CALL(vkCreateCommandPool(device->vk_device, &pool_info, NULL, &stream->vk_pool))) < 0)
    {
        VK_CALL(vkDestroySemaphore(device->vk_device, stream->vk_timeline, NULL));
        return hresult_from_vk_result(vr);
    }
    return S_OK;
}

HRESULT vkdva_command_stream_init(struct vkdva_command_stream *stream, struct d3d11_device *device,
        struct vkdva_queue *queue)
{
    return vkdva_command_stream_init_(stream, device, queue, false);
}

/* A stream of protected command buffers on the protected queue (vkdva_private.h says what they
 * may do). */
HRESULT vkdva_command_stream_init_protected_on(struct vkdva_command_stream *stream, struct d3d11_device *device,
        struct vkdva_queue *queue)
{
    if (!device->caps.protected_memory || !queue->vk_queue || !(queue->flags & VK_QUEUE_PROTECTED_BIT))
    {
        ERR("The device does not use protected memory, or queue %p is not protected.\n", queue);
        return E_FAIL;
    }
    return vkdva_command_stream_init_(stream, device, queue, true);
}

HRESULT vkdva_command_stream_init_protected(struct vkdva_command_stream *stream, struct d3d11_device *device)
{
    return vkdva_command_stream_init_protected_on(stream, device, &device->protected_queue);
}

static uint64_t vkdva_command_stream_completed_value(struct vkdva_command_stream *stream)
{
    const struct vkdva_vk_procs *vk_procs = &stream->device->vk_procs;
    uint64_t value = 0;
    VkResult vr;

    if ((vr = VK_CALL(vkGetSemaphoreCounterValue(stream->device->vk_device, stream->vk_timeline, &value))) < 0)
    {
        vkdva_device_mark_lost(stream->device, vr);
        return UINT64_MAX;
    }
    return value;
}

/* Recycles command buffers and frees temporaries whose submissions have completed. */
static void vkdva_command_stream_collect(struct vkdva_command_stream *stream, uint64_t completed)
{
    size_t i, j;

    for (i = 0, j = 0; i < stream->in_flight_count; ++i)
    {
        if (stream->in_flight[i].value <= completed
                && vkdva_array_reserve((void **)&stream->free_cmds, &stream->free_cmds_size,
                stream->free_cmd_count + 1, sizeof(*stream->free_cmds)))
            stream->free_cmds[stream->free_cmd_count++] = stream->in_flight[i].vk_cmd;
        else
            stream->in_flight[j++] = stream->in_flight[i];
    }
    stream->in_flight_count = j;

    for (i = 0, j = 0; i < stream->garbage_count; ++i)
    {
        if (stream->garbage[i].value <= completed)
            vkdva_device_destroy_buffer(stream->device, stream->garbage[i].vk_buffer, stream->garbage[i].vk_memory);
        else
            stream->garbage[j++] = stream->garbage[i];
    }
    stream->garbage_count = j;
}

void vkdva_command_stream_destroy(struct vkdva_command_stream *stream)
{
    const struct vkdva_vk_procs *vk_procs = &stream->device->vk_procs;
    VkDevice vk_device = stream->device->vk_device;

    if (stream->vk_current)
        vkdva_command_stream_flush(stream);
    vkdva_command_stream_wait(stream, stream->submitted_value, false);
    vkdva_command_stream_collect(stream, UINT64_MAX);
    VK_CALL(vkDestroyCommandPool(vk_device, stream->vk_pool, NULL));
    VK_CALL(vkDestroySemaphore(vk_device, stream->vk_timeline, NULL));
    vkdva_free(stream->in_flight);
    vkdva_free(stream->free_cmds);
    vkdva_free(stream->garbage);
}

HRESULT vkdva_command_stream_get(struct vkdva_command_stream *stream, VkCommandBuffer *vk_cmd)
{
    const struct vkdva_vk_procs *vk_procs = &stream->device->vk_procs;
    VkCommandBuffer cmd;
    VkResult vr;

    VkCommandBufferAllocateInfo alloc_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
        .commandPool = stream->vk_pool,
        .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
        .commandBufferCount = 1,
    };
    VkCommandBufferBeginInfo begin_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
        .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
    };

    /* Calls on a removed device fail with DXGI_ERROR_DEVICE_REMOVED; GetDeviceRemovedReason says
     * why. */
    if (FAILED(stream->device->removed_reason))
        return DXGI_ERROR_DEVICE_REMOVED;

    if (stream->vk_current)
    {
        *vk_cmd = stream->vk_current;
        return S_OK;
    }

    if (stream->in_flight_count)
        vkdva_command_stream_collect(stream, vkdva_command_stream_completed_value(stream));

    if (stream->free_cmd_count)
    {
        cmd = stream->free_cmds[--stream->free_cmd_count];
        if ((vr = VK_CALL(vkResetCommandBuffer(cmd, 0))) < 0)
        {
            VK_CALL(vkFreeCommandBuffers(stream->device->vk_device, stream->vk_pool, 1, &cmd));
            return hresult_from_vk_result(vr);
        }
    }
    else if ((vr = VK_CALL(vkAllocateCommandBuffers(stream->device->vk_device, &alloc_info, &cmd))) < 0)
    {
        return hresult_from_vk_result(vr);
    }

    if ((vr = VK_CALL(vkBeginCommandBuffer(cmd, &begin_info))) < 0)
    {
        VK_CALL(vkFreeCommandBuffers(stream->device->vk_device, stream->vk_pool, 1, &cmd));
        return hresult_from_vk_result(vr);
    }
    stream->vk_current = cmd;
    *vk_cmd = cmd;
    return S_OK;
}

static bool vkdva_sync_submissions(void)
{
    static int sync = -1;
    const char *env;

    if (sync < 0)
        sync = (env = getenv("VKDVA_SYNC_SUBMISSIONS")) && *env && *env != '0';
    return sync;
}

HRESULT vkdva_command_stream_flush(struct vkdva_command_stream *stream)
{
    const struct vkdva_vk_procs *vk_procs = &stream->device->vk_procs;
    VkCommandBuffer cmd = stream->vk_current;
    VkResult vr;

    VkCommandBufferSubmitInfo cmd_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO,
        .commandBuffer = cmd,
    };
    VkSemaphoreSubmitInfo signal_info =
    {
        .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO,
        .semaphore = stream->vk_timeline,
        .value = stream->next_value,
        .stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
    };
    /* Every command buffer of a protected submission is protected, and the other way round
     * (VUID-VkSubmitInfo2-flags-03886/03887). */
    VkSubmitInfo2 submit_info =
    {
        .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO_2,
        .flags = stream->is_protected ? VK_SUBMIT_PROTECTED_BIT : 0,
        .waitSemaphoreInfoCount = stream->wait_count,
        .pWaitSemaphoreInfos = stream->waits,
        .commandBufferInfoCount = 1,
        .pCommandBufferInfos = &cmd_info,
        .signalSemaphoreInfoCount = 1,
        .pSignalSemaphoreInfos = &signal_info,
    };

    if (!cmd)
        return S_OK;
    stream->vk_current = VK_NULL_HANDLE;

    if (!vkdva_array_reserve((void **)&stream->in_flight, &stream->in_flight_size,
            stream->in_flight_count + 1, sizeof(*stream->in_flight)))
    {
        VK_CALL(vkEndCommandBuffer(cmd));
        VK_CALL(vkFreeCommandBuffers(stream->device->vk_device, stream->vk_pool, 1, &cmd));
        return E_OUTOFMEMORY;
    }

    if ((vr = VK_CALL(vkEndCommandBuffer(cmd))) < 0)
    {
        VK_CALL(vkFreeCommandBuffers(stream->device->vk_device, stream->vk_pool, 1, &cmd));
        return hresult_from_vk_result(vr);
    }

    pthread_mutex_lock(&stream->queue->mutex);
    vr = VK_CALL(vkQueueSubmit2(stream->queue->vk_queue, 1, &submit_info, VK_NULL_HANDLE));
    pthread_mutex_unlock(&stream->queue->mutex);
    if (vr < 0)
    {
        ERR("Submission failed, vr %d.\n", vr);
        vkdva_device_mark_lost(stream->device, vr);
        VK_CALL(vkFreeCommandBuffers(stream->device->vk_device, stream->vk_pool, 1, &cmd));
        return hresult_from_vk_result(vr);
    }

    stream->wait_count = 0;
    stream->in_flight[stream->in_flight_count].vk_cmd = cmd;
    stream->in_flight[stream->in_flight_count].value = stream->next_value;
    ++stream->in_flight_count;
    stream->submitted_value = stream->next_value++;
    /* VKDVA_SYNC_SUBMISSIONS=1 waits for each submission as it is made: a debugging aid that
     * names the first submission a GPU does not finish (vkdva_command_stream_wait_gpu()). */
    if (vkdva_sync_submissions())
        return vkdva_command_stream_wait(stream, stream->submitted_value, false);
    return S_OK;
}

bool vkdva_command_stream_is_complete(struct vkdva_command_stream *stream, uint64_t value)
{
    uint64_t completed;

    if (value > stream->submitted_value)
        return false;
    if ((completed = vkdva_command_stream_completed_value(stream)) >= value)
        return true;
    vkdva_command_stream_check_progress(stream, value, completed);
    return false;
}

/* Windows resets a GPU whose work runs for more than two seconds (TDR) and removes the device
 * with DXGI_ERROR_DEVICE_HUNG. vkdva reports a wait still pending after a few seconds, with
 * what each timeline has completed, and after VKDVA_GPU_TIMEOUT seconds (60 by default, 0 for
 * never) removes the device the same way: an application then gets errors
 * (DXGI_ERROR_DEVICE_REMOVED, GetDeviceRemovedReason DXGI_ERROR_DEVICE_HUNG) instead of hanging
 * with the GPU. tests/hang.c plays a hung GPU through a test layer.
 *
 * A CPU implementation (llvmpipe) compiles a pipeline when it first runs it, inside the "GPU"
 * work: tens of seconds per AES pipeline on a 2-core machine with an empty shader cache. There,
 * unless VKDVA_GPU_TIMEOUT is set, the report comes after a minute and the removal after ten
 * (Windows watches hardware GPUs, not its own software rasterizer). */
struct vkdva_gpu_watchdog
{
    unsigned int report_s;
    unsigned int timeout_s;
};

static struct vkdva_gpu_watchdog vkdva_gpu_watchdog(const struct d3d11_device *device)
{
    const char *env = getenv("VKDVA_GPU_TIMEOUT");
    long seconds;

    if (env && (seconds = strtol(env, NULL, 10)) >= 0)
        return (struct vkdva_gpu_watchdog){5, seconds};
    if (device->caps.properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU)
        return (struct vkdva_gpu_watchdog){60, 600};
    return (struct vkdva_gpu_watchdog){5, 60};
}

static uint64_t vkdva_timeline_completed(struct d3d11_device *device, VkSemaphore vk_semaphore)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    uint64_t value = 0;

    VK_CALL(vkGetSemaphoreCounterValue(device->vk_device, vk_semaphore, &value));
    return value;
}

static void vkdva_command_stream_report_stall(struct vkdva_command_stream *stream, uint64_t value,
        unsigned int seconds)
{
    struct vkdva_command_stream *context_stream = &stream->device->immediate_context.stream;

    ERR("Value %" PRIu64 " on queue family %u not reached after %u s: this stream has submitted %"
            PRIu64 " and completed %" PRIu64 ", the compute stream submitted %" PRIu64 " and completed %"
            PRIu64 "%s.\n", value, stream->queue->family_index, seconds,
            stream->submitted_value, vkdva_timeline_completed(stream->device, stream->vk_timeline),
            context_stream->submitted_value,
            vkdva_timeline_completed(stream->device, context_stream->vk_timeline),
            stream->wait_count ? " (its next submission waits on other queues)" : "");
}

static void vkdva_command_stream_remove_device(struct vkdva_command_stream *stream, unsigned int seconds)
{
    ERR("The GPU has not progressed for %u s: the device is removed (DXGI_ERROR_DEVICE_HUNG).\n", seconds);
    stream->device->removed_reason = DXGI_ERROR_DEVICE_HUNG;
}

static VkResult vkdva_command_stream_wait_gpu(struct vkdva_command_stream *stream, const VkSemaphoreWaitInfo *info)
{
    const struct vkdva_vk_procs *vk_procs = &stream->device->vk_procs;
    struct vkdva_gpu_watchdog watchdog = vkdva_gpu_watchdog(stream->device);
    unsigned int waited = 0;
    VkResult vr;

    while ((vr = VK_CALL(vkWaitSemaphores(stream->device->vk_device, info,
            watchdog.report_s * UINT64_C(1000000000)))) == VK_TIMEOUT)
    {
        if (!waited)
            vkdva_command_stream_report_stall(stream, *info->pValues, watchdog.report_s);
        waited += watchdog.report_s;
        if (watchdog.timeout_s && waited >= watchdog.timeout_s)
        {
            vkdva_command_stream_remove_device(stream, waited);
            return VK_TIMEOUT;
        }
    }
    return vr;
}

/* An application that polls (an event query's GetData, Map with D3D11_MAP_FLAG_DO_NOT_WAIT,
 * DecoderBeginFrame's E_PENDING) never waits in vkdva_command_stream_wait_gpu(), and polls for
 * ever if the GPU hangs: the same limits apply to the time the stream is seen not to progress
 * from one poll to the next while work is pending. */
static void vkdva_command_stream_check_progress(struct vkdva_command_stream *stream, uint64_t value,
        uint64_t completed)
{
    struct vkdva_gpu_watchdog watchdog;
    unsigned int stalled;
    struct timespec now;
    uint64_t now_ns;

    if (FAILED(stream->device->removed_reason))
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    now_ns = now.tv_sec * UINT64_C(1000000000) + now.tv_nsec;
    if (!stream->stall_start_ns || completed != stream->stall_value)
    {
        stream->stall_value = completed;
        stream->stall_start_ns = now_ns;
        stream->stall_reported = false;
        return;
    }
    stalled = (now_ns - stream->stall_start_ns) / UINT64_C(1000000000);
    watchdog = vkdva_gpu_watchdog(stream->device);
    if (stalled >= watchdog.report_s && !stream->stall_reported)
    {
        vkdva_command_stream_report_stall(stream, value, stalled);
        stream->stall_reported = true;
    }
    if (watchdog.timeout_s && stalled >= watchdog.timeout_s)
        vkdva_command_stream_remove_device(stream, stalled);
}

/* Waits until the stream has executed everything up to value; with flush, the command buffer
 * being recorded is submitted first where value refers to it. */
HRESULT vkdva_command_stream_wait(struct vkdva_command_stream *stream, uint64_t value, bool flush)
{
    HRESULT hr;
    VkResult vr;

    VkSemaphoreWaitInfo wait_info =
    {
        .sType = VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO,
        .semaphoreCount = 1,
        .pSemaphores = &stream->vk_timeline,
        .pValues = &value,
    };

    /* After device loss nothing completes any more: report it rather than wait forever. */
    if (FAILED(stream->device->removed_reason))
        return DXGI_ERROR_DEVICE_REMOVED;
    if (!value)
        return S_OK;
    if (value > stream->submitted_value)
    {
        if (!flush)
            return S_FALSE;
        if (FAILED(hr = vkdva_command_stream_flush(stream)))
            return hr;
        /* Nothing was being recorded: everything there is has been submitted. */
        if (value > stream->submitted_value)
            value = stream->submitted_value;
        if (!value)
            return S_OK;
    }
    if ((vr = vkdva_command_stream_wait_gpu(stream, &wait_info)) < 0)
    {
        vkdva_device_mark_lost(stream->device, vr);
        return hresult_from_vk_result(vr);
    }
    /* The device is removed: calls fail with DXGI_ERROR_DEVICE_REMOVED (as ID3D11DeviceContext::Map
     * documents for a map that reads), GetDeviceRemovedReason says DXGI_ERROR_DEVICE_HUNG. */
    if (vr == VK_TIMEOUT)
        return DXGI_ERROR_DEVICE_REMOVED;
    vkdva_command_stream_collect(stream, value);
    return S_OK;
}

/* Frees an upload buffer once the command buffer being recorded has executed. */
void vkdva_command_stream_release_buffer(struct vkdva_command_stream *stream, VkBuffer vk_buffer,
        VkDeviceMemory vk_memory)
{
    if (!vkdva_array_reserve((void **)&stream->garbage, &stream->garbage_size,
            stream->garbage_count + 1, sizeof(*stream->garbage)))
    {
        ERR("Out of memory; waiting for the GPU instead.\n");
        vkdva_command_stream_wait(stream, stream->next_value, true);
        vkdva_device_destroy_buffer(stream->device, vk_buffer, vk_memory);
        return;
    }
    stream->garbage[stream->garbage_count].value = stream->next_value;
    stream->garbage[stream->garbage_count].vk_buffer = vk_buffer;
    stream->garbage[stream->garbage_count].vk_memory = vk_memory;
    ++stream->garbage_count;
}

/* Recorded after every operation: makes its writes visible to the operations after it and to
 * the host (staging maps). Images stay in VK_IMAGE_LAYOUT_GENERAL, so copies and compute
 * need no layout transitions. */
void vkdva_cmd_memory_barrier(struct d3d11_device *device, VkCommandBuffer vk_cmd)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;

    VkMemoryBarrier2 barrier =
    {
        .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2,
        .srcStageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
        .srcAccessMask = VK_ACCESS_2_MEMORY_WRITE_BIT,
        .dstStageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT | VK_PIPELINE_STAGE_2_HOST_BIT,
        .dstAccessMask = VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT | VK_ACCESS_2_HOST_READ_BIT,
    };
    VkDependencyInfo dependency_info =
    {
        .sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO,
        .memoryBarrierCount = 1,
        .pMemoryBarriers = &barrier,
    };

    VK_CALL(vkCmdPipelineBarrier2(vk_cmd, &dependency_info));
}

/* Makes the stream's next submission wait for another timeline (another queue's work). */
void vkdva_command_stream_add_wait(struct vkdva_command_stream *stream, VkSemaphore vk_semaphore, uint64_t value)
{
    unsigned int i;

    for (i = 0; i < stream->wait_count; ++i)
    {
        if (stream->waits[i].semaphore == vk_semaphore)
        {
            if (stream->waits[i].value < value)
                stream->waits[i].value = value;
            return;
        }
    }
    if (stream->wait_count == ARRAY_SIZE(stream->waits))
    {
        ERR("Too many semaphore waits.\n");
        return;
    }
    stream->waits[stream->wait_count++] = (VkSemaphoreSubmitInfo)
    {
        .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO,
        .semaphore = vk_semaphore,
        .value = value,
        .stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
    };
}

/* A layout transition of layers [first_layer, first_layer + layer_count) of every mip level,
 * which also orders all memory accesses between the two stages. */
void vkdva_cmd_image_barrier(struct d3d11_device *device, VkCommandBuffer vk_cmd, VkImage image,
        unsigned int first_layer, unsigned int layer_count, VkImageLayout old_layout, VkImageLayout new_layout,
        VkPipelineStageFlags2 src_stage, VkPipelineStageFlags2 dst_stage)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkImageMemoryBarrier2 barrier =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2,
        .srcStageMask = src_stage,
        .srcAccessMask = src_stage == VK_PIPELINE_STAGE_2_NONE ? 0 : VK_ACCESS_2_MEMORY_WRITE_BIT,
        .dstStageMask = dst_stage,
        .dstAccessMask = VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT,
        .oldLayout = old_layout,
        .newLayout = new_layout,
        .srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
        .dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
        .image = image,
        .subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, VK_REMAINING_MIP_LEVELS, first_layer, layer_count},
    };
    VkDependencyInfo dependency_info =
    {
        .sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO,
        .imageMemoryBarrierCount = 1,
        .pImageMemoryBarriers = &barrier,
    };

    VK_CALL(vkCmdPipelineBarrier2(vk_cmd, &dependency_info));
}

/* Protected allocations. The protected memory type is never host-visible (memory.adoc), so
 * nothing here maps; vkdva_device_find_memory_type() never returns it. */
int vkdva_device_find_protected_memory_type(struct d3d11_device *device, uint32_t type_bits)
{
    const VkPhysicalDeviceMemoryProperties *props = &device->caps.memory_properties;
    int fallback = -1;
    uint32_t i;

    if (!device->caps.protected_memory)
        return -1;
    for (i = 0; i < props->memoryTypeCount; ++i)
    {
        VkMemoryPropertyFlags flags = props->memoryTypes[i].propertyFlags;

        if (!(type_bits & (1u << i)) || !(flags & VK_MEMORY_PROPERTY_PROTECTED_BIT))
            continue;
        if (flags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)
            return i;
        if (fallback < 0)
            fallback = i;
    }
    return fallback;
}

static HRESULT vkdva_device_allocate_protected_memory(struct d3d11_device *device,
        const VkMemoryRequirements *requirements, VkDeviceMemory *vk_memory)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkMemoryAllocateInfo alloc_info =
    {
        .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
        .allocationSize = requirements->size,
    };
    VkResult vr;
    int type;

    if ((type = vkdva_device_find_protected_memory_type(device, requirements->memoryTypeBits)) < 0)
    {
        ERR("No protected memory type in %#x.\n", requirements->memoryTypeBits);
        return E_FAIL;
    }
    alloc_info.memoryTypeIndex = type;
    if ((vr = VK_CALL(vkAllocateMemory(device->vk_device, &alloc_info, NULL, vk_memory))) < 0)
        return hresult_from_vk_result(vr);
    return S_OK;
}

HRESULT vkdva_device_create_protected_buffer_from_info(struct d3d11_device *device, const VkBufferCreateInfo *info,
        VkBuffer *vk_buffer, VkDeviceMemory *vk_memory)
{
    /* VUID-VkBufferCreateInfo-flags-09641. */
    static const VkBufferUsageFlags allowed_usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT
            | VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT
            | VK_BUFFER_USAGE_STORAGE_TEXEL_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT
            | VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_SHADER_DEVICE_ADDRESS_BIT
            | VK_BUFFER_USAGE_VIDEO_DECODE_SRC_BIT_KHR;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkBufferCreateInfo buffer_info = *info;
    VkMemoryRequirements requirements;
    VkResult vr;
    HRESULT hr;

    *vk_buffer = VK_NULL_HANDLE;
    *vk_memory = VK_NULL_HANDLE;
    if (!device->caps.protected_memory || (info->usage & ~allowed_usage))
    {
        ERR("Cannot create a protected buffer with usage %#x (protected memory %#x).\n", info->usage,
                device->caps.protected_memory);
        return E_FAIL;
    }
    buffer_info.flags |= VK_BUFFER_CREATE_PROTECTED_BIT;
    if ((vr = VK_CALL(vkCreateBuffer(device->vk_device, &buffer_info, NULL, vk_buffer))) < 0)
        return hresult_from_vk_result(vr);
    VK_CALL(vkGetBufferMemoryRequirements(device->vk_device, *vk_buffer, &requirements));
    if (FAILED(hr = vkdva_device_allocate_protected_memory(device, &requirements, vk_memory)))
        goto fail;
    if ((vr = VK_CALL(vkBindBufferMemory(device->vk_device, *vk_buffer, *vk_memory, 0))) < 0)
    {
        hr = hresult_from_vk_result(vr);
        goto fail;
    }
    return S_OK;

fail:
    vkdva_device_destroy_buffer(device, *vk_buffer, *vk_memory);
    *vk_buffer = VK_NULL_HANDLE;
    *vk_memory = VK_NULL_HANDLE;
    return hr;
}

HRESULT vkdva_device_create_protected_buffer(struct d3d11_device *device, VkDeviceSize size,
        VkBufferUsageFlags usage, VkBuffer *vk_buffer, VkDeviceMemory *vk_memory)
{
    VkBufferCreateInfo buffer_info =
    {
        .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
        .size = size,
        .usage = usage,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
    };

    return vkdva_device_create_protected_buffer_from_info(device, &buffer_info, vk_buffer, vk_memory);
}

HRESULT vkdva_device_create_private_buffer(struct d3d11_device *device, VkDeviceSize size,
        VkBufferUsageFlags usage, VkBuffer *vk_buffer, VkDeviceMemory *vk_memory)
{
    if (device->caps.protected_memory)
        return vkdva_device_create_protected_buffer(device, size, usage, vk_buffer, vk_memory);
    return vkdva_device_create_buffer(device, size, usage, 0, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, vk_buffer,
            vk_memory, NULL);
}

HRESULT vkdva_device_create_protected_image(struct d3d11_device *device, const VkImageCreateInfo *info,
        VkImage *vk_image, VkDeviceMemory *vk_memory)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkImageCreateInfo image_info = *info;
    VkMemoryRequirements requirements;
    VkResult vr;
    HRESULT hr;

    *vk_image = VK_NULL_HANDLE;
    *vk_memory = VK_NULL_HANDLE;
    if (!device->caps.protected_memory)
    {
        ERR("The device does not use protected memory.\n");
        return E_FAIL;
    }
    image_info.flags |= VK_IMAGE_CREATE_PROTECTED_BIT;
    if ((vr = VK_CALL(vkCreateImage(device->vk_device, &image_info, NULL, vk_image))) < 0)
        return hresult_from_vk_result(vr);
    VK_CALL(vkGetImageMemoryRequirements(device->vk_device, *vk_image, &requirements));
    if (FAILED(hr = vkdva_device_allocate_protected_memory(device, &requirements, vk_memory)))
        goto fail;
    if ((vr = VK_CALL(vkBindImageMemory(device->vk_device, *vk_image, *vk_memory, 0))) < 0)
    {
        hr = hresult_from_vk_result(vr);
        goto fail;
    }
    return S_OK;

fail:
    VK_CALL(vkDestroyImage(device->vk_device, *vk_image, NULL));
    if (*vk_memory)
        VK_CALL(vkFreeMemory(device->vk_device, *vk_memory, NULL));
    *vk_image = VK_NULL_HANDLE;
    *vk_memory = VK_NULL_HANDLE;
    return hr;
}
