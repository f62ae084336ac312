# make bench: init-lite side by side with tini, tini-static, dumb-init and
# catatonit in one run (issue 5); prints a Markdown table and saves it to
# bench/results.md. A report, not a test: deliberately not in CHECK_TARGETS.
# Runs as root (PID namespaces); a few minutes on 2 cores. The podman and
# CRI row uses the engines of tests/container (BENCH_ARGS=--no-engines
# leaves it out).
BENCH_APT_PACKAGES = python3 gcc libc6-dev strace valgrind tini dumb-init \
	catatonit podman conmon runc containerd busybox-static jq \
	python3-grpcio python3-protobuf python3-yaml protobuf-compiler
# Extra options for bench/bench.py, e.g. BENCH_ARGS=--quick
BENCH_ARGS ?=

bench: build/init-lite
	@sh scripts/install-deps.sh $(BENCH_APT_PACKAGES)
	BENCH_CMD='make bench$(if $(BENCH_ARGS), BENCH_ARGS="$(BENCH_ARGS)")' \
	INIT_LITE=$(CURDIR)/build/init-lite python3 bench/bench.py $(BENCH_ARGS)

.PHONY: bench
