#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# abi-multi.host.sh OUT: two sessions that recorded at once kept apart:
# each trace has only the events and contexts its session asked for, its
# own trace UUID, no loss, and the workload in both.
set -euo pipefail
out=$1
for s in a b; do
	grep -q ' 0 lost packets (0 overwritten before attach), 0 events discarded$' "$out/$s.log" ||
		{ grep 'total:' "$out/$s.log"; exit 1; }
done
/usr/bin/python3 - "$out" <<'PY'
import collections
import sys

import bt2

out = sys.argv[1]
pid = int(open(f"{out}/wl-multi.pid").read())
fails = []


def read(name):
    names = collections.Counter()
    ctx = set()
    uuid = None
    wl = 0
    for m in bt2.TraceCollectionMessageIterator(f"{out}/{name}/kernel"):
        if isinstance(m, bt2._StreamBeginningMessageConst):
            uuid = m.stream.trace.uuid
        if not isinstance(m, bt2._EventMessageConst):
            continue
        e = m.event
        names[e.name] += 1
        c = e.common_context_field
        ctx.add(tuple(c.keys()) if c is not None else ())
        p = e.payload_field
        if e.name == "sched_switch" and int(p["prev_tid"]) == pid:
            wl += 1
        elif e.name == "sched_wakeup" and int(p["tid"]) == pid:
            wl += 1
        elif c is not None and int(c["pid"]) == pid:
            wl += 1
    return names, ctx, uuid, wl


a_names, a_ctx, a_uuid, a_wl = read("a")
b_names, b_ctx, b_uuid, b_wl = read("b")
if set(a_names) != {"sched_switch"}:
    fails.append(f"session a has {sorted(a_names)}")
if not b_names or not all(n == "sched_wakeup" or n.startswith("syscall_")
                          for n in b_names):
    fails.append(f"session b has {sorted(b_names)[:10]}")
if a_ctx != {()}:
    fails.append(f"session a has contexts {a_ctx}")
if b_ctx != {("pid", "procname")}:
    fails.append(f"session b has contexts {b_ctx}")
if a_uuid is None or a_uuid == b_uuid:
    fails.append(f"trace UUIDs {a_uuid} and {b_uuid}")
if a_wl < 20 or b_wl < 40:
    fails.append(f"workload events: {a_wl} in a, {b_wl} in b")
print(f"abi-multi: a {sum(a_names.values())} events, {a_wl} of the "
      f"workload; b {sum(b_names.values())} events of {len(b_names)} "
      f"names, {b_wl} of the workload")
if fails:
    print("\n".join(fails), file=sys.stderr)
    sys.exit(1)
PY
