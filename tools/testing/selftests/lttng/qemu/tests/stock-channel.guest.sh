#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-channel: a kernel channel of one sub-buffer, as lttng-tools'
# test_channel makes it.  In discard mode it is accepted and records; its
# packet reaches consumerd when a flush closes it, here the stop's (a
# switch timer would too, but every event between its close and
# consumerd's read would be dropped: the next packet needs the same
# sub-buffer).  256 KiB hold the whole run.  In overwrite mode it is
# refused, as LTTng-modules refuses it.  The host reads the trace
# (stock-channel.host.sh).
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

stock_sessiond_start
stock_workload /tmp/wl-chan 20
lttng_ok create chan --output=/tmp/trace
if lttng_n enable-channel -k --overwrite --subbuf-size=64k --num-subbuf=1 \
	ring >"$OUT/overwrite.txt" 2>&1; then
	stock_fail "a one-sub-buffer overwrite channel was accepted"
fi
lttng_ok enable-channel -k --subbuf-size=256k --num-subbuf=1 one
lttng_ok enable-event -k -c one sched_switch
lttng_ok start
/tmp/wl-chan
lttng_ok stop
lttng_ok list chan >"$OUT/list-session"
lttng_ok destroy
cp -a /tmp/trace "$OUT/trace"
cp /tmp/wl-chan.pid /tmp/wl-chan.done "$OUT/"
stock_sessiond_stop
