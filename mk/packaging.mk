# Packaging: man page, install/uninstall, arm64 cross build, release
# tarball, and `make check-packaging` which tests all of it.
#
#   make install [PREFIX=/usr/local] [DESTDIR=] [ARCH=arm64]
#   make uninstall [PREFIX=/usr/local] [DESTDIR=]
#   make arm64              static aarch64 binary: build/arm64/init-lite
#   make ARCH=arm64         the same, in addition to build/init-lite; with
#                           install, installs the arm64 binary
#   make dist               dist/: source tarball, both binaries, SHA256SUMS
#   make check-packaging    the tests (tests/packaging/run.sh): man page
#                           lint, --help vs man page, install/uninstall,
#                           reproducibility, arm64 under qemu (own checks and
#                           the integration suite), dist, Kubernetes YAML
#
# The arm64 binary is built with Debian's cross compiler
# (gcc-aarch64-linux-gnu) against glibc, for now (static glibc with
# _FORTIFY_SOURCE and RELRO; musl cross builds are to come). ARM64_CC, ARM64_CFLAGS and
# ARM64_LDFLAGS are for the cross build what CC, CFLAGS and LDFLAGS are for
# the native one (the user's CFLAGS may name x86 options, so they are not
# passed to the cross compiler).

BINDIR		?= $(PREFIX)/bin
MANDIR		?= $(PREFIX)/share/man
MANPAGE		= init-lite.1
ARCH		?=

ARM64_CC	?= aarch64-linux-gnu-gcc
# glibc: release_cmd (Makefile) gives it _FORTIFY_SOURCE and RELRO.
ARM64_CFLAGS	?=
ARM64_LDFLAGS	?=
ARM64_BIN	= build/arm64/init-lite
ARM64_HELPER	= build/arm64/packaging-helper

ifneq ($(filter arm64 aarch64,$(ARCH)),)
INSTALL_BIN	= $(ARM64_BIN)
all: $(ARM64_BIN)
else
INSTALL_BIN	= build/init-lite
# An unknown ARCH on the command line is an error; one inherited from the
# environment (other build systems use the name) is ignored.
ifneq ($(filter-out amd64 x86_64 x86,$(ARCH)),)
ifeq ($(origin ARCH),command line)
$(error ARCH=$(ARCH): only arm64 (cross build) or empty, amd64, x86_64 (native) are known)
endif
endif
endif

arm64: $(ARM64_BIN)

build/arm64:
	mkdir -p $@

# The release compile line with the cross compiler (release_binary in the
# Makefile); its stamp build/arm64/init-lite.cmd holds the commit, so a new
# commit or other ARM64_* flags rebuild it.
$(eval $(call release_binary,$(ARM64_BIN),$(ARM64_CC),$(ARM64_CFLAGS),$(ARM64_LDFLAGS)))
$(ARM64_BIN): | build/arm64

# A tiny static aarch64 program that init-lite runs under qemu in the tests.
$(ARM64_HELPER): tests/helpers/app.c Makefile mk/packaging.mk | build/arm64
	$(ARM64_CC) $(WARN) -O2 -static -o $@ $<

# ---- install ---------------------------------------------------------------
install: $(INSTALL_BIN) $(MANPAGE)
	install -d -m 0755 '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1'
	install -m 0755 $(INSTALL_BIN) '$(DESTDIR)$(BINDIR)/init-lite'
	install -m 0644 $(MANPAGE) '$(DESTDIR)$(MANDIR)/man1/init-lite.1'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/init-lite' '$(DESTDIR)$(MANDIR)/man1/init-lite.1'

# ---- release ---------------------------------------------------------------
# dist/init-lite-X.Y.Z.tar.gz is `git archive` of HEAD (so it holds exactly
# the committed sources; gzip -n keeps it reproducible), next to the two
# static binaries and a SHA256SUMS file covering all three. DISTDIR may point
# elsewhere (the tests use a temporary directory).
DISTDIR		?= dist
DIST_NAME	= init-lite-$(VERSION)
NATIVE_ARCH	:= $(shell uname -m | sed -e 's/^x86_64$$/amd64/' -e 's/^aarch64$$/arm64/')

dist: build/init-lite $(ARM64_BIN)
	@git rev-parse -q --verify HEAD >/dev/null || \
		{ echo 'dist: no commit yet: git archive needs HEAD' >&2; exit 1; }
	@git diff --quiet HEAD -- 2>/dev/null || \
		echo 'dist: warning: the working tree differs from HEAD; the tarball has HEAD, the binaries the working tree' >&2
	mkdir -p '$(DISTDIR)'
	git archive --format=tar --prefix=$(DIST_NAME)/ HEAD | gzip -n -9 \
		> '$(DISTDIR)/$(DIST_NAME).tar.gz'
	cp build/init-lite '$(DISTDIR)/$(DIST_NAME)-linux-$(NATIVE_ARCH)'
	cp $(ARM64_BIN) '$(DISTDIR)/$(DIST_NAME)-linux-arm64'
	cd '$(DISTDIR)' && sha256sum $(DIST_NAME).tar.gz \
		$(DIST_NAME)-linux-$(NATIVE_ARCH) $(DIST_NAME)-linux-arm64 > SHA256SUMS
	@cat '$(DISTDIR)/SHA256SUMS'

# ---- tests -----------------------------------------------------------------
APT_PACKAGES	+= mandoc gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
		   qemu-user-static python3-yaml git
CHECK_TARGETS	+= check-packaging

check-packaging: build/init-lite $(ARM64_BIN) $(ARM64_HELPER)
	@MAKE='$(MAKE)' INIT_LITE='$(CURDIR)/build/init-lite' \
	 INIT_LITE_ARM64='$(CURDIR)/$(ARM64_BIN)' \
	 ARM64_HELPER='$(CURDIR)/$(ARM64_HELPER)' \
	 bash tests/packaging/run.sh

clean: clean-packaging
clean-packaging:
	rm -rf dist

.PHONY: arm64 install uninstall dist check-packaging clean-packaging
