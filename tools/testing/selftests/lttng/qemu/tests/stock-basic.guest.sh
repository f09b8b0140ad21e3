#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-basic: Debian's lttng-tools 2.13.9, unmodified, drive the kernel
# through one plain session: sessiond starts and finds the kernel tracer,
# create, enable-event -k sched_switch, start, a known workload, stop,
# destroy.  After destroy, consumerd closes every stream of the session
# (the kernel hangs them up and wakes it) and the kernel has no session
# left; sessiond and consumerd then exit on SIGTERM.  The host reads the
# trace (stock-basic.host.sh).
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

stock_sessiond_start
lttng_ok version >"$OUT/version"
stock_workload /tmp/wl-basic 20
lttng_ok create basic --output=/tmp/trace
lttng_ok enable-event -k sched_switch
lttng_ok start
/tmp/wl-basic
lttng_ok stop
lttng_ok list basic >"$OUT/list-session"
consumerd=$(stock_consumerd_pids)
[ -n "$consumerd" ] || stock_fail "no lttng-consumerd running"
lttng_ok destroy
cp -a /tmp/trace "$OUT/trace"
cp /tmp/wl-basic.pid /tmp/wl-basic.done "$OUT/"

# consumerd drops a stream when the kernel reports hang-up: once the
# session is gone, it holds no stream fd of it.
stock_wait_streams_closed "$consumerd" 10
[ "$(lttng_check session basic)" = absent ] ||
	stock_fail "the kernel still has session 'basic' after destroy"
stock_sessiond_stop
