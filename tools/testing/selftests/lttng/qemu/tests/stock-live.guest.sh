#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-live: a live session.  lttng-relayd runs in the guest; the stock
# CLI creates a --live session that streams to it over loopback;
# babeltrace2 (carried in by stock-live.extra) reads it with the
# lttng-live protocol while a workload of 20 sleeps runs, and must end by
# itself once the session is destroyed.  stock-live.host.sh checks what
# babeltrace2 printed and the copy relayd wrote.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

host=$(hostname)
stock_sessiond_start
lttng-relayd -b -vvv -o /tmp/relayd >>"$STOCK_LOGS/relayd.log" 2>&1 ||
	stock_fail "lttng-relayd -b failed"
stock_workload /tmp/wl-live 20
lttng_ok create live --live=200000
lttng_ok enable-event -k sched_switch
lttng_ok start
lttng_ok list live >"$OUT/list-session"

url=net://localhost/host/$host/live
echo "$url" >"$OUT/url"
babeltrace2 --input-format=lttng-live "$url" \
	--params='session-not-found-action="end"' >"$OUT/live.txt" 2>"$STOCK_LOGS/babeltrace2.log" &
bt=$!
# Wait until babeltrace2 has attached and printed the first events.
i=0
while [ ! -s "$OUT/live.txt" ]; do
	i=$((i + 1))
	[ $i -le 300 ] || stock_fail "babeltrace2 printed nothing in 30 s"
	kill -0 $bt 2>/dev/null || stock_fail "babeltrace2 exited early: $(cat "$STOCK_LOGS/babeltrace2.log")"
	usleep 100000
done
/tmp/wl-live
lttng_ok stop
lttng_ok destroy
# The viewer ends when the session is gone and it has read everything.
i=0
while kill -0 $bt 2>/dev/null && [ $i -lt 600 ]; do
	i=$((i + 1))
	usleep 100000
done
cp /tmp/wl-live.pid /tmp/wl-live.done "$OUT/"
cp -a /tmp/relayd "$OUT/relayd"
if kill -0 $bt 2>/dev/null; then
	kill $bt
	stock_fail "babeltrace2 still reading 60 s after destroy"
fi
wait $bt || stock_fail "babeltrace2 failed ($?): $(tail -n 5 "$STOCK_LOGS/babeltrace2.log")"
