#!/bin/bash
# Checks that `init-lite --help`, the man page and the README's options table
# document the same options: the set of option names (-x and --long) printed
# by --help on stdout must equal the set of names in the .It lines of the
# man page's OPTIONS section, and the set in the first two columns of the
# README table headed `| short | long | environment | meaning |`. When
# --help names INIT_LITE_* / TINI_* variables, they must also equal the
# variables of the man page's ENVIRONMENT section and of the README table's
# environment column. Everything is read from the three texts: a new option
# needs no change here.
# Usage: help-vs-man.sh [MANPAGE [README]]; the binary comes from $INIT_LITE.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
INIT_LITE=${INIT_LITE:-$root/build/init-lite}
man=${1:-$root/init-lite.1}
readme=${2:-$root/README.md}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rc=0
"$INIT_LITE" --help >"$tmp/help" 2>"$tmp/help.err" || rc=$?
if [ "$rc" -ne 0 ]; then
	echo "help-vs-man: FAIL: '$INIT_LITE --help' exited $rc" >&2
	cat "$tmp/help.err" >&2
	echo "help-vs-man: 0 passed, 1 failed"
	exit 1
fi
if [ ! -s "$tmp/help" ]; then
	echo "help-vs-man: FAIL: '$INIT_LITE --help' printed nothing on stdout" >&2
	echo "help-vs-man: 0 passed, 1 failed"
	exit 1
fi

# --help: an option line starts with blanks then a dash. Only the part before
# the description counts (the description starts after a run of two or more
# blanks or a tab, or after a colon as in tini's "  -s: text"), so that
# options mentioned in a description are not taken as entries.
sed -n 's/^[[:space:]]\{1,\}\(-.*\)$/\1/p' "$tmp/help" |
	sed -e 's/\t.*//' -e 's/  .*//' -e 's/:\( .*\)\{0,1\}$//' |
	grep -oE '(^|[ ,|/=])--?[A-Za-z][A-Za-z0-9-]*' |
	sed 's/^[ ,|\/=]//' | sort -u >"$tmp/help.opts"

# Man page: the .It lines of OPTIONS; "Fl x" is -x, "Fl \-long" is --long.
awk '
	/^\.Sh / { in_opts = ($2 == "OPTIONS"); next }
	in_opts && /^\.It / {
		for (i = 2; i < NF; i++)
			if ($i == "Fl") {
				name = $(i + 1)
				gsub(/\\-/, "-", name)
				sub(/[,;:.]+$/, "", name)
				print "-" name
			}
	}' "$man" | sort -u >"$tmp/man.opts"

# README: the rows of the options table (the first table whose header is
# `| short | long | environment | meaning |`); options from columns 1-2,
# variables from column 3.
awk -F'|' '
	!done && /^\| *short *\| *long *\| *environment *\|/ { in_t = 1; next }
	in_t && /^\|/ {
		if ($2 ~ /^ *-+ *$/) next
		print "opt" $2 " " $3
		print "env" $4
		next
	}
	in_t { in_t = 0; done = 1 }' "$readme" >"$tmp/readme.rows"
grep '^opt' "$tmp/readme.rows" | sed 's/^opt//' |
	grep -oE '(^|[ ,`])--?[A-Za-z][A-Za-z0-9-]*' |
	sed 's/^[ ,`]//' | sort -u >"$tmp/readme.opts"
grep '^env' "$tmp/readme.rows" | { grep -oE '\b(INIT_LITE|TINI)_[A-Z][A-Z_]*' || true; } |
	sort -u >"$tmp/readme.env"

status=0
if [ ! -s "$tmp/help.opts" ]; then
	echo "help-vs-man: FAIL: no option found in --help output" >&2
	status=1
fi
if [ ! -s "$tmp/man.opts" ]; then
	echo "help-vs-man: FAIL: no option found in $man OPTIONS" >&2
	status=1
fi
only_help=$(comm -23 "$tmp/help.opts" "$tmp/man.opts" | tr '\n' ' ')
only_man=$(comm -13 "$tmp/help.opts" "$tmp/man.opts" | tr '\n' ' ')
if [ -n "$only_help" ]; then
	echo "help-vs-man: FAIL: in --help but not in the man page: $only_help" >&2
	status=1
fi
if [ -n "$only_man" ]; then
	echo "help-vs-man: FAIL: in the man page but not in --help: $only_man" >&2
	status=1
fi
if [ ! -s "$tmp/readme.opts" ]; then
	echo "help-vs-man: FAIL: no options table (| short | long | environment | meaning |) in $readme" >&2
	status=1
fi
only_help=$(comm -23 "$tmp/help.opts" "$tmp/readme.opts" | tr '\n' ' ')
only_readme=$(comm -13 "$tmp/help.opts" "$tmp/readme.opts" | tr '\n' ' ')
if [ -n "$only_help" ]; then
	echo "help-vs-man: FAIL: in --help but not in the README table: $only_help" >&2
	status=1
fi
if [ -n "$only_readme" ]; then
	echo "help-vs-man: FAIL: in the README table but not in --help: $only_readme" >&2
	status=1
fi

# Environment variables, when --help lists them.
# Names are written out (INIT_LITE_GRACE) or grouped with braces, possibly
# across lines (INIT_LITE_{SUBREAPER,GRACE}).
tr '\n' ' ' <"$tmp/help" >"$tmp/help.flat"
{
	grep -oE '\b(INIT_LITE|TINI)_[A-Z][A-Z_]*' "$tmp/help.flat" || true
	grep -oE '\b(INIT_LITE|TINI)_\{[^}]*\}' "$tmp/help.flat" | while read -r group; do
		prefix=${group%%\{*}
		inner=${group#*\{}
		inner=${inner%\}}
		IFS=, read -ra items <<<"$inner"
		for item in "${items[@]}"; do
			item=${item//[[:space:]]/}
			[ -z "$item" ] || echo "$prefix$item"
		done
	done || true
} | sort -u >"$tmp/help.env"
awk '
	/^\.Sh / { in_env = ($2 == "ENVIRONMENT"); next }
	in_env && /^\.It Ev / { print $3 }' "$man" |
	grep -E '^(INIT_LITE|TINI)_' | sort -u >"$tmp/man.env" || true
if [ -s "$tmp/help.env" ]; then
	if ! diff -u "$tmp/help.env" "$tmp/man.env" >"$tmp/env.diff"; then
		echo "help-vs-man: FAIL: environment variables differ (- --help, + man page):" >&2
		tail -n +3 "$tmp/env.diff" | grep '^[-+]' >&2
		status=1
	fi
	if ! diff -u "$tmp/help.env" "$tmp/readme.env" >"$tmp/env.diff"; then
		echo "help-vs-man: FAIL: environment variables differ (- --help, + README table):" >&2
		tail -n +3 "$tmp/env.diff" | grep '^[-+]' >&2
		status=1
	fi
	env_note="$(wc -l <"$tmp/help.env") variables"
else
	env_note="--help names no variable, not compared"
fi

if [ "$status" -eq 0 ]; then
	echo "help-vs-man: ok: $(wc -l <"$tmp/help.opts") options match in --help, man page and README" \
		"($(tr '\n' ' ' <"$tmp/help.opts" | sed 's/ $//')); environment: $env_note"
fi
if [ "$status" -eq 0 ]; then
	echo "help-vs-man: 1 passed, 0 failed"
else
	echo "help-vs-man: 0 passed, 1 failed"
fi
exit "$status"
