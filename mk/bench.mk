# make bench: init-lite side by side with tini, tini-static, dumb-init and
# catatonit in one run (issue 5); prints a Markdown table and saves it to
# bench/results.md. A report, not a test: deliberately not in CHECK_TARGETS.
# Runs as root (PID namespaces); a few minutes on 2 cores.
BENCH_APT_PACKAGES = python3 gcc libc6-dev strace valgrind tini dumb-init \
	catatonit
# Extra options for bench/bench.py, e.g. BENCH_ARGS=--quick
BENCH_ARGS ?=

bench: build/init-lite
	@sh scripts/install-deps.sh $(BENCH_APT_PACKAGES)
	BENCH_CMD='make bench$(if $(BENCH_ARGS), BENCH_ARGS="$(BENCH_ARGS)")' \
	INIT_LITE=$(CURDIR)/build/init-lite python3 bench/bench.py $(BENCH_ARGS)

.PHONY: bench
