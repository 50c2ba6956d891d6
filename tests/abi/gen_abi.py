#!/usr/bin/env python3
#
# Copyright 2026 the vkdva authors
#
# This library is free software; you can redistribute it and/or
# modify it under the terms of the GNU Lesser General Public
# License as published by the Free Software Foundation; either
# version 2.1 of the License, or (at your option) any later version.
#
# This library is distributed in the hope that it will be useful,
# but WITHOUT ANY WARRANTY; without even the implied warranty of
# MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
# Lesser General Public License for more details.
#
# You should have received a copy of the GNU Lesser General Public
# License along with this library; if not, write to the Free Software
# Foundation, Inc., 51 Franklin St, Fifth Floor, Boston, MA 02110-1301, USA

"""Generates the ABI test that compares vkdva's widl-generated headers with Windows x64.

gen_abi.py gen --ours OURS.c --manifest MANIFEST.json HEADER.h...
    Lists every check by parsing our generated headers (vtables, structures, enumerations,
    integer macros, DEFINE_GUIDs) and writes OURS.c, which computes each value with the
    native compiler, and MANIFEST.json, the list the second step works from.

gen_abi.py windows --cc MINGW_GCC --hand abi_hand.h --manifest MANIFEST.json --out EXP.c
        [--mingw-header NAME.h]...
    Computes the same values with x86_64-w64-mingw32-gcc from mingw-w64's headers: one
    C file with one constant per check, compiled to assembly (-S, so no Wine or Windows
    is needed) and read back. What mingw-w64 lacks is taken from abi_hand.h; what neither
    has is reported and recorded as missing, so that the test fails on it rather than
    nothing checking it.

Both steps see the same checks in the same order, which is what lets abi_test.c compare
the two tables entry by entry and name each mismatch."""

import argparse
import fnmatch
import json
import os
import re
import subprocess
import sys
import warnings

# Must match enum abi_kind and enum abi_source in abi.h.
KINDS = ['slot', 'count', 'ret', 'nparams', 'param', 'size', 'offset', 'msize', 'bits',
         'enum', 'define', 'fdefine', 'guid_lo', 'guid_hi']
SOURCE_MINGW, SOURCE_HAND, SOURCE_MISSING, SOURCE_SKIP = range(4)

DEFAULT_MINGW_HEADERS = ['windows.h', 'd3d10.h', 'd3d11.h', 'd3d11_1.h', 'd3d11_2.h',
                         'd3d11_3.h', 'd3d11_4.h', 'dxgi1_6.h', 'dxva.h']

LICENCE = '''/*
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
'''

# Shared by both generated C files, so that a value means the same on both sides. A type's
# code is its GCC type class, folded to what the x64 calling convention distinguishes
# (integers, enums, chars and booleans alike; structures and unions alike), and its size.
CODE_MACROS = '''#define ABI_CLASS(c) ((c) == 2 || (c) == 3 || (c) == 4 ? 1ull : (c) == 6 ? 5ull \\
        : (c) == 13 ? 12ull : (unsigned long long)(c))
#define ABI_TYPECODE(t) (ABI_CLASS(__builtin_classify_type(*(t *)0)) << 16 | sizeof(t))
#define ABI_EXPRCODE(e) (ABI_CLASS(__builtin_classify_type(e)) << 16 | sizeof(e))
#define ABI_VOIDCODE(e) (__builtin_types_compatible_p(__typeof__(e), void) ? 0ull : 0xffffull)
'''


def die(msg):
    sys.stderr.write('gen_abi.py: error: %s\n' % msg)
    sys.exit(1)


# --- Reading widl-generated C headers ----------------------------------------------------

def eval_condition(expr):
    """Evaluates an #if condition as seen by a C compiler that defines nothing of interest:
    no _WIN32, no __cplusplus, no COBJMACROS; what it cannot read counts as true."""
    expr = re.sub(r'defined\s*\(\s*\w+\s*\)|defined\s+\w+', '0', expr)
    expr = re.sub(r'\b[A-Za-z_]\w*\b', '0', expr)
    expr = expr.replace('&&', ' and ').replace('||', ' or ')
    expr = re.sub(r'!(?!=)', ' not ', expr)
    expr = re.sub(r'(\d+)[uUlL]+', r'\1', expr)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            return bool(eval(expr, {}, {}))
    except Exception:
        return True


def preprocess(text):
    """Returns (code, defines): the text that a native compile sees, with comments removed
    except widl's '/*** X methods ***/' markers (kept as '@group X;'), and the object-like
    macros defined there."""
    text = re.sub(r'/\*\*\* (\w+) methods \*\*\*/', r'@group \1;', text)
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    text = re.sub(r'\\\n', ' ', text)
    out, defines = [], []
    stack = []  # (enclosing active, this group active, a branch was taken)
    active = True
    for line in text.split('\n'):
        m = re.match(r'\s*#\s*(\w+)\s*(.*)$', line)
        if not m:
            if active:
                out.append(line)
            continue
        d, rest = m.group(1), m.group(2).strip()
        if d in ('if', 'ifdef', 'ifndef'):
            cond = eval_condition(rest) if d == 'if' else (d == 'ifndef')
            stack.append((active, active and cond, cond))
            active = active and cond
        elif d == 'elif':
            outer, _, taken = stack.pop()
            cond = not taken and eval_condition(rest)
            stack.append((outer, outer and cond, taken or cond))
            active = outer and cond
        elif d == 'else':
            outer, _, taken = stack.pop()
            stack.append((outer, outer and not taken, True))
            active = outer and not taken
        elif d == 'endif':
            active = stack.pop()[0]
        elif d == 'define' and active:
            dm = re.match(r'([A-Za-z_]\w*)(\s+(.*))?$', rest)
            if dm and not rest[len(dm.group(1)):].startswith('('):
                defines.append((dm.group(1), (dm.group(3) or '').strip()))
    return '\n'.join(out), defines


def split_top(text, sep=','):
    """Splits at sep outside any (), [] or {}."""
    parts, depth, cur = [], 0, ''
    for ch in text:
        if ch in '([{':
            depth += 1
        elif ch in ')]}':
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(cur)
            cur = ''
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    return [p.strip() for p in parts]


def match_brace(text, start):
    """Index just past the '}' that closes the '{' at text[start]."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == '{':
            depth += 1
        elif text[i] == '}':
            depth -= 1
            if depth == 0:
                return i + 1
    die('unbalanced braces')


NAMELESS_RE = re.compile(r'^(__C89_NAMELESS\w*|DUMMYUNIONNAME\d*|DUMMYSTRUCTNAME\d*)$')


def param_type(decl):
    """The type of a parameter declaration, with the name removed and arrays decayed."""
    decl = ' '.join(decl.split())
    m = re.match(r'^(.*?[\s*])(\w+)\s*((?:\[[^\]]*\]\s*)*)$', decl)
    if not m or m.group(1).strip() in ('', 'const', 'struct', 'enum', 'union'):
        return decl  # unnamed
    ty, dims = m.group(1).strip(), m.group(3)
    if dims.count('[') == 1:
        return ty + ' *'
    if dims:
        return 'void *'
    return ty


def parse_members(body, prefix=''):
    """[(path, is_bitfield)] for every member reachable by name from the structure, through
    nameless structures and unions and into named nested ones."""
    members, i = [], 0
    body = re.sub(r'\b__C89_NAMELESS\b', ' ', body)
    while True:
        while i < len(body) and body[i] in ' \t\n;':
            i += 1
        if i >= len(body):
            return members
        m = re.compile(r'(struct|union)\s*(\w+)?\s*\{').match(body, i)
        if m:
            end = match_brace(body, m.end() - 1)
            semi = body.index(';', end)
            name = body[end:semi].strip()
            inner = body[m.end():end - 1]
            if not name or NAMELESS_RE.match(name):
                members += parse_members(inner, prefix)
            elif re.match(r'^\w+$', name):
                members.append((prefix + name, False))
                members += parse_members(inner, prefix + name + '.')
            else:
                # An array of nested structures: only the whole member can be named.
                members.append((prefix + re.match(r'\w+', name).group(0), False))
            i = semi + 1
            continue
        semi = body.index(';', i)
        decl = body[i:semi]
        i = semi + 1
        for n, part in enumerate(split_top(decl)):
            bits = ':' in part
            part = part.split(':')[0]
            part = re.sub(r'\[[^\]]*\]', '', part).strip()
            name = re.search(r'(\w+)\s*$', part).group(1)
            members.append((prefix + name, bits))


def parse_header(text, strict=True):
    """Interfaces, structures, enumerations, GUIDs and macros of one widl-generated header;
    with strict unset (mingw-w64's headers), what cannot be read is left out."""
    code, defines = preprocess(text)
    res = {'interfaces': [], 'structs': [], 'enums': [], 'guids': [], 'defines': defines,
           'nameless': sorted(set(re.findall(r'\b__C89_NAMELESS(?:STRUCT|UNION)NAME\d*\b', code)))}
    for m in re.finditer(r'typedef\s+struct\s+(\w+)Vtbl\s*\{(.*?)\}\s*\1Vtbl\s*;', code, re.S):
        iface, body = m.group(1), m.group(2)
        body = re.sub(r'\b(BEGIN|END)_INTERFACE\b', ' ', body)
        methods, group = [], None
        for item in split_top(body, ';'):
            gm = re.match(r'@group (\w+)$', item)
            if gm:
                group = gm.group(1)
                continue
            mm = re.match(r'^(.*?)\(\s*(?:STDMETHODCALLTYPE|__stdcall|WINAPI)\s*\*\s*(\w+)\s*\)\s*\((.*)\)$',
                          item, re.S)
            if not mm and not strict:
                break
            if not mm:
                die('cannot read %sVtbl member "%s"' % (iface, ' '.join(item.split())))
            params = [param_type(p) for p in split_top(mm.group(3))]
            methods.append({'name': mm.group(2), 'ret': ' '.join(mm.group(1).split()),
                            'params': params, 'group': group})
        res['interfaces'].append({'name': iface, 'methods': methods})
    if not strict:
        return res  # only mingw-w64's vtables are read; the rest is compiled, not parsed
    pos = 0
    agg = re.compile(r'\b(typedef\s+)?(struct|union|enum)\s*(\w+)?\s*\{')
    while True:
        m = agg.search(code, pos)
        if not m:
            break
        end = match_brace(code, m.end() - 1)
        semi = code.index(';', end)
        body = code[m.end():end - 1]
        pos = semi + 1
        if m.group(1):
            names = [n.strip() for n in code[end:semi].split(',') if n.strip() and '*' not in n]
            name = names[0] if names else None
        else:
            name = '%s %s' % (m.group(2), m.group(3)) if m.group(3) else None
        if not name or name.endswith('Vtbl'):
            continue
        if m.group(2) == 'enum':
            consts = [re.match(r'\s*(\w+)', c).group(1) for c in split_top(body)]
            res['enums'].append({'name': name, 'consts': consts})
        else:
            res['structs'].append({'name': name, 'members': parse_members(body)})
    for m in re.finditer(r'\bDEFINE_GUID\s*\(\s*(\w+)\s*,', code):
        res['guids'].append(m.group(1))
    return res


# --- Step 1: the checks, and our values ------------------------------------------------

INT_VALUE_RE = re.compile(r'^[\s()~!<>|&^*/%+\-0-9a-fA-FxXuUlL]+$')
FLOAT_VALUE_RE = re.compile(r'^[\s()+\-]*(\d+\.\d*|\.\d+|\d+)([eE][+\-]?\d+)?[fF]?[\s)]*$')


def classify_define(name, value, known):
    """'int', 'float' or None (not checked: a guard, an alias of a GUID, a string...)."""
    if name.startswith('_') or not value or name.endswith('_DEFINED__'):
        return None
    ids = set(re.findall(r'\b[A-Za-z_]\w*\b', re.sub(r'0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*', '', value)))
    if '.' in value and FLOAT_VALUE_RE.match(value):
        return 'float'
    if INT_VALUE_RE.match(re.sub(r'\b[A-Za-z_]\w*\b', '0', value)) and ids <= known:
        return 'int'
    return None


def gen(args):
    headers = []
    for path in args.headers:
        with open(path) as f:
            headers.append((os.path.basename(path), parse_header(f.read())))
    checks, notes = [], []

    seen = set()

    def add(kind, name, key, deps, **extra):
        # A declaration repeated in two headers (under include guards) is checked once.
        if name in seen:
            return
        seen.add(name)
        c = {'kind': kind, 'name': name, 'key': key, 'deps': sorted(set(deps))}
        c.update(extra)
        checks.append(c)

    int_names = set()
    for _, h in headers:
        for e in h['enums']:
            int_names.update(e['consts'])
    for _, h in headers:
        for name, value in h['defines']:
            if classify_define(name, value, int_names) == 'int':
                int_names.add(name)

    for hname, h in headers:
        for iface in h['interfaces']:
            x, vt = iface['name'], iface['name'] + 'Vtbl'
            add('count', '%s method count' % vt, ['count', x], [vt])
            for m in iface['methods']:
                base = '%s.%s' % (vt, m['name'])
                ptypes = ['%s *' % x] + m['params'][1:]
                add('slot', base, ['slot', x, m['name']], [vt])
                add('ret', base + ' return type', ['ret', x, m['name']], [vt], ret=m['ret'],
                    params=ptypes)
                add('nparams', base + ' parameter count', ['nparams', x, m['name']], [vt],
                    value=len(ptypes))
                for i, t in enumerate(ptypes):
                    add('param', '%s parameter %u (%s)' % (base, i, t), ['param', x, m['name'], i],
                        [vt], type=t)
        for s in h['structs']:
            n = s['name']
            add('size', 'sizeof(%s)' % n, ['size', n], [n])
            for path, bits in s['members']:
                if bits:
                    add('bits', '%s.%s bit position' % (n, path), ['bits', n, path], [n])
                else:
                    add('offset', 'offsetof(%s, %s)' % (n, path), ['offset', n, path], [n])
                    add('msize', 'sizeof(%s.%s)' % (n, path), ['msize', n, path], [n])
        for e in h['enums']:
            for c in e['consts']:
                add('enum', c, ['enum', c], [c])
        for name, value in h['defines']:
            kind = classify_define(name, value, int_names)
            if kind:
                add('define' if kind == 'int' else 'fdefine', name, ['define', name, value, kind], [name])
            elif not name.startswith('_') and value and not name.endswith('_DEFINED__'):
                notes.append('%s: macro %s (%s) is not an integer or floating-point constant; '
                             'not checked' % (hname, name, value))
        for g in h['guids']:
            add('guid_lo', g, ['guid', g, 0], [g])
            add('guid_hi', g + ' bytes 8-15', ['guid', g, 1], [g])
        for n in h['nameless']:
            add('define', '%s defined before the headers use it' % n, ['nameless', n], [])

    for n in notes:
        sys.stderr.write('gen_abi.py: note: %s\n' % n)

    out = [LICENCE, '/* Generated by gen_abi.py from %s; do not edit. Our side of the ABI test:'
           % ', '.join(h for h, _ in headers),
           ' * every value computed by the native compiler from our headers. */', '',
           '#include <vkdva_windows.h>', '#include <initguid.h>']
    out += nameless_preamble(c['key'][1] for c in checks if c['key'][0] == 'nameless')
    out += ['#include <%s>' % h for h, _ in headers]
    out += ['#include <stddef.h>', '#include <string.h>', '#include "abi.h"', '', CODE_MACROS]
    out.append('const struct abi_check abi_checks[] =\n{')
    for c in checks:
        out.append('    {"%s", ABI_KIND_%s},' % (c['name'], c['kind'].upper()))
    out.append('};\nconst unsigned int abi_check_count = %u;\n' % len(checks))
    # Everything but bitfields and GUIDs is a constant expression: computing those in a
    # static initializer guarantees the null-based expressions below are never evaluated.
    out.append('static const unsigned long long abi_constants[] =\n{')
    runtime = []
    for i, c in enumerate(checks):
        e = value_expr(c, ours=True)
        if e is None:
            runtime.append((i, c))
            e = '0'
        out.append('    %s, /* %u */' % (e, i))
    out.append('};\n')
    out.append('static unsigned long long abi_bits(const unsigned char *p, size_t size)\n{')
    out.append('    unsigned long long first = ~0ull, width = 0;\n    size_t i;\n')
    out.append('    for (i = 0; i < size * 8; ++i)\n    {')
    out.append('        if (!(p[i / 8] & (1u << (i % 8))))\n            continue;')
    out.append('        if (first == ~0ull)\n            first = i;\n        ++width;\n    }')
    out.append('    return first << 8 | width;\n}\n')
    out.append('void abi_ours_values(unsigned long long *v)\n{')
    out.append('    memcpy(v, abi_constants, sizeof(abi_constants));')
    for i, c in runtime:
        k = c['key']
        if k[0] == 'bits':
            out.append('    {\n        %s s;\n\n        memset(&s, 0, sizeof(s));' % k[1])
            out.append('        s.%s = -1;\n        v[%u] = abi_bits((const unsigned char *)&s, '
                       'sizeof(s));\n    }' % (k[2], i))
        else:
            out.append('    memcpy(&v[%u], (const unsigned char *)&%s + %u, 8);' % (i, k[1], 8 * k[2]))
    out.append('}')
    with open(args.ours, 'w') as f:
        f.write('\n'.join(out) + '\n')
    with open(args.manifest, 'w') as f:
        json.dump({'checks': checks}, f, indent=0)


def nameless_preamble(names):
    """widl names nameless structures and unions with __C89_NAMELESS*NAME macros, which must
    be empty for the members to be reached by their Windows names. Whether each is defined
    is recorded, and it is then defined all the same, so that one missing macro is reported as
    a failure instead of breaking the compile of every check."""
    out = []
    for n in names:
        out += ['#ifdef %s' % n, '# define ABI_DEFINED_%s 1' % n, '#else',
                '# define ABI_DEFINED_%s 0' % n, '# define %s' % n, '#endif']
    return out


def call_expr(iface, method, ptypes):
    args = ', '.join('*(%s *)0' % t for t in ptypes)
    return '((%sVtbl *)0)->%s(%s)' % (iface, method, args)


def value_expr(c, ours, mingw_method=None):
    """The C expression computing check c, or None where it is not a constant expression.
    mingw_method is mingw-w64's declaration of the method, whose parameter types it uses."""
    k = c['key']
    kind = k[0]
    if kind == 'count':
        return 'sizeof(%sVtbl) / sizeof(void *)' % k[1]
    if kind == 'slot':
        return 'offsetof(%sVtbl, %s) / sizeof(void *)' % (k[1], k[2])
    if kind in ('ret', 'nparams', 'param'):
        m = mingw_method if not ours else {'ret': c.get('ret'), 'params': c.get('params')}
        if kind == 'nparams':
            return '%uu' % (c['value'] if ours else len(m['params']))
        if kind == 'param':
            return 'ABI_TYPECODE(%s)' % (c['type'] if ours else m['params'][k[3]])
        call = call_expr(k[1], k[2], c['params'] if ours else m['params'])
        return ('ABI_VOIDCODE(%s)' if m['ret'] == 'void' else 'ABI_EXPRCODE(%s)') % call
    if kind == 'size':
        return 'sizeof(%s)' % k[1]
    if kind == 'offset':
        return 'offsetof(%s, %s)' % (k[1], k[2])
    if kind == 'msize':
        return 'sizeof(((%s *)0)->%s)' % (k[1], k[2])
    if kind == 'nameless':
        return 'ABI_DEFINED_%s' % k[1]
    if kind == 'enum':
        return '(unsigned long long)(long long)(%s)' % k[1]
    if kind == 'define':
        if k[3] == 'float':
            # Equality with our value: floating-point macros have no integer image.
            return '1ull' if ours else '(unsigned long long)((%s) == (%s))' % (k[1], k[2])
        return '(unsigned long long)(long long)(%s)' % k[1]
    return None  # bits, guid


# --- Step 2: the Windows values --------------------------------------------------------

def parse_hand(path):
    with open(path) as f:
        text = re.sub(r'/\*.*?\*/', ' ', f.read(), flags=re.S)
    hand = {'interfaces': {}, 'unchecked': []}
    for m in re.finditer(r'\bABI_HAND_INTERFACE\(\s*(\w+)\s*,\s*(\w+)\s*\)', text):
        hand['interfaces'][m.group(1)] = {'parent': m.group(2), 'methods': []}
    for m in re.finditer(r'\bABI_HAND_METHOD\(\s*(\w+)\s*,\s*([^,]+?)\s*,\s*(\w+)\s*,\s*\((.*?)\)\s*\)',
                         text, re.S):
        if m.group(1) not in hand['interfaces']:
            die('%s: ABI_HAND_METHOD for %s before its ABI_HAND_INTERFACE' % (path, m.group(1)))
        params = ['void *'] + [' '.join(p.split()) for p in split_top(m.group(4))]
        hand['interfaces'][m.group(1)]['methods'].append(
            {'name': m.group(3), 'ret': ' '.join(m.group(2).split()), 'params': params})
    hand['guids'] = re.findall(r'\bABI_HAND_GUID\(\s*(\w+)\s*,([^)]*)\)', text)
    for m in re.finditer(r'\bABI_HAND_UNCHECKED\(\s*"(.*?)"\s*,\s*"(.*?)"\s*\)', text):
        hand['unchecked'].append((m.group(1), m.group(2)))
    return hand


def mingw_header_files(cc, headers, workdir):
    src = os.path.join(workdir, 'abi_deps.c')
    with open(src, 'w') as f:
        f.write(''.join('#include <%s>\n' % h for h in headers))
    r = subprocess.run([cc, '-M', src], capture_output=True, text=True)
    if r.returncode:
        die('%s -M failed:\n%s' % (cc, r.stderr))
    return [p for p in r.stdout.replace('\\\n', ' ').split()[1:] if p.endswith('.h')]


def parse_asm(text):
    """{label: bytes} for the data objects in GCC's assembly output."""
    sizes = {'.byte': 1, '.word': 2, '.value': 2, '.short': 2, '.2byte': 2, '.long': 4,
             '.int': 4, '.4byte': 4, '.quad': 8, '.8byte': 8}
    objects, cur = {}, None
    for line in text.split('\n'):
        m = re.match(r'^([A-Za-z_.$][\w.$]*):', line)
        if m:
            cur = objects.setdefault(m.group(1), bytearray())
            continue
        s = line.strip()
        if not s or cur is None:
            continue
        d, _, arg = s.partition(' ') if ' ' in s else s.partition('\t')
        d, arg = d.strip(), arg.strip()
        if d in sizes:
            for v in arg.split(','):
                try:
                    v = int(v.strip(), 0)
                except ValueError:
                    v = 0  # a relocation (the GUID probes' pointers): its value is not needed
                cur += (v & ((1 << (8 * sizes[d])) - 1)).to_bytes(sizes[d], 'little')
        elif d in ('.zero', '.space', '.skip'):
            n = arg.split(',')
            cur += bytes([int(n[1], 0) & 0xff if len(n) > 1 else 0]) * int(n[0], 0)
        elif d in ('.ascii', '.asciz', '.string'):
            raw = eval('b' + arg)  # GCC's octal and C escapes are Python's too
            cur += raw + (b'\0' if d != '.ascii' else b'')
        else:
            cur = None
    return objects


def windows(args):
    with open(args.manifest) as f:
        manifest = json.load(f)
    checks = manifest['checks']
    headers = args.mingw_header or DEFAULT_MINGW_HEADERS
    # The mingw-w64 C file and its assembly stay beside the output, for debugging.
    workdir = os.path.dirname(os.path.abspath(args.out))
    env = dict(os.environ, LC_ALL='C')

    # mingw-w64's vtables are read for their parameter types, and the words of its headers
    # tell which of abi_hand.h's groups it has by now: those are left out of the compile
    # (abi_hand.h guards each with ABI_MINGW_HAS_<name>), so newer mingw-w64 releases take over.
    mingw_vtbls, mingw_words = {}, set()
    for path in mingw_header_files(args.cc, headers, workdir):
        with open(path, errors='replace') as f:
            text = f.read()
        mingw_words.update(re.findall(r'\w+', text))
        if 'Vtbl' in text:
            for iface in parse_header(text, strict=False)['interfaces']:
                mingw_vtbls.setdefault(iface['name'], {m['name']: m for m in iface['methods']})
                mingw_vtbls[iface['name']]['@order'] = [m['name'] for m in iface['methods']]
    hand = parse_hand(args.hand)
    for x in list(hand['interfaces']):
        if x in mingw_vtbls:
            del hand['interfaces'][x]  # mingw-w64 has it now: its declaration is the reference
    with open(args.hand) as f:
        guards = set(re.findall(r'#\s*ifndef\s+ABI_MINGW_HAS_(\w+)', f.read()))
    defines = ['-DABI_MINGW_HAS_%s' % g for g in sorted(guards & mingw_words)]

    # The mingw-w64 compile: one constant per check and per hand-table type, so that a
    # compile error names exactly the check mingw-w64 cannot compute.
    items = []  # (label, expression or declaration, deps, check index or hand key)
    beyond = set()
    for i, c in enumerate(checks):
        k = c['key']
        if k[0] in ('slot', 'count', 'ret', 'nparams', 'param') and k[1] in hand['interfaces']:
            continue  # from the hand table, below
        if k[0] in ('ret', 'nparams', 'param'):
            m = mingw_vtbls.get(k[1], {}).get(k[2])
            if m and k[0] == 'param' and k[3] >= len(m['params']):
                beyond.add(i)  # Windows' method has fewer parameters: 'none' is the value
                continue
            if not m:
                continue
            m = dict(m, params=['%s *' % k[1]] + m['params'][1:])
            items.append(('abi_v_%u' % i, value_expr(c, False, m), c['deps'], i))
        elif k[0] == 'bits':
            items.append(('abi_v_%u' % i, '%s abi_v_%u = { .%s = -1 };' % (k[1], i, k[2]), c['deps'], i))
        elif k[0] == 'guid':
            items.append((k[1], 'const void *const abi_g_%u = &%s;' % (i, k[1]), c['deps'], i))
        else:
            items.append(('abi_v_%u' % i, value_expr(c, False), c['deps'], i))
    for x, hi in hand['interfaces'].items():
        for m in hi['methods']:
            for j, t in enumerate(m['params']):
                items.append(('abi_h_%s_%s_%u' % (x, m['name'], j), 'ABI_TYPECODE(%s)' % t, [],
                              ('param', x, m['name'], j)))
            if m['ret'] != 'void':
                items.append(('abi_h_%s_%s_r' % (x, m['name']), 'ABI_TYPECODE(%s)' % m['ret'], [],
                              ('ret', x, m['name'])))

    absent, absent_ids = set(), set()
    src, asm = os.path.join(workdir, 'abi_windows.c'), os.path.join(workdir, 'abi_windows.s')
    for attempt in range(100):
        lines = [LICENCE, '#include <initguid.h>']
        lines += ['#include <%s>' % h for h in headers]
        lines += ['#include <stddef.h>', '#include "%s"' % os.path.abspath(args.hand), CODE_MACROS]
        # The hand table's GUIDs, defined here (initguid.h is in effect) unless mingw-w64 has them.
        lines += ['DEFINE_GUID(%s,%s);' % g for g in hand['guids'] if g[0] not in mingw_words]
        lines += nameless_preamble(c['key'][1] for c in checks if c['key'][0] == 'nameless')
        lines = '\n'.join(lines).split('\n')
        line_item = {}
        for n, (label, expr, deps, key) in enumerate(items):
            if n in absent or set(deps) & absent_ids:
                continue
            line_item[len(lines) + 1] = n
            if expr.endswith(';'):
                lines.append(expr)
            else:
                lines.append('const unsigned long long %s = %s;' % (label, expr))
        with open(src, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        r = subprocess.run([args.cc] + defines + ['-S', '-O0', '-w', '-ftrack-macro-expansion=0',
                            '-fno-diagnostics-show-caret', '-o', asm, src],
                           capture_output=True, text=True, env=env)
        if r.returncode == 0:
            break
        progress = False
        for m in re.finditer(r'^(.*?):(\d+):\d+: (?:fatal )?error: (.*)$', r.stderr, re.M):
            line = int(m.group(2))
            if os.path.abspath(m.group(1)) != src or line not in line_item:
                die('mingw-w64 compile failed outside the checks:\n%s' % r.stderr)
            absent.add(line_item[line])
            progress = True
            idm = re.search(r"['\u2018](\w+)['\u2019] undeclared|unknown type name ['\u2018](\w+)", m.group(3))
            if idm:
                absent_ids.add(idm.group(1) or idm.group(2))
        if not progress:
            die('mingw-w64 compile failed:\n%s' % r.stderr)
    else:
        die('mingw-w64 compile did not converge')
    with open(asm) as f:
        objects = parse_asm(f.read())

    results = {i: 0 for i in beyond}  # check index or hand key -> value
    for n, (label, expr, deps, key) in enumerate(items):
        if n in absent or set(deps) & absent_ids or label not in objects:
            continue
        data = bytes(objects[label])
        if isinstance(key, int) and checks[key]['key'][0] == 'bits':
            bits = [b for b in range(len(data) * 8) if data[b // 8] >> (b % 8) & 1]
            results[key] = (bits[0] << 8 | len(bits)) if bits else 0
        elif isinstance(key, int) and checks[key]['key'][0] == 'guid':
            results[key] = int.from_bytes(data[8 * checks[key]['key'][2]:][:8], 'little')
        else:
            results[key] = int.from_bytes(data[:8], 'little')

    # Values for the hand-table interfaces: their own methods follow the parent's, in the
    # documented order; inherited ones are as Windows declares them in the ancestor.
    by_key = {tuple(c['key']): i for i, c in enumerate(checks)}

    def method_count(x):
        if x in hand['interfaces']:
            p = method_count(hand['interfaces'][x]['parent'])
            return None if p is None else p + len(hand['interfaces'][x]['methods'])
        i = by_key.get(('count', x))
        if i is not None and i in results:
            return results[i]
        return len(mingw_vtbls[x]['@order']) if x in mingw_vtbls else None

    def lookup(kind, x, method, extra=()):
        """Windows' value of kind for method of x, searching up the hand-table chain."""
        if x in hand['interfaces']:
            hi = hand['interfaces'][x]
            own = [m['name'] for m in hi['methods']]
            if method not in own:
                return lookup(kind, hi['parent'], method, extra)
            m = hi['methods'][own.index(method)]
            if kind == 'slot':
                base = method_count(hi['parent'])
                return None if base is None else base + own.index(method)
            if kind == 'nparams':
                return len(m['params'])
            if kind == 'ret':
                return 0 if m['ret'] == 'void' else results.get(('ret', x, method))
            return results.get(('param', x, method) + tuple(extra))
        i = by_key.get((kind, x, method) + tuple(extra))
        if i is not None and i in results:
            return results[i]
        if kind == 'slot' and x in mingw_vtbls and method in mingw_vtbls[x]['@order']:
            return mingw_vtbls[x]['@order'].index(method)
        return None

    out = []
    missing = []
    for i, c in enumerate(checks):
        k = c['key']
        value, source, note = results.get(i), SOURCE_MINGW, None
        if k[0] in ('slot', 'count', 'ret', 'nparams', 'param') and k[1] in hand['interfaces']:
            value = method_count(k[1]) if k[0] == 'count' else lookup(k[0], k[1], k[2], k[3:])
            source = SOURCE_HAND
        elif value is not None and k[1] not in mingw_words:
            source = SOURCE_HAND
        if value is None:
            for pattern, reason in hand['unchecked']:
                if fnmatch.fnmatchcase(c['name'], pattern):
                    source, note = SOURCE_SKIP, reason
                    break
            else:
                source = SOURCE_MISSING
                missing.append(c['name'])
        out.append((value or 0, source, note))

    for name in missing:
        sys.stderr.write('gen_abi.py: warning: no Windows reference for %s: mingw-w64 lacks it '
                         'and abi_hand.h does not give it\n' % name)
    lines = [LICENCE, '/* Generated by gen_abi.py from mingw-w64\'s headers (compiled with %s) and '
             'abi_hand.h; do not edit. */' % os.path.basename(args.cc), '', '#include <stddef.h>',
             '#include "abi.h"', '',
             'const struct abi_expected abi_expected[] =', '{']
    for i, (value, source, note) in enumerate(out):
        lines.append('    {%#xull, %s, %s}, /* %s */' % (value, ['ABI_SOURCE_MINGW', 'ABI_SOURCE_HAND',
                     'ABI_SOURCE_MISSING', 'ABI_SOURCE_SKIP'][source], json.dumps(note) if note else 'NULL',
                     checks[i]['name'].replace('*/', '* /')))
    lines.append('};\nconst unsigned int abi_expected_count = %u;' % len(out))
    with open(args.out, 'w') as f:
        f.write('\n'.join(lines) + '\n')


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest='cmd', required=True)
    g = sub.add_parser('gen')
    g.add_argument('--ours', required=True)
    g.add_argument('--manifest', required=True)
    g.add_argument('headers', nargs='+')
    w = sub.add_parser('windows')
    w.add_argument('--cc', required=True)
    w.add_argument('--hand', required=True)
    w.add_argument('--manifest', required=True)
    w.add_argument('--out', required=True)
    w.add_argument('--mingw-header', action='append')
    args = p.parse_args()
    gen(args) if args.cmd == 'gen' else windows(args)


if __name__ == '__main__':
    main()
