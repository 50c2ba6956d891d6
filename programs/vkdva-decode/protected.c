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

/* The DRM client of vkdva-decode --protected, written against the D3D11 API as a Windows
 * player would be, with OpenSSL for its own cryptography. The byte layout and IV rules it
 * relies on are those of docs/CONTENT-PROTECTION.md. */

#include "protected.h"
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

/* Sub-samples per buffer: NAL units after the last one share its block. */
#define DRM_MAX_SUBSAMPLES 64u

struct drm_client
{
    ID3D11Device *device;
    ID3D11DeviceContext *context;
    ID3D11VideoDevice *video_device;
    ID3D11VideoContext *video_context;
    ID3D11CryptoSession *session;
    ID3D11AuthenticatedChannel *channel;
    HANDLE channel_handle;
    UINT query_sequence;
    UINT configure_sequence;

    /* The session key as the client computes it: the negotiated key XOR every refresh's R. */
    uint8_t session_key[16];
    uint8_t channel_key[16];
    uint8_t content_key[16];
    /* Bitstream IVs: random first value, then one more per buffer. */
    uint64_t next_iv;
    uint8_t iv[16];
    enum drm_encryption encryption;
    D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK subsamples[DRM_MAX_SUBSAMPLES];
    UINT subsample_count;

    unsigned int refresh_every;
    unsigned int pictures;
    unsigned int refreshes;

    uint8_t *plaintext;
    size_t plaintext_size;
    /* D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK: hardware protection has none. */
    bool readback;
};

static void store_be64(uint8_t *p, uint64_t value)
{
    unsigned int i;

    for (i = 0; i < 8; ++i)
        p[i] = value >> (56 - 8 * i);
}

static uint64_t load_be64(const uint8_t *p)
{
    uint64_t value = 0;
    unsigned int i;

    for (i = 0; i < 8; ++i)
        value = (value << 8) | p[i];
    return value;
}

/* AES-128-CTR over the bytes `encrypted` selects (all when NULL), which form one counter
 * stream from IV || Count: the rule vkdva documents for patterns and sub-samples. */
static bool ctr_crypt(const uint8_t key[16], uint64_t iv, uint64_t count,
        bool (*encrypted)(const void *context, size_t offset), const void *context,
        const uint8_t *src, uint8_t *dst, size_t size)
{
    uint8_t counter[16], keystream[16];
    unsigned int used = 16;
    EVP_CIPHER_CTX *ctx;
    bool ret = true;
    size_t i;
    int len;

    if (!(ctx = EVP_CIPHER_CTX_new()))
        return false;
    if (EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL) != 1 || EVP_CIPHER_CTX_set_padding(ctx, 0) != 1)
        ret = false;
    for (i = 0; ret && i < size; ++i)
    {
        if (encrypted && !encrypted(context, i))
        {
            dst[i] = src[i];
            continue;
        }
        if (used == 16)
        {
            store_be64(counter, iv);
            store_be64(counter + 8, count++);
            if (EVP_EncryptUpdate(ctx, keystream, &len, counter, 16) != 1)
                ret = false;
            used = 0;
        }
        dst[i] = src[i] ^ keystream[used++];
    }
    EVP_CIPHER_CTX_free(ctx);
    return ret;
}

static bool pattern_encrypted(const void *context, size_t offset)
{
    const D3D11_ENCRYPTED_BLOCK_INFO *info = context;

    if (offset < info->NumEncryptedBytesAtBeginning)
        return true;
    if (!info->NumBytesInEncryptPattern)
        return false;
    return (offset - info->NumEncryptedBytesAtBeginning) % (info->NumBytesInSkipPattern
            + info->NumBytesInEncryptPattern) >= info->NumBytesInSkipPattern;
}

static bool subsample_encrypted(const void *context, size_t offset)
{
    const struct drm_client *client = context;
    size_t start = 0;
    UINT i;

    for (i = 0; i < client->subsample_count; ++i)
    {
        if (offset < start + client->subsamples[i].ClearSize)
            return false;
        start += client->subsamples[i].ClearSize;
        if (offset < start + client->subsamples[i].EncryptedSize)
            return true;
        start += client->subsamples[i].EncryptedSize;
    }
    return false;
}

/* One sub-sample per NAL unit of an Annex-B buffer, as CENC clients build them: the start code
 * and the next two bytes clear, the rest of the NAL unit encrypted (bytes before the first
 * start code are clear; NAL units past the last block stay in its encrypted part). */
static void cenc_subsamples(struct drm_client *client, const uint8_t *data, size_t size)
{
    D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *block = NULL;
    size_t i, block_start = 0, clear_end;

    client->subsample_count = 0;
    for (i = 0; i + 3 <= size; ++i)
    {
        if (data[i] || data[i + 1] || data[i + 2] != 1)
            continue;
        if (block)
        {
            if (client->subsample_count == DRM_MAX_SUBSAMPLES)
                break;
            block->EncryptedSize = i - block_start - block->ClearSize;
            block_start = i;
        }
        block = &client->subsamples[client->subsample_count++];
        clear_end = i + 5 < size ? i + 5 : size;
        block->ClearSize = clear_end - block_start;
        block->EncryptedSize = 0;
        i = clear_end - 1;
    }
    if (!block)
    {
        client->subsamples[0].ClearSize = size < 5 ? size : 5;
        client->subsamples[0].EncryptedSize = size - client->subsamples[0].ClearSize;
        client->subsample_count = 1;
        return;
    }
    block->EncryptedSize = size - block_start - block->ClearSize;
}

static bool ecb_encrypt(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
    EVP_CIPHER_CTX *ctx;
    int len = 0;
    bool ret;

    if (!(ctx = EVP_CIPHER_CTX_new()))
        return false;
    ret = EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL) == 1 && EVP_CIPHER_CTX_set_padding(ctx, 0) == 1
            && EVP_EncryptUpdate(ctx, out, &len, in, 16) == 1 && len == 16;
    EVP_CIPHER_CTX_free(ctx);
    return ret;
}

/* AES-CMAC (OMAC-1) of the bytes after the omac field of a channel message. */
static bool omac(const uint8_t key[16], const void *message, size_t size, uint8_t mac[16])
{
    OSSL_PARAM params[] =
    {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, (char *)"AES-128-CBC", 0),
        OSSL_PARAM_construct_end(),
    };
    EVP_MAC_CTX *ctx = NULL;
    EVP_MAC *mac_alg;
    size_t mac_size;
    bool ret;

    if (!(mac_alg = EVP_MAC_fetch(NULL, "CMAC", NULL)))
        return false;
    ret = (ctx = EVP_MAC_CTX_new(mac_alg)) && EVP_MAC_init(ctx, key, 16, params) == 1
            && EVP_MAC_update(ctx, (const uint8_t *)message + sizeof(D3D11_OMAC), size - sizeof(D3D11_OMAC)) == 1
            && EVP_MAC_final(ctx, mac, &mac_size, 16) == 1 && mac_size == 16;
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac_alg);
    return ret;
}

/* RSAES-OAEP (SHA-256) of a 16-byte key under the public key of a DER certificate. */
static bool oaep_wrap(const BYTE *certificate, UINT certificate_size, const uint8_t key[16], uint8_t blob[256])
{
    const unsigned char *p = certificate;
    EVP_PKEY_CTX *ctx = NULL;
    EVP_PKEY *pkey = NULL;
    size_t size = 256;
    X509 *x509;
    bool ret;

    if (!(x509 = d2i_X509(NULL, &p, certificate_size)))
        return false;
    ret = (pkey = X509_get_pubkey(x509)) && (ctx = EVP_PKEY_CTX_new(pkey, NULL))
            && EVP_PKEY_encrypt_init(ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) == 1
            && EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) == 1
            && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) == 1
            && EVP_PKEY_encrypt(ctx, blob, &size, key, 16) == 1 && size == 256;
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    X509_free(x509);
    return ret;
}

static HRESULT negotiate_session_key(struct drm_client *client)
{
    uint8_t blob[256];
    BYTE *certificate;
    UINT size = 0;
    HRESULT hr;

    if (FAILED(hr = ID3D11CryptoSession_GetCertificateSize(client->session, &size)) || !size)
        return FAILED(hr) ? hr : E_FAIL;
    if (!(certificate = malloc(size)))
        return E_OUTOFMEMORY;
    if (SUCCEEDED(hr = ID3D11CryptoSession_GetCertificate(client->session, size, certificate)))
    {
        if (RAND_bytes(client->session_key, 16) != 1 || !oaep_wrap(certificate, size, client->session_key, blob))
            hr = E_FAIL;
        else
            hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(client->video_context, client->session,
                    sizeof(blob), blob);
    }
    free(certificate);
    return hr;
}

static HRESULT negotiate_channel_key(struct drm_client *client)
{
    uint8_t blob[256];
    BYTE *certificate;
    UINT size = 0;
    HRESULT hr;

    if (FAILED(hr = ID3D11AuthenticatedChannel_GetCertificateSize(client->channel, &size)) || !size)
        return FAILED(hr) ? hr : E_FAIL;
    if (!(certificate = malloc(size)))
        return E_OUTOFMEMORY;
    if (SUCCEEDED(hr = ID3D11AuthenticatedChannel_GetCertificate(client->channel, size, certificate)))
    {
        if (RAND_bytes(client->channel_key, 16) != 1 || !oaep_wrap(certificate, size, client->channel_key, blob))
            hr = E_FAIL;
        else
            hr = ID3D11VideoContext_NegotiateAuthenticatedChannelKeyExchange(client->video_context,
                    client->channel, sizeof(blob), blob);
    }
    free(certificate);
    return hr;
}

/* Signs and sends a configuration command whose header is already filled but for the
 * channel handle and the sequence number. */
static HRESULT configure(struct drm_client *client, D3D11_AUTHENTICATED_CONFIGURE_INPUT *input, UINT size)
{
    D3D11_AUTHENTICATED_CONFIGURE_OUTPUT output;
    uint8_t mac[16];
    HRESULT hr;

    input->hChannel = client->channel_handle;
    input->SequenceNumber = client->configure_sequence++;
    if (!omac(client->channel_key, input, size, input->omac.Omac))
        return E_FAIL;
    if (FAILED(hr = ID3D11VideoContext_ConfigureAuthenticatedChannel(client->video_context, client->channel,
            size, input, &output)))
        return hr;
    /* The driver's answer is signed with the channel key too. */
    if (!omac(client->channel_key, &output, sizeof(output), mac) || memcmp(mac, output.omac.Omac, sizeof(mac)))
    {
        fprintf(stderr, "The authenticated channel's answer has a wrong OMAC.\n");
        return E_FAIL;
    }
    return output.ReturnCode;
}

static HRESULT query_device_handle(struct drm_client *client, HANDLE *handle)
{
    D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE_OUTPUT output;
    D3D11_AUTHENTICATED_QUERY_INPUT input;
    uint8_t mac[16];
    HRESULT hr;

    memset(&input, 0, sizeof(input));
    input.QueryType = D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE;
    input.hChannel = client->channel_handle;
    input.SequenceNumber = client->query_sequence++;
    if (FAILED(hr = ID3D11VideoContext_QueryAuthenticatedChannel(client->video_context, client->channel,
            sizeof(input), &input, sizeof(output), &output)))
        return hr;
    if (!omac(client->channel_key, &output, sizeof(output), mac) || memcmp(mac, output.Output.omac.Omac, sizeof(mac)))
    {
        fprintf(stderr, "The authenticated channel's answer has a wrong OMAC.\n");
        return E_FAIL;
    }
    *handle = output.DeviceHandle;
    return output.Output.ReturnCode;
}

HRESULT drm_client_create(ID3D11Device *device, const GUID *profile, unsigned int refresh_every,
        struct drm_client **out)
{
    D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE_INPUT initialize;
    D3D11_VIDEO_CONTENT_PROTECTION_CAPS caps;
    struct drm_client *client;
    HRESULT hr;

    if (!(client = calloc(1, sizeof(*client))))
        return E_OUTOFMEMORY;
    client->device = device;
    ID3D11Device_AddRef(device);
    client->refresh_every = refresh_every;
    ID3D11Device_GetImmediateContext(device, &client->context);
    if (FAILED(hr = ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&client->video_device))
            || FAILED(hr = ID3D11DeviceContext_QueryInterface(client->context, &IID_ID3D11VideoContext,
            (void **)&client->video_context)))
        goto fail;

    if (FAILED(hr = ID3D11VideoDevice_CreateCryptoSession(client->video_device, &D3D11_CRYPTO_TYPE_AES128_CTR,
            profile, &D3D11_KEY_EXCHANGE_RSAES_OAEP, &client->session)))
    {
        fprintf(stderr, "CreateCryptoSession failed, hr %#x.\n", (unsigned int)hr);
        goto fail;
    }
    if (SUCCEEDED(ID3D11VideoDevice_GetContentProtectionCaps(client->video_device, &D3D11_CRYPTO_TYPE_AES128_CTR,
            profile, &caps)))
        client->readback = !!(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK);
    if (FAILED(hr = negotiate_session_key(client)))
    {
        fprintf(stderr, "The session key exchange failed, hr %#x.\n", (unsigned int)hr);
        goto fail;
    }

    if (FAILED(hr = ID3D11VideoDevice_CreateAuthenticatedChannel(client->video_device,
            D3D11_AUTHENTICATED_CHANNEL_DRIVER_SOFTWARE, &client->channel)))
    {
        fprintf(stderr, "CreateAuthenticatedChannel failed, hr %#x.\n", (unsigned int)hr);
        goto fail;
    }
    ID3D11AuthenticatedChannel_GetChannelHandle(client->channel, &client->channel_handle);
    if (FAILED(hr = negotiate_channel_key(client)))
    {
        fprintf(stderr, "The channel key exchange failed, hr %#x.\n", (unsigned int)hr);
        goto fail;
    }
    memset(&initialize, 0, sizeof(initialize));
    initialize.Parameters.ConfigureType = D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE;
    initialize.StartSequenceQuery = 1;
    initialize.StartSequenceConfigure = 1;
    if (FAILED(hr = configure(client, &initialize.Parameters, sizeof(initialize))))
    {
        fprintf(stderr, "Initialising the authenticated channel failed, hr %#x.\n", (unsigned int)hr);
        goto fail;
    }
    client->query_sequence = initialize.StartSequenceQuery;
    client->configure_sequence = initialize.StartSequenceConfigure;

    if (RAND_bytes(client->content_key, 16) != 1 || RAND_bytes(client->iv, 8) != 1)
    {
        hr = E_FAIL;
        goto fail;
    }
    client->next_iv = load_be64(client->iv) & ((1ull << 48) - 1);
    *out = client;
    return S_OK;

fail:
    drm_client_destroy(client);
    return hr;
}

void drm_client_destroy(struct drm_client *client)
{
    if (client->channel)
        ID3D11AuthenticatedChannel_Release(client->channel);
    if (client->session)
        ID3D11CryptoSession_Release(client->session);
    if (client->video_context)
        ID3D11VideoContext_Release(client->video_context);
    if (client->video_device)
        ID3D11VideoDevice_Release(client->video_device);
    if (client->context)
        ID3D11DeviceContext_Release(client->context);
    ID3D11Device_Release(client->device);
    if (client->refreshes)
        fprintf(stderr, "%u session-key refreshes.\n", client->refreshes);
    free(client->plaintext);
    memset(client, 0, sizeof(*client));
    free(client);
}

HRESULT drm_client_bind(struct drm_client *client, ID3D11VideoDecoder *decoder)
{
    D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION_INPUT input;
    HANDLE device_handle;
    HRESULT hr;

    memset(&input, 0, sizeof(input));
    if (FAILED(hr = query_device_handle(client, &device_handle))
            || FAILED(hr = ID3D11VideoDecoder_GetDriverHandle(decoder, &input.DecoderHandle)))
        return hr;
    ID3D11CryptoSession_GetCryptoSessionHandle(client->session, &input.CryptoSessionHandle);
    input.DeviceHandle = device_handle;
    input.Parameters.ConfigureType = D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION;
    if (FAILED(hr = configure(client, &input.Parameters, sizeof(input))))
        fprintf(stderr, "Binding the crypto session to the decoder failed, hr %#x.\n", (unsigned int)hr);
    return hr;
}

void drm_client_wrapped_key(struct drm_client *client, uint8_t key[16])
{
    if (!ecb_encrypt(client->session_key, client->content_key, key))
        memset(key, 0, 16);
}

void drm_client_set_encryption(struct drm_client *client, enum drm_encryption encryption)
{
    client->encryption = encryption;
}

void drm_client_encrypt(struct drm_client *client, unsigned int index, uint8_t *data, unsigned int size,
        D3D11_VIDEO_DECODER_BUFFER_DESC *desc, const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK **subsamples,
        UINT *subsample_count)
{
    enum drm_encryption encryption = client->encryption;
    uint64_t iv = client->next_iv++;

    store_be64(client->iv, iv);
    store_be64(client->iv + 8, 0);
    desc->pIV = client->iv;
    desc->IVSize = sizeof(client->iv);
    *subsamples = NULL;
    *subsample_count = 0;
    /* Every way D3D11 describes an encrypted buffer, by default in turn: all of it, a block
     * pattern (SubmitDecoderBuffers) and CENC sub-samples with clear NAL headers
     * (SubmitDecoderBuffers1). */
    if (encryption == DRM_ENCRYPTION_ALL)
        encryption = DRM_ENCRYPTION_FULL + index % 3;
    switch (encryption)
    {
        case DRM_ENCRYPTION_ALL:
        case DRM_ENCRYPTION_FULL:
            ctr_crypt(client->content_key, iv, 0, NULL, NULL, data, data, size);
            break;
        case DRM_ENCRYPTION_PATTERN:
            desc->PartialEncryption = TRUE;
            desc->EncryptedBlockInfo.NumEncryptedBytesAtBeginning = 16;
            desc->EncryptedBlockInfo.NumBytesInSkipPattern = 32;
            desc->EncryptedBlockInfo.NumBytesInEncryptPattern = 16;
            ctr_crypt(client->content_key, iv, 0, pattern_encrypted, &desc->EncryptedBlockInfo, data, data, size);
            break;
        case DRM_ENCRYPTION_CENC:
            cenc_subsamples(client, data, size);
            ctr_crypt(client->content_key, iv, 0, subsample_encrypted, client, data, data, size);
            *subsamples = client->subsamples;
            *subsample_count = client->subsample_count;
            break;
    }
}

void drm_client_picture_done(struct drm_client *client)
{
    uint8_t random[16];
    unsigned int i;

    if (!client->refresh_every || ++client->pictures % client->refresh_every)
        return;
    /* K' = K ^ R (StartSessionKeyRefresh documentation); surfaces decoded so far are
     * re-encrypted by the driver, the next content key goes out wrapped with K'. */
    ID3D11VideoContext_StartSessionKeyRefresh(client->video_context, client->session, sizeof(random), random);
    ID3D11VideoContext_FinishSessionKeyRefresh(client->video_context, client->session);
    for (i = 0; i < 16; ++i)
        client->session_key[i] ^= random[i];
    ++client->refreshes;
}

ID3D11CryptoSession *drm_client_session(struct drm_client *client, uint8_t key[16])
{
    memcpy(key, client->session_key, 16);
    return client->session;
}

HRESULT drm_client_read(struct drm_client *client, ID3D11Texture2D *texture, ID3D11Texture2D *staging,
        unsigned int sub, const uint8_t **data, UINT *row_pitch)
{
    D3D11_MAPPED_SUBRESOURCE map;
    uint8_t iv[16];
    HRESULT hr;

    if (!client->readback)
    {
        fprintf(stderr, "The device protects content in hardware (no ENCRYPTED_READ_BACK): "
                "protected pictures cannot be read back.\n");
        return E_NOTIMPL;
    }
    memset(iv, 0, sizeof(iv));
    ID3D11VideoContext_EncryptionBlt(client->video_context, client->session, texture, staging, sizeof(iv), iv);
    if (FAILED(hr = ID3D11DeviceContext_Map(client->context, (ID3D11Resource *)staging, sub, D3D11_MAP_READ, 0, &map)))
    {
        fprintf(stderr, "Map of the staging texture failed, hr %#x.\n", (unsigned int)hr);
        return hr;
    }
    if (client->plaintext_size < map.DepthPitch)
    {
        free(client->plaintext);
        client->plaintext_size = 0;
        if (!(client->plaintext = malloc(map.DepthPitch)))
        {
            ID3D11DeviceContext_Unmap(client->context, (ID3D11Resource *)staging, sub);
            return E_OUTOFMEMORY;
        }
        client->plaintext_size = map.DepthPitch;
    }
    /* Subresource s of an EncryptionBlt is under the returned IV + s, its block count from 0. */
    if (!ctr_crypt(client->session_key, load_be64(iv) + sub, load_be64(iv + 8), NULL, NULL, map.pData,
            client->plaintext, map.DepthPitch))
        hr = E_FAIL;
    *row_pitch = map.RowPitch;
    ID3D11DeviceContext_Unmap(client->context, (ID3D11Resource *)staging, sub);
    *data = client->plaintext;
    return hr;
}
