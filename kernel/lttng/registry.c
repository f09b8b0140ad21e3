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
 * Locking.  lttng_registry_mutex protects the list.  Every change and
 * every walk holds it (lttng_registry_iter_next() asserts it), so that a
 * cursor's provider stays on the list from one step to the next.  Nobody
 * walks the registry where it cannot sleep.  When the core's graph lock
 * is held too (graph.h), it is taken first: the registry lock is the
 * inner one.
 */

#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/lttng/events.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "registry.h"

static LIST_HEAD(lttng_registry_providers);
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

/* Is an event named @name registered?  Under the registry lock. */
static bool lttng_registry_has_name(const char *name)
{
	struct lttng_registry_iter iter = LTTNG_REGISTRY_ITER;
	const struct lttng_event_desc *desc;

	while ((desc = lttng_registry_iter_next(&iter)))
		if (!strcmp(desc->name, name))
			return true;
	return false;
}

/**
 * lttng_registry_add() - add a provider's events to the registry
 * @provider: the provider, not registered
 *
 * Return: 0, or -EEXIST if one of its event names is already registered.
 */
int lttng_registry_add(struct lttng_probe_desc *provider)
{
	unsigned int i;
	int ret = 0;

	lttng_registry_lock();
	for (i = 0; i < provider->nr_events; i++) {
		if (!lttng_registry_has_name(provider->events[i]->name))
			continue;
		pr_err("lttng: event %s registered twice\n",
		       provider->events[i]->name);
		ret = -EEXIST;
		goto out;
	}
	list_add_tail(&provider->node, &lttng_registry_providers);
out:
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
