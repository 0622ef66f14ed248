#!/bin/sh
# Runs each unit test binary under a fixed locale; fails if any fails.
fail=0
for t in "$@"; do
	(cd "$(dirname "$0")/unit" && env -i LC_ALL=C.UTF-8 PATH="$PATH" \
	    CMOCKA_MESSAGE_OUTPUT=stdout "$OLDPWD/$t") || fail=1
done
exit $fail
