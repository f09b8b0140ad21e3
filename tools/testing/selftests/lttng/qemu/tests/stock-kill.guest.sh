#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-kill: lttng-sessiond and lttng-consumerd die by SIGKILL while a
# session records, with a workload running.  The kernel must recover:
# every fd of the session is gone with them, so the session must be torn
# down (SESSION_ATTACH by name says it is absent); no process holds a
# tracer fd any more; a new sessiond starts and finds the kernel tracer;
# a new session records a second workload (stock-kill.host.sh checks its
# trace).  On the debug kernel, init's kmemleak scan then checks that the
# killed session leaked nothing.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

# tracer_fds: every process's fds on the tracer device or its objects.
tracer_fds() {
	for f in /proc/[0-9]*/fd/*; do
		case $(readlink "$f" 2>/dev/null) in
		/dev/lttng | *'[lttng'*) echo "$f -> $(readlink "$f")" ;;
		esac
	done
}

stock_sessiond_start
stock_workload /tmp/wl-kill-a 100000
stock_workload /tmp/wl-kill-b 20
lttng_ok create killed --output=/tmp/trace-killed
lttng_ok enable-event -k sched_switch
lttng_ok start
/tmp/wl-kill-a &
wl=$!
sleep 2
sessiond=$(stock_sessiond_pid)
consumerd=$(stock_consumerd_pids)
if [ -z "$sessiond" ] || [ -z "$consumerd" ]; then
	stock_fail "no daemons to kill"
fi
[ "$(lttng_check session killed)" = present ] || stock_fail "no kernel session 'killed'"
stock_msg "SIGKILL to sessiond $sessiond and consumerd $consumerd"
# shellcheck disable=SC2086 # one pid or more
kill -KILL "$sessiond" $consumerd
for p in $sessiond $consumerd; do
	stock_wait_gone "$p" 30
done
# Their lttng-runas helpers exit once their parent's socket closes.
i=0
while [ -n "$(tracer_fds)" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		tracer_fds
		stock_fail "tracer fds still open 10 s after the daemons died"
	fi
	usleep 100000
done
[ "$(lttng_check session killed)" = absent ] ||
	stock_fail "the kernel still has session 'killed' after its daemons died"
kill "$wl"
wait "$wl" || true

# A new daemon, a new session.
stock_sessiond_start
lttng_ok create after --output=/tmp/trace-after
lttng_ok enable-event -k sched_switch
lttng_ok start
/tmp/wl-kill-b
lttng_ok stop
lttng_ok destroy
cp -a /tmp/trace-after "$OUT/trace-after"
cp /tmp/wl-kill-b.pid /tmp/wl-kill-b.done "$OUT/"
