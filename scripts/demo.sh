#!/bin/sh
# A short demo of init-lite as PID 1 of a new PID namespace (needs root):
# a signal forwarded to the program, an orphan reaped, the exit status, and
# a leftover given SIGTERM and time to finish before init-lite exits.
#   sh scripts/demo.sh /abs/path/build/init-lite
# Exits 0 when everything behaved, 1 otherwise.
set -eu

INIT=${1:-$(dirname "$0")/../build/init-lite}
[ -x "$INIT" ] || { echo "demo: $INIT is not executable (run make first)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "demo: needs root (unshare --pid)" >&2; exit 1; }

T=$(mktemp -d /tmp/init-lite-demo.XXXXXX)
UPID=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	[ -z "$UPID" ] || kill -KILL "$UPID" 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
bad=0

# start ARGS...: init-lite as PID 1 of a new PID namespace, in the
# background; sets UPID (unshare) and IPID (init-lite, as seen from here).
start() {
	unshare --pid --fork --mount-proc "$INIT" "$@" &
	UPID=$!
	IPID=
	i=0
	while [ -z "$IPID" ] && [ $i -lt 100 ] && ! ended; do
		sleep 0.05
		IPID=$(cat "/proc/$UPID/task/$UPID/children" 2>/dev/null || true)
		IPID=${IPID%% *}
		i=$((i + 1))
	done
}

ended() { [ "$(cut -d' ' -f3 "/proc/$UPID/stat" 2>/dev/null || echo Z)" = Z ]; }

# finish: wait for init-lite (at most 5 s) and set STATUS.
finish() {
	i=0
	while ! ended && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	STATUS=0
	wait "$UPID" || STATUS=$?
	UPID=
}

# The program: says when it gets USR1, exits 143 on TERM; what it says also
# goes to $LOG for the checks.
# shellcheck disable=SC2016 # expanded by the program's shell
PROGRAM='say() { echo "    program: $*"; echo "$*" >>"$LOG"; }
trap "say got SIGUSR1" USR1
trap "say got SIGTERM, exiting with 143; exit 143" TERM
say "running as pid $$ under init-lite (pid 1)"
while :; do sleep 1 & wait $!; done'

echo "== 1. Signals reach the program"
echo "\$ unshare --pid --fork --mount-proc init-lite -- sh -c PROGRAM"
LOG=$T/out1 start -- sh -c "$PROGRAM"
i=0
while [ ! -s "$T/out1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
echo "\$ kill -USR1 <init-lite>      # as docker kill --signal USR1 does"
kill -USR1 "$IPID"
sleep 0.5
echo "\$ kill -TERM <init-lite>      # as docker stop does"
kill -TERM "$IPID"
finish
grep -q 'got SIGUSR1' "$T/out1" || { echo "demo: FAILED: USR1 did not reach the program"; bad=1; }
grep -q 'got SIGTERM' "$T/out1" || { echo "demo: FAILED: TERM did not reach the program"; bad=1; }

echo
echo "== 2. Exit status"
echo "init-lite exited with $STATUS (the program's status)"
[ "$STATUS" -eq 143 ] || { echo "demo: FAILED: expected 143"; bad=1; }
echo "\$ unshare --pid --fork --mount-proc init-lite -e 143 -- sh -c 'kill -TERM \$\$'"
start -e 143 -- sh -c 'kill -TERM $$'
finish
echo "init-lite exited with $STATUS (-e 143 maps 143 to 0)"
[ "$STATUS" -eq 0 ] || { echo "demo: FAILED: expected 0"; bad=1; }

echo
echo "== 3. Orphans are reaped"
echo "The program starts 'sleep 0.5' in the background of a shell that exits at"
echo "once: the sleep is re-parented to PID 1, init-lite, which must reap it."
# shellcheck disable=SC2016
start -- sh -c 'sh -c "sleep 0.5 &"
echo "    processes right after (sleep is now a child of pid 1):"
ps -e -o pid,ppid,stat,comm | sed "s/^/      /"
sleep 1.5
echo "    processes 1.5 s later (no zombie left):"
ps -e -o pid,ppid,stat,comm | sed "s/^/      /"' >"$T/out3"
finish
cat "$T/out3"
after=$(sed -n '/later/,$p' "$T/out3")
if printf '%s\n' "$after" | grep -q ' Z'; then
	echo "demo: FAILED: a zombie was left"
	bad=1
fi
sed -n '/right after/,/later/p' "$T/out3" | grep -Eq '^ +[0-9]+ +1 .*sleep$' ||
	{ echo "demo: FAILED: the orphan was not re-parented to init-lite"; bad=1; }

echo
echo "== 4. Leftovers get SIGTERM and time to finish"
echo "The program leaves a helper behind that needs 0.3 s after SIGTERM to"
echo "finish its file, and exits. tini would exit at once and the kernel would"
echo "SIGKILL the helper; init-lite sends it SIGTERM and waits (up to --grace)."
# shellcheck disable=SC2016
start -- sh -c "(trap 'sleep 0.3; echo complete >$T/file; exit 0' TERM
	echo partial >$T/file; while :; do sleep 0.1; done) 2>/dev/null &
	sleep 0.3; echo '    program: exiting 0, leaving the helper behind'; exit 0"
t0=$(date +%s%N)
finish
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "init-lite exited with $STATUS (the program's) after $ms ms in all: 0.3 s of"
echo "program, then the helper's 0.3 s flush, not the 5 s grace. The helper's"
echo "file says: $(cat "$T/file" 2>/dev/null)"
[ "$(cat "$T/file" 2>/dev/null)" = complete ] ||
	{ echo "demo: FAILED: the helper did not finish its file"; bad=1; }
[ "$STATUS" -eq 0 ] || { echo "demo: FAILED: expected the program's 0"; bad=1; }

echo
if [ "$bad" -eq 0 ]; then
	echo "demo: everything behaved"
else
	echo "demo: something went wrong" >&2
fi
exit "$bad"
