#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The KUnit boot (run-checks.sh): the kernel ran every built-in suite during
# boot (kunit.enable=1).  Copy each suite's KTAP results from debugfs to
# $OUT/kunit/SUITE; the host parses them.  The verdict only says whether the
# copy worked: passing and failing is the host's call.
set -e

dir=/sys/kernel/debug/kunit
[ -d $dir ] || { echo "kunit: $dir missing (CONFIG_KUNIT_DEBUGFS?)"; exit 1; }
mkdir -p "$OUT/kunit"
n=0
for s in "$dir"/*/; do
	s=${s%/}
	[ -f "$s/results" ] || continue
	cat "$s/results" >"$OUT/kunit/${s##*/}"
	n=$((n + 1))
done
echo "kunit: copied the results of $n suites"
