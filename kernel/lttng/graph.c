// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the object graph's lock and its root list.  The rules
 * they enforce are stated once, in graph.h.
 */

#include <linux/list.h>
#include <linux/mutex.h>

#include "graph.h"

/* Protects every session, channel, enabler and event: see graph.h. */
DEFINE_MUTEX(lttng_graph_mutex);
LIST_HEAD(lttng_graph_sessions);
