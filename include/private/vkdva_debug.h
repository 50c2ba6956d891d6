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

#ifndef __VKDVA_DEBUG_H
#define __VKDVA_DEBUG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

/* Log levels, lowest to highest verbosity; VKDVA_DEBUG selects the highest one printed
 * ("none", "err", "fixme" (the default), "warn", "trace"). */
enum vkdva_dbg_level
{
    VKDVA_DBG_LEVEL_NONE,
    VKDVA_DBG_LEVEL_ERR,
    VKDVA_DBG_LEVEL_FIXME,
    VKDVA_DBG_LEVEL_WARN,
    VKDVA_DBG_LEVEL_TRACE,
};

enum vkdva_dbg_level vkdva_dbg_get_level(void);
void vkdva_dbg_printf(enum vkdva_dbg_level level, const char *function, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Where log lines go: set by the public vkdva_set_log_callback(). */
typedef void (*vkdva_dbg_sink)(void *context, enum vkdva_dbg_level level, const char *message);
void vkdva_dbg_set_sink(vkdva_dbg_sink sink, void *context);

/* Formatting helpers for TRACE arguments; each returns a string valid until many later
 * calls on the same thread. */
const char *vkdva_dbg_sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *debugstr_a(const char *str);
const char *debugstr_guid(const void *guid);
const char *debugstr_rect(const void *rect);

#define VKDVA_DBG_LOG(level, ...) \
    do { \
        if (vkdva_dbg_get_level() >= VKDVA_DBG_LEVEL_##level) \
            vkdva_dbg_printf(VKDVA_DBG_LEVEL_##level, __FUNCTION__, __VA_ARGS__); \
    } while (0)

#define VKDVA_DBG_LOG_ONCE(level, ...) \
    do { \
        static bool vkdva_logged_once_; \
        if (!__atomic_exchange_n(&vkdva_logged_once_, true, __ATOMIC_RELAXED)) \
            VKDVA_DBG_LOG(level, __VA_ARGS__); \
    } while (0)

#define TRACE(...) VKDVA_DBG_LOG(TRACE, __VA_ARGS__)
#define WARN(...) VKDVA_DBG_LOG(WARN, __VA_ARGS__)
#define FIXME(...) VKDVA_DBG_LOG(FIXME, __VA_ARGS__)
#define ERR(...) VKDVA_DBG_LOG(ERR, __VA_ARGS__)
#define WARN_ONCE(...) VKDVA_DBG_LOG_ONCE(WARN, __VA_ARGS__)
#define FIXME_ONCE(...) VKDVA_DBG_LOG_ONCE(FIXME, __VA_ARGS__)
#define TRACE_ON() (vkdva_dbg_get_level() >= VKDVA_DBG_LEVEL_TRACE)
#define WARN_ON() (vkdva_dbg_get_level() >= VKDVA_DBG_LEVEL_WARN)

#endif /* __VKDVA_DEBUG_H */
