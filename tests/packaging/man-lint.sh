#!/bin/bash
# `mandoc -Tlint` reports nothing about the man page. Only the messages that
# depend on the machine rather than on the page are let through (as notes):
# an .Xr to a manual that is not installed here, and mandoc.db notices.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
man=${1:-$here/../../init-lite.1}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# bad REASON...: the page fails (tests/packaging/run.sh reports the step).
bad() { printf 'man-lint: FAIL: %s\n' "$@" >&2; exit 1; }

rc=0
mandoc -Tlint "$man" >"$out" 2>&1 || rc=$?
env_re='referenced manual not found|mandoc\.db'
notes=$(grep -cE "$env_re" "$out" || true)
if [ "$notes" -gt 0 ]; then
	echo "man-lint: note: $notes messages about .Xr targets and the local manual database ignored"
fi
problems=$(grep -vE "$env_re" "$out" || true)
[ -z "$problems" ] || bad "mandoc -Tlint $man:" "$problems"
# mandoc exits 1 for style messages, 2 and up for warnings and errors.
[ "$rc" -le 1 ] || bad "mandoc -Tlint exited $rc"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT SIGNALS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	grep -qx ".Sh $s" "$man" || bad "no section $s"
done
echo "man-lint: ok: mandoc -Tlint is clean, all nine sections present"
