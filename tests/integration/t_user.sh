# shellcheck shell=bash disable=SC2016
# (SC2016: the $ in single quotes are for the program's own shell.)
# --user USER[:GROUP] and INIT_LITE_USER, as PID 1: one test per rule of
# SPEC.md. /etc/passwd and /etc/group are the test's own files, bind-mounted
# in a private mount namespace (the real /etc is never touched). The program
# reports its ids as /proc/self/status has them (real, effective, saved and
# filesystem ids; the supplementary groups) and its HOME.

user_files() {
	cat >"$T/passwd" <<-'EOF'
	root:x:0:0:root:/root:/bin/sh
	apple:x:1001:1001::/home/apple:/bin/sh
	app:x:1000:1000:The App:/home/app:/bin/sh
	nohome:x:1003:1003:::/bin/sh
	broken:x:1004
	app:x:2000:2000:second app:/second:/bin/sh
	EOF
	cat >"$T/group" <<-'EOF'
	root:x:0:
	app:x:1000:
	staff:x:50:apple,app
	wheel:x:10:apple
	near:x:60:appl,apps,xapp,App
	video:x:44:bob,app,carol
	bad:x:x:app
	again:x:50:app
	EOF
}

# IDS: what the program prints: its ids and HOME, then RAN.
IDS='awk '\''/^(Uid|Gid|Groups):/ { $1 = $1; print }'\'' /proc/self/status
echo "HOME=${HOME-unset}"; echo RAN'

# run_user [VAR=VALUE...] INIT-ARGS...: init-lite as PID 1 of new PID and
# mount namespaces whose /etc/passwd and /etc/group are $T's. WRAP (words)
# comes before unshare (setpriv, env -u, the userns helper); UNSHARE adds
# options to unshare (--user...).
run_user() {
	[ -e "$T/passwd" ] || user_files
	split_env "$@"
	# shellcheck disable=SC2086 # WRAP and UNSHARE are word lists
	EARLY_EXIT_OK=1 start env "${ENVS[@]}" "$H/sigwrap" -- ${WRAP:-} \
		unshare ${UNSHARE:-} --pid --fork --mount-proc sh -c '
			mount --bind "$0/passwd" /etc/passwd &&
			mount --bind "$0/group" /etc/group &&
			exec "$@"' "$T" "$INIT_LITE" "${ARGS[@]}"
	wait_exit 10
}

# expect_ids UID GID "GROUPS" HOME: the program ran with exactly these.
expect_ids() {
	local want got
	want=$(printf 'Uid: %s %s %s %s\nGid: %s %s %s %s\nGroups:%s\nHOME=%s\nRAN' \
		"$1" "$1" "$1" "$1" "$2" "$2" "$2" "$2" "${3:+ $3}" "$4")
	got=$(cat "$T/out")
	[ "$got" = "$want" ] ||
		fail "${WHAT:-}program saw: $(tr '\n' '|' <"$T/out"); want: $(tr '\n' '|' <<<"$want"); stderr: $(head -c 300 "$T/err")"
}

# expect_refused WORD...: 125, one error line holding each WORD, and the
# program did not run.
expect_refused() {
	local w
	expect_status 125 "${WHAT:-}"
	! grep -q RAN "$T/out" || fail "${WHAT:-}the program ran: $(tr '\n' '|' <"$T/out")"
	[ "$(wc -l <"$T/err")" -eq 1 ] ||
		fail "${WHAT:-}$(wc -l <"$T/err") lines on stderr: $(head -c 300 "$T/err")"
	grep -q '^init-lite: error: ' "$T/err" || fail "${WHAT:-}message: $(cat "$T/err")"
	for w in "$@"; do
		grep -qF -- "$w" "$T/err" || fail "${WHAT:-}message does not say '$w': $(cat "$T/err")"
	done
}

test_user_name() {
	run_user HOME=/root -u app -- sh -c "$IDS"
	expect_status 0
	# Supplementary: staff (listed twice, with gid 50 both times: once),
	# video; not near (appl, apps, xapp, App), not the malformed "bad".
	expect_ids 1000 1000 "44 50" /home/app
	run_user -u apple -- sh -c "$IDS"
	expect_ids 1001 1001 "10 50" /home/apple
}

test_user_number_in_passwd() {
	run_user -u 1000 -- sh -c "$IDS"
	expect_status 0
	expect_ids 1000 1000 "44 50" /home/app
	# The first line with that uid, as getpwuid; its name's groups.
	run_user -u 2000 -- sh -c "$IDS"
	expect_ids 2000 2000 "44 50" /second
}

test_user_number_not_in_passwd() {
	run_user HOME=/kept -u 4321 -- sh -c "$IDS"
	expect_status 0
	expect_ids 4321 0 "" /kept
	run_user HOME=/kept -u 4321:77 -- sh -c "$IDS"
	expect_ids 4321 77 "" /kept
	run_user HOME=/kept -u 4321:staff -- sh -c "$IDS"
	expect_ids 4321 50 "" /kept
}

test_user_group() {
	run_user -u app:wheel -- sh -c "$IDS"
	expect_status 0
	expect_ids 1000 10 "44 50" /home/app
	run_user -u app:777 -- sh -c "$IDS"
	expect_ids 1000 777 "44 50" /home/app
	run_user -u 1000:0 -- sh -c "$IDS"
	expect_ids 1000 0 "44 50" /home/app
}

test_user_home() {
	# Set over the one given, added when there is none, "/" when empty;
	# there is one HOME, never two.
	run_user HOME=/elsewhere -u app -- sh -c 'env | grep -c "^HOME="; echo "$HOME"'
	[ "$(cat "$T/out")" = "1
/home/app" ] || fail "HOME=/elsewhere -u app: $(tr '\n' '|' <"$T/out")"
	WRAP="env -u HOME" run_user -u app -- sh -c 'env | grep -c "^HOME="; echo "$HOME"'
	[ "$(cat "$T/out")" = "1
/home/app" ] || fail "no HOME, -u app: $(tr '\n' '|' <"$T/out")"
	run_user -u nohome -- sh -c 'echo "$HOME"'
	[ "$(cat "$T/out")" = / ] || fail "-u nohome (empty home field): HOME=$(cat "$T/out")"
	# The rest of the environment is passed on as it was.
	run_user A=1 HOME=/h Z=2 -u app -- sh -c 'echo "$A$Z"'
	[ "$(cat "$T/out")" = 12 ] || fail "environment lost: $(cat "$T/out")"
	# LISTEN_PID naming init-lite still names the program in the copy.
	run_user LISTEN_PID=1 -u app -- sh -c 'echo "$$ $LISTEN_PID"'
	local pid lp
	read -r pid lp <"$T/out" || true
	[[ -n $pid && $pid == "$lp" ]] || fail "LISTEN_PID with -u: $(cat "$T/out")"
}

test_user_env() {
	run_user INIT_LITE_USER=app:staff -- sh -c "$IDS"
	expect_status 0
	expect_ids 1000 50 "44 50" /home/app
	# The flag wins over the variable.
	run_user INIT_LITE_USER=root -u apple -- sh -c "$IDS"
	expect_ids 1001 1001 "10 50" /home/apple
}

test_user_unknown_name() {
	WHAT="-u nosuch: " run_user -u nosuch -- sh -c "$IDS"
	WHAT="-u nosuch: " expect_refused "'nosuch'" /etc/passwd
	WHAT="-u app:nosuch: " run_user -u app:nosuch -- sh -c "$IDS"
	WHAT="-u app:nosuch: " expect_refused "app:nosuch" /etc/group
	# A prefix of a name is not that name.
	WHAT="-u appl: " run_user -u appl -- sh -c "$IDS"
	WHAT="-u appl: " expect_refused "'appl'"
	WHAT="INIT_LITE_USER=nosuch: " run_user INIT_LITE_USER=nosuch -- sh -c "$IDS"
	WHAT="INIT_LITE_USER=nosuch: " expect_refused "'nosuch'"
	# The line asked for is malformed: refused, not guessed.
	WHAT="-u broken: " run_user -u broken -- sh -c "$IDS"
	WHAT="-u broken: " expect_refused "'broken'" "bad line"
}

test_user_bad_values() {
	local v
	for v in "" a:b:c app: :staff app::x 4294967295 4294967296 \
		99999999999999999999 1000:4294967295; do
		WHAT="-u '$v': " run_user -u "$v" -- sh -c "$IDS"
		WHAT="-u '$v': " expect_refused -u "'init-lite --help'"
		WHAT="INIT_LITE_USER='$v': " run_user INIT_LITE_USER="$v" -- sh -c "$IDS"
		WHAT="INIT_LITE_USER='$v': " expect_refused INIT_LITE_USER
	done
	# Validated even when the flag overrides it.
	WHAT="INIT_LITE_USER=a:b:c -u app: " run_user INIT_LITE_USER=a:b:c -u app -- sh -c "$IDS"
	WHAT="INIT_LITE_USER=a:b:c -u app: " expect_refused INIT_LITE_USER
	WHAT="-u without a value: " run_user -u
	WHAT="-u without a value: " expect_refused -u
}

# Files over the 1 MiB buffer are refused, never read in part; exactly
# 1 MiB is read whole (the user is on the last line).
test_user_large_files() {
	user_files
	local size
	size=$(wc -c <"$T/passwd")
	{
		head -c $((1048576 - size - 33)) /dev/zero | tr '\0' '#'
		echo
		echo "last:x:1234:1234::/home/last:/s"
	} >>"$T/passwd"
	[ "$(wc -c <"$T/passwd")" -eq 1048576 ] || fail "fixture is $(wc -c <"$T/passwd") bytes"
	run_user -u last -- sh -c "$IDS"
	expect_status 0
	expect_ids 1234 1234 "" /home/last
	echo >>"$T/passwd"
	WHAT="passwd of 1 MiB + 1: " run_user -u last -- sh -c "$IDS"
	WHAT="passwd of 1 MiB + 1: " expect_refused /etc/passwd "File too large"
	user_files
	head -c 1048577 /dev/zero | tr '\0' '\n' >>"$T/group"
	WHAT="group over 1 MiB: " run_user -u 4321 -- sh -c "$IDS"
	WHAT="group over 1 MiB: " expect_refused /etc/group "File too large"
}

# init-lite itself keeps the identity it started with.
# ids PID KEY: the four ids of Uid: or Gid: in /proc/PID/status.
ids() { awk -v k="$2:" '$1 == k { print $2, $3, $4, $5 }' "/proc/$1/status"; }

test_user_init_keeps_identity() {
	user_files
	EARLY_EXIT_OK='' start env "$H/sigwrap" -- unshare --pid --fork --mount-proc sh -c '
		mount --bind "$0/passwd" /etc/passwd &&
		mount --bind "$0/group" /etc/group &&
		exec "$@"' "$T" "$INIT_LITE" -u app -- sh -c 'echo RAN; exec sleep 60'
	wait_for 10 has_line "$T/out" RAN || fail "the program did not start: $(head -c 300 "$T/err")"
	local c
	c=$(main_child)
	[ "$(ids "$c" Uid)" = "1000 1000 1000 1000" ] ||
		fail "the program's Uid: $(ids "$c" Uid)"
	[ "$(ids "$IPID" Uid)" = "0 0 0 0" ] ||
		fail "init-lite's Uid: $(ids "$IPID" Uid)"
	[ "$(ids "$IPID" Gid)" = "0 0 0 0" ] ||
		fail "init-lite's Gid: $(ids "$IPID" Gid)"
	kill -TERM "$IPID"
	wait_exit 10
	expect_status 143
}

# The program cannot become root again, by any of the set*id calls.
test_user_cannot_regain_root() {
	mkdir -m 755 "$T/pub"
	chmod 711 "$T"
	cp "$H/tryroot" "$T/pub/"
	chmod 755 "$T/pub/tryroot"
	run_user -u app -- "$T/pub/tryroot"
	expect_status 0
	local want="setuid(0) EPERM
setreuid(0) EPERM
setresuid(0) EPERM
seteuid(0) EPERM"
	[ "$(cat "$T/out")" = "$want" ] || fail "as app: $(tr '\n' '|' <"$T/out")"
}

# Each step can fail; then the program does not run and the exit is 125.
test_user_setgroups_fails() {
	# A user namespace where setgroups is denied (unshare --map-root-user).
	WHAT="setgroups denied: " UNSHARE="--user --map-root-user" run_user -u app -- sh -c "$IDS"
	WHAT="setgroups denied: " expect_refused setgroups "Operation not permitted"
	# Without CAP_SETGID.
	WHAT="no CAP_SETGID: " WRAP="setpriv --bounding-set -setgid" run_user -u app -- sh -c "$IDS"
	WHAT="no CAP_SETGID: " expect_refused setgroups
}

test_user_setgid_fails() {
	# Only gid 0 is mapped: setgroups([]) works, setgid(777) cannot.
	WHAT="gid 777 unmapped: " WRAP="$H/userns 0,0,65536 0,0,1 --" \
		run_user -u 4321:777 -- sh -c "$IDS"
	WHAT="gid 777 unmapped: " expect_refused setgid "Invalid argument"
}

test_user_setuid_fails() {
	WHAT="no CAP_SETUID: " WRAP="setpriv --bounding-set -setuid" run_user -u app -- sh -c "$IDS"
	WHAT="no CAP_SETUID: " expect_refused setuid "Operation not permitted"
}

# Capabilities kept across setuid (SECBIT_NO_SETUID_FIXUP) would let the
# program become root again: refused. Root itself is allowed to stay root.
test_user_root_regain_refused() {
	WHAT="no_setuid_fixup: " WRAP="setpriv --securebits +no_setuid_fixup" \
		run_user -u app -- sh -c "$IDS"
	WHAT="no_setuid_fixup: " expect_refused "root can be regained"
	WRAP="setpriv --securebits +no_setuid_fixup" run_user -u root -- sh -c "$IDS"
	expect_status 0 "-u root with no_setuid_fixup: "
	expect_ids 0 0 "" /root
}
