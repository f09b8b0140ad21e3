/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: every TRACE_EVENT of the kernel as an LTTng event
 * (trace-events.c).  It walks the kernel's registry of trace events, the
 * _ftrace_events section that include/asm-generic/vmlinux.lds.h bounds
 * and no kernel header declares.
 */
#ifndef _LTTNG_TRACE_EVENTS_H
#define _LTTNG_TRACE_EVENTS_H

struct trace_event_call;
struct trace_event_fields;
struct lttng_event_field;

extern struct trace_event_call *__start_ftrace_events[];
extern struct trace_event_call *__stop_ftrace_events[];

#if IS_ENABLED(CONFIG_KUNIT)
struct lttng_event_field *
lttng_trace_fields(const struct trace_event_fields *fields,
		   unsigned int *nr_fields,
		   const struct trace_event_fields **bad);
#endif

#endif /* _LTTNG_TRACE_EVENTS_H */
