#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# autostart-dump: a boot session with lttng.dump_on_oops=1; a known
# workload runs, then LKDTM oopses the kernel on purpose, which panics
# (the harness boots with oops=panic).  The panic notifier writes the
# flight recorder to the console, and autostart-dump.host.sh turns the
# console log back into CTF with scripts/lttng/dump2ctf.py.
set -e
cat /sys/module/lttng/parameters/dump_on_oops >"$OUT/param"
# shellcheck source=SCRIPTDIR/../workload.sh
. /usr/lib/lttng-test/workload.sh
make_workload /tmp/wl-dump 20
/tmp/wl-dump
cp /tmp/wl-dump.pid "$OUT/wl.pid"
echo $$ >"$OUT/sh.pid"
sync
echo EXCEPTION >/sys/kernel/debug/provoke-crash/DIRECT
# Not reached: the oops panics.
echo "autostart-dump: the kernel survived the oops"
exit 1
