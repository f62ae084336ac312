# Container tests (tests/container/): init-lite as PID 1 under runc and under
# a dockerd of the test's own (also as `docker run --init` via --init-path),
# with images built offline from busybox-static and Dockerfile.example
# (libc6-dev: the test program for the FROM scratch image links statically).
# Needs root; skips plainly when runc or dockerd cannot run.
APT_PACKAGES	+= runc busybox-static docker.io jq util-linux libc6-dev
CHECK_TARGETS	+= check-container

check-container: build/init-lite
	@INIT_LITE=$(CURDIR)/build/init-lite timeout 900 \
		bash tests/container/run.sh

.PHONY: check-container
