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
#ifndef __VKDVA_VIDEO_METHODS_H
#define __VKDVA_VIDEO_METHODS_H

#include "vkdva_private.h"

/* Methods of ID3D11VideoDevice2 and ID3D11VideoContext3 implemented next to the objects they
 * concern (processor.c, crypto.c, protect.c, channel.c); video_device.c and video_context.c hold
 * the vtables. */

static inline struct d3d11_device *impl_from_ID3D11VideoDevice2(ID3D11VideoDevice2 *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_device, ID3D11VideoDevice2_iface);
}

static inline struct d3d11_immediate_context *impl_from_ID3D11VideoContext3(ID3D11VideoContext3 *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_immediate_context, ID3D11VideoContext3_iface);
}

/* processor.c */
UINT vkdva_vp_d3d11_format_support(struct d3d11_device *device, DXGI_FORMAT format);
HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessor(ID3D11VideoDevice2 *iface,
        ID3D11VideoProcessorEnumerator *enum_, UINT rate_conversion_index, ID3D11VideoProcessor **video_processor);
HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessorInputView(ID3D11VideoDevice2 *iface,
        ID3D11Resource *resource, ID3D11VideoProcessorEnumerator *enum_,
        const D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC *desc, ID3D11VideoProcessorInputView **vpi_view);
HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessorOutputView(ID3D11VideoDevice2 *iface,
        ID3D11Resource *resource, ID3D11VideoProcessorEnumerator *enum_,
        const D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC *desc, ID3D11VideoProcessorOutputView **vpo_view);
HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateVideoProcessorEnumerator(ID3D11VideoDevice2 *iface,
        const D3D11_VIDEO_PROCESSOR_CONTENT_DESC *desc, ID3D11VideoProcessorEnumerator **enum_);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputTargetRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable, const RECT *rect);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputBackgroundColor(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL y_cb_cr, const D3D11_VIDEO_COLOR *color);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputAlphaFillMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE alpha_fill_mode, UINT stream_idx);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputConstriction(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable, SIZE size);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputStereoMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL enable);
HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const GUID *guid, UINT data_size, void *data_);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputTargetRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled, RECT *rect);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputBackgroundColor(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *y_cb_cr, D3D11_VIDEO_COLOR *color);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputAlphaFillMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, D3D11_VIDEO_PROCESSOR_ALPHA_FILL_MODE *alpha_fill_mode, UINT *stream_idx);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputConstriction(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled, SIZE *size);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputStereoMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *enabled);
HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, const GUID *guid, UINT data_size, void *data_);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamFrameFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_FRAME_FORMAT format);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamOutputRate(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_OUTPUT_RATE rate, BOOL repeat,
        const DXGI_RATIONAL *custom_rate);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamSourceRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const RECT *rect);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamDestRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const RECT *rect);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamAlpha(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, float alpha);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamPalette(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, UINT entry_count, const UINT *entries);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamPixelAspectRatio(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, const DXGI_RATIONAL *src_aspect_ratio,
        const DXGI_RATIONAL *dst_aspect_ratio);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamLumaKey(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, float lower, float upper);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamStereoFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, D3D11_VIDEO_PROCESSOR_STEREO_FORMAT format,
        BOOL left_view_frame0, BOOL base_view_frame0, D3D11_VIDEO_PROCESSOR_STEREO_FLIP_MODE flip_mode, int mono_offset);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamAutoProcessingMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamFilter(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_FILTER filter, BOOL enable, int level);
HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const GUID *guid, UINT data_size, void *data_);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamFrameFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_FRAME_FORMAT *format);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamColorSpace(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_COLOR_SPACE *color_space);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamOutputRate(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_OUTPUT_RATE *rate, BOOL *repeat,
        DXGI_RATIONAL *custom_rate);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamSourceRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, RECT *rect);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamDestRect(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, RECT *rect);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamAlpha(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, float *alpha);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamPalette(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, UINT entry_count, UINT *entries);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamPixelAspectRatio(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, DXGI_RATIONAL *src_aspect_ratio,
        DXGI_RATIONAL *dst_aspect_ratio);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamLumaKey(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, float *lower, float *upper);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamStereoFormat(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled, D3D11_VIDEO_PROCESSOR_STEREO_FORMAT *format,
        BOOL *left_view_frame0, BOOL *base_view_frame0, D3D11_VIDEO_PROCESSOR_STEREO_FLIP_MODE *flip_mode,
        int *mono_offset);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamAutoProcessingMode(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enabled);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamFilter(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, D3D11_VIDEO_PROCESSOR_FILTER filter, BOOL *enabled,
        int *level);
HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamExtension(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, const GUID *guid, UINT data_size, void *data_);
HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorBlt(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, ID3D11VideoProcessorOutputView *view, UINT frame_idx, UINT stream_count,
        const D3D11_VIDEO_PROCESSOR_STREAM *streams);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamRotation(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL enable, D3D11_VIDEO_PROCESSOR_ROTATION rotation);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamRotation(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_idx, BOOL *enable, D3D11_VIDEO_PROCESSOR_ROTATION *rotation);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_COLOR_SPACE_TYPE colour_space);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputShaderUsage(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL shader_usage);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_COLOR_SPACE_TYPE *colour_space);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputShaderUsage(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, BOOL *shader_usage);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_COLOR_SPACE_TYPE colour_space);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamMirror(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, BOOL enable, BOOL flip_horizontal, BOOL flip_vertical);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamColorSpace1(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_COLOR_SPACE_TYPE *colour_space);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamMirror(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, BOOL *enable, BOOL *flip_horizontal, BOOL *flip_vertical);
HRESULT STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetBehaviorHints(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT output_width, UINT output_height, DXGI_FORMAT output_format,
        UINT stream_count, const D3D11_VIDEO_PROCESSOR_STREAM_BEHAVIOR_HINT *streams, UINT *behaviour_hints);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetOutputHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_HDR_METADATA_TYPE type, UINT size, const void *meta_data);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetOutputHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, DXGI_HDR_METADATA_TYPE *type, UINT size, void *meta_data);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorSetStreamHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_HDR_METADATA_TYPE type, UINT size,
        const void *meta_data);
void STDMETHODCALLTYPE d3d11_video_context_VideoProcessorGetStreamHDRMetaData(ID3D11VideoContext3 *iface,
        ID3D11VideoProcessor *processor, UINT stream_index, DXGI_HDR_METADATA_TYPE *type, UINT size, void *meta_data);

/* crypto.c */
HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateCryptoSession(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, const GUID *key_exchange_type,
        ID3D11CryptoSession **crypto_session);
HRESULT STDMETHODCALLTYPE d3d11_video_device_GetContentProtectionCaps(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, D3D11_VIDEO_CONTENT_PROTECTION_CAPS *caps);
HRESULT STDMETHODCALLTYPE d3d11_video_device_CheckCryptoKeyExchange(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, UINT index, GUID *key_exchange_type);
HRESULT STDMETHODCALLTYPE d3d11_video_device_GetCryptoSessionPrivateDataSize(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, const GUID *key_exchange_type, UINT *input_size,
        UINT *output_size);
HRESULT STDMETHODCALLTYPE d3d11_video_device_NegotiateCryptoSessionKeyExchangeMT(ID3D11VideoDevice2 *iface,
        ID3D11CryptoSession *crypto_session, D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAGS flags, UINT data_size, void *data_);
HRESULT STDMETHODCALLTYPE d3d11_video_context_NegotiateCryptoSessionKeyExchange(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT data_size, void *data_);
void STDMETHODCALLTYPE d3d11_video_context_StartSessionKeyRefresh(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT random_number_size, void *random_number);
void STDMETHODCALLTYPE d3d11_video_context_FinishSessionKeyRefresh(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session);
HRESULT STDMETHODCALLTYPE d3d11_video_context_GetEncryptionBltKey(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT key_size, void *key);
HRESULT STDMETHODCALLTYPE d3d11_video_context_GetDataForNewHardwareKey(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT input_size, const void *input_data, UINT64 *output_data);
HRESULT STDMETHODCALLTYPE d3d11_video_context_CheckCryptoSessionStatus(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, D3D11_CRYPTO_SESSION_STATUS *status);

/* protect.c */
void STDMETHODCALLTYPE d3d11_video_context_EncryptionBlt(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, ID3D11Texture2D *src_surface, ID3D11Texture2D *dst_surface, UINT iv_size,
        void *iv);
void STDMETHODCALLTYPE d3d11_video_context_DecryptionBlt(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, ID3D11Texture2D *src_surface, ID3D11Texture2D *dst_surface,
        D3D11_ENCRYPTED_BLOCK_INFO *block_info, UINT key_size, const void *key, UINT iv_size, void *iv);

/* channel.c */
HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateAuthenticatedChannel(ID3D11VideoDevice2 *iface,
        D3D11_AUTHENTICATED_CHANNEL_TYPE channel_type, ID3D11AuthenticatedChannel **authenticated_channel);
HRESULT STDMETHODCALLTYPE d3d11_video_context_NegotiateAuthenticatedChannelKeyExchange(
        ID3D11VideoContext3 *iface, ID3D11AuthenticatedChannel *channel, UINT data_size, void *data_);
HRESULT STDMETHODCALLTYPE d3d11_video_context_QueryAuthenticatedChannel(ID3D11VideoContext3 *iface,
        ID3D11AuthenticatedChannel *channel, UINT input_size, const void *input, UINT output_size, void *output);
HRESULT STDMETHODCALLTYPE d3d11_video_context_ConfigureAuthenticatedChannel(ID3D11VideoContext3 *iface,
        ID3D11AuthenticatedChannel *channel, UINT input_size, const void *input,
        D3D11_AUTHENTICATED_CONFIGURE_OUTPUT *output);

#endif /* __VKDVA_VIDEO_METHODS_H */
