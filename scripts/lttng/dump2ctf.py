#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# dump2ctf.py - turn the console dump of lttng.dump_on_oops= back into a
# CTF trace directory that babeltrace2 reads.
#
#   dump2ctf.py [--force] CONSOLE_LOG OUT_DIR
#
# CONSOLE_LOG is anything that holds the console output of the crash (a
# serial capture, a netconsole log, `-` for standard input); whatever
# precedes "lttng-dump:" on a line (printk timestamps, log prefixes) is
# ignored.  The line format is described at the top of kernel/lttng/dump.c.
# OUT_DIR gets the metadata file and one file per channel and CPU.
#
# A lost or garbled line makes the trace wrong, so the script refuses it
# unless --force is given, in which case the packets that a gap touches
# are dropped and the rest is written.  It prints a summary on stderr.
#
# Exit status: 0 on success, 1 on a damaged dump, 2 on bad usage.

import argparse
import base64
import binascii
import os
import re
import sys

LINE = re.compile(r"lttng-dump: (\d+) (begin|meta|packet|data|lost|end)(?: (.*))?$")


class Damaged(Exception):
    pass


def parse(lines, force):
    """Return (session, metadata, packets, lost, warnings)."""
    expect = 0
    session = None
    meta = bytearray()
    packets = []  # [chan, cpu, seq, size, content, bytearray, ok]
    lost = []
    warnings = []
    end = None
    cur = None
    for raw in lines:
        m = LINE.search(raw.rstrip("\r\n"))
        if not m:
            continue
        n, kind, rest = int(m.group(1)), m.group(2), m.group(3) or ""
        if n != expect:
            what = f"lines {expect}..{n - 1} are missing" if n > expect else \
                f"line {n} comes after line {expect - 1}"
            if not force:
                raise Damaged(what)
            warnings.append(what)
            if cur is not None:
                cur[6] = False
        expect = n + 1
        try:
            if kind == "begin":
                name, nchans = rest.rsplit(" ", 1)
                session = (name, int(nchans))
            elif kind == "meta":
                meta += base64.b64decode(rest, validate=True)
            elif kind == "packet":
                chan, cpu, seq, size, content = (int(x) for x in rest.split())
                if content > size:
                    raise ValueError("content larger than the packet")
                cur = [chan, cpu, seq, size, content, bytearray(), True]
                packets.append(cur)
            elif kind == "data":
                if cur is None:
                    raise ValueError("data before any packet")
                cur[5] += base64.b64decode(rest, validate=True)
            elif kind == "lost":
                chan, cpu, count = (int(x) for x in rest.split())
                lost.append((chan, cpu, count))
            elif kind == "end":
                end = tuple(int(x) for x in rest.split())
        except (ValueError, binascii.Error) as e:
            if not force:
                raise Damaged(f"line {n}: {e}")
            warnings.append(f"line {n}: {e}")
            if cur is not None:
                cur[6] = False
    if session is None:
        raise Damaged("no 'lttng-dump: 0 begin' line")
    if end is None:
        if not force:
            raise Damaged("no end line: the dump was cut short")
        warnings.append("no end line: the dump was cut short")
    for p in packets:
        if len(p[5]) != p[4]:
            if not force:
                raise Damaged(f"packet {p[2]} of channel {p[0]} CPU {p[1]}: "
                              f"{len(p[5])} bytes, not {p[4]}")
            p[6] = False
    if end is not None and not warnings:
        total = len(meta) + sum(len(p[5]) for p in packets)
        if end != (len(packets), total):
            raise Damaged(f"end line says {end[0]} packets and {end[1]} "
                          f"bytes, the dump has {len(packets)} and {total}")
    return session, bytes(meta), packets, lost, warnings


def main():
    ap = argparse.ArgumentParser(
        description="Turn an lttng.dump_on_oops= console dump into CTF.")
    ap.add_argument("--force", action="store_true",
                    help="write what survives of a damaged dump")
    ap.add_argument("log", help="console log, or - for standard input")
    ap.add_argument("out", help="output trace directory")
    args = ap.parse_args()

    try:
        if args.log == "-":
            lines = sys.stdin.read().splitlines()
        else:
            with open(args.log, errors="replace") as f:
                lines = f.read().splitlines()
        session, meta, packets, lost, warnings = parse(lines, args.force)
    except OSError as e:
        print(f"dump2ctf: {e}", file=sys.stderr)
        return 2
    except Damaged as e:
        print(f"dump2ctf: damaged dump: {e}", file=sys.stderr)
        return 1
    if not meta.startswith(b"/* CTF 1.8"):
        print("dump2ctf: the metadata is not CTF 1.8 text", file=sys.stderr)
        return 1

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "metadata"), "wb") as f:
        f.write(meta)
    streams = {}
    dropped = 0
    for chan, cpu, seq, size, content, data, ok in packets:
        if not ok:
            dropped += 1
            continue
        streams.setdefault((chan, cpu), []).append((seq, data, size))
    for (chan, cpu), pkts in sorted(streams.items()):
        with open(os.path.join(args.out, f"channel{chan}_{cpu}"), "wb") as f:
            for seq, data, size in pkts:
                f.write(data)
                f.write(bytes(size - len(data)))
    for w in warnings:
        print(f"dump2ctf: warning: {w}", file=sys.stderr)
    left = sum(c for _, _, c in lost)
    print(f"dump2ctf: session '{session[0]}': {len(packets) - dropped} "
          f"packets in {len(streams)} streams, {len(meta)} bytes of "
          f"metadata; {left} incomplete packets left out by the kernel, "
          f"{dropped} damaged ones dropped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
