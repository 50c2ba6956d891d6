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

/* Fault injection for tests (meson option fault-injection, issue 8): with
 * VKDVA_FAULT_INJECT=N in the environment, the Nth fallible operation after the value was set
 * fails (a host allocation returns NULL, a Vulkan creation or allocation returns an
 * out-of-memory error) and VKDVA_FAULT_HIT is set to the name of the call site, so a test can
 * walk N over every call site of an operation and check each failure is reported and leaks
 * nothing. VKDVA_FAULT_DEVICE_LOST=N makes the Nth queue submission report
 * VK_ERROR_DEVICE_LOST instead of submitting. Without the option this file is empty. */

#include "vkdva_memory.h"

#ifdef VKDVA_FAULT_INJECTION
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t vkdva_fault_mutex = PTHREAD_MUTEX_INITIALIZER;

struct vkdva_fault_counter
{
    const char *variable;
    char value[32];
    unsigned long target;
    unsigned long count;
};

static struct vkdva_fault_counter vkdva_fault_alloc = {"VKDVA_FAULT_INJECT"};
static struct vkdva_fault_counter vkdva_fault_lost = {"VKDVA_FAULT_DEVICE_LOST"};

static bool vkdva_fault_counter_hit(struct vkdva_fault_counter *counter, const char *site)
{
    const char *value;
    bool hit = false;

    pthread_mutex_lock(&vkdva_fault_mutex);
    value = getenv(counter->variable);
    if (!value)
        value = "";
    /* A new value starts a new count: a test sets N, runs one operation, and sets N + 1. */
    if (strncmp(value, counter->value, sizeof(counter->value)))
    {
        snprintf(counter->value, sizeof(counter->value), "%s", value);
        counter->target = strtoul(value, NULL, 10);
        counter->count = 0;
    }
    if (counter->target && ++counter->count == counter->target)
    {
        hit = true;
        setenv("VKDVA_FAULT_HIT", site, 1);
    }
    pthread_mutex_unlock(&vkdva_fault_mutex);
    return hit;
}

bool vkdva_fault_inject(const char *site)
{
    return vkdva_fault_counter_hit(&vkdva_fault_alloc, site);
}

bool vkdva_fault_inject_device_lost(const char *site)
{
    return vkdva_fault_counter_hit(&vkdva_fault_lost, site);
}

#endif /* VKDVA_FAULT_INJECTION */
