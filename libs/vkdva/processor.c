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

/* ID3D11VideoProcessorEnumerator, ID3D11VideoProcessor and its views, and the video processor
 * methods of ID3D11VideoDevice and ID3D11VideoContext (whose vtables live in video_device.c and
 * video_context.c). This file validates, stores the output and stream state and, for each
 * VideoProcessorBlt, describes the blit to vp_blit.c, which does the pixel work. */

#include "video_methods.h"
#include "vp_blit.h"

#define VKDVA_VP_RATE_CONVERSION_CAPS_COUNT 1u
/* Stream states are kept for as many streams as a blit may enable. */
#define VKDVA_VP_MAX_STREAM_STATES VKDVA_VP_MAX_INPUT_STREAMS
#define VKDVA_VP_MAX_PALETTE_ENTRIES 256u
/* DXGI_HDR_METADATA_HDR10PLUS is 72 bytes of the SMPTE ST 2094-40 payload (dxgi1_5.h). */
#define VKDVA_VP_HDR10PLUS_SIZE 72u
#define VKDVA_VP_MAX_HDR_METADATA_SIZE 72u

/* A colour space as the application last set it: through the D3D11_VIDEO_PROCESSOR_COLOR_SPACE
 * methods or the DXGI_COLOR_SPACE_TYPE ones (ID3D11VideoContext1). Both describe one state; the
 * other getter returns a translation. */
struct vkdva_vp_stored_color_space
{
    bool is_dxgi;
    D3D11_VIDEO_PROCESSOR_COLOR_SPACE d3d11;
    DXGI_COLOR_SPACE_TYPE dxgi;
};

struct vkdva_vp_hdr_metadata
{
    DXGI_HDR_METADATA_TYPE type;
    UINT size;
    BYTE data[VKDVA_VP_MAX_HDR_METADATA_SIZE];
};

struct vkdva_vp_output_state
{
    BOOL target_rect_enabled;
    RECT target_rect;
    BOOL background_ycbcr;
    D3D11_VIDEO_COLOR background;
    struct vkdva_vp_stored_color_space color_space;
    D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE alpha_fill_mode;
    UINT alpha_fill_stream;
    BOOL constriction_enabled;
    SIZE constriction_size;
    BOOL shader_usage;
    struct vkdva_vp_hdr_metadata hdr;
};

struct vkdva_vp_stream_state
{
    D3D11_VIDEO_FRAME_FORMAT frame_format;
    struct vkdva_vp_stored_color_space color_space;
    D3D11_VIDEO_PROCESSOR_OUTPUT_RATE output_rate;
    BOOL repeat_frame;
    DXGI_RATIONAL custom_rate;
    BOOL src_rect_enabled;
    RECT src_rect;
    BOOL dst_rect_enabled;
    RECT dst_rect;
    BOOL alpha_enabled;
    float alpha;
    UINT palette[VKDVA_VP_MAX_PALETTE_ENTRIES];
    BOOL pixel_aspect_ratio_enabled;
    DXGI_RATIONAL src_aspect_ratio;
    DXGI_RATIONAL dst_aspect_ratio;
    BOOL luma_key_enabled;
    float luma_key_lower;
    float luma_key_upper;
    BOOL auto_processing;
    struct
    {
        BOOL enabled;
        int level;
    } filters[D3D11_VIDEO_PROCESSOR_FILTER_STEREO_ADJUSTMENT + 1];
    BOOL rotation_enabled;
    D3D11_VIDEO_PROCESSOR_ROTATION rotation;
    BOOL mirror_enabled;
    BOOL flip_horizontal;
    BOOL flip_vertical;
    struct vkdva_vp_hdr_metadata hdr;
};

struct d3d11_video_processor_enumerator
{
    ID3D11VideoProcessorEnumerator1 ID3D11VideoProcessorEnumerator1_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC desc;
};

struct d3d11_video_processor
{
    ID3D11VideoProcessor ID3D11VideoProcessor_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    /* The enumerator's description: views of enumerators with another description are
     * refused by VideoProcessorBlt. */
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC desc;
    UINT rate_conversion_index;

    /* Device lock held. */
    struct vkdva_vp_output_state output;
    struct vkdva_vp_stream_state streams[VKDVA_VP_MAX_STREAM_STATES];
};

struct d3d11_video_processor_input_view
{
    ID3D11VideoProcessorInputView ID3D11VideoProcessorInputView_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC desc;
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC enum_desc;
    struct d3d11_texture2d *texture;
    struct vkdva_vp_view vp_view;
};

struct d3d11_video_processor_output_view
{
    ID3D11VideoProcessorOutputView ID3D11VideoProcessorOutputView_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC desc;
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC enum_desc;
    struct d3d11_texture2d *texture;
    struct vkdva_vp_view vp_view;
};

/* Capabilities: exactly what vp_blit.c implements (vp_blit.h). */

static const D3D11_VIDEO_PROCESSOR_RATE_CONVERSION_CAPS vkdva_vp_rate_conversion_caps =
{
    .PastFrames = VKDVA_VP_MAX_PAST_FRAMES,
    .FutureFrames = VKDVA_VP_MAX_FUTURE_FRAMES,
    .ProcessorCaps = VKDVA_VP_PROCESSOR_CAPS,
    .ITelecineCaps = 0,
    .CustomRateCount = 0,
};

static void vkdva_vp_get_caps(D3D11_VIDEO_PROCESSOR_CAPS *caps)
{
    caps->DeviceCaps = VKDVA_VP_DEVICE_CAPS;
    caps->FeatureCaps = VKDVA_VP_FEATURE_CAPS;
    caps->FilterCaps = VKDVA_VP_FILTER_CAPS;
    caps->InputFormatCaps = VKDVA_VP_INPUT_FORMAT_CAPS;
    caps->AutoStreamCaps = VKDVA_VP_AUTO_STREAM_CAPS;
    /* No stereo: D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_STEREO is not reported either. */
    caps->StereoCaps = 0;
    caps->RateConversionCapsCount = VKDVA_VP_RATE_CONVERSION_CAPS_COUNT;
    caps->MaxInputStreams = VKDVA_VP_MAX_INPUT_STREAMS;
    caps->MaxStreamStates = VKDVA_VP_MAX_STREAM_STATES;
}

static bool vkdva_vp_has_feature(UINT feature)
{
    return !!(VKDVA_VP_FEATURE_CAPS & feature);
}

static bool vkdva_vp_filter_supported(D3D11_VIDEO_PROCESSOR_FILTER filter)
{
    return filter <= D3D11_VIDEO_PROCESSOR_FILTER_STEREO_ADJUSTMENT && (VKDVA_VP_FILTER_CAPS & (1u << filter));
}

static UINT vkdva_vp_format_support(struct d3d11_device *device, DXGI_FORMAT format)
{
    UINT flags = 0;

    if (vkdva_vp_format_supported(device, format, false))
        flags |= D3D11_VIDEO_PROCESSOR_FORMAT_SUPPORT_INPUT;
    if (vkdva_vp_format_supported(device, format, true))
        flags |= D3D11_VIDEO_PROCESSOR_FORMAT_SUPPORT_OUTPUT;
    return flags;
}

/* D3D11_FORMAT_SUPPORT_VIDEO_PROCESSOR_INPUT/OUTPUT for ID3D11Device::CheckFormatSupport. */
UINT vkdva_vp_d3d11_format_support(struct d3d11_device *device, DXGI_FORMAT format)
{
    UINT support = 0;

    if (vkdva_vp_format_supported(device, format, false))
        support |= D3D11_FORMAT_SUPPORT_VIDEO_PROCESSOR_INPUT;
    if (vkdva_vp_format_supported(device, format, true))
        support |= D3D11_FORMAT_SUPPORT_VIDEO_PROCESSOR_OUTPUT;
    return support;
}

/* Translations between the two descriptions of a colour space, for the getter of the one the
 * application did not use. D3D11_VIDEO_PROCESSOR_COLOR_SPACE does not say whether the pixels
 * are RGB or YCbCr (the surface format does), so output colour spaces translate to their RGB
 * meaning and stream colour spaces to their YCbCr meaning, the usual cases. */
static DXGI_COLOR_SPACE_TYPE vkdva_vp_dxgi_from_d3d11(const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *cs, bool rgb)
{
    bool full;

    if (rgb)
        return cs->RGB_Range ? DXGI_COLOR_SPACE_RGB_STUDIO_G22_NONE_P709 : DXGI_COLOR_SPACE_RGB_FULL_G22_NONE_P709;
    /* Nominal_Range 0 (undefined) is studio range for YCbCr (D3D11_VIDEO_PROCESSOR_COLOR_SPACE). */
    full = cs->Nominal_Range == D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_0_255;
    if (cs->YCbCr_Matrix)
        return full ? DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P709 : DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P709;
    return full ? DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P601 : DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P601;
}

static void vkdva_vp_d3d11_from_dxgi(DXGI_COLOR_SPACE_TYPE dxgi, D3D11_VIDEO_PROCESSOR_COLOR_SPACE *cs)
{
    memset(cs, 0, sizeof(*cs));
    switch (dxgi)
    {
        case DXGI_COLOR_SPACE_RGB_STUDIO_G22_NONE_P709:
        case DXGI_COLOR_SPACE_RGB_STUDIO_G22_NONE_P2020:
        case DXGI_COLOR_SPACE_RGB_STUDIO_G2084_NONE_P2020:
            cs->RGB_Range = 1;
            break;
        case DXGI_COLOR_SPACE_YCBCR_FULL_G22_NONE_P709_X601:
        case DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P601:
            cs->Nominal_Range = D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_0_255;
            break;
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P601:
            cs->Nominal_Range = D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_16_235;
            break;
        /* The legacy structure has no BT.2020 matrix: BT.709 is the nearest. */
        case DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P709:
        case DXGI_COLOR_SPACE_YCBCR_FULL_G22_LEFT_P2020:
        case DXGI_COLOR_SPACE_YCBCR_FULL_GHLG_TOPLEFT_P2020:
            cs->YCbCr_Matrix = 1;
            cs->Nominal_Range = D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_0_255;
            break;
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P709:
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_LEFT_P2020:
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_G2084_LEFT_P2020:
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_G22_TOPLEFT_P2020:
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_G2084_TOPLEFT_P2020:
        case DXGI_COLOR_SPACE_YCBCR_STUDIO_GHLG_TOPLEFT_P2020:
            cs->YCbCr_Matrix = 1;
            cs->Nominal_Range = D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_16_235;
            break;
        default:
            break;
    }
}

/* Whether a D3D11_VIDEO_PROCESSOR_COLOR_SPACE asks only for what the device caps report. */
static bool vkdva_vp_check_d3d11_color_space(const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *cs)
{
    if (cs->YCbCr_xvYCC && !(VKDVA_VP_DEVICE_CAPS & D3D11_VIDEO_PROCESSOR_DEVICE_CAPS_xvYCC))
    {
        WARN("xvYCC requested, but D3D11_VIDEO_PROCESSOR_DEVICE_CAPS_xvYCC is not reported.\n");
        return false;
    }
    if (cs->Nominal_Range > D3D11_VIDEO_PROCESSOR_NOMINAL_RANGE_0_255)
    {
        WARN("Invalid nominal range %#x.\n", cs->Nominal_Range);
        return false;
    }
    if (cs->Nominal_Range && !(VKDVA_VP_DEVICE_CAPS & D3D11_VIDEO_PROCESSOR_DEVICE_CAPS_NOMINAL_RANGE))
    {
        WARN("Nominal range requested, but D3D11_VIDEO_PROCESSOR_DEVICE_CAPS_NOMINAL_RANGE is not reported.\n");
        return false;
    }
    if (cs->Reserved)
        WARN("Ignoring reserved bits %#x.\n", cs->Reserved);
    return true;
}

/* A DXGI colour space is accepted when the blit does it for an RGB or a YCbCr surface; whether
 * it suits the surface of a blit is checked by VideoProcessorBlt. */
static bool vkdva_vp_check_dxgi_color_space(DXGI_COLOR_SPACE_TYPE cs)
{
    /* One format of each kind: 8-bit RGB, float RGB (linear light), YCbCr. */
    if (vkdva_vp_dxgi_color_space_supported(cs, DXGI_FORMAT_B8G8R8A8_UNORM)
            || vkdva_vp_dxgi_color_space_supported(cs, DXGI_FORMAT_R16G16B16A16_FLOAT)
            || vkdva_vp_dxgi_color_space_supported(cs, DXGI_FORMAT_NV12))
        return true;
    WARN("Unsupported colour space %#x.\n", cs);
    return false;
}

static void vkdva_vp_get_stored_d3d11(const struct vkdva_vp_stored_color_space *stored,
        D3D11_VIDEO_PROCESSOR_COLOR_SPACE *cs)
{
    if (stored->is_dxgi)
        vkdva_vp_d3d11_from_dxgi(stored->dxgi, cs);
    else
        *cs = stored->d3d11;
}

static DXGI_COLOR_SPACE_TYPE vkdva_vp_get_stored_dxgi(const struct vkdva_vp_stored_color_space *stored, bool rgb)
{
    if (stored->is_dxgi)
        return stored->dxgi;
    return vkdva_vp_dxgi_from_d3d11(&stored->d3d11, rgb);
}

/* The colour space of a surface of the given format at blit time. */
static bool vkdva_vp_resolve_color_space(const struct vkdva_vp_stored_color_space *stored, DXGI_FORMAT format,
        struct vkdva_vp_color_space *out)
{
    if (!stored->is_dxgi)
    {
        vkdva_vp_color_space_from_d3d11(&stored->d3d11, format, out);
        return true;
    }
    if (!vkdva_vp_dxgi_color_space_supported(stored->dxgi, format))
    {
        WARN("Colour space %#x is not supported for %s.\n", stored->dxgi, debug_dxgi_format(format));
        return false;
    }
    return vkdva_vp_color_space_from_dxgi(stored->dxgi, format, out);
}

static bool vkdva_vp_rect_is_valid(const RECT *rect)
{
    return rect->left <= rect->right && rect->top <= rect->bottom;
}

static bool vkdva_vp_rect_is_empty(const RECT *rect)
{
    return rect->left >= rect->right || rect->top >= rect->bottom;
}

static bool vkdva_vp_rect_inside(const RECT *rect, UINT width, UINT height)
{
    return rect->left >= 0 && rect->top >= 0 && vkdva_vp_rect_is_valid(rect)
            && rect->right <= (LONG)width && rect->bottom <= (LONG)height;
}

static bool vkdva_vp_check_content_desc(const D3D11_VIDEO_PROCESSOR_CONTENT_DESC *desc)
{
    if (!desc)
    {
        WARN("NULL content desc.\n");
        return false;
    }
    if (desc->InputFrameFormat > D3D11_VIDEO_FRAME_FORMAT_INTERLACED_BOTTOM_FIELD_FIRST)
    {
        WARN("Invalid input frame format %#x.\n", desc->InputFrameFormat);
        return false;
    }
    if (desc->Usage > D3D11_VIDEO_USAGE_OPTIMAL_QUALITY)
    {
        WARN("Invalid usage %#x.\n", desc->Usage);
        return false;
    }
    if (!desc->InputWidth || !desc->InputHeight || !desc->OutputWidth || !desc->OutputHeight
            || desc->InputWidth > VKDVA_MAX_TEXTURE_DIMENSION || desc->InputHeight > VKDVA_MAX_TEXTURE_DIMENSION
            || desc->OutputWidth > VKDVA_MAX_TEXTURE_DIMENSION || desc->OutputHeight > VKDVA_MAX_TEXTURE_DIMENSION)
    {
        WARN("Invalid sizes %ux%u -> %ux%u.\n", desc->InputWidth, desc->InputHeight,
                desc->OutputWidth, desc->OutputHeight);
        return false;
    }
    return true;
}

/* ID3D11VideoProcessorEnumerator */

static const struct ID3D11VideoProcessorEnumerator1Vtbl d3d11_video_processor_enumerator_vtbl;

static inline struct d3d11_video_processor_enumerator *impl_from_ID3D11VideoProcessorEnumerator1(
        ID3D11VideoProcessorEnumerator1 *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_video_processor_enumerator, ID3D11VideoProcessorEnumerator1_iface);
}

static struct d3d11_video_processor_enumerator *unsafe_impl_from_ID3D11VideoProcessorEnumerator(
        ID3D11VideoProcessorEnumerator *iface)
{
    if (!iface || iface->lpVtbl != (const void *)&d3d11_video_processor_enumerator_vtbl)
        return NULL;
    return impl_from_ID3D11VideoProcessorEnumerator1((ID3D11VideoProcessorEnumerator1 *)iface);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_QueryInterface(
        ID3D11VideoProcessorEnumerator1 *iface, REFIID iid, void **out)
{
    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(iid, &IID_ID3D11VideoProcessorEnumerator1)
            || IsEqualGUID(iid, &IID_ID3D11VideoProcessorEnumerator)
            || IsEqualGUID(iid, &IID_ID3D11DeviceChild) || IsEqualGUID(iid, &IID_IUnknown))
    {
        ID3D11VideoProcessorEnumerator1_AddRef(iface);
        *out = iface;
        return S_OK;
    }
    WARN("%s not implemented, returning E_NOINTERFACE.\n", debugstr_guid(iid));
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE d3d11_video_processor_enumerator_AddRef(ID3D11VideoProcessorEnumerator1 *iface)
{
    struct d3d11_video_processor_enumerator *enumerator = impl_from_ID3D11VideoProcessorEnumerator1(iface);
    unsigned int refcount = vkdva_atomic_increment_u32(&enumerator->refcount);

    TRACE("%p increasing refcount to %u.\n", enumerator, refcount);
    return refcount;
}

static ULONG STDMETHODCALLTYPE d3d11_video_processor_enumerator_Release(ID3D11VideoProcessorEnumerator1 *iface)
{
    struct d3d11_video_processor_enumerator *enumerator = impl_from_ID3D11VideoProcessorEnumerator1(iface);
    unsigned int refcount = vkdva_atomic_decrement_u32(&enumerator->refcount);
    struct d3d11_device *device = enumerator->device;

    TRACE("%p decreasing refcount to %u.\n", enumerator, refcount);
    if (!refcount)
    {
        vkdva_private_store_destroy(&enumerator->private_store);
        vkdva_free(enumerator);
        ID3D11Device_Release(&device->ID3D11Device_iface);
    }
    return refcount;
}

static void STDMETHODCALLTYPE d3d11_video_processor_enumerator_GetDevice(ID3D11VideoProcessorEnumerator1 *iface,
        ID3D11Device **device)
{
    struct d3d11_video_processor_enumerator *enumerator = impl_from_ID3D11VideoProcessorEnumerator1(iface);

    TRACE("iface %p, device %p.\n", iface, device);

    *device = &enumerator->device->ID3D11Device_iface;
    ID3D11Device_AddRef(*device);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_GetPrivateData(
        ID3D11VideoProcessorEnumerator1 *iface, REFGUID guid, UINT *data_size, void *data)
{
    struct d3d11_video_processor_enumerator *enumerator = impl_from_ID3D11VideoProcessorEnumerator1(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&enumerator->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_SetPrivateData(
        ID3D11VideoProcessorEnumerator1 *iface, REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_video_processor_enumerator *enumerator = impl_from_ID3D11VideoProcessorEnumerator1(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&enumerator->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_SetPrivateDataInterface(
        ID3D11VideoProcessorEnumerator1 *iface, REFGUID guid, const IUnknown *data)
{
    struct d3d11_video_processor_enumerator *enumerator = impl_from_ID3D11VideoProcessorEnumerator1(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&enumerator->private_store, guid, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_GetVideoProcessorContentDesc(
        ID3D11VideoProcessorEnumerator1 *iface, D3D11_VIDEO_PROCESSOR_CONTENT_DESC *desc)
{
    struct d3d11_video_processor_enumerator *enumerator = impl_from_ID3D11VideoProcessorEnumerator1(iface);

    TRACE("iface %p, desc %p.\n", iface, desc);

    if (!desc)
    {
        WARN("NULL desc.\n");
        return E_INVALIDARG;
    }
    *desc = enumerator->desc;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_CheckVideoProcessorFormat(
        ID3D11VideoProcessorEnumerator1 *iface, DXGI_FORMAT format, UINT *flags)
{
    struct d3d11_video_processor_enumerator *enumerator = impl_from_ID3D11VideoProcessorEnumerator1(iface);

    TRACE("iface %p, format %s, flags %p.\n", iface, debug_dxgi_format(format), flags);

    if (!flags)
    {
        WARN("NULL flags.\n");
        return E_INVALIDARG;
    }
    *flags = vkdva_vp_format_support(enumerator->device, format);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_GetVideoProcessorCaps(
        ID3D11VideoProcessorEnumerator1 *iface, D3D11_VIDEO_PROCESSOR_CAPS *caps)
{
    TRACE("iface %p, caps %p.\n", iface, caps);

    if (!caps)
    {
        WARN("NULL caps.\n");
        return E_INVALIDARG;
    }
    vkdva_vp_get_caps(caps);
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_GetVideoProcessorRateConversionCaps(
        ID3D11VideoProcessorEnumerator1 *iface, UINT type_index, D3D11_VIDEO_PROCESSOR_RATE_CONVERSION_CAPS *caps)
{
    TRACE("iface %p, type_index %u, caps %p.\n", iface, type_index, caps);

    if (type_index >= VKDVA_VP_RATE_CONVERSION_CAPS_COUNT)
    {
        WARN("Invalid type index %u.\n", type_index);
        return E_INVALIDARG;
    }
    if (!caps)
    {
        WARN("NULL caps.\n");
        return E_INVALIDARG;
    }
    *caps = vkdva_vp_rate_conversion_caps;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_GetVideoProcessorCustomRate(
        ID3D11VideoProcessorEnumerator1 *iface, UINT type_index, UINT custom_rate_index,
        D3D11_VIDEO_PROCESSOR_CUSTOM_RATE *rate)
{
    TRACE("iface %p, type_index %u, custom_rate_index %u, rate %p.\n", iface, type_index, custom_rate_index, rate);

    /* CustomRateCount is 0 for every rate conversion, so no index is valid
     * (ID3D11VideoProcessorEnumerator::GetVideoProcessorCustomRate). */
    WARN("Invalid type index %u or custom rate index %u.\n", type_index, custom_rate_index);
    return E_INVALIDARG;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_GetVideoProcessorFilterRange(
        ID3D11VideoProcessorEnumerator1 *iface, D3D11_VIDEO_PROCESSOR_FILTER filter,
        D3D11_VIDEO_PROCESSOR_FILTER_RANGE *range)
{
    TRACE("iface %p, filter %#x, range %p.\n", iface, filter, range);

    if (!vkdva_vp_filter_supported(filter))
    {
        WARN("Filter %#x is not supported.\n", filter);
        return E_INVALIDARG;
    }
    if (!range)
    {
        WARN("NULL range.\n");
        return E_INVALIDARG;
    }
    *range = vkdva_vp_filter_ranges[filter];
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_enumerator_CheckVideoProcessorFormatConversion(
        ID3D11VideoProcessorEnumerator1 *iface, DXGI_FORMAT input_format, DXGI_COLOR_SPACE_TYPE input_colour_space,
        DXGI_FORMAT output_format, DXGI_COLOR_SPACE_TYPE output_colour_space, BOOL *supported)
{
    struct d3d11_video_processor_enumerator *enumerator = impl_from_ID3D11VideoProcessorEnumerator1(iface);

    TRACE("iface %p, input_format %s, input_colour_space %#x, output_format %s, output_colour_space %#x, "
            "supported %p.\n", iface, debug_dxgi_format(input_format), input_colour_space,
            debug_dxgi_format(output_format), output_colour_space, supported);

    if (!supported)
    {
        WARN("NULL supported.\n");
        return E_INVALIDARG;
    }
    *supported = vkdva_vp_format_supported(enumerator->device, input_format, false)
            && vkdva_vp_format_supported(enumerator->device, output_format, true)
            && vkdva_vp_dxgi_color_space_supported(input_colour_space, input_format)
            && vkdva_vp_dxgi_color_space_supported(output_colour_space, output_format);
    return S_OK;
}

static const struct ID3D11VideoProcessorEnumerator1Vtbl d3d11_video_processor_enumerator_vtbl =
{
    /* IUnknown methods */
    d3d11_video_processor_enumerator_QueryInterface,
    d3d11_video_processor_enumerator_AddRef,
    d3d11_video_processor_enumerator_Release,
    /* ID3D11DeviceChild methods */
    d3d11_video_processor_enumerator_GetDevice,
    d3d11_video_processor_enumerator_GetPrivateData,
    d3d11_video_processor_enumerator_SetPrivateData,
    d3d11_video_processor_enumerator_SetPrivateDataInterface,
    /* ID3D11VideoProcessorEnumerator methods */
    d3d11_video_processor_enumerator_GetVideoProcessorContentDesc,
    d3d11_video_processor_enumerator_CheckVideoProcessorFormat,
    d3d11_video_processor_enumerator_GetVideoProcessorCaps,
    d3d11_video_processor_enumerator_GetVideoProcessorRateConversionCaps,
    d3d11_video_processor_enumerator_GetVideoProcessorCustomRate,
    d3d11_video_processor_enumerator_GetVideoProcessorFilterRange,
    /* ID3D11VideoProcessorEnumerator1 methods */
    d3d11_video_processor_enumerator_CheckVideoProcessorFormatConversion,
};

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessorEnumerator(ID3D11VideoDevice2 *iface,
        const D3D11_VIDEO_PROCESSOR_CONTENT_DESC *desc, ID3D11VideoProcessorEnumerator **enum_)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    struct d3d11_video_processor_enumerator *enumerator;

    TRACE("iface %p, desc %p, enum_ %p.\n", iface, desc, enum_);

    if (!enum_)
    {
        WARN("NULL enumerator pointer.\n");
        return E_INVALIDARG;
    }
    *enum_ = NULL;
    if (!vkdva_vp_check_content_desc(desc))
        return E_INVALIDARG;

    if (!(enumerator = vkdva_calloc(1, sizeof(*enumerator))))
        return E_OUTOFMEMORY;
    enumerator->ID3D11VideoProcessorEnumerator1_iface.lpVtbl = &d3d11_video_processor_enumerator_vtbl;
    enumerator->refcount = 1;
    vkdva_private_store_init(&enumerator->private_store);
    enumerator->device = device;
    enumerator->desc = *desc;
    ID3D11Device_AddRef(&device->ID3D11Device_iface);

    TRACE("Created video processor enumerator %p.\n", enumerator);
    *enum_ = (ID3D11VideoProcessorEnumerator *)&enumerator->ID3D11VideoProcessorEnumerator1_iface;
    return S_OK;
}

/* ID3D11VideoProcessor */

static const struct ID3D11VideoProcessorVtbl d3d11_video_processor_vtbl;

static inline struct d3d11_video_processor *impl_from_ID3D11VideoProcessor(ID3D11VideoProcessor *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_video_processor, ID3D11VideoProcessor_iface);
}

static struct d3d11_video_processor *unsafe_impl_from_ID3D11VideoProcessor(ID3D11VideoProcessor *iface)
{
    if (!iface || iface->lpVtbl != &d3d11_video_processor_vtbl)
        return NULL;
    return impl_from_ID3D11VideoProcessor(iface);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_QueryInterface(ID3D11VideoProcessor *iface,
        REFIID iid, void **out)
{
    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(iid, &IID_ID3D11VideoProcessor) || IsEqualGUID(iid, &IID_ID3D11DeviceChild)
            || IsEqualGUID(iid, &IID_IUnknown))
    {
        ID3D11VideoProcessor_AddRef(iface);
        *out = iface;
        return S_OK;
    }
    WARN("%s not implemented, returning E_NOINTERFACE.\n", debugstr_guid(iid));
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE d3d11_video_processor_AddRef(ID3D11VideoProcessor *iface)
{
    struct d3d11_video_processor *processor = impl_from_ID3D11VideoProcessor(iface);
    unsigned int refcount = vkdva_atomic_increment_u32(&processor->refcount);

    TRACE("%p increasing refcount to %u.\n", processor, refcount);
    return refcount;
}

static ULONG STDMETHODCALLTYPE d3d11_video_processor_Release(ID3D11VideoProcessor *iface)
{
    struct d3d11_video_processor *processor = impl_from_ID3D11VideoProcessor(iface);
    unsigned int refcount = vkdva_atomic_decrement_u32(&processor->refcount);
    struct d3d11_device *device = processor->device;

    TRACE("%p decreasing refcount to %u.\n", processor, refcount);
    if (!refcount)
    {
        vkdva_private_store_destroy(&processor->private_store);
        vkdva_free(processor);
        ID3D11Device_Release(&device->ID3D11Device_iface);
    }
    return refcount;
}

static void STDMETHODCALLTYPE d3d11_video_processor_GetDevice(ID3D11VideoProcessor *iface, ID3D11Device **device)
{
    struct d3d11_video_processor *processor = impl_from_ID3D11VideoProcessor(iface);

    TRACE("iface %p, device %p.\n", iface, device);

    *device = &processor->device->ID3D11Device_iface;
    ID3D11Device_AddRef(*device);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_GetPrivateData(ID3D11VideoProcessor *iface,
        REFGUID guid, UINT *data_size, void *data)
{
    struct d3d11_video_processor *processor = impl_from_ID3D11VideoProcessor(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&processor->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_SetPrivateData(ID3D11VideoProcessor *iface,
        REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_video_processor *processor = impl_from_ID3D11VideoProcessor(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&processor->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_processor_SetPrivateDataInterface(ID3D11VideoProcessor *iface,
        REFGUID guid, const IUnknown *data)
{
    struct d3d11_video_processor *processor = impl_from_ID3D11VideoProcessor(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&processor->private_store, guid, data);
}

static void STDMETHODCALLTYPE d3d11_video_processor_GetContentDesc(ID3D11VideoProcessor *iface,
        D3D11_VIDEO_PROCESSOR_CONTENT_DESC *desc)
{
    struct d3d11_video_processor *processor = impl_from_ID3D11VideoProcessor(iface);

    TRACE("iface %p, desc %p.\n", iface, desc);

    if (desc)
        *desc = processor->desc;
}

static void STDMETHODCALLTYPE d3d11_video_processor_GetRateConversionCaps(ID3D11VideoProcessor *iface,
        D3D11_VIDEO_PROCESSOR_RATE_CONVERSION_CAPS *caps)
{
    TRACE("iface %p, caps %p.\n", iface, caps);

    if (caps)
        *caps = vkdva_vp_rate_conversion_caps;
}

static const struct ID3D11VideoProcessorVtbl d3d11_video_processor_vtbl =
{
    /* IUnknown methods */
    d3d11_video_processor_QueryInterface,
    d3d11_video_processor_AddRef,
    d3d11_video_processor_Release,
    /* ID3D11DeviceChild methods */
    d3d11_video_processor_GetDevice,
    d3d11_video_processor_GetPrivateData,
    d3d11_video_processor_SetPrivateData,
    d3d11_video_processor_SetPrivateDataInterface,
    /* ID3D11VideoProcessor methods */
    d3d11_video_processor_GetContentDesc,
    d3d11_video_processor_GetRateConversionCaps,
};

/* The state of a new processor: the defaults the D3D11 and DXVA-HD documentation give for each
 * state (DXVAHD_BLT_STATE_* and DXVAHD_STREAM_STATE_* data structures). */
static void vkdva_vp_init_state(struct d3d11_video_processor *processor)
{
    struct vkdva_vp_output_state *output = &processor->output;
    unsigned int i, j;

    /* Target rect disabled: the whole output surface. */
    output->target_rect_enabled = FALSE;
    memset(&output->target_rect, 0, sizeof(output->target_rect));
    /* Full-range RGB black, opaque. */
    output->background_ycbcr = FALSE;
    output->background.RGBA.R = 0.0f;
    output->background.RGBA.G = 0.0f;
    output->background.RGBA.B = 0.0f;
    output->background.RGBA.A = 1.0f;
    /* Playback, full-range RGB, BT.601, conventional YCbCr, nominal range undefined. */
    memset(&output->color_space, 0, sizeof(output->color_space));
    output->alpha_fill_mode = D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_OPAQUE;
    output->alpha_fill_stream = 0;
    output->constriction_enabled = FALSE;
    output->constriction_size.cx = 1;
    output->constriction_size.cy = 1;
    output->shader_usage = FALSE;
    output->hdr.type = DXGI_HDR_METADATA_TYPE_NONE;
    output->hdr.size = 0;

    for (i = 0; i < ARRAY_SIZE(processor->streams); ++i)
    {
        struct vkdva_vp_stream_state *stream = &processor->streams[i];

        memset(stream, 0, sizeof(*stream));
        stream->frame_format = D3D11_VIDEO_FRAME_FORMAT_PROGRESSIVE;
        /* Video, full-range RGB, BT.601, conventional YCbCr; Nominal_Range 0 means studio
         * range for YCbCr inputs. */
        stream->output_rate = D3D11_VIDEO_PROCESSOR_OUTPUT_RATE_NORMAL;
        stream->repeat_frame = FALSE;
        stream->custom_rate.Numerator = 1;
        stream->custom_rate.Denominator = 1;
        stream->alpha_enabled = FALSE;
        stream->alpha = 1.0f;
        stream->pixel_aspect_ratio_enabled = FALSE;
        stream->src_aspect_ratio.Numerator = stream->src_aspect_ratio.Denominator = 1;
        stream->dst_aspect_ratio.Numerator = stream->dst_aspect_ratio.Denominator = 1;
        stream->luma_key_enabled = FALSE;
        stream->luma_key_lower = 0.0f;
        stream->luma_key_upper = 0.0f;
        /* "By default, the driver might perform certain processing tasks automatically"
         * (VideoProcessorSetStreamAutoProcessingMode). */
        stream->auto_processing = TRUE;
        for (j = 0; j < ARRAY_SIZE(stream->filters); ++j)
        {
            stream->filters[j].enabled = FALSE;
            stream->filters[j].level = vkdva_vp_filter_ranges[j].Default;
        }
        stream->rotation_enabled = FALSE;
        stream->rotation = D3D11_VIDEO_PROCESSOR_ROTATION_IDENTITY;
        stream->hdr.type = DXGI_HDR_METADATA_TYPE_NONE;
    }
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessor(ID3D11VideoDevice2 *iface,
        ID3D11VideoProcessorEnumerator *enum_, UINT rate_conversion_index, ID3D11VideoProcessor **video_processor)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    struct d3d11_video_processor_enumerator *enumerator;
    struct d3d11_video_processor *processor;

    TRACE("iface %p, enum_ %p, rate_conversion_index %u, video_processor %p.\n",
            iface, enum_, rate_conversion_index, video_processor);

    if (!video_processor)
    {
        WARN("NULL processor pointer.\n");
        return E_INVALIDARG;
    }
    *video_processor = NULL;
    if (!(enumerator = unsafe_impl_from_ID3D11VideoProcessorEnumerator(enum_)) || enumerator->device != device)
    {
        WARN("Invalid enumerator %p.\n", enum_);
        return E_INVALIDARG;
    }
    if (rate_conversion_index >= VKDVA_VP_RATE_CONVERSION_CAPS_COUNT)
    {
        WARN("Invalid rate conversion index %u.\n", rate_conversion_index);
        return E_INVALIDARG;
    }

    if (!(processor = vkdva_calloc(1, sizeof(*processor))))
        return E_OUTOFMEMORY;
    processor->ID3D11VideoProcessor_iface.lpVtbl = &d3d11_video_processor_vtbl;
    processor->refcount = 1;
    vkdva_private_store_init(&processor->private_store);
    processor->device = device;
    processor->desc = enumerator->desc;
    processor->rate_conversion_index = rate_conversion_index;
    vkdva_vp_init_state(processor);
    ID3D11Device_AddRef(&device->ID3D11Device_iface);

    TRACE("Created video processor %p.\n", processor);
    *video_processor = &processor->ID3D11VideoProcessor_iface;
    return S_OK;
}

/* ID3D11VideoProcessorInputView */

/* The IUnknown, ID3D11DeviceChild and ID3D11View methods of the input and output views differ
 * only in their types: one definition for both. */
#define VKDVA_VP_VIEW_METHODS(prefix, iface_type, desc_type) \
static const struct iface_type##Vtbl prefix##_vtbl; \
 \
static inline struct prefix *impl_from_##iface_type( \
        iface_type *iface) \
{ \
    return CONTAINING_RECORD(iface, struct prefix, iface_type##_iface); \
} \
 \
static struct prefix *unsafe_impl_from_##iface_type( \
        iface_type *iface) \
{ \
    if (!iface || iface->lpVtbl != &prefix##_vtbl) \
        return NULL; \
    return impl_from_##iface_type(iface); \
} \
 \
static HRESULT STDMETHODCALLTYPE prefix##_QueryInterface( \
        iface_type *iface, REFIID iid, void **out) \
{ \
    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out); \
 \
    if (!out) \
        return E_POINTER; \
    if (IsEqualGUID(iid, &IID_##iface_type) || IsEqualGUID(iid, &IID_ID3D11View) \
            || IsEqualGUID(iid, &IID_ID3D11DeviceChild) || IsEqualGUID(iid, &IID_IUnknown)) \
    { \
        iface_type##_AddRef(iface); \
        *out = iface; \
        return S_OK; \
    } \
    WARN("%s not implemented, returning E_NOINTERFACE.\n", debugstr_guid(iid)); \
    *out = NULL; \
    return E_NOINTERFACE; \
} \
 \
static ULONG STDMETHODCALLTYPE prefix##_AddRef(iface_type *iface) \
{ \
    struct prefix *view = impl_from_##iface_type(iface); \
    unsigned int refcount = vkdva_atomic_increment_u32(&view->refcount); \
 \
    TRACE("%p increasing refcount to %u.\n", view, refcount); \
    return refcount; \
} \
 \
static ULONG STDMETHODCALLTYPE prefix##_Release(iface_type *iface) \
{ \
    struct prefix *view = impl_from_##iface_type(iface); \
    unsigned int refcount = vkdva_atomic_decrement_u32(&view->refcount); \
    struct d3d11_device *device = view->device; \
 \
    TRACE("%p decreasing refcount to %u.\n", view, refcount); \
    if (!refcount) \
    { \
        vkdva_vp_view_cleanup(&view->vp_view); \
        ID3D11Texture2D_Release(&view->texture->ID3D11Texture2D_iface); \
        vkdva_private_store_destroy(&view->private_store); \
        vkdva_free(view); \
        ID3D11Device_Release(&device->ID3D11Device_iface); \
    } \
    return refcount; \
} \
 \
static void STDMETHODCALLTYPE prefix##_GetDevice(iface_type *iface, \
        ID3D11Device **device) \
{ \
    struct prefix *view = impl_from_##iface_type(iface); \
 \
    TRACE("iface %p, device %p.\n", iface, device); \
 \
    *device = &view->device->ID3D11Device_iface; \
    ID3D11Device_AddRef(*device); \
} \
 \
static HRESULT STDMETHODCALLTYPE prefix##_GetPrivateData( \
        iface_type *iface, REFGUID guid, UINT *data_size, void *data) \
{ \
    struct prefix *view = impl_from_##iface_type(iface); \
 \
    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data); \
 \
    return vkdva_private_store_get(&view->private_store, guid, data_size, data); \
} \
 \
static HRESULT STDMETHODCALLTYPE prefix##_SetPrivateData( \
        iface_type *iface, REFGUID guid, UINT data_size, const void *data) \
{ \
    struct prefix *view = impl_from_##iface_type(iface); \
 \
    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data); \
 \
    return vkdva_private_store_set(&view->private_store, guid, data_size, data); \
} \
 \
static HRESULT STDMETHODCALLTYPE prefix##_SetPrivateDataInterface( \
        iface_type *iface, REFGUID guid, const IUnknown *data) \
{ \
    struct prefix *view = impl_from_##iface_type(iface); \
 \
    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data); \
 \
    return vkdva_private_store_set_interface(&view->private_store, guid, data); \
} \
 \
static void STDMETHODCALLTYPE prefix##_GetResource(iface_type *iface, \
        ID3D11Resource **resource) \
{ \
    struct prefix *view = impl_from_##iface_type(iface); \
 \
    TRACE("iface %p, resource %p.\n", iface, resource); \
 \
    *resource = (ID3D11Resource *)&view->texture->ID3D11Texture2D_iface; \
    ID3D11Resource_AddRef(*resource); \
} \
 \
static void STDMETHODCALLTYPE prefix##_GetDesc(iface_type *iface, \
        desc_type *desc) \
{ \
    struct prefix *view = impl_from_##iface_type(iface); \
 \
    TRACE("iface %p, desc %p.\n", iface, desc); \
 \
    if (desc) \
        *desc = view->desc; \
} \

VKDVA_VP_VIEW_METHODS(d3d11_video_processor_input_view, ID3D11VideoProcessorInputView,
        D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC)

static const struct ID3D11VideoProcessorInputViewVtbl d3d11_video_processor_input_view_vtbl =
{
    /* IUnknown methods */
    d3d11_video_processor_input_view_QueryInterface,
    d3d11_video_processor_input_view_AddRef,
    d3d11_video_processor_input_view_Release,
    /* ID3D11DeviceChild methods */
    d3d11_video_processor_input_view_GetDevice,
    d3d11_video_processor_input_view_GetPrivateData,
    d3d11_video_processor_input_view_SetPrivateData,
    d3d11_video_processor_input_view_SetPrivateDataInterface,
    /* ID3D11View methods */
    d3d11_video_processor_input_view_GetResource,
    /* ID3D11VideoProcessorInputView methods */
    d3d11_video_processor_input_view_GetDesc,
};

/* What input and output views share: a 2D texture of this device with a GPU image, and an
 * enumerator of this device that takes the texture's format in that direction. */
static HRESULT vkdva_vp_check_view_resource(struct d3d11_device *device, ID3D11Resource *resource,
        ID3D11VideoProcessorEnumerator *enum_, bool output, struct d3d11_texture2d **texture,
        struct d3d11_video_processor_enumerator **enumerator)
{
    UINT bind_flags;

    if (!(*texture = unsafe_impl_from_ID3D11Resource(resource)) || (*texture)->device != device)
    {
        WARN("Invalid resource %p.\n", resource);
        return E_INVALIDARG;
    }
    if (!(*enumerator = unsafe_impl_from_ID3D11VideoProcessorEnumerator(enum_)) || (*enumerator)->device != device)
    {
        WARN("Invalid enumerator %p.\n", enum_);
        return E_INVALIDARG;
    }
    /* Video processor views need D3D11_USAGE_DEFAULT textures, and bind flags that include
     * DECODER, VIDEO_ENCODER, RENDER_TARGET or UNORDERED_ACCESS, or none, for input, and
     * RENDER_TARGET with at most VIDEO_ENCODER and SHADER_RESOURCE besides for output
     * (ID3D11VideoDevice::CreateVideoProcessorInputView/OutputView). */
    /* Protected textures hold ciphertext in a buffer rather than an image (protect.c): the
     * blit draws them black on unprotected outputs and refuses protected outputs. */
    if ((*texture)->desc.Usage != D3D11_USAGE_DEFAULT
            || (!(*texture)->vk_image && !vkdva_texture_is_protected(*texture)))
    {
        WARN("Texture %p has usage %#x, not D3D11_USAGE_DEFAULT.\n", *texture, (*texture)->desc.Usage);
        return E_INVALIDARG;
    }
    bind_flags = (*texture)->desc.BindFlags;
    if (output && (!(bind_flags & D3D11_BIND_RENDER_TARGET) || (bind_flags & ~(D3D11_BIND_RENDER_TARGET
            | D3D11_BIND_VIDEO_ENCODER | D3D11_BIND_SHADER_RESOURCE))))
    {
        WARN("Texture %p has bind flags %#x, unsuitable for an output view.\n", *texture, bind_flags);
        return E_INVALIDARG;
    }
    if (!output && bind_flags && !(bind_flags & (D3D11_BIND_DECODER | D3D11_BIND_VIDEO_ENCODER
            | D3D11_BIND_RENDER_TARGET | D3D11_BIND_UNORDERED_ACCESS)))
    {
        WARN("Texture %p has bind flags %#x, unsuitable for an input view.\n", *texture, bind_flags);
        return E_INVALIDARG;
    }
    if (!vkdva_vp_format_supported(device, (*texture)->desc.Format, output))
    {
        WARN("Format %s is not a video processor %s format.\n", debug_dxgi_format((*texture)->desc.Format),
                output ? "output" : "input");
        return E_INVALIDARG;
    }
    return S_OK;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessorInputView(ID3D11VideoDevice2 *iface,
        ID3D11Resource *resource, ID3D11VideoProcessorEnumerator *enum_,
        const D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC *desc, ID3D11VideoProcessorInputView **vpi_view)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    struct d3d11_video_processor_enumerator *enumerator;
    struct d3d11_video_processor_input_view *view;
    struct d3d11_texture2d *texture;
    HRESULT hr;

    TRACE("iface %p, resource %p, enum_ %p, desc %p, vpi_view %p.\n", iface, resource, enum_, desc, vpi_view);

    if (vpi_view)
        *vpi_view = NULL;
    if (FAILED(hr = vkdva_vp_check_view_resource(device, resource, enum_, false, &texture, &enumerator)))
        return hr;
    if (!desc)
    {
        WARN("NULL desc.\n");
        return E_INVALIDARG;
    }
    if (desc->ViewDimension != D3D11_VPIV_DIMENSION_TEXTURE2D)
    {
        WARN("Invalid view dimension %#x.\n", desc->ViewDimension);
        return E_INVALIDARG;
    }
    /* FourCC 0 means the texture's own format; vkdva has no FourCC-only formats. */
    if (desc->FourCC)
    {
        WARN("Unsupported FourCC %#x.\n", desc->FourCC);
        return E_INVALIDARG;
    }
    if (desc->Texture2D.MipSlice)
    {
        WARN("Mip slice %u: the video processor reads mip 0 only.\n", desc->Texture2D.MipSlice);
        return E_INVALIDARG;
    }
    if (desc->Texture2D.ArraySlice >= texture->desc.ArraySize)
    {
        WARN("Array slice %u outside the %u-slice texture.\n", desc->Texture2D.ArraySlice, texture->desc.ArraySize);
        return E_INVALIDARG;
    }

    /* A NULL view pointer asks whether the view could be created; S_FALSE, as D3D11's other
     * Create methods answer. */
    if (!vpi_view)
        return S_FALSE;

    if (!(view = vkdva_calloc(1, sizeof(*view))))
        return E_OUTOFMEMORY;
    if (FAILED(hr = vkdva_vp_view_init(&view->vp_view, texture, 0, desc->Texture2D.ArraySlice, false)))
    {
        vkdva_free(view);
        return hr;
    }
    view->ID3D11VideoProcessorInputView_iface.lpVtbl = &d3d11_video_processor_input_view_vtbl;
    view->refcount = 1;
    vkdva_private_store_init(&view->private_store);
    view->device = device;
    view->desc = *desc;
    view->enum_desc = enumerator->desc;
    view->texture = texture;
    ID3D11Texture2D_AddRef(&texture->ID3D11Texture2D_iface);
    ID3D11Device_AddRef(&device->ID3D11Device_iface);

    TRACE("Created video processor input view %p.\n", view);
    *vpi_view = &view->ID3D11VideoProcessorInputView_iface;
    return S_OK;
}

/* ID3D11VideoProcessorOutputView */

VKDVA_VP_VIEW_METHODS(d3d11_video_processor_output_view, ID3D11VideoProcessorOutputView,
        D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC)

static const struct ID3D11VideoProcessorOutputViewVtbl d3d11_video_processor_output_view_vtbl =
{
    /* IUnknown methods */
    d3d11_video_processor_output_view_QueryInterface,
    d3d11_video_processor_output_view_AddRef,
    d3d11_video_processor_output_view_Release,
    /* ID3D11DeviceChild methods */
    d3d11_video_processor_output_view_GetDevice,
    d3d11_video_processor_output_view_GetPrivateData,
    d3d11_video_processor_output_view_SetPrivateData,
    d3d11_video_processor_output_view_SetPrivateDataInterface,
    /* ID3D11View methods */
    d3d11_video_processor_output_view_GetResource,
    /* ID3D11VideoProcessorOutputView methods */
    d3d11_video_processor_output_view_GetDesc,
};

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessorOutputView(ID3D11VideoDevice2 *iface,
        ID3D11Resource *resource, ID3D11VideoProcessorEnumerator *enum_,
        const D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC *desc, ID3D11VideoProcessorOutputView **vpo_view)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    struct d3d11_video_processor_enumerator *enumerator;
    struct d3d11_video_processor_output_view *view;
    struct d3d11_texture2d *texture;
    UINT mip, layer;
    HRESULT hr;

    TRACE("iface %p, resource %p, enum_ %p, desc %p, vpo_view %p.\n", iface, resource, enum_, desc, vpo_view);

    if (vpo_view)
        *vpo_view = NULL;
    if (FAILED(hr = vkdva_vp_check_view_resource(device, resource, enum_, true, &texture, &enumerator)))
        return hr;
    if (!desc)
    {
        WARN("NULL desc.\n");
        return E_INVALIDARG;
    }
    switch (desc->ViewDimension)
    {
        case D3D11_VPOV_DIMENSION_TEXTURE2D:
            mip = desc->Texture2D.MipSlice;
            layer = 0;
            break;
        case D3D11_VPOV_DIMENSION_TEXTURE2DARRAY:
            mip = desc->Texture2DArray.MipSlice;
            layer = desc->Texture2DArray.FirstArraySlice;
            if (!desc->Texture2DArray.ArraySize || layer >= texture->desc.ArraySize
                    || desc->Texture2DArray.ArraySize > texture->desc.ArraySize - layer)
            {
                WARN("Array slices %u+%u outside the %u-slice texture.\n", layer, desc->Texture2DArray.ArraySize,
                        texture->desc.ArraySize);
                return E_INVALIDARG;
            }
            break;
        default:
            WARN("Invalid view dimension %#x.\n", desc->ViewDimension);
            return E_INVALIDARG;
    }
    if (mip)
    {
        WARN("Mip slice %u: the video processor writes mip 0 only.\n", mip);
        return E_INVALIDARG;
    }

    /* A NULL view pointer asks whether the view could be created; S_FALSE, as D3D11's other
     * Create methods answer. */
    if (!vpo_view)
        return S_FALSE;

    if (!(view = vkdva_calloc(1, sizeof(*view))))
        return E_OUTOFMEMORY;
    /* Without stereo, a blit writes the first slice of an array view. */
    if (FAILED(hr = vkdva_vp_view_init(&view->vp_view, texture, 0, layer, true)))
    {
        vkdva_free(view);
        return hr;
    }
    view->ID3D11VideoProcessorOutputView_iface.lpVtbl = &d3d11_video_processor_output_view_vtbl;
    view->refcount = 1;
    vkdva_private_store_init(&view->private_store);
    view->device = device;
    view->desc = *desc;
    view->enum_desc = enumerator->desc;
    view->texture = texture;
    ID3D11Texture2D_AddRef(&texture->ID3D11Texture2D_iface);
    ID3D11Device_AddRef(&device->ID3D11Device_iface);

    TRACE("Created video processor output view %p.\n", view);
    *vpo_view = &view->ID3D11VideoProcessorOutputView_iface;
    return S_OK;
}

/* ID3D11VideoContext state methods. Set methods are void: invalid arguments are logged and
 * change nothing. Getters write the out-pointers the application passed (NULL ones are
 * skipped). */

static struct d3d11_video_processor *vkdva_vp_lock(struct d3d11_immediate_context *context,
        ID3D11VideoProcessor *iface)
{
    struct d3d11_video_processor *processor;

    if (!(processor = unsafe_impl_from_ID3D11VideoProcessor(iface)) || processor->device != context->device)
    {
        WARN("Invalid processor %p.\n", iface);
        return NULL;
    }
    vkdva_device_lock(context->device);
    return processor;
}

static struct vkdva_vp_stream_state *vkdva_vp_lock_stream(struct d3d11_immediate_context *context,
        ID3D11VideoProcessor *iface, UINT index, struct d3d11_video_processor **processor)
{
    if (index >= VKDVA_VP_MAX_STREAM_STATES)
    {
        WARN("Invalid stream index %u (MaxStreamStates %u).\n", index, VKDVA_VP_MAX_STREAM_STATES);
        return NULL;
    }
    if (!(*processor = vkdva_vp_lock(context, iface)))
        return NULL;
    return &(*processor)->streams[index];
}

static void vkdva_vp_unlock(struct d3d11_video_processor *processor)
{
    vkdva_device_unlock(processor->device);
}

static bool vkdva_vp_check_hdr_metadata(DXGI_HDR_METADATA_TYPE type, UINT size, const void *data)
{
    switch (type)
    {
        case DXGI_HDR_METADATA_TYPE_NONE:
            return true;
        case DXGI_HDR_METADATA_TYPE_HDR10:
            if (size == sizeof(DXGI_HDR_METADATA_HDR10) && data)
                return true;
            break;
        case DXGI_HDR_METADATA_TYPE_HDR10PLUS:
            if (size == VKDVA_VP_HDR10PLUS_SIZE && data)
                return true;
            break;
        default:
            WARN("Invalid HDR metadata type %#x.\n", type);
            return false;
    }
    WARN("Invalid HDR metadata size %u or data %p for type %#x.\n", size, data, type);
    return false;
}

static void vkdva_vp_set_hdr_metadata(struct vkdva_vp_hdr_metadata *hdr, DXGI_HDR_METADATA_TYPE type, UINT size,
        const void *data)
{
    hdr->type = type;
    hdr->size = type == DXGI_HDR_METADATA_TYPE_NONE ? 0 : size;
    if (hdr->size)
        memcpy(hdr->data, data, hdr->size);
}

static void vkdva_vp_get_hdr_metadata(const struct vkdva_vp_hdr_metadata *hdr, DXGI_HDR_METADATA_TYPE *type,
        UINT size, void *data)
{
    if (type)
        *type = hdr->type;
    if (!size)
        return;
    if (!data)
    {
        WARN("NULL data for size %u.\n", size);
        return;
    }
    if (size < hdr->size)
    {
        WARN("Size %u is too small for %u bytes of metadata.\n", size, hdr->size);
        return;
    }
    memcpy(data, hdr->data, hdr->size);
    memset((BYTE *)data + hdr->size, 0, size - hdr->size);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputTargetRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable, const RECT *rect)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, enable %#x, rect %s.\n", iface, processor, enable, debugstr_rect(rect));

    if (enable && (!rect || !vkdva_vp_rect_is_valid(rect)))
    {
        WARN("Invalid target rect %s.\n", debugstr_rect(rect));
        return;
    }
    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    vp->output.target_rect_enabled = !!enable;
    if (enable)
        vp->output.target_rect = *rect;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputBackgroundColor(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL y_cb_cr, const D3D11_VIDEO_COLOR *color)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, y_cb_cr %#x, color %p.\n", iface, processor, y_cb_cr, color);

    if (!color)
    {
        WARN("NULL colour.\n");
        return;
    }
    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    vp->output.background_ycbcr = !!y_cb_cr;
    vp->output.background = *color;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, color_space %p.\n", iface, processor, color_space);

    if (!color_space)
    {
        WARN("NULL colour space.\n");
        return;
    }
    if (!vkdva_vp_check_d3d11_color_space(color_space))
        return;
    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    vp->output.color_space.is_dxgi = false;
    vp->output.color_space.d3d11 = *color_space;
    vp->output.color_space.d3d11.Reserved = 0;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputAlphaFillMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE alpha_fill_mode, UINT stream_idx)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, alpha_fill_mode %#x, stream_idx %u.\n",
            iface, processor, alpha_fill_mode, stream_idx);

    if (alpha_fill_mode > D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_SOURCE_STREAM)
    {
        WARN("Invalid alpha fill mode %#x.\n", alpha_fill_mode);
        return;
    }
    if (alpha_fill_mode != D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_OPAQUE
            && !vkdva_vp_has_feature(D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ALPHA_FILL))
    {
        WARN("Alpha fill mode %#x without D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ALPHA_FILL.\n", alpha_fill_mode);
        return;
    }
    if (alpha_fill_mode == D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_SOURCE_STREAM
            && stream_idx >= VKDVA_VP_MAX_STREAM_STATES)
    {
        WARN("Invalid stream index %u.\n", stream_idx);
        return;
    }
    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    vp->output.alpha_fill_mode = alpha_fill_mode;
    vp->output.alpha_fill_stream = stream_idx;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputConstriction(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable, SIZE size)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, enable %#x, size %s.\n",
            iface, processor, enable, vkdva_dbg_sprintf("%dx%d", size.cx, size.cy));

    if (enable && !vkdva_vp_has_feature(D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_CONSTRICTION))
    {
        WARN("Constriction requested, but D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_CONSTRICTION is not reported.\n");
        return;
    }
    /* DXVAHD_BLT_STATE_CONSTRICTION_DATA: the size must be at least 1x1. */
    if (enable && (size.cx <= 0 || size.cy <= 0))
    {
        WARN("Invalid constriction size %dx%d.\n", size.cx, size.cy);
        return;
    }
    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    vp->output.constriction_enabled = !!enable;
    if (enable)
        vp->output.constriction_size = size;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputStereoMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, enable %#x.\n", iface, processor, enable);

    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    /* D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_STEREO is not reported: stereo output stays off. */
    if (enable)
        WARN("Stereo output is not supported.\n");
    vkdva_vp_unlock(vp);
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, guid %s, data_size %u, data_ %p.\n",
            iface, processor, debugstr_guid(guid), data_size, data_);

    /* Extensions are driver-defined; vkdva defines none. */
    FIXME("Unsupported extension %s.\n", debugstr_guid(guid));
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputTargetRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled, RECT *rect)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, enabled %p, rect %p.\n", iface, processor, enabled, rect);

    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    if (enabled)
        *enabled = vp->output.target_rect_enabled;
    if (rect)
        *rect = vp->output.target_rect;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputBackgroundColor(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *y_cb_cr, D3D11_VIDEO_COLOR *color)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, y_cb_cr %p, color %p.\n", iface, processor, y_cb_cr, color);

    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    if (y_cb_cr)
        *y_cb_cr = vp->output.background_ycbcr;
    if (color)
        *color = vp->output.background;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, color_space %p.\n", iface, processor, color_space);

    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    if (color_space)
        vkdva_vp_get_stored_d3d11(&vp->output.color_space, color_space);
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputAlphaFillMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE *alpha_fill_mode, UINT *stream_idx)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, alpha_fill_mode %p, stream_idx %p.\n",
            iface, processor, alpha_fill_mode, stream_idx);

    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    if (alpha_fill_mode)
        *alpha_fill_mode = vp->output.alpha_fill_mode;
    if (stream_idx)
        *stream_idx = vp->output.alpha_fill_stream;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputConstriction(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled, SIZE *size)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, enabled %p, size %p.\n", iface, processor, enabled, size);

    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    if (enabled)
        *enabled = vp->output.constriction_enabled;
    if (size)
        *size = vp->output.constriction_size;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputStereoMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, enabled %p.\n", iface, processor, enabled);

    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    if (enabled)
        *enabled = FALSE;
    vkdva_vp_unlock(vp);
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, guid %s, data_size %u, data_ %p.\n",
            iface, processor, debugstr_guid(guid), data_size, data_);

    FIXME("Unsupported extension %s.\n", debugstr_guid(guid));
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamFrameFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_FRAME_FORMAT format)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, format %#x.\n", iface, processor, stream_idx, format);

    if (format > D3D11_VIDEO_FRAME_FORMAT_INTERLACED_BOTTOM_FIELD_FIRST)
    {
        WARN("Invalid frame format %#x.\n", format);
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->frame_format = format;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, color_space %p.\n", iface, processor, stream_idx, color_space);

    if (!color_space)
    {
        WARN("NULL colour space.\n");
        return;
    }
    if (!vkdva_vp_check_d3d11_color_space(color_space))
        return;
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->color_space.is_dxgi = false;
    stream->color_space.d3d11 = *color_space;
    stream->color_space.d3d11.Reserved = 0;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamOutputRate(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_OUTPUT_RATE rate, BOOL repeat,
        const DXGI_RATIONAL *custom_rate)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, rate %#x, repeat %#x, custom_rate %p.\n",
            iface, processor, stream_idx, rate, repeat, custom_rate);

    if (rate > D3D11_VIDEO_PROCESSOR_OUTPUT_RATE_CUSTOM)
    {
        WARN("Invalid output rate %#x.\n", rate);
        return;
    }
    /* The rate conversion caps report no custom rate. */
    if (rate == D3D11_VIDEO_PROCESSOR_OUTPUT_RATE_CUSTOM)
    {
        WARN("Custom output rate %s requested, none is supported.\n",
                custom_rate ? vkdva_dbg_sprintf("%u/%u", custom_rate->Numerator, custom_rate->Denominator) : "(null)");
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->output_rate = rate;
    stream->repeat_frame = !!repeat;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamSourceRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const RECT *rect)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, rect %s.\n",
            iface, processor, stream_idx, enable, debugstr_rect(rect));

    if (enable && (!rect || !vkdva_vp_rect_is_valid(rect)))
    {
        WARN("Invalid source rect %s.\n", debugstr_rect(rect));
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->src_rect_enabled = !!enable;
    if (enable)
        stream->src_rect = *rect;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamDestRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const RECT *rect)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, rect %s.\n",
            iface, processor, stream_idx, enable, debugstr_rect(rect));

    if (enable && (!rect || !vkdva_vp_rect_is_valid(rect)))
    {
        WARN("Invalid destination rect %s.\n", debugstr_rect(rect));
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->dst_rect_enabled = !!enable;
    if (enable)
        stream->dst_rect = *rect;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamAlpha(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, float alpha)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, alpha %.8e.\n",
            iface, processor, stream_idx, enable, alpha);

    if (enable && !vkdva_vp_has_feature(D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ALPHA_STREAM))
    {
        WARN("Planar alpha without D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ALPHA_STREAM.\n");
        return;
    }
    /* The alpha value is in [0.0, 1.0]; the comparison also rejects NaN. */
    if (enable && !(alpha >= 0.0f && alpha <= 1.0f))
    {
        WARN("Invalid alpha %.8e.\n", alpha);
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->alpha_enabled = !!enable;
    if (enable)
        stream->alpha = alpha;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamPalette(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, UINT entry_count, const UINT *entries)
{
    TRACE("iface %p, processor %p, stream_idx %u, entry_count %u, entries %p.\n",
            iface, processor, stream_idx, entry_count, entries);

    /* Palettes belong to the palettised formats (AI44, IA44, P8, A8P8), none of which
     * CheckVideoProcessorFormat reports. */
    WARN("No palettised input format is supported.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamPixelAspectRatio(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const DXGI_RATIONAL *src_aspect_ratio,
        const DXGI_RATIONAL *dst_aspect_ratio)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, src_aspect_ratio %p, dst_aspect_ratio %p.\n",
            iface, processor, stream_idx, enable, src_aspect_ratio, dst_aspect_ratio);

    if (enable && !vkdva_vp_has_feature(D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_PIXEL_ASPECT_RATIO))
    {
        WARN("Pixel aspect ratio without D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_PIXEL_ASPECT_RATIO.\n");
        return;
    }
    if (enable && (!src_aspect_ratio || !dst_aspect_ratio
            || !src_aspect_ratio->Numerator || !src_aspect_ratio->Denominator
            || !dst_aspect_ratio->Numerator || !dst_aspect_ratio->Denominator))
    {
        WARN("Invalid aspect ratios.\n");
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->pixel_aspect_ratio_enabled = !!enable;
    if (enable)
    {
        stream->src_aspect_ratio = *src_aspect_ratio;
        stream->dst_aspect_ratio = *dst_aspect_ratio;
    }
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamLumaKey(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, float lower, float upper)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, lower %.8e, upper %.8e.\n",
            iface, processor, stream_idx, enable, lower, upper);

    if (enable && !vkdva_vp_has_feature(D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_LUMA_KEY))
    {
        WARN("Luma key without D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_LUMA_KEY.\n");
        return;
    }
    /* Both bounds are in [0.0, 1.0], lower <= upper (VideoProcessorSetStreamLumaKey). */
    if (enable && !(lower >= 0.0f && upper <= 1.0f && lower <= upper))
    {
        WARN("Invalid luma key range [%.8e, %.8e].\n", lower, upper);
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->luma_key_enabled = !!enable;
    if (enable)
    {
        stream->luma_key_lower = lower;
        stream->luma_key_upper = upper;
    }
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamStereoFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, D3D11_VIDEO_PROCESSOR_STEREO_FORMAT format,
        BOOL left_view_frame0, BOOL base_view_frame0, D3D11_VIDEO_PROCESSOR_STEREO_FLIP_MODE flip_mode, int mono_offset)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, format %#x, left_view_frame0 %#x, base_view_frame0 %#x, "
            "flip_mode %#x, mono_offset %#x.\n",
            iface, processor, stream_idx, enable, format, left_view_frame0, base_view_frame0, flip_mode, mono_offset);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    /* StereoCaps is 0: stereo input stays off. */
    if (enable)
        WARN("Stereo format %#x is not supported.\n", format);
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamAutoProcessingMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enable %#x.\n", iface, processor, stream_idx, enable);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->auto_processing = !!enable;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamFilter(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_FILTER filter, BOOL enable, int level)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    const D3D11_VIDEO_PROCESSOR_FILTER_RANGE *range;
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, filter %#x, enable %#x, level %d.\n",
            iface, processor, stream_idx, filter, enable, level);

    if (!vkdva_vp_filter_supported(filter))
    {
        WARN("Filter %#x is not supported.\n", filter);
        return;
    }
    range = &vkdva_vp_filter_ranges[filter];
    if (enable && (level < range->Minimum || level > range->Maximum))
    {
        WARN("Level %d outside [%d, %d].\n", level, range->Minimum, range->Maximum);
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->filters[filter].enabled = !!enable;
    if (enable)
        stream->filters[filter].level = level;
    vkdva_vp_unlock(vp);
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, stream_idx %u, guid %s, data_size %u, data_ %p.\n",
            iface, processor, stream_idx, debugstr_guid(guid), data_size, data_);

    FIXME("Unsupported extension %s.\n", debugstr_guid(guid));
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamFrameFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_FRAME_FORMAT *format)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, format %p.\n", iface, processor, stream_idx, format);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (format)
        *format = stream->frame_format;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, color_space %p.\n", iface, processor, stream_idx, color_space);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (color_space)
        vkdva_vp_get_stored_d3d11(&stream->color_space, color_space);
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamOutputRate(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_OUTPUT_RATE *rate, BOOL *repeat,
        DXGI_RATIONAL *custom_rate)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, rate %p, repeat %p, custom_rate %p.\n",
            iface, processor, stream_idx, rate, repeat, custom_rate);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (rate)
        *rate = stream->output_rate;
    if (repeat)
        *repeat = stream->repeat_frame;
    if (custom_rate)
        *custom_rate = stream->custom_rate;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamSourceRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, RECT *rect)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, rect %p.\n", iface, processor, stream_idx, enabled, rect);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (enabled)
        *enabled = stream->src_rect_enabled;
    if (rect)
        *rect = stream->src_rect;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamDestRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, RECT *rect)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, rect %p.\n", iface, processor, stream_idx, enabled, rect);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (enabled)
        *enabled = stream->dst_rect_enabled;
    if (rect)
        *rect = stream->dst_rect;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamAlpha(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, float *alpha)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, alpha %p.\n",
            iface, processor, stream_idx, enabled, alpha);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (enabled)
        *enabled = stream->alpha_enabled;
    if (alpha)
        *alpha = stream->alpha;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamPalette(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, UINT entry_count, UINT *entries)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, entry_count %u, entries %p.\n",
            iface, processor, stream_idx, entry_count, entries);

    if (entry_count > VKDVA_VP_MAX_PALETTE_ENTRIES || (entry_count && !entries))
    {
        WARN("Invalid entry count %u or entries %p.\n", entry_count, entries);
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (entry_count)
        memcpy(entries, stream->palette, entry_count * sizeof(*entries));
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamPixelAspectRatio(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, DXGI_RATIONAL *src_aspect_ratio,
        DXGI_RATIONAL *dst_aspect_ratio)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, src_aspect_ratio %p, dst_aspect_ratio %p.\n",
            iface, processor, stream_idx, enabled, src_aspect_ratio, dst_aspect_ratio);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (enabled)
        *enabled = stream->pixel_aspect_ratio_enabled;
    if (src_aspect_ratio)
        *src_aspect_ratio = stream->src_aspect_ratio;
    if (dst_aspect_ratio)
        *dst_aspect_ratio = stream->dst_aspect_ratio;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamLumaKey(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, float *lower, float *upper)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, lower %p, upper %p.\n",
            iface, processor, stream_idx, enabled, lower, upper);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (enabled)
        *enabled = stream->luma_key_enabled;
    if (lower)
        *lower = stream->luma_key_lower;
    if (upper)
        *upper = stream->luma_key_upper;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamStereoFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, D3D11_VIDEO_PROCESSOR_STEREO_FORMAT *format,
        BOOL *left_view_frame0, BOOL *base_view_frame0, D3D11_VIDEO_PROCESSOR_STEREO_FLIP_MODE *flip_mode,
        int *mono_offset)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, format %p, left_view_frame0 %p, base_view_frame0 %p, "
            "flip_mode %p, mono_offset %p.\n",
            iface, processor, stream_idx, enabled, format, left_view_frame0, base_view_frame0, flip_mode, mono_offset);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    /* The DXVA-HD defaults; stereo cannot be enabled. */
    if (enabled)
        *enabled = FALSE;
    if (format)
        *format = D3D11_VIDEO_PROCESSOR_STEREO_FORMAT_MONO;
    if (left_view_frame0)
        *left_view_frame0 = TRUE;
    if (base_view_frame0)
        *base_view_frame0 = TRUE;
    if (flip_mode)
        *flip_mode = D3D11_VIDEO_PROCESSOR_STEREO_FLIP_NONE;
    if (mono_offset)
        *mono_offset = 0;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamAutoProcessingMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enabled %p.\n", iface, processor, stream_idx, enabled);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (enabled)
        *enabled = stream->auto_processing;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamFilter(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_FILTER filter, BOOL *enabled,
        int *level)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, filter %#x, enabled %p, level %p.\n",
            iface, processor, stream_idx, filter, enabled, level);

    if (!vkdva_vp_filter_supported(filter))
    {
        WARN("Filter %#x is not supported.\n", filter);
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (enabled)
        *enabled = stream->filters[filter].enabled;
    if (level)
        *level = stream->filters[filter].level;
    vkdva_vp_unlock(vp);
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, stream_idx %u, guid %s, data_size %u, data_ %p.\n",
            iface, processor, stream_idx, debugstr_guid(guid), data_size, data_);

    FIXME("Unsupported extension %s.\n", debugstr_guid(guid));
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamRotation(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, D3D11_VIDEO_PROCESSOR_ROTATION rotation)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, rotation %#x.\n",
            iface, processor, stream_idx, enable, rotation);

    if (enable && !vkdva_vp_has_feature(D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ROTATION))
    {
        WARN("Rotation without D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ROTATION.\n");
        return;
    }
    if (enable && rotation > D3D11_VIDEO_PROCESSOR_ROTATION_270)
    {
        WARN("Invalid rotation %#x.\n", rotation);
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    stream->rotation_enabled = !!enable;
    if (enable)
        stream->rotation = rotation;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamRotation(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enable, D3D11_VIDEO_PROCESSOR_ROTATION *rotation)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_idx %u, enable %p, rotation %p.\n",
            iface, processor, stream_idx, enable, rotation);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_idx, &vp)))
        return;
    if (enable)
        *enable = stream->rotation_enabled;
    if (rotation)
        *rotation = stream->rotation;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_COLOR_SPACE_TYPE colour_space)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, colour_space %#x.\n", iface, processor, colour_space);

    if (!vkdva_vp_check_dxgi_color_space(colour_space))
        return;
    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    vp->output.color_space.is_dxgi = true;
    vp->output.color_space.dxgi = colour_space;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputShaderUsage(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL shader_usage)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, shader_usage %#x.\n", iface, processor, shader_usage);

    /* A hint: the output is an ordinary image, which shaders may always read. */
    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    vp->output.shader_usage = !!shader_usage;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_COLOR_SPACE_TYPE *colour_space)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, colour_space %p.\n", iface, processor, colour_space);

    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    if (colour_space)
        *colour_space = vkdva_vp_get_stored_dxgi(&vp->output.color_space, true);
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputShaderUsage(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *shader_usage)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, shader_usage %p.\n", iface, processor, shader_usage);

    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    if (shader_usage)
        *shader_usage = vp->output.shader_usage;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_COLOR_SPACE_TYPE colour_space)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_index %u, colour_space %#x.\n", iface, processor, stream_index, colour_space);

    if (!vkdva_vp_check_dxgi_color_space(colour_space))
        return;
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_index, &vp)))
        return;
    stream->color_space.is_dxgi = true;
    stream->color_space.dxgi = colour_space;
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamMirror(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, BOOL enable, BOOL flip_horizontal, BOOL flip_vertical)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_index %u, enable %#x, flip_horizontal %#x, flip_vertical %#x.\n",
            iface, processor, stream_index, enable, flip_horizontal, flip_vertical);

    if (enable && !vkdva_vp_has_feature(D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_MIRROR))
    {
        WARN("Mirror without D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_MIRROR.\n");
        return;
    }
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_index, &vp)))
        return;
    stream->mirror_enabled = !!enable;
    if (enable)
    {
        stream->flip_horizontal = !!flip_horizontal;
        stream->flip_vertical = !!flip_vertical;
    }
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_COLOR_SPACE_TYPE *colour_space)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_index %u, colour_space %p.\n", iface, processor, stream_index, colour_space);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_index, &vp)))
        return;
    if (colour_space)
        *colour_space = vkdva_vp_get_stored_dxgi(&stream->color_space, false);
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamMirror(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, BOOL *enable, BOOL *flip_horizontal, BOOL *flip_vertical)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_index %u, enable %p, flip_horizontal %p, flip_vertical %p.\n",
            iface, processor, stream_index, enable, flip_horizontal, flip_vertical);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_index, &vp)))
        return;
    if (enable)
        *enable = stream->mirror_enabled;
    if (flip_horizontal)
        *flip_horizontal = stream->flip_horizontal;
    if (flip_vertical)
        *flip_vertical = stream->flip_vertical;
    vkdva_vp_unlock(vp);
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetBehaviorHints(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT output_width, UINT output_height, DXGI_FORMAT output_format,
        UINT stream_count, const D3D11_VIDEO_PROCESSOR_STREAM_BEHAVIOR_HINT *streams, UINT *behaviour_hints)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;
    HRESULT hr = S_OK;
    unsigned int i;

    TRACE("iface %p, processor %p, output_width %u, output_height %u, output_format %s, stream_count %u, "
            "streams %p, behaviour_hints %p.\n", iface, processor, output_width, output_height,
            debug_dxgi_format(output_format), stream_count, streams, behaviour_hints);

    if (!behaviour_hints)
    {
        WARN("NULL behaviour hints.\n");
        return E_INVALIDARG;
    }
    *behaviour_hints = 0;
    if (stream_count > VKDVA_VP_MAX_STREAM_STATES || (stream_count && !streams))
    {
        WARN("Invalid stream count %u or streams %p.\n", stream_count, streams);
        return E_INVALIDARG;
    }
    if (!(vp = vkdva_vp_lock(context, processor)))
        return E_INVALIDARG;
    if (!vkdva_vp_format_supported(vp->device, output_format, true))
    {
        WARN("Format %s is not a video processor output format.\n", debug_dxgi_format(output_format));
        hr = E_INVALIDARG;
    }
    for (i = 0; i < stream_count && SUCCEEDED(hr); ++i)
    {
        if (streams[i].Enable && !vkdva_vp_format_supported(vp->device, streams[i].Format, false))
        {
            WARN("Stream %u format %s is not a video processor input format.\n", i,
                    debug_dxgi_format(streams[i].Format));
            hr = E_INVALIDARG;
        }
    }
    vkdva_vp_unlock(vp);
    /* The hints tell applications which work a multiplane overlay would do better than the
     * blit (D3D11_VIDEO_PROCESSOR_BEHAVIOR_HINTS). vkdva has no overlay planes: every stream is
     * composited by the blit at full quality, and the output needs no triple buffering, so no
     * hint applies. */
    return hr;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_HDR_METADATA_TYPE type, UINT size, const void *meta_data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, type %#x, size %u, meta_data %p.\n", iface, processor, type, size, meta_data);

    if (!vkdva_vp_check_hdr_metadata(type, size, meta_data))
        return;
    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    /* Stored and returned; D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_METADATA_HDR10 is not reported,
     * so no tone mapping follows from it. */
    vkdva_vp_set_hdr_metadata(&vp->output.hdr, type, size, meta_data);
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_HDR_METADATA_TYPE *type, UINT size, void *meta_data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, type %p, size %u, meta_data %p.\n", iface, processor, type, size, meta_data);

    if (!(vp = vkdva_vp_lock(context, processor)))
        return;
    vkdva_vp_get_hdr_metadata(&vp->output.hdr, type, size, meta_data);
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_HDR_METADATA_TYPE type, UINT size,
        const void *meta_data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_index %u, type %#x, size %u, meta_data %p.\n",
            iface, processor, stream_index, type, size, meta_data);

    if (!vkdva_vp_check_hdr_metadata(type, size, meta_data))
        return;
    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_index, &vp)))
        return;
    vkdva_vp_set_hdr_metadata(&stream->hdr, type, size, meta_data);
    vkdva_vp_unlock(vp);
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_HDR_METADATA_TYPE *type, UINT size, void *meta_data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_state *stream;
    struct d3d11_video_processor *vp;

    TRACE("iface %p, processor %p, stream_index %u, type %p, size %u, meta_data %p.\n",
            iface, processor, stream_index, type, size, meta_data);

    if (!(stream = vkdva_vp_lock_stream(context, processor, stream_index, &vp)))
        return;
    vkdva_vp_get_hdr_metadata(&stream->hdr, type, size, meta_data);
    vkdva_vp_unlock(vp);
}

/* VideoProcessorBlt */

static bool vkdva_vp_same_enumerator(const D3D11_VIDEO_PROCESSOR_CONTENT_DESC *a,
        const D3D11_VIDEO_PROCESSOR_CONTENT_DESC *b)
{
    return !memcmp(a, b, sizeof(*a));
}

static struct d3d11_video_processor_input_view *vkdva_vp_input_view(struct d3d11_video_processor *processor,
        ID3D11VideoProcessorInputView *iface, UINT stream, const char *what)
{
    struct d3d11_video_processor_input_view *view;

    if (!(view = unsafe_impl_from_ID3D11VideoProcessorInputView(iface)) || view->device != processor->device)
    {
        WARN("Stream %u: invalid %s view %p.\n", stream, what, iface);
        return NULL;
    }
    if (!vkdva_vp_same_enumerator(&view->enum_desc, &processor->desc))
    {
        WARN("Stream %u: %s view %p comes from an enumerator of another content description.\n",
                stream, what, iface);
        return NULL;
    }
    return view;
}

/* Validates one D3D11_VIDEO_PROCESSOR_STREAM and fills its blit description; *skip is set for a
 * stream that contributes nothing (an empty source or destination rect). */
static HRESULT vkdva_vp_prepare_stream(struct d3d11_video_processor *processor, UINT index,
        const D3D11_VIDEO_PROCESSOR_STREAM *s, const struct d3d11_texture2d *output,
        struct vkdva_vp_stream_desc *desc, bool *skip)
{
    const struct vkdva_vp_stream_state *state = &processor->streams[index];
    struct d3d11_video_processor_input_view *input;
    const D3D11_TEXTURE2D_DESC *input_desc;
    unsigned int i;

    *skip = false;
    if (!(input = vkdva_vp_input_view(processor, s->pInputSurface, index, "input")))
        return E_INVALIDARG;
    if (s->PastFrames && !s->ppPastSurfaces)
    {
        WARN("Stream %u: %u past frames, NULL ppPastSurfaces.\n", index, s->PastFrames);
        return E_INVALIDARG;
    }
    if (s->FutureFrames && !s->ppFutureSurfaces)
    {
        WARN("Stream %u: %u future frames, NULL ppFutureSurfaces.\n", index, s->FutureFrames);
        return E_INVALIDARG;
    }
    /* Bob uses neither: they are checked, then ignored (vp_blit.h). */
    for (i = 0; i < s->PastFrames; ++i)
    {
        if (!vkdva_vp_input_view(processor, s->ppPastSurfaces[i], index, "past"))
            return E_INVALIDARG;
    }
    for (i = 0; i < s->FutureFrames; ++i)
    {
        if (!vkdva_vp_input_view(processor, s->ppFutureSurfaces[i], index, "future"))
            return E_INVALIDARG;
    }
    if (s->pInputSurfaceRight || s->ppPastSurfacesRight || s->ppFutureSurfacesRight)
        WARN_ONCE("Stream %u: ignoring right-eye surfaces, stereo is not enabled.\n", index);

    input_desc = &input->texture->desc;
    if (state->src_rect_enabled && !vkdva_vp_rect_inside(&state->src_rect, input_desc->Width, input_desc->Height))
    {
        WARN("Stream %u: source rect %s outside the %ux%u input.\n", index, debugstr_rect(&state->src_rect),
                input_desc->Width, input_desc->Height);
        return E_INVALIDARG;
    }
    if (state->dst_rect_enabled && !vkdva_vp_rect_inside(&state->dst_rect, output->desc.Width, output->desc.Height))
    {
        WARN("Stream %u: destination rect %s outside the %ux%u output.\n", index, debugstr_rect(&state->dst_rect),
                output->desc.Width, output->desc.Height);
        return E_INVALIDARG;
    }
    if (state->frame_format != D3D11_VIDEO_FRAME_FORMAT_PROGRESSIVE
            && state->output_rate == D3D11_VIDEO_PROCESSOR_OUTPUT_RATE_NORMAL && s->OutputIndex > 1)
    {
        /* Deinterlacing at the normal rate makes two output frames of each input frame. */
        WARN("Stream %u: invalid output index %u for interlaced input.\n", index, s->OutputIndex);
        return E_INVALIDARG;
    }

    memset(desc, 0, sizeof(*desc));
    desc->index = index;
    desc->input = &input->vp_view;
    desc->frame_format = state->frame_format;
    /* At half rate the output has one frame per input frame: the first field's. */
    desc->second_field = state->frame_format != D3D11_VIDEO_FRAME_FORMAT_PROGRESSIVE
            && state->output_rate == D3D11_VIDEO_PROCESSOR_OUTPUT_RATE_NORMAL && (s->OutputIndex & 1);
    desc->src_rect_enabled = state->src_rect_enabled;
    desc->src_rect = state->src_rect;
    desc->dst_rect_enabled = state->dst_rect_enabled;
    desc->dst_rect = state->dst_rect;
    if (!vkdva_vp_resolve_color_space(&state->color_space, input_desc->Format, &desc->color_space))
    {
        WARN("Stream %u: unsupported colour space.\n", index);
        return E_INVALIDARG;
    }
    desc->planar_alpha = state->alpha_enabled ? state->alpha : 1.0f;
    desc->luma_key_enabled = state->luma_key_enabled;
    desc->luma_key_lower = state->luma_key_lower;
    desc->luma_key_upper = state->luma_key_upper;
    desc->rotation = state->rotation_enabled ? state->rotation : D3D11_VIDEO_PROCESSOR_ROTATION_IDENTITY;
    desc->flip_horizontal = state->mirror_enabled && state->flip_horizontal;
    desc->flip_vertical = state->mirror_enabled && state->flip_vertical;
    for (i = 0; i < ARRAY_SIZE(state->filters); ++i)
    {
        if (state->filters[i].enabled)
            desc->filter_mask |= 1u << i;
        desc->filter_levels[i] = state->filters[i].level;
    }
    desc->auto_processing = state->auto_processing;
    desc->pixel_aspect_ratio_enabled = state->pixel_aspect_ratio_enabled;
    desc->source_aspect_ratio = state->src_aspect_ratio;
    desc->destination_aspect_ratio = state->dst_aspect_ratio;

    if ((state->src_rect_enabled && vkdva_vp_rect_is_empty(&state->src_rect))
            || (state->dst_rect_enabled && vkdva_vp_rect_is_empty(&state->dst_rect)))
        *skip = true;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorBlt(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, ID3D11VideoProcessorOutputView *view, UINT frame_idx, UINT stream_count,
        const D3D11_VIDEO_PROCESSOR_STREAM *streams)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct vkdva_vp_stream_desc stream_descs[VKDVA_VP_MAX_STREAM_STATES];
    struct d3d11_video_processor_output_view *output;
    const struct vkdva_vp_output_state *state;
    struct vkdva_vp_blit_desc desc;
    unsigned int i, enabled_count;
    struct d3d11_video_processor *vp;
    HRESULT hr = S_OK;
    bool skip;

    TRACE("iface %p, processor %p, view %p, frame_idx %u, stream_count %u, streams %p.\n",
            iface, processor, view, frame_idx, stream_count, streams);

    /* StreamCount is at most MaxStreamStates, and at most MaxInputStreams of the streams are
     * enabled (ID3D11VideoContext::VideoProcessorBlt). */
    if (!stream_count || stream_count > VKDVA_VP_MAX_STREAM_STATES)
    {
        WARN("Invalid stream count %u (MaxStreamStates %u).\n", stream_count, VKDVA_VP_MAX_STREAM_STATES);
        return E_INVALIDARG;
    }
    if (!streams)
    {
        WARN("NULL streams.\n");
        return E_INVALIDARG;
    }
    for (i = 0, enabled_count = 0; i < stream_count; ++i)
        enabled_count += !!streams[i].Enable;
    if (enabled_count > VKDVA_VP_MAX_INPUT_STREAMS)
    {
        WARN("%u enabled streams (MaxInputStreams %u).\n", enabled_count, VKDVA_VP_MAX_INPUT_STREAMS);
        return E_INVALIDARG;
    }
    if (!(vp = vkdva_vp_lock(context, processor)))
        return E_INVALIDARG;
    if (!(output = unsafe_impl_from_ID3D11VideoProcessorOutputView(view)) || output->device != vp->device)
    {
        WARN("Invalid output view %p.\n", view);
        hr = E_INVALIDARG;
        goto done;
    }
    if (!vkdva_vp_same_enumerator(&output->enum_desc, &vp->desc))
    {
        WARN("Output view %p comes from an enumerator of another content description.\n", view);
        hr = E_INVALIDARG;
        goto done;
    }
    /* Without stereo output the view must have a single array element
     * (ID3D11VideoDevice::CreateVideoProcessorOutputView). */
    if (output->desc.ViewDimension == D3D11_VPOV_DIMENSION_TEXTURE2DARRAY && output->desc.Texture2DArray.ArraySize != 1)
    {
        WARN("Output view %p has %u array elements, stereo output is disabled.\n", view,
                output->desc.Texture2DArray.ArraySize);
        hr = E_INVALIDARG;
        goto done;
    }

    state = &vp->output;
    memset(&desc, 0, sizeof(desc));
    desc.output = &output->vp_view;
    desc.target_rect_enabled = state->target_rect_enabled;
    desc.target_rect = state->target_rect;
    if (state->target_rect_enabled && !vkdva_vp_rect_inside(&state->target_rect,
            output->texture->desc.Width, output->texture->desc.Height))
    {
        WARN("Target rect %s outside the %ux%u output.\n", debugstr_rect(&state->target_rect),
                output->texture->desc.Width, output->texture->desc.Height);
        hr = E_INVALIDARG;
        goto done;
    }
    desc.background_ycbcr = state->background_ycbcr;
    desc.background = state->background;
    if (!vkdva_vp_resolve_color_space(&state->color_space, output->texture->desc.Format, &desc.output_color_space))
    {
        WARN("Unsupported output colour space.\n");
        hr = E_INVALIDARG;
        goto done;
    }
    desc.alpha_fill_mode = state->alpha_fill_mode;
    desc.alpha_fill_stream = state->alpha_fill_stream;
    desc.constriction_enabled = state->constriction_enabled;
    desc.constriction_size = state->constriction_size;

    for (i = 0; i < stream_count; ++i)
    {
        if (!streams[i].Enable)
            continue;
        if (FAILED(hr = vkdva_vp_prepare_stream(vp, i, &streams[i], output->texture,
                &stream_descs[desc.stream_count], &skip)))
            goto done;
        if (!skip)
            ++desc.stream_count;
    }
    desc.streams = stream_descs;

    hr = vkdva_vp_blit(vp->device, &desc);

done:
    vkdva_vp_unlock(vp);
    return hr;
}
