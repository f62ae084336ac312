#!/bin/sh
# make arch-sizes: the size table of docs/architectures.md, in Markdown:
# init-lite's static binary per architecture against Debian 12's
# tini-static for the same architecture (unpacked by mk/cross.mk under
# build/cross/ARCH/tini, never installed).
#   arch-sizes.sh ARCH...     (amd64 is build/init-lite)
set -eu

printf '| architecture | init-lite (bytes) | tini-static %s (bytes) | ratio |\n' \
	"$(sed -n 's/^tini //p' build/cross/amd64/tini/root/.debs 2>/dev/null || echo '?')"
printf '|---|---:|---:|---:|\n'
for a in "$@"; do
	if [ "$a" = amd64 ]; then bin=build/init-lite; else bin=build/$a/init-lite; fi
	ours=$(stat -c %s "$bin")
	tini=build/cross/$a/tini/root/usr/bin/tini-static
	if [ -f "$tini" ]; then
		theirs=$(stat -c %s "$tini")
		ratio=$(awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "%.0f", a / b }')
		printf '| %s | %s | %s | %s x |\n' "$a" "$ours" "$theirs" "$ratio"
	else
		printf '| %s | %s | (no tini-static) | |\n' "$a" "$ours"
	fi
done
