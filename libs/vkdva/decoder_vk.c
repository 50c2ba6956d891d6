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

#include "decoder.h"
#include <time.h>

/* The Vulkan Video backend: one VkVideoSessionKHR per decoder on the device's decode queue.
 * Pictures are decoded into a private array of DPB images (VIDEO_DECODE_DPB layout, shared by
 * the decode and compute queue families) and copied into the application's texture-array
 * slice on the compute queue (DESIGN decision 2). A DXVA surface keeps its DPB slot while it
 * is a reference: a slot is reused once no RefFrameList names its surface. Session parameters
 * are added incrementally (vkUpdateVideoSessionParametersKHR) and recreated only when the
 * contents of an id already in use change. Status reports come from result-status queries.
 *
 * Hardware content protection (the device uses Vulkan protected memory, DESIGN decisions 4
 * and 6): a decoder bound to a crypto session decodes in a protected video session
 * (VK_VIDEO_SESSION_CREATE_PROTECTED_CONTENT_BIT_KHR), on the device's protected decode queue,
 * in protected command buffers, from protected bitstream buffers (protect_bitstream.c, clear
 * bitstreams included) into protected DPB images, and its pictures are copied out and
 * encrypted into the protected surfaces on the protected compute stream (protect.c). Session,
 * DPB and codec state are remade when a decoder changes between the two kinds
 * (vkdva_vk_set_protected()). Protected command buffers may not use queries
 * (VUID-vkCmdBeginQuery-commandBuffer-01885), so a protected picture's status report says it
 * completed once its decode has finished. */

#define VKDVA_VK_BITSTREAM_SIZE (16u << 20)
#define VKDVA_VK_MAX_SLOTS 17u
#define VKDVA_VK_QUERY_COUNT 64u
#define VKDVA_VK_NO_QUERY UINT32_MAX

/* The video coding commands of one picture (vkdva_vk_record_decode()), self-contained so that
 * the floor capture can keep a copy: the slots' pPictureResource point into resources[]
 * (vkdva_vk_decode_cmd_link()). */
struct vkdva_vk_decode_cmd
{
    VkVideoPictureResourceInfoKHR resources[VKDVA_MAX_VK_REFERENCES + 1];
    VkVideoReferenceSlotInfoKHR ref_slots[VKDVA_MAX_VK_REFERENCES];
    VkVideoReferenceSlotInfoKHR setup_slot;
    unsigned int ref_count;
    bool second_field;
    const void *picture_info;
    VkDeviceSize src_offset, src_range;
};

struct vkdva_vk_floor_picture
{
    struct vkdva_vk_decode_cmd cmd;
    /* The clones the command's pNext chains point to. */
    void *infos[VKDVA_MAX_VK_REFERENCES + 2];
};

struct vkdva_vk_floor
{
    struct vkdva_vk_floor_picture *pictures;
    size_t picture_count, pictures_size;
    /* Pictures still to capture: the capture covers one pass of the stream, not the timed
     * passes through the API after it. */
    size_t capture_left;
    uint8_t *bitstream;
    size_t bitstream_size, bitstream_capacity;
    bool failed;
};

struct vkdva_vk_pending_status
{
    struct vkdva_decode_status status;
    uint32_t query;
    uint64_t value;
};

struct vkdva_vk_decoder
{
    struct d3d11_video_decoder *decoder;
    struct d3d11_device *device;
    struct vkdva_vk_profile profile;
    VkVideoSessionKHR vk_session;
    VkDeviceMemory *vk_session_memory;
    uint32_t session_memory_count;
    VkVideoSessionParametersKHR vk_parameters;
    uint32_t parameters_update;
    void *codec_state;
    bool reset_done;

    VkFormat vk_format;
    /* VkVideoFormatPropertiesKHR::imageCreateFlags of vk_format. */
    VkImageCreateFlags format_create_flags;
    VkImage vk_dpb;
    VkDeviceMemory vk_dpb_memory;
    unsigned int slot_count;
    /* DXVA surface index decoded into each DPB slot, or -1. */
    int slot_surface[VKDVA_VK_MAX_SLOTS];
    /* The stream and value of the last copy out of each slot (the immediate context's, or
     * protect.c's protected stream), and of the last copy into a protected surface. */
    struct vkdva_command_stream *slot_copy_streams[VKDVA_VK_MAX_SLOTS];
    uint64_t slot_copy_values[VKDVA_VK_MAX_SLOTS];
    struct vkdva_command_stream *protected_copy_stream;
    uint64_t protected_copy_value;
    /* The video session, DPB and stream are protected (see the top of the file). */
    bool is_protected;
    VkImageView vk_slot_views[VKDVA_VK_MAX_SLOTS];
    VkExtent2D coded_extent;

    VkBuffer vk_bitstream;
    VkDeviceMemory vk_bitstream_memory;
    uint8_t *bitstream;
    VkDeviceSize bitstream_offset;
    /* Decode-stream value that last used each half of the ring. */
    uint64_t ring_values[2];
    unsigned int ring_half;

    VkQueryPool vk_queries;
    uint32_t next_query;

    /* One of the device's decode queues, the least used when the decoder was made; the stream
     * runs there, or on the device's protected decode queue while is_protected. */
    struct vkdva_queue *queue;
    struct vkdva_command_stream stream;

    struct vkdva_vk_pending_status *pending;
    size_t pending_size;
    size_t pending_count;

    /* vkdva-bench's floor capture, while one is kept. */
    struct vkdva_vk_floor *floor;
};

static bool vkdva_vk_query_profile(struct d3d11_device *device, const struct vkdva_codec_ops *codec,
        DXGI_FORMAT format, struct vkdva_vk_profile *p)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    unsigned int i;

    if (!device->caps.video_queue || !codec->init_vk_profile)
        return false;
    if ((codec->vk_codec_op == VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR && !device->caps.video_decode_h264)
            || (codec->vk_codec_op == VK_VIDEO_CODEC_OPERATION_DECODE_H265_BIT_KHR && !device->caps.video_decode_h265))
        return false;
    /* Interlaced content needs the interleaved-lines layout; fall back to progressive. */
    for (i = 0; i < 2; ++i)
    {
        memset(p, 0, sizeof(*p));
        codec->init_vk_profile(p, format, !i);
        p->list = (VkVideoProfileListInfoKHR)
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_PROFILE_LIST_INFO_KHR,
            .profileCount = 1,
            .pProfiles = &p->profile,
        };
        p->decode_caps = (VkVideoDecodeCapabilitiesKHR)
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_CAPABILITIES_KHR,
            .pNext = &p->codec_caps,
        };
        p->caps = (VkVideoCapabilitiesKHR)
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_CAPABILITIES_KHR,
            .pNext = &p->decode_caps,
        };
        if (VK_CALL(vkGetPhysicalDeviceVideoCapabilitiesKHR(device->vk_physical_device, &p->profile, &p->caps))
                == VK_SUCCESS)
            return true;
    }
    return false;
}

/* The video format for decode output in this profile, if the device has the D3D11 format, and
 * the image create flags the device allows its DPB images (create_flags may be NULL). */
static VkFormat vkdva_vk_find_format(struct d3d11_device *device, struct vkdva_vk_profile *p, DXGI_FORMAT format,
        VkImageCreateFlags *create_flags)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    const struct vkdva_format *f = vkdva_get_format(format);
    VkVideoFormatPropertiesKHR props[16];
    uint32_t count = ARRAY_SIZE(props), i;
    VkPhysicalDeviceVideoFormatInfoKHR format_info =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VIDEO_FORMAT_INFO_KHR,
        .pNext = &p->list,
        .imageUsage = VK_IMAGE_USAGE_VIDEO_DECODE_DPB_BIT_KHR | VK_IMAGE_USAGE_VIDEO_DECODE_DST_BIT_KHR,
    };

    if (!f)
        return VK_FORMAT_UNDEFINED;
    for (i = 0; i < count; ++i)
        props[i] = (VkVideoFormatPropertiesKHR){.sType = VK_STRUCTURE_TYPE_VIDEO_FORMAT_PROPERTIES_KHR};
    if (VK_CALL(vkGetPhysicalDeviceVideoFormatPropertiesKHR(device->vk_physical_device, &format_info, &count, props)) < 0)
        return VK_FORMAT_UNDEFINED;
    for (i = 0; i < count; ++i)
    {
        if (props[i].format == f->vk_format)
        {
            if (create_flags)
                *create_flags = props[i].imageCreateFlags;
            return f->vk_format;
        }
    }
    return VK_FORMAT_UNDEFINED;
}

static bool vkdva_vk_supports(struct d3d11_device *device, const struct vkdva_codec_ops *codec, DXGI_FORMAT format)
{
    struct vkdva_vk_profile p;
    unsigned int i;

    /* The profile's own formats only: the HEVC Main 10 video profile would take P010 for Main. */
    for (i = 0; i < codec->format_count; ++i)
    {
        if (codec->formats[i] == format)
            break;
    }
    if (i == codec->format_count)
        return false;
    if (!vkdva_vk_query_profile(device, codec, format, &p))
        return false;
    /* Decoding straight into DPB images that are also the output (what NVIDIA reports) is the
     * mode implemented; separate DPB and output images are not. */
    if (!(p.decode_caps.flags & VK_VIDEO_DECODE_CAPABILITY_DPB_AND_OUTPUT_COINCIDE_BIT_KHR))
        return false;
    return vkdva_vk_find_format(device, &p, format, NULL) != VK_FORMAT_UNDEFINED;
}

static void vkdva_vk_floor_free(struct vkdva_vk_floor *floor);

/* Waits until no copy out of the DPB is pending. */
static void vkdva_vk_wait_copies(struct vkdva_vk_decoder *vk)
{
    struct d3d11_device *device = vk->device;
    unsigned int i;

    vkdva_device_lock(device);
    for (i = 0; i < vk->slot_count; ++i)
    {
        if (vk->slot_copy_streams[i])
            vkdva_command_stream_wait(vk->slot_copy_streams[i], vk->slot_copy_values[i], true);
        vk->slot_copy_streams[i] = NULL;
        vk->slot_copy_values[i] = 0;
    }
    if (vk->protected_copy_stream)
        vkdva_command_stream_wait(vk->protected_copy_stream, vk->protected_copy_value, true);
    vk->protected_copy_stream = NULL;
    vk->protected_copy_value = 0;
    vkdva_device_unlock(device);
}

/* What depends on whether the decoder is protected: the video session and its memory and
 * parameters, the DPB, the stream, the codec's Vulkan state and the bitstream decryptor.
 * The stream must have been waited for. */
static void vkdva_vk_destroy_session(struct vkdva_vk_decoder *vk)
{
    struct d3d11_device *device = vk->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkDevice vk_device = device->vk_device;
    uint32_t i;

    /* The copies and the decryptor's passes wait on the stream's timeline, and decodes on the
     * passes': everything has run before either timeline goes. */
    vkdva_vk_wait_copies(vk);
    if (vk->stream.vk_pool)
        vkdva_command_stream_wait(&vk->stream, vk->stream.next_value, true);
    /* Pictures whose reports could not be read (a removed device) go with their stream, failed. */
    for (i = 0; i < vk->pending_count; ++i)
    {
        vk->pending[i].status.status = 3;
        vkdva_decoder_add_status(vk->decoder, &vk->pending[i].status);
    }
    vk->pending_count = 0;
    /* The decryptor's buffers are protected exactly when the decoder is. */
    vkdva_bitstream_decryptor_destroy(vk->decoder->bitstream_decryptor);
    vk->decoder->bitstream_decryptor = NULL;
    if (vk->stream.vk_pool)
        vkdva_command_stream_destroy(&vk->stream);
    memset(&vk->stream, 0, sizeof(vk->stream));

    for (i = 0; i < vk->slot_count; ++i)
    {
        if (vk->vk_slot_views[i])
            VK_CALL(vkDestroyImageView(vk_device, vk->vk_slot_views[i], NULL));
        vk->vk_slot_views[i] = VK_NULL_HANDLE;
        vk->slot_surface[i] = -1;
    }
    if (vk->vk_dpb)
        VK_CALL(vkDestroyImage(vk_device, vk->vk_dpb, NULL));
    if (vk->vk_dpb_memory)
        VK_CALL(vkFreeMemory(vk_device, vk->vk_dpb_memory, NULL));
    vk->vk_dpb = VK_NULL_HANDLE;
    vk->vk_dpb_memory = VK_NULL_HANDLE;
    if (vk->vk_parameters)
        VK_CALL(vkDestroyVideoSessionParametersKHR(vk_device, vk->vk_parameters, NULL));
    vk->vk_parameters = VK_NULL_HANDLE;
    if (vk->vk_session)
        VK_CALL(vkDestroyVideoSessionKHR(vk_device, vk->vk_session, NULL));
    vk->vk_session = VK_NULL_HANDLE;
    for (i = 0; i < vk->session_memory_count; ++i)
        VK_CALL(vkFreeMemory(vk_device, vk->vk_session_memory[i], NULL));
    vkdva_free(vk->vk_session_memory);
    vk->vk_session_memory = NULL;
    vk->session_memory_count = 0;
    if (vk->codec_state)
        vk->decoder->codec->free_vk_state(vk->codec_state);
    vk->codec_state = NULL;
    vk->reset_done = false;
    vk->ring_values[0] = vk->ring_values[1] = 0;
}

static void vkdva_vk_destroy(void *backend)
{
    struct vkdva_vk_decoder *vk = backend;
    struct d3d11_device *device = vk->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;

    vkdva_vk_destroy_session(vk);
    vkdva_device_destroy_buffer(device, vk->vk_bitstream, vk->vk_bitstream_memory);
    if (vk->vk_queries)
        VK_CALL(vkDestroyQueryPool(device->vk_device, vk->vk_queries, NULL));
    vkdva_free(vk->pending);
    vkdva_vk_floor_free(vk->floor);
    if (vk->queue)
        vkdva_device_release_decode_queue(device, vk->queue);
    vkdva_free(vk);
}

static HRESULT vkdva_vk_bind_session_memory(struct vkdva_vk_decoder *vk)
{
    const struct vkdva_vk_procs *vk_procs = &vk->device->vk_procs;
    VkVideoSessionMemoryRequirementsKHR *requirements;
    VkBindVideoSessionMemoryInfoKHR *binds;
    VkDevice vk_device = vk->device->vk_device;
    uint32_t count, i;
    HRESULT hr = S_OK;
    VkResult vr;
    int type;

    if ((vr = VK_CALL(vkGetVideoSessionMemoryRequirementsKHR(vk_device, vk->vk_session, &count, NULL))) < 0)
        return hresult_from_vk_result(vr);
    if (!count)
        return S_OK;
    requirements = vkdva_calloc(count, sizeof(*requirements));
    binds = vkdva_calloc(count, sizeof(*binds));
    vk->vk_session_memory = vkdva_calloc(count, sizeof(*vk->vk_session_memory));
    if (!requirements || !binds || !vk->vk_session_memory)
    {
        hr = E_OUTOFMEMORY;
        goto done;
    }
    for (i = 0; i < count; ++i)
        requirements[i].sType = VK_STRUCTURE_TYPE_VIDEO_SESSION_MEMORY_REQUIREMENTS_KHR;
    if ((vr = VK_CALL(vkGetVideoSessionMemoryRequirementsKHR(vk_device, vk->vk_session, &count, requirements))) < 0)
    {
        hr = hresult_from_vk_result(vr);
        goto done;
    }
    for (i = 0; i < count; ++i)
    {
        VkMemoryAllocateInfo alloc_info = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};

        /* A protected session's memory is protected where the driver allows it. */
        type = vk->is_protected ? vkdva_device_find_protected_memory_type(vk->device,
                requirements[i].memoryRequirements.memoryTypeBits) : -1;
        if (type < 0 && (type = vkdva_device_find_memory_type(vk->device,
                requirements[i].memoryRequirements.memoryTypeBits, 0, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)) < 0)
        {
            ERR("No memory type for video session memory %u.\n", i);
            hr = E_FAIL;
            goto done;
        }
        alloc_info.allocationSize = requirements[i].memoryRequirements.size;
        alloc_info.memoryTypeIndex = type;
        if ((vr = VK_CALL(vkAllocateMemory(vk_device, &alloc_info, NULL, &vk->vk_session_memory[i]))) < 0)
        {
            hr = hresult_from_vk_result(vr);
            goto done;
        }
        ++vk->session_memory_count;
        binds[i] = (VkBindVideoSessionMemoryInfoKHR)
        {
            .sType = VK_STRUCTURE_TYPE_BIND_VIDEO_SESSION_MEMORY_INFO_KHR,
            .memoryBindIndex = requirements[i].memoryBindIndex,
            .memory = vk->vk_session_memory[i],
            .memorySize = requirements[i].memoryRequirements.size,
        };
    }
    if ((vr = VK_CALL(vkBindVideoSessionMemoryKHR(vk_device, vk->vk_session, count, binds))) < 0)
        hr = hresult_from_vk_result(vr);

done:
    vkdva_free(requirements);
    vkdva_free(binds);
    return hr;
}

static HRESULT vkdva_vk_create_dpb(struct vkdva_vk_decoder *vk)
{
    const struct vkdva_vk_procs *vk_procs = &vk->device->vk_procs;
    uint32_t families[2] = {vk->queue->family_index, vk->device->compute_queue.family_index};
    VkDevice vk_device = vk->device->vk_device;
    VkMemoryRequirements requirements;
    unsigned int i;
    VkResult vr;
    int type;

    VkImageCreateInfo image_info =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
        .pNext = &vk->profile.list,
        .imageType = VK_IMAGE_TYPE_2D,
        .format = vk->vk_format,
        .extent = {vk->coded_extent.width, vk->coded_extent.height, 1},
        .mipLevels = 1,
        .arrayLayers = vk->slot_count,
        .samples = VK_SAMPLE_COUNT_1_BIT,
        .tiling = VK_IMAGE_TILING_OPTIMAL,
        .usage = VK_IMAGE_USAGE_VIDEO_DECODE_DPB_BIT_KHR | VK_IMAGE_USAGE_VIDEO_DECODE_DST_BIT_KHR
                | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
        .sharingMode = families[0] == families[1] ? VK_SHARING_MODE_EXCLUSIVE : VK_SHARING_MODE_CONCURRENT,
        .queueFamilyIndexCount = families[0] == families[1] ? 1 : 2,
        .pQueueFamilyIndices = families,
        .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
    };
    VkMemoryAllocateInfo alloc_info = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    HRESULT hr;

    if (vk->is_protected)
    {
        if (FAILED(hr = vkdva_device_create_protected_image(vk->device, &image_info, &vk->vk_dpb, &vk->vk_dpb_memory)))
            return hr;
    }
    else
    {
        if ((vr = VK_CALL(vkCreateImage(vk_device, &image_info, NULL, &vk->vk_dpb))) < 0)
            return hresult_from_vk_result(vr);
        VK_CALL(vkGetImageMemoryRequirements(vk_device, vk->vk_dpb, &requirements));
        if ((type = vkdva_device_find_memory_type(vk->device, requirements.memoryTypeBits,
                VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0)) < 0)
            return E_FAIL;
        alloc_info.allocationSize = requirements.size;
        alloc_info.memoryTypeIndex = type;
        if ((vr = VK_CALL(vkAllocateMemory(vk_device, &alloc_info, NULL, &vk->vk_dpb_memory))) < 0)
            return hresult_from_vk_result(vr);
        if ((vr = VK_CALL(vkBindImageMemory(vk_device, vk->vk_dpb, vk->vk_dpb_memory, 0))) < 0)
            return hresult_from_vk_result(vr);
    }

    for (i = 0; i < vk->slot_count; ++i)
    {
        VkImageViewUsageCreateInfo usage_info =
        {
            .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_USAGE_CREATE_INFO,
            .usage = VK_IMAGE_USAGE_VIDEO_DECODE_DPB_BIT_KHR | VK_IMAGE_USAGE_VIDEO_DECODE_DST_BIT_KHR,
        };
        VkImageViewCreateInfo view_info =
        {
            .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
            .pNext = &usage_info,
            .image = vk->vk_dpb,
            .viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY,
            .format = vk->vk_format,
            .subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, i, 1},
        };

        if ((vr = VK_CALL(vkCreateImageView(vk_device, &view_info, NULL, &vk->vk_slot_views[i]))) < 0)
            return hresult_from_vk_result(vr);
        vk->slot_surface[i] = -1;
    }
    return S_OK;
}

static void vkdva_vk_collect_statuses_(struct vkdva_vk_decoder *vk, bool wait);

/* The video session, its memory, the DPB and the stream, protected or not (vk->is_protected). */
static HRESULT vkdva_vk_create_session(struct vkdva_vk_decoder *vk)
{
    struct d3d11_device *device = vk->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    const VkVideoCapabilitiesKHR *caps = &vk->profile.caps;
    VkResult vr;
    HRESULT hr;

    VkVideoSessionCreateInfoKHR session_info =
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_SESSION_CREATE_INFO_KHR,
        .flags = vk->is_protected ? VK_VIDEO_SESSION_CREATE_PROTECTED_CONTENT_BIT_KHR : 0,
        .queueFamilyIndex = vk->queue->family_index,
        .pVideoProfile = &vk->profile.profile,
        .pictureFormat = vk->vk_format,
        .maxCodedExtent = vk->coded_extent,
        .referencePictureFormat = vk->vk_format,
        .maxDpbSlots = vk->slot_count,
        .maxActiveReferencePictures = vkdva_min_u(caps->maxActiveReferencePictures, VKDVA_MAX_VK_REFERENCES),
        .pStdHeaderVersion = &caps->stdHeaderVersion,
    };

    if ((vr = VK_CALL(vkCreateVideoSessionKHR(device->vk_device, &session_info, NULL, &vk->vk_session))) < 0)
    {
        WARN("Failed to create a%s video session, vr %d.\n", vk->is_protected ? " protected" : "", vr);
        return hresult_from_vk_result(vr);
    }
    if (FAILED(hr = vkdva_vk_bind_session_memory(vk)))
        return hr;
    if (FAILED(hr = vkdva_vk_create_dpb(vk)))
        return hr;
    if (vk->is_protected)
        return vkdva_command_stream_init_protected_on(&vk->stream, device, &device->protected_decode_queue);
    return vkdva_command_stream_init(&vk->stream, device, vk->queue);
}

/* Whether this decoder can decode protected content in hardware mode: a protected decode
 * queue, the profile's VK_VIDEO_CAPABILITY_PROTECTED_CONTENT_BIT_KHR
 * (VUID-VkVideoSessionCreateInfoKHR-protectedMemory-07189), and protected DPB images of its
 * format (VUID-VkImageCreateInfo-pNext-06811: the flags VkVideoFormatPropertiesKHR allows). */
static bool vkdva_vk_protected_capable(const struct vkdva_vk_decoder *vk)
{
    return vk->device->caps.protected_memory && vk->device->protected_decode_queue.vk_queue
            && (vk->profile.caps.flags & VK_VIDEO_CAPABILITY_PROTECTED_CONTENT_BIT_KHR)
            && (vk->format_create_flags & VK_IMAGE_CREATE_PROTECTED_BIT);
}

/* Remakes the session, DPB and stream as protected or not. References are lost: the next
 * picture starts from the parameters and references DXVA gives it. */
static HRESULT vkdva_vk_set_protected(struct vkdva_vk_decoder *vk, bool is_protected)
{
    HRESULT hr;

    /* A session that failed to be made (out of memory) is tried again. */
    if (vk->is_protected == is_protected && vk->vk_session && vk->stream.vk_pool)
        return S_OK;
    if (is_protected && !vkdva_vk_protected_capable(vk))
    {
        FIXME("Protected decoding needs a protected video session, which this device does not offer "
                "(protected decode queue %p, video capabilities %#x, DPB image flags %#x).\n",
                vk->device->protected_decode_queue.vk_queue, vk->profile.caps.flags, vk->format_create_flags);
        return E_NOTIMPL;
    }
    TRACE("Decoder %p: remaking the video session %s.\n", vk->decoder, is_protected ? "protected" : "unprotected");
    /* Status reports of the pictures already decoded, then nothing in flight. */
    if (vk->stream.vk_pool)
    {
        vkdva_vk_collect_statuses_(vk, true);
        vkdva_command_stream_wait(&vk->stream, vk->stream.next_value, true);
    }
    if (vk->floor)
        vk->floor->failed = true;
    vkdva_vk_destroy_session(vk);
    vk->is_protected = is_protected;
    if (FAILED(hr = vkdva_vk_create_session(vk)))
    {
        ERR("Failed to remake the video session, hr %#x.\n", hr);
        vkdva_vk_destroy_session(vk);
    }
    return hr;
}

static HRESULT vkdva_vk_create(struct d3d11_video_decoder *decoder, void **backend)
{
    struct d3d11_device *device = decoder->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    struct vkdva_vk_decoder *vk;
    VkVideoCapabilitiesKHR *caps;
    unsigned int i;
    VkResult vr;
    HRESULT hr;

    if (!(vk = vkdva_calloc(1, sizeof(*vk))))
        return E_OUTOFMEMORY;
    vk->decoder = decoder;
    vk->device = device;
    for (i = 0; i < ARRAY_SIZE(vk->slot_surface); ++i)
        vk->slot_surface[i] = -1;
    vk->queue = vkdva_device_acquire_decode_queue(device);
    if (!vkdva_vk_query_profile(device, decoder->codec, decoder->desc.OutputFormat, &vk->profile))
    {
        hr = E_INVALIDARG;
        goto fail;
    }
    caps = &vk->profile.caps;
    vk->vk_format = vkdva_vk_find_format(device, &vk->profile, decoder->desc.OutputFormat, &vk->format_create_flags);
    vk->coded_extent.width = vkdva_align(decoder->desc.SampleWidth, caps->pictureAccessGranularity.width);
    vk->coded_extent.height = vkdva_align(decoder->desc.SampleHeight, caps->pictureAccessGranularity.height);
    if (vk->coded_extent.width < caps->minCodedExtent.width || vk->coded_extent.height < caps->minCodedExtent.height
            || vk->coded_extent.width > caps->maxCodedExtent.width
            || vk->coded_extent.height > caps->maxCodedExtent.height)
    {
        WARN("Size %ux%u is outside the device's %ux%u to %ux%u.\n", decoder->desc.SampleWidth,
                decoder->desc.SampleHeight, caps->minCodedExtent.width, caps->minCodedExtent.height,
                caps->maxCodedExtent.width, caps->maxCodedExtent.height);
        hr = E_INVALIDARG;
        goto fail;
    }
    vk->slot_count = vkdva_min_u(caps->maxDpbSlots, VKDVA_VK_MAX_SLOTS);

    /* Unprotected to begin with: a crypto session is bound later, if at all. */
    if (FAILED(hr = vkdva_vk_create_session(vk)))
        goto fail;

    {
        VkBufferCreateInfo buffer_info =
        {
            .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
            .pNext = &vk->profile.list,
            .size = VKDVA_VK_BITSTREAM_SIZE,
            .usage = VK_BUFFER_USAGE_VIDEO_DECODE_SRC_BIT_KHR,
            .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
        };

        if (FAILED(hr = vkdva_device_create_buffer_from_info(device, &buffer_info,
                VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0, &vk->vk_bitstream,
                &vk->vk_bitstream_memory, (void **)&vk->bitstream)))
            goto fail;
    }

    {
        VkQueryPoolCreateInfo query_info =
        {
            .sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO,
            .pNext = &vk->profile.profile,
            .queryType = VK_QUERY_TYPE_RESULT_STATUS_ONLY_KHR,
            .queryCount = VKDVA_VK_QUERY_COUNT,
        };

        if ((vr = VK_CALL(vkCreateQueryPool(device->vk_device, &query_info, NULL, &vk->vk_queries))) < 0)
        {
            hr = hresult_from_vk_result(vr);
            goto fail;
        }
    }

    TRACE("Created a Vulkan video session %ux%u, %u DPB slots, on decode queue %u%s.\n", vk->coded_extent.width,
            vk->coded_extent.height, vk->slot_count, (unsigned int)(vk->queue - device->decode_queues),
            vkdva_vk_protected_capable(vk) ? ", protected sessions possible" : "");
    *backend = vk;
    return S_OK;

fail:
    vkdva_vk_destroy(vk);
    return hr;
}

static HRESULT vkdva_vk_update_parameters(struct vkdva_vk_decoder *vk, const struct vkdva_vk_picture *picture)
{
    const struct vkdva_vk_procs *vk_procs = &vk->device->vk_procs;
    VkResult vr;

    if (picture->parameters_reset && vk->vk_parameters)
    {
        /* The floor replays with one parameters object. */
        if (vk->floor)
            vk->floor->failed = true;
        /* Work already recorded still uses the old object. */
        vkdva_command_stream_wait(&vk->stream, vk->stream.next_value, true);
        VK_CALL(vkDestroyVideoSessionParametersKHR(vk->device->vk_device, vk->vk_parameters, NULL));
        vk->vk_parameters = VK_NULL_HANDLE;
    }
    if (!vk->vk_parameters)
    {
        VkVideoSessionParametersCreateInfoKHR create_info =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_SESSION_PARAMETERS_CREATE_INFO_KHR,
            .pNext = vk->decoder->codec->vk_parameters_create_info(vk->codec_state, picture->parameters_add_info),
            .videoSession = vk->vk_session,
        };

        vk->parameters_update = 0;
        if ((vr = VK_CALL(vkCreateVideoSessionParametersKHR(vk->device->vk_device, &create_info, NULL,
                &vk->vk_parameters))) < 0)
        {
            WARN("Failed to create session parameters, vr %d.\n", vr);
            return hresult_from_vk_result(vr);
        }
        return S_OK;
    }
    if (picture->parameters_add_info)
    {
        VkVideoSessionParametersUpdateInfoKHR update_info =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_SESSION_PARAMETERS_UPDATE_INFO_KHR,
            .pNext = picture->parameters_add_info,
            .updateSequenceCount = ++vk->parameters_update,
        };

        if ((vr = VK_CALL(vkUpdateVideoSessionParametersKHR(vk->device->vk_device, vk->vk_parameters,
                &update_info))) < 0)
        {
            WARN("Failed to update session parameters, vr %d.\n", vr);
            return hresult_from_vk_result(vr);
        }
    }
    return S_OK;
}

static int vkdva_vk_find_slot(struct vkdva_vk_decoder *vk, uint8_t surface)
{
    unsigned int i;

    for (i = 0; i < vk->slot_count; ++i)
    {
        if (vk->slot_surface[i] == surface)
            return i;
    }
    return -1;
}

/* The current picture's slot: its own if it is the second field, else one no reference holds. */
static int vkdva_vk_assign_slot(struct vkdva_vk_decoder *vk, const struct vkdva_vk_picture *picture)
{
    bool used[VKDVA_VK_MAX_SLOTS] = {0};
    unsigned int i;
    int slot;

    if (picture->second_field && (slot = vkdva_vk_find_slot(vk, picture->surface)) >= 0)
        return slot;
    for (i = 0; i < picture->ref_count; ++i)
    {
        if ((slot = vkdva_vk_find_slot(vk, picture->refs[i].surface)) >= 0)
            used[slot] = true;
    }
    for (i = 0; i < vk->slot_count; ++i)
    {
        if (vk->slot_surface[i] == picture->surface)
            vk->slot_surface[i] = -1;
    }
    for (i = 0; i < vk->slot_count; ++i)
    {
        if (!used[i])
        {
            vk->slot_surface[i] = picture->surface;
            return i;
        }
    }
    return -1;
}

/* Room for size bytes in the bitstream ring: two halves, filled in turn; before a half is
 * reused, the decodes that read it must have finished. */
static VkDeviceSize vkdva_vk_bitstream_alloc(struct vkdva_vk_decoder *vk, VkDeviceSize size)
{
    const VkVideoCapabilitiesKHR *caps = &vk->profile.caps;
    VkDeviceSize half = VKDVA_VK_BITSTREAM_SIZE / 2, used;

    used = vkdva_align_u64(vk->bitstream_offset, caps->minBitstreamBufferOffsetAlignment);
    if (used + size > half)
    {
        vk->ring_half ^= 1;
        if (vk->ring_values[vk->ring_half])
            vkdva_command_stream_wait(&vk->stream, vk->ring_values[vk->ring_half], true);
        used = 0;
    }
    vk->ring_values[vk->ring_half] = vk->stream.next_value;
    vk->bitstream_offset = used + size;
    return vk->ring_half * half + used;
}

/* Copies the decoded slot into the application's surface on the compute queue, after the
 * decode: on the immediate context's stream, or for a protected surface where protect.c
 * records its work (the protected stream in hardware mode, as the DPB is protected there). */
static HRESULT vkdva_vk_copy_output(struct vkdva_vk_decoder *vk, int slot, const struct vkdva_decode_frame *frame,
        uint64_t decode_value)
{
    struct d3d11_device *device = vk->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    struct d3d11_texture2d *dst = frame->output;
    struct vkdva_command_stream *stream;
    uint64_t copy_value;
    HRESULT write_hr;
    VkImageCopy regions[2];
    VkCommandBuffer vk_cmd;
    unsigned int plane;
    HRESULT hr;

    vkdva_device_lock(device);
    if (dst->protected)
    {
        hr = vkdva_protect_begin_commands(device, &stream, &vk_cmd);
    }
    else
    {
        stream = &device->immediate_context.stream;
        hr = vkdva_command_stream_get(stream, &vk_cmd);
    }
    if (FAILED(hr))
        goto done;
    /* The copy may not run before the decode finished. */
    vkdva_command_stream_add_wait(stream, vk->stream.vk_timeline, decode_value);
    vkdva_cmd_image_barrier(device, vk_cmd, vk->vk_dpb, slot, 1, VK_IMAGE_LAYOUT_VIDEO_DECODE_DPB_KHR,
            VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_2_COPY_BIT);
    for (plane = 0; plane < 2; ++plane)
    {
        regions[plane] = (VkImageCopy)
        {
            .srcSubresource = {plane ? VK_IMAGE_ASPECT_PLANE_1_BIT : VK_IMAGE_ASPECT_PLANE_0_BIT, 0, slot, 1},
            .dstSubresource = {plane ? VK_IMAGE_ASPECT_PLANE_1_BIT : VK_IMAGE_ASPECT_PLANE_0_BIT, 0,
                    frame->output_slice, 1},
            .extent = {vkdva_min_u(dst->desc.Width, vk->coded_extent.width) >> plane,
                    vkdva_min_u(dst->desc.Height, vk->coded_extent.height) >> plane, 1},
        };
    }
    /* A protected surface receives the picture encrypted, through a private buffer (protect.c). */
    if (dst->protected)
        hr = vkdva_protect_cmd_write_image(dst, frame->output_slice, frame->crypto_session, stream, vk_cmd,
                vk->vk_dpb, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, slot, regions[0].extent.width,
                regions[0].extent.height);
    else
        VK_CALL(vkCmdCopyImage(vk_cmd, vk->vk_dpb, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst->vk_image,
                VK_IMAGE_LAYOUT_GENERAL, 2, regions));
    vkdva_cmd_image_barrier(device, vk_cmd, vk->vk_dpb, slot, 1, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
            VK_IMAGE_LAYOUT_VIDEO_DECODE_DPB_KHR, VK_PIPELINE_STAGE_2_COPY_BIT, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT);
    vkdva_cmd_memory_barrier(device, vk_cmd);
    copy_value = stream->next_value;
    dst->last_use.stream = stream;
    dst->last_use.value = copy_value;
    /* The decode queue waits for this copy before it writes or reads the slot again
     * (vkdva_vk_decode()). */
    vk->slot_copy_streams[slot] = stream;
    vk->slot_copy_values[slot] = copy_value;
    /* The barriers above must run even when the encryption was not recorded; the error of the
     * write is the picture's. */
    write_hr = hr;
    if (dst->protected)
    {
        vk->protected_copy_stream = stream;
        vk->protected_copy_value = copy_value;
        if (FAILED(hr = vkdva_protect_end_commands(device, stream, vk_cmd)))
            goto done;
    }
    hr = vkdva_command_stream_flush(stream);
    if (SUCCEEDED(hr))
        hr = write_hr;

done:
    vkdva_device_unlock(device);
    return hr;
}

/* Turns finished decodes into status reports, in decode order: with wait, every decode
 * submitted (the application asked for the reports), else those already complete, so that a
 * decoder never stalls the device lock waiting for its own queue. */
static void vkdva_vk_collect_statuses_(struct vkdva_vk_decoder *vk, bool wait)
{
    const struct vkdva_vk_procs *vk_procs = &vk->device->vk_procs;
    struct vkdva_vk_pending_status *pending;
    int32_t result;
    VkResult vr;
    size_t i;

    for (i = 0; i < vk->pending_count; ++i)
    {
        pending = &vk->pending[i];
        /* After a removal (a hung GPU, command.c) the decode may never complete, and
         * VK_QUERY_RESULT_WAIT_BIT has no timeout. */
        if (wait ? FAILED(vkdva_command_stream_wait(&vk->stream, pending->value, true))
                : !vkdva_command_stream_is_complete(&vk->stream, pending->value))
            break;
        /* A protected picture has no query: it completed. */
        result = 1;
        vr = VK_SUCCESS;
        if (pending->query != VKDVA_VK_NO_QUERY)
            vr = VK_CALL(vkGetQueryPoolResults(vk->device->vk_device, vk->vk_queries, pending->query, 1,
                    sizeof(result), &result, sizeof(result), VK_QUERY_RESULT_WITH_STATUS_BIT_KHR
                    | VK_QUERY_RESULT_WAIT_BIT));
        /* VK_QUERY_RESULT_STATUS_COMPLETE_KHR is positive, errors negative (Vulkan "Result Status Queries"). */
        if (vr < 0 || result <= 0)
        {
            WARN("Picture %u: decode status %d, vr %d.\n", pending->status.feedback_number, result, vr);
            pending->status.status = 3;
        }
        vkdva_decoder_add_status(vk->decoder, &pending->status);
    }
    memmove(vk->pending, vk->pending + i, (vk->pending_count - i) * sizeof(*vk->pending));
    vk->pending_count -= i;
}

static void vkdva_vk_collect_statuses(void *backend)
{
    vkdva_vk_collect_statuses_(backend, true);
}

/* Records the video coding scope of one picture: the references and the picture being set up
 * bound, the decode, and (query >= 0) its result-status query. */
static void vkdva_vk_record_decode(struct vkdva_vk_decoder *vk, VkCommandBuffer vk_cmd,
        const struct vkdva_vk_decode_cmd *cmd, VkBuffer vk_src, bool reset, int query)
{
    const struct vkdva_vk_procs *vk_procs = &vk->device->vk_procs;
    VkVideoReferenceSlotInfoKHR begin_slots[VKDVA_MAX_VK_REFERENCES + 1];
    unsigned int i, begin_count;

    /* Begin coding binds every reference and the picture being set up; a new picture's slot
     * is not active yet (slotIndex -1). A second field whose first field is a reference is
     * already in the list. */
    memcpy(begin_slots, cmd->ref_slots, cmd->ref_count * sizeof(*cmd->ref_slots));
    begin_count = cmd->ref_count;
    for (i = 0; i < cmd->ref_count; ++i)
    {
        if (cmd->ref_slots[i].slotIndex == cmd->setup_slot.slotIndex)
            break;
    }
    if (i == cmd->ref_count)
    {
        begin_slots[begin_count] = cmd->setup_slot;
        begin_slots[begin_count].slotIndex = cmd->second_field ? cmd->setup_slot.slotIndex : -1;
        ++begin_count;
    }

    {
        VkVideoBeginCodingInfoKHR begin_info =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_BEGIN_CODING_INFO_KHR,
            .videoSession = vk->vk_session,
            .videoSessionParameters = vk->vk_parameters,
            .referenceSlotCount = begin_count,
            .pReferenceSlots = begin_slots,
        };
        VkVideoEndCodingInfoKHR end_info = {.sType = VK_STRUCTURE_TYPE_VIDEO_END_CODING_INFO_KHR};
        VkVideoCodingControlInfoKHR control_info =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_CODING_CONTROL_INFO_KHR,
            .flags = VK_VIDEO_CODING_CONTROL_RESET_BIT_KHR,
        };
        VkVideoDecodeInfoKHR decode_info =
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_DECODE_INFO_KHR,
            .pNext = cmd->picture_info,
            .srcBuffer = vk_src,
            .srcBufferOffset = cmd->src_offset,
            .srcBufferRange = cmd->src_range,
            .dstPictureResource = *cmd->setup_slot.pPictureResource,
            .pSetupReferenceSlot = &cmd->setup_slot,
            .referenceSlotCount = cmd->ref_count,
            .pReferenceSlots = cmd->ref_slots,
        };

        VK_CALL(vkCmdBeginVideoCodingKHR(vk_cmd, &begin_info));
        if (reset)
            VK_CALL(vkCmdControlVideoCodingKHR(vk_cmd, &control_info));
        if (query >= 0)
            VK_CALL(vkCmdBeginQuery(vk_cmd, vk->vk_queries, query, 0));
        VK_CALL(vkCmdDecodeVideoKHR(vk_cmd, &decode_info));
        if (query >= 0)
            VK_CALL(vkCmdEndQuery(vk_cmd, vk->vk_queries, query));
        VK_CALL(vkCmdEndVideoCodingKHR(vk_cmd, &end_info));
    }
}

/* Points the slots at the command's own picture resources, once it is built or copied. */
static void vkdva_vk_decode_cmd_link(struct vkdva_vk_decode_cmd *cmd)
{
    unsigned int i;

    for (i = 0; i < cmd->ref_count; ++i)
        cmd->ref_slots[i].pPictureResource = &cmd->resources[i];
    cmd->setup_slot.pPictureResource = &cmd->resources[VKDVA_MAX_VK_REFERENCES];
}

static void vkdva_vk_floor_capture_picture(struct vkdva_vk_decoder *vk, const struct vkdva_vk_decode_cmd *cmd,
        const uint8_t *bitstream);

/* Adds a copy to wait for, keeping the largest value per stream. */
static void vkdva_vk_add_copy_wait(struct vkdva_command_stream *streams[2], uint64_t values[2],
        struct vkdva_command_stream *stream, uint64_t value)
{
    unsigned int i;

    if (!stream || !value)
        return;
    for (i = 0; i < 2; ++i)
    {
        if (!streams[i] || streams[i] == stream)
        {
            streams[i] = stream;
            values[i] = vkdva_max_u64(values[i], value);
            return;
        }
    }
    ERR("Copies on more than two streams.\n");
}

static HRESULT vkdva_vk_decode(void *backend, const struct vkdva_decode_frame *frame)
{
    struct vkdva_vk_decoder *vk = backend;
    struct d3d11_device *device = vk->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    int ref_slots_by_index[VKDVA_MAX_VK_REFERENCES];
    struct vkdva_vk_picture picture = {0};
    struct vkdva_vk_pending_status *pending;
    struct vkdva_vk_decode_cmd cmd;
    VkDeviceSize size = 0, offset, aligned;
    struct vkdva_command_stream *copy_streams[2] = {0};
    uint64_t decode_value, copy_waits[2] = {0};
    VkBuffer vk_src;
    VkCommandBuffer vk_cmd;
    int slot, ref_slot;
    unsigned int i;
    uint32_t query;
    HRESULT hr;

    /* In hardware mode a protected surface is written only by a protected video session. */
    if (FAILED(hr = vkdva_vk_set_protected(vk, frame->crypto_session && device->caps.protected_memory)))
        return hr;
    if (FAILED(hr = vk->decoder->codec->prepare_vk(&vk->codec_state, frame, vk->decoder->config.ConfigBitstreamRaw,
            &picture)))
        goto done;
    if (frame->output->desc.Width < vk->coded_extent.width || !frame->output->vk_image)
    {
        /* The DPB is padded to the device's granularity; the surface must hold the picture. */
        if (!frame->output->vk_image && !frame->output->protected)
        {
            WARN("Output %p has no image.\n", frame->output);
            hr = E_INVALIDARG;
            goto done;
        }
    }
    if (FAILED(hr = vkdva_vk_update_parameters(vk, &picture)))
        goto done;
    if ((slot = vkdva_vk_assign_slot(vk, &picture)) < 0)
    {
        WARN("No free DPB slot.\n");
        hr = E_FAIL;
        goto done;
    }

    for (i = 0; i < picture.slice_count; ++i)
        size += picture.slices[i].size;
    aligned = vkdva_align_u64(size, vk->profile.caps.minBitstreamBufferSizeAlignment);
    if (!size || aligned > VKDVA_VK_BITSTREAM_SIZE / 2)
    {
        WARN("Invalid bitstream size %" PRIu64 ".\n", (uint64_t)size);
        hr = E_INVALIDARG;
        goto done;
    }
    if (frame->ciphertext || vk->is_protected)
    {
        /* Encrypted: the ciphertext is uploaded and decrypted on the compute queue into a
         * private buffer (protect_bitstream.c); this decode waits for that pass. A protected
         * session's clear bitstream goes the same way into protected memory. */
        if (FAILED(hr = vkdva_bitstream_decryptor_decrypt(&vk->decoder->bitstream_decryptor, device, frame,
                &vk->profile.list, picture.slices, picture.slice_count, aligned,
                vk->profile.caps.minBitstreamBufferOffsetAlignment, &vk->stream, &vk_src, &offset)))
            goto done;
    }
    else
    {
        vk_src = vk->vk_bitstream;
        offset = vkdva_vk_bitstream_alloc(vk, aligned);
        for (i = 0, size = 0; i < picture.slice_count; ++i)
        {
            memcpy(vk->bitstream + offset + size, frame->bitstream + picture.slices[i].offset,
                    picture.slices[i].size);
            size += picture.slices[i].size;
        }
        memset(vk->bitstream + offset + size, 0, aligned - size);
    }

    memset(&cmd, 0, sizeof(cmd));
    for (i = 0; i < ARRAY_SIZE(cmd.resources); ++i)
    {
        cmd.resources[i] = (VkVideoPictureResourceInfoKHR)
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_PICTURE_RESOURCE_INFO_KHR,
            .codedExtent = vk->coded_extent,
            .baseArrayLayer = 0,
        };
    }
    for (i = 0; i < picture.ref_count; ++i)
    {
        ref_slots_by_index[i] = ref_slot = vkdva_vk_find_slot(vk, picture.refs[i].surface);
        if (ref_slot < 0)
        {
            WARN_ONCE("Reference surface %u was never decoded.\n", picture.refs[i].surface);
            continue;
        }
        cmd.resources[cmd.ref_count].imageViewBinding = vk->vk_slot_views[ref_slot];
        cmd.ref_slots[cmd.ref_count] = (VkVideoReferenceSlotInfoKHR)
        {
            .sType = VK_STRUCTURE_TYPE_VIDEO_REFERENCE_SLOT_INFO_KHR,
            .pNext = picture.refs[i].slot_info,
            .slotIndex = ref_slot,
        };
        ++cmd.ref_count;
    }
    if (vk->decoder->codec->resolve_vk_slots)
        vk->decoder->codec->resolve_vk_slots(vk->codec_state, ref_slots_by_index);
    cmd.resources[VKDVA_MAX_VK_REFERENCES].imageViewBinding = vk->vk_slot_views[slot];
    cmd.setup_slot = (VkVideoReferenceSlotInfoKHR)
    {
        .sType = VK_STRUCTURE_TYPE_VIDEO_REFERENCE_SLOT_INFO_KHR,
        .pNext = picture.setup_slot_info,
        .slotIndex = slot,
    };
    cmd.second_field = picture.second_field;
    cmd.picture_info = picture.picture_info;
    cmd.src_offset = offset;
    cmd.src_range = aligned;
    vkdva_vk_decode_cmd_link(&cmd);
    if (vk->floor)
    {
        /* Encrypted bitstreams live in the decryptor's private buffer: not captured. */
        if (frame->ciphertext || vk->is_protected)
            vk->floor->failed = true;
        else
            vkdva_vk_floor_capture_picture(vk, &cmd, vk->bitstream + offset);
    }

    if (FAILED(hr = vkdva_command_stream_get(&vk->stream, &vk_cmd)))
        goto done;
    /* A copy out of a slot moves that array layer from the DPB layout to TRANSFER_SRC and back
     * on the compute queue: a decode that writes the slot or reads it as a reference waits for
     * that copy; decodes that touch neither run on while it is pending. After a picture written
     * into a protected surface (a pass of protect.c), the next decode waits for it, as every
     * decode did before the waits per slot: the ordering the protected path was verified with
     * on the GPU. The copies are on at most two streams (the context's, the protected one). */
    vkdva_vk_add_copy_wait(copy_streams, copy_waits, vk->slot_copy_streams[slot], vk->slot_copy_values[slot]);
    for (i = 0; i < cmd.ref_count; ++i)
        vkdva_vk_add_copy_wait(copy_streams, copy_waits, vk->slot_copy_streams[cmd.ref_slots[i].slotIndex],
                vk->slot_copy_values[cmd.ref_slots[i].slotIndex]);
    vkdva_vk_add_copy_wait(copy_streams, copy_waits, vk->protected_copy_stream, vk->protected_copy_value);
    for (i = 0; i < ARRAY_SIZE(copy_streams); ++i)
    {
        if (copy_streams[i])
            vkdva_command_stream_add_wait(&vk->stream, copy_streams[i]->vk_timeline, copy_waits[i]);
    }
    if (!vk->reset_done)
        vkdva_cmd_image_barrier(device, vk_cmd, vk->vk_dpb, 0, vk->slot_count, VK_IMAGE_LAYOUT_UNDEFINED,
                VK_IMAGE_LAYOUT_VIDEO_DECODE_DPB_KHR, VK_PIPELINE_STAGE_2_NONE,
                VK_PIPELINE_STAGE_2_VIDEO_DECODE_BIT_KHR);

    /* Protected command buffers may not use queries (VUID-vkCmdBeginQuery-commandBuffer-01885). */
    query = VKDVA_VK_NO_QUERY;
    if (!vk->is_protected)
    {
        query = vk->next_query++ % VKDVA_VK_QUERY_COUNT;
        VK_CALL(vkCmdResetQueryPool(vk_cmd, vk->vk_queries, query, 1));
    }
    vkdva_vk_record_decode(vk, vk_cmd, &cmd, vk_src, !vk->reset_done, query == VKDVA_VK_NO_QUERY ? -1 : (int)query);
    vk->reset_done = true;
    decode_value = vk->stream.next_value;
    TRACE("Decode %" PRIu64 " into slot %d, %u reference(s), after copies %" PRIu64 " and %" PRIu64 "%s.\n",
            decode_value, slot, cmd.ref_count, copy_waits[0], copy_waits[1], vk->is_protected ? ", protected" : "");
    if (FAILED(hr = vkdva_command_stream_flush(&vk->stream)))
        goto done;

    if (vkdva_array_reserve((void **)&vk->pending, &vk->pending_size, vk->pending_count + 1, sizeof(*vk->pending)))
    {
        pending = &vk->pending[vk->pending_count++];
        memset(pending, 0, sizeof(*pending));
        vk->decoder->codec->describe_picture(frame, &pending->status);
        pending->query = query;
        pending->value = decode_value;
    }
    /* Status reports are read before a query slot comes round again; only the oldest decode
     * is waited for, and only when every slot is in use. */
    vkdva_vk_collect_statuses_(vk, false);
    while (vk->pending_count >= VKDVA_VK_QUERY_COUNT - 1)
    {
        /* After a removal the oldest decode never completes: this would loop for ever. */
        if (FAILED(hr = vkdva_command_stream_wait(&vk->stream, vk->pending[0].value, true)))
            goto done;
        vkdva_vk_collect_statuses_(vk, false);
    }

    hr = vkdva_vk_copy_output(vk, slot, frame, decode_value);

done:
    vkdva_free(picture.slices);
    return hr;
}

/* The direct-Vulkan floor for vkdva-bench (issue "Decode", Performance): the decode commands
 * of the captured pictures, with their codec structures copied, submitted again one command
 * buffer and one vkQueueSubmit2 per picture on the decoder's own queue, with nothing of the
 * D3D11 layer around them: no DXVA translation, no bitstream copy, no output copy, no status
 * query. What vkdva costs beyond this is its own. */
static void vkdva_vk_floor_free(struct vkdva_vk_floor *floor)
{
    size_t i, j;

    if (!floor)
        return;
    for (i = 0; i < floor->picture_count; ++i)
    {
        for (j = 0; j < ARRAY_SIZE(floor->pictures[i].infos); ++j)
            vkdva_free(floor->pictures[i].infos[j]);
    }
    vkdva_free(floor->pictures);
    vkdva_free(floor->bitstream);
    vkdva_free(floor);
}

static void vkdva_vk_floor_capture_picture(struct vkdva_vk_decoder *vk, const struct vkdva_vk_decode_cmd *cmd,
        const uint8_t *bitstream)
{
    void *(*clone)(const void *info) = vk->decoder->codec->clone_vk_info;
    const VkVideoCapabilitiesKHR *caps = &vk->profile.caps;
    struct vkdva_vk_floor *floor = vk->floor;
    struct vkdva_vk_floor_picture *p;
    VkDeviceSize offset;
    unsigned int i;

    if (floor->failed || !floor->capture_left)
        return;
    --floor->capture_left;
    offset = vkdva_align_u64(floor->bitstream_size, caps->minBitstreamBufferOffsetAlignment);
    if (!clone || !vkdva_array_reserve((void **)&floor->pictures, &floor->pictures_size,
            floor->picture_count + 1, sizeof(*floor->pictures))
            || !vkdva_array_reserve((void **)&floor->bitstream, &floor->bitstream_capacity,
            offset + cmd->src_range, 1))
    {
        floor->failed = true;
        return;
    }
    p = &floor->pictures[floor->picture_count];
    memset(p, 0, sizeof(*p));
    /* Linked when replayed: the array moves as it grows. */
    p->cmd = *cmd;
    p->cmd.src_offset = offset;
    memcpy(floor->bitstream + offset, bitstream, cmd->src_range);
    floor->bitstream_size = offset + cmd->src_range;
    if (!(p->cmd.picture_info = p->infos[0] = clone(cmd->picture_info))
            || !(p->cmd.setup_slot.pNext = p->infos[1] = clone(cmd->setup_slot.pNext)))
        floor->failed = true;
    for (i = 0; i < cmd->ref_count && !floor->failed; ++i)
    {
        if (!(p->cmd.ref_slots[i].pNext = p->infos[i + 2] = clone(cmd->ref_slots[i].pNext)))
            floor->failed = true;
    }
    ++floor->picture_count;
}

static HRESULT vkdva_vk_floor_capture(void *backend, unsigned int picture_count)
{
    struct vkdva_vk_decoder *vk = backend;

    vkdva_vk_floor_free(vk->floor);
    if (!(vk->floor = vkdva_calloc(1, sizeof(*vk->floor))))
        return E_OUTOFMEMORY;
    vk->floor->capture_left = picture_count;
    return S_OK;
}

#define VKDVA_VK_FLOOR_DEPTH 16u

static HRESULT vkdva_vk_floor_replay(void *backend, unsigned int repeat)
{
    struct vkdva_vk_decoder *vk = backend;
    struct d3d11_device *device = vk->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkCommandBuffer vk_cmds[VKDVA_VK_FLOOR_DEPTH] = {0};
    struct vkdva_vk_floor *floor = vk->floor;
    VkDevice vk_device = device->vk_device;
    VkDeviceMemory vk_memory = VK_NULL_HANDLE;
    VkSemaphore vk_timeline = VK_NULL_HANDLE;
    VkCommandPool vk_pool = VK_NULL_HANDLE;
    VkBuffer vk_buffer = VK_NULL_HANDLE;
    uint64_t value = 0, wait_value;
    unsigned int r, i;
    HRESULT hr = S_OK;
    void *data;
    VkResult vr;
    size_t p;

    VkSemaphoreTypeCreateInfo type_info =
    {
        .sType = VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO,
        .semaphoreType = VK_SEMAPHORE_TYPE_TIMELINE,
    };
    VkSemaphoreCreateInfo semaphore_info = {.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO, .pNext = &type_info};
    VkCommandPoolCreateInfo pool_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
        .flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
        .queueFamilyIndex = vk->queue->family_index,
    };
    VkCommandBufferAllocateInfo alloc_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
        .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
        .commandBufferCount = VKDVA_VK_FLOOR_DEPTH,
    };
    VkCommandBufferBeginInfo begin_info =
    {
        .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
        .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
    };
    VkBufferCreateInfo buffer_info =
    {
        .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
        .pNext = &vk->profile.list,
        .usage = VK_BUFFER_USAGE_VIDEO_DECODE_SRC_BIT_KHR,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
    };
    VkSemaphoreWaitInfo wait_info =
    {
        .sType = VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO,
        .semaphoreCount = 1,
        .pSemaphores = &vk_timeline,
        .pValues = &wait_value,
    };

    if (!floor || floor->failed || !floor->picture_count)
    {
        WARN("No usable floor capture (%p, failed %d).\n", floor, floor ? floor->failed : 0);
        return E_FAIL;
    }
    /* The decoder's own work, and the copies out of its DPB, finish first. */
    vkdva_command_stream_wait(&vk->stream, vk->stream.next_value, true);
    vkdva_device_lock(device);
    vkdva_command_stream_wait(&device->immediate_context.stream, device->immediate_context.stream.next_value, true);
    vkdva_device_unlock(device);

    buffer_info.size = floor->bitstream_size;
    if (FAILED(hr = vkdva_device_create_buffer_from_info(device, &buffer_info,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0, &vk_buffer, &vk_memory,
            &data)))
        return hr;
    memcpy(data, floor->bitstream, floor->bitstream_size);
    if ((vr = VK_CALL(vkCreateSemaphore(vk_device, &semaphore_info, NULL, &vk_timeline))) < 0
            || (vr = VK_CALL(vkCreateCommandPool(vk_device, &pool_info, NULL, &vk_pool))) < 0)
        goto done;
    alloc_info.commandPool = vk_pool;
    if ((vr = VK_CALL(vkAllocateCommandBuffers(vk_device, &alloc_info, vk_cmds))) < 0)
        goto done;

    for (p = 0; p < floor->picture_count; ++p)
        vkdva_vk_decode_cmd_link(&floor->pictures[p].cmd);
    for (r = 0; r < repeat; ++r)
    {
        for (p = 0; p < floor->picture_count; ++p)
        {
            VkCommandBuffer vk_cmd = vk_cmds[value % VKDVA_VK_FLOOR_DEPTH];
            VkCommandBufferSubmitInfo cmd_info =
            {
                .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO,
                .commandBuffer = vk_cmd,
            };
            VkSemaphoreSubmitInfo signal_info =
            {
                .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO,
                .semaphore = vk_timeline,
                .value = value + 1,
                .stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
            };
            VkSubmitInfo2 submit_info =
            {
                .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO_2,
                .commandBufferInfoCount = 1,
                .pCommandBufferInfos = &cmd_info,
                .signalSemaphoreInfoCount = 1,
                .pSignalSemaphoreInfos = &signal_info,
            };

            /* The command buffer was last submitted VKDVA_VK_FLOOR_DEPTH pictures ago. Polled
             * with short sleeps, as vkdva-bench waits for the API path, so that the CPU time
             * measured is the submissions' and not a driver's spinning wait. */
            if (value >= VKDVA_VK_FLOOR_DEPTH)
            {
                const struct timespec pause = {.tv_nsec = 20000};
                uint64_t completed;

                wait_value = value + 1 - VKDVA_VK_FLOOR_DEPTH;
                while ((vr = VK_CALL(vkGetSemaphoreCounterValue(vk_device, vk_timeline, &completed))) >= 0
                        && completed < wait_value)
                    nanosleep(&pause, NULL);
                if (vr < 0)
                    goto done;
            }
            if ((vr = VK_CALL(vkBeginCommandBuffer(vk_cmd, &begin_info))) < 0)
                goto done;
            /* Each pass starts again from the first picture (an IDR picture for the bench's
             * streams) with a reset session and a discarded DPB. */
            if (!p)
                vkdva_cmd_image_barrier(device, vk_cmd, vk->vk_dpb, 0, vk->slot_count, VK_IMAGE_LAYOUT_UNDEFINED,
                        VK_IMAGE_LAYOUT_VIDEO_DECODE_DPB_KHR, VK_PIPELINE_STAGE_2_NONE,
                        VK_PIPELINE_STAGE_2_VIDEO_DECODE_BIT_KHR);
            vkdva_vk_record_decode(vk, vk_cmd, &floor->pictures[p].cmd, vk_buffer, !p, -1);
            if ((vr = VK_CALL(vkEndCommandBuffer(vk_cmd))) < 0)
                goto done;
            pthread_mutex_lock(&vk->queue->mutex);
            vr = VK_CALL(vkQueueSubmit2(vk->queue->vk_queue, 1, &submit_info, VK_NULL_HANDLE));
            pthread_mutex_unlock(&vk->queue->mutex);
            if (vr < 0)
                goto done;
            ++value;
        }
    }
    wait_value = value;
    vr = VK_CALL(vkWaitSemaphores(vk_device, &wait_info, UINT64_MAX));

done:
    if (vr < 0)
    {
        WARN("Floor replay failed, vr %d.\n", vr);
        vkdva_device_mark_lost(device, vr);
        hr = hresult_from_vk_result(vr);
        if (value && !FAILED(device->removed_reason))
        {
            wait_value = value;
            VK_CALL(vkWaitSemaphores(vk_device, &wait_info, UINT64_MAX));
        }
    }
    /* The DPB now holds the replay's pictures: the next decode starts from a reset session. */
    vk->reset_done = false;
    for (i = 0; i < vk->slot_count; ++i)
        vk->slot_surface[i] = -1;
    if (vk_pool)
        VK_CALL(vkDestroyCommandPool(vk_device, vk_pool, NULL));
    if (vk_timeline)
        VK_CALL(vkDestroySemaphore(vk_device, vk_timeline, NULL));
    vkdva_device_destroy_buffer(device, vk_buffer, vk_memory);
    return hr;
}

const struct vkdva_decoder_backend_ops vkdva_vk_decoder_backend =
{
    .name = "Vulkan Video",
    .decrypts_bitstream = true,
    .supports = vkdva_vk_supports,
    .create = vkdva_vk_create,
    .decode = vkdva_vk_decode,
    .collect_statuses = vkdva_vk_collect_statuses,
    .destroy = vkdva_vk_destroy,
    .floor_capture = vkdva_vk_floor_capture,
    .floor_replay = vkdva_vk_floor_replay,
};
