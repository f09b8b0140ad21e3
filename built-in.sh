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
#   * a few lines are inserted after a stable anchor line in each of
#     lib/Kconfig.debug, kernel/Makefile, drivers/misc/Makefile,
#     Documentation/trace/index.rst,
#     Documentation/admin-guide/kernel-parameters.txt, and, for the
#     automatic TRACE_EVENT consumer (CONFIG_LTTNG_TRACE_EVENTS), in
#     include/linux/trace_events.h (the class's .lttng_probe),
#     include/trace/trace_events.h (which sets it, as it sets perf's
#     .perf_probe) and include/trace/define_trace.h (which reads every
#     TRACE_EVENT header once more, through include/trace/lttng.h), and
#     samples/Kconfig and samples/Makefile (the instrumented module of
#     samples/lttng, CONFIG_SAMPLE_LTTNG).
#     Every one of those lines is under #ifdef CONFIG_LTTNG_TRACE_EVENTS or
#     includes a file that is, so CONFIG_LTTNG=n compiles the same kernel.
#     Anchors are matched as whole lines, never by line number.
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
#     For a git tree, the overlay shows up as untracked paths and ten
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
	include/trace/lttng.h
	Documentation/trace/lttng
	tools/lttng
	tools/testing/selftests/lttng
	scripts/lttng
	samples/lttng
)

# The inserted blocks: file, anchor line, inserted lines, and whether the
# insertion is needed (a command evaluated in the repo).  The lines go right
# after the anchor.
EDIT_FILES=(
	lib/Kconfig.debug
	kernel/Makefile
	drivers/misc/Makefile
	Documentation/trace/index.rst
	Documentation/admin-guide/kernel-parameters.txt
	include/linux/trace_events.h
	include/trace/trace_events.h
	include/trace/trace_events.h
	include/trace/trace_events.h
	include/trace/define_trace.h
	samples/Kconfig
	samples/Makefile
)
# shellcheck disable=SC2016 # make and Kconfig syntax, not shell
EDIT_ANCHORS=(
	'source "kernel/trace/Kconfig"'
	'obj-$(CONFIG_TRACEPOINTS) += tracepoint.o'
	$'obj-$(CONFIG_LKDTM)\t\t+= lkdtm/'
	'   ring-buffer-design'
	$'\t\t\toverrides CONFIG_LSM, and the "security=" parameter.'
	$'\tvoid\t\t\t*probe;'
	'#endif /* CONFIG_PERF_EVENTS */'
	$'_TRACE_PERF_PROTO(call, PARAMS(proto));\t\t\t\t\t\\'
	$'\t_TRACE_PERF_INIT(call)\t\t\t\t\t\t\\'
	'#include <trace/bpf_probe.h>'
	$'\t  This builds the custom trace event example module.'
	$'obj-$(CONFIG_SAMPLE_TRACE_PRINTK)\t+= trace_printk/'
)
# shellcheck disable=SC2016
EDIT_LINES=(
	'source "kernel/lttng/Kconfig"'
	'obj-$(CONFIG_LTTNG) += lttng/'
	$'obj-$(CONFIG_LTTNG)\t\t+= lttng/'
	'   lttng/index'
	$'\n'"$(cat "$REPO/Documentation/trace/lttng/kernel-parameters.txt" 2>/dev/null)"
	$'#ifdef CONFIG_LTTNG_TRACE_EVENTS\n\tvoid\t\t\t*lttng_probe;\n#endif'
	"$(cat <<'EOF'

#ifdef CONFIG_LTTNG_TRACE_EVENTS
#define _TRACE_LTTNG_PROTO(call, proto)					\
	static notrace void						\
	lttng_trace_##call(void *__data, proto);

#define _TRACE_LTTNG_INIT(call)						\
	.lttng_probe		= lttng_trace_##call,

#else
#define _TRACE_LTTNG_PROTO(call, proto)
#define _TRACE_LTTNG_INIT(call)
#endif /* CONFIG_LTTNG_TRACE_EVENTS */
EOF
)"
	$'_TRACE_LTTNG_PROTO(call, PARAMS(proto));\t\t\t\t\\'
	$'\t_TRACE_LTTNG_INIT(call)\t\t\t\t\t\t\\'
	'#include <trace/lttng.h>'
	'source "samples/lttng/Kconfig"'
	$'obj-$(CONFIG_SAMPLE_LTTNG)\t\t+= lttng/'
)
# For a block of several lines: the first non-blank line that follows the
# anchor in a 6.12 tree, so that an older version of the block, left by an
# earlier built-in.sh, can be told from the file's own text and replaced.
# A block that starts with a blank line stands for the one blank line
# between the anchor and that line in a 6.12 tree.
EDIT_NEXT=(
	''
	''
	''
	''
	$'\tmachtype=\t[Loongson] Share the same kernel image file between'
	'#ifdef CONFIG_PERF_EVENTS'
	'#include "stages/stage6_event_callback.h"'
	''
	''
	''
	''
	''
)
# Is edit $1 wanted?  The documentation edits only when the repo has them.
edit_wanted() {
	case ${EDIT_FILES[$1]} in
	Documentation/trace/*) [[ -f $REPO/Documentation/trace/lttng/index.rst ]] ;;
	Documentation/admin-guide/*)
		[[ -f $REPO/Documentation/trace/lttng/kernel-parameters.txt ]] ;;
	samples/*) [[ -f $REPO/samples/lttng/Kconfig ]] ;;
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

# block_at IDX: does the block follow its anchor?  0 yes, 1 no, 2 no but
# its first non-blank line is elsewhere in the file (edited by hand).
block_at() {
	BLOCK=${EDIT_LINES[$1]} awk -v anchor="${EDIT_ANCHORS[$1]}" '
		BEGIN {
			n = split(ENVIRON["BLOCK"], b, "\n")
			for (k = 1; k <= n && b[k] == ""; k++)
				;
			key = b[k]
		}
		{ l[NR] = $0; if ($0 == key) seen = 1 }
		END {
			for (i = 1; i <= NR; i++) {
				if (l[i] != anchor)
					continue
				for (j = 1; j <= n && l[i + j] == b[j]; j++)
					;
				if (j > n)
					exit 0
			}
			exit seen ? 2 : 1
		}
	' "$KSRC/${EDIT_FILES[$1]}"
}

# block_key IDX: the first non-blank line of the block, for messages.
block_key() {
	printf '%s\n' "${EDIT_LINES[$1]}" | sed -n '/[^[:space:]]/{p;q}'
}

# strip_stale IDX: remove another version of the block, one that an earlier
# built-in.sh left: a one-line block wherever the line is, a longer one
# between its anchor and EDIT_NEXT.  Anything else was edited by hand and
# is refused.
strip_stale() {
	local f=$KSRC/${EDIT_FILES[$1]}
	BLOCK=${EDIT_LINES[$1]} NEXT=${EDIT_NEXT[$1]} awk -v anchor="${EDIT_ANCHORS[$1]}" '
		BEGIN {
			n = split(ENVIRON["BLOCK"], b, "\n")
			for (k = 1; k <= n && b[k] == ""; k++)
				;
			key = b[k]
			next_line = ENVIRON["NEXT"]
			one = (n == 1)
		}
		one && $0 == key { found = 1; next }
		one { print; next }
		skipping && $0 != next_line { if ($0 == key) found = 1; next }
		skipping { if (b[1] == "") print ""; skipping = 0 }
		{ print }
		!done && $0 == anchor && next_line != "" { skipping = 1; done = 1 }
		END { exit !(found && !skipping) }
	' "$f" >"$f.lttng-new" || {
		rm -f -- "$f.lttng-new"
		die "${EDIT_FILES[$1]}: LTTng lines found away from their anchor; fix by hand"
	}
	replace_file "$f"
	say "removed an older version from ${EDIT_FILES[$1]}: $(block_key "$1")"
}

# insert_line IDX: add the lines after the anchor unless they are there.
insert_line() {
	local f=$KSRC/${EDIT_FILES[$1]} r=0
	block_at "$1" || r=$?
	((r != 0)) || return 0
	((r != 2)) || strip_stale "$1"
	BLOCK=${EDIT_LINES[$1]} awk -v anchor="${EDIT_ANCHORS[$1]}" '
		{ print }
		!done && $0 == anchor { print ENVIRON["BLOCK"]; done = 1 }
	' "$f" >"$f.lttng-new"
	replace_file "$f"
	say "inserted in ${EDIT_FILES[$1]}: $(block_key "$1")"
}

# delete_line IDX: drop the inserted lines, only where they follow the anchor.
delete_line() {
	local f=$KSRC/${EDIT_FILES[$1]} r=0
	[[ -f $f ]] || return 0
	block_at "$1" || r=$?
	((r != 1)) || return 0
	if ((r == 2)); then
		strip_stale "$1"
		return 0
	fi
	BLOCK=${EDIT_LINES[$1]} awk -v anchor="${EDIT_ANCHORS[$1]}" '
		BEGIN { n = split(ENVIRON["BLOCK"], b, "\n") }
		skip > 0 { skip--; next }
		{ print }
		!done && $0 == anchor { skip = n; done = 1 }
	' "$f" >"$f.lttng-new"
	replace_file "$f"
	say "removed from ${EDIT_FILES[$1]}: $(block_key "$1")"
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
