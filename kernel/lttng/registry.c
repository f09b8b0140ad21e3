// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the registry of event descriptions.
 *
 * The registry is the list of the registered providers, each with its
 * array of event descriptions.  It is the bottom of the core: the
 * providers' calls (probes.c) change it, and the enablers, the notifiers,
 * the TRACE_EVENT discovery and the TRACEPOINT_LIST file walk it with a
 * cursor, struct lttng_registry_iter.
 *
 * Two hash tables index the registered descriptions, by name and by
 * tracepoint, so that a provider's registration checks its names in
 * O(its events), not O(its events x the registered ones), and the
 * TRACE_EVENT discovery finds what a hand-written provider covers in
 * O(1) per call.
 *
 * Locking.  lttng_registry_mutex protects the list and the hash tables.
 * Every change and
 * every walk holds it (lttng_registry_iter_next() asserts it), so that a
 * cursor's provider stays on the list from one step to the next.  Nobody
 * walks the registry where it cannot sleep.  When the core's graph lock
 * is held too (graph.h), it is taken first: the registry lock is the
 * inner one.
 */

#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/lttng/events.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/stringhash.h>

#include "registry.h"

/* 2^10 buckets: about 500 descriptions on the test kernel. */
#define LTTNG_REGISTRY_HASH_BITS	10

/**
 * struct lttng_registry_entry - a registered description in the hash tables
 * @by_name: in lttng_registry_names
 * @by_tp: in lttng_registry_tps
 * @desc: the description
 */
struct lttng_registry_entry {
	struct hlist_node by_name;
	struct hlist_node by_tp;
	const struct lttng_event_desc *desc;
};

static LIST_HEAD(lttng_registry_providers);
static DEFINE_HASHTABLE(lttng_registry_names, LTTNG_REGISTRY_HASH_BITS);
static DEFINE_HASHTABLE(lttng_registry_tps, LTTNG_REGISTRY_HASH_BITS);
static DEFINE_MUTEX(lttng_registry_mutex);

/**
 * lttng_registry_lock() - take the registry lock, to walk or change it
 */
void lttng_registry_lock(void)
{
	mutex_lock(&lttng_registry_mutex);
}

/**
 * lttng_registry_unlock() - release the registry lock
 */
void lttng_registry_unlock(void)
{
	mutex_unlock(&lttng_registry_mutex);
}

/**
 * lttng_registry_assert_held() - check that the caller holds the lock
 */
void lttng_registry_assert_held(void)
{
	lockdep_assert_held(&lttng_registry_mutex);
}

/**
 * lttng_registry_iter_next() - the next registered event description
 * @iter: the cursor, zeroed (LTTNG_REGISTRY_ITER) to start
 *
 * A step is O(1): the cursor is the provider and an index in it.
 * The caller holds the registry lock for the whole walk.
 *
 * Return: the next description, in registration order of the providers
 * and in each provider's order, or NULL at the end.
 */
const struct lttng_event_desc *
lttng_registry_iter_next(struct lttng_registry_iter *iter)
{
	const struct lttng_probe_desc *provider = iter->provider;
	unsigned int i = iter->index;

	lttng_registry_assert_held();
	if (!provider)
		provider = list_first_entry_or_null(&lttng_registry_providers,
						    struct lttng_probe_desc,
						    node);
	while (provider) {
		if (i < provider->nr_events) {
			iter->provider = provider;
			iter->index = i + 1;
			return provider->events[i];
		}
		if (list_is_last(&provider->node, &lttng_registry_providers))
			break;
		provider = list_next_entry(provider, node);
		i = 0;
	}
	/* The cursor stays on the last description: the end again. */
	return NULL;
}

static u32 lttng_registry_name_hash(const char *name)
{
	return full_name_hash(NULL, name, strlen(name));
}

/**
 * lttng_registry_find() - the registered description of a name
 * @name: the event name
 *
 * The caller holds the registry lock.
 *
 * Return: the description, or NULL.
 */
const struct lttng_event_desc *lttng_registry_find(const char *name)
{
	struct lttng_registry_entry *e;

	lttng_registry_assert_held();
	hash_for_each_possible(lttng_registry_names, e, by_name,
			       lttng_registry_name_hash(name))
		if (!strcmp(e->desc->name, name))
			return e->desc;
	return NULL;
}

/**
 * lttng_registry_find_tp() - a registered description of a tracepoint
 * @tp: the tracepoint
 *
 * The caller holds the registry lock.
 *
 * Return: a description that hooks @tp, or NULL.
 */
const struct lttng_event_desc *lttng_registry_find_tp(const struct tracepoint *tp)
{
	struct lttng_registry_entry *e;

	lttng_registry_assert_held();
	hash_for_each_possible(lttng_registry_tps, e, by_tp, (unsigned long)tp)
		if (e->desc->tp == tp)
			return e->desc;
	return NULL;
}

/* Take @provider's events out of the hash tables.  Under the lock. */
static void lttng_registry_unhash(struct lttng_probe_desc *provider,
				  unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		hash_del(&provider->entries[i].by_name);
		hash_del(&provider->entries[i].by_tp);
	}
	kfree(provider->entries);
	provider->entries = NULL;
}

/**
 * lttng_registry_add() - add a provider's events to the registry
 * @provider: the provider, not registered
 *
 * Return: 0, -EEXIST if one of its event names is already registered
 * (or twice in it), or -ENOMEM.
 */
int lttng_registry_add(struct lttng_probe_desc *provider)
{
	const struct lttng_event_desc *desc;
	struct lttng_registry_entry *e;
	unsigned int i;
	int ret = 0;

	provider->entries = kcalloc(provider->nr_events, sizeof(*e),
				    GFP_KERNEL);
	if (!provider->entries && provider->nr_events)
		return -ENOMEM;
	lttng_registry_lock();
	for (i = 0; i < provider->nr_events; i++) {
		desc = provider->events[i];
		if (lttng_registry_find(desc->name)) {
			pr_err("lttng: event %s registered twice\n", desc->name);
			ret = -EEXIST;
			break;
		}
		e = &provider->entries[i];
		e->desc = desc;
		hash_add(lttng_registry_names, &e->by_name,
			 lttng_registry_name_hash(desc->name));
		hash_add(lttng_registry_tps, &e->by_tp, (unsigned long)desc->tp);
	}
	if (ret)
		lttng_registry_unhash(provider, i);
	else
		list_add_tail(&provider->node, &lttng_registry_providers);
	lttng_registry_unlock();
	return ret;
}

/**
 * lttng_registry_glob_match() - match a name against an LTTng star-glob
 * @pattern: '*' matches any run of characters, '\' makes the next
 *	character literal
 * @name: the name
 *
 * Return: true on a match.
 */
bool lttng_registry_glob_match(const char *pattern, const char *name)
{
	const char *star = NULL, *resume = NULL;

	while (*name) {
		if (*pattern == '*') {
			star = ++pattern;
			resume = name;
			continue;
		}
		if (*pattern == '\\' && pattern[1])
			pattern++;
		if (*pattern && *pattern == *name) {
			pattern++;
			name++;
			continue;
		}
		if (!star)
			return false;
		pattern = star;
		name = ++resume;
	}
	while (*pattern == '*')
		pattern++;
	return !*pattern;
}

/**
 * lttng_registry_match() - does an enabler's pattern name an event?
 * @pattern: a star-glob (lttng_registry_glob_match()) of the event name,
 *	or of SYSTEM:EVENT, the provider's name and the event's
 * @desc: the event
 *
 * Return: true on a match.
 */
bool lttng_registry_match(const char *pattern,
			  const struct lttng_event_desc *desc)
{
	const char *colon = strchr(pattern, ':');
	char system[LTTNG_REGISTRY_SYSTEM_LEN];
	size_t len;

	if (!colon)
		return lttng_registry_glob_match(pattern, desc->name);
	len = colon - pattern;
	if (!desc->provider || len >= sizeof(system))
		return false;
	memcpy(system, pattern, len);
	system[len] = '\0';
	return lttng_registry_glob_match(system, desc->provider->name) &&
	       lttng_registry_glob_match(colon + 1, desc->name);
}
