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

/* The protected reader of vkdva-decode-protected-test, the build of vkdva-decode that checks
 * hardware content protection (tests/protected_layer/meson.build), and of the internal test
 * vkdva_protected.c: there is no EncryptionBlt
 * in hardware mode, so where the protected memory is emulated by VK_LAYER_VKDVA_protected_memory
 * (ordinary memory underneath), this copies a protected surface's at-rest ciphertext out with an
 * unprotected command buffer, the layer's checks suspended meanwhile, and decrypts it with the
 * key the DRM client computed. A real protected implementation forbids the copy: it is only
 * possible, and only compiled, here. The MD5 of what it reads then proves the protected decode
 * bit-exact, and the at-rest encryption and refreshes right. */

#include <dlfcn.h>
#include <openssl/evp.h>
#include "vkdva_private.h"
#include "readback.h"

static void (*suspend_checks)(int suspend);
static uint8_t *plaintext;
static size_t plaintext_size;

static bool ctr_decrypt(const uint8_t key[16], uint64_t nonce, const uint8_t *in, uint8_t *out, size_t size)
{
    uint8_t iv[16] = {0};
    EVP_CIPHER_CTX *ctx;
    unsigned int i;
    int len, ok;

    for (i = 0; i < 8; ++i)
        iv[i] = nonce >> (56 - 8 * i);
    if (!(ctx = EVP_CIPHER_CTX_new()))
        return false;
    ok = EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), NULL, key, iv) == 1
            && EVP_EncryptUpdate(ctx, out, &len, in, (int)size) == 1;
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

/* Reads size bytes at offset of a protected buffer into a host buffer (device lock held). */
static HRESULT read_buffer(struct d3d11_device *device, VkBuffer vk_src, VkDeviceSize offset, VkDeviceSize size,
        uint8_t *out)
{
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    struct vkdva_command_stream stream;
    VkDeviceMemory vk_memory;
    VkCommandBuffer vk_cmd;
    VkBuffer vk_buffer;
    uint8_t *mapped;
    HRESULT hr;

    VkBufferCopy region = {.srcOffset = offset, .size = size};

    if (FAILED(hr = vkdva_device_create_buffer(device, size, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0, &vk_buffer, &vk_memory,
            (void **)&mapped)))
        return hr;
    if (SUCCEEDED(hr = vkdva_command_stream_init(&stream, device, &device->compute_queue)))
    {
        suspend_checks(1);
        if (SUCCEEDED(hr = vkdva_command_stream_get(&stream, &vk_cmd)))
        {
            VK_CALL(vkCmdCopyBuffer(vk_cmd, vk_src, vk_buffer, 1, &region));
            vkdva_cmd_memory_barrier(device, vk_cmd);
            hr = vkdva_command_stream_wait(&stream, stream.next_value, true);
        }
        vkdva_command_stream_destroy(&stream);
        suspend_checks(0);
    }
    if (SUCCEEDED(hr))
        memcpy(out, mapped, size);
    vkdva_device_destroy_buffer(device, vk_buffer, vk_memory);
    return hr;
}

HRESULT test_protected_read(struct drm_client *client, ID3D11Texture2D *iface, ID3D11Texture2D *staging,
        unsigned int sub, const uint8_t **data, UINT *row_pitch)
{
    struct d3d11_texture2d *texture = unsafe_impl_from_ID3D11Texture2D(iface);
    struct d3d11_crypto_session *session, *expected;
    struct d3d11_device *device = texture->device;
    VkDeviceSize offset, size;
    uint8_t key[16];
    VkBuffer vk_buffer;
    uint64_t nonce;
    HRESULT hr;

    if (!suspend_checks && !(suspend_checks = dlsym(RTLD_DEFAULT, "vkdva_protected_layer_suspend_checks")))
    {
        /* The loader opens layers with RTLD_LOCAL: open the one already loaded by its path. */
        const char *path = getenv("VKDVA_TEST_PROTECTED_LAYER_LIBRARY");
        void *layer = path ? dlopen(path, RTLD_NOW | RTLD_NOLOAD) : NULL;

        if (!layer || !(suspend_checks = dlsym(layer, "vkdva_protected_layer_suspend_checks")))
        {
            fprintf(stderr, "The protected-memory emulation layer is not loaded (%s).\n", path ? path : "no path");
            return E_FAIL;
        }
    }
    if (!device->caps.protected_memory)
    {
        fprintf(stderr, "The device is not in hardware content-protection mode.\n");
        return E_FAIL;
    }
    expected = unsafe_impl_from_ID3D11CryptoSession(drm_client_session(client, key));

    vkdva_device_lock(device);
    /* A software decode may still have to write it (as for EncryptionBlt, protect.c). */
    vkdva_sw_decode_sync_texture(texture, ~0u);
    if (FAILED(hr = vkdva_protect_get_storage(texture, sub, &vk_buffer, &offset, &size, &nonce, &session)))
        goto done;
    if (session && session != expected)
    {
        fprintf(stderr, "Subresource %u is under another crypto session.\n", sub);
        hr = E_FAIL;
        goto done;
    }
    /* Everything recorded on the surface has run. */
    if (texture->last_use.stream && FAILED(hr = vkdva_command_stream_wait(texture->last_use.stream,
            texture->last_use.value, true)))
        goto done;
    if (plaintext_size < size)
    {
        free(plaintext);
        plaintext_size = 0;
        if (!(plaintext = malloc(size)))
        {
            hr = E_OUTOFMEMORY;
            goto done;
        }
        plaintext_size = size;
    }
    if (FAILED(hr = read_buffer(device, vk_buffer, offset, size, plaintext)))
        goto done;
    /* Without a session the surface holds black, in the clear. */
    if (session && !ctr_decrypt(key, nonce, plaintext, plaintext, size))
        hr = E_FAIL;
    *data = plaintext;
    *row_pitch = texture->layouts[sub].row_pitch;

done:
    vkdva_device_unlock(device);
    memset(key, 0, sizeof(key));
    return hr;
}
