#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# syscalls.host.sh OUT: the syscall events of syscall_test's workload,
# value by value, against its report: names and field names as
# LTTng-modules has them, every argument and return value, buffers up to
# the 256-byte bound, strings up to the 1023-byte bound, bad pointers
# recorded as "(fault)" or "(null)" or an empty sequence, exactly 20
# write() entries and exits, unknown syscalls with their number and
# arguments; then the entry/exit selection and the ABI checks.
set -euo pipefail
out=$1
for log in record record32 record-ee; do
	grep -q ' 0 lost packets (0 overwritten before attach), 0 events discarded$' \
		"$out/$log.log" || { cat "$out/$log.log"; exit 1; }
done
if grep -v '^ok ' "$out/abi.log"; then
	exit 1
fi
/usr/bin/python3 - "$out" <<'PY'
import sys

import bt2

out = sys.argv[1]
WRITES, WRITE_SIZE, READ_SIZE = 20, 300, 64
STRING_MAX, DATA_MAX = 1024, 256
EFAULT, ENOENT, ENOSYS = 14, 2, 38
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


def report(name):
    r = {}
    for line in open(f"{out}/{name}"):
        k, v = line.split(None, 1)
        r[k] = v.strip()
    return r


def num(r, k):
    return int(r[k], 0)


def value(f):
    if isinstance(f, bt2._StringFieldConst):
        return str(f)
    if isinstance(f, (bt2._ArrayFieldConst,)):
        return [value(x) for x in f]
    if isinstance(f, (bt2._IntegerFieldConst, bt2._EnumerationFieldConst)):
        return int(f)
    if isinstance(f, bt2._StructureFieldConst):
        return {k: value(v) for k, v in f.items()}
    return f


def events(trace, tid):
    evs = []
    for m in bt2.TraceCollectionMessageIterator(f"{out}/{trace}/kernel"):
        if type(m) is bt2._DiscardedEventsMessageConst:
            fails.append(f"{trace}: {m.count} events discarded")
        if type(m) is not bt2._EventMessageConst:
            continue
        e = m.event
        if int(e.common_context_field["tid"]) != tid:
            continue
        p = e.payload_field
        evs.append((e.name, {k: value(v) for k, v in p.items()},
                    list(p.keys())))
    return evs


# ---- the full trace -----------------------------------------------------
r = report("report")
tid = num(r, "tid")
d = r["dir"]
evs = events("trace", tid)
check(evs, f"no event of tid {tid}")

# Pair each entry with its exit: the thread makes one syscall at a time.
calls = []
i = 0
while i < len(evs):
    name, p, keys = evs[i]
    if not name.startswith("syscall_entry_"):
        i += 1
        continue
    sc = name[len("syscall_entry_"):]
    if sc == "exit_group":
        calls.append((sc, p, None, keys, None))
        break
    if i + 1 >= len(evs) or evs[i + 1][0] != "syscall_exit_" + sc:
        fails.append(f"{name} not followed by its exit: "
                     f"{evs[i + 1][0] if i + 1 < len(evs) else 'end'}")
        i += 1
        continue
    calls.append((sc, p, evs[i + 1][1], keys, evs[i + 1][2]))
    i += 2
# From the workload's exec on.
start = max(j for j, c in enumerate(calls) if c[0] == "execve")
calls = calls[start + 1:]


def take(sc, pred=lambda e, x: True, what=""):
    for j, c in enumerate(calls):
        if c[0] == sc and pred(c[1], c[2]):
            return c
    fails.append(f"no {sc} call {what}")
    return (sc, {}, {}, [], [])


# openat of the written file: LTTng-modules' fields, in order.
wfd = num(r, "wfd")
_, e, x, ek, xk = take("openat", lambda e, x: e["filename"] == f"{d}/written"
                       and x["ret"] == wfd, "of the written file")
check(ek == ["dfd", "filename", "flags", "mode"], f"openat entry fields {ek}")
check(xk == ["ret"], f"openat exit fields {xk}")
check((e.get("dfd"), e.get("flags"), e.get("mode")) ==
      (-100, num(r, "open_flags"), 0o640), f"openat arguments {e}")

# Exactly WRITES write() calls, each with its buffer up to the bound.
n_in = sum(n == "syscall_entry_write" for n, _, _ in evs)
n_out = sum(n == "syscall_exit_write" for n, _, _ in evs)
check((n_in, n_out) == (WRITES, WRITES),
      f"{n_in} write entries and {n_out} exits, not {WRITES}")
writes = [c for c in calls if c[0] == "write"]
check(len(writes) == WRITES, f"{len(writes)} write calls")
for k, (_, e, x, ek, xk) in enumerate(writes):
    want = [(7 * i + k) & 0xff for i in range(DATA_MAX)]
    check(ek == ["fd", "buf", "_buf_data_length", "buf_data", "count"],
          f"write entry fields {ek}")
    check((e["fd"], e["buf"], e["count"], e["_buf_data_length"]) ==
          (wfd, num(r, "wbuf"), WRITE_SIZE, DATA_MAX),
          f"write {k}: {e['fd']} {e['buf']:#x} {e['count']} "
          f"{e['_buf_data_length']}")
    check(e["buf_data"] == want, f"write {k}: wrong bytes")
    check(x["ret"] == WRITE_SIZE, f"write {k} returned {x['ret']}")

# fstat: struct stat at exit, st_size and st_mode by value.
_, e, x, _, _ = take("newfstat", lambda e, x: e["fd"] == wfd)
st = bytes(x.get("statbuf_data", []))
check(x.get("ret") == 0 and x.get("statbuf") == num(r, "fstat_buf") and
      len(st) == 144, f"newfstat exit {x.get('ret')} {len(st)} bytes")
if len(st) == 144:
    size = int.from_bytes(st[48:56], "little")
    mode = int.from_bytes(st[24:28], "little")
    check(size == WRITES * WRITE_SIZE == num(r, "fstat_size"),
          f"st_size {size}")
    check(mode & 0o7777 == 0o640, f"st_mode {mode:o}")

# read of a short file: 13 bytes, then end of file.
rfd = num(r, "rfd")
take("openat", lambda e, x: e["filename"] == f"{d}/short" and e["flags"] == 0
     and x["ret"] == rfd, "of the short file")
reads = [c for c in calls if c[0] == "read" and c[1]["fd"] == rfd]
check(len(reads) == 2, f"{len(reads)} reads of the short file")
if len(reads) == 2:
    (_, e1, x1, ek, xk), (_, e2, x2, _, _) = reads
    check(ek == ["fd", "count"] and
          xk == ["ret", "buf", "_buf_data_length", "buf_data"],
          f"read fields {ek} {xk}")
    check(e1["count"] == READ_SIZE and x1["ret"] == 13 and
          x1["buf"] == num(r, "rbuf") and
          bytes(x1["buf_data"]) == b"hello, lttng\n", f"read 1: {x1}")
    check(x2["ret"] == 0 and x2["buf_data"] == [], f"read 2: {x2}")

# A failing open, bad pointers, a path past the bound.
take("openat", lambda e, x: e["filename"] == f"{d}/does-not-exist" and
     x["ret"] == -ENOENT == num(r, "missing_ret"), "ENOENT")
bad = [(c[1]["filename"], c[2]["ret"]) for c in calls if c[0] == "openat"
       and c[1]["filename"] in ("(fault)", "(null)")]
check(bad == [("(fault)", -EFAULT), ("(null)", -EFAULT),
              ("(fault)", -EFAULT)], f"bad pointers: {bad}")
check(num(r, "badptr_ret") == num(r, "nullptr_ret") == num(r, "kernptr_ret")
      == -EFAULT, "the workload's bad pointers did not fail with EFAULT")
_, e, x, _, _ = take("pwrite64", lambda e, x: e["buf"] == 1, "of a bad buffer")
check((e.get("fd"), e.get("count"), e.get("pos"), e.get("_buf_data_length"),
       x.get("ret")) == (num(r, "pwfd"), 16, 0, 0, -EFAULT),
      f"pwrite64 of a bad buffer: {e} {x}")
n = num(r, "long_len")
path = d + "/x" * ((n - len(d)) // 2)
check(len(path) == n, f"long path rebuilt with {len(path)} bytes, not {n}")
_, e, x, _, _ = take("openat", lambda e, x: e["filename"].startswith(d + "/x/"),
                     "of the long path")
check(e.get("filename") == path[:STRING_MAX - 1] and x.get("ret") == -ENOENT,
      f"long path: {len(e.get('filename', ''))} bytes recorded, "
      f"ret {x.get('ret')}")

# nanosleep: the input struct at entry.
_, e, x, _, _ = take("nanosleep")
ts = bytes(e.get("rqtp_data", []))
check(e.get("rqtp") == num(r, "nanosleep_ts") and
      ts == (0).to_bytes(8, "little") + (1000).to_bytes(8, "little"),
      f"nanosleep rqtp {ts.hex()}")
check(x.get("ret") == 0 and x.get("rmtp") == 0 and x.get("rmtp_data") == [],
      f"nanosleep exit {x}")

# Unknown syscalls: the number and the six argument registers.
unk = [(c[1]["id"], c[1]["args"], c[2]["id"], c[2]["ret"], c[2]["args"],
        c[3], c[4]) for c in calls if c[0] == "unknown"]
want = [(nr, [1, 2, 3, 4, 5, 6], nr, -ENOSYS, [1, 2, 3, 4, 5, 6],
         ["id", "args"], ["id", "ret", "args"]) for nr in (1000, 134)]
check(unk == want, f"unknown syscalls: {unk}")
_, e, x, _, _ = take("getpid")
check(x.get("ret") == tid, f"getpid returned {x.get('ret')}")

# ---- entry/exit selection -------------------------------------------------
r2 = report("report-ee")
evs2 = events("trace-ee", num(r2, "tid"))
names = sorted(set(n for n, _, _ in evs2))
check(names == ["syscall_entry_openat", "syscall_exit_read"],
      f"trace-ee: {names}")
opens = sum(c[0] == "openat" for c in calls)
got = [sum(n == w for n, _, _ in evs2)
       for w in ("syscall_entry_openat", "syscall_exit_read")]
check(got == [opens, 2], f"trace-ee: {got[0]} openat entries (not {opens}), "
      f"{got[1]} read exits (not 2)")

# ---- ia32 syscalls: syscall_test32 ---------------------------------------
r3 = report("report32")
evs3 = events("trace32", num(r3, "tid"))
# The tool's child is a 64-bit task until its execve returns.
first = [j for j, e in enumerate(evs3) if e[0].startswith("compat_")]
check(first, "trace32: no compat_syscall_ event")
evs3 = evs3[first[0] if first else len(evs3):]
calls3 = []
for j, (name, p, keys) in enumerate(evs3):
    check(name.startswith("compat_syscall_"),
          f"trace32: {name} from a 32-bit task")
    if not name.startswith("compat_syscall_entry_"):
        continue
    sc = name[len("compat_syscall_entry_"):]
    if sc == "exit_group":
        calls3.append((sc, p, None, keys, None))
        continue
    nxt = evs3[j + 1] if j + 1 < len(evs3) else ("end", {}, [])
    if nxt[0] != "compat_syscall_exit_" + sc:
        fails.append(f"{name} not followed by its exit: {nxt[0]}")
        continue
    calls3.append((sc, p, nxt[1], keys, nxt[2]))
got3 = [(c[0], c[1], c[2]) for c in calls3]
d3 = "/tmp/sc"
wfd3, rfd3 = num(r3, "wfd"), num(r3, "rfd")
pr3, pw3 = num(r3, "pipe_r"), num(r3, "pipe_w")
pollout3 = {"fd": pw3, "raw_events": 4,
            "events": {"POLLIN": 0, "POLLPRI": 0, "POLLOUT": 1, "POLLERR": 0,
                       "POLLHUP": 0, "padding": 0}}
wbytes3 = [0] * ((pw3 + 8) // 8)
wbytes3[pw3 // 8] |= 1 << pw3 % 8
sets3 = {"_readfds_length": 0, "readfds": [],
         "_writefds_length": len(wbytes3), "writefds": wbytes3,
         "_exceptfds_length": 0, "exceptfds": []}
want3 = [
    ("openat", {"dfd": -100, "filename": f"{d3}/written32",
                "flags": 0o1101, "mode": 0o640}, {"ret": wfd3}),
] + [
    ("write", {"fd": wfd3, "buf": num(r3, "wbuf"), "_buf_data_length": DATA_MAX,
               "buf_data": [(5 * i + k) & 0xff for i in range(DATA_MAX)],
               "count": 300}, {"ret": 300}) for k in range(5)
] + [
    ("close", {"fd": wfd3}, {"ret": 0}),
    ("open", {"filename": f"{d3}/short", "flags": 0, "mode": 0}, {"ret": rfd3}),
    ("read", {"fd": rfd3, "count": READ_SIZE},
     {"ret": 13, "buf": num(r3, "rbuf"), "_buf_data_length": 13,
      "buf_data": list(b"hello, lttng\n")}),
    ("read", {"fd": rfd3, "count": READ_SIZE},
     {"ret": 0, "buf": num(r3, "rbuf"), "_buf_data_length": 0,
      "buf_data": []}),
    ("close", {"fd": rfd3}, {"ret": 0}),
    ("open", {"filename": f"{d3}/does-not-exist", "flags": 0, "mode": 0},
     {"ret": -ENOENT}),
    ("open", {"filename": "(fault)", "flags": 0, "mode": 0}, {"ret": -EFAULT}),
    ("nanosleep_time32", {"rqtp": num(r3, "ts"), "_rqtp_data_length": 8,
                   "rqtp_data": [0, 0, 0, 0, 0xe8, 0x03, 0, 0]},
     {"ret": 0, "rmtp": 0, "_rmtp_data_length": 0, "rmtp_data": []}),
    # LTTng-modules' payloads of pipe, poll and select, ia32 ones too.
    ("pipe", {}, {"ret": 0, "fildes": [pr3, pw3]}),
    ("poll", {"timeout_msecs": 0, "nfds": 1, "fds_length": 1, "overflow": 0,
              "fds": [pollout3]},
     {"ret": 1, "nfds": 1, "fds_length": 1, "fds": [pollout3]}),
    ("select", dict({"n": pw3 + 1, "overflow": 0, "tvp": 0}, **sets3),
     dict({"ret": 1, "overflow": 0, "tvp": 0}, **sets3)),
    ("getpid", {}, {"ret": num(r3, "tid")}),
    ("unknown", {"id": 1000, "args": [1, 2, 3, 4, 5, 6]},
     {"id": 1000, "ret": -ENOSYS, "args": [1, 2, 3, 4, 5, 6]}),
]
# Up to the report.
got3 = got3[:len(want3)]
for k, (w, g) in enumerate(zip(want3, got3)):
    check(w == g, f"ia32 call {k}: want {w}, got {g}")
check(len(got3) == len(want3), f"{len(got3)} ia32 calls, not {len(want3)}")
check((num(r3, "read1"), num(r3, "read2"), num(r3, "missing_ret"),
       num(r3, "badptr_ret"), num(r3, "nanosleep_ret"),
       num(r3, "unknown_ret"), num(r3, "pipe_ret"), num(r3, "poll_ret"),
       num(r3, "poll_revents"), num(r3, "select_ret")) ==
      (13, 0, -ENOENT, -EFAULT, 0, -ENOSYS, 0, 1, 4, 1),
      f"syscall_test32's own results: {r3}")

# ---- lttng list --syscall -----------------------------------------------------
lines = open(f"{out}/list-syscall").read().splitlines()
check(len(lines) > 300 and "openat 32/64-bit" in lines and
      "read 32/64-bit" in lines and "newfstatat 64-bit" in lines and
      "waitpid 32-bit" in lines and "nanosleep_time32 32-bit" in lines
      and not any(ln.startswith("unknown") for ln in lines),
      f"lttng list --syscall: {len(lines)} lines")

print(f"syscalls: {len(calls)} calls of tid {tid} checked, {WRITES} writes, "
      f"{len(evs2)} events with entry/exit selection, "
      f"{len(calls3)} ia32 calls, "
      f"{len(lines)} syscalls listed")
if fails:
    print("\n".join(fails), file=sys.stderr)
    sys.exit(1)
PY
