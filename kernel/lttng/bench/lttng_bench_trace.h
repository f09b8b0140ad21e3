/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The benchmark's test-only tracepoints, defined the upstream way so that
 * ftrace can enable them too: payloads of 4, 32 and 256 bytes.
 *
 * lttng_bench_<size> have a hand-written LTTng description (bench-events.h);
 * lttng_bench_auto_<size>, events of the same classes, have none, so LTTng
 * records them through the automatic path of <trace/lttng.h>.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM lttng_bench

#if !defined(_LTTNG_BENCH_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _LTTNG_BENCH_TRACE_H

#include <linux/tracepoint.h>

TRACE_EVENT(lttng_bench_4,
	TP_PROTO(u32 v),
	TP_ARGS(v),
	TP_STRUCT__entry(
		__field(u32, v)
	),
	TP_fast_assign(
		__entry->v = v;
	),
	TP_printk("v=%u", __entry->v)
);

TRACE_EVENT(lttng_bench_32,
	TP_PROTO(const u64 *v),
	TP_ARGS(v),
	TP_STRUCT__entry(
		__array(u64, v, 4)
	),
	TP_fast_assign(
		memcpy(__entry->v, v, sizeof(__entry->v));
	),
	TP_printk("v0=%llu", __entry->v[0])
);

TRACE_EVENT(lttng_bench_256,
	TP_PROTO(const u8 *v),
	TP_ARGS(v),
	TP_STRUCT__entry(
		__array(u8, v, 256)
	),
	TP_fast_assign(
		memcpy(__entry->v, v, sizeof(__entry->v));
	),
	TP_printk("v0=%u", __entry->v[0])
);

DEFINE_EVENT(lttng_bench_4, lttng_bench_auto_4,
	TP_PROTO(u32 v),
	TP_ARGS(v)
);

DEFINE_EVENT(lttng_bench_32, lttng_bench_auto_32,
	TP_PROTO(const u64 *v),
	TP_ARGS(v)
);

DEFINE_EVENT(lttng_bench_256, lttng_bench_auto_256,
	TP_PROTO(const u8 *v),
	TP_ARGS(v)
);

#endif /* _LTTNG_BENCH_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE lttng_bench_trace
#include <trace/define_trace.h>
