#!/bin/bash
# make check-packaging: runs every packaging test (a step), each printing
# its own checks, then `ok STEP` or `FAIL STEP: ...`; `N passed, N failed`
# last; fails if any failed. Environment (set by mk/packaging.mk): MAKE,
# INIT_LITE. The cross builds run under qemu in make check-cross
# (tests/cross/).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# shellcheck source=../lib.sh
. "$here/../lib.sh"
step() { # NAME COMMAND...
	local name=$1 rc=0
	shift
	echo "== $name"
	"$@" || rc=$?
	if [ "$rc" -eq 0 ]; then
		pass "$name"
	else
		flunk "$name" "exit status $rc (see above)"
	fi
}
step man-lint bash "$here/man-lint.sh" "$root/init-lite.1"
step help-vs-man bash "$here/help-vs-man.sh" "$root/init-lite.1"
step install bash "$here/install.sh"
step reproducible bash "$here/repro.sh"
step dist bash "$here/dist.sh"
step k8s-yaml "$py" "$here/k8s-yaml.py" "$root/examples/kubernetes"

summary
