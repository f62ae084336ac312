#!/usr/bin/env bash
# Stress tests (make check-stress): init-lite as PID 1 of a new PID namespace
# under storms of orphans and signals, without the right to fork, and with
# its standard descriptors closed. As root; about 30 s on 2 cores.
#
#   INIT_LITE=/abs/path/init-lite bash tests/stress/run.sh [FILTER...]
#
# STRESS_ORPHANS (default 100000) and STRESS_SIGNALS (default 10000) set the
# sizes; TEST_TIMEOUT (default 300) bounds each test in seconds. Prints
# `ok NAME: figures` or `FAIL NAME: reason` per test, then
# `N passed, N failed`.
set -eu

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
INIT_LITE=${INIT_LITE:-$HERE/../../build/init-lite}
ORPHANS=${STRESS_ORPHANS:-100000}
SIGNALS=${STRESS_SIGNALS:-10000}
export INIT_LITE ORPHANS SIGNALS

# shellcheck source=tests/lib.sh
. "$HERE/../lib.sh"

# ---- one test, in its own process (run.sh --one NAME DIR) -------------------
if [ "${1-}" = --one ]; then
	NAME=$2
	T=$3
	H=$4
	cd "$T"
	BG=()
	REASON=$T/reason
	FIGURES=$T/figures
	# shellcheck source=tests/stress/lib.sh
	. "$HERE/lib.sh"
	trap 'kill_trees "${BG[@]}"' EXIT
	# shellcheck source=tests/stress/tests.sh
	. "$HERE/tests.sh"
	"test_$NAME"
	exit 0
fi

# ---- the driver ------------------------------------------------------------
[ "$(id -u)" -eq 0 ] ||
	setup_fail "the stress tests need root (PID namespaces, setpriv)"
[ -x "$INIT_LITE" ] || setup_fail "INIT_LITE=$INIT_LITE is not executable"
case $INIT_LITE in
/*) ;;
*) INIT_LITE=$(cd "$(dirname "$INIT_LITE")" && pwd)/$(basename "$INIT_LITE") ;;
esac

H=$(mktemp -d /tmp/init-lite-stress.XXXXXX)
chmod 755 "$H"
trap 'rm -rf "$H"' EXIT
build_helpers "$H" orphans sigstorm sink

TEST_TIMEOUT=${TEST_TIMEOUT:-300}
for name in $(select_tests "$HERE/tests.sh" -- "$@"); do
	T=$(mktemp -d "$H/$name.XXXXXX")
	chmod 755 "$T"
	REASON=$T/reason FIGURES=$T/figures TEST_LOG=$T/log VERBOSE=1 \
		run_case "$name" timeout -k 5 "$TEST_TIMEOUT" \
		bash "$HERE/run.sh" --one "$name" "$T" "$H"
done
summary
