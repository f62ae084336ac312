# Cross builds (issue 11): init-lite as a static musl binary for every
# architecture tini ships, from Debian's cross compilers and Debian's own
# musl-dev of that architecture, fetched and unpacked under build/cross/
# without `dpkg --add-architecture` (scripts/cross-sysroot.sh), and tested
# under qemu-user (tests/cross/).
#
#   make cross ARCH=armhf   build/armhf/init-lite (any of CROSS_ARCHES)
#   make cross-all          every one of CROSS_ARCHES
#   make dist               dist/init-lite-ARCH for amd64 and CROSS_ARCHES
#                           (mk/packaging.mk)
#   make check-cross        each binary under qemu-ARCH-static: its own
#                           checks, the porting traps, the integration suite
#                           (tests/cross/run.sh; CROSS_TEST_ARCHES to choose)
#   make arch-sizes         the size table of docs/architectures.md, with
#                           tini-static's size for each architecture
#
# amd64 is the native build/init-lite (musl-gcc of musl-tools). The musl of
# every other architecture is Debian 12's musl-dev, pinned to
# MUSL_DEB_VERSION so that a release can be rebuilt bit for bit; its
# musl-gcc.specs names /usr/lib/TRIPLET paths, so build/cross/ARCH/musl-gcc
# is a wrapper, like Debian's own TRIPLET-gcc, around a rewritten copy that
# names the unpacked tree instead.

CROSS_ARCHES	= arm64 armhf armel i386 ppc64el s390x mips64el
MUSL_DEB_VERSION ?= 1.2.3-1

# Debian architecture -> GNU triplet of the cross compiler (Debian package
# gcc-TRIPLET), musl's triplet (the directory in musl-dev), qemu-user name.
cross_gnu.arm64		= aarch64-linux-gnu
cross_gnu.armhf		= arm-linux-gnueabihf
cross_gnu.armel		= arm-linux-gnueabi
cross_gnu.i386		= i686-linux-gnu
cross_gnu.ppc64el	= powerpc64le-linux-gnu
cross_gnu.s390x		= s390x-linux-gnu
cross_gnu.mips64el	= mips64el-linux-gnuabi64
cross_musl.arm64	= aarch64-linux-musl
cross_musl.armhf	= arm-linux-musleabihf
cross_musl.armel	= arm-linux-musleabi
cross_musl.i386		= i386-linux-musl
cross_musl.ppc64el	= powerpc64le-linux-musl
cross_musl.s390x	= s390x-linux-musl
cross_musl.mips64el	= mips64el-linux-musl
cross_qemu.arm64	= aarch64
cross_qemu.armhf	= arm
cross_qemu.armel	= arm
cross_qemu.i386		= i386
cross_qemu.ppc64el	= ppc64le
cross_qemu.s390x	= s390x
cross_qemu.mips64el	= mips64el
# Release flags the target's gcc does not know (x86 and ARM only).
cross_drop.ppc64el	= -mgeneral-regs-only
cross_drop.s390x	= -mgeneral-regs-only
cross_drop.mips64el	= -mgeneral-regs-only
# Flags of the target alone. mips64el: every address of a static program
# fits in 32 bits once it is linked low (0x10000000, n32's base, instead of
# n64's 0x120000000), and -msym32 loads each from the GOT or builds it in 2
# instructions instead of 6 (35,520 -> 32,512 bytes). The two go together:
# -msym32 linked at the default base builds wrong addresses (SIGSEGV at
# start), which every qemu test of check-cross would show. -Xlinker, not
# -Wl,: a comma would split the argument of $(call release_binary).
cross_flags.mips64el	= -msym32 -Xlinker -Ttext-segment=0x10000000 $(cross_mem)
# Where musl's memcpy and memset are its generic C ones, init-lite's byte
# loops stand in for them (src/libc/mem.c): 1,424 bytes less on mips64el,
# 1,536 on ppc64el. amd64 and i386 keep musl's small assembly ones.
cross_mem		= src/libc/mem.c
cross_flags.ppc64el	= $(cross_mem)

# CROSS_CFLAGS and CROSS_LDFLAGS are for the cross builds what CFLAGS and
# LDFLAGS are for the native one (the user's CFLAGS may name x86 options).
CROSS_CFLAGS	?=
CROSS_LDFLAGS	?=

cross_cc	= build/cross/$(1)/musl-gcc
cross_bin	= build/$(1)/init-lite

# The unpacked musl-dev, fetched once (the wrapper's rule below checks its
# version and has it fetched again when MUSL_DEB_VERSION changes).
build/cross/%/root/.debs: | scripts/cross-sysroot.sh
	@command -v $(cross_gnu.$*)-gcc >/dev/null || { echo \
	  "cross: $(cross_gnu.$*)-gcc not found: apt-get install gcc-$(cross_gnu.$*) (or make check-deps)" >&2; \
	  exit 1; }
	sh scripts/cross-sysroot.sh $* build/cross/$* musl-dev=$(MUSL_DEB_VERSION)

# The wrapper: Debian's TRIPLET-gcc with the specs of the unpacked tree.
# Its name says musl, so release_cmd gives the binary musl's hardening.
# Debian's specs start every program with the PIE start files (Scrt1.o,
# crtbeginS.o, crtendS.o); a -static link gets the plain ones, as gcc's own
# specs give a static non-PIE program (272 bytes less on ppc64el).
build/cross/%/musl-gcc: build/cross/%/root/.debs mk/cross.mk
	@grep -qx 'musl-dev $(MUSL_DEB_VERSION)' $< || { rm -f $<; echo \
	  "cross: $* has another musl-dev than $(MUSL_DEB_VERSION): run make again" >&2; \
	  exit 1; }
	sed -e 's#/usr/\(lib\|include\)/$(cross_musl.$*)#$(CURDIR)/build/cross/$*/root/usr/\1/$(cross_musl.$*)#g' \
		-e 's#\([^ ]*\)/Scrt1\.o#%{static:\1/crt1.o} %{!static:\1/Scrt1.o}#' \
		-e 's#crt\(begin\|end\)S\.o%s#%{static:crt\1.o%s} %{!static:crt\1S.o%s}#' \
		build/cross/$*/root/usr/lib/$(cross_musl.$*)/musl-gcc.specs \
		>build/cross/$*/musl-gcc.specs
	printf '#!/bin/sh\nexec %s "$$@" -specs "%s"\n' '$(cross_gnu.$*)-gcc' \
		'$(CURDIR)/build/cross/$*/musl-gcc.specs' >$@.new
	chmod 0755 $@.new
	mv $@.new $@

# Kept when make would see them as intermediate files.
.PRECIOUS: build/cross/%/root/.debs build/cross/%/musl-gcc

# Each binary: the one release compile line (release_binary, Makefile) with
# the target's wrapper and flags, less the flags its gcc lacks; rebuilt when
# the wrapper is.
define cross_rules
$(call release_binary,$(call cross_bin,$(1)),$(call cross_cc,$(1)),$(cross_flags.$(1)) $$(CROSS_CFLAGS),$$(CROSS_LDFLAGS),$(cross_drop.$(1)))
$(call cross_bin,$(1)): $(call cross_cc,$(1)) $(filter %.c,$(cross_flags.$(1))) | build/$(1)
build/$(1):
	mkdir -p $$@

# A small static program of the target's own, run under qemu by the tests.
build/$(1)/target-helper: tests/helpers/target.c $(call cross_cc,$(1)) | build/$(1)
	$(call cross_cc,$(1)) $$(WARN) -Os -static -o $$@ $$<
endef
$(foreach a,$(CROSS_ARCHES),$(eval $(call cross_rules,$(a))))

cross_arch	= $(patsubst aarch64,arm64,$(ARCH))
cross:
	@case ' $(CROSS_ARCHES) ' in *' $(cross_arch) '*) ;; *) echo \
	  "cross: ARCH=$(ARCH): one of $(CROSS_ARCHES), please" >&2; exit 2;; esac
	@$(MAKE) --no-print-directory $(call cross_bin,$(cross_arch))

cross-all: $(foreach a,$(CROSS_ARCHES),$(call cross_bin,$(a)))

# ---- tests -----------------------------------------------------------------
CROSS_TEST_ARCHES ?= $(CROSS_ARCHES)
APT_PACKAGES	+= $(foreach a,$(CROSS_ARCHES),gcc-$(cross_gnu.$(a))) \
		   qemu-user-static binutils file strace python3 util-linux coreutils
CHECK_TARGETS	+= check-cross

check-cross: build/init-lite \
		$(foreach a,$(CROSS_TEST_ARCHES),$(call cross_bin,$(a)) \
		build/$(a)/target-helper)
	@INIT_LITE='$(CURDIR)/build/init-lite' CROSS_ROOT='$(CURDIR)/build' \
	 timeout 2400 bash tests/cross/run.sh $(CROSS_TEST_ARCHES)

# ---- sizes -----------------------------------------------------------------
# tini-static of each architecture, unpacked the same private way.
build/cross/%/tini/root/.debs: | scripts/cross-sysroot.sh
	sh scripts/cross-sysroot.sh $* build/cross/$*/tini tini

arch-sizes: build/init-lite cross-all \
		$(foreach a,amd64 $(CROSS_ARCHES),build/cross/$(a)/tini/root/.debs)
	@sh scripts/arch-sizes.sh amd64 $(CROSS_ARCHES)

clean: clean-cross
clean-cross:
	rm -rf build/cross $(foreach a,$(CROSS_ARCHES),build/$(a))

.PHONY: cross cross-all check-cross arch-sizes clean-cross
