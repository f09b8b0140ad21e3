// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: the checks: the ioctl call and what it asserts of the result,
 * the STREAM, SESSION_ATTACH and packet magic predictions, that nothing is
 * left behind at the end, and the summary that abi-fuzz.host.sh asserts.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "abi_fuzz.h"

/* Statistics. */
unsigned long calls[K_NR];
unsigned long created[K_NR];
unsigned long n_mmap_ok, n_splice_bytes, n_read_bytes;
unsigned long n_data_packets, n_meta_packets, n_magic_checked;
unsigned long n_forks, n_attach_checked, n_predictions, n_hotplug;

/* ---- errno sets -------------------------------------------------------- */

bool errno_in(int err, const int *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == err)
			return true;
	return false;
}

/*
 * What lttng-abi.md and the header document for the ioctls, and EILSEQ,
 * the kernel's answer to a kprobe inside an instruction.
 */
const int ioctl_errnos[] = {
	EINVAL, ENOTTY, EFAULT, EPERM, EBUSY, ENOENT, ENODATA, EAGAIN,
	ENOSYS, EEXIST, ENOMEM, EBADF, ENOSPC, E2BIG, EIO, EFBIG, EMFILE,
	ENFILE, EILSEQ,
};

const int mmap_errnos[] = {
	EINVAL, EACCES, EPERM, ENODEV, ENOMEM, EAGAIN, EOVERFLOW, EBUSY,
	ENODATA, EIO,
};

const int read_errnos[] = {
	EINVAL, EFAULT, EAGAIN, ENODATA, EBADF, EIO, EBUSY, ESPIPE, ENOMEM,
	EPERM,
};

const size_t nr_ioctl_errnos = ARRAY_SIZE(ioctl_errnos);
const size_t nr_mmap_errnos = ARRAY_SIZE(mmap_errnos);
const size_t nr_read_errnos = ARRAY_SIZE(read_errnos);

/* ---- the ioctl call and its checks --------------------------------------- */

/* fd is open and not one we know: a new fd from the kernel. */
static bool fresh_fd(int fd)
{
	return fd > 2 && fcntl(fd, F_GETFD) >= 0 && find_obj(fd) < 0 &&
	       fd != pipe_r && fd != pipe_w && fd != devnull &&
	       fd != plain_file && fd != epfd && fd != trace_fd &&
	       fd != kmsg_fd && fd != exe_fd && fd != uprobe_file &&
	       fd != dir_fd;
}

/*
 * ioctl(objs[oi].fd, nr, a) with every check.  a->val is what is passed.
 * Returns the ioctl's return value; errno is kept.  oi may be a foreign
 * fd's pseudo-object (oi < 0: fd is in *fdp).
 */
long do_ioctl_fd(int oi, int fd, enum kind kind, unsigned int nr,
		 struct arg *a)
{
	struct cmd *c = cmd_by_nr(nr);
	bool own = c && (c->kinds & KB(kind));
	long ret;
	int err;

	snprintf(cur_op, sizeof(cur_op), "ioctl fd %d (%s) %s 0x%08x arg %s",
		 fd, kind_name[kind], c ? c->name : "?", nr, a->desc);
	trace("ioctl fd=%d %s %s(0x%08x) arg=%s", fd, kind_name[kind],
	      c ? c->name : "random", nr, a->desc);
	calls[kind]++;
	if (c) {
		c->calls++;
		if (own)
			c->own++;
	} else {
		unknown_calls++;
	}
	errno = 0;
	ret = ioctl(fd, nr, a->val);
	err = errno;
	if (ret >= 0) {
		if (c)
			c->ok++;
		else
			unknown_ok++;
	}
	trace("= %ld %s", ret, ret < 0 ? errname(err) : "");

	if (ret < 0) {
		if (kind == K_FOREIGN)
			goto out;
		if (!c && err != ENOTTY)
			fail("%s: unknown number 0x%08x on a %s fd: %s, not ENOTTY",
			     a->desc, nr, kind_name[kind], errname(err));
		else if (!ERRNO_OK(err, ioctl_errnos))
			fail("%s(0x%08x) on a %s fd, arg %s: errno %d (%s) is not a documented one",
			     c ? c->name : "?", nr, kind_name[kind], a->desc,
			     err, errname(err));
		goto out;
	}
	if (kind == K_FOREIGN) {
		if (ret > 0 && fresh_fd(ret))
			close(ret);
		goto out;
	}
	if (!c) {
		fail("unknown number 0x%08x on a %s fd returned %ld, not ENOTTY",
		     nr, kind_name[kind], ret);
		if (ret > 0 && fresh_fd(ret))
			close(ret);
		goto out;
	}
	if (own && (c->flags & F_PTR) && !arg_readable(a) &&
	    !(a->mode == AM_NULL && (c->flags & F_NULL_OK)))
		fail("%s on a %s fd succeeded (%ld) with a bad pointer: %s",
		     c->name, kind_name[kind], ret, a->desc);
	if (own && (c->arg == A_OUT || c->arg == A_SYSMASK) &&
	    a->mode == AM_RDONLY)
		fail("%s on a %s fd succeeded (%ld), writing into a read-only page",
		     c->name, kind_name[kind], ret);
	if (own && (c->flags & (F_FD | F_MAYFD)) && ret > 0) {
		if (!fresh_fd(ret)) {
			fail("%s on a %s fd returned %ld, which is not a new open fd",
			     c->name, kind_name[kind], ret);
			goto out;
		}
		model_new_fd(oi, c, a, ret);
		goto out;
	}
	if (own && (c->flags & F_FD)) {
		fail("%s on a %s fd returned 0, not an fd or an error",
		     c->name, kind_name[kind]);
		goto out;
	}
	if (ret > 0) {
		fail("%s(0x%08x) on a %s fd returned %ld: the ABI allows only 0 or an error",
		     c->name, nr, kind_name[kind], ret);
		if (fresh_fd(ret))
			close(ret);
		goto out;
	}
	if (own && oi >= 0)
		model_after(oi, c, a, ret);
out:
	errno = err;
	return ret;
}

long do_ioctl(int oi, unsigned int nr, struct arg *a)
{
	return do_ioctl_fd(oi, objs[oi].fd, objs[oi].kind, nr, a);
}

/* An ioctl with a valid argument (mode good). */
long ioctl_good(int oi, unsigned int nr, struct arg *a)
{
	a->mode = AM_GOOD;
	gen_arg(cmd_by_nr(nr), nr, a, true);
	return do_ioctl(oi, nr, a);
}

/* A u64 getter with a good buffer; the value, or -1 with errno. */
long ioctl_u64(int oi, unsigned int nr, __u64 *v)
{
	struct arg a;
	long ret;

	ret = ioctl_good(oi, nr, &a);
	if (!ret && a.p)
		memcpy(v, a.p, sizeof(*v));
	return ret;
}

/* ---- the predictions: STREAM, SESSION_ATTACH, packet magic ------------- */

/*
 * STREAM on a channel fd: a new reader while some buffer has none, then
 * ENOENT (data) or EBUSY (metadata, which has one buffer).
 */
long op_stream(int oi)
{
	struct obj *o = &objs[oi];
	int ch = o->chan, readers, nbufs;
	enum kind kind = o->kind;
	struct arg a;
	long ret;

	if (ch < 0)
		return ioctl_good(oi, LTTNG_ABI_STREAM, &a);
	readers = chan_readers(ch);
	nbufs = chans[ch].metadata ? 1 : ncpu;
	ret = ioctl_good(oi, LTTNG_ABI_STREAM, &a);
	n_predictions++;
	if (readers < nbufs && ret < 0 && errno != ENOMEM && errno != EMFILE)
		fail("STREAM on a %s fd with %d readers of %d buffers: %s",
		     kind_name[kind], readers, nbufs, errname(errno));
	if (readers >= nbufs && ret >= 0)
		fail("STREAM on a %s fd with %d readers of %d buffers gave a new one",
		     kind_name[kind], readers, nbufs);
	if (readers >= nbufs && ret < 0 &&
	    errno != (chans[ch].metadata ? EBUSY : ENOENT))
		fail("STREAM on a %s fd with every buffer read: %s",
		     kind_name[kind], errname(errno));
	return ret;
}

/* Did SESSION_ATTACH of @name find what the model says (s)? */
bool check_attach(const char *name, int s, long ret, int err)
{
	if (s == SESS_UNKNOWN)
		return true;
	n_attach_checked++;
	n_predictions++;
	if (s >= 0 && ret < 0 && err != ENOMEM && err != EMFILE) {
		fail("SESSION_ATTACH \"%s\": %s, but fds still hold that session",
		     show_name(name), errname(err));
		return false;
	}
	if (s < 0 && ret >= 0) {
		fail("SESSION_ATTACH \"%s\" found a session, but no fd holds one of that name",
		     show_name(name));
		return false;
	}
	if (s < 0 && ret < 0 && err != ENOENT) {
		fail("SESSION_ATTACH \"%s\" of no session: %s, not ENOENT",
		     show_name(name), errname(err));
		return false;
	}
	return true;
}

/* The packet a stream holds starts with its CTF magic, in the mapping. */
void check_magic(int oi, bool meta)
{
	struct obj *o = &objs[oi];
	__u64 off = 0;
	uint32_t magic, want = meta ? CTF_METADATA_MAGIC : CTF_MAGIC;
	int mi = o->file >= 0 ? map_find(o->file) : -1;

	if (mi < 0 || ioctl_u64(oi, LTTNG_ABI_RB_GET_MMAP_READ_OFFSET, &off))
		return;
	if (off + 4 > maps[mi].len) {
		fail("mmap read offset %llu is past the %zu-byte mapping",
		     off, maps[mi].len);
		return;
	}
	if (!peek(maps[mi].addr + off, &magic, sizeof(magic))) {
		fail("the held packet at offset %llu of a %s mapping is not readable",
		     off, kind_name[o->kind]);
		return;
	}
	n_magic_checked++;
	if (magic != want)
		fail("the held packet of a %s starts with 0x%08x, not 0x%08x",
		     kind_name[o->kind], magic, want);
}

/* ---- the end: nothing left open, and the summary ----------------------- */

/* The fds open now, as a bitmap of the first 1024. */
void fd_snapshot(unsigned char *set)
{
	struct dirent *d;
	DIR *dir;
	int fd;

	memset(set, 0, 1024);
	dir = opendir("/proc/self/fd");
	if (!dir)
		return;
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.') {
			fd = atoi(d->d_name);
			if (fd >= 0 && fd < 1024 && fd != dirfd(dir))
				set[fd] = 1;
		}
	closedir(dir);
}

/* Close all, in random order; check that every session of ours is gone. */
int teardown_all(void)
{
	int s, leaked = 0, oi, expect;
	struct arg a;
	long ret;

	while (nmaps) {
		int i = below(nmaps);

		munmap(maps[i].addr, maps[i].len);
		map_del(i);
	}
	while (nobjs)
		close_obj(below(nobjs));
	oi = op_open_tracer();
	for (s = 0; oi >= 0 && s < nsess; s++) {
		if (!sessions[s].name_known || !sessions[s].name[0] ||
		    sessions[s].boot)
			continue;
		expect = sess_by_name(sessions[s].name);
		attach_arg(&a, sessions[s].name);
		ret = do_ioctl(oi, LTTNG_ABI_SESSION_ATTACH, &a);
		if (!check_attach(sessions[s].name, expect, ret, errno))
			leaked++;
	}
	while (nobjs)
		close_obj(0);
	return leaked;
}

/* fail() for each fd open now and not in @before; their number. */
int check_fds(const unsigned char *before)
{
	unsigned char after[1024];
	int fds_leaked = 0;
	unsigned int k;

	fd_snapshot(after);
	for (k = 0; k < 1024; k++)
		if (after[k] && !before[k]) {
			char path[64], target[256] = "";

			snprintf(path, sizeof(path), "/proc/self/fd/%u", k);
			if (readlink(path, target, sizeof(target) - 1) < 0)
				copy_str(target, sizeof(target), "?");
			fail("fd %u is still open at the end: %s", k, target);
			fds_leaked++;
		}
	return fds_leaked;
}

/* The summary, which abi-fuzz.host.sh asserts on. */
void report(__u64 seed, unsigned long iterations, unsigned long racer_from,
	    int fds_leaked, int sessions_leaked, const struct timespec *t0)
{
	struct timespec t1;
	unsigned int k;

	clock_gettime(CLOCK_REALTIME, &t1);

	printf("abi_fuzz: done seed %llu iterations %lu/%lu unexpected %lu ",
	       seed, iter, iterations, unexpected);
	printf("fds_leaked %d sessions_leaked %d time %.1fs\n",
	       fds_leaked, sessions_leaked,
	       (t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9);
	printf("abi_fuzz: calls");
	for (k = 0; k < K_NR; k++)
		printf(" %s=%lu", kind_name[k], calls[k]);
	printf("\nabi_fuzz: created");
	for (k = 0; k < K_NR; k++)
		printf(" %s=%lu", kind_name[k], created[k]);
	printf("\nabi_fuzz: required");
	for (k = 0; k < K_NR; k++)
		if (K_REQUIRED & KB(k))
			printf(" %s", kind_name[k]);
	printf("\nabi_fuzz: ops");
	for (k = 0; k < OP_NR; k++)
		printf(" %s=%lu", op_name[k], op_count[k]);
	printf("\nabi_fuzz: io mmaps=%lu splice_bytes=%lu read_bytes=%lu",
	       n_mmap_ok, n_splice_bytes, n_read_bytes);
	printf(" data_packets=%lu metadata_packets=%lu magic_checked=%lu",
	       n_data_packets, n_meta_packets, n_magic_checked);
	printf(" forks=%lu predictions=%lu attach_checked=%lu hotplug=%lu",
	       n_forks, n_predictions, n_attach_checked, n_hotplug);
	printf(" sweep=%lu\n", n_sweep);
	printf("abi_fuzz: dynamic kprobe=%lu kretprobe=%lu function=%lu uprobe=%lu\n",
	       dyn_created[LTTNG_ABI_KPROBE], dyn_created[LTTNG_ABI_KRETPROBE],
	       dyn_created[LTTNG_ABI_FUNCTION], dyn_created[LTTNG_ABI_UPROBE]);
	printf("abi_fuzz: racer from %ld", racer_from == ULONG_MAX ? -1L :
	       (long)racer_from);
	for (k = 0; k < K_NR; k++)
		printf(" %s=%lu", kind_name[k], racer_calls[k]);
	printf("\n");
	for (k = 0; k < nr_cmds; k++)
		printf("abi_fuzz: cmd %s 0x%08x%s%s calls=%lu own=%lu ok=%lu\n",
		       cmds[k]->name, cmds[k]->nr,
		       cmds[k]->flags & F_HEADER ? " header" : " compat",
		       cmds[k]->flags & F_MAYFD ? " generic" : "",
		       cmds[k]->calls, cmds[k]->own, cmds[k]->ok);
	printf("abi_fuzz: cmd random calls=%lu ok=%lu\n", unknown_calls,
	       unknown_ok);
	printf("abi_fuzz: %s\n", unexpected ? "FAIL" : "PASS");
}
