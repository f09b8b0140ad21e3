// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites of the tracer core: lttng_autostart (the lttng.autostart=
 * parser) and lttng_glob (event name matching).
 */

#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/cred.h>
#include <linux/lttng/events.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "autostart.h"
#include "graph.h"
#include "registry.h"
#include "tracker.h"

static struct lttng_autostart_spec *t_parse(struct kunit *test,
					    const char *str, int *bad)
{
	struct lttng_autostart_spec *spec;

	spec = kunit_kzalloc(test, sizeof(*spec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, spec);
	*bad = lttng_autostart_parse(str, spec);
	return spec;
}

static void lttng_autostart_defaults(struct kunit *test)
{
	struct lttng_autostart_spec *spec;
	int bad;

	spec = t_parse(test, "sched_switch", &bad);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, spec->nr_events, 1U);
	KUNIT_EXPECT_STREQ(test, spec->events[0].name, "sched_switch");
	KUNIT_EXPECT_STREQ(test, spec->name, "boot");
	KUNIT_EXPECT_TRUE(test, spec->params.overwrite);
	KUNIT_EXPECT_EQ(test, spec->params.subbuf_size, 256ULL * 1024);
	KUNIT_EXPECT_EQ(test, spec->params.num_subbuf, 4ULL);
	KUNIT_EXPECT_EQ(test, spec->params.read_timer_us, 200000U);
}

static void lttng_autostart_options(struct kunit *test)
{
	struct lttng_autostart_spec *spec;
	int bad;

	spec = t_parse(test,
		       "sched_*,irq_*,mode=discard,subbuf=64K,nsubbuf=8,name=fw,read_timer=1000",
		       &bad);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, spec->nr_events, 2U);
	KUNIT_EXPECT_STREQ(test, spec->events[0].name, "sched_*");
	KUNIT_EXPECT_STREQ(test, spec->events[1].name, "irq_*");
	KUNIT_EXPECT_FALSE(test, spec->params.overwrite);
	KUNIT_EXPECT_EQ(test, spec->params.subbuf_size, 64ULL * 1024);
	KUNIT_EXPECT_EQ(test, spec->params.num_subbuf, 8ULL);
	KUNIT_EXPECT_STREQ(test, spec->name, "fw");
	KUNIT_EXPECT_EQ(test, spec->params.read_timer_us, 1000U);
}

static void lttng_autostart_bad_items(struct kunit *test)
{
	struct lttng_autostart_spec *spec;
	int bad;

	/* Each bad item is counted and ignored; the good ones apply. */
	spec = t_parse(test,
		       "sched_switch,subbuf=3000,nsubbuf=3,mode=fast,bogus=1,a b,,subbuf=1G",
		       &bad);
	KUNIT_EXPECT_EQ(test, bad, 7);
	KUNIT_EXPECT_EQ(test, spec->nr_events, 1U);
	KUNIT_EXPECT_EQ(test, spec->params.subbuf_size, 256ULL * 1024);
	KUNIT_EXPECT_EQ(test, spec->params.num_subbuf, 4ULL);
	KUNIT_EXPECT_TRUE(test, spec->params.overwrite);

	spec = t_parse(test, "", &bad);
	KUNIT_EXPECT_EQ(test, bad, 1);
	KUNIT_EXPECT_EQ(test, spec->nr_events, 0U);

	spec = t_parse(test, "name=,subbuf=,nsubbuf=x", &bad);
	KUNIT_EXPECT_EQ(test, bad, 3);
	KUNIT_EXPECT_STREQ(test, spec->name, "boot");
}

static void lttng_autostart_too_many(struct kunit *test)
{
	struct lttng_autostart_spec *spec;
	char *str;
	int i, bad;

	str = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, str);
	for (i = 0; i < LTTNG_AUTOSTART_MAX_EVENTS + 2; i++)
		sprintf(str + strlen(str), "%se%d", i ? "," : "", i);
	spec = t_parse(test, str, &bad);
	KUNIT_EXPECT_EQ(test, bad, 2);
	KUNIT_EXPECT_EQ(test, spec->nr_events, LTTNG_AUTOSTART_MAX_EVENTS);
	KUNIT_EXPECT_STREQ(test, spec->events[LTTNG_AUTOSTART_MAX_EVENTS - 1].name,
			   "e31");
}

static void lttng_autostart_syscalls_ctx(struct kunit *test)
{
	struct lttng_autostart_spec *spec;
	int bad;

	spec = t_parse(test,
		       "sched_switch,syscall:*,syscall-entry:open*,syscall-exit:read,ctx=pid,ctx=procname",
		       &bad);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_ASSERT_EQ(test, spec->nr_events, 4U);
	KUNIT_EXPECT_STREQ(test, spec->events[0].name, "sched_switch");
	KUNIT_EXPECT_EQ(test, spec->events[0].instrumentation,
			(u32)LTTNG_ABI_TRACEPOINT);
	KUNIT_EXPECT_STREQ(test, spec->events[1].name, "*");
	KUNIT_EXPECT_EQ(test, spec->events[1].instrumentation,
			(u32)LTTNG_ABI_SYSCALL);
	KUNIT_EXPECT_EQ(test, spec->events[1].entryexit,
			(u32)LTTNG_ABI_SYSCALL_ENTRYEXIT);
	KUNIT_EXPECT_STREQ(test, spec->events[2].name, "open*");
	KUNIT_EXPECT_EQ(test, spec->events[2].entryexit,
			(u32)LTTNG_ABI_SYSCALL_ENTRY);
	KUNIT_EXPECT_STREQ(test, spec->events[3].name, "read");
	KUNIT_EXPECT_EQ(test, spec->events[3].entryexit,
			(u32)LTTNG_ABI_SYSCALL_EXIT);
	KUNIT_ASSERT_EQ(test, spec->nr_ctx, 2U);
	KUNIT_EXPECT_EQ(test, spec->ctx[0], (u8)LTTNG_ABI_CONTEXT_PID);
	KUNIT_EXPECT_EQ(test, spec->ctx[1], (u8)LTTNG_ABI_CONTEXT_PROCNAME);

	/*
	 * A bad syscall name, an unknown prefix, an empty name, an unknown
	 * context, one given twice, and one this kernel cannot record.
	 */
	spec = t_parse(test,
		       "syscall:a-b,sys:read,syscall:,ctx=bogus,ctx=tid,ctx=tid,ctx=perf:cpu:cycles,syscall-exit:close",
		       &bad);
	KUNIT_EXPECT_EQ(test, bad, 6);
	KUNIT_ASSERT_EQ(test, spec->nr_events, 1U);
	KUNIT_EXPECT_STREQ(test, spec->events[0].name, "close");
	KUNIT_EXPECT_EQ(test, spec->events[0].entryexit,
			(u32)LTTNG_ABI_SYSCALL_EXIT);
	KUNIT_ASSERT_EQ(test, spec->nr_ctx, 1U);
	KUNIT_EXPECT_EQ(test, spec->ctx[0], (u8)LTTNG_ABI_CONTEXT_TID);
}

static void lttng_autostart_probes(struct kunit *test)
{
	struct lttng_autostart_spec *spec;
	int bad;

	spec = t_parse(test,
		       "kprobe:do_sys_openat2,kprobe:vfs_read+0x10,function:call_rcu,function-entry:ext4_*,kprobe:foo.isra.0",
		       &bad);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_ASSERT_EQ(test, spec->nr_events, 5U);
	KUNIT_EXPECT_EQ(test, spec->events[0].instrumentation,
			(u32)LTTNG_ABI_KPROBE);
	KUNIT_EXPECT_STREQ(test, spec->events[0].name, "do_sys_openat2");
	KUNIT_EXPECT_STREQ(test, spec->events[0].symbol, "do_sys_openat2");
	KUNIT_EXPECT_EQ(test, spec->events[0].offset, 0ULL);
	KUNIT_EXPECT_STREQ(test, spec->events[1].name, "vfs_read+0x10");
	KUNIT_EXPECT_STREQ(test, spec->events[1].symbol, "vfs_read");
	KUNIT_EXPECT_EQ(test, spec->events[1].offset, 0x10ULL);
	KUNIT_EXPECT_EQ(test, spec->events[2].instrumentation,
			(u32)LTTNG_ABI_KRETPROBE);
	KUNIT_EXPECT_STREQ(test, spec->events[2].symbol, "call_rcu");
	KUNIT_EXPECT_EQ(test, spec->events[3].instrumentation,
			(u32)LTTNG_ABI_FUNCTION);
	KUNIT_EXPECT_STREQ(test, spec->events[3].symbol, "ext4_*");
	KUNIT_EXPECT_STREQ(test, spec->events[4].symbol, "foo.isra.0");

	/*
	 * An offset on a function probe, a glob in a kprobe or a function
	 * probe, a bad offset, an empty symbol, a character no symbol has,
	 * and '.' or '+' outside a dynamic probe.
	 */
	spec = t_parse(test,
		       "function:call_rcu+4,kprobe:vfs_*,function:ext4_*,kprobe:vfs_read+x,kprobe:+8,kprobe:a-b,sched.switch,syscall:read+1,kprobe:vfs_write",
		       &bad);
	KUNIT_EXPECT_EQ(test, bad, 8);
	KUNIT_ASSERT_EQ(test, spec->nr_events, 1U);
	KUNIT_EXPECT_STREQ(test, spec->events[0].symbol, "vfs_write");
}

static struct kunit_case lttng_autostart_cases[] = {
	KUNIT_CASE(lttng_autostart_defaults),
	KUNIT_CASE(lttng_autostart_options),
	KUNIT_CASE(lttng_autostart_bad_items),
	KUNIT_CASE(lttng_autostart_too_many),
	KUNIT_CASE(lttng_autostart_syscalls_ctx),
	KUNIT_CASE(lttng_autostart_probes),
	{}
};

static struct kunit_suite lttng_autostart_suite = {
	.name = "lttng_autostart",
	.test_cases = lttng_autostart_cases,
};

static void lttng_glob_cases(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, lttng_registry_glob_match("sched_switch", "sched_switch"));
	KUNIT_EXPECT_FALSE(test, lttng_registry_glob_match("sched_switch", "sched_switc"));
	KUNIT_EXPECT_FALSE(test, lttng_registry_glob_match("sched_switc", "sched_switch"));
	KUNIT_EXPECT_TRUE(test, lttng_registry_glob_match("*", "sched_switch"));
	KUNIT_EXPECT_TRUE(test, lttng_registry_glob_match("*", ""));
	KUNIT_EXPECT_TRUE(test, lttng_registry_glob_match("sched_*", "sched_switch"));
	KUNIT_EXPECT_FALSE(test, lttng_registry_glob_match("sched_*", "irq_handler_entry"));
	KUNIT_EXPECT_TRUE(test, lttng_registry_glob_match("*_switch", "sched_switch"));
	KUNIT_EXPECT_TRUE(test, lttng_registry_glob_match("s*d*h", "sched_switch"));
	KUNIT_EXPECT_FALSE(test, lttng_registry_glob_match("s*d*x", "sched_switch"));
	KUNIT_EXPECT_TRUE(test, lttng_registry_glob_match("a**b", "ab"));
	KUNIT_EXPECT_TRUE(test, lttng_registry_glob_match("a\\*b", "a*b"));
	KUNIT_EXPECT_FALSE(test, lttng_registry_glob_match("a\\*b", "axb"));
}

/* SYSTEM:EVENT patterns, against the provider's name and the event's. */
static void lttng_glob_system(struct kunit *test)
{
	static const struct lttng_probe_desc irq = { .name = "irq" };
	static const struct lttng_event_desc entry = {
		.name = "irq_handler_entry", .provider = &irq,
	};
	static const struct lttng_event_desc sc = { .name = "openat" };

	KUNIT_EXPECT_TRUE(test, lttng_registry_match("irq_handler_entry", &entry));
	KUNIT_EXPECT_TRUE(test, lttng_registry_match("irq:irq_handler_entry", &entry));
	KUNIT_EXPECT_TRUE(test, lttng_registry_match("irq:*", &entry));
	KUNIT_EXPECT_TRUE(test, lttng_registry_match("*:irq_*", &entry));
	KUNIT_EXPECT_TRUE(test, lttng_registry_match("i*:*entry", &entry));
	KUNIT_EXPECT_FALSE(test, lttng_registry_match("timer:irq_handler_entry", &entry));
	KUNIT_EXPECT_FALSE(test, lttng_registry_match("irq:irq_handler_exit", &entry));
	KUNIT_EXPECT_FALSE(test, lttng_registry_match("irq:", &entry));
	KUNIT_EXPECT_FALSE(test, lttng_registry_match(":irq_handler_entry", &entry));
	/* No provider: only the bare name matches. */
	KUNIT_EXPECT_TRUE(test, lttng_registry_match("openat", &sc));
	KUNIT_EXPECT_FALSE(test, lttng_registry_match("*:openat", &sc));
}

static struct kunit_case lttng_glob_test_cases[] = {
	KUNIT_CASE(lttng_glob_cases),
	KUNIT_CASE(lttng_glob_system),
	{}
};

static struct kunit_suite lttng_glob_suite = {
	.name = "lttng_glob",
	.test_cases = lttng_glob_test_cases,
};

/* The registry: providers that come and go, without sessions (no probe is hooked). */
static const struct lttng_event_field lttng_kunit_fields[] = {
	{ .name = "a", .type = LTTNG_FIELD_INTEGER, .size = 4, .is_signed = 1 },
	{ .name = "_b_length", .type = LTTNG_FIELD_INTEGER, .size = 2 },
	{ .name = "b", .type = LTTNG_FIELD_SEQUENCE_OF, .elem = LTTNG_ELEM_TEXT,
	  .size = 1, .length_name = "_b_length" },
};

static const struct lttng_enum_entry lttng_kunit_entries[] = {
	{ .label = "zero", .start = 0, .end = 0 },
	{ .label = "one", .is_auto = true },
};

static const struct lttng_enum_desc lttng_kunit_enum = {
	.name = "kunit_enum", .entries = lttng_kunit_entries,
	.nr_entries = ARRAY_SIZE(lttng_kunit_entries),
};

static const struct lttng_event_field lttng_kunit_struct_fields[] = {
	{ .name = "e", .type = LTTNG_FIELD_ENUM, .size = 1,
	  .enum_desc = &lttng_kunit_enum },
	{ .name = "s", .type = LTTNG_FIELD_STRUCT,
	  .fields = lttng_kunit_fields, .nr_fields = ARRAY_SIZE(lttng_kunit_fields) },
};

static struct lttng_probe_desc lttng_kunit_p1 = { .name = "lttng_kunit_p1" };
static struct lttng_probe_desc lttng_kunit_p2 = { .name = "lttng_kunit_p2" };
static struct lttng_probe_desc lttng_kunit_dup = { .name = "lttng_kunit_dup" };

static const struct lttng_event_desc lttng_kunit_d[] = {
	{ .name = "lttng_kunit_one", .provider = &lttng_kunit_p1,
	  .fields = lttng_kunit_fields, .nr_fields = ARRAY_SIZE(lttng_kunit_fields) },
	{ .name = "lttng_kunit_two", .provider = &lttng_kunit_p1,
	  .fields = lttng_kunit_struct_fields,
	  .nr_fields = ARRAY_SIZE(lttng_kunit_struct_fields) },
	{ .name = "lttng_kunit_three", .provider = &lttng_kunit_p2 },
	{ .name = "lttng_kunit_four", .provider = &lttng_kunit_dup },
};

static const struct lttng_event_desc * const lttng_kunit_e1[] = {
	&lttng_kunit_d[0], &lttng_kunit_d[1],
};

static const struct lttng_event_desc * const lttng_kunit_e2[] = {
	&lttng_kunit_d[2],
};

/* A new name, then one that p1 has. */
static const struct lttng_event_desc * const lttng_kunit_edup[] = {
	&lttng_kunit_d[3], &lttng_kunit_d[1],
};

/* The kunit providers' descriptions seen by a whole walk, as a bit mask of lttng_kunit_d[]. */
static unsigned int lttng_kunit_walk(struct kunit *test, unsigned int *total)
{
	struct lttng_registry_iter iter = LTTNG_REGISTRY_ITER;
	const struct lttng_event_desc *desc;
	unsigned int seen = 0, i;

	*total = 0;
	lttng_registry_lock();
	while ((desc = lttng_registry_iter_next(&iter))) {
		(*total)++;
		for (i = 0; i < ARRAY_SIZE(lttng_kunit_d); i++)
			if (desc == &lttng_kunit_d[i]) {
				KUNIT_EXPECT_FALSE(test, seen & BIT(i));
				seen |= BIT(i);
			}
	}
	/* At the end, the cursor stays there. */
	KUNIT_EXPECT_NULL(test, lttng_registry_iter_next(&iter));
	lttng_registry_unlock();
	return seen;
}

static void lttng_registry_find_locked(struct kunit *test, const char *name,
				       const struct lttng_event_desc *want)
{
	lttng_registry_lock();
	KUNIT_EXPECT_PTR_EQ(test, lttng_registry_find(name), want);
	lttng_registry_unlock();
}

static void lttng_registry_add_remove(struct kunit *test)
{
	unsigned int base, total, seen;

	lttng_kunit_p1.events = lttng_kunit_e1;
	lttng_kunit_p1.nr_events = ARRAY_SIZE(lttng_kunit_e1);
	lttng_kunit_p2.events = lttng_kunit_e2;
	lttng_kunit_p2.nr_events = ARRAY_SIZE(lttng_kunit_e2);
	lttng_kunit_dup.events = lttng_kunit_edup;
	lttng_kunit_dup.nr_events = ARRAY_SIZE(lttng_kunit_edup);

	KUNIT_EXPECT_EQ(test, lttng_kunit_walk(test, &base), 0);
	KUNIT_ASSERT_EQ(test, lttng_registry_add(&lttng_kunit_p1), 0);
	KUNIT_ASSERT_EQ(test, lttng_registry_add(&lttng_kunit_p2), 0);
	seen = lttng_kunit_walk(test, &total);
	KUNIT_EXPECT_EQ(test, seen, 0x7);
	KUNIT_EXPECT_EQ(test, total, base + 3);
	lttng_registry_find_locked(test, "lttng_kunit_two", &lttng_kunit_d[1]);
	lttng_registry_find_locked(test, "lttng_kunit_three", &lttng_kunit_d[2]);

	/* A name registered already: refused, and nothing of it stays. */
	KUNIT_EXPECT_EQ(test, lttng_registry_add(&lttng_kunit_dup), -EEXIST);
	lttng_registry_find_locked(test, "lttng_kunit_four", NULL);
	lttng_registry_find_locked(test, "lttng_kunit_two", &lttng_kunit_d[1]);
	seen = lttng_kunit_walk(test, &total);
	KUNIT_EXPECT_EQ(test, seen, 0x7);
	KUNIT_EXPECT_EQ(test, total, base + 3);

	/* The provider in the middle leaves: the walk skips it, its names go. */
	lttng_registry_remove(&lttng_kunit_p1);
	seen = lttng_kunit_walk(test, &total);
	KUNIT_EXPECT_EQ(test, seen, 0x4);
	KUNIT_EXPECT_EQ(test, total, base + 1);
	lttng_registry_find_locked(test, "lttng_kunit_one", NULL);
	lttng_registry_find_locked(test, "lttng_kunit_three", &lttng_kunit_d[2]);

	/* It comes back with the same names. */
	KUNIT_ASSERT_EQ(test, lttng_registry_add(&lttng_kunit_p1), 0);
	seen = lttng_kunit_walk(test, &total);
	KUNIT_EXPECT_EQ(test, seen, 0x7);
	lttng_registry_find_locked(test, "lttng_kunit_one", &lttng_kunit_d[0]);

	lttng_registry_remove(&lttng_kunit_p1);
	lttng_registry_remove(&lttng_kunit_p2);
	KUNIT_EXPECT_EQ(test, lttng_kunit_walk(test, &total), 0);
	KUNIT_EXPECT_EQ(test, total, base);
}

/* Within one provider, a name twice is refused too. */
static void lttng_registry_dup_in_provider(struct kunit *test)
{
	static const struct lttng_event_desc * const twice[] = {
		&lttng_kunit_d[2], &lttng_kunit_d[2],
	};
	struct lttng_probe_desc p = { .name = "lttng_kunit_twice",
				      .events = twice, .nr_events = 2 };

	KUNIT_EXPECT_EQ(test, lttng_registry_add(&p), -EEXIST);
	lttng_registry_find_locked(test, "lttng_kunit_three", NULL);
}

/* The copy a dead event keeps: equal values, none of the original's memory. */
static void lttng_registry_desc_copy(struct kunit *test)
{
	const struct lttng_event_desc *d = &lttng_kunit_d[1];
	const struct lttng_event_field *f, *sub;
	struct lttng_event_desc *c;

	c = lttng_registry_desc_dup(d);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_STREQ(test, c->name, "lttng_kunit_two");
	KUNIT_EXPECT_PTR_NE(test, c->name, d->name);
	KUNIT_EXPECT_NULL(test, c->provider);
	KUNIT_EXPECT_NULL(test, c->tp);
	KUNIT_ASSERT_EQ(test, c->nr_fields, 2);
	f = c->fields;
	KUNIT_EXPECT_PTR_NE(test, f, d->fields);
	KUNIT_EXPECT_STREQ(test, f[0].name, "e");
	KUNIT_EXPECT_EQ(test, f[0].type, LTTNG_FIELD_ENUM);
	KUNIT_ASSERT_NOT_NULL(test, f[0].enum_desc);
	KUNIT_EXPECT_PTR_NE(test, f[0].enum_desc, &lttng_kunit_enum);
	KUNIT_ASSERT_EQ(test, f[0].enum_desc->nr_entries, 2);
	KUNIT_EXPECT_STREQ(test, f[0].enum_desc->entries[1].label, "one");
	KUNIT_EXPECT_TRUE(test, f[0].enum_desc->entries[1].is_auto);
	KUNIT_EXPECT_PTR_NE(test, f[0].enum_desc->entries[1].label,
			    lttng_kunit_entries[1].label);
	KUNIT_ASSERT_EQ(test, f[1].nr_fields, 3);
	sub = f[1].fields;
	KUNIT_EXPECT_PTR_NE(test, sub, &lttng_kunit_fields[0]);
	KUNIT_EXPECT_STREQ(test, sub[2].name, "b");
	KUNIT_EXPECT_STREQ(test, sub[2].length_name, "_b_length");
	KUNIT_EXPECT_PTR_NE(test, sub[2].length_name,
			    lttng_kunit_fields[2].length_name);
	KUNIT_EXPECT_EQ(test, sub[2].elem, LTTNG_ELEM_TEXT);
	KUNIT_EXPECT_EQ(test, sub[0].size, 4);
	KUNIT_EXPECT_EQ(test, sub[0].is_signed, 1);
	kfree(c);
}

static struct kunit_case lttng_registry_test_cases[] = {
	KUNIT_CASE(lttng_registry_add_remove),
	KUNIT_CASE(lttng_registry_dup_in_provider),
	KUNIT_CASE(lttng_registry_desc_copy),
	{}
};

static struct kunit_suite lttng_registry_suite = {
	.name = "lttng_registry",
	.test_cases = lttng_registry_test_cases,
};

#define T_PID	LTTNG_ABI_TRACKER_PID
#define T_VPID	LTTNG_ABI_TRACKER_VPID
#define T_UID	LTTNG_ABI_TRACKER_UID
#define t_track	lttng_session_track

/* Does the KUnit thread pass the session's trackers? */
static bool t_tracked(struct lttng_session *session)
{
	bool ret;

	preempt_disable();
	/* As lttng_event_reserve() reads it. */
	ret = !READ_ONCE(session->tracking) || lttng_tracker_pass(session);
	preempt_enable();
	return ret;
}

static void lttng_tracker_cases(struct kunit *test)
{
	struct lttng_session *session = lttng_session_create("kunit-tracker", false);
	s32 me = task_tgid_nr(current), other = me + 1;
	u32 uid = from_kuid_munged(&init_user_ns, current_uid());

	KUNIT_ASSERT_NOT_NULL(test, session);
	/* A new session tracks everything. */
	KUNIT_EXPECT_TRUE(test, t_tracked(session));
	KUNIT_EXPECT_EQ(test, session->tracking, 0UL);

	/* The include-set sequence: untrack all, then track ids. */
	KUNIT_EXPECT_EQ(test, t_track(session, T_PID, -1, false), 0);
	KUNIT_EXPECT_FALSE(test, t_tracked(session));
	KUNIT_EXPECT_EQ(test, t_track(session, T_PID, other, true), 0);
	KUNIT_EXPECT_FALSE(test, t_tracked(session));
	KUNIT_EXPECT_EQ(test, t_track(session, T_PID, me, true), 0);
	KUNIT_EXPECT_TRUE(test, t_tracked(session));
	KUNIT_EXPECT_EQ(test, t_track(session, T_PID, me, true), -EEXIST);

	/* A second tracker must pass too. */
	KUNIT_EXPECT_EQ(test, t_track(session, T_UID, uid + 1, true), 0);
	KUNIT_EXPECT_FALSE(test, t_tracked(session));
	KUNIT_EXPECT_EQ(test, t_track(session, T_UID, uid, true), 0);
	KUNIT_EXPECT_TRUE(test, t_tracked(session));
	KUNIT_EXPECT_EQ(test, t_track(session, T_UID, -1, true), 0);

	/* Removing ids. */
	KUNIT_EXPECT_EQ(test, t_track(session, T_PID, me, false), 0);
	KUNIT_EXPECT_FALSE(test, t_tracked(session));
	KUNIT_EXPECT_EQ(test, t_track(session, T_PID, me, false), -ENOENT);
	KUNIT_EXPECT_EQ(test, t_track(session, T_PID, other, false), 0);
	KUNIT_EXPECT_FALSE(test, t_tracked(session));

	/* Back to everything; one id cannot be taken out of everything. */
	KUNIT_EXPECT_EQ(test, t_track(session, T_PID, -1, true), 0);
	KUNIT_EXPECT_TRUE(test, t_tracked(session));
	KUNIT_EXPECT_EQ(test, session->tracking, 0UL);
	KUNIT_EXPECT_EQ(test, t_track(session, T_PID, me, false), -EINVAL);

	/* Bad types and ids. */
	KUNIT_EXPECT_EQ(test, t_track(session, LTTNG_TRACKER_MAX, me, true), -EINVAL);
	KUNIT_EXPECT_EQ(test, t_track(session, T_VPID, -2, true), -EINVAL);
	lttng_session_put(session);
}

static struct kunit_case lttng_tracker_test_cases[] = {
	KUNIT_CASE(lttng_tracker_cases),
	{}
};

static struct kunit_suite lttng_tracker_suite = {
	.name = "lttng_tracker",
	.test_cases = lttng_tracker_test_cases,
};

kunit_test_suites(&lttng_autostart_suite, &lttng_glob_suite,
		  &lttng_registry_suite,
		  &lttng_tracker_suite);
