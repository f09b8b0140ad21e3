// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: stream fds, the readers of ring buffers.
 *
 * A data stream reads one per-CPU buffer; a metadata stream reads a
 * metadata channel, which it refills from the session's metadata cache.
 * A stream holds its ring buffer (and the cache) but not the session: once
 * the session is destroyed, the stream drains what is left, then reports
 * -ENODATA and EPOLLHUP.  The data is read through mmap() at the held
 * packet's offset, or through read()/splice() from offset 0 of the held
 * packet.
 */

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/splice.h>
#include <linux/uaccess.h>
#include <linux/uio.h>

#include <linux/lttng/control.h>
#include <linux/lttng/ringbuffer.h>
#include <uapi/linux/lttng.h>

#include "fd.h"
#include "stream.h"

/**
 * struct lttng_stream - a stream fd's state
 * @buf: the ring buffer read
 * @ms: the metadata stream, or NULL for a data stream
 * @stream_id: CTF stream id of the channel
 * @snap_consumed: consumed position sampled by the last snapshot
 * @snap_produced: produced position sampled by the last snapshot
 */
struct lttng_stream {
	struct lttng_rb_buf *buf;
	struct lttng_metadata_stream *ms;
	u32 stream_id;
	unsigned long snap_consumed;
	unsigned long snap_produced;
};

static int lttng_stream_put_u64(void __user *uarg, u64 v)
{
	return put_user(v, (u64 __user *)uarg) ? -EFAULT : 0;
}

/* The packet getters: they read the held packet. */
static long lttng_stream_packet_ioctl(struct lttng_stream *s, unsigned int cmd,
				      void __user *uarg)
{
	struct lttng_rb_packet pkt;
	unsigned long off;
	u64 v;
	int ret;

	if (cmd == LTTNG_ABI_RB_GET_MMAP_READ_OFFSET) {
		ret = lttng_rb_mmap_read_offset(s->buf, &off);
		return ret ? ret : lttng_stream_put_u64(uarg, off);
	}
	ret = lttng_rb_held_packet(s->buf, &pkt);
	if (ret)
		return ret;
	switch (cmd) {
	case LTTNG_ABI_RB_GET_SUBBUF_SIZE:
		v = pkt.data_size;
		break;
	case LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE:
		v = lttng_rb_padded_size(&pkt);
		break;
	case LTTNG_ABI_RB_GET_TIMESTAMP_BEGIN:
		v = pkt.ts_begin;
		break;
	case LTTNG_ABI_RB_GET_TIMESTAMP_END:
		v = pkt.ts_end;
		break;
	case LTTNG_ABI_RB_GET_EVENTS_DISCARDED:
		v = pkt.lost;
		break;
	case LTTNG_ABI_RB_GET_CONTENT_SIZE:
		v = (u64)pkt.data_size * BITS_PER_BYTE;
		break;
	case LTTNG_ABI_RB_GET_PACKET_SIZE:
		v = (u64)lttng_rb_padded_size(&pkt) * BITS_PER_BYTE;
		break;
	case LTTNG_ABI_RB_GET_SEQ_NUM:
		v = pkt.seq;
		break;
	case LTTNG_ABI_RB_INSTANCE_ID:
		v = pkt.cpu;
		break;
	default:
		return -ENOTTY;
	}
	return lttng_stream_put_u64(uarg, v);
}

/* LTTNG_ABI_RB_GET_STATS: the counters of a data stream's buffer. */
static long lttng_stream_stats(struct lttng_stream *s, void __user *uarg)
{
	struct lttng_abi_rb_stats out = { .size = sizeof(out) };
	struct lttng_rb_stats st;

	lttng_rb_stats(s->buf, &st);
	out.records = st.records;
	out.lost_full = st.lost_full;
	out.lost_wrap = st.lost_wrap;
	out.lost_big = st.lost_big;
	out.lost_nest = st.lost_nest;
	out.lost_overwrite = st.lost_overwrite;
	out.packets_read = st.packets_read;
	out.packets_overwritten = st.packets_overwritten;
	return copy_to_user(uarg, &out, sizeof(out)) ? -EFAULT : 0;
}

static long lttng_stream_ioctl(struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	struct lttng_stream *s = file->private_data;
	const struct lttng_rb_config *cfg =
		lttng_rb_chan_config(lttng_rb_buf_chan(s->buf));
	void __user *uarg = (void __user *)arg;
	unsigned long consumed, produced;
	u64 pos;
	int ret;

	switch (cmd) {
	case LTTNG_ABI_RB_GET_NEXT_SUBBUF:
		if (s->ms)
			return lttng_metadata_stream_get_next(s->ms);
		return lttng_rb_get_next(s->buf);
	case LTTNG_ABI_RB_GET_SUBBUF:
		if (s->ms)
			return -ENOSYS;
		if (get_user(pos, (u64 __user *)uarg))
			return -EFAULT;
		return lttng_rb_get_at(s->buf, pos);
	case LTTNG_ABI_RB_PUT_SUBBUF:
		return lttng_rb_put(s->buf, false);
	case LTTNG_ABI_RB_PUT_NEXT_SUBBUF:
		return lttng_rb_put(s->buf, true);
	case LTTNG_ABI_RB_SNAPSHOT:
		ret = lttng_rb_snapshot(s->buf, &consumed, &produced);
		if (ret)
			return ret;
		s->snap_consumed = consumed;
		s->snap_produced = produced;
		return 0;
	case LTTNG_ABI_RB_SNAPSHOT_SAMPLE_POSITIONS:
		lttng_rb_sample_positions(s->buf, &s->snap_consumed,
					  &s->snap_produced);
		return 0;
	case LTTNG_ABI_RB_SNAPSHOT_GET_CONSUMED:
		return lttng_stream_put_u64(uarg, s->snap_consumed);
	case LTTNG_ABI_RB_SNAPSHOT_GET_PRODUCED:
		return lttng_stream_put_u64(uarg, s->snap_produced);
	case LTTNG_ABI_RB_GET_MAX_SUBBUF_SIZE:
		return lttng_stream_put_u64(uarg, cfg->subbuf_size);
	case LTTNG_ABI_RB_GET_MMAP_LEN:
		return lttng_stream_put_u64(uarg, lttng_rb_mmap_len(s->buf));
	case LTTNG_ABI_RB_FLUSH:
	case LTTNG_ABI_RB_FLUSH_EMPTY:
		if (s->ms)
			return lttng_metadata_stream_flush(s->ms);
		lttng_rb_buf_flush(s->buf, cmd == LTTNG_ABI_RB_FLUSH_EMPTY);
		return 0;
	case LTTNG_ABI_RB_CLEAR:
		if (s->ms)
			return -ENOTTY;
		lttng_rb_buf_clear(s->buf);
		return 0;
	case LTTNG_ABI_RB_METADATA_CACHE_DUMP:
		if (!s->ms)
			return -ENOTTY;
		return lttng_metadata_stream_cache_dump(s->ms);
	case LTTNG_ABI_RB_GET_METADATA_VERSION:
		if (!s->ms)
			return -ENOTTY;
		return lttng_stream_put_u64(uarg,
					    lttng_metadata_stream_version(s->ms));
	case LTTNG_ABI_RB_GET_STREAM_ID:
		return lttng_stream_put_u64(uarg, s->stream_id);
	case LTTNG_ABI_RB_GET_STATS:
		if (s->ms)
			return -ENOTTY;
		return lttng_stream_stats(s, uarg);
	case LTTNG_ABI_RB_GET_CURRENT_TIMESTAMP:
		return lttng_stream_put_u64(uarg, lttng_rb_clock_read());
	case LTTNG_ABI_RB_GET_SUBBUF_SIZE:
	case LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE:
	case LTTNG_ABI_RB_GET_MMAP_READ_OFFSET:
	case LTTNG_ABI_RB_GET_TIMESTAMP_BEGIN:
	case LTTNG_ABI_RB_GET_TIMESTAMP_END:
	case LTTNG_ABI_RB_GET_EVENTS_DISCARDED:
	case LTTNG_ABI_RB_GET_CONTENT_SIZE:
	case LTTNG_ABI_RB_GET_PACKET_SIZE:
	case LTTNG_ABI_RB_GET_SEQ_NUM:
	case LTTNG_ABI_RB_INSTANCE_ID:
		return lttng_stream_packet_ioctl(s, cmd, uarg);
	}
	return -ENOTTY;
}

static __poll_t lttng_stream_poll(struct file *file, poll_table *wait)
{
	struct lttng_stream *s = file->private_data;
	__poll_t mask;

	if (s->ms)
		lttng_metadata_stream_poll_wait(s->ms, file, wait);
	/*
	 * Always past this point: epoll queues on the wait queues of its
	 * first call only, and a metadata stream needs both, the cache's for
	 * new text and the ring buffer's for the hang-up.
	 */
	mask = lttng_rb_poll(s->buf, file, wait);
	if (s->ms && lttng_metadata_stream_pending(s->ms))
		return EPOLLIN | EPOLLRDNORM;
	return mask;
}

static int lttng_stream_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct lttng_stream *s = file->private_data;

	return lttng_rb_mmap(s->buf, vma);
}

/* read() and splice() read the held packet, from offset 0. */
static ssize_t lttng_stream_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct lttng_stream *s = iocb->ki_filp->private_data;
	ssize_t ret;

	ret = lttng_rb_read_held(s->buf, iocb->ki_pos, to);
	if (ret > 0)
		iocb->ki_pos += ret;
	return ret;
}

static ssize_t lttng_stream_splice_read(struct file *in, loff_t *ppos,
					struct pipe_inode_info *pipe,
					size_t len, unsigned int flags)
{
	if (!PAGE_ALIGNED(*ppos) || !PAGE_ALIGNED(len)) {
		pr_debug("lttng: splice offset and length must be page-aligned\n");
		return -EINVAL;
	}
	return copy_splice_read(in, ppos, pipe, len, flags);
}

static int lttng_stream_release(struct inode *inode, struct file *file)
{
	struct lttng_stream *s = file->private_data;

	if (s->ms)
		lttng_metadata_stream_release(s->ms);
	else
		lttng_rb_buf_release_reader(s->buf);
	kfree(s);
	return 0;
}

static const struct file_operations lttng_stream_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = lttng_stream_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.poll = lttng_stream_poll,
	.mmap = lttng_stream_mmap,
	.read_iter = lttng_stream_read_iter,
	.splice_read = lttng_stream_splice_read,
	.release = lttng_stream_release,
	.llseek = noop_llseek,
};

/**
 * lttng_abi_stream_fd() - a stream fd on the next buffer that has no reader
 * @chan: a data channel
 *
 * Return: the fd, -ENOENT once every buffer has its reader, or an errno.
 */
int lttng_abi_stream_fd(struct lttng_channel *chan)
{
	struct lttng_rb_chan *rb = lttng_channel_rb(chan);
	int i, n = lttng_rb_chan_nr_bufs(rb);
	struct lttng_rb_buf *buf = NULL;
	struct lttng_stream *s;
	int fd;

	for (i = 0; i < n; i++) {
		buf = lttng_rb_chan_buf(rb, i);
		if (buf && !lttng_rb_buf_open_reader(buf))
			break;
		buf = NULL;
	}
	if (!buf)
		return -ENOENT;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		fd = -ENOMEM;
		goto err;
	}
	s->buf = buf;
	s->stream_id = lttng_channel_id(chan);
	fd = lttng_abi_fd_install("[lttng_stream]", &lttng_stream_fops, s,
				  FMODE_PREAD);
	if (fd >= 0)
		return fd;
	kfree(s);
err:
	lttng_rb_buf_release_reader(buf);
	return fd;
}

/**
 * lttng_abi_metadata_stream_fd() - the stream fd of a metadata channel
 * @chan: the metadata channel
 *
 * Return: the fd, -EBUSY if the channel has its stream, or an errno.
 */
int lttng_abi_metadata_stream_fd(struct lttng_channel *chan)
{
	struct lttng_metadata_stream *ms;
	struct lttng_stream *s;
	int fd;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	ms = lttng_metadata_stream_open(chan);
	if (IS_ERR(ms)) {
		kfree(s);
		return PTR_ERR(ms);
	}
	s->ms = ms;
	s->buf = lttng_metadata_stream_buf(ms);
	fd = lttng_abi_fd_install("[lttng_stream]", &lttng_stream_fops, s,
				  FMODE_PREAD);
	if (fd < 0) {
		lttng_metadata_stream_release(ms);
		kfree(s);
	}
	return fd;
}
