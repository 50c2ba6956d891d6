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

/* Compute pipelines for the passes vkdva runs on the GPU (AES, the video processor). Each
 * pipeline has one push-descriptor set (VK_KHR_push_descriptor, core in Vulkan 1.4), so a pass
 * records its bindings straight into the command buffer: no descriptor pools, no per-frame
 * allocations. SPIR-V comes from shaders/ compiled at build time (DESIGN decision 7). */

#include "vkdva_private.h"

HRESULT vkdva_compute_pipeline_create(struct d3d11_device *device, const struct vkdva_compute_pipeline_desc *desc,
        struct vkdva_compute_pipeline *pipeline)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkDescriptorSetLayoutBinding bindings[VKDVA_COMPUTE_MAX_BINDINGS];
    VkShaderModule vk_module;
    unsigned int i;
    VkResult vr;

    VkShaderModuleCreateInfo module_info =
    {
        .sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
        .codeSize = desc->code_size,
        .pCode = desc->code,
    };
    VkDescriptorSetLayoutCreateInfo set_layout_info =
    {
        .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
        .flags = VK_DESCRIPTOR_SET_LAYOUT_CREATE_PUSH_DESCRIPTOR_BIT_KHR,
        .bindingCount = desc->binding_count,
        .pBindings = bindings,
    };
    VkPushConstantRange push_range =
    {
        .stageFlags = VK_SHADER_STAGE_COMPUTE_BIT,
        .offset = 0,
        .size = desc->push_constant_size,
    };
    VkPipelineLayoutCreateInfo layout_info =
    {
        .sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
        .setLayoutCount = 1,
        .pSetLayouts = &pipeline->vk_set_layout,
        .pushConstantRangeCount = desc->push_constant_size ? 1 : 0,
        .pPushConstantRanges = &push_range,
    };
    VkComputePipelineCreateInfo pipeline_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO,
        .stage =
        {
            .sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
            .stage = VK_SHADER_STAGE_COMPUTE_BIT,
            .pName = "main",
            .pSpecializationInfo = desc->specialization,
        },
    };

    memset(pipeline, 0, sizeof(*pipeline));
    if (!device->caps.push_descriptor)
    {
        WARN("The device has no VK_KHR_push_descriptor; compute passes are unavailable.\n");
        return E_NOTIMPL;
    }
    if (desc->binding_count > VKDVA_COMPUTE_MAX_BINDINGS
            || desc->push_constant_size > device->caps.properties.limits.maxPushConstantsSize)
    {
        ERR("Invalid pipeline description: %u bindings, %u bytes of push constants.\n",
                desc->binding_count, desc->push_constant_size);
        return E_INVALIDARG;
    }
    for (i = 0; i < desc->binding_count; ++i)
    {
        bindings[i] = (VkDescriptorSetLayoutBinding)
        {
            .binding = i,
            .descriptorType = desc->binding_types[i],
            .descriptorCount = 1,
            .stageFlags = VK_SHADER_STAGE_COMPUTE_BIT,
        };
    }
    pipeline->binding_count = desc->binding_count;
    memcpy(pipeline->binding_types, desc->binding_types, desc->binding_count * sizeof(*desc->binding_types));
    pipeline->push_constant_size = desc->push_constant_size;

    if ((vr = VK_CALL(vkCreateDescriptorSetLayout(device->vk_device, &set_layout_info, NULL,
            &pipeline->vk_set_layout))) < 0)
        goto fail;
    if ((vr = VK_CALL(vkCreatePipelineLayout(device->vk_device, &layout_info, NULL, &pipeline->vk_layout))) < 0)
        goto fail;
    if ((vr = VK_CALL(vkCreateShaderModule(device->vk_device, &module_info, NULL, &vk_module))) < 0)
        goto fail;
    pipeline_info.stage.module = vk_module;
    pipeline_info.layout = pipeline->vk_layout;
    vr = VK_CALL(vkCreateComputePipelines(device->vk_device, VK_NULL_HANDLE, 1, &pipeline_info, NULL,
            &pipeline->vk_pipeline));
    VK_CALL(vkDestroyShaderModule(device->vk_device, vk_module, NULL));
    if (vr < 0)
        goto fail;
    return S_OK;

fail:
    WARN("Failed to create a compute pipeline, vr %d.\n", vr);
    vkdva_compute_pipeline_destroy(device, pipeline);
    return hresult_from_vk_result(vr);
}

void vkdva_compute_pipeline_destroy(struct d3d11_device *device, struct vkdva_compute_pipeline *pipeline)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;

    if (pipeline->vk_pipeline)
        VK_CALL(vkDestroyPipeline(device->vk_device, pipeline->vk_pipeline, NULL));
    if (pipeline->vk_layout)
        VK_CALL(vkDestroyPipelineLayout(device->vk_device, pipeline->vk_layout, NULL));
    if (pipeline->vk_set_layout)
        VK_CALL(vkDestroyDescriptorSetLayout(device->vk_device, pipeline->vk_set_layout, NULL));
    memset(pipeline, 0, sizeof(*pipeline));
}

void vkdva_cmd_dispatch(struct d3d11_device *device, VkCommandBuffer vk_cmd,
        const struct vkdva_compute_pipeline *pipeline, const struct vkdva_compute_binding *bindings,
        const void *push_constants, uint32_t group_count_x, uint32_t group_count_y, uint32_t group_count_z)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkWriteDescriptorSet writes[VKDVA_COMPUTE_MAX_BINDINGS];
    unsigned int i;

    for (i = 0; i < pipeline->binding_count; ++i)
    {
        bool is_buffer = pipeline->binding_types[i] == VK_DESCRIPTOR_TYPE_STORAGE_BUFFER
                || pipeline->binding_types[i] == VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;

        writes[i] = (VkWriteDescriptorSet)
        {
            .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
            .dstBinding = i,
            .descriptorCount = 1,
            .descriptorType = pipeline->binding_types[i],
            .pBufferInfo = is_buffer ? &bindings[i].buffer : NULL,
            .pImageInfo = is_buffer ? NULL : &bindings[i].image,
        };
    }

    VK_CALL(vkCmdBindPipeline(vk_cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline->vk_pipeline));
    if (pipeline->binding_count)
        VK_CALL(vkCmdPushDescriptorSetKHR(vk_cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline->vk_layout, 0,
                pipeline->binding_count, writes));
    if (pipeline->push_constant_size)
        VK_CALL(vkCmdPushConstants(vk_cmd, pipeline->vk_layout, VK_SHADER_STAGE_COMPUTE_BIT, 0,
                pipeline->push_constant_size, push_constants));
    if (group_count_x && group_count_y && group_count_z)
        VK_CALL(vkCmdDispatch(vk_cmd, group_count_x, group_count_y, group_count_z));
}
