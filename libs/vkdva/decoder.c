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
#include <openssl/crypto.h>

/* ID3D11VideoDecoder, ID3D11VideoDecoderOutputView and the codec-independent decode core:
 * buffers, frame assembly, status reports, backend choice. */

/* The status-report Execute function of the DXVA specifications (DXVA 2 "status reporting",
 * function 7), reached in D3D11 through ID3D11VideoContext::DecoderExtension. */
#define VKDVA_DXVA_STATUS_REPORT_FUNCTION 7u
#define VKDVA_MAX_STATUS_REPORTS 512u
/* Generous for 4K intra pictures; GetDecoderBuffer reports the size, clients check it. */
#define VKDVA_BITSTREAM_BUFFER_SIZE (8u << 20)
#define VKDVA_SLICE_CONTROL_BUFFER_SIZE (256u << 10)

/* DXVA_NoEncrypt, dxva.h: the configuration value for clear bitstreams. */
static const GUID vkdva_dxva_no_encrypt = {0x1b81bed0, 0xa0c7, 0x11d3, {0xb9, 0x84, 0x00, 0xc0, 0x4f, 0x2e, 0x73, 0xc5}};
static const GUID vkdva_guid_null;

static const struct vkdva_codec_ops *const vkdva_codecs[] =
{
    &vkdva_h264_ops,
    &vkdva_hevc_main_ops,
    &vkdva_hevc_main10_ops,
};

const struct vkdva_codec_ops *vkdva_codec_ops_from_profile(const GUID *profile)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(vkdva_codecs); ++i)
    {
        if (IsEqualGUID(vkdva_codecs[i]->profile, profile))
            return vkdva_codecs[i];
    }
    return NULL;
}

static const struct vkdva_decoder_backend_ops *const vkdva_backends[] =
{
    &vkdva_vk_decoder_backend,
#ifdef VKDVA_HAVE_LIBAVCODEC
    &vkdva_sw_decoder_backend,
#endif
    NULL,
};

/* VKDVA_DECODE_BACKEND=vulkan|software, else the device's vkdva_decode_backend_info, restricts
 * the choice to one backend. */
static const char *vkdva_forced_backend(const struct d3d11_device *device)
{
    enum vkdva_decode_backend backend = device->decode_backend;
    const char *env = getenv("VKDVA_DECODE_BACKEND");

    if (env && !strcmp(env, "vulkan"))
        backend = VKDVA_DECODE_BACKEND_VULKAN;
    else if (env && !strcmp(env, "software"))
        backend = VKDVA_DECODE_BACKEND_SOFTWARE;
    else if (env && *env)
        WARN_ONCE("Unknown VKDVA_DECODE_BACKEND value %s.\n", debugstr_a(env));
    switch (backend)
    {
        case VKDVA_DECODE_BACKEND_VULKAN:
            return vkdva_vk_decoder_backend.name;
        case VKDVA_DECODE_BACKEND_SOFTWARE:
            return "software (libavcodec)";
        default:
            return NULL;
    }
}

/* The first backend from index start on that decodes the codec to the format. */
static unsigned int vkdva_decoder_find_backend(struct d3d11_device *device, const struct vkdva_codec_ops *codec,
        DXGI_FORMAT format, unsigned int start)
{
    const char *forced = vkdva_forced_backend(device);
    unsigned int i;

    for (i = start; vkdva_backends[i]; ++i)
    {
        if (forced && strcmp(vkdva_backends[i]->name, forced))
            continue;
        if (vkdva_backends[i]->supports(device, codec, format))
            return i;
    }
    return i;
}

const struct vkdva_decoder_backend_ops *vkdva_decoder_select_backend(struct d3d11_device *device,
        const struct vkdva_codec_ops *codec, DXGI_FORMAT format)
{
    return vkdva_backends[vkdva_decoder_find_backend(device, codec, format, 0)];
}

bool vkdva_codec_usable(struct d3d11_device *device, const struct vkdva_codec_ops *codec)
{
    unsigned int i;

    for (i = 0; i < codec->format_count; ++i)
    {
        if (vkdva_decoder_select_backend(device, codec, codec->formats[i])
                && vkdva_device_has_format(device, codec->formats[i]))
            return true;
    }
    return false;
}

UINT vkdva_decoder_profile_count(struct d3d11_device *device)
{
    unsigned int i, count = 0;

    for (i = 0; i < ARRAY_SIZE(vkdva_codecs); ++i)
        count += vkdva_codec_usable(device, vkdva_codecs[i]);
    return count;
}

const struct vkdva_codec_ops *vkdva_decoder_profile(struct d3d11_device *device, UINT index)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(vkdva_codecs); ++i)
    {
        if (vkdva_codec_usable(device, vkdva_codecs[i]) && !index--)
            return vkdva_codecs[i];
    }
    return NULL;
}

/* ID3D11VideoDecoderOutputView */

static const struct ID3D11VideoDecoderOutputViewVtbl d3d11_video_decoder_output_view_vtbl;

static inline struct d3d11_video_decoder_output_view *impl_from_ID3D11VideoDecoderOutputView(
        ID3D11VideoDecoderOutputView *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_video_decoder_output_view, ID3D11VideoDecoderOutputView_iface);
}

struct d3d11_video_decoder_output_view *unsafe_impl_from_ID3D11VideoDecoderOutputView(
        ID3D11VideoDecoderOutputView *iface)
{
    if (!iface || iface->lpVtbl != &d3d11_video_decoder_output_view_vtbl)
        return NULL;
    return impl_from_ID3D11VideoDecoderOutputView(iface);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_decoder_output_view_QueryInterface(ID3D11VideoDecoderOutputView *iface,
        REFIID iid, void **out)
{
    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(iid, &IID_ID3D11VideoDecoderOutputView) || IsEqualGUID(iid, &IID_ID3D11View)
            || IsEqualGUID(iid, &IID_ID3D11DeviceChild) || IsEqualGUID(iid, &IID_IUnknown))
    {
        ID3D11VideoDecoderOutputView_AddRef(iface);
        *out = iface;
        return S_OK;
    }
    WARN("%s not implemented, returning E_NOINTERFACE.\n", debugstr_guid(iid));
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE d3d11_video_decoder_output_view_AddRef(ID3D11VideoDecoderOutputView *iface)
{
    struct d3d11_video_decoder_output_view *view = impl_from_ID3D11VideoDecoderOutputView(iface);
    unsigned int refcount = vkdva_atomic_increment_u32(&view->refcount);

    TRACE("%p increasing refcount to %u.\n", view, refcount);
    return refcount;
}

static ULONG STDMETHODCALLTYPE d3d11_video_decoder_output_view_Release(ID3D11VideoDecoderOutputView *iface)
{
    struct d3d11_video_decoder_output_view *view = impl_from_ID3D11VideoDecoderOutputView(iface);
    unsigned int refcount = vkdva_atomic_decrement_u32(&view->refcount);
    struct d3d11_device *device = view->device;

    TRACE("%p decreasing refcount to %u.\n", view, refcount);
    if (!refcount)
    {
        ID3D11Texture2D_Release(&view->texture->ID3D11Texture2D_iface);
        vkdva_private_store_destroy(&view->private_store);
        vkdva_free(view);
        ID3D11Device_Release(&device->ID3D11Device_iface);
    }
    return refcount;
}

static void STDMETHODCALLTYPE d3d11_video_decoder_output_view_GetDevice(ID3D11VideoDecoderOutputView *iface,
        ID3D11Device **device)
{
    struct d3d11_video_decoder_output_view *view = impl_from_ID3D11VideoDecoderOutputView(iface);

    TRACE("iface %p, device %p.\n", iface, device);

    *device = &view->device->ID3D11Device_iface;
    ID3D11Device_AddRef(*device);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_decoder_output_view_GetPrivateData(ID3D11VideoDecoderOutputView *iface,
        REFGUID guid, UINT *data_size, void *data)
{
    struct d3d11_video_decoder_output_view *view = impl_from_ID3D11VideoDecoderOutputView(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&view->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_decoder_output_view_SetPrivateData(ID3D11VideoDecoderOutputView *iface,
        REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_video_decoder_output_view *view = impl_from_ID3D11VideoDecoderOutputView(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&view->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_decoder_output_view_SetPrivateDataInterface(
        ID3D11VideoDecoderOutputView *iface, REFGUID guid, const IUnknown *data)
{
    struct d3d11_video_decoder_output_view *view = impl_from_ID3D11VideoDecoderOutputView(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&view->private_store, guid, data);
}

static void STDMETHODCALLTYPE d3d11_video_decoder_output_view_GetResource(ID3D11VideoDecoderOutputView *iface,
        ID3D11Resource **resource)
{
    struct d3d11_video_decoder_output_view *view = impl_from_ID3D11VideoDecoderOutputView(iface);

    TRACE("iface %p, resource %p.\n", iface, resource);

    *resource = (ID3D11Resource *)&view->texture->ID3D11Texture2D_iface;
    ID3D11Resource_AddRef(*resource);
}

static void STDMETHODCALLTYPE d3d11_video_decoder_output_view_GetDesc(ID3D11VideoDecoderOutputView *iface,
        D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC *desc)
{
    struct d3d11_video_decoder_output_view *view = impl_from_ID3D11VideoDecoderOutputView(iface);

    TRACE("iface %p, desc %p.\n", iface, desc);

    *desc = view->desc;
}

static const struct ID3D11VideoDecoderOutputViewVtbl d3d11_video_decoder_output_view_vtbl =
{
    /* IUnknown methods */
    d3d11_video_decoder_output_view_QueryInterface,
    d3d11_video_decoder_output_view_AddRef,
    d3d11_video_decoder_output_view_Release,
    /* ID3D11DeviceChild methods */
    d3d11_video_decoder_output_view_GetDevice,
    d3d11_video_decoder_output_view_GetPrivateData,
    d3d11_video_decoder_output_view_SetPrivateData,
    d3d11_video_decoder_output_view_SetPrivateDataInterface,
    /* ID3D11View methods */
    d3d11_video_decoder_output_view_GetResource,
    /* ID3D11VideoDecoderOutputView methods */
    d3d11_video_decoder_output_view_GetDesc,
};

HRESULT d3d11_video_decoder_output_view_create(struct d3d11_device *device, ID3D11Resource *resource,
        const D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC *desc, struct d3d11_video_decoder_output_view **out)
{
    struct d3d11_video_decoder_output_view *view;
    const struct vkdva_codec_ops *codec;
    struct d3d11_texture2d *texture;
    unsigned int i;

    if (!(texture = unsafe_impl_from_ID3D11Resource(resource)) || texture->device != device)
    {
        WARN("Invalid resource %p.\n", resource);
        return E_INVALIDARG;
    }
    if (!desc)
    {
        WARN("NULL desc.\n");
        return E_INVALIDARG;
    }
    if (desc->ViewDimension != D3D11_VDOV_DIMENSION_TEXTURE2D)
    {
        WARN("Invalid view dimension %#x.\n", desc->ViewDimension);
        return E_INVALIDARG;
    }
    if (!(texture->desc.BindFlags & D3D11_BIND_DECODER))
    {
        WARN("Texture %p was not created with D3D11_BIND_DECODER.\n", texture);
        return E_INVALIDARG;
    }
    if (desc->Texture2D.ArraySlice >= texture->desc.ArraySize)
    {
        WARN("Array slice %u outside the %u-slice texture.\n", desc->Texture2D.ArraySlice, texture->desc.ArraySize);
        return E_INVALIDARG;
    }
    if (!(codec = vkdva_codec_ops_from_profile(&desc->DecodeProfile)))
    {
        WARN("Unknown decoder profile %s.\n", debugstr_guid(&desc->DecodeProfile));
        return E_INVALIDARG;
    }
    for (i = 0; i < codec->format_count; ++i)
    {
        if (codec->formats[i] == texture->desc.Format)
            break;
    }
    if (i == codec->format_count)
    {
        WARN("Format %s cannot be an output of %s.\n", debug_dxgi_format(texture->desc.Format), codec->name);
        return E_INVALIDARG;
    }

    if (!(view = vkdva_calloc(1, sizeof(*view))))
        return E_OUTOFMEMORY;
    view->ID3D11VideoDecoderOutputView_iface.lpVtbl = &d3d11_video_decoder_output_view_vtbl;
    view->refcount = 1;
    vkdva_private_store_init(&view->private_store);
    view->device = device;
    view->desc = *desc;
    view->texture = texture;
    ID3D11Texture2D_AddRef(&texture->ID3D11Texture2D_iface);
    ID3D11Device_AddRef(&device->ID3D11Device_iface);
    *out = view;
    return S_OK;
}

/* ID3D11VideoDecoder */

static const struct ID3D11VideoDecoderVtbl d3d11_video_decoder_vtbl;

static inline struct d3d11_video_decoder *impl_from_ID3D11VideoDecoder(ID3D11VideoDecoder *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_video_decoder, ID3D11VideoDecoder_iface);
}

struct d3d11_video_decoder *unsafe_impl_from_ID3D11VideoDecoder(ID3D11VideoDecoder *iface)
{
    if (!iface || iface->lpVtbl != &d3d11_video_decoder_vtbl)
        return NULL;
    return impl_from_ID3D11VideoDecoder(iface);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_decoder_QueryInterface(ID3D11VideoDecoder *iface, REFIID iid, void **out)
{
    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(iid, &IID_ID3D11VideoDecoder) || IsEqualGUID(iid, &IID_ID3D11DeviceChild)
            || IsEqualGUID(iid, &IID_IUnknown))
    {
        ID3D11VideoDecoder_AddRef(iface);
        *out = iface;
        return S_OK;
    }
    WARN("%s not implemented, returning E_NOINTERFACE.\n", debugstr_guid(iid));
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE d3d11_video_decoder_AddRef(ID3D11VideoDecoder *iface)
{
    struct d3d11_video_decoder *decoder = impl_from_ID3D11VideoDecoder(iface);
    unsigned int refcount = vkdva_atomic_increment_u32(&decoder->refcount);

    TRACE("%p increasing refcount to %u.\n", decoder, refcount);
    return refcount;
}

static void d3d11_video_decoder_destroy(struct d3d11_video_decoder *decoder)
{
    struct d3d11_device *device = decoder->device;
    unsigned int i;

    if (decoder->output_view)
        ID3D11VideoDecoderOutputView_Release(&decoder->output_view->ID3D11VideoDecoderOutputView_iface);
    if (decoder->backend)
        decoder->backend_ops->destroy(decoder->backend);
    /* The reference ConfigureAuthenticatedChannel(CRYPTO_SESSION) took. */
    if (decoder->crypto_session)
        ID3D11CryptoSession_Release(&decoder->crypto_session->ID3D11CryptoSession_iface);
    /* After the backend: its decodes read the decryptor's buffers. */
    vkdva_bitstream_decryptor_destroy(decoder->bitstream_decryptor);
    for (i = 0; i < ARRAY_SIZE(decoder->buffers); ++i)
        vkdva_free(decoder->buffers[i].data);
    vkdva_free(decoder->statuses);
    if (decoder->clear_bitstream)
        OPENSSL_cleanse(decoder->clear_bitstream, VKDVA_BITSTREAM_BUFFER_SIZE);
    vkdva_free(decoder->clear_bitstream);
    vkdva_free(decoder->subsamples);
    vkdva_private_store_destroy(&decoder->private_store);
    vkdva_free(decoder);
    ID3D11Device_Release(&device->ID3D11Device_iface);
}

static ULONG STDMETHODCALLTYPE d3d11_video_decoder_Release(ID3D11VideoDecoder *iface)
{
    struct d3d11_video_decoder *decoder = impl_from_ID3D11VideoDecoder(iface);
    unsigned int refcount = vkdva_atomic_decrement_u32(&decoder->refcount);

    TRACE("%p decreasing refcount to %u.\n", decoder, refcount);
    if (!refcount)
        d3d11_video_decoder_destroy(decoder);
    return refcount;
}

static void STDMETHODCALLTYPE d3d11_video_decoder_GetDevice(ID3D11VideoDecoder *iface, ID3D11Device **device)
{
    struct d3d11_video_decoder *decoder = impl_from_ID3D11VideoDecoder(iface);

    TRACE("iface %p, device %p.\n", iface, device);

    *device = &decoder->device->ID3D11Device_iface;
    ID3D11Device_AddRef(*device);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_decoder_GetPrivateData(ID3D11VideoDecoder *iface,
        REFGUID guid, UINT *data_size, void *data)
{
    struct d3d11_video_decoder *decoder = impl_from_ID3D11VideoDecoder(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&decoder->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_decoder_SetPrivateData(ID3D11VideoDecoder *iface,
        REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_video_decoder *decoder = impl_from_ID3D11VideoDecoder(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&decoder->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_decoder_SetPrivateDataInterface(ID3D11VideoDecoder *iface,
        REFGUID guid, const IUnknown *data)
{
    struct d3d11_video_decoder *decoder = impl_from_ID3D11VideoDecoder(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&decoder->private_store, guid, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_video_decoder_GetCreationParameters(ID3D11VideoDecoder *iface,
        D3D11_VIDEO_DECODER_DESC *desc, D3D11_VIDEO_DECODER_CONFIG *config)
{
    struct d3d11_video_decoder *decoder = impl_from_ID3D11VideoDecoder(iface);

    TRACE("iface %p, desc %p, config %p.\n", iface, desc, config);

    if (!desc || !config)
        return E_INVALIDARG;
    *desc = decoder->desc;
    *config = decoder->config;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE d3d11_video_decoder_GetDriverHandle(ID3D11VideoDecoder *iface, HANDLE *handle)
{
    struct d3d11_video_decoder *decoder = impl_from_ID3D11VideoDecoder(iface);

    TRACE("iface %p, handle %p.\n", iface, handle);

    if (!handle)
        return E_INVALIDARG;
    /* The handle identifies the decoder to the authenticated channel (CONFIGURE_CRYPTO_SESSION). */
    *handle = decoder;
    return S_OK;
}

static const struct ID3D11VideoDecoderVtbl d3d11_video_decoder_vtbl =
{
    /* IUnknown methods */
    d3d11_video_decoder_QueryInterface,
    d3d11_video_decoder_AddRef,
    d3d11_video_decoder_Release,
    /* ID3D11DeviceChild methods */
    d3d11_video_decoder_GetDevice,
    d3d11_video_decoder_GetPrivateData,
    d3d11_video_decoder_SetPrivateData,
    d3d11_video_decoder_SetPrivateDataInterface,
    /* ID3D11VideoDecoder methods */
    d3d11_video_decoder_GetCreationParameters,
    d3d11_video_decoder_GetDriverHandle,
};

static UINT vkdva_decoder_buffer_size(const struct d3d11_video_decoder *decoder, D3D11_VIDEO_DECODER_BUFFER_TYPE type)
{
    switch (type)
    {
        case D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS:
            return vkdva_align(decoder->codec->picture_params_size + 1024, 256);
        case D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX:
            return vkdva_align(decoder->codec->qmatrix_size, 256);
        case D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL:
            return VKDVA_SLICE_CONTROL_BUFFER_SIZE;
        case D3D11_VIDEO_DECODER_BUFFER_BITSTREAM:
            return VKDVA_BITSTREAM_BUFFER_SIZE;
        default:
            return 0;
    }
}

HRESULT d3d11_video_decoder_create(struct d3d11_device *device, const D3D11_VIDEO_DECODER_DESC *desc,
        const D3D11_VIDEO_DECODER_CONFIG *config, struct d3d11_video_decoder **out)
{
    const struct vkdva_decoder_backend_ops *backend_ops;
    const struct vkdva_codec_ops *codec;
    struct d3d11_video_decoder *decoder;
    unsigned int i;
    HRESULT hr;

    if (!desc || !config)
    {
        WARN("NULL desc %p or config %p.\n", desc, config);
        return E_INVALIDARG;
    }
    if (!(codec = vkdva_codec_ops_from_profile(&desc->Guid)))
    {
        WARN("Unsupported decoder profile %s.\n", debugstr_guid(&desc->Guid));
        return E_INVALIDARG;
    }
    if (!(backend_ops = vkdva_decoder_select_backend(device, codec, desc->OutputFormat)))
    {
        WARN("No backend decodes %s to %s.\n", codec->name, debug_dxgi_format(desc->OutputFormat));
        return E_INVALIDARG;
    }
    if (!desc->SampleWidth || !desc->SampleHeight || desc->SampleWidth > codec->max_width
            || desc->SampleHeight > codec->max_height)
    {
        WARN("Invalid size %ux%u for %s.\n", desc->SampleWidth, desc->SampleHeight, codec->name);
        return E_INVALIDARG;
    }
    if (!codec->slice_control_entry_size(config->ConfigBitstreamRaw))
    {
        WARN("Unsupported ConfigBitstreamRaw %u.\n", config->ConfigBitstreamRaw);
        return E_INVALIDARG;
    }
    /* D3D11_CRYPTO_TYPE_AES128_CTR announces AES-CTR bitstreams; whether a buffer is encrypted
     * is said per buffer (pIV), with the keys of the decoder's crypto session. */
    if (!IsEqualGUID(&config->guidConfigBitstreamEncryption, &vkdva_dxva_no_encrypt)
            && !IsEqualGUID(&config->guidConfigBitstreamEncryption, &vkdva_guid_null)
            && !IsEqualGUID(&config->guidConfigBitstreamEncryption, &D3D11_CRYPTO_TYPE_AES128_CTR))
    {
        FIXME("Bitstream encryption %s is not supported.\n", debugstr_guid(&config->guidConfigBitstreamEncryption));
        return E_INVALIDARG;
    }

    if (!(decoder = vkdva_calloc(1, sizeof(*decoder))))
        return E_OUTOFMEMORY;
    decoder->ID3D11VideoDecoder_iface.lpVtbl = &d3d11_video_decoder_vtbl;
    decoder->refcount = 1;
    vkdva_private_store_init(&decoder->private_store);
    decoder->device = device;
    decoder->desc = *desc;
    decoder->config = *config;
    decoder->codec = codec;
    ID3D11Device_AddRef(&device->ID3D11Device_iface);

    /* A backend that cannot take this decoder (a size outside the video queue's coded extents,
     * say) leaves it to the next one. */
    hr = E_INVALIDARG;
    for (i = 0; vkdva_backends[i = vkdva_decoder_find_backend(device, codec, desc->OutputFormat, i)]; ++i)
    {
        decoder->backend_ops = backend_ops = vkdva_backends[i];
        if (SUCCEEDED(hr = backend_ops->create(decoder, &decoder->backend)))
            break;
        WARN("The %s backend cannot create a %ux%u %s decoder, hr %#x.\n", backend_ops->name, desc->SampleWidth,
                desc->SampleHeight, codec->name, hr);
        decoder->backend = NULL;
    }
    if (FAILED(hr))
    {
        d3d11_video_decoder_destroy(decoder);
        return hr;
    }
    TRACE("Created %s decoder %p (%ux%u, %s) on the %s backend.\n", codec->name, decoder, desc->SampleWidth,
            desc->SampleHeight, debug_dxgi_format(desc->OutputFormat), backend_ops->name);
    *out = decoder;
    return S_OK;
}

HRESULT vkdva_decoder_begin_frame(struct d3d11_video_decoder *decoder,
        struct d3d11_video_decoder_output_view *view, UINT key_size, const void *key)
{
    static const uint8_t zero_key[VKDVA_AES_KEY_SIZE];
    struct d3d11_crypto_session *session = decoder->crypto_session;
    uint8_t content_key[VKDVA_AES_KEY_SIZE];
    HRESULT hr;

    if (decoder->in_frame)
    {
        WARN("DecoderBeginFrame called twice without DecoderEndFrame.\n");
        return E_INVALIDARG;
    }
    if (!IsEqualGUID(&view->desc.DecodeProfile, &decoder->desc.Guid))
    {
        WARN("View profile %s does not match the decoder's %s.\n", debugstr_guid(&view->desc.DecodeProfile),
                debugstr_guid(&decoder->desc.Guid));
        return E_INVALIDARG;
    }
    if (view->texture->desc.Format != decoder->desc.OutputFormat)
    {
        WARN("View format %s does not match the decoder's %s.\n", debug_dxgi_format(view->texture->desc.Format),
                debug_dxgi_format(decoder->desc.OutputFormat));
        return E_INVALIDARG;
    }
    if (view->texture->desc.Width < decoder->desc.SampleWidth || view->texture->desc.Height < decoder->desc.SampleHeight)
    {
        WARN("View texture %ux%u is smaller than the decoder's %ux%u.\n", view->texture->desc.Width,
                view->texture->desc.Height, decoder->desc.SampleWidth, decoder->desc.SampleHeight);
        return E_INVALIDARG;
    }
    /* On a removed device nothing completes: E_PENDING would have the client retry forever. */
    if (FAILED(hr = vkdva_device_check_removed(decoder->device)))
        return hr;
    /* "Returns E_PENDING if the hardware is busy" (ID3D11VideoContext::DecoderBeginFrame): the
     * target slice is busy while the decode that last wrote it is in flight. Waiting here
     * would stall the caller's thread; clients retry, as the documentation tells them to. */
    if (view->last_decode.stream && view->last_decode.value > view->last_decode.stream->submitted_value)
        vkdva_command_stream_flush(view->last_decode.stream);
    if (view->last_decode.stream && !vkdva_command_stream_is_complete(view->last_decode.stream,
            view->last_decode.value))
    {
        TRACE("Output view %p is still being decoded into.\n", view);
        return E_PENDING;
    }
    /* Protected decode (DESIGN decision 4): a decoder bound to a crypto session writes protected
     * surfaces; the content key is ECB-wrapped by the session key, all zeros (or none) meaning
     * the session key itself (DecoderBeginFrame documentation). */
    if ((key_size || key || vkdva_texture_is_protected(view->texture)) && !session)
    {
        WARN("Content key %p (%u bytes) or protected output without a crypto session bound to the decoder.\n",
                key, key_size);
        return E_INVALIDARG;
    }
    if (key ? key_size != VKDVA_AES_KEY_SIZE : key_size != 0)
    {
        WARN("Invalid content key %p, size %u.\n", key, key_size);
        return E_INVALIDARG;
    }
    if (session && !session->key_set)
    {
        WARN("Crypto session %p has no session key yet.\n", session);
        return E_INVALIDARG;
    }
    if (session && !view->texture->protected && view->texture->is_wrapped)
    {
        FIXME("Protected decoding into an imported image is not supported.\n");
        return E_NOTIMPL;
    }
    if (session)
    {
        if (!key || !memcmp(key, zero_key, sizeof(zero_key)))
            memcpy(content_key, session->key, sizeof(content_key));
        else if (FAILED(hr = vkdva_protect_unwrap_key(session, key, content_key)))
            return hr;
        /* The output of a decoder bound to a crypto session is a protected surface. */
        if (FAILED(hr = vkdva_protect_texture_init(view->texture)))
            return hr;
    }

    memset(&decoder->frame, 0, sizeof(decoder->frame));
    if (session)
    {
        decoder->frame.crypto_session = session;
        memcpy(decoder->frame.content_key, content_key, sizeof(content_key));
        memset(content_key, 0, sizeof(content_key));
    }
    decoder->frame.output = view->texture;
    decoder->frame.output_slice = view->desc.Texture2D.ArraySlice;
    decoder->frame.max_width = decoder->desc.SampleWidth;
    decoder->frame.max_height = decoder->desc.SampleHeight;
    decoder->output_view = view;
    ID3D11VideoDecoderOutputView_AddRef(&view->ID3D11VideoDecoderOutputView_iface);
    decoder->in_frame = true;
    return S_OK;
}

HRESULT vkdva_decoder_get_buffer(struct d3d11_video_decoder *decoder, D3D11_VIDEO_DECODER_BUFFER_TYPE type,
        UINT *size, void **data)
{
    UINT buffer_size;

    if (type >= ARRAY_SIZE(decoder->buffers) || !(buffer_size = vkdva_decoder_buffer_size(decoder, type)))
    {
        WARN("Buffer type %#x is not used by %s.\n", type, decoder->codec->name);
        return E_INVALIDARG;
    }
    if (decoder->buffers[type].acquired)
    {
        WARN("Buffer type %#x is already acquired.\n", type);
        return E_INVALIDARG;
    }
    if (!decoder->buffers[type].data)
    {
        if (!(decoder->buffers[type].data = vkdva_calloc(1, buffer_size)))
            return E_OUTOFMEMORY;
        decoder->buffers[type].size = buffer_size;
    }
    decoder->buffers[type].acquired = true;
    *size = decoder->buffers[type].size;
    *data = decoder->buffers[type].data;
    return S_OK;
}

HRESULT vkdva_decoder_release_buffer(struct d3d11_video_decoder *decoder, D3D11_VIDEO_DECODER_BUFFER_TYPE type)
{
    if (type >= ARRAY_SIZE(decoder->buffers) || !decoder->buffers[type].acquired)
    {
        WARN("Buffer type %#x was not acquired.\n", type);
        return E_INVALIDARG;
    }
    decoder->buffers[type].acquired = false;
    return S_OK;
}

/* Whether an encrypted bitstream goes to the backend as ciphertext, to be decrypted on the GPU
 * into a buffer no API call reaches (protect_bitstream.c): what every backend that can does,
 * so that no plaintext bitstream passes through CPU memory beyond the slice headers the codec
 * reads. VKDVA_GPU_BITSTREAM_DECRYPT=0 asks for the CPU decryption instead (a debugging aid;
 * docs/CONTENT-PROTECTION.md). */
static bool vkdva_decoder_decrypts_on_gpu(const struct d3d11_video_decoder *decoder)
{
    static int enabled = -1;
    const char *env;
    int value;

    if (!decoder->backend_ops->decrypts_bitstream)
        return false;
    if ((value = __atomic_load_n(&enabled, __ATOMIC_RELAXED)) < 0)
    {
        value = !(env = getenv("VKDVA_GPU_BITSTREAM_DECRYPT")) || !*env || atoi(env) > 0;
        __atomic_store_n(&enabled, value, __ATOMIC_RELAXED);
    }
    return value;
}

/* The encryption of a bitstream buffer the backend decrypts, copied: the application's
 * descriptions need not outlive SubmitDecoderBuffers (room for the blocks is reserved). */
static void vkdva_decoder_set_encryption(struct d3d11_video_decoder *decoder,
        const D3D11_VIDEO_DECODER_BUFFER_DESC *desc, const D3D11_VIDEO_DECODER_BUFFER_DESC1 *desc1)
{
    /* A sub-sample map of no blocks leaves the whole buffer clear; it is not "no map". */
    static const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK no_blocks;
    struct vkdva_bitstream_encryption *encryption = &decoder->frame.encryption;

    memcpy(encryption->iv, desc->pIV, sizeof(encryption->iv));
    if ((encryption->partial = desc->PartialEncryption))
        encryption->pattern = desc->EncryptedBlockInfo;
    if (desc1 && desc1->pSubSampleMappingBlock)
    {
        if ((encryption->subsample_count = desc1->SubSampleMappingCount))
            memcpy(decoder->subsamples, desc1->pSubSampleMappingBlock,
                    desc1->SubSampleMappingCount * sizeof(*decoder->subsamples));
        encryption->subsamples = encryption->subsample_count ? decoder->subsamples : &no_blocks;
    }
}

/* With a backend that decrypts the bitstream on the GPU, the codec still reads slice headers
 * on the CPU (Vulkan Video wants StdVideo fields DXVA does not carry): the first
 * vk_slice_header_bytes of each slice named by the slice control are decrypted into
 * clear_bitstream (wipe: cleared again instead), and the codec reads no further. Every DXVA
 * slice control structure (DXVA_Slice_H264_Short/Long, DXVA_Slice_HEVC_Short) starts with
 * BSNALunitDataLocation and SliceBytesInBuffer. Slices outside the buffer are left to the
 * codec to refuse. */
static HRESULT vkdva_decoder_slice_headers(struct d3d11_video_decoder *decoder, bool wipe)
{
    struct vkdva_decode_frame *frame = &decoder->frame;
    size_t entry_size, count, i, limit;
    UINT location_size[2];
    HRESULT hr;

    limit = decoder->codec->vk_slice_header_bytes;
    entry_size = decoder->codec->slice_control_entry_size(decoder->config.ConfigBitstreamRaw);
    count = frame->slice_control_size / entry_size;
    for (i = 0; i < count; ++i)
    {
        memcpy(location_size, (const BYTE *)frame->slice_control + i * entry_size, sizeof(location_size));
        if (location_size[0] >= frame->bitstream_size)
            continue;
        location_size[1] = vkdva_min_u(vkdva_min_u(location_size[1], frame->bitstream_size - location_size[0]),
                limit);
        if (wipe)
            OPENSSL_cleanse(decoder->clear_bitstream + location_size[0], location_size[1]);
        else if (FAILED(hr = vkdva_bitstream_decrypt_range(frame->content_key, &frame->encryption,
                frame->ciphertext, decoder->clear_bitstream, frame->bitstream_size, location_size[0],
                location_size[0] + location_size[1])))
            return hr;
    }
    frame->slice_header_limit = wipe ? 0 : limit;
    return S_OK;
}

HRESULT vkdva_decoder_submit_buffers(struct d3d11_video_decoder *decoder, UINT count,
        const D3D11_VIDEO_DECODER_BUFFER_DESC *descs)
{
    return vkdva_decoder_submit_buffers1(decoder, count, descs, NULL);
}

HRESULT vkdva_decoder_submit_buffers1(struct d3d11_video_decoder *decoder, UINT count,
        const D3D11_VIDEO_DECODER_BUFFER_DESC *descs, const D3D11_VIDEO_DECODER_BUFFER_DESC1 *descs1)
{
    const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *subsamples;
    struct vkdva_decode_frame *frame = &decoder->frame;
    const D3D11_VIDEO_DECODER_BUFFER_DESC *desc;
    UINT i, type, subsample_count;
    size_t entry_size;
    const BYTE *data;
    HRESULT hr;

    if (!decoder->in_frame)
    {
        WARN("SubmitDecoderBuffers outside DecoderBeginFrame/DecoderEndFrame.\n");
        return E_INVALIDARG;
    }
    if (!count || !descs)
    {
        WARN("Invalid buffer count %u or descs %p.\n", count, descs);
        return E_INVALIDARG;
    }

    /* Check everything before recording anything: a failed call changes nothing. */
    for (i = 0; i < count; ++i)
    {
        desc = &descs[i];
        type = desc->BufferType;
        if (type >= ARRAY_SIZE(decoder->buffers) || !decoder->buffers[type].data)
        {
            WARN("Buffer %u: type %#x was never obtained with GetDecoderBuffer.\n", i, type);
            return E_INVALIDARG;
        }
        if (decoder->buffers[type].acquired)
        {
            WARN("Buffer %u: type %#x is still acquired.\n", i, type);
            return E_INVALIDARG;
        }
        if (desc->DataOffset > decoder->buffers[type].size || desc->DataSize > decoder->buffers[type].size - desc->DataOffset)
        {
            WARN("Buffer %u: offset %u, size %u outside the %u-byte buffer.\n", i, desc->DataOffset,
                    desc->DataSize, decoder->buffers[type].size);
            return E_INVALIDARG;
        }
        subsamples = descs1 ? descs1[i].pSubSampleMappingBlock : NULL;
        subsample_count = descs1 ? descs1[i].SubSampleMappingCount : 0;
        if (desc->pIV || desc->IVSize || desc->PartialEncryption || subsamples || subsample_count)
        {
            /* Only bitstream buffers carry encrypted data, AES-CTR with a 16-byte
             * D3D11_AES_CTR_IV, under the keys of the decoder's crypto session. */
            if (!frame->crypto_session)
            {
                WARN("Buffer %u: encrypted, but the frame has no crypto session.\n", i);
                return E_INVALIDARG;
            }
            if (type != D3D11_VIDEO_DECODER_BUFFER_BITSTREAM || !desc->pIV || desc->IVSize != 2 * sizeof(UINT64))
            {
                WARN("Buffer %u: type %#x, IV %p, IV size %u: only bitstream buffers may be encrypted, with a "
                        "16-byte IV.\n", i, type, desc->pIV, desc->IVSize);
                return E_INVALIDARG;
            }
            if ((desc->PartialEncryption && (subsamples || subsample_count)) || (!subsamples && subsample_count))
            {
                WARN("Buffer %u: partial encryption %#x with %u sub-sample blocks %p.\n", i,
                        desc->PartialEncryption, subsample_count, subsamples);
                return E_INVALIDARG;
            }
            if (!decoder->clear_bitstream && !(decoder->clear_bitstream = vkdva_calloc(1, VKDVA_BITSTREAM_BUFFER_SIZE)))
                return E_OUTOFMEMORY;
            if (subsample_count && !vkdva_array_reserve((void **)&decoder->subsamples, &decoder->subsamples_size,
                    subsample_count, sizeof(*decoder->subsamples)))
                return E_OUTOFMEMORY;
            /* The blocks of a bitstream submitted earlier in the frame may have moved. */
            if (frame->encryption.subsample_count)
                frame->encryption.subsamples = decoder->subsamples;
        }
        switch (type)
        {
            case D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS:
                if (desc->DataSize < decoder->codec->picture_params_size)
                {
                    WARN("Picture parameters of %u bytes, expected %zu.\n", desc->DataSize,
                            decoder->codec->picture_params_size);
                    return E_INVALIDARG;
                }
                break;
            case D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX:
                if (desc->DataSize < decoder->codec->qmatrix_size)
                {
                    WARN("Quantisation matrices of %u bytes, expected %zu.\n", desc->DataSize,
                            decoder->codec->qmatrix_size);
                    return E_INVALIDARG;
                }
                break;
            case D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL:
                entry_size = decoder->codec->slice_control_entry_size(decoder->config.ConfigBitstreamRaw);
                if (!desc->DataSize || desc->DataSize % entry_size)
                {
                    WARN("Slice control of %u bytes is not a multiple of %zu.\n", desc->DataSize, entry_size);
                    return E_INVALIDARG;
                }
                break;
            case D3D11_VIDEO_DECODER_BUFFER_BITSTREAM:
                break;
            default:
                WARN("Buffer type %#x is not used by %s.\n", type, decoder->codec->name);
                return E_INVALIDARG;
        }
    }

    for (i = 0; i < count; ++i)
    {
        desc = &descs[i];
        data = decoder->buffers[desc->BufferType].data + desc->DataOffset;
        switch (desc->BufferType)
        {
            case D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS:
                frame->picture_params = data;
                frame->picture_params_size = desc->DataSize;
                break;
            case D3D11_VIDEO_DECODER_BUFFER_INVERSE_QUANTIZATION_MATRIX:
                frame->qmatrix = data;
                frame->qmatrix_size = desc->DataSize;
                break;
            case D3D11_VIDEO_DECODER_BUFFER_SLICE_CONTROL:
                frame->slice_control = data;
                frame->slice_control_size = desc->DataSize;
                break;
            case D3D11_VIDEO_DECODER_BUFFER_BITSTREAM:
                frame->ciphertext = NULL;
                memset(&frame->encryption, 0, sizeof(frame->encryption));
                if (desc->pIV && vkdva_decoder_decrypts_on_gpu(decoder))
                {
                    /* The backend decrypts on the GPU; DecoderEndFrame decrypts the slice
                     * headers the codec reads, and nothing more, on the CPU. */
                    vkdva_decoder_set_encryption(decoder, desc, descs1 ? &descs1[i] : NULL);
                    frame->ciphertext = data;
                    data = decoder->clear_bitstream;
                }
                else if (desc->pIV)
                {
                    /* Decrypted on the CPU into vkdva's private copy: the software backend
                     * decodes on the CPU anyway. */
                    if (FAILED(hr = vkdva_protect_decrypt_buffer(frame->content_key, desc->pIV,
                            desc->PartialEncryption ? &desc->EncryptedBlockInfo : NULL,
                            descs1 ? descs1[i].pSubSampleMappingBlock : NULL,
                            descs1 ? descs1[i].SubSampleMappingCount : 0, data, decoder->clear_bitstream,
                            desc->DataSize)))
                        return hr;
                    data = decoder->clear_bitstream;
                }
                frame->bitstream = data;
                frame->bitstream_size = desc->DataSize;
                break;
            default:
                break;
        }
    }
    return S_OK;
}

static void vkdva_decoder_finish_frame(struct d3d11_video_decoder *decoder)
{
    decoder->in_frame = false;
    if (decoder->output_view)
        ID3D11VideoDecoderOutputView_Release(&decoder->output_view->ID3D11VideoDecoderOutputView_iface);
    decoder->output_view = NULL;
    memset(&decoder->frame, 0, sizeof(decoder->frame));
}

HRESULT vkdva_decoder_end_frame(struct d3d11_video_decoder *decoder)
{
    struct vkdva_decode_frame *frame = &decoder->frame;
    HRESULT hr;

    if (!decoder->in_frame)
    {
        WARN("DecoderEndFrame without DecoderBeginFrame.\n");
        return E_INVALIDARG;
    }
    /* D3D11 allows a frame to be submitted in several SubmitDecoderBuffers calls; decoding
     * happens once everything is there. A frame with no data decodes nothing. */
    if (!frame->picture_params || !frame->slice_control || !frame->bitstream)
    {
        if (frame->picture_params || frame->slice_control || frame->bitstream)
            WARN("Incomplete frame: picture parameters %p, slice control %p, bitstream %p.\n",
                    frame->picture_params, frame->slice_control, frame->bitstream);
        vkdva_decoder_finish_frame(decoder);
        return S_OK;
    }
    if (frame->ciphertext && FAILED(hr = vkdva_decoder_slice_headers(decoder, false)))
    {
        vkdva_decoder_slice_headers(decoder, true);
        vkdva_decoder_finish_frame(decoder);
        return hr;
    }
    hr = decoder->backend_ops->decode(decoder->backend, frame);
    if (SUCCEEDED(hr))
        decoder->output_view->last_decode = frame->output->last_use;
    /* No plaintext stays behind on the CPU: the slice-header prefixes, or the whole buffer
     * decrypted for the software backend (which copied it). */
    if (frame->ciphertext)
        vkdva_decoder_slice_headers(decoder, true);
    else if (frame->bitstream == decoder->clear_bitstream)
        OPENSSL_cleanse(decoder->clear_bitstream, frame->bitstream_size);
    vkdva_decoder_finish_frame(decoder);
    return hr;
}

void vkdva_decoder_add_status(struct d3d11_video_decoder *decoder, const struct vkdva_decode_status *status)
{
    if (decoder->status_count == VKDVA_MAX_STATUS_REPORTS)
    {
        /* Nobody reads them: keep the newest. */
        memmove(decoder->statuses, decoder->statuses + 1, (decoder->status_count - 1) * sizeof(*decoder->statuses));
        --decoder->status_count;
    }
    if (!vkdva_array_reserve((void **)&decoder->statuses, &decoder->statuses_size,
            decoder->status_count + 1, sizeof(*decoder->statuses)))
        return;
    decoder->statuses[decoder->status_count++] = *status;
}

HRESULT vkdva_decoder_extension(struct d3d11_video_decoder *decoder, const D3D11_VIDEO_DECODER_EXTENSION *ext)
{
    size_t status_size = decoder->codec->status_size, count, i;

    if (decoder->backend_ops->collect_statuses)
        decoder->backend_ops->collect_statuses(decoder->backend);

    if (ext->Function != VKDVA_DXVA_STATUS_REPORT_FUNCTION)
    {
        FIXME("Decoder extension function %#x is not supported.\n", ext->Function);
        return E_INVALIDARG;
    }
    if (!ext->pPrivateOutputData || ext->PrivateOutputDataSize < status_size || ext->ResourceCount)
    {
        WARN("Invalid status report output %p, %u bytes, %u resources.\n", ext->pPrivateOutputData,
                ext->PrivateOutputDataSize, ext->ResourceCount);
        return E_INVALIDARG;
    }
    /* Reports are returned in decode order and then forgotten; unused entries are zeroed
     * (StatusReportFeedbackNumber 0 never names a picture). */
    count = vkdva_min_u(ext->PrivateOutputDataSize / status_size, decoder->status_count);
    memset(ext->pPrivateOutputData, 0, ext->PrivateOutputDataSize);
    for (i = 0; i < count; ++i)
        decoder->codec->write_status(&decoder->statuses[i], (BYTE *)ext->pPrivateOutputData + i * status_size);
    if (count)
        memmove(decoder->statuses, decoder->statuses + count,
                (decoder->status_count - count) * sizeof(*decoder->statuses));
    decoder->status_count -= count;
    return S_OK;
}

HRESULT vkdva_decoder_floor_capture(ID3D11VideoDecoder *iface, unsigned int picture_count)
{
    struct d3d11_video_decoder *decoder = unsafe_impl_from_ID3D11VideoDecoder(iface);
    HRESULT hr;

    if (!decoder->backend_ops->floor_capture)
    {
        FIXME("The %s backend has no floor mode.\n", decoder->backend_ops->name);
        return E_NOTIMPL;
    }
    vkdva_device_lock(decoder->device);
    hr = decoder->backend_ops->floor_capture(decoder->backend, picture_count);
    vkdva_device_unlock(decoder->device);
    return hr;
}

HRESULT vkdva_decoder_floor_replay(ID3D11VideoDecoder *iface, unsigned int repeat)
{
    struct d3d11_video_decoder *decoder = unsafe_impl_from_ID3D11VideoDecoder(iface);

    if (!decoder->backend_ops->floor_replay)
    {
        FIXME("The %s backend has no floor mode.\n", decoder->backend_ops->name);
        return E_NOTIMPL;
    }
    /* Not under the device lock: the replay waits for the GPU, as a direct client would. */
    return decoder->backend_ops->floor_replay(decoder->backend, repeat);
}
