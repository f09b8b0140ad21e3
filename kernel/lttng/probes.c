// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the probe registry.
 *
 * Providers register from initcalls (the built-in ones from early
 * initcalls, before lttng.autostart= starts the boot session; a module's
 * from its init) and stay for the life of the kernel: nothing unregisters
 * yet.  The list only grows, under lttng_probes_mutex.
 */

#include <linux/export.h>
#include <linux/init.h>
#include <linux/lttng/control.h>
#include <linux/lttng/events.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "probes.h"

static LIST_HEAD(lttng_probes);
static DEFINE_MUTEX(lttng_probes_mutex);

/**
 * lttng_probe_register() - add a provider's events to the registry
 * @desc: the provider; must live forever
 *
 * Return: 0, or -EEXIST if an event name is already registered.
 */
int lttng_probe_register(struct lttng_probe_desc *desc)
{
	struct lttng_probe_desc *probe;
	unsigned int i, j;
	int ret = 0;

	mutex_lock(&lttng_probes_mutex);
	for (i = 0; i < desc->nr_events; i++) {
		list_for_each_entry(probe, &lttng_probes, node) {
			for (j = 0; j < probe->nr_events; j++) {
				if (strcmp(probe->events[j]->name,
					   desc->events[i]->name))
					continue;
				pr_err("lttng: event %s registered twice\n",
				       desc->events[i]->name);
				ret = -EEXIST;
				goto out;
			}
		}
	}
	/* Publishes @desc to the lockless walks of lttng_probe_next_desc(). */
	list_add_tail_rcu(&desc->node, &lttng_probes);
out:
	mutex_unlock(&lttng_probes_mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(lttng_probe_register);

/* The description after @prev, found from its provider. */
static const struct lttng_event_desc *
lttng_probe_next_in(const struct lttng_event_desc *prev)
{
	const struct lttng_probe_desc *probe = prev->provider;
	unsigned int i;

	for (i = 0; i < probe->nr_events; i++)
		if (probe->events[i] == prev)
			break;
	if (i + 1 < probe->nr_events)
		return probe->events[i + 1];
	list_for_each_entry_continue_rcu(probe, &lttng_probes, node)
		if (probe->nr_events)
			return probe->events[0];
	return NULL;
}

/**
 * lttng_probe_next_desc() - walk every registered event description
 * @prev: the previous one, or NULL to start
 *
 * The registry only grows, so the walk needs no lock once a provider is
 * on the list: list_add_tail_rcu() publishes it, and the walk reads the
 * links with list_for_each_entry_rcu().  Nothing is ever removed, so no
 * read-side critical section is needed.  A description that names its
 * provider is found in it, so that a whole walk costs the sum of the
 * squares of the providers' sizes, not the square of their total.
 *
 * Return: the next description, or NULL at the end.
 */
const struct lttng_event_desc *
lttng_probe_next_desc(const struct lttng_event_desc *prev)
{
	struct lttng_probe_desc *probe;
	bool take = !prev;
	unsigned int i;

	if (prev && prev->provider)
		return lttng_probe_next_in(prev);
	list_for_each_entry_rcu(probe, &lttng_probes, node, true) {
		for (i = 0; i < probe->nr_events; i++) {
			if (take)
				return probe->events[i];
			if (probe->events[i] == prev)
				take = true;
		}
	}
	return NULL;
}

/**
 * lttng_probe_glob_match() - match a name against an LTTng star-glob
 * @pattern: '*' matches any run of characters, '\' makes the next
 *	character literal
 * @name: the name
 *
 * Return: true on a match.
 */
bool lttng_probe_glob_match(const char *pattern, const char *name)
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
 * lttng_probe_match() - does an enabler's pattern name an event?
 * @pattern: a star-glob (lttng_probe_glob_match()) of the event name, or
 *	of SYSTEM:EVENT, the provider's name and the event's
 * @desc: the event
 *
 * Return: true on a match.
 */
bool lttng_probe_match(const char *pattern, const struct lttng_event_desc *desc)
{
	const char *colon = strchr(pattern, ':');
	char system[LTTNG_PROBE_SYSTEM_LEN];
	size_t len;

	if (!colon)
		return lttng_probe_glob_match(pattern, desc->name);
	len = colon - pattern;
	if (!desc->provider || len >= sizeof(system))
		return false;
	memcpy(system, pattern, len);
	system[len] = '\0';
	return lttng_probe_glob_match(system, desc->provider->name) &&
	       lttng_probe_glob_match(colon + 1, desc->name);
}

static void *lttng_probe_list_start(struct seq_file *m, loff_t *pos)
{
	const struct lttng_event_desc *desc = NULL;
	loff_t n = *pos;

	do {
		desc = lttng_probe_next_desc(desc);
	} while (desc && n--);
	return (void *)desc;
}

static void *lttng_probe_list_next(struct seq_file *m, void *v, loff_t *pos)
{
	(*pos)++;
	return (void *)lttng_probe_next_desc(v);
}

static void lttng_probe_list_stop(struct seq_file *m, void *v)
{
}

static int lttng_probe_list_show(struct seq_file *m, void *v)
{
	const struct lttng_event_desc *desc = v;

	seq_printf(m, "event { name = %s; };\n", desc->name);
	return 0;
}

/* The TRACEPOINT_LIST file, in the format lttng-sessiond scans. */
const struct seq_operations lttng_probe_list_seq_ops = {
	.start = lttng_probe_list_start,
	.next = lttng_probe_list_next,
	.stop = lttng_probe_list_stop,
	.show = lttng_probe_list_show,
};
