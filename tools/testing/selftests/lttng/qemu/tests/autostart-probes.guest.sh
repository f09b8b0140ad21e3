#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-probes: dynamic probes from lttng.autostart=, on a function
# the initcalls call: kprobe:register_filesystem,
# function:register_filesystem (entry and exit) and
# function-entry:register_filesyste* (a glob); and two bad items, a
# symbol that does not exist and an offset on a function probe, which
# the kernel reports and the boot survives.  The guest keeps the boot
# messages and the filesystems the kernel knows, and drains the boot
# session; autostart-probes.host.sh checks the trace.
set -e
dmesg | grep 'lttng:' >"$OUT/dmesg-lttng" || true
cp /proc/filesystems "$OUT/filesystems"
uname -v >"$OUT/uts-version"
lttng attach -o "$OUT/trace" --stop 2>"$OUT/attach.log"
