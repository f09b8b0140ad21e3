#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trigger: sessiond gets the kernel's event-notifier group at start
# (no error in its log), and a kernel trigger is refused when it is added,
# since the kernel has no event notifiers yet: the kernel says why, sessiond
# drops the trigger (list-triggers shows nothing; lttng-tools 2.13.9's CLI
# still prints "Added trigger"), and sessiond still stops at once.  A
# session started after the refusal records as usual.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

stock_sessiond_start
lttng_n add-trigger --name=kt --condition=event-rule-matches \
	--type=kernel --name=sched_switch --action=notify \
	>"$OUT/add-trigger.txt" 2>&1 || true
lttng_ok list-triggers >"$OUT/list-triggers.txt"
stock_workload /tmp/wl-trig 5
lttng_ok create trig --output=/tmp/trace
lttng_ok enable-event -k sched_switch
lttng_ok start
/tmp/wl-trig
lttng_ok stop
lttng_ok destroy
cp -a /tmp/trace "$OUT/trace"
cp /tmp/wl-trig.pid "$OUT/"
dmesg | grep 'lttng: kernel triggers' >"$OUT/dmesg-trigger" || true
stock_sessiond_stop
cp "$STOCK_LOGS"/sessiond.*.log "$OUT/"
