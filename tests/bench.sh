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
    "$(dirname "$kanbao")/libkanbao.a" -lunistring -lzstd || exit 1

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

cold() {	# cold WHAT CMD...: best of 3 runs, WHAT removed from the cache before each
	what=$1
	shift
	best=
	for i in 1 2 3; do
		case $what in
		all) rm -rf "$XDG_CACHE_HOME" ;;
		index) rm -f "$XDG_CACHE_HOME"/kanbao/index-* "$XDG_CACHE_HOME"/kanbao/delta-* ;;
		esac
		s=$(date +%s.%N)
		"$@" > /dev/null 2>&1
		t=$(echo "$(date +%s.%N) - $s" | bc)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
	done
	echo "$best"
}

# 1. the text engine on >= 40 MB
src="$top/../shared/seeds"
[ -d "$src" ] || src="$top/assets"
: > "$work/big.txt"
while [ "$(wc -c < "$work/big.txt")" -lt 40000000 ]; do
	cat "$src"/*.txt >> "$work/big.txt"
done
sync
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

# 2. --dump on 400,000 short paragraphs: memory against the input
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "第%d段，一句话。\n\n", i }' \
    > "$work/short.txt"
in_kb=$(( $(wc -c < "$work/short.txt") / 1024 ))
rss=$( { /usr/bin/time -f %M "$kanbao" --dump --width 80 "$work/short.txt" > /dev/null; } 2>&1 | tail -n 1)
echo "--dump of 400,000 short paragraphs ($in_kb KiB): peak RSS $rss KiB, $(ratio "$rss" "$in_kb")x the input (bar 8x)"
# other shapes of many tiny blocks: records, CR lines, entity lines
awk 'BEGIN { for (i = 0; i < 200000; i++)
    printf "---\ntitle: 第%d篇\n---\n\n正文%d。\n\n", i, i }' > "$work/front.txt"
awk 'BEGIN { for (i = 0; i < 2000000; i++) printf "字\r" }' > "$work/cr.txt"
awk 'BEGIN { for (i = 0; i < 1500000; i++) printf "&amp;\n" }' > "$work/amp.txt"
awk 'BEGIN { for (i = 0; i < 600000; i++) printf "字\n\n" }' > "$work/nn.txt"
for f in front cr amp nn; do
	in_kb=$(( $(wc -c < "$work/$f.txt") / 1024 ))
	rss=$( { /usr/bin/time -f %M "$kanbao" --toc "$work/$f.txt" > /dev/null; } 2>&1 | tail -n 1)
	echo "--toc of $f.txt ($in_kb KiB): peak RSS $rss KiB, $(ratio "$rss" "$in_kb")x the input (bar 8x)"
done

# 3. libraries of daily issues made from the real seeds (the samples when
# ../shared is absent), a date line on top of each; for a century, each
# seed in 100 variants with 3% of their Han characters changed at random,
# so that the vocabulary grows as a real archive's does
gen() {	# gen DIR YEARS VARIANTS: YEARS years of daily issues, up to 2025
	set -- "$1" "$2" "$3" "$top/../shared/seeds"
	[ -d "$4" ] || set -- "$1" "$2" "$3" "$top/assets"
	LC_ALL=C awk -v dir="$1" -v years="$2" -v variants="$3" -v src="$4" '
	function slurp(f,	l, s) {
		s = ""
		while ((getline l < f) > 0)
			s = s l "\n"
		close(f)
		return s
	}
	# 3% of the Han characters (a UTF-8 lead byte 0xe4-0xe9) changed
	function mutate(s,	out, i, n, c) {
		out = ""
		n = length(s)
		for (i = 1; i <= n; i++) {
			c = substr(s, i, 1)
			if (c >= "\344" && c <= "\351" && i + 2 <= n &&
			    rand() < 0.03) {
				out = out sprintf("%c%c%c", 229 + int(rand() * 5),
				    128 + int(rand() * 64), 128 + int(rand() * 64))
				i += 2
			} else
				out = out c
		}
		return out
	}
	BEGIN {
		srand(24)
		cmd = "ls " src "/*.txt"
		while ((cmd | getline f) > 0)
			seed[ns++] = slurp(f)
		close(cmd)
		for (k = 0; k < ns * variants; k++)
			t[k] = variants > 1 ? mutate(seed[k % ns]) : seed[k % ns]
		nt = ns * variants
		split("31 28 31 30 31 30 31 31 30 31 30 31", dm, " ")
		for (y = 2026 - years; y < 2026; y++) {
			system("mkdir -p " dir "/" y)
			for (m = 1; m <= 12; m++) {
				n = dm[m] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
				for (d = 1; d <= n; d++) {
					f = sprintf("%s/%d/%d-%02d-%02d.txt", dir, y, y, m, d)
					printf "%d年%d月%d日\n\n%s\n本期检索号 KB%05d\n",
					    y, m, d, t[i % nt], i > f
					close(f)
					i++
				}
			}
		}
	}'
}

row() {	# row WHAT SECONDS BASE: a line of the table, the ratio to BASE
	printf '%-44s %9s %8s\n' "$1" "$2" "$(ratio "$2" "$3")"
}

library() {	# library YEARS VARIANTS: the table's rows on that library
	lib="$work/lib$1"
	gen "$lib" "$1" "$2"
	# words of any paper: a common one first, then rarer ones
	if [ -d "$top/../shared/seeds" ]; then
		set -- "$1" "$2" 经济 记者 绿色
	else
		set -- "$1" "$2" 秸秆 社区食堂 QR
	fi
	sync	# no write-back of the new files under the timings
	n=$(find "$lib" -name '*.txt' | wc -l)
	lib_kb=$(du -sk "$lib" | cut -f1)
	export XDG_CACHE_HOME="$work/cache$1"
	echo
	echo "library: $1 years, $n issues, $lib_kb KiB"
	printf '%-44s %9s %8s\n' what seconds "vs rg"
	rg_t=$(secs 5 rg -F -l $3 "$lib")
	row "rg -F -l $3" "$rg_t" "$rg_t"
	row "find -printf" "$(secs 5 find "$lib" -name '*.txt' -printf '%p %s %T@\n')" "$rg_t"
	row "cold --list (bar 5x)" "$(cold all "$kanbao" --list "$lib")" "$rg_t"
	row "warm --list" "$(secs 5 "$kanbao" --list "$lib")" "$rg_t"
	t=$(cold index "$kanbao" --search $3 "$lib")
	rm -f "$XDG_CACHE_HOME"/kanbao/index-* "$XDG_CACHE_HOME"/kanbao/delta-*
	rss=$( { /usr/bin/time -f %M "$kanbao" --search $3 "$lib" > /dev/null; } 2>&1 | tail -n 1)
	row "cold index build (bar 15x), $rss KiB" "$t" "$rg_t"
	for q in "$3" "$4" "$5" KB01234; do
		row "warm --search $q" "$(secs 5 "$kanbao" --search "$q" "$lib")" "$rg_t"
	done
	rss=$( { /usr/bin/time -f %M "$kanbao" --search $3 "$lib" > /dev/null; } 2>&1 | tail -n 1)
	echo "peak RSS of a warm --search: $rss KiB (bar 20 MB)"
	cache_kb=$(du -sk "$XDG_CACHE_HOME" | cut -f1)
	echo "index and caches on disk: $cache_kb KiB, $(ratio "$cache_kb" "$lib_kb")x the library (bar 1.0x)"
	# an edit is measured once by nature: the best of three, each the
	# first search after another issue is edited
	best=
	for k in 100 200 300; do
		f=$(find "$lib" -name '*.txt' | sort | sed -n ${k}p)
		echo "编辑后新增的一句。" >> "$f"
		s=$(date +%s.%N)
		"$kanbao" --search $3 "$lib" > /dev/null
		t=$(echo "$(date +%s.%N) - $s" | bc)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
	done
	row "--search after editing one issue (bar 2x)" "$best" "$rg_t"
	if command -v sqlite3 > /dev/null; then
		db="$work/fts$1.db"
		s=$(date +%s.%N)
		sqlite3 "$db" "CREATE VIRTUAL TABLE t USING fts5(path, body, tokenize='trigram');
		    INSERT INTO t SELECT name, CAST(readfile(name) AS TEXT) FROM fsdir('$lib')
		    WHERE name LIKE '%.txt';"
		row "SQLite FTS5 trigram: build" "$(echo "$(date +%s.%N) - $s" | bc)" "$rg_t"
		echo "SQLite FTS5 trigram: $(du -k "$db" | cut -f1) KiB on disk"
		for q in "$4" KB01234; do
			row "SQLite FTS5 MATCH $q" "$(secs 5 sqlite3 "$db" "SELECT path FROM t WHERE t MATCH '\"$q\"'")" "$rg_t"
		done
		# a trigram index cannot hold a 2-character word: LIKE finds none
		echo "files with $3: rg $(rg -F -l $3 "$lib" | wc -l)," \
		    "kanbao $("$kanbao" --search $3 "$lib" | cut -f1 | sort -u | wc -l)," \
		    "FTS5 LIKE $(sqlite3 "$db" "SELECT count(*) FROM t WHERE body LIKE '%$3%'")"
	else
		echo "sqlite3 not installed: FTS5 not compared"
	fi
	rm -rf "$lib" "$XDG_CACHE_HOME"
}

if command -v rg > /dev/null; then
	library 10 1
	# a century (BENCH_YEARS=0 leaves it out: it takes minutes)
	[ "${BENCH_YEARS:-100}" -gt 10 ] && library "${BENCH_YEARS:-100}" 100
else
	echo "rg not installed: the libraries are not measured"
fi

# 4. every pass linear: each input shape at n and 2n
echo
echo "size doubling (--dump; a linear pass about 2x, over 3x is NOT LINEAR):"
sh "$top/tests/linear.sh" "$kanbao" || echo "bench: some shape is NOT LINEAR"
