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

/**
 * \file vkdva.h
 *
 * The public C API of vkdva: create a Direct3D 11 device that implements the D3D11 video API
 * (ID3D11VideoDevice, ID3D11VideoContext and their descendants) on Vulkan, choose the Vulkan
 * physical device, route log messages, and share Vulkan objects with a host D3D11
 * implementation. Everything D3D11 is declared by the headers included below, with the names
 * and the x64 ABI of the Windows SDK, so code written against Windows' d3d11.h compiles
 * unchanged. Include <initguid.h> before this header in exactly one file to define the GUIDs.
 */

#ifndef __VKDVA_H
#define __VKDVA_H

#include <stdbool.h>
#include <stdint.h>
#include <vkdva_windows.h>
#include <vulkan/vulkan.h>
#include <vkdva_d3d11_4.h>
#include <vkdva_dxva.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(VKDVA_BUILDING_DLL)
# define VKDVA_API __declspec(dllexport)
#elif defined(_WIN32)
# define VKDVA_API
#elif defined(VKDVA_BUILDING_DLL)
# define VKDVA_API __attribute__((visibility("default")))
#else
# define VKDVA_API
#endif

/** \cond */
#define VKDVA_FORCE_32_BIT_ENUM(name) name##_FORCE_32BIT = 0x7fffffff
/** \endcond */

/** The version of this API a caller was written against. \since 0.1 */
enum vkdva_api_version
{
    VKDVA_API_VERSION_0_1,
    VKDVA_API_VERSION_CURRENT = VKDVA_API_VERSION_0_1,

    VKDVA_FORCE_32_BIT_ENUM(VKDVA_API_VERSION),
};

/** Identifies each structure that can appear in a create-info chain. \since 0.1 */
enum vkdva_structure_type
{
    /** struct vkdva_device_create_info */
    VKDVA_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
    /** struct vkdva_physical_device_select_info */
    VKDVA_STRUCTURE_TYPE_PHYSICAL_DEVICE_SELECT_INFO,
    /** struct vkdva_vulkan_adopt_info */
    VKDVA_STRUCTURE_TYPE_VULKAN_ADOPT_INFO,
    /** struct vkdva_log_info */
    VKDVA_STRUCTURE_TYPE_LOG_INFO,
    /** struct vkdva_vk_image_info */
    VKDVA_STRUCTURE_TYPE_VK_IMAGE_INFO,
    /** struct vkdva_vk_device_info */
    VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO,
    /** struct vkdva_decode_backend_info */
    VKDVA_STRUCTURE_TYPE_DECODE_BACKEND_INFO,

    VKDVA_FORCE_32_BIT_ENUM(VKDVA_STRUCTURE_TYPE),
};

/** Flags for vkdva_device_create_info::flags. \since 0.1 */
enum vkdva_device_flags
{
    /** Enable VK_LAYER_KHRONOS_validation when it is installed; every validation error is
     * logged at VKDVA_LOG_LEVEL_ERR. */
    VKDVA_DEVICE_FLAG_VALIDATION = 0x1,

    VKDVA_FORCE_32_BIT_ENUM(VKDVA_DEVICE_FLAG),
};

/** Log levels, as selected by the VKDVA_DEBUG environment variable. \since 0.1 */
enum vkdva_log_level
{
    VKDVA_LOG_LEVEL_NONE,
    /** vkdva is broken, or a Vulkan validation error. */
    VKDVA_LOG_LEVEL_ERR,
    /** vkdva lacks a feature the caller used. */
    VKDVA_LOG_LEVEL_FIXME,
    /** The caller did something wrong, or an expected failure. */
    VKDVA_LOG_LEVEL_WARN,
    /** Every API call with its arguments. */
    VKDVA_LOG_LEVEL_TRACE,

    VKDVA_FORCE_32_BIT_ENUM(VKDVA_LOG_LEVEL),
};

/** Receives each log line (with its trailing newline). It may be called from any thread, one
 * call at a time. \since 0.1 */
typedef void (*PFN_vkdva_log_callback)(void *context, enum vkdva_log_level level, const char *message);

/**
 * Creates a device. Chain further structures through \a next to choose the physical device,
 * adopt an existing Vulkan instance, or route the log.
 * \since 0.1
 */
struct vkdva_device_create_info
{
    enum vkdva_structure_type type;
    const void *next;
    enum vkdva_api_version api_version;
    /** A combination of enum vkdva_device_flags. */
    uint32_t flags;
};

/** Chooses the Vulkan physical device by index or by VkPhysicalDeviceIDProperties::deviceUUID.
 * Without it vkdva prefers a device with a video decode queue, then a discrete GPU, then an
 * integrated one, then any other (such as a CPU implementation). \since 0.1 */
struct vkdva_physical_device_select_info
{
    enum vkdva_structure_type type;
    const void *next;
    /** Index into vkEnumeratePhysicalDevices(), or UINT32_MAX to match by UUID instead. */
    uint32_t device_index;
    uint8_t device_uuid[VK_UUID_SIZE];
};

/** Makes vkdva use the caller's VkInstance (which must outlive the device) and, optionally, a
 * given VkPhysicalDevice of it. The instance must have been created for Vulkan 1.3 or newer.
 * vkdva creates its own VkDevice on that physical device. \since 0.1 */
struct vkdva_vulkan_adopt_info
{
    enum vkdva_structure_type type;
    const void *next;
    VkInstance vk_instance;
    /** VK_NULL_HANDLE to let vkdva choose among the instance's devices. */
    VkPhysicalDevice vk_physical_device;
    /** The loader entry point the instance came from; NULL for the system loader's. */
    PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr;
};

/** Routes vkdva's log (process-wide, as the log level is) to a callback; a NULL callback
 * restores the default, standard error. \since 0.1 */
struct vkdva_log_info
{
    enum vkdva_structure_type type;
    const void *next;
    PFN_vkdva_log_callback callback;
    void *context;
};

/** The decoder backends of a device. \since 0.1 */
enum vkdva_decode_backend
{
    /** Vulkan Video where the device decodes the profile, libavcodec otherwise. */
    VKDVA_DECODE_BACKEND_DEFAULT,
    /** Vulkan Video only: profiles the video queue cannot decode are not offered. */
    VKDVA_DECODE_BACKEND_VULKAN,
    /** libavcodec only (where vkdva was built with it). */
    VKDVA_DECODE_BACKEND_SOFTWARE,

    VKDVA_FORCE_32_BIT_ENUM(VKDVA_DECODE_BACKEND),
};

/** Restricts the device's decoders to one backend, as the VKDVA_DECODE_BACKEND environment
 * variable (vulkan or software) does; the variable, when set, takes precedence. \since 0.1 */
struct vkdva_decode_backend_info
{
    enum vkdva_structure_type type;
    const void *next;
    enum vkdva_decode_backend backend;
};

/** The Vulkan image behind a texture, or the image to wrap as a texture. \since 0.1 */
struct vkdva_vk_image_info
{
    enum vkdva_structure_type type;
    const void *next;
    VkImage vk_image;
    /** The layout the image is in whenever vkdva does not use it. */
    VkImageLayout vk_layout;
    /** The parameters the image was created with; pNext is not followed and is returned NULL. */
    VkImageCreateInfo vk_create_info;
};

/** The Vulkan objects behind a device. \since 0.1 */
struct vkdva_vk_device_info
{
    enum vkdva_structure_type type;
    const void *next;
    VkInstance vk_instance;
    VkPhysicalDevice vk_physical_device;
    VkDevice vk_device;
    /** VkPhysicalDeviceIDProperties::deviceUUID of the physical device. */
    uint8_t device_uuid[VK_UUID_SIZE];
    PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr;
    /** The family vkdva uses for compute and copies (it also supports transfer). */
    uint32_t compute_queue_family_index;
    /** The video decode family, or VK_QUEUE_FAMILY_IGNORED where the device has none. */
    uint32_t decode_queue_family_index;
    /** Vulkan API version of the VkDevice. */
    uint32_t api_version;
};

/**
 * Creates a D3D11 device for video work and returns the interface \a iid of it (usually
 * IID_ID3D11Device). \a create_info may be NULL: default physical device, default options.
 * Returns E_INVALIDARG for a malformed chain, DXGI_ERROR_UNSUPPORTED where no usable Vulkan
 * device exists, E_NOINTERFACE for an interface the device does not implement.
 * \since 0.1
 */
VKDVA_API HRESULT vkdva_create_device(const struct vkdva_device_create_info *create_info, REFIID iid, void **device);

/** Sets the process-wide log callback; NULL restores standard error. \since 0.1 */
VKDVA_API void vkdva_set_log_callback(PFN_vkdva_log_callback callback, void *context);

/** Fills \a info (whose type must be VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO) with the Vulkan
 * objects of a vkdva device. \since 0.1 */
VKDVA_API HRESULT vkdva_get_vk_device_info(ID3D11Device *device, struct vkdva_vk_device_info *info);

/**
 * Wraps an existing VkImage, created on the device's own VkDevice (see
 * vkdva_get_vk_device_info()), as an ID3D11Texture2D. The image must be 2D, single-sampled,
 * of a format vkdva maps to a DXGI format, with TRANSFER_SRC and TRANSFER_DST usage; vkdva
 * does not take ownership: the caller destroys the image after the texture's last reference
 * is gone and its GPU work has completed.
 * \since 0.1
 */
VKDVA_API HRESULT vkdva_create_texture_from_vk_image(ID3D11Device *device,
        const struct vkdva_vk_image_info *info, ID3D11Texture2D **texture);

/** Returns the VkImage behind a D3D11_USAGE_DEFAULT texture, with its layout and creation
 * parameters; E_INVALIDARG for staging textures, which are buffers. \since 0.1 */
VKDVA_API HRESULT vkdva_get_vk_image_info(ID3D11Texture2D *texture, struct vkdva_vk_image_info *info);

typedef HRESULT (*PFN_vkdva_create_device)(const struct vkdva_device_create_info *create_info,
        REFIID iid, void **device);
typedef void (*PFN_vkdva_set_log_callback)(PFN_vkdva_log_callback callback, void *context);
typedef HRESULT (*PFN_vkdva_get_vk_device_info)(ID3D11Device *device, struct vkdva_vk_device_info *info);
typedef HRESULT (*PFN_vkdva_create_texture_from_vk_image)(ID3D11Device *device,
        const struct vkdva_vk_image_info *info, ID3D11Texture2D **texture);
typedef HRESULT (*PFN_vkdva_get_vk_image_info)(ID3D11Texture2D *texture, struct vkdva_vk_image_info *info);

#ifdef __cplusplus
}
#endif

#endif /* __VKDVA_H */
