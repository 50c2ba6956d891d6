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

/* The layer tests' shader: reads binding 0 (readonly: a protected command buffer may read
 * unprotected memory) and writes binding 1 (which must then be protected). */

#version 450

layout(local_size_x = 1) in;

layout(std430, set = 0, binding = 0) readonly buffer src_buffer
{
    uint src[];
};

layout(std430, set = 0, binding = 1) buffer dst_buffer
{
    uint dst[];
};

void main()
{
    dst[gl_GlobalInvocationID.x] = src[gl_GlobalInvocationID.x] + 1u;
}
