#!/bin/bash
# Cross-builds the two libraries vkdva needs for its Windows build from Debian's own source
# packages (no other download): OpenSSL's libcrypto (content protection, MD5s in the tools and
# tests) and FFmpeg's libavcodec/libavutil with only the H.264 and HEVC decoders (the software
# decode backend). Both are static, so vkdva.dll and the test executables need no extra DLLs.
# Usage: tools/build-win-deps.sh [ARCH] [PREFIX]   (ARCH x86_64 (default) or i686;
#        PREFIX defaults to build-win-deps/ARCH). Skips what is already built.
#
# ARCH "native" (PREFIX default build-win-deps/native) instead builds, from the same FFmpeg
# source (the version of CI's libavcodec-dev), a static FFmpeg for this Linux machine with x86
# assembly: libavcodec and libavutil (+ .pc files) for a vkdva build with no libavcodec at run
# time, and an `ffmpeg` program that can do no more than
# `ffmpeg -threads N -i STREAM.264|.h265 -f null|md5 -`. Both are for benchmarking the software
# backend on a machine with no FFmpeg installed (docs/PERFORMANCE.md, "on the GPU machine's
# CPUs: recipe").
set -euo pipefail
cd "$(dirname "$0")/.."

arch=${1:-x86_64}
prefix=$(realpath -m "${2:-build-win-deps/$arch}")
host=$arch-w64-mingw32
jobs=$(nproc)
work=$prefix/src
mkdir -p "$work"

# The sources come from Debian's archive: add the deb-src entry apt-get source needs.
if ! apt-get source --print-uris -q openssl >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        | $SUDO tee /etc/apt/sources.list.d/vkdva-src.sources >/dev/null
    $SUDO apt-get update -q
fi

fetch()
{
    local package=$1
    if ! ls "$work"/"$package"_*.orig.tar.* >/dev/null 2>&1; then
        (cd "$work" && apt-get source --download-only -q "$package")
    fi
}

if [ "$arch" = native ]; then
    if ! command -v nasm >/dev/null; then
        SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
        $SUDO apt-get install -y -q --no-install-recommends nasm
    fi
    if [ ! -x "$prefix/bin/ffmpeg" ]; then
        fetch ffmpeg
        rm -rf "$work/ffmpeg"
        mkdir -p "$work/ffmpeg"
        tar -xf "$(ls "$work"/ffmpeg_*.orig.tar.* | grep -v '\.asc$')" -C "$work/ffmpeg" --strip-components=1
        # --disable-autodetect keeps out every system library (X11, VA-API, zlib, ...), so the
        # program and libvkdva.so depend on glibc alone. The ffmpeg program needs avformat and
        # avfilter (it selects its few filters itself); -f null encodes with wrapped_avframe,
        # -f md5 with rawvideo. --enable-pic: libavcodec.a goes into the shared libvkdva.so.
        (cd "$work/ffmpeg" && ./configure --prefix="$prefix" --enable-static --disable-shared --enable-pic \
                --disable-autodetect --enable-pthreads --disable-everything --disable-doc --disable-debug \
                --disable-network --disable-avdevice --disable-swresample --disable-swscale --disable-postproc \
                --disable-ffplay --disable-ffprobe --enable-decoder=h264,hevc --enable-parser=h264,hevc \
                --enable-demuxer=h264,hevc --enable-muxer=null,md5 --enable-encoder=wrapped_avframe,rawvideo \
                --enable-protocol=file,pipe \
            && nice -n 10 make -j"$jobs" && make install)
    fi
    echo "Static native FFmpeg is in $prefix (ffmpeg program: $prefix/bin/ffmpeg)"
    exit 0
fi

if [ ! -f "$prefix/lib/libcrypto.a" ] && [ ! -f "$prefix/lib64/libcrypto.a" ]; then
    fetch openssl
    rm -rf "$work/openssl"
    mkdir -p "$work/openssl"
    tar -xf "$(ls "$work"/openssl_*.orig.tar.* | grep -v '\.asc$')" -C "$work/openssl" --strip-components=1
    target=mingw64; [ "$arch" = i686 ] && target=mingw
    # Only libcrypto, and in it only what vkdva uses (RSA, X.509, AES, SHA, MD5, CMAC, the
    # DRBG): leaving the rest out halves the build time on CI's two cores.
    (cd "$work/openssl" && perl Configure "$target" --cross-compile-prefix="$host-" --prefix="$prefix" \
            --libdir=lib no-shared no-tests no-module no-engine no-dso no-legacy no-asm no-ssl no-tls \
            no-dtls no-sock no-srp no-psk no-ct no-ocsp no-ts no-cms no-comp no-dh no-dsa no-ec no-sm2 \
            no-sm3 no-sm4 no-aria no-camellia no-cast no-des no-idea no-mdc2 no-rc2 no-rc4 no-rc5 \
            no-seed no-whirlpool no-blake2 no-siphash no-chacha no-poly1305 no-scrypt no-ui-console \
        && make -j"$jobs" build_generated && make -j"$jobs" libcrypto.a libcrypto.pc \
        && mkdir -p "$prefix/lib/pkgconfig" "$prefix/include" \
        && cp libcrypto.a "$prefix/lib/" && cp -r include/openssl "$prefix/include/" \
        && cp libcrypto.pc "$prefix/lib/pkgconfig/libcrypto.pc")
fi

if [ ! -f "$prefix/lib/libavcodec.a" ]; then
    fetch ffmpeg
    rm -rf "$work/ffmpeg"
    mkdir -p "$work/ffmpeg"
    tar -xf "$(ls "$work"/ffmpeg_*.orig.tar.* | grep -v '\.asc$')" -C "$work/ffmpeg" --strip-components=1
    (cd "$work/ffmpeg" && ./configure --prefix="$prefix" --enable-cross-compile --cross-prefix="$host-" \
            --arch="$arch" --target-os=mingw32 --pkg-config=pkg-config --enable-static --disable-shared \
            --disable-everything --enable-decoder=h264,hevc --disable-programs --disable-doc \
            --disable-network --disable-avdevice --disable-avformat --disable-swresample --disable-swscale \
            --disable-avfilter --disable-postproc --disable-x86asm --disable-debug \
        && make -j"$jobs" && make install)
fi
echo "Windows dependencies for $arch are in $prefix"
