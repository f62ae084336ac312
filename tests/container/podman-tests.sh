# shellcheck shell=bash
# podman tests, sourced by run.sh: init-lite as podman's init
# (`podman run --init --init-path=init-lite`, mounted as /run/podman-init),
# as an image's ENTRYPOINT, and as the `--pause` infra container of a pod
# that shares its PID namespace. podman has no daemon: the "engine" is the
# podman command with its own root, runroot, tmpdir, runc root, network
# config dir and containers.conf under $T/podman, so it touches no storage
# or container of a podman of the system. Images: the OCI archives that
# run.sh made with mkimage.py (il-base, il-app, il-pause), loaded offline.

PODMAN_BIN=podman

# What this VM needs, each said here rather than hidden in a config:
# - --storage-driver vfs: no overlay mount inside this sandbox (vfs works
#   anywhere, and the images are 3 MB);
# - --cgroup-manager cgroupfs: no systemd to ask for a scope;
# - --events-backend file: no journald;
# - --runtime runc: crun 1.8.1 (Debian 12) fails here with "cgroups in hybrid
#   mode not supported"; runc works on this cgroup layout;
# - --network none (host for the pod): no CNI network is needed, and none is
#   set up on the host;
# - explicit --ulimit nofile/nproc: podman asks runc to raise RLIMIT_NOFILE
#   to 1048576 by default, which needs CAP_SYS_RESOURCE, absent in this
#   sandbox ("error setting rlimit type 7: operation not permitted"); a
#   pod's infra container takes no --ulimit, so the same limits are also
#   default_ulimits in the CONTAINERS_CONF file written below.
# DOCKER_CONFIG and DOCKER_HOST (set by the docker tests for their own
# dockerd) would make podman look for registry credentials there.
podman_() {
	env -u DOCKER_CONFIG -u DOCKER_HOST \
		timeout "${PODMAN_TIMEOUT:-60}" "$PODMAN_BIN" \
		--root "$T/podman/root" --runroot "$T/podman/run" \
		--tmpdir "$T/podman/tmp" --network-config-dir "$T/podman/net" \
		--runtime-flag "root=$T/podman/runc" \
		--storage-driver vfs --cgroup-manager cgroupfs \
		--events-backend file --runtime runc "$@"
}

PODMAN_ULIMITS="--ulimit nofile=1024:1024 --ulimit nproc=1024:1024"

# podman_run ARGS...: `podman run` with the settings every test needs.
podman_run() {
	# shellcheck disable=SC2086 # PODMAN_ULIMITS is two options
	podman_ run --network none $PODMAN_ULIMITS "$@"
}

pname() { echo "ilpm-$$-$1"; }

podman_logs_have() {
	podman_ logs "$1" >"$T/podman-logs.tmp" 2>&1 || return 1
	grep -qF -- "$2" "$T/podman-logs.tmp"
}

podman_exit_code() { podman_ inspect -f '{{.State.ExitCode}}' "$1"; }

# Can podman run anything at all here? Prints the reason when it cannot.
podman_probe() {
	command -v "$PODMAN_BIN" >/dev/null ||
		{ echo "podman is not installed (Debian package podman)"; return 1; }
	if ! podman_ load -q -i "$T/images/il-base.tar" >"$T/log/podman-probe" 2>&1 ||
		! podman_run --rm localhost/il-base:test true \
			>>"$T/log/podman-probe" 2>&1; then
		echo "podman cannot run a container here: $(grep -v '^$' "$T/log/podman-probe" | tail -n 1)"
		return 1
	fi
}

t_podman_load() {
	podman_ load -q -i "$T/images/il-app.tar"
	podman_ load -q -i "$T/images/il-pause.tar"
	podman_ image exists localhost/il-app:test
	podman_ image exists localhost/il-pause:test
}

# podman_wait_ready NAME TEXT: the container's output shows TEXT within 20 s.
podman_wait_ready() {
	until_true 20 podman_logs_have "$1" "$2" ||
		die "'$2' not in the output of $1 after 20 s: $(tail -n 2 "$T/podman-logs.tmp" | tr '\n' '|')"
}

# ---- podman run --init --init-path=init-lite ------------------------------

t_podman_init_pid1() {
	local out want
	want=$("$INIT_LITE" --version | head -n 1)
	out=$(podman_run --rm --init --init-path "$INIT_LITE" localhost/il-base:test \
		sh -c 'readlink /proc/1/exe; tr "\0" " " </proc/1/cmdline; echo; /proc/1/exe --version')
	note "podman --init: PID 1 is $(echo "$out" | head -n 1)"
	[ "$(echo "$out" | head -n 1)" = /run/podman-init ] ||
		die "/proc/1/exe is '$(echo "$out" | head -n 1)'"
	case $(echo "$out" | sed -n 2p) in
	"/run/podman-init -- sh -c "*) ;;
	*) die "PID 1's command line: $(echo "$out" | sed -n 2p)" ;;
	esac
	[ "$(echo "$out" | sed -n 3p)" = "$want" ] ||
		die "PID 1 says '$(echo "$out" | sed -n 3p)', the binary '$want'"
}

t_podman_init_exit_codes() {
	local code
	code=0
	podman_run --rm --init --init-path "$INIT_LITE" localhost/il-base:test \
		sh -c 'exit 7' >"$T/out" 2>"$T/err" || code=$?
	[ "$code" -eq 7 ] || die "exit 7 gave $code"
	[ ! -s "$T/err" ] || die "stderr not empty: $(head -n 1 "$T/err")"
	code=0
	podman_run --rm --init --init-path "$INIT_LITE" localhost/il-base:test \
		sh -c 'kill -KILL $$' >"$T/out" 2>&1 || code=$?
	note "podman --init: exit 7 -> 7, SIGKILLed program -> $code"
	[ "$code" -eq 137 ] || die "SIGKILLed program gave $code, want 137"
}

t_podman_init_signals() {
	local n
	n=$(pname init-signals)
	podman_run -d --name "$n" --init --init-path "$INIT_LITE" \
		localhost/il-base:test app >/dev/null
	podman_wait_ready "$n" "app: ready"
	podman_ kill -s USR1 "$n" >/dev/null
	until_true 10 podman_logs_have "$n" "app: got USR1" ||
		die "podman kill -s USR1 did not reach the app in 10 s"
	podman_ kill -s 35 "$n" >/dev/null
	until_true 10 podman_logs_have "$n" "app: got 35" ||
		die "podman kill -s 35 did not reach the app in 10 s"
	podman_ rm -f -t 0 "$n" >/dev/null
}

# podman_stop_time NAME TIMEOUT: `podman stop -t TIMEOUT`; sets STOP_MS and
# STOP_CODE (the container's exit code).
podman_stop_time() {
	local t0
	t0=$(now_ms)
	podman_ stop -t "$2" "$1" >/dev/null
	STOP_MS=$(( $(now_ms) - t0 ))
	STOP_CODE=$(podman_exit_code "$1")
}

t_podman_init_stop() {
	local n
	n=$(pname init-stop)
	podman_run -d --name "$n" --init --init-path "$INIT_LITE" \
		localhost/il-base:test app >/dev/null
	podman_wait_ready "$n" "app: ready"
	podman_stop_time "$n" 10
	note "podman stop -t 10, --init with init-lite: $STOP_MS ms, exit $STOP_CODE"
	echo "$STOP_MS" >"$T/podman-stop-init-lite.ms"
	# 143 is SIGTERM reaching the app through init-lite; 137 would be
	# podman's SIGKILL at the end of the 10 s.
	[ "$STOP_CODE" -eq 143 ] || die "exit code $STOP_CODE, want 143"
	[ "$STOP_MS" -lt 10000 ] || die "podman stop waited its whole timeout ($STOP_MS ms)"
	podman_ rm "$n" >/dev/null
	# The control: the app as PID 1 has no SIGTERM handler, and the kernel
	# gives PID 1 no default action, so only the SIGKILL ends it (-t 2 to
	# keep the run short).
	n=$(pname noinit-stop)
	podman_run -d --name "$n" localhost/il-base:test app >/dev/null
	podman_wait_ready "$n" "app: ready"
	podman_stop_time "$n" 2
	note "podman stop -t 2, the app as PID 1 without an init: $STOP_MS ms, exit $STOP_CODE"
	[ "$STOP_CODE" -eq 137 ] || die "control: app as PID 1 gave $STOP_CODE, want 137"
	podman_ rm "$n" >/dev/null
}

# ---- init-lite as the image's ENTRYPOINT ----------------------------------

t_podman_entrypoint() {
	local n exe code
	n=$(pname entrypoint)
	podman_run -d --name "$n" localhost/il-app:test >/dev/null
	podman_wait_ready "$n" "app: ready"
	exe=$(podman_ exec "$n" readlink /proc/1/exe)
	[ "$exe" = /sbin/init-lite ] || die "/proc/1/exe is '$exe'"
	podman_ kill -s USR1 "$n" >/dev/null
	until_true 10 podman_logs_have "$n" "app: got USR1" ||
		die "podman kill -s USR1 did not reach the app in 10 s"
	podman_stop_time "$n" 10
	note "podman stop -t 10, init-lite as ENTRYPOINT: $STOP_MS ms, exit $STOP_CODE"
	[ "$STOP_CODE" -eq 143 ] || die "exit code $STOP_CODE, want 143"
	podman_ rm "$n" >/dev/null
	# The exit status of a program that ends by itself passes through.
	code=0
	podman_run --rm localhost/il-app:test app exit 7 >/dev/null 2>&1 || code=$?
	[ "$code" -eq 7 ] || die "ENTRYPOINT form, 'app exit 7': exit $code"
}

# ---- a leftover that needs 200 ms after SIGTERM ---------------------------

# podman_leftover NAME FILE INIT-OPTIONS...: the app starts a leftover (the
# 200 ms one of leftover.sh) and is stopped; sets STOP_MS, STOP_CODE and
# LEFTOVER (the file's lines joined by spaces, "none" when there is none).
podman_leftover() {
	local n=$1 f=$2
	shift 2
	rm -f "$T/podman/out/$f"
	podman_run -d --name "$n" -v "$T/podman/out:/out" "$@" \
		localhost/il-base:test \
		sh -c "leftover /out/$f 200 & exec app" >/dev/null
	podman_wait_ready "$n" "leftover: ready"
	podman_wait_ready "$n" "app: ready"
	podman_stop_time "$n" 10
	LEFTOVER=$(tr '\n' ' ' 2>/dev/null <"$T/podman/out/$f" || echo none)
	LEFTOVER=${LEFTOVER% }
	podman_ rm "$n" >/dev/null
}

t_podman_leftover() {
	podman_leftover "$(pname leftover)" init-lite --init --init-path "$INIT_LITE"
	note "podman stop, --init with init-lite, a leftover that needs 200 ms: $STOP_MS ms, exit $STOP_CODE, its file: $LEFTOVER"
	[ "$STOP_CODE" -eq 143 ] || die "exit code $STOP_CODE, want 143"
	[ "$LEFTOVER" = "begin end" ] ||
		die "the leftover's file is '$LEFTOVER', want 'begin end'"
	# For comparison, podman's own default init (catatonit): it exits as
	# soon as the app is gone, and the kernel SIGKILLs the leftover. Shown,
	# not asserted: that is catatonit's behaviour, not ours.
	podman_leftover "$(pname leftover-default)" catatonit --init
	note "the same under podman's default init (catatonit): $STOP_MS ms, exit $STOP_CODE, its file: $LEFTOVER"
}

# ---- a pod whose infra container is `init-lite --pause` --------------------

t_podman_pod() {
	local pod n pid1 self ms code zombies
	pod=$(pname pod)
	n=$(pname pod-app)
	# The infra image's ENTRYPOINT is `init-lite --pause`; --share pid
	# makes it PID 1 of every container of the pod; --network host keeps
	# podman from making a network namespace for it.
	podman_ pod create --name "$pod" --infra-image localhost/il-pause:test \
		--share pid --network host >/dev/null
	rm -f "$T/podman/out/pod"
	# Not PID 1 there, so the app's init-lite runs with -s (subreaper): it
	# reaps its own orphans and gives its leftovers their grace.
	# shellcheck disable=SC2086 # PODMAN_ULIMITS is two options
	podman_ run -d --pod "$pod" --name "$n" -v "$T/podman/out:/out" \
		$PODMAN_ULIMITS --entrypoint /sbin/init-lite localhost/il-app:test \
		-s -- sh -c "leftover /out/pod 200 & exec app" >/dev/null
	podman_wait_ready "$n" "leftover: ready"
	podman_wait_ready "$n" "app: ready"
	pid1=$(podman_ exec "$n" sh -c 'tr "\0" " " </proc/1/cmdline')
	self=$(podman_ exec "$n" sh -c 'grep -l "^/sbin/init-lite.-s" /proc/[0-9]*/cmdline' | head -n 1)
	note "pod with --share pid: PID 1 is '${pid1% }', the app's init-lite is ${self:-missing}"
	[ "$pid1" = "/sbin/init-lite --pause " ] || die "PID 1 of the pod is '$pid1'"
	if [ -z "$self" ] || [ "$self" = /proc/1/cmdline ]; then
		die "the app's init-lite -s is not a process of the pod"
	fi
	zombies=$(podman_ exec "$n" sh -c "$(orphans_sh 0)")
	[ "$zombies" = 0 ] || die "$zombies zombies in the pod after 5 orphans died"
	podman_stop_time "$n" 10
	LEFTOVER=$(tr '\n' ' ' 2>/dev/null <"$T/podman/out/pod" || echo none)
	note "podman stop, the app under init-lite -s in the pod: $STOP_MS ms, exit $STOP_CODE, the leftover's file: ${LEFTOVER% }"
	[ "$STOP_CODE" -eq 143 ] || die "exit code $STOP_CODE, want 143"
	[ "$LEFTOVER" = "begin end " ] || die "the leftover's file is '$LEFTOVER'"
	# The infra container ends at once on SIGTERM with status 0.
	ms=$(now_ms)
	podman_ pod stop -t 10 "$pod" >/dev/null
	ms=$(( $(now_ms) - ms ))
	code=$(podman_ inspect -f '{{.State.ExitCode}}' "$(podman_ pod inspect -f '{{.InfraContainerID}}' "$pod")")
	note "podman pod stop, infra 'init-lite --pause': $ms ms, exit $code"
	[ "$code" -eq 0 ] || die "the infra container exited $code, want 0"
	podman_ pod rm -f "$pod" >/dev/null
}

podman_tests() {
	local why
	mkdir -p "$T/podman/tmp" "$T/podman/net" "$T/podman/out"
	cat >"$T/podman/containers.conf" <<-EOF
	# Written by tests/container/podman-tests.sh for its own podman.
	[containers]
	default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
	[engine]
	events_logger = "file"
	EOF
	export CONTAINERS_CONF=$T/podman/containers.conf
	if ! why=$(podman_probe); then
		engine_missing podman "$why"
		return 0
	fi
	echo "# podman $(podman_ version --format '{{.Client.Version}}' 2>/dev/null), runtime runc $(runc --version | sed -n 's/^runc version //p'), storage vfs"
	run_test podman-load-images t_podman_load
	run_test podman-init-pid1-is-init-lite t_podman_init_pid1
	run_test podman-init-exit-codes t_podman_init_exit_codes
	run_test podman-init-kill-usr1-rt35 t_podman_init_signals
	run_test podman-init-stop-fast-143 t_podman_init_stop
	run_test podman-entrypoint t_podman_entrypoint
	run_test podman-leftover-keeps-file t_podman_leftover
	run_test podman-pod-pause-infra-share-pid t_podman_pod
}

podman_cleanup() {
	local p
	[ -d "$T/podman/root" ] || return 0
	podman_ pod rm -a -f -t 0 >/dev/null 2>&1 || true
	podman_ rm -a -f -t 0 >/dev/null 2>&1 || true
	# conmon outlives podman: any still running for our root is ended by pid.
	for p in $(pgrep -x conmon); do
		tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" | grep -qF "$T/podman" &&
			kill -TERM "$p" 2>/dev/null
	done
	return 0
}
