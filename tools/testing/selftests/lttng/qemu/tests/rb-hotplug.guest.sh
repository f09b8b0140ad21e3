#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# rb-hotplug: CPU hotplug while a session records (2 CPUs, booted with
# maxcpus=1).  rb-hotplug.host.sh checks the traces.
#
# Part B first, while CPU 1 has never been online: record, bring CPU 1 up,
# run a workload pinned to it.  Its events must be in CPU 1's stream.
#
# Part A, both CPUs up: record with sub-buffers large enough that the
# workload pinned to CPU 1 never fills one, so that only a flush can make
# its events readable; take CPU 1 down while recording and check that its
# events reach the trace file while it is down (the flush at its death); run
# work on CPU 0; bring CPU 1 back and run pinned work there again.
set -e
cpu1=/sys/devices/system/cpu/cpu1/online
# shellcheck source=SCRIPTDIR/../workload.sh
. /usr/lib/lttng-test/workload.sh

for w in wl-b1 wl-a1 wl-a0 wl-a2; do
	make_workload /tmp/$w 100 1000
done

# ---- Part B: CPU 1 possible, offline since boot -------------------------
cat /sys/devices/system/cpu/possible >"$OUT/b-possible"
cat /sys/devices/system/cpu/online >"$OUT/b-online-before"
cat >/tmp/part-b <<EOS
#!/bin/sh
set -e
echo 1 >$cpu1
cat /sys/devices/system/cpu/online >"$OUT/b-online-after"
taskset -c 1 /tmp/wl-b1
EOS
chmod +x /tmp/part-b
lttng record -e sched_switch -o "$OUT/b" -- /tmp/part-b 2>"$OUT/b.log" || {
	cat "$OUT/b.log"
	exit 1
}

# ---- Part A: both up, CPU 1 goes down and comes back while recording ----
# in_file FILE WORD: WORD is in FILE's bytes (a comm in a trace file).
cat >/tmp/part-a <<EOS
#!/bin/sh
set -e
in_file() {
	strings "\$1" 2>/dev/null | grep -q "\$2"
}
f=$OUT/a/kernel/channel0_1
taskset -c 1 /tmp/wl-a1
sleep 1
# CPU 1's packet is still open: nothing of wl-a1 can have been read.
if in_file \$f wl-a1; then echo yes; else echo no; fi >"$OUT/a-before-offline"
echo 0 >$cpu1
cat /sys/devices/system/cpu/online >"$OUT/a-online-down"
# The flush at its death closed it: the reader takes it while CPU 1 is down.
t=0
while ! in_file \$f wl-a1 && [ \$t -lt 120 ]; do
	usleep 250000
	t=\$((t + 1))
done
if in_file \$f wl-a1; then echo yes; else echo no; fi >"$OUT/a-while-offline"
taskset -c 0 /tmp/wl-a0
cat $cpu1 >"$OUT/a-cpu1-down"
echo 1 >$cpu1
cat /sys/devices/system/cpu/online >"$OUT/a-online-up"
taskset -c 1 /tmp/wl-a2
EOS
chmod +x /tmp/part-a
lttng record -e sched_switch -s 1M -n 4 -o "$OUT/a" -- /tmp/part-a 2>"$OUT/a.log" || {
	cat "$OUT/a.log"
	exit 1
}
for w in wl-b1 wl-a1 wl-a0 wl-a2; do
	cp /tmp/$w.pid "$OUT/"
done
