#!/bin/sh
# check-sanitizer-logs.sh: fails, printing them, if DIR holds any ASan or
# UBSan report (files named asan.* or ubsan.*, as log_path=DIR/asan and
# log_path=DIR/ubsan write them: asan.PID, ubsan.PID).
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
	echo "check-sanitizer-logs.sh: $found sanitizer report(s) in $dir" >&2
	exit 1
fi
echo "check-sanitizer-logs.sh: no sanitizer reports in $dir"
