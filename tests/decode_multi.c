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

/* Several decoders on one device at once (issue 3's GPU tests): the stream is parsed once by
 * vkdva-decode's DXVA client, then every picture is submitted to N decoders in turn, each
 * with its own surfaces, and every decoder's output must have the reference MD5. Before
 * that, a decoder is destroyed right after submitting pictures, with its work still in
 * flight. Runs on any device; --gpu insists on the Vulkan Video backend (exit 77 without a
 * video queue). */

#include <initguid.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "vkdva_compat.h"
#include "../programs/vkdva-decode/d3d11va.h"
#include "../programs/vkdva-decode/protected.h"

#define MAX_DECODERS 8

/* Libraries not built with ThreadSanitizer synchronise with atomics it cannot see: libavcodec's
 * frame threads hand pictures over that way, so a buffer allocated in one thread and released
 * in another looks like a race; so do lavapipe's LLVM compiler threads. Only those libraries
 * are named (as in lsan.supp); vkdva's own accesses are all checked. */
#if defined(__GNUC__) && !defined(_WIN32)
__attribute__((visibility("default")))
#endif
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void)
{
    return "race:libavutil.so\nrace:libavcodec.so\nrace:libLLVM\nrace:libvulkan_lvp.so\n";
}

enum event_type
{
    EVENT_SEQUENCE,
    EVENT_DECODE,
    EVENT_OUTPUT,
};

struct event
{
    enum event_type type;
    unsigned int index;     /* sequence, picture or surface */
};

struct capture
{
    struct codec_sequence *sequences;
    size_t sequence_count;
    struct codec_picture *pictures;
    size_t picture_count;
    struct event *events;
    size_t event_count;
    bool failed;
};

static void *grow(void *array, size_t count, size_t element_size)
{
    return realloc(array, (count + 1) * element_size);
}

static bool add_event(struct capture *capture, enum event_type type, unsigned int index)
{
    if (!(capture->events = grow(capture->events, capture->event_count, sizeof(*capture->events))))
        return false;
    capture->events[capture->event_count++] = (struct event){type, index};
    return true;
}

static bool capture_sequence(void *context, const struct codec_sequence *sequence)
{
    struct capture *capture = context;

    if (!(capture->sequences = grow(capture->sequences, capture->sequence_count, sizeof(*sequence))))
        return false;
    capture->sequences[capture->sequence_count] = *sequence;
    return add_event(capture, EVENT_SEQUENCE, capture->sequence_count++);
}

static bool capture_picture(void *context, const struct codec_picture *picture)
{
    struct capture *capture = context;
    struct codec_picture *copy;
    unsigned int i;
    void *data;

    if (!(capture->pictures = grow(capture->pictures, capture->picture_count, sizeof(*picture))))
        return false;
    copy = &capture->pictures[capture->picture_count];
    *copy = *picture;
    for (i = 0; i < picture->buffer_count; ++i)
    {
        if (!(data = malloc(picture->buffers[i].size ? picture->buffers[i].size : 1)))
            return false;
        memcpy(data, picture->buffers[i].data, picture->buffers[i].size);
        copy->buffers[i].data = data;
    }
    return add_event(capture, EVENT_DECODE, capture->picture_count++);
}

static bool capture_output(void *context, unsigned int surface, int poc)
{
    return add_event(context, EVENT_OUTPUT, surface);
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

/* --wait-each: read every picture back right after its DecoderEndFrame, as a client that waits
 * for each picture does; the software backend must then drain libavcodec's frame threads
 * (decoder_sw.c). The MD5 still comes from the reads in display order. */
static bool wait_each;

/* --read-lag N: a pipelined client, such as a player with a queue of pictures to present: it
 * reads each output picture once N more pictures have been submitted, or before it decodes
 * into that surface again, still in display order. The software backend then never waits for
 * a picture inside libavcodec's frame threads while N is at least their number. */
#define MAX_LAGGED 64
static unsigned int read_lag;

struct lagged_reads
{
    struct
    {
        unsigned int surface;
        unsigned int decoded;
    } reads[MAX_LAGGED];
    unsigned int count;
    unsigned int decoded;
};

static HRESULT read_output(struct d3d11va *va, EVP_MD_CTX *md, unsigned int surface)
{
    const uint8_t *data;
    size_t size;
    HRESULT hr;

    if (FAILED(hr = d3d11va_read_surface(va, surface, &data, &size)))
        return hr;
    EVP_DigestUpdate(md, data, size);
    return S_OK;
}

/* Reads the oldest lagged outputs: all of them (surface -1, lag 0), up to the one of surface,
 * or those lag pictures old. */
static HRESULT read_lagged(struct lagged_reads *lagged, struct d3d11va *va, EVP_MD_CTX *md, int surface,
        unsigned int lag)
{
    unsigned int i, last = 0;
    bool found = false;
    HRESULT hr;

    for (i = 0; surface >= 0 && i < lagged->count; ++i)
    {
        if (lagged->reads[i].surface == (unsigned int)surface)
        {
            last = i + 1;
            found = true;
        }
    }
    while (lagged->count && (surface < 0 ? lagged->decoded - lagged->reads[0].decoded >= lag : found && last))
    {
        if (FAILED(hr = read_output(va, md, lagged->reads[0].surface)))
            return hr;
        memmove(lagged->reads, lagged->reads + 1, --lagged->count * sizeof(*lagged->reads));
        if (last)
            --last;
    }
    return S_OK;
}

/* Replays events [0, end) on the decoders, hashing what each one outputs (md may be NULL). */
static HRESULT replay(const struct capture *capture, size_t end, struct d3d11va **va, EVP_MD_CTX **md,
        unsigned int count)
{
    struct lagged_reads lagged[MAX_DECODERS] = {0};
    const struct event *event;
    const uint8_t *data;
    unsigned int k;
    size_t i, size;
    HRESULT hr;

    for (i = 0; i < end; ++i)
    {
        event = &capture->events[i];
        for (k = 0; k < count; ++k)
        {
            switch (event->type)
            {
                case EVENT_SEQUENCE:
                    if (md && FAILED(hr = read_lagged(&lagged[k], va[k], md[k], -1, 0)))
                        return hr;
                    if (FAILED(hr = d3d11va_configure(va[k], &capture->sequences[event->index])))
                        return hr;
                    break;
                case EVENT_DECODE:
                    if (md && FAILED(hr = read_lagged(&lagged[k], va[k], md[k],
                            capture->pictures[event->index].surface, 0)))
                        return hr;
                    if (FAILED(hr = d3d11va_decode(va[k], &capture->pictures[event->index])))
                    {
                        fprintf(stderr, "decoder %u: picture %u failed, hr %#x.\n", k, event->index,
                                (unsigned int)hr);
                        return hr;
                    }
                    if (wait_each && FAILED(hr = d3d11va_read_surface(va[k],
                            capture->pictures[event->index].surface, &data, &size)))
                        return hr;
                    ++lagged[k].decoded;
                    if (md && read_lag && FAILED(hr = read_lagged(&lagged[k], va[k], md[k], -1, read_lag)))
                        return hr;
                    break;
                case EVENT_OUTPUT:
                    if (!md)
                        break;
                    if (read_lag && lagged[k].count < MAX_LAGGED)
                    {
                        lagged[k].reads[lagged[k].count].surface = event->index;
                        lagged[k].reads[lagged[k].count++].decoded = lagged[k].decoded;
                        break;
                    }
                    if (FAILED(hr = read_output(va[k], md[k], event->index)))
                        return hr;
                    break;
            }
        }
    }
    for (k = 0; md && k < count; ++k)
    {
        if (FAILED(hr = read_lagged(&lagged[k], va[k], md[k], -1, 0)))
            return hr;
    }
    return S_OK;
}

/* --threads N: the stress test of issue 8. N threads each decode the stream again and again
 * with their own decoder on the one device, and, with --stress, one more thread blits with a
 * video processor and one refreshes a crypto session's key and reads a protected surface back
 * through EncryptionBlt, all at once. Every pass must give the reference MD5, every blit the
 * same pixels and every read-back the same plaintext. */
struct stress
{
    const struct capture *capture;
    ID3D11Device *device;
    const char *expected;
    unsigned int passes;
    int decoders_left;
};

struct stress_thread
{
    struct stress *stress;
    pthread_t thread;
    unsigned int failures;
    unsigned int count;
};

static bool stress_running(struct stress *stress)
{
    return __atomic_load_n(&stress->decoders_left, __ATOMIC_ACQUIRE) > 0;
}

static void md5_hex(EVP_MD_CTX *md, char hex[33])
{
    unsigned char digest[16];
    unsigned int i;

    EVP_DigestFinal_ex(md, digest, NULL);
    for (i = 0; i < 16; ++i)
        sprintf(hex + 2 * i, "%02x", digest[i]);
}

static void *stress_decode(void *arg)
{
    struct stress_thread *t = arg;
    struct stress *stress = t->stress;
    struct d3d11va *va;
    EVP_MD_CTX *md;
    unsigned int pass;
    char hex[33];

    if (FAILED(d3d11va_create(stress->device, &va)))
    {
        ++t->failures;
    }
    else
    {
        md = EVP_MD_CTX_new();
        for (pass = 0; pass < stress->passes; ++pass)
        {
            EVP_DigestInit_ex(md, EVP_md5(), NULL);
            if (FAILED(replay(stress->capture, stress->capture->event_count, &va, &md, 1)))
            {
                ++t->failures;
                break;
            }
            md5_hex(md, hex);
            if (strcmp(hex, stress->expected))
            {
                printf("FAIL thread decode pass %u: MD5 %s, expected %s\n", pass, hex, stress->expected);
                ++t->failures;
            }
            t->count += stress->capture->picture_count;
        }
        EVP_MD_CTX_free(md);
        d3d11va_destroy(va);
    }
    __atomic_sub_fetch(&stress->decoders_left, 1, __ATOMIC_RELEASE);
    return NULL;
}

/* Blits a fixed NV12 picture to B8G8R8A8 until the decoders are done; the output, read back
 * after the first and the last blit, must not change. */
static void *stress_blit(void *arg)
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
    struct stress_thread *t = arg;
    struct stress *stress = t->stress;
    ID3D11VideoProcessorOutputView *output_view = NULL;
    ID3D11VideoProcessorInputView *input_view = NULL;
    ID3D11Texture2D *input = NULL, *output = NULL, *staging = NULL;
    ID3D11VideoProcessorEnumerator *enumerator = NULL;
    D3D11_VIDEO_PROCESSOR_STREAM vp_stream = {0};
    ID3D11VideoContext *video_context = NULL;
    ID3D11VideoDevice *video_device = NULL;
    ID3D11VideoProcessor *processor = NULL;
    uint8_t data[64 * 96], first[64 * 64 * 4];
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11DeviceContext *context;
    unsigned int i, y;

    for (i = 0; i < sizeof(data); ++i)
        data[i] = (uint8_t)(i * 7 + i / 64);
    ID3D11Device_GetImmediateContext(stress->device, &context);
    ID3D11Device_QueryInterface(stress->device, &IID_ID3D11VideoDevice, (void **)&video_device);
    ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);
    if (FAILED(ID3D11Device_CreateTexture2D(stress->device, &desc, NULL, &input)))
        goto fail;
    ID3D11DeviceContext_UpdateSubresource(context, (ID3D11Resource *)input, 0, NULL, data, 64, 0);
    desc.Format = DXGI_FORMAT_B8G8R8A8_UNORM;
    desc.BindFlags = D3D11_BIND_RENDER_TARGET;
    if (FAILED(ID3D11Device_CreateTexture2D(stress->device, &desc, NULL, &output)))
        goto fail;
    desc.Usage = D3D11_USAGE_STAGING;
    desc.BindFlags = 0;
    desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ;
    if (FAILED(ID3D11Device_CreateTexture2D(stress->device, &desc, NULL, &staging))
            || FAILED(ID3D11VideoDevice_CreateVideoProcessorEnumerator(video_device, &content, &enumerator))
            || FAILED(ID3D11VideoDevice_CreateVideoProcessor(video_device, enumerator, 0, &processor))
            || FAILED(ID3D11VideoDevice_CreateVideoProcessorInputView(video_device, (ID3D11Resource *)input,
                    enumerator, &input_view_desc, &input_view))
            || FAILED(ID3D11VideoDevice_CreateVideoProcessorOutputView(video_device, (ID3D11Resource *)output,
                    enumerator, &output_view_desc, &output_view)))
        goto fail;
    vp_stream.Enable = TRUE;
    vp_stream.pInputSurface = input_view;
    do
    {
        if (FAILED(ID3D11VideoContext_VideoProcessorBlt(video_context, processor, output_view, 0, 1, &vp_stream)))
            goto fail;
        if (t->count++ && stress_running(stress))
            continue;
        /* After the first blit and after the last one. */
        ID3D11DeviceContext_CopyResource(context, (ID3D11Resource *)staging, (ID3D11Resource *)output);
        if (FAILED(ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_READ, 0, &map)))
            goto fail;
        for (y = 0; y < 64; ++y)
        {
            if (t->count == 1)
                memcpy(first + y * 256, (uint8_t *)map.pData + y * map.RowPitch, 256);
            else if (memcmp(first + y * 256, (uint8_t *)map.pData + y * map.RowPitch, 256))
                ++t->failures;
        }
        ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    } while (stress_running(stress));
    goto done;

fail:
    ++t->failures;
done:
    if (output_view)
        ID3D11VideoProcessorOutputView_Release(output_view);
    if (input_view)
        ID3D11VideoProcessorInputView_Release(input_view);
    if (processor)
        ID3D11VideoProcessor_Release(processor);
    if (enumerator)
        ID3D11VideoProcessorEnumerator_Release(enumerator);
    if (staging)
        ID3D11Texture2D_Release(staging);
    if (output)
        ID3D11Texture2D_Release(output);
    if (input)
        ID3D11Texture2D_Release(input);
    ID3D11VideoContext_Release(video_context);
    ID3D11VideoDevice_Release(video_device);
    ID3D11DeviceContext_Release(context);
    return NULL;
}

/* Refreshes a crypto session's key and reads a protected surface back (EncryptionBlt,
 * decrypted by the client) until the decoders are done: the plaintext never changes. */
static void *stress_crypto(void *arg)
{
    D3D11_TEXTURE2D_DESC desc = {64, 64, 1, 1, DXGI_FORMAT_NV12, {1, 0}, D3D11_USAGE_STAGING, 0,
            D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE};
    struct stress_thread *t = arg;
    struct stress *stress = t->stress;
    ID3D11Texture2D *surface = NULL, *staging = NULL;
    ID3D11VideoContext *video_context = NULL;
    uint8_t key[16], iv[16], *first = NULL;
    struct drm_client *client = NULL;
    D3D11_MAPPED_SUBRESOURCE map;
    ID3D11CryptoSession *session;
    ID3D11DeviceContext *context;
    const uint8_t *data;
    UINT row_pitch;
    size_t size;

    ID3D11Device_GetImmediateContext(stress->device, &context);
    ID3D11DeviceContext_QueryInterface(context, &IID_ID3D11VideoContext, (void **)&video_context);
    if (FAILED(drm_client_create(stress->device, NULL, 1, &client))
            || FAILED(ID3D11Device_CreateTexture2D(stress->device, &desc, NULL, &staging))
            || FAILED(ID3D11DeviceContext_Map(context, (ID3D11Resource *)staging, 0, D3D11_MAP_WRITE, 0, &map)))
        goto fail;
    size = (size_t)map.RowPitch * 96;
    memset(map.pData, 0x3c, size);
    ID3D11DeviceContext_Unmap(context, (ID3D11Resource *)staging, 0);
    desc.Usage = D3D11_USAGE_DEFAULT;
    desc.CPUAccessFlags = 0;
    desc.MiscFlags = D3D11_RESOURCE_MISC_HW_PROTECTED;
    if (FAILED(ID3D11Device_CreateTexture2D(stress->device, &desc, NULL, &surface)))
        goto fail;
    session = drm_client_session(client, key);
    memset(iv, 0, sizeof(iv));
    iv[7] = 1;
    ID3D11VideoContext_DecryptionBlt(video_context, session, staging, surface, NULL, 0, NULL, sizeof(iv), iv);
    desc.Usage = D3D11_USAGE_STAGING;
    desc.CPUAccessFlags = D3D11_CPU_ACCESS_READ | D3D11_CPU_ACCESS_WRITE;
    desc.MiscFlags = 0;
    do
    {
        drm_client_picture_done(client);
        if (FAILED(drm_client_read(client, surface, staging, 0, &data, &row_pitch)))
            goto fail;
        if (!first)
        {
            first = malloc(size);
            memcpy(first, data, size);
        }
        else if (memcmp(first, data, size))
        {
            printf("FAIL protected surface changed after %u refreshes\n", t->count);
            ++t->failures;
            break;
        }
        ++t->count;
    } while (stress_running(stress));
    goto done;

fail:
    ++t->failures;
done:
    free(first);
    if (surface)
        ID3D11Texture2D_Release(surface);
    if (staging)
        ID3D11Texture2D_Release(staging);
    if (client)
        drm_client_destroy(client);
    ID3D11VideoContext_Release(video_context);
    ID3D11DeviceContext_Release(context);
    return NULL;
}

static unsigned int run_stress(const struct capture *capture, ID3D11Device *device, const char *expected,
        unsigned int thread_count, unsigned int passes, bool extra)
{
    struct stress_thread threads[MAX_DECODERS + 2];
    struct stress stress = {capture, device, expected, passes, (int)thread_count};
    unsigned int i, count = thread_count + (extra ? 2 : 0), failures = 0, frames = 0;
    static void *(*const extra_threads[])(void *) = {stress_blit, stress_crypto};

    memset(threads, 0, sizeof(threads));
    for (i = 0; i < count; ++i)
    {
        threads[i].stress = &stress;
        pthread_create(&threads[i].thread, NULL, i < thread_count ? stress_decode : extra_threads[i - thread_count],
                &threads[i]);
    }
    for (i = 0; i < count; ++i)
    {
        pthread_join(threads[i].thread, NULL);
        failures += threads[i].failures;
        if (i < thread_count)
            frames += threads[i].count;
    }
    if (failures)
        printf("FAIL %u threads: %u failures\n", count, failures);
    else
        printf("ok   %u decoding threads, %u frames, each pass MD5 %s%s\n", thread_count, frames, expected,
                extra ? "" : "");
    if (extra)
        printf("     beside them: %u blits, %u key refreshes with protected read-back\n",
                threads[thread_count].count, threads[thread_count + 1].count);
    return failures;
}

static void usage(void)
{
    fprintf(stderr, "Usage: test_decode_multi [--gpu] [--decoders N] [--threads N [--passes P] [--stress]]\n"
            "                         [--wait-each | --read-lag N] [--codec h264|hevc] STREAM MD5\n");
}

int main(int argc, char **argv)
{
    const char *input = NULL, *expected = NULL, *codec_name = "h264";
    struct codec_callbacks callbacks = {0};
    struct d3d11va *va[MAX_DECODERS] = {0};
    struct vkdva_vk_device_info info = {.type = VKDVA_STRUCTURE_TYPE_VK_DEVICE_INFO};
    EVP_MD_CTX *md[MAX_DECODERS] = {0};
    unsigned int count = 3, k, failed = 0;
    struct capture capture = {0};
    const struct codec_ops *ops;
    unsigned char digest[16];
    struct bitstream_nal nal;
    char hex[33], *end;
    ID3D11Device *device;
    struct codec *codec;
    size_t size, pos = 0;
    unsigned int threads = 0, passes = 10;
    bool gpu = false, stress = false;
    uint8_t *stream;
    HRESULT hr;
    int a, i;

    for (a = 1; a < argc; ++a)
    {
        if (!strcmp(argv[a], "--gpu"))
            gpu = true;
        else if (!strcmp(argv[a], "--decoders") && a + 1 < argc)
            count = strtoul(argv[++a], &end, 10);
        else if (!strcmp(argv[a], "--codec") && a + 1 < argc)
            codec_name = argv[++a];
        else if (!strcmp(argv[a], "--threads") && a + 1 < argc)
            threads = strtoul(argv[++a], &end, 10);
        else if (!strcmp(argv[a], "--passes") && a + 1 < argc)
            passes = strtoul(argv[++a], &end, 10);
        else if (!strcmp(argv[a], "--stress"))
            stress = true;
        else if (!strcmp(argv[a], "--wait-each"))
            wait_each = true;
        else if (!strcmp(argv[a], "--read-lag") && a + 1 < argc)
            read_lag = strtoul(argv[++a], &end, 10);
        else if (!input)
            input = argv[a];
        else
            expected = argv[a];
    }
    if (!input || !expected || count < 2 || count > MAX_DECODERS || threads > MAX_DECODERS || !passes
            || !(ops = codec_from_name(codec_name)))
    {
        usage();
        return 2;
    }
    if (!(stream = bitstream_read_file(input, &size)))
    {
        printf("%s: not found, skipping\n", input);
        return 77;
    }
    if (gpu)
        setenv("VKDVA_DECODE_BACKEND", "vulkan", 1);

    callbacks.context = &capture;
    callbacks.start_sequence = capture_sequence;
    callbacks.decode_picture = capture_picture;
    callbacks.output_picture = capture_output;
    if (!(codec = ops->create(&callbacks)))
        return 1;
    while (bitstream_next_nal(stream, size, &pos, &nal))
    {
        if (!codec->ops->decode_nal(codec, &nal))
            break;
    }
    codec->ops->flush(codec);
    codec->ops->destroy(codec);
    free(stream);
    if (!capture.picture_count)
    {
        printf("%s: no pictures parsed\n", input);
        return 1;
    }

    if (FAILED(hr = vkdva_create_device(NULL, &IID_ID3D11Device, (void **)&device)))
    {
        printf("Cannot create a device, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    if (gpu && (FAILED(vkdva_get_vk_device_info(device, &info))
            || info.decode_queue_family_index == VK_QUEUE_FAMILY_IGNORED))
    {
        printf("No Vulkan Video decode queue here, skipping.\n");
        ID3D11Device_Release(device);
        free_capture(&capture);
        return 77;
    }

    if (threads)
    {
        failed = run_stress(&capture, device, expected, threads, passes, stress);
        free_capture(&capture);
        ID3D11Device_Release(device);
        return failed ? 1 : 0;
    }

    /* A decoder released with its pictures still in flight: nothing may crash, leak, or
     * disturb the decoders that follow. */
    if (FAILED(hr = d3d11va_create(device, &va[0])))
        return 1;
    if (FAILED(hr = replay(&capture, capture.event_count < 24 ? capture.event_count : 24, va, NULL, 1)))
    {
        if (gpu && hr == E_INVALIDARG)
        {
            printf("The Vulkan Video backend does not decode this stream here, skipping.\n");
            d3d11va_destroy(va[0]);
            ID3D11Device_Release(device);
            free_capture(&capture);
            return 77;
        }
        printf("Early decode failed, hr %#x.\n", (unsigned int)hr);
        return 1;
    }
    d3d11va_destroy(va[0]);
    va[0] = NULL;
    printf("ok   decoder destroyed with pictures in flight\n");

    for (k = 0; k < count; ++k)
    {
        if (FAILED(hr = d3d11va_create(device, &va[k])))
            return 1;
        md[k] = EVP_MD_CTX_new();
        EVP_DigestInit_ex(md[k], EVP_md5(), NULL);
    }
    if (FAILED(hr = replay(&capture, capture.event_count, va, md, count)))
    {
        printf("FAIL %u decoders at once: hr %#x\n", count, (unsigned int)hr);
        return 1;
    }
    for (k = 0; k < count; ++k)
    {
        EVP_DigestFinal_ex(md[k], digest, NULL);
        EVP_MD_CTX_free(md[k]);
        for (i = 0; i < 16; ++i)
            sprintf(hex + 2 * i, "%02x", digest[i]);
        if (strcmp(hex, expected))
        {
            printf("FAIL decoder %u of %u: MD5 %s, expected %s\n", k, count, hex, expected);
            ++failed;
        }
        d3d11va_destroy(va[k]);
    }
    if (!failed)
        printf("ok   %u decoders at once, each MD5 %s\n", count, expected);

    free_capture(&capture);
    ID3D11Device_Release(device);
    return failed ? 1 : 0;
}
