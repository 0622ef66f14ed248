#!/bin/sh
# What a packager does: build with their own flags, install into a staging
# DESTDIR, run the installed program on the installed samples, lint the
# installed man page, uninstall, and find nothing left behind.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
no() { echo "FAIL distcheck: $1"; fail=1; }
cd "$top" || exit 1
m="env MAKEFLAGS= MAKELEVEL= make --no-print-directory BUILD=$work/build PREFIX=/usr DESTDIR=$work/dest"
$m CFLAGS='-O2 -g' CPPFLAGS=-DNDEBUG "$work/build/kanbao" > "$work/log" 2>&1 ||
    { cat "$work/log"; no "build with CFLAGS='-O2 -g' CPPFLAGS=-DNDEBUG"; }
grep -q "warning:" "$work/log" && { grep "warning:" "$work/log"; no "warnings"; }
$m install > "$work/log" 2>&1 || { cat "$work/log"; no "install"; }
bin=$work/dest/usr/bin/kanbao
data=$work/dest/usr/share/kanbao
[ -x "$bin" ] || no "no installed binary"
for f in "$data"/*.txt; do
	"$bin" --toc "$f" > "$work/out" 2>&1 || no "--toc $(basename "$f")"
	"$bin" --dump --width 40 "$f" > "$work/out" 2>&1 || no "--dump $(basename "$f")"
	grep -q . "$work/out" || no "empty --dump of $(basename "$f")"
done
env XDG_CACHE_HOME="$work/cache" "$bin" --list "$data" > "$work/out" 2>&1 &&
    [ "$(wc -l < "$work/out")" -ge 3 ] || no "--list of the installed samples"
env XDG_CACHE_HOME="$work/cache" "$bin" --config "$data/config.ini" --search 麦子 "$data" \
    > "$work/out" 2> "$work/err" && grep -q . "$work/out" && [ ! -s "$work/err" ] ||
    no "--search with the installed config"
if command -v mandoc > /dev/null; then
	mandoc -Tlint -W warning "$work/dest/usr/share/man/man1/kanbao.1" > "$work/lint" 2>&1 ||
	    { cat "$work/lint"; no "mandoc -Tlint"; }
else
	no "mandoc is not installed (make deps-test installs it)"
fi
$m uninstall > "$work/log" 2>&1 || { cat "$work/log"; no "uninstall"; }
left=$(find "$work/dest" -type f)
[ -z "$left" ] || { echo "$left"; no "files left after uninstall"; }
[ $fail -eq 0 ] && echo "distcheck: 1 passed, 0 failed" || echo "distcheck: 0 passed, 1 failed"
exit $fail
