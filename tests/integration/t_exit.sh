# shellcheck shell=bash
# Exit status: passthrough, 128+S, remap, 126/127.

test_exit_code() {
	local code
	for code in 0 7 255; do
		run_ns -- sh -c "exit $code"
		expect_status "$code" "program exits $code: "
	done
	# stdout and stdin belong to the program
	run_ns -- sh -c 'echo hello'
	[ "$(cat "$T/out")" = hello ] || fail "program output not passed through: $(cat "$T/out")"
}

test_exit_signal() {
	local sig
	for sig in USR1:138 TERM:143 KILL:137 SEGV:139; do
		run_ns -- sh -c "kill -${sig%:*} \$\$"
		expect_status "${sig#*:}" "program killed by SIG${sig%:*}: "
	done
}

test_remap_short() {
	run_ns -e 143 -- sh -c 'kill -TERM $$'
	expect_status 0 "-e 143 and TERM: "
	run_ns -e 3 -- sh -c 'exit 4'
	expect_status 4 "-e 3 and exit 4: "
}

test_remap_to() {
	run_ns -e 3:4 -- sh -c 'exit 3'
	expect_status 4 "-e 3:4 and exit 3: "
	run_ns --remap-exit 3:4 -e 5 -- sh -c 'exit 5'
	expect_status 0 "--remap-exit 3:4 -e 5 and exit 5: "
	run_ns --remap-exit=3:4 -- sh -c 'exit 7'
	expect_status 7 "--remap-exit=3:4 and exit 7: "
	run_ns INIT_LITE_REMAP_EXIT=143:0 -- sh -c 'kill -TERM $$'
	expect_status 0 "INIT_LITE_REMAP_EXIT=143:0 and TERM: "
	run_ns INIT_LITE_REMAP_EXIT=143:0,1:9 -- sh -c 'exit 1'
	expect_status 9 "INIT_LITE_REMAP_EXIT=143:0,1:9 and exit 1: "
}

test_exec_missing() {
	run_ns -- "$T/no-such-program" arg
	expect_status 127 "missing program: "
	grep -q "no-such-program" "$T/err" || fail "message does not name the program: $(cat "$T/err")"
	run_ns -- no-such-program-on-path
	expect_status 127 "missing program on PATH: "
	grep -q "no-such-program-on-path" "$T/err" || fail "message does not name the program: $(cat "$T/err")"
}

test_exec_not_executable() {
	printf '#!/bin/sh\nexit 0\n' >"$T/not-exec"
	chmod 644 "$T/not-exec"
	run_ns -- "$T/not-exec"
	expect_status 126 "non-executable program: "
	grep -q "not-exec" "$T/err" || fail "message does not name the program: $(cat "$T/err")"
}

test_argv_passthrough() {
	# shellcheck disable=SC2016 # expanded by the program's shell
	run_ns -- sh -c 'for a in "$@"; do printf "[%s]" "$a"; done' prog 'a b' '' -- -v --grace 1
	expect_status 0
	[ "$(cat "$T/out")" = "[a b][][--][-v][--grace][1]" ] || fail "program got: $(cat "$T/out")"
}

test_stopped_child() {
	# A forwarded TSTP stops the child; stopped is not exited; CONT resumes.
	local child
	# A child that ends when told (not a `sleep N`: on a loaded machine
	# it could end by itself before it is seen stopped or continued).
	start_ns -- sh -c "while [ ! -e $T/go ]; do sleep 0.05; done"
	wait_for 2 has_children "$IPID" || fail "no child"
	child=$(main_child)
	kill -TSTP "$IPID"
	wait_for 2 in_state "$child" T || fail "forwarded TSTP did not stop the child"
	nap 0.5
	alive "$IPID" || fail "init-lite exited while its child was only stopped"
	kill -CONT "$IPID"
	wait_for 2 in_state "$child" S || fail "forwarded CONT did not resume the child"
	touch "$T/go"
	wait_exit 8
	expect_status 0 "stopped then continued child: "
}

test_child_own_pgroup() {
	# The child leads its own process group (no terminal here).
	# shellcheck disable=SC2016 # expanded by the program's shell
	run_ns -- sh -c 'read -r s </proc/$$/stat; s=${s##*) }; set -- $s; echo "$$ $3"'
	expect_status 0
	read -r pid pgrp <"$T/out" || true
	if [ -z "$pid" ] || [ "$pid" != "$pgrp" ]; then
		fail "child pid $pid is in process group $pgrp"
	fi
}
