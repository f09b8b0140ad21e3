// SPDX-License-Identifier: GPL-2.0-only
/*
 * kselftest for the /dev/lttng ABI: versions, and the errno of every kind
 * of bad input, checked by value.  A missing /dev/lttng is a SKIP.
 *
 * The reader cases take packets and then misbehave: put without get,
 * close the stream fd while holding a packet (with and without a live
 * mapping), let the session die while holding.  Each checks what the
 * stream says afterwards, and that the packet held comes back to the next
 * reader unconsumed.  On the debug kernel, the guest's kmemleak scan after
 * the test checks that none of it leaks.
 *
 * The dynamic probes (KPROBE, KRETPROBE, FUNCTION, UPROBE): the errno of
 * every bad target, name and file, each probe kind firing once per call
 * of getpgid(2) or of a function of this binary (counted in the buffers'
 * statistics) and declared in the metadata, and a loop that creates and
 * destroys 1300 of them, for kmemleak.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/lttng.h>

#include "kselftest_harness.h"

static const struct lttng_abi_channel good_chan = {
	.subbuf_size = 4096 * 4,
	.num_subbuf = 2,
	.read_timer_interval = 0,
	.output = LTTNG_ABI_OUTPUT_MMAP,
};

/*
 * For the reader cases: four one-page sub-buffers, so that two packets
 * leave the buffer less than full (EPOLLIN, not EPOLLPRI).
 */
static const struct lttng_abi_channel small_chan = {
	.subbuf_size = 4096,
	.num_subbuf = 4,
	.read_timer_interval = 0,
	.output = LTTNG_ABI_OUTPUT_MMAP,
};

/* The CTF packet header that starts every data packet (see the metadata). */
#define CTF_MAGIC		0xC1FC1FC1U
#define CTF_SEQ_NUM_OFFSET	64	/* magic, uuid, ids, 4 x u64 before it */

/* A u64 getter of a stream, or UINT64_MAX if it failed. */
static uint64_t stream_u64(int fd, unsigned long cmd)
{
	uint64_t v;

	if (ioctl(fd, cmd, &v))
		return UINT64_MAX;
	return v;
}

/* What poll() says of a stream right now, every bit it may say, or -1. */
static int stream_poll(int fd)
{
	struct pollfd p = {
		.fd = fd,
		.events = POLLIN | POLLRDNORM | POLLPRI | POLLRDBAND,
	};

	if (poll(&p, 1, 0) < 0)
		return -1;
	return p.revents;
}

/* Every stream of a data channel, in CPU order: how many, at most @max. */
static int open_streams(int chan, int *fds, int max)
{
	int n = 0, s;

	while (n < max && (s = ioctl(chan, LTTNG_ABI_STREAM)) >= 0)
		fds[n++] = s;
	return n;
}

FIXTURE(tracer) {
	int fd;
	int session;
};

FIXTURE_SETUP(tracer)
{
	self->fd = open("/dev/lttng", O_RDWR);
	if (self->fd < 0 && errno == ENOENT)
		SKIP(return, "no /dev/lttng");
	ASSERT_LE(0, self->fd);
	self->session = ioctl(self->fd, LTTNG_ABI_SESSION);
	ASSERT_LT(0, self->session);
}

FIXTURE_TEARDOWN(tracer)
{
	close(self->session);
	close(self->fd);
}

TEST_F(tracer, versions)
{
	struct lttng_abi_tracer_version v;
	struct lttng_abi_tracer_abi_version a;

	ASSERT_EQ(0, ioctl(self->fd, LTTNG_ABI_TRACER_VERSION, &v));
	EXPECT_EQ(2, v.major);
	EXPECT_EQ(13, v.minor);
	ASSERT_EQ(0, ioctl(self->fd, LTTNG_ABI_TRACER_ABI_VERSION, &a));
	EXPECT_EQ(2, a.major);
	EXPECT_EQ(6, a.minor);
}

TEST_F(tracer, unknown_commands)
{
	EXPECT_EQ(-1, ioctl(self->fd, _IO(LTTNG_ABI_IOC, 0xFF)));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->session, _IO(LTTNG_ABI_IOC, 0xFF)));
	EXPECT_EQ(ENOTTY, errno);
	/* A session command on the tracer fd is unknown there. */
	EXPECT_EQ(-1, ioctl(self->fd, LTTNG_ABI_SESSION_START));
	EXPECT_EQ(ENOTTY, errno);
	/* Right number, wrong direction: dispatch is on the full value. */
	EXPECT_EQ(-1, ioctl(self->fd, _IOW(LTTNG_ABI_IOC, 0x46,
					   struct lttng_abi_tracer_version)));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(tracer, bad_pointers)
{
	EXPECT_EQ(-1, ioctl(self->fd, LTTNG_ABI_TRACER_VERSION, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_CHANNEL, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_SESSION_SET_NAME, NULL));
	EXPECT_EQ(EFAULT, errno);
}

TEST_F(tracer, bad_channel_shapes)
{
	struct lttng_abi_channel c = good_chan;

	c.subbuf_size = 3000;
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_CHANNEL, &c));
	EXPECT_EQ(EINVAL, errno);
	c.subbuf_size = 0;
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_CHANNEL, &c));
	EXPECT_EQ(EINVAL, errno);
	c = good_chan;
	c.num_subbuf = 3;
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_CHANNEL, &c));
	EXPECT_EQ(EINVAL, errno);
	c = good_chan;
	c.subbuf_size = 1ULL << 40;
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_CHANNEL, &c));
	EXPECT_EQ(EINVAL, errno);
	c = good_chan;
	c.output = 7;
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_CHANNEL, &c));
	EXPECT_EQ(EINVAL, errno);
	/* One sub-buffer: a flight recorder needs two, as in LTTng-modules. */
	c = good_chan;
	c.num_subbuf = 1;
	c.overwrite = 1;
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_CHANNEL, &c));
	EXPECT_EQ(EINVAL, errno);
}

/* One sub-buffer in discard mode is a channel, with one buffer per CPU. */
TEST_F(tracer, one_subbuf_channel)
{
	struct lttng_abi_channel c = good_chan;
	int chan, stream;
	__u64 len;

	c.num_subbuf = 1;
	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &c);
	ASSERT_LE(0, chan);
	stream = ioctl(chan, LTTNG_ABI_STREAM);
	ASSERT_LE(0, stream);
	ASSERT_EQ(0, ioctl(stream, LTTNG_ABI_RB_GET_MAX_SUBBUF_SIZE, &len));
	EXPECT_EQ(c.subbuf_size, len);
	ASSERT_EQ(0, ioctl(stream, LTTNG_ABI_RB_GET_MMAP_LEN, &len));
	EXPECT_EQ(c.subbuf_size, len);
	close(stream);
	close(chan);
}

TEST_F(tracer, bad_names)
{
	struct lttng_abi_session_name n;
	struct lttng_abi_event ev;
	int chan, fd;

	memset(&n, 'x', sizeof(n));
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_SESSION_SET_NAME, &n));
	EXPECT_EQ(EINVAL, errno);
	/* Garbage after the NUL is fine: lttng-sessiond sends some. */
	n.name[3] = '\0';
	EXPECT_EQ(0, ioctl(self->session, LTTNG_ABI_SESSION_SET_NAME, &n));

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan);
	memset(&ev, 0, sizeof(ev));
	memset(ev.name, 'a', sizeof(ev.name));
	EXPECT_EQ(-1, ioctl(chan, LTTNG_ABI_EVENT, &ev));
	EXPECT_EQ(EINVAL, errno);
	ev.name[0] = '\0';
	EXPECT_EQ(-1, ioctl(chan, LTTNG_ABI_EVENT, &ev));
	EXPECT_EQ(EINVAL, errno);
	/*
	 * Names that match nothing yet are not errors: they wait for a
	 * provider (a module) that brings a matching event, as in LTTng.
	 */
	ev.instrumentation = LTTNG_ABI_TRACEPOINT;
	strcpy(ev.name, "lttng_no_such_system_*");
	fd = ioctl(chan, LTTNG_ABI_EVENT, &ev);
	EXPECT_LE(0, fd);
	close(fd);
	strcpy(ev.name, "lttng_no_such_event");
	fd = ioctl(chan, LTTNG_ABI_EVENT, &ev);
	EXPECT_LE(0, fd);
	close(fd);
	close(chan);
}

TEST_F(tracer, wrong_states)
{
	struct lttng_abi_channel c = good_chan;
	int chan;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &c);
	ASSERT_LT(0, chan);
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_SESSION_STOP));
	EXPECT_EQ(EBUSY, errno);
	ASSERT_EQ(0, ioctl(self->session, LTTNG_ABI_SESSION_START));
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_SESSION_START));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(-1, ioctl(self->session, LTTNG_ABI_CHANNEL, &c));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(0, ioctl(self->session, LTTNG_ABI_SESSION_STOP));
	close(chan);
}

/*
 * Every context type is either refused with ENOSYS (not recorded by this
 * kernel: perf counters, call stacks, a namespace the configuration
 * lacks) or recorded, all of them at once, on events that fire: a
 * namespace context of a kernel without that namespace (time_ns without
 * CONFIG_TIME_NS) once oopsed on the first event.
 */
TEST_F(tracer, every_context)
{
	struct lttng_abi_channel c = good_chan;
	struct lttng_abi_event ev;
	struct lttng_abi_context ctx;
	int chan, event, accepted = 0;
	__u32 type;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &c);
	ASSERT_LT(0, chan);
	for (type = 0; type <= LTTNG_ABI_CONTEXT_TIME_NS; type++) {
		memset(&ctx, 0, sizeof(ctx));
		ctx.ctx = type;
		if (!ioctl(chan, LTTNG_ABI_CONTEXT, &ctx)) {
			accepted++;
			continue;
		}
		EXPECT_EQ(ENOSYS, errno) {
			TH_LOG("context type %u", type);
		}
	}
	EXPECT_LE(20, accepted);
	memset(&ev, 0, sizeof(ev));
	ev.instrumentation = LTTNG_ABI_TRACEPOINT;
	strcpy(ev.name, "sched_switch");
	event = ioctl(chan, LTTNG_ABI_EVENT, &ev);
	ASSERT_LE(0, event);
	ASSERT_EQ(0, ioctl(event, LTTNG_ABI_ENABLE));
	ASSERT_EQ(0, ioctl(self->session, LTTNG_ABI_SESSION_START));
	usleep(50000);
	EXPECT_EQ(0, ioctl(self->session, LTTNG_ABI_SESSION_STOP));
	close(event);
	close(chan);
}

/*
 * The event-notifier group that sessiond creates at start: a notification
 * fd that epoll takes and that is not readable before a notifier fires,
 * one error counter whose slots start at 0, and event notifiers.
 */
TEST_F(tracer, notifier_group)
{
	struct lttng_abi_counter_conf conf = {
		.bitness = 1,
		.number_dimensions = 1,
		.dimensions[0].size = 4096,
	};
	struct lttng_abi_counter_aggregate agg = {
		.index = { .number_dimensions = 1, .dimension_indexes = { 4095 } },
		.value = { .value = 42 },
	};
	struct lttng_abi_counter_clear clr = {
		.index = { .number_dimensions = 1 },
	};
	struct epoll_event ev = { .events = EPOLLIN | EPOLLPRI };
	struct lttng_abi_event_notifier en = { 0 };
	struct pollfd pfd = { .events = POLLIN | POLLPRI };
	int group, notif, counter, ep, n;
	char buf[64];

	group = ioctl(self->fd, LTTNG_ABI_EVENT_NOTIFIER_GROUP_CREATE);
	ASSERT_LT(0, group);
	notif = ioctl(group, LTTNG_ABI_EVENT_NOTIFIER_GROUP_NOTIFICATION_FD);
	ASSERT_LT(0, notif);
	pfd.fd = notif;
	EXPECT_EQ(0, poll(&pfd, 1, 0));
	ep = epoll_create1(0);
	ASSERT_LE(0, ep);
	EXPECT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, notif, &ev));
	EXPECT_EQ(0, epoll_wait(ep, &ev, 1, 0));
	/* A read waits for a record, unless the fd is non-blocking. */
	ASSERT_EQ(0, fcntl(notif, F_SETFL, O_NONBLOCK));
	EXPECT_EQ(-1, read(notif, buf, sizeof(buf)));
	EXPECT_EQ(EAGAIN, errno);

	counter = ioctl(group, LTTNG_ABI_COUNTER, &conf);
	ASSERT_LT(0, counter);
	EXPECT_EQ(-1, ioctl(group, LTTNG_ABI_COUNTER, &conf));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(0, ioctl(counter, LTTNG_ABI_COUNTER_AGGREGATE, &agg));
	EXPECT_EQ(0, agg.value.value);
	EXPECT_EQ(0, ioctl(counter, LTTNG_ABI_COUNTER_CLEAR, &clr));
	agg.index.dimension_indexes[0] = 4096;
	EXPECT_EQ(-1, ioctl(counter, LTTNG_ABI_COUNTER_AGGREGATE, &agg));
	EXPECT_EQ(EINVAL, errno);
	clr.padding[3] = 1;
	EXPECT_EQ(-1, ioctl(counter, LTTNG_ABI_COUNTER_CLEAR, &clr));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(counter, LTTNG_ABI_COUNTER, &conf));
	EXPECT_EQ(ENOTTY, errno);

	strcpy(en.event.name, "sched_switch");
	n = ioctl(group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, &en);
	EXPECT_LT(0, n);
	close(n);
	EXPECT_EQ(-1, ioctl(group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, NULL));
	EXPECT_EQ(EFAULT, errno);

	/* One counter per group, again once the first is closed. */
	close(counter);
	conf.number_dimensions = 5;
	EXPECT_EQ(-1, ioctl(group, LTTNG_ABI_COUNTER, &conf));
	EXPECT_EQ(EINVAL, errno);
	conf.number_dimensions = 1;
	counter = ioctl(group, LTTNG_ABI_COUNTER, &conf);
	EXPECT_LT(0, counter);
	/* The notification fd outlives the group fd. */
	close(group);
	EXPECT_EQ(0, poll(&pfd, 1, 0));
	close(counter);
	close(ep);
	close(notif);
}

/* A group with its notification fd (non-blocking) and a 4096-slot counter. */
struct notif_group {
	int group, notif, counter;
};

static int notif_group_open(int tracer, struct notif_group *g)
{
	struct lttng_abi_counter_conf conf = {
		.bitness = 1,
		.number_dimensions = 1,
		.dimensions[0].size = 4096,
	};

	g->group = ioctl(tracer, LTTNG_ABI_EVENT_NOTIFIER_GROUP_CREATE);
	if (g->group < 0)
		return -1;
	g->notif = ioctl(g->group,
			 LTTNG_ABI_EVENT_NOTIFIER_GROUP_NOTIFICATION_FD);
	g->counter = ioctl(g->group, LTTNG_ABI_COUNTER, &conf);
	if (g->notif < 0 || g->counter < 0)
		return -1;
	return fcntl(g->notif, F_SETFL, O_NONBLOCK);
}

static void notif_group_close(struct notif_group *g)
{
	close(g->counter);
	close(g->notif);
	close(g->group);
}

/* A tracepoint notifier's fd, or -1 with errno. */
static int notifier_create(int group, const char *name, uint64_t token,
			   uint64_t index)
{
	struct lttng_abi_event_notifier en = {
		.event.instrumentation = LTTNG_ABI_TRACEPOINT,
		.event.token = token,
		.error_counter_index = index,
	};

	strncpy(en.event.name, name, sizeof(en.event.name) - 1);
	return ioctl(group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, &en);
}

/* A counter slot's value, or INT64_MIN. */
static int64_t counter_slot(int counter, uint64_t index)
{
	struct lttng_abi_counter_aggregate agg = {
		.index = { .number_dimensions = 1,
			   .dimension_indexes = { index } },
	};

	if (ioctl(counter, LTTNG_ABI_COUNTER_AGGREGATE, &agg))
		return INT64_MIN;
	return agg.value.value;
}

/* Fire lttng_test_filter_event @n times; false if there is no source. */
static bool test_events_fire(int n)
{
	char buf[16];
	int fd, len;
	bool ok;

	fd = open("/proc/lttng-test-filter-event", O_WRONLY);
	if (fd < 0)
		return false;
	len = snprintf(buf, sizeof(buf), "%d", n);
	ok = write(fd, buf, len) == len;
	close(fd);
	return ok;
}

/* Every bad EVENT_NOTIFIER_CREATE, and the ioctls a notifier refuses. */
TEST_F(tracer, notifier_bad_input)
{
	struct lttng_abi_event_notifier en = { 0 };
	struct lttng_abi_filter_bytecode bc = { .len = 1 };
	static const struct {
		uint32_t instrumentation;
		int err;
	} instr[] = {
		/* A kprobe with no symbol and no address; a uprobe on fd -1. */
		{ LTTNG_ABI_KPROBE, EINVAL },
		{ LTTNG_ABI_UPROBE, EBADF },
		/* LTTng-modules takes neither as a trigger. */
		{ LTTNG_ABI_KRETPROBE, EINVAL },
		{ LTTNG_ABI_FUNCTION, EINVAL },
		{ LTTNG_ABI_NOOP, EINVAL },
		{ 7, EINVAL },
		{ UINT32_MAX, EINVAL },
	};
	struct notif_group g;
	unsigned int i;
	int n;

	ASSERT_EQ(0, notif_group_open(self->fd, &g));
	/* No NUL in the name, then an empty name. */
	memset(en.event.name, 'a', sizeof(en.event.name));
	EXPECT_EQ(-1, ioctl(g.group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, &en));
	EXPECT_EQ(EINVAL, errno);
	memset(en.event.name, 0, sizeof(en.event.name));
	EXPECT_EQ(-1, ioctl(g.group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, &en));
	EXPECT_EQ(EINVAL, errno);
	strcpy(en.event.name, "lttng_test_filter_event");
	en.padding[31] = 1;
	EXPECT_EQ(-1, ioctl(g.group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, &en));
	EXPECT_EQ(EINVAL, errno);
	en.padding[31] = 0;
	en.event.padding[0] = 1;
	EXPECT_EQ(-1, ioctl(g.group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, &en));
	EXPECT_EQ(EINVAL, errno);
	en.event.padding[0] = 0;
	for (i = 0; i < sizeof(instr) / sizeof(instr[0]); i++) {
		en.event.instrumentation = instr[i].instrumentation;
		memset(&en.event.u, 0, sizeof(en.event.u));
		if (instr[i].instrumentation == LTTNG_ABI_UPROBE)
			en.event.u.uprobe.fd = -1;
		EXPECT_EQ(-1, ioctl(g.group, LTTNG_ABI_EVENT_NOTIFIER_CREATE,
				    &en));
		EXPECT_EQ(instr[i].err, errno);
	}
	/* Syscalls: entry, exit or both; abi ALL and match NAME only. */
	en.event.instrumentation = LTTNG_ABI_SYSCALL;
	en.event.u.syscall.entryexit = 3;
	EXPECT_EQ(-1, ioctl(g.group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, &en));
	EXPECT_EQ(EINVAL, errno);
	en.event.u.syscall.entryexit = LTTNG_ABI_SYSCALL_EXIT;
	en.event.u.syscall.abi = 1;
	EXPECT_EQ(-1, ioctl(g.group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, &en));
	EXPECT_EQ(EINVAL, errno);
	en.event.u.syscall.abi = 0;
	en.event.u.syscall.match = 1;
	EXPECT_EQ(-1, ioctl(g.group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, &en));
	EXPECT_EQ(EINVAL, errno);
	/* The counter has 4096 slots. */
	EXPECT_EQ(-1, notifier_create(g.group, "lttng_test_filter_event",
				      1, 4096));
	EXPECT_EQ(EINVAL, errno);
	n = notifier_create(g.group, "lttng_test_filter_event", 1, 4095);
	ASSERT_LT(0, n);
	EXPECT_EQ(-1, ioctl(n, LTTNG_ABI_FILTER, &bc));
	EXPECT_EQ(ENOSYS, errno);
	EXPECT_EQ(-1, ioctl(n, LTTNG_ABI_CAPTURE, &bc));
	EXPECT_EQ(ENOSYS, errno);
	EXPECT_EQ(-1, ioctl(n, LTTNG_ABI_ADD_CALLSITE, &bc));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(n, LTTNG_ABI_SESSION_START));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(0, ioctl(n, LTTNG_ABI_ENABLE));
	EXPECT_EQ(0, ioctl(n, LTTNG_ABI_DISABLE));
	close(n);
	notif_group_close(&g);
}

/* Read one record; its token, or UINT64_MAX if it is not a clean header. */
static uint64_t notification_read(int fd)
{
	struct lttng_abi_event_notifier_notification rec;
	static const uint8_t zero[sizeof(rec.padding)];

	if (read(fd, &rec, sizeof(rec)) != sizeof(rec) ||
	    rec.capture_buf_size || memcmp(rec.padding, zero, sizeof(zero)))
		return UINT64_MAX;
	return rec.token;
}

/*
 * Firing: records only while enabled, one per event, each with its
 * notifier's token; poll and read agree; a read shorter than a record
 * takes part of it; a full queue drops and counts in the notifier's slot,
 * which CLEAR resets; a closed notifier fires no more.
 */
TEST_F(tracer, notifier_fire)
{
	struct lttng_abi_event_notifier_notification rec;
	struct pollfd pfd = { .events = POLLIN | POLLPRI };
	struct lttng_abi_counter_clear clr = {
		.index = { .number_dimensions = 1,
			   .dimension_indexes = { 7 } },
	};
	const size_t len = sizeof(rec);
	char buf[4 * sizeof(rec)];
	struct notif_group g;
	int a, b, total;
	ssize_t r;

	ASSERT_EQ(42, len);
	ASSERT_EQ(0, notif_group_open(self->fd, &g));
	pfd.fd = g.notif;
	a = notifier_create(g.group, "lttng_test_filter_event", 0xa11ce, 7);
	ASSERT_LT(0, a);
	/* A glob that matches the same event, and a name matching none. */
	b = notifier_create(g.group, "lttng_test_*", 0xb0b, 8);
	ASSERT_LT(0, b);
	if (!test_events_fire(2))
		SKIP(goto out, "no /proc/lttng-test-filter-event");
	EXPECT_EQ(0, poll(&pfd, 1, 0));

	ASSERT_EQ(0, ioctl(a, LTTNG_ABI_ENABLE));
	ASSERT_TRUE(test_events_fire(3));
	EXPECT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_EQ(POLLIN, pfd.revents);
	EXPECT_EQ(0xa11ce, notification_read(g.notif));
	/* 10 bytes, then the other 32 of the same record. */
	memset(&rec, 0xff, sizeof(rec));
	EXPECT_EQ(10, read(g.notif, &rec, 10));
	EXPECT_EQ(len - 10, read(g.notif, (char *)&rec + 10, len - 10));
	EXPECT_EQ(0xa11ce, rec.token);
	EXPECT_EQ(0, rec.capture_buf_size);
	/* A big read takes the whole records there are: one. */
	EXPECT_EQ(len, read(g.notif, buf, sizeof(buf)));
	EXPECT_EQ(-1, read(g.notif, buf, sizeof(buf)));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(0, poll(&pfd, 1, 0));

	/* Both enabled: two records per event; 41 bytes take no whole one. */
	ASSERT_EQ(0, ioctl(b, LTTNG_ABI_ENABLE));
	ASSERT_TRUE(test_events_fire(2));
	EXPECT_EQ(4 * len, read(g.notif, buf, sizeof(buf)));
	EXPECT_EQ(0xa11ce, ((struct lttng_abi_event_notifier_notification *)buf)->token);
	EXPECT_EQ(0xb0b, ((struct lttng_abi_event_notifier_notification *)(buf + len))->token);
	EXPECT_EQ(0, poll(&pfd, 1, 0));
	ASSERT_EQ(0, ioctl(b, LTTNG_ABI_DISABLE));
	ASSERT_TRUE(test_events_fire(1));
	EXPECT_EQ(0xa11ce, notification_read(g.notif));
	EXPECT_EQ(0, poll(&pfd, 1, 0));

	/* 1100 events: 1024 queued, 76 dropped and counted in slot 7. */
	EXPECT_EQ(0, counter_slot(g.counter, 7));
	ASSERT_TRUE(test_events_fire(1100));
	EXPECT_EQ(76, counter_slot(g.counter, 7));
	EXPECT_EQ(0, counter_slot(g.counter, 8));
	total = 0;
	while ((r = read(g.notif, buf, sizeof(buf))) > 0)
		total += r;
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(1024 * len, total);
	EXPECT_EQ(0, ioctl(g.counter, LTTNG_ABI_COUNTER_CLEAR, &clr));
	EXPECT_EQ(0, counter_slot(g.counter, 7));

	/* Disabled, then closed: nothing more. */
	ASSERT_EQ(0, ioctl(a, LTTNG_ABI_DISABLE));
	ASSERT_TRUE(test_events_fire(2));
	EXPECT_EQ(0, poll(&pfd, 1, 0));
	ASSERT_EQ(0, ioctl(a, LTTNG_ABI_ENABLE));
	close(a);
	a = -1;
	ASSERT_TRUE(test_events_fire(2));
	EXPECT_EQ(0, poll(&pfd, 1, 0));
out:
	if (a >= 0)
		close(a);
	close(b);
	notif_group_close(&g);
}

/* A syscall notifier's fd, or -1 with errno. */
static int sc_notifier_create(int group, const char *name, uint64_t token,
			      uint8_t entryexit)
{
	struct lttng_abi_event_notifier en = {
		.event.instrumentation = LTTNG_ABI_SYSCALL,
		.event.token = token,
		.event.u.syscall.entryexit = entryexit,
	};

	strncpy(en.event.name, name, sizeof(en.event.name) - 1);
	return ioctl(group, LTTNG_ABI_EVENT_NOTIFIER_CREATE, &en);
}

/* Read every queued record: how many have @token, and how many in all. */
static int notification_drain(int fd, uint64_t token, int *all)
{
	struct lttng_abi_event_notifier_notification rec;
	int n = 0;

	*all = 0;
	while (read(fd, &rec, sizeof(rec)) == sizeof(rec)) {
		(*all)++;
		n += rec.token == token;
	}
	return n;
}

/*
 * Syscall notifiers fire on their syscall only, on entry, exit or both
 * as asked; a glob matches by bare syscall name.  getpgid is one that
 * nothing else in the guest calls while the test runs.
 */
TEST_F(tracer, notifier_syscall)
{
	struct notif_group g;
	int entry, exit_, both, glob, all;

	ASSERT_EQ(0, notif_group_open(self->fd, &g));
	entry = sc_notifier_create(g.group, "getpgid", 1,
				   LTTNG_ABI_SYSCALL_ENTRY);
	exit_ = sc_notifier_create(g.group, "getpgid", 2,
				   LTTNG_ABI_SYSCALL_EXIT);
	both = sc_notifier_create(g.group, "getpgid", 3,
				  LTTNG_ABI_SYSCALL_ENTRYEXIT);
	glob = sc_notifier_create(g.group, "getpg*", 4,
				  LTTNG_ABI_SYSCALL_ENTRY);
	ASSERT_LT(0, entry);
	ASSERT_LT(0, exit_);
	ASSERT_LT(0, both);
	ASSERT_LT(0, glob);

	ASSERT_EQ(0, ioctl(entry, LTTNG_ABI_ENABLE));
	syscall(SYS_getpgid, 0);
	syscall(SYS_getpgid, 0);
	syscall(SYS_getpid);
	EXPECT_EQ(2, notification_drain(g.notif, 1, &all));
	EXPECT_EQ(2, all);
	ASSERT_EQ(0, ioctl(entry, LTTNG_ABI_DISABLE));

	ASSERT_EQ(0, ioctl(exit_, LTTNG_ABI_ENABLE));
	syscall(SYS_getpgid, 0);
	EXPECT_EQ(1, notification_drain(g.notif, 2, &all));
	EXPECT_EQ(1, all);
	ASSERT_EQ(0, ioctl(exit_, LTTNG_ABI_DISABLE));

	ASSERT_EQ(0, ioctl(both, LTTNG_ABI_ENABLE));
	ASSERT_EQ(0, ioctl(glob, LTTNG_ABI_ENABLE));
	syscall(SYS_getpgid, 0);
	syscall(SYS_getpgrp);
	EXPECT_EQ(2, notification_drain(g.notif, 3, &all));
	EXPECT_EQ(4, all);
	close(both);
	close(glob);
	syscall(SYS_getpgid, 0);
	EXPECT_EQ(0, notification_drain(g.notif, 3, &all));
	EXPECT_EQ(0, all);
	close(exit_);
	close(entry);
	notif_group_close(&g);
}

/* A blocking read waits for the record that a child fires. */
TEST_F(tracer, notifier_blocking_read)
{
	struct notif_group g;
	pid_t child;
	int n, st;

	if (access("/proc/lttng-test-filter-event", W_OK))
		SKIP(return, "no /proc/lttng-test-filter-event");
	ASSERT_EQ(0, notif_group_open(self->fd, &g));
	ASSERT_EQ(0, fcntl(g.notif, F_SETFL, 0));
	n = notifier_create(g.group, "lttng_test_filter_event", 42, 0);
	ASSERT_LT(0, n);
	ASSERT_EQ(0, ioctl(n, LTTNG_ABI_ENABLE));
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		usleep(200000);
		_exit(test_events_fire(1) ? 0 : 1);
	}
	EXPECT_EQ(42, notification_read(g.notif));
	ASSERT_EQ(child, waitpid(child, &st, 0));
	EXPECT_EQ(0, st);
	close(n);
	notif_group_close(&g);
}

TEST_F(tracer, streams)
{
	int chan, s, n = 0, ncpu = sysconf(_SC_NPROCESSORS_CONF);
	uint64_t v;
	int fds[64];

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan);
	while ((s = ioctl(chan, LTTNG_ABI_STREAM)) >= 0 && n < 64)
		fds[n++] = s;
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(ncpu, n);
	ASSERT_LT(0, n);
	/* put without get corrupts nothing and says so. */
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_GET_SUBBUF_SIZE, &v));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_MAX_SUBBUF_SIZE, &v));
	EXPECT_EQ(good_chan.subbuf_size, v);
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_MMAP_LEN, &v));
	EXPECT_EQ(good_chan.subbuf_size * good_chan.num_subbuf, v);
	/* A mapping of the wrong length, or a writable one, is refused. */
	EXPECT_EQ(MAP_FAILED, mmap(NULL, 4096, PROT_READ, MAP_SHARED,
				   fds[0], 0));
	EXPECT_EQ(MAP_FAILED, mmap(NULL, v, PROT_READ | PROT_WRITE,
				   MAP_SHARED, fds[0], 0));
	/* An empty flush makes one header-only packet. */
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_PACKET_SIZE, &v));
	EXPECT_EQ(4096 * 8, v);
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_SEQ_NUM, &v));
	EXPECT_EQ(0, v);
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	while (n--)
		close(fds[n]);
	close(chan);
}

/*
 * PUT without GET, or a second PUT, is -EINVAL and moves nothing: the next
 * GET still gets the next packet, and GET/PUT cycles go on.
 */
TEST_F(tracer, put_without_get)
{
	int chan, n, fds[64];

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &small_chan);
	ASSERT_LT(0, chan);
	n = open_streams(chan, fds, 64);
	ASSERT_LT(0, n);
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_PUT_SUBBUF));
	EXPECT_EQ(EINVAL, errno);
	/* Two empty packets, 0 and 1. */
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(0, stream_u64(fds[0], LTTNG_ABI_RB_GET_SEQ_NUM));
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	/* Put twice: refused, and packet 1 is not skipped. */
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_PUT_SUBBUF));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_GET_SEQ_NUM, &(uint64_t){ 0 }));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(1, stream_u64(fds[0], LTTNG_ABI_RB_GET_SEQ_NUM));
	EXPECT_EQ(4096, stream_u64(fds[0], LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE));
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(EAGAIN, errno);
	/* And a full cycle still works after all that. */
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(2, stream_u64(fds[0], LTTNG_ABI_RB_GET_SEQ_NUM));
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	while (n--)
		close(fds[n]);
	close(chan);
}

/*
 * The stream fd closes while it holds a packet from GET_NEXT_SUBBUF: the
 * packet goes back unconsumed, and the buffer's next reader gets it.
 */
TEST_F(tracer, close_holding_next)
{
	int chan, n, fd, fds[64];

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &small_chan);
	ASSERT_LT(0, chan);
	n = open_streams(chan, fds, 64);
	ASSERT_LT(0, n);
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(0, stream_u64(fds[0], LTTNG_ABI_RB_GET_SEQ_NUM));
	ASSERT_EQ(0, close(fds[0]));
	/* The only buffer without a reader now is CPU 0's. */
	fd = ioctl(chan, LTTNG_ABI_STREAM);
	ASSERT_LT(0, fd);
	EXPECT_EQ(-1, ioctl(chan, LTTNG_ABI_STREAM));
	EXPECT_EQ(ENOENT, errno);
	ASSERT_EQ(0, ioctl(fd, LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(0, stream_u64(fd, LTTNG_ABI_RB_INSTANCE_ID));
	EXPECT_EQ(0, stream_u64(fd, LTTNG_ABI_RB_GET_SEQ_NUM));
	EXPECT_EQ(0, ioctl(fd, LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	EXPECT_EQ(-1, ioctl(fd, LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(EAGAIN, errno);
	close(fd);
	while (--n)
		close(fds[n]);
	close(chan);
}

/* The same with a packet taken by position (GET_SUBBUF, for snapshots). */
TEST_F(tracer, close_holding_at)
{
	int chan, n, fd, fds[64];
	uint64_t pos;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &small_chan);
	ASSERT_LT(0, chan);
	n = open_streams(chan, fds, 64);
	ASSERT_LT(0, n);
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_SNAPSHOT));
	EXPECT_EQ(0, stream_u64(fds[0], LTTNG_ABI_RB_SNAPSHOT_GET_CONSUMED));
	EXPECT_EQ(4096, stream_u64(fds[0], LTTNG_ABI_RB_SNAPSHOT_GET_PRODUCED));
	pos = 0;
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_SUBBUF, &pos));
	EXPECT_EQ(0, stream_u64(fds[0], LTTNG_ABI_RB_GET_SEQ_NUM));
	ASSERT_EQ(0, close(fds[0]));
	fd = ioctl(chan, LTTNG_ABI_STREAM);
	ASSERT_LT(0, fd);
	ASSERT_EQ(0, ioctl(fd, LTTNG_ABI_RB_SNAPSHOT));
	EXPECT_EQ(0, stream_u64(fd, LTTNG_ABI_RB_SNAPSHOT_GET_CONSUMED));
	ASSERT_EQ(0, ioctl(fd, LTTNG_ABI_RB_GET_SUBBUF, &pos));
	EXPECT_EQ(0, stream_u64(fd, LTTNG_ABI_RB_INSTANCE_ID));
	EXPECT_EQ(0, stream_u64(fd, LTTNG_ABI_RB_GET_SEQ_NUM));
	EXPECT_EQ(0, ioctl(fd, LTTNG_ABI_RB_PUT_SUBBUF));
	/* PUT_SUBBUF does not consume: GET_NEXT_SUBBUF gets it again. */
	ASSERT_EQ(0, ioctl(fd, LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(0, stream_u64(fd, LTTNG_ABI_RB_GET_SEQ_NUM));
	EXPECT_EQ(0, ioctl(fd, LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	EXPECT_EQ(-1, ioctl(fd, LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(EAGAIN, errno);
	close(fd);
	while (--n)
		close(fds[n]);
	close(chan);
}

/*
 * The stream fd closes while a mapping of it lives and a packet is held.
 * The mapping keeps the stream open: it is still the buffer's reader, and
 * the packet stays readable through it.  munmap() closes the stream, and
 * the packet goes back unconsumed.
 */
TEST_F(tracer, close_mapped_holding)
{
	int chan, n, fd, fds[64];
	uint64_t len, off;
	uint8_t *map;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &small_chan);
	ASSERT_LT(0, chan);
	n = open_streams(chan, fds, 64);
	ASSERT_LT(0, n);
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_MMAP_LEN, &len));
	ASSERT_EQ(small_chan.subbuf_size * small_chan.num_subbuf, len);
	map = mmap(NULL, len, PROT_READ, MAP_SHARED, fds[0], 0);
	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_MMAP_READ_OFFSET, &off));
	ASSERT_GE(len - 4096, off);
	EXPECT_EQ(CTF_MAGIC, *(uint32_t *)(map + off));
	EXPECT_EQ(0, *(uint64_t *)(map + off + CTF_SEQ_NUM_OFFSET));
	ASSERT_EQ(0, close(fds[0]));
	/* Still the reader: no new stream on that buffer. */
	EXPECT_EQ(-1, ioctl(chan, LTTNG_ABI_STREAM));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(CTF_MAGIC, *(uint32_t *)(map + off));
	EXPECT_EQ(0, *(uint64_t *)(map + off + CTF_SEQ_NUM_OFFSET));
	ASSERT_EQ(0, munmap(map, len));
	fd = ioctl(chan, LTTNG_ABI_STREAM);
	ASSERT_LT(0, fd);
	ASSERT_EQ(0, ioctl(fd, LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(0, stream_u64(fd, LTTNG_ABI_RB_INSTANCE_ID));
	EXPECT_EQ(0, stream_u64(fd, LTTNG_ABI_RB_GET_SEQ_NUM));
	EXPECT_EQ(0, ioctl(fd, LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	ASSERT_EQ(0, ioctl(fd, LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(1, stream_u64(fd, LTTNG_ABI_RB_GET_SEQ_NUM));
	EXPECT_EQ(0, ioctl(fd, LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	close(fd);
	while (--n)
		close(fds[n]);
	close(chan);
}

/*
 * The session dies (its channel and session fds close) while a stream
 * holds packet 0 of two.  The held packet stays readable; the stream
 * drains what is left, then says -ENODATA and EPOLLHUP.  A stream that
 * never had a packet drains the empty one the finalize gives it first.
 */
TEST_F(tracer, session_dies_while_held)
{
	int chan, n, i, fds[64];

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &small_chan);
	ASSERT_LT(0, chan);
	n = open_streams(chan, fds, 64);
	ASSERT_LT(1, n);
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(POLLIN | POLLRDNORM, stream_poll(fds[0]));
	EXPECT_EQ(0, stream_poll(fds[1]));
	ASSERT_EQ(0, close(chan));
	ASSERT_EQ(0, close(self->session));
	self->session = -1;

	EXPECT_EQ(0, stream_u64(fds[0], LTTNG_ABI_RB_GET_SEQ_NUM));
	EXPECT_EQ(4096, stream_u64(fds[0], LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE));
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(POLLIN | POLLRDNORM, stream_poll(fds[0]));
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(1, stream_u64(fds[0], LTTNG_ABI_RB_GET_SEQ_NUM));
	EXPECT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(ENODATA, errno);
	EXPECT_EQ(POLLHUP, stream_poll(fds[0]));
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	EXPECT_EQ(EINVAL, errno);
	for (i = 1; i < n; i++) {
		/*
		 * A buffer that never had a packet delivers its first one,
		 * empty, when its channel is finalized, as LTTng-modules'
		 * buffers do (they open that packet when they are created).
		 */
		EXPECT_EQ(POLLIN | POLLRDNORM, stream_poll(fds[i]));
		ASSERT_EQ(0, ioctl(fds[i], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
		EXPECT_EQ(0, stream_u64(fds[i], LTTNG_ABI_RB_GET_SEQ_NUM));
		EXPECT_EQ(stream_u64(fds[i], LTTNG_ABI_RB_GET_TIMESTAMP_BEGIN),
			  stream_u64(fds[i], LTTNG_ABI_RB_GET_TIMESTAMP_END));
		EXPECT_EQ(0, ioctl(fds[i], LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
		EXPECT_EQ(-1, ioctl(fds[i], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
		EXPECT_EQ(ENODATA, errno);
		EXPECT_EQ(POLLHUP, stream_poll(fds[i]));
	}
	while (n--)
		close(fds[n]);
}

/*
 * The session dies while a mapped stream holds a packet, then the stream
 * fd closes still holding it, then the mapping goes: the last of these
 * frees the buffer, which stays readable until then.
 */
TEST_F(tracer, session_dies_mapped_holding)
{
	int chan, n, fds[64];
	uint64_t len, off;
	uint8_t *map;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &small_chan);
	ASSERT_LT(0, chan);
	n = open_streams(chan, fds, 64);
	ASSERT_LT(0, n);
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_MMAP_LEN, &len));
	map = mmap(NULL, len, PROT_READ, MAP_SHARED, fds[0], 0);
	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_FLUSH_EMPTY));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	ASSERT_EQ(0, ioctl(fds[0], LTTNG_ABI_RB_GET_MMAP_READ_OFFSET, &off));
	ASSERT_GE(len - 4096, off);
	while (--n)
		close(fds[n]);
	ASSERT_EQ(0, close(chan));
	ASSERT_EQ(0, close(self->session));
	self->session = -1;
	EXPECT_EQ(-1, ioctl(fds[0], LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(off, stream_u64(fds[0], LTTNG_ABI_RB_GET_MMAP_READ_OFFSET));
	EXPECT_EQ(CTF_MAGIC, *(uint32_t *)(map + off));
	ASSERT_EQ(0, close(fds[0]));
	EXPECT_EQ(CTF_MAGIC, *(uint32_t *)(map + off));
	EXPECT_EQ(0, *(uint64_t *)(map + off + CTF_SEQ_NUM_OFFSET));
	ASSERT_EQ(0, munmap(map, len));
}

/*
 * The same for the metadata stream: its session and metadata channel die
 * while it holds a packet.  It still gives out the rest of the metadata,
 * then -ENODATA and EPOLLHUP.
 */
TEST_F(tracer, session_dies_metadata_held)
{
	struct lttng_abi_channel mc = {
		.subbuf_size = 4096,
		.num_subbuf = 2,
		.output = LTTNG_ABI_OUTPUT_MMAP,
	};
	int meta, fd, i;

	meta = ioctl(self->session, LTTNG_ABI_METADATA, &mc);
	ASSERT_LT(0, meta);
	fd = ioctl(meta, LTTNG_ABI_STREAM);
	ASSERT_LT(0, fd);
	EXPECT_EQ(-1, ioctl(meta, LTTNG_ABI_STREAM));
	EXPECT_EQ(EBUSY, errno);
	ASSERT_EQ(0, ioctl(fd, LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_LT(0, stream_u64(fd, LTTNG_ABI_RB_GET_SUBBUF_SIZE));
	ASSERT_EQ(0, close(meta));
	ASSERT_EQ(0, close(self->session));
	self->session = -1;
	EXPECT_EQ(-1, ioctl(fd, LTTNG_ABI_RB_GET_NEXT_SUBBUF));
	EXPECT_EQ(EBUSY, errno);
	EXPECT_EQ(4096, stream_u64(fd, LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE));
	EXPECT_EQ(0, ioctl(fd, LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	/* The rest of the metadata, a bounded number of packets. */
	for (i = 0; i < 64 && !ioctl(fd, LTTNG_ABI_RB_GET_NEXT_SUBBUF); i++)
		EXPECT_EQ(0, ioctl(fd, LTTNG_ABI_RB_PUT_NEXT_SUBBUF));
	EXPECT_GT(64, i);
	EXPECT_EQ(ENODATA, errno);
	EXPECT_EQ(POLLHUP, stream_poll(fd));
	close(fd);
}

/* ---- dynamic probes: kprobes, function entry and exit, uprobes ---------- */

/*
 * A kernel function that only this test calls, which kprobes and ftrace
 * can both hook: the entry point of getpgid(2).  DYN_NOHOOK is notrace and
 * NOKPROBE_SYMBOL() (kernel/notifier.c): no hook may take it.
 */
#if defined(__x86_64__)
#define DYN_SYM		"__x64_sys_getpgid"
#elif defined(__aarch64__)
#define DYN_SYM		"__arm64_sys_getpgid"
#else
#error "which symbol is getpgid(2)'s entry point here?"
#endif
#define DYN_NOHOOK	"notify_die"
#define DYN_NOSUCH	"lttng_no_such_function"

/* The size of a metadata packet header (magic to minor). */
#define METADATA_HEADER		37

/* An EVENT argument for a dynamic probe: @instr on @sym + @offset. */
static struct lttng_abi_event dyn_event(uint32_t instr, const char *name,
					const char *sym, uint64_t offset)
{
	struct lttng_abi_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.instrumentation = instr;
	strncpy(ev.name, name, sizeof(ev.name) - 1);
	if (instr == LTTNG_ABI_FUNCTION) {
		strncpy(ev.u.ftrace.symbol_name, sym,
			sizeof(ev.u.ftrace.symbol_name) - 1);
	} else {
		strncpy(ev.u.kprobe.symbol_name, sym,
			sizeof(ev.u.kprobe.symbol_name) - 1);
		ev.u.kprobe.offset = offset;
	}
	return ev;
}

/* EVENT's errno, or 0 when it made the event (whose fd is then closed). */
static int event_errno(int chan, const struct lttng_abi_event *ev)
{
	int fd = ioctl(chan, LTTNG_ABI_EVENT, ev);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int dyn_errno(int chan, uint32_t instr, const char *name,
		     const char *sym, uint64_t offset)
{
	struct lttng_abi_event ev = dyn_event(instr, name, sym, offset);

	return event_errno(chan, &ev);
}

/* A dynamic probe's event fd, or -1 with errno. */
static int dyn_create(int chan, uint32_t instr, const char *name,
		      const char *sym, uint64_t offset)
{
	struct lttng_abi_event ev = dyn_event(instr, name, sym, offset);

	return ioctl(chan, LTTNG_ABI_EVENT, &ev);
}

/* A UPROBE event on the file @fd (no call site yet), or -1 with errno. */
static int uprobe_create(int chan, const char *name, int fd)
{
	struct lttng_abi_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.instrumentation = LTTNG_ABI_UPROBE;
	strncpy(ev.name, name, sizeof(ev.name) - 1);
	ev.u.uprobe.fd = fd;
	return ioctl(chan, LTTNG_ABI_EVENT, &ev);
}

static int add_callsite(int event, uint64_t offset)
{
	struct lttng_abi_event_callsite cs = { .u.uprobe.offset = offset };

	return ioctl(event, LTTNG_ABI_ADD_CALLSITE, &cs);
}

/* Is @name a symbol of /proc/kallsyms?  Its address in *@addr if so. */
static bool ksym(const char *name, uint64_t *addr)
{
	unsigned long long a;
	char line[512], sym[256], type;
	bool found = false;
	FILE *f;

	f = fopen("/proc/kallsyms", "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %255s", &a, &type, sym) == 3 &&
		    !strcmp(sym, name)) {
			found = true;
			if (addr)
				*addr = a;
		}
	fclose(f);
	return found;
}

/* Does a line of @path end with the word @word?  -1 if it cannot be read. */
static int file_lists(const char *path, const char *word)
{
	char line[512], *w;
	int found = 0;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		w = strrchr(line, '\t');
		found = !strcmp(w ? w + 1 : line, word);
	}
	fclose(f);
	return found;
}

/*
 * How many kprobes of @type ("k", or "r" for a kretprobe) the kernel has
 * on @sym, in /sys/kernel/debug/kprobes/list; -1 if it cannot be read.
 */
static int kprobes_listed(const char *sym, const char *type)
{
	char line[512], t[8], where[300];
	size_t len = strlen(sym);
	int n = 0;
	FILE *f;

	f = fopen("/sys/kernel/debug/kprobes/list", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %7s %299s", t, where) == 2 &&
		    !strcmp(t, type) && !strncmp(where, sym, len) &&
		    where[len] == '+')
			n++;
	fclose(f);
	return n;
}

/* Is an ftrace_ops on @sym, in tracefs' enabled_functions?  -1: no file. */
static int ftrace_enabled(const char *sym)
{
	char line[512];
	size_t len = strlen(sym);
	int found = 0;
	FILE *f;

	f = fopen("/sys/kernel/tracing/enabled_functions", "r");
	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, sym, len) && line[len] == ' ';
	fclose(f);
	return found;
}

/* What the uprobes probe: a function of this binary, never inlined. */
static __attribute__((noipa)) int uprobe_target(int x)
{
	return x + 1;
}

static __attribute__((noipa)) int uprobe_target2(int x)
{
	return x - 1;
}

/* Where the code at @addr is in this binary's file, or -1. */
static int64_t exe_offset(uintptr_t addr)
{
	unsigned long start, end, off;
	char line[1024], perms[8];
	int64_t ret = -1;
	FILE *f;

	f = fopen("/proc/self/maps", "r");
	if (!f)
		return -1;
	while (ret < 0 && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx %7s %lx", &start, &end, perms,
			   &off) == 4 && perms[2] == 'x' &&
		    addr >= start && addr < end)
			ret = addr - start + off;
	fclose(f);
	return ret;
}

/* The records committed to the buffers of @n streams, or -1. */
static long long stream_records(const int *fds, int n)
{
	struct lttng_abi_rb_stats st;
	long long total = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (ioctl(fds[i], LTTNG_ABI_RB_GET_STATS, &st))
			return -1;
		total += st.records;
	}
	return total;
}

/* getpgid(2) and both uprobe targets, each @n times. */
static void dyn_workload(int n)
{
	volatile int sink = 0;
	int i;

	for (i = 0; i < n; i++) {
		syscall(SYS_getpgid, 0);
		sink += uprobe_target(i);
		sink += uprobe_target2(i);
	}
}

/*
 * Start, run dyn_workload(@n), stop: the records the buffers of @chan
 * got, or -1.
 */
static long long dyn_fire(int session, int chan, int n)
{
	int fds[64], nfds;
	long long r = -1;

	nfds = open_streams(chan, fds, 64);
	if (nfds <= 0)
		return -1;
	if (!ioctl(session, LTTNG_ABI_SESSION_START)) {
		dyn_workload(n);
		if (!ioctl(session, LTTNG_ABI_SESSION_STOP))
			r = stream_records(fds, nfds);
	}
	while (nfds--)
		close(fds[nfds]);
	return r;
}

/*
 * The metadata text a metadata stream gives now, without the packet
 * headers, NUL-terminated in @text; its length, or -1.
 */
static long metadata_text(int mstream, char *text, size_t size)
{
	static char pkt[65536];
	size_t len = 0;
	uint64_t n;
	ssize_t r;

	while (!ioctl(mstream, LTTNG_ABI_RB_GET_NEXT_SUBBUF)) {
		if (ioctl(mstream, LTTNG_ABI_RB_GET_SUBBUF_SIZE, &n) ||
		    n < METADATA_HEADER || n > sizeof(pkt))
			return -1;
		r = pread(mstream, pkt, n, 0);
		if (r != (ssize_t)n || len + n >= size)
			return -1;
		memcpy(text + len, pkt + METADATA_HEADER, n - METADATA_HEADER);
		len += n - METADATA_HEADER;
		if (ioctl(mstream, LTTNG_ABI_RB_PUT_NEXT_SUBBUF))
			return -1;
	}
	text[len] = '\0';
	return errno == EAGAIN ? (long)len : -1;
}

/*
 * The declaration of the event @name in the metadata @text, from its
 * "event {" to its "};", in @out; false if there is none.
 */
static bool event_decl(const char *text, const char *name, char *out,
		       size_t size)
{
	char key[300];
	const char *p, *start, *end;

	snprintf(key, sizeof(key), "\tname = \"%s\";\n", name);
	p = strstr(text, key);
	if (!p)
		return false;
	for (start = p; start > text && strncmp(start, "event {", 7); start--)
		;
	end = strstr(p, "\n};\n");
	if (!end || (size_t)(end - start) + 4 >= size)
		return false;
	memcpy(out, start, end - start + 4);
	out[end - start + 4] = '\0';
	return true;
}

#define DYN_IP		"base = 16; } _ip;\n"
#define DYN_PARENT_IP	"base = 16; } _parent_ip;\n"

/* lttng.function_graph: false sends every KRETPROBE through a kretprobe. */
static int set_function_graph(bool on)
{
	int fd, ok;

	fd = open("/sys/module/lttng/parameters/function_graph", O_WRONLY);
	if (fd < 0)
		return -1;
	ok = write(fd, on ? "1" : "0", 1) == 1;
	close(fd);
	return ok ? 0 : -1;
}

/* Symbols that do not exist: -ENOENT, the kernel's answer, for every kind. */
TEST_F(tracer, dyn_unknown_symbol)
{
	struct lttng_abi_event ev;
	int chan;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan);
	ASSERT_FALSE(ksym(DYN_NOSUCH, NULL));
	EXPECT_EQ(ENOENT, dyn_errno(chan, LTTNG_ABI_KPROBE, "a", DYN_NOSUCH, 0));
	EXPECT_EQ(ENOENT, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "b",
				    DYN_NOSUCH, 0));
	EXPECT_EQ(ENOENT, dyn_errno(chan, LTTNG_ABI_FUNCTION, "c",
				    DYN_NOSUCH, 0));
	/* An address in no symbol: user space. */
	ev = dyn_event(LTTNG_ABI_KPROBE, "d", "", 0);
	ev.u.kprobe.addr = 0x400000;
	EXPECT_EQ(ENOENT, event_errno(chan, &ev));
	/* The names stay free: nothing was made. */
	EXPECT_EQ(0, dyn_errno(chan, LTTNG_ABI_KPROBE, "a", DYN_SYM, 0));
	close(chan);
}

/*
 * Targets the kernel refuses: a function on the kprobe blacklist, one
 * ftrace cannot hook, offsets inside an instruction or past the function,
 * a return probe away from the entry, globs and empty targets, unknown
 * instrumentations.
 */
TEST_F(tracer, dyn_refused_targets)
{
	static const uint32_t bad_instr[] = { LTTNG_ABI_NOOP, 7, UINT32_MAX };
	struct lttng_abi_event ev;
	unsigned int i;
	int chan;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan);
	ASSERT_TRUE(ksym(DYN_SYM, NULL));
	ASSERT_TRUE(ksym(DYN_NOHOOK, NULL));
	/* The precondition, where debugfs and tracefs say it. */
	EXPECT_NE(0, file_lists("/sys/kernel/debug/kprobes/blacklist",
				DYN_NOHOOK));
	EXPECT_NE(1, file_lists("/sys/kernel/tracing/available_filter_functions",
				DYN_NOHOOK));
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KPROBE, "a", DYN_NOHOOK, 0));
	/* No function graph on it, and kretprobes keep off it too. */
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "b",
				    DYN_NOHOOK, 0));
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_FUNCTION, "c",
				    DYN_NOHOOK, 0));
	/*
	 * One byte into the first instruction (ENDBR64, or the 5-byte call
	 * to __fentry__) is no instruction boundary: -EILSEQ.
	 */
#if defined(__x86_64__)
	EXPECT_EQ(EILSEQ, dyn_errno(chan, LTTNG_ABI_KPROBE, "d", DYN_SYM, 1));
#endif
	/* Past the end of the function: in no function of its. */
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KPROBE, "e", DYN_SYM,
				    0x10000));
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KPROBE, "e", DYN_SYM,
				    1ULL << 40));
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "e", DYN_SYM,
				    0x10000));
	/* A return probe must be at the entry (kretprobes). */
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "f", DYN_SYM, 1));
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "f", DYN_SYM, 9));
	/* Globs are for FUNCTION only; an empty target is none. */
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KPROBE, "g", "vfs_*", 0));
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "g", "vfs_*", 0));
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KPROBE, "h", "", 0));
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "h", "", 0));
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_FUNCTION, "h", "", 0));
	/* An offset without a symbol or an address is no target either. */
	EXPECT_EQ(EINVAL, dyn_errno(chan, LTTNG_ABI_KPROBE, "h", "", 16));
	for (i = 0; i < ARRAY_SIZE(bad_instr); i++) {
		ev = dyn_event(bad_instr[i], "i", DYN_SYM, 0);
		EXPECT_EQ(EINVAL, event_errno(chan, &ev)) {
			TH_LOG("instrumentation %u", bad_instr[i]);
		}
	}
	/* None of these names was taken. */
	EXPECT_EQ(0, dyn_errno(chan, LTTNG_ABI_KPROBE, "a", DYN_SYM, 0));
	EXPECT_EQ(0, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "e", DYN_SYM, 0));
	close(chan);
}

/* Names and symbols that are not NUL-terminated, or not quotable. */
TEST_F(tracer, dyn_bad_names)
{
	static const char *const bad[] = {
		"a\"b", "a\\b", "a\tb", "a\nb", "\x7f", "a\x80", "\xc3\xa9", "",
	};
	static const uint32_t kinds[] = {
		LTTNG_ABI_KPROBE, LTTNG_ABI_KRETPROBE, LTTNG_ABI_FUNCTION,
	};
	struct lttng_abi_event ev;
	unsigned int i, k;
	int chan, f;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan);
	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		ev = dyn_event(kinds[k], "x", DYN_SYM, 0);
		memset(ev.name, 'n', sizeof(ev.name));
		EXPECT_EQ(EINVAL, event_errno(chan, &ev));
		ev = dyn_event(kinds[k], "x", DYN_SYM, 0);
		if (kinds[k] == LTTNG_ABI_FUNCTION)
			memset(ev.u.ftrace.symbol_name, 's',
			       LTTNG_ABI_SYM_NAME_LEN);
		else
			memset(ev.u.kprobe.symbol_name, 's',
			       LTTNG_ABI_SYM_NAME_LEN);
		EXPECT_EQ(EINVAL, event_errno(chan, &ev));
		for (i = 0; i < ARRAY_SIZE(bad); i++)
			EXPECT_EQ(EINVAL, dyn_errno(chan, kinds[k], bad[i],
						    DYN_SYM, 0)) {
				TH_LOG("kind %u, name %u", kinds[k], i);
			}
	}
	f = open("/proc/self/exe", O_RDONLY);
	ASSERT_LE(0, f);
	ev = dyn_event(LTTNG_ABI_UPROBE, "x", "", 0);
	ev.u.uprobe.fd = f;
	memset(ev.name, 'n', sizeof(ev.name));
	EXPECT_EQ(EINVAL, event_errno(chan, &ev));
	EXPECT_EQ(-1, uprobe_create(chan, "a\"b", f));
	EXPECT_EQ(EINVAL, errno);
	/* The longest name: 255 characters, and KRETPROBE's suffixes on it. */
	memset(ev.name, 'n', sizeof(ev.name) - 1);
	ev.name[sizeof(ev.name) - 1] = '\0';
	EXPECT_EQ(0, event_errno(chan, &ev));
	ev = dyn_event(LTTNG_ABI_KRETPROBE, "", DYN_SYM, 0);
	memset(ev.name, 'r', sizeof(ev.name) - 1);
	EXPECT_EQ(0, event_errno(chan, &ev));
	close(f);
	close(chan);
}

/*
 * A dynamic event's name is new in its channel: a second probe of that
 * name, a KRETPROBE whose NAME_entry or NAME_exit is taken, a probe named
 * like one of the channel's tracepoint events get -EEXIST.  Another
 * channel may reuse every name.
 */
TEST_F(tracer, dyn_names_collide)
{
	struct lttng_abi_event ev;
	int chan, chan2, f;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan);
	chan2 = ioctl(self->session, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan2);
	f = open("/proc/self/exe", O_RDONLY);
	ASSERT_LE(0, f);

	EXPECT_EQ(0, dyn_errno(chan, LTTNG_ABI_KPROBE, "p", DYN_SYM, 0));
	EXPECT_EQ(EEXIST, dyn_errno(chan, LTTNG_ABI_KPROBE, "p", DYN_SYM, 0));
	EXPECT_EQ(EEXIST, dyn_errno(chan, LTTNG_ABI_FUNCTION, "p", DYN_SYM, 0));
	EXPECT_EQ(-1, uprobe_create(chan, "p", f));
	EXPECT_EQ(EEXIST, errno);
	EXPECT_EQ(0, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "x", DYN_SYM, 0));
	EXPECT_EQ(EEXIST, dyn_errno(chan, LTTNG_ABI_KPROBE, "x_entry",
				    DYN_SYM, 0));
	EXPECT_EQ(EEXIST, dyn_errno(chan, LTTNG_ABI_KPROBE, "x_exit",
				    DYN_SYM, 0));
	EXPECT_EQ(EEXIST, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "x", DYN_SYM, 0));
	/* "x" itself is free: only x_entry and x_exit are events. */
	EXPECT_EQ(0, dyn_errno(chan, LTTNG_ABI_FUNCTION, "x", DYN_SYM, 0));
	EXPECT_EQ(0, dyn_errno(chan, LTTNG_ABI_KPROBE, "y_exit", DYN_SYM, 0));
	EXPECT_EQ(EEXIST, dyn_errno(chan, LTTNG_ABI_KRETPROBE, "y", DYN_SYM, 0));
	ev = dyn_event(LTTNG_ABI_TRACEPOINT, "sched_switch", "", 0);
	EXPECT_EQ(0, event_errno(chan, &ev));
	EXPECT_EQ(EEXIST, dyn_errno(chan, LTTNG_ABI_KPROBE, "sched_switch",
				    DYN_SYM, 0));
	/* Refused probes take no name: "q" is free after each. */
	EXPECT_EQ(ENOENT, dyn_errno(chan, LTTNG_ABI_KPROBE, "q", DYN_NOSUCH, 0));
	EXPECT_EQ(0, dyn_errno(chan, LTTNG_ABI_KPROBE, "q", DYN_SYM, 0));

	EXPECT_EQ(0, dyn_errno(chan2, LTTNG_ABI_KPROBE, "p", DYN_SYM, 0));
	EXPECT_EQ(0, dyn_errno(chan2, LTTNG_ABI_KPROBE, "x_entry", DYN_SYM, 0));
	EXPECT_EQ(0, dyn_errno(chan2, LTTNG_ABI_KPROBE, "sched_switch",
			       DYN_SYM, 0));
	close(f);
	close(chan2);
	close(chan);
}

/*
 * UPROBE takes a file descriptor of a regular file, then call sites in
 * it: a bad descriptor is -EBADF, another kind of file -EINVAL, a call
 * site past the file's end -EINVAL; ADD_CALLSITE is for uprobes only.
 */
TEST_F(tracer, dyn_uprobe_bad_input)
{
	int chan, f, closed, e, k, tp;
	struct lttng_abi_event ev;
	off_t size;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan);
	EXPECT_EQ(-1, uprobe_create(chan, "a", -1));
	EXPECT_EQ(EBADF, errno);
	closed = open("/proc/self/exe", O_RDONLY);
	ASSERT_LE(0, closed);
	close(closed);
	EXPECT_EQ(-1, uprobe_create(chan, "a", closed));
	EXPECT_EQ(EBADF, errno);
	f = open("/dev/null", O_RDONLY);
	ASSERT_LE(0, f);
	EXPECT_EQ(-1, uprobe_create(chan, "a", f));
	EXPECT_EQ(EINVAL, errno);
	close(f);
	f = open("/", O_RDONLY | O_DIRECTORY);
	ASSERT_LE(0, f);
	EXPECT_EQ(-1, uprobe_create(chan, "a", f));
	EXPECT_EQ(EINVAL, errno);
	close(f);

	f = open("/proc/self/exe", O_RDONLY);
	ASSERT_LE(0, f);
	size = lseek(f, 0, SEEK_END);
	ASSERT_LT(0, size);
	e = uprobe_create(chan, "a", f);
	ASSERT_LE(0, e);
	EXPECT_EQ(-1, add_callsite(e, size + 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, add_callsite(e, 1ULL << 40));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, add_callsite(e, UINT64_MAX));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(e, LTTNG_ABI_ADD_CALLSITE, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(0, add_callsite(e, exe_offset((uintptr_t)uprobe_target)));

	k = dyn_create(chan, LTTNG_ABI_KPROBE, "k", DYN_SYM, 0);
	ASSERT_LE(0, k);
	EXPECT_EQ(-1, add_callsite(k, 0));
	EXPECT_EQ(EINVAL, errno);
	ev = dyn_event(LTTNG_ABI_TRACEPOINT, "sched_switch", "", 0);
	tp = ioctl(chan, LTTNG_ABI_EVENT, &ev);
	ASSERT_LE(0, tp);
	EXPECT_EQ(-1, add_callsite(tp, 0));
	EXPECT_EQ(EINVAL, errno);
	close(tp);
	close(k);
	close(e);
	close(f);
	close(chan);
}

/*
 * A kprobe on getpgid(2)'s entry point, by symbol and by address, records
 * once per call, with its closed event fd too (the probe lives as long as
 * the channel); the metadata declares it with a hexadecimal ip.
 */
TEST_F(tracer, dyn_kprobe_fires)
{
	static char text[1 << 18];
	struct lttng_abi_channel mc = good_chan;
	struct lttng_abi_event ev;
	int chan, meta, ms, a, b;
	char decl[1024];
	uint64_t addr;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan);
	meta = ioctl(self->session, LTTNG_ABI_METADATA, &mc);
	ASSERT_LT(0, meta);
	a = dyn_create(chan, LTTNG_ABI_KPROBE, "dyn_kp", DYN_SYM, 0);
	ASSERT_LE(0, a);
	ASSERT_TRUE(ksym(DYN_SYM, &addr));
	ASSERT_NE(0, addr);
	ev = dyn_event(LTTNG_ABI_KPROBE, "dyn_kp_addr", "", 0);
	ev.u.kprobe.addr = addr;
	b = ioctl(chan, LTTNG_ABI_EVENT, &ev);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, ioctl(a, LTTNG_ABI_ENABLE));
	ASSERT_EQ(0, ioctl(b, LTTNG_ABI_ENABLE));
	close(b);
	/* Two kprobes of the kernel, registered already, and no kretprobe. */
	EXPECT_EQ(2, kprobes_listed(DYN_SYM, "k"));
	EXPECT_EQ(0, kprobes_listed(DYN_SYM, "r"));
	EXPECT_EQ(2 * 50, dyn_fire(self->session, chan, 50));
	/* Disabled, it records nothing more. */
	ASSERT_EQ(0, ioctl(a, LTTNG_ABI_DISABLE));
	EXPECT_EQ(2 * 50 + 20, dyn_fire(self->session, chan, 20));

	ms = ioctl(meta, LTTNG_ABI_STREAM);
	ASSERT_LE(0, ms);
	ASSERT_LT(0, metadata_text(ms, text, sizeof(text)));
	ASSERT_TRUE(event_decl(text, "dyn_kp", decl, sizeof(decl)));
	EXPECT_NE(NULL, strstr(decl, DYN_IP));
	EXPECT_EQ(NULL, strstr(decl, "parent_ip"));
	ASSERT_TRUE(event_decl(text, "dyn_kp_addr", decl, sizeof(decl)));
	EXPECT_NE(NULL, strstr(decl, DYN_IP));
	close(ms);
	close(a);
	close(meta);
	close(chan);
	/* The channel, closed with the session's other fds, took them. */
	close(self->session);
	self->session = -1;
	EXPECT_EQ(0, kprobes_listed(DYN_SYM, "k"));
}

/*
 * One session of dyn_function_fires: @instr on DYN_SYM (and, for
 * FUNCTION, on a glob that matches it alone, a second event) made with
 * lttng.function_graph=@fgraph; the records of @calls calls, and the
 * metadata declarations of its events, each with a hexadecimal ip and
 * parent_ip.
 */
static void dyn_function_session(struct __test_metadata *_metadata,
				 int tracer, uint32_t instr, const char *name,
				 bool fgraph, long long records)
{
	static const char *const suffix[] = { "_entry", "_exit" };
	struct lttng_abi_channel mc = good_chan;
	static char text[1 << 18];
	int s, meta, chan, ms, e, i;
	char decl[1024], ev[64];

	s = ioctl(tracer, LTTNG_ABI_SESSION);
	ASSERT_LT(0, s);
	meta = ioctl(s, LTTNG_ABI_METADATA, &mc);
	ASSERT_LT(0, meta);
	chan = ioctl(s, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan);
	ASSERT_EQ(0, set_function_graph(fgraph));
	e = dyn_create(chan, instr, name, DYN_SYM, 0);
	ASSERT_EQ(0, set_function_graph(true));
	ASSERT_LE(0, e);
	ASSERT_EQ(0, ioctl(e, LTTNG_ABI_ENABLE));
	close(e);
	/*
	 * The path it took: a kretprobe is in kprobes' list; the function
	 * graph and FUNCTION are ftrace_ops on the function, and no kprobe.
	 */
	EXPECT_EQ(instr == LTTNG_ABI_KRETPROBE && !fgraph,
		  kprobes_listed(DYN_SYM, "r")) {
		TH_LOG("%s: kretprobes on %s", name, DYN_SYM);
	}
	if (instr == LTTNG_ABI_FUNCTION || fgraph)
		EXPECT_EQ(1, ftrace_enabled(DYN_SYM));
	if (instr == LTTNG_ABI_FUNCTION) {
		snprintf(ev, sizeof(ev), "%s_glob", name);
		e = dyn_create(chan, instr, ev, DYN_SYM "*", 0);
		ASSERT_LE(0, e);
		ASSERT_EQ(0, ioctl(e, LTTNG_ABI_ENABLE));
		close(e);
	}
	EXPECT_EQ(records, dyn_fire(s, chan, 30)) {
		TH_LOG("%s", name);
	}

	ms = ioctl(meta, LTTNG_ABI_STREAM);
	ASSERT_LE(0, ms);
	ASSERT_LT(0, metadata_text(ms, text, sizeof(text)));
	for (i = 0; i < (instr == LTTNG_ABI_KRETPROBE ? 2 : 1); i++) {
		snprintf(ev, sizeof(ev), "%s%s", name,
			 instr == LTTNG_ABI_KRETPROBE ? suffix[i] : "");
		ASSERT_TRUE(event_decl(text, ev, decl, sizeof(decl))) {
			TH_LOG("no declaration of %s", ev);
		}
		EXPECT_NE(NULL, strstr(decl, DYN_IP));
		EXPECT_NE(NULL, strstr(decl, DYN_PARENT_IP));
	}
	close(ms);
	close(chan);
	close(meta);
	close(s);
}

/*
 * KRETPROBE, what --function sends: NAME_entry and NAME_exit, each with ip
 * and parent_ip, one of each per call, through ftrace's function graph
 * and through a kretprobe (lttng.function_graph=0); FUNCTION, the entry
 * alone, by name and by glob.
 */
TEST_F(tracer, dyn_function_fires)
{
	dyn_function_session(_metadata, self->fd, LTTNG_ABI_KRETPROBE,
			     "dyn_fgraph", true, 2 * 30);
	dyn_function_session(_metadata, self->fd, LTTNG_ABI_KRETPROBE,
			     "dyn_kretprobe", false, 2 * 30);
	dyn_function_session(_metadata, self->fd, LTTNG_ABI_FUNCTION,
			     "dyn_function", true, 2 * 30);
}

/*
 * A uprobe on two functions of this binary, whose file fd is closed once
 * the event has it, records once per call of each, and the metadata
 * declares it with a hexadecimal ip.
 */
TEST_F(tracer, dyn_uprobe_fires)
{
	static char text[1 << 18];
	struct lttng_abi_channel mc = good_chan;
	int chan, meta, ms, f, e;
	char decl[1024];
	int64_t off1, off2;

	chan = ioctl(self->session, LTTNG_ABI_CHANNEL, &good_chan);
	ASSERT_LT(0, chan);
	meta = ioctl(self->session, LTTNG_ABI_METADATA, &mc);
	ASSERT_LT(0, meta);
	off1 = exe_offset((uintptr_t)uprobe_target);
	off2 = exe_offset((uintptr_t)uprobe_target2);
	ASSERT_LT(0, off1);
	ASSERT_LT(0, off2);
	f = open("/proc/self/exe", O_RDONLY);
	ASSERT_LE(0, f);
	e = uprobe_create(chan, "dyn_uprobe", f);
	ASSERT_LE(0, e);
	close(f);
	ASSERT_EQ(0, add_callsite(e, off1));
	ASSERT_EQ(0, ioctl(e, LTTNG_ABI_ENABLE));
	EXPECT_EQ(40, dyn_fire(self->session, chan, 40));
	/* A call site added while the event is enabled fires at once. */
	ASSERT_EQ(0, add_callsite(e, off2));
	EXPECT_EQ(40 + 2 * 40, dyn_fire(self->session, chan, 40));
	close(e);

	ms = ioctl(meta, LTTNG_ABI_STREAM);
	ASSERT_LE(0, ms);
	ASSERT_LT(0, metadata_text(ms, text, sizeof(text)));
	ASSERT_TRUE(event_decl(text, "dyn_uprobe", decl, sizeof(decl)));
	EXPECT_NE(NULL, strstr(decl, DYN_IP));
	EXPECT_EQ(NULL, strstr(decl, "parent_ip"));
	close(ms);
	close(meta);
	close(chan);
}

/*
 * Create and destroy dynamic probes in a loop: a session, a channel and a
 * probe each time, then every fd closed, in one of three orders; the
 * probe goes with its channel.  Every 25th is enabled, started, fired and
 * declared in the metadata first.  kmemleak, on the debug kernel, checks
 * after the test that nothing stayed behind.
 *
 * 1000 kprobes, and fewer of the kinds whose teardown waits longer: the
 * function graph and ftrace_ops kinds wait for an RCU-tasks grace period
 * (about 135 ms each under TCG, against 35 ms for a kprobe).
 */
enum dyn_kind { DK_KPROBE, DK_KRETPROBE, DK_FGRAPH, DK_FUNCTION, DK_UPROBE, DK_NR };

static const struct {
	const char *name;
	unsigned int per_26;	/* how many of every 26 iterations */
} dyn_kinds[DK_NR] = {
	[DK_KPROBE] = { "kprobe", 20 },
	[DK_KRETPROBE] = { "kretprobe", 2 },
	[DK_FGRAPH] = { "function graph", 1 },
	[DK_FUNCTION] = { "ftrace function", 1 },
	[DK_UPROBE] = { "uprobe", 2 },
};

#define DYN_LOOPS	(26 * 50)

static enum dyn_kind dyn_kind_of(unsigned int i)
{
	unsigned int k, slot = i % 26;

	for (k = 0; k < DK_NR; k++) {
		if (slot < dyn_kinds[k].per_26)
			return k;
		slot -= dyn_kinds[k].per_26;
	}
	return DK_KPROBE;
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

TEST_F_TIMEOUT(tracer, dyn_create_destroy, 1800)
{
	struct lttng_abi_channel mc = good_chan;
	unsigned int i, n[DK_NR] = { 0 };
	double t, spent[DK_NR] = { 0 };
	int s, c, e, f, m, k;
	int64_t off;

	off = exe_offset((uintptr_t)uprobe_target);
	ASSERT_LT(0, off);
	for (i = 0; i < DYN_LOOPS; i++) {
		k = dyn_kind_of(i);
		t = now_s();
		s = ioctl(self->fd, LTTNG_ABI_SESSION);
		ASSERT_LT(0, s);
		c = ioctl(s, LTTNG_ABI_CHANNEL, &good_chan);
		ASSERT_LT(0, c);
		m = -1;
		if (i % 25 == 0) {
			m = ioctl(s, LTTNG_ABI_METADATA, &mc);
			ASSERT_LT(0, m);
		}
		switch (k) {
		case DK_KPROBE:
			e = dyn_create(c, LTTNG_ABI_KPROBE, "loop", DYN_SYM, 0);
			break;
		case DK_KRETPROBE:
		case DK_FGRAPH:
			ASSERT_EQ(0, set_function_graph(k == DK_FGRAPH));
			e = dyn_create(c, LTTNG_ABI_KRETPROBE, "loop", DYN_SYM,
				       0);
			ASSERT_EQ(0, set_function_graph(true));
			break;
		case DK_FUNCTION:
			e = dyn_create(c, LTTNG_ABI_FUNCTION, "loop", DYN_SYM, 0);
			break;
		default:
			f = open("/proc/self/exe", O_RDONLY);
			ASSERT_LE(0, f);
			e = uprobe_create(c, "loop", f);
			close(f);
			ASSERT_LE(0, e);
			ASSERT_EQ(0, add_callsite(e, off));
		}
		ASSERT_LE(0, e) {
			TH_LOG("iteration %u, %s: %s", i, dyn_kinds[k].name,
			       strerror(errno));
		}
		if (m >= 0) {
			ASSERT_EQ(0, ioctl(e, LTTNG_ABI_ENABLE));
			EXPECT_EQ(k == DK_KPROBE || k == DK_FUNCTION ||
				  k == DK_UPROBE ? 3 : 6, dyn_fire(s, c, 3)) {
				TH_LOG("iteration %u, %s", i, dyn_kinds[k].name);
			}
		}
		switch (i % 3) {
		case 0:
			close(e);
			close(c);
			if (m >= 0)
				close(m);
			close(s);
			break;
		case 1:
			if (m >= 0)
				close(m);
			close(s);
			close(c);
			close(e);
			break;
		default:
			close(c);
			close(e);
			close(s);
			if (m >= 0)
				close(m);
		}
		spent[k] += now_s() - t;
		n[k]++;
	}
	for (k = 0; k < DK_NR; k++)
		TH_LOG("%u %s probes, %.1f ms each", n[k], dyn_kinds[k].name,
		       n[k] ? spent[k] * 1000 / n[k] : 0);
}

TEST(unprivileged_open)
{
	int status;
	pid_t pid;

	if (access("/dev/lttng", F_OK))
		SKIP(return, "no /dev/lttng");
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int fd;

		if (setgid(65534) || setuid(65534))
			_exit(2);
		/* Even with the node made accessible, the check is CAP_SYS_ADMIN. */
		fd = open("/dev/lttng", O_RDWR);
		_exit(fd < 0 && (errno == EPERM || errno == EACCES) ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST(unprivileged_open_node_writable)
{
	int status;
	pid_t pid;

	if (access("/dev/lttng", F_OK))
		SKIP(return, "no /dev/lttng");
	ASSERT_EQ(0, chmod("/dev/lttng", 0666));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int fd;

		if (setgid(65534) || setuid(65534))
			_exit(2);
		fd = open("/dev/lttng", O_RDWR);
		_exit(fd < 0 && errno == EPERM ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	chmod("/dev/lttng", 0600);
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
