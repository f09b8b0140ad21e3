#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""bench-report.py OUT: the table of `make bench` from bench.guest.sh's
OUT/results ("NAME RUN NANOSECONDS N" lines).  Under -icount shift=0 a
guest nanosecond is a guest instruction, so NANOSECONDS / N is the
instructions per event of one run; the table gives medians over the runs
and the spread (max - min) / median of the noisier side.

The dynamic probe rows are checked before they are printed: every LTTng
run's trace (OUT/dyn/NAME-RUN) must hold exactly the events its calls
fired, with the probed address and the caller's return address, and the
hooks in place during each run (OUT/dyn/NAME-RUN.hooks) must be the path
the row names; a failed check exits non-zero.
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
    if not per[f"rb_ours_{s}"]:
        continue
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
    if not per[f"off_{s}"]:
        continue
    off, soff, n = med(f"off_{s}")
    print(f"{f'tracepoint {s} B, tracing off':<40} {off:>9.1f}")
if per["sc_off"]:
    print(f"{'getpid, tracing off':<40} {med('sc_off')[0]:>9.1f}")


DYN_TARGETS = {"kprobe": 0.6, "fgraph": 0.5}


def added_call(name, off):
    """Median instructions per call of NAME over its own "off" runs."""
    return med(name)[0] - med(off)[0]


def added_spread(name, off):
    """(max - min) / median of what NAME adds to OFF, run by run: the
    runs are interleaved, and the spread of a 14-instruction "off" loop
    says nothing of a figure 30 times larger."""
    v = [a - b for a, b in zip(per[name], per[off])]
    m = statistics.median(v)
    return (max(v) - min(v)) / m if m else 0.0


def dyn_row(what, ours, ours_off, peer, peer_off, target):
    """A dynamic probe row: instructions per call added over each side's
    own "nothing attached" runs."""
    if not per[ours] or not per[peer]:
        return
    spread = max(added_spread(ours, ours_off), added_spread(peer, peer_off))
    o, p = added_call(ours, ours_off), added_call(peer, peer_off)
    print(f"{what:<56} {o:>8.1f} {p:>8.1f} {o / p:>7.3f} {target:>6.1f} "
          f"{'yes' if o / p <= target else 'NO':>4} {len(per[ours]):>5} {spread:>7.3f}")


def dyn_table():
    if not per["dyn_off"]:
        return
    print(f"\n{'instructions per call of the probed function, added':<56} "
          f"{'LTTng':>8} {'peer':>8} {'ratio':>7} {'target':>6} {'met':>4} "
          f"{'runs':>5} {'spread':>7}")
    k, f = DYN_TARGETS["kprobe"], DYN_TARGETS["fgraph"]
    for row in (
            ("kprobe at entry, via ftrace (vs ftrace kprobe)",
             "kp_lttng", "dyn_off", "kp_ftrace", "dyn_off", k),
            ("kprobe past __fentry__, optprobe (vs ftrace kprobe)",
             "kpo_lttng", "dyn_off", "kpo_ftrace", "dyn_off", k),
            ("kprobe past __fentry__, int3 (vs ftrace kprobe)",
             "kpo_int3_lttng", "dyn_off", "kpo_int3_ftrace", "dyn_off", k),
            ("entry+exit: fgraph (vs our kretprobe via ftrace)",
             "fn_lttng", "dyn_off", "fn_kretprobe", "dyn_off", f),
            ("entry+exit: fgraph (vs our kretprobe, optprobe)",
             "fn_lttng", "dyn_off", "fnn_lttng", "dynn_off", f),
            ("entry+exit: fgraph (vs our kretprobe, int3)",
             "fn_lttng", "dyn_off", "fnn_int3_lttng", "dynn_off", f),
            ("entry+exit: fgraph (vs ftrace fprobe f: + f:%return)",
             "fn_lttng", "dyn_off", "fn_fprobe", "dyn_off", 0.8),
            ("entry+exit: fgraph (vs ftrace kprobe p: + r:)",
             "fn_lttng", "dyn_off", "fn_kprobe", "dyn_off", 0.8),
            ("entry+exit: our kretprobe (vs ftrace p: + r:)",
             "fn_kretprobe", "dyn_off", "fn_kprobe", "dyn_off", 0.8),
            ("entry: ftrace_ops (vs ftrace fprobe f:)",
             "fe_lttng", "dyn_off", "fe_fprobe", "dyn_off", 0.8),
            ("entry: ftrace_ops (vs ftrace function tracer)",
             "fe_lttng", "dyn_off", "fe_function", "dyn_off", 0.8)):
        dyn_row(*row)
    for name, what in (("dyn_off", "lttng_bench_probed"),
                       ("dynn_off", "lttng_bench_probed_notrace")):
        if per[name]:
            print(f"{what + ', nothing attached':<56} {med(name)[0]:>8.1f}")
    split_table()


def split_table():
    """Each LTTng path split: the mechanism alone (hook.c's empty
    callbacks) and the rest, LTTng's callbacks and its record."""
    print(f"\n{'where the instructions of LTTng go, per call':<56} {'total':>8} "
          f"{'hook':>8} {'LTTng':>8} {'events':>6} {'per ev':>8}")
    for what, ours, hook, off, nev in (
            ("kprobe at entry, via ftrace", "kp_lttng", "hook_kprobe", "dyn_off", 1),
            ("kprobe past __fentry__, optprobe", "kpo_lttng", "hook_kprobe_opt",
             "dyn_off", 1),
            ("kprobe past __fentry__, int3", "kpo_int3_lttng", "hook_kprobe_int3",
             "dyn_off", 1),
            ("entry+exit, function graph", "fn_lttng", "hook_fgraph", "dyn_off", 2),
            ("entry+exit, kretprobe via ftrace", "fn_kretprobe", "hook_kretprobe",
             "dyn_off", 2),
            ("entry+exit, kretprobe, optprobe", "fnn_lttng",
             "hook_kretprobe_notrace", "dynn_off", 2),
            ("entry+exit, kretprobe, int3", "fnn_int3_lttng", "hook_kretprobe_int3",
             "dynn_off", 2),
            ("entry, ftrace_ops", "fe_lttng", "hook_ftrace", "dyn_off", 1)):
        if not per[ours] or not per[hook]:
            continue
        t, h = added_call(ours, off), added_call(hook, off)
        print(f"{what:<56} {t:>8.1f} {h:>8.1f} {t - h:>8.1f} {nev:>6} "
              f"{(t - h) / nev:>8.1f}")


def kallsyms(out):
    """Each symbol of OUT/dyn/kallsyms and the address after it."""
    lines = [ln.split() for ln in open(f"{out}/dyn/kallsyms") if ln.strip() != "--"]
    return {a[2]: (int(a[0], 16), int(b[0], 16)) for a, b in zip(lines, lines[1:])}


EVENT_RE = re.compile(r" (\S+): \{ cpu_id = \d+ \}, \{ ip = (0x[0-9A-F]+)"
                      r"(?:, parent_ip = (0x[0-9A-F]+))? \}$")


def check_dyn_trace(out, syms, name, run, want, item):
    """The trace of one LTTng run has WANT events of ITEM, with their
    values: ip at the probed address (past an ENDBR at most), parent_ip
    inside bench_call() and always the same, entry and exit in turn."""
    trace = f"{out}/dyn/{name}-{run}/kernel"
    text = subprocess.run(["babeltrace2", trace], check=True, capture_output=True,
                          text=True).stdout
    sym, _, off = item.partition("+")
    addr = syms[sym][0] + (int(off, 0) if off else 0)
    caller = syms["bench_call"]
    pairs = name.startswith("fn")
    names = [f"{item}_entry", f"{item}_exit"] if pairs else [item]
    parents = set()
    lines = text.splitlines()
    if len(lines) != want:
        sys.exit(f"{name} run {run}: {len(lines)} events, not {want}")
    for i, ln in enumerate(lines):
        m = EVENT_RE.search(ln)
        if not m or m.group(1) != names[i % len(names)]:
            sys.exit(f"{name} run {run}: event {i} is not {names[i % len(names)]}: {ln}")
        ip = int(m.group(2), 16)
        if not (ip == addr if off else addr <= ip <= addr + 4):
            sys.exit(f"{name} run {run}: event {i}: ip {ip:#x}, not {addr:#x}")
        if m.group(3):
            parents.add(int(m.group(3), 16))
    if name.startswith("kp") != (not parents):
        sys.exit(f"{name} run {run}: parent_ip present where it should not be, or absent")
    if parents and (len(parents) != 1 or
                    not caller[0] < parents.pop() < caller[1]):
        sys.exit(f"{name} run {run}: parent_ip not one address in bench_call()")


# The hooks each configuration must have had on the function during its
# runs: ftrace's callback (enabled_functions, "-" for none) and the
# kprobes (kprobes/list: type and [FTRACE] or [OPTIMIZED], no flag for a
# breakpoint).
DYN_HOOKS = {
    "hook_ftrace": ("hook_ftrace_func", []),
    "hook_fgraph": ("ftrace_graph_func", []),
    "hook_kprobe": ("kprobe_ftrace_handler", ["k FTRACE"]),
    "hook_kprobe_opt": ("-", ["k OPTIMIZED"]),
    "hook_kretprobe": ("kprobe_ftrace_handler", ["r FTRACE"]),
    "hook_kretprobe_notrace": ("-", ["r OPTIMIZED"]),
    "hook_kprobe_int3": ("-", ["k"]),
    "hook_kretprobe_int3": ("-", ["r"]),
    "kp_lttng": ("kprobe_ftrace_handler", ["k FTRACE"]),
    "kp_ftrace": ("kprobe_ftrace_handler", ["k FTRACE"]),
    "kpo_lttng": ("-", ["k OPTIMIZED"]),
    "kpo_ftrace": ("-", ["k OPTIMIZED"]),
    "kpo_int3_lttng": ("-", ["k"]),
    "kpo_int3_ftrace": ("-", ["k"]),
    "fn_lttng": ("ftrace_graph_func", []),
    "fn_kretprobe": ("kprobe_ftrace_handler", ["r FTRACE"]),
    "fnn_lttng": ("-", ["r OPTIMIZED"]),
    "fnn_int3_lttng": ("-", ["r"]),
    "fn_fprobe": ("arch_ftrace_ops_list_func", []),
    "fn_kprobe": ("kprobe_ftrace_handler", ["k FTRACE", "r FTRACE"]),
    "fe_lttng": ("lttng_function_entry", []),
    "fe_fprobe": ("fprobe_handler", []),
    "fe_function": ("function_trace_call", []),
}


def hooks(path):
    """(ftrace callback, sorted kprobes) of a .hooks file."""
    cb, kps = "-", []
    for ln in open(path):
        m = re.search(r"->(\w+)", ln)
        if m:
            cb = m.group(1)
            continue
        f = ln.split()
        if len(f) >= 3 and f[1] in ("k", "r"):
            flags = re.findall(r"\[(\w+)\]", ln)
            kps.append(" ".join([f[1]] + [x for x in flags
                                          if x in ("FTRACE", "OPTIMIZED", "DISABLED")]))
    return cb, sorted(kps)


def check_dyn(out):
    """Every LTTng trace and every path of the dynamic probe rows."""
    if not os.path.isfile(f"{out}/dyn/expected"):
        return
    syms = kallsyms(out)
    runs = 0
    for ln in open(f"{out}/dyn/expected"):
        name, run, want, item = ln.split()
        check_dyn_trace(out, syms, name, run, int(want), item)
        runs += 1
    print(f"\n{'path of each dynamic probe configuration':<40} {'ftrace callback':<26} kprobes")
    for name, (cb, kps) in DYN_HOOKS.items():
        if not per[name]:
            continue
        for run in range(1, len(per[name]) + 1):
            got = hooks(f"{out}/dyn/{name}-{run}.hooks")
            if got != (cb, sorted(kps)):
                sys.exit(f"{name} run {run}: hooks {got}, not {(cb, kps)}")
        print(f"{name:<40} {cb:<26} {', '.join(kps) or '-'}")
    print(f"dynamic probes: the {runs} LTTng traces hold exactly the events "
          f"fired, with their ip and parent_ip; every run had the hooks above")


def dyn_bytes(out):
    """Bytes per event of the dynamic probes: LTTng's measured, ftrace's
    from its formats."""
    fmt = f"{out}/ftrace-formats"
    if not os.path.isfile(f"{fmt}/kp") or not os.path.isdir(f"{out}/dyn/kp_lttng-1"):
        return
    fb = {ev: ftrace_entry_bytes(f"{fmt}/{ev}") for ev in ("kp", "kr", "fe", "fx", "function")}
    print(f"\n{'bytes per event, dynamic probes':<52} {'LTTng':>9} {'ftrace':>9} {'ratio':>7}")
    for what, ours, peer in (
            ("kprobe (vs kprobe event)", "kp_lttng", fb["kp"]),
            ("entry+exit, mean (vs fprobe f: + f:%return)", "fn_lttng",
             (fb["fe"] + fb["fx"]) / 2),
            ("entry+exit, mean (vs kprobe p: + r:)", "fn_lttng",
             (fb["kp"] + fb["kr"]) / 2),
            ("entry (vs fprobe f:)", "fe_lttng", fb["fe"]),
            ("entry (vs function tracer)", "fe_lttng", fb["function"])):
        o = measured_bytes(f"{out}/dyn/{ours}-1/kernel")
        print(f"{what:<52} {o:>9.1f} {peer:>9.1f} {o / peer:>7.3f}")


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


check_dyn(sys.argv[1])
dyn_table()
auto_bytes(sys.argv[1])
if os.path.isdir(f"{sys.argv[1]}/trace-sc"):
    sc_bytes(sys.argv[1])
dyn_bytes(sys.argv[1])

try:
    with open(f"{sys.argv[1]}/sustained") as f:
        _, n, discarded, lost = f.read().split()
    print(f"\nsustained, default sizes (4 x 256 KiB), reader running: "
          f"{n} events of 32 B fired back to back on CPU 0, "
          f"{discarded} discarded, {lost} packets lost")
except FileNotFoundError:
    pass
