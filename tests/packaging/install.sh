#!/bin/bash
# `make install` into a temporary DESTDIR puts the binary (mode 0755) and the
# man page (mode 0644) where PREFIX says, byte-identical to build/init-lite
# and init-lite.1, and the installed binary runs; `make uninstall` removes
# both. Tried with PREFIX=/usr/local and PREFIX=/usr, and with ARCH=arm64
# (the cross-built binary) when build/arm64/init-lite exists.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
MAKE=${MAKE:-make}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0
ok() { passes=$((passes + 1)); echo "install: ok: $*"; }
fail() { fails=$((fails + 1)); echo "install: FAIL: $*" >&2; }

check_file() { # PATH MODE ORIGINAL
	if [ ! -f "$1" ]; then
		fail "$1 not installed"
		return
	fi
	local mode
	mode=$(stat -c %a "$1")
	if [ "$mode" = "$2" ]; then ok "$1 mode $mode"; else fail "$1 mode $mode, want $2"; fi
	if cmp -s "$1" "$3"; then ok "$1 equals $3"; else fail "$1 differs from $3"; fi
}

for prefix in /usr/local /usr; do
	dest="$tmp/dest with space${prefix//\//_}"
	if ! "$MAKE" -s -C "$root" --no-print-directory install DESTDIR="$dest" \
		PREFIX="$prefix" >"$tmp/log" 2>&1; then
		fail "make install PREFIX=$prefix failed: $(tail -5 "$tmp/log")"
		continue
	fi
	bin="$dest$prefix/bin/init-lite"
	man="$dest$prefix/share/man/man1/init-lite.1"
	check_file "$bin" 755 "$root/build/init-lite"
	check_file "$man" 644 "$root/init-lite.1"
	if [ -x "$bin" ] && out=$("$bin" --version) &&
		[ "$out" = "$("$root/build/init-lite" --version)" ]; then
		ok "installed binary runs: $out"
	else
		fail "installed binary does not run or says something else"
	fi
	rendered=$(mandoc -Tascii "$man" 2>/dev/null | sed 's/.\x08//g' || true)
	if grep -q '^NAME' <<<"$rendered" && grep -q 'init-lite' <<<"$rendered"; then
		ok "installed man page renders"
	else
		fail "installed man page does not render"
	fi
	extra=$(find "$dest" -type f ! -path "$bin" ! -path "$man")
	if [ -z "$extra" ]; then ok "nothing else installed"; else fail "also installed: $extra"; fi

	if ! "$MAKE" -s -C "$root" --no-print-directory uninstall DESTDIR="$dest" \
		PREFIX="$prefix" >"$tmp/log" 2>&1; then
		fail "make uninstall PREFIX=$prefix failed: $(tail -5 "$tmp/log")"
		continue
	fi
	left=$(find "$dest" -type f)
	if [ -z "$left" ]; then ok "uninstall PREFIX=$prefix removed both files"; else fail "left after uninstall: $left"; fi
done

# ARCH=arm64 installs the cross-built binary instead.
if [ -f "$root/build/arm64/init-lite" ]; then
	dest="$tmp/arm64"
	if "$MAKE" -s -C "$root" --no-print-directory install ARCH=arm64 DESTDIR="$dest" \
		PREFIX=/usr >"$tmp/log" 2>&1; then
		check_file "$dest/usr/bin/init-lite" 755 "$root/build/arm64/init-lite"
	else
		fail "make install ARCH=arm64 failed: $(tail -5 "$tmp/log")"
	fi
fi

echo "install: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
