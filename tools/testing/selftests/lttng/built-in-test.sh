#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# built-in-test.sh [LOGDIR] - the host tests of built-in.sh:
#
#   built-in:link, built-in:copy   built-in.sh twice, then --remove, on a
#                                  hard-linked copy of the pristine kernel
#                                  tree (build/linux-pristine), in link and
#                                  in copy mode
#   built-in:upgrade               over a tree that an earlier version of
#                                  it set up
#   built-in:refuse-*              a 6.6 tree and a tree with a missing
#                                  anchor must be refused, untouched
#
# It prints one "PASS name" or "FAIL name (why)" line per test, the end of
# the test's log indented under a FAIL line, and exits 1 if any failed.
# The logs go to LOGDIR/NAME.log (default build/built-in-test/).
# run-checks.sh runs it on the normal variant, with its own log directory,
# and counts its lines in its totals; it runs by hand as well.

set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/lib.sh
. "$(cd "$HERE/../../../.." && pwd)/scripts/lib.sh"

LOGDIR=${1:-$BUILD/built-in-test}
mkdir -p "$LOGDIR"
LOGDIR=$(cd "$LOGDIR" && pwd)
# One run at a time: each removes the leftovers of an interrupted one
# (build/.built-in-test.*).
lock built-in-sh

failed=0

# pass NAME / fail NAME [WHY]: one line per test.
pass() {
	echo "PASS $1"
}
fail() {
	echo "FAIL $1${2:+ ($2)}"
	failed=$((failed + 1))
}

# show LOG and verdict NAME WHY LOG.
# shellcheck source=tools/testing/selftests/lttng/verdict.sh
. "$HERE/verdict.sh"

# manifest DIR: every path with its type, inode, size, mtime, mode and link
# target.  Any write, replacement or touch shows up in it.
manifest() {
	(cd "$1" && find . -printf '%y %i %s %T@ %m %p -> %l\n' | LC_ALL=C sort)
}

# built-in.sh, MODE (link or copy): twice, then --remove, on a hard-linked
# copy of the pristine tree.  The second run must change nothing, --remove
# must give the pristine tree back, and the pristine tree (sharing every
# inode) must never be written through.
test_builtin() {
	local mode=$1 name=built-in:$1 t log args=()
	[[ $mode == copy ]] && args=(--copy)
	# Leftovers of an interrupted run (the built-in-sh lock is ours).
	rm -rf "$BUILD"/.built-in-test.*
	t=$(mktemp -d "$BUILD/.built-in-test.XXXXXX")
	log=$LOGDIR/$name.log
	local why=
	{
		manifest "$KPRISTINE" >"$t/pristine.before"
		cp -al "$KPRISTINE" "$t/tree"
		"$ROOT/built-in.sh" "${args[@]}" "$t/tree" || why="first run failed"
		[[ -n $why || -f $t/tree/kernel/lttng/Kconfig ]] || why="kernel/lttng/Kconfig not reachable"
		grep -qxF 'source "kernel/lttng/Kconfig"' "$t/tree/lib/Kconfig.debug" ||
			why=${why:-"lib/Kconfig.debug not edited"}
		grep -qxF $'\tlttng.autostart=' "$t/tree/Documentation/admin-guide/kernel-parameters.txt" ||
			why=${why:-"kernel-parameters.txt not edited"}
		manifest "$t/tree" >"$t/m1"
		"$ROOT/built-in.sh" "${args[@]}" "$t/tree" || why=${why:-"second run failed"}
		manifest "$t/tree" >"$t/m2"
		diff "$t/m1" "$t/m2" || why=${why:-"the second run changed the tree"}
		"$ROOT/built-in.sh" --remove "$t/tree" || why=${why:-"--remove failed"}
		diff -r --no-dereference "$KPRISTINE" "$t/tree" || why=${why:-"--remove left differences"}
		manifest "$KPRISTINE" >"$t/pristine.after"
		diff "$t/pristine.before" "$t/pristine.after" ||
			why=${why:-"the pristine tree was written through hard links"}
	} >"$log" 2>&1
	rm -rf "$t"
	verdict "$name" "$why" "$log"
}

# built-in.sh over a tree that an earlier version of it set up: the
# kernel-parameters.txt block of an older text, the kernel/Makefile line
# where an old version put it (at the end).  The run must put the current
# blocks at their anchors, as on a fresh tree, and --remove must still give
# the pristine tree back.
test_builtin_upgrade() {
	local name=built-in:upgrade t log why=
	local kp=Documentation/admin-guide/kernel-parameters.txt km=kernel/Makefile
	t=$(mktemp -d "$BUILD/.built-in-test.XXXXXX")
	log=$LOGDIR/$name.log
	{
		cp -al "$KPRISTINE" "$t/tree"
		"$ROOT/built-in.sh" "$t/tree" || why="first run failed"
		cp "$t/tree/$kp" "$t/kp.want"
		cp "$t/tree/$km" "$t/km.want"
		# An older block text; the line moved to the end (new files: the
		# tree shares its inodes with the pristine one).
		sed 's/^\t\t\tDefault: CONFIG_LTTNG_TRACING_GROUP\.$/\t\t\tOld text./' \
			"$t/kp.want" >"$t/kp.old"
		cmp -s "$t/kp.want" "$t/kp.old" && why=${why:-"no older block made"}
		mv -f "$t/kp.old" "$t/tree/$kp"
		grep -vxF 'obj-$(CONFIG_LTTNG) += lttng/' "$t/km.want" >"$t/km.old" || true
		echo 'obj-$(CONFIG_LTTNG) += lttng/' >>"$t/km.old"
		mv -f "$t/km.old" "$t/tree/$km"
		"$ROOT/built-in.sh" "$t/tree" || why=${why:-"the run over the old tree failed"}
		cmp "$t/kp.want" "$t/tree/$kp" || why=${why:-"$kp: the older block stayed"}
		cmp "$t/km.want" "$t/tree/$km" || why=${why:-"$km: the line was not moved"}
		"$ROOT/built-in.sh" --remove "$t/tree" || why=${why:-"--remove failed"}
		diff -r --no-dereference "$KPRISTINE" "$t/tree" || why=${why:-"--remove left differences"}
	} >"$log" 2>&1
	rm -rf "$t"
	verdict "$name" "$why" "$log"
}

# The syscall table generator over the normal kernel's configuration and
# over the same without IA32_EMULATION, which the test kernels never

# fake_tree DIR VERSION PATCHLEVEL: the five anchor files and a Makefile.
fake_tree() {
	mkdir -p "$1/lib" "$1/kernel" "$1/drivers/misc" "$1/Documentation/trace" \
		"$1/Documentation/admin-guide"
	printf 'VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = 0\n' "$2" "$3" >"$1/Makefile"
	echo 'source "kernel/trace/Kconfig"' >"$1/lib/Kconfig.debug"
	# shellcheck disable=SC2016
	echo 'obj-$(CONFIG_TRACEPOINTS) += tracepoint.o' >"$1/kernel/Makefile"
	# shellcheck disable=SC2016
	printf 'obj-$(CONFIG_LKDTM)\t\t+= lkdtm/\n' >"$1/drivers/misc/Makefile"
	printf '.. toctree::\n\n   ring-buffer-design\n' >"$1/Documentation/trace/index.rst"
	printf '\t\t\toverrides CONFIG_LSM, and the "security=" parameter.\n' \
		>"$1/Documentation/admin-guide/kernel-parameters.txt"
}

# refuse NAME DIR PATTERN: built-in.sh must fail on DIR, say PATTERN, and
# leave DIR as it was.
refuse() {
	local name=$1 dir=$2 log=$LOGDIR/$1.log before
	before=$(manifest "$dir")
	if "$ROOT/built-in.sh" "$dir" >"$log" 2>&1; then
		fail "$name" "built-in.sh accepted the tree"
	elif ! grep -q "$3" "$log"; then
		fail "$name" "no clear message"
	elif [[ $(manifest "$dir") != "$before" ]]; then
		fail "$name" "the refused tree was changed"
	else
		pass "$name"
		return 0
	fi
	show "$log"
}

test_builtin_refuse() {
	local t
	t=$(mktemp -d)
	fake_tree "$t/v6.6" 6 6
	refuse built-in:refuse-6.6 "$t/v6.6" "targets Linux 6.12"
	fake_tree "$t/no-anchor" 6 12
	: >"$t/no-anchor/kernel/Makefile"
	refuse built-in:refuse-missing-anchor "$t/no-anchor" "anchor line missing in kernel/Makefile"
	rm -rf "$t"
}

test_builtin link
test_builtin copy
test_builtin_upgrade
test_builtin_refuse
((failed == 0))
