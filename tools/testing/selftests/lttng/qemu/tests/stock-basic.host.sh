#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-basic.host.sh OUT: the stock tools' trace of the kernel is
# complete: one stream per CPU, time never goes back, no loss, and the
# workload's 20 sleeps are 20 switches out of it and 20 back in.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"
pid=$(cat "$out/wl-basic.pid")

grep -q '2\.13\.9' "$out/version"
[[ $(cat "$out/wl-basic.done") == 20 ]]
# The session's kernel channel and event, as sessiond lists them.
grep -q '^ *sched_switch (loglevel: .*) (type: tracepoint) \[enabled\]$' \
	"$out/list-session"
grep -q '^ *Discarded events: 0$' "$out/list-session"
babeltrace2 "$out/trace" >"$out/bt.txt" 2>"$out/bt.err"
[[ ! -s $out/bt.err ]] || { cat "$out/bt.err"; exit 1; }
$check "$out/trace/kernel" --summary --streams 2 --monotonic --no-discards \
	--match "sched_switch:prev_comm=wl-basic,prev_tid=$pid" \
	--match "sched_switch:next_comm=wl-basic,next_tid=$pid" --min-match 20
# Nothing but sched_switch.
if grep -v ' sched_switch: ' "$out/bt.txt" | grep -m3 .; then
	exit 1
fi
