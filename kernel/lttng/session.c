// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: sessions.
 *
 * A session is the root of the object graph (graph.h): its channels, their
 * enablers and events, its trackers and its metadata.  This file creates
 * sessions, finds them by name, starts and stops them, and destroys them
 * when their last reference goes.  It is the top of the core: it calls the
 * channel, enabler, tracker, metadata and statedump code, and nothing of
 * the core calls it but autostart.
 */

#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/tracepoint.h>

#include "channel.h"
#include "enabler.h"
#include "graph.h"
#include "metadata.h"
#include "statedump.h"
#include "tracker.h"

/**
 * lttng_session_create() - create a session
 * @name: its name; may be empty
 * @boot: the boot session, which lttng_session_find("") finds
 *
 * Return: the session with one reference, or NULL.
 */
struct lttng_session *lttng_session_create(const char *name, bool boot)
{
	struct lttng_session *session;

	session = kzalloc(sizeof(*session), GFP_KERNEL);
	if (!session)
		return NULL;
	kref_init(&session->ref);
	strscpy(session->name, name, sizeof(session->name));
	session->boot = boot;
	uuid_gen(&session->uuid);
	session->clock_offset = ktime_get_real_ns() - ktime_get_mono_fast_ns();
	INIT_LIST_HEAD(&session->chans);
	INIT_LIST_HEAD(&session->metadata_chans);
	session->cache = lttng_metadata_cache_create(&session->uuid);
	if (!session->cache) {
		kfree(session);
		return NULL;
	}
	lttng_graph_lock();
	list_add_tail(&session->node, &lttng_graph_sessions);
	lttng_graph_unlock();
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

	lttng_graph_lock();
	list_for_each_entry(session, &lttng_graph_sessions, node) {
		if (*name ? !strcmp(session->name, name) : session->boot) {
			kref_get(&session->ref);
			found = session;
			break;
		}
	}
	lttng_graph_unlock();
	return found;
}

/**
 * lttng_session_get() - take a session reference
 * @session: the session, of which the caller holds a reference
 */
void lttng_session_get(struct lttng_session *session)
{
	kref_get(&session->ref);
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

	lttng_graph_lock();
	if (session->active) {
		ret = -EBUSY;
		goto out;
	}
	session->active = true;
	session->been_active = true;
	ret = lttng_enabler_sync(session);
	if (ret) {
		session->active = false;
		lttng_enabler_sync(session);
		goto out;
	}
	/* As LTTng-modules does: every start records the system's state. */
	lttng_statedump(session);
out:
	lttng_graph_unlock();
	return ret;
}

static void lttng_session_quiesce(struct lttng_session *session)
{
	struct lttng_channel *chan;

	lttng_graph_assert_held();
	session->active = false;
	lttng_enabler_sync(session);
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

	lttng_graph_lock();
	if (session->active)
		lttng_session_quiesce(session);
	else
		ret = -EBUSY;
	lttng_graph_unlock();
	return ret;
}

static void lttng_session_release(struct kref *ref)
{
	struct lttng_session *session =
		container_of(ref, struct lttng_session, ref);
	struct lttng_channel *chan, *tmp;

	lttng_graph_assert_held();
	list_del(&session->node);
	if (session->active)
		lttng_session_quiesce(session);
	lttng_enabler_unhook_all(session);
	tracepoint_synchronize_unregister();
	list_for_each_entry_safe(chan, tmp, &session->chans, node) {
		list_del(&chan->node);
		lttng_channel_free(chan);
	}
	WARN_ON_ONCE(!list_empty(&session->metadata_chans));
	lttng_metadata_cache_put(session->cache);
	lttng_tracker_free_all(session);
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
			   &lttng_graph_mutex))
		lttng_graph_unlock();
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

	lttng_graph_lock();
	ret = lttng_statedump(session);
	lttng_graph_unlock();
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

	lttng_graph_lock();
	ret = lttng_metadata_regen(session);
	lttng_graph_unlock();
	return ret;
}

/* A string in a fixed array must be NUL-terminated; what follows is junk. */
static bool lttng_str_ok(const char *s, size_t size)
{
	return memchr(s, '\0', size);
}

/**
 * lttng_session_set_name() - SESSION_SET_NAME
 * @session: the session
 * @name: the name, NUL-terminated within %LTTNG_ABI_SESSION_NAME_LEN
 *
 * Return: 0, or -EINVAL for an unterminated name.
 */
int lttng_session_set_name(struct lttng_session *session, const char *name)
{
	if (!lttng_str_ok(name, LTTNG_ABI_SESSION_NAME_LEN))
		return -EINVAL;
	lttng_graph_lock();
	strscpy(session->name, name, sizeof(session->name));
	lttng_graph_unlock();
	return 0;
}

/**
 * lttng_session_set_creation_time() - SESSION_SET_CREATION_TIME
 * @session: the session
 * @iso8601: the time, NUL-terminated within %LTTNG_ABI_CREATION_TIME_LEN
 *
 * Return: 0, or -EINVAL for an unterminated string.
 */
int lttng_session_set_creation_time(struct lttng_session *session,
				    const char *iso8601)
{
	if (!lttng_str_ok(iso8601, LTTNG_ABI_CREATION_TIME_LEN))
		return -EINVAL;
	lttng_graph_lock();
	strscpy(session->creation_time, iso8601,
		sizeof(session->creation_time));
	lttng_graph_unlock();
	return 0;
}

/**
 * lttng_session_track() - change one of a session's trackers
 * @session: the session
 * @type: enum lttng_abi_tracker_type
 * @id: the id, or -1 for all
 * @track: track (true) or untrack
 *
 * Return: as lttng_tracker_update().
 */
int lttng_session_track(struct lttng_session *session, u32 type, s32 id,
			bool track)
{
	int ret;

	if (type >= LTTNG_TRACKER_MAX || id < -1) {
		pr_debug("lttng: tracker: bad type %u or id %d\n", type, id);
		return -EINVAL;
	}
	lttng_graph_lock();
	ret = lttng_tracker_update(session, type, id, track);
	lttng_graph_unlock();
	return ret;
}
