#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trace-events-module: ftrace is the oracle of the automatic events
# of modules and of the module events themselves.  The module events
# (module_load, module_get, module_put, module_request) are on in ftrace
# and in an LTTng session (oracle.sh) when the two sample modules load:
# samples/lttng's lttng-sample.ko and the kernel's own TRACE_EVENT sample,
# trace-events-sample.ko, whose events have every dynamic kind ftrace
# knows (__string, __vstring, __dynamic_array, __bitmask, __cpumask, and
# their __rel_loc forms).  Their events are enabled once loaded, in ftrace
# first, then in the running LTTng session, so that every LTTng instance
# has its ftrace twin.  The host (stock-trace-events-module.host.sh)
# matches them field by field.  The modules are unloaded after the
# capture: ftrace empties its buffers when a module with enabled events
# goes.
set -e
# ftrace's buffer holds this test's events only (stock.sh: no ioctl trace).
STOCK_IOCTL_TRACE=0
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh
# shellcheck source=SCRIPTDIR/../oracle.sh
. /usr/lib/lttng-test/oracle.sh

T=/sys/kernel/tracing
KOS="/usr/lib/lttng-test/lttng-sample.ko /usr/lib/lttng-test/trace-events-sample.ko"
for ko in $KOS; do
	[ -f "$ko" ] || stock_fail "no $ko"
done

oracle_start "module:module_load module:module_get module:module_put
module:module_request"
for ko in $KOS; do
	insmod "$ko" || stock_fail "insmod $ko"
done
list=
for d in "$T"/events/sample-trace/*/ "$T"/events/lttng_sample/*/; do
	ev=$(basename "$d")
	echo 1 >"$d/enable"
	cp "$d/format" "$OUT/formats/$ev"
	list=$list${list:+,}$ev
done
lttng_ok enable-event -k -c big "$list"
echo "$list" >"$OUT/module-events"
# The workload: 20 events of lttng-sample, the kernel sample's thread for
# 3 s (it fires its events once a second), and a request for a module
# that does not exist (a mount of an unknown file system type).
echo 20 >/proc/lttng-sample
sleep 3
mount -t lttng-no-such-fs none /mnt 2>/dev/null || true
oracle_stop
for ko in $KOS; do
	rmmod "$(basename "$ko" .ko)" || stock_fail "rmmod $ko"
done
