/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the tracepoint of the test event source (lttng-test.c).
 * A plain tracepoint, with no ftrace event: only LTTng records it.
 */
#ifndef _LTTNG_TEST_TRACE_H
#define _LTTNG_TEST_TRACE_H

#include <linux/tracepoint.h>
#include <linux/types.h>

DECLARE_TRACE(lttng_test_filter_event,
	      TP_PROTO(int anint, int netint, long *values, char *text,
		       size_t textlen, char *etext, u32 *net_values),
	      TP_ARGS(anint, netint, values, text, textlen, etext,
		      net_values));

#endif /* _LTTNG_TEST_TRACE_H */
