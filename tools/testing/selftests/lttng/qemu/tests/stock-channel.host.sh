#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-channel.host.sh OUT: the one-sub-buffer channel, as sessiond lists
# it, holds the workload's 20 sleeps: 20 switches out of it and 20 back
# in, one stream per CPU, nothing discarded.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"
pid=$(cat "$out/wl-chan.pid")

[[ $(cat "$out/wl-chan.done") == 20 ]]
grep -q '^- one: \[enabled\]$' "$out/list-session"
grep -q '^ *Sub-buffer count: 1$' "$out/list-session"
grep -q '^ *Discarded events: 0$' "$out/list-session"
$check "$out/trace/kernel" --summary --streams 2 --monotonic --no-discards \
	--match "sched_switch:prev_comm=wl-chan,prev_tid=$pid" \
	--match "sched_switch:next_comm=wl-chan,next_tid=$pid" --min-match 20
