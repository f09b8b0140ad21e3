/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the TRACE_EVENT consumer.
 *
 * include/trace/define_trace.h reads every TRACE_EVENT header once per
 * consumer: ftrace (trace_events.h), perf (perf.h), bpf (bpf_probe.h),
 * and, with CONFIG_LTTNG_TRACE_EVENTS, this file.  For each event class
 * it defines the probe that trace_events.h put in the class's
 * .lttng_probe (_TRACE_LTTNG_INIT()):
 *
 *	static void lttng_trace_<class>(void *data, proto)
 *
 * which records one event into LTTng's ring buffer the way ftrace's own
 * probe records it into ftrace's: it sizes the dynamic fields with the
 * class's trace_event_get_offsets_<class>(), reserves the record with
 * lttng_event_reserve(), runs the class's own TP_fast_assign() straight
 * into it, and commits.  There is no scratch copy: __entry points 8 bytes
 * before the record's payload, so that the payload is the class's entry
 * struct without its struct trace_entry, then the dynamic data, exactly
 * as ftrace lays them out after that header.  The entry may be unaligned
 * (LTTng records are packed; CONFIG_LTTNG needs
 * HAVE_EFFICIENT_UNALIGNED_ACCESS).  A __data_loc or __rel_loc word keeps
 * ftrace's value (offset | length << 16), so that the CTF layout
 * (kernel/lttng/trace-events.c) reads the length from its upper half.
 *
 * @data is the struct lttng_event the probe was registered with, as for
 * the hand-written probes of <linux/lttng/define-probe.h>.
 */

#ifdef CONFIG_LTTNG_TRACE_EVENTS

#include <linux/lttng/events.h>

#include "stages/stage6_event_callback.h"

/* bpf_probe.h may have left these undefined or redefined. */
#ifndef DEFINE_EVENT_WRITABLE
#define DEFINE_EVENT_WRITABLE(template, call, proto, args, size)	\
	DEFINE_EVENT(template, call, PARAMS(proto), PARAMS(args))
#define __LTTNG_UNDEF_EVENT_WRITABLE
#endif
#undef DECLARE_TRACE
#define DECLARE_TRACE(name, proto, args)

#undef DECLARE_EVENT_CLASS
#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)	\
static notrace void							\
lttng_trace_##call(void *__data, proto)					\
{									\
	struct trace_event_data_offsets_##call __maybe_unused __data_offsets; \
	struct lttng_event *__lttng_event = __data;			\
	struct trace_event_raw_##call *entry;				\
	struct lttng_event_ctx __lttng_ctx;				\
	int __data_size;						\
									\
	/* The arming rule's flag: see struct lttng_event. */		\
	if (!READ_ONCE(__lttng_event->armed)) {				\
		/* Never armed: an event notifier's event. */		\
		if (unlikely(__lttng_event->notifier))			\
			lttng_notifier_fire(__lttng_event->notifier);	\
		return;							\
	}								\
	__data_size = trace_event_get_offsets_##call(&__data_offsets, args); \
	if (lttng_event_reserve(__lttng_event, &__lttng_ctx,		\
				offsetof(typeof(*entry), __data) -	\
				sizeof(struct trace_entry) + __data_size)) \
		return;							\
	entry = (void *)(__lttng_ctx.p - sizeof(struct trace_entry));	\
									\
	tstruct								\
									\
	{ assign; }							\
									\
	lttng_event_commit(__lttng_event, &__lttng_ctx);		\
}

/*
 * Compiled out: a build-time check that the class's probe still fits
 * each of its tracepoints.
 */
#undef DEFINE_EVENT
#define DEFINE_EVENT(template, call, proto, args)			\
static inline void lttng_test_probe_##call(void)			\
{									\
	check_trace_callback_type_##call(lttng_trace_##template);	\
}

#undef DEFINE_EVENT_PRINT
#define DEFINE_EVENT_PRINT(template, name, proto, args, print)		\
	DEFINE_EVENT(template, name, PARAMS(proto), PARAMS(args))

#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)

#ifdef __LTTNG_UNDEF_EVENT_WRITABLE
#undef DEFINE_EVENT_WRITABLE
#undef __LTTNG_UNDEF_EVENT_WRITABLE
#endif

#endif /* CONFIG_LTTNG_TRACE_EVENTS */
