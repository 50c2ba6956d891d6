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

/* Compares our headers' ABI, as the native compiler lays it out (abi_ours.c), with Windows
 * x64's, as x86_64-w64-mingw32-gcc computed it from mingw-w64's headers or as the hand table
 * gives it (abi_expected.c). A mismatch is named with both values; a check that has no
 * Windows reference at all fails too, so that nothing escapes unchecked by accident. */

#include "abi.h"
#include "vkdva_test.h"

static void describe_type(char *buffer, size_t size, enum abi_kind kind, unsigned long long code)
{
    static const char *const classes[] =
    {
        [0] = "void", [1] = "integer", [5] = "pointer", [8] = "floating-point", [9] = "complex",
        [12] = "structure", [14] = "array",
    };
    unsigned int class = code >> 16;

    if (!code)
        snprintf(buffer, size, kind == ABI_KIND_PARAM ? "no such parameter" : "void");
    else if (class < ARRAY_SIZE(classes) && classes[class])
        snprintf(buffer, size, "%s of %llu bytes", classes[class], code & 0xffff);
    else
        snprintf(buffer, size, "type class %u of %llu bytes", class, code & 0xffff);
}

static void describe(char *buffer, size_t size, enum abi_kind kind, unsigned long long value)
{
    switch (kind)
    {
        case ABI_KIND_SLOT:
            snprintf(buffer, size, "slot %llu", value);
            break;
        case ABI_KIND_COUNT:
            snprintf(buffer, size, "%llu methods", value);
            break;
        case ABI_KIND_RET:
        case ABI_KIND_PARAM:
            describe_type(buffer, size, kind, value);
            break;
        case ABI_KIND_NPARAMS:
            snprintf(buffer, size, "%llu parameters", value);
            break;
        case ABI_KIND_SIZE:
        case ABI_KIND_MSIZE:
            snprintf(buffer, size, "%llu bytes", value);
            break;
        case ABI_KIND_OFFSET:
            snprintf(buffer, size, "offset %llu", value);
            break;
        case ABI_KIND_BITS:
            snprintf(buffer, size, "bits %llu-%llu", value >> 8, (value >> 8) + (value & 0xff) - 1);
            break;
        case ABI_KIND_ENUM:
        case ABI_KIND_DEFINE:
            snprintf(buffer, size, "%lld (%#llx)", (long long)value, value);
            break;
        default:
            snprintf(buffer, size, "%#llx", value);
            break;
    }
}

static void format_guid(char *buffer, size_t size, unsigned long long lo, unsigned long long hi)
{
    snprintf(buffer, size, "{%08llx-%04llx-%04llx-%02llx%02llx-%02llx%02llx%02llx%02llx%02llx%02llx}",
            lo & 0xffffffff, (lo >> 32) & 0xffff, lo >> 48, hi & 0xff, (hi >> 8) & 0xff, (hi >> 16) & 0xff,
            (hi >> 24) & 0xff, (hi >> 32) & 0xff, (hi >> 40) & 0xff, (hi >> 48) & 0xff, hi >> 56);
}

START_TEST(abi)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    char got[128], expected[128];
    unsigned int i, counts[ABI_SOURCE_SKIP + 1] = {0};
    unsigned long long *values;

    if (abi_check_count != abi_expected_count)
    {
        ok(0, "The generated tables disagree: %u checks, %u expected values.\n",
                abi_check_count, abi_expected_count);
        return;
    }
    if (!(values = calloc(abi_check_count, sizeof(*values))))
    {
        ok(0, "Out of memory.\n");
        return;
    }
    abi_ours_values(values);

    for (i = 0; i < abi_check_count; ++i)
    {
        const struct abi_check *c = &abi_checks[i];
        const struct abi_expected *e = &abi_expected[i];
        const char *from = e->source == ABI_SOURCE_HAND ? " (hand table)" : "";

        ++counts[e->source];

        /* An optional argument restricts the run to the checks whose name contains it. */
        if (filter && !strstr(c->name, filter))
            continue;
        vkdva_test_state.context = c->name;

        if (e->source == ABI_SOURCE_SKIP)
        {
            skip("%s.\n", e->note ? e->note : "Not checked");
            continue;
        }
        if (e->source == ABI_SOURCE_MISSING)
        {
            ok(0, "No Windows reference: mingw-w64 lacks it and abi_hand.h does not give it.\n");
            continue;
        }

        /* The two halves of a GUID are checked, and reported, together. */
        if (c->kind == ABI_KIND_GUID_LO && i + 1 < abi_check_count
                && abi_checks[i + 1].kind == ABI_KIND_GUID_HI && abi_expected[i + 1].source <= ABI_SOURCE_HAND)
        {
            format_guid(got, sizeof(got), values[i], values[i + 1]);
            format_guid(expected, sizeof(expected), e->value, abi_expected[i + 1].value);
            ok(values[i] == e->value && values[i + 1] == abi_expected[i + 1].value,
                    "Got %s, Windows has %s%s.\n", got, expected, from);
            ++counts[abi_expected[++i].source];
            continue;
        }

        /* A floating-point macro's check is whether mingw-w64's value equals ours. */
        if (c->kind == ABI_KIND_FDEFINE)
        {
            ok(values[i] == e->value, "Our value differs from Windows'%s.\n", from);
            continue;
        }

        describe(got, sizeof(got), c->kind, values[i]);
        describe(expected, sizeof(expected), c->kind, e->value);
        ok(values[i] == e->value, "Got %s, Windows has %s%s.\n", got, expected, from);
    }
    vkdva_test_state.context = NULL;
    trace("%u checks: %u against mingw-w64, %u against the hand table, %u without a reference, "
            "%u deliberately unchecked.\n", abi_check_count, counts[ABI_SOURCE_MINGW],
            counts[ABI_SOURCE_HAND], counts[ABI_SOURCE_MISSING], counts[ABI_SOURCE_SKIP]);

    free(values);
}
