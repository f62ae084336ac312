#!/usr/bin/env bash
# make lint: every static check over the repository; runs all of them and
# reports every finding before failing, so one run shows the whole list.
# Prints `ok STEP` or `FAIL STEP: ...` and its findings per step, then
# `N passed, N failed`.
#
#   LINT_DEFS='-D_GNU_SOURCE ...' bash tests/lint/lint.sh
#
# 1. gcc and clang (and musl-gcc when present, the shipped compiler) with
#    LINT_WARN (-Wall -Wextra -Wpedantic -Wshadow -Wformat=2
#    -Wstrict-prototypes -Wmissing-prototypes -Werror), -fsyntax-only, on
#    src/*.c and on every other C file of the repository (tests, bench);
# 2. cppcheck --enable=warning,performance,portability on the same files;
# 3. clang-tidy (checks and the reasons for the exclusions:
#    tests/lint/clang-tidy.yaml) on src/ and tests/fuzz/, one process per
#    file: clang-tidy 14 given several files reports va_arg on an
#    uninitialised va_list in src/fmt.c, which it does not report for
#    fmt.c alone (`clang-tidy src/fmt.c src/fmt.c` shows it: state kept
#    across files, a false report);
# 4. shellcheck on every shell script: *.sh, *.bash, and files whose first
#    line is a sh/bash/dash shebang.
# Files are those git tracks plus untracked ones not ignored (other work in
# progress is linted too); outside git, every file under the top directory.
set -eu

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

LINT_WARN=${LINT_WARN:--Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes -Werror}
# LINT_DEFS: the build's DEFS, with the Makefile's shell quoting.
LINT_DEFS=${LINT_DEFS:-"-D_GNU_SOURCE -DINIT_LITE_VERSION='\"0.0.0\"' -DINIT_LITE_COMMIT='\"unknown\"'"}
JOBS=${LINT_JOBS:-2}
read -r -a warn <<<"$LINT_WARN"
# LINT_DEFS holds quoted strings (-DX="..."): split it as the shell would.
eval "defs=($LINT_DEFS)"

TMP=$(mktemp -d /tmp/init-lite-lint.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

files() {
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -co --exclude-standard
	else
		find . -type f ! -path './.git/*' | sed 's|^\./||'
	fi | grep -vE '^(build[^/]*|dist)/' | sort -u | while IFS= read -r f; do
		[ -f "$f" ] && printf '%s\n' "$f"
	done
}
files >"$TMP/all"
grep -E '\.c$' "$TMP/all" >"$TMP/c" || true
grep -E '^src/.*\.c$' "$TMP/c" >"$TMP/src" || true
while IFS= read -r f; do
	case ${f##*/} in
	*.sh | *.bash) echo "$f" ;;
	*.*) ;;
	*) head -n 1 "$f" 2>/dev/null | grep -qE '^#!.*[/ ](ba|da)?sh([[:space:]]|$)' &&
		echo "$f" ;;
	esac
done <"$TMP/all" >"$TMP/sh"

# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
step() {
	local name=$1
	shift
	if "$@" >"$TMP/out" 2>&1; then
		pass "$name"
	else
		flunk "$name" "$(grep -c . "$TMP/out") lines of findings:"
		sed 's/^/    /' "$TMP/out"
	fi
}

# set_flags FILE: the flags FILE is checked with, in the array flags: the
# build's defines for src/ and for the tests compiled against it (unit,
# fuzz); the others (integration helpers, bench) define what they need.
set_flags() {
	case $1 in
	src/*) flags=("${defs[@]}") ;;
	tests/unit/* | tests/fuzz/*) flags=("${defs[@]}" -Isrc "-I${1%/*}") ;;
	*/*) flags=("-I${1%/*}") ;;
	*) flags=() ;;
	esac
}

compile_all() {
	local cc=$1 list=$2 f rc=0 flags=()
	command -v "$cc" >/dev/null || { echo "$cc: not installed"; return 1; }
	while IFS= read -r f; do
		set_flags "$f"
		"$cc" "${warn[@]}" "${flags[@]}" -fsyntax-only "$f" || rc=1
	done <"$list"
	return "$rc"
}

run_cppcheck() {
	local rc=0 f flags=()
	# bench/driver.c passes fd -1 to mmap with MAP_ANONYMOUS, as mmap(2)
	# asks of portable programs; cppcheck 2.10's posix.cfg wants fd >= 0.
	# Suppressed for that file only (invalidFunctionArg on mmap's fd).
	# --inline-suppr: a false positive may be silenced on its line with
	# "cppcheck-suppress ID" followed by the reason in the same comment;
	# none without a reason.
	while IFS= read -r f; do
		set_flags "$f"
		cppcheck --quiet --error-exitcode=1 --std=c11 --library=posix \
			--inline-suppr \
			--enable=warning,performance,portability \
			--suppress=invalidFunctionArg:bench/driver.c \
			"${flags[@]}" "$f" || rc=1
	done <"$TMP/c"
	return "$rc"
}

# tidy_one FILE OUT: clang-tidy on FILE, its report (without the counts of
# warnings in system headers) in OUT; fails on any finding.
tidy_one() {
	local f=$1 out=$2 flags=() rc=0
	set_flags "$f"
	clang-tidy --quiet --config-file="$HERE/clang-tidy.yaml" "$f" -- \
		"${flags[@]}" >"$out.raw" 2>&1 || rc=$?
	grep -vE '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter|^Error while processing' \
		"$out.raw" >"$out" || true
	return "$rc"
}

run_tidy() {
	local rc=0 f n=0
	grep -E '^(src|tests/fuzz)/.*\.c$' "$TMP/c" >"$TMP/tidy" || true
	# A few files at a time (JOBS), each in its own clang-tidy process.
	while IFS= read -r f; do
		( rc=0; tidy_one "$f" "$TMP/tidy.$n" || rc=$?; echo "$rc" >"$TMP/tidy.$n.rc" ) &
		n=$((n + 1))
		if [ $((n % JOBS)) -eq 0 ]; then wait; fi
	done <"$TMP/tidy"
	wait
	for ((f = 0; f < n; f++)); do
		cat "$TMP/tidy.$f"
		[ "$(cat "$TMP/tidy.$f.rc")" = 0 ] || rc=1
	done
	return "$rc"
}

run_shellcheck() {
	[ -s "$TMP/sh" ] || return 0
	# -x -P SCRIPTDIR: follow sourced files, found next to the script.
	xargs -d '\n' shellcheck -x -P SCRIPTDIR <"$TMP/sh"
}

echo "lint: $(wc -l <"$TMP/src") files in src/, $(wc -l <"$TMP/c") C files, $(wc -l <"$TMP/sh") shell scripts"
step "gcc (src)" compile_all gcc "$TMP/src"
step "clang (src)" compile_all clang "$TMP/src"
if command -v musl-gcc >/dev/null; then
	step "musl-gcc (src)" compile_all musl-gcc "$TMP/src"
fi
grep -vE '^src/' "$TMP/c" >"$TMP/other" || true
step "gcc (tests, bench)" compile_all gcc "$TMP/other"
step "clang (tests, bench)" compile_all clang "$TMP/other"
step cppcheck run_cppcheck
step clang-tidy run_tidy
step shellcheck run_shellcheck

summary
