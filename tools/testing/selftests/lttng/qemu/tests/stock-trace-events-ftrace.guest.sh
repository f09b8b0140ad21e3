#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trace-events-ftrace: ftrace is the oracle of the automatic events.
# The same events are enabled in ftrace and in an LTTng session (stock
# lttng-tools) at once, on the same clock (ftrace's mono is LTTng's
# ktime_get_mono_fast_ns()); ftrace starts before and stops after LTTng.
# The host (stock-trace-events-ftrace.host.sh) matches every LTTng event
# with its ftrace twin, field by field.  ftrace's trace is read twice:
# with options/fields, each field by its type, and as TP_printk() prints
# it (for cpumasks, which the field view does not print).
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

T=/sys/kernel/tracing
EVENTS="irq:irq_handler_entry irq:irq_handler_exit irq:softirq_entry
irq:softirq_exit irq:softirq_raise timer:timer_start timer:timer_cancel
timer:timer_expire_entry timer:timer_expire_exit timer:hrtimer_start
timer:hrtimer_cancel timer:hrtimer_expire_entry timer:hrtimer_expire_exit
sched:sched_prepare_exec sched:sched_wake_idle_without_ipi ipi:ipi_send_cpu
ipi:ipi_send_cpumask workqueue:workqueue_queue_work
workqueue:workqueue_activate_work workqueue:workqueue_execute_start
workqueue:workqueue_execute_end"

stock_sessiond_start
echo 0 >"$T/tracing_on"
echo mono >"$T/trace_clock"
echo 8192 >"$T/buffer_size_kb"
echo >"$T/trace"
mkdir -p "$OUT/formats"
list=
for e in $EVENTS; do
	sys=${e%%:*}
	ev=${e#*:}
	echo 1 >"$T/events/$sys/$ev/enable"
	cp "$T/events/$sys/$ev/format" "$OUT/formats/$ev"
	list=$list${list:+,}$e
done

lttng_ok create oracle --output=/tmp/trace
lttng_ok enable-channel -k --subbuf-size=1M --num-subbuf=8 big
lttng_ok enable-event -k -c big "$list"
echo 1 >"$T/tracing_on"
lttng_ok start
# The workload: execs, sleeps, interrupts, work items, and code patching
# (an event enabled and disabled: its static key's IPIs to every CPU).
i=0
while [ $i -lt 10 ]; do
	/bin/true
	sh -c 'sleep 0.05'
	cat /proc/interrupts /proc/stat >/dev/null
	echo 1 >"$T/events/sched/sched_process_free/enable"
	echo 0 >"$T/events/sched/sched_process_free/enable"
	i=$((i + 1))
done
lttng_ok stop
echo 0 >"$T/tracing_on"
lttng_ok destroy
stock_sessiond_stop

echo 1 >"$T/options/fields"
cat "$T/trace" >"$OUT/ftrace-fields.txt"
echo 0 >"$T/options/fields"
cat "$T/trace" >"$OUT/ftrace-print.txt"
cat "$T"/per_cpu/cpu*/stats >"$OUT/ftrace-stats.txt"
cp -a /tmp/trace "$OUT/trace"
