// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: providers come and go, and the list of their events.
 *
 * A provider is a set of event descriptions (struct lttng_probe_desc).
 * The built-in ones register from early initcalls, before
 * lttng.autostart= starts the boot session, and stay.  A module's come
 * with it and go with it: the module's TRACE_EVENTs as automatic
 * providers (trace-events.c, from the tracepoint module notifier), and
 * hand-written ones that the module registers from its init and
 * unregisters from its exit.
 *
 * Lifetimes.  A registered provider's descriptions, and everything they
 * point to (names, fields, enumerations, the tracepoint, the probe's
 * code), must stay valid until lttng_probe_unregister() returns; not one
 * moment longer is asked of them:
 *
 * - the registry (registry.c) drops the provider first, under its lock,
 *   which every walk holds: no walk sees it after that, and no enabler or
 *   notifier makes a new event of it;
 * - then, under the graph mutex, every event of a session that records
 *   one of its descriptions is unhooked from its tracepoint and becomes
 *   dead (struct lttng_event): it keeps its id and a copy of its
 *   declaration, in the core's own memory, so that the session's metadata
 *   (and a regeneration of it) stays whole; it records nothing more and
 *   is freed with its session.  The notifiers' events of it are unhooked
 *   and taken off their notifier;
 * - then tracepoint_synchronize_unregister() waits for the probes in
 *   flight, which may still run the provider's code with those events;
 * - and last the notifiers' events are freed.
 *
 * A provider that registers again (a module reloaded) is a new provider:
 * its events are new events of the sessions, with new ids, beside the
 * dead ones of the same name.
 *
 * Locking.  The graph mutex is taken first, the registry's second
 * (registry.c).  lttng_probe_register() and lttng_probe_unregister() take
 * both themselves; they sleep.
 */

#include <linux/export.h>
#include <linux/list.h>
#include <linux/lttng/control.h>
#include <linux/lttng/events.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>

#include "enabler.h"
#include "graph.h"
#include "notifier.h"
#include "registry.h"

/**
 * lttng_probe_register() - add a provider's events, and record them
 * @desc: the provider; it and what it points to stay valid until
 *	lttng_probe_unregister(), or forever for a built-in provider
 *
 * The events join the registry, then every session's enablers, lazy ones
 * included, and every enabled notifier that match them make them record
 * (or notify) from now on.  A module calls it from its init (see
 * <linux/lttng/define-probe.h>).
 *
 * Return: 0, -EEXIST if an event name is already registered, or -ENOMEM.
 */
int lttng_probe_register(struct lttng_probe_desc *desc)
{
	int ret;

	ret = lttng_registry_add(desc);
	if (ret)
		return ret;
	lttng_graph_lock();
	lttng_enabler_sync_all();
	lttng_notifier_sync_all();
	lttng_graph_unlock();
	return 0;
}
EXPORT_SYMBOL_GPL(lttng_probe_register);

/**
 * lttng_probe_unregister() - remove a provider's events
 * @desc: a provider that lttng_probe_register() registered
 *
 * Returns once nothing uses @desc, or its descriptions, fields, names and
 * probes, any more: see the lifetimes at the top of this file.  A module
 * calls it from its exit, before its memory goes.
 */
void lttng_probe_unregister(struct lttng_probe_desc *desc)
{
	LIST_HEAD(dead);

	lttng_graph_lock();
	lttng_registry_remove(desc);
	lttng_enabler_provider_gone(desc);
	lttng_notifier_provider_gone(desc, &dead);
	/* The probes that saw the events hooked are done after this. */
	tracepoint_synchronize_unregister();
	lttng_graph_unlock();
	lttng_notifier_free_events(&dead);
}
EXPORT_SYMBOL_GPL(lttng_probe_unregister);

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
