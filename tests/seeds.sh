#!/bin/sh
# The real issues beside the project (../shared/seeds), when they are
# there: seedcheck and dumpcheck on the binary.  Says by name which seed
# tests ran, or that they did not run; the unit tests
# seeds_keep_every_han_character (test_issue) and
# every_phrase_of_the_seeds (test_archive) read the same folder.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
shared=$top/../shared
names="seedcheck, dumpcheck, converters (as HTML, a paragraph a line, CRLF: the same articles), traditional (opencc s2t: the same articles), test_issue:seeds_keep_every_han_character, test_archive:every_phrase_of_the_seeds, test_lost:real_issues_lose_nothing (seeds and corpus)"
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
# The seeds as other converters give them -- HTML paragraphs and
# entities, a paragraph a line with no blank lines, CRLF line ends -- give
# the same issue fields and articles.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for s in "$shared"/seeds/*.txt; do
	b=$(basename "$s" .txt)
	env LC_ALL=C.UTF-8 "$1" --toc "$s" > "$work/$b.want" || exit 1
	awk 'BEGIN { RS = ""; ORS = "" }
	{
		gsub(/\n/, ""); gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;")
		gsub(/>/, "\\&gt;")
		if (match($0, /^#+ /)) {
			l = RLENGTH - 1
			print "<h" l ">" substr($0, RLENGTH + 1) "</h" l ">"
		} else {
			sub(/ /, "\\&nbsp;")
			print "<p style=\"text-indent:2em\">" $0 "</p>"
		}
		if (NR % 3 == 0) print "\n"
	}' "$s" > "$work/$b.html.txt"
	awk 'BEGIN { RS = "" } { gsub(/\n/, ""); print }' "$s" > "$work/$b.lines.txt"
	sed 's/$/\r/' "$s" > "$work/$b.crlf.txt"
	for f in html lines crlf; do
		env LC_ALL=C.UTF-8 "$1" --toc "$work/$b.$f.txt" > "$work/got" ||
		    exit 1
		if ! cmp -s "$work/$b.want" "$work/got"; then
			diff "$work/$b.want" "$work/got" | head -n 10
			echo "seeds: $b as $f FAILED"; exit 1
		fi
	done
done

# The seeds in traditional characters, as a Hong Kong or Taiwan paper
# prints them, give the same issue fields, articles, kinds, headlines,
# decks, bylines and kickers (compared back in simplified characters).
trad="traditional: opencc not installed, NOT RUN"
if command -v opencc > /dev/null 2>&1; then
	for s in "$shared"/seeds/*.txt; do
		b=$(basename "$s")
		opencc -c s2t.json -i "$s" -o "$work/$b" || exit 1
		env LC_ALL=C.UTF-8 "$1" --toc "$s" > "$work/want" &&
		    env LC_ALL=C.UTF-8 "$1" --toc "$work/$b" |
		    opencc -c t2s.json > "$work/got" || exit 1
		if ! cmp -s "$work/want" "$work/got"; then
			diff "$work/want" "$work/got" | head -n 10
			echo "seeds: traditional $b FAILED"; exit 1
		fi
	done
	trad="traditional: $n seeds, the same articles"
fi
# The corpus of other papers and formats (../shared/corpus): every issue
# right (articles, headlines, date), no headline lost, no markup left.
corpus="corpuscheck: no ../shared/corpus, NOT RUN"
if [ -f "$shared/corpus/expected.json" ] && command -v python3 > /dev/null; then
	c=$(env LC_ALL=C.UTF-8 "$shared/tools/corpuscheck" 2>&1 | tail -n 1)
	echo "$c" | awk '{ split($1, r, "/"); if (r[1] != r[2]) exit 1 }' &&
	    echo "$c" | grep -q ", 0 headlines lost" &&
	    echo "$c" | grep -q "markup left in 0 issues" || {
		env LC_ALL=C.UTF-8 "$shared/tools/corpuscheck" | grep -v '^right'
		echo "seeds: corpuscheck FAILED"; exit 1; }
	corpus="corpuscheck: $c"
fi
echo "seeds: ran on $n seeds: $names: $(echo "$out" | tail -n 1); $trad; $corpus"
