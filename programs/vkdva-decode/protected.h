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

/* vkdva-decode --protected: the tool acting as a DRM client of the D3D11 content-protection
 * API. It negotiates a session key against the device's certificate, binds the crypto session
 * to the decoder through an authenticated channel, encrypts every bitstream buffer with a
 * content key, refreshes the session key every N pictures, and reads decoded surfaces back
 * with EncryptionBlt, decrypting them itself. */

#ifndef __VKDVA_DECODE_PROTECTED_H
#define __VKDVA_DECODE_PROTECTED_H

#include "codec.h"

struct drm_client;

HRESULT drm_client_create(ID3D11Device *device, const GUID *profile, unsigned int refresh_every,
        struct drm_client **client);
void drm_client_destroy(struct drm_client *client);
/* Binds the crypto session to the decoder (ConfigureAuthenticatedChannel CRYPTO_SESSION). */
HRESULT drm_client_bind(struct drm_client *client, ID3D11VideoDecoder *decoder);
/* The content key, ECB-encrypted with the current session key, for DecoderBeginFrame. */
void drm_client_wrapped_key(struct drm_client *client, uint8_t key[16]);
/* How bitstream buffers are encrypted (vkdva-decode --encryption). */
enum drm_encryption
{
    /* Each of the three below in turn, picture by picture (the default). */
    DRM_ENCRYPTION_ALL,
    /* The whole buffer. */
    DRM_ENCRYPTION_FULL,
    /* A D3D11_ENCRYPTED_BLOCK_INFO pattern (SubmitDecoderBuffers PartialEncryption). */
    DRM_ENCRYPTION_PATTERN,
    /* CENC sub-samples, one per NAL unit: its start code and first two bytes clear, the rest
     * encrypted, the counter running on across NAL units (SubmitDecoderBuffers1). */
    DRM_ENCRYPTION_CENC,
};

void drm_client_set_encryption(struct drm_client *client, enum drm_encryption encryption);
/* Encrypts a bitstream buffer in place for picture `index`, filling the buffer description's
 * encryption fields. *subsamples and *subsample_count are set when the buffer must go through
 * SubmitDecoderBuffers1. */
void drm_client_encrypt(struct drm_client *client, unsigned int index, uint8_t *data, unsigned int size,
        D3D11_VIDEO_DECODER_BUFFER_DESC *desc, const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK **subsamples,
        UINT *subsample_count);
/* Called after each picture: Start/FinishSessionKeyRefresh every N pictures. */
void drm_client_picture_done(struct drm_client *client);
/* EncryptionBlt of the protected texture into the staging texture (same description), then
 * decryption of subresource `sub` with the session key. The plaintext, in Map layout, stays
 * valid until the next call. */
HRESULT drm_client_read(struct drm_client *client, ID3D11Texture2D *texture, ID3D11Texture2D *staging,
        unsigned int sub, const uint8_t **data, UINT *row_pitch);

/* The client's crypto session (no reference added) and the session key as it computes it. */
ID3D11CryptoSession *drm_client_session(struct drm_client *client, uint8_t key[16]);

#endif /* __VKDVA_DECODE_PROTECTED_H */
