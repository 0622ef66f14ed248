#!/bin/sh
# End-to-end tests: the real binary in a pseudo-terminal (vtdrive, libvterm)
# and on the command line.  Each *.vt script is one test.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
kanbao=$(cd "$(dirname "$KANBAO")" && pwd)/$(basename "$KANBAO")
vtdrive=$(cd "$(dirname "$VTDRIVE")" && pwd)/$(basename "$VTDRIVE")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
run_env() {
	env -i LC_ALL=C.UTF-8 LANG=C.UTF-8 PATH="$PATH" HOME="$work/home" \
	    XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" \
	    XDG_CACHE_HOME="$work/cache" TERM=xterm-256color \
	    LSAN_OPTIONS="suppressions=$top/tests/lsan.supp" "$@"
}
mkdir -p "$work/home" "$work/config"
for t in "$top"/tests/e2e/*.vt; do
	name=$(basename "$t" .vt)
	rm -rf "$work/state"
	sed -e "s#@KANBAO@#$kanbao#g" -e "s#@ASSETS@#$top/assets#g" \
	    -e "s#@FIX@#$top/tests/fixtures#g" -e "s#@WORK@#$work#g" "$t" > "$work/$name.vt"
	if (cd "$work" && run_env timeout 120 "$vtdrive" "$work/$name.vt") > "$work/$name.out" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL e2e/$name"
		cat "$work/$name.out"
	fi
done
# The command line: outputs, exit statuses and messages.
for t in "$top"/tests/e2e/*.sh; do
	[ "$(basename "$t")" = run.sh ] && continue
	name=$(basename "$t" .sh)
	if (cd "$work" && run_env KANBAO="$kanbao" TOP="$top" WORK="$work" \
	    ASAN="${ASAN:-}" sh "$t") > "$work/$name.out" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL e2e/$name"
		cat "$work/$name.out"
	fi
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
