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

/* AES-128-CTR passes on the GPU (DESIGN decision 4). */

#include "vkdva_private.h"

HRESULT vkdva_cmd_aes_ctr(struct d3d11_device *device, VkCommandBuffer vk_cmd,
        VkBuffer src, VkDeviceSize src_offset, VkBuffer dst, VkDeviceSize dst_offset, VkDeviceSize size,
        const struct vkdva_ctr_params *from, const struct vkdva_ctr_params *to,
        const D3D11_ENCRYPTED_BLOCK_INFO *pattern)
{
    FIXME("GPU AES is not implemented yet.\n");
    return E_NOTIMPL;
}

void vkdva_aes_device_cleanup(struct d3d11_device *device)
{
}
