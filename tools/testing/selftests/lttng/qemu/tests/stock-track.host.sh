#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-track.host.sh OUT: with the pid (then vpid) of workload in
# tracked, the session has in's 20 sleeps as switches out of it, every
# event of the trace comes from in (a sched_switch is recorded in the
# context of prev: prev_tid is in's pid), and nothing from workload out,
# which ran its 20 sleeps at the same time.  No discarded events.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"

for kind in pid vpid; do
	in=$(cat "$out/wl-$kind-in.pid")
	other=$(cat "$out/wl-$kind-out.pid")
	[[ $(cat "$out/wl-$kind-in.done") == 20 && $(cat "$out/wl-$kind-out.done") == 20 ]]
	babeltrace2 "$out/trace-$kind" >/dev/null
	$check "$out/trace-$kind/kernel" --summary --monotonic --no-discards \
		--match "sched_switch:prev_comm=wl-$kind-in,prev_tid=$in" --min-match 20 \
		--each "sched_switch=>prev_tid=$in" \
		--no-match "sched_switch:prev_tid=$other"
done
