// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite lttng_metadata: the TSDL that the metadata writer declares
 * for each field type, compared with the exact text LTTng-modules 2.13
 * writes for the same type, and the fields it refuses to declare.
 */

#include <kunit/test.h>
#include <linux/lttng/events.h>
#include <linux/mutex.h>
#include <linux/uuid.h>

#include "metadata.h"

static const struct lttng_enum_entry lttng_mk_entries[] = {
	{ .label = "AUTO: EXPECT 0", .is_auto = true },
	{ .label = "VALUE: 23", .start = 23, .end = 23 },
	{ .label = "AUTO: EXPECT 24", .is_auto = true },
	{ .label = "RANGE: 101 TO 303", .start = 101, .end = 303 },
	{ .label = "AUTO: EXPECT 304", .is_auto = true },
	{ .label = "say \"\\\"", .start = -1, .end = -1 },
};

static const struct lttng_enum_desc lttng_mk_enum = {
	.name = "lttng_mk_enum",
	.entries = lttng_mk_entries,
	.nr_entries = ARRAY_SIZE(lttng_mk_entries),
};

/* A poll events member: 1-bit flags and a padding up to a byte. */
static const struct lttng_event_field lttng_mk_flags[] = {
	{ .name = "POLLIN", .type = LTTNG_FIELD_INTEGER, .bits = 1 },
	{ .name = "POLLPRI", .type = LTTNG_FIELD_INTEGER, .bits = 1 },
	{ .name = "padding", .type = LTTNG_FIELD_INTEGER, .bits = 6 },
};

static const struct lttng_event_field lttng_mk_pollfd[] = {
	{ .name = "fd", .type = LTTNG_FIELD_INTEGER, .size = 4,
	  .is_signed = 1 },
	{ .name = "events", .type = LTTNG_FIELD_STRUCT,
	  .fields = lttng_mk_flags, .nr_fields = ARRAY_SIZE(lttng_mk_flags) },
};

static const struct lttng_event_field lttng_mk_fields[] = {
	{ .name = "net", .type = LTTNG_FIELD_INTEGER, .size = 4,
	  .is_signed = 1, .hex = 1, .network = 1 },
	{ .name = "e", .type = LTTNG_FIELD_ENUM, .size = 4, .is_signed = 1,
	  .enum_desc = &lttng_mk_enum },
	{ .name = "_seq_length", .type = LTTNG_FIELD_INTEGER, .size = 8 },
	{ .name = "seq", .type = LTTNG_FIELD_SEQUENCE_OF, .size = 4,
	  .network = 1 },
	{ .name = "_txt_length", .type = LTTNG_FIELD_INTEGER, .size = 2 },
	{ .name = "txt", .type = LTTNG_FIELD_SEQUENCE_OF,
	  .elem = LTTNG_ELEM_TEXT, .size = 1, .is_signed = 1 },
	{ .name = "bits", .type = LTTNG_FIELD_ARRAY, .elem = LTTNG_ELEM_BITS,
	  .size = 8, .len = 3 },
	{ .name = "fds_length", .type = LTTNG_FIELD_INTEGER, .size = 4 },
	{ .name = "nfds", .type = LTTNG_FIELD_INTEGER, .size = 4 },
	{ .name = "fds", .type = LTTNG_FIELD_SEQUENCE_OF,
	  .elem = LTTNG_ELEM_STRUCT, .length_name = "fds_length",
	  .fields = lttng_mk_pollfd, .nr_fields = ARRAY_SIZE(lttng_mk_pollfd) },
	{ .name = "one", .type = LTTNG_FIELD_STRUCT,
	  .fields = lttng_mk_pollfd, .nr_fields = ARRAY_SIZE(lttng_mk_pollfd) },
};

static const char lttng_mk_expected[] =
	"\t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 16; byte_order = be; } _net;\n"
	"\t\tenum : integer { size = 32; align = 8; signed = 1; encoding = none; base = 10; } {\n"
	"\t\t\t\"AUTO: EXPECT 0\" = 0,\n"
	"\t\t\t\"VALUE: 23\" = 23,\n"
	"\t\t\t\"AUTO: EXPECT 24\" = 24,\n"
	"\t\t\t\"RANGE: 101 TO 303\" = 101 ... 303,\n"
	"\t\t\t\"AUTO: EXPECT 304\" = 304,\n"
	"\t\t\t\"say \\\"\\\\\\\"\" = -1,\n"
	"\t\t} _e;\n"
	"\t\tinteger { size = 64; align = 8; signed = 0; encoding = none; base = 10; } __seq_length;\n"
	"\t\tinteger { size = 32; align = 8; signed = 0; encoding = none; base = 10; byte_order = be; } _seq[ __seq_length ];\n"
	"\t\tinteger { size = 16; align = 8; signed = 0; encoding = none; base = 10; } __txt_length;\n"
	"\t\tinteger { size = 8; align = 8; signed = 1; encoding = UTF8; base = 10; } _txt[ __txt_length ];\n"
	"\t\tstruct { } align(8) _bits_padding;\n"
	"\t\tinteger { size = 1; align = 1; signed = 0; encoding = none; base = 10; } _bits[192];\n"
	"\t\tinteger { size = 32; align = 8; signed = 0; encoding = none; base = 10; } _fds_length;\n"
	"\t\tinteger { size = 32; align = 8; signed = 0; encoding = none; base = 10; } _nfds;\n"
	"\t\tstruct {\n"
	"\t\t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _fd;\n"
	"\t\t\tstruct {\n"
	"\t\t\t\tinteger { size = 1; align = 1; signed = 0; encoding = none; base = 10; } _POLLIN;\n"
	"\t\t\t\tinteger { size = 1; align = 1; signed = 0; encoding = none; base = 10; } _POLLPRI;\n"
	"\t\t\t\tinteger { size = 6; align = 1; signed = 0; encoding = none; base = 10; } _padding;\n"
	"\t\t\t} _events;\n"
	"\t\t} _fds[ _fds_length ];\n"
	"\t\tstruct {\n"
	"\t\t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _fd;\n"
	"\t\t\tstruct {\n"
	"\t\t\t\tinteger { size = 1; align = 1; signed = 0; encoding = none; base = 10; } _POLLIN;\n"
	"\t\t\t\tinteger { size = 1; align = 1; signed = 0; encoding = none; base = 10; } _POLLPRI;\n"
	"\t\t\t\tinteger { size = 6; align = 1; signed = 0; encoding = none; base = 10; } _padding;\n"
	"\t\t\t} _events;\n"
	"\t\t} _one;\n";

static int lttng_mk_declare(struct kunit *test,
			    const struct lttng_event_field *fields,
			    unsigned int nr_fields, const char **text)
{
	struct lttng_metadata_cache *cache;
	uuid_t uuid = { };
	int ret;

	cache = lttng_metadata_cache_create(&uuid);
	KUNIT_ASSERT_NOT_NULL(test, cache);
	mutex_lock(&cache->lock);
	ret = lttng_metadata_fields(cache, fields, nr_fields);
	mutex_unlock(&cache->lock);
	*text = kunit_kstrdup(test, cache->data ?: "", GFP_KERNEL);
	lttng_metadata_cache_put(cache);
	return ret;
}

static void lttng_metadata_types(struct kunit *test)
{
	const char *text;

	KUNIT_ASSERT_EQ(test, lttng_mk_declare(test, lttng_mk_fields,
					       ARRAY_SIZE(lttng_mk_fields),
					       &text), 0);
	KUNIT_EXPECT_STREQ(test, text, lttng_mk_expected);
}

/* A structure in a structure in ... deeper than the writer allows. */
static const struct lttng_event_field lttng_mk_deep[] = {
	{ .name = "d0", .type = LTTNG_FIELD_STRUCT, .fields = &lttng_mk_deep[1], .nr_fields = 1 },
	{ .name = "d1", .type = LTTNG_FIELD_STRUCT, .fields = &lttng_mk_deep[2], .nr_fields = 1 },
	{ .name = "d2", .type = LTTNG_FIELD_STRUCT, .fields = &lttng_mk_deep[3], .nr_fields = 1 },
	{ .name = "d3", .type = LTTNG_FIELD_STRUCT, .fields = &lttng_mk_deep[4], .nr_fields = 1 },
	{ .name = "d4", .type = LTTNG_FIELD_STRUCT, .fields = &lttng_mk_deep[5], .nr_fields = 1 },
	{ .name = "d5", .type = LTTNG_FIELD_STRUCT, .fields = &lttng_mk_deep[6], .nr_fields = 1 },
	{ .name = "d6", .type = LTTNG_FIELD_STRUCT, .fields = &lttng_mk_deep[7], .nr_fields = 1 },
	{ .name = "i", .type = LTTNG_FIELD_INTEGER, .size = 4 },
};

static void lttng_metadata_refused(struct kunit *test)
{
	static const struct lttng_event_field no_length[] = {
		{ .name = "seq", .type = LTTNG_FIELD_SEQUENCE_OF, .size = 1 },
	};
	static const struct lttng_event_field no_enum[] = {
		{ .name = "e", .type = LTTNG_FIELD_ENUM, .size = 4 },
	};
	static const struct lttng_event_field bad_type[] = {
		{ .name = "x", .type = LTTNG_FIELD_STRUCT + 1, .size = 4 },
	};
	const char *text;

	KUNIT_EXPECT_EQ(test, lttng_mk_declare(test, no_length, 1, &text),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, lttng_mk_declare(test, no_enum, 1, &text),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, lttng_mk_declare(test, bad_type, 1, &text),
			-EINVAL);
	/* From d0, d6 would open a structure 8 tabs deep; from d1, 7. */
	KUNIT_EXPECT_EQ(test, lttng_mk_declare(test, lttng_mk_deep, 1, &text),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, lttng_mk_declare(test, &lttng_mk_deep[1], 1,
					       &text), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "\t\t\t\t\t\t\t\tinteger"));
}

static struct kunit_case lttng_metadata_test_cases[] = {
	KUNIT_CASE(lttng_metadata_types),
	KUNIT_CASE(lttng_metadata_refused),
	{}
};

static struct kunit_suite lttng_metadata_suite = {
	.name = "lttng_metadata",
	.test_cases = lttng_metadata_test_cases,
};

kunit_test_suite(lttng_metadata_suite);
