#!/bin/bash
#
# Copyright 2026 the vkdva authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Regenerates the H.264 and HEVC test streams in this folder and their reference checksums.
#
# Every stream is encoded from a synthetic lavfi source (testsrc2, testsrc) piped as y4m into
# x264 / x265, single-threaded, so that reruns with the same tool versions are bit-identical.
# reference.md5 holds one line per stream, `MD5 PIXFMT NAME`, where MD5 is
# `ffmpeg -flags unaligned -i NAME -pix_fmt PIXFMT -f md5 -` (see ../../../shared/streams/README.md),
# plus `-autoscale 0` so that a resolution change is not scaled away.
#
# Generated with x264 0.164.3095, x265 3.5 and ffmpeg 5.1 (Debian 12).
#
# usage: tests/data/generate.sh   (from anywhere; writes next to this script)

set -eu
set -o pipefail

cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# src FILTERGRAPH FRAMES [PIXFMT]: raw y4m on stdout.
src()
{
    ffmpeg -nostdin -v error -f lavfi -i "$1" -frames:v "$2" -pix_fmt "${3:-yuv420p}" \
        -strict -1 -f yuv4mpegpipe -
}

# x264 common options: single thread, fixed lookahead, no encoder-dependent nondeterminism.
X264="x264 --quiet --no-progress --threads 1 --lookahead-threads 1 --demuxer y4m"
# x265 common options: one worker thread, one frame thread, per-picture MD5 SEI, no info SEI.
X265="x265 --log-level error --no-progress --pools 1 --frame-threads 1 --lookahead-threads 0
    --no-info --hash 1 --input -"

h264()
{
    local name=$1 source=$2
    shift 2
    src "$source" "$FRAMES" "$PIXFMT" | $X264 "$@" -o "$name" -
}

hevc()
{
    local name=$1 source=$2
    shift 2
    src "$source" "$FRAMES" "$PIXFMT" | $X265 --y4m "$@" -o "$name"
}

T2="testsrc2=size=176x144:rate=25"
FRAMES=30
PIXFMT=yuv420p

rm -f -- *.264 *.265 reference.md5

# --- H.264 -----------------------------------------------------------------------------------------

# Plain x264 settings that each stream starts from, so that a stream has only the feature its name
# says: a fixed I/P/B pattern (2 non-reference B-frames), 3 references, spatial direct, no weighted
# prediction, no 8x8 transform, no scene-cut I-frames, one IDR (keyint 250 > 30 frames).
P264="--profile main --bframes 2 --b-adapt 0 --b-pyramid none --weightp 0 --no-weightb --no-8x8dct
    --ref 3 --scenecut 0"

# Constrained Baseline: CAVLC, no B-frames (x264 then uses pic_order_cnt_type 2), IDR every 15.
h264 h264_cavlc_baseline_poc2_176x144.264 "$T2" $P264 --profile baseline --bframes 0 --keyint 15

# Main: CABAC, 2 non-reference B-frames between P-frames (pic_order_cnt_type 0).
h264 h264_cabac_main_bframes_176x144.264 "$T2" $P264

# Main: B-pyramid, 3 B-frames, the middle one a reference (MMCO unmarking, list reordering).
h264 h264_cabac_bpyramid_176x144.264 "$T2" $P264 --bframes 3 --b-pyramid normal

# Main: temporal direct prediction in B-slices (direct_spatial_mv_pred_flag 0).
h264 h264_cabac_direct_temporal_176x144.264 "$T2" $P264 --direct temporal

# Main: 4 slices per picture.
h264 h264_slices4_176x144.264 "$T2" $P264 --slices 4

# High: 8x8 transform + the JVT default scaling matrices (--cqm jvt), sent in the PPS.
h264 h264_high_8x8dct_cqm_jvt_176x144.264 "$T2" $P264 --profile high --8x8dct --cqm jvt

# High: 8x8 transform + custom (non-default) scaling matrices from a JM cqm file, sent in the PPS.
{
    ramp() # COUNT START STEP/4
    {
        local i
        for i in $(seq 0 $(( $1 - 1 ))); do
            printf '%d%s' $(( $2 + i * $3 / 4 )) "$([ "$i" -lt $(( $1 - 1 )) ] && echo ,)"
        done
        echo
    }
    echo "INTRA4X4_LUMA ="; ramp 16 6 8
    echo "INTRA4X4_CHROMAU ="; ramp 16 10 12
    echo "INTRA4X4_CHROMAV ="; ramp 16 12 4
    echo "INTER4X4_LUMA ="; ramp 16 8 12
    echo "INTER4X4_CHROMAU ="; ramp 16 14 8
    echo "INTER4X4_CHROMAV ="; ramp 16 16 4
    echo "INTRA8X8_LUMA ="; ramp 64 6 5
    echo "INTER8X8_LUMA ="; ramp 64 9 6
} > "$tmp/custom.cqm"
h264 h264_high_8x8dct_cqmfile_176x144.264 "$T2" $P264 --profile high --8x8dct \
    --cqmfile "$tmp/custom.cqm"

# Main: explicit weighted prediction on P-frames (--weightp 2: weighted and duplicated references,
# needs a fade) and implicit weighted bi-prediction on B-frames (--weightb: weighted_bipred_idc 2).
h264 h264_weighted_pred_fade_176x144.264 "$T2,fade=in:0:12,fade=out:16:14" $P264 --weightp 2 \
    --weightb

# Main: 5 reference frames, P-frames only. The background repeats every 5 frames, so P-frames find
# their best match 5 frames back (reference index 4); a box moves across it.
h264 h264_ref5_176x144.264 "$T2,loop=loop=-1:size=5,drawbox=x=t*100:y=40:w=24:h=24:color=red:t=fill" \
    $P264 --bframes 0 --ref 5 --mixed-refs

# Main: interlaced MBAFF, top field first (x264 codes interlaced content as MBAFF frames only).
h264 h264_mbaff_tff_176x128.264 "testsrc2=size=176x128:rate=50,tinterlace=mode=interleave_top" \
    $P264 --tff

# Main: MBAFF with a frame cropping window (coded 208x128, displayed 198x108; CropUnitY is 4 when
# frame_mbs_only_flag is 0; x264 needs interlaced heights divisible by 4).
h264 h264_mbaff_tff_crop_198x108.264 "testsrc2=size=198x108:rate=50,tinterlace=mode=interleave_top" \
    $P264 --tff

# Main: odd size, right/bottom frame cropping (coded 208x112, displayed 198x110).
h264 h264_crop_198x110.264 "testsrc2=size=198x110:rate=25" $P264

# Main: left/top/right/bottom frame cropping (coded 176x144, displayed 160x132).
h264 h264_crop_ltrb_176x144.264 "$T2" $P264 --crop-rect 6,4,10,8

# Tiny picture: 64x48 (4x3 macroblocks).
FRAMES=20 h264 h264_tiny_64x48.264 "testsrc2=size=64x48:rate=25" $P264

# Resolution change: two IDR-started sequences (176x144, then 208x120 coded as 208x128 with
# cropping) in one file, both with SPS id 0 and PPS id 0.
FRAMES=15 h264 "$tmp/a.264" "$T2" $P264
FRAMES=15 h264 "$tmp/b.264" "testsrc=size=208x120:rate=25" $P264
cat "$tmp/a.264" "$tmp/b.264" > h264_reschange_176x144_208x120.264

# High 10: 10-bit luma/chroma (x264 --output-depth 10) from a 10-bit source.
PIXFMT=yuv420p10le h264 h264_high10_176x144.264 "$T2" $P264 --profile high10 --output-depth 10

# --- HEVC ------------------------------------------------------------------------------------------

# Plain x265 settings: 3 B-frames with B-pyramid in a fixed pattern, no weighted prediction, closed
# GOP with one IDR, no scene cuts, no WPP, 64x64 CTUs.
P265="--profile main --bframes 3 --b-adapt 0 --b-pyramid --no-weightp --no-weightb --no-open-gop
    --keyint 30 --scenecut 0 --no-wpp --ctu 64"

# Main: B-frames with B-pyramid.
hevc hevc_main_bframes_176x144.265 "$T2" $P265

# Main: open GOP, a CRA picture every 16 frames with RASL leading pictures.
hevc hevc_main_opengop_cra_176x144.265 "$T2" $P265 --open-gop --keyint 16 --min-keyint 16

# Main: 4 slices per picture (32x32 CTUs so there are 5 CTU rows to split). x265 3.5 refuses
# --slices without --wpp, so this stream also has WPP entry points.
hevc hevc_slices4_wpp_176x144.265 "$T2" $P265 --ctu 32 --slices 4 --wpp

# Main: wavefront parallel processing (entropy_coding_sync_enabled_flag, an entry point per CTU row).
hevc hevc_wpp_176x144.265 "$T2" $P265 --ctu 32 --wpp

# Main: explicit weighted prediction in P- and B-slices on a fade.
hevc hevc_weighted_pred_fade_176x144.265 "$T2,fade=in:0:12,fade=out:16:14" $P265 --weightp --weightb

# Main 10: 10-bit from a 10-bit source.
PIXFMT=yuv420p10le hevc hevc_main10_176x144.265 "$T2" $P265 --profile main10 --output-depth 10

# Main: odd size, conformance window (coded 200x112, displayed 198x110).
hevc hevc_crop_198x110.265 "testsrc2=size=198x110:rate=25" $P265

# Tiny picture: 64x64, a single CTU. (x265 3.5 rejects y4m input below 64 lines and hangs on
# raw 64x48 input, so no HEVC picture smaller than one CTU.)
FRAMES=20 hevc hevc_tiny_64x64.265 "testsrc2=size=64x64:rate=25" $P265

# Main: scaling_list_enabled_flag with the default lists (no scaling_list_data: Tables 7-5, 7-6).
hevc hevc_scaling_list_default_176x144.265 "$T2" $P265 --scaling-list default

# Main: custom scaling lists in the SPS (an HM-format file; x265 reads the values in raster order).
# Every list is DPCM-coded (16x16 and 32x32 with a DC value) except the chroma U lists, which equal
# the luma lists of their size, and the 4x4..16x16 inter luma lists, which equal the intra V ones:
# those are coded as copies (scaling_list_pred_matrix_id_delta). The 32x32 inter luma list stays
# distinct, as x265 3.5 writes an out-of-range delta for a predicted 32x32 list.
{
    scl() # NAME COUNT SEED
    {
        local i
        echo "$1 ="
        for i in $(seq 0 $(( $2 - 1 ))); do
            printf '%d,' $(( 8 + (i * 7 + $3 * 13) % 53 ))
            [ $(( (i + 1) % ($2 == 16 ? 4 : 8) )) -eq 0 ] && echo
        done
        [ "$2" -eq 16 ] || [[ "$1" == *4X4* ]] || [[ "$1" == *8X8* ]] || printf '%s_DC =\n%d\n' "$1" $(( 10 + $3 * 3 ))
    }
    for size in 4X4 8X8 16X16; do
        n=$([ $size = 4X4 ] && echo 16 || echo 64)
        base=$(( ${#size} * 5 ))
        scl INTRA${size}_LUMA $n $base
        scl INTRA${size}_CHROMAU $n $base
        scl INTRA${size}_CHROMAV $n $(( base + 1 ))
        scl INTER${size}_LUMA $n $(( base + 1 ))
        scl INTER${size}_CHROMAU $n $(( base + 2 ))
        scl INTER${size}_CHROMAV $n $(( base + 3 ))
    done
    scl INTRA32X32_LUMA 64 7
    scl INTER32X32_LUMA 64 8
} > "$tmp/custom.scl"
hevc hevc_scaling_list_custom_176x144.265 "$T2" $P265 --scaling-list "$tmp/custom.scl"

# Main: temporal sub-layers (--temporal-layers): the non-reference B pictures have TemporalId 1 and
# do not count as prevTid0Pic for the POC of the pictures after them.
hevc hevc_temporal_layers_176x144.265 "$T2" $P265 --temporal-layers

# Main: RADL leading pictures (--radl 2) before the IDR pictures of a closed GOP (IDR every 12).
hevc hevc_radl_176x144.265 "$T2" $P265 --radl 2 --keyint 12 --min-keyint 12

# Resolution change: two IDR-started sequences (176x144, then 198x150 coded as 200x152 with a
# conformance window) in one file, both with VPS/SPS/PPS ids 0.
FRAMES=15 hevc "$tmp/a.265" "$T2" $P265
FRAMES=15 hevc "$tmp/b.265" "testsrc=size=198x150:rate=25" $P265
cat "$tmp/a.265" "$tmp/b.265" > hevc_reschange_176x144_198x150.265

# Leading pictures that cannot be decoded: an open-GOP stream cut at its first CRA picture (the
# parameter sets, then everything from the CRA on), so that the stream starts with a CRA picture
# whose 3 RASL pictures refer to pictures before it; a decoder skips them (NoRaslOutputFlag,
# 8.1.3). Then an end of sequence NAL unit and the same again: the second CRA picture starts a new
# coded video sequence, and discards the pictures of the first still waiting for output
# (NoOutputOfPriorPicsFlag is 1 for a CRA picture, C.5.2.2).
FRAMES=40 hevc "$tmp/og.265" "$T2" $P265 --open-gop --keyint 16 --min-keyint 16
python3 - "$tmp/og.265" hevc_cra_leading_skipped_176x144.265 <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
starts = [m.start() for m in re.finditer(b"\x00\x00\x01", data)] + [len(data)]
nals = [data[a:b] for a, b in zip(starts, starts[1:])]
types = [(n[3] >> 1) & 0x3f for n in nals]
cut = b"".join([n for n, t in zip(nals, types) if t in (32, 33, 34)][:3] + nals[types.index(21):])
open(sys.argv[2], "wb").write(cut + b"\x00\x00\x01\x48\x01" + cut)
PY

# --- Reference checksums ---------------------------------------------------------------------------

pixfmt()
{
    case $(ffprobe -v error -select_streams v:0 -show_entries stream=pix_fmt -of csv=p=0 "$1") in
    *10le|*10be) echo yuv420p10le ;;
    *) echo yuv420p ;;
    esac
}

: > reference.md5
for name in *.264 *.265; do
    fmt=$(pixfmt "$name")
    # -autoscale 0 keeps each frame at its own size across a resolution change (ffmpeg otherwise
    # scales every frame to the first one's size); it changes nothing for the other streams.
    md5=$(ffmpeg -nostdin -v error -flags unaligned -i "$name" -autoscale 0 -pix_fmt "$fmt" -f md5 -)
    echo "${md5#MD5=} $fmt $name" >> reference.md5
done
