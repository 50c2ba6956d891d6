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
#include "video_methods.h"

/* ID3D11VideoContext, ID3D11VideoContext1, ID3D11VideoContext2 and ID3D11VideoContext3 on the
 * immediate context: argument checks and dispatch to the decoder, processor and crypto code. */

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
 * mappings, IVs) that only encrypted bitstreams use; the decode core checks and applies it. */
static HRESULT vkdva_video_context_submit1(struct d3d11_immediate_context *context,
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
        descs[i].BufferType = descs1[i].BufferType;
        descs[i].DataOffset = descs1[i].DataOffset;
        descs[i].DataSize = descs1[i].DataSize;
        descs[i].pIV = descs1[i].pIV;
        descs[i].IVSize = descs1[i].IVSize;
    }
    vkdva_device_lock(context->device);
    hr = vkdva_decoder_submit_buffers1(decoder, count, descs, descs1);
    vkdva_device_unlock(context->device);
    vkdva_free(descs);
    return hr;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_context_SubmitDecoderBuffers1(ID3D11VideoContext3 *iface,
        ID3D11VideoDecoder *decoder_iface, UINT buffer_count, const D3D11_VIDEO_DECODER_BUFFER_DESC1 *buffer_desc)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p, decoder %p, buffer_count %u, buffer_desc %p.\n", iface, decoder_iface, buffer_count, buffer_desc);

    return vkdva_video_context_submit1(context, decoder_iface, buffer_count, buffer_desc);
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
    hr = vkdva_video_context_submit1(context, decoder_iface, buffer_count, descs1);
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
