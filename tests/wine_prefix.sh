#!/bin/bash
# The 'wine' suite's check of tools/setup-wine-prefix.sh: uninstalling removes exactly what
# install added (every other file and the registry stay byte-identical) and installing again
# restores it. Usage: wine_prefix.sh SETUP_SCRIPT PREFIX BUILD_DIR (vkdva installed in PREFIX).
set -uo pipefail
setup=$1
prefix=$2
build=$3

snapshot()
{
    (cd "$prefix" && find . -path ./dosdevices -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
}

fail()
{
    echo "FAIL: $*"
    exit 1
}

[ -f "$prefix/drive_c/vkdva/installed.txt" ] || fail "vkdva is not installed in $prefix"
installed=$(snapshot)
bash "$setup" uninstall "$prefix" >/dev/null || fail "uninstall failed"
removed=$(snapshot)
[ ! -e "$prefix/drive_c/vkdva" ] || fail "C:\\vkdva is still there"
grep -qi vkdva "$prefix"/*.reg && fail "the registry mentions vkdva"
# What uninstall removed is exactly vkdva's files; nothing else changed.
diff <(echo "$installed" | grep -v -e '/vkdva\.dll$' -e '/drive_c/vkdva/') <(echo "$removed") >/dev/null \
    || fail "uninstall changed files that are not vkdva's"
echo "$removed" | grep -q -e 'vkdva' && fail "uninstall left vkdva files behind"
bash "$setup" install "$prefix" "$build" >/dev/null || fail "install failed"
# Installing again adds back vkdva's files (the build's current ones) and touches nothing else.
reinstalled=$(snapshot)
diff <(echo "$reinstalled" | grep -v -e '/vkdva\.dll$' -e '/drive_c/vkdva/') <(echo "$removed") >/dev/null \
    || fail "installing changed files that are not vkdva's"
while read -r sum path; do
    [ "$(sha256sum < "$prefix/$path" | cut -d' ' -f1)" = "$sum" ] || fail "$path does not match its manifest"
done < "$prefix/drive_c/vkdva/installed.txt"
echo "ok: uninstall left the prefix as it was, install restored vkdva"
