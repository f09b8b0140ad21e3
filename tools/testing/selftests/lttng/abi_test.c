// SPDX-License-Identifier: GPL-2.0-only
/*
 * kselftest for the /dev/lttng ABI: versions, and the errno of every kind
 * of bad input, checked by value.  A missing /dev/lttng is a SKIP.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
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
}

TEST_F(tracer, bad_names)
{
	struct lttng_abi_session_name n;
	struct lttng_abi_event ev;
	int chan;

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
