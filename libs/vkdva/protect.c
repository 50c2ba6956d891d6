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

/* The protected context (DESIGN decision 4): protected surfaces encrypted at rest with
 * AES-128-CTR on the GPU, EncryptionBlt, DecryptionBlt and the re-encryption of live surfaces
 * on session-key refresh.
 *
 * A protected texture keeps no image. Its storage is one device-local buffer laid out exactly
 * as a staging texture of the same description is mapped (texture->layouts: RowPitch bytes per
 * row, planes one after another, subresources at their Map offsets), holding ciphertext: byte
 * i of subresource s is encrypted with keystream block AES_K(BE64(nonce[s]) || BE64(i / 16)),
 * K the current key of the session that last wrote the subresource, nonce[s] a fresh
 * per-session value taken at that write. Since the at-rest layout is the layout that crosses
 * the API, EncryptionBlt, DecryptionBlt and the refresh re-encryption are each one linear
 * buffer transform (vkdva_cmd_aes_ctr), and no pass ever writes plaintext to memory an
 * application can map. The only plaintext is inside vkdva's private buffers (the decode
 * scratch below, the software decoder's upload buffer), which no API call exposes.
 *
 * Every pass is recorded on the immediate context's command stream (the compute queue), which
 * orders each operation after all earlier ones with a full barrier; decode output copies are
 * recorded there too, so a refresh is ordered after every decode submitted before it and before
 * every later one, whatever is still in flight.
 *
 * Hardware mode (the device has protectedMemory): the ciphertext buffers are protected
 * buffers, and every pass that touches them is recorded on a protected command stream of the
 * compute family, submitted at the end of each operation and ordered against the immediate
 * context's stream with timeline waits both ways. Protected command buffers may read ordinary
 * memory (a staging texture, an upload buffer) but never write it, so EncryptionBlt is not
 * available there (no ENCRYPTED_READ_BACK). Vulkan Video output is copied out of the
 * protected DPB of a protected video session on that same protected stream (decoder_vk.c). */

#include "decoder.h"
#include "video_methods.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>

#define VKDVA_AES_BLOCK_SIZE 16u
/* DecryptionBlt IV records kept per (session, key) for the strictly-increasing check. */
#define VKDVA_MAX_IV_RECORDS 256u

struct vkdva_protected_subresource
{
    /* The session whose current key encrypts the subresource, or NULL when the storage holds
     * black (never content: a new surface, or one whose session was destroyed). */
    struct d3d11_crypto_session *session;
    uint64_t nonce;
};

struct vkdva_protected_texture
{
    struct d3d11_texture2d *texture;
    /* Entry in d3d11_device.protected_textures. */
    struct vkdva_list entry;
    VkBuffer vk_buffer;
    VkDeviceMemory vk_memory;
    struct vkdva_protected_subresource *subresources;
};

struct vkdva_iv_record
{
    struct d3d11_crypto_session *session;
    uint8_t key[VKDVA_AES_KEY_SIZE];
    /* The smallest IV the next DecryptionBlt under this key may use. */
    uint64_t next_iv;
    uint64_t last_used;
};

struct vkdva_protect_state
{
    /* Private plaintext scratch for Vulkan Video output: the decoded picture in Map layout,
     * encrypted from there into the surface. Never mapped, never reachable by the API. */
    VkBuffer vk_scratch;
    VkDeviceMemory vk_scratch_memory;
    VkDeviceSize scratch_size;

    struct vkdva_iv_record iv_records[VKDVA_MAX_IV_RECORDS];
    unsigned int iv_record_count;
    uint64_t iv_clock;

    /* Hardware mode: the protected command stream, created on first use. */
    struct vkdva_command_stream stream;
    bool has_stream;
};

/* Where one operation on protected surfaces is recorded. */
struct vkdva_protect_pass
{
    struct vkdva_command_stream *stream;
    VkCommandBuffer vk_cmd;
};

bool vkdva_texture_is_protected(const struct d3d11_texture2d *texture)
{
    return texture->protected || (texture->desc.MiscFlags & D3D11_RESOURCE_MISC_HW_PROTECTED);
}

static struct vkdva_protect_state *vkdva_protect_get_state(struct d3d11_device *device)
{
    if (!device->protect)
        device->protect = vkdva_calloc(1, sizeof(*device->protect));
    return device->protect;
}

static bool vkdva_protect_hardware(const struct d3d11_device *device)
{
    /* The mode GetContentProtectionCaps reports (crypto.c). */
    return device->caps.protected_memory;
}

/* Starts recording an operation (device lock held): on the immediate context's stream, or in
 * hardware mode on the protected stream, after everything the context already recorded. */
static HRESULT vkdva_protect_begin_pass(struct d3d11_device *device, struct vkdva_protect_pass *pass)
{
    struct vkdva_command_stream *context_stream = &device->immediate_context.stream;
    struct vkdva_protect_state *state;
    HRESULT hr;

    if (!vkdva_protect_hardware(device))
    {
        pass->stream = context_stream;
        return vkdva_command_stream_get(pass->stream, &pass->vk_cmd);
    }
    if (!(state = vkdva_protect_get_state(device)))
        return E_OUTOFMEMORY;
    if (!state->has_stream)
    {
        if (FAILED(hr = vkdva_command_stream_init_protected(&state->stream, device)))
            return hr;
        state->has_stream = true;
    }
    pass->stream = &state->stream;
    if (context_stream->vk_current && FAILED(hr = vkdva_command_stream_flush(context_stream)))
        return hr;
    if (context_stream->submitted_value)
        vkdva_command_stream_add_wait(pass->stream, context_stream->vk_timeline, context_stream->submitted_value);
    return vkdva_command_stream_get(pass->stream, &pass->vk_cmd);
}

/* Ends an operation: its writes are made visible to what follows; in hardware mode it is
 * submitted, and the context's next submission waits for it. */
static HRESULT vkdva_protect_end_pass(struct d3d11_device *device, struct vkdva_protect_pass *pass)
{
    struct vkdva_command_stream *context_stream = &device->immediate_context.stream;
    HRESULT hr;

    vkdva_cmd_memory_barrier(device, pass->vk_cmd);
    if (pass->stream == context_stream)
        return S_OK;
    if (FAILED(hr = vkdva_command_stream_flush(pass->stream)))
        return hr;
    vkdva_command_stream_add_wait(context_stream, pass->stream->vk_timeline, pass->stream->submitted_value);
    return S_OK;
}

static void vkdva_protect_mark_use(struct d3d11_texture2d *texture, const struct vkdva_protect_pass *pass)
{
    texture->last_use.stream = pass->stream;
    texture->last_use.value = pass->stream->next_value;
}

/* The 32-bit fill pattern of black in one plane of the at-rest (Map) layout: limited-range
 * Y 16, Cb/Cr 128, in the sample size of the plane (P010/P016 samples in the high bits). */
static uint32_t vkdva_black_pattern(const struct vkdva_format *format, unsigned int plane)
{
    if (format->format_class == VKDVA_FORMAT_CLASS_PLANAR_420)
    {
        if (!plane)
            return format->plane_element_sizes[0] == 1 ? 0x10101010u : 0x10001000u;
        return format->plane_element_sizes[1] == 2 ? 0x80808080u : 0x80008000u;
    }
    if (format->format_class == VKDVA_FORMAT_CLASS_PACKED_422)
        return 0x80108010u; /* Y0 Cb Y1 Cr */
    return 0;
}

static void vkdva_protect_cmd_fill_black(struct d3d11_device *device, VkCommandBuffer vk_cmd, VkBuffer vk_buffer,
        VkDeviceSize offset, const struct d3d11_texture2d *texture, UINT sub)
{
    const struct vkdva_subresource_layout *layout = &texture->layouts[sub];
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    const struct vkdva_format *format = texture->format;
    VkDeviceSize size;
    unsigned int plane;

    for (plane = 0; plane < format->plane_count; ++plane)
    {
        size = (VkDeviceSize)layout->row_pitch * (layout->height >> format->plane_shift_y[plane]);
        VK_CALL(vkCmdFillBuffer(vk_cmd, vk_buffer, offset, size, vkdva_black_pattern(format, plane)));
        offset += size;
    }
}

static void vkdva_ctr_params_init(struct vkdva_ctr_params *params, const uint8_t key[VKDVA_AES_KEY_SIZE],
        uint64_t nonce, uint64_t first_block)
{
    memcpy(params->key, key, VKDVA_AES_KEY_SIZE);
    params->nonce = nonce;
    params->first_block = first_block;
}

static void vkdva_ctr_params_clear(struct vkdva_ctr_params *params)
{
    OPENSSL_cleanse(params, sizeof(*params));
}

/* Protected textures. */

HRESULT vkdva_protect_texture_init(struct d3d11_texture2d *texture)
{
    struct d3d11_device *device = texture->device;
    const struct vkdva_subresource_layout *last;
    struct vkdva_protected_texture *protected;
    struct vkdva_protect_pass pass;
    VkDeviceSize size;
    UINT sub;
    HRESULT hr;

    if (texture->protected)
        return S_OK;
    if (!texture->layouts || !texture->subresource_count)
    {
        ERR("Texture %p has no subresource layouts.\n", texture);
        return E_FAIL;
    }
    last = &texture->layouts[texture->subresource_count - 1];
    size = last->offset + last->size;
    if (!(protected = vkdva_calloc(1, sizeof(*protected))))
        return E_OUTOFMEMORY;
    if (!(protected->subresources = vkdva_calloc(texture->subresource_count, sizeof(*protected->subresources))))
    {
        vkdva_free(protected);
        return E_OUTOFMEMORY;
    }
    /* Device-local (protected in hardware mode) and never mapped: the application can only
     * reach the ciphertext through EncryptionBlt. */
    if (FAILED(hr = vkdva_device_create_private_buffer(device, size, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT
            | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
            &protected->vk_buffer, &protected->vk_memory)))
        goto fail;

    vkdva_device_lock(device);
    if (FAILED(hr = vkdva_protect_begin_pass(device, &pass)))
    {
        vkdva_device_unlock(device);
        goto fail;
    }
    /* A new surface is black, not whatever the memory held before. */
    for (sub = 0; sub < texture->subresource_count; ++sub)
        vkdva_protect_cmd_fill_black(device, pass.vk_cmd, protected->vk_buffer, texture->layouts[sub].offset,
                texture, sub);
    protected->texture = texture;
    texture->protected = protected;
    vkdva_protect_mark_use(texture, &pass);
    vkdva_list_add_tail(&device->protected_textures, &protected->entry);
    vkdva_protect_end_pass(device, &pass);
    vkdva_device_unlock(device);

    TRACE("Texture %p is protected, %" PRIu64 " bytes of ciphertext.\n", texture, (uint64_t)size);
    return S_OK;

fail:
    if (protected->vk_buffer)
        vkdva_device_destroy_buffer(device, protected->vk_buffer, protected->vk_memory);
    vkdva_free(protected->subresources);
    vkdva_free(protected);
    return hr;
}

void vkdva_protect_texture_destroy(struct d3d11_texture2d *texture)
{
    struct vkdva_protected_texture *protected = texture->protected;
    struct d3d11_device *device = texture->device;

    if (!protected)
        return;
    vkdva_device_lock(device);
    vkdva_list_remove(&protected->entry);
    /* A refresh may have recorded a pass on it since the caller last waited. */
    if (texture->last_use.stream)
        vkdva_command_stream_wait(texture->last_use.stream, texture->last_use.value, true);
    texture->protected = NULL;
    vkdva_device_unlock(device);

    vkdva_device_destroy_buffer(device, protected->vk_buffer, protected->vk_memory);
    vkdva_free(protected->subresources);
    vkdva_free(protected);
}

void vkdva_protect_device_cleanup(struct d3d11_device *device)
{
    struct vkdva_protect_state *state;

    if (!(state = device->protect))
        return;
    if (state->has_stream)
        vkdva_command_stream_destroy(&state->stream);
    if (state->vk_scratch)
        vkdva_device_destroy_buffer(device, state->vk_scratch, state->vk_scratch_memory);
    OPENSSL_cleanse(state->iv_records, sizeof(state->iv_records));
    vkdva_free(state);
    device->protect = NULL;
}

/* CPU AES (OpenSSL): content-key unwrapping and the software backend's bitstream. */

static bool vkdva_aes_ecb(const uint8_t key[VKDVA_AES_KEY_SIZE], bool encrypt, const uint8_t *in, uint8_t *out,
        size_t size)
{
    EVP_CIPHER_CTX *ctx;
    int len = 0, final_len = 0;
    bool ret;

    if (!(ctx = EVP_CIPHER_CTX_new()))
        return false;
    ret = EVP_CipherInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL, encrypt) == 1
            && EVP_CIPHER_CTX_set_padding(ctx, 0) == 1
            && EVP_CipherUpdate(ctx, out, &len, in, (int)size) == 1
            && EVP_CipherFinal_ex(ctx, out + len, &final_len) == 1
            && (size_t)(len + final_len) == size;
    EVP_CIPHER_CTX_free(ctx);
    return ret;
}

/* A content key arrives encrypted with the session key in ECB mode (DecoderBeginFrame and
 * DecryptionBlt documentation); an all-zero key at DecoderBeginFrame means "the session key",
 * which the caller handles. */
HRESULT vkdva_protect_unwrap_key(struct d3d11_crypto_session *session, const void *wrapped,
        uint8_t key[VKDVA_AES_KEY_SIZE])
{
    if (!vkdva_aes_ecb(session->key, false, wrapped, key, VKDVA_AES_KEY_SIZE))
    {
        ERR("AES-ECB failed.\n");
        return E_FAIL;
    }
    return S_OK;
}

/* Encrypted decode buffers: protect_bitstream.c. */

/* Writes into protected surfaces. */

/* The subresource gets new content under the session's current key: a fresh nonce, so no
 * counter block is ever used twice under one key. */
static void vkdva_protect_begin_write(struct vkdva_protected_texture *protected, UINT sub,
        struct d3d11_crypto_session *session, struct vkdva_ctr_params *to)
{
    protected->subresources[sub].session = session;
    protected->subresources[sub].nonce = vkdva_crypto_session_next_nonce(session);
    vkdva_ctr_params_init(to, session->key, protected->subresources[sub].nonce, 0);
}

/* A failed pass leaves the subresource black rather than holding bytes under no known key. */
static void vkdva_protect_cmd_lose(struct d3d11_device *device, VkCommandBuffer vk_cmd,
        struct vkdva_protected_texture *protected, UINT sub)
{
    vkdva_protect_cmd_fill_black(device, vk_cmd, protected->vk_buffer, protected->texture->layouts[sub].offset,
            protected->texture, sub);
    protected->subresources[sub].session = NULL;
    protected->subresources[sub].nonce = 0;
}

/* Software decode output: plaintext rows from the CPU (planes one after another, row_pitch
 * bytes per row, width x height pixels) are encrypted into a subresource. The plaintext goes
 * through a private upload buffer that nothing else can reach. Device lock held. */
HRESULT vkdva_protect_write_plaintext(struct d3d11_texture2d *texture, UINT sub,
        struct d3d11_crypto_session *session, const void *data, size_t row_pitch, UINT width, UINT height)
{
    struct vkdva_protected_texture *protected = texture->protected;
    struct d3d11_device *device = texture->device;
    const struct vkdva_subresource_layout *layout;
    const struct vkdva_format *format;
    struct vkdva_protect_pass pass;
    struct vkdva_ctr_params to;
    uint64_t plane_offset = 0;
    const BYTE *src = data;
    unsigned int plane;
    VkDeviceMemory vk_memory;
    uint32_t pattern;
    UINT row, rows;
    VkBuffer vk_buffer;
    size_t row_bytes, i;
    BYTE *mapped;
    HRESULT hr;

    if (!protected || sub >= texture->subresource_count || !session || !session->key_set)
    {
        ERR("Invalid protected write: texture %p, subresource %u, session %p.\n", texture, sub, session);
        return E_FAIL;
    }
    layout = &texture->layouts[sub];
    format = texture->format;
    width = vkdva_min_u(width, layout->width);
    height = vkdva_min_u(height, layout->height);

    if (FAILED(hr = vkdva_device_create_buffer(device, layout->size, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT,
            VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, 0,
            &vk_buffer, &vk_memory, (void **)&mapped)))
        return hr;
    for (plane = 0; plane < format->plane_count; ++plane)
    {
        rows = layout->height >> format->plane_shift_y[plane];
        pattern = vkdva_black_pattern(format, plane);
        for (i = 0; i < (size_t)layout->row_pitch * rows / 4; ++i)
            memcpy(mapped + plane_offset + 4 * i, &pattern, 4);
        row_bytes = (size_t)(width >> format->plane_shift_x[plane]) * format->plane_element_sizes[plane];
        for (row = 0; row < (height >> format->plane_shift_y[plane]); ++row)
        {
            memcpy(mapped + plane_offset + (size_t)row * layout->row_pitch, src, row_bytes);
            src += row_pitch;
        }
        plane_offset += (uint64_t)layout->row_pitch * rows;
    }

    if (FAILED(hr = vkdva_protect_begin_pass(device, &pass)))
    {
        vkdva_device_destroy_buffer(device, vk_buffer, vk_memory);
        return hr;
    }
    vkdva_protect_begin_write(protected, sub, session, &to);
    if (FAILED(hr = vkdva_cmd_aes_ctr(device, pass.vk_cmd, vk_buffer, 0, protected->vk_buffer, layout->offset,
            layout->size, NULL, &to, NULL)))
    {
        ERR("Failed to encrypt a decoded picture, hr %#x.\n", hr);
        vkdva_protect_cmd_lose(device, pass.vk_cmd, protected, sub);
    }
    vkdva_ctr_params_clear(&to);
    vkdva_protect_mark_use(texture, &pass);
    vkdva_command_stream_release_buffer(pass.stream, vk_buffer, vk_memory);
    vkdva_protect_end_pass(device, &pass);
    return hr;
}

/* The copy regions between layer `layer` of a private image and a subresource's bytes in Map
 * layout at offset 0 of the scratch buffer: one per plane, width x height pixels. */
static void vkdva_protect_plane_regions(const struct d3d11_texture2d *texture, UINT sub, UINT layer,
        UINT width, UINT height, VkBufferImageCopy *regions)
{
    const struct vkdva_subresource_layout *layout = &texture->layouts[sub];
    const struct vkdva_format *format = texture->format;
    uint64_t plane_offset = 0;
    unsigned int plane;

    for (plane = 0; plane < format->plane_count; ++plane)
    {
        regions[plane] = (VkBufferImageCopy)
        {
            .bufferOffset = plane_offset,
            .bufferRowLength = layout->row_pitch / format->plane_element_sizes[plane],
            .imageSubresource =
            {
                .aspectMask = format->plane_count > 1
                        ? (plane ? VK_IMAGE_ASPECT_PLANE_1_BIT : VK_IMAGE_ASPECT_PLANE_0_BIT)
                        : VK_IMAGE_ASPECT_COLOR_BIT,
                .baseArrayLayer = layer,
                .layerCount = 1,
            },
            .imageExtent = {width >> format->plane_shift_x[plane], height >> format->plane_shift_y[plane], 1},
        };
        plane_offset += (uint64_t)layout->row_pitch * (layout->height >> format->plane_shift_y[plane]);
    }
}

static HRESULT vkdva_protect_reserve_scratch(struct d3d11_device *device, struct vkdva_protect_state *state,
        VkDeviceSize size)
{
    HRESULT hr;

    if (state->scratch_size >= size)
        return S_OK;
    /* The old scratch may still be read by submitted work: in hardware mode only protected
     * passes use it (vkdva_protect_cmd_write_image()). */
    if (state->vk_scratch)
        vkdva_command_stream_release_buffer(vkdva_protect_hardware(device) ? &state->stream
                : &device->immediate_context.stream, state->vk_scratch, state->vk_scratch_memory);
    state->vk_scratch = VK_NULL_HANDLE;
    state->vk_scratch_memory = VK_NULL_HANDLE;
    state->scratch_size = 0;
    /* It holds plaintext: protected memory where there is any. */
    if (FAILED(hr = vkdva_device_create_private_buffer(device, size, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT
            | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, &state->vk_scratch,
            &state->vk_scratch_memory)))
        return hr;
    state->scratch_size = size;
    return S_OK;
}

HRESULT vkdva_protect_begin_commands(struct d3d11_device *device, struct vkdva_command_stream **stream,
        VkCommandBuffer *vk_cmd)
{
    struct vkdva_protect_pass pass;
    HRESULT hr;

    if (FAILED(hr = vkdva_protect_begin_pass(device, &pass)))
        return hr;
    *stream = pass.stream;
    *vk_cmd = pass.vk_cmd;
    return S_OK;
}

HRESULT vkdva_protect_end_commands(struct d3d11_device *device, struct vkdva_command_stream *stream,
        VkCommandBuffer vk_cmd)
{
    struct vkdva_protect_pass pass = {.stream = stream, .vk_cmd = vk_cmd};

    return vkdva_protect_end_pass(device, &pass);
}

/* Vulkan Video output and processor blits: records, into vk_cmd on `stream`, the copy of layer
 * `layer` of a multi-planar image (in `layout`) into the private scratch buffer in Map layout,
 * then its encryption into the subresource. The caller records the barriers that order the
 * image before this and the surface after it. In hardware mode the image is protected and
 * `stream` must be the protected one (vkdva_protect_begin_commands()). Device lock held. */
HRESULT vkdva_protect_cmd_write_image(struct d3d11_texture2d *texture, UINT sub,
        struct d3d11_crypto_session *session, struct vkdva_command_stream *stream, VkCommandBuffer vk_cmd,
        VkImage vk_image, VkImageLayout vk_layout, UINT layer, UINT width, UINT height)
{
    struct vkdva_protected_texture *protected = texture->protected;
    struct d3d11_device *device = texture->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkBufferImageCopy regions[VKDVA_MAX_PLANES];
    const struct vkdva_subresource_layout *layout;
    struct vkdva_protect_state *state;
    const struct vkdva_format *format;
    struct vkdva_ctr_params to;
    HRESULT hr;

    if (!protected || sub >= texture->subresource_count || !session || !session->key_set)
    {
        ERR("Invalid protected write: texture %p, subresource %u, session %p.\n", texture, sub, session);
        return E_FAIL;
    }
    if (vkdva_protect_hardware(device) && !stream->is_protected)
    {
        /* Only a protected command buffer may write protected memory. */
        FIXME("Writing protected memory from unprotected commands is not implemented.\n");
        return E_NOTIMPL;
    }
    if (!(state = vkdva_protect_get_state(device)))
        return E_OUTOFMEMORY;
    layout = &texture->layouts[sub];
    format = texture->format;
    if (FAILED(hr = vkdva_protect_reserve_scratch(device, state, layout->size)))
        return hr;
    width = vkdva_min_u(width, layout->width);
    height = vkdva_min_u(height, layout->height);

    /* What the picture does not cover is black, not a previous surface's pixels. */
    if (width < layout->width || height < layout->height)
    {
        vkdva_protect_cmd_fill_black(device, vk_cmd, state->vk_scratch, 0, texture, sub);
        vkdva_cmd_memory_barrier(device, vk_cmd);
    }
    vkdva_protect_plane_regions(texture, sub, layer, width, height, regions);
    VK_CALL(vkCmdCopyImageToBuffer(vk_cmd, vk_image, vk_layout, state->vk_scratch, format->plane_count, regions));
    vkdva_cmd_memory_barrier(device, vk_cmd);

    vkdva_protect_begin_write(protected, sub, session, &to);
    if (FAILED(hr = vkdva_cmd_aes_ctr(device, vk_cmd, state->vk_scratch, 0, protected->vk_buffer, layout->offset,
            layout->size, NULL, &to, NULL)))
    {
        ERR("Failed to encrypt a decoded picture, hr %#x.\n", hr);
        vkdva_protect_cmd_lose(device, vk_cmd, protected, sub);
    }
    vkdva_ctr_params_clear(&to);
    texture->last_use.stream = stream;
    texture->last_use.value = stream->next_value;
    return hr;
}

HRESULT vkdva_protect_get_storage(const struct d3d11_texture2d *texture, UINT sub, VkBuffer *buffer,
        VkDeviceSize *offset, VkDeviceSize *size, uint64_t *nonce, struct d3d11_crypto_session **session)
{
    if (!texture->protected || sub >= texture->subresource_count)
        return E_INVALIDARG;
    *buffer = texture->protected->vk_buffer;
    *offset = texture->layouts[sub].offset;
    *size = texture->layouts[sub].size;
    *nonce = texture->protected->subresources[sub].nonce;
    *session = texture->protected->subresources[sub].session;
    return S_OK;
}

struct d3d11_crypto_session *vkdva_protect_texture_session(const struct d3d11_texture2d *texture, UINT sub)
{
    if (!texture->protected || sub >= texture->subresource_count)
        return NULL;
    return texture->protected->subresources[sub].session;
}

/* Video processor: records into vk_cmd, on `stream`, the decryption of a subresource into the
 * private scratch buffer and its copy into layer `layer` of vk_image (a private image of the
 * same format, in vk_layout), so that a blit can sample or blend into the plaintext; a
 * subresource that holds no content is copied as black. The image must never be reachable by
 * the application. In hardware mode the image is protected and `stream` the protected stream
 * (vkdva_protect_begin_commands()). Device lock held. */
HRESULT vkdva_protect_cmd_read_image(struct d3d11_texture2d *texture, UINT sub, struct vkdva_command_stream *stream,
        VkCommandBuffer vk_cmd, VkImage vk_image, VkImageLayout vk_layout, UINT layer)
{
    struct vkdva_protected_texture *protected = texture->protected;
    struct d3d11_device *device = texture->device;
    const struct vkdva_vk_procs *vk_procs = &device->vk_procs;
    VkBufferImageCopy regions[VKDVA_MAX_PLANES];
    const struct vkdva_subresource_layout *layout;
    struct vkdva_protected_subresource *entry;
    struct vkdva_protect_state *state;
    const struct vkdva_format *format;
    struct vkdva_ctr_params from;
    HRESULT hr = S_OK;

    if (!protected || sub >= texture->subresource_count)
    {
        ERR("Invalid protected read: texture %p, subresource %u.\n", texture, sub);
        return E_FAIL;
    }
    if (vkdva_protect_hardware(device) && !stream->is_protected)
    {
        /* Only a protected command buffer may read protected memory. */
        FIXME("Reading protected memory from unprotected commands is not implemented.\n");
        return E_NOTIMPL;
    }
    if (!(state = vkdva_protect_get_state(device)))
        return E_OUTOFMEMORY;
    layout = &texture->layouts[sub];
    format = texture->format;
    if (FAILED(hr = vkdva_protect_reserve_scratch(device, state, layout->size)))
        return hr;

    entry = &protected->subresources[sub];
    if (entry->session)
    {
        vkdva_ctr_params_init(&from, entry->session->key, entry->nonce, 0);
        hr = vkdva_cmd_aes_ctr(device, vk_cmd, protected->vk_buffer, layout->offset, state->vk_scratch, 0,
                layout->size, &from, NULL, NULL);
        vkdva_ctr_params_clear(&from);
        if (FAILED(hr))
            ERR("Failed to decrypt a protected surface for processing, hr %#x.\n", hr);
    }
    if (!entry->session || FAILED(hr))
        vkdva_protect_cmd_fill_black(device, vk_cmd, state->vk_scratch, 0, texture, sub);
    vkdva_cmd_memory_barrier(device, vk_cmd);

    vkdva_protect_plane_regions(texture, sub, layer, layout->width, layout->height, regions);
    VK_CALL(vkCmdCopyBufferToImage(vk_cmd, state->vk_scratch, vk_image, vk_layout, format->plane_count, regions));
    vkdva_cmd_memory_barrier(device, vk_cmd);
    return S_OK;
}

HRESULT vkdva_protect_copy(struct d3d11_texture2d *dst, UINT dst_sub, struct d3d11_texture2d *src, UINT src_sub)
{
    const struct vkdva_subresource_layout *src_layout, *dst_layout;
    struct vkdva_ctr_params from = {0}, to = {0};
    struct d3d11_device *device = dst->device;
    struct d3d11_crypto_session *session;
    struct vkdva_protect_pass pass;
    HRESULT hr;

    if (!dst->protected || !src->protected)
    {
        FIXME("Copies of imported protected images are not implemented.\n");
        return E_NOTIMPL;
    }
    if (dst == src && dst_sub == src_sub)
        return S_OK;
    src_layout = &src->layouts[src_sub];
    dst_layout = &dst->layouts[dst_sub];
    if (src_layout->size != dst_layout->size || src_layout->row_pitch != dst_layout->row_pitch)
    {
        ERR("Mismatched protected subresources.\n");
        return E_FAIL;
    }
    if (FAILED(hr = vkdva_protect_begin_pass(device, &pass)))
        return hr;
    /* The destination is written: a fresh nonce under the source's session, in one
     * transcrypting pass, as for EncryptionBlt. */
    if (!(session = src->protected->subresources[src_sub].session))
    {
        vkdva_protect_cmd_lose(device, pass.vk_cmd, dst->protected, dst_sub);
    }
    else
    {
        vkdva_ctr_params_init(&from, session->key, src->protected->subresources[src_sub].nonce, 0);
        vkdva_protect_begin_write(dst->protected, dst_sub, session, &to);
        if (FAILED(hr = vkdva_cmd_aes_ctr(device, pass.vk_cmd, src->protected->vk_buffer, src_layout->offset,
                dst->protected->vk_buffer, dst_layout->offset, dst_layout->size, &from, &to, NULL)))
        {
            ERR("Failed to copy a protected subresource, hr %#x.\n", hr);
            vkdva_protect_cmd_lose(device, pass.vk_cmd, dst->protected, dst_sub);
        }
        vkdva_ctr_params_clear(&from);
        vkdva_ctr_params_clear(&to);
    }
    vkdva_protect_mark_use(src, &pass);
    vkdva_protect_mark_use(dst, &pass);
    vkdva_protect_end_pass(device, &pass);
    return hr;
}

/* Session-key refresh. */

void vkdva_protect_session_rekey(struct d3d11_crypto_session *session,
        const uint8_t old_key[VKDVA_AES_KEY_SIZE], const uint8_t new_key[VKDVA_AES_KEY_SIZE])
{
    struct vkdva_protected_texture *protected, *next;
    struct d3d11_device *device = session->device;
    struct vkdva_ctr_params from = {0}, to = {0};
    const struct vkdva_subresource_layout *layout;
    struct vkdva_protect_pass pass = {0};
    unsigned int count = 0;
    HRESULT hr;
    UINT sub;

    /* One pass over every live subresource under this session, recorded after everything
     * already recorded on the stream and before anything recorded later: C ^ AES_K(ctr) ^
     * AES_K'(ctr) in place, with the subresource's nonce, so no plaintext is written. */
    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(protected, next, &device->protected_textures, struct vkdva_protected_texture, entry)
    {
        for (sub = 0; sub < protected->texture->subresource_count; ++sub)
        {
            if (protected->subresources[sub].session != session)
                continue;
            if (!pass.vk_cmd && FAILED(hr = vkdva_protect_begin_pass(device, &pass)))
            {
                ERR("Cannot record the re-encryption, hr %#x; protected content is lost.\n", hr);
                vkdva_protect_session_destroyed(session);
                return;
            }
            layout = &protected->texture->layouts[sub];
            vkdva_ctr_params_init(&from, old_key, protected->subresources[sub].nonce, 0);
            vkdva_ctr_params_init(&to, new_key, protected->subresources[sub].nonce, 0);
            if (FAILED(hr = vkdva_cmd_aes_ctr(device, pass.vk_cmd, protected->vk_buffer, layout->offset,
                    protected->vk_buffer, layout->offset, layout->size, &from, &to, NULL)))
            {
                ERR("Failed to re-encrypt subresource %u of %p, hr %#x.\n", sub, protected->texture, hr);
                vkdva_protect_cmd_lose(device, pass.vk_cmd, protected, sub);
            }
            vkdva_protect_mark_use(protected->texture, &pass);
            ++count;
        }
    }
    vkdva_ctr_params_clear(&from);
    vkdva_ctr_params_clear(&to);
    if (pass.vk_cmd)
        vkdva_protect_end_pass(device, &pass);
    TRACE("Re-encrypting %u subresources for session %p.\n", count, session);
}

void vkdva_protect_session_destroyed(struct d3d11_crypto_session *session)
{
    struct vkdva_protected_texture *protected, *next;
    struct d3d11_device *device = session->device;
    struct vkdva_protect_pass pass = {0};
    struct vkdva_protect_state *state;
    unsigned int i, j;
    UINT sub;

    vkdva_device_lock(device);
    VKDVA_LIST_FOR_EACH_ENTRY_SAFE(protected, next, &device->protected_textures, struct vkdva_protected_texture, entry)
    {
        for (sub = 0; sub < protected->texture->subresource_count; ++sub)
        {
            if (protected->subresources[sub].session != session)
                continue;
            protected->subresources[sub].session = NULL;
            if (!pass.vk_cmd && FAILED(vkdva_protect_begin_pass(device, &pass)))
                continue;
            vkdva_protect_cmd_lose(device, pass.vk_cmd, protected, sub);
            vkdva_protect_mark_use(protected->texture, &pass);
        }
    }
    if (pass.vk_cmd)
        vkdva_protect_end_pass(device, &pass);

    if ((state = device->protect))
    {
        for (i = 0, j = 0; i < state->iv_record_count; ++i)
        {
            if (state->iv_records[i].session != session)
                state->iv_records[j++] = state->iv_records[i];
        }
        OPENSSL_cleanse(&state->iv_records[j], (state->iv_record_count - j) * sizeof(*state->iv_records));
        state->iv_record_count = j;
    }
    vkdva_device_unlock(device);
}

/* EncryptionBlt and DecryptionBlt. */

static struct d3d11_crypto_session *vkdva_protect_session(struct d3d11_immediate_context *context,
        ID3D11CryptoSession *iface)
{
    struct d3d11_crypto_session *session;

    if (!(session = unsafe_impl_from_ID3D11CryptoSession(iface)) || session->device != context->device)
    {
        WARN("Invalid crypto session %p.\n", iface);
        return NULL;
    }
    if (!session->key_set)
    {
        WARN("Crypto session %p has no session key yet.\n", iface);
        return NULL;
    }
    return session;
}

/* The staging side of a blt: same format and size as the protected side, every subresource
 * unmapped (its bytes are about to be read or written by the GPU). */
static bool vkdva_protect_check_staging(const struct d3d11_texture2d *staging, const struct d3d11_texture2d *surface,
        const char *name)
{
    UINT sub;

    if (staging->desc.Usage != D3D11_USAGE_STAGING || !staging->vk_buffer)
    {
        WARN("The %s is not a staging texture (usage %#x).\n", name, staging->desc.Usage);
        return false;
    }
    if (staging->desc.Format != surface->desc.Format || staging->desc.Width != surface->desc.Width
            || staging->desc.Height != surface->desc.Height || staging->desc.MipLevels != surface->desc.MipLevels
            || staging->desc.ArraySize != surface->desc.ArraySize)
    {
        WARN("The %s (%ux%u, %u levels, %u slices, %s) does not match the protected surface "
                "(%ux%u, %u levels, %u slices, %s).\n", name, staging->desc.Width, staging->desc.Height,
                staging->desc.MipLevels, staging->desc.ArraySize, debug_dxgi_format(staging->desc.Format),
                surface->desc.Width, surface->desc.Height, surface->desc.MipLevels, surface->desc.ArraySize,
                debug_dxgi_format(surface->desc.Format));
        return false;
    }
    for (sub = 0; sub < staging->subresource_count; ++sub)
    {
        if (staging->map_counts[sub])
        {
            WARN("Subresource %u of the %s is mapped.\n", sub, name);
            return false;
        }
    }
    return true;
}

static struct d3d11_texture2d *vkdva_protect_surface(struct d3d11_immediate_context *context,
        ID3D11Texture2D *iface, const char *name)
{
    struct d3d11_texture2d *texture;

    if (!(texture = unsafe_impl_from_ID3D11Texture2D(iface)) || texture->device != context->device)
    {
        WARN("Invalid %s %p.\n", name, iface);
        return NULL;
    }
    return texture;
}

void STDMETHODCALLTYPE d3d11_video_context_EncryptionBlt(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session_iface, ID3D11Texture2D *src_surface, ID3D11Texture2D *dst_surface, UINT iv_size,
        void *iv)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_device *device = context->device;
    struct vkdva_protected_texture *protected;
    struct d3d11_crypto_session *session;
    const struct vkdva_subresource_layout *layout;
    struct vkdva_ctr_params from = {0}, to = {0};
    struct d3d11_texture2d *src, *dst;
    struct vkdva_protect_pass pass;
    uint64_t first_iv;
    HRESULT hr;
    UINT sub;

    TRACE("iface %p, session %p, src_surface %p, dst_surface %p, iv_size %u, iv %p.\n",
            iface, session_iface, src_surface, dst_surface, iv_size, iv);

    vkdva_device_lock(device);
    if (vkdva_protect_hardware(device))
    {
        /* A protected submission may not write a staging texture: GetContentProtectionCaps
         * reports no ENCRYPTED_READ_BACK in hardware mode. */
        WARN("EncryptionBlt is not available with hardware content protection.\n");
        goto done;
    }
    if (!(session = vkdva_protect_session(context, session_iface)))
        goto done;
    if (!(src = vkdva_protect_surface(context, src_surface, "source"))
            || !(dst = vkdva_protect_surface(context, dst_surface, "destination")))
        goto done;
    /* Software decodes into either surface land first (decoder_sw.c). */
    vkdva_sw_decode_sync_texture(src, ~0u);
    vkdva_sw_decode_sync_texture(dst, ~0u);
    if (!(protected = src->protected))
    {
        WARN("The source %p is not a protected surface vkdva encrypts.\n", src);
        goto done;
    }
    if (!vkdva_protect_check_staging(dst, src, "destination"))
        goto done;
    if (iv_size != 2 * sizeof(UINT64) || !iv)
    {
        WARN("Invalid IV %p, size %u (a 16-byte D3D11_AES_CTR_IV is needed).\n", iv, iv_size);
        goto done;
    }
    for (sub = 0; sub < src->subresource_count; ++sub)
    {
        if (protected->subresources[sub].session && protected->subresources[sub].session != session)
        {
            WARN("Subresource %u of the source is protected by another crypto session.\n", sub);
            goto done;
        }
    }
    if (session->next_blt_iv > UINT64_MAX - src->subresource_count)
    {
        WARN("The EncryptionBlt IVs of session %p are exhausted.\n", session);
        goto done;
    }
    if (FAILED(hr = vkdva_protect_begin_pass(device, &pass)))
    {
        WARN("Cannot record the pass, hr %#x.\n", hr);
        goto done;
    }

    /* Subresource s uses IV + s with the block count from 0: the IVs are consumed before
     * anything is recorded, so a failure can never lead to their reuse. */
    first_iv = session->next_blt_iv;
    session->next_blt_iv += src->subresource_count;
    for (sub = 0; sub < src->subresource_count; ++sub)
    {
        layout = &src->layouts[sub];
        if (protected->subresources[sub].session)
            vkdva_ctr_params_init(&from, session->key, protected->subresources[sub].nonce, 0);
        vkdva_ctr_params_init(&to, session->key, first_iv + sub, 0);
        if (FAILED(hr = vkdva_cmd_aes_ctr(device, pass.vk_cmd, protected->vk_buffer, layout->offset, dst->vk_buffer,
                dst->layouts[sub].offset, layout->size, protected->subresources[sub].session ? &from : NULL,
                &to, NULL)))
        {
            ERR("Failed to record EncryptionBlt, hr %#x.\n", hr);
            break;
        }
    }
    vkdva_ctr_params_clear(&from);
    vkdva_ctr_params_clear(&to);
    vkdva_protect_mark_use(src, &pass);
    vkdva_protect_mark_use(dst, &pass);
    vkdva_protect_end_pass(device, &pass);
    vkdva_store_be64(iv, first_iv);
    vkdva_store_be64((uint8_t *)iv + 8, 0);

done:
    vkdva_device_unlock(device);
}

/* DecryptionBlt IVs must increase strictly per (session, key), as the DecryptionBlt
 * documentation asks applications to ensure so that "the driver [can] validate that the same
 * IV is never used more than once with the same key pair". The last VKDVA_MAX_IV_RECORDS keys
 * are remembered. */
static struct vkdva_iv_record *vkdva_protect_find_iv_record(struct vkdva_protect_state *state,
        struct d3d11_crypto_session *session, const uint8_t key[VKDVA_AES_KEY_SIZE])
{
    unsigned int i;

    for (i = 0; i < state->iv_record_count; ++i)
    {
        if (state->iv_records[i].session == session && !CRYPTO_memcmp(state->iv_records[i].key, key,
                VKDVA_AES_KEY_SIZE))
            return &state->iv_records[i];
    }
    return NULL;
}

static void vkdva_protect_add_iv_record(struct vkdva_protect_state *state, struct d3d11_crypto_session *session,
        const uint8_t key[VKDVA_AES_KEY_SIZE], uint64_t next_iv)
{
    struct vkdva_iv_record *record;
    unsigned int i;

    if (!(record = vkdva_protect_find_iv_record(state, session, key)))
    {
        if (state->iv_record_count < VKDVA_MAX_IV_RECORDS)
        {
            record = &state->iv_records[state->iv_record_count++];
        }
        else
        {
            record = &state->iv_records[0];
            for (i = 1; i < VKDVA_MAX_IV_RECORDS; ++i)
            {
                if (state->iv_records[i].last_used < record->last_used)
                    record = &state->iv_records[i];
            }
        }
        record->session = session;
        memcpy(record->key, key, VKDVA_AES_KEY_SIZE);
    }
    record->next_iv = next_iv;
    record->last_used = ++state->iv_clock;
}

static bool vkdva_block_info_valid(const D3D11_ENCRYPTED_BLOCK_INFO *info)
{
    /* The counts are in bytes and must match the crypto block alignment the capabilities
     * report (BlockAlignmentSize, 16). */
    return !(info->NumEncryptedBytesAtBeginning % VKDVA_AES_BLOCK_SIZE)
            && !(info->NumBytesInSkipPattern % VKDVA_AES_BLOCK_SIZE)
            && !(info->NumBytesInEncryptPattern % VKDVA_AES_BLOCK_SIZE);
}

void STDMETHODCALLTYPE d3d11_video_context_DecryptionBlt(ID3D11VideoContext3 *iface,
        ID3D11CryptoSession *session_iface, ID3D11Texture2D *src_surface, ID3D11Texture2D *dst_surface,
        D3D11_ENCRYPTED_BLOCK_INFO *block_info, UINT key_size, const void *key, UINT iv_size, void *iv)
{
    struct d3d11_immediate_context *context = impl_from_ID3D11VideoContext3(iface);
    struct d3d11_device *device = context->device;
    uint8_t content_key[VKDVA_AES_KEY_SIZE];
    struct vkdva_protected_texture *protected;
    const struct vkdva_subresource_layout *layout;
    struct vkdva_iv_record *record;
    struct d3d11_crypto_session *session;
    struct vkdva_protect_state *state;
    struct vkdva_ctr_params from = {0}, to = {0};
    struct d3d11_texture2d *src, *dst;
    uint64_t first_iv, first_count;
    struct vkdva_protect_pass pass;
    HRESULT hr;
    UINT sub;

    TRACE("iface %p, session %p, src_surface %p, dst_surface %p, block_info %p, key_size %u, key %p, iv_size %u, "
            "iv %p.\n",
            iface, session_iface, src_surface, dst_surface, block_info, key_size, key, iv_size, iv);

    vkdva_device_lock(device);
    if (!(session = vkdva_protect_session(context, session_iface)))
        goto done;
    if (!(src = vkdva_protect_surface(context, src_surface, "source"))
            || !(dst = vkdva_protect_surface(context, dst_surface, "destination")))
        goto done;
    /* Software decodes into either surface land first (decoder_sw.c). */
    vkdva_sw_decode_sync_texture(src, ~0u);
    vkdva_sw_decode_sync_texture(dst, ~0u);
    if (!(protected = dst->protected))
    {
        WARN("The destination %p is not a protected surface vkdva encrypts.\n", dst);
        goto done;
    }
    if (!vkdva_protect_check_staging(src, dst, "source"))
        goto done;
    if (iv_size != 2 * sizeof(UINT64) || !iv)
    {
        WARN("Invalid IV %p, size %u (a 16-byte D3D11_AES_CTR_IV is needed).\n", iv, iv_size);
        goto done;
    }
    if (key ? key_size != VKDVA_AES_KEY_SIZE : key_size != 0)
    {
        WARN("Invalid content key %p, size %u.\n", key, key_size);
        goto done;
    }
    if (block_info && !vkdva_block_info_valid(block_info))
    {
        WARN("Block info (%u, %u, %u) is not aligned to %u bytes.\n", block_info->NumEncryptedBytesAtBeginning,
                block_info->NumBytesInSkipPattern, block_info->NumBytesInEncryptPattern, VKDVA_AES_BLOCK_SIZE);
        goto done;
    }
    if (!(state = vkdva_protect_get_state(device)))
    {
        ERR("Out of memory.\n");
        goto done;
    }
    if (key)
    {
        if (FAILED(vkdva_protect_unwrap_key(session, key, content_key)))
            goto done;
    }
    else
    {
        memcpy(content_key, session->key, sizeof(content_key));
    }

    first_iv = vkdva_load_be64(iv);
    first_count = vkdva_load_be64((const uint8_t *)iv + 8);
    if ((record = vkdva_protect_find_iv_record(state, session, content_key)) && first_iv < record->next_iv)
    {
        WARN("IV %#" PRIx64 " was not increased: %#" PRIx64 " or more was expected for this key.\n",
                first_iv, record->next_iv);
        goto done;
    }
    if (first_iv > UINT64_MAX - dst->subresource_count)
    {
        WARN("IV %#" PRIx64 " leaves no room for %u subresources.\n", first_iv, dst->subresource_count);
        goto done;
    }
    if (FAILED(hr = vkdva_protect_begin_pass(device, &pass)))
    {
        WARN("Cannot record the pass, hr %#x.\n", hr);
        goto done;
    }
    vkdva_protect_add_iv_record(state, session, content_key, first_iv + dst->subresource_count);

    /* Subresource s of the input is decrypted with IV + s, its block count starting at Count;
     * the output is re-encrypted under the session key with a fresh nonce, in the same pass. */
    for (sub = 0; sub < dst->subresource_count; ++sub)
    {
        layout = &dst->layouts[sub];
        vkdva_ctr_params_init(&from, content_key, first_iv + sub, first_count);
        vkdva_protect_begin_write(protected, sub, session, &to);
        if (FAILED(hr = vkdva_cmd_aes_ctr(device, pass.vk_cmd, src->vk_buffer, src->layouts[sub].offset,
                protected->vk_buffer, layout->offset, layout->size, &from, &to, block_info)))
        {
            ERR("Failed to record DecryptionBlt, hr %#x.\n", hr);
            vkdva_protect_cmd_lose(device, pass.vk_cmd, protected, sub);
        }
    }
    vkdva_ctr_params_clear(&from);
    vkdva_ctr_params_clear(&to);
    vkdva_protect_mark_use(src, &pass);
    vkdva_protect_mark_use(dst, &pass);
    vkdva_protect_end_pass(device, &pass);

done:
    OPENSSL_cleanse(content_key, sizeof(content_key));
    vkdva_device_unlock(device);
}
