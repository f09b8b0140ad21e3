#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# modules.host.sh OUT: the sample module's two events are listed while it
# is loaded and only then, the kernel says so, and the trace holds
# exactly N1 + N2 events of each, with the values the module fired:
# for n = 0 .. N-1 of each load, sample_event (its TRACE_EVENT, made an
# LTTng event when the module loaded) has n, text "sample n" and the
# (n % 8) + 1 bytes n, n + 1, ...; sample_custom (its hand-written
# event) has n, the same text, parity n & 1 and cookie 0x5a000000 | n.
# The second load's events are new events of the session (other ids).
# The session late, which the trigger on sample_event started during the
# first load, holds exactly the second load's events, and at most the
# first's.
set -euo pipefail
out=$1

fail() {
	echo "modules: $*" >&2
	exit 1
}

read -r n1 n2 <"$out/fired"
# listed FILE: the sample module's events that `lttng list -k` shows.
listed() {
	awk '$1 ~ /^sample_/ && /\(type: tracepoint\)$/ { print $1 }' "$1" | sort | xargs
}
for i in 0 2 4; do
	[[ -z $(listed "$out/list-$i.txt") ]] ||
		fail "list-$i.txt, module not loaded, lists: $(listed "$out/list-$i.txt")"
done
for i in 1 3; do
	[[ $(listed "$out/list-$i.txt") == "sample_custom sample_event" ]] ||
		fail "list-$i.txt, module loaded, lists: '$(listed "$out/list-$i.txt")'"
done
for want in '1 trace events of module lttng_sample are LTTng events' \
	'the trace events of module lttng_sample left'; do
	[[ $(grep -c "$want" "$out/dmesg-lttng") == 2 ]] ||
		fail "the kernel did not say twice: $want"
done
for l in list-session list-late; do
	grep -q '^ *Discarded events: 0$' "$out/$l" ||
		fail "$l: events discarded: $(grep 'Discarded' "$out/$l")"
done

for t in trace late; do
	babeltrace2 "$out/$t" >"$out/bt-$t.txt" 2>"$out/bt-$t.err" ||
		fail "babeltrace2 $t failed"
	[[ ! -s $out/bt-$t.err ]] || fail "babeltrace2 $t: $(head -n3 "$out/bt-$t.err")"
done

/usr/bin/python3 - "$out" "$n1" "$n2" <<'PY'
import sys

import bt2

out, n1, n2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def read(path):
    """The sample events of a trace, by name, in order: (class id, payload)."""
    events = {"sample_event": [], "sample_custom": []}
    for msg in bt2.TraceCollectionMessageIterator(path):
        if type(msg) is not bt2._EventMessageConst:
            continue
        ev = msg.event
        if ev.name in events:
            events[ev.name].append((ev.cls.id, ev.payload_field))
    return events


def text(v):
    return str(v) if not isinstance(v, bt2._ArrayFieldConst) else \
        "".join(chr(int(c)) for c in v).split("\0")[0]


def check_fields(name, evs, bad):
    for _, p in evs:
        n = int(p["n"])
        if text(p["text"]) != f"sample {n}":
            bad.append(f"{name} n={n}: text {text(p['text'])!r}")
        if name == "sample_event":
            b = [int(x) for x in p["bytes"]]
            if b != [(n + k) % 256 for k in range(n % 8 + 1)]:
                bad.append(f"{name} n={n}: bytes {b}")
        else:
            if int(p["parity"]) != n & 1:
                bad.append(f"{name} n={n}: parity {int(p['parity'])}")
            if int(p["cookie"]) != 0x5a000000 | n:
                bad.append(f"{name} n={n}: cookie {int(p['cookie']):#x}")


bad = []
for name, evs in read(f"{out}/trace").items():
    want = list(range(n1)) + list(range(n2))
    got = [int(p["n"]) for _, p in evs]
    if got != want:
        bad.append(f"{name}: n = {got}, not {want}")
        continue
    ids = [cid for cid, _ in evs]
    if len(set(ids[:n1])) != 1 or len(set(ids[n1:])) != 1 or ids[0] == ids[-1]:
        bad.append(f"{name}: event ids {sorted(set(ids))}: not one per load")
    check_fields(name, evs, bad)
late = 0
for name, evs in read(f"{out}/late").items():
    ids = sorted(set(cid for cid, _ in evs))
    if len(ids) not in (1, 2):
        bad.append(f"late: {name}: event ids {ids}")
        continue
    second = [int(p["n"]) for cid, p in evs if cid == ids[-1]]
    first = [int(p["n"]) for cid, p in evs if cid != ids[-1]]
    if second != list(range(n2)) or first != list(range(n1))[n1 - len(first):]:
        bad.append(f"late: {name}: n = {first} then {second}")
    late += len(first)
    check_fields(name, evs, bad)
if bad:
    sys.exit("modules: " + "\n".join(bad[:10]))
print(f"modules: {n1} + {n2} events of each of sample_event and "
      f"sample_custom, every field as fired, two event ids each; the "
      f"trigger's session: the {n2} of the reload, {late} of the first load")
PY
