#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-kill.host.sh OUT: the session made after the daemons were killed
# is complete: two streams, monotonic, no discards, the second
# workload's 20 sleeps as 20 switches out of it and 20 back in.  (The
# guest checked the teardown itself; kmemleak, on debug, the leaks.)
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"
pid=$(cat "$out/wl-kill-b.pid")

[[ $(cat "$out/wl-kill-b.done") == 20 ]]
[[ $(wc -l <"$out/sessiond-ready") == 2 ]]
babeltrace2 "$out/trace-after" >/dev/null
$check "$out/trace-after/kernel" --summary --streams 2 --monotonic --no-discards \
	--match "sched_switch:prev_comm=wl-kill-b,prev_tid=$pid" \
	--match "sched_switch:next_comm=wl-kill-b,next_tid=$pid" --min-match 20
