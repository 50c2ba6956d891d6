#!/bin/bash
# Runs one Windows test program of the Windows build inside a Wine prefix, for meson's 'wine'
# test suite (tests/meson.build, -Dwine-build=...): wine-test.sh PREFIX PROGRAM.exe [ARGS...].
# Arguments naming existing files are passed as Windows paths (Z: is the root of the Unix file
# system in every prefix). Wine's Vulkan goes through its X11 driver, so the program runs
# under Xvfb. The exit status is the program's (77: skipped).
set -uo pipefail
export WINEPREFIX=$1
shift
export WINEDEBUG=${WINEDEBUG:--all}
program=$1
shift
args=()
for arg in "$@"; do
    if [ -e "$arg" ]; then
        arg="Z:$(realpath "$arg" | tr / '\\')"
    fi
    args+=("$arg")
done
wine=$(command -v wine64 || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || command -v wine)
exec xvfb-run -a -s "-screen 0 640x480x24" "$wine" "$program" "${args[@]}"
