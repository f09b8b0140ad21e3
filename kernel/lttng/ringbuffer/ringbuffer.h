/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: ring buffer internals, shared with the KUnit suite.
 */
#ifndef _LTTNG_RINGBUFFER_INTERNAL_H
#define _LTTNG_RINGBUFFER_INTERNAL_H

#include <linux/bits.h>
#include <linux/irq_work.h>
#include <linux/kref.h>
#include <asm/local.h>
#include <linux/lttng/ringbuffer.h>
#include <linux/mutex.h>
#include <linux/timer.h>
#include <linux/wait.h>

/*
 * @map words: the packet number above RB_MAP_SHIFT, then RB_MAP_TAKEN (the
 * reader took that packet out of the ring), then the backing index.
 */
#define RB_MAP_SHIFT		16
#define RB_MAP_TAKEN		BIT(RB_MAP_SHIFT - 1)
/* The packet number needs the bits above RB_MAP_TAKEN. */
static_assert(BIT(RB_MAP_SHIFT - 2) >= LTTNG_RB_NUM_SUBBUF_MAX);

/*
 * Per slot: the commit counter, the records committed (both over all
 * laps), the record count when its current packet opened, and what is
 * known of that packet.
 */
struct lttng_rb_slot {
	local_t commit;
	local_t records;
	unsigned long records_base;
	struct lttng_rb_packet pkt;
};

struct lttng_rb_buf {
	/* Writer side: touched by the owning CPU only (local_t). */
	local_t offset;
	u64 last_tsc;
	local_t lost_full;
	local_t lost_wrap;
	local_t lost_big;
	local_t lost_nest;
	unsigned int nesting;		/* reservations not yet committed */
	atomic_long_t lost_overwrite;	/* also added to by the reader */
	atomic_long_t packets_overwritten; /* also added to by the reader */
	struct lttng_rb_slot *slots;
	atomic_long_t *map;		/* overwrite mode only */
	void *mem;
	unsigned long mem_len;
	struct lttng_rb_chan *chan;
	int cpu;

	/*
	 * Serializes flushes that do not run on the buffer's CPU: a global
	 * buffer's, or an offline CPU's, where two callers could otherwise
	 * race on the local_t counters.
	 */
	struct mutex flush_lock;

	/* Reader side. */
	atomic_long_t consumed ____cacheline_aligned_in_smp;
	atomic_long_t packets_read;
	atomic_t has_reader;
	/* Protects the held-packet state below. */
	struct mutex reader_lock;
	bool held;
	unsigned long held_pos;
	unsigned long held_backing;
	unsigned long held_records;
	unsigned long spare;		/* overwrite mode: reader's backing */
	struct lttng_rb_packet held_pkt;
	wait_queue_head_t read_wait;
	/* Wakes the reader when a writer completes a packet. */
	struct irq_work wake_work;
	/* Pinned to @cpu; stopped before the CPU goes offline. */
	struct timer_list switch_timer;
};

struct lttng_rb_chan {
	struct lttng_rb_config cfg;
	const struct lttng_rb_client *client;
	void *priv;
	struct kref ref;
	unsigned int sb_order;
	unsigned int n_order;
	bool finalized;
	bool stopping;			/* no more switch timers: rb_chans_lock */
	struct list_head node;		/* in rb_chans, if per-CPU */
	int nr_bufs;
	struct lttng_rb_buf **bufs;
	struct timer_list read_timer;
};

#endif /* _LTTNG_RINGBUFFER_INTERNAL_H */
