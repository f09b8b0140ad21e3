/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The sample module's TRACE_EVENT: an ordinary kernel trace event, which
 * ftrace, perf and LTTng all record.  Nothing in it is LTTng's.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM lttng_sample

#if !defined(_LTTNG_SAMPLE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _LTTNG_SAMPLE_TRACE_H

#include <linux/tracepoint.h>
#include <linux/types.h>

/*
 * sample_event - one step of a /proc/lttng-sample write
 * @n: the step, from 0
 * @text: a label
 * @bytes: a payload of @len bytes
 * @len: its length
 */
TRACE_EVENT(sample_event,
	TP_PROTO(int n, const char *text, const u8 *bytes, unsigned int len),
	TP_ARGS(n, text, bytes, len),
	TP_STRUCT__entry(
		__field(int, n)
		__string(text, text)
		__dynamic_array(u8, bytes, len)
	),
	TP_fast_assign(
		__entry->n = n;
		__assign_str(text);
		memcpy(__get_dynamic_array(bytes), bytes, len);
	),
	TP_printk("n=%d text=%s bytes=%s", __entry->n, __get_str(text),
		  __print_hex(__get_dynamic_array(bytes),
			      __get_dynamic_array_len(bytes)))
);

#endif /* _LTTNG_SAMPLE_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE lttng_sample_trace
#include <trace/define_trace.h>
