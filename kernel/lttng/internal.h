/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the tracer core's objects and their API, for the core
 * files and the misc device.
 *
 * Lifetimes.  A session is reference counted: its fds, the fds of its
 * channels and events, and the kernel for the boot session each hold a
 * reference.  The last put destroys it: tracing stops, every probe is
 * unhooked, and every ring buffer is finalized, so that its readers drain
 * what is left and then see hang-up.  Stream fds hold only their ring
 * buffer channel (and the metadata cache), never the session.
 *
 * Locking.  lttng_sessions_mutex protects the list of sessions and every
 * session's channels, enablers and events.  Probes never take it: they
 * read lttng_event.armed, which is written under it.
 */
#ifndef _LTTNG_INTERNAL_H
#define _LTTNG_INTERNAL_H

#include <linux/hashtable.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/lttng/events.h>
#include <linux/lttng/ringbuffer.h>
#include <linux/mutex.h>
#include <linux/uuid.h>
#include <uapi/linux/lttng.h>

/* CTF framing of data packets and event headers. */
#define LTTNG_CTF_MAGIC			0xC1FC1FC1U
#define LTTNG_METADATA_MAGIC		0x75D11D57U
#define LTTNG_EVENT_ID_COMPACT_MAX	30
#define LTTNG_EVENT_ID_EXTENDED		31
#define LTTNG_EVENT_HDR_COMPACT		4
#define LTTNG_EVENT_HDR_EXTENDED	13
#define LTTNG_TSC_BITS			27

/* What sessiond sends for a data channel when the user says nothing. */
#define LTTNG_DEFAULT_SUBBUF_SIZE	(256 * 1024)
#define LTTNG_DEFAULT_NUM_SUBBUF	4
#define LTTNG_DEFAULT_READ_TIMER_US	200000

extern struct mutex lttng_sessions_mutex;
extern struct list_head lttng_sessions;

/**
 * struct lttng_metadata_cache - a session's CTF metadata text
 * @ref: the session and every metadata stream hold one
 * @lock: protects @data, @len, @alloc and @version
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

/* Tracker types, enum lttng_abi_tracker_type, are below this. */
#define LTTNG_TRACKER_MAX	(LTTNG_ABI_TRACKER_VGID + 1)

struct lttng_id_set;

struct lttng_session {
	struct list_head node;
	struct kref ref;
	char name[LTTNG_ABI_SESSION_NAME_LEN];
	char creation_time[LTTNG_ABI_CREATION_TIME_LEN];
	uuid_t uuid;
	u64 clock_offset;
	bool active;
	bool been_active;
	bool boot;
	bool header_dumped;
	struct list_head chans;
	struct list_head metadata_chans;
	unsigned int nr_chans;
	struct lttng_metadata_cache *cache;
	/* Bit n: tracker n has a set (tracker.c); written under the mutex. */
	unsigned long tracking;
	struct lttng_id_set __rcu *trackers[LTTNG_TRACKER_MAX];
};

/**
 * struct lttng_chan_params - what a channel is made of
 * @subbuf_size: bytes per sub-buffer
 * @num_subbuf: sub-buffers per CPU
 * @overwrite: flight recorder mode
 * @switch_timer_us: idle flush period, 0 = off
 * @read_timer_us: reader wake-up period, 0 = off
 * @output: enum lttng_abi_output
 */
struct lttng_chan_params {
	u64 subbuf_size;
	u64 num_subbuf;
	bool overwrite;
	u32 switch_timer_us;
	u32 read_timer_us;
	u32 output;
};

/* Context types, enum lttng_abi_context_type, are below this. */
#define LTTNG_CTX_MAX	(LTTNG_ABI_CONTEXT_TIME_NS + 1)

/**
 * struct lttng_channel - a channel of a session
 * @node: in the session's list of data or metadata channels
 * @session: its session
 * @rb: its ring buffer
 * @params: its shape
 * @id: CTF stream id
 * @enabled: the ENABLE state
 * @metadata: a metadata channel
 * @metadata_dumped: its stream declaration is in the metadata
 * @enablers: what EVENT commands asked for
 * @events: what is recorded
 * @event_ht: the same, by description: finding whether an event exists
 *	is then not a walk of @events, which made creating N events O(N^2)
 * @next_event_id: the CTF id of the next event
 * @nr_ctx: number of contexts in @ctx
 * @ctx_size: bytes the contexts add to each record
 * @ctx: context types, in record order; fixed before the first start
 * @sc_events: syscall events by number, [0] entry, [1] exit; read by the
 *	probes (syscalls.c)
 * @sc_hooked: syscall events hooked, [0] entry, [1] exit
 */
struct lttng_channel {
	struct list_head node;
	struct lttng_session *session;
	struct lttng_rb_chan *rb;
	struct lttng_chan_params params;
	unsigned int id;
	bool enabled;
	bool metadata;
	bool metadata_dumped;
	struct list_head enablers;
	struct list_head events;
	DECLARE_HASHTABLE(event_ht, 7);
	unsigned int next_event_id;
	unsigned int nr_ctx;
	size_t ctx_size;
	u8 ctx[LTTNG_CTX_MAX];
	struct lttng_event **sc_events[2];
	unsigned int sc_hooked[2];
};

/**
 * struct lttng_enabler - what an EVENT command asked for: a name or glob
 * @node: in the channel's enabler list
 * @chan: the channel
 * @pattern: event name or star-glob
 * @instrumentation: enum lttng_abi_instrumentation
 * @sc_entryexit: syscalls: enum lttng_abi_syscall_entryexit
 * @enabled: the ENABLE state
 * @filter: the FILTER bytecode, kept but not run yet
 */
struct lttng_enabler {
	struct list_head node;
	struct lttng_channel *chan;
	char pattern[LTTNG_ABI_SYM_NAME_LEN];
	u32 instrumentation;
	u32 sc_entryexit;
	u32 sc_abi;
	bool enabled;
	struct lttng_abi_filter_bytecode *filter;
};

/**
 * struct lttng_metadata_stream - the reader of a metadata channel
 * @rb: the metadata ring buffer (a reference)
 * @buf: its only buffer
 * @cache: the session's metadata (a reference)
 * @lock: serializes the copy from the cache into @rb
 * @pos: bytes of the cache copied into @rb
 * @version: cache version as of the last copy
 */
struct lttng_metadata_stream {
	struct lttng_rb_chan *rb;
	struct lttng_rb_buf *buf;
	struct lttng_metadata_cache *cache;
	struct mutex lock;		/* @pos, @version, the copy */
	size_t pos;
	u64 version;
};

/* session.c */
struct lttng_session *lttng_session_create(const char *name);
void lttng_session_get(struct lttng_session *session);
void lttng_session_put(struct lttng_session *session);
struct lttng_session *lttng_session_find(const char *name);
struct lttng_session *lttng_autostart_session(void);
int lttng_session_start(struct lttng_session *session);
int lttng_session_stop(struct lttng_session *session);
int lttng_session_metadata_regen(struct lttng_session *session);
int lttng_session_statedump(struct lttng_session *session);
int lttng_session_set_name(struct lttng_session *session, const char *name);
int lttng_session_set_creation_time(struct lttng_session *session,
				    const char *iso8601);
struct lttng_channel *lttng_channel_create(struct lttng_session *session,
					   const struct lttng_chan_params *p,
					   bool metadata);
void lttng_metadata_channel_destroy(struct lttng_channel *chan);
struct lttng_channel *lttng_channel_get_nth(struct lttng_session *session,
					    unsigned int index);
int lttng_channel_set_enabled(struct lttng_channel *chan, bool enabled);
struct lttng_enabler *lttng_enabler_create(struct lttng_channel *chan,
					   const char *pattern,
					   u32 instrumentation,
					   u32 sc_entryexit, u32 sc_abi);
int lttng_enabler_set_enabled(struct lttng_enabler *enabler, bool enabled);
int lttng_enabler_set_filter(struct lttng_enabler *enabler,
			     struct lttng_abi_filter_bytecode *bc);
unsigned int lttng_enabler_match_count(struct lttng_enabler *enabler);
int lttng_chan_params_check(const struct lttng_chan_params *p);

/* probes.c */
bool lttng_glob_match(const char *pattern, const char *name);
const struct lttng_event_desc *lttng_probe_next_desc(const struct lttng_event_desc *prev);
unsigned int lttng_probe_count_matching(const char *pattern);

/* client.c */
struct lttng_rb_chan *lttng_client_chan_create(struct lttng_channel *chan,
					       const struct lttng_rb_config *cfg);

/* syscalls.c */
const struct lttng_event_desc *lttng_syscall_next_desc(const struct lttng_event_desc *prev);
const char *lttng_syscall_name(const struct lttng_event_desc *desc);
bool lttng_syscall_compat(const struct lttng_event_desc *desc);
int lttng_syscall_hook(struct lttng_event *event);
void lttng_syscall_unhook(struct lttng_event *event);
extern const struct seq_operations lttng_syscall_list_seq_ops;
int lttng_syscall_mask(struct lttng_channel *chan,
		       struct lttng_abi_syscall_mask __user *umask);

/* statedump.c */
int lttng_statedump(struct lttng_session *session);

/* context.c */
const struct lttng_event_field *lttng_ctx_field(unsigned int type);
int lttng_ctx_lookup(const char *name);
int lttng_channel_add_context(struct lttng_channel *chan, u32 type);
void lttng_ctx_record(const struct lttng_channel *chan,
		      struct lttng_event_ctx *ctx);

/* tracker.c */
int lttng_session_track(struct lttng_session *session, u32 type, s32 id,
			bool track);
void lttng_session_trackers_free(struct lttng_session *session);
bool lttng_tracked(const struct lttng_session *session);

/* metadata.c */
struct lttng_metadata_cache *lttng_metadata_cache_create(const uuid_t *uuid);
void lttng_metadata_cache_put(struct lttng_metadata_cache *cache);
int lttng_metadata_sync(struct lttng_session *session);
int lttng_metadata_regen(struct lttng_session *session);
int lttng_metadata_append(struct lttng_metadata_cache *cache,
			  const char *fmt, ...) __printf(2, 3);
struct lttng_rb_chan *lttng_metadata_chan_create(struct lttng_session *session,
						 const struct lttng_rb_config *cfg);
void lttng_metadata_chan_finalize(struct lttng_rb_chan *rb);
struct lttng_metadata_stream *lttng_metadata_stream_open(struct lttng_channel *chan);
void lttng_metadata_stream_release(struct lttng_metadata_stream *ms);
int lttng_metadata_stream_get_next(struct lttng_metadata_stream *ms);
int lttng_metadata_stream_flush(struct lttng_metadata_stream *ms);
int lttng_metadata_stream_cache_dump(struct lttng_metadata_stream *ms);
bool lttng_metadata_stream_pending(struct lttng_metadata_stream *ms);

/* autostart.c */
#define LTTNG_AUTOSTART_MAX_EVENTS	32
#define LTTNG_AUTOSTART_NAME_LEN	64

/**
 * struct lttng_autostart_event - one event item of lttng.autostart=
 * @name: event name or glob; for syscalls, the bare syscall name
 * @instrumentation: LTTNG_ABI_TRACEPOINT or LTTNG_ABI_SYSCALL
 * @entryexit: syscalls: enum lttng_abi_syscall_entryexit
 */
struct lttng_autostart_event {
	char name[LTTNG_AUTOSTART_NAME_LEN];
	u32 instrumentation;
	u32 entryexit;
};

/**
 * struct lttng_autostart_spec - a parsed lttng.autostart= value
 * @name: session name
 * @params: the channel's shape
 * @nr_events: number of @events
 * @events: event items
 * @nr_ctx: number of @ctx
 * @ctx: context types, enum lttng_abi_context_type, in record order
 */
struct lttng_autostart_spec {
	char name[LTTNG_AUTOSTART_NAME_LEN];
	struct lttng_chan_params params;
	unsigned int nr_events;
	struct lttng_autostart_event events[LTTNG_AUTOSTART_MAX_EVENTS];
	unsigned int nr_ctx;
	u8 ctx[LTTNG_CTX_MAX];
};

int lttng_autostart_parse(const char *str, struct lttng_autostart_spec *spec);

#endif /* _LTTNG_INTERNAL_H */
