// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: sessions, channels, enablers and events.
 *
 * An enabler is what one EVENT command asked for: a name or a glob.  The
 * events are what is recorded: one per (channel, event description) that
 * some enabler of the channel matches.  lttng_session_sync() makes the
 * events agree with the enablers and the session state; it runs after
 * every change, so that a provider or a glob match that appears later is
 * picked up too.  An enabler that matches nothing yet is kept, lazily,
 * as LTTng-modules does.
 */

#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/tracepoint.h>

#include "internal.h"

/* Protects lttng_sessions and every session's objects: see internal.h. */
DEFINE_MUTEX(lttng_sessions_mutex);
LIST_HEAD(lttng_sessions);

/**
 * lttng_session_create() - create a session
 * @name: its name; may be empty
 *
 * Return: the session with one reference, or NULL.
 */
struct lttng_session *lttng_session_create(const char *name)
{
	struct lttng_session *session;

	session = kzalloc(sizeof(*session), GFP_KERNEL);
	if (!session)
		return NULL;
	kref_init(&session->ref);
	strscpy(session->name, name, sizeof(session->name));
	uuid_gen(&session->uuid);
	session->clock_offset = ktime_get_real_ns() - ktime_get_mono_fast_ns();
	INIT_LIST_HEAD(&session->chans);
	INIT_LIST_HEAD(&session->metadata_chans);
	session->cache = lttng_metadata_cache_create(&session->uuid);
	if (!session->cache) {
		kfree(session);
		return NULL;
	}
	mutex_lock(&lttng_sessions_mutex);
	list_add_tail(&session->node, &lttng_sessions);
	mutex_unlock(&lttng_sessions_mutex);
	return session;
}

/**
 * lttng_session_find() - find a session by name, with a new reference
 * @name: the name; the empty string finds the boot session
 *
 * Return: the session, or NULL.
 */
struct lttng_session *lttng_session_find(const char *name)
{
	struct lttng_session *session, *found = NULL;

	mutex_lock(&lttng_sessions_mutex);
	list_for_each_entry(session, &lttng_sessions, node) {
		if (*name ? !strcmp(session->name, name) : session->boot) {
			kref_get(&session->ref);
			found = session;
			break;
		}
	}
	mutex_unlock(&lttng_sessions_mutex);
	return found;
}

void lttng_session_get(struct lttng_session *session)
{
	kref_get(&session->ref);
}

static int lttng_event_hook(struct lttng_event *event)
{
	const struct lttng_event_desc *desc = event->desc;

	if (desc->syscall)
		return lttng_syscall_hook(event);
	return tracepoint_probe_register(desc->tp, desc->probe, event);
}

static void lttng_event_unhook(struct lttng_event *event)
{
	const struct lttng_event_desc *desc = event->desc;

	if (!event->registered)
		return;
	if (desc->syscall)
		lttng_syscall_unhook(event);
	else
		WARN_ON_ONCE(tracepoint_probe_unregister(desc->tp, desc->probe,
							 event));
	event->registered = false;
}

/* Does @enabler ask for the event @desc? */
static bool lttng_enabler_matches(const struct lttng_enabler *enabler,
				  const struct lttng_event_desc *desc)
{
	switch (enabler->instrumentation) {
	case LTTNG_ABI_TRACEPOINT:
		return !desc->syscall &&
		       lttng_glob_match(enabler->pattern, desc->name);
	case LTTNG_ABI_SYSCALL:
		if (!desc->syscall)
			return false;
		if (enabler->sc_entryexit ==
		    (desc->syscall_exit ? LTTNG_ABI_SYSCALL_ENTRY :
					  LTTNG_ABI_SYSCALL_EXIT))
			return false;
		if (enabler->sc_abi ==
		    (lttng_syscall_compat(desc) ? LTTNG_ABI_SYSCALL_ABI_NATIVE :
						  LTTNG_ABI_SYSCALL_ABI_COMPAT))
			return false;
		return lttng_glob_match(enabler->pattern,
					lttng_syscall_name(desc));
	}
	return false;
}

static bool lttng_event_wanted(struct lttng_channel *chan,
			       const struct lttng_event_desc *desc)
{
	struct lttng_enabler *enabler;

	list_for_each_entry(enabler, &chan->enablers, node)
		if (enabler->enabled && lttng_enabler_matches(enabler, desc))
			return true;
	return false;
}

static bool lttng_event_matched(struct lttng_channel *chan,
				const struct lttng_event_desc *desc)
{
	struct lttng_enabler *enabler;

	list_for_each_entry(enabler, &chan->enablers, node)
		if (lttng_enabler_matches(enabler, desc))
			return true;
	return false;
}

/* Every event description: the providers', then the syscalls'. */
static const struct lttng_event_desc *
lttng_next_desc(const struct lttng_event_desc *prev)
{
	const struct lttng_event_desc *desc;

	if (!prev || !prev->syscall) {
		desc = lttng_probe_next_desc(prev);
		if (desc)
			return desc;
		prev = NULL;
	}
	return lttng_syscall_next_desc(prev);
}

static struct lttng_event *lttng_event_find(struct lttng_channel *chan,
					    const struct lttng_event_desc *desc)
{
	struct lttng_event *event;

	hash_for_each_possible(chan->event_ht, event, hnode, (unsigned long)desc)
		if (event->desc == desc)
			return event;
	return NULL;
}

/* Create the events that the channel's enablers match. */
static int lttng_channel_sync_events(struct lttng_channel *chan)
{
	const struct lttng_event_desc *desc = NULL;
	struct lttng_event *event;

	lockdep_assert_held(&lttng_sessions_mutex);
	while ((desc = lttng_next_desc(desc))) {
		if (!lttng_event_matched(chan, desc) ||
		    lttng_event_find(chan, desc))
			continue;
		event = kzalloc(sizeof(*event), GFP_KERNEL);
		if (!event)
			return -ENOMEM;
		event->chan = chan;
		event->desc = desc;
		event->id = chan->next_event_id++;
		list_add_tail(&event->node, &chan->events);
		hash_add(chan->event_ht, &event->hnode, (unsigned long)desc);
	}
	return 0;
}

/* Arm, hook and unhook every event as the enablers and states say. */
static int lttng_channel_sync_state(struct lttng_channel *chan)
{
	bool active = chan->session->active && chan->enabled;
	struct lttng_event *event;
	int ret = 0;

	lockdep_assert_held(&lttng_sessions_mutex);
	list_for_each_entry(event, &chan->events, node) {
		event->enabled = lttng_event_wanted(chan, event->desc);
		if (event->enabled && !event->registered) {
			ret = lttng_event_hook(event);
			if (ret) {
				pr_debug("lttng: cannot hook %s: %d\n",
					 event->desc->name, ret);
				event->enabled = false;
			} else {
				event->registered = true;
			}
		}
		WRITE_ONCE(event->armed, active && event->enabled);
		if (!event->enabled)
			lttng_event_unhook(event);
	}
	return ret;
}

static int lttng_session_sync(struct lttng_session *session)
{
	struct lttng_channel *chan;
	int ret;

	lockdep_assert_held(&lttng_sessions_mutex);
	list_for_each_entry(chan, &session->chans, node) {
		ret = lttng_channel_sync_events(chan);
		if (ret)
			return ret;
	}
	/*
	 * Nobody reads the metadata before a metadata channel exists or the
	 * session starts, and until then the channels may still get contexts,
	 * which their stream declarations must carry.
	 */
	if (session->been_active || !list_empty(&session->metadata_chans)) {
		ret = lttng_metadata_sync(session);
		if (ret)
			return ret;
	}
	list_for_each_entry(chan, &session->chans, node)
		lttng_channel_sync_state(chan);
	return 0;
}

/**
 * lttng_session_start() - start tracing
 * @session: the session
 *
 * Return: 0, -EBUSY if it is active, or the error of writing metadata.
 */
int lttng_session_start(struct lttng_session *session)
{
	int ret;

	mutex_lock(&lttng_sessions_mutex);
	if (session->active) {
		ret = -EBUSY;
		goto out;
	}
	session->active = true;
	session->been_active = true;
	ret = lttng_session_sync(session);
	if (ret) {
		session->active = false;
		lttng_session_sync(session);
		goto out;
	}
	/* As LTTng-modules does: every start records the system's state. */
	lttng_statedump(session);
out:
	mutex_unlock(&lttng_sessions_mutex);
	return ret;
}

static void lttng_session_quiesce(struct lttng_session *session)
{
	struct lttng_channel *chan;

	lockdep_assert_held(&lttng_sessions_mutex);
	session->active = false;
	lttng_session_sync(session);
	/* Probes that saw the session active are done after this. */
	tracepoint_synchronize_unregister();
	list_for_each_entry(chan, &session->chans, node)
		lttng_rb_chan_flush(chan->rb, true);
}

/**
 * lttng_session_stop() - stop tracing
 * @session: the session
 *
 * Waits for the probes in flight, then closes the last packet of every
 * buffer, with an empty packet where a buffer has none open.
 *
 * Return: 0, or -EBUSY if it is not active.
 */
int lttng_session_stop(struct lttng_session *session)
{
	int ret = 0;

	mutex_lock(&lttng_sessions_mutex);
	if (session->active)
		lttng_session_quiesce(session);
	else
		ret = -EBUSY;
	mutex_unlock(&lttng_sessions_mutex);
	return ret;
}

static void lttng_channel_free(struct lttng_channel *chan)
{
	struct lttng_enabler *enabler, *etmp;
	struct lttng_event *event, *tmp;

	list_for_each_entry_safe(event, tmp, &chan->events, node) {
		list_del(&event->node);
		hash_del(&event->hnode);
		kfree(event);
	}
	list_for_each_entry_safe(enabler, etmp, &chan->enablers, node) {
		list_del(&enabler->node);
		kfree(enabler->filter);
		kfree(enabler);
	}
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

static void lttng_session_release(struct kref *ref)
{
	struct lttng_session *session =
		container_of(ref, struct lttng_session, ref);
	struct lttng_channel *chan, *tmp;
	struct lttng_event *event;

	lockdep_assert_held(&lttng_sessions_mutex);
	list_del(&session->node);
	if (session->active)
		lttng_session_quiesce(session);
	list_for_each_entry(chan, &session->chans, node)
		list_for_each_entry(event, &chan->events, node)
			lttng_event_unhook(event);
	tracepoint_synchronize_unregister();
	list_for_each_entry_safe(chan, tmp, &session->chans, node) {
		list_del(&chan->node);
		lttng_channel_free(chan);
	}
	WARN_ON_ONCE(!list_empty(&session->metadata_chans));
	lttng_metadata_cache_put(session->cache);
	lttng_session_trackers_free(session);
	kfree(session);
}

/**
 * lttng_session_put() - drop a session reference
 * @session: the session; the last reference destroys it
 */
void lttng_session_put(struct lttng_session *session)
{
	/* The release runs, and returns, with the mutex held. */
	if (kref_put_mutex(&session->ref, lttng_session_release,
			   &lttng_sessions_mutex))
		mutex_unlock(&lttng_sessions_mutex);
}

/**
 * lttng_session_statedump() - SESSION_STATEDUMP
 * @session: the session
 *
 * Return: as lttng_statedump().
 */
int lttng_session_statedump(struct lttng_session *session)
{
	int ret;

	mutex_lock(&lttng_sessions_mutex);
	ret = lttng_statedump(session);
	mutex_unlock(&lttng_sessions_mutex);
	return ret;
}

/**
 * lttng_session_metadata_regen() - SESSION_METADATA_REGEN
 * @session: the session
 *
 * Return: as lttng_metadata_regen().
 */
int lttng_session_metadata_regen(struct lttng_session *session)
{
	int ret;

	mutex_lock(&lttng_sessions_mutex);
	ret = lttng_metadata_regen(session);
	mutex_unlock(&lttng_sessions_mutex);
	return ret;
}

/* A string in a fixed array must be NUL-terminated; what follows is junk. */
static bool lttng_str_ok(const char *s, size_t size)
{
	return memchr(s, '\0', size);
}

int lttng_session_set_name(struct lttng_session *session, const char *name)
{
	if (!lttng_str_ok(name, LTTNG_ABI_SESSION_NAME_LEN))
		return -EINVAL;
	mutex_lock(&lttng_sessions_mutex);
	strscpy(session->name, name, sizeof(session->name));
	mutex_unlock(&lttng_sessions_mutex);
	return 0;
}

int lttng_session_set_creation_time(struct lttng_session *session,
				    const char *iso8601)
{
	if (!lttng_str_ok(iso8601, LTTNG_ABI_CREATION_TIME_LEN))
		return -EINVAL;
	mutex_lock(&lttng_sessions_mutex);
	strscpy(session->creation_time, iso8601,
		sizeof(session->creation_time));
	mutex_unlock(&lttng_sessions_mutex);
	return 0;
}

/**
 * lttng_chan_params_check() - validate a channel's shape
 * @p: the parameters
 *
 * Return: 0, or -EINVAL with a debug message saying why.
 */
int lttng_chan_params_check(const struct lttng_chan_params *p)
{
	if (!p->subbuf_size || !is_power_of_2(p->subbuf_size) ||
	    p->subbuf_size < PAGE_SIZE || p->subbuf_size > (1UL << 28)) {
		pr_debug("lttng: bad sub-buffer size %llu\n", p->subbuf_size);
		return -EINVAL;
	}
	if (!is_power_of_2(p->num_subbuf) || p->num_subbuf < 2 ||
	    p->num_subbuf > 16384) {
		pr_debug("lttng: bad sub-buffer count %llu\n", p->num_subbuf);
		return -EINVAL;
	}
	if ((p->num_subbuf + 1) * p->subbuf_size > INT_MAX) {
		pr_debug("lttng: buffer too large\n");
		return -EINVAL;
	}
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

	ret = lttng_chan_params_check(p);
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

	mutex_lock(&lttng_sessions_mutex);
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
	mutex_unlock(&lttng_sessions_mutex);
	return chan;
err:
	mutex_unlock(&lttng_sessions_mutex);
	kfree(chan);
	return ERR_PTR(ret);
}

/**
 * lttng_metadata_channel_destroy() - close a metadata channel
 * @chan: the channel; its stream, if any, drains and then hangs up
 */
void lttng_metadata_channel_destroy(struct lttng_channel *chan)
{
	mutex_lock(&lttng_sessions_mutex);
	list_del(&chan->node);
	mutex_unlock(&lttng_sessions_mutex);
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

	mutex_lock(&lttng_sessions_mutex);
	list_for_each_entry(chan, &session->chans, node) {
		if (!index--) {
			found = chan;
			break;
		}
	}
	mutex_unlock(&lttng_sessions_mutex);
	return found;
}

int lttng_channel_set_enabled(struct lttng_channel *chan, bool enabled)
{
	mutex_lock(&lttng_sessions_mutex);
	chan->enabled = enabled;
	lttng_channel_sync_state(chan);
	mutex_unlock(&lttng_sessions_mutex);
	return 0;
}

/**
 * lttng_enabler_create() - ask a channel to record events by name or glob
 * @chan: the channel
 * @pattern: NUL-terminated name or star-glob; for syscalls, the bare
 *	syscall name (openat, open*, *)
 * @instrumentation: enum lttng_abi_instrumentation: tracepoints and
 *	syscalls for now
 * @sc_entryexit: for syscalls, enum lttng_abi_syscall_entryexit
 * @sc_abi: for syscalls, enum lttng_abi_syscall_abi: native, compat or both
 *
 * The enabler starts disabled.  Its events, and those of providers or
 * matches that appear later, are created and declared in the metadata.
 *
 * Return: the enabler, or ERR_PTR(-EINVAL, -ENOSYS, -ENOMEM).
 */
struct lttng_enabler *lttng_enabler_create(struct lttng_channel *chan,
					   const char *pattern,
					   u32 instrumentation,
					   u32 sc_entryexit, u32 sc_abi)
{
	struct lttng_enabler *enabler;
	int ret;

	if (!*pattern)
		return ERR_PTR(-EINVAL);
	switch (instrumentation) {
	case LTTNG_ABI_TRACEPOINT:
		break;
	case LTTNG_ABI_SYSCALL:
		if (sc_entryexit > LTTNG_ABI_SYSCALL_EXIT ||
		    sc_abi > LTTNG_ABI_SYSCALL_ABI_COMPAT)
			return ERR_PTR(-EINVAL);
		break;
	default:
		pr_debug("lttng: instrumentation %u is not supported yet\n",
			 instrumentation);
		return ERR_PTR(-ENOSYS);
	}
	enabler = kzalloc(sizeof(*enabler), GFP_KERNEL);
	if (!enabler)
		return ERR_PTR(-ENOMEM);
	enabler->chan = chan;
	enabler->instrumentation = instrumentation;
	enabler->sc_entryexit = sc_entryexit;
	enabler->sc_abi = sc_abi;
	strscpy(enabler->pattern, pattern, sizeof(enabler->pattern));

	mutex_lock(&lttng_sessions_mutex);
	list_add_tail(&enabler->node, &chan->enablers);
	ret = lttng_session_sync(chan->session);
	mutex_unlock(&lttng_sessions_mutex);
	if (ret)
		pr_debug("lttng: enabling %s: %d\n", pattern, ret);
	return enabler;
}

int lttng_enabler_set_enabled(struct lttng_enabler *enabler, bool enabled)
{
	int ret;

	mutex_lock(&lttng_sessions_mutex);
	enabler->enabled = enabled;
	ret = lttng_session_sync(enabler->chan->session);
	mutex_unlock(&lttng_sessions_mutex);
	return ret;
}

/**
 * lttng_enabler_set_filter() - keep an enabler's filter bytecode
 * @enabler: the enabler
 * @bc: the bytecode, kmalloc()ed; the enabler owns it from now on
 *
 * Return: 0, or -EBUSY if the enabler has a filter already (it is
 * freed).
 */
int lttng_enabler_set_filter(struct lttng_enabler *enabler,
			     struct lttng_abi_filter_bytecode *bc)
{
	int ret = 0;

	mutex_lock(&lttng_sessions_mutex);
	if (enabler->filter) {
		ret = -EBUSY;
		kfree(bc);
	} else {
		enabler->filter = bc;
	}
	mutex_unlock(&lttng_sessions_mutex);
	return ret;
}

/**
 * lttng_enabler_match_count() - how many known events an enabler matches
 * @enabler: the enabler
 *
 * Return: the count of event descriptions whose name it matches.
 */
unsigned int lttng_enabler_match_count(struct lttng_enabler *enabler)
{
	const struct lttng_event_desc *desc = NULL;
	unsigned int n = 0;

	while ((desc = lttng_next_desc(desc)))
		n += lttng_enabler_matches(enabler, desc);
	return n;
}
