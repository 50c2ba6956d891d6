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

#include "vkdva_private.h"

static const struct ID3D11QueryVtbl d3d11_query_vtbl;

static inline struct d3d11_query *impl_from_ID3D11Query(ID3D11Query *iface)
{
    return CONTAINING_RECORD(iface, struct d3d11_query, ID3D11Query_iface);
}

struct d3d11_query *unsafe_impl_from_ID3D11Asynchronous(ID3D11Asynchronous *iface)
{
    if (!iface || iface->lpVtbl != (const void *)&d3d11_query_vtbl)
        return NULL;
    return impl_from_ID3D11Query((ID3D11Query *)iface);
}

static HRESULT STDMETHODCALLTYPE d3d11_query_QueryInterface(ID3D11Query *iface, REFIID iid, void **out)
{
    TRACE("iface %p, iid %s, out %p.\n", iface, debugstr_guid(iid), out);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(iid, &IID_ID3D11Query) || IsEqualGUID(iid, &IID_ID3D11Asynchronous)
            || IsEqualGUID(iid, &IID_ID3D11DeviceChild) || IsEqualGUID(iid, &IID_IUnknown))
    {
        ID3D11Query_AddRef(iface);
        *out = iface;
        return S_OK;
    }

    WARN("%s not implemented, returning E_NOINTERFACE.\n", debugstr_guid(iid));
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE d3d11_query_AddRef(ID3D11Query *iface)
{
    struct d3d11_query *query = impl_from_ID3D11Query(iface);
    unsigned int refcount = vkdva_atomic_increment_u32(&query->refcount);

    TRACE("%p increasing refcount to %u.\n", query, refcount);
    return refcount;
}

static ULONG STDMETHODCALLTYPE d3d11_query_Release(ID3D11Query *iface)
{
    struct d3d11_query *query = impl_from_ID3D11Query(iface);
    unsigned int refcount = vkdva_atomic_decrement_u32(&query->refcount);
    struct d3d11_device *device;

    TRACE("%p decreasing refcount to %u.\n", query, refcount);
    if (!refcount)
    {
        device = query->device;
        vkdva_private_store_destroy(&query->private_store);
        vkdva_free(query);
        ID3D11Device_Release(&device->ID3D11Device_iface);
    }
    return refcount;
}

static void STDMETHODCALLTYPE d3d11_query_GetDevice(ID3D11Query *iface, ID3D11Device **device)
{
    struct d3d11_query *query = impl_from_ID3D11Query(iface);

    TRACE("iface %p, device %p.\n", iface, device);

    *device = &query->device->ID3D11Device_iface;
    ID3D11Device_AddRef(*device);
}

static HRESULT STDMETHODCALLTYPE d3d11_query_GetPrivateData(ID3D11Query *iface,
        REFGUID guid, UINT *data_size, void *data)
{
    struct d3d11_query *query = impl_from_ID3D11Query(iface);

    TRACE("iface %p, guid %s, data_size %p, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_get(&query->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_query_SetPrivateData(ID3D11Query *iface,
        REFGUID guid, UINT data_size, const void *data)
{
    struct d3d11_query *query = impl_from_ID3D11Query(iface);

    TRACE("iface %p, guid %s, data_size %u, data %p.\n", iface, debugstr_guid(guid), data_size, data);

    return vkdva_private_store_set(&query->private_store, guid, data_size, data);
}

static HRESULT STDMETHODCALLTYPE d3d11_query_SetPrivateDataInterface(ID3D11Query *iface,
        REFGUID guid, const IUnknown *data)
{
    struct d3d11_query *query = impl_from_ID3D11Query(iface);

    TRACE("iface %p, guid %s, data %p.\n", iface, debugstr_guid(guid), data);

    return vkdva_private_store_set_interface(&query->private_store, guid, data);
}

static UINT STDMETHODCALLTYPE d3d11_query_GetDataSize(ID3D11Query *iface)
{
    TRACE("iface %p.\n", iface);

    return sizeof(BOOL);
}

static void STDMETHODCALLTYPE d3d11_query_GetDesc(ID3D11Query *iface, D3D11_QUERY_DESC *desc)
{
    struct d3d11_query *query = impl_from_ID3D11Query(iface);

    TRACE("iface %p, desc %p.\n", iface, desc);

    *desc = query->desc;
}

static const struct ID3D11QueryVtbl d3d11_query_vtbl =
{
    /* IUnknown methods */
    d3d11_query_QueryInterface,
    d3d11_query_AddRef,
    d3d11_query_Release,
    /* ID3D11DeviceChild methods */
    d3d11_query_GetDevice,
    d3d11_query_GetPrivateData,
    d3d11_query_SetPrivateData,
    d3d11_query_SetPrivateDataInterface,
    /* ID3D11Asynchronous methods */
    d3d11_query_GetDataSize,
    /* ID3D11Query methods */
    d3d11_query_GetDesc,
};

/* Event queries are what video clients use to know when decode or processing output is ready;
 * they map onto the context's timeline semaphore. No other query type is implemented. */
HRESULT d3d11_query_check_desc(const D3D11_QUERY_DESC *desc)
{
    if (desc->Query > D3D11_QUERY_SO_OVERFLOW_PREDICATE_STREAM3)
    {
        WARN("Invalid query type %#x.\n", desc->Query);
        return E_INVALIDARG;
    }
    if (desc->Query != D3D11_QUERY_EVENT)
    {
        FIXME("Query type %#x is not implemented.\n", desc->Query);
        return E_NOTIMPL;
    }
    if (desc->MiscFlags & ~D3D11_QUERY_MISC_PREDICATEHINT)
    {
        WARN("Invalid misc flags %#x.\n", desc->MiscFlags);
        return E_INVALIDARG;
    }
    return S_OK;
}

HRESULT d3d11_query_create(struct d3d11_device *device, const D3D11_QUERY_DESC *desc, struct d3d11_query **out)
{
    struct d3d11_query *query;
    HRESULT hr;

    if (FAILED(hr = d3d11_query_check_desc(desc)))
        return hr;
    if (!(query = vkdva_calloc(1, sizeof(*query))))
        return E_OUTOFMEMORY;
    query->ID3D11Query_iface.lpVtbl = &d3d11_query_vtbl;
    query->refcount = 1;
    vkdva_private_store_init(&query->private_store);
    query->device = device;
    query->desc = *desc;
    ID3D11Device_AddRef(&device->ID3D11Device_iface);
    *out = query;
    return S_OK;
}
