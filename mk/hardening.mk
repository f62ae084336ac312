# Hardening tests (issue 6): as root, on the shipped build/init-lite.
#
#   make check-stress     tests/stress/run.sh: zombie storm (STRESS_ORPHANS,
#                         default 100000), signal storm (STRESS_SIGNALS,
#                         default 10000; also under strace), fork failure
#                         (RLIMIT_NPROC), closed fds 0-2; about 30 s
#   make check-valgrind   tests/valgrind/run.sh: memcheck of a dynamic glibc
#                         -g build of the same sources as PID 1 over a few
#                         scenarios: zero errors, zero leaks; about 45 s
#   make check-hardening  tests/hardening/check.sh: static, NX stack, W^X,
#                         stack protector, RELRO as the libc applies it,
#                         stripped; read from the binary; a few seconds
HARDEN_LIBC	= $(TARGET_LIBC)

APT_PACKAGES	+= valgrind strace util-linux binutils gcc libc6-dev procps
CHECK_TARGETS	+= check-hardening check-stress check-valgrind

build/valgrind build/hardening:
	mkdir -p $@

# Valgrind needs a dynamic binary with symbols: glibc, -g, no sanitizer.
build/valgrind/init-lite: $(SRC) $(HDR) Makefile mk/hardening.mk build/commit \
		build/host-cc.cmd | build/valgrind
	$(CC) -g -O1 $(WARN) $(DEFS) $(CFLAGS) $(SRC) -o $@

# The shipped build, minus -s: check.sh verifies its .text is the shipped
# one. Same compile line (release_cmd, the stamp of build/init-lite), with
# the -s left out.
build/hardening/init-lite.sym: $(SRC) $(HDR) build/init-lite.cmd \
		| build/hardening
	$(call release_cmd,$(TARGET_CC),$@,$(CFLAGS),$(LDFLAGS),-s)

check-hardening: build/init-lite build/hardening/init-lite.sym
	@HARDEN_BIN=build/init-lite HARDEN_SYM=build/hardening/init-lite.sym \
	 HARDEN_LIBC=$(HARDEN_LIBC) bash tests/hardening/check.sh

check-stress: build/init-lite
	@INIT_LITE=$(CURDIR)/build/init-lite timeout 600 bash tests/stress/run.sh

check-valgrind: build/valgrind/init-lite
	@VALGRIND_INIT=$(CURDIR)/build/valgrind/init-lite timeout 600 \
		bash tests/valgrind/run.sh

.PHONY: check-hardening check-stress check-valgrind
