/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: CTF metadata (metadata.c).  The metadata stream's calls,
 * which the misc device makes, are in <linux/lttng/control.h>.
 */
#ifndef _LTTNG_METADATA_H
#define _LTTNG_METADATA_H

#include <linux/compiler_attributes.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/uuid.h>
#include <linux/wait.h>

struct lttng_session;
struct lttng_rb_chan;
struct lttng_rb_config;

/**
 * struct lttng_metadata_cache - a session's CTF metadata text
 * @ref: the session and every metadata stream hold one
 * @lock: protects @data, @len, @alloc and @version, and serializes the
 *	metadata buffers' writers
 * @data: the TSDL text, grown by whole declarations
 * @len: bytes of text
 * @alloc: bytes allocated
 * @version: bumped when the text is regenerated from scratch
 * @uuid: the trace UUID, repeated in every metadata packet
 * @wait: metadata readers wait here for new text
 */
struct lttng_metadata_cache {
	struct kref ref;
	/* @data, @len, @alloc, @version; the metadata buffers' writers */
	struct mutex lock;
	char *data;
	size_t len;
	size_t alloc;
	u64 version;
	uuid_t uuid;
	wait_queue_head_t wait;
};

struct lttng_metadata_cache *lttng_metadata_cache_create(const uuid_t *uuid);
void lttng_metadata_cache_put(struct lttng_metadata_cache *cache);
int lttng_metadata_append(struct lttng_metadata_cache *cache,
			  const char *fmt, ...) __printf(2, 3);
int lttng_metadata_sync(struct lttng_session *session);
int lttng_metadata_regen(struct lttng_session *session);
struct lttng_rb_chan *lttng_metadata_chan_create(struct lttng_session *session,
						 const struct lttng_rb_config *cfg);
void lttng_metadata_chan_finalize(struct lttng_rb_chan *rb);

#if IS_ENABLED(CONFIG_KUNIT)
struct lttng_event_field;
int lttng_metadata_fields(struct lttng_metadata_cache *cache,
			  const struct lttng_event_field *fields,
			  unsigned int nr_fields);
#endif

#endif /* _LTTNG_METADATA_H */
