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

/* The interop entry points a host D3D11 implementation uses: wrap a VkImage of vkdva's own
 * VkDevice as an ID3D11Texture2D, and get the VkImage behind a vkdva texture. */

#include <initguid.h>
#include "d3d11_utils.h"

struct vk_funcs
{
    PFN_vkGetDeviceProcAddr get_device_proc;
    PFN_vkCreateImage create_image;
    PFN_vkDestroyImage destroy_image;
    PFN_vkGetImageMemoryRequirements get_image_memory_requirements;
    PFN_vkAllocateMemory allocate_memory;
    PFN_vkFreeMemory free_memory;
    PFN_vkBindImageMemory bind_image_memory;
    PFN_vkGetPhysicalDeviceMemoryProperties get_memory_properties;
    PFN_vkDeviceWaitIdle device_wait_idle;
};

static void load_vk_funcs(const struct vkdva_vk_device_info *info, struct vk_funcs *vk)
{
    vk->get_device_proc = (PFN_vkGetDeviceProcAddr)info->vkGetInstanceProcAddr(info->vk_instance,
            "vkGetDeviceProcAddr");
    vk->get_memory_properties = (PFN_vkGetPhysicalDeviceMemoryProperties)info->vkGetInstanceProcAddr(
            info->vk_instance, "vkGetPhysicalDeviceMemoryProperties");
#define LOAD(f, n) vk->f = (PFN_##n)vk->get_device_proc(info->vk_device, #n)
    LOAD(create_image, vkCreateImage);
    LOAD(destroy_image, vkDestroyImage);
    LOAD(get_image_memory_requirements, vkGetImageMemoryRequirements);
    LOAD(allocate_memory, vkAllocateMemory);
    LOAD(free_memory, vkFreeMemory);
    LOAD(bind_image_memory, vkBindImageMemory);
    LOAD(device_wait_idle, vkDeviceWaitIdle);
#undef LOAD
}

static void test_wrap_vk_image(void)
{
    struct vkdva_vk_device_info info = {.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO};
    struct vkdva_vk_image_info image_info, out_info;
    ID3D11Texture2D *texture, *staging;
    VkPhysicalDeviceMemoryProperties memory_properties;
    D3D11_TEXTURE2D_DESC desc, staging_desc;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11DeviceContext *context;
    VkMemoryRequirements requirements;
    VkDeviceMemory vk_memory;
    ID3D11Device *device;
    struct vk_funcs vk;
    unsigned int x, y, i;
    BYTE data[32 * 16 * 4];
    VkImage vk_image;
    HRESULT hr;
    VkResult vr;

    VkImageCreateInfo create_info =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
        .imageType = VK_IMAGE_TYPE_2D,
        .format = VK_FORMAT_B8G8R8A8_UNORM,
        .extent = {32, 16, 1},
        .mipLevels = 1,
        .arrayLayers = 2,
        .samples = VK_SAMPLE_COUNT_1_BIT,
        .tiling = VK_IMAGE_TILING_OPTIMAL,
        .usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
        .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
    };

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    ID3D11Device_GetImmediateContext(device, &context);
    hr = vkdva_get_vk_device_info(device, &info);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    load_vk_funcs(&info, &vk);

    /* The host's image, on vkdva's VkDevice. */
    vr = vk.create_image(info.vk_device, &create_info, NULL, &vk_image);
    ok(vr == VK_SUCCESS, "Got unexpected vr %d.\n", vr);
    vk.get_image_memory_requirements(info.vk_device, vk_image, &requirements);
    vk.get_memory_properties(info.vk_physical_device, &memory_properties);
    for (i = 0; i < memory_properties.memoryTypeCount; ++i)
    {
        if ((requirements.memoryTypeBits & (1u << i))
                && (memory_properties.memoryTypes[i].propertyFlags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT))
            break;
    }
    ok(i < memory_properties.memoryTypeCount, "No memory type.\n");
    {
        VkMemoryAllocateInfo alloc_info =
        {
            .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
            .allocationSize = requirements.size,
            .memoryTypeIndex = i,
        };

        vr = vk.allocate_memory(info.vk_device, &alloc_info, NULL, &vk_memory);
        ok(vr == VK_SUCCESS, "Got unexpected vr %d.\n", vr);
    }
    vr = vk.bind_image_memory(info.vk_device, vk_image, vk_memory, 0);
    ok(vr == VK_SUCCESS, "Got unexpected vr %d.\n", vr);

    /* Invalid wraps. */
    memset(&image_info, 0, sizeof(image_info));
    image_info.type = VKDVA_STRUCTURE_TYPE_VK_IMAGE_INFO;
    image_info.vk_image = vk_image;
    image_info.vk_layout = VK_IMAGE_LAYOUT_UNDEFINED;
    image_info.vk_create_info = create_info;
    hr = vkdva_create_texture_from_vk_image(device, &image_info, NULL);
    ok(hr == E_POINTER, "Got unexpected hr %#x.\n", hr);
    image_info.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO;
    hr = vkdva_create_texture_from_vk_image(device, &image_info, &texture);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    image_info.type = VKDVA_STRUCTURE_TYPE_VK_IMAGE_INFO;
    image_info.vk_create_info.format = VK_FORMAT_R32G32B32_SFLOAT;
    hr = vkdva_create_texture_from_vk_image(device, &image_info, &texture);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    image_info.vk_create_info = create_info;
    image_info.vk_create_info.usage = VK_IMAGE_USAGE_SAMPLED_BIT;
    hr = vkdva_create_texture_from_vk_image(device, &image_info, &texture);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    image_info.vk_create_info = create_info;

    hr = vkdva_create_texture_from_vk_image(device, &image_info, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11Texture2D_GetDesc(texture, &desc);
    ok(desc.Width == 32 && desc.Height == 16 && desc.ArraySize == 2 && desc.MipLevels == 1,
            "Got size %ux%u, %u layers, %u levels.\n", desc.Width, desc.Height, desc.ArraySize, desc.MipLevels);
    ok(desc.Format == DXGI_FORMAT_B8G8R8A8_UNORM, "Got format %#x.\n", desc.Format);
    ok(desc.Usage == D3D11_USAGE_DEFAULT, "Got usage %#x.\n", desc.Usage);
    ok(desc.BindFlags == D3D11_BIND_SHADER_RESOURCE, "Got bind flags %#x.\n", desc.BindFlags);

    /* It works as a D3D11 texture: upload, copy back. */
    for (y = 0; y < 16; ++y)
    {
        for (x = 0; x < 32 * 4; ++x)
            data[y * 32 * 4 + x] = (BYTE)(x * 3 + y * 17);
    }
    ID3D11DeviceContext_UpdateSubresource(context, (ID3D11Resource *)texture, 1, NULL, data, 32 * 4, 0);
    staging_desc = desc;
    staging_desc.ArraySize = 1;
    staging_desc.Usage = D3D11_USAGE_STAGING;
    staging_desc.BindFlags = 0;
    staging_desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
    hr = ID3D11Device_CreateTexture2D(device, &staging_desc, NULL, &staging);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11DeviceContext_CopySubresourceRegion(context, (ID3D11Resource *)staging, 0, 0, 0, 0,
            (ID3D11Resource *)texture, 1, NULL);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    for (y = 0; y < 16; ++y)
    {
        if (memcmp((BYTE *)map.pData + y * map.RowPitch, data + y * 32 * 4, 32 * 4))
            break;
    }
    ok(y == 16, "Row %u differs.\n", y);
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);

    /* Back to the VkImage; staging textures have none. */
    memset(&out_info, 0, sizeof(out_info));
    out_info.type = VKDVA_STRUCTURE_TYPE_VK_IMAGE_INFO;
    hr = vkdva_get_vk_image_info(texture, &out_info);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(out_info.vk_image == vk_image, "Got a different image.\n");
    ok(out_info.vk_create_info.format == VK_FORMAT_B8G8R8A8_UNORM, "Got format %d.\n", out_info.vk_create_info.format);
    ok(out_info.vk_create_info.arrayLayers == 2, "Got %u layers.\n", out_info.vk_create_info.arrayLayers);
    ok(!out_info.vk_create_info.pNext, "Got pNext %p.\n", out_info.vk_create_info.pNext);
    hr = vkdva_get_vk_image_info(staging, &out_info);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = vkdva_get_vk_image_info(NULL, &out_info);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    ID3D11Texture2D_Release(staging);
    ok(!ID3D11Texture2D_Release(texture), "Texture has references left.\n");

    /* vkdva's own textures expose their image too: NV12 is a two-plane Vulkan image. */
    memset(&desc, 0, sizeof(desc));
    desc.Width = 64;
    desc.Height = 32;
    desc.MipLevels = 1;
    desc.ArraySize = 4;
    desc.Format = DXGI_FORMAT_NV12;
    desc.SampleDesc.Count = 1;
    desc.Usage = D3D11_USAGE_DEFAULT;
    desc.BindFlags = D3D11_BIND_SHADER_RESOURCE;
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = vkdva_get_vk_image_info(texture, &out_info);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(out_info.vk_create_info.format == VK_FORMAT_G8_B8R8_2PLANE_420_UNORM, "Got format %d.\n",
            out_info.vk_create_info.format);
    ok(out_info.vk_create_info.arrayLayers == 4, "Got %u layers.\n", out_info.vk_create_info.arrayLayers);
    ok(out_info.vk_layout == VK_IMAGE_LAYOUT_GENERAL, "Got layout %d.\n", out_info.vk_layout);
    ID3D11Texture2D_Release(texture);

    ID3D11DeviceContext_Flush(context);
    ID3D11DeviceContext_Release(context);
    /* The caller destroys its image once vkdva is done with it. */
    vk.device_wait_idle(info.vk_device);
    vk.destroy_image(info.vk_device, vk_image, NULL);
    vk.free_memory(info.vk_device, vk_memory, NULL);
    release_device(device);
}

START_TEST(interop)
{
    require_device_or_skip_all();

    run_test(test_wrap_vk_image);
}
