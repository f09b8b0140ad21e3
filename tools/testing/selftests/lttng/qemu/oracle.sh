# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# oracle.sh - the guest helper of the tests that hold the automatic events
# against ftrace (stock-trace-events-ftrace, stock-trace-events-fs).  A
# test lists it in its NAME.extra, sources it after stock.sh, and runs:
#
#	oracle_start "irq:irq_handler_entry timer:timer_start ..."
#	... the workload ...
#	oracle_stop
#
# oracle_start enables every SYSTEM:EVENT of the list in ftrace (tracefs,
# mono clock, the clock of LTTng's ktime_get_mono_fast_ns()) and in one
# LTTng session (stock lttng-tools, one enable-event for the whole list);
# ftrace starts before LTTng and oracle_stop stops it after, so that every
# LTTng instance has its ftrace twin.  oracle_stop leaves in $OUT what the
# host's ftrace-compare.py reads: trace/ (LTTng's), formats/ (one format
# file per event), ftrace-fields.txt and ftrace-print.txt (ftrace's trace
# with options/fields on and off), and ftrace-stats.txt (per CPU stats).
# ftrace's buffer must hold the listed events only (its bytes per event
# are counted): the test sets STOCK_IOCTL_TRACE=0 before it sources
# stock.sh, whose ioctl trace would share the buffer.

ORACLE_T=/sys/kernel/tracing

oracle_start() {
	[ "${STOCK_IOCTL_TRACE:-1}" = 0 ] ||
		stock_fail "oracle.sh: STOCK_IOCTL_TRACE=0 must come before stock.sh"
	stock_sessiond_start
	echo 0 >"$ORACLE_T/tracing_on"
	echo mono >"$ORACLE_T/trace_clock"
	echo "${ORACLE_FTRACE_KB:-8192}" >"$ORACLE_T/buffer_size_kb"
	echo >"$ORACLE_T/trace"
	mkdir -p "$OUT/formats"
	oracle_list=
	for e in $1; do
		sys=${e%%:*}
		ev=${e#*:}
		echo 1 >"$ORACLE_T/events/$sys/$ev/enable"
		cp "$ORACLE_T/events/$sys/$ev/format" "$OUT/formats/$ev"
		oracle_list=$oracle_list${oracle_list:+,}$e
	done
	lttng_ok create oracle --output=/tmp/oracle-trace
	lttng_ok enable-channel -k --subbuf-size=1M \
		--num-subbuf="${ORACLE_LTTNG_SUBBUFS:-8}" big
	lttng_ok enable-event -k -c big "$oracle_list"
	echo 1 >"$ORACLE_T/tracing_on"
	lttng_ok start
}

oracle_stop() {
	lttng_ok stop
	echo 0 >"$ORACLE_T/tracing_on"
	lttng_ok destroy
	stock_sessiond_stop
	echo 1 >"$ORACLE_T/options/fields"
	cat "$ORACLE_T/trace" >"$OUT/ftrace-fields.txt"
	echo 0 >"$ORACLE_T/options/fields"
	cat "$ORACLE_T/trace" >"$OUT/ftrace-print.txt"
	cat "$ORACLE_T"/per_cpu/cpu*/stats >"$OUT/ftrace-stats.txt"
	cp -a /tmp/oracle-trace "$OUT/trace"
}
