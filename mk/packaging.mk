# Packaging: man page, install/uninstall, release tarball and binaries, and
# `make check-packaging` which tests all of it.
#
#   make install [PREFIX=/usr/local] [DESTDIR=] [ARCH=armhf]
#   make uninstall [PREFIX=/usr/local] [DESTDIR=]
#   make arm64              static aarch64 binary: build/arm64/init-lite
#   make ARCH=arm64         the same, in addition to build/init-lite; with
#                           install, installs that binary (any architecture
#                           of CROSS_ARCHES, mk/cross.mk)
#   make dist               dist/: source tarball, a static musl binary per
#                           architecture (init-lite-amd64, init-lite-arm64,
#                           ... as tini names its own), SHA256SUMS
#   make check-packaging    the tests (tests/packaging/run.sh): man page
#                           lint, --help vs man page, install/uninstall,
#                           reproducibility, dist, Kubernetes YAML
#
# Every binary but amd64 is a cross build of mk/cross.mk: Debian's cross
# compiler with Debian's musl for that architecture; check-cross runs them
# under qemu.

BINDIR		?= $(PREFIX)/bin
MANDIR		?= $(PREFIX)/share/man
MANPAGE		= init-lite.1
ARCH		?=

ARM64_BIN	= build/arm64/init-lite
ARCH_NAME	= $(patsubst aarch64,arm64,$(ARCH))

ifneq ($(filter $(CROSS_ARCHES),$(ARCH_NAME)),)
INSTALL_BIN	= build/$(ARCH_NAME)/init-lite
all: $(INSTALL_BIN)
else
INSTALL_BIN	= build/init-lite
# An unknown ARCH on the command line is an error; one inherited from the
# environment (other build systems use the name) is ignored.
ifneq ($(filter-out amd64 x86_64 x86,$(ARCH)),)
ifeq ($(origin ARCH),command line)
$(error ARCH=$(ARCH): one of $(CROSS_ARCHES) (cross build) or empty, amd64, x86_64 (native))
endif
endif
endif

arm64: $(ARM64_BIN)

# ---- install ---------------------------------------------------------------
install: $(INSTALL_BIN) $(MANPAGE)
	install -d -m 0755 '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1'
	install -m 0755 $(INSTALL_BIN) '$(DESTDIR)$(BINDIR)/init-lite'
	install -m 0644 $(MANPAGE) '$(DESTDIR)$(MANDIR)/man1/init-lite.1'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/init-lite' '$(DESTDIR)$(MANDIR)/man1/init-lite.1'

# ---- release ---------------------------------------------------------------
# dist/init-lite-X.Y.Z.tar.gz is `git archive` of HEAD (so it holds exactly
# the committed sources; gzip -n keeps it reproducible), next to one static
# binary per architecture, named as tini names its own (init-lite-amd64,
# init-lite-arm64, ...: a Dockerfile picks one by $TARGETARCH), and a
# SHA256SUMS file covering all of them. DISTDIR may point elsewhere (the
# tests use a temporary directory).
DISTDIR		?= dist
DIST_NAME	= init-lite-$(VERSION)
DIST_ARCHES	= amd64 $(CROSS_ARCHES)
dist_bin	= $(if $(filter amd64,$(1)),build/init-lite,build/$(1)/init-lite)

dist: $(foreach a,$(DIST_ARCHES),$(call dist_bin,$(a)))
	@[ "$$(uname -m)" = x86_64 ] || \
		{ echo 'dist: the amd64 binary is the native build: run it on x86-64' >&2; exit 1; }
	@git rev-parse -q --verify HEAD >/dev/null || \
		{ echo 'dist: no commit yet: git archive needs HEAD' >&2; exit 1; }
	@git diff --quiet HEAD -- 2>/dev/null || \
		echo 'dist: warning: the working tree differs from HEAD; the tarball has HEAD, the binaries the working tree' >&2
	mkdir -p '$(DISTDIR)'
	git archive --format=tar --prefix=$(DIST_NAME)/ HEAD | gzip -n -9 \
		> '$(DISTDIR)/$(DIST_NAME).tar.gz'
	$(foreach a,$(DIST_ARCHES),cp $(call dist_bin,$(a)) '$(DISTDIR)/init-lite-$(a)' &&) :
	cd '$(DISTDIR)' && sha256sum $(DIST_NAME).tar.gz \
		$(addprefix init-lite-,$(DIST_ARCHES)) > SHA256SUMS
	@cat '$(DISTDIR)/SHA256SUMS'

# ---- tests -----------------------------------------------------------------
APT_PACKAGES	+= mandoc python3-yaml git
CHECK_TARGETS	+= check-packaging

check-packaging: build/init-lite $(ARM64_BIN)
	@MAKE='$(MAKE)' INIT_LITE='$(CURDIR)/build/init-lite' \
	 bash tests/packaging/run.sh

clean: clean-packaging
clean-packaging:
	rm -rf dist

.PHONY: arm64 install uninstall dist check-packaging clean-packaging
