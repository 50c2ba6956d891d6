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

/* Real device-memory exhaustion (issue 8). A device, a decoder with its output views, a video
 * processor, a crypto session with a protected surface and textures of known content are set
 * up and used once; then D3D11_USAGE_DEFAULT textures are created, biggest first, until
 * CreateTexture2D fails, which must be with E_OUTOFMEMORY and a NULL texture. While memory is
 * exhausted every existing object must keep working (known content read back, the stream
 * decoded again into the existing views with the same MD5, the same blit, the same
 * EncryptionBlt plaintext, the last surface made holds what is copied into it); new objects
 * may fail, only with E_OUTOFMEMORY, and new surfaces bigger than what is left (staging, decoder
 * output, protected) must. After a few surfaces are released everything must work and new
 * surfaces must be created again; after all are released the same amount of memory must be
 * available again, and the final release leaves no reference (and, in the sanitizer build, no
 * leak).
 *
 * Where the limit comes from:
 * - --gpu (the `exhaust-gpu` test, gpu suite): a discrete GPU (exit 77 elsewhere: an integrated
 *   GPU's memory is the machine's), allocated until its driver refuses: 1 GiB texture arrays,
 *   then smaller textures.
 * - otherwise (the `exhaust` test, CI): lavapipe, whose device memory is host memory; exhausting
 *   the whole machine is not an option, so the process's address space is limited with
 *   setrlimit(RLIMIT_AS) to what it uses after set-up plus EXHAUST_BUDGET. The soft limit is
 *   set relative to the current size, after the sanitizers reserved their shadow memory, so
 *   the same mechanism works under AddressSanitizer (whose small allocations come from space
 *   it reserved at start-up and do not grow the address space). lavapipe maps a plain device
 *   allocation lazily and does not check that mapping (Mesa 25.0: the failed mmap() is only
 *   asserted, so the allocation succeeds and the first use of the image crashes), but checks
 *   the mapping of an exportable allocation, which it makes in vkAllocateMemory. The test-only
 *   layer tests/memory_layer (VK_LAYER_VKDVA_mapped_memory) makes every lavapipe allocation
 *   exportable, so the failure the test sees is lavapipe's real mmap() failing with ENOMEM,
 *   reported as VK_ERROR_OUT_OF_DEVICE_MEMORY; neither vkdva nor the layer checks a limit.
 *   Without the layer (or on another driver) this variant skips.
 *   Headroom: LLVM, lavapipe's threads and the C library need some address space for whatever
 *   they allocate after the failure (LLVM aborts when an allocation fails), so EXHAUST_RESERVE
 *   is reserved (PROT_NONE) before the surfaces are created and given back once the smallest
 *   surfaces no longer fit; every shader is compiled and every thread started before that. The
 *   first surface size is bigger than the reserve plus the smallest surface, so it still fails
 *   for real afterwards, which the test checks. */

#include <initguid.h>
#include <openssl/evp.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include "vkdva_test.h"
#include "../programs/vkdva-decode/d3d11va.h"
#include "../programs/vkdva-decode/protected.h"

#define EXHAUST_BUDGET (1024ull << 20)
#define EXHAUST_RESERVE (32ull << 20)
#define EXHAUST_MAX_SURFACES 65536u
#define MAPPED_MEMORY_LAYER "VK_LAYER_VKDVA_mapped_memory"

/* AddressSanitizer's default is to abort when an allocation fails; here failures are expected
 * and must be handled (options given in ASAN_OPTIONS still win). */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allocator_may_return_null=1";
}

struct surface_size
{
    UINT width, height, array_size;
    DXGI_FORMAT format;
    unsigned int bytes_per_pixel_x2;    /* NV12 is 1.5 bytes a pixel */
};

/* Biggest first; the first one is bigger than EXHAUST_RESERVE plus the last one. */
static const struct surface_size lavapipe_sizes[] =
{
    {4096, 4096, 1, DXGI_FORMAT_R8G8B8A8_UNORM, 8},
    {3840, 2160, 1, DXGI_FORMAT_NV12, 3},
    {1024, 1024, 1, DXGI_FORMAT_R8G8B8A8_UNORM, 8},
    {512, 512, 1, DXGI_FORMAT_R8G8B8A8_UNORM, 8},
};

static const struct surface_size gpu_sizes[] =
{
    {8192, 8192, 4, DXGI_FORMAT_R8G8B8A8_UNORM, 8},
    {4096, 4096, 1, DXGI_FORMAT_R8G8B8A8_UNORM, 8},
    {3840, 2160, 1, DXGI_FORMAT_NV12, 3},
    {1024, 1024, 1, DXGI_FORMAT_R8G8B8A8_UNORM, 8},
};

static uint64_t surface_bytes(const struct surface_size *size)
{
    return (uint64_t)size->width * size->height * size->array_size * size->bytes_per_pixel_x2 / 2;
}

/* Allocation failures are the point here; vkdva logs a failed host allocation as an error.
 * Any other error still fails the test. */
static void exhaust_log(void *context, enum vkdva_log_level level, const char *message)
{
    if (level == VKDVA_LOG_LEVEL_ERR && !strstr(message, "Out of memory"))
        ok(false, "vkdva error: %s", message);
    else
        fputs(message, stderr);
}

static uint64_t address_space_size(void)
{
    unsigned long long kib = 0;
    char line[256];
    FILE *file;

    if (!(file = fopen("/proc/self/status", "r")))
        return 0;
    while (fgets(line, sizeof(line), file))
    {
        if (sscanf(line, "VmSize: %llu kB", &kib) == 1)
            break;
    }
    fclose(file);
    return kib << 10;
}

/* Textures of known content. */

static uint8_t known_byte(unsigned int seed, size_t i)
{
    return (uint8_t)(i * 13 + (i >> 8) * 7 + seed);
}

static ID3D11Texture2D *create_known_texture(ID3D11Device *device, DXGI_FORMAT format, unsigned int seed,
        size_t *size)
{
    D3D11_TEXTURE2D_DESC desc = {256, 256, 1, 1, format, {1, 0}, D3D11_USAGE_DEFAULT};
    D3D11_SUBRESOURCE_DATA data;
    ID3D11Texture2D *texture;
    uint8_t *bytes;
    size_t i;
    HRESULT hr;

    /* 256 bytes a row: RGBA 64 pixels wide, NV12 256 wide (256 + 128 rows). */
    if (format == DXGI_FORMAT_R8G8B8A8_UNORM)
        desc.Width = 64;
    *size = format == DXGI_FORMAT_NV12 ? 256 * 384 : 256 * 256;
    bytes = malloc(*size);
    for (i = 0; i < *size; ++i)
        bytes[i] = known_byte(seed, i);
    data.pSysMem = bytes;
    data.SysMemPitch = 256;
    data.SysMemSlicePitch = 0;
    hr = ID3D11Device_CreateTexture2D(device, &desc, &data, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    free(bytes);
    return SUCCEEDED(hr) ? texture : NULL;
}

/* Compares what staging (a copy of a known texture) holds with the known bytes. */
static HRESULT check_staging(ID3D11DeviceContext *context, ID3D11Texture2D *staging, unsigned int seed, size_t size)
{
    D3D11_MAPPED_SUBRESOURCE map;
    size_t i, row, bad = 0;
    HRESULT hr;

    if (FAILED(hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map)))
        return hr;
    for (row = 0; row < size / 256; ++row)
    {
        for (i = 0; i < 256; ++i)
            bad += ((uint8_t *)map.pData)[row * map.RowPitch + i] != known_byte(seed, row * 256 + i);
    }
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    return bad ? S_FALSE : S_OK;
}

/* Copies texture into staging (same description, staging usage) and checks it. */
static HRESULT check_known_texture(ID3D11DeviceContext *context, ID3D11Texture2D *texture,
        ID3D11Texture2D *staging, unsigned int seed, size_t size)
{
    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)texture);
    return check_staging(context, staging, seed, size);
}

/* The decoder: vkdva-decode's DXVA client, fed a stream parsed once. */

struct capture
{
    struct codec_sequence *sequences;
    size_t sequence_count;
    struct codec_picture *pictures;
    size_t picture_count;
    struct
    {
        enum {EVENT_SEQUENCE, EVENT_DECODE, EVENT_OUTPUT} type;
        unsigned int index;
    } *events;
    size_t event_count;
};

static bool capture_event(struct capture *capture, int type, unsigned int index)
{
    void *events;

    if (!(events = realloc(capture->events, (capture->event_count + 1) * sizeof(*capture->events))))
        return false;
    capture->events = events;
    capture->events[capture->event_count].type = type;
    capture->events[capture->event_count++].index = index;
    return true;
}

static bool capture_sequence(void *context, const struct codec_sequence *sequence)
{
    struct capture *capture = context;
    void *sequences;

    if (!(sequences = realloc(capture->sequences, (capture->sequence_count + 1) * sizeof(*sequence))))
        return false;
    capture->sequences = sequences;
    capture->sequences[capture->sequence_count] = *sequence;
    return capture_event(capture, EVENT_SEQUENCE, capture->sequence_count++);
}

static bool capture_picture(void *context, const struct codec_picture *picture)
{
    struct capture *capture = context;
    struct codec_picture *copy;
    unsigned int i;
    void *pictures;

    if (!(pictures = realloc(capture->pictures, (capture->picture_count + 1) * sizeof(*picture))))
        return false;
    capture->pictures = pictures;
    copy = &capture->pictures[capture->picture_count];
    *copy = *picture;
    for (i = 0; i < picture->buffer_count; ++i)
    {
        if (!(copy->buffers[i].data = malloc(picture->buffers[i].size ? picture->buffers[i].size : 1)))
            return false;
        memcpy((void *)copy->buffers[i].data, picture->buffers[i].data, picture->buffers[i].size);
    }
    return capture_event(capture, EVENT_DECODE, capture->picture_count++);
}

static bool capture_output(void *context, unsigned int surface, int poc)
{
    return capture_event(context, EVENT_OUTPUT, surface);
}

static bool capture_stream(const char *path, struct capture *capture)
{
    struct codec_callbacks callbacks = {capture, capture_sequence, capture_picture, capture_output};
    struct bitstream_nal nal;
    struct codec *codec;
    size_t size, pos = 0;
    uint8_t *stream;

    if (!(stream = bitstream_read_file(path, &size)))
        return false;
    if ((codec = h264_codec_ops.create(&callbacks)))
    {
        while (bitstream_next_nal(stream, size, &pos, &nal) && codec->ops->decode_nal(codec, &nal))
            ;
        codec->ops->flush(codec);
        codec->ops->destroy(codec);
    }
    free(stream);
    return capture->picture_count;
}

static void free_capture(struct capture *capture)
{
    unsigned int k;
    size_t i;

    for (i = 0; i < capture->picture_count; ++i)
    {
        for (k = 0; k < capture->pictures[i].buffer_count; ++k)
            free((void *)capture->pictures[i].buffers[k].data);
    }
    free(capture->pictures);
    free(capture->sequences);
    free(capture->events);
}

/* Decodes the stream (configuring the decoder only when `configure`, else into the existing
 * decoder and views) and returns the MD5 of what it outputs. */
static HRESULT decode_stream(struct d3d11va *va, const struct capture *capture, bool configure, char hex[33])
{
    unsigned char digest[16];
    const uint8_t *data;
    HRESULT hr = S_OK;
    size_t i, size;
    EVP_MD_CTX *md;

    if (!(md = EVP_MD_CTX_new()))
        return E_OUTOFMEMORY;
    EVP_DigestInit_ex(md, EVP_md5(), NULL);
    for (i = 0; i < capture->event_count && SUCCEEDED(hr); ++i)
    {
        switch (capture->events[i].type)
        {
            case EVENT_SEQUENCE:
                if (configure)
                    hr = d3d11va_configure(va, &capture->sequences[capture->events[i].index]);
                break;
            case EVENT_DECODE:
                hr = d3d11va_decode(va, &capture->pictures[capture->events[i].index]);
                break;
            case EVENT_OUTPUT:
                if (SUCCEEDED(hr = d3d11va_read_surface(va, capture->events[i].index, &data, &size)))
                    EVP_DigestUpdate(md, data, size);
                break;
        }
    }
    EVP_DigestFinal_ex(md, digest, NULL);
    EVP_MD_CTX_free(md);
    for (i = 0; i < 16; ++i)
        sprintf(hex + 2 * i, "%02x", digest[i]);
    return hr;
}

/* The video processor: a fixed NV12 picture blitted to B8G8R8A8. */

struct blit
{
    ID3D11Texture2D *input, *output, *staging;
    ID3D11VideoProcessorEnumerator *enumerator;
    ID3D11VideoProcessor *processor;
    ID3D11VideoProcessorInputView *input_view;
    ID3D11VideoProcessorOutputView *output_view;
    uint8_t pixels[64 * 64 * 4];
};

static HRESULT create_blit(ID3D11Device *device, ID3D11VideoDevice *video_device, ID3D11DeviceContext *context,
        struct blit *blit)
{
    D3D11_VIDEO_PROCESSOR_CONTENT_DESC content =
    {
        .InputFrameRate = {30, 1},
        .InputWidth = 64,
        .InputHeight = 64,
        .OutputFrameRate = {30, 1},
        .OutputWidth = 64,
        .OutputHeight = 64,
    };
    D3D11_VIDEO_PROCESSOR_OUTPUT_VIEW_DESC output_view_desc = {.ViewDimension = D3D11_VPOV_DIMENSION_TEXTURE2D};
    D3D11_VIDEO_PROCESSOR_INPUT_VIEW_DESC input_view_desc = {.ViewDimension = D3D11_VPIV_DIMENSION_TEXTURE2D};
    D3D11_TEXTURE2D_DESC desc = {64, 64, 1, 1, DXGI_FORMAT_NV12, {1, 0}, D3D11_USAGE_DEFAULT};
    uint8_t data[64 * 96];
    unsigned int i;
    HRESULT hr;

    memset(blit, 0, sizeof(*blit));
    for (i = 0; i < sizeof(data); ++i)
        data[i] = (uint8_t)(i * 7 + i / 64);
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &blit->input)))
        return hr;
    ID3D11DeviceContext_UpdateSubresource(context, (ID3D11Resource *)blit->input, 0, NULL, data, 64, 0);
    desc.Format = DXGI_FORMAT_B8G8R8A8_UNORM;
    desc.BindFlags = D3D11_BIND_RENDER_TARGET;
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &blit->output)))
        return hr;
    desc.Usage = D3D11_USAGE_STAGING;
    desc.BindFlags = 0;
    desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &blit->staging)))
        return hr;
    if (FAILED(hr = ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &content, &blit->enumerator)))
        return hr;
    if (FAILED(hr = ID3D11VideoDevice_CreateVideoProcessor(video_device, blit->enumerator, 0, &blit->processor)))
        return hr;
    if (FAILED(hr = ID3D11VideoDevice_CreateVideoProcessorInputView(video_device, (ID3D11Resource *)blit->input,
            blit->enumerator, &input_view_desc, &blit->input_view)))
        return hr;
    return ID3D11VideoDevice_CreateVideoProcessorOutputView(video_device, (ID3D11Resource *)blit->output,
            blit->enumerator, &output_view_desc, &blit->output_view);
}

/* Clears the output, blits, and reads the output back into `pixels`. */
static HRESULT run_blit(ID3D11VideoContext *video_context, ID3D11DeviceContext *context, struct blit *blit,
        uint8_t *pixels)
{
    D3D11_VIDEO_PROCESSOR_STREAM stream = {.Enable = TRUE, .pInputSurface = blit->input_view};
    static const uint8_t zero[64 * 64 * 4];
    D3D11_MAPPED_SUBRESOURCE map;
    unsigned int y;
    HRESULT hr;

    ID3D11DeviceContext_UpdateSubresource(context, (ID3D11Resource *)blit->output, 0, NULL, zero, 256, 0);
    if (FAILED(hr = ID3D11VideoContext_VideoProcessorBlt(video_context, blit->processor, blit->output_view,
            0, 1, &stream)))
        return hr;
    ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)blit->staging, (ID3D11Resource *)blit->output);
    if (FAILED(hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)blit->staging, 0, D3D11_MAP_READ, 0, &map)))
        return hr;
    for (y = 0; y < 64; ++y)
        memcpy(pixels + y * 256, (uint8_t *)map.pData + y * map.RowPitch, 256);
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)blit->staging, 0);
    return S_OK;
}

static void destroy_blit(struct blit *blit)
{
    if (blit->output_view)
        ID3D11VideoProcessorOutputView_Release(blit->output_view);
    if (blit->input_view)
        ID3D11VideoProcessorInputView_Release(blit->input_view);
    if (blit->processor)
        ID3D11VideoProcessor_Release(blit->processor);
    if (blit->enumerator)
        ID3D11VideoProcessorEnumerator_Release(blit->enumerator);
    if (blit->staging)
        ID3D11Texture2D_Release(blit->staging);
    if (blit->output)
        ID3D11Texture2D_Release(blit->output);
    if (blit->input)
        ID3D11Texture2D_Release(blit->input);
}

/* Content protection: a protected surface written by DecryptionBlt, read back through
 * EncryptionBlt and decrypted by the client (vkdva-decode's DRM client). */

struct protection
{
    struct drm_client *client;
    ID3D11Texture2D *surface, *staging;
    uint8_t *plaintext;
    size_t size;
};

static HRESULT create_protection(ID3D11Device *device, ID3D11DeviceContext *context,
        ID3D11VideoContext *video_context, struct protection *protection)
{
    D3D11_TEXTURE2D_DESC desc = {64, 64, 1, 1, DXGI_FORMAT_NV12, {1, 0}, D3D11_USAGE_STAGING, 0,
            D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE};
    D3D11_MAPPED_SUBRESOURCE map;
    const uint8_t *data;
    uint8_t key[16], iv[16];
    UINT row_pitch;
    HRESULT hr;

    memset(protection, 0, sizeof(*protection));
    if (FAILED(hr = drm_client_create(device, NULL, 1, &protection->client)))
        return hr;
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &protection->staging)))
        return hr;
    /* "Ciphertext" of any value: the plaintext is whatever it decrypts to. */
    if (FAILED(hr = ID3D11DeviceContext_Map(context, (ID3D11Resource *)protection->staging, 0,
            D3D11_MAP_WRITE, 0, &map)))
        return hr;
    protection->size = (size_t)map.RowPitch * 96;
    memset(map.pData, 0x3c, protection->size);
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)protection->staging, 0);
    desc.Usage = D3D11_USAGE_DEFAULT;
    desc.CPUAccessFlags = 0;
    desc.MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED;
    if (FAILED(hr = ID3D11Device_CreateTexture2D(device, &desc, NULL, &protection->surface)))
        return hr;
    memset(iv, 0, sizeof(iv));
    iv[7] = 1;
    ID3D11VideoContext_DecryptionBlt(video_context, drm_client_session(protection->client, key),
            protection->staging, protection->surface, NULL, 0, NULL, sizeof(iv), iv);
    if (FAILED(hr = drm_client_read(protection->client, protection->surface, protection->staging, 0, &data,
            &row_pitch)))
        return hr;
    if (!(protection->plaintext = malloc(protection->size)))
        return E_OUTOFMEMORY;
    memcpy(protection->plaintext, data, protection->size);
    return S_OK;
}

/* A key refresh, then EncryptionBlt: S_FALSE when the plaintext changed. */
static HRESULT check_protection(struct protection *protection)
{
    const uint8_t *data;
    UINT row_pitch;
    HRESULT hr;

    drm_client_picture_done(protection->client);
    if (FAILED(hr = drm_client_read(protection->client, protection->surface, protection->staging, 0, &data,
            &row_pitch)))
        return hr;
    return memcmp(data, protection->plaintext, protection->size) ? S_FALSE : S_OK;
}

static void destroy_protection(struct protection *protection)
{
    free(protection->plaintext);
    if (protection->surface)
        ID3D11Texture2D_Release(protection->surface);
    if (protection->staging)
        ID3D11Texture2D_Release(protection->staging);
    if (protection->client)
        drm_client_destroy(protection->client);
}

/* Everything the test holds, and the checks run on it. */
struct objects
{
    ID3D11Device *device;
    ID3D11DeviceContext *context;
    ID3D11VideoDevice *video_device;
    ID3D11VideoContext *video_context;
    ID3D11Texture2D *known[2], *known_staging[2];
    size_t known_size[2];
    struct d3d11va *va;
    const struct capture *capture;
    const char *md5;
    struct blit blit;
    bool have_protection;
    struct protection protection;
};

static const DXGI_FORMAT known_formats[2] = {DXGI_FORMAT_R8G8B8A8_UNORM, DXGI_FORMAT_NV12};

/* Runs every operation on the existing objects. `exhausted`: an operation may fail with
 * E_OUTOFMEMORY (and nothing else); otherwise each must succeed. Returns the number of
 * operations that failed with E_OUTOFMEMORY. */
static unsigned int check_objects(struct objects *o, bool exhausted, const char *when)
{
    unsigned int i, oom = 0;
    uint8_t pixels[64 * 64 * 4];
    char hex[33];
    HRESULT hr;

#define CHECK_HR(what) \
    do { \
        if (exhausted && hr == E_OUTOFMEMORY) \
        { \
            trace("%s: %s failed with E_OUTOFMEMORY.\n", when, what); \
            ++oom; \
        } \
        else \
        { \
            ok(hr == S_OK, "%s: %s: got unexpected hr %#x.\n", when, what, hr); \
        } \
    } while (0)

    for (i = 0; i < ARRAY_SIZE(o->known); ++i)
    {
        hr = check_known_texture(o->context, o->known[i], o->known_staging[i], i, o->known_size[i]);
        CHECK_HR("known content read-back");
    }

    hr = decode_stream(o->va, o->capture, false, hex);
    CHECK_HR("decode into the existing views");
    if (hr == S_OK)
        ok(!strcmp(hex, o->md5), "%s: decode MD5 %s, expected %s.\n", when, hex, o->md5);

    if (SUCCEEDED(hr = run_blit(o->video_context, o->context, &o->blit, pixels)))
        hr = memcmp(pixels, o->blit.pixels, sizeof(pixels)) ? S_FALSE : S_OK;
    CHECK_HR("VideoProcessorBlt");

    if (o->have_protection)
    {
        hr = check_protection(&o->protection);
        CHECK_HR("key refresh and EncryptionBlt");
    }
#undef CHECK_HR
    return oom;
}

/* The surface (RGBA8, made just before memory ran out) holds what is copied into it: the known
 * RGBA texture goes in, and back out into its staging texture. */
static void check_surface(struct objects *o, ID3D11Texture2D *surface, const char *when)
{
    D3D11_BOX box = {0, 0, 0, 64, 256, 1};
    HRESULT hr;

    ID3D11DeviceContext_CopySubresourceRegion(o->context, (ID3D11Resource *)surface, 0, 0, 0, 0,
            (ID3D11Resource *)o->known[0], 0, NULL);
    ID3D11DeviceContext_CopySubresourceRegion(o->context, (ID3D11Resource *)o->known_staging[0], 0, 0, 0, 0,
            (ID3D11Resource *)surface, 0, &box);
    hr = check_staging(o->context, o->known_staging[0], 0, o->known_size[0]);
    ok(hr == S_OK, "%s: the last surface made: got unexpected hr %#x.\n", when, hr);
}

/* Objects that need new memory: each may fail, only with E_OUTOFMEMORY. */
static void check_new_objects(struct objects *o, const char *when)
{
    struct d3d11va *va;
    struct blit blit;
    HRESULT hr;
    size_t i;

    if (SUCCEEDED(hr = d3d11va_create(o->device, &va)))
    {
        for (i = 0; i < o->capture->event_count; ++i)
        {
            if (o->capture->events[i].type == EVENT_SEQUENCE)
            {
                hr = d3d11va_configure(va, &o->capture->sequences[o->capture->events[i].index]);
                break;
            }
        }
        d3d11va_destroy(va);
    }
    ok(hr == S_OK || hr == E_OUTOFMEMORY, "%s: new decoder: got unexpected hr %#x.\n", when, hr);
    trace("%s: a new decoder with its surfaces: hr %#x.\n", when, hr);

    hr = create_blit(o->device, o->video_device, o->context, &blit);
    destroy_blit(&blit);
    ok(hr == S_OK || hr == E_OUTOFMEMORY, "%s: new video processor: got unexpected hr %#x.\n", when, hr);
    trace("%s: a new video processor with its surfaces: hr %#x.\n", when, hr);
}

/* New surfaces bigger than what is left, of each kind that takes its own path through vkdva: a
 * staging texture (host-visible memory, which on lavapipe is exhausted too), a decoder output
 * array, a protected one (its ciphertext buffer). Each must fail with E_OUTOFMEMORY, its
 * out-pointer NULL; a staging texture may succeed where host memory is separate (GPUs). */
static void check_new_surfaces(struct objects *o, bool gpu, const char *when)
{
    static const struct
    {
        D3D11_TEXTURE2D_DESC desc;
        bool host;
    }
    tests[] =
    {
        {{4096, 4096, 1, 1, DXGI_FORMAT_R8G8B8A8_UNORM, {1, 0}, D3D11_USAGE_STAGING, 0, D3D11_CPU_ACCESS_READ}, true},
        {{3840, 2160, 1, 4, DXGI_FORMAT_NV12, {1, 0}, D3D11_USAGE_DEFAULT, D3D11_BIND_DECODER}},
        {{3840, 2160, 1, 4, DXGI_FORMAT_NV12, {1, 0}, D3D11_USAGE_DEFAULT, D3D11_BIND_DECODER, 0,
                D3D11_RESOURCE_MISC_HW_PROTECTED}},
    };
    ID3D11Texture2D *texture;
    unsigned int i;
    HRESULT hr;

    for (i = 0; i < ARRAY_SIZE(tests); ++i)
    {
        if ((tests[i].desc.MiscFlags & D3D11_RESOURCE_MISC_HW_PROTECTED) && !o->have_protection)
            continue;
        texture = (ID3D11Texture2D *)(uintptr_t)0xdeadbeef;
        hr = ID3D11Device_CreateTexture2D(o->device, &tests[i].desc, NULL, &texture);
        if (SUCCEEDED(hr) && gpu && tests[i].host)
        {
            ID3D11Texture2D_Release(texture);
            continue;
        }
        ok(hr == E_OUTOFMEMORY, "%s: texture %u: got unexpected hr %#x.\n", when, i, hr);
        ok(!texture, "%s: texture %u: got unexpected texture %p.\n", when, i, texture);
        if (SUCCEEDED(hr))
            ID3D11Texture2D_Release(texture);
    }
}

struct surfaces
{
    ID3D11Texture2D **textures;
    size_t count;
    uint64_t bytes;
};

static HRESULT create_surface(ID3D11Device *device, const struct surface_size *size, UINT array_size,
        ID3D11Texture2D **texture)
{
    D3D11_TEXTURE2D_DESC desc = {size->width, size->height, 1, array_size, size->format, {1, 0},
            D3D11_USAGE_DEFAULT};

    return ID3D11Device_CreateTexture2D(device, &desc, NULL, texture);
}

/* Creates surfaces of `size` until CreateTexture2D fails; returns how many it made. */
static unsigned int fill_with(ID3D11Device *device, const struct surface_size *size, struct surfaces *surfaces)
{
    unsigned int count = 0;
    ID3D11Texture2D *texture;
    HRESULT hr;

    for (;;)
    {
        if (surfaces->count == EXHAUST_MAX_SURFACES)
        {
            ok(false, "Still no failure after %u surfaces (%.1f GiB).\n", EXHAUST_MAX_SURFACES,
                    surfaces->bytes / 1073741824.0);
            break;
        }
        texture = (ID3D11Texture2D *)(uintptr_t)0xdeadbeef;
        if (FAILED(hr = create_surface(device, size, size->array_size, &texture)))
        {
            ok(hr == E_OUTOFMEMORY, "%ux%ux%u: got unexpected hr %#x.\n", size->width, size->height,
                    size->array_size, hr);
            ok(!texture, "Got unexpected texture %p.\n", texture);
            break;
        }
        surfaces->textures[surfaces->count++] = texture;
        surfaces->bytes += surface_bytes(size);
        ++count;
    }
    trace("%u surfaces of %ux%u x%u %s (%.1f MiB each), then E_OUTOFMEMORY; %zu surfaces, %.2f GiB in all.\n",
            count, size->width, size->height, size->array_size,
            size->format == DXGI_FORMAT_NV12 ? "NV12" : "RGBA8", surface_bytes(size) / 1048576.0,
            surfaces->count, surfaces->bytes / 1073741824.0);
    return count;
}

static void release_surfaces(struct surfaces *surfaces, size_t keep)
{
    ULONG refcount;

    while (surfaces->count > keep)
    {
        refcount = ID3D11Texture2D_Release(surfaces->textures[surfaces->count - 1]);
        ok(!refcount, "ID3D11Texture2D has %u references left.\n", refcount);
        --surfaces->count;
    }
}

/* Which device vkdva picked: *discrete when it is a discrete GPU (memory of its own), *lavapipe
 * when it is lavapipe. */
static bool query_device(ID3D11Device *device, bool *discrete, bool *lavapipe)
{
    struct vkdva_vk_device_info info = {.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO};
    VkPhysicalDeviceDriverProperties driver = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    VkPhysicalDeviceProperties2 properties = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
            .pNext = &driver};
    PFN_vkGetPhysicalDeviceProperties2 get_properties;

    if (FAILED(vkdva_get_vk_device_info(device, &info)) || !(get_properties = (PFN_vkGetPhysicalDeviceProperties2)
            info.vkGetInstanceProcAddr(info.vk_instance, "vkGetPhysicalDeviceProperties2")))
        return false;
    get_properties(info.vk_physical_device, &properties);
    *discrete = properties.properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU;
    *lavapipe = driver.driverID == VK_DRIVER_ID_MESA_LLVMPIPE;
    trace("Device: %s.\n", properties.properties.deviceName);
    return true;
}

static void test_exhaust(bool gpu, const char *stream, const char *md5)
{
    const struct surface_size *sizes = gpu ? gpu_sizes : lavapipe_sizes;
    unsigned int size_count = gpu ? ARRAY_SIZE(gpu_sizes) : ARRAY_SIZE(lavapipe_sizes);
    struct surfaces surfaces = {0};
    struct capture capture = {0};
    struct objects o = {0};
    struct rlimit limit, saved_limit;
    unsigned int i, big_count;
    ID3D11Texture2D *texture;
    void *reserve = NULL;
    bool discrete, lavapipe;
    struct timespec start, end;
    const char *layers;
    ULONG refcount;
    char hex[33];
    HRESULT hr;

    vkdva_set_log_callback(exhaust_log, NULL);
    if (!capture_stream(stream, &capture))
    {
        skip("Cannot parse %s.\n", stream);
        free_capture(&capture);
        return;
    }
    if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&o.device)))
    {
        printf("exhaust: no usable Vulkan device (hr %#x), skipping.\n", (unsigned int)hr);
        free_capture(&capture);
        exit(VKDVA_TEST_EXIT_SKIP);
    }
    layers = getenv("VK_INSTANCE_LAYERS");
    if (!query_device(o.device, &discrete, &lavapipe) || (gpu && !discrete)
            || (!gpu && (!lavapipe || !layers || !strstr(layers, MAPPED_MEMORY_LAYER))))
    {
        printf("exhaust: %s, skipping.\n", gpu ? "no discrete GPU"
                : "needs lavapipe with " MAPPED_MEMORY_LAYER " (the meson test sets it up)");
        ID3D11Device_Release(o.device);
        free_capture(&capture);
        exit(VKDVA_TEST_EXIT_SKIP);
    }

    /* Set-up, and every operation once: shaders compiled, threads started, pools filled. */
    ID3D11Device_GetImmediateContext(o.device, &o.context);
    ID3D11Device_QueryInterface(o.device, &IID_ID3D11VideoDevice, (void **)&o.video_device);
    ID3D11DeviceContext_QueryInterface(o.context, &IID_ID3D11VideoContext, (void **)&o.video_context);
    for (i = 0; i < ARRAY_SIZE(o.known); ++i)
    {
        D3D11_TEXTURE2D_DESC desc;

        o.known[i] = create_known_texture(o.device, known_formats[i], i, &o.known_size[i]);
        ID3D11Texture2D_GetDesc(o.known[i], &desc);
        desc.Usage = D3D11_USAGE_STAGING;
        desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
        hr = ID3D11Device_CreateTexture2D(o.device, &desc, NULL, &o.known_staging[i]);
        ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    }
    hr = d3d11va_create(o.device, &o.va);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = decode_stream(o.va, &capture, true, hex);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    ok(!strcmp(hex, md5), "Decode MD5 %s, expected %s.\n", hex, md5);
    o.capture = &capture;
    o.md5 = md5;
    hr = create_blit(o.device, o.video_device, o.context, &o.blit);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    hr = run_blit(o.video_context, o.context, &o.blit, o.blit.pixels);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr = create_protection(o.device, o.context, o.video_context, &o.protection)))
        o.have_protection = true;
    else
        skip("No content protection here (hr %#x): no EncryptionBlt while exhausted.\n", hr);
    if (vkdva_test_state.failure_count)
        goto done;
    check_objects(&o, false, "before exhaustion");

    if (!(surfaces.textures = calloc(EXHAUST_MAX_SURFACES, sizeof(*surfaces.textures))))
        goto done;
    if (!gpu)
    {
        getrlimit(RLIMIT_AS, &saved_limit);
        limit = saved_limit;
        limit.rlim_cur = address_space_size() + EXHAUST_BUDGET;
        if (limit.rlim_cur > saved_limit.rlim_max || setrlimit(RLIMIT_AS, &limit))
        {
            skip("Cannot limit the address space.\n");
            goto done;
        }
        trace("Address space limited to %.2f GiB (%.2f GiB in use).\n", limit.rlim_cur / 1073741824.0,
                (limit.rlim_cur - EXHAUST_BUDGET) / 1073741824.0);
        if ((reserve = mmap(NULL, EXHAUST_RESERVE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0))
                == MAP_FAILED)
            reserve = NULL;
        ok(!!reserve, "Cannot reserve the headroom.\n");
    }

    /* Exhaustion: the biggest surfaces first, then smaller ones into what is left. */
    clock_gettime(CLOCK_MONOTONIC, &start);
    big_count = fill_with(o.device, &sizes[0], &surfaces);
    ok(big_count, "Not a single surface.\n");
    for (i = 1; i < size_count; ++i)
        fill_with(o.device, &sizes[i], &surfaces);
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (reserve)
        munmap(reserve, EXHAUST_RESERVE);
    printf("exhaust: %zu surfaces, %.2f GiB, until E_OUTOFMEMORY, in %.3f s.\n", surfaces.count,
            surfaces.bytes / 1073741824.0, (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);

    /* Still exhausted (the headroom is smaller than a big surface), and it still fails for real. */
    texture = (ID3D11Texture2D *)(uintptr_t)0xdeadbeef;
    hr = create_surface(o.device, &sizes[0], sizes[0].array_size, &texture);
    ok(hr == E_OUTOFMEMORY, "Got unexpected hr %#x.\n", hr);
    ok(!texture, "Got unexpected texture %p.\n", texture);
    if (SUCCEEDED(hr))
        ID3D11Texture2D_Release(texture);

    i = check_objects(&o, true, "exhausted");
    trace("While exhausted, %u operations failed with E_OUTOFMEMORY.\n", i);
    if (big_count)
        check_surface(&o, surfaces.textures[big_count - 1], "exhausted");
    check_new_objects(&o, "exhausted");
    check_new_surfaces(&o, gpu, "exhausted");

    /* Two of the biggest surfaces back: everything works again, and a surface that size and
     * new objects can be made again. */
    for (i = 0; i < 2 && i < big_count; ++i)
    {
        refcount = ID3D11Texture2D_Release(surfaces.textures[i]);
        ok(!refcount, "ID3D11Texture2D has %u references left.\n", refcount);
    }
    memmove(surfaces.textures, surfaces.textures + i, (surfaces.count - i) * sizeof(*surfaces.textures));
    surfaces.count -= i;
    check_objects(&o, false, "after releasing 2 surfaces");
    hr = create_surface(o.device, &sizes[0], sizes[0].array_size, &texture);
    ok(hr == S_OK, "Got unexpected hr %#x.\n", hr);
    if (SUCCEEDED(hr))
    {
        check_surface(&o, texture, "after releasing 2 surfaces");
        ID3D11Texture2D_Release(texture);
    }
    check_new_objects(&o, "after releasing 2 surfaces");

    /* Everything released: all of it can be allocated again. */
    release_surfaces(&surfaces, 0);
    surfaces.bytes = 0;
    for (i = 0; i < big_count; ++i)
    {
        hr = create_surface(o.device, &sizes[0], sizes[0].array_size, &surfaces.textures[surfaces.count]);
        ok(hr == S_OK, "Surface %u of %u again: got unexpected hr %#x.\n", i, big_count, hr);
        if (FAILED(hr))
            break;
        ++surfaces.count;
    }
    release_surfaces(&surfaces, 0);
    check_objects(&o, false, "after releasing everything");
    if (!gpu)
        setrlimit(RLIMIT_AS, &saved_limit);

done:
    free(surfaces.textures);
    if (o.have_protection || o.protection.client)
        destroy_protection(&o.protection);
    destroy_blit(&o.blit);
    if (o.va)
        d3d11va_destroy(o.va);
    for (i = 0; i < ARRAY_SIZE(o.known); ++i)
    {
        if (o.known_staging[i])
            ID3D11Texture2D_Release(o.known_staging[i]);
        if (o.known[i])
            ID3D11Texture2D_Release(o.known[i]);
    }
    if (o.video_context)
        ID3D11VideoContext_Release(o.video_context);
    if (o.video_device)
        ID3D11VideoDevice_Release(o.video_device);
    if (o.context)
        ID3D11DeviceContext_Release(o.context);
    refcount = ID3D11Device_Release(o.device);
    ok(!refcount, "ID3D11Device has %u references left.\n", refcount);
    free_capture(&capture);
}

START_TEST(exhaust)
{
    const char *stream = NULL, *md5 = NULL;
    bool gpu = false;
    int i;

    for (i = 1; i < argc; ++i)
    {
        if (!strcmp(argv[i], "--gpu"))
            gpu = true;
        else if (!stream)
            stream = argv[i];
        else
            md5 = argv[i];
    }
    if (!stream || !md5)
    {
        fprintf(stderr, "Usage: test_exhaust [--gpu] STREAM.264 MD5\n");
        exit(2);
    }
    test_exhaust(gpu, stream, md5);
}
