// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite lttng_rb: edge cases of both ring buffer modes.
 *
 * Every case uses a global (single-buffer) channel written from the test
 * thread, so that the exact content is known: 100-byte records, each
 * carrying its index and its timestamp, after a 16-byte packet header.
 */

#include <kunit/test.h>
#include <linux/preempt.h>
#include <linux/lttng/ringbuffer.h>

#include "ringbuffer.h"

#define T_HDR		16
#define T_REC		100
#define T_SUBBUF	PAGE_SIZE
/* Records a packet holds: the header, then whole records. */
#define T_PER_PKT	((T_SUBBUF - T_HDR) / T_REC)

struct t_hdr {
	u64 seq;
	u64 ts_begin;
};

struct t_rec {
	u64 index;
	u64 tsc;
	u8 pad[T_REC - 16];
} __packed;

static void t_packet_begin(struct lttng_rb_chan *chan, void *p,
			   const struct lttng_rb_packet *pkt)
{
	struct t_hdr *hdr = p;

	hdr->seq = pkt->seq;
	hdr->ts_begin = pkt->ts_begin;
}

static void t_packet_end(struct lttng_rb_chan *chan, void *p,
			 const struct lttng_rb_packet *pkt)
{
}

static const struct lttng_rb_client t_client = {
	.header_size = T_HDR,
	.packet_begin = t_packet_begin,
	.packet_end = t_packet_end,
};

static struct lttng_rb_chan *t_chan(struct kunit *test, unsigned int n,
				    bool overwrite)
{
	struct lttng_rb_config cfg = {
		.subbuf_size = T_SUBBUF,
		.num_subbuf = n,
		.overwrite = overwrite,
		.global = true,
		.tsc_bits = 27,
	};
	struct lttng_rb_chan *chan = lttng_rb_chan_create(&cfg, &t_client, NULL);

	KUNIT_ASSERT_FALSE(test, IS_ERR(chan));
	KUNIT_ASSERT_EQ(test, 0,
			lttng_rb_buf_open_reader(lttng_rb_chan_buf(chan, 0)));
	return chan;
}

static void t_chan_done(struct lttng_rb_chan *chan)
{
	lttng_rb_buf_release_reader(lttng_rb_chan_buf(chan, 0));
	lttng_rb_chan_put(chan);
}

static int t_write(struct lttng_rb_chan *chan, u64 index, size_t size)
{
	struct lttng_rb_ctx ctx = { .size_compact = size, .size_full = size };
	struct t_rec *rec;
	int ret;

	preempt_disable();
	ret = lttng_rb_reserve(chan, &ctx);
	if (!ret) {
		rec = ctx.addr;
		rec->index = index;
		rec->tsc = ctx.tsc;
		lttng_rb_commit(chan, &ctx);
	}
	preempt_enable();
	return ret;
}

/* Take the next packet, check its framing, return its record count. */
static int t_read_packet(struct kunit *test, struct lttng_rb_buf *buf,
			 struct lttng_rb_packet *pkt, u64 *first_index)
{
	unsigned long off;
	struct t_hdr *hdr;
	int ret;

	ret = lttng_rb_get_next(buf);
	if (ret)
		return ret;
	KUNIT_EXPECT_EQ(test, 0, lttng_rb_held_packet(buf, pkt));
	KUNIT_EXPECT_EQ(test, 0, lttng_rb_mmap_read_offset(buf, &off));
	hdr = buf->mem + off;
	KUNIT_EXPECT_EQ(test, hdr->seq, (u64)pkt->seq);
	KUNIT_EXPECT_EQ(test, hdr->ts_begin, pkt->ts_begin);
	KUNIT_EXPECT_EQ(test, 0, (int)((pkt->data_size - T_HDR) % T_REC));
	if (first_index && pkt->data_size > T_HDR)
		*first_index = ((struct t_rec *)(hdr + 1))->index;
	KUNIT_EXPECT_EQ(test, 0, lttng_rb_put(buf, true));
	return (pkt->data_size - T_HDR) / T_REC;
}

static void lttng_rb_discard_full(struct kunit *test)
{
	struct lttng_rb_chan *chan = t_chan(test, 2, false);
	struct lttng_rb_buf *buf = lttng_rb_chan_buf(chan, 0);
	struct lttng_rb_packet pkt;
	struct lttng_rb_stats st;
	unsigned int i, ok = 0;
	u64 first;

	for (i = 0; i < 3 * T_PER_PKT; i++)
		ok += !t_write(chan, i, T_REC);
	/* Two packets fit; the third would reuse an unconsumed slot. */
	KUNIT_EXPECT_EQ(test, ok, 2 * T_PER_PKT);
	lttng_rb_stats(buf, &st);
	KUNIT_EXPECT_EQ(test, st.lost_full, (unsigned long)T_PER_PKT);
	KUNIT_EXPECT_EQ(test, st.records, (unsigned long)ok);

	KUNIT_EXPECT_EQ(test, t_read_packet(test, buf, &pkt, &first),
			T_PER_PKT);
	KUNIT_EXPECT_EQ(test, pkt.seq, 0UL);
	KUNIT_EXPECT_EQ(test, first, 0ULL);
	KUNIT_EXPECT_EQ(test, pkt.lost, 0UL);
	/* The second packet is open until a flush closes it. */
	KUNIT_EXPECT_EQ(test, lttng_rb_get_next(buf), -EAGAIN);
	lttng_rb_buf_flush(buf, false);
	KUNIT_EXPECT_EQ(test, t_read_packet(test, buf, &pkt, &first),
			T_PER_PKT);
	KUNIT_EXPECT_EQ(test, pkt.seq, 1UL);
	KUNIT_EXPECT_EQ(test, first, (u64)T_PER_PKT);
	/* Every loss so far is in the count of the packet that closed. */
	KUNIT_EXPECT_EQ(test, pkt.lost, (unsigned long)T_PER_PKT);
	KUNIT_EXPECT_EQ(test, lttng_rb_get_next(buf), -EAGAIN);
	/* Room again: writing resumes. */
	KUNIT_EXPECT_EQ(test, t_write(chan, 1000, T_REC), 0);
	t_chan_done(chan);
}

static void lttng_rb_overwrite_wrap(struct kunit *test)
{
	struct lttng_rb_chan *chan = t_chan(test, 2, true);
	struct lttng_rb_buf *buf = lttng_rb_chan_buf(chan, 0);
	struct lttng_rb_packet pkt;
	struct lttng_rb_stats st;
	unsigned int i;
	u64 first;

	/* Five packets' worth into a ring of two: the writer never fails. */
	for (i = 0; i < 5 * T_PER_PKT; i++)
		KUNIT_ASSERT_EQ(test, t_write(chan, i, T_REC), 0);
	lttng_rb_buf_flush(buf, false);
	lttng_rb_stats(buf, &st);
	KUNIT_EXPECT_EQ(test, st.lost_full + st.lost_wrap, 0UL);
	/* The newest two packets are kept: 3 and 4; 0 to 2 are a gap. */
	KUNIT_EXPECT_EQ(test, t_read_packet(test, buf, &pkt, &first),
			T_PER_PKT);
	KUNIT_EXPECT_EQ(test, pkt.seq, 3UL);
	KUNIT_EXPECT_EQ(test, first, 3ULL * T_PER_PKT);
	KUNIT_EXPECT_EQ(test, t_read_packet(test, buf, &pkt, &first),
			T_PER_PKT);
	KUNIT_EXPECT_EQ(test, pkt.seq, 4UL);
	KUNIT_EXPECT_EQ(test, first, 4ULL * T_PER_PKT);
	KUNIT_EXPECT_EQ(test, lttng_rb_get_next(buf), -EAGAIN);
	t_chan_done(chan);
}

/* A held packet survives the writer lapping the ring: the spare swap. */
static void lttng_rb_overwrite_held(struct kunit *test)
{
	struct lttng_rb_chan *chan = t_chan(test, 2, true);
	struct lttng_rb_buf *buf = lttng_rb_chan_buf(chan, 0);
	struct lttng_rb_packet pkt;
	unsigned long off;
	struct t_rec *rec;
	unsigned int i;

	for (i = 0; i < 2 * T_PER_PKT; i++)
		KUNIT_ASSERT_EQ(test, t_write(chan, i, T_REC), 0);
	KUNIT_ASSERT_EQ(test, lttng_rb_get_next(buf), 0);
	KUNIT_ASSERT_EQ(test, lttng_rb_mmap_read_offset(buf, &off), 0);
	/* The reader took backing 0 and gave its spare, backing 2. */
	KUNIT_EXPECT_EQ(test, off, 0UL);
	for (; i < 6 * T_PER_PKT; i++)
		KUNIT_ASSERT_EQ(test, t_write(chan, i, T_REC), 0);
	KUNIT_ASSERT_EQ(test, lttng_rb_held_packet(buf, &pkt), 0);
	KUNIT_EXPECT_EQ(test, pkt.seq, 0UL);
	rec = buf->mem + off + T_HDR;
	for (i = 0; i < T_PER_PKT; i++)
		KUNIT_EXPECT_EQ(test, rec[i].index, (u64)i);
	KUNIT_EXPECT_EQ(test, lttng_rb_put(buf, true), 0);
	lttng_rb_buf_flush(buf, false);
	KUNIT_EXPECT_EQ(test, t_read_packet(test, buf, &pkt, NULL), T_PER_PKT);
	KUNIT_EXPECT_EQ(test, pkt.seq, 4UL);
	t_chan_done(chan);
}

static void lttng_rb_too_big(struct kunit *test)
{
	struct lttng_rb_chan *chan = t_chan(test, 2, false);
	struct lttng_rb_buf *buf = lttng_rb_chan_buf(chan, 0);
	struct lttng_rb_stats st;

	KUNIT_EXPECT_EQ(test, t_write(chan, 0, T_SUBBUF - T_HDR + 1), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, t_write(chan, 1, T_SUBBUF - T_HDR), 0);
	lttng_rb_stats(buf, &st);
	KUNIT_EXPECT_EQ(test, st.lost_big, 1UL);
	KUNIT_EXPECT_EQ(test, st.records, 1UL);
	t_chan_done(chan);
}

static void lttng_rb_empty_flush(struct kunit *test)
{
	struct lttng_rb_chan *chan = t_chan(test, 4, false);
	struct lttng_rb_buf *buf = lttng_rb_chan_buf(chan, 0);
	struct lttng_rb_packet pkt;

	lttng_rb_buf_flush(buf, false);
	KUNIT_EXPECT_EQ(test, lttng_rb_get_next(buf), -EAGAIN);
	lttng_rb_buf_flush(buf, true);
	KUNIT_EXPECT_EQ(test, t_read_packet(test, buf, &pkt, NULL), 0);
	KUNIT_EXPECT_EQ(test, pkt.seq, 0UL);
	KUNIT_EXPECT_EQ(test, pkt.data_size, (unsigned long)T_HDR);
	KUNIT_EXPECT_EQ(test, pkt.ts_begin, pkt.ts_end);
	KUNIT_EXPECT_EQ(test, lttng_rb_padded_size(&pkt), PAGE_SIZE);
	/* With a packet open, FLUSH_EMPTY closes it like FLUSH. */
	KUNIT_EXPECT_EQ(test, t_write(chan, 7, T_REC), 0);
	lttng_rb_buf_flush(buf, true);
	KUNIT_EXPECT_EQ(test, t_read_packet(test, buf, &pkt, NULL), 1);
	KUNIT_EXPECT_EQ(test, pkt.seq, 1UL);
	KUNIT_EXPECT_EQ(test, lttng_rb_get_next(buf), -EAGAIN);
	t_chan_done(chan);
}

static void lttng_rb_timestamps(struct kunit *test)
{
	struct lttng_rb_chan *chan = t_chan(test, 8, false);
	struct lttng_rb_buf *buf = lttng_rb_chan_buf(chan, 0);
	u64 last_rec = 0, last_end = 0;
	struct lttng_rb_packet pkt;
	unsigned long off;
	struct t_rec *rec;
	unsigned int i, n, seen = 0;

	for (i = 0; i < 5 * T_PER_PKT + 3; i++)
		KUNIT_ASSERT_EQ(test, t_write(chan, i, T_REC), 0);
	lttng_rb_buf_flush(buf, false);
	while (!lttng_rb_get_next(buf)) {
		KUNIT_ASSERT_EQ(test, lttng_rb_held_packet(buf, &pkt), 0);
		KUNIT_ASSERT_EQ(test, lttng_rb_mmap_read_offset(buf, &off), 0);
		KUNIT_EXPECT_LE(test, last_end, pkt.ts_begin);
		KUNIT_EXPECT_LE(test, pkt.ts_begin, pkt.ts_end);
		rec = buf->mem + off + T_HDR;
		n = (pkt.data_size - T_HDR) / T_REC;
		for (i = 0; i < n; i++, seen++) {
			KUNIT_EXPECT_EQ(test, rec[i].index, (u64)seen);
			KUNIT_EXPECT_LE(test, last_rec, rec[i].tsc);
			KUNIT_EXPECT_LE(test, pkt.ts_begin, rec[i].tsc);
			KUNIT_EXPECT_LE(test, rec[i].tsc, pkt.ts_end);
			last_rec = rec[i].tsc;
		}
		/* The first record of a packet is its opening timestamp. */
		KUNIT_EXPECT_EQ(test, rec[0].tsc, pkt.ts_begin);
		last_end = pkt.ts_end;
		KUNIT_ASSERT_EQ(test, lttng_rb_put(buf, true), 0);
	}
	KUNIT_EXPECT_EQ(test, seen, 5 * T_PER_PKT + 3);
	t_chan_done(chan);
}

static void lttng_rb_bad_config(struct kunit *test)
{
	struct lttng_rb_config cfg = {
		.subbuf_size = T_SUBBUF, .num_subbuf = 4, .global = true,
	};
	struct lttng_rb_chan *chan;

	cfg.subbuf_size = 3 * PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, PTR_ERR(lttng_rb_chan_create(&cfg, &t_client, NULL)),
			-EINVAL);
	cfg.subbuf_size = PAGE_SIZE / 2;
	KUNIT_EXPECT_EQ(test, PTR_ERR(lttng_rb_chan_create(&cfg, &t_client, NULL)),
			-EINVAL);
	cfg.subbuf_size = T_SUBBUF;
	cfg.num_subbuf = 3;
	KUNIT_EXPECT_EQ(test, PTR_ERR(lttng_rb_chan_create(&cfg, &t_client, NULL)),
			-EINVAL);
	cfg.num_subbuf = 1;
	KUNIT_EXPECT_EQ(test, PTR_ERR(lttng_rb_chan_create(&cfg, &t_client, NULL)),
			-EINVAL);
	cfg.num_subbuf = 4;
	chan = lttng_rb_chan_create(&cfg, &t_client, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(chan));
	/* put without get, and a second reader, are refused. */
	KUNIT_EXPECT_EQ(test, lttng_rb_put(lttng_rb_chan_buf(chan, 0), true),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, lttng_rb_buf_open_reader(lttng_rb_chan_buf(chan, 0)),
			0);
	KUNIT_EXPECT_EQ(test, lttng_rb_buf_open_reader(lttng_rb_chan_buf(chan, 0)),
			-EBUSY);
	t_chan_done(chan);
}

static struct kunit_case lttng_rb_cases[] = {
	KUNIT_CASE(lttng_rb_discard_full),
	KUNIT_CASE(lttng_rb_overwrite_wrap),
	KUNIT_CASE(lttng_rb_overwrite_held),
	KUNIT_CASE(lttng_rb_too_big),
	KUNIT_CASE(lttng_rb_empty_flush),
	KUNIT_CASE(lttng_rb_timestamps),
	KUNIT_CASE(lttng_rb_bad_config),
	{}
};

static struct kunit_suite lttng_rb_suite = {
	.name = "lttng_rb",
	.test_cases = lttng_rb_cases,
};

kunit_test_suite(lttng_rb_suite);
