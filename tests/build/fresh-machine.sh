#!/bin/bash
# The build on a fresh machine (issue 10): in a copy of the source tree,
# with musl-gcc hidden from PATH (a directory of symlinks to every command
# but musl-gcc), `make` builds a static glibc binary and says so in one line
# on stderr; once musl-gcc is there, `make` rebuilds it as the musl binary;
# `make demo` installs musl-tools when musl-gcc is missing (apt-get and
# dpkg-query replaced by stand-ins that log and "install" musl-gcc, so that
# no network is needed) and demonstrates the musl binary; and the binary
# under test in the real tree ($INIT_LITE) is the musl one.
#
#   INIT_LITE=/abs/build/init-lite bash tests/build/fresh-machine.sh
#
# Needs root for the demo (unshare), musl-gcc and gcc. Prints ok/FAIL lines,
# then `N passed, N failed`.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
INIT_LITE=${INIT_LITE:-$root/build/init-lite}
MAKE=${MAKE:-make}
# The size budget of the musl binary (SPEC: at most 24,576 bytes).
BUDGET=${BUILD_SIZE_BUDGET:-24576}

# Each make below is a new user's: nothing inherited from a calling make
# (-s would hide the compile lines, -n would build nothing).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

passes=0
fails=0
ok() { passes=$((passes + 1)); echo "ok $1"; }
fail() { fails=$((fails + 1)); echo "FAIL $1: $2"; }

T=$(mktemp -d /tmp/init-lite-fresh.XXXXXX)
trap 'rm -rf "$T"' EXIT

real_musl=$(command -v musl-gcc || true)
if [ -z "$real_musl" ]; then
	fail setup "musl-gcc is not installed (make check installs musl-tools)"
	echo "$passes passed, $fails failed"
	exit 1
fi

# copy DIR: the source tree as a fresh clone has it (no build output).
copy() {
	mkdir -p "$1"
	tar -C "$root" --exclude=./.git --exclude=./build --exclude=./build-asan \
		--exclude=./dist -cf - . | tar -C "$1" -xf -
}

# nomusl_path DIR: DIR holds a symlink to every command of $PATH (first
# one wins, as a PATH search) except musl-gcc.
nomusl_path() {
	local d f
	mkdir -p "$1"
	IFS=: read -ra dirs <<<"$PATH"
	for d in "${dirs[@]}"; do
		[ -d "$d" ] || continue
		for f in "$d"/*; do
			if [ ! -x "$f" ] || [ -d "$f" ]; then
				continue
			fi
			case ${f##*/} in musl-gcc) continue ;; esac
			[ -e "$1/${f##*/}" ] || ln -s "$f" "$1/${f##*/}"
		done
	done
}

# is_static BIN: no program interpreter, no dynamic section.
is_static() {
	! readelf -lW "$1" | grep -Eq '^[[:space:]]+(INTERP|DYNAMIC)[[:space:]]'
}
# has_glibc BIN: glibc's static start-up leaves its name in the file
# ("Fatal glibc error: ..."); musl's leaves nothing of the kind.
has_glibc() { grep -aq 'glibc' "$1"; }
size_of() { stat -c %s "$1"; }

# is_musl NAME BIN: the checks of a shipped musl binary.
is_musl() {
	local size
	size=$(size_of "$2")
	if ! is_static "$2"; then
		fail "$1" "$2 has a program interpreter (not static)"
	elif has_glibc "$2"; then
		fail "$1" "$2 carries glibc's strings: a glibc build, not musl"
	elif [ "$size" -gt "$BUDGET" ]; then
		fail "$1" "$2 is $size bytes, over the musl budget $BUDGET"
	else
		ok "$1 ($size bytes, static, no glibc)"
	fi
}

src=$T/src
copy "$src"
nomusl_path "$T/bin"

# ---- 1. musl-gcc missing: static glibc, one line on stderr --------------
if PATH=$T/bin command -v musl-gcc >/dev/null; then
	fail hidden_musl "musl-gcc still found in the symlink PATH"
fi
rc=0
PATH=$T/bin "$MAKE" -C "$src" --no-print-directory >"$T/out1" 2>"$T/err1" ||
	rc=$?
bin=$src/build/init-lite
if [ "$rc" -ne 0 ]; then
	fail glibc_build "make failed ($rc): $(tail -3 "$T/err1")"
else
	ok glibc_build
fi
if [ "$(wc -l <"$T/err1")" -eq 1 ] && grep -q 'musl-tools' "$T/err1" &&
	grep -q 'glibc' "$T/err1"; then
	ok "glibc_notice ($(cat "$T/err1"))"
else
	fail glibc_notice "want one line naming glibc and musl-tools on stderr, got: $(head -c 600 "$T/err1")"
fi
if [ -f "$bin" ] && is_static "$bin" && has_glibc "$bin"; then
	ok "glibc_static ($(size_of "$bin") bytes)"
else
	fail glibc_static "build/init-lite is not a static glibc binary"
fi
st=0
"$bin" -q -- sh -c 'exit 3' 2>/dev/null || st=$?
if [ "$st" -eq 3 ]; then
	ok glibc_runs
else
	fail glibc_runs "status $st, want 3"
fi
sum1=$(sha256sum "$bin" 2>/dev/null | cut -d' ' -f1)

# ---- 2. musl-gcc installed: the same tree rebuilds the musl binary ------
rc=0
"$MAKE" -C "$src" --no-print-directory >"$T/out2" 2>"$T/err2" || rc=$?
if [ "$rc" -ne 0 ]; then
	fail musl_rebuild "make failed ($rc): $(tail -3 "$T/err2")"
elif [ "$(sha256sum "$bin" | cut -d' ' -f1)" = "$sum1" ]; then
	fail musl_rebuild "build/init-lite was not rebuilt when musl-gcc appeared"
elif ! grep -q '^musl-gcc ' "$T/out2"; then
	fail musl_rebuild "make did not compile with musl-gcc: $(head -c 300 "$T/out2")"
else
	ok musl_rebuild
fi
if [ -s "$T/err2" ]; then
	fail musl_quiet "stderr of the musl build: $(head -c 300 "$T/err2")"
else
	ok musl_quiet
fi
is_musl musl_binary "$bin"
if "$MAKE" -C "$src" --no-print-directory -q all 2>/dev/null; then
	ok up_to_date
else
	fail up_to_date "a second make would build again"
fi

# ---- 3. make demo on a machine without musl-tools -------------------------
# Stand-ins for dpkg-query and apt-get, first in PATH: musl-tools is "not
# installed" until apt-get installs it, which links musl-gcc into PATH;
# every other package is asked of the real dpkg-query.
demo=$T/demo
copy "$demo"
nomusl_path "$T/bin2"
rm -f "$T/bin2/dpkg-query" "$T/bin2/apt-get"
cat >"$T/bin2/dpkg-query" <<EOF
#!/bin/sh
for a; do pkg=\$a; done
if [ "\$pkg" = musl-tools ] && [ ! -e "$T/bin2/musl-gcc" ]; then
	exit 1
fi
exec $(command -v dpkg-query) "\$@"
EOF
cat >"$T/bin2/apt-get" <<EOF
#!/bin/sh
echo "apt-get \$*" >>"$T/apt.log"
case " \$* " in
*" install "*" musl-tools "*|*" install "*" musl-tools")
	ln -s "$real_musl" "$T/bin2/musl-gcc" ;;
esac
EOF
chmod +x "$T/bin2/dpkg-query" "$T/bin2/apt-get"
rc=0
PATH=$T/bin2 timeout 300 "$MAKE" -C "$demo" --no-print-directory demo \
	>"$T/out3" 2>"$T/err3" || rc=$?
if [ "$rc" -eq 0 ] && grep -q 'everything behaved' "$T/out3"; then
	ok demo_runs
else
	fail demo_runs "make demo exited $rc: $(tail -3 "$T/err3" "$T/out3")"
fi
if grep -q 'install .*musl-tools' "$T/apt.log" 2>/dev/null; then
	ok demo_installs_musl_tools
else
	fail demo_installs_musl_tools "make demo did not apt-get install musl-tools"
fi
if grep -q 'musl-gcc not found' "$T/err3"; then
	fail demo_no_notice "make demo built the glibc fallback first"
else
	ok demo_no_notice
fi
if [ -f "$demo/build/init-lite" ]; then
	is_musl demo_musl_binary "$demo/build/init-lite"
else
	fail demo_musl_binary "make demo left no build/init-lite"
fi

# ---- 4. the binary under test in the real tree ---------------------------
if [ -f "$INIT_LITE" ]; then
	is_musl tested_binary_is_musl "$INIT_LITE"
else
	fail tested_binary_is_musl "$INIT_LITE does not exist"
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
