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

/* AES-128-CTR passes on the GPU (DESIGN decision 4): every encryption, decryption and
 * re-encryption of vkdva goes through vkdva_cmd_aes_ctr(), which records one or a few
 * dispatches of the two shaders built on shaders/aes.glsl:
 *
 * - aes_ctr.comp: whole 16-byte blocks at 16-byte aligned offsets, no pattern. Surfaces are
 *   always this case, so the re-encrypt of FinishSessionKeyRefresh and EncryptionBlt run here.
 * - aes_ctr_bytes.comp: any offset, any size, D3D11_ENCRYPTED_BLOCK_INFO patterns; used for
 *   the tail of a range that is not a multiple of 16 bytes, for unaligned ranges and for
 *   patterns (bitstreams, DecryptionBlt with partial encryption).
 *
 * Both take the raw keys and counters in push constants and expand the key schedules per
 * workgroup, so recording a pass allocates nothing and nothing has to outlive the command
 * buffer. The T-table layout (tables, replicas) is a specialization-constant choice made once
 * per device: see aes_choose_variant() and docs/PERFORMANCE.md.
 *
 * The shaders access whole 32-bit words: where a range does not end on a multiple of 4 bytes,
 * the word holding its last byte must lie inside the buffer (bytes outside the range are
 * written back unchanged). Source and destination are either the same range or disjoint.
 * Callers hold the device lock (device->aes is created on first use). */

#include "vkdva_private.h"
#include "aes_ctr.h"
#include "aes_ctr_bytes.h"
#include <stdio.h>

#define VKDVA_AES_FLAG_A 0x1u
#define VKDVA_AES_FLAG_B 0x2u
#define VKDVA_AES_FLAG_PATTERN 0x4u

/* Ranges are split so no dispatch binds more than this (and the 32-bit indices of the
 * shaders cannot overflow). */
#define VKDVA_AES_MAX_DISPATCH_BYTES (1u << 30)
#define VKDVA_AES_MAX_GROUPS 65535u

/* The push constants of shaders/aes.glsl. */
struct vkdva_aes_push_constants
{
    uint32_t key_a[4];
    uint32_t key_b[4];
    uint32_t ctr_a[4];
    uint32_t ctr_b[4];
    uint32_t src_base;
    uint32_t dst_base;
    uint32_t count;
    uint32_t flags;
    uint32_t pattern_first;
    uint32_t pattern_skip;
    uint32_t pattern_encrypt;
};

/* The specialization constants of the shaders: workgroup size, number of T-tables (1 or 4),
 * replicas of each table in shared memory, and for aes_ctr.comp blocks per invocation, how
 * they are interleaved and whether the keys are expanded into registers (shaders/aes.glsl).
 * max_groups caps the workgroups of one aes_ctr.comp dispatch (0: no cap but the device's), so
 * that each loops over several chunks of blocks after filling its tables once; counter_cache
 * shares rounds 1 and 2 between the blocks of an invocation (aes_ctr.comp, ctr_rounds12). */
struct vkdva_aes_variant
{
    uint32_t workgroup_size;
    uint32_t tables;
    uint32_t replicas;
    uint32_t blocks_per_invocation;
    uint32_t interleave;
    uint32_t register_keys;
    uint32_t max_groups;
    uint32_t counter_cache;
};

struct vkdva_aes_state
{
    struct vkdva_aes_variant variant;
    struct vkdva_compute_pipeline blocks;
    struct vkdva_compute_pipeline bytes;
    VkDeviceSize offset_alignment;
    VkDeviceSize max_dispatch_bytes;
};

static uint64_t aes_min(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

static uint32_t aes_shared_size(const struct vkdva_aes_variant *variant)
{
    /* Tables, then two key schedules, two precomputed first rounds and the key schedules as
     * vectors (aes.glsl), and the workgroup's part of round 2 (aes_ctr.comp). */
    return 256 * 4 * variant->tables * variant->replicas + 2 * 44 * 4 + 2 * 4 * 4 + 2 * 11 * 16 + 2 * 16 + 2 * 4;
}

/* VKDVA_AES_VARIANT=t<tables>r<replicas>[b<blocks>][w<workgroup size>][i<interleave>][k<register
 * keys>][g<groups>][c<counter cache>], e.g. "t1r32b4w256" or "t1r32b4w1024i1c1": for measuring
 * (docs/PERFORMANCE.md); not a stable interface. Letters left out keep the default. */
static bool aes_parse_variant(const char *s, struct vkdva_aes_variant *variant)
{
    unsigned long value;
    char key, *end;

    while (*s)
    {
        key = *s++;
        value = strtoul(s, &end, 10);
        if (end == s)
            return false;
        s = end;
        switch (key)
        {
            case 't': variant->tables = value; break;
            case 'r': variant->replicas = value; break;
            case 'b': variant->blocks_per_invocation = value; break;
            case 'w': variant->workgroup_size = value; break;
            case 'i': variant->interleave = value; break;
            case 'k': variant->register_keys = value; break;
            case 'g': variant->max_groups = value; break;
            case 'c': variant->counter_cache = value; break;
            default: return false;
        }
    }
    return (variant->tables == 1 || variant->tables == 4) && vkdva_is_power_of_two(variant->replicas)
            && variant->replicas <= 32 && variant->blocks_per_invocation >= 1 && variant->blocks_per_invocation <= 16
            && vkdva_is_power_of_two(variant->workgroup_size) && variant->workgroup_size >= 32
            && variant->workgroup_size <= 1024 && variant->interleave <= 2 && variant->register_keys <= 1
            && variant->max_groups <= VKDVA_AES_MAX_GROUPS && variant->counter_cache <= 1;
}

/* Bank-conflict-free lookups need one replica per bank (32 on NVIDIA and AMD): one Te0 table
 * with 32 replicas takes 32 KiB, so devices at the 16 KiB minimum (DESIGN decision 7) get
 * fewer replicas and some conflicts. */
static void aes_choose_variant(struct d3d11_device *device, struct vkdva_aes_variant *variant)
{
    const VkPhysicalDeviceLimits *limits = &device->caps.properties.limits;
    uint32_t shared_limit = device->caps.max_compute_shared_memory_size;
    struct vkdva_aes_variant requested;
    const char *env;

    bool cpu = device->caps.properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;

    /* Measured on an H200 (docs/PERFORMANCE.md): large workgroups amortise the per-workgroup
     * table fill and key expansion best, and running an invocation's four blocks round by
     * round with rounds 1-2 shared (i1c1) is the fastest way found (249 GB/s against 226 GB/s
     * block by block). CPU implementations (llvmpipe) compile and run smaller groups and the
     * plain loop much faster. */
    variant->workgroup_size = cpu ? 256 : 1024;
    variant->tables = 1;
    variant->replicas = 32;
    variant->blocks_per_invocation = 4;
    variant->interleave = cpu ? 0 : 1;
    variant->register_keys = 0;
    variant->max_groups = 0;
    variant->counter_cache = cpu ? 0 : 1;
    while (variant->replicas > 1 && aes_shared_size(variant) > shared_limit)
        variant->replicas /= 2;

    if ((env = getenv("VKDVA_AES_VARIANT")))
    {
        requested = *variant;
        if (!aes_parse_variant(env, &requested))
            WARN("Ignoring invalid VKDVA_AES_VARIANT \"%s\".\n", env);
        else if (aes_shared_size(&requested) > shared_limit)
            WARN("VKDVA_AES_VARIANT \"%s\" needs %u bytes of shared memory; the device allows %u.\n",
                    env, aes_shared_size(&requested), shared_limit);
        else
            *variant = requested;
    }
    while (variant->workgroup_size > limits->maxComputeWorkGroupSize[0]
            || variant->workgroup_size > limits->maxComputeWorkGroupInvocations)
        variant->workgroup_size /= 2;
    /* Keys in registers are only read round by round. */
    if (variant->register_keys && !variant->interleave)
        variant->interleave = 1;

    TRACE("AES variant: %u table(s) x %u replicas, %u blocks per invocation, workgroups of %u, "
            "interleave %u, keys in %s, at most %u groups, counter cache %u.\n", variant->tables,
            variant->replicas, variant->blocks_per_invocation, variant->workgroup_size, variant->interleave,
            variant->register_keys ? "registers" : "shared memory",
            variant->max_groups ? variant->max_groups : VKDVA_AES_MAX_GROUPS, variant->counter_cache);
}

static HRESULT aes_state_create(struct d3d11_device *device, struct vkdva_aes_state **state)
{
    static const VkDescriptorType binding_types[] =
    {
        VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
        VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
    };
    static const VkSpecializationMapEntry map_entries[] =
    {
        {0, offsetof(struct vkdva_aes_variant, workgroup_size), sizeof(uint32_t)},
        {1, offsetof(struct vkdva_aes_variant, tables), sizeof(uint32_t)},
        {2, offsetof(struct vkdva_aes_variant, replicas), sizeof(uint32_t)},
        {3, offsetof(struct vkdva_aes_variant, blocks_per_invocation), sizeof(uint32_t)},
        {4, offsetof(struct vkdva_aes_variant, interleave), sizeof(uint32_t)},
        {5, offsetof(struct vkdva_aes_variant, register_keys), sizeof(uint32_t)},
        {6, offsetof(struct vkdva_aes_variant, counter_cache), sizeof(uint32_t)},
    };
    const VkPhysicalDeviceLimits *limits = &device->caps.properties.limits;
    struct vkdva_compute_pipeline_desc desc;
    VkSpecializationInfo specialization;
    struct vkdva_aes_state *aes;
    HRESULT hr;

    if (!(aes = vkdva_calloc(1, sizeof(*aes))))
        return E_OUTOFMEMORY;
    aes_choose_variant(device, &aes->variant);
    aes->offset_alignment = vkdva_max_u(limits->minStorageBufferOffsetAlignment, 16);
    /* Leave room for the bound range to start up to one alignment early. */
    aes->max_dispatch_bytes = aes_min(VKDVA_AES_MAX_DISPATCH_BYTES,
            (limits->maxStorageBufferRange - aes->offset_alignment - 16) & ~(VkDeviceSize)15);

    specialization = (VkSpecializationInfo)
    {
        .mapEntryCount = ARRAY_SIZE(map_entries),
        .pMapEntries = map_entries,
        .dataSize = sizeof(aes->variant),
        .pData = &aes->variant,
    };
    desc = (struct vkdva_compute_pipeline_desc)
    {
        .code = vkdva_spv_aes_ctr,
        .code_size = sizeof(vkdva_spv_aes_ctr),
        .binding_types = binding_types,
        .binding_count = ARRAY_SIZE(binding_types),
        .push_constant_size = sizeof(struct vkdva_aes_push_constants),
        .specialization = &specialization,
    };
    if (FAILED(hr = vkdva_compute_pipeline_create(device, &desc, &aes->blocks)))
        goto out_free;
    /* aes_ctr_bytes.comp uses the table layout only: leaving the other constants out lets
     * variants that differ in them share its pipeline in a shader cache. */
    specialization.mapEntryCount = 3;
    desc.code = vkdva_spv_aes_ctr_bytes;
    desc.code_size = sizeof(vkdva_spv_aes_ctr_bytes);
    if (FAILED(hr = vkdva_compute_pipeline_create(device, &desc, &aes->bytes)))
        goto out_destroy_blocks;

    *state = aes;
    return S_OK;

out_destroy_blocks:
    vkdva_compute_pipeline_destroy(device, &aes->blocks);
out_free:
    vkdva_free(aes);
    return hr;
}

static void aes_clear(void *data, size_t size)
{
    volatile uint8_t *p = data;

    while (size--)
        *p++ = 0;
}

static void aes_set_key(uint32_t words[4], const uint8_t key[VKDVA_AES_KEY_SIZE])
{
    unsigned int i;

    for (i = 0; i < 4; ++i)
        words[i] = (uint32_t)key[4 * i] << 24 | key[4 * i + 1] << 16 | key[4 * i + 2] << 8 | key[4 * i + 3];
}

static void aes_set_counter(uint32_t words[4], uint64_t nonce, uint64_t block)
{
    words[0] = nonce >> 32;
    words[1] = (uint32_t)nonce;
    words[2] = block >> 32;
    words[3] = (uint32_t)block;
}

static void aes_advance_counter(uint32_t words[4], uint64_t blocks)
{
    uint64_t block = ((uint64_t)words[2] << 32 | words[3]) + blocks;

    words[2] = block >> 32;
    words[3] = (uint32_t)block;
}

/* Binds buffer bytes [offset, offset + size) from the aligned offset at or below it; returns
 * how many bytes the range starts after the bound start. The bound size is rounded up to 4
 * bytes (the shaders access whole words). */
static VkDeviceSize aes_bind(const struct vkdva_aes_state *aes, struct vkdva_compute_binding *binding,
        VkBuffer vk_buffer, VkDeviceSize offset, VkDeviceSize size)
{
    VkDeviceSize base = offset - offset % aes->offset_alignment;

    memset(binding, 0, sizeof(*binding));
    binding->buffer.buffer = vk_buffer;
    binding->buffer.offset = base;
    binding->buffer.range = (offset - base + size + 3) & ~(VkDeviceSize)3;
    return offset - base;
}

/* Whole blocks: src_offset and dst_offset are multiples of 16, size a multiple of 16. */
static void aes_record_blocks(struct d3d11_device *device, const struct vkdva_aes_state *aes, VkCommandBuffer vk_cmd,
        VkBuffer src, VkDeviceSize src_offset, VkBuffer dst, VkDeviceSize dst_offset, VkDeviceSize size,
        struct vkdva_aes_push_constants *push)
{
    uint32_t per_group = aes->variant.workgroup_size * aes->variant.blocks_per_invocation;
    uint32_t max_groups = aes->variant.max_groups ? aes->variant.max_groups : VKDVA_AES_MAX_GROUPS;
    struct vkdva_compute_binding bindings[2];
    uint64_t blocks = size / 16, count;

    while (blocks)
    {
        /* The shader adds block indices to the low counter word only: stop where it wraps. */
        count = aes_min(blocks, aes->max_dispatch_bytes / 16);
        if (push->flags & VKDVA_AES_FLAG_A)
            count = aes_min(count, (1ull << 32) - push->ctr_a[3]);
        if (push->flags & VKDVA_AES_FLAG_B)
            count = aes_min(count, (1ull << 32) - push->ctr_b[3]);

        push->src_base = aes_bind(aes, &bindings[0], src, src_offset, count * 16) / 16;
        push->dst_base = aes_bind(aes, &bindings[1], dst, dst_offset, count * 16) / 16;
        push->count = count;
        vkdva_cmd_dispatch(device, vk_cmd, &aes->blocks, bindings, push,
                aes_min((count + per_group - 1) / per_group, max_groups), 1, 1);

        aes_advance_counter(push->ctr_a, count);
        aes_advance_counter(push->ctr_b, count);
        src_offset += count * 16;
        dst_offset += count * 16;
        blocks -= count;
    }
}

/* Any range; with a pattern, size is at most max_dispatch_bytes. */
static void aes_record_bytes(struct d3d11_device *device, const struct vkdva_aes_state *aes, VkCommandBuffer vk_cmd,
        VkBuffer src, VkDeviceSize src_offset, VkBuffer dst, VkDeviceSize dst_offset, VkDeviceSize size,
        struct vkdva_aes_push_constants *push)
{
    struct vkdva_compute_binding bindings[2];
    uint64_t count, pieces;

    while (size)
    {
        count = aes_min(size, aes->max_dispatch_bytes);
        push->src_base = aes_bind(aes, &bindings[0], src, src_offset, count);
        push->dst_base = aes_bind(aes, &bindings[1], dst, dst_offset, count);
        push->count = count;
        pieces = (push->dst_base + count + 15) / 16;
        vkdva_cmd_dispatch(device, vk_cmd, &aes->bytes, bindings, push,
                aes_min((pieces + aes->variant.workgroup_size - 1) / aes->variant.workgroup_size, VKDVA_AES_MAX_GROUPS),
                1, 1);

        aes_advance_counter(push->ctr_a, count / 16);
        aes_advance_counter(push->ctr_b, count / 16);
        src_offset += count;
        dst_offset += count;
        size -= count;
    }
}

HRESULT vkdva_cmd_aes_ctr(struct d3d11_device *device, VkCommandBuffer vk_cmd,
        VkBuffer src, VkDeviceSize src_offset, VkBuffer dst, VkDeviceSize dst_offset, VkDeviceSize size,
        const struct vkdva_ctr_params *from, const struct vkdva_ctr_params *to,
        const D3D11_ENCRYPTED_BLOCK_INFO *pattern)
{
    struct vkdva_aes_push_constants push = {0};
    struct vkdva_aes_state *aes;
    VkDeviceSize whole;
    HRESULT hr;

    if (!size)
        return S_OK;
    if (!(aes = device->aes))
    {
        if (FAILED(hr = aes_state_create(device, &aes)))
            return hr;
        device->aes = aes;
    }

    if (from)
    {
        push.flags |= VKDVA_AES_FLAG_A;
        aes_set_key(push.key_a, from->key);
        aes_set_counter(push.ctr_a, from->nonce, from->first_block);
    }
    if (to)
    {
        push.flags |= VKDVA_AES_FLAG_B;
        aes_set_key(push.key_b, to->key);
        aes_set_counter(push.ctr_b, to->nonce, to->first_block);
    }

    /* Normalise the pattern (it only concerns "from"): an all-encrypted one is no pattern,
     * and no period needs to be longer than the range, which keeps the shader's sums in
     * 32 bits. */
    if (from && pattern && pattern->NumEncryptedBytesAtBeginning < size
            && (pattern->NumBytesInSkipPattern || !pattern->NumBytesInEncryptPattern))
    {
        if (size > aes->max_dispatch_bytes)
        {
            FIXME("Partially encrypted range of %#" PRIx64 " bytes.\n", (uint64_t)size);
            aes_clear(&push, sizeof(push));
            return E_NOTIMPL;
        }
        push.flags |= VKDVA_AES_FLAG_PATTERN;
        push.pattern_first = pattern->NumEncryptedBytesAtBeginning;
        push.pattern_skip = aes_min(pattern->NumBytesInSkipPattern, size);
        push.pattern_encrypt = push.pattern_skip >= size ? 0 : aes_min(pattern->NumBytesInEncryptPattern, size);
        aes_record_bytes(device, aes, vk_cmd, src, src_offset, dst, dst_offset, size, &push);
    }
    else
    {
        whole = src_offset % 16 || dst_offset % 16 ? 0 : size & ~(VkDeviceSize)15;
        if (whole)
            aes_record_blocks(device, aes, vk_cmd, src, src_offset, dst, dst_offset, whole, &push);
        if (size > whole)
            aes_record_bytes(device, aes, vk_cmd, src, src_offset + whole, dst, dst_offset + whole,
                    size - whole, &push);
    }
    /* The keys are in the command buffer now; leave no copy on the stack. */
    aes_clear(&push, sizeof(push));
    return S_OK;
}

/* The variant in use, in VKDVA_AES_VARIANT's syntax (for vkdva-bench); empty before the first
 * pass. */
void vkdva_aes_get_variant_name(struct d3d11_device *device, char *buffer, size_t size)
{
    const struct vkdva_aes_variant *v;

    if (!device->aes)
    {
        snprintf(buffer, size, "%s", "");
        return;
    }
    v = &device->aes->variant;
    snprintf(buffer, size, "t%ur%ub%uw%ui%uk%ug%u", v->tables, v->replicas, v->blocks_per_invocation,
            v->workgroup_size, v->interleave, v->register_keys, v->max_groups);
}

void vkdva_aes_device_cleanup(struct d3d11_device *device)
{
    struct vkdva_aes_state *aes;

    if (!(aes = device->aes))
        return;
    vkdva_compute_pipeline_destroy(device, &aes->bytes);
    vkdva_compute_pipeline_destroy(device, &aes->blocks);
    vkdva_free(aes);
    device->aes = NULL;
}
