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

/* The pixel work of ID3D11VideoProcessor (vp_blit.c, shaders/vp_*.comp), and what
 * processor.c needs from it: processor.c owns the COM objects and their state and, for each
 * VideoProcessorBlt, fills one struct vkdva_vp_blit_desc and calls vkdva_vp_blit(). Nothing
 * here knows about COM; nothing in processor.c knows about Vulkan beyond the view helpers. */

#ifndef __VKDVA_VP_BLIT_H
#define __VKDVA_VP_BLIT_H

#include "vkdva_private.h"

/* Streams composited by one blit (D3D11_VIDEO_PROCESSOR_CAPS.MaxInputStreams and
 * MaxStreamStates). Each enabled stream is one compute dispatch; the number is a policy. */
#define VKDVA_VP_MAX_INPUT_STREAMS 16u
/* Past and future frames accepted per stream (D3D11_VIDEO_PROCESSOR_RATE_CONVERSION_CAPS
 * PastFrames/FutureFrames). Bob deinterlacing needs none; they are accepted and ignored. */
#define VKDVA_VP_MAX_PAST_FRAMES 0u
#define VKDVA_VP_MAX_FUTURE_FRAMES 0u

/* What the blit implements, for GetVideoProcessorCaps. Report exactly these. */
#define VKDVA_VP_DEVICE_CAPS (D3D11_VIDEO_PROCESSOR_DEVICE_CAPS_LINEAR_SPACE \
        | D3D11_VIDEO_PROCESSOR_DEVICE_CAPS_RGB_RANGE_CONVERSION \
        | D3D11_VIDEO_PROCESSOR_DEVICE_CAPS_YCbCr_MATRIX_CONVERSION \
        | D3D11_VIDEO_PROCESSOR_DEVICE_CAPS_NOMINAL_RANGE)
#define VKDVA_VP_FEATURE_CAPS (D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ALPHA_FILL \
        | D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_LUMA_KEY \
        | D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ROTATION \
        | D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_ALPHA_STREAM \
        | D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_MIRROR \
        | D3D11_VIDEO_PROCESSOR_FEATURE_CAPS_CONSTRICTION)
/* ProcAmp (brightness, contrast, hue, saturation): an affine map in YCbCr, folded into each
 * stream's colour matrix. Noise reduction, edge enhancement and anamorphic scaling are not
 * implemented and must not be reported. */
#define VKDVA_VP_FILTER_CAPS (D3D11_VIDEO_PROCESSOR_FILTER_CAPS_BRIGHTNESS \
        | D3D11_VIDEO_PROCESSOR_FILTER_CAPS_CONTRAST \
        | D3D11_VIDEO_PROCESSOR_FILTER_CAPS_HUE \
        | D3D11_VIDEO_PROCESSOR_FILTER_CAPS_SATURATION)
/* RGB inputs may be interlaced, and get ProcAmp and luma keying too. */
#define VKDVA_VP_INPUT_FORMAT_CAPS (D3D11_VIDEO_PROCESSOR_FORMAT_CAPS_RGB_INTERLACED \
        | D3D11_VIDEO_PROCESSOR_FORMAT_CAPS_RGB_PROCAMP \
        | D3D11_VIDEO_PROCESSOR_FORMAT_CAPS_RGB_LUMA_KEY)
#define VKDVA_VP_AUTO_STREAM_CAPS 0u
/* D3D11_VIDEO_PROCESSOR_RATE_CONVERSION_CAPS.ProcessorCaps: bob only. */
#define VKDVA_VP_PROCESSOR_CAPS D3D11_VIDEO_PROCESSOR_PROCESSOR_CAPS_DEINTERLACE_BOB

/* GetVideoProcessorFilterRange for the filters of VKDVA_VP_FILTER_CAPS, indexed by
 * D3D11_VIDEO_PROCESSOR_FILTER; the level times the multiplier is the value applied
 * (brightness is added to Y in 8-bit code values, contrast and saturation are factors, hue is
 * in degrees), the DXVA-HD conventions. Entries of unsupported filters are zero. */
extern const D3D11_VIDEO_PROCESSOR_FILTER_RANGE
        vkdva_vp_filter_ranges[D3D11_VIDEO_PROCESSOR_FILTER_STEREO_ADJUSTMENT + 1];

enum vkdva_vp_matrix
{
    VKDVA_VP_MATRIX_BT601,
    VKDVA_VP_MATRIX_BT709,
    VKDVA_VP_MATRIX_BT2020,
};

enum vkdva_vp_transfer
{
    /* Gamma-encoded (G22, G24 and the BT.709 curve): passed through unchanged. */
    VKDVA_VP_TRANSFER_GAMMA,
    /* Linear light (DXGI_COLOR_SPACE_RGB_FULL_G10_NONE_P709, scRGB): RGB only. */
    VKDVA_VP_TRANSFER_LINEAR,
};

/* Where the chroma samples of a subsampled format sit relative to the luma samples. */
enum vkdva_vp_chroma_siting
{
    /* Horizontally co-sited with the left luma sample, vertically between the rows (MPEG-2,
     * H.264 default; DXGI "LEFT"; the D3D11_VIDEO_PROCESSOR_COLOR_SPACE case). */
    VKDVA_VP_CHROMA_SITING_LEFT,
    /* Co-sited with the top-left luma sample (DXGI "TOPLEFT", BT.2020 UHD). */
    VKDVA_VP_CHROMA_SITING_TOPLEFT,
    /* Centred between the four luma samples (MPEG-1, JPEG; DXGI "NONE" for YCbCr). */
    VKDVA_VP_CHROMA_SITING_CENTER,
};

/* A colour space as the blit uses it. Whether the pixels are YCbCr or RGB follows from the
 * surface format; matrix applies to YCbCr pixels and to a YCbCr background colour. */
struct vkdva_vp_color_space
{
    enum vkdva_vp_matrix matrix;
    /* YCbCr: full range (0-255 at 8 bits) or nominal/limited (16-235, 16-240); RGB: full
     * (0-255) or studio (16-235). */
    bool full_range;
    enum vkdva_vp_transfer transfer;
    enum vkdva_vp_chroma_siting chroma_siting;
};

/* Translations from the two D3D11 descriptions of a colour space. format is the surface's
 * format (whether it is YCbCr decides which fields apply). They return false, with a WARN or
 * FIXME, for a colour space the blit cannot do (PQ, HLG, CUSTOM, RESERVED): the caller then
 * rejects the state or the blit. */
void vkdva_vp_color_space_from_d3d11(const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space, DXGI_FORMAT format,
        struct vkdva_vp_color_space *out);
bool vkdva_vp_color_space_from_dxgi(DXGI_COLOR_SPACE_TYPE color_space, DXGI_FORMAT format,
        struct vkdva_vp_color_space *out);
/* Whether a DXGI colour space is usable for input (output false) or output of the format; for
 * CheckVideoProcessorFormatConversion. */
bool vkdva_vp_dxgi_color_space_supported(DXGI_COLOR_SPACE_TYPE color_space, DXGI_FORMAT format);

/* Formats, for CheckVideoProcessorFormat (D3D11_VIDEO_PROCESSOR_FORMAT_SUPPORT_INPUT/OUTPUT):
 * NV12, P010, P016, YUY2, AYUV, Y410, B8G8R8A8_UNORM, R8G8B8A8_UNORM, R10G10B10A2_UNORM and
 * R16G16B16A16_FLOAT, where the Vulkan device samples (input) or stores to (output) each of
 * the format's planes. */
bool vkdva_vp_format_supported(struct d3d11_device *device, DXGI_FORMAT format, bool output);

/* The Vulkan side of an input or output view: processor.c embeds one in each
 * ID3D11VideoProcessorInputView/OutputView, calls vkdva_vp_view_init() when the view is created
 * (after its own validation, which includes vkdva_vp_format_supported()) and
 * vkdva_vp_view_cleanup() when it is destroyed. The view does not reference the texture: the
 * COM view object holds that reference. */
struct vkdva_vp_view
{
    struct d3d11_texture2d *texture;
    UINT mip;
    UINT layer;
    bool output;
    /* One view per plane, in a single-plane format the shaders read (sampled) or write
     * (storage; output views only). */
    VkImageView vk_views[VKDVA_MAX_PLANES];
    /* Every plane's view format can be filtered linearly. */
    bool filter_linear;
};

HRESULT vkdva_vp_view_init(struct vkdva_vp_view *view, struct d3d11_texture2d *texture, UINT mip, UINT layer,
        bool output);
/* Waits for GPU work still using the texture before destroying the Vulkan views. */
void vkdva_vp_view_cleanup(struct vkdva_vp_view *view);

/* One input stream, the state of D3D11_VIDEO_PROCESSOR_STREAM plus everything
 * VideoProcessorSetStream* stored for its index. */
struct vkdva_vp_stream_desc
{
    /* The stream index, for D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE_SOURCE_STREAM. */
    UINT index;
    /* D3D11_VIDEO_PROCESSOR_STREAM.pInputSurface (not NULL). With ppPastSurfaces and
     * ppFutureSurfaces, which bob does not use: processor.c validates and otherwise ignores them. */
    const struct vkdva_vp_view *input;

    /* VideoProcessorSetStreamFrameFormat. For the interlaced formats, which field to show:
     * the first field (top for TOP_FIELD_FIRST) when false. processor.c derives it from
     * D3D11_VIDEO_PROCESSOR_STREAM.OutputIndex (odd: second field) and the output rate. */
    D3D11_VIDEO_FRAME_FORMAT frame_format;
    bool second_field;

    /* VideoProcessorSetStreamSourceRect/DestRect: when disabled, the source is the whole
     * input surface and the destination is the whole output surface (D3D11 docs). Enabled
     * rects are already validated (inside the surfaces, left <= right, top <= bottom). */
    bool src_rect_enabled;
    RECT src_rect;
    bool dst_rect_enabled;
    RECT dst_rect;

    /* VideoProcessorSetStreamColorSpace or ColorSpace1, translated. */
    struct vkdva_vp_color_space color_space;

    /* VideoProcessorSetStreamAlpha: 1.0f when disabled. */
    float planar_alpha;
    /* VideoProcessorSetStreamLumaKey: pixels whose luma (0.0-1.0, the normalised luma of the
     * source in its own range) is within [lower, upper] become transparent. */
    bool luma_key_enabled;
    float luma_key_lower;
    float luma_key_upper;

    /* VideoProcessorSetStreamRotation (clockwise) and VideoProcessorSetStreamMirror: the
     * source is mirrored, then rotated, then scaled into the destination rect. */
    D3D11_VIDEO_PROCESSOR_ROTATION rotation;
    bool flip_horizontal;
    bool flip_vertical;

    /* VideoProcessorSetStreamFilter: enabled filters (bit n = D3D11_VIDEO_PROCESSOR_FILTER n)
     * and their levels, within vkdva_vp_filter_ranges. Filters outside VKDVA_VP_FILTER_CAPS
     * are ignored (processor.c rejects them when set). */
    UINT filter_mask;
    int filter_levels[D3D11_VIDEO_PROCESSOR_FILTER_STEREO_ADJUSTMENT + 1];

    /* VideoProcessorSetStreamAutoProcessingMode: allows the blit to pick the better scaling
     * filter by itself; it does so whenever it downscales anyway. */
    bool auto_processing;
    /* VideoProcessorSetStreamPixelAspectRatio: stored; the application's dest rect already
     * expresses the aspect ratio, so the blit does not use it. */
    bool pixel_aspect_ratio_enabled;
    DXGI_RATIONAL source_aspect_ratio;
    DXGI_RATIONAL destination_aspect_ratio;
};

struct vkdva_vp_blit_desc
{
    /* VideoProcessorBlt's output view (not NULL). */
    const struct vkdva_vp_view *output;

    /* VideoProcessorSetOutputTargetRect: when disabled, the whole output surface. Pixels
     * outside the target rect are left unchanged; inside it, pixels no stream covers get the
     * background colour. */
    bool target_rect_enabled;
    RECT target_rect;
    /* VideoProcessorSetOutputBackgroundColor. A YCbCr colour is in normalised code values
     * (black is 16/255, 128/255, 128/255) of the output colour space's YCbCr matrix and range
     * (limited range when the output is RGB). */
    bool background_ycbcr;
    D3D11_VIDEO_COLOR background;
    /* VideoProcessorSetOutputColorSpace or ColorSpace1, translated. */
    struct vkdva_vp_color_space output_color_space;
    /* VideoProcessorSetOutputAlphaFillMode. */
    D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE alpha_fill_mode;
    UINT alpha_fill_stream;
    /* VideoProcessorSetOutputConstriction: the composed image is downsampled to this size,
     * then scaled back to the target rect (no downsampling where the size is not smaller). */
    bool constriction_enabled;
    SIZE constriction_size;

    /* The enabled streams, in composition order (lowest index at the bottom). */
    unsigned int stream_count;
    const struct vkdva_vp_stream_desc *streams;
};

/* Records the blit on the immediate context's command stream (device->immediate_context.stream),
 * ordered with the other context operations; the caller holds the device lock. Returns S_OK,
 * E_INVALIDARG for a description the blit cannot do (with a WARN), E_NOTIMPL (FIXME) for
 * features not implemented (protected surfaces in hardware mode), or the failure of Vulkan. A
 * protected input written to an unprotected output shows black (WARN once), as D3D11
 * requires; its view needs no Vulkan views. */
HRESULT vkdva_vp_blit(struct d3d11_device *device, const struct vkdva_vp_blit_desc *desc);

/* Frees the pipelines and samplers the blit created on the device (device destruction). */
void vkdva_vp_device_cleanup(struct d3d11_device *device);

#endif /* __VKDVA_VP_BLIT_H */
