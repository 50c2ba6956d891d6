#!/bin/bash
# Runs the test suite: the normal build (with the 'wine' suite: the Windows build's test
# programs inside a Wine prefix), then the AddressSanitizer/UndefinedBehaviorSanitizer build
# (Vulkan drivers' own leaks suppressed by tests/lsan.supp, which names driver libraries only),
# then the concurrency test under ThreadSanitizer, and prints "N passed, N failed, N skipped"
# counted from Meson's test logs, last.
# Exit status: non-zero if either Meson run failed.
set -uo pipefail
cd "$(dirname "$0")/.."

bash tools/setup.sh --sanitizers --windows || exit 1

status=0
meson test -C build --print-errorlogs --num-processes 2 || status=1

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
meson test -C build-san --print-errorlogs --num-processes 2 --timeout-multiplier 4 || status=1

# ThreadSanitizer over the concurrency test (decode-threads: decoders, a video processor and a
# key-refreshing thread on one device); any data race it sees in vkdva fails it.
if [ ! -f build-tsan/build.ninja ]; then
    meson setup build-tsan --buildtype=debug -Db_sanitize=thread -Db_lundef=false -Dabi-test=disabled || status=1
fi
if ninja -C build-tsan tests/test_decode_multi; then
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
        meson test -C build-tsan --no-rebuild --print-errorlogs decode-threads || status=1
else
    status=1
fi

python3 - build/meson-logs/testlog.json build-san/meson-logs/testlog.json build-tsan/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
PY
exit $status
