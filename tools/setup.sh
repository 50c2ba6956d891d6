#!/bin/bash
# Installs what vkdva needs on Debian 12 (bookworm, with bookworm-backports for a Vulkan 1.4
# lavapipe and a newer Meson) and builds it into build/ (and build-san/ with sanitizers when
# asked: tools/setup.sh --sanitizers). With --windows it also builds vkdva.dll and the Windows
# test programs (build-win64/, MinGW-w64, with the static libraries tools/build-win-deps.sh
# makes from Debian's sources), creates a Wine prefix (build-wine-prefix/), installs vkdva
# into it, and points build/'s "wine" test suite at them. Safe to run again: it skips what is
# already there.
set -euo pipefail
cd "$(dirname "$0")/.."

sanitizers=0
windows=0
for arg in "$@"; do
    case "$arg" in
        --sanitizers) sanitizers=1 ;;
        --windows) windows=1 ;;
        *) echo "usage: $0 [--sanitizers] [--windows]" >&2; exit 2 ;;
    esac
done

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

packages=(
    gcc pkg-config ninja-build python3
    libvulkan-dev spirv-headers glslang-tools vulkan-validationlayers
    mingw-w64-tools gcc-mingw-w64-x86-64
    libssl-dev libavcodec-dev libavutil-dev
)
backports=(meson mesa-vulkan-drivers)
if [ "$windows" = 1 ]; then
    # wine64 runs the Windows tests (Wine's Vulkan on lavapipe, through its X11 driver, hence
    # Xvfb); dpkg-dev and xz-utils unpack the Debian sources of libcrypto and libavcodec.
    packages+=(wine64 wine xvfb xauth dpkg-dev xz-utils make perl)
fi

missing=()
for p in "${packages[@]}" "${backports[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# lavapipe from bookworm itself is Vulkan 1.3 without what vkdva's tests use; insist on backports'.
if ! dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null | grep -q bpo; then
    missing+=(mesa-vulkan-drivers)
fi
if ! dpkg-query -W -f='${Version}' meson 2>/dev/null | grep -q bpo; then
    missing+=(meson)
fi

if [ ${#missing[@]} -gt 0 ]; then
    if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
        echo "deb http://deb.debian.org/debian bookworm-backports main" | $SUDO tee /etc/apt/sources.list.d/vkdva-backports.list >/dev/null
    fi
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"
    $SUDO apt-get install -y -q --no-install-recommends -t bookworm-backports "${backports[@]}"
fi

native_options=()
if [ "$windows" = 1 ]; then
    bash tools/build-win-deps.sh x86_64
    if [ ! -f build-win64/build.ninja ]; then
        meson setup --cross-file build-win64.txt build-win64 --buildtype=release -Dabi-test=disabled
    fi
    ninja -C build-win64
    export WINEPREFIX=$PWD/build-wine-prefix WINEDEBUG=-all
    if [ ! -d build-wine-prefix/drive_c/windows ]; then
        xvfb-run -a wineboot -i
        wineserver -w
    fi
    bash tools/setup-wine-prefix.sh install build-wine-prefix build-win64
    native_options=(-Dwine-build="$PWD/build-win64" -Dwine-prefix="$PWD/build-wine-prefix")
fi

if [ ! -f build/build.ninja ]; then
    meson setup build --buildtype=debugoptimized "${native_options[@]}"
elif [ ${#native_options[@]} -gt 0 ]; then
    meson configure build "${native_options[@]}"
fi
ninja -C build

if [ "$sanitizers" = 1 ]; then
    if [ ! -f build-san/build.ninja ]; then
        meson setup build-san --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false -Dfault-injection=true
    fi
    ninja -C build-san
fi
