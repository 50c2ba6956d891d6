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

/* ID3D11AuthenticatedChannel: key exchange, OMAC-authenticated queries and configuration.
 *
 * Protocol (reference §4; WDK ConfigureAuthenticatedChannel/QueryAuthenticatedChannel): the
 * client sends a 128-bit channel key with RSAES-OAEP, then CONFIGURE_INITIALIZE with the first
 * query and configure sequence numbers. Configure inputs carry an AES-CMAC (OMAC-1, RFC 4493)
 * under the channel key over every byte after the omac field; query inputs carry none. Every
 * output carries a CMAC over every byte after its omac field. A command is refused, with no
 * state change, when its CMAC is wrong, when its sequence number is below the next expected
 * one (a replay or an out-of-order message), or before INITIALIZE. The D3D11 channel type
 * "does not support authentication": its messages carry no CMAC (outputs get zeroes). */

#include "decoder.h"
#include "video_methods.h"
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

/* D3D11_OMAC_SIZE */
#define VKDVA_OMAC_SIZE 16u

static const GUID vkdva_guid_null;

struct vkdva_channel_process
{
    D3D11_AUTHENTICATED_PROCESS_IDENTIFIER_TYPE type;
    HANDLE handle;
};

struct d3d11_authenticated_channel
{
    ID3D11AuthenticatedChannel ID3D11AuthenticatedChannel_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    D3D11_AUTHENTICATED_CHANNEL_TYPE type;
    uintptr_t handle;

    /* Everything below: device lock held. */
    bool key_set;
    uint8_t key[VKDVA_AES_KEY_SIZE];
    /* After CONFIGURE_INITIALIZE: the lowest sequence numbers still accepted (64-bit, so that
     * after 0xffffffff nothing is). */
    bool initialized;
    uint64_t next_query_sequence;
    uint64_t next_configure_sequence;

    D3D11_AUTHENTICATED_PROTECTION_FLAGS protection;
    GUID encryption_guid;
    /* CONFIGURE_SHARED_RESOURCE: processes allowed to open restricted shared resources. */
    struct vkdva_channel_process *processes;
    size_t processes_size;
    size_t process_count;
};

static const struct ID3D11AuthenticatedChannelVtbl d3d11_authenticated_channel_vtbl;

static inline struct d3d11_authenticated_channel *impl_from_ID3D11AuthenticatedChannel(
        ID3D11AuthenticatedChannel *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_authenticated_channel, ID3D11AuthenticatedChannel_iface);
}

static struct d3d11_authenticated_channel *unsafe_impl_from_ID3D11AuthenticatedChannel(
        ID3D11AuthenticatedChannel *iface)
{
    if (!iface || iface->lpVtbl != &d3d11_authenticated_channel_vtbl)
        return NULL;
    return impl_from_ID3D11AuthenticatedChannel(iface);
}

/* AES-CMAC (RFC 4493), which is OMAC-1 with AES-128 as Microsoft's OPM sample computes it. */
static bool vkdva_aes_cmac(const uint8_t key[VKDVA_AES_KEY_SIZE], const void *data, size_t size,
        uint8_t mac[VKDVA_OMAC_SIZE])
{
    OSSL_PARAM params[] =
    {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, (char *)"AES-128-CBC", 0),
        OSSL_PARAM_construct_end(),
    };
    EVP_MAC_CTX *ctx = NULL;
    size_t mac_size = 0;
    EVP_MAC *cmac;
    bool ret;

    if (!(cmac = EVP_MAC_fetch(NULL, "CMAC", NULL)))
    {
        ERR("Failed to fetch CMAC.\n");
        ERR_clear_error();
        return false;
    }
    ret = (ctx = EVP_MAC_CTX_new(cmac))
            && EVP_MAC_init(ctx, key, VKDVA_AES_KEY_SIZE, params)
            && EVP_MAC_update(ctx, data, size)
            && EVP_MAC_final(ctx, mac, &mac_size, VKDVA_OMAC_SIZE)
            && mac_size == VKDVA_OMAC_SIZE;
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(cmac);
    if (!ret)
    {
        ERR("Failed to compute a CMAC.\n");
        ERR_clear_error();
    }
    return ret;
}

static bool vkdva_channel_is_authenticated(const struct d3d11_authenticated_channel *channel)
{
    return channel->type != D3D11_AUTHENTICATED_CHANNEL_D3D11;
}

/* Signs an output: the CMAC over the bytes after the omac field (device lock held). */
static void vkdva_channel_sign(struct d3d11_authenticated_channel *channel, void *output, UINT output_size)
{
    D3D11_OMAC *omac = output;

    memset(omac, 0, sizeof(*omac));
    if (!channel->key_set)
        return;
    if (!vkdva_aes_cmac(channel->key, (const uint8_t *)output + sizeof(*omac), output_size - sizeof(*omac),
            omac->Omac))
        memset(omac, 0, sizeof(*omac));
}

/* Checks the channel state, the handle and the sequence number of a message (device lock
 * held). */
static HRESULT vkdva_channel_check_message(struct d3d11_authenticated_channel *channel, HANDLE handle,
        UINT sequence, uint64_t next_sequence, bool initialize)
{
    if ((uintptr_t)handle != channel->handle)
    {
        WARN("Invalid channel handle %p.\n", handle);
        return E_INVALIDARG;
    }
    if (vkdva_channel_is_authenticated(channel) && !channel->key_set)
    {
        WARN("No key was exchanged on channel %p.\n", channel);
        return E_INVALIDARG;
    }
    /* INITIALIZE starts the sequence; once initialised it must follow it like any command,
     * or a replayed INITIALIZE could rewind the sequence numbers. */
    if (!channel->initialized)
    {
        if (initialize)
            return S_OK;
        WARN("Channel %p was not initialised.\n", channel);
        return E_INVALIDARG;
    }
    if (sequence < next_sequence)
    {
        WARN("Sequence number %#x was already used (next %#" PRIx64 ").\n", sequence, next_sequence);
        return E_INVALIDARG;
    }
    return S_OK;
}

/* A D3D11_AUTHENTICATED_QUERY_*_INPUT/_OUTPUT pair. */
struct vkdva_query_handler
{
    const GUID *type;
    const char *name;
    UINT input_size;
    UINT output_size;
    HRESULT (*handle)(struct d3d11_authenticated_channel *channel, const void *input, void *output);
};

/* The decoder a DecoderHandle names: D3D11 hands out ID3D11VideoDecoder::GetDriverHandle's
 * value, which for vkdva is the decoder object; it is checked to be one of our decoders, of
 * this device. Values no object can have are refused without being dereferenced: the lowest
 * 64 KiB (Linux vm.mmap_min_addr) and unaligned values, which include every crypto-session,
 * channel and device handle (they are odd) passed here by mistake. */
static struct d3d11_video_decoder *vkdva_channel_get_decoder(struct d3d11_authenticated_channel *channel,
        HANDLE handle)
{
    struct d3d11_video_decoder *decoder;

    if ((uintptr_t)handle < 0x10000 || ((uintptr_t)handle & (sizeof(void *) - 1)))
    {
        WARN("Invalid decoder handle %p.\n", handle);
        return NULL;
    }
    if (!(decoder = unsafe_impl_from_ID3D11VideoDecoder((ID3D11VideoDecoder *)handle))
            || decoder->device != channel->device)
    {
        WARN("Invalid decoder handle %p.\n", handle);
        return NULL;
    }
    return decoder;
}

static bool vkdva_channel_check_device_handle(struct d3d11_authenticated_channel *channel, HANDLE handle)
{
    if (handle != vkdva_crypto_device_handle(channel->device))
    {
        WARN("Invalid device handle %p.\n", handle);
        return false;
    }
    return true;
}

static HRESULT vkdva_query_protection(struct d3d11_authenticated_channel *channel, const void *input, void *output)
{
    D3D11_AUTHENTICATED_QUERY_PROTECTION_OUTPUT *out = output;

    out->ProtectionFlags = channel->protection;
    return S_OK;
}

static HRESULT vkdva_query_channel_type(struct d3d11_authenticated_channel *channel, const void *input, void *output)
{
    D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE_OUTPUT *out = output;

    out->ChannelType = channel->type;
    return S_OK;
}

static HRESULT vkdva_query_device_handle(struct d3d11_authenticated_channel *channel, const void *input,
        void *output)
{
    D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE_OUTPUT *out = output;

    out->DeviceHandle = vkdva_crypto_device_handle(channel->device);
    return S_OK;
}

static HRESULT vkdva_query_crypto_session(struct d3d11_authenticated_channel *channel, const void *input,
        void *output)
{
    const D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION_INPUT *in = input;
    D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION_OUTPUT *out = output;
    struct d3d11_video_decoder *decoder;

    out->DecoderHandle = in->DecoderHandle;
    if (!(decoder = vkdva_channel_get_decoder(channel, in->DecoderHandle)))
        return E_INVALIDARG;
    out->CryptoSessionHandle = decoder->crypto_session ? (HANDLE)decoder->crypto_session->handle : NULL;
    out->DeviceHandle = vkdva_crypto_device_handle(channel->device);
    return S_OK;
}

static HRESULT vkdva_query_restricted_process_count(struct d3d11_authenticated_channel *channel,
        const void *input, void *output)
{
    D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_COUNT_OUTPUT *out = output;

    out->RestrictedSharedResourceProcessCount = channel->process_count;
    return S_OK;
}

static HRESULT vkdva_query_restricted_process(struct d3d11_authenticated_channel *channel,
        const void *input, void *output)
{
    const D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_INPUT *in = input;
    D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_OUTPUT *out = output;

    out->ProcessIndex = in->ProcessIndex;
    if (in->ProcessIndex >= channel->process_count)
    {
        WARN("Invalid process index %u.\n", in->ProcessIndex);
        return E_INVALIDARG;
    }
    out->ProcessIdentifier = channel->processes[in->ProcessIndex].type;
    out->ProcessHandle = channel->processes[in->ProcessIndex].handle;
    return S_OK;
}

static HRESULT vkdva_query_unrestricted_count(struct d3d11_authenticated_channel *channel,
        const void *input, void *output)
{
    D3D11_AUTHENTICATED_QUERY_UNRESTRICTED_PROTECTED_SHARED_RESOURCE_COUNT_OUTPUT *out = output;

    /* vkdva shares no protected resources between processes. */
    out->UnrestrictedProtectedSharedResourceCount = 0;
    return S_OK;
}

static HRESULT vkdva_query_output_id_count(struct d3d11_authenticated_channel *channel,
        const void *input, void *output)
{
    const D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT_INPUT *in = input;
    D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT_OUTPUT *out = output;

    out->DeviceHandle = in->DeviceHandle;
    out->CryptoSessionHandle = in->CryptoSessionHandle;
    if (!vkdva_channel_check_device_handle(channel, in->DeviceHandle))
        return E_INVALIDARG;
    if (!vkdva_crypto_session_from_handle(channel->device, in->CryptoSessionHandle))
    {
        WARN("Invalid crypto session handle %p.\n", in->CryptoSessionHandle);
        return E_INVALIDARG;
    }
    /* vkdva does not present: no display output is associated with any session. */
    out->OutputIDCount = 0;
    return S_OK;
}

static HRESULT vkdva_query_output_id(struct d3d11_authenticated_channel *channel,
        const void *input, void *output)
{
    const D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_INPUT *in = input;
    D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_OUTPUT *out = output;

    out->DeviceHandle = in->DeviceHandle;
    out->CryptoSessionHandle = in->CryptoSessionHandle;
    out->OutputIDIndex = in->OutputIDIndex;
    if (!vkdva_channel_check_device_handle(channel, in->DeviceHandle))
        return E_INVALIDARG;
    if (!vkdva_crypto_session_from_handle(channel->device, in->CryptoSessionHandle))
    {
        WARN("Invalid crypto session handle %p.\n", in->CryptoSessionHandle);
        return E_INVALIDARG;
    }
    WARN("Invalid output index %u (there are no outputs).\n", in->OutputIDIndex);
    return E_INVALIDARG;
}

static HRESULT vkdva_query_accessibility(struct d3d11_authenticated_channel *channel,
        const void *input, void *output)
{
    D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_OUTPUT *out = output;
    struct d3d11_device *device = channel->device;
    bool hardware = device->caps.protected_memory;

    out->BusType = device->caps.properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU
            ? D3D11_BUS_TYPE_PCIEXPRESS : D3D11_BUS_TYPE_OTHER;
    /* In software mode the decoded plaintext sits in ordinary device memory (private images),
     * which the bus can reach; protected memory cannot be reached. */
    out->AccessibleInContiguousBlocks = !hardware;
    out->AccessibleInNonContiguousBlocks = !hardware;
    return S_OK;
}

static HRESULT vkdva_query_encryption_guid_count(struct d3d11_authenticated_channel *channel,
        const void *input, void *output)
{
    D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_COUNT_OUTPUT *out = output;

    out->EncryptionGuidCount = 1;
    return S_OK;
}

static HRESULT vkdva_query_encryption_guid(struct d3d11_authenticated_channel *channel,
        const void *input, void *output)
{
    const D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_INPUT *in = input;
    D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_OUTPUT *out = output;

    out->EncryptionGuidIndex = in->EncryptionGuidIndex;
    if (in->EncryptionGuidIndex)
    {
        WARN("Invalid encryption GUID index %u.\n", in->EncryptionGuidIndex);
        return E_INVALIDARG;
    }
    out->EncryptionGuid = D3D11_CRYPTO_TYPE_AES128_CTR;
    return S_OK;
}

static HRESULT vkdva_query_current_encryption(struct d3d11_authenticated_channel *channel,
        const void *input, void *output)
{
    D3D11_AUTHENTICATED_QUERY_CURRENT_ACCESSIBILITY_ENCRYPTION_OUTPUT *out = output;

    out->EncryptionGuid = channel->encryption_guid;
    return S_OK;
}

#define QUERY(name, input, output, handler) \
        {&D3D11_AUTHENTICATED_QUERY_##name, #name, sizeof(input), sizeof(output), handler}

static const struct vkdva_query_handler vkdva_query_handlers[] =
{
    QUERY(PROTECTION, D3D11_AUTHENTICATED_QUERY_INPUT, D3D11_AUTHENTICATED_QUERY_PROTECTION_OUTPUT,
            vkdva_query_protection),
    QUERY(CHANNEL_TYPE, D3D11_AUTHENTICATED_QUERY_INPUT, D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE_OUTPUT,
            vkdva_query_channel_type),
    QUERY(DEVICE_HANDLE, D3D11_AUTHENTICATED_QUERY_INPUT, D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE_OUTPUT,
            vkdva_query_device_handle),
    QUERY(CRYPTO_SESSION, D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION_INPUT,
            D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION_OUTPUT, vkdva_query_crypto_session),
    QUERY(RESTRICTED_SHARED_RESOURCE_PROCESS_COUNT, D3D11_AUTHENTICATED_QUERY_INPUT,
            D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_COUNT_OUTPUT,
            vkdva_query_restricted_process_count),
    QUERY(RESTRICTED_SHARED_RESOURCE_PROCESS, D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_INPUT,
            D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_OUTPUT, vkdva_query_restricted_process),
    QUERY(UNRESTRICTED_PROTECTED_SHARED_RESOURCE_COUNT, D3D11_AUTHENTICATED_QUERY_INPUT,
            D3D11_AUTHENTICATED_QUERY_UNRESTRICTED_PROTECTED_SHARED_RESOURCE_COUNT_OUTPUT,
            vkdva_query_unrestricted_count),
    QUERY(OUTPUT_ID_COUNT, D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT_INPUT,
            D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT_OUTPUT, vkdva_query_output_id_count),
    QUERY(OUTPUT_ID, D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_INPUT, D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_OUTPUT,
            vkdva_query_output_id),
    QUERY(ACCESSIBILITY_ATTRIBUTES, D3D11_AUTHENTICATED_QUERY_INPUT, D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_OUTPUT,
            vkdva_query_accessibility),
    QUERY(ENCRYPTION_WHEN_ACCESSIBLE_GUID_COUNT, D3D11_AUTHENTICATED_QUERY_INPUT,
            D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_COUNT_OUTPUT, vkdva_query_encryption_guid_count),
    QUERY(ENCRYPTION_WHEN_ACCESSIBLE_GUID, D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_INPUT,
            D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_OUTPUT, vkdva_query_encryption_guid),
    QUERY(CURRENT_ENCRYPTION_WHEN_ACCESSIBLE, D3D11_AUTHENTICATED_QUERY_INPUT,
            D3D11_AUTHENTICATED_QUERY_CURRENT_ACCESSIBILITY_ENCRYPTION_OUTPUT, vkdva_query_current_encryption),
};

#undef QUERY

/* A D3D11_AUTHENTICATED_CONFIGURE_*_INPUT: check() validates without changing anything,
 * apply() cannot fail. */
struct vkdva_configure_handler
{
    const GUID *type;
    const char *name;
    UINT input_size;
    /* Only on the driver channels (software or hardware). */
    bool needs_authentication;
    HRESULT (*check)(struct d3d11_authenticated_channel *channel, const void *input, void **context);
    void (*apply)(struct d3d11_authenticated_channel *channel, const void *input, void *context);
};

static HRESULT vkdva_configure_initialize_check(struct d3d11_authenticated_channel *channel, const void *input,
        void **context)
{
    return S_OK;
}

static void vkdva_configure_initialize_apply(struct d3d11_authenticated_channel *channel, const void *input,
        void *context)
{
    const D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE_INPUT *in = input;

    channel->initialized = true;
    channel->next_query_sequence = in->StartSequenceQuery;
    channel->next_configure_sequence = in->StartSequenceConfigure;
}

static HRESULT vkdva_configure_protection_check(struct d3d11_authenticated_channel *channel, const void *input,
        void **context)
{
    const D3D11_AUTHENTICATED_CONFIGURE_PROTECTION_INPUT *in = input;

    if (in->Protections.Value & ~3u)
    {
        WARN("Invalid protection flags %#x.\n", in->Protections.Value);
        return E_INVALIDARG;
    }
    return S_OK;
}

static void vkdva_configure_protection_apply(struct d3d11_authenticated_channel *channel, const void *input,
        void *context)
{
    const D3D11_AUTHENTICATED_CONFIGURE_PROTECTION_INPUT *in = input;

    channel->protection = in->Protections;
}

static HRESULT vkdva_configure_crypto_session_check(struct d3d11_authenticated_channel *channel,
        const void *input, void **context)
{
    const D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION_INPUT *in = input;
    struct d3d11_crypto_session *session;
    struct d3d11_video_decoder *decoder;

    if (!(decoder = vkdva_channel_get_decoder(channel, in->DecoderHandle)))
        return E_INVALIDARG;
    if (!(session = vkdva_crypto_session_from_handle(channel->device, in->CryptoSessionHandle)))
    {
        WARN("Invalid crypto session handle %p.\n", in->CryptoSessionHandle);
        return E_INVALIDARG;
    }
    if (!vkdva_channel_check_device_handle(channel, in->DeviceHandle))
        return E_INVALIDARG;
    if (!IsEqualGUID(&session->decoder_profile, &decoder->desc.Guid))
    {
        WARN("The session's profile %s is not the decoder's %s.\n", debugstr_guid(&session->decoder_profile),
                debugstr_guid(&decoder->desc.Guid));
        return E_INVALIDARG;
    }
    if (decoder->in_frame)
    {
        WARN("Decoder %p is between DecoderBeginFrame and DecoderEndFrame.\n", decoder);
        return E_INVALIDARG;
    }
    *context = decoder;
    return S_OK;
}

static void vkdva_configure_crypto_session_apply(struct d3d11_authenticated_channel *channel,
        const void *input, void *context)
{
    const D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION_INPUT *in = input;
    struct d3d11_crypto_session *session, *old;
    struct d3d11_video_decoder *decoder = context;

    session = vkdva_crypto_session_from_handle(channel->device, in->CryptoSessionHandle);
    ID3D11CryptoSession_AddRef(&session->ID3D11CryptoSession_iface);
    old = decoder->crypto_session;
    decoder->crypto_session = session;
    if (old)
        ID3D11CryptoSession_Release(&old->ID3D11CryptoSession_iface);
    TRACE("Bound crypto session %p to decoder %p.\n", session, decoder);
}

static HRESULT vkdva_configure_shared_resource_check(struct d3d11_authenticated_channel *channel,
        const void *input, void **context)
{
    const D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE_INPUT *in = input;

    if (in->ProcessType != D3D11_PROCESSIDTYPE_DWM && in->ProcessType != D3D11_PROCESSIDTYPE_HANDLE)
    {
        WARN("Invalid process type %#x.\n", in->ProcessType);
        return E_INVALIDARG;
    }
    if (in->ProcessType == D3D11_PROCESSIDTYPE_HANDLE && !in->ProcessHandle)
    {
        WARN("NULL process handle.\n");
        return E_INVALIDARG;
    }
    if (in->AllowAccess && !vkdva_array_reserve((void **)&channel->processes, &channel->processes_size,
            channel->process_count + 1, sizeof(*channel->processes)))
        return E_OUTOFMEMORY;
    return S_OK;
}

static void vkdva_configure_shared_resource_apply(struct d3d11_authenticated_channel *channel,
        const void *input, void *context)
{
    const D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE_INPUT *in = input;
    /* "Otherwise, the value is ignored." */
    HANDLE handle = in->ProcessType == D3D11_PROCESSIDTYPE_HANDLE ? in->ProcessHandle : NULL;
    size_t i;

    for (i = 0; i < channel->process_count; ++i)
    {
        if (channel->processes[i].type == in->ProcessType && channel->processes[i].handle == handle)
            break;
    }
    if (in->AllowAccess && i == channel->process_count)
    {
        channel->processes[channel->process_count].type = in->ProcessType;
        channel->processes[channel->process_count++].handle = handle;
    }
    else if (!in->AllowAccess && i < channel->process_count)
    {
        memmove(&channel->processes[i], &channel->processes[i + 1],
                (channel->process_count - i - 1) * sizeof(*channel->processes));
        --channel->process_count;
    }
}

static HRESULT vkdva_configure_encryption_check(struct d3d11_authenticated_channel *channel,
        const void *input, void **context)
{
    const D3D11_AUTHENTICATED_CONFIGURE_ACCESSIBLE_ENCRYPTION_INPUT *in = input;

    if (!IsEqualGUID(&in->EncryptionGuid, &D3D11_CRYPTO_TYPE_AES128_CTR)
            && !IsEqualGUID(&in->EncryptionGuid, &vkdva_guid_null))
    {
        WARN("Unsupported encryption GUID %s.\n", debugstr_guid(&in->EncryptionGuid));
        return E_INVALIDARG;
    }
    return S_OK;
}

static void vkdva_configure_encryption_apply(struct d3d11_authenticated_channel *channel,
        const void *input, void *context)
{
    const D3D11_AUTHENTICATED_CONFIGURE_ACCESSIBLE_ENCRYPTION_INPUT *in = input;

    channel->encryption_guid = in->EncryptionGuid;
}

#define CONFIGURE(name, input, auth, prefix) \
        {&D3D11_AUTHENTICATED_CONFIGURE_##name, #name, sizeof(input), auth, prefix##_check, prefix##_apply}

static const struct vkdva_configure_handler vkdva_configure_handlers[] =
{
    CONFIGURE(INITIALIZE, D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE_INPUT, false, vkdva_configure_initialize),
    CONFIGURE(PROTECTION, D3D11_AUTHENTICATED_CONFIGURE_PROTECTION_INPUT, false, vkdva_configure_protection),
    CONFIGURE(CRYPTO_SESSION, D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION_INPUT, true,
            vkdva_configure_crypto_session),
    CONFIGURE(SHARED_RESOURCE, D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE_INPUT, false,
            vkdva_configure_shared_resource),
    CONFIGURE(ENCRYPTION_WHEN_ACCESSIBLE, D3D11_AUTHENTICATED_CONFIGURE_ACCESSIBLE_ENCRYPTION_INPUT, true,
            vkdva_configure_encryption),
};

#undef CONFIGURE

/* ID3D11AuthenticatedChannel */

static HRESULT STDMETHODCALLTYPE d3d11_authenticated_channel_QueryInterface(ID3D11AuthenticatedChannel *iface,
        REFIID iid, void **out)
{
    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(iid, &IID_ID3D11AuthenticatedChannel) || IsEqualGUID(iid, &IID_ID3D11DeviceChild)
            || IsEqualGUID(iid, &IID_IUnknown))
    {
        ID3D11AuthenticatedChannel_AddRef(iface);
        *out = iface;
        return S_OK;
    }
    WARN("%s not implemented, returning E_NOINTERFACE.\n", debugstr_guid(iid));
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE d3d11_authenticated_channel_AddRef(ID3D11AuthenticatedChannel *iface)
{
    struct d3d11_authenticated_channel *channel = impl_from_ID3D11AuthenticatedChannel(iface);
    unsigned int refcount = vkdva_atomic_increment_u32(&channel->refcount);

    TRACE("%p increasing refcount to %u.\n", channel, refcount);
    return refcount;
}

static void d3d11_authenticated_channel_destroy(struct d3d11_authenticated_channel *channel)
{
    struct d3d11_device *device = channel->device;

    OPENSSL_cleanse(channel->key, sizeof(channel->key));
    vkdva_free(channel->processes);
    vkdva_private_store_destroy(&channel->private_store);
    vkdva_free(channel);
    ID3D11Device_Release(&device->ID3D11Device_iface);
}

static ULONG STDMETHODCALLTYPE d3d11_authenticated_channel_Release(ID3D11AuthenticatedChannel *iface)
{
    struct d3d11_authenticated_channel *channel = impl_from_ID3D11AuthenticatedChannel(iface);
    unsigned int refcount = vkdva_atomic_decrement_u32(&channel->refcount);

    TRACE("%p decreasing refcount to %u.\n", channel, refcount);
    if (!refcount)
        d3d11_authenticated_channel_destroy(channel);
    return refcount;
}

static void STDMETHODCALLTYPE d3d11_authenticated_channel_GetDevice(ID3D11AuthenticatedChannel *iface,
        ID3D11Device **device)
{
    struct d3d11_authenticated_channel *channel = impl_from_ID3D11AuthenticatedChannel(iface);

    TRACE("iface %p, device %p.\n", iface, device);

    *device = &channel->device->ID3D11Device_iface;
    ID3D11Device_AddRef(*device);
}

static HRESULT STDMETHODCALLTYPE d3d11_authenticated_channel_GetPrivateData(ID3D11AuthenticatedChannel *iface,
        REFGUID guid, UINT *data_size, void *data)
{
    struct d3d11_authenticated_channel *channel = impl_from_ID3D11AuthenticatedChannel(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&channel->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_authenticated_channel_SetPrivateData(ID3D11AuthenticatedChannel *iface,
        REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_authenticated_channel *channel = impl_from_ID3D11AuthenticatedChannel(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&channel->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_authenticated_channel_SetPrivateDataInterface(
        ID3D11AuthenticatedChannel *iface, REFGUID guid, const IUnknown *data)
{
    struct d3d11_authenticated_channel *channel = impl_from_ID3D11AuthenticatedChannel(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&channel->private_store, guid, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_authenticated_channel_GetCertificateSize(ID3D11AuthenticatedChannel *iface,
        UINT *certificate_size)
{
    struct d3d11_authenticated_channel *channel = impl_from_ID3D11AuthenticatedChannel(iface);

    TRACE("iface %p, certificate_size %p.\n", iface, certificate_size);

    if (!certificate_size)
        return E_INVALIDARG;
    /* "The same certificate that is used for OPM key exchange can be used for the
     * authenticated channel" (WDK AuthenticatedChannelKeyExchange): the device's. */
    return vkdva_crypto_get_certificate(channel->device, certificate_size, NULL);
}

static HRESULT STDMETHODCALLTYPE d3d11_authenticated_channel_GetCertificate(ID3D11AuthenticatedChannel *iface,
        UINT certificate_size, BYTE *certificate)
{
    struct d3d11_authenticated_channel *channel = impl_from_ID3D11AuthenticatedChannel(iface);

    TRACE("iface %p, certificate_size %u, certificate %p.\n", iface, certificate_size, certificate);

    if (!certificate)
        return E_INVALIDARG;
    return vkdva_crypto_get_certificate(channel->device, &certificate_size, certificate);
}

static void STDMETHODCALLTYPE d3d11_authenticated_channel_GetChannelHandle(ID3D11AuthenticatedChannel *iface,
        HANDLE *handle)
{
    struct d3d11_authenticated_channel *channel = impl_from_ID3D11AuthenticatedChannel(iface);

    TRACE("iface %p, handle %p.\n", iface, handle);

    if (!handle)
    {
        WARN("NULL handle.\n");
        return;
    }
    *handle = (HANDLE)channel->handle;
}

static const struct ID3D11AuthenticatedChannelVtbl d3d11_authenticated_channel_vtbl =
{
    /* IUnknown methods */
    d3d11_authenticated_channel_QueryInterface,
    d3d11_authenticated_channel_AddRef,
    d3d11_authenticated_channel_Release,
    /* ID3D11DeviceChild methods */
    d3d11_authenticated_channel_GetDevice,
    d3d11_authenticated_channel_GetPrivateData,
    d3d11_authenticated_channel_SetPrivateData,
    d3d11_authenticated_channel_SetPrivateDataInterface,
    /* ID3D11AuthenticatedChannel methods */
    d3d11_authenticated_channel_GetCertificateSize,
    d3d11_authenticated_channel_GetCertificate,
    d3d11_authenticated_channel_GetChannelHandle,
};

/* ID3D11VideoDevice methods */

HRESULT STDMETHODCALLTYPE d3d11_video_device_CreateAuthenticatedChannel(ID3D11VideoDevice2 *iface,
        D3D11_AUTHENTICATED_CHANNEL_TYPE channel_type, ID3D11AuthenticatedChannel **authenticated_channel)
{
    struct d3d11_device *device = impl_from_ID3D11VideoDevice2(iface);
    struct d3d11_authenticated_channel *channel;

    TRACE("iface %p, channel_type %#x, authenticated_channel %p.\n", iface, channel_type, authenticated_channel);

    if (!authenticated_channel)
        return E_POINTER;
    *authenticated_channel = NULL;
    switch (channel_type)
    {
        case D3D11_AUTHENTICATED_CHANNEL_D3D11:
        case D3D11_AUTHENTICATED_CHANNEL_DRIVER_SOFTWARE:
            break;
        case D3D11_AUTHENTICATED_CHANNEL_DRIVER_HARDWARE:
            /* The hardware channel goes with D3D11_CONTENT_PROTECTION_CAPS_HARDWARE. */
            if (device->caps.protected_memory)
                break;
            WARN("No hardware content protection (the device has no protected memory).\n");
            return E_INVALIDARG;
        default:
            WARN("Invalid channel type %#x.\n", channel_type);
            return E_INVALIDARG;
    }

    if (!(channel = vkdva_calloc(1, sizeof(*channel))))
        return E_OUTOFMEMORY;
    channel->ID3D11AuthenticatedChannel_iface.lpVtbl = &d3d11_authenticated_channel_vtbl;
    channel->refcount = 1;
    vkdva_private_store_init(&channel->private_store);
    channel->device = device;
    channel->type = channel_type;
    channel->handle = vkdva_crypto_new_handle();
    ID3D11Device_AddRef(&device->ID3D11Device_iface);

    TRACE("Created authenticated channel %p.\n", channel);
    *authenticated_channel = &channel->ID3D11AuthenticatedChannel_iface;
    return S_OK;
}

/* ID3D11VideoContext methods */

static struct d3d11_authenticated_channel *vkdva_context_get_channel(struct d3d11_immediate_context *context,
        ID3D11AuthenticatedChannel *iface)
{
    struct d3d11_authenticated_channel *channel;

    if (!(channel = unsafe_impl_from_ID3D11AuthenticatedChannel(iface)))
    {
        WARN("Invalid authenticated channel %p.\n", iface);
        return NULL;
    }
    if (channel->device != context->device)
    {
        WARN("Authenticated channel %p belongs to another device.\n", iface);
        return NULL;
    }
    return channel;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_NegotiateAuthenticatedChannelKeyExchange(
        ID3D11VideoContext3 *iface, ID3D11AuthenticatedChannel *channel, UINT data_size, void *data_)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_device *device = context->device;
    struct d3d11_authenticated_channel *object;
    uint8_t key[VKDVA_AES_KEY_SIZE];
    HRESULT hr;

    TRACE("iface %p, channel %p, data_size %u, data_ %p.\n", iface, channel, data_size, data_);

    if (!(object = vkdva_context_get_channel(context, channel)))
        return E_INVALIDARG;
    /* "This method will fail if the channel type is D3D11_AUTHENTICATED_CHANNEL_D3D11." */
    if (!vkdva_channel_is_authenticated(object))
    {
        WARN("The D3D11 channel does not support authentication.\n");
        return E_INVALIDARG;
    }
    if (FAILED(hr = vkdva_crypto_unwrap_key(device, data_, data_size, key)))
        return hr;

    vkdva_device_lock(device);
    memcpy(object->key, key, sizeof(key));
    object->key_set = true;
    /* A new key starts a new conversation: CONFIGURE_INITIALIZE comes next. */
    object->initialized = false;
    vkdva_device_unlock(device);
    OPENSSL_cleanse(key, sizeof(key));
    return S_OK;
}

/* Device lock held; the output header is filled in. */
static HRESULT vkdva_channel_query(struct d3d11_authenticated_channel *channel, UINT input_size,
        const void *input, UINT output_size, void *output)
{
    D3D11_AUTHENTICATED_QUERY_OUTPUT *out = output;
    const struct vkdva_query_handler *handler;
    unsigned int i;
    HRESULT hr;

    if (FAILED(hr = vkdva_channel_check_message(channel, out->hChannel, out->SequenceNumber,
            channel->next_query_sequence, false)))
        return hr;
    for (i = 0, handler = NULL; i < ARRAY_SIZE(vkdva_query_handlers); ++i)
    {
        if (IsEqualGUID(vkdva_query_handlers[i].type, &out->QueryType))
            handler = &vkdva_query_handlers[i];
    }
    if (!handler)
    {
        WARN("Unknown query %s.\n", debugstr_guid(&out->QueryType));
        return E_INVALIDARG;
    }
    if (input_size != handler->input_size || output_size != handler->output_size)
    {
        WARN("Invalid sizes %u, %u for query %s, expected %u, %u.\n", input_size, output_size,
                handler->name, handler->input_size, handler->output_size);
        return E_INVALIDARG;
    }
    if (SUCCEEDED(hr = handler->handle(channel, input, output)))
        channel->next_query_sequence = (uint64_t)out->SequenceNumber + 1;
    return hr;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_QueryAuthenticatedChannel(ID3D11VideoContext3 *iface,
        ID3D11AuthenticatedChannel *channel, UINT input_size, const void *input, UINT output_size, void *output)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    const D3D11_AUTHENTICATED_QUERY_INPUT *in = input;
    D3D11_AUTHENTICATED_QUERY_OUTPUT *out = output;
    struct d3d11_device *device = context->device;
    struct d3d11_authenticated_channel *object;
    /* Large enough for every query input (OUTPUT_ID's is the largest). */
    uint64_t in_copy[8];
    HRESULT hr;

    TRACE("iface %p, channel %p, input_size %u, input %p, output_size %u, output %p.\n",
            iface, channel, input_size, input, output_size, output);

    if (!(object = vkdva_context_get_channel(context, channel)))
        return E_INVALIDARG;
    if (!input || input_size < sizeof(*in))
    {
        WARN("Invalid input %p, size %u.\n", input, input_size);
        return E_INVALIDARG;
    }
    if (!output || output_size < sizeof(*out))
    {
        WARN("Invalid output %p, size %u.\n", output, output_size);
        return E_INVALIDARG;
    }
    TRACE("Query %s, channel %p, sequence %#x.\n", debugstr_guid(&in->QueryType), in->hChannel, in->SequenceNumber);

    /* The output echoes the input and always carries the return code, signed (WDK
     * QueryAuthenticatedChannel). The input is copied first: the buffers may overlap. */
    memset(in_copy, 0, sizeof(in_copy));
    memcpy(in_copy, input, vkdva_min_u(input_size, sizeof(in_copy)));
    in = (const D3D11_AUTHENTICATED_QUERY_INPUT *)in_copy;
    memset(output, 0, output_size);
    out->QueryType = in->QueryType;
    out->hChannel = in->hChannel;
    out->SequenceNumber = in->SequenceNumber;

    vkdva_device_lock(device);
    hr = vkdva_channel_query(object, input_size, in_copy, output_size, output);
    out->ReturnCode = hr;
    vkdva_channel_sign(object, output, output_size);
    vkdva_device_unlock(device);
    return hr;
}

/* Device lock held. Nothing changes unless every check passed. */
static HRESULT vkdva_channel_configure(struct d3d11_authenticated_channel *channel, UINT input_size,
        const void *input)
{
    const D3D11_AUTHENTICATED_CONFIGURE_INPUT *in = input;
    const struct vkdva_configure_handler *handler;
    uint8_t omac[VKDVA_OMAC_SIZE];
    void *context = NULL;
    bool initialize;
    unsigned int i;
    HRESULT hr;

    initialize = IsEqualGUID(&in->ConfigureType, &D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE);
    if (FAILED(hr = vkdva_channel_check_message(channel, in->hChannel, in->SequenceNumber,
            channel->next_configure_sequence, initialize)))
        return hr;
    if (vkdva_channel_is_authenticated(channel))
    {
        if (!vkdva_aes_cmac(channel->key, (const uint8_t *)input + sizeof(in->omac), input_size - sizeof(in->omac),
                omac))
            return E_FAIL;
        if (CRYPTO_memcmp(omac, in->omac.Omac, sizeof(omac)))
        {
            WARN("Invalid OMAC.\n");
            return E_INVALIDARG;
        }
    }
    for (i = 0, handler = NULL; i < ARRAY_SIZE(vkdva_configure_handlers); ++i)
    {
        if (IsEqualGUID(vkdva_configure_handlers[i].type, &in->ConfigureType))
            handler = &vkdva_configure_handlers[i];
    }
    if (!handler)
    {
        WARN("Unknown configuration %s.\n", debugstr_guid(&in->ConfigureType));
        return E_INVALIDARG;
    }
    if (input_size != handler->input_size)
    {
        WARN("Invalid input size %u for %s, expected %u.\n", input_size, handler->name, handler->input_size);
        return E_INVALIDARG;
    }
    if (handler->needs_authentication && !vkdva_channel_is_authenticated(channel))
    {
        WARN("%s needs an authenticated (driver) channel.\n", handler->name);
        return E_INVALIDARG;
    }
    if (FAILED(hr = handler->check(channel, input, &context)))
        return hr;
    channel->next_configure_sequence = (uint64_t)in->SequenceNumber + 1;
    /* INITIALIZE sets the next sequence numbers itself. */
    handler->apply(channel, input, context);
    return S_OK;
}

HRESULT STDMETHODCALLTYPE d3d11_video_context_ConfigureAuthenticatedChannel(ID3D11VideoContext3 *iface,
        ID3D11AuthenticatedChannel *channel, UINT input_size, const void *input,
        D3D11_AUTHENTICATED_CONFIGURE_OUTPUT *output)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    const D3D11_AUTHENTICATED_CONFIGURE_INPUT *in = input;
    struct d3d11_device *device = context->device;
    struct d3d11_authenticated_channel *object;
    D3D11_AUTHENTICATED_CONFIGURE_OUTPUT out;
    HRESULT hr;

    TRACE("iface %p, channel %p, input_size %u, input %p, output %p.\n", iface, channel, input_size, input, output);

    if (!(object = vkdva_context_get_channel(context, channel)))
        return E_INVALIDARG;
    if (!input || input_size < sizeof(*in))
    {
        WARN("Invalid input %p, size %u.\n", input, input_size);
        return E_INVALIDARG;
    }
    if (!output)
    {
        WARN("NULL output.\n");
        return E_INVALIDARG;
    }
    TRACE("Configure %s, channel %p, sequence %#x.\n", debugstr_guid(&in->ConfigureType), in->hChannel,
            in->SequenceNumber);

    /* The output echoes the input and always carries the return code, signed (WDK
     * ConfigureAuthenticatedChannel); it is written last, as it may overlap the input. */
    memset(&out, 0, sizeof(out));
    out.ConfigureType = in->ConfigureType;
    out.hChannel = in->hChannel;
    out.SequenceNumber = in->SequenceNumber;

    vkdva_device_lock(device);
    hr = vkdva_channel_configure(object, input_size, input);
    out.ReturnCode = hr;
    vkdva_channel_sign(object, &out, sizeof(out));
    vkdva_device_unlock(device);

    *output = out;
    return hr;
}
