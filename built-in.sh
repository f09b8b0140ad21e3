#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# built-in.sh - integrate the LTTng built-in overlay into a Linux 6.12 tree.
#
#   ./built-in.sh [--copy] [--remove] KSRC
#
# The repo is an overlay of a kernel tree (DESIGN.md section 2).  This script
# makes KSRC see it:
#
#   * each overlay path is symlinked into KSRC (default), so that an edit in
#     the repo rebuilds without running this script again, or copied
#     (--copy), which gives a self-contained tree (used by `make patch`);
#   * one line is inserted after a stable anchor line in each of
#     lib/Kconfig.debug, kernel/Makefile, drivers/misc/Makefile and
#     Documentation/trace/index.rst.  Anchors are matched as whole lines,
#     never by line number.
#
# Rules:
#   * Idempotent: a second run changes nothing, not even an mtime.
#   * --remove restores KSRC byte for byte: it deletes the overlay paths
#     (none of them exist in a 6.12 tree) and the inserted lines.
#   * Every check happens before the first change: a tree that is not 6.12,
#     or that lacks an anchor, is refused untouched.
#   * Files are never edited in place.  An edited file is written to a
#     temporary file and renamed over the original, so a tree made with
#     `cp -al` (hard links) never writes through to the tree it links to.
#   * Git is never needed: the tree may be a git work tree or a plain one.
#     For a git tree, the overlay shows up as untracked paths and three
#     modified files, and `--remove` leaves `git status` clean again.

set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)

usage() {
	echo "usage: $0 [--copy] [--remove] KSRC" >&2
	exit "${1:-2}"
}

die() {
	echo "built-in.sh: error: $*" >&2
	exit 1
}

say() {
	[[ -n ${QUIET:-} ]] || echo "built-in.sh: $*"
}

MODE="link"
REMOVE=
KSRC=
while (($#)); do
	case $1 in
	--copy) MODE=copy ;;
	--remove) REMOVE=1 ;;
	-h | --help) usage 0 ;;
	-*) usage ;;
	*)
		[[ -z $KSRC ]] || usage
		KSRC=$1
		;;
	esac
	shift
done
[[ -n $KSRC ]] || usage
[[ -d $KSRC ]] || die "$KSRC: not a directory"
KSRC=$(cd "$KSRC" && pwd)

# The overlay: repo path -> same path in the kernel tree.  None of these exist
# in a 6.12 tree, so whatever is found at one of them is ours to replace or to
# remove.
OVERLAY=(
	kernel/lttng
	drivers/misc/lttng
	include/linux/lttng
	include/uapi/linux/lttng.h
	Documentation/trace/lttng
	tools/lttng
	tools/testing/selftests/lttng
)

# The inserted lines: file, anchor line, inserted line, and whether the
# insertion is needed (a command evaluated in the repo).  The line goes right
# after the anchor.
EDIT_FILES=(
	lib/Kconfig.debug
	kernel/Makefile
	drivers/misc/Makefile
	Documentation/trace/index.rst
)
# shellcheck disable=SC2016 # make and Kconfig syntax, not shell
EDIT_ANCHORS=(
	'source "kernel/trace/Kconfig"'
	'obj-$(CONFIG_TRACEPOINTS) += tracepoint.o'
	$'obj-$(CONFIG_LKDTM)\t\t+= lkdtm/'
	'   ring-buffer-design'
)
# shellcheck disable=SC2016
EDIT_LINES=(
	'source "kernel/lttng/Kconfig"'
	'obj-$(CONFIG_LTTNG) += lttng/'
	$'obj-$(CONFIG_LTTNG)\t\t+= lttng/'
	'   lttng/index'
)
# Is edit $1 wanted?  The toctree entry only when the repo has the page.
edit_wanted() {
	case ${EDIT_FILES[$1]} in
	Documentation/*) [[ -f $REPO/Documentation/trace/lttng/index.rst ]] ;;
	*) true ;;
	esac
}

# ---- checks: nothing is changed before all of them pass ------------------

check_version() {
	local mk=$KSRC/Makefile v p
	[[ -f $mk ]] || die "$KSRC: no top-level Makefile, not a kernel tree"
	v=$(sed -n 's/^VERSION = //p' "$mk" | head -n1)
	p=$(sed -n 's/^PATCHLEVEL = //p' "$mk" | head -n1)
	[[ $v == 6 && $p == 12 ]] ||
		die "$KSRC is Linux ${v:-?}.${p:-?}; LTTng built-in targets Linux 6.12 only"
}

check_anchors() {
	local i f missing=()
	for i in "${!EDIT_FILES[@]}"; do
		edit_wanted "$i" || continue
		f=$KSRC/${EDIT_FILES[$i]}
		if [[ ! -f $f ]] || ! grep -qxF -- "${EDIT_ANCHORS[$i]}" "$f"; then
			missing+=("${EDIT_FILES[$i]}: '${EDIT_ANCHORS[$i]}'")
		fi
	done
	if ((${#missing[@]})); then
		printf 'built-in.sh: error: anchor line missing in %s\n' "${missing[@]}" >&2
		die "$KSRC does not look like a Linux 6.12 tree; nothing changed"
	fi
}

check_repo() {
	[[ -f $REPO/kernel/lttng/Kconfig ]] || die "$REPO/kernel/lttng/Kconfig missing"
	[[ $REPO != "$KSRC" ]] || die "KSRC is the repo itself"
}

# ---- file edits, by rename ------------------------------------------------

# replace_file FILE: move FILE.new over FILE, keeping FILE's mode.
replace_file() {
	chmod --reference="$1" "$1.lttng-new"
	mv -f "$1.lttng-new" "$1"
}

# insert_line IDX: add the line after the anchor unless it is already there.
insert_line() {
	local f=$KSRC/${EDIT_FILES[$1]}
	grep -qxF -- "${EDIT_LINES[$1]}" "$f" && return 0
	awk -v anchor="${EDIT_ANCHORS[$1]}" -v line="${EDIT_LINES[$1]}" '
		{ print }
		!done && $0 == anchor { print line; done = 1 }
	' "$f" >"$f.lttng-new"
	replace_file "$f"
	say "inserted in ${EDIT_FILES[$1]}: ${EDIT_LINES[$1]}"
}

# delete_line IDX: drop the inserted line, only where it follows the anchor.
delete_line() {
	local f=$KSRC/${EDIT_FILES[$1]}
	[[ -f $f ]] && grep -qxF -- "${EDIT_LINES[$1]}" "$f" || return 0
	awk -v anchor="${EDIT_ANCHORS[$1]}" -v line="${EDIT_LINES[$1]}" '
		prev == anchor && $0 == line { prev = ""; next }
		{ print; prev = $0 }
	' "$f" >"$f.lttng-new"
	if cmp -s "$f" "$f.lttng-new"; then
		rm -f "$f.lttng-new"
		die "${EDIT_FILES[$1]}: '${EDIT_LINES[$1]}' is not right after its anchor; fix by hand"
	fi
	replace_file "$f"
	say "removed from ${EDIT_FILES[$1]}: ${EDIT_LINES[$1]}"
}

# ---- overlay paths --------------------------------------------------------

# Remove whatever sits at a tree path (a link, a copy, or nothing).
remove_path() {
	local dst=$KSRC/$1
	[[ -e $dst || -L $dst ]] || return 0
	rm -rf -- "$dst"
	say "removed $1"
}

# After --remove: drop parent directories that only the overlay needed (in a
# real 6.12 tree they all exist and hold files, so this does nothing).
remove_empty_parents() {
	local d
	d=$(dirname -- "$1")
	while [[ $d != . ]] && rmdir -- "$KSRC/$d" 2>/dev/null; do
		d=$(dirname -- "$d")
	done
}

link_path() {
	local src=$REPO/$1 dst=$KSRC/$1
	if [[ -L $dst && $(readlink -- "$dst") == "$src" ]]; then
		return 0
	fi
	remove_path "$1"
	mkdir -p -- "$(dirname -- "$dst")"
	ln -s -- "$src" "$dst"
	say "linked $1 -> $src"
}

copy_path() {
	local src=$REPO/$1 dst=$KSRC/$1
	# An identical copy stays untouched, so that nothing rebuilds.
	if [[ -e $dst && ! -L $dst ]] && diff -rq --no-dereference -- "$src" "$dst" >/dev/null 2>&1; then
		return 0
	fi
	remove_path "$1"
	mkdir -p -- "$(dirname -- "$dst")"
	cp -a -- "$src" "$dst"
	say "copied $1"
}

# ---- main -----------------------------------------------------------------

check_version

if [[ -n $REMOVE ]]; then
	for i in "${!EDIT_FILES[@]}"; do
		delete_line "$i"
	done
	for p in "${OVERLAY[@]}"; do
		remove_path "$p"
		remove_empty_parents "$p"
	done
	exit 0
fi

check_repo
check_anchors

for p in "${OVERLAY[@]}"; do
	if [[ ! -e $REPO/$p ]]; then
		# Not written yet: make sure a stale link or copy does not linger.
		remove_path "$p"
		continue
	fi
	"${MODE}_path" "$p"
done
for i in "${!EDIT_FILES[@]}"; do
	if edit_wanted "$i"; then
		insert_line "$i"
	else
		delete_line "$i"
	fi
done
