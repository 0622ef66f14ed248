#!/bin/sh
# The command line: exit statuses, one-line messages, TSV shapes, golden
# outputs of the sample issues, and hostile inputs.
set -u
k=$KANBAO
fails=0
check() {	# check NAME EXPECTED-STATUS COMMAND...
	name=$1 want=$2
	shift 2
	"$@" > "$WORK/out" 2> "$WORK/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit $got, want $want"; cat "$WORK/err"; fails=$((fails + 1))
		return 1
	fi
	return 0
}
err_is() {	# the message is one line starting kanbao:
	if [ "$(wc -l < "$WORK/err")" -lt 1 ] || ! head -n 1 "$WORK/err" | grep -q "^kanbao: $1"; then
		echo "FAIL message: want 'kanbao: $1', got:"; cat "$WORK/err"; fails=$((fails + 1))
	fi
}

check width0 2 "$k" --dump --width 0 "$TOP/assets/qinghe-2025-06-10.txt" && err_is "--width"
check widthabc 2 "$k" --dump --width abc "$TOP/assets/qinghe-2025-06-10.txt" && err_is "--width"
check widthneg 2 "$k" --dump --width -5 "$TOP/assets/qinghe-2025-06-10.txt" && err_is "--width"
check unknown 2 "$k" --frobnicate && err_is "--frobnicate: unknown option"
check nofile 2 "$k" --dump && err_is "--dump"
check widthnodump 2 "$k" --width 50 "$TOP/assets/qinghe-2025-06-10.txt" && err_is "--width: only with --dump"
check columnsnodump 2 "$k" --toc --columns 2 "$TOP/assets/qinghe-2025-06-10.txt" && err_is "--columns: only with --dump"
check missing 1 "$k" --dump "$WORK/nope.txt" && err_is ".*nope.txt: No such file"
check dir 1 "$k" --dump "$TOP/assets" && err_is ".*assets: is a directory"
check binary 1 "$k" --toc "$k" && err_is ".*binary data"
# a binary file in a day's folder: the rest is the issue, the file is named
check dayfolder-binary 0 "$k" --toc "$TOP/tests/fixtures/dayfolder-bad/2025-01-04" &&
    err_is ".*02-城市/b.md: binary data, not a text issue (left out)" &&
    { grep -q "青河市冬季供暖平稳运行" "$WORK/out" ||
    { echo "FAIL dayfolder-binary: the readable article is missing"; fails=$((fails + 1)); }; }
check version 0 "$k" --version
check help 0 "$k" --help && grep -q "next-page" "$WORK/out" || { echo "FAIL help lacks keys"; fails=$((fails + 1)); }
# --help fits 80 columns (bytes here: never fewer than cells)
LC_ALL=C awk 'length > 80 { print "FAIL --help wider than 80: " $0; bad = 1 } END { exit bad }' "$WORK/out" ||
    fails=$((fails + 1))

# golden outputs of the sample issues
for f in "$TOP"/assets/*.txt; do
	n=$(basename "$f" .txt)
	check "toc $n" 0 "$k" --toc "$f" && cmp -s "$WORK/out" "$TOP/tests/golden/$n.toc" ||
	    { echo "FAIL golden $n.toc"; diff "$TOP/tests/golden/$n.toc" "$WORK/out" | head -20; fails=$((fails + 1)); }
	check "dump $n" 0 "$k" --dump --width 37 "$f" && cmp -s "$WORK/out" "$TOP/tests/golden/$n.dump37" ||
	    { echo "FAIL golden $n.dump37"; diff "$TOP/tests/golden/$n.dump37" "$WORK/out" | head -20; fails=$((fails + 1)); }
done

# two columns of 24 cells and a gutter of 2 in pages of 16 rows (read
# by eye when made: the second column starts at cell 27, headlines span
# both, no line starts with closing punctuation)
check "dump 50x2" 0 "$k" --dump --width 50 --columns 2 --height 16 "$TOP/assets/qinghe-2025-06-11.txt" &&
    cmp -s "$WORK/out" "$TOP/tests/golden/qinghe-2025-06-11.dump50x2" ||
    { echo "FAIL golden qinghe-2025-06-11.dump50x2"; diff "$TOP/tests/golden/qinghe-2025-06-11.dump50x2" "$WORK/out" | head -20; fails=$((fails + 1)); }

# --height pages end with a form feed; no line wider than the width
check pages 0 "$k" --dump --width 50 --columns 2 --height 12 "$TOP/assets/qinghe-2025-06-10.txt"
grep -q "$(printf '\f')" "$WORK/out" || { echo "FAIL no form feed"; fails=$((fails + 1)); }

# --list and --search over the samples
check list 0 "$k" --list "$TOP/assets"
[ "$(cut -f2 "$WORK/out" | tr '\n' ' ')" = "2025-06-10 2025-06-11 2025-06-12 " ] ||
    { echo "FAIL list order"; cat "$WORK/out"; fails=$((fails + 1)); }
check search 0 "$k" --search 秸秆 "$TOP/assets"
grep -q "qinghe-2025-06-10.txt	2025-06-10	麦浪翻金迎开镰" "$WORK/out" ||
    { echo "FAIL search"; cat "$WORK/out"; fails=$((fails + 1)); }
# a phrase broken across a blank line in the file, and full-width digits
check searchjoin 0 "$k" --search 三百多亩麦子 "$TOP/assets"
[ "$(cut -f2,3 "$WORK/out")" = "2025-06-10	麦浪翻金迎开镰 机收提速保颗粒归仓" ] ||
    { echo "FAIL search across a broken paragraph"; cat "$WORK/out"; fails=$((fails + 1)); }
check searchwide 0 "$k" --search "２４００个" "$TOP/assets"
[ "$(cut -f2,3 "$WORK/out")" = "2025-06-11	青河市公布今年十项便民举措" ] ||
    { echo "FAIL search with full-width digits"; cat "$WORK/out"; fails=$((fails + 1)); }

# a file name with an escape sequence, a tab and a bad byte is printed
# with '?' for each, as ls does: never raw to the terminal
mkdir -p "$WORK/names"
cp "$TOP/assets/qinghe-2025-06-10.txt" "$WORK/names/$(printf 'a\033]0;owned\007\tb\377.txt')"
check names 0 "$k" --list "$WORK/names"
if LC_ALL=C grep -q "$(printf '[\001-\010\013\016-\037\177\377]')" "$WORK/out" ||
    [ "$(awk -F '\t' '{ print NF }' "$WORK/out")" != 3 ]; then
	echo "FAIL --list printed a control byte of a file name"; od -c "$WORK/out" | head -5
	fails=$((fails + 1))
fi
check namesearch 0 "$k" --search 秸秆 "$WORK/names"
grep -q "a?]0;owned??b?.txt	2025-06-10" "$WORK/out" ||
    { echo "FAIL --search file name"; od -c "$WORK/out" | head -5; fails=$((fails + 1)); }

# everything ripgrep finds, the search finds too (masthead and banners too)
if command -v rg > /dev/null; then
	for q in 秸秆 青河日报 刊号 QR 社区食堂 夏粮丰收在青河; do
		rg -F -l "$q" "$TOP/assets" | sort > "$WORK/rg"
		"$k" --search "$q" "$TOP/assets" | cut -f1 | sort -u > "$WORK/kb"
		if [ -n "$(comm -23 "$WORK/rg" "$WORK/kb")" ]; then
			echo "FAIL --search $q misses files rg finds:"; comm -23 "$WORK/rg" "$WORK/kb"
			fails=$((fails + 1))
		fi
	done
fi

# --tree: the model as the page reads (reasoned from the sample: Markdown
# headings, simplified Chinese, broken paragraphs rejoined, bold markup)
check tree 0 "$k" --tree "$TOP/assets/qinghe-2025-06-10.txt"
sed -n 1,4p "$WORK/out" > "$WORK/tree.head"
printf 'format\tmarkdown\nscript\tzh-Hans\n' > "$WORK/tree.want"
head -n 2 "$WORK/tree.head" | cmp -s - "$WORK/tree.want" || { echo "FAIL --tree format/script"; cat "$WORK/tree.head"; fails=$((fails + 1)); }
grep -q "^issue	title=青河日报 date=2025-06-10 weekday=星期二 lunar=乙巳年五月十五 number=8812 pages=4$" "$WORK/out" ||
    { echo "FAIL --tree issue line"; fails=$((fails + 1)); }
grep -q "^    kicker	夏粮丰收在青河$" "$WORK/out" && grep -q "^  cont	@[0-9]*	（下转02版）$" "$WORK/out" ||
    { echo "FAIL --tree roles"; fails=$((fails + 1)); }
printf '## 제목\n\n데비안 프로젝트는 자유 운영 체제를 만드는 사람들의 모임입니다.\n' > "$WORK/ko.txt"
check tree-ko 0 "$k" --tree "$WORK/ko.txt" && grep -q "^script	ko$" "$WORK/out" ||
    { echo "FAIL --tree script ko"; fails=$((fails + 1)); }
check tree-nofile 2 "$k" --tree && err_is "--tree"

# the web edition: front matter is metadata, never text; a day's folder
# with page folders is one issue (expectations reasoned from the fixtures)
V=$TOP/tests/fixtures/vault
check vault-toc 0 "$k" --toc "$V/2025-01-03.md"
printf 'issue\t-\t2025-01-03\t-\t-\t-\t-\n' > "$WORK/want"
head -n 1 "$WORK/out" | cmp -s - "$WORK/want" || { echo "FAIL vault: issue line"; cat "$WORK/out"; fails=$((fails + 1)); }
[ "$(cut -f 3,5 "$WORK/out" | sed -n 2,3p | tr '\t\n' '|;')" = "河湾村的渡口换了新船|何嘉禾;冬日暖阳下的晨练|-;" ] ||
    { echo "FAIL vault: articles"; cat "$WORK/out"; fails=$((fails + 1)); }
check vault-dump 0 "$k" --dump --width 60 "$V/2025-01-03.md"
grep -q "title:\|source_url\|^---" "$WORK/out" && { echo "FAIL vault: front matter shown"; fails=$((fails + 1)); }
check day-toc 0 "$k" --toc "$V/2025-01-02"
[ "$(cut -f 1,3,5 "$WORK/out" | tr '\t\n' '|;')" = "issue|2025-01-02|-;1|青河市冬季供暖平稳运行|本报讯 记者苏文远报道;2|让老街的烟火气更浓一些|程砚;" ] ||
    { echo "FAIL day folder --toc"; cat "$WORK/out"; fails=$((fails + 1)); }
check day-tree 0 "$k" --tree "$V/2025-01-02/"
[ "$(grep -o '^article [0-9]*.*page=[0-9]*' "$WORK/out" | sed 's/\t.*page=/ page=/' | tr '\n' ';')" = "article 1 page=1;article 2 page=5;" ] ||
    { echo "FAIL day folder pages"; cat "$WORK/out"; fails=$((fails + 1)); }
check day-list 0 "$k" --list "$V"
[ "$(cut -f 1,2 "$WORK/out" | sed "s#$V/##" | tr '\t\n' '|;')" = "2025-01-02|2025-01-02;2025-01-03.md|2025-01-03;" ] ||
    { echo "FAIL day folder --list"; cat "$WORK/out"; fails=$((fails + 1)); }
check day-search 0 "$k" --search 烟火气 "$V"
[ "$(cut -f 1,3 "$WORK/out" | sed "s#$V/##")" = "$(printf '2025-01-02\t让老街的烟火气更浓一些')" ] ||
    { echo "FAIL day folder --search"; cat "$WORK/out"; fails=$((fails + 1)); }

# a folder of one day's article files, named by the date and numbers
# (20250307-01-02.txt), is one issue of that date, its files in order
P=$TOP/tests/fixtures/pagefiles
check pagefiles-toc 0 "$k" --toc "$P/web-2025-03-07"
[ "$(cut -f 1-3 "$WORK/out" | tr '\t\n' '|;')" = "issue|-|2025-03-07;1|story|河湾大桥今天合龙;2|story|各地抢抓农时备耕忙;" ] ||
    { echo "FAIL page files --toc"; cat "$WORK/out"; fails=$((fails + 1)); }
check pagefiles-list 0 "$k" --list "$P"
[ "$(cut -f 1,2 "$WORK/out" | sed "s#$P/##" | tr '\t\n' '|;')" = "web-2025-03-07|2025-03-07;" ] ||
    { echo "FAIL page files --list"; cat "$WORK/out"; fails=$((fails + 1)); }

# the reader on a dumb terminal writes no escape sequence at all, and a
# library there is a numbered list to choose from
printf '\nq\n' | TERM=dumb LINES=12 "$k" "$TOP/assets/qinghe-2025-06-10.txt" > "$WORK/out" 2>&1
LC_ALL=C grep -q "$(printf '\033')" "$WORK/out" && { echo "FAIL TERM=dumb: escape sequences"; fails=$((fails + 1)); }
grep -q "^-- more: Enter next, b back, /word find, q quit --" "$WORK/out" || { echo "FAIL TERM=dumb: no prompt"; fails=$((fails + 1)); }
# the library newest first with headlines, as the reader lists it; in an
# issue b goes back a page, /word on to it, q back to the list
printf '2\n\nb\n/全市共有\nq\nq\n' | TERM=dumb LINES=12 XDG_CACHE_HOME="$WORK/dumbcache" "$k" "$TOP/assets" > "$WORK/out" 2>&1
grep -q "^   1  2025-06-12  " "$WORK/out" && grep -q "^   2  2025-06-11  青河日报  青河市公布今年十项便民举措$" "$WORK/out" &&
    grep -q "^issue number (q quits): " "$WORK/out" && grep -q "便民举措" "$WORK/out" &&
    [ "$(grep -c "^issue number (q quits): " "$WORK/out")" = 2 ] ||
    { echo "FAIL TERM=dumb library"; head -5 "$WORK/out"; fails=$((fails + 1)); }

# every "$ kanbao ..." sample of the README prints what the README shows
awk '/^```/ { inb = !inb; if (!inb && cmd != "") { print cmd > (dir "/cmd" n); n++ } cmd = ""; next }
    inb && /^\$ kanbao / && cmd == "" { cmd = substr($0, 3); next }
    inb && cmd != "" { print > (dir "/want" n) }' dir="$WORK" n=0 "$TOP/README.md"
n=0
while [ -f "$WORK/cmd$n" ]; do
	(cd "$TOP" && PATH="$(dirname "$k"):$PATH" sh "$WORK/cmd$n") > "$WORK/got$n" 2>&1
	cmp -s "$WORK/got$n" "$WORK/want$n" || { echo "FAIL README sample: $(cat "$WORK/cmd$n")";
	    diff "$WORK/want$n" "$WORK/got$n" | head; fails=$((fails + 1)); }
	n=$((n + 1))
done
[ $n -ge 1 ] || { echo "FAIL README: no sample found"; fails=$((fails + 1)); }

# hostile inputs: exit 0 or 1, never a crash; no control bytes out
mkdir -p "$WORK/big"
head -c 200000 /dev/zero | tr '\0' '#' > "$WORK/big/hashes.txt"
awk 'BEGIN { for (i = 0; i < 400000; i++) print "段落" i "。\n" }' > "$WORK/big/paras.txt"
awk 'BEGIN { s = "长行没有换行，"; for (i = 0; i < 20; i++) s = s s; print s }' > "$WORK/big/longline.txt"
cp "$k" "$WORK/big/elf.txt"
for f in "$TOP"/tests/fixtures/hostile/* "$WORK"/big/*; do
	for mode in --toc --dump; do
		timeout 300 "$k" $mode "$f" > "$WORK/out" 2> "$WORK/err"
		rc=$?
		if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
			echo "FAIL hostile $(basename "$f") $mode: exit $rc"; fails=$((fails + 1))
		fi
		if LC_ALL=C grep -q "$(printf '[\001-\010\013\016-\037\177]')" "$WORK/out"; then
			echo "FAIL hostile $(basename "$f") $mode: control bytes in output"; fails=$((fails + 1))
		fi
		i=$((i + 1))
	done
done

# (peak memory depends on the allocator and the machine: make bench
# measures it, tests never assert it)

# A file that sets the window title through OSC does not change it in a
# real terminal (tmux): the pane title stays ours.
if command -v tmux > /dev/null; then
	sock="$WORK/tmux.sock"
	tmux -S "$sock" new-session -d -x 100 -y 30 -s t "sh"
	tmux -S "$sock" select-pane -t t -T kanbao-test-title
	tmux -S "$sock" send-keys -t t "LC_ALL=C.UTF-8 $k $TOP/tests/fixtures/escapes.txt" Enter
	# wait for the screen, not for a time: a busy machine may be slow
	n=0
	until tmux -S "$sock" capture-pane -p -t t | grep -q "恶意标题"; do
		n=$((n + 1)); [ $n -gt 300 ] && break; sleep 0.1
	done
	tmux -S "$sock" send-keys -t t Enter
	n=0
	until tmux -S "$sock" capture-pane -p -t t | grep -q "记者某某报道"; do
		n=$((n + 1)); [ $n -gt 300 ] && break; sleep 0.1
	done
	title=$(tmux -S "$sock" display-message -p -t t '#{pane_title}')
	screen=$(tmux -S "$sock" capture-pane -p -t t)
	tmux -S "$sock" send-keys -t t Q
	sleep 0.3
	tmux -S "$sock" kill-server 2>/dev/null
	[ "$title" = kanbao-test-title ] || { echo "FAIL OSC changed the pane title to '$title'"; fails=$((fails + 1)); }
	echo "$screen" | grep -q "记者某某报道" || { echo "FAIL tmux: the article was not shown"; echo "$screen"; fails=$((fails + 1)); }
fi
[ $fails -eq 0 ]
