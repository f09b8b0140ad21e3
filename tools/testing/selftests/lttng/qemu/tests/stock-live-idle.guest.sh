#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-live-idle: a live session whose events all land on one CPU, the
# other CPU's stream idle from start to end.  lttng-relayd ignores the
# live beacons of a stream that never had a packet, and a live viewer
# waits for every stream: unless the first flush of the idle buffer
# delivers a packet, babeltrace2 prints nothing, ever (lttng-tools' clear
# and live tests hung on it).  The test events are written from CPU 0;
# babeltrace2 must print all of them within 30 s of the write.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

host=$(hostname)
stock_sessiond_start
lttng-relayd -b -vvv -o /tmp/relayd >>"$STOCK_LOGS/relayd.log" 2>&1 ||
	stock_fail "lttng-relayd -b failed"
lttng_ok create idle --live=200000
lttng_ok enable-event -k lttng_test_filter_event
lttng_ok start

url=net://localhost/host/$host/idle
: >"$OUT/live.txt"
babeltrace2 --input-format=lttng-live "$url" \
	--params='session-not-found-action="end"' >"$OUT/live.txt" 2>"$STOCK_LOGS/babeltrace2.log" &
bt=$!
# babeltrace2 attaches with LTTNG_VIEWER_SEEK_LAST: a packet that reached
# relayd before the attach is never shown.  Write the events only once
# relayd has made the viewer's streams and sent them.
i=0
until grep -q 'Sending stream .* to viewer' "$STOCK_LOGS/relayd.log"; do
	i=$((i + 1))
	[ $i -le 300 ] || stock_fail "babeltrace2 did not attach in 30 s"
	kill -0 $bt 2>/dev/null || stock_fail "babeltrace2 exited early: $(cat "$STOCK_LOGS/babeltrace2.log")"
	usleep 100000
done
taskset -c 0 sh -c 'echo -n 10 >/proc/lttng-test-filter-event' ||
	stock_fail "cannot write to /proc/lttng-test-filter-event"
t0=$(stock_uptime)
i=0
while [ "$(grep -c lttng_test_filter_event "$OUT/live.txt" || true)" -lt 10 ]; do
	i=$((i + 1))
	[ $i -le 300 ] || stock_fail "the live viewer printed $(grep -c lttng_test_filter_event "$OUT/live.txt") of 10 events in 30 s"
	kill -0 $bt 2>/dev/null || stock_fail "babeltrace2 exited early: $(cat "$STOCK_LOGS/babeltrace2.log")"
	usleep 100000
done
stock_since "$t0" >"$OUT/seconds"
lttng_ok stop
lttng_ok destroy
i=0
while kill -0 $bt 2>/dev/null && [ $i -lt 600 ]; do
	i=$((i + 1))
	usleep 100000
done
if kill -0 $bt 2>/dev/null; then
	kill $bt
	stock_fail "babeltrace2 still reading 60 s after destroy"
fi
wait $bt || stock_fail "babeltrace2 failed ($?): $(tail -n 5 "$STOCK_LOGS/babeltrace2.log")"
