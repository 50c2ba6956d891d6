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

/* libFuzzer target: hostile key-exchange blobs and authenticated-channel messages. Each input
 * is a series of records run against a fresh driver channel that already has a key and was
 * initialised (sequence numbers from 0), so the fuzzer gets past the OMAC and sequence checks
 * when it asks the target to fix those fields up. Nothing may crash, read out of bounds or
 * leak; errors are fine.
 *
 * Record: [op | flags << 2] [size] [selector] [size bytes of payload]
 *   op 0: NegotiateCryptoSessionKeyExchange (flags & 1: the payload padded to 256 bytes),
 *         or Start/FinishSessionKeyRefresh (flags & 2; size is RandomNumberSize, max 32)
 *   op 1: NegotiateAuthenticatedChannelKeyExchange (as op 0)
 *   op 2: QueryAuthenticatedChannel; op 3: ConfigureAuthenticatedChannel. The selector picks a
 *         known GUID (or keeps the payload's); flags & 1: the right channel handle; flags & 2:
 *         the next sequence number; flags & 4: the exact input/output sizes; flags & 8: a
 *         valid OMAC (configure); flags & 16: real session and device handles.
 * Decoder handles are object addresses (ID3D11VideoDecoder::GetDriverHandle), so the target
 * sends the real decoder's handle or the payload's value made odd (vkdva refuses unaligned
 * values without dereferencing them; an aligned garbage address would crash, as it would on
 * Windows). */

#include <initguid.h>
#define COBJMACROS
#include <vkdva.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static ID3D11VideoDevice *video_device;
static ID3D11VideoContext *video_context;
static ID3D11CryptoSession *session;
static HANDLE session_handle, decoder_handle;
static ID3D11VideoDecoder *decoder;
static BYTE channel_blob[256];
static const uint8_t channel_key[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
        0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};

static const struct
{
    const GUID *guid;
    unsigned int input_size, output_size;
}
queries[] =
{
    {&D3D11_AUTHENTICATED_QUERY_PROTECTION, sizeof(D3D11_AUTHENTICATED_QUERY_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_PROTECTION_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, sizeof(D3D11_AUTHENTICATED_QUERY_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE, sizeof(D3D11_AUTHENTICATED_QUERY_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION, sizeof(D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_COUNT, sizeof(D3D11_AUTHENTICATED_QUERY_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_COUNT_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS,
            sizeof(D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_UNRESTRICTED_PROTECTED_SHARED_RESOURCE_COUNT, sizeof(D3D11_AUTHENTICATED_QUERY_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_UNRESTRICTED_PROTECTED_SHARED_RESOURCE_COUNT_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT, sizeof(D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_OUTPUT_ID, sizeof(D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ATTRIBUTES, sizeof(D3D11_AUTHENTICATED_QUERY_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_ENCRYPTION_WHEN_ACCESSIBLE_GUID_COUNT, sizeof(D3D11_AUTHENTICATED_QUERY_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_COUNT_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_ENCRYPTION_WHEN_ACCESSIBLE_GUID,
            sizeof(D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_OUTPUT)},
    {&D3D11_AUTHENTICATED_QUERY_CURRENT_ENCRYPTION_WHEN_ACCESSIBLE, sizeof(D3D11_AUTHENTICATED_QUERY_INPUT),
            sizeof(D3D11_AUTHENTICATED_QUERY_CURRENT_ACCESSIBILITY_ENCRYPTION_OUTPUT)},
},
configures[] =
{
    {&D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE, sizeof(D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE_INPUT)},
    {&D3D11_AUTHENTICATED_CONFIGURE_PROTECTION, sizeof(D3D11_AUTHENTICATED_CONFIGURE_PROTECTION_INPUT)},
    {&D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, sizeof(D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION_INPUT)},
    {&D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE, sizeof(D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE_INPUT)},
    {&D3D11_AUTHENTICATED_CONFIGURE_ENCRYPTION_WHEN_ACCESSIBLE,
            sizeof(D3D11_AUTHENTICATED_CONFIGURE_ACCESSIBLE_ENCRYPTION_INPUT)},
};

static void quiet(void *context, enum vkdva_log_level level, const char *message)
{
}

static void cmac(const void *data, size_t size, uint8_t mac[16])
{
    EVP_MAC *algorithm = EVP_MAC_fetch(NULL, "CMAC", NULL);
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(algorithm);
    OSSL_PARAM params[] =
    {
        OSSL_PARAM_construct_utf8_string("cipher", (char *)"AES-128-CBC", 0),
        OSSL_PARAM_construct_end(),
    };
    size_t mac_size;

    EVP_MAC_init(ctx, channel_key, sizeof(channel_key), params);
    EVP_MAC_update(ctx, data, size);
    EVP_MAC_final(ctx, mac, &mac_size, 16);
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(algorithm);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    D3D11_VIDEO_DECODER_CONFIG config = {0};
    D3D11_VIDEO_DECODER_DESC desc = {0};
    ID3D11DeviceContext *context;
    const unsigned char *p;
    size_t blob_size = 256;
    ID3D11Device *device;
    EVP_PKEY_CTX *ctx;
    EVP_PKEY *key;
    UINT size = 0;
    X509 *x509;
    BYTE *cert;

    vkdva_set_log_callback(quiet, NULL);
    if (FAILED(vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
        abort();
    ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ID3D11Device_GetImmediateContext(device, &context);
    ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);
    ID3D11DeviceContext_Release(context);
    ID3D11Device_Release(device);

    desc.Guid = D3D11_DECODER_PROFILE_H264_VLD_NOFGT;
    desc.SampleWidth = 128;
    desc.SampleHeight = 64;
    desc.OutputFormat = DXGI_FORMAT_NV12;
    if (FAILED(ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 0, &config))
            || FAILED(ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder)))
        abort();
    ID3D11VideoDecoder_GetDriverHandle(decoder, &decoder_handle);
    if (FAILED(ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR,
            &D3D11_DECODER_PROFILE_H264_VLD_NOFGT, &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session)))
        abort();
    ID3D11CryptoSession_GetCryptoSessionHandle(session, &session_handle);

    /* The channel key, wrapped once for the device's public key (OAEP with SHA-1). */
    ID3D11CryptoSession_GetCertificateSize(session, &size);
    cert = malloc(size);
    ID3D11CryptoSession_GetCertificate(session, size, cert);
    p = cert;
    if (!(x509 = d2i_X509(NULL, &p, size)))
        abort();
    key = X509_get_pubkey(x509);
    ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    if (EVP_PKEY_encrypt_init(ctx) <= 0 || EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) <= 0
            || EVP_PKEY_encrypt(ctx, channel_blob, &blob_size, channel_key, sizeof(channel_key)) <= 0)
        abort();
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(key);
    X509_free(x509);
    free(cert);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE_INPUT init = {0};
    D3D11_AUTHENTICATED_CONFIGURE_OUTPUT configure_output;
    UINT query_sequence = 0, configure_sequence = 0;
    ID3D11AuthenticatedChannel *channel;
    BYTE input[512], output[512];
    HANDLE channel_handle, device_handle = NULL;
    unsigned int op, flags, length, selector;
    UINT input_size, output_size;
    HRESULT hr;

    if (FAILED(ID3D11VideoDevice_CreateAuthenticatedChannel(video_device, D3D11_AUTHENTICATED_CHANNEL_DRIVER_SOFTWARE,
            &channel)))
        abort();
    ID3D11AuthenticatedChannel_GetChannelHandle(channel, &channel_handle);
    memcpy(input, channel_blob, sizeof(channel_blob));
    if (FAILED(ID3D11VideoContext_NegotiateAuthenticatedChannelKeyExchange(video_context, channel, 256, input)))
        abort();
    init.Parameters.ConfigureType = D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE;
    init.Parameters.hChannel = channel_handle;
    cmac((BYTE *)&init + 16, sizeof(init) - 16, init.Parameters.omac.Omac);
    if (FAILED(ID3D11VideoContext_ConfigureAuthenticatedChannel(video_context, channel, sizeof(init), &init,
            &configure_output)))
        abort();

    while (size >= 3)
    {
        op = data[0] & 3;
        flags = data[0] >> 2;
        length = data[1];
        selector = data[2];
        data += 3;
        size -= 3;
        if (length > size)
            length = size;
        memset(input, 0, sizeof(input));
        memcpy(input, data, length);
        data += length;
        size -= length;

        switch (op)
        {
            case 0:
                if (flags & 2)
                {
                    if (selector & 1)
                        ID3D11VideoContext_FinishSessionKeyRefresh(video_context, session);
                    else
                        ID3D11VideoContext_StartSessionKeyRefresh(video_context, session,
                                length > 32 ? 32 : length, output);
                    break;
                }
                ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session,
                        (flags & 1) ? 256 : length, input);
                break;

            case 1:
                ID3D11VideoContext_NegotiateAuthenticatedChannelKeyExchange(video_context, channel,
                        (flags & 1) ? 256 : length, input);
                break;

            case 2:
            {
                D3D11_AUTHENTICATED_QUERY_INPUT *in = (D3D11_AUTHENTICATED_QUERY_INPUT *)input;

                input_size = length;
                output_size = selector;
                if (selector < sizeof(queries) / sizeof(*queries))
                {
                    in->QueryType = *queries[selector].guid;
                    if (flags & 4)
                    {
                        input_size = queries[selector].input_size;
                        output_size = queries[selector].output_size;
                    }
                }
                if (flags & 1)
                    in->hChannel = channel_handle;
                if (flags & 2)
                    in->SequenceNumber = query_sequence;
                if (IsEqualGUID(&in->QueryType, &D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION))
                {
                    D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION_INPUT *cs = (void *)input;

                    cs->DecoderHandle = (flags & 16) ? decoder_handle : (HANDLE)((uintptr_t)cs->DecoderHandle | 1);
                }
                if ((flags & 16) && IsEqualGUID(&in->QueryType, &D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT))
                {
                    ((D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT_INPUT *)input)->DeviceHandle = device_handle;
                    ((D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT_INPUT *)input)->CryptoSessionHandle
                            = session_handle;
                }
                hr = ID3D11VideoContext_QueryAuthenticatedChannel(video_context, channel, input_size, input,
                        output_size, output);
                if (SUCCEEDED(hr))
                {
                    query_sequence = in->SequenceNumber + 1;
                    if (IsEqualGUID(&in->QueryType, &D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE))
                        device_handle = ((D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE_OUTPUT *)output)->DeviceHandle;
                }
                break;
            }

            case 3:
            {
                D3D11_AUTHENTICATED_CONFIGURE_INPUT *in = (D3D11_AUTHENTICATED_CONFIGURE_INPUT *)input;

                input_size = length;
                if (selector < sizeof(configures) / sizeof(*configures))
                {
                    in->ConfigureType = *configures[selector].guid;
                    if (flags & 4)
                        input_size = configures[selector].input_size;
                }
                if (input_size < sizeof(*in))
                    input_size = sizeof(*in);
                if (flags & 1)
                    in->hChannel = channel_handle;
                if (flags & 2)
                    in->SequenceNumber = configure_sequence;
                if (IsEqualGUID(&in->ConfigureType, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION))
                {
                    D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION_INPUT *cs = (void *)input;

                    cs->DecoderHandle = (flags & 16) ? decoder_handle : (HANDLE)((uintptr_t)cs->DecoderHandle | 1);
                    if (flags & 16)
                    {
                        cs->CryptoSessionHandle = session_handle;
                        cs->DeviceHandle = device_handle;
                    }
                }
                if (flags & 8)
                    cmac(input + 16, input_size - 16, in->omac.Omac);
                hr = ID3D11VideoContext_ConfigureAuthenticatedChannel(video_context, channel, input_size, input,
                        &configure_output);
                if (SUCCEEDED(hr))
                {
                    configure_sequence = in->SequenceNumber + 1;
                    if (IsEqualGUID(&in->ConfigureType, &D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE))
                    {
                        query_sequence = ((D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE_INPUT *)input)->StartSequenceQuery;
                        configure_sequence
                                = ((D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE_INPUT *)input)->StartSequenceConfigure;
                    }
                }
                break;
            }
        }
    }

    ID3D11AuthenticatedChannel_Release(channel);
    return 0;
}
