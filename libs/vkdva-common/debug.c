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

#include "vkdva_debug.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VKDVA_DBG_BUFFER_SIZE 1024u
#define VKDVA_DBG_BUFFER_COUNT 32u

static enum vkdva_dbg_level vkdva_dbg_level = VKDVA_DBG_LEVEL_FIXME;
static pthread_once_t vkdva_dbg_once = PTHREAD_ONCE_INIT;
static vkdva_dbg_sink vkdva_dbg_sink_func;
static void *vkdva_dbg_sink_context;
static pthread_mutex_t vkdva_dbg_sink_mutex = PTHREAD_MUTEX_INITIALIZER;

static const char *const vkdva_dbg_level_names[] =
{
    [VKDVA_DBG_LEVEL_NONE] = "none",
    [VKDVA_DBG_LEVEL_ERR] = "err",
    [VKDVA_DBG_LEVEL_FIXME] = "fixme",
    [VKDVA_DBG_LEVEL_WARN] = "warn",
    [VKDVA_DBG_LEVEL_TRACE] = "trace",
};

static void vkdva_dbg_init_once(void)
{
    const char *env;
    unsigned int i;

    if (!(env = getenv("VKDVA_DEBUG")))
        return;
    for (i = 0; i < sizeof(vkdva_dbg_level_names) / sizeof(*vkdva_dbg_level_names); ++i)
    {
        if (!strcmp(env, vkdva_dbg_level_names[i]))
        {
            vkdva_dbg_level = i;
            return;
        }
    }
    fprintf(stderr, "vkdva: unrecognised VKDVA_DEBUG value \"%s\".\n", env);
}

enum vkdva_dbg_level vkdva_dbg_get_level(void)
{
    pthread_once(&vkdva_dbg_once, vkdva_dbg_init_once);
    return vkdva_dbg_level;
}

void vkdva_dbg_set_sink(vkdva_dbg_sink sink, void *context)
{
    pthread_mutex_lock(&vkdva_dbg_sink_mutex);
    vkdva_dbg_sink_func = sink;
    vkdva_dbg_sink_context = context;
    pthread_mutex_unlock(&vkdva_dbg_sink_mutex);
}

void vkdva_dbg_printf(enum vkdva_dbg_level level, const char *function, const char *fmt, ...)
{
    char buffer[VKDVA_DBG_BUFFER_SIZE];
    va_list args;
    int len;

    len = snprintf(buffer, sizeof(buffer), "%s:%s: ", vkdva_dbg_level_names[level], function);
    if (len < 0 || (size_t)len >= sizeof(buffer))
        len = 0;
    va_start(args, fmt);
    vsnprintf(buffer + len, sizeof(buffer) - len, fmt, args);
    va_end(args);

    pthread_mutex_lock(&vkdva_dbg_sink_mutex);
    if (vkdva_dbg_sink_func)
        vkdva_dbg_sink_func(vkdva_dbg_sink_context, level, buffer);
    else
        fputs(buffer, stderr);
    pthread_mutex_unlock(&vkdva_dbg_sink_mutex);
}

static char *vkdva_dbg_get_buffer(void)
{
    static __thread char buffers[VKDVA_DBG_BUFFER_COUNT][VKDVA_DBG_BUFFER_SIZE];
    static __thread unsigned int index;

    return buffers[index++ % VKDVA_DBG_BUFFER_COUNT];
}

const char *vkdva_dbg_sprintf(const char *fmt, ...)
{
    char *buffer = vkdva_dbg_get_buffer();
    va_list args;

    va_start(args, fmt);
    vsnprintf(buffer, VKDVA_DBG_BUFFER_SIZE, fmt, args);
    va_end(args);
    return buffer;
}

const char *debugstr_a(const char *str)
{
    if (!str)
        return "(null)";
    return vkdva_dbg_sprintf("\"%.*s\"", (int)(VKDVA_DBG_BUFFER_SIZE - 8), str);
}

const char *debugstr_guid(const void *guid)
{
    const unsigned char *b;
    uint32_t d1;
    uint16_t d2, d3;

    if (!guid)
        return "(null)";
    b = guid;
    memcpy(&d1, b, sizeof(d1));
    memcpy(&d2, b + 4, sizeof(d2));
    memcpy(&d3, b + 6, sizeof(d3));
    return vkdva_dbg_sprintf("{%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}",
            d1, d2, d3, b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

const char *debugstr_rect(const void *rect)
{
    const int32_t *r = rect;

    if (!r)
        return "(null)";
    return vkdva_dbg_sprintf("(%d,%d)-(%d,%d)", r[0], r[1], r[2], r[3]);
}
