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

/* vkdva-info: what vkdva sees on this machine, in D3D11 video terms: the Vulkan devices and
 * their queue families, which one vkdva uses, the video decode profiles and output formats of
 * the Vulkan driver and of the D3D11 API, format support and protected-memory support. */

#include <initguid.h>
#define COBJMACROS
#include <vkdva.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vkdva_compat.h"

#ifndef ARRAY_SIZE
# define ARRAY_SIZE(x) (sizeof(x) / sizeof(*(x)))
#endif

struct vk_procs
{
    PFN_vkGetInstanceProcAddr get_instance_proc;
    PFN_vkEnumeratePhysicalDevices enumerate_physical_devices;
    PFN_vkGetPhysicalDeviceProperties2 get_properties2;
    PFN_vkGetPhysicalDeviceFeatures2 get_features2;
    PFN_vkGetPhysicalDeviceQueueFamilyProperties2 get_queue_family_properties2;
    PFN_vkGetPhysicalDeviceVideoCapabilitiesKHR get_video_capabilities;
    PFN_vkGetPhysicalDeviceVideoFormatPropertiesKHR get_video_format_properties;
};

static const char *device_type_name(VkPhysicalDeviceType type)
{
    switch (type)
    {
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated GPU";
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete GPU";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual GPU";
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return "CPU";
        default: return "other";
    }
}

static void print_queue_flags(VkQueueFlags flags)
{
    static const struct
    {
        VkQueueFlags flag;
        const char *name;
    }
    names[] =
    {
        {VK_QUEUE_GRAPHICS_BIT, "graphics"},
        {VK_QUEUE_COMPUTE_BIT, "compute"},
        {VK_QUEUE_TRANSFER_BIT, "transfer"},
        {VK_QUEUE_SPARSE_BINDING_BIT, "sparse"},
        {VK_QUEUE_PROTECTED_BIT, "protected"},
        {VK_QUEUE_VIDEO_DECODE_BIT_KHR, "video-decode"},
    };
    unsigned int i;
    const char *sep = "";

    for (i = 0; i < ARRAY_SIZE(names); ++i)
    {
        if (flags & names[i].flag)
        {
            printf("%s%s", sep, names[i].name);
            sep = " ";
        }
    }
}

static const char *vk_format_name(VkFormat format)
{
    switch (format)
    {
        case VK_FORMAT_G8_B8R8_2PLANE_420_UNORM: return "NV12";
        case VK_FORMAT_G10X6_B10X6R10X6_2PLANE_420_UNORM_3PACK16: return "P010";
        case VK_FORMAT_G16_B16R16_2PLANE_420_UNORM: return "P016";
        default: return "other";
    }
}

/* The codec profiles vkdva's D3D11 decoder profiles correspond to. */
static void print_vulkan_video(const struct vk_procs *vk, VkPhysicalDevice physical_device, VkQueueFlags flags)
{
    static const struct
    {
        const char *name;
        VkVideoCodecOperationFlagBitsKHR op;
        uint32_t profile;
        VkVideoComponentBitDepthFlagsKHR depth;
    }
    profiles[] =
    {
        {"H.264 High", VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR, STD_VIDEO_H264_PROFILE_IDC_HIGH,
                VK_VIDEO_COMPONENT_BIT_DEPTH_8_BIT_KHR},
        {"H.265 Main", VK_VIDEO_CODEC_OPERATION_DECODE_H265_BIT_KHR, STD_VIDEO_H265_PROFILE_IDC_MAIN,
                VK_VIDEO_COMPONENT_BIT_DEPTH_8_BIT_KHR},
        {"H.265 Main 10", VK_VIDEO_CODEC_OPERATION_DECODE_H265_BIT_KHR, STD_VIDEO_H265_PROFILE_IDC_MAIN_10,
                VK_VIDEO_COMPONENT_BIT_DEPTH_10_BIT_KHR},
    };
    unsigned int i, j;

    if (!vk->get_video_capabilities || !(flags & VK_QUEUE_VIDEO_DECODE_BIT_KHR))
        return;
    for (i = 0; i < ARRAY_SIZE(profiles); ++i)
    {
        VkVideoDecodeH264ProfileInfoKHR h264_profile =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_PROFILE_INFO_KHR,
            .stdProfileIdc = profiles[i].profile,
            .pictureLayout = VK_VIDEO_DECODE_H264_PICTURE_LAYOUT_INTERLACED_INTERLEAVED_LINES_BIT_KHR,
        };
        VkVideoDecodeH265ProfileInfoKHR h265_profile =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_PROFILE_INFO_KHR,
            .stdProfileIdc = profiles[i].profile,
        };
        VkVideoProfileInfoKHR profile =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_PROFILE_INFO_KHR,
            .pNext = profiles[i].op == VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR
                    ? (void *)&h264_profile : (void *)&h265_profile,
            .videoCodecOperation = profiles[i].op,
            .chromaSubsampling = VK_VIDEO_CHROMA_SUBSAMPLING_420_BIT_KHR,
            .lumaBitDepth = profiles[i].depth,
            .chromaBitDepth = profiles[i].depth,
        };
        VkVideoDecodeH264CapabilitiesKHR h264_caps = {.sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H264_CAPABILITIES_KHR};
        VkVideoDecodeH265CapabilitiesKHR h265_caps = {.sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_H265_CAPABILITIES_KHR};
        VkVideoDecodeCapabilitiesKHR decode_caps =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_CAPABILITIES_KHR,
            .pNext = profiles[i].op == VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR
                    ? (void *)&h264_caps : (void *)&h265_caps,
        };
        VkVideoCapabilitiesKHR caps =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_CAPABILITIES_KHR,
            .pNext = &decode_caps,
        };
        VkVideoProfileListInfoKHR profile_list =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_PROFILE_LIST_INFO_KHR,
            .profileCount = 1,
            .pProfiles = &profile,
        };
        VkPhysicalDeviceVideoFormatInfoKHR format_info =
        {
            .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VIDEO_FORMAT_INFO_KHR,
            .pNext = &profile_list,
            .imageUsage = VK_IMAGE_USAGE_VIDEO_DECODE_DST_BIT_KHR,
        };
        VkVideoFormatPropertiesKHR format_props[16];
        uint32_t format_count = ARRAY_SIZE(format_props);
        VkResult vr;

        if ((vr = vk->get_video_capabilities(physical_device, &profile, &caps)) != VK_SUCCESS)
        {
            printf("        Vulkan video %-14s not supported (vr %d)\n", profiles[i].name, vr);
            continue;
        }
        printf("        Vulkan video %-14s %ux%u to %ux%u, %u DPB slots, %u active references,"
                " max level %d, flags%s%s%s\n", profiles[i].name,
                caps.minCodedExtent.width, caps.minCodedExtent.height,
                caps.maxCodedExtent.width, caps.maxCodedExtent.height,
                caps.maxDpbSlots, caps.maxActiveReferencePictures,
                profiles[i].op == VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR
                        ? (int)h264_caps.maxLevelIdc : (int)h265_caps.maxLevelIdc,
                (caps.flags & VK_VIDEO_CAPABILITY_PROTECTED_CONTENT_BIT_KHR) ? " protected-content" : "",
                (decode_caps.flags & VK_VIDEO_DECODE_CAPABILITY_DPB_AND_OUTPUT_COINCIDE_BIT_KHR)
                        ? " dpb-output-coincide" : "",
                (decode_caps.flags & VK_VIDEO_DECODE_CAPABILITY_DPB_AND_OUTPUT_DISTINCT_BIT_KHR)
                        ? " dpb-output-distinct" : "");
        for (j = 0; j < ARRAY_SIZE(format_props); ++j)
            format_props[j] = (VkVideoFormatPropertiesKHR){.sType = VK_STRUCTURE_TYPE_VIDEO_FORMAT_PROPERTIES_KHR};
        if (vk->get_video_format_properties && vk->get_video_format_properties(physical_device,
                &format_info, &format_count, format_props) >= 0)
        {
            printf("            output formats:");
            for (j = 0; j < format_count; ++j)
                printf(" %s(%d)", vk_format_name(format_props[j].format), format_props[j].format);
            printf("\n");
        }
    }
}

static void print_physical_devices(const struct vkdva_vk_device_info *info)
{
    VkPhysicalDevice physical_devices[16];
    uint32_t count = ARRAY_SIZE(physical_devices), i, j, family_count;
    struct vk_procs vk;

    vk.get_instance_proc = info->vkGetInstanceProcAddr;
#define LOAD(field, name) vk.field = (PFN_##name)vk.get_instance_proc(info->vk_instance, #name)
    LOAD(enumerate_physical_devices, vkEnumeratePhysicalDevices);
    LOAD(get_properties2, vkGetPhysicalDeviceProperties2);
    LOAD(get_features2, vkGetPhysicalDeviceFeatures2);
    LOAD(get_queue_family_properties2, vkGetPhysicalDeviceQueueFamilyProperties2);
    LOAD(get_video_capabilities, vkGetPhysicalDeviceVideoCapabilitiesKHR);
    LOAD(get_video_format_properties, vkGetPhysicalDeviceVideoFormatPropertiesKHR);
#undef LOAD

    if (vk.enumerate_physical_devices(info->vk_instance, &count, physical_devices) < 0)
        return;
    printf("Vulkan physical devices:\n");
    for (i = 0; i < count; ++i)
    {
        VkPhysicalDeviceProtectedMemoryFeatures protected_features =
        {
            .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROTECTED_MEMORY_FEATURES,
        };
        VkPhysicalDeviceFeatures2 features =
        {
            .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
            .pNext = &protected_features,
        };
        VkPhysicalDeviceDriverProperties driver = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
        VkPhysicalDeviceProperties2 props =
        {
            .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
            .pNext = &driver,
        };
        VkQueueFamilyProperties2 families[16];

        vk.get_properties2(physical_devices[i], &props);
        vk.get_features2(physical_devices[i], &features);
        printf("  [%u] %s (%s), Vulkan %u.%u.%u, driver %s %s%s\n", i, props.properties.deviceName,
                device_type_name(props.properties.deviceType),
                VK_API_VERSION_MAJOR(props.properties.apiVersion), VK_API_VERSION_MINOR(props.properties.apiVersion),
                VK_API_VERSION_PATCH(props.properties.apiVersion), driver.driverName, driver.driverInfo,
                physical_devices[i] == info->vk_physical_device ? "  <- used by vkdva" : "");
        printf("      protectedMemory: %s\n", protected_features.protectedMemory ? "yes" : "no");

        family_count = ARRAY_SIZE(families);
        for (j = 0; j < family_count; ++j)
            families[j] = (VkQueueFamilyProperties2){.sType = VK_STRUCTURE_TYPE_QUEUE_FAMILY_PROPERTIES_2};
        vk.get_queue_family_properties2(physical_devices[i], &family_count, families);
        for (j = 0; j < family_count; ++j)
        {
            printf("      queue family %u: %u queue(s): ", j, families[j].queueFamilyProperties.queueCount);
            print_queue_flags(families[j].queueFamilyProperties.queueFlags);
            printf("\n");
            print_vulkan_video(&vk, physical_devices[i], families[j].queueFamilyProperties.queueFlags);
        }
    }
}

static const char *profile_name(const GUID *guid)
{
    if (IsEqualGUID(guid, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT))
        return "D3D11_DECODER_PROFILE_H264_VLD_NOFGT";
    if (IsEqualGUID(guid, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN))
        return "D3D11_DECODER_PROFILE_HEVC_VLD_MAIN";
    if (IsEqualGUID(guid, &D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10))
        return "D3D11_DECODER_PROFILE_HEVC_VLD_MAIN10";
    return "(other)";
}

/* The video processor caps for 1920x1080 progressive content, as a player would ask. */
static void print_video_processor(ID3D11VideoDevice *video_device)
{
    static const struct
    {
        DXGI_FORMAT format;
        const char *name;
    }
    formats[] =
    {
        {DXGI_FORMAT_NV12, "NV12"},
        {DXGI_FORMAT_P010, "P010"},
        {DXGI_FORMAT_P016, "P016"},
        {DXGI_FORMAT_YUY2, "YUY2"},
        {DXGI_FORMAT_AYUV, "AYUV"},
        {DXGI_FORMAT_Y410, "Y410"},
        {DXGI_FORMAT_Y416, "Y416"},
        {DXGI_FORMAT_B8G8R8A8_UNORM, "B8G8R8A8_UNORM"},
        {DXGI_FORMAT_R8G8B8A8_UNORM, "R8G8B8A8_UNORM"},
        {DXGI_FORMAT_R10G10B10A2_UNORM, "R10G10B10A2_UNORM"},
        {DXGI_FORMAT_R16G16B16A16_FLOAT, "R16G16B16A16_FLOAT"},
    };
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC desc =
    {
        .InputFrameFormat = D3D11_VIDEO_FRAME_FORMAT_PROGRESSIVE,
        .InputFrameRate = {30, 1},
        .InputWidth = 1920,
        .InputHeight = 1080,
        .OutputFrameRate = {30, 1},
        .OutputWidth = 1920,
        .OutputHeight = 1080,
        .Usage = D3D11_VIDEO_USAGE_PLAYBACK_NORMAL,
    };
    D3D11_VIDEO_PROCESSOR_RATE_CONVERSION_CAPS rate_caps;
    ID3D11VideoProcessorEnumerator *enumerator;
    D3D11_VIDEO_PROCESSOR_FILTER_RANGE range;
    D3D11_VIDEO_PROCESSOR_CAPS caps;
    UINT i, flags;
    HRESULT hr;

    if (FAILED(hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &desc, &enumerator)))
    {
        printf("D3D11 video processor: none (hr %#x)\n", hr);
        return;
    }
    if (SUCCEEDED(ID3D11VideoProcessorEnumerator_GetVideoProcessorCaps(enumerator, &caps)))
    {
        printf("D3D11 video processor (1920x1080 progressive): device caps %#x, feature caps %#x, filter caps %#x,\n"
                "  input format caps %#x, auto stream caps %#x, stereo caps %#x, %u input streams, %u stream states\n",
                caps.DeviceCaps, caps.FeatureCaps, caps.FilterCaps, caps.InputFormatCaps, caps.AutoStreamCaps,
                caps.StereoCaps, caps.MaxInputStreams, caps.MaxStreamStates);
        for (i = 0; i < caps.RateConversionCapsCount; ++i)
        {
            if (SUCCEEDED(ID3D11VideoProcessorEnumerator_GetVideoProcessorRateConversionCaps(enumerator, i,
                    &rate_caps)))
                printf("  rate conversion %u: processor caps %#x, %u past, %u future frames, inverse telecine %#x,"
                        " %u custom rates\n", i, rate_caps.ProcessorCaps, rate_caps.PastFrames,
                        rate_caps.FutureFrames, rate_caps.ITelecineCaps, rate_caps.CustomRateCount);
        }
        for (i = D3D11_VIDEO_PROCESSOR_FILTER_BRIGHTNESS; i <= D3D11_VIDEO_PROCESSOR_FILTER_STEREO_ADJUSTMENT; ++i)
        {
            if ((caps.FilterCaps & (1u << i))
                    && SUCCEEDED(ID3D11VideoProcessorEnumerator_GetVideoProcessorFilterRange(enumerator, i, &range)))
                printf("  filter %u: [%d, %d], default %d, multiplier %g\n", i, range.Minimum, range.Maximum,
                        range.Default, range.Multiplier);
        }
    }
    printf("  formats:");
    for (i = 0; i < ARRAY_SIZE(formats); ++i)
    {
        if (SUCCEEDED(ID3D11VideoProcessorEnumerator_CheckVideoProcessorFormat(enumerator, formats[i].format, &flags))
                && flags)
            printf(" %s%s%s", formats[i].name, (flags & D3D11_VIDEO_PROCESSOR_FORMAT_SUPPORT_INPUT) ? " in" : "",
                    (flags & D3D11_VIDEO_PROCESSOR_FORMAT_SUPPORT_OUTPUT) ? "/out" : "");
    }
    printf("\n");
    ID3D11VideoProcessorEnumerator_Release(enumerator);
}

/* Content protection: the mode in use, the capability bits by name, the key exchanges. */
static void print_content_protection(ID3D11VideoDevice *video_device)
{
    static const struct
    {
        UINT flag;
        const char *name;
    }
    flags[] =
    {
        {D3D11_CONTENT_PROTECTION_CAPS_SOFTWARE, "SOFTWARE"},
        {D3D11_CONTENT_PROTECTION_CAPS_HARDWARE, "HARDWARE"},
        {D3D11_CONTENT_PROTECTION_CAPS_PROTECTION_ALWAYS_ON, "PROTECTION_ALWAYS_ON"},
        {D3D11_CONTENT_PROTECTION_CAPS_PARTIAL_DECRYPTION, "PARTIAL_DECRYPTION"},
        {D3D11_CONTENT_PROTECTION_CAPS_CONTENT_KEY, "CONTENT_KEY"},
        {D3D11_CONTENT_PROTECTION_CAPS_FRESHEN_SESSION_KEY, "FRESHEN_SESSION_KEY"},
        {D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK, "ENCRYPTED_READ_BACK"},
        {D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK_KEY, "ENCRYPTED_READ_BACK_KEY"},
        {D3D11_CONTENT_PROTECTION_CAPS_SEQUENTIAL_CTR_IV, "SEQUENTIAL_CTR_IV"},
        {D3D11_CONTENT_PROTECTION_CAPS_ENCRYPT_SLICEDATA_ONLY, "ENCRYPT_SLICEDATA_ONLY"},
        {D3D11_CONTENT_PROTECTION_CAPS_DECRYPTION_BLT, "DECRYPTION_BLT"},
        {D3D11_CONTENT_PROTECTION_CAPS_HARDWARE_PROTECT_UNCOMPRESSED, "HARDWARE_PROTECT_UNCOMPRESSED"},
        {D3D11_CONTENT_PROTECTION_CAPS_HARDWARE_PROTECTED_MEMORY_PAGEABLE, "HARDWARE_PROTECTED_MEMORY_PAGEABLE"},
        {D3D11_CONTENT_PROTECTION_CAPS_HARDWARE_TEARDOWN, "HARDWARE_TEARDOWN"},
        {D3D11_CONTENT_PROTECTION_CAPS_HARDWARE_DRM_COMMUNICATION, "HARDWARE_DRM_COMMUNICATION"},
    };
    D3D11_VIDEO_CONTENT_PROTECTION_CAPS caps;
    GUID key_exchange;
    unsigned int i;
    HRESULT hr;

    if (FAILED(hr = ID3D11VideoDevice_GetContentProtectionCaps(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR,
            NULL, &caps)))
    {
        printf("D3D11 content protection: not available (hr %#x)\n", hr);
        return;
    }
    printf("D3D11 content protection (AES128_CTR):\n");
    printf("  mode: %s\n", (caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_HARDWARE)
            ? "hardware (Vulkan protected memory)" : "software (surfaces encrypted at rest)");
    printf("  caps: %#x", caps.Caps);
    for (i = 0; i < ARRAY_SIZE(flags); ++i)
    {
        if (caps.Caps & flags[i].flag)
            printf(" %s", flags[i].name);
    }
    printf("\n");
    printf("  block alignment %u, protected memory %" PRIu64 " bytes\n", caps.BlockAlignmentSize,
            (uint64_t)caps.ProtectedMemorySize);
    printf("  key exchanges: %u", caps.KeyExchangeTypeCount);
    for (i = 0; i < caps.KeyExchangeTypeCount; ++i)
    {
        if (FAILED(ID3D11VideoDevice_CheckCryptoKeyExchange(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, i,
                &key_exchange)))
            continue;
        if (IsEqualGUID(&key_exchange, &D3D11_KEY_EXCHANGE_RSAES_OAEP))
            printf(" RSAES_OAEP (SHA-1, SHA-256, SHA-512)");
        else
            printf(" %08x-...", (unsigned int)key_exchange.Data1);
    }
    printf("\n");
}

static void print_d3d11_video(ID3D11Device *device)
{
    static const struct
    {
        DXGI_FORMAT format;
        const char *name;
    }
    formats[] =
    {
        {DXGI_FORMAT_NV12, "NV12"},
        {DXGI_FORMAT_P010, "P010"},
        {DXGI_FORMAT_P016, "P016"},
        {DXGI_FORMAT_YUY2, "YUY2"},
        {DXGI_FORMAT_AYUV, "AYUV"},
        {DXGI_FORMAT_Y410, "Y410"},
        {DXGI_FORMAT_Y416, "Y416"},
        {DXGI_FORMAT_B8G8R8A8_UNORM, "B8G8R8A8_UNORM"},
        {DXGI_FORMAT_R8G8B8A8_UNORM, "R8G8B8A8_UNORM"},
        {DXGI_FORMAT_R10G10B10A2_UNORM, "R10G10B10A2_UNORM"},
        {DXGI_FORMAT_R16G16B16A16_FLOAT, "R16G16B16A16_FLOAT"},
    };
    ID3D11VideoDevice *video_device;
    UINT count, i, j, support;
    BOOL supported;
    GUID profile;
    HRESULT hr;

    if (FAILED(hr = ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device)))
    {
        printf("No ID3D11VideoDevice (hr %#x).\n", hr);
        return;
    }

    printf("D3D11 format support:\n");
    for (i = 0; i < ARRAY_SIZE(formats); ++i)
    {
        if (FAILED(ID3D11Device_CheckFormatSupport(device, formats[i].format, &support)))
            support = 0;
        printf("  %-20s %#010x%s%s%s\n", formats[i].name, support,
                (support & D3D11_FORMAT_SUPPORT_DECODER_OUTPUT) ? " decoder-output" : "",
                (support & D3D11_FORMAT_SUPPORT_VIDEO_PROCESSOR_INPUT) ? " processor-input" : "",
                (support & D3D11_FORMAT_SUPPORT_VIDEO_PROCESSOR_OUTPUT) ? " processor-output" : "");
    }

    count = ID3D11VideoDevice_GetVideoDecoderProfileCount(video_device);
    printf("D3D11 decoder profiles: %u\n", count);
    for (i = 0; i < count; ++i)
    {
        if (FAILED(ID3D11VideoDevice_GetVideoDecoderProfile(video_device, i, &profile)))
            continue;
        printf("  %s, outputs:", profile_name(&profile));
        for (j = 0; j < ARRAY_SIZE(formats); ++j)
        {
            if (SUCCEEDED(ID3D11VideoDevice_CheckVideoDecoderFormat(video_device, &profile,
                    formats[j].format, &supported)) && supported)
                printf(" %s", formats[j].name);
        }
        printf("\n");
    }

    print_video_processor(video_device);

    print_content_protection(video_device);

    ID3D11VideoDevice_Release(video_device);
}

/* Which decode backend serves which profile: the profiles each backend offers alone. */
static void print_backends(void)
{
    static const struct
    {
        const char *env;
        const char *name;
    }
    backends[] =
    {
        {"vulkan", "Vulkan Video"},
        {"software", "software (libavcodec)"},
    };
    ID3D11VideoDevice *video_device;
    ID3D11Device *device;
    unsigned int i, j, count;
    GUID profile;

    printf("D3D11 decoder profiles by backend:\n");
    for (i = 0; i < ARRAY_SIZE(backends); ++i)
    {
        setenv("VKDVA_DECODE_BACKEND", backends[i].env, 1);
        if (FAILED(vkdva_create_device(NULL, &IID_ID3D11VideoDevice, (void **)&video_device)))
            continue;
        count = ID3D11VideoDevice_GetVideoDecoderProfileCount(video_device);
        printf("  %-22s", backends[i].name);
        for (j = 0; j < count; ++j)
        {
            if (SUCCEEDED(ID3D11VideoDevice_GetVideoDecoderProfile(video_device, j, &profile)))
                printf(" %s", profile_name(&profile));
        }
        printf("%s\n", count ? "" : " (none)");
        ID3D11VideoDevice_QueryInterface(video_device, &IID_ID3D11Device, (void **)&device);
        ID3D11Device_Release(device);
        ID3D11VideoDevice_Release(video_device);
    }
    unsetenv("VKDVA_DECODE_BACKEND");
}

int main(int argc, char **argv)
{
    struct vkdva_vk_device_info info = {.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO};
    ID3D11Device *device;
    HRESULT hr;

    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
    {
        printf("Usage: %s\nPrints the Vulkan devices vkdva sees and the D3D11 video capabilities of the default one.\n",
                argv[0]);
        return 0;
    }

    if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
    {
        fprintf(stderr, "vkdva-info: failed to create a device, hr %#x.\n", hr);
        return 1;
    }
    vkdva_get_vk_device_info(device, &info);
    print_physical_devices(&info);
    printf("vkdva device: compute queue family %u, video decode queue family %s",
            info.compute_queue_family_index,
            info.decode_queue_family_index == VK_QUEUE_FAMILY_IGNORED ? "none" : "");
    if (info.decode_queue_family_index != VK_QUEUE_FAMILY_IGNORED)
        printf("%u", info.decode_queue_family_index);
    printf("\n");
    print_d3d11_video(device);
    ID3D11Device_Release(device);
    print_backends();
    return 0;
}
