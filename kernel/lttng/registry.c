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

#include <linux/align.h>
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
 * lttng_registry_remove() - take a provider's events out of the registry
 * @provider: a registered provider
 *
 * No walk is in progress: each holds the lock.  The caller makes sure
 * that nothing else uses @provider's descriptions (probes.c).
 */
void lttng_registry_remove(struct lttng_probe_desc *provider)
{
	lttng_registry_lock();
	lttng_registry_unhash(provider, provider->nr_events);
	list_del(&provider->node);
	lttng_registry_unlock();
}

/*
 * A deep copy in one block: measured with @base NULL, then made.  Each
 * piece is placed at the next multiple of its alignment.
 */
struct lttng_registry_dup {
	char *base;
	size_t len;
};

static void *lttng_registry_dup_bytes(struct lttng_registry_dup *d,
				      const void *src, size_t len,
				      size_t align)
{
	void *dst;

	d->len = ALIGN(d->len, align);
	dst = d->base ? d->base + d->len : NULL;
	if (dst)
		memcpy(dst, src, len);
	d->len += len;
	return dst;
}

static const char *lttng_registry_dup_str(struct lttng_registry_dup *d,
					  const char *s)
{
	return s ? lttng_registry_dup_bytes(d, s, strlen(s) + 1, 1) : NULL;
}

static const struct lttng_enum_desc *
lttng_registry_dup_enum(struct lttng_registry_dup *d,
			const struct lttng_enum_desc *e)
{
	struct lttng_enum_desc *de;
	struct lttng_enum_entry *entries;
	unsigned int i;

	if (!e)
		return NULL;
	de = lttng_registry_dup_bytes(d, e, sizeof(*e), __alignof__(*e));
	entries = lttng_registry_dup_bytes(d, e->entries,
					   e->nr_entries * sizeof(*e->entries),
					   __alignof__(*e->entries));
	if (de) {
		de->entries = entries;
		de->name = NULL;
	}
	for (i = 0; i < e->nr_entries; i++) {
		const char *label = lttng_registry_dup_str(d, e->entries[i].label);

		if (entries)
			entries[i].label = label;
	}
	return de;
}

static const struct lttng_event_field *
lttng_registry_dup_fields(struct lttng_registry_dup *d,
			  const struct lttng_event_field *fields,
			  unsigned int nr)
{
	struct lttng_event_field *df;
	unsigned int i;

	if (!nr)
		return NULL;
	df = lttng_registry_dup_bytes(d, fields, nr * sizeof(*fields),
				      __alignof__(*fields));
	for (i = 0; i < nr; i++) {
		const struct lttng_event_field *f = &fields[i];
		const char *name = lttng_registry_dup_str(d, f->name);
		const char *length_name = lttng_registry_dup_str(d, f->length_name);
		const struct lttng_enum_desc *e = lttng_registry_dup_enum(d, f->enum_desc);
		const struct lttng_event_field *sub = NULL;

		if (f->fields && f->nr_fields)
			sub = lttng_registry_dup_fields(d, f->fields,
							f->nr_fields);
		if (!df)
			continue;
		df[i].name = name;
		df[i].length_name = length_name;
		df[i].enum_desc = e;
		df[i].fields = sub;
	}
	return df;
}

static struct lttng_event_desc *
lttng_registry_dup_desc(struct lttng_registry_dup *d,
			const struct lttng_event_desc *desc)
{
	struct lttng_event_desc *dd;
	const struct lttng_event_field *fields;
	const char *name;

	dd = lttng_registry_dup_bytes(d, desc, sizeof(*desc),
				      __alignof__(*desc));
	name = lttng_registry_dup_str(d, desc->name);
	fields = lttng_registry_dup_fields(d, desc->fields, desc->nr_fields);
	if (dd) {
		dd->name = name;
		dd->fields = fields;
		dd->tp = NULL;
		dd->probe = NULL;
		dd->provider = NULL;
	}
	return dd;
}

/**
 * lttng_registry_desc_dup() - what the metadata needs of a description
 * @desc: the description, of a provider about to leave
 *
 * A deep copy, in one kmalloc()ed block, of the name, the fields (their
 * names, length field names, enumerations and structure members): the
 * event of a session whose provider left keeps its declaration with it.
 * The copy has no tracepoint, probe or provider.  The teardown of a
 * provider cannot fail, so neither can this small allocation.
 *
 * Return: the copy, which kfree() frees.
 */
struct lttng_event_desc *lttng_registry_desc_dup(const struct lttng_event_desc *desc)
{
	struct lttng_registry_dup d = { };

	lttng_registry_dup_desc(&d, desc);
	d.base = kmalloc(d.len, GFP_KERNEL | __GFP_NOFAIL);
	d.len = 0;
	return lttng_registry_dup_desc(&d, desc);
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
