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

/* The protected context (DESIGN decision 4): protected surfaces encrypted at rest with
 * AES-128-CTR on the GPU, EncryptionBlt, DecryptionBlt and the re-encryption of live surfaces
 * on session-key refresh. */

#include "video_methods.h"

void STDMETHODCALLTYPE d3d11_video_context_EncryptionBlt(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, ID3D11Texture2D *src_surface, ID3D11Texture2D *dst_surface, UINT iv_size,
        void *iv)
{
    TRACE("iface %p, session %p, src_surface %p, dst_surface %p, iv_size %u, iv %p.\n",
            iface, session, src_surface, dst_surface, iv_size, iv);

    FIXME_ONCE("EncryptionBlt is not implemented.\n");
}

void STDMETHODCALLTYPE d3d11_video_context_DecryptionBlt(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, ID3D11Texture2D *src_surface, ID3D11Texture2D *dst_surface,
        D3D11_ENCRYPTED_BLOCK_INFO *block_info, UINT key_size, const void *key, UINT iv_size, void *iv)
{
    TRACE("iface %p, session %p, src_surface %p, dst_surface %p, block_info %p, key_size %u, key %p, iv_size %u, "
            "iv %p.\n",
            iface, session, src_surface, dst_surface, block_info, key_size, key, iv_size, iv);

    FIXME_ONCE("DecryptionBlt is not implemented.\n");
}

void vkdva_protect_session_rekey(struct d3d11_crypto_session *session,
        const uint8_t old_key[VKDVA_AES_KEY_SIZE], const uint8_t new_key[VKDVA_AES_KEY_SIZE])
{
    FIXME("Re-encryption of protected surfaces is not implemented.\n");
}

void vkdva_protect_session_destroyed(struct d3d11_crypto_session *session)
{
}

HRESULT vkdva_protect_texture_init(struct d3d11_texture2d *texture)
{
    FIXME("Protected textures are not implemented.\n");
    return E_NOTIMPL;
}

void vkdva_protect_texture_destroy(struct d3d11_texture2d *texture)
{
}

void vkdva_protect_device_cleanup(struct d3d11_device *device)
{
}
