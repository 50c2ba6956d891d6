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

/* The client side of D3D11 content protection for the tests, written with OpenSSL as a DRM
 * client would: the public key from the driver's certificate, RSAES-OAEP key wrapping, and
 * AES-CMAC (written out from RFC 4493 over AES-ECB, independently of vkdva's). */

#ifndef __VKDVA_CRYPTO_UTILS_H
#define __VKDVA_CRYPTO_UTILS_H

#include "d3d11_utils.h"
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

static inline ID3D11VideoDevice *get_video_device(ID3D11Device *device)
{
    ID3D11VideoDevice *video_device;
    HRESULT hr;

    hr = ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return video_device;
}

static inline ID3D11VideoContext *get_video_context(ID3D11Device *device)
{
    ID3D11VideoContext *video_context;
    ID3D11DeviceContext *context;
    HRESULT hr;

    ID3D11Device_GetImmediateContext(device, &context);
    hr = ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11DeviceContext_Release(context);
    return video_context;
}

static inline bool has_h264(ID3D11VideoDevice *video_device)
{
    UINT i, count = ID3D11VideoDevice_GetVideoDecoderProfileCount(video_device);
    GUID profile;

    for (i = 0; i < count; ++i)
    {
        if (SUCCEEDED(ID3D11VideoDevice_GetVideoDecoderProfile(video_device, i, &profile))
                && IsEqualGUID(&profile, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT))
            return true;
    }
    return false;
}

/* Parses a DER certificate; NULL (and a failed check) if it is not one. */
#define parse_certificate(a, b) parse_certificate_(__LINE__, a, b)
static inline X509 *parse_certificate_(unsigned int line, const BYTE *data, UINT size)
{
    const unsigned char *p = data;
    X509 *x509;

    x509 = d2i_X509(NULL, &p, size);
    ok_line(line, !!x509, "Failed to parse the certificate.\n");
    ok_line(line, p == data + size, "Got %u trailing bytes.\n", (unsigned int)(data + size - p));
    return x509;
}

/* RSAES-OAEP (MGF1 with the same hash, empty label) of size bytes under the key; out holds the
 * modulus size (256 bytes). md NULL: PKCS #1 v1.5 instead. */
static inline bool rsa_encrypt(EVP_PKEY *key, const EVP_MD *md, const void *data, size_t size, BYTE out[256])
{
    size_t out_size = 256;
    EVP_PKEY_CTX *ctx;
    bool ret;

    if (!(ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL)))
        return false;
    ret = EVP_PKEY_encrypt_init(ctx) > 0
            && EVP_PKEY_CTX_set_rsa_padding(ctx, md ? RSA_PKCS1_OAEP_PADDING : RSA_PKCS1_PADDING) > 0
            && (!md || (EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md) > 0 && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) > 0))
            && EVP_PKEY_encrypt(ctx, out, &out_size, data, size) > 0
            && out_size == 256;
    EVP_PKEY_CTX_free(ctx);
    ERR_clear_error();
    return ret;
}

static inline void aes128_ecb_block(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int size = 0;

    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    EVP_EncryptUpdate(ctx, out, &size, in, 16);
    EVP_CIPHER_CTX_free(ctx);
}

/* RFC 4493 2.3: subkeys K1 = L·x, K2 = L·x² in GF(2^128) with L = AES_K(0). */
static inline void cmac_double(const uint8_t in[16], uint8_t out[16])
{
    uint8_t carry = in[0] >> 7;
    unsigned int i;

    for (i = 0; i < 15; ++i)
        out[i] = (in[i] << 1) | (in[i + 1] >> 7);
    out[15] = (in[15] << 1) ^ (carry ? 0x87 : 0);
}

/* RFC 4493 2.4. */
static inline void aes_cmac(const uint8_t key[16], const void *data, size_t size, uint8_t mac[16])
{
    uint8_t zero[16] = {0}, l[16], k1[16], k2[16], x[16] = {0}, last[16];
    const uint8_t *bytes = data;
    size_t block_count, i, j;

    aes128_ecb_block(key, zero, l);
    cmac_double(l, k1);
    cmac_double(k1, k2);

    block_count = (size + 15) / 16;
    if (!block_count)
        block_count = 1;
    if (size && !(size % 16))
    {
        for (j = 0; j < 16; ++j)
            last[j] = bytes[(block_count - 1) * 16 + j] ^ k1[j];
    }
    else
    {
        size_t rest = size - (block_count - 1) * 16;

        memset(last, 0, sizeof(last));
        memcpy(last, bytes + (block_count - 1) * 16, rest);
        last[rest] = 0x80;
        for (j = 0; j < 16; ++j)
            last[j] ^= k2[j];
    }
    for (i = 0; i + 1 < block_count; ++i)
    {
        for (j = 0; j < 16; ++j)
            x[j] ^= bytes[i * 16 + j];
        aes128_ecb_block(key, x, x);
    }
    for (j = 0; j < 16; ++j)
        x[j] ^= last[j];
    aes128_ecb_block(key, x, mac);
}

#endif /* __VKDVA_CRYPTO_UTILS_H */
