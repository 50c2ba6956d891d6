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

/* The checking half of the layer: protected command pools and buffers, and every recorded
 * command a protected implementation with protectedNoFault = VK_FALSE forbids (memory.adoc,
 * "Protected Memory Access Rules"): writes to unprotected memory from a protected command
 * buffer, protected resources in an unprotected one, queries and indirect commands in
 * protected ones. Which descriptors a dispatch writes comes from the shader's SPIR-V: storage
 * buffers, storage images and storage texel buffers not decorated NonWritable (GLSL
 * "readonly"). */

#include "layer.h"

enum descriptor_kind
{
    DESCRIPTOR_BUFFER,
    DESCRIPTOR_BUFFER_VIEW,
    DESCRIPTOR_IMAGE_VIEW,
};

struct layer_descriptor
{
    uint32_t binding;
    uint32_t element;
    VkDescriptorType type;
    enum descriptor_kind kind;
    uint64_t handle;
};

struct layer_descriptors
{
    struct layer_descriptor *entries;
    size_t count;
    size_t size;
};

struct layer_pool
{
    struct layer_device *device;
    bool is_protected;
};

struct layer_cmd
{
    struct layer_device *device;
    uint64_t pool;
    bool is_protected;
    bool secondary;
    uint64_t pipeline;
    uint64_t sets[LAYER_MAX_SETS];
    bool pushed[LAYER_MAX_SETS];
    struct layer_descriptors push[LAYER_MAX_SETS];
};

struct layer_binding
{
    uint32_t set;
    uint32_t binding;
    bool writable;
};

/* A shader module's or a compute pipeline's descriptor bindings. */
struct layer_shader
{
    struct layer_binding *bindings;
    size_t count;
};

struct layer_set
{
    uint64_t pool;
    struct layer_descriptors descriptors;
};

static struct layer_map layer_pools, layer_cmds, layer_modules, layer_pipelines, layer_sets;

static void descriptors_put(struct layer_descriptors *list, uint32_t binding, uint32_t element, VkDescriptorType type,
        enum descriptor_kind kind, uint64_t handle)
{
    size_t i;

    for (i = 0; i < list->count; ++i)
    {
        if (list->entries[i].binding == binding && list->entries[i].element == element)
            break;
    }
    if (i == list->count)
    {
        if (list->count == list->size)
        {
            list->size = list->size ? list->size * 2 : 8;
            if (!(list->entries = realloc(list->entries, list->size * sizeof(*list->entries))))
                abort();
        }
        ++list->count;
    }
    list->entries[i].binding = binding;
    list->entries[i].element = element;
    list->entries[i].type = type;
    list->entries[i].kind = kind;
    list->entries[i].handle = handle;
}

static void descriptors_write(struct layer_descriptors *list, const VkWriteDescriptorSet *write)
{
    enum descriptor_kind kind;
    uint64_t handle;
    uint32_t i;

    for (i = 0; i < write->descriptorCount; ++i)
    {
        switch (write->descriptorType)
        {
            case VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER:
            case VK_DESCRIPTOR_TYPE_SAMPLED_IMAGE:
            case VK_DESCRIPTOR_TYPE_STORAGE_IMAGE:
            case VK_DESCRIPTOR_TYPE_INPUT_ATTACHMENT:
                kind = DESCRIPTOR_IMAGE_VIEW;
                handle = HANDLE_KEY(write->pImageInfo[i].imageView);
                break;
            case VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER:
            case VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER:
                kind = DESCRIPTOR_BUFFER_VIEW;
                handle = HANDLE_KEY(write->pTexelBufferView[i]);
                break;
            case VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER:
            case VK_DESCRIPTOR_TYPE_STORAGE_BUFFER:
            case VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC:
            case VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC:
                kind = DESCRIPTOR_BUFFER;
                handle = HANDLE_KEY(write->pBufferInfo[i].buffer);
                break;
            default:
                continue;
        }
        descriptors_put(list, write->dstBinding, write->dstArrayElement + i, write->descriptorType, kind, handle);
    }
}

static bool descriptor_type_is_storage(VkDescriptorType type)
{
    return type == VK_DESCRIPTOR_TYPE_STORAGE_IMAGE || type == VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER
            || type == VK_DESCRIPTOR_TYPE_STORAGE_BUFFER || type == VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC;
}

/* Whether a resource (buffer, image, or a view of one) is protected; false with *known false
 * for resources the layer does not know (destroyed, or created before it). Lock held. */
static bool resource_protected(struct layer_map *map, uint64_t handle, bool *known)
{
    struct layer_resource *state;

    if (!(state = layer_map_get(map, handle)))
    {
        *known = false;
        return false;
    }
    *known = true;
    return state->is_protected;
}

/* Whether the image behind an image view is protected (known as resource_protected()). Lock held. */
static bool image_view_protected(uint64_t handle, bool *known)
{
    struct layer_view *view;

    if (!(view = layer_map_get(&layer_image_views, handle)))
    {
        *known = false;
        return false;
    }
    return resource_protected(&layer_images, view->resource, known);
}

static bool descriptor_protected(const struct layer_descriptor *d, bool *known)
{
    struct layer_view *view;

    *known = false;
    if (!d->handle)
        return false;
    switch (d->kind)
    {
        case DESCRIPTOR_BUFFER:
            return resource_protected(&layer_buffers, d->handle, known);
        case DESCRIPTOR_BUFFER_VIEW:
            if (!(view = layer_map_get(&layer_buffer_views, d->handle)))
                return false;
            return resource_protected(&layer_buffers, view->resource, known);
        case DESCRIPTOR_IMAGE_VIEW:
            return image_view_protected(d->handle, known);
    }
    return false;
}

/* SPIR-V: the descriptor bindings of a module and whether the shader may write them. */
enum
{
    SPV_OP_TYPE_IMAGE = 25,
    SPV_OP_TYPE_ARRAY = 28,
    SPV_OP_TYPE_RUNTIME_ARRAY = 29,
    SPV_OP_TYPE_STRUCT = 30,
    SPV_OP_TYPE_POINTER = 32,
    SPV_OP_VARIABLE = 59,
    SPV_OP_DECORATE = 71,
    SPV_OP_MEMBER_DECORATE = 72,
    SPV_DECORATION_BUFFER_BLOCK = 3,
    SPV_DECORATION_NON_WRITABLE = 24,
    SPV_DECORATION_BINDING = 33,
    SPV_DECORATION_DESCRIPTOR_SET = 34,
    SPV_STORAGE_UNIFORM = 2,
    SPV_STORAGE_STORAGE_BUFFER = 12,
};

struct spv_id
{
    uint32_t opcode;
    uint32_t type;
    uint32_t storage;
    uint32_t set;
    uint32_t binding;
    uint32_t member_count;
    uint32_t non_writable_members;
    uint32_t image_sampled;
    bool has_set;
    bool has_binding;
    bool non_writable;
    bool buffer_block;
};

static bool spirv_parse(const uint32_t *code, size_t size, struct layer_shader *shader)
{
    size_t word_count = size / 4, i;
    struct spv_id *ids;
    uint32_t bound, id;

    shader->bindings = NULL;
    shader->count = 0;
    if (word_count < 5 || code[0] != 0x07230203 || !(bound = code[3]))
        return false;
    if (!(ids = calloc(bound, sizeof(*ids))))
        abort();
    for (i = 5; i < word_count;)
    {
        uint32_t op = code[i] & 0xffff, len = code[i] >> 16;
        const uint32_t *w = &code[i];

        if (!len || i + len > word_count)
            break;
        switch (op)
        {
            case SPV_OP_DECORATE:
                if (len < 3 || w[1] >= bound)
                    break;
                if (w[2] == SPV_DECORATION_NON_WRITABLE)
                    ids[w[1]].non_writable = true;
                else if (w[2] == SPV_DECORATION_BUFFER_BLOCK)
                    ids[w[1]].buffer_block = true;
                else if (w[2] == SPV_DECORATION_DESCRIPTOR_SET && len >= 4)
                {
                    ids[w[1]].set = w[3];
                    ids[w[1]].has_set = true;
                }
                else if (w[2] == SPV_DECORATION_BINDING && len >= 4)
                {
                    ids[w[1]].binding = w[3];
                    ids[w[1]].has_binding = true;
                }
                break;
            case SPV_OP_MEMBER_DECORATE:
                if (len >= 4 && w[1] < bound && w[3] == SPV_DECORATION_NON_WRITABLE)
                    ++ids[w[1]].non_writable_members;
                break;
            case SPV_OP_TYPE_IMAGE:
                if (len >= 8 && w[1] < bound)
                {
                    ids[w[1]].opcode = op;
                    ids[w[1]].image_sampled = w[7];
                }
                break;
            case SPV_OP_TYPE_ARRAY:
            case SPV_OP_TYPE_RUNTIME_ARRAY:
                if (len >= 3 && w[1] < bound)
                {
                    ids[w[1]].opcode = op;
                    ids[w[1]].type = w[2];
                }
                break;
            case SPV_OP_TYPE_STRUCT:
                if (w[1] < bound)
                {
                    ids[w[1]].opcode = op;
                    ids[w[1]].member_count = len - 2;
                }
                break;
            case SPV_OP_TYPE_POINTER:
                if (len >= 4 && w[1] < bound)
                {
                    ids[w[1]].opcode = op;
                    ids[w[1]].storage = w[2];
                    ids[w[1]].type = w[3];
                }
                break;
            case SPV_OP_VARIABLE:
                if (len >= 4 && w[2] < bound)
                {
                    ids[w[2]].opcode = op;
                    ids[w[2]].type = w[1];
                    ids[w[2]].storage = w[3];
                }
                break;
        }
        i += len;
    }

    for (id = 0; id < bound; ++id)
    {
        const struct spv_id *var = &ids[id], *type;
        struct layer_binding *b;
        uint32_t t, depth;
        bool writable = false;

        if (var->opcode != SPV_OP_VARIABLE || !var->has_set || !var->has_binding || var->type >= bound)
            continue;
        t = ids[var->type].type;
        for (depth = 0; depth < 8 && t < bound && (ids[t].opcode == SPV_OP_TYPE_ARRAY
                || ids[t].opcode == SPV_OP_TYPE_RUNTIME_ARRAY); ++depth)
            t = ids[t].type;
        if (t >= bound)
            continue;
        type = &ids[t];
        if (var->non_writable)
            writable = false;
        else if (type->opcode == SPV_OP_TYPE_STRUCT)
            writable = (var->storage == SPV_STORAGE_STORAGE_BUFFER
                    || (var->storage == SPV_STORAGE_UNIFORM && type->buffer_block))
                    && type->non_writable_members < type->member_count;
        else if (type->opcode == SPV_OP_TYPE_IMAGE)
            writable = type->image_sampled == 2;

        if (!(shader->bindings = realloc(shader->bindings, (shader->count + 1) * sizeof(*shader->bindings))))
            abort();
        b = &shader->bindings[shader->count++];
        b->set = var->set;
        b->binding = var->binding;
        b->writable = writable;
    }
    free(ids);
    return true;
}

static void shader_free(void *value)
{
    struct layer_shader *shader = value;

    if (!shader)
        return;
    free(shader->bindings);
    free(shader);
}

static void cmd_reset(struct layer_cmd *cmd)
{
    unsigned int i;

    cmd->pipeline = 0;
    for (i = 0; i < LAYER_MAX_SETS; ++i)
    {
        cmd->sets[i] = 0;
        cmd->pushed[i] = false;
        cmd->push[i].count = 0;
    }
}

static void cmd_free(void *value)
{
    struct layer_cmd *cmd = value;
    unsigned int i;

    for (i = 0; i < LAYER_MAX_SETS; ++i)
        free(cmd->push[i].entries);
    free(cmd);
}

static void set_free(void *value)
{
    struct layer_set *set = value;

    free(set->descriptors.entries);
    free(set);
}

bool layer_command_buffer_is_protected(VkCommandBuffer handle, bool *known)
{
    struct layer_cmd *cmd;
    bool ret = false;

    pthread_mutex_lock(&layer_lock);
    if ((cmd = layer_map_get(&layer_cmds, HANDLE_KEY(handle))))
        ret = cmd->is_protected;
    pthread_mutex_unlock(&layer_lock);
    *known = !!cmd;
    return ret;
}

static bool cmd_of_device(void *value, const void *context)
{
    return ((struct layer_cmd *)value)->device == context;
}

static bool pool_of_device(void *value, const void *context)
{
    return ((struct layer_pool *)value)->device == context;
}

void layer_commands_device_destroyed(struct layer_device *device)
{
    pthread_mutex_lock(&layer_lock);
    layer_map_remove_if(&layer_cmds, cmd_of_device, device, cmd_free);
    layer_map_remove_if(&layer_pools, pool_of_device, device, free);
    pthread_mutex_unlock(&layer_lock);
}

/* Command pools and buffers. */

static VKAPI_ATTR VkResult VKAPI_CALL layer_CreateCommandPool(VkDevice handle, const VkCommandPoolCreateInfo *info,
        const VkAllocationCallbacks *allocator, VkCommandPool *out)
{
    struct layer_device *device = layer_device_from_handle(handle);
    bool is_protected = !!(info->flags & VK_COMMAND_POOL_CREATE_PROTECTED_BIT);
    VkCommandPoolCreateInfo copy = *info;
    struct layer_pool *pool;
    VkResult vr;

    if (is_protected && !device->protected_memory)
        layer_violation(RULE_FEATURE_DISABLED, "VUID-VkCommandPoolCreateInfo-flags-02860",
                "a protected command pool, but protectedMemory is not enabled");
    copy.flags &= ~VK_COMMAND_POOL_CREATE_PROTECTED_BIT;
    if ((vr = device->CreateCommandPool(handle, &copy, allocator, out)) < 0)
        return vr;
    if (!(pool = calloc(1, sizeof(*pool))))
        abort();
    pool->device = device;
    pool->is_protected = is_protected;
    pthread_mutex_lock(&layer_lock);
    layer_map_put(&layer_pools, HANDLE_KEY(*out), pool);
    pthread_mutex_unlock(&layer_lock);
    return vr;
}

static bool cmd_of_pool(void *value, const void *context)
{
    return ((struct layer_cmd *)value)->pool == *(const uint64_t *)context;
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyCommandPool(VkDevice handle, VkCommandPool pool,
        const VkAllocationCallbacks *allocator)
{
    struct layer_device *device = layer_device_from_handle(handle);
    uint64_t key = HANDLE_KEY(pool);

    device->DestroyCommandPool(handle, pool, allocator);
    if (!pool)
        return;
    pthread_mutex_lock(&layer_lock);
    layer_map_remove_if(&layer_cmds, cmd_of_pool, &key, cmd_free);
    free(layer_map_remove(&layer_pools, key));
    pthread_mutex_unlock(&layer_lock);
}

static void reset_cmd_of_pool(void *value)
{
}

static bool reset_if_of_pool(void *value, const void *context)
{
    if (cmd_of_pool(value, context))
        cmd_reset(value);
    return false;
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_ResetCommandPool(VkDevice handle, VkCommandPool pool,
        VkCommandPoolResetFlags flags)
{
    struct layer_device *device = layer_device_from_handle(handle);
    uint64_t key = HANDLE_KEY(pool);

    pthread_mutex_lock(&layer_lock);
    layer_map_remove_if(&layer_cmds, reset_if_of_pool, &key, reset_cmd_of_pool);
    pthread_mutex_unlock(&layer_lock);
    return device->ResetCommandPool(handle, pool, flags);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_AllocateCommandBuffers(VkDevice handle,
        const VkCommandBufferAllocateInfo *info, VkCommandBuffer *cmds)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_pool *pool;
    struct layer_cmd *cmd;
    VkResult vr;
    uint32_t i;

    if ((vr = device->AllocateCommandBuffers(handle, info, cmds)) < 0)
        return vr;
    pthread_mutex_lock(&layer_lock);
    pool = layer_map_get(&layer_pools, HANDLE_KEY(info->commandPool));
    for (i = 0; i < info->commandBufferCount; ++i)
    {
        if ((cmd = layer_map_remove(&layer_cmds, HANDLE_KEY(cmds[i]))))
            cmd_free(cmd);
        if (!(cmd = calloc(1, sizeof(*cmd))))
            abort();
        cmd->device = device;
        cmd->pool = HANDLE_KEY(info->commandPool);
        cmd->is_protected = pool && pool->is_protected;
        cmd->secondary = info->level == VK_COMMAND_BUFFER_LEVEL_SECONDARY;
        layer_map_put(&layer_cmds, HANDLE_KEY(cmds[i]), cmd);
    }
    pthread_mutex_unlock(&layer_lock);
    return vr;
}

static VKAPI_ATTR void VKAPI_CALL layer_FreeCommandBuffers(VkDevice handle, VkCommandPool pool, uint32_t count,
        const VkCommandBuffer *cmds)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_cmd *cmd;
    uint32_t i;

    device->FreeCommandBuffers(handle, pool, count, cmds);
    pthread_mutex_lock(&layer_lock);
    for (i = 0; i < count; ++i)
    {
        if (cmds[i] && (cmd = layer_map_remove(&layer_cmds, HANDLE_KEY(cmds[i]))))
            cmd_free(cmd);
    }
    pthread_mutex_unlock(&layer_lock);
}

static struct layer_cmd *cmd_lock(VkCommandBuffer handle)
{
    struct layer_cmd *cmd;

    pthread_mutex_lock(&layer_lock);
    if (!(cmd = layer_map_get(&layer_cmds, HANDLE_KEY(handle))))
        pthread_mutex_unlock(&layer_lock);
    return cmd;
}

static void cmd_unlock(struct layer_cmd *cmd)
{
    if (cmd)
        pthread_mutex_unlock(&layer_lock);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_BeginCommandBuffer(VkCommandBuffer handle,
        const VkCommandBufferBeginInfo *info)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_cmd *cmd;

    if ((cmd = cmd_lock(handle)))
        cmd_reset(cmd);
    cmd_unlock(cmd);
    return device->BeginCommandBuffer(handle, info);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_ResetCommandBuffer(VkCommandBuffer handle, VkCommandBufferResetFlags flags)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_cmd *cmd;

    if ((cmd = cmd_lock(handle)))
        cmd_reset(cmd);
    cmd_unlock(cmd);
    return device->ResetCommandBuffer(handle, flags);
}

/* Shaders and pipelines. */

static VKAPI_ATTR VkResult VKAPI_CALL layer_CreateShaderModule(VkDevice handle, const VkShaderModuleCreateInfo *info,
        const VkAllocationCallbacks *allocator, VkShaderModule *module)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_shader *shader;
    VkResult vr;

    if ((vr = device->CreateShaderModule(handle, info, allocator, module)) < 0)
        return vr;
    if (!(shader = calloc(1, sizeof(*shader))))
        abort();
    if (!spirv_parse(info->pCode, info->codeSize, shader))
    {
        free(shader);
        return vr;
    }
    pthread_mutex_lock(&layer_lock);
    layer_map_put(&layer_modules, HANDLE_KEY(*module), shader);
    pthread_mutex_unlock(&layer_lock);
    return vr;
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyShaderModule(VkDevice handle, VkShaderModule module,
        const VkAllocationCallbacks *allocator)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->DestroyShaderModule(handle, module, allocator);
    if (!module)
        return;
    pthread_mutex_lock(&layer_lock);
    shader_free(layer_map_remove(&layer_modules, HANDLE_KEY(module)));
    pthread_mutex_unlock(&layer_lock);
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_CreateComputePipelines(VkDevice handle, VkPipelineCache cache,
        uint32_t count, const VkComputePipelineCreateInfo *infos, const VkAllocationCallbacks *allocator,
        VkPipeline *pipelines)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_shader *module, *shader;
    const VkBaseInStructure *s;
    VkResult vr;
    uint32_t i;

    vr = device->CreateComputePipelines(handle, cache, count, infos, allocator, pipelines);
    for (i = 0; i < count; ++i)
    {
        if (!pipelines[i])
            continue;
        if (!(shader = calloc(1, sizeof(*shader))))
            abort();
        pthread_mutex_lock(&layer_lock);
        if ((module = layer_map_get(&layer_modules, HANDLE_KEY(infos[i].stage.module))))
        {
            if (!(shader->bindings = malloc((module->count + 1) * sizeof(*shader->bindings))))
                abort();
            memcpy(shader->bindings, module->bindings, module->count * sizeof(*shader->bindings));
            shader->count = module->count;
        }
        else
        {
            /* VkShaderModuleCreateInfo chained to the stage (maintenance5). */
            for (s = infos[i].stage.pNext; s; s = s->pNext)
            {
                if (s->sType == VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO)
                    break;
            }
            if (!s || !spirv_parse(((const VkShaderModuleCreateInfo *)s)->pCode,
                    ((const VkShaderModuleCreateInfo *)s)->codeSize, shader))
            {
                free(shader);
                shader = NULL;
            }
        }
        if (shader)
            layer_map_put(&layer_pipelines, HANDLE_KEY(pipelines[i]), shader);
        pthread_mutex_unlock(&layer_lock);
    }
    return vr;
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyPipeline(VkDevice handle, VkPipeline pipeline,
        const VkAllocationCallbacks *allocator)
{
    struct layer_device *device = layer_device_from_handle(handle);

    device->DestroyPipeline(handle, pipeline, allocator);
    if (!pipeline)
        return;
    pthread_mutex_lock(&layer_lock);
    shader_free(layer_map_remove(&layer_pipelines, HANDLE_KEY(pipeline)));
    pthread_mutex_unlock(&layer_lock);
}

/* Descriptor sets. */

static VKAPI_ATTR VkResult VKAPI_CALL layer_AllocateDescriptorSets(VkDevice handle,
        const VkDescriptorSetAllocateInfo *info, VkDescriptorSet *sets)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_set *set;
    VkResult vr;
    uint32_t i;

    if ((vr = device->AllocateDescriptorSets(handle, info, sets)) < 0)
        return vr;
    pthread_mutex_lock(&layer_lock);
    for (i = 0; i < info->descriptorSetCount; ++i)
    {
        if ((set = layer_map_remove(&layer_sets, HANDLE_KEY(sets[i]))))
            set_free(set);
        if (!(set = calloc(1, sizeof(*set))))
            abort();
        set->pool = HANDLE_KEY(info->descriptorPool);
        layer_map_put(&layer_sets, HANDLE_KEY(sets[i]), set);
    }
    pthread_mutex_unlock(&layer_lock);
    return vr;
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_FreeDescriptorSets(VkDevice handle, VkDescriptorPool pool, uint32_t count,
        const VkDescriptorSet *sets)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_set *set;
    uint32_t i;

    pthread_mutex_lock(&layer_lock);
    for (i = 0; i < count; ++i)
    {
        if (sets[i] && (set = layer_map_remove(&layer_sets, HANDLE_KEY(sets[i]))))
            set_free(set);
    }
    pthread_mutex_unlock(&layer_lock);
    return device->FreeDescriptorSets(handle, pool, count, sets);
}

static bool set_of_pool(void *value, const void *context)
{
    return ((struct layer_set *)value)->pool == *(const uint64_t *)context;
}

static VKAPI_ATTR VkResult VKAPI_CALL layer_ResetDescriptorPool(VkDevice handle, VkDescriptorPool pool,
        VkDescriptorPoolResetFlags flags)
{
    struct layer_device *device = layer_device_from_handle(handle);
    uint64_t key = HANDLE_KEY(pool);

    pthread_mutex_lock(&layer_lock);
    layer_map_remove_if(&layer_sets, set_of_pool, &key, set_free);
    pthread_mutex_unlock(&layer_lock);
    return device->ResetDescriptorPool(handle, pool, flags);
}

static VKAPI_ATTR void VKAPI_CALL layer_DestroyDescriptorPool(VkDevice handle, VkDescriptorPool pool,
        const VkAllocationCallbacks *allocator)
{
    struct layer_device *device = layer_device_from_handle(handle);
    uint64_t key = HANDLE_KEY(pool);

    if (pool)
    {
        pthread_mutex_lock(&layer_lock);
        layer_map_remove_if(&layer_sets, set_of_pool, &key, set_free);
        pthread_mutex_unlock(&layer_lock);
    }
    device->DestroyDescriptorPool(handle, pool, allocator);
}

static VKAPI_ATTR void VKAPI_CALL layer_UpdateDescriptorSets(VkDevice handle, uint32_t write_count,
        const VkWriteDescriptorSet *writes, uint32_t copy_count, const VkCopyDescriptorSet *copies)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_set *set, *src;
    uint32_t i, j;
    size_t k;

    pthread_mutex_lock(&layer_lock);
    for (i = 0; i < write_count; ++i)
    {
        if ((set = layer_map_get(&layer_sets, HANDLE_KEY(writes[i].dstSet))))
            descriptors_write(&set->descriptors, &writes[i]);
    }
    for (i = 0; i < copy_count; ++i)
    {
        const VkCopyDescriptorSet *c = &copies[i];

        if (!(set = layer_map_get(&layer_sets, HANDLE_KEY(c->dstSet)))
                || !(src = layer_map_get(&layer_sets, HANDLE_KEY(c->srcSet))))
            continue;
        for (j = 0; j < c->descriptorCount; ++j)
        {
            for (k = 0; k < src->descriptors.count; ++k)
            {
                const struct layer_descriptor *d = &src->descriptors.entries[k];

                if (d->binding == c->srcBinding && d->element == c->srcArrayElement + j)
                {
                    descriptors_put(&set->descriptors, c->dstBinding, c->dstArrayElement + j, d->type, d->kind,
                            d->handle);
                    break;
                }
            }
        }
    }
    pthread_mutex_unlock(&layer_lock);
    device->UpdateDescriptorSets(handle, write_count, writes, copy_count, copies);
}

/* Recording. */

static VKAPI_ATTR void VKAPI_CALL layer_CmdBindPipeline(VkCommandBuffer handle, VkPipelineBindPoint bind_point,
        VkPipeline pipeline)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_cmd *cmd;

    if (bind_point == VK_PIPELINE_BIND_POINT_COMPUTE && (cmd = cmd_lock(handle)))
    {
        cmd->pipeline = HANDLE_KEY(pipeline);
        cmd_unlock(cmd);
    }
    device->CmdBindPipeline(handle, bind_point, pipeline);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdBindDescriptorSets(VkCommandBuffer handle, VkPipelineBindPoint bind_point,
        VkPipelineLayout layout, uint32_t first_set, uint32_t count, const VkDescriptorSet *sets,
        uint32_t dynamic_offset_count, const uint32_t *dynamic_offsets)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_cmd *cmd;
    uint32_t i;

    if (bind_point == VK_PIPELINE_BIND_POINT_COMPUTE && (cmd = cmd_lock(handle)))
    {
        for (i = 0; i < count && first_set + i < LAYER_MAX_SETS; ++i)
        {
            cmd->sets[first_set + i] = HANDLE_KEY(sets[i]);
            cmd->pushed[first_set + i] = false;
        }
        cmd_unlock(cmd);
    }
    device->CmdBindDescriptorSets(handle, bind_point, layout, first_set, count, sets, dynamic_offset_count,
            dynamic_offsets);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdPushDescriptorSetKHR(VkCommandBuffer handle,
        VkPipelineBindPoint bind_point, VkPipelineLayout layout, uint32_t set, uint32_t count,
        const VkWriteDescriptorSet *writes)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_cmd *cmd;
    uint32_t i;

    if (bind_point == VK_PIPELINE_BIND_POINT_COMPUTE && set < LAYER_MAX_SETS && (cmd = cmd_lock(handle)))
    {
        if (!cmd->pushed[set])
            cmd->push[set].count = 0;
        cmd->pushed[set] = true;
        for (i = 0; i < count; ++i)
            descriptors_write(&cmd->push[set], &writes[i]);
        cmd_unlock(cmd);
    }
    device->CmdPushDescriptorSetKHR(handle, bind_point, layout, set, count, writes);
}

/* Every descriptor the bound compute pipeline uses: with a protected command buffer, none it
 * writes may be unprotected (VUID-vkCmdDispatch-commandBuffer-02712); with an unprotected one,
 * none may be protected (02707). Lock held. */
static void cmd_check_dispatch(struct layer_cmd *cmd, VkCommandBuffer handle, const char *name)
{
    const struct layer_shader *shader = layer_map_get(&layer_pipelines, cmd->pipeline);
    const struct layer_descriptors *list;
    const struct layer_binding *binding;
    struct layer_set *set;
    bool known, is_protected, writes;
    unsigned int s;
    size_t i, j;

    for (s = 0; s < LAYER_MAX_SETS; ++s)
    {
        if (cmd->pushed[s])
            list = &cmd->push[s];
        else if (cmd->sets[s] && (set = layer_map_get(&layer_sets, cmd->sets[s])))
            list = &set->descriptors;
        else
            continue;

        for (i = 0; i < list->count; ++i)
        {
            const struct layer_descriptor *d = &list->entries[i];

            binding = NULL;
            if (shader)
            {
                for (j = 0; j < shader->count; ++j)
                {
                    if (shader->bindings[j].set == s && shader->bindings[j].binding == d->binding)
                        binding = &shader->bindings[j];
                }
                if (!binding)
                    continue;
            }
            writes = descriptor_type_is_storage(d->type) && (!binding || binding->writable);
            is_protected = descriptor_protected(d, &known);
            if (!known)
                continue;
            if (cmd->is_protected && writes && !is_protected)
                layer_violation(RULE_PROTECTED_WRITES_UNPROTECTED, "VUID-vkCmdDispatch-commandBuffer-02712",
                        "%s in protected command buffer %p writes unprotected %s %#" PRIx64 " (set %u, binding %u)",
                        name, (void *)handle, d->kind == DESCRIPTOR_IMAGE_VIEW ? "image view" : "buffer",
                        d->handle, s, d->binding);
            else if (!cmd->is_protected && is_protected)
                layer_violation(RULE_UNPROTECTED_ACCESSES_PROTECTED, "VUID-vkCmdDispatch-commandBuffer-02707",
                        "%s in unprotected command buffer %p accesses protected %s %#" PRIx64
                        " (set %u, binding %u)", name, (void *)handle,
                        d->kind == DESCRIPTOR_IMAGE_VIEW ? "image view" : "buffer", d->handle, s, d->binding);
        }
    }
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdDispatch(VkCommandBuffer handle, uint32_t x, uint32_t y, uint32_t z)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_cmd *cmd;

    if ((cmd = cmd_lock(handle)))
    {
        cmd_check_dispatch(cmd, handle, "vkCmdDispatch");
        cmd_unlock(cmd);
    }
    device->CmdDispatch(handle, x, y, z);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdDispatchBase(VkCommandBuffer handle, uint32_t base_x, uint32_t base_y,
        uint32_t base_z, uint32_t x, uint32_t y, uint32_t z)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_cmd *cmd;

    if ((cmd = cmd_lock(handle)))
    {
        cmd_check_dispatch(cmd, handle, "vkCmdDispatchBase");
        cmd_unlock(cmd);
    }
    device->CmdDispatchBase(handle, base_x, base_y, base_z, x, y, z);
}

/* "indirect operations must not be performed within protected queue operations" (02711). */
static void cmd_check_indirect(VkCommandBuffer handle, const char *name, const char *vuid)
{
    struct layer_cmd *cmd;

    if (!(cmd = cmd_lock(handle)))
        return;
    if (cmd->is_protected)
        layer_violation(RULE_INDIRECT_IN_PROTECTED, vuid, "%s in protected command buffer %p", name, (void *)handle);
    else
        cmd_check_dispatch(cmd, handle, name);
    cmd_unlock(cmd);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdDispatchIndirect(VkCommandBuffer handle, VkBuffer buffer,
        VkDeviceSize offset)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_indirect(handle, "vkCmdDispatchIndirect", "VUID-vkCmdDispatchIndirect-commandBuffer-02711");
    device->CmdDispatchIndirect(handle, buffer, offset);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdDrawIndirect(VkCommandBuffer handle, VkBuffer buffer, VkDeviceSize offset,
        uint32_t count, uint32_t stride)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_indirect(handle, "vkCmdDrawIndirect", "VUID-vkCmdDrawIndirect-commandBuffer-02711");
    device->CmdDrawIndirect(handle, buffer, offset, count, stride);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdDrawIndexedIndirect(VkCommandBuffer handle, VkBuffer buffer,
        VkDeviceSize offset, uint32_t count, uint32_t stride)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_indirect(handle, "vkCmdDrawIndexedIndirect", "VUID-vkCmdDrawIndexedIndirect-commandBuffer-02711");
    device->CmdDrawIndexedIndirect(handle, buffer, offset, count, stride);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdDrawIndirectCount(VkCommandBuffer handle, VkBuffer buffer,
        VkDeviceSize offset, VkBuffer count_buffer, VkDeviceSize count_offset, uint32_t max_count, uint32_t stride)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_indirect(handle, "vkCmdDrawIndirectCount", "VUID-vkCmdDrawIndirectCount-commandBuffer-02711");
    device->CmdDrawIndirectCount(handle, buffer, offset, count_buffer, count_offset, max_count, stride);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdDrawIndexedIndirectCount(VkCommandBuffer handle, VkBuffer buffer,
        VkDeviceSize offset, VkBuffer count_buffer, VkDeviceSize count_offset, uint32_t max_count, uint32_t stride)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_indirect(handle, "vkCmdDrawIndexedIndirectCount",
            "VUID-vkCmdDrawIndexedIndirectCount-commandBuffer-02711");
    device->CmdDrawIndexedIndirectCount(handle, buffer, offset, count_buffer, count_offset, max_count, stride);
}

/* Transfers: a protected command buffer must not write an unprotected resource; an unprotected
 * one must not touch a protected resource at all. src or dst 0: none. */
static void cmd_check_transfer(VkCommandBuffer handle, const char *name, bool src_image, uint64_t src,
        bool dst_image, uint64_t dst, const char *vuid_access, const char *vuid_write)
{
    bool src_known = false, dst_known = false, src_protected = false, dst_protected = false;
    struct layer_cmd *cmd;

    if (!(cmd = cmd_lock(handle)))
        return;
    if (src)
        src_protected = resource_protected(src_image ? &layer_images : &layer_buffers, src, &src_known);
    if (dst)
        dst_protected = resource_protected(dst_image ? &layer_images : &layer_buffers, dst, &dst_known);
    if (cmd->is_protected && dst_known && !dst_protected)
        layer_violation(RULE_PROTECTED_WRITES_UNPROTECTED, vuid_write,
                "%s in protected command buffer %p writes unprotected %s %#" PRIx64, name, (void *)handle,
                dst_image ? "image" : "buffer", dst);
    if (!cmd->is_protected && ((src_known && src_protected) || (dst_known && dst_protected)))
        layer_violation(RULE_UNPROTECTED_ACCESSES_PROTECTED, vuid_access,
                "%s in unprotected command buffer %p accesses protected %s %#" PRIx64, name, (void *)handle,
                (src_known && src_protected) ? (src_image ? "image" : "buffer") : (dst_image ? "image" : "buffer"),
                (src_known && src_protected) ? src : dst);
    cmd_unlock(cmd);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdCopyBuffer(VkCommandBuffer handle, VkBuffer src, VkBuffer dst,
        uint32_t count, const VkBufferCopy *regions)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdCopyBuffer", false, HANDLE_KEY(src), false, HANDLE_KEY(dst),
            "VUID-vkCmdCopyBuffer-commandBuffer-01822/01823", "VUID-vkCmdCopyBuffer-commandBuffer-01824");
    device->CmdCopyBuffer(handle, src, dst, count, regions);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdCopyImage(VkCommandBuffer handle, VkImage src, VkImageLayout src_layout,
        VkImage dst, VkImageLayout dst_layout, uint32_t count, const VkImageCopy *regions)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdCopyImage", true, HANDLE_KEY(src), true, HANDLE_KEY(dst),
            "VUID-vkCmdCopyImage-commandBuffer-01825/01826", "VUID-vkCmdCopyImage-commandBuffer-01827");
    device->CmdCopyImage(handle, src, src_layout, dst, dst_layout, count, regions);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdCopyBufferToImage(VkCommandBuffer handle, VkBuffer src, VkImage dst,
        VkImageLayout dst_layout, uint32_t count, const VkBufferImageCopy *regions)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdCopyBufferToImage", false, HANDLE_KEY(src), true, HANDLE_KEY(dst),
            "VUID-vkCmdCopyBufferToImage-commandBuffer-01828/01829",
            "VUID-vkCmdCopyBufferToImage-commandBuffer-01830");
    device->CmdCopyBufferToImage(handle, src, dst, dst_layout, count, regions);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdCopyImageToBuffer(VkCommandBuffer handle, VkImage src,
        VkImageLayout src_layout, VkBuffer dst, uint32_t count, const VkBufferImageCopy *regions)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdCopyImageToBuffer", true, HANDLE_KEY(src), false, HANDLE_KEY(dst),
            "VUID-vkCmdCopyImageToBuffer-commandBuffer-01831/01832",
            "VUID-vkCmdCopyImageToBuffer-commandBuffer-01833");
    device->CmdCopyImageToBuffer(handle, src, src_layout, dst, count, regions);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdBlitImage(VkCommandBuffer handle, VkImage src, VkImageLayout src_layout,
        VkImage dst, VkImageLayout dst_layout, uint32_t count, const VkImageBlit *regions, VkFilter filter)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdBlitImage", true, HANDLE_KEY(src), true, HANDLE_KEY(dst),
            "VUID-vkCmdBlitImage-commandBuffer-01834/01835", "VUID-vkCmdBlitImage-commandBuffer-01836");
    device->CmdBlitImage(handle, src, src_layout, dst, dst_layout, count, regions, filter);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdResolveImage(VkCommandBuffer handle, VkImage src,
        VkImageLayout src_layout, VkImage dst, VkImageLayout dst_layout, uint32_t count, const VkImageResolve *regions)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdResolveImage", true, HANDLE_KEY(src), true, HANDLE_KEY(dst),
            "VUID-vkCmdResolveImage-commandBuffer-01837/01838", "VUID-vkCmdResolveImage-commandBuffer-01839");
    device->CmdResolveImage(handle, src, src_layout, dst, dst_layout, count, regions);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdCopyBuffer2(VkCommandBuffer handle, const VkCopyBufferInfo2 *info)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdCopyBuffer2", false, HANDLE_KEY(info->srcBuffer), false,
            HANDLE_KEY(info->dstBuffer), "VUID-vkCmdCopyBuffer2-commandBuffer-01822/01823",
            "VUID-vkCmdCopyBuffer2-commandBuffer-01824");
    device->CmdCopyBuffer2(handle, info);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdCopyImage2(VkCommandBuffer handle, const VkCopyImageInfo2 *info)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdCopyImage2", true, HANDLE_KEY(info->srcImage), true, HANDLE_KEY(info->dstImage),
            "VUID-vkCmdCopyImage2-commandBuffer-01825/01826", "VUID-vkCmdCopyImage2-commandBuffer-01827");
    device->CmdCopyImage2(handle, info);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdCopyBufferToImage2(VkCommandBuffer handle,
        const VkCopyBufferToImageInfo2 *info)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdCopyBufferToImage2", false, HANDLE_KEY(info->srcBuffer), true,
            HANDLE_KEY(info->dstImage), "VUID-vkCmdCopyBufferToImage2-commandBuffer-01828/01829",
            "VUID-vkCmdCopyBufferToImage2-commandBuffer-01830");
    device->CmdCopyBufferToImage2(handle, info);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdCopyImageToBuffer2(VkCommandBuffer handle,
        const VkCopyImageToBufferInfo2 *info)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdCopyImageToBuffer2", true, HANDLE_KEY(info->srcImage), false,
            HANDLE_KEY(info->dstBuffer), "VUID-vkCmdCopyImageToBuffer2-commandBuffer-01831/01832",
            "VUID-vkCmdCopyImageToBuffer2-commandBuffer-01833");
    device->CmdCopyImageToBuffer2(handle, info);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdBlitImage2(VkCommandBuffer handle, const VkBlitImageInfo2 *info)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdBlitImage2", true, HANDLE_KEY(info->srcImage), true, HANDLE_KEY(info->dstImage),
            "VUID-vkCmdBlitImage2-commandBuffer-01834/01835", "VUID-vkCmdBlitImage2-commandBuffer-01836");
    device->CmdBlitImage2(handle, info);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdResolveImage2(VkCommandBuffer handle, const VkResolveImageInfo2 *info)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdResolveImage2", true, HANDLE_KEY(info->srcImage), true,
            HANDLE_KEY(info->dstImage), "VUID-vkCmdResolveImage2-commandBuffer-01837/01838",
            "VUID-vkCmdResolveImage2-commandBuffer-01839");
    device->CmdResolveImage2(handle, info);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdFillBuffer(VkCommandBuffer handle, VkBuffer dst, VkDeviceSize offset,
        VkDeviceSize size, uint32_t data)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdFillBuffer", false, 0, false, HANDLE_KEY(dst),
            "VUID-vkCmdFillBuffer-commandBuffer-01811", "VUID-vkCmdFillBuffer-commandBuffer-01812");
    device->CmdFillBuffer(handle, dst, offset, size, data);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdUpdateBuffer(VkCommandBuffer handle, VkBuffer dst, VkDeviceSize offset,
        VkDeviceSize size, const void *data)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdUpdateBuffer", false, 0, false, HANDLE_KEY(dst),
            "VUID-vkCmdUpdateBuffer-commandBuffer-01813", "VUID-vkCmdUpdateBuffer-commandBuffer-01814");
    device->CmdUpdateBuffer(handle, dst, offset, size, data);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdClearColorImage(VkCommandBuffer handle, VkImage image,
        VkImageLayout layout, const VkClearColorValue *color, uint32_t count, const VkImageSubresourceRange *ranges)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdClearColorImage", true, 0, true, HANDLE_KEY(image),
            "VUID-vkCmdClearColorImage-commandBuffer-01805", "VUID-vkCmdClearColorImage-commandBuffer-01806");
    device->CmdClearColorImage(handle, image, layout, color, count, ranges);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdClearDepthStencilImage(VkCommandBuffer handle, VkImage image,
        VkImageLayout layout, const VkClearDepthStencilValue *value, uint32_t count,
        const VkImageSubresourceRange *ranges)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_transfer(handle, "vkCmdClearDepthStencilImage", true, 0, true, HANDLE_KEY(image),
            "VUID-vkCmdClearDepthStencilImage-commandBuffer-01807",
            "VUID-vkCmdClearDepthStencilImage-commandBuffer-01808");
    device->CmdClearDepthStencilImage(handle, image, layout, value, count, ranges);
}

/* "applications must not ... Perform a query within protected queue operations". */
static void cmd_check_query(VkCommandBuffer handle, const char *name, const char *vuid)
{
    struct layer_cmd *cmd;

    if (!(cmd = cmd_lock(handle)))
        return;
    if (cmd->is_protected)
        layer_violation(RULE_QUERY_IN_PROTECTED, vuid, "%s in protected command buffer %p", name, (void *)handle);
    cmd_unlock(cmd);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdBeginQuery(VkCommandBuffer handle, VkQueryPool pool, uint32_t query,
        VkQueryControlFlags flags)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_query(handle, "vkCmdBeginQuery", "VUID-vkCmdBeginQuery-commandBuffer-01885");
    device->CmdBeginQuery(handle, pool, query, flags);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdEndQuery(VkCommandBuffer handle, VkQueryPool pool, uint32_t query)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_query(handle, "vkCmdEndQuery", "VUID-vkCmdEndQuery-commandBuffer-01886");
    device->CmdEndQuery(handle, pool, query);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdWriteTimestamp(VkCommandBuffer handle, VkPipelineStageFlagBits stage,
        VkQueryPool pool, uint32_t query)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_query(handle, "vkCmdWriteTimestamp", "memory.adoc: Protected Memory Access Rules");
    device->CmdWriteTimestamp(handle, stage, pool, query);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdWriteTimestamp2(VkCommandBuffer handle, VkPipelineStageFlags2 stage,
        VkQueryPool pool, uint32_t query)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_query(handle, "vkCmdWriteTimestamp2", "memory.adoc: Protected Memory Access Rules");
    device->CmdWriteTimestamp2(handle, stage, pool, query);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdCopyQueryPoolResults(VkCommandBuffer handle, VkQueryPool pool,
        uint32_t first, uint32_t count, VkBuffer dst, VkDeviceSize offset, VkDeviceSize stride,
        VkQueryResultFlags flags)
{
    struct layer_device *device = layer_device_from_handle(handle);

    cmd_check_query(handle, "vkCmdCopyQueryPoolResults", "memory.adoc: Protected Memory Access Rules");
    cmd_check_transfer(handle, "vkCmdCopyQueryPoolResults", false, 0, false, HANDLE_KEY(dst),
            "VUID-vkCmdCopyQueryPoolResults-commandBuffer-01827", "memory.adoc: Protected Memory Access Rules");
    device->CmdCopyQueryPoolResults(handle, pool, first, count, dst, offset, stride, flags);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdExecuteCommands(VkCommandBuffer handle, uint32_t count,
        const VkCommandBuffer *secondaries)
{
    struct layer_device *device = layer_device_from_handle(handle);
    struct layer_cmd *cmd, *secondary;
    uint32_t i;

    if ((cmd = cmd_lock(handle)))
    {
        for (i = 0; i < count; ++i)
        {
            if (!(secondary = layer_map_get(&layer_cmds, HANDLE_KEY(secondaries[i]))))
                continue;
            if (secondary->is_protected != cmd->is_protected)
                layer_violation(RULE_SECONDARY_MISMATCH, cmd->is_protected
                        ? "VUID-vkCmdExecuteCommands-commandBuffer-01820"
                        : "VUID-vkCmdExecuteCommands-commandBuffer-01821",
                        "%s secondary command buffer %p executed in %s primary %p",
                        secondary->is_protected ? "protected" : "unprotected", (void *)secondaries[i],
                        cmd->is_protected ? "protected" : "unprotected", (void *)handle);
        }
        cmd_unlock(cmd);
    }
    device->CmdExecuteCommands(handle, count, secondaries);
}

/* Video: a session or picture a command uses must be protected exactly when the command buffer
 * is (the layer offers no protectedNoFault); what the layer does not know is not checked. */
static void cmd_check_video_object(const struct layer_cmd *cmd, VkCommandBuffer handle, bool known,
        bool object_protected, const char *vuid_in_protected, const char *vuid_in_unprotected, const char *what)
{
    if (!known || object_protected == cmd->is_protected)
        return;
    layer_violation(cmd->is_protected ? RULE_PROTECTED_WRITES_UNPROTECTED : RULE_UNPROTECTED_ACCESSES_PROTECTED,
            cmd->is_protected ? vuid_in_protected : vuid_in_unprotected, "%s command buffer %p uses a%s %s",
            cmd->is_protected ? "protected" : "unprotected", (void *)handle,
            object_protected ? " protected" : "n unprotected", what);
}

static VKAPI_ATTR void VKAPI_CALL layer_CmdDecodeVideoKHR(VkCommandBuffer handle, const VkVideoDecodeInfoKHR *info)
{
    struct layer_device *device = layer_device_from_handle(handle);
    bool known, src_protected, dst_protected;
    struct layer_cmd *cmd;

    if ((cmd = cmd_lock(handle)))
    {
        src_protected = resource_protected(&layer_buffers, HANDLE_KEY(info->srcBuffer), &known);
        if (!cmd->is_protected && known && src_protected)
            layer_violation(RULE_UNPROTECTED_ACCESSES_PROTECTED, "VUID-vkCmdDecodeVideoKHR-commandBuffer-07136",
                    "unprotected command buffer %p decodes from a protected bitstream buffer", (void *)handle);
        if (cmd->is_protected && known && !src_protected)
            layer_violation(RULE_PROTECTED_DECODE_SOURCE, "VUID-vkCmdDecodeVideoKHR-commandBuffer-07137",
                    "protected command buffer %p decodes from an unprotected bitstream buffer", (void *)handle);
        dst_protected = image_view_protected(HANDLE_KEY(info->dstPictureResource.imageViewBinding), &known);
        cmd_check_video_object(cmd, handle, known, dst_protected, "VUID-vkCmdDecodeVideoKHR-commandBuffer-07148",
                "VUID-vkCmdDecodeVideoKHR-commandBuffer-07147", "decode output picture");
        cmd_unlock(cmd);
    }
    device->CmdDecodeVideoKHR(handle, info);
}

/* The session and every picture bound for the scope match the command buffer
 * (VUID-vkCmdBeginVideoCodingKHR-commandBuffer-07233 to 07236; the layer offers no
 * protectedNoFault). */
static VKAPI_ATTR void VKAPI_CALL layer_CmdBeginVideoCodingKHR(VkCommandBuffer handle,
        const VkVideoBeginCodingInfoKHR *info)
{
    struct layer_device *device = layer_device_from_handle(handle);
    bool known, object_protected;
    struct layer_cmd *cmd;
    uint32_t i;

    if ((cmd = cmd_lock(handle)))
    {
        object_protected = resource_protected(&layer_video_sessions, HANDLE_KEY(info->videoSession), &known);
        cmd_check_video_object(cmd, handle, known, object_protected, "VUID-vkCmdBeginVideoCodingKHR-commandBuffer-07234",
                "VUID-vkCmdBeginVideoCodingKHR-commandBuffer-07233", "video session");
        for (i = 0; i < info->referenceSlotCount; ++i)
        {
            if (!info->pReferenceSlots[i].pPictureResource)
                continue;
            object_protected = image_view_protected(
                    HANDLE_KEY(info->pReferenceSlots[i].pPictureResource->imageViewBinding), &known);
            cmd_check_video_object(cmd, handle, known, object_protected,
                    "VUID-vkCmdBeginVideoCodingKHR-commandBuffer-07236",
                    "VUID-vkCmdBeginVideoCodingKHR-commandBuffer-07235", "bound reference picture");
        }
        cmd_unlock(cmd);
    }
    device->CmdBeginVideoCodingKHR(handle, info);
}

#define P(name) {"vk" #name, (PFN_vkVoidFunction)layer_##name}
static const struct
{
    const char *name;
    PFN_vkVoidFunction func;
}
layer_command_procs[] =
{
    P(CreateCommandPool),
    P(DestroyCommandPool),
    P(ResetCommandPool),
    P(AllocateCommandBuffers),
    P(FreeCommandBuffers),
    P(BeginCommandBuffer),
    P(ResetCommandBuffer),
    P(CreateShaderModule),
    P(DestroyShaderModule),
    P(CreateComputePipelines),
    P(DestroyPipeline),
    P(AllocateDescriptorSets),
    P(FreeDescriptorSets),
    P(ResetDescriptorPool),
    P(DestroyDescriptorPool),
    P(UpdateDescriptorSets),
    P(CmdBindPipeline),
    P(CmdBindDescriptorSets),
    P(CmdPushDescriptorSetKHR),
    P(CmdDispatch),
    P(CmdDispatchBase),
    P(CmdDispatchIndirect),
    P(CmdDrawIndirect),
    P(CmdDrawIndexedIndirect),
    P(CmdDrawIndirectCount),
    P(CmdDrawIndexedIndirectCount),
    P(CmdCopyBuffer),
    P(CmdCopyImage),
    P(CmdCopyBufferToImage),
    P(CmdCopyImageToBuffer),
    P(CmdBlitImage),
    P(CmdResolveImage),
    P(CmdCopyBuffer2),
    P(CmdCopyImage2),
    P(CmdCopyBufferToImage2),
    P(CmdCopyImageToBuffer2),
    P(CmdBlitImage2),
    P(CmdResolveImage2),
    P(CmdFillBuffer),
    P(CmdUpdateBuffer),
    P(CmdClearColorImage),
    P(CmdClearDepthStencilImage),
    P(CmdBeginQuery),
    P(CmdEndQuery),
    P(CmdWriteTimestamp),
    P(CmdWriteTimestamp2),
    P(CmdCopyQueryPoolResults),
    P(CmdExecuteCommands),
    P(CmdDecodeVideoKHR),
    P(CmdBeginVideoCodingKHR),
};
#undef P

/* name, or the core name of a KHR alias (vkCmdCopyBuffer2KHR → vkCmdCopyBuffer2). */
PFN_vkVoidFunction layer_commands_proc(const char *name)
{
    size_t i, len = strlen(name);

    for (i = 0; i < ARRAY_SIZE(layer_command_procs); ++i)
    {
        if (!strcmp(layer_command_procs[i].name, name))
            return layer_command_procs[i].func;
    }
    if (len > 3 && !strcmp(name + len - 3, "KHR"))
    {
        for (i = 0; i < ARRAY_SIZE(layer_command_procs); ++i)
        {
            if (strlen(layer_command_procs[i].name) == len - 3 && !strncmp(layer_command_procs[i].name, name, len - 3))
                return layer_command_procs[i].func;
        }
    }
    return NULL;
}
