#!/bin/sh
# Attacks: one case per defect a hostile tester found (issue 15, D1-D13).
# Each case failed before its fix.  Hang guards are bounds (timeout 300),
# never speed assertions.  Run by make check, also under ASan.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
k=$(cd "$(dirname "$KANBAO")" && pwd)/$(basename "$KANBAO")
vtdrive=${VTDRIVE:-$top/build/tests/vtdrive}
case $vtdrive in /*) ;; *) vtdrive=$(pwd)/$vtdrive ;; esac
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
pass=0 fail=0
T="timeout 300"

env_run() {
	env -i LC_ALL=C.UTF-8 PATH="$PATH" HOME="$work/home" \
	    XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" \
	    XDG_CACHE_HOME="$work/cache" TERM=xterm-256color \
	    LSAN_OPTIONS="suppressions=$top/tests/lsan.supp" "$@"
}
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL attack/$1"; [ -f "$work/err" ] && head -n 5 "$work/err"; }
# status NAME WANT COMMAND...: runs it, compares its exit status
status() {
	name=$1 want=$2
	shift 2
	env_run $T "$@" > "$work/out" 2> "$work/err"
	got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$name (exit $got, want $want)"; fi
}
# clean NAME: the last output holds no control byte but newline and tab
clean() {
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$work/out" "$work/err" ||
	    grep -q "$(printf '\342\200[\252-\256]')" "$work/out" "$work/err"; then
		bad "$1: control or bidi bytes in the output"
	else ok; fi
}
mkdir -p "$work/home" "$work/config" "$work/lib"
cp "$top"/assets/*.txt "$work/lib/"

# D1: a line of 500,000 brackets crashed the masthead parser (recursion)
{ head -c 500000 /dev/zero | tr '\0' '('; echo; } > "$work/lib/parens.txt"
{ echo 青河日报; yes '（' | head -n 500000 | tr -d '\n'; echo 2025年6月1日; } > "$work/fw.txt"
status D1-toc 0 "$k" --toc "$work/lib/parens.txt"
status D1-dump 0 "$k" --dump "$work/fw.txt"
status D1-search 0 "$k" --search 麦子 "$work/lib"
grep -q "麦子" "$work/out" && ok || bad "D1-search: no hits beside the bracket file"
rm "$work/lib/parens.txt"

# D2: / and n in an issue without articles divided by zero
if [ -x "$vtdrive" ]; then
	cat > "$work/d2.vt" <<EOF
spawn 80 24 $k $top/tests/fixtures/hostile/empty.txt
expect no articles
keys /麦子<Enter>
expect nothing to search
keys n
keys N
expect nothing to search
keys Q
exit 0
EOF
	env_run $T "$vtdrive" "$work/d2.vt" > "$work/err" 2>&1 && ok || bad D2-empty-search
fi

# D4: a link planted where the temporary file would go is not followed;
# a shared cache folder is refused, with one line, and search still works
rm -rf "$work/cache"
status D4-first 0 "$k" --list "$work/lib"
list=$(ls "$work/cache/kanbao/" | grep '^list-')
echo "precious" > "$work/victim"
rm -f "$work/cache/kanbao/$list"
touch "$work/lib/"*.txt
for i in $(seq 0 20); do
	ln -s "$work/victim" "$work/cache/kanbao/$list.tmp.$i" 2>/dev/null
done
# the pid of a shell that execs kanbao is kanbao's: the old name, exactly
env_run sh -c 'ln -s "$1" "$2.tmp.$$"; exec "$3" --list "$4"' sh "$work/victim" \
    "$work/cache/kanbao/$list" "$k" "$work/lib" > "$work/out" 2> "$work/err"
[ "$(cat "$work/victim")" = precious ] && ok || bad "D4-symlink: the victim file was overwritten"
chmod 777 "$work/cache/kanbao"
status D4-shared 0 "$k" --search 麦子 "$work/lib"
grep -q "^kanbao: cache folder: can be written by other users" "$work/err" && ok ||
    bad "D4-shared: no warning"
[ "$(grep -c . "$work/err")" = 1 ] && ok || bad "D4-shared: more than one line"
grep -q 麦子 "$work/out" && ok || bad "D4-shared: no hits"
chmod 700 "$work/cache/kanbao"
if [ "$(id -u)" = 0 ]; then
	chown nobody "$work/cache/kanbao"
	status D4-owner 0 "$k" --list "$work/lib"
	grep -q "belongs to another user" "$work/err" && ok || bad "D4-owner: no warning"
	chown root "$work/cache/kanbao"
fi

# D5: caches are checked, and whatever is printed is filtered
status D5-build 0 "$k" --list "$work/lib"
cp "$work/out" "$work/list.want"
f=$work/cache/kanbao/$list
sed -i "s/2025-06-11/2025-06-19/; s/青河日报/$(printf '\033]52;c;SGk=\007\033[2J')/" "$f"
status D5-list 0 "$k" --list "$work/lib"
cmp -s "$work/out" "$work/list.want" && ok || bad "D5-list: a damaged list cache was trusted"
clean D5-list
rm -f "$work/cache/kanbao/"index-*
status D5-search-build 0 "$k" --search 麦子 "$work/lib"
cp "$work/out" "$work/search.want"
index=$(ls "$work/cache/kanbao/" | grep '^index-')
size=$(wc -c < "$work/cache/kanbao/$index")
changed=0
for frac in 0 1 2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59 61 67 71 73 79 83 89 97; do
	off=$((size * frac / 100))
	cp "$work/cache/kanbao/$index" "$work/index.good"
	printf '\377' | dd of="$work/cache/kanbao/$index" bs=1 seek=$off conv=notrunc 2>/dev/null
	env_run $T "$k" --search 麦子 "$work/lib" > "$work/out" 2> "$work/err"
	cmp -s "$work/out" "$work/search.want" || { changed=$((changed + 1)); echo "  byte $off changed the results"; }
done
[ $changed -eq 0 ] && ok || bad "D5-index: $changed damaged bytes changed the results"
mkdir -p "$work/esc"
printf '# \033]0;title\007标题\n\n本报讯 记者某某报道：正文。\n' > "$work/esc/$(printf 'a\033[31mb\342\200\256c').txt"
status D12-names 0 "$k" --list "$work/esc"
clean D12-list
status D12-search 0 "$k" --search 正文 "$work/esc"
clean D12-search

# D3: the index cannot be written: the files are searched, with a warning
rm -rf "$work/cache/kanbao/$index"
mkdir "$work/cache/kanbao/$index"
status D3-search 0 "$k" --search 麦子 "$work/lib"
cmp -s "$work/out" "$work/search.want" && ok || bad "D3: results differ without the index"
grep -q "searched the files without it" "$work/err" && ok || bad "D3: no warning"
rmdir "$work/cache/kanbao/$index"

# D7: a temporary file of a killed writer is removed at the next start
touch "$work/cache/kanbao/index-0123.tmp.999999.AbCdEf"
status D7-clean 0 "$k" --list "$work/lib"
[ ! -e "$work/cache/kanbao/index-0123.tmp.999999.AbCdEf" ] && ok || bad "D7: stale temporary file kept"

# D8: FIFOs and devices are refused, never waited on
mkfifo "$work/fifo.txt"
status D8-fifo 1 "$k" --dump "$work/fifo.txt"
grep -q "not a regular file" "$work/err" && ok || bad "D8-fifo: message"
mkdir -p "$work/fifolib"
cp "$top/assets/qinghe-2025-06-10.txt" "$work/fifolib/"
mkfifo "$work/fifolib/2025-06-11.txt"
status D8-list 0 "$k" --list "$work/fifolib"
status D8-search 0 "$k" --search 麦子 "$work/fifolib"

# D9: devices are refused before a byte is read
status D9-zero 1 "$k" --toc /dev/zero
status D9-urandom 1 "$k" --toc /dev/urandom
grep -q "not a regular file" "$work/err" && ok || bad "D9: message"

# D10: config: no quadratic load, no raw echo, a BOM, /dev/null
awk 'BEGIN { print "[reader]"; for (i = 0; i < 100000; i++) print "k" i "=1" }' > "$work/big.ini"
status D10-big 0 "$k" --config "$work/big.ini" --toc "$top/assets/qinghe-2025-06-10.txt"
printf '[reader]\n\033]0;t\007 = 1\n' > "$work/esc.ini"
status D10-echo 0 "$k" --config "$work/esc.ini" --toc "$top/assets/qinghe-2025-06-10.txt"
clean D10-echo
printf '\357\273\277[reader]\ncolumns = 3\n' > "$work/bom.ini"
status D10-bom 0 "$k" --config "$work/bom.ini" --toc "$top/assets/qinghe-2025-06-10.txt"
[ ! -s "$work/err" ] && ok || bad "D10-bom: warnings for a BOM"
status D10-null 0 "$k" --config /dev/null --toc "$top/assets/qinghe-2025-06-10.txt"
[ ! -s "$work/err" ] && ok || bad "D10-null: warnings for /dev/null"

# D11: issues 40 folders deep are listed
d=$work/deep
for i in $(seq 1 40); do d=$d/d$i; done
mkdir -p "$d"
cp "$top/assets/qinghe-2025-06-10.txt" "$d/"
status D11-deep 0 "$k" --list "$work/deep"
grep -q "qinghe-2025-06-10" "$work/out" && ok || bad "D11: a deep issue was dropped"

# D13: a query of 30,000 words is refused at once, repeats are dropped
q=$(awk 'BEGIN { for (i = 0; i < 30000; i++) printf "%c ", 19968 + i % 500 }')
status D13-many 1 "$k" --search "$q" "$work/lib"
grep -q "too many words" "$work/err" && ok || bad "D13: message"
q=$(awk 'BEGIN { for (i = 0; i < 15000; i++) printf "麦子 " }')
status D13-repeat 0 "$k" --search "$q" "$work/lib"
cmp -s "$work/out" "$work/search.want" && ok || bad "D13: repeated words changed the results"

# D6: two readers adding marks at once lose none (the unit test
# test_state covers names with tabs and newlines).  They overlap: the
# first has read the (empty) marks and waits 4 s before it marks, the
# second marks meanwhile -- the first's marks in memory are stale then.
if [ -x "$vtdrive" ]; then
	for r in 1 2; do
		wait_ms=$((r == 1 ? 4000 : 0))
		cat > "$work/mark$r.vt" <<EOF
spawn 80 24 $k $top/assets/qinghe-2025-06-1$r.txt
keys <Enter>
expect article 1/
sleep $wait_ms
keys j
keys m
expect bookmarked
keys Q
exit 0
EOF
	done
	env_run $T "$vtdrive" "$work/mark1.vt" > "$work/err" 2>&1 &
	sleep 1		# the first is reading by now (it waits 4 s)
	env_run $T "$vtdrive" "$work/mark2.vt" >> "$work/err" 2>&1
	wait
	n=$(grep -c "qinghe-2025-06-1" "$work/state/kanbao/marks" 2>/dev/null)
	[ "$n" = 2 ] && ok || bad "D6: $n marks of 2 kept"
fi

# R1 (issue 27): three shapes took quadratic time and froze the reader --
# (http:// after (http://, headings of alternating levels, records whose
# date line is not a date; make bench times them at n and 2n).  Here: they
# finish under the hang guard, whole.
awk 'BEGIN { printf "标题\n\n"; for (i = 0; i < 160000; i++) printf "(http://" }' > "$work/r1-url.txt"
awk 'BEGIN { for (i = 0; i < 80000; i++) printf (i % 2 ? "### 标题%d\n\n" : "## 标题%d\n\n"), i }' > "$work/r1-heads.md"
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "### 标题%d\n12345678\n第1版()\n正文。\n", i }' > "$work/r1-rec.txt"
status R1-url 0 "$k" --dump --width 80 "$work/r1-url.txt"
status R1-heads 0 "$k" --toc "$work/r1-heads.md"
[ "$(grep -c '标题' "$work/out")" -ge 40000 ] && ok || bad "R1-heads: headings lost"
status R1-records 0 "$k" --toc "$work/r1-rec.txt"

# R3: a day folder's front matter with trailing spaces on its rule was
# shown as text, and a page folder's name with a line break in it made
# front matter of its own
d3="$work/r3/2025-03-04"
mkdir -p "$d3/05-a" "$d3/$(printf '06-b\n---\ntitle: forged')"
printf -- '---  \ntitle: "图书角亮灯"\nauthor: 林晓川\nsource_url: https://example.org/a\n---\n\n图书角每到周末都有孩子来读书。\n' > "$d3/05-a/a.md"
printf '河边的长椅刷了新漆。\n' > "$d3/$(printf '06-b\n---\ntitle: forged')/b.md"
status R3-toc 0 "$k" --toc "$d3"
grep -q "图书角亮灯" "$work/out" && ok || bad "R3: the front matter's headline lost"
status R3-dump 0 "$k" --dump "$d3"
grep -q "source_url\|forged\|^---" "$work/out" && bad "R3: front matter shown" || ok
grep -q "河边的长椅" "$work/out" && ok || bad "R3: the second page's text lost"

# R4: searches at once on a library that changes under them fell back to
# scanning ("the search index cannot be read back": another kanbao had
# renamed its index into place): they now take what is in place
mkdir -p "$work/r4"
i=0
while [ $i -lt 100 ]; do
	d=$(printf '2024-%02d-%02d' $((i / 28 + 1)) $((i % 28 + 1)))
	sed "s/2025年6月10日/$d/" "$top/assets/qinghe-2025-06-10.txt" > "$work/r4/$d.txt"
	i=$((i + 1))
done
for round in 1 2 3 4; do
	rm -rf "$work/cache"
	( n=0; for f in "$work"/r4/*.txt; do
		[ $((n % 3)) = "$((round % 3))" ] && echo "改$n" >> "$f"; n=$((n + 1))
	done ) &
	for j in 1 2 3 4 5; do
		env_run $T "$k" --search 秸秆 "$work/r4" > "$work/r4o$j" 2> "$work/r4e$j" &
	done
	wait
	for j in 1 2 3 4 5; do
		[ -s "$work/r4e$j" ] && { cp "$work/r4e$j" "$work/err"; bad "R4: a search fell back"; } || ok
	done
done

# R8: KANBAO_TRACE at a FIFO hung the reader before it drew; at a link it
# wrote through the link
if [ -x "$vtdrive" ]; then
	mkfifo "$work/r8fifo"
	: > "$work/r8target"
	ln -s "$work/r8target" "$work/r8link"
	for t in r8fifo r8link; do
		cat > "$work/$t.vt" <<EOF
spawn 80 24 env KANBAO_TRACE=$work/$t $k $top/assets/qinghe-2025-06-10.txt
expect 青河日报
keys Q
exit 0
EOF
		env_run $T "$vtdrive" "$work/$t.vt" > "$work/err" 2>&1 && ok ||
		    bad "R8: KANBAO_TRACE at $t"
	done
	[ -s "$work/r8target" ] && bad "R8: the trace went through a link" || ok
fi

# R7: s on a full disk said "File exists" (a stale errno after a short
# write): it names the write's own error.  Needs a small tmpfs (root).
mkdir -p "$work/r7/home"
if [ -x "$vtdrive" ] && mount -t tmpfs -o size=8k tmpfs "$work/r7/home" 2>/dev/null; then
	mkdir "$work/r7/home/kanbao"
	head -c 4096 /dev/zero > "$work/r7/home/fill"
	{ printf '# 长文\n\n'; i=0; while [ $i -lt 300 ]; do
		printf '这是一段很长的文字，用来写满磁盘。'; i=$((i + 1)); done; echo; } > "$work/r7/long.md"
	cat > "$work/r7.vt" <<EOF
spawn 140 24 env HOME=$work/r7/home $k $work/r7/long.md
keys <Enter>
keys s
expect No space left
keys Q
exit 0
EOF
	env_run $T "$vtdrive" "$work/r7.vt" > "$work/err" 2>&1 && ok || bad "R7: full disk"
	umount "$work/r7/home"
fi

# R9: a day folder was read whole by a cold --list (100 MB: 528 MB of
# memory), and had no cap: its head is read for the list, and a day over
# 1 GiB is refused as a file is
d9="$work/r9/2025-05-06"
mkdir -p "$d9"
printf '# 今日要闻\n\n河湾大桥合龙。\n' > "$d9/01.md"
truncate -s 700M "$d9/02.md" "$d9/03.md"
status R9-list 0 "$k" --list "$work/r9"
grep -q "2025-05-06" "$work/out" && ok || bad "R9: the day not listed"
status R9-dump 1 "$k" --dump "$d9"
grep -q "too large" "$work/err" && ok || bad "R9: no 'too large' message"
rm -rf "$work/r9"

# S1 (issue 24): Ctrl-C during a cold index build left its temporary
# files (tens to hundreds of MB) until the next run: they go with it
mkdir -p "$work/s1"
i=0
while [ $i -lt 1500 ]; do
	cp "$top/assets/qinghe-2025-06-10.txt" "$work/s1/$(printf '%04d-%02d-%02d' \
	    $((1990 + i / 336)) $((i / 28 % 12 + 1)) $((i % 28 + 1))).txt"
	i=$((i + 1))
done
for t in 0.1 0.3 0.6; do
	rm -rf "$work/s1cache"
	env XDG_CACHE_HOME="$work/s1cache" $T "$k" --search 秸秆 "$work/s1" \
	    > /dev/null 2>&1 &
	p=$!
	sleep $t
	kill -INT $p 2>/dev/null
	wait $p
	left=$(ls "$work/s1cache/kanbao" 2>/dev/null | grep -c '\.tmp\.')
	[ "$left" = 0 ] && ok || bad "S1: $left temporary files left after ^C at $t s"
done
# ... and after a kill no handler sees (SIGKILL, the OOM killer): the
# files being made have no name until they are whole (and segments of a
# build under a budget never have one)
printf '[reader]\nindex-memory = 8\n' > "$work/s1.ini"
for t in 0.05 0.15 0.4; do
	rm -rf "$work/s1cache"
	env XDG_CACHE_HOME="$work/s1cache" $T "$k" --config "$work/s1.ini" \
	    --search 秸秆 "$work/s1" > /dev/null 2>&1 &
	p=$!
	sleep $t
	kill -KILL $p 2>/dev/null
	wait $p
	left=$(ls -a "$work/s1cache/kanbao" 2>/dev/null | grep -vc '^\.\{1,2\}$\|^index-\|^list-')
	[ "$left" = 0 ] && ok || bad "S1: $left files left after SIGKILL at $t s"
done
rm -rf "$work/s1" "$work/s1cache" "$work/s1.ini"

# R5: a soft hyphen where it does not fit made a line a cell too wide
printf 'wordwordwordwordwordwordwo\302\255rdword end\n' > "$work/r5.txt"
status R5 0 "$k" --dump --width 10 "$work/r5.txt"
sed "s/$(printf '\302\255')/-/g" "$work/out" | LC_ALL=C grep -qE '^[ -~]{11,}$' &&
    bad "R5: a line over 10 cells" || ok

echo "attack: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
