# Container tests (tests/container/): init-lite as PID 1 under runc, under
# a dockerd of the test's own (also as `docker run --init` via --init-path),
# under podman (--init-path, ENTRYPOINT, a pod's infra) and under
# Kubernetes' CRI (a containerd of the test's own, driven by
# tests/container/cri.py: python3-grpcio, python3-protobuf, protoc), with
# images built offline from busybox-static and Dockerfile.example
# (libc6-dev: the test program for the FROM scratch image links statically).
# Needs root. An engine that cannot run is a failure, unless
# CONTAINER_SKIP="runc docker podman cri" (any of them) names it.
APT_PACKAGES	+= runc busybox-static docker.io jq util-linux libc6-dev \
		   podman conmon catatonit containerd python3 python3-grpcio \
		   python3-protobuf python3-yaml protobuf-compiler procps
CHECK_TARGETS	+= check-container

check-container: build/init-lite
	@INIT_LITE=$(CURDIR)/build/init-lite timeout 900 \
		bash tests/container/run.sh

.PHONY: check-container
