# shellcheck shell=bash
# Helpers of the stress tests only (the shared ones are in tests/lib.sh),
# sourced by run.sh --one in the process that runs one test. Set there: T
# (the test's directory), BG (pids the test started in the background,
# killed with their descendants at the end), FIGURES.

# note TEXT: a figure printed on the test's result line.
note() { printf '%s\n' "$*" >>"$FIGURES"; }
# wait_init PID: prints init-lite's pid (PID or a child of it) once it runs;
# 1 after 5 s.
wait_init() {
	wait_for 5 find_exe "$1" "$(readlink -f "$INIT_LITE")" >/dev/null &&
		find_exe "$1" "$(readlink -f "$INIT_LITE")"
}

# children_are PID LIST: PID's children are exactly LIST.
children_are() { [ "$(children "$1")" = "$2" ]; }
