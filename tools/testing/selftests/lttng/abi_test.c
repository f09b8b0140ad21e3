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
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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
		{ LTTNG_ABI_KPROBE, ENOSYS },
		{ LTTNG_ABI_UPROBE, ENOSYS },
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
