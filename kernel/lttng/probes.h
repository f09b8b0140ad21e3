/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the probe registry (probes.c).  Providers register with
 * lttng_probe_register(), in <linux/lttng/events.h>.
 */
#ifndef _LTTNG_PROBES_H
#define _LTTNG_PROBES_H

#include <linux/types.h>

struct lttng_event_desc;

/* Longest SYSTEM of a SYSTEM:EVENT pattern, its NUL included. */
#define LTTNG_PROBE_SYSTEM_LEN	64

bool lttng_probe_glob_match(const char *pattern, const char *name);
bool lttng_probe_match(const char *pattern, const struct lttng_event_desc *desc);
const struct lttng_event_desc *lttng_probe_next_desc(const struct lttng_event_desc *prev);

#endif /* _LTTNG_PROBES_H */
