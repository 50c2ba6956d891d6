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

/* The pixels of VideoProcessorBlt on Vulkan compute (shaders/vp_compose.comp): one dispatch per
 * enabled stream, the first one also filling the target rect with the background colour.
 *
 * Every colour operation the blit does before blending is affine: code values to normalised
 * Y'CbCr or R'G'B' (ITU-R BT.601-7 / BT.709-6 / BT.2020-2 2.5-2.6 quantisation, full range per
 * ITU-R BT.2100-2 Table 9), Y'CbCr <-> R'G'B' (the Kr/Kb equations of the same documents),
 * ProcAmp, and back to output code values. They are composed here into one 4x4 matrix per
 * stream, so the shader does one matrix product per pixel, and blends in output code values
 * (blending commutes with affine maps). Between BT.2020 and BT.709 primaries the shader stops
 * at R'G'B', converts in linear light (gamma 2.2, ITU-R BT.2087-0 matrices, no gamut mapping
 * beyond clamping negative values) and applies the output map; the transfer function is
 * otherwise only undone for linear (G10) RGB surfaces. */

#include <math.h>
#include "vp_blit.h"
#include "vp_compose.h"

#define VP_RING_SLOTS 256u
#define VP_SLOT_SIZE 512u
#define VP_KIND_COUNT 3u
#define VP_MAX_TAPS 8u

/* shaders/vp_common.glsl */
enum vp_kind
{
    VP_KIND_PLANAR_420,
    VP_KIND_PACKED_422,
    VP_KIND_SINGLE,
};

enum vp_swizzle
{
    VP_SWIZZLE_RGBA,
    VP_SWIZZLE_AYUV,
    VP_SWIZZLE_Y410,
};

#define VP_FLAG_FIRST_PASS      0x001u
#define VP_FLAG_HAS_STREAM      0x002u
#define VP_FLAG_FIELD           0x004u
#define VP_FLAG_LUMA_KEY        0x008u
#define VP_FLAG_SRC_LINEAR      0x010u
#define VP_FLAG_DST_LINEAR      0x020u
#define VP_FLAG_ALPHA_FROM_SRC  0x040u
#define VP_FLAG_READ_DST        0x080u
#define VP_FLAG_KEEP_ALPHA      0x100u
#define VP_FLAG_SRC_OPAQUE      0x200u
#define VP_FLAG_UNSCALED        0x400u
#define VP_FLAG_LINEAR_CHROMA   0x800u
#define VP_FLAG_GAMUT           0x1000u

struct vp_params
{
    float color[16];
    float background[4];
    float coord_x[4];
    float coord_y[4];
    float tap_step[4];
    float luma_rect[4];
    float chroma_rect[4];
    float chroma_map[4];
    float alpha[4];
    float quant[4];
    int32_t target[4];
    int32_t stream_rect[4];
    int32_t region[4];
    int32_t mode[4];
    int32_t swizzle[4];
    float inv_size[4];
    float color2[16];
    float gamut[16];
};

struct vkdva_vp_state
{
    struct vkdva_compute_pipeline pipelines[VP_KIND_COUNT * VP_KIND_COUNT];
    /* Pass parameters: a ring of uniform-buffer slots in host-visible memory, each remembering
     * the stream (the immediate context's, or protect.c's protected one) and value of the
     * submission that reads it. */
    VkBuffer vk_buffer;
    VkDeviceMemory vk_memory;
    uint8_t *mapped;
    struct vkdva_command_stream *slot_streams[VP_RING_SLOTS];
    uint64_t slot_values[VP_RING_SLOTS];
    unsigned int next_slot;
    bool has_features;
    bool load_store_without_format;
    /* Whether the sampler's linear filter is exact at quarter-texel positions. */
    bool exact_linear_filter;
    /* A 1x1 image bound in place of the input of a background-only pass. */
    VkImage vk_dummy_image;
    VkDeviceMemory vk_dummy_memory;
    VkImageView vk_dummy_view;
    bool dummy_ready;
    VkSampler vk_sampler;
    VkSampler vk_linear_sampler;
};

/* How the blit sees each format it supports. */
struct vp_format_info
{
    DXGI_FORMAT format;
    enum vp_kind kind;
    enum vp_swizzle swizzle;
    bool ycbcr;
    bool has_alpha;
    bool is_float;
    /* Bits per component of the code values, and code value = sampled value * scale. */
    unsigned int bits;
    double code_scale;
    /* The single-plane formats the shaders view the planes as. */
    VkFormat view_formats[VKDVA_MAX_PLANES];
};

static const struct vp_format_info vp_formats[] =
{
    {DXGI_FORMAT_NV12, VP_KIND_PLANAR_420, VP_SWIZZLE_RGBA, true, false, false, 8, 255.0,
            {VK_FORMAT_R8_UNORM, VK_FORMAT_R8G8_UNORM}},
    /* P010 keeps its 10 bits in the high bits of 16: viewed as R16, a code is value * 65535 / 64. */
    {DXGI_FORMAT_P010, VP_KIND_PLANAR_420, VP_SWIZZLE_RGBA, true, false, false, 10, 65535.0 / 64.0,
            {VK_FORMAT_R16_UNORM, VK_FORMAT_R16G16_UNORM}},
    {DXGI_FORMAT_P016, VP_KIND_PLANAR_420, VP_SWIZZLE_RGBA, true, false, false, 16, 65535.0,
            {VK_FORMAT_R16_UNORM, VK_FORMAT_R16G16_UNORM}},
    {DXGI_FORMAT_YUY2, VP_KIND_PACKED_422, VP_SWIZZLE_RGBA, true, false, false, 8, 255.0,
            {VK_FORMAT_R8G8B8A8_UNORM}},
    {DXGI_FORMAT_AYUV, VP_KIND_SINGLE, VP_SWIZZLE_AYUV, true, true, false, 8, 255.0,
            {VK_FORMAT_R8G8B8A8_UNORM}},
    {DXGI_FORMAT_Y410, VP_KIND_SINGLE, VP_SWIZZLE_Y410, true, true, false, 10, 1023.0,
            {VK_FORMAT_A2B10G10R10_UNORM_PACK32}},
    {DXGI_FORMAT_B8G8R8A8_UNORM, VP_KIND_SINGLE, VP_SWIZZLE_RGBA, false, true, false, 8, 255.0,
            {VK_FORMAT_B8G8R8A8_UNORM}},
    {DXGI_FORMAT_R8G8B8A8_UNORM, VP_KIND_SINGLE, VP_SWIZZLE_RGBA, false, true, false, 8, 255.0,
            {VK_FORMAT_R8G8B8A8_UNORM}},
    {DXGI_FORMAT_R10G10B10A2_UNORM, VP_KIND_SINGLE, VP_SWIZZLE_RGBA, false, true, false, 10, 1023.0,
            {VK_FORMAT_A2B10G10R10_UNORM_PACK32}},
    /* Float: "code values" are value * 255, without rounding, so studio range means 16-235/255. */
    {DXGI_FORMAT_R16G16B16A16_FLOAT, VP_KIND_SINGLE, VP_SWIZZLE_RGBA, false, true, true, 8, 255.0,
            {VK_FORMAT_R16G16B16A16_SFLOAT}},
};

static const struct vp_format_info *vp_get_format_info(DXGI_FORMAT format)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(vp_formats); ++i)
    {
        if (vp_formats[i].format == format)
            return &vp_formats[i];
    }
    return NULL;
}

/* Brightness in 8-bit luma code values, contrast and saturation as factors, hue in degrees. */
const D3D11_VIDEO_PROCESSOR_FILTER_RANGE vkdva_vp_filter_ranges[D3D11_VIDEO_PROCESSOR_FILTER_STEREO_ADJUSTMENT + 1] =
{
    [D3D11_VIDEO_PROCESSOR_FILTER_BRIGHTNESS] = {-100, 100, 0, 1.0f},
    [D3D11_VIDEO_PROCESSOR_FILTER_CONTRAST] = {0, 100, 10, 0.1f},
    [D3D11_VIDEO_PROCESSOR_FILTER_HUE] = {-180, 180, 0, 1.0f},
    [D3D11_VIDEO_PROCESSOR_FILTER_SATURATION] = {0, 100, 10, 0.1f},
};

static bool vp_format_is_ycbcr(DXGI_FORMAT format)
{
    const struct vp_format_info *info = vp_get_format_info(format);

    return info && info->ycbcr;
}

void vkdva_vp_color_space_from_d3d11(const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space, DXGI_FORMAT format,
        struct vkdva_vp_color_space *out)
{
    out->matrix = color_space->YCbCr_Matrix ? VKDVA_VP_MATRIX_BT709 : VKDVA_VP_MATRIX_BT601;
    out->transfer = VKDVA_VP_TRANSFER_GAMMA;
    out->chroma_siting = VKDVA_VP_CHROMA_SITING_LEFT;
    if (vp_format_is_ycbcr(format))
        /* D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_UNDEFINED means the usual studio range. */
        out->full_range = color_space->Nominal_Range == D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_0_255;
    else
        out->full_range = !color_space->RGB_Range;
    if (color_space->YCbCr_xvYCC)
        FIXME_ONCE("xvYCC is treated as conventional YCbCr.\n");
}

static bool vp_dxgi_color_space_translate(DXGI_COLOR_SPACE_TYPE color_space, DXGI_FORMAT format,
        struct vkdva_vp_color_space *out)
{
    bool ycbcr = vp_format_is_ycbcr(format), is_float = format == DXGI_FORMAT_R16G16B16A16_FLOAT;
    struct vkdva_vp_color_space cs =
    {
        .matrix = VKDVA_VP_MATRIX_BT709,
        .transfer = VKDVA_VP_TRANSFER_GAMMA,
        .chroma_siting = VKDVA_VP_CHROMA_SITING_LEFT,
    };
    bool space_ycbcr = true;

    switch (color_space)
    {
        case DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P709:
            space_ycbcr = false;
            cs.full_range = true;
            break;
        case DXGI_COLOR_SPACE_RGB_FULL_G10_NONE_P709:
            space_ycbcr = false;
            cs.full_range = true;
            cs.transfer = VKDVA_VP_TRANSFER_LINEAR;
            /* Linear light needs the range of a float surface. */
            if (!is_float)
                return false;
            break;
        case DXGI_COLOR_SPACE_RGB_STUDIO_G22_NONE_P709:
            space_ycbcr = false;
            break;
        case DXGI_COLOR_SPACE_RGB_STUDIO_G22_NONE_P2020:
            space_ycbcr = false;
            cs.matrix = VKDVA_VP_MATRIX_BT2020;
            break;
        case DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P2020:
            space_ycbcr = false;
            cs.full_range = true;
            cs.matrix = VKDVA_VP_MATRIX_BT2020;
            break;
        case DXGI_COLOR_SPACE_YCBCR_FULL_G22_NONE_P709_X601:
            /* JFIF: BT.601 matrix, full range, centred chroma. */
            cs.matrix = VKDVA_VP_MATRIX_BT601;
            cs.full_range = true;
            cs.chroma_siting = VKDVA_VP_CHROMA_SITING_CENTER;
            break;
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P601:
            cs.matrix = VKDVA_VP_MATRIX_BT601;
            break;
        case DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P601:
            cs.matrix = VKDVA_VP_MATRIX_BT601;
            cs.full_range = true;
            break;
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P709:
            break;
        case DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P709:
            cs.full_range = true;
            break;
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P2020:
            cs.matrix = VKDVA_VP_MATRIX_BT2020;
            break;
        case DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P2020:
            cs.matrix = VKDVA_VP_MATRIX_BT2020;
            cs.full_range = true;
            break;
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_TOPLEFT_P2020:
            cs.matrix = VKDVA_VP_MATRIX_BT2020;
            cs.chroma_siting = VKDVA_VP_CHROMA_SITING_TOPLEFT;
            break;
        default:
            /* PQ (G2084), HLG, CUSTOM, RESERVED: no tone mapping here. */
            return false;
    }
    if (space_ycbcr != ycbcr)
        return false;
    if (cs.transfer == VKDVA_VP_TRANSFER_GAMMA && is_float && cs.full_range == false)
        return false;
    *out = cs;
    return true;
}

bool vkdva_vp_color_space_from_dxgi(DXGI_COLOR_SPACE_TYPE color_space, DXGI_FORMAT format,
        struct vkdva_vp_color_space *out)
{
    if (vp_dxgi_color_space_translate(color_space, format, out))
        return true;
    WARN("Colour space %#x is not supported with format %s.\n", color_space, debug_dxgi_format(format));
    return false;
}

bool vkdva_vp_dxgi_color_space_supported(DXGI_COLOR_SPACE_TYPE color_space, DXGI_FORMAT format)
{
    struct vkdva_vp_color_space cs;

    return vp_get_format_info(format) && vp_dxgi_color_space_translate(color_space, format, &cs);
}

static void vp_query_features(struct d3d11_device *device, struct vkdva_vp_state *state)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkPhysicalDeviceFeatures2 features = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    VkPhysicalDeviceDriverProperties driver = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    VkPhysicalDeviceProperties2 properties =
    {
        .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
        .pNext = &driver,
    };

    if (state->has_features)
        return;
    VK_CALL(vkGetPhysicalDeviceFeatures2(device->vk_physical_device, &features));
    /* vulkan.c enables both where the device has them. */
    state->load_store_without_format = features.features.shaderStorageImageReadWithoutFormat
            && features.features.shaderStorageImageWriteWithoutFormat;
    /* Unscaled 4:2:0 chroma sits at quarter texels: with 8 sub-texel bits the weights are
     * exact, and hardware filters then agree with the shader's own bilinear. llvmpipe
     * (lavapipe) rounds filtered 8-bit texels to 8 bits, which is off by up to one code value
     * before conversion, so it keeps the exact path. */
    VK_CALL(vkGetPhysicalDeviceProperties2(device->vk_physical_device, &properties));
    state->exact_linear_filter = device->caps.properties.limits.subTexelPrecisionBits >= 8
            && driver.driverID != VK_DRIVER_ID_MESA_LLVMPIPE;
    state->has_features = true;
}

static bool vp_device_load_store_without_format(struct d3d11_device *device)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkPhysicalDeviceFeatures2 features = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};

    VK_CALL(vkGetPhysicalDeviceFeatures2(device->vk_physical_device, &features));
    return features.features.shaderStorageImageReadWithoutFormat
            && features.features.shaderStorageImageWriteWithoutFormat;
}

bool vkdva_vp_format_supported(struct d3d11_device *device, DXGI_FORMAT format, bool output)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    const struct vp_format_info *info;
    const struct vkdva_format *vk_format;
    VkFormatFeatureFlags required;
    VkFormatProperties props;
    unsigned int i;

    if (!(info = vp_get_format_info(format)) || !(vk_format = vkdva_get_format(format)))
        return false;
    if (!device->caps.push_descriptor || !vkdva_device_has_format(device, format))
        return false;
    if (output && !vp_device_load_store_without_format(device))
        return false;
    required = output ? VK_FORMAT_FEATURE_STORAGE_IMAGE_BIT : VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT;
    for (i = 0; i < vk_format->plane_count; ++i)
    {
        VK_CALL(vkGetPhysicalDeviceFormatProperties(device->vk_physical_device, info->view_formats[i], &props));
        if ((props.optimalTilingFeatures & required) != required)
            return false;
    }
    /* resource.c gives images the sampled and storage usages where the image format allows. */
    if (vk_format->plane_count == 1)
    {
        VK_CALL(vkGetPhysicalDeviceFormatProperties(device->vk_physical_device, vk_format->vk_format, &props));
        if ((props.optimalTilingFeatures & required) != required)
            return false;
    }
    return true;
}

static VkImageAspectFlags vp_plane_aspect(const struct vkdva_format *format, unsigned int plane)
{
    if (format->plane_count == 1)
        return VK_IMAGE_ASPECT_COLOR_BIT;
    return plane ? VK_IMAGE_ASPECT_PLANE_1_BIT : VK_IMAGE_ASPECT_PLANE_0_BIT;
}

HRESULT vkdva_vp_view_init(struct vkdva_vp_view *view, struct d3d11_texture2d *texture, UINT mip, UINT layer,
        bool output)
{
    struct d3d11_device *device = texture->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkImageUsageFlags usage = output ? VK_IMAGE_USAGE_STORAGE_BIT : VK_IMAGE_USAGE_SAMPLED_BIT;
    const struct vkdva_format *format = texture->format;
    const struct vp_format_info *info;
    unsigned int plane;
    VkResult vr;

    VkImageViewUsageCreateInfo usage_info =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_USAGE_CREATE_INFO,
        .usage = usage,
    };
    VkImageViewCreateInfo view_info =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
        .pNext = &usage_info,
        .image = texture->vk_image,
        .viewType = VK_IMAGE_VIEW_TYPE_2D,
        .subresourceRange = {.baseMipLevel = mip, .levelCount = 1, .baseArrayLayer = layer, .layerCount = 1},
    };

    memset(view, 0, sizeof(*view));
    /* A protected surface holds its ciphertext in a buffer, not an image: it is drawn black on
     * unprotected outputs, and blits involving protected outputs use private plaintext copies
     * (vp_blit_protected()), so its view needs no Vulkan view. */
    if (vkdva_texture_is_protected(texture) && !texture->vk_image)
    {
        view->texture = texture;
        view->mip = mip;
        view->layer = layer;
        view->output = output;
        return S_OK;
    }
    if (!texture->vk_image)
    {
        WARN("Texture %p is not a GPU texture.\n", texture);
        return E_INVALIDARG;
    }
    if (!(info = vp_get_format_info(texture->desc.Format)))
    {
        WARN("Format %s is not a video processor format.\n", debug_dxgi_format(texture->desc.Format));
        return E_INVALIDARG;
    }
    if (mip >= texture->desc.MipLevels || layer >= texture->desc.ArraySize)
    {
        WARN("Invalid mip %u, layer %u.\n", mip, layer);
        return E_INVALIDARG;
    }
    if (!(texture->vk_image_info.usage & usage)
            || (format->plane_count > 1 && !(texture->vk_image_info.flags & VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT)))
    {
        WARN("The image of texture %p (usage %#x, flags %#x) cannot be a video processor %s.\n", texture,
                texture->vk_image_info.usage, texture->vk_image_info.flags, output ? "output" : "input");
        return E_INVALIDARG;
    }

    view->texture = texture;
    view->mip = mip;
    view->layer = layer;
    view->output = output;
    view->filter_linear = true;
    for (plane = 0; plane < format->plane_count; ++plane)
    {
        VkFormatProperties props;

        view_info.format = format->plane_count > 1 ? info->view_formats[plane] : texture->vk_image_info.format;
        view_info.subresourceRange.aspectMask = vp_plane_aspect(format, plane);
        VK_CALL(vkGetPhysicalDeviceFormatProperties(device->vk_physical_device, view_info.format, &props));
        if (!(props.optimalTilingFeatures & VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT))
            view->filter_linear = false;
        if ((vr = VK_CALL(vkCreateImageView(device->vk_device, &view_info, NULL, &view->vk_views[plane]))) < 0)
        {
            WARN("Failed to create an image view, vr %d.\n", vr);
            vkdva_vp_view_cleanup(view);
            return hresult_from_vk_result(vr);
        }
    }
    return S_OK;
}

void vkdva_vp_view_cleanup(struct vkdva_vp_view *view)
{
    struct d3d11_texture2d *texture = view->texture;
    const struct vkdva_vk_procs *vk_procs;
    struct d3d11_device *device;
    unsigned int i;

    if (!texture)
        return;
    device = texture->device;
    vk_procs = &device->vk_procs;
    /* The views may still be in use by a blit the GPU has not finished. */
    if (texture->last_use.stream)
    {
        vkdva_device_lock(device);
        vkdva_command_stream_wait(texture->last_use.stream, texture->last_use.value, true);
        vkdva_device_unlock(device);
    }
    for (i = 0; i < VKDVA_MAX_PLANES; ++i)
    {
        if (view->vk_views[i])
            VK_CALL(vkDestroyImageView(device->vk_device, view->vk_views[i], NULL));
    }
    memset(view, 0, sizeof(*view));
}

static HRESULT vp_dummy_create(struct d3d11_device *device, struct vkdva_vp_state *state)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkMemoryRequirements requirements;
    VkResult vr;
    int type;

    VkImageCreateInfo image_info =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
        .imageType = VK_IMAGE_TYPE_2D,
        .format = VK_FORMAT_R8G8B8A8_UNORM,
        .extent = {1, 1, 1},
        .mipLevels = 1,
        .arrayLayers = 1,
        .samples = VK_SAMPLE_COUNT_1_BIT,
        .tiling = VK_IMAGE_TILING_OPTIMAL,
        .usage = VK_IMAGE_USAGE_SAMPLED_BIT,
        .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
        .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
    };
    VkMemoryAllocateInfo alloc_info =
    {
        .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
    };
    VkImageViewCreateInfo view_info =
    {
        .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
        .viewType = VK_IMAGE_VIEW_TYPE_2D,
        .format = VK_FORMAT_R8G8B8A8_UNORM,
        .subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1},
    };
    VkSamplerCreateInfo sampler_info =
    {
        .sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
        .magFilter = VK_FILTER_NEAREST,
        .minFilter = VK_FILTER_NEAREST,
        .mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST,
        .addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
        .addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
        .addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
    };

    if ((vr = VK_CALL(vkCreateImage(device->vk_device, &image_info, NULL, &state->vk_dummy_image))) < 0)
        return hresult_from_vk_result(vr);
    VK_CALL(vkGetImageMemoryRequirements(device->vk_device, state->vk_dummy_image, &requirements));
    if ((type = vkdva_device_find_memory_type(device, requirements.memoryTypeBits, 0, 0)) < 0)
        return E_FAIL;
    alloc_info.allocationSize = requirements.size;
    alloc_info.memoryTypeIndex = type;
    if ((vr = VK_CALL(vkAllocateMemory(device->vk_device, &alloc_info, NULL, &state->vk_dummy_memory))) < 0)
        return hresult_from_vk_result(vr);
    if ((vr = VK_CALL(vkBindImageMemory(device->vk_device, state->vk_dummy_image, state->vk_dummy_memory, 0))) < 0)
        return hresult_from_vk_result(vr);
    view_info.image = state->vk_dummy_image;
    if ((vr = VK_CALL(vkCreateImageView(device->vk_device, &view_info, NULL, &state->vk_dummy_view))) < 0)
        return hresult_from_vk_result(vr);
    if ((vr = VK_CALL(vkCreateSampler(device->vk_device, &sampler_info, NULL, &state->vk_sampler))) < 0)
        return hresult_from_vk_result(vr);
    /* Unnormalised coordinates: quarter-texel positions reach the filter exactly, whatever
     * the plane's size (1 / size is rarely exact in float). */
    sampler_info.magFilter = sampler_info.minFilter = VK_FILTER_LINEAR;
    sampler_info.unnormalizedCoordinates = VK_TRUE;
    if ((vr = VK_CALL(vkCreateSampler(device->vk_device, &sampler_info, NULL, &state->vk_linear_sampler))) < 0)
        return hresult_from_vk_result(vr);
    return S_OK;
}

static struct vkdva_vp_state *vp_state_get(struct d3d11_device *device, HRESULT *hr)
{
    struct vkdva_vp_state *state;

    if ((state = device->vp))
        return state;
    if (!(state = vkdva_calloc(1, sizeof(*state))))
    {
        *hr = E_OUTOFMEMORY;
        return NULL;
    }
    if (FAILED(*hr = vkdva_device_create_buffer(device, VP_RING_SLOTS * VP_SLOT_SIZE,
            VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT
            | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT,
            &state->vk_buffer, &state->vk_memory, (void **)&state->mapped)))
    {
        vkdva_free(state);
        return NULL;
    }
    vp_query_features(device, state);
    device->vp = state;
    if (FAILED(*hr = vp_dummy_create(device, state)))
    {
        vkdva_vp_device_cleanup(device);
        return NULL;
    }
    return state;
}

void vkdva_vp_device_cleanup(struct d3d11_device *device)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    struct vkdva_vp_state *state = device->vp;
    unsigned int i;

    if (!state)
        return;
    for (i = 0; i < ARRAY_SIZE(state->pipelines); ++i)
        vkdva_compute_pipeline_destroy(device, &state->pipelines[i]);
    vkdva_device_destroy_buffer(device, state->vk_buffer, state->vk_memory);
    if (state->vk_sampler)
        VK_CALL(vkDestroySampler(device->vk_device, state->vk_sampler, NULL));
    if (state->vk_linear_sampler)
        VK_CALL(vkDestroySampler(device->vk_device, state->vk_linear_sampler, NULL));
    if (state->vk_dummy_view)
        VK_CALL(vkDestroyImageView(device->vk_device, state->vk_dummy_view, NULL));
    if (state->vk_dummy_image)
        VK_CALL(vkDestroyImage(device->vk_device, state->vk_dummy_image, NULL));
    if (state->vk_dummy_memory)
        VK_CALL(vkFreeMemory(device->vk_device, state->vk_dummy_memory, NULL));
    vkdva_free(state);
    device->vp = NULL;
}

static HRESULT vp_pipeline_get(struct d3d11_device *device, struct vkdva_vp_state *state,
        enum vp_kind src_kind, enum vp_kind dst_kind, const struct vkdva_compute_pipeline **out)
{
    struct vkdva_compute_pipeline *pipeline = &state->pipelines[src_kind * VP_KIND_COUNT + dst_kind];
    static const VkDescriptorType binding_types[] =
    {
        VK_DESCRIPTOR_TYPE_SAMPLED_IMAGE,
        VK_DESCRIPTOR_TYPE_SAMPLED_IMAGE,
        VK_DESCRIPTOR_TYPE_STORAGE_IMAGE,
        VK_DESCRIPTOR_TYPE_STORAGE_IMAGE,
        VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER,
        VK_DESCRIPTOR_TYPE_SAMPLER,
        VK_DESCRIPTOR_TYPE_SAMPLER,
    };
    static const VkSpecializationMapEntry entries[] =
    {
        {0, 0, sizeof(int32_t)},
        {1, sizeof(int32_t), sizeof(int32_t)},
    };
    int32_t constants[2] = {src_kind, dst_kind};
    VkSpecializationInfo specialization =
    {
        .mapEntryCount = ARRAY_SIZE(entries),
        .pMapEntries = entries,
        .dataSize = sizeof(constants),
        .pData = constants,
    };
    struct vkdva_compute_pipeline_desc desc =
    {
        .code = vkdva_spv_vp_compose,
        .code_size = sizeof(vkdva_spv_vp_compose),
        .binding_types = binding_types,
        .binding_count = ARRAY_SIZE(binding_types),
        .specialization = &specialization,
    };
    HRESULT hr;

    if (!pipeline->vk_pipeline && FAILED(hr = vkdva_compute_pipeline_create(device, &desc, pipeline)))
        return hr;
    *out = pipeline;
    return S_OK;
}

/* Returns the offset of count consecutive parameter slots for the next submission; may wait
 * for (and flush) earlier work that still reads them, so the caller gets its command buffer after. */
static HRESULT vp_ring_alloc(struct vkdva_vp_state *state, struct vkdva_command_stream *stream,
        unsigned int count, VkDeviceSize *offset)
{
    unsigned int first = state->next_slot, i;
    HRESULT hr;

    if (first + count > VP_RING_SLOTS)
        first = 0;
    for (i = first; i < first + count; ++i)
    {
        if (state->slot_streams[i] && !vkdva_command_stream_is_complete(state->slot_streams[i], state->slot_values[i])
                && FAILED(hr = vkdva_command_stream_wait(state->slot_streams[i], state->slot_values[i], true)))
            return hr;
    }
    for (i = first; i < first + count; ++i)
    {
        state->slot_streams[i] = stream;
        state->slot_values[i] = stream->next_value;
    }
    state->next_slot = first + count;
    *offset = (VkDeviceSize)first * VP_SLOT_SIZE;
    return S_OK;
}

/* Affine maps as 4x4 matrices (last row 0 0 0 1 for colour; the luma row is kept apart). */
struct vp_matrix
{
    double m[4][4];
};

static void vp_matrix_identity(struct vp_matrix *m)
{
    unsigned int i, j;

    for (i = 0; i < 4; ++i)
    {
        for (j = 0; j < 4; ++j)
            m->m[i][j] = i == j;
    }
}

/* out = a * b (b applied first). */
static void vp_matrix_multiply(struct vp_matrix *out, const struct vp_matrix *a, const struct vp_matrix *b)
{
    struct vp_matrix r;
    unsigned int i, j, k;

    for (i = 0; i < 4; ++i)
    {
        for (j = 0; j < 4; ++j)
        {
            r.m[i][j] = 0.0;
            for (k = 0; k < 4; ++k)
                r.m[i][j] += a->m[i][k] * b->m[k][j];
        }
    }
    *out = r;
}

static void vp_invert3(const double m[3][3], double out[3][3], double *det)
{
    unsigned int i, j;

    *det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    for (i = 0; i < 3; ++i)
    {
        for (j = 0; j < 3; ++j)
        {
            /* Cofactor of m[j][i], transposed. */
            unsigned int r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;

            out[i][j] = (m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0]) / *det;
        }
    }
}

static void vp_matrix_apply(const struct vp_matrix *m, const double in[3], double out[3])
{
    unsigned int i;

    for (i = 0; i < 3; ++i)
        out[i] = m->m[i][0] * in[0] + m->m[i][1] * in[1] + m->m[i][2] * in[2] + m->m[i][3];
}

static void vp_get_kr_kb(enum vkdva_vp_matrix matrix, double *kr, double *kb)
{
    switch (matrix)
    {
        case VKDVA_VP_MATRIX_BT601:
            /* ITU-R BT.601-7 2.5.1 */
            *kr = 0.299;
            *kb = 0.114;
            return;
        case VKDVA_VP_MATRIX_BT2020:
            /* ITU-R BT.2020-2 Table 4 */
            *kr = 0.2627;
            *kb = 0.0593;
            return;
        case VKDVA_VP_MATRIX_BT709:
        default:
            /* ITU-R BT.709-6 3.2 */
            *kr = 0.2126;
            *kb = 0.0722;
            return;
    }
}

/* RGB -> XYZ for primaries (x, y) and the D65 white point (SMPTE RP 177). */
static void vp_rgb_to_xyz(const double primaries[3][2], double out[3][3])
{
    static const double white[2] = {0.3127, 0.3290};
    double p[3][3], inv[3][3], w[3], s[3], det;
    unsigned int i, j;

    for (i = 0; i < 3; ++i)
    {
        p[0][i] = primaries[i][0] / primaries[i][1];
        p[1][i] = 1.0;
        p[2][i] = (1.0 - primaries[i][0] - primaries[i][1]) / primaries[i][1];
    }
    w[0] = white[0] / white[1];
    w[1] = 1.0;
    w[2] = (1.0 - white[0] - white[1]) / white[1];
    vp_invert3(p, inv, &det);
    for (i = 0; i < 3; ++i)
        s[i] = inv[i][0] * w[0] + inv[i][1] * w[1] + inv[i][2] * w[2];
    for (i = 0; i < 3; ++i)
    {
        for (j = 0; j < 3; ++j)
            out[i][j] = p[i][j] * s[j];
    }
}

/* Linear RGB of BT.2020 primaries to BT.709's (from_2020) or back (ITU-R BT.2087-0). */
static void vp_gamut_matrix(bool from_2020, double out[3][3])
{
    static const double bt709[3][2] = {{0.640, 0.330}, {0.300, 0.600}, {0.150, 0.060}};
    static const double bt2020[3][2] = {{0.708, 0.292}, {0.170, 0.797}, {0.131, 0.046}};
    double src[3][3], dst[3][3], inv[3][3], det;
    unsigned int i, j, k;

    vp_rgb_to_xyz(from_2020 ? bt2020 : bt709, src);
    vp_rgb_to_xyz(from_2020 ? bt709 : bt2020, dst);
    vp_invert3(dst, inv, &det);
    for (i = 0; i < 3; ++i)
    {
        for (j = 0; j < 3; ++j)
        {
            out[i][j] = 0.0;
            for (k = 0; k < 3; ++k)
                out[i][j] += inv[i][k] * src[k][j];
        }
    }
}

static void vp_ycbcr_to_rgb(struct vp_matrix *m, enum vkdva_vp_matrix matrix)
{
    double kr, kb, kg;

    vp_get_kr_kb(matrix, &kr, &kb);
    kg = 1.0 - kr - kb;
    vp_matrix_identity(m);
    m->m[0][0] = 1.0; m->m[0][1] = 0.0; m->m[0][2] = 2.0 * (1.0 - kr);
    m->m[1][0] = 1.0; m->m[1][1] = -2.0 * kb * (1.0 - kb) / kg; m->m[1][2] = -2.0 * kr * (1.0 - kr) / kg;
    m->m[2][0] = 1.0; m->m[2][1] = 2.0 * (1.0 - kb); m->m[2][2] = 0.0;
}

static void vp_rgb_to_ycbcr(struct vp_matrix *m, enum vkdva_vp_matrix matrix)
{
    double kr, kb, kg;

    vp_get_kr_kb(matrix, &kr, &kb);
    kg = 1.0 - kr - kb;
    vp_matrix_identity(m);
    m->m[0][0] = kr; m->m[0][1] = kg; m->m[0][2] = kb;
    m->m[1][0] = -kr / (2.0 * (1.0 - kb)); m->m[1][1] = -kg / (2.0 * (1.0 - kb)); m->m[1][2] = 0.5;
    m->m[2][0] = 0.5; m->m[2][1] = -kg / (2.0 * (1.0 - kr)); m->m[2][2] = -kb / (2.0 * (1.0 - kr));
}

/* Code value -> normalised value (Y', R', G', B' in [0, 1], Cb and Cr in [-0.5, 0.5]):
 * norm = code * scale + offset. Narrow range per BT.601/709/2020 (Y = 219 * 2^(n-8) * Y' +
 * 16 * 2^(n-8), C = 224 * 2^(n-8) * C' + 2^(n-1)), full range per BT.2100 Table 9. */
static void vp_code_normalisation(unsigned int bits, bool full_range, bool chroma, double *scale, double *offset)
{
    double step = ldexp(1.0, (int)bits - 8), max = ldexp(1.0, (int)bits) - 1.0;

    if (full_range)
    {
        *scale = 1.0 / max;
        *offset = chroma ? -ldexp(1.0, (int)bits - 1) / max : 0.0;
    }
    else
    {
        *scale = 1.0 / ((chroma ? 224.0 : 219.0) * step);
        *offset = chroma ? -128.0 / 224.0 : -16.0 / 219.0;
    }
}

/* Sampled values of a surface -> normalised values (or the reverse). */
static void vp_surface_normalisation(struct vp_matrix *m, const struct vp_format_info *info,
        const struct vkdva_vp_color_space *cs, bool inverse)
{
    double scale, offset;
    unsigned int i;

    vp_matrix_identity(m);
    for (i = 0; i < 3; ++i)
    {
        vp_code_normalisation(info->bits, cs->full_range, info->ycbcr && i, &scale, &offset);
        if (inverse)
        {
            /* norm -> code */
            m->m[i][i] = 1.0 / scale;
            m->m[i][3] = -offset / scale;
        }
        else
        {
            /* value -> code -> norm */
            m->m[i][i] = info->code_scale * scale;
            m->m[i][3] = offset;
        }
    }
}

/* ProcAmp on normalised Y'CbCr: Y' = contrast * Y' + brightness, (Cb, Cr) rotated by hue and
 * scaled by saturation (the DXVA-HD ProcAmp definitions). */
static bool vp_procamp(struct vp_matrix *m, const struct vkdva_vp_stream_desc *stream)
{
    static const D3D11_VIDEO_PROCESSOR_FILTER filters[] =
    {
        D3D11_VIDEO_PROCESSOR_FILTER_BRIGHTNESS, D3D11_VIDEO_PROCESSOR_FILTER_CONTRAST,
        D3D11_VIDEO_PROCESSOR_FILTER_HUE, D3D11_VIDEO_PROCESSOR_FILTER_SATURATION,
    };
    double values[ARRAY_SIZE(filters)], h, s, c, b;
    unsigned int i;
    bool any = false;

    for (i = 0; i < ARRAY_SIZE(filters); ++i)
    {
        const D3D11_VIDEO_PROCESSOR_FILTER_RANGE *range = &vkdva_vp_filter_ranges[filters[i]];
        int level = range->Default;

        if (stream->filter_mask & (1u << filters[i]))
        {
            level = stream->filter_levels[filters[i]];
            any = true;
        }
        values[i] = level * (double)range->Multiplier;
    }
    if (!any)
        return false;
    b = values[0] / 219.0;
    c = values[1];
    h = values[2] * M_PI / 180.0;
    s = values[3];
    vp_matrix_identity(m);
    m->m[0][0] = c;
    m->m[0][3] = b;
    m->m[1][1] = s * cos(h);
    m->m[1][2] = s * sin(h);
    m->m[2][1] = -s * sin(h);
    m->m[2][2] = s * cos(h);
    return true;
}

static LONG vp_max(LONG a, LONG b)
{
    return a > b ? a : b;
}

static LONG vp_min(LONG a, LONG b)
{
    return a < b ? a : b;
}

struct vp_output
{
    const struct vkdva_vp_view *view;
    const struct vp_format_info *info;
    const struct vkdva_vp_color_space *cs;
    UINT width, height;
    RECT target;
    /* Normalised R'G'B' -> output code values. */
    struct vp_matrix from_rgb;
};

static void vp_output_init(struct vp_output *out, const struct vkdva_vp_blit_desc *desc)
{
    struct d3d11_texture2d *texture = desc->output->texture;
    struct vp_matrix m;

    out->view = desc->output;
    out->info = vp_get_format_info(texture->desc.Format);
    out->cs = &desc->output_color_space;
    out->width = vkdva_max_u(1, texture->desc.Width >> desc->output->mip);
    out->height = vkdva_max_u(1, texture->desc.Height >> desc->output->mip);
    out->target = (RECT){0, 0, out->width, out->height};
    if (desc->target_rect_enabled)
    {
        out->target.left = vp_max(desc->target_rect.left, 0);
        out->target.top = vp_max(desc->target_rect.top, 0);
        out->target.right = vp_min(desc->target_rect.right, (LONG)out->width);
        out->target.bottom = vp_min(desc->target_rect.bottom, (LONG)out->height);
    }
    vp_surface_normalisation(&out->from_rgb, out->info, out->cs, true);
    if (out->info->ycbcr)
    {
        vp_rgb_to_ycbcr(&m, out->cs->matrix);
        vp_matrix_multiply(&out->from_rgb, &out->from_rgb, &m);
    }
}

/* The background in output code values. */
static void vp_background(const struct vp_output *out, const struct vkdva_vp_blit_desc *desc, float background[4])
{
    double rgb[3], value[3], code[3];
    struct vp_matrix m, n;
    struct vkdva_vp_color_space cs;
    unsigned int i;

    if (desc->background_ycbcr)
    {
        /* Normalised 8-bit code values of the output's Y'CbCr (narrow range for RGB outputs). */
        static const struct vp_format_info ycbcr8 = {.ycbcr = true, .bits = 8, .code_scale = 255.0};

        cs = *out->cs;
        if (!out->info->ycbcr)
            cs.full_range = false;
        value[0] = desc->background.YCbCr.Y;
        value[1] = desc->background.YCbCr.Cb;
        value[2] = desc->background.YCbCr.Cr;
        vp_surface_normalisation(&n, &ycbcr8, &cs, false);
        vp_ycbcr_to_rgb(&m, cs.matrix);
        vp_matrix_multiply(&m, &m, &n);
        vp_matrix_apply(&m, value, rgb);
    }
    else
    {
        rgb[0] = desc->background.RGBA.R;
        rgb[1] = desc->background.RGBA.G;
        rgb[2] = desc->background.RGBA.B;
    }
    vp_matrix_apply(&out->from_rgb, rgb, code);
    for (i = 0; i < 3; ++i)
        background[i] = code[i];
    background[3] = desc->background.RGBA.A;
    if (desc->alpha_fill_mode == D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_OPAQUE)
        background[3] = 1.0f;
}

static void vp_rect_intersect(RECT *r, const RECT *a, const RECT *b)
{
    r->left = vp_max(a->left, b->left);
    r->top = vp_max(a->top, b->top);
    r->right = vp_min(a->right, b->right);
    r->bottom = vp_min(a->bottom, b->bottom);
    if (r->right < r->left)
        r->right = r->left;
    if (r->bottom < r->top)
        r->bottom = r->top;
}

static bool vp_rect_is_empty(const RECT *r)
{
    return r->right <= r->left || r->bottom <= r->top;
}

/* The blocks (one per output chroma sample) a pass covers; shaders/vp_compose.comp. */
static void vp_set_region(struct vp_params *params, const RECT *r, const struct vp_format_info *out)
{
    LONG w = out->kind == VP_KIND_SINGLE ? 1 : 2, h = out->kind == VP_KIND_PLANAR_420 ? 2 : 1;

    params->region[0] = r->left / w;
    params->region[1] = r->top / h;
    params->region[2] = (r->right + w - 1) / w - r->left / w;
    params->region[3] = (r->bottom + h - 1) / h - r->top / h;
}

/* Output pixel centre -> normalised position in the source rect: the inverse of mirroring
 * (first) and clockwise rotation (second). */
static void vp_map_position(const struct vkdva_vp_stream_desc *stream, const RECT *dst, const RECT *src,
        double x, double y, double *sx, double *sy)
{
    double u = (x - dst->left) / (dst->right - dst->left), v = (y - dst->top) / (dst->bottom - dst->top), s, t;

    switch (stream->rotation)
    {
        case D3D11_VIDEO_PROCESSOR_ROTATION_90:
            s = v;
            t = 1.0 - u;
            break;
        case D3D11_VIDEO_PROCESSOR_ROTATION_180:
            s = 1.0 - u;
            t = 1.0 - v;
            break;
        case D3D11_VIDEO_PROCESSOR_ROTATION_270:
            s = 1.0 - v;
            t = u;
            break;
        default:
            s = u;
            t = v;
            break;
    }
    if (stream->flip_horizontal)
        s = 1.0 - s;
    if (stream->flip_vertical)
        t = 1.0 - t;
    *sx = src->left + s * (src->right - src->left);
    *sy = src->top + t * (src->bottom - src->top);
}

static unsigned int vp_tap_count(double step_x, double step_y)
{
    double length = sqrt(step_x * step_x + step_y * step_y);

    if (length <= 1.0 + 1e-6)
        return 1;
    return vkdva_min_u((unsigned int)ceil(length - 1e-3), VP_MAX_TAPS);
}

/* Fills the colour and sampling parameters of one stream's pass. */
static HRESULT vp_stream_params(struct vp_params *params, const struct vp_output *out,
        const struct vkdva_vp_stream_desc *stream, const RECT *src, const RECT *dst, bool exact_linear_filter)
{
    struct d3d11_texture2d *texture = stream->input->texture;
    const struct vp_format_info *info = vp_get_format_info(texture->desc.Format);
    const struct vkdva_vp_color_space *cs = &stream->color_space;
    double x0, y0, x1, y1, x2, y2, kr, kb;
    unsigned int i, j, width, height, flags = 0;
    bool black = vkdva_texture_is_protected(texture);
    struct vp_matrix m, n, total;

    if (!info)
        return E_INVALIDARG;

    /* Colour: sampled values -> normalised -> (ProcAmp) -> R'G'B' -> output codes. */
    vp_surface_normalisation(&total, info, cs, false);
    vp_get_kr_kb(cs->matrix, &kr, &kb);
    /* The luma key compares the source's normalised luma. */
    if (info->ycbcr)
    {
        params->color[0 * 4 + 3] = total.m[0][0];
        params->color[3 * 4 + 3] = total.m[0][3];
    }
    else
    {
        params->color[0 * 4 + 3] = kr * total.m[0][0];
        params->color[1 * 4 + 3] = (1.0 - kr - kb) * total.m[1][1];
        params->color[2 * 4 + 3] = kb * total.m[2][2];
        params->color[3 * 4 + 3] = kr * total.m[0][3] + (1.0 - kr - kb) * total.m[1][3] + kb * total.m[2][3];
    }
    if (vp_procamp(&m, stream))
    {
        if (!info->ycbcr)
        {
            vp_rgb_to_ycbcr(&n, cs->matrix);
            vp_matrix_multiply(&total, &n, &total);
        }
        vp_matrix_multiply(&total, &m, &total);
        if (!info->ycbcr)
        {
            vp_ycbcr_to_rgb(&n, cs->matrix);
            vp_matrix_multiply(&total, &n, &total);
        }
    }
    if (info->ycbcr)
    {
        vp_ycbcr_to_rgb(&m, cs->matrix);
        vp_matrix_multiply(&total, &m, &total);
    }
    /* A BT.2020 colour space has BT.2020 primaries, the others BT.709's (BT.601's differ
     * slightly and are taken as BT.709's). Converting primaries needs linear light: the shader
     * then stops at R'G'B' and applies the gamut matrix and the output map itself. */
    if ((cs->matrix == VKDVA_VP_MATRIX_BT2020) != (out->cs->matrix == VKDVA_VP_MATRIX_BT2020) && !black)
    {
        double gamut[3][3];

        vp_gamut_matrix(cs->matrix == VKDVA_VP_MATRIX_BT2020, gamut);
        for (i = 0; i < 3; ++i)
        {
            for (j = 0; j < 4; ++j)
                params->color2[j * 4 + i] = out->from_rgb.m[i][j];
            for (j = 0; j < 3; ++j)
                params->gamut[j * 4 + i] = gamut[i][j];
        }
        flags |= VP_FLAG_GAMUT;
    }
    else
    {
        vp_matrix_multiply(&total, &out->from_rgb, &total);
    }

    /* D3D11: protected content blitted to an unprotected output shows black. */
    if (black)
    {
        double zero[3] = {0.0, 0.0, 0.0}, code[3];

        WARN_ONCE("A protected input is shown black on an unprotected output.\n");
        vp_matrix_apply(&out->from_rgb, zero, code);
        memset(&total, 0, sizeof(total));
        for (i = 0; i < 3; ++i)
            total.m[i][3] = code[i];
        flags |= VP_FLAG_SRC_OPAQUE;
    }
    for (i = 0; i < 3; ++i)
    {
        for (j = 0; j < 4; ++j)
            params->color[j * 4 + i] = total.m[i][j];
    }

    /* Geometry: output pixel centre -> source luma position, as an affine map. */
    vp_map_position(stream, dst, src, 0.0, 0.0, &x0, &y0);
    vp_map_position(stream, dst, src, 1.0, 0.0, &x1, &y1);
    vp_map_position(stream, dst, src, 0.0, 1.0, &x2, &y2);
    params->coord_x[0] = x1 - x0;
    params->coord_x[1] = x2 - x0;
    params->coord_x[2] = x0;
    params->coord_y[0] = y1 - y0;
    params->coord_y[1] = y2 - y0;
    params->coord_y[2] = y0;
    params->tap_step[0] = x1 - x0;
    params->tap_step[1] = y1 - y0;
    params->tap_step[2] = x2 - x0;
    params->tap_step[3] = y2 - y0;
    params->mode[1] = vp_tap_count(x1 - x0, y1 - y0);
    params->mode[2] = vp_tap_count(x2 - x0, y2 - y0);

    params->luma_rect[0] = src->left + 0.5f;
    params->luma_rect[1] = src->top + 0.5f;
    params->luma_rect[2] = src->right - 0.5f;
    params->luma_rect[3] = src->bottom - 0.5f;
    params->chroma_map[0] = params->chroma_map[1] = 1.0f;
    memcpy(params->chroma_rect, params->luma_rect, sizeof(params->chroma_rect));
    if (info->kind != VP_KIND_SINGLE)
    {
        /* Chroma sample i sits on luma sample 2i (co-sited) or between 2i and 2i + 1 (centred). */
        params->chroma_map[0] = 0.5f;
        params->chroma_map[2] = cs->chroma_siting == VKDVA_VP_CHROMA_SITING_CENTER ? 0.0f : 0.25f;
        params->chroma_rect[0] = src->left / 2 + 0.5f;
        params->chroma_rect[2] = (src->right + 1) / 2 - 0.5f;
    }
    if (info->kind == VP_KIND_PLANAR_420)
    {
        params->chroma_map[1] = 0.5f;
        params->chroma_map[3] = cs->chroma_siting == VKDVA_VP_CHROMA_SITING_TOPLEFT ? 0.25f : 0.0f;
        params->chroma_rect[1] = src->top / 2 + 0.5f;
        params->chroma_rect[3] = (src->bottom + 1) / 2 - 0.5f;
    }

    if (stream->frame_format == D3D11_VIDEO_FRAME_FORMAT_INTERLACED_TOP_FIELD_FIRST
            || stream->frame_format == D3D11_VIDEO_FRAME_FORMAT_INTERLACED_BOTTOM_FIELD_FIRST)
    {
        flags |= VP_FLAG_FIELD;
        params->mode[3] = (stream->frame_format == D3D11_VIDEO_FRAME_FORMAT_INTERLACED_BOTTOM_FIELD_FIRST)
                ^ stream->second_field;
    }
    else if (stream->rotation == D3D11_VIDEO_PROCESSOR_ROTATION_IDENTITY && !stream->flip_horizontal
            && !stream->flip_vertical && src->right - src->left == dst->right - dst->left
            && src->bottom - src->top == dst->bottom - dst->top)
    {
        flags |= VP_FLAG_UNSCALED;
        if (info->kind == VP_KIND_PLANAR_420 && stream->input->filter_linear && exact_linear_filter)
            flags |= VP_FLAG_LINEAR_CHROMA;
    }

    width = vkdva_max_u(1, texture->desc.Width >> stream->input->mip);
    height = vkdva_max_u(1, texture->desc.Height >> stream->input->mip);
    if (info->kind == VP_KIND_PACKED_422)
        width /= 2;
    params->inv_size[0] = 1.0f / width;
    params->inv_size[1] = 1.0f / height;
    params->inv_size[2] = 1.0f / vkdva_max_u(1, width / 2);
    params->inv_size[3] = 1.0f / vkdva_max_u(1, height / 2);

    params->swizzle[0] = info->swizzle;
    params->alpha[0] = stream->planar_alpha;
    if (!info->has_alpha)
        flags |= VP_FLAG_SRC_OPAQUE;
    /* A protected input is black (above): nothing is sampled, so there is no luma to key. */
    if (stream->luma_key_enabled && !black)
    {
        flags |= VP_FLAG_LUMA_KEY;
        params->alpha[1] = stream->luma_key_lower;
        params->alpha[2] = stream->luma_key_upper;
    }
    if (cs->transfer == VKDVA_VP_TRANSFER_LINEAR)
        flags |= VP_FLAG_SRC_LINEAR;
    params->mode[0] |= flags | VP_FLAG_HAS_STREAM;
    return S_OK;
}

static void vp_texture_prepare(struct d3d11_device *device, VkCommandBuffer vk_cmd,
        struct d3d11_texture2d *texture, bool to_general)
{
    VkImageLayout host_layout = texture->vk_layout;

    /* Wrapped images live in the host's layout between uses; vkdva's own stay GENERAL. */
    if (host_layout == VK_IMAGE_LAYOUT_GENERAL)
        return;
    if (host_layout == VK_IMAGE_LAYOUT_UNDEFINED || host_layout == VK_IMAGE_LAYOUT_PREINITIALIZED)
    {
        if (!to_general)
            return;
        texture->vk_layout = VK_IMAGE_LAYOUT_GENERAL;
    }
    vkdva_cmd_image_barrier(device, vk_cmd, texture->vk_image, 0, VK_REMAINING_ARRAY_LAYERS,
            to_general ? host_layout : VK_IMAGE_LAYOUT_GENERAL, to_general ? VK_IMAGE_LAYOUT_GENERAL : host_layout,
            VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT);
}

struct vp_pass
{
    struct vp_params params;
    const struct vkdva_vp_stream_desc *stream;
    /* A protected input: drawn black, never bound or even transitioned. */
    bool black;
    const struct vkdva_compute_pipeline *pipeline;
};

/* Whether pass k is the first to read its input texture (each is transitioned once). */
static bool vp_pass_first_use(const struct vp_pass *passes, unsigned int k)
{
    unsigned int i;

    if (!passes[k].stream || passes[k].black)
        return false;
    for (i = 0; i < k; ++i)
    {
        if (passes[i].stream && !passes[i].black
                && passes[i].stream->input->texture == passes[k].stream->input->texture)
            return false;
    }
    return true;
}

static HRESULT vp_blit_protected(struct d3d11_device *device, const struct vkdva_vp_blit_desc *desc);
static HRESULT vp_blit_constricted(struct d3d11_device *device, const struct vkdva_vp_blit_desc *desc,
        const RECT *target, struct vkdva_command_stream *command_stream);

/* The dummy input image goes to GENERAL once, on the immediate context's stream: protected
 * command buffers only sample it. */
static HRESULT vp_prepare_dummy(struct d3d11_device *device, struct vkdva_vp_state *state)
{
    VkCommandBuffer vk_cmd;
    HRESULT hr;

    if (state->dummy_ready)
        return S_OK;
    if (FAILED(hr = vkdva_command_stream_get(&device->immediate_context.stream, &vk_cmd)))
        return hr;
    vkdva_cmd_image_barrier(device, vk_cmd, state->vk_dummy_image, 0, 1, VK_IMAGE_LAYOUT_UNDEFINED,
            VK_IMAGE_LAYOUT_GENERAL, VK_PIPELINE_STAGE_2_NONE, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT);
    state->dummy_ready = true;
    return S_OK;
}

/* The blit, recorded on command_stream: the immediate context's, or for a protected output in
 * hardware mode the protected stream (vp_blit_protected()). */
static HRESULT vp_blit_on(struct d3d11_device *device, const struct vkdva_vp_blit_desc *desc,
        struct vkdva_command_stream *command_stream)
{
    struct vp_pass passes[VKDVA_VP_MAX_INPUT_STREAMS + 1];
    struct vkdva_compute_binding bindings[7];
    unsigned int pass_count, i, k, s;
    struct d3d11_texture2d *texture;
    struct vkdva_vp_state *state;
    struct vp_output out;
    VkCommandBuffer vk_cmd;
    VkDeviceSize offset;
    RECT src, dst, r;
    HRESULT hr;

    if (!desc->output || !desc->output->texture || !desc->output->output)
    {
        WARN("Invalid output view %p.\n", desc->output);
        return E_INVALIDARG;
    }
    if (desc->stream_count > VKDVA_VP_MAX_INPUT_STREAMS)
    {
        WARN("Invalid stream count %u.\n", desc->stream_count);
        return E_INVALIDARG;
    }
    for (i = 0; i < desc->stream_count; ++i)
    {
        const struct vkdva_vp_view *input = desc->streams[i].input;

        if (!input || !input->texture || input->output)
        {
            WARN("Invalid input view %p for stream %u.\n", input, desc->streams[i].index);
            return E_INVALIDARG;
        }
        if (input->texture->device != device)
        {
            WARN("Stream %u's input belongs to another device.\n", desc->streams[i].index);
            return E_INVALIDARG;
        }
    }
    if (desc->output->texture->device != device)
    {
        WARN("The output belongs to another device.\n");
        return E_INVALIDARG;
    }
    /* Software decodes into the surfaces land first (decoder_sw.c). */
    for (i = 0; i < desc->stream_count; ++i)
    {
        const struct vkdva_vp_view *input = desc->streams[i].input;

        vkdva_sw_decode_sync_texture(input->texture, input->mip + input->layer * input->texture->desc.MipLevels);
    }
    vkdva_sw_decode_sync_texture(desc->output->texture,
            desc->output->mip + desc->output->layer * desc->output->texture->desc.MipLevels);
    /* A protected output holds ciphertext at rest (DESIGN decision 4): the blit runs on
     * private plaintext copies. */
    if (vkdva_texture_is_protected(desc->output->texture))
        return vp_blit_protected(device, desc);
    if (desc->constriction_enabled)
    {
        RECT target = {0, 0, vkdva_max_u(1, desc->output->texture->desc.Width >> desc->output->mip),
                vkdva_max_u(1, desc->output->texture->desc.Height >> desc->output->mip)};

        if (desc->target_rect_enabled)
            target = desc->target_rect;
        /* "If the size is larger than the target rectangle, downsampling does not occur."
         * (ID3D11VideoContext::VideoProcessorSetOutputConstriction) */
        if (desc->constriction_size.cx < target.right - target.left
                || desc->constriction_size.cy < target.bottom - target.top)
            return vp_blit_constricted(device, desc, &target, command_stream);
    }

    if (!(state = vp_state_get(device, &hr)))
        return hr;
    if (!state->load_store_without_format)
    {
        FIXME("The device cannot load and store images without a format.\n");
        return E_NOTIMPL;
    }

    vp_output_init(&out, desc);
    memset(passes, 0, sizeof(passes));
    pass_count = 0;
    for (s = 0; s < desc->stream_count; ++s)
    {
        const struct vkdva_vp_stream_desc *stream = &desc->streams[s];
        struct vp_params *params = &passes[pass_count].params;

        texture = stream->input->texture;
        src = (RECT){0, 0, vkdva_max_u(1, texture->desc.Width >> stream->input->mip),
                vkdva_max_u(1, texture->desc.Height >> stream->input->mip)};
        if (stream->src_rect_enabled)
            vp_rect_intersect(&src, &src, &stream->src_rect);
        dst = (RECT){0, 0, out.width, out.height};
        if (stream->dst_rect_enabled)
            dst = stream->dst_rect;
        vp_rect_intersect(&r, &dst, &out.target);
        /* D3D11: an empty source or destination rect shows nothing of the stream. */
        if (vp_rect_is_empty(&src) || vp_rect_is_empty(&dst) || vp_rect_is_empty(&r))
            continue;
        if (FAILED(hr = vp_stream_params(params, &out, stream, &src, &dst, state->exact_linear_filter)))
            return hr;
        params->stream_rect[0] = r.left;
        params->stream_rect[1] = r.top;
        params->stream_rect[2] = r.right;
        params->stream_rect[3] = r.bottom;
        vp_set_region(params, &r, out.info);
        passes[pass_count].stream = stream;
        passes[pass_count].black = vkdva_texture_is_protected(texture);
        ++pass_count;
    }
    /* The first pass covers the whole target rect: background, then the first stream. */
    if (!pass_count)
    {
        passes[0].stream = NULL;
        pass_count = 1;
    }
    vp_set_region(&passes[0].params, &out.target, out.info);

    for (k = 0; k < pass_count; ++k)
    {
        struct vp_params *params = &passes[k].params;

        vp_background(&out, desc, params->background);
        params->target[0] = out.target.left;
        params->target[1] = out.target.top;
        params->target[2] = out.target.right;
        params->target[3] = out.target.bottom;
        params->quant[0] = out.info->is_float ? 0.0f : ldexp(1.0, out.info->bits) - 1.0;
        params->quant[1] = 1.0 / out.info->code_scale;
        params->swizzle[1] = out.info->swizzle;
        if (out.cs->transfer == VKDVA_VP_TRANSFER_LINEAR)
            params->mode[0] |= VP_FLAG_DST_LINEAR;
        if (!k)
            params->mode[0] |= VP_FLAG_FIRST_PASS;
        else
            params->mode[0] |= VP_FLAG_READ_DST;
        switch (desc->alpha_fill_mode)
        {
            case D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_OPAQUE:
            case D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_BACKGROUND:
                break;
            case D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_SOURCE_STREAM:
                for (i = 0; i < pass_count; ++i)
                {
                    if (passes[i].stream && passes[i].stream->index == desc->alpha_fill_stream)
                        break;
                }
                /* A disabled stream: the alpha in the target rect is not modified. */
                if (i == pass_count)
                    params->mode[0] |= VP_FLAG_KEEP_ALPHA | VP_FLAG_READ_DST;
                else if (i == k)
                    params->mode[0] |= VP_FLAG_ALPHA_FROM_SRC;
                break;
            case D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_DESTINATION:
                params->mode[0] |= VP_FLAG_KEEP_ALPHA | VP_FLAG_READ_DST;
                break;
            default:
                WARN("Invalid alpha fill mode %#x.\n", desc->alpha_fill_mode);
                return E_INVALIDARG;
        }
    }

    for (k = 0; k < pass_count; ++k)
    {
        enum vp_kind src_kind = VP_KIND_SINGLE;

        if (passes[k].stream)
            src_kind = vp_get_format_info(passes[k].stream->input->texture->desc.Format)->kind;
        if (FAILED(hr = vp_pipeline_get(device, state, src_kind, out.info->kind, &passes[k].pipeline)))
            return hr;
    }

    if (!state->dummy_ready && command_stream->is_protected)
    {
        ERR("The dummy image is not ready for a protected blit.\n");
        return E_FAIL;
    }
    if (FAILED(hr = vp_prepare_dummy(device, state)))
        return hr;
    if (FAILED(hr = vp_ring_alloc(state, command_stream, pass_count, &offset)))
        return hr;
    if (FAILED(hr = vkdva_command_stream_get(command_stream, &vk_cmd)))
        return hr;
    vp_texture_prepare(device, vk_cmd, out.view->texture, true);
    for (k = 0; k < pass_count; ++k)
    {
        if (vp_pass_first_use(passes, k))
            vp_texture_prepare(device, vk_cmd, passes[k].stream->input->texture, true);
    }

    for (k = 0; k < pass_count; ++k)
    {
        const struct vkdva_vp_view *input = passes[k].stream && !passes[k].black ? passes[k].stream->input : NULL;
        const struct vp_params *params = &passes[k].params;

        memcpy(state->mapped + offset + k * VP_SLOT_SIZE, params, sizeof(*params));
        memset(bindings, 0, sizeof(bindings));
        /* Without a stream the shader samples nothing, but the descriptors must be valid. */
        bindings[0].image.imageView = input ? input->vk_views[0] : state->vk_dummy_view;
        bindings[1].image.imageView = input ? input->vk_views[input->vk_views[1] ? 1 : 0] : state->vk_dummy_view;
        for (i = 0; i < 2; ++i)
            bindings[i].image.imageLayout = VK_IMAGE_LAYOUT_GENERAL;
        bindings[2].image.imageView = out.view->vk_views[0];
        bindings[3].image.imageView = out.view->vk_views[out.view->vk_views[1] ? 1 : 0];
        for (i = 2; i < 4; ++i)
            bindings[i].image.imageLayout = VK_IMAGE_LAYOUT_GENERAL;
        bindings[4].buffer.buffer = state->vk_buffer;
        bindings[4].buffer.offset = offset + k * VP_SLOT_SIZE;
        bindings[4].buffer.range = sizeof(*params);
        bindings[5].image.sampler = state->vk_sampler;
        bindings[6].image.sampler = state->vk_linear_sampler;
        vkdva_cmd_dispatch(device, vk_cmd, passes[k].pipeline, bindings, NULL,
                (params->region[2] + 15) / 16, (params->region[3] + 15) / 16, 1);
        vkdva_cmd_memory_barrier(device, vk_cmd);
    }

    for (k = 0; k < pass_count; ++k)
    {
        if (!vp_pass_first_use(passes, k))
            continue;
        texture = passes[k].stream->input->texture;
        vp_texture_prepare(device, vk_cmd, texture, false);
        texture->last_use.stream = command_stream;
        texture->last_use.value = command_stream->next_value;
    }
    texture = out.view->texture;
    vp_texture_prepare(device, vk_cmd, texture, false);
    texture->last_use.stream = command_stream;
    texture->last_use.value = command_stream->next_value;
    return S_OK;
}

HRESULT vkdva_vp_blit(struct d3d11_device *device, const struct vkdva_vp_blit_desc *desc)
{
    return vp_blit_on(device, desc, &device->immediate_context.stream);
}

/* A private texture for a protected blit's plaintext, never handed to the application: in
 * protected memory when the blit is recorded on the protected stream (hardware mode). */
static HRESULT vp_private_texture(struct d3d11_device *device, const D3D11_TEXTURE2D_DESC *desc,
        struct vkdva_command_stream *stream, struct d3d11_texture2d **texture)
{
    if (stream->is_protected)
        return d3d11_texture2d_create_private_protected(device, desc, stream, texture);
    return d3d11_texture2d_create(device, desc, NULL, texture);
}

/* The private stand-in for a subresource of a protected surface: same format and size, one layer. */
static HRESULT vp_plaintext_texture(struct d3d11_device *device, const struct vkdva_vp_view *view,
        struct vkdva_command_stream *stream, struct d3d11_texture2d **texture)
{
    const struct d3d11_texture2d *source = view->texture;
    D3D11_TEXTURE2D_DESC desc =
    {
        .Width = vkdva_max_u(1, source->desc.Width >> view->mip),
        .Height = vkdva_max_u(1, source->desc.Height >> view->mip),
        .MipLevels = 1,
        .ArraySize = 1,
        .Format = source->desc.Format,
        .SampleDesc = {1, 0},
        .Usage = D3D11_USAGE_DEFAULT,
        .BindFlags = D3D11_BIND_RENDER_TARGET,
    };

    return vp_private_texture(device, &desc, stream, texture);
}

/* VideoProcessorBlt to a protected output (content protection, DESIGN decision 4): protected
 * inputs and the output's current content are decrypted into private images, the ordinary blit
 * runs on those, and the result is encrypted into the output under the session key of the
 * protected input (or, with clear inputs only, of the output's current content) with a fresh
 * nonce. Plaintext exists only in those private images and protect.c's private scratch buffer;
 * the operation waits for the GPU before freeing them. In hardware mode the private images are
 * protected and everything is recorded on protect.c's protected stream (clear inputs are only
 * read there); a constricted blit, or the parameter ring coming round, may submit part of it
 * early and wait for it, in order on the same queue. */
static HRESULT vp_blit_protected(struct d3d11_device *device, const struct vkdva_vp_blit_desc *desc)
{
    struct vkdva_vp_stream_desc streams[VKDVA_VP_MAX_INPUT_STREAMS];
    struct d3d11_texture2d *plain[VKDVA_VP_MAX_INPUT_STREAMS + 1] = {0};
    struct vkdva_vp_view views[VKDVA_VP_MAX_INPUT_STREAMS + 1];
    struct d3d11_texture2d *output = desc->output->texture, *texture;
    struct d3d11_crypto_session *session = NULL;
    struct vkdva_vp_blit_desc local = *desc;
    struct vkdva_command_stream *stream;
    unsigned int i, view_count = 0;
    const struct vkdva_vp_view *view;
    struct vkdva_vp_state *state;
    VkCommandBuffer vk_cmd;
    UINT output_sub, sub;
    uint64_t value;
    HRESULT hr;

    memset(views, 0, sizeof(views));
    output_sub = desc->output->layer * output->desc.MipLevels + desc->output->mip;
    for (i = 0; i < desc->stream_count && !session; ++i)
    {
        view = desc->streams[i].input;
        if (vkdva_texture_is_protected(view->texture))
            session = vkdva_protect_texture_session(view->texture,
                    view->layer * view->texture->desc.MipLevels + view->mip);
    }
    if (!session)
        session = vkdva_protect_texture_session(output, output_sub);
    if (!session || !session->key_set)
    {
        WARN("No crypto session keys the protected surfaces of this blit.\n");
        return E_INVALIDARG;
    }
    /* A protected command buffer must not write unprotected memory, and moving an imported
     * image between its host's layout and GENERAL may (vp_texture_prepare()). */
    for (i = 0; device->caps.protected_memory && i < desc->stream_count; ++i)
    {
        view = desc->streams[i].input;
        if (!vkdva_texture_is_protected(view->texture) && view->texture->vk_layout != VK_IMAGE_LAYOUT_GENERAL)
        {
            FIXME("Imported images in the host's layout as inputs of protected blits are not implemented.\n");
            return E_NOTIMPL;
        }
    }
    /* Before the protected stream orders itself after the context's work. */
    if (!(state = vp_state_get(device, &hr)) || FAILED(hr = vp_prepare_dummy(device, state)))
        return hr;

    if (FAILED(hr = vkdva_protect_begin_commands(device, &stream, &vk_cmd)))
        return hr;
    /* The output's plaintext: the blit writes only the target rect and blends into it. */
    if (FAILED(hr = vp_plaintext_texture(device, desc->output, stream, &plain[0])))
        goto done;
    if (FAILED(hr = vkdva_protect_cmd_read_image(output, output_sub, stream, vk_cmd, plain[0]->vk_image,
            VK_IMAGE_LAYOUT_GENERAL, 0))
            || FAILED(hr = vkdva_vp_view_init(&views[0], plain[0], 0, 0, true)))
        goto done;
    view_count = 1;
    local.output = &views[0];

    memcpy(streams, desc->streams, desc->stream_count * sizeof(*streams));
    local.streams = streams;
    for (i = 0; i < desc->stream_count; ++i)
    {
        view = desc->streams[i].input;
        if (!vkdva_texture_is_protected(view->texture))
            continue;
        sub = view->layer * view->texture->desc.MipLevels + view->mip;
        if (FAILED(hr = vp_plaintext_texture(device, view, stream, &plain[view_count])))
            goto done;
        texture = plain[view_count];
        /* On failure the texture is released at done, after the work recorded on it. */
        if (FAILED(hr = vkdva_protect_cmd_read_image(view->texture, sub, stream, vk_cmd, texture->vk_image,
                VK_IMAGE_LAYOUT_GENERAL, 0))
                || FAILED(hr = vkdva_vp_view_init(&views[view_count], texture, 0, 0, false)))
            goto done;
        streams[i].input = &views[view_count++];
    }

    if (FAILED(hr = vp_blit_on(device, &local, stream)))
        goto done;
    if (FAILED(hr = vkdva_command_stream_get(stream, &vk_cmd)))
        goto done;
    vkdva_cmd_memory_barrier(device, vk_cmd);
    hr = vkdva_protect_cmd_write_image(output, output_sub, session, stream, vk_cmd, plain[0]->vk_image,
            VK_IMAGE_LAYOUT_GENERAL, 0, plain[0]->desc.Width, plain[0]->desc.Height);

done:
    /* Submitted (hardware mode) whatever happened: the private images wait for it below. */
    value = stream->next_value;
    for (i = 0; i < ARRAY_SIZE(plain); ++i)
    {
        if (!plain[i])
            continue;
        plain[i]->last_use.stream = stream;
        plain[i]->last_use.value = value;
    }
    if (FAILED(vkdva_command_stream_get(stream, &vk_cmd)) || FAILED(vkdva_protect_end_commands(device, stream, vk_cmd)))
        ERR("Failed to end the protected blit.\n");
    /* Both wait for the GPU work that uses the private images. */
    for (i = 0; i < view_count; ++i)
        vkdva_vp_view_cleanup(&views[i]);
    for (i = 0; i < ARRAY_SIZE(plain); ++i)
    {
        if (plain[i])
            ID3D11Texture2D_Release(&plain[i]->ID3D11Texture2D_iface);
    }
    return hr;
}

/* Maps a rect of the output into the constricted image: the target rect becomes the whole image. */
static void vp_constrict_rect(RECT *rect, const RECT *target, LONG width, LONG height)
{
    LONG target_width = target->right - target->left, target_height = target->bottom - target->top;

    rect->left = (LONG)(((int64_t)(rect->left - target->left) * width) / target_width);
    rect->right = (LONG)(((int64_t)(rect->right - target->left) * width + target_width - 1) / target_width);
    rect->top = (LONG)(((int64_t)(rect->top - target->top) * height) / target_height);
    rect->bottom = (LONG)(((int64_t)(rect->bottom - target->top) * height + target_height - 1) / target_height);
}

/* VideoProcessorSetOutputConstriction (a content-protection measure: "the driver downsamples
 * the composed image to the specified size, and then scales it back to the size of the target
 * rectangle"): the streams are composed into a private image of the constricted size, in the
 * output's format and colour space, and that image is then blitted into the target rect as the
 * only stream. */
static HRESULT vp_blit_constricted(struct d3d11_device *device, const struct vkdva_vp_blit_desc *desc,
        const RECT *target, struct vkdva_command_stream *command_stream)
{
    struct vkdva_vp_stream_desc streams[VKDVA_VP_MAX_INPUT_STREAMS], upscale;
    struct d3d11_texture2d *output = desc->output->texture, *small = NULL;
    struct vkdva_vp_view small_output, small_input;
    struct vkdva_vp_blit_desc local = *desc;
    LONG width, height;
    bool have_output = false, have_input = false;
    RECT dst, full;
    unsigned int i;
    HRESULT hr;

    D3D11_TEXTURE2D_DESC small_desc =
    {
        .MipLevels = 1,
        .ArraySize = 1,
        .Format = output->desc.Format,
        .SampleDesc = {1, 0},
        .Usage = D3D11_USAGE_DEFAULT,
        .BindFlags = D3D11_BIND_RENDER_TARGET,
    };

    width = vkdva_min_u(desc->constriction_size.cx, target->right - target->left);
    height = vkdva_min_u(desc->constriction_size.cy, target->bottom - target->top);
    /* Planar and packed YUV outputs need even sizes. */
    if (output->format->plane_count > 1 || output->desc.Format == DXGI_FORMAT_YUY2)
    {
        width = (width + 1) & ~1;
        height = (height + 1) & ~1;
    }
    small_desc.Width = width;
    small_desc.Height = height;
    /* In a protected blit (hardware mode) the small image holds plaintext: protected memory. */
    if (FAILED(hr = vp_private_texture(device, &small_desc, command_stream, &small)))
        return hr;
    if (FAILED(hr = vkdva_vp_view_init(&small_output, small, 0, 0, true)))
        goto done;
    have_output = true;
    if (FAILED(hr = vkdva_vp_view_init(&small_input, small, 0, 0, false)))
        goto done;
    have_input = true;

    /* First pass: the composition, into the whole small image. */
    full = (RECT){0, 0, vkdva_max_u(1, output->desc.Width >> desc->output->mip),
            vkdva_max_u(1, output->desc.Height >> desc->output->mip)};
    memcpy(streams, desc->streams, desc->stream_count * sizeof(*streams));
    for (i = 0; i < desc->stream_count; ++i)
    {
        struct vkdva_vp_stream_desc *stream = &streams[i];
        const struct d3d11_texture2d *input = stream->input->texture;
        RECT src = {0, 0, vkdva_max_u(1, input->desc.Width >> stream->input->mip),
                vkdva_max_u(1, input->desc.Height >> stream->input->mip)}, clip;

        if (stream->src_rect_enabled)
            src = stream->src_rect;
        dst = stream->dst_rect_enabled ? stream->dst_rect : full;
        /* What falls outside the target rect is not shown, constricted or not: clip the
         * destination to it and the source in proportion. */
        clip.left = dst.left > target->left ? dst.left : target->left;
        clip.top = dst.top > target->top ? dst.top : target->top;
        clip.right = dst.right < target->right ? dst.right : target->right;
        clip.bottom = dst.bottom < target->bottom ? dst.bottom : target->bottom;
        if (clip.left >= clip.right || clip.top >= clip.bottom)
        {
            stream->dst_rect_enabled = true;
            stream->dst_rect = (RECT){0, 0, 0, 0};
            continue;
        }
        if (memcmp(&clip, &dst, sizeof(clip)))
        {
            if (stream->rotation != D3D11_VIDEO_PROCESSOR_ROTATION_IDENTITY || stream->flip_horizontal
                    || stream->flip_vertical)
            {
                FIXME("Constriction of rotated or mirrored streams outside the target rect is not implemented.\n");
                hr = E_NOTIMPL;
                goto done;
            }
            src = (RECT)
            {
                src.left + (LONG)((int64_t)(clip.left - dst.left) * (src.right - src.left) / (dst.right - dst.left)),
                src.top + (LONG)((int64_t)(clip.top - dst.top) * (src.bottom - src.top) / (dst.bottom - dst.top)),
                src.left + (LONG)((int64_t)(clip.right - dst.left) * (src.right - src.left) / (dst.right - dst.left)),
                src.top + (LONG)((int64_t)(clip.bottom - dst.top) * (src.bottom - src.top) / (dst.bottom - dst.top)),
            };
            stream->src_rect_enabled = true;
            stream->src_rect = src;
            dst = clip;
        }
        vp_constrict_rect(&dst, target, width, height);
        stream->dst_rect_enabled = true;
        stream->dst_rect = dst;
    }
    local.output = &small_output;
    local.target_rect_enabled = false;
    local.constriction_enabled = false;
    local.streams = streams;
    if (FAILED(hr = vp_blit_on(device, &local, command_stream)))
        goto done;

    /* Second pass: the small image, scaled back into the target rect, alpha included. */
    memset(&upscale, 0, sizeof(upscale));
    upscale.input = &small_input;
    upscale.frame_format = D3D11_VIDEO_FRAME_FORMAT_PROGRESSIVE;
    upscale.dst_rect_enabled = true;
    upscale.dst_rect = *target;
    upscale.color_space = desc->output_color_space;
    upscale.planar_alpha = 1.0f;
    upscale.rotation = D3D11_VIDEO_PROCESSOR_ROTATION_IDENTITY;
    local = *desc;
    local.constriction_enabled = false;
    local.alpha_fill_mode = D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_SOURCE_STREAM;
    local.alpha_fill_stream = 0;
    local.stream_count = 1;
    local.streams = &upscale;
    hr = vp_blit_on(device, &local, command_stream);
    small->last_use.stream = command_stream;
    small->last_use.value = command_stream->next_value;

done:
    /* Both wait for the GPU work that uses the small image. */
    if (have_input)
        vkdva_vp_view_cleanup(&small_input);
    if (have_output)
        vkdva_vp_view_cleanup(&small_output);
    ID3D11Texture2D_Release(&small->ID3D11Texture2D_iface);
    return hr;
}
