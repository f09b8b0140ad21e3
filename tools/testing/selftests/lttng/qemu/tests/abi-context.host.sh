#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# abi-context.host.sh OUT: the contexts of every event of the workload
# carry its pid, tid, parent and name; its sleeps are in syscall entry
# and exit pairs that returned 0; the scheduler saw it forked, exec'd,
# woken after each sleep, and exit.
set -euo pipefail
out=$1
grep -q ' 0 lost packets (0 overwritten before attach), 0 events discarded$' "$out/record.log" ||
	{ grep 'total:' "$out/record.log"; exit 1; }
/usr/bin/python3 - "$out" <<'PY'
import collections
import sys

import bt2

out = sys.argv[1]
pid = int(open(f"{out}/wl-ctx.pid").read())
ppid = int(open(f"{out}/wl-ctx.ppid").read())
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


mine = []
names = collections.Counter()
for m in bt2.TraceCollectionMessageIterator(f"{out}/trace/kernel"):
    if not isinstance(m, bt2._EventMessageConst):
        continue
    e = m.event
    c = e.common_context_field
    names[e.name] += 1
    if c is None or int(c["pid"]) != pid:
        continue
    ctx = {k: (str(v) if k == "procname" else int(v)) for k, v in c.items()}
    mine.append((e.name, ctx, e.payload_field))

check(mine, f"no event with pid context {pid}")
# Once the workload has exited, its parent may reap it (detach its pid)
# while it still runs towards its last schedule: from then on it has no
# pid in any namespace, and vpid/vtid read 0, as the kernel's own
# task_tgid_vnr() says.  Only its final sched_switch can be that late.
exit_seen = reaped = 0
for name, ctx, payload in mine:
    if name == "sched_process_exit":
        exit_seen = 1
    if (exit_seen and name == "sched_switch" and
            ctx["vtid"] == 0 and ctx["vpid"] == 0):
        reaped += 1
        continue
    check(ctx["tid"] == pid and ctx["vtid"] == pid and ctx["vpid"] == pid,
          f"{name}: tid/vtid/vpid {ctx} for pid {pid}")
    # The script's name once it has exec'd; before, the parent's.
    if ctx["procname"] == "wl-ctx":
        check(ctx["ppid"] == ppid, f"{name}: ppid {ctx['ppid']}, not {ppid}")
check(reaped <= 1, f"{reaped} sched_switch of pid {pid} after its reaping")

# Every syscall of the workload has its entry and its exit, except those
# that do not return (exit_group, rt_sigreturn); the fork family returns
# once more than it was entered: in the child the tool forked to run it.
forks = [0, 0]
for entry in [n for n in names if n.startswith("syscall_entry_")]:
    if entry.endswith(("exit_group", "rt_sigreturn")):
        continue
    exit_ = entry.replace("entry", "exit")
    ins = sum(n == entry for n, c, p in mine)
    outs = sum(n == exit_ for n, c, p in mine)
    if entry.endswith(("_clone", "_clone3", "_fork", "_vfork")):
        forks[0] += ins
        forks[1] += outs
        continue
    check(ins == outs, f"{entry}: {ins} entries, {outs} exits from pid {pid}")
check(forks[1] == forks[0] + 1,
      f"fork family: {forks[0]} entries, {forks[1]} exits from pid {pid}")
check(sum(n == "syscall_entry_wait4" for n, c, p in mine) >= 20,
      "the workload did not wait for its 20 children")

# Its 20 children (busybox usleep) sleep: their ppid context is the
# workload, their sleep syscall returns 0.
slept = collections.Counter()
for m in bt2.TraceCollectionMessageIterator(f"{out}/trace/kernel"):
    if not isinstance(m, bt2._EventMessageConst):
        continue
    c = m.event.common_context_field
    if (c is None or str(c["procname"]) != "usleep" or
            int(c["ppid"]) != pid or "nanosleep" not in m.event.name):
        continue
    if m.event.name.startswith("syscall_exit_"):
        check(int(m.event.payload_field["ret"]) == 0,
              f"{m.event.name} returned {m.event.payload_field['ret']}")
    slept[m.event.name.startswith("syscall_entry_")] += 1
check(slept[True] == 20 and slept[False] == 20,
      f"children's sleeps: {slept[True]} entries, {slept[False]} exits")

switched = [c for n, c, p in mine
            if n == "sched_switch" and int(p["prev_tid"]) == pid]
check(len(switched) >= 20, f"{len(switched)} switches out of the workload")
check(sum(c["procname"] == "wl-ctx" for c in switched) >= 20,
      "the switches out of the workload do not say procname wl-ctx")
woken = 0
execd = forked = exited = 0
dump = collections.Counter()
procs = {}
for m in bt2.TraceCollectionMessageIterator(f"{out}/trace/kernel"):
    if not isinstance(m, bt2._EventMessageConst):
        continue
    e, p = m.event, m.event.payload_field
    if e.name == "sched_wakeup" and int(p["tid"]) == pid:
        woken += 1
    elif e.name == "sched_process_exec" and int(p["tid"]) == pid:
        execd += str(p["filename"]).endswith("wl-ctx")
    elif e.name == "sched_process_fork" and int(p["child_pid"]) == pid:
        forked += int(p["parent_pid"]) == ppid
    elif e.name == "sched_process_exit" and int(p["tid"]) == pid:
        exited += 1
    elif e.name.startswith("lttng_statedump_"):
        dump[e.name] += 1
        if e.name == "lttng_statedump_process_state":
            procs[int(p["tid"])] = (str(p["name"]), int(p["type"]),
                                    int(p["pid"]))
check(woken >= 20, f"woken {woken} times")
check((execd, forked, exited) == (1, 1, 1),
      f"exec {execd}, fork {forked}, exit {exited}")
check(dump["lttng_statedump_start"] == 1 and dump["lttng_statedump_end"] == 1,
      f"statedump: {dict(dump)}")
check(procs.get(1) == ("init", 0, 1), f"statedump: pid 1 is {procs.get(1)}")
check(procs.get(2, ("", 0, 0))[:2] == ("kthreadd", 1),
      f"statedump: pid 2 is {procs.get(2)}")
check(len(procs) == dump["lttng_statedump_process_state"] >= 10,
      f"statedump: {len(procs)} distinct tids in "
      f"{dump['lttng_statedump_process_state']} process_state events")
# The second session, started while the first ran, got its own dump, and
# the first did not get it (one start and one end above).
dump2 = collections.Counter()
for m in bt2.TraceCollectionMessageIterator(f"{out}/trace2/kernel"):
    if isinstance(m, bt2._EventMessageConst):
        dump2[m.event.name] += 1
check(dump2["lttng_statedump_start"] == 1 and dump2["lttng_statedump_end"] == 1
      and dump2["lttng_statedump_process_state"] >= 10,
      f"second session's statedump: {dict(dump2)}")
print(f"abi-context: {len(procs)} threads in the statedump; "
      f"{len(mine)} events of pid {pid}, "
      f"{slept[True]} sleeps, {len(switched)} switches out, "
      f"{woken} wake-ups, "
      f"{len(names)} event names, {sum(names.values())} events")
if fails:
    print("\n".join(fails), file=sys.stderr)
    sys.exit(1)
PY
