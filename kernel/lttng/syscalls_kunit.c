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

static struct kunit_case lttng_syscalls_test_cases[] = {
	KUNIT_CASE(lttng_sc_tables),
	KUNIT_CASE(lttng_sc_known),
	KUNIT_CASE(lttng_sc_iteration),
	KUNIT_CASE(lttng_sc_bounds),
	KUNIT_CASE(lttng_sc_strings),
	{}
};

static struct kunit_suite lttng_syscalls_suite = {
	.name = "lttng_syscalls",
	.test_cases = lttng_syscalls_test_cases,
};

kunit_test_suite(lttng_syscalls_suite);
