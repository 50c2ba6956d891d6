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

static const struct ID3D11DeviceVtbl d3d11_device_vtbl;

struct d3d11_device *unsafe_impl_from_ID3D11Device(ID3D11Device *iface)
{
    if (!iface || iface->lpVtbl != &d3d11_device_vtbl)
        return NULL;
    return impl_from_ID3D11Device(iface);
}

void vkdva_device_lock(struct d3d11_device *device)
{
    pthread_mutex_lock(&device->mutex);
}

void vkdva_device_unlock(struct d3d11_device *device)
{
    pthread_mutex_unlock(&device->mutex);
}

void vkdva_device_mark_lost(struct d3d11_device *device, VkResult vr)
{
    if (vr != VK_ERROR_DEVICE_LOST)
        return;
    /* The first cause stays GetDeviceRemovedReason's (a hung GPU may be reset and lost later). */
    if (SUCCEEDED(device->removed_reason))
    {
        ERR("The Vulkan device was lost.\n");
        device->removed_reason = DXGI_ERROR_DEVICE_REMOVED;
    }
}

/* Calls that need the GPU fail on a removed device with DXGI_ERROR_DEVICE_REMOVED;
 * GetDeviceRemovedReason says why (the device lost, or DXGI_ERROR_DEVICE_HUNG from the GPU
 * watchdog, command.c). */
HRESULT vkdva_device_check_removed(struct d3d11_device *device)
{
    if (SUCCEEDED(device->removed_reason))
        return S_OK;
    WARN("The device was removed.\n");
    return DXGI_ERROR_DEVICE_REMOVED;
}

/* The decode queue with the fewest decoders, for a new decoder: decoders on different queues
 * run in parallel where the driver maps queues to separate engines. */
struct vkdva_queue *vkdva_device_acquire_decode_queue(struct d3d11_device *device)
{
    struct vkdva_queue *best = &device->decode_queues[0];
    unsigned int i;

    vkdva_device_lock(device);
    for (i = 1; i < device->decode_queue_count; ++i)
    {
        if (device->decode_queues[i].user_count < best->user_count)
            best = &device->decode_queues[i];
    }
    ++best->user_count;
    vkdva_device_unlock(device);
    return best;
}

void vkdva_device_release_decode_queue(struct d3d11_device *device, struct vkdva_queue *queue)
{
    vkdva_device_lock(device);
    --queue->user_count;
    vkdva_device_unlock(device);
}

int vkdva_device_find_memory_type(struct d3d11_device *device, uint32_t type_bits,
        VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred)
{
    const VkPhysicalDeviceMemoryProperties *props = &device->caps.memory_properties;
    uint32_t i;

    for (i = 0; i < props->memoryTypeCount; ++i)
    {
        VkMemoryPropertyFlags flags = props->memoryTypes[i].propertyFlags;

        if ((type_bits & (1u << i)) && (flags & (required | preferred)) == (required | preferred)
                && !(flags & VK_MEMORY_PROPERTY_PROTECTED_BIT))
            return i;
    }
    if (!preferred)
        return -1;
    return vkdva_device_find_memory_type(device, type_bits, required, 0);
}

/* A buffer as buffer_info describes it (a video profile list or the queue families it is
 * shared by in its chain), bound to memory of the first type with the required and, where one
 * has them, the preferred properties, and mapped if mapped is not NULL. */
HRESULT vkdva_device_create_buffer_from_info(struct d3d11_device *device, const VkBufferCreateInfo *buffer_info,
        VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred, VkBuffer *vk_buffer,
        VkDeviceMemory *vk_memory, void **mapped)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkMemoryRequirements requirements;
    VkResult vr;
    int type;

    VkMemoryAllocateInfo alloc_info =
    {
        .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
    };

    *vk_buffer = VK_NULL_HANDLE;
    *vk_memory = VK_NULL_HANDLE;
    if ((vr = VK_CALL(vkCreateBuffer(device->vk_device, buffer_info, NULL, vk_buffer))) < 0)
        return hresult_from_vk_result(vr);
    VK_CALL(vkGetBufferMemoryRequirements(device->vk_device, *vk_buffer, &requirements));
    if ((type = vkdva_device_find_memory_type(device, requirements.memoryTypeBits, required, preferred)) < 0)
    {
        ERR("No memory type with properties %#x for buffer usage %#x.\n", required, buffer_info->usage);
        VK_CALL(vkDestroyBuffer(device->vk_device, *vk_buffer, NULL));
        *vk_buffer = VK_NULL_HANDLE;
        return E_FAIL;
    }
    alloc_info.allocationSize = requirements.size;
    alloc_info.memoryTypeIndex = type;
    if ((vr = VK_CALL(vkAllocateMemory(device->vk_device, &alloc_info, NULL, vk_memory))) < 0)
        goto fail;
    if ((vr = VK_CALL(vkBindBufferMemory(device->vk_device, *vk_buffer, *vk_memory, 0))) < 0)
        goto fail;
    if (mapped && (vr = VK_CALL(vkMapMemory(device->vk_device, *vk_memory, 0, VK_WHOLE_SIZE, 0, mapped))) < 0)
        goto fail;
    return S_OK;

fail:
    vkdva_device_destroy_buffer(device, *vk_buffer, *vk_memory);
    *vk_buffer = VK_NULL_HANDLE;
    *vk_memory = VK_NULL_HANDLE;
    return hresult_from_vk_result(vr);
}

HRESULT vkdva_device_create_buffer(struct d3d11_device *device, VkDeviceSize size, VkBufferUsageFlags usage,
        VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred, VkBuffer *vk_buffer,
        VkDeviceMemory *vk_memory, void **mapped)
{
    VkBufferCreateInfo buffer_info =
    {
        .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
        .size = size,
        .usage = usage,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
    };

    return vkdva_device_create_buffer_from_info(device, &buffer_info, required, preferred, vk_buffer, vk_memory,
            mapped);
}

void vkdva_device_destroy_buffer(struct d3d11_device *device, VkBuffer vk_buffer, VkDeviceMemory vk_memory)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;

    if (vk_buffer)
        VK_CALL(vkDestroyBuffer(device->vk_device, vk_buffer, NULL));
    if (vk_memory)
        VK_CALL(vkFreeMemory(device->vk_device, vk_memory, NULL));
}

/* What each format can do on this device: D3D11_FORMAT_SUPPORT bits for the features vkdva
 * implements, nothing it does not. */
bool vkdva_device_has_format(struct d3d11_device *device, DXGI_FORMAT dxgi_format)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    const VkFormatFeatureFlags required = VK_FORMAT_FEATURE_TRANSFER_SRC_BIT | VK_FORMAT_FEATURE_TRANSFER_DST_BIT;
    const struct vkdva_format *format;
    VkFormatProperties props;

    if (!(format = vkdva_get_format(dxgi_format)))
        return false;
    VK_CALL(vkGetPhysicalDeviceFormatProperties(device->vk_physical_device, format->vk_format, &props));
    return (props.optimalTilingFeatures & required) == required;
}

UINT vkdva_device_get_format_support(struct d3d11_device *device, DXGI_FORMAT dxgi_format)
{
    const struct vkdva_format *format;
    UINT support;

    if (!vkdva_device_has_format(device, dxgi_format))
        return 0;
    format = vkdva_get_format(dxgi_format);

    support = D3D11_FORMAT_SUPPORT_TEXTURE2D | D3D11_FORMAT_SUPPORT_CPU_LOCKABLE;
    if (!format->is_video)
        support |= D3D11_FORMAT_SUPPORT_MIP;
    support |= vkdva_video_format_support(device, format);
    return support;
}

/* ID3D11Device */

static HRESULT STDMETHODCALLTYPE d3d11_device_QueryInterface(ID3D11Device *iface, REFIID iid, void **out)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);

    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;

    if (IsEqualGUID(iid, &IID_ID3D11Device) || IsEqualGUID(iid, &IID_IUnknown))
    {
        *out = &device->ID3D11Device_iface;
    }
    else if (IsEqualGUID(iid, &IID_ID3D11VideoDevice2) || IsEqualGUID(iid, &IID_ID3D11VideoDevice1)
            || IsEqualGUID(iid, &IID_ID3D11VideoDevice))
    {
        *out = &device->ID3D11VideoDevice2_iface;
    }
    else if (IsEqualGUID(iid, &IID_ID3D11Multithread))
    {
        /* IID_ID3D10Multithread is the same GUID, with the same vtable. */
        *out = &device->ID3D11Multithread_iface;
    }
    else
    {
        WARN("%s not implemented, returning E_NOINTERFACE.\n", debugstr_guid(iid));
        *out = NULL;
        return E_NOINTERFACE;
    }

    IUnknown_AddRef((IUnknown *)*out);
    return S_OK;
}

static ULONG STDMETHODCALLTYPE d3d11_device_AddRef(ID3D11Device *iface)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);
    unsigned int refcount = vkdva_atomic_increment_u32(&device->refcount);

    TRACE("%p increasing refcount to %u.\n", device, refcount);
    return refcount;
}

static void d3d11_device_destroy(struct d3d11_device *device)
{
    d3d11_immediate_context_destroy(&device->immediate_context);
    vkdva_protect_device_cleanup(device);
    vkdva_aes_device_cleanup(device);
    vkdva_vp_device_cleanup(device);
    vkdva_crypto_device_cleanup(device);
    vkdva_vulkan_cleanup(device);
    vkdva_private_store_destroy(&device->private_store);
    pthread_mutex_destroy(&device->mutex);
    vkdva_free(device);
}

static ULONG STDMETHODCALLTYPE d3d11_device_Release(ID3D11Device *iface)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);
    unsigned int refcount = vkdva_atomic_decrement_u32(&device->refcount);

    TRACE("%p decreasing refcount to %u.\n", device, refcount);
    if (!refcount)
        d3d11_device_destroy(device);
    return refcount;
}

#define VKDVA_DEVICE_UNIMPLEMENTED(what, out) \
    do { \
        FIXME("%s is not implemented: vkdva implements the D3D11 video API, not rendering.\n", what); \
        if (out) \
            *(out) = NULL; \
        return E_NOTIMPL; \
    } while (0)

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateBuffer(ID3D11Device *iface, const D3D11_BUFFER_DESC *desc,
        const D3D11_SUBRESOURCE_DATA *data, ID3D11Buffer **buffer)
{
    TRACE("iface %p, desc %p, data %p, buffer %p.\n", iface, desc, data, buffer);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateBuffer", buffer);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateTexture1D(ID3D11Device *iface,
        const D3D11_TEXTURE1D_DESC *desc, const D3D11_SUBRESOURCE_DATA *data, ID3D11Texture1D **texture)
{
    TRACE("iface %p, desc %p, data %p, texture %p.\n", iface, desc, data, texture);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateTexture1D", texture);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateTexture2D(ID3D11Device *iface,
        const D3D11_TEXTURE2D_DESC *desc, const D3D11_SUBRESOURCE_DATA *data, ID3D11Texture2D **texture)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);
    struct d3d11_texture2d *object;
    HRESULT hr;

    TRACE("iface %p, desc %p, data %p, texture %p.\n", iface, desc, data, texture);

    if (!desc)
    {
        WARN("NULL desc.\n");
        return E_INVALIDARG;
    }
    TRACE("%ux%u, %u levels, %u layers, format %s, usage %#x, bind %#x, cpu %#x, misc %#x.\n",
            desc->Width, desc->Height, desc->MipLevels, desc->ArraySize, debug_dxgi_format(desc->Format),
            desc->Usage, desc->BindFlags, desc->CPUAccessFlags, desc->MiscFlags);

    if (!texture)
    {
        /* As on Windows: a NULL out-pointer validates the arguments only. */
        D3D11_TEXTURE2D_DESC d = *desc;
        const struct vkdva_format *format;

        return FAILED(hr = d3d11_texture2d_check_desc(device, &d, data, &format)) ? hr : S_FALSE;
    }
    *texture = NULL;
    /* A removed device creates nothing (GetDeviceRemovedReason says why). */
    if (FAILED(hr = vkdva_device_check_removed(device)))
        return hr;
    if (FAILED(hr = d3d11_texture2d_create(device, desc, data, &object)))
        return hr;
    *texture = &object->ID3D11Texture2D_iface;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateTexture3D(ID3D11Device *iface,
        const D3D11_TEXTURE3D_DESC *desc, const D3D11_SUBRESOURCE_DATA *data, ID3D11Texture3D **texture)
{
    TRACE("iface %p, desc %p, data %p, texture %p.\n", iface, desc, data, texture);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateTexture3D", texture);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateShaderResourceView(ID3D11Device *iface,
        ID3D11Resource *resource, const D3D11_SHADER_RESOURCE_VIEW_DESC *desc, ID3D11ShaderResourceView **view)
{
    TRACE("iface %p, resource %p, desc %p, view %p.\n", iface, resource, desc, view);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateShaderResourceView", view);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateUnorderedAccessView(ID3D11Device *iface,
        ID3D11Resource *resource, const D3D11_UNORDERED_ACCESS_VIEW_DESC *desc, ID3D11UnorderedAccessView **view)
{
    TRACE("iface %p, resource %p, desc %p, view %p.\n", iface, resource, desc, view);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateUnorderedAccessView", view);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateRenderTargetView(ID3D11Device *iface,
        ID3D11Resource *resource, const D3D11_RENDER_TARGET_VIEW_DESC *desc, ID3D11RenderTargetView **view)
{
    TRACE("iface %p, resource %p, desc %p, view %p.\n", iface, resource, desc, view);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateRenderTargetView", view);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateDepthStencilView(ID3D11Device *iface,
        ID3D11Resource *resource, const D3D11_DEPTH_STENCIL_VIEW_DESC *desc, ID3D11DepthStencilView **view)
{
    TRACE("iface %p, resource %p, desc %p, view %p.\n", iface, resource, desc, view);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateDepthStencilView", view);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateInputLayout(ID3D11Device *iface,
        const D3D11_INPUT_ELEMENT_DESC *element_descs, UINT element_count, const void *shader_byte_code,
        SIZE_T shader_byte_code_length, ID3D11InputLayout **input_layout)
{
    TRACE("iface %p, element_descs %p, element_count %u, shader_byte_code %p, shader_byte_code_length %lu, "
            "input_layout %p.\n", iface, element_descs, element_count, shader_byte_code,
            (unsigned long)shader_byte_code_length, input_layout);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateInputLayout", input_layout);
}

#define VKDVA_DEVICE_SHADER_STUB(stage) \
static HRESULT STDMETHODCALLTYPE d3d11_device_Create##stage##Shader(ID3D11Device *iface, const void *byte_code, \
        SIZE_T byte_code_length, ID3D11ClassLinkage *class_linkage, ID3D11##stage##Shader **shader) \
{ \
    TRACE("iface %p, byte_code %p, byte_code_length %lu, class_linkage %p, shader %p.\n", \
            iface, byte_code, (unsigned long)byte_code_length, class_linkage, shader); \
\
    VKDVA_DEVICE_UNIMPLEMENTED("Create" #stage "Shader", shader); \
}

VKDVA_DEVICE_SHADER_STUB(Vertex)
VKDVA_DEVICE_SHADER_STUB(Geometry)
VKDVA_DEVICE_SHADER_STUB(Pixel)
VKDVA_DEVICE_SHADER_STUB(Hull)
VKDVA_DEVICE_SHADER_STUB(Domain)
VKDVA_DEVICE_SHADER_STUB(Compute)

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateGeometryShaderWithStreamOutput(ID3D11Device *iface,
        const void *byte_code, SIZE_T byte_code_length, const D3D11_SO_DECLARATION_ENTRY *so_entries,
        UINT entry_count, const UINT *buffer_strides, UINT strides_count, UINT rasterized_stream,
        ID3D11ClassLinkage *class_linkage, ID3D11GeometryShader **shader)
{
    TRACE("iface %p, byte_code %p, byte_code_length %lu, so_entries %p, entry_count %u, "
            "buffer_strides %p, strides_count %u, rasterized_stream %u, class_linkage %p, shader %p.\n",
            iface, byte_code, (unsigned long)byte_code_length, so_entries, entry_count,
            buffer_strides, strides_count, rasterized_stream, class_linkage, shader);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateGeometryShaderWithStreamOutput", shader);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateClassLinkage(ID3D11Device *iface,
        ID3D11ClassLinkage **class_linkage)
{
    TRACE("iface %p, class_linkage %p.\n", iface, class_linkage);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateClassLinkage", class_linkage);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateBlendState(ID3D11Device *iface,
        const D3D11_BLEND_DESC *desc, ID3D11BlendState **blend_state)
{
    TRACE("iface %p, desc %p, blend_state %p.\n", iface, desc, blend_state);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateBlendState", blend_state);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateDepthStencilState(ID3D11Device *iface,
        const D3D11_DEPTH_STENCIL_DESC *desc, ID3D11DepthStencilState **depth_stencil_state)
{
    TRACE("iface %p, desc %p, depth_stencil_state %p.\n", iface, desc, depth_stencil_state);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateDepthStencilState", depth_stencil_state);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateRasterizerState(ID3D11Device *iface,
        const D3D11_RASTERIZER_DESC *desc, ID3D11RasterizerState **rasterizer_state)
{
    TRACE("iface %p, desc %p, rasterizer_state %p.\n", iface, desc, rasterizer_state);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateRasterizerState", rasterizer_state);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateSamplerState(ID3D11Device *iface,
        const D3D11_SAMPLER_DESC *desc, ID3D11SamplerState **sampler_state)
{
    TRACE("iface %p, desc %p, sampler_state %p.\n", iface, desc, sampler_state);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateSamplerState", sampler_state);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateQuery(ID3D11Device *iface,
        const D3D11_QUERY_DESC *desc, ID3D11Query **query)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);
    struct d3d11_query *object;
    HRESULT hr;

    TRACE("iface %p, desc %p, query %p.\n", iface, desc, query);

    if (!desc)
    {
        WARN("NULL desc.\n");
        return E_INVALIDARG;
    }
    if (!query)
        return d3d11_query_check_desc(desc) == S_OK ? S_FALSE : d3d11_query_check_desc(desc);
    *query = NULL;
    if (FAILED(hr = d3d11_query_create(device, desc, &object)))
        return hr;
    *query = &object->ID3D11Query_iface;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreatePredicate(ID3D11Device *iface,
        const D3D11_QUERY_DESC *desc, ID3D11Predicate **predicate)
{
    TRACE("iface %p, desc %p, predicate %p.\n", iface, desc, predicate);

    VKDVA_DEVICE_UNIMPLEMENTED("CreatePredicate", predicate);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateCounter(ID3D11Device *iface,
        const D3D11_COUNTER_DESC *desc, ID3D11Counter **counter)
{
    TRACE("iface %p, desc %p, counter %p.\n", iface, desc, counter);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateCounter", counter);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CreateDeferredContext(ID3D11Device *iface, UINT flags,
        ID3D11DeviceContext **context)
{
    TRACE("iface %p, flags %#x, context %p.\n", iface, flags, context);

    VKDVA_DEVICE_UNIMPLEMENTED("CreateDeferredContext", context);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_OpenSharedResource(ID3D11Device *iface, HANDLE resource,
        REFIID iid, void **out)
{
    TRACE("iface %p, resource %p, iid %s, out %p.\n", iface, resource, debugstr_guid(iid), out);

    VKDVA_DEVICE_UNIMPLEMENTED("OpenSharedResource", out);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CheckFormatSupport(ID3D11Device *iface, DXGI_FORMAT format,
        UINT *format_support)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);

    TRACE("iface %p, format %s, format_support %p.\n", iface, debug_dxgi_format(format), format_support);

    if (!format_support)
    {
        WARN("NULL format_support.\n");
        return E_INVALIDARG;
    }
    if (!(*format_support = vkdva_device_get_format_support(device, format)))
    {
        WARN("Format %s is not supported.\n", debug_dxgi_format(format));
        return E_FAIL;
    }
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CheckMultisampleQualityLevels(ID3D11Device *iface,
        DXGI_FORMAT format, UINT sample_count, UINT *quality_level_count)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);

    TRACE("iface %p, format %s, sample_count %u, quality_level_count %p.\n",
            iface, debug_dxgi_format(format), sample_count, quality_level_count);

    if (!quality_level_count)
        return E_INVALIDARG;
    *quality_level_count = 0;
    if (!sample_count || sample_count > 32)
        return E_FAIL;
    /* Only single-sampled textures exist here. */
    if (sample_count == 1 && vkdva_device_get_format_support(device, format))
        *quality_level_count = 1;
    return S_OK;
}

static void STDMETHODCALLTYPE d3d11_device_CheckCounterInfo(ID3D11Device *iface, D3D11_COUNTER_INFO *info)
{
    TRACE("iface %p, info %p.\n", iface, info);

    /* No device-dependent counters. */
    memset(info, 0, sizeof(*info));
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CheckCounter(ID3D11Device *iface, const D3D11_COUNTER_DESC *desc,
        D3D11_COUNTER_TYPE *type, UINT *active_counter_count, char *name, UINT *name_length,
        char *units, UINT *units_length, char *description, UINT *description_length)
{
    TRACE("iface %p, desc %p, type %p, active_counter_count %p, name %p, name_length %p, "
            "units %p, units_length %p, description %p, description_length %p.\n",
            iface, desc, type, active_counter_count, name, name_length,
            units, units_length, description, description_length);

    WARN("No counters are supported.\n");
    return E_INVALIDARG;
}

static HRESULT STDMETHODCALLTYPE d3d11_device_CheckFeatureSupport(ID3D11Device *iface, D3D11_FEATURE feature,
        void *feature_support_data, UINT feature_support_data_size)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);

    TRACE("iface %p, feature %#x, feature_support_data %p, feature_support_data_size %u.\n",
            iface, feature, feature_support_data, feature_support_data_size);

    if (!feature_support_data)
        return E_INVALIDARG;

    switch (feature)
    {
        case D3D11_FEATURE_THREADING:
        {
            D3D11_FEATURE_DATA_THREADING *data = feature_support_data;

            if (feature_support_data_size != sizeof(*data))
                break;
            data->DriverConcurrentCreates = TRUE;
            data->DriverCommandLists = FALSE;
            return S_OK;
        }

        case D3D11_FEATURE_DOUBLES:
        {
            D3D11_FEATURE_DATA_DOUBLES *data = feature_support_data;

            if (feature_support_data_size != sizeof(*data))
                break;
            data->DoublePrecisionFloatShaderOps = FALSE;
            return S_OK;
        }

        case D3D11_FEATURE_FORMAT_SUPPORT:
        {
            D3D11_FEATURE_DATA_FORMAT_SUPPORT *data = feature_support_data;

            if (feature_support_data_size != sizeof(*data))
                break;
            if (!(data->OutFormatSupport = vkdva_device_get_format_support(device, data->InFormat)))
                return E_FAIL;
            return S_OK;
        }

        case D3D11_FEATURE_FORMAT_SUPPORT2:
        {
            D3D11_FEATURE_DATA_FORMAT_SUPPORT2 *data = feature_support_data;

            if (feature_support_data_size != sizeof(*data))
                break;
            if (!vkdva_device_get_format_support(device, data->InFormat))
                return E_FAIL;
            data->OutFormatSupport2 = 0;
            return S_OK;
        }

        case D3D11_FEATURE_D3D10_X_HARDWARE_OPTIONS:
        {
            D3D11_FEATURE_DATA_D3D10_X_HARDWARE_OPTIONS *data = feature_support_data;

            if (feature_support_data_size != sizeof(*data))
                break;
            data->ComputeShaders_Plus_RawAndStructuredBuffers_Via_Shader_4_x = FALSE;
            return S_OK;
        }

        case D3D11_FEATURE_D3D11_OPTIONS:
        {
            D3D11_FEATURE_DATA_D3D11_OPTIONS *data = feature_support_data;

            if (feature_support_data_size != sizeof(*data))
                break;
            /* None of the optional rendering features; the video API needs none of them. */
            memset(data, 0, sizeof(*data));
            return S_OK;
        }

        default:
            FIXME("Unhandled feature %#x.\n", feature);
            return E_INVALIDARG;
    }

    WARN("Invalid size %u for feature %#x.\n", feature_support_data_size, feature);
    return E_INVALIDARG;
}

static HRESULT STDMETHODCALLTYPE d3d11_device_GetPrivateData(ID3D11Device *iface, REFGUID guid,
        UINT *data_size, void *data)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&device->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_SetPrivateData(ID3D11Device *iface, REFGUID guid,
        UINT data_size, const void *data)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&device->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_SetPrivateDataInterface(ID3D11Device *iface, REFGUID guid,
        const IUnknown *data)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&device->private_store, guid, data);
}

static D3D_FEATURE_LEVEL STDMETHODCALLTYPE d3d11_device_GetFeatureLevel(ID3D11Device *iface)
{
    TRACE("iface %p.\n", iface);

    return D3D_FEATURE_LEVEL_11_1;
}

static UINT STDMETHODCALLTYPE d3d11_device_GetCreationFlags(ID3D11Device *iface)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);

    TRACE("iface %p.\n", iface);

    return device->create_flags;
}

static HRESULT STDMETHODCALLTYPE d3d11_device_GetDeviceRemovedReason(ID3D11Device *iface)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);

    TRACE("iface %p.\n", iface);

    return device->removed_reason;
}

static void STDMETHODCALLTYPE d3d11_device_GetImmediateContext(ID3D11Device *iface,
        ID3D11DeviceContext **context)
{
    struct d3d11_device *device = impl_from_ID3D11Device(iface);

    TRACE("iface %p, context %p.\n", iface, context);

    *context = &device->immediate_context.ID3D11DeviceContext_iface;
    ID3D11DeviceContext_AddRef(*context);
}

static HRESULT STDMETHODCALLTYPE d3d11_device_SetExceptionMode(ID3D11Device *iface, UINT flags)
{
    TRACE("iface %p, flags %#x.\n", iface, flags);

    if (flags & ~D3D11_RAISE_FLAG_DRIVER_INTERNAL_ERROR)
        return E_INVALIDARG;
    if (flags)
    {
        FIXME("Raising exceptions is not supported.\n");
        return E_NOTIMPL;
    }
    return S_OK;
}

static UINT STDMETHODCALLTYPE d3d11_device_GetExceptionMode(ID3D11Device *iface)
{
    TRACE("iface %p.\n", iface);

    return 0;
}

static const struct ID3D11DeviceVtbl d3d11_device_vtbl =
{
    /* IUnknown methods */
    d3d11_device_QueryInterface,
    d3d11_device_AddRef,
    d3d11_device_Release,
    /* ID3D11Device methods */
    d3d11_device_CreateBuffer,
    d3d11_device_CreateTexture1D,
    d3d11_device_CreateTexture2D,
    d3d11_device_CreateTexture3D,
    d3d11_device_CreateShaderResourceView,
    d3d11_device_CreateUnorderedAccessView,
    d3d11_device_CreateRenderTargetView,
    d3d11_device_CreateDepthStencilView,
    d3d11_device_CreateInputLayout,
    d3d11_device_CreateVertexShader,
    d3d11_device_CreateGeometryShader,
    d3d11_device_CreateGeometryShaderWithStreamOutput,
    d3d11_device_CreatePixelShader,
    d3d11_device_CreateHullShader,
    d3d11_device_CreateDomainShader,
    d3d11_device_CreateComputeShader,
    d3d11_device_CreateClassLinkage,
    d3d11_device_CreateBlendState,
    d3d11_device_CreateDepthStencilState,
    d3d11_device_CreateRasterizerState,
    d3d11_device_CreateSamplerState,
    d3d11_device_CreateQuery,
    d3d11_device_CreatePredicate,
    d3d11_device_CreateCounter,
    d3d11_device_CreateDeferredContext,
    d3d11_device_OpenSharedResource,
    d3d11_device_CheckFormatSupport,
    d3d11_device_CheckMultisampleQualityLevels,
    d3d11_device_CheckCounterInfo,
    d3d11_device_CheckCounter,
    d3d11_device_CheckFeatureSupport,
    d3d11_device_GetPrivateData,
    d3d11_device_SetPrivateData,
    d3d11_device_SetPrivateDataInterface,
    d3d11_device_GetFeatureLevel,
    d3d11_device_GetCreationFlags,
    d3d11_device_GetDeviceRemovedReason,
    d3d11_device_GetImmediateContext,
    d3d11_device_SetExceptionMode,
    d3d11_device_GetExceptionMode,
};

/* ID3D11Multithread (and ID3D10Multithread, the same IID and layout): one recursive lock
 * guards the device. */

static BOOL vkdva_device_set_multithread_protected(struct d3d11_device *device, BOOL enable)
{
    return __atomic_exchange_n(&device->multithread_protected, !!enable, __ATOMIC_SEQ_CST);
}

#define VKDVA_MULTITHREAD_IMPL(name, type, member, object) \
static inline struct d3d11_device *impl_from_##type(type *iface) \
{ \
    return CONTAINING_RECORD(iface, struct d3d11_device, member); \
} \
\
static HRESULT STDMETHODCALLTYPE name##_QueryInterface(type *iface, REFIID iid, void **out) \
{ \
    struct d3d11_device *device = impl_from_##type(iface); \
\
    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out); \
\
    return ID3D11Device_QueryInterface(&device->ID3D11Device_iface, iid, out); \
} \
\
static ULONG STDMETHODCALLTYPE name##_AddRef(type *iface) \
{ \
    struct d3d11_device *device = impl_from_##type(iface); \
\
    TRACE("iface %p.\n", iface); \
\
    return ID3D11Device_AddRef(&device->ID3D11Device_iface); \
} \
\
static ULONG STDMETHODCALLTYPE name##_Release(type *iface) \
{ \
    struct d3d11_device *device = impl_from_##type(iface); \
\
    TRACE("iface %p.\n", iface); \
\
    return ID3D11Device_Release(&device->ID3D11Device_iface); \
} \
\
static void STDMETHODCALLTYPE name##_Enter(type *iface) \
{ \
    TRACE("iface %p.\n", iface); \
\
    vkdva_device_lock(impl_from_##type(iface)); \
} \
\
static void STDMETHODCALLTYPE name##_Leave(type *iface) \
{ \
    TRACE("iface %p.\n", iface); \
\
    vkdva_device_unlock(impl_from_##type(iface)); \
} \
\
static BOOL STDMETHODCALLTYPE name##_SetMultithreadProtected(type *iface, BOOL enable) \
{ \
    TRACE("iface %p, enable %#x.\n", iface, enable); \
\
    return vkdva_device_set_multithread_protected(impl_from_##type(iface), enable); \
} \
\
static BOOL STDMETHODCALLTYPE name##_GetMultithreadProtected(type *iface) \
{ \
    TRACE("iface %p.\n", iface); \
\
    return impl_from_##type(iface)->multithread_protected; \
} \
\
static const struct type##Vtbl name##_vtbl = \
{ \
    name##_QueryInterface, \
    name##_AddRef, \
    name##_Release, \
    name##_Enter, \
    name##_Leave, \
    name##_SetMultithreadProtected, \
    name##_GetMultithreadProtected, \
};

VKDVA_MULTITHREAD_IMPL(d3d11_multithread, ID3D11Multithread, ID3D11Multithread_iface, device)

HRESULT d3d11_device_create(const struct vkdva_device_create_info *create_info, struct d3d11_device **out)
{
    struct d3d11_device *device;
    pthread_mutexattr_t attr;
    HRESULT hr;

    if (!(device = vkdva_calloc(1, sizeof(*device))))
        return E_OUTOFMEMORY;

    device->ID3D11Device_iface.lpVtbl = &d3d11_device_vtbl;
    device->ID3D11Multithread_iface.lpVtbl = &d3d11_multithread_vtbl;
    d3d11_video_device_init_vtbl(device);
    device->refcount = 1;
    vkdva_private_store_init(&device->private_store);
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&device->mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    device->removed_reason = S_OK;
    if (create_info)
    {
        const struct vkdva_decode_backend_info *backend_info = vkdva_find_struct(create_info->next,
                VKDVA_STRUCTURE_TYPE_DECODE_BACKEND_INFO);

        if (backend_info)
            device->decode_backend = backend_info->backend;
    }
    vkdva_list_init(&device->crypto_sessions);
    vkdva_list_init(&device->protected_textures);

    if (FAILED(hr = vkdva_vulkan_init(device, create_info)))
        goto out_cleanup_vulkan;
    if (FAILED(hr = d3d11_immediate_context_init(&device->immediate_context, device)))
        goto out_cleanup_vulkan;

    *out = device;
    return S_OK;

out_cleanup_vulkan:
    vkdva_vulkan_cleanup(device);
    vkdva_private_store_destroy(&device->private_store);
    pthread_mutex_destroy(&device->mutex);
    vkdva_free(device);
    return hr;
}
