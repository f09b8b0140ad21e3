#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The guest side of `make run` (scripts/run.sh): the kernel has traced
# since boot what scripts/run.sh's lttng.autostart= names.  Run a small
# workload, then drain the boot session into $OUT/trace with the project's
# tool.
set -e

echo "run: workload"
i=0
while [ $i -lt 200 ]; do
	echo $i >/dev/null
	/bin/true
	i=$((i + 1))
done
ls -R /proc/self/ >/dev/null 2>&1 || true
sleep 0.2 &
sleep 0.3
wait

echo "run: lttng attach -o $OUT/trace --stop"
lttng attach -o "$OUT/trace" --stop
