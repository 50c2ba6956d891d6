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

/* The one file that defines the IIDs and GUIDs of the headers. */
#include <initguid.h>
#include "vkdva_private.h"

/* The public entry points of include/vkdva.h. */

static void vkdva_log_sink(void *context, enum vkdva_dbg_level level, const char *message)
{
    const struct vkdva_log_info *info = context;

    info->callback(info->context, (enum vkdva_log_level)level, message);
}

static struct vkdva_log_info vkdva_log_target;

void vkdva_set_log_callback(PFN_vkdva_log_callback callback, void *context)
{
    /* The sink reads vkdva_log_target under the debug lock; updating it through
     * vkdva_dbg_set_sink() (which takes that lock) keeps the pair consistent. */
    vkdva_dbg_set_sink(NULL, NULL);
    vkdva_log_target.callback = callback;
    vkdva_log_target.context = context;
    if (callback)
        vkdva_dbg_set_sink(vkdva_log_sink, &vkdva_log_target);
}

/* Checks a create-info chain: known types only, each at most once. */
static HRESULT vkdva_validate_chain(const struct vkdva_device_create_info *create_info)
{
    const struct vkdva_device_create_info *s;
    uint32_t seen = 0, bit;

    if (create_info->type != VKDVA_STRUCTURE_TYPE_DEVICE_CREATE_INFO)
    {
        WARN("Invalid create-info type %#x.\n", create_info->type);
        return E_INVALIDARG;
    }
    if (create_info->api_version > VKDVA_API_VERSION_CURRENT)
    {
        WARN("Unknown API version %#x.\n", create_info->api_version);
        return E_INVALIDARG;
    }
    if (create_info->flags & ~VKDVA_DEVICE_FLAG_VALIDATION)
    {
        WARN("Unknown flags %#x.\n", create_info->flags);
        return E_INVALIDARG;
    }
    for (s = create_info->next; s; s = s->next)
    {
        switch (s->type)
        {
            case VKDVA_STRUCTURE_TYPE_PHYSICAL_DEVICE_SELECT_INFO:
            case VKDVA_STRUCTURE_TYPE_VULKAN_ADOPT_INFO:
            case VKDVA_STRUCTURE_TYPE_LOG_INFO:
                break;
            case VKDVA_STRUCTURE_TYPE_DECODE_BACKEND_INFO:
            {
                const struct vkdva_decode_backend_info *info = (const struct vkdva_decode_backend_info *)s;

                if (info->backend > VKDVA_DECODE_BACKEND_SOFTWARE)
                {
                    WARN("Unknown decode backend %#x.\n", info->backend);
                    return E_INVALIDARG;
                }
                break;
            }
            default:
                WARN("Unexpected structure type %#x in the create-info chain.\n", s->type);
                return E_INVALIDARG;
        }
        bit = 1u << s->type;
        if (seen & bit)
        {
            WARN("Structure type %#x appears twice in the create-info chain.\n", s->type);
            return E_INVALIDARG;
        }
        seen |= bit;
    }
    return S_OK;
}

HRESULT vkdva_create_device(const struct vkdva_device_create_info *create_info, REFIID iid, void **out)
{
    const struct vkdva_device_create_info *s;
    struct d3d11_device *device;
    HRESULT hr;

    TRACE("create_info %p, iid %s, out %p.\n", create_info, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!iid)
    {
        WARN("NULL iid.\n");
        return E_INVALIDARG;
    }
    if (create_info)
    {
        if (FAILED(hr = vkdva_validate_chain(create_info)))
            return hr;
        for (s = create_info->next; s; s = s->next)
        {
            if (s->type == VKDVA_STRUCTURE_TYPE_LOG_INFO)
            {
                const struct vkdva_log_info *log_info = (const struct vkdva_log_info *)s;

                vkdva_set_log_callback(log_info->callback, log_info->context);
            }
        }
    }

    if (FAILED(hr = d3d11_device_create(create_info, &device)))
        return hr;
    hr = ID3D11Device_QueryInterface(&device->ID3D11Device_iface, iid, out);
    ID3D11Device_Release(&device->ID3D11Device_iface);
    return hr;
}

HRESULT vkdva_get_vk_device_info(ID3D11Device *iface, struct vkdva_vk_device_info *info)
{
    struct d3d11_device *device;

    TRACE("iface %p, info %p.\n", iface, info);

    if (!(device = unsafe_impl_from_ID3D11Device(iface)) || !info
            || info->type != VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO)
    {
        WARN("Invalid device %p or info %p.\n", iface, info);
        return E_INVALIDARG;
    }
    info->vk_instance = device->vk_instance;
    info->vk_physical_device = device->vk_physical_device;
    info->vk_device = device->vk_device;
    memcpy(info->device_uuid, device->caps.device_uuid, VK_UUID_SIZE);
    info->vkGetInstanceProcAddr = device->vk_procs.vkGetInstanceProcAddr;
    info->compute_queue_family_index = device->compute_queue.family_index;
    info->decode_queue_family_index = device->decode_queues[0].family_index;
    info->api_version = device->caps.api_version;
    return S_OK;
}

HRESULT vkdva_create_texture_from_vk_image(ID3D11Device *iface, const struct vkdva_vk_image_info *info,
        ID3D11Texture2D **texture)
{
    struct d3d11_texture2d *object;
    struct d3d11_device *device;
    HRESULT hr;

    TRACE("iface %p, info %p, texture %p.\n", iface, info, texture);

    if (!texture)
        return E_POINTER;
    *texture = NULL;
    if (!(device = unsafe_impl_from_ID3D11Device(iface)) || !info || info->type != VKDVA_STRUCTURE_TYPE_VK_IMAGE_INFO)
    {
        WARN("Invalid device %p or info %p.\n", iface, info);
        return E_INVALIDARG;
    }
    if (FAILED(hr = d3d11_texture2d_create_wrapped(device, info, &object)))
        return hr;
    *texture = &object->ID3D11Texture2D_iface;
    return S_OK;
}

HRESULT vkdva_get_vk_image_info(ID3D11Texture2D *iface, struct vkdva_vk_image_info *info)
{
    struct d3d11_texture2d *texture;

    TRACE("iface %p, info %p.\n", iface, info);

    if (!(texture = unsafe_impl_from_ID3D11Texture2D(iface)) || !info || info->type != VKDVA_STRUCTURE_TYPE_VK_IMAGE_INFO)
    {
        WARN("Invalid texture %p or info %p.\n", iface, info);
        return E_INVALIDARG;
    }
    if (!texture->vk_image)
    {
        WARN("Texture %p is a staging texture, backed by a buffer.\n", texture);
        return E_INVALIDARG;
    }
    info->vk_image = texture->vk_image;
    info->vk_layout = texture->vk_layout;
    info->vk_create_info = texture->vk_image_info;
    return S_OK;
}
