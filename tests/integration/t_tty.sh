# shellcheck shell=bash
# Terminal: under a pty the child's process group becomes the foreground
# group when init-lite's group was; never when init-lite runs in the
# background of a job-control shell.

# in_pty SCRIPT: run `sh SCRIPT` as the session leader of a new pty.
in_pty() {
	SHELL=/bin/sh timeout 10 script -qec "sh $1" /dev/null </dev/null >"$T/pty.log" 2>&1 || true
}

# The child writes "pid pgrp tpgid tty_nr" of itself (from /proc/self/stat
# as seen in its own namespace) to $T/stat.
# shellcheck disable=SC2016 # expanded by the child's shell
STAT_PROG='read -r s </proc/$$/stat; s=${s##*) }; set -- $s; echo "$$ $3 $6 $5" >"$STAT_OUT"'

test_tty_foreground() {
	cat >"$T/inner.sh" <<-EOF
		exec unshare --pid --fork --mount-proc "$INIT_LITE" -- sh -c '$STAT_PROG'
	EOF
	STAT_OUT=$T/stat in_pty "$T/inner.sh"
	[ -s "$T/stat" ] || fail "child wrote nothing; pty output: $(head -c 300 "$T/pty.log")"
	read -r pid pgrp tpgid tty <"$T/stat"
	[ "$tty" != 0 ] || fail "child has no controlling terminal"
	[ "$pgrp" = "$pid" ] || fail "child not in its own process group (pid $pid, pgrp $pgrp)"
	[ "$tpgid" = "$pgrp" ] || fail "child's group $pgrp is not the foreground group ($tpgid)"
}

test_tty_background() {
	# A job-control shell starts init-lite in the background (own process
	# group, not the foreground): the child must not take the terminal.
	cat >"$T/inner.sh" <<-EOF
		set -m
		"$INIT_LITE" -s -- sh -c '$STAT_PROG' &
		wait
		read -r s </proc/\$\$/stat; s=\${s##*) }; set -- \$s
		echo "\$3" >"$T/shell_pgrp"
	EOF
	STAT_OUT=$T/stat in_pty "$T/inner.sh"
	[ -s "$T/stat" ] || fail "child wrote nothing; pty output: $(head -c 300 "$T/pty.log")"
	read -r pid pgrp tpgid tty <"$T/stat"
	[ "$tty" != 0 ] || fail "child has no controlling terminal"
	[ "$tpgid" != "$pgrp" ] || fail "background init-lite's child took the terminal's foreground (pgrp $pgrp)"
	[ "$tpgid" = "$(cat "$T/shell_pgrp")" ] ||
		fail "foreground group is $tpgid, not the shell's $(cat "$T/shell_pgrp")"
}
