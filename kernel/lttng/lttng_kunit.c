// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites of the tracer core: lttng_autostart (the lttng.autostart=
 * parser) and lttng_glob (event name matching).
 */

#include <kunit/test.h>
#include <linux/cred.h>
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

static struct kunit_case lttng_autostart_cases[] = {
	KUNIT_CASE(lttng_autostart_defaults),
	KUNIT_CASE(lttng_autostart_options),
	KUNIT_CASE(lttng_autostart_bad_items),
	KUNIT_CASE(lttng_autostart_too_many),
	KUNIT_CASE(lttng_autostart_syscalls_ctx),
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
		  &lttng_tracker_suite);
