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

/* How a format lays out its bytes in a mapped subresource, as on Windows. */
struct format_layout
{
    DXGI_FORMAT format;
    const char *name;
    unsigned int plane_count;
    unsigned int bytes_per_pixel;   /* luma plane or packed; per two pixels / 2 for YUY2 */
    unsigned int width_align, height_align;
    UINT bind_flags;
    /* Mask applied to every 16-bit word (P010 keeps its 6 low bits zero). */
    uint16_t word_mask;
};

static const struct format_layout formats[] =
{
    {DXGI_FORMAT_NV12, "NV12", 2, 1, 2, 2, D3D11_BIND_DECODER},
    {DXGI_FORMAT_P010, "P010", 2, 2, 2, 2, D3D11_BIND_DECODER, 0xffc0},
    {DXGI_FORMAT_P016, "P016", 2, 2, 2, 2, D3D11_BIND_DECODER},
    {DXGI_FORMAT_YUY2, "YUY2", 1, 2, 2, 1, D3D11_BIND_SHADER_RESOURCE},
    {DXGI_FORMAT_AYUV, "AYUV", 1, 4, 1, 1, D3D11_BIND_SHADER_RESOURCE},
    {DXGI_FORMAT_Y410, "Y410", 1, 4, 1, 1, D3D11_BIND_SHADER_RESOURCE},
    {DXGI_FORMAT_Y416, "Y416", 1, 8, 1, 1, D3D11_BIND_SHADER_RESOURCE},
    {DXGI_FORMAT_B8G8R8A8_UNORM, "B8G8R8A8_UNORM", 1, 4, 1, 1, D3D11_BIND_RENDER_TARGET},
    {DXGI_FORMAT_R8G8B8A8_UNORM, "R8G8B8A8_UNORM", 1, 4, 1, 1, D3D11_BIND_RENDER_TARGET},
    {DXGI_FORMAT_R10G10B10A2_UNORM, "R10G10B10A2_UNORM", 1, 4, 1, 1, D3D11_BIND_SHADER_RESOURCE},
    {DXGI_FORMAT_R16G16B16A16_FLOAT, "R16G16B16A16_FLOAT", 1, 8, 1, 1, D3D11_BIND_SHADER_RESOURCE},
    {DXGI_FORMAT_R8_UNORM, "R8_UNORM", 1, 1, 1, 1, D3D11_BIND_SHADER_RESOURCE},
    {DXGI_FORMAT_R8G8_UNORM, "R8G8_UNORM", 1, 2, 1, 1, D3D11_BIND_SHADER_RESOURCE},
    {DXGI_FORMAT_R16_UNORM, "R16_UNORM", 1, 2, 1, 1, D3D11_BIND_SHADER_RESOURCE},
    {DXGI_FORMAT_R16G16_UNORM, "R16G16_UNORM", 1, 4, 1, 1, D3D11_BIND_SHADER_RESOURCE},
};

/* Rows of all planes of a width x height subresource. */
static unsigned int layout_rows(const struct format_layout *f, unsigned int height)
{
    return f->plane_count == 2 ? height + height / 2 : height;
}

static unsigned int layout_row_bytes(const struct format_layout *f, unsigned int width)
{
    return width * f->bytes_per_pixel;
}

static BYTE pattern_byte(unsigned int seed, unsigned int layer, unsigned int row, unsigned int x)
{
    return (BYTE)(seed * 131u + layer * 71u + row * 7u + x * 3u + ((row * x) >> 3));
}

static void fill_pattern(const struct format_layout *f, BYTE *data, unsigned int pitch, unsigned int width,
        unsigned int height, unsigned int seed, unsigned int layer)
{
    unsigned int row, x, rows = layout_rows(f, height), row_bytes = layout_row_bytes(f, width);

    for (row = 0; row < rows; ++row)
    {
        for (x = 0; x < row_bytes; ++x)
            data[row * pitch + x] = pattern_byte(seed, layer, row, x);
        if (f->word_mask)
        {
            for (x = 0; x + 1 < row_bytes; x += 2)
                data[row * pitch + x] &= (BYTE)f->word_mask;
        }
    }
}

/* Compares a mapped subresource with the pattern, reporting the first difference. */
#define check_pattern(a, b, c, d, e, f, g) check_pattern_(__LINE__, a, b, c, d, e, f, g)
static void check_pattern_(unsigned int line, const struct format_layout *f, const D3D11_MAPPED_SUBRESOURCE *map,
        unsigned int width, unsigned int height, unsigned int seed, unsigned int layer, const char *what)
{
    unsigned int row, x, rows = layout_rows(f, height), row_bytes = layout_row_bytes(f, width);
    const BYTE *data = map->pData;
    BYTE expected;

    for (row = 0; row < rows; ++row)
    {
        for (x = 0; x < row_bytes; ++x)
        {
            expected = pattern_byte(seed, layer, row, x);
            if (f->word_mask && !(x & 1))
                expected &= (BYTE)f->word_mask;
            if (data[row * map->RowPitch + x] != expected)
            {
                ok_line(line, false, "%s %s layer %u: got %#x at row %u byte %u, expected %#x.\n", f->name, what,
                        layer, data[row * map->RowPitch + x], row, x, expected);
                return;
            }
        }
    }
    ok_line(line, true, "%s %s.\n", f->name, what);
}

/* Decoder output where the device decodes to the format, shader resource otherwise. */
static UINT bind_flags_for(ID3D11Device *device, const struct format_layout *f)
{
    UINT support = 0;

    if (f->bind_flags != D3D11_BIND_DECODER)
        return f->bind_flags;
    ID3D11Device_CheckFormatSupport(device, f->format, &support);
    return (support & D3D11_FORMAT_SUPPORT_DECODER_OUTPUT) ? D3D11_BIND_DECODER : D3D11_BIND_SHADER_RESOURCE;
}

static ID3D11Texture2D *create_texture(ID3D11Device *device, const struct format_layout *f, unsigned int width,
        unsigned int height, unsigned int array_size, D3D11_USAGE usage, unsigned int seed)
{
    D3D11_SUBRESOURCE_DATA data[4] = {{0}};
    D3D11_TEXTURE2D_DESC desc;
    ID3D11Texture2D *texture;
    unsigned int pitch, i;
    BYTE *buffers[4] = {0};
    HRESULT hr;

    memset(&desc, 0, sizeof(desc));
    desc.Width = width;
    desc.Height = height;
    desc.MipLevels = 1;
    desc.ArraySize = array_size;
    desc.Format = f->format;
    desc.SampleDesc.Count = 1;
    desc.Usage = usage;
    if (usage == D3D11_USAGE_STAGING)
        desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE;
    else
        desc.BindFlags = bind_flags_for(device, f);

    pitch = layout_row_bytes(f, width) + 12;
    for (i = 0; i < array_size && seed; ++i)
    {
        buffers[i] = calloc(pitch, layout_rows(f, height));
        fill_pattern(f, buffers[i], pitch, width, height, seed, i);
        data[i].pSysMem = buffers[i];
        data[i].SysMemPitch = pitch;
        data[i].SysMemSlicePitch = pitch * layout_rows(f, height);
    }
    hr = ID3D11Device_CreateTexture2D(device, &desc, seed ? data : NULL, &texture);
    ok(hr == S_OK, "%s: got unexpected hr %#x.\n", f->name, hr);
    for (i = 0; i < array_size; ++i)
        free(buffers[i]);
    return SUCCEEDED(hr) ? texture : NULL;
}

static void test_texture_round_trips(void)
{
    static const struct
    {
        unsigned int width, height, array_size;
    }
    sizes[] =
    {
        {64, 32, 1},
        {18, 10, 3},
        {130, 66, 2},
    };
    ID3D11Texture2D *gpu, *staging, *staging2;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11DeviceContext *context;
    D3D11_TEXTURE2D_DESC desc;
    unsigned int i, s, layer;
    ID3D11Device *device;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    ID3D11Device_GetImmediateContext(device, &context);

    for (i = 0; i < ARRAY_SIZE(formats); ++i)
    {
        const struct format_layout *f = &formats[i];

        vkdva_test_state.context = f->name;
        for (s = 0; s < ARRAY_SIZE(sizes); ++s)
        {
            unsigned int w = sizes[s].width, h = sizes[s].height, layers = sizes[s].array_size;

            /* Initial data, GPU texture to staging. */
            if (!(gpu = create_texture(device, f, w, h, layers, D3D11_USAGE_DEFAULT, 1)))
                continue;
            staging = create_texture(device, f, w, h, layers, D3D11_USAGE_STAGING, 0);
            staging2 = create_texture(device, f, w, h, layers, D3D11_USAGE_STAGING, 5);
            ID3D11Texture2D_GetDesc(gpu, &desc);
            ok(desc.Width == w && desc.Height == h && desc.ArraySize == layers && desc.MipLevels == 1,
                    "Got unexpected desc %ux%u/%u/%u.\n", desc.Width, desc.Height, desc.ArraySize, desc.MipLevels);

            ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)gpu);
            for (layer = 0; layer < layers; ++layer)
            {
                hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, layer, D3D11_MAP_READ, 0, &map);
                ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
                if (FAILED(hr))
                    continue;
                ok(map.RowPitch >= layout_row_bytes(f, w), "Got row pitch %u.\n", map.RowPitch);
                ok(map.DepthPitch >= map.RowPitch * layout_rows(f, h), "Got depth pitch %u.\n", map.DepthPitch);
                check_pattern(f, &map, w, h, 1, layer, "initial data read back");
                ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, layer);
            }

            /* Staging initial data, staging to GPU to staging. */
            for (layer = 0; layer < layers; ++layer)
            {
                hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging2, layer, D3D11_MAP_READ, 0, &map);
                ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
                if (SUCCEEDED(hr))
                {
                    check_pattern(f, &map, w, h, 5, layer, "staging initial data");
                    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging2, layer);
                }
                hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, layer, D3D11_MAP_WRITE, 0, &map);
                ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
                if (SUCCEEDED(hr))
                {
                    fill_pattern(f, map.pData, map.RowPitch, w, h, 9, layer);
                    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, layer);
                }
            }
            ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)gpu, (ID3D11Resource *)staging);
            ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging2, (ID3D11Resource *)gpu);
            for (layer = 0; layer < layers; ++layer)
            {
                hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging2, layer, D3D11_MAP_READ, 0, &map);
                ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
                if (FAILED(hr))
                    continue;
                check_pattern(f, &map, w, h, 9, layer, "staging -> GPU -> staging");
                ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging2, layer);
            }

            ID3D11Texture2D_Release(staging2);
            ID3D11Texture2D_Release(staging);
            ok(!ID3D11Texture2D_Release(gpu), "Texture has references left.\n");
        }
    }
    vkdva_test_state.context = NULL;

    ID3D11DeviceContext_Release(context);
    release_device(device);
}

/* Sub-rectangle copies and updates, including the chroma plane of planar formats. */
static void test_texture_regions(void)
{
    static const unsigned int w = 32, h = 16;
    ID3D11Texture2D *gpu, *gpu2, *staging;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11DeviceContext *context;
    unsigned int i, row, x, rows;
    ID3D11Device *device;
    D3D11_BOX box;
    BYTE *update;
    HRESULT hr;

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    ID3D11Device_GetImmediateContext(device, &context);

    for (i = 0; i < ARRAY_SIZE(formats); ++i)
    {
        const struct format_layout *f = &formats[i];
        unsigned int bx = 4, by = 2, bw = 8, bh = 6, dx = 10, dy = 4, bpp = f->bytes_per_pixel;
        unsigned int update_pitch = bw * bpp + 4;
        bool mismatch = false;

        vkdva_test_state.context = f->name;
        gpu = create_texture(device, f, w, h, 2, D3D11_USAGE_DEFAULT, 1);
        gpu2 = create_texture(device, f, w, h, 1, D3D11_USAGE_DEFAULT, 2);
        staging = create_texture(device, f, w, h, 1, D3D11_USAGE_STAGING, 0);
        if (!gpu || !gpu2 || !staging)
            goto next;

        /* UpdateSubresource of a box of layer 1, then copy layer 1's box to gpu2 at (dx, dy). */
        rows = layout_rows(f, bh);
        update = calloc(update_pitch, rows);
        for (row = 0; row < rows; ++row)
        {
            for (x = 0; x < bw * bpp; ++x)
                update[row * update_pitch + x] = (BYTE)(0xa0 + row * 5 + x);
            if (f->word_mask)
            {
                for (x = 0; x + 1 < bw * bpp; x += 2)
                    update[row * update_pitch + x] &= (BYTE)f->word_mask;
            }
        }
        box.left = bx;
        box.top = by;
        box.front = 0;
        box.right = bx + bw;
        box.bottom = by + bh;
        box.back = 1;
        ID3D11DeviceContext_UpdateSubresource(context, (ID3D11Resource *)gpu, 1, &box, update, update_pitch, 0);
        ID3D11DeviceContext_CopySubresourceRegion(context, (ID3D11Resource *)gpu2, 0, dx, dy, 0,
                (ID3D11Resource *)gpu, 1, &box);
        ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)gpu2);

        hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
        if (FAILED(hr))
        {
            free(update);
            goto next;
        }
        for (row = 0; row < layout_rows(f, h) && !mismatch; ++row)
        {
            /* For planar formats, rows past h are the chroma plane at half resolution. */
            bool chroma = f->plane_count == 2 && row >= h;
            unsigned int plane_row = chroma ? row - h : row;
            unsigned int pdx = chroma ? dx / 2 * 2 : dx, pdy = chroma ? dy / 2 : dy;
            unsigned int pbh = chroma ? bh / 2 : bh;
            unsigned int urow = chroma ? bh + (plane_row - pdy) : plane_row - dy;

            for (x = 0; x < w * bpp && !mismatch; ++x)
            {
                BYTE got = ((BYTE *)map.pData)[row * map.RowPitch + x], expected;
                bool inside = plane_row >= pdy && plane_row < pdy + pbh && x >= pdx * bpp && x < (pdx + bw) * bpp;

                if (inside)
                    expected = update[urow * update_pitch + x - pdx * bpp];
                else
                {
                    expected = pattern_byte(2, 0, row, x);
                    if (f->word_mask && !(x & 1))
                        expected &= (BYTE)f->word_mask;
                }
                if (got != expected)
                {
                    ok(false, "Got %#x at row %u byte %u, expected %#x.\n", got, row, x, expected);
                    mismatch = true;
                }
            }
        }
        ok(!mismatch, "Region copy of %s.\n", f->name);
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
        free(update);

next:
        if (staging)
            ID3D11Texture2D_Release(staging);
        if (gpu2)
            ID3D11Texture2D_Release(gpu2);
        if (gpu)
            ID3D11Texture2D_Release(gpu);
    }
    vkdva_test_state.context = NULL;

    ID3D11DeviceContext_Release(context);
    release_device(device);
}

static void test_texture_invalid(void)
{
    D3D11_TEXTURE2D_DESC desc, staging_desc;
    ID3D11Texture2D *texture, *staging, *other;
    D3D11_SUBRESOURCE_DATA data;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11DeviceContext *context;
    ID3D11Device *device;
    BYTE buffer[256 * 4];
    D3D11_BOX box;
    unsigned int i;
    HRESULT hr;

    static const struct
    {
        UINT width, height, mips, array_size;
        DXGI_FORMAT format;
        D3D11_USAGE usage;
        UINT bind, cpu, misc, samples;
    }
    invalid[] =
    {
        {0, 16, 1, 1, DXGI_FORMAT_NV12, D3D11_USAGE_DEFAULT, D3D11_BIND_DECODER, 0, 0, 1},
        {16, 0, 1, 1, DXGI_FORMAT_NV12, D3D11_USAGE_DEFAULT, D3D11_BIND_DECODER, 0, 0, 1},
        {16, 16, 1, 0, DXGI_FORMAT_NV12, D3D11_USAGE_DEFAULT, D3D11_BIND_DECODER, 0, 0, 1},
        {15, 16, 1, 1, DXGI_FORMAT_NV12, D3D11_USAGE_DEFAULT, D3D11_BIND_DECODER, 0, 0, 1},
        {16, 15, 1, 1, DXGI_FORMAT_P010, D3D11_USAGE_DEFAULT, D3D11_BIND_DECODER, 0, 0, 1},
        {15, 16, 1, 1, DXGI_FORMAT_YUY2, D3D11_USAGE_DEFAULT, 0, 0, 0, 1},
        {16, 16, 2, 1, DXGI_FORMAT_NV12, D3D11_USAGE_DEFAULT, 0, 0, 0, 1},
        {16, 16, 6, 1, DXGI_FORMAT_R8G8B8A8_UNORM, D3D11_USAGE_DEFAULT, 0, 0, 0, 1},
        {16, 16, 1, 1, DXGI_FORMAT_R8G8B8A8_UNORM, D3D11_USAGE_DEFAULT, D3D11_BIND_DECODER, 0, 0, 1},
        {16, 16, 1, 1, DXGI_FORMAT_B8G8R8A8_UNORM, D3D11_USAGE_DEFAULT, D3D11_BIND_VERTEX_BUFFER, 0, 0, 1},
        {16, 16, 1, 1, DXGI_FORMAT_B8G8R8A8_UNORM, D3D11_USAGE_DEFAULT, 0, D3D11_CPU_ACCESS_READ, 0, 1},
        {16, 16, 1, 1, DXGI_FORMAT_B8G8R8A8_UNORM, D3D11_USAGE_STAGING, 0, 0, 0, 1},
        {16, 16, 1, 1, DXGI_FORMAT_B8G8R8A8_UNORM, D3D11_USAGE_STAGING, D3D11_BIND_SHADER_RESOURCE,
                D3D11_CPU_ACCESS_READ, 0, 1},
        {16, 16, 1, 1, DXGI_FORMAT_NV12, D3D11_USAGE_STAGING, 0, D3D11_CPU_ACCESS_READ,
                D3D11_RESOURCE_MISC_HW_PROTECTED, 1},
        {16, 16, 1, 1, DXGI_FORMAT_B8G8R8A8_UNORM, D3D11_USAGE_IMMUTABLE, 0, 0, 0, 1},
        {16, 16, 1, 1, DXGI_FORMAT_B8G8R8A8_UNORM, D3D11_USAGE_DEFAULT, 0, 0, 0, 4},
        {16, 16, 1, 1, DXGI_FORMAT_R32G32B32_FLOAT, D3D11_USAGE_DEFAULT, 0, 0, 0, 1},
        {16, 16, 1, 1, DXGI_FORMAT_UNKNOWN, D3D11_USAGE_DEFAULT, 0, 0, 0, 1},
        {16, 16, 1, 1, DXGI_FORMAT_NV12, 0x1234, 0, 0, 0, 1},
        {16384 * 2, 16, 1, 1, DXGI_FORMAT_NV12, D3D11_USAGE_DEFAULT, 0, 0, 0, 1},
        {16, 16, 1, 1, DXGI_FORMAT_NV12, D3D11_USAGE_STAGING, 0, 0x100, 0, 1},
    };

    if (!(device = create_device()))
    {
        skip("Failed to create a device.\n");
        return;
    }
    ID3D11Device_GetImmediateContext(device, &context);

    hr = ID3D11Device_CreateTexture2D(device, NULL, NULL, &texture);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    for (i = 0; i < ARRAY_SIZE(invalid); ++i)
    {
        memset(&desc, 0, sizeof(desc));
        desc.Width = invalid[i].width;
        desc.Height = invalid[i].height;
        desc.MipLevels = invalid[i].mips;
        desc.ArraySize = invalid[i].array_size;
        desc.Format = invalid[i].format;
        desc.SampleDesc.Count = invalid[i].samples;
        desc.Usage = invalid[i].usage;
        desc.BindFlags = invalid[i].bind;
        desc.CPUAccessFlags = invalid[i].cpu;
        desc.MiscFlags = invalid[i].misc;
        texture = (ID3D11Texture2D *)0xdeadbeef;
        hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &texture);
        ok(hr == E_INVALIDARG, "Test %u: got unexpected hr %#x.\n", i, hr);
        ok(!texture, "Test %u: got unexpected texture %p.\n", i, texture);
        hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, NULL);
        ok(hr == E_INVALIDARG, "Test %u: got unexpected hr %#x.\n", i, hr);
    }

    /* A NULL out-pointer only validates. */
    memset(&desc, 0, sizeof(desc));
    desc.Width = 64;
    desc.Height = 32;
    desc.MipLevels = 1;
    desc.ArraySize = 1;
    desc.Format = DXGI_FORMAT_NV12;
    desc.SampleDesc.Count = 1;
    desc.Usage = D3D11_USAGE_DEFAULT;
    desc.BindFlags = bind_flags_for(device, &formats[0]);
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, NULL);
    ok(hr == S_FALSE, "Got unexpected hr %#x.\n", hr);

    /* NULL initial data for a subresource. */
    memset(&data, 0, sizeof(data));
    hr = ID3D11Device_CreateTexture2D(device, &desc, &data, &texture);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (FAILED(hr))
    {
        ID3D11DeviceContext_Release(context);
        release_device(device);
        return;
    }
    check_refcount(texture, 1);
    check_refcount(device, 3);
    check_interface(texture, &IID_ID3D11Resource, true);
    check_interface(texture, &IID_ID3D11DeviceChild, true);
    check_interface(texture, &IID_ID3D11Device, false);

    staging_desc = desc;
    staging_desc.Usage = D3D11_USAGE_STAGING;
    staging_desc.BindFlags = 0;
    staging_desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
    hr = ID3D11Device_CreateTexture2D(device, &staging_desc, NULL, &staging);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);

    /* Map: only staging, only what the CPU access flags allow, once at a time. */
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)texture, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ok(!map.pData, "Got unexpected pointer %p.\n", map.pData);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_WRITE, 0, &map);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_WRITE_DISCARD, 0, &map);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 1, D3D11_MAP_READ, 0, &map);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0x1234, &map);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, NULL);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_Map(context, NULL, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);

    /* DO_NOT_WAIT: either done or still drawing, never blocking; eventually done. */
    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)texture);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, D3D11_MAP_FLAG_DO_NOT_WAIT, &map);
    ok(hr == S_OK || hr == DXGI_ERROR_WAS_STILL_DRAWING, "Got unexpected hr %#x.\n", hr);
    if (hr == S_OK)
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == E_INVALIDARG, "Got unexpected hr %#x.\n", hr);
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);

    /* Copies between mismatched resources change nothing. */
    memset(&desc, 0, sizeof(desc));
    desc.Width = 64;
    desc.Height = 32;
    desc.MipLevels = 1;
    desc.ArraySize = 1;
    desc.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    desc.SampleDesc.Count = 1;
    desc.Usage = D3D11_USAGE_STAGING;
    desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE;
    memset(buffer, 0x55, sizeof(buffer));
    data.pSysMem = buffer;
    data.SysMemPitch = 64 * 4;
    data.SysMemSlicePitch = 0;
    hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &other);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)other, 0, D3D11_MAP_WRITE, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    memset(map.pData, 0x77, map.RowPitch * 32);
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)other, 0);

    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)other, (ID3D11Resource *)texture);
    ID3D11DeviceContext_CopySubresourceRegion(context, (ID3D11Resource *)other, 0, 0, 0, 0,
            (ID3D11Resource *)texture, 0, NULL);
    box.left = 0;
    box.top = 0;
    box.front = 0;
    box.right = 65;
    box.bottom = 2;
    box.back = 1;
    ID3D11DeviceContext_CopySubresourceRegion(context, (ID3D11Resource *)other, 0, 0, 0, 0,
            (ID3D11Resource *)other, 0, &box);
    ID3D11DeviceContext_CopySubresourceRegion(context, (ID3D11Resource *)other, 0, 60, 0, 0,
            (ID3D11Resource *)other, 0, NULL);
    ID3D11DeviceContext_CopySubresourceRegion(context, (ID3D11Resource *)other, 5, 0, 0, 0,
            (ID3D11Resource *)other, 0, NULL);
    ID3D11DeviceContext_CopyResource(context, NULL, (ID3D11Resource *)texture);
    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)other, NULL);
    ID3D11DeviceContext_UpdateSubresource(context, (ID3D11Resource *)other, 0, NULL, buffer, 256, 0);
    ID3D11DeviceContext_UpdateSubresource(context, (ID3D11Resource *)texture, 0, NULL, NULL, 256, 0);
    /* An odd box on NV12 is invalid. */
    box.right = 3;
    ID3D11DeviceContext_UpdateSubresource(context, (ID3D11Resource *)texture, 0, &box, buffer, 256, 0);

    hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)other, 0, D3D11_MAP_READ, 0, &map);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    for (i = 0; i < 32 * map.RowPitch; ++i)
    {
        if (i % map.RowPitch < 64 * 4 && ((BYTE *)map.pData)[i] != 0x77)
            break;
    }
    ok(i == 32 * map.RowPitch, "Invalid copies changed byte %u.\n", i);
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)other, 0);

    ID3D11Texture2D_Release(other);
    ID3D11Texture2D_Release(staging);
    ok(!ID3D11Texture2D_Release(texture), "Texture has references left.\n");
    ID3D11DeviceContext_Release(context);
    release_device(device);
}

START_TEST(texture)
{
    require_device_or_skip_all();

    run_test(test_texture_round_trips);
    run_test(test_texture_regions);
    run_test(test_texture_invalid);
}
