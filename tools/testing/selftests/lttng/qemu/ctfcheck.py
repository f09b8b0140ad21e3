#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""ctfcheck.py: read a CTF trace with babeltrace2's Python bindings and
check facts about it.  Used by the host side of the end-to-end tests.

    ctfcheck.py TRACE [checks...]

Checks, each may be repeated:
  --events N            exactly N events in all
  --count NAME=N        exactly N events named NAME
  --min-count NAME=N    at least N events named NAME
  --match NAME:F=V,...  at least one event NAME whose fields F equal V;
                        F may also be @cpu, the cpu_id of the event's
                        packet, or @pkt, the index of that packet in its
                        stream from 0 (its sequence number when none was
                        lost: babeltrace2 hides packet_seq_num), or
                        ctx.C, the context field C (added with `lttng
                        add-context`: ctx.pid, ctx.tid, ctx.procname)
  --min-match N         with --match: at least N such events (default 1)
  --no-match NAME:F=V,...  no event matches (same syntax as --match)
  --match-count NAME:F=V,...=N  exactly N events match
  --each NAME:F=V,...=>G=W,...  at least one event matches the left side,
                        and every one that does also has G equal to W
  --streams N           exactly N data streams, each with >= 1 packet
  --monotonic           timestamps never go backwards within a stream
  --no-discards         no discarded-events or discarded-packets message
  --summary             print events per name and per CPU

NAME may be a shell pattern (syscall_entry_*) in every check.

Exit status 0 when every check holds; each failure is printed.
"""

import argparse
import collections
import fnmatch
import sys

import bt2


def read_trace(path):
    """Return (events, streams, discards): events as dicts."""
    events = []
    streams = collections.defaultdict(lambda: {"packets": 0})
    discards = []
    it = bt2.TraceCollectionMessageIterator(path)
    for msg in it:
        if isinstance(msg, bt2._PacketBeginningMessageConst):
            s = msg.packet.stream
            streams[(s.cls.id, s.id)]["packets"] += 1
        elif isinstance(msg, bt2._EventMessageConst):
            ev = msg.event
            s = ev.stream
            fields = {}
            if ev.payload_field is not None:
                for name, val in ev.payload_field.items():
                    fields[name] = val
            # Contexts: the stream's event context (lttng add-context),
            # then the event class's own.  babeltrace2 drops the leading
            # underscore of CTF names (_pid is pid).
            for ctxf in (ev.common_context_field, ev.specific_context_field):
                if ctxf is not None:
                    for name, val in ctxf.items():
                        fields["ctx." + name] = val
            ctx = ev.packet.context_field
            events.append({
                "name": ev.name,
                "ts": msg.default_clock_snapshot.ns_from_origin,
                "stream": (s.cls.id, s.id),
                "cpu": int(ctx["cpu_id"]) if ctx is not None and "cpu_id" in ctx else -1,
                "pkt": streams[(s.cls.id, s.id)]["packets"] - 1,
                "fields": fields,
            })
        elif isinstance(msg, (bt2._DiscardedEventsMessageConst,
                              bt2._DiscardedPacketsMessageConst)):
            discards.append((type(msg).__name__, msg.count))
    return events, streams, discards


def field_equal(val, want):
    if isinstance(val, bt2._StringFieldConst):
        return str(val) == want
    if isinstance(val, (bt2._SignedIntegerFieldConst,
                        bt2._UnsignedIntegerFieldConst)):
        return int(val) == int(want, 0)
    if isinstance(val, bt2._ArrayFieldConst):
        # Text arrays: compare as a NUL-terminated string.
        try:
            s = bytes(int(x) for x in val).split(b"\0")[0].decode()
        except ValueError:
            return False
        return s == want
    return str(val) == want


def parse_spec(spec):
    """NAME:F=V,... -> (NAME, {F: V})."""
    name, _, conds = spec.partition(":")
    return name, parse_conds(conds)


def name_matches(e, name):
    return fnmatch.fnmatchcase(e["name"], name)


def conds_hold(e, want):
    """Whether every field F of event e equals V (@cpu, @pkt: the cpu_id of
    its packet, the index of the packet in its stream; ctx.C: a context)."""
    for k, v in want.items():
        if k in ("@cpu", "@pkt"):
            if e[k[1:]] != int(v, 0):
                return False
        elif k not in e["fields"] or not field_equal(e["fields"][k], v):
            return False
    return True


def matches(e, name, want):
    """Whether event e is NAME with every field F equal to V."""
    return name_matches(e, name) and conds_hold(e, want)


def parse_conds(conds):
    return dict(c.split("=", 1) for c in conds.split(",") if c)


def show_event(e):
    f = ", ".join(f"{k}={v}" for k, v in e["fields"].items())
    return f"{e['name']} ({f})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trace")
    ap.add_argument("--events", type=int)
    ap.add_argument("--count", action="append", default=[])
    ap.add_argument("--min-count", action="append", default=[])
    ap.add_argument("--match", action="append", default=[])
    ap.add_argument("--min-match", type=int, default=1)
    ap.add_argument("--no-match", action="append", default=[])
    ap.add_argument("--match-count", action="append", default=[])
    ap.add_argument("--each", action="append", default=[])
    ap.add_argument("--streams", type=int)
    ap.add_argument("--monotonic", action="store_true")
    ap.add_argument("--no-discards", action="store_true")
    ap.add_argument("--summary", action="store_true")
    args = ap.parse_args()

    events, streams, discards = read_trace(args.trace)
    failures = []
    names = collections.Counter(e["name"] for e in events)

    if args.summary:
        print(f"{len(events)} events in {len(streams)} streams")
        for name, n in sorted(names.items()):
            print(f"  {name:32} {n}")
        for cpu, n in sorted(collections.Counter(e["cpu"] for e in events).items()):
            print(f"  cpu {cpu:<28} {n}")

    if args.events is not None and len(events) != args.events:
        failures.append(f"{len(events)} events, expected {args.events}")
    def named(pattern):
        return sum(n for name, n in names.items()
                   if fnmatch.fnmatchcase(name, pattern))

    for spec in args.count:
        name, n = spec.rsplit("=", 1)
        if named(name) != int(n):
            failures.append(f"{named(name)} {name} events, expected {n}")
    for spec in args.min_count:
        name, n = spec.rsplit("=", 1)
        if named(name) < int(n):
            failures.append(f"{named(name)} {name} events, expected >= {n}")
    for spec in args.match:
        name, want = parse_spec(spec)
        hits = sum(1 for e in events if matches(e, name, want))
        if args.summary:
            print(f"  match {spec}: {hits}")
        if hits < args.min_match:
            failures.append(f"{hits} {name} events match {want}, "
                            f"expected >= {args.min_match}")
    for spec in args.no_match:
        name, want = parse_spec(spec)
        hits = sum(1 for e in events if matches(e, name, want))
        if hits:
            failures.append(f"{hits} {name} events match {want}, "
                            f"expected none")
    for spec in args.match_count:
        spec, n = spec.rsplit("=", 1)
        name, want = parse_spec(spec)
        hits = sum(1 for e in events if matches(e, name, want))
        if args.summary:
            print(f"  match {spec}: {hits}")
        if hits != int(n):
            failures.append(f"{hits} {name} events match {want}, "
                            f"expected exactly {n}")
    for spec in args.each:
        left, right = spec.split("=>", 1)
        name, want = parse_spec(left)
        need = parse_conds(right)
        sel = [e for e in events if matches(e, name, want)]
        bad = [e for e in sel if not conds_hold(e, need)]
        if args.summary:
            print(f"  each {spec}: {len(sel) - len(bad)} of {len(sel)}")
        if not sel:
            failures.append(f"no {name} event matches {want}")
        elif bad:
            failures.append(f"{len(bad)} of {len(sel)} {name} events "
                            f"matching {want} do not have {need}, "
                            f"first: {show_event(bad[0])}")
    if args.streams is not None:
        if len(streams) != args.streams:
            failures.append(f"{len(streams)} streams, expected {args.streams}")
        for sid, st in sorted(streams.items()):
            if st["packets"] < 1:
                failures.append(f"stream {sid} has no packet")
    if args.monotonic:
        last = {}
        for e in events:
            prev = last.get(e["stream"])
            if prev is not None and e["ts"] < prev:
                failures.append(f"time goes back in stream {e['stream']}: "
                                f"{prev} then {e['ts']}")
                break
            last[e["stream"]] = e["ts"]
    if args.no_discards and discards:
        failures.append(f"discards reported: {discards}")

    for f in failures:
        print(f"ctfcheck: {args.trace}: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
