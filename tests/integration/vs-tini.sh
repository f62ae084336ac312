#!/usr/bin/env bash
# Runs the integration suite against tini-static and checks that exactly
# the tests listed in tini-expected.txt fail there (proof that the tests for
# what tini lacks can fail, and that the others test what tini does too).
#   TINI=/usr/bin/tini-static bash tests/integration/vs-tini.sh
set -eu
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TINI=${TINI:-/usr/bin/tini-static}
passed=0
failed=0
if [ ! -x "$TINI" ]; then
	echo "FAIL setup: $TINI not found (Debian package tini)"
	echo "0 passed, 1 failed"
	exit 1
fi
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
			echo "ok $name (fails on tini: $rest)"
			passed=$((passed + 1))
		else
			echo "FAIL $name: passes on tini, which lacks the feature: the test cannot fail"
			failed=$((failed + 1))
		fi
	elif [ "$result" = pass ]; then
		echo "ok $name (passes on tini too)"
		passed=$((passed + 1))
	elif INIT_LITE=$TINI bash "$HERE/run.sh" "$name" 2>&1 |
		grep -qx "ok $name"; then
		# A test tini should pass failed once: try it again alone, so
		# that a timing miss on a loaded machine is not taken for a
		# broken test (a real one fails twice).
		echo "ok $name (passes on tini too, at the second try)"
		passed=$((passed + 1))
	else
		echo "FAIL $name: fails on tini, which should pass it: $rest"
		failed=$((failed + 1))
	fi
done <"$out"
for name in $expected; do
	grep -q "^[a-zA-Z]* $name\b" "$out" || {
		echo "FAIL $name: listed in tini-expected.txt but did not run"
		failed=$((failed + 1))
	}
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
