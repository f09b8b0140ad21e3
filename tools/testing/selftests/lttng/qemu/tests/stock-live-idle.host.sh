#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-live-idle.host.sh OUT: the live viewer printed the 10 test events,
# intfield 0 to 9 in order, all from CPU 0, and nothing else.
set -euo pipefail
out=$1

fail() {
	echo "stock-live-idle: $*" >&2
	exit 1
}

n=$(grep -c 'lttng_test_filter_event: ' "$out/live.txt" || true)
((n == 10)) || fail "the viewer printed $n test events, expected 10"
other=$(grep -vc 'lttng_test_filter_event: ' "$out/live.txt" || true)
((other == 0)) || fail "the viewer printed $other other lines"
got=$(sed -n 's/.*cpu_id = \([0-9]*\) }, { intfield = \([0-9]*\),.*/\1:\2/p' "$out/live.txt" | tr '\n' ' ')
want="0:0 0:1 0:2 0:3 0:4 0:5 0:6 0:7 0:8 0:9 "
[[ $got == "$want" ]] || fail "cpu:intfield pairs '$got', expected '$want'"
echo "stock-live-idle: 10 events from CPU 0, CPU 1 idle, shown live after $(cat "$out/seconds") s"
