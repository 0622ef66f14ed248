#!/bin/sh
# Regression trees: each *.in is a small input showing one parsing rule or
# one input format; its *.tree is the model expected, written by hand from
# the page (kanbao --tree with the source offsets left out: they are
# checked in test_issue).  Run by make check, also under ASan.
set -u
dir=$(cd "$(dirname "$0")" && pwd)
k=${KANBAO:?KANBAO is the binary to test}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
for in in "$dir"/*.in; do
	name=$(basename "$in" .in)
	if ! env -i LC_ALL=C.UTF-8 PATH="$PATH" HOME="$work" \
	    LSAN_OPTIONS="suppressions=$dir/../lsan.supp" \
	    timeout 300 "$k" --tree "$in" > "$work/out" 2> "$work/err"; then
		echo "FAIL regress/$name (exit status)"; head -n 3 "$work/err"
		fail=$((fail + 1)); continue
	fi
	sed 's/\t@[0-9]*//' "$work/out" > "$work/got"
	if cmp -s "$dir/$name.tree" "$work/got"; then
		pass=$((pass + 1))
	else
		echo "FAIL regress/$name"
		diff -u "$dir/$name.tree" "$work/got" | head -n 20
		fail=$((fail + 1))
	fi
done
echo "regress: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
