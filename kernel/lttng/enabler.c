// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: enablers, and the events they make and arm.
 *
 * An enabler is what one EVENT command asked for: a name or a glob.  The
 * events are what is recorded: one per (channel, event description) that
 * some enabler of the channel matches, created the first time it does and
 * kept until the channel is freed.  lttng_enabler_sync() makes the events
 * agree with the enablers and the states of the session and the channel;
 * the session and channel code call it after every change, so that a
 * provider or a glob match that appears later is picked up too.  An
 * enabler that matches nothing yet is kept, lazily, as LTTng-modules does.
 * A dynamic probe's enabler (kprobe, function, uprobe) owns its probe and
 * matches that probe's events only (dynamic.c).
 *
 * This file is the one owner of the arming rule: an event's probe records
 * when its session is active, its channel enabled and its event enabled
 * (lttng_enabler_sync_channel()).  Nothing else writes lttng_event.armed.
 */

#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "dynamic.h"
#include "enabler.h"
#include "graph.h"
#include "metadata.h"
#include "registry.h"
#include "syscalls.h"

static int lttng_enabler_hook(struct lttng_event *event)
{
	const struct lttng_event_desc *desc = event->desc;

	if (desc->syscall)
		return lttng_syscall_hook(event);
	if (desc->dynprobe) {
		lttng_dynprobe_hook(event);
		return 0;
	}
	return tracepoint_probe_register(desc->tp, desc->probe, event);
}

static void lttng_enabler_unhook(struct lttng_event *event)
{
	const struct lttng_event_desc *desc = event->desc;

	if (!event->registered)
		return;
	if (desc->syscall)
		lttng_syscall_unhook(event);
	else if (desc->dynprobe)
		lttng_dynprobe_unhook(event);
	else
		WARN_ON_ONCE(tracepoint_probe_unregister(desc->tp, desc->probe,
							 event));
	event->registered = false;
}

/* Does @enabler ask for the event @desc? */
static bool lttng_enabler_matches(const struct lttng_enabler *enabler,
				  const struct lttng_event_desc *desc)
{
	if (enabler->dynprobe || desc->dynprobe)
		return enabler->dynprobe &&
		       enabler->dynprobe == desc->dynprobe;
	switch (enabler->instrumentation) {
	case LTTNG_ABI_TRACEPOINT:
		return !desc->syscall &&
		       lttng_registry_match(enabler->pattern, desc);
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
		return lttng_registry_glob_match(enabler->pattern,
					lttng_syscall_name(desc));
	}
	return false;
}

/* Does an enabler of @chan, enabled (or any, if !@enabled), ask for @desc? */
static bool lttng_enabler_any(struct lttng_channel *chan,
			      const struct lttng_event_desc *desc, bool enabled)
{
	struct lttng_enabler *enabler;

	list_for_each_entry(enabler, &chan->enablers, node)
		if ((enabler->enabled || !enabled) &&
		    lttng_enabler_matches(enabler, desc))
			return true;
	return false;
}

static struct lttng_event *lttng_enabler_find_event(struct lttng_channel *chan,
						    const struct lttng_event_desc *desc)
{
	struct lttng_event *event;

	hash_for_each_possible(chan->event_ht, event, hnode, (unsigned long)desc)
		if (event->desc == desc)
			return event;
	return NULL;
}

/* Create @chan's event for @desc if an enabler matches it and it has none. */
static int lttng_enabler_create_event(struct lttng_channel *chan,
				      const struct lttng_event_desc *desc)
{
	struct lttng_event *event;

	if (!lttng_enabler_any(chan, desc, false) ||
	    lttng_enabler_find_event(chan, desc))
		return 0;
	event = kzalloc(sizeof(*event), GFP_KERNEL);
	if (!event)
		return -ENOMEM;
	event->chan = chan;
	event->desc = desc;
	event->id = chan->next_event_id++;
	list_add_tail(&event->node, &chan->events);
	hash_add(chan->event_ht, &event->hnode, (unsigned long)desc);
	return 0;
}

/*
 * Create the events that the channel's enablers match: providers',
 * syscalls', dynamic probes'.
 */
static int lttng_enabler_create_events(struct lttng_channel *chan)
{
	struct lttng_registry_iter iter = LTTNG_REGISTRY_ITER;
	const struct lttng_event_desc *desc;
	struct lttng_enabler *enabler;
	unsigned int i;
	int ret = 0;

	lttng_graph_assert_held();
	list_for_each_entry(enabler, &chan->enablers, node) {
		struct lttng_dynprobe *dp = enabler->dynprobe;

		for (i = 0; dp && !ret && i < lttng_dynprobe_nr_descs(dp); i++)
			ret = lttng_enabler_create_event(chan,
							 lttng_dynprobe_desc(dp, i));
	}
	lttng_registry_lock();
	while (!ret && (desc = lttng_registry_iter_next(&iter)))
		ret = lttng_enabler_create_event(chan, desc);
	lttng_registry_unlock();
	desc = NULL;
	while (!ret && (desc = lttng_syscall_next_desc(desc)))
		ret = lttng_enabler_create_event(chan, desc);
	return ret;
}

/**
 * lttng_enabler_sync_channel() - arm, hook and unhook a channel's events
 * @chan: a data channel
 *
 * The arming rule: an event records when its session is active, its
 * channel is enabled and an enabled enabler of the channel matches it.
 * An event is hooked to its tracepoint while it is enabled, armed or not,
 * so that a start or an ENABLE costs no code patching.
 */
void lttng_enabler_sync_channel(struct lttng_channel *chan)
{
	bool active = chan->session->active && chan->enabled;
	struct lttng_event *event;
	int ret;

	lttng_graph_assert_held();
	list_for_each_entry(event, &chan->events, node) {
		if (event->dead)
			continue;
		event->enabled = lttng_enabler_any(chan, event->desc, true);
		if (event->enabled && !event->registered) {
			ret = lttng_enabler_hook(event);
			if (ret) {
				pr_debug("lttng: cannot hook %s: %d\n",
					 event->desc->name, ret);
				event->enabled = false;
			} else {
				event->registered = true;
			}
		}
		/* Read locklessly by the probe: see struct lttng_event. */
		WRITE_ONCE(event->armed, active && event->enabled);
		if (!event->enabled)
			lttng_enabler_unhook(event);
	}
}

/**
 * lttng_enabler_sync() - make a session's events agree with its enablers
 * @session: the session
 *
 * Creates the events the enablers match, declares what is new in the
 * metadata, then arms every channel's events (lttng_enabler_sync_channel()).
 *
 * Return: 0, -ENOMEM, or the metadata's error.
 */
int lttng_enabler_sync(struct lttng_session *session)
{
	struct lttng_channel *chan;
	int ret;

	lttng_graph_assert_held();
	list_for_each_entry(chan, &session->chans, node) {
		ret = lttng_enabler_create_events(chan);
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
		lttng_enabler_sync_channel(chan);
	return 0;
}

/**
 * lttng_enabler_sync_all() - make every session agree with the registry
 *
 * A provider registered: the enablers that match its events, lazy ones
 * included, create and arm them in every session.  An error leaves that
 * session's new events unarmed, as an EVENT command's would.
 */
void lttng_enabler_sync_all(void)
{
	struct lttng_session *session;
	int ret;

	lttng_graph_assert_held();
	list_for_each_entry(session, &lttng_graph_sessions, node) {
		ret = lttng_enabler_sync(session);
		if (ret)
			pr_debug("lttng: session %s: new events: %d\n",
				 session->name, ret);
	}
}

/* The provider of @event leaves: unhook it, for good, and keep its declaration. */
static void lttng_enabler_kill(struct lttng_event *event)
{
	struct lttng_event_desc *copy = lttng_registry_desc_dup(event->desc);

	/* Read by the probe: see struct lttng_event. */
	WRITE_ONCE(event->armed, false);
	event->enabled = false;
	lttng_enabler_unhook(event);
	/* Found by description no more: the provider may come back. */
	hash_del(&event->hnode);
	event->desc = copy;
	event->dead = true;
}

/**
 * lttng_enabler_provider_gone() - a provider leaves: kill its events
 * @provider: the provider, out of the registry already
 *
 * Every event of every session that records one of @provider's events is
 * unhooked and becomes dead (struct lttng_event): it keeps its id and a
 * copy of its declaration, so that the session's metadata stays whole,
 * and records nothing more.  Its probe may still run until the caller
 * waits for the probes in flight, which read nothing of the description.
 */
void lttng_enabler_provider_gone(const struct lttng_probe_desc *provider)
{
	struct lttng_session *session;
	struct lttng_channel *chan;
	struct lttng_event *event;

	lttng_graph_assert_held();
	list_for_each_entry(session, &lttng_graph_sessions, node)
		list_for_each_entry(chan, &session->chans, node)
			list_for_each_entry(event, &chan->events, node)
				if (!event->dead &&
				    event->desc->provider == provider)
					lttng_enabler_kill(event);
}

/**
 * lttng_enabler_unhook_all() - unhook every event of a session's channels
 * @session: the session, inactive
 *
 * The caller waits for the probes in flight before freeing the events.
 */
void lttng_enabler_unhook_all(struct lttng_session *session)
{
	struct lttng_channel *chan;
	struct lttng_event *event;

	lttng_graph_assert_held();
	list_for_each_entry(chan, &session->chans, node)
		list_for_each_entry(event, &chan->events, node)
			lttng_enabler_unhook(event);
}

/**
 * lttng_enabler_free_all() - free a channel's enablers and events
 * @chan: the channel, whose events are unhooked and no probe runs
 *
 * The dynamic probes go first: their destruction waits for their
 * handlers, which may still hold one of the events.
 */
void lttng_enabler_free_all(struct lttng_channel *chan)
{
	struct lttng_enabler *enabler, *etmp;
	struct lttng_event *event, *tmp;

	list_for_each_entry(enabler, &chan->enablers, node) {
		if (enabler->dynprobe)
			lttng_dynprobe_destroy(enabler->dynprobe);
		enabler->dynprobe = NULL;
	}
	list_for_each_entry_safe(event, tmp, &chan->events, node) {
		list_del(&event->node);
		hash_del(&event->hnode);
		if (event->dead)
			kfree(event->desc);
		kfree(event);
	}
	list_for_each_entry_safe(enabler, etmp, &chan->enablers, node) {
		list_del(&enabler->node);
		kfree(enabler->filter);
		kfree(enabler);
	}
}

/* Has @chan an event, or a dynamic probe's event to come, named @name? */
static bool lttng_enabler_name_taken(struct lttng_channel *chan,
				     const char *name)
{
	struct lttng_enabler *enabler;
	struct lttng_event *event;
	unsigned int i;

	list_for_each_entry(event, &chan->events, node)
		if (!strcmp(event->desc->name, name))
			return true;
	list_for_each_entry(enabler, &chan->enablers, node) {
		struct lttng_dynprobe *dp = enabler->dynprobe;

		for (i = 0; dp && i < lttng_dynprobe_nr_descs(dp); i++)
			if (!strcmp(lttng_dynprobe_desc(dp, i)->name, name))
				return true;
	}
	return false;
}

/*
 * Make @enabler's dynamic probe, whose event names must be new in @chan:
 * checked first, since hooking a probe and unhooking it again can take
 * a grace period of the tasks' RCU.  A KRETPROBE's are NAME_entry and
 * NAME_exit.
 */
static int lttng_enabler_dynprobe(struct lttng_enabler *enabler,
				  const struct lttng_event_spec *spec)
{
	static const char * const suffix[] = { "", "_entry", "_exit" };
	bool pair = spec->instrumentation == LTTNG_ABI_KRETPROBE;
	char name[LTTNG_ABI_SYM_NAME_LEN + 8];
	struct lttng_dynprobe *dp;
	unsigned int i;

	lttng_graph_assert_held();
	for (i = pair ? 1 : 0; i < (pair ? 3 : 1); i++) {
		snprintf(name, sizeof(name), "%s%s", spec->name, suffix[i]);
		if (lttng_enabler_name_taken(enabler->chan, name)) {
			pr_debug("lttng: channel has an event '%s' already\n",
				 name);
			return -EEXIST;
		}
	}
	dp = lttng_dynprobe_create(spec);
	if (IS_ERR(dp))
		return PTR_ERR(dp);
	enabler->dynprobe = dp;
	return 0;
}

/**
 * lttng_enabler_create() - ask a channel to record events
 * @chan: the channel
 * @spec: what: tracepoints or syscalls by name or star-glob (for
 *	syscalls, the bare syscall name: openat, open*, *), or a dynamic
 *	probe (kprobe, kretprobe, function, uprobe) named by the user
 *
 * The enabler starts disabled.  Its events, and those of providers or
 * matches that appear later, are created and declared in the metadata.
 * A dynamic probe is hooked now, disarmed, so that the kernel's answer
 * about its target is this call's.
 *
 * Return: the enabler, or ERR_PTR(-EINVAL, -ENOSYS, -ENOMEM, -EEXIST for
 * a dynamic event whose name the channel has, or the kernel's error
 * about a dynamic probe's target: see dynamic.c).
 */
struct lttng_enabler *lttng_enabler_create(struct lttng_channel *chan,
					   const struct lttng_event_spec *spec)
{
	struct lttng_enabler *enabler;
	int ret;

	if (!*spec->name)
		return ERR_PTR(-EINVAL);
	switch (spec->instrumentation) {
	case LTTNG_ABI_TRACEPOINT:
	case LTTNG_ABI_KPROBE:
	case LTTNG_ABI_KRETPROBE:
	case LTTNG_ABI_FUNCTION:
	case LTTNG_ABI_UPROBE:
		break;
	case LTTNG_ABI_SYSCALL:
		if (spec->sc_entryexit > LTTNG_ABI_SYSCALL_EXIT ||
		    spec->sc_abi > LTTNG_ABI_SYSCALL_ABI_COMPAT)
			return ERR_PTR(-EINVAL);
		break;
	default:
		pr_debug("lttng: instrumentation %u is not supported\n",
			 spec->instrumentation);
		return ERR_PTR(-EINVAL);
	}
	enabler = kzalloc(sizeof(*enabler), GFP_KERNEL);
	if (!enabler)
		return ERR_PTR(-ENOMEM);
	enabler->chan = chan;
	enabler->instrumentation = spec->instrumentation;
	enabler->sc_entryexit = spec->sc_entryexit;
	enabler->sc_abi = spec->sc_abi;
	strscpy(enabler->pattern, spec->name, sizeof(enabler->pattern));

	lttng_graph_lock();
	if (spec->instrumentation != LTTNG_ABI_TRACEPOINT &&
	    spec->instrumentation != LTTNG_ABI_SYSCALL) {
		ret = lttng_enabler_dynprobe(enabler, spec);
		if (ret) {
			lttng_graph_unlock();
			kfree(enabler);
			return ERR_PTR(ret);
		}
	}
	list_add_tail(&enabler->node, &chan->enablers);
	ret = lttng_enabler_sync(chan->session);
	lttng_graph_unlock();
	if (ret)
		pr_debug("lttng: enabling %s: %d\n", spec->name, ret);
	return enabler;
}

/**
 * lttng_enabler_add_callsite() - ADD_CALLSITE on an enabler
 * @enabler: a UPROBE's enabler
 * @offset: the call site's offset in the probe's file
 *
 * Return: 0, -EINVAL for an enabler that is not a UPROBE's, or the
 * probe's error (dynamic.c).
 */
int lttng_enabler_add_callsite(struct lttng_enabler *enabler, u64 offset)
{
	int ret = -EINVAL;

	lttng_graph_lock();
	if (enabler->dynprobe)
		ret = lttng_dynprobe_add_callsite(enabler->dynprobe, offset);
	else
		pr_debug("lttng: ADD_CALLSITE on '%s', which is not a uprobe\n",
			 enabler->pattern);
	lttng_graph_unlock();
	return ret;
}

/**
 * lttng_enabler_channel() - the channel of an enabler
 * @enabler: the enabler
 *
 * Return: its channel, which lives as long as its session.
 */
struct lttng_channel *lttng_enabler_channel(const struct lttng_enabler *enabler)
{
	return enabler->chan;
}

/**
 * lttng_enabler_set_enabled() - ENABLE or DISABLE an enabler
 * @enabler: the enabler
 * @enabled: the new state
 *
 * Return: 0, or the error of creating its events.
 */
int lttng_enabler_set_enabled(struct lttng_enabler *enabler, bool enabled)
{
	int ret;

	lttng_graph_lock();
	enabler->enabled = enabled;
	ret = lttng_enabler_sync(enabler->chan->session);
	lttng_graph_unlock();
	return ret;
}

/**
 * lttng_enabler_set_filter() - keep an enabler's filter bytecode
 * @enabler: the enabler
 * @bc: the bytecode, kmalloc()ed; the enabler owns it from now on
 *
 * The bytecode is kept with the enabler, but no interpreter runs it yet:
 * the command fails, so that lttng reports the filter as refused instead
 * of recording unfiltered events.
 *
 * Return: -ENOSYS once kept, or -EBUSY if the enabler has a filter
 * already (@bc is freed).
 */
int lttng_enabler_set_filter(struct lttng_enabler *enabler,
			     struct lttng_abi_filter_bytecode *bc)
{
	int ret = -ENOSYS;

	lttng_graph_lock();
	if (enabler->filter) {
		ret = -EBUSY;
		kfree(bc);
	} else {
		enabler->filter = bc;
		pr_info_ratelimited("lttng: filter bytecode stored for '%s' but not run: filters are not supported yet\n",
				    enabler->pattern);
	}
	lttng_graph_unlock();
	return ret;
}

/**
 * lttng_enabler_match_count() - how many known events an enabler matches
 * @enabler: the enabler
 *
 * Return: the count of event descriptions whose name it matches, or
 * the number of events of its dynamic probe.
 */
unsigned int lttng_enabler_match_count(struct lttng_enabler *enabler)
{
	struct lttng_registry_iter iter = LTTNG_REGISTRY_ITER;
	const struct lttng_event_desc *desc;
	unsigned int n = 0;

	if (enabler->dynprobe)
		return lttng_dynprobe_nr_descs(enabler->dynprobe);
	lttng_registry_lock();
	while ((desc = lttng_registry_iter_next(&iter)))
		n += lttng_enabler_matches(enabler, desc);
	lttng_registry_unlock();
	desc = NULL;
	while ((desc = lttng_syscall_next_desc(desc)))
		n += lttng_enabler_matches(enabler, desc);
	return n;
}
