#!/bin/sh
# Fetches Debian packages of a foreign architecture and unpacks them under
# DIR, without touching dpkg's state: no `dpkg --add-architecture`, no
# install. apt runs with lists and a cache of its own under DIR/apt
# (apt-get update, then apt-get download); dpkg -x unpacks each .deb into
# DIR/root.
#
#   cross-sysroot.sh ARCH DIR PACKAGE[=VERSION]...
#
# mk/cross.mk uses it for musl-dev (the C library of the cross builds) and
# tini (tini-static's size, for docs/architectures.md). On success
# DIR/root/.debs lists the packages unpacked, one `name version` a line.
set -eu

[ $# -ge 3 ] || { echo "usage: $0 ARCH DIR PACKAGE[=VERSION]..." >&2; exit 2; }
arch=$1
mkdir -p "$2/apt/lists/partial" "$2/apt/cache/archives/partial" "$2/debs"
dir=$(cd "$2" && pwd)
shift 2

# The host's sources.list (the same mirror serves every architecture),
# nothing of the host's dpkg status, lists and cache of its own. apt would
# drop to the _apt user to download, who cannot write a root-owned DIR.
apt() { # COMMAND ARGS...
	apt-get -q -o "APT::Architecture=$arch" -o "APT::Architectures=$arch" \
		-o "Dir::State::Lists=$dir/apt/lists" \
		-o "Dir::Cache=$dir/apt/cache" -o "Dir::State::status=/dev/null" \
		-o "APT::Sandbox::User=$(id -un)" "$@"
}

echo "cross-sysroot: $arch: apt-get update (lists in $dir/apt)" >&2
# A mirror in mid-sync fails one index now and then: try again, and if one
# still fails, go on with the lists that came (the download says if the
# package is not in them).
for try in 1 2 3; do
	apt update >"$dir/apt/update.log" 2>&1 && break
	[ "$try" -lt 3 ] && sleep 5
	echo "cross-sysroot: $arch: apt-get update failed ($try of 3):" \
		"$(grep '^[EW]:' "$dir/apt/update.log" | head -1)" >&2
done
rm -rf "$dir/debs" "$dir/root"
mkdir -p "$dir/debs" "$dir/root"
for p in "$@"; do
	# name:arch[=version]: apt-get download takes that form.
	case $p in
	*=*) spec="${p%%=*}:$arch=${p#*=}" ;;
	*) spec="$p:$arch" ;;
	esac
	(cd "$dir/debs" && apt download "$spec") >"$dir/apt/download.log" 2>&1 ||
		{ cat "$dir/apt/download.log" >&2
		  echo "cross-sysroot: cannot download $spec for $arch" >&2; exit 1; }
done
for deb in "$dir"/debs/*.deb; do
	dpkg-deb -x "$deb" "$dir/root"
	# shellcheck disable=SC2016 # dpkg's format, not the shell's
	dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb"
done >"$dir/root/.debs.new"
mv "$dir/root/.debs.new" "$dir/root/.debs"
cat "$dir/root/.debs" >&2
