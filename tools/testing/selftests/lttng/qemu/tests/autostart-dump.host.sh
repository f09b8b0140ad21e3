#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-dump.host.sh OUT: the console of the crashed guest holds the
# boot session's dump; dump2ctf.py turns it into a trace that babeltrace2
# reads whole, with the whole workload from fork to exit, every stream's
# packets in sequence, and the shell that triggered the oops as the last
# task seen switching in on its CPU.
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)
console=$out/../console.log
pid=$(cat "$out/wl.pid")
sh_pid=$(cat "$out/sh.pid")

[[ $(cat "$out/param") == Y ]] || { echo "dump_on_oops is $(cat "$out/param")"; exit 1; }
grep -q 'lkdtm: Performing direct entry EXCEPTION' "$console" ||
	{ echo "no LKDTM oops on the console"; exit 1; }
grep -q 'lttng-dump: 0 begin boot 1' "$console" ||
	{ echo "no dump on the console"; exit 1; }
rm -rf "$out/trace"
python3 "$root/scripts/lttng/dump2ctf.py" "$console" "$out/trace" 2>"$out/dump2ctf.log" ||
	{ cat "$out/dump2ctf.log"; exit 1; }
cat "$out/dump2ctf.log"
grep -q ' 0 incomplete packets left out by the kernel, 0 damaged' "$out/dump2ctf.log"
babeltrace2 "$out/trace" >"$out/bt.txt" 2>"$out/bt.err"
[[ ! -s $out/bt.err ]] || { cat "$out/bt.err"; exit 1; }
# The workload, whole: its fork, then 6 sleeps, each a switch out and
# back in, then its exit and the final switch out.
/usr/bin/python3 "$here/../ctfcheck.py" "$out/trace" --summary --monotonic --no-discards \
	--match "sched_process_fork:child_tid=$pid" \
	--match "sched_process_exit:tid=$pid"
/usr/bin/python3 "$here/../ctfcheck.py" "$out/trace" \
	--match "sched_switch:prev_comm=wl-dump,prev_tid=$pid" --min-match 7
/usr/bin/python3 "$here/../ctfcheck.py" "$out/trace" \
	--match "sched_switch:next_comm=wl-dump,next_tid=$pid" --min-match 6
/usr/bin/python3 - "$out/trace" "$sh_pid" "$console" <<'PY'
import re
import sys

import bt2

trace, sh, console = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# Each stream's packets, as the dump lines list them: consecutive
# sequence numbers, the newest ones the flight recorder kept.
seqs = {}
for line in open(console, errors="replace"):
    m = re.search(r"lttng-dump: \d+ packet (\d+) (\d+) (\d+) ", line)
    if m:
        seqs.setdefault((int(m[1]), int(m[2])), []).append(int(m[3]))
last = {}
for m in bt2.TraceCollectionMessageIterator(trace):
    if type(m) is bt2._EventMessageConst and m.event.name == "sched_switch":
        cpu = int(m.event.packet.context_field["cpu_id"])
        last[cpu] = int(m.event.payload_field["next_tid"])
fails = []
for k, s in seqs.items():
    if s != list(range(s[0], s[0] + len(s))):
        fails.append(f"stream {k}: packet sequence numbers {s}")
# The flight recorder wrapped before the workload, and kept the newest.
if not any(s[0] > 0 for s in seqs.values()):
    fails.append(f"no stream wrapped: {seqs}")
# Up to the oops: the task last switched in on some CPU is the shell
# that wrote to LKDTM.
if sh not in last.values():
    fails.append(f"the last switches in were to {last}, not to the shell {sh}")
print(f"autostart-dump: packets per stream {dict((k, (s[0], s[-1])) for k, s in seqs.items())}, "
      f"the last task switched in per CPU: {last}")
if fails:
    print("\n".join(fails), file=sys.stderr)
    sys.exit(1)
PY
