#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# kernel-tree.sh - make sure the kernel trees exist under build/.
#
#   build/linux-pristine  the source, never modified (make patch diffs
#                         against it, the built-in.sh test compares with it)
#   build/linux           the work tree: the same source with built-in.sh
#                         applied (symlinks, so repo edits just rebuild)
#
# The source is Debian's linux-source-6.12 package by default.  KSRC=PATH
# takes another 6.12 tree instead (a directory or a .tar.{xz,gz} of one, e.g.
# a vanilla kernel.org tarball).  The origin is recorded in
# build/kernel-source; when it changes, the trees and the O= build dirs are
# made again from scratch.
#
# built-in.sh runs on the work tree every time: it is idempotent and cheap.

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

DEB_TARBALL=/usr/src/linux-source-6.12.tar.xz

if [[ -n ${KSRC:-} ]]; then
	[[ -e $KSRC ]] || die "KSRC=$KSRC does not exist"
	SRC=$(readlink -f "$KSRC")
else
	ensure_pkgs linux-source-6.12 xz-utils
	SRC=$DEB_TARBALL
fi
ensure_pkgs tar xz-utils gzip diffutils util-linux

mkdir -p "$BUILD"
lock kernel-tree
STAMP=$BUILD/kernel-source
if [[ -f $STAMP && $(cat "$STAMP") != "$SRC" ]]; then
	info "kernel source changed ($(cat "$STAMP") -> $SRC): starting over"
	rm -rf "$KTREE" "$KPRISTINE" "$BUILD"/obj-*
fi

# unpack_pristine: SRC -> build/linux-pristine, through a temporary name so
# that an interrupted run never leaves a half tree behind.
unpack_pristine() {
	local tmp=$BUILD/.linux-pristine.tmp top
	rm -rf "$tmp"
	mkdir -p "$tmp"
	if [[ -d $SRC ]]; then
		info "copying $SRC"
		mkdir "$tmp/linux"
		tar -C "$SRC" --exclude=./.git -cf - . | tar -C "$tmp/linux" -xf -
	else
		info "unpacking $SRC"
		tar -xf "$SRC" -C "$tmp"
	fi
	top=$(find "$tmp" -mindepth 1 -maxdepth 1)
	[[ $(wc -l <<<"$top") == 1 && -f $top/Makefile ]] ||
		die "$SRC does not hold exactly one kernel tree"
	mv "$top" "$KPRISTINE"
	rmdir "$tmp"
}

if [[ ! -d $KPRISTINE ]]; then
	rm -rf "$KTREE"
	unpack_pristine
	echo "$SRC" >"$STAMP"
fi

if [[ ! -d $KTREE ]]; then
	info "creating the work tree $KTREE"
	cp -a "$KPRISTINE" "$KTREE.tmp"
	mv "$KTREE.tmp" "$KTREE"
fi

QUIET=${QUIET-1} "$ROOT/built-in.sh" "$KTREE"
