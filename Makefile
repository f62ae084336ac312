# init-lite: a tiny, static PID 1 for containers.
# `make` builds build/init-lite; `make demo` installs musl-tools when missing
# (scripts/install-deps.sh), builds and shows it as PID 1; `make check`
# installs what the tests need (Debian packages, only when missing) and runs
# every test.
# Areas beyond the core (containers, bench, fuzz, lint, packaging) live in
# mk/*.mk; each appends its test target to CHECK_TARGETS and its Debian
# packages to APT_PACKAGES.

VERSION	= 0.2.0
PREFIX	?= /usr/local
DESTDIR	?=

GIT_COMMIT := $(shell git rev-parse --short=7 HEAD 2>/dev/null)
ifeq ($(GIT_COMMIT),)
GIT_COMMIT = unknown
endif

# The shipped binary: musl when musl-gcc is there (size), else static glibc,
# said in one line on stderr when it is built (see build/init-lite).
MUSL_GCC	:= $(shell command -v musl-gcc 2>/dev/null)
ifneq ($(MUSL_GCC),)
TARGET_CC	?= musl-gcc
else
TARGET_CC	?= $(CC)
endif

# Hardening claimed is only what the binary has (checked in tests); it
# follows the libc of the compiler, musl when its name says so:
# - _FORTIFY_SOURCE does nothing with musl, so it is only set for glibc;
# - RELRO: musl's static start-up never applies PT_GNU_RELRO (the page stays
#   rw-p in /proc/PID/maps), so a musl build carries no RELRO header
#   (it would be a false claim that costs up to 4 KiB of padding); glibc's
#   static start-up does apply it, so a glibc build has -z relro -z now;
# - static-pie with musl-gcc gives a dynamic binary on Debian: no PIE.
MUSL_HARDEN	= -Wl,-z,norelro
GLIBC_HARDEN	= -D_FORTIFY_SOURCE=2 -Wl,-z,relro,-z,now
libc_of		= $(if $(findstring musl,$(notdir $(firstword $(1)))),musl,glibc)
harden_for	= $(if $(filter musl,$(call libc_of,$(1))),$(MUSL_HARDEN),$(GLIBC_HARDEN))
TARGET_LIBC	= $(call libc_of,$(TARGET_CC))

WARN	= -Wall -Wextra -Werror
DEFS	= -D_GNU_SOURCE -DINIT_LITE_VERSION='"$(VERSION)"' \
	  -DINIT_LITE_COMMIT='"$(GIT_COMMIT)"'
# Appended to the user's CFLAGS, never replacing them (samurai's habit).
# Size: -flto lets gc-sections and inlining work across modules (-1 KiB);
# init-lite has no floating point, so no SSE register spills either.
# -Oz (gcc 12+, clang) over -Os: -350 bytes, and `init-lite true` runs
# fewer instructions, not more (callgrind; nothing in the loop is hot).
REL_CFLAGS = -Oz -flto -ffunction-sections -fdata-sections -fno-pie \
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

# The release compile line, the only one:
#   $(call release_cmd,CC,OUT,EXTRA_CFLAGS,EXTRA_LDFLAGS,DROP)
# compiles every source with CC into OUT, static and stripped, with the
# hardening of CC's libc; the extra flags come last, so they win (the
# native build passes the user's CFLAGS and LDFLAGS). DROP: flags left
# out of the line, e.g. -s for the hardening build (mk/hardening.mk), or
# -mgeneral-regs-only for a target whose gcc lacks it. Packaging and cross
# builds call it through release_binary.
release_cmd = $(filter-out $(5),$(1) $(WARN) $(DEFS) $(REL_CFLAGS) $(3) \
	$(SRC) -o $(2) $(REL_LDFLAGS) $(call harden_for,$(1)) $(4))

# $(call stamp,FILE,TEXT): makes FILE hold TEXT (whitespace collapsed), while
# the Makefile is read; FILE is rewritten only when its content differs, so
# its mtime moves with its content only, and a target that lists FILE is
# rebuilt exactly when TEXT changed (make -n included). TEXT can hold
# anything a compile line holds (quotes, commas, dollars expanded). What is
# read back goes through strip too: GNU make 4.3's $(file <) left the final
# newline of a 764-byte stamp in place (a 725-byte one lost it), and every
# make rebuilt the binary (check-build's up_to_date caught it).
same_text = $(if $(subst x$(1),,x$(2))$(subst x$(2),,x$(1)),,yes)
stamp = $(if $(call same_text,$(strip $(file <$(1))),$(strip $(2))),,$(shell \
	mkdir -p $(dir $(1)))$(file >$(1),$(strip $(2))))

# $(eval $(call release_binary,OUT,CC,EXTRA_CFLAGS,EXTRA_LDFLAGS,DROP)) defines
# the rule of a release binary OUT built by release_cmd, rebuilt when a
# source or its compile line changes: OUT.cmd holds the whole line (compiler,
# flags, commit), so a switch from glibc to musl (musl-tools installed), a
# new CFLAGS, CC or commit rebuilds OUT, and nothing else does. Arguments
# are expanded at the call: define the variables they use before it.
# For example, a cross build:
#   $(eval $(call release_binary,build/arm64/init-lite,aarch64-linux-gnu-gcc))
define release_binary
RELEASE_CMD.$(1) = $$(call release_cmd,$(2),$(1),$(3),$(4),$(5))
$$(call stamp,$(1).cmd,$$(RELEASE_CMD.$(1)))
$(1): $$(SRC) $$(HDR) $(1).cmd
	$$(RELEASE_CMD.$(1))
$(1).cmd: ;
endef

# A deleted half-written target is better than a broken one kept as new.
.DELETE_ON_ERROR:

all: build/init-lite

# The commit is compiled in (--version): what is built with DEFS and is not
# a release binary (whose stamp holds DEFS) lists build/commit.
$(call stamp,build/commit,$(GIT_COMMIT))
build/commit: ;

$(eval $(call release_binary,build/init-lite,$(TARGET_CC),$(CFLAGS),$(LDFLAGS)))

# Without musl-gcc: one line on stderr whenever make looks at the binary
# (`make check` and `make demo` install musl-tools first, so never there).
MUSL_NOTICE = init-lite: musl-gcc not found: building a static glibc binary \
(about 700 KiB) instead of the 20 KiB musl one; to get it: apt-get install \
musl-tools (make demo does), then make
ifeq ($(MUSL_GCC)$(TARGET_LIBC),glibc)
build/init-lite: | musl-notice
endif
musl-notice:
	@echo '$(MUSL_NOTICE)' >&2

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
	src/env.c src/fmt.c src/table.c src/policy.c src/passwd.c
UNIT_DEPS_passwd = src/fmt.c
UNIT_DEPS_signame = src/fmt.c src/policy.c
UNIT_DEPS_remap = src/fmt.c src/table.c
UNIT_DEPS_rewrite = src/signame.c src/fmt.c src/table.c src/policy.c
UNIT_DEPS_duration = src/fmt.c
UNIT_DEPS_errtext = src/fmt.c
UNIT_DEPS_env = src/fmt.c
UNIT_DEPS_fmt = src/table.c
UNIT_DEPS_sigmask = src/signame.c src/fmt.c src/policy.c src/sigdisp.c src/sys.c

# What a unit test links besides its test file: its module and the .c files
# of UNIT_DEPS_X (the rest of UNIT_DEPS_X are linker flags); all of them,
# with the headers and the flags, are its prerequisites.
unit_mod	= $(subst test_,,$(1))
unit_srcs	= src/$(call unit_mod,$(1)).c $(filter %.c,$(UNIT_DEPS_$(call unit_mod,$(1))))
unit_link	= src/$(call unit_mod,$(1)).c $(UNIT_DEPS_$(call unit_mod,$(1)))
UNIT_PREREQS	= $$(call unit_srcs,$$*) $(HDR) Makefile mk/unit.mk build/host-cc.cmd

# The host compiler and the user's CFLAGS (tests, sanitizer and valgrind
# builds): they are rebuilt when those change, as the release binary is.
$(call stamp,build/host-cc.cmd,$(CC) $(CFLAGS))
build/host-cc.cmd: ;

# $$ below needs second expansion to name the modules from the stem.
.SECONDEXPANSION:
build/unit/%: tests/unit/%.c $(UNIT_PREREQS) | build/unit
	$(CC) $(UNIT_CFLAGS) $(CFLAGS) -o $@ $< $(call unit_link,$*) -lcmocka

build-asan/unit/%: tests/unit/%.c $(UNIT_PREREQS) | build-asan/unit
	$(CC) $(UNIT_CFLAGS) $(ASAN_FLAGS) $(CFLAGS) -o $@ $< \
		$(call unit_link,$*) -lcmocka

check: check-deps
	$(MAKE) all
	@# -k: every suite runs and reports, even after one has failed.
	@$(MAKE) -k --no-print-directory $(CHECK_TARGETS)

check-deps:
	@sh scripts/install-deps.sh $(APT_PACKAGES)

check-unit: $(addprefix build/unit/,$(UNIT_TESTS))
	@sh tests/run-unit.sh $^

check-integration: build/init-lite
	@INIT_LITE=$(CURDIR)/build/init-lite bash tests/integration/run.sh

# Sanitizer build: dynamic glibc (sanitizers cannot be static), same tests.
ASAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
ASAN_LOGS  = $(CURDIR)/build-asan/logs

build-asan/init-lite: $(SRC) $(HDR) Makefile build/commit build/host-cc.cmd \
		| build-asan
	$(CC) -g -O1 $(WARN) $(DEFS) $(ASAN_FLAGS) $(CFLAGS) $(SRC) -o $@

check-asan: check-deps build-asan/init-lite $(addprefix build-asan/unit/,$(UNIT_TESTS))
	@rm -rf $(ASAN_LOGS) && mkdir -p $(ASAN_LOGS)
	@sh tests/run-unit.sh $(addprefix build-asan/unit/,$(UNIT_TESTS))
	@ASAN_OPTIONS=log_path=$(ASAN_LOGS)/asan:detect_leaks=1 \
	 UBSAN_OPTIONS=log_path=$(ASAN_LOGS)/ubsan:print_stacktrace=1 \
	 INIT_LITE=$(CURDIR)/build-asan/init-lite bash tests/integration/run.sh
	@sh tests/check-sanitizer-logs.sh $(ASAN_LOGS)

# A new user's first command: the shipped binary (musl-gcc comes with
# musl-tools, installed when missing as check-deps does), then the demo.
# The sub-make looks for musl-gcc again, after the installation.
DEMO_APT_PACKAGES = musl-tools util-linux procps
demo:
	@sh scripts/install-deps.sh $(DEMO_APT_PACKAGES)
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(CURDIR)/build/init-lite

clean:
	rm -rf build build-asan

include $(sort $(wildcard mk/*.mk))

print-apt-packages:
	@echo $(sort $(APT_PACKAGES))

.PHONY: musl-notice print-apt-packages all check check-deps check-unit check-integration check-asan clean demo
