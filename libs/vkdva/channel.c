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

/* ID3D11AuthenticatedChannel: key exchange, OMAC-authenticated queries and configuration. */

#include "video_methods.h"

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateAuthenticatedChannel(ID3D11VideoDevice2 *iface,
        D3D11_AUTHENTICATED_CHANNEL_TYPE channel_type, ID3D11AuthenticatedChannel **authenticated_channel)
{
    TRACE("iface %p, channel_type %#x, authenticated_channel %p.\n", iface, channel_type, authenticated_channel);

    FIXME("CreateAuthenticatedChannel is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_NegotiateAuthenticatedChannelKeyExchange(
        ID3D11VideoContext3 *iface, ID3D11AuthenticatedChannel *channel, UINT data_size, void *data_)
{
    TRACE("iface %p, channel %p, data_size %u, data_ %p.\n", iface, channel, data_size, data_);

    FIXME("NegotiateAuthenticatedChannelKeyExchange is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_QueryAuthenticatedChannel(ID3D11VideoContext3 *iface,
        ID3D11AuthenticatedChannel *channel, UINT input_size, const void *input, UINT output_size, void *output)
{
    TRACE("iface %p, channel %p, input_size %u, input %p, output_size %u, output %p.\n",
            iface, channel, input_size, input, output_size, output);

    FIXME("QueryAuthenticatedChannel is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_ConfigureAuthenticatedChannel(ID3D11VideoContext3 *iface,
        ID3D11AuthenticatedChannel *channel, UINT input_size, const void *input,
        D3D11_AUTHENTICATED_CONFIGURE_OUTPUT *output)
{
    TRACE("iface %p, channel %p, input_size %u, input %p, output %p.\n", iface, channel, input_size, input, output);

    FIXME("ConfigureAuthenticatedChannel is not implemented.\n");
    return E_NOTIMPL;
}
