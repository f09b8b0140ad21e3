#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# bench-smoke.host.sh OUT: every figure of the report is there; the LTTng
# traces of the benchmark hold every event it fired, with its values: the
# loop index for lttng_bench_4, the payload bytes for the arrays, through
# the hand-written descriptions and through the automatic path; the
# sustained run (writer and reader on one CPU, default sizes) lost nothing;
# the syscall run has every getpid() call, entry and exit; every dynamic
# probe configuration ran, and LTTng's traces of them hold exactly the
# events fired (bench-report.py checks their values and hooks).
set -euo pipefail
out=$1
/usr/bin/python3 "$(dirname "$0")/../../bench/bench-report.py" "$out"
/usr/bin/python3 - "$out" <<'PY'
import sys
import bt2

out = sys.argv[1]
n = int(open(f"{out}/results").readline().split()[3])


def events(path, name):
    evs = []
    for msg in bt2.TraceCollectionMessageIterator(path):
        if isinstance(msg, (bt2._DiscardedEventsMessageConst,
                            bt2._DiscardedPacketsMessageConst)):
            sys.exit(f"{path}: {type(msg).__name__} {msg.count}")
        if isinstance(msg, bt2._EventMessageConst):
            if msg.event.name != name:
                sys.exit(f"{path}: unexpected event {msg.event.name}")
            evs.append(msg.event.payload_field)
    return evs


payload = bytes(range(256))
want32 = [int.from_bytes(payload[8 * i:8 * i + 8], "little") for i in range(4)]
# The hand-written descriptions (trace-SIZE) and the automatic path
# (trace-auto-SIZE) record the same values.
for kind in ("", "auto_"):
    trace = f"{out}/trace-{kind.replace('_', '-')}"
    ev = events(f"{trace}4/kernel", f"lttng_bench_{kind}4")
    got = [int(e["v"]) for e in ev]
    if got != list(range(n)):
        sys.exit(f"lttng_bench_{kind}4: {len(got)} events, not the indexes 0..{n - 1}")
    for size, want in ((32, want32), (256, list(payload))):
        ev = events(f"{trace}{size}/kernel", f"lttng_bench_{kind}{size}")
        if len(ev) != n:
            sys.exit(f"lttng_bench_{kind}{size}: {len(ev)} events, not {n}")
        bad = [i for i, e in enumerate(ev) if [int(x) for x in e["v"]] != want]
        if bad:
            sys.exit(f"lttng_bench_{kind}{size}: event {bad[0]} has the wrong payload")
_, fired, discarded, lost = open(f"{out}/sustained").read().split()
ev = events(f"{out}/sustained-trace/kernel", "lttng_bench_32")
if (len(ev), discarded, lost) != (int(fired), "0", "0"):
    sys.exit(f"sustained: fired {fired}, read {len(ev)}, "
             f"discarded {discarded}, lost packets {lost}")
getpid = [0, 0]
for msg in bt2.TraceCollectionMessageIterator(f"{out}/trace-sc/kernel"):
    if isinstance(msg, bt2._EventMessageConst) and \
            msg.event.name in ("syscall_entry_getpid", "syscall_exit_getpid"):
        getpid[msg.event.name.startswith("syscall_exit")] += 1
if getpid[0] < n or getpid[0] != getpid[1]:
    sys.exit(f"trace-sc: {getpid[0]} getpid entries and {getpid[1]} exits, "
             f"for {n} calls")
want = {"kp_lttng": n, "kpo_lttng": n, "fn_lttng": 2 * n, "fn_kretprobe": 2 * n,
        "fe_lttng": n, "fnn_lttng": 2 * n, "kpo_int3_lttng": n, "fnn_int3_lttng": 2 * n}
got = {ln.split()[0]: int(ln.split()[2]) for ln in open(f"{out}/dyn/expected")}
if got != want:
    sys.exit(f"dynamic probes: LTTng runs {got}, not {want}")
ran = {ln.split()[0] for ln in open(f"{out}/results")}
for name in ("dyn_off", "dynn_off", "kp_ftrace", "kpo_ftrace", "kpo_int3_ftrace",
             "fn_fprobe", "fn_kprobe", "fe_fprobe", "fe_function", "hook_ftrace",
             "hook_fgraph", "hook_kprobe", "hook_kprobe_opt", "hook_kretprobe",
             "hook_kretprobe_notrace", "hook_kprobe_int3", "hook_kretprobe_int3"):
    if name not in ran:
        sys.exit(f"dynamic probes: no {name} run")
print(f"bench-smoke: {n} events per run traced with their values; "
      f"sustained {fired} fired = {len(ev)} read, 0 discarded")
PY
