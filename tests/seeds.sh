#!/bin/sh
# The real issues beside the project (../shared/seeds), when they are
# there: seedcheck and dumpcheck on the binary.  Says by name which seed
# tests ran, or that they did not run; the unit tests
# seeds_keep_every_han_character (test_issue) and
# every_phrase_of_the_seeds (test_archive) read the same folder.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
shared=$top/../shared
names="seedcheck, dumpcheck, test_issue:seeds_keep_every_han_character, test_archive:every_phrase_of_the_seeds"
if [ ! -d "$shared/seeds" ]; then
	echo "seeds: NOT RUN (no ../shared/seeds beside the project): $names"
	exit 0
fi
cd "$top" || exit 1
n=$(ls "$shared"/seeds/*.txt | wc -l)
out=$(env LC_ALL=C.UTF-8 "$shared/tools/seedcheck" 2>&1) || {
	echo "$out"; echo "seeds: seedcheck FAILED"; exit 1; }
out2=$(env LC_ALL=C.UTF-8 "$shared/tools/dumpcheck" "$shared"/seeds/*.txt 2>&1) || {
	echo "$out2"; echo "seeds: dumpcheck FAILED"; exit 1; }
echo "seeds: ran on $n seeds: $names: $(echo "$out" | tail -n 1)"
