#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-session: a full kernel session driven by the stock lttng-tools:
# sched_switch and sched_wakeup, every system call, the pid, tid and
# procname contexts, around a workload of a known pid, comm and number of
# sleeps.  stock-session.host.sh checks the values in the trace.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

stock_sessiond_start
stock_workload /tmp/wl-session 20
lttng_ok create session --output=/tmp/trace
lttng_ok enable-event -k sched_switch,sched_wakeup
lttng_ok enable-event -k --syscall --all
lttng_ok add-context -k -t pid -t tid -t procname
lttng_ok start
/tmp/wl-session
lttng_ok stop
lttng_ok list session >"$OUT/list-session"
lttng_ok destroy
cp -a /tmp/trace "$OUT/trace"
cp /tmp/wl-session.pid /tmp/wl-session.done "$OUT/"
