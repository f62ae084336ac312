# shellcheck shell=bash
# What the child inherits and what init-lite keeps: signal mask and ignored
# signals, descriptors, working directory, LISTEN_PID, idle wake-ups.

SIGSTATE_PROG=(grep -E '^Sig(Blk|Ign):' /proc/self/status)

test_sigstate_inherited() {
	# init-lite starts with INT USR1 33 34 40 blocked and QUIT HUP USR2 32
	# ignored (sigwrap records that state just before it execs init-lite);
	# its child must show exactly the same.
	EARLY_EXIT_OK=1 start env "$H/sigwrap" -- unshare --pid --fork --mount-proc \
		"$H/sigwrap" -b INT,USR1,33,34,40 -i QUIT,HUP,USR2,32 -o "$T/state" -- \
		"$INIT_LITE" -- "${SIGSTATE_PROG[@]}"
	wait_exit 5
	expect_status 0
	[ "$(cat "$T/out")" = "$(cat "$T/state")" ] ||
		fail "child: $(tr '\n\t' '  ' <"$T/out") but init-lite got: $(tr '\n\t' '  ' <"$T/state")"
}

test_sigstate_clean() {
	run_ns -- "${SIGSTATE_PROG[@]}"
	expect_status 0
	grep -qx 'SigBlk:	0000000000000000' "$T/out" || fail "child has signals blocked: $(tr '\n\t' '  ' <"$T/out")"
	grep -qx 'SigIgn:	0000000000000000' "$T/out" || fail "child has signals ignored: $(tr '\n\t' '  ' <"$T/out")"
}

ctx_switches() {
	echo $(($(proc_status "$1" voluntary_ctxt_switches) + $(proc_status "$1" nonvoluntary_ctxt_switches)))
}

test_idle_no_wakeups() {
	local before after opts
	# Each 0.2 option on too: a timer runs only while a SIGTERM is held.
	for opts in "" "--stop-delay 5s" "-a" "--wait-all"; do
		# shellcheck disable=SC2086 # split the options on purpose
		start_ns $opts -- sleep 20
		wait_for 2 has_children "$IPID" || fail "${opts:-no option}: no child"
		nap 0.5
		before=$(ctx_switches "$IPID")
		sleep 3
		after=$(ctx_switches "$IPID")
		[ "$before" -eq "$after" ] ||
			fail "idle init-lite (${opts:-no option}) was scheduled $((after - before)) times in 3 s"
	done
}

test_fds_and_cwd() {
	local fds child
	exec 3</dev/null 7>"$T/seven"
	start_ns -- sleep 20
	exec 3<&- 7>&-
	wait_for 2 has_children "$IPID" || fail "no child"
	child=$(main_child)
	wait_for 2 test "$(readlink "/proc/$child/exe")" != "$(readlink "/proc/$IPID/exe")" ||
		fail "child did not exec"
	nap 0.1
	fds=$(cd "/proc/$IPID/fd" && echo *)
	[ "$fds" = "0 1 2" ] || fail "init-lite holds fds: $fds"
	if [ ! -e "/proc/$child/fd/3" ] || [ ! -e "/proc/$child/fd/7" ]; then
		fail "child lost fds 3 and 7: $(cd "/proc/$child/fd" && echo *)"
	fi
	[ "$(readlink "/proc/$IPID/cwd")" = / ] || fail "init-lite cwd is $(readlink "/proc/$IPID/cwd")"
	[ "$(readlink "/proc/$child/cwd")" = "$T" ] || fail "child cwd is $(readlink "/proc/$child/cwd"), not $T"
}

test_listen_pid() {
	# shellcheck disable=SC2016 # expanded by the child's shell
	run_ns LISTEN_PID=1 -- sh -c 'echo "$LISTEN_PID $$"'
	expect_status 0
	read -r lp pid <"$T/out" || true
	[ "$lp" = "$pid" ] || fail "LISTEN_PID=1 (init's pid): child got LISTEN_PID=$lp, its pid is $pid"
	# shellcheck disable=SC2016
	run_ns LISTEN_PID=77 -- sh -c 'echo "$LISTEN_PID"'
	[ "$(cat "$T/out")" = 77 ] || fail "LISTEN_PID=77 (not init's pid) became $(cat "$T/out")"
	# not PID 1: init-lite is pid 2 of start_host's namespace
	# shellcheck disable=SC2016
	run_host LISTEN_PID=2 -s -- sh -c 'echo "$LISTEN_PID $$"'
	read -r lp pid <"$T/out" || true
	[ "$lp" = "$pid" ] || fail "LISTEN_PID=2 (init's pid, -s): child got LISTEN_PID=$lp, its pid is $pid"
}
