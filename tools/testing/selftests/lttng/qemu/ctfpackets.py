#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""ctfpackets.py: list the packets of the data streams of an LTTng kernel
trace directory, from their headers, one line per packet:

    STREAM SEQ CPU TIMESTAMP_BEGIN TIMESTAMP_END CONTENT_BITS PACKET_BITS DISCARDED

    ctfpackets.py TRACE_DIR

babeltrace2 hides packet_seq_num (it only reports the gaps it finds between
two packets of a stream), so a test that must see the sequence numbers
themselves, such as where a flight recorder's snapshot starts, reads them
here.  The layout is the one the tracer's metadata declares; the script
checks that the metadata still declares it, and the magic and stream id of
every packet, and fails otherwise rather than misread.
"""

import os
import re
import struct
import subprocess
import sys

HEADER = ["uint32_t magic", "uint8_t uuid[16]", "uint32_t stream_id",
          "uint64_t stream_instance_id"]
CONTEXT = ["uint64_clock_monotonic_t timestamp_begin",
           "uint64_clock_monotonic_t timestamp_end", "uint64_t content_size",
           "uint64_t packet_size", "uint64_t packet_seq_num",
           "unsigned long events_discarded", "uint32_t cpu_id"]
# magic, uuid, stream_id, stream_instance_id (at 24: aligned), the context.
LAYOUT = struct.Struct("<I16sIQ QQQQQQI")
MAGIC = 0xC1FC1FC1


def fields(text, start):
    """The declarations of the struct that follows start in text."""
    i = text.index(start)
    body = text[text.index("{", i) + 1:text.index("}", i)]
    return [" ".join(d.split()) for d in body.split(";") if d.strip()]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: ctfpackets.py TRACE_DIR")
    d = sys.argv[1]
    meta = subprocess.run(["babeltrace2", "--output-format=ctf-metadata", d],
                          check=True, capture_output=True, text=True).stdout
    if fields(meta, "packet.header :=") != HEADER:
        sys.exit(f"ctfpackets: unexpected packet header: {fields(meta, 'packet.header :=')}")
    if fields(meta, "struct packet_context {") != CONTEXT:
        sys.exit("ctfpackets: unexpected packet context: "
                 f"{fields(meta, 'struct packet_context {')}")
    uuid = re.search(r'uuid = "([0-9a-f-]+)"', meta).group(1).replace("-", "")
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        if name == "metadata" or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        off = 0
        while off < len(data):
            (magic, uid, sid, _inst, tsb, tse, content, size, seq, disc,
             cpu) = LAYOUT.unpack_from(data, off)
            if magic != MAGIC or uid.hex() != uuid:
                sys.exit(f"ctfpackets: {name}: bad magic or uuid at {off}")
            if size == 0 or size % 8 or off + size // 8 > len(data):
                sys.exit(f"ctfpackets: {name}: bad packet size {size} at {off}")
            print(name, seq, cpu, tsb, tse, content, size, disc)
            off += size // 8
    return 0


if __name__ == "__main__":
    sys.exit(main())
