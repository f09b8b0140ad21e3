/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the events API, as seen by probe providers.
 *
 * A provider describes its events once with LTTNG_TRACEPOINT_EVENT (see
 * <linux/lttng/define-probe.h>), which generates, per event, a
 * struct lttng_event_desc: the field list that the CTF metadata and the
 * ABI's field list come from, and a probe callback that records the
 * fields with lttng_event_reserve(), the lttng_event_write_*() helpers and
 * lttng_event_commit() (kernel/lttng/event.c).  Providers register into
 * the probe registry with lttng_probe_register(), built-in ones at boot,
 * a module's from its init; a probe is hooked to its tracepoint only while
 * a session has the event enabled.
 */
#ifndef _LINUX_LTTNG_EVENTS_H
#define _LINUX_LTTNG_EVENTS_H

#include <linux/list.h>
#include <linux/lttng/ringbuffer.h>
#include <linux/string.h>
#include <linux/types.h>

struct tracepoint;
struct lttng_channel;
struct lttng_session;

enum lttng_field_type {
	LTTNG_FIELD_INTEGER,
	LTTNG_FIELD_ARRAY_TEXT,		/* fixed-size char array, UTF-8 */
	LTTNG_FIELD_STRING,		/* NUL-terminated */
	LTTNG_FIELD_ARRAY,		/* fixed-size array of integers */
	LTTNG_FIELD_SEQUENCE,		/* u16 byte count, then the bytes */
};

/**
 * struct lttng_event_field - one field of an event's payload
 * @name: field name, as CTF and babeltrace2 show it
 * @type: enum lttng_field_type
 * @size: integer size in bytes (1, 2, 4 or 8), element size for arrays
 * @is_signed: integer signedness
 * @hex: show in base 16
 * @len: array length in elements
 *
 * A sequence is recorded as a u16 count of bytes, then the bytes; its
 * CTF declaration is a length field __NAME_length and the byte sequence
 * _NAME[__NAME_length], as LTTng-modules declares sequences.
 */
struct lttng_event_field {
	const char *name;
	u8 type;
	u8 size;
	u8 is_signed;
	u8 hex;
	u16 len;
};

/**
 * struct lttng_event_desc - an event a provider can record
 * @name: event name (sched_switch), matched by the EVENT ioctl
 * @fields: payload fields, in record order
 * @nr_fields: number of @fields
 * @tp: the kernel tracepoint the probe hooks
 * @probe: the probe callback, called with the struct lttng_event as data
 * @syscall: for a syscall event, 1 + its index in the syscall tables,
 *	else 0; such an event has no @tp or @probe of its own
 *	(kernel/lttng/syscalls.c)
 * @syscall_exit: a syscall exit event
 */
struct lttng_event_desc {
	const char *name;
	const struct lttng_event_field *fields;
	unsigned int nr_fields;
	struct tracepoint *tp;
	void *probe;
	unsigned short syscall;
	bool syscall_exit;
};

/**
 * struct lttng_probe_desc - a provider: a set of events of one subsystem
 * @name: provider name (sched)
 * @events: its events
 * @nr_events: number of @events
 * @node: registry list node, private to the registry
 */
struct lttng_probe_desc {
	const char *name;
	const struct lttng_event_desc * const *events;
	unsigned int nr_events;
	struct list_head node;
};

int lttng_probe_register(struct lttng_probe_desc *desc);

/**
 * struct lttng_event - an event enabled in a channel
 * @armed: the probe records: the session is active, the channel and the
 *	event are enabled.  Written under the core's lock with WRITE_ONCE()
 *	(kernel/lttng/enabler.c, the only writer), read by the probe with
 *	READ_ONCE(), with no other ordering: a probe that sees a stale value
 *	records one event more or less around a state change, and the
 *	stop and teardown paths wait for the probes in flight
 *	(tracepoint_synchronize_unregister()) before they rely on it.
 * @enabled: the ENABLE state
 * @registered: the probe is hooked to its tracepoint
 * @metadata_dumped: its declaration is in the session's metadata
 * @id: CTF event id, unique in its channel
 * @chan: its channel
 * @desc: what it records
 * @node: in the channel's event list
 * @hnode: in the channel's table of events by description
 */
struct lttng_event {
	bool armed;
	bool enabled;
	bool registered;
	bool metadata_dumped;
	unsigned int id;
	struct lttng_channel *chan;
	const struct lttng_event_desc *desc;
	struct list_head node;
	struct hlist_node hnode;
};

/**
 * struct lttng_event_ctx - a record being written by a probe
 * @rb: the ring buffer reservation
 * @p: where the next payload byte goes
 */
struct lttng_event_ctx {
	struct lttng_rb_ctx rb;
	char *p;
};

int lttng_event_reserve(struct lttng_event *event, struct lttng_event_ctx *ctx,
			size_t payload);
void lttng_event_commit(struct lttng_event *event, struct lttng_event_ctx *ctx);
bool lttng_event_in_session(const struct lttng_event *event,
			    const struct lttng_session *session);

static __always_inline void lttng_event_write(struct lttng_event_ctx *ctx,
					      const void *src, size_t len)
{
	memcpy(ctx->p, src, len);
	ctx->p += len;
}

/* A fixed-size text array: copied up to its first NUL, then zeroed. */
static __always_inline void lttng_event_write_text(struct lttng_event_ctx *ctx,
						   const char *src, size_t len)
{
	size_t n = strnlen(src, len);

	memcpy(ctx->p, src, n);
	memset(ctx->p + n, 0, len - n);
	ctx->p += len;
}

#endif /* _LINUX_LTTNG_EVENTS_H */
