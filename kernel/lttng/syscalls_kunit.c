// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite lttng_syscalls: the generated syscall tables and the reads
 * of user memory.
 *
 * The tables: every described slot has an entry and an exit event whose
 * fields and ops agree, with LTTng-modules' names for the well-known
 * syscalls; the iteration that gives event ids visits each event once,
 * each entry just before its exit.  User memory: the test runs in a
 * kernel thread with no user address space, so every user pointer faults;
 * what is recorded must say so, and never touch the memory behind a
 * kernel address.
 */

#include <kunit/test.h>
#include <linux/string.h>
#include <asm/unistd.h>

#include "graph.h"
#include "syscall-payloads.h"
#include "syscalls.h"

static void lttng_sc_check_event(struct kunit *test,
				 const struct lttng_sc_event *sc,
				 unsigned int slot, bool exit)
{
	const char *prefix = exit ? "syscall_exit_" : "syscall_entry_";
	const struct lttng_event_desc *d = &sc->desc;
	unsigned int i, nr_user = 0;
	size_t size = 0;

	KUNIT_EXPECT_EQ(test, d->syscall, slot + 1);
	KUNIT_EXPECT_EQ(test, d->syscall_exit, exit);
	KUNIT_EXPECT_NOT_NULL(test, strstr(d->name, prefix));
	KUNIT_EXPECT_STREQ(test, strstr(d->name, prefix) + strlen(prefix),
			   sc->name);
	KUNIT_EXPECT_PTR_EQ(test, lttng_syscall_name(d), sc->name);
	if (sc->payload) {
		/* A hand-written payload: its one op does everything. */
		KUNIT_ASSERT_LT(test, sc->ops[0].count, LTTNG_SC_PL_NR);
		KUNIT_EXPECT_NOT_NULL(test, lttng_sc_payloads[sc->ops[0].count].fetch);
		KUNIT_EXPECT_NOT_NULL(test, lttng_sc_payloads[sc->ops[0].count].write);
		KUNIT_EXPECT_TRUE(test, sc->user);
		KUNIT_EXPECT_TRUE(test, sc->args);
		KUNIT_EXPECT_EQ(test, sc->size, 0);
		KUNIT_ASSERT_GT(test, d->nr_fields, 0);
		KUNIT_EXPECT_EQ(test, sc->ops[0].kind, LTTNG_SC_OP_PAYLOAD);
		if (exit)
			KUNIT_EXPECT_STREQ(test, d->fields[0].name, "ret");
		return;
	}
	for (i = 0; i < d->nr_fields; i++) {
		const struct lttng_sc_op *op = &sc->ops[i];
		const struct lttng_event_field *f = &d->fields[i];

		switch (op->kind) {
		case LTTNG_SC_OP_INT:
			KUNIT_EXPECT_LT(test, op->arg, LTTNG_SC_MAX_ARGS);
			KUNIT_EXPECT_EQ(test, f->type, LTTNG_FIELD_INTEGER);
			KUNIT_EXPECT_EQ(test, f->size, op->size);
			size += op->size;
			break;
		case LTTNG_SC_OP_RET:
			KUNIT_EXPECT_TRUE(test, exit);
			KUNIT_EXPECT_STREQ(test, f->name, "ret");
			size += sizeof(long);
			break;
		case LTTNG_SC_OP_ID:
			size += sizeof(int);
			break;
		case LTTNG_SC_OP_ARGS:
			KUNIT_EXPECT_EQ(test, f->type, LTTNG_FIELD_ARRAY);
			size += LTTNG_SC_MAX_ARGS * sizeof(long);
			break;
		case LTTNG_SC_OP_STRING:
			KUNIT_EXPECT_EQ(test, f->type, LTTNG_FIELD_STRING);
			nr_user++;
			break;
		case LTTNG_SC_OP_DATA:
			KUNIT_EXPECT_EQ(test, f->type, LTTNG_FIELD_SEQUENCE);
			KUNIT_EXPECT_GT(test, op->elem, 0);
			KUNIT_EXPECT_LE(test, op->elem, LTTNG_SC_STRING_MAX);
			if (op->len == LTTNG_SC_LEN_ARG)
				KUNIT_EXPECT_LT(test, op->count, LTTNG_SC_MAX_ARGS);
			size += sizeof(u16);
			nr_user++;
			break;
		default:
			KUNIT_FAIL(test, "%s: field %u: op %u", d->name, i, op->kind);
		}
	}
	KUNIT_EXPECT_EQ_MSG(test, sc->size, size, "%s", d->name);
	KUNIT_EXPECT_EQ_MSG(test, sc->user, nr_user > 0, "%s", d->name);
	/* The scratch area and the lengths hold one per argument. */
	KUNIT_EXPECT_LE_MSG(test, nr_user, LTTNG_SC_MAX_ARGS, "%s", d->name);
	/* LTTng-modules' exit events start with ret; the unknown one has id. */
	if (exit && slot < LTTNG_SC_SLOT_UNKNOWN)
		KUNIT_EXPECT_EQ(test, sc->ops[0].kind, LTTNG_SC_OP_RET);
}

/* Every slot: both events or neither, and their fields agree with ops. */
static void lttng_sc_tables(struct kunit *test)
{
	unsigned int slot, described = 0;

	for (slot = 0; slot < LTTNG_SC_NR_SLOTS; slot++) {
		const struct lttng_sc_event *in = &lttng_sc_entry[slot];
		const struct lttng_sc_event *out = &lttng_sc_exit[slot];

		KUNIT_EXPECT_EQ(test, !in->desc.name, !out->desc.name);
		if (!in->desc.name || !out->desc.name)
			continue;
		described++;
		lttng_sc_check_event(test, in, slot, false);
		lttng_sc_check_event(test, out, slot, true);
	}
	/* 6.12 x86_64: 358 native syscalls, and the unknown event. */
	KUNIT_EXPECT_GE(test, described, 300);
	KUNIT_EXPECT_STREQ(test, lttng_sc_entry[LTTNG_SC_SLOT_UNKNOWN].desc.name,
			   "syscall_entry_unknown");
	KUNIT_EXPECT_STREQ(test, lttng_sc_exit[LTTNG_SC_SLOT_UNKNOWN].desc.name,
			   "syscall_exit_unknown");
}

static void lttng_sc_expect_fields(struct kunit *test,
				   const struct lttng_event_desc *d,
				   const char * const *names, unsigned int n)
{
	unsigned int i;

	KUNIT_ASSERT_EQ_MSG(test, d->nr_fields, n, "%s", d->name);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_STREQ(test, d->fields[i].name, names[i]);
}

/* LTTng-modules' names and field names for a few syscalls. */
static void lttng_sc_known(struct kunit *test)
{
	static const char * const openat[] = { "dfd", "filename", "flags", "mode" };
	static const char * const ret[] = { "ret" };
	static const char * const read_in[] = { "fd", "count" };
	static const char * const read_out[] = { "ret", "buf", "buf_data" };
	static const char * const write_in[] = { "fd", "buf", "buf_data", "count" };
	const struct lttng_event_desc *d = &lttng_sc_entry[__NR_openat].desc;

	KUNIT_EXPECT_STREQ(test, d->name, "syscall_entry_openat");
	lttng_sc_expect_fields(test, d, openat, ARRAY_SIZE(openat));
	KUNIT_EXPECT_EQ(test, d->fields[0].size, 4);
	KUNIT_EXPECT_TRUE(test, d->fields[0].is_signed);
	KUNIT_EXPECT_EQ(test, d->fields[1].type, LTTNG_FIELD_STRING);
	KUNIT_EXPECT_EQ(test, d->fields[3].size, sizeof(umode_t));
	KUNIT_EXPECT_FALSE(test, d->fields[3].is_signed);
	d = &lttng_sc_exit[__NR_openat].desc;
	KUNIT_EXPECT_STREQ(test, d->name, "syscall_exit_openat");
	lttng_sc_expect_fields(test, d, ret, ARRAY_SIZE(ret));
	KUNIT_EXPECT_EQ(test, d->fields[0].size, sizeof(long));
	KUNIT_EXPECT_TRUE(test, d->fields[0].is_signed);

	lttng_sc_expect_fields(test, &lttng_sc_entry[__NR_read].desc, read_in,
			       ARRAY_SIZE(read_in));
	lttng_sc_expect_fields(test, &lttng_sc_exit[__NR_read].desc, read_out,
			       ARRAY_SIZE(read_out));
	KUNIT_EXPECT_TRUE(test, lttng_sc_exit[__NR_read].desc.fields[1].hex);
	KUNIT_EXPECT_EQ(test, lttng_sc_exit[__NR_read].ops[2].len,
			LTTNG_SC_LEN_RET);
	lttng_sc_expect_fields(test, &lttng_sc_entry[__NR_write].desc, write_in,
			       ARRAY_SIZE(write_in));
	KUNIT_EXPECT_EQ(test, lttng_sc_entry[__NR_write].ops[2].len,
			LTTNG_SC_LEN_ARG);
	KUNIT_EXPECT_EQ(test, lttng_sc_entry[__NR_write].ops[2].count, 2);
	KUNIT_EXPECT_STREQ(test, lttng_sc_entry[__NR_getpid].desc.name,
			   "syscall_entry_getpid");
	KUNIT_EXPECT_EQ(test, lttng_sc_entry[__NR_getpid].desc.nr_fields, 0);
	KUNIT_EXPECT_FALSE(test, lttng_sc_entry[__NR_getpid].args);
	KUNIT_EXPECT_FALSE(test, lttng_sc_exit[__NR_getpid].args);
}

/* Each event once, each entry right before its exit. */
static void lttng_sc_iteration(struct kunit *test)
{
	const struct lttng_event_desc *d = NULL, *prev = NULL;
	unsigned int n = 0, want = 0, slot;

	for (slot = 0; slot < LTTNG_SC_NR_SLOTS; slot++)
		want += lttng_sc_entry[slot].desc.name ? 2 : 0;
	while ((d = lttng_syscall_next_desc(d))) {
		KUNIT_ASSERT_NOT_NULL(test, d->name);
		if (d->syscall_exit) {
			KUNIT_ASSERT_NOT_NULL(test, prev);
			KUNIT_EXPECT_FALSE(test, prev->syscall_exit);
			KUNIT_EXPECT_EQ(test, prev->syscall, d->syscall);
		} else if (prev) {
			KUNIT_EXPECT_TRUE(test, prev->syscall_exit);
			KUNIT_EXPECT_GT(test, d->syscall, prev->syscall);
		}
		prev = d;
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, want);
}

/* How much of a buffer is recorded: whole elements, bounded. */
static void lttng_sc_bounds(struct kunit *test)
{
	unsigned long args[LTTNG_SC_MAX_ARGS] = { 0, 100000, 3 };
	struct lttng_sc_op op = {
		.kind = LTTNG_SC_OP_DATA, .len = LTTNG_SC_LEN_ARG, .count = 1,
		.elem = 1,
	};

	KUNIT_EXPECT_EQ(test, lttng_sc_data_len(&op, args, 0, false),
			LTTNG_SC_DATA_MAX);
	op.count = 2;
	KUNIT_EXPECT_EQ(test, lttng_sc_data_len(&op, args, 0, false), 3);
	op.elem = 100;
	KUNIT_EXPECT_EQ(test, lttng_sc_data_len(&op, args, 0, false), 200);
	op.count = 1;
	KUNIT_EXPECT_EQ(test, lttng_sc_data_len(&op, args, 0, false), 200);
	op.len = LTTNG_SC_LEN_FIXED;
	op.elem = 390;
	KUNIT_EXPECT_EQ(test, lttng_sc_data_len(&op, args, 0, false), 390);
	/* Output memory of a failed syscall is not there. */
	KUNIT_EXPECT_EQ(test, lttng_sc_data_len(&op, args, -14, true), 0);
	KUNIT_EXPECT_EQ(test, lttng_sc_data_len(&op, args, 0, true), 390);
	op.len = LTTNG_SC_LEN_RET;
	op.elem = 1;
	KUNIT_EXPECT_EQ(test, lttng_sc_data_len(&op, args, 13, true), 13);
	KUNIT_EXPECT_EQ(test, lttng_sc_data_len(&op, args, 0, true), 0);
	KUNIT_EXPECT_EQ(test, lttng_sc_data_len(&op, args, 1L << 40, true),
			LTTNG_SC_DATA_MAX);
}

/* No user memory here: every string faults, safely. */
static void lttng_sc_strings(struct kunit *test)
{
	static const char secret[] = "kernel memory";
	char *buf = kunit_kzalloc(test, LTTNG_SC_STRING_MAX, GFP_KERNEL);
	const void __user *uptr;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, lttng_sc_fetch_string(buf, NULL), 7);
	KUNIT_EXPECT_STREQ(test, buf, "(null)");
	KUNIT_EXPECT_EQ(test, lttng_sc_fetch_string(buf, (void __user *)1), 8);
	KUNIT_EXPECT_STREQ(test, buf, "(fault)");
	/* A kernel address is refused, not read. */
	uptr = (__force const void __user *)secret;
	KUNIT_EXPECT_EQ(test, lttng_sc_fetch_string(buf, uptr), 8);
	KUNIT_EXPECT_STREQ(test, buf, "(fault)");
}

/* LTTng-modules' fields for select, poll and epoll, native and ia32. */
static void lttng_sc_payload_fields(struct kunit *test)
{
	static const char * const pselect6_in[] = {
		"n", "overflow", "tvp", "sig", "_readfds_length", "readfds",
		"_writefds_length", "writefds", "_exceptfds_length", "exceptfds",
	};
	static const char * const poll_out[] = {
		"ret", "nfds", "fds_length", "fds",
	};
	static const char * const ppoll_out[] = {
		"ret", "nfds", "fds_length", "overflow", "fds",
	};
	static const char * const epoll_ctl_in[] = {
		"epfd", "op_enum", "fd", "event",
	};
	static const char * const epoll_wait_out[] = {
		"ret", "fds_length", "overflow", "fds",
	};
	static const char * const pipe_out[] = { "ret", "fildes" };
	static const char * const socketpair_out[] = { "ret", "socket" };
	const struct lttng_event_field *f;

	lttng_sc_expect_fields(test, &lttng_sc_entry[__NR_pselect6].desc,
			       pselect6_in, ARRAY_SIZE(pselect6_in));
	KUNIT_EXPECT_TRUE(test, lttng_sc_entry[__NR_pselect6].desc.fields[3].hex);
	KUNIT_EXPECT_FALSE(test, lttng_sc_entry[__NR_pselect6].desc.fields[2].hex);
	lttng_sc_expect_fields(test, &lttng_sc_exit[__NR_poll].desc, poll_out,
			       ARRAY_SIZE(poll_out));
	lttng_sc_expect_fields(test, &lttng_sc_exit[__NR_ppoll].desc, ppoll_out,
			       ARRAY_SIZE(ppoll_out));
	lttng_sc_expect_fields(test, &lttng_sc_entry[__NR_epoll_ctl].desc,
			       epoll_ctl_in, ARRAY_SIZE(epoll_ctl_in));
	lttng_sc_expect_fields(test, &lttng_sc_exit[__NR_epoll_pwait].desc,
			       epoll_wait_out, ARRAY_SIZE(epoll_wait_out));
	/* poll's element: fd, raw_events, then 5 flags and 3 bits. */
	f = &lttng_sc_exit[__NR_poll].desc.fields[3];
	KUNIT_EXPECT_EQ(test, f->type, LTTNG_FIELD_SEQUENCE_OF);
	KUNIT_EXPECT_STREQ(test, f->length_name, "fds_length");
	KUNIT_ASSERT_EQ(test, f->nr_fields, 3);
	KUNIT_ASSERT_EQ(test, f->fields[2].nr_fields, 6);
	KUNIT_EXPECT_STREQ(test, f->fields[2].fields[4].name, "POLLHUP");
	KUNIT_EXPECT_EQ(test, f->fields[2].fields[5].bits, 3);
	/* The fd pairs: two ints, after pipe's empty entry event. */
	KUNIT_EXPECT_EQ(test, lttng_sc_entry[__NR_pipe].desc.nr_fields, 0);
	KUNIT_EXPECT_FALSE(test, lttng_sc_entry[__NR_pipe].user);
	lttng_sc_expect_fields(test, &lttng_sc_exit[__NR_pipe2].desc, pipe_out,
			       ARRAY_SIZE(pipe_out));
	lttng_sc_expect_fields(test, &lttng_sc_exit[__NR_socketpair].desc,
			       socketpair_out, ARRAY_SIZE(socketpair_out));
	f = &lttng_sc_exit[__NR_socketpair].desc.fields[1];
	KUNIT_EXPECT_EQ(test, f->type, LTTNG_FIELD_ARRAY);
	KUNIT_EXPECT_EQ(test, f->len, 2);
	KUNIT_EXPECT_EQ(test, f->size, sizeof(int));
#ifdef CONFIG_IA32_EMULATION
	/* LTTng-modules' ia32 socketpair is the generic one. */
	KUNIT_EXPECT_STREQ(test,
			   lttng_sc_exit[LTTNG_SC_NR_NATIVE + 360].desc.fields[1].name,
			   "usockvec");
	KUNIT_EXPECT_STREQ(test,
			   lttng_sc_entry[LTTNG_SC_NR_NATIVE + 168].desc.name,
			   "compat_syscall_entry_poll");
	KUNIT_EXPECT_PTR_EQ(test,
			    lttng_sc_entry[LTTNG_SC_NR_NATIVE + 168].desc.fields,
			    lttng_sc_entry[__NR_poll].desc.fields);
#endif
}

/*
 * No user memory here: what each payload records of pointers that
 * fault, and its bounds, which do not depend on the memory.
 */
static void lttng_sc_payload_faults(struct kunit *test)
{
	void *scratch = kunit_kzalloc(test, LTTNG_SC_SCRATCH_SIZE, GFP_KERNEL);
	const struct lttng_sc_payload *pl = lttng_sc_payloads;
	unsigned long args[LTTNG_SC_MAX_ARGS] = { 1, 0x42, 0, 0, 0, 0 };

	KUNIT_ASSERT_NOT_NULL(test, scratch);
	/* select(1, bad, NULL, NULL, NULL): no set. */
	KUNIT_EXPECT_EQ(test, pl[LTTNG_SC_PL_select_entry].fetch(args, 0, scratch),
			4 + 1 + 8 + 3);
	/* n past __FD_SETSIZE, or a set at exit of a failure: no set. */
	args[1] = 0;
	args[0] = 1025;
	KUNIT_EXPECT_EQ(test, pl[LTTNG_SC_PL_select_entry].fetch(args, 0, scratch),
			16);
	KUNIT_EXPECT_EQ(test, pl[LTTNG_SC_PL_pselect6_exit].fetch(args, -9, scratch),
			8 + 1 + 8 + 3);
	/* poll(bad, 600, 0): overflow, no entry. */
	args[0] = 0x42;
	args[1] = 600;
	KUNIT_EXPECT_EQ(test, pl[LTTNG_SC_PL_poll_entry].fetch(args, 0, scratch),
			4 + 4 + 4 + 1);
	KUNIT_EXPECT_EQ(test, pl[LTTNG_SC_PL_ppoll_exit].fetch(args, 3, scratch),
			8 + 4 + 4 + 1);
	/* epoll_ctl's event, unreadable: recorded as zeros. */
	args[3] = 0x42;
	memset(scratch, 0xff, LTTNG_SC_SCRATCH_SIZE);
	KUNIT_EXPECT_EQ(test, pl[LTTNG_SC_PL_epoll_ctl_entry].fetch(args, 0, scratch),
			12 + 17);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(scratch, 12));
	/* epoll_wait(.., bad, 1, ..) = 1: no event. */
	args[2] = 1;
	KUNIT_EXPECT_EQ(test, pl[LTTNG_SC_PL_epoll_wait_exit].fetch(args, 1, scratch),
			8 + 4 + 1);
	KUNIT_EXPECT_EQ(test, pl[LTTNG_SC_PL_epoll_pwait_entry].fetch(args, 0, scratch),
			12 + 16);
}

static struct kunit_case lttng_syscalls_test_cases[] = {
	KUNIT_CASE(lttng_sc_tables),
	KUNIT_CASE(lttng_sc_known),
	KUNIT_CASE(lttng_sc_iteration),
	KUNIT_CASE(lttng_sc_bounds),
	KUNIT_CASE(lttng_sc_strings),
	KUNIT_CASE(lttng_sc_payload_fields),
	KUNIT_CASE(lttng_sc_payload_faults),
	{}
};

static struct kunit_suite lttng_syscalls_suite = {
	.name = "lttng_syscalls",
	.test_cases = lttng_syscalls_test_cases,
};

kunit_test_suite(lttng_syscalls_suite);
