#!/bin/sh
# Installs the Debian packages named as arguments when they are missing:
# as root with apt-get, otherwise it names them and stops.  Where there is
# no dpkg (another system), it says nothing: the build tries as it is.
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
	    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "kanbao: installing missing packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq $missing >/dev/null || {
		echo "kanbao: could not install:$missing" >&2
		exit 1
	}
	exit 0
fi
echo "kanbao: missing packages; install them with: sudo apt-get install$missing" >&2
exit 1
