#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-events.host.sh OUT: the boot message counts exactly the events
# of ftrace's list that the spec's globs match (none of them has a
# hand-written description), and the boot trace holds only those events,
# from the first instant of the session: every softirq and interrupt
# handler entry is closed by its exit with the same vector or irq on the
# same CPU, and the secondary CPUs' bring-up is there (irq_matrix_online).
set -euo pipefail
out=$1
spec=$(sed -n 's/.*lttng\.autostart=\([^ ]*\).*/\1/p' "$(dirname "$0")/autostart-events.append")
babeltrace2 "$out/trace" >/dev/null 2>"$out/bt.err"
[[ ! -s $out/bt.err ]] || { cat "$out/bt.err"; exit 1; }
/usr/bin/python3 - "$out" "$spec" <<'PY'
import collections
import fnmatch
import re
import sys

import bt2

out, spec = sys.argv[1], sys.argv[2]
globs = spec.split(",")
names = {line.strip().split(":", 1)[1] for line in open(f"{out}/available_events")}
want = sorted(n for n in names if any(fnmatch.fnmatchcase(n, g) for g in globs))
msg = open(f"{out}/dmesg-lttng").read()
m = re.search(r"autostart: session 'boot' traces (\d+) events", msg)
if not m or int(m.group(1)) != len(want):
    sys.exit(f"boot message: {m and m.group(0)}, but ftrace lists {len(want)} "
             f"events that {spec} matches")

count = collections.Counter()
open_ = {}      # (stream, kind) -> the vector or irq of the open entry
for msg in bt2.TraceCollectionMessageIterator(f"{out}/trace"):
    if isinstance(msg, (bt2._DiscardedEventsMessageConst,
                        bt2._DiscardedPacketsMessageConst)):
        sys.exit(f"{type(msg).__name__}: {msg.count}")
    if not isinstance(msg, bt2._EventMessageConst):
        continue
    ev = msg.event
    if ev.name not in want:
        sys.exit(f"event {ev.name} is not in the spec")
    count[ev.name] += 1
    cpu = int(ev.packet.context_field["cpu_id"])
    for kind, key in (("softirq", "vec"), ("irq_handler", "irq")):
        if ev.name == f"{kind}_entry":
            if (cpu, kind) in open_:
                sys.exit(f"cpu {cpu}: {kind}_entry while {open_[cpu, kind]} is open")
            open_[cpu, kind] = int(ev.payload_field[key])
        elif ev.name == f"{kind}_exit":
            v = int(ev.payload_field[key])
            # The first exit of a stream may close an entry of before the
            # session; every other one closes the open entry.
            if open_.pop((cpu, kind), v) != v:
                sys.exit(f"cpu {cpu}: {kind}_exit {key}={v} closes another")
for name in ("irq_handler_entry", "softirq_entry", "softirq_raise", "timer_start",
             "hrtimer_start", "hrtimer_expire_entry", "workqueue_execute_start"):
    if not count[name]:
        sys.exit(f"no {name} in the boot trace")
ncpu = int(open(f"{out}/nproc").read())
if count["irq_matrix_online"] != ncpu - 1:
    sys.exit(f"{count['irq_matrix_online']} irq_matrix_online, not {ncpu - 1}")
print(f"autostart-events: {spec} matched {len(want)} events, as ftrace lists them; "
      f"{sum(count.values())} recorded of {len(count)} kinds")
PY
