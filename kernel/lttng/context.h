/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: event contexts (context.c).  A channel's list of
 * contexts is in struct lttng_channel; lttng_channel_add_context() adds to
 * it.
 */
#ifndef _LTTNG_CONTEXT_H
#define _LTTNG_CONTEXT_H

#include <linux/lttng/events.h>

struct lttng_channel;

const struct lttng_event_field *lttng_ctx_field(unsigned int type);
int lttng_ctx_lookup(const char *name);
void lttng_ctx_record(const struct lttng_channel *chan,
		      struct lttng_event_ctx *ctx);

/* The bytes a context field takes in a record: every one has a fixed size. */
static inline size_t lttng_ctx_size(const struct lttng_event_field *f)
{
	return f->size * (f->type == LTTNG_FIELD_INTEGER ? 1 : f->len);
}

#endif /* _LTTNG_CONTEXT_H */
