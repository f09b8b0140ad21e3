#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trace-events: the breadth of the automatic TRACE_EVENT events.
# The stock `lttng list -k` and ftrace's available_events, in the same
# boot, for stock-trace-events.host.sh to compare; one event enabled by
# each spelling (name, SYSTEM:EVENT, glob) records; and a session with
# every event (-a) records.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

T=/sys/kernel/tracing
cp "$T/available_events" "$OUT/available_events"
dmesg | grep "lttng: " >"$OUT/dmesg-lttng" || true
stock_sessiond_start
lttng_ok list -k >"$OUT/list-k.txt"

# The spellings, each on an event of its own that this workload fires.
lttng_ok create spell --output=/tmp/trace
lttng_ok enable-event -k irq_handler_entry
lttng_ok enable-event -k timer:hrtimer_start
lttng_ok enable-event -k 'softirq_*'
lttng_ok enable-event -k 'workqueue:workqueue_queue_*'
lttng_ok enable-event -k 'nosuchsystem:*'
lttng_ok start
i=0
while [ $i -lt 5 ]; do
	sleep 0.1
	cat /proc/interrupts >/dev/null
	i=$((i + 1))
done
lttng_ok stop
lttng_ok destroy
cp -a /tmp/trace "$OUT/trace"

# Every event at once (-a): every probe runs on live data, and the
# metadata declares every event.
lttng_ok create all --output=/tmp/trace-all
lttng_ok enable-channel -k --subbuf-size=1M --num-subbuf=4 big
lttng_ok enable-event -k -c big -a
lttng_ok start
/bin/true
sleep 0.2
lttng_ok stop
lttng_ok destroy
cp -a /tmp/trace-all "$OUT/trace-all"
stock_sessiond_stop
