#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""bench-report.py OUT: the table of `make bench` from bench.guest.sh's
OUT/results ("NAME RUN NANOSECONDS N" lines).  Under -icount shift=0 a
guest nanosecond is a guest instruction, so NANOSECONDS / N is the
instructions per event of one run; the table gives medians over the runs
and the spread (max - min) / median of the noisier side.
"""
import collections
import statistics
import sys

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
for s in (4, 32, 256):
    off, soff, n = med(f"off_{s}")
    lt, slt, _ = med(f"lttng_{s}")
    ft, sft, _ = med(f"ftrace_{s}")
    row(f"tracepoint {s} B, added (vs ftrace)", lt - off, ft - off,
        max(slt, sft, soff), n)
for s in (4, 32, 256):
    off, soff, n = med(f"off_{s}")
    print(f"{f'tracepoint {s} B, tracing off':<40} {off:>9.1f}")

try:
    with open(f"{sys.argv[1]}/sustained") as f:
        _, n, discarded, lost = f.read().split()
    print(f"\nsustained, default sizes (4 x 256 KiB), reader running: "
          f"{n} events of 32 B fired back to back on CPU 0, "
          f"{discarded} discarded, {lost} packets lost")
except FileNotFoundError:
    pass
