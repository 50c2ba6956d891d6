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

/* Tests of the emulation layer's video rules, as a native Vulkan program on a device with an
 * H.264 decode queue (exit 77 without one): "video-clean" begins a video coding scope with a
 * protected session and a protected picture in a protected command buffer and expects no
 * report; every other case breaks one rule of vkCmdBeginVideoCodingKHR and expects the layer
 * to report it with its VUID. Nothing is submitted: the layer checks commands as they are
 * recorded, and the driver sees only valid unprotected work (the layer strips every protected
 * flag). The report file is VKDVA_TEST_PROTECTED_LAYER_REPORT. */

#undef VK_NO_PROTOTYPES
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vulkan/vulkan.h>
#include "layer_test_utils.h"

#define LAYER_NAME "VK_LAYER_VKDVA_protected_memory"

struct context
{
    VkInstance instance;
    VkPhysicalDevice physical_device;
    VkDevice device;
    uint32_t family;
    VkPhysicalDeviceMemoryProperties memory_props;
    VkVideoDecodeH264ProfileInfoKHR h264_profile;
    VkVideoProfileInfoKHR profile;
    VkVideoProfileListInfoKHR profile_list;
    VkVideoDecodeH264CapabilitiesKHR h264_caps;
    VkVideoDecodeCapabilitiesKHR decode_caps;
    VkVideoCapabilitiesKHR caps;
    PFN_vkCreateVideoSessionKHR CreateVideoSessionKHR;
    PFN_vkDestroyVideoSessionKHR DestroyVideoSessionKHR;
    PFN_vkGetVideoSessionMemoryRequirementsKHR GetVideoSessionMemoryRequirementsKHR;
    PFN_vkBindVideoSessionMemoryKHR BindVideoSessionMemoryKHR;
    PFN_vkCmdBeginVideoCodingKHR CmdBeginVideoCodingKHR;
    PFN_vkCmdEndVideoCodingKHR CmdEndVideoCodingKHR;
};

struct session
{
    VkVideoSessionKHR session;
    VkDeviceMemory memories[16];
    uint32_t memory_count;
};

struct picture
{
    VkImage image;
    VkDeviceMemory memory;
    VkImageView view;
};

static void skip(const char *why)
{
    printf("layer_video_test: skipped: %s.\n", why);
    exit(77);
}

static void create_instance(struct context *ctx)
{
    const char *layers[] = {LAYER_NAME};
    VkApplicationInfo app_info =
    {
        .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
        .pApplicationName = "vkdva protected layer video test",
        .apiVersion = VK_API_VERSION_1_3,
    };
    VkInstanceCreateInfo info =
    {
        .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
        .pApplicationInfo = &app_info,
        .enabledLayerCount = 1,
        .ppEnabledLayerNames = layers,
    };
    uint32_t count = 1;

    check(vkCreateInstance(&info, NULL, &ctx->instance));
    check(vkEnumeratePhysicalDevices(ctx->instance, &count, &ctx->physical_device));
}

/* The first family that decodes H.264 and, through the layer, is protected-capable. */
static bool find_decode_family(struct context *ctx)
{
    VkQueueFamilyVideoPropertiesKHR video_props[16];
    VkQueueFamilyProperties2 props[16];
    uint32_t count = 16, i;

    for (i = 0; i < count; ++i)
    {
        video_props[i] = (VkQueueFamilyVideoPropertiesKHR){.sType = VK_STRUCTURE_TYPE_QUEUE_FAMILY_VIDEO_PROPERTIES_KHR};
        props[i] = (VkQueueFamilyProperties2){.sType = VK_STRUCTURE_TYPE_QUEUE_FAMILY_PROPERTIES_2,
                .pNext = &video_props[i]};
    }
    vkGetPhysicalDeviceQueueFamilyProperties2(ctx->physical_device, &count, props);
    for (i = 0; i < count; ++i)
    {
        if ((props[i].queueFamilyProperties.queueFlags & VK_QUEUE_VIDEO_DECODE_BIT_KHR)
                && (video_props[i].videoCodecOperations & VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR))
        {
            if (!(props[i].queueFamilyProperties.queueFlags & VK_QUEUE_PROTECTED_BIT))
            {
                fprintf(stderr, "layer_video_test: decode family %u is not protected-capable: the layer is not active.\n", i);
                exit(1);
            }
            ctx->family = i;
            return true;
        }
    }
    return false;
}

static void create_device(struct context *ctx)
{
    static const float priority = 1.0f;
    const char *extensions[] = {VK_KHR_VIDEO_QUEUE_EXTENSION_NAME, VK_KHR_VIDEO_DECODE_QUEUE_EXTENSION_NAME,
            VK_KHR_VIDEO_DECODE_H264_EXTENSION_NAME};
    VkPhysicalDeviceVulkan13Features enable13 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
        .synchronization2 = VK_TRUE,
    };
    VkPhysicalDeviceVulkan11Features enable11 =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES,
        .pNext = &enable13,
        .protectedMemory = VK_TRUE,
    };
    VkDeviceQueueCreateInfo queue_infos[2] =
    {
        {
            .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
            .flags = VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT,
            .queueFamilyIndex = ctx->family,
            .queueCount = 1,
            .pQueuePriorities = &priority,
        },
        {
            .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
            .queueFamilyIndex = ctx->family,
            .queueCount = 1,
            .pQueuePriorities = &priority,
        },
    };
    VkDeviceCreateInfo device_info =
    {
        .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
        .pNext = &enable11,
        .queueCreateInfoCount = 2,
        .pQueueCreateInfos = queue_infos,
        .enabledExtensionCount = 3,
        .ppEnabledExtensionNames = extensions,
    };

    check(vkCreateDevice(ctx->physical_device, &device_info, NULL, &ctx->device));
    vkGetPhysicalDeviceMemoryProperties(ctx->physical_device, &ctx->memory_props);
#define LOAD(name) \
    if (!(ctx->name = (PFN_vk##name)vkGetDeviceProcAddr(ctx->device, "vk" #name))) \
    { \
        fprintf(stderr, "layer_video_test: no vk" #name ".\n"); \
        exit(1); \
    }
    LOAD(CreateVideoSessionKHR);
    LOAD(DestroyVideoSessionKHR);
    LOAD(GetVideoSessionMemoryRequirementsKHR);
    LOAD(BindVideoSessionMemoryKHR);
    LOAD(CmdBeginVideoCodingKHR);
    LOAD(CmdEndVideoCodingKHR);
#undef LOAD
}

/* H.264 High, 4:2:0, 8 bits, progressive. */
static void query_profile(struct context *ctx)
{
    PFN_vkGetPhysicalDeviceVideoCapabilitiesKHR get_caps = (PFN_vkGetPhysicalDeviceVideoCapabilitiesKHR)
            vkGetInstanceProcAddr(ctx->instance, "vkGetPhysicalDeviceVideoCapabilitiesKHR");

    ctx->h264_profile = (VkVideoDecodeH264ProfileInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_PROFILE_INFO_KHR,
        .stdProfileIdc = STD_VIDEO_H264_PROFILE_IDC_HIGH,
        .pictureLayout = VK_VIDEO_DECODE_H264_PICTURE_LAYOUT_PROGRESSIVE_KHR,
    };
    ctx->profile = (VkVideoProfileInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_PROFILE_INFO_KHR,
        .pNext = &ctx->h264_profile,
        .videoCodecOperation = VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR,
        .chromaSubsampling = VK_VIDEO_CHROMA_SUBSAMPLING_420_BIT_KHR,
        .lumaBitDepth = VK_VIDEO_COMPONENT_BIT_DEPTH_8_BIT_KHR,
        .chromaBitDepth = VK_VIDEO_COMPONENT_BIT_DEPTH_8_BIT_KHR,
    };
    ctx->profile_list = (VkVideoProfileListInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_PROFILE_LIST_INFO_KHR,
        .profileCount = 1,
        .pProfiles = &ctx->profile,
    };
    ctx->h264_caps = (VkVideoDecodeH264CapabilitiesKHR){.sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_CAPABILITIES_KHR};
    ctx->decode_caps = (VkVideoDecodeCapabilitiesKHR){.sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_CAPABILITIES_KHR,
            .pNext = &ctx->h264_caps};
    ctx->caps = (VkVideoCapabilitiesKHR){.sType = VK_STRUCTURE_TYPE_VIDEO_CAPABILITIES_KHR, .pNext = &ctx->decode_caps};
    if (!get_caps || get_caps(ctx->physical_device, &ctx->profile, &ctx->caps) < 0)
        skip("no H.264 High decode profile");
    if (!(ctx->caps.flags & VK_VIDEO_CAPABILITY_PROTECTED_CONTENT_BIT_KHR))
    {
        fprintf(stderr, "layer_video_test: the profile is not protected-capable: the layer is not active.\n");
        exit(1);
    }
}

static uint32_t find_memory_type(struct context *ctx, uint32_t bits, bool is_protected)
{
    uint32_t i;

    for (i = 0; i < ctx->memory_props.memoryTypeCount; ++i)
    {
        if ((bits & (1u << i)) && !!(ctx->memory_props.memoryTypes[i].propertyFlags & VK_MEMORY_PROPERTY_PROTECTED_BIT)
                == is_protected)
            return i;
    }
    fprintf(stderr, "layer_video_test: no %sprotected memory type in %#x.\n", is_protected ? "" : "un", bits);
    exit(1);
}

static void create_session(struct context *ctx, bool is_protected, struct session *session)
{
    VkVideoSessionMemoryRequirementsKHR requirements[16];
    VkBindVideoSessionMemoryInfoKHR binds[16];
    uint32_t count = 16, i;
    VkVideoSessionCreateInfoKHR info =
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_SESSION_CREATE_INFO_KHR,
        .flags = is_protected ? VK_VIDEO_SESSION_CREATE_PROTECTED_CONTENT_BIT_KHR : 0,
        .queueFamilyIndex = ctx->family,
        .pVideoProfile = &ctx->profile,
        .pictureFormat = VK_FORMAT_G8_B8R8_2PLANE_420_UNORM,
        .maxCodedExtent = ctx->caps.minCodedExtent,
        .referencePictureFormat = VK_FORMAT_G8_B8R8_2PLANE_420_UNORM,
        .maxDpbSlots = 1,
        .maxActiveReferencePictures = 1,
        .pStdHeaderVersion = &ctx->caps.stdHeaderVersion,
    };

    memset(session, 0, sizeof(*session));
    check(ctx->CreateVideoSessionKHR(ctx->device, &info, NULL, &session->session));
    for (i = 0; i < count; ++i)
        requirements[i] = (VkVideoSessionMemoryRequirementsKHR){.sType = VK_STRUCTURE_TYPE_VIDEO_SESSION_MEMORY_REQUIREMENTS_KHR};
    check(ctx->GetVideoSessionMemoryRequirementsKHR(ctx->device, session->session, &count, requirements));
    for (i = 0; i < count; ++i)
    {
        VkMemoryAllocateInfo alloc_info =
        {
            .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
            .allocationSize = requirements[i].memoryRequirements.size,
            .memoryTypeIndex = find_memory_type(ctx, requirements[i].memoryRequirements.memoryTypeBits, false),
        };

        check(vkAllocateMemory(ctx->device, &alloc_info, NULL, &session->memories[i]));
        binds[i] = (VkBindVideoSessionMemoryInfoKHR)
        {
            .sType = VK_STRUCTURE_TYPE_BIND_VIDEO_SESSION_MEMORY_INFO_KHR,
            .memoryBindIndex = requirements[i].memoryBindIndex,
            .memory = session->memories[i],
            .memorySize = requirements[i].memoryRequirements.size,
        };
    }
    session->memory_count = count;
    check(ctx->BindVideoSessionMemoryKHR(ctx->device, session->session, count, binds));
}

static void destroy_session(struct context *ctx, struct session *session)
{
    uint32_t i;

    ctx->DestroyVideoSessionKHR(ctx->device, session->session, NULL);
    for (i = 0; i < session->memory_count; ++i)
        vkFreeMemory(ctx->device, session->memories[i], NULL);
}

static void create_picture(struct context *ctx, bool is_protected, struct picture *picture)
{
    VkImageCreateInfo image_info =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
        .pNext = &ctx->profile_list,
        .flags = is_protected ? VK_IMAGE_CREATE_PROTECTED_BIT : 0,
        .imageType = VK_IMAGE_TYPE_2D,
        .format = VK_FORMAT_G8_B8R8_2PLANE_420_UNORM,
        .extent = {ctx->caps.minCodedExtent.width, ctx->caps.minCodedExtent.height, 1},
        .mipLevels = 1,
        .arrayLayers = 1,
        .samples = VK_SAMPLE_COUNT_1_BIT,
        .tiling = VK_IMAGE_TILING_OPTIMAL,
        .usage = VK_IMAGE_USAGE_VIDEO_DECODE_DPB_BIT_KHR | VK_IMAGE_USAGE_VIDEO_DECODE_DST_BIT_KHR,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
        .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
    };
    VkImageViewCreateInfo view_info =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
        .viewType = VK_IMAGE_VIEW_TYPE_2D,
        .format = VK_FORMAT_G8_B8R8_2PLANE_420_UNORM,
        .subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1},
    };
    VkMemoryAllocateInfo alloc_info = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    VkMemoryRequirements requirements;

    check(vkCreateImage(ctx->device, &image_info, NULL, &picture->image));
    vkGetImageMemoryRequirements(ctx->device, picture->image, &requirements);
    alloc_info.allocationSize = requirements.size;
    alloc_info.memoryTypeIndex = find_memory_type(ctx, requirements.memoryTypeBits, is_protected);
    check(vkAllocateMemory(ctx->device, &alloc_info, NULL, &picture->memory));
    check(vkBindImageMemory(ctx->device, picture->image, picture->memory, 0));
    view_info.image = picture->image;
    check(vkCreateImageView(ctx->device, &view_info, NULL, &picture->view));
}

static void destroy_picture(struct context *ctx, struct picture *picture)
{
    vkDestroyImageView(ctx->device, picture->view, NULL);
    vkDestroyImage(ctx->device, picture->image, NULL);
    vkFreeMemory(ctx->device, picture->memory, NULL);
}

/* Records (never submits) a video coding scope binding the session and the picture as the
 * picture about to be set up (slot index -1). */
static void record_scope(struct context *ctx, bool protected_cmd, bool protected_session, bool protected_picture)
{
    VkCommandPoolCreateInfo pool_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
        .flags = protected_cmd ? VK_COMMAND_POOL_CREATE_PROTECTED_BIT : 0,
        .queueFamilyIndex = ctx->family,
    };
    VkCommandBufferAllocateInfo cmd_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
        .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
        .commandBufferCount = 1,
    };
    VkCommandBufferBeginInfo begin_info = {.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    VkVideoEndCodingInfoKHR end_info = {.sType = VK_STRUCTURE_TYPE_VIDEO_END_CODING_INFO_KHR};
    VkVideoPictureResourceInfoKHR resource = {.sType = VK_STRUCTURE_TYPE_VIDEO_PICTURE_RESOURCE_INFO_KHR};
    VkVideoReferenceSlotInfoKHR slot =
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_REFERENCE_SLOT_INFO_KHR,
        .slotIndex = -1,
        .pPictureResource = &resource,
    };
    VkVideoBeginCodingInfoKHR coding_info =
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_BEGIN_CODING_INFO_KHR,
        .referenceSlotCount = 1,
        .pReferenceSlots = &slot,
    };
    struct session session;
    struct picture picture;
    VkCommandPool pool;
    VkCommandBuffer cmd;

    create_session(ctx, protected_session, &session);
    create_picture(ctx, protected_picture, &picture);
    resource.codedExtent = ctx->caps.minCodedExtent;
    resource.imageViewBinding = picture.view;
    coding_info.videoSession = session.session;

    check(vkCreateCommandPool(ctx->device, &pool_info, NULL, &pool));
    cmd_info.commandPool = pool;
    check(vkAllocateCommandBuffers(ctx->device, &cmd_info, &cmd));
    check(vkBeginCommandBuffer(cmd, &begin_info));
    ctx->CmdBeginVideoCodingKHR(cmd, &coding_info);
    ctx->CmdEndVideoCodingKHR(cmd, &end_info);
    check(vkEndCommandBuffer(cmd));
    vkFreeCommandBuffers(ctx->device, pool, 1, &cmd);
    vkDestroyCommandPool(ctx->device, pool, NULL);
    destroy_picture(ctx, &picture);
    destroy_session(ctx, &session);
}

int main(int argc, char **argv)
{
    static const struct
    {
        const char *name;
        bool protected_cmd, protected_session, protected_picture;
        const char *expected;
    }
    cases[] =
    {
        {"video-clean", true, true, true, NULL},
        {"video-protected-session-in-unprotected", false, true, false,
                "[unprotected-accesses-protected] (VUID-vkCmdBeginVideoCodingKHR-commandBuffer-07233)"},
        {"video-unprotected-session-in-protected", true, false, true,
                "[protected-writes-unprotected] (VUID-vkCmdBeginVideoCodingKHR-commandBuffer-07234)"},
        {"video-protected-picture-in-unprotected", false, false, true,
                "[unprotected-accesses-protected] (VUID-vkCmdBeginVideoCodingKHR-commandBuffer-07235)"},
        {"video-unprotected-picture-in-protected", true, true, false,
                "[protected-writes-unprotected] (VUID-vkCmdBeginVideoCodingKHR-commandBuffer-07236)"},
    };
    const char *report_path = getenv("VKDVA_TEST_PROTECTED_LAYER_REPORT");
    struct context ctx = {0};
    unsigned int i;
    const char *report;

    if (argc != 2 || !report_path)
    {
        fprintf(stderr, "usage: VKDVA_TEST_PROTECTED_LAYER_REPORT=FILE layer_video_test CASE\n");
        return 2;
    }
    for (i = 0; i < sizeof(cases) / sizeof(*cases); ++i)
    {
        if (!strcmp(cases[i].name, argv[1]))
            break;
    }
    if (i == sizeof(cases) / sizeof(*cases))
    {
        fprintf(stderr, "layer_video_test: unknown case %s.\n", argv[1]);
        return 2;
    }
    unlink(report_path);
    create_instance(&ctx);
    if (!find_decode_family(&ctx))
        skip("no H.264 video decode queue");
    query_profile(&ctx);
    create_device(&ctx);
    record_scope(&ctx, cases[i].protected_cmd, cases[i].protected_session, cases[i].protected_picture);
    vkDestroyDevice(ctx.device, NULL);
    vkDestroyInstance(ctx.instance, NULL);

    report = read_report(report_path);
    if (!cases[i].expected ? !!*report : !strstr(report, cases[i].expected))
    {
        fprintf(stderr, "layer_video_test: %s: expected %s, the layer reported: %s\n", argv[1],
                cases[i].expected ? cases[i].expected : "nothing", *report ? report : "nothing");
        return 1;
    }
    printf("layer_video_test: %s: ok (%s)\n", argv[1], *report ? report : "no report");
    return 0;
}
