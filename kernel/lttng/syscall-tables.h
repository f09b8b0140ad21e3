/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the system call tables, which syscall-tables.c builds
 * from the generated syscall-tables-gen.h and syscalls.c records.
 *
 * Every event has a program: one op per field, in record order.  An op
 * says where the value comes from (an argument register, the return
 * value, the syscall number, user memory that an argument points to) and
 * how many bytes it takes.
 *
 * The tables are indexed by a slot: the syscall number for the native
 * table, NR_syscalls + the number for the ia32 compat table, then one
 * slot for each table's unknown events.  Slots are also the indexes of
 * SYSCALL_LIST and SYSCALL_MASK.  A slot that the tables do not describe
 * (a reserved or unimplemented number) has an event with no name: the
 * unknown event records it.
 *
 * The few syscalls whose payload no op describes (select, poll, epoll)
 * have one op, LTTNG_SC_OP_PAYLOAD, and the fields of syscall-payloads.c.
 */
#ifndef _LTTNG_SYSCALL_TABLES_H
#define _LTTNG_SYSCALL_TABLES_H

#include <linux/compiler_types.h>
#include <linux/kconfig.h>
#include <linux/lttng/events.h>
#include <linux/types.h>
#include <asm/unistd.h>

/*
 * Bounds on what one field copies from user memory.  A string keeps at
 * most LTTNG_SC_STRING_MAX - 1 bytes and its NUL.  A buffer or an array
 * keeps at most LTTNG_SC_DATA_MAX bytes, in whole elements, and at least
 * one element, which is at most LTTNG_SC_STRING_MAX bytes.
 */
#define LTTNG_SC_STRING_MAX	1024
#define LTTNG_SC_DATA_MAX	256
#define LTTNG_SC_MAX_ARGS	6
/* The per-CPU scratch area: every argument a full string. */
#define LTTNG_SC_SCRATCH_SIZE	(LTTNG_SC_MAX_ARGS * LTTNG_SC_STRING_MAX)

#define LTTNG_SC_NR_NATIVE	NR_syscalls
#ifdef CONFIG_IA32_EMULATION
#define LTTNG_SC_NR_COMPAT	IA32_NR_syscalls
#else
#define LTTNG_SC_NR_COMPAT	0
#endif
#define LTTNG_SC_SLOT_UNKNOWN	(LTTNG_SC_NR_NATIVE + LTTNG_SC_NR_COMPAT)
#define LTTNG_SC_SLOT_COMPAT_UNKNOWN	(LTTNG_SC_SLOT_UNKNOWN + 1)
#define LTTNG_SC_NR_SLOTS	(LTTNG_SC_SLOT_COMPAT_UNKNOWN + 1)

/* Where an op's value comes from. */
enum lttng_sc_op_kind {
	LTTNG_SC_OP_INT,	/* an argument, @size bytes of it */
	LTTNG_SC_OP_RET,	/* the return value, a long */
	LTTNG_SC_OP_ID,		/* the syscall number, an int */
	LTTNG_SC_OP_ARGS,	/* the six argument registers */
	LTTNG_SC_OP_STRING,	/* the user string an argument points to */
	LTTNG_SC_OP_DATA,	/* user memory an argument points to */
	LTTNG_SC_OP_PAYLOAD,	/* every field: payload @count, if @payload */
};

/* How many elements an LTTNG_SC_OP_DATA op has. */
enum lttng_sc_len {
	LTTNG_SC_LEN_FIXED,	/* @count */
	LTTNG_SC_LEN_ARG,	/* the value of argument @count */
	LTTNG_SC_LEN_RET,	/* the return value, when positive */
};

/**
 * struct lttng_sc_op - how one field is recorded
 * @kind: enum lttng_sc_op_kind
 * @arg: the argument, from 0
 * @size: LTTNG_SC_OP_INT: bytes recorded
 * @len: LTTNG_SC_OP_DATA: enum lttng_sc_len
 * @count: LTTNG_SC_OP_DATA: the count, or the argument that holds it;
 *	LTTNG_SC_OP_PAYLOAD: the enum lttng_sc_pl of the payload
 * @elem: LTTNG_SC_OP_DATA: bytes per element
 */
struct lttng_sc_op {
	u8 kind;
	u8 arg;
	u8 size;
	u8 len;
	u16 count;
	u16 elem;
};

/**
 * struct lttng_sc_event - a syscall entry or exit event
 * @desc: what the core sees; @desc.name is NULL for a slot that the
 *	tables do not describe
 * @ops: one per field of @desc
 * @name: the bare syscall name (openat), as SYSCALL_LIST gives it
 * @size: payload bytes of the fixed-size fields
 * @user: some op reads user memory
 * @args: some op reads the argument registers
 * @payload: its one op is LTTNG_SC_OP_PAYLOAD, which does everything
 */
struct lttng_sc_event {
	struct lttng_event_desc desc;
	const struct lttng_sc_op *ops;
	const char *name;
	u16 size;
	bool user;
	bool args;
	bool payload;
};

/* syscall-tables.c: entry and exit events, by slot. */
extern const struct lttng_sc_event lttng_sc_entry[LTTNG_SC_NR_SLOTS];
extern const struct lttng_sc_event lttng_sc_exit[LTTNG_SC_NR_SLOTS];

#endif /* _LTTNG_SYSCALL_TABLES_H */
