#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-sched: lttng.autostart=sched_switch traces from boot; a known
# workload runs; `lttng attach --stop` drains the boot session into a CTF
# trace that autostart-sched.host.sh reads.
set -e
# shellcheck source=SCRIPTDIR/../workload.sh
. /usr/lib/lttng-test/workload.sh

make_workload /tmp/wl-spin 20
/tmp/wl-spin
cp /tmp/wl-spin.pid "$OUT/wl.pid"
dmesg | grep 'lttng:' >"$OUT/dmesg-lttng" || true
cat /sys/module/lttng/parameters/autostart >"$OUT/param"
lttng attach -o "$OUT/trace" --stop 2>"$OUT/attach.log"
