/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: event notifiers (notifier.c), as the providers' calls
 * see them: their arrivals and departures reach every notifier.  The misc
 * device's calls are in <linux/lttng/control.h>.  All of these run under
 * lttng_graph_mutex.
 */
#ifndef _LTTNG_NOTIFIER_H
#define _LTTNG_NOTIFIER_H

struct list_head;
struct lttng_probe_desc;

void lttng_notifier_sync_all(void);
void lttng_notifier_provider_gone(const struct lttng_probe_desc *provider,
				  struct list_head *dead);
void lttng_notifier_free_events(struct list_head *dead);

#endif /* _LTTNG_NOTIFIER_H */
