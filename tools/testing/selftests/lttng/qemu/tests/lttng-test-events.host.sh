#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# lttng-test-events.host.sh OUT: every field of every
# lttng_test_filter_event has the value LTTng-modules' lttng-test gives
# it, as babeltrace2 decodes it from our metadata, and the batches have
# exactly the counts written.
set -euo pipefail
out=$1

[[ $(cat "$out/proc-mode") == "644 root" ]]
grep -q '^ *lttng_test_filter_event (loglevel: .*) (type: tracepoint)$' \
	"$out/list-k"
[[ $(wc -l <"$out/bad-done") == 6 ]]
echo "modprobe --remove lttng-test: exit $(cat "$out/modprobe-remove.rc"):" \
	"$(cat "$out/modprobe-remove.out")"
babeltrace2 "$out/trace" >"$out/bt.txt" 2>"$out/bt.err"
[[ ! -s $out/bt.err ]] || { cat "$out/bt.err"; exit 1; }

/usr/bin/python3 - "$out/trace" 37 37 5 <<'PY'
import sys
import bt2

BITS = 64  # sizeof(long) * 8


def check(path, counts):
    want = [i for n in counts for i in range(n)]
    got = []
    for msg in bt2.TraceCollectionMessageIterator(path):
        if type(msg) is not bt2._EventMessageConst:
            continue
        ev = msg.event
        assert ev.name == "lttng_test_filter_event", ev.name
        i = len(got)
        f = ev.payload_field
        n = want[i] if i < len(want) else None
        # The fields, in LTTng-modules' order.
        names = [k for k in f.keys()]
        expect = ["intfield", "intfield2", "longfield", "signedfield",
                  "netintfield", "netintfieldhex", "arrfield1", "arrfield2",
                  "arrfield3", "_seqfield1_length", "seqfield1",
                  "_seqfield2_length", "seqfield2", "_seqfield3_length",
                  "seqfield3", "_seqfield4_length", "seqfield4",
                  "stringfield", "stringfield2", "_bitfield_seq_length",
                  "bitfield_seq_padding", "bitfield_seq",
                  "bitfield_array_padding", "bitfield_array",
                  "enum0", "enum23", "enum27", "enum28", "enum202",
                  "enum304", "enumnegative"]
        assert names == expect, names
        got.append(int(f["intfield"]))
        if n is None:
            continue
        assert int(f["intfield"]) == n, (i, int(f["intfield"]))
        assert int(f["intfield2"]) == n
        assert f["intfield2"].cls.preferred_display_base == 16
        assert int(f["longfield"]) == n
        assert int(f["signedfield"]) == -1
        assert int(f["netintfield"]) == n, (i, int(f["netintfield"]))
        assert int(f["netintfieldhex"]) == n
        assert f["netintfieldhex"].cls.preferred_display_base == 16
        assert [int(v) for v in f["arrfield1"]] == [1, 2, 3]
        assert str(f["arrfield2"]) == "test", str(f["arrfield2"])
        assert [int(v) for v in f["arrfield3"]] == [1, 2, 3]
        assert int(f["_seqfield1_length"]) == 4
        assert [int(v) for v in f["seqfield1"]] == list(b"test")
        assert int(f["_seqfield2_length"]) == 4
        assert str(f["seqfield2"]) == "test"
        assert int(f["_seqfield3_length"]) == 3
        assert [int(v) for v in f["seqfield3"]] == [1, 2, 3]
        assert int(f["_seqfield4_length"]) == 3
        assert [int(v) for v in f["seqfield4"]] == [1, 2, 3]
        assert str(f["stringfield"]) == "test"
        assert str(f["stringfield2"]) == "\\*", str(f["stringfield2"])
        # The bits of 1, 2, 3, least significant first, word by word.
        bits = [(v >> b) & 1 for v in (1, 2, 3) for b in range(BITS)]
        assert int(f["_bitfield_seq_length"]) == 3 * BITS
        assert [int(v) for v in f["bitfield_seq"]] == bits
        assert [int(v) for v in f["bitfield_array"]] == bits
        enums = {"enum0": (0, ["AUTO: EXPECT 0"]),
                 "enum23": (23, ["VALUE: 23"]),
                 "enum27": (27, ["VALUE: 27"]),
                 "enum28": (28, ["AUTO: EXPECT 28"]),
                 "enum202": (202, ["RANGE: 101 TO 303"]),
                 "enum304": (304, ["AUTO: EXPECT 304"]),
                 "enumnegative": (-1, ["VALUE: -1"])}
        for name, (value, labels) in enums.items():
            assert int(f[name]) == value, (name, int(f[name]))
            assert sorted(f[name].labels) == labels, (name, f[name].labels)
    assert got == want, (path, got, want)
    print(f"{path}: {len(got)} events, every field as expected")


check(sys.argv[1], [int(c) for c in sys.argv[2:]])
PY
/usr/bin/python3 - "$out/trace2" <<'PY'
import sys
import bt2

got = [int(m.event.payload_field["intfield"])
       for m in bt2.TraceCollectionMessageIterator(sys.argv[1])
       if type(m) is bt2._EventMessageConst]
assert got == [0, 1, 2], got
print(f"{sys.argv[1]}: the wildcard session has events 0, 1, 2")
PY
# The metadata declares the network fields big-endian, the enum inline.
meta=$(find "$out/trace" -name metadata | head -n1)
babeltrace2 -o ctf-metadata "$(dirname "$meta")" >"$out/metadata.txt"
grep -q 'base = 10; byte_order = be; } _netintfield;' "$out/metadata.txt"
grep -q '"AUTO: EXPECT 28" = 28,' "$out/metadata.txt"
