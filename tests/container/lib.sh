# shellcheck shell=bash
# Harness of the container tests, sourced by run.sh: result lines, one log
# per test, figures, and the list of what to remove at the end.
# Each test is a function run in a subshell with `set -e`; it stops itself
# with `die REASON` or `skip REASON`, and any unexpected failing command
# fails it too (the reason is then the last line of its log).

# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# die and until_true: the names these tests use for fail and wait_for.
die() { fail "$@"; }
# Polls every 0.1 s: each poll may ask dockerd.
until_true() { WAIT_POLL=0.1 wait_for "$@"; }
skip() { printf '%s\n' "$*" >"$REASON"; exit 77; }
# A figure worth reporting, printed as a comment after the result line.
# CONTAINER_TEST_TIMES=1 adds each test's duration.
note() { printf '# %s\n' "$*" >>"$T/notes"; }

# run_test NAME FUNCTION [ARGS...]
run_test() {
	local name=$1 t0
	shift
	: >"$T/notes"
	t0=$(now_ms)
	REASON=$T/reason TEST_LOG=$T/log/$name VERBOSE=1 \
		run_case "$name" in_subshell "$@"
	[ -z "${CONTAINER_TEST_TIMES:-}" ] ||
		note "$name took $(( $(now_ms) - t0 )) ms"
	cat "$T/notes"
}
in_subshell() { (set -e; "$@"); }

# A whole group that cannot run: one skip line.
skip_group() { skip_test "$@"; }

# engine_missing ENGINE REASON: an engine that cannot run here is a failure,
# unless CONTAINER_SKIP (words: runc docker podman cri) names it; then it is
# one skip line. Never a silent skip.
engine_missing() {
	case " ${CONTAINER_SKIP:-} " in
	*" $1 "*)
		skip_group "$1" "$2 (CONTAINER_SKIP)" ;;
	*)
		flunk "$1" "$2 (set CONTAINER_SKIP=\"$1\" to skip it)" ;;
	esac
}

# engine_skipped ENGINE: CONTAINER_SKIP names it; says so in one skip line.
engine_skipped() {
	case " ${CONTAINER_SKIP:-} " in
	*" $1 "*)
		skip_group "$1" "CONTAINER_SKIP names it"
		return 0 ;;
	esac
	return 1
}

# orphans_sh WANT: a busybox sh snippet to run inside a container. It starts
# 5 orphans (`usleep 200000` whose parents exit at once, so they are
# re-parented to PID 1), waits until none of them is still running, then
# waits at most 3 s for the container's zombie count to become WANT, and
# prints that count. 0 is what a reaping PID 1 gives, 5 what `sleep` as
# PID 1 gives (the control that shows the count sees zombies).
orphans_sh() {
	cat <<EOF
zombies() { cat /proc/[0-9]*/stat 2>/dev/null |
	awk '{ s = \$0; sub(/.*\\) /, "", s); if (substr(s, 1, 1) == "Z") n++ } END { print n + 0 }'; }
running() { cat /proc/[0-9]*/stat 2>/dev/null |
	awk '\$2 == "(usleep)" && \$3 != "Z" { n++ } END { print n + 0 }'; }
i=0; while [ \$i -lt 5 ]; do (usleep 200000 &); i=\$((i + 1)); done
i=0; while [ \$i -lt 100 ] && [ "\$(running)" -ne 0 ]; do usleep 100000; i=\$((i + 1)); done
i=0; while [ \$i -lt 30 ] && [ "\$(zombies)" -ne $1 ]; do usleep 100000; i=\$((i + 1)); done
zombies
EOF
}

# umount_under DIR: unmount whatever is mounted under DIR, deepest first.
umount_under() {
	local m
	awk -v d="$1" 'index($5, d "/") == 1 || $5 == d { print $5 }' \
		/proc/self/mountinfo | sort -r | while read -r m; do
		umount -l "$m" || true
	done
}
