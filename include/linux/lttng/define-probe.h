/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the instrumentation macro layer.
 *
 * A provider writes its events once, in an events file, as:
 *
 *	LTTNG_TRACEPOINT_EVENT(sched_switch,
 *		TP_PROTO(bool preempt, struct task_struct *prev, ...),
 *		TP_ARGS(preempt, prev, ...),
 *		TP_FIELDS(
 *			ctf_array_text(char, prev_comm, prev->comm, TASK_COMM_LEN)
 *			ctf_integer(pid_t, prev_tid, prev->pid)
 *		)
 *	)
 *
 * then, in its .c file, defines LTTNG_PROBE_PROVIDER (the provider name)
 * and LTTNG_PROBE_EVENTS_FILE (the events file, as an include name) and
 * includes this header.  It includes the events file once per pass:
 *
 *  1. the field descriptions, which the CTF metadata and the ABI use;
 *  2. the payload size function;
 *  3. the probe callback, which reserves, writes and commits a record,
 *     or, for an event notifier's event, calls its notifier;
 *  4. the event descriptor, and a check of the probe's prototype against
 *     the kernel's tracepoint (check_trace_callback_type_<name>());
 *  5. the provider descriptor and, built in, its registration at boot.
 *
 * In a module, the provider is LTTNG_PROBE_DESC(provider), which the
 * module's init registers with lttng_probe_register() and its exit
 * unregisters with lttng_probe_unregister() (see
 * Documentation/trace/lttng/instrumenting.rst).
 *
 * Field macros, with LTTng-modules' names and meaning:
 *
 *	ctf_integer(type, name, expr), ctf_integer_hex(type, name, expr)
 *	ctf_integer_network(type, name, expr), ctf_integer_network_hex(...)
 *		an integer; the network ones hold a big-endian value (htonl())
 *		and say so in the metadata (byte_order = be)
 *	ctf_array(type, name, src, len), ctf_array_hex(...),
 *	ctf_array_network(...), ctf_array_text(type, name, src, len)
 *	ctf_sequence(type, name, src, length_type, len), ctf_sequence_hex(...),
 *	ctf_sequence_network(...), ctf_sequence_text(...)
 *		len elements, after a field _name_length of length_type that
 *		holds len; text is copied up to its first NUL and zeroed after
 *	ctf_array_bitfield(type, name, src, len)
 *	ctf_sequence_bitfield(type, name, src, length_type, len)
 *		the bits of len words of type, as 1-bit elements, least
 *		significant first; a sequence's length field counts bits
 *	ctf_string(name, src)
 *	ctf_enum(enum, type, name, expr)
 *		an integer labelled by an enumeration that the events file
 *		declares, before its first use, with
 *		LTTNG_TRACEPOINT_ENUM(enum, TP_ENUM_VALUES(entries)), the
 *		entries being ctf_enum_value(label, value),
 *		ctf_enum_range(label, first, last) and ctf_enum_auto(label)
 *		(the value after the previous entry's last)
 *
 * LTTNG_TRACEPOINT_EVENT_MAP(tp, name, ...) records tracepoint tp under
 * another event name.
 *
 * A provider whose tracepoints are each for one session (the statedump's)
 * also defines LTTNG_PROBE_SESSION(args...) as the expression of the
 * TP_ARGS that gives that session: its probes then record only into that
 * session's events.
 */

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/lttng/events.h>
#include <linux/stringify.h>
#include <linux/tracepoint.h>

#ifndef LTTNG_PROBE_PROVIDER
#error "define LTTNG_PROBE_PROVIDER before including define-probe.h"
#endif
#ifndef LTTNG_PROBE_EVENTS_FILE
#error "define LTTNG_PROBE_EVENTS_FILE before including define-probe.h"
#endif

#define __LTTNG_PASTE(a, b)	a##b
#define LTTNG_PASTE(a, b)	__LTTNG_PASTE(a, b)

/* The provider descriptor of provider @_p, in the file that defines it. */
#define LTTNG_PROBE_DESC(_p)	LTTNG_PASTE(__lttng_provider_, _p)

/* Most dynamically sized fields one event may have. */
#define LTTNG_MAX_DYN_FIELDS	8

#ifndef TP_FIELDS
#define TP_FIELDS(args...)	args
#endif

#ifdef LTTNG_PROBE_SESSION
#define __LTTNG_PROBE_SESSION_OK(_event, _args)				\
	lttng_event_in_session(_event, LTTNG_PROBE_SESSION(_args))
#else
#define __LTTNG_PROBE_SESSION_OK(_event, _args)	true
#endif

#define LTTNG_TRACEPOINT_EVENT(_name, _proto, _args, _fields)		\
	LTTNG_TRACEPOINT_EVENT_MAP(_name, _name, PARAMS(_proto),	\
				   PARAMS(_args), PARAMS(_fields))

#define __LTTNG_UNDEF_FIELDS

/* Enumerations are declared by pass 0 only. */
#define LTTNG_TRACEPOINT_ENUM(_name, _values)
#define TP_ENUM_VALUES(args...)	args

/* The variants that share another macro's code, in every pass. */
#define ctf_integer_network(_type, _name, _src)				\
	__ctf_integer(_type, _name, _src, 0, 1)
#define ctf_integer_network_hex(_type, _name, _src)			\
	__ctf_integer(_type, _name, _src, 1, 1)
#define ctf_array_hex(_type, _name, _src, _len)				\
	__ctf_array(_type, _name, _src, _len, 1, 0)
#define ctf_array_network(_type, _name, _src, _len)			\
	__ctf_array(_type, _name, _src, _len, 0, 1)
#define ctf_sequence(_type, _name, _src, _ltype, _len)			\
	__ctf_sequence(_type, _name, _src, _ltype, _len, 0, 0)
#define ctf_sequence_hex(_type, _name, _src, _ltype, _len)		\
	__ctf_sequence(_type, _name, _src, _ltype, _len, 1, 0)
#define ctf_sequence_network(_type, _name, _src, _ltype, _len)		\
	__ctf_sequence(_type, _name, _src, _ltype, _len, 0, 1)

/* Pass 0: enumerations. */
#define ctf_enum_value(_label, _value)					\
	{ .label = (_label), .start = (_value), .end = (_value) },
#define ctf_enum_range(_label, _first, _last)				\
	{ .label = (_label), .start = (_first), .end = (_last) },
#define ctf_enum_auto(_label)						\
	{ .label = (_label), .is_auto = true },
#undef LTTNG_TRACEPOINT_ENUM
#define LTTNG_TRACEPOINT_ENUM(_name, _values)				\
	static const struct lttng_enum_entry __lttng_enum_entries_##_name[] = { \
		_values							\
	};								\
	static const struct lttng_enum_desc __lttng_enum_##_name = {	\
		.name = #_name,						\
		.entries = __lttng_enum_entries_##_name,		\
		.nr_entries = ARRAY_SIZE(__lttng_enum_entries_##_name),	\
	};
#define LTTNG_TRACEPOINT_EVENT_MAP(_tp, _name, _proto, _args, _fields)
#include LTTNG_PROBE_EVENTS_FILE
#undef ctf_enum_value
#undef ctf_enum_range
#undef ctf_enum_auto
#undef LTTNG_TRACEPOINT_ENUM
#define LTTNG_TRACEPOINT_ENUM(_name, _values)
#undef LTTNG_TRACEPOINT_EVENT_MAP

/* Pass 1: field descriptions. */
#define ctf_integer(_type, _name, _src)					\
	{ .name = #_name, .type = LTTNG_FIELD_INTEGER,			\
	  .size = sizeof(_type), .is_signed = is_signed_type(_type) },
#define ctf_integer_hex(_type, _name, _src)				\
	{ .name = #_name, .type = LTTNG_FIELD_INTEGER,			\
	  .size = sizeof(_type), .is_signed = is_signed_type(_type),	\
	  .hex = 1 },
#define ctf_array(_type, _name, _src, _len)				\
	{ .name = #_name, .type = LTTNG_FIELD_ARRAY,			\
	  .size = sizeof(_type), .is_signed = is_signed_type(_type),	\
	  .len = (_len) },
#define ctf_array_text(_type, _name, _src, _len)			\
	{ .name = #_name, .type = LTTNG_FIELD_ARRAY_TEXT,		\
	  .size = sizeof(_type), .len = (_len) },
#define ctf_string(_name, _src)						\
	{ .name = #_name, .type = LTTNG_FIELD_STRING, .size = 1 },
#define __ctf_integer(_type, _name, _src, _hex, _network)		\
	{ .name = #_name, .type = LTTNG_FIELD_INTEGER,			\
	  .size = sizeof(_type), .is_signed = is_signed_type(_type),	\
	  .hex = (_hex), .network = (_network) },
#define __ctf_array(_type, _name, _src, _len, _hex, _network)		\
	{ .name = #_name, .type = LTTNG_FIELD_ARRAY,			\
	  .size = sizeof(_type), .is_signed = is_signed_type(_type),	\
	  .len = (_len), .hex = (_hex), .network = (_network) },
#define ctf_array_bitfield(_type, _name, _src, _len)			\
	{ .name = #_name, .type = LTTNG_FIELD_ARRAY,			\
	  .elem = LTTNG_ELEM_BITS, .size = sizeof(_type), .len = (_len) },
#define __ctf_sequence_of(_type, _name, _ltype, _elem, _hex, _network)	\
	{ .name = "_" #_name "_length", .type = LTTNG_FIELD_INTEGER,	\
	  .size = sizeof(_ltype), .is_signed = is_signed_type(_ltype) },	\
	{ .name = #_name, .type = LTTNG_FIELD_SEQUENCE_OF,		\
	  .elem = (_elem), .size = sizeof(_type),			\
	  .is_signed = is_signed_type(_type), .hex = (_hex),		\
	  .network = (_network) },
#define __ctf_sequence(_type, _name, _src, _ltype, _len, _hex, _network) \
	__ctf_sequence_of(_type, _name, _ltype, LTTNG_ELEM_INTEGER,	\
			  _hex, _network)
#define ctf_sequence_text(_type, _name, _src, _ltype, _len)		\
	__ctf_sequence_of(_type, _name, _ltype, LTTNG_ELEM_TEXT, 0, 0)
#define ctf_sequence_bitfield(_type, _name, _src, _ltype, _len)	\
	__ctf_sequence_of(_type, _name, _ltype, LTTNG_ELEM_BITS, 0, 0)
#define ctf_enum(_enum, _type, _name, _src)				\
	{ .name = #_name, .type = LTTNG_FIELD_ENUM,			\
	  .size = sizeof(_type), .is_signed = is_signed_type(_type),	\
	  .enum_desc = &__lttng_enum_##_enum },
#define LTTNG_TRACEPOINT_EVENT_MAP(_tp, _name, _proto, _args, _fields)	\
	static const struct lttng_event_field __lttng_fields_##_name[] = { \
		_fields							\
	};
#include LTTNG_PROBE_EVENTS_FILE
#undef ctf_integer
#undef ctf_integer_hex
#undef ctf_array
#undef ctf_array_text
#undef ctf_string
#undef __ctf_integer
#undef __ctf_array
#undef ctf_array_bitfield
#undef __ctf_sequence
#undef ctf_sequence_text
#undef ctf_sequence_bitfield
#undef ctf_enum
#undef __ctf_sequence_of
#undef LTTNG_TRACEPOINT_EVENT_MAP

/* Pass 2: payload size; string lengths are kept for pass 3. */
#define ctf_integer(_type, _name, _src)		__len += sizeof(_type);
#define ctf_integer_hex(_type, _name, _src)	__len += sizeof(_type);
#define ctf_array(_type, _name, _src, _len)				\
	__len += sizeof(_type) * (_len);
#define ctf_array_text(_type, _name, _src, _len)			\
	__len += sizeof(_type) * (_len);
#define ctf_string(_name, _src)						\
	__dyn[__di] = strlen((_src) ?: "(null)") + 1;			\
	__len += __dyn[__di++];
#define __ctf_integer(_type, _name, _src, _hex, _network)		\
	__len += sizeof(_type);
#define __ctf_array(_type, _name, _src, _len, _hex, _network)		\
	__len += sizeof(_type) * (_len);
#define ctf_array_bitfield(_type, _name, _src, _len)			\
	__len += sizeof(_type) * (_len);
#define __ctf_sequence(_type, _name, _src, _ltype, _len, _hex, _network) \
	__dyn[__di] = (_len);						\
	__len += sizeof(_ltype) + sizeof(_type) * __dyn[__di++];
#define ctf_sequence_text(_type, _name, _src, _ltype, _len)		\
	__ctf_sequence(_type, _name, _src, _ltype, _len, 0, 0)
#define ctf_sequence_bitfield(_type, _name, _src, _ltype, _len)	\
	__ctf_sequence(_type, _name, _src, _ltype, _len, 0, 0)
#define ctf_enum(_enum, _type, _name, _src)				\
	__len += sizeof(_type);
#define LTTNG_TRACEPOINT_EVENT_MAP(_tp, _name, _proto, _args, _fields)	\
	static __always_inline size_t					\
	__lttng_size_##_name(size_t *__dyn, _proto)			\
	{								\
		size_t __len = 0;					\
		unsigned int __di = 0;					\
									\
		_fields							\
		(void)__dyn;						\
		(void)__di;						\
		return __len;						\
	}
#include LTTNG_PROBE_EVENTS_FILE
#undef ctf_integer
#undef ctf_integer_hex
#undef ctf_array
#undef ctf_array_text
#undef ctf_string
#undef __ctf_integer
#undef __ctf_array
#undef ctf_array_bitfield
#undef __ctf_sequence
#undef ctf_sequence_text
#undef ctf_sequence_bitfield
#undef ctf_enum
#undef LTTNG_TRACEPOINT_EVENT_MAP

/* Pass 3: the probe callback. */
#define ctf_integer(_type, _name, _src)					\
	{								\
		_type __v = (_src);					\
									\
		lttng_event_write(&__ctx, &__v, sizeof(__v));		\
	}
#define ctf_integer_hex(_type, _name, _src)	ctf_integer(_type, _name, _src)
#define ctf_array(_type, _name, _src, _len)				\
	lttng_event_write(&__ctx, (_src), sizeof(_type) * (_len));
#define ctf_array_text(_type, _name, _src, _len)			\
	lttng_event_write_text(&__ctx, (const char *)(_src),		\
			       sizeof(_type) * (_len));
#define ctf_string(_name, _src)						\
	{								\
		lttng_event_write(&__ctx, (_src) ?: "(null)",		\
				  __dyn[__di] - 1);			\
		lttng_event_write(&__ctx, "", 1);			\
		__di++;							\
	}
#define __ctf_integer(_type, _name, _src, _hex, _network)		\
	ctf_integer(_type, _name, _src)
#define __ctf_array(_type, _name, _src, _len, _hex, _network)		\
	ctf_array(_type, _name, _src, _len)
#define ctf_array_bitfield(_type, _name, _src, _len)			\
	lttng_event_write_bits(&__ctx, (_src), sizeof(_type), (_len));
/* The length field, with the count kept by pass 2 (times @_mul). */
#define __ctf_sequence_len(_ltype, _mul)				\
	{								\
		_ltype __l = __dyn[__di] * (_mul);			\
									\
		lttng_event_write(&__ctx, &__l, sizeof(__l));		\
	}
#define __ctf_sequence(_type, _name, _src, _ltype, _len, _hex, _network) \
	__ctf_sequence_len(_ltype, 1)					\
	lttng_event_write(&__ctx, (_src), sizeof(_type) * __dyn[__di++]);
#define ctf_sequence_text(_type, _name, _src, _ltype, _len)		\
	__ctf_sequence_len(_ltype, 1)					\
	lttng_event_write_text(&__ctx, (const char *)(_src),		\
			       sizeof(_type) * __dyn[__di++]);
#define ctf_sequence_bitfield(_type, _name, _src, _ltype, _len)	\
	__ctf_sequence_len(_ltype, sizeof(_type) * BITS_PER_BYTE)	\
	lttng_event_write_bits(&__ctx, (_src), sizeof(_type),		\
			       __dyn[__di++]);
#define ctf_enum(_enum, _type, _name, _src)				\
	ctf_integer(_type, _name, _src)
#define LTTNG_TRACEPOINT_EVENT_MAP(_tp, _name, _proto, _args, _fields)	\
	static void __lttng_probe_##_name(void *__data, _proto)		\
	{								\
		struct lttng_event *__event = __data;			\
		size_t __dyn[LTTNG_MAX_DYN_FIELDS];			\
		struct lttng_event_ctx __ctx;				\
		unsigned int __di = 0;					\
									\
		/* The arming rule's flag: see struct lttng_event. */	\
		if (!READ_ONCE(__event->armed)) {			\
			/* Never armed: an event notifier's event. */	\
			if (unlikely(__event->notifier))		\
				lttng_notifier_fire(__event->notifier);	\
			return;						\
		}							\
		if (!__LTTNG_PROBE_SESSION_OK(__event, PARAMS(_args)))	\
			return;						\
		if (lttng_event_reserve(__event, &__ctx,		\
					__lttng_size_##_name(__dyn, _args))) \
			return;						\
		_fields							\
		(void)__di;						\
		lttng_event_commit(__event, &__ctx);			\
	}
#include LTTNG_PROBE_EVENTS_FILE
#undef ctf_integer
#undef ctf_integer_hex
#undef ctf_array
#undef ctf_array_text
#undef ctf_string
#undef __ctf_integer
#undef __ctf_array
#undef ctf_array_bitfield
#undef __ctf_sequence
#undef ctf_sequence_text
#undef ctf_sequence_bitfield
#undef ctf_enum
#undef __ctf_sequence_len
#undef LTTNG_TRACEPOINT_EVENT_MAP

/* Pass 4: event descriptors, and the prototype check. */
static struct lttng_probe_desc LTTNG_PASTE(__lttng_provider_, LTTNG_PROBE_PROVIDER);

#define LTTNG_TRACEPOINT_EVENT_MAP(_tp, _name, _proto, _args, _fields)	\
	static const struct lttng_event_desc __lttng_desc_##_name = {	\
		.name = #_name,						\
		.provider = &LTTNG_PASTE(__lttng_provider_,		\
					 LTTNG_PROBE_PROVIDER),		\
		.fields = __lttng_fields_##_name,			\
		.nr_fields = ARRAY_SIZE(__lttng_fields_##_name),	\
		.tp = &__tracepoint_##_tp,				\
		.probe = (void *)__lttng_probe_##_name,			\
	};								\
	static inline void __maybe_unused __lttng_check_##_name(void)	\
	{								\
		check_trace_callback_type_##_tp(__lttng_probe_##_name);	\
	}
#include LTTNG_PROBE_EVENTS_FILE
#undef LTTNG_TRACEPOINT_EVENT_MAP

/* Pass 5: the provider, registered at boot. */
#define LTTNG_TRACEPOINT_EVENT_MAP(_tp, _name, _proto, _args, _fields)	\
	&__lttng_desc_##_name,
static const struct lttng_event_desc * const
LTTNG_PASTE(__lttng_events_, LTTNG_PROBE_PROVIDER)[] = {
#include LTTNG_PROBE_EVENTS_FILE
};
#undef LTTNG_TRACEPOINT_EVENT_MAP

static struct lttng_probe_desc LTTNG_PASTE(__lttng_provider_, LTTNG_PROBE_PROVIDER) = {
	.name = __stringify(LTTNG_PROBE_PROVIDER),
	.events = LTTNG_PASTE(__lttng_events_, LTTNG_PROBE_PROVIDER),
	.nr_events = ARRAY_SIZE(LTTNG_PASTE(__lttng_events_, LTTNG_PROBE_PROVIDER)),
};

#ifdef MODULE
/*
 * In a module, the module's own init and exit register and unregister
 * the provider, LTTNG_PROBE_DESC(provider), as they see fit (a module has
 * one init).
 */
#else
static int __init LTTNG_PASTE(__lttng_provider_init_, LTTNG_PROBE_PROVIDER)(void)
{
	return lttng_probe_register(&LTTNG_PROBE_DESC(LTTNG_PROBE_PROVIDER));
}
early_initcall(LTTNG_PASTE(__lttng_provider_init_, LTTNG_PROBE_PROVIDER));
#endif

#undef LTTNG_TRACEPOINT_EVENT
#undef LTTNG_TRACEPOINT_ENUM
#undef TP_ENUM_VALUES
#undef ctf_integer_network
#undef ctf_integer_network_hex
#undef ctf_array_hex
#undef ctf_array_network
#undef ctf_sequence
#undef ctf_sequence_hex
#undef ctf_sequence_network
#undef __LTTNG_PROBE_SESSION_OK
