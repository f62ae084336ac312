# shellcheck shell=bash
# Command line and environment: --version, -h, -l, bad input -> 125,
# options stop at the first non-option word, flags beat variables, log format.

test_version() {
	local args
	for args in --version -V "-s --version" "-g -V"; do
		# shellcheck disable=SC2086 # split the option list
		run_ns $args
		expect_status 0 "$args: "
		if [ "$(wc -l <"$T/out")" -ne 1 ] ||
			! grep -Eqx 'init-lite version [0-9]+\.[0-9]+\.[0-9]+ - git\.([0-9a-f]{7}|unknown)' "$T/out"; then
			fail "$args printed: $(cat "$T/out")"
		fi
		[ ! -s "$T/err" ] || fail "$args wrote to stderr: $(cat "$T/err")"
	done
}

test_help() {
	local args
	for args in -h --help "-s -h"; do
		# shellcheck disable=SC2086
		run_ns $args
		expect_status 0 "$args: "
		[ -s "$T/out" ] || fail "$args: no usage on stdout"
		[ ! -s "$T/err" ] || fail "$args wrote to stderr: $(cat "$T/err")"
	done
	local opt missing=
	for opt in --help --version --license --subreaper --pdeathsig --pgroup \
		--remap-exit --rewrite --grace --warn-on-reap --verbose --quiet --pause \
		--user; do
		grep -q -- "$opt" "$T/out" || missing="$missing $opt"
	done
	[ -z "$missing" ] || fail "usage does not mention:$missing"
}

test_license() {
	run_ns -l
	expect_status 0 "-l: "
	grep -qi license "$T/out" || fail "-l: no license on stdout"
	[ ! -s "$T/err" ] || fail "-l wrote to stderr: $(cat "$T/err")"
}

# One bad input per line: [VAR=VALUE...] INIT-ARGS... ; the program, if any
# runs, is `touch $T/marker` (appended unless the line ends in `!`).
BAD_INPUTS='--no-such-option
-Z
-e 256
-e abc
-e -1
-e 1:300
-e 1:
-p NOSUCH
-p 0
-p 99
-r TERM
-r TERM:NOPE
-r :TERM
--grace 5x
--grace -1
--grace ""
-t abc
INIT_LITE_VERBOSITY=9
INIT_LITE_VERBOSITY=x
INIT_LITE_SUBREAPER=maybe
INIT_LITE_WARN_ON_REAP=2
INIT_LITE_KILL_PROCESS_GROUP=maybe
INIT_LITE_REMAP_EXIT=x
INIT_LITE_REMAP_EXIT=143:0,
INIT_LITE_REWRITE=TERM
INIT_LITE_GRACE=abc
!
-- !
-s !
-t !
--grace !
-e !'

test_bad_inputs() {
	local line words bad=
	while IFS= read -r line; do
		eval "words=($line)"
		if [ "${words[${#words[@]} - 1]:-}" = '!' ]; then
			unset 'words[${#words[@]}-1]'
		else
			words+=(-- touch "$T/marker")
		fi
		rm -f "$T/marker"
		run_ns "${words[@]}"
		local why
		why=$(usage_error_why "$line")
		if [ -n "$why" ]; then
			:
		elif ! grep -q "^init-lite: error: .*init-lite --help" "$T/err"; then
			why="message: $(cat "$T/err")"
		elif [ -s "$T/out" ]; then
			why="output on stdout"
		fi
		[ -z "$why" ] || bad="$bad [$line: $why]"
	done <<<"$BAD_INPUTS"
	[ -z "$bad" ] || fail "bad inputs not refused with 125:$bad"
}

test_options_stop_at_program() {
	run_ns sh -c 'exit 3'
	expect_status 3 "init-lite sh -c 'exit 3': "
	run_ns -s sh -e -c 'exit 4'
	expect_status 4 "init-lite -s sh -e -c 'exit 4': "
	# after --, a dash word is the program
	run_ns -- -s
	expect_status 127 "init-lite -- -s: "
	# as a script interpreter, with dash arguments to the script
	printf '#!%s /bin/sh\necho "$@"\nexit 6\n' "$INIT_LITE" >"$T/script"
	chmod +x "$T/script"
	run_ns "$T/script" -x --y
	expect_status 6 "#!init-lite /bin/sh script: "
	[ "$(cat "$T/out")" = "-x --y" ] || fail "script got arguments: $(cat "$T/out")"
}

test_flag_beats_env() {
	run_ns INIT_LITE_VERBOSITY=3 -- true
	[ -s "$T/err" ] || fail "INIT_LITE_VERBOSITY=3 logs nothing"
	run_ns INIT_LITE_VERBOSITY=3 -q -- true
	[ ! -s "$T/err" ] || fail "-q did not beat INIT_LITE_VERBOSITY=3: $(head -c 200 "$T/err")"
	run_host INIT_LITE_SUBREAPER=0 -s -- true
	[ ! -s "$T/err" ] || fail "-s did not beat INIT_LITE_SUBREAPER=0: $(head -c 200 "$T/err")"
	run_ns INIT_LITE_REMAP_EXIT=3:4 -e 3:5 -- sh -c 'exit 3'
	expect_status 5 "-e 3:5 with INIT_LITE_REMAP_EXIT=3:4: "
}

test_log_format() {
	run_ns -vvv -- sh -c 'exit 0'
	expect_status 0
	[ ! -s "$T/out" ] || fail "log on stdout: $(head -c 200 "$T/out")"
	[ -s "$T/err" ] || fail "-vvv logs nothing"
	! grep -Ev '^init-lite: (error|warning|info|debug): ' "$T/err" >/dev/null ||
		fail "badly formed log line: $(grep -Ev '^init-lite: (error|warning|info|debug): ' "$T/err" | head -n 1)"
	run_ns --verbose --verbose -- sh -c 'exit 0'
	[ -s "$T/err" ] || fail "--verbose --verbose logs nothing"
	run_ns -vvv -q -- sh -c 'exit 0'
	[ ! -s "$T/err" ] || fail "-q after -vvv still logs: $(head -c 200 "$T/err")"
	run_ns -- no-such-program-xyz
	if [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q '^init-lite: error: .*no-such-program-xyz' "$T/err"; then
		fail "missing program: expected one 'init-lite: error:' line naming it, got: $(cat "$T/err")"
	fi
}
