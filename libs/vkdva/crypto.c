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

/* ID3D11CryptoSession, the device key pair and certificate, key exchange, and the crypto
 * session methods of ID3D11VideoDevice and ID3D11VideoContext (session keys, refresh). */

#include "video_methods.h"

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateCryptoSession(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, const GUID *key_exchange_type,
        ID3D11CryptoSession **crypto_session)
{
    TRACE("iface %p, crypto_type %p, decoder_profile %p, key_exchange_type %p, crypto_session %p.\n",
            iface, crypto_type, decoder_profile, key_exchange_type, crypto_session);

    FIXME("CreateCryptoSession is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_GetContentProtectionCaps(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, D3D11_VIDEO_CONTENT_PROTECTION_CAPS *caps)
{
    TRACE("iface %p, crypto_type %p, decoder_profile %p, caps %p.\n", iface, crypto_type, decoder_profile, caps);

    FIXME("GetContentProtectionCaps is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_CheckCryptoKeyExchange(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, UINT index, GUID *key_exchange_type)
{
    TRACE("iface %p, crypto_type %p, decoder_profile %p, index %u, key_exchange_type %p.\n",
            iface, crypto_type, decoder_profile, index, key_exchange_type);

    FIXME("CheckCryptoKeyExchange is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_GetCryptoSessionPrivateDataSize(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, const GUID *key_exchange_type, UINT *input_size,
        UINT *output_size)
{
    TRACE("iface %p, crypto_type %p, decoder_profile %p, key_exchange_type %p, input_size %p, output_size %p.\n",
            iface, crypto_type, decoder_profile, key_exchange_type, input_size, output_size);

    FIXME("GetCryptoSessionPrivateDataSize is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_NegotiateCryptoSessionKeyExchangeMT(ID3D11VideoDevice2 *iface,
        ID3D11CryptoSession *crypto_session, D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAGS flags, UINT data_size, void *data_)
{
    TRACE("iface %p, crypto_session %p, flags %#x, data_size %u, data_ %p.\n",
            iface, crypto_session, flags, data_size, data_);

    FIXME("NegotiateCryptoSessionKeyExchangeMT is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_NegotiateCryptoSessionKeyExchange(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT data_size, void *data_)
{
    TRACE("iface %p, session %p, data_size %u, data_ %p.\n", iface, session, data_size, data_);

    FIXME("NegotiateCryptoSessionKeyExchange is not implemented.\n");
    return E_NOTIMPL;
}

void STDMETHODCALLTYPE d3d11_video_context_StartSessionKeyRefresh(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT random_number_size, void *random_number)
{
    TRACE("iface %p, session %p, random_number_size %u, random_number %p.\n",
            iface, session, random_number_size, random_number);

    FIXME_ONCE("StartSessionKeyRefresh is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_FinishSessionKeyRefresh(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session)
{
    TRACE("iface %p, session %p.\n", iface, session);

    FIXME_ONCE("FinishSessionKeyRefresh is not implemented.\n");
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_GetEncryptionBltKey(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT key_size, void *key)
{
    TRACE("iface %p, session %p, key_size %u, key %p.\n", iface, session, key_size, key);

    FIXME("GetEncryptionBltKey is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_GetDataForNewHardwareKey(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT input_size, const void *input_data, UINT64 *output_data)
{
    TRACE("iface %p, session %p, input_size %u, input_data %p, output_data %p.\n",
            iface, session, input_size, input_data, output_data);

    FIXME("GetDataForNewHardwareKey is not implemented.\n");
    return E_NOTIMPL;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_CheckCryptoSessionStatus(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, D3D11_CRYPTO_SESSION_STATUS *status)
{
    TRACE("iface %p, session %p, status %p.\n", iface, session, status);

    FIXME("CheckCryptoSessionStatus is not implemented.\n");
    return E_NOTIMPL;
}

struct d3d11_crypto_session *unsafe_impl_from_ID3D11CryptoSession(ID3D11CryptoSession *iface)
{
    FIXME("Crypto sessions are not implemented.\n");
    return NULL;
}

uint64_t vkdva_crypto_session_next_nonce(struct d3d11_crypto_session *session)
{
    return session->next_surface_nonce++;
}
