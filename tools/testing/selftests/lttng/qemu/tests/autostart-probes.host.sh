#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-probes.host.sh OUT: the boot session traces the four events of
# the three good items, says so, and reports each bad item once; the trace
# has as many register_filesystem kprobe events as function entries, exits
# and glob entries, all at register_filesystem's address, no more than the
# filesystems the kernel knows; each entry is closed by an exit with the
# same parent_ip on its thread; every parent_ip is the return address of a
# call to register_filesystem, in a function of .init.text (an initcall).
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")" && pwd)

fail() {
	echo "autostart-probes: $*" >&2
	exit 1
}

msg=$out/dmesg-lttng
grep -q "autostart: cannot enable 'no_such_symbol_lttng' (-2: no such symbol)" "$msg" ||
	fail "no message for the unknown symbol: $(cat "$msg")"
grep -q "autostart: ignoring bad probe 'function:bad+0x10'" "$msg" ||
	fail "no message for the offset on a function probe"
grep -q "autostart: session 'boot' traces 4 events" "$msg" ||
	fail "the boot session does not trace 4 events: $(grep autostart "$msg")"
babeltrace2 "$out/trace" >/dev/null 2>"$out/bt.err"
[[ ! -s $out/bt.err ]] || fail "babeltrace2: $(head -n3 "$out/bt.err")"

PYTHONPATH=$here/.. /usr/bin/python3 -B - "$out" <<'PY'
import collections
import sys

import bt2

from kcode import call_before, guest_vmlinux, init_text, symbols

out = sys.argv[1]
vmlinux = guest_vmlinux(out)
fn = symbols(vmlinux)["register_filesystem"]
init = init_text(vmlinux)

count = collections.Counter()
ips, parents, stacks, bad = set(), set(), collections.defaultdict(list), []
for m in bt2.TraceCollectionMessageIterator(f"{out}/trace"):
    if not isinstance(m, bt2._EventMessageConst):
        continue
    e = m.event
    p = {k: int(v) for k, v in e.payload_field.items()}
    tid = int(e.common_context_field["tid"])
    count[e.name] += 1
    ips.add(p["ip"])
    if e.name == "register_filesystem_entry":
        stacks[tid].append(p["parent_ip"])
        parents.add(p["parent_ip"])
    elif e.name == "register_filesystem_exit":
        if not stacks[tid] or stacks[tid].pop() != p["parent_ip"]:
            bad.append(f"tid {tid}: exit {p} closes no entry of its parent_ip")
names = ("register_filesystem", "register_filesystem_entry",
         "register_filesystem_exit", "register_filesyste*")
n = count["register_filesystem"]
nfs = sum(1 for _ in open(f"{out}/filesystems"))
if set(count) != set(names) or any(count[k] != n for k in names) or not 0 < n <= nfs:
    bad.append(f"counts {dict(count)}: not equal, or not in 1..{nfs} filesystems")
if ips != {fn} and ips != {fn + 4}:
    bad.append(f"ip {sorted(map(hex, ips))}, register_filesystem is {fn:#x}")
in_init = 0
for r in sorted(parents):
    insn = call_before(vmlinux, r)
    if not insn or "<register_filesystem>" not in insn:
        bad.append(f"parent_ip {r:#x}: not after a call to register_filesystem: {insn}")
    in_init += any(a <= r < a + size for a, size, _ in init)
if not in_init:
    bad.append("no call from .init.text")
if bad:
    sys.exit("autostart-probes: " + "\n".join(bad[:10]))
print(f"autostart-probes: {n} register_filesystem calls from boot, each as a kprobe, "
      f"an entry/exit pair and a glob entry; {len(parents)} call sites, {in_init} in .init.text")
PY
