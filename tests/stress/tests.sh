# shellcheck shell=bash
# The stress tests, sourced by run.sh --one in the process that runs one of
# them. Set there: INIT_LITE, ORPHANS, SIGNALS, T (this test's directory,
# the current one), H (the compiled helpers), BG (pids to kill at the end),
# and the functions of tests/lib.sh and lib.sh.

# ---- zombie storm ------------------------------------------------------------
# A child makes ORPHANS orphans as fast as it can (tests/helpers/orphans.c
# -storm): at the end none is left unreaped, init-lite's VmRSS did not grow,
# and the exit status is the child's. How long the storm takes depends on
# the machine and its load: what fails is a storm that stops making orphans
# for 30 s, not a slow one.
test_zombie_storm() {
	local up ipid storm rss base peak=0 most=0 n=0 kids after status=0
	local made=0 p now last

	unshare --pid --fork --mount-proc "$INIT_LITE" -- \
		"$H/orphans" -storm "$ORPHANS" "$T/progress" "$T/done" "$T/go" 42 \
		</dev/null >"$T/out" 2>"$T/err" &
	up=$!
	BG+=("$up")
	ipid=$(wait_init "$up") || fail "init-lite did not start: $(head -c 300 "$T/err")"
	base=$(proc_status "$ipid" VmRSS)
	last=$(now_ms)
	# Sample while the storm runs: RSS every 20 ms, the number of
	# children not reaped yet every 10th time (listing them costs), the
	# progress every 50th.
	while [ ! -e "$T/done" ]; do
		[ -d "/proc/$ipid" ] || fail "init-lite ended during the storm: $(head -c 300 "$T/err")"
		rss=$(proc_status "$ipid" VmRSS)
		[ "$rss" -gt "$peak" ] && peak=$rss
		if [ $((n % 10)) -eq 0 ]; then
			kids=$(children "$ipid" | wc -w)
			[ "$kids" -gt "$most" ] && most=$kids
		fi
		if [ $((n % 50)) -eq 0 ]; then
			now=$(now_ms)
			p=$(cat "$T/progress" 2>/dev/null || true)
			if [ "$p" != "$made" ]; then
				made=$p
				last=$now
			elif [ $((now - last)) -gt 30000 ]; then
				fail "the storm stalled: $made of $ORPHANS orphans made, none in 30 s; $(children "$ipid" | wc -w) children of init-lite not reaped"
			fi
		fi
		n=$((n + 1))
		sleep 0.02
	done
	# Every orphan exits at once: once they are reaped, the storm
	# helper (waiting for GO) is init-lite's only child.
	storm=$(children "$ipid")
	storm=${storm%% *}
	wait_for 30 children_are "$ipid" "$storm" ||
		fail "$(($(children "$ipid" | wc -w) - 1)) children of init-lite left unreaped 30 s after the storm"
	! in_state "$storm" Z || fail "the storm helper is a zombie"
	after=$(proc_status "$ipid" VmRSS)
	touch "$T/go"
	wait "$up" || status=$?
	note "$(cat "$T/out")"
	note "peak children not yet reaped $most"
	note "VmRSS kB: start $base, max during $peak, after $after"
	[ "$status" -eq 42 ] || fail "exit status $status, expected 42; stderr: $(head -c 300 "$T/err")"
	grep -q "^orphans $ORPHANS " "$T/out" || fail "the storm did not make $ORPHANS orphans: $(cat "$T/out")"
	# No heap, fixed buffers: anything beyond a few pages of stack is
	# growth per reaped process.
	if [ $((peak - base)) -gt 64 ] || [ $((after - base)) -gt 64 ]; then
		fail "VmRSS grew: start $base kB, max $peak kB, after $after kB"
	fi
	[ ! -s "$T/err" ] || fail "init-lite printed at the default level: $(head -c 300 "$T/err")"
}

# ---- signal storm ------------------------------------------------------------
# SIGNALS mixed standard and realtime signals at init-lite (PID 1) while its
# child starts, runs and exits (tests/helpers/sigstorm.c, sink.c).
# storm_run [INIT-OPTIONS...]: runs it (under $TRACE when set), checks the
# report, sets INITPID.
storm_run() {
	local k v sent=0 status=
	INITPID=
	${TRACE:+"${TRACE[@]}"} "$H/sigstorm" "$SIGNALS" "$T/exit" "$T/report" \
		-- "$INIT_LITE" "$@" -- "$H/sink" "$T/exit" 42 "$T/counts" \
		</dev/null >"$T/out" 2>"$T/err" || fail "sigstorm failed: $(head -c 300 "$T/err")"
	while read -r k v; do
		case $k in
		initpid) INITPID=$v ;;
		starting | running | exiting) sent=$((sent + v)); note "$k $v" ;;
		eagain) [ "$v" -eq 0 ] || note "$v not queued (EAGAIN)" ;;
		other) [ "$v" -eq 0 ] || fail "$v signals failed to send (not ESRCH/EAGAIN)" ;;
		timeout) fail "init-lite still running 30 s after its child was told to exit" ;;
		killed) fail "init-lite was killed by signal $v" ;;
		exited) status=$v ;;
		esac
	done <"$T/report"
	[ -n "$INITPID" ] || fail "no report: $(head -c 300 "$T/err")"
	[ "$sent" -ge "$SIGNALS" ] || fail "only $sent signals reached init-lite"
	[ -e "$T/counts" ] && note "sink $(cat "$T/counts")"
	[ "$status" = 42 ] || fail "exit status $status, expected the child's 42; stderr: $(head -c 300 "$T/err")"
}

test_signal_storm() {
	storm_run
}

# trace_check FILE CHILD: FILE is strace's log of init-lite alone (-ff):
# no kill/tkill/tgkill/rt_sigqueueinfo to a pid (or its group) after
# wait4/waitid returned it; and the log shows the child reaped and signals
# forwarded, so that the check cannot pass on an empty trace.
trace_check() {
	awk -v want_child="$2" '
	function target(line,   a) {
		a = line
		sub(/^[a-z_]+\(/, "", a)
		sub(/[,)].*/, "", a)
		return a + 0
	}
	/^(kill|tkill|tgkill|rt_sigqueueinfo|rt_tgsigqueueinfo)\(/ {
		t = target($0)
		p = t < 0 ? -t : t
		if (t != -1 && t != 0 && (p in reaped)) {
			printf "line %d: signal to reaped pid %d: %s\n", NR, p, $0
			bad++
		}
		if (p == want_child) fwd++
		next
	}
	/^pidfd_send_signal\(/ { pidfd++; next }
	/^(wait4|waitid)\(/ {
		r = $0
		sub(/.*= /, "", r)
		if (r + 0 > 0) {
			reaped[r + 0] = 1
			if (r + 0 == want_child) child_reaped = 1
		}
	}
	END {
		printf "forwarded %d, pidfd_send_signal %d, child reaped %d\n", fwd, pidfd, child_reaped
		if (bad) exit 1
		if (!child_reaped || fwd < 100) exit 2
	}' "$1"
}

traced_storm() {
	local rc=0 res
	command -v strace >/dev/null || fail "strace is not installed"
	# shellcheck disable=SC2054 # the commas are strace's syntax
	TRACE=(strace -f -ff -o "$T/trace" -e trace=kill,tkill,tgkill,rt_sigqueueinfo,rt_tgsigqueueinfo,pidfd_send_signal,wait4,waitid)
	storm_run "$@"
	# The child is pid 2 of init-lite's namespace: its first process.
	res=$(trace_check "$T/trace.$INITPID" 2) || rc=$?
	note "$res"
	case $rc in
	0) ;;
	1) fail "init-lite signalled a reaped pid: $(head -c 400 <<<"$res")" ;;
	*) fail "the trace shows no reaped child or too few forwards: $res" ;;
	esac
}

test_signal_storm_traced() {
	traced_storm
}

test_signal_storm_traced_pgroup() {
	traced_storm -g
}

# ---- fork failure ------------------------------------------------------------
# RLIMIT_NPROC of 1 for an unprivileged user: init-lite cannot fork its
# child and says so in one line, exit 125.
fork_fails() {
	local status=0 lines
	cp "$INIT_LITE" "$T/init-lite"
	chmod 755 "$T/init-lite"
	"$@" </dev/null >"$T/out" 2>"$T/err" || status=$?
	lines=$(wc -l <"$T/err")
	note "$(head -c 200 "$T/err")"
	[ "$status" -eq 125 ] || fail "exit status $status, expected 125; stderr: $(head -c 300 "$T/err")"
	[ "$lines" -eq 1 ] || fail "$lines lines on stderr, expected 1: $(head -c 300 "$T/err")"
	grep -qE "^init-lite: error: .*fork" "$T/err" || fail "no clear message: $(cat "$T/err")"
	[ ! -s "$T/out" ] || fail "output on stdout: $(head -c 200 "$T/out")"
}

test_fork_failure_pid1() {
	fork_fails unshare --pid --fork --mount-proc \
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		prlimit --nproc=1 "$T/init-lite" -- true
}

test_fork_failure_subreaper() {
	fork_fails setpriv --reuid=65534 --regid=65534 --clear-groups \
		prlimit --nproc=1 "$T/init-lite" -s -- true
}

# ---- closed standard descriptors ---------------------------------------------
# expect_run STATUS CMD...: CMD's exit status is STATUS.
expect_run() {
	local want=$1 status=0
	shift
	"$@" || status=$?
	[ "$status" -eq "$want" ] || fail "$*: exit status $status, expected $want"
}

# The program closes 0-2 itself: nothing changes for init-lite.
test_fds_closed_by_program() {
	expect_run 7 unshare --pid --fork --mount-proc "$INIT_LITE" -- \
		sh -c 'exec 0<&- 1>&- 2>&-; sleep 0.1; exit 7' </dev/null >/dev/null 2>&1
}

# init-lite starts with 0-2 closed, logging at debug level into the closed
# stderr: it works, and the program gets 0-2 closed as well (none of
# init-lite's own descriptors leaks into them).
fds_closed_at_start() {
	# shellcheck disable=SC2016 # expanded by the program's shell
	expect_run 7 "$@" -vvv -- sh -c \
		'for f in 0 1 2; do [ -e /proc/self/fd/$f ] && exit 1; done; exit 7' \
		0<&- 1>&- 2>&-
}

test_fds_closed_at_start_pid1() {
	fds_closed_at_start unshare --pid --fork --mount-proc "$INIT_LITE"
}

test_fds_closed_at_start_subreaper() {
	fds_closed_at_start "$INIT_LITE" -s
}

# Its own errors still reach stderr when only stdin and stdout are closed,
# and the statuses stay right when nothing can be printed at all.
test_fds_closed_errors() {
	expect_run 125 "$INIT_LITE" --bogus 0<&- 1>&- 2>"$T/e1"
	grep -q "^init-lite: error: unknown option '--bogus'" "$T/e1" ||
		fail "no message for --bogus: $(cat "$T/e1")"
	expect_run 127 "$INIT_LITE" -s -- "$T/missing" 0<&- 1>&- 2>"$T/e2"
	grep -q "^init-lite: error: .*missing" "$T/e2" ||
		fail "no message for a missing program: $(cat "$T/e2")"
	expect_run 125 "$INIT_LITE" --bogus 0<&- 1>&- 2>&-
	expect_run 127 "$INIT_LITE" -s -- "$T/missing" 0<&- 1>&- 2>&-
	expect_run 125 "$INIT_LITE" --version 0<&- 1>&- 2>&-
}

# As PID 1, stderr a pipe nobody reads: writing the error gets EPIPE (the
# kernel does not deliver SIGPIPE to a namespace's init with the default
# action), and the status is still 125.
test_fds_broken_stderr_pid1() {
	local reader
	exec 4> >(exit 0)
	reader=$!
	wait "$reader" 2>/dev/null || true
	expect_run 125 unshare --pid --fork --mount-proc "$INIT_LITE" --bogus \
		</dev/null >/dev/null 2>&4
	expect_run 3 unshare --pid --fork --mount-proc "$INIT_LITE" -vvv -- \
		sh -c 'exit 3' </dev/null >/dev/null 2>&4
	exec 4>&-
}
