#!/bin/bash
# make check-cross: every cross build under qemu-user (tests/cross/arch.sh:
# the binary, init-lite's own checks, the porting traps, the integration
# suite minus what qemu cannot do), CROSS_JOBS architectures at a time
# (default 1: the suites' timing bounds strain on a busy 2-core machine);
# then the i386 build, which an x86-64 kernel runs natively, through the
# whole integration suite with nothing left out, and with the 64-bit time
# calls refused by seccomp (the fallback to the old 32-bit ones).
#
#   run.sh [ARCH...]       default: every architecture of mk/cross.mk
# Environment: CROSS_ROOT (build/), INIT_LITE (the native build),
# CROSS_JOBS, CROSS_SUITE=0 (no integration suite: quick).
# Prints each architecture's lines (ok/FAIL/skip ARCH/NAME), its time, and
# at the end `N passed, N failed, N skipped` for everything.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=../lib.sh
. "$root/tests/lib.sh"
export CROSS_ROOT=${CROSS_ROOT:-$root/build}
export INIT_LITE=${INIT_LITE:-$root/build/init-lite}
jobs=${CROSS_JOBS:-1}
if [ $# -eq 0 ]; then
	set -- arm64 armhf armel i386 ppc64el s390x mips64el
fi

[ "$(id -u)" -eq 0 ] || setup_fail "the cross tests need root (unshare --pid)"
tmp=$(mktemp -d /tmp/init-lite-cross.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

start_all=$(date +%s)
running=0
for a in "$@"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n || true
		running=$((running - 1))
	fi
	(
		s=$(date +%s)
		bash "$here/arch.sh" "$a" >"$tmp/$a.log" 2>&1
		echo "$(($(date +%s) - s))" >"$tmp/$a.time"
	) &
	running=$((running + 1))
done
wait

# i386 on the host kernel, when it runs i386 programs (IA32 emulation).
native=
case " $* " in *" i386 "*)
	if [ "$(uname -m)" = x86_64 ] &&
		"$CROSS_ROOT/i386/target-helper" exit 0 2>/dev/null; then
		native=1
		s=$(date +%s)
		bash "$here/i386-native.sh" >"$tmp/i386-native.log" 2>&1
		echo "$(($(date +%s) - s))" >"$tmp/i386-native.time"
	else
		echo "i386-native: this host does not run i386 programs" >"$tmp/i386-native.log"
	fi ;;
esac

for a in "$@" ${native:+i386-native}; do
	sed -E '/^[0-9]+ passed, [0-9]+ failed/d' "$tmp/$a.log"
	p=$(grep -c '^ok ' "$tmp/$a.log")
	f=$(grep -c '^FAIL ' "$tmp/$a.log")
	k=$(grep -c '^skip ' "$tmp/$a.log")
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		flunk "$a/run" "no result; $(tail -3 "$tmp/$a.log" | paste -sd ' ')"
	fi
	PASSED=$((PASSED + p))
	FAILED=$((FAILED + f))
	SKIPPED=$((SKIPPED + k))
	echo "== $a: $p ok, $f FAIL, $k skipped (skip.txt), $(cat "$tmp/$a.time" 2>/dev/null || echo '?') s"
done
echo "== check-cross: $(($(date +%s) - start_all)) s in all, $jobs at a time"
summary
