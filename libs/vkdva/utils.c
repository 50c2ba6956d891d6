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

HRESULT hresult_from_vk_result(VkResult vr)
{
    switch (vr)
    {
        case VK_SUCCESS:
            return S_OK;
        case VK_ERROR_OUT_OF_DEVICE_MEMORY:
            WARN("Out of device memory.\n");
            /* fall through */
        case VK_ERROR_OUT_OF_HOST_MEMORY:
        case VK_ERROR_OUT_OF_POOL_MEMORY:
        case VK_ERROR_TOO_MANY_OBJECTS:
            return E_OUTOFMEMORY;
        case VK_ERROR_DEVICE_LOST:
            WARN("Device lost.\n");
            return DXGI_ERROR_DEVICE_REMOVED;
        case VK_ERROR_FORMAT_NOT_SUPPORTED:
        case VK_ERROR_FEATURE_NOT_PRESENT:
        case VK_ERROR_EXTENSION_NOT_PRESENT:
        case VK_ERROR_IMAGE_USAGE_NOT_SUPPORTED_KHR:
        case VK_ERROR_VIDEO_PROFILE_OPERATION_NOT_SUPPORTED_KHR:
        case VK_ERROR_VIDEO_PROFILE_FORMAT_NOT_SUPPORTED_KHR:
        case VK_ERROR_VIDEO_PROFILE_CODEC_NOT_SUPPORTED_KHR:
        case VK_ERROR_VIDEO_STD_VERSION_NOT_SUPPORTED_KHR:
            WARN("Unsupported, vr %d.\n", vr);
            return E_INVALIDARG;
        default:
            ERR("Unhandled VkResult %d.\n", vr);
            return E_FAIL;
    }
}

/* Private data. */

void vkdva_private_store_init(struct vkdva_private_store *store)
{
    pthread_mutex_init(&store->mutex, NULL);
    store->entries = NULL;
    store->entries_size = 0;
    store->entry_count = 0;
}

static void vkdva_private_data_clear(struct vkdva_private_data *entry)
{
    if (entry->is_object)
    {
        if (entry->u.object)
            IUnknown_Release(entry->u.object);
    }
    else
    {
        vkdva_free(entry->u.data);
    }
}

void vkdva_private_store_destroy(struct vkdva_private_store *store)
{
    size_t i;

    for (i = 0; i < store->entry_count; ++i)
        vkdva_private_data_clear(&store->entries[i]);
    vkdva_free(store->entries);
    pthread_mutex_destroy(&store->mutex);
}

static struct vkdva_private_data *vkdva_private_store_find(struct vkdva_private_store *store, const GUID *tag)
{
    size_t i;

    for (i = 0; i < store->entry_count; ++i)
    {
        if (IsEqualGUID(&store->entries[i].tag, tag))
            return &store->entries[i];
    }
    return NULL;
}

HRESULT vkdva_private_store_get(struct vkdva_private_store *store, const GUID *tag, UINT *size, void *data)
{
    struct vkdva_private_data *entry;
    HRESULT hr = S_OK;

    if (!tag || !size)
    {
        WARN("Invalid tag %p or size %p.\n", tag, size);
        return E_INVALIDARG;
    }

    pthread_mutex_lock(&store->mutex);
    if (!(entry = vkdva_private_store_find(store, tag)))
    {
        *size = 0;
        hr = DXGI_ERROR_NOT_FOUND;
    }
    else if (!data)
    {
        *size = entry->size;
    }
    else if (*size < entry->size)
    {
        WARN("Buffer of %u bytes is too small for %u bytes.\n", *size, entry->size);
        *size = entry->size;
        hr = DXGI_ERROR_MORE_DATA;
    }
    else
    {
        *size = entry->size;
        if (entry->is_object)
        {
            if (entry->u.object)
                IUnknown_AddRef(entry->u.object);
            memcpy(data, &entry->u.object, sizeof(entry->u.object));
        }
        else
        {
            memcpy(data, entry->u.data, entry->size);
        }
    }
    pthread_mutex_unlock(&store->mutex);
    return hr;
}

static HRESULT vkdva_private_store_put(struct vkdva_private_store *store, const GUID *tag,
        const struct vkdva_private_data *new_entry)
{
    struct vkdva_private_data *entry;

    pthread_mutex_lock(&store->mutex);
    if ((entry = vkdva_private_store_find(store, tag)))
    {
        vkdva_private_data_clear(entry);
    }
    else
    {
        if (!vkdva_array_reserve((void **)&store->entries, &store->entries_size,
                store->entry_count + 1, sizeof(*store->entries)))
        {
            pthread_mutex_unlock(&store->mutex);
            return E_OUTOFMEMORY;
        }
        entry = &store->entries[store->entry_count++];
    }
    *entry = *new_entry;
    entry->tag = *tag;
    pthread_mutex_unlock(&store->mutex);
    return S_OK;
}

static void vkdva_private_store_remove(struct vkdva_private_store *store, const GUID *tag)
{
    struct vkdva_private_data *entry;

    pthread_mutex_lock(&store->mutex);
    if ((entry = vkdva_private_store_find(store, tag)))
    {
        vkdva_private_data_clear(entry);
        *entry = store->entries[--store->entry_count];
    }
    pthread_mutex_unlock(&store->mutex);
}

HRESULT vkdva_private_store_set(struct vkdva_private_store *store, const GUID *tag, UINT size, const void *data)
{
    struct vkdva_private_data entry = {0};
    HRESULT hr;

    if (!tag)
        return E_INVALIDARG;
    if (!data)
    {
        vkdva_private_store_remove(store, tag);
        return S_OK;
    }
    if (!(entry.u.data = vkdva_malloc(size ? size : 1)))
        return E_OUTOFMEMORY;
    memcpy(entry.u.data, data, size);
    entry.size = size;
    if (FAILED(hr = vkdva_private_store_put(store, tag, &entry)))
        vkdva_free(entry.u.data);
    return hr;
}

HRESULT vkdva_private_store_set_interface(struct vkdva_private_store *store, const GUID *tag,
        const IUnknown *object)
{
    struct vkdva_private_data entry = {0};
    HRESULT hr;

    if (!tag)
        return E_INVALIDARG;
    if (!object)
    {
        vkdva_private_store_remove(store, tag);
        return S_OK;
    }
    entry.is_object = true;
    entry.size = sizeof(object);
    entry.u.object = (IUnknown *)object;
    IUnknown_AddRef(entry.u.object);
    if (FAILED(hr = vkdva_private_store_put(store, tag, &entry)))
        IUnknown_Release(entry.u.object);
    return hr;
}

/* Formats. D3D11 planar formats are laid out as on Windows: the luma plane, then the chroma
 * plane starting RowPitch * Height bytes in (D3D11_MAPPED_SUBRESOURCE for NV12, P010, P016).
 * Packed YUV formats whose Vulkan equivalents are block formats (YUY2) or that Vulkan has
 * no name for (AYUV, Y410, Y416) are backed by a same-sized RGBA format; only vkdva's own
 * shaders interpret their channels. */
static const struct vkdva_format vkdva_formats[] =
{
    {DXGI_FORMAT_NV12, VK_FORMAT_G8_B8R8_2PLANE_420_UNORM, VKDVA_FORMAT_CLASS_PLANAR_420, 2,
            {VK_FORMAT_R8_UNORM, VK_FORMAT_R8G8_UNORM}, {1, 2}, {0, 1}, {0, 1}, 2, 2, true},
    {DXGI_FORMAT_P010, VK_FORMAT_G10X6_B10X6R10X6_2PLANE_420_UNORM_3PACK16, VKDVA_FORMAT_CLASS_PLANAR_420, 2,
            {VK_FORMAT_R10X6_UNORM_PACK16, VK_FORMAT_R10X6G10X6_UNORM_2PACK16}, {2, 4}, {0, 1}, {0, 1}, 2, 2, true},
    {DXGI_FORMAT_P016, VK_FORMAT_G16_B16R16_2PLANE_420_UNORM, VKDVA_FORMAT_CLASS_PLANAR_420, 2,
            {VK_FORMAT_R16_UNORM, VK_FORMAT_R16G16_UNORM}, {2, 4}, {0, 1}, {0, 1}, 2, 2, true},
    {DXGI_FORMAT_YUY2, VK_FORMAT_R8G8B8A8_UNORM, VKDVA_FORMAT_CLASS_PACKED_422, 1,
            {VK_FORMAT_R8G8B8A8_UNORM}, {4}, {1}, {0}, 2, 1, true},
    {DXGI_FORMAT_AYUV, VK_FORMAT_R8G8B8A8_UNORM, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_R8G8B8A8_UNORM}, {4}, {0}, {0}, 1, 1, true},
    {DXGI_FORMAT_Y410, VK_FORMAT_A2B10G10R10_UNORM_PACK32, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_A2B10G10R10_UNORM_PACK32}, {4}, {0}, {0}, 1, 1, true},
    {DXGI_FORMAT_Y416, VK_FORMAT_R16G16B16A16_UNORM, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_R16G16B16A16_UNORM}, {8}, {0}, {0}, 1, 1, true},
    {DXGI_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_B8G8R8A8_UNORM, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_B8G8R8A8_UNORM}, {4}, {0}, {0}, 1, 1, false},
    {DXGI_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_R8G8B8A8_UNORM}, {4}, {0}, {0}, 1, 1, false},
    {DXGI_FORMAT_R10G10B10A2_UNORM, VK_FORMAT_A2B10G10R10_UNORM_PACK32, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_A2B10G10R10_UNORM_PACK32}, {4}, {0}, {0}, 1, 1, false},
    {DXGI_FORMAT_R16G16B16A16_FLOAT, VK_FORMAT_R16G16B16A16_SFLOAT, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_R16G16B16A16_SFLOAT}, {8}, {0}, {0}, 1, 1, false},
    {DXGI_FORMAT_R8_UNORM, VK_FORMAT_R8_UNORM, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_R8_UNORM}, {1}, {0}, {0}, 1, 1, false},
    {DXGI_FORMAT_R8G8_UNORM, VK_FORMAT_R8G8_UNORM, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_R8G8_UNORM}, {2}, {0}, {0}, 1, 1, false},
    {DXGI_FORMAT_R16_UNORM, VK_FORMAT_R16_UNORM, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_R16_UNORM}, {2}, {0}, {0}, 1, 1, false},
    {DXGI_FORMAT_R16G16_UNORM, VK_FORMAT_R16G16_UNORM, VKDVA_FORMAT_CLASS_COLOR, 1,
            {VK_FORMAT_R16G16_UNORM}, {4}, {0}, {0}, 1, 1, false},
};

const struct vkdva_format *vkdva_get_format(DXGI_FORMAT format)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(vkdva_formats); ++i)
    {
        if (vkdva_formats[i].dxgi_format == format)
            return &vkdva_formats[i];
    }
    return NULL;
}

/* Maps a wrapped image's format back; where several DXGI formats share a VkFormat the
 * non-video one wins (a host's RGBA image is R8G8B8A8_UNORM, not AYUV). */
const struct vkdva_format *vkdva_get_format_from_vk(VkFormat vk_format)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(vkdva_formats); ++i)
    {
        if (vkdva_formats[i].vk_format == vk_format && !vkdva_formats[i].is_video)
            return &vkdva_formats[i];
    }
    for (i = 0; i < ARRAY_SIZE(vkdva_formats); ++i)
    {
        if (vkdva_formats[i].vk_format == vk_format && vkdva_formats[i].format_class != VKDVA_FORMAT_CLASS_PACKED_422)
            return &vkdva_formats[i];
    }
    return NULL;
}

const char *debug_dxgi_format(DXGI_FORMAT format)
{
    switch (format)
    {
#define X(f) case DXGI_FORMAT_##f: return "DXGI_FORMAT_" #f;
        X(UNKNOWN)
        X(NV12)
        X(P010)
        X(P016)
        X(YUY2)
        X(AYUV)
        X(Y410)
        X(Y416)
        X(B8G8R8A8_UNORM)
        X(R8G8B8A8_UNORM)
        X(R10G10B10A2_UNORM)
        X(R16G16B16A16_FLOAT)
        X(R8_UNORM)
        X(R8G8_UNORM)
        X(R16_UNORM)
        X(R16G16_UNORM)
#undef X
        default:
            return vkdva_dbg_sprintf("%#x", format);
    }
}
