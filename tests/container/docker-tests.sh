# shellcheck shell=bash
# Docker tests, sourced by run.sh: a dockerd of our own (own socket,
# data-root, exec-root and pidfile under $T, no bridge, no iptables), started
# with --init-path=$INIT_LITE so that `docker run --init` uses init-lite.
# Images: il-base (docker import of the busybox rootfs, no init-lite inside)
# and the two images built from Dockerfile.example: il-scratch (FROM scratch)
# and il-alpine (its alpine stage, FROM il-base since no registry is reached).

# The client that matches the daemon (Debian's docker.io) when there is one.
if [ -x /usr/bin/docker ]; then
	DOCKER_BIN=/usr/bin/docker
else
	DOCKER_BIN=docker
fi
DOCKERD_PID=

docker_() { timeout "${DOCKER_TIMEOUT:-60}" "$DOCKER_BIN" "$@"; }

# cname NAME: a container name of this run, remembered for the cleanup.
cname() {
	echo "ilct-$$-$1" >>"$T/docker-ids"
	echo "ilct-$$-$1"
}

# dockerd_start DRIVER: start our daemon and wait until its API answers;
# on failure sets DOCKERD_WHY and returns 1 with the daemon stopped.
dockerd_start() {
	local drv=$1 d=$T/docker end
	mkdir -p "$d"
	echo '{}' >"$d/daemon.json"
	dockerd --host "unix://$d/docker.sock" \
		--data-root "$d/root" --exec-root "$d/exec" \
		--pidfile "$d/dockerd.pid" --config-file "$d/daemon.json" \
		--storage-driver "$drv" \
		--bridge=none --iptables=false --ip6tables=false \
		--ip-forward=false --ip-masq=false --userland-proxy=false \
		--init-path "$INIT_LITE" --log-level warn \
		</dev/null >"$d/dockerd-$drv.log" 2>&1 &
	DOCKERD_PID=$!
	end=$(( $(now_ms) + 60000 ))
	until docker_ version >/dev/null 2>&1; do
		if ! kill -0 "$DOCKERD_PID" 2>/dev/null; then
			DOCKERD_WHY="dockerd ($drv) exited: $(grep -v '^$' "$d/dockerd-$drv.log" | tail -n 1)"
			wait "$DOCKERD_PID" || true
			DOCKERD_PID=
			return 1
		fi
		if [ "$(now_ms)" -ge "$end" ]; then
			DOCKERD_WHY="dockerd ($drv) did not answer in 60 s"
			dockerd_stop
			return 1
		fi
		sleep 0.2
	done
}

# Stop the daemon we started (only it, by its pid), and the containerd it
# manages if that outlives it.
dockerd_stop() {
	local cpid
	[ -n "$DOCKERD_PID" ] || return 0
	cpid=$(cat "$T/docker/exec/containerd/containerd.pid" 2>/dev/null || true)
	kill -TERM "$DOCKERD_PID" 2>/dev/null || true
	if ! wait_pid "$DOCKERD_PID" 30; then
		kill -KILL "$DOCKERD_PID" 2>/dev/null || true
		wait "$DOCKERD_PID" 2>/dev/null || true
	fi
	DOCKERD_PID=
	# Our containerd's command line names our exec-root; never kill a
	# recycled pid.
	if [ -n "$cpid" ] && tr '\0' ' ' 2>/dev/null <"/proc/$cpid/cmdline" |
		grep -qF "$T/docker"; then
		kill -TERM "$cpid" 2>/dev/null || true
		sleep 2
		kill -KILL "$cpid" 2>/dev/null || true
	fi
}

docker_cleanup() {
	local n
	[ -n "$DOCKERD_PID" ] || return 0
	if [ -s "$T/docker-ids" ]; then
		sort -u "$T/docker-ids" | while read -r n; do
			docker_ rm -f "$n" >/dev/null 2>&1 || true
		done
	fi
	for n in il-scratch:test il-alpine:test il-base:test; do
		docker_ rmi -f "$n" >/dev/null 2>&1 || true
	done
	dockerd_stop
}

need_image() {
	docker_ image inspect "$1" >/dev/null 2>&1 ||
		skip "image $1 was not built (see above)"
}

# logs_have NAME TEXT: the container's output holds TEXT.
logs_have() {
	docker_ logs "$1" >"$T/logs.tmp" 2>&1 || return 1
	grep -qF -- "$2" "$T/logs.tmp"
}

exit_code() { docker_ inspect -f '{{.State.ExitCode}}' "$1"; }

# ---- images -----------------------------------------------------------------

t_import_base() {
	tar -C "$T/base" -cf "$T/base.tar" .
	docker_ import "$T/base.tar" il-base:test
	[ "$(docker_ run --network none --rm il-base:test echo hi)" = hi ] ||
		die "the imported busybox image does not run"
}

# The build context the example asks for: init-lite and app beside it.
make_context() {
	local ctx=$T/ctx
	mkdir -p "$ctx"
	cp "$TOP/Dockerfile.example" "$ctx/Dockerfile"
	cp "$INIT_LITE" "$ctx/init-lite"
	[ -x "$ctx/app" ] || "${CC:-cc}" -Wall -Wextra -Werror -O2 -static \
		-o "$ctx/app" "$HERE/../helpers/app.c"
}

t_build_scratch() {
	local files
	make_context
	DOCKER_BUILDKIT=0 docker_ build -q --target scratch -t il-scratch:test "$T/ctx"
	# Nothing in it but the two files the example copies.
	docker_ create --network none --name "$(cname scratch-files)" il-scratch:test >/dev/null
	files=$(docker_ export "ilct-$$-scratch-files" | tar -t |
		grep -v -e '/$' -e '^\.dockerenv$' -e '^etc/' -e '^dev/' -e '^proc/' -e '^sys/' |
		sort | tr '\n' ' ')
	[ "$files" = "sbin/init-lite usr/local/bin/app " ] ||
		die "unexpected files in the scratch image: $files"
}

t_build_alpine() {
	make_context
	DOCKER_BUILDKIT=0 docker_ build -q --target alpine \
		--build-arg BASE=il-base:test -t il-alpine:test "$T/ctx"
	[ "$(docker_ run --network none --rm il-alpine:test exit 4 >/dev/null 2>&1; echo $?)" = 4 ] ||
		die "ENTRYPOINT of the alpine stage does not run 'app exit 4'"
}

# ---- init-lite as ENTRYPOINT -----------------------------------------------

t_stop_fast() {
	local n t0 ms code
	need_image il-scratch:test
	n=$(cname stop)
	docker_ run --network none -d --name "$n" il-scratch:test >/dev/null
	until_true 10 logs_have "$n" "app: ready" || die "app never said ready"
	t0=$(now_ms)
	docker_ stop "$n" >/dev/null
	ms=$(( $(now_ms) - t0 ))
	code=$(exit_code "$n")
	note "docker stop, init-lite as PID 1 (FROM scratch image): $ms ms, exit $code"
	echo "$ms" >"$T/stop-init-lite.ms"
	[ "$code" -eq 143 ] || die "exit code $code, want 143"
	# 143, not 137: the TERM reached the app, not docker's SIGKILL at 10 s.
	[ "$ms" -lt 9000 ] || die "docker stop took $ms ms (its SIGKILL comes at 10 s)"
}

# The comparison: `sleep` as PID 1 ignores SIGTERM, so `docker stop` waits
# its whole default 10 s and then SIGKILLs it.
t_stop_sleep_baseline() {
	local n t0 ms code
	need_image il-base:test
	n=$(cname stop-sleep)
	docker_ run --network none -d --name "$n" --entrypoint /bin/sleep il-base:test 3600 >/dev/null
	sleep 0.5
	t0=$(now_ms)
	docker_ stop "$n" >/dev/null
	ms=$(( $(now_ms) - t0 ))
	code=$(exit_code "$n")
	note "docker stop (default 10 s timeout), sleep as PID 1: $ms ms, exit $code"
	echo "$ms" >"$T/stop-sleep.ms"
	[ "$code" -eq 137 ] || die "exit code $code, want 137 (SIGKILL)"
	[ "$ms" -ge 9000 ] || die "only $ms ms: the baseline should wait 10 s"
}

t_entrypoint_exit_code() {
	local n code
	need_image il-alpine:test
	n=$(cname exit7)
	code=0
	docker_ run --network none --name "$n" --entrypoint /sbin/init-lite il-alpine:test \
		-- sh -c 'exit 7' >"$T/out" 2>"$T/err" || code=$?
	[ "$code" -eq 7 ] || die "docker run exited $code, want 7"
	[ ! -s "$T/err" ] || die "stderr not empty: $(head -n 1 "$T/err")"
	# A program killed by a signal: 128 + the signal.
	code=0
	docker_ run --network none --name "$(cname killed)" --entrypoint /sbin/init-lite \
		il-alpine:test -- sh -c 'kill -KILL $$' >/dev/null 2>&1 || code=$?
	[ "$code" -eq 137 ] || die "killed by SIGKILL: exit $code, want 137"
}

# The third use: an image that lacks init-lite gets it by a bind mount.
t_entrypoint_mounted() {
	local out code
	need_image il-base:test
	code=0
	out=$(docker_ run --network none --name "$(cname mounted)" \
		-v "$INIT_LITE:/sbin/init-lite:ro" --entrypoint /sbin/init-lite \
		il-base:test -- sh -c 'readlink /proc/1/exe; exit 3') || code=$?
	[ "$code" -eq 3 ] || die "exit $code, want 3"
	[ "$out" = /sbin/init-lite ] || die "/proc/1/exe is '$out'"
}

t_pid1_is_init_lite() {
	local out
	need_image il-alpine:test
	out=$(docker_ run --network none --name "$(cname pid1)" --entrypoint /sbin/init-lite \
		il-alpine:test -- sh -c 'readlink /proc/1/exe; tr "\0" " " </proc/1/cmdline; echo')
	[ "$out" = "/sbin/init-lite
/sbin/init-lite -- sh -c readlink /proc/1/exe; tr \"\\0\" \" \" </proc/1/cmdline; echo " ] ||
		die "PID 1 seen from inside: $(echo "$out" | tr '\n' '|')"
}

t_kill_usr1_app() {
	local n
	need_image il-scratch:test
	n=$(cname usr1-app)
	docker_ run --network none -d --name "$n" il-scratch:test >/dev/null
	until_true 10 logs_have "$n" "app: ready" || die "app never said ready"
	docker_ kill -s USR1 "$n" >/dev/null
	until_true 5 logs_have "$n" "app: got USR1" ||
		die "the app did not get SIGUSR1 in 5 s"
	docker_ rm -f "$n" >/dev/null
}

t_kill_usr1_trap() {
	local n
	need_image il-alpine:test
	n=$(cname usr1-trap)
	docker_ run --network none -d --name "$n" --entrypoint /sbin/init-lite il-alpine:test -- \
		sh -c 'trap "echo got-usr1" USR1; echo ready; while :; do sleep 0.1; done' >/dev/null
	until_true 10 logs_have "$n" ready || die "the shell never said ready"
	docker_ kill -s USR1 "$n" >/dev/null
	until_true 5 logs_have "$n" got-usr1 ||
		die "the shell's USR1 trap did not run in 5 s"
	docker_ rm -f "$n" >/dev/null
}

# `docker run -t`: the program, in its own process group, is the terminal's
# foreground group (tpgid, field 8 of /proc/self/stat, equals pgrp, field 5).
t_tty_foreground() {
	local n line pid pgrp tpgid
	need_image il-alpine:test
	command -v script >/dev/null || skip "script (util-linux) is not installed"
	n=$(cname tty)
	timeout 60 script -qec "$DOCKER_BIN run --network none --name $n -t --entrypoint /sbin/init-lite il-alpine:test -- cat /proc/self/stat" \
		/dev/null </dev/null >"$T/tty.out" 2>&1 || true
	line=$(tr -d '\r' <"$T/tty.out" | grep -F '(cat)' || true)
	[ -n "$line" ] || die "no stat line; output: $(head -c 200 "$T/tty.out")"
	# shellcheck disable=SC2086 # split the stat line into its fields
	set -- $line
	pid=$1 pgrp=$5 tpgid=$8
	note "under docker run -t: program pid $pid, pgrp $pgrp, tpgid $tpgid"
	[ "$pgrp" = "$pid" ] || die "the program is not in its own group (pgrp $pgrp, pid $pid)"
	[ "$tpgid" = "$pgrp" ] || die "foreground group $tpgid, the program's $pgrp"
}

t_env_remap() {
	local n code
	need_image il-scratch:test
	n=$(cname env-remap)
	docker_ run --network none -d --name "$n" -e INIT_LITE_REMAP_EXIT=143:0 il-scratch:test >/dev/null
	until_true 10 logs_have "$n" "app: ready" || die "app never said ready"
	docker_ stop "$n" >/dev/null
	code=$(exit_code "$n")
	[ "$code" -eq 0 ] || die "exit code $code with INIT_LITE_REMAP_EXIT=143:0, want 0"
}

t_env_verbosity() {
	local code
	need_image il-scratch:test
	# A bad value is init-lite's own error: 125, naming the variable.
	code=0
	docker_ run --network none --name "$(cname env-bad)" -e INIT_LITE_VERBOSITY=9 \
		il-scratch:test exit 5 >/dev/null 2>"$T/err" || code=$?
	[ "$code" -eq 125 ] || die "INIT_LITE_VERBOSITY=9: exit $code, want 125"
	grep -q '^init-lite: error: .*INIT_LITE_VERBOSITY' "$T/err" ||
		die "INIT_LITE_VERBOSITY=9: stderr does not name the variable: $(head -n 1 "$T/err")"
	# Verbosity 3 logs at info or debug level.
	code=0
	docker_ run --network none --name "$(cname env-debug)" -e INIT_LITE_VERBOSITY=3 \
		il-scratch:test exit 5 >/dev/null 2>"$T/err" || code=$?
	[ "$code" -eq 5 ] || die "INIT_LITE_VERBOSITY=3: exit $code, want 5"
	grep -qE '^init-lite: (info|debug): ' "$T/err" ||
		die "INIT_LITE_VERBOSITY=3 logged nothing at info/debug level"
}

# ---- docker run --init with dockerd --init-path=init-lite ------------------

t_init_pid1() {
	local out want
	need_image il-base:test
	want=$("$INIT_LITE" --version | head -n 1)
	out=$(docker_ run --network none --name "$(cname init-pid1)" --init il-base:test \
		sh -c 'tr "\0" " " </proc/1/cmdline; echo; /proc/1/exe --version')
	[ "$(echo "$out" | head -n 1)" = "/sbin/docker-init -- sh -c tr \"\\0\" \" \" </proc/1/cmdline; echo; /proc/1/exe --version " ] ||
		die "PID 1's command line: $(echo "$out" | head -n 1)"
	[ "$(echo "$out" | sed -n 2p)" = "$want" ] ||
		die "PID 1 says '$(echo "$out" | sed -n 2p)', the binary says '$want'"
}

t_init_stop_fast() {
	local n t0 ms code
	need_image il-base:test
	n=$(cname init-stop)
	docker_ run --network none -d --name "$n" --init il-base:test sleep 3600 >/dev/null
	sleep 0.5
	t0=$(now_ms)
	docker_ stop "$n" >/dev/null
	ms=$(( $(now_ms) - t0 ))
	code=$(exit_code "$n")
	note "docker stop, docker run --init with init-lite: $ms ms, exit $code"
	[ "$code" -eq 143 ] || die "exit code $code, want 143"
	# 143, not 137: the TERM reached the app, not docker's SIGKILL at 10 s.
	[ "$ms" -lt 9000 ] || die "docker stop took $ms ms (its SIGKILL comes at 10 s)"
}

t_init_usr1() {
	local n
	need_image il-base:test
	n=$(cname init-usr1)
	docker_ run --network none -d --name "$n" --init il-base:test \
		sh -c 'trap "echo got-usr1" USR1; echo ready; while :; do sleep 0.1; done' >/dev/null
	until_true 10 logs_have "$n" ready || die "the shell never said ready"
	docker_ kill -s USR1 "$n" >/dev/null
	until_true 5 logs_have "$n" got-usr1 ||
		die "the shell's USR1 trap did not run in 5 s"
	docker_ rm -f "$n" >/dev/null
}

t_init_reaps() {
	local n
	need_image il-base:test
	n=$(docker_ run --network none --name "$(cname init-reap)" --init il-base:test sh -c "$(orphans_sh 0)")
	note "zombies after 5 orphans died under docker run --init: $n"
	[ "$n" = 0 ] || die "$n zombies left"
}

# dockerd runs `INIT --version` and keeps the commit of `... - git.COMMIT`
# (the version part it parses only after "tini version "); `docker version`
# lists the init as a component named after the binary's file name.
t_info_init_commit() {
	local want id ver
	want=$("$INIT_LITE" --version | head -n 1 | sed -n 's/.* - git\.\([^ ]*\).*/\1/p')
	[ -n "$want" ] || die "'$INIT_LITE --version' has no ' - git.COMMIT'"
	id=$(docker_ info --format '{{.InitCommit.ID}}')
	ver=$(docker_ version --format "{{range .Server.Components}}{{if eq .Name \"${INIT_LITE##*/}\"}}{{.Details.GitCommit}}{{end}}{{end}}")
	note "init commit: '$want' in --version, '$id' in docker info, '$ver' in docker version"
	[ "$id" = "$want" ] || die "docker info shows init commit '$id', want '$want'"
	[ "$ver" = "$want" ] || die "docker version shows init commit '$ver', want '$want'"
}

docker_tests() {
	local drv
	if ! command -v dockerd >/dev/null; then
		engine_missing docker "dockerd is not installed (Debian package docker.io)"
		return 0
	fi
	export DOCKER_HOST="unix://$T/docker/docker.sock"
	export DOCKER_CONFIG="$T/docker/client"
	# overlay2 where the kernel and the filesystem of $T allow it, else
	# vfs (slow, but works anywhere); CONTAINER_STORAGE_DRIVER forces one.
	drv=
	for d in ${CONTAINER_STORAGE_DRIVER:-overlay2 vfs}; do
		if dockerd_start "$d"; then
			drv=$d
			break
		fi
		echo "# $DOCKERD_WHY"
		# dockerd bind-mounts its data-root on itself.
		umount_under "$T/docker"
		rm -rf --one-file-system "$T/docker/root" "$T/docker/exec" || true
	done
	if [ -z "$drv" ]; then
		engine_missing docker "$DOCKERD_WHY"
		return 0
	fi
	echo "# dockerd $(docker_ version --format '{{.Server.Version}}') pid $DOCKERD_PID, storage driver $drv, client $DOCKER_BIN"
	run_test docker-import-busybox-image t_import_base
	run_test docker-build-example-scratch t_build_scratch
	run_test docker-build-example-alpine t_build_alpine
	run_test docker-stop-fast-143 t_stop_fast
	run_test docker-stop-baseline-sleep-pid1 t_stop_sleep_baseline
	run_test docker-entrypoint-exit-code t_entrypoint_exit_code
	run_test docker-entrypoint-mounted-binary t_entrypoint_mounted
	run_test docker-pid1-is-init-lite t_pid1_is_init_lite
	run_test docker-kill-usr1-app t_kill_usr1_app
	run_test docker-kill-usr1-sh-trap t_kill_usr1_trap
	run_test docker-tty-foreground-group t_tty_foreground
	run_test docker-env-remap-exit t_env_remap
	run_test docker-env-verbosity t_env_verbosity
	run_test docker-init-pid1-is-init-lite t_init_pid1
	run_test docker-init-stop-fast-143 t_init_stop_fast
	run_test docker-init-forwards-usr1 t_init_usr1
	run_test docker-init-reaps-zombies t_init_reaps
	run_test docker-info-init-commit t_info_init_commit
}
