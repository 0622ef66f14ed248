#!/bin/sh
# Size doubling: each input shape at n and 2n units, --dump timed (best of
# 3); the time ratio of a linear pass is about 2, a quadratic one's 4.  A
# ratio over 3 is reported as NOT LINEAR and the exit status is 1.  Run by
# make bench (wall-clock time is never a test of make check).
set -u
kanbao=$1
n=${LINEAR_N:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8

# shape NAME N > FILE: N units of the shape
shape() {
	awk -v n="$2" -v s="$1" 'BEGIN {
	if (s == "url") { printf "标题\n\n"; for (i = 0; i < n; i++) printf "(http://" }
	else if (s == "autolink") { printf "标题\n\n"; for (i = 0; i < n; i++) printf "<http://" }
	else if (s == "heads") for (i = 0; i < n; i++) printf (i % 2 ? "### 标题%d\n\n" : "## 标题%d\n\n"), i
	else if (s == "kickers") for (i = 0; i < n; i++) printf (i % 2 ? "## 标题%d\n\n" : "» 栏目%d\n\n"), i
	else if (s == "titles") for (i = 0; i < n; i++) printf "短标题%d\n", i
	else if (s == "records") for (i = 0; i < n / 4; i++) printf "### 标题%d  副题\r\n\r\n12345678\r\n第1版()\n专栏：\n\n　　标题%d\n    正文。\n", i, i
	else if (s == "han") { for (i = 0; i < n; i++) printf "字"; printf "\n" }
	else if (s == "paras") for (i = 0; i < n; i++) printf "段落%d。\n\n", i
	else if (s == "lines") for (i = 0; i < n; i++) printf "一行没有句号的文字%d\n", i
	else if (s == "brackets") { for (i = 0; i < n; i++) printf "（"; printf "\n" }
	else if (s == "bold") { for (i = 0; i < n; i++) printf "**字"; printf "\n" }
	else if (s == "tags") { for (i = 0; i < n; i++) printf "<p>字"; printf "\n" }
	else if (s == "lt") { for (i = 0; i < n; i++) printf "<字"; printf "\n" }
	else if (s == "entities") for (i = 0; i < n; i++) printf "&amp;\n"
	else if (s == "links") { for (i = 0; i < n; i++) printf "[字](http://a.example/%d)", i; printf "\n" }
	else if (s == "images") for (i = 0; i < n; i++) printf "![图%d（本报）](http://a.example/%d.jpg)\n\n", i, i
	else if (s == "front") for (i = 0; i < n; i++) printf "---\ntitle: 标题%d\nsection: 第0%d版\n---\n\n正文%d。\n\n", i, i % 9, i
	else if (s == "stack") for (i = 0; i < n / 3; i++) printf "引题%d\r\n主题%d\r\n副题\r\n　　正文%d。\r\n", i, i, i
	else if (s == "outline") { printf "# 《节目》 (20250101)\n\n## 摘要\n\n"; for (i = 0; i < n / 2; i++) printf "%d.条目%d；\n\n", i, i; printf "## 详细\n\n"; for (i = 0; i < n / 2; i++) printf "### 报道%d\n\n<p>正文%d。</p>\n\n[查看原文](https://a.example/%d)\n\n", i, i, i }
	else if (s == "footers") for (i = 0; i < n / 4; i++) printf "# 标题%d\n\n正文%d。\n\n---\n\n原始网址：\n<https://a.example/%d>\n\n© a.example\n\n", i, i, i
	else if (s == "feed") { printf "<?xml version=\"1.0\"?><rss><channel><title>t</title>"; for (i = 0; i < n / 4; i++) printf "<item><title>标题%d</title><description>&lt;p&gt;正文%d&lt;/p&gt;</description></item>\n", i, i; printf "</channel></rss>\n" }
	else if (s == "bylines") for (i = 0; i < n; i++) printf "本报讯 记者某某%d报道\n\n", i
	else if (s == "spaces") { for (i = 0; i < n; i++) printf "字 "; printf "\n" }
	}'
}

best() {	# best FILE: the best of 3 --dump times, seconds
	b=
	for i in 1 2 3; do
		s=$(date +%s.%N)
		"$kanbao" --dump --width 80 "$1" > /dev/null 2>&1
		t=$(echo "$(date +%s.%N) - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}

bad=0
printf '%-10s %10s %10s %6s\n' shape "n=$n" "2n" ratio
for s in url autolink heads kickers titles records han paras lines brackets \
    bold tags lt entities links images front stack outline footers feed \
    bylines spaces; do
	shape "$s" "$n" > "$work/a"
	shape "$s" $((n * 2)) > "$work/b"
	ta=$(best "$work/a")
	tb=$(best "$work/b")
	# times under 20 ms say nothing: the ratio of a start-up's noise
	if [ "$(echo "$tb < 0.02" | bc)" = 1 ]; then
		r="-"
	else
		r=$(echo "scale=2; $tb / $ta" | bc)
	fi
	verdict=
	if [ "$r" != "-" ] && [ "$(echo "$r > 3" | bc)" = 1 ]; then
		verdict="NOT LINEAR"
		bad=1
	fi
	printf '%-10s %9.3fs %9.3fs %6s %s\n' "$s" "$ta" "$tb" "$r" "$verdict"
done
exit $bad
