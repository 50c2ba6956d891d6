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

/* ID3D11VideoContext, ID3D11VideoContext1, ID3D11VideoContext2 and ID3D11VideoContext3 on the
 * immediate context: argument checks and dispatch to the decoder, processor and crypto code. */

static inline struct d3d11_immediate_context *impl_from_ID3D11VideoContext3(ID3D11VideoContext3 *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_immediate_context, ID3D11VideoContext3_iface);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_QueryInterface(ID3D11VideoContext3 *iface, REFIID iid, void **out)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    return ID3D11DeviceContext_QueryInterface(&context->ID3D11DeviceContext_iface, iid, out);
}

static ULONG STDMETHODCALLTYPE d3d11_video_context_AddRef(ID3D11VideoContext3 *iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p.\n", iface);

    return ID3D11DeviceContext_AddRef(&context->ID3D11DeviceContext_iface);
}

static ULONG STDMETHODCALLTYPE d3d11_video_context_Release(ID3D11VideoContext3 *iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p.\n", iface);

    return ID3D11DeviceContext_Release(&context->ID3D11DeviceContext_iface);
}

static void STDMETHODCALLTYPE d3d11_video_context_GetDevice(ID3D11VideoContext3 *iface, ID3D11Device **device)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p, device %p.\n", iface, device);

    ID3D11DeviceContext_GetDevice(&context->ID3D11DeviceContext_iface, device);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_GetPrivateData(ID3D11VideoContext3 *iface,
        REFGUID guid, UINT *data_size, void *data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&context->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_SetPrivateData(ID3D11VideoContext3 *iface,
        REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&context->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_SetPrivateDataInterface(ID3D11VideoContext3 *iface,
        REFGUID guid, const IUnknown *data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&context->private_store, guid, data);
}

static struct d3d11_video_decoder *vkdva_video_context_decoder(struct d3d11_immediate_context *context,
        ID3D11VideoDecoder *iface)
{
    struct d3d11_video_decoder *decoder;

    if (!(decoder = unsafe_impl_from_ID3D11VideoDecoder(iface)) || decoder->device != context->device)
    {
        WARN("Invalid decoder %p.\n", iface);
        return NULL;
    }
    return decoder;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_GetDecoderBuffer(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder_iface, D3D11_VIDEO_DECODER_BUFFER_TYPE type, UINT *buffer_size, void **buffer)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_decoder *decoder;
    HRESULT hr;

    TRACE("iface %p, decoder %p, type %#x, buffer_size %p, buffer %p.\n", iface, decoder_iface, type,
            buffer_size, buffer);

    if (!(decoder = vkdva_video_context_decoder(context, decoder_iface)) || !buffer_size || !buffer)
        return E_INVALIDARG;
    vkdva_device_lock(context->device);
    hr = vkdva_decoder_get_buffer(decoder, type, buffer_size, buffer);
    vkdva_device_unlock(context->device);
    return hr;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_ReleaseDecoderBuffer(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder_iface, D3D11_VIDEO_DECODER_BUFFER_TYPE type)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_decoder *decoder;
    HRESULT hr;

    TRACE("iface %p, decoder %p, type %#x.\n", iface, decoder_iface, type);

    if (!(decoder = vkdva_video_context_decoder(context, decoder_iface)))
        return E_INVALIDARG;
    vkdva_device_lock(context->device);
    hr = vkdva_decoder_release_buffer(decoder, type);
    vkdva_device_unlock(context->device);
    return hr;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_DecoderBeginFrame(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder_iface, ID3D11VideoDecoderOutputView *view_iface, UINT key_size, const void *key)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_decoder_output_view *view;
    struct d3d11_video_decoder *decoder;
    HRESULT hr;

    TRACE("iface %p, decoder %p, view %p, key_size %u, key %p.\n", iface, decoder_iface, view_iface, key_size, key);

    if (!(decoder = vkdva_video_context_decoder(context, decoder_iface)))
        return E_INVALIDARG;
    if (!(view = unsafe_impl_from_ID3D11VideoDecoderOutputView(view_iface)) || view->device != context->device)
    {
        WARN("Invalid output view %p.\n", view_iface);
        return E_INVALIDARG;
    }
    vkdva_device_lock(context->device);
    hr = vkdva_decoder_begin_frame(decoder, view, key_size, key);
    vkdva_device_unlock(context->device);
    return hr;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_DecoderEndFrame(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder_iface)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_decoder *decoder;
    HRESULT hr;

    TRACE("iface %p, decoder %p.\n", iface, decoder_iface);

    if (!(decoder = vkdva_video_context_decoder(context, decoder_iface)))
        return E_INVALIDARG;
    vkdva_device_lock(context->device);
    hr = vkdva_decoder_end_frame(decoder);
    vkdva_device_unlock(context->device);
    return hr;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_SubmitDecoderBuffers(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder_iface, UINT buffer_count, const D3D11_VIDEO_DECODER_BUFFER_DESC *buffer_desc)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_decoder *decoder;
    HRESULT hr;

    TRACE("iface %p, decoder %p, buffer_count %u, buffer_desc %p.\n", iface, decoder_iface, buffer_count, buffer_desc);

    if (!(decoder = vkdva_video_context_decoder(context, decoder_iface)))
        return E_INVALIDARG;
    vkdva_device_lock(context->device);
    hr = vkdva_decoder_submit_buffers(decoder, buffer_count, buffer_desc);
    vkdva_device_unlock(context->device);
    return hr;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_DecoderExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder_iface, const D3D11_VIDEO_DECODER_EXTENSION *extension)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_video_decoder *decoder;
    HRESULT hr;

    TRACE("iface %p, decoder %p, extension %p.\n", iface, decoder_iface, extension);

    if (!(decoder = vkdva_video_context_decoder(context, decoder_iface)) || !extension)
        return E_INVALIDARG;
    vkdva_device_lock(context->device);
    hr = vkdva_decoder_extension(decoder, extension);
    vkdva_device_unlock(context->device);
    return hr;
}

/* SubmitDecoderBuffers1/2 carry the same buffers plus encryption information (sub-sample
 * mappings, IVs) that only encrypted bitstreams use. */
static HRESULT vkdva_video_context_submit_clear(struct d3d11_immediate_context *context,
        ID3D11VideoDecoder *decoder_iface, UINT count, const D3D11_VIDEO_DECODER_BUFFER_DESC1 *descs1)
{
    D3D11_VIDEO_DECODER_BUFFER_DESC *descs;
    struct d3d11_video_decoder *decoder;
    HRESULT hr;
    UINT i;

    if (!(decoder = vkdva_video_context_decoder(context, decoder_iface)))
        return E_INVALIDARG;
    if (!count || !descs1)
        return E_INVALIDARG;
    if (!(descs = vkdva_calloc(count, sizeof(*descs))))
        return E_OUTOFMEMORY;
    for (i = 0; i < count; ++i)
    {
        if (descs1[i].pIV || descs1[i].IVSize || descs1[i].pSubSampleMappingBlock || descs1[i].SubSampleMappingCount)
        {
            FIXME("Encrypted buffers (sub-sample mapping, IV) are not supported yet.\n");
            vkdva_free(descs);
            return E_INVALIDARG;
        }
        descs[i].BufferType = descs1[i].BufferType;
        descs[i].DataOffset = descs1[i].DataOffset;
        descs[i].DataSize = descs1[i].DataSize;
    }
    vkdva_device_lock(context->device);
    hr = vkdva_decoder_submit_buffers(decoder, count, descs);
    vkdva_device_unlock(context->device);
    vkdva_free(descs);
    return hr;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_SubmitDecoderBuffers1(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder_iface, UINT buffer_count, const D3D11_VIDEO_DECODER_BUFFER_DESC1 *buffer_desc)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p, decoder %p, buffer_count %u, buffer_desc %p.\n", iface, decoder_iface, buffer_count, buffer_desc);

    return vkdva_video_context_submit_clear(context, decoder_iface, buffer_count, buffer_desc);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_SubmitDecoderBuffers2(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder_iface, UINT buffer_count, const D3D11_VIDEO_DECODER_BUFFER_DESC2 *buffer_desc)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    D3D11_VIDEO_DECODER_BUFFER_DESC1 *descs1;
    HRESULT hr;
    UINT i;

    TRACE("iface %p, decoder %p, buffer_count %u, buffer_desc %p.\n", iface, decoder_iface, buffer_count, buffer_desc);

    if (!buffer_count || !buffer_desc)
        return E_INVALIDARG;
    if (!(descs1 = vkdva_calloc(buffer_count, sizeof(*descs1))))
        return E_OUTOFMEMORY;
    for (i = 0; i < buffer_count; ++i)
    {
        if (buffer_desc[i].cBlocksStripeEncrypted || buffer_desc[i].cBlocksStripeClear)
        {
            FIXME("Stripe encryption is not supported yet.\n");
            vkdva_free(descs1);
            return E_INVALIDARG;
        }
        descs1[i].BufferType = buffer_desc[i].BufferType;
        descs1[i].DataOffset = buffer_desc[i].DataOffset;
        descs1[i].DataSize = buffer_desc[i].DataSize;
        descs1[i].pIV = buffer_desc[i].pIV;
        descs1[i].IVSize = buffer_desc[i].IVSize;
        descs1[i].pSubSampleMappingBlock = buffer_desc[i].pSubSampleMappingBlock;
        descs1[i].SubSampleMappingCount = buffer_desc[i].SubSampleMappingCount;
    }
    hr = vkdva_video_context_submit_clear(context, decoder_iface, buffer_count, descs1);
    vkdva_free(descs1);
    return hr;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_DecoderBeginFrame1(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder, ID3D11VideoDecoderOutputView *view, UINT content_key_size,
        const void *content_key, UINT num_component_histograms, const UINT *histogram_offsets,
        ID3D11Buffer *const *histogram_buffers)
{
    TRACE("iface %p, decoder %p, view %p, content_key_size %u, content_key %p, num_component_histograms %u, "
            "histogram_offsets %p, histogram_buffers %p.\n", iface, decoder, view, content_key_size, content_key,
            num_component_histograms, histogram_offsets, histogram_buffers);

    if (num_component_histograms)
    {
        /* CheckFeatureSupport(D3D11_FEATURE_VIDEO_DECODER_HISTOGRAM) reports no components. */
        WARN("Histograms requested, none supported.\n");
        return E_INVALIDARG;
    }
    return d3d11_video_context_DecoderBeginFrame(iface, decoder, view, content_key_size, content_key);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_DecoderEnableDownsampling(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder, DXGI_COLOR_SPACE_TYPE input_color_space,
        const D3D11_VIDEO_SAMPLE_DESC *output_desc, UINT reference_frame_count)
{
    TRACE("iface %p, decoder %p, input_color_space %#x, output_desc %p, reference_frame_count %u.\n",
            iface, decoder, input_color_space, output_desc, reference_frame_count);

    /* CheckVideoDecoderDownsampling reports no support. */
    FIXME("Decoder downsampling is not supported.\n");
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_DecoderUpdateDownsampling(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder, const D3D11_VIDEO_SAMPLE_DESC *output_desc)
{
    TRACE("iface %p, decoder %p, output_desc %p.\n", iface, decoder, output_desc);

    FIXME("Decoder downsampling is not supported.\n");
    return E_NOTIMPL;
}

/* Video processing and content protection are later milestones. */

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputTargetRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable, const RECT *rect)
{
    TRACE("iface %p, processor %p, enable %#x, rect %p.\n", iface, processor, enable, rect);

    FIXME_ONCE("VideoProcessorSetOutputTargetRect is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputBackgroundColor(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL y_cb_cr, const D3D11_VIDEO_COLOR *color)
{
    TRACE("iface %p, processor %p, y_cb_cr %#x, color %p.\n", iface, processor, y_cb_cr, color);

    FIXME_ONCE("VideoProcessorSetOutputBackgroundColor is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    TRACE("iface %p, processor %p, color_space %p.\n", iface, processor, color_space);

    FIXME_ONCE("VideoProcessorSetOutputColorSpace is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputAlphaFillMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE alpha_fill_mode, UINT stream_idx)
{
    TRACE("iface %p, processor %p, alpha_fill_mode %#x, stream_idx %u.\n",
            iface, processor, alpha_fill_mode, stream_idx);

    FIXME_ONCE("VideoProcessorSetOutputAlphaFillMode is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputConstriction(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable, SIZE size)
{
    TRACE("iface %p, processor %p, enable %#x, size %s.\n",
            iface, processor, enable, vkdva_dbg_sprintf("%dx%d", size.cx, size.cy));

    FIXME_ONCE("VideoProcessorSetOutputConstriction is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputStereoMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable)
{
    TRACE("iface %p, processor %p, enable %#x.\n", iface, processor, enable);

    FIXME_ONCE("VideoProcessorSetOutputStereoMode is not implemented.\n");
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, guid %p, data_size %u, data_ %p.\n", iface, processor, guid, data_size, data_);

    FIXME("VideoProcessorSetOutputExtension is not implemented.\n");
    return E_NOTIMPL;
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputTargetRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled, RECT *rect)
{
    TRACE("iface %p, processor %p, enabled %p, rect %p.\n", iface, processor, enabled, rect);

    FIXME_ONCE("VideoProcessorGetOutputTargetRect is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputBackgroundColor(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *y_cb_cr, D3D11_VIDEO_COLOR *color)
{
    TRACE("iface %p, processor %p, y_cb_cr %p, color %p.\n", iface, processor, y_cb_cr, color);

    FIXME_ONCE("VideoProcessorGetOutputBackgroundColor is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    TRACE("iface %p, processor %p, color_space %p.\n", iface, processor, color_space);

    FIXME_ONCE("VideoProcessorGetOutputColorSpace is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputAlphaFillMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE *alpha_fill_mode, UINT *stream_idx)
{
    TRACE("iface %p, processor %p, alpha_fill_mode %p, stream_idx %p.\n",
            iface, processor, alpha_fill_mode, stream_idx);

    FIXME_ONCE("VideoProcessorGetOutputAlphaFillMode is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputConstriction(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled, SIZE *size)
{
    TRACE("iface %p, processor %p, enabled %p, size %p.\n", iface, processor, enabled, size);

    FIXME_ONCE("VideoProcessorGetOutputConstriction is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputStereoMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled)
{
    TRACE("iface %p, processor %p, enabled %p.\n", iface, processor, enabled);

    FIXME_ONCE("VideoProcessorGetOutputStereoMode is not implemented.\n");
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, guid %p, data_size %u, data_ %p.\n", iface, processor, guid, data_size, data_);

    FIXME("VideoProcessorGetOutputExtension is not implemented.\n");
    return E_NOTIMPL;
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamFrameFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_FRAME_FORMAT format)
{
    TRACE("iface %p, processor %p, stream_idx %u, format %#x.\n", iface, processor, stream_idx, format);

    FIXME_ONCE("VideoProcessorSetStreamFrameFormat is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    TRACE("iface %p, processor %p, stream_idx %u, color_space %p.\n", iface, processor, stream_idx, color_space);

    FIXME_ONCE("VideoProcessorSetStreamColorSpace is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamOutputRate(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_OUTPUT_RATE rate, BOOL repeat,
        const DXGI_RATIONAL *custom_rate)
{
    TRACE("iface %p, processor %p, stream_idx %u, rate %#x, repeat %#x, custom_rate %p.\n",
            iface, processor, stream_idx, rate, repeat, custom_rate);

    FIXME_ONCE("VideoProcessorSetStreamOutputRate is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamSourceRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const RECT *rect)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, rect %p.\n", iface, processor, stream_idx, enable, rect);

    FIXME_ONCE("VideoProcessorSetStreamSourceRect is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamDestRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const RECT *rect)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, rect %p.\n", iface, processor, stream_idx, enable, rect);

    FIXME_ONCE("VideoProcessorSetStreamDestRect is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamAlpha(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, float alpha)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, alpha %.8e.\n",
            iface, processor, stream_idx, enable, alpha);

    FIXME_ONCE("VideoProcessorSetStreamAlpha is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamPalette(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, UINT entry_count, const UINT *entries)
{
    TRACE("iface %p, processor %p, stream_idx %u, entry_count %u, entries %p.\n",
            iface, processor, stream_idx, entry_count, entries);

    FIXME_ONCE("VideoProcessorSetStreamPalette is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamPixelAspectRatio(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const DXGI_RATIONAL *src_aspect_ratio,
        const DXGI_RATIONAL *dst_aspect_ratio)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, src_aspect_ratio %p, dst_aspect_ratio %p.\n",
            iface, processor, stream_idx, enable, src_aspect_ratio, dst_aspect_ratio);

    FIXME_ONCE("VideoProcessorSetStreamPixelAspectRatio is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamLumaKey(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, float lower, float upper)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, lower %.8e, upper %.8e.\n",
            iface, processor, stream_idx, enable, lower, upper);

    FIXME_ONCE("VideoProcessorSetStreamLumaKey is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamStereoFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, D3D11_VIDEO_PROCESSOR_STEREO_FORMAT format,
        BOOL left_view_frame0, BOOL base_view_frame0, D3D11_VIDEO_PROCESSOR_STEREO_FLIP_MODE flip_mode, int mono_offset)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, format %#x, left_view_frame0 %#x, base_view_frame0 %#x, "
            "flip_mode %#x, mono_offset %#x.\n",
            iface, processor, stream_idx, enable, format, left_view_frame0, base_view_frame0, flip_mode, mono_offset);

    FIXME_ONCE("VideoProcessorSetStreamStereoFormat is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamAutoProcessingMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x.\n", iface, processor, stream_idx, enable);

    FIXME_ONCE("VideoProcessorSetStreamAutoProcessingMode is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamFilter(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_FILTER filter, BOOL enable, int level)
{
    TRACE("iface %p, processor %p, stream_idx %u, filter %#x, enable %#x, level %#x.\n",
            iface, processor, stream_idx, filter, enable, level);

    FIXME_ONCE("VideoProcessorSetStreamFilter is not implemented.\n");
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, stream_idx %u, guid %p, data_size %u, data_ %p.\n",
            iface, processor, stream_idx, guid, data_size, data_);

    FIXME("VideoProcessorSetStreamExtension is not implemented.\n");
    return E_NOTIMPL;
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamFrameFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_FRAME_FORMAT *format)
{
    TRACE("iface %p, processor %p, stream_idx %u, format %p.\n", iface, processor, stream_idx, format);

    FIXME_ONCE("VideoProcessorGetStreamFrameFormat is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space)
{
    TRACE("iface %p, processor %p, stream_idx %u, color_space %p.\n", iface, processor, stream_idx, color_space);

    FIXME_ONCE("VideoProcessorGetStreamColorSpace is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamOutputRate(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_OUTPUT_RATE *rate, BOOL *repeat,
        DXGI_RATIONAL *custom_rate)
{
    TRACE("iface %p, processor %p, stream_idx %u, rate %p, repeat %p, custom_rate %p.\n",
            iface, processor, stream_idx, rate, repeat, custom_rate);

    FIXME_ONCE("VideoProcessorGetStreamOutputRate is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamSourceRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, RECT *rect)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, rect %p.\n", iface, processor, stream_idx, enabled, rect);

    FIXME_ONCE("VideoProcessorGetStreamSourceRect is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamDestRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, RECT *rect)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, rect %p.\n", iface, processor, stream_idx, enabled, rect);

    FIXME_ONCE("VideoProcessorGetStreamDestRect is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamAlpha(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, float *alpha)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, alpha %p.\n",
            iface, processor, stream_idx, enabled, alpha);

    FIXME_ONCE("VideoProcessorGetStreamAlpha is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamPalette(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, UINT entry_count, UINT *entries)
{
    TRACE("iface %p, processor %p, stream_idx %u, entry_count %u, entries %p.\n",
            iface, processor, stream_idx, entry_count, entries);

    FIXME_ONCE("VideoProcessorGetStreamPalette is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamPixelAspectRatio(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, DXGI_RATIONAL *src_aspect_ratio,
        DXGI_RATIONAL *dst_aspect_ratio)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, src_aspect_ratio %p, dst_aspect_ratio %p.\n",
            iface, processor, stream_idx, enabled, src_aspect_ratio, dst_aspect_ratio);

    FIXME_ONCE("VideoProcessorGetStreamPixelAspectRatio is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamLumaKey(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, float *lower, float *upper)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, lower %p, upper %p.\n",
            iface, processor, stream_idx, enabled, lower, upper);

    FIXME_ONCE("VideoProcessorGetStreamLumaKey is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamStereoFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, D3D11_VIDEO_PROCESSOR_STEREO_FORMAT *format,
        BOOL *left_view_frame0, BOOL *base_view_frame0, D3D11_VIDEO_PROCESSOR_STEREO_FLIP_MODE *flip_mode,
        int *mono_offset)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p, format %p, left_view_frame0 %p, base_view_frame0 %p, "
            "flip_mode %p, mono_offset %p.\n",
            iface, processor, stream_idx, enabled, format, left_view_frame0, base_view_frame0, flip_mode, mono_offset);

    FIXME_ONCE("VideoProcessorGetStreamStereoFormat is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamAutoProcessingMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled)
{
    TRACE("iface %p, processor %p, stream_idx %u, enabled %p.\n", iface, processor, stream_idx, enabled);

    FIXME_ONCE("VideoProcessorGetStreamAutoProcessingMode is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamFilter(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_FILTER filter, BOOL *enabled,
        int *level)
{
    TRACE("iface %p, processor %p, stream_idx %u, filter %#x, enabled %p, level %p.\n",
            iface, processor, stream_idx, filter, enabled, level);

    FIXME_ONCE("VideoProcessorGetStreamFilter is not implemented.\n");
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const GUID *guid, UINT data_size, void *data_)
{
    TRACE("iface %p, processor %p, stream_idx %u, guid %p, data_size %u, data_ %p.\n",
            iface, processor, stream_idx, guid, data_size, data_);

    FIXME("VideoProcessorGetStreamExtension is not implemented.\n");
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorBlt(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, ID3D11VideoProcessorOutputView *view, UINT frame_idx, UINT stream_count,
        const D3D11_VIDEO_PROCESSOR_STREAM *streams)
{
    TRACE("iface %p, processor %p, view %p, frame_idx %u, stream_count %u, streams %p.\n",
            iface, processor, view, frame_idx, stream_count, streams);

    FIXME("VideoProcessorBlt is not implemented.\n");
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_NegotiateCryptoSessionKeyExchange(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT data_size, void *data_)
{
    TRACE("iface %p, session %p, data_size %u, data_ %p.\n", iface, session, data_size, data_);

    FIXME("NegotiateCryptoSessionKeyExchange is not implemented.\n");
    return E_NOTIMPL;
}

static void STDMETHODCALLTYPE d3d11_video_context_EncryptionBlt(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, ID3D11Texture2D *src_surface, ID3D11Texture2D *dst_surface, UINT iv_size,
        void *iv)
{
    TRACE("iface %p, session %p, src_surface %p, dst_surface %p, iv_size %u, iv %p.\n",
            iface, session, src_surface, dst_surface, iv_size, iv);

    FIXME_ONCE("EncryptionBlt is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_DecryptionBlt(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, ID3D11Texture2D *src_surface, ID3D11Texture2D *dst_surface,
        D3D11_ENCRYPTED_BLOCK_INFO *block_info, UINT key_size, const void *key, UINT iv_size, void *iv)
{
    TRACE("iface %p, session %p, src_surface %p, dst_surface %p, block_info %p, key_size %u, key %p, iv_size %u, "
            "iv %p.\n",
            iface, session, src_surface, dst_surface, block_info, key_size, key, iv_size, iv);

    FIXME_ONCE("DecryptionBlt is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_StartSessionKeyRefresh(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT random_number_size, void *random_number)
{
    TRACE("iface %p, session %p, random_number_size %u, random_number %p.\n",
            iface, session, random_number_size, random_number);

    FIXME_ONCE("StartSessionKeyRefresh is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_FinishSessionKeyRefresh(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session)
{
    TRACE("iface %p, session %p.\n", iface, session);

    FIXME_ONCE("FinishSessionKeyRefresh is not implemented.\n");
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_GetEncryptionBltKey(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT key_size, void *key)
{
    TRACE("iface %p, session %p, key_size %u, key %p.\n", iface, session, key_size, key);

    FIXME("GetEncryptionBltKey is not implemented.\n");
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_NegotiateAuthenticatedChannelKeyExchange(
        ID3D11VideoContext3 *iface, ID3D11AuthenticatedChannel *channel, UINT data_size, void *data_)
{
    TRACE("iface %p, channel %p, data_size %u, data_ %p.\n", iface, channel, data_size, data_);

    FIXME("NegotiateAuthenticatedChannelKeyExchange is not implemented.\n");
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_QueryAuthenticatedChannel(ID3D11VideoContext3 *iface,
        ID3D11AuthenticatedChannel *channel, UINT input_size, const void *input, UINT output_size, void *output)
{
    TRACE("iface %p, channel %p, input_size %u, input %p, output_size %u, output %p.\n",
            iface, channel, input_size, input, output_size, output);

    FIXME("QueryAuthenticatedChannel is not implemented.\n");
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_ConfigureAuthenticatedChannel(ID3D11VideoContext3 *iface,
        ID3D11AuthenticatedChannel *channel, UINT input_size, const void *input,
        D3D11_AUTHENTICATED_CONFIGURE_OUTPUT *output)
{
    TRACE("iface %p, channel %p, input_size %u, input %p, output %p.\n", iface, channel, input_size, input, output);

    FIXME("ConfigureAuthenticatedChannel is not implemented.\n");
    return E_NOTIMPL;
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamRotation(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, D3D11_VIDEO_PROCESSOR_ROTATION rotation)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %#x, rotation %#x.\n",
            iface, processor, stream_idx, enable, rotation);

    FIXME_ONCE("VideoProcessorSetStreamRotation is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamRotation(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enable, D3D11_VIDEO_PROCESSOR_ROTATION *rotation)
{
    TRACE("iface %p, processor %p, stream_idx %u, enable %p, rotation %p.\n",
            iface, processor, stream_idx, enable, rotation);

    FIXME_ONCE("VideoProcessorGetStreamRotation is not implemented.\n");
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_GetDataForNewHardwareKey(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT input_size, const void *input_data, UINT64 *output_data)
{
    TRACE("iface %p, session %p, input_size %u, input_data %p, output_data %p.\n",
            iface, session, input_size, input_data, output_data);

    FIXME("GetDataForNewHardwareKey is not implemented.\n");
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_CheckCryptoSessionStatus(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, D3D11_CRYPTO_SESSION_STATUS *status)
{
    TRACE("iface %p, session %p, status %p.\n", iface, session, status);

    FIXME("CheckCryptoSessionStatus is not implemented.\n");
    return E_NOTIMPL;
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_COLOR_SPACE_TYPE colour_space)
{
    TRACE("iface %p, processor %p, colour_space %#x.\n", iface, processor, colour_space);

    FIXME_ONCE("VideoProcessorSetOutputColorSpace1 is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputShaderUsage(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL shader_usage)
{
    TRACE("iface %p, processor %p, shader_usage %#x.\n", iface, processor, shader_usage);

    FIXME_ONCE("VideoProcessorSetOutputShaderUsage is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_COLOR_SPACE_TYPE *colour_space)
{
    TRACE("iface %p, processor %p, colour_space %p.\n", iface, processor, colour_space);

    FIXME_ONCE("VideoProcessorGetOutputColorSpace1 is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputShaderUsage(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *shader_usage)
{
    TRACE("iface %p, processor %p, shader_usage %p.\n", iface, processor, shader_usage);

    FIXME_ONCE("VideoProcessorGetOutputShaderUsage is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_COLOR_SPACE_TYPE colour_space)
{
    TRACE("iface %p, processor %p, stream_index %u, colour_space %#x.\n", iface, processor, stream_index, colour_space);

    FIXME_ONCE("VideoProcessorSetStreamColorSpace1 is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamMirror(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, BOOL enable, BOOL flip_horizontal, BOOL flip_vertical)
{
    TRACE("iface %p, processor %p, stream_index %u, enable %#x, flip_horizontal %#x, flip_vertical %#x.\n",
            iface, processor, stream_index, enable, flip_horizontal, flip_vertical);

    FIXME_ONCE("VideoProcessorSetStreamMirror is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_COLOR_SPACE_TYPE *colour_space)
{
    TRACE("iface %p, processor %p, stream_index %u, colour_space %p.\n", iface, processor, stream_index, colour_space);

    FIXME_ONCE("VideoProcessorGetStreamColorSpace1 is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamMirror(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, BOOL *enable, BOOL *flip_horizontal, BOOL *flip_vertical)
{
    TRACE("iface %p, processor %p, stream_index %u, enable %p, flip_horizontal %p, flip_vertical %p.\n",
            iface, processor, stream_index, enable, flip_horizontal, flip_vertical);

    FIXME_ONCE("VideoProcessorGetStreamMirror is not implemented.\n");
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetBehaviorHints(ID3D11VideoContext3 *iface,
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

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_HDR_METADATA_TYPE type, UINT size, const void *meta_data)
{
    TRACE("iface %p, processor %p, type %#x, size %u, meta_data %p.\n", iface, processor, type, size, meta_data);

    FIXME_ONCE("VideoProcessorSetOutputHDRMetaData is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_HDR_METADATA_TYPE *type, UINT size, void *meta_data)
{
    TRACE("iface %p, processor %p, type %p, size %u, meta_data %p.\n", iface, processor, type, size, meta_data);

    FIXME_ONCE("VideoProcessorGetOutputHDRMetaData is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_HDR_METADATA_TYPE type, UINT size,
        const void *meta_data)
{
    TRACE("iface %p, processor %p, stream_index %u, type %#x, size %u, meta_data %p.\n",
            iface, processor, stream_index, type, size, meta_data);

    FIXME_ONCE("VideoProcessorSetStreamHDRMetaData is not implemented.\n");
}

static void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_HDR_METADATA_TYPE *type, UINT size, void *meta_data)
{
    TRACE("iface %p, processor %p, stream_index %u, type %p, size %u, meta_data %p.\n",
            iface, processor, stream_index, type, size, meta_data);

    FIXME_ONCE("VideoProcessorGetStreamHDRMetaData is not implemented.\n");
}

static const struct ID3D11VideoContext3Vtbl d3d11_video_context_vtbl =
{
    /* IUnknown methods */
    d3d11_video_context_QueryInterface,
    d3d11_video_context_AddRef,
    d3d11_video_context_Release,
    /* ID3D11DeviceChild methods */
    d3d11_video_context_GetDevice,
    d3d11_video_context_GetPrivateData,
    d3d11_video_context_SetPrivateData,
    d3d11_video_context_SetPrivateDataInterface,
    /* ID3D11VideoContext methods */
    d3d11_video_context_GetDecoderBuffer,
    d3d11_video_context_ReleaseDecoderBuffer,
    d3d11_video_context_DecoderBeginFrame,
    d3d11_video_context_DecoderEndFrame,
    d3d11_video_context_SubmitDecoderBuffers,
    d3d11_video_context_DecoderExtension,
    d3d11_video_context_VideoProcessorSetOutputTargetRect,
    d3d11_video_context_VideoProcessorSetOutputBackgroundColor,
    d3d11_video_context_VideoProcessorSetOutputColorSpace,
    d3d11_video_context_VideoProcessorSetOutputAlphaFillMode,
    d3d11_video_context_VideoProcessorSetOutputConstriction,
    d3d11_video_context_VideoProcessorSetOutputStereoMode,
    d3d11_video_context_VideoProcessorSetOutputExtension,
    d3d11_video_context_VideoProcessorGetOutputTargetRect,
    d3d11_video_context_VideoProcessorGetOutputBackgroundColor,
    d3d11_video_context_VideoProcessorGetOutputColorSpace,
    d3d11_video_context_VideoProcessorGetOutputAlphaFillMode,
    d3d11_video_context_VideoProcessorGetOutputConstriction,
    d3d11_video_context_VideoProcessorGetOutputStereoMode,
    d3d11_video_context_VideoProcessorGetOutputExtension,
    d3d11_video_context_VideoProcessorSetStreamFrameFormat,
    d3d11_video_context_VideoProcessorSetStreamColorSpace,
    d3d11_video_context_VideoProcessorSetStreamOutputRate,
    d3d11_video_context_VideoProcessorSetStreamSourceRect,
    d3d11_video_context_VideoProcessorSetStreamDestRect,
    d3d11_video_context_VideoProcessorSetStreamAlpha,
    d3d11_video_context_VideoProcessorSetStreamPalette,
    d3d11_video_context_VideoProcessorSetStreamPixelAspectRatio,
    d3d11_video_context_VideoProcessorSetStreamLumaKey,
    d3d11_video_context_VideoProcessorSetStreamStereoFormat,
    d3d11_video_context_VideoProcessorSetStreamAutoProcessingMode,
    d3d11_video_context_VideoProcessorSetStreamFilter,
    d3d11_video_context_VideoProcessorSetStreamExtension,
    d3d11_video_context_VideoProcessorGetStreamFrameFormat,
    d3d11_video_context_VideoProcessorGetStreamColorSpace,
    d3d11_video_context_VideoProcessorGetStreamOutputRate,
    d3d11_video_context_VideoProcessorGetStreamSourceRect,
    d3d11_video_context_VideoProcessorGetStreamDestRect,
    d3d11_video_context_VideoProcessorGetStreamAlpha,
    d3d11_video_context_VideoProcessorGetStreamPalette,
    d3d11_video_context_VideoProcessorGetStreamPixelAspectRatio,
    d3d11_video_context_VideoProcessorGetStreamLumaKey,
    d3d11_video_context_VideoProcessorGetStreamStereoFormat,
    d3d11_video_context_VideoProcessorGetStreamAutoProcessingMode,
    d3d11_video_context_VideoProcessorGetStreamFilter,
    d3d11_video_context_VideoProcessorGetStreamExtension,
    d3d11_video_context_VideoProcessorBlt,
    d3d11_video_context_NegotiateCryptoSessionKeyExchange,
    d3d11_video_context_EncryptionBlt,
    d3d11_video_context_DecryptionBlt,
    d3d11_video_context_StartSessionKeyRefresh,
    d3d11_video_context_FinishSessionKeyRefresh,
    d3d11_video_context_GetEncryptionBltKey,
    d3d11_video_context_NegotiateAuthenticatedChannelKeyExchange,
    d3d11_video_context_QueryAuthenticatedChannel,
    d3d11_video_context_ConfigureAuthenticatedChannel,
    d3d11_video_context_VideoProcessorSetStreamRotation,
    d3d11_video_context_VideoProcessorGetStreamRotation,
    /* ID3D11VideoContext1 methods */
    d3d11_video_context_SubmitDecoderBuffers1,
    d3d11_video_context_GetDataForNewHardwareKey,
    d3d11_video_context_CheckCryptoSessionStatus,
    d3d11_video_context_DecoderEnableDownsampling,
    d3d11_video_context_DecoderUpdateDownsampling,
    d3d11_video_context_VideoProcessorSetOutputColorSpace1,
    d3d11_video_context_VideoProcessorSetOutputShaderUsage,
    d3d11_video_context_VideoProcessorGetOutputColorSpace1,
    d3d11_video_context_VideoProcessorGetOutputShaderUsage,
    d3d11_video_context_VideoProcessorSetStreamColorSpace1,
    d3d11_video_context_VideoProcessorSetStreamMirror,
    d3d11_video_context_VideoProcessorGetStreamColorSpace1,
    d3d11_video_context_VideoProcessorGetStreamMirror,
    d3d11_video_context_VideoProcessorGetBehaviorHints,
    /* ID3D11VideoContext2 methods */
    d3d11_video_context_VideoProcessorSetOutputHDRMetaData,
    d3d11_video_context_VideoProcessorGetOutputHDRMetaData,
    d3d11_video_context_VideoProcessorSetStreamHDRMetaData,
    d3d11_video_context_VideoProcessorGetStreamHDRMetaData,
    /* ID3D11VideoContext3 methods */
    d3d11_video_context_DecoderBeginFrame1,
    d3d11_video_context_SubmitDecoderBuffers2,
};

void d3d11_video_context_init_vtbl(struct d3d11_immediate_context *context)
{
    context->ID3D11VideoContext3_iface.lpVtbl = &d3d11_video_context_vtbl;
}
