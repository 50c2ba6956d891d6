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

/* ID3D11VideoDevice, ID3D11VideoDevice1 and ID3D11VideoDevice2 on the device object. */

static HRESULT STDMETHODCALLTYPE d3d11_video_device_QueryInterface(ID3D11VideoDevice2 *iface, REFIID iid, void **out)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);

    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    return ID3D11Device_QueryInterface(&device->ID3D11Device_iface, iid, out);
}

static ULONG STDMETHODCALLTYPE d3d11_video_device_AddRef(ID3D11VideoDevice2 *iface)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);

    TRACE("iface %p.\n", iface);

    return ID3D11Device_AddRef(&device->ID3D11Device_iface);
}

static ULONG STDMETHODCALLTYPE d3d11_video_device_Release(ID3D11VideoDevice2 *iface)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);

    TRACE("iface %p.\n", iface);

    return ID3D11Device_Release(&device->ID3D11Device_iface);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoDecoder(ID3D11VideoDevice2 *iface,
        const D3D11_VIDEO_DECODER_DESC *desc, const D3D11_VIDEO_DECODER_CONFIG *config, ID3D11VideoDecoder **decoder)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    struct d3d11_video_decoder *object;
    HRESULT hr;

    TRACE("iface %p, desc %p, config %p, decoder %p.\n", iface, desc, config, decoder);

    if (!decoder)
        return E_POINTER;
    *decoder = NULL;
    if (FAILED(hr = vkdva_device_check_removed(device)))
        return hr;
    if (FAILED(hr = d3d11_video_decoder_create(device, desc, config, &object)))
        return hr;
    *decoder = &object->ID3D11VideoDecoder_iface;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoDecoderOutputView(ID3D11VideoDevice2 *iface,
        ID3D11Resource *resource, const D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC *desc, ID3D11VideoDecoderOutputView **view)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    struct d3d11_video_decoder_output_view *object;
    HRESULT hr;

    TRACE("iface %p, resource %p, desc %p, view %p.\n", iface, resource, desc, view);

    if (!view)
        return E_POINTER;
    *view = NULL;
    if (FAILED(hr = d3d11_video_decoder_output_view_create(device, resource, desc, &object)))
        return hr;
    *view = &object->ID3D11VideoDecoderOutputView_iface;
    return S_OK;
}

static UINT STDMETHODCALLTYPE d3d11_video_device_GetVideoDecoderProfileCount(ID3D11VideoDevice2 *iface)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);

    TRACE("iface %p.\n", iface);

    return vkdva_decoder_profile_count(device);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_GetVideoDecoderProfile(ID3D11VideoDevice2 *iface,
        UINT index, GUID *profile)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    const struct vkdva_codec_ops *codec;

    TRACE("iface %p, index %u, profile %p.\n", iface, index, profile);

    if (!profile)
        return E_INVALIDARG;
    if (!(codec = vkdva_decoder_profile(device, index)))
    {
        WARN("Invalid profile index %u.\n", index);
        return E_INVALIDARG;
    }
    *profile = *codec->profile;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_CheckVideoDecoderFormat(ID3D11VideoDevice2 *iface,
        const GUID *profile, DXGI_FORMAT format, BOOL *supported)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    const struct vkdva_codec_ops *codec;

    TRACE("iface %p, profile %s, format %s, supported %p.\n", iface, debugstr_guid(profile),
            debug_dxgi_format(format), supported);

    if (!profile || !supported)
        return E_INVALIDARG;
    if (!(codec = vkdva_codec_ops_from_profile(profile)))
    {
        WARN("Unsupported profile %s.\n", debugstr_guid(profile));
        *supported = FALSE;
        return E_INVALIDARG;
    }
    *supported = vkdva_decoder_select_backend(device, codec, format) && vkdva_device_has_format(device, format);
    return S_OK;
}

/* The configurations a DXVA client expects for VLD profiles: ConfigBitstreamRaw 1 (short slice
 * control, start codes in the bitstream) first, as FFmpeg, Chromium and Media Foundation pick it. */
static bool vkdva_decoder_config_at(const struct vkdva_codec_ops *codec, UINT index, D3D11_VIDEO_DECODER_CONFIG *config)
{
    static const GUID no_encrypt = {0x1b81bed0, 0xa0c7, 0x11d3, {0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5}};
    UINT raw, i = 0;

    for (raw = 1; raw <= 2; ++raw)
    {
        if (!codec->slice_control_entry_size(raw))
            continue;
        if (i++ != index)
            continue;
        memset(config, 0, sizeof(*config));
        config->guidConfigBitstreamEncryption = no_encrypt;
        config->guidConfigMBcontrolEncryption = no_encrypt;
        config->guidConfigResidDiffEncryption = no_encrypt;
        config->ConfigBitstreamRaw = raw;
        config->ConfigResidDiffAccelerator = 1;
        config->ConfigHostInverseScan = 1;
        config->ConfigMinRenderTargetBuffCount = 1;
        return true;
    }
    return false;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_GetVideoDecoderConfigCount(ID3D11VideoDevice2 *iface,
        const D3D11_VIDEO_DECODER_DESC *desc, UINT *count)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    const struct vkdva_codec_ops *codec;
    D3D11_VIDEO_DECODER_CONFIG config;

    TRACE("iface %p, desc %p, count %p.\n", iface, desc, count);

    if (!desc || !count)
        return E_INVALIDARG;
    *count = 0;
    if (!(codec = vkdva_codec_ops_from_profile(&desc->Guid))
            || !vkdva_decoder_select_backend(device, codec, desc->OutputFormat))
    {
        WARN("Unsupported profile %s with format %s.\n", debugstr_guid(&desc->Guid), debug_dxgi_format(desc->OutputFormat));
        return E_INVALIDARG;
    }
    if (!desc->SampleWidth || !desc->SampleHeight || desc->SampleWidth > codec->max_width
            || desc->SampleHeight > codec->max_height)
    {
        WARN("Unsupported size %ux%u.\n", desc->SampleWidth, desc->SampleHeight);
        return E_INVALIDARG;
    }
    while (vkdva_decoder_config_at(codec, *count, &config))
        ++*count;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_GetVideoDecoderConfig(ID3D11VideoDevice2 *iface,
        const D3D11_VIDEO_DECODER_DESC *desc, UINT index, D3D11_VIDEO_DECODER_CONFIG *config)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    const struct vkdva_codec_ops *codec;

    TRACE("iface %p, desc %p, index %u, config %p.\n", iface, desc, index, config);

    if (!desc || !config)
        return E_INVALIDARG;
    if (!(codec = vkdva_codec_ops_from_profile(&desc->Guid))
            || !vkdva_decoder_select_backend(device, codec, desc->OutputFormat))
    {
        WARN("Unsupported profile %s with format %s.\n", debugstr_guid(&desc->Guid), debug_dxgi_format(desc->OutputFormat));
        return E_INVALIDARG;
    }
    if (!vkdva_decoder_config_at(codec, index, config))
    {
        WARN("Invalid config index %u.\n", index);
        return E_INVALIDARG;
    }
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_SetPrivateData(ID3D11VideoDevice2 *iface,
        REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&device->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_SetPrivateDataInterface(ID3D11VideoDevice2 *iface,
        REFGUID guid, const IUnknown *data)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&device->private_store, guid, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_GetVideoDecoderCaps(ID3D11VideoDevice2 *iface,
        const GUID *profile, UINT sample_width, UINT sample_height, const DXGI_RATIONAL *frame_rate,
        UINT bit_rate, const GUID *crypto_type, UINT *caps)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    const struct vkdva_codec_ops *codec;

    TRACE("iface %p, profile %s, sample_width %u, sample_height %u, frame_rate %p, bit_rate %u, "
            "crypto_type %s, caps %p.\n", iface, debugstr_guid(profile), sample_width, sample_height,
            frame_rate, bit_rate, debugstr_guid(crypto_type), caps);

    if (!profile || !caps)
        return E_INVALIDARG;
    *caps = 0;
    if (!(codec = vkdva_codec_ops_from_profile(profile)) || !vkdva_codec_usable(device, codec))
    {
        WARN("Unsupported profile %s.\n", debugstr_guid(profile));
        return E_INVALIDARG;
    }
    if (crypto_type)
    {
        FIXME("Crypto type %s is not supported yet.\n", debugstr_guid(crypto_type));
        return E_INVALIDARG;
    }
    if (!sample_width || !sample_height || sample_width > codec->max_width || sample_height > codec->max_height)
    {
        *caps = D3D11_VIDEO_DECODER_CAPS_UNSUPPORTED;
        return S_OK;
    }
    /* No downsampling: vkdva decodes at the coded size only. */
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_CheckVideoDecoderDownsampling(ID3D11VideoDevice2 *iface,
        const D3D11_VIDEO_DECODER_DESC *input_desc, DXGI_COLOR_SPACE_TYPE input_color_space,
        const D3D11_VIDEO_DECODER_CONFIG *input_config, const DXGI_RATIONAL *frame_rate,
        const D3D11_VIDEO_SAMPLE_DESC *output_desc, BOOL *supported, BOOL *real_time_hint)
{
    TRACE("iface %p, input_desc %p, input_color_space %#x, input_config %p, frame_rate %p, output_desc %p, "
            "supported %p, real_time_hint %p.\n", iface, input_desc, input_color_space, input_config, frame_rate,
            output_desc, supported, real_time_hint);

    if (!input_desc || !input_config || !output_desc || !supported || !real_time_hint)
        return E_INVALIDARG;
    /* Truthfully: decoder downsampling is not implemented. */
    *supported = FALSE;
    *real_time_hint = FALSE;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_RecommendVideoDecoderDownsampleParameters(
        ID3D11VideoDevice2 *iface, const D3D11_VIDEO_DECODER_DESC *input_desc, DXGI_COLOR_SPACE_TYPE input_color_space,
        const D3D11_VIDEO_DECODER_CONFIG *input_config, const DXGI_RATIONAL *frame_rate,
        D3D11_VIDEO_SAMPLE_DESC *recommended_output_desc)
{
    TRACE("iface %p, input_desc %p, input_color_space %#x, input_config %p, frame_rate %p, "
            "recommended_output_desc %p.\n", iface, input_desc, input_color_space, input_config, frame_rate,
            recommended_output_desc);

    FIXME("Decoder downsampling is not supported.\n");
    return E_NOTIMPL;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_device_CheckFeatureSupport(ID3D11VideoDevice2 *iface,
        D3D11_FEATURE_VIDEO feature, void *feature_support_data, UINT feature_support_data_size)
{
    TRACE("iface %p, feature %#x, feature_support_data %p, feature_support_data_size %u.\n",
            iface, feature, feature_support_data, feature_support_data_size);

    if (!feature_support_data)
        return E_INVALIDARG;
    if (feature == D3D11_FEATURE_VIDEO_DECODER_HISTOGRAM)
    {
        D3D11_FEATURE_DATA_VIDEO_DECODER_HISTOGRAM *data = feature_support_data;

        if (feature_support_data_size != sizeof(*data))
            return E_INVALIDARG;
        /* No histograms. */
        data->Components = 0;
        data->BinCount = 0;
        data->CounterBitDepth = 0;
        return S_OK;
    }
    WARN("Unknown feature %#x.\n", feature);
    return E_INVALIDARG;
}

static const struct ID3D11VideoDevice2Vtbl d3d11_video_device_vtbl =
{
    /* IUnknown methods */
    d3d11_video_device_QueryInterface,
    d3d11_video_device_AddRef,
    d3d11_video_device_Release,
    /* ID3D11VideoDevice methods */
    d3d11_video_device_CreateVideoDecoder,
    d3d11_video_device_CreateVideoProcessor,
    d3d11_video_device_CreateAuthenticatedChannel,
    d3d11_video_device_CreateCryptoSession,
    d3d11_video_device_CreateVideoDecoderOutputView,
    d3d11_video_device_CreateVideoProcessorInputView,
    d3d11_video_device_CreateVideoProcessorOutputView,
    d3d11_video_device_CreateVideoProcessorEnumerator,
    d3d11_video_device_GetVideoDecoderProfileCount,
    d3d11_video_device_GetVideoDecoderProfile,
    d3d11_video_device_CheckVideoDecoderFormat,
    d3d11_video_device_GetVideoDecoderConfigCount,
    d3d11_video_device_GetVideoDecoderConfig,
    d3d11_video_device_GetContentProtectionCaps,
    d3d11_video_device_CheckCryptoKeyExchange,
    d3d11_video_device_SetPrivateData,
    d3d11_video_device_SetPrivateDataInterface,
    /* ID3D11VideoDevice1 methods */
    d3d11_video_device_GetCryptoSessionPrivateDataSize,
    d3d11_video_device_GetVideoDecoderCaps,
    d3d11_video_device_CheckVideoDecoderDownsampling,
    d3d11_video_device_RecommendVideoDecoderDownsampleParameters,
    /* ID3D11VideoDevice2 methods */
    d3d11_video_device_CheckFeatureSupport,
    d3d11_video_device_NegotiateCryptoSessionKeyExchangeMT,
};

void d3d11_video_device_init_vtbl(struct d3d11_device *device)
{
    device->ID3D11VideoDevice2_iface.lpVtbl = &d3d11_video_device_vtbl;
}

/* D3D11_FORMAT_SUPPORT bits for the video work vkdva implements on this device. */
UINT vkdva_video_format_support(struct d3d11_device *device, const struct vkdva_format *format)
{
    UINT support = 0, i, j;

    for (i = 0; i < vkdva_decoder_profile_count(device); ++i)
    {
        const struct vkdva_codec_ops *codec = vkdva_decoder_profile(device, i);

        for (j = 0; j < codec->format_count; ++j)
        {
            if (codec->formats[j] == format->dxgi_format && vkdva_decoder_select_backend(device, codec, codec->formats[j]))
                support |= D3D11_FORMAT_SUPPORT_DECODER_OUTPUT;
        }
    }
    support |= vkdva_vp_d3d11_format_support(device, format->dxgi_format);
    return support;
}
