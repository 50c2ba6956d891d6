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

/* The test harness, in the manner of vkd3d's: ok() checks, todo_if()/bug_if() marks, skip(),
 * trace(), helpers that carry the caller's line, and the summary line printed last. Test
 * bodies use only the D3D11 API, so the same files build against Windows' d3d11.h. */

#ifndef __VKDVA_TEST_H
#define __VKDVA_TEST_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vkdva_compat.h"

static struct
{
    const char *name;
    unsigned int success_count;
    unsigned int failure_count;
    unsigned int skip_count;
    unsigned int todo_count;
    unsigned int todo_success_count;
    unsigned int bug_count;
    bool todo_level;
    bool bug_level;
    bool debug;
    unsigned int line;
    const char *context;
} vkdva_test_state;

#define VKDVA_TEST_EXIT_SKIP 77

#ifndef ARRAY_SIZE
# define ARRAY_SIZE(x) (sizeof(x) / sizeof(*(x)))
#endif

static void vkdva_test_vprint(const char *prefix, unsigned int line, const char *fmt, va_list args)
{
    printf("%s:%u: %s", vkdva_test_state.name, line, prefix);
    if (vkdva_test_state.context)
        printf("%s: ", vkdva_test_state.context);
    vprintf(fmt, args);
    fflush(stdout);
}

static void __attribute__((format(printf, 3, 4))) vkdva_test_ok(unsigned int line, bool result, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    if (vkdva_test_state.todo_level)
    {
        if (result)
        {
            ++vkdva_test_state.todo_success_count;
            vkdva_test_vprint("Todo succeeded: ", line, fmt, args);
        }
        else
        {
            ++vkdva_test_state.todo_count;
            if (vkdva_test_state.debug)
                vkdva_test_vprint("Todo: ", line, fmt, args);
        }
    }
    else if (vkdva_test_state.bug_level && !result)
    {
        ++vkdva_test_state.bug_count;
        if (vkdva_test_state.debug)
            vkdva_test_vprint("Bug: ", line, fmt, args);
    }
    else if (result)
    {
        ++vkdva_test_state.success_count;
        if (vkdva_test_state.debug)
            vkdva_test_vprint("Test succeeded: ", line, fmt, args);
    }
    else
    {
        ++vkdva_test_state.failure_count;
        vkdva_test_vprint("Test failed: ", line, fmt, args);
    }
    va_end(args);
}

static void __attribute__((format(printf, 2, 3))) vkdva_test_skip(unsigned int line, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vkdva_test_vprint("Test skipped: ", line, fmt, args);
    va_end(args);
    ++vkdva_test_state.skip_count;
}

static void __attribute__((format(printf, 2, 3))) vkdva_test_trace(unsigned int line, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vkdva_test_vprint("", line, fmt, args);
    va_end(args);
}

#define ok(...) vkdva_test_ok(__LINE__, __VA_ARGS__)
#define ok_line(line, ...) vkdva_test_ok(line, __VA_ARGS__)
#define skip(...) vkdva_test_skip(__LINE__, __VA_ARGS__)
#define trace(...) vkdva_test_trace(__LINE__, __VA_ARGS__)
#define broken(x) (0 && (x))

#define todo_if(is_todo) \
    for (bool vkdva_todo_once_ = (vkdva_test_state.todo_level = (is_todo), true); vkdva_todo_once_; \
            vkdva_todo_once_ = false, vkdva_test_state.todo_level = false)
#define todo todo_if(true)
#define bug_if(is_bug) \
    for (bool vkdva_bug_once_ = (vkdva_test_state.bug_level = (is_bug), true); vkdva_bug_once_; \
            vkdva_bug_once_ = false, vkdva_test_state.bug_level = false)

#define run_test(test_fn) \
    do { \
        vkdva_test_state.context = NULL; \
        test_fn(); \
    } while (0)

static int vkdva_test_finish(void)
{
    unsigned int executed = vkdva_test_state.success_count + vkdva_test_state.failure_count
            + vkdva_test_state.todo_count + vkdva_test_state.todo_success_count + vkdva_test_state.bug_count;

    printf("%s: %u tests executed (%u failures, %u skipped, %u todo, %u bugs).\n", vkdva_test_state.name,
            executed, vkdva_test_state.failure_count + vkdva_test_state.todo_success_count,
            vkdva_test_state.skip_count, vkdva_test_state.todo_count, vkdva_test_state.bug_count);
    fflush(stdout);
    return vkdva_test_state.failure_count || vkdva_test_state.todo_success_count;
}

static void vkdva_test_init(const char *name)
{
    const char *env;

    vkdva_test_state.name = name;
    vkdva_test_state.debug = (env = getenv("VKDVA_TEST_DEBUG")) && *env && strcmp(env, "0");
}

#define START_TEST(name) \
    static void vkdva_test_main(int argc, char **argv); \
    int main(int argc, char **argv) \
    { \
        vkdva_test_init(#name); \
        vkdva_test_main(argc, argv); \
        return vkdva_test_finish(); \
    } \
    static void vkdva_test_main(int argc, char **argv)

#endif /* __VKDVA_TEST_H */
