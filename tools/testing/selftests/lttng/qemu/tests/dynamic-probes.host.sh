#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# dynamic-probes.host.sh OUT: the dynamic probes recorded exactly what the
# workloads did (dynamic-probes.guest.sh), with the right fields:
#
# - the three kprobes on do_sys_openat2 (symbol, symbol+0x0, address):
#   N_OPEN events for each workload pid, before and after the module's
#   unload, each with ip = the function's address, and ftrace's kprobe event
#   on the same function counted the same N_OPEN per pid at offset +0x0;
# - --function do_sys_openat2, function graph (session dyn) and kretprobe
#   (session kret): N_OPEN entry/exit pairs per workload pid, entry then
#   exit, with the same ip and parent_ip in both, and parent_ip the return
#   address of a call to do_sys_openat2 (the instruction before it, in the
#   vmlinux the guest ran, is that call);
# - --function call_rcu, both paths: every exit closes the last open entry
#   of its thread with the same ip and parent_ip, and every parent_ip is a
#   return address (a call instruction ends there);
# - the uprobe: N_CALL events of the workload, ip = lttng_uprobe_target's
#   address in the static binary; the SDT probe: N_CALL events at one of
#   its two notes' addresses and 1 at the other;
# - the sample module: N_MOD of each of its three events, ip = the
#   module's lttng_sample_write (as /proc/kallsyms had it);
# - FUNCTION: N_OPEN per workload pid on do_sys_openat2 and on the glob,
#   ip and parent_ip as the function graph's entry;
# - the kernel hooked each probe as expected (enabled_functions, kprobes
#   list), the module's kprobe was marked gone at unload, and nothing of
#   LTTng was left hooked once the sessions were destroyed.
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)

fail() {
	echo "dynamic-probes: $*" >&2
	exit 1
}

uaddr=$(nm "$root/build/selftests/dynprobe_test" |
	awk '$3 == "lttng_uprobe_target" { print $1 }')
[[ -n $uaddr ]] || fail "no lttng_uprobe_target in dynprobe_test"
sdt=$(readelf -n "$root/build/selftests/dynprobe_test" |
	awk '/Name: tick/ { getline; sub(",", "", $2); print $2 }' | xargs)
[[ $(wc -w <<<"$sdt") == 2 ]] || fail "not two lttng_test:tick notes in dynprobe_test: $sdt"

# Which mechanism hooked what.
grep -q '^call_rcu .*ftrace_graph_func' "$out/enabled_functions.dyn" ||
	fail "call_rcu not hooked by the function graph: $(cat "$out/enabled_functions.dyn")"
grep -q '^do_sys_openat2 (2)' "$out/enabled_functions.dyn" ||
	fail "do_sys_openat2 not hooked by two ftrace users (function graph, kprobes)"
[[ $(grep -c ' k  do_sys_openat2+0x0 ' "$out/kprobes.dyn") == 4 ]] ||
	fail "not 4 kprobes (3 LTTng, 1 ftrace) on do_sys_openat2: $(cat "$out/kprobes.dyn")"
grep -q ' k  lttng_sample_write+0x[04]  *lttng_sample ' "$out/kprobes.dyn" ||
	fail "no kprobe on lttng_sample_write"
grep -q '\[GONE\]' "$out/kprobes.dyn-rmmod" ||
	fail "the module's kprobe is not gone after rmmod: $(cat "$out/kprobes.dyn-rmmod")"
for f in call_rcu+0x4 do_sys_openat2+0x0; do
	grep -q " r  $f " "$out/kprobes.kret" || fail "no kretprobe $f in session kret"
done
if grep -q ftrace_graph_func "$out/enabled_functions.kret"; then
	fail "session kret used the function graph"
fi
grep -q '^do_sys_open (1) .*lttng_function_entry' "$out/enabled_functions.fentry" ||
	fail "the FUNCTION glob did not hook do_sys_open: $(cat "$out/enabled_functions.fentry")"
if grep -q 'lttng_function_entry\|ftrace_graph_func' "$out/enabled_functions.none"; then
	fail "LTTng still hooks functions after destroy: $(cat "$out/enabled_functions.none")"
fi
[[ $(grep -vc '^$' "$out/kprobes.none") == 1 ]] ||
	fail "kprobes left after destroy besides ftrace's: $(cat "$out/kprobes.none")"
grep -q "kprobe 'bad': cannot probe no_such_function_lttng+0x0: -2 (no such symbol)" \
	"$out/dmesg-lttng" || fail "no clear message for the unknown symbol"
grep -q '^ *Discarded events: 0$' "$out/list-dyn" ||
	fail "events discarded: $(grep Discarded "$out/list-dyn")"

PYTHONPATH=$here/.. /usr/bin/python3 -B - "$out" "$uaddr" $sdt <<'PY'
import collections
import re
import sys

import bt2

from kcode import call_before, guest_vmlinux

out, uaddr = sys.argv[1], int(sys.argv[2], 16)
sdt = sorted(int(a, 16) for a in sys.argv[3:5])
vmlinux = guest_vmlinux(out)
n_open, n_call, n_mod = (int(x) for x in open(f"{out}/counts").read().split())
pid = {k: int(open(f"{out}/{k}.pid").read().split()[0])
       for k in ("open", "open-after", "call", "open-kret", "open-fentry")}
ksym = {}
for line in open(f"{out}/kallsyms"):
    a, _, name = line.split()[:3]
    ksym[name] = int(a, 16)
bad = []


def read(trace):
    """The events of a trace: (name, pid, tid, payload dict), in order."""
    evs = []
    for msg in bt2.TraceCollectionMessageIterator(f"{out}/{trace}"):
        if type(msg) is not bt2._EventMessageConst:
            continue
        e = msg.event
        c = e.common_context_field
        evs.append((e.name, int(c["pid"]), int(c["tid"]),
                    {k: int(v) for k, v in e.payload_field.items()}))
    return evs


def count(evs, name, p):
    return sum(1 for n, q, _, _ in evs if n == name and q == p)


def pairs(evs, base, who):
    """Entry/exit of @base: per thread, every exit closes the last entry."""
    stacks = collections.defaultdict(list)
    closed = 0
    for n, _, tid, p in evs:
        if n == f"{base}_entry":
            stacks[tid].append(p)
        elif n == f"{base}_exit":
            if not stacks[tid]:
                continue        # entered before the session started
            e = stacks[tid].pop()
            if (e["ip"], e["parent_ip"]) != (p["ip"], p["parent_ip"]):
                bad.append(f"{who}: {base}: exit {p} closes entry {e}")
            closed += 1
    left = sum(len(s) for s in stacks.values())
    if left > len(stacks):
        bad.append(f"{who}: {base}: {left} entries never closed")
    return closed


sessions = {t: read(t) for t in ("dyn", "kret", "fentry")}
dyn, kret, fentry = sessions["dyn"], sessions["kret"], sessions["fentry"]
openat = ksym["do_sys_openat2"]

# kprobes, against ftrace's kprobe event.
ftrace = collections.Counter()
for line in open(f"{out}/ftrace.txt"):
    m = re.match(r"\s*\S+-(\d+)\s.*\sopenat: \(do_sys_openat2\+0x0/", line)
    if m:
        ftrace[int(m.group(1))] += 1
for k in ("open", "open-after"):
    if ftrace[pid[k]] != n_open:
        bad.append(f"ftrace counted {ftrace[pid[k]]} opens of pid {pid[k]}, not {n_open}")
    for name in ("openat_probe", "openat_probe0", "openat_addr",
                 "openat_fn_entry", "openat_fn_exit"):
        c = count(dyn, name, pid[k])
        if c != n_open:
            bad.append(f"dyn: {name}: {c} events of pid {pid[k]} ({k}), not {n_open}")
for n, _, _, p in dyn:
    if n in ("openat_probe", "openat_probe0", "openat_addr", "openat_fn_entry",
             "openat_fn_exit") and p["ip"] != openat:
        bad.append(f"dyn: {n}: ip {p['ip']:#x}, not do_sys_openat2 {openat:#x}")
        break

# --function, both paths.
ret = {}
for who, evs, p in (("dyn", dyn, pid["open"]), ("kret", kret, pid["open-kret"])):
    seq = [(n, e["ip"], e["parent_ip"]) for n, q, _, e in evs
           if q == p and n.startswith("openat_fn_")]
    want = [("openat_fn_entry",), ("openat_fn_exit",)] * n_open
    if [(s[0],) for s in seq] != want:
        bad.append(f"{who}: openat_fn of pid {p}: not {n_open} entry/exit pairs")
    ret[who] = sorted(set((s[1], s[2]) for s in seq))
    pairs(evs, "openat_fn", who)
    if not pairs(evs, "callrcu", who):
        bad.append(f"{who}: no call_rcu entry/exit pair")
if ret["dyn"] != ret["kret"] or len(ret["dyn"]) != 1:
    bad.append(f"openat_fn (ip, parent_ip): function graph {ret['dyn']}, kretprobe {ret['kret']}")
else:
    insn = call_before(vmlinux, ret["dyn"][0][1])
    if not insn or "<do_sys_openat2>" not in insn:
        bad.append(f"openat_fn parent_ip {ret['dyn'][0][1]:#x}: not after a call to do_sys_openat2: {insn}")
for who, evs in (("dyn", dyn), ("kret", kret)):
    rips = set(p["parent_ip"] for n, _, _, p in evs if n == "callrcu_entry")
    ips = set(p["ip"] for n, _, _, p in evs if n.startswith("callrcu_"))
    if ips != {ksym["call_rcu"] + 4} and ips != {ksym["call_rcu"]}:
        bad.append(f"{who}: callrcu ip {sorted(map(hex, ips))}, call_rcu is {ksym['call_rcu']:#x}")
    for r in sorted(rips):
        if not call_before(vmlinux, r):
            bad.append(f"{who}: callrcu parent_ip {r:#x} is not a return address")

# The uprobe, the module, FUNCTION.
c = count(dyn, "uprobe_target", pid["call"])
ips = set(p["ip"] for n, _, _, p in dyn if n == "uprobe_target")
if c != n_call or ips != {uaddr}:
    bad.append(f"uprobe: {c} events of pid {pid['call']} at {sorted(map(hex, ips))}, not {n_call} at {uaddr:#x}")
ticks = collections.Counter(p["ip"] for n, q, _, p in dyn
                            if n == "sdt_tick" and q == pid["call"])
if sorted(ticks) != sdt or sorted(ticks.values()) != [1, n_call]:
    bad.append(f"sdt_tick: {dict((hex(k), v) for k, v in ticks.items())}, not {n_call} "
               f"and 1 at the notes' {[hex(a) for a in sdt]}")
mod = ksym["lttng_sample_write"]
for name in ("sample_write", "sample_fn_entry", "sample_fn_exit"):
    evs = [p for n, _, _, p in dyn if n == name]
    if len(evs) != n_mod or any(p["ip"] not in (mod, mod + 4) for p in evs):
        bad.append(f"{name}: {[hex(p['ip']) for p in evs]}, not {n_mod} at {mod:#x}")
fgraph_parent = ret["dyn"][0][1] if ret["dyn"] else None
for name in ("openat_entry", "openat_glob"):
    evs = [p for n, q, _, p in fentry if n == name and q == pid["open-fentry"]]
    if len(evs) != n_open or any((p["ip"], p["parent_ip"]) != (openat, fgraph_parent) for p in evs):
        bad.append(f"fentry: {name}: {len(evs)} events of pid {pid['open-fentry']}, "
                   f"(ip, parent_ip) {sorted(set((hex(p['ip']), hex(p['parent_ip'])) for p in evs))}")
if bad:
    sys.exit("dynamic-probes: " + "\n".join(bad[:12]))
print(f"dynamic-probes: kprobes {n_open} opens per pid x 3 spellings = ftrace's count, "
      f"--function {n_open} pairs, same on both paths, parent_ip after a call; "
      f"uprobe {n_call}, sdt {n_call} + 1; module {n_mod} x 3, then gone; FUNCTION {n_open} x 2; "
      f"call_rcu pairs: {pairs(dyn, 'callrcu', 'dyn')} graph, {pairs(kret, 'callrcu', 'kret')} kretprobe")
PY
