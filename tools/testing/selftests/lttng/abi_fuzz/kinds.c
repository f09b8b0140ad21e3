// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: the kinds of fd: the pool of the fds it holds, our foreign
 * fds, making an fd of each kind, and the sweep of every command over
 * every kind of fd.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/epoll.h>

#include "abi_fuzz.h"

const char *const kind_name[K_NR] = {
	"tracer", "session", "channel", "metadata", "event", "stream",
	"mstream", "list", "group", "notifier", "counter", "other", "foreign",
};

/* ---- the pool: the fds it holds ---------------------------------------- */

struct obj objs[MAX_OBJS];
int nobjs;

int add_obj(int fd, enum kind kind, int sess, int chan, int file)
{
	struct obj *o;

	if (nobjs >= MAX_OBJS) {
		/* No room: the fd is closed at once, still counted. */
		close(fd);
		return -1;
	}
	o = &objs[nobjs];
	o->fd = fd;
	o->kind = kind;
	o->sess = sess;
	o->chan = chan;
	o->file = file;
	if (file >= 0)
		sfiles[file].nfds++;
	created[kind]++;
	return nobjs++;
}

int find_obj(int fd)
{
	int i;

	for (i = 0; i < nobjs; i++)
		if (objs[i].fd == fd)
			return i;
	return -1;
}

int pick_obj(unsigned int kinds)
{
	int idx[MAX_OBJS], n = 0, i;

	for (i = 0; i < nobjs; i++)
		if (kinds & KB(objs[i].kind))
			idx[n++] = i;
	return n ? idx[below(n)] : -1;
}

void close_obj(int i)
{
	struct obj *o = &objs[i];
	int ret;

	snprintf(cur_op, sizeof(cur_op), "close fd %d (%s)", o->fd,
		 kind_name[o->kind]);
	trace("close fd=%d %s", o->fd, kind_name[o->kind]);
	calls[o->kind]++;
	ret = close(o->fd);
	if (ret)
		fail("close(%d) of a %s: %s", o->fd, kind_name[o->kind],
		     errname(errno));
	if (o->file >= 0)
		sfiles[o->file].nfds--;
	objs[i] = objs[--nobjs];
	racer_quiesce();
}

/* ---- our foreign fds --------------------------------------------------- */

/* Our foreign fds: a pipe, /dev/null, a file, an epoll set. */
int pipe_r = -1, pipe_w = -1;
int devnull = -1, plain_file = -1, epfd = -1;

/* Open them; -1 if there is no pipe. */
int foreign_open(void)
{
	int fds[2];

	if (pipe2(fds, O_NONBLOCK | O_CLOEXEC)) {
		perror("abi_fuzz: pipe");
		return -1;
	}
	pipe_r = fds[0];
	pipe_w = fds[1];
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	plain_file = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (plain_file >= 0 && write(plain_file, scratch, 8192) < 0)
		perror("abi_fuzz: tmpfile");
	epfd = epoll_create1(EPOLL_CLOEXEC);
	return 0;
}

void foreign_close(void)
{
	close(pipe_r);
	close(pipe_w);
	close(devnull);
	if (plain_file >= 0)
		close(plain_file);
	close(epfd);
}

/* ---- making an fd of each kind ----------------------------------------- */

int op_open_tracer(void)
{
	static const int modes[] = { O_RDWR, O_RDONLY, O_WRONLY };
	int fd, flags = PICK(modes) | (chance(50) ? O_CLOEXEC : 0);

	snprintf(cur_op, sizeof(cur_op), "open /dev/lttng");
	trace("open /dev/lttng flags=0x%x", flags);
	calls[K_TRACER]++;
	fd = open("/dev/lttng", flags);
	trace("= %d", fd);
	if (fd < 0) {
		fail("open /dev/lttng: %s", errname(errno));
		return -1;
	}
	return add_obj(fd, K_TRACER, -1, -1, -1);
}

bool objs_full_soon(void)
{
	return nobjs > MAX_OBJS - 16;
}

/* The object a command just returned as fd ret, or -1. */
int new_obj(long ret)
{
	return ret > 0 ? find_obj(ret) : -1;
}

/* An fd of @kind, made now with valid arguments; -1 if that failed. */
int create(enum kind kind)
{
	struct arg a;
	int parent, oi;

	switch (kind) {
	case K_TRACER:
		return op_open_tracer();
	case K_SESSION:
		parent = ensure(K_TRACER);
		if (parent < 0)
			return -1;
		return new_obj(ioctl_good(parent, LTTNG_ABI_SESSION, &a));
	case K_CHANNEL:
	case K_METADATA:
		parent = ensure(K_SESSION);
		if (parent < 0)
			return -1;
		return new_obj(ioctl_good(parent, kind == K_CHANNEL ?
					  LTTNG_ABI_CHANNEL :
					  LTTNG_ABI_METADATA, &a));
	case K_EVENT:
		parent = ensure(K_CHANNEL);
		if (parent < 0)
			return -1;
		oi = new_obj(ioctl_good(parent, LTTNG_ABI_EVENT, &a));
		/* A uprobe gets its call sites next, as sessiond sends them. */
		if (oi >= 0 && ((struct lttng_abi_event *)a.p)->instrumentation ==
		    LTTNG_ABI_UPROBE)
			dyn_add_callsites(oi);
		return oi;
	case K_STREAM:
	case K_MSTREAM:
		parent = ensure(kind == K_STREAM ? K_CHANNEL : K_METADATA);
		if (parent < 0)
			return -1;
		return new_obj(op_stream(parent));
	case K_LIST:
		parent = ensure(K_TRACER);
		if (parent < 0)
			return -1;
		return new_obj(ioctl_good(parent, chance(80) ?
					  LTTNG_ABI_TRACEPOINT_LIST :
					  LTTNG_ABI_SYSCALL_LIST, &a));
	case K_GROUP:
		parent = ensure(K_TRACER);
		if (parent < 0)
			return -1;
		return new_obj(ioctl_good(parent,
					  LTTNG_ABI_EVENT_NOTIFIER_GROUP_CREATE,
					  &a));
	default:
		return -1;
	}
}

/* An existing fd of @kind, or a new one. */
int ensure(enum kind kind)
{
	int oi = pick_obj(KB(kind));

	if (oi >= 0 && chance(85))
		return oi;
	return create(kind);
}

/* ---- the sweep: every command once on every kind of fd ---------------------- */

/*
 * Before the random steps: a session tree as sessiond builds it, with a
 * probe of each dynamic kind (dyn_sweep()), then every command of the table, with a random argument, on one fd of each
 * kind there is.  The random steps reach each (command, kind) pair only
 * with some probability; the sweep makes "every ioctl was sent to every
 * kind of fd" true whatever the iteration count.
 */
unsigned long n_sweep;

void sweep(void)
{
	int targets[K_NR], k, oi;
	unsigned int i;
	struct arg a;

	op_build();
	dyn_sweep();
	ensure(K_LIST);
	for (k = 0; k < K_NR; k++)
		targets[k] = pick_obj(KB(k));
	for (k = 0; k < K_NR; k++) {
		for (i = 0; i < nr_cmds; i++) {
			/* The fd may have been replaced in the pool. */
			oi = targets[k] >= 0 ? pick_obj(KB(k)) : -1;
			if (oi < 0)
				break;
			a.mode = pick_amode();
			gen_arg(cmds[i], cmds[i]->nr, &a, chance(50));
			do_ioctl(oi, cmds[i]->nr, &a);
			n_sweep++;
		}
	}
}
