# shellcheck shell=bash
# Helpers of the stress tests only (the shared ones are in tests/lib.sh),
# sourced by run.sh --one in the process that runs one test. Set there: T
# (the test's directory), BG (pids the test started in the background,
# killed with their descendants at the end), FIGURES.

# note TEXT: a figure printed on the test's result line.
note() { printf '%s\n' "$*" >>"$FIGURES"; }
# state PID: the state letter of PID ("" when gone).
state() {
	local s
	{ read -r s <"/proc/$1/stat"; } 2>/dev/null || return 0
	s=${s##*) }
	echo "${s%% *}"
}
# rss_kb PID: VmRSS of PID in kB.
rss_kb() {
	local k v _
	while read -r k v _; do
		[ "$k" = VmRSS: ] && { echo "$v"; return 0; }
	done <"/proc/$1/status"
	echo 0
}
# init_of PID: the pid, among PID and its children, that runs INIT_LITE.
init_of() {
	local p real
	real=$(readlink -f "$INIT_LITE")
	for p in "$1" $(children "$1"); do
		[ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$real" ] &&
			{ echo "$p"; return 0; }
	done
	return 1
}
# wait_init PID: prints init-lite's pid (PID or a child of it) once it runs;
# 1 after 5 s.
wait_init() {
	wait_for 5 init_of "$1" >/dev/null || return 1
	init_of "$1"
}

# children_are PID LIST: PID's children are exactly LIST.
children_are() { [ "$(children "$1")" = "$2" ]; }
