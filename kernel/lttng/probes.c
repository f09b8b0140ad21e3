// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the probe registry.
 *
 * Providers register at boot, from early initcalls, and stay for the life
 * of the kernel: the tracer is built in, so nothing unregisters.  The list
 * only grows, under lttng_probes_mutex.
 */

#include <linux/init.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "internal.h"

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
	const struct lttng_event_desc *other = NULL;
	unsigned int i;
	int ret = 0;

	mutex_lock(&lttng_probes_mutex);
	for (i = 0; i < desc->nr_events; i++) {
		while ((other = lttng_probe_next_desc(other))) {
			if (!strcmp(other->name, desc->events[i]->name)) {
				pr_err("lttng: event %s registered twice\n",
				       other->name);
				ret = -EEXIST;
				goto out;
			}
		}
	}
	list_add_tail(&desc->node, &lttng_probes);
out:
	mutex_unlock(&lttng_probes_mutex);
	return ret;
}

/**
 * lttng_probe_next_desc() - walk every registered event description
 * @prev: the previous one, or NULL to start
 *
 * The registry only grows, so the walk needs no lock once a provider is
 * on the list; list_add_tail() publishes it.
 *
 * Return: the next description, or NULL at the end.
 */
const struct lttng_event_desc *
lttng_probe_next_desc(const struct lttng_event_desc *prev)
{
	struct lttng_probe_desc *probe;
	bool take = !prev;
	unsigned int i;

	list_for_each_entry(probe, &lttng_probes, node) {
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
 * lttng_glob_match() - match a name against an LTTng star-glob
 * @pattern: '*' matches any run of characters, '\' makes the next
 *	character literal
 * @name: the name
 *
 * Return: true on a match.
 */
bool lttng_glob_match(const char *pattern, const char *name)
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
 * lttng_probe_count_matching() - how many registered events match a glob
 * @pattern: the glob
 *
 * Return: the count.
 */
unsigned int lttng_probe_count_matching(const char *pattern)
{
	const struct lttng_event_desc *desc = NULL;
	unsigned int n = 0;

	while ((desc = lttng_probe_next_desc(desc)))
		n += lttng_glob_match(pattern, desc->name);
	return n;
}
