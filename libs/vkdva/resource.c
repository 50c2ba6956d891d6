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

#define VKDVA_ALLOWED_BIND_FLAGS (D3D11_BIND_SHADER_RESOURCE | D3D11_BIND_RENDER_TARGET | D3D11_BIND_DECODER \
        | D3D11_BIND_VIDEO_ENCODER)

static const struct ID3D11Texture2DVtbl d3d11_texture2d_vtbl;

static inline struct d3d11_texture2d *impl_from_ID3D11Texture2D(ID3D11Texture2D *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_texture2d, ID3D11Texture2D_iface);
}

struct d3d11_texture2d *unsafe_impl_from_ID3D11Texture2D(ID3D11Texture2D *iface)
{
    if (!iface || iface->lpVtbl != &d3d11_texture2d_vtbl)
        return NULL;
    return impl_from_ID3D11Texture2D(iface);
}

struct d3d11_texture2d *unsafe_impl_from_ID3D11Resource(ID3D11Resource *iface)
{
    return unsafe_impl_from_ID3D11Texture2D((ID3D11Texture2D *)iface);
}

/* Row and depth pitch of one subresource in Map layout: rows aligned to 256 bytes, which
 * also suits buffer-image copies; a planar format's chroma rows follow its luma rows with
 * the same pitch, as on Windows. */
void vkdva_texture_layout_compute(const struct vkdva_format *format, UINT width, UINT height,
        UINT *row_pitch, UINT *depth_pitch)
{
    UINT row_bytes, rows, i;

    row_bytes = (width >> format->plane_shift_x[0]) * format->plane_element_sizes[0];
    if (format->format_class == VKDVA_FORMAT_CLASS_PACKED_422)
        row_bytes = ((width + 1) >> 1) * format->plane_element_sizes[0];
    *row_pitch = vkdva_align(row_bytes, VKDVA_ROW_PITCH_ALIGNMENT);
    rows = 0;
    for (i = 0; i < format->plane_count; ++i)
        rows += height >> format->plane_shift_y[i];
    *depth_pitch = *row_pitch * rows;
}

bool vkdva_texture_subresource_extent(const struct d3d11_texture2d *texture, UINT subresource,
        UINT *mip, UINT *layer, UINT *width, UINT *height)
{
    UINT levels = texture->desc.MipLevels;

    if (subresource >= levels * texture->desc.ArraySize)
        return false;
    *mip = subresource % levels;
    *layer = subresource / levels;
    *width = vkdva_max_u(1, texture->desc.Width >> *mip);
    *height = vkdva_max_u(1, texture->desc.Height >> *mip);
    return true;
}

static void d3d11_texture2d_destroy(struct d3d11_texture2d *texture)
{
    struct d3d11_device *device = texture->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;

    if (texture->last_use.stream)
    {
        vkdva_device_lock(device);
        vkdva_command_stream_wait(texture->last_use.stream, texture->last_use.value, true);
        vkdva_device_unlock(device);
    }
    if (texture->vk_image && !texture->is_wrapped)
        VK_CALL(vkDestroyImage(device->vk_device, texture->vk_image, NULL));
    if (texture->vk_buffer)
        VK_CALL(vkDestroyBuffer(device->vk_device, texture->vk_buffer, NULL));
    if (texture->vk_memory)
        VK_CALL(vkFreeMemory(device->vk_device, texture->vk_memory, NULL));
    vkdva_protect_texture_destroy(texture);
    vkdva_free(texture->layouts);
    vkdva_free(texture->map_counts);
    vkdva_private_store_destroy(&texture->private_store);
    vkdva_free(texture);
    ID3D11Device_Release(&device->ID3D11Device_iface);
}

static HRESULT STDMETHODCALLTYPE d3d11_texture2d_QueryInterface(ID3D11Texture2D *iface, REFIID iid, void **out)
{
    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(iid, &IID_ID3D11Texture2D)
            || IsEqualGUID(iid, &IID_ID3D11Resource)
            || IsEqualGUID(iid, &IID_ID3D11DeviceChild)
            || IsEqualGUID(iid, &IID_IUnknown))
    {
        ID3D11Texture2D_AddRef(iface);
        *out = iface;
        return S_OK;
    }

    WARN("%s not implemented, returning E_NOINTERFACE.\n", debugstr_guid(iid));
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE d3d11_texture2d_AddRef(ID3D11Texture2D *iface)
{
    struct d3d11_texture2d *texture = impl_from_ID3D11Texture2D(iface);
    unsigned int refcount = vkdva_atomic_increment_u32(&texture->refcount);

    TRACE("%p increasing refcount to %u.\n", texture, refcount);
    return refcount;
}

static ULONG STDMETHODCALLTYPE d3d11_texture2d_Release(ID3D11Texture2D *iface)
{
    struct d3d11_texture2d *texture = impl_from_ID3D11Texture2D(iface);
    unsigned int refcount = vkdva_atomic_decrement_u32(&texture->refcount);

    TRACE("%p decreasing refcount to %u.\n", texture, refcount);
    if (!refcount)
        d3d11_texture2d_destroy(texture);
    return refcount;
}

static void STDMETHODCALLTYPE d3d11_texture2d_GetDevice(ID3D11Texture2D *iface, ID3D11Device **device)
{
    struct d3d11_texture2d *texture = impl_from_ID3D11Texture2D(iface);

    TRACE("iface %p, device %p.\n", iface, device);

    *device = &texture->device->ID3D11Device_iface;
    ID3D11Device_AddRef(*device);
}

static HRESULT STDMETHODCALLTYPE d3d11_texture2d_GetPrivateData(ID3D11Texture2D *iface,
        REFGUID guid, UINT *data_size, void *data)
{
    struct d3d11_texture2d *texture = impl_from_ID3D11Texture2D(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&texture->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_texture2d_SetPrivateData(ID3D11Texture2D *iface,
        REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_texture2d *texture = impl_from_ID3D11Texture2D(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&texture->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_texture2d_SetPrivateDataInterface(ID3D11Texture2D *iface,
        REFGUID guid, const IUnknown *data)
{
    struct d3d11_texture2d *texture = impl_from_ID3D11Texture2D(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&texture->private_store, guid, data);
}

static void STDMETHODCALLTYPE d3d11_texture2d_GetType(ID3D11Texture2D *iface,
        D3D11_RESOURCE_DIMENSION *dimension)
{
    TRACE("iface %p, dimension %p.\n", iface, dimension);

    *dimension = D3D11_RESOURCE_DIMENSION_TEXTURE2D;
}

static void STDMETHODCALLTYPE d3d11_texture2d_SetEvictionPriority(ID3D11Texture2D *iface, UINT priority)
{
    TRACE("iface %p, priority %#x.\n", iface, priority);

    /* Residency is the Vulkan driver's business; D3D11 documents the priority as a hint. */
}

static UINT STDMETHODCALLTYPE d3d11_texture2d_GetEvictionPriority(ID3D11Texture2D *iface)
{
    TRACE("iface %p.\n", iface);

    return DXGI_RESOURCE_PRIORITY_NORMAL;
}

static void STDMETHODCALLTYPE d3d11_texture2d_GetDesc(ID3D11Texture2D *iface, D3D11_TEXTURE2D_DESC *desc)
{
    struct d3d11_texture2d *texture = impl_from_ID3D11Texture2D(iface);

    TRACE("iface %p, desc %p.\n", iface, desc);

    *desc = texture->desc;
}

static const struct ID3D11Texture2DVtbl d3d11_texture2d_vtbl =
{
    /* IUnknown methods */
    d3d11_texture2d_QueryInterface,
    d3d11_texture2d_AddRef,
    d3d11_texture2d_Release,
    /* ID3D11DeviceChild methods */
    d3d11_texture2d_GetDevice,
    d3d11_texture2d_GetPrivateData,
    d3d11_texture2d_SetPrivateData,
    d3d11_texture2d_SetPrivateDataInterface,
    /* ID3D11Resource methods */
    d3d11_texture2d_GetType,
    d3d11_texture2d_SetEvictionPriority,
    d3d11_texture2d_GetEvictionPriority,
    /* ID3D11Texture2D methods */
    d3d11_texture2d_GetDesc,
};

static UINT vkdva_mip_count(UINT width, UINT height)
{
    UINT count = 1;

    while (width > 1 || height > 1)
    {
        width >>= 1;
        height >>= 1;
        ++count;
    }
    return count;
}

HRESULT d3d11_texture2d_check_desc(struct d3d11_device *device, D3D11_TEXTURE2D_DESC *desc,
        const D3D11_SUBRESOURCE_DATA *data, const struct vkdva_format **out_format)
{
    const struct vkdva_format *format;
    UINT support;

    if (!desc->Width || !desc->Height || desc->Width > VKDVA_MAX_TEXTURE_DIMENSION
            || desc->Height > VKDVA_MAX_TEXTURE_DIMENSION)
    {
        WARN("Invalid size %ux%u.\n", desc->Width, desc->Height);
        return E_INVALIDARG;
    }
    if (!desc->ArraySize || desc->ArraySize > VKDVA_MAX_ARRAY_SIZE)
    {
        WARN("Invalid array size %u.\n", desc->ArraySize);
        return E_INVALIDARG;
    }
    if (!desc->MipLevels)
        desc->MipLevels = vkdva_mip_count(desc->Width, desc->Height);
    if (desc->MipLevels > vkdva_mip_count(desc->Width, desc->Height))
    {
        WARN("Invalid mip level count %u for %ux%u.\n", desc->MipLevels, desc->Width, desc->Height);
        return E_INVALIDARG;
    }
    if (desc->SampleDesc.Count != 1 || desc->SampleDesc.Quality)
    {
        FIXME("Multisampled textures (count %u, quality %u) are not supported.\n",
                desc->SampleDesc.Count, desc->SampleDesc.Quality);
        return E_INVALIDARG;
    }
    if (!(format = vkdva_get_format(desc->Format)))
    {
        FIXME("Unsupported format %s.\n", debug_dxgi_format(desc->Format));
        return E_INVALIDARG;
    }
    if (!(support = vkdva_device_get_format_support(device, desc->Format)))
    {
        WARN("Format %s is not supported by the Vulkan device.\n", debug_dxgi_format(desc->Format));
        return E_INVALIDARG;
    }
    if (desc->Width % format->width_alignment || desc->Height % format->height_alignment)
    {
        WARN("Size %ux%u is not a multiple of %ux%u for %s.\n", desc->Width, desc->Height,
                format->width_alignment, format->height_alignment, debug_dxgi_format(desc->Format));
        return E_INVALIDARG;
    }
    if (format->is_video && desc->MipLevels != 1)
    {
        WARN("Video format %s with %u mip levels.\n", debug_dxgi_format(desc->Format), desc->MipLevels);
        return E_INVALIDARG;
    }
    if (desc->BindFlags & ~VKDVA_ALLOWED_BIND_FLAGS)
    {
        if (desc->BindFlags & ~(VKDVA_ALLOWED_BIND_FLAGS | D3D11_BIND_UNORDERED_ACCESS | D3D11_BIND_DEPTH_STENCIL))
            WARN("Invalid bind flags %#x for a 2D texture.\n", desc->BindFlags);
        else
            FIXME("Bind flags %#x are not supported.\n", desc->BindFlags);
        return E_INVALIDARG;
    }
    if ((desc->BindFlags & D3D11_BIND_DECODER) && !(support & D3D11_FORMAT_SUPPORT_DECODER_OUTPUT))
    {
        WARN("Format %s cannot be a decoder output.\n", debug_dxgi_format(desc->Format));
        return E_INVALIDARG;
    }
    if (desc->CPUAccessFlags & ~(D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE))
    {
        WARN("Invalid CPU access flags %#x.\n", desc->CPUAccessFlags);
        return E_INVALIDARG;
    }
    if (desc->MiscFlags & ~D3D11_RESOURCE_MISC_HW_PROTECTED)
    {
        FIXME("Unsupported misc flags %#x.\n", desc->MiscFlags);
        return E_INVALIDARG;
    }

    switch (desc->Usage)
    {
        case D3D11_USAGE_DEFAULT:
            if (desc->CPUAccessFlags)
            {
                WARN("CPU access flags %#x on a default-usage texture.\n", desc->CPUAccessFlags);
                return E_INVALIDARG;
            }
            break;

        case D3D11_USAGE_IMMUTABLE:
            if (desc->CPUAccessFlags || !data)
            {
                WARN("Immutable texture with CPU access flags %#x, data %p.\n", desc->CPUAccessFlags, data);
                return E_INVALIDARG;
            }
            break;

        case D3D11_USAGE_STAGING:
            if (desc->BindFlags || !desc->CPUAccessFlags)
            {
                WARN("Staging texture with bind flags %#x, CPU access flags %#x.\n",
                        desc->BindFlags, desc->CPUAccessFlags);
                return E_INVALIDARG;
            }
            if (desc->MiscFlags & D3D11_RESOURCE_MISC_HW_PROTECTED)
            {
                WARN("A staging texture cannot be protected.\n");
                return E_INVALIDARG;
            }
            break;

        case D3D11_USAGE_DYNAMIC:
            FIXME("Dynamic textures are not supported.\n");
            return E_INVALIDARG;

        default:
            WARN("Invalid usage %#x.\n", desc->Usage);
            return E_INVALIDARG;
    }

    *out_format = format;
    return S_OK;
}

static HRESULT d3d11_texture2d_init_layouts(struct d3d11_texture2d *texture, uint64_t *total_size)
{
    UINT i, mip, layer, width = 0, height = 0;
    uint64_t offset = 0;

    texture->subresource_count = texture->desc.MipLevels * texture->desc.ArraySize;
    if (!(texture->layouts = vkdva_calloc(texture->subresource_count, sizeof(*texture->layouts))))
        return E_OUTOFMEMORY;
    if (!(texture->map_counts = vkdva_calloc(texture->subresource_count, sizeof(*texture->map_counts))))
        return E_OUTOFMEMORY;
    for (i = 0; i < texture->subresource_count; ++i)
    {
        struct vkdva_subresource_layout *layout = &texture->layouts[i];

        vkdva_texture_subresource_extent(texture, i, &mip, &layer, &width, &height);
        layout->width = width;
        layout->height = height;
        vkdva_texture_layout_compute(texture->format, width, height, &layout->row_pitch, &layout->depth_pitch);
        layout->size = layout->depth_pitch;
        layout->offset = offset;
        offset = vkdva_align_u64(offset + layout->size, VKDVA_SUBRESOURCE_ALIGNMENT);
    }
    *total_size = offset;
    return S_OK;
}

static HRESULT d3d11_texture2d_init_staging(struct d3d11_texture2d *texture)
{
    struct d3d11_device *device = texture->device;
    VkMemoryPropertyFlags preferred = 0;
    uint64_t size;
    HRESULT hr;

    if (FAILED(hr = d3d11_texture2d_init_layouts(texture, &size)))
        return hr;
    /* Read-back wants cached memory; write-only staging is happiest write-combined. */
    if (texture->desc.CPUAccessFlags & D3D11_CPU_ACCESS_READ)
        preferred = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
    return vkdva_device_create_buffer(device, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT
            | VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, preferred,
            &texture->vk_buffer, &texture->vk_memory, &texture->mapped);
}

static bool vkdva_image_info_supported(struct d3d11_device *device, const VkImageCreateInfo *info)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkImageFormatProperties2 props = {.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2};
    VkPhysicalDeviceImageFormatInfo2 format_info =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2,
        .format = info->format,
        .type = info->imageType,
        .tiling = info->tiling,
        .usage = info->usage,
        .flags = info->flags,
    };

    if (VK_CALL(vkGetPhysicalDeviceImageFormatProperties2(device->vk_physical_device, &format_info, &props)) < 0)
        return false;
    return props.imageFormatProperties.maxArrayLayers >= info->arrayLayers
            && props.imageFormatProperties.maxMipLevels >= info->mipLevels
            && props.imageFormatProperties.maxExtent.width >= info->extent.width
            && props.imageFormatProperties.maxExtent.height >= info->extent.height;
}

/* is_protected: a private image in protected memory (d3d11_texture2d_create_private_protected()). */
static HRESULT d3d11_texture2d_init_image(struct d3d11_texture2d *texture, bool is_protected)
{
    struct d3d11_device *device = texture->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    const struct vkdva_format *format = texture->format;
    static const VkImageUsageFlags optional_usages[] =
    {
        VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_STORAGE_BIT,
        VK_IMAGE_USAGE_SAMPLED_BIT,
        0,
    };
    VkMemoryRequirements requirements;
    VkImageCreateInfo *info;
    unsigned int i;
    int type;
    VkResult vr;

    info = &texture->vk_image_info;
    *info = (VkImageCreateInfo)
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
        .imageType = VK_IMAGE_TYPE_2D,
        .format = format->vk_format,
        .extent = {texture->desc.Width >> (format->format_class == VKDVA_FORMAT_CLASS_PACKED_422),
                texture->desc.Height, 1},
        .mipLevels = texture->desc.MipLevels,
        .arrayLayers = texture->desc.ArraySize,
        .samples = VK_SAMPLE_COUNT_1_BIT,
        .tiling = VK_IMAGE_TILING_OPTIMAL,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
        .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
    };
    /* Planes are written through single-plane views (R8, R8G8, ...) by compute shaders. */
    if (format->plane_count > 1)
        info->flags = VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT | VK_IMAGE_CREATE_EXTENDED_USAGE_BIT;
    if (is_protected)
        info->flags |= VK_IMAGE_CREATE_PROTECTED_BIT;

    for (i = 0; i < ARRAY_SIZE(optional_usages); ++i)
    {
        info->usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | optional_usages[i];
        if (vkdva_image_info_supported(device, info))
            break;
    }
    if (i == ARRAY_SIZE(optional_usages))
    {
        WARN("The Vulkan device cannot create %ux%ux%u images of format %d.\n", info->extent.width,
                info->extent.height, info->arrayLayers, info->format);
        return E_INVALIDARG;
    }

    if ((vr = VK_CALL(vkCreateImage(device->vk_device, info, NULL, &texture->vk_image))) < 0)
        return hresult_from_vk_result(vr);
    VK_CALL(vkGetImageMemoryRequirements(device->vk_device, texture->vk_image, &requirements));
    if (is_protected)
        type = vkdva_device_find_protected_memory_type(device, requirements.memoryTypeBits);
    else if ((type = vkdva_device_find_memory_type(device, requirements.memoryTypeBits,
            VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0)) < 0)
        type = vkdva_device_find_memory_type(device, requirements.memoryTypeBits, 0, 0);
    if (type < 0)
    {
        ERR("No memory type for the image.\n");
        return E_FAIL;
    }
    {
        VkMemoryAllocateInfo alloc_info =
        {
            .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
            .allocationSize = requirements.size,
            .memoryTypeIndex = type,
        };

        if ((vr = VK_CALL(vkAllocateMemory(device->vk_device, &alloc_info, NULL, &texture->vk_memory))) < 0)
            return hresult_from_vk_result(vr);
    }
    if ((vr = VK_CALL(vkBindImageMemory(device->vk_device, texture->vk_image, texture->vk_memory, 0))) < 0)
        return hresult_from_vk_result(vr);
    texture->vk_layout = VK_IMAGE_LAYOUT_GENERAL;
    return S_OK;
}

static struct d3d11_texture2d *d3d11_texture2d_alloc(struct d3d11_device *device)
{
    struct d3d11_texture2d *texture;

    if (!(texture = vkdva_calloc(1, sizeof(*texture))))
        return NULL;
    texture->ID3D11Texture2D_iface.lpVtbl = &d3d11_texture2d_vtbl;
    texture->refcount = 1;
    vkdva_private_store_init(&texture->private_store);
    texture->device = device;
    ID3D11Device_AddRef(&device->ID3D11Device_iface);
    return texture;
}

HRESULT d3d11_texture2d_create(struct d3d11_device *device, const D3D11_TEXTURE2D_DESC *desc,
        const D3D11_SUBRESOURCE_DATA *data, struct d3d11_texture2d **out)
{
    struct d3d11_immediate_context *context = &device->immediate_context;
    const struct vkdva_format *format;
    struct d3d11_texture2d *texture;
    D3D11_TEXTURE2D_DESC d;
    UINT i;
    HRESULT hr;

    d = *desc;
    if (FAILED(hr = d3d11_texture2d_check_desc(device, &d, data, &format)))
        return hr;
    if (data)
    {
        for (i = 0; i < d.MipLevels * d.ArraySize; ++i)
        {
            if (!data[i].pSysMem)
            {
                WARN("Initial data for subresource %u is NULL.\n", i);
                return E_INVALIDARG;
            }
        }
        /* Protected content only enters through DecryptionBlt and decoding, encrypted. */
        if (d.MiscFlags & D3D11_RESOURCE_MISC_HW_PROTECTED)
        {
            WARN("Initial data for a protected texture.\n");
            return E_INVALIDARG;
        }
    }

    if (!(texture = d3d11_texture2d_alloc(device)))
        return E_OUTOFMEMORY;
    texture->desc = d;
    texture->format = format;

    /* A protected texture has no image: its storage is protect.c's ciphertext buffer. */
    if (d.Usage == D3D11_USAGE_STAGING)
        hr = d3d11_texture2d_init_staging(texture);
    else if (SUCCEEDED(hr = d3d11_texture2d_init_layouts(texture, &(uint64_t){0})))
        hr = (d.MiscFlags & D3D11_RESOURCE_MISC_HW_PROTECTED) ? vkdva_protect_texture_init(texture)
                : d3d11_texture2d_init_image(texture, false);
    if (FAILED(hr))
        goto fail;

    if (!texture->protected && FAILED(hr = d3d11_immediate_context_init_texture(context, texture, data)))
        goto fail;

    TRACE("Created texture %p.\n", texture);
    *out = texture;
    return S_OK;

fail:
    d3d11_texture2d_destroy(texture);
    return hr;
}

HRESULT d3d11_texture2d_create_private_protected(struct d3d11_device *device, const D3D11_TEXTURE2D_DESC *desc,
        struct vkdva_command_stream *stream, struct d3d11_texture2d **out)
{
    const struct vkdva_format *format;
    struct d3d11_texture2d *texture;
    D3D11_TEXTURE2D_DESC d = *desc;
    VkCommandBuffer vk_cmd;
    HRESULT hr;

    if (!device->caps.protected_memory || !stream->is_protected || d.Usage != D3D11_USAGE_DEFAULT
            || (d.MiscFlags & D3D11_RESOURCE_MISC_HW_PROTECTED))
    {
        ERR("Invalid private protected texture (protected memory %#x, stream %p, usage %#x, flags %#x).\n",
                device->caps.protected_memory, stream, d.Usage, d.MiscFlags);
        return E_FAIL;
    }
    if (FAILED(hr = d3d11_texture2d_check_desc(device, &d, NULL, &format)))
        return hr;
    if (!(texture = d3d11_texture2d_alloc(device)))
        return E_OUTOFMEMORY;
    texture->desc = d;
    texture->format = format;
    if (FAILED(hr = d3d11_texture2d_init_layouts(texture, &(uint64_t){0}))
            || FAILED(hr = d3d11_texture2d_init_image(texture, true))
            || FAILED(hr = vkdva_command_stream_get(stream, &vk_cmd)))
    {
        d3d11_texture2d_destroy(texture);
        return hr;
    }
    /* What d3d11_immediate_context_init_texture() does for other textures, in the protected
     * command buffer that may touch it; its release waits for the work recorded from here on. */
    vkdva_cmd_image_barrier(device, vk_cmd, texture->vk_image, 0, VK_REMAINING_ARRAY_LAYERS,
            VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_GENERAL, VK_PIPELINE_STAGE_2_NONE,
            VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT);
    texture->last_use.stream = stream;
    texture->last_use.value = stream->next_value;
    TRACE("Created private protected texture %p.\n", texture);
    *out = texture;
    return S_OK;
}

HRESULT d3d11_texture2d_create_wrapped(struct d3d11_device *device, const struct vkdva_vk_image_info *info,
        struct d3d11_texture2d **out)
{
    const VkImageCreateInfo *image_info = &info->vk_create_info;
    const struct vkdva_format *format;
    struct d3d11_texture2d *texture;
    HRESULT hr;

    if (!info->vk_image || image_info->imageType != VK_IMAGE_TYPE_2D || image_info->samples != VK_SAMPLE_COUNT_1_BIT
            || image_info->extent.depth != 1 || !image_info->mipLevels || !image_info->arrayLayers)
    {
        WARN("Unsupported image %#" PRIx64 ", type %d, samples %#x, depth %u.\n", (uint64_t)info->vk_image,
                image_info->imageType, image_info->samples, image_info->extent.depth);
        return E_INVALIDARG;
    }
    if (!(format = vkdva_get_format_from_vk(image_info->format)))
    {
        WARN("Unsupported image format %d.\n", image_info->format);
        return E_INVALIDARG;
    }
    if ((image_info->usage & (VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT))
            != (VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT))
    {
        WARN("Image usage %#x lacks transfer source and destination.\n", image_info->usage);
        return E_INVALIDARG;
    }
    if (!(texture = d3d11_texture2d_alloc(device)))
        return E_OUTOFMEMORY;
    texture->format = format;
    texture->desc = (D3D11_TEXTURE2D_DESC)
    {
        .Width = image_info->extent.width,
        .Height = image_info->extent.height,
        .MipLevels = image_info->mipLevels,
        .ArraySize = image_info->arrayLayers,
        .Format = format->dxgi_format,
        .SampleDesc = {1, 0},
        .Usage = D3D11_USAGE_DEFAULT,
    };
    if (image_info->usage & VK_IMAGE_USAGE_SAMPLED_BIT)
        texture->desc.BindFlags |= D3D11_BIND_SHADER_RESOURCE;
    /* vkdva writes render targets (video processor outputs) with compute shaders. */
    if (image_info->usage & VK_IMAGE_USAGE_STORAGE_BIT)
        texture->desc.BindFlags |= D3D11_BIND_RENDER_TARGET;
    if (image_info->flags & VK_IMAGE_CREATE_PROTECTED_BIT)
        texture->desc.MiscFlags |= D3D11_RESOURCE_MISC_HW_PROTECTED;
    texture->vk_image = info->vk_image;
    texture->vk_layout = info->vk_layout;
    texture->vk_image_info = *image_info;
    texture->vk_image_info.pNext = NULL;
    texture->vk_image_info.pQueueFamilyIndices = NULL;
    texture->is_wrapped = true;
    if (FAILED(hr = d3d11_texture2d_init_layouts(texture, &(uint64_t){0})))
    {
        d3d11_texture2d_destroy(texture);
        return hr;
    }
    *out = texture;
    return S_OK;
}

HRESULT vkdva_texture_map(struct d3d11_texture2d *texture, UINT subresource, D3D11_MAP map_type,
        UINT flags, D3D11_MAPPED_SUBRESOURCE *mapped)
{
    const struct vkdva_subresource_layout *layout;
    UINT required;
    HRESULT hr;

    if (texture->desc.Usage != D3D11_USAGE_STAGING)
    {
        WARN("Texture %p is not a staging texture (usage %#x).\n", texture, texture->desc.Usage);
        return E_INVALIDARG;
    }
    if (subresource >= texture->subresource_count)
    {
        WARN("Invalid subresource %u (texture has %u).\n", subresource, texture->subresource_count);
        return E_INVALIDARG;
    }
    if (flags & ~D3D11_MAP_FLAG_DO_NOT_WAIT)
    {
        WARN("Invalid map flags %#x.\n", flags);
        return E_INVALIDARG;
    }
    switch (map_type)
    {
        case D3D11_MAP_READ:
            required = D3D11_CPU_ACCESS_READ;
            break;
        case D3D11_MAP_WRITE:
            required = D3D11_CPU_ACCESS_WRITE;
            break;
        case D3D11_MAP_READ_WRITE:
            required = D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE;
            break;
        default:
            WARN("Map type %#x is invalid for a staging texture.\n", map_type);
            return E_INVALIDARG;
    }
    if ((texture->desc.CPUAccessFlags & required) != required)
    {
        WARN("Map type %#x needs CPU access %#x, texture has %#x.\n", map_type, required,
                texture->desc.CPUAccessFlags);
        return E_INVALIDARG;
    }
    if (texture->map_counts[subresource])
    {
        WARN("Subresource %u is already mapped.\n", subresource);
        return E_INVALIDARG;
    }

    /* "DXGI_ERROR_DEVICE_REMOVED if MapType allows any CPU read access and the video card has
     * been removed" (ID3D11DeviceContext::Map), whether or not the GPU last used the texture;
     * a write-only map has nothing to wait for then (nothing completes any more). */
    if (FAILED(texture->device->removed_reason))
    {
        if (map_type != D3D11_MAP_WRITE)
        {
            WARN("The device was removed.\n");
            return DXGI_ERROR_DEVICE_REMOVED;
        }
    }
    else if (texture->last_use.stream)
    {
        if (flags & D3D11_MAP_FLAG_DO_NOT_WAIT)
        {
            if (!vkdva_command_stream_is_complete(texture->last_use.stream, texture->last_use.value))
            {
                /* Start the work so that a later poll can succeed. */
                if (texture->last_use.value > texture->last_use.stream->submitted_value)
                    vkdva_command_stream_flush(texture->last_use.stream);
                return DXGI_ERROR_WAS_STILL_DRAWING;
            }
        }
        else if (FAILED(hr = vkdva_command_stream_wait(texture->last_use.stream, texture->last_use.value, true)))
        {
            return hr;
        }
    }

    layout = &texture->layouts[subresource];
    ++texture->map_counts[subresource];
    mapped->pData = (BYTE *)texture->mapped + layout->offset;
    mapped->RowPitch = layout->row_pitch;
    mapped->DepthPitch = layout->depth_pitch;
    return S_OK;
}

void vkdva_texture_unmap(struct d3d11_texture2d *texture, UINT subresource)
{
    if (texture->desc.Usage != D3D11_USAGE_STAGING || subresource >= texture->subresource_count
            || !texture->map_counts[subresource])
    {
        WARN("Subresource %u of texture %p is not mapped.\n", subresource, texture);
        return;
    }
    --texture->map_counts[subresource];
}
