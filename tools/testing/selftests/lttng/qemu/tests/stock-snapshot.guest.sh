#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-snapshot: a flight-recorder session of the stock lttng-tools.
# Small overwrite buffers (4 sub-buffers of 4 KiB per CPU) that two
# workloads overflow many times over: a runs for 3 s, then snapshot one
# is taken while it still runs; a is stopped, b runs for 3 s, snapshot two
# is taken while b runs.  (A snapshot after a workload ends may hold none
# of it: on a slow kernel, the lttng CLI starting up fills the small
# buffers first.)  The host (stock-snapshot.host.sh) checks what each
# snapshot kept.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

stock_sessiond_start
stock_workload /tmp/wl-snap-a 1000000
stock_workload /tmp/wl-snap-b 1000000
lttng_ok create snap --snapshot --output=/tmp/snap
lttng_ok enable-channel -k --overwrite --subbuf-size=4096 --num-subbuf=4 flight
lttng_ok enable-event -k -c flight sched_switch
lttng_ok start
/tmp/wl-snap-a &
a=$!
sleep 3
lttng_ok snapshot record --name=one
kill $a
wait $a || true
/tmp/wl-snap-b &
b=$!
sleep 3
lttng_ok snapshot record --name=two
kill $b
wait $b || true
lttng_ok stop
lttng_ok list snap >"$OUT/list-session"
lttng_ok destroy
cp -a /tmp/snap "$OUT/snap"
cp /tmp/wl-snap-a.pid /tmp/wl-snap-b.pid "$OUT/"
