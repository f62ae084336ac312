# shellcheck shell=bash
# Hostile conditions (issue #15): a leftover whose main thread has exited,
# a /proc of another PID namespace or none, RLIMIT_NOFILE of 3 or 4, and
# the seccomp table (hostile.table): each system call init-lite makes,
# denied in turn. Every run is bounded, every stderr capped: a hot loop
# shows as a timeout or a flood, never as a hung suite or a full disk.

HOSTILE_DIR=$(dirname "${BASH_SOURCE[0]}")
HOSTILE_TABLE=$HOSTILE_DIR/hostile.table
ERR_CAP=65536

# hostile_static: $HS, the hostile helper linked statically (once per run),
# so that a filter denying openat or rt_sigaction cannot stop it starting.
hostile_static() {
	HS=$H/hostile-static
	[ -x "$HS" ] && return 0
	${CC:-cc} -static -O2 -Wall -Wextra -Werror -o "$HS.tmp" \
		"$HOSTILE_DIR/../helpers/hostile.c" 2>"$T/cc.log" ||
		fail "cannot link helpers/hostile.c statically: $(head -c 300 "$T/cc.log")"
	mv "$HS.tmp" "$HS"
}

# skip REASON: end the test as skipped (run_case: status 77).
skip() {
	printf '%s\n' "$*" >"$REASON"
	exit 77
}

# dynamic_init: init-lite needs a loader (the sanitizer build).
dynamic_init() { readelf -lW "$INIT_REAL" 2>/dev/null | grep -q INTERP; }

# cap_stderr: file descriptor 3 writes to $T/err, cut at ERR_CAP bytes.
cap_stderr() {
	# No ERR trap in there: killed at the cleanup, it must not overwrite
	# the test's reason.
	exec 3> >(trap - ERR; stdbuf -o0 head -c "$ERR_CAP" >"$T/err" || :)
	CLEAN_PIDS+=("$!")
	CAP_PID=$!
}

# stderr_final: wait until every writer of the capped stderr is gone.
stderr_final() {
	exec 3>&-
	wait_for 10 gone "$CAP_PID" || fail "stderr still open 10 s after the end"
}

err_lines() { wc -l <"$T/err"; }

# run_bounded SECS CMD...: run CMD (stdin /dev/null, stderr capped) and
# wait for it; fail if it runs longer than SECS. Sets STATUS and MS.
run_bounded() {
	local secs=$1 t0
	shift
	cap_stderr
	t0=$(now_ms)
	"$@" </dev/null >"$T/out" 2>&3 &
	UPID=$!
	CLEAN_PIDS+=("$UPID")
	wait_for "$secs" exited ||
		fail "still running after ${secs}s (hang or hot loop); stderr $(stat -c %s "$T/err") bytes: $(head -c 200 "$T/err")"
	MS=$(($(now_ms) - t0))
	STATUS=0
	wait "$UPID" || STATUS=$?
	stderr_final
}

# is_helper PID: PID runs the hostile helper (by comm: the exe link of a
# leader whose main thread has exited cannot be read).
is_helper() {
	local c
	{ read -r c <"/proc/$1/comm"; } 2>/dev/null && [ "$c" = hostile-static ]
}

# live_helpers: processes of the hostile helper still running below UPID.
live_helpers() {
	local p
	for p in $(descendants "$UPID"); do
		is_helper "$p" && group_alive "$p" && echo "$p"
	done
}
no_live_helpers() { [ -z "$(live_helpers)" ]; }

# group_alive PID: some thread of PID's thread group still runs (a leader
# that called pthread_exit shows Z while its other threads live).
group_alive() {
	local n
	n=$(proc_status "$1" Threads 2>/dev/null) || return 1
	alive "$1" || [ "${n:-0}" -gt 1 ]
}

# host_start CMD...: CMD (init-lite, maybe wrapped) as pid 2 under a
# shell in a new PID namespace, as start_host; the shell writes CMD's
# status to $T/init.status and keeps the namespace while $T/init.hold
# exists.
host_start() {
	touch "$T/init.hold"
	cap_stderr
	T0=$(now_ms)
	# shellcheck disable=SC2016 # expanded by the namespace's shell
	"$H/sigwrap" -- unshare --pid --fork --mount-proc sh -c '
		"$@"
		s=$?
		echo $s >"$0.status"
		while [ -e "$0.hold" ]; do sleep 0.05; done
		exit $s' "$T/init" "$@" </dev/null >"$T/out" 2>&3 &
	UPID=$!
	CLEAN_PIDS+=("$UPID")
}

# host_wait SECS: wait (bounded) for init-lite's status; sets STATUS, MS.
host_wait() {
	wait_for "$1" test -s "$T/init.status" ||
		fail "still running after ${1}s (hang or hot loop); stderr $(stat -c %s "$T/err") bytes: $(head -c 200 "$T/err")"
	MS=$(($(now_ms) - T0))
	STATUS=$(cat "$T/init.status")
}

host_run() {
	local secs=$1
	shift
	host_start "$@"
	host_wait "$secs"
}

# host_end: let the namespace go, then stderr is complete.
host_end() {
	rm -f "$T/init.hold"
	wait_exit 10
	stderr_final
}

# san_private ASAN|UBSAN: the sanitizer options with the log in $T, and
# no leak check at exit (it stops the world with getpid, clone, ptrace and
# rt_sigprocmask, and hangs when one is denied).
san_private() {
	local v=${1}_OPTIONS extra=
	[ "$1" = ASAN ] && extra=:detect_leaks=0
	echo "$v=${!v:+${!v}:}log_path=$T/san$extra"
}

trim() {
	local s=$1
	s=${s#"${s%%[![:space:]]*}"}
	echo "${s%"${s##*[![:space:]]}"}"
}

# seccomp_row NAME: run the row NAME of hostile.table.
seccomp_row() {
	local row f name nr call errno mode status bound min lines build left pat args cmd lim
	row=$(grep -E "^$1[[:space:]]*\|" "$HOSTILE_TABLE") || fail "no row $1 in hostile.table"
	IFS='|' read -r name nr call errno mode status bound min lines build left pat args <<<"$row"
	for f in name nr call errno mode status bound min lines build left pat args; do
		printf -v "$f" '%s' "$(trim "${!f}")"
	done
	hostile_static
	read -ra cmd <<<"${args//@/$HS}"
	cmd=("$HS" deny "$call" "$errno" "$INIT_LITE" "${cmd[@]}")
	if [ "$build" = static ] && dynamic_init; then
		# Its own failure to start is not a finding of the sanitizer run.
		cmd=(env "$(san_private ASAN)" "$(san_private UBSAN)" "${cmd[@]}")
	fi
	case $mode in
	ns) run_bounded "$bound" "$H/sigwrap" -- unshare --pid --fork --mount-proc "${cmd[@]}" ;;
	host) host_run "$bound" "${cmd[@]}" ;;
	*) fail "row $name: mode $mode" ;;
	esac
	lim="$call denied ($errno): "
	if [ "$left" = gone ]; then
		wait_for 3 no_live_helpers ||
			fail "${lim}leftover alive after init-lite exited: $(live_helpers); stderr: $(head -c 300 "$T/err")"
	fi
	[ "$mode" = host ] && host_end
	[ "$(stat -c %s "$T/err")" -lt "$ERR_CAP" ] || fail "${lim}stderr flooded (hot loop): $(head -n 2 "$T/err")"
	[ "$(err_lines)" -le "$lines" ] ||
		fail "${lim}$(err_lines) stderr lines, at most $lines allowed: $(head -n 3 "$T/err" | tr '\n' ' ')"
	if [ "$build" = static ] && dynamic_init; then
		skip "dynamic build: the loader or sanitizer runtime needs $call; only bound and log size checked (held)"
	fi
	[ "$status" = "*" ] || expect_status "$status" "$lim"
	[ "$MS" -ge $((min * 1000)) ] || fail "${lim}exited after $MS ms, before the grace (${min}s at least)"
	case $pat in
	"*") ;;
	-) [ ! -s "$T/err" ] || fail "${lim}expected no stderr, got: $(head -c 300 "$T/err")" ;;
	*) grep -qE -- "$pat" "$T/err" || fail "${lim}no stderr line matches '$pat': $(head -c 300 "$T/err")" ;;
	esac
}

# The table's rows: one test each, so that each passes or fails on its own
# (and tini-expected.txt can name them). test_seccomp_table checks this
# list against the table.
test_seccomp_rt_sigprocmask() { seccomp_row rt_sigprocmask; }
test_seccomp_rt_sigaction() { seccomp_row rt_sigaction; }
test_seccomp_rt_sigtimedwait() { seccomp_row rt_sigtimedwait; }
test_seccomp_clock_gettime() { seccomp_row clock_gettime; }
test_seccomp_pipe2() { seccomp_row pipe2; }
test_seccomp_pipe2_exec_fails() { seccomp_row pipe2_exec_fails; }
test_seccomp_vfork() { seccomp_row vfork; }
test_seccomp_wait4() { seccomp_row wait4; }
test_seccomp_kill() { seccomp_row kill; }
test_seccomp_kill_not_pid1() { seccomp_row kill_not_pid1; }
test_seccomp_openat() { seccomp_row openat; }
test_seccomp_getdents64() { seccomp_row getdents64; }
test_seccomp_pidfd_open() { seccomp_row pidfd_open; }
test_seccomp_pidfd_open_enosys() { seccomp_row pidfd_open_enosys; }
test_seccomp_pidfd_send_signal() { seccomp_row pidfd_send_signal; }
test_seccomp_close_range() { seccomp_row close_range; }
test_seccomp_chdir() { seccomp_row chdir; }
test_seccomp_prctl() { seccomp_row prctl; }
test_seccomp_ioctl() { seccomp_row ioctl; }
test_seccomp_setpgid() { seccomp_row setpgid; }
test_seccomp_getpid() { seccomp_row getpid; }
test_seccomp_read() { seccomp_row read; }
test_seccomp_write() { seccomp_row write; }

test_seccomp_table() {
	# Every row has its test and every test its row; the numbers are
	# x86-64's (the helper maps names with this machine's headers).
	local rows tests name nr call got
	rows=$(sed -n 's/^\([a-z0-9_][a-z0-9_]*\)[[:space:]]*|.*/\1/p' "$HOSTILE_TABLE" | sort)
	tests=$(sed -n 's/^test_seccomp_\([a-z0-9_]*\)() { seccomp_row \([a-z0-9_]*\); }$/\1 \2/p' "${BASH_SOURCE[0]}")
	[ -n "$rows" ] || fail "hostile.table has no rows"
	got=$(awk '$1 == $2 { print $1 }' <<<"$tests" | sort)
	[ "$rows" = "$got" ] ||
		fail "table rows and seccomp_ tests differ: $(diff <(echo "$rows") <(echo "$got") | grep '^[<>]' | tr '\n' ' ')"
	hostile_static
	[ "$(uname -m)" = x86_64 ] || return 0
	while IFS='|' read -r name nr call _; do
		name=$(trim "$name"); nr=$(trim "$nr"); call=$(trim "$call")
		case $name in '#'* | '') continue ;; esac
		got=$("$HS" nr "$call") || fail "helper does not know $call"
		[ "$got" = "$nr" ] || fail "row $name: $call is $got on x86-64, the table says $nr"
	done <"$HOSTILE_TABLE"
}

# zombie_leader: the first helper process whose main thread has exited
# while another thread runs.
zombie_leader() {
	local p
	for p in $(descendants "$UPID"); do
		is_helper "$p" && in_state "$p" Z && group_alive "$p" && { echo "$p"; return 0; }
	done
	return 1
}

test_hostile_zombie_leader() {
	# Not PID 1: a leftover whose main thread called pthread_exit shows Z
	# in /proc/PID/stat while its other thread runs. It is alive: it gets
	# SIGTERM (and dies of it), and init-lite waits for it.
	hostile_static
	# shellcheck disable=SC2016 # expanded by the child's shell
	host_start "$INIT_LITE" -s -- sh -c '"$0" zombie-leader & i=0; while [ ! -e "$1" ] && [ $i -lt 1000 ]; do sleep 0.02; i=$((i+1)); done; exit 0' "$HS" "$T/go"
	wait_for 10 zombie_leader || fail "no process with an exited main thread appeared"
	touch "$T/go"
	host_wait 20
	expect_status 0
	wait_for 3 no_live_helpers ||
		fail "leftover whose main thread exited still runs after init-lite exited; stderr: $(head -c 300 "$T/err")"
	host_end
}

test_hostile_proc_of_other_ns() {
	# Namespace A has its own /proc; B (unshare --pid --fork, no
	# --mount-proc) still sees A's. Pids are placed so that A's pid 50
	# (a decoy) has a child 51, while in B init-lite -s is 50 and 51 is
	# a sibling outside init-lite's tree. Walking A's /proc from 50 would
	# signal B's 51. init-lite must see that /proc is not its namespace's,
	# say so, leave the sibling alone, and still end its leftover (the
	# child's process group).
	hostile_static
	mkfifo "$T/decoy.ready"
	touch "$T/init.hold"
	cat >"$T/a.sh" <<-'EOF'
		T=$1
		echo 49 >/proc/sys/kernel/ns_last_pid || exit 90
		sh -c 'sleep 1000 & echo ok >"$0"; wait' "$T/decoy.ready" &
		read -r x <"$T/decoy.ready"
		[ "$(cat /proc/50/comm)" = sh ] && [ "$(cat /proc/51/comm)" = sleep ] || exit 91
		unshare --pid --fork sh "$T/b.sh" "$@"
	EOF
	cat >"$T/b.sh" <<-'EOF'
		T=$1 IL=$2 HS=$3 REC=$4
		echo 50 >/proc/sys/kernel/ns_last_pid || exit 92
		"$REC" "$T/sib.rec" "$T/sib.ready" &
		[ $! = 51 ] || exit 93
		i=0; while [ ! -e "$T/sib.ready" ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i+1)); done
		echo 49 >/proc/sys/kernel/ns_last_pid
		"$IL" -s -- "$HS" leftover 0
		echo $? >"$T/init.status"
		while [ -e "$T/init.hold" ]; do sleep 0.05; done
	EOF
	cap_stderr
	T0=$(now_ms)
	"$H/sigwrap" -- unshare --pid --fork --mount-proc sh "$T/a.sh" "$T" "$INIT_LITE" "$HS" "$H/recorder" \
		</dev/null >"$T/out" 2>&3 &
	UPID=$!
	CLEAN_PIDS+=("$UPID")
	wait_for 20 test -s "$T/init.status" || {
		if exited; then
			wait "$UPID" || STATUS=$?
			fail "set-up failed, status $STATUS: $(head -c 300 "$T/err")"
		fi
		fail "init-lite still running after 20 s: $(head -c 300 "$T/err")"
	}
	STATUS=$(cat "$T/init.status")
	expect_status 0
	[ ! -s "$T/sib.rec" ] || fail "sibling outside init-lite's tree got signals: $(tr '\n' ' ' <"$T/sib.rec")"
	wait_for 3 no_live_helpers || fail "the child's leftover survived init-lite"
	rm -f "$T/init.hold"
	wait_exit 10
	stderr_final
	grep -q "/proc missing, unreadable or another PID namespace's" "$T/err" ||
		fail "no warning about the foreign /proc: $(head -c 300 "$T/err")"
	[ "$(err_lines)" -eq 1 ] || fail "expected one warning line, got: $(head -n 4 "$T/err" | tr '\n' ' ')"
}

test_hostile_no_proc() {
	# Not PID 1 and no procfs on /proc (an empty tmpfs over it: an
	# unmount would bare the host's /proc below): one warning, and the
	# leftover (in the child's process group) still gets SIGTERM.
	local pre=()
	hostile_static
	if dynamic_init; then
		pre=(env "$(san_private ASAN)" "$(san_private UBSAN)")
	fi
	host_run 20 sh -c 'mount -t tmpfs none /proc && exec "$@"' sh "${pre[@]}" "$INIT_LITE" -s -- "$HS" leftover 3
	if [ ${#pre[@]} -gt 0 ]; then
		host_end
		skip "dynamic build: the sanitizer runtime needs /proc; only the bound is checked (held)"
	fi
	expect_status 3
	wait_for 3 no_live_helpers || fail "leftover survived init-lite without /proc"
	host_end
	grep -q "/proc missing, unreadable" "$T/err" || fail "no warning about the missing /proc: $(head -c 300 "$T/err")"
	[ "$(err_lines)" -eq 1 ] || fail "expected one warning line, got: $(head -n 4 "$T/err" | tr '\n' ' ')"
}

# nofile_run N ARGS...: init-lite as PID 1 with RLIMIT_NOFILE N.
nofile_run() {
	local n=$1
	shift
	run_bounded 10 "$H/sigwrap" -- unshare --pid --fork --mount-proc \
		prlimit --nofile="$n" "$INIT_LITE" "$@"
}

test_hostile_nofile() {
	# RLIMIT_NOFILE 3 or 4: no room for the exec-error pipe. The program
	# still starts (a false "cannot fork" was the bug), and an exec
	# failure is the child's 127 with one line on stderr.
	local n
	hostile_static
	if dynamic_init; then
		skip "dynamic build: its loader and sanitizer runtime need more descriptors"
	fi
	for n in 3 4; do
		nofile_run "$n" -- "$HS" exit 7
		expect_status 7 "RLIMIT_NOFILE $n: "
		[ ! -s "$T/err" ] || fail "RLIMIT_NOFILE $n: stderr: $(head -c 300 "$T/err")"
	done
	nofile_run 3 -- /nonexistent
	expect_status 127 "RLIMIT_NOFILE 3, missing program: "
	grep -q "cannot run '/nonexistent'" "$T/err" || fail "RLIMIT_NOFILE 3, missing program: stderr: $(head -c 300 "$T/err")"
	[ "$(err_lines)" -eq 1 ] || fail "RLIMIT_NOFILE 3: expected one line, got: $(head -n 4 "$T/err" | tr '\n' ' ')"
}
