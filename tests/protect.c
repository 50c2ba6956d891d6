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

/* Protected surfaces: DecryptionBlt, EncryptionBlt and session-key refresh, with the test as
 * the DRM client. It encrypts with OpenSSL, puts data into protected surfaces only through
 * DecryptionBlt, reads them back only through EncryptionBlt and decrypts what comes back
 * with the key it computes itself (K ^ R1 ^ R2 ...). The byte layout is the one
 * docs/CONTENT-PROTECTION.md documents: a staging texture's Map layout, one CTR stream per
 * subresource, subresource s under IV + s. */

#include <initguid.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <ctype.h>
#include "d3d11_utils.h"
#include "../programs/vkdva-decode/protected.h"

static unsigned int warn_count;

/* VKDVA_TEST_SECRETS=1 (the protect-secrets test, run with VKDVA_DEBUG=trace): the test keeps
 * vkdva's whole log and every key it hands vkdva or derives (session keys after each refresh,
 * content keys), and at the end no key, nor either 8-byte half of one, may appear in the log, as
 * bytes or in hexadecimal (issue 8: keys are never logged, even at trace level). */
static struct
{
    bool enabled;
    uint8_t keys[256][16];
    unsigned int key_count;
    char *log;
    size_t log_size, log_capacity;
} secrets;

static void remember_secret(const uint8_t key[16])
{
    unsigned int i;

    if (!secrets.enabled)
        return;
    for (i = 0; i < secrets.key_count; ++i)
    {
        if (!memcmp(secrets.keys[i], key, 16))
            return;
    }
    if (secrets.key_count < ARRAY_SIZE(secrets.keys))
        memcpy(secrets.keys[secrets.key_count++], key, 16);
}

static void protect_test_log(void *context, enum vkdva_log_level level, const char *message)
{
    size_t length;

    if (level == VKDVA_LOG_LEVEL_WARN)
        ++warn_count;
    if (secrets.enabled)
    {
        length = strlen(message);
        if (secrets.log_size + length + 1 > secrets.log_capacity)
        {
            secrets.log_capacity = (secrets.log_size + length + 1) * 2;
            secrets.log = realloc(secrets.log, secrets.log_capacity);
        }
        memcpy(secrets.log + secrets.log_size, message, length + 1);
        secrets.log_size += length;
        /* The trace is for the check, not for the test's output. */
        if (level != VKDVA_LOG_LEVEL_ERR)
            return;
    }
    d3d11_test_log(context, level, message);
}

static bool contains_bytes(const char *haystack, size_t size, const uint8_t *needle, size_t needle_size)
{
    size_t i;

    for (i = 0; i + needle_size <= size; ++i)
    {
        if (!memcmp(haystack + i, needle, needle_size))
            return true;
    }
    return false;
}

static void hex_string(const uint8_t *bytes, size_t size, char *out)
{
    size_t i;

    for (i = 0; i < size; ++i)
        sprintf(out + 2 * i, "%02x", bytes[i]);
}

static void check_secrets(void)
{
    uint8_t reversed[8];
    char hex[33], *lower;
    unsigned int i, j;
    size_t k;

    if (!secrets.enabled)
        return;
    ok(secrets.key_count >= 4, "Only %u keys were used.\n", secrets.key_count);
    ok(secrets.log_size > 100000, "The trace log has only %zu bytes; was VKDVA_DEBUG=trace set?\n",
            secrets.log_size);
    if (!secrets.log)
        return;
    lower = strdup(secrets.log);
    for (k = 0; k < secrets.log_size; ++k)
        lower[k] = tolower((unsigned char)lower[k]);
    for (i = 0; i < secrets.key_count; ++i)
    {
        ok(!contains_bytes(secrets.log, secrets.log_size, secrets.keys[i], 16),
                "Key %u appears in the log as bytes.\n", i);
        hex_string(secrets.keys[i], 16, hex);
        ok(!strstr(lower, hex), "Key %u appears in the log in hexadecimal.\n", i);
        for (j = 0; j < 2; ++j)
        {
            hex_string(secrets.keys[i] + 8 * j, 8, hex);
            ok(!strstr(lower, hex), "Half %u of key %u appears in the log in hexadecimal.\n", j, i);
            for (k = 0; k < 8; ++k)
                reversed[k] = secrets.keys[i][8 * j + 7 - k];
            hex_string(reversed, 8, hex);
            ok(!strstr(lower, hex), "Half %u of key %u appears in the log as a number.\n", j, i);
        }
    }
    trace("Searched %zu bytes of trace for %u keys.\n", secrets.log_size, secrets.key_count);
    free(lower);
    free(secrets.log);
}

static uint64_t load_be64(const uint8_t *p)
{
    uint64_t value = 0;
    unsigned int i;

    for (i = 0; i < 8; ++i)
        value = (value << 8) | p[i];
    return value;
}

static void store_be64(uint8_t *p, uint64_t value)
{
    unsigned int i;

    for (i = 0; i < 8; ++i)
        p[i] = value >> (56 - 8 * i);
}

/* AES-128-CTR over the bytes a pattern marks encrypted (all of them without one); the
 * encrypted bytes form one counter stream starting at IV || Count. */
static void ctr_crypt(const uint8_t key[16], uint64_t iv, uint64_t count, const D3D11_ENCRYPTED_BLOCK_INFO *pattern,
        const uint8_t *src, uint8_t *dst, size_t size)
{
    uint8_t counter[16], keystream[16];
    unsigned int used = 16;
    EVP_CIPHER_CTX *ctx;
    size_t i, period, position;
    bool encrypted;
    int len;

    ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    for (i = 0; i < size; ++i)
    {
        encrypted = true;
        if (pattern && i >= pattern->NumEncryptedBytesAtBeginning)
        {
            if (!pattern->NumBytesInEncryptPattern)
            {
                encrypted = false;
            }
            else
            {
                period = pattern->NumBytesInSkipPattern + pattern->NumBytesInEncryptPattern;
                position = (i - pattern->NumEncryptedBytesAtBeginning) % period;
                encrypted = position >= pattern->NumBytesInSkipPattern;
            }
        }
        if (!encrypted)
        {
            dst[i] = src[i];
            continue;
        }
        if (used == 16)
        {
            store_be64(counter, iv);
            store_be64(counter + 8, count++);
            EVP_EncryptUpdate(ctx, keystream, &len, counter, 16);
            used = 0;
        }
        dst[i] = src[i] ^ keystream[used++];
    }
    EVP_CIPHER_CTX_free(ctx);
}

static void ecb_encrypt(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int len;

    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    EVP_EncryptUpdate(ctx, out, &len, in, 16);
    EVP_CIPHER_CTX_free(ctx);
}

struct protect_test
{
    ID3D11Device *device;
    ID3D11DeviceContext *context;
    ID3D11VideoDevice *video_device;
    ID3D11VideoContext *video_context;
    ID3D11CryptoSession *session;
    /* The key the test believes the session has: K ^ R1 ^ R2 ... */
    uint8_t key[16];
    /* DecryptionBlt IVs, strictly increasing per key. */
    uint64_t next_iv;
};

/* The test's side of the key exchange: a random session key, RSAES-OAEP (SHA-256) under the
 * public key of the certificate GetCertificate returns. */
static bool negotiate_key(struct protect_test *test, ID3D11CryptoSession *session, uint8_t key[16])
{
    const unsigned char *p;
    uint8_t blob[256];
    EVP_PKEY_CTX *ctx;
    BYTE *certificate;
    size_t blob_size;
    EVP_PKEY *pkey;
    UINT size = 0;
    X509 *x509;
    HRESULT hr;

    hr = ID3D11CryptoSession_GetCertificateSize(session, &size);
    ok(hr == S_OK && size, "Got hr %#x, size %u.\n", hr, size);
    if (FAILED(hr) || !size)
        return false;
    certificate = malloc(size);
    hr = ID3D11CryptoSession_GetCertificate(session, size, certificate);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    p = certificate;
    x509 = d2i_X509(NULL, &p, size);
    ok(!!x509, "Failed to parse the certificate.\n");
    free(certificate);
    if (!x509)
        return false;
    pkey = X509_get_pubkey(x509);
    RAND_bytes(key, 16);
    ctx = EVP_PKEY_CTX_new(pkey, NULL);
    blob_size = sizeof(blob);
    if (EVP_PKEY_encrypt_init(ctx) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) != 1
            || EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) != 1
            || EVP_PKEY_encrypt(ctx, blob, &blob_size, key, 16) != 1)
        blob_size = 0;
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    X509_free(x509);
    ok(blob_size == 256, "Got OAEP size %zu.\n", blob_size);
    hr = ID3D11VideoContext_NegotiateCryptoSessionKeyExchange(test->video_context, session, blob_size, blob);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    remember_secret(key);
    return hr == S_OK;
}

static ID3D11CryptoSession *create_session(ID3D11VideoDevice *video_device)
{
    ID3D11CryptoSession *session = NULL;
    HRESULT hr;

    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return session;
}

/* readback: the test needs EncryptionBlt (software mode); otherwise it needs hardware mode. */
static bool init_test_(struct protect_test *test, bool readback)
{
    D3D11_VIDEO_CONTENT_PROTECTION_CAPS caps;
    HRESULT hr;

    memset(test, 0, sizeof(*test));
    if (!(test->device = create_device()))
    {
        skip("No device.\n");
        return false;
    }
    ID3D11Device_GetImmediateContext(test->device, &test->context);
    hr = ID3D11Device_QueryInterface(test->device, &IID_ID3D11VideoDevice, (void **)&test->video_device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_QueryInterface(test->context, &IID_ID3D11VideoContext, (void **)&test->video_context);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    hr = ID3D11VideoDevice_GetContentProtectionCaps(test->video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, &caps);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (hr != S_OK || !(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_DECRYPTION_BLT)
            || (readback && !(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK))
            || (!readback && !(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_HARDWARE)))
    {
        skip("Not in %s mode (caps %#x).\n", readback ? "software" : "hardware", hr == S_OK ? caps.Caps : 0);
        goto fail;
    }
    ok(caps.BlockAlignmentSize == 16, "Got block alignment %u.\n", caps.BlockAlignmentSize);
    if (!(test->session = create_session(test->video_device)) || !negotiate_key(test, test->session, test->key))
        goto fail;
    RAND_bytes((uint8_t *)&test->next_iv, sizeof(test->next_iv));
    test->next_iv &= (1ull << 40) - 1;
    return true;

fail:
    if (test->session)
        ID3D11CryptoSession_Release(test->session);
    ID3D11VideoContext_Release(test->video_context);
    ID3D11VideoDevice_Release(test->video_device);
    ID3D11DeviceContext_Release(test->context);
    release_device(test->device);
    return false;
}

static bool init_test(struct protect_test *test)
{
    return init_test_(test, true);
}

static void destroy_test(struct protect_test *test)
{
    ULONG refcount;

    refcount = ID3D11CryptoSession_Release(test->session);
    ok(!refcount, "ID3D11CryptoSession has %u references left.\n", refcount);
    ID3D11VideoContext_Release(test->video_context);
    ID3D11VideoDevice_Release(test->video_device);
    ID3D11DeviceContext_Release(test->context);
    release_device(test->device);
}

/* A protected surface and what the test put into it. */
struct surface
{
    ID3D11Texture2D *texture;
    D3D11_TEXTURE2D_DESC desc;
    /* Per subresource, the plaintext in Map layout and its size. */
    uint8_t *plaintext[8];
    size_t size[8];
    UINT row_pitch[8];
};

static ID3D11Texture2D *create_staging(struct protect_test *test, const D3D11_TEXTURE2D_DESC *desc)
{
    D3D11_TEXTURE2D_DESC staging_desc = *desc;
    ID3D11Texture2D *texture = NULL;
    HRESULT hr;

    staging_desc.Usage = D3D11_USAGE_STAGING;
    staging_desc.BindFlags = 0;
    staging_desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE;
    staging_desc.MiscFlags = 0;
    hr = ID3D11Device_CreateTexture2D(test->device, &staging_desc, NULL, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    return texture;
}

static size_t subresource_size(const D3D11_TEXTURE2D_DESC *desc, UINT row_pitch)
{
    /* NV12 and P010: luma rows, then half as many chroma rows. */
    return (size_t)row_pitch * (desc->Height + desc->Height / 2);
}

/* Fills a staging texture with data encrypted under key (or a content key), with a pattern. */
static void write_ciphertext(struct protect_test *test, ID3D11Texture2D *staging, struct surface *surface,
        const uint8_t key[16], uint64_t iv, uint64_t count, const D3D11_ENCRYPTED_BLOCK_INFO *pattern)
{
    D3D11_MAPPED_SUBRESOURCE map;
    UINT sub;
    HRESULT hr;

    remember_secret(key);
    for (sub = 0; sub < surface->desc.ArraySize; ++sub)
    {
        hr = ID3D11DeviceContext_Map(test->context, (ID3D11Resource *)staging, sub, D3D11_MAP_WRITE, 0, &map);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        if (FAILED(hr))
            continue;
        ok(map.RowPitch == surface->row_pitch[sub], "Got row pitch %u, expected %u.\n",
                map.RowPitch, surface->row_pitch[sub]);
        ctr_crypt(key, iv + sub, count, pattern, surface->plaintext[sub], map.pData, surface->size[sub]);
        ID3D11DeviceContext_Unmap(test->context, (ID3D11Resource *)staging, sub);
    }
}

static bool create_surface(struct protect_test *test, struct surface *surface, DXGI_FORMAT format,
        UINT width, UINT height, UINT array_size)
{
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11Texture2D *staging;
    uint8_t iv[16];
    UINT sub;
    HRESULT hr;

    memset(surface, 0, sizeof(*surface));
    surface->desc = (D3D11_TEXTURE2D_DESC)
    {
        .Width = width,
        .Height = height,
        .MipLevels = 1,
        .ArraySize = array_size,
        .Format = format,
        .SampleDesc = {1, 0},
        .Usage = D3D11_USAGE_DEFAULT,
        .MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED,
    };
    hr = ID3D11Device_CreateTexture2D(test->device, &surface->desc, NULL, &surface->texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (FAILED(hr))
        return false;
    if (!(staging = create_staging(test, &surface->desc)))
        return false;
    for (sub = 0; sub < array_size; ++sub)
    {
        hr = ID3D11DeviceContext_Map(test->context, (ID3D11Resource *)staging, sub, D3D11_MAP_READ, 0, &map);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        surface->row_pitch[sub] = map.RowPitch;
        surface->size[sub] = subresource_size(&surface->desc, map.RowPitch);
        ok(map.DepthPitch == surface->size[sub], "Got depth pitch %u, expected %zu.\n",
                map.DepthPitch, surface->size[sub]);
        ID3D11DeviceContext_Unmap(test->context, (ID3D11Resource *)staging, sub);
        surface->plaintext[sub] = malloc(surface->size[sub]);
        RAND_bytes(surface->plaintext[sub], surface->size[sub]);
    }

    /* Plaintext enters the surface only as ciphertext, through DecryptionBlt. */
    write_ciphertext(test, staging, surface, test->key, test->next_iv, 5, NULL);
    store_be64(iv, test->next_iv);
    store_be64(iv + 8, 5);
    test->next_iv += array_size;
    warn_count = 0;
    ID3D11VideoContext_DecryptionBlt(test->video_context, test->session, surface->texture, staging, NULL,
            0, NULL, sizeof(iv), iv);
    ok(warn_count, "Expected a warning for swapped surfaces.\n");
    warn_count = 0;
    ID3D11VideoContext_DecryptionBlt(test->video_context, test->session, (ID3D11Texture2D *)staging,
            surface->texture, NULL, 0, NULL, sizeof(iv), iv);
    ok(!warn_count, "Got %u warnings.\n", warn_count);
    ID3D11Texture2D_Release(staging);
    return true;
}

static void destroy_surface(struct surface *surface)
{
    ULONG refcount;
    UINT sub;

    refcount = ID3D11Texture2D_Release(surface->texture);
    ok(!refcount, "ID3D11Texture2D has %u references left.\n", refcount);
    for (sub = 0; sub < ARRAY_SIZE(surface->plaintext); ++sub)
        free(surface->plaintext[sub]);
    memset(surface, 0, sizeof(*surface));
}

/* EncryptionBlt, then decrypts the result with the key the test computed. */
#define check_surface(a, b, c) check_surface_(__LINE__, a, b, c)
static void check_surface_(unsigned int line, struct protect_test *test, const struct surface *surface,
        uint64_t *last_iv)
{
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11Texture2D *staging;
    uint8_t iv[16], *plain;
    uint64_t value;
    UINT sub;
    HRESULT hr;

    if (!(staging = create_staging(test, &surface->desc)))
        return;
    remember_secret(test->key);
    memset(iv, 0xcc, sizeof(iv));
    warn_count = 0;
    ID3D11VideoContext_EncryptionBlt(test->video_context, test->session, surface->texture, staging,
            sizeof(iv), iv);
    ok_line(line, !warn_count, "Got %u warnings.\n", warn_count);
    value = load_be64(iv);
    ok_line(line, !load_be64(iv + 8), "Got count %#" PRIx64 ".\n", load_be64(iv + 8));
    if (last_iv)
    {
        ok_line(line, value > *last_iv, "IV %#" PRIx64 " does not increase on %#" PRIx64 ".\n", value, *last_iv);
        *last_iv = value + surface->desc.ArraySize - 1;
    }
    for (sub = 0; sub < surface->desc.ArraySize; ++sub)
    {
        hr = ID3D11DeviceContext_Map(test->context, (ID3D11Resource *)staging, sub, D3D11_MAP_READ, 0, &map);
        ok_line(line, hr == S_OK, "Got unexpected hr %#x.\n", hr);
        if (FAILED(hr))
            continue;
        ok_line(line, memcmp(map.pData, surface->plaintext[sub], 64), "Subresource %u is plaintext.\n", sub);
        plain = malloc(surface->size[sub]);
        ctr_crypt(test->key, value + sub, 0, NULL, map.pData, plain, surface->size[sub]);
        ok_line(line, !memcmp(plain, surface->plaintext[sub], surface->size[sub]),
                "Subresource %u of a %ux%u %s surface does not decrypt to its content.\n", sub,
                surface->desc.Width, surface->desc.Height,
                surface->desc.Format == DXGI_FORMAT_NV12 ? "NV12" : "P010");
        free(plain);
        ID3D11DeviceContext_Unmap(test->context, (ID3D11Resource *)staging, sub);
    }
    ID3D11Texture2D_Release(staging);
}

static void refresh_key(struct protect_test *test)
{
    uint8_t random[16];
    unsigned int i;

    memset(random, 0, sizeof(random));
    warn_count = 0;
    ID3D11VideoContext_StartSessionKeyRefresh(test->video_context, test->session, sizeof(random), random);
    ID3D11VideoContext_FinishSessionKeyRefresh(test->video_context, test->session);
    ok(!warn_count, "Got %u warnings.\n", warn_count);
    for (i = 0; i < 16; ++i)
        test->key[i] ^= random[i];
}

static void test_refresh(void)
{
    static const struct
    {
        DXGI_FORMAT format;
        UINT width, height, array_size;
    }
    tests[] =
    {
        {DXGI_FORMAT_NV12, 64, 48, 1},
        {DXGI_FORMAT_NV12, 176, 144, 3},
        {DXGI_FORMAT_P010, 128, 64, 2},
        {DXGI_FORMAT_NV12, 352, 288, 1},
        {DXGI_FORMAT_P010, 66, 34, 1},
    };
    struct surface surfaces[ARRAY_SIZE(tests)], late;
    struct protect_test test;
    uint64_t last_iv = 0;
    uint8_t random[16];
    unsigned int i, round;

    if (!init_test(&test))
        return;

    for (i = 0; i < ARRAY_SIZE(tests); ++i)
        create_surface(&test, &surfaces[i], tests[i].format, tests[i].width, tests[i].height, tests[i].array_size);
    for (i = 0; i < ARRAY_SIZE(tests); ++i)
        check_surface(&test, &surfaces[i], &last_iv);

    for (round = 0; round < 3; ++round)
    {
        refresh_key(&test);
        for (i = 0; i < ARRAY_SIZE(tests); ++i)
            check_surface(&test, &surfaces[i], &last_iv);
    }

    /* Surfaces created and released between Start and Finish; Start twice (the latest R
     * counts). Until Finish, the old key is in use. */
    ID3D11VideoContext_StartSessionKeyRefresh(test.video_context, test.session, sizeof(random), random);
    create_surface(&test, &late, DXGI_FORMAT_NV12, 96, 64, 2);
    destroy_surface(&surfaces[0]);
    ID3D11VideoContext_StartSessionKeyRefresh(test.video_context, test.session, sizeof(random), random);
    ID3D11VideoContext_FinishSessionKeyRefresh(test.video_context, test.session);
    for (i = 0; i < 16; ++i)
        test.key[i] ^= random[i];
    check_surface(&test, &late, &last_iv);
    for (i = 1; i < ARRAY_SIZE(tests); ++i)
        check_surface(&test, &surfaces[i], &last_iv);

    /* Finish without Start: no change, a warning. */
    warn_count = 0;
    ID3D11VideoContext_FinishSessionKeyRefresh(test.video_context, test.session);
    ok(warn_count, "Expected a warning.\n");
    check_surface(&test, &late, &last_iv);

    /* A wrong size: no change. */
    warn_count = 0;
    memset(random, 0x55, sizeof(random));
    ID3D11VideoContext_StartSessionKeyRefresh(test.video_context, test.session, 8, random);
    ok(warn_count, "Expected a warning.\n");
    ID3D11VideoContext_FinishSessionKeyRefresh(test.video_context, test.session);
    check_surface(&test, &late, &last_iv);

    /* Zero live surfaces. */
    destroy_surface(&late);
    for (i = 1; i < ARRAY_SIZE(tests); ++i)
        destroy_surface(&surfaces[i]);
    refresh_key(&test);
    create_surface(&test, &late, DXGI_FORMAT_P010, 64, 64, 1);
    check_surface(&test, &late, &last_iv);
    refresh_key(&test);
    check_surface(&test, &late, &last_iv);
    destroy_surface(&late);

    destroy_test(&test);
}

static void test_decryption_blt(void)
{
    static const D3D11_ENCRYPTED_BLOCK_INFO patterns[] =
    {
        {0, 0, 16},
        {16, 0, 0},
        {32, 16, 16},
        {0, 32, 16},
        {48, 16, 160},
        {1024, 0, 0},
    };
    uint8_t content_key[16], wrapped[16], iv[16];
    struct surface surface, copy;
    struct protect_test test;
    ID3D11Texture2D *staging;
    D3D11_BOX box;
    unsigned int i;

    if (!init_test(&test))
        return;
    create_surface(&test, &surface, DXGI_FORMAT_NV12, 176, 144, 2);
    staging = create_staging(&test, &surface.desc);

    for (i = 0; i < ARRAY_SIZE(patterns); ++i)
    {
        RAND_bytes(surface.plaintext[0], surface.size[0]);
        RAND_bytes(surface.plaintext[1], surface.size[1]);
        write_ciphertext(&test, staging, &surface, test.key, test.next_iv, 0, &patterns[i]);
        store_be64(iv, test.next_iv);
        store_be64(iv + 8, 0);
        test.next_iv += 2;
        warn_count = 0;
        ID3D11VideoContext_DecryptionBlt(test.video_context, test.session, staging, surface.texture,
                (D3D11_ENCRYPTED_BLOCK_INFO *)&patterns[i], 0, NULL, sizeof(iv), iv);
        ok(!warn_count, "Pattern %u: got %u warnings.\n", i, warn_count);
        check_surface(&test, &surface, NULL);
    }

    /* A content key, ECB-wrapped by the session key. */
    RAND_bytes(content_key, sizeof(content_key));
    ecb_encrypt(test.key, content_key, wrapped);
    RAND_bytes(surface.plaintext[0], surface.size[0]);
    RAND_bytes(surface.plaintext[1], surface.size[1]);
    write_ciphertext(&test, staging, &surface, content_key, 1000, 7, &patterns[2]);
    store_be64(iv, 1000);
    store_be64(iv + 8, 7);
    warn_count = 0;
    ID3D11VideoContext_DecryptionBlt(test.video_context, test.session, staging, surface.texture,
            (D3D11_ENCRYPTED_BLOCK_INFO *)&patterns[2], sizeof(wrapped), wrapped, sizeof(iv), iv);
    ok(!warn_count, "Got %u warnings.\n", warn_count);
    check_surface(&test, &surface, NULL);

    /* The same IV again with that key, or a smaller one: refused, the surface keeps its
     * content. IVs of another key are independent. */
    warn_count = 0;
    ID3D11VideoContext_DecryptionBlt(test.video_context, test.session, staging, surface.texture,
            NULL, sizeof(wrapped), wrapped, sizeof(iv), iv);
    ok(warn_count, "Expected a warning.\n");
    store_be64(iv, 1001);
    warn_count = 0;
    ID3D11VideoContext_DecryptionBlt(test.video_context, test.session, staging, surface.texture,
            NULL, sizeof(wrapped), wrapped, sizeof(iv), iv);
    ok(warn_count, "Expected a warning.\n");
    check_surface(&test, &surface, NULL);
    write_ciphertext(&test, staging, &surface, content_key, 1002, 0, NULL);
    store_be64(iv, 1002);
    store_be64(iv + 8, 0);
    warn_count = 0;
    ID3D11VideoContext_DecryptionBlt(test.video_context, test.session, staging, surface.texture,
            NULL, sizeof(wrapped), wrapped, sizeof(iv), iv);
    ok(!warn_count, "Got %u warnings.\n", warn_count);
    check_surface(&test, &surface, NULL);

    /* Copies between protected surfaces re-encrypt; only whole subresources are copied. */
    create_surface(&test, &copy, DXGI_FORMAT_NV12, 176, 144, 2);
    ID3D11DeviceContext_CopyResource(test.context, (ID3D11Resource *)copy.texture, (ID3D11Resource *)surface.texture);
    for (i = 0; i < 2; ++i)
        memcpy(copy.plaintext[i], surface.plaintext[i], surface.size[i]);
    check_surface(&test, &copy, NULL);
    ID3D11DeviceContext_CopySubresourceRegion(test.context, (ID3D11Resource *)copy.texture, 0, 0, 0, 0,
            (ID3D11Resource *)surface.texture, 1, NULL);
    memcpy(copy.plaintext[0], surface.plaintext[1], surface.size[1]);
    check_surface(&test, &copy, NULL);
    box.left = box.top = box.front = 0;
    box.right = 64;
    box.bottom = 64;
    box.back = 1;
    ID3D11DeviceContext_CopySubresourceRegion(test.context, (ID3D11Resource *)copy.texture, 1, 0, 0, 0,
            (ID3D11Resource *)surface.texture, 0, &box);
    check_surface(&test, &copy, NULL);
    destroy_surface(&copy);

    ID3D11Texture2D_Release(staging);
    destroy_surface(&surface);
    destroy_test(&test);
}

static void fill_staging(struct protect_test *test, ID3D11Texture2D *staging, BYTE value)
{
    D3D11_MAPPED_SUBRESOURCE map;
    HRESULT hr;

    hr = ID3D11DeviceContext_Map(test->context, (ID3D11Resource *)staging, 0, D3D11_MAP_WRITE, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(map.pData, value, map.DepthPitch);
    ID3D11DeviceContext_Unmap(test->context, (ID3D11Resource *)staging, 0);
}

#define check_staging_untouched(a, b, c) check_staging_untouched_(__LINE__, a, b, c)
static void check_staging_untouched_(unsigned int line, struct protect_test *test, ID3D11Texture2D *staging,
        BYTE value)
{
    D3D11_MAPPED_SUBRESOURCE map;
    const BYTE *data;
    HRESULT hr;
    UINT i;

    hr = ID3D11DeviceContext_Map(test->context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    ok_line(line, hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (FAILED(hr))
        return;
    data = map.pData;
    for (i = 0; i < map.DepthPitch && data[i] == value; ++i);
    ok_line(line, i == map.DepthPitch, "Byte %u changed to %#x.\n", i, i < map.DepthPitch ? data[i] : 0);
    ID3D11DeviceContext_Unmap(test->context, (ID3D11Resource *)staging, 0);
}

static void test_invalid(void)
{
    ID3D11Texture2D *staging, *default_texture, *small_staging, *read_only;
    D3D11_SUBRESOURCE_DATA initial_data;
    ID3D11CryptoSession *foreign_session, *keyless_session;
    D3D11_TEXTURE2D_DESC desc;
    ID3D11VideoDevice *video_device2;
    ID3D11Device *device2;
    struct protect_test test;
    struct surface surface;
    uint8_t iv[16], key[16];
    unsigned int i, j;
    HRESULT hr;

    if (!init_test(&test))
        return;
    create_surface(&test, &surface, DXGI_FORMAT_NV12, 64, 64, 1);
    staging = create_staging(&test, &surface.desc);
    desc = surface.desc;
    desc.MiscFlags = 0;
    hr = ID3D11Device_CreateTexture2D(test.device, &desc, NULL, &default_texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    desc.Width = 32;
    small_staging = create_staging(&test, &desc);
    desc = surface.desc;
    desc.Usage = D3D11_USAGE_STAGING;
    desc.BindFlags = 0;
    desc.MiscFlags = 0;
    desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
    hr = ID3D11Device_CreateTexture2D(test.device, &desc, NULL, &read_only);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* A staging texture cannot be protected, nor can a protected texture have initial data. */
    desc.MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED;
    hr = ID3D11Device_CreateTexture2D(test.device, &desc, NULL, &(ID3D11Texture2D *){NULL});
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    initial_data.pSysMem = surface.plaintext[0];
    initial_data.SysMemPitch = surface.row_pitch[0];
    initial_data.SysMemSlicePitch = 0;
    hr = ID3D11Device_CreateTexture2D(test.device, &surface.desc, &initial_data, &(ID3D11Texture2D *){NULL});
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    device2 = create_device();
    hr = ID3D11Device_QueryInterface(device2, &IID_ID3D11VideoDevice, (void **)&video_device2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    foreign_session = create_session(video_device2);
    keyless_session = create_session(test.video_device);

    /* EncryptionBlt: each bad argument leaves the destination and the IV untouched. */
    {
        const struct
        {
            ID3D11CryptoSession *session;
            ID3D11Texture2D *src, *dst;
            UINT iv_size;
            bool null_iv;
        }
        tests[] =
        {
            {NULL, surface.texture, staging, 16},
            {foreign_session, surface.texture, staging, 16},
            {keyless_session, surface.texture, staging, 16},
            {test.session, default_texture, staging, 16},
            {test.session, surface.texture, default_texture, 16},
            {test.session, surface.texture, small_staging, 16},
            {test.session, surface.texture, staging, 8},
            {test.session, surface.texture, staging, 32},
            {test.session, surface.texture, staging, 16, true},
            {test.session, NULL, staging, 16},
            {test.session, surface.texture, NULL, 16},
        };

        for (i = 0; i < ARRAY_SIZE(tests); ++i)
        {
            fill_staging(&test, staging, 0xa5);
            memset(iv, 0xcc, sizeof(iv));
            warn_count = 0;
            ID3D11VideoContext_EncryptionBlt(test.video_context, tests[i].session, tests[i].src, tests[i].dst,
                    tests[i].iv_size, tests[i].null_iv ? NULL : iv);
            ok(warn_count, "Test %u: expected a warning.\n", i);
            for (j = 0; j < 16 && iv[j] == 0xcc; ++j);
            ok(j == 16, "Test %u: the IV was written.\n", i);
            check_staging_untouched(&test, staging, 0xa5);
        }
    }

    /* DecryptionBlt: each bad argument leaves the surface as it was. */
    {
        static const D3D11_ENCRYPTED_BLOCK_INFO misaligned = {8, 16, 16};
        const struct
        {
            ID3D11CryptoSession *session;
            ID3D11Texture2D *src, *dst;
            const D3D11_ENCRYPTED_BLOCK_INFO *block_info;
            UINT key_size;
            bool key;
            UINT iv_size;
            bool null_iv;
        }
        tests[] =
        {
            {NULL, staging, surface.texture, NULL, 0, false, 16},
            {foreign_session, staging, surface.texture, NULL, 0, false, 16},
            {keyless_session, staging, surface.texture, NULL, 0, false, 16},
            {test.session, default_texture, surface.texture, NULL, 0, false, 16},
            {test.session, staging, default_texture, NULL, 0, false, 16},
            {test.session, small_staging, surface.texture, NULL, 0, false, 16},
            {test.session, staging, surface.texture, NULL, 0, false, 8},
            {test.session, staging, surface.texture, NULL, 0, false, 16, true},
            {test.session, staging, surface.texture, NULL, 8, true, 16},
            {test.session, staging, surface.texture, NULL, 16, false, 16},
            {test.session, staging, surface.texture, &misaligned, 0, false, 16},
        };

        fill_staging(&test, staging, 0x5a);
        for (i = 0; i < ARRAY_SIZE(tests); ++i)
        {
            memset(key, 0x11, sizeof(key));
            store_be64(iv, test.next_iv);
            store_be64(iv + 8, 0);
            warn_count = 0;
            ID3D11VideoContext_DecryptionBlt(test.video_context, tests[i].session, tests[i].src, tests[i].dst,
                    (D3D11_ENCRYPTED_BLOCK_INFO *)tests[i].block_info, tests[i].key_size, tests[i].key ? key : NULL,
                    tests[i].iv_size, tests[i].null_iv ? NULL : iv);
            ok(warn_count, "Test %u: expected a warning.\n", i);
        }
        check_surface(&test, &surface, NULL);
    }

    /* Copies never take protected content out, nor put unprotected content in. */
    fill_staging(&test, staging, 0xa5);
    warn_count = 0;
    ID3D11DeviceContext_CopyResource(test.context, (ID3D11Resource *)staging, (ID3D11Resource *)surface.texture);
    ok(warn_count, "Expected a warning.\n");
    ID3D11DeviceContext_CopySubresourceRegion(test.context, (ID3D11Resource *)staging, 0, 0, 0, 0,
            (ID3D11Resource *)surface.texture, 0, NULL);
    ID3D11DeviceContext_CopyResource(test.context, (ID3D11Resource *)default_texture,
            (ID3D11Resource *)surface.texture);
    check_staging_untouched(&test, staging, 0xa5);
    warn_count = 0;
    ID3D11DeviceContext_CopyResource(test.context, (ID3D11Resource *)surface.texture, (ID3D11Resource *)staging);
    ok(warn_count, "Expected a warning.\n");
    ID3D11DeviceContext_UpdateSubresource(test.context, (ID3D11Resource *)surface.texture, 0, NULL,
            surface.plaintext[0], 64, 0);
    check_surface(&test, &surface, NULL);
    hr = ID3D11DeviceContext_Map(test.context, (ID3D11Resource *)surface.texture, 0, D3D11_MAP_READ, 0,
            &(D3D11_MAPPED_SUBRESOURCE){0});
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* A read-only staging destination works. */
    warn_count = 0;
    ID3D11VideoContext_EncryptionBlt(test.video_context, test.session, surface.texture, read_only, sizeof(iv), iv);
    ok(!warn_count, "Got %u warnings.\n", warn_count);

    ID3D11CryptoSession_Release(keyless_session);
    ID3D11CryptoSession_Release(foreign_session);
    ID3D11VideoDevice_Release(video_device2);
    release_device(device2);
    ID3D11Texture2D_Release(read_only);
    ID3D11Texture2D_Release(small_staging);
    ID3D11Texture2D_Release(default_texture);
    ID3D11Texture2D_Release(staging);
    destroy_surface(&surface);
    destroy_test(&test);
}

static void test_session_destroyed(void)
{
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11CryptoSession *session;
    struct protect_test test;
    ID3D11Texture2D *staging;
    struct surface surface;
    uint8_t key[16], iv[16], *plain;
    const uint8_t *data;
    UINT i;
    HRESULT hr;

    if (!init_test(&test))
        return;
    create_surface(&test, &surface, DXGI_FORMAT_NV12, 64, 32, 1);
    ID3D11CryptoSession_Release(test.session);
    test.session = create_session(test.video_device);
    negotiate_key(&test, test.session, test.key);
    session = test.session;

    /* The content under the destroyed session is gone: a new session reads black. */
    staging = create_staging(&test, &surface.desc);
    ID3D11VideoContext_EncryptionBlt(test.video_context, session, surface.texture, staging, sizeof(iv), iv);
    hr = ID3D11DeviceContext_Map(test.context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memcpy(key, test.key, sizeof(key));
    plain = malloc(surface.size[0]);
    ctr_crypt(key, load_be64(iv), 0, NULL, map.pData, plain, surface.size[0]);
    data = plain;
    for (i = 0; i < map.RowPitch * 32 && data[i] == 0x10; ++i);
    ok(i == map.RowPitch * 32, "Luma byte %u is %#x.\n", i, data[i]);
    for (; i < surface.size[0] && data[i] == 0x80; ++i);
    ok(i == surface.size[0], "Chroma byte %u is %#x.\n", i, i < surface.size[0] ? data[i] : 0);
    free(plain);
    ID3D11DeviceContext_Unmap(test.context, (ID3D11Resource *)staging, 0);

    ID3D11Texture2D_Release(staging);
    destroy_surface(&surface);
    destroy_test(&test);
}

static HRESULT submit_bitstream(struct protect_test *test, ID3D11VideoDecoder *decoder,
        D3D11_VIDEO_DECODER_BUFFER_TYPE type, void *iv, UINT iv_size, BOOL partial)
{
    D3D11_VIDEO_DECODER_BUFFER_DESC desc;
    UINT size;
    void *data;
    HRESULT hr;

    hr = ID3D11VideoContext_GetDecoderBuffer(test->video_context, decoder, type, &size, &data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(data, 0, 256);
    hr = ID3D11VideoContext_ReleaseDecoderBuffer(test->video_context, decoder, type);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(&desc, 0, sizeof(desc));
    desc.BufferType = type;
    desc.DataSize = 256;
    desc.pIV = iv;
    desc.IVSize = iv_size;
    desc.PartialEncryption = partial;
    desc.EncryptedBlockInfo.NumEncryptedBytesAtBeginning = 16;
    return ID3D11VideoContext_SubmitDecoderBuffers(test->video_context, decoder, 1, &desc);
}

/* The arguments of protected decoding (the decoded pictures themselves are checked by the
 * decode-data-protected test, through vkdva-decode --protected). */
static void test_decode(void)
{
    D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK subsample = {16, 240};
    ID3D11VideoDecoderOutputView *view, *protected_view;
    D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC view_desc;
    D3D11_VIDEO_DECODER_BUFFER_DESC1 desc1;
    ID3D11VideoContext1 *video_context1;
    ID3D11Texture2D *texture, *protected;
    D3D11_TEXTURE2D_DESC texture_desc;
    D3D11_VIDEO_DECODER_CONFIG config;
    D3D11_VIDEO_DECODER_DESC desc;
    struct drm_client *client;
    ID3D11VideoDecoder *decoder;
    struct protect_test test;
    uint8_t key[16], iv[16];
    UINT size;
    void *data;
    HRESULT hr;

    if (!init_test(&test))
        return;
    memset(&desc, 0, sizeof(desc));
    desc.Guid = D3D11_DECODER_PROFILE_H264_VLD_NOFGT;
    desc.SampleWidth = 176;
    desc.SampleHeight = 144;
    desc.OutputFormat = DXGI_FORMAT_NV12;
    if (FAILED(hr = ID3D11VideoDevice_GetVideoDecoderConfig(test.video_device, &desc, 0, &config)))
    {
        skip("No H.264 decoder, hr %#x.\n", hr);
        destroy_test(&test);
        return;
    }
    config.guidConfigBitstreamEncryption = D3D11_CRYPTO_TYPE_AES128_CTR;
    hr = ID3D11VideoDevice_CreateVideoDecoder(test.video_device, &desc, &config, &decoder);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    memset(&texture_desc, 0, sizeof(texture_desc));
    texture_desc.Width = 176;
    texture_desc.Height = 144;
    texture_desc.MipLevels = 1;
    texture_desc.ArraySize = 1;
    texture_desc.Format = DXGI_FORMAT_NV12;
    texture_desc.SampleDesc.Count = 1;
    texture_desc.Usage = D3D11_USAGE_DEFAULT;
    texture_desc.BindFlags = D3D11_BIND_DECODER;
    hr = ID3D11Device_CreateTexture2D(test.device, &texture_desc, NULL, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    texture_desc.MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED;
    hr = ID3D11Device_CreateTexture2D(test.device, &texture_desc, NULL, &protected);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(&view_desc, 0, sizeof(view_desc));
    view_desc.DecodeProfile = D3D11_DECODER_PROFILE_H264_VLD_NOFGT;
    view_desc.ViewDimension = D3D11_VDOV_DIMENSION_TEXTURE2D;
    hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(test.video_device, (ID3D11Resource *)texture, &view_desc,
            &view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoDecoderOutputView(test.video_device, (ID3D11Resource *)protected, &view_desc,
            &protected_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(key, 0, sizeof(key));
    memset(iv, 0, sizeof(iv));

    /* No crypto session bound: no key, no protected output, no encrypted buffer. */
    hr = ID3D11VideoContext_DecoderBeginFrame(test.video_context, decoder, view, sizeof(key), key);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderBeginFrame(test.video_context, decoder, protected_view, 0, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderBeginFrame(test.video_context, decoder, view, 0, NULL);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = submit_bitstream(&test, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM, iv, sizeof(iv), FALSE);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderEndFrame(test.video_context, decoder);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* Bound through an authenticated channel, as a DRM client does. */
    hr = drm_client_create(test.device, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT, 0, &client);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (FAILED(hr))
        goto done;
    hr = drm_client_bind(client, decoder);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderBeginFrame(test.video_context, decoder, protected_view, 8, key);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderBeginFrame(test.video_context, decoder, protected_view, 0, key);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    drm_client_wrapped_key(client, key);
    hr = ID3D11VideoContext_DecoderBeginFrame(test.video_context, decoder, protected_view, sizeof(key), key);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* Only bitstream buffers may be encrypted, with a 16-byte IV. */
    hr = submit_bitstream(&test, decoder, D3D11_VIDEO_DECODER_BUFFER_PICTURE_PARAMETERS, iv, sizeof(iv), FALSE);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = submit_bitstream(&test, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM, iv, 8, FALSE);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = submit_bitstream(&test, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM, NULL, 0, TRUE);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = submit_bitstream(&test, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM, iv, sizeof(iv), TRUE);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = submit_bitstream(&test, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM, iv, sizeof(iv), FALSE);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* SubmitDecoderBuffers1: sub-samples, with an IV; a count without blocks is refused. */
    hr = ID3D11VideoContext_QueryInterface(test.video_context, &IID_ID3D11VideoContext1, (void **)&video_context1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_GetDecoderBuffer(test.video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM,
            &size, &data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext_ReleaseDecoderBuffer(test.video_context, decoder, D3D11_VIDEO_DECODER_BUFFER_BITSTREAM);
    memset(&desc1, 0, sizeof(desc1));
    desc1.BufferType = D3D11_VIDEO_DECODER_BUFFER_BITSTREAM;
    desc1.DataSize = 256;
    desc1.pIV = iv;
    desc1.IVSize = sizeof(iv);
    desc1.SubSampleMappingCount = 1;
    hr = ID3D11VideoContext1_SubmitDecoderBuffers1(video_context1, decoder, 1, &desc1);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    desc1.pSubSampleMappingBlock = &subsample;
    desc1.pIV = NULL;
    desc1.IVSize = 0;
    hr = ID3D11VideoContext1_SubmitDecoderBuffers1(video_context1, decoder, 1, &desc1);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    desc1.pIV = iv;
    desc1.IVSize = sizeof(iv);
    hr = ID3D11VideoContext1_SubmitDecoderBuffers1(video_context1, decoder, 1, &desc1);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11VideoContext1_Release(video_context1);

    /* An incomplete frame decodes nothing. */
    hr = ID3D11VideoContext_DecoderEndFrame(test.video_context, decoder);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    /* The output of a decoder with a session is protected, even an ordinary texture: it can
     * no longer be copied out. */
    hr = ID3D11VideoContext_DecoderBeginFrame(test.video_context, decoder, view, 0, NULL);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_DecoderEndFrame(test.video_context, decoder);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    warn_count = 0;
    ID3D11DeviceContext_CopyResource(test.context, (ID3D11Resource *)protected, (ID3D11Resource *)texture);
    ok(!warn_count, "Got %u warnings.\n", warn_count);
    drm_client_destroy(client);

done:
    ID3D11VideoDecoderOutputView_Release(protected_view);
    ID3D11VideoDecoderOutputView_Release(view);
    ID3D11Texture2D_Release(protected);
    ID3D11Texture2D_Release(texture);
    ID3D11VideoDecoder_Release(decoder);
    destroy_test(&test);
}

/* Hardware mode (Vulkan protected memory; on CI through the emulation layer, which aborts the
 * test on any broken protected-memory rule): surfaces in protected memory, written by
 * DecryptionBlt and re-encrypted by refreshes in protected submissions; no EncryptionBlt. */
static void test_hardware(void)
{
    static const D3D11_ENCRYPTED_BLOCK_INFO pattern = {32, 16, 16};
    struct surface surfaces[3], late;
    struct protect_test test;
    ID3D11Texture2D *staging;
    uint8_t iv[16], random[16];
    unsigned int i, j;

    if (!init_test_(&test, false))
        return;
    create_surface(&test, &surfaces[0], DXGI_FORMAT_NV12, 64, 48, 1);
    create_surface(&test, &surfaces[1], DXGI_FORMAT_NV12, 176, 144, 2);
    create_surface(&test, &surfaces[2], DXGI_FORMAT_P010, 32, 32, 1);

    staging = create_staging(&test, &surfaces[1].desc);
    write_ciphertext(&test, staging, &surfaces[1], test.key, test.next_iv, 0, &pattern);
    store_be64(iv, test.next_iv);
    store_be64(iv + 8, 0);
    test.next_iv += 2;
    warn_count = 0;
    ID3D11VideoContext_DecryptionBlt(test.video_context, test.session, staging, surfaces[1].texture,
            (D3D11_ENCRYPTED_BLOCK_INFO *)&pattern, 0, NULL, sizeof(iv), iv);
    ok(!warn_count, "Got %u warnings.\n", warn_count);

    /* No EncryptionBlt: the staging texture and the IV stay as they were. */
    fill_staging(&test, staging, 0xa5);
    memset(iv, 0xcc, sizeof(iv));
    warn_count = 0;
    ID3D11VideoContext_EncryptionBlt(test.video_context, test.session, surfaces[1].texture, staging, sizeof(iv), iv);
    ok(warn_count, "Expected a warning.\n");
    for (j = 0; j < 16 && iv[j] == 0xcc; ++j);
    ok(j == 16, "The IV was written.\n");
    check_staging_untouched(&test, staging, 0xa5);
    ID3D11Texture2D_Release(staging);

    refresh_key(&test);
    ID3D11VideoContext_StartSessionKeyRefresh(test.video_context, test.session, sizeof(random), random);
    create_surface(&test, &late, DXGI_FORMAT_NV12, 96, 64, 1);
    destroy_surface(&surfaces[0]);
    ID3D11VideoContext_FinishSessionKeyRefresh(test.video_context, test.session);
    for (i = 0; i < 16; ++i)
        test.key[i] ^= random[i];
    refresh_key(&test);

    destroy_surface(&late);
    destroy_surface(&surfaces[1]);
    destroy_surface(&surfaces[2]);
    destroy_test(&test);
}

/* VideoProcessorBlt from a protected input to a protected output (issue 4: protected content
 * stays protected): the output decrypts, under the running session key and after a refresh, to
 * the converted picture. vkdva blits on private plaintext copies. */
static void test_processor(void)
{
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC content =
    {
        .InputFrameFormat = D3D11_VIDEO_FRAME_FORMAT_PROGRESSIVE,
        .InputFrameRate = {30, 1},
        .InputWidth = 64,
        .InputHeight = 32,
        .OutputFrameRate = {30, 1},
        .OutputWidth = 64,
        .OutputHeight = 32,
        .Usage = D3D11_VIDEO_USAGE_PLAYBACK_NORMAL,
    };
    D3D11_TEXTURE2D_DESC output_desc =
    {
        .Width = 64,
        .Height = 32,
        .MipLevels = 1,
        .ArraySize = 1,
        .Format = DXGI_FORMAT_B8G8R8A8_UNORM,
        .SampleDesc = {1, 0},
        .Usage = D3D11_USAGE_DEFAULT,
        .BindFlags = D3D11_BIND_RENDER_TARGET,
        .MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED,
    };
    D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC output_view_desc = {.ViewDimension = D3D11_VPOV_DIMENSION_TEXTURE2D};
    D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC input_view_desc = {.ViewDimension = D3D11_VPIV_DIMENSION_TEXTURE2D};
    ID3D11VideoProcessorOutputView *output_view = NULL;
    ID3D11VideoProcessorInputView *input_view = NULL;
    ID3D11VideoProcessorEnumerator *enumerator;
    D3D11_VIDEO_PROCESSOR_STREAM stream = {0};
    ID3D11Texture2D *output, *staging;
    unsigned int x, y, bad = 0, i;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11VideoProcessor *vp;
    struct protect_test test;
    uint8_t iv[16], *plain;
    struct surface in;
    HRESULT hr;

    if (!init_test(&test))
        return;
    if (!create_surface(&test, &in, DXGI_FORMAT_NV12, 64, 32, 1))
    {
        destroy_test(&test);
        return;
    }
    /* White in limited-range YCbCr: 255 in every RGB channel. */
    memset(in.plaintext[0], 235, (size_t)in.row_pitch[0] * 32);
    memset(in.plaintext[0] + (size_t)in.row_pitch[0] * 32, 128, (size_t)in.row_pitch[0] * 16);
    staging = create_staging(&test, &in.desc);
    write_ciphertext(&test, staging, &in, test.key, test.next_iv, 0, NULL);
    store_be64(iv, test.next_iv++);
    store_be64(iv + 8, 0);
    ID3D11VideoContext_DecryptionBlt(test.video_context, test.session, staging, in.texture, NULL, 0, NULL,
            sizeof(iv), iv);
    ID3D11Texture2D_Release(staging);

    hr = ID3D11Device_CreateTexture2D(test.device, &output_desc, NULL, &output);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(test.video_device, &content, &enumerator);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessor(test.video_device, enumerator, 0, &vp);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorInputView(test.video_device, (ID3D11Resource *)in.texture,
            enumerator, &input_view_desc, &input_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoProcessorOutputView(test.video_device, (ID3D11Resource *)output,
            enumerator, &output_view_desc, &output_view);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (input_view && output_view)
    {
        stream.Enable = TRUE;
        stream.pInputSurface = input_view;
        warn_count = 0;
        hr = ID3D11VideoContext_VideoProcessorBlt(test.video_context, vp, output_view, 0, 1, &stream);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        ok(!warn_count, "Got %u warnings.\n", warn_count);
        /* The blit's output follows the session key like every protected surface. */
        refresh_key(&test);

        staging = create_staging(&test, &output_desc);
        memset(iv, 0, sizeof(iv));
        ID3D11VideoContext_EncryptionBlt(test.video_context, test.session, output, staging, sizeof(iv), iv);
        hr = ID3D11DeviceContext_Map(test.context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        if (SUCCEEDED(hr))
        {
            plain = malloc((size_t)map.RowPitch * 32);
            ctr_crypt(test.key, load_be64(iv), load_be64(iv + 8), NULL, map.pData, plain, (size_t)map.RowPitch * 32);
            for (y = 0; y < 32; ++y)
                for (x = 0; x < 64; ++x)
                    for (i = 0; i < 4; ++i)
                        bad += plain[y * map.RowPitch + x * 4 + i] < 254;
            ok(!bad, "%u bytes of the decrypted output are not white (first pixel %02x%02x%02x%02x).\n", bad,
                    plain[0], plain[1], plain[2], plain[3]);
            free(plain);
            ID3D11DeviceContext_Unmap(test.context, (ID3D11Resource *)staging, 0);
        }
        ID3D11Texture2D_Release(staging);
    }
    if (output_view)
        ID3D11VideoProcessorOutputView_Release(output_view);
    if (input_view)
        ID3D11VideoProcessorInputView_Release(input_view);
    ID3D11VideoProcessor_Release(vp);
    ID3D11VideoProcessorEnumerator_Release(enumerator);
    ID3D11Texture2D_Release(output);
    destroy_surface(&in);
    destroy_test(&test);
}

START_TEST(protect)
{
    require_device_or_skip_all();
    secrets.enabled = !!getenv("VKDVA_TEST_SECRETS");
    vkdva_set_log_callback(protect_test_log, NULL);

    run_test(test_refresh);
    run_test(test_decryption_blt);
    run_test(test_invalid);
    run_test(test_session_destroyed);
    run_test(test_decode);
    run_test(test_processor);
    run_test(test_hardware);
    check_secrets();
}
