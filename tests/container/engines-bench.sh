# shellcheck shell=bash
# The engines' row of `make bench`, sourced by run.sh when CONTAINER_BENCH
# is set (bench/bench.py does that): with the podman and containerd of the
# tests, how long `podman stop` and the CRI's StopContainer take with each
# init as PID 1 of the same container (the test app, which dies of the
# forwarded SIGTERM). A report, not a test: prints lines
#   podman_stop NAME SECONDS      cri_stop NAME SECONDS
#   skip ENGINE: reason           error NAME: reason
# CONTAINER_BENCH="ROUNDS NAME=PATH..." (static binaries: they run in the
# busybox image). Rounds interleave the inits.

bench_podman_one() {
	local name=$1 path=$2 n
	n=$(pname "bench-$name")
	podman_run -d --name "$n" --init --init-path "$path" \
		localhost/il-base:test app >/dev/null || return 1
	until_true 20 podman_logs_have "$n" "app: ready" || return 1
	podman_stop_time "$n" 10
	podman_ rm -f -t 0 "$n" >/dev/null
	[ "$STOP_CODE" -eq 143 ] ||
		{ echo "error $name: podman stop gave exit $STOP_CODE"; return 0; }
	echo "podman_stop $name $(awk -v m="$STOP_MS" 'BEGIN { printf "%.3f", m / 1000 }')"
}

# The Deployment of examples/kubernetes with this init as its command (the
# binary mounted at /sbin/bench-init), stopped with its grace period.
bench_cri_one() {
	local name=$1 path=$2 o=$CRI_DIR/bench.json
	cri_py run-pod "$KUBE_EXAMPLES/deployment.yaml" \
		--image localhost/il-app:test --mount "$path:/sbin/bench-init" \
		--command 'web=["/sbin/bench-init", "--"]' --args 'web=["app"]' \
		--ready 'web=app: ready' --log-dir "$CRI_DIR/logs/bench" \
		>"$o" 2>"$o.err" ||
		{ echo "error $name: $(tail -n 1 "$o.err")"; return 0; }
	[ "$(j "$o" '.containers.web.exit_code')" = 143 ] ||
		{ echo "error $name: StopContainer gave exit $(j "$o" '.containers.web.exit_code')"; return 0; }
	echo "cri_stop $name $(j "$o" '.containers.web.stop_ms / 1000')"
}

engines_bench() {
	local rounds r k i name path why podman_ok=1 cri_ok=1
	# shellcheck disable=SC2086 # the words are ROUNDS NAME=PATH...
	set -- $CONTAINER_BENCH
	rounds=$1
	shift
	mkdir -p "$T/podman/tmp" "$T/podman/net" "$T/podman/out"
	cat >"$T/podman/containers.conf" <<-EOF
	[containers]
	default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
	EOF
	export CONTAINERS_CONF=$T/podman/containers.conf
	if ! why=$(podman_probe); then
		echo "skip podman: $why"
		podman_ok=
	fi
	CRI_DIR=$T/cri
	if ! cri_start; then
		echo "skip cri: $CRI_WHY"
		cri_ok=
	elif ! (set -e; t_cri_images) >"$T/log/bench-images" 2>&1; then
		echo "skip cri: the images do not import: $(tail -n 1 "$T/log/bench-images")"
		cri_ok=
	fi
	for r in $(seq 1 "$rounds"); do
		k=$(( (r - 1) % $# ))
		for i in $(seq 0 $(( $# - 1 ))); do
			eval "name=\${$(( (i + k) % $# + 1 ))}"
			path=${name#*=}
			name=${name%%=*}
			[ -z "$podman_ok" ] || bench_podman_one "$name" "$path" ||
				echo "error $name: podman run or stop failed"
			[ -z "$cri_ok" ] || bench_cri_one "$name" "$path"
		done
	done
}
