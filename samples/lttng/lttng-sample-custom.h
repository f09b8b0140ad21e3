/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The sample module's plain tracepoint, which only its hand-written
 * LTTng event (lttng-sample-events.h) records: no ftrace event.
 */
#ifndef _LTTNG_SAMPLE_CUSTOM_H
#define _LTTNG_SAMPLE_CUSTOM_H

#include <linux/tracepoint.h>
#include <linux/types.h>

DECLARE_TRACE(sample_custom,
	      TP_PROTO(int n, const char *text),
	      TP_ARGS(n, text));

#endif /* _LTTNG_SAMPLE_CUSTOM_H */
