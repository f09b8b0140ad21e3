#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# boot.guest.sh: the guest side of the boot benchmark (scripts/bench.sh).
# Saves the kernel log (its "Run /init" line gives the time to /init) and
# the memory figures; with a boot session, drains it (lttng attach), and
# with ftrace's trace_event= on the command line, saves ftrace's buffer,
# so that the host can compare where each starts recording.
set -e
dmesg >"$OUT/dmesg"
cat /proc/meminfo >"$OUT/meminfo"
if [ -d /sys/module/lttng ] && grep -q . /sys/module/lttng/parameters/autostart; then
	lttng attach -o "$OUT/trace" --stop 2>"$OUT/attach.log"
fi
if grep -q 'trace_event=' /proc/cmdline; then
	echo 0 >/sys/kernel/tracing/tracing_on
	cat /sys/kernel/tracing/trace >"$OUT/ftrace.txt"
fi
