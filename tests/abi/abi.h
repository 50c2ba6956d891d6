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

/* What the three parts of the ABI test share: abi_ours.c (generated, our headers compiled
 * natively), abi_expected.c (generated, the Windows values computed by mingw-w64 or taken
 * from abi_hand.h) and abi_test.c (the comparison). Both tables have one entry per check,
 * in the order gen_abi.py listed the checks. */

#ifndef __VKDVA_ABI_H
#define __VKDVA_ABI_H

/* Must match KINDS in gen_abi.py. */
enum abi_kind
{
    ABI_KIND_SLOT,      /* vtable slot of a method */
    ABI_KIND_COUNT,     /* number of methods in a vtable */
    ABI_KIND_RET,       /* return type of a method: 0 for void, else type class << 16 | size */
    ABI_KIND_NPARAMS,   /* number of parameters, This included */
    ABI_KIND_PARAM,     /* a parameter's type class << 16 | size */
    ABI_KIND_SIZE,      /* sizeof a structure */
    ABI_KIND_OFFSET,    /* offsetof a member */
    ABI_KIND_MSIZE,     /* sizeof a member */
    ABI_KIND_BITS,      /* a bitfield: first bit << 8 | width */
    ABI_KIND_ENUM,      /* an enumeration constant */
    ABI_KIND_DEFINE,    /* an integer macro */
    ABI_KIND_FDEFINE,   /* a floating-point macro: 1 where Windows' equals ours */
    ABI_KIND_GUID_LO,   /* bytes 0-7 of a GUID */
    ABI_KIND_GUID_HI,   /* bytes 8-15 of a GUID */
};

/* Where the Windows value came from. */
enum abi_source
{
    ABI_SOURCE_MINGW,   /* computed by x86_64-w64-mingw32-gcc from mingw-w64's headers */
    ABI_SOURCE_HAND,    /* from tests/abi/abi_hand.h, for what mingw-w64 lacks */
    ABI_SOURCE_MISSING, /* in neither: a failure, so that nothing escapes the check */
    ABI_SOURCE_SKIP,    /* deliberately unchecked, listed in abi_hand.h with the reason */
};

struct abi_check
{
    const char *name;
    enum abi_kind kind;
};

struct abi_expected
{
    unsigned long long value;
    enum abi_source source;
    const char *note; /* for ABI_SOURCE_SKIP, the reason */
};

extern const struct abi_check abi_checks[];
extern const unsigned int abi_check_count;
void abi_ours_values(unsigned long long *values);

extern const struct abi_expected abi_expected[];
extern const unsigned int abi_expected_count;

#endif /* __VKDVA_ABI_H */
