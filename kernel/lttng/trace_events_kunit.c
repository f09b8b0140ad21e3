// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite lttng_trace_events: the CTF fields laid out from a
 * TRACE_EVENT class's field list, against ftrace's offsets, and the
 * field lists that cannot be laid out.
 */

#include <kunit/test.h>
#include <linux/lttng/events.h>
#include <linux/slab.h>
#include <linux/trace_events.h>

#include "trace-events.h"

/*
 * ftrace's offsets, from the end of the 8-byte struct trace_entry:
 * flag 8, ip 16 (after a hole of 7), comm 24, msg 40, v 44, mask 56,
 * pair 60, delta 72 (after a hole of 6).
 */
static struct trace_event_fields lttng_tek_fields[] = {
	{ .type = "u8", .name = "flag", .size = 1, .align = 1 },
	{ .type = "unsigned long", .name = "ip", .size = 8, .align = 8 },
	{ .type = "char[16]", .name = "comm", .size = 16, .align = 1,
	  .is_signed = 1, .len = 16 },
	{ .type = "__data_loc char[]", .name = "msg", .size = 4, .align = 4,
	  .is_signed = 1 },
	{ .type = "int[3]", .name = "v", .size = 12, .align = 4,
	  .is_signed = 1, .len = 3 },
	{ .type = "__data_loc unsigned long[]", .name = "mask", .size = 4,
	  .align = 4 },
	{ .type = "struct pair", .name = "pair", .size = 6, .align = 2 },
	{ .type = "s64", .name = "delta", .size = 8, .align = 8,
	  .is_signed = 1 },
	{}
};

struct lttng_tek_want {
	const char *name;
	u8 type;
	u8 size;
	u8 is_signed;
	u8 hex;
	u16 len;
	const char *length_name;
};

static const struct lttng_tek_want lttng_tek_want[] = {
	{ "flag", LTTNG_FIELD_INTEGER, 1, 0, 0 },
	{ "_ip_padding", LTTNG_FIELD_ARRAY, 1, 0, 1, 7 },
	{ "ip", LTTNG_FIELD_INTEGER, 8, 0, 1 },
	{ "comm", LTTNG_FIELD_ARRAY_TEXT, 1, 1, 0, 16 },
	{ "_msg_offset", LTTNG_FIELD_INTEGER, 2, 0, 0 },
	{ "_msg_length", LTTNG_FIELD_INTEGER, 2, 0, 0 },
	{ "v", LTTNG_FIELD_ARRAY, 4, 1, 0, 3 },
	{ "_mask_offset", LTTNG_FIELD_INTEGER, 2, 0, 0 },
	{ "_mask_length", LTTNG_FIELD_INTEGER, 2, 0, 0 },
	{ "pair", LTTNG_FIELD_ARRAY, 1, 0, 1, 6 },
	{ "_delta_padding", LTTNG_FIELD_ARRAY, 1, 0, 1, 6 },
	{ "delta", LTTNG_FIELD_INTEGER, 8, 1, 0 },
	{ "msg", LTTNG_FIELD_SEQUENCE_OF, 1, 0, 0, 0, "_msg_length" },
	{ "mask", LTTNG_FIELD_SEQUENCE_OF, 1, 0, 1, 0, "_mask_length" },
};

static void lttng_tek_layout(struct kunit *test)
{
	const struct trace_event_fields *bad;
	struct lttng_event_field *f;
	unsigned int nr, i;

	f = lttng_trace_fields(lttng_tek_fields, &nr, &bad);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_NULL(test, bad);
	KUNIT_ASSERT_EQ(test, nr, ARRAY_SIZE(lttng_tek_want));
	for (i = 0; i < nr; i++) {
		const struct lttng_tek_want *w = &lttng_tek_want[i];

		KUNIT_EXPECT_STREQ(test, f[i].name, w->name);
		KUNIT_EXPECT_EQ_MSG(test, f[i].type, w->type, "%s", w->name);
		KUNIT_EXPECT_EQ_MSG(test, f[i].size, w->size, "%s", w->name);
		KUNIT_EXPECT_EQ_MSG(test, f[i].is_signed, w->is_signed, "%s",
				    w->name);
		KUNIT_EXPECT_EQ_MSG(test, f[i].hex, w->hex, "%s", w->name);
		KUNIT_EXPECT_EQ_MSG(test, f[i].len, w->len, "%s", w->name);
		if (w->length_name)
			KUNIT_EXPECT_STREQ(test, f[i].length_name,
					   w->length_name);
	}
	KUNIT_EXPECT_EQ(test, f[12].elem, LTTNG_ELEM_TEXT);
	KUNIT_EXPECT_EQ(test, f[13].elem, LTTNG_ELEM_INTEGER);
	KUNIT_EXPECT_EQ(test, f[6].elem, LTTNG_ELEM_INTEGER);
	kfree(f);
}

static struct trace_event_fields lttng_tek_runtime[] = {
	{ .type = "int", .name = "a", .size = 4, .align = 4, .is_signed = 1 },
	{ .type = TRACE_FUNCTION_TYPE },
	{}
};

static struct trace_event_fields lttng_tek_bad_loc[] = {
	{ .type = "__data_loc char[]", .name = "s", .size = 8, .align = 4 },
	{}
};

static void lttng_tek_refused(struct kunit *test)
{
	const struct trace_event_fields *bad;
	unsigned int nr = 0;

	KUNIT_EXPECT_NULL(test, lttng_trace_fields(lttng_tek_runtime, &nr, &bad));
	KUNIT_EXPECT_PTR_EQ(test, bad, &lttng_tek_runtime[1]);
	KUNIT_EXPECT_NULL(test, lttng_trace_fields(lttng_tek_bad_loc, &nr, &bad));
	KUNIT_EXPECT_PTR_EQ(test, bad, &lttng_tek_bad_loc[0]);
}

static struct kunit_case lttng_tek_cases[] = {
	KUNIT_CASE(lttng_tek_layout),
	KUNIT_CASE(lttng_tek_refused),
	{}
};

static struct kunit_suite lttng_tek_suite = {
	.name = "lttng_trace_events",
	.test_cases = lttng_tek_cases,
};

kunit_test_suite(lttng_tek_suite);
