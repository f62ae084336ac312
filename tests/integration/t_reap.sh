# shellcheck shell=bash
# Reaping: orphans as PID 1 and as subreaper, --pause, -w, the not-PID-1
# warning, silence at the default verbosity.

# only_main_child: init-lite has exactly one child left, its main child.
only_main_child() {
	local kids
	kids=$(children "$IPID")
	[ "$kids" = "$MAIN" ]
}

# more_children_than N: init-lite has more than N children.
more_children_than() { [ "$(wc -w <<<"$(children "$IPID")")" -gt "$1" ]; }

# zombies_of PID: how many children of PID are zombies.
zombies_of() {
	local c n=0
	for c in $(children "$1"); do
		[ "$(proc_field "$c" 3)" = Z ] && n=$((n + 1))
	done
	echo "$n"
}

# orphans_scenario N START-FUNCTION [INIT-ARGS...]: the main child makes N
# orphans; all must be reaped while the main child lives on.
orphans_scenario() {
	local n=$1 how=$2
	shift 2
	"$how" "$@" -- "$H/orphans" "$n" "$T/ready"
	wait_file "$T/ready" 10
	MAIN=$(main_child)
	# the orphans still sleeping must have been re-parented to init-lite
	wait_for 1 more_children_than 1 ||
		fail "$n orphans: none was re-parented to init-lite"
	wait_for 5 only_main_child ||
		fail "$n orphans: init-lite still has $(($(wc -w <<<"$(children "$IPID")") - 1)) other children, $(zombies_of "$IPID") zombies"
	kill -TERM "$IPID"
	wait_exit 5
	expect_status 143
}

test_reap_1000_orphans() {
	orphans_scenario 1000 start_ns
}

test_subreaper_reaps() {
	orphans_scenario 200 start_host -s
}

test_subreaper_env() {
	orphans_scenario 50 start_host INIT_LITE_SUBREAPER=yes
	[ ! -s "$T/err" ] || fail "INIT_LITE_SUBREAPER=yes: unexpected stderr: $(cat "$T/err")"
	rm -f "$T/ready"
	orphans_scenario 50 start_host TINI_SUBREAPER=
	[ ! -s "$T/err" ] || fail "TINI_SUBREAPER=: unexpected stderr: $(cat "$T/err")"
}

test_main_exit_among_orphans() {
	# The main child exits together with 500 orphans: SIGCHLDs coalesce,
	# its exit must still be noticed, with its status.
	run_ns -- "$H/orphans" 500 "$T/ready" 3
	expect_status 3 "main child exiting among orphans: "
}

# nsenter_orphan: start, inside init-lite's namespace, a sleep that is
# orphaned at once.
nsenter_orphan() {
	nsenter -t "$IPID" -p -- sh -c 'sleep 1 & exit 0' </dev/null >/dev/null 2>&1
}

test_pause() {
	local sig
	for sig in TERM INT QUIT; do
		start_ns --pause
		nsenter_orphan
		wait_for 2 has_children "$IPID" || fail "orphan was not re-parented to init-lite"
		wait_for 4 no_children "$IPID" ||
			fail "--pause: orphan not reaped ($(zombies_of "$IPID") zombies)"
		kill -s "$sig" "$IPID"
		wait_exit 3
		expect_status 0 "--pause and $sig: "
	done
	start_ns -P
	kill -USR1 "$IPID"
	nap 0.3
	alive "$IPID" || fail "-P ended on USR1"
	kill -TERM "$IPID"
	wait_exit 3
	expect_status 0 "-P and TERM: "
}

test_pause_reaps_orphan() {
	# The orphan must become init-lite's child and then disappear.
	start_ns --pause
	nsenter_orphan
	wait_for 2 has_children "$IPID" || fail "orphan was not re-parented to init-lite"
	wait_for 4 no_children "$IPID" ||
		fail "--pause: orphan not reaped ($(zombies_of "$IPID") zombies)"
}

test_warn_on_reap() {
	local flag
	for flag in -w --warn-on-reap INIT_LITE_WARN_ON_REAP=on; do
		rm -f "$T/ready"
		start_ns "$flag" -- "$H/orphans" 3 "$T/ready"
		wait_file "$T/ready"
		MAIN=$(main_child)
		wait_for 5 only_main_child || fail "$flag: orphans not reaped"
		kill -TERM "$IPID"
		wait_exit 5
		grep -qi warn "$T/err" || fail "$flag: no warning for reaped orphans: $(cat "$T/err")"
	done
}

test_default_silent() {
	# Orphans reaped, a signal forwarded, a normal exit: no output at all.
	start_ns -- "$H/orphans" 20 "$T/ready"
	wait_file "$T/ready"
	MAIN=$(main_child)
	wait_for 5 only_main_child || fail "orphans not reaped"
	kill -TERM "$IPID"
	wait_exit 5
	expect_status 143
	[ ! -s "$T/err" ] || fail "stderr not empty: $(head -c 300 "$T/err")"
	[ ! -s "$T/out" ] || fail "stdout not empty: $(head -c 300 "$T/out")"
}

test_not_pid1_warning() {
	run_host -- true
	expect_status 0 "not PID 1: "
	if [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q '^init-lite: warning: ' "$T/err"; then
		fail "not PID 1, no subreaper: expected one 'init-lite: warning:' line, got: $(cat "$T/err")"
	fi
	run_host -s -- true
	expect_status 0 "-s: "
	[ ! -s "$T/err" ] || fail "-s: unexpected stderr: $(cat "$T/err")"
	local quiet
	for quiet in INIT_LITE_VERBOSITY=0 TINI_VERBOSITY=0 -q; do
		run_host "$quiet" -- true
		[ ! -s "$T/err" ] || fail "$quiet: warning still printed: $(cat "$T/err")"
	done
	run_ns -- true
	[ ! -s "$T/err" ] || fail "PID 1: unexpected stderr: $(cat "$T/err")"
}
