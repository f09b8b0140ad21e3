// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: the racer, a second thread that sends commands to the same
 * fds as the main one.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "abi_fuzz.h"

/* ---- the racer: a second thread on the same fds --------------------------- */

/*
 * With -r START, from iteration START on, a second thread sends commands
 * to whatever fds the pool holds while the main thread goes on: a
 * reader's stream commands (get, put, the getters, flush, clear), read,
 * splice and poll, state changes of sessions, channels and events, and
 * random numbers, with arguments of its own.  It never sends a command
 * that makes an fd or renames a session, and it closes nothing, so that
 * the main thread's model holds.  It checks what needs no model: no
 * positive return and documented errnos only (EBADF too: its fd may be
 * closed under it, or be another object's by then).
 */

/* The racer thread runs (then some checks cannot be made). */
bool racing;
/* Odd while the racer is in a system call on one of the fds (atomic). */
static unsigned long racer_seq;
static pthread_t racer_thread;
static bool racer_stop;	/* atomic */
__u64 racer_seed;
unsigned long racer_calls[K_NR];
static __u8 *rbuf;		/* GOOD_SIZE bytes, then a guard page */
static int rpipe_r = -1, rpipe_w = -1;

/*
 * A close() or munmap() does not release a file while another thread is
 * in a system call on it: the release then runs when that call returns.
 * Wait for the racer's call to end, so that what the model says is gone
 * is gone.
 */
void racer_quiesce(void)
{
	unsigned long seq;

	/* (A child has no racer thread, but its parent's races it.) */
	if (!racing || in_child)
		return;
	seq = __atomic_load_n(&racer_seq, __ATOMIC_SEQ_CST);
	if (!(seq & 1))
		return;
	while (__atomic_load_n(&racer_seq, __ATOMIC_SEQ_CST) == seq)
		sched_yield();
}

/* An argument in the racer's own buffer (the generators write there). */
static void racer_arg(struct cmd *c, unsigned int nr, struct arg *a)
{
	enum argt t = c ? c->arg : (_IOC_SIZE(nr) ? A_RAW : A_NONE);
	size_t size = _IOC_SIZE(nr), i;
	char desc[140] = "";
	unsigned int r = below(10);
	__u64 pos;

	if (t == A_NONE || t == A_VAL) {
		a->mode = AM_RANDOM;
		a->val = pick_value();
		snprintf(a->desc, sizeof(a->desc), "0x%lx", a->val);
		return;
	}
	switch (t) {
	case A_CONTEXT:
	case A_OLD_CONTEXT:
		gen_context(rbuf, desc, sizeof(desc));
		break;
	case A_CTIME:
		size = gen_ctime(rbuf, desc, sizeof(desc));
		break;
	case A_TRACKER:
		size = gen_tracker(rbuf, desc, sizeof(desc));
		break;
	case A_SYSMASK:
		size = gen_sysmask(rbuf, desc, sizeof(desc));
		break;
	case A_BYTECODE:
		size = gen_bytecode(rbuf, desc, sizeof(desc));
		break;
	case A_COUNTER_CONF:
	case A_COUNTER_READ:
	case A_COUNTER_AGG:
	case A_COUNTER_CLEAR:
		size = gen_counter(rbuf, t, desc, sizeof(desc));
		break;
	case A_CALLSITE:
		/* Never a random offset inside this program (dynamic.c). */
		pos = pick_callsite();
		memcpy(rbuf, &pos, sizeof(pos));
		size = sizeof(pos);
		snprintf(desc, sizeof(desc), "callsite{offset=%llu}",
			 (unsigned long long)pos);
		break;
	case A_U64IN:
		pos = chance(50) ? PAGE * below(64) : last_pos[below(2)];
		memcpy(rbuf, &pos, sizeof(pos));
		size = sizeof(pos);
		break;
	default:
		if (size > GOOD_SIZE)
			size = GOOD_SIZE;
		for (i = 0; i < size; i++)
			rbuf[i] = rnd();
	}
	if (!size)
		size = 1;
	if (r < 7) {
		a->mode = AM_GOOD;
		a->val = (unsigned long)rbuf;
	} else if (r == 7) {
		a->mode = AM_NULL;
		a->val = 0;
	} else if (r == 8) {
		a->mode = AM_KERNEL;
		a->val = kernel_addr();
	} else {
		a->mode = AM_HALF;
		memmove(rbuf + GOOD_SIZE - size / 2, rbuf, size / 2);
		a->val = (unsigned long)(rbuf + GOOD_SIZE - size / 2);
	}
	snprintf(a->desc, sizeof(a->desc), "%s 0x%lx %s", amode_name[a->mode],
		 a->val, desc);
}

static void racer_ioctl(int fd, enum kind kind)
{
	struct cmd *own[MAX_CMDS], *c = NULL;
	unsigned int nr, i, n = 0;
	struct arg a;
	long ret;
	int err;

	if (chance(10)) {
		nr = random_nr();
	} else {
		for (i = 0; i < nr_cmds; i++)
			if (model_safe(cmds[i]) &&
			    (chance(10) || (cmds[i]->kinds & KB(kind))))
				own[n++] = cmds[i];
		if (!n)
			return;
		c = own[below(n)];
		nr = c->nr;
	}
	racer_arg(c, nr, &a);
	snprintf(cur_op, sizeof(cur_op), "ioctl fd %d (%s?) %s 0x%08x arg %s",
		 fd, kind_name[kind], c ? c->name : "random", nr, a.desc);
	trace("ioctl fd=%d %s? %s(0x%08x) arg=%s", fd, kind_name[kind],
	      c ? c->name : "random", nr, a.desc);
	ret = ioctl(fd, nr, a.val);
	err = errno;
	trace("= %ld %s", ret, ret < 0 ? errname(err) : "");
	if (ret > 0) {
		fail("%s(0x%08x) on fd %d (a %s a moment ago) returned %ld",
		     c ? c->name : "random", nr, fd, kind_name[kind], ret);
		return;
	}
	if (ret < 0 && !ERRNO_OK(err, ioctl_errnos))
		fail("%s(0x%08x) on fd %d (a %s a moment ago), arg %s: %s",
		     c ? c->name : "random", nr, fd, kind_name[kind], a.desc,
		     errname(err));
	if (ret < 0 && !c && err != ENOTTY && err != EBADF)
		fail("unknown number 0x%08x on fd %d (a %s a moment ago): %s",
		     nr, fd, kind_name[kind], errname(err));
}

static void racer_io(int fd, enum kind kind)
{
	static const size_t lens[] = { 0, 1, 4096, 8192, 65536 };
	size_t len = PICK(lens);
	loff_t off = chance(70) ? 0 : PAGE * below(4);
	struct pollfd p = { .fd = fd, .events = rnd() };
	char buf[4096];
	ssize_t ret;

	switch (below(3)) {
	case 0:
		trace("pread fd=%d %s? len=%zu off=%lld", fd, kind_name[kind],
		      len, (long long)off);
		ret = pread(fd, rbuf, len, off);
		if (ret < 0 && !ERRNO_OK(errno, read_errnos))
			fail("read of fd %d (a %s a moment ago): %s", fd,
			     kind_name[kind], errname(errno));
		if (ret > (ssize_t)len)
			fail("read of %zu bytes from fd %d returned %zd", len,
			     fd, ret);
		break;
	case 1:
		trace("splice fd=%d %s? len=%zu off=%lld", fd, kind_name[kind],
		      len, (long long)off);
		ret = splice(fd, &off, rpipe_w, NULL, len, SPLICE_F_NONBLOCK);
		if (ret < 0 && !ERRNO_OK(errno, read_errnos))
			fail("splice from fd %d (a %s a moment ago): %s", fd,
			     kind_name[kind], errname(errno));
		while (read(rpipe_r, buf, sizeof(buf)) > 0)
			;
		break;
	default:
		trace("poll fd=%d %s?", fd, kind_name[kind]);
		if (poll(&p, 1, 0) < 0)
			fail("poll: %s", errname(errno));
	}
}

static void *racer(void *unused)
{
	unsigned long k = 0;

	in_racer = true;
	rng_state = racer_seed;
	while (!__atomic_load_n(&racer_stop, __ATOMIC_RELAXED)) {
		int n = __atomic_load_n(&nobjs, __ATOMIC_RELAXED), i, fd;
		enum kind kind;

		if (!n) {
			sched_yield();
			continue;
		}
		i = below(n);
		fd = __atomic_load_n(&objs[i].fd, __ATOMIC_RELAXED);
		kind = __atomic_load_n(&objs[i].kind, __ATOMIC_RELAXED);
		if (kind >= K_NR)
			continue;
		racer_calls[kind]++;
		__atomic_add_fetch(&racer_seq, 1, __ATOMIC_SEQ_CST);
		if ((K_STREAMS & KB(kind)) && chance(25))
			racer_io(fd, kind);
		else
			racer_ioctl(fd, kind);
		__atomic_add_fetch(&racer_seq, 1, __ATOMIC_SEQ_CST);
		if (!(++k % 4))
			sched_yield();
	}
	return NULL;
}

void start_racer(void)
{
	int fds[2];

	rbuf = mmap(NULL, GOOD_SIZE + PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (rbuf == MAP_FAILED || mprotect(rbuf + GOOD_SIZE, PAGE, PROT_NONE) ||
	    pipe2(fds, O_NONBLOCK | O_CLOEXEC)) {
		perror("abi_fuzz: racer");
		exit(1);
	}
	rpipe_r = fds[0];
	rpipe_w = fds[1];
	racing = true;
	trace("racer starts");
	if (pthread_create(&racer_thread, NULL, racer, NULL)) {
		perror("abi_fuzz: pthread_create");
		exit(1);
	}
}

void stop_racer(void)
{
	if (!racing)
		return;
	__atomic_store_n(&racer_stop, true, __ATOMIC_RELAXED);
	pthread_join(racer_thread, NULL);
	racing = false;
	close(rpipe_r);
	close(rpipe_w);
	munmap(rbuf, GOOD_SIZE + PAGE);
}
