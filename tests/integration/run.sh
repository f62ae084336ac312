#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Integration tests: init-lite runs as PID 1 of a new PID namespace
# (unshare --pid --fork --mount-proc, as root), or not as PID 1 (-s, or to
# see the warning; then as pid 2 under a shell in a namespace, see
# start_host in lib.sh), and is signalled from outside the way `docker kill`
# does it. The t_*.sh files hold the tests (functions test_NAME), lib.sh the
# shared helpers, helpers/*.c the small programs they run.
#
#   INIT_LITE=/abs/path/init-lite bash tests/integration/run.sh [FILTER...]
#
# FILTER: run only the tests whose name contains one of the words.
# TEST_TIMEOUT (default 30) bounds each test in seconds; KEEP=1 keeps the
# temp dirs; VERBOSE=1 prints the output of failed tests.
# Prints `ok NAME` or `FAIL NAME: reason` per test, then `N passed, N failed`.
set -eu

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
INIT_LITE=${INIT_LITE:-$HERE/../../build/init-lite}
export INIT_LITE

if [ "${1-}" = --one ]; then
	# One test, in this process (run.sh calls itself under `timeout`).
	set -E
	# shellcheck source=lib.sh
	. "$HERE/lib.sh"
	for f in "$HERE"/t_*.sh; do
		# shellcheck disable=SC1090 # the test files are found at run time
		. "$f"
	done
	run_one "$2"
	exit 0
fi

passed=0
failed=0
summary() { echo "$passed passed, $failed failed"; }

if [ "$(id -u)" -ne 0 ]; then
	echo "FAIL setup: the integration tests need root (unshare --pid)"
	failed=1; summary; exit 1
fi
if [ ! -x "$INIT_LITE" ]; then
	echo "FAIL setup: INIT_LITE=$INIT_LITE is not an executable file"
	failed=1; summary; exit 1
fi
case $INIT_LITE in
/*) ;;
*) INIT_LITE=$(cd "$(dirname "$INIT_LITE")" && pwd)/$(basename "$INIT_LITE") ;;
esac

H=$(mktemp -d /tmp/init-lite-helpers.XXXXXX)
trap 'rm -rf "$H"' EXIT
export H
for c in "$HERE"/helpers/*.c; do
	name=$(basename "$c" .c)
	[ "$name" = rawsig ] && continue
	if ! ${CC:-cc} -O2 -Wall -Wextra -Werror -o "$H/$name" "$c" \
		"$HERE/helpers/rawsig.c" 2>"$H/cc.log"; then
		echo "FAIL setup: cannot compile helpers/$name.c: $(head -c 500 "$H/cc.log")"
		failed=1; summary; exit 1
	fi
done

# Test a private copy: a rebuild during the run must not change the binary.
mkdir "$H/bin"
cp "$INIT_LITE" "$H/bin/"
INIT_LITE=$H/bin/$(basename "$INIT_LITE")

tests=$(sed -n 's/^test_\([a-z0-9_]*\)() {.*/\1/p' "$HERE"/t_*.sh)
for name in $tests; do
	if [ $# -gt 0 ]; then
		want=
		for f in "$@"; do
			case $name in *"$f"*) want=1 ;; esac
		done
		[ -n "$want" ] || continue
	fi
	export REASON=$H/reason
	rm -f "$REASON"
	rc=0
	# The test's shell is a subreaper: what a test leaves behind ends up
	# there and is reaped, not left to the host's PID 1.
	timeout -k 5 "${TEST_TIMEOUT:-30}" "$H/subreaper" bash "$HERE/run.sh" --one "$name" \
		>"$H/log" 2>&1 || rc=$?
	if [ "$rc" -eq 0 ]; then
		echo "ok $name"
		passed=$((passed + 1))
		continue
	fi
	if [ -s "$REASON" ]; then
		why=$(head -n 3 "$REASON" | tr '\n' ' ')
	elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		why="timed out after ${TEST_TIMEOUT:-30}s"
	else
		why="exit status $rc: $(tail -n 2 "$H/log" | tr '\n' ' ')"
	fi
	echo "FAIL $name: $why"
	[ -z "${VERBOSE:-}" ] || sed 's/^/    /' "$H/log"
	failed=$((failed + 1))
done

summary
[ "$failed" -eq 0 ]
