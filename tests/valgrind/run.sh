#!/usr/bin/env bash
# make check-valgrind: valgrind memcheck of a dynamic glibc build of the
# same sources (-g; valgrind cannot follow a static musl binary's raw
# start-up as well), run as PID 1 of a new PID namespace (and once as a
# subreaper, for the /proc scan of descendants) over the scenarios below.
# Each must end with its expected status and zero errors: no invalid
# access, no uninitialised value reaching a branch or a system call, no
# leak (definite or indirect), in init-lite and in its child between fork
# and exec (valgrind follows the fork; after the exec the program runs
# natively).
#
#   VALGRIND_INIT=build/valgrind/init-lite bash tests/valgrind/run.sh
set -eu

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
INIT=${VALGRIND_INIT:-$HERE/../../build/valgrind/init-lite}
case $INIT in /*) ;; *) INIT=$PWD/$INIT ;; esac
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
[ -x "$INIT" ] || setup_fail "$INIT is not executable"
[ "$(id -u)" -eq 0 ] || setup_fail "needs root (unshare --pid)"
command -v valgrind >/dev/null || setup_fail "valgrind is not installed"

T=$(mktemp -d /tmp/init-lite-valgrind.XXXXXX)
BGPID=
cleanup() {
	kill_trees "$BGPID"
	rm -rf "$T"
}
trap cleanup EXIT

# shellcheck disable=SC2054 # the commas are valgrind's syntax
VG=(valgrind --error-exitcode=99 --leak-check=full
	--errors-for-leak-kinds=definite,indirect
	--show-leak-kinds=definite,indirect --child-silent-after-fork=no
	--trace-children=no)

# result NAME STATUS WANT: checks the status and valgrind's logs of NAME:
# one per process valgrind ran (init-lite, and its child until the exec).
# Every error report starts with an "at 0x..." frame; the main log must
# also end with "ERROR SUMMARY: 0 errors". A function check_NAME, if there
# is one, adds a condition of its own: it prints what is wrong.
result() {
	local name=$1 status=$2 want=$3 errs=0 summary='' f n extra=
	for f in "$T/$name".vg.*; do
		[ -e "$f" ] || continue
		n=$(grep -cE '^==[0-9]+== +at 0x' "$f" || true)
		errs=$((errs + n))
		grep -q 'ERROR SUMMARY: 0 errors' "$f" && summary=$f
	done
	! declare -F "check_$name" >/dev/null || extra=$("check_$name")
	if [ "$status" = "$want" ] && [ "$errs" -eq 0 ] && [ -n "$summary" ] &&
		[ -z "$extra" ]; then
		pass "$name" "status $status, 0 errors, $(grep -h -m1 -E 'All heap blocks were freed|definitely lost' "$summary" | sed 's/^==[0-9]*== *//')"
	else
		flunk "$name" "${extra:+$extra; }status $status (want $want), $errs valgrind error reports${summary:- and no ERROR SUMMARY: 0 errors}"
		for f in "$T/$name".vg.*; do
			[ -e "$f" ] && grep -vE '^==[0-9]+== *$' "$f" | sed -n '5,40p' | sed 's/^/    /'
		done
		sed 's/^/    stderr: /' "$T/$name.err" | head -n 10
	fi
}

# ns NAME WANT INIT-ARGS...: init-lite under valgrind as PID 1, waited for.
ns() {
	local name=$1 want=$2 status=0
	shift 2
	timeout -k 5 60 unshare --pid --fork --mount-proc \
		"${VG[@]}" --log-file="$T/$name.vg.%p" "$INIT" "$@" \
		</dev/null >"$T/$name.out" 2>"$T/$name.err" || status=$?
	result "$name" "$status" "$want"
}

# ns_init PID: the descendant of PID that is PID 1 of its own namespace.
ns_init() {
	local p k b
	for p in $(descendants "$1"); do
		while read -r k _ b; do
			[ "$k" = NSpid: ] && [ "${b:-}" = 1 ] &&
				{ echo "$p"; return 0; }
		done < <(cat "/proc/$p/status" 2>/dev/null)
	done
	return 1
}

# ns_signal NAME WANT SIG INIT-ARGS...: the same, in the background; once
# the program has created $T/NAME.ready, SIG goes to init-lite (PID 1)
# from outside, as `docker stop` sends it.
ns_signal() {
	local name=$1 want=$2 sig=$3 status=0 ipid='' i
	shift 3
	timeout -k 5 60 unshare --pid --fork --mount-proc \
		"${VG[@]}" --log-file="$T/$name.vg.%p" "$INIT" "$@" \
		</dev/null >"$T/$name.out" 2>"$T/$name.err" &
	BGPID=$!
	wait_for 30 test -e "$T/$name.ready" || true
	# The namespace's PID 1 (valgrind running init-lite), by NSpid.
	wait_for 5 ns_init "$BGPID" >/dev/null && ipid=$(ns_init "$BGPID")
	if [ -e "$T/$name.ready" ] && [ -n "$ipid" ]; then
		kill "-$sig" "$ipid"
	elif [ -n "$ipid" ] && [ "$name" = pause ]; then
		# --pause has no program to say it is ready: repeat the
		# signal until init-lite ends (a TERM that comes before
		# init-lite blocks it is dropped: PID 1 with the default
		# action; the second one during shutdown is harmless).
		for ((i = 0; i < 100; i++)); do
			kill "-$sig" "$ipid" 2>/dev/null || break
			sleep 0.5
		done
	else
		echo "    $name: the program did not get ready"
	fi
	wait "$BGPID" || status=$?
	BGPID=
	result "$name" "$status" "$want"
}

# A program that says it is ready, then waits for a signal.
waiter() { # READY TRAPSIG STATUS
	echo "trap 'exit $3' $2; touch '$1'; while :; do sleep 0.05; done"
}

ns normal_exit 3 -- sh -c 'exit 3'
INIT_LITE_GRACE=2s INIT_LITE_REMAP_EXIT=1:0 \
	ns normal_exit_verbose_env 0 -vvv -- false
ns_signal signal_forwarded 7 TERM -vvv -- sh -c "$(waiter "$T/signal_forwarded.ready" TERM 7)"
ns_signal signal_rewritten_remapped 0 TERM -r TERM:USR1 -e 9:0 -- \
	sh -c "$(waiter "$T/signal_rewritten_remapped.ready" USR1 9)"
check_orphans_reaped() {
	grep -q 'warning: reaped' "$T/orphans_reaped.err" ||
		echo "no orphan was reaped by init-lite (no -w warning)"
}
# shellcheck disable=SC2016 # expanded by the program's shell
ns orphans_reaped 0 -w -- sh -c \
	'i=0; while [ $i -lt 50 ]; do (sleep 0.05 &); i=$((i + 1)); done; sleep 0.5'

# Two leftovers: one ends on SIGTERM, one ignores it and gets SIGKILL
# when the 1 s grace period is over.
ns grace_leftover 5 -t 1s -- sh -c \
	'sleep 30 & sh -c "trap \"\" TERM; exec sleep 30" & sleep 0.2; exit 5'
ns_signal pause 0 TERM -P -v
ns pdeathsig 0 -p TERM -- true
ns bad_option 125 --bogus
ns missing_program 127 -- /nonexistent/program
ns missing_value 125 -t
# Not PID 1: the subreaper finds its descendants through /proc at shutdown.
status=0
timeout -k 5 60 "${VG[@]}" --log-file="$T/subreaper_grace.vg.%p" "$INIT" -s -t 2s -- \
	sh -c 'sleep 30 & sleep 0.2; exit 4' </dev/null >"$T/subreaper_grace.out" \
	2>"$T/subreaper_grace.err" || status=$?
result subreaper_grace "$status" 4

summary
