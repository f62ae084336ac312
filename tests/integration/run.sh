#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Integration tests: init-lite runs as PID 1 of a new PID namespace
# (unshare --pid --fork --mount-proc, as root), or not as PID 1 (-s, or to
# see the warning; then as pid 2 under a shell in a namespace, see
# start_host in lib.sh), and is signalled from outside the way `docker kill`
# does it. The t_*.sh files hold the tests (functions test_NAME), lib.sh the
# helpers of these tests only (tests/lib.sh the shared ones), and
# tests/helpers/*.c the small programs they run.
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

# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

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

[ "$(id -u)" -eq 0 ] ||
	setup_fail "the integration tests need root (unshare --pid)"
[ -x "$INIT_LITE" ] ||
	setup_fail "INIT_LITE=$INIT_LITE is not an executable file"
case $INIT_LITE in
/*) ;;
*) INIT_LITE=$(cd "$(dirname "$INIT_LITE")" && pwd)/$(basename "$INIT_LITE") ;;
esac

H=$(mktemp -d /tmp/init-lite-helpers.XXXXXX)
trap 'rm -rf "$H"' EXIT
export H
build_helpers "$H" flusher orphans recorder sigq sigwrap subreaper tryroot userns

# Test a private copy: a rebuild during the run must not change the binary.
mkdir "$H/bin"
cp "$INIT_LITE" "$H/bin/"
INIT_LITE=$H/bin/$(basename "$INIT_LITE")

export REASON=$H/reason
TEST_LOG=$H/log
TEST_TIMEOUT=${TEST_TIMEOUT:-30}
for name in $(select_tests "$HERE"/t_*.sh -- "$@"); do
	# The test's shell is a subreaper: what a test leaves behind ends up
	# there and is reaped, not left to the host's PID 1.
	run_case "$name" timeout -k 5 "$TEST_TIMEOUT" \
		"$H/subreaper" bash "$HERE/run.sh" --one "$name"
done
summary
