# make check-build (tests/build/fresh-machine.sh): a new user's first
# build, simulated in a copy of the tree: with musl-gcc hidden from PATH,
# `make` builds static glibc and says so in one line; with musl-gcc back it
# rebuilds the musl binary; `make demo` installs musl-tools when it is
# missing (apt-get replaced by a stand-in: no network); and build/init-lite
# under test is the musl one. As root (the demo); about a minute.
APT_PACKAGES	+= musl-tools gcc binutils util-linux procps
CHECK_TARGETS	+= check-build

check-build: build/init-lite
	@MAKE='$(MAKE)' INIT_LITE=$(CURDIR)/build/init-lite timeout 900 \
		bash tests/build/fresh-machine.sh

.PHONY: check-build
