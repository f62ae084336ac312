#!/usr/bin/env bash
# Runs the integration suite against tini-static and checks that exactly
# the tests listed in tini-expected.txt fail there (proof that the tests for
# what tini lacks can fail, and that the others test what tini does too).
#   TINI=/usr/bin/tini-static bash tests/integration/vs-tini.sh
set -eu
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TINI=${TINI:-/usr/bin/tini-static}
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
[ -x "$TINI" ] || setup_fail "$TINI not found (Debian package tini)"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
INIT_LITE=$TINI bash "$HERE/run.sh" >"$out" 2>&1 || true
expected=$(sed -n 's/^\([a-z0-9_]*\)\t.*/\1/p' "$HERE/tini-expected.txt")
while read -r word name rest; do
	case $word in
	ok) result=pass ;;
	FAIL) result=fail ;;
	*) continue ;;
	esac
	name=${name%:}
	if grep -qx "$name" <<<"$expected"; then
		if [ "$result" = fail ]; then
			pass "$name" "fails on tini: $rest"
		else
			flunk "$name" "passes on tini, which lacks the feature: the test cannot fail"
		fi
	elif [ "$result" = pass ]; then
		pass "$name" "passes on tini too"
	elif INIT_LITE=$TINI bash "$HERE/run.sh" "$name" 2>&1 |
		grep -qx "ok $name"; then
		# A test tini should pass failed once: try it again alone, so
		# that a timing miss on a loaded machine is not taken for a
		# broken test (a real one fails twice).
		pass "$name" "passes on tini too, at the second try"
	else
		flunk "$name" "fails on tini, which should pass it: $rest"
	fi
done <"$out"
for name in $expected; do
	grep -q "^[a-zA-Z]* $name\b" "$out" ||
		flunk "$name" "listed in tini-expected.txt but did not run"
done
summary
