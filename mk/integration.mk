# Integration tests (tests/integration/run.sh, run by check-integration and
# check-asan in the top-level Makefile). Its C helpers are built with the
# host cc against glibc, so the glibc headers are needed; unshare, nsenter
# and script come from util-linux and bsdutils, timeout and stat from
# coreutils.
APT_PACKAGES	+= libc6-dev util-linux bsdutils coreutils procps

# The same suite against Debian's tini-static: exactly the tests listed in
# tests/integration/tini-expected.txt must fail there, which proves that
# those tests can fail. About 30 s: worth it, so make check runs it.
CHECK_TARGETS	+= check-integration-tini
check-integration-tini:
	@sh scripts/install-deps.sh tini
	@bash tests/integration/vs-tini.sh

.PHONY: check-integration-tini
