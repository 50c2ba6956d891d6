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

/* Fault injection into Vulkan (meson option fault-injection; see libs/vkdva-common/fault.c):
 * every entry point that creates or allocates something is wrapped so that the call a test
 * picks fails with an out-of-memory error, and queue submissions can report device loss. The
 * real entry points are the driver's, the same for every device of a process. */

#include "vkdva_private.h"

#ifdef VKDVA_FAULT_INJECTION

#define FAULT_SHIM(name, params, args) \
    static PFN_##name real_##name; \
    static VkResult VKAPI_PTR fault_##name params \
    { \
        if (vkdva_fault_inject(#name)) \
            return VK_ERROR_OUT_OF_DEVICE_MEMORY; \
        return real_##name args; \
    }

FAULT_SHIM(vkCreateDevice, (VkPhysicalDevice p, const VkDeviceCreateInfo *i, const VkAllocationCallbacks *a,
        VkDevice *o), (p, i, a, o))
FAULT_SHIM(vkAllocateCommandBuffers, (VkDevice d, const VkCommandBufferAllocateInfo *i, VkCommandBuffer *o),
        (d, i, o))
FAULT_SHIM(vkAllocateMemory, (VkDevice d, const VkMemoryAllocateInfo *i, const VkAllocationCallbacks *a,
        VkDeviceMemory *o), (d, i, a, o))
FAULT_SHIM(vkBeginCommandBuffer, (VkCommandBuffer c, const VkCommandBufferBeginInfo *i), (c, i))
FAULT_SHIM(vkBindBufferMemory, (VkDevice d, VkBuffer b, VkDeviceMemory m, VkDeviceSize o), (d, b, m, o))
FAULT_SHIM(vkBindImageMemory, (VkDevice d, VkImage b, VkDeviceMemory m, VkDeviceSize o), (d, b, m, o))
FAULT_SHIM(vkCreateBuffer, (VkDevice d, const VkBufferCreateInfo *i, const VkAllocationCallbacks *a,
        VkBuffer *o), (d, i, a, o))
FAULT_SHIM(vkCreateBufferView, (VkDevice d, const VkBufferViewCreateInfo *i, const VkAllocationCallbacks *a,
        VkBufferView *o), (d, i, a, o))
FAULT_SHIM(vkCreateCommandPool, (VkDevice d, const VkCommandPoolCreateInfo *i, const VkAllocationCallbacks *a,
        VkCommandPool *o), (d, i, a, o))
FAULT_SHIM(vkCreateComputePipelines, (VkDevice d, VkPipelineCache c, uint32_t n,
        const VkComputePipelineCreateInfo *i, const VkAllocationCallbacks *a, VkPipeline *o), (d, c, n, i, a, o))
FAULT_SHIM(vkCreateDescriptorSetLayout, (VkDevice d, const VkDescriptorSetLayoutCreateInfo *i,
        const VkAllocationCallbacks *a, VkDescriptorSetLayout *o), (d, i, a, o))
FAULT_SHIM(vkCreateFence, (VkDevice d, const VkFenceCreateInfo *i, const VkAllocationCallbacks *a,
        VkFence *o), (d, i, a, o))
FAULT_SHIM(vkCreateImage, (VkDevice d, const VkImageCreateInfo *i, const VkAllocationCallbacks *a,
        VkImage *o), (d, i, a, o))
FAULT_SHIM(vkCreateImageView, (VkDevice d, const VkImageViewCreateInfo *i, const VkAllocationCallbacks *a,
        VkImageView *o), (d, i, a, o))
FAULT_SHIM(vkCreatePipelineLayout, (VkDevice d, const VkPipelineLayoutCreateInfo *i,
        const VkAllocationCallbacks *a, VkPipelineLayout *o), (d, i, a, o))
FAULT_SHIM(vkCreateQueryPool, (VkDevice d, const VkQueryPoolCreateInfo *i, const VkAllocationCallbacks *a,
        VkQueryPool *o), (d, i, a, o))
FAULT_SHIM(vkCreateSampler, (VkDevice d, const VkSamplerCreateInfo *i, const VkAllocationCallbacks *a,
        VkSampler *o), (d, i, a, o))
FAULT_SHIM(vkCreateSemaphore, (VkDevice d, const VkSemaphoreCreateInfo *i, const VkAllocationCallbacks *a,
        VkSemaphore *o), (d, i, a, o))
FAULT_SHIM(vkCreateShaderModule, (VkDevice d, const VkShaderModuleCreateInfo *i, const VkAllocationCallbacks *a,
        VkShaderModule *o), (d, i, a, o))
FAULT_SHIM(vkMapMemory, (VkDevice d, VkDeviceMemory m, VkDeviceSize o, VkDeviceSize s, VkMemoryMapFlags f,
        void **p), (d, m, o, s, f, p))
FAULT_SHIM(vkBindVideoSessionMemoryKHR, (VkDevice d, VkVideoSessionKHR v, uint32_t n,
        const VkBindVideoSessionMemoryInfoKHR *i), (d, v, n, i))
FAULT_SHIM(vkCreateVideoSessionKHR, (VkDevice d, const VkVideoSessionCreateInfoKHR *i,
        const VkAllocationCallbacks *a, VkVideoSessionKHR *o), (d, i, a, o))
FAULT_SHIM(vkCreateVideoSessionParametersKHR, (VkDevice d, const VkVideoSessionParametersCreateInfoKHR *i,
        const VkAllocationCallbacks *a, VkVideoSessionParametersKHR *o), (d, i, a, o))

static PFN_vkQueueSubmit2 real_vkQueueSubmit2;
static VkResult VKAPI_PTR fault_vkQueueSubmit2(VkQueue q, uint32_t n, const VkSubmitInfo2 *s, VkFence f)
{
    if (vkdva_fault_inject_device_lost("vkQueueSubmit2"))
        return VK_ERROR_DEVICE_LOST;
    return real_vkQueueSubmit2(q, n, s, f);
}

#define FAULT_WRAP(name) \
    if (vk_procs->name && vk_procs->name != fault_##name) \
    { \
        real_##name = vk_procs->name; \
        vk_procs->name = fault_##name; \
    }

void vkdva_fault_wrap_procs(struct vkdva_vk_procs *vk_procs)
{
    FAULT_WRAP(vkCreateDevice)
    FAULT_WRAP(vkAllocateCommandBuffers)
    FAULT_WRAP(vkAllocateMemory)
    FAULT_WRAP(vkBeginCommandBuffer)
    FAULT_WRAP(vkBindBufferMemory)
    FAULT_WRAP(vkBindImageMemory)
    FAULT_WRAP(vkCreateBuffer)
    FAULT_WRAP(vkCreateBufferView)
    FAULT_WRAP(vkCreateCommandPool)
    FAULT_WRAP(vkCreateComputePipelines)
    FAULT_WRAP(vkCreateDescriptorSetLayout)
    FAULT_WRAP(vkCreateFence)
    FAULT_WRAP(vkCreateImage)
    FAULT_WRAP(vkCreateImageView)
    FAULT_WRAP(vkCreatePipelineLayout)
    FAULT_WRAP(vkCreateQueryPool)
    FAULT_WRAP(vkCreateSampler)
    FAULT_WRAP(vkCreateSemaphore)
    FAULT_WRAP(vkCreateShaderModule)
    FAULT_WRAP(vkMapMemory)
    FAULT_WRAP(vkBindVideoSessionMemoryKHR)
    FAULT_WRAP(vkCreateVideoSessionKHR)
    FAULT_WRAP(vkCreateVideoSessionParametersKHR)
    FAULT_WRAP(vkQueueSubmit2)
}

#endif /* VKDVA_FAULT_INJECTION */
