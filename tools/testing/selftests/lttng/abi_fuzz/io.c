// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: the stream fds: mmap, munmap, mprotect and mremap, read,
 * splice, poll and epoll, and a consumer's read sequence.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/mman.h>

#include "abi_fuzz.h"

/* ---- mappings ---------------------------------------------------------- */

struct map maps[MAX_MAPS];
int nmaps;

void map_del(int i)
{
	if (maps[i].file >= 0)
		sfiles[maps[i].file].nmaps--;
	maps[i] = maps[--nmaps];
}

int map_find(int file)
{
	int i;

	for (i = 0; i < nmaps; i++)
		if (maps[i].file == file && maps[i].whole)
			return i;
	return -1;
}

static void drain_pipe(void);

/* Copy len bytes at addr through a pipe: the kernel reads, never us. */
bool peek(const void *addr, void *out, size_t len)
{
	ssize_t w, r;

	drain_pipe();
	w = write(pipe_w, addr, len);
	if (w != (ssize_t)len)
		return false;
	r = read(pipe_r, out, len);
	return r == (ssize_t)len;
}

static void drain_pipe(void)
{
	char buf[4096];

	while (read(pipe_r, buf, sizeof(buf)) > 0)
		;
}

/* mmap a stream fd: as consumerd does when valid, or with odd values. */
static void op_mmap(int oi, bool valid)
{
	struct obj *o = &objs[oi];
	__u64 len = 0;
	size_t mlen;
	off_t off = 0;
	int prot = PROT_READ, flags = chance(50) ? MAP_SHARED : MAP_PRIVATE;
	bool whole;
	uint8_t *m;

	if (nmaps >= MAX_MAPS)
		return;
	if (o->kind == K_STREAM || o->kind == K_MSTREAM)
		ioctl_u64(oi, LTTNG_ABI_RB_GET_MMAP_LEN, &len);
	mlen = len;
	if (valid && !len)
		return;
	if (valid)
		goto map;
	if (!len || chance(20)) {
		static const size_t odd[] = { 0, 4096, 8192, 1 << 20, 1UL << 30 };

		mlen = chance(50) || !len ? PICK(odd) :
			len + PAGE * (below(3) - 1);
	}
	if (chance(10))
		off = PAGE * (1 + below(4));
	if (chance(10))
		prot |= PROT_WRITE;
	if (chance(5))
		prot = chance(50) ? PROT_NONE : PROT_READ | PROT_EXEC;
map:
	whole = len && mlen == len && !off;
	snprintf(cur_op, sizeof(cur_op), "mmap fd %d (%s) len %zu off %ld",
		 o->fd, kind_name[o->kind], mlen, (long)off);
	trace("mmap fd=%d %s len=%zu off=%ld prot=%d flags=%d", o->fd,
	      kind_name[o->kind], mlen, (long)off, prot, flags);
	calls[o->kind]++;
	m = mmap(NULL, mlen, prot, flags, o->fd, off);
	if (m == MAP_FAILED) {
		trace("= %s", errname(errno));
		if (!ERRNO_OK(errno, mmap_errnos))
			fail("mmap of a %s fd, len %zu: %s", kind_name[o->kind],
			     mlen, errname(errno));
		return;
	}
	trace("= %p", m);
	if (o->kind != K_STREAM && o->kind != K_MSTREAM) {
		fail("mmap of a %s fd succeeded", kind_name[o->kind]);
		munmap(m, mlen);
		return;
	}
	if (!whole && len)
		fail("mmap of a %s fd with len %zu off %ld (mmap len %llu) succeeded",
		     kind_name[o->kind], mlen, (long)off, len);
	if (prot & PROT_WRITE)
		fail("a writable mapping of a %s fd succeeded", kind_name[o->kind]);
	n_mmap_ok++;
	maps[nmaps].addr = m;
	maps[nmaps].len = mlen;
	maps[nmaps].file = o->file;
	maps[nmaps].whole = whole && prot == PROT_READ;
	maps[nmaps].kind = o->kind;
	if (o->file >= 0)
		sfiles[o->file].nmaps++;
	nmaps++;
	/* Every page the kernel mapped can be read. */
	if (prot & PROT_READ) {
		uint8_t b[8];
		size_t p;

		for (p = 0; p < mlen; p += PAGE * (1 + below(8)))
			if (!peek(m + p, b, 1)) {
				fail("page %zu of a new %s mapping is not readable",
				     p / PAGE, kind_name[o->kind]);
				break;
			}
	}
}

/* mprotect a mapping writable: that must fail. */
static void map_mprotect(struct map *mp)
{
	int prot = chance(50) ? PROT_READ | PROT_WRITE : PROT_READ | PROT_EXEC;
	int ret;

	trace("mprotect %p %zu %d", mp->addr, mp->len, prot);
	ret = mprotect(mp->addr, mp->len, prot);
	trace("= %d", ret);
	if (!ret && (prot & PROT_WRITE))
		fail("a %s mapping was made writable", kind_name[mp->kind]);
	if (!ret)
		mprotect(mp->addr, mp->len, PROT_READ);
}

/* Grow a mapping: that must fail. */
static void map_grow(struct map *mp)
{
	void *n;

	trace("mremap %p %zu grow", mp->addr, mp->len);
	n = mremap(mp->addr, mp->len, mp->len + PAGE, MREMAP_MAYMOVE);
	trace("= %p", n);
	if (n == MAP_FAILED)
		return;
	fail("a %s mapping of %zu bytes was grown by a page",
	     kind_name[mp->kind], mp->len);
	mp->addr = n;
	mp->len += PAGE;
	mp->whole = false;
}

/* Punch a page out of the middle of a mapping: two mappings. */
static void map_punch(struct map *mp)
{
	size_t at = PAGE * (1 + below(mp->len / PAGE - 2));

	trace("munmap %p+%zu one page", mp->addr, at);
	if (munmap(mp->addr + at, PAGE)) {
		fail("munmap of a page of a mapping: %s", errname(errno));
		return;
	}
	if (nmaps < MAX_MAPS) {
		maps[nmaps] = *mp;
		maps[nmaps].addr = mp->addr + at + PAGE;
		maps[nmaps].len = mp->len - at - PAGE;
		maps[nmaps].whole = false;
		if (mp->file >= 0)
			sfiles[mp->file].nmaps++;
		nmaps++;
	} else {
		munmap(mp->addr + at + PAGE, mp->len - at - PAGE);
	}
	mp->len = at;
	mp->whole = false;
}

/* munmap, mprotect or mremap on one of our mappings. */
void op_map_change(void)
{
	struct map *mp;
	int i, r;

	if (!nmaps)
		return;
	i = below(nmaps);
	mp = &maps[i];
	snprintf(cur_op, sizeof(cur_op), "change mapping %p len %zu",
		 mp->addr, mp->len);
	calls[mp->kind]++;
	r = below(6);
	if (r == 0) {
		map_mprotect(mp);
	} else if (r == 1) {
		map_grow(mp);
	} else if (r == 2 && mp->len >= 3 * PAGE) {
		map_punch(mp);
	} else if (r <= 3 && mp->len >= 2 * PAGE) {
		trace("munmap %p tail page", mp->addr);
		munmap(mp->addr + mp->len - PAGE, PAGE);
		mp->len -= PAGE;
		mp->whole = false;
	} else {
		trace("munmap %p %zu", mp->addr, mp->len);
		if (munmap(mp->addr, mp->len))
			fail("munmap: %s", errname(errno));
		map_del(i);
	}
	racer_quiesce();
}

/* ---- read, splice, poll ------------------------------------------------- */

/* Does poll() say @fd is readable now? */
static bool readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static void op_read(int oi)
{
	static const size_t lens[] = {
		0, 1, 7, 4096, 8192, 65536, 1 << 20, SSIZE_MAX,
	};
	struct obj *o = &objs[oi];
	size_t len = PICK(lens);
	off_t off = chance(60) ? 0 : (chance(50) ? PAGE * below(4) : below(9000));
	enum amode mode = chance(70) ? AM_GOOD : pick_amode();
	struct arg a = { .mode = mode };
	bool pos = chance(60), block = false;
	int flags = 0;
	ssize_t ret;

	place(&a, len < GOOD_SIZE ? len : 64);
	if (mode == AM_GOOD && len > GOOD_SIZE - (a.p - good))
		len = GOOD_SIZE - (a.p - good);
	if (chance(5))
		off = -1;
	/*
	 * A notification fd is non-blocking (model_new_fd()): a blocking
	 * read only when a record is queued, which no one else reads (the
	 * racer and forked children read stream fds only).
	 */
	if (o->kind == K_OTHER && chance(50) && readable(o->fd)) {
		flags = fcntl(o->fd, F_GETFL);
		block = flags >= 0 &&
			!fcntl(o->fd, F_SETFL, flags & ~O_NONBLOCK);
	}
	snprintf(cur_op, sizeof(cur_op), "read fd %d (%s) len %zu off %ld buf %s%s",
		 o->fd, kind_name[o->kind], len, (long)off, amode_name[mode],
		 block ? " blocking" : "");
	trace("%s fd=%d %s len=%zu off=%ld buf=%s 0x%lx%s",
	      pos ? "pread" : "read", o->fd, kind_name[o->kind], len,
	      (long)off, amode_name[mode], a.val, block ? " blocking" : "");
	calls[o->kind]++;
	ret = pos ? pread(o->fd, (void *)a.val, len, off) :
		read(o->fd, (void *)a.val, len);
	trace("= %zd %s", ret, ret < 0 ? errname(errno) : "");
	if (block)
		fcntl(o->fd, F_SETFL, flags);
	if (ret < 0) {
		if (!ERRNO_OK(errno, read_errnos))
			fail("read of a %s fd: %s", kind_name[o->kind],
			     errname(errno));
		return;
	}
	if ((size_t)ret > len)
		fail("read of %zu bytes from a %s fd returned %zd",
		     len, kind_name[o->kind], ret);
	/* A half-writable buffer takes a short read. */
	if (ret > 0 && (mode == AM_HALF ? (size_t)ret > a.size / 2 :
			amode_bad(mode) || mode == AM_RDONLY))
		fail("read of a %s fd into a bad buffer (%s) returned %zd",
		     kind_name[o->kind], amode_name[mode], ret);
	n_read_bytes += ret;
}

static void op_splice(int oi)
{
	static const size_t lens[] = { 0, 1, 4096, 8192, 65536, 1 << 20 };
	struct obj *o = &objs[oi];
	size_t len = PICK(lens);
	loff_t off = chance(70) ? 0 : (chance(50) ? PAGE * below(8) : below(9000));
	unsigned int flags = below(16) & (SPLICE_F_MOVE | SPLICE_F_NONBLOCK |
					  SPLICE_F_MORE);
	bool nooff = chance(10);
	ssize_t ret;

	snprintf(cur_op, sizeof(cur_op), "splice fd %d (%s) len %zu off %lld",
		 o->fd, kind_name[o->kind], len, (long long)off);
	trace("splice fd=%d %s len=%zu off=%lld%s flags=%u", o->fd,
	      kind_name[o->kind], len, (long long)off, nooff ? "(none)" : "",
	      flags);
	calls[o->kind]++;
	ret = splice(o->fd, nooff ? NULL : &off, pipe_w, NULL, len,
		     flags | SPLICE_F_NONBLOCK);
	trace("= %zd %s", ret, ret < 0 ? errname(errno) : "");
	if (ret < 0) {
		if (!ERRNO_OK(errno, read_errnos))
			fail("splice from a %s fd: %s", kind_name[o->kind],
			     errname(errno));
		return;
	}
	if ((size_t)ret > len)
		fail("splice of %zu bytes from a %s fd moved %zd", len,
		     kind_name[o->kind], ret);
	n_splice_bytes += ret;
	drain_pipe();
}

static void op_poll(void)
{
	struct pollfd p[4];
	int n = 1 + below(4), i, oi[4] = { 0 }, ret;
	short allowed = POLLIN | POLLRDNORM | POLLPRI | POLLRDBAND | POLLHUP |
		POLLERR | POLLOUT | POLLWRNORM;

	for (i = 0; i < n; i++) {
		oi[i] = chance(70) ? pick_obj(K_STREAMS | KB(K_CHANNEL)) :
			pick_obj(K_LTTNG);
		if (oi[i] < 0)
			return;
		p[i].fd = objs[oi[i]].fd;
		p[i].events = rnd();
		calls[objs[oi[i]].kind]++;
	}
	snprintf(cur_op, sizeof(cur_op), "poll %d fds", n);
	trace("poll %d fds, first fd=%d %s", n, p[0].fd,
	      kind_name[objs[oi[0]].kind]);
	ret = poll(p, n, 0);
	trace("= %d", ret);
	if (ret < 0) {
		fail("poll: %s", errname(errno));
		return;
	}
	for (i = 0; i < n; i++)
		if (p[i].revents & ~allowed)
			fail("poll of a %s fd: revents 0x%x", kind_name[objs[oi[i]].kind],
			     p[i].revents);
}

static void op_epoll(int oi)
{
	struct epoll_event ev = { .events = rnd() & (EPOLLIN | EPOLLPRI |
			EPOLLOUT | EPOLLRDNORM | EPOLLET | EPOLLONESHOT) };
	struct epoll_event out[8];
	struct obj *o = &objs[oi];
	int ret;

	snprintf(cur_op, sizeof(cur_op), "epoll fd %d (%s)", o->fd,
		 kind_name[o->kind]);
	calls[o->kind]++;
	ev.data.fd = o->fd;
	trace("epoll_ctl add fd=%d %s", o->fd, kind_name[o->kind]);
	ret = epoll_ctl(epfd, chance(80) ? EPOLL_CTL_ADD : EPOLL_CTL_DEL,
			o->fd, &ev);
	if (ret && errno != EEXIST && errno != ENOENT && errno != EPERM)
		fail("epoll_ctl of a %s fd: %s", kind_name[o->kind],
		     errname(errno));
	ret = epoll_wait(epfd, out, 8, 0);
	trace("epoll_wait = %d", ret);
	if (ret < 0)
		fail("epoll_wait: %s", errname(errno));
}

void op_io(void)
{
	int oi;

	if (chance(20)) {
		op_map_change();
		return;
	}
	if (chance(10)) {
		/* The list fds: read them whole, in pieces, or seek. */
		oi = ensure(K_LIST);
		if (oi >= 0)
			op_read(oi);
		return;
	}
	oi = chance(85) ? pick_obj(K_STREAMS) : pick_obj(K_LTTNG);
	if (oi < 0)
		return;
	switch (below(6)) {
	case 0:
		op_mmap(oi, chance(50));
		break;
	case 1:
		op_read(oi);
		break;
	case 2:
		op_splice(oi);
		break;
	case 3:
		op_poll();
		break;
	case 4:
		op_epoll(oi);
		break;
	default:
		if (objs[oi].kind == K_LIST && chance(50)) {
			trace("lseek fd=%d list", objs[oi].fd);
			calls[K_LIST]++;
			lseek(objs[oi].fd, below(4) * 64, SEEK_SET);
		} else {
			op_read(oi);
		}
	}
}

/* ---- a consumer's read sequence, with deviations --------------------------- */

static const unsigned int getters[] = {
	LTTNG_ABI_RB_GET_SUBBUF_SIZE, LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE,
	LTTNG_ABI_RB_GET_PACKET_SIZE, LTTNG_ABI_RB_GET_CONTENT_SIZE,
	LTTNG_ABI_RB_GET_TIMESTAMP_BEGIN, LTTNG_ABI_RB_GET_TIMESTAMP_END,
	LTTNG_ABI_RB_GET_EVENTS_DISCARDED, LTTNG_ABI_RB_GET_SEQ_NUM,
	LTTNG_ABI_RB_GET_STREAM_ID, LTTNG_ABI_RB_INSTANCE_ID,
	LTTNG_ABI_RB_GET_METADATA_VERSION, LTTNG_ABI_RB_GET_MMAP_READ_OFFSET,
};

void op_consume(void)
{
	int oi = pick_obj(K_STREAMS), i, n;
	bool meta;
	__u64 v = 0, padded = 0, size = 0;
	struct arg a;
	long ret;

	if (oi < 0)
		return;
	meta = objs[oi].kind == K_MSTREAM;
	if (objs[oi].file >= 0 && map_find(objs[oi].file) < 0 && chance(30))
		op_mmap(oi, true);
	if (chance(30)) {
		ioctl_good(oi, LTTNG_ABI_RB_SNAPSHOT_SAMPLE_POSITIONS, &a);
		ioctl_u64(oi, LTTNG_ABI_RB_SNAPSHOT_GET_CONSUMED, &last_pos[0]);
		ioctl_u64(oi, LTTNG_ABI_RB_SNAPSHOT_GET_PRODUCED, &last_pos[1]);
	}
	if (chance(30))
		ioctl_good(oi, chance(50) ? LTTNG_ABI_RB_FLUSH :
			   LTTNG_ABI_RB_FLUSH_EMPTY, &a);
	if (!meta && chance(15)) {
		/*
		 * The snapshot path: a packet by position.  As consumerd
		 * takes it, mostly: a flush, then the oldest packet, at the
		 * consumed position; otherwise one of the positions gen_arg()
		 * draws, near the sampled ones or anywhere.
		 */
		if (chance(50))
			ioctl_good(oi, LTTNG_ABI_RB_FLUSH, &a);
		if (ioctl_good(oi, LTTNG_ABI_RB_SNAPSHOT, &a))
			return;
		ioctl_u64(oi, LTTNG_ABI_RB_SNAPSHOT_GET_CONSUMED, &last_pos[0]);
		ioctl_u64(oi, LTTNG_ABI_RB_SNAPSHOT_GET_PRODUCED, &last_pos[1]);
		if (chance(70)) {
			a.mode = AM_GOOD;
			memcpy(scratch, &last_pos[0], sizeof(last_pos[0]));
			place(&a, sizeof(last_pos[0]));
			snprintf(a.desc, sizeof(a.desc), "good pos=%llu (consumed)",
				 (unsigned long long)last_pos[0]);
			ret = do_ioctl(oi, LTTNG_ABI_RB_GET_SUBBUF, &a);
		} else {
			ret = ioctl_good(oi, LTTNG_ABI_RB_GET_SUBBUF, &a);
		}
	} else if (meta && chance(20)) {
		ret = ioctl_good(oi, LTTNG_ABI_RB_GET_NEXT_SUBBUF_METADATA_CHECK,
				 &a);
	} else {
		ret = ioctl_good(oi, LTTNG_ABI_RB_GET_NEXT_SUBBUF, &a);
	}
	if (ret)
		return;
	if (meta)
		n_meta_packets++;
	else
		n_data_packets++;
	n = below(ARRAY_SIZE(getters) + 1);
	for (i = 0; i < n; i++)
		ioctl_u64(oi, PICK(getters), &v);
	if (!ioctl_u64(oi, LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE, &v))
		padded = v;
	if (!ioctl_u64(oi, LTTNG_ABI_RB_GET_SUBBUF_SIZE, &v))
		size = v;
	/* (The racer may put the packet between the two getters.) */
	if (size > padded && !racing)
		fail("a %s packet has %llu bytes of content in %llu padded",
		     kind_name[objs[oi].kind], size, padded);
	switch (below(4)) {
	case 0:
	case 3:
		check_magic(oi, meta);
		break;
	case 1:
		op_splice(oi);
		break;
	case 2:
		op_read(oi);
		break;
	default:
		break;
	}
	/* A reader that misbehaves: keep it held, or release it twice. */
	switch (below(20)) {
	case 0:
	case 1:
	case 2:
		return;
	case 3:
	case 4:
		ioctl_good(oi, LTTNG_ABI_RB_PUT_SUBBUF, &a);
		break;
	case 5:
		ioctl_good(oi, LTTNG_ABI_RB_PUT_NEXT_SUBBUF, &a);
		ioctl_good(oi, LTTNG_ABI_RB_PUT_NEXT_SUBBUF, &a);
		break;
	default:
		ioctl_good(oi, LTTNG_ABI_RB_PUT_NEXT_SUBBUF, &a);
	}
}
