# shellcheck shell=bash
# tests/lib.sh: the one shell library of the test suites (tests/README.md).
# Result lines in the one contract (`ok NAME`, `FAIL NAME: reason`, last
# `N passed, N failed`), bounded waits, process trees read from /proc. It
# signals only the pids it is given.

PASSED=0 FAILED=0 SKIPPED=0

# ---- results ---------------------------------------------------------------
# pass NAME [DETAIL], flunk NAME REASON, skip_test NAME REASON: one counted
# line: `ok NAME[: DETAIL]`, `FAIL NAME: REASON`, `skip NAME: REASON`.
pass() { echo "ok $1${2:+: $2}"; PASSED=$((PASSED + 1)); }
flunk() { echo "FAIL $1: $2"; FAILED=$((FAILED + 1)); }
skip_test() { echo "skip $1: $2"; SKIPPED=$((SKIPPED + 1)); }

# summary: the closing line (`, N skipped` if any); 1 if a test failed.
summary() {
	local s=
	[ "$SKIPPED" -eq 0 ] || s=", $SKIPPED skipped"
	echo "$PASSED passed, $FAILED failed$s"
	[ "$FAILED" -eq 0 ]
}

# setup_fail REASON: the suite cannot run: a FAIL line, the closing line.
setup_fail() { flunk setup "$1"; summary; exit 1; }

# fail REASON: ends the current test (a process of its own) with REASON,
# written to $REASON for run_case.
fail() { printf '%s\n' "$*" >"${REASON:-/dev/stderr}"; exit 1; }

# run_case NAME CMD...: runs one test, CMD (stdin /dev/null, output in
# $TEST_LOG), and prints its result: ok (with the lines of $FIGURES, if
# set), skip for status 77, else FAIL with the first lines of $REASON, a
# timeout (124, 137: `timeout -k`) or the end of the log. VERBOSE=1 shows
# the end of a failed test's log.
run_case() {
	local name=$1 rc why figures=
	shift
	: >"$REASON"
	[ -z "${FIGURES:-}" ] || : >"$FIGURES"
	# Not `"$@" || rc=$?`: that would turn off `set -e` inside CMD.
	case $- in *e*) set +e; "$@" >"$TEST_LOG" 2>&1 </dev/null; rc=$?; set -e ;;
	*) "$@" >"$TEST_LOG" 2>&1 </dev/null; rc=$? ;;
	esac
	[ ! -s "${FIGURES:-}" ] || figures=$(paste -sd ';' "$FIGURES" | sed 's/;/; /g')
	why=$(head -n 3 "$REASON" | paste -sd ' ')
	case $rc:$why in
	0:*) pass "$name" "$figures"; return 0 ;;
	77:*) skip_test "$name" "$why"; return 0 ;;
	124: | 137:) why="timed out after ${TEST_TIMEOUT}s" ;;
	*:) why="exit status $rc: $(tail -n 2 "$TEST_LOG" | paste -sd ' ')" ;;
	esac
	flunk "$name" "$why${figures:+; $figures}"
	[ -z "${VERBOSE:-}" ] || tail -n 30 "$TEST_LOG" | sed 's/^/    /'
}

# select_tests FILE... -- WORD...: the NAMEs of the test_NAME functions in
# FILE..., those containing one of the WORDs if any.
select_tests() {
	local files=() name f
	while [ "$1" != -- ]; do files+=("$1"); shift; done
	shift
	sed -n 's/^test_\([a-z0-9_]*\)() {.*/\1/p' "${files[@]}" | while read -r name; do
		[ $# -gt 0 ] || { echo "$name"; continue; }
		for f in "$@"; do
			case $name in *"$f"*) echo "$name"; break ;; esac
		done
	done
}

# ---- time and waiting ------------------------------------------------------
# now_ms: wall clock in milliseconds, without forking.
now_ms() { local t=${EPOCHREALTIME//[!0-9]/}; echo $((t / 1000)); }

# to_ms SECS: "2" or "0.5" -> milliseconds.
to_ms() {
	local i=${1%%.*} f=0
	case $1 in *.*) f=${1#*.}000; f=${f:0:3} ;; esac
	echo $((${i:-0} * 1000 + 10#$f))
}

# wait_for SECS CMD...: the one bounded wait: retries CMD every WAIT_POLL
# seconds (0.02) until it succeeds; 1 after SECS.
wait_for() {
	local end=$(($(now_ms) + $(to_ms "$1")))
	shift
	until "$@"; do
		[ "$(now_ms)" -lt "$end" ] || return 1
		sleep "${WAIT_POLL:-0.02}"
	done
}

# wait_pid PID SECS: waits (at most SECS) for PID, a child of this shell,
# to end and sets WAIT_STATUS; 1 if it still runs.
wait_pid() {
	wait_for "$2" gone "$1" || return 1
	WAIT_STATUS=0
	# shellcheck disable=SC2034 # read by the callers
	wait "$1" || WAIT_STATUS=$?
}

# ---- processes: read /proc only, except kill_trees -------------------------
# proc_field PID N: field N of /proc/PID/stat, counted from 1 after the
# command name as in proc(5) (3 state, 4 ppid, 5 pgrp, 8 tpgid); "" if gone.
proc_field() {
	local s n=$2
	{ read -r s <"/proc/$1/stat"; } 2>/dev/null || return 0
	s=${s##*) }
	# shellcheck disable=SC2086 # split the fields on purpose
	set -- $s
	shift $((n - 3))
	echo "$1"
}

# proc_status PID KEY: the first word of KEY's value in /proc/PID/status
# ("" if none). Read whole: `read` line by line seeks back after each line,
# and the kernel makes the file again for each seek; when a line changed
# length meanwhile (SigQ, State), the next line read was cut and KEY missed.
proc_status() {
	local s
	s=$'\n'$(cat "/proc/$1/status" 2>/dev/null)
	case $s in *$'\n'"$2":*) ;; *) return 0 ;; esac
	s=${s#*$'\n'"$2":}
	s=${s%%$'\n'*}
	# shellcheck disable=SC2086 # the first word
	set -- $s
	echo "${1-}"
}

in_state() { [ "$(proc_field "$1" 3)" = "$2" ]; }
# alive PID: it exists and is not a zombie; gone PID: the opposite.
alive() { [ -n "$(proc_field "$1" 3)" ] && ! in_state "$1" Z; }
gone() { ! alive "$1"; }

# children PID: direct children (zombies included), space separated.
children() {
	local f c out=
	for f in /proc/"$1"/task/*/children; do
		c=
		# no newline at the end: read fails but fills c
		{ read -r c <"$f"; } 2>/dev/null || true
		out="$out $c"
	done
	# shellcheck disable=SC2086 # trim and join with single spaces
	echo $out
}

# descendants PID: every descendant, parents first, one per line (no
# subshell per process: trees of 1000 orphans are walked quickly).
descendants() {
	local queue=("$1") found=() p f line k
	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		for f in /proc/"$p"/task/*/children; do
			line=
			{ read -r line <"$f"; } 2>/dev/null || true
			for k in $line; do
				found+=("$k")
				queue+=("$k")
			done
		done
	done
	[ ${#found[@]} -eq 0 ] || printf '%s\n' "${found[@]}"
}

# find_exe PID EXE: the first of PID, its children and grandchildren that
# runs EXE (init-lite under unshare, or under unshare and a shell).
find_exe() {
	local p c
	for p in "$1" $(children "$1") $(for c in $(children "$1"); do children "$c"; done); do
		[ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$2" ] &&
			{ echo "$p"; return 0; }
	done
	return 1
}

# kill_trees PID...: the cleanup: SIGKILL to each PID (what a test started)
# and its descendants, then reap.
kill_trees() {
	local p q
	for p in "$@"; do
		for q in $(descendants "$p") "$p"; do
			kill -KILL "$q" 2>/dev/null || true
		done
	done
	wait 2>/dev/null || true
}

# build_helpers DIR NAME...: compiles tests/helpers/NAME.c (with rawsig.c,
# the raw signal calls some share) into DIR/NAME, or fails the setup.
build_helpers() {
	local dir=$1 src=${BASH_SOURCE[0]%/*}/helpers name
	shift
	for name in "$@"; do
		${CC:-cc} -O2 -Wall -Wextra -Werror -o "$dir/$name" "$src/$name.c" \
			"$src/rawsig.c" 2>"$dir/cc.log" ||
			setup_fail "cannot compile helpers/$name.c: $(head -c 500 "$dir/cc.log")"
	done
}

# report_from_log PREFIX LOG NAME...: each NAME's result in LOG (a suite's
# output) reported as this suite's own, through its ok and fail: ok, FAIL
# with the reason, skip (named PREFIX/NAME), or FAIL "did not run".
report_from_log() {
	local prefix=$1 log=$2 t line
	shift 2
	for t in "$@"; do
		line=$(grep -E "^(ok|FAIL|skip) $t(:|\$)" "$log" | head -1)
		case $line in
		"ok $t" | "ok $t:"*) ok "$t" ;;
		"FAIL $t:"*) fail "$t" "${line#FAIL "$t": }" ;;
		"skip $t:"*) skip_test "$prefix/$t" "${line#skip "$t": }" ;;
		*) fail "$t" "did not run: $(tail -2 "$log" | tr '\n' ' ')" ;;
		esac
	done
}
