#!/bin/bash
# Soak test (issue "Hardening"): a protected decode (vkdva-decode as a DRM client, encrypted
# bitstream, protected outputs read back with EncryptionBlt) with a session-key refresh every
# 10 pictures, of STREAM repeated end to end, for SECONDS; every frame's MD5 is compared with
# the clear decode's, and the process's resident memory and the GPU's used memory are sampled
# every 5 seconds, to show that they stay flat.
# usage: tools/soak.sh VKDVA_DECODE STREAM SECONDS [OUTDIR]
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 VKDVA_DECODE STREAM SECONDS [OUTDIR]" >&2
    exit 2
fi
dec=$1 stream=$2 secs=$3 out=${4:-/tmp/vkdva-soak}
mkdir -p "$out"
ext=${stream##*.}

"$dec" --frame-md5 "$stream" > "$out/clear.md5" || exit 1
pictures=$(wc -l < "$out/clear.md5")
# Enough copies for the time at up to 200 frames/s; each copy starts with an IDR picture.
copies=$(( secs * 200 / pictures + 1 ))
for i in $(seq $copies); do cat "$stream"; done > "$out/long.$ext"

stdbuf -oL "$dec" --protected --refresh-every 10 --encryption all --frame-md5 "$out/long.$ext" > "$out/protected.md5" &
pid=$!
start=$(date +%s)
echo "seconds rss_kib gpu_used_mib frames" > "$out/memory.txt"
while kill -0 $pid 2>/dev/null; do
    now=$(( $(date +%s) - start ))
    rss=$(ps -o rss= -p $pid 2>/dev/null | tr -d ' ')
    gpu=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits 2>/dev/null | head -1)
    echo "$now ${rss:-0} ${gpu:-n/a} $(wc -l < "$out/protected.md5")" >> "$out/memory.txt"
    [ $now -ge $secs ] && { kill $pid; break; }
    sleep 5
done
wait $pid 2>/dev/null

# Frame N of the long stream is frame N mod pictures of the clear decode.
python3 - "$out/clear.md5" "$out/protected.md5" "$out/memory.txt" <<'PY'
import re, sys
clear = [l.split(": ")[1].strip() for l in open(sys.argv[1]) if re.match(r"^\d+: [0-9a-f]{32}$", l.strip())]
frames = bad = 0
for line in open(sys.argv[2]):
    m = re.match(r"^(\d+): ([0-9a-f]{32})$", line.strip())
    if not m:
        continue
    frames += 1
    if m.group(2) != clear[int(m.group(1)) % len(clear)]:
        bad += 1
rows = [l.split() for l in open(sys.argv[3]).read().splitlines()[1:] if l.strip()]
rss = [int(r[1]) for r in rows if r[1].isdigit() and int(r[1])]
print("soak: %d frames compared, %d differ from the clear decode" % (frames, bad))
if rss:
    print("soak: resident memory %d KiB after 5 s, %d KiB at the end, %d KiB at most" % (rss[min(1, len(rss) - 1)], rss[-1], max(rss)))
gpu = [r[2] for r in rows]
if gpu:
    print("soak: GPU memory used %s MiB after 5 s, %s MiB at the end" % (gpu[min(1, len(gpu) - 1)], gpu[-1]))
sys.exit(1 if bad or not frames else 0)
PY
