#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-snapshot: a flight-recorder session of the stock lttng-tools.
# Small overwrite buffers (4 sub-buffers of 4 KiB per CPU) that two
# workloads overflow many times over; a snapshot after each.  The host
# (stock-snapshot.host.sh) checks what each snapshot kept.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

stock_sessiond_start
stock_workload /tmp/wl-snap-a 200
stock_workload /tmp/wl-snap-b 200
lttng_ok create snap --snapshot --output=/tmp/snap
lttng_ok enable-channel -k --overwrite --subbuf-size=4096 --num-subbuf=4 flight
lttng_ok enable-event -k -c flight sched_switch
lttng_ok start
/tmp/wl-snap-a
lttng_ok snapshot record --name=one
/tmp/wl-snap-b
lttng_ok snapshot record --name=two
lttng_ok stop
lttng_ok list snap >"$OUT/list-session"
lttng_ok destroy
cp -a /tmp/snap "$OUT/snap"
cp /tmp/wl-snap-a.pid /tmp/wl-snap-b.pid /tmp/wl-snap-a.done /tmp/wl-snap-b.done "$OUT/"
