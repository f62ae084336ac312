# shellcheck shell=bash
# Signal forwarding: every forwarded signal, queued RT signals, early
# signals, -g, -r, -p.

# The signals init-lite forwards: 1..64 but KILL, STOP, CHLD and the
# synchronous faults FPE ILL SEGV BUS ABRT TRAP SYS.
forwarded_signals() {
	local s
	for s in $(seq 1 64); do
		case $s in 4 | 5 | 6 | 7 | 8 | 9 | 11 | 17 | 19 | 31) continue ;; esac
		echo "$s"
	done
}

# start_recorder [INIT-ARGS...]: init-lite as PID 1 with the recorder as
# its child ($T/rec gets one line per received signal).
start_recorder() {
	start_ns "$@" -- "$H/recorder" "$T/rec" "$T/ready"
	wait_file "$T/ready"
}

test_forward_every_signal() {
	local s missing=
	start_recorder
	for s in $(forwarded_signals); do
		kill -s "$s" "$IPID"
		wait_for 1 has_line "$T/rec" "$s" || missing="$missing $s"
	done
	alive "$IPID" || fail "init-lite died"
	[ -z "$missing" ] || fail "signals not forwarded:$missing"
	# SIGCHLD drives reaping and is not the program's business.
	kill -CHLD "$IPID"
	kill -USR1 "$IPID"
	wait_for 1 lines_ge "$T/rec" 10 2 || fail "USR1 not forwarded after SIGCHLD"
	! has_line "$T/rec" 17 || fail "SIGCHLD was forwarded"
}

test_rt_queued_100() {
	start_recorder
	"$H/sigq" "$IPID" 40 100
	wait_for 5 lines_ge "$T/rec" 40 100 ||
		fail "signal 40 queued 100 times, received $(count_lines "$T/rec" 40) times"
	nap 0.3
	[ "$(count_lines "$T/rec" 40)" -eq 100 ] ||
		fail "signal 40 queued 100 times, received $(count_lines "$T/rec" 40) times"
}

test_rt_queued_mixed() {
	# Queued instances of several RT signals plus a standard one, sent
	# while init-lite is stopped so that they all wait in its queue.
	local s
	start_recorder
	kill -STOP "$IPID"
	for s in 34 35 64; do "$H/sigq" "$IPID" "$s" 20; done
	kill -USR1 "$IPID"
	kill -CONT "$IPID"
	for s in 34 35 64; do
		wait_for 5 lines_ge "$T/rec" "$s" 20 ||
			fail "signal $s queued 20 times, received $(count_lines "$T/rec" "$s")"
	done
	wait_for 2 has_line "$T/rec" 10 || fail "USR1 lost among queued RT signals"
	nap 0.2
	for s in 34 35 64; do
		[ "$(count_lines "$T/rec" "$s")" -eq 20 ] ||
			fail "signal $s queued 20 times, received $(count_lines "$T/rec" "$s")"
	done
}

test_signal_before_child() {
	# 1. USR1 is already pending when init-lite starts (sigwrap blocks
	#    and raises it before exec): it must reach the child.
	EARLY_EXIT_OK=1 start env "$H/sigwrap" -- unshare --pid --fork --mount-proc \
		"$H/sigwrap" -b USR1 -k USR1 -- \
		"$INIT_LITE" -- "$H/recorder" "$T/rec" "$T/ready"
	wait_file "$T/ready"
	wait_for 2 has_line "$T/rec" 10 || fail "USR1 pending at start was not forwarded"
	kill -KILL "$IPID"
	wait_exit 5
	# 2. TERM sent from outside as soon as init-lite has blocked its
	#    signals or has a child (whichever is seen first: a signal that
	#    reaches a namespace's PID 1 before it blocks signals is dropped by
	#    the kernel, so it cannot be sent earlier). While init-lite waits in
	#    sigtimedwait the kernel shows its waited-for signals as unblocked.
	start_ns -- sleep 5
	wait_for 2 blocked_or_parent "$IPID" || fail "init-lite neither blocked signals nor forked"
	kill -TERM "$IPID"
	wait_exit 3
	expect_status 143 "TERM sent right after start: "
}

blocked_or_parent() {
	[ "$(proc_status "$1" SigBlk)" != 0000000000000000 ] || [ -n "$(children "$1")" ]
}

# pgroup_scenario INIT-ARGS...: the child and a grandchild in its process
# group are recorders; USR1 is sent to init-lite.
pgroup_scenario() {
	start_ns "$@" -- sh -c "\"$H/recorder\" \"$T/grec\" \"$T/gready\" &
		exec \"$H/recorder\" \"$T/rec\" \"$T/ready\""
	wait_file "$T/ready"
	wait_file "$T/gready"
	kill -USR1 "$IPID"
	wait_for 2 has_line "$T/rec" 10 || fail "$*: child did not get USR1"
}

test_pgroup() {
	pgroup_scenario -g
	wait_for 2 has_line "$T/grec" 10 || fail "-g: grandchild in the group did not get USR1"
	kill -KILL "$IPID"
	wait_exit 5
	rm -f "$T"/*rec "$T"/*ready
	pgroup_scenario
	nap 0.3
	! has_line "$T/grec" 10 || fail "without -g the grandchild got USR1 too"
}

test_pgroup_env() {
	pgroup_scenario INIT_LITE_KILL_PROCESS_GROUP=yes
	wait_for 2 has_line "$T/grec" 10 || fail "INIT_LITE_KILL_PROCESS_GROUP=yes: grandchild did not get USR1"
	kill -KILL "$IPID"
	wait_exit 5
	rm -f "$T"/*rec "$T"/*ready
	pgroup_scenario TINI_KILL_PROCESS_GROUP=1
	wait_for 2 has_line "$T/grec" 10 || fail "TINI_KILL_PROCESS_GROUP=1: grandchild did not get USR1"
}

test_rewrite() {
	start_recorder -r TERM:QUIT --rewrite HUP:0 -r usr2:SIGRTMIN+3
	kill -TERM "$IPID"
	wait_for 2 has_line "$T/rec" 3 || fail "-r TERM:QUIT: QUIT not received"
	kill -HUP "$IPID"
	nap 0.2
	kill -USR2 "$IPID"
	wait_for 2 has_line "$T/rec" 3 || fail "-r usr2:SIGRTMIN+3: nothing received"
	kill -USR1 "$IPID"
	wait_for 2 has_line "$T/rec" 10 || fail "USR1 not forwarded"
	! has_line "$T/rec" 15 || fail "-r TERM:QUIT: TERM was forwarded as TERM"
	! has_line "$T/rec" 1 || fail "-r HUP:0: HUP was forwarded"
	! has_line "$T/rec" 12 || fail "-r usr2:SIGRTMIN+3: USR2 was forwarded as USR2"
	# SIGRTMIN is 34 under glibc and 35 under musl.
	has_line "$T/rec" 37 || has_line "$T/rec" 38 ||
		fail "-r usr2:SIGRTMIN+3: got $(tr '\n' ' ' <"$T/rec")"
}

test_rewrite_env() {
	start_recorder INIT_LITE_REWRITE=TERM:QUIT,HUP:0
	kill -HUP "$IPID"
	nap 0.2
	kill -TERM "$IPID"
	wait_for 2 has_line "$T/rec" 3 || fail "INIT_LITE_REWRITE=TERM:QUIT: QUIT not received"
	! has_line "$T/rec" 1 || fail "INIT_LITE_REWRITE=HUP:0: HUP was forwarded"
}

test_pdeathsig() {
	local short
	for short in -p --pdeathsig; do
		rm -f "$T/rec" "$T/ready"
		start_recorder "$short" SIGUSR1
		kill -KILL "$UPID"   # init-lite's parent (unshare) dies
		wait_for 2 has_line "$T/rec" 10 || fail "$short USR1: no USR1 after the parent died"
		kill -KILL "$IPID"
		wait_exit 5
	done
}

test_broken_stderr() {
	# init-lite logs (-vvv) into a pipe nobody reads: its own SIGPIPE must
	# not reach the program, and init-lite goes on.
	mkfifo "$T/fifo"
	# shellcheck disable=SC2094 # a pipe whose only reader then goes away
	exec 5<>"$T/fifo" 6>"$T/fifo"
	exec 5<&-
	ERR_FD=6 start_ns -vvv -- "$H/recorder" "$T/rec" "$T/ready"
	exec 6>&-
	wait_file "$T/ready"
	kill -USR1 "$IPID"
	wait_for 2 has_line "$T/rec" 10 || fail "USR1 not forwarded"
	kill -USR2 "$IPID"
	wait_for 2 has_line "$T/rec" 12 || fail "USR2 not forwarded"
	nap 0.2
	! has_line "$T/rec" 13 || fail "init-lite's own SIGPIPE was forwarded to the program"
	alive "$IPID" || fail "init-lite died"
}
