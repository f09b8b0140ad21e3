// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: per-CPU lockless ring buffer.
 *
 * Positions.  Every buffer counts bytes in a free-running virtual space.
 * With S the sub-buffer size and N the number of sub-buffers, packet k
 * covers positions [k*S, (k+1)*S) and lives in slot k % N.  k is also the
 * packet's sequence number, which readers and CTF see.
 *
 *	   consumed                              offset
 *	      |                                    |
 *	      v                                    v
 *	 ... [ pkt k | pkt k+1 | pkt k+2 | pkt k+3 ... ] ...
 *	      \___ complete, readable ___/ \_ open __/
 *
 * Writers (one CPU, nested in irq/NMI) move @offset forward with a local
 * cmpxchg: a record never straddles two packets, and never ends on the
 * last byte of one, so that every packet is closed, with its size and end
 * time, by the writer that opens the next or by a flush.  A record that does not
 * fit closes the open packet (the rest of it is padding) and opens the
 * next one, whose header the library asks the client to write.  An offset
 * that sits exactly on a packet boundary means "no packet open": the next
 * record opens one.  Between a writer's move into a new packet and its
 * writing of the header, writers nested in interrupts may add records to
 * that packet, and even fill and close it: opening and closing write
 * disjoint fields, and each commits its own bytes.
 *
 * Commit.  Each slot has a commit counter that sums, over all laps, the
 * bytes committed into it: header, records and closing padding.  Packet k
 * is complete when the counter of its slot reaches (k / N + 1) * S.  Nobody
 * "delivers" a packet: readers look at the counter.
 *
 * Reader.  One reader per buffer takes the packet at @consumed once it is
 * complete, reads it through mmap() or read/splice, then releases it and
 * moves @consumed one packet on.
 *
 * Discard mode.  A writer about to open packet k checks that packet k - N
 * has been consumed; if not, the record is dropped and counted.  With a
 * single sub-buffer (N = 1, discard mode only) that is the open packet
 * itself: once full it stays open, and every record is dropped, until a
 * flush (the switch timer, a FLUSH command, the stop) closes it and the
 * reader takes it.
 *
 * Overwrite mode (flight recorder).  A writer about to open packet k moves
 * @consumed past packet k - N itself.  The reader never blocks a writer:
 * it owns a spare sub-buffer and swaps it into the ring in place of the
 * packet it takes.  The mapping from slots to backing sub-buffers (N + 1 of
 * them) is @map, one word per slot holding the packet number that owns the
 * slot and its backing:
 *
 *	writer opening packet k in slot s     reader taking packet j in slot s
 *	----------------------------------     --------------------------------
 *	move @offset (cmpxchg)                 check commit[s] complete for j
 *	push @consumed past k - N              copy packet info of slot s
 *	map[s] = {k, B} (cmpxchg, "claim")     map[s]: {j, B} -> {j, spare}
 *	write header, commit                     (cmpxchg; fails if claimed)
 *
 * A writer claims the slot before it writes a byte into it, so the reader's
 * swap succeeds only if no writer has started a newer packet there.  The
 * packet the reader holds is then out of the ring and stays intact; lost
 * packets show as gaps in the sequence numbers.  A writer that would lap a
 * packet still being written (deep nesting) drops its record instead.
 *
 * Ordering.
 *  (A) rb_commit_bytes(): smp_wmb() before the commit counter update, so a
 *      reader that sees the count sees the bytes.  Pairs with (B).
 *  (B) rb_packet_complete(): smp_rmb() after reading the counter.
 *  (C) lttng_rb_put(): release on @consumed, so the reader is done with the
 *      packet before a writer reuses its slot.  Pairs with (D).
 *  (D) rb_slot_busy(): acquire on @consumed.
 *  (E) rb_packet_done(): the writer that completes a packet looks for a
 *      sleeping reader after a full barrier (wq_has_sleeper()).  Pairs
 *      with (F).
 *  (F) lttng_rb_poll(): full barrier between queueing on @read_wait and
 *      looking at the commit counts; blocking readers get it from
 *      prepare_to_wait().
 *  (G) rb_get(), lttng_rb_snapshot(), lttng_rb_poll(): acquire on
 *      @finalized, before the reader samples @offset and the commit
 *      counts.  Pairs with (H).  A reader that sees the channel finalized
 *      then sees every packet the closing flush completed, so it answers
 *      -ENODATA (or EPOLLHUP) only when nothing is left; had it sampled
 *      @offset first, a packet closed in between would be lost.
 *  (H) lttng_rb_chan_finalize(): release on @finalized, after the closing
 *      flush (whose remote writes it observed through the flush IPI's
 *      completion; release is cumulative).
 *  (I) lttng_rb_buf_clear(): release on @consumed, as (C): the clear is
 *      done with the packets it skips before writers reuse their slots.
 *      Pairs with (D).
 *  (J) lttng_rb_reserve(), lttng_rb_commit(): compiler barriers keep a
 *      reservation inside its @nesting count.  @nesting is only touched by
 *      its CPU, and an interrupt restores it before returning, so no CPU
 *      barrier is needed; lttng_rb_buf_dump() reads it from the panicking
 *      CPU with READ_ONCE(), as a hint.
 *  The claim, the reader's swap and the overwriting writer's push of
 *  @consumed are fully ordered cmpxchg()es.
 */

#include <linux/cpu.h>
#include <linux/irq_work.h>
#include <asm/local.h>
#include <linux/lttng/ringbuffer.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/static_call.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <asm/shmparam.h>

#include "ringbuffer.h"

DEFINE_STATIC_CALL(lttng_rb_clock, ktime_get_mono_fast_ns);
EXPORT_STATIC_CALL_GPL(lttng_rb_clock);

/*
 * The per-CPU channels, for CPU hotplug.  Taken inside the CPU hotplug
 * lock, never around it.
 */
static LIST_HEAD(rb_chans);
static DEFINE_MUTEX(rb_chans_lock);

static inline unsigned long rb_seq(const struct lttng_rb_chan *chan,
				   unsigned long pos)
{
	return pos >> chan->sb_order;
}

static inline unsigned long rb_slot(const struct lttng_rb_chan *chan,
				    unsigned long seq)
{
	return seq & (chan->cfg.num_subbuf - 1);
}

/* Commit count of a slot once packet @seq in it is complete. */
static inline unsigned long rb_commit_full(const struct lttng_rb_chan *chan,
					   unsigned long seq)
{
	return ((seq >> chan->n_order) + 1) << chan->sb_order;
}

static inline unsigned long map_make(unsigned long seq, unsigned long backing)
{
	return (seq << RB_MAP_SHIFT) | backing;
}

static inline unsigned long map_seq(unsigned long v)
{
	return v >> RB_MAP_SHIFT;
}

static inline unsigned long map_backing(unsigned long v)
{
	return v & (RB_MAP_TAKEN - 1);
}

static inline unsigned long seq_tag(unsigned long seq)
{
	return seq & (ULONG_MAX >> RB_MAP_SHIFT);
}

static inline struct lttng_rb_buf *rb_this_buf(struct lttng_rb_chan *chan)
{
	if (chan->cfg.global)
		return chan->bufs[0];
	return chan->bufs[smp_processor_id()];
}

static unsigned long rb_lost(struct lttng_rb_buf *buf)
{
	return local_read(&buf->lost_full) + local_read(&buf->lost_wrap) +
	       local_read(&buf->lost_big) + local_read(&buf->lost_nest);
}

/*
 * Make packet @seq the owner of its slot and return the backing it writes
 * into.  Any writer of the packet may be first to get here: the one that
 * opened it, or one nested between that opening and its claim.
 */
static unsigned long rb_claim(struct lttng_rb_buf *buf, unsigned long slot,
			      unsigned long seq)
{
	struct lttng_rb_slot *s = &buf->slots[slot];
	unsigned long v = atomic_long_read(&buf->map[slot]);
	unsigned long records;

	while (map_seq(v) != seq_tag(seq)) {
		/*
		 * The old packet is complete (rb_slot_busy()), so its count is
		 * final; no record of the new packet is committed before the
		 * claim.  Sample the count before claiming: a writer nested
		 * right after the claim commits into the new packet at once.
		 */
		records = local_read(&s->records);
		/* Fully ordered: pairs with the reader's swap in rb_get(). */
		if (!atomic_long_try_cmpxchg(&buf->map[slot], (long *)&v,
					     map_make(seq_tag(seq),
						      map_backing(v))))
			continue;
		/* Never taken by the reader: the old packet is lost. */
		if (map_seq(v) != seq_tag(ULONG_MAX) && !(v & RB_MAP_TAKEN)) {
			atomic_long_add(records - s->records_base,
					&buf->lost_overwrite);
			atomic_long_inc(&buf->packets_overwritten);
		}
		break;
	}
	return map_backing(v);
}

static void *rb_addr(struct lttng_rb_chan *chan, struct lttng_rb_buf *buf,
		     unsigned long pos)
{
	unsigned long seq = rb_seq(chan, pos);
	unsigned long slot = rb_slot(chan, seq);
	unsigned long backing = slot;

	if (chan->cfg.overwrite) {
		unsigned long v = atomic_long_read(&buf->map[slot]);

		if (likely(map_seq(v) == seq_tag(seq)))
			backing = map_backing(v);
		else
			backing = rb_claim(buf, slot, seq);
	}
	return buf->mem + (backing << chan->sb_order) +
	       (pos & (chan->cfg.subbuf_size - 1));
}

/*
 * A packet is complete: wake its reader if one sleeps.  Any context, NMI
 * included, so the wake-up itself is deferred to an irq_work.
 */
static void rb_packet_done(struct lttng_rb_buf *buf)
{
	/* (E): full barrier, then look for a sleeper.  Pairs with (F). */
	if (wq_has_sleeper(&buf->read_wait))
		irq_work_queue(&buf->wake_work);
}

static void rb_wake_work(struct irq_work *work)
{
	struct lttng_rb_buf *buf = container_of(work, struct lttng_rb_buf,
						wake_work);

	wake_up_interruptible(&buf->read_wait);
}

static inline void rb_commit_bytes(struct lttng_rb_buf *buf,
				   unsigned long slot, unsigned long bytes)
{
	unsigned long mask = buf->chan->cfg.subbuf_size - 1;

	/* (A): publish the bytes before the count.  Pairs with (B). */
	smp_wmb();
	/*
	 * The count of a slot is a multiple of S only between two packets:
	 * this commit completed one.
	 */
	if (unlikely(!(local_add_return(bytes, &buf->slots[slot].commit) &
		       mask)))
		rb_packet_done(buf);
}

static bool rb_packet_complete(struct lttng_rb_chan *chan,
			       struct lttng_rb_buf *buf, unsigned long seq)
{
	unsigned long cc = local_read(&buf->slots[rb_slot(chan, seq)].commit);

	/* (B): the count before the bytes.  Pairs with (A). */
	smp_rmb();
	return cc == rb_commit_full(chan, seq);
}

/*
 * May the packet starting at @begin be opened?  Return NULL if so, else
 * the loss counter of the reason.
 */
static local_t *rb_slot_busy(struct lttng_rb_chan *chan,
			     struct lttng_rb_buf *buf, unsigned long begin)
{
	unsigned long seq = rb_seq(chan, begin);
	unsigned long span = chan->cfg.subbuf_size * chan->cfg.num_subbuf;
	/* (D): pairs with the release in lttng_rb_put(). */
	unsigned long consumed = atomic_long_read_acquire(&buf->consumed);

	if (!chan->cfg.overwrite && begin - consumed >= span)
		return &buf->lost_full;
	/* The slot's previous packet must be fully written, even if lost. */
	if (seq >= chan->cfg.num_subbuf &&
	    local_read(&buf->slots[rb_slot(chan, seq)].commit) !=
	    rb_commit_full(chan, seq - chan->cfg.num_subbuf))
		return &buf->lost_wrap;
	return NULL;
}

/* Overwrite mode: packet @seq reclaims its slot from the reader's view. */
static void rb_push_consumed(struct lttng_rb_chan *chan,
			     struct lttng_rb_buf *buf, unsigned long begin)
{
	unsigned long span = chan->cfg.subbuf_size * chan->cfg.num_subbuf;
	unsigned long target = begin + chan->cfg.subbuf_size - span;
	unsigned long c;

	if (begin + chan->cfg.subbuf_size < span)
		return;
	c = atomic_long_read(&buf->consumed);
	while ((long)(target - c) > 0) {
		/*
		 * Fully ordered, against the reader's move of @consumed in
		 * lttng_rb_put() (C) and lttng_rb_buf_clear() (I): whichever
		 * moves it further wins, and a reader that finds the slot
		 * claimed since (rb_get()'s swap) drops the packet.
		 */
		if (atomic_long_try_cmpxchg(&buf->consumed, (long *)&c, target))
			break;
	}
}

/*
 * @base is the slot's record count sampled before the offset moved into
 * the packet: no record of the packet can be committed before that move.
 */
static void rb_open_packet(struct lttng_rb_chan *chan, struct lttng_rb_buf *buf,
			   unsigned long begin, u64 tsc, unsigned long base)
{
	unsigned long seq = rb_seq(chan, begin);
	unsigned long slot = rb_slot(chan, seq);
	struct lttng_rb_packet *pkt = &buf->slots[slot].pkt;
	void *hdr;

	if (chan->cfg.overwrite)
		rb_push_consumed(chan, buf, begin);
	hdr = rb_addr(chan, buf, begin);	/* claims the slot */
	buf->slots[slot].records_base = base;
	/*
	 * Only the fields that rb_close_packet() leaves alone: nested
	 * writers may have filled and closed the packet already.
	 */
	pkt->ts_begin = tsc;
	pkt->seq = seq;
	pkt->cpu = buf->cpu;
	chan->client->packet_begin(chan, hdr, pkt);
	rb_commit_bytes(buf, slot, chan->client->header_size);
}

/* Close the packet that @end (not on a boundary) lies in. */
static void rb_close_packet(struct lttng_rb_chan *chan,
			    struct lttng_rb_buf *buf, unsigned long end, u64 tsc)
{
	unsigned long mask = chan->cfg.subbuf_size - 1;
	unsigned long begin = end & ~mask;
	unsigned long slot = rb_slot(chan, rb_seq(chan, begin));
	struct lttng_rb_packet *pkt = &buf->slots[slot].pkt;

	pkt->ts_end = tsc;
	pkt->data_size = end - begin;
	pkt->lost = rb_lost(buf);
	chan->client->packet_end(chan, rb_addr(chan, buf, begin), pkt);
	rb_commit_bytes(buf, slot, chan->cfg.subbuf_size - (end - begin));
}

static inline unsigned long rb_slot_records(struct lttng_rb_chan *chan,
					    struct lttng_rb_buf *buf,
					    unsigned long begin)
{
	return local_read(&buf->slots[rb_slot(chan, rb_seq(chan, begin))].records);
}

static inline bool rb_tsc_fits(struct lttng_rb_chan *chan,
			       struct lttng_rb_buf *buf, u64 tsc)
{
	if (!chan->cfg.tsc_bits)
		return false;
	return !((tsc - buf->last_tsc) >> chan->cfg.tsc_bits);
}

/* The record opens a packet: close the current one if any, open the next. */
static int rb_reserve_slow(struct lttng_rb_chan *chan, struct lttng_rb_buf *buf,
			   struct lttng_rb_ctx *ctx)
{
	unsigned long mask = chan->cfg.subbuf_size - 1;
	size_t hsize = chan->client->header_size;
	long old = local_read(&buf->offset), cur;
	unsigned long off, begin, base;
	local_t *busy;

	for (;;) {
		ctx->tsc = lttng_rb_clock_read();
		off = old & mask;
		if (off) {
			/* Fits after all?  A nested writer moved the offset. */
			ctx->full_tsc = !rb_tsc_fits(chan, buf, ctx->tsc);
			ctx->size = ctx->full_tsc ? ctx->size_full :
						    ctx->size_compact;
			if (off + ctx->size < chan->cfg.subbuf_size) {
				if (local_try_cmpxchg(&buf->offset, &old,
						      old + ctx->size))
					goto reserved;
				continue;
			}
		}
		/*
		 * The new packet's timestamp_begin is this record's timestamp,
		 * so the compact form always fits in it.
		 */
		ctx->full_tsc = !chan->cfg.tsc_bits;
		ctx->size = ctx->full_tsc ? ctx->size_full : ctx->size_compact;
		if (hsize + ctx->size >= chan->cfg.subbuf_size) {
			local_inc(&buf->lost_big);
			return -ENOBUFS;
		}
		begin = ALIGN((unsigned long)old, chan->cfg.subbuf_size);
		busy = rb_slot_busy(chan, buf, begin);
		if (busy) {
			/*
			 * A nested writer may have opened that packet since
			 * @old was read, and made its slot look busy: then
			 * the record may fit in it.
			 */
			cur = local_read(&buf->offset);
			if (cur != old) {
				old = cur;
				continue;
			}
			local_inc(busy);
			return -ENOSPC;
		}
		base = rb_slot_records(chan, buf, begin);
		if (local_try_cmpxchg(&buf->offset, &old,
				      begin + hsize + ctx->size))
			break;
	}
	if (off)
		rb_close_packet(chan, buf, old, ctx->tsc);
	rb_open_packet(chan, buf, begin, ctx->tsc, base);
	old = begin + hsize;
reserved:
	buf->last_tsc = ctx->tsc;
	ctx->pos = old;
	ctx->addr = rb_addr(chan, buf, old);
	return 0;
}

static int rb_reserve(struct lttng_rb_chan *chan, struct lttng_rb_buf *buf,
		      struct lttng_rb_ctx *ctx)
{
	unsigned long mask = chan->cfg.subbuf_size - 1;
	long old = local_read(&buf->offset);
	unsigned long off;

	do {
		ctx->tsc = lttng_rb_clock_read();
		ctx->full_tsc = !rb_tsc_fits(chan, buf, ctx->tsc);
		ctx->size = ctx->full_tsc ? ctx->size_full : ctx->size_compact;
		off = old & mask;
		if (unlikely(!off || off + ctx->size >= chan->cfg.subbuf_size))
			return rb_reserve_slow(chan, buf, ctx);
	} while (!local_try_cmpxchg(&buf->offset, &old, old + ctx->size));
	buf->last_tsc = ctx->tsc;
	ctx->pos = old;
	ctx->addr = rb_addr(chan, buf, old);
	return 0;
}

/**
 * lttng_rb_reserve() - reserve room for a record
 * @chan: the channel
 * @ctx: @size_compact and @size_full in; where to write out
 *
 * Reserves in the buffer of the current CPU (or the global buffer).  The
 * caller has preemption disabled, and for a global channel serializes all
 * writers.  Each successful reserve must be followed by lttng_rb_commit()
 * on the same CPU, with preemption still disabled.  At most
 * %LTTNG_RB_MAX_NESTING reservations may be open at once on a buffer.
 *
 * Return: 0, -ENOSPC when the buffer is full (discard mode) or the record
 * would lap a packet still being written, -ENOBUFS when the record and a
 * packet header do not fit in a sub-buffer with a byte to spare, -EBUSY
 * when too many reservations are open.
 * Every failure is counted.
 */
int lttng_rb_reserve(struct lttng_rb_chan *chan, struct lttng_rb_ctx *ctx)
{
	struct lttng_rb_buf *buf = rb_this_buf(chan);
	int ret;

	ctx->buf = buf;
	/*
	 * (J): only this CPU touches @nesting, and an interrupt that nests
	 * here restores it before it returns: a plain increment is enough.
	 * The compiler barriers keep the reservation inside the count.
	 */
	if (unlikely(buf->nesting >= LTTNG_RB_MAX_NESTING)) {
		local_inc(&buf->lost_nest);
		return -EBUSY;
	}
	buf->nesting++;
	barrier();
	ret = rb_reserve(chan, buf, ctx);
	if (unlikely(ret)) {
		barrier();
		buf->nesting--;
	}
	return ret;
}
EXPORT_SYMBOL_GPL(lttng_rb_reserve);

/**
 * lttng_rb_commit() - publish a record written after lttng_rb_reserve()
 * @chan: the channel
 * @ctx: the context lttng_rb_reserve() filled
 */
void lttng_rb_commit(struct lttng_rb_chan *chan, const struct lttng_rb_ctx *ctx)
{
	struct lttng_rb_buf *buf = ctx->buf;
	unsigned long slot = rb_slot(chan, rb_seq(chan, ctx->pos));

	local_inc(&buf->slots[slot].records);
	rb_commit_bytes(buf, slot, ctx->size);
	/* (J): the commit stays inside the @nesting count. */
	barrier();
	buf->nesting--;
}
EXPORT_SYMBOL_GPL(lttng_rb_commit);

/*
 * Close the open packet; with @empty, or on a buffer that never had a
 * packet, emit an empty one if none is open.
 */
static void rb_switch(struct lttng_rb_chan *chan, struct lttng_rb_buf *buf,
		      bool empty)
{
	unsigned long mask = chan->cfg.subbuf_size - 1;
	size_t hsize = chan->client->header_size;
	long old = local_read(&buf->offset);
	unsigned long base;
	u64 tsc;

	for (;;) {
		tsc = lttng_rb_clock_read();
		if (old & mask) {
			if (local_try_cmpxchg(&buf->offset, &old,
					      ALIGN(old, chan->cfg.subbuf_size))) {
				rb_close_packet(chan, buf, old, tsc);
				return;
			}
			continue;
		}
		/*
		 * No packet is open.  FLUSH_EMPTY emits an empty one, and so
		 * does the first flush of a buffer that never had a packet:
		 * LTTng-modules opens a buffer's first packet when it creates
		 * the buffer, so the first FLUSH of an idle CPU's stream
		 * gives the consumer a packet.  lttng-relayd ignores the live
		 * beacons of a stream that never got a packet, and a live
		 * viewer waits for such a stream forever.
		 */
		if ((!empty && old) || rb_slot_busy(chan, buf, old))
			return;
		base = rb_slot_records(chan, buf, old);
		if (local_try_cmpxchg(&buf->offset, &old,
				      old + chan->cfg.subbuf_size))
			break;
	}
	rb_open_packet(chan, buf, old, tsc, base);
	rb_close_packet(chan, buf, old + hsize, tsc);
	buf->last_tsc = tsc;
}

struct rb_switch_args {
	struct lttng_rb_buf *buf;
	bool empty;
};

static void rb_switch_ipi(void *info)
{
	struct rb_switch_args *args = info;

	rb_switch(args->buf->chan, args->buf, args->empty);
}

/**
 * lttng_rb_buf_flush() - close the open packet of a buffer
 * @buf: the buffer
 * @empty: also emit an empty packet when none is open (FLUSH_EMPTY)
 *
 * Runs on the buffer's CPU, so that every record of that CPU before the
 * call is in the closed packet.  Wakes the reader.  May sleep.
 *
 * On a global buffer, the caller serializes this with the buffer's
 * writers, as it serializes the writers themselves.
 */
void lttng_rb_buf_flush(struct lttng_rb_buf *buf, bool empty)
{
	struct rb_switch_args args = { .buf = buf, .empty = empty };
	unsigned long flags;

	cpus_read_lock();
	if (!buf->chan->cfg.global && cpu_online(buf->cpu)) {
		smp_call_function_single(buf->cpu, rb_switch_ipi, &args, 1);
	} else {
		/*
		 * No writer runs here (an offline CPU's buffer, which the
		 * hotplug lock keeps offline), or the caller excludes them
		 * (global): only other flushes can race.
		 */
		mutex_lock(&buf->flush_lock);
		local_irq_save(flags);
		rb_switch(buf->chan, buf, empty);
		local_irq_restore(flags);
		mutex_unlock(&buf->flush_lock);
	}
	cpus_read_unlock();
	wake_up_interruptible(&buf->read_wait);
}
EXPORT_SYMBOL_GPL(lttng_rb_buf_flush);

/**
 * lttng_rb_chan_flush() - lttng_rb_buf_flush() on every buffer of a channel
 * @chan: the channel
 * @empty: as for lttng_rb_buf_flush()
 */
void lttng_rb_chan_flush(struct lttng_rb_chan *chan, bool empty)
{
	int i;

	for (i = 0; i < chan->nr_bufs; i++)
		if (chan->bufs[i])
			lttng_rb_buf_flush(chan->bufs[i], empty);
}
EXPORT_SYMBOL_GPL(lttng_rb_chan_flush);

static bool rb_readable(struct lttng_rb_chan *chan, struct lttng_rb_buf *buf)
{
	unsigned long c = atomic_long_read(&buf->consumed);
	unsigned long w = local_read(&buf->offset);

	return (long)(rb_seq(chan, w) - rb_seq(chan, c)) > 0 &&
	       rb_packet_complete(chan, buf, rb_seq(chan, c));
}

/*
 * Take packet @pos, or the packet at @consumed when @next.  Called with
 * the reader lock held.
 */
static int rb_get(struct lttng_rb_buf *buf, unsigned long pos, bool next)
{
	struct lttng_rb_chan *chan = buf->chan;
	unsigned long c, w, seq, slot, v;
	struct lttng_rb_packet pkt;
	bool fin;

	lockdep_assert_held(&buf->reader_lock);
	if (buf->held)
		return -EBUSY;
	for (;;) {
		c = atomic_long_read(&buf->consumed);
		if (next)
			pos = c;
		else if ((long)(pos - c) < 0)
			return -EAGAIN;		/* overwritten */
		seq = rb_seq(chan, pos);
		slot = rb_slot(chan, seq);
		/* (G): @finalized before @offset.  Pairs with (H). */
		fin = smp_load_acquire(&chan->finalized);
		w = local_read(&buf->offset);
		if ((long)(rb_seq(chan, w) - seq) <= 0)
			return fin ? -ENODATA : -EAGAIN;
		if (!rb_packet_complete(chan, buf, seq)) {
			if (atomic_long_read(&buf->consumed) != c)
				continue;
			return -EAGAIN;
		}
		pkt = buf->slots[slot].pkt;
		buf->held_records = local_read(&buf->slots[slot].records) -
				    buf->slots[slot].records_base;
		if (!chan->cfg.overwrite) {
			buf->held_backing = slot;
			break;
		}
		v = atomic_long_read(&buf->map[slot]);
		if (map_seq(v) != seq_tag(seq)) {
			if (!next)
				return -EAGAIN;
			continue;
		}
		/* Fully ordered: pairs with rb_claim(). */
		if (atomic_long_try_cmpxchg(&buf->map[slot], (long *)&v,
					    map_make(seq_tag(seq), buf->spare) |
					    RB_MAP_TAKEN)) {
			buf->held_backing = map_backing(v);
			break;
		}
	}
	buf->held = true;
	buf->held_pos = pos;
	buf->held_pkt = pkt;
	return 0;
}

/**
 * lttng_rb_get_next() - take the oldest complete packet
 * @buf: the buffer
 *
 * Return: 0 when a packet is held, -EAGAIN when none is complete yet,
 * -ENODATA when the channel is finalized and drained, -EBUSY when one is
 * held already.
 */
int lttng_rb_get_next(struct lttng_rb_buf *buf)
{
	int ret;

	mutex_lock(&buf->reader_lock);
	ret = rb_get(buf, 0, true);
	mutex_unlock(&buf->reader_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(lttng_rb_get_next);

/**
 * lttng_rb_get_at() - take the packet at a position, for snapshots
 * @buf: the buffer
 * @pos: the packet's position, a multiple of the sub-buffer size
 *
 * Return: 0, -EINVAL for a position off a packet boundary, -EAGAIN when
 * that packet is not available (not complete, or overwritten), -EBUSY when
 * one is held already.
 */
int lttng_rb_get_at(struct lttng_rb_buf *buf, unsigned long pos)
{
	int ret;

	if (pos & (buf->chan->cfg.subbuf_size - 1))
		return -EINVAL;
	mutex_lock(&buf->reader_lock);
	ret = rb_get(buf, pos, false);
	if (ret == -ENODATA)
		ret = -EAGAIN;
	mutex_unlock(&buf->reader_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(lttng_rb_get_at);

/**
 * lttng_rb_put() - release the held packet
 * @buf: the buffer
 * @consume: move the consumed position past it (PUT_NEXT_SUBBUF)
 *
 * Return: 0, or -EINVAL when no packet is held.
 */
int lttng_rb_put(struct lttng_rb_buf *buf, bool consume)
{
	struct lttng_rb_chan *chan = buf->chan;
	unsigned long slot, tag, v;

	mutex_lock(&buf->reader_lock);
	if (!buf->held) {
		mutex_unlock(&buf->reader_lock);
		return -EINVAL;
	}
	if (chan->cfg.overwrite) {
		slot = rb_slot(chan, rb_seq(chan, buf->held_pos));
		tag = seq_tag(rb_seq(chan, buf->held_pos));
		v = map_make(tag, buf->spare) | RB_MAP_TAKEN;
		/*
		 * Not consumed: put the packet back in the ring, unless a
		 * writer has claimed the slot since, and our spare with it.
		 * The cmpxchg is fully ordered: it pairs with rb_claim(), as
		 * rb_get()'s swap does.
		 */
		if (consume) {
			buf->spare = buf->held_backing;
		} else if (!atomic_long_try_cmpxchg(&buf->map[slot], (long *)&v,
						    map_make(tag, buf->held_backing))) {
			/* Overwritten while held, and not consumed: lost. */
			buf->spare = buf->held_backing;
			atomic_long_add(buf->held_records, &buf->lost_overwrite);
			atomic_long_inc(&buf->packets_overwritten);
		}
	}
	if (consume) {
		unsigned long c = buf->held_pos;

		atomic_long_inc(&buf->packets_read);
		/*
		 * (C): the reader is done with the packet before writers may
		 * reuse its slot.  Pairs with (D).  Fails harmlessly if an
		 * overwriting writer pushed @consumed already.
		 */
		atomic_long_try_cmpxchg_release(&buf->consumed, (long *)&c,
						c + chan->cfg.subbuf_size);
	}
	buf->held = false;
	mutex_unlock(&buf->reader_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(lttng_rb_put);

/**
 * lttng_rb_sample_positions() - read the consumed and exact write positions
 * @buf: the buffer
 * @consumed: out
 * @produced: out: the write position, even inside an open packet
 */
void lttng_rb_sample_positions(struct lttng_rb_buf *buf,
			       unsigned long *consumed, unsigned long *produced)
{
	*consumed = atomic_long_read(&buf->consumed);
	*produced = local_read(&buf->offset);
}
EXPORT_SYMBOL_GPL(lttng_rb_sample_positions);

/**
 * lttng_rb_snapshot() - sample consumed and the last closed packet's end
 * @buf: the buffer
 * @consumed: out
 * @produced: out: the write position truncated to a packet boundary
 *
 * Return: 0, -EAGAIN when no packet is complete, -ENODATA when none is and
 * the channel is finalized.
 */
int lttng_rb_snapshot(struct lttng_rb_buf *buf, unsigned long *consumed,
		      unsigned long *produced)
{
	struct lttng_rb_chan *chan = buf->chan;
	/* (G): @finalized before the positions.  Pairs with (H). */
	bool fin = smp_load_acquire(&chan->finalized);

	lttng_rb_sample_positions(buf, consumed, produced);
	*produced &= ~(chan->cfg.subbuf_size - 1);
	if (*produced == *consumed)
		return fin ? -ENODATA : -EAGAIN;
	return 0;
}
EXPORT_SYMBOL_GPL(lttng_rb_snapshot);

/**
 * lttng_rb_held_packet() - what the library knows of the held packet
 * @buf: the buffer
 * @pkt: out
 *
 * Return: 0, or -EINVAL when no packet is held.
 */
int lttng_rb_held_packet(struct lttng_rb_buf *buf, struct lttng_rb_packet *pkt)
{
	int ret = -EINVAL;

	mutex_lock(&buf->reader_lock);
	if (buf->held) {
		*pkt = buf->held_pkt;
		ret = 0;
	}
	mutex_unlock(&buf->reader_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(lttng_rb_held_packet);

/**
 * lttng_rb_padded_size() - bytes a packet takes in a trace file
 * @pkt: the packet
 *
 * Return: the content size rounded up to a page.
 */
unsigned long lttng_rb_padded_size(const struct lttng_rb_packet *pkt)
{
	return PAGE_ALIGN(pkt->data_size);
}
EXPORT_SYMBOL_GPL(lttng_rb_padded_size);

/**
 * lttng_rb_mmap_len() - length of a buffer's reader mapping
 * @buf: the buffer
 *
 * Return: N * S, plus S for the reader's spare in overwrite mode.
 */
unsigned long lttng_rb_mmap_len(struct lttng_rb_buf *buf)
{
	return buf->mem_len;
}
EXPORT_SYMBOL_GPL(lttng_rb_mmap_len);

/**
 * lttng_rb_mmap_read_offset() - where the held packet is in the mapping
 * @buf: the buffer
 * @off: out
 *
 * Return: 0, or -EINVAL when no packet is held.
 */
int lttng_rb_mmap_read_offset(struct lttng_rb_buf *buf, unsigned long *off)
{
	int ret = -EINVAL;

	mutex_lock(&buf->reader_lock);
	if (buf->held) {
		*off = buf->held_backing << buf->chan->sb_order;
		ret = 0;
	}
	mutex_unlock(&buf->reader_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(lttng_rb_mmap_read_offset);

/**
 * lttng_rb_mmap() - map a buffer read-only for its reader
 * @buf: the buffer
 * @vma: the mapping; its length must be lttng_rb_mmap_len()
 *
 * Return: 0, or -EINVAL for a wrong length, offset or a writable mapping.
 */
int lttng_rb_mmap(struct lttng_rb_buf *buf, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff ||
	    vma->vm_end - vma->vm_start != buf->mem_len ||
	    (vma->vm_flags & VM_WRITE))
		return -EINVAL;
	vm_flags_clear(vma, VM_MAYWRITE);
	return remap_vmalloc_range(vma, buf->mem, 0);
}
EXPORT_SYMBOL_GPL(lttng_rb_mmap);

/**
 * lttng_rb_read_held() - copy bytes of the held packet
 * @buf: the buffer
 * @pos: offset inside the packet
 * @to: destination
 *
 * Return: bytes copied, 0 past the padded size, -EINVAL when no packet is
 * held.
 */
ssize_t lttng_rb_read_held(struct lttng_rb_buf *buf, loff_t pos,
			   struct iov_iter *to)
{
	unsigned long padded;
	ssize_t ret = -EINVAL;
	void *src;

	mutex_lock(&buf->reader_lock);
	if (!buf->held)
		goto out;
	padded = lttng_rb_padded_size(&buf->held_pkt);
	ret = 0;
	if (pos < 0 || pos >= padded)
		goto out;
	src = buf->mem + (buf->held_backing << buf->chan->sb_order) + pos;
	ret = copy_to_iter(src, min_t(size_t, padded - pos, iov_iter_count(to)),
			   to);
	if (!ret && iov_iter_count(to))
		ret = -EFAULT;
out:
	mutex_unlock(&buf->reader_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(lttng_rb_read_held);

/**
 * lttng_rb_poll() - poll a buffer for its reader
 * @buf: the buffer
 * @file: the reader's file
 * @wait: the poll table
 *
 * Return: EPOLLIN when a packet is complete (also EPOLLPRI when the whole
 * buffer is full), EPOLLHUP when the channel is finalized and drained.
 */
__poll_t lttng_rb_poll(struct lttng_rb_buf *buf, struct file *file,
		       poll_table *wait)
{
	struct lttng_rb_chan *chan = buf->chan;
	unsigned long c, w;
	bool fin;

	poll_wait(file, &buf->read_wait, wait);
	/* (F): queued, then look.  Pairs with (E) in rb_packet_done(). */
	smp_mb();
	/* (G): @finalized before the commit counts.  Pairs with (H). */
	fin = smp_load_acquire(&chan->finalized);
	if (rb_readable(chan, buf)) {
		lttng_rb_sample_positions(buf, &c, &w);
		if (w - c >= chan->cfg.subbuf_size * chan->cfg.num_subbuf)
			return EPOLLPRI | EPOLLRDBAND;
		return EPOLLIN | EPOLLRDNORM;
	}
	if (fin)
		return EPOLLHUP;
	return 0;
}
EXPORT_SYMBOL_GPL(lttng_rb_poll);

/**
 * lttng_rb_buf_clear() - drop what a buffer holds (the CLEAR command)
 * @buf: the buffer
 *
 * Closes the open packet, then moves the consumed position to the write
 * position, so that the reader skips everything buffered.
 */
void lttng_rb_buf_clear(struct lttng_rb_buf *buf)
{
	unsigned long c, w;

	lttng_rb_buf_flush(buf, false);
	mutex_lock(&buf->reader_lock);
	lttng_rb_sample_positions(buf, &c, &w);
	w &= ~(buf->chan->cfg.subbuf_size - 1);
	while ((long)(w - c) > 0 &&
	       rb_packet_complete(buf->chan, buf, rb_seq(buf->chan, c))) {
		/* (I): pairs with (D) in rb_slot_busy(). */
		if (!atomic_long_try_cmpxchg_release(&buf->consumed,
						     (long *)&c,
						     c + buf->chan->cfg.subbuf_size))
			continue;
		c += buf->chan->cfg.subbuf_size;
	}
	mutex_unlock(&buf->reader_lock);
}
EXPORT_SYMBOL_GPL(lttng_rb_buf_clear);

/**
 * lttng_rb_stats() - read a buffer's loss and volume counters
 * @buf: the buffer
 * @st: out
 */
void lttng_rb_stats(struct lttng_rb_buf *buf, struct lttng_rb_stats *st)
{
	unsigned int i;

	st->lost_full = local_read(&buf->lost_full);
	st->lost_wrap = local_read(&buf->lost_wrap);
	st->lost_big = local_read(&buf->lost_big);
	st->lost_nest = local_read(&buf->lost_nest);
	st->lost_overwrite = atomic_long_read(&buf->lost_overwrite);
	st->packets_read = atomic_long_read(&buf->packets_read);
	st->packets_overwritten = atomic_long_read(&buf->packets_overwritten);
	st->records = 0;
	for (i = 0; i < buf->chan->cfg.num_subbuf; i++)
		st->records += local_read(&buf->slots[i].records);
}
EXPORT_SYMBOL_GPL(lttng_rb_stats);

/**
 * lttng_rb_buf_dump() - hand the packets a buffer holds to a callback
 * @buf: the buffer
 * @emit: called once per packet, oldest first, with the packet's first
 *	byte and what the library knows of it; a non-zero return stops the
 *	walk
 * @priv: passed to @emit
 *
 * For post-mortem dumps, from a panic handler: the caller guarantees that
 * nothing else runs on the buffer, writer or reader (the other CPUs are
 * stopped and interrupts are off).  Takes no lock, never sleeps, and
 * leaves the held-packet state of the reader alone.
 *
 * The open packet is closed first, unless its CPU stopped inside a
 * record.  Then every complete packet is handed over: the one the reader
 * holds, then those from @consumed on.  A packet that is not complete (a
 * writer stopped inside it) is left out and counted.
 *
 * Return: the number of packets left out.
 */
unsigned int lttng_rb_buf_dump(struct lttng_rb_buf *buf,
			       int (*emit)(void *priv, const void *data,
					   const struct lttng_rb_packet *pkt),
			       void *priv)
{
	struct lttng_rb_chan *chan = buf->chan;
	unsigned long mask = chan->cfg.subbuf_size - 1;
	unsigned long w, seq, slot, backing, v;
	unsigned int left_out = 0;

	/* (J): a hint from the panicking CPU; a writer it stopped holds it. */
	if (!READ_ONCE(buf->nesting))
		rb_switch(chan, buf, false);
	w = local_read(&buf->offset);
	if (w & mask)
		left_out++;
	/* In overwrite mode the held packet is out of the ring, and older. */
	if (chan->cfg.overwrite && buf->held &&
	    emit(priv, buf->mem + (buf->held_backing << chan->sb_order),
		 &buf->held_pkt))
		return left_out;
	for (seq = rb_seq(chan, atomic_long_read(&buf->consumed));
	     (long)(rb_seq(chan, w) - seq) > 0; seq++) {
		slot = rb_slot(chan, seq);
		if (!rb_packet_complete(chan, buf, seq)) {
			left_out++;
			continue;
		}
		backing = slot;
		if (chan->cfg.overwrite) {
			v = atomic_long_read(&buf->map[slot]);
			/* Taken by the reader (handed over above) or lapped. */
			if (map_seq(v) != seq_tag(seq) || (v & RB_MAP_TAKEN))
				continue;
			backing = map_backing(v);
		}
		if (emit(priv, buf->mem + (backing << chan->sb_order),
			 &buf->slots[slot].pkt))
			break;
	}
	return left_out;
}
EXPORT_SYMBOL_GPL(lttng_rb_buf_dump);

/**
 * lttng_rb_chan_mem() - the memory a channel's buffers take
 * @chan: the channel
 *
 * Return: bytes allocated for its buffers: sub-buffers (with the reader's
 * spare in overwrite mode) and per-buffer bookkeeping.
 */
unsigned long lttng_rb_chan_mem(struct lttng_rb_chan *chan)
{
	unsigned long n = chan->cfg.num_subbuf, bytes = 0;
	int i;

	for (i = 0; i < chan->nr_bufs; i++) {
		if (!chan->bufs[i])
			continue;
		bytes += chan->bufs[i]->mem_len + sizeof(*chan->bufs[i]) +
			 n * sizeof(struct lttng_rb_slot);
		if (chan->cfg.overwrite)
			bytes += n * sizeof(atomic_long_t);
	}
	return bytes;
}
EXPORT_SYMBOL_GPL(lttng_rb_chan_mem);

/**
 * lttng_rb_buf_open_reader() - become the single reader of a buffer
 * @buf: the buffer
 *
 * Takes a reference on the channel, dropped by lttng_rb_buf_release_reader().
 *
 * Return: 0, or -EBUSY when the buffer has a reader.
 */
int lttng_rb_buf_open_reader(struct lttng_rb_buf *buf)
{
	if (atomic_cmpxchg(&buf->has_reader, 0, 1))
		return -EBUSY;
	kref_get(&buf->chan->ref);
	return 0;
}
EXPORT_SYMBOL_GPL(lttng_rb_buf_open_reader);

/**
 * lttng_rb_buf_has_reader() - does a buffer have its reader?
 * @buf: the buffer
 *
 * Return: true between lttng_rb_buf_open_reader() and its release.
 */
bool lttng_rb_buf_has_reader(struct lttng_rb_buf *buf)
{
	return atomic_read(&buf->has_reader);
}
EXPORT_SYMBOL_GPL(lttng_rb_buf_has_reader);

/**
 * lttng_rb_buf_release_reader() - stop being a buffer's reader
 * @buf: the buffer; may be freed on return
 *
 * A held packet is released without being consumed.
 */
void lttng_rb_buf_release_reader(struct lttng_rb_buf *buf)
{
	struct lttng_rb_chan *chan = buf->chan;

	if (buf->held)
		lttng_rb_put(buf, false);
	atomic_set(&buf->has_reader, 0);
	lttng_rb_chan_put(chan);
}
EXPORT_SYMBOL_GPL(lttng_rb_buf_release_reader);

/**
 * lttng_rb_buf_chan() - the channel of a buffer
 * @buf: the buffer
 *
 * Return: the channel.
 */
struct lttng_rb_chan *lttng_rb_buf_chan(struct lttng_rb_buf *buf)
{
	return buf->chan;
}
EXPORT_SYMBOL_GPL(lttng_rb_buf_chan);

/* Close the packet of an idle buffer, so that readers see its data. */
static void rb_switch_timer_fn(struct timer_list *t)
{
	struct lttng_rb_buf *buf = from_timer(buf, t, switch_timer);
	struct lttng_rb_chan *chan = buf->chan;

	/* On @buf->cpu: the timer is pinned and stopped at CPU offline. */
	rb_switch(chan, buf, false);
	if (!chan->cfg.read_timer_us && wq_has_sleeper(&buf->read_wait) &&
	    rb_readable(chan, buf))
		wake_up_interruptible(&buf->read_wait);
	/*
	 * Set under rb_chans_lock by rb_switch_timers_stop(), which then
	 * deletes the timer synchronously: a re-arm that missed it is undone.
	 */
	if (!READ_ONCE(chan->stopping))
		mod_timer(t, jiffies + usecs_to_jiffies(chan->cfg.switch_timer_us));
}

static void rb_switch_timer_start(struct lttng_rb_chan *chan, int cpu)
{
	struct lttng_rb_buf *buf = chan->bufs[cpu];

	lockdep_assert_held(&rb_chans_lock);
	if (!chan->cfg.switch_timer_us || chan->stopping || !buf)
		return;
	buf->switch_timer.expires = jiffies +
				    usecs_to_jiffies(chan->cfg.switch_timer_us);
	add_timer_on(&buf->switch_timer, cpu);
}

static void rb_switch_timers_stop(struct lttng_rb_chan *chan)
{
	int i;

	mutex_lock(&rb_chans_lock);
	/* Read locklessly by rb_switch_timer_fn(). */
	WRITE_ONCE(chan->stopping, true);
	mutex_unlock(&rb_chans_lock);
	if (chan->cfg.global || !chan->cfg.switch_timer_us)
		return;
	for (i = 0; i < chan->nr_bufs; i++)
		if (chan->bufs[i])
			timer_delete_sync(&chan->bufs[i]->switch_timer);
}

static int rb_cpu_online(unsigned int cpu)
{
	struct lttng_rb_chan *chan;

	mutex_lock(&rb_chans_lock);
	list_for_each_entry(chan, &rb_chans, node)
		rb_switch_timer_start(chan, cpu);
	mutex_unlock(&rb_chans_lock);
	return 0;
}

/*
 * Runs on the CPU going offline: stop its switch timers, so that they do
 * not migrate.  The CPU still schedules, and records, after this.
 */
static int rb_cpu_offline(unsigned int cpu)
{
	struct lttng_rb_chan *chan;
	struct lttng_rb_buf *buf;

	mutex_lock(&rb_chans_lock);
	list_for_each_entry(chan, &rb_chans, node) {
		buf = chan->bufs[cpu];
		if (buf && chan->cfg.switch_timer_us)
			timer_delete_sync(&buf->switch_timer);
	}
	mutex_unlock(&rb_chans_lock);
	return 0;
}

/*
 * Runs on a control CPU once @cpu is dead: no writer can run on its
 * buffers any more, so close their open packets, which hold the CPU's last
 * records, and wake their readers.  Flushes of the buffer are excluded by
 * the CPU hotplug lock (lttng_rb_buf_flush()).
 */
static int rb_cpu_dead(unsigned int cpu)
{
	struct lttng_rb_chan *chan;
	struct lttng_rb_buf *buf;
	unsigned long flags;

	mutex_lock(&rb_chans_lock);
	list_for_each_entry(chan, &rb_chans, node) {
		buf = chan->bufs[cpu];
		if (!buf)
			continue;
		local_irq_save(flags);
		rb_switch(chan, buf, false);
		local_irq_restore(flags);
		wake_up_interruptible(&buf->read_wait);
	}
	mutex_unlock(&rb_chans_lock);
	return 0;
}

static int __init rb_hotplug_init(void)
{
	int ret;

	ret = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN,
					"lttng/ringbuffer:dead",
					NULL, rb_cpu_dead);
	if (ret < 0)
		return ret;
	ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN,
					"lttng/ringbuffer:online",
					rb_cpu_online, rb_cpu_offline);
	return ret < 0 ? ret : 0;
}

/* Before any channel: autostart.o is linked after this directory. */
early_initcall(rb_hotplug_init);

static void rb_read_timer_fn(struct timer_list *t)
{
	struct lttng_rb_chan *chan = from_timer(chan, t, read_timer);
	int i;

	for (i = 0; i < chan->nr_bufs; i++) {
		struct lttng_rb_buf *buf = chan->bufs[i];

		if (buf && wq_has_sleeper(&buf->read_wait) &&
		    rb_readable(chan, buf))
			wake_up_interruptible(&buf->read_wait);
	}
	/*
	 * A hint, with no ordering: lttng_rb_chan_finalize() shuts the timer
	 * down for good before it sets @finalized, and any mod_timer() after
	 * that is a no-op.
	 */
	if (!READ_ONCE(chan->finalized))
		mod_timer(&chan->read_timer,
			  jiffies + usecs_to_jiffies(chan->cfg.read_timer_us));
}

static void rb_buf_free(struct lttng_rb_buf *buf)
{
	if (!buf)
		return;
	irq_work_sync(&buf->wake_work);
	vfree(buf->mem);
	kfree(buf->slots);
	kfree(buf->map);
	kfree(buf);
}

/*
 * A shape can be valid and still larger than the machine: refuse it
 * before allocating, rather than let the OOM killer pick a victim.
 */
static int rb_memory_check(const struct lttng_rb_config *cfg)
{
	unsigned long per_buf = (cfg->num_subbuf + cfg->overwrite) *
				cfg->subbuf_size;
	unsigned long nr = cfg->global ? 1 : num_possible_cpus();

	if (per_buf / PAGE_SIZE > si_mem_available() / nr) {
		pr_debug("lttng: ring buffer: %lu bytes per buffer, %lu buffers, more than the memory available\n",
			 per_buf, nr);
		return -ENOMEM;
	}
	return 0;
}

static struct lttng_rb_buf *rb_buf_alloc(struct lttng_rb_chan *chan, int cpu)
{
	unsigned int n = chan->cfg.num_subbuf;
	int node = chan->cfg.global ? NUMA_NO_NODE : cpu_to_node(cpu);
	struct lttng_rb_buf *buf;
	unsigned int i;

	buf = kzalloc_node(sizeof(*buf), GFP_KERNEL, node);
	if (!buf)
		return NULL;
	buf->chan = chan;
	buf->cpu = cpu;
	buf->mem_len = (unsigned long)(n + chan->cfg.overwrite) <<
		       chan->sb_order;
	/* vmalloc_user(), but failing instead of calling the OOM killer. */
	buf->mem = __vmalloc_node_range(buf->mem_len, SHMLBA, VMALLOC_START,
					VMALLOC_END,
					GFP_KERNEL | __GFP_ZERO |
					__GFP_RETRY_MAYFAIL | __GFP_NOWARN,
					PAGE_KERNEL, VM_USERMAP, node,
					__builtin_return_address(0));
	buf->slots = kcalloc_node(n, sizeof(*buf->slots), GFP_KERNEL, node);
	if (!buf->mem || !buf->slots)
		goto err;
	if (chan->cfg.overwrite) {
		buf->map = kcalloc_node(n, sizeof(*buf->map), GFP_KERNEL, node);
		if (!buf->map)
			goto err;
		/* No packet owns a slot yet; backing n is the reader's spare. */
		for (i = 0; i < n; i++)
			atomic_long_set(&buf->map[i],
					map_make(seq_tag(ULONG_MAX), i));
		buf->spare = n;
	}
	local_set(&buf->offset, 0);
	atomic_long_set(&buf->consumed, 0);
	mutex_init(&buf->reader_lock);
	mutex_init(&buf->flush_lock);
	init_waitqueue_head(&buf->read_wait);
	init_irq_work(&buf->wake_work, rb_wake_work);
	timer_setup(&buf->switch_timer, rb_switch_timer_fn, TIMER_PINNED);
	return buf;
err:
	rb_buf_free(buf);
	return NULL;
}

/**
 * lttng_rb_check_subbuf_size() - may a channel have sub-buffers of @size?
 * @size: bytes, as a user asked
 *
 * Return: 0, or -EINVAL unless it is a power of two from PAGE_SIZE to
 * %LTTNG_RB_SUBBUF_MAX.
 */
int lttng_rb_check_subbuf_size(u64 size)
{
	if (!is_power_of_2(size) || size < PAGE_SIZE ||
	    size > LTTNG_RB_SUBBUF_MAX) {
		pr_debug("lttng: bad sub-buffer size %llu\n", size);
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(lttng_rb_check_subbuf_size);

/**
 * lttng_rb_check_num_subbuf() - may a channel have @num sub-buffers?
 * @num: sub-buffers per buffer, as a user asked
 * @overwrite: in overwrite mode
 *
 * Overwrite mode needs a packet to reclaim besides the open one; discard
 * mode takes a single sub-buffer, as LTTng-modules does.
 *
 * Return: 0, or -EINVAL unless it is a power of two from 1 (2 in
 * overwrite mode) to %LTTNG_RB_NUM_SUBBUF_MAX.
 */
int lttng_rb_check_num_subbuf(u64 num, bool overwrite)
{
	if (!is_power_of_2(num) || num < (overwrite ? 2 : 1) ||
	    num > LTTNG_RB_NUM_SUBBUF_MAX) {
		pr_debug("lttng: bad sub-buffer count %llu%s\n", num,
			 overwrite ? " in overwrite mode" : "");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(lttng_rb_check_num_subbuf);

/**
 * lttng_rb_check_shape() - the limits of a channel's shape, in one place
 * @size: bytes per sub-buffer
 * @num: sub-buffers per buffer
 * @overwrite: in overwrite mode
 *
 * Return: 0, or -EINVAL with a debug message saying why.
 */
int lttng_rb_check_shape(u64 size, u64 num, bool overwrite)
{
	if (lttng_rb_check_subbuf_size(size) ||
	    lttng_rb_check_num_subbuf(num, overwrite))
		return -EINVAL;
	/* The reader mapping must stay addressable by an int. */
	if ((num + 1) * size > INT_MAX) {
		pr_debug("lttng: buffer too large\n");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(lttng_rb_check_shape);

static int rb_config_check(const struct lttng_rb_config *cfg,
			   const struct lttng_rb_client *client)
{
	if (lttng_rb_check_shape(cfg->subbuf_size, cfg->num_subbuf,
				 cfg->overwrite))
		return -EINVAL;
	if (cfg->tsc_bits >= 64)
		return -EINVAL;
	if (!client || client->header_size >= cfg->subbuf_size ||
	    !client->packet_begin || !client->packet_end)
		return -EINVAL;
	return 0;
}

static void rb_chan_free(struct lttng_rb_chan *chan)
{
	int i;

	for (i = 0; i < chan->nr_bufs; i++)
		rb_buf_free(chan->bufs[i]);
	kfree(chan->bufs);
	kfree(chan);
}

/**
 * lttng_rb_chan_create() - create a channel and its buffers
 * @cfg: the shape; copied
 * @client: the packet framing; must outlive the channel
 * @priv: the client's data, returned by lttng_rb_chan_priv()
 *
 * Allocates one buffer per possible CPU (one in all for a global channel)
 * and starts the read timer and the switch timers.  The caller holds the only reference.
 *
 * Return: the channel, ERR_PTR(-EINVAL) for a bad shape, ERR_PTR(-ENOMEM).
 */
struct lttng_rb_chan *lttng_rb_chan_create(const struct lttng_rb_config *cfg,
					   const struct lttng_rb_client *client,
					   void *priv)
{
	struct lttng_rb_chan *chan;
	int cpu, ret;

	ret = rb_config_check(cfg, client);
	if (ret)
		return ERR_PTR(ret);
	ret = rb_memory_check(cfg);
	if (ret)
		return ERR_PTR(ret);
	chan = kzalloc(sizeof(*chan), GFP_KERNEL);
	if (!chan)
		return ERR_PTR(-ENOMEM);
	chan->cfg = *cfg;
	chan->client = client;
	chan->priv = priv;
	chan->sb_order = ilog2(cfg->subbuf_size);
	chan->n_order = ilog2(cfg->num_subbuf);
	kref_init(&chan->ref);
	chan->nr_bufs = cfg->global ? 1 : nr_cpu_ids;
	chan->bufs = kcalloc(chan->nr_bufs, sizeof(*chan->bufs), GFP_KERNEL);
	if (!chan->bufs)
		goto err;
	if (cfg->global) {
		chan->bufs[0] = rb_buf_alloc(chan, 0);
		if (!chan->bufs[0])
			goto err;
	} else {
		for_each_possible_cpu(cpu) {
			chan->bufs[cpu] = rb_buf_alloc(chan, cpu);
			if (!chan->bufs[cpu])
				goto err;
		}
	}
	timer_setup(&chan->read_timer, rb_read_timer_fn, 0);
	if (cfg->read_timer_us)
		mod_timer(&chan->read_timer,
			  jiffies + usecs_to_jiffies(cfg->read_timer_us));
	if (!cfg->global) {
		cpus_read_lock();
		mutex_lock(&rb_chans_lock);
		list_add(&chan->node, &rb_chans);
		for_each_online_cpu(cpu)
			rb_switch_timer_start(chan, cpu);
		mutex_unlock(&rb_chans_lock);
		cpus_read_unlock();
	}
	return chan;
err:
	rb_chan_free(chan);
	return ERR_PTR(-ENOMEM);
}
EXPORT_SYMBOL_GPL(lttng_rb_chan_create);

/**
 * lttng_rb_chan_finalize() - end a channel's life as a trace
 * @chan: the channel; all writers must be gone
 *
 * Closes every open packet, stops the timers and wakes every reader.
 * Readers drain what remains, then see -ENODATA and EPOLLHUP.  May sleep.
 */
void lttng_rb_chan_finalize(struct lttng_rb_chan *chan)
{
	int i;

	/* Only this function writes @finalized; its callers serialize it. */
	if (READ_ONCE(chan->finalized))
		return;
	timer_shutdown_sync(&chan->read_timer);
	rb_switch_timers_stop(chan);
	lttng_rb_chan_flush(chan, false);
	/* (H): the closing flush before @finalized.  Pairs with (G). */
	smp_store_release(&chan->finalized, true);
	for (i = 0; i < chan->nr_bufs; i++)
		if (chan->bufs[i])
			wake_up_interruptible(&chan->bufs[i]->read_wait);
}
EXPORT_SYMBOL_GPL(lttng_rb_chan_finalize);

static void rb_chan_release(struct kref *ref)
{
	struct lttng_rb_chan *chan = container_of(ref, struct lttng_rb_chan, ref);

	timer_shutdown_sync(&chan->read_timer);
	rb_switch_timers_stop(chan);
	if (!chan->cfg.global) {
		mutex_lock(&rb_chans_lock);
		list_del(&chan->node);
		mutex_unlock(&rb_chans_lock);
	}
	if (chan->client->release)
		chan->client->release(chan);
	rb_chan_free(chan);
}

/**
 * lttng_rb_chan_put() - drop a reference; the last one frees the channel
 * @chan: the channel
 */
void lttng_rb_chan_put(struct lttng_rb_chan *chan)
{
	kref_put(&chan->ref, rb_chan_release);
}
EXPORT_SYMBOL_GPL(lttng_rb_chan_put);

/**
 * lttng_rb_chan_priv() - the client data given at creation
 * @chan: the channel
 *
 * Return: the @priv of lttng_rb_chan_create().
 */
void *lttng_rb_chan_priv(struct lttng_rb_chan *chan)
{
	return chan->priv;
}
EXPORT_SYMBOL_GPL(lttng_rb_chan_priv);

/**
 * lttng_rb_chan_config() - the shape of a channel
 * @chan: the channel
 *
 * Return: its configuration.
 */
const struct lttng_rb_config *lttng_rb_chan_config(struct lttng_rb_chan *chan)
{
	return &chan->cfg;
}
EXPORT_SYMBOL_GPL(lttng_rb_chan_config);

/**
 * lttng_rb_chan_nr_bufs() - number of buffer slots of a channel
 * @chan: the channel
 *
 * Return: nr_cpu_ids, or 1 for a global channel.
 */
int lttng_rb_chan_nr_bufs(struct lttng_rb_chan *chan)
{
	return chan->nr_bufs;
}
EXPORT_SYMBOL_GPL(lttng_rb_chan_nr_bufs);

/**
 * lttng_rb_chan_buf() - a channel's buffer for a CPU
 * @chan: the channel
 * @cpu: the CPU, or 0 for a global channel
 *
 * Return: the buffer, or NULL when @cpu is out of range or not possible.
 */
struct lttng_rb_buf *lttng_rb_chan_buf(struct lttng_rb_chan *chan, int cpu)
{
	if (cpu < 0 || cpu >= chan->nr_bufs)
		return NULL;
	return chan->bufs[cpu];
}
EXPORT_SYMBOL_GPL(lttng_rb_chan_buf);
