#!/bin/bash
# Reproducible build: two checkouts of the same commit, in two directories
# of different names and depths, built one after the other with different
# TZ, locale and umask, give byte-identical build/init-lite and
# build/ARCH/init-lite for each cross architecture of REPRO_ARCHES (default:
# all of them, as make dist ships them); no binary contains the build
# directory. The cross builds' musl (build/cross/, fetched by apt) is
# copied into both checkouts from this tree when it is there, so that the
# test does not download it twice more.
# The checkouts are `git clone`s of HEAD when the working tree is clean (as
# in CI); otherwise (no commit, local changes or untracked files) or with
# REPRO_FROM=worktree they are two copies of the working tree, so that what
# is tested is what is there.
# SOURCE_DATE_EPOCH is set to the commit time for both builds (nothing
# embeds a date today; a future change that does must honour it).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
MAKE=${MAKE:-make}
REPRO_ARCHES=${REPRO_ARCHES-arm64 armhf armel i386 ppc64el s390x mips64el}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0
ok() { passes=$((passes + 1)); echo "repro: ok: $*"; }
fail() { fails=$((fails + 1)); echo "repro: FAIL: $*" >&2; }

a="$tmp/a/init-lite"
b="$tmp/second-tree/deeper/path/x"
mode=${REPRO_FROM:-}
if [ -z "$mode" ]; then
	if git -C "$root" rev-parse -q --verify HEAD >/dev/null 2>&1 &&
		[ -z "$(git -C "$root" status --porcelain 2>/dev/null)" ]; then
		mode=clone
	else
		mode=worktree
	fi
fi
if [ "$mode" = clone ]; then
	for d in "$a" "$b"; do
		git clone -q --no-hardlinks "$root" "$d"
	done
	SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct)
	what="two clones of $(git -C "$root" rev-parse --short=7 HEAD)"
else
	for d in "$a" "$b"; do
		mkdir -p "$d"
		tar -C "$root" --exclude=./.git --exclude=./build --exclude=./build-asan \
			--exclude=./dist -cf - . | tar -C "$d" -xf -
	done
	SOURCE_DATE_EPOCH=$(date +%s)
	what="two copies of the working tree"
fi
export SOURCE_DATE_EPOCH

targets="build/init-lite"
for arch in $REPRO_ARCHES; do
	targets="$targets build/$arch/init-lite"
done
if [ -n "$REPRO_ARCHES" ] && [ -d "$root/build/cross" ]; then
	for d in "$a" "$b"; do
		mkdir -p "$d/build"
		cp -a "$root/build/cross" "$d/build/"
	done
fi

build() { # DIR TZ LOCALE UMASK
	# shellcheck disable=SC2086 # $targets is a word list
	(cd "$1" && umask "$4" && env -u CFLAGS -u LDFLAGS -u MAKEFLAGS -u MFLAGS \
		TZ="$2" LC_ALL="$3" "$MAKE" -s --no-print-directory $targets) \
		>"$tmp/log" 2>&1 || { fail "build in $1 failed: $(tail -5 "$tmp/log")"; return 1; }
}
build "$a" UTC C 022 || exit 1
sleep 1 # a clock second apart, so an embedded time would differ
build "$b" Pacific/Kiritimati C.UTF-8 077 || exit 1

for t in $targets; do
	if cmp -s "$a/$t" "$b/$t"; then
		ok "$t identical in $what ($(stat -c %s "$a/$t") bytes, sha256 $(sha256sum <"$a/$t" | cut -c1-16)...)"
	else
		fail "$t differs between $what"
		cmp "$a/$t" "$b/$t" | head -3 >&2 || true
	fi
	for d in "$a" "$b"; do
		if grep -aqF "$tmp" "$d/$t"; then
			fail "$d/$t contains the build path $tmp"
		fi
	done
done
# The native binary of the main tree, when its tree is the same commit and
# was built with the same flags, is the same too (informative only).
if [ "$mode" = clone ] && cmp -s "$a/build/init-lite" "$root/build/init-lite"; then
	ok "build/init-lite of $root is identical as well"
fi

echo "repro: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
