#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# rb-hotplug.host.sh OUT: no event of a CPU that went offline, or came
# online, during a recording is lost, and the offline flush makes a
# CPU's last packet readable while the CPU is down.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"
# Each workload sleeps 100 times: 100 switches out of it, 100 back in.
n=100

fail() {
	echo "rb-hotplug: $*" >&2
	exit 1
}

fact() {
	[[ $(cat "$out/$1") == "$2" ]] || fail "$1: '$(cat "$out/$1")', expected '$2'"
}

# losses LOG: every stream of the recording reports no loss.
losses() {
	local line
	grep -q '^lttng: total: 3 streams, .*, 0 lost packets (0 overwritten before attach), 0 events discarded$' "$1" ||
		fail "$1: $(grep '^lttng: total:' "$1")"
	for s in channel0_0 channel0_1; do
		line=$(grep "^lttng: $s: " "$1") || fail "$1: no line for $s"
		[[ $line == *", 0 lost packets (0 overwritten before attach), 0 events discarded" ]] ||
			fail "$1: $line"
	done
}

# match NAME CPU [PKT]: the workload NAME ran on CPU, and was switched out
# of and back into n times at least there (in packet PKT of CPU's stream,
# and in no other packet, if PKT is given); never on the other CPU.  Adds
# the checks to args.
args=()
match() {
	local pid at="@cpu=$2,"
	pid=$(cat "$out/$1.pid")
	[[ -n ${3:-} ]] && at+="@pkt=$3,"
	args+=(--match "sched_switch:${at}prev_comm=$1,prev_tid=$pid"
	       --match "sched_switch:${at}next_comm=$1,next_tid=$pid"
	       --no-match "sched_switch:@cpu=$((1 - $2)),prev_comm=$1"
	       --no-match "sched_switch:@cpu=$((1 - $2)),next_comm=$1")
	[[ -z ${3:-} ]] ||
		args+=(--no-match "sched_switch:@cpu=$2,@pkt=$((1 - $3)),prev_comm=$1")
}

# ---- Part B: CPU 1 offline from boot (maxcpus=1), onlined while recording
fact b-possible 0-1
fact b-online-before 0
fact b-online-after 0-1
losses "$out/b.log"
babeltrace2 "$out/b" >/dev/null
match wl-b1 1
$check "$out/b" --summary --streams 2 --monotonic --no-discards --min-match $n "${args[@]}"

# ---- Part A: CPU 1 offline then online again while recording ----------
fact a-before-offline no
fact a-online-down 0
fact a-while-offline yes
fact a-cpu1-down 0
fact a-online-up 0-1
losses "$out/a.log"
# CPU 1's stream is two packets: the one the offline flush closed, with
# everything of wl-a1, and the one the stop closed, with wl-a2.
grep -q '^lttng: channel0_1: 2 packets, [0-9]* bytes, seq 0-1, ' "$out/a.log" ||
	fail "CPU 1: $(grep '^lttng: channel0_1: ' "$out/a.log")"
babeltrace2 "$out/a" >/dev/null
args=()
match wl-a1 1 0
match wl-a0 0
match wl-a2 1 1
$check "$out/a" --summary --streams 2 --monotonic --no-discards --min-match $n "${args[@]}"
# The flush at CPU death closed CPU 1's packet 0 after the CPU's very last
# record: packet 1 holds nothing older than wl-a0, which ran while CPU 1
# was down.
/usr/bin/python3 - "$out/a" <<'PY'
import sys
import bt2

pkt = {}
evs = []
for m in bt2.TraceCollectionMessageIterator(sys.argv[1]):
    if isinstance(m, bt2._PacketBeginningMessageConst):
        pkt[m.packet.stream.id] = pkt.get(m.packet.stream.id, -1) + 1
    elif isinstance(m, bt2._EventMessageConst):
        e = m.event
        evs.append((m.default_clock_snapshot.ns_from_origin,
                    int(e.packet.context_field["cpu_id"]), pkt[e.stream.id],
                    str(e.payload_field["prev_comm"]),
                    str(e.payload_field["next_comm"])))
down = min(ts for ts, _, _, prev, nxt in evs if "wl-a0" in (prev, nxt))
late = [e for e in evs if e[1] == 1 and e[2] == 1 and e[0] < down]
if late:
    sys.exit(f"rb-hotplug: {len(late)} CPU 1 events from before its death "
             f"are in packet 1, first {late[0]}")
last0 = max(ts for ts, cpu, p, _, _ in evs if cpu == 1 and p == 0)
print(f"rb-hotplug: CPU 1's packet 0 ends {down - last0} ns before wl-a0 "
      f"starts on CPU 0; packet 1 starts after")
PY
