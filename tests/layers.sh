#!/bin/sh
# The architecture as a test: model/ calls nothing above it (no #include
# of tui/, app/ or the program) and its files call each other without a
# circle -- each is built on those below it.  From the symbols each
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
