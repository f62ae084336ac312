#!/bin/bash
# Container tests: init-lite as PID 1 under runc, under a real Docker
# engine (a dockerd of our own, also for `docker run --init`), under podman
# (--init-path, ENTRYPOINT, a pod's infra container) and under Kubernetes'
# CRI (a containerd of our own, driven by tests/container/cri.py).
#   INIT_LITE=/path/to/init-lite bash tests/container/run.sh
#   CONTAINER_SKIP="docker cri" ... skips those engines (runc docker podman
#   cri); an engine that is not skipped and cannot run is a failure.
# Prints `ok NAME`, `FAIL NAME: reason` or `skip NAME: reason` per test,
# figures as `# ...` lines, and `N passed, N failed[, N skipped]` last.
# Needs root, runc, dockerd (docker.io), podman, containerd, busybox-static,
# jq, script (util-linux), a C compiler that links statically, and
# /usr/bin/python3 with python3-grpcio, python3-protobuf, python3-yaml and
# protoc (protobuf-compiler). Everything it makes lives in one temp dir and
# is removed at the end, also on failure.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
INIT_LITE=${INIT_LITE:-$TOP/build/init-lite}
case $INIT_LITE in
/*) ;;
*) INIT_LITE=$PWD/$INIT_LITE ;;
esac

# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=runc-tests.sh
. "$HERE/runc-tests.sh"
# shellcheck source=docker-tests.sh
. "$HERE/docker-tests.sh"
# shellcheck source=podman-tests.sh
. "$HERE/podman-tests.sh"
# shellcheck source=cri-tests.sh
. "$HERE/cri-tests.sh"
# shellcheck source=images.sh
. "$HERE/images.sh"

if [ ! -x "$INIT_LITE" ]; then
	echo "FAIL setup: no init binary at $INIT_LITE"
	echo "0 passed, 1 failed"
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	skip_group container "runc and dockerd need root"
	summary
	exit 0
fi

T=$(mktemp -d /tmp/init-lite-ct.XXXXXX)
# dockerd and its containerd also leave a few things outside their roots;
# note which ones exist already, so as to remove only what this run made.
made=
# podman, even with no network, makes /run/netns (a mount) and /var/lib/cni
# when it creates a pod, /run/runc, and its blob cache in /var/lib/containers.
for p in /run/containerd /run/docker /etc/docker/key.json /run/netns \
	/var/lib/cni /run/runc /var/lib/containers; do
	[ -e "$p" ] || made="$made $p"
done

cleanup() {
	set +e
	runc_cleanup
	docker_cleanup
	podman_cleanup
	cri_cleanup
	# Nothing should still be mounted under $T; if something is, unmount
	# it rather than remove files through it.
	umount_under "$T"
	rm -rf --one-file-system "$T"
	# containerd's shims put their sockets in /run/containerd/s whatever its
	# state dir, dockerd makes /run/docker/plugins and its identity key
	# /etc/docker/key.json whatever its roots. Directories only go if empty.
	case $made in *" /run/containerd"*)
		rmdir /run/containerd/s /run/containerd 2>/dev/null ;;
	esac
	case $made in *" /run/docker"*)
		rmdir /run/docker/plugins /run/docker 2>/dev/null ;;
	esac
	case $made in *" /etc/docker/key.json"*)
		rm -f /etc/docker/key.json ;;
	esac
	case $made in *" /run/netns"*)
		umount /run/netns 2>/dev/null
		rmdir /run/netns 2>/dev/null ;;
	esac
	for p in /var/lib/cni /var/lib/containers /run/runc; do
		case $made in *" $p"*) rm -rf --one-file-system "$p" ;; esac
	done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

mkdir -p "$T/log" "$T/bundles"
: >"$T/runc-ids"
: >"$T/docker-ids"
START_MS=$(now_ms)

echo "# init: $INIT_LITE ($("$INIT_LITE" --version 2>&1 | head -n 1))"
if ! bash "$HERE/mkrootfs.sh" "$T/base" >"$T/log/rootfs" 2>&1; then
	echo "FAIL rootfs: $(tail -n 1 "$T/log/rootfs")"
	echo "0 passed, 1 failed"
	exit 1
fi
# Work on a copy, so that a rebuild during the run changes nothing.
install -m 0755 "$INIT_LITE" "$T/init-lite"
INIT_LITE=$T/init-lite
cp -a "$T/base" "$T/rootfs"
install -m 0755 "$INIT_LITE" "$T/rootfs/sbin/init-lite"

if ! make_images >"$T/log/images" 2>&1; then
	echo "FAIL images: $(tail -n 1 "$T/log/images")"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "# set up in $(( $(now_ms) - START_MS )) ms"

# bench/bench.py's engines row: no tests, figures only.
if [ -n "${CONTAINER_BENCH:-}" ]; then
	# shellcheck source=engines-bench.sh
	. "$HERE/engines-bench.sh"
	engines_bench
	exit 0
fi

engine_skipped runc || runc_tests
engine_skipped docker || docker_tests
engine_skipped podman || podman_tests
engine_skipped cri || cri_tests

echo "# total wall time: $(( ($(now_ms) - START_MS) / 1000 )) s"
summary
[ "$FAILED" -eq 0 ]
