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

#ifndef __VKDVA_DECODER_H
#define __VKDVA_DECODER_H

#include "vkdva_private.h"
#include "bitstream.h"

/* The decode core (decoder.c) collects what the application submitted for one picture; a
 * codec file (decoder_h264.c, decoder_hevc.c) interprets the DXVA structures; a backend
 * (decoder_sw.c: libavcodec; decoder_vk.c: Vulkan Video) decodes. The core never asks which
 * codec it is. */

#define VKDVA_MAX_DECODER_BUFFER_TYPES 16u

struct d3d11_video_decoder;

/* How a bitstream buffer is encrypted (AES-128-CTR under the frame's content_key): the
 * D3D11_VIDEO_DECODER_BUFFER_DESC pIV (a big-endian D3D11_AES_CTR_IV, IV || Count),
 * PartialEncryption and EncryptedBlockInfo, or the D3D11_VIDEO_DECODER_BUFFER_DESC1 sub-sample
 * mapping blocks. Which bytes are encrypted, and with which counter block, is defined once, in
 * protect_bitstream.c (docs/CONTENT-PROTECTION.md, "Encrypted buffers"). */
struct vkdva_bitstream_encryption
{
    uint8_t iv[2 * sizeof(UINT64)];
    /* PartialEncryption: pattern selects the encrypted bytes. */
    bool partial;
    D3D11_ENCRYPTED_BLOCK_INFO pattern;
    /* Sub-sample mapping (NULL for none): ClearSize then EncryptedSize bytes per block. */
    const D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *subsamples;
    UINT subsample_count;
};

/* One picture as submitted, after the core checked sizes and offsets. */
struct vkdva_decode_frame
{
    const void *picture_params;
    size_t picture_params_size;
    const void *qmatrix;
    size_t qmatrix_size;
    const void *slice_control;
    size_t slice_control_size;
    const uint8_t *bitstream;
    size_t bitstream_size;

    struct d3d11_texture2d *output;
    UINT output_slice;
    /* The decoder's crypto session, when it has one: the output is a protected surface,
     * encrypted under its session key (protect.c); bitstream buffers submitted with an IV are
     * decrypted with content_key before decoding. */
    struct d3d11_crypto_session *crypto_session;
    uint8_t content_key[VKDVA_AES_KEY_SIZE];
    /* An encrypted bitstream that the backend decrypts on the GPU (decrypts_bitstream):
     * ciphertext is the application's buffer (bitstream_size bytes), encrypted as encryption
     * says, and bitstream holds plaintext only in the first slice_header_limit bytes of each
     * slice (the codec's slice_header_bytes), for the codec's slice-header reads; the codec
     * reads no further (vkdva_decode_frame_readable()). NULL / 0 for clear bitstreams and for
     * bitstreams the core decrypted on the CPU. */
    const uint8_t *ciphertext;
    struct vkdva_bitstream_encryption encryption;
    size_t slice_header_limit;
    /* The decoder's D3D11_VIDEO_DECODER_DESC size: no picture may be larger. */
    UINT max_width;
    UINT max_height;
};

/* Slice data located in the bitstream buffer (start code included where the stream has one). */
struct vkdva_slice
{
    uint32_t offset;
    uint32_t size;
};

/* What the software backend hands to libavcodec for one picture. */
struct vkdva_sw_picture
{
    /* Parameter sets to send before the slices (empty when unchanged). */
    struct vkdva_bytes parameter_sets;
    struct vkdva_slice *slices;
    size_t slice_count;
    /* Where the slices are: the frame's bitstream buffer, or (non-NULL) slices the codec
     * rewrote into a buffer of its state. */
    const uint8_t *slice_data;
    /* The picture is the second field of a frame already decoded into the same surface. */
    bool second_field;
    /* The decoder allocates the picture before the missing references it generates (HEVC),
     * not after them (H.264 frame-number gaps). */
    bool picture_allocated_first;
};

enum vkdva_codec
{
    VKDVA_CODEC_H264,
    VKDVA_CODEC_HEVC,
};

/* A status report, before the codec writes it as DXVA_Status_H264 or DXVA_Status_HEVC. */
struct vkdva_decode_status
{
    UINT feedback_number;
    BYTE curr_pic;
    BYTE field_pic_flag;
    /* DXVA bStatus: 0 fine, 1 minor problem, 2 significant problem, 3 not decoded. */
    BYTE status;
    USHORT mbs_affected;
};

/* A Vulkan video profile with its codec-specific parts (H.264 or H.265). */
struct vkdva_vk_profile
{
    VkVideoProfileInfoKHR profile;
    VkVideoProfileListInfoKHR list;
    union
    {
        VkVideoDecodeH264ProfileInfoKHR h264;
        VkVideoDecodeH265ProfileInfoKHR h265;
    } codec;
    union
    {
        VkVideoDecodeH264CapabilitiesKHR h264;
        VkVideoDecodeH265CapabilitiesKHR h265;
    } codec_caps;
    VkVideoDecodeCapabilitiesKHR decode_caps;
    VkVideoCapabilitiesKHR caps;
};

#define VKDVA_MAX_VK_REFERENCES 16u

/* One picture as the Vulkan Video backend submits it; the pointers stay valid until the
 * codec's next prepare_vk call. Slice offsets in picture_info are relative to the slices
 * concatenated in order. */
struct vkdva_vk_picture
{
    /* New or changed parameter sets (codec add-info structure), or NULL. */
    const void *parameters_add_info;
    /* A parameter set of an already used id changed: the parameters object must be recreated. */
    bool parameters_reset;
    const void *picture_info;
    const void *setup_slot_info;
    uint8_t surface;
    bool second_field;
    struct
    {
        uint8_t surface;
        const void *slot_info;
    } refs[VKDVA_MAX_VK_REFERENCES];
    unsigned int ref_count;
    struct vkdva_slice *slices;
    size_t slice_count;
};

struct vkdva_codec_ops
{
    const GUID *profile;
    const char *name;
    /* Output formats, in order of preference. */
    const DXGI_FORMAT *formats;
    unsigned int format_count;
    enum vkdva_codec codec;
    size_t picture_params_size;
    size_t qmatrix_size;
    /* Bytes of one slice-control entry for a ConfigBitstreamRaw value; 0 if unsupported. */
    size_t (*slice_control_entry_size)(UINT config_bitstream_raw);
    UINT max_width, max_height;
    /* The most bytes of a slice (from its DXVA location, start code included) that prepare_vk
     * reads, whatever the stream: with a bitstream decrypted on the GPU only these are
     * decrypted on the CPU (decoder.c). */
    size_t vk_slice_header_bytes;

    /* Software backend: builds the picture's Annex-B input; per-decoder codec state lives in
     * *state (created on first use, freed by free_state). */
    HRESULT (*prepare_sw)(void **state, const struct vkdva_decode_frame *frame, UINT config_bitstream_raw,
            struct vkdva_sw_picture *picture);
    void (*free_state)(void *state);

    /* Vulkan Video backend. */
    VkVideoCodecOperationFlagBitsKHR vk_codec_op;
    void (*init_vk_profile)(struct vkdva_vk_profile *profile, DXGI_FORMAT format, bool interlaced);
    HRESULT (*prepare_vk)(void **state, const struct vkdva_decode_frame *frame, UINT config_bitstream_raw,
            struct vkdva_vk_picture *picture);
    /* Fills the codec's session-parameters create structure (pNext of
     * VkVideoSessionParametersCreateInfoKHR) around the add info, with room for every id. */
    const void *(*vk_parameters_create_info)(void *state, const void *add_info);
    /* Optional: the DPB slot chosen for each picture->refs[] entry (-1 where it has none). */
    void (*resolve_vk_slots)(void *state, const int *slots);
    void (*free_vk_state)(void *state);
    /* A deep copy (one vkdva_free()able allocation) of a picture or DPB slot information
     * structure prepare_vk() made, for the floor capture; NULL if it cannot. */
    void *(*clone_vk_info)(const void *info);

    /* Status reports: which picture a submission was, and its DXVA status structure. */
    void (*describe_picture)(const struct vkdva_decode_frame *frame, struct vkdva_decode_status *status);
    size_t status_size;
    void (*write_status)(const struct vkdva_decode_status *status, void *out);
};

/* Defines a codec's clone_vk_info(): a deep copy, in one allocation, of the picture or DPB slot
 * information structure its prepare_vk() chains into the decode commands (kept by the floor
 * capture). The two codecs' structures differ only in their names. */
#define VKDVA_DEFINE_CLONE_VK_INFO(name, picture_stype, picture_type, std_picture_type, slice_count, \
        slice_offsets, slot_stype, slot_type, std_slot_type) \
static void *name(const void *info) \
{ \
    const VkBaseInStructure *base = info; \
\
    if (base->pNext) \
        return NULL; \
    if (base->sType == picture_stype) \
    { \
        const picture_type *picture = info; \
        struct \
        { \
            picture_type info; \
            std_picture_type std; \
            uint32_t offsets[]; \
        } *copy; \
\
        if (!(copy = vkdva_malloc(sizeof(*copy) + picture->slice_count * sizeof(*copy->offsets)))) \
            return NULL; \
        copy->info = *picture; \
        copy->std = *picture->pStdPictureInfo; \
        memcpy(copy->offsets, picture->slice_offsets, picture->slice_count * sizeof(*copy->offsets)); \
        copy->info.pStdPictureInfo = &copy->std; \
        copy->info.slice_offsets = copy->offsets; \
        return copy; \
    } \
    if (base->sType == slot_stype) \
    { \
        const slot_type *slot = info; \
        struct \
        { \
            slot_type info; \
            std_slot_type std; \
        } *copy; \
\
        if (!(copy = vkdva_malloc(sizeof(*copy)))) \
            return NULL; \
        copy->info = *slot; \
        copy->std = *slot->pStdReferenceInfo; \
        copy->info.pStdReferenceInfo = &copy->std; \
        return copy; \
    } \
    return NULL; \
}

extern const struct vkdva_codec_ops vkdva_h264_ops;
extern const struct vkdva_codec_ops vkdva_hevc_main_ops;
extern const struct vkdva_codec_ops vkdva_hevc_main10_ops;

const struct vkdva_codec_ops *vkdva_codec_ops_from_profile(const GUID *profile);

/* Backends. */
struct vkdva_decoder_backend_ops
{
    const char *name;
    /* Encrypted bitstreams reach decode() as ciphertext (frame->ciphertext), decrypted by the
     * backend on the GPU; otherwise the core decrypts them on the CPU first. */
    bool decrypts_bitstream;
    bool (*supports)(struct d3d11_device *device, const struct vkdva_codec_ops *codec, DXGI_FORMAT format);
    HRESULT (*create)(struct d3d11_video_decoder *decoder, void **backend);
    HRESULT (*decode)(void *backend, const struct vkdva_decode_frame *frame);
    /* Turns finished work into status reports (vkdva_decoder_add_status); may be NULL. */
    void (*collect_statuses)(void *backend);
    void (*destroy)(void *backend);
    /* vkdva-bench's direct-Vulkan floor (may be NULL): keep the decode commands of the next
     * picture_count pictures decoded, then submit them again straight to Vulkan. */
    HRESULT (*floor_capture)(void *backend, unsigned int picture_count);
    HRESULT (*floor_replay)(void *backend, unsigned int repeat);
};

extern const struct vkdva_decoder_backend_ops vkdva_sw_decoder_backend;
extern const struct vkdva_decoder_backend_ops vkdva_vk_decoder_backend;


struct d3d11_video_decoder
{
    ID3D11VideoDecoder ID3D11VideoDecoder_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    D3D11_VIDEO_DECODER_DESC desc;
    D3D11_VIDEO_DECODER_CONFIG config;
    const struct vkdva_codec_ops *codec;
    const struct vkdva_decoder_backend_ops *backend_ops;
    void *backend;

    /* Application buffers handed out by GetDecoderBuffer, indexed by buffer type. */
    struct
    {
        BYTE *data;
        UINT size;
        bool acquired;
    } buffers[VKDVA_MAX_DECODER_BUFFER_TYPES];

    /* Between DecoderBeginFrame and DecoderEndFrame. */
    bool in_frame;
    struct d3d11_video_decoder_output_view *output_view;
    struct vkdva_decode_frame frame;

    /* Bound by ConfigureAuthenticatedChannel(D3D11_AUTHENTICATED_CONFIGURE_CRYPTO_SESSION)
     * (a reference is held): bitstreams may be encrypted under its keys and the output
     * surfaces are protected under its session key. */
    struct d3d11_crypto_session *crypto_session;
    /* Decrypted bitstream, private to vkdva: the application's buffer keeps the ciphertext.
     * With a backend that decrypts on the GPU, only slice-header prefixes, wiped after use. */
    BYTE *clear_bitstream;
    /* The sub-sample mapping blocks of the frame's encrypted bitstream, copied. */
    D3D11_VIDEO_DECODER_SUB_SAMPLE_MAPPING_BLOCK *subsamples;
    size_t subsamples_size;
    /* GPU decryption of encrypted bitstreams (protect_bitstream.c), created on first use. */
    struct vkdva_bitstream_decryptor *bitstream_decryptor;

    /* Status reports not yet read by the application, oldest first. */
    struct vkdva_decode_status *statuses;
    size_t statuses_size;
    size_t status_count;
};

struct d3d11_video_decoder_output_view
{
    ID3D11VideoDecoderOutputView ID3D11VideoDecoderOutputView_iface;
    unsigned int refcount;

    struct vkdva_private_store private_store;
    struct d3d11_device *device;
    D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC desc;
    struct d3d11_texture2d *texture;
    /* The GPU work that last decoded into this slice: DecoderBeginFrame answers E_PENDING
     * until it completes. */
    struct vkdva_gpu_use last_decode;
};

HRESULT d3d11_video_decoder_create(struct d3d11_device *device, const D3D11_VIDEO_DECODER_DESC *desc,
        const D3D11_VIDEO_DECODER_CONFIG *config, struct d3d11_video_decoder **decoder);
struct d3d11_video_decoder *unsafe_impl_from_ID3D11VideoDecoder(ID3D11VideoDecoder *iface);
HRESULT d3d11_video_decoder_output_view_create(struct d3d11_device *device, ID3D11Resource *resource,
        const D3D11_VIDEO_DECODER_OUTPUT_VIEW_DESC *desc, struct d3d11_video_decoder_output_view **view);
struct d3d11_video_decoder_output_view *unsafe_impl_from_ID3D11VideoDecoderOutputView(
        ID3D11VideoDecoderOutputView *iface);

/* ID3D11VideoContext decode methods, called by video_context.c. */
HRESULT vkdva_decoder_begin_frame(struct d3d11_video_decoder *decoder,
        struct d3d11_video_decoder_output_view *view, UINT key_size, const void *key);
HRESULT vkdva_decoder_end_frame(struct d3d11_video_decoder *decoder);
HRESULT vkdva_decoder_get_buffer(struct d3d11_video_decoder *decoder, D3D11_VIDEO_DECODER_BUFFER_TYPE type,
        UINT *size, void **data);
HRESULT vkdva_decoder_release_buffer(struct d3d11_video_decoder *decoder, D3D11_VIDEO_DECODER_BUFFER_TYPE type);
HRESULT vkdva_decoder_submit_buffers(struct d3d11_video_decoder *decoder, UINT count,
        const D3D11_VIDEO_DECODER_BUFFER_DESC *descs);
/* The same with CENC sub-sample mapping blocks per buffer (SubmitDecoderBuffers1); NULL for none. */
HRESULT vkdva_decoder_submit_buffers1(struct d3d11_video_decoder *decoder, UINT count,
        const D3D11_VIDEO_DECODER_BUFFER_DESC *descs, const D3D11_VIDEO_DECODER_BUFFER_DESC1 *descs1);
HRESULT vkdva_decoder_extension(struct d3d11_video_decoder *decoder, const D3D11_VIDEO_DECODER_EXTENSION *ext);
void vkdva_decoder_add_status(struct d3d11_video_decoder *decoder, const struct vkdva_decode_status *status);

/* Decoder profiles this device serves, and with which formats. */
bool vkdva_codec_usable(struct d3d11_device *device, const struct vkdva_codec_ops *codec);
UINT vkdva_decoder_profile_count(struct d3d11_device *device);
const struct vkdva_codec_ops *vkdva_decoder_profile(struct d3d11_device *device, UINT index);
const struct vkdva_decoder_backend_ops *vkdva_decoder_select_backend(struct d3d11_device *device,
        const struct vkdva_codec_ops *codec, DXGI_FORMAT format);

/* How many bytes of a slice of size bytes the codec may read from frame->bitstream. */
static inline size_t vkdva_decode_frame_readable(const struct vkdva_decode_frame *frame, size_t size)
{
    return frame->slice_header_limit && frame->slice_header_limit < size ? frame->slice_header_limit : size;
}

/* protect_bitstream.c: encrypted bitstream buffers, the one definition of their encryption.
 * Decrypts bytes [begin, end) of a size-byte encrypted buffer src into dst (same offsets; other
 * bytes of dst are not written) on the CPU. */
HRESULT vkdva_bitstream_decrypt_range(const uint8_t key[VKDVA_AES_KEY_SIZE],
        const struct vkdva_bitstream_encryption *encryption, const uint8_t *src, uint8_t *dst, size_t size,
        size_t begin, size_t end);
/* Records into vk_cmd the GPU decryption of a size-byte encrypted buffer at src_offset of src
 * into dst_offset of dst, exactly as vkdva_bitstream_decrypt_range() over the whole buffer.
 * Sub-sample maps use work (size + 32 bytes at work_offset, a multiple of 16) for the gathered
 * encrypted bytes. dst and work may be one buffer, not overlapping ranges; src is only read,
 * so it may be unprotected in a protected command buffer. The caller records the barrier
 * after it. */
HRESULT vkdva_cmd_decrypt_bitstream(struct d3d11_device *device, VkCommandBuffer vk_cmd,
        const uint8_t key[VKDVA_AES_KEY_SIZE], const struct vkdva_bitstream_encryption *encryption,
        VkBuffer src, VkDeviceSize src_offset, VkBuffer work, VkDeviceSize work_offset,
        VkBuffer dst, VkDeviceSize dst_offset, VkDeviceSize size);
/* The Vulkan Video backend's encrypted bitstream (frame->ciphertext): uploads the ciphertext,
 * decrypts it on the compute queue and gathers the slices, in order and padded with zeros to
 * range bytes, into a private device-local buffer the decode reads (*buffer at *offset, a
 * multiple of offset_alignment). decode_stream's next submission waits for that pass; the next
 * pass that rewrites the region waits for that submission. Creates *decryptor on first use. */
HRESULT vkdva_bitstream_decryptor_decrypt(struct vkdva_bitstream_decryptor **decryptor,
        struct d3d11_device *device, const struct vkdva_decode_frame *frame, const VkVideoProfileListInfoKHR *profiles,
        const struct vkdva_slice *slices, size_t slice_count, VkDeviceSize range, VkDeviceSize offset_alignment,
        struct vkdva_command_stream *decode_stream, VkBuffer *buffer, VkDeviceSize *offset);
void vkdva_bitstream_decryptor_destroy(struct vkdva_bitstream_decryptor *decryptor);

/* vkdva-bench's floor mode (not part of the D3D11 API): capture the Vulkan decode commands of
 * the next \a picture_count pictures decoded, then replay them \a repeat times, as a program
 * using Vulkan Video directly would submit them. The decoder's references are lost after a
 * replay. */
HRESULT vkdva_decoder_floor_capture(ID3D11VideoDecoder *iface, unsigned int picture_count);
HRESULT vkdva_decoder_floor_replay(ID3D11VideoDecoder *iface, unsigned int repeat);

#endif /* __VKDVA_DECODER_H */
