#!/usr/bin/env bash
# Stress tests (make check-stress): init-lite as PID 1 of a new PID namespace
# under storms of orphans and signals, without the right to fork, and with
# its standard descriptors closed. As root; about 30 s on 2 cores.
#
#   INIT_LITE=/abs/path/init-lite bash tests/stress/run.sh [FILTER...]
#
# STRESS_ORPHANS (default 100000) and STRESS_SIGNALS (default 10000) set the
# sizes; TEST_TIMEOUT (default 120) bounds each test in seconds. Prints
# `ok NAME: figures` or `FAIL NAME: reason` per test, then a summary.
set -eu

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
INIT_LITE=${INIT_LITE:-$HERE/../../build/init-lite}
ORPHANS=${STRESS_ORPHANS:-100000}
SIGNALS=${STRESS_SIGNALS:-10000}
export INIT_LITE ORPHANS SIGNALS

# ---- one test, in its own process (run.sh --one NAME DIR) -------------------
if [ "${1-}" = --one ]; then
	NAME=$2
	T=$3
	H=$4
	cd "$T"
	BG=()
	# shellcheck source=tests/stress/lib.sh
	. "$HERE/lib.sh"
	trap cleanup EXIT
	# shellcheck source=tests/stress/tests.sh
	. "$HERE/tests.sh"
	"test_$NAME"
	exit 0
fi

# ---- the driver ------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
	echo "FAIL setup: the stress tests need root (PID namespaces, setpriv)"
	exit 1
fi
[ -x "$INIT_LITE" ] || { echo "FAIL setup: INIT_LITE=$INIT_LITE is not executable"; exit 1; }
case $INIT_LITE in
/*) ;;
*) INIT_LITE=$(cd "$(dirname "$INIT_LITE")" && pwd)/$(basename "$INIT_LITE") ;;
esac

H=$(mktemp -d /tmp/init-lite-stress.XXXXXX)
chmod 755 "$H"
trap 'rm -rf "$H"' EXIT
for c in "$HERE"/helpers/*.c; do
	name=$(basename "$c" .c)
	if ! ${CC:-cc} -O2 -Wall -Wextra -Werror -o "$H/$name" "$c" 2>"$H/cc.log"; then
		echo "FAIL setup: cannot compile helpers/$name.c: $(head -c 500 "$H/cc.log")"
		exit 1
	fi
done

passed=0
failed=0
tests=$(sed -n 's/^test_\([a-z0-9_]*\)() {.*/\1/p' "$HERE/tests.sh")
for name in $tests; do
	if [ $# -gt 0 ]; then
		want=
		for f in "$@"; do
			case $name in *"$f"*) want=1 ;; esac
		done
		[ -n "$want" ] || continue
	fi
	T=$(mktemp -d "$H/$name.XXXXXX")
	chmod 755 "$T"
	rc=0
	timeout -k 5 "${TEST_TIMEOUT:-120}" bash "$HERE/run.sh" --one "$name" "$T" "$H" \
		>"$T/log" 2>&1 || rc=$?
	figures=
	[ -s "$T/figures" ] && figures=": $(paste -sd ';' "$T/figures" | sed 's/;/; /g')"
	if [ "$rc" -eq 0 ]; then
		echo "ok $name$figures"
		passed=$((passed + 1))
	else
		reason="exit status $rc"
		[ "$rc" -eq 124 ] && reason="timed out after ${TEST_TIMEOUT:-120}s"
		[ -s "$T/reason" ] && reason=$(cat "$T/reason")
		echo "FAIL $name: $reason$figures"
		sed 's/^/    /' "$T/log" | tail -n 20
		failed=$((failed + 1))
	fi
done
echo "stress: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
