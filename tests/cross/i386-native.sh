#!/bin/bash
# The i386 build on the host's own kernel (an x86-64 kernel runs i386
# programs natively): no emulator in the way, so
#   - the whole integration suite runs, but for the seccomp tests, whose
#     filters name x86-64 system call numbers (tests/cross/skip.txt);
#   - time64_grace_1s: its 64-bit time calls (clock_gettime64,
#     rt_sigtimedwait_time64) are the kernel's, not qemu's translation: a
#     1 s grace with a leftover that ignores SIGTERM takes about 1 s;
#   - time64_fallback: under a seccomp filter that refuses those two calls
#     with EPERM (a profile older than them: Docker before 20.10), init-lite
#     falls back to the old 32-bit calls (seen with strace) and the grace
#     still takes about 1 s.
# Environment: CROSS_ROOT (build/). Prints ok/FAIL i386-native/NAME, then
# `N passed, N failed` (tests/lib.sh).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=../lib.sh
. "$root/tests/lib.sh"
CROSS_ROOT=${CROSS_ROOT:-$root/build}
BIN=$CROSS_ROOT/i386/init-lite
ok() { pass "i386-native/$1"; }
fail() { flunk "i386-native/$1" "$2"; }
[ -x "$BIN" ] || setup_fail "$BIN missing (make cross ARCH=i386)"
tmp=$(mktemp -d /tmp/init-lite-i386.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# grace1s PREFIX...: PREFIX init-lite -t 1s, as PID 1 of a namespace,
# with a leftover that ignores SIGTERM; sets rc and elapsed.
grace1s() {
	local start
	start=$(now_ms)
	rc=0
	timeout 60 "$@" unshare -pf --mount-proc ${seccomp:+"$seccomp"} "$BIN" -t 1s -- sh -c \
		"(trap '' TERM; : >'$tmp/ready'; exec sleep 50) &
		 while [ ! -e '$tmp/ready' ]; do sleep 0.05; done; exit 0" \
		>/dev/null 2>"$tmp/err" || rc=$?
	elapsed=$(($(now_ms) - start))
	rm -f "$tmp/ready"
}
about_1s() { [ "$rc" -eq 0 ] && [ "$elapsed" -ge 800 ] && [ "$elapsed" -le 10000 ]; }

seccomp=
grace1s env
if about_1s; then ok time64_grace_1s; else
	fail time64_grace_1s "status $rc after $elapsed ms, want 0 after about 1 s; $(head -c 200 "$tmp/err")"; fi

build_helpers "$tmp" seccomp-time64
if ! command -v strace >/dev/null; then
	fail time64_fallback "strace not found (apt-get install strace)"
else
	seccomp=$tmp/seccomp-time64
	grace1s strace -f -qq -o "$tmp/strace" \
		-e trace=clock_gettime64,clock_gettime,rt_sigtimedwait_time64,rt_sigtimedwait
	refused=$(grep -cE '(clock_gettime64|rt_sigtimedwait_time64)\(.*= -1 EPERM' "$tmp/strace")
	old_ok=$(grep -cE '(clock_gettime|rt_sigtimedwait)\(CLOCK_MONOTONIC, \{tv_sec=.*\) = 0$' "$tmp/strace")
	if about_1s && [ "$refused" -gt 0 ] && [ "$old_ok" -gt 0 ]; then
		ok time64_fallback
	else
		fail time64_fallback "status $rc after $elapsed ms; $refused refused 64-bit calls, $old_ok old clock reads; $(head -c 200 "$tmp/err")"
	fi
fi

# The whole integration suite, but for the tests skip.txt names for
# i386-native (seccomp filters written in x86-64 numbers).
declare -A skip=()
while read -r arches name why; do
	case ",$arches," in *,i386-native,*) skip[$name]=$why ;; esac
done <"$here/skip.txt"
want=()
while read -r t; do
	if [ -n "${skip[$t]+x}" ]; then
		skip_test "i386-native/$t" "${skip[$t]}"
	else
		want+=("$t")
	fi
done < <(select_tests "$root"/tests/integration/t_*.sh --)
timeout 1200 env INIT_LITE="$BIN" bash "$root/tests/integration/run.sh" \
	"${want[@]}" >"$tmp/suite.log" 2>&1
report_from_log i386-native "$tmp/suite.log" "${want[@]}"
summary
