# shellcheck shell=bash
# runc tests, sourced by run.sh: init-lite as PID 1 of an OCI container made
# from `runc spec`, on the busybox rootfs at $T/rootfs.

runc_() { timeout "${RUNC_TIMEOUT:-30}" runc --root "$T/runc-state" "$@"; }

# runc_bundle NAME ARGS...: a bundle whose process runs ARGS; sets RUNC_ID
# and BUNDLE. The rootfs is shared and read-only.
runc_bundle() {
	BUNDLE=$T/bundles/$1
	RUNC_ID=ilct-$$-$1
	shift
	mkdir -p "$BUNDLE"
	echo "$RUNC_ID" >>"$T/runc-ids"
	jq --arg root "$T/rootfs" --arg args "$(printf '%s\n' "$@")" '
		.process.args = ($args | split("\n")) |
		.process.terminal = false |
		.root.path = $root | .root.readonly = true |
		.hostname = "init-lite-test"' "$T/runc-spec.json" >"$BUNDLE/config.json"
}

# runc_start: `runc run` in the foreground of a background job, so that its
# exit status is the container's; sets RUNC_PID and waits until it runs.
runc_start() {
	runc_ run --bundle "$BUNDLE" "$RUNC_ID" \
		</dev/null >"$BUNDLE/out" 2>"$BUNDLE/err" &
	RUNC_PID=$!
	until_true 10 runc_running ||
		die "container did not reach 'running' in 10 s: $(head -c 300 "$BUNDLE/err")"
}

runc_running() {
	[ "$(runc_ state "$RUNC_ID" 2>/dev/null | jq -r .status)" = running ]
}

# runc_finish SECONDS: wait for `runc run` to end; sets WAIT_STATUS.
runc_finish() {
	wait_pid "$RUNC_PID" "$1" || die "container still running after $1 s"
}

# Can runc run anything at all here? Prints the reason when it cannot.
runc_probe() {
	local err
	command -v runc >/dev/null || { echo "runc is not installed"; return 1; }
	mkdir -p "$T/bundles/probe"
	if ! (cd "$T/bundles" && runc spec) 2>"$T/bundles/probe/err"; then
		echo "'runc spec' failed: $(head -n 1 "$T/bundles/probe/err")"
		return 1
	fi
	mv "$T/bundles/config.json" "$T/runc-spec.json"
	runc_bundle probe /bin/true
	if ! runc_ run --bundle "$BUNDLE" "$RUNC_ID" </dev/null \
		>"$BUNDLE/out" 2>"$BUNDLE/err"; then
		err=$(grep -v '^$' "$BUNDLE/err" | tail -n 1)
		echo "runc cannot start a container here: ${err:-no message}"
		return 1
	fi
}

t_runc_pid1_is_init() {
	local exe cmd
	runc_bundle pid1 /sbin/init-lite -- sleep 3600
	runc_start
	exe=$(runc_ exec "$RUNC_ID" readlink /proc/1/exe)
	cmd=$(runc_ exec "$RUNC_ID" cat /proc/1/cmdline | tr '\0' ' ')
	runc_ kill "$RUNC_ID" KILL
	runc_finish 10
	[ "$exe" = /sbin/init-lite ] || die "/proc/1/exe is '$exe'"
	[ "$cmd" = "/sbin/init-lite -- sleep 3600 " ] ||
		die "/proc/1/cmdline is '$cmd'"
}

t_runc_kill_term() {
	local t0 ms
	runc_bundle term /sbin/init-lite -- sleep 3600
	runc_start
	t0=$(now_ms)
	runc_ kill "$RUNC_ID" TERM
	runc_finish 10
	ms=$(( $(now_ms) - t0 ))
	note "runc kill TERM: container gone after $ms ms, status $WAIT_STATUS"
	[ "$WAIT_STATUS" -eq 143 ] || die "status $WAIT_STATUS, want 143"
	[ "$ms" -lt 9000 ] || die "took $ms ms: not the TERM that ended it"
}

# runc_zombies_under "PID1 COMMAND" NAME WANT: five orphans die in a container
# whose PID 1 is that command; the zombie count lands in $BUNDLE/count.
runc_zombies_under() {
	# shellcheck disable=SC2086 # the words are the command line
	runc_bundle "zombies-$2" $1
	runc_start
	runc_ exec "$RUNC_ID" sh -c "$(orphans_sh "$3")" >"$BUNDLE/count"
	runc_ kill "$RUNC_ID" KILL
	runc_finish 10
}

t_runc_reaps_zombies() {
	local n control
	# Control: `sleep` as PID 1 never reaps, so the orphans stay zombies;
	# this proves the count sees them.
	runc_zombies_under "sleep 3600" control 5
	control=$(cat "$BUNDLE/count")
	runc_zombies_under "/sbin/init-lite -- sleep 3600" init 0
	n=$(cat "$BUNDLE/count")
	note "zombies after 5 orphans died: $n under init-lite, $control under sleep as PID 1"
	[ "$control" -eq 5 ] || die "control: $control zombies under sleep, want 5"
	[ "$n" -eq 0 ] || die "$n zombies left under init-lite"
}

t_runc_remap_143() {
	runc_bundle remap /sbin/init-lite -e 143 -- sleep 3600
	runc_start
	runc_ kill "$RUNC_ID" TERM
	runc_finish 10
	[ "$WAIT_STATUS" -eq 0 ] || die "status $WAIT_STATUS with -e 143, want 0"
}

t_runc_exit_code() {
	runc_bundle exit7 /sbin/init-lite -- sh -c 'exit 7'
	runc_ run --bundle "$BUNDLE" "$RUNC_ID" </dev/null >"$BUNDLE/out" 2>"$BUNDLE/err" &
	RUNC_PID=$!
	runc_finish 10
	[ "$WAIT_STATUS" -eq 7 ] || die "status $WAIT_STATUS, want 7"
	[ ! -s "$BUNDLE/err" ] || die "stderr not empty: $(head -n 1 "$BUNDLE/err")"
	runc_bundle killed /sbin/init-lite -- sh -c 'kill -KILL $$'
	runc_ run --bundle "$BUNDLE" "$RUNC_ID" </dev/null >"$BUNDLE/out" 2>"$BUNDLE/err" &
	RUNC_PID=$!
	runc_finish 10
	[ "$WAIT_STATUS" -eq 137 ] || die "status $WAIT_STATUS after SIGKILL, want 137"
}

runc_tests() {
	local why
	if ! why=$(runc_probe); then
		engine_missing runc "$why"
		return 0
	fi
	run_test runc-pid1-is-init-lite t_runc_pid1_is_init
	run_test runc-kill-term-143 t_runc_kill_term
	run_test runc-reaps-zombies t_runc_reaps_zombies
	run_test runc-remap-exit-143 t_runc_remap_143
	run_test runc-exit-code-passes t_runc_exit_code
}

runc_cleanup() {
	local id
	[ -s "$T/runc-ids" ] || return 0
	sort -u "$T/runc-ids" | while read -r id; do
		runc_ delete -f "$id" >/dev/null 2>&1 || true
	done
}
