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
 * session methods of ID3D11VideoDevice and ID3D11VideoContext (session keys, refresh).
 * DESIGN decisions 4 and 5; docs/CONTENT-PROTECTION.md describes the behaviour. Key material
 * is never logged, at any level, and is wiped with OPENSSL_cleanse() once unused. */

#include "decoder.h"
#include "video_methods.h"
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* "The actual size of the buffer for RSAES-OAEP is 256 bytes" (NegotiateCryptoSessionKeyExchange):
 * a 2048-bit modulus. */
#define VKDVA_RSA_BITS 2048u
#define VKDVA_RSA_BLOB_SIZE 256u
/* Handles are opaque numbers, never pointers. They are odd, so that none can be mistaken for
 * an object address (decoder handles are addresses, see channel.c). */
#define VKDVA_HANDLE_BASE 0x1000u

struct vkdva_crypto_device
{
    EVP_PKEY *key;
    uint8_t *certificate;
    size_t certificate_size;
    uintptr_t handle;
};

static const struct ID3D11CryptoSessionVtbl d3d11_crypto_session_vtbl;

static inline struct d3d11_crypto_session *impl_from_ID3D11CryptoSession(ID3D11CryptoSession *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_crypto_session, ID3D11CryptoSession_iface);
}

struct d3d11_crypto_session *unsafe_impl_from_ID3D11CryptoSession(ID3D11CryptoSession *iface)
{
    if (!iface || iface->lpVtbl != &d3d11_crypto_session_vtbl)
        return NULL;
    return impl_from_ID3D11CryptoSession(iface);
}

uintptr_t vkdva_crypto_new_handle(void)
{
    static uintptr_t next_handle = VKDVA_HANDLE_BASE;

    return __atomic_add_fetch(&next_handle, 4, __ATOMIC_SEQ_CST) | 1;
}

/* Device lock held. */
static struct vkdva_crypto_device *vkdva_crypto_device_get(struct d3d11_device *device)
{
    struct vkdva_crypto_device *crypto;

    if ((crypto = device->crypto))
        return crypto;
    if (!(crypto = vkdva_calloc(1, sizeof(*crypto))))
        return NULL;
    crypto->handle = vkdva_crypto_new_handle();
    device->crypto = crypto;
    return crypto;
}

HANDLE vkdva_crypto_device_handle(struct d3d11_device *device)
{
    struct vkdva_crypto_device *crypto;
    HANDLE handle = NULL;

    vkdva_device_lock(device);
    if ((crypto = vkdva_crypto_device_get(device)))
        handle = (HANDLE)crypto->handle;
    vkdva_device_unlock(device);
    return handle;
}

void vkdva_crypto_device_cleanup(struct d3d11_device *device)
{
    struct vkdva_crypto_device *crypto;

    if (!(crypto = device->crypto))
        return;
    EVP_PKEY_free(crypto->key);
    OPENSSL_free(crypto->certificate);
    vkdva_free(crypto);
    device->crypto = NULL;
}

static bool vkdva_x509_add_extension(X509 *x509, int nid, const char *value)
{
    X509_EXTENSION *extension;
    X509V3_CTX ctx;
    bool ret;

    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, x509, x509, NULL, NULL, 0);
    if (!(extension = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)))
        return false;
    ret = X509_add_ext(x509, extension, -1);
    X509_EXTENSION_free(extension);
    return ret;
}

/* A self-signed X.509 v3 certificate of the key. No Microsoft-rooted chain can exist for
 * vkdva (reference §3.3); clients that verify the chain reject it, clients that only take the
 * public key from the leaf (as the D3D11 samples do after verification) work. */
static bool vkdva_crypto_make_certificate(struct vkdva_crypto_device *crypto)
{
    unsigned char *der = NULL;
    uint64_t serial;
    X509_NAME *name;
    X509 *x509;
    int size;

    if (!(x509 = X509_new()))
        return false;
    if (RAND_bytes((unsigned char *)&serial, sizeof(serial)) != 1)
        goto fail;
    /* RFC 5280 4.1.2.2: a positive serial number. */
    serial &= ~(1ull << 63);
    if (!X509_set_version(x509, X509_VERSION_3)
            || !ASN1_INTEGER_set_uint64(X509_get_serialNumber(x509), serial | 1)
            || !X509_gmtime_adj(X509_getm_notBefore(x509), -24 * 60 * 60)
            || !X509_gmtime_adj(X509_getm_notAfter(x509), 20l * 365 * 24 * 60 * 60)
            || !X509_set_pubkey(x509, crypto->key))
        goto fail;
    name = X509_get_subject_name(x509);
    if (!X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, (const unsigned char *)"vkdva", -1, -1, 0)
            || !X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
            (const unsigned char *)"vkdva content protection", -1, -1, 0)
            || !X509_set_issuer_name(x509, name))
        goto fail;
    /* The key wraps session keys (RSAES-OAEP) and signs its own certificate. */
    if (!vkdva_x509_add_extension(x509, NID_basic_constraints, "critical,CA:FALSE")
            || !vkdva_x509_add_extension(x509, NID_key_usage, "critical,digitalSignature,keyEncipherment")
            || !vkdva_x509_add_extension(x509, NID_subject_key_identifier, "hash"))
        goto fail;
    if (!X509_sign(x509, crypto->key, EVP_sha256()))
        goto fail;
    if ((size = i2d_X509(x509, &der)) <= 0)
        goto fail;
    X509_free(x509);
    crypto->certificate = der;
    crypto->certificate_size = size;
    return true;

fail:
    X509_free(x509);
    return false;
}

/* Device lock held. */
static struct vkdva_crypto_device *vkdva_crypto_device_get_key(struct d3d11_device *device)
{
    struct vkdva_crypto_device *crypto;

    if (!(crypto = vkdva_crypto_device_get(device)))
        return NULL;
    if (crypto->certificate)
        return crypto;

    if (!crypto->key && !(crypto->key = EVP_RSA_gen(VKDVA_RSA_BITS)))
    {
        ERR("Failed to generate an RSA key pair.\n");
        ERR_clear_error();
        return NULL;
    }
    if (!vkdva_crypto_make_certificate(crypto))
    {
        ERR("Failed to create the certificate.\n");
        ERR_clear_error();
        return NULL;
    }
    TRACE("Created a %u-bit RSA key pair and a %zu-byte certificate.\n", VKDVA_RSA_BITS, crypto->certificate_size);
    return crypto;
}

HRESULT vkdva_crypto_get_certificate(struct d3d11_device *device, UINT *size, BYTE *data)
{
    struct vkdva_crypto_device *crypto;
    HRESULT hr = S_OK;

    vkdva_device_lock(device);
    if (!(crypto = vkdva_crypto_device_get_key(device)))
    {
        hr = E_OUTOFMEMORY;
    }
    else if (!data)
    {
        *size = crypto->certificate_size;
    }
    else if (*size != crypto->certificate_size)
    {
        WARN("Invalid certificate size %u, expected %zu.\n", *size, crypto->certificate_size);
        hr = E_INVALIDARG;
    }
    else
    {
        memcpy(data, crypto->certificate, crypto->certificate_size);
    }
    vkdva_device_unlock(device);
    return hr;
}

/* The OAEP hash of D3D11 key exchange is undocumented (reference §3.2): CryptoAPI defaults to
 * SHA-1, Microsoft's OPM sample uses SHA-512. A wrong hash fails OAEP's label-hash check, so
 * trying each in turn is deterministic. MGF1 uses the same hash; the label is empty. */
static bool vkdva_rsa_oaep_decrypt(EVP_PKEY *key, const EVP_MD *md, const uint8_t *blob,
        uint8_t *out, size_t *out_size)
{
    EVP_PKEY_CTX *ctx;
    bool ret;

    if (!(ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL)))
        return false;
    ret = EVP_PKEY_decrypt_init(ctx) > 0
            && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0
            && EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md) > 0
            && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) > 0
            && EVP_PKEY_decrypt(ctx, out, out_size, blob, VKDVA_RSA_BLOB_SIZE) > 0;
    EVP_PKEY_CTX_free(ctx);
    /* Failures are expected while trying hashes: do not leave them to unrelated callers. */
    ERR_clear_error();
    return ret;
}

HRESULT vkdva_crypto_unwrap_key(struct d3d11_device *device, const void *data, UINT size,
        uint8_t key[VKDVA_AES_KEY_SIZE])
{
    const EVP_MD *mds[3] = {EVP_sha1(), EVP_sha256(), EVP_sha512()};
    uint8_t plaintext[VKDVA_RSA_BLOB_SIZE];
    struct vkdva_crypto_device *crypto;
    HRESULT hr = E_INVALIDARG;
    size_t plaintext_size;
    unsigned int i;

    if (size != VKDVA_RSA_BLOB_SIZE)
    {
        WARN("Invalid key exchange data size %u, expected %u.\n", size, VKDVA_RSA_BLOB_SIZE);
        return E_INVALIDARG;
    }
    if (!data)
    {
        WARN("NULL key exchange data.\n");
        return E_INVALIDARG;
    }

    vkdva_device_lock(device);
    if (!(crypto = vkdva_crypto_device_get_key(device)))
    {
        vkdva_device_unlock(device);
        return E_OUTOFMEMORY;
    }
    for (i = 0; i < ARRAY_SIZE(mds); ++i)
    {
        plaintext_size = sizeof(plaintext);
        if (!vkdva_rsa_oaep_decrypt(crypto->key, mds[i], data, plaintext, &plaintext_size))
            continue;
        if (plaintext_size == VKDVA_AES_KEY_SIZE)
        {
            TRACE("Unwrapped a key (OAEP with %s).\n", EVP_MD_get0_name(mds[i]));
            memcpy(key, plaintext, VKDVA_AES_KEY_SIZE);
            hr = S_OK;
        }
        else
        {
            WARN("The key exchange data holds %zu bytes, expected %u.\n", plaintext_size, VKDVA_AES_KEY_SIZE);
        }
        break;
    }
    vkdva_device_unlock(device);
    OPENSSL_cleanse(plaintext, sizeof(plaintext));
    if (i == ARRAY_SIZE(mds))
        WARN("The key exchange data is not RSAES-OAEP (SHA-1, SHA-256, SHA-512) under the device's key.\n");
    return hr;
}

/* Capabilities: DESIGN decision 4, reference §1.1. */

static bool vkdva_content_protection_hardware(struct d3d11_device *device)
{
    return device->caps.protected_memory;
}

static UINT64 vkdva_protected_memory_size(struct d3d11_device *device)
{
    const VkPhysicalDeviceMemoryProperties *properties = &device->caps.memory_properties;
    VkMemoryPropertyFlags required;
    UINT64 size = 0;
    unsigned int i;

    /* Protected surfaces live in device-local memory (protected memory in hardware mode):
     * report the largest heap holding such a memory type. */
    required = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
    if (vkdva_content_protection_hardware(device))
        required |= VK_MEMORY_PROPERTY_PROTECTED_BIT;
    for (i = 0; i < properties->memoryTypeCount; ++i)
    {
        const VkMemoryType *type = &properties->memoryTypes[i];

        if ((type->propertyFlags & required) != required)
            continue;
        if (properties->memoryHeaps[type->heapIndex].size > size)
            size = properties->memoryHeaps[type->heapIndex].size;
    }
    return size;
}

void vkdva_get_content_protection_caps(struct d3d11_device *device, D3D11_VIDEO_CONTENT_PROTECTION_CAPS *caps)
{
    /* Both modes: content keys (ECB-wrapped by the session key), session-key refresh (GPU
     * re-encrypt), DecryptionBlt, and D3D11_ENCRYPTED_BLOCK_INFO patterns. */
    caps->Caps = D3D11_CONTENT_PROTECTION_CAPS_CONTENT_KEY
            | D3D11_CONTENT_PROTECTION_CAPS_FRESHEN_SESSION_KEY
            | D3D11_CONTENT_PROTECTION_CAPS_DECRYPTION_BLT
            | D3D11_CONTENT_PROTECTION_CAPS_PARTIAL_DECRYPTION;
    if (vkdva_content_protection_hardware(device))
    {
        /* Vulkan protected memory: never host-visible, never copied to unprotected memory
         * (Vulkan "Protected Memory Access Rules"). EncryptionBlt would have a protected
         * submission write a staging (unprotected) texture, which is forbidden: no
         * ENCRYPTED_READ_BACK (reference §5.8). */
        caps->Caps |= D3D11_CONTENT_PROTECTION_CAPS_HARDWARE
                | D3D11_CONTENT_PROTECTION_CAPS_HARDWARE_PROTECT_UNCOMPRESSED;
    }
    else
    {
        /* EncryptionBlt output is under the session key: no ENCRYPTED_READ_BACK_KEY. */
        caps->Caps |= D3D11_CONTENT_PROTECTION_CAPS_SOFTWARE
                | D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK;
    }
    caps->KeyExchangeTypeCount = 1;
    /* AES blocks; DecryptionBlt patterns and partial encryption are in whole blocks. */
    caps->BlockAlignmentSize = 16;
    caps->ProtectedMemorySize = vkdva_protected_memory_size(device);
}

/* Checks what GetContentProtectionCaps, CheckCryptoKeyExchange, CreateCryptoSession and
 * GetCryptoSessionPrivateDataSize accept: AES128_CTR, and a profile the device decodes. */
static HRESULT vkdva_check_crypto_type(struct d3d11_device *device, const GUID *crypto_type,
        const GUID *decoder_profile)
{
    const struct vkdva_codec_ops *codec;

    if (!crypto_type || !IsEqualGUID(crypto_type, &D3D11_CRYPTO_TYPE_AES128_CTR))
    {
        WARN("Unsupported crypto type %s.\n", debugstr_guid(crypto_type));
        return E_INVALIDARG;
    }
    if (decoder_profile && (!(codec = vkdva_codec_ops_from_profile(decoder_profile))
            || !vkdva_codec_usable(device, codec)))
    {
        WARN("Unsupported decoder profile %s.\n", debugstr_guid(decoder_profile));
        return E_INVALIDARG;
    }
    return S_OK;
}

static HRESULT vkdva_check_key_exchange(const GUID *key_exchange_type)
{
    if (!key_exchange_type)
    {
        WARN("NULL key exchange type.\n");
        return E_INVALIDARG;
    }
    if (!IsEqualGUID(key_exchange_type, &D3D11_KEY_EXCHANGE_RSAES_OAEP))
    {
        /* D3D11_KEY_EXCHANGE_HW_PROTECTION needs a secure execution environment next to the
         * GPU; no Vulkan device has one to talk to. */
        WARN("Unsupported key exchange type %s.\n", debugstr_guid(key_exchange_type));
        return E_INVALIDARG;
    }
    return S_OK;
}

/* The session an application passed to a context method: ours, and of this device. */
static struct d3d11_crypto_session *vkdva_context_get_session(struct d3d11_immediate_context *context,
        ID3D11CryptoSession *iface)
{
    struct d3d11_crypto_session *session;

    if (!(session = unsafe_impl_from_ID3D11CryptoSession(iface)))
    {
        WARN("Invalid crypto session %p.\n", iface);
        return NULL;
    }
    if (session->device != context->device)
    {
        WARN("Crypto session %p belongs to another device.\n", iface);
        return NULL;
    }
    return session;
}

struct d3d11_crypto_session *vkdva_crypto_session_from_handle(struct d3d11_device *device, HANDLE handle)
{
    struct d3d11_crypto_session *session, *next;

    if (!handle)
        return NULL;
    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(session, next, &device->crypto_sessions, struct d3d11_crypto_session, entry)
    {
        if (session->handle == (uintptr_t)handle)
            return session;
    }
    return NULL;
}

/* Fresh counter starting points (device lock held). At-rest surface nonces have the top bit
 * set and EncryptionBlt IVs start below 2^48 (random, "not too large" per the WDK) and only
 * grow, so the two kinds of counter block can never meet under one key. */
static void vkdva_crypto_session_reset_counters(struct d3d11_crypto_session *session, bool surface_nonce)
{
    uint64_t random[2] = {0};

    if (RAND_bytes((unsigned char *)random, sizeof(random)) != 1)
    {
        ERR("Failed to get random bytes.\n");
        ERR_clear_error();
    }
    if (surface_nonce)
        session->next_surface_nonce = (1ull << 63) | (random[0] >> 2);
    session->next_blt_iv = (random[1] & ((1ull << 48) - 1)) | 1;
}

uint64_t vkdva_crypto_session_next_nonce(struct d3d11_crypto_session *session)
{
    return session->next_surface_nonce++;
}

/* ID3D11CryptoSession */

static HRESULT STDMETHODCALLTYPE d3d11_crypto_session_QueryInterface(ID3D11CryptoSession *iface,
        REFIID iid, void **out)
{
    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(iid, &IID_ID3D11CryptoSession) || IsEqualGUID(iid, &IID_ID3D11DeviceChild)
            || IsEqualGUID(iid, &IID_IUnknown))
    {
        ID3D11CryptoSession_AddRef(iface);
        *out = iface;
        return S_OK;
    }
    WARN("%s not implemented, returning E_NOINTERFACE.\n", debugstr_guid(iid));
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE d3d11_crypto_session_AddRef(ID3D11CryptoSession *iface)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);
    unsigned int refcount = vkdva_atomic_increment_u32(&session->refcount);

    TRACE("%p increasing refcount to %u.\n", session, refcount);
    return refcount;
}

static void d3d11_crypto_session_destroy(struct d3d11_crypto_session *session)
{
    struct d3d11_device *device = session->device;

    vkdva_device_lock(device);
    vkdva_list_remove(&session->entry);
    vkdva_protect_session_destroyed(session);
    vkdva_device_unlock(device);

    OPENSSL_cleanse(session->key, sizeof(session->key));
    OPENSSL_cleanse(session->refresh_random, sizeof(session->refresh_random));
    vkdva_private_store_destroy(&session->private_store);
    vkdva_free(session);
    ID3D11Device_Release(&device->ID3D11Device_iface);
}

static ULONG STDMETHODCALLTYPE d3d11_crypto_session_Release(ID3D11CryptoSession *iface)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);
    unsigned int refcount = vkdva_atomic_decrement_u32(&session->refcount);

    TRACE("%p decreasing refcount to %u.\n", session, refcount);
    if (!refcount)
        d3d11_crypto_session_destroy(session);
    return refcount;
}

static void STDMETHODCALLTYPE d3d11_crypto_session_GetDevice(ID3D11CryptoSession *iface, ID3D11Device **device)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);

    TRACE("iface %p, device %p.\n", iface, device);

    *device = &session->device->ID3D11Device_iface;
    ID3D11Device_AddRef(*device);
}

static HRESULT STDMETHODCALLTYPE d3d11_crypto_session_GetPrivateData(ID3D11CryptoSession *iface,
        REFGUID guid, UINT *data_size, void *data)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&session->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_crypto_session_SetPrivateData(ID3D11CryptoSession *iface,
        REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&session->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_crypto_session_SetPrivateDataInterface(ID3D11CryptoSession *iface,
        REFGUID guid, const IUnknown *data)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&session->private_store, guid, data);
}

static void STDMETHODCALLTYPE d3d11_crypto_session_GetCryptoType(ID3D11CryptoSession *iface, GUID *crypto_type)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);

    TRACE("iface %p, crypto_type %p.\n", iface, crypto_type);

    if (!crypto_type)
    {
        WARN("NULL crypto_type.\n");
        return;
    }
    *crypto_type = session->crypto_type;
}

static void STDMETHODCALLTYPE d3d11_crypto_session_GetDecoderProfile(ID3D11CryptoSession *iface,
        GUID *decoder_profile)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);

    TRACE("iface %p, decoder_profile %p.\n", iface, decoder_profile);

    if (!decoder_profile)
    {
        WARN("NULL decoder_profile.\n");
        return;
    }
    /* GUID_NULL when the session was created without a profile. */
    *decoder_profile = session->decoder_profile;
}

static HRESULT STDMETHODCALLTYPE d3d11_crypto_session_GetCertificateSize(ID3D11CryptoSession *iface,
        UINT *certificate_size)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);

    TRACE("iface %p, certificate_size %p.\n", iface, certificate_size);

    if (!certificate_size)
        return E_INVALIDARG;
    return vkdva_crypto_get_certificate(session->device, certificate_size, NULL);
}

static HRESULT STDMETHODCALLTYPE d3d11_crypto_session_GetCertificate(ID3D11CryptoSession *iface,
        UINT certificate_size, BYTE *certificate)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);

    TRACE("iface %p, certificate_size %u, certificate %p.\n", iface, certificate_size, certificate);

    if (!certificate)
        return E_INVALIDARG;
    return vkdva_crypto_get_certificate(session->device, &certificate_size, certificate);
}

static void STDMETHODCALLTYPE d3d11_crypto_session_GetCryptoSessionHandle(ID3D11CryptoSession *iface,
        HANDLE *handle)
{
    struct d3d11_crypto_session *session = impl_from_ID3D11CryptoSession(iface);

    TRACE("iface %p, handle %p.\n", iface, handle);

    if (!handle)
    {
        WARN("NULL handle.\n");
        return;
    }
    *handle = (HANDLE)session->handle;
}

static const struct ID3D11CryptoSessionVtbl d3d11_crypto_session_vtbl =
{
    /* IUnknown methods */
    d3d11_crypto_session_QueryInterface,
    d3d11_crypto_session_AddRef,
    d3d11_crypto_session_Release,
    /* ID3D11DeviceChild methods */
    d3d11_crypto_session_GetDevice,
    d3d11_crypto_session_GetPrivateData,
    d3d11_crypto_session_SetPrivateData,
    d3d11_crypto_session_SetPrivateDataInterface,
    /* ID3D11CryptoSession methods */
    d3d11_crypto_session_GetCryptoType,
    d3d11_crypto_session_GetDecoderProfile,
    d3d11_crypto_session_GetCertificateSize,
    d3d11_crypto_session_GetCertificate,
    d3d11_crypto_session_GetCryptoSessionHandle,
};

static HRESULT d3d11_crypto_session_create(struct d3d11_device *device, const GUID *crypto_type,
        const GUID *decoder_profile, const GUID *key_exchange_type, struct d3d11_crypto_session **out)
{
    struct d3d11_crypto_session *session;

    if (!(session = vkdva_calloc(1, sizeof(*session))))
        return E_OUTOFMEMORY;

    session->ID3D11CryptoSession_iface.lpVtbl = &d3d11_crypto_session_vtbl;
    session->refcount = 1;
    vkdva_private_store_init(&session->private_store);
    session->device = device;
    session->crypto_type = *crypto_type;
    if (decoder_profile)
        session->decoder_profile = *decoder_profile;
    session->key_exchange_type = *key_exchange_type;
    session->handle = vkdva_crypto_new_handle();
    vkdva_list_init(&session->entry);

    vkdva_device_lock(device);
    vkdva_crypto_session_reset_counters(session, true);
    vkdva_list_add_tail(&device->crypto_sessions, &session->entry);
    vkdva_device_unlock(device);
    ID3D11Device_AddRef(&device->ID3D11Device_iface);

    TRACE("Created crypto session %p.\n", session);
    *out = session;
    return S_OK;
}

/* ID3D11VideoDevice methods */

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateCryptoSession(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, const GUID *key_exchange_type,
        ID3D11CryptoSession **crypto_session)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    struct d3d11_crypto_session *object;
    HRESULT hr;

    TRACE("iface %p, crypto_type %s, decoder_profile %s, key_exchange_type %s, crypto_session %p.\n",
            iface, debugstr_guid(crypto_type), debugstr_guid(decoder_profile),
            debugstr_guid(key_exchange_type), crypto_session);

    if (!crypto_session)
        return E_POINTER;
    *crypto_session = NULL;
    if (FAILED(hr = vkdva_check_crypto_type(device, crypto_type, decoder_profile)))
        return hr;
    if (FAILED(hr = vkdva_check_key_exchange(key_exchange_type)))
        return hr;
    if (FAILED(hr = vkdva_device_check_removed(device)))
        return hr;
    if (FAILED(hr = d3d11_crypto_session_create(device, crypto_type, decoder_profile, key_exchange_type, &object)))
        return hr;
    *crypto_session = &object->ID3D11CryptoSession_iface;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_GetContentProtectionCaps(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, D3D11_VIDEO_CONTENT_PROTECTION_CAPS *caps)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    HRESULT hr;

    TRACE("iface %p, crypto_type %s, decoder_profile %s, caps %p.\n", iface, debugstr_guid(crypto_type),
            debugstr_guid(decoder_profile), caps);

    if (!caps)
        return E_INVALIDARG;
    /* "If no encryption will be used, set this parameter to NULL": the device's capabilities
     * are the same, there being only one crypto type. */
    if (!crypto_type)
        crypto_type = &D3D11_CRYPTO_TYPE_AES128_CTR;
    if (FAILED(hr = vkdva_check_crypto_type(device, crypto_type, decoder_profile)))
        return hr;
    vkdva_get_content_protection_caps(device, caps);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_CheckCryptoKeyExchange(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, UINT index, GUID *key_exchange_type)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    HRESULT hr;

    TRACE("iface %p, crypto_type %s, decoder_profile %s, index %u, key_exchange_type %p.\n",
            iface, debugstr_guid(crypto_type), debugstr_guid(decoder_profile), index, key_exchange_type);

    if (!key_exchange_type)
        return E_INVALIDARG;
    if (FAILED(hr = vkdva_check_crypto_type(device, crypto_type, decoder_profile)))
        return hr;
    if (index)
    {
        WARN("Invalid index %u.\n", index);
        return E_INVALIDARG;
    }
    *key_exchange_type = D3D11_KEY_EXCHANGE_RSAES_OAEP;
    return S_OK;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_GetCryptoSessionPrivateDataSize(ID3D11VideoDevice2 *iface,
        const GUID *crypto_type, const GUID *decoder_profile, const GUID *key_exchange_type, UINT *input_size,
        UINT *output_size)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    HRESULT hr;

    TRACE("iface %p, crypto_type %s, decoder_profile %s, key_exchange_type %s, input_size %p, output_size %p.\n",
            iface, debugstr_guid(crypto_type), debugstr_guid(decoder_profile),
            debugstr_guid(key_exchange_type), input_size, output_size);

    if (!input_size || !output_size)
        return E_INVALIDARG;
    if (FAILED(hr = vkdva_check_crypto_type(device, crypto_type, decoder_profile)))
        return hr;
    if (FAILED(hr = vkdva_check_key_exchange(key_exchange_type)))
        return hr;
    /* The private data is IHV data around D3D11_KEY_EXCHANGE_HW_PROTECTION commands; RSAES-OAEP
     * key exchange carries none. */
    *input_size = 0;
    *output_size = 0;
    return S_OK;
}

static HRESULT vkdva_crypto_session_negotiate(struct d3d11_crypto_session *session, UINT data_size, void *data)
{
    struct d3d11_device *device = session->device;
    uint8_t key[VKDVA_AES_KEY_SIZE];
    HRESULT hr;

    if (FAILED(hr = vkdva_crypto_unwrap_key(device, data, data_size, key)))
        return hr;

    vkdva_device_lock(device);
    /* A negotiated key replaces the old one. Surfaces written under the old key keep their
     * contents: they are re-encrypted as for a refresh. */
    if (session->key_set)
        vkdva_protect_session_rekey(session, session->key, key);
    memcpy(session->key, key, sizeof(key));
    session->key_set = true;
    /* A pending refresh was relative to the old key. */
    session->refresh_pending = false;
    OPENSSL_cleanse(session->refresh_random, sizeof(session->refresh_random));
    /* A new key: EncryptionBlt IVs start again from a random value. Surface nonces keep
     * growing: live surfaces keep theirs under the new key. */
    vkdva_crypto_session_reset_counters(session, false);
    vkdva_device_unlock(device);

    OPENSSL_cleanse(key, sizeof(key));
    TRACE("Session %p has a new key.\n", session);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE d3d11_video_device_NegotiateCryptoSessionKeyExchangeMT(ID3D11VideoDevice2 *iface,
        ID3D11CryptoSession *crypto_session, D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAGS flags, UINT data_size, void *data_)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    struct d3d11_crypto_session *session;

    TRACE("iface %p, crypto_session %p, flags %#x, data_size %u, data_ %p.\n",
            iface, crypto_session, flags, data_size, data_);

    if (!(session = unsafe_impl_from_ID3D11CryptoSession(crypto_session)) || session->device != device)
    {
        WARN("Invalid crypto session %p.\n", crypto_session);
        return E_INVALIDARG;
    }
    if (flags != D3D11_CRYPTO_SESSION_KEY_EXCHANGE_FLAG_NONE)
    {
        WARN("Invalid flags %#x.\n", flags);
        return E_INVALIDARG;
    }
    return vkdva_crypto_session_negotiate(session, data_size, data_);
}

/* ID3D11VideoContext methods */

HRESULT STDMETHODCALLTYPE d3d11_video_context_NegotiateCryptoSessionKeyExchange(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT data_size, void *data_)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_crypto_session *object;

    TRACE("iface %p, session %p, data_size %u, data_ %p.\n", iface, session, data_size, data_);

    if (!(object = vkdva_context_get_session(context, session)))
        return E_INVALIDARG;
    return vkdva_crypto_session_negotiate(object, data_size, data_);
}

void STDMETHODCALLTYPE d3d11_video_context_StartSessionKeyRefresh(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT random_number_size, void *random_number)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_device *device = context->device;
    uint8_t random[VKDVA_AES_KEY_SIZE];
    struct d3d11_crypto_session *object;

    TRACE("iface %p, session %p, random_number_size %u, random_number %p.\n",
            iface, session, random_number_size, random_number);

    if (!(object = vkdva_context_get_session(context, session)))
        return;
    /* "The size should match the size of the session key." The method returns nothing, so a
     * bad call changes nothing. */
    if (random_number_size != VKDVA_AES_KEY_SIZE)
    {
        WARN("Invalid random number size %u, expected %u.\n", random_number_size, VKDVA_AES_KEY_SIZE);
        return;
    }
    if (!random_number)
    {
        WARN("NULL random_number.\n");
        return;
    }
    if (RAND_priv_bytes(random, sizeof(random)) != 1)
    {
        ERR("Failed to get random bytes.\n");
        ERR_clear_error();
        return;
    }

    vkdva_device_lock(device);
    if (!object->key_set)
    {
        WARN("Session %p has no key to refresh.\n", object);
    }
    else
    {
        /* A second Start before Finish replaces R (reference §9.4). */
        memcpy(object->refresh_random, random, sizeof(random));
        object->refresh_pending = true;
        memcpy(random_number, random, sizeof(random));
    }
    vkdva_device_unlock(device);
    OPENSSL_cleanse(random, sizeof(random));
}

void STDMETHODCALLTYPE d3d11_video_context_FinishSessionKeyRefresh(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_device *device = context->device;
    uint8_t new_key[VKDVA_AES_KEY_SIZE];
    struct d3d11_crypto_session *object;
    unsigned int i;

    TRACE("iface %p, session %p.\n", iface, session);

    if (!(object = vkdva_context_get_session(context, session)))
        return;

    vkdva_device_lock(device);
    if (!object->refresh_pending)
    {
        WARN("No StartSessionKeyRefresh is pending on session %p.\n", object);
        vkdva_device_unlock(device);
        return;
    }
    /* "perform a bitwise XOR between the previous session key and the random number"
     * (StartSessionKeyRefresh); every live protected surface is re-encrypted to the new key,
     * in submission order with the work around it. */
    for (i = 0; i < VKDVA_AES_KEY_SIZE; ++i)
        new_key[i] = object->key[i] ^ object->refresh_random[i];
    vkdva_protect_session_rekey(object, object->key, new_key);
    memcpy(object->key, new_key, sizeof(new_key));
    object->refresh_pending = false;
    OPENSSL_cleanse(object->refresh_random, sizeof(object->refresh_random));
    vkdva_device_unlock(device);

    OPENSSL_cleanse(new_key, sizeof(new_key));
    TRACE("Session %p switched to its refreshed key.\n", object);
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_GetEncryptionBltKey(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT key_size, void *key)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p, session %p, key_size %u, key %p.\n", iface, session, key_size, key);

    if (!vkdva_context_get_session(context, session))
        return E_INVALIDARG;
    /* D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK_KEY is not reported: EncryptionBlt
     * output is encrypted under the session key itself. */
    WARN("No separate readback key (ENCRYPTED_READ_BACK_KEY is not reported).\n");
    return E_INVALIDARG;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_GetDataForNewHardwareKey(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, UINT input_size, const void *input_data, UINT64 *output_data)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);

    TRACE("iface %p, session %p, input_size %u, input_data %p, output_data %p.\n",
            iface, session, input_size, input_data, output_data);

    if (!vkdva_context_get_session(context, session))
        return E_INVALIDARG;
    if (!output_data)
        return E_INVALIDARG;
    /* Hardware keys belong to D3D11_KEY_EXCHANGE_HW_PROTECTION sessions, which vkdva cannot
     * create (no secure execution environment). */
    WARN("Session %p has no hardware key (RSAES-OAEP key exchange).\n", session);
    return E_INVALIDARG;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_CheckCryptoSessionStatus(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session, D3D11_CRYPTO_SESSION_STATUS *status)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_device *device = context->device;
    struct d3d11_crypto_session *object;

    TRACE("iface %p, session %p, status %p.\n", iface, session, status);

    if (!(object = vkdva_context_get_session(context, session)))
        return E_INVALIDARG;
    if (!status)
        return E_INVALIDARG;

    vkdva_device_lock(device);
    /* After device loss the session's surfaces are gone with the device memory and its key
     * must be negotiated anew on a new device. */
    if (FAILED(device->removed_reason))
        object->key_lost = true;
    *status = object->key_lost ? D3D11_CRYPTO_SESSION_STATUS_KEY_LOST : D3D11_CRYPTO_SESSION_STATUS_OK;
    vkdva_device_unlock(device);
    return S_OK;
}
