# shellcheck shell=bash
# CRI tests, sourced by run.sh: init-lite under Kubernetes' Container Runtime
# Interface, the only way the kubelet drives containers. A containerd of our
# own (its root, state, sockets, opt dir and runc root under $T/cri, never
# the default socket, so a containerd of the system is left alone) runs the
# pods of examples/kubernetes/*.yaml, driven by tests/container/cri.py as
# the kubelet would drive them: RunPodSandbox, CreateContainer,
# StartContainer, ExecSync (the preStop hook), StopContainer with the grace
# period, ContainerStatus, RemovePodSandbox. The manifests give the command,
# env and grace; only the images and the app's args are the test's.

CRI_PID=
CRI_DIR=
KUBE_EXAMPLES=$TOP/examples/kubernetes

cri_py() { timeout "${CRI_TIMEOUT:-120}" /usr/bin/python3 "$HERE/cri.py" --socket "$CRI_DIR/containerd.sock" "$@"; }
ctr_() { timeout 60 ctr --address "$CRI_DIR/containerd.sock" --namespace k8s.io "$@"; }

# What this VM needs, in the config below, each for a reason:
# - snapshotter "native": no overlay mounts inside this sandbox;
# - restrict_oom_score_adj: the CRI would set the sandbox's oom_score_adj
#   below ours, which needs CAP_SYS_RESOURCE, absent here;
# - SystemdCgroup false: no systemd (cgroupfs);
# - sandbox_image: our `init-lite --pause` image, loaded offline with
#   `ctr images import` (no registry is reachable, and it is the point);
# - the CNI dirs are empty ones of ours: every pod uses the host network,
#   so no CNI plugin runs (containerd logs that CNI is not initialized).
cri_config() {
	cat <<-EOF
	# Written by tests/container/cri-tests.sh for its own containerd.
	version = 2
	root = "$CRI_DIR/root"
	state = "$CRI_DIR/state"
	disabled_plugins = ["io.containerd.snapshotter.v1.btrfs",
		"io.containerd.snapshotter.v1.zfs",
		"io.containerd.snapshotter.v1.aufs",
		"io.containerd.snapshotter.v1.devmapper",
		"io.containerd.snapshotter.v1.overlayfs"]
	[grpc]
	  address = "$CRI_DIR/containerd.sock"
	[ttrpc]
	  address = "$CRI_DIR/containerd.sock.ttrpc"
	[debug]
	  address = "$CRI_DIR/debug.sock"
	[metrics]
	  address = ""
	[plugins."io.containerd.internal.v1.opt"]
	  path = "$CRI_DIR/opt"
	[plugins."io.containerd.grpc.v1.cri"]
	  sandbox_image = "localhost/il-pause:test"
	  restrict_oom_score_adj = true
	  stream_server_address = "127.0.0.1"
	  stream_server_port = "0"
	  [plugins."io.containerd.grpc.v1.cri".containerd]
	    snapshotter = "native"
	    default_runtime_name = "runc"
	    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
	      runtime_type = "io.containerd.runc.v2"
	      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
	        SystemdCgroup = false
	        Root = "$CRI_DIR/runc"
	  [plugins."io.containerd.grpc.v1.cri".cni]
	    bin_dir = "$CRI_DIR/cni/bin"
	    conf_dir = "$CRI_DIR/cni/conf"
	EOF
}

# cri_start: start our containerd and wait until its CRI answers; on failure
# sets CRI_WHY and returns 1 with the daemon stopped. Not in a subshell:
# containerd must be a child of this shell, to be waited for.
cri_start() {
	local end
	command -v containerd >/dev/null ||
		{ CRI_WHY="containerd is not installed (Debian package containerd)"; return 1; }
	/usr/bin/python3 -c 'import grpc, google.protobuf, yaml' 2>/dev/null ||
		{ CRI_WHY="/usr/bin/python3 lacks grpc, protobuf or yaml (python3-grpcio python3-protobuf python3-yaml)"; return 1; }
	command -v protoc >/dev/null ||
		{ CRI_WHY="protoc is not installed (Debian package protobuf-compiler)"; return 1; }
	mkdir -p "$CRI_DIR/cni/bin" "$CRI_DIR/cni/conf" "$CRI_DIR/out"
	cri_config >"$CRI_DIR/config.toml"
	containerd --config "$CRI_DIR/config.toml" --log-level warn \
		</dev/null >"$CRI_DIR/containerd.log" 2>&1 &
	CRI_PID=$!
	end=$(( $(now_ms) + 60000 ))
	until cri_py version >"$CRI_DIR/version.json" 2>"$CRI_DIR/version.err"; do
		if ! kill -0 "$CRI_PID" 2>/dev/null; then
			CRI_WHY="containerd exited: $(grep -v '^$' "$CRI_DIR/containerd.log" | tail -n 1)"
			wait "$CRI_PID" || true
			CRI_PID=
			return 1
		fi
		if [ "$(now_ms)" -ge "$end" ]; then
			CRI_WHY="containerd's CRI did not answer in 60 s: $(tail -n 1 "$CRI_DIR/version.err")"
			cri_stop
			return 1
		fi
		sleep 0.2
	done
}

# Stop our containerd (by its pid), then any shim of ours that outlives it
# (a shim's command line names our socket: never a recycled pid).
cri_stop() {
	local p
	if [ -n "$CRI_PID" ]; then
		kill -TERM "$CRI_PID" 2>/dev/null || true
		if ! wait_pid "$CRI_PID" 30; then
			kill -KILL "$CRI_PID" 2>/dev/null || true
			wait "$CRI_PID" 2>/dev/null || true
		fi
		CRI_PID=
	fi
	for p in $(pgrep -f containerd-shim-runc-v2); do
		tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" |
			grep -qF -- "$CRI_DIR/containerd.sock" &&
			kill -KILL "$p" 2>/dev/null
	done
	return 0
}

cri_cleanup() {
	[ -n "$CRI_DIR" ] || return 0
	# Pods still there (a test stopped half way): remove them while our
	# containerd runs, so that no container or shim is left.
	if [ -n "$CRI_PID" ]; then
		ctr_ tasks ls -q 2>/dev/null | while read -r id; do
			ctr_ tasks kill -s KILL "$id" >/dev/null 2>&1 || true
		done
	fi
	cri_stop
}

# ---- helpers ----------------------------------------------------------------

# JSON list of the words given, for cri.py's --args and --exec.
jlist() { jq -cn '$ARGS.positional' --args -- "$@"; }

# run_pod OUT MANIFEST CRI.PY-OPTIONS...: run a manifest's pod to its end;
# the JSON lands in OUT (with cri.py's stderr in OUT.err).
run_pod() {
	local out=$1 manifest=$2 logs
	shift 2
	logs=$CRI_DIR/logs/$(basename "$out" .json)
	cri_py run-pod "$KUBE_EXAMPLES/$manifest" \
		--image localhost/il-app:test --mount "$CRI_DIR/out:/out" \
		--log-dir "$logs" "$@" \
		>"$out" 2>"$out.err" ||
		die "cri.py run-pod $manifest failed: $(tail -n 1 "$out.err")"
}

# j FILE FILTER: one value of a run's JSON.
j() { jq -r "$2" "$1"; }

# leftover_args FILE MS: the app, with a leftover that needs MS ms after
# SIGTERM and writes /out/FILE.
leftover_args() { jlist sh -c "leftover /out/$1 $2 & exec app"; }

out_file() { tr '\n' ' ' 2>/dev/null <"$CRI_DIR/out/$1" | sed 's/ $//' || true; }

# ---- tests ------------------------------------------------------------------

t_cri_images() {
	ctr_ images import --snapshotter native "$T/images/il-app.tar"
	ctr_ images import --snapshotter native "$T/images/il-pause.tar"
	ctr_ images ls -q | grep -qx localhost/il-pause:test ||
		die "the pause image is not listed after the import"
	ctr_ images ls -q | grep -qx localhost/il-app:test ||
		die "the app image is not listed after the import"
}

# The Deployment of examples/kubernetes/deployment.yaml: init-lite is the
# container's PID 1, the preStop hook's SIGUSR1 reaches the app through it,
# the StopContainer ends it fast, the leftover finishes its file, and the
# manifest's -e 143:0 makes the container end "Completed" with 0.
t_cri_deployment() {
	local o=$CRI_DIR/deployment.json pid1 zombies stop tmo
	rm -f "$CRI_DIR/out/deploy"
	run_pod "$o" deployment.yaml \
		--args "web=$(leftover_args deploy 200)" \
		--ready "web=leftover: ready" --ready "web=app: ready" \
		--exec "web=$(jlist sh -c 'tr "\0" " " </proc/1/cmdline')" \
		--exec "web=$(jlist sh -c "$(orphans_sh 0)")"
	pid1=$(j "$o" '.containers.web.exec[0].stdout')
	zombies=$(j "$o" '.containers.web.exec[1].stdout' | tr -d '\n')
	stop=$(j "$o" '.containers.web.stop_ms')
	tmo=$(j "$o" '.containers.web.stop_timeout')
	note "CRI, deployment.yaml: StopContainer(timeout=$tmo) took $stop ms, exit $(j "$o" '.containers.web.exit_code') ($(j "$o" '.containers.web.reason')), preStop $(j "$o" '.containers.web.prestop.ms') ms, leftover's file: $(out_file deploy)"
	case $pid1 in
	"$(j "$o" '.containers.web.command | join(" ")') "*) ;;
	*) die "PID 1 is '$pid1', not the manifest's command" ;;
	esac
	[ "$zombies" = 0 ] || die "$zombies zombies after 5 orphans died"
	[ "$(j "$o" '.containers.web.prestop.exit_code')" = 0 ] ||
		die "the preStop hook failed: $(j "$o" '.containers.web.prestop.stderr')"
	j "$o" '.containers.web.output[]' | grep -qx "app: got USR1" ||
		die "the preStop hook's SIGUSR1 did not reach the app"
	j "$o" '.containers.web.command[]' | grep -qx "143:0" ||
		die "the manifest's command has no -e 143:0"
	[ "$(j "$o" '.containers.web.exit_code')" = 0 ] ||
		die "exit code $(j "$o" '.containers.web.exit_code'), want 0 (143 remapped)"
	[ "$(j "$o" '.containers.web.reason')" = Completed ] ||
		die "reason '$(j "$o" '.containers.web.reason')', want Completed"
	[ "$(out_file deploy)" = "begin end" ] ||
		die "the leftover's file is '$(out_file deploy)', want 'begin end'"
	[ "$stop" -lt $(( tmo * 1000 )) ] ||
		die "StopContainer waited its whole timeout ($stop ms)"
}

# The same container without the manifest's command: the image's ENTRYPOINT
# (init-lite --) as PID 1, no remap: 143, which Kubernetes shows as Error.
t_cri_pid1_143() {
	local o=$CRI_DIR/pid1.json
	run_pod "$o" deployment.yaml --command 'web=[]' --args 'web=["app"]' \
		--ready "web=app: ready" \
		--exec "web=$(jlist readlink /proc/1/exe)"
	note "CRI, init-lite as ENTRYPOINT without -e 143:0: StopContainer took $(j "$o" '.containers.web.stop_ms') ms, exit $(j "$o" '.containers.web.exit_code') ($(j "$o" '.containers.web.reason'))"
	[ "$(j "$o" '.containers.web.exec[0].stdout')" = /sbin/init-lite ] ||
		die "/proc/1/exe is '$(j "$o" '.containers.web.exec[0].stdout')'"
	[ "$(j "$o" '.containers.web.exit_code')" = 143 ] ||
		die "exit code $(j "$o" '.containers.web.exit_code'), want 143"
	[ "$(j "$o" '.containers.web.reason')" = Error ] ||
		die "reason '$(j "$o" '.containers.web.reason')', want Error"
}

# examples/kubernetes/pause-pod.yaml: shareProcessNamespace, so the
# sandbox's `init-lite --pause` (our sandbox_image) is PID 1 of the pod and
# the job runs under `init-lite -s`; the job's leftover gets its grace and
# its orphans are reaped, the holder (`--pause`) ends at once with 0.
t_cri_shared_pid() {
	local o=$CRI_DIR/shared.json pid1 zombies
	rm -f "$CRI_DIR/out/shared"
	run_pod "$o" pause-pod.yaml \
		--args "job=$(leftover_args shared 200)" \
		--ready "job=leftover: ready" --ready "job=app: ready" \
		--exec "job=$(jlist sh -c 'tr "\0" " " </proc/1/cmdline')" \
		--exec "job=$(jlist sh -c "$(orphans_sh 0)")"
	[ "$(j "$o" '.share_process_namespace')" = true ] ||
		die "pause-pod.yaml does not set shareProcessNamespace"
	pid1=$(j "$o" '.containers.job.exec[0].stdout')
	zombies=$(j "$o" '.containers.job.exec[1].stdout' | tr -d '\n')
	note "CRI, pause-pod.yaml (shared PID namespace): PID 1 '${pid1% }'; job: StopContainer $(j "$o" '.containers.job.stop_ms') ms, exit $(j "$o" '.containers.job.exit_code'), leftover's file: $(out_file shared); holder: $(j "$o" '.containers.holder.stop_ms') ms, exit $(j "$o" '.containers.holder.exit_code')"
	[ "$pid1" = "/sbin/init-lite --pause " ] ||
		die "PID 1 of the pod is '$pid1', want the sandbox's init-lite --pause"
	j "$o" '.containers.job.command[]' | grep -qx -- -s ||
		die "the job does not run under init-lite -s"
	[ "$zombies" = 0 ] || die "$zombies zombies after 5 orphans died"
	[ "$(j "$o" '.containers.job.exit_code')" = 143 ] ||
		die "job: exit code $(j "$o" '.containers.job.exit_code'), want 143"
	[ "$(out_file shared)" = "begin end" ] ||
		die "the leftover's file is '$(out_file shared)', want 'begin end'"
	[ "$(j "$o" '.containers.holder.exit_code')" = 0 ] ||
		die "holder: exit code $(j "$o" '.containers.holder.exit_code'), want 0"
}

# terminationGracePeriodSeconds shorter than INIT_LITE_GRACE: the
# runtime's SIGKILL comes before init-lite's grace is over. A leftover that
# needs 5 s (well inside the manifest's INIT_LITE_GRACE of 10 s) is cut at
# 1 s: its file has "begin" only, and the app's status is lost (137, Error).
# With the manifest's own grace period, the same leftover finishes.
t_cri_short_grace() {
	local o=$CRI_DIR/short.json o2=$CRI_DIR/short-ok.json grace
	rm -f "$CRI_DIR/out/short" "$CRI_DIR/out/short-ok"
	run_pod "$o" deployment.yaml --grace 1 \
		--args "web=$(leftover_args short 5000)" \
		--ready "web=leftover: ready" --ready "web=app: ready"
	# The manifest's INIT_LITE_GRACE, as cri.py passed it to the container.
	grace=$(j "$o" '.containers.web.env.INIT_LITE_GRACE')
	case $grace in
	*ms) grace=$(( ${grace%ms} / 1000 )) ;;
	*s) grace=${grace%s} ;;
	*m) grace=$(( ${grace%m} * 60 )) ;;
	esac
	[ "$grace" -gt 5 ] ||
		die "the manifest's INIT_LITE_GRACE ($grace s) must exceed the 5 s leftover"
	note "CRI, terminationGracePeriodSeconds=1 < INIT_LITE_GRACE=${grace}s, a leftover needing 5 s: StopContainer $(j "$o" '.containers.web.stop_ms') ms, exit $(j "$o" '.containers.web.exit_code') ($(j "$o" '.containers.web.reason')), leftover's file: '$(out_file short)'"
	run_pod "$o2" deployment.yaml \
		--args "web=$(leftover_args short-ok 5000)" \
		--ready "web=leftover: ready" --ready "web=app: ready"
	note "the same with the manifest's terminationGracePeriodSeconds=$(j "$o2" .grace): StopContainer $(j "$o2" '.containers.web.stop_ms') ms, exit $(j "$o2" '.containers.web.exit_code') ($(j "$o2" '.containers.web.reason')), leftover's file: '$(out_file short-ok)'"
	[ "$(out_file short)" = begin ] ||
		die "grace 1 s: the leftover's file is '$(out_file short)', want 'begin' (cut)"
	[ "$(j "$o" '.containers.web.exit_code')" = 137 ] ||
		die "grace 1 s: exit code $(j "$o" '.containers.web.exit_code'), want 137 (SIGKILL)"
	[ "$(out_file short-ok)" = "begin end" ] ||
		die "manifest's grace: the leftover's file is '$(out_file short-ok)'"
	[ "$(j "$o2" '.containers.web.exit_code')" = 0 ] ||
		die "manifest's grace: exit code $(j "$o2" '.containers.web.exit_code'), want 0"
}

cri_tests() {
	CRI_DIR=$T/cri
	if ! cri_start; then
		engine_missing cri "$CRI_WHY"
		return 0
	fi
	echo "# CRI: $(jq -r '"\(.runtime_name) \(.runtime_version), API \(.runtime_api_version)"' "$CRI_DIR/version.json") pid $CRI_PID, snapshotter native, sandbox image localhost/il-pause:test"
	run_test cri-import-images t_cri_images
	run_test cri-deployment-init-lite-pid1 t_cri_deployment
	run_test cri-entrypoint-stop-143 t_cri_pid1_143
	run_test cri-shared-pid-pause-pod t_cri_shared_pid
	run_test cri-grace-shorter-than-init-lite t_cri_short_grace
}
