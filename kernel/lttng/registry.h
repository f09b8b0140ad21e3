/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the registry of event descriptions (registry.c), below
 * the providers' register and unregister calls (probes.c) and the code that
 * walks it (enablers, notifiers, the TRACE_EVENT discovery, the list).
 */
#ifndef _LTTNG_REGISTRY_H
#define _LTTNG_REGISTRY_H

#include <linux/types.h>

struct lttng_event_desc;
struct lttng_probe_desc;
struct tracepoint;

/* Longest SYSTEM of a SYSTEM:EVENT pattern, its NUL included. */
#define LTTNG_REGISTRY_SYSTEM_LEN	64

/**
 * struct lttng_registry_iter - a cursor on the registry
 * @provider: the provider of the last description returned, NULL before
 *	the first
 * @index: the index of the next description in @provider
 *
 * Zero it to start (LTTNG_REGISTRY_ITER).  A walk holds the registry lock
 * from its first step to its last: a provider may leave between two walks,
 * never during one.
 */
struct lttng_registry_iter {
	const struct lttng_probe_desc *provider;
	unsigned int index;
};

#define LTTNG_REGISTRY_ITER	((struct lttng_registry_iter){ })

void lttng_registry_lock(void);
void lttng_registry_unlock(void);
void lttng_registry_assert_held(void);
const struct lttng_event_desc *
lttng_registry_iter_next(struct lttng_registry_iter *iter);
int lttng_registry_add(struct lttng_probe_desc *provider);
void lttng_registry_remove(struct lttng_probe_desc *provider);
struct lttng_event_desc *lttng_registry_desc_dup(const struct lttng_event_desc *desc);
const struct lttng_event_desc *lttng_registry_find(const char *name);
const struct lttng_event_desc *lttng_registry_find_tp(const struct tracepoint *tp);
bool lttng_registry_glob_match(const char *pattern, const char *name);
bool lttng_registry_match(const char *pattern,
			  const struct lttng_event_desc *desc);

#endif /* _LTTNG_REGISTRY_H */
