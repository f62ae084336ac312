# shellcheck shell=bash
# Process-tree helpers shared by the integration and stress tests (sourced
# by their lib.sh): read /proc only, never signal anything.

# children PID: direct children (zombies included), space separated.
children() {
	local f c out=
	for f in /proc/"$1"/task/*/children; do
		c=
		# no newline at the end: read fails but fills c
		{ read -r c <"$f"; } 2>/dev/null || true
		out="$out $c"
	done
	# shellcheck disable=SC2086 # trim and join with single spaces
	echo $out
}

# descendants PID: every descendant, parents first, one per line (no
# subshell per process: trees of 1000 orphans are walked quickly).
descendants() {
	local queue=("$1") out=() p f line k
	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		for f in /proc/"$p"/task/*/children; do
			line=
			{ read -r line <"$f"; } 2>/dev/null || true
			for k in $line; do
				out+=("$k")
				queue+=("$k")
			done
		done
	done
	[ ${#out[@]} -eq 0 ] || printf '%s\n' "${out[@]}"
}
