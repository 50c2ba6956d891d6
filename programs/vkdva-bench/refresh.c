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

/* vkdva-bench refresh: the latency of a session-key refresh through the D3D11 API, with N live
 * protected surfaces (20 NV12 3840x2160 ones by default, about 250 MB). The bench is a DRM
 * client (vkdva-decode's protected.c): it negotiates a session key, fills each protected surface
 * through DecryptionBlt, then times StartSessionKeyRefresh + FinishSessionKeyRefresh (the time
 * until Finish returns, when the re-encryption of every surface has been recorded and
 * submitted) and until an event query after it signals (the re-encryption has run). */

#define COBJMACROS
#include "../vkdva-decode/protected.h"
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void refresh_wait(ID3D11DeviceContext *context, ID3D11Query *query)
{
    BOOL done;

    ID3D11DeviceContext_End(context, (ID3D11Asynchronous *)query);
    while (ID3D11DeviceContext_GetData(context, (ID3D11Asynchronous *)query, &done, sizeof(done), 0) == S_FALSE)
        ;
}

int bench_refresh(int argc, char **argv)
{
    unsigned int count = 20, width = 3840, height = 2160, repeat = 10, i, r;
    D3D11_QUERY_DESC query_desc = {.Query = D3D11_QUERY_EVENT};
    double *finish, *complete, start;
    ID3D11Texture2D **surfaces, *staging;
    ID3D11VideoContext *video_context;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11CryptoSession *session;
    ID3D11DeviceContext *context;
    struct drm_client *client;
    D3D11_TEXTURE2D_DESC desc;
    ID3D11Device *device;
    ID3D11Query *query;
    uint8_t key[16], iv[16];
    uint64_t next_iv = 1000;
    HRESULT hr;
    int a;

    for (a = 2; a < argc; ++a)
    {
        if (!strcmp(argv[a], "--surfaces") && a + 1 < argc)
            count = strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--width") && a + 1 < argc)
            width = strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--height") && a + 1 < argc)
            height = strtoul(argv[++a], NULL, 10);
        else if (!strcmp(argv[a], "--repeat") && a + 1 < argc)
            repeat = strtoul(argv[++a], NULL, 10);
        else
            count = 0;
    }
    if (!count || !repeat || !width || !height || (width | height) & 1)
    {
        fprintf(stderr, "Usage: vkdva-bench refresh [--surfaces N] [--width W] [--height H] [--repeat N]\n");
        return 2;
    }

    if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
    {
        fprintf(stderr, "Cannot create a device, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    ID3D11Device_GetImmediateContext(device, &context);
    ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);
    ID3D11Device_CreateQuery(device, &query_desc, &query);
    if (FAILED(hr = drm_client_create(device, NULL, 1, &client)))
    {
        fprintf(stderr, "Content protection is not available, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    session = drm_client_session(client, key);

    desc = (D3D11_TEXTURE2D_DESC)
    {
        .Width = width,
        .Height = height,
        .MipLevels = 1,
        .ArraySize = 1,
        .Format = DXGI_FORMAT_NV12,
        .SampleDesc = {1, 0},
        .Usage = D3D11_USAGE_STAGING,
        .CPUAccessFlags = D3D11_CPU_ACCESS_WRITE,
    };
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &staging)))
        return 1;
    /* The surfaces' content does not matter, only that each is live under the session key. */
    if (SUCCEEDED(ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_WRITE, 0, &map)))
    {
        memset(map.pData, 0x5a, (size_t)map.RowPitch * (height + height / 2));
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    }
    desc.Usage = D3D11_USAGE_DEFAULT;
    desc.CPUAccessFlags = 0;
    desc.MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED;
    surfaces = calloc(count, sizeof(*surfaces));
    finish = calloc(repeat, sizeof(*finish));
    complete = calloc(repeat, sizeof(*complete));
    for (i = 0; i < count; ++i)
    {
        if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &surfaces[i])))
        {
            fprintf(stderr, "Cannot create protected surface %u, hr %#x.\n", i, (unsigned int)hr);
            return 1;
        }
        for (a = 0; a < 8; ++a)
        {
            iv[a] = (uint8_t)(next_iv >> (56 - 8 * a));
            iv[8 + a] = 0;
        }
        ++next_iv;
        ID3D11VideoContext_DecryptionBlt(video_context, session, staging, surfaces[i], NULL, 0, NULL,
                sizeof(iv), iv);
    }
    refresh_wait(context, query);
    /* One untimed refresh. */
    drm_client_picture_done(client);
    refresh_wait(context, query);

    for (r = 0; r < repeat; ++r)
    {
        start = bench_clock(CLOCK_MONOTONIC);
        drm_client_picture_done(client);
        finish[r] = bench_clock(CLOCK_MONOTONIC) - start;
        refresh_wait(context, query);
        complete[r] = bench_clock(CLOCK_MONOTONIC) - start;
    }
    qsort(finish, repeat, sizeof(*finish), bench_compare_double);
    qsort(complete, repeat, sizeof(*complete), bench_compare_double);
    printf("surfaces: %u protected NV12 %ux%u (%.1f MB in all), %u timed refreshes\n", count, width, height,
            count * (double)width * height * 1.5 / 1e6, repeat);
    printf("Start+FinishSessionKeyRefresh return: median %.3f ms (best %.3f ms)\n",
            finish[repeat / 2] * 1e3, finish[0] * 1e3);
    printf("until the re-encryption has run (event query): median %.3f ms (best %.3f ms)\n",
            complete[repeat / 2] * 1e3, complete[0] * 1e3);

    for (i = 0; i < count; ++i)
        ID3D11Texture2D_Release(surfaces[i]);
    free(surfaces);
    free(finish);
    free(complete);
    ID3D11Texture2D_Release(staging);
    drm_client_destroy(client);
    ID3D11Query_Release(query);
    ID3D11VideoContext_Release(video_context);
    ID3D11DeviceContext_Release(context);
    ID3D11Device_Release(device);
    return 0;
}
