#!/bin/bash
# `make dist` into a temporary DISTDIR: the tarball, a binary per
# architecture (init-lite-amd64, init-lite-arm64, ... as tini names its own)
# and SHA256SUMS are there, the sums verify, each binary is the build of its
# architecture (build/init-lite, build/ARCH/init-lite), an ELF of the right
# machine that `file` calls statically linked and that has no PT_INTERP,
# the tarball holds the committed sources under init-lite-VERSION/, a second
# `make dist` gives the same bytes, and the unpacked tarball builds (outside
# git, so its --version says git.unknown).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
MAKE=${MAKE:-make}

if ! git -C "$root" rev-parse -q --verify HEAD >/dev/null 2>&1; then
	echo "dist: SKIP: $root has no commit, git archive has nothing to pack" >&2
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0
ok() { passes=$((passes + 1)); echo "dist: ok: $*"; }
fail() { fails=$((fails + 1)); echo "dist: FAIL: $*" >&2; }

dist() { # DIR
	"$MAKE" -s -C "$root" --no-print-directory dist DISTDIR="$1" >"$tmp/log" 2>&1 ||
		{ fail "make dist failed: $(tail -5 "$tmp/log")"; exit 1; }
}
dist "$tmp/d1"
version=$(sed -n 's/^VERSION[[:space:]]*=[[:space:]]*//p' "$root/Makefile")
name="init-lite-$version"
# Debian architecture -> what `file` says of its machine.
machines='amd64:x86-64
arm64:ARM aarch64
armhf:ARM, EABI5
armel:ARM, EABI5
i386:Intel 80386
ppc64el:64-bit PowerPC
s390x:IBM S/390
mips64el:MIPS, MIPS64'
bins=
while IFS=: read -r a _; do bins="$bins init-lite-$a"; done <<<"$machines"
for f in "$name.tar.gz" $bins SHA256SUMS; do
	if [ -s "$tmp/d1/$f" ]; then ok "$f present"; else fail "$f missing"; fi
done
if (cd "$tmp/d1" && sha256sum --quiet -c SHA256SUMS); then
	ok "SHA256SUMS verifies ($(wc -l <"$tmp/d1/SHA256SUMS") files)"
else
	fail "SHA256SUMS does not verify"
fi
for f in "$name.tar.gz" $bins; do
	grep -q "  $f\$" "$tmp/d1/SHA256SUMS" || fail "SHA256SUMS lacks $f"
done
same() { # FILE ORIGINAL
	if cmp -s "$tmp/d1/$1" "$root/$2"; then ok "$1 is $2"; else fail "$1 is not $2"; fi
}
while IFS=: read -r a machine; do
	f=init-lite-$a
	if [ "$a" = amd64 ]; then same "$f" build/init-lite; else same "$f" "build/$a/init-lite"; fi
	what=$(file -b "$tmp/d1/$f")
	case $what in
	*"$machine"*"statically linked"*) ok "$f: $machine, statically linked" ;;
	*) fail "$f: file says '$what', want $machine, statically linked" ;;
	esac
	if readelf -l "$tmp/d1/$f" | grep -q INTERP; then
		fail "$f has a program interpreter (PT_INTERP)"
	fi
done <<<"$machines"

# The tarball: everything git tracks at HEAD, under one prefix.
tar -tzf "$tmp/d1/$name.tar.gz" | sed -n "s|^$name/||p" | { grep -v -e '/$' -e '^$' || true; } |
	sort >"$tmp/tar.list"
git -C "$root" ls-tree -r --name-only HEAD | sort >"$tmp/git.list"
if diff -q "$tmp/tar.list" "$tmp/git.list" >/dev/null; then
	ok "tarball holds the $(wc -l <"$tmp/git.list") files of HEAD under $name/"
else
	fail "tarball contents differ from HEAD: $(diff "$tmp/tar.list" "$tmp/git.list" | head -5 | tr '\n' ' ')"
fi
if grep -qv "^$name/" <(tar -tzf "$tmp/d1/$name.tar.gz"); then
	fail "tarball has entries outside $name/"
fi

dist "$tmp/d2"
if cmp -s "$tmp/d1/SHA256SUMS" "$tmp/d2/SHA256SUMS"; then
	ok "a second make dist gives the same bytes"
else
	fail "two make dist runs differ"
fi

# Build from the tarball, outside any git checkout.
mkdir "$tmp/unpack"
tar -C "$tmp/unpack" -xzf "$tmp/d1/$name.tar.gz"
if (cd "$tmp/unpack/$name" && env -u MAKEFLAGS -u MFLAGS "$MAKE" -s build/init-lite) \
	>"$tmp/log" 2>&1; then
	v=$("$tmp/unpack/$name/build/init-lite" --version || true)
	case $v in
	"init-lite version $version - git."*) ok "the unpacked tarball builds: $v" ;;
	*) fail "the tarball's build says '$v'" ;;
	esac
else
	fail "the unpacked tarball does not build: $(tail -5 "$tmp/log")"
fi

echo "dist: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
