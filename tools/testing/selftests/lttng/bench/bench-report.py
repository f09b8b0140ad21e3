#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""bench-report.py OUT: the table of `make bench` from bench.guest.sh's
OUT/results ("NAME RUN NANOSECONDS N" lines).  Under -icount shift=0 a
guest nanosecond is a guest instruction, so NANOSECONDS / N is the
instructions per event of one run; the table gives medians over the runs
and the spread (max - min) / median of the noisier side.
"""
import collections
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

per = collections.defaultdict(list)
with open(f"{sys.argv[1]}/results") as f:
    for line in f:
        name, _run, ns, n = line.split()
        per[name].append(int(ns) / int(n))


def med(name):
    v = per[name]
    m = statistics.median(v)
    return m, (max(v) - min(v)) / m if m else 0.0, len(v)


def row(what, ours, peer, spread, runs):
    print(f"{what:<40} {ours:>9.1f} {peer:>9.1f} {ours / peer:>7.3f} "
          f"{'yes' if ours <= 0.8 * peer else 'NO':>6} {runs:>5} {spread:>7.3f}")


print(f"{'instructions per event':<40} {'LTTng':>9} {'peer':>9} {'ratio':>7} "
      f"{'<=0.8':>6} {'runs':>5} {'spread':>7}")
for s in (8, 32, 256):
    o, so, n = med(f"rb_ours_{s}")
    k, sk, _ = med(f"rb_kernel_{s}")
    row(f"ring buffer alone, {s} B (vs kernel rb)", o, k, max(so, sk), n)
def added(what, off, ours, peer):
    """A row of the cost added over the "off" runs, OURS against PEER."""
    if not per[ours] or not per[peer]:
        return
    o, soff, n = med(off)
    m, sm, _ = med(ours)
    p, sp, _ = med(peer)
    row(what, m - o, p - o, max(sm, sp, soff), n)


for s in (4, 32, 256):
    added(f"tracepoint {s} B, added (vs ftrace)", f"off_{s}", f"lttng_{s}", f"ftrace_{s}")
for s in (4, 32, 256):
    added(f"automatic {s} B, added (vs ftrace)", f"off_{s}", f"auto_{s}", f"ftrace_{s}")
for s in (4, 32, 256):
    added(f"automatic {s} B (vs hand-written)", f"off_{s}", f"auto_{s}", f"lttng_{s}")
added("getpid, entry+exit added (vs ftrace)", "sc_off", "sc_lttng", "sc_ftrace")
added("getpid, openat only recorded (vs ftrace)", "sc_off", "sc1_lttng", "sc1_ftrace")
for s in (4, 32, 256):
    off, soff, n = med(f"off_{s}")
    print(f"{f'tracepoint {s} B, tracing off':<40} {off:>9.1f}")
if per["sc_off"]:
    print(f"{'getpid, tracing off':<40} {med('sc_off')[0]:>9.1f}")


def lttng_event_bytes(meta, name):
    """Header and payload bytes of an event, as the metadata declares it:
    the compact header for ids up to 30, else the extended one."""
    m = re.search(r'name = "%s";\s*id = (\d+);.*?fields := struct \{(.*?)\};'
                  % name, meta, re.S)
    ev_id, fields = int(m.group(1)), m.group(2)
    payload = sum(int(b) // 8 for b in re.findall(r"size = (\d+);", fields))
    return (4 if ev_id <= 30 else 13) + payload


def ftrace_entry_bytes(path):
    """Bytes of an ftrace entry: its format's last field, rounded up to 4,
    and the ring buffer's 4-byte event header."""
    end = max(int(o) + int(s) for o, s in
              re.findall(r"offset:(\d+);\s*size:(\d+);", open(path).read()))
    return 4 + (end + 3) // 4 * 4


def sc_bytes(out):
    trace = f"{out}/trace-sc/kernel"
    meta = subprocess.run(["babeltrace2", "--output-format=ctf-metadata", trace],
                          check=True, capture_output=True, text=True).stdout
    ours = [lttng_event_bytes(meta, f"syscall_{d}_getpid") for d in ("entry", "exit")]
    peer = [ftrace_entry_bytes(f"{out}/ftrace-sc/sys_{d}_getpid.format")
            for d in ("enter", "exit")]
    print(f"\n{'bytes per event':<40} {'LTTng':>9} {'ftrace':>9} {'ratio':>7}")
    for what, o, p in (("getpid entry", ours[0], peer[0]),
                       ("getpid exit", ours[1], peer[1]),
                       ("getpid entry+exit, mean", sum(ours) / 2, sum(peer) / 2)):
        print(f"{what:<40} {o:>9.1f} {p:>9.1f} {o / p:>7.3f}")
    # Measured: every event of the run, whatever its process.
    ours = measured_bytes(trace)
    st = open(f"{out}/ftrace-sc/stats").read()
    fb = sum(int(x) for x in re.findall(r"^bytes: (\d+)", st, re.M))
    fe = sum(int(x) for x in re.findall(r"^entries: (\d+)", st, re.M))
    print(f"{'all events of the run, measured':<40} {ours:>9.1f} "
          f"{fb / fe:>9.1f} {ours / (fb / fe):>7.3f}")


def measured_bytes(trace):
    """Bytes per event of a trace, measured: the packets' content less
    their 84-byte header, over the events."""
    packets = subprocess.run([sys.executable, f"{HERE}/../qemu/ctfpackets.py", trace],
                             check=True, capture_output=True, text=True).stdout
    content = sum(int(ln.split()[5]) // 8 - 84 for ln in packets.splitlines())
    nev = subprocess.run(["babeltrace2", trace], check=True, capture_output=True,
                         text=True).stdout.count("\n")
    return content / nev


def auto_bytes(out):
    """Bytes per event of the automatic path against ftrace's entry of
    the same class: the record has no 8-byte struct trace_entry."""
    print(f"\n{'bytes per event, measured':<40} {'LTTng':>9} {'ftrace':>9} {'ratio':>7}")
    for s in (4, 32, 256):
        trace = f"{out}/trace-auto-{s}/kernel"
        fmt = f"{out}/ftrace-formats/lttng_bench_{s}"
        if not os.path.isdir(trace) or not os.path.isfile(fmt):
            continue
        o = measured_bytes(trace)
        p = ftrace_entry_bytes(fmt)
        print(f"{f'automatic {s} B':<40} {o:>9.1f} {p:>9.1f} {o / p:>7.3f}")


auto_bytes(sys.argv[1])
if os.path.isdir(f"{sys.argv[1]}/trace-sc"):
    sc_bytes(sys.argv[1])

try:
    with open(f"{sys.argv[1]}/sustained") as f:
        _, n, discarded, lost = f.read().split()
    print(f"\nsustained, default sizes (4 x 256 KiB), reader running: "
          f"{n} events of 32 B fired back to back on CPU 0, "
          f"{discarded} discarded, {lost} packets lost")
except FileNotFoundError:
    pass
