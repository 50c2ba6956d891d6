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

#include <initguid.h>
#include "d3d11_utils.h"

static void test_create_device(void)
{
    struct vkdva_physical_device_select_info select_info;
    struct vkdva_device_create_info create_info;
    struct vkdva_vulkan_adopt_info adopt_info;
    struct vkdva_vk_device_info vk_info;
    ID3D11Device *device, *device2;
    IUnknown *unknown;
    HRESULT hr;

    hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(device, 1);
    ok(ID3D11Device_GetFeatureLevel(device) >= D3D_FEATURE_LEVEL_11_0, "Got feature level %#x.\n",
            ID3D11Device_GetFeatureLevel(device));
    hr = ID3D11Device_GetDeviceRemovedReason(device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    memset(&vk_info, 0, sizeof(vk_info));
    vk_info.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO;
    hr = vkdva_get_vk_device_info(device, &vk_info);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(vk_info.vk_instance && vk_info.vk_physical_device && vk_info.vk_device, "Got NULL Vulkan handles.\n");
    ok(vk_info.vkGetInstanceProcAddr != NULL, "Got NULL vkGetInstanceProcAddr.\n");
    ok(vk_info.compute_queue_family_index != VK_QUEUE_FAMILY_IGNORED, "Got no compute queue family.\n");
    ok(vk_info.api_version >= VK_API_VERSION_1_3, "Got API version %#x.\n", vk_info.api_version);
    vk_info.type = VKDVA_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    hr = vkdva_get_vk_device_info(device, &vk_info);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = vkdva_get_vk_device_info(NULL, &vk_info);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    vk_info.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO;

    /* Any interface of the device, not only ID3D11Device. */
    hr = vkdva_create_device(NULL, &IID_ID3D11VideoDevice, (void **)&unknown);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(unknown, 1);
    ok(!IUnknown_Release(unknown), "Device has references left.\n");

    unknown = (IUnknown *)0xdeadbeef;
    hr = vkdva_create_device(NULL, &IID_ID3D11Texture2D, (void **)&unknown);
    ok(hr == E_NOINTERFACE, "Got unexpected hr %#x.\n", hr);
    ok(!unknown, "Got unexpected pointer %p.\n", unknown);
    hr = vkdva_create_device(NULL, &IID_ID3D11Device, NULL);
    ok(hr == E_POINTER, "Got unexpected hr %#x.\n", hr);
    hr = vkdva_create_device(NULL, NULL, (void **)&unknown);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* Create-info chains. */
    memset(&create_info, 0, sizeof(create_info));
    create_info.type = VKDVA_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    create_info.api_version = VKDVA_API_VERSION_CURRENT;
    hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    release_device(device2);

    create_info.type = VKDVA_STRUCTURE_TYPE_LOG_INFO;
    device2 = (ID3D11Device *)0xdeadbeef;
    hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ok(!device2, "Got unexpected pointer %p.\n", device2);
    create_info.type = VKDVA_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    create_info.api_version = 0x1000;
    hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    create_info.api_version = VKDVA_API_VERSION_CURRENT;
    create_info.flags = 0x80000000u;
    hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    create_info.flags = 0;

    memset(&select_info, 0, sizeof(select_info));
    select_info.type = VKDVA_STRUCTURE_TYPE_PHYSICAL_DEVICE_SELECT_INFO;
    create_info.next = &select_info;
    select_info.device_index = 0;
    hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
        release_device(device2);
    select_info.device_index = 1000;
    hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    select_info.device_index = UINT32_MAX;
    memcpy(select_info.device_uuid, vk_info.device_uuid, sizeof(select_info.device_uuid));
    hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
    {
        struct vkdva_vk_device_info vk_info2 = {.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO};

        hr = vkdva_get_vk_device_info(device2, &vk_info2);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        ok(!memcmp(vk_info2.device_uuid, vk_info.device_uuid, VK_UUID_SIZE), "Got a different device.\n");
        release_device(device2);
    }
    memset(select_info.device_uuid, 0xcc, sizeof(select_info.device_uuid));
    hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* Two structures of the same type in one chain are ambiguous. */
    {
        struct vkdva_physical_device_select_info select_info2 = select_info;

        select_info.device_index = 0;
        select_info.next = &select_info2;
        hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        select_info.next = NULL;
    }

    /* An adopted instance: the test creates one through the loader vkdva uses. */
    {
        PFN_vkGetInstanceProcAddr get_proc = vk_info.vkGetInstanceProcAddr;
        PFN_vkCreateInstance create_instance = (PFN_vkCreateInstance)get_proc(NULL, "vkCreateInstance");
        PFN_vkDestroyInstance destroy_instance;
        VkApplicationInfo app_info =
        {
            .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
            .apiVersion = VK_API_VERSION_1_3,
        };
        VkInstanceCreateInfo instance_info =
        {
            .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
            .pApplicationInfo = &app_info,
        };
        VkInstance vk_instance;
        VkResult vr;

        vr = create_instance(&instance_info, NULL, &vk_instance);
        ok(vr == VK_SUCCESS, "Got unexpected vr %d.\n", vr);
        destroy_instance = (PFN_vkDestroyInstance)get_proc(vk_instance, "vkDestroyInstance");

        memset(&adopt_info, 0, sizeof(adopt_info));
        adopt_info.type = VKDVA_STRUCTURE_TYPE_VULKAN_ADOPT_INFO;
        adopt_info.vk_instance = vk_instance;
        adopt_info.vkGetInstanceProcAddr = get_proc;
        create_info.next = &adopt_info;
        hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        if (SUCCEEDED(hr))
        {
            struct vkdva_vk_device_info vk_info2 = {.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO};

            hr = vkdva_get_vk_device_info(device2, &vk_info2);
            ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
            ok(vk_info2.vk_instance == vk_instance, "Got instance %p, expected %p.\n",
                    (void *)vk_info2.vk_instance, (void *)vk_instance);
            release_device(device2);
        }

        adopt_info.vk_instance = VK_NULL_HANDLE;
        hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device2);
        ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
        destroy_instance(vk_instance, NULL);
    }

    release_device(device);
}

static unsigned int log_callback_count;

static void count_log(void *context, enum vkdva_log_level level, const char *message)
{
    ++*(unsigned int *)context;
}

static void test_log_callback(void)
{
    struct vkdva_log_info log_info =
    {
        .type = VKDVA_STRUCTURE_TYPE_LOG_INFO,
        .callback = count_log,
        .context = &log_callback_count,
    };
    struct vkdva_device_create_info create_info =
    {
        .type = VKDVA_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
        .next = &log_info,
        .api_version = VKDVA_API_VERSION_CURRENT,
    };
    D3D11_TEXTURE2D_DESC desc;
    ID3D11Texture2D *texture;
    ID3D11Device *device;
    HRESULT hr;

    hr = vkdva_create_device(&create_info, &IID_ID3D11Device, (void **)&device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    /* An unsupported feature logs a FIXME, which the default level prints. */
    memset(&desc, 0, sizeof(desc));
    desc.Width = desc.Height = 4;
    desc.MipLevels = desc.ArraySize = 1;
    desc.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    desc.SampleDesc.Count = 4;
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &texture);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ok(log_callback_count > 0, "The log callback was not called.\n");
    release_device(device);

    /* Back to the test harness's own callback. */
    vkdva_set_log_callback(d3d11_test_log, NULL);
}

static void test_interfaces(void)
{
    ID3D11VideoContext *video_context, *video_context_b;
    ID3D11VideoDevice *video_device, *video_device_b;
    ID3D11DeviceContext *context, *context2;
    ID3D11Multithread *multithread11;
    ID3D10Multithread *multithread10;
    ID3D11Device *device, *device2;
    ULONG refcount;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }

    check_interface(device, &IID_IUnknown, true);
    check_interface(device, &IID_ID3D11Device, true);
    check_interface(device, &IID_ID3D11VideoDevice, true);
    check_interface(device, &IID_ID3D11VideoDevice1, true);
    check_interface(device, &IID_ID3D11VideoDevice2, true);
    check_interface(device, &IID_ID3D10Multithread, true);
    check_interface(device, &IID_ID3D11Multithread, true);
    check_interface(device, &IID_ID3D11DeviceContext, false);
    check_interface(device, &IID_ID3D11VideoContext, false);
    check_interface(device, &IID_ID3D11Texture2D, false);

    /* One object, one reference count. */
    hr = ID3D11Device_QueryInterface(device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(device, 2);
    check_refcount(video_device, 2);
    hr = ID3D11VideoDevice_QueryInterface(video_device, &IID_ID3D11VideoDevice2, (void **)&video_device_b);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(device, 3);
    ID3D11VideoDevice_Release(video_device_b);
    hr = ID3D11VideoDevice_QueryInterface(video_device, &IID_ID3D11Device, (void **)&device2);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(device2 == device, "Got device %p, expected %p.\n", device2, device);
    ID3D11Device_Release(device2);
    check_interface(video_device, &IID_ID3D10Multithread, true);
    check_interface(video_device, &IID_ID3D11Multithread, true);
    check_interface(video_device, &IID_IUnknown, true);

    hr = ID3D11Device_QueryInterface(device, &IID_ID3D10Multithread, (void **)&multithread10);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(device, 3);
    check_interface(multithread10, &IID_ID3D11Device, true);
    check_interface(multithread10, &IID_ID3D11VideoDevice1, true);
    ok(!ID3D10Multithread_GetMultithreadProtected(multithread10), "Expected protection off by default.\n");
    ok(!ID3D10Multithread_SetMultithreadProtected(multithread10, TRUE), "Expected previous state FALSE.\n");
    ok(ID3D10Multithread_GetMultithreadProtected(multithread10), "Expected protection on.\n");
    ID3D10Multithread_Enter(multithread10);
    ID3D10Multithread_Enter(multithread10);
    ID3D10Multithread_Leave(multithread10);
    ID3D10Multithread_Leave(multithread10);
    ID3D10Multithread_Release(multithread10);
    ID3D11VideoDevice_Release(video_device);
    check_refcount(device, 1);

    /* The immediate context holds a reference on the device while it has references. */
    ID3D11Device_GetImmediateContext(device, &context);
    check_refcount(device, 2);
    ID3D11Device_GetImmediateContext(device, &context2);
    ok(context2 == context, "Got context %p, expected %p.\n", context2, context);
    check_refcount(device, 2);
    ID3D11DeviceContext_Release(context2);
    ok(ID3D11DeviceContext_GetType(context) == D3D11_DEVICE_CONTEXT_IMMEDIATE, "Got unexpected type.\n");
    ID3D11DeviceContext_GetDevice(context, &device2);
    ok(device2 == device, "Got device %p, expected %p.\n", device2, device);
    ID3D11Device_Release(device2);

    check_interface(context, &IID_IUnknown, true);
    check_interface(context, &IID_ID3D11DeviceChild, true);
    check_interface(context, &IID_ID3D11VideoContext, true);
    check_interface(context, &IID_ID3D11VideoContext1, true);
    check_interface(context, &IID_ID3D11VideoContext2, true);
    check_interface(context, &IID_ID3D11VideoContext3, true);
    check_interface(context, &IID_ID3D11Multithread, true);
    check_interface(context, &IID_ID3D11Device, false);
    check_interface(context, &IID_ID3D11VideoDevice, false);

    hr = ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(context, 2);
    hr = ID3D11VideoContext_QueryInterface(video_context, &IID_ID3D11VideoContext3, (void **)&video_context_b);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(context, 3);
    ID3D11VideoContext_Release(video_context_b);
    check_interface(video_context, &IID_ID3D11DeviceContext, true);
    check_interface(video_context, &IID_ID3D11Multithread, true);
    ID3D11VideoContext_GetDevice(video_context, &device2);
    ok(device2 == device, "Got device %p, expected %p.\n", device2, device);
    ID3D11Device_Release(device2);

    hr = ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11Multithread, (void **)&multithread11);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_interface(multithread11, &IID_ID3D11VideoContext2, true);
    ok(ID3D11Multithread_GetMultithreadProtected(multithread11), "Expected the device-wide state.\n");
    ok(ID3D11Multithread_SetMultithreadProtected(multithread11, FALSE), "Expected previous state TRUE.\n");
    ID3D11Multithread_Enter(multithread11);
    ID3D11Multithread_Leave(multithread11);
    ID3D11Multithread_Release(multithread11);
    ID3D11VideoContext_Release(video_context);
    check_refcount(context, 1);
    check_refcount(device, 2);

    refcount = ID3D11DeviceContext_Release(context);
    ok(!refcount, "ID3D11DeviceContext has %u references left.\n", refcount);
    check_refcount(device, 1);
    release_device(device);
}

static void test_private_data(void)
{
    static const GUID test_guid = {0xdeadbeef, 0x1234, 0x5678, {1, 2, 3, 4, 5, 6, 7, 8}};
    ID3D11DeviceContext *context;
    ID3D11Device *device, *device2;
    IUnknown *object;
    DWORD data = 0x11223344, out;
    UINT size;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }

    size = sizeof(out);
    hr = ID3D11Device_GetPrivateData(device, &test_guid, &size, &out);
    ok(hr == DXGI_ERROR_NOT_FOUND, "Got unexpected hr %#x.\n", hr);
    ok(!size, "Got size %u.\n", size);
    hr = ID3D11Device_SetPrivateData(device, &test_guid, sizeof(data), &data);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    size = 0;
    hr = ID3D11Device_GetPrivateData(device, &test_guid, &size, NULL);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(size == sizeof(data), "Got size %u.\n", size);
    size = 1;
    hr = ID3D11Device_GetPrivateData(device, &test_guid, &size, &out);
    ok(hr == DXGI_ERROR_MORE_DATA, "Got unexpected hr %#x.\n", hr);
    ok(size == sizeof(data), "Got size %u.\n", size);
    size = sizeof(out);
    hr = ID3D11Device_GetPrivateData(device, &test_guid, &size, &out);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(out == data, "Got %#x, expected %#x.\n", out, data);
    hr = ID3D11Device_GetPrivateData(device, &test_guid, NULL, &out);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11Device_SetPrivateData(device, &test_guid, 0, NULL);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    size = sizeof(out);
    hr = ID3D11Device_GetPrivateData(device, &test_guid, &size, &out);
    ok(hr == DXGI_ERROR_NOT_FOUND, "Got unexpected hr %#x.\n", hr);

    /* Interfaces are referenced while stored. */
    ID3D11Device_GetImmediateContext(device, &context);
    hr = ID3D11DeviceContext_SetPrivateDataInterface(context, &test_guid, (IUnknown *)device);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(device, 3);
    size = sizeof(object);
    hr = ID3D11DeviceContext_GetPrivateData(context, &test_guid, &size, &object);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(object == (IUnknown *)device, "Got object %p.\n", object);
    IUnknown_Release(object);
    hr = ID3D11DeviceContext_SetPrivateDataInterface(context, &test_guid, NULL);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    check_refcount(device, 2);
    device2 = device;
    ID3D11DeviceContext_Release(context);
    release_device(device2);
}

static void test_format_support(void)
{
    static const struct
    {
        DXGI_FORMAT format;
        bool video;
        bool decoder_output;
    }
    formats[] =
    {
        {DXGI_FORMAT_NV12, true, true},
        {DXGI_FORMAT_P010, true, true},
        {DXGI_FORMAT_P016, true, true},
        {DXGI_FORMAT_YUY2, true, false},
        {DXGI_FORMAT_AYUV, true, false},
        {DXGI_FORMAT_Y410, true, false},
        {DXGI_FORMAT_Y416, true, false},
        {DXGI_FORMAT_B8G8R8A8_UNORM},
        {DXGI_FORMAT_R8G8B8A8_UNORM},
        {DXGI_FORMAT_R10G10B10A2_UNORM},
        {DXGI_FORMAT_R16G16B16A16_FLOAT},
        {DXGI_FORMAT_R8_UNORM},
        {DXGI_FORMAT_R8G8_UNORM},
        {DXGI_FORMAT_R16_UNORM},
        {DXGI_FORMAT_R16G16_UNORM},
    };
    D3D11_FEATURE_DATA_FORMAT_SUPPORT format_support;
    D3D11_FEATURE_DATA_THREADING threading;
    ID3D11Device *device;
    unsigned int i;
    UINT support;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }

    for (i = 0; i < ARRAY_SIZE(formats); ++i)
    {
        vkdva_test_state.context = "format";
        support = 0xdeadbeef;
        hr = ID3D11Device_CheckFormatSupport(device, formats[i].format, &support);
        ok(hr == S_OK, "Format %#x: got unexpected hr %#x.\n", formats[i].format, hr);
        ok(support & D3D11_FORMAT_SUPPORT_TEXTURE2D, "Format %#x: got support %#x.\n", formats[i].format, support);
        ok(support & D3D11_FORMAT_SUPPORT_CPU_LOCKABLE, "Format %#x: got support %#x.\n", formats[i].format, support);
        ok(!(support & (D3D11_FORMAT_SUPPORT_BUFFER | D3D11_FORMAT_SUPPORT_TEXTURE3D | D3D11_FORMAT_SUPPORT_RENDER_TARGET)),
                "Format %#x: got support %#x for features vkdva does not implement.\n", formats[i].format, support);
        if (!formats[i].decoder_output)
            ok(!(support & D3D11_FORMAT_SUPPORT_DECODER_OUTPUT), "Format %#x: got support %#x.\n",
                    formats[i].format, support);

        format_support.InFormat = formats[i].format;
        format_support.OutFormatSupport = 0;
        hr = ID3D11Device_CheckFeatureSupport(device, D3D11_FEATURE_FORMAT_SUPPORT,
                &format_support, sizeof(format_support));
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        ok(format_support.OutFormatSupport == support, "Got %#x, expected %#x.\n",
                format_support.OutFormatSupport, support);
    }
    vkdva_test_state.context = NULL;

    support = 0xdeadbeef;
    hr = ID3D11Device_CheckFormatSupport(device, DXGI_FORMAT_R32G32B32_FLOAT, &support);
    ok(hr == E_FAIL, "Got unexpected hr %#x.\n", hr);
    ok(!support, "Got support %#x.\n", support);
    hr = ID3D11Device_CheckFormatSupport(device, DXGI_FORMAT_NV12, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    hr = ID3D11Device_CheckFeatureSupport(device, D3D11_FEATURE_THREADING, &threading, sizeof(threading));
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(threading.DriverConcurrentCreates, "Expected concurrent creates.\n");
    ok(!threading.DriverCommandLists, "Expected no command lists.\n");
    hr = ID3D11Device_CheckFeatureSupport(device, D3D11_FEATURE_THREADING, &threading, sizeof(threading) - 1);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    release_device(device);
}

static void test_unimplemented(void)
{
    ID3D11DeviceContext *deferred = (ID3D11DeviceContext *)0xdeadbeef;
    ID3D11Buffer *buffer = (ID3D11Buffer *)0xdeadbeef;
    D3D11_BUFFER_DESC buffer_desc;
    D3D11_QUERY_DESC query_desc;
    ID3D11Query *query;
    ID3D11Device *device;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }

    /* vkdva is not a renderer: these fail clearly, never pretend. */
    memset(&buffer_desc, 0, sizeof(buffer_desc));
    buffer_desc.ByteWidth = 64;
    buffer_desc.Usage = D3D11_USAGE_DEFAULT;
    buffer_desc.BindFlags = D3D11_BIND_VERTEX_BUFFER;
    hr = ID3D11Device_CreateBuffer(device, &buffer_desc, NULL, &buffer);
    ok(hr == E_NOTIMPL, "Got unexpected hr %#x.\n", hr);
    ok(!buffer, "Got unexpected buffer %p.\n", buffer);
    hr = ID3D11Device_CreateDeferredContext(device, 0, &deferred);
    ok(hr == E_NOTIMPL, "Got unexpected hr %#x.\n", hr);
    ok(!deferred, "Got unexpected context %p.\n", deferred);

    query_desc.Query = D3D11_QUERY_OCCLUSION;
    query_desc.MiscFlags = 0;
    query = (ID3D11Query *)0xdeadbeef;
    hr = ID3D11Device_CreateQuery(device, &query_desc, &query);
    ok(hr == E_NOTIMPL, "Got unexpected hr %#x.\n", hr);
    ok(!query, "Got unexpected query %p.\n", query);
    query_desc.Query = 0x1000;
    hr = ID3D11Device_CreateQuery(device, &query_desc, &query);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    release_device(device);
}

static void test_event_query(void)
{
    ID3D11DeviceContext *context;
    D3D11_QUERY_DESC query_desc;
    ID3D11Device *device;
    ID3D11Query *query;
    unsigned int i;
    BOOL data;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    ID3D11Device_GetImmediateContext(device, &context);

    query_desc.Query = D3D11_QUERY_EVENT;
    query_desc.MiscFlags = 0;
    hr = ID3D11Device_CreateQuery(device, &query_desc, NULL);
    ok(hr == S_FALSE, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11Device_CreateQuery(device, &query_desc, &query);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(ID3D11Query_GetDataSize(query) == sizeof(BOOL), "Got data size %u.\n", ID3D11Query_GetDataSize(query));

    hr = ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, NULL, 0, 0);
    ok(hr == DXGI_ERROR_INVALID_CALL, "Got unexpected hr %#x.\n", hr);
    ID3D11DeviceContext_End(context, (ID3D11Asynchronous *)query);
    hr = ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, &data, sizeof(data) + 1, 0);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    for (i = 0, hr = S_FALSE; i < 10000 && hr == S_FALSE; ++i)
        hr = ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, &data, sizeof(data), 0);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(data == TRUE, "Got data %#x.\n", data);

    ID3D11Query_Release(query);
    ID3D11DeviceContext_Release(context);
    release_device(device);
}

START_TEST(device)
{
    require_device_or_skip_all();

    run_test(test_create_device);
    run_test(test_log_callback);
    run_test(test_interfaces);
    run_test(test_private_data);
    run_test(test_format_support);
    run_test(test_unimplemented);
    run_test(test_event_query);
}
