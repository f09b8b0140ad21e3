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
#include <linux/unaligned.h>

struct tracepoint;
struct lttng_channel;
struct lttng_probe_desc;
struct lttng_registry_entry;
struct lttng_notifier;
struct lttng_dynprobe;
struct lttng_session;

/**
 * enum lttng_field_type - what a struct lttng_event_field is
 * @LTTNG_FIELD_INTEGER: an integer of @size bytes, or of @bits bits
 * @LTTNG_FIELD_ARRAY_TEXT: a fixed-size char array, UTF-8
 * @LTTNG_FIELD_STRING: a NUL-terminated string
 * @LTTNG_FIELD_ARRAY: @len elements of kind @elem
 * @LTTNG_FIELD_SEQUENCE: a u16 count of bytes, then the bytes (the
 *	syscall payloads of kernel/lttng/syscalls.c)
 * @LTTNG_FIELD_ENUM: an integer container labelled by @enum_desc
 * @LTTNG_FIELD_SEQUENCE_OF: elements of kind @elem, as many as an earlier
 *	integer field of the same struct says (@length_name)
 * @LTTNG_FIELD_STRUCT: a structure of @nr_fields @fields
 */
enum lttng_field_type {
	LTTNG_FIELD_INTEGER,
	LTTNG_FIELD_ARRAY_TEXT,
	LTTNG_FIELD_STRING,
	LTTNG_FIELD_ARRAY,
	LTTNG_FIELD_SEQUENCE,
	LTTNG_FIELD_ENUM,
	LTTNG_FIELD_SEQUENCE_OF,
	LTTNG_FIELD_STRUCT,
};

/**
 * enum lttng_field_elem - the elements of an array or a sequence
 * @LTTNG_ELEM_INTEGER: integers of @size bytes, with @is_signed, @hex and
 *	@network
 * @LTTNG_ELEM_TEXT: chars, UTF-8, copied up to their first NUL and zeroed
 *	after it
 * @LTTNG_ELEM_BITS: the bits of @size-byte words, one 1-bit element each,
 *	least significant bit first, the words in little-endian order; the
 *	count (the array's and the length field's) is in bits
 * @LTTNG_ELEM_STRUCT: structures of @nr_fields @fields
 */
enum lttng_field_elem {
	LTTNG_ELEM_INTEGER,
	LTTNG_ELEM_TEXT,
	LTTNG_ELEM_BITS,
	LTTNG_ELEM_STRUCT,
};

/**
 * struct lttng_enum_entry - one label of an enumeration
 * @label: the label babeltrace2 shows
 * @start: first value of the range
 * @end: last value of the range, inclusive (@start for a single value)
 * @is_auto: the entry is one value, the previous entry's @end + 1 (0 for
 *	a first entry), as CTF counts an entry without a value; @start and
 *	@end are then unused, and the metadata writer resolves the value
 */
struct lttng_enum_entry {
	const char *label;
	s64 start;
	s64 end;
	bool is_auto;
};

/**
 * struct lttng_enum_desc - an enumeration, shared by the fields that use it
 * @name: its name, for the provider's own reference
 * @entries: its labels, in declaration order
 * @nr_entries: number of @entries
 */
struct lttng_enum_desc {
	const char *name;
	const struct lttng_enum_entry *entries;
	unsigned int nr_entries;
};

/**
 * struct lttng_event_field - one field of an event's payload
 * @name: field name, as CTF and babeltrace2 show it
 * @type: enum lttng_field_type
 * @size: integer size in bytes (1, 2, 4 or 8), element size for arrays
 *	and sequences
 * @is_signed: integer signedness
 * @hex: show in base 16
 * @len: array length in elements (in words of @size bytes for bits)
 * @elem: enum lttng_field_elem, for ARRAY and SEQUENCE_OF
 * @network: the integer, or each element, is big-endian (network byte
 *	order) whatever the CPU's
 * @bits: an INTEGER of this many bits (1 to 64), aligned on a bit, in
 *	place of @size bytes: the flags of a structure
 * @length_name: for SEQUENCE_OF, the field, earlier in the same structure,
 *	that holds the element count; NULL for the field right before
 * @enum_desc: for ENUM, the labels of its values
 * @fields: for STRUCT, and for elements of kind LTTNG_ELEM_STRUCT, the
 *	members
 * @nr_fields: number of @fields
 *
 * Every field but the bit-sized integers is byte-aligned: the record is
 * packed, as LTTng-modules packs it on a CPU with efficient unaligned
 * access.  The TSDL each type declares, as LTTng-modules 2.13 declares it:
 *
 * - INTEGER: ``integer { size = S; align = A; signed = 0|1; encoding =
 *   none; base = 10|16; [byte_order = be;] } _NAME;`` with A = 8, or 1
 *   with @bits;
 * - ENUM: ``enum : integer {...} { "label" = V, "label" = S ... E, }
 *   _NAME;``, inline, with the auto entries' values resolved;
 * - ARRAY and SEQUENCE_OF: the element type then ``_NAME[LEN];`` or
 *   ``_NAME[ _LENGTH ];``, where LENGTH is @length_name or the previous
 *   field's name; text elements are 8-bit integers with encoding = UTF8;
 *   bit elements are ``integer { size = 1; align = 1; ... }`` after an
 *   empty ``struct { } align(8) _NAME_padding;``;
 * - STRUCT: ``struct { members } _NAME;``;
 * - SEQUENCE: a 16-bit ``__NAME_length`` then 8-bit hexadecimal
 *   ``_NAME[ __NAME_length ]``.
 */
struct lttng_event_field {
	const char *name;
	u8 type;
	u8 size;
	u8 is_signed;
	u8 hex;
	u16 len;
	u8 elem;
	u8 network;
	u8 bits;
	const char *length_name;
	const struct lttng_enum_desc *enum_desc;
	const struct lttng_event_field *fields;
	unsigned int nr_fields;
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
 * @provider: the provider that registers it, whose name is the SYSTEM of
 *	the SYSTEM:EVENT spelling of enablers; NULL for a syscall event
 * @dynprobe: for a dynamic event (kprobe, function, uprobe), the probe
 *	that owns the description and records it (kernel/lttng/dynamic.c);
 *	such an event has no @tp, @probe or @provider
 */
struct lttng_event_desc {
	const char *name;
	const struct lttng_event_field *fields;
	unsigned int nr_fields;
	struct tracepoint *tp;
	void *probe;
	unsigned short syscall;
	bool syscall_exit;
	const struct lttng_probe_desc *provider;
	struct lttng_dynprobe *dynprobe;
};

/**
 * struct lttng_probe_desc - a provider: a set of events of one subsystem
 * @name: provider name (sched): for the kernel's TRACE_EVENTs, their
 *	TRACE_SYSTEM
 * @events: its events, each of which points back to it (@provider)
 * @nr_events: number of @events
 * @node: registry list node, private to the registry
 * @entries: the registry's hash entries of @events, private to it
 */
struct lttng_probe_desc {
	const char *name;
	const struct lttng_event_desc * const *events;
	unsigned int nr_events;
	struct list_head node;
	struct lttng_registry_entry *entries;
};

int lttng_probe_register(struct lttng_probe_desc *desc);
void lttng_probe_unregister(struct lttng_probe_desc *desc);

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
 * @dead: its provider left (a module unloaded): the event is unhooked for
 *	good and stays in its channel only for the metadata; @desc is then
 *	the core's copy of what the metadata needs, freed with the event
 * @metadata_dumped: its declaration is in the session's metadata
 * @id: CTF event id, unique in its channel
 * @chan: its channel; NULL for an event notifier's event
 * @desc: what it records
 * @notifier: for an event notifier's event, its notifier, which the probe
 *	calls instead of recording (such an event is never armed); set
 *	before the probe is hooked, never changed; NULL for a recording
 *	event (kernel/lttng/notifier.c)
 * @node: in the channel's (or the notifier's) event list
 * @hnode: in the channel's table of events by description
 */
struct lttng_event {
	bool armed;
	bool enabled;
	bool registered;
	bool dead;
	bool metadata_dumped;
	unsigned int id;
	struct lttng_channel *chan;
	const struct lttng_event_desc *desc;
	struct lttng_notifier *notifier;
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
void lttng_notifier_fire(struct lttng_notifier *notifier);

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

/**
 * lttng_event_write_bits() - write words as a bit-field array
 * @ctx: the record
 * @src: @count words of @size bytes (1, 2, 4 or 8)
 * @size: word size in bytes
 * @count: number of words
 *
 * A bit-field array's elements are read least significant bit first,
 * from words in little-endian order (LTTNG_ELEM_BITS): a copy on a
 * little-endian CPU, a byte swap of each word on a big-endian one.
 */
static __always_inline void lttng_event_write_bits(struct lttng_event_ctx *ctx,
						   const void *src, size_t size,
						   size_t count)
{
	size_t i;

	if (!IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) || size == 1) {
		lttng_event_write(ctx, src, size * count);
		return;
	}
	for (i = 0; i < count; i++, ctx->p += size) {
		const void *w = src + i * size;

		if (size == 2)
			put_unaligned_le16(get_unaligned((const u16 *)w), ctx->p);
		else if (size == 4)
			put_unaligned_le32(get_unaligned((const u32 *)w), ctx->p);
		else
			put_unaligned_le64(get_unaligned((const u64 *)w), ctx->p);
	}
}

#endif /* _LINUX_LTTNG_EVENTS_H */
