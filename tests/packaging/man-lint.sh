#!/bin/bash
# `mandoc -Tlint` reports nothing about the man page. Only the messages that
# depend on the machine rather than on the page are let through (as notes):
# an .Xr to a manual that is not installed here, and mandoc.db notices.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
man=${1:-$here/../../init-lite.1}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

rc=0
mandoc -Tlint "$man" >"$out" 2>&1 || rc=$?
env_re='referenced manual not found|mandoc\.db'
notes=$(grep -cE "$env_re" "$out" || true)
if [ "$notes" -gt 0 ]; then
	echo "man-lint: note: $notes messages about .Xr targets and the local manual database ignored"
fi
problems=$(grep -vE "$env_re" "$out" || true)
if [ -n "$problems" ]; then
	echo "man-lint: FAIL: mandoc -Tlint $man:" >&2
	echo "$problems" >&2
	echo "man-lint: 0 passed, 1 failed"
	exit 1
fi
# mandoc exits 1 for style messages, 2 and up for warnings and errors.
if [ "$rc" -gt 1 ]; then
	echo "man-lint: FAIL: mandoc -Tlint exited $rc" >&2
	echo "man-lint: 0 passed, 1 failed"
	exit 1
fi
for s in NAME SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT SIGNALS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	if ! grep -qx ".Sh $s" "$man"; then
		echo "man-lint: FAIL: no section $s" >&2
		echo "man-lint: 0 passed, 1 failed"
		exit 1
	fi
done
echo "man-lint: ok: mandoc -Tlint is clean, all nine sections present"
echo "man-lint: 1 passed, 0 failed"
