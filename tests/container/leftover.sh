#!/bin/sh
# The leftover of the container tests: a helper the app started and left
# behind, that needs time after SIGTERM to finish its work.
#   leftover FILE MS
# Prints "leftover: ready" once its trap is set. On SIGTERM it writes
# "begin" to FILE, takes MS milliseconds, then appends "end": a FILE that
# holds both lines was finished; "begin" alone means it was cut (SIGKILLed
# within those MS); no FILE means it never got SIGTERM before it died.
f=${1:?usage: leftover FILE MS}
ms=${2:?usage: leftover FILE MS}
us=$((ms * 1000))
# shellcheck disable=SC2064 # the values are fixed now, on purpose
trap "echo begin >'$f'; usleep $us; echo end >>'$f'; exit 0" TERM
echo "leftover: ready"
while :; do
	usleep 50000
done
