#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-attach.host.sh OUT: the boot session, drained then read live
# by lttng attach: every packet from sequence number 0 on, without a gap
# at the attach point; nothing discarded; system call events with their
# pid and procname contexts, events from before /init runs, up to the
# workload that ran while attached; and a second attach that
# finds the session still recording.
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")" && pwd)

grep -q "lttng: autostart: session 'boot' traces" "$out/dmesg-lttng" ||
	{ cat "$out/dmesg-lttng"; exit 1; }
for log in attach attach2; do
	grep -q 'total: .* 0 lost packets (0 overwritten before attach), 0 events discarded$' \
		"$out/$log.log" || { cat "$out/$log.log"; exit 1; }
done
babeltrace2 "$out/trace" >/dev/null 2>"$out/bt.err"
[[ ! -s $out/bt.err ]] || { cat "$out/bt.err"; exit 1; }
/usr/bin/python3 "$here/../ctfpackets.py" "$out/trace/kernel" >"$out/packets"
/usr/bin/python3 "$here/../ctfpackets.py" "$out/trace2/kernel" >"$out/packets2"
/usr/bin/python3 - "$out" <<'PY'
import collections
import sys

import bt2

out = sys.argv[1]
before = int(open(f"{out}/wl-before.pid").read())
during = int(open(f"{out}/wl-during.pid").read())
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


def packets(name):
    seqs = collections.defaultdict(list)
    for line in open(f"{out}/{name}"):
        stream, seq = line.split()[:2]
        seqs[stream].append(int(seq))
    return seqs


# Every packet of every CPU from the first: drained, then live, no gap.
p1 = packets("packets")
for s, q in p1.items():
    check(q == list(range(len(q))), f"{s}: packet sequence numbers {q}")
# The second attach starts where the first left off, and knows that the
# packets before were read, not lost.
p2 = packets("packets2")
for s, q in p2.items():
    n = len(p1.get(s, []))
    check(q == list(range(n, n + len(q))),
          f"second attach, {s}: {q[:3]}..., after {n} packets")
n1 = sum(len(q) for q in p1.values())
said = [ln for ln in open(f"{out}/attach2.log")
        if "were read by an earlier reader" in ln]
check(said and f"total: {n1} packets before" in said[0],
      f"second attach: {said} after {n1} packets read by the first")

first = {}
syscalls = collections.Counter()
switches = collections.Counter()
for m in bt2.TraceCollectionMessageIterator(f"{out}/trace"):
    if type(m) is bt2._DiscardedEventsMessageConst:
        fails.append(f"{m.count} events discarded")
    if type(m) is not bt2._EventMessageConst:
        continue
    e = m.event
    c = e.common_context_field
    pid, comm = int(c["pid"]), str(c["procname"])
    t = m.default_clock_snapshot.ns_from_origin
    if "init" not in first:
        first["before"] = first.get("before", 0) + 1
    if pid == 1 and comm == "init":
        first.setdefault("init", (t, e.name))
    if e.name.startswith("syscall_entry_"):
        syscalls[pid] += 1
    if e.name == "sched_switch":
        switches[int(e.payload_field["prev_tid"])] += 1
# Before /init: the kernel's own events (swapper, kernel threads, pid 1
# before its exec) come before the first one of /init, which is in the
# trace with its syscalls.
check("init" in first and first["before"] >= 10,
      f"{first.get('before')} events before /init's first, {first.get('init')}")
check(syscalls[1] > 0, "no syscall entry of /init")
check(switches[before] >= 10 and switches[during] >= 20,
      f"switches out: {switches[before]} of wl-before, "
      f"{switches[during]} of wl-during")
check(syscalls[before] > 0 and syscalls[during] > 0,
      f"syscall entries: {syscalls[before]} of wl-before, "
      f"{syscalls[during]} of wl-during")
print(f"autostart-attach: {sum(len(q) for q in p1.values())} packets, then "
      f"{sum(len(q) for q in p2.values())}; {first.get('before')} events before "
      f"/init's first, {first.get('init')}; "
      f"{sum(syscalls.values())} syscall entries")
if fails:
    print("\n".join(fails), file=sys.stderr)
    sys.exit(1)
PY
