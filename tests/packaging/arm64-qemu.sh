#!/bin/bash
# Runs the static aarch64 build of init-lite under qemu-user-static and
# checks what needs no PID namespace: --version, exit status passthrough,
# 128+S, the remap table, 127/126 for a missing or non-executable program,
# 125 for a bad option, signal forwarding, the grace shutdown of a leftover
# process, and --pause.
# init-lite is not PID 1 nor a subreaper in most of these runs (see the
# grace tests for why), so it prints its one warning about orphans.
# Children are run two ways: host programs (qemu-user hands execve to the
# host kernel, so /bin/sh runs natively), and a static aarch64 helper
# started through qemu-aarch64-static (no binfmt_misc registration needed).
# Environment: INIT_LITE_ARM64 (the aarch64 binary), ARM64_HELPER,
# INIT_LITE (the native binary, for comparing --version), QEMU.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BIN=${INIT_LITE_ARM64:-$root/build/arm64/init-lite}
HELPER=${ARM64_HELPER:-$root/build/arm64/packaging-helper}
INIT_LITE=${INIT_LITE:-$root/build/init-lite}
QEMU=${QEMU:-qemu-aarch64-static}
qemu=$(command -v "$QEMU") || { echo "arm64-qemu: FAIL: $QEMU not found" >&2; exit 1; }

tmp=$(mktemp -d)
bgpid=
cleanup() {
	if [ -n "$bgpid" ]; then kill -KILL "$bgpid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

fails=0
pass=0
ok() { pass=$((pass + 1)); echo "arm64-qemu: ok: $*"; }
fail() { fails=$((fails + 1)); echo "arm64-qemu: FAIL: $*" >&2; }

# run EXPECTED_STATUS DESCRIPTION ARGS...: init-lite ARGS under qemu.
run() {
	local want=$1 what=$2 rc=0
	shift 2
	timeout 60 "$qemu" "$BIN" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" -eq "$want" ]; then
		ok "$what: status $rc"
	else
		fail "$what: status $rc, want $want; stderr: $(head -c 300 "$tmp/err")"
	fi
}

# The binary itself: an aarch64 ELF without an interpreter (static).
readelf=$(command -v aarch64-linux-gnu-readelf || command -v readelf) ||
	{ fail "no readelf"; exit 1; }
elf_header=$("$readelf" -h "$BIN" 2>&1 || true)
elf_segments=$("$readelf" -l "$BIN" 2>&1 || true)
if grep -q 'Machine:[[:space:]]*AArch64' <<<"$elf_header"; then
	ok "ELF machine is AArch64"
else
	fail "$BIN is not an AArch64 ELF"
fi
if grep -q 'INTERP' <<<"$elf_segments"; then
	fail "$BIN has a program interpreter: not static"
else
	ok "static (no PT_INTERP), $(stat -c %s "$BIN") bytes"
fi

# --version: the exact shape, and the same text as the native build.
run 0 "--version" --version
if grep -Eqx 'init-lite version [0-9]+\.[0-9]+\.[0-9]+ - git\.([0-9a-f]{7}|unknown)' "$tmp/out"; then
	ok "--version says '$(cat "$tmp/out")'"
else
	fail "--version printed '$(head -c 200 "$tmp/out")'"
fi
native=$("$INIT_LITE" --version 2>&1 || true)
if [ "$native" = "$(cat "$tmp/out")" ]; then
	ok "--version equals the native build's"
else
	fail "--version differs from the native build's ($INIT_LITE): '$native'" \
		"(one of them older than the last commit? rebuild it)"
fi
run 0 "-V" -V

# Host programs as the child.
run 0 "-- true" -- true
run 7 "exit status passthrough (sh -c 'exit 7')" -- sh -c 'exit 7'
run 143 "child killed by SIGTERM gives 128+15" -- sh -c 'kill -TERM $$'
run 0 "-e 143 remaps 143 to 0" -e 143 -- sh -c 'kill -TERM $$'
run 3 "--remap-exit 7:3" --remap-exit 7:3 -- sh -c 'exit 7'

# The aarch64 helper as the child, through qemu.
run 0 "aarch64 helper runs" -- "$qemu" "$HELPER" arch
if [ "$(cat "$tmp/out")" = aarch64 ]; then
	ok "helper output passes through: $(cat "$tmp/out")"
else
	fail "helper printed '$(head -c 100 "$tmp/out")', want aarch64"
fi
run 7 "aarch64 helper exit 7" -- "$qemu" "$HELPER" exit 7
run 0 "aarch64 helper exit 0" -- "$qemu" "$HELPER" exit 0
run 255 "aarch64 helper exit 255" -- "$qemu" "$HELPER" exit 255
run 143 "aarch64 helper dies of SIGTERM: 128+15" -- "$qemu" "$HELPER" signal 15
run 138 "aarch64 helper dies of SIGUSR1: 128+10" -- "$qemu" "$HELPER" signal 10
INIT_LITE_REMAP_EXIT=143:0,7:9 run 0 "INIT_LITE_REMAP_EXIT=143:0,7:9 (143)" -- "$qemu" "$HELPER" signal 15
INIT_LITE_REMAP_EXIT=143:0,7:9 run 9 "INIT_LITE_REMAP_EXIT=143:0,7:9 (7)" -- "$qemu" "$HELPER" exit 7

# init-lite's own errors.
run 127 "missing program" -- /nonexistent/no-such-program
if grep -q 'no-such-program' "$tmp/err"; then
	ok "127 message names the program"
else
	fail "127 message does not name the program: $(head -c 200 "$tmp/err")"
fi
printf '#!/bin/sh\nexit 0\n' >"$tmp/not-exec"
chmod 0644 "$tmp/not-exec"
run 126 "program not executable" -- "$tmp/not-exec"
run 125 "bad option" --no-such-option -- true
if grep -q "try 'init-lite --help'" "$tmp/err"; then
	ok "125 message says try 'init-lite --help'"
else
	fail "125 message: $(head -c 200 "$tmp/err")"
fi
run 125 "missing PROGRAM" -w
INIT_LITE_VERBOSITY=9 run 125 "INIT_LITE_VERBOSITY=9" -- true

# Signal forwarding: SIGTERM to init-lite reaches the child (sleep), whose
# death by SIGTERM gives 143.
"$qemu" "$BIN" -- sleep 60 >/dev/null 2>"$tmp/err" &
bgpid=$!
sleep 2
kill -TERM "$bgpid" 2>/dev/null || true
rc=0
timeout 20 tail --pid="$bgpid" -f /dev/null || true
wait "$bgpid" || rc=$?
bgpid=
if [ "$rc" -eq 143 ]; then
	ok "SIGTERM forwarded to the child: status 143"
else
	fail "SIGTERM forwarding: status $rc, want 143; $(head -c 200 "$tmp/err")"
fi

# Grace shutdown. qemu-user 7.2 (Debian 12) refuses
# prctl(PR_SET_CHILD_SUBREAPER) with EINVAL, so under qemu init-lite cannot be
# a subreaper (-s fails with 125) and orphans escape it; these tests make it
# PID 1 of a new PID namespace instead (unshare, root only), where it
# signals the leftovers with kill(-1). Skipped when unshare is not allowed.
if unshare -pf --mount-proc true 2>/dev/null; then
	# A leftover that handles SIGTERM: init-lite must send it SIGTERM (the
	# file proves it; the kernel's final SIGKILL would leave none) and exit
	# as soon as it is gone, long before the 20 s grace.
	start=$(date +%s%N)
	rc=0
	timeout 60 unshare -pf --mount-proc "$qemu" "$BIN" -t 20s -- sh -c \
		"(trap 'echo term >\"$tmp/got-term\"; exit 0' TERM; : >\"$tmp/ready\"; sleep 50 & wait) &
		 while [ ! -e \"$tmp/ready\" ]; do sleep 0.05; done; exit 3" \
		>/dev/null 2>"$tmp/err" || rc=$?
	elapsed=$((($(date +%s%N) - start) / 1000000))
	if [ "$rc" -eq 3 ]; then ok "grace: status of the main child (3)"; else
		fail "grace: status $rc, want 3; $(head -c 200 "$tmp/err")"; fi
	if [ -s "$tmp/got-term" ]; then ok "grace: the leftover got SIGTERM"; else
		fail "grace: the leftover got no SIGTERM"; fi
	if [ "$elapsed" -lt 10000 ]; then ok "grace: ended early, ${elapsed} ms of 20 s"; else
		fail "grace: took ${elapsed} ms"; fi

	# A leftover that ignores SIGTERM gets SIGKILL when the 1 s grace ends.
	start=$(date +%s%N)
	rc=0
	timeout 60 unshare -pf --mount-proc "$qemu" "$BIN" -t 1s -- sh -c \
		"(trap '' TERM; : >\"$tmp/ready2\"; sleep 50) &
		 while [ ! -e \"$tmp/ready2\" ]; do sleep 0.05; done; exit 0" \
		>/dev/null 2>"$tmp/err" || rc=$?
	elapsed=$((($(date +%s%N) - start) / 1000000))
	if [ "$rc" -eq 0 ] && [ "$elapsed" -ge 900 ] && [ "$elapsed" -lt 10000 ]; then
		ok "grace: a TERM-ignoring leftover is killed at the 1 s deadline (${elapsed} ms)"
	else
		fail "grace deadline: status $rc after ${elapsed} ms, want 0 after about 1 s; $(head -c 200 "$tmp/err")"
	fi
else
	echo "arm64-qemu: SKIP: grace tests (unshare --pid not permitted here)"
fi

# --pause: runs until SIGTERM, then exits 0.
"$qemu" "$BIN" --pause >/dev/null 2>"$tmp/err" &
bgpid=$!
sleep 2
if kill -0 "$bgpid" 2>/dev/null; then
	ok "--pause keeps running"
else
	fail "--pause exited by itself"
fi
kill -TERM "$bgpid" 2>/dev/null || true
rc=0
timeout 20 tail --pid="$bgpid" -f /dev/null || true
wait "$bgpid" || rc=$?
bgpid=
if [ "$rc" -eq 0 ]; then
	ok "--pause exits 0 on SIGTERM"
else
	fail "--pause on SIGTERM: status $rc, want 0"
fi

echo "arm64-qemu: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
