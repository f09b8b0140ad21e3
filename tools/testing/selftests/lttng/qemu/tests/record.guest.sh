#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# record: tools/lttng makes a session of its own, consumes it through
# splice and through mmap, and a session never started records nothing.
set -e
# shellcheck source=SCRIPTDIR/../workload.sh
. /usr/lib/lttng-test/workload.sh

make_workload /tmp/wl-splice 10
make_workload /tmp/wl-mmap 10
make_workload /tmp/wl-idle 10
lttng record -e sched_switch --output splice -o "$OUT/splice" -- /tmp/wl-splice
lttng record -e sched_switch --output mmap -o "$OUT/mmap" -- /tmp/wl-mmap
lttng record -e sched_switch --no-start -o "$OUT/stopped" -- /tmp/wl-idle
cp /tmp/wl-splice.pid /tmp/wl-mmap.pid /tmp/wl-idle.pid "$OUT/"
