#!/bin/bash
# Installs vkdva.dll and its tools into a Wine prefix, and removes them again.
#   tools/setup-wine-prefix.sh install PREFIX [BUILD_DIR]   (BUILD_DIR: build-win64 by default)
#   tools/setup-wine-prefix.sh uninstall PREFIX
# vkdva.dll goes where Windows programs find it (C:\windows\system32, the 64-bit system
# directory), the tools (vkdva-info.exe, vkdva-decode.exe) into C:\vkdva. Every file written is
# listed in C:\vkdva\installed.txt with its checksum; uninstall removes exactly those files (a
# file changed since is kept, with a warning), then the list and the folder, so the prefix is
# left as it was. Nothing is written to the registry: vkdva.dll replaces no Windows DLL and
# needs no override. The prefix must exist (wineboot -i creates one).
set -euo pipefail

usage()
{
    echo "usage: $0 install PREFIX [BUILD_DIR] | uninstall PREFIX" >&2
    exit 2
}

[ $# -ge 2 ] || usage
action=$1
prefix=$(realpath -m "$2")
[ -d "$prefix/drive_c/windows" ] || { echo "$prefix is not a Wine prefix" >&2; exit 1; }
system_dir="$prefix/drive_c/windows/system32"
tool_dir="$prefix/drive_c/vkdva"
manifest="$tool_dir/installed.txt"

case "$action" in
install)
    build=$(realpath -m "${3:-$(dirname "$0")/../build-win64}")
    [ -f "$build/libs/vkdva/vkdva.dll" ] || { echo "no vkdva.dll in $build (build it first)" >&2; exit 1; }
    if [ -f "$manifest" ]; then
        "$0" uninstall "$prefix"
    fi
    if [ -e "$system_dir/vkdva.dll" ]; then
        echo "$system_dir/vkdva.dll exists and was not installed by this script; not touching it" >&2
        exit 1
    fi
    mkdir -p "$tool_dir"
    : > "$manifest.tmp"
    copy()
    {
        cp "$1" "$2"
        echo "$(sha256sum < "$2" | cut -d' ' -f1) ${2#$prefix/}" >> "$manifest.tmp"
    }
    copy "$build/libs/vkdva/vkdva.dll" "$system_dir/vkdva.dll"
    for tool in vkdva-info vkdva-decode vkdva-bench; do
        if [ -f "$build/programs/$tool/$tool.exe" ]; then
            copy "$build/programs/$tool/$tool.exe" "$tool_dir/$tool.exe"
        fi
    done
    mv "$manifest.tmp" "$manifest"
    echo "Installed into $prefix:"
    cut -d' ' -f2 "$manifest" | sed 's/^/  /'
    ;;
uninstall)
    if [ ! -f "$manifest" ]; then
        echo "vkdva is not installed in $prefix"
        exit 0
    fi
    status=0
    while read -r sum path; do
        file="$prefix/$path"
        [ -e "$file" ] || continue
        if [ "$(sha256sum < "$file" | cut -d' ' -f1)" = "$sum" ]; then
            rm -f "$file"
        else
            echo "warning: $path changed since it was installed; left in place" >&2
            status=1
        fi
    done < "$manifest"
    rm -f "$manifest"
    rmdir "$tool_dir" 2>/dev/null || echo "warning: $tool_dir is not empty; left in place" >&2
    echo "Removed vkdva from $prefix"
    exit $status
    ;;
*)
    usage
    ;;
esac
