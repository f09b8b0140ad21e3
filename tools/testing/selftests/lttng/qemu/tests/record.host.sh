#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# record.host.sh OUT: both consumption paths give a complete trace; the
# session that never started has one empty packet per CPU and no event.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"

for mode in splice mmap; do
	pid=$(cat "$out/wl-$mode.pid")
	babeltrace2 "$out/$mode" >/dev/null
	$check "$out/$mode" --summary --streams 2 --monotonic --no-discards \
		--match "sched_switch:prev_comm=wl-$mode,prev_tid=$pid" --min-match 10
done
babeltrace2 "$out/stopped" >/dev/null
$check "$out/stopped" --events 0 --streams 2
