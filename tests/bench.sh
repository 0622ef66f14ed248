#!/bin/sh
# make bench: speed and memory against wc -m, find and rg on the same input.
# Prints a table; asserts nothing (wall-clock time is not a test).
set -u
kanbao=$1
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8
cc -std=c17 -D_GNU_SOURCE -O2 -o "$work/bench" "$top/tests/bench.c" \
    "$(dirname "$kanbao")/libkanbao.a" -lunistring || exit 1

secs() {	# secs N CMD...: best of 3 rounds of N runs, in seconds a run
	n=$1
	shift
	best=
	for i in 1 2 3; do
		s=$(date +%s.%N)
		j=0
		while [ $j -lt "$n" ]; do
			"$@" > /dev/null 2>&1
			j=$((j + 1))
		done
		e=$(date +%s.%N)
		t=$(echo "scale=6; ($e - $s) / $n" | bc)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
	done
	echo "$best"
}
ratio() { echo "scale=2; $1 / $2" | bc; }

# 1. the text engine on >= 40 MB
src="$top/../shared/seeds"
[ -d "$src" ] || src="$top/assets"
: > "$work/big.txt"
while [ "$(wc -c < "$work/big.txt")" -lt 40000000 ]; do
	cat "$src"/*.txt >> "$work/big.txt"
done
mb=$(echo "scale=1; $(wc -c < "$work/big.txt") / 1000000" | bc)
wc_t=$(secs 1 wc -m "$work/big.txt")
eng_t=$(secs 1 "$work/bench" "$work/big.txt")
dump_t=$(secs 1 "$kanbao" --dump --width 80 "$work/big.txt")
rss=$( { /usr/bin/time -f %M "$kanbao" --dump --width 80 "$work/big.txt" > /dev/null; } 2>&1 | tail -n 1)
printf '%-34s %8s %8s %10s\n' "what ($mb MB)" seconds ratio "MB/s"
printf '%-34s %8s %8s %10s\n' "wc -m" "$wc_t" 1.00 "$(echo "scale=1; $mb / $wc_t" | bc)"
printf '%-34s %8s %8s %10s\n' "text engine (sanitise + layout)" "$eng_t" "$(ratio "$eng_t" "$wc_t")" "$(echo "scale=1; $mb / $eng_t" | bc)"
printf '%-34s %8s %8s %10s\n' "kanbao --dump (parse + repair)" "$dump_t" "$(ratio "$dump_t" "$wc_t")" "$(echo "scale=1; $mb / $dump_t" | bc)"
echo "peak RSS of --dump: ${rss} KiB for $mb MB"
one_t=$(secs 10 "$kanbao" --dump --width 80 "$top/assets/qinghe-2025-06-10.txt")
echo "one issue --dump: $one_t s"

# 2. a 3,650-issue library made from the samples, dates rewritten
lib="$work/lib"
i=0
for y in 2016 2017 2018 2019 2020 2021 2022 2023 2024 2025; do
	mkdir -p "$lib/$y"
	for d in $(seq 0 364); do
		f=$(ls "$top"/assets/*.txt | sed -n "$((d % 3 + 1))p")
		date=$(date -d "$y-01-01 + $d days" +%Y-%m-%d)
		{ sed "s/^2025年6月$/$(date -d "$date" +%Y年%-m月)/" "$f"
		  printf '\n本期检索号 KB%05d\n' "$i"; } > "$lib/$y/$date.txt"
		i=$((i + 1))
	done
done
export XDG_CACHE_HOME="$work/cache"
echo
echo "library: $i issues, $(du -sh "$lib" | cut -f1)"
find_t=$(secs 10 find "$lib" -name '*.txt' -printf '%p %s %T@\n')
s=$(date +%s.%N)
"$kanbao" --list "$lib" > /dev/null
cold_list=$(echo "$(date +%s.%N) - $s" | bc)
s=$(date +%s.%N)
"$kanbao" --search 青河 "$lib" > /dev/null
cold_index=$(echo "$(date +%s.%N) - $s" | bc)
echo "cold --list (reads every masthead): ${cold_list} s"
echo "cold index build: ${cold_index} s, index $(du -h "$work"/cache/kanbao/index-* | cut -f1)"
list_t=$(secs 10 "$kanbao" --list "$lib")
printf '%-34s %8s %8s\n' "find -printf" "$find_t" 1.00
printf '%-34s %8s %8s\n' "kanbao --list" "$list_t" "$(ratio "$list_t" "$find_t")"
if command -v rg > /dev/null; then
	# common phrases (in a third of the issues) and a rare one (in one)
	for q in 秸秆 社区食堂 QR KB01234; do
		rg_t=$(secs 10 rg -F -l "$q" "$lib")
		s_t=$(secs 10 "$kanbao" --search "$q" "$lib")
		printf '%-34s %8s %8s\n' "rg -F -l $q" "$rg_t" 1.00
		printf '%-34s %8s %8s\n' "kanbao --search $q" "$s_t" "$(ratio "$s_t" "$rg_t")"
	done
	rss=$( { /usr/bin/time -f %M "$kanbao" --search 秸秆 "$lib" > /dev/null; } 2>&1 | tail -n 1)
	echo "peak RSS of a warm --search: ${rss} KiB"
else
	echo "rg not installed: search not compared"
fi
