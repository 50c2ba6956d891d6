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

/* Include before vkdva.h (or any header declaring GUIDs) in exactly one file to define,
 * rather than only declare, the IIDs and GUIDs, as with the Windows SDK's initguid.h. */

#ifdef _WIN32
# include_next <initguid.h>
#else
# include <vkdva_windows.h>
# ifndef INITGUID
#  define INITGUID
# endif
# undef DEFINE_GUID
# define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
        VKDVA_GUID_LINKAGE const GUID name; \
        VKDVA_GUID_LINKAGE const GUID name = { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 }}
#endif
