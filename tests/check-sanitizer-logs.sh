#!/bin/sh
# check-sanitizer-logs.sh: fails, printing them, if DIR holds any ASan or
# UBSan report (files named asan.* or ubsan.*, as log_path=DIR/asan and
# log_path=DIR/ubsan write them: asan.PID, ubsan.PID). The one result line
# of check-asan's last step, and `N passed, N failed`.
# Usage: sh tests/check-sanitizer-logs.sh DIR
set -eu

if [ "$#" -ne 1 ]; then
	echo "usage: sh tests/check-sanitizer-logs.sh DIR" >&2
	exit 2
fi
dir=$1
if [ ! -d "$dir" ]; then
	echo "check-sanitizer-logs.sh: $dir is not a directory" >&2
	exit 2
fi

found=0
for f in "$dir"/asan.* "$dir"/ubsan.*; do
	# An unmatched glob stays literal; only real files count.
	[ -e "$f" ] || continue
	found=$((found + 1))
	echo "==== sanitizer report: $f"
	cat "$f"
done

if [ "$found" -gt 0 ]; then
	echo "FAIL sanitizer_logs: $found sanitizer report(s) in $dir"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "ok sanitizer_logs: no sanitizer reports in $dir"
echo "1 passed, 0 failed"
