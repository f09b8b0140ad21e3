#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-live.host.sh OUT: the live viewer saw the workload, and saw what
# lttng-relayd stored.
#
#   - babeltrace2's live output has at least 20 switches out of the
#     workload (prev_comm wl-live, prev_tid its pid) and 20 back in;
#   - relayd's copy of the trace (its -o directory) reads without error,
#     two streams, monotonic, no discarded events, the same 20 and 20;
#   - every event line of the workload is the same in both, and the live
#     output has as many as the copy: the viewer missed none of them.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"
pid=$(cat "$out/wl-live.pid")

fail() {
	echo "stock-live: $*" >&2
	exit 1
}

[[ $(cat "$out/wl-live.done") == 20 ]] || fail "the workload did not finish"
# wl_lines FILE: the workload's sched_switch lines, without the delta.
wl_lines() {
	grep -E "sched_switch: .*(prev|next)_tid = $pid," "$1" |
		sed 's/ (+[?0-9.]*)//' | LC_ALL=C sort
}
wl_lines "$out/live.txt" >"$out/wl-live-lines"
outs=$(grep -c "prev_comm = \"wl-live\", prev_tid = $pid," "$out/wl-live-lines" || true)
ins=$(grep -c "next_comm = \"wl-live\", next_tid = $pid," "$out/wl-live-lines" || true)
((outs >= 20 && ins >= 20)) || fail "live: $outs switches out of the workload, $ins in, expected >= 20"

trace=$(find "$out/relayd" -type d -name kernel | head -n1)
[[ -n $trace ]] || fail "no kernel trace under relayd's output: $(find "$out/relayd" | head)"
babeltrace2 "$trace" >"$out/relayd.txt" 2>"$out/relayd.err"
[[ ! -s $out/relayd.err ]] || fail "babeltrace2 on relayd's copy: $(head -n3 "$out/relayd.err")"
$check "$trace" --summary --streams 2 --monotonic --no-discards \
	--match "sched_switch:prev_comm=wl-live,prev_tid=$pid" \
	--match "sched_switch:next_comm=wl-live,next_tid=$pid" --min-match 20
wl_lines "$out/relayd.txt" >"$out/wl-relayd-lines"
diff "$out/wl-relayd-lines" "$out/wl-live-lines" >"$out/wl-diff" ||
	fail "the live output and relayd's copy differ on the workload's events: $(head -n 6 "$out/wl-diff")"
echo "stock-live: $outs switches out, $ins in, the same live and in relayd's copy"
