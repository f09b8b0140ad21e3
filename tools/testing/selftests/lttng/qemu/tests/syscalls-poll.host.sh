#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# syscalls-poll.host.sh OUT: the select, poll and epoll events of
# poll_test, field by field, against its report: LTTng-modules' field
# names and order, the fd set bytes (n = 1, 901, 1024), the pollfd
# entries with their flag bits (512 of 600 at entry and overflow; at exit
# the ready ones, padded with zero entries), the epoll_event with its data
# union and the op label, 341 of 400 epoll events and overflow, the fd
# pairs of pipe, pipe2 and socketpair, and what a bad pointer or a failed
# syscall records.
set -euo pipefail
out=$1
grep -q ' 0 lost packets (0 overwritten before attach), 0 events discarded$' \
	"$out/record.log" || { cat "$out/record.log"; exit 1; }
/usr/bin/python3 - "$out" <<'PY'
import sys

import bt2

out = sys.argv[1]
EFAULT, EBADF, EINVAL = 14, 9, 22
BAD = 0x42
TAG = 0xfeedf00d00000000
NAMES = {"select", "pselect6", "poll", "ppoll", "epoll_ctl", "epoll_wait",
         "epoll_pwait", "pipe", "pipe2", "socketpair"}
fails = []


def check(cond, what):
    if not cond:
        fails.append(what)


# ---- the report -------------------------------------------------------------
rep, calls_rep = {}, []
for line in open(f"{out}/report"):
    k, _, v = line.rstrip("\n").partition(" ")
    if k == "call":
        name, ret = v.split()
        calls_rep.append((name, int(ret)))
    else:
        rep[k] = v


def num(k):
    return int(rep[k])


def nums(k):
    return [int(x) for x in rep[k].split()]


def pairs(k):
    return [tuple(int(y) for y in x.split(":")) for x in rep[k].split()]


tid = num("tid")
p0, p1 = nums("p")
q0, _ = nums("q")
efd, efd2 = num("efd"), num("efd2")
dups = nums("dups")
check(calls_rep[0] == ("begin", 0), "the report does not start with begin")
calls_rep = calls_rep[1:]


# ---- the trace ----------------------------------------------------------------
def value(f):
    if isinstance(f, bt2._EnumerationFieldConst):
        return (int(f), tuple(f.labels))
    if isinstance(f, bt2._IntegerFieldConst):
        return int(f)
    if isinstance(f, bt2._StringFieldConst):
        return str(f)
    if isinstance(f, bt2._ArrayFieldConst):
        return [value(x) for x in f]
    if isinstance(f, bt2._StructureFieldConst):
        return {k: value(v) for k, v in f.items()}
    return f


evs = []
for m in bt2.TraceCollectionMessageIterator(f"{out}/trace/kernel"):
    if type(m) is bt2._DiscardedEventsMessageConst:
        fails.append(f"{m.count} events discarded")
    if type(m) is not bt2._EventMessageConst:
        continue
    e = m.event
    if int(e.common_context_field["tid"]) != tid:
        continue
    p = e.payload_field
    evs.append((e.name, {k: value(v) for k, v in p.items()}, list(p.keys())))

# Entry and exit pairs, the thread making one syscall at a time.
traced = []
for j, (name, p, keys) in enumerate(evs):
    if not name.startswith("syscall_entry_"):
        continue
    sc = name[len("syscall_entry_"):]
    nxt = evs[j + 1] if j + 1 < len(evs) else ("end", {}, [])
    if nxt[0] != "syscall_exit_" + sc:
        fails.append(f"{name} followed by {nxt[0]}")
        continue
    if sc in NAMES:
        traced.append((sc, p, keys, nxt[1], nxt[2]))


# ---- what each call records -------------------------------------------------
def fdsets(n, sets, ok=True):
    """The six set fields: sets holds None (NULL) or a list of fds."""
    nbytes = (n + 7) // 8 if ok and 0 < n <= 1024 else 0
    d = {}
    for name, fds in zip(("readfds", "writefds", "exceptfds"), sets):
        b = [0] * (nbytes if fds is not None else 0)
        for fd in (fds or []) if b else []:
            b[fd // 8] |= 1 << (fd % 8)
        d[f"_{name}_length"] = len(b)
        d[name] = b
    return d


SETKEYS = ["_readfds_length", "readfds", "_writefds_length", "writefds",
           "_exceptfds_length", "exceptfds"]


def pollfd(fd, ev):
    ev &= 0xffff
    return {"fd": fd, "raw_events": ev,
            "events": {"POLLIN": ev & 1, "POLLPRI": ev >> 1 & 1,
                       "POLLOUT": ev >> 2 & 1, "POLLERR": ev >> 3 & 1,
                       "POLLHUP": ev >> 4 & 1, "padding": ev >> 5 & 7}}


def epev(data, ev):
    fd = data & 0xffffffff
    fd -= (1 << 32) if fd >= 1 << 31 else 0
    return {"data_union": {"u64": data, "fd": fd}, "raw_events": ev,
            "events": {"EPOLLIN": ev & 1, "EPOLLPRI": ev >> 1 & 1,
                       "EPOLLOUT": ev >> 2 & 1, "EPOLLERR": ev >> 3 & 1,
                       "padding": ev >> 4 & 0xf}}


OPS = {1: (1, ("EPOLL_CTL_ADD",)), 2: (2, ("EPOLL_CTL_DEL",)),
       3: (3, ("EPOLL_CTL_MOD",)), 7: (7, ())}
want = []


def expect(name, ret, entry, ekeys, exit_, xkeys):
    want.append((name, ret, entry, ekeys, dict(ret=ret, **exit_),
                 ["ret"] + xkeys))


def sel(ret, n, tvp, sets, exit_sets, sig=None):
    name = "select" if sig is None else "pselect6"
    head = {"n": n, "overflow": 0, "tvp": tvp}
    hkeys = ["n", "overflow", "tvp"]
    if sig is not None:
        head["sig"] = sig
        hkeys.append("sig")
    expect(name, ret, dict(head, **sets), hkeys + SETKEYS,
           dict({"overflow": 0, "tvp": tvp}, **exit_sets),
           ["overflow", "tvp"] + SETKEYS)


# pipe, pipe2, socketpair: two ints read at exit, zeros on a fault.
expect("pipe2", 0, {"flags": 0}, ["flags"], {"fildes": [p0, p1]}, ["fildes"])
expect("pipe2", 0, {"flags": 0o2000000}, ["flags"],
       {"fildes": nums("q")}, ["fildes"])
expect("pipe", 0, {}, [], {"fildes": nums("pipe_fds")}, ["fildes"])
expect("pipe2", -EFAULT, {"flags": 0}, ["flags"], {"fildes": [0, 0]},
       ["fildes"])
SP = {"family": 1, "type": 1, "protocol": 0}
SPK = ["family", "type", "protocol"]
expect("socketpair", 0, SP, SPK, {"socket": nums("socketpair_fds")},
       ["socket"])
expect("socketpair", -EFAULT, SP, SPK, {"socket": [0, 0]}, ["socket"])

none3 = fdsets(0, [None] * 3)
rr = [fd for fd, ok in zip((0, 1023), nums("select2_ready_r")) if ok]
ww = [p1] if num("select2_ready_w") else []
sel(1, 1, num("select1_tvp"), fdsets(1, [[0], None, None]),
    fdsets(1, [[0], None, None]))
sel(3, 1024, 0, fdsets(1024, [[0, 1023], [p1], []]),
    fdsets(1024, [rr, ww, []]))
sel(2, 1024, num("pselect1_tsp"), fdsets(1024, [[0, 1023], None, None]),
    fdsets(1024, [[0, 1023], None, None]), sig=num("pselect1_sig"))
# A bad write set: no set at all, not even the good read set.
sel(-EFAULT, 1, 0, fdsets(1, [[0], [], None], ok=False),
    fdsets(1, [[0], [], None], ok=False), sig=0)
sel(0, q0 + 1, num("select3_tvp"), fdsets(q0 + 1, [[q0], None, None]),
    none3)
sel(-EBADF, 901, 0, fdsets(901, [[900], None, None]), none3)

POLL_IN = ["timeout_msecs", "nfds", "fds_length", "overflow", "fds"]
POLL_OUT = ["nfds", "fds_length", "fds"]
PPOLL_IN = ["tsp", "sigmask", "sigsetsize", "nfds", "fds_length",
            "overflow", "fds"]
PPOLL_OUT = ["nfds", "fds_length", "overflow", "fds"]


def fds_in(entries):
    return {"fds_length": len(entries), "fds": [pollfd(*x) for x in entries]}


expect("poll", 1, dict(timeout_msecs=0, nfds=1, overflow=0,
                       **fds_in([(p0, 3)])), POLL_IN,
       dict(nfds=1, **fds_in([(p0, num("poll1_revents"))])), POLL_OUT)
big_in, big_out = pairs("ppoll_in"), pairs("ppoll_out")
ready = [x for x in big_out[:512] if x[1]]
n_ready = sum(1 for x in big_out if x[1])
check(len(big_in) == len(big_out) == 600 and n_ready == 450 and
      len(ready) == 384, f"ppoll: {n_ready} ready, {len(ready)} in 512")
expect("ppoll", n_ready,
       dict(tsp=num("ppoll_tsp"), sigmask=0, sigsetsize=8, nfds=600,
            overflow=1, **fds_in(big_in[:512])), PPOLL_IN,
       dict(nfds=600, overflow=1, fds_length=512,
            fds=[pollfd(*x) for x in ready] +
            [pollfd(0, 0)] * (512 - len(ready))), PPOLL_OUT)
expect("ppoll", -EFAULT,
       dict(tsp=0, sigmask=0, sigsetsize=8, nfds=1, overflow=0,
            **fds_in([])), PPOLL_IN,
       dict(nfds=1, overflow=0, **fds_in([])), PPOLL_OUT)
expect("poll", -EINVAL, dict(timeout_msecs=0, nfds=0xffffffff, overflow=1,
                             **fds_in(big_in[:512])), POLL_IN,
       dict(nfds=0xffffffff, **fds_in([])), POLL_OUT)
expect("poll", 0, dict(timeout_msecs=0, nfds=1, overflow=0,
                       **fds_in([(q0, 1)])), POLL_IN,
       dict(nfds=1, **fds_in([])), POLL_OUT)

CTL_IN = ["epfd", "op_enum", "fd", "event"]
WAIT_IN = ["epfd", "maxevents", "timeout"]
PWAIT_IN = WAIT_IN + ["sigmask", "sigsetsize"]
WAIT_OUT = ["fds_length", "overflow", "fds"]


def ctl(ret, epfd, op, fd, ev):
    expect("epoll_ctl", ret, dict(epfd=epfd, op_enum=OPS[op], fd=fd,
                                  event=epev(*ev)), CTL_IN, {}, [])


def wait(ret, epfd, maxevents, got, overflow=0, sigmask=None):
    entry = dict(epfd=epfd, maxevents=maxevents, timeout=0)
    keys = WAIT_IN
    name = "epoll_wait"
    if sigmask is not None:
        entry.update(sigmask=sigmask, sigsetsize=8)
        keys, name = PWAIT_IN, "epoll_pwait"
    expect(name, ret, entry, keys,
           dict(fds_length=len(got), overflow=overflow,
                fds=[epev(*x) for x in got]), WAIT_OUT)


mod = num("epoll_mod_events")
ctl(0, efd, 1, p0, (TAG | p0, 3))
wait(1, efd, 8, pairs("epoll_wait_out"))
wait(1, efd, 8, pairs("epoll_pwait_out"), sigmask=num("epoll_pwait_sigmask"))
wait(-EFAULT, efd, 1, [])
ctl(0, efd, 3, p0, (TAG | p0, mod))
ctl(-EFAULT, efd, 1, p1, (0, 0))
ctl(0, efd, 2, p0, (0, 0))
ctl(-EINVAL, efd, 7, p0, (TAG | p0, mod))
wait(-EINVAL, efd, -1, [])
for i, fd in enumerate(dups):
    ctl(0, efd2, 1, fd, (i, 1))
many = pairs("epoll_many_out")
check(len(many) == len(dups) == 400, f"{len(many)} epoll events")
wait(400, efd2, 400, many[:341], overflow=1)

# ---- compare ------------------------------------------------------------------
check([(w[0], w[1]) for w in want] == calls_rep,
      "the workload's calls and returns are not the expected ones: "
      f"{[(w[0], w[1]) for w in want if (w[0], w[1]) not in calls_rep][:5]}")
check(len(traced) == len(want),
      f"{len(traced)} calls traced, {len(want)} made")


def diff(a, b):
    return {k: (a.get(k), b.get(k)) for k in sorted(set(a) | set(b))
            if a.get(k) != b.get(k)}


for k, (w, t) in enumerate(zip(want, traced)):
    name, _, went, wekeys, wexit, wxkeys = w
    tname, tent, tekeys, texit, txkeys = t
    what = f"call {k} {name}"
    if tname != name:
        fails.append(f"{what}: traced {tname}")
        continue
    check(tekeys == wekeys, f"{what} entry fields {tekeys}")
    check(txkeys == wxkeys, f"{what} exit fields {txkeys}")
    check(tent == went, f"{what} entry: {str(diff(went, tent))[:600]}")
    check(texit == wexit, f"{what} exit: {str(diff(wexit, texit))[:600]}")

print(f"syscalls-poll: {len(traced)} calls of tid {tid} checked, "
      f"{len(evs)} events")
if fails:
    print("\n".join(fails[:40]), file=sys.stderr)
    sys.exit(1)
PY
