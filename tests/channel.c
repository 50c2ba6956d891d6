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

/* ID3D11AuthenticatedChannel: the test is the client of gpu-based-content-protection.md —
 * key exchange against the certificate, CONFIGURE_INITIALIZE, OMAC-signed configure commands,
 * every query with its output OMAC checked, and tampered, replayed and out-of-order messages
 * refused without a state change. The CMAC is the test's own RFC 4493 code, checked against the
 * RFC's vectors first. */

#include <initguid.h>
#include "crypto_utils.h"

static const GUID test_guid = {0x5e5e1d2a, 0x3c4b, 0x4d6e, {0x9f, 0x70, 0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6}};
static const GUID guid_null;

static void test_cmac_vectors(void)
{
    /* RFC 4493 4. */
    static const uint8_t key[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
            0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
    static const uint8_t message[64] =
    {
        0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96, 0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a,
        0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c, 0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51,
        0x30, 0xc8, 0x1c, 0x46, 0xa3, 0x5c, 0xe4, 0x11, 0xe5, 0xfb, 0xc1, 0x19, 0x1a, 0x0a, 0x52, 0xef,
        0xf6, 0x9f, 0x24, 0x45, 0xdf, 0x4f, 0x9b, 0x17, 0xad, 0x2b, 0x41, 0x7b, 0xe6, 0x6c, 0x37, 0x10,
    };
    static const struct
    {
        size_t size;
        uint8_t mac[16];
    }
    tests[] =
    {
        {0, {0xbb, 0x1d, 0x69, 0x29, 0xe9, 0x59, 0x37, 0x28, 0x7f, 0xa3, 0x7d, 0x12, 0x9b, 0x75, 0x67, 0x46}},
        {16, {0x07, 0x0a, 0x16, 0xb4, 0x6b, 0x4d, 0x41, 0x44, 0xf7, 0x9b, 0xdd, 0x9d, 0xd0, 0x4a, 0x28, 0x7c}},
        {40, {0xdf, 0xa6, 0x67, 0x47, 0xde, 0x9a, 0xe6, 0x30, 0x30, 0xca, 0x32, 0x61, 0x14, 0x97, 0xc8, 0x27}},
        {64, {0x51, 0xf0, 0xbe, 0xbf, 0x7e, 0x3b, 0x9d, 0x92, 0xfc, 0x49, 0x74, 0x17, 0x79, 0x36, 0x3c, 0xfe}},
    };
    uint8_t mac[16];
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(tests); ++i)
    {
        aes_cmac(key, message, tests[i].size, mac);
        ok(!memcmp(mac, tests[i].mac, sizeof(mac)), "Test %u: got a wrong CMAC.\n", i);
    }
}

/* A client: the channel, its key, and its sequence numbers. */
struct client
{
    ID3D11VideoContext *video_context;
    ID3D11AuthenticatedChannel *channel;
    HANDLE handle;
    uint8_t key[16];
    UINT query_sequence;
    UINT configure_sequence;
    bool authenticated;
};

#define check_output_omac(a, b, c) check_output_omac_(__LINE__, a, b, c)
static void check_output_omac_(unsigned int line, const struct client *client, const void *output, size_t size)
{
    uint8_t mac[16], zero[16] = {0};

    if (client->authenticated)
    {
        aes_cmac(client->key, (const uint8_t *)output + 16, size - 16, mac);
        ok_line(line, !memcmp(mac, output, 16), "Got a wrong output OMAC.\n");
    }
    else
    {
        ok_line(line, !memcmp(zero, output, 16), "Got an OMAC on the D3D11 channel.\n");
    }
}

/* Sends a query whose input is a D3D11_AUTHENTICATED_QUERY_INPUT followed by the tail; checks
 * the echoed fields and the OMAC of the output; does not advance the sequence number. */
#define query(a, b, c, d, e, f, g) query_(__LINE__, a, b, c, d, e, f, g)
static HRESULT query_(unsigned int line, struct client *client, const GUID *type, UINT sequence,
        void *input, UINT input_size, void *output, UINT output_size)
{
    D3D11_AUTHENTICATED_QUERY_INPUT *in = input;
    D3D11_AUTHENTICATED_QUERY_OUTPUT *out = output;
    HRESULT hr;

    in->QueryType = *type;
    in->hChannel = client->handle;
    in->SequenceNumber = sequence;
    memset(output, 0xcc, output_size);
    hr = ID3D11VideoContext_QueryAuthenticatedChannel(client->video_context, client->channel,
            input_size, input, output_size, output);
    ok_line(line, IsEqualGUID(&out->QueryType, type), "Got another query type.\n");
    ok_line(line, out->hChannel == client->handle, "Got channel %p.\n", out->hChannel);
    ok_line(line, out->SequenceNumber == sequence, "Got sequence number %#x.\n", out->SequenceNumber);
    ok_line(line, out->ReturnCode == hr, "Got return code %#x, hr %#x.\n", out->ReturnCode, hr);
    check_output_omac_(line, client, output, output_size);
    return hr;
}

/* The common case: the next sequence number, advanced on success. */
#define query_next(a, b, c, d, e, f) query_next_(__LINE__, a, b, c, d, e, f)
static HRESULT query_next_(unsigned int line, struct client *client, const GUID *type,
        void *input, UINT input_size, void *output, UINT output_size)
{
    HRESULT hr;

    if (SUCCEEDED(hr = query_(line, client, type, client->query_sequence, input, input_size, output, output_size)))
        ++client->query_sequence;
    return hr;
}

/* Sends a configure command, signed unless tamper says otherwise. */
#define configure(a, b, c, d, e, f) configure_(__LINE__, a, b, c, d, e, f)
static HRESULT configure_(unsigned int line, struct client *client, const GUID *type, UINT sequence,
        void *input, UINT input_size, bool tamper)
{
    D3D11_AUTHENTICATED_CONFIGURE_INPUT *in = input;
    D3D11_AUTHENTICATED_CONFIGURE_OUTPUT out;
    HRESULT hr;

    in->ConfigureType = *type;
    in->hChannel = client->handle;
    in->SequenceNumber = sequence;
    memset(in->omac.Omac, 0, sizeof(in->omac.Omac));
    if (client->authenticated)
        aes_cmac(client->key, (const uint8_t *)input + 16, input_size - 16, in->omac.Omac);
    if (tamper)
        in->omac.Omac[5] ^= 0x20;
    memset(&out, 0xcc, sizeof(out));
    hr = ID3D11VideoContext_ConfigureAuthenticatedChannel(client->video_context, client->channel,
            input_size, input, &out);
    ok_line(line, IsEqualGUID(&out.ConfigureType, type), "Got another configure type.\n");
    ok_line(line, out.hChannel == client->handle, "Got channel %p.\n", out.hChannel);
    ok_line(line, out.SequenceNumber == sequence, "Got sequence number %#x.\n", out.SequenceNumber);
    ok_line(line, out.ReturnCode == hr, "Got return code %#x, hr %#x.\n", out.ReturnCode, hr);
    check_output_omac_(line, client, &out, sizeof(out));
    return hr;
}

#define configure_next(a, b, c, d) configure_next_(__LINE__, a, b, c, d)
static HRESULT configure_next_(unsigned int line, struct client *client, const GUID *type,
        void *input, UINT input_size)
{
    HRESULT hr;

    if (SUCCEEDED(hr = configure_(line, client, type, client->configure_sequence, input, input_size, false)))
        ++client->configure_sequence;
    return hr;
}

static void init_client(struct client *client, ID3D11Device *device, D3D11_AUTHENTICATED_CHANNEL_TYPE type)
{
    ID3D11VideoDevice *video_device = get_video_device(device);
    HRESULT hr;

    memset(client, 0, sizeof(*client));
    client->video_context = get_video_context(device);
    hr = ID3D11VideoDevice_CreateAuthenticatedChannel(video_device, type, &client->channel);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11AuthenticatedChannel_GetChannelHandle(client->channel, &client->handle);
    ok(!!client->handle, "Got NULL handle.\n");
    ID3D11VideoDevice_Release(video_device);
}

/* The key exchange of gpu-based-content-protection.md steps 2.2-2.5, OAEP with SHA-512 as
 * Microsoft's OPM sample does. */
static void exchange_key(struct client *client)
{
    EVP_PKEY *public_key;
    BYTE blob[256], *data;
    UINT size = 0;
    X509 *x509;
    EVP_MD *md;
    HRESULT hr;

    hr = ID3D11AuthenticatedChannel_GetCertificateSize(client->channel, &size);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    data = malloc(size);
    hr = ID3D11AuthenticatedChannel_GetCertificate(client->channel, size, data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    x509 = parse_certificate(data, size);
    free(data);
    if (!x509)
        return;
    public_key = X509_get_pubkey(x509);
    X509_free(x509);

    RAND_bytes(client->key, sizeof(client->key));
    md = EVP_MD_fetch(NULL, "SHA512", NULL);
    ok(rsa_encrypt(public_key, md, client->key, sizeof(client->key), blob), "Failed to encrypt.\n");
    EVP_MD_free(md);
    EVP_PKEY_free(public_key);
    hr = ID3D11VideoContext_NegotiateAuthenticatedChannelKeyExchange(client->video_context, client->channel,
            sizeof(blob), blob);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    client->authenticated = true;
}

static void initialize(struct client *client)
{
    D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE_INPUT input;
    HRESULT hr;

    /* "a cryptographically secure 32-bit random number"; kept away from the top so the test
     * can count up. */
    RAND_bytes((unsigned char *)&client->query_sequence, sizeof(client->query_sequence));
    RAND_bytes((unsigned char *)&client->configure_sequence, sizeof(client->configure_sequence));
    client->query_sequence &= 0x7fffffff;
    client->configure_sequence &= 0x7fffffff;
    memset(&input, 0, sizeof(input));
    input.StartSequenceQuery = client->query_sequence;
    input.StartSequenceConfigure = client->configure_sequence;
    hr = configure(client, &D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE, 0, &input, sizeof(input), false);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
}

static void release_client(struct client *client)
{
    ok(!ID3D11AuthenticatedChannel_Release(client->channel), "ID3D11AuthenticatedChannel has references left.\n");
    ID3D11VideoContext_Release(client->video_context);
}

static void test_create_channel(void)
{
    ID3D11AuthenticatedChannel *channel, *channel2;
    D3D11_VIDEO_CONTENT_PROTECTION_CAPS caps;
    ID3D11VideoDevice *video_device;
    ID3D11CryptoSession *session;
    ID3D11Device *device, *device2;
    BYTE *cert, *cert2;
    UINT size, size2;
    HANDLE handle, handle2;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("No device.\n");
        return;
    }
    video_device = get_video_device(device);
    hr = ID3D11VideoDevice_GetContentProtectionCaps(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL, &caps);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    channel = (ID3D11AuthenticatedChannel *)0xdeadbeef;
    hr = ID3D11VideoDevice_CreateAuthenticatedChannel(video_device, 0, &channel);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ok(!channel, "Got unexpected channel %p.\n", channel);
    hr = ID3D11VideoDevice_CreateAuthenticatedChannel(video_device, 4, &channel);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    /* The hardware channel exists with hardware protection only. */
    hr = ID3D11VideoDevice_CreateAuthenticatedChannel(video_device, D3D11_AUTHENTICATED_CHANNEL_DRIVER_HARDWARE,
            &channel);
    ok(hr == (caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_HARDWARE ? S_OK : E_INVALIDARG),
            "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        ID3D11AuthenticatedChannel_Release(channel);

    hr = ID3D11VideoDevice_CreateAuthenticatedChannel(video_device, D3D11_AUTHENTICATED_CHANNEL_D3D11, &channel2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateAuthenticatedChannel(video_device, D3D11_AUTHENTICATED_CHANNEL_DRIVER_SOFTWARE,
            &channel);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(channel, 1);
    check_interface(channel, &IID_ID3D11AuthenticatedChannel, true);
    check_interface(channel, &IID_ID3D11DeviceChild, true);
    check_interface(channel, &IID_ID3D11CryptoSession, false);
    ID3D11AuthenticatedChannel_GetDevice(channel, &device2);
    ok(device2 == device, "Got device %p, expected %p.\n", device2, device);
    ID3D11Device_Release(device2);

    handle = handle2 = NULL;
    ID3D11AuthenticatedChannel_GetChannelHandle(channel, &handle);
    ID3D11AuthenticatedChannel_GetChannelHandle(channel2, &handle2);
    ok(handle && handle2 && handle != handle2, "Got handles %p, %p.\n", handle, handle2);

    /* The device's certificate, as for crypto sessions. */
    hr = ID3D11AuthenticatedChannel_GetCertificateSize(channel, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11AuthenticatedChannel_GetCertificateSize(channel, &size);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    cert = malloc(size);
    hr = ID3D11AuthenticatedChannel_GetCertificate(channel, size - 1, cert);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11AuthenticatedChannel_GetCertificate(channel, size, cert);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11CryptoSession_GetCertificateSize(session, &size2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(size2 == size, "Got size %u, expected %u.\n", size2, size);
    cert2 = malloc(size2);
    hr = ID3D11CryptoSession_GetCertificate(session, size2, cert2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(size == size2 && !memcmp(cert, cert2, size), "Got another certificate.\n");
    free(cert);
    free(cert2);
    ID3D11CryptoSession_Release(session);

    ok(!ID3D11AuthenticatedChannel_Release(channel2), "ID3D11AuthenticatedChannel has references left.\n");
    ok(!ID3D11AuthenticatedChannel_Release(channel), "ID3D11AuthenticatedChannel has references left.\n");
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

static void test_channel_protocol(void)
{
    D3D11_AUTHENTICATED_QUERY_UNRESTRICTED_PROTECTED_SHARED_RESOURCE_COUNT_OUTPUT unrestricted_output;
    D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_COUNT_OUTPUT process_count_output;
    D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_COUNT_OUTPUT guid_count_output;
    D3D11_AUTHENTICATED_QUERY_CURRENT_ACCESSIBILITY_ENCRYPTION_OUTPUT current_guid_output;
    D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_OUTPUT process_output;
    D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_INPUT process_input;
    D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_OUTPUT guid_output;
    D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ENCRYPTION_GUID_INPUT guid_input;
    D3D11_AUTHENTICATED_CONFIGURE_ACCESSIBLE_ENCRYPTION_INPUT encryption_input;
    D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE_INPUT shared_input;
    D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT_OUTPUT output_id_count_output;
    D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT_INPUT output_id_count_input;
    D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE_INPUT initialize_input;
    D3D11_AUTHENTICATED_CONFIGURE_PROTECTION_INPUT protection_input;
    D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_OUTPUT access_output;
    D3D11_AUTHENTICATED_QUERY_PROTECTION_OUTPUT protection_output;
    D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE_OUTPUT device_output;
    D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE_OUTPUT type_output;
    D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_OUTPUT output_id_output;
    D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_INPUT output_id_input;
    D3D11_AUTHENTICATED_CONFIGURE_OUTPUT configure_output;
    D3D11_AUTHENTICATED_QUERY_INPUT input;
    ID3D11VideoDevice *video_device;
    ID3D11CryptoSession *session;
    HANDLE session_handle;
    struct client client;
    ID3D11Device *device;
    UINT sequence;
    BYTE blob[256];
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("No device.\n");
        return;
    }
    video_device = get_video_device(device);
    init_client(&client, device, D3D11_AUTHENTICATED_CHANNEL_DRIVER_SOFTWARE);

    /* Nothing before the key exchange, nothing but INITIALIZE before INITIALIZE. */
    hr = query(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, 0, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    memset(blob, 0, sizeof(blob));
    hr = ID3D11VideoContext_NegotiateAuthenticatedChannelKeyExchange(client.video_context, client.channel,
            sizeof(blob), blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_NegotiateAuthenticatedChannelKeyExchange(client.video_context, client.channel, 128, blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_NegotiateAuthenticatedChannelKeyExchange(client.video_context, NULL, sizeof(blob), blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    exchange_key(&client);
    hr = query(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, 0, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    memset(&protection_input, 0, sizeof(protection_input));
    hr = configure(&client, &D3D11_AUTHENTICATED_CONFIGURE_PROTECTION, 0, &protection_input,
            sizeof(protection_input), false);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* A tampered INITIALIZE is refused. */
    memset(&initialize_input, 0, sizeof(initialize_input));
    hr = configure(&client, &D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE, 0, &initialize_input,
            sizeof(initialize_input), true);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    initialize(&client);

    /* Queries: outputs echo the input and carry a valid OMAC. */
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(type_output.ChannelType == D3D11_AUTHENTICATED_CHANNEL_DRIVER_SOFTWARE, "Got type %#x.\n",
            type_output.ChannelType);
    /* Replayed, then out of order (a later number skips ahead and is fine). */
    hr = query(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, client.query_sequence - 1, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    client.query_sequence += 5;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = query(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, client.query_sequence - 3, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    /* Wrong sizes, an unknown query, another channel's handle. */
    hr = query(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, client.query_sequence, &input, sizeof(input),
            &access_output, sizeof(type_output) + 8);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = query(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, client.query_sequence, &guid_input,
            sizeof(guid_input), &type_output, sizeof(type_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = query(&client, &test_guid, client.query_sequence, &input, sizeof(input), &type_output, sizeof(type_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    input.QueryType = D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE;
    input.hChannel = (HANDLE)0x1234;
    input.SequenceNumber = client.query_sequence;
    hr = ID3D11VideoContext_QueryAuthenticatedChannel(client.video_context, client.channel, sizeof(input), &input,
            sizeof(type_output), &type_output);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_QueryAuthenticatedChannel(client.video_context, client.channel, sizeof(input), &input,
            8, &type_output);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_QueryAuthenticatedChannel(client.video_context, client.channel, 8, &input,
            sizeof(type_output), &type_output);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_QueryAuthenticatedChannel(client.video_context, NULL, sizeof(input), &input,
            sizeof(type_output), &type_output);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE, &input, sizeof(input),
            &device_output, sizeof(device_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!!device_output.DeviceHandle, "Got NULL device handle.\n");
    ok(device_output.DeviceHandle != (HANDLE)device, "Got the device's address.\n");

    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_PROTECTION, &input, sizeof(input),
            &protection_output, sizeof(protection_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!protection_output.ProtectionFlags.Value, "Got flags %#x.\n", protection_output.ProtectionFlags.Value);

    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_ACCESSIBILITY_ATTRIBUTES, &input, sizeof(input),
            &access_output, sizeof(access_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    trace("Bus type %#x, accessible %d, %d.\n", access_output.BusType, access_output.AccessibleInContiguousBlocks,
            access_output.AccessibleInNonContiguousBlocks);

    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_ENCRYPTION_WHEN_ACCESSIBLE_GUID_COUNT, &input, sizeof(input),
            &guid_count_output, sizeof(guid_count_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(guid_count_output.EncryptionGuidCount == 1, "Got %u.\n", guid_count_output.EncryptionGuidCount);
    guid_input.EncryptionGuidIndex = 0;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_ENCRYPTION_WHEN_ACCESSIBLE_GUID, &guid_input,
            sizeof(guid_input), &guid_output, sizeof(guid_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(IsEqualGUID(&guid_output.EncryptionGuid, &D3D11_CRYPTO_TYPE_AES128_CTR), "Got another GUID.\n");
    guid_input.EncryptionGuidIndex = 1;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_ENCRYPTION_WHEN_ACCESSIBLE_GUID, &guid_input,
            sizeof(guid_input), &guid_output, sizeof(guid_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ok(guid_output.EncryptionGuidIndex == 1, "Got index %u.\n", guid_output.EncryptionGuidIndex);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_CURRENT_ENCRYPTION_WHEN_ACCESSIBLE, &input, sizeof(input),
            &current_guid_output, sizeof(current_guid_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(IsEqualGUID(&current_guid_output.EncryptionGuid, &guid_null), "Got another GUID.\n");

    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_UNRESTRICTED_PROTECTED_SHARED_RESOURCE_COUNT, &input,
            sizeof(input), &unrestricted_output, sizeof(unrestricted_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!unrestricted_output.UnrestrictedProtectedSharedResourceCount, "Got %u.\n",
            unrestricted_output.UnrestrictedProtectedSharedResourceCount);

    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11CryptoSession_GetCryptoSessionHandle(session, &session_handle);
    output_id_count_input.DeviceHandle = device_output.DeviceHandle;
    output_id_count_input.CryptoSessionHandle = session_handle;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT, &output_id_count_input,
            sizeof(output_id_count_input), &output_id_count_output, sizeof(output_id_count_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!output_id_count_output.OutputIDCount, "Got %u.\n", output_id_count_output.OutputIDCount);
    ok(output_id_count_output.CryptoSessionHandle == session_handle, "Got %p.\n",
            output_id_count_output.CryptoSessionHandle);
    output_id_count_input.CryptoSessionHandle = (HANDLE)0xdead0000;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_OUTPUT_ID_COUNT, &output_id_count_input,
            sizeof(output_id_count_input), &output_id_count_output, sizeof(output_id_count_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    output_id_input.DeviceHandle = device_output.DeviceHandle;
    output_id_input.CryptoSessionHandle = session_handle;
    output_id_input.OutputIDIndex = 0;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_OUTPUT_ID, &output_id_input,
            sizeof(output_id_input), &output_id_output, sizeof(output_id_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* Configure PROTECTION: tampered, then valid, then replayed. */
    protection_input.Protections.Value = 0;
    protection_input.Protections.Flags.ProtectionEnabled = 1;
    hr = configure(&client, &D3D11_AUTHENTICATED_CONFIGURE_PROTECTION, client.configure_sequence,
            &protection_input, sizeof(protection_input), true);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_PROTECTION, &input, sizeof(input),
            &protection_output, sizeof(protection_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!protection_output.ProtectionFlags.Value, "Got flags %#x.\n", protection_output.ProtectionFlags.Value);
    sequence = client.configure_sequence;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_PROTECTION, &protection_input,
            sizeof(protection_input));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_PROTECTION, &input, sizeof(input),
            &protection_output, sizeof(protection_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(protection_output.ProtectionFlags.Value == 1, "Got flags %#x.\n", protection_output.ProtectionFlags.Value);
    protection_input.Protections.Value = 0;
    hr = configure(&client, &D3D11_AUTHENTICATED_CONFIGURE_PROTECTION, sequence, &protection_input,
            sizeof(protection_input), false);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_PROTECTION, &input, sizeof(input),
            &protection_output, sizeof(protection_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(protection_output.ProtectionFlags.Value == 1, "Got flags %#x.\n", protection_output.ProtectionFlags.Value);
    /* Reserved bits, a wrong size, an unknown command, a NULL output. */
    protection_input.Protections.Value = 4;
    hr = configure(&client, &D3D11_AUTHENTICATED_CONFIGURE_PROTECTION, client.configure_sequence,
            &protection_input, sizeof(protection_input), false);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    memset(&shared_input, 0, sizeof(shared_input));
    hr = configure(&client, &D3D11_AUTHENTICATED_CONFIGURE_PROTECTION, client.configure_sequence,
            &shared_input, sizeof(shared_input), false);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = configure(&client, &test_guid, client.configure_sequence, &protection_input, sizeof(protection_input), false);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_ConfigureAuthenticatedChannel(client.video_context, client.channel,
            sizeof(protection_input), &protection_input, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoContext_ConfigureAuthenticatedChannel(client.video_context, client.channel,
            8, &protection_input, &configure_output);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* SHARED_RESOURCE: the DWM may open restricted resources, then not. */
    memset(&shared_input, 0, sizeof(shared_input));
    shared_input.ProcessType = D3D11_PROCESSIDTYPE_DWM;
    shared_input.AllowAccess = TRUE;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE, &shared_input, sizeof(shared_input));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_COUNT, &input,
            sizeof(input), &process_count_output, sizeof(process_count_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(process_count_output.RestrictedSharedResourceProcessCount == 1, "Got %u.\n",
            process_count_output.RestrictedSharedResourceProcessCount);
    process_input.ProcessIndex = 0;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS, &process_input,
            sizeof(process_input), &process_output, sizeof(process_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(process_output.ProcessIdentifier == D3D11_PROCESSIDTYPE_DWM, "Got %#x.\n", process_output.ProcessIdentifier);
    process_input.ProcessIndex = 1;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS, &process_input,
            sizeof(process_input), &process_output, sizeof(process_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    shared_input.AllowAccess = FALSE;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE, &shared_input, sizeof(shared_input));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_RESTRICTED_SHARED_RESOURCE_PROCESS_COUNT, &input,
            sizeof(input), &process_count_output, sizeof(process_count_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!process_count_output.RestrictedSharedResourceProcessCount, "Got %u.\n",
            process_count_output.RestrictedSharedResourceProcessCount);
    shared_input.ProcessType = D3D11_PROCESSIDTYPE_UNKNOWN;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE, &shared_input, sizeof(shared_input));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* ENCRYPTION_WHEN_ACCESSIBLE. */
    encryption_input.EncryptionGuid = test_guid;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_ENCRYPTION_WHEN_ACCESSIBLE, &encryption_input,
            sizeof(encryption_input));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    encryption_input.EncryptionGuid = D3D11_CRYPTO_TYPE_AES128_CTR;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_ENCRYPTION_WHEN_ACCESSIBLE, &encryption_input,
            sizeof(encryption_input));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_CURRENT_ENCRYPTION_WHEN_ACCESSIBLE, &input, sizeof(input),
            &current_guid_output, sizeof(current_guid_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(IsEqualGUID(&current_guid_output.EncryptionGuid, &D3D11_CRYPTO_TYPE_AES128_CTR), "Got another GUID.\n");

    /* A replayed INITIALIZE cannot rewind the sequence numbers; a fresh one can. */
    initialize_input.StartSequenceQuery = 0;
    initialize_input.StartSequenceConfigure = 0;
    hr = configure(&client, &D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE, 0, &initialize_input,
            sizeof(initialize_input), false);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    initialize_input.StartSequenceQuery = 100;
    initialize_input.StartSequenceConfigure = 200;
    hr = configure(&client, &D3D11_AUTHENTICATED_CONFIGURE_INITIALIZE, client.configure_sequence, &initialize_input,
            sizeof(initialize_input), false);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    client.query_sequence = 100;
    client.configure_sequence = 200;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* A new key ends the conversation until the next INITIALIZE. */
    exchange_key(&client);
    hr = query(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, client.query_sequence, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    initialize(&client);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    ok(!ID3D11CryptoSession_Release(session), "ID3D11CryptoSession has references left.\n");
    release_client(&client);
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

static void test_d3d11_channel(void)
{
    D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION_INPUT session_input;
    D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE_INPUT shared_input;
    D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE_OUTPUT type_output;
    D3D11_AUTHENTICATED_QUERY_INPUT input;
    struct client client;
    ID3D11Device *device;
    BYTE blob[256];
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("No device.\n");
        return;
    }
    init_client(&client, device, D3D11_AUTHENTICATED_CHANNEL_D3D11);

    /* "This method will fail if the channel type is D3D11_AUTHENTICATED_CHANNEL_D3D11." */
    memset(blob, 0, sizeof(blob));
    hr = ID3D11VideoContext_NegotiateAuthenticatedChannelKeyExchange(client.video_context, client.channel,
            sizeof(blob), blob);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* No authentication: no OMAC, but sequence numbers still. */
    initialize(&client);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(type_output.ChannelType == D3D11_AUTHENTICATED_CHANNEL_D3D11, "Got type %#x.\n", type_output.ChannelType);
    hr = query(&client, &D3D11_AUTHENTICATED_QUERY_CHANNEL_TYPE, client.query_sequence - 1, &input, sizeof(input),
            &type_output, sizeof(type_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    memset(&shared_input, 0, sizeof(shared_input));
    shared_input.ProcessType = D3D11_PROCESSIDTYPE_HANDLE;
    shared_input.ProcessHandle = (HANDLE)0x44;
    shared_input.AllowAccess = TRUE;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_SHARED_RESOURCE, &shared_input, sizeof(shared_input));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    /* Binding a crypto session needs an authenticated channel. */
    memset(&session_input, 0, sizeof(session_input));
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, &session_input,
            sizeof(session_input));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    release_client(&client);
    release_device(device);
}

static void test_crypto_session_binding(void)
{
    D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION_INPUT session_input;
    D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION_OUTPUT session_output;
    D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION_INPUT session_query;
    D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE_OUTPUT device_output;
    ID3D11CryptoSession *session, *session2, *session_no_profile;
    HANDLE decoder_handle, session_handle, session2_handle;
    D3D11_VIDEO_DECODER_CONFIG config;
    D3D11_VIDEO_DECODER_DESC desc;
    D3D11_AUTHENTICATED_QUERY_INPUT input;
    ID3D11VideoDevice *video_device;
    ID3D11VideoDecoder *decoder;
    struct client client;
    ID3D11Device *device;
    ULONG refcount;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("No device.\n");
        return;
    }
    video_device = get_video_device(device);
    if (!has_h264(video_device))
    {
        skip("No H.264 decoding.\n");
        ID3D11VideoDevice_Release(video_device);
        release_device(device);
        return;
    }

    memset(&desc, 0, sizeof(desc));
    desc.Guid = D3D11_DECODER_PROFILE_H264_VLD_NOFGT;
    desc.SampleWidth = 128;
    desc.SampleHeight = 64;
    desc.OutputFormat = DXGI_FORMAT_NV12;
    hr = ID3D11VideoDevice_GetVideoDecoderConfig(video_device, &desc, 0, &config);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDevice_CreateVideoDecoder(video_device, &desc, &config, &decoder);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11VideoDecoder_GetDriverHandle(decoder, &decoder_handle);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR,
            &D3D11_DECODER_PROFILE_H264_VLD_NOFGT, &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11CryptoSession_GetCryptoSessionHandle(session, &session_handle);
    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR,
            &D3D11_DECODER_PROFILE_H264_VLD_NOFGT, &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ID3D11CryptoSession_GetCryptoSessionHandle(session2, &session2_handle);
    hr = ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &session_no_profile);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* gpu-based-content-protection.md §4-5: the device handle, then the association. */
    init_client(&client, device, D3D11_AUTHENTICATED_CHANNEL_DRIVER_SOFTWARE);
    exchange_key(&client);
    initialize(&client);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_DEVICE_HANDLE, &input, sizeof(input),
            &device_output, sizeof(device_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    session_query.DecoderHandle = decoder_handle;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION, &session_query, sizeof(session_query),
            &session_output, sizeof(session_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(session_output.DecoderHandle == decoder_handle, "Got %p.\n", session_output.DecoderHandle);
    ok(!session_output.CryptoSessionHandle, "Got %p.\n", session_output.CryptoSessionHandle);
    ok(session_output.DeviceHandle == device_output.DeviceHandle, "Got %p.\n", session_output.DeviceHandle);

    memset(&session_input, 0, sizeof(session_input));
    session_input.DecoderHandle = decoder_handle;
    session_input.CryptoSessionHandle = session_handle;
    session_input.DeviceHandle = device_output.DeviceHandle;
    /* Tampered: refused, nothing bound. */
    hr = configure(&client, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, client.configure_sequence,
            &session_input, sizeof(session_input), true);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    check_refcount(session, 1);
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, &session_input,
            sizeof(session_input));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(session, 2);
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION, &session_query, sizeof(session_query),
            &session_output, sizeof(session_output));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(session_output.CryptoSessionHandle == session_handle, "Got %p.\n", session_output.CryptoSessionHandle);

    /* Wrong handles, a session without the decoder's profile. */
    session_input.CryptoSessionHandle = (HANDLE)0x12345678;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, &session_input,
            sizeof(session_input));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11CryptoSession_GetCryptoSessionHandle(session_no_profile, &session_input.CryptoSessionHandle);
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, &session_input,
            sizeof(session_input));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    session_input.CryptoSessionHandle = session2_handle;
    session_input.DeviceHandle = (HANDLE)((uintptr_t)device_output.DeviceHandle + 4);
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, &session_input,
            sizeof(session_input));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    session_input.DeviceHandle = device_output.DeviceHandle;
    session_input.DecoderHandle = NULL;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, &session_input,
            sizeof(session_input));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    /* Handles mixed up. */
    session_input.DecoderHandle = session2_handle;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, &session_input,
            sizeof(session_input));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    session_input.DecoderHandle = device_output.DeviceHandle;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, &session_input,
            sizeof(session_input));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    session_query.DecoderHandle = client.handle;
    hr = query_next(&client, &D3D11_AUTHENTICATED_QUERY_CRYPTO_SESSION, &session_query, sizeof(session_query),
            &session_output, sizeof(session_output));
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    session_query.DecoderHandle = decoder_handle;
    check_refcount(session, 2);
    check_refcount(session2, 1);

    /* Rebinding moves the reference. */
    session_input.DecoderHandle = decoder_handle;
    hr = configure_next(&client, &D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION, &session_input,
            sizeof(session_input));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(session, 1);
    check_refcount(session2, 2);

    release_client(&client);
    ok(!ID3D11CryptoSession_Release(session), "ID3D11CryptoSession has references left.\n");
    ok(!ID3D11CryptoSession_Release(session_no_profile), "ID3D11CryptoSession has references left.\n");
    /* The decoder holds its session until it goes. */
    ok(!ID3D11VideoDecoder_Release(decoder), "ID3D11VideoDecoder has references left.\n");
    refcount = get_refcount(session2);
    todo_if(refcount == 2)
    ok(refcount == 1, "Got refcount %u, expected 1.\n", refcount);
    /* The decoder did not release its session: release it here, or the device leaks. */
    if (refcount == 2)
        ID3D11CryptoSession_Release(session2);
    refcount = ID3D11CryptoSession_Release(session2);
    ok(!refcount, "ID3D11CryptoSession has %u references left.\n", refcount);
    ID3D11VideoDevice_Release(video_device);
    release_device(device);
}

START_TEST(channel)
{
    run_test(test_cmac_vectors);

    require_device_or_skip_all();

    run_test(test_create_channel);
    run_test(test_channel_protocol);
    run_test(test_d3d11_channel);
    run_test(test_crypto_session_binding);
}
