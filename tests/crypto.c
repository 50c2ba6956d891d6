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

/* Content protection, CPU side: capabilities, crypto sessions, the certificate, RSAES-OAEP key
 * exchange (the test wraps keys with OpenSSL under the public key of GetCertificate), key
 * refresh bookkeeping, session status and every invalid argument. What the keys do to
 * surfaces (EncryptionBlt, refresh re-encryption) is tested in the protected-surface tests. */

#include <initguid.h>
#include "crypto_utils.h"

static const GUID test_guid = {0x5e5e1d2a, 0x3c4b, 0x4d6e, {0x9f, 0x70, 0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6}};
static const GUID guid_null;

static ID3D11CryptoSession *create_session(ID3D11VideoDevice *video_device, const GUID *profile)
{
    ID3D11CryptoSession *session = NULL;
    HRESULT hr;

    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, profile,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return session;
}

static EVP_PKEY *get_public_key(ID3D11CryptoSession *session)
{
    EVP_PKEY *key = NULL;
    UINT size = 0;
    X509 *x509;
    BYTE *data;
    HRESULT hr;

    hr = ID3D11CryptoSession_GetCertificateSize(session, &size);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    data = malloc(size);
    hr = ID3D11CryptoSession_GetCertificate(session, size, data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if ((x509 = parse_certificate(data, size)))
    {
        key = X509_get_pubkey(x509);
        X509_free(x509);
    }
    free(data);
    return key;
}

static void test_caps(void)
{
    D3D11_VIDEO_CONTENT_PROTECTION_CAPS caps, caps2;
    ID3D11VideoDevice *video_device;
    ID3D11Device *device;
    GUID key_exchange;
    UINT expected;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("No device.\n");
        return;
    }
    video_device = get_video_device(device);

    memset(&caps, 0xcc, sizeof(caps));
    hr = ID3D11VideoDevice_GetContentProtectionCaps(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, &caps);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    trace("Caps %#x, key exchanges %u, block alignment %u, protected memory %" PRIu64 ".\n", caps.Caps,
            caps.KeyExchangeTypeCount, caps.BlockAlignmentSize, (uint64_t)caps.ProtectedMemorySize);
    /* Exactly one mode, and what every mode supports. */
    ok(!!(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_SOFTWARE) != !!(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_HARDWARE),
            "Got caps %#x.\n", caps.Caps);
    expected = D3D11_CONTENT_PROTECTION_CAPS_CONTENT_KEY | D3D11_CONTENT_PROTECTION_CAPS_FRESHEN_SESSION_KEY
            | D3D11_CONTENT_PROTECTION_CAPS_DECRYPTION_BLT | D3D11_CONTENT_PROTECTION_CAPS_PARTIAL_DECRYPTION;
    if (caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_SOFTWARE)
        expected |= D3D11_CONTENT_PROTECTION_CAPS_SOFTWARE | D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK;
    else
        expected |= D3D11_CONTENT_PROTECTION_CAPS_HARDWARE
                | D3D11_CONTENT_PROTECTION_CAPS_HARDWARE_PROTECT_UNCOMPRESSED;
    ok(caps.Caps == expected, "Got caps %#x, expected %#x.\n", caps.Caps, expected);
    ok(!(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK_KEY), "Got caps %#x.\n", caps.Caps);
    ok(caps.KeyExchangeTypeCount == 1, "Got %u, expected 1.\n", caps.KeyExchangeTypeCount);
    ok(caps.BlockAlignmentSize == 16, "Got %u, expected 16.\n", caps.BlockAlignmentSize);
    ok(caps.ProtectedMemorySize > 0, "Got no protected memory.\n");

    /* No encryption: the same capabilities. */
    memset(&caps2, 0xcc, sizeof(caps2));
    hr = ID3D11VideoDevice_GetContentProtectionCaps(video_device, NULL, NULL, &caps2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!memcmp(&caps, &caps2, sizeof(caps)), "Got different caps %#x.\n", caps2.Caps);
    if (has_h264(video_device))
    {
        hr = ID3D11VideoDevice_GetContentProtectionCaps(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR,
                &D3D11_DECODER_PROFILE_H264_VLD_NOFGT, &caps2);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        ok(caps2.Caps == caps.Caps, "Got caps %#x.\n", caps2.Caps);
    }

    hr = ID3D11VideoDevice_GetContentProtectionCaps(video_device, &test_guid, NULL, &caps2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_GetContentProtectionCaps(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, &test_guid, &caps2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_GetContentProtectionCaps(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    memset(&key_exchange, 0xcc, sizeof(key_exchange));
    hr = ID3D11VideoDevice_CheckCryptoKeyExchange(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, 0, &key_exchange);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(IsEqualGUID(&key_exchange, &D3D11_KEY_EXCHANGE_RSAES_OAEP), "Got key exchange %08x.\n",
            (unsigned int)key_exchange.Data1);
    hr = ID3D11VideoDevice_CheckCryptoKeyExchange(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, 1, &key_exchange);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CheckCryptoKeyExchange(video_device, &test_guid, NULL, 0, &key_exchange);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CheckCryptoKeyExchange(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, &test_guid, 0,
            &key_exchange);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CheckCryptoKeyExchange(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, 0, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

static void test_crypto_session(void)
{
    UINT input_size, output_size, size, size2;
    ID3D11CryptoSession *session, *session2;
    ID3D11VideoDevice1 *video_device1;
    ID3D11VideoDevice *video_device;
    ID3D11Device *device, *device2;
    HANDLE handle, handle2;
    BYTE *cert, *cert2;
    IUnknown *unknown;
    UINT data = 0;
    X509 *x509;
    GUID guid;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("No device.\n");
        return;
    }
    video_device = get_video_device(device);

    session = (ID3D11CryptoSession *)0xdeadbeef;
    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &test_guid, NULL, &D3D11_KEY_EXCHANGE_RSAES_OAEP,
            &session);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ok(!session, "Got unexpected session %p.\n", session);
    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, NULL, NULL, &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, &test_guid,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_HW_PROTECTION, &session);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, &test_guid,
            &session);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, NULL, &session);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    session = create_session(video_device, NULL);
    check_refcount(session, 1);
    check_interface(session, &IID_ID3D11CryptoSession, true);
    check_interface(session, &IID_ID3D11DeviceChild, true);
    check_interface(session, &IID_IUnknown, true);
    check_interface(session, &IID_ID3D11VideoDecoder, false);

    ID3D11CryptoSession_GetDevice(session, &device2);
    ok(device2 == device, "Got device %p, expected %p.\n", device2, device);
    ID3D11Device_Release(device2);

    memset(&guid, 0xcc, sizeof(guid));
    ID3D11CryptoSession_GetCryptoType(session, &guid);
    ok(IsEqualGUID(&guid, &D3D11_CRYPTO_TYPE_AES128_CTR), "Got unexpected crypto type.\n");
    memset(&guid, 0xcc, sizeof(guid));
    ID3D11CryptoSession_GetDecoderProfile(session, &guid);
    ok(IsEqualGUID(&guid, &guid_null), "Got unexpected decoder profile.\n");

    handle = NULL;
    ID3D11CryptoSession_GetCryptoSessionHandle(session, &handle);
    ok(!!handle, "Got NULL handle.\n");
    ok(handle != (HANDLE)session, "Got the object's address as handle.\n");

    hr = ID3D11CryptoSession_SetPrivateData(session, &test_guid, sizeof(data), &data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    size = sizeof(data);
    data = 0xdeadbeef;
    hr = ID3D11CryptoSession_GetPrivateData(session, &test_guid, &size, &data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!data, "Got %#x.\n", data);
    hr = ID3D11CryptoSession_SetPrivateDataInterface(session, &IID_IUnknown, (IUnknown *)device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    size = sizeof(unknown);
    hr = ID3D11CryptoSession_GetPrivateData(session, &IID_IUnknown, &size, &unknown);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(unknown == (IUnknown *)device, "Got %p.\n", unknown);
    IUnknown_Release(unknown);

    /* The certificate: a self-signed X.509 v3 certificate of an RSA-2048 key. */
    hr = ID3D11CryptoSession_GetCertificateSize(session, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    size = 0;
    hr = ID3D11CryptoSession_GetCertificateSize(session, &size);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(size > 256, "Got certificate size %u.\n", size);
    cert = malloc(size + 1);
    hr = ID3D11CryptoSession_GetCertificate(session, size - 1, cert);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11CryptoSession_GetCertificate(session, size + 1, cert);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11CryptoSession_GetCertificate(session, size, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11CryptoSession_GetCertificate(session, size, cert);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if ((x509 = parse_certificate(cert, size)))
    {
        EVP_PKEY *key = X509_get0_pubkey(x509);

        ok(X509_get_version(x509) == X509_VERSION_3, "Got version %ld.\n", X509_get_version(x509));
        ok(EVP_PKEY_is_a(key, "RSA"), "Got a key of type %s.\n", EVP_PKEY_get0_type_name(key));
        ok(EVP_PKEY_get_bits(key) == 2048, "Got %d bits.\n", EVP_PKEY_get_bits(key));
        ok(X509_verify(x509, key) == 1, "The certificate is not self-signed.\n");
        ok(!X509_NAME_cmp(X509_get_subject_name(x509), X509_get_issuer_name(x509)), "Issuer is not subject.\n");
        X509_free(x509);
    }

    /* A second session of the device: the same certificate, another handle. */
    session2 = create_session(video_device, NULL);
    ID3D11CryptoSession_GetCryptoSessionHandle(session2, &handle2);
    ok(handle2 && handle2 != handle, "Got handles %p, %p.\n", handle, handle2);
    size2 = 0;
    hr = ID3D11CryptoSession_GetCertificateSize(session2, &size2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(size2 == size, "Got size %u, expected %u.\n", size2, size);
    cert2 = malloc(size2);
    hr = ID3D11CryptoSession_GetCertificate(session2, size2, cert2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(size2 == size && !memcmp(cert, cert2, size), "Got another certificate.\n");
    free(cert2);
    free(cert);
    ok(!ID3D11CryptoSession_Release(session2), "ID3D11CryptoSession has references left.\n");

    if (has_h264(video_device))
    {
        session2 = create_session(video_device, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT);
        ID3D11CryptoSession_GetDecoderProfile(session2, &guid);
        ok(IsEqualGUID(&guid, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT), "Got unexpected decoder profile.\n");
        ok(!ID3D11CryptoSession_Release(session2), "ID3D11CryptoSession has references left.\n");
    }
    else
    {
        skip("No H.264 decoding.\n");
    }

    hr = ID3D11VideoDevice_QueryInterface(video_device, &IID_ID3D11VideoDevice1, (void **)&video_device1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    input_size = output_size = 0xdeadbeef;
    hr = ID3D11VideoDevice1_GetCryptoSessionPrivateDataSize(video_device1, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &input_size, &output_size);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!input_size && !output_size, "Got sizes %u, %u.\n", input_size, output_size);
    hr = ID3D11VideoDevice1_GetCryptoSessionPrivateDataSize(video_device1, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_HW_PROTECTION, &input_size, &output_size);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice1_GetCryptoSessionPrivateDataSize(video_device1, &test_guid, NULL,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &input_size, &output_size);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice1_GetCryptoSessionPrivateDataSize(video_device1, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, NULL, &output_size);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoDevice1_Release(video_device1);

    ok(!ID3D11CryptoSession_Release(session), "ID3D11CryptoSession has references left.\n");
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

static void test_key_exchange(void)
{
    static const BYTE key[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
            0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
    static const struct
    {
        const char *name;
        size_t key_size;
        bool valid;
    }
    tests[] =
    {
        {"SHA1", 16, true},
        {"SHA256", 16, true},
        {"SHA512", 16, true},
        {"SHA384", 16, false},
        {"SHA224", 16, false},
        {NULL, 16, false},
        {"SHA256", 15, false},
        {"SHA256", 17, false},
        {"SHA1", 32, false},
        {"SHA1", 0, false},
    };
    ID3D11VideoContext *video_context, *video_context2;
    ID3D11CryptoSession *session, *foreign_session;
    ID3D11VideoDevice *video_device, *video_device2;
    ID3D11VideoDevice2 *video_device_2;
    BYTE blob[257], payload[32];
    ID3D11Device *device, *device2;
    EVP_PKEY *public_key;
    unsigned int i;
    EVP_MD *md;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("No device.\n");
        return;
    }
    video_device = get_video_device(device);
    video_context = get_video_context(device);
    session = create_session(video_device, NULL);
    if (!(public_key = get_public_key(session)))
        goto done;

    for (i = 0; i < ARRAY_SIZE(tests); ++i)
    {
        vkdva_test_state.context = tests[i].name ? tests[i].name : "PKCS #1 v1.5";
        md = tests[i].name ? EVP_MD_fetch(NULL, tests[i].name, NULL) : NULL;
        memset(payload, 0x5a, sizeof(payload));
        memcpy(payload, key, sizeof(key));
        ok(rsa_encrypt(public_key, md, payload, tests[i].key_size, blob), "Failed to encrypt.\n");
        hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, 256, blob);
        ok(hr == (tests[i].valid ? S_OK : E_INVALIDARG), "Got unexpected hr %#x.\n", hr);
        EVP_MD_free(md);
    }
    vkdva_test_state.context = NULL;

    md = EVP_MD_fetch(NULL, "SHA256", NULL);
    ok(rsa_encrypt(public_key, md, key, sizeof(key), blob), "Failed to encrypt.\n");
    EVP_MD_free(md);
    blob[256] = 0;
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, 255, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, 257, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, 0, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, 256, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, NULL, 256, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    /* A corrupted blob. */
    blob[100] ^= 1;
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, 256, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    blob[100] ^= 1;
    /* Garbage, and a value above the modulus. */
    RAND_bytes(blob, 256);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, 256, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    memset(blob, 0xff, 256);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, 256, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    memset(blob, 0, 256);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, 256, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* ID3D11VideoDevice2::NegotiateCryptoSessionKeyExchangeMT. */
    hr = ID3D11VideoDevice_QueryInterface(video_device, &IID_ID3D11VideoDevice2, (void **)&video_device_2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    md = EVP_MD_fetch(NULL, "SHA512", NULL);
    ok(rsa_encrypt(public_key, md, key, sizeof(key), blob), "Failed to encrypt.\n");
    EVP_MD_free(md);
    hr = ID3D11VideoDevice2_NegotiateCryptoSessionKeyExchangeMT(video_device_2, session, 1, 256, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice2_NegotiateCryptoSessionKeyExchangeMT(video_device_2, session,
            D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAG_NONE, 128, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice2_NegotiateCryptoSessionKeyExchangeMT(video_device_2, NULL,
            D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAG_NONE, 256, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice2_NegotiateCryptoSessionKeyExchangeMT(video_device_2, session,
            D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAG_NONE, 256, blob);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* A session of another device: its own key pair, and not usable through this device. */
    if ((device2 = create_device()))
    {
        video_device2 = get_video_device(device2);
        video_context2 = get_video_context(device2);
        foreign_session = create_session(video_device2, NULL);

        hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, foreign_session, 256, blob);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        hr = ID3D11VideoDevice2_NegotiateCryptoSessionKeyExchangeMT(video_device_2, foreign_session,
                D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAG_NONE, 256, blob);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        /* Wrapped for the first device's key. */
        hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context2, foreign_session, 256, blob);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

        ok(!ID3D11CryptoSession_Release(foreign_session), "ID3D11CryptoSession has references left.\n");
        ID3D11VideoContext_Release(video_context2);
        ID3D11VideoDevice_Release(video_device2);
        release_device(device2);
    }
    ID3D11VideoDevice2_Release(video_device_2);
    EVP_PKEY_free(public_key);

done:
    ok(!ID3D11CryptoSession_Release(session), "ID3D11CryptoSession has references left.\n");
    ID3D11VideoContext_Release(video_context);
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

static void negotiate_key(ID3D11VideoContext *video_context, ID3D11CryptoSession *session, const BYTE key[16])
{
    EVP_PKEY *public_key;
    BYTE blob[256];
    EVP_MD *md;
    HRESULT hr;

    if (!(public_key = get_public_key(session)))
        return;
    md = EVP_MD_fetch(NULL, "SHA256", NULL);
    ok(rsa_encrypt(public_key, md, key, 16, blob), "Failed to encrypt.\n");
    EVP_MD_free(md);
    EVP_PKEY_free(public_key);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, sizeof(blob), blob);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
}

static void test_session_key_refresh(void)
{
    static const BYTE key[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
            0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
    static const BYTE fill[32] = {0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc,
            0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc,
            0xcc, 0xcc, 0xcc, 0xcc};
    ID3D11CryptoSession *session, *foreign_session;
    ID3D11VideoDevice *video_device, *video_device2;
    ID3D11VideoContext1 *video_context1;
    D3D11_CRYPTO_SESSION_STATUS status;
    ID3D11VideoContext *video_context;
    ID3D11Device *device, *device2;
    BYTE random[32], random2[32];
    UINT64 output;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("No device.\n");
        return;
    }
    video_device = get_video_device(device);
    video_context = get_video_context(device);
    session = create_session(video_device, NULL);

    /* No key yet: nothing to refresh. */
    memcpy(random, fill, sizeof(random));
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, session, 16, random);
    ok(!memcmp(random, fill, sizeof(random)), "Got a random number without a key.\n");
    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, session);

    negotiate_key(video_context, session, key);

    /* Finish without Start, bad sizes, NULL: no change, no crash. */
    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, session);
    memcpy(random, fill, sizeof(random));
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, session, 15, random);
    ok(!memcmp(random, fill, sizeof(random)), "Got a random number for a 15-byte buffer.\n");
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, session, 32, random);
    ok(!memcmp(random, fill, sizeof(random)), "Got a random number for a 32-byte buffer.\n");
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, session, 0, random);
    ok(!memcmp(random, fill, sizeof(random)), "Got a random number for an empty buffer.\n");
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, session, 16, NULL);
    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, session);
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, NULL, 16, random);
    ok(!memcmp(random, fill, sizeof(random)), "Got a random number for no session.\n");
    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, NULL);

    /* Start writes exactly 16 random bytes; a second Start gives others (and wins). */
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, session, 16, random);
    ok(memcmp(random, fill, 16), "Got no random number.\n");
    ok(!memcmp(random + 16, fill + 16, 16), "Wrote past the random number.\n");
    memcpy(random2, fill, sizeof(random2));
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, session, 16, random2);
    ok(memcmp(random, random2, 16), "Got the same random number twice.\n");
    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, session);
    /* The refresh is consumed. */
    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, session);

    hr = ID3D11VideoContext_GetEncryptionBltKey(video_context, session, 16, random);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_GetEncryptionBltKey(video_context, NULL, 16, random);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    hr = ID3D11VideoContext_QueryInterface(video_context, &IID_ID3D11VideoContext1, (void **)&video_context1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    status = 0xdeadbeef;
    hr = ID3D11VideoContext1_CheckCryptoSessionStatus(video_context1, session, &status);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(status == D3D11_CRYPTO_SESSION_STATUS_OK, "Got status %#x.\n", status);
    hr = ID3D11VideoContext1_CheckCryptoSessionStatus(video_context1, session, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext1_CheckCryptoSessionStatus(video_context1, NULL, &status);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext1_GetDataForNewHardwareKey(video_context1, session, 0, NULL, &output);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext1_GetDataForNewHardwareKey(video_context1, NULL, 0, NULL, &output);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* A session of another device is refused everywhere. */
    if ((device2 = create_device()))
    {
        video_device2 = get_video_device(device2);
        foreign_session = create_session(video_device2, NULL);
        memcpy(random, fill, sizeof(random));
        ID3D11VideoContext_StartSessionKeyRefresh(video_context, foreign_session, 16, random);
        ok(!memcmp(random, fill, sizeof(random)), "Got a random number for a foreign session.\n");
        ID3D11VideoContext_FinishSessionKeyRefresh(video_context, foreign_session);
        hr = ID3D11VideoContext1_CheckCryptoSessionStatus(video_context1, foreign_session, &status);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        hr = ID3D11VideoContext_GetEncryptionBltKey(video_context, foreign_session, 16, random);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        ok(!ID3D11CryptoSession_Release(foreign_session), "ID3D11CryptoSession has references left.\n");
        ID3D11VideoDevice_Release(video_device2);
        release_device(device2);
    }

    ID3D11VideoContext1_Release(video_context1);
    ok(!ID3D11CryptoSession_Release(session), "ID3D11CryptoSession has references left.\n");
    ID3D11VideoContext_Release(video_context);
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

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

/* AES-128-CTR, counter block BE64(iv) || BE64(block index) (D3D11_AES_CTR_IV). */
static void ctr_crypt(const uint8_t key[16], uint64_t iv, const uint8_t *src, uint8_t *dst, size_t size)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    uint8_t counter[16];
    int len;

    store_be64(counter, iv);
    store_be64(counter + 8, 0);
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), NULL, key, counter);
    EVP_EncryptUpdate(ctx, dst, &len, src, size);
    EVP_CIPHER_CTX_free(ctx);
}

/* A protected NV12 surface, filled through DecryptionBlt with plaintext the test knows. */
struct surface
{
    ID3D11Device *device;
    ID3D11DeviceContext *context;
    ID3D11VideoContext *video_context;
    ID3D11CryptoSession *session;
    ID3D11Texture2D *texture, *staging;
    uint8_t plaintext[64 * 96];
    UINT row_pitch;
    size_t size;
};

static bool create_surface(struct surface *surface, ID3D11Device *device, ID3D11VideoContext *video_context,
        ID3D11CryptoSession *session, const uint8_t key[16])
{
    D3D11_TEXTURE2D_DESC desc =
    {
        .Width = 64,
        .Height = 64,
        .MipLevels = 1,
        .ArraySize = 1,
        .Format = DXGI_FORMAT_NV12,
        .SampleDesc = {1, 0},
        .Usage = D3D11_USAGE_DEFAULT,
        .MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED,
    };
    D3D11_MAPPED_SUBRESOURCE map;
    uint8_t iv[16], *plain;
    unsigned int y;
    HRESULT hr;

    memset(surface, 0, sizeof(*surface));
    surface->device = device;
    surface->video_context = video_context;
    surface->session = session;
    ID3D11Device_GetImmediateContext(device, &surface->context);
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &surface->texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    desc.Usage = D3D11_USAGE_STAGING;
    desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE;
    desc.MiscFlags = 0;
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &surface->staging);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (!surface->texture || !surface->staging)
        return false;

    hr = ID3D11DeviceContext_Map(surface->context, (ID3D11Resource *)surface->staging, 0, D3D11_MAP_WRITE, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (FAILED(hr))
        return false;
    /* NV12 in Map layout: 64 luma rows, then 32 chroma rows, RowPitch apart. */
    surface->row_pitch = map.RowPitch;
    surface->size = (size_t)map.RowPitch * 96;
    RAND_bytes(surface->plaintext, sizeof(surface->plaintext));
    plain = calloc(1, surface->size);
    for (y = 0; y < 96; ++y)
        memcpy(plain + (size_t)y * map.RowPitch, surface->plaintext + y * 64, 64);
    ctr_crypt(key, 0x1000, plain, map.pData, surface->size);
    free(plain);
    ID3D11DeviceContext_Unmap(surface->context, (ID3D11Resource *)surface->staging, 0);
    store_be64(iv, 0x1000);
    store_be64(iv + 8, 0);
    ID3D11VideoContext_DecryptionBlt(video_context, session, surface->staging, surface->texture, NULL, 0, NULL,
            sizeof(iv), iv);
    return true;
}

/* EncryptionBlt, decrypted with the key the test believes the session has. */
#define check_surface_key(a, b) check_surface_key_(__LINE__, a, b)
static void check_surface_key_(unsigned int line, struct surface *surface, const uint8_t key[16])
{
    D3D11_MAPPED_SUBRESOURCE map;
    uint8_t iv[16], *plain;
    unsigned int y;
    HRESULT hr;

    memset(iv, 0, sizeof(iv));
    ID3D11VideoContext_EncryptionBlt(surface->video_context, surface->session, surface->texture, surface->staging,
            sizeof(iv), iv);
    hr = ID3D11DeviceContext_Map(surface->context, (ID3D11Resource *)surface->staging, 0, D3D11_MAP_READ, 0, &map);
    ok_line(line, hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (FAILED(hr))
        return;
    plain = malloc(surface->size);
    ctr_crypt(key, load_be64(iv), map.pData, plain, surface->size);
    for (y = 0; y < 96; ++y)
    {
        if (memcmp(plain + (size_t)y * surface->row_pitch, surface->plaintext + y * 64, 64))
            break;
    }
    ok_line(line, y == 96, "Row %u does not decrypt to the surface's content.\n", y);
    free(plain);
    ID3D11DeviceContext_Unmap(surface->context, (ID3D11Resource *)surface->staging, 0);
}

static void destroy_surface(struct surface *surface)
{
    if (surface->staging)
        ID3D11Texture2D_Release(surface->staging);
    if (surface->texture)
        ok(!ID3D11Texture2D_Release(surface->texture), "ID3D11Texture2D has references left.\n");
    ID3D11DeviceContext_Release(surface->context);
}

/* What the key exchange and the refresh bookkeeping do to the session key, seen through the
 * only window a client has: EncryptionBlt output. Failures leave the key; a renegotiated key
 * keeps the surfaces' contents. */
static void test_session_key_changes(void)
{
    static const uint8_t fill[16] = {0};
    uint8_t key[16], key2[16], random[16], blob[256], payload[24];
    D3D11_VIDEO_CONTENT_PROTECTION_CAPS caps;
    ID3D11VideoContext *video_context;
    ID3D11VideoDevice *video_device;
    ID3D11CryptoSession *session;
    struct surface surface;
    EVP_PKEY *public_key;
    ID3D11Device *device;
    unsigned int i;
    EVP_MD *md;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("No device.\n");
        return;
    }
    video_device = get_video_device(device);
    video_context = get_video_context(device);
    hr = ID3D11VideoDevice_GetContentProtectionCaps(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, &caps);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (!(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK))
    {
        skip("No encrypted read-back.\n");
        ID3D11VideoContext_Release(video_context);
        ID3D11VideoDevice_Release(video_device);
        release_device(device);
        return;
    }
    session = create_session(video_device, NULL);
    RAND_bytes(key, sizeof(key));
    negotiate_key(video_context, session, key);
    if (!create_surface(&surface, device, video_context, session, key))
        goto done;
    check_surface_key(&surface, key);

    /* Failed key exchanges and refresh calls change nothing. */
    public_key = get_public_key(session);
    RAND_bytes(key2, sizeof(key2));
    md = EVP_MD_fetch(NULL, "SHA384", NULL);
    ok(rsa_encrypt(public_key, md, key2, sizeof(key2), blob), "Failed to encrypt.\n");
    EVP_MD_free(md);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, sizeof(blob), blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    md = EVP_MD_fetch(NULL, "SHA1", NULL);
    memset(payload, 0x33, sizeof(payload));
    ok(rsa_encrypt(public_key, md, payload, sizeof(payload), blob), "Failed to encrypt.\n");
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, sizeof(blob), blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ok(rsa_encrypt(public_key, md, key2, sizeof(key2), blob), "Failed to encrypt.\n");
    EVP_MD_free(md);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, 255, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    blob[17] ^= 0x40;
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, sizeof(blob), blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    blob[17] ^= 0x40;
    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, session);
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, session, 8, random);
    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, session);
    check_surface_key(&surface, key);

    /* A refresh: K ^ R. */
    memcpy(random, fill, sizeof(random));
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, session, sizeof(random), random);
    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, session);
    for (i = 0; i < 16; ++i)
        key[i] ^= random[i];
    check_surface_key(&surface, key);

    /* A new key: the surface keeps its content, now under the new key. A pending refresh is
     * dropped with the old key. */
    ID3D11VideoContext_StartSessionKeyRefresh(video_context, session, sizeof(random), random);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(video_context, session, sizeof(blob), blob);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, session);
    check_surface_key(&surface, key2);
    EVP_PKEY_free(public_key);

    destroy_surface(&surface);
done:
    ok(!ID3D11CryptoSession_Release(session), "ID3D11CryptoSession has references left.\n");
    ID3D11VideoContext_Release(video_context);
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

START_TEST(crypto)
{
    require_device_or_skip_all();

    run_test(test_caps);
    run_test(test_crypto_session);
    run_test(test_key_exchange);
    run_test(test_session_key_refresh);
    run_test(test_session_key_changes);
}
