# shellcheck shell=bash
# Graceful shutdown of leftovers once the main child has exited: TERM and
# CONT, reaping, exit as soon as none is left, KILL at the deadline.

MIB=1048576

# file_complete FILE SIZE: FILE holds SIZE bytes of data and the trailer.
file_complete() {
	local trailer="END $2"
	[ -e "$1" ] && [ "$(stat -c %s "$1")" -eq $(($2 + ${#trailer} + 1)) ] &&
		[ "$(tail -c $((${#trailer} + 1)) "$1")" = "$trailer" ]
}

file_desc() {
	if [ -e "$1" ]; then echo "$(stat -c %s "$1") bytes"; else echo "missing"; fi
}

# A shell snippet for the main child: start CMD in the background, wait
# (bounded) for FILE, then go on.
bg_wait() {
	# shellcheck disable=SC2016 # expanded by the child's shell
	printf '%s & i=0; while [ ! -e %s ] && [ $i -lt 200 ]; do sleep 0.02; i=$((i+1)); done; ' "$1" "$2"
}

test_grace_flusher_completes() {
	# The main child exits 7 while a helper still has work to finish.
	EARLY_EXIT_OK=1 start_ns -- sh -c "$(bg_wait "$H/flusher $T/data $MIB $T/ready" "$T/ready") exit 7"
	wait_exit 12
	expect_status 7
	file_complete "$T/data" "$MIB" ||
		fail "leftover's file is $(file_desc "$T/data"), expected $MIB bytes and a trailer"
}

test_grace_term_ignored_killed() {
	local t0 ms
	EARLY_EXIT_OK=1 start_ns INIT_LITE_GRACE=1s -- sh -c "$(bg_wait "$H/sigwrap -i TERM -o $T/ready -- sleep 100" "$T/ready") $(exit_on_go) 5"
	wait_file "$T/ready"
	# The clock starts before the program may exit, so the grace (which
	# begins at its exit) is all inside the time measured, however late
	# the test gets to run on a busy machine.
	t0=$(now_ms)
	: >"$T/go"
	wait_exit 8
	ms=$(($(now_ms) - t0))
	expect_status 5
	between "$ms" 1000 6000 ||
		fail "TERM-ignoring leftover with INIT_LITE_GRACE=1s: init-lite exited after $ms ms"
}

test_grace_prompt_exit() {
	# Three leftovers that exit at once on TERM: no sleeping out 30 s.
	local t0 ms i
	EARLY_EXIT_OK=1 start_ns INIT_LITE_GRACE=30s -e 3 -- sh -c "
		$(bg_wait "$H/flusher $T/d1 0 $T/r1" "$T/r1")
		$(bg_wait "$H/flusher $T/d2 0 $T/r2" "$T/r2")
		$(bg_wait "$H/flusher $T/d3 0 $T/r3" "$T/r3") exit 3"
	wait_file "$T/r3"
	t0=$(now_ms)
	wait_exit 20
	ms=$(($(now_ms) - t0))
	expect_status 0 "-e 3: "
	for i in 1 2 3; do
		file_complete "$T/d$i" 0 || fail "leftover $i did not get TERM ($(file_desc "$T/d$i"))"
	done
	[ "$ms" -lt 5000 ] || fail "init-lite took $ms ms with no leftover left (INIT_LITE_GRACE=30s)"
}

test_grace_stopped_leftover() {
	local fl t0 ms
	start_ns -- sh -c "$H/flusher $T/data $MIB $T/ready & exec sleep 100"
	wait_file "$T/ready"
	fl=$(find_comm "$IPID" flusher) || fail "flusher not found"
	kill -STOP "$fl"
	wait_for 2 in_state "$fl" T || fail "flusher did not stop"
	t0=$(now_ms)
	kill -TERM "$IPID"
	wait_exit 12
	ms=$(($(now_ms) - t0))
	expect_status 143
	file_complete "$T/data" "$MIB" || fail "stopped leftover's file is $(file_desc "$T/data")"
	[ "$ms" -lt 4000 ] || fail "took $ms ms (default grace 5 s): the stopped leftover was not continued"
}

# in_grace: main child gone, a TERM-ignoring leftover alive, init-lite
# running (INIT_LITE_GRACE=20s); $LEFT is the leftover's host pid.
in_grace() {
	start_ns INIT_LITE_GRACE=20s -- sh -c "$H/sigwrap -i TERM -o $T/ready -- sleep 100 & exec sleep 100"
	wait_file "$T/ready"
	MAIN=$(main_child)
	LEFT=$(descendants "$IPID" | grep -vx "$MAIN" | head -n 1)
	[ -n "$LEFT" ] || fail "leftover not found"
	kill -TERM "$IPID"
	wait_for 2 gone "$MAIN" || fail "main child did not exit on TERM"
	nap 0.5
	alive "$IPID" || fail "init-lite exited at once with a leftover (no grace period)"
	alive "$LEFT" || fail "leftover died at once"
}

test_grace_second_term() {
	local sig t0 ms
	for sig in TERM INT; do
		in_grace
		t0=$(now_ms)
		kill -s "$sig" "$IPID"
		wait_exit 10
		ms=$(($(now_ms) - t0))
		expect_status 143
		[ "$ms" -lt 2000 ] || fail "second $sig during grace: init-lite took $ms ms more"
	done
}

test_grace_signals_forwarded() {
	# During grace other signals go, rewritten, to the leftovers.
	start_ns INIT_LITE_GRACE=20s INIT_LITE_REWRITE=USR1:USR2,HUP:0 -- sh -c "$(bg_wait "$H/recorder $T/rec $T/ready" "$T/ready") exec sleep 100"
	wait_file "$T/ready"
	MAIN=$(main_child)
	kill -TERM "$IPID"
	wait_for 2 gone "$MAIN" || fail "main child did not exit on TERM"
	wait_for 2 has_line "$T/rec" 15 || fail "leftover did not get TERM at the start of grace"
	kill -HUP "$IPID"
	nap 0.2
	kill -USR1 "$IPID"
	wait_for 2 has_line "$T/rec" 12 || fail "USR1 during grace did not reach the leftover as USR2"
	! has_line "$T/rec" 10 || fail "USR1 reached the leftover unrewritten"
	! has_line "$T/rec" 1 || fail "HUP reached the leftover despite HUP:0 in INIT_LITE_REWRITE"
	alive "$IPID" || fail "init-lite ended"
	kill -TERM "$IPID"
	wait_exit 5
	expect_status 143
}

test_grace_zero() {
	local t0 ms opt
	for opt in "--grace 0" "-t 0" "INIT_LITE_GRACE=0"; do
		rm -f "$T/ready"
		# shellcheck disable=SC2086
		EARLY_EXIT_OK=1 start_ns $opt -- sh -c "$(bg_wait "$H/sigwrap -i TERM -o $T/ready -- sleep 100" "$T/ready") exit 4"
		wait_file "$T/ready"
		t0=$(now_ms)
		wait_exit 8
		ms=$(($(now_ms) - t0))
		expect_status 4 "$opt: "
		[ "$ms" -lt 1500 ] || fail "$opt: init-lite took $ms ms to exit"
	done
}

# grace_time VAR=VALUE... INIT-ARGS: ms from main exit to init exit with a
# TERM-ignoring leftover.
# exit_on_go: shell words that wait for $T/go, then exit (with the status
# that follows them): the program ends only once the test's clock runs.
exit_on_go() { printf 'while [ ! -e %s ]; do sleep 0.02; done; exit' "$T/go"; }

grace_time() {
	local t0
	rm -f "$T/ready"
	rm -f "$T/go"
	EARLY_EXIT_OK=1 start_ns "$@" -- sh -c "$(bg_wait "$H/sigwrap -i TERM -o $T/ready -- sleep 100" "$T/ready") $(exit_on_go) 0"
	wait_file "$T/ready"
	t0=$(now_ms)
	: >"$T/go"
	wait_exit 12
	GRACE_MS=$(($(now_ms) - t0))
}

test_grace_default_and_env() {
	grace_time
	between "$GRACE_MS" 5000 10000 ||
		fail "default grace (5s) took $GRACE_MS ms"
	grace_time INIT_LITE_GRACE=1s
	between "$GRACE_MS" 1000 6000 ||
		fail "INIT_LITE_GRACE=1s took $GRACE_MS ms"
	grace_time INIT_LITE_GRACE=30s -t 500ms
	between "$GRACE_MS" 500 5000 ||
		fail "-t 500ms with INIT_LITE_GRACE=30s took $GRACE_MS ms"
	grace_time --grace 2
	between "$GRACE_MS" 2000 7000 ||
		fail "--grace 2 took $GRACE_MS ms"
}

test_grace_reaches_nsenter() {
	# As PID 1, kill(-1) reaches processes of the namespace that are not
	# init-lite's descendants (like `docker exec` ones); init-lite sees
	# them gone although they send it no SIGCHLD.
	local t0 ms
	start_ns INIT_LITE_GRACE=30s -- sleep 100
	nsenter -t "$IPID" -p -- "$H/flusher" "$T/data" 0 "$T/ready" </dev/null >/dev/null 2>&1 &
	CLEAN_PIDS+=("$!")
	wait_file "$T/ready"
	t0=$(now_ms)
	kill -TERM "$IPID"
	wait_exit 25
	ms=$(($(now_ms) - t0))
	expect_status 143
	file_complete "$T/data" 0 || fail "process entered with nsenter got no TERM ($(file_desc "$T/data"))"
	[ "$ms" -lt 5000 ] || fail "took $ms ms to see the entered process gone (INIT_LITE_GRACE=30s)"
}

test_grace_subreaper() {
	# -s, not PID 1: own descendants are terminated (a TERM-ignoring one
	# killed at the deadline); a sibling process outside init-lite's tree
	# (a recorder started by the same parent) gets neither TERM nor KILL.
	local sib fl ign
	touch "$T/init.hold"
	PRE="$H/recorder $T/sib.rec $T/sib.ready" start_host INIT_LITE_GRACE=2s -s -- sh -c "
		$H/flusher $T/data $MIB $T/ready &
		$H/sigwrap -i TERM -o $T/ign.ready -- sleep 100 & exec sleep 100"
	wait_file "$T/sib.ready"
	wait_file "$T/ready"
	wait_file "$T/ign.ready"
	sib=$(find_comm "$UPID" recorder) || fail "sibling not found"
	fl=$(find_comm "$IPID" flusher) || fail "flusher not found"
	ign=$(descendants "$IPID" | grep -vx "$(main_child)" | grep -vx "$fl" | head -n 1)
	[ -n "$ign" ] || fail "TERM-ignoring descendant not found"
	kill -TERM "$IPID"
	wait_file "$T/init.status" 12
	# shellcheck disable=SC2034 # read by expect_status
	STATUS=$(cat "$T/init.status")
	expect_status 143
	file_complete "$T/data" "$MIB" || fail "descendant's file is $(file_desc "$T/data")"
	wait_for 2 gone "$fl" || fail "descendant still alive after init-lite exited"
	wait_for 2 gone "$ign" || fail "TERM-ignoring descendant survived init-lite"
	alive "$sib" || fail "sibling outside init-lite's tree died"
	[ ! -s "$T/sib.rec" ] || fail "sibling outside init-lite's tree got signals: $(tr '\n' ' ' <"$T/sib.rec")"
	rm -f "$T/init.hold"
	wait_exit 5
}
