/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the benchmark's events, the same payloads as ftrace's
 * lttng_bench_* events.  No include guard: see define-probe.h.
 */

LTTNG_TRACEPOINT_EVENT(lttng_bench_4,
	TP_PROTO(u32 v),
	TP_ARGS(v),
	TP_FIELDS(
		ctf_integer(u32, v, v)
	)
)

LTTNG_TRACEPOINT_EVENT(lttng_bench_32,
	TP_PROTO(const u64 *v),
	TP_ARGS(v),
	TP_FIELDS(
		ctf_array(u64, v, v, 4)
	)
)

LTTNG_TRACEPOINT_EVENT(lttng_bench_256,
	TP_PROTO(const u8 *v),
	TP_ARGS(v),
	TP_FIELDS(
		ctf_array(u8, v, v, 256)
	)
)
