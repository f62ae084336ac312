# init-lite: a tiny, static PID 1 for containers.
# `make` builds build/init-lite; `make check` installs what the tests need
# (Debian packages, only when missing) and runs every test.
# Areas beyond the core (containers, bench, fuzz, lint, packaging) live in
# mk/*.mk; each appends its test target to CHECK_TARGETS and its Debian
# packages to APT_PACKAGES.

VERSION	= 0.1.0
PREFIX	?= /usr/local
DESTDIR	?=

GIT_COMMIT := $(shell git rev-parse --short=7 HEAD 2>/dev/null)
ifeq ($(GIT_COMMIT),)
GIT_COMMIT = unknown
endif

# The shipped binary: musl when musl-gcc is there (size), else static glibc.
# Hardening claimed is only what the binary has (checked in tests):
# - _FORTIFY_SOURCE does nothing with musl, so it is only set for glibc;
# - RELRO: musl's static start-up never applies PT_GNU_RELRO (the page stays
#   rw-p in /proc/PID/maps), so the musl build carries no RELRO header
#   (it would be a false claim that costs up to 4 KiB of padding); glibc's
#   static start-up does apply it, so the glibc build has -z relro -z now;
# - static-pie with musl-gcc gives a dynamic binary on Debian: no PIE.
ifneq ($(shell command -v musl-gcc 2>/dev/null),)
TARGET_CC	?= musl-gcc
TARGET_HARDEN	= -Wl,-z,norelro
else
TARGET_CC	?= $(CC)
TARGET_HARDEN	= -D_FORTIFY_SOURCE=2 -Wl,-z,relro,-z,now
endif

WARN	= -Wall -Wextra -Werror
DEFS	= -D_GNU_SOURCE -DINIT_LITE_VERSION='"$(VERSION)"' \
	  -DINIT_LITE_COMMIT='"$(GIT_COMMIT)"'
# Appended to the user's CFLAGS, never replacing them (samurai's habit).
# Size: -flto lets gc-sections and inlining work across modules (-1 KiB);
# init-lite has no floating point, so no SSE register spills either.
REL_CFLAGS = -Os -flto -ffunction-sections -fdata-sections -fno-pie \
	  -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-ident \
	  -fno-jump-tables -mgeneral-regs-only \
	  -fstack-protector-strong -ffile-prefix-map=$(CURDIR)=.
# common-page-size=64: ld otherwise pads the file to a 4 KiB boundary
# before the data segment (DATA_SEGMENT_ALIGN's page-saving variant,
# chosen because of the large .bss), up to 4 KiB of zeros in a 20 KiB file.
REL_LDFLAGS = -static -no-pie -s -Wl,--gc-sections -Wl,-z,noexecstack \
	  -Wl,-z,noseparate-code -Wl,-z,common-page-size=64 \
	  -Wl,--build-id=none

SRC	= $(wildcard src/*.c)
HDR	= $(wildcard src/*.h)

all: build/init-lite

# The commit is compiled in (--version): rebuild when it changes. The stamp
# is rewritten only when its content differs, so make sees no change else.
build/commit: FORCE | build
	@echo '$(GIT_COMMIT)' | cmp -s - $@ || echo '$(GIT_COMMIT)' > $@
FORCE:

build/init-lite: $(SRC) $(HDR) Makefile build/commit | build
	$(TARGET_CC) $(WARN) $(DEFS) $(REL_CFLAGS) $(CFLAGS) \
		$(SRC) -o $@ $(REL_LDFLAGS) $(TARGET_HARDEN) $(LDFLAGS)

build build/unit build-asan build-asan/unit:
	mkdir -p $@

# ---- tests -----------------------------------------------------------------
APT_PACKAGES	= musl-tools libcmocka-dev util-linux procps bsdextrautils
CHECK_TARGETS	= check-unit check-integration

# Unit tests: tests/unit/test_X.c links against src/X.c and, where a module
# needs a neighbour, the files named in UNIT_DEPS_X.
UNIT_TESTS	= $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_CFLAGS	= -g -O1 $(WARN) $(DEFS) -Isrc
UNIT_DEPS_config = src/signame.c src/remap.c src/rewrite.c src/duration.c \
	src/env.c src/fmt.c src/table.c src/policy.c
UNIT_DEPS_signame = src/fmt.c src/policy.c
UNIT_DEPS_remap = src/fmt.c src/table.c
UNIT_DEPS_rewrite = src/signame.c src/fmt.c src/table.c src/policy.c
UNIT_DEPS_duration = src/fmt.c
UNIT_DEPS_errtext = src/fmt.c
UNIT_DEPS_env = src/fmt.c
UNIT_DEPS_fmt = src/table.c
UNIT_DEPS_sigmask = src/signame.c src/fmt.c src/policy.c src/sigdisp.c

# $$ below needs second expansion to name the module's source.
.SECONDEXPANSION:
build/unit/%: tests/unit/%.c src/$$(subst test_,,%).c $(HDR) | build/unit
	$(CC) $(UNIT_CFLAGS) $(CFLAGS) -o $@ $< src/$(subst test_,,$*).c \
		$(UNIT_DEPS_$(subst test_,,$*)) -lcmocka

build-asan/unit/%: tests/unit/%.c src/$$(subst test_,,%).c $(HDR) | build-asan/unit
	$(CC) $(UNIT_CFLAGS) $(ASAN_FLAGS) -o $@ $< src/$(subst test_,,$*).c \
		$(UNIT_DEPS_$(subst test_,,$*)) -lcmocka

check: check-deps
	$(MAKE) all
	@# -k: every suite runs and reports, even after one has failed.
	@$(MAKE) -k --no-print-directory $(CHECK_TARGETS)

check-deps:
	@sh tests/install-deps.sh $(APT_PACKAGES)

check-unit: $(addprefix build/unit/,$(UNIT_TESTS))
	@sh tests/run-unit.sh $^

check-integration: build/init-lite
	@INIT_LITE=$(CURDIR)/build/init-lite bash tests/integration/run.sh

# Sanitizer build: dynamic glibc (sanitizers cannot be static), same tests.
ASAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
ASAN_LOGS  = $(CURDIR)/build-asan/logs

build-asan/init-lite: $(SRC) $(HDR) Makefile build/commit | build-asan
	$(CC) -g -O1 $(WARN) $(DEFS) $(ASAN_FLAGS) $(CFLAGS) $(SRC) -o $@

check-asan: check-deps build-asan/init-lite $(addprefix build-asan/unit/,$(UNIT_TESTS))
	@rm -rf $(ASAN_LOGS) && mkdir -p $(ASAN_LOGS)
	@sh tests/run-unit.sh $(addprefix build-asan/unit/,$(UNIT_TESTS))
	@ASAN_OPTIONS=log_path=$(ASAN_LOGS)/asan:detect_leaks=1 \
	 UBSAN_OPTIONS=log_path=$(ASAN_LOGS)/ubsan:print_stacktrace=1 \
	 INIT_LITE=$(CURDIR)/build-asan/init-lite bash tests/integration/run.sh
	@sh tests/check-sanitizer-logs.sh $(ASAN_LOGS)

demo: build/init-lite
	@sh tests/demo.sh $(CURDIR)/build/init-lite

clean:
	rm -rf build build-asan

include $(sort $(wildcard mk/*.mk))

print-apt-packages:
	@echo $(sort $(APT_PACKAGES))

.PHONY: FORCE print-apt-packages all check check-deps check-unit check-integration check-asan clean demo
