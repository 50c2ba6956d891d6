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

/* Tests of the protected-memory emulation layer itself, as a native Vulkan program:
 * "layer_test clean" does every protected operation legally, with Khronos validation above
 * the layer, and expects no report and no validation error; every other case breaks one rule
 * and expects the layer to report it (the report file is VKDVA_TEST_PROTECTED_LAYER_REPORT). */

#undef VK_NO_PROTOTYPES
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vulkan/vulkan.h>
#include "layer_test_utils.h"
#include "write.h"

#define LAYER_NAME "VK_LAYER_VKDVA_protected_memory"
#define VALIDATION_NAME "VK_LAYER_KHRONOS_validation"
#define BUFFER_SIZE 256u

static unsigned int validation_errors;

struct buffer
{
    VkBuffer buffer;
    VkDeviceMemory memory;
};

struct context
{
    VkInstance instance;
    VkDebugUtilsMessengerEXT messenger;
    VkPhysicalDevice physical_device;
    VkDevice device;
    uint32_t family;
    VkQueue queue;
    VkQueue protected_queue;
    VkCommandPool pool;
    VkCommandPool protected_pool;
    uint32_t protected_type;
    uint32_t host_type;
    VkShaderModule module;
    VkDescriptorSetLayout set_layout;
    VkDescriptorSetLayout push_set_layout;
    VkPipelineLayout pipeline_layout;
    VkPipelineLayout push_pipeline_layout;
    VkPipeline pipeline;
    VkPipeline push_pipeline;
    VkDescriptorPool descriptor_pool;
    PFN_vkCmdPushDescriptorSetKHR push_descriptor_set;
};

static VKAPI_ATTR VkBool32 VKAPI_CALL messenger_callback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
        VkDebugUtilsMessageTypeFlagsEXT types, const VkDebugUtilsMessengerCallbackDataEXT *data, void *user)
{
    if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT)
    {
        ++validation_errors;
        fprintf(stderr, "validation error: %s\n", data->pMessage);
    }
    return VK_FALSE;
}

static bool has_layer(const char *name)
{
    VkLayerProperties *layers;
    uint32_t count, i;
    bool found = false;

    vkEnumerateInstanceLayerProperties(&count, NULL);
    if (!(layers = calloc(count + 1, sizeof(*layers))))
        abort();
    vkEnumerateInstanceLayerProperties(&count, layers);
    for (i = 0; i < count; ++i)
        found |= !strcmp(layers[i].layerName, name);
    free(layers);
    return found;
}

static void create_instance(struct context *ctx, bool validation)
{
    const char *layers[2], *extensions[1];
    uint32_t layer_count = 0, extension_count = 0;

    VkApplicationInfo app_info =
    {
        .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
        .pApplicationName = "vkdva protected layer test",
        .apiVersion = VK_API_VERSION_1_3,
    };
    VkInstanceCreateInfo info =
    {
        .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
        .pApplicationInfo = &app_info,
        .ppEnabledLayerNames = layers,
        .ppEnabledExtensionNames = extensions,
    };
    VkDebugUtilsMessengerCreateInfoEXT messenger_info =
    {
        .sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT,
        .messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT,
        .messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT,
        .pfnUserCallback = messenger_callback,
    };

    if (!has_layer(LAYER_NAME))
    {
        fprintf(stderr, "layer_test: %s not found (VK_ADD_LAYER_PATH?).\n", LAYER_NAME);
        exit(1);
    }
    /* The first layer named is the closest to the application: validation checks the
     * protected VUIDs against what the emulation layer advertises. */
    if (validation && has_layer(VALIDATION_NAME))
    {
        layers[layer_count++] = VALIDATION_NAME;
        extensions[extension_count++] = VK_EXT_DEBUG_UTILS_EXTENSION_NAME;
    }
    layers[layer_count++] = LAYER_NAME;
    info.enabledLayerCount = layer_count;
    info.enabledExtensionCount = extension_count;
    check(vkCreateInstance(&info, NULL, &ctx->instance));
    if (extension_count)
    {
        PFN_vkCreateDebugUtilsMessengerEXT create = (PFN_vkCreateDebugUtilsMessengerEXT)vkGetInstanceProcAddr(
                ctx->instance, "vkCreateDebugUtilsMessengerEXT");

        check(create(ctx->instance, &messenger_info, NULL, &ctx->messenger));
    }
}

static void create_device(struct context *ctx, bool enable_protected)
{
    VkPhysicalDeviceProtectedMemoryFeatures protected_features =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROTECTED_MEMORY_FEATURES,
    };
    VkPhysicalDeviceFeatures2 features2 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
        .pNext = &protected_features,
    };
    VkPhysicalDeviceVulkan13Features enable13 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
        .synchronization2 = VK_TRUE,
    };
    VkPhysicalDeviceVulkan11Features enable11 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES,
        .pNext = &enable13,
        .protectedMemory = enable_protected,
    };
    static const float priority = 1.0f;
    VkDeviceQueueCreateInfo queue_infos[2] =
    {
        {
            .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
            .flags = VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT,
            .queueCount = 1,
            .pQueuePriorities = &priority,
        },
        {
            .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
            .queueCount = 1,
            .pQueuePriorities = &priority,
        },
    };
    const char *extensions[] = {VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME};
    VkDeviceCreateInfo device_info =
    {
        .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
        .pNext = &enable11,
        .queueCreateInfoCount = 2,
        .pQueueCreateInfos = queue_infos,
        .enabledExtensionCount = 1,
        .ppEnabledExtensionNames = extensions,
    };
    VkDeviceQueueInfo2 queue_info2 =
    {
        .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_INFO_2,
        .flags = VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT,
    };
    VkCommandPoolCreateInfo pool_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
    };
    VkPhysicalDeviceMemoryProperties memory_props;
    VkQueueFamilyProperties families[16];
    uint32_t count = 1, i;

    check(vkEnumeratePhysicalDevices(ctx->instance, &count, &ctx->physical_device));
    vkGetPhysicalDeviceFeatures2(ctx->physical_device, &features2);
    if (!protected_features.protectedMemory)
    {
        fprintf(stderr, "layer_test: protectedMemory is not advertised: the layer is not active.\n");
        exit(1);
    }

    count = 16;
    vkGetPhysicalDeviceQueueFamilyProperties(ctx->physical_device, &count, families);
    for (ctx->family = 0; ctx->family < count; ++ctx->family)
    {
        if ((families[ctx->family].queueFlags & (VK_QUEUE_COMPUTE_BIT | VK_QUEUE_PROTECTED_BIT))
                == (VK_QUEUE_COMPUTE_BIT | VK_QUEUE_PROTECTED_BIT))
            break;
    }
    if (ctx->family == count)
    {
        fprintf(stderr, "layer_test: no protected compute queue family.\n");
        exit(1);
    }

    vkGetPhysicalDeviceMemoryProperties(ctx->physical_device, &memory_props);
    ctx->protected_type = ctx->host_type = UINT32_MAX;
    for (i = 0; i < memory_props.memoryTypeCount; ++i)
    {
        VkMemoryPropertyFlags flags = memory_props.memoryTypes[i].propertyFlags;

        if ((flags & VK_MEMORY_PROPERTY_PROTECTED_BIT) && ctx->protected_type == UINT32_MAX)
            ctx->protected_type = i;
        if ((flags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) && ctx->host_type == UINT32_MAX)
            ctx->host_type = i;
        if ((flags & VK_MEMORY_PROPERTY_PROTECTED_BIT) && (flags & (VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT
                | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT | VK_MEMORY_PROPERTY_HOST_CACHED_BIT)))
        {
            fprintf(stderr, "layer_test: memory type %u is protected and host-accessible.\n", i);
            exit(1);
        }
    }
    if (ctx->protected_type == UINT32_MAX || ctx->host_type == UINT32_MAX)
    {
        fprintf(stderr, "layer_test: no protected or no host-visible memory type.\n");
        exit(1);
    }

    queue_infos[0].queueFamilyIndex = queue_infos[1].queueFamilyIndex = ctx->family;
    check(vkCreateDevice(ctx->physical_device, &device_info, NULL, &ctx->device));
    /* vkGetDeviceQueue2 for both: validation 1.3.239 does not tell a family's protected and
     * unprotected queues apart in vkGetDeviceQueue (it reports 01841). */
    queue_info2.queueFamilyIndex = ctx->family;
    vkGetDeviceQueue2(ctx->device, &queue_info2, &ctx->protected_queue);
    queue_info2.flags = 0;
    vkGetDeviceQueue2(ctx->device, &queue_info2, &ctx->queue);
    if (!ctx->queue || !ctx->protected_queue || ctx->queue == ctx->protected_queue)
    {
        fprintf(stderr, "layer_test: bad queues %p, %p.\n", (void *)ctx->queue, (void *)ctx->protected_queue);
        exit(1);
    }
    pool_info.queueFamilyIndex = ctx->family;
    check(vkCreateCommandPool(ctx->device, &pool_info, NULL, &ctx->pool));
    if (enable_protected)
    {
        pool_info.flags = VK_COMMAND_POOL_CREATE_PROTECTED_BIT;
        check(vkCreateCommandPool(ctx->device, &pool_info, NULL, &ctx->protected_pool));
    }
    ctx->push_descriptor_set = (PFN_vkCmdPushDescriptorSetKHR)vkGetDeviceProcAddr(ctx->device,
            "vkCmdPushDescriptorSetKHR");
}

static void create_pipelines(struct context *ctx)
{
    VkDescriptorSetLayoutBinding bindings[2] =
    {
        {0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT},
    };
    VkDescriptorSetLayoutCreateInfo set_layout_info =
    {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
        .bindingCount = 2,
        .pBindings = bindings,
    };
    VkPipelineLayoutCreateInfo layout_info =
    {
        .sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
        .setLayoutCount = 1,
    };
    VkShaderModuleCreateInfo module_info =
    {
        .sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
        .codeSize = sizeof(layer_test_spv_write),
        .pCode = layer_test_spv_write,
    };
    VkComputePipelineCreateInfo pipeline_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO,
        .stage =
        {
            .sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
            .stage = VK_SHADER_STAGE_COMPUTE_BIT,
            .pName = "main",
        },
    };
    VkDescriptorPoolSize pool_size = {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 16};
    VkDescriptorPoolCreateInfo pool_info =
    {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
        .maxSets = 8,
        .poolSizeCount = 1,
        .pPoolSizes = &pool_size,
    };

    check(vkCreateShaderModule(ctx->device, &module_info, NULL, &ctx->module));
    pipeline_info.stage.module = ctx->module;

    check(vkCreateDescriptorSetLayout(ctx->device, &set_layout_info, NULL, &ctx->set_layout));
    layout_info.pSetLayouts = &ctx->set_layout;
    check(vkCreatePipelineLayout(ctx->device, &layout_info, NULL, &ctx->pipeline_layout));
    pipeline_info.layout = ctx->pipeline_layout;
    check(vkCreateComputePipelines(ctx->device, VK_NULL_HANDLE, 1, &pipeline_info, NULL, &ctx->pipeline));

    set_layout_info.flags = VK_DESCRIPTOR_SET_LAYOUT_CREATE_PUSH_DESCRIPTOR_BIT_KHR;
    check(vkCreateDescriptorSetLayout(ctx->device, &set_layout_info, NULL, &ctx->push_set_layout));
    layout_info.pSetLayouts = &ctx->push_set_layout;
    check(vkCreatePipelineLayout(ctx->device, &layout_info, NULL, &ctx->push_pipeline_layout));
    pipeline_info.layout = ctx->push_pipeline_layout;
    check(vkCreateComputePipelines(ctx->device, VK_NULL_HANDLE, 1, &pipeline_info, NULL, &ctx->push_pipeline));

    check(vkCreateDescriptorPool(ctx->device, &pool_info, NULL, &ctx->descriptor_pool));
}

static void create_buffer(struct context *ctx, bool is_protected, struct buffer *buffer)
{
    VkBufferCreateInfo info =
    {
        .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
        .flags = is_protected ? VK_BUFFER_CREATE_PROTECTED_BIT : 0,
        .size = BUFFER_SIZE,
        .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT
                | VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT * !is_protected,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
    };
    VkMemoryAllocateInfo alloc_info =
    {
        .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
    };
    VkMemoryRequirements req;

    check(vkCreateBuffer(ctx->device, &info, NULL, &buffer->buffer));
    vkGetBufferMemoryRequirements(ctx->device, buffer->buffer, &req);
    alloc_info.allocationSize = req.size;
    alloc_info.memoryTypeIndex = is_protected ? ctx->protected_type : ctx->host_type;
    if (!(req.memoryTypeBits & (1u << alloc_info.memoryTypeIndex)))
    {
        fprintf(stderr, "layer_test: memory type %u not allowed for a%s buffer (bits %#x).\n",
                alloc_info.memoryTypeIndex, is_protected ? " protected" : "n unprotected", req.memoryTypeBits);
        exit(1);
    }
    check(vkAllocateMemory(ctx->device, &alloc_info, NULL, &buffer->memory));
    check(vkBindBufferMemory(ctx->device, buffer->buffer, buffer->memory, 0));
}

static void destroy_buffer(struct context *ctx, struct buffer *buffer)
{
    vkDestroyBuffer(ctx->device, buffer->buffer, NULL);
    vkFreeMemory(ctx->device, buffer->memory, NULL);
}

static VkCommandBuffer begin_cmd(struct context *ctx, bool is_protected, VkCommandBufferLevel level)
{
    VkCommandBufferAllocateInfo alloc_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
        .commandPool = is_protected ? ctx->protected_pool : ctx->pool,
        .level = level,
        .commandBufferCount = 1,
    };
    VkCommandBufferInheritanceInfo inheritance =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_INHERITANCE_INFO,
    };
    VkCommandBufferBeginInfo begin_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
        .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
        .pInheritanceInfo = &inheritance,
    };
    VkCommandBuffer cmd;

    check(vkAllocateCommandBuffers(ctx->device, &alloc_info, &cmd));
    check(vkBeginCommandBuffer(cmd, &begin_info));
    return cmd;
}

static void barrier(VkCommandBuffer cmd)
{
    VkMemoryBarrier barrier =
    {
        .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
        .srcAccessMask = VK_ACCESS_MEMORY_WRITE_BIT,
        .dstAccessMask = VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT,
    };

    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0,
            1, &barrier, 0, NULL, 0, NULL);
}

/* Submits with vkQueueSubmit (VkProtectedSubmitInfo when protected_submit). */
static void submit(struct context *ctx, VkQueue queue, VkCommandBuffer cmd, bool protected_submit)
{
    VkProtectedSubmitInfo protected_info =
    {
        .sType = VK_STRUCTURE_TYPE_PROTECTED_SUBMIT_INFO,
        .protectedSubmit = VK_TRUE,
    };
    VkSubmitInfo submit_info =
    {
        .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
        .pNext = protected_submit ? &protected_info : NULL,
        .commandBufferCount = 1,
        .pCommandBuffers = &cmd,
    };

    check(vkEndCommandBuffer(cmd));
    check(vkQueueSubmit(queue, 1, &submit_info, VK_NULL_HANDLE));
    check(vkQueueWaitIdle(queue));
}

static void submit2(struct context *ctx, VkQueue queue, VkCommandBuffer cmd, bool protected_submit)
{
    VkCommandBufferSubmitInfo cmd_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO,
        .commandBuffer = cmd,
    };
    VkSubmitInfo2 submit_info =
    {
        .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO_2,
        .flags = protected_submit ? VK_SUBMIT_PROTECTED_BIT : 0,
        .commandBufferInfoCount = 1,
        .pCommandBufferInfos = &cmd_info,
    };

    check(vkEndCommandBuffer(cmd));
    check(vkQueueSubmit2(queue, 1, &submit_info, VK_NULL_HANDLE));
    check(vkQueueWaitIdle(queue));
}

static void write_buffer_descriptors(VkWriteDescriptorSet *writes, VkDescriptorBufferInfo *infos, VkDescriptorSet set,
        VkBuffer src, VkBuffer dst)
{
    unsigned int i;

    infos[0] = (VkDescriptorBufferInfo){src, 0, VK_WHOLE_SIZE};
    infos[1] = (VkDescriptorBufferInfo){dst, 0, VK_WHOLE_SIZE};
    for (i = 0; i < 2; ++i)
    {
        writes[i] = (VkWriteDescriptorSet)
        {
            .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
            .dstSet = set,
            .dstBinding = i,
            .descriptorCount = 1,
            .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
            .pBufferInfo = &infos[i],
        };
    }
}

/* A dispatch through push descriptors: reads src (binding 0), writes dst (binding 1). */
static void push_dispatch(struct context *ctx, VkCommandBuffer cmd, VkBuffer src, VkBuffer dst)
{
    VkDescriptorBufferInfo infos[2];
    VkWriteDescriptorSet writes[2];

    write_buffer_descriptors(writes, infos, VK_NULL_HANDLE, src, dst);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, ctx->push_pipeline);
    ctx->push_descriptor_set(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, ctx->push_pipeline_layout, 0, 2, writes);
    vkCmdDispatch(cmd, BUFFER_SIZE / 4, 1, 1);
}

/* The same through a descriptor set. */
static void set_dispatch(struct context *ctx, VkCommandBuffer cmd, VkBuffer src, VkBuffer dst)
{
    VkDescriptorSetAllocateInfo alloc_info =
    {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
        .descriptorPool = ctx->descriptor_pool,
        .descriptorSetCount = 1,
        .pSetLayouts = &ctx->set_layout,
    };
    VkDescriptorBufferInfo infos[2];
    VkWriteDescriptorSet writes[2];
    VkDescriptorSet set;

    check(vkAllocateDescriptorSets(ctx->device, &alloc_info, &set));
    write_buffer_descriptors(writes, infos, set, src, dst);
    vkUpdateDescriptorSets(ctx->device, 2, writes, 0, NULL);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, ctx->pipeline);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, ctx->pipeline_layout, 0, 1, &set, 0, NULL);
    vkCmdDispatch(cmd, BUFFER_SIZE / 4, 1, 1);
}

/* Everything legal: protected fills, copies and dispatches (reading unprotected memory is
 * allowed, writing it is not), unprotected work beside them, both submission paths. */
static void test_clean(struct context *ctx)
{
    struct buffer plain, plain2, prot, prot2;
    VkBufferCopy region = {0, 0, BUFFER_SIZE};
    VkCommandBuffer cmd;
    uint32_t *data;

    create_buffer(ctx, false, &plain);
    create_buffer(ctx, false, &plain2);
    create_buffer(ctx, true, &prot);
    create_buffer(ctx, true, &prot2);

    check(vkMapMemory(ctx->device, plain.memory, 0, VK_WHOLE_SIZE, 0, (void **)&data));
    memset(data, 0, BUFFER_SIZE);
    vkUnmapMemory(ctx->device, plain.memory);

    cmd = begin_cmd(ctx, false, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
    vkCmdFillBuffer(cmd, plain2.buffer, 0, VK_WHOLE_SIZE, 7);
    barrier(cmd);
    set_dispatch(ctx, cmd, plain2.buffer, plain.buffer);
    submit(ctx, ctx->queue, cmd, false);

    cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
    vkCmdFillBuffer(cmd, prot.buffer, 0, VK_WHOLE_SIZE, 1);
    barrier(cmd);
    vkCmdCopyBuffer(cmd, plain.buffer, prot2.buffer, 1, &region);
    barrier(cmd);
    push_dispatch(ctx, cmd, plain.buffer, prot.buffer);
    barrier(cmd);
    set_dispatch(ctx, cmd, prot.buffer, prot2.buffer);
    submit(ctx, ctx->protected_queue, cmd, true);

    cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
    vkCmdCopyBuffer(cmd, prot2.buffer, prot.buffer, 1, &region);
    submit2(ctx, ctx->protected_queue, cmd, true);

    /* Unprotected work may go to a protected-capable queue too. */
    cmd = begin_cmd(ctx, false, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
    vkCmdCopyBuffer(cmd, plain.buffer, plain2.buffer, 1, &region);
    submit(ctx, ctx->protected_queue, cmd, false);

    check(vkMapMemory(ctx->device, plain2.memory, 0, VK_WHOLE_SIZE, 0, (void **)&data));
    if (data[0] != 8)
    {
        fprintf(stderr, "layer_test: got %u, expected 8.\n", data[0]);
        exit(1);
    }
    vkUnmapMemory(ctx->device, plain2.memory);

    destroy_buffer(ctx, &plain);
    destroy_buffer(ctx, &plain2);
    destroy_buffer(ctx, &prot);
    destroy_buffer(ctx, &prot2);
}

static void run_case(struct context *ctx, const char *name)
{
    struct buffer plain, prot;
    VkBufferCopy region = {0, 0, BUFFER_SIZE};
    VkCommandBuffer cmd, secondary;
    VkQueryPoolCreateInfo query_info =
    {
        .sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO,
        .queryType = VK_QUERY_TYPE_TIMESTAMP,
        .queryCount = 1,
    };
    VkQueryPool query_pool;
    void *data;

    create_buffer(ctx, false, &plain);
    create_buffer(ctx, true, &prot);

    if (!strcmp(name, "host-map"))
    {
        vkMapMemory(ctx->device, prot.memory, 0, VK_WHOLE_SIZE, 0, &data);
    }
    else if (!strcmp(name, "copy-to-unprotected"))
    {
        cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        vkCmdCopyBuffer(cmd, prot.buffer, plain.buffer, 1, &region);
        submit(ctx, ctx->protected_queue, cmd, true);
    }
    else if (!strcmp(name, "fill-unprotected"))
    {
        cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        vkCmdFillBuffer(cmd, plain.buffer, 0, VK_WHOLE_SIZE, 0);
        submit(ctx, ctx->protected_queue, cmd, true);
    }
    else if (!strcmp(name, "dispatch-writes-unprotected"))
    {
        cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        push_dispatch(ctx, cmd, prot.buffer, plain.buffer);
        submit(ctx, ctx->protected_queue, cmd, true);
    }
    else if (!strcmp(name, "dispatch-set-writes-unprotected"))
    {
        cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        set_dispatch(ctx, cmd, prot.buffer, plain.buffer);
        submit(ctx, ctx->protected_queue, cmd, true);
    }
    else if (!strcmp(name, "unprotected-dispatch-reads-protected"))
    {
        cmd = begin_cmd(ctx, false, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        push_dispatch(ctx, cmd, prot.buffer, plain.buffer);
        submit(ctx, ctx->queue, cmd, false);
    }
    else if (!strcmp(name, "unprotected-copy-from-protected"))
    {
        cmd = begin_cmd(ctx, false, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        vkCmdCopyBuffer(cmd, prot.buffer, plain.buffer, 1, &region);
        submit(ctx, ctx->queue, cmd, false);
    }
    else if (!strcmp(name, "query"))
    {
        check(vkCreateQueryPool(ctx->device, &query_info, NULL, &query_pool));
        cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, query_pool, 0);
        vkEndCommandBuffer(cmd);
        vkDestroyQueryPool(ctx->device, query_pool, NULL);
    }
    else if (!strcmp(name, "indirect"))
    {
        cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, ctx->pipeline);
        vkCmdDispatchIndirect(cmd, plain.buffer, 0);
        vkEndCommandBuffer(cmd);
    }
    else if (!strcmp(name, "submit-without-protected-info"))
    {
        cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        submit(ctx, ctx->protected_queue, cmd, false);
    }
    else if (!strcmp(name, "submit2-without-protected-flag"))
    {
        cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        submit2(ctx, ctx->protected_queue, cmd, false);
    }
    else if (!strcmp(name, "submit-unprotected-in-protected"))
    {
        cmd = begin_cmd(ctx, false, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        submit(ctx, ctx->protected_queue, cmd, true);
    }
    else if (!strcmp(name, "submit-to-unprotected-queue"))
    {
        cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        submit(ctx, ctx->queue, cmd, true);
    }
    else if (!strcmp(name, "bind-mismatch"))
    {
        VkBufferCreateInfo info =
        {
            .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
            .flags = VK_BUFFER_CREATE_PROTECTED_BIT,
            .size = BUFFER_SIZE,
            .usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
        };
        VkBuffer buffer;

        check(vkCreateBuffer(ctx->device, &info, NULL, &buffer));
        vkBindBufferMemory(ctx->device, buffer, plain.memory, 0);
        vkDestroyBuffer(ctx->device, buffer, NULL);
    }
    else if (!strcmp(name, "secondary-mismatch"))
    {
        secondary = begin_cmd(ctx, false, VK_COMMAND_BUFFER_LEVEL_SECONDARY);
        vkEndCommandBuffer(secondary);
        cmd = begin_cmd(ctx, true, VK_COMMAND_BUFFER_LEVEL_PRIMARY);
        vkCmdExecuteCommands(cmd, 1, &secondary);
        vkEndCommandBuffer(cmd);
    }
    else
    {
        fprintf(stderr, "layer_test: unknown case %s.\n", name);
        exit(1);
    }

    destroy_buffer(ctx, &plain);
    destroy_buffer(ctx, &prot);
}

static void destroy_context(struct context *ctx)
{
    vkDeviceWaitIdle(ctx->device);
    if (ctx->pipeline)
    {
        vkDestroyDescriptorPool(ctx->device, ctx->descriptor_pool, NULL);
        vkDestroyPipeline(ctx->device, ctx->pipeline, NULL);
        vkDestroyPipeline(ctx->device, ctx->push_pipeline, NULL);
        vkDestroyPipelineLayout(ctx->device, ctx->pipeline_layout, NULL);
        vkDestroyPipelineLayout(ctx->device, ctx->push_pipeline_layout, NULL);
        vkDestroyDescriptorSetLayout(ctx->device, ctx->set_layout, NULL);
        vkDestroyDescriptorSetLayout(ctx->device, ctx->push_set_layout, NULL);
        vkDestroyShaderModule(ctx->device, ctx->module, NULL);
    }
    vkDestroyCommandPool(ctx->device, ctx->pool, NULL);
    if (ctx->protected_pool)
        vkDestroyCommandPool(ctx->device, ctx->protected_pool, NULL);
    vkDestroyDevice(ctx->device, NULL);
    if (ctx->messenger)
        ((PFN_vkDestroyDebugUtilsMessengerEXT)vkGetInstanceProcAddr(ctx->instance,
                "vkDestroyDebugUtilsMessengerEXT"))(ctx->instance, ctx->messenger, NULL);
    vkDestroyInstance(ctx->instance, NULL);
}

int main(int argc, char **argv)
{
    static const struct
    {
        const char *name;
        const char *rule;
    }
    expectations[] =
    {
        {"host-map", "[host-map]"},
        {"copy-to-unprotected", "[protected-writes-unprotected]"},
        {"fill-unprotected", "[protected-writes-unprotected]"},
        {"dispatch-writes-unprotected", "[protected-writes-unprotected]"},
        {"dispatch-set-writes-unprotected", "[protected-writes-unprotected]"},
        {"unprotected-dispatch-reads-protected", "[unprotected-accesses-protected]"},
        {"unprotected-copy-from-protected", "[unprotected-accesses-protected]"},
        {"query", "[query-in-protected]"},
        {"indirect", "[indirect-in-protected]"},
        {"submit-without-protected-info", "[submit-protected-without-protected-submit]"},
        {"submit2-without-protected-flag", "[submit-protected-without-protected-submit]"},
        {"submit-unprotected-in-protected", "[submit-unprotected-in-protected-submit]"},
        {"submit-to-unprotected-queue", "[submit-protected-to-unprotected-queue]"},
        {"bind-mismatch", "[bind-mismatch]"},
        {"secondary-mismatch", "[secondary-mismatch]"},
        {"feature-disabled", "[protected-memory-not-enabled]"},
    };
    const char *report_path = getenv("VKDVA_TEST_PROTECTED_LAYER_REPORT");
    struct context ctx = {0};
    const char *report;
    unsigned int i;

    if (argc != 2 || !report_path)
    {
        fprintf(stderr, "Usage: VKDVA_TEST_PROTECTED_LAYER_REPORT=FILE %s clean|CASE\n", argv[0]);
        return 2;
    }
    unlink(report_path);

    if (!strcmp(argv[1], "clean"))
    {
        create_instance(&ctx, true);
        create_device(&ctx, true);
        create_pipelines(&ctx);
        test_clean(&ctx);
        destroy_context(&ctx);
        report = read_report(report_path);
        if (*report || validation_errors)
        {
            fprintf(stderr, "layer_test: clean: %u validation errors; layer report:\n%s", validation_errors, report);
            return 1;
        }
        printf("layer_test: clean: no violation, no validation error.\n");
        return 0;
    }

    for (i = 0; i < sizeof(expectations) / sizeof(*expectations); ++i)
    {
        if (!strcmp(expectations[i].name, argv[1]))
            break;
    }
    if (i == sizeof(expectations) / sizeof(*expectations))
    {
        fprintf(stderr, "layer_test: unknown case %s.\n", argv[1]);
        return 2;
    }
    /* Without validation: the layer alone must catch it. */
    create_instance(&ctx, false);
    if (!strcmp(argv[1], "feature-disabled"))
    {
        create_device(&ctx, false);
    }
    else
    {
        create_device(&ctx, true);
        create_pipelines(&ctx);
        run_case(&ctx, argv[1]);
    }
    destroy_context(&ctx);
    report = read_report(report_path);
    if (!strstr(report, expectations[i].rule))
    {
        fprintf(stderr, "layer_test: %s: the layer did not report %s; report:\n%s", argv[1], expectations[i].rule,
                report);
        return 1;
    }
    printf("layer_test: %s: reported as expected.\n", argv[1]);
    return 0;
}
