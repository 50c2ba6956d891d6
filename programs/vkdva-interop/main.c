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

/* The worked example of docs/INTEGRATION.md: a host program that owns the Vulkan instance (as a
 * D3D11 implementation such as DXVK or wined3d does) hands it to vkdva, creates its own
 * VkImage on vkdva's VkDevice, wraps it as an ID3D11Texture2D, lets vkdva write video into it
 * through the D3D11 API, and reads the result back with its own Vulkan commands.
 *
 * Steps, each printed as it happens:
 *  1. the host creates a VkInstance and picks a physical device;
 *  2. vkdva_create_device() adopts them (struct vkdva_vulkan_adopt_info);
 *  3. vkdva_get_vk_device_info() gives the host vkdva's VkDevice and queue family;
 *  4. the host creates an NV12 VkImage there and vkdva_create_texture_from_vk_image() wraps it;
 *  5. vkdva fills a texture of its own with a test pattern (UpdateSubresource) and copies it
 *     into the host's image (CopySubresourceRegion), then an event query tells the host the
 *     work is done;
 *  6. the host copies its image to a host-visible buffer on the same queue, holding
 *     ID3D10Multithread's lock (vkdva submits to that queue too), and checks every byte. */

#define COBJMACROS
#include <initguid.h>
#include <vkdva.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
# include <windows.h>
#else
# include <dlfcn.h>
#endif

#define WIDTH 64
#define HEIGHT 48

struct host
{
    PFN_vkGetInstanceProcAddr get_instance_proc;
    VkInstance instance;
    VkPhysicalDevice physical_device;
    VkDevice device;
    uint32_t family;
    VkImage image;
    VkDeviceMemory image_memory;
    VkBuffer buffer;
    VkDeviceMemory buffer_memory;
};

#define HOST_PROC(host, name) ((PFN_##name)(host)->get_instance_proc((host)->instance, #name))

static PFN_vkGetInstanceProcAddr load_vulkan(void)
{
#ifdef _WIN32
    HMODULE module = LoadLibraryA("vulkan-1.dll");
    return module ? (PFN_vkGetInstanceProcAddr)(void *)GetProcAddress(module, "vkGetInstanceProcAddr") : NULL;
#else
    void *module = dlopen("libvulkan.so.1", RTLD_NOW);
    return module ? (PFN_vkGetInstanceProcAddr)dlsym(module, "vkGetInstanceProcAddr") : NULL;
#endif
}

static bool check(VkResult vr, const char *what)
{
    if (vr >= 0)
        return true;
    fprintf(stderr, "vkdva-interop: %s failed, VkResult %d.\n", what, vr);
    return false;
}

static int find_memory_type(struct host *host, uint32_t type_bits, VkMemoryPropertyFlags flags)
{
    VkPhysicalDeviceMemoryProperties properties;
    uint32_t i;

    HOST_PROC(host, vkGetPhysicalDeviceMemoryProperties)(host->physical_device, &properties);
    for (i = 0; i < properties.memoryTypeCount; ++i)
    {
        if ((type_bits & (1u << i)) && (properties.memoryTypes[i].propertyFlags & flags) == flags)
            return i;
    }
    return -1;
}

/* Step 1: the host's own instance, as a D3D11 implementation creates it. */
static bool host_create_instance(struct host *host)
{
    VkApplicationInfo app_info =
    {
        .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
        .pApplicationName = "vkdva-interop",
        .apiVersion = VK_API_VERSION_1_3,
    };
    VkInstanceCreateInfo instance_info =
    {
        .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
        .pApplicationInfo = &app_info,
    };
    PFN_vkEnumeratePhysicalDevices enumerate;
    uint32_t count = 1;

    if (!(host->get_instance_proc = load_vulkan()))
    {
        fprintf(stderr, "vkdva-interop: no Vulkan loader.\n");
        return false;
    }
    if (!check(((PFN_vkCreateInstance)host->get_instance_proc(NULL, "vkCreateInstance"))(&instance_info, NULL,
            &host->instance), "vkCreateInstance"))
        return false;
    enumerate = HOST_PROC(host, vkEnumeratePhysicalDevices);
    if (enumerate(host->instance, &count, &host->physical_device) < 0 || !count)
    {
        fprintf(stderr, "vkdva-interop: no physical device.\n");
        return false;
    }
    printf("1. host: created its VkInstance, physical device %p\n", (void *)host->physical_device);
    return true;
}

/* Step 4: an NV12 image the host owns, on vkdva's VkDevice, in GENERAL layout. */
static bool host_create_image(struct host *host)
{
    VkImageCreateInfo image_info =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
        .imageType = VK_IMAGE_TYPE_2D,
        .format = VK_FORMAT_G8_B8R8_2PLANE_420_UNORM,
        .extent = {WIDTH, HEIGHT, 1},
        .mipLevels = 1,
        .arrayLayers = 1,
        .samples = VK_SAMPLE_COUNT_1_BIT,
        .tiling = VK_IMAGE_TILING_OPTIMAL,
        .usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
        .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
    };
    VkBufferCreateInfo buffer_info =
    {
        .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
        .size = WIDTH * HEIGHT * 3 / 2,
        .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
    };
    VkMemoryAllocateInfo allocate_info = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    VkMemoryRequirements requirements;
    int type;

    if (!check(HOST_PROC(host, vkCreateImage)(host->device, &image_info, NULL, &host->image), "vkCreateImage"))
        return false;
    HOST_PROC(host, vkGetImageMemoryRequirements)(host->device, host->image, &requirements);
    if ((type = find_memory_type(host, requirements.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)) < 0)
        return false;
    allocate_info.allocationSize = requirements.size;
    allocate_info.memoryTypeIndex = type;
    if (!check(HOST_PROC(host, vkAllocateMemory)(host->device, &allocate_info, NULL, &host->image_memory),
            "vkAllocateMemory")
            || !check(HOST_PROC(host, vkBindImageMemory)(host->device, host->image, host->image_memory, 0),
            "vkBindImageMemory"))
        return false;

    if (!check(HOST_PROC(host, vkCreateBuffer)(host->device, &buffer_info, NULL, &host->buffer), "vkCreateBuffer"))
        return false;
    HOST_PROC(host, vkGetBufferMemoryRequirements)(host->device, host->buffer, &requirements);
    if ((type = find_memory_type(host, requirements.memoryTypeBits,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT)) < 0)
        return false;
    allocate_info.allocationSize = requirements.size;
    allocate_info.memoryTypeIndex = type;
    return check(HOST_PROC(host, vkAllocateMemory)(host->device, &allocate_info, NULL, &host->buffer_memory),
            "vkAllocateMemory")
            && check(HOST_PROC(host, vkBindBufferMemory)(host->device, host->buffer, host->buffer_memory, 0),
            "vkBindBufferMemory");
}

/* Records and submits one command buffer on the host's queue and waits for it. */
static bool host_submit(struct host *host, bool readback)
{
    VkCommandPoolCreateInfo pool_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
        .queueFamilyIndex = host->family,
    };
    VkCommandBufferAllocateInfo allocate_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
        .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
        .commandBufferCount = 1,
    };
    VkCommandBufferBeginInfo begin_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
        .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
    };
    VkImageMemoryBarrier barrier =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER,
        .srcAccessMask = VK_ACCESS_MEMORY_WRITE_BIT,
        .dstAccessMask = VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT,
        .oldLayout = readback ? VK_IMAGE_LAYOUT_GENERAL : VK_IMAGE_LAYOUT_UNDEFINED,
        .newLayout = VK_IMAGE_LAYOUT_GENERAL,
        .srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
        .dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
        .image = host->image,
        .subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1},
    };
    VkBufferImageCopy regions[2] =
    {
        {
            .bufferOffset = 0,
            .imageSubresource = {VK_IMAGE_ASPECT_PLANE_0_BIT, 0, 0, 1},
            .imageExtent = {WIDTH, HEIGHT, 1},
        },
        {
            .bufferOffset = WIDTH * HEIGHT,
            .imageSubresource = {VK_IMAGE_ASPECT_PLANE_1_BIT, 0, 0, 1},
            .imageExtent = {WIDTH / 2, HEIGHT / 2, 1},
        },
    };
    VkSubmitInfo submit_info =
    {
        .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
        .commandBufferCount = 1,
    };
    VkCommandBuffer cmd;
    VkCommandPool pool;
    VkQueue queue;
    bool ret;

    HOST_PROC(host, vkGetDeviceQueue)(host->device, host->family, 0, &queue);
    if (!check(HOST_PROC(host, vkCreateCommandPool)(host->device, &pool_info, NULL, &pool), "vkCreateCommandPool"))
        return false;
    allocate_info.commandPool = pool;
    HOST_PROC(host, vkAllocateCommandBuffers)(host->device, &allocate_info, &cmd);
    HOST_PROC(host, vkBeginCommandBuffer)(cmd, &begin_info);
    HOST_PROC(host, vkCmdPipelineBarrier)(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
            VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0, NULL, 0, NULL, 1, &barrier);
    if (readback)
        HOST_PROC(host, vkCmdCopyImageToBuffer)(cmd, host->image, VK_IMAGE_LAYOUT_GENERAL, host->buffer, 2, regions);
    HOST_PROC(host, vkEndCommandBuffer)(cmd);
    submit_info.pCommandBuffers = &cmd;
    ret = check(HOST_PROC(host, vkQueueSubmit)(queue, 1, &submit_info, VK_NULL_HANDLE), "vkQueueSubmit")
            && check(HOST_PROC(host, vkQueueWaitIdle)(queue), "vkQueueWaitIdle");
    HOST_PROC(host, vkDestroyCommandPool)(host->device, pool, NULL);
    return ret;
}

static uint8_t pattern(unsigned int plane, unsigned int x, unsigned int y)
{
    return plane ? (uint8_t)(128 + x * 3 - y) : (uint8_t)(x * 4 + y * 5);
}

int main(int argc, char **argv)
{
    struct vkdva_vulkan_adopt_info adopt_info = {.type = VKDVA_STRUCTURE_TYPE_VULKAN_ADOPT_INFO};
    struct vkdva_device_create_info create_info =
    {
        .type = VKDVA_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
        .next = &adopt_info,
        .api_version = VKDVA_API_VERSION_CURRENT,
    };
    struct vkdva_vk_device_info device_info = {.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO};
    struct vkdva_vk_image_info image_info = {.type = VKDVA_STRUCTURE_TYPE_VK_IMAGE_INFO};
    D3D11_TEXTURE2D_DESC desc =
    {
        .Width = WIDTH,
        .Height = HEIGHT,
        .MipLevels = 1,
        .ArraySize = 1,
        .Format = DXGI_FORMAT_NV12,
        .SampleDesc.Count = 1,
        .Usage = D3D11_USAGE_DEFAULT,
    };
    D3D11_QUERY_DESC query_desc = {.Query = D3D11_QUERY_EVENT};
    ID3D11Texture2D *wrapped, *source;
    ID3D10Multithread *multithread;
    uint8_t data[WIDTH * HEIGHT * 3 / 2];
    ID3D11DeviceContext *context;
    unsigned int x, y, errors = 0;
    struct host host = {0};
    ID3D11Device *device;
    ID3D11Query *query;
    const uint8_t *p;
    BOOL done;
    void *map;
    HRESULT hr;

    if (!host_create_instance(&host))
        return 77;

    /* Step 2: vkdva adopts the host's instance and physical device. */
    adopt_info.vk_instance = host.instance;
    adopt_info.vk_physical_device = host.physical_device;
    adopt_info.vkGetInstanceProcAddr = host.get_instance_proc;
    if (FAILED(hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device)))
    {
        fprintf(stderr, "vkdva-interop: vkdva_create_device failed, hr %#x.\n", (unsigned int)hr);
        return hr == DXGI_ERROR_UNSUPPORTED ? 77 : 1;
    }
    printf("2. vkdva: adopted the instance and created its D3D11 device\n");

    /* Step 3: vkdva's Vulkan objects. */
    vkdva_get_vk_device_info(device, &device_info);
    host.device = device_info.vk_device;
    host.family = device_info.compute_queue_family_index;
    printf("3. host: vkdva's VkDevice %p, queue family %u\n", (void *)host.device, host.family);

    /* Step 4: the host's image, wrapped as a texture. */
    if (!host_create_image(&host) || !host_submit(&host, false))
        return 1;
    image_info.vk_image = host.image;
    image_info.vk_layout = VK_IMAGE_LAYOUT_GENERAL;
    image_info.vk_create_info = (VkImageCreateInfo)
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
        .imageType = VK_IMAGE_TYPE_2D,
        .format = VK_FORMAT_G8_B8R8_2PLANE_420_UNORM,
        .extent = {WIDTH, HEIGHT, 1},
        .mipLevels = 1,
        .arrayLayers = 1,
        .samples = VK_SAMPLE_COUNT_1_BIT,
        .tiling = VK_IMAGE_TILING_OPTIMAL,
        .usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
    };
    if (FAILED(hr = vkdva_create_texture_from_vk_image(device, &image_info, &wrapped)))
    {
        fprintf(stderr, "vkdva-interop: wrapping the image failed, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    printf("4. host: wrapped its NV12 VkImage %#llx as ID3D11Texture2D %p\n",
            (unsigned long long)host.image, (void *)wrapped);

    /* Step 5: vkdva writes into the host's image through D3D11. */
    for (y = 0; y < HEIGHT; ++y)
        for (x = 0; x < WIDTH; ++x)
            data[y * WIDTH + x] = pattern(0, x, y);
    for (y = 0; y < HEIGHT / 2; ++y)
        for (x = 0; x < WIDTH; ++x)
            data[WIDTH * HEIGHT + y * WIDTH + x] = pattern(1, x, y);
    ID3D11Device_GetImmediateContext(device, &context);
    ID3D11Device_CreateTexture2D(device, &desc, NULL, &source);
    ID3D11DeviceContext_UpdateSubresource(context, (ID3D11Resource *)source, 0, NULL, data, WIDTH, 0);
    ID3D11DeviceContext_CopySubresourceRegion(context, (ID3D11Resource *)wrapped, 0, 0, 0, 0,
            (ID3D11Resource *)source, 0, NULL);
    ID3D11Device_CreateQuery(device, &query_desc, &query);
    ID3D11DeviceContext_End(context, (ID3D11Asynchronous *)query);
    while ((hr = ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, &done, sizeof(done), 0)) == S_FALSE)
        ;
    printf("5. vkdva: copied a test pattern into the host's image (event query: hr %#x)\n", (unsigned int)hr);

    /* Step 6: the host reads its image back. vkdva submits to the same VkQueue, so the host
     * holds the device's multithread lock while it uses the queue. */
    ID3D11Device_QueryInterface(device, &IID_ID3D10Multithread, (void **)&multithread);
    ID3D10Multithread_Enter(multithread);
    if (!host_submit(&host, true))
        errors = 1;
    ID3D10Multithread_Leave(multithread);
    ID3D10Multithread_Release(multithread);
    HOST_PROC(&host, vkMapMemory)(host.device, host.buffer_memory, 0, VK_WHOLE_SIZE, 0, &map);
    p = map;
    for (y = 0; y < HEIGHT; ++y)
        for (x = 0; x < WIDTH; ++x)
            errors += p[y * WIDTH + x] != pattern(0, x, y);
    for (y = 0; y < HEIGHT / 2; ++y)
        for (x = 0; x < WIDTH; ++x)
            errors += p[WIDTH * HEIGHT + y * WIDTH + x] != pattern(1, x, y);
    HOST_PROC(&host, vkUnmapMemory)(host.device, host.buffer_memory);
    printf("6. host: read its image back: %s (%u wrong bytes)\n", errors ? "MISMATCH" : "every byte right", errors);

    ID3D11Query_Release(query);
    ID3D11Texture2D_Release(source);
    ID3D11Texture2D_Release(wrapped);
    ID3D11DeviceContext_Release(context);
    /* The texture's last reference is gone and its work complete: the host frees its image. */
    HOST_PROC(&host, vkDestroyBuffer)(host.device, host.buffer, NULL);
    HOST_PROC(&host, vkFreeMemory)(host.device, host.buffer_memory, NULL);
    HOST_PROC(&host, vkDestroyImage)(host.device, host.image, NULL);
    HOST_PROC(&host, vkFreeMemory)(host.device, host.image_memory, NULL);
    ID3D11Device_Release(device);
    HOST_PROC(&host, vkDestroyInstance)(host.instance, NULL);
    return errors ? 1 : 0;
}
