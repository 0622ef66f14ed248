#!/bin/sh
# End-to-end tests: the real binary in a pseudo-terminal (vtdrive, libvterm)
# and on the command line.  Each *.vt script is one test.  With ONLY set
# (names of .vt scripts), those alone: the thread tests (make tsan).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
kanbao=$(cd "$(dirname "$KANBAO")" && pwd)/$(basename "$KANBAO")
vtdrive=$(cd "$(dirname "$VTDRIVE")" && pwd)/$(basename "$VTDRIVE")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
run_env() {
	env -i LC_ALL=C.UTF-8 LANG=C.UTF-8 PATH="$PATH" HOME="$work/home" \
	    XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" \
	    XDG_CACHE_HOME="$work/cache" TERM=xterm-256color \
	    KANBAO_TRACE="$work/trace" \
	    TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1" \
	    LSAN_OPTIONS="suppressions=$top/tests/lsan.supp" "$@"
}
mkdir -p "$work/home" "$work/config"
ln -s "$top/assets" "$work/assets-link"	# paths.vt: a library through a link
# check NAME COMMAND...: runs one test in the work folder and tallies it
check() {
	name=$1
	shift
	if (cd "$work" && run_env "$@") > "$work/$name.out" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL e2e/$name"
		cat "$work/$name.out"
	fi
}
# The screen: keys in, screen out, through libvterm.
for t in "$top"/tests/e2e/*.vt; do
	name=$(basename "$t" .vt)
	case " ${ONLY:-$name} " in *" $name "*) ;; *) continue ;; esac
	rm -rf "$work/state"
	sed -e "s#@KANBAO@#$kanbao#g" -e "s#@ASSETS@#$top/assets#g" \
	    -e "s#@FIX@#$top/tests/fixtures#g" -e "s#@WORK@#$work#g" "$t" > "$work/$name.vt"
	check "$name" timeout 600 "$vtdrive" "$work/$name.vt"
done
if [ -n "${ONLY:-}" ]; then
	echo "e2e ($ONLY): $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
fi
# The command line: outputs, exit statuses and messages.
for t in "$top"/tests/e2e/*.sh; do
	[ "$(basename "$t")" = run.sh ] && continue
	check "$(basename "$t" .sh)" KANBAO="$kanbao" TOP="$top" WORK="$work" \
	    ASAN="${ASAN:-}" sh "$t"
done
# Every command of the table ran in some script (the reader traces the
# commands it runs), and the man page's KEYS names each one's first key
# and the command's name (what [keys] in the config rebinds).
"$kanbao" --help | awk -F '  +' '/^  [^ ].*  [a-z-]+  / { print $3, $2 }' \
    > "$work/commands"
missing=
while read -r cmd keys; do
	awk -v c="$cmd" '$2 == c { f = 1 } END { exit !f }' "$work/trace" ||
	    missing="$missing $cmd"
	key=${keys%% *}
	sed -n '/^\.Sh KEYS/,/^\.Sh /p' "$top/kanbao.1" | sed 's/\\&//g; s/\\-/-/g' |
	    grep '^\.It Ic' | tr ' ' '\n' | grep -qxF -- "$key" ||
	    missing="$missing man:$key($cmd)"
	sed -n '/^\.Sh KEYS/,/^\.Sh /p' "$top/kanbao.1" | grep '^\.Cm ' |
	    tr ' ,:' '\n\n\n' | grep -qxF -- "$cmd" ||
	    missing="$missing man:$cmd"
done < "$work/commands"
if [ "$(wc -l < "$work/commands")" -lt 30 ]; then
	echo "FAIL e2e/commands: could not read the command table from --help"
	fail=$((fail + 1))
elif [ -n "$missing" ]; then
	echo "FAIL e2e/commands: no script runs, or the man page lacks:$missing"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
