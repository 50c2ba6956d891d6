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

/* Codec-independent D3D11 video decoding for vkdva-decode, written as a Windows D3D11VA
 * client would: ID3D11VideoDevice for the decoder and its output views, ID3D11VideoContext
 * for DecoderBeginFrame/GetDecoderBuffer/SubmitDecoderBuffers/DecoderEndFrame, and a staging
 * texture to read decoded surfaces back. */

#ifndef __VKDVA_DECODE_D3D11VA_H
#define __VKDVA_DECODE_D3D11VA_H

#include "codec.h"
#include "protected.h"

struct d3d11va;

HRESULT d3d11va_create(ID3D11Device *device, struct d3d11va **va);
void d3d11va_destroy(struct d3d11va *va);
/* --protected: decode into protected surfaces through a DRM client (protected.c), refreshing
 * the session key every refresh_every pictures (0: never). Call before d3d11va_configure. */
void d3d11va_enable_protection(struct d3d11va *va, unsigned int refresh_every);
/* How protected surfaces are read back: drm_client_read() (EncryptionBlt) unless replaced, as
 * the hardware-mode test does (tests/protected_layer/readback.c), since hardware content
 * protection has no EncryptionBlt. */
typedef HRESULT (*d3d11va_protected_reader)(struct drm_client *client, ID3D11Texture2D *texture,
        ID3D11Texture2D *staging, unsigned int sub, const uint8_t **data, UINT *row_pitch);
void d3d11va_set_protected_reader(struct d3d11va *va, d3d11va_protected_reader reader);
/* --encryption: how the DRM client encrypts bitstream buffers (default: each way in turn). */
void d3d11va_set_encryption(struct d3d11va *va, enum drm_encryption encryption);
/* (Re)creates the decoder, the surface texture array, its views and the staging texture. */
HRESULT d3d11va_configure(struct d3d11va *va, const struct codec_sequence *sequence);
HRESULT d3d11va_decode(struct d3d11va *va, const struct codec_picture *picture);
/* Reads a surface back as planar 4:2:0 (I420; 16-bit little-endian above 8 bits), cropped
 * to the sequence's window. The data stays valid until the next call. */
/* The decoder d3d11va_configure() made (no reference added), for vkdva-bench. */
ID3D11VideoDecoder *d3d11va_get_decoder(struct d3d11va *va);
HRESULT d3d11va_read_surface(struct d3d11va *va, unsigned int surface, const uint8_t **data, size_t *size);

#endif /* __VKDVA_DECODE_D3D11VA_H */
