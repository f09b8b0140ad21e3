#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trace-events-ftrace.host.sh OUT: every event LTTng recorded has
# its ftrace twin, in the same order on its CPU, with every field equal
# (ftrace-compare.py); ftrace lost nothing, and neither did LTTng.
set -euo pipefail
out=$1
here=$(dirname "$0")

if grep -E '^overrun: [1-9]' "$out/ftrace-stats.txt"; then
	echo "stock-trace-events-ftrace: ftrace overwrote events" >&2
	exit 1
fi
babeltrace2 "$out/trace" >/dev/null
/usr/bin/python3 "$here/../ctfcheck.py" "$out/trace" --no-discards
/usr/bin/python3 "$here/../ftrace-compare.py" "$out/trace" \
	"$out/ftrace-fields.txt" "$out/ftrace-print.txt" "$out/formats" \
	--require irq_handler_entry,irq_handler_exit,softirq_entry,softirq_exit,softirq_raise,hrtimer_start,hrtimer_expire_entry,sched_prepare_exec,workqueue_queue_work,workqueue_execute_start,ipi_send_cpumask
