# shellcheck shell=bash
# Images of the podman and CRI tests (and of bench/engines.sh), sourced:
# OCI archives made offline from $T/base (the busybox rootfs of
# mkrootfs.sh) by mkimage.py; needs $T, $HERE and $INIT_LITE.

# make_images: in $T/images,
# il-base (busybox, app, leftover; no init), il-app (the same with
# init-lite as ENTRYPOINT, app as CMD) and il-pause (init-lite alone,
# ENTRYPOINT `init-lite --pause`: a pod's infra/sandbox image).
make_images() {
	# Each step stops the whole on failure: run.sh calls this in an `if`,
	# where `set -e` does not apply.
	mkdir -p "$T/images" "$T/img-pause/sbin" &&
	"${CC:-cc}" -Wall -Wextra -Werror -O2 -static -o "$T/app" \
		"$HERE/../helpers/app.c" &&
	cp -a "$T/base" "$T/img-base" &&
	mkdir -p "$T/img-base/usr/local/bin" &&
	install -m 0755 "$T/app" "$T/img-base/usr/local/bin/app" &&
	install -m 0755 "$HERE/leftover.sh" "$T/img-base/usr/local/bin/leftover" &&
	cp -a "$T/img-base" "$T/img-app" &&
	install -m 0755 "$INIT_LITE" "$T/img-app/sbin/init-lite" &&
	install -m 0755 "$INIT_LITE" "$T/img-pause/sbin/init-lite" &&
	/usr/bin/python3 "$HERE/mkimage.py" -o "$T/images/il-base.tar" \
		--name localhost/il-base:test "$T/img-base" &&
	/usr/bin/python3 "$HERE/mkimage.py" -o "$T/images/il-app.tar" \
		--name localhost/il-app:test \
		--entrypoint '["/sbin/init-lite", "--"]' --cmd '["app"]' "$T/img-app" &&
	/usr/bin/python3 "$HERE/mkimage.py" -o "$T/images/il-pause.tar" \
		--name localhost/il-pause:test \
		--entrypoint '["/sbin/init-lite", "--pause"]' "$T/img-pause"
}
