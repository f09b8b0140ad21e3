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
root=$(cd "$here/../../../../../.." && pwd)

fail() {
	echo "autostart-probes: $*" >&2
	exit 1
}

vmlinux=
for o in "$root"/build/obj-*; do
	h=$o/include/generated/utsversion.h
	if [[ -f $h ]] && grep -qF "\"$(cat "$out/uts-version")\"" "$h"; then
		vmlinux=$o/vmlinux
	fi
done
[[ -f $vmlinux ]] || fail "no build/obj-*/vmlinux of version $(cat "$out/uts-version")"
msg=$out/dmesg-lttng
grep -q "autostart: cannot enable 'no_such_symbol_lttng' (-2: no such symbol)" "$msg" ||
	fail "no message for the unknown symbol: $(cat "$msg")"
grep -q "autostart: ignoring bad probe 'function:bad+0x10'" "$msg" ||
	fail "no message for the offset on a function probe"
grep -q "autostart: session 'boot' traces 4 events" "$msg" ||
	fail "the boot session does not trace 4 events: $(grep autostart "$msg")"
babeltrace2 "$out/trace" >/dev/null 2>"$out/bt.err"
[[ ! -s $out/bt.err ]] || fail "babeltrace2: $(head -n3 "$out/bt.err")"

/usr/bin/python3 - "$out" "$vmlinux" <<'PY'
import collections
import re
import subprocess
import sys

import bt2

out, vmlinux = sys.argv[1], sys.argv[2]
syms = subprocess.run(["nm", vmlinux], capture_output=True, text=True,
                      check=True).stdout.split("\n")
addr = {l.split()[2]: int(l.split()[0], 16) for l in syms if len(l.split()) == 3}
fn = addr["register_filesystem"]
# Functions of .init.text, from the section table of the symbols.
init = set()
for l in subprocess.run(["objdump", "-t", "-j", ".init.text", vmlinux],
                        capture_output=True, text=True, check=True).stdout.split("\n"):
    f = l.split()
    if len(f) >= 6 and f[-3] == ".init.text":
        init.add((int(f[0], 16), int(f[-2], 16), f[-1]))

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
    d = subprocess.run(["objdump", "-d", "--no-show-raw-insn", f"--start-address={r - 5:#x}",
                        f"--stop-address={r:#x}", vmlinux], capture_output=True,
                       text=True, check=True).stdout
    insn = [l for l in d.split("\n") if re.match(r"\s*[0-9a-f]+:", l)]
    if len(insn) != 1 or "<register_filesystem>" not in insn[0]:
        bad.append(f"parent_ip {r:#x}: not after a call to register_filesystem: {insn}")
    in_init += any(a <= r < a + size for a, size, _ in init)
if not in_init:
    bad.append("no call from .init.text")
if bad:
    sys.exit("autostart-probes: " + "\n".join(bad[:10]))
print(f"autostart-probes: {n} register_filesystem calls from boot, each as a kprobe, "
      f"an entry/exit pair and a glob entry; {len(parents)} call sites, {in_init} in .init.text")
PY
