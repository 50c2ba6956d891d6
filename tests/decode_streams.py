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
#

"""Decodes every stream listed in a reference.md5 file (MD5 PIXFMT NAME per line) with
vkdva-decode through the D3D11 video API and compares the whole-output MD5 (frames in display
order, cropped, planar I420, as `ffmpeg -f md5` writes it). Exit 77 when the folder is absent.

usage: decode_streams.py VKDVA_DECODE FOLDER [--codec h264|hevc] [--only NAME ...] [--unsupported NAME ...]
                         [--size-refusable NAME ...]
        [--run-with ARG ...]

--run-with ARG: run VKDVA_DECODE through a wrapper command (one ARG per word), e.g. the Windows
build's vkdva-decode.exe inside a Wine prefix through tools/wine-test.sh.

--gpu: decode on the Vulkan Video backend only (VKDVA_DECODE_BACKEND=vulkan); exit 77 when the
device has no video decode queue for the codec.
--both-backends: decode each stream on the Vulkan Video backend and on the software backend;
both must give the reference MD5 (so the same as each other); exit 77 when either backend is
missing here. --size-refusable streams are compared on the software backend when the hardware
refuses them.
--unsupported-on BACKEND NAME: as --unsupported, on that backend (vulkan or software) only.
--decoder-arg ARG: pass ARG to vkdva-decode as well (repeatable), e.g. --protected.
--unsupported NAME: the stream needs what the backend in use cannot do (the software backend and
H.264 pic_order_cnt_type 1, which DXVA does not describe); vkdva-decode must then stop with a
clear error and no crash, which counts as expected.
--size-refusable NAME: the stream is smaller than some hardware decoders accept (NVIDIA's HEVC
decoder reports a minimum coded size of 144x144); the right MD5 passes, and so does a clean
refusal of CreateVideoDecoder with E_INVALIDARG, which is reported as a skip.
"""

import os
import subprocess
import sys

EXTENSIONS = {
    "h264": (".264", ".h264", ".jsv", ".avc", ".26l", ".jvt"),
    "hevc": (".265", ".h265", ".hevc", ".bit", ".bin"),
}


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__)
        return 2
    decoder, folder = args[0], args[1]
    codec = "h264"
    only = []
    unsupported = []
    unsupported_on = {}
    size_refusable = []
    decoder_args = []
    run_with = []
    backends = [None]
    env = dict(os.environ)
    rest = args[2:]
    while rest:
        if rest[0] == "--codec" and len(rest) > 1:
            codec = rest[1]
            rest = rest[2:]
        elif rest[0] == "--run-with" and len(rest) > 1:
            run_with.append(rest[1])
            rest = rest[2:]
        elif rest[0] == "--only" and len(rest) > 1:
            only.append(rest[1])
            rest = rest[2:]
        elif rest[0] == "--gpu":
            backends = ["vulkan"]
            rest = rest[1:]
        elif rest[0] == "--both-backends":
            backends = ["vulkan", "software"]
            rest = rest[1:]
        elif rest[0] == "--decoder-arg" and len(rest) > 1:
            decoder_args.append(rest[1])
            rest = rest[2:]
        elif rest[0] == "--unsupported" and len(rest) > 1:
            unsupported.append(rest[1])
            rest = rest[2:]
        elif rest[0] == "--unsupported-on" and len(rest) > 2:
            unsupported_on.setdefault(rest[1], []).append(rest[2])
            rest = rest[3:]
        elif rest[0] == "--size-refusable" and len(rest) > 1:
            size_refusable.append(rest[1])
            rest = rest[2:]
        else:
            print("unknown argument %s" % rest[0])
            return 2

    listing = os.path.join(folder, "reference.md5")
    if not os.path.exists(listing):
        print("%s: no reference.md5, skipping" % folder)
        return 77

    passed = failed = skipped = 0
    for line in open(listing):
        parts = line.split()
        if len(parts) != 3:
            continue
        md5, pixfmt, name = parts
        if not name.lower().endswith(EXTENSIONS[codec]) or (only and name not in only):
            continue
        path = os.path.join(folder, name)
        results = {}
        for backend in backends:
            if backend:
                env["VKDVA_DECODE_BACKEND"] = backend
            label = "%s [%s]" % (name, backend) if len(backends) > 1 else name
            result = subprocess.run(run_with + [decoder, "--codec", codec, "--md5"] + decoder_args + [path],
                                    capture_output=True, text=True, timeout=1200, env=env)
            if "does not offer" in result.stderr and backend:
                print("%s: no %s decoder for this codec here, skipping" % (name, backend))
                return 77
            got = result.stdout.strip().split()[-1] if result.stdout.strip() else ""
            if name in unsupported or name in unsupported_on.get(backend or os.environ.get("VKDVA_DECODE_BACKEND"), []):
                # A clean refusal: exit status 1 (not a signal) and a message saying why.
                if result.returncode == 1 and result.stderr.strip():
                    passed += 1
                    print("ok   %s: unsupported, as expected: %s" % (label, result.stderr.strip().splitlines()[0]))
                else:
                    failed += 1
                    print("FAIL %s: expected a clean refusal, got exit %d" % (label, result.returncode))
                continue
            if (name in size_refusable and backend != "software" and result.returncode == 1
                    and "CreateVideoDecoder failed for" in result.stderr and "hr 0x80070057" in result.stderr):
                skipped += 1
                print("skip %s: the device's decoder refuses its size: %s"
                      % (label, result.stderr.strip().splitlines()[-1]))
                continue
            if result.returncode == 0 and got == md5:
                passed += 1
                results[backend] = got
                print("ok   %s %s" % (label, md5))
            else:
                failed += 1
                print("FAIL %s: exit %d, got %s, expected %s (%s)" % (label, result.returncode, got or "-", md5, pixfmt))
                for err in result.stderr.strip().splitlines()[-5:]:
                    print("     " + err)
        if len(results) > 1 and len(set(results.values())) == 1:
            print("same %s: %s" % (name, " = ".join("%s %s" % (b, m) for b, m in results.items())))
    print("%s: %d passed, %d failed, %d skipped" % (os.path.basename(folder.rstrip("/")), passed, failed, skipped))
    if not passed and not failed:
        return 77
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
