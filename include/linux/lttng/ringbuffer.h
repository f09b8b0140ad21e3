/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the per-CPU lockless ring buffer library.
 *
 * A channel has one buffer per possible CPU (or a single one, for the
 * metadata stream).  A buffer is a ring of N sub-buffers of S bytes; each
 * sub-buffer holds one packet.  Writers reserve, write and commit records
 * with preemption disabled and never take a lock; one reader per buffer
 * takes whole packets.  The protocol is described at the top of
 * kernel/lttng/ringbuffer/ringbuffer.c.
 *
 * The library knows nothing of CTF.  A client gives the size of its packet
 * header and two callbacks that write the header when a packet opens and
 * complete it when the packet closes.
 */
#ifndef _LINUX_LTTNG_RINGBUFFER_H
#define _LINUX_LTTNG_RINGBUFFER_H

#include <linux/bits.h>
#include <linux/types.h>
#include <linux/poll.h>
#include <linux/static_call_types.h>

struct lttng_rb_chan;
struct lttng_rb_buf;

/*
 * The largest shape a channel may have: sub-buffers of at most 256 MiB,
 * at most 16384 of them per buffer (and the whole buffer addressable by
 * an int, see struct lttng_rb_config).
 */
#define LTTNG_RB_SUBBUF_MAX	BIT(28)
#define LTTNG_RB_NUM_SUBBUF_MAX	16384
struct vm_area_struct;
struct iov_iter;

/**
 * struct lttng_rb_packet - what the library knows of one packet
 * @ts_begin: timestamp of the packet's opening
 * @ts_end: timestamp of its closing
 * @seq: packet sequence number: its position divided by the sub-buffer size
 * @data_size: bytes of content, packet header included
 * @lost: records lost by this buffer since its creation, as of the closing
 * @cpu: the buffer's CPU, or 0 for a global buffer
 */
struct lttng_rb_packet {
	u64 ts_begin;
	u64 ts_end;
	unsigned long seq;
	unsigned long data_size;
	unsigned long lost;
	unsigned int cpu;
};

/**
 * struct lttng_rb_client - how a client frames its packets
 * @header_size: bytes reserved at the start of every packet
 * @packet_begin: writes the header of a packet that opens; @pkt->ts_end,
 *	@pkt->data_size and @pkt->lost are not known yet
 * @packet_end: completes the header of a packet that closes
 * @release: frees the client data when the channel is freed; may be NULL
 *
 * Both callbacks run in the writer's context (preemption off, maybe in an
 * interrupt) and must not sleep.  @hdr points to the packet's first byte.
 *
 * They write disjoint parts of the header, and may run in either order:
 * writers nested in an interrupt can fill and close a packet before the
 * writer that opened it calls @packet_begin.  The packet is complete, and
 * readable, only once both have run.
 */
struct lttng_rb_client {
	size_t header_size;
	void (*packet_begin)(struct lttng_rb_chan *chan, void *hdr,
			     const struct lttng_rb_packet *pkt);
	void (*packet_end)(struct lttng_rb_chan *chan, void *hdr,
			   const struct lttng_rb_packet *pkt);
	void (*release)(struct lttng_rb_chan *chan);
};

/**
 * struct lttng_rb_config - the shape of a channel
 * @subbuf_size: S, bytes per sub-buffer: a power of two, at least PAGE_SIZE
 * @num_subbuf: N, sub-buffers per buffer: a power of two, at least 2 in
 *	overwrite mode, at least 1 in discard mode
 * @overwrite: flight recorder mode: reclaim the oldest packet when full,
 *	instead of discarding new records
 * @global: a single buffer written under the caller's serialization,
 *	instead of one buffer per possible CPU
 * @tsc_bits: width of a compact record timestamp; a record whose delta
 *	from the previous one does not fit takes its full-size form
 * @read_timer_us: period of the reader wake-up timer, 0 for none
 * @switch_timer_us: period of the idle-buffer flush timer, 0 for none
 */
struct lttng_rb_config {
	unsigned long subbuf_size;
	unsigned int num_subbuf;
	bool overwrite;
	bool global;
	unsigned int tsc_bits;
	unsigned int read_timer_us;
	unsigned int switch_timer_us;
};

/**
 * struct lttng_rb_ctx - one record being written
 * @size_compact: in: record size when its timestamp fits @tsc_bits
 * @size_full: in: record size otherwise
 * @buf: out: the buffer reserved in
 * @addr: out: where the record's first byte goes
 * @tsc: out: the record's timestamp
 * @full_tsc: out: whether the full-size form was chosen
 * @size: out: the size reserved
 * @pos: out: the record's position in the buffer
 */
struct lttng_rb_ctx {
	size_t size_compact;
	size_t size_full;
	struct lttng_rb_buf *buf;
	void *addr;
	u64 tsc;
	bool full_tsc;
	size_t size;
	unsigned long pos;
};

/**
 * struct lttng_rb_stats - loss and volume counters of one buffer
 * @lost_full: records dropped because the buffer was full (discard mode)
 * @lost_wrap: records dropped because the writer lapped a packet that was
 *	still being written (overwrite mode, deep nesting)
 * @lost_big: records too large for a sub-buffer (with the packet header
 *	and at least one byte of padding)
 * @lost_nest: records refused because LTTNG_RB_MAX_NESTING reservations
 *	were already open on the buffer's CPU (a probe recursing)
 * @lost_overwrite: records in packets that the writer reclaimed before
 *	the reader took them (overwrite mode); these show in the trace as
 *	packet sequence gaps, not in events_discarded
 * @records: records committed
 * @packets_read: packets the readers released as consumed
 * @packets_overwritten: packets the writer reclaimed, or a reader gave
 *	back unconsumed after they were lapped, without their being read
 *
 * Every record a writer tried is either committed or in one of the first
 * four counts; every committed record is either read or in
 * @lost_overwrite.  Every packet before the one at @consumed was read,
 * overwritten, or cleared (lttng_rb_buf_clear()).
 */
struct lttng_rb_stats {
	unsigned long lost_full;
	unsigned long lost_wrap;
	unsigned long lost_big;
	unsigned long lost_nest;
	unsigned long lost_overwrite;
	unsigned long records;
	unsigned long packets_read;
	unsigned long packets_overwritten;
};

/*
 * Reservations that may be open at once on one buffer: a thread, a softirq,
 * a hardirq and an NMI nested in each other.  Deeper means a probe that
 * recursed into itself; the record is refused and counted in @lost_nest.
 */
#define LTTNG_RB_MAX_NESTING	4

/* The trace clock: ktime_get_mono_fast_ns() unless a clock plugin says so. */
DECLARE_STATIC_CALL(lttng_rb_clock, ktime_get_mono_fast_ns);

static inline u64 lttng_rb_clock_read(void)
{
	return static_call(lttng_rb_clock)();
}

int lttng_rb_check_subbuf_size(u64 size);
int lttng_rb_check_num_subbuf(u64 num, bool overwrite);
int lttng_rb_check_shape(u64 size, u64 num, bool overwrite);
struct lttng_rb_chan *lttng_rb_chan_create(const struct lttng_rb_config *cfg,
					   const struct lttng_rb_client *client,
					   void *priv);
void lttng_rb_chan_put(struct lttng_rb_chan *chan);
void *lttng_rb_chan_priv(struct lttng_rb_chan *chan);
const struct lttng_rb_config *lttng_rb_chan_config(struct lttng_rb_chan *chan);
void lttng_rb_chan_finalize(struct lttng_rb_chan *chan);
void lttng_rb_chan_flush(struct lttng_rb_chan *chan, bool empty);
int lttng_rb_chan_nr_bufs(struct lttng_rb_chan *chan);
unsigned long lttng_rb_chan_mem(struct lttng_rb_chan *chan);
struct lttng_rb_buf *lttng_rb_chan_buf(struct lttng_rb_chan *chan, int cpu);

int lttng_rb_reserve(struct lttng_rb_chan *chan, struct lttng_rb_ctx *ctx);
void lttng_rb_commit(struct lttng_rb_chan *chan, const struct lttng_rb_ctx *ctx);

/* Reader side: one reader per buffer. */
int lttng_rb_buf_open_reader(struct lttng_rb_buf *buf);
void lttng_rb_buf_release_reader(struct lttng_rb_buf *buf);
struct lttng_rb_chan *lttng_rb_buf_chan(struct lttng_rb_buf *buf);
void lttng_rb_buf_flush(struct lttng_rb_buf *buf, bool empty);
void lttng_rb_buf_clear(struct lttng_rb_buf *buf);
int lttng_rb_get_next(struct lttng_rb_buf *buf);
int lttng_rb_get_at(struct lttng_rb_buf *buf, unsigned long pos);
int lttng_rb_put(struct lttng_rb_buf *buf, bool consume);
int lttng_rb_snapshot(struct lttng_rb_buf *buf, unsigned long *consumed,
		      unsigned long *produced);
void lttng_rb_sample_positions(struct lttng_rb_buf *buf,
			       unsigned long *consumed,
			       unsigned long *produced);
int lttng_rb_held_packet(struct lttng_rb_buf *buf,
			 struct lttng_rb_packet *pkt);
unsigned long lttng_rb_padded_size(const struct lttng_rb_packet *pkt);
unsigned long lttng_rb_mmap_len(struct lttng_rb_buf *buf);
int lttng_rb_mmap_read_offset(struct lttng_rb_buf *buf, unsigned long *off);
int lttng_rb_mmap(struct lttng_rb_buf *buf, struct vm_area_struct *vma);
ssize_t lttng_rb_read_held(struct lttng_rb_buf *buf, loff_t pos,
			   struct iov_iter *to);
__poll_t lttng_rb_poll(struct lttng_rb_buf *buf, struct file *file,
		       poll_table *wait);
void lttng_rb_stats(struct lttng_rb_buf *buf, struct lttng_rb_stats *st);
unsigned int lttng_rb_buf_dump(struct lttng_rb_buf *buf,
			       int (*emit)(void *priv, const void *data,
					   const struct lttng_rb_packet *pkt),
			       void *priv);
bool lttng_rb_buf_has_reader(struct lttng_rb_buf *buf);

#endif /* _LINUX_LTTNG_RINGBUFFER_H */
