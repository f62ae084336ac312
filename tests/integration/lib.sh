# shellcheck shell=bash
# Helpers of the integration tests only (the shared ones are in
# tests/lib.sh), sourced by run.sh in the process that runs one test. Set by
# run.sh: INIT_LITE (the init under test), H (the compiled helpers), REASON
# (file that receives the failure reason).
# Each test runs in its own temp dir $T; the pids it starts are killed and
# $T removed when it ends, whatever the outcome.

# INIT_LITE_EXE: the executable that shows in /proc/PID/exe when INIT_LITE is
# a wrapper (an emulator running the arm64 build: tests/packaging).
INIT_REAL=$(readlink -f "${INIT_LITE_EXE:-$INIT_LITE}")
UPID=     # the process started in the background (unshare, or init itself)
IPID=     # init-lite's host pid
STATUS=   # exit status of $UPID, set by wait_exit
CLEAN_PIDS=()

# nap [SECS]: a short sleep between two polls.
nap() { sleep "${1:-0.02}"; }

# between V LO HI: LO <= V <= HI.
between() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

has_children() { [ -n "$(children "$1")" ]; }
no_children() { [ -z "$(children "$1")" ]; }

# pause_ready: init-lite --pause has no program to say it has started. A
# PID namespace's init drops a signal it has no handler for until it has
# blocked it, so a TERM sent too early is lost: an orphan handed to it and
# reaped proves init-lite is in its loop, with its signals blocked.
pause_ready() {
	nsenter -t "$IPID" -p -- sh -c 'sleep 0.1 & exit 0' </dev/null \
		>/dev/null 2>&1
	wait_for 20 no_children "$IPID" ||
		fail "--pause: init-lite did not reap an orphan within 20 s"
}

# find_comm PID NAME: first descendant of PID whose comm is NAME.
find_comm() {
	local p c
	for p in $(descendants "$1"); do
		{ read -r c <"/proc/$p/comm"; } 2>/dev/null || continue
		[ "$c" = "$2" ] && { echo "$p"; return 0; }
	done
	return 1
}

# wait_file FILE [SECS]: until FILE exists, or fail.
wait_file() {
	wait_for "${2:-5}" test -e "$1" || fail "timed out waiting for $(basename "$1")"
}

# has_line FILE LINE: FILE holds LINE as a whole line.
has_line() { [ -e "$1" ] && grep -qxF -- "$2" "$1"; }

# lines_ge FILE LINE N: FILE holds LINE at least N times.
lines_ge() { [ "$(count_lines "$1" "$2")" -ge "$3" ]; }

count_lines() {
	if [ -e "$1" ]; then grep -cxF -- "$2" "$1" || true; else echo 0; fi
}

# start CMD...: run CMD in the background (stdin /dev/null, stdout $T/out,
# stderr $T/err) and wait until init-lite runs in it: UPID is CMD's pid,
# IPID the pid of init-lite (CMD itself or its child, e.g. under unshare).
# Fails if CMD ends first, unless EARLY_EXIT_OK is set: a test whose program
# ends by itself must set it, since on a busy machine init-lite may have
# done all its work before the first look. ERR_FD: send stderr to that
# descriptor instead.
start() {
	if [ -n "${ERR_FD:-}" ]; then
		"$@" </dev/null >"$T/out" 2>&"$ERR_FD" &
	else
		"$@" </dev/null >"$T/out" 2>"$T/err" &
	fi
	UPID=$!
	CLEAN_PIDS+=("$UPID")
	IPID=
	wait_for 5 started || fail "init-lite did not start: $(head -c 300 "$T/err")"
	if [ -z "$IPID" ] && [ -z "${EARLY_EXIT_OK:-}" ]; then
		wait_exit 1
		fail "init-lite ended at once, status $STATUS: $(head -c 300 "$T/err")"
	fi
	[ -z "$IPID" ] || CLEAN_PIDS+=("$IPID")
}

started() { find_init || exited; }

# find_init: init-lite is $UPID itself, its child (under unshare) or its
# grandchild (under unshare and a shell); deeper is the program's tree.
find_init() { IPID=$(find_exe "$UPID" "$INIT_REAL"); }

# split_env ARGS...: leading VAR=VALUE words go to ENVS, the rest to ARGS.
split_env() {
	ENVS=()
	ARGS=()
	while [ $# -gt 0 ] && [[ $1 =~ ^[A-Z_][A-Z0-9_]*= ]]; do
		ENVS+=("$1")
		shift
	done
	ARGS=("$@")
}

# start_ns [VAR=VALUE...] INIT-ARGS...: init-lite as PID 1 of a new PID
# namespace, started with a clean signal state (nothing blocked or ignored).
start_ns() {
	split_env "$@"
	start env "${ENVS[@]}" "$H/sigwrap" -- \
		unshare --pid --fork --mount-proc "$INIT_LITE" "${ARGS[@]}"
}

# start_host [VAR=VALUE...] INIT-ARGS...: init-lite not as PID 1, as on a
# host (with -s, or to see the not-PID-1 warning). It runs as pid 2 of a new
# PID namespace whose PID 1 is a shell: for init-lite that is the same as a
# host, but a bug that made it signal processes outside its own tree (a
# stray kill(-1)) can only hurt that namespace, never the machine the tests
# run on. The shell first runs $PRE (if set) in the background, exits with
# init-lite's status and writes it to $T/init.status; while $T/init.hold
# exists it waits before exiting, keeping the namespace alive.
start_host() {
	split_env "$@"
	# shellcheck disable=SC2016 # expanded by the namespace's shell
	start env "${ENVS[@]}" PRE="${PRE:-}" "$H/sigwrap" -- \
		unshare --pid --fork --mount-proc sh -c '
			[ -z "$PRE" ] || eval "$PRE &"
			"$@"
			s=$?
			echo $s >"$0.status"
			while [ -e "$0.hold" ]; do sleep 0.05; done
			exit $s' "$T/init" "$INIT_LITE" "${ARGS[@]}"
}

# wait_exit [SECS]: wait for $UPID to end and set STATUS, or fail.
wait_exit() {
	wait_pid "$UPID" "${1:-5}" || fail "init-lite still running after ${1:-5}s"
	STATUS=$WAIT_STATUS
}

exited() { gone "$UPID"; }

# run_ns [VAR=VALUE...] INIT-ARGS...: start_ns and wait_exit.
run_ns() {
	EARLY_EXIT_OK=1 start_ns "$@"
	wait_exit 10
}

# run_host [VAR=VALUE...] INIT-ARGS...: start_host and wait_exit.
run_host() {
	EARLY_EXIT_OK=1 start_host "$@"
	wait_exit 10
}

expect_status() {
	[ "$STATUS" = "$1" ] || fail "${2:-}exit status $STATUS, expected $1; stderr: $(head -c 300 "$T/err")"
}

# main_child: host pid of init-lite's child (the first one).
main_child() {
	local c
	c=$(children "$IPID")
	echo "${c%% *}"
}

cleanup() {
	kill_trees "${CLEAN_PIDS[@]}"
	cd /
	[ -n "${KEEP:-}" ] || rm -rf "$T"
}

# run_one NAME: run test_NAME in a fresh temp dir.
run_one() {
	T=$(mktemp -d /tmp/init-lite-it.XXXXXX)
	trap cleanup EXIT
	trap 'exit 124' TERM INT
	trap 'fail "line $LINENO: command failed: $BASH_COMMAND"' ERR
	cd "$T" || exit 1
	"test_$1"
}

# usage_error_why LINE: after run_ns of a bad input (LINE as the test
# wrote it), why it was not a proper usage error: exit 125, the program
# ($T/marker) not run, one line on stderr, naming the variable when LINE
# sets one. Empty when it was.
usage_error_why() {
	if [ "$STATUS" != 125 ]; then
		echo "exit $STATUS"
	elif [ -e "$T/marker" ]; then
		echo "the program ran"
	elif [ "$(wc -l <"$T/err")" -ne 1 ]; then
		echo "$(wc -l <"$T/err") lines on stderr"
	elif [[ $1 =~ ^([A-Z_]+)= ]] && ! grep -q "${BASH_REMATCH[1]}" "$T/err"; then
		echo "message does not name ${BASH_REMATCH[1]}: $(cat "$T/err")"
	fi
}
