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

#ifndef __VKDVA_TEST_PROTECTED_READBACK_H
#define __VKDVA_TEST_PROTECTED_READBACK_H

#include "protected.h"

/* Subresource sub of a protected texture in hardware mode, decrypted with the client's session
 * key, in Map layout (*row_pitch): copied out of the emulated protected memory with the layer's
 * checks suspended (readback.c). Valid until the next call. */
HRESULT test_protected_read(struct drm_client *client, ID3D11Texture2D *texture, ID3D11Texture2D *staging,
        unsigned int sub, const uint8_t **data, UINT *row_pitch);

#endif /* __VKDVA_TEST_PROTECTED_READBACK_H */
