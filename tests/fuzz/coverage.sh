#!/usr/bin/env bash
# Source coverage of the fuzz corpora: rebuilds each target with clang's
# -fprofile-instr-generate -fcoverage-mapping, replays the seeds plus what
# the last `make fuzz` found (build/fuzz/work/<target>/), and prints the
# line and branch coverage of the modules under test (llvm-cov report).
#
#   bash tests/fuzz/coverage.sh [TARGET...]      (default: every target)
#
# Run by `make fuzz-coverage`, after `make fuzz`.
set -eu

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/build/fuzz/coverage
CC=${FUZZ_CC:-clang}
PROFDATA=${LLVM_PROFDATA:-llvm-profdata}
COV=${LLVM_COV:-llvm-cov}
# A DEFS-like set is enough: version strings do not change coverage.
DEFS=(-D_GNU_SOURCE -DINIT_LITE_VERSION='"0"' -DINIT_LITE_COMMIT='"0"')

# deps TARGET: the modules it links (as in mk/fuzz.mk).
deps() {
	case $1 in
	config) echo src/config.c src/signame.c src/remap.c src/rewrite.c src/duration.c src/env.c src/fmt.c ;;
	signame) echo src/signame.c src/fmt.c ;;
	duration) echo src/duration.c src/fmt.c ;;
	remap) echo src/remap.c src/fmt.c ;;
	rewrite) echo src/rewrite.c src/signame.c src/fmt.c ;;
	procstat | descendants) echo src/procscan.c ;;
	*) echo "coverage: unknown target $1" >&2; return 1 ;;
	esac
}
# under_test TARGET: the module the target is about.
under_test() {
	case $1 in
	procstat | descendants) echo src/procscan.c ;;
	*) echo "src/$1.c" ;;
	esac
}

[ $# -gt 0 ] || set -- config signame duration remap rewrite procstat descendants
cd "$ROOT"
mkdir -p "$OUT"
echo "| target | module | lines | branches | inputs replayed |"
echo "|---|---|---|---|---|"
for t in "$@"; do
	read -r -a src <<<"$(deps "$t")"
	bin=$OUT/fuzz_$t
	"$CC" -g -O0 -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping \
		"${DEFS[@]}" -Isrc -Itests/fuzz -o "$bin" "tests/fuzz/fuzz_$t.c" "${src[@]}"
	dirs=("$HERE/corpus/$t")
	[ -d "$ROOT/build/fuzz/work/$t" ] && dirs+=("$ROOT/build/fuzz/work/$t")
	n=$(find "${dirs[@]}" -type f | wc -l)
	rm -f "$OUT/$t".profraw
	LLVM_PROFILE_FILE=$OUT/$t.profraw "$bin" -runs=0 "${dirs[@]}" >"$OUT/$t.log" 2>&1
	"$PROFDATA" merge -sparse "$OUT/$t.profraw" -o "$OUT/$t.profdata"
	m=$(under_test "$t")
	# The TOTAL line of the module alone: lines and branches covered.
	"$COV" report "$bin" -instr-profile="$OUT/$t.profdata" "$m" >"$OUT/$t.report"
	awk -v t="$t" -v m="$m" -v n="$n" '$1 == "TOTAL" {
		printf "| %s | %s | %s of %d | %s of %d | %d |\n", t, m, $10, $8, $13, $11, n
	}' "$OUT/$t.report"
done
# procscan.c is split between two targets: its coverage is their union.
if [ -f "$OUT/procstat.profraw" ] && [ -f "$OUT/descendants.profraw" ]; then
	"$PROFDATA" merge -sparse "$OUT/procstat.profraw" "$OUT/descendants.profraw" \
		-o "$OUT/procscan.profdata"
	"$COV" report "$OUT/fuzz_procstat" -object "$OUT/fuzz_descendants" \
		-instr-profile="$OUT/procscan.profdata" src/procscan.c >"$OUT/procscan.report"
	awk '$1 == "TOTAL" {
		printf "| procstat + descendants | src/procscan.c | %s of %d | %s of %d | |\n", $10, $8, $13, $11
	}' "$OUT/procscan.report"
fi
