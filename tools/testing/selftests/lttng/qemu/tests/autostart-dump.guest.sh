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

# The recorder keeps 16 sub-buffers of 4 KiB per CPU.  Make it wrap before
# the workload, whatever the boot left in it: 1000 round trips between two
# shells over FIFOs, each at least two wakeups and two switches, with no
# fork.  They write over 100 KiB on each CPU, on either kernel.
mkfifo /tmp/ping /tmp/pong
(
	exec 3</tmp/ping 4>/tmp/pong
	while read -r l <&3; do echo "$l" >&4; done
) &
exec 5>/tmp/ping 6</tmp/pong
i=0
while [ $i -lt 1000 ]; do
	echo $i >&5
	read -r l <&6
	i=$((i + 1))
done
exec 5>&- 6<&-
wait

# Then a short workload, so that the newest 64 KiB per CPU hold all of it
# even on the slow debug kernel: 6 sleeps.  There, the workload and what
# follows it up to the dump take 0.6 to 1.0 s and a quarter of the
# events dumped; the dump reaches 1.8 to 2.2 s back.
make_workload /tmp/wl-dump 6
/tmp/wl-dump
cp /tmp/wl-dump.pid "$OUT/wl.pid"
echo $$ >"$OUT/sh.pid"
sync
echo EXCEPTION >/sys/kernel/debug/provoke-crash/DIRECT
# Not reached: the oops panics.
echo "autostart-dump: the kernel survived the oops"
exit 1
