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
 * video_context.c). Blits run as compute passes (compute.c, shaders/). */

#include "video_methods.h"

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessor(ID3D11VideoDevice2 *iface,
        ID3D11VideoProcessorEnumerator *enum_, UINT rate_conversion_index, ID3D11VideoProcessor **video_processor)
{
    TRACE("iface %p, enum_ %p, rate_conversion_index %u, video_processor %p.\n",
            iface, enum_, rate_conversion_index, video_processor);

    FIXME("CreateVideoProcessor is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessorInputView(ID3D11VideoDevice2 *iface,
        ID3D11Resource *resource, ID3D11VideoProcessorEnumerator *enum_,
        const D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC *desc, ID3D11VideoProcessorInputView **vpi_view)
{
    TRACE("iface %p, resource %p, enum_ %p, desc %p, vpi_view %p.\n", iface, resource, enum_, desc, vpi_view);

    FIXME("CreateVideoProcessorInputView is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessorOutputView(ID3D11VideoDevice2 *iface,
        ID3D11Resource *resource, ID3D11VideoProcessorEnumerator *enum_,
        const D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC *desc, ID3D11VideoProcessorOutputView **vpo_view)
{
    TRACE("iface %p, resource %p, enum_ %p, desc %p, vpo_view %p.\n", iface, resource, enum_, desc, vpo_view);

    FIXME("CreateVideoProcessorOutputView is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessorEnumerator(ID3D11VideoDevice2 *iface,
        const D3D11_VIDEO_PROCESSOR_CONTENT_DESC *desc, ID3D11VideoProcessorEnumerator **enum_)
{
    TRACE("iface %p, desc %p, enum_ %p.\n", iface, desc, enum_);

    FIXME("CreateVideoProcessorEnumerator is not implemented.\n");
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputTargetRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable, const RECT *rect)
{
    TRACE("iface %p, processor %p, enable %#x, rect %p.\n", iface, processor, enable, rect);

    FIXME_ONCE("VideoProcessorSetOutputTargetRect is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputBackgroundColor(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL y_cb_cr, const D3D11_VIDEO_COLOR *color)
{
    TRACE("iface %p, processor %p, y_cb_cr %#x, color %p.\n", iface, processor, y_cb_cr, color);

    FIXME_ONCE("VideoProcessorSetOutputBackgroundColor is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    TRACE("iface %p, processor %p, color_space %p.\n", iface, processor, color_space);

    FIXME_ONCE("VideoProcessorSetOutputColorSpace is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputAlphaFillMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE alpha_fill_mode, UINT stream_idx)
{
    TRACE("iface %p, processor %p, alpha_fill_mode %#x, stream_idx %u.\n",
            iface, processor, alpha_fill_mode, stream_idx);

    FIXME_ONCE("VideoProcessorSetOutputAlphaFillMode is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputConstriction(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable, SIZE size)
{
    TRACE("iface %p, processor %p, enable %#x, size %s.\n",
            iface, processor, enable, vkdva_dbg_sprintf("%dx%d", size.cx, size.cy));

    FIXME_ONCE("VideoProcessorSetOutputConstriction is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputStereoMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable)
{
    TRACE("iface %p, processor %p, enable %#x.\n", iface, processor, enable);

    FIXME_ONCE("VideoProcessorSetOutputStereoMode is not implemented.\n");
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, guid %p, data_size %u, data_ %p.\n", iface, processor, guid, data_size, data_);

    FIXME("VideoProcessorSetOutputExtension is not implemented.\n");
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputTargetRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled, RECT *rect)
{
    TRACE("iface %p, processor %p, enabled %p, rect %p.\n", iface, processor, enabled, rect);

    FIXME_ONCE("VideoProcessorGetOutputTargetRect is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputBackgroundColor(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *y_cb_cr, D3D11_VIDEO_COLOR *color)
{
    TRACE("iface %p, processor %p, y_cb_cr %p, color %p.\n", iface, processor, y_cb_cr, color);

    FIXME_ONCE("VideoProcessorGetOutputBackgroundColor is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    TRACE("iface %p, processor %p, color_space %p.\n", iface, processor, color_space);

    FIXME_ONCE("VideoProcessorGetOutputColorSpace is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputAlphaFillMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE *alpha_fill_mode, UINT *stream_idx)
{
    TRACE("iface %p, processor %p, alpha_fill_mode %p, stream_idx %p.\n",
            iface, processor, alpha_fill_mode, stream_idx);

    FIXME_ONCE("VideoProcessorGetOutputAlphaFillMode is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputConstriction(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled, SIZE *size)
{
    TRACE("iface %p, processor %p, enabled %p, size %p.\n", iface, processor, enabled, size);

    FIXME_ONCE("VideoProcessorGetOutputConstriction is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputStereoMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled)
{
    TRACE("iface %p, processor %p, enabled %p.\n", iface, processor, enabled);

    FIXME_ONCE("VideoProcessorGetOutputStereoMode is not implemented.\n");
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, guid %p, data_size %u, data_ %p.\n", iface, processor, guid, data_size, data_);

    FIXME("VideoProcessorGetOutputExtension is not implemented.\n");
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamFrameFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_FRAME_FORMAT format)
{
    TRACE("iface %p, processor %p, stream_idx %u, format %#x.\n", iface, processor, stream_idx, format);

    FIXME_ONCE("VideoProcessorSetStreamFrameFormat is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    TRACE("iface %p, processor %p, stream_idx %u, color_space %p.\n", iface, processor, stream_idx, color_space);

    FIXME_ONCE("VideoProcessorSetStreamColorSpace is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamOutputRate(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_OUTPUT_RATE rate, BOOL repeat,
        const DXGI_RATIONAL *custom_rate)
{
    TRACE("iface %p, processor %p, stream_idx %u, rate %#x, repeat %#x, custom_rate %p.\n",
            iface, processor, stream_idx, rate, repeat, custom_rate);

    FIXME_ONCE("VideoProcessorSetStreamOutputRate is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamSourceRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const RECT *rect)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, rect %p.\n", iface, processor, stream_idx, enable, rect);

    FIXME_ONCE("VideoProcessorSetStreamSourceRect is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamDestRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const RECT *rect)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, rect %p.\n", iface, processor, stream_idx, enable, rect);

    FIXME_ONCE("VideoProcessorSetStreamDestRect is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamAlpha(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, float alpha)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, alpha %.8e.\n",
            iface, processor, stream_idx, enable, alpha);

    FIXME_ONCE("VideoProcessorSetStreamAlpha is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamPalette(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, UINT entry_count, const UINT *entries)
{
    TRACE("iface %p, processor %p, stream_idx %u, entry_count %u, entries %p.\n",
            iface, processor, stream_idx, entry_count, entries);

    FIXME_ONCE("VideoProcessorSetStreamPalette is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamPixelAspectRatio(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const DXGI_RATIONAL *src_aspect_ratio,
        const DXGI_RATIONAL *dst_aspect_ratio)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, src_aspect_ratio %p, dst_aspect_ratio %p.\n",
            iface, processor, stream_idx, enable, src_aspect_ratio, dst_aspect_ratio);

    FIXME_ONCE("VideoProcessorSetStreamPixelAspectRatio is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamLumaKey(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, float lower, float upper)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, lower %.8e, upper %.8e.\n",
            iface, processor, stream_idx, enable, lower, upper);

    FIXME_ONCE("VideoProcessorSetStreamLumaKey is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamStereoFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, D3D11_VIDEO_PROCESSOR_STEREO_FORMAT format,
        BOOL left_view_frame0, BOOL base_view_frame0, D3D11_VIDEO_PROCESSOR_STEREO_FLIP_MODE flip_mode, int mono_offset)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, format %#x, left_view_frame0 %#x, base_view_frame0 %#x, "
            "flip_mode %#x, mono_offset %#x.\n",
            iface, processor, stream_idx, enable, format, left_view_frame0, base_view_frame0, flip_mode, mono_offset);

    FIXME_ONCE("VideoProcessorSetStreamStereoFormat is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamAutoProcessingMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x.\n", iface, processor, stream_idx, enable);

    FIXME_ONCE("VideoProcessorSetStreamAutoProcessingMode is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamFilter(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_FILTER filter, BOOL enable, int level)
{
    TRACE("iface %p, processor %p, stream_idx %u, filter %#x, enable %#x, level %#x.\n",
            iface, processor, stream_idx, filter, enable, level);

    FIXME_ONCE("VideoProcessorSetStreamFilter is not implemented.\n");
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, stream_idx %u, guid %p, data_size %u, data_ %p.\n",
            iface, processor, stream_idx, guid, data_size, data_);

    FIXME("VideoProcessorSetStreamExtension is not implemented.\n");
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamFrameFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_FRAME_FORMAT *format)
{
    TRACE("iface %p, processor %p, stream_idx %u, format %p.\n", iface, processor, stream_idx, format);

    FIXME_ONCE("VideoProcessorGetStreamFrameFormat is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    TRACE("iface %p, processor %p, stream_idx %u, color_space %p.\n", iface, processor, stream_idx, color_space);

    FIXME_ONCE("VideoProcessorGetStreamColorSpace is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamOutputRate(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_OUTPUT_RATE *rate, BOOL *repeat,
        DXGI_RATIONAL *custom_rate)
{
    TRACE("iface %p, processor %p, stream_idx %u, rate %p, repeat %p, custom_rate %p.\n",
            iface, processor, stream_idx, rate, repeat, custom_rate);

    FIXME_ONCE("VideoProcessorGetStreamOutputRate is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamSourceRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, RECT *rect)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, rect %p.\n", iface, processor, stream_idx, enabled, rect);

    FIXME_ONCE("VideoProcessorGetStreamSourceRect is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamDestRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, RECT *rect)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, rect %p.\n", iface, processor, stream_idx, enabled, rect);

    FIXME_ONCE("VideoProcessorGetStreamDestRect is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamAlpha(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, float *alpha)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, alpha %p.\n",
            iface, processor, stream_idx, enabled, alpha);

    FIXME_ONCE("VideoProcessorGetStreamAlpha is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamPalette(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, UINT entry_count, UINT *entries)
{
    TRACE("iface %p, processor %p, stream_idx %u, entry_count %u, entries %p.\n",
            iface, processor, stream_idx, entry_count, entries);

    FIXME_ONCE("VideoProcessorGetStreamPalette is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamPixelAspectRatio(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, DXGI_RATIONAL *src_aspect_ratio,
        DXGI_RATIONAL *dst_aspect_ratio)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, src_aspect_ratio %p, dst_aspect_ratio %p.\n",
            iface, processor, stream_idx, enabled, src_aspect_ratio, dst_aspect_ratio);

    FIXME_ONCE("VideoProcessorGetStreamPixelAspectRatio is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamLumaKey(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, float *lower, float *upper)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, lower %p, upper %p.\n",
            iface, processor, stream_idx, enabled, lower, upper);

    FIXME_ONCE("VideoProcessorGetStreamLumaKey is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamStereoFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, D3D11_VIDEO_PROCESSOR_STEREO_FORMAT *format,
        BOOL *left_view_frame0, BOOL *base_view_frame0, D3D11_VIDEO_PROCESSOR_STEREO_FLIP_MODE *flip_mode,
        int *mono_offset)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, format %p, left_view_frame0 %p, base_view_frame0 %p, "
            "flip_mode %p, mono_offset %p.\n",
            iface, processor, stream_idx, enabled, format, left_view_frame0, base_view_frame0, flip_mode, mono_offset);

    FIXME_ONCE("VideoProcessorGetStreamStereoFormat is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamAutoProcessingMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p.\n", iface, processor, stream_idx, enabled);

    FIXME_ONCE("VideoProcessorGetStreamAutoProcessingMode is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamFilter(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_FILTER filter, BOOL *enabled,
        int *level)
{
    TRACE("iface %p, processor %p, stream_idx %u, filter %#x, enabled %p, level %p.\n",
            iface, processor, stream_idx, filter, enabled, level);

    FIXME_ONCE("VideoProcessorGetStreamFilter is not implemented.\n");
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, stream_idx %u, guid %p, data_size %u, data_ %p.\n",
            iface, processor, stream_idx, guid, data_size, data_);

    FIXME("VideoProcessorGetStreamExtension is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorBlt(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, ID3D11VideoProcessorOutputView *view, UINT frame_idx, UINT stream_count,
        const D3D11_VIDEO_PROCESSOR_STREAM *streams)
{
    TRACE("iface %p, processor %p, view %p, frame_idx %u, stream_count %u, streams %p.\n",
            iface, processor, view, frame_idx, stream_count, streams);

    FIXME("VideoProcessorBlt is not implemented.\n");
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamRotation(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, D3D11_VIDEO_PROCESSOR_ROTATION rotation)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, rotation %#x.\n",
            iface, processor, stream_idx, enable, rotation);

    FIXME_ONCE("VideoProcessorSetStreamRotation is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamRotation(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enable, D3D11_VIDEO_PROCESSOR_ROTATION *rotation)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %p, rotation %p.\n",
            iface, processor, stream_idx, enable, rotation);

    FIXME_ONCE("VideoProcessorGetStreamRotation is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_COLOR_SPACE_TYPE colour_space)
{
    TRACE("iface %p, processor %p, colour_space %#x.\n", iface, processor, colour_space);

    FIXME_ONCE("VideoProcessorSetOutputColorSpace1 is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputShaderUsage(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL shader_usage)
{
    TRACE("iface %p, processor %p, shader_usage %#x.\n", iface, processor, shader_usage);

    FIXME_ONCE("VideoProcessorSetOutputShaderUsage is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_COLOR_SPACE_TYPE *colour_space)
{
    TRACE("iface %p, processor %p, colour_space %p.\n", iface, processor, colour_space);

    FIXME_ONCE("VideoProcessorGetOutputColorSpace1 is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputShaderUsage(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *shader_usage)
{
    TRACE("iface %p, processor %p, shader_usage %p.\n", iface, processor, shader_usage);

    FIXME_ONCE("VideoProcessorGetOutputShaderUsage is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_COLOR_SPACE_TYPE colour_space)
{
    TRACE("iface %p, processor %p, stream_index %u, colour_space %#x.\n", iface, processor, stream_index, colour_space);

    FIXME_ONCE("VideoProcessorSetStreamColorSpace1 is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamMirror(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, BOOL enable, BOOL flip_horizontal, BOOL flip_vertical)
{
    TRACE("iface %p, processor %p, stream_index %u, enable %#x, flip_horizontal %#x, flip_vertical %#x.\n",
            iface, processor, stream_index, enable, flip_horizontal, flip_vertical);

    FIXME_ONCE("VideoProcessorSetStreamMirror is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_COLOR_SPACE_TYPE *colour_space)
{
    TRACE("iface %p, processor %p, stream_index %u, colour_space %p.\n", iface, processor, stream_index, colour_space);

    FIXME_ONCE("VideoProcessorGetStreamColorSpace1 is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamMirror(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, BOOL *enable, BOOL *flip_horizontal, BOOL *flip_vertical)
{
    TRACE("iface %p, processor %p, stream_index %u, enable %p, flip_horizontal %p, flip_vertical %p.\n",
            iface, processor, stream_index, enable, flip_horizontal, flip_vertical);

    FIXME_ONCE("VideoProcessorGetStreamMirror is not implemented.\n");
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetBehaviorHints(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT output_width, UINT output_height, DXGI_FORMAT output_format,
        UINT stream_count, const D3D11_VIDEO_PROCESSOR_STREAM_BEHAVIOR_HINT *streams, UINT *behaviour_hints)
{
    TRACE("iface %p, processor %p, output_width %u, output_height %u, output_format %s, stream_count %u, streams %p, "
            "behaviour_hints %p.\n",
            iface, processor, output_width, output_height, debug_dxgi_format(output_format), stream_count, streams,
            behaviour_hints);

    FIXME("VideoProcessorGetBehaviorHints is not implemented.\n");
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_HDR_METADATA_TYPE type, UINT size, const void *meta_data)
{
    TRACE("iface %p, processor %p, type %#x, size %u, meta_data %p.\n", iface, processor, type, size, meta_data);

    FIXME_ONCE("VideoProcessorSetOutputHDRMetaData is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_HDR_METADATA_TYPE *type, UINT size, void *meta_data)
{
    TRACE("iface %p, processor %p, type %p, size %u, meta_data %p.\n", iface, processor, type, size, meta_data);

    FIXME_ONCE("VideoProcessorGetOutputHDRMetaData is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_HDR_METADATA_TYPE type, UINT size,
        const void *meta_data)
{
    TRACE("iface %p, processor %p, stream_index %u, type %#x, size %u, meta_data %p.\n",
            iface, processor, stream_index, type, size, meta_data);

    FIXME_ONCE("VideoProcessorSetStreamHDRMetaData is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_HDR_METADATA_TYPE *type, UINT size, void *meta_data)
{
    TRACE("iface %p, processor %p, stream_index %u, type %p, size %u, meta_data %p.\n",
            iface, processor, stream_index, type, size, meta_data);

    FIXME_ONCE("VideoProcessorGetStreamHDRMetaData is not implemented.\n");
}
