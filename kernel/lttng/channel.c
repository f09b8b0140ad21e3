// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: channels.
 *
 * A session has data channels, each with its ring buffer, its contexts and
 * its events, and metadata channels, which carry the session's metadata
 * text to one reader.  Data channels are made before the session first
 * starts and live as long as it; a metadata channel lives as long as its
 * fd.  A channel request is checked here, its shape by the ring buffer's
 * lttng_rb_check_shape().
 */

#include <linux/err.h>
#include <linux/slab.h>

#include "channel.h"
#include "client.h"
#include "context.h"
#include "enabler.h"
#include "event.h"
#include "graph.h"
#include "metadata.h"
#include "syscalls.h"

/**
 * lttng_channel_params_check() - validate a channel's shape
 * @p: the parameters
 *
 * Return: 0, or -EINVAL with a debug message saying why.
 */
int lttng_channel_params_check(const struct lttng_chan_params *p)
{
	if (lttng_rb_check_shape(p->subbuf_size, p->num_subbuf, p->overwrite))
		return -EINVAL;
	if (p->output != LTTNG_ABI_OUTPUT_SPLICE &&
	    p->output != LTTNG_ABI_OUTPUT_MMAP) {
		pr_debug("lttng: bad output %u\n", p->output);
		return -EINVAL;
	}
	return 0;
}

/**
 * lttng_channel_create() - add a data or metadata channel to a session
 * @session: the session
 * @p: the channel's shape
 * @metadata: a metadata channel, read through the metadata cache
 *
 * Data channels cannot be added once the session has been started.
 *
 * Return: the channel, or ERR_PTR(-EINVAL, -EBUSY, -ENOMEM).
 */
struct lttng_channel *lttng_channel_create(struct lttng_session *session,
					   const struct lttng_chan_params *p,
					   bool metadata)
{
	struct lttng_rb_config cfg = {
		.subbuf_size = p->subbuf_size,
		.num_subbuf = p->num_subbuf,
		.overwrite = !metadata && p->overwrite,
		.global = metadata,
		.tsc_bits = metadata ? 0 : LTTNG_TSC_BITS,
		.read_timer_us = metadata ? 0 : p->read_timer_us,
		.switch_timer_us = metadata ? 0 : p->switch_timer_us,
	};
	struct lttng_channel *chan;
	int ret;

	ret = lttng_channel_params_check(p);
	if (ret)
		return ERR_PTR(ret);
	chan = kzalloc(sizeof(*chan), GFP_KERNEL);
	if (!chan)
		return ERR_PTR(-ENOMEM);
	chan->session = session;
	chan->params = *p;
	chan->metadata = metadata;
	chan->enabled = true;
	INIT_LIST_HEAD(&chan->enablers);
	INIT_LIST_HEAD(&chan->events);
	hash_init(chan->event_ht);

	lttng_graph_lock();
	if (!metadata && session->been_active) {
		pr_debug("lttng: no channel may be added after start\n");
		ret = -EBUSY;
		goto err;
	}
	chan->id = metadata ? 0 : session->nr_chans;
	chan->rb = metadata ? lttng_metadata_chan_create(session, &cfg) :
			      lttng_client_chan_create(chan, &cfg);
	if (IS_ERR(chan->rb)) {
		ret = PTR_ERR(chan->rb);
		goto err;
	}
	if (metadata) {
		list_add_tail(&chan->node, &session->metadata_chans);
		ret = lttng_metadata_sync(session);
		if (ret)
			pr_debug("lttng: metadata sync failed: %d\n", ret);
	} else {
		session->nr_chans++;
		list_add_tail(&chan->node, &session->chans);
	}
	lttng_graph_unlock();
	return chan;
err:
	lttng_graph_unlock();
	kfree(chan);
	return ERR_PTR(ret);
}

/**
 * lttng_channel_free() - free a channel taken off its session's lists
 * @chan: the channel; its events are unhooked and no probe runs
 *
 * Finalizes its ring buffer: a reader drains what is left, then sees
 * hang-up.
 */
void lttng_channel_free(struct lttng_channel *chan)
{
	lttng_enabler_free_all(chan);
	if (chan->rb) {
		if (chan->metadata)
			lttng_metadata_chan_finalize(chan->rb);
		else
			lttng_rb_chan_finalize(chan->rb);
		lttng_rb_chan_put(chan->rb);
	}
	kfree(chan->sc_events[0]);
	kfree(chan->sc_events[1]);
	kfree(chan);
}

/**
 * lttng_channel_destroy_metadata() - close a metadata channel
 * @chan: the channel; its stream, if any, drains and then hangs up
 */
void lttng_channel_destroy_metadata(struct lttng_channel *chan)
{
	lttng_graph_lock();
	list_del(&chan->node);
	lttng_graph_unlock();
	lttng_channel_free(chan);
}

/**
 * lttng_channel_get_nth() - the index-th data channel of a session
 * @session: the session
 * @index: from 0, in creation order
 *
 * Return: the channel, or NULL past the end.
 */
struct lttng_channel *lttng_channel_get_nth(struct lttng_session *session,
					    unsigned int index)
{
	struct lttng_channel *chan, *found = NULL;

	lttng_graph_lock();
	list_for_each_entry(chan, &session->chans, node) {
		if (!index--) {
			found = chan;
			break;
		}
	}
	lttng_graph_unlock();
	return found;
}

/**
 * lttng_channel_session() - the session of a channel
 * @chan: the channel
 *
 * Return: its session, fixed for the channel's life.
 */
struct lttng_session *lttng_channel_session(const struct lttng_channel *chan)
{
	return chan->session;
}

/**
 * lttng_channel_rb() - the ring buffer of a channel
 * @chan: the channel
 *
 * Return: its ring buffer channel, fixed for the channel's life.
 */
struct lttng_rb_chan *lttng_channel_rb(const struct lttng_channel *chan)
{
	return chan->rb;
}

/**
 * lttng_channel_id() - the CTF stream id of a channel
 * @chan: the channel
 *
 * Return: the id, fixed for the channel's life.
 */
unsigned int lttng_channel_id(const struct lttng_channel *chan)
{
	return chan->id;
}

/**
 * lttng_channel_is_metadata() - is a channel a metadata channel?
 * @chan: the channel
 *
 * Return: true for a metadata channel.
 */
bool lttng_channel_is_metadata(const struct lttng_channel *chan)
{
	return chan->metadata;
}

/**
 * lttng_channel_is_enabled() - the ENABLE state of a channel, unlocked
 * @chan: the channel
 *
 * Return: the state as of the last ENABLE or DISABLE.
 */
bool lttng_channel_is_enabled(const struct lttng_channel *chan)
{
	/* Pairs with the WRITE_ONCE() of lttng_channel_set_enabled(). */
	return READ_ONCE(chan->enabled);
}

static int lttng_channel_set_enabled(struct lttng_channel *chan, bool enabled)
{
	lttng_graph_lock();
	/* Read without the lock by lttng_channel_is_enabled(). */
	WRITE_ONCE(chan->enabled, enabled);
	lttng_enabler_sync_channel(chan);
	lttng_graph_unlock();
	return 0;
}

/*
 * ENABLE and DISABLE have a function each, named as LTTng-modules names
 * its own: lttng-tools' trigger tests put kprobes on them by name.
 */

/**
 * lttng_channel_enable() - ENABLE a data channel
 * @chan: the channel, whose events are armed at once
 *
 * Return: 0.
 */
int lttng_channel_enable(struct lttng_channel *chan)
{
	return lttng_channel_set_enabled(chan, true);
}

/**
 * lttng_channel_disable() - DISABLE a data channel
 * @chan: the channel, whose events are disarmed at once
 *
 * Return: 0.
 */
int lttng_channel_disable(struct lttng_channel *chan)
{
	return lttng_channel_set_enabled(chan, false);
}

/**
 * lttng_channel_add_context() - add a context to a data channel
 * @chan: the channel
 * @type: enum lttng_abi_context_type
 *
 * Return: 0; -EINVAL for an unknown type; -ENOSYS for a type this kernel
 * does not record (perf counters, call stacks, the mount namespace, or a
 * namespace its configuration lacks); -EEXIST if the channel has it;
 * -EPERM once the session has been started, as LTTng-modules answers;
 * -EBUSY once the channel's metadata is written.
 */
int lttng_channel_add_context(struct lttng_channel *chan, u32 type)
{
	const struct lttng_event_field *f;
	unsigned int i;
	int ret = 0;

	if (type > LTTNG_ABI_CONTEXT_TIME_NS) {
		pr_debug("lttng: context: unknown type %u\n", type);
		return -EINVAL;
	}
	f = lttng_ctx_field(type);
	if (!f) {
		pr_debug("lttng: context: type %u is not available\n", type);
		return -ENOSYS;
	}
	lttng_graph_lock();
	if (chan->session->been_active) {
		ret = -EPERM;
		goto out;
	}
	if (chan->metadata_dumped) {
		ret = -EBUSY;
		goto out;
	}
	for (i = 0; i < chan->nr_ctx; i++) {
		if (chan->ctx[i] == type) {
			ret = -EEXIST;
			goto out;
		}
	}
	chan->ctx[chan->nr_ctx++] = type;
	chan->ctx_size += lttng_ctx_size(f);
out:
	lttng_graph_unlock();
	return ret;
}

/**
 * lttng_channel_syscall_mask() - which syscalls a channel records
 * @chan: the data channel
 * @bits: lttng_syscall_list_len() bits, zeroed: bit n, in LTTng's order
 *	(the most significant bit of each byte first), is set when the
 *	syscall of SYSCALL_LIST index n has its entry or exit event hooked
 */
void lttng_channel_syscall_mask(struct lttng_channel *chan, u8 *bits)
{
	lttng_graph_lock();
	lttng_syscall_mask(chan, bits);
	lttng_graph_unlock();
}
