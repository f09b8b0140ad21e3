// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the system call tables.
 *
 * syscall-tables-gen.h is generated at build time by
 * scripts/lttng/gen-syscalls.pl from the architecture's syscall tables
 * and the SYSCALL_DEFINE prototypes of this tree, with the few facts of
 * scripts/lttng/syscall-overrides.  It has one line per syscall:
 *
 *	LTTNG_SC(abi, nr, name, (entry fields), (exit fields))
 *
 * where each field is one of
 *
 *	LTTNG_SC_INT(arg, type, name)		the argument, as its C type
 *	LTTNG_SC_HEX(arg, name)			a pointer's value
 *	LTTNG_SC_STRING(arg, name)		the user string it points to
 *	LTTNG_SC_OBJECT(arg, name, size)	the object it points to
 *	LTTNG_SC_DATA(arg, name, len, count, size)
 *						the array it points to
 *
 * or, for a syscall whose payload is hand-written (syscall-payloads.c),
 *
 *	LTTNG_SC_PAYLOAD(abi, nr, name)
 *
 * This file includes it once per pass, as define-probe.h does for probe
 * providers: the CTF fields of each event, its ops, the size of its fixed
 * fields, whether it reads user memory, and last the tables by slot.
 * Exit events record the return value first, as LTTng-modules' do.
 */

#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/syscalls.h>
#ifdef CONFIG_IA32_EMULATION
#include <linux/compat.h>
#define LTTNG_SC_COMPAT
#endif

#include "syscall-payloads.h"
#include "syscall-tables.h"

#define LTTNG_SC_INCLUDES
#include "syscall-tables-gen.h"
#undef LTTNG_SC_INCLUDES

#define LTTNG_SC_UNPAREN(...)	__VA_ARGS__

/* The signedness of a C type; __force for the __bitwise ones. */
#define LTTNG_SC_SIGNED(t)	((__force t)(-1L) < (__force t)1)

#define LTTNG_SC_SLOT_native(nr)	(nr)
#define LTTNG_SC_SLOT_compat(nr)	(LTTNG_SC_NR_NATIVE + (nr))
#define LTTNG_SC_PREFIX_native		""
#define LTTNG_SC_PREFIX_compat		"compat_"

/* A hand-written payload has its fields elsewhere, and one op (pass 2). */
#define LTTNG_SC_PAYLOAD(abi, nr, name)

/* Pass 1: the CTF fields. */
#define LTTNG_SC_INT(i, t, n)						\
	{ .name = #n, .type = LTTNG_FIELD_INTEGER, .size = sizeof(t),	\
	  .is_signed = LTTNG_SC_SIGNED(t) },
#define LTTNG_SC_HEX(i, n)						\
	{ .name = #n, .type = LTTNG_FIELD_INTEGER,			\
	  .size = sizeof(unsigned long), .hex = 1 },
#define LTTNG_SC_STRING(i, n)						\
	{ .name = #n, .type = LTTNG_FIELD_STRING, .size = 1 },
#define LTTNG_SC_OBJECT(i, n, e)					\
	{ .name = #n "_data", .type = LTTNG_FIELD_SEQUENCE, .size = 1,	\
	  .hex = 1 },
#define LTTNG_SC_DATA(i, n, l, c, e)	LTTNG_SC_OBJECT(i, n, e)
#define LTTNG_SC_RET_FIELD						\
	{ .name = "ret", .type = LTTNG_FIELD_INTEGER, .size = sizeof(long), \
	  .is_signed = 1 },
#define LTTNG_SC(abi, nr, name, in, out)				\
	static const struct lttng_event_field				\
	lttng_sc_##abi##_entry_##name##_f[] = { LTTNG_SC_UNPAREN in };	\
	static const struct lttng_event_field				\
	lttng_sc_##abi##_exit_##name##_f[] = {				\
		LTTNG_SC_RET_FIELD LTTNG_SC_UNPAREN out			\
	};
#include "syscall-tables-gen.h"
#undef LTTNG_SC_INT
#undef LTTNG_SC_HEX
#undef LTTNG_SC_STRING
#undef LTTNG_SC_OBJECT
#undef LTTNG_SC_DATA
#undef LTTNG_SC

/* Pass 2: the ops, one per field; a payload's one op. */
#undef LTTNG_SC_PAYLOAD
#define LTTNG_SC_PAYLOAD(abi, nr, name)					\
	static const struct lttng_sc_op					\
	lttng_sc_##abi##_entry_##name##_o[] = { {			\
		.kind = LTTNG_SC_OP_PAYLOAD,				\
		.count = LTTNG_SC_PL_##name##_entry,			\
	} };								\
	static const struct lttng_sc_op					\
	lttng_sc_##abi##_exit_##name##_o[] = { {			\
		.kind = LTTNG_SC_OP_PAYLOAD,				\
		.count = LTTNG_SC_PL_##name##_exit,			\
	} };
#define LTTNG_SC_INT(i, t, n)						\
	{ .kind = LTTNG_SC_OP_INT, .arg = (i), .size = sizeof(t) },
#define LTTNG_SC_HEX(i, n)						\
	{ .kind = LTTNG_SC_OP_INT, .arg = (i),				\
	  .size = sizeof(unsigned long) },
#define LTTNG_SC_STRING(i, n)						\
	{ .kind = LTTNG_SC_OP_STRING, .arg = (i) },
#define LTTNG_SC_OBJECT(i, n, e)					\
	LTTNG_SC_DATA(i, n, LTTNG_SC_LEN_FIXED, 1, e)
#define LTTNG_SC_DATA(i, n, l, c, e)					\
	{ .kind = LTTNG_SC_OP_DATA, .arg = (i), .len = (l),		\
	  .count = (c),							\
	  .elem = (e) + BUILD_BUG_ON_ZERO((e) > LTTNG_SC_STRING_MAX) },
#define LTTNG_SC(abi, nr, name, in, out)				\
	static const struct lttng_sc_op					\
	lttng_sc_##abi##_entry_##name##_o[] = { LTTNG_SC_UNPAREN in };	\
	static const struct lttng_sc_op					\
	lttng_sc_##abi##_exit_##name##_o[] = {				\
		{ .kind = LTTNG_SC_OP_RET }, LTTNG_SC_UNPAREN out	\
	};
#include "syscall-tables-gen.h"
#undef LTTNG_SC_INT
#undef LTTNG_SC_HEX
#undef LTTNG_SC_STRING
#undef LTTNG_SC_OBJECT
#undef LTTNG_SC_DATA
#undef LTTNG_SC
#undef LTTNG_SC_PAYLOAD
#define LTTNG_SC_PAYLOAD(abi, nr, name)

/* Pass 3: the bytes of the fixed-size fields; a sequence has a u16. */
#define LTTNG_SC_INT(i, t, n)		+ sizeof(t)
#define LTTNG_SC_HEX(i, n)		+ sizeof(unsigned long)
#define LTTNG_SC_STRING(i, n)
#define LTTNG_SC_OBJECT(i, n, e)	+ sizeof(u16)
#define LTTNG_SC_DATA(i, n, l, c, e)	+ sizeof(u16)
#define LTTNG_SC(abi, nr, name, in, out)				\
	enum {								\
		lttng_sc_##abi##_entry_##name##_s = 0 LTTNG_SC_UNPAREN in, \
		lttng_sc_##abi##_exit_##name##_s =			\
			sizeof(long) LTTNG_SC_UNPAREN out,		\
	};
#include "syscall-tables-gen.h"
#undef LTTNG_SC_INT
#undef LTTNG_SC_HEX
#undef LTTNG_SC_STRING
#undef LTTNG_SC_OBJECT
#undef LTTNG_SC_DATA
#undef LTTNG_SC

/* Pass 4: how many fields read user memory. */
#define LTTNG_SC_INT(i, t, n)
#define LTTNG_SC_HEX(i, n)
#define LTTNG_SC_STRING(i, n)		+ 1
#define LTTNG_SC_OBJECT(i, n, e)	+ 1
#define LTTNG_SC_DATA(i, n, l, c, e)	+ 1
#define LTTNG_SC(abi, nr, name, in, out)				\
	enum {								\
		lttng_sc_##abi##_entry_##name##_u = 0 LTTNG_SC_UNPAREN in, \
		lttng_sc_##abi##_exit_##name##_u = 0 LTTNG_SC_UNPAREN out, \
	};
#include "syscall-tables-gen.h"
#undef LTTNG_SC_INT
#undef LTTNG_SC_HEX
#undef LTTNG_SC_STRING
#undef LTTNG_SC_OBJECT
#undef LTTNG_SC_DATA
#undef LTTNG_SC

/*
 * The events of what the tables do not describe: the number and the raw
 * argument registers.
 */
static const struct lttng_event_field lttng_sc_unknown_entry_f[] = {
	{ .name = "id", .type = LTTNG_FIELD_INTEGER, .size = sizeof(int),
	  .is_signed = 1 },
	{ .name = "args", .type = LTTNG_FIELD_ARRAY,
	  .size = sizeof(unsigned long), .len = LTTNG_SC_MAX_ARGS },
};

static const struct lttng_event_field lttng_sc_unknown_exit_f[] = {
	{ .name = "id", .type = LTTNG_FIELD_INTEGER, .size = sizeof(int),
	  .is_signed = 1 },
	LTTNG_SC_RET_FIELD
	{ .name = "args", .type = LTTNG_FIELD_ARRAY,
	  .size = sizeof(unsigned long), .len = LTTNG_SC_MAX_ARGS },
};

static const struct lttng_sc_op lttng_sc_unknown_entry_o[] = {
	{ .kind = LTTNG_SC_OP_ID },
	{ .kind = LTTNG_SC_OP_ARGS },
};

static const struct lttng_sc_op lttng_sc_unknown_exit_o[] = {
	{ .kind = LTTNG_SC_OP_ID },
	{ .kind = LTTNG_SC_OP_RET },
	{ .kind = LTTNG_SC_OP_ARGS },
};

#define LTTNG_SC_ARGS_SIZE	(LTTNG_SC_MAX_ARGS * sizeof(unsigned long))

#define LTTNG_SC_EVENT(_name, _bare, _slot, _exit, _id) {		\
	.desc = {							\
		.name = (_name),					\
		.fields = _id##_f,					\
		.nr_fields = ARRAY_SIZE(_id##_f),			\
		.syscall = (_slot) + 1,					\
		.syscall_exit = (_exit),				\
	},								\
	.ops = _id##_o,							\
	.name = (_bare),						\
	.size = _id##_s,						\
	.user = _id##_u,						\
	.args = ARRAY_SIZE(_id##_o) > (_exit),				\
}

enum {
	lttng_sc_unknown_entry_s = sizeof(int) + LTTNG_SC_ARGS_SIZE,
	lttng_sc_unknown_exit_s = sizeof(int) + sizeof(long) + LTTNG_SC_ARGS_SIZE,
	lttng_sc_unknown_entry_u = 0,
	lttng_sc_unknown_exit_u = 0,
};

/*
 * A hand-written payload: the fields of syscall-payloads.c, its op, and
 * the size and the user memory are the payload's business.
 */
#define LTTNG_SC_PL_EVENT(_name, _bare, _slot, _exit, _id, _pl) {	\
	.desc = {							\
		.name = (_name),					\
		.fields = lttng_sc_pl_##_pl##_f,			\
		.nr_fields = LTTNG_SC_PL_##_pl##_nr,			\
		.syscall = (_slot) + 1,					\
		.syscall_exit = (_exit),				\
	},								\
	.ops = _id##_o,							\
	.name = (_bare),						\
	.user = LTTNG_SC_PL_##_pl##_nr > 0,				\
	.args = LTTNG_SC_PL_##_pl##_nr > 0,				\
	.payload = LTTNG_SC_PL_##_pl##_nr > 0,				\
}

/* Pass 5: the tables, by slot. */
#undef LTTNG_SC_PAYLOAD
#define LTTNG_SC_PAYLOAD(abi, nr, name)					\
	[LTTNG_SC_SLOT_##abi(nr)] = LTTNG_SC_PL_EVENT(			\
		LTTNG_SC_PREFIX_##abi "syscall_entry_" #name, #name,	\
		LTTNG_SC_SLOT_##abi(nr), false,				\
		lttng_sc_##abi##_entry_##name, name##_entry),
#define LTTNG_SC(abi, nr, name, in, out)				\
	[LTTNG_SC_SLOT_##abi(nr)] = LTTNG_SC_EVENT(			\
		LTTNG_SC_PREFIX_##abi "syscall_entry_" #name, #name,	\
		LTTNG_SC_SLOT_##abi(nr), false,				\
		lttng_sc_##abi##_entry_##name),
const struct lttng_sc_event lttng_sc_entry[LTTNG_SC_NR_SLOTS] = {
#include "syscall-tables-gen.h"
	[LTTNG_SC_SLOT_UNKNOWN] = LTTNG_SC_EVENT("syscall_entry_unknown",
		"unknown", LTTNG_SC_SLOT_UNKNOWN, false, lttng_sc_unknown_entry),
#ifdef LTTNG_SC_COMPAT
	[LTTNG_SC_SLOT_COMPAT_UNKNOWN] = LTTNG_SC_EVENT(
		"compat_syscall_entry_unknown", "unknown",
		LTTNG_SC_SLOT_COMPAT_UNKNOWN, false, lttng_sc_unknown_entry),
#endif
};
#undef LTTNG_SC
#undef LTTNG_SC_PAYLOAD

#define LTTNG_SC_PAYLOAD(abi, nr, name)					\
	[LTTNG_SC_SLOT_##abi(nr)] = LTTNG_SC_PL_EVENT(			\
		LTTNG_SC_PREFIX_##abi "syscall_exit_" #name, #name,	\
		LTTNG_SC_SLOT_##abi(nr), true,				\
		lttng_sc_##abi##_exit_##name, name##_exit),
#define LTTNG_SC(abi, nr, name, in, out)				\
	[LTTNG_SC_SLOT_##abi(nr)] = LTTNG_SC_EVENT(			\
		LTTNG_SC_PREFIX_##abi "syscall_exit_" #name, #name,	\
		LTTNG_SC_SLOT_##abi(nr), true,				\
		lttng_sc_##abi##_exit_##name),
const struct lttng_sc_event lttng_sc_exit[LTTNG_SC_NR_SLOTS] = {
#include "syscall-tables-gen.h"
	[LTTNG_SC_SLOT_UNKNOWN] = LTTNG_SC_EVENT("syscall_exit_unknown",
		"unknown", LTTNG_SC_SLOT_UNKNOWN, true, lttng_sc_unknown_exit),
#ifdef LTTNG_SC_COMPAT
	[LTTNG_SC_SLOT_COMPAT_UNKNOWN] = LTTNG_SC_EVENT(
		"compat_syscall_exit_unknown", "unknown",
		LTTNG_SC_SLOT_COMPAT_UNKNOWN, true, lttng_sc_unknown_exit),
#endif
};
#undef LTTNG_SC
#undef LTTNG_SC_PAYLOAD
