#!/bin/sh
# make fuzz: builds each libFuzzer target with clang and runs it for
# FUZZ_SECONDS (default 60) on a seed corpus from the samples.  A crashing
# input is kept in tests/fuzz/regress/TARGET/ so make check replays it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${FUZZ_SECONDS:-60}
out=$top/build/fuzz
mkdir -p "$out"
command -v clang > /dev/null || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
model=$(ls "$top"/model/*.c)
fail=0
app=$(ls "$top"/app/*.c)
for t in ${FUZZ_TARGETS:-sanitise wrap issue feed config index cache}; do
	extra=""
	[ "$t" = config ] && extra="$app -liniparser"
	clang -g -O1 -std=c17 -D_GNU_SOURCE -I/usr/include/iniparser \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -o "$out/fuzz_$t" "$top/tests/fuzz/fuzz_$t.c" $model $extra -lunistring -lexpat -lzstd || exit 1
	corpus=$out/corpus-$t
	mkdir -p "$corpus" "$top/tests/fuzz/regress/$t"
	cp "$top"/assets/*.txt "$top"/tests/fixtures/hostile/* "$corpus/" 2>/dev/null
	[ "$t" = feed ] && cp "$top"/tests/regress/feed-*.in "$corpus/"
	[ "$t" = config ] && cp "$top/assets/config.ini" "$top/tests/fixtures/rebind.ini" "$corpus/"
	echo "fuzz_$t: ${secs}s"
	# inputs up to 2 MiB: a line of a million brackets is reachable; 5 s
	# an input is a bound no linear pass comes near, even under ASan
	(cd "$out" && "./fuzz_$t" -max_total_time="$secs" -max_len=2097152 \
	    -timeout=5 -artifact_prefix="$top/tests/fuzz/regress/$t/" \
	    "$corpus" > "$out/fuzz_$t.log" 2>&1) || {
		echo "fuzz_$t: FOUND A CRASH, input kept in tests/fuzz/regress/$t/"
		tail -n 30 "$out/fuzz_$t.log"
		fail=1
	}
done
exit $fail
