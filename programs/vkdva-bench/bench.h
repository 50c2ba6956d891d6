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

/* What the modes of vkdva-bench share (main.c). */

#ifndef __VKDVA_BENCH_H
#define __VKDVA_BENCH_H

#include <time.h>

int bench_reencrypt(int argc, char **argv);
int bench_refresh(int argc, char **argv);

/* Seconds on a clock (CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, ...). */
double bench_clock(clockid_t clock);
/* qsort() order of doubles, for medians. */
int bench_compare_double(const void *a, const void *b);

#endif /* __VKDVA_BENCH_H */
