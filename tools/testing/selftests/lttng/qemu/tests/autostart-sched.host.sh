#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-sched.host.sh OUT: the boot trace is complete and exact.
set -euo pipefail
out=$1
here=$(dirname "$0")
pid=$(cat "$out/wl.pid")

[[ $(cat "$out/param") == sched_switch ]]
grep -q "lttng: autostart: session 'boot' traces 1 events" "$out/dmesg-lttng"
# babeltrace2 reads the whole trace without a word on stderr.
babeltrace2 "$out/trace" >"$out/bt.txt" 2>"$out/bt.err"
[[ ! -s $out/bt.err ]] || { cat "$out/bt.err"; exit 1; }
# Every CPU stream has packets; time never goes back in a stream; the
# workload's 20 sleeps appear as switches out of and back into its tid.
/usr/bin/python3 "$here/../ctfcheck.py" "$out/trace" --summary --streams 2 --monotonic \
	--match "sched_switch:prev_comm=wl-spin,prev_tid=$pid" \
	--match "sched_switch:next_comm=wl-spin,next_tid=$pid" --min-match 20
# Nothing else than sched_switch was recorded.
# (`! cmd` would not stop the script under set -e: test and exit.)
if grep -v ' sched_switch: ' "$out/bt.txt" | grep -m3 .; then
	exit 1
fi
# The trace starts before user space: the first event is from swapper or
# a kernel thread, before the first event of init.
first_init=$(awk '/(next|prev)_comm = "init"/ { print NR; exit }' "$out/bt.txt")
[[ -n $first_init && $first_init -gt 1 ]]
