/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the control API of the tracer core.
 *
 * This is all that the misc device (drivers/misc/lttng/) and the boot
 * session (kernel/lttng/autostart.c) know of the core: sessions, their
 * channels, the enablers that EVENT commands create, the metadata stream,
 * and the event lists.  The objects are opaque.  Each function takes the
 * core's lock itself where it needs it, so a caller holds no lock.
 *
 * A session is reference counted; a channel and an enabler live as long
 * as their session, so whoever holds one of them holds a session
 * reference too (lttng_channel_session()).
 *
 * The ring buffer a stream fd reads is the library's
 * (<linux/lttng/ringbuffer.h>): lttng_channel_rb() gives it.
 */
#ifndef _LINUX_LTTNG_CONTROL_H
#define _LINUX_LTTNG_CONTROL_H

#include <linux/lttng/ringbuffer.h>
#include <linux/poll.h>
#include <linux/seq_file.h>
#include <linux/types.h>

struct lttng_session;
struct lttng_channel;
struct lttng_enabler;
struct lttng_metadata_stream;
struct lttng_abi_filter_bytecode;
struct lttng_notifier_group;
struct lttng_notifier;

/*
 * A channel's shape, and what lttng-sessiond sends for a data channel
 * when the user says nothing.  The limits are the ring buffer's, and
 * lttng_rb_check_shape() and its two parts, in <linux/lttng/ringbuffer.h>,
 * are the one place that applies them: to a channel request
 * (lttng_channel_params_check()), to lttng.autostart= and to the ring
 * buffer's own configuration.
 */
#define LTTNG_CHAN_DEFAULT_SUBBUF_SIZE		(256 * 1024)
#define LTTNG_CHAN_DEFAULT_NUM_SUBBUF		4
#define LTTNG_CHAN_DEFAULT_READ_TIMER_US	200000

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

/**
 * struct lttng_event_spec - what an EVENT command asks for
 * @name: event name; a star-glob for tracepoints and syscalls
 * @instrumentation: enum lttng_abi_instrumentation
 * @sc_entryexit: syscalls: enum lttng_abi_syscall_entryexit
 * @sc_abi: syscalls: enum lttng_abi_syscall_abi
 * @symbol: KPROBE, KRETPROBE: the symbol, or NULL or "" for @addr;
 *	FUNCTION: the symbol or glob
 * @addr: KPROBE, KRETPROBE: the address, with no @symbol
 * @offset: KPROBE, KRETPROBE: bytes past @symbol or @addr
 * @fd: UPROBE: the caller's file descriptor of the binary
 */
struct lttng_event_spec {
	const char *name;
	u32 instrumentation;
	u32 sc_entryexit;
	u32 sc_abi;
	const char *symbol;
	u64 addr;
	u64 offset;
	int fd;
};

/* session.c */
#ifdef CONFIG_LTTNG_TRACE_EVENTS
void lttng_trace_events_ready(void);
#else
static inline void lttng_trace_events_ready(void)
{
}
#endif

struct lttng_session *lttng_session_create(const char *name, bool boot);
void lttng_session_get(struct lttng_session *session);
void lttng_session_put(struct lttng_session *session);
struct lttng_session *lttng_session_find(const char *name);
int lttng_session_start(struct lttng_session *session);
int lttng_session_stop(struct lttng_session *session);
int lttng_session_statedump(struct lttng_session *session);
int lttng_session_metadata_regen(struct lttng_session *session);
int lttng_session_set_name(struct lttng_session *session, const char *name);
int lttng_session_set_creation_time(struct lttng_session *session,
				    const char *iso8601);
int lttng_session_track(struct lttng_session *session, u32 type, s32 id,
			bool track);

/* channel.c */
int lttng_channel_params_check(const struct lttng_chan_params *p);
struct lttng_channel *lttng_channel_create(struct lttng_session *session,
					   const struct lttng_chan_params *p,
					   bool metadata);
void lttng_channel_destroy_metadata(struct lttng_channel *chan);
struct lttng_channel *lttng_channel_get_nth(struct lttng_session *session,
					    unsigned int index);
struct lttng_session *lttng_channel_session(const struct lttng_channel *chan);
struct lttng_rb_chan *lttng_channel_rb(const struct lttng_channel *chan);
unsigned int lttng_channel_id(const struct lttng_channel *chan);
bool lttng_channel_is_metadata(const struct lttng_channel *chan);
bool lttng_channel_is_enabled(const struct lttng_channel *chan);
int lttng_channel_enable(struct lttng_channel *chan);
int lttng_channel_disable(struct lttng_channel *chan);
int lttng_channel_add_context(struct lttng_channel *chan, u32 type);
void lttng_channel_syscall_mask(struct lttng_channel *chan, u8 *bits);

/* enabler.c */
struct lttng_enabler *lttng_enabler_create(struct lttng_channel *chan,
					   const struct lttng_event_spec *spec);
int lttng_enabler_add_callsite(struct lttng_enabler *enabler, u64 offset);
struct lttng_channel *lttng_enabler_channel(const struct lttng_enabler *enabler);
int lttng_enabler_set_enabled(struct lttng_enabler *enabler, bool enabled);
int lttng_enabler_set_filter(struct lttng_enabler *enabler,
			     struct lttng_abi_filter_bytecode *bc);
unsigned int lttng_enabler_match_count(struct lttng_enabler *enabler);

/* metadata.c: the stream fd of a metadata channel */
struct lttng_metadata_stream *lttng_metadata_stream_open(struct lttng_channel *chan);
void lttng_metadata_stream_release(struct lttng_metadata_stream *ms);
struct lttng_rb_buf *lttng_metadata_stream_buf(struct lttng_metadata_stream *ms);
int lttng_metadata_stream_get_next(struct lttng_metadata_stream *ms);
int lttng_metadata_stream_flush(struct lttng_metadata_stream *ms);
int lttng_metadata_stream_cache_dump(struct lttng_metadata_stream *ms);
bool lttng_metadata_stream_pending(struct lttng_metadata_stream *ms);
u64 lttng_metadata_stream_version(struct lttng_metadata_stream *ms);
void lttng_metadata_stream_poll_wait(struct lttng_metadata_stream *ms,
				     struct file *file, poll_table *wait);

/* notifier.c: event notifiers, their group and its error counter */
struct lttng_notifier_group *lttng_notifier_group_create(void);
void lttng_notifier_group_get(struct lttng_notifier_group *group);
void lttng_notifier_group_put(struct lttng_notifier_group *group);
__poll_t lttng_notifier_group_poll(struct lttng_notifier_group *group,
				   struct file *file, poll_table *wait);
ssize_t lttng_notifier_group_read(struct lttng_notifier_group *group,
				  char __user *buf, size_t len, bool nonblock);
int lttng_notifier_errors_create(struct lttng_notifier_group *group, u64 len);
void lttng_notifier_errors_destroy(struct lttng_notifier_group *group);
s64 lttng_notifier_errors_value(struct lttng_notifier_group *group, u64 slot,
				bool clear);
struct lttng_notifier *lttng_notifier_create(struct lttng_notifier_group *group,
					     const struct lttng_event_spec *spec,
					     u64 token, u64 error_index);
int lttng_notifier_add_callsite(struct lttng_notifier *notifier, u64 offset);
int lttng_notifier_set_enabled(struct lttng_notifier *notifier, bool enabled);
void lttng_notifier_destroy(struct lttng_notifier *notifier);

/* probes.c, syscalls.c: TRACEPOINT_LIST and SYSCALL_LIST */
extern const struct seq_operations lttng_probe_list_seq_ops;
extern const struct seq_operations lttng_syscall_list_seq_ops;
unsigned int lttng_syscall_list_len(void);

#endif /* _LINUX_LTTNG_CONTROL_H */
