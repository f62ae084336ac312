# shellcheck shell=bash
# tests/lib.sh: the one shell library of the test suites (see README.md).
# Sourced by every bash suite. Reports results in the one contract (`ok
# NAME`, `FAIL NAME: reason`, last `N passed, N failed`), waits for
# conditions with a bound, reads process trees from /proc. Never signals a
# process it was not given by pid.

PASSED=0
FAILED=0
SKIPPED=0

# ---- results ---------------------------------------------------------------

# pass NAME [DETAIL]: the line `ok NAME[: DETAIL]`, counted.
pass() {
	echo "ok $1${2:+: $2}"
	PASSED=$((PASSED + 1))
}

# flunk NAME REASON: the line `FAIL NAME: REASON`, counted.
flunk() {
	echo "FAIL $1: $2"
	FAILED=$((FAILED + 1))
}

# skip_test NAME REASON: the line `skip NAME: REASON`, counted apart.
skip_test() {
	echo "skip $1: $2"
	SKIPPED=$((SKIPPED + 1))
}

# summary: the closing line `N passed, N failed` (`, N skipped` if any);
# returns 1 if a test failed.
summary() {
	local s=
	[ "$SKIPPED" -eq 0 ] || s=", $SKIPPED skipped"
	echo "$PASSED passed, $FAILED failed$s"
	[ "$FAILED" -eq 0 ]
}

# setup_fail REASON: the suite cannot run at all: one FAIL line, the closing
# line, exit 1.
setup_fail() {
	flunk setup "$1"
	summary
	exit 1
}

# fail REASON: inside a test, ends it with REASON (written to $REASON, read
# back by run_test).
fail() {
	printf '%s\n' "$*" >"${REASON:-/dev/stderr}"
	exit 1
}

# run_case NAME CMD...: runs one test, CMD, with stdin /dev/null and its
# output in $TEST_LOG, and prints its result line: ok when CMD exits 0
# (with the lines of $FIGURES, if any, after a colon), skip for 77, else
# FAIL with the first lines of $REASON, or a timeout (124, 137: killed by
# `timeout -k`), or the end of the log. VERBOSE=1 prints the end of a failed
# test's log.
run_case() {
	local name=$1 rc=0 why figures=
	shift
	: >"$REASON"
	[ -z "${FIGURES:-}" ] || : >"$FIGURES"
	# Not `"$@" || rc=$?`: that would turn off `set -e` inside CMD.
	case $- in *e*) set +e; "$@" >"$TEST_LOG" 2>&1 </dev/null; rc=$?; set -e ;;
	*) "$@" >"$TEST_LOG" 2>&1 </dev/null; rc=$? ;;
	esac
	[ ! -s "${FIGURES:-}" ] || figures=$(paste -sd ';' "$FIGURES" | sed 's/;/; /g')
	why=$(head -n 3 "$REASON" | paste -sd ' ')
	case $rc in
	0)
		pass "$name" "$figures"
		return 0 ;;
	77)
		skip_test "$name" "$why"
		return 0 ;;
	esac
	if [ -z "$why" ]; then
		case $rc in
		124 | 137) why="timed out after ${TEST_TIMEOUT}s" ;;
		*) why="exit status $rc: $(tail -n 2 "$TEST_LOG" | paste -sd ' ')" ;;
		esac
	fi
	flunk "$name" "$why${figures:+; $figures}"
	[ -z "${VERBOSE:-}" ] || tail -n 30 "$TEST_LOG" | sed 's/^/    /'
	return 0
}

# select_tests FILE... -- FILTER...: the names of the test_NAME functions
# defined in FILE..., only those containing one of the FILTER words if any.
select_tests() {
	local files=() name f
	while [ $# -gt 0 ] && [ "$1" != -- ]; do files+=("$1"); shift; done
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
now_ms() {
	local t=${EPOCHREALTIME//[!0-9]/}
	echo $((t / 1000))
}

# to_ms SECS: "2" or "0.5" -> milliseconds.
to_ms() {
	local i=${1%%.*} f=0
	case $1 in *.*) f=${1#*.}000; f=${f:0:3} ;; esac
	echo $((${i:-0} * 1000 + 10#$f))
}

# wait_for SECS CMD...: retry CMD every WAIT_POLL seconds (default 0.02)
# until it succeeds; 1 after SECS (the one bounded wait for a condition).
wait_for() {
	local end
	end=$(($(now_ms) + $(to_ms "$1")))
	shift
	until "$@"; do
		[ "$(now_ms)" -lt "$end" ] || return 1
		sleep "${WAIT_POLL:-0.02}"
	done
}

# ---- processes (read /proc only) ---------------------------------------------

# alive PID: PID exists and is not a zombie; gone PID: the opposite.
alive() {
	local s
	{ read -r s <"/proc/$1/stat"; } 2>/dev/null || return 1
	s=${s##*) }
	[ "${s%% *}" != Z ]
}
gone() { ! alive "$1"; }

# wait_pid PID SECS: wait for PID, a child of this shell, to end, at most
# SECS; sets WAIT_STATUS; returns 1 if it is still running.
wait_pid() {
	wait_for "$2" gone "$1" || return 1
	WAIT_STATUS=0
	# shellcheck disable=SC2034 # read by the callers
	wait "$1" || WAIT_STATUS=$?
}

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

# kill_trees PID...: SIGKILL each PID and its descendants (cleanup at the
# end of a test: only what the test started, named by pid), then reap.
kill_trees() {
	local p q
	for p in "$@"; do
		[ -n "$p" ] || continue
		for q in $(descendants "$p") "$p"; do
			kill -KILL "$q" 2>/dev/null || true
		done
	done
	wait 2>/dev/null || true
}

# ---- C helper programs -------------------------------------------------------

# build_helpers DIR NAME...: compile tests/helpers/NAME.c into DIR/NAME;
# on a compiler error, the suite's setup fails.
build_helpers() {
	local dir=$1 src=${BASH_SOURCE[0]%/*}/helpers c name
	shift
	for name in "$@"; do
		c=$src/$name.c
		# rawsig.c: the raw signal calls some helpers share.
		if ! ${CC:-cc} -O2 -Wall -Wextra -Werror -o "$dir/$name" "$c" \
			"$src/rawsig.c" 2>"$dir/cc.log"; then
			setup_fail "cannot compile helpers/$name.c: $(head -c 500 "$dir/cc.log")"
		fi
	done
}
