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

#ifndef __VKDVA_PRIVATE_H
#define __VKDVA_PRIVATE_H

#define COBJMACROS
#include <pthread.h>
#include "vkdva.h"
#include "vkdva_common.h"

#define VKDVA_MAX_ARRAY_SIZE 2048u
#define VKDVA_MAX_TEXTURE_DIMENSION 16384u
#define VKDVA_ROW_PITCH_ALIGNMENT 256u
#define VKDVA_SUBRESOURCE_ALIGNMENT 512u
#define VKDVA_MAX_PLANES 2u

#ifndef DXGI_RESOURCE_PRIORITY_NORMAL
# define DXGI_RESOURCE_PRIORITY_NORMAL 0x78000000u
#endif

struct d3d11_device;

/* Vulkan entry points, from vulkan_procs.h. */
struct vkdva_vk_procs
{
#define VK_GLOBAL_PFN(x) PFN_##x x;
#define VK_INSTANCE_PFN(x) PFN_##x x;
#define VK_INSTANCE_EXT_PFN(x) PFN_##x x;
#define VK_DEVICE_PFN(x) PFN_##x x;
#define VK_DEVICE_EXT_PFN(x) PFN_##x x;
#include "vulkan_procs.h"
    PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr;
};

#define VK_CALL(f) (vk_procs->f)

HRESULT hresult_from_vk_result(VkResult vr);

#ifdef VKDVA_FAULT_INJECTION
/* fault.c: wraps the creating and allocating entry points for fault-injection tests. */
void vkdva_fault_wrap_procs(struct vkdva_vk_procs *vk_procs);
#endif

/* Private data (ID3D11DeviceChild::SetPrivateData and friends). */
struct vkdva_private_data
{
    GUID tag;
    bool is_object;
    UINT size;
    union
    {
        IUnknown *object;
        BYTE *data;
    } u;
};

struct vkdva_private_store
{
    pthread_mutex_t mutex;
    struct vkdva_private_data *entries;
    size_t entries_size;
    size_t entry_count;
};

void vkdva_private_store_init(struct vkdva_private_store *store);
void vkdva_private_store_destroy(struct vkdva_private_store *store);
HRESULT vkdva_private_store_get(struct vkdva_private_store *store, const GUID *tag, UINT *size, void *data);
HRESULT vkdva_private_store_set(struct vkdva_private_store *store, const GUID *tag, UINT size, const void *data);
HRESULT vkdva_private_store_set_interface(struct vkdva_private_store *store, const GUID *tag,
        const IUnknown *object);

/* Formats. */
enum vkdva_format_class
{
    VKDVA_FORMAT_CLASS_COLOR,
    /* Two planes, luma then interleaved chroma at half width and half height. */
    VKDVA_FORMAT_CLASS_PLANAR_420,
    /* Packed 4:2:2 pairs of pixels (YUY2): one 4-texel element per two pixels. */
    VKDVA_FORMAT_CLASS_PACKED_422,
};

struct vkdva_format
{
    DXGI_FORMAT dxgi_format;
    /* The VkFormat of the image behind a D3D11_USAGE_DEFAULT texture. */
    VkFormat vk_format;
    enum vkdva_format_class format_class;
    unsigned int plane_count;
    /* Each plane's own format, element size in bytes and subsampling (log2). */
    VkFormat plane_vk_formats[VKDVA_MAX_PLANES];
    unsigned int plane_element_sizes[VKDVA_MAX_PLANES];
    unsigned int plane_shift_x[VKDVA_MAX_PLANES];
    unsigned int plane_shift_y[VKDVA_MAX_PLANES];
    /* Width and height must be multiples of these. */
    unsigned int width_alignment;
    unsigned int height_alignment;
    bool is_video;
};

const struct vkdva_format *vkdva_get_format(DXGI_FORMAT format);
const struct vkdva_format *vkdva_get_format_from_vk(VkFormat vk_format);
const char *debug_dxgi_format(DXGI_FORMAT format);

/* A command stream: command buffers recorded on one queue, each submission signalling the
 * stream's own timeline semaphore with the next value. */
struct vkdva_queue
{
    VkQueue vk_queue;
    uint32_t family_index;
    VkQueueFlags flags;
    pthread_mutex_t mutex;
    /* Decode queues: live decoders using the queue (device lock). */
    unsigned int user_count;
};

#define VKDVA_MAX_DECODE_QUEUES 8

struct vkdva_garbage
{
    uint64_t value;
    VkBuffer vk_buffer;
    VkDeviceMemory vk_memory;
};

struct vkdva_command_stream
{
    struct d3d11_device *device;
    struct vkdva_queue *queue;
    VkCommandPool vk_pool;
    VkSemaphore vk_timeline;
    /* Value the command buffer being recorded will signal. */
    uint64_t next_value;
    /* Value of the last submission. */
    uint64_t submitted_value;
    VkCommandBuffer vk_current;

    struct
    {
        VkCommandBuffer vk_cmd;
        uint64_t value;
    } *in_flight;
    size_t in_flight_size;
    size_t in_flight_count;

    VkCommandBuffer *free_cmds;
    size_t free_cmds_size;
    size_t free_cmd_count;

    struct vkdva_garbage *garbage;
    size_t garbage_size;
    size_t garbage_count;

    /* Other timelines the next submission waits for. */
    VkSemaphoreSubmitInfo waits[8];
    unsigned int wait_count;

    /* The GPU watchdog of a stream that is polled, not waited for (command.c): the completed
     * value seen while later work was pending, since when (monotonic ns), and whether the
     * stall has been reported. */
    uint64_t stall_value;
    uint64_t stall_start_ns;
    bool stall_reported;

    /* A protected stream: protected command buffers, submitted with VK_SUBMIT_PROTECTED_BIT. */
    bool is_protected;
};

HRESULT vkdva_command_stream_init(struct vkdva_command_stream *stream, struct d3d11_device *device,
        struct vkdva_queue *queue);
void vkdva_command_stream_destroy(struct vkdva_command_stream *stream);
HRESULT vkdva_command_stream_get(struct vkdva_command_stream *stream, VkCommandBuffer *vk_cmd);
HRESULT vkdva_command_stream_flush(struct vkdva_command_stream *stream);
HRESULT vkdva_command_stream_wait(struct vkdva_command_stream *stream, uint64_t value, bool flush);
bool vkdva_command_stream_is_complete(struct vkdva_command_stream *stream, uint64_t value);
void vkdva_command_stream_add_wait(struct vkdva_command_stream *stream, VkSemaphore vk_semaphore, uint64_t value);
void vkdva_command_stream_release_buffer(struct vkdva_command_stream *stream, VkBuffer vk_buffer,
        VkDeviceMemory vk_memory);

/* Vulkan protected memory (DESIGN decisions 4 and 6; the rules are in the content-protection
 * reference, section 5), only where device->caps.protected_memory is true (then the device has
 * the protectedMemory feature enabled and device->protected_queue exists):
 * - vkdva_command_stream_init_protected() makes a stream on device->protected_queue whose
 *   command buffers are protected (VK_COMMAND_POOL_CREATE_PROTECTED_BIT) and whose
 *   submissions carry VK_SUBMIT_PROTECTED_BIT (vkQueueSubmit2's VkProtectedSubmitInfo). The
 *   other stream functions work on it unchanged; its timeline may be waited for by, and wait
 *   for, unprotected streams (vkdva_command_stream_add_wait()).
 * - Protected command buffers must not write unprotected memory (no copy, fill, clear or
 *   shader write to an ordinary buffer or image; reading one, such as a key UBO or encrypted
 *   input, is allowed), must not use queries or timestamps, nor indirect dispatches.
 *   Unprotected command buffers must not touch protected resources at all, reads included.
 *   Shaders must declare the bindings they only read `readonly`: the test layer counts every
 *   other storage binding as written.
 * - Protected buffers and images come from the two helpers below, in the protected memory
 *   type; they can never be mapped. Buffer usage is limited to transfer, uniform, storage and
 *   texel buffers (VUID-VkBufferCreateInfo-flags-09641). Free a buffer with
 *   vkdva_device_destroy_buffer() (or vkdva_command_stream_release_buffer()), an image with
 *   vkDestroyImage() and vkFreeMemory().
 * The test layer tests/protected_layer enforces all of this on lavapipe (docs/NOTES.md). */
HRESULT vkdva_command_stream_init_protected(struct vkdva_command_stream *stream, struct d3d11_device *device);
/* The same on another protected-capable queue (device->protected_decode_queue). */
HRESULT vkdva_command_stream_init_protected_on(struct vkdva_command_stream *stream, struct d3d11_device *device,
        struct vkdva_queue *queue);
/* The protected memory type allowed by type_bits, or -1. */
int vkdva_device_find_protected_memory_type(struct d3d11_device *device, uint32_t type_bits);
HRESULT vkdva_device_create_protected_buffer(struct d3d11_device *device, VkDeviceSize size,
        VkBufferUsageFlags usage, VkBuffer *vk_buffer, VkDeviceMemory *vk_memory);
/* Storage for plaintext or ciphertext that no API call reaches: never mapped, device-local, and
 * protected where the device uses protected memory (hardware mode). */
HRESULT vkdva_device_create_private_buffer(struct d3d11_device *device, VkDeviceSize size,
        VkBufferUsageFlags usage, VkBuffer *vk_buffer, VkDeviceMemory *vk_memory);
/* info->flags gets VK_BUFFER_CREATE_PROTECTED_BIT added (sharing, pNext profiles as given). */
HRESULT vkdva_device_create_protected_buffer_from_info(struct d3d11_device *device, const VkBufferCreateInfo *info,
        VkBuffer *vk_buffer, VkDeviceMemory *vk_memory);
/* info->flags gets VK_IMAGE_CREATE_PROTECTED_BIT added; the image is bound to new memory. */
HRESULT vkdva_device_create_protected_image(struct d3d11_device *device, const VkImageCreateInfo *info,
        VkImage *vk_image, VkDeviceMemory *vk_memory);
void vkdva_cmd_memory_barrier(struct d3d11_device *device, VkCommandBuffer vk_cmd);
void vkdva_cmd_image_barrier(struct d3d11_device *device, VkCommandBuffer vk_cmd, VkImage image,
        unsigned int first_layer, unsigned int layer_count, VkImageLayout old_layout, VkImageLayout new_layout,
        VkPipelineStageFlags2 src_stage, VkPipelineStageFlags2 dst_stage);

/* Compute passes (compute.c): one push-descriptor set per pipeline. */
#define VKDVA_COMPUTE_MAX_BINDINGS 8

struct vkdva_compute_pipeline_desc
{
    const uint32_t *code;
    size_t code_size;
    const VkDescriptorType *binding_types;
    unsigned int binding_count;
    uint32_t push_constant_size;
    const VkSpecializationInfo *specialization;
};

struct vkdva_compute_pipeline
{
    VkDescriptorSetLayout vk_set_layout;
    VkPipelineLayout vk_layout;
    VkPipeline vk_pipeline;
    VkDescriptorType binding_types[VKDVA_COMPUTE_MAX_BINDINGS];
    unsigned int binding_count;
    uint32_t push_constant_size;
};

/* binding i of a dispatch: .buffer for buffer descriptors, .image for image/sampler ones. */
struct vkdva_compute_binding
{
    VkDescriptorBufferInfo buffer;
    VkDescriptorImageInfo image;
};

HRESULT vkdva_compute_pipeline_create(struct d3d11_device *device, const struct vkdva_compute_pipeline_desc *desc,
        struct vkdva_compute_pipeline *pipeline);
void vkdva_compute_pipeline_destroy(struct d3d11_device *device, struct vkdva_compute_pipeline *pipeline);
/* Binds the pipeline, pushes one descriptor per binding and the push constants, and dispatches
 * (no dispatch when a group count is 0, so a caller may issue several dispatches itself). */
void vkdva_cmd_dispatch(struct d3d11_device *device, VkCommandBuffer vk_cmd,
        const struct vkdva_compute_pipeline *pipeline, const struct vkdva_compute_binding *bindings,
        const void *push_constants, uint32_t group_count_x, uint32_t group_count_y, uint32_t group_count_z);

/* Where the GPU last touched a resource: wait on (stream, value) before the CPU uses it. */
struct vkdva_gpu_use
{
    struct vkdva_command_stream *stream;
    uint64_t value;
};

/* Textures. */
struct vkdva_subresource_layout
{
    uint64_t offset;
    uint64_t size;
    UINT row_pitch;
    UINT depth_pitch;
    UINT width;
    UINT height;
};

struct d3d11_texture2d
{
    ID3D11Texture2D ID3D11Texture2D_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    D3D11_TEXTURE2D_DESC desc;
    const struct vkdva_format *format;

    /* D3D11_USAGE_DEFAULT and IMMUTABLE: an image. */
    VkImage vk_image;
    VkImageLayout vk_layout;
    VkImageCreateInfo vk_image_info;
    bool is_wrapped;

    /* D3D11_USAGE_STAGING: a host-visible buffer in Map layout. */
    VkBuffer vk_buffer;
    void *mapped;
    struct vkdva_subresource_layout *layouts;
    unsigned int subresource_count;
    unsigned int *map_counts;

    VkDeviceMemory vk_memory;
    struct vkdva_gpu_use last_use;

    /* D3D11_RESOURCE_MISC_HW_PROTECTED (and decoder outputs bound to a crypto session): the
     * at-rest ciphertext and its keys, owned by protect.c; NULL for ordinary textures. */
    struct vkdva_protected_texture *protected;
};

HRESULT d3d11_texture2d_check_desc(struct d3d11_device *device, D3D11_TEXTURE2D_DESC *desc,
        const D3D11_SUBRESOURCE_DATA *data, const struct vkdva_format **format);
/* A texture no application ever sees whose image is in protected memory (hardware mode), for
 * plaintext that protected command buffers work on (vp_blit.c). Its image is made GENERAL in
 * the current command buffer of `stream`, a protected stream, the only kind that may touch it. */
HRESULT d3d11_texture2d_create_private_protected(struct d3d11_device *device, const D3D11_TEXTURE2D_DESC *desc,
        struct vkdva_command_stream *stream, struct d3d11_texture2d **out);
HRESULT d3d11_texture2d_create(struct d3d11_device *device, const D3D11_TEXTURE2D_DESC *desc,
        const D3D11_SUBRESOURCE_DATA *data, struct d3d11_texture2d **texture);
HRESULT d3d11_texture2d_create_wrapped(struct d3d11_device *device, const struct vkdva_vk_image_info *info,
        struct d3d11_texture2d **texture);
struct d3d11_texture2d *unsafe_impl_from_ID3D11Texture2D(ID3D11Texture2D *iface);
struct d3d11_texture2d *unsafe_impl_from_ID3D11Resource(ID3D11Resource *iface);
bool vkdva_texture_subresource_extent(const struct d3d11_texture2d *texture, UINT subresource,
        UINT *mip, UINT *layer, UINT *width, UINT *height);
void vkdva_texture_layout_compute(const struct vkdva_format *format, UINT width, UINT height,
        UINT *row_pitch, UINT *depth_pitch);
HRESULT vkdva_texture_map(struct d3d11_texture2d *texture, UINT subresource, D3D11_MAP map_type,
        UINT flags, D3D11_MAPPED_SUBRESOURCE *mapped);
void vkdva_texture_unmap(struct d3d11_texture2d *texture, UINT subresource);

/* The software decoder (decoder_sw.c) decodes on a worker thread and writes each picture into
 * its surface later than DecoderEndFrame. Whatever reads or writes a texture first lets the
 * pictures queued for it land (sub ~0u: every subresource), waiting if need be; event queries
 * ask whether the decodes submitted before End (by sequence number) have landed, without
 * waiting. The caller holds the device lock. */
#ifdef VKDVA_HAVE_LIBAVCODEC
void vkdva_sw_decode_sync_texture(struct d3d11_texture2d *texture, UINT sub);
uint64_t vkdva_sw_decode_sequence(void);
bool vkdva_sw_decode_sync_device(struct d3d11_device *device, uint64_t sequence, bool block);
#else
static inline void vkdva_sw_decode_sync_texture(struct d3d11_texture2d *texture, UINT sub) {}
static inline uint64_t vkdva_sw_decode_sequence(void) { return 0; }
static inline bool vkdva_sw_decode_sync_device(struct d3d11_device *device, uint64_t sequence, bool block)
{
    return true;
}
#endif

/* Content protection: crypto.c (sessions, key exchange, refresh bookkeeping), channel.c
 * (authenticated channels), protect.c (GPU AES, protected surfaces). DESIGN decisions 4-6. */
#define VKDVA_AES_KEY_SIZE 16

struct d3d11_crypto_session
{
    ID3D11CryptoSession ID3D11CryptoSession_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    GUID crypto_type;
    GUID decoder_profile;
    GUID key_exchange_type;

    /* The session key K, once NegotiateCryptoSessionKeyExchange installed one. */
    bool key_set;
    uint8_t key[VKDVA_AES_KEY_SIZE];
    /* R from the latest StartSessionKeyRefresh, until FinishSessionKeyRefresh applies K ^= R. */
    bool refresh_pending;
    uint8_t refresh_random[VKDVA_AES_KEY_SIZE];
    /* Per-surface nonces handed out by vkdva_crypto_session_next_nonce(): never reused under a
     * key, so no CTR counter block repeats. */
    uint64_t next_surface_nonce;
    /* The next EncryptionBlt IV: random at session creation, then strictly increasing. */
    uint64_t next_blt_iv;
    /* Set on device loss: CheckCryptoSessionStatus reports KEY_LOST. */
    bool key_lost;
    /* GetCryptoSessionHandle's value: an opaque number, mapped back through the device's list. */
    uintptr_t handle;

    /* Entry in d3d11_device.crypto_sessions. */
    struct vkdva_list entry;
};

struct d3d11_crypto_session *unsafe_impl_from_ID3D11CryptoSession(ID3D11CryptoSession *iface);
/* The session of this device a GetCryptoSessionHandle value names, or NULL (device lock held). */
struct d3d11_crypto_session *vkdva_crypto_session_from_handle(struct d3d11_device *device, HANDLE handle);
/* The capabilities GetContentProtectionCaps reports for AES128_CTR: protect.c agrees with them. */
void vkdva_get_content_protection_caps(struct d3d11_device *device, D3D11_VIDEO_CONTENT_PROTECTION_CAPS *caps);
/* The device's self-signed certificate (DER); the RSA-2048 key pair is made on first use. */
HRESULT vkdva_crypto_get_certificate(struct d3d11_device *device, UINT *size, BYTE *data);
/* Decrypts a 256-byte RSAES-OAEP blob holding a 16-byte key (SHA-1, SHA-256 or SHA-512). */
HRESULT vkdva_crypto_unwrap_key(struct d3d11_device *device, const void *data, UINT size,
        uint8_t key[VKDVA_AES_KEY_SIZE]);
/* Opaque handles for D3D11 objects that must be named in authenticated-channel messages. */
uintptr_t vkdva_crypto_new_handle(void);
HANDLE vkdva_crypto_device_handle(struct d3d11_device *device);
void vkdva_crypto_device_cleanup(struct d3d11_device *device);
/* A fresh surface nonce of the session (device lock held). */
uint64_t vkdva_crypto_session_next_nonce(struct d3d11_crypto_session *session);

/* aes.c: the one GPU AES-128 implementation (shaders/aes.glsl) behind every pass: re-encrypt,
 * EncryptionBlt, DecryptionBlt, bitstream decryption. One side of a CTR transform: keystream
 * block i of the range is AES_key(BE64(nonce) || BE64(first_block + i)), the 128-bit counter
 * block of D3D11_AES_CTR_IV. */
struct vkdva_ctr_params
{
    uint8_t key[VKDVA_AES_KEY_SIZE];
    uint64_t nonce;
    uint64_t first_block;
};

/* Records dst = src ^ KS(from) ^ KS(to) over size bytes into vk_cmd (compute queue): from NULL
 * means src is plaintext (encrypt), to NULL means dst receives plaintext (decrypt), both set is
 * a transcrypt with no plaintext written anywhere. src and dst may be the same range. With
 * pattern non-NULL only the bytes it marks encrypted (D3D11_ENCRYPTED_BLOCK_INFO semantics)
 * are decrypted with "from", the others pass through, and "from"'s counter advances over the
 * encrypted bytes only (ISO/IEC 23001-7 'cenc' style); "to" always covers every byte. The
 * caller records the barriers around it. */
HRESULT vkdva_cmd_aes_ctr(struct d3d11_device *device, VkCommandBuffer vk_cmd,
        VkBuffer src, VkDeviceSize src_offset, VkBuffer dst, VkDeviceSize dst_offset, VkDeviceSize size,
        const struct vkdva_ctr_params *from, const struct vkdva_ctr_params *to,
        const D3D11_ENCRYPTED_BLOCK_INFO *pattern);
void vkdva_aes_device_cleanup(struct d3d11_device *device);
void vkdva_aes_get_variant_name(struct d3d11_device *device, char *buffer, size_t size);
/* vp_blit.c: frees the video processor's pipelines at device destruction. */
void vkdva_vp_device_cleanup(struct d3d11_device *device);

/* protect.c, called by crypto.c under the device lock. FinishSessionKeyRefresh: re-encrypts
 * every live protected surface of the session from old_key to new_key in one GPU pass. */
void vkdva_protect_session_rekey(struct d3d11_crypto_session *session,
        const uint8_t old_key[VKDVA_AES_KEY_SIZE], const uint8_t new_key[VKDVA_AES_KEY_SIZE]);
/* The session is being destroyed: its surfaces' contents become undecryptable (black). */
void vkdva_protect_session_destroyed(struct d3d11_crypto_session *session);
/* resource.c hooks for protected textures. */
HRESULT vkdva_protect_texture_init(struct d3d11_texture2d *texture);
void vkdva_protect_texture_destroy(struct d3d11_texture2d *texture);
void vkdva_protect_device_cleanup(struct d3d11_device *device);
/* Protected (HW_PROTECTED, or made protected by a decoder bound to a crypto session): copies,
 * updates, interop and unprotected processor outputs never see its content. */
bool vkdva_texture_is_protected(const struct d3d11_texture2d *texture);
/* For internal tests of hardware mode (tests/protected_layer): where the ciphertext of a
 * subresource is (byte i under AES_K(BE64(nonce) || BE64(i / 16)), K the session's key; no
 * session: the bytes are black). Nothing in vkdva reads protected storage on the CPU. */
HRESULT vkdva_protect_get_storage(const struct d3d11_texture2d *texture, UINT sub, VkBuffer *buffer,
        VkDeviceSize *offset, VkDeviceSize *size, uint64_t *nonce, struct d3d11_crypto_session **session);
/* The session whose key encrypts a subresource of a protected texture (NULL: it holds black). */
struct d3d11_crypto_session *vkdva_protect_texture_session(const struct d3d11_texture2d *texture, UINT sub);
/* Video processor blits involving protected surfaces: plaintext goes through private images
 * only (protected images in hardware mode, on the protected stream). */
HRESULT vkdva_protect_cmd_read_image(struct d3d11_texture2d *texture, UINT sub, struct vkdva_command_stream *stream,
        VkCommandBuffer vk_cmd, VkImage vk_image, VkImageLayout vk_layout, UINT layer);
/* Decode hooks (device lock held). A content key ECB-wrapped by the session key. */
HRESULT vkdva_protect_unwrap_key(struct d3d11_crypto_session *session, const void *wrapped,
        uint8_t key[VKDVA_AES_KEY_SIZE]);
/* CPU AES-128-CTR of an encrypted decode buffer (16-byte big-endian IV || Count); pattern or
 * sub-sample blocks select the encrypted bytes, which form one continuous CTR stream. */
HRESULT vkdva_protect_decrypt_buffer(const uint8_t key[VKDVA_AES_KEY_SIZE], const void *iv,
        const D3D11_ENCRYPTED_BLOCK_INFO *pattern, const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *subsamples,
        UINT subsample_count, const uint8_t *src, uint8_t *dst, size_t size);
/* Encrypts a decoded picture into subresource sub under the session key with a fresh nonce:
 * from CPU rows (planes one after another, row_pitch apart), or recorded into vk_cmd from
 * layer `layer` of an image (the caller orders the image before and the surface after). */
HRESULT vkdva_protect_write_plaintext(struct d3d11_texture2d *texture, UINT sub,
        struct d3d11_crypto_session *session, const void *data, size_t row_pitch, UINT width, UINT height);
HRESULT vkdva_protect_cmd_write_image(struct d3d11_texture2d *texture, UINT sub,
        struct d3d11_crypto_session *session, struct vkdva_command_stream *stream, VkCommandBuffer vk_cmd,
        VkImage vk_image, VkImageLayout vk_layout, UINT layer, UINT width, UINT height);
/* Where work on protected surfaces and private plaintext is recorded (device lock held): the
 * immediate context's stream, or in hardware mode the protected stream of the compute family,
 * ordered after everything the context recorded. End submits it in hardware mode (the
 * context's next submission waits for it); in software mode the caller flushes as it likes. */
HRESULT vkdva_protect_begin_commands(struct d3d11_device *device, struct vkdva_command_stream **stream,
        VkCommandBuffer *vk_cmd);
HRESULT vkdva_protect_end_commands(struct d3d11_device *device, struct vkdva_command_stream *stream,
        VkCommandBuffer vk_cmd);
/* CopyResource/CopySubresourceRegion of a whole subresource between protected surfaces of the
 * same format and size: re-encrypted to a fresh nonce of the source's session (lock held). */
HRESULT vkdva_protect_copy(struct d3d11_texture2d *dst, UINT dst_sub, struct d3d11_texture2d *src, UINT src_sub);

/* Queries. */
struct d3d11_query
{
    ID3D11Query ID3D11Query_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    D3D11_QUERY_DESC desc;
    bool ended;
    struct vkdva_gpu_use end_use;
    /* The software decodes submitted before End (vkdva_sw_decode_sequence()); 0 once written. */
    uint64_t sw_decode_sequence;
};

HRESULT d3d11_query_check_desc(const D3D11_QUERY_DESC *desc);
HRESULT d3d11_query_create(struct d3d11_device *device, const D3D11_QUERY_DESC *desc, struct d3d11_query **query);
struct d3d11_query *unsafe_impl_from_ID3D11Asynchronous(ID3D11Asynchronous *iface);

/* The immediate context. */
struct d3d11_immediate_context
{
    ID3D11DeviceContext ID3D11DeviceContext_iface;
    ID3D11VideoContext3 ID3D11VideoContext3_iface;
    ID3D11Multithread ID3D11Multithread_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    struct vkdva_command_stream stream;
};

HRESULT d3d11_immediate_context_init(struct d3d11_immediate_context *context, struct d3d11_device *device);
/* Records the copy of a buffer the caller filled (planes one after another, row_pitch bytes per
 * row) into a whole-picture region of a subresource; the caller keeps the buffer alive until
 * that work completes (texture->last_use). Takes the device lock. */
HRESULT d3d11_immediate_context_upload_buffer(struct d3d11_immediate_context *context,
        struct d3d11_texture2d *texture, UINT sub, UINT width, UINT height, VkBuffer vk_buffer, UINT row_pitch);
HRESULT d3d11_immediate_context_upload(struct d3d11_immediate_context *context, struct d3d11_texture2d *texture,
        UINT sub, UINT x, UINT y, UINT width, UINT height, const void *data, size_t row_pitch);
HRESULT d3d11_immediate_context_init_texture(struct d3d11_immediate_context *context,
        struct d3d11_texture2d *texture, const D3D11_SUBRESOURCE_DATA *data);
void d3d11_immediate_context_destroy(struct d3d11_immediate_context *context);
void d3d11_video_context_init_vtbl(struct d3d11_immediate_context *context);

/* Device. */
struct vkdva_device_caps
{
    uint32_t api_version;
    VkPhysicalDeviceProperties properties;
    VkPhysicalDeviceMemoryProperties memory_properties;
    uint8_t device_uuid[VK_UUID_SIZE];
    bool protected_memory;
    bool debug_utils;
    bool push_descriptor;
    bool video_queue;
    bool video_decode_h264;
    bool video_decode_h265;
    uint32_t max_compute_shared_memory_size;
};

struct d3d11_device
{
    ID3D11Device ID3D11Device_iface;
    ID3D11VideoDevice2 ID3D11VideoDevice2_iface;
    ID3D11Multithread ID3D11Multithread_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct vkdva_vk_procs vk_procs;
    VkInstance vk_instance;
    bool owns_instance;
    VkDebugUtilsMessengerEXT vk_messenger;
    VkPhysicalDevice vk_physical_device;
    VkDevice vk_device;
    struct vkdva_device_caps caps;
    struct vkdva_queue compute_queue;
    /* The queues of the video decode family; decode_queues[0] names the family where
     * decode_queue_count is 0 too (VK_QUEUE_FAMILY_IGNORED then). */
    struct vkdva_queue decode_queues[VKDVA_MAX_DECODE_QUEUES];
    unsigned int decode_queue_count;
    /* With caps.protected_memory: a protected-capable queue of the compute family, for
     * protected command streams (vkdva_command_stream_init_protected()). */
    struct vkdva_queue protected_queue;
    /* With caps.protected_memory and a protected-capable decode family: one protected queue of
     * that family, shared by the protected video sessions of every decoder (decoder_vk.c). */
    struct vkdva_queue protected_decode_queue;

    /* ID3D10Multithread/ID3D11Multithread: one recursive lock for the whole device. */
    pthread_mutex_t mutex;
    bool multithread_protected;
    HRESULT removed_reason;
    /* struct vkdva_decode_backend_info, or the default. */
    enum vkdva_decode_backend decode_backend;

    UINT create_flags;
    struct d3d11_immediate_context immediate_context;

    /* Content protection (device lock held): live crypto sessions, live protected textures,
     * and protect.c's GPU state. */
    struct vkdva_list crypto_sessions;
    struct vkdva_list protected_textures;
    struct vkdva_protect_state *protect;
    struct vkdva_aes_state *aes;
    /* crypto.c: the RSA key pair, certificate and device handle, made on first use. */
    struct vkdva_crypto_device *crypto;
    /* vp_blit.c: the video processor's pipelines and parameter ring, made on first use. */
    struct vkdva_vp_state *vp;
};

static inline struct d3d11_device *impl_from_ID3D11Device(ID3D11Device *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_device, ID3D11Device_iface);
}

struct d3d11_device *unsafe_impl_from_ID3D11Device(ID3D11Device *iface);
void d3d11_video_device_init_vtbl(struct d3d11_device *device);
UINT vkdva_video_format_support(struct d3d11_device *device, const struct vkdva_format *format);
HRESULT d3d11_device_create(const struct vkdva_device_create_info *create_info, struct d3d11_device **device);

void vkdva_device_lock(struct d3d11_device *device);
void vkdva_device_unlock(struct d3d11_device *device);
void vkdva_device_mark_lost(struct d3d11_device *device, VkResult vr);
HRESULT vkdva_device_check_removed(struct d3d11_device *device);
struct vkdva_queue *vkdva_device_acquire_decode_queue(struct d3d11_device *device);
void vkdva_device_release_decode_queue(struct d3d11_device *device, struct vkdva_queue *queue);
int vkdva_device_find_memory_type(struct d3d11_device *device, uint32_t type_bits,
        VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred);
HRESULT vkdva_device_create_buffer_from_info(struct d3d11_device *device, const VkBufferCreateInfo *buffer_info,
        VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred, VkBuffer *vk_buffer,
        VkDeviceMemory *vk_memory, void **mapped);
HRESULT vkdva_device_create_buffer(struct d3d11_device *device, VkDeviceSize size, VkBufferUsageFlags usage,
        VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred, VkBuffer *vk_buffer,
        VkDeviceMemory *vk_memory, void **mapped);
void vkdva_device_destroy_buffer(struct d3d11_device *device, VkBuffer vk_buffer, VkDeviceMemory vk_memory);
bool vkdva_device_has_format(struct d3d11_device *device, DXGI_FORMAT format);
UINT vkdva_device_get_format_support(struct d3d11_device *device, DXGI_FORMAT format);

/* Platform specifics (platform.c). */
PFN_vkGetInstanceProcAddr vkdva_platform_load_vulkan(void);

/* Vulkan bring-up (vulkan.c). */
HRESULT vkdva_vulkan_init(struct d3d11_device *device, const struct vkdva_device_create_info *create_info);
const void *vkdva_find_struct(const void *chain, enum vkdva_structure_type type);
void vkdva_vulkan_cleanup(struct d3d11_device *device);

#endif /* __VKDVA_PRIVATE_H */
