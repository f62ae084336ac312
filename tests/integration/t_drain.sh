# shellcheck shell=bash
# 0.2: --stop-delay (the first SIGTERM held while the program keeps
# serving), -a/--forward-all (every process init-lite may signal, a setsid
# daemon included) and --wait-all (the container stays up while what the
# program daemonized lives). SPEC, "Privileges, draining and daemons".

DRAIN_MIB=1048576

# rec_ready NAME: the recorder writing $T/NAME.rec is ready.
rec_ready() { wait_file "$T/$1.ready"; }

# rec_has NAME SIG: the recorder NAME recorded SIG (a number).
rec_has() { has_line "$T/$1.rec" "$2"; }

# rec_count NAME SIG: how many times NAME recorded SIG.
rec_count() { count_lines "$T/$1.rec" "$2"; }

# rec_lines NAME: what NAME recorded, on one line.
rec_lines() {
	if [ -e "$T/$1.rec" ]; then tr '\n' ' ' <"$T/$1.rec"; else echo none; fi
}

# reparented COMM: a descendant of init-lite named COMM has init-lite as
# its parent (the process that started it is gone).
reparented() {
	local p
	p=$(find_comm "$IPID" "$1") && [ "$(proc_field "$p" 4)" = "$IPID" ]
}

# wait_daemonized COMM...: each COMM is init-lite's child: the program's
# first process has exited and left them behind.
wait_daemonized() {
	local c
	for c in "$@"; do
		wait_for 20 reparented "$c" ||
			fail "$c was not left to init-lite: the first process did not exit"
	done
}

# held: init-lite (run with -v) says it holds a SIGTERM.
held() { grep -q 'SIGTERM held' "$T/err"; }

wait_held() {
	wait_for 20 held || fail "no SIGTERM held after 20 s; stderr: $(head -c 300 "$T/err")"
}

# term_delay_ms NAME: ms from the TERM sent at $T0 until recorder NAME has
# recorded 15 (at most $1 + 20 s), in DELAY_MS.
term_delay_ms() {
	wait_for "$(($2 / 1000 + 20))" rec_has "$1" 15 ||
		fail "the held SIGTERM never reached the program; it got: $(rec_lines "$1")"
	DELAY_MS=$(($(now_ms) - T0))
}

test_drain_options() {
	local line why bad='' words opt missing=
	run_ns --help
	expect_status 0 "--help: "
	for opt in --stop-delay --forward-all --wait-all; do
		grep -q -- "$opt" "$T/out" || missing="$missing $opt"
	done
	[ -z "$missing" ] || fail "usage does not mention:$missing"
	while IFS= read -r line; do
		eval "words=($line)"
		rm -f "$T/marker"
		run_ns "${words[@]}" -- touch "$T/marker"
		why=$(usage_error_why "$line")
		[ -z "$why" ] || bad="$bad [$line: $why]"
	done <<'EOF'
--stop-delay 5x
--stop-delay -1
--stop-delay ""
--stop-delay=1.5s
--forward-all=1
--wait-all=yes
-W
INIT_LITE_STOP_DELAY=soon
INIT_LITE_STOP_DELAY=
INIT_LITE_FORWARD_ALL=maybe
INIT_LITE_WAIT_ALL=2
INIT_LITE_STOP_DELAY=1h --wait-all
EOF
	[ -z "$bad" ] || fail "bad inputs not refused with 125:$bad"
	# Each variable does what its flag does.
	run_ns INIT_LITE_STOP_DELAY=0 INIT_LITE_FORWARD_ALL=on INIT_LITE_WAIT_ALL=no -- true
	expect_status 0 "valid INIT_LITE_STOP_DELAY/FORWARD_ALL/WAIT_ALL: "
}

# The first SIGTERM is held for the delay asked for, then forwarded: never
# before it, and not long after it (generous bounds: a slow machine).
test_stop_delay_holds_term() {
	local args
	for args in "--stop-delay 2s" "INIT_LITE_STOP_DELAY=2000ms"; do
		rm -f "$T"/m.*
		# shellcheck disable=SC2086 # split the arguments on purpose
		start_ns $args -- "$H/recorder" "$T/m.rec" "$T/m.ready" 15
		rec_ready m
		T0=$(now_ms)
		kill -TERM "$IPID"
		term_delay_ms m 2000
		[ "$DELAY_MS" -ge 1990 ] ||
			fail "$args: SIGTERM reached the program after $DELAY_MS ms, before the delay"
		[ "$DELAY_MS" -le 12000 ] ||
			fail "$args: SIGTERM reached the program after $DELAY_MS ms"
		wait_exit 5
		expect_status 0 "$args: "
	done
}

# While the TERM is held, the program keeps serving: every other signal
# reaches it at once, the TERM does not.
test_stop_delay_others_at_once() {
	start_ns -v --stop-delay 60s -- "$H/recorder" "$T/m.rec" "$T/m.ready" 15
	rec_ready m
	kill -TERM "$IPID"
	wait_held
	kill -USR1 "$IPID"
	kill -HUP "$IPID"
	kill -s RTMIN+3 "$IPID"
	if ! wait_for 20 rec_has m 10 || ! wait_for 20 rec_has m 1 ||
		! wait_for 20 rec_has m 37; then
		fail "signals sent during the delay did not arrive: $(rec_lines m)"
	fi
	! rec_has m 15 || fail "the held SIGTERM was forwarded early: $(rec_lines m)"
	alive "$(main_child)" || fail "the program did not keep running"
}

# A second SIGTERM or a SIGINT ends the delay: the held TERM goes at once,
# then the signal that ended it.
test_stop_delay_second_term_or_int() {
	local sig num
	for sig in TERM INT; do
		rm -f "$T"/m.* "$T/err"
		start_ns -v --stop-delay 60s -- "$H/recorder" "$T/m.rec" "$T/m.ready"
		rec_ready m
		kill -TERM "$IPID"
		wait_held
		! rec_has m 15 || fail "SIGTERM not held"
		kill -s "$sig" "$IPID"
		num=$(kill -l "$sig")
		# Both at once: the order they are delivered in is the
		# kernel's (lowest pending first), and two TERMs may merge.
		if ! wait_for 10 rec_has m 15 || ! wait_for 10 rec_has m "$num"; then
			fail "second $sig during the delay: the program got $(rec_lines m)"
		fi
		kill -KILL "$(main_child)"
		wait_exit 5
	done
}

# The child exits while its TERM is held: the usual shutdown, at once
# (leftovers get SIGTERM and their grace), with the child's status.
test_stop_delay_child_exits() {
	local t0 ms
	start_ns -v --stop-delay 60s -- sh -c "
		$H/flusher $T/data $DRAIN_MIB $T/ready &
		while [ ! -e $T/go ]; do sleep 0.05; done; exit 3"
	wait_file "$T/ready"
	kill -TERM "$IPID"
	wait_held
	t0=$(now_ms)
	touch "$T/go"
	wait_exit 20
	ms=$(($(now_ms) - t0))
	expect_status 3
	[ "$(stat -c %s "$T/data")" -gt "$DRAIN_MIB" ] ||
		fail "the leftover got no SIGTERM and time to finish: $(stat -c %s "$T/data") bytes"
	[ "$ms" -lt 30000 ] || fail "took $ms ms: the held delay (60 s) was waited out"
}

# --pause: the exit waits for the delay the same way; INT cuts it short.
test_stop_delay_pause() {
	start_ns -v --pause --stop-delay 2s
	pause_ready
	T0=$(now_ms)
	kill -TERM "$IPID"
	wait_held
	wait_exit 15
	DELAY_MS=$(($(now_ms) - T0))
	expect_status 0 "--pause --stop-delay 2s: "
	[ "$DELAY_MS" -ge 1990 ] || fail "--pause --stop-delay 2s exited after $DELAY_MS ms"
	rm -f "$T/err"
	start_ns -v --pause --stop-delay 60s
	pause_ready
	kill -TERM "$IPID"
	wait_held
	kill -INT "$IPID"
	wait_exit 10
	expect_status 0 "--pause, INT during the delay: "
}

# The rewrite table applies to the held TERM when it goes; what is held is
# the TERM as received, not a signal rewritten into a TERM.
test_stop_delay_rewrite() {
	start_ns -v --stop-delay 1s -r TERM:USR2 -- "$H/recorder" "$T/m.rec" "$T/m.ready" 12
	rec_ready m
	T0=$(now_ms)
	kill -TERM "$IPID"
	wait_exit 20
	DELAY_MS=$(($(now_ms) - T0))
	expect_status 0 "-r TERM:USR2: "
	rec_has m 12 || fail "-r TERM:USR2: the program got $(rec_lines m)"
	! rec_has m 15 || fail "-r TERM:USR2: the program got the TERM unrewritten"
	[ "$DELAY_MS" -ge 990 ] || fail "-r TERM:USR2: the rewritten TERM went after $DELAY_MS ms, before the 1 s delay"
	rm -f "$T"/m.*
	start_ns --stop-delay 60s -r USR2:TERM -- "$H/recorder" "$T/m.rec" "$T/m.ready"
	rec_ready m
	kill -USR2 "$IPID"
	wait_for 10 rec_has m 15 ||
		fail "-r USR2:TERM: a USR2 rewritten into TERM was held: $(rec_lines m)"
}

# After the delay, nothing runs a timer: idle again, no wake-up.
test_stop_delay_idle_after_release() {
	local before after
	start_ns --stop-delay 500ms -- "$H/recorder" "$T/m.rec" "$T/m.ready"
	rec_ready m
	kill -TERM "$IPID"
	wait_for 10 rec_has m 15 || fail "the held TERM never went: $(rec_lines m)"
	nap 0.5
	before=$(ctx_switches "$IPID")
	sleep 3
	after=$(ctx_switches "$IPID")
	[ "$before" -eq "$after" ] ||
		fail "init-lite woke $((after - before)) times in 3 s after the delay"
}

# -a: a daemon that left the child's group and session with setsid gets
# the signal (log rotation), rewritten; the child gets it exactly once.
test_forward_all_setsid_daemon() {
	local args
	for args in "-a" "--forward-all" "INIT_LITE_FORWARD_ALL=1"; do
		rm -f "$T"/[md].*
		# shellcheck disable=SC2086 # split the arguments on purpose
		start_ns $args -t 0 -r USR1:USR2 -- sh -c "
			setsid $H/recorder $T/d.rec $T/d.ready &
			exec $H/recorder $T/m.rec $T/m.ready"
		rec_ready d
		rec_ready m
		kill -HUP "$IPID"
		wait_for 20 rec_has d 1 || fail "$args: the setsid daemon got no SIGHUP: $(rec_lines d)"
		wait_for 20 rec_has m 1 || fail "$args: the child got no SIGHUP: $(rec_lines m)"
		kill -USR1 "$IPID"
		wait_for 20 rec_has d 12 || fail "$args: USR1:USR2 not applied for the daemon: $(rec_lines d)"
		kill -s RTMIN+2 "$IPID"
		if ! wait_for 20 rec_has d 36 || ! wait_for 20 rec_has m 36; then
			fail "$args: RTMIN+2 did not reach both: $(rec_lines d) / $(rec_lines m)"
		fi
		nap 0.2
		[ "$(rec_count m 36)" = 1 ] || fail "$args: the child got RTMIN+2 $(rec_count m 36) times"
		kill -KILL "$(main_child)"
		wait_exit 10
	done
}

# -a, not PID 1 (-s): every descendant, the setsid daemon included, and
# nothing else: a sibling outside init-lite's tree gets nothing.
test_forward_all_not_pid1() {
	local sib
	touch "$T/init.hold"
	PRE="$H/recorder $T/s.rec $T/s.ready" start_host -s -a -t 1s -- sh -c "
		setsid $H/recorder $T/d.rec $T/d.ready &
		exec $H/recorder $T/m.rec $T/m.ready 15"
	rec_ready s
	rec_ready d
	rec_ready m
	sib=$(descendants "$UPID" | grep -vxF -f <(descendants "$IPID"; echo "$IPID") |
		while read -r p; do
			[ "$(cat "/proc/$p/comm" 2>/dev/null)" = recorder ] && echo "$p"
		done | head -n 1)
	[ -n "$sib" ] || fail "sibling not found"
	kill -HUP "$IPID"
	wait_for 20 rec_has d 1 || fail "the setsid descendant got no SIGHUP: $(rec_lines d)"
	wait_for 20 rec_has m 1 || fail "the child got no SIGHUP: $(rec_lines m)"
	kill -USR2 "$IPID"
	wait_for 20 rec_has d 12 || fail "the setsid descendant got no USR2: $(rec_lines d)"
	nap 0.2
	[ ! -s "$T/s.rec" ] || fail "a sibling outside init-lite's tree got: $(rec_lines s)"
	alive "$sib" || fail "the sibling died"
	kill -TERM "$IPID"
	wait_file "$T/init.status" 12
	rm -f "$T/init.hold"
	[ ! -s "$T/s.rec" ] || fail "a sibling outside init-lite's tree got: $(rec_lines s)"
	wait_exit 5
}

# --wait-all: the program daemonizes (its first process exits 3); the
# container stays up while the daemon lives, every signal goes to it, and
# init-lite leaves with the child's status, remapped, when it is gone.
test_wait_all_daemon() {
	local args
	for args in "--wait-all" "INIT_LITE_WAIT_ALL=yes"; do
		rm -f "$T"/d.*
		# shellcheck disable=SC2086 # split the arguments on purpose
		start_ns $args -e 3:7 -- sh -c "
			setsid $H/recorder $T/d.rec $T/d.ready 10 &
			while [ ! -e $T/d.ready ]; do sleep 0.02; done; exit 3"
		rec_ready d
		wait_daemonized recorder
		nap 0.3
		alive "$IPID" || fail "$args: init-lite exited while the daemon lives"
		kill -HUP "$IPID"
		kill -QUIT "$IPID"
		if ! wait_for 20 rec_has d 1 || ! wait_for 20 rec_has d 3; then
			fail "$args: the daemon got $(rec_lines d), want HUP and QUIT"
		fi
		alive "$IPID" || fail "$args: QUIT ended --wait-all"
		! rec_has d 15 || fail "$args: the daemon was shut down: $(rec_lines d)"
		kill -USR1 "$IPID"
		wait_exit 10
		expect_status 7 "$args, daemon gone: "
	done
}

# --wait-all: a SIGTERM (or SIGINT) starts the usual shutdown: TERM and
# CONT to all, the grace, SIGKILL for what ignores it.
test_wait_all_term_shutdown() {
	local sig t0 ms
	for sig in TERM INT; do
		rm -f "$T/data" "$T/ready" "$T/ign.ready"
		start_ns INIT_LITE_GRACE=2s --wait-all -- sh -c "
			$H/flusher $T/data $DRAIN_MIB $T/ready &
			$H/sigwrap -i TERM -o $T/ign.ready -- sleep 100 &
			while [ ! -e $T/ready ] || [ ! -e $T/ign.ready ]; do sleep 0.02; done; exit 0"
		wait_file "$T/ready"
		wait_file "$T/ign.ready"
		wait_daemonized flusher sleep
		nap 0.3
		alive "$IPID" || fail "init-lite exited while two processes live"
		t0=$(now_ms)
		kill -s "$sig" "$IPID"
		wait_exit 15
		ms=$(($(now_ms) - t0))
		expect_status 0 "--wait-all, $sig: "
		[ "$(stat -c %s "$T/data")" -gt "$DRAIN_MIB" ] ||
			fail "$sig: the daemon got no SIGTERM and time to finish"
		[ "$ms" -ge 1500 ] || fail "$sig: the TERM-ignoring daemon was not given its grace ($ms ms)"
	done
}

# --wait-all and --stop-delay: the daemon keeps serving for the delay,
# then the usual shutdown.
test_wait_all_stop_delay() {
	start_ns -v --wait-all --stop-delay 2s -- sh -c "
		setsid $H/recorder $T/d.rec $T/d.ready 15 &
		while [ ! -e $T/d.ready ]; do sleep 0.02; done; exit 5"
	rec_ready d
	wait_daemonized recorder
	T0=$(now_ms)
	kill -TERM "$IPID"
	wait_held
	kill -HUP "$IPID"
	wait_for 20 rec_has d 1 || fail "HUP during the delay did not reach the daemon"
	term_delay_ms d 2000
	[ "$DELAY_MS" -ge 1990 ] || fail "the daemon got SIGTERM after $DELAY_MS ms, before the delay"
	wait_exit 10
	expect_status 5
}

# --wait-all, not PID 1: with -s the daemon is re-parented to init-lite,
# which stays until it is gone.
test_wait_all_not_pid1() {
	touch "$T/init.hold"
	start_host -s --wait-all -- sh -c "
		setsid $H/recorder $T/d.rec $T/d.ready 10 &
		while [ ! -e $T/d.ready ]; do sleep 0.02; done; exit 4"
	rec_ready d
	wait_daemonized recorder
	nap 0.3
	[ ! -e "$T/init.status" ] || fail "init-lite exited while the daemon lives"
	kill -HUP "$IPID"
	wait_for 20 rec_has d 1 || fail "the daemon got no SIGHUP: $(rec_lines d)"
	! rec_has d 15 || fail "the daemon was shut down: $(rec_lines d)"
	kill -USR1 "$IPID"
	wait_file "$T/init.status" 10
	rm -f "$T/init.hold"
	# shellcheck disable=SC2034 # read by expect_status
	STATUS=$(cat "$T/init.status")
	expect_status 4
	wait_exit 5
}

# --wait-all while waiting: no timer, no wake-up.
test_wait_all_idle() {
	local before after
	start_ns --wait-all -- sh -c "
		setsid $H/recorder $T/d.rec $T/d.ready &
		while [ ! -e $T/d.ready ]; do sleep 0.02; done; exit 0"
	rec_ready d
	wait_daemonized recorder
	nap 0.5
	alive "$IPID" || fail "init-lite exited while the daemon lives"
	before=$(ctx_switches "$IPID")
	sleep 3
	after=$(ctx_switches "$IPID")
	[ "$before" -eq "$after" ] ||
		fail "init-lite waiting for the daemon woke $((after - before)) times in 3 s"
	! rec_has d 15 || fail "the daemon was shut down: $(rec_lines d)"
}
