/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: dynamic probes (dynamic.c), for the enabler code, under
 * the graph mutex.
 */
#ifndef _LTTNG_DYNAMIC_H
#define _LTTNG_DYNAMIC_H

#include <linux/lttng/control.h>
#include <linux/lttng/events.h>

struct lttng_dynprobe;
struct lttng_notifier;

struct lttng_dynprobe *lttng_dynprobe_create(const struct lttng_event_spec *spec);
void lttng_dynprobe_destroy(struct lttng_dynprobe *dp);
unsigned int lttng_dynprobe_nr_descs(const struct lttng_dynprobe *dp);
const struct lttng_event_desc *lttng_dynprobe_desc(const struct lttng_dynprobe *dp,
						   unsigned int i);
void lttng_dynprobe_hook(struct lttng_event *event);
void lttng_dynprobe_unhook(struct lttng_event *event);
int lttng_dynprobe_add_callsite(struct lttng_dynprobe *dp, u64 offset);
void lttng_dynprobe_set_notify(struct lttng_dynprobe *dp,
			       void (*notify)(struct lttng_notifier *notifier));

#endif /* _LTTNG_DYNAMIC_H */
