#!/usr/bin/env bash
# Runs libFuzzer targets one after the other, each for FUZZ_SECONDS, starting
# from its seed corpus (tests/fuzz/corpus/<target>/) and dictionary; new
# inputs go to a scratch corpus under build/fuzz/work/, never into the repo.
#
#   FUZZ_SECONDS=30 bash tests/fuzz/run.sh build/fuzz/fuzz_config ...
#
# Fails on any finding (crash, sanitizer report, failed property, timeout,
# leak): prints the end of the log, the saved input and how to replay it.
# Prints one line per target with libFuzzer's figures (executions, exec/s,
# cov: edges covered, ft: features, corpus size) and writes the same as a
# Markdown table to build/fuzz/summary.md; `N passed, N failed` last.
set -eu

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${FUZZ_OUT:-$ROOT/build/fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-30}

case $SECONDS_EACH in
'' | *[!0-9]*) echo "fuzz: FUZZ_SECONDS must be a number of seconds" >&2; exit 2 ;;
esac
[ $# -gt 0 ] || { echo "usage: run.sh FUZZ_BINARY..." >&2; exit 2; }

# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
mkdir -p "$OUT/work" "$OUT/artifacts" "$OUT/logs"
table=$OUT/summary.md
{
	echo "| target | seconds | executions | exec/s | cov | ft | corpus |"
	echo "|---|---|---|---|---|---|---|"
} >"$table"

# field NAME: the value after "NAME:" in libFuzzer's DONE line.
field() { printf '%s\n' "$done_line" | sed -n "s|.* $1: *\([^ ]*\).*|\1|p"; }

for bin in "$@"; do
	name=$(basename "$bin")
	target=${name#fuzz_}
	work=$OUT/work/$target
	log=$OUT/logs/$target.log
	rm -rf "$work"
	mkdir -p "$work"
	rm -f "$OUT/artifacts/$target-"*
	dict=()
	[ -f "$HERE/$target.dict" ] && dict=("-dict=$HERE/$target.dict")
	rc=0
	# -timeout: one input taking 10 s is a finding (a hang in a parser);
	# the outer timeout only guards against libFuzzer itself stalling.
	timeout -k 10 $((SECONDS_EACH + 120)) "$bin" \
		-max_total_time="$SECONDS_EACH" -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=2048 -max_len=4096 \
		-artifact_prefix="$OUT/artifacts/$target-" "${dict[@]}" \
		"$work" "$HERE/corpus/$target" >"$log" 2>&1 || rc=$?
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(field cov)
	ft=$(field ft)
	corp=$(field corp)
	rate=$(field exec/s)
	if [ "$rc" -ne 0 ] || [ -z "$done_line" ]; then
		flunk "fuzz_$target" "libFuzzer exit status $rc; log: $log"
		# The finding first (property, sanitizer summary), then the end
		# of the log.
		grep -a -m 5 -E 'property failed|SUMMARY:|ERROR: ' "$log" | sed 's/^/    /' || true
		tail -n 25 "$log" | sed 's/^/    | /'
		for a in "$OUT/artifacts/$target-"*; do
			[ -e "$a" ] || continue
			echo "    input saved as $a; replay: $bin $a"
		done
		echo "| $target | $SECONDS_EACH | FAILED (status $rc) | | | | |" >>"$table"
		continue
	fi
	pass "fuzz_$target" "${execs:-?} executions in ${SECONDS_EACH}s ($rate exec/s), cov: $cov ft: $ft corpus: $corp"
	echo "| $target | $SECONDS_EACH | ${execs:-?} | $rate | $cov | $ft | $corp |" >>"$table"
done
echo "# table: $table"
summary
