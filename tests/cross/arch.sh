#!/bin/bash
# One architecture's cross build, run under qemu-user (tests/cross/run.sh
# runs this for each):
#   1. the binary: its ELF machine, static (no PT_INTERP, `file` agrees),
#      within its size budget (32,768 bytes, every architecture);
#   2. init-lite's own checks (version, statuses, 125/126/127, forwarding,
#      --pause), with host programs and a static program of the target
#      (tests/helpers/target.c) as the child;
#   3. the porting traps, each a named test (see below);
#   4. the integration suite (tests/integration/run.sh) with init-lite
#      under qemu, minus the tests that qemu-user itself cannot support,
#      each named with its reason in tests/cross/skip.txt.
#
#   arch.sh ARCH
# Environment: CROSS_ROOT (default build/; holds ARCH/init-lite and
# ARCH/target-helper), INIT_LITE (the native build, for --version),
# CROSS_SUITE=0 to leave out part 4.
# qemu-ARCH-static is called explicitly: no binfmt_misc registration is
# needed. It hands every execve to the host kernel, so host programs (sh,
# sleep) run natively as init-lite's children, and the helper is started
# through qemu. Signals sent from the host are translated by qemu to the
# target's numbers and back: the numbers init-lite sees, takes in options
# and logs are the target's (MIPS: USR1 16, USR2 17, CHLD 18).
# Prints `ok ARCH/NAME`, `FAIL ARCH/NAME: reason`, `skip ARCH/NAME: reason`
# (only the integration tests of skip.txt), then `N passed, N failed,
# N skipped` (tests/lib.sh).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=../lib.sh
. "$root/tests/lib.sh"
arch=${1:?usage: arch.sh ARCH}
CROSS_ROOT=${CROSS_ROOT:-$root/build}
BIN=$CROSS_ROOT/$arch/init-lite
HELPER=$CROSS_ROOT/$arch/target-helper
INIT_LITE=${INIT_LITE:-$root/build/init-lite}

# The target: qemu's name, readelf's machine, uname -m under qemu, and the
# signal numbers its libc uses (checked against the helper's below).
usr1=10 usr2=12 chld=17 nsig=64 data=little abi=
# The size budget: 32 KiB for every architecture (issue 11), mips64el too
# since it is built with 32-bit symbols and byte-loop memcpy/memset
# (mk/cross.mk; 31,104 bytes, docs/architectures.md).
budget=32768
case $arch in
arm64) qemu=aarch64 machine=AArch64 class=ELF64 uname=aarch64 ;;
armhf) qemu=arm machine=ARM class=ELF32 uname=armv7l abi='hard-float ABI' ;;
armel) qemu=arm machine=ARM class=ELF32 uname=armv7l abi='soft-float ABI' ;;
i386) qemu=i386 machine='Intel 80386' class=ELF32 uname=i686 ;;
ppc64el) qemu=ppc64le machine=PowerPC64 class=ELF64 uname=ppc64le ;;
s390x) qemu=s390x machine='IBM S/390' class=ELF64 uname=s390x data=big ;;
mips64el) qemu=mips64el machine='MIPS R3000' class=ELF64 uname=mips64
	usr1=16 usr2=17 chld=18 nsig=128 ;;
*) setup_fail "unknown architecture $arch" ;;
esac

ok() { pass "$arch/$1"; }
fail() { flunk "$arch/$1" "$2"; }
check() { # NAME REASON-IF-FALSE COMMAND...
	local name=$1 why=$2
	shift 2
	if "$@"; then ok "$name"; else fail "$name" "$why"; fi
}
finish() {
	summary
	exit
}

QEMU=$(command -v "qemu-$qemu-static") || {
	fail setup "qemu-$qemu-static not found (apt-get install qemu-user-static)"
	finish
}
QEMU=$(readlink -f "$QEMU")
for f in "$BIN" "$HELPER"; do
	[ -x "$f" ] || { fail setup "$f missing (make cross ARCH=$arch)"; finish; }
done

tmp=$(mktemp -d "/tmp/init-lite-cross-$arch.XXXXXX")
pids=()
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	local p
	for p in "${pids[@]}"; do
		kill -KILL "$p" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

# wait_file FILE SECS: until FILE exists; 1 after SECS.
wait_file() { wait_for "$2" test -e "$1"; }
# wait_gone PID SECS
wait_gone() { timeout "$2" tail --pid="$1" -f /dev/null; }

# run [VAR=VALUE...] ARGS...: init-lite ARGS under qemu, bounded; status in
# $rc, output in $tmp/out and $tmp/err.
run() {
	local envs=()
	while [[ ${1-} == [A-Z]*=* ]]; do envs+=("$1"); shift; done
	rc=0
	env "${envs[@]}" timeout 60 "$QEMU" "$BIN" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
}
# status NAME WANT [VAR=VALUE...] ARGS...
status() {
	local name=$1 want=$2
	shift 2
	run "$@"
	if [ "$rc" -eq "$want" ]; then ok "$name"; else
		fail "$name" "status $rc, want $want; stderr: $(head -c 300 "$tmp/err")"; fi
}
# shellcheck disable=SC2317 # called through check
err_has() { grep -q -- "$1" "$tmp/err"; }
# shellcheck disable=SC2317 # called through check
no_interp() { ! readelf -l "$BIN" | grep -q INTERP; }
# shellcheck disable=SC2317 # called through check
about_1s() { [ "$rc" -eq 0 ] && [ "$elapsed" -ge 800 ] && [ "$elapsed" -le 10000 ]; }
# shellcheck disable=SC2317 # called through check
few_reads() { [ "$reads" -ge 1 ] && [ "$reads" -lt 100 ]; }

# ---- 1. the binary ---------------------------------------------------------
hdr=$(readelf -h "$BIN" 2>&1)
check elf_machine "readelf says: $(grep -E 'Class|Machine' <<<"$hdr" | tr -s ' \n' ' ')" \
	grep -q "Machine:[[:space:]]*$machine\$" <<<"$hdr"
check elf_class "not $class" grep -q "Class:[[:space:]]*$class" <<<"$hdr"
check elf_endian "not $data endian" grep -q "Data:.*$data endian" <<<"$hdr"
if [ -n "$abi" ]; then
	check elf_float_abi "not $abi: $(grep Flags <<<"$hdr")" grep -q "$abi" <<<"$hdr"
fi
check elf_no_interp "has a program interpreter" no_interp
check file_static "file says: $(file -b "$BIN")" \
	grep -q 'statically linked' <<<"$(file -b "$BIN")"
size=$(stat -c %s "$BIN")
check size_budget "$size bytes, over $budget" [ "$size" -le "$budget" ]

# The helper's numbers are the target libc's; this script's table must agree.
for s in USR1:$usr1 USR2:$usr2 CHLD:$chld; do
	got=$("$QEMU" "$HELPER" signum "${s%%:*}")
	check "helper_sig${s%%:*}" "the target's SIG${s%%:*} is $got, this script says ${s#*:}" \
		[ "$got" = "${s#*:}" ]
done

# ---- 2. init-lite's own checks ---------------------------------------------
status version 0 --version
check version_shape "printed '$(head -c 200 "$tmp/out")'" grep -Eqx \
	'init-lite version [0-9]+\.[0-9]+\.[0-9]+ - git\.([0-9a-f]{7}|unknown)' "$tmp/out"
native=$("$INIT_LITE" --version 2>&1 || true)
check version_as_native "'$(cat "$tmp/out")' vs native '$native' (rebuild one?)" \
	[ "$native" = "$(cat "$tmp/out")" ]
status V 0 -V
status child_true 0 -- true
status exit_passthrough 7 -- sh -c 'exit 7'
status child_term_143 143 -- sh -c 'kill -TERM $$'
status remap_e_143 0 -e 143 -- sh -c 'kill -TERM $$'
status remap_7_3 3 --remap-exit 7:3 -- sh -c 'exit 7'
status helper_runs 0 -- "$QEMU" "$HELPER" arch
check helper_uname "helper printed '$(head -c 100 "$tmp/out")', want $uname" \
	[ "$(cat "$tmp/out")" = "$uname" ]
status helper_exit_7 7 -- "$QEMU" "$HELPER" exit 7
status helper_exit_255 255 -- "$QEMU" "$HELPER" exit 255
status helper_dies_term 143 -- "$QEMU" "$HELPER" signal TERM
# 128 + the target's number: a wait status carries the target's signal.
status helper_dies_usr1 $((128 + usr1)) -- "$QEMU" "$HELPER" signal USR1
status remap_env_143 0 INIT_LITE_REMAP_EXIT=143:0,7:9 -- "$QEMU" "$HELPER" signal TERM
status remap_env_7 9 INIT_LITE_REMAP_EXIT=143:0,7:9 -- "$QEMU" "$HELPER" exit 7
status missing_127 127 -- /nonexistent/no-such-program
check missing_named "message: $(head -c 200 "$tmp/err")" err_has no-such-program
printf '#!/bin/sh\nexit 0\n' >"$tmp/not-exec"
chmod 0644 "$tmp/not-exec"
status not_executable_126 126 -- "$tmp/not-exec"
status bad_option_125 125 --no-such-option -- true
check bad_option_says_help "message: $(head -c 200 "$tmp/err")" err_has "try 'init-lite --help'"
status no_program_125 125 -w
status bad_verbosity_125 125 INIT_LITE_VERBOSITY=9 -- true

# bg NAME ARGS...: init-lite ARGS under qemu in the background; $bg its pid.
bg() {
	"$QEMU" "$BIN" "$@" >"$tmp/out" 2>"$tmp/err" &
	bg=$!
	pids+=("$bg")
}
# bg_status PID: its exit status in $r after at most 20 s, or 999.
bg_status() {
	r=0
	wait_gone "$1" 20 || { r=999; return; }
	wait "$1" || r=$?
}

# SIGTERM to init-lite reaches the child (it is running: its file says so).
bg -- sh -c ": >'$tmp/term-ready'; exec sleep 60"
if wait_file "$tmp/term-ready" 20; then
	kill -TERM "$bg"
	bg_status "$bg"
	check forward_term "status $r, want 143; $(head -c 200 "$tmp/err")" [ "$r" -eq 143 ]
else
	fail forward_term "the child never started"
fi

# --pause keeps running until SIGTERM, then exits 0; it has asked to wait
# (sigtimedwait under -strace) before the TERM is sent.
"$QEMU" -strace "$BIN" --pause >"$tmp/out" 2>"$tmp/pause.strace" &
bg=$!
pids+=("$bg")
end=$(($(now_ms) + 20000))
while ! grep -Eqs 'rt_sigtimedwait|Unknown syscall' "$tmp/pause.strace" &&
	[ "$(now_ms)" -lt "$end" ] && kill -0 "$bg" 2>/dev/null; do
	sleep 0.05
done
check pause_waits "exited or never waited: $(tail -c 300 "$tmp/pause.strace")" kill -0 "$bg"
kill -TERM "$bg" 2>/dev/null
bg_status "$bg"
check pause_term_0 "status $r, want 0" [ "$r" -eq 0 ]

# ---- 3. porting traps ------------------------------------------------------
# grace_1s: 32-bit targets with musl 1.2 have a 64-bit time_t, and the old
# clock_gettime and rt_sigtimedwait take a 32-bit timespec: read with the
# wrong layout the clock is garbage and the grace ends at once, or never.
# A leftover that ignores SIGTERM must get SIGKILL after about 1 s. As PID 1
# of a PID namespace (qemu cannot be a subreaper): kill(-1) reaches it.
# grace_no_busy_wait: with the nanoseconds of the timeout lost (the old
# rt_sigtimedwait reading a 64-bit timespec), each wait returns at once and
# the 1 s is spent spinning; qemu -strace counts the clock reads (a handful
# when each wait sleeps until the deadline, thousands when it spins).
if unshare -pf --mount-proc true 2>/dev/null; then
	start=$(now_ms)
	rc=0
	timeout 60 unshare -pf --mount-proc "$QEMU" -strace "$BIN" -t 1s -- sh -c \
		"(trap '' TERM; : >'$tmp/g1-ready'; exec sleep 50) &
		 while [ ! -e '$tmp/g1-ready' ]; do sleep 0.05; done; exit 0" \
		>/dev/null 2>"$tmp/g1.strace" || rc=$?
	elapsed=$(($(now_ms) - start))
	check grace_1s "status $rc after $elapsed ms, want 0 after about 1 s" about_1s
	reads=$(grep -c '^1 clock_gettime' "$tmp/g1.strace")
	check grace_no_busy_wait "$reads clock reads in a 1 s grace (spinning?)" few_reads
	check grace_1s_logged "no 'grace of 1000 ms over' line" \
		grep -q 'grace of 1000 ms over: SIGKILL' "$tmp/g1.strace"

	# A leftover that handles SIGTERM ends the grace early.
	start=$(now_ms)
	rc=0
	timeout 60 unshare -pf --mount-proc "$QEMU" "$BIN" -t 20s -- sh -c \
		"(trap 'echo term >\"$tmp/got-term\"; exit 0' TERM; sleep 50 & : >'$tmp/g2-ready'; wait) &
		 while [ ! -e '$tmp/g2-ready' ]; do sleep 0.05; done; exit 3" \
		>/dev/null 2>"$tmp/err" || rc=$?
	elapsed=$(($(now_ms) - start))
	check grace_status "status $rc, want 3; $(head -c 200 "$tmp/err")" [ "$rc" -eq 3 ]
	check grace_term_sent "the leftover got no SIGTERM" [ -s "$tmp/got-term" ]
	check grace_ends_early "took $elapsed ms of the 20 s grace" [ "$elapsed" -lt 15000 ]
else
	fail grace_1s "unshare --pid not permitted here (run as root)"
fi

# descendants_found: not PID 1, init-lite finds the leftovers below it by
# reading /proc with getdents64 and a hand-written struct dirent64 (wrong
# on a target, and no leftover would get its SIGTERM). qemu refuses -s, so
# the host makes its process a subreaper before exec (the flag survives
# exec): orphans come to init-lite as they would with -s.
subreaper_exec='import ctypes, os, sys
if ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) != 0:
    sys.exit("prctl(PR_SET_CHILD_SUBREAPER) failed")
os.execvp(sys.argv[1], sys.argv[1:])'
start=$(now_ms)
rc=0
timeout 60 python3 -c "$subreaper_exec" "$QEMU" "$BIN" -t 20s -- sh -c \
	"sh -c 'trap \"echo term >\\\"$tmp/d-term\\\"; exit 0\" TERM; sleep 50 & echo \$\$ >\"$tmp/d-pid\"; wait' &
	 while [ ! -s '$tmp/d-pid' ]; do sleep 0.05; done; exit 4" \
	>/dev/null 2>"$tmp/err" || rc=$?
elapsed=$(($(now_ms) - start))
[ -s "$tmp/d-pid" ] && pids+=("$(cat "$tmp/d-pid")")
check descendants_status "status $rc, want 4; $(head -c 300 "$tmp/err")" [ "$rc" -eq 4 ]
check descendants_found "the leftover below init-lite got no SIGTERM" [ -s "$tmp/d-term" ]
check descendants_early "took $elapsed ms of the 20 s grace" [ "$elapsed" -lt 15000 ]

# signal_numbers: init-lite waits on and forwards the target's signals;
# -r takes the target's names, and its numbers: the child (the helper, a
# target program) reports what it got in the target's numbering. The debug
# log names the target's numbers too.
recv_test() { # NAME REWRITE
	local name=$1 f="$tmp/recv-$1"
	"$QEMU" "$BIN" -v -v -v -r "$2" -- "$QEMU" "$HELPER" recv "$f" \
		>/dev/null 2>"$tmp/recv-$1.err" &
	bg=$!
	pids+=("$bg")
	if ! wait_file "$f.ready" 20; then
		fail "$name" "the helper never got ready: $(head -c 300 "$tmp/recv-$1.err")"
		return
	fi
	kill -USR1 "$bg"
	end=$(($(now_ms) + 20000))
	while [ ! -s "$f" ] && [ "$(now_ms)" -lt "$end" ]; do sleep 0.05; done
	kill -TERM "$bg"
	bg_status "$bg"
	if [ "$r" -eq 0 ] && [ "$(tr '\n' ' ' <"$f" 2>/dev/null)" = "$usr2 15 " ]; then
		ok "$name"
	else
		fail "$name" "status $r; the child got '$(tr '\n' ' ' <"$f" 2>/dev/null)', want '$usr2 15 ' (USR2, TERM)"
	fi
}
recv_test rewrite_by_name USR1:SIGUSR2
recv_test rewrite_by_number "$usr1:$usr2"
check log_target_numbers "log: $(grep forwarding "$tmp/recv-rewrite_by_name.err" | head -2 | tr '\n' ' ')" \
	grep -q "signal $usr1: forwarding $usr2 to" "$tmp/recv-rewrite_by_name.err"

# signals_past_64: MIPS has 128 signals; elsewhere 65 is no signal.
if [ "$nsig" -gt 64 ]; then
	status signal_100_accepted 0 -r 100:0 -- true
	status signal_past_nsig_refused 125 -r $((nsig + 1)):0 -- true
else
	status signal_65_refused 125 -r 65:0 -- true
fi

# The child killed by USR1: 128 + the target's number, named in the log.
status child_usr1_status $((128 + usr1)) -v -v -- "$QEMU" "$HELPER" signal USR1
check child_usr1_named "log: $(grep reaped "$tmp/err" | head -1)" err_has 'killed by SIGUSR1'

# dispositions_kept: SIGCHLD ignored when init-lite starts is reset for
# init-lite and set back to ignored in the child, through the hand-written
# struct sigaction (MIPS: flags first, no restorer; 32-bit ARM: the mask at
# 12); a signal not ignored stays default. (Other ignored signals reach the
# child by exec alone; under qemu not for those whose default is to kill:
# qemu catches them on the host to emulate them, and exec resets caught
# signals. So only SIGCHLD, the one init-lite sets itself, is checked.)
rc=0
# (timeout sets its own SIGCHLD handler: it comes first.)
timeout 60 env --ignore-signal=CHLD "$QEMU" "$BIN" -q -- \
	"$QEMU" "$HELPER" disp CHLD USR1 >"$tmp/out" 2>"$tmp/err" || rc=$?
check dispositions_kept "status $rc; the child says: $(tr '\n' ' ' <"$tmp/out") $(head -c 200 "$tmp/err")" \
	[ "$(tr '\n' ' ' <"$tmp/out")" = "CHLD ignored USR1 default " ]
status dispositions_default 0 -q -- "$QEMU" "$HELPER" disp CHLD USR1
check dispositions_default_out "the child says: $(tr '\n' ' ' <"$tmp/out")" \
	[ "$(tr '\n' ' ' <"$tmp/out")" = "CHLD default USR1 default " ]

# ---- 4. the integration suite ----------------------------------------------
if [ "${CROSS_SUITE:-1}" = 1 ]; then
	suite=$root/tests/integration
	printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$QEMU" "$BIN" >"$tmp/init-lite"
	chmod 0755 "$tmp/init-lite"
	# skip.txt: ARCHES TEST REASON (ARCHES: * or a,b,c).
	declare -A skip=()
	while read -r arches name why; do
		case $arches in ''|'#'*) continue ;; esac
		case ",$arches," in *",$arch,"*|',*,') skip[$name]=$why ;; esac
	done <"$here/skip.txt"
	want=()
	while read -r t; do
		if [ -n "${skip[$t]+x}" ]; then
			skip_test "$arch/$t" "${skip[$t]}"
		else
			want+=("$t")
		fi
	done < <(select_tests "$suite"/t_*.sh --)
	INIT_LITE=$tmp/init-lite INIT_LITE_EXE=$QEMU timeout 1200 \
		bash "$suite/run.sh" "${want[@]}" >"$tmp/suite.log" 2>&1
	report_from_log "$arch" "$tmp/suite.log" "${want[@]}"
	# A test the filter also matched (a longer name) and skip.txt lists.
	while read -r res t _; do
		t=${t%:}
		[ -z "${skip[$t]+x}" ] ||
			echo "note $arch/$t: ran as a longer name's match ($res); not counted"
	done < <(grep -E '^(ok|FAIL|skip) ' "$tmp/suite.log")
fi

finish
