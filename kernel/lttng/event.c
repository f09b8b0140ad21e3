// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the record path of probes.
 *
 * A probe reserves a record with lttng_event_reserve(), which drops it if
 * the session's trackers filter the running task out, writes the event
 * header (event.h) and the channel's contexts; the probe writes its
 * payload with the lttng_event_write*() helpers of <linux/lttng/events.h>
 * and publishes the record with lttng_event_commit().
 */

#include <linux/export.h>
#include <linux/unaligned.h>

#include "context.h"
#include "event.h"
#include "graph.h"
#include "tracker.h"

/**
 * lttng_event_reserve() - reserve a record and write its event header
 * @event: the event, whose probe runs with preemption disabled
 * @ctx: the record; @ctx->p points to the payload on success
 * @payload: payload bytes
 *
 * Also writes the channel's contexts, between the header and the payload.
 *
 * Return: 0; -EPERM when the session's trackers filter the running task
 * out; or the ring buffer's error, and the loss is counted there.
 */
int lttng_event_reserve(struct lttng_event *event, struct lttng_event_ctx *ctx,
			size_t payload)
{
	const struct lttng_channel *chan = event->chan;
	bool compact = event->id <= LTTNG_EVENT_ID_COMPACT_MAX;
	char *p;
	int ret;

	/* Pairs with the WRITE_ONCE()s of lttng_tracker_publish(). */
	if (unlikely(READ_ONCE(chan->session->tracking)) &&
	    !lttng_tracker_pass(chan->session))
		return -EPERM;
	payload += chan->ctx_size;
	ctx->rb.size_full = LTTNG_EVENT_HDR_EXTENDED + payload;
	ctx->rb.size_compact = compact ? LTTNG_EVENT_HDR_COMPACT + payload :
					 ctx->rb.size_full;
	ret = lttng_rb_reserve(chan->rb, &ctx->rb);
	if (unlikely(ret))
		return ret;
	p = ctx->rb.addr;
	if (likely(compact && !ctx->rb.full_tsc)) {
		/* The low 27 bits of the timestamp, above the 5-bit id. */
		put_unaligned(event->id | (u32)ctx->rb.tsc << 5, (u32 *)p);
		p += LTTNG_EVENT_HDR_COMPACT;
	} else {
		*p = LTTNG_EVENT_ID_EXTENDED;
		put_unaligned(event->id, (u32 *)(p + 1));
		put_unaligned(ctx->rb.tsc, (u64 *)(p + 5));
		p += LTTNG_EVENT_HDR_EXTENDED;
	}
	ctx->p = p;
	if (chan->nr_ctx)
		lttng_ctx_record(chan, ctx);
	return 0;
}
EXPORT_SYMBOL_GPL(lttng_event_reserve);

/**
 * lttng_event_commit() - publish a record written after lttng_event_reserve()
 * @event: the event
 * @ctx: the record
 */
void lttng_event_commit(struct lttng_event *event, struct lttng_event_ctx *ctx)
{
	lttng_rb_commit(event->chan->rb, &ctx->rb);
}
EXPORT_SYMBOL_GPL(lttng_event_commit);

/**
 * lttng_event_in_session() - does an event record into a given session?
 * @event: the event
 * @session: the session
 *
 * For the probes of tracepoints that name the one session they are for
 * (LTTNG_PROBE_SESSION in <linux/lttng/define-probe.h>).
 *
 * Return: true if @event belongs to a channel of @session.
 */
bool lttng_event_in_session(const struct lttng_event *event,
			    const struct lttng_session *session)
{
	return event->chan->session == session;
}
EXPORT_SYMBOL_GPL(lttng_event_in_session);
