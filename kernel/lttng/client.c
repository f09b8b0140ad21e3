// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: CTF framing of data channels.
 *
 * Every sub-buffer is one CTF packet.  Its header and context, and the
 * event header, are laid out as the metadata (metadata.c) declares them,
 * packed, in the CPU's byte order:
 *
 *	packet header   magic, uuid[16], stream_id, stream_instance_id
 *	packet context  timestamp_begin, timestamp_end, content_size,
 *			packet_size, packet_seq_num, events_discarded, cpu_id
 *	event header    event.h, written by the record path (event.c)
 *	event context   the channel's contexts (context.c), if any
 */

#include <linux/slab.h>
#include <linux/unaligned.h>

#include "client.h"
#include "graph.h"

#define LTTNG_CTF_MAGIC		0xC1FC1FC1U

struct lttng_packet_header {
	u32 magic;
	u8 uuid[16];
	u32 stream_id;
	u64 stream_instance_id;
	u64 timestamp_begin;
	u64 timestamp_end;
	u64 content_size;
	u64 packet_size;
	u64 packet_seq_num;
	u64 events_discarded;
	u32 cpu_id;
} __packed;

/* What the framing needs of a channel; outlives the session. */
struct lttng_client_priv {
	uuid_t uuid;
	u32 stream_id;
};

static void lttng_client_packet_begin(struct lttng_rb_chan *rb, void *p,
				      const struct lttng_rb_packet *pkt)
{
	struct lttng_client_priv *priv = lttng_rb_chan_priv(rb);
	struct lttng_packet_header *hdr = p;

	hdr->magic = LTTNG_CTF_MAGIC;
	memcpy(hdr->uuid, &priv->uuid, sizeof(hdr->uuid));
	hdr->stream_id = priv->stream_id;
	hdr->stream_instance_id = pkt->cpu;
	hdr->timestamp_begin = pkt->ts_begin;
	hdr->packet_seq_num = pkt->seq;
	hdr->cpu_id = pkt->cpu;
	/* The rest is packet_end()'s, which may have run already. */
}

static void lttng_client_packet_end(struct lttng_rb_chan *rb, void *p,
				    const struct lttng_rb_packet *pkt)
{
	struct lttng_packet_header *hdr = p;

	hdr->timestamp_end = pkt->ts_end;
	hdr->content_size = (u64)pkt->data_size * BITS_PER_BYTE;
	hdr->packet_size = (u64)lttng_rb_padded_size(pkt) * BITS_PER_BYTE;
	hdr->events_discarded = pkt->lost;
}

static void lttng_client_release(struct lttng_rb_chan *rb)
{
	kfree(lttng_rb_chan_priv(rb));
}

static const struct lttng_rb_client lttng_data_client = {
	.header_size = sizeof(struct lttng_packet_header),
	.packet_begin = lttng_client_packet_begin,
	.packet_end = lttng_client_packet_end,
	.release = lttng_client_release,
};

/**
 * lttng_client_chan_create() - the ring buffer of a data channel
 * @chan: the channel, whose id is its CTF stream id
 * @cfg: its shape
 *
 * Return: the ring buffer channel, or an ERR_PTR().
 */
struct lttng_rb_chan *lttng_client_chan_create(struct lttng_channel *chan,
					       const struct lttng_rb_config *cfg)
{
	struct lttng_client_priv *priv;
	struct lttng_rb_chan *rb;

	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return ERR_PTR(-ENOMEM);
	uuid_copy(&priv->uuid, &chan->session->uuid);
	priv->stream_id = chan->id;
	rb = lttng_rb_chan_create(cfg, &lttng_data_client, priv);
	if (IS_ERR(rb))
		kfree(priv);
	return rb;
}
