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

/* ID3D11DeviceContext for video work: copies, staging maps, uploads, event queries and
 * Flush. vkdva is not a renderer: the pipeline-state methods either report the empty state
 * (getters; nothing can be bound) or log a FIXME (setters, draws, dispatches). */

static inline struct d3d11_immediate_context *impl_from_ID3D11DeviceContext(ID3D11DeviceContext *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_immediate_context, ID3D11DeviceContext_iface);
}

static void vkdva_texture_mark_use(struct d3d11_texture2d *texture, struct vkdva_command_stream *stream)
{
    texture->last_use.stream = stream;
    texture->last_use.value = stream->next_value;
}

/* Wrapped images live in the host's layout between uses; vkdva's own stay GENERAL. */
static void vkdva_texture_transition(struct d3d11_device *device, VkCommandBuffer vk_cmd,
        struct d3d11_texture2d *texture, bool to_general)
{
    VkImageLayout host_layout = texture->vk_layout;

    if (!texture->vk_image || host_layout == VK_IMAGE_LAYOUT_GENERAL)
        return;
    if (host_layout == VK_IMAGE_LAYOUT_UNDEFINED || host_layout == VK_IMAGE_LAYOUT_PREINITIALIZED)
    {
        if (!to_general)
            return;
        /* The content is undefined until vkdva writes it; from then on it stays GENERAL. */
        texture->vk_layout = VK_IMAGE_LAYOUT_GENERAL;
    }
    vkdva_cmd_image_barrier(device, vk_cmd, texture->vk_image, 0, VK_REMAINING_ARRAY_LAYERS,
            to_general ? host_layout : VK_IMAGE_LAYOUT_GENERAL, to_general ? VK_IMAGE_LAYOUT_GENERAL : host_layout,
            VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT);
}

static VkImageAspectFlags vkdva_plane_aspect(const struct vkdva_format *format, unsigned int plane)
{
    if (format->plane_count == 1)
        return VK_IMAGE_ASPECT_COLOR_BIT;
    return plane ? VK_IMAGE_ASPECT_PLANE_1_BIT : VK_IMAGE_ASPECT_PLANE_0_BIT;
}

/* A region of one subresource in texels of each plane. */
struct vkdva_region
{
    UINT x, y, width, height;
};

static void vkdva_plane_region(const struct vkdva_format *format, unsigned int plane,
        const struct vkdva_region *r, struct vkdva_region *plane_region)
{
    unsigned int sx = format->plane_shift_x[plane], sy = format->plane_shift_y[plane];

    plane_region->x = r->x >> sx;
    plane_region->y = r->y >> sy;
    plane_region->width = r->width >> sx;
    plane_region->height = r->height >> sy;
    if (format->format_class == VKDVA_FORMAT_CLASS_PACKED_422)
    {
        plane_region->x = r->x >> 1;
        plane_region->width = (r->width + 1) >> 1;
    }
}

/* Byte offset of a plane's first row inside a subresource in Map layout. */
static uint64_t vkdva_plane_offset(const struct vkdva_format *format, const struct vkdva_subresource_layout *layout,
        unsigned int plane)
{
    uint64_t offset = 0;
    unsigned int i;

    for (i = 0; i < plane; ++i)
        offset += (uint64_t)layout->row_pitch * (layout->height >> format->plane_shift_y[i]);
    return offset;
}

static VkBufferImageCopy vkdva_buffer_image_copy(const struct d3d11_texture2d *image, UINT image_sub,
        const struct vkdva_region *image_region, uint64_t buffer_offset, UINT buffer_row_pitch, unsigned int plane)
{
    const struct vkdva_format *format = image->format;
    struct vkdva_region pr;
    UINT levels = image->desc.MipLevels;

    vkdva_plane_region(format, plane, image_region, &pr);
    return (VkBufferImageCopy)
    {
        .bufferOffset = buffer_offset,
        .bufferRowLength = buffer_row_pitch / format->plane_element_sizes[plane],
        .imageSubresource =
        {
            .aspectMask = vkdva_plane_aspect(format, plane),
            .mipLevel = image_sub % levels,
            .baseArrayLayer = image_sub / levels,
            .layerCount = 1,
        },
        .imageOffset = {pr.x, pr.y, 0},
        .imageExtent = {pr.width, pr.height, 1},
    };
}

static uint64_t vkdva_staging_offset(const struct d3d11_texture2d *texture, UINT sub, unsigned int plane,
        const struct vkdva_region *r)
{
    const struct vkdva_subresource_layout *layout = &texture->layouts[sub];
    const struct vkdva_format *format = texture->format;
    struct vkdva_region pr;

    vkdva_plane_region(format, plane, r, &pr);
    return layout->offset + vkdva_plane_offset(format, layout, plane)
            + (uint64_t)pr.y * layout->row_pitch + (uint64_t)pr.x * format->plane_element_sizes[plane];
}

/* Records the copy of src_region of src_sub to (dst_x, dst_y) of dst_sub; the caller validated
 * everything. */
static HRESULT vkdva_context_copy_region(struct d3d11_immediate_context *context,
        struct d3d11_texture2d *dst, UINT dst_sub, UINT dst_x, UINT dst_y,
        struct d3d11_texture2d *src, UINT src_sub, const struct vkdva_region *src_region)
{
    struct d3d11_device *device = context->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    const struct vkdva_format *format = src->format;
    struct vkdva_region dst_region, spr, dpr;
    VkCommandBuffer vk_cmd;
    unsigned int plane;
    UINT row;
    HRESULT hr;

    if (FAILED(hr = vkdva_command_stream_get(&context->stream, &vk_cmd)))
        return hr;

    dst_region = (struct vkdva_region){dst_x, dst_y, src_region->width, src_region->height};
    vkdva_texture_transition(device, vk_cmd, src, true);
    vkdva_texture_transition(device, vk_cmd, dst, true);

    for (plane = 0; plane < format->plane_count; ++plane)
    {
        vkdva_plane_region(format, plane, src_region, &spr);
        vkdva_plane_region(format, plane, &dst_region, &dpr);
        if (!spr.width || !spr.height)
            continue;

        if (src->vk_image && dst->vk_image)
        {
            UINT src_levels = src->desc.MipLevels, dst_levels = dst->desc.MipLevels;
            VkImageCopy region =
            {
                .srcSubresource =
                {
                    .aspectMask = vkdva_plane_aspect(format, plane),
                    .mipLevel = src_sub % src_levels,
                    .baseArrayLayer = src_sub / src_levels,
                    .layerCount = 1,
                },
                .srcOffset = {spr.x, spr.y, 0},
                .dstSubresource =
                {
                    .aspectMask = vkdva_plane_aspect(format, plane),
                    .mipLevel = dst_sub % dst_levels,
                    .baseArrayLayer = dst_sub / dst_levels,
                    .layerCount = 1,
                },
                .dstOffset = {dpr.x, dpr.y, 0},
                .extent = {spr.width, spr.height, 1},
            };

            VK_CALL(vkCmdCopyImage(vk_cmd, src->vk_image, VK_IMAGE_LAYOUT_GENERAL,
                    dst->vk_image, VK_IMAGE_LAYOUT_GENERAL, 1, &region));
        }
        else if (src->vk_image)
        {
            VkBufferImageCopy region = vkdva_buffer_image_copy(src, src_sub, src_region,
                    vkdva_staging_offset(dst, dst_sub, plane, &dst_region), dst->layouts[dst_sub].row_pitch, plane);

            VK_CALL(vkCmdCopyImageToBuffer(vk_cmd, src->vk_image, VK_IMAGE_LAYOUT_GENERAL,
                    dst->vk_buffer, 1, &region));
        }
        else if (dst->vk_image)
        {
            VkBufferImageCopy region = vkdva_buffer_image_copy(dst, dst_sub, &dst_region,
                    vkdva_staging_offset(src, src_sub, plane, src_region), src->layouts[src_sub].row_pitch, plane);

            VK_CALL(vkCmdCopyBufferToImage(vk_cmd, src->vk_buffer, dst->vk_image, VK_IMAGE_LAYOUT_GENERAL,
                    1, &region));
        }
        else
        {
            VkDeviceSize row_bytes = (VkDeviceSize)spr.width * format->plane_element_sizes[plane];
            VkBufferCopy *regions;

            if (!(regions = vkdva_calloc(spr.height, sizeof(*regions))))
                return E_OUTOFMEMORY;
            for (row = 0; row < spr.height; ++row)
            {
                regions[row].srcOffset = vkdva_staging_offset(src, src_sub, plane, src_region)
                        + (uint64_t)row * src->layouts[src_sub].row_pitch;
                regions[row].dstOffset = vkdva_staging_offset(dst, dst_sub, plane, &dst_region)
                        + (uint64_t)row * dst->layouts[dst_sub].row_pitch;
                regions[row].size = row_bytes;
            }
            VK_CALL(vkCmdCopyBuffer(vk_cmd, src->vk_buffer, dst->vk_buffer, spr.height, regions));
            vkdva_free(regions);
        }
    }

    vkdva_texture_transition(device, vk_cmd, src, false);
    vkdva_texture_transition(device, vk_cmd, dst, false);
    vkdva_cmd_memory_barrier(device, vk_cmd);
    vkdva_texture_mark_use(src, &context->stream);
    vkdva_texture_mark_use(dst, &context->stream);
    return S_OK;
}

static bool vkdva_texture_is_mapped(const struct d3d11_texture2d *texture, UINT sub)
{
    return texture->map_counts && texture->map_counts[sub];
}

/* Uploads CPU data laid out as D3D11 does for UpdateSubresource and initial data (planes one
 * after another, row_pitch bytes per row, each plane's row count) into a region of an image. */
static HRESULT vkdva_context_upload(struct d3d11_immediate_context *context, struct d3d11_texture2d *dst,
        UINT dst_sub, const struct vkdva_region *r, const void *data, size_t row_pitch)
{
    struct d3d11_device *device = context->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    const struct vkdva_format *format = dst->format;
    UINT upload_pitch, plane, row, plane_rows;
    VkBufferImageCopy regions[VKDVA_MAX_PLANES];
    uint64_t upload_size, offset, src_offset;
    const BYTE *src = data;
    struct vkdva_region pr;
    VkDeviceMemory vk_memory;
    VkCommandBuffer vk_cmd;
    VkBuffer vk_buffer;
    BYTE *mapped;
    HRESULT hr;

    vkdva_texture_layout_compute(format, r->width, r->height, &upload_pitch, &plane_rows);
    upload_size = plane_rows ? plane_rows : upload_pitch;
    if (FAILED(hr = vkdva_device_create_buffer(device, upload_size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0,
            &vk_buffer, &vk_memory, (void **)&mapped)))
        return hr;
    if (FAILED(hr = vkdva_command_stream_get(&context->stream, &vk_cmd)))
    {
        vkdva_device_destroy_buffer(device, vk_buffer, vk_memory);
        return hr;
    }

    offset = src_offset = 0;
    for (plane = 0; plane < format->plane_count; ++plane)
    {
        const struct vkdva_region full = {0, 0, r->width, r->height};

        vkdva_plane_region(format, plane, &full, &pr);
        for (row = 0; row < pr.height; ++row)
            memcpy(mapped + offset + (uint64_t)row * upload_pitch, src + src_offset + (uint64_t)row * row_pitch,
                    (size_t)pr.width * format->plane_element_sizes[plane]);
        regions[plane] = vkdva_buffer_image_copy(dst, dst_sub, r, offset, upload_pitch, plane);
        offset += (uint64_t)pr.height * upload_pitch;
        src_offset += (uint64_t)pr.height * row_pitch;
    }

    vkdva_texture_transition(device, vk_cmd, dst, true);
    VK_CALL(vkCmdCopyBufferToImage(vk_cmd, vk_buffer, dst->vk_image, VK_IMAGE_LAYOUT_GENERAL,
            format->plane_count, regions));
    vkdva_texture_transition(device, vk_cmd, dst, false);
    vkdva_cmd_memory_barrier(device, vk_cmd);
    vkdva_texture_mark_use(dst, &context->stream);
    vkdva_command_stream_release_buffer(&context->stream, vk_buffer, vk_memory);
    return S_OK;
}

HRESULT d3d11_immediate_context_upload_buffer(struct d3d11_immediate_context *context,
        struct d3d11_texture2d *texture, UINT sub, UINT width, UINT height, VkBuffer vk_buffer, UINT row_pitch)
{
    struct d3d11_device *device = context->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    const struct vkdva_region full = {0, 0, width, height};
    const struct vkdva_format *format = texture->format;
    VkBufferImageCopy regions[VKDVA_MAX_PLANES];
    struct vkdva_region pr;
    VkCommandBuffer vk_cmd;
    uint64_t offset = 0;
    unsigned int plane;
    HRESULT hr;

    vkdva_device_lock(device);
    if (SUCCEEDED(hr = vkdva_command_stream_get(&context->stream, &vk_cmd)))
    {
        for (plane = 0; plane < format->plane_count; ++plane)
        {
            vkdva_plane_region(format, plane, &full, &pr);
            regions[plane] = vkdva_buffer_image_copy(texture, sub, &full, offset, row_pitch, plane);
            offset += (uint64_t)pr.height * row_pitch;
        }
        vkdva_texture_transition(device, vk_cmd, texture, true);
        VK_CALL(vkCmdCopyBufferToImage(vk_cmd, vk_buffer, texture->vk_image, VK_IMAGE_LAYOUT_GENERAL,
                format->plane_count, regions));
        vkdva_texture_transition(device, vk_cmd, texture, false);
        vkdva_cmd_memory_barrier(device, vk_cmd);
        vkdva_texture_mark_use(texture, &context->stream);
    }
    vkdva_device_unlock(device);
    return hr;
}

HRESULT d3d11_immediate_context_upload(struct d3d11_immediate_context *context, struct d3d11_texture2d *texture,
        UINT sub, UINT x, UINT y, UINT width, UINT height, const void *data, size_t row_pitch)
{
    struct vkdva_region region = {x, y, width, height};
    HRESULT hr;

    vkdva_device_lock(context->device);
    hr = vkdva_context_upload(context, texture, sub, &region, data, row_pitch);
    vkdva_device_unlock(context->device);
    return hr;
}

HRESULT d3d11_immediate_context_init_texture(struct d3d11_immediate_context *context,
        struct d3d11_texture2d *texture, const D3D11_SUBRESOURCE_DATA *data)
{
    struct d3d11_device *device = context->device;
    const struct vkdva_subresource_layout *layout;
    const struct vkdva_format *format = texture->format;
    UINT sub, plane, row, rows;
    VkCommandBuffer vk_cmd;
    uint64_t src_offset;
    HRESULT hr = S_OK;
    BYTE *dst;

    vkdva_device_lock(device);

    if (texture->vk_buffer)
    {
        /* Staging: fresh memory is zeroed so no stale data of another process shows through. */
        for (sub = 0; sub < texture->subresource_count; ++sub)
        {
            layout = &texture->layouts[sub];
            dst = (BYTE *)texture->mapped + layout->offset;
            if (!data)
            {
                memset(dst, 0, layout->size);
                continue;
            }
            src_offset = 0;
            for (plane = 0; plane < format->plane_count; ++plane)
            {
                struct vkdva_region full = {0, 0, layout->width, layout->height}, pr;

                vkdva_plane_region(format, plane, &full, &pr);
                rows = layout->height >> format->plane_shift_y[plane];
                for (row = 0; row < rows; ++row)
                    memcpy(dst + vkdva_plane_offset(format, layout, plane) + (uint64_t)row * layout->row_pitch,
                            (const BYTE *)data[sub].pSysMem + src_offset + (uint64_t)row * data[sub].SysMemPitch,
                            (size_t)pr.width * format->plane_element_sizes[plane]);
                src_offset += (uint64_t)rows * data[sub].SysMemPitch;
            }
        }
        goto done;
    }

    if (texture->is_wrapped)
        goto done;

    /* A new image is moved to GENERAL, where vkdva keeps it. */
    if (FAILED(hr = vkdva_command_stream_get(&context->stream, &vk_cmd)))
        goto done;
    vkdva_cmd_image_barrier(device, vk_cmd, texture->vk_image, 0, VK_REMAINING_ARRAY_LAYERS,
            VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_GENERAL, VK_PIPELINE_STAGE_2_NONE,
            VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT);
    vkdva_cmd_memory_barrier(device, vk_cmd);
    vkdva_texture_mark_use(texture, &context->stream);

    for (sub = 0; data && sub < texture->subresource_count && SUCCEEDED(hr); ++sub)
    {
        struct vkdva_region full = {0, 0, texture->layouts[sub].width, texture->layouts[sub].height};

        hr = vkdva_context_upload(context, texture, sub, &full, data[sub].pSysMem, data[sub].SysMemPitch);
    }

done:
    vkdva_device_unlock(device);
    return hr;
}

/* ID3D11DeviceContext methods vkdva implements. */

static HRESULT STDMETHODCALLTYPE d3d11_immediate_context_QueryInterface(ID3D11DeviceContext *iface,
        REFIID iid, void **out)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);

    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;

    if (IsEqualGUID(iid, &IID_ID3D11DeviceContext) || IsEqualGUID(iid, &IID_ID3D11DeviceChild)
            || IsEqualGUID(iid, &IID_IUnknown))
    {
        *out = &context->ID3D11DeviceContext_iface;
    }
    else if (IsEqualGUID(iid, &IID_ID3D11VideoContext3) || IsEqualGUID(iid, &IID_ID3D11VideoContext2)
            || IsEqualGUID(iid, &IID_ID3D11VideoContext1) || IsEqualGUID(iid, &IID_ID3D11VideoContext))
    {
        *out = &context->ID3D11VideoContext3_iface;
    }
    else if (IsEqualGUID(iid, &IID_ID3D11Multithread))
    {
        *out = &context->ID3D11Multithread_iface;
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

/* The immediate context lives inside the device; while the application holds references to
 * it, it holds one on the device. */
static ULONG STDMETHODCALLTYPE d3d11_immediate_context_AddRef(ID3D11DeviceContext *iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);
    unsigned int refcount = vkdva_atomic_increment_u32(&context->refcount);

    TRACE("%p increasing refcount to %u.\n", context, refcount);
    if (refcount == 1)
        ID3D11Device_AddRef(&context->device->ID3D11Device_iface);
    return refcount;
}

static ULONG STDMETHODCALLTYPE d3d11_immediate_context_Release(ID3D11DeviceContext *iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);
    unsigned int refcount = vkdva_atomic_decrement_u32(&context->refcount);

    TRACE("%p decreasing refcount to %u.\n", context, refcount);
    if (!refcount)
        ID3D11Device_Release(&context->device->ID3D11Device_iface);
    return refcount;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_GetDevice(ID3D11DeviceContext *iface, ID3D11Device **device)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);

    TRACE("iface %p, device %p.\n", iface, device);

    *device = &context->device->ID3D11Device_iface;
    ID3D11Device_AddRef(*device);
}

static HRESULT STDMETHODCALLTYPE d3d11_immediate_context_GetPrivateData(ID3D11DeviceContext *iface,
        REFGUID guid, UINT *data_size, void *data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&context->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_immediate_context_SetPrivateData(ID3D11DeviceContext *iface,
        REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&context->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_immediate_context_SetPrivateDataInterface(ID3D11DeviceContext *iface,
        REFGUID guid, const IUnknown *data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&context->private_store, guid, data);
}

static void STDMETHODCALLTYPE d3d11_immediate_context_Begin(ID3D11DeviceContext *iface,
        ID3D11Asynchronous *asynchronous)
{
    TRACE("iface %p, asynchronous %p.\n", iface, asynchronous);

    /* Event queries have no Begin (D3D11_QUERY documentation). */
    WARN("Begin is invalid for query %p.\n", asynchronous);
}

static void STDMETHODCALLTYPE d3d11_immediate_context_End(ID3D11DeviceContext *iface,
        ID3D11Asynchronous *asynchronous)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);
    struct d3d11_query *query;

    TRACE("iface %p, asynchronous %p.\n", iface, asynchronous);

    if (!(query = unsafe_impl_from_ID3D11Asynchronous(asynchronous)))
    {
        WARN("Invalid query %p.\n", asynchronous);
        return;
    }
    vkdva_device_lock(context->device);
    query->end_use.stream = &context->stream;
    query->end_use.value = context->stream.vk_current ? context->stream.next_value : context->stream.submitted_value;
    query->sw_decode_sequence = vkdva_sw_decode_sequence();
    query->ended = true;
    vkdva_device_unlock(context->device);
}

static HRESULT STDMETHODCALLTYPE d3d11_immediate_context_GetData(ID3D11DeviceContext *iface,
        ID3D11Asynchronous *asynchronous, void *data, UINT data_size, UINT flags)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);
    struct d3d11_query *query;
    HRESULT hr = S_OK;

    TRACE("iface %p, asynchronous %p, data %p, data_size %u, flags %#x.\n",
            iface, asynchronous, data, data_size, flags);

    if (!(query = unsafe_impl_from_ID3D11Asynchronous(asynchronous)))
    {
        WARN("Invalid query %p.\n", asynchronous);
        return E_INVALIDARG;
    }
    if (flags & ~D3D11_ASYNC_GETDATA_DONOTFLUSH)
    {
        WARN("Invalid flags %#x.\n", flags);
        return E_INVALIDARG;
    }
    if (data && data_size != sizeof(BOOL))
    {
        WARN("Invalid data size %u.\n", data_size);
        return E_INVALIDARG;
    }
    if (!query->ended)
    {
        WARN("Query %p was never ended.\n", query);
        return DXGI_ERROR_INVALID_CALL;
    }

    vkdva_device_lock(context->device);
    if (FAILED(context->device->removed_reason))
    {
        hr = DXGI_ERROR_DEVICE_REMOVED;
    }
    else if (query->sw_decode_sequence && !vkdva_sw_decode_sync_device(context->device, query->sw_decode_sequence,
            false))
    {
        /* Software decodes submitted before End are still running (decoder_sw.c). */
        hr = S_FALSE;
    }
    else if (query->sw_decode_sequence)
    {
        /* They are written now: the query covers those writes too. */
        query->sw_decode_sequence = 0;
        query->end_use.value = context->stream.vk_current ? context->stream.next_value
                : context->stream.submitted_value;
        hr = vkdva_command_stream_is_complete(query->end_use.stream, query->end_use.value) ? S_OK : S_FALSE;
        if (hr == S_FALSE && !(flags & D3D11_ASYNC_GETDATA_DONOTFLUSH)
                && query->end_use.value > query->end_use.stream->submitted_value)
            vkdva_command_stream_flush(query->end_use.stream);
    }
    else if (!vkdva_command_stream_is_complete(query->end_use.stream, query->end_use.value))
    {
        if (!(flags & D3D11_ASYNC_GETDATA_DONOTFLUSH) && query->end_use.value > query->end_use.stream->submitted_value)
            vkdva_command_stream_flush(query->end_use.stream);
        hr = S_FALSE;
    }
    vkdva_device_unlock(context->device);

    if (hr == S_OK && data)
        *(BOOL *)data = TRUE;
    return hr;
}

static HRESULT STDMETHODCALLTYPE d3d11_immediate_context_Map(ID3D11DeviceContext *iface, ID3D11Resource *resource,
        UINT subresource_idx, D3D11_MAP map_type, UINT map_flags, D3D11_MAPPED_SUBRESOURCE *mapped_subresource)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);
    struct d3d11_texture2d *texture;
    HRESULT hr;

    TRACE("iface %p, resource %p, subresource_idx %u, map_type %u, map_flags %#x, mapped_subresource %p.\n",
            iface, resource, subresource_idx, map_type, map_flags, mapped_subresource);

    if (mapped_subresource)
        memset(mapped_subresource, 0, sizeof(*mapped_subresource));
    if (!(texture = unsafe_impl_from_ID3D11Resource(resource)))
    {
        WARN("Invalid resource %p.\n", resource);
        return E_INVALIDARG;
    }
    if (!mapped_subresource)
    {
        WARN("NULL mapped_subresource.\n");
        return E_INVALIDARG;
    }
    vkdva_device_lock(context->device);
    vkdva_sw_decode_sync_texture(texture, subresource_idx);
    hr = vkdva_texture_map(texture, subresource_idx, map_type, map_flags, mapped_subresource);
    vkdva_device_unlock(context->device);
    return hr;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_Unmap(ID3D11DeviceContext *iface, ID3D11Resource *resource,
        UINT subresource_idx)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);
    struct d3d11_texture2d *texture;

    TRACE("iface %p, resource %p, subresource_idx %u.\n", iface, resource, subresource_idx);

    if (!(texture = unsafe_impl_from_ID3D11Resource(resource)))
    {
        WARN("Invalid resource %p.\n", resource);
        return;
    }
    vkdva_device_lock(context->device);
    vkdva_texture_unmap(texture, subresource_idx);
    vkdva_device_unlock(context->device);
}

static bool vkdva_copy_formats_compatible(const struct d3d11_texture2d *dst, const struct d3d11_texture2d *src)
{
    return dst->format == src->format;
}

/* Protected content never leaves its ciphertext storage through a copy (DESIGN decision 4):
 * copies into or out of an unprotected resource are refused, as D3D11 refuses them; copies
 * between protected surfaces are re-encryptions (protect.c). */
static bool vkdva_copy_protection_allowed(const struct d3d11_texture2d *dst, const struct d3d11_texture2d *src)
{
    if (vkdva_texture_is_protected(dst) != vkdva_texture_is_protected(src))
    {
        WARN("Copy between a protected and an unprotected resource.\n");
        return false;
    }
    return true;
}

/* Whole subresources only: at rest each subresource is one CTR stream. */
static void vkdva_context_copy_protected(struct d3d11_texture2d *dst, UINT dst_sub, UINT dst_x, UINT dst_y,
        struct d3d11_texture2d *src, UINT src_sub, const struct vkdva_region *region)
{
    const struct vkdva_subresource_layout *src_layout = &src->layouts[src_sub], *dst_layout = &dst->layouts[dst_sub];

    if (dst_x || dst_y || region->x || region->y || region->width != src_layout->width
            || region->height != src_layout->height || dst_layout->width != src_layout->width
            || dst_layout->height != src_layout->height)
    {
        FIXME("Partial copies between protected surfaces are not implemented.\n");
        return;
    }
    vkdva_protect_copy(dst, dst_sub, src, src_sub);
}

static void STDMETHODCALLTYPE d3d11_immediate_context_CopySubresourceRegion(ID3D11DeviceContext *iface,
        ID3D11Resource *dst_resource, UINT dst_subresource_idx, UINT dst_x, UINT dst_y, UINT dst_z,
        ID3D11Resource *src_resource, UINT src_subresource_idx, const D3D11_BOX *src_box)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);
    UINT src_mip, src_layer, src_width, src_height, dst_mip, dst_layer, dst_width, dst_height;
    struct d3d11_texture2d *dst, *src;
    struct vkdva_region region;
    const struct vkdva_format *format;
    HRESULT hr;

    TRACE("iface %p, dst_resource %p, dst_subresource_idx %u, dst_x %u, dst_y %u, dst_z %u, "
            "src_resource %p, src_subresource_idx %u, src_box %p.\n",
            iface, dst_resource, dst_subresource_idx, dst_x, dst_y, dst_z,
            src_resource, src_subresource_idx, src_box);

    if (!(dst = unsafe_impl_from_ID3D11Resource(dst_resource)) || !(src = unsafe_impl_from_ID3D11Resource(src_resource)))
    {
        WARN("Invalid resources %p, %p.\n", dst_resource, src_resource);
        return;
    }
    if (dst->device != src->device || dst->device != context->device)
    {
        WARN("Resources of another device.\n");
        return;
    }
    if (!vkdva_texture_subresource_extent(dst, dst_subresource_idx, &dst_mip, &dst_layer, &dst_width, &dst_height)
            || !vkdva_texture_subresource_extent(src, src_subresource_idx, &src_mip, &src_layer, &src_width, &src_height))
    {
        WARN("Invalid subresources %u, %u.\n", dst_subresource_idx, src_subresource_idx);
        return;
    }
    if (!vkdva_copy_formats_compatible(dst, src))
    {
        WARN("Incompatible formats %s, %s.\n", debug_dxgi_format(dst->desc.Format), debug_dxgi_format(src->desc.Format));
        return;
    }
    if (!vkdva_copy_protection_allowed(dst, src))
        return;
    if (dst == src && dst_subresource_idx == src_subresource_idx)
    {
        WARN("Source and destination are the same subresource.\n");
        return;
    }
    if (dst->desc.Usage == D3D11_USAGE_IMMUTABLE)
    {
        WARN("Destination is immutable.\n");
        return;
    }
    if (vkdva_texture_is_mapped(dst, dst_subresource_idx) || vkdva_texture_is_mapped(src, src_subresource_idx))
    {
        WARN("A subresource is mapped.\n");
        return;
    }
    format = src->format;

    if (src_box)
    {
        if (src_box->left >= src_box->right || src_box->top >= src_box->bottom || src_box->front >= src_box->back)
        {
            TRACE("Empty box, nothing to copy.\n");
            return;
        }
        if (src_box->right > src_width || src_box->bottom > src_height || src_box->front || src_box->back != 1)
        {
            WARN("Box (%u,%u,%u)-(%u,%u,%u) outside the %ux%u source.\n", src_box->left, src_box->top,
                    src_box->front, src_box->right, src_box->bottom, src_box->back, src_width, src_height);
            return;
        }
        region = (struct vkdva_region){src_box->left, src_box->top,
                src_box->right - src_box->left, src_box->bottom - src_box->top};
    }
    else
    {
        region = (struct vkdva_region){0, 0, src_width, src_height};
    }
    if (dst_z || dst_x > dst_width || dst_y > dst_height || region.width > dst_width - dst_x
            || region.height > dst_height - dst_y)
    {
        WARN("Destination (%u,%u,%u) + %ux%u outside the %ux%u destination.\n",
                dst_x, dst_y, dst_z, region.width, region.height, dst_width, dst_height);
        return;
    }
    if (region.x % format->width_alignment || region.y % format->height_alignment
            || region.width % format->width_alignment || region.height % format->height_alignment
            || dst_x % format->width_alignment || dst_y % format->height_alignment)
    {
        WARN("Region is not aligned to %ux%u for %s.\n", format->width_alignment, format->height_alignment,
                debug_dxgi_format(format->dxgi_format));
        return;
    }

    vkdva_device_lock(context->device);
    vkdva_sw_decode_sync_texture(src, src_subresource_idx);
    vkdva_sw_decode_sync_texture(dst, dst_subresource_idx);
    if (vkdva_texture_is_protected(src))
        vkdva_context_copy_protected(dst, dst_subresource_idx, dst_x, dst_y, src, src_subresource_idx, &region);
    /* The method returns nothing; a copy that cannot be recorded (device removed, out of
     * memory) is at least reported. */
    else if (FAILED(hr = vkdva_context_copy_region(context, dst, dst_subresource_idx, dst_x, dst_y, src,
            src_subresource_idx, &region)))
        WARN("The copy was dropped, hr %#x.\n", (unsigned int)hr);
    vkdva_device_unlock(context->device);
}

static void STDMETHODCALLTYPE d3d11_immediate_context_CopyResource(ID3D11DeviceContext *iface,
        ID3D11Resource *dst_resource, ID3D11Resource *src_resource)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);
    struct d3d11_texture2d *dst, *src;
    struct vkdva_region region;
    HRESULT hr;
    UINT sub;

    TRACE("iface %p, dst_resource %p, src_resource %p.\n", iface, dst_resource, src_resource);

    if (!(dst = unsafe_impl_from_ID3D11Resource(dst_resource)) || !(src = unsafe_impl_from_ID3D11Resource(src_resource)))
    {
        WARN("Invalid resources %p, %p.\n", dst_resource, src_resource);
        return;
    }
    if (dst == src || dst->device != context->device || src->device != context->device)
    {
        WARN("Invalid resources %p, %p.\n", dst_resource, src_resource);
        return;
    }
    if (dst->desc.Width != src->desc.Width || dst->desc.Height != src->desc.Height
            || dst->desc.MipLevels != src->desc.MipLevels || dst->desc.ArraySize != src->desc.ArraySize
            || !vkdva_copy_formats_compatible(dst, src))
    {
        WARN("Mismatched resources: %ux%u/%u/%u %s vs %ux%u/%u/%u %s.\n",
                dst->desc.Width, dst->desc.Height, dst->desc.MipLevels, dst->desc.ArraySize,
                debug_dxgi_format(dst->desc.Format), src->desc.Width, src->desc.Height,
                src->desc.MipLevels, src->desc.ArraySize, debug_dxgi_format(src->desc.Format));
        return;
    }
    if (dst->desc.Usage == D3D11_USAGE_IMMUTABLE)
    {
        WARN("Destination is immutable.\n");
        return;
    }
    if (!vkdva_copy_protection_allowed(dst, src))
        return;
    for (sub = 0; sub < src->subresource_count; ++sub)
    {
        if (vkdva_texture_is_mapped(dst, sub) || vkdva_texture_is_mapped(src, sub))
        {
            WARN("Subresource %u is mapped.\n", sub);
            return;
        }
    }

    vkdva_device_lock(context->device);
    vkdva_sw_decode_sync_texture(src, ~0u);
    vkdva_sw_decode_sync_texture(dst, ~0u);
    for (sub = 0; sub < src->subresource_count; ++sub)
    {
        region = (struct vkdva_region){0, 0, src->layouts[sub].width, src->layouts[sub].height};
        if (vkdva_texture_is_protected(src))
        {
            if (FAILED(vkdva_protect_copy(dst, sub, src, sub)))
                break;
        }
        else if (FAILED(hr = vkdva_context_copy_region(context, dst, sub, 0, 0, src, sub, &region)))
        {
            WARN("The copy of subresource %u was dropped, hr %#x.\n", sub, (unsigned int)hr);
            break;
        }
    }
    vkdva_device_unlock(context->device);
}

static void STDMETHODCALLTYPE d3d11_immediate_context_UpdateSubresource(ID3D11DeviceContext *iface,
        ID3D11Resource *resource, UINT subresource_idx, const D3D11_BOX *box, const void *data,
        UINT row_pitch, UINT depth_pitch)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);
    UINT mip, layer, width, height;
    struct d3d11_texture2d *texture;
    const struct vkdva_format *format;
    struct vkdva_region region;

    TRACE("iface %p, resource %p, subresource_idx %u, box %p, data %p, row_pitch %u, depth_pitch %u.\n",
            iface, resource, subresource_idx, box, data, row_pitch, depth_pitch);

    if (!(texture = unsafe_impl_from_ID3D11Resource(resource)) || texture->device != context->device)
    {
        WARN("Invalid resource %p.\n", resource);
        return;
    }
    if (!data)
    {
        WARN("NULL data.\n");
        return;
    }
    if (texture->desc.Usage != D3D11_USAGE_DEFAULT)
    {
        WARN("UpdateSubresource needs a default-usage resource (usage %#x).\n", texture->desc.Usage);
        return;
    }
    if (vkdva_texture_is_protected(texture))
    {
        WARN("UpdateSubresource on a protected resource.\n");
        return;
    }
    if (!vkdva_texture_subresource_extent(texture, subresource_idx, &mip, &layer, &width, &height))
    {
        WARN("Invalid subresource %u.\n", subresource_idx);
        return;
    }
    format = texture->format;
    if (box)
    {
        if (box->left >= box->right || box->top >= box->bottom || box->front >= box->back)
            return;
        if (box->right > width || box->bottom > height || box->front || box->back != 1)
        {
            WARN("Box outside the %ux%u subresource.\n", width, height);
            return;
        }
        region = (struct vkdva_region){box->left, box->top, box->right - box->left, box->bottom - box->top};
    }
    else
    {
        region = (struct vkdva_region){0, 0, width, height};
    }
    if (region.x % format->width_alignment || region.y % format->height_alignment
            || region.width % format->width_alignment || region.height % format->height_alignment)
    {
        WARN("Box is not aligned to %ux%u for %s.\n", format->width_alignment, format->height_alignment,
                debug_dxgi_format(format->dxgi_format));
        return;
    }

    vkdva_device_lock(context->device);
    vkdva_sw_decode_sync_texture(texture, subresource_idx);
    vkdva_context_upload(context, texture, subresource_idx, &region, data, row_pitch);
    vkdva_device_unlock(context->device);
}

static void STDMETHODCALLTYPE d3d11_immediate_context_Flush(ID3D11DeviceContext *iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11DeviceContext(iface);

    TRACE("iface %p.\n", iface);

    vkdva_device_lock(context->device);
    vkdva_command_stream_flush(&context->stream);
    vkdva_device_unlock(context->device);
}

static void STDMETHODCALLTYPE d3d11_immediate_context_ClearState(ID3D11DeviceContext *iface)
{
    TRACE("iface %p.\n", iface);

    /* No pipeline state can be bound, so the default state is the only state; video state
     * (decoders, processors, crypto sessions) is documented as unaffected by ClearState. */
}

static D3D11_DEVICE_CONTEXT_TYPE STDMETHODCALLTYPE d3d11_immediate_context_GetType(ID3D11DeviceContext *iface)
{
    TRACE("iface %p.\n", iface);

    return D3D11_DEVICE_CONTEXT_IMMEDIATE;
}

static UINT STDMETHODCALLTYPE d3d11_immediate_context_GetContextFlags(ID3D11DeviceContext *iface)
{
    TRACE("iface %p.\n", iface);

    return 0;
}

/* Pipeline state: nothing can be bound, so the getters report the empty state, and the
 * setters, which return nothing, log what vkdva lacks. */

static void vkdva_null_array(void **array, UINT count)
{
    if (array)
        memset(array, 0, count * sizeof(*array));
}

#define VKDVA_CONTEXT_STAGE(stage, shader_type) \
static void STDMETHODCALLTYPE d3d11_immediate_context_##stage##SetShaderResources(ID3D11DeviceContext *iface, \
        UINT start_slot, UINT view_count, ID3D11ShaderResourceView *const *views) \
{ \
    TRACE("iface %p, start_slot %u, view_count %u, views %p.\n", iface, start_slot, view_count, views); \
\
    FIXME_ONCE(#stage "SetShaderResources is not implemented: vkdva is not a renderer.\n"); \
} \
\
static void STDMETHODCALLTYPE d3d11_immediate_context_##stage##SetShader(ID3D11DeviceContext *iface, \
        shader_type *shader, ID3D11ClassInstance *const *class_instances, UINT class_instance_count) \
{ \
    TRACE("iface %p, shader %p, class_instances %p, class_instance_count %u.\n", \
            iface, shader, class_instances, class_instance_count); \
\
    FIXME_ONCE(#stage "SetShader is not implemented: vkdva is not a renderer.\n"); \
} \
\
static void STDMETHODCALLTYPE d3d11_immediate_context_##stage##SetSamplers(ID3D11DeviceContext *iface, \
        UINT start_slot, UINT sampler_count, ID3D11SamplerState *const *samplers) \
{ \
    TRACE("iface %p, start_slot %u, sampler_count %u, samplers %p.\n", iface, start_slot, sampler_count, samplers); \
\
    FIXME_ONCE(#stage "SetSamplers is not implemented: vkdva is not a renderer.\n"); \
} \
\
static void STDMETHODCALLTYPE d3d11_immediate_context_##stage##SetConstantBuffers(ID3D11DeviceContext *iface, \
        UINT start_slot, UINT buffer_count, ID3D11Buffer *const *buffers) \
{ \
    TRACE("iface %p, start_slot %u, buffer_count %u, buffers %p.\n", iface, start_slot, buffer_count, buffers); \
\
    FIXME_ONCE(#stage "SetConstantBuffers is not implemented: vkdva is not a renderer.\n"); \
} \
\
static void STDMETHODCALLTYPE d3d11_immediate_context_##stage##GetShaderResources(ID3D11DeviceContext *iface, \
        UINT start_slot, UINT view_count, ID3D11ShaderResourceView **views) \
{ \
    TRACE("iface %p, start_slot %u, view_count %u, views %p.\n", iface, start_slot, view_count, views); \
\
    vkdva_null_array((void **)views, view_count); \
} \
\
static void STDMETHODCALLTYPE d3d11_immediate_context_##stage##GetShader(ID3D11DeviceContext *iface, \
        shader_type **shader, ID3D11ClassInstance **class_instances, UINT *class_instance_count) \
{ \
    TRACE("iface %p, shader %p, class_instances %p, class_instance_count %p.\n", \
            iface, shader, class_instances, class_instance_count); \
\
    if (shader) \
        *shader = NULL; \
    if (class_instance_count) \
    { \
        vkdva_null_array((void **)class_instances, *class_instance_count); \
        *class_instance_count = 0; \
    } \
} \
\
static void STDMETHODCALLTYPE d3d11_immediate_context_##stage##GetSamplers(ID3D11DeviceContext *iface, \
        UINT start_slot, UINT sampler_count, ID3D11SamplerState **samplers) \
{ \
    TRACE("iface %p, start_slot %u, sampler_count %u, samplers %p.\n", iface, start_slot, sampler_count, samplers); \
\
    vkdva_null_array((void **)samplers, sampler_count); \
} \
\
static void STDMETHODCALLTYPE d3d11_immediate_context_##stage##GetConstantBuffers(ID3D11DeviceContext *iface, \
        UINT start_slot, UINT buffer_count, ID3D11Buffer **buffers) \
{ \
    TRACE("iface %p, start_slot %u, buffer_count %u, buffers %p.\n", iface, start_slot, buffer_count, buffers); \
\
    vkdva_null_array((void **)buffers, buffer_count); \
}

VKDVA_CONTEXT_STAGE(VS, ID3D11VertexShader)
VKDVA_CONTEXT_STAGE(PS, ID3D11PixelShader)
VKDVA_CONTEXT_STAGE(GS, ID3D11GeometryShader)
VKDVA_CONTEXT_STAGE(HS, ID3D11HullShader)
VKDVA_CONTEXT_STAGE(DS, ID3D11DomainShader)
VKDVA_CONTEXT_STAGE(CS, ID3D11ComputeShader)

static void STDMETHODCALLTYPE d3d11_immediate_context_IAGetInputLayout(ID3D11DeviceContext *iface,
        ID3D11InputLayout **input_layout)
{
    TRACE("iface %p, input_layout %p.\n", iface, input_layout);

    *input_layout = NULL;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_IAGetVertexBuffers(ID3D11DeviceContext *iface,
        UINT start_slot, UINT buffer_count, ID3D11Buffer **buffers, UINT *strides, UINT *offsets)
{
    TRACE("iface %p, start_slot %u, buffer_count %u, buffers %p, strides %p, offsets %p.\n",
            iface, start_slot, buffer_count, buffers, strides, offsets);

    vkdva_null_array((void **)buffers, buffer_count);
    if (strides)
        memset(strides, 0, buffer_count * sizeof(*strides));
    if (offsets)
        memset(offsets, 0, buffer_count * sizeof(*offsets));
}

static void STDMETHODCALLTYPE d3d11_immediate_context_IAGetIndexBuffer(ID3D11DeviceContext *iface,
        ID3D11Buffer **buffer, DXGI_FORMAT *format, UINT *offset)
{
    TRACE("iface %p, buffer %p, format %p, offset %p.\n", iface, buffer, format, offset);

    if (buffer)
        *buffer = NULL;
    if (format)
        *format = DXGI_FORMAT_UNKNOWN;
    if (offset)
        *offset = 0;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_IAGetPrimitiveTopology(ID3D11DeviceContext *iface,
        D3D11_PRIMITIVE_TOPOLOGY *topology)
{
    TRACE("iface %p, topology %p.\n", iface, topology);

    *topology = D3D11_PRIMITIVE_TOPOLOGY_UNDEFINED;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_GetPredication(ID3D11DeviceContext *iface,
        ID3D11Predicate **predicate, BOOL *value)
{
    TRACE("iface %p, predicate %p, value %p.\n", iface, predicate, value);

    if (predicate)
        *predicate = NULL;
    if (value)
        *value = FALSE;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_OMGetRenderTargets(ID3D11DeviceContext *iface,
        UINT view_count, ID3D11RenderTargetView **views, ID3D11DepthStencilView **depth_stencil_view)
{
    TRACE("iface %p, view_count %u, views %p, depth_stencil_view %p.\n", iface, view_count, views, depth_stencil_view);

    vkdva_null_array((void **)views, view_count);
    if (depth_stencil_view)
        *depth_stencil_view = NULL;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_OMGetRenderTargetsAndUnorderedAccessViews(
        ID3D11DeviceContext *iface, UINT render_target_view_count, ID3D11RenderTargetView **render_target_views,
        ID3D11DepthStencilView **depth_stencil_view, UINT uav_start_idx, UINT uav_count,
        ID3D11UnorderedAccessView **uavs)
{
    TRACE("iface %p, render_target_view_count %u, render_target_views %p, depth_stencil_view %p, "
            "uav_start_idx %u, uav_count %u, uavs %p.\n", iface, render_target_view_count, render_target_views,
            depth_stencil_view, uav_start_idx, uav_count, uavs);

    vkdva_null_array((void **)render_target_views, render_target_view_count);
    if (depth_stencil_view)
        *depth_stencil_view = NULL;
    vkdva_null_array((void **)uavs, uav_count);
}

static void STDMETHODCALLTYPE d3d11_immediate_context_OMGetBlendState(ID3D11DeviceContext *iface,
        ID3D11BlendState **blend_state, FLOAT blend_factor[4], UINT *sample_mask)
{
    TRACE("iface %p, blend_state %p, blend_factor %p, sample_mask %p.\n", iface, blend_state, blend_factor, sample_mask);

    /* The D3D11 defaults. */
    if (blend_state)
        *blend_state = NULL;
    if (blend_factor)
        blend_factor[0] = blend_factor[1] = blend_factor[2] = blend_factor[3] = 1.0f;
    if (sample_mask)
        *sample_mask = 0xffffffffu;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_OMGetDepthStencilState(ID3D11DeviceContext *iface,
        ID3D11DepthStencilState **depth_stencil_state, UINT *stencil_ref)
{
    TRACE("iface %p, depth_stencil_state %p, stencil_ref %p.\n", iface, depth_stencil_state, stencil_ref);

    if (depth_stencil_state)
        *depth_stencil_state = NULL;
    if (stencil_ref)
        *stencil_ref = 0;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_SOGetTargets(ID3D11DeviceContext *iface,
        UINT buffer_count, ID3D11Buffer **buffers)
{
    TRACE("iface %p, buffer_count %u, buffers %p.\n", iface, buffer_count, buffers);

    vkdva_null_array((void **)buffers, buffer_count);
}

static void STDMETHODCALLTYPE d3d11_immediate_context_RSGetState(ID3D11DeviceContext *iface,
        ID3D11RasterizerState **rasterizer_state)
{
    TRACE("iface %p, rasterizer_state %p.\n", iface, rasterizer_state);

    *rasterizer_state = NULL;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_RSGetViewports(ID3D11DeviceContext *iface,
        UINT *viewport_count, D3D11_VIEWPORT *viewports)
{
    TRACE("iface %p, viewport_count %p, viewports %p.\n", iface, viewport_count, viewports);

    if (viewports)
        memset(viewports, 0, *viewport_count * sizeof(*viewports));
    else
        *viewport_count = 0;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_RSGetScissorRects(ID3D11DeviceContext *iface,
        UINT *rect_count, D3D11_RECT *rects)
{
    TRACE("iface %p, rect_count %p, rects %p.\n", iface, rect_count, rects);

    if (rects)
        memset(rects, 0, *rect_count * sizeof(*rects));
    else
        *rect_count = 0;
}

static void STDMETHODCALLTYPE d3d11_immediate_context_CSGetUnorderedAccessViews(ID3D11DeviceContext *iface,
        UINT start_slot, UINT view_count, ID3D11UnorderedAccessView **views)
{
    TRACE("iface %p, start_slot %u, view_count %u, views %p.\n", iface, start_slot, view_count, views);

    vkdva_null_array((void **)views, view_count);
}

static FLOAT STDMETHODCALLTYPE d3d11_immediate_context_GetResourceMinLOD(ID3D11DeviceContext *iface,
        ID3D11Resource *resource)
{
    TRACE("iface %p, resource %p.\n", iface, resource);

    return 0.0f;
}

static HRESULT STDMETHODCALLTYPE d3d11_immediate_context_FinishCommandList(ID3D11DeviceContext *iface,
        BOOL restore, ID3D11CommandList **command_list)
{
    TRACE("iface %p, restore %#x, command_list %p.\n", iface, restore, command_list);

    /* Documented: FinishCommandList is for deferred contexts only. */
    WARN("FinishCommandList on the immediate context.\n");
    if (command_list)
        *command_list = NULL;
    return DXGI_ERROR_INVALID_CALL;
}

/* Rendering methods vkdva does not implement. */

static void STDMETHODCALLTYPE d3d11_immediate_context_DrawIndexed(ID3D11DeviceContext *iface, UINT index_count,
        UINT start_index_location, INT base_vertex_location)
{
    TRACE("iface %p, index_count %u, start_index_location %u, base_vertex_location %d.\n",
            iface, index_count, start_index_location, base_vertex_location);

    FIXME_ONCE("DrawIndexed is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_Draw(ID3D11DeviceContext *iface, UINT vertex_count,
        UINT start_vertex_location)
{
    TRACE("iface %p, vertex_count %u, start_vertex_location %u.\n", iface, vertex_count, start_vertex_location);

    FIXME_ONCE("Draw is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_IASetInputLayout(ID3D11DeviceContext *iface,
        ID3D11InputLayout *input_layout)
{
    TRACE("iface %p, input_layout %p.\n", iface, input_layout);

    FIXME_ONCE("IASetInputLayout is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_IASetVertexBuffers(ID3D11DeviceContext *iface, UINT start_slot,
        UINT num_buffers, ID3D11Buffer *const *vertex_buffers, const UINT *strides, const UINT *offsets)
{
    TRACE("iface %p, start_slot %u, num_buffers %u, vertex_buffers %p, strides %p, offsets %p.\n",
            iface, start_slot, num_buffers, vertex_buffers, strides, offsets);

    FIXME_ONCE("IASetVertexBuffers is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_IASetIndexBuffer(ID3D11DeviceContext *iface,
        ID3D11Buffer *index_buffer, DXGI_FORMAT format, UINT offset)
{
    TRACE("iface %p, index_buffer %p, format %s, offset %u.\n", iface, index_buffer, debug_dxgi_format(format), offset);

    FIXME_ONCE("IASetIndexBuffer is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_DrawIndexedInstanced(ID3D11DeviceContext *iface,
        UINT index_count_per_instance, UINT instance_count, UINT start_index_location, INT base_vertex_location,
        UINT start_instance_location)
{
    TRACE("iface %p, index_count_per_instance %u, instance_count %u, start_index_location %u, "
            "base_vertex_location %d, start_instance_location %u.\n",
            iface, index_count_per_instance, instance_count, start_index_location, base_vertex_location,
            start_instance_location);

    FIXME_ONCE("DrawIndexedInstanced is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_DrawInstanced(ID3D11DeviceContext *iface,
        UINT vertex_count_per_instance, UINT instance_count, UINT start_vertex_location, UINT start_instance_location)
{
    TRACE("iface %p, vertex_count_per_instance %u, instance_count %u, start_vertex_location %u, "
            "start_instance_location %u.\n",
            iface, vertex_count_per_instance, instance_count, start_vertex_location, start_instance_location);

    FIXME_ONCE("DrawInstanced is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_IASetPrimitiveTopology(ID3D11DeviceContext *iface,
        D3D11_PRIMITIVE_TOPOLOGY topology)
{
    TRACE("iface %p, topology %#x.\n", iface, topology);

    FIXME_ONCE("IASetPrimitiveTopology is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_SetPredication(ID3D11DeviceContext *iface,
        ID3D11Predicate *predicate, BOOL predicate_value)
{
    TRACE("iface %p, predicate %p, predicate_value %#x.\n", iface, predicate, predicate_value);

    FIXME_ONCE("SetPredication is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_OMSetRenderTargets(ID3D11DeviceContext *iface, UINT num_views,
        ID3D11RenderTargetView *const *render_target_views, ID3D11DepthStencilView *depth_stencil_view)
{
    TRACE("iface %p, num_views %u, render_target_views %p, depth_stencil_view %p.\n",
            iface, num_views, render_target_views, depth_stencil_view);

    FIXME_ONCE("OMSetRenderTargets is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_OMSetRenderTargetsAndUnorderedAccessViews(
        ID3D11DeviceContext *iface, UINT num_rt_vs, ID3D11RenderTargetView *const *render_target_views,
        ID3D11DepthStencilView *depth_stencil_view, UINT uav_start_slot, UINT num_ua_vs,
        ID3D11UnorderedAccessView *const *unordered_access_views, const UINT *uav_initial_counts)
{
    TRACE("iface %p, num_rt_vs %u, render_target_views %p, depth_stencil_view %p, uav_start_slot %u, num_ua_vs %u, "
            "unordered_access_views %p, uav_initial_counts %p.\n",
            iface, num_rt_vs, render_target_views, depth_stencil_view, uav_start_slot, num_ua_vs,
            unordered_access_views, uav_initial_counts);

    FIXME_ONCE("OMSetRenderTargetsAndUnorderedAccessViews is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_OMSetBlendState(ID3D11DeviceContext *iface,
        ID3D11BlendState *blend_state, const FLOAT blend_factor[4], UINT sample_mask)
{
    TRACE("iface %p, blend_state %p, blend_factor %p, sample_mask %u.\n",
            iface, blend_state, blend_factor, sample_mask);

    FIXME_ONCE("OMSetBlendState is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_OMSetDepthStencilState(ID3D11DeviceContext *iface,
        ID3D11DepthStencilState *depth_stencil_state, UINT stencil_ref)
{
    TRACE("iface %p, depth_stencil_state %p, stencil_ref %u.\n", iface, depth_stencil_state, stencil_ref);

    FIXME_ONCE("OMSetDepthStencilState is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_SOSetTargets(ID3D11DeviceContext *iface, UINT num_buffers,
        ID3D11Buffer *const *so_targets, const UINT *offsets)
{
    TRACE("iface %p, num_buffers %u, so_targets %p, offsets %p.\n", iface, num_buffers, so_targets, offsets);

    FIXME_ONCE("SOSetTargets is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_DrawAuto(ID3D11DeviceContext *iface)
{
    TRACE("iface %p.\n", iface);

    FIXME_ONCE("DrawAuto is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_DrawIndexedInstancedIndirect(ID3D11DeviceContext *iface,
        ID3D11Buffer *buffer_for_args, UINT aligned_byte_offset_for_args)
{
    TRACE("iface %p, buffer_for_args %p, aligned_byte_offset_for_args %u.\n",
            iface, buffer_for_args, aligned_byte_offset_for_args);

    FIXME_ONCE("DrawIndexedInstancedIndirect is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_DrawInstancedIndirect(ID3D11DeviceContext *iface,
        ID3D11Buffer *buffer_for_args, UINT aligned_byte_offset_for_args)
{
    TRACE("iface %p, buffer_for_args %p, aligned_byte_offset_for_args %u.\n",
            iface, buffer_for_args, aligned_byte_offset_for_args);

    FIXME_ONCE("DrawInstancedIndirect is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_Dispatch(ID3D11DeviceContext *iface, UINT thread_group_count_x,
        UINT thread_group_count_y, UINT thread_group_count_z)
{
    TRACE("iface %p, thread_group_count_x %u, thread_group_count_y %u, thread_group_count_z %u.\n",
            iface, thread_group_count_x, thread_group_count_y, thread_group_count_z);

    FIXME_ONCE("Dispatch is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_DispatchIndirect(ID3D11DeviceContext *iface,
        ID3D11Buffer *buffer_for_args, UINT aligned_byte_offset_for_args)
{
    TRACE("iface %p, buffer_for_args %p, aligned_byte_offset_for_args %u.\n",
            iface, buffer_for_args, aligned_byte_offset_for_args);

    FIXME_ONCE("DispatchIndirect is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_RSSetState(ID3D11DeviceContext *iface,
        ID3D11RasterizerState *rasterizer_state)
{
    TRACE("iface %p, rasterizer_state %p.\n", iface, rasterizer_state);

    FIXME_ONCE("RSSetState is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_RSSetViewports(ID3D11DeviceContext *iface, UINT num_viewports,
        const D3D11_VIEWPORT *viewports)
{
    TRACE("iface %p, num_viewports %u, viewports %p.\n", iface, num_viewports, viewports);

    FIXME_ONCE("RSSetViewports is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_RSSetScissorRects(ID3D11DeviceContext *iface, UINT num_rects,
        const D3D11_RECT *rects)
{
    TRACE("iface %p, num_rects %u, rects %p.\n", iface, num_rects, rects);

    FIXME_ONCE("RSSetScissorRects is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_CopyStructureCount(ID3D11DeviceContext *iface,
        ID3D11Buffer *dst_buffer, UINT dst_aligned_byte_offset, ID3D11UnorderedAccessView *src_view)
{
    TRACE("iface %p, dst_buffer %p, dst_aligned_byte_offset %u, src_view %p.\n",
            iface, dst_buffer, dst_aligned_byte_offset, src_view);

    FIXME_ONCE("CopyStructureCount is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_ClearRenderTargetView(ID3D11DeviceContext *iface,
        ID3D11RenderTargetView *render_target_view, const FLOAT color_rgba[4])
{
    TRACE("iface %p, render_target_view %p, color_rgba %p.\n", iface, render_target_view, color_rgba);

    FIXME_ONCE("ClearRenderTargetView is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_ClearUnorderedAccessViewUint(ID3D11DeviceContext *iface,
        ID3D11UnorderedAccessView *unordered_access_view, const UINT values[4])
{
    TRACE("iface %p, unordered_access_view %p, values %p.\n", iface, unordered_access_view, values);

    FIXME_ONCE("ClearUnorderedAccessViewUint is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_ClearUnorderedAccessViewFloat(ID3D11DeviceContext *iface,
        ID3D11UnorderedAccessView *unordered_access_view, const FLOAT values[4])
{
    TRACE("iface %p, unordered_access_view %p, values %p.\n", iface, unordered_access_view, values);

    FIXME_ONCE("ClearUnorderedAccessViewFloat is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_ClearDepthStencilView(ID3D11DeviceContext *iface,
        ID3D11DepthStencilView *depth_stencil_view, UINT clear_flags, FLOAT depth, UINT8 stencil)
{
    TRACE("iface %p, depth_stencil_view %p, clear_flags %u, depth %.8e, stencil %#x.\n",
            iface, depth_stencil_view, clear_flags, depth, stencil);

    FIXME_ONCE("ClearDepthStencilView is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_GenerateMips(ID3D11DeviceContext *iface,
        ID3D11ShaderResourceView *shader_resource_view)
{
    TRACE("iface %p, shader_resource_view %p.\n", iface, shader_resource_view);

    FIXME_ONCE("GenerateMips is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_SetResourceMinLOD(ID3D11DeviceContext *iface,
        ID3D11Resource *resource, FLOAT min_lod)
{
    TRACE("iface %p, resource %p, min_lod %.8e.\n", iface, resource, min_lod);

    FIXME_ONCE("SetResourceMinLOD is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_ResolveSubresource(ID3D11DeviceContext *iface,
        ID3D11Resource *dst_resource, UINT dst_subresource, ID3D11Resource *src_resource, UINT src_subresource,
        DXGI_FORMAT format)
{
    TRACE("iface %p, dst_resource %p, dst_subresource %u, src_resource %p, src_subresource %u, format %s.\n",
            iface, dst_resource, dst_subresource, src_resource, src_subresource, debug_dxgi_format(format));

    FIXME_ONCE("ResolveSubresource is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_ExecuteCommandList(ID3D11DeviceContext *iface,
        ID3D11CommandList *command_list, BOOL restore_context_state)
{
    TRACE("iface %p, command_list %p, restore_context_state %#x.\n", iface, command_list, restore_context_state);

    FIXME_ONCE("ExecuteCommandList is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_immediate_context_CSSetUnorderedAccessViews(ID3D11DeviceContext *iface,
        UINT start_slot, UINT num_ua_vs, ID3D11UnorderedAccessView *const *unordered_access_views,
        const UINT *uav_initial_counts)
{
    TRACE("iface %p, start_slot %u, num_ua_vs %u, unordered_access_views %p, uav_initial_counts %p.\n",
            iface, start_slot, num_ua_vs, unordered_access_views, uav_initial_counts);

    FIXME_ONCE("CSSetUnorderedAccessViews is not implemented.\n");
}

static const struct ID3D11DeviceContextVtbl d3d11_immediate_context_vtbl =
{
    /* IUnknown methods */
    d3d11_immediate_context_QueryInterface,
    d3d11_immediate_context_AddRef,
    d3d11_immediate_context_Release,
    /* ID3D11DeviceChild methods */
    d3d11_immediate_context_GetDevice,
    d3d11_immediate_context_GetPrivateData,
    d3d11_immediate_context_SetPrivateData,
    d3d11_immediate_context_SetPrivateDataInterface,
    /* ID3D11DeviceContext methods */
    d3d11_immediate_context_VSSetConstantBuffers,
    d3d11_immediate_context_PSSetShaderResources,
    d3d11_immediate_context_PSSetShader,
    d3d11_immediate_context_PSSetSamplers,
    d3d11_immediate_context_VSSetShader,
    d3d11_immediate_context_DrawIndexed,
    d3d11_immediate_context_Draw,
    d3d11_immediate_context_Map,
    d3d11_immediate_context_Unmap,
    d3d11_immediate_context_PSSetConstantBuffers,
    d3d11_immediate_context_IASetInputLayout,
    d3d11_immediate_context_IASetVertexBuffers,
    d3d11_immediate_context_IASetIndexBuffer,
    d3d11_immediate_context_DrawIndexedInstanced,
    d3d11_immediate_context_DrawInstanced,
    d3d11_immediate_context_GSSetConstantBuffers,
    d3d11_immediate_context_GSSetShader,
    d3d11_immediate_context_IASetPrimitiveTopology,
    d3d11_immediate_context_VSSetShaderResources,
    d3d11_immediate_context_VSSetSamplers,
    d3d11_immediate_context_Begin,
    d3d11_immediate_context_End,
    d3d11_immediate_context_GetData,
    d3d11_immediate_context_SetPredication,
    d3d11_immediate_context_GSSetShaderResources,
    d3d11_immediate_context_GSSetSamplers,
    d3d11_immediate_context_OMSetRenderTargets,
    d3d11_immediate_context_OMSetRenderTargetsAndUnorderedAccessViews,
    d3d11_immediate_context_OMSetBlendState,
    d3d11_immediate_context_OMSetDepthStencilState,
    d3d11_immediate_context_SOSetTargets,
    d3d11_immediate_context_DrawAuto,
    d3d11_immediate_context_DrawIndexedInstancedIndirect,
    d3d11_immediate_context_DrawInstancedIndirect,
    d3d11_immediate_context_Dispatch,
    d3d11_immediate_context_DispatchIndirect,
    d3d11_immediate_context_RSSetState,
    d3d11_immediate_context_RSSetViewports,
    d3d11_immediate_context_RSSetScissorRects,
    d3d11_immediate_context_CopySubresourceRegion,
    d3d11_immediate_context_CopyResource,
    d3d11_immediate_context_UpdateSubresource,
    d3d11_immediate_context_CopyStructureCount,
    d3d11_immediate_context_ClearRenderTargetView,
    d3d11_immediate_context_ClearUnorderedAccessViewUint,
    d3d11_immediate_context_ClearUnorderedAccessViewFloat,
    d3d11_immediate_context_ClearDepthStencilView,
    d3d11_immediate_context_GenerateMips,
    d3d11_immediate_context_SetResourceMinLOD,
    d3d11_immediate_context_GetResourceMinLOD,
    d3d11_immediate_context_ResolveSubresource,
    d3d11_immediate_context_ExecuteCommandList,
    d3d11_immediate_context_HSSetShaderResources,
    d3d11_immediate_context_HSSetShader,
    d3d11_immediate_context_HSSetSamplers,
    d3d11_immediate_context_HSSetConstantBuffers,
    d3d11_immediate_context_DSSetShaderResources,
    d3d11_immediate_context_DSSetShader,
    d3d11_immediate_context_DSSetSamplers,
    d3d11_immediate_context_DSSetConstantBuffers,
    d3d11_immediate_context_CSSetShaderResources,
    d3d11_immediate_context_CSSetUnorderedAccessViews,
    d3d11_immediate_context_CSSetShader,
    d3d11_immediate_context_CSSetSamplers,
    d3d11_immediate_context_CSSetConstantBuffers,
    d3d11_immediate_context_VSGetConstantBuffers,
    d3d11_immediate_context_PSGetShaderResources,
    d3d11_immediate_context_PSGetShader,
    d3d11_immediate_context_PSGetSamplers,
    d3d11_immediate_context_VSGetShader,
    d3d11_immediate_context_PSGetConstantBuffers,
    d3d11_immediate_context_IAGetInputLayout,
    d3d11_immediate_context_IAGetVertexBuffers,
    d3d11_immediate_context_IAGetIndexBuffer,
    d3d11_immediate_context_GSGetConstantBuffers,
    d3d11_immediate_context_GSGetShader,
    d3d11_immediate_context_IAGetPrimitiveTopology,
    d3d11_immediate_context_VSGetShaderResources,
    d3d11_immediate_context_VSGetSamplers,
    d3d11_immediate_context_GetPredication,
    d3d11_immediate_context_GSGetShaderResources,
    d3d11_immediate_context_GSGetSamplers,
    d3d11_immediate_context_OMGetRenderTargets,
    d3d11_immediate_context_OMGetRenderTargetsAndUnorderedAccessViews,
    d3d11_immediate_context_OMGetBlendState,
    d3d11_immediate_context_OMGetDepthStencilState,
    d3d11_immediate_context_SOGetTargets,
    d3d11_immediate_context_RSGetState,
    d3d11_immediate_context_RSGetViewports,
    d3d11_immediate_context_RSGetScissorRects,
    d3d11_immediate_context_HSGetShaderResources,
    d3d11_immediate_context_HSGetShader,
    d3d11_immediate_context_HSGetSamplers,
    d3d11_immediate_context_HSGetConstantBuffers,
    d3d11_immediate_context_DSGetShaderResources,
    d3d11_immediate_context_DSGetShader,
    d3d11_immediate_context_DSGetSamplers,
    d3d11_immediate_context_DSGetConstantBuffers,
    d3d11_immediate_context_CSGetShaderResources,
    d3d11_immediate_context_CSGetUnorderedAccessViews,
    d3d11_immediate_context_CSGetShader,
    d3d11_immediate_context_CSGetSamplers,
    d3d11_immediate_context_CSGetConstantBuffers,
    d3d11_immediate_context_ClearState,
    d3d11_immediate_context_Flush,
    d3d11_immediate_context_GetType,
    d3d11_immediate_context_GetContextFlags,
    d3d11_immediate_context_FinishCommandList,
};

/* ID3D11Multithread on the immediate context: the same device-wide lock as the device's. */

static inline struct d3d11_immediate_context *impl_from_ID3D11Multithread(ID3D11Multithread *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_immediate_context, ID3D11Multithread_iface);
}

static HRESULT STDMETHODCALLTYPE d3d11_context_multithread_QueryInterface(ID3D11Multithread *iface,
        REFIID iid, void **out)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11Multithread(iface);

    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    return ID3D11DeviceContext_QueryInterface(&context->ID3D11DeviceContext_iface, iid, out);
}

static ULONG STDMETHODCALLTYPE d3d11_context_multithread_AddRef(ID3D11Multithread *iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11Multithread(iface);

    TRACE("iface %p.\n", iface);

    return ID3D11DeviceContext_AddRef(&context->ID3D11DeviceContext_iface);
}

static ULONG STDMETHODCALLTYPE d3d11_context_multithread_Release(ID3D11Multithread *iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11Multithread(iface);

    TRACE("iface %p.\n", iface);

    return ID3D11DeviceContext_Release(&context->ID3D11DeviceContext_iface);
}

static void STDMETHODCALLTYPE d3d11_context_multithread_Enter(ID3D11Multithread *iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11Multithread(iface);

    TRACE("iface %p.\n", iface);

    ID3D11Multithread_Enter(&context->device->ID3D11Multithread_iface);
}

static void STDMETHODCALLTYPE d3d11_context_multithread_Leave(ID3D11Multithread *iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11Multithread(iface);

    TRACE("iface %p.\n", iface);

    ID3D11Multithread_Leave(&context->device->ID3D11Multithread_iface);
}

static BOOL STDMETHODCALLTYPE d3d11_context_multithread_SetMultithreadProtected(ID3D11Multithread *iface,
        BOOL enable)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11Multithread(iface);

    TRACE("iface %p, enable %#x.\n", iface, enable);

    return ID3D11Multithread_SetMultithreadProtected(&context->device->ID3D11Multithread_iface, enable);
}

static BOOL STDMETHODCALLTYPE d3d11_context_multithread_GetMultithreadProtected(ID3D11Multithread *iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11Multithread(iface);

    TRACE("iface %p.\n", iface);

    return ID3D11Multithread_GetMultithreadProtected(&context->device->ID3D11Multithread_iface);
}

static const struct ID3D11MultithreadVtbl d3d11_context_multithread_vtbl =
{
    /* IUnknown methods */
    d3d11_context_multithread_QueryInterface,
    d3d11_context_multithread_AddRef,
    d3d11_context_multithread_Release,
    /* ID3D11Multithread methods */
    d3d11_context_multithread_Enter,
    d3d11_context_multithread_Leave,
    d3d11_context_multithread_SetMultithreadProtected,
    d3d11_context_multithread_GetMultithreadProtected,
};

HRESULT d3d11_immediate_context_init(struct d3d11_immediate_context *context, struct d3d11_device *device)
{
    HRESULT hr;

    context->ID3D11DeviceContext_iface.lpVtbl = &d3d11_immediate_context_vtbl;
    context->ID3D11Multithread_iface.lpVtbl = &d3d11_context_multithread_vtbl;
    d3d11_video_context_init_vtbl(context);
    context->refcount = 0;
    context->device = device;
    vkdva_private_store_init(&context->private_store);
    if (FAILED(hr = vkdva_command_stream_init(&context->stream, device, &device->compute_queue)))
    {
        vkdva_private_store_destroy(&context->private_store);
        return hr;
    }
    return S_OK;
}

void d3d11_immediate_context_destroy(struct d3d11_immediate_context *context)
{
    vkdva_command_stream_destroy(&context->stream);
    vkdva_private_store_destroy(&context->private_store);
}
