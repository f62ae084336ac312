# Fuzzing (tests/fuzz/): one libFuzzer target per parser of untrusted input,
# built with clang's -fsanitize=fuzzer,address,undefined against the pure
# modules only (no system calls in them, so each input runs in-process).
#
#   make fuzz [FUZZ_SECONDS=30] [FUZZ_TARGETS='config signame']
#                           every target for FUZZ_SECONDS each (default 30 s)
#   make check-fuzz         the same with FUZZ_CHECK_SECONDS (default 20 s)
#                           each: the part of `make check` (8 targets,
#                           about 2.5 min on 2 cores with the build)
#   make fuzz-build         only build build/fuzz/fuzz_<target>
#
# Any finding (sanitizer report, crash, failed property, hang) fails the
# run; the input is kept under build/fuzz/artifacts/. Seeds and
# dictionaries: tests/fuzz/seeds.py writes them (committed).
FUZZ_CC		?= clang
FUZZ_SECONDS	?= 30
FUZZ_CHECK_SECONDS ?= 20
FUZZ_TARGETS	?= config signame duration remap rewrite procstat descendants \
		  passwd
FUZZ_CFLAGS	= -g -O1 -fsanitize=fuzzer,address,undefined \
		  -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_BINS	= $(addprefix build/fuzz/fuzz_,$(FUZZ_TARGETS))

# Each target links its module and the neighbours it calls, nothing more,
# so that libFuzzer's coverage counts only the code under test.
FUZZ_DEPS_config	= src/config.c src/signame.c src/remap.c \
			  src/rewrite.c src/duration.c src/env.c src/fmt.c \
			  src/table.c src/policy.c src/passwd.c
FUZZ_DEPS_signame	= src/signame.c src/fmt.c
FUZZ_DEPS_duration	= src/duration.c src/fmt.c
FUZZ_DEPS_remap		= src/remap.c src/fmt.c src/table.c
FUZZ_DEPS_rewrite	= src/rewrite.c src/signame.c src/fmt.c \
			  src/table.c src/policy.c
FUZZ_DEPS_procstat	= src/procscan.c
FUZZ_DEPS_descendants	= src/procscan.c
FUZZ_DEPS_passwd	= src/passwd.c src/fmt.c

APT_PACKAGES	+= clang libclang-rt-14-dev
CHECK_TARGETS	+= check-fuzz

build/fuzz:
	mkdir -p $@

# Second expansion (enabled in the Makefile) names each target's modules.
# The compiler is in a stamp (Makefile), the flags in this file and the
# Makefile: a change to any of them rebuilds the targets.
$(call stamp,build/fuzz-cc.cmd,$(FUZZ_CC))
build/fuzz-cc.cmd: ;
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $$(FUZZ_DEPS_$$*) \
		$(HDR) Makefile mk/fuzz.mk build/fuzz-cc.cmd | build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(WARN) $(DEFS) -Isrc -Itests/fuzz \
		-o $@ $< $(FUZZ_DEPS_$*)

fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/fuzz/run.sh $(FUZZ_BINS)

check-fuzz: $(FUZZ_BINS)
	@FUZZ_SECONDS=$(FUZZ_CHECK_SECONDS) bash tests/fuzz/run.sh $(FUZZ_BINS)

.PHONY: fuzz fuzz-build check-fuzz

# Line and branch coverage of the modules by the corpora (seeds and what
# the last `make fuzz` found), with llvm-cov: a report, not a test.
fuzz-coverage:
	@sh scripts/install-deps.sh clang libclang-rt-14-dev llvm
	@bash tests/fuzz/coverage.sh $(FUZZ_TARGETS)

.PHONY: fuzz-coverage
