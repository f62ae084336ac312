#!/bin/bash
# Runs the project's integration tests (tests/integration/run.sh) against the
# aarch64 binary under qemu-user-static, for the tests listed in
# ARM64_INTEGRATION_TESTS (default below); each of them must pass.
# The suite recognises init-lite by /proc/PID/exe, which under qemu-user is
# the emulator: INIT_LITE_EXE tells it so (tests/integration/lib.sh).
# Left out, because qemu-user (7.2), not init-lite, makes them fail (all
# three pass with the native binary):
#   forward_every_signal  signals 32 and 33 sent to the emulator never reach
#                         the emulated program
#   rewrite               a real-time signal sent by the emulated program
#                         reaches a host process with another number
#                         (SIGRTMIN+3, 37, arrived as 39)
#   signal_before_child   the test waits for init-lite to block its signals
#                         by reading SigBlk in /proc/PID/status, which under
#                         qemu is the emulator's own host mask, so its TERM
#                         can come before the emulated init-lite is ready
# and every test that needs -s: qemu answers PR_SET_CHILD_SUBREAPER with
# EINVAL.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BIN=${INIT_LITE_ARM64:-$root/build/arm64/init-lite}
QEMU=${QEMU:-qemu-aarch64-static}
TESTS=${ARM64_INTEGRATION_TESTS:-exit_code exit_signal remap_short remap_to exec_missing exec_not_executable rt_queued_100 rt_queued_mixed pgroup pgroup_env rewrite_env pdeathsig}
qemu=$(command -v "$QEMU") || { echo "arm64-integration: FAIL: $QEMU not found" >&2; exit 1; }
qemu=$(readlink -f "$qemu")
suite=$root/tests/integration
if [ ! -f "$suite/run.sh" ] || [ ! -f "$suite/lib.sh" ]; then
	echo "arm64-integration: FAIL: no integration suite in $suite" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$qemu" "$BIN" >"$tmp/init-lite"
chmod 0755 "$tmp/init-lite"

rc=0
# shellcheck disable=SC2086 # TESTS is a list of words
INIT_LITE=$tmp/init-lite INIT_LITE_EXE=$qemu bash "$suite/run.sh" $TESTS \
	>"$tmp/log" 2>&1 || rc=$?
sed 's/^/arm64-integration: /' "$tmp/log"
missing=
for t in $TESTS; do
	grep -qx "ok $t" "$tmp/log" || missing="$missing $t"
done
if [ "$rc" -ne 0 ] || [ -n "$missing" ]; then
	echo "arm64-integration: FAIL: status $rc; not passed:${missing:- (see above)}" >&2
	exit 1
fi
echo "arm64-integration: ok: $(wc -w <<<"$TESTS") integration tests pass under qemu-aarch64"
