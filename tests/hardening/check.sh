#!/usr/bin/env bash
# The hardening of the shipped binary, read from the file itself (never
# from the flags that were meant to produce it):
#
#   HARDEN_BIN=build/init-lite HARDEN_SYM=build/hardening/init-lite.sym \
#   HARDEN_LIBC=musl|glibc bash tests/hardening/check.sh
#
# HARDEN_SYM is the same build with the same flags but not stripped (-s
# left out): its .text must be byte for byte the shipped one, so what its
# symbols show (which functions check a stack canary) holds for the shipped
# binary. Required:
# - static: no PT_INTERP, no PT_DYNAMIC;
# - non-executable stack: PT_GNU_STACK without E; no segment both W and E;
# - stack protector: __stack_chk_fail linked and called from init-lite's
#   own functions (canary checks against %fs:0x28 counted in the shipped
#   file too);
# - RELRO exactly as the libc applies it: musl's static start-up never
#   applies PT_GNU_RELRO (the page would stay writable), so a musl build
#   must carry none (no false claim); a glibc build must carry it;
# - stripped: no .symtab.
# Recorded, not required: PIE (static-pie needs a dynamic loader with
# musl-gcc on Debian, so EXEC is expected), _FORTIFY_SOURCE (glibc only).
# Prints `ok NAME` or `FAIL NAME: reason` per property, a Markdown table of
# what the binary has and lacks, then `N passed, N failed`.
set -eu

BIN=${HARDEN_BIN:-build/init-lite}
SYM=${HARDEN_SYM:-build/hardening/init-lite.sym}
LIBC=${HARDEN_LIBC:-musl}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$HERE/../../src

T=$(mktemp -d /tmp/init-lite-harden.XXXXXX)
trap 'rm -rf "$T"' EXIT

# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
rows=()
why=
# row PROPERTY VALUE: a line of the table.
row() { rows+=("| $1 | $2 |"); }
# bad REASON: the property being checked fails; verdict NAME: its result.
bad() { why="${why:+$why; }$*"; }
verdict() {
	if [ -z "$why" ]; then pass "$1"; else flunk "$1" "$why"; fi
	why=
}

for f in "$BIN" "$SYM"; do
	[ -f "$f" ] || setup_fail "$f does not exist"
done
readelf -hlW "$BIN" >"$T/headers"
readelf -SW "$BIN" >"$T/sections"
# segment TYPE: the program header line of TYPE, or nothing.
segment() { grep -E "^[[:space:]]+$1[[:space:]]" "$T/headers" || true; }

# ---- static ----
if [ -n "$(segment INTERP)" ] || [ -n "$(segment DYNAMIC)" ]; then
	bad "static: the binary has a PT_INTERP or PT_DYNAMIC segment (dynamic)"
	row "static (no INTERP, no DYNAMIC)" "**no**"
else
	row "static (no INTERP, no DYNAMIC)" "yes"
fi
verdict static

# ---- PIE (recorded) ----
type=$(sed -n 's/^ *Type: *\([A-Z]*\).*/\1/p' "$T/headers")
case $type in
EXEC) row "PIE" "no (ELF type EXEC: fixed address; musl-gcc -static-pie gives a dynamic binary on Debian)" ;;
DYN) row "PIE" "yes (static-pie)" ;;
*) bad "unexpected ELF type $type"; row "PIE" "?" ;;
esac
verdict elf_type

# ---- stack ----
stack=$(segment GNU_STACK)
if [ -z "$stack" ]; then
	bad "no PT_GNU_STACK: the kernel would make the stack executable"
	row "non-executable stack (GNU_STACK without E)" "**no** (no GNU_STACK)"
elif awk '{ for (i = 7; i <= NF - 1; i++) if ($i ~ /E/) exit 1 }' <<<"$stack"; then
	row "non-executable stack (GNU_STACK without E)" "yes ($(awk '{ print $(NF - 1) }' <<<"$stack"))"
else
	bad "PT_GNU_STACK is executable: $stack"
	row "non-executable stack (GNU_STACK without E)" "**no**"
fi
verdict nx_stack
# No segment both writable and executable (W^X).
wx=$(awk '$1 == "LOAD" { f = ""; for (i = 7; i <= NF - 1; i++) f = f $i; if (f ~ /W/ && f ~ /E/) print }' "$T/headers")
if [ -n "$wx" ]; then
	bad "a LOAD segment is both writable and executable: $wx"
	row "W^X (no LOAD segment both W and E)" "**no**"
else
	row "W^X (no LOAD segment both W and E)" "yes"
fi
verdict w_xor_x

# ---- RELRO ----
relro=$(segment GNU_RELRO)
case $LIBC in
musl)
	if [ -n "$relro" ]; then
		bad "musl build carries PT_GNU_RELRO, which musl's static start-up never applies (a false claim)"
		row "RELRO" "**header present but not applied by musl**"
	else
		row "RELRO" "no (musl's static start-up never applies PT_GNU_RELRO; none claimed)"
	fi
	;;
glibc)
	if [ -z "$relro" ]; then
		bad "glibc build without PT_GNU_RELRO"
		row "RELRO" "**no**"
	else
		row "RELRO" "yes (PT_GNU_RELRO, applied by glibc's static start-up)"
	fi
	;;
*) bad "HARDEN_LIBC must be musl or glibc, not $LIBC" ;;
esac
verdict relro

# ---- stripped ----
if grep -q '\.symtab' "$T/sections"; then
	bad "the shipped binary is not stripped (.symtab present)"
	row "stripped" "**no**"
else
	row "stripped" "yes"
fi
verdict stripped

# ---- stack protector ----
objcopy -O binary -j .text "$BIN" "$T/bin.text"
objcopy -O binary -j .text "$SYM" "$T/sym.text"
canaries=$(objdump -d "$BIN" | grep -cE '(sub|xor|cmp) +%fs:0x28,' || true)
if ! cmp -s "$T/bin.text" "$T/sym.text"; then
	bad "$SYM is not the shipped code (.text differs): its build rule must use exactly the flags of build/init-lite, minus -s"
	row "stack protector" "? (no matching symbol build)"
else
	nm "$SYM" >"$T/nm"
	# init-lite's own functions: KNF puts the name at the start of a line.
	grep -hoE '^[a-z_][a-z0-9_]*\(' "$SRC"/*.c | tr -d '(' | sort -u >"$T/ours"
	objdump -d "$SYM" | awk '
		/^[0-9a-f]+ <[^>]*>:$/ { f = $2; gsub(/[<>:]/, "", f); sub(/\..*/, "", f) }
		/call.*<__stack_chk_fail>/ { print f }' | sort -u >"$T/protected"
	comm -12 "$T/ours" "$T/protected" >"$T/ours_protected"
	nours=$(wc -l <"$T/ours_protected")
	if ! grep -qE ' T __stack_chk_fail$' "$T/nm"; then
		bad "__stack_chk_fail is not linked: no stack protector"
		row "stack protector" "**no**"
	elif [ "$nours" -eq 0 ]; then
		bad "no function of src/ checks a stack canary"
		row "stack protector" "**no** (only libc's functions)"
	else
		row "stack protector (-fstack-protector-strong)" "yes: $nours of init-lite's functions check a canary ($(paste -sd, "$T/ours_protected" | sed 's/,/, /g')); $canaries canary checks in the shipped file, libc's included"
	fi
fi
verdict stack_protector

# ---- FORTIFY (recorded) ----
case $LIBC in
musl) row "_FORTIFY_SOURCE" "no (musl has no fortified functions)" ;;
glibc)
	nchk=$(nm "$SYM" | grep -cE ' T __[a-z_]+_chk$' || true)
	row "_FORTIFY_SOURCE" "$nchk __*_chk functions linked" ;;
esac

row "size" "$(stat -c %s "$BIN") bytes"

echo "| property | $(basename "$BIN") ($LIBC) |"
echo "|---|---|"
printf '%s\n' "${rows[@]}"
summary
