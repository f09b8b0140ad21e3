// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng: the stream consumer shared by record and attach.
 *
 * Every stream fd is copied, packet by packet, to its own file in
 * DIR/kernel, as lttng-consumerd does:
 *
 *   GET_NEXT_SUBBUF --EAGAIN--> nothing complete now: try later
 *        |          --ENODATA-> finalized and drained: end of stream
 *        0
 *        |
 *   GET_PADDED_SUBBUF_SIZE, GET_SEQ_NUM, GET_EVENTS_DISCARDED
 *        |
 *   mmap:   write(file, map + GET_MMAP_READ_OFFSET, padded)
 *   splice: splice(stream, &off, pipe) then splice(pipe, file), from
 *           off = 0 until padded bytes have moved
 *        |
 *   PUT_NEXT_SUBBUF
 *
 * Each file is therefore the stream's packets back to back, each padded to
 * a page multiple.  The metadata stream is read through mmap and has no
 * packet context.
 *
 * With a copy directory (record --output both), every stream, the metadata
 * stream included, is read both ways: each held packet is written through
 * the mapping to DIR/kernel, then spliced to the file of the same name in
 * COPY/kernel, and only then put.  The two traces hold the same packets,
 * so they must be identical byte for byte.
 *
 * Data streams are waited for with poll(): POLLIN or POLLPRI when a
 * sub-buffer is ready, POLLHUP when finalized and drained.  poll() is only
 * a hint: the loop reads until GET_NEXT_SUBBUF says EAGAIN or ENODATA, and
 * a sweep over every stream on a timer catches any wake-up the kernel did
 * not send.  A stream that polls ready and then has nothing (a writer
 * still committing, or POLLHUP before ENODATA) leaves the poll set until
 * that sweep, so that it cannot spin the loop.  The metadata stream is not
 * polled: it is drained after every poll.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/lttng.h>

#include "consumer.h"

/* Largest pipe asked for; a larger pipe means fewer splice() calls. */
#define LTTNG_PIPE_SIZE		(1024 * 1024)

/* Bounce buffer for output file systems that refuse splice(). */
static char bounce[64 * 1024];

static int stream_failed(struct lttng_consumer *c, struct lttng_stream *s)
{
	s->failed = true;
	s->done = true;
	c->error = true;
	return -1;
}

static int stream_ioctl_fail(struct lttng_consumer *c, struct lttng_stream *s,
			     const char *what)
{
	lttng_error("%s: %s: %s", s->name, what, strerror(errno));
	return stream_failed(c, s);
}

/* The file of a stream in the trace, or with @copy in the splice copy. */
static int stream_file(const struct lttng_stream *s, bool copy)
{
	return copy ? s->copy_fd : s->out_fd;
}

static const char *consumer_dir(const struct lttng_consumer *c, bool copy)
{
	return copy ? c->copy_dir : c->dir;
}

/* Cut a file back to the packets already accounted for. */
static void stream_truncate(struct lttng_consumer *c, struct lttng_stream *s,
			    bool copy)
{
	if (ftruncate(stream_file(s, copy), (off_t)s->bytes) < 0)
		lttng_warn("%s/%s ends with a partial packet",
			   consumer_dir(c, copy), s->name);
}

/* Keep whole packets only: a reader would choke on half of one. */
static int stream_write_fail(struct lttng_consumer *c, struct lttng_stream *s,
			     bool copy)
{
	lttng_error("cannot write %s/%s: %s", consumer_dir(c, copy), s->name,
		    strerror(errno));
	stream_truncate(c, s, copy);
	return stream_failed(c, s);
}

static int stream_get_u64(struct lttng_consumer *c, struct lttng_stream *s,
			  unsigned long req, const char *what, u64 *val)
{
	__u64 v;

	if (lttng_ioctl(s->fd, req, &v) < 0)
		return stream_ioctl_fail(c, s, what);
	*val = v;
	return 0;
}

/* A new pipe is the only sure way to get rid of half a packet. */
static int consumer_pipe_reset(struct lttng_consumer *c)
{
	int fds[2], size;

	if (pipe2(fds, O_CLOEXEC) < 0) {
		lttng_error("cannot create a pipe: %s", strerror(errno));
		return -1;
	}
	if (c->pipe[0] >= 0) {
		close(c->pipe[0]);
		close(c->pipe[1]);
	}
	c->pipe[0] = fds[0];
	c->pipe[1] = fds[1];
	/* Best effort: the default 64 KiB pipe works, with more calls. */
	fcntl(fds[1], F_SETPIPE_SZ, LTTNG_PIPE_SIZE);
	size = fcntl(fds[1], F_GETPIPE_SZ);
	c->pipe_size = size > 0 ? (size_t)size : 64 * 1024;
	return 0;
}

/* Move up to @len bytes from the pipe to @out; like splice(). */
static ssize_t pipe_move(struct lttng_consumer *c, int out, size_t len)
{
	ssize_t n;

	if (!c->no_splice_out) {
		n = splice(c->pipe[0], NULL, out, NULL, len,
			   SPLICE_F_MOVE | SPLICE_F_MORE);
		if (n >= 0 || errno != EINVAL)
			return n;
		/* This file system cannot splice: copy from now on. */
		c->no_splice_out = true;
	}
	n = read(c->pipe[0], bounce, len < sizeof(bounce) ? len : sizeof(bounce));
	if (n > 0 && lttng_write_all(out, bounce, (size_t)n))
		return -1;
	return n;
}

/* Move the @len bytes that are in the pipe to the stream's file. */
static int pipe_to_file(struct lttng_consumer *c, struct lttng_stream *s,
			size_t len, bool copy)
{
	while (len) {
		ssize_t n = pipe_move(c, stream_file(s, copy), len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!n)
				errno = EIO;
			return stream_write_fail(c, s, copy);
		}
		len -= (size_t)n;
	}
	return 0;
}

/* Splice the held packet to the stream's file, or to its copy. */
static int stream_write_splice(struct lttng_consumer *c, struct lttng_stream *s,
			       u64 padded, bool copy)
{
	loff_t off = 0;

	while ((u64)off < padded) {
		u64 left = padded - (u64)off;
		size_t chunk = left < c->pipe_size ? (size_t)left : c->pipe_size;
		ssize_t n;

		/* splice() advances off; the pipe is empty here. */
		n = splice(s->fd, &off, c->pipe[1], NULL, chunk,
			   SPLICE_F_MOVE | SPLICE_F_MORE);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			stream_ioctl_fail(c, s, "cannot splice the sub-buffer");
			break;
		}
		if (!n) {
			lttng_error("%s: sub-buffer ended after %lld of %llu bytes",
				    s->name, (long long)off, padded);
			stream_failed(c, s);
			break;
		}
		if (pipe_to_file(c, s, (size_t)n, copy))
			break;
	}
	if (!s->failed)
		return 0;
	/* Whole packets only, whichever side failed. */
	stream_truncate(c, s, copy);
	consumer_pipe_reset(c);
	return -1;
}

static int stream_write_mmap(struct lttng_consumer *c, struct lttng_stream *s,
			     u64 padded)
{
	u64 off;

	if (stream_get_u64(c, s, LTTNG_ABI_RB_GET_MMAP_READ_OFFSET,
			   "cannot get the read offset", &off))
		return -1;
	if (off > s->map_len || padded > s->map_len - off) {
		lttng_error("%s: packet at %llu (%llu bytes) is outside the %zu-byte mapping",
			    s->name, off, padded, s->map_len);
		return stream_failed(c, s);
	}
	if (lttng_write_all(s->out_fd, (char *)s->map + off, (size_t)padded))
		return stream_write_fail(c, s, false);
	return 0;
}

/*
 * Write the held packet.  BOTH: through the mapping, then through splice
 * into the copy; if the second fails, the first file loses the packet
 * too, so that both keep the same whole packets.
 */
static int stream_write(struct lttng_consumer *c, struct lttng_stream *s,
			u64 padded)
{
	switch (s->mode) {
	case LTTNG_READ_MMAP:
		return stream_write_mmap(c, s, padded);
	case LTTNG_READ_BOTH:
		if (stream_write_mmap(c, s, padded))
			return -1;
		if (!stream_write_splice(c, s, padded, true))
			return 0;
		stream_truncate(c, s, false);
		return -1;
	default:
		return stream_write_splice(c, s, padded, false);
	}
}

static void stream_account_seq(struct lttng_consumer *c, struct lttng_stream *s,
			       u64 seq)
{
	if (!s->have_seq) {
		s->have_seq = true;
		s->first_seq = seq;
		if (c->count_lost_before) {
			s->lost_before = seq - s->read_before;
			s->lost += s->lost_before;
		}
	} else if (seq > s->last_seq) {
		s->lost += seq - s->last_seq - 1;
	} else {
		lttng_warn("%s: packet sequence number went from %llu to %llu",
			   s->name, s->last_seq, seq);
	}
	s->last_seq = seq;
}

/**
 * struct lttng_packet - what the held sub-buffer's getters said
 * @padded: bytes to write, a page multiple
 * @seq: packet sequence number (data streams)
 * @discarded: events discarded so far, cumulative (data streams)
 */
struct lttng_packet {
	u64 padded;
	u64 seq;
	u64 discarded;
};

static int stream_packet_info(struct lttng_consumer *c, struct lttng_stream *s,
			      struct lttng_packet *p)
{
	if (stream_get_u64(c, s, LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE,
			   "cannot get the padded sub-buffer size", &p->padded))
		return -1;
	if (s->metadata)
		return 0;
	if (stream_get_u64(c, s, LTTNG_ABI_RB_GET_SEQ_NUM,
			   "cannot get the packet sequence number", &p->seq) ||
	    stream_get_u64(c, s, LTTNG_ABI_RB_GET_EVENTS_DISCARDED,
			   "cannot get the discarded event count",
			   &p->discarded))
		return -1;
	return 0;
}

/*
 * While the first packet, of sequence number @seq, is held: how many of
 * the packets before it an earlier reader consumed (they are not lost).
 * A kernel without the counters answers ENOTTY: all of them count as
 * lost, as they may be.
 */
static void stream_read_before(struct lttng_stream *s, u64 seq)
{
	struct lttng_abi_rb_stats st = { 0 };

	if (lttng_ioctl(s->fd, LTTNG_ABI_RB_GET_STATS, &st) < 0)
		return;
	s->read_before = st.packets_read < seq ? st.packets_read : seq;
}

/* Account for a packet now in the file. */
static void stream_account(struct lttng_consumer *c, struct lttng_stream *s,
			   const struct lttng_packet *p)
{
	s->packets++;
	s->bytes += p->padded;
	if (s->metadata)
		return;
	stream_account_seq(c, s, p->seq);
	s->discarded = p->discarded;
}

/*
 * Copy one packet to the file.
 * Return: 1 if one was copied, 0 if none is ready or the stream ended,
 * -1 if the stream failed.
 */
static int stream_read_packet(struct lttng_consumer *c, struct lttng_stream *s)
{
	struct lttng_packet p = { 0 };
	int ret;

	if (lttng_ioctl(s->fd, LTTNG_ABI_RB_GET_NEXT_SUBBUF, NULL) < 0) {
		if (errno == EAGAIN)
			return 0;
		if (errno == ENODATA) {
			s->done = true;
			return 0;
		}
		return stream_ioctl_fail(c, s, "cannot get the next sub-buffer");
	}
	ret = stream_packet_info(c, s, &p);
	if (!ret && !s->have_seq && !s->metadata && c->count_lost_before)
		stream_read_before(s, p.seq);
	if (!ret)
		ret = stream_write(c, s, p.padded);
	if (ret) {
		/* Release it unconsumed: a later reader may have better luck. */
		lttng_ioctl(s->fd, LTTNG_ABI_RB_PUT_SUBBUF, NULL);
		return -1;
	}
	stream_account(c, s, &p);
	if (lttng_ioctl(s->fd, LTTNG_ABI_RB_PUT_NEXT_SUBBUF, NULL) < 0)
		return stream_ioctl_fail(c, s, "cannot release the sub-buffer");
	return 1;
}

/* Read up to @max packets (0: no limit) until nothing is ready. */
static unsigned int stream_consume(struct lttng_consumer *c,
				   struct lttng_stream *s, unsigned int max)
{
	unsigned int n = 0;

	while (!s->done && (!max || n < max) && stream_read_packet(c, s) > 0)
		n++;
	return n;
}

/**
 * lttng_consumer_reset - make a consumer with nothing to close
 * @c: the consumer
 *
 * lttng_consumer_fini() may then be called on it, initialized or not.
 */
void lttng_consumer_reset(struct lttng_consumer *c)
{
	memset(c, 0, sizeof(*c));
	c->dir_fd = -1;
	c->copy_dir_fd = -1;
	c->pipe[0] = -1;
	c->pipe[1] = -1;
}

/**
 * lttng_consumer_init - prepare DIR/kernel and the splice pipe
 * @c: the consumer
 * @dir: the trace directory DIR; created if needed
 * @count_lost_before: count packets before the first one read as lost
 *
 * Return: 0, or -1 after printing why.
 */
int lttng_consumer_init(struct lttng_consumer *c, const char *dir,
			bool count_lost_before)
{
	lttng_consumer_reset(c);
	c->count_lost_before = count_lost_before;
	if (asprintf(&c->dir, "%s/kernel", dir) < 0) {
		c->dir = NULL;
		lttng_error("out of memory");
		return -1;
	}
	if (lttng_mkdir_p(c->dir))
		return -1;
	c->dir_fd = open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c->dir_fd < 0) {
		lttng_error("cannot open %s: %s", c->dir, strerror(errno));
		return -1;
	}
	return consumer_pipe_reset(c);
}

/**
 * lttng_consumer_init_copy - also splice every packet into a second trace
 * @c: the consumer, initialized, with no stream yet
 * @copy: the second trace directory COPY; created if needed
 *
 * Every stream added from now on, the metadata stream included, is read
 * both ways: through the mapping into DIR/kernel, and through splice into
 * COPY/kernel (see the top of this file).
 *
 * Return: 0, or -1 after printing why.
 */
int lttng_consumer_init_copy(struct lttng_consumer *c, const char *copy)
{
	if (asprintf(&c->copy_dir, "%s/kernel", copy) < 0) {
		c->copy_dir = NULL;
		lttng_error("out of memory");
		return -1;
	}
	if (lttng_mkdir_p(c->copy_dir))
		return -1;
	c->copy_dir_fd = open(c->copy_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c->copy_dir_fd < 0) {
		lttng_error("cannot open %s: %s", c->copy_dir, strerror(errno));
		return -1;
	}
	return 0;
}

static int stream_map(struct lttng_stream *s, enum lttng_read_mode mode)
{
	__u64 len;

	s->mode = LTTNG_READ_SPLICE;
	if (mode == LTTNG_READ_SPLICE)
		return 0;
	/* BOTH needs the mapping: no fallback to splice alone. */
	if (lttng_ioctl(s->fd, LTTNG_ABI_RB_GET_MMAP_LEN, &len) < 0) {
		/* A splice channel has no mapping: AUTO falls back to it. */
		if (mode == LTTNG_READ_AUTO && errno == EINVAL)
			return 0;
		lttng_error("%s: cannot get the mmap length: %s%s", s->name,
			    strerror(errno), errno == EINVAL ?
			    " (a splice channel? try --output splice)" : "");
		return -1;
	}
	if (!len || len > SIZE_MAX) {
		lttng_error("%s: bad mmap length %llu", s->name,
			    (unsigned long long)len);
		return -1;
	}
	s->map = mmap(NULL, (size_t)len, PROT_READ, MAP_SHARED, s->fd, 0);
	if (s->map == MAP_FAILED) {
		s->map = NULL;
		lttng_error("%s: cannot map the buffer: %s", s->name,
			    strerror(errno));
		return -1;
	}
	s->map_len = (size_t)len;
	s->mode = mode == LTTNG_READ_BOTH ? LTTNG_READ_BOTH : LTTNG_READ_MMAP;
	return 0;
}

static int consumer_grow(struct lttng_consumer *c)
{
	unsigned int n = c->nr_streams + 1;
	void *p;

	p = realloc(c->streams, n * sizeof(*c->streams));
	if (!p)
		return -1;
	c->streams = p;
	p = realloc(c->pollfds, n * sizeof(*c->pollfds));
	if (!p)
		return -1;
	c->pollfds = p;
	p = realloc(c->polled, n * sizeof(*c->polled));
	if (!p)
		return -1;
	c->polled = p;
	return 0;
}

/**
 * lttng_consumer_add - add a stream and create its file
 * @c: the consumer
 * @fd: the stream fd; the consumer owns it from now on, even on failure
 * @name: the file name in DIR/kernel
 * @metadata: the metadata stream
 * @mode: how to read it; the metadata stream is mapped; with a copy
 *	  directory (lttng_consumer_init_copy()), every stream is read both
 *	  ways, whatever @mode says
 *
 * Return: 0, or -1 after printing why.
 */
int lttng_consumer_add(struct lttng_consumer *c, int fd, const char *name,
		       bool metadata, enum lttng_read_mode mode)
{
	struct lttng_stream *s;

	if (consumer_grow(c)) {
		lttng_error("out of memory");
		close(fd);
		return -1;
	}
	s = &c->streams[c->nr_streams++];
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->copy_fd = -1;
	s->metadata = metadata;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->out_fd = openat(c->dir_fd, s->name,
			   O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (s->out_fd < 0) {
		lttng_error("cannot create %s/%s: %s", c->dir, s->name,
			    strerror(errno));
		return -1;
	}
	if (c->copy_dir) {
		mode = LTTNG_READ_BOTH;
		s->copy_fd = openat(c->copy_dir_fd, s->name,
				    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
				    0666);
		if (s->copy_fd < 0) {
			lttng_error("cannot create %s/%s: %s", c->copy_dir,
				    s->name, strerror(errno));
			return -1;
		}
	} else if (metadata) {
		mode = LTTNG_READ_MMAP;
	}
	return stream_map(s, mode);
}

/**
 * lttng_consumer_add_channel - add every stream of a data channel
 * @c: the consumer
 * @chan_fd: the channel fd
 * @index: the channel's number: its k-th stream goes to channel<index>_<k>
 * @mode: how to read the streams
 *
 * STREAM gives one stream per CPU buffer, in CPU order, then ENOENT.  The
 * file name follows that order, so stream k is CPU k's.
 *
 * Return: 0, or -1 after printing why.
 */
int lttng_consumer_add_channel(struct lttng_consumer *c, int chan_fd,
			       unsigned int index, enum lttng_read_mode mode)
{
	char name[LTTNG_STREAM_NAME_LEN];
	unsigned int k;
	int fd;

	for (k = 0; ; k++) {
		fd = lttng_ioctl_fd(chan_fd, LTTNG_ABI_STREAM, NULL);
		if (fd < 0)
			break;
		snprintf(name, sizeof(name), "channel%u_%u", index, k);
		if (lttng_consumer_add(c, fd, name, false, mode))
			return -1;
	}
	if (errno == ENOENT && k)
		return 0;
	if (errno == ENOENT)
		lttng_error("channel%u has no stream to read", index);
	else
		lttng_error("cannot open stream %u of channel%u: %s", k, index,
			    strerror(errno));
	return -1;
}

/**
 * lttng_consumer_add_metadata - create the metadata channel and add its stream
 * @c: the consumer
 * @session_fd: the session
 * @chan_fd: set to the metadata channel fd, or -1; the caller closes it
 *
 * The metadata channel is what lttng-sessiond creates: two sub-buffers of
 * a page (4 KiB at least), mmap output.  It reads the session's metadata
 * from the start.
 *
 * Return: 0, or -1 after printing why.
 */
int lttng_consumer_add_metadata(struct lttng_consumer *c, int session_fd,
				int *chan_fd)
{
	struct lttng_abi_channel attr;
	long page = sysconf(_SC_PAGESIZE);
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.subbuf_size = page > 4096 ? (u64)page : 4096;
	attr.num_subbuf = 2;
	attr.output = LTTNG_ABI_OUTPUT_MMAP;
	*chan_fd = lttng_ioctl_fd(session_fd, LTTNG_ABI_METADATA, &attr);
	if (*chan_fd < 0) {
		lttng_error("cannot create the metadata channel: %s",
			    strerror(errno));
		return -1;
	}
	fd = lttng_ioctl_fd(*chan_fd, LTTNG_ABI_STREAM, NULL);
	if (fd < 0) {
		lttng_error("cannot open the metadata stream: %s",
			    strerror(errno));
		return -1;
	}
	return lttng_consumer_add(c, fd, "metadata", true, LTTNG_READ_MMAP);
}

static bool consumer_has_file(const struct lttng_consumer *c, const char *name)
{
	unsigned int i;

	for (i = 0; i < c->nr_streams; i++)
		if (!strcmp(c->streams[i].name, name))
			return true;
	return false;
}

static void consumer_check_stale_dir(struct lttng_consumer *c, bool copy)
{
	struct dirent *de;
	DIR *d;
	int fd;

	fd = openat(copy ? c->copy_dir_fd : c->dir_fd, ".",
		    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (!consumer_has_file(c, de->d_name))
			lttng_warn("%s/%s is not part of this trace",
				   consumer_dir(c, copy), de->d_name);
	}
	closedir(d);
}

/**
 * lttng_consumer_check_stale - warn about files an earlier trace left
 * @c: the consumer, with all its streams added
 *
 * A reader takes every file in DIR/kernel as part of the trace, so a
 * stream file of another run makes the trace unreadable.  The same goes
 * for the splice copy.
 */
void lttng_consumer_check_stale(struct lttng_consumer *c)
{
	consumer_check_stale_dir(c, false);
	if (c->copy_dir)
		consumer_check_stale_dir(c, true);
}

/**
 * lttng_consumer_sweep - read every stream, whatever poll() says
 * @c: the consumer
 * @max: packets per stream at most, 0 for no limit: until the kernel says
 *	 EAGAIN or ENODATA
 */
void lttng_consumer_sweep(struct lttng_consumer *c, unsigned int max)
{
	unsigned int i;

	for (i = 0; i < c->nr_streams; i++) {
		c->streams[i].stalled = false;
		stream_consume(c, &c->streams[i], max);
	}
}

static void consumer_drain_metadata(struct lttng_consumer *c)
{
	unsigned int i;

	for (i = 0; i < c->nr_streams; i++)
		if (c->streams[i].metadata)
			stream_consume(c, &c->streams[i], 0);
}

static void consumer_poll_event(struct lttng_consumer *c,
				struct lttng_stream *s, short revents)
{
	if (revents & POLLNVAL) {
		lttng_error("%s: the stream fd is not valid", s->name);
		stream_failed(c, s);
		return;
	}
	/*
	 * POLLIN/POLLPRI: data.  POLLHUP: GET_NEXT_SUBBUF says ENODATA.
	 * POLLERR: it says why.
	 */
	if (!stream_consume(c, s, LTTNG_CONSUME_BATCH) && !s->done)
		s->stalled = true;
}

/**
 * lttng_consumer_wait - wait for data, then read what is ready
 * @c: the consumer
 * @timeout_ms: how long to wait at most
 * @mask: the signal mask while waiting (see ppoll())
 *
 * A signal ends the wait early; that is not an error.
 *
 * Return: 0, or -1 if poll() failed.
 */
int lttng_consumer_wait(struct lttng_consumer *c, s64 timeout_ms,
			const sigset_t *mask)
{
	struct timespec ts;
	unsigned int i, n = 0;
	int ret;

	if (timeout_ms < 0)
		timeout_ms = 0;
	ts.tv_sec = timeout_ms / 1000;
	ts.tv_nsec = (timeout_ms % 1000) * 1000000;
	for (i = 0; i < c->nr_streams; i++) {
		struct lttng_stream *s = &c->streams[i];

		if (s->metadata || s->done || s->stalled)
			continue;
		c->pollfds[n].fd = s->fd;
		c->pollfds[n].events = POLLIN | POLLPRI;
		c->pollfds[n].revents = 0;
		c->polled[n++] = s;
	}
	ret = ppoll(c->pollfds, n, &ts, mask);
	if (ret < 0 && errno != EINTR) {
		lttng_error("cannot poll the streams: %s", strerror(errno));
		return -1;
	}
	for (i = 0; ret > 0 && i < n; i++)
		if (c->pollfds[i].revents)
			consumer_poll_event(c, c->polled[i],
					    c->pollfds[i].revents);
	consumer_drain_metadata(c);
	return 0;
}

/**
 * lttng_consumer_flush - close the current packet of every live stream
 * @c: the consumer
 * @cmd: LTTNG_ABI_RB_FLUSH or LTTNG_ABI_RB_FLUSH_EMPTY
 * @metadata: the metadata stream too
 *
 * Return: 0, or -1 if some stream refused (after printing why).
 */
int lttng_consumer_flush(struct lttng_consumer *c, unsigned long cmd,
			 bool metadata)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < c->nr_streams; i++) {
		struct lttng_stream *s = &c->streams[i];

		if (s->done || (s->metadata && !metadata))
			continue;
		if (lttng_ioctl(s->fd, cmd, NULL) < 0) {
			lttng_error("%s: cannot flush: %s", s->name,
				    strerror(errno));
			c->error = true;
			ret = -1;
		}
	}
	return ret;
}

/* Whether every data stream has ended or failed. */
bool lttng_consumer_done(const struct lttng_consumer *c)
{
	unsigned int i;

	for (i = 0; i < c->nr_streams; i++)
		if (!c->streams[i].metadata && !c->streams[i].done)
			return false;
	return true;
}

static void stream_report(const struct lttng_stream *s)
{
	const char *failed = s->failed ? ", read error: incomplete" : "";
	char seq[48] = "-", before[48] = "";

	if (s->metadata) {
		lttng_info("%s: %llu packets, %llu bytes%s",
			   s->name, s->packets, s->bytes, failed);
		return;
	}
	if (s->have_seq)
		snprintf(seq, sizeof(seq), "%llu-%llu",
			 s->first_seq, s->last_seq);
	if (s->read_before)
		snprintf(before, sizeof(before), " (%llu before it read earlier)",
			 s->read_before);
	lttng_info("%s: %llu packets, %llu bytes, seq %s%s, %llu lost packets (%llu overwritten before attach), %llu events discarded%s",
		   s->name, s->packets, s->bytes, seq, before, s->lost,
		   s->lost_before, s->discarded, failed);
}

/**
 * lttng_consumer_report - print what was read and what was lost
 * @c: the consumer
 *
 * One line per stream, then a total, on stderr.
 */
void lttng_consumer_report(const struct lttng_consumer *c)
{
	u64 packets = 0, bytes = 0, lost = 0, before = 0, discarded = 0;
	u64 read_before = 0;
	unsigned int i;

	for (i = 0; i < c->nr_streams; i++) {
		const struct lttng_stream *s = &c->streams[i];

		stream_report(s);
		packets += s->packets;
		bytes += s->bytes;
		lost += s->lost;
		before += s->lost_before;
		read_before += s->read_before;
		discarded += s->discarded;
	}
	if (read_before)
		lttng_info("total: %llu packets before the first ones read were read by an earlier reader",
			   read_before);
	lttng_info("total: %u streams, %llu packets, %llu bytes, %llu lost packets (%llu overwritten before attach), %llu events discarded",
		   c->nr_streams, packets, bytes, lost, before, discarded);
	if (c->copy_dir)
		lttng_info("every packet read through mmap into %s and through splice into %s",
			   c->dir, c->copy_dir);
}

/**
 * lttng_consumer_fini - unmap and close everything
 * @c: the consumer; reset on return
 *
 * Return: 0, or -1 if a trace file could not be written out.
 */
int lttng_consumer_fini(struct lttng_consumer *c)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < c->nr_streams; i++) {
		struct lttng_stream *s = &c->streams[i];

		if (s->map)
			munmap(s->map, s->map_len);
		close(s->fd);
		if (s->out_fd >= 0 && close(s->out_fd) < 0) {
			lttng_error("cannot write %s/%s: %s", c->dir, s->name,
				    strerror(errno));
			ret = -1;
		}
		if (s->copy_fd >= 0 && close(s->copy_fd) < 0) {
			lttng_error("cannot write %s/%s: %s", c->copy_dir,
				    s->name, strerror(errno));
			ret = -1;
		}
	}
	if (c->dir_fd >= 0)
		close(c->dir_fd);
	if (c->copy_dir_fd >= 0)
		close(c->copy_dir_fd);
	if (c->pipe[0] >= 0) {
		close(c->pipe[0]);
		close(c->pipe[1]);
	}
	free(c->streams);
	free(c->pollfds);
	free(c->polled);
	free(c->dir);
	free(c->copy_dir);
	lttng_consumer_reset(c);
	return ret;
}
