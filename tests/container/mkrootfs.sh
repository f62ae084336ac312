#!/bin/bash
# Builds a scratch-like root filesystem offline: Debian's static busybox with
# its applet links, and nothing else. With a second argument, that binary is
# copied in as /sbin/init-lite (the "static binary in a bare image" use).
#   mkrootfs.sh DIR [INIT_BINARY]
set -eu

dir=${1:?usage: mkrootfs.sh DIR [INIT_BINARY]}
init=${2:-}
busybox=${BUSYBOX:-/bin/busybox}

if ! "$busybox" --list-full >/dev/null 2>&1; then
	echo "mkrootfs: $busybox is not a busybox binary" >&2
	exit 1
fi
# A dynamic busybox would need the host's libraries inside the image.
if ldd "$busybox" >/dev/null 2>&1; then
	echo "mkrootfs: $busybox is not static (install busybox-static)" >&2
	exit 1
fi

mkdir -p "$dir"
for d in bin sbin usr/bin usr/sbin etc proc sys dev tmp root; do
	mkdir -p "$dir/$d"
done
chmod 1777 "$dir/tmp"
cp "$busybox" "$dir/bin/busybox"
"$busybox" --list-full | while IFS= read -r applet; do
	[ "$applet" = bin/busybox ] && continue
	mkdir -p "$dir/$(dirname "$applet")"
	ln -sf /bin/busybox "$dir/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' \
	>"$dir/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
if [ -n "$init" ]; then
	cp "$init" "$dir/sbin/init-lite"
	chmod 0755 "$dir/sbin/init-lite"
fi
