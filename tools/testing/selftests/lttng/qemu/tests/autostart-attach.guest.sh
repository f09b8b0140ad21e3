#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-attach: a boot session with system calls and contexts, in
# discard mode with buffers that hold the whole boot.  A workload runs
# before the attach; `lttng attach` then drains the session and reads it
# live while a second workload runs; the session goes on after the tool
# detaches.  autostart-attach.host.sh checks the trace from before /init
# to the second workload, with no gap at the attach point.
set -e
# shellcheck source=SCRIPTDIR/../workload.sh
. /usr/lib/lttng-test/workload.sh
make_workload /tmp/wl-before 10
make_workload /tmp/wl-during 20
dmesg | grep 'lttng:' >"$OUT/dmesg-lttng" || true
cat /sys/module/lttng/parameters/autostart >"$OUT/param"
/tmp/wl-before
lttng attach -o "$OUT/trace" -- /tmp/wl-during 2>"$OUT/attach.log" || {
	cat "$OUT/attach.log"
	exit 1
}
cp /tmp/wl-before.pid /tmp/wl-during.pid "$OUT/"
# Detached, not stopped: the session still records, and a second attach
# finds it.
lttng attach -o "$OUT/trace2" --stop 2>"$OUT/attach2.log" || {
	cat "$OUT/attach2.log"
	exit 1
}
