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

/* libFuzzer target: hostile DecryptionBlt and EncryptionBlt arguments. The fuzzer chooses the
 * D3D11_ENCRYPTED_BLOCK_INFO (aligned, unaligned, near UINT_MAX), the content key (none, wrapped
 * with the session key, garbage, a wrong size, a size without a key), the IV (increasing as
 * DecryptionBlt asks, replayed, near UINT64_MAX, a wrong size, none), the crypto session (with
 * a negotiated key, without one, none), the source and destination among protected surfaces of
 * several formats and sizes (NV12, P010, sizes that are not multiples of 16, array slices),
 * their staging twins, an unprotected texture and staging textures that do not match, the
 * ciphertext put into the staging textures, mapped or not, and session-key refreshes in
 * between. The crypto session is negotiated as a DRM client does (the one of vkdva-decode
 * --protected).
 *
 * On a device without protectedMemory (lavapipe) this is vkdva's software mode; with the
 * protected-memory emulation layer (tests/protected_layer) enabled in the environment, the
 * same inputs go through hardware mode, where EncryptionBlt is refused.
 *
 * The input is a list of operations, each an opcode byte and its arguments (see the switch in
 * LLVMFuzzerTestOneInput); missing bytes read as zero. Every input ends with the GPU idle.
 * Nothing may crash, hang, read or write out of bounds or leak. */

#include <initguid.h>
#define COBJMACROS
#include <vkdva.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../programs/vkdva-decode/protected.h"
#include "fuzz_reader.h"

#ifndef ARRAY_SIZE
# define ARRAY_SIZE(x) (sizeof(x) / sizeof(*(x)))
#endif

#define MAX_OPS 32

static ID3D11Device *device;
static ID3D11DeviceContext *context;
static ID3D11VideoContext *video_context;
static struct drm_client *client;
/* A session whose key exchange never happened. */
static ID3D11CryptoSession *keyless_session;

/* Protected surfaces and, at the same index, a staging texture of the same description. */
static const struct
{
    DXGI_FORMAT format;
    UINT width, height, array_size;
}
surface_descs[] =
{
    {DXGI_FORMAT_NV12, 64, 64, 2},
    {DXGI_FORMAT_P010, 32, 16, 1},
    {DXGI_FORMAT_NV12, 18, 10, 1},
    {DXGI_FORMAT_NV12, 130, 2, 1},
    {DXGI_FORMAT_P010, 34, 6, 3},
    {DXGI_FORMAT_YUY2, 16, 8, 1},
};
static ID3D11Texture2D *surfaces[ARRAY_SIZE(surface_descs)];
static ID3D11Texture2D *stagings[ARRAY_SIZE(surface_descs)];
/* Where checked_blt() reads a surface back (not offered to the other operations). */
static ID3D11Texture2D *readbacks[ARRAY_SIZE(surface_descs)];
static bool can_read_back;
/* Every texture above, then an unprotected NV12 texture and staging textures matching no
 * surface: what an operation may pick as a source or destination. */
static ID3D11Texture2D *textures[2 * ARRAY_SIZE(surface_descs) + 4];
static unsigned int texture_count;
static bool mapped[ARRAY_SIZE(textures)][4];
static ID3D11Query *event;
/* DecryptionBlt IVs must increase per (session, key): the next unused one. */
static uint64_t next_iv = 1;

static bool verbose;
/* Warnings vkdva gave (VKDVA_DEBUG=warn unless set otherwise): checked_blt() expects none. */
static unsigned int warnings;
static char last_warning[512];

static void count_warnings(void *context, enum vkdva_log_level level, const char *message)
{
    if (level != VKDVA_LOG_LEVEL_NONE && level <= VKDVA_LOG_LEVEL_WARN)
    {
        ++warnings;
        snprintf(last_warning, sizeof(last_warning), "%s", message);
    }
    if (verbose)
        fputs(message, stderr);
}

static ID3D11Texture2D *create_texture(DXGI_FORMAT format, UINT width, UINT height, UINT array_size,
        D3D11_USAGE usage, UINT misc_flags)
{
    D3D11_TEXTURE2D_DESC desc =
    {
        .Width = width,
        .Height = height,
        .MipLevels = 1,
        .ArraySize = array_size,
        .Format = format,
        .SampleDesc = {1, 0},
        .Usage = usage,
        .CPUAccessFlags = usage == D3D11_USAGE_STAGING ? D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE : 0,
        .MiscFlags = misc_flags,
    };
    ID3D11Texture2D *texture = NULL;

    /* A format or size the device refuses is simply not part of the run. */
    if (FAILED(ID3D11Device_CreateTexture2D(device, &desc, NULL, &texture)))
        return NULL;
    textures[texture_count++] = texture;
    return texture;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    D3D11_QUERY_DESC query_desc = {D3D11_QUERY_EVENT, 0};
    D3D11_VIDEO_CONTENT_PROTECTION_CAPS caps;
    ID3D11VideoDevice *video_device;
    unsigned int i;

    /* VKDVA_FUZZ_LOG=1 prints vkdva's log, to see where an input goes. */
    verbose = !!getenv("VKDVA_FUZZ_LOG");
    setenv("VKDVA_DEBUG", "warn", 0);
    vkdva_set_log_callback(count_warnings, NULL);
    if (FAILED(vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
        abort();
    ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ID3D11Device_GetImmediateContext(device, &context);
    ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);
    if (FAILED(ID3D11Device_CreateQuery(device, &query_desc, &event)))
        abort();

    /* Refreshed whenever an input asks (drm_client_picture_done). */
    if (FAILED(drm_client_create(device, &D3D11_DECODER_PROFILE_H264_VLD_NOFGT, 1, &client)))
        abort();
    if (FAILED(ID3D11VideoDevice_CreateCryptoSession(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &D3D11_KEY_EXCHANGE_RSAES_OAEP, &keyless_session)))
        abort();
    if (SUCCEEDED(ID3D11VideoDevice_GetContentProtectionCaps(video_device, &D3D11_CRYPTO_TYPE_AES128_CTR, NULL,
            &caps)))
        can_read_back = !!(caps.Caps & D3D11_CONTENT_PROTECTION_CAPS_ENCRYPTED_READ_BACK);
    ID3D11VideoDevice_Release(video_device);

    for (i = 0; i < ARRAY_SIZE(surface_descs); ++i)
    {
        surfaces[i] = create_texture(surface_descs[i].format, surface_descs[i].width, surface_descs[i].height,
                surface_descs[i].array_size, D3D11_USAGE_DEFAULT, D3D11_RESOURCE_MISC_HW_PROTECTED);
        stagings[i] = create_texture(surface_descs[i].format, surface_descs[i].width, surface_descs[i].height,
                surface_descs[i].array_size, D3D11_USAGE_STAGING, 0);
    }
    if (!surfaces[0] || !stagings[0])
        abort();
    for (i = 0; i < ARRAY_SIZE(surface_descs); ++i)
    {
        if (surfaces[i] && (readbacks[i] = create_texture(surface_descs[i].format, surface_descs[i].width,
                surface_descs[i].height, surface_descs[i].array_size, D3D11_USAGE_STAGING, 0)))
            --texture_count;
    }
    create_texture(DXGI_FORMAT_NV12, 64, 64, 2, D3D11_USAGE_DEFAULT, 0);
    create_texture(DXGI_FORMAT_NV12, 64, 64, 1, D3D11_USAGE_STAGING, 0);
    create_texture(DXGI_FORMAT_P010, 64, 64, 2, D3D11_USAGE_STAGING, 0);
    create_texture(DXGI_FORMAT_NV12, 32, 32, 2, D3D11_USAGE_STAGING, 0);
    return 0;
}

/* A UINT field: the expected value, or one near it, near zero, near UINT_MAX, a multiple of
 * the AES block size or anything. */
static uint32_t read_value(struct reader *r, uint32_t expected)
{
    uint8_t mode = read_u8(r), small = read_u8(r);

    switch (mode & 7)
    {
        case 0: return expected;
        case 1: return small;
        case 2: return expected + small;
        case 3: return UINT32_MAX - small;
        case 4: return 0x80000000u + small;
        case 5: case 6: return small * 16u;
        default: return read_u32(r);
    }
}

static void store_be64(uint8_t *p, uint64_t value)
{
    unsigned int i;

    for (i = 0; i < 8; ++i)
        p[i] = value >> (56 - 8 * i);
}

static void ecb_encrypt(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
    EVP_CIPHER_CTX *ctx;
    int len;

    if (!(ctx = EVP_CIPHER_CTX_new()))
        abort();
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    EVP_EncryptUpdate(ctx, out, &len, in, 16);
    EVP_CIPHER_CTX_free(ctx);
}

static ID3D11CryptoSession *read_session(struct reader *r)
{
    uint8_t key[16];

    switch (read_u8(r) % 8)
    {
        case 0: return keyless_session;
        case 1: return NULL;
        default: return drm_client_session(client, key);
    }
}

/* The pair of a blt: mostly a surface and its staging twin (in the order the call wants, or
 * swapped), sometimes any two textures or none. */
static void read_pair(struct reader *r, bool staging_first, ID3D11Texture2D **src, ID3D11Texture2D **dst)
{
    uint8_t choice = read_u8(r), other = read_u8(r);
    unsigned int i = choice % ARRAY_SIZE(surface_descs);

    *src = staging_first ? stagings[i] : surfaces[i];
    *dst = staging_first ? surfaces[i] : stagings[i];
    switch (choice >> 5)
    {
        case 0: case 1: case 2: case 3:
            break;
        case 4:
            *src = textures[other % texture_count];
            break;
        case 5:
            *dst = textures[other % texture_count];
            break;
        case 6:
            *src = textures[other % texture_count];
            *dst = textures[(other >> 4) % texture_count];
            break;
        default:
            if (other & 1)
                *src = NULL;
            else
                *dst = NULL;
            break;
    }
}

static void decryption_blt(struct reader *r)
{
    uint8_t session_key[16], key[32] = {0}, plain[16], iv[32] = {0};
    D3D11_ENCRYPTED_BLOCK_INFO block_info;
    ID3D11Texture2D *src, *dst;
    ID3D11CryptoSession *session;
    UINT key_size = 0, iv_size = 16;
    const void *key_ptr = NULL;
    uint8_t flags;
    void *iv_ptr = iv;

    session = read_session(r);
    read_pair(r, true, &src, &dst);
    flags = read_u8(r);
    if (flags & 1)
    {
        block_info.NumEncryptedBytesAtBeginning = read_value(r, 16);
        block_info.NumBytesInSkipPattern = read_value(r, 144);
        block_info.NumBytesInEncryptPattern = read_value(r, 16);
    }
    drm_client_session(client, session_key);
    switch ((flags >> 1) % 6)
    {
        case 0: /* The session key. */
            break;
        case 1: /* A content key wrapped with the session key. */
            read_bytes(r, plain, sizeof(plain));
            ecb_encrypt(session_key, plain, key);
            key_ptr = key;
            key_size = 16;
            break;
        case 2: /* Anything; vkdva unwraps it into some key. */
            read_bytes(r, key, 16);
            key_ptr = key;
            key_size = 16;
            break;
        case 3: /* A wrong size. */
            read_bytes(r, key, 16);
            key_ptr = key;
            key_size = read_u8(r) % sizeof(key);
            break;
        case 4: /* A size without a key. */
            key_size = 16;
            break;
        default: /* A key without a size. */
            key_ptr = key;
            break;
    }
    switch ((flags >> 4) & 3)
    {
        case 0: /* Increasing, as asked, with any block count. */
            store_be64(iv, next_iv);
            store_be64(iv + 8, read_value(r, 0));
            next_iv += 3 + (read_u8(r) & 7);
            break;
        case 1: /* Anything (mostly a replay or a decrease). */
            read_bytes(r, iv, 16);
            break;
        case 2: /* At the end of the IV space, and the block count about to wrap. */
            store_be64(iv, UINT64_MAX - (read_u8(r) & 7));
            store_be64(iv + 8, UINT64_MAX - read_u8(r));
            break;
        default: /* A wrong size, or none. */
            iv_size = read_u8(r) % sizeof(iv);
            if (iv_size & 1)
                iv_ptr = NULL;
            break;
    }
    ID3D11VideoContext_DecryptionBlt(video_context, session, src, dst, (flags & 1) ? &block_info : NULL,
            key_size, key_ptr, iv_size, iv_ptr);
}

static void encryption_blt(struct reader *r)
{
    ID3D11CryptoSession *session;
    ID3D11Texture2D *src, *dst;
    uint8_t iv[32], flags;
    UINT iv_size = 16;

    session = read_session(r);
    read_pair(r, false, &src, &dst);
    flags = read_u8(r);
    if (flags & 1)
        iv_size = read_u8(r) % sizeof(iv);
    ID3D11VideoContext_EncryptionBlt(video_context, session, src, dst, iv_size, (flags & 2) ? NULL : iv);
}

/* Ciphertext into a staging texture: a byte pattern from the input; the subresource may stay
 * mapped, which the next blt must refuse. */
static void write_staging(struct reader *r)
{
    unsigned int index = read_u8(r) % texture_count, sub = read_u8(r);
    D3D11_MAPPED_SUBRESOURCE map;
    uint8_t flags = read_u8(r);
    uint8_t seed[8];
    size_t size, i;

    sub %= 4;
    read_bytes(r, seed, sizeof(seed));
    if (mapped[index][sub] || FAILED(ID3D11DeviceContext_Map(context, (ID3D11Resource *)textures[index], sub,
            D3D11_MAP_WRITE, 0, &map)))
        return;
    size = map.DepthPitch;
    for (i = 0; i < size; ++i)
        ((uint8_t *)map.pData)[i] = seed[i % 8] + i / 8;
    if (flags & 1)
        mapped[index][sub] = true;
    else
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)textures[index], sub);
}

/* Byte offset of a subresource encrypted under D3D11_ENCRYPTED_BLOCK_INFO, by the rule of
 * docs/CONTENT-PROTECTION.md: NumEncryptedBytesAtBeginning encrypted bytes, then skip and
 * encrypt runs alternating; a zero encrypt count leaves the rest clear, a zero skip count with
 * a non-zero encrypt count leaves it encrypted. */
static bool is_encrypted(uint64_t offset, const D3D11_ENCRYPTED_BLOCK_INFO *pattern)
{
    uint64_t period;

    if (!pattern || offset < pattern->NumEncryptedBytesAtBeginning)
        return true;
    if (!pattern->NumBytesInEncryptPattern)
        return false;
    if (!pattern->NumBytesInSkipPattern)
        return true;
    period = (uint64_t)pattern->NumBytesInSkipPattern + pattern->NumBytesInEncryptPattern;
    return (offset - pattern->NumEncryptedBytesAtBeginning) % period >= pattern->NumBytesInSkipPattern;
}

/* AES-128-CTR of the encrypted bytes of data in place: the e-th of them with byte e % 16 of
 * AES_K(BE64(iv) || BE64(count + e / 16)), the counter wrapping modulo 2^64. */
static void ctr_crypt(const uint8_t key[16], uint64_t iv, uint64_t count, const D3D11_ENCRYPTED_BLOCK_INFO *pattern,
        uint8_t *data, size_t size)
{
    uint8_t counter[16], keystream[16];
    EVP_CIPHER_CTX *ctx;
    uint64_t e = 0;
    size_t offset;
    int len;

    if (!(ctx = EVP_CIPHER_CTX_new()))
        abort();
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    store_be64(counter, iv);
    for (offset = 0; offset < size; ++offset)
    {
        if (!is_encrypted(offset, pattern))
            continue;
        if (!(e % 16))
        {
            store_be64(counter + 8, count + e / 16);
            EVP_EncryptUpdate(ctx, keystream, &len, counter, sizeof(counter));
        }
        data[offset] ^= keystream[e++ % 16];
    }
    EVP_CIPHER_CTX_free(ctx);
}

static uint64_t load_be64(const uint8_t *p)
{
    uint64_t value = 0;
    unsigned int i;

    for (i = 0; i < 8; ++i)
        value = (value << 8) | p[i];
    return value;
}

/* A DecryptionBlt that must succeed, checked end to end: ciphertext into a surface's staging
 * twin under a fresh content key, a fuzzed aligned pattern and block count, then EncryptionBlt
 * into another staging texture; what comes back, decrypted with the session key, must be the
 * plaintext the target expects, byte for byte (padding included: the at-rest layout is the
 * Map layout). Software mode only (EncryptionBlt). */
static void checked_blt(struct reader *r)
{
    static uint64_t key_counter;
    unsigned int index = read_u8(r) % ARRAY_SIZE(surface_descs), sub, count;
    uint8_t session_key[16], content_key[16], wrapped[16], iv[16], seed[8];
    uint8_t *expected[4] = {0};
    D3D11_ENCRYPTED_BLOCK_INFO block_info;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11CryptoSession *session;
    uint8_t flags = read_u8(r);
    uint64_t first_iv, first_count;
    unsigned int warnings_before;
    size_t sizes[4], i;

    if (!can_read_back || !surfaces[index] || !stagings[index] || !readbacks[index])
        return;
    count = surface_descs[index].array_size;
    session = drm_client_session(client, session_key);
    /* A key no earlier DecryptionBlt used, so that any IV is new for it: 8 bytes from the
     * input, then a counter. */
    read_bytes(r, content_key, 8);
    store_be64(content_key + 8, ++key_counter);
    ecb_encrypt(session_key, content_key, wrapped);
    block_info.NumEncryptedBytesAtBeginning = read_value(r, 16) & ~15u;
    block_info.NumBytesInSkipPattern = read_value(r, 144) & ~15u;
    block_info.NumBytesInEncryptPattern = read_value(r, 16) & ~15u;
    first_iv = flags & 2 ? read_u64(r) : next_iv;
    if (first_iv > UINT64_MAX - count)
        first_iv = UINT64_MAX - count;
    first_count = flags & 4 ? UINT64_MAX - read_u8(r) : read_value(r, 0);
    read_bytes(r, seed, sizeof(seed));

    for (sub = 0; sub < count; ++sub)
    {
        if (FAILED(ID3D11DeviceContext_Map(context, (ID3D11Resource *)stagings[index], sub, D3D11_MAP_WRITE, 0,
                &map)))
            goto done;
        sizes[sub] = map.DepthPitch;
        if (!(expected[sub] = malloc(sizes[sub])))
            abort();
        for (i = 0; i < sizes[sub]; ++i)
            expected[sub][i] = ((uint8_t *)map.pData)[i] = seed[i % 8] ^ (i * 131 + sub) >> 3;
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)stagings[index], sub);
        ctr_crypt(content_key, first_iv + sub, first_count, (flags & 1) ? &block_info : NULL, expected[sub],
                sizes[sub]);
    }
    store_be64(iv, first_iv);
    store_be64(iv + 8, first_count);
    warnings_before = warnings;
    ID3D11VideoContext_DecryptionBlt(video_context, session, stagings[index], surfaces[index],
            (flags & 1) ? &block_info : NULL, sizeof(wrapped), wrapped, sizeof(iv), iv);

    memset(iv, 0, sizeof(iv));
    ID3D11VideoContext_EncryptionBlt(video_context, session, surfaces[index], readbacks[index], sizeof(iv), iv);
    if (warnings != warnings_before)
    {
        fprintf(stderr, "A valid DecryptionBlt or EncryptionBlt of surface %u was refused: %s", index,
                last_warning);
        abort();
    }
    first_iv = load_be64(iv);
    for (sub = 0; sub < count; ++sub)
    {
        if (FAILED(ID3D11DeviceContext_Map(context, (ID3D11Resource *)readbacks[index], sub, D3D11_MAP_READ, 0,
                &map)))
            abort();
        if (map.DepthPitch != sizes[sub])
            abort();
        ctr_crypt(session_key, first_iv + sub, 0, NULL, map.pData, sizes[sub]);
        for (i = 0; i < sizes[sub]; ++i)
        {
            if (((uint8_t *)map.pData)[i] != expected[sub][i])
            {
                fprintf(stderr, "Surface %u, subresource %u, byte %zu of %zu: got %#x, expected %#x.\n", index, sub,
                        i, sizes[sub], ((uint8_t *)map.pData)[i], expected[sub][i]);
                abort();
            }
        }
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)readbacks[index], sub);
    }
    if (verbose)
        fprintf(stderr, "Checked surface %u: %u subresources of %zu bytes.\n", index, count, sizes[0]);

done:
    for (sub = 0; sub < ARRAY_SIZE(expected); ++sub)
        free(expected[sub]);
}

/* The GPU finishes everything recorded so far; retired work is freed. */
static void wait_idle(void)
{
    unsigned int tries;

    ID3D11DeviceContext_End(context, (ID3D11Asynchronous *)event);
    for (tries = 0; tries < 100000; ++tries)
    {
        if (ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)event, NULL, 0, 0) != S_FALSE)
            break;
        usleep(50);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct reader r = {data, size};
    unsigned int i, sub;

    for (i = 0; i < MAX_OPS && r.size; ++i)
    {
        switch (read_u8(&r) % 8)
        {
            case 0: case 1:
                decryption_blt(&r);
                break;
            case 2:
                checked_blt(&r);
                break;
            case 3:
                encryption_blt(&r);
                break;
            case 4:
                write_staging(&r);
                break;
            case 5:
                ID3D11DeviceContext_Flush(context);
                break;
            case 6:
                /* StartSessionKeyRefresh and FinishSessionKeyRefresh: live surfaces are
                 * re-encrypted under the new key. */
                drm_client_picture_done(client);
                break;
            case 7:
                /* A refresh of the session without a key, and IVs from anywhere. */
                if (read_u8(&r) & 1)
                    ID3D11VideoContext_FinishSessionKeyRefresh(video_context, keyless_session);
                else
                    next_iv = read_u64(&r) >> (read_u8(&r) & 63);
                if (!next_iv)
                    next_iv = 1;
                break;
        }
    }

    for (i = 0; i < texture_count; ++i)
    {
        for (sub = 0; sub < 4; ++sub)
        {
            if (mapped[i][sub])
                ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)textures[i], sub);
            mapped[i][sub] = false;
        }
    }
    wait_idle();
    return 0;
}
