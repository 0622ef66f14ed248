#!/bin/sh
# Runs each unit test binary under a fixed locale; fails if any fails.
pass=0 fail=0
for t in "$@"; do
	if (cd "$(dirname "$0")/unit" && env -i LC_ALL=C.UTF-8 PATH="$PATH" \
	    CMOCKA_MESSAGE_OUTPUT=stdout "$OLDPWD/$t"); then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL unit/$(basename "$t")"
	fi
done
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
