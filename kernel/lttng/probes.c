// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: providers, and the list of their events.
 *
 * Providers register from initcalls (the built-in ones from early
 * initcalls, before lttng.autostart= starts the boot session; a module's
 * from its init) and stay for the life of the kernel: nothing unregisters
 * yet.  Their events go into the registry (registry.c).
 */

#include <linux/export.h>
#include <linux/lttng/control.h>
#include <linux/lttng/events.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "registry.h"

/**
 * lttng_probe_register() - add a provider's events to the registry
 * @desc: the provider; must live forever
 *
 * Return: 0, or -EEXIST if an event name is already registered.
 */
int lttng_probe_register(struct lttng_probe_desc *desc)
{
	return lttng_registry_add(desc);
}
EXPORT_SYMBOL_GPL(lttng_probe_register);

/*
 * The TRACEPOINT_LIST file.  It holds the registry lock from start to
 * stop, with its cursor in m->private, so that a step is O(1); a read
 * that starts again at *pos walks from the beginning to it.
 */
struct lttng_probe_list {
	struct lttng_registry_iter iter;
	const struct lttng_event_desc *desc;
};

static void *lttng_probe_list_start(struct seq_file *m, loff_t *pos)
{
	struct lttng_probe_list *list;
	loff_t n = *pos;

	list = kzalloc(sizeof(*list), GFP_KERNEL);
	if (!list)
		return ERR_PTR(-ENOMEM);
	m->private = list;
	lttng_registry_lock();
	do {
		list->desc = lttng_registry_iter_next(&list->iter);
	} while (list->desc && n--);
	return list->desc ? list : NULL;
}

static void *lttng_probe_list_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct lttng_probe_list *list = v;

	(*pos)++;
	list->desc = lttng_registry_iter_next(&list->iter);
	return list->desc ? list : NULL;
}

static void lttng_probe_list_stop(struct seq_file *m, void *v)
{
	if (!m->private)
		return;
	lttng_registry_unlock();
	kfree(m->private);
	m->private = NULL;
}

static int lttng_probe_list_show(struct seq_file *m, void *v)
{
	const struct lttng_probe_list *list = v;

	seq_printf(m, "event { name = %s; };\n", list->desc->name);
	return 0;
}

/* The TRACEPOINT_LIST file, in the format lttng-sessiond scans. */
const struct seq_operations lttng_probe_list_seq_ops = {
	.start = lttng_probe_list_start,
	.next = lttng_probe_list_next,
	.stop = lttng_probe_list_stop,
	.show = lttng_probe_list_show,
};
