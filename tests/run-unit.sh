#!/bin/sh
# run-unit.sh: runs cmocka unit test binaries and totals their test cases.
# Usage: sh tests/run-unit.sh build/unit/test_a build/unit/test_b ...
# Prints each binary's output, then one last line "N passed, N failed".
# Exits non-zero if any test failed, any binary crashed or printed no
# summary, or no binary was given.
set -eu

if [ "$#" -eq 0 ]; then
	echo "run-unit.sh: no test binaries given" >&2
	echo "0 passed, 0 failed"
	exit 2
fi

out=$(mktemp "${TMPDIR:-/tmp}/run-unit.XXXXXX")
trap 'rm -f "$out"' EXIT INT TERM

# A hung test must not hang `make check`: bound each binary when coreutils'
# timeout is there (it is on Debian).
runner=""
if command -v timeout >/dev/null 2>&1; then
	runner="timeout 300"
fi

# cmocka's banner and the count it captures, for sed.
ran_re='\[==========\]'
n_re='\([0-9][0-9]*\)'

total_pass=0
total_fail=0
bad_bins=""

for bin in "$@"; do
	echo "==== $bin"
	rc=0
	# cmocka prints the run on stdout and the summary on stderr; keep both.
	# $runner is empty or "timeout 300": split on purpose.
	# shellcheck disable=SC2086
	$runner "$bin" >"$out" 2>&1 </dev/null || rc=$?
	cat "$out"

	# cmocka 1.1.5: "[  PASSED  ] N test(s)." and, when some failed,
	# "[  FAILED  ] N test(s), listed below:".
	pass=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test(s)\.$/\1/p' \
	    "$out" | tail -n 1)
	fail=$(sed -n \
	    's/^\[  FAILED  \] \([0-9][0-9]*\) test(s), listed below:$/\1/p' \
	    "$out" | tail -n 1)
	ran=$(sed -n 's/^\[==========\] \([0-9][0-9]*\) test(s) run\.$/\1/p' \
	    "$out" | tail -n 1)

	if [ -z "$pass" ] || [ -z "$ran" ]; then
		# No summary: the binary died (signal, sanitizer, exit()) in
		# the middle. Count what finished; the rest failed.
		planned=$(sed -n "s/^$ran_re Running $n_re test(s)\\.\$/\\1/p" \
		    "$out" | head -n 1)
		pass=$(grep -c '^\[       OK \]' "$out" || true)
		if [ -n "$planned" ] && [ "$planned" -gt "$pass" ]; then
			fail=$((planned - pass))
		else
			fail=1
		fi
		echo "run-unit.sh: $bin crashed (exit status $rc) after" \
		    "$pass passed test(s); counting $fail as failed"
		bad_bins="$bad_bins $bin"
	else
		fail=${fail:-0}
		if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
			# A summary that says all passed, yet a failing exit
			# status (a leak report at exit, for example).
			echo "run-unit.sh: $bin exited with status $rc"
			fail=1
			bad_bins="$bad_bins $bin"
		elif [ "$fail" -gt 0 ]; then
			bad_bins="$bad_bins $bin"
		fi
	fi
	echo "---- $bin: $pass passed, $fail failed"
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
done

if [ -n "$bad_bins" ]; then
	echo "run-unit.sh: failures in:$bad_bins"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ] && [ -z "$bad_bins" ]
