// SPDX-License-Identifier: GPL-2.0-only
/*
 * poll_test REPORT: the guest half of the syscalls-poll end-to-end test.
 * Static, so that it runs in any guest.
 *
 * Makes select, pselect6, poll, ppoll, epoll_ctl, epoll_wait and
 * epoll_pwait calls with known arguments, every one through syscall(2) so
 * that libc adds or changes none, and writes to REPORT, as "key value"
 * lines, what the host needs to check their events: the fds, the
 * addresses passed, the return values, and the arrays passed and got
 * back.  Each "call" line names one syscall in the order they were made.
 * The calls:
 *
 *   - pipe2 of the pipe the next calls use, and of an empty one
 *     (O_CLOEXEC); pipe; pipe2 of a bad array (EFAULT); socketpair, of a
 *     good and of a bad array (EFAULT);
 *   - on a pipe with one byte in it, whose read end is also fd 0 and fd
 *     1023: select of fd 0 with a zero timeout; select of fds 0 and 1023
 *     for reading, the write end for writing, an empty except set;
 *     pselect6 of fds 0 and 1023 with a timeout and a sigmask pair;
 *     pselect6 with a bad write set (EFAULT); select on an empty pipe
 *     (timeout: 0); select of a closed fd (EBADF);
 *   - poll of the read end for POLLIN|POLLPRI; ppoll of 600 pollfds, more
 *     than the tracer keeps, a mix of readable, writable, negative and
 *     closed fds; ppoll of a bad array (EFAULT); poll of 2^32 - 1 fds
 *     (EINVAL); poll of the empty pipe (timeout: 0);
 *   - epoll_ctl ADD of the read end with EPOLLIN|EPOLLPRI and a data
 *     word holding the fd; epoll_wait and epoll_pwait, one event each;
 *     epoll_wait into a bad array (EFAULT); epoll_ctl MOD with more flags
 *     (EPOLLHUP, EPOLLRDHUP, EPOLLET); epoll_ctl ADD of a bad event
 *     (EFAULT); epoll_ctl DEL with a NULL event; epoll_ctl with an
 *     unknown op (EINVAL); epoll_wait with maxevents -1 (EINVAL); then
 *     400 dups of the read end in a second epoll set and an epoll_wait
 *     that returns them all, more than the tracer keeps.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define PT_HIGH_FD	1023
#define PT_CLOSED_FD	900
#define PT_BIG_NFDS	600
#define PT_EPOLL_DUPS	400
#define PT_BAD_PTR	0x42UL
#define PT_DATA_TAG	0xfeedf00d00000000ULL

static char report[65536];
static size_t report_len;

static void say(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(report + report_len, sizeof(report) - report_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		report_len += n;
	if (report_len >= sizeof(report)) {
		fprintf(stderr, "poll_test: report too long\n");
		exit(1);
	}
}

/* A call: its name for the host's sequence, and its return value. */
static long call(const char *name, long ret)
{
	say("call %s %ld\n", name, ret);
	return ret;
}

static long ret_or_errno(long ret)
{
	return ret < 0 ? -errno : ret;
}

#define SC(...)	ret_or_errno(syscall(__VA_ARGS__))

static void say_ptr(const char *key, const void *p)
{
	say("%s %lu\n", key, (unsigned long)p);
}

static struct pollfd big[PT_BIG_NFDS];
static struct epoll_event evs[8];
static struct epoll_event many[PT_EPOLL_DUPS];
static int dups[PT_EPOLL_DUPS];

static void say_pollfds(const char *key, const struct pollfd *p, int n,
			int revents)
{
	int i;

	say("%s", key);
	for (i = 0; i < n; i++)
		say(" %d:%d", p[i].fd,
		    (unsigned short)(revents ? p[i].revents : p[i].events));
	say("\n");
}

static void say_events(const char *key, const struct epoll_event *e, int n)
{
	int i;

	say("%s", key);
	for (i = 0; i < n; i++)
		say(" %llu:%u", (unsigned long long)e[i].data.u64, e[i].events);
	say("\n");
}

static int selects(int p0, int p1, int q0)
{
	struct timeval tv = { 0, 0 };
	struct timespec ts = { 0, 0 };
	struct { const sigset_t *set; size_t size; } sig = { NULL, 8 };
	fd_set r, w, e;

	FD_ZERO(&r);
	FD_SET(0, &r);
	say_ptr("select1_tvp", &tv);
	call("select", SC(SYS_select, 1, &r, NULL, NULL, &tv));

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&e);
	FD_SET(0, &r);
	FD_SET(PT_HIGH_FD, &r);
	FD_SET(p1, &w);
	call("select", SC(SYS_select, PT_HIGH_FD + 1, &r, &w, &e, NULL));
	say("select2_ready_r %d %d\n", FD_ISSET(0, &r), FD_ISSET(PT_HIGH_FD, &r));
	say("select2_ready_w %d\n", FD_ISSET(p1, &w));

	FD_ZERO(&r);
	FD_SET(0, &r);
	FD_SET(PT_HIGH_FD, &r);
	say_ptr("pselect1_tsp", &ts);
	say_ptr("pselect1_sig", &sig);
	call("pselect6", SC(SYS_pselect6, PT_HIGH_FD + 1, &r, NULL, NULL, &ts,
			    &sig));

	FD_ZERO(&r);
	FD_SET(0, &r);
	call("pselect6", SC(SYS_pselect6, 1, &r, PT_BAD_PTR, NULL, NULL, NULL));

	FD_ZERO(&r);
	FD_SET(q0, &r);
	say_ptr("select3_tvp", &tv);
	call("select", SC(SYS_select, q0 + 1, &r, NULL, NULL, &tv));

	FD_ZERO(&r);
	FD_SET(PT_CLOSED_FD, &r);
	call("select", SC(SYS_select, PT_CLOSED_FD + 1, &r, NULL, NULL, NULL));
	return 0;
}

static int polls(int p0, int p1, int q0)
{
	struct pollfd one = { .fd = p0, .events = POLLIN | POLLPRI };
	struct timespec ts = { 0, 0 };
	int i;

	call("poll", SC(SYS_poll, &one, 1, 0));
	say("poll1_revents %d\n", one.revents);

	for (i = 0; i < PT_BIG_NFDS; i++) {
		static const short ev[] = { POLLIN | POLLPRI, POLLIN, POLLOUT,
					    POLLIN };
		int fd[] = { p0, -1, p1, PT_CLOSED_FD };

		big[i].fd = fd[i % 4];
		big[i].events = ev[i % 4];
		big[i].revents = 0;
	}
	say_pollfds("ppoll_in", big, PT_BIG_NFDS, 0);
	say_ptr("ppoll_tsp", &ts);
	call("ppoll", SC(SYS_ppoll, big, PT_BIG_NFDS, &ts, NULL, 8));
	say_pollfds("ppoll_out", big, PT_BIG_NFDS, 1);

	call("ppoll", SC(SYS_ppoll, PT_BAD_PTR, 1, NULL, NULL, 8));

	/* Reset: the entry event shows the events, 512 of them. */
	for (i = 0; i < PT_BIG_NFDS; i++)
		big[i].revents = 0;
	call("poll", SC(SYS_poll, big, 0xffffffffUL, 0));

	one.fd = q0;
	one.events = POLLIN;
	call("poll", SC(SYS_poll, &one, 1, 0));
	return 0;
}

static int epolls(int p0, int p1)
{
	struct epoll_event ev = {
		.events = EPOLLIN | EPOLLPRI,
		.data.u64 = PT_DATA_TAG | p0,
	};
	sigset_t set;
	int efd, efd2, i;

	efd = SC(SYS_epoll_create1, EPOLL_CLOEXEC);
	say("efd %d\n", efd);
	call("epoll_ctl", SC(SYS_epoll_ctl, efd, EPOLL_CTL_ADD, p0, &ev));

	memset(evs, 0xa5, sizeof(evs));
	call("epoll_wait", SC(SYS_epoll_wait, efd, evs, 8, 0));
	say_events("epoll_wait_out", evs, 1);

	sigemptyset(&set);
	say_ptr("epoll_pwait_sigmask", &set);
	memset(evs, 0x5a, sizeof(evs));
	call("epoll_pwait", SC(SYS_epoll_pwait, efd, evs, 8, 0, &set, 8));
	say_events("epoll_pwait_out", evs, 1);

	call("epoll_wait", SC(SYS_epoll_wait, efd, PT_BAD_PTR, 1, 0));

	ev.events = EPOLLIN | EPOLLHUP | EPOLLRDHUP | EPOLLET;
	say("epoll_mod_events %u\n", ev.events);
	call("epoll_ctl", SC(SYS_epoll_ctl, efd, EPOLL_CTL_MOD, p0, &ev));
	call("epoll_ctl", SC(SYS_epoll_ctl, efd, EPOLL_CTL_ADD, p1, PT_BAD_PTR));
	call("epoll_ctl", SC(SYS_epoll_ctl, efd, EPOLL_CTL_DEL, p0, NULL));
	call("epoll_ctl", SC(SYS_epoll_ctl, efd, 7, p0, &ev));
	call("epoll_wait", SC(SYS_epoll_wait, efd, evs, -1, 0));

	efd2 = SC(SYS_epoll_create1, EPOLL_CLOEXEC);
	say("efd2 %d\n", efd2);
	for (i = 0; i < PT_EPOLL_DUPS; i++) {
		dups[i] = SC(SYS_dup, p0);
		ev.events = EPOLLIN;
		ev.data.u64 = i;
		if (call("epoll_ctl", SC(SYS_epoll_ctl, efd2, EPOLL_CTL_ADD,
					 dups[i], &ev))) {
			fprintf(stderr, "poll_test: epoll_ctl of dup %d\n", i);
			return 1;
		}
	}
	say("dups");
	for (i = 0; i < PT_EPOLL_DUPS; i++)
		say(" %d", dups[i]);
	say("\n");
	memset(many, 0, sizeof(many));
	call("epoll_wait", SC(SYS_epoll_wait, efd2, many, PT_EPOLL_DUPS, 0));
	say_events("epoll_many_out", many, PT_EPOLL_DUPS);
	return 0;
}

/* The fd pairs: pipe and socketpair, then closed. */
static int pairs(void)
{
	int fds[2];

	if (call("pipe", SC(SYS_pipe, fds)))
		return 1;
	say("pipe_fds %d %d\n", fds[0], fds[1]);
	close(fds[0]);
	close(fds[1]);
	call("pipe2", SC(SYS_pipe2, PT_BAD_PTR, 0));
	if (call("socketpair", SC(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0,
				  fds)))
		return 1;
	say("socketpair_fds %d %d\n", fds[0], fds[1]);
	close(fds[0]);
	close(fds[1]);
	call("socketpair", SC(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0,
			      PT_BAD_PTR));
	return 0;
}

int main(int argc, char **argv)
{
	int p[2], q[2], fd;

	if (argc != 2) {
		fprintf(stderr, "usage: poll_test REPORT\n");
		return 2;
	}
	say("tid %ld\n", (long)syscall(SYS_gettid));
	say("call begin 0\n");
	if (call("pipe2", SC(SYS_pipe2, p, 0)) ||
	    call("pipe2", SC(SYS_pipe2, q, O_CLOEXEC)) ||
	    write(p[1], "x", 1) != 1 || dup2(p[0], 0) != 0 ||
	    dup2(p[0], PT_HIGH_FD) != PT_HIGH_FD) {
		perror("poll_test: setup");
		return 1;
	}
	say("p %d %d\nq %d %d\n", p[0], p[1], q[0], q[1]);
	if (pairs() || selects(p[0], p[1], q[0]) || polls(p[0], p[1], q[0]) ||
	    epolls(p[0], p[1]))
		return 1;
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, report, report_len) != (ssize_t)report_len) {
		perror(argv[1]);
		return 1;
	}
	return close(fd) ? 1 : 0;
}
