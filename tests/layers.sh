#!/bin/sh
# The architecture as a test: model/ calls nothing above it (no #include
# of tui/, app/ or the program), its files call each other without a
# circle -- each is built on those below it -- and the words of a script
# are in the lexicon only.  From the symbols each
# object file defines and uses (nm), the calls between files are sorted
# with tsort(1), which names a circle when there is one.
set -u
build=${1:-build}
fail=0
top=$(cd "$(dirname "$0")/.." && pwd)
if grep -n '#include "\.\./' "$top"/model/*.c "$top"/model/*.h; then
	echo "FAIL layers: model/ includes from above it"
	fail=1
fi
# the words and marks of a script are the lexicon's (lexicon.c, .h): no
# CJK or Hangul in a string of another model/ file (comments aside)
for f in "$top"/model/*.c "$top"/model/*.h; do
	case $f in */lexicon.[ch]) continue ;; esac
	${CC:-cc} -fpreprocessed -dD -E -P "$f" 2>/dev/null |
	    LC_ALL=C.UTF-8 grep -nP '"([^"\\]|\\.)*[\x{2000}-\x{2bff}\x{3000}-\x{9fff}\x{ac00}-\x{d7af}\x{ff00}-\x{ffef}]' |
	    sed "s|^|$(basename "$f"): |" > "${TMPDIR:-/tmp}/layers.$$"
	if [ -s "${TMPDIR:-/tmp}/layers.$$" ]; then
		echo "FAIL layers: words outside the lexicon:"
		cat "${TMPDIR:-/tmp}/layers.$$"
		fail=1
	fi
	rm -f "${TMPDIR:-/tmp}/layers.$$"
done
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
for o in "$build"/model/*.o; do
	nm "$o" | awk -v f="$(basename "$o" .o)" '
	    NF == 3 && $2 ~ /^[TDRB]$/ { print "D", $3, f }
	    NF == 2 && $1 == "U" { print "U", $2, f }'
done | awk '
	$1 == "D" { def[$2] = $3; next }
	{ use[NR] = $2; user[NR] = $3 }
	END {
		for (i in use)
			if ((use[i] in def) && def[use[i]] != user[i])
				print user[i], def[use[i]]
	}' | sort -u > "$edges"
if [ ! -s "$edges" ]; then
	echo "FAIL layers: no calls read from $build/model/*.o"
	fail=1
elif ! tsort "$edges" > /dev/null 2> "$edges.err"; then
	echo "FAIL layers: a circle between model/ files:"
	cat "$edges.err"
	fail=1
fi
rm -f "$edges.err"
[ $fail -eq 0 ] && echo "layers: 1 passed, 0 failed" || echo "layers: 0 passed, 1 failed"
exit $fail
