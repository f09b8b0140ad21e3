#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trigger: a kernel trigger, added, listed and removed with the
# stock CLI.  Its condition is lttng_test_filter_event and its action
# starts the session trig, which records that event: the first event
# fires the trigger only (trig is not active yet), the five after it are
# recorded.  Once removed, the trigger is not listed.  A trigger with a
# filter is refused, since the kernel does not run filters yet, and says
# so.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

proc=/proc/lttng-test-filter-event

stock_sessiond_start
lttng_ok create trig --output=/tmp/trace
lttng_ok enable-event -k lttng_test_filter_event
lttng_ok add-trigger --name=kt --condition=event-rule-matches \
	--type=kernel --name=lttng_test_filter_event \
	--action=start-session trig >"$OUT/add-trigger.txt"
lttng_ok list-triggers >"$OUT/list-triggers.txt"
lttng_ok list trig >"$OUT/list-before.txt"

echo -n 1 >$proc
i=0
until lttng -n list trig | grep -q '\[active\]'; do
	i=$((i + 1))
	[ $i -le 100 ] || stock_fail "the trigger did not start trig in 10 s"
	usleep 100000
done
echo $i >"$OUT/start-wait"
echo -n 5 >$proc
lttng_ok stop trig
lttng_ok destroy trig
cp -a /tmp/trace "$OUT/trace"

lttng_ok remove-trigger kt >"$OUT/remove-trigger.txt"
lttng_ok list-triggers >"$OUT/list-triggers-after.txt"
# Removed: firing it again starts nothing and breaks nothing.
echo -n 3 >$proc

lttng_n add-trigger --name=kf --condition=event-rule-matches \
	--type=kernel --name=lttng_test_filter_event \
	--filter='intfield > 2' --action=notify \
	>"$OUT/add-trigger-filter.txt" 2>&1 || true
lttng_ok list-triggers >"$OUT/list-triggers-filter.txt"
dmesg | grep 'lttng: filters and captures on kernel triggers' \
	>"$OUT/dmesg-filter" || true
stock_sessiond_stop
cp "$STOCK_LOGS"/sessiond.*.log "$OUT/"
