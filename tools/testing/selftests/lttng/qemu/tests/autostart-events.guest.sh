#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-events: lttng.autostart= with globs of the kernel's own
# TRACE_EVENTs (the automatic path): irq, softirq, timer, hrtimer,
# workqueue and block events from boot.  (Not irq_*: on the debug kernel
# it takes irq_enable and irq_disable too, whose 260 thousand events
# overwrite the start of the flight recorder.)  The guest keeps the boot
# messages, ftrace's list of events and the CPU count, sleeps a known
# number of times and drains the boot session; autostart-events.host.sh
# checks the count the boot message gives and the trace.
set -e
dmesg | grep 'lttng:' >"$OUT/dmesg-lttng" || true
cp /sys/kernel/tracing/available_events "$OUT/available_events"
nproc >"$OUT/nproc"
i=0
while [ $i -lt 10 ]; do
	sleep 0.01
	i=$((i + 1))
done
lttng attach -o "$OUT/trace" --stop 2>"$OUT/attach.log"
