#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""boot-report.py DIR: the boot part of `make bench`, from the outputs of
boot.guest.sh in DIR/CONFIG-RUN/ (CONFIG: off, idle, sched, syscalls,
cover).

Under -icount shift=0 guest time counts instructions, so the printk
timestamp of "Run /init as init process" is the boot's cost up to /init;
it includes the waits for timer ticks, which the guest clock skips
through, so it moves in steps of a tick or so.  The boots have
initcall_debug: the time each LTTng initcall took is exact, and is what
the tracer itself adds.  The table gives the medians over the runs of
each configuration, against CONFIG_LTTNG=n.  The cover boot gives the timestamp of the
first event of the boot session and of ftrace's trace_event= buffer, both
on CLOCK_MONOTONIC (ftrace with trace_clock=mono), against the kernel's
start (0).
"""
import collections
import glob
import os
import re
import statistics
import sys

import bt2

d = sys.argv[1]
INIT = re.compile(r"^\[\s*(\d+\.\d+)\] Run /init as init process", re.M)
CALL = re.compile(r"initcall (\S+?)\+\S+ returned -?\d+ after (\d+) usecs")
runs = collections.defaultdict(list)
mem = collections.defaultdict(list)
ours = collections.defaultdict(list)
calls = collections.defaultdict(list)
for path in sorted(glob.glob(f"{d}/*-*/dmesg")):
    config = os.path.basename(os.path.dirname(path)).rsplit("-", 1)[0]
    m = INIT.search(open(path).read())
    if not m:
        sys.exit(f"boot-report: no 'Run /init' line in {path}")
    runs[config].append(float(m.group(1)))
    text = open(path).read()
    us = [(f, int(t)) for f, t in CALL.findall(text)]
    ours[config].append(sum(t for f, t in us if "lttng" in f or f.startswith("rb_")))
    calls[config].append(sum(t for f, t in us))
    info = dict(line.split(":", 1) for line in
                open(os.path.join(os.path.dirname(path), "meminfo")))
    mem[config].append(int(info["MemFree"].split()[0]))

base = statistics.median(runs["off"])
print("boot to /init, guest instructions (-icount shift=0), median of "
      f"{len(runs['off'])} boots")
print(f"{'configuration':<40} {'to /init':>9} {'vs =n':>8} "
      f"{'LTTng initcalls':>16} {'all initcalls':>14} {'MemFree KiB':>12}")
print(f"{'':<40} {'Minsns':>9} {'':>8} {'Minsns':>16} {'Minsns':>14}")
labels = {
    "off": "CONFIG_LTTNG=n",
    "idle": "CONFIG_LTTNG=y, no autostart",
    "sched": "=y, lttng.autostart=sched_*",
    "syscalls": "=y, lttng.autostart=sched_*,syscall:*",
}
for config in ("off", "idle", "sched", "syscalls"):
    v = statistics.median(runs[config])
    print(f"{labels[config]:<40} {v * 1e3:9.1f} {100 * (v - base) / base:+7.2f}% "
          f"{statistics.median(ours[config]) / 1e3:16.3f} "
          f"{statistics.median(calls[config]) / 1e3:14.1f} "
          f"{int(statistics.median(mem[config])):12d}")
for config in ("sched", "syscalls"):
    for path in glob.glob(f"{d}/{config}-*/dmesg"):
        m = re.search(r"lttng: autostart: session .*", open(path).read())
        if m:
            print(f"{config}: {m.group(0)}")
            break

# Coverage: the first event of each tracer against the kernel's start.
cover = f"{d}/cover-1"
first = None
for msg in bt2.TraceCollectionMessageIterator(f"{cover}/trace"):
    if type(msg) is bt2._EventMessageConst:
        first = msg.default_clock_snapshot.ns_from_origin
        break
ftrace = None
for line in open(f"{cover}/ftrace.txt"):
    m = re.search(r"\s(\d+\.\d+): sched_switch:", line)
    if m:
        ftrace = float(m.group(1))
        break
init = INIT.search(open(f"{cover}/dmesg").read())
off = None
# The LTTng clock is CLOCK_MONOTONIC plus the offset to the epoch that the
# metadata declares; ns_from_origin includes it.  Take it back out.
meta = open(f"{cover}/trace/kernel/metadata", errors="replace").read() \
    if os.path.exists(f"{cover}/trace/kernel/metadata") else ""
m = re.search(r"offset = (\d+);", meta)
if m and first is not None:
    off = int(m.group(1))
print("first event, CLOCK_MONOTONIC since the kernel's start:")
if first is not None and off is not None:
    print(f"  LTTng boot session   {(first - off) / 1e6:10.3f} ms")
if ftrace is not None:
    print(f"  ftrace trace_event=  {ftrace * 1e3:10.3f} ms")
if init:
    print(f"  (Run /init, printk   {float(init.group(1)) * 1e3:10.3f} ms)")
