#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""ftrace-compare.py: check an LTTng trace against ftrace, field by field.

    ftrace-compare.py TRACE FIELDS PRINT FORMATS [--require E1,E2,...]
                      [--stats STATS]

TRACE is the LTTng trace (CTF); FIELDS and PRINT are ftrace's `trace`
file of the same boot, read with options/fields on and off; FORMATS is a
directory of the events' format files, one per event, named after it.
Both tracers used the same clock (ftrace's mono, LTTng's
ktime_get_mono_fast_ns()), and ftrace ran before and after LTTng.

For each event and CPU, LTTng's instances are a run of ftrace's, in the
same order: each LTTng instance is matched with the next unmatched ftrace
instance of the run whose fields are all equal and whose timestamp is no
later (ftrace's probe, registered first, runs first), looking ahead as far
as that timestamp allows (two probes of one tracepoint can be split by an
interrupt that traces the same event, many times over: a softirq's RCU
callbacks that free objects).  The run starts around the ftrace
instance nearest in time to LTTng's first, and no ftrace instance inside
the run may be left unmatched.  A field is compared as ftrace's field view
prints it:

  integers          "0x%x (%d)" or "'c'(%d)": equal to LTTng's value
                    modulo the field's size
  char arrays,      the text, as far as its first NUL
  __data_loc char[]
  char *            the pointer
  __data_loc T[]    its bytes, "%02x," each, against LTTng's sequence
  __data_loc        from the TP_printk() view ("%*pb", hex words), as a
  cpumask_t         number, against LTTng's bytes, little-endian
  __u8[16], __u8[28]  from the TP_printk() view (sock and tcp events:
                    an IPv6 address "%pI6c", a sockaddr "%pISpc"),
                    against LTTng's bytes

and the fields read from jiffies when the probe runs (CLOCK_FIELDS:
timer_start's now, writeback_queue_io's age, ...) as equal or later by
a few jiffies, since LTTng's probe runs after ftrace's.

Anything else ftrace cannot print (<INVALID-SIZE>: arrays that are no
integer) is counted as not compared.  Every event of --require must have
at least one instance.  Prints the counts of instances and fields
compared; exits 1 on any mismatch.

With --stats, ftrace's per_cpu/cpu*/stats of the same buffer, it also
prints the bytes per event of each tracer's buffer, headers included:
LTTng's is the content of its packets less their header and context,
over its events; ftrace's is its stats' bytes over its entries.  The
buffer must hold the compared events only.
"""

import argparse
import collections
import ipaddress
import os
import re
import sys

import bt2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ctfpackets  # noqa: E402

LINE = re.compile(r"^\s*(.*?)-(\d+)\s+\[(\d+)\]\s+\S+\s+(\d+)\.(\d+): (\w+):(.*)$")
LOOKAHEAD = 4
# An instance of LTTng's may come after many of ftrace's, when what
# interrupted it between the two probes (an interrupt, then its softirq's
# RCU callbacks freeing objects one by one) traced the same event.
MAXSCAN = 1024
MAXBEHIND = 256


def read_format(path):
    """The event's fields, in order: (name, type, size)."""
    fields = []
    for line in open(path):
        m = re.match(r"\s*field:(.*?);\s*offset:\d+;\s*size:(\d+);", line)
        if not m:
            continue
        decl = m.group(1).strip()
        name = re.sub(r"\[.*\]$", "", decl.split()[-1])
        ftype = decl[: decl.rfind(decl.split()[-1])].strip()
        if "[" in decl.split()[-1]:
            ftype += decl.split()[-1][len(name):]
        if name.startswith("common_"):
            continue
        fields.append((name, ftype, int(m.group(2))))
    return fields


def read_ftrace(path, formats):
    """[(cpu, ts_us, name, {field: text})] in file order."""
    events = []
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        if "LOST" in line and "EVENTS" in line:
            sys.exit(f"ftrace lost events: {line.strip()}")
        m = LINE.match(line.rstrip("\n"))
        if not m or m.group(6) not in formats:
            continue
        name = m.group(6)
        rest = m.group(7)
        names = [f[0] for f in formats[name]]
        vals = {}
        # " f1=v1 f2=v2": each value runs up to the next field's name.
        pos = []
        start = 0
        for n in names:
            i = rest.find(f" {n}=", start)
            pos.append(i)
            if i >= 0:
                start = i + len(n) + 2
        for k, n in enumerate(names):
            if pos[k] < 0:
                continue
            end = next((p for p in pos[k + 1:] if p >= 0), len(rest))
            vals[n] = rest[pos[k] + len(n) + 2:end]
        ts = int(m.group(4)) * 1000000 + int(m.group(5))
        events.append((int(m.group(3)), ts, name, vals))
    return events


def lttng_value(val):
    if isinstance(val, bt2._StringFieldConst):
        return str(val)
    if isinstance(val, (bt2._SignedIntegerFieldConst,
                        bt2._UnsignedIntegerFieldConst)):
        return int(val)
    if isinstance(val, bt2._ArrayFieldConst):
        return [lttng_value(v) for v in val]
    return str(val)


def read_lttng(path):
    """[(cpu, ts_ns, name, {field: value})] in trace order."""
    events = []
    for msg in bt2.TraceCollectionMessageIterator(path):
        if not isinstance(msg, bt2._EventMessageConst):
            continue
        ev = msg.event
        ctx = ev.packet.context_field
        fields = {}
        if ev.payload_field is not None:
            for n, v in ev.payload_field.items():
                fields[n] = lttng_value(v)
        events.append((int(ctx["cpu_id"]), msg.default_clock_snapshot.value,
                       ev.name, fields))
    return events


def as_int(v):
    """An LTTng integer, or an array of integers read as little-endian."""
    if isinstance(v, list):
        return int.from_bytes(bytes(x & 0xFF for x in v), "little") \
            if all(isinstance(x, int) for x in v) else None
    return v if isinstance(v, int) else None


def compare_field(ftype, size, text, lval, printed):
    """True, False, or None when ftrace cannot print the field."""
    if text is None or text.startswith("<"):
        if "cpumask_t" in ftype and printed is not None:
            want = int(printed.replace(",", ""), 16)
            return isinstance(lval, list) and \
                int.from_bytes(bytes(lval), "little") == want
        if ftype in ("__u8[16]", "__u8[28]") and printed is not None:
            want = address_bytes(printed, int(ftype[5:-1]))
            return isinstance(lval, list) and bytes(lval) == want
        return None
    if ftype in ("char *", "const char *"):
        m = re.match(r"\(0x([0-9a-f]+)", text)
        return m is not None and lval == int(m.group(1), 16)
    if "char" in ftype and ("[" in ftype or "__data_loc" in ftype or
                            "__rel_loc" in ftype):
        return isinstance(lval, str) and lval == text.split("\0")[0]
    if "__data_loc" in ftype or "__rel_loc" in ftype:
        want = [int(b, 16) for b in text.split(",")] if text else []
        return lval == want
    if size == 1:
        m = re.search(r"\((-?\d+)\)$", text)
        want = int(m.group(1)) & 0xFF if m else None
    else:
        m = re.match(r"0x([0-9a-f]+) ", text)
        want = int(m.group(1), 16) if m else None
    got = as_int(lval)
    if want is None or got is None:
        return False
    return got & ((1 << (8 * size)) - 1) == want


# Fields that TP_fast_assign() reads from jiffies when the probe runs:
# each tracer's probe reads it itself, and LTTng's runs after ftrace's,
# maybe across a tick.  Such a field is equal when LTTng's value is
# ftrace's, or later by at most its slack: 5 jiffies, or 20 ms for those
# in milliseconds (HZ=250 in the test kernel).
CLOCK_FIELDS = {
    ("timer_start", "now"): 5,
    ("timer_expire_entry", "now"): 5,
    ("writeback_queue_io", "age"): 20,
    ("balance_dirty_pages", "think"): 20,
    ("balance_dirty_pages", "paused"): 20,
}


def compare_clock_field(text, lval, slack):
    m = re.search(r"\((-?\d+)\)$", text or "")
    got = as_int(lval)
    return m is not None and got is not None and \
        0 <= got - int(m.group(1)) <= slack


def compare_instance(event, fields, finst, lvals):
    """(fields compared, fields not printable) when every field of the
    LTTng instance LVALS of EVENT equals the ftrace instance FINST's, else
    None."""
    n_cmp = n_skip = 0
    for fname, ftype, size in fields:
        if fname not in lvals:
            return None
        if (event, fname) in CLOCK_FIELDS:
            r = compare_clock_field(finst[1].get(fname), lvals[fname],
                                    CLOCK_FIELDS[event, fname])
        else:
            r = compare_field(ftype, size, finst[1].get(fname), lvals[fname],
                              printed_value(finst[2], fname))
        if r is False:
            return None
        if r is None:
            n_skip += 1
        else:
            n_cmp += 1
    return n_cmp, n_skip


def address_bytes(text, size):
    """The bytes of an address field as TP_printk() printed it: "%pI6c"
    for an in6_addr (16 bytes), "%pISpc" for a sockaddr_in or
    sockaddr_in6 in a zeroed 28-byte array (the family in host order,
    the port in network order)."""
    if size == 16:
        return ipaddress.IPv6Address(text).packed
    m = re.fullmatch(r"\[?([0-9a-f.:]+?)\]?:(\d+)", text)
    if not m:
        return None
    addr = ipaddress.ip_address(m.group(1))
    port = int(m.group(2)).to_bytes(2, "big")
    if addr.version == 4:
        raw = (2).to_bytes(2, "little") + port + addr.packed
    else:
        raw = (10).to_bytes(2, "little") + port + bytes(4) + addr.packed
    return raw + bytes(size - len(raw))


# The names under which TP_printk() prints the address fields that the
# field view cannot print (sock.h, tcp.h).
PRINTED_AS = {"saddr_v6": "saddrv6", "daddr_v6": "daddrv6",
              "saddr": "src", "daddr": "dest"}


def printed_value(line_vals, name):
    """A field's text in the TP_printk() view: "name=VALUE"."""
    for n in (name, PRINTED_AS.get(name)):
        m = n and re.search(rf"\b{re.escape(n)}=(\S+)", line_vals)
        if m:
            return m.group(1)
    return None


def lttng_bytes(trace):
    """The bytes of the events in the data streams of TRACE, that is, the
    content of every packet less its header and context."""
    total = 0
    for d, _, names in os.walk(trace):
        for name in names:
            if name == "metadata" or name.startswith(".") or \
                    "index" in d.split(os.sep):
                continue
            with open(os.path.join(d, name), "rb") as f:
                data = f.read()
            off = 0
            while off < len(data):
                h = ctfpackets.LAYOUT.unpack_from(data, off)
                content, size = h[6], h[7]
                if h[0] != ctfpackets.MAGIC or size == 0 or size % 8:
                    sys.exit(f"{name}: no packet at {off}")
                total += content // 8 - ctfpackets.LAYOUT.size
                off += size // 8
    return total


def ftrace_bytes(stats):
    """(bytes, entries) of ftrace's buffer, summed over its CPUs."""
    b = e = 0
    for line in open(stats):
        m = re.match(r"(bytes|entries): (\d+)$", line.strip())
        if m and m.group(1) == "bytes":
            b += int(m.group(2))
        elif m:
            e += int(m.group(2))
    return b, e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trace")
    ap.add_argument("fields")
    ap.add_argument("printed")
    ap.add_argument("formats")
    ap.add_argument("--require", default="")
    ap.add_argument("--stats")
    args = ap.parse_args()

    formats = {n: read_format(os.path.join(args.formats, n))
               for n in os.listdir(args.formats)}
    fev = read_ftrace(args.fields, formats)
    # The same instances, as TP_printk() prints them.
    pev = []
    for line in open(args.printed):
        m = LINE.match(line.rstrip("\n"))
        if m and m.group(6) in formats:
            pev.append(m.group(7))
    if len(pev) != len(fev):
        sys.exit(f"the two ftrace views differ: {len(fev)} and {len(pev)} events")
    lev = read_lttng(args.trace)

    fby = collections.defaultdict(list)
    for i, (cpu, ts, name, vals) in enumerate(fev):
        fby[(name, cpu)].append((ts, vals, pev[i]))
    lby = collections.defaultdict(list)
    for cpu, ts, name, vals in lev:
        lby[(name, cpu)].append((ts, vals))

    errors = []
    lacking = 0
    per_event = collections.Counter()
    fields_cmp = 0
    fields_skip = 0
    for (name, cpu), linst in sorted(lby.items()):
        if name not in formats:
            errors.append(f"{name}: not an event of the comparison")
            continue
        finst = fby.get((name, cpu), [])
        # The run starts at the ftrace instance nearest in time.
        t0 = linst[0][0] / 1000
        j = min(range(len(finst)), key=lambda k: abs(finst[k][0] - t0),
                default=None)
        if j is None:
            errors.append(f"{name} cpu {cpu}: no ftrace instance")
            continue
        j = max(0, j - LOOKAHEAD)
        used = set()
        for k, (ts, lvals) in enumerate(linst):
            found = None
            # ftrace's probe ran first: its twin is no later (its clock
            # is printed in microseconds, rounded down).  Of the twins,
            # the first; for the run's first instance, the latest near
            # where the run starts (fields can repeat).
            if k == 0:
                cands = range(j, min(j + 2 * LOOKAHEAD, len(finst)))
            else:
                cands = range(j, min(j + MAXSCAN, len(finst)))
            for c in cands:
                if finst[c][0] > ts / 1000 + 1:
                    break
                if c in used:
                    continue
                r = compare_instance(name, formats[name], finst[c], lvals)
                if r is not None:
                    found, n_cmp, n_skip = c, r[0], r[1]
                    if k > 0:
                        break
            if found is None:
                errors.append(f"{name} cpu {cpu} #{k}: no ftrace twin for {lvals}"
                              f" near {finst[j][1] if j < len(finst) else '-'}")
                continue
            used.add(found)
            # Before the run's start, or too far behind, what is left
            # unmatched stays so (and is counted below as missing).
            if k == 0:
                j = found + 1
            elif found - j > MAXBEHIND:
                j = found - MAXBEHIND
            while j in used:
                j += 1
            per_event[name] += 1
            fields_cmp += n_cmp
            fields_skip += n_skip
        # ftrace's instances inside LTTng's run that LTTng lacks.
        if used:
            gap = [c for c in range(min(used), max(used)) if c not in used]
            lacking += len(gap)
            if gap:
                errors.append(f"{name} cpu {cpu}: {len(gap)} ftrace instances"
                              f" missing from LTTng, the first {finst[gap[0]]}")

    for name in filter(None, args.require.split(",")):
        if per_event[name] == 0:
            errors.append(f"{name}: no instance compared")
    for name, n in sorted(per_event.items()):
        print(f"  {name}: {n}")
    print(f"ftrace-compare: {sum(per_event.values())} LTTng instances of "
          f"{len(per_event)} events matched their ftrace twins, "
          f"{fields_cmp} fields compared equal, {fields_skip} not printable "
          f"by ftrace; ftrace had {len(fev)} instances")
    if args.stats:
        lb = lttng_bytes(args.trace)
        fb, fe = ftrace_bytes(args.stats)
        if lev and fe:
            print(f"bytes per event: LTTng {lb / len(lev):.1f} ({lb} bytes, "
                  f"{len(lev)} events), ftrace {fb / fe:.1f} ({fb} bytes, "
                  f"{fe} events): ratio {lb / len(lev) / (fb / fe):.2f}")
    for e in errors[:20]:
        print("MISMATCH", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
