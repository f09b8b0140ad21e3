/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the object graph, at the bottom of the tracer core.
 *
 *	session ──> channel ──> enabler	  what EVENT commands asked for
 *			   └──> event	  what is recorded (events.h)
 *
 * Lifetimes.  A session is reference counted: its fds, the fds of its
 * channels and events, and the kernel for the boot session each hold a
 * reference.  The last put destroys it (session.c): tracing stops, every
 * probe is unhooked, and every ring buffer is finalized, so that its
 * readers drain what is left and then see hang-up.  Stream fds hold only
 * their ring buffer channel (and the metadata cache), never the session.
 *
 * Locking.  One mutex, lttng_graph_mutex, protects the list of sessions
 * and every field of every session, channel, enabler and event below,
 * except where a field's comment names another rule.  Every function of
 * the core that reads or writes the graph either takes it (the entry
 * points of session.c, channel.c and enabler.c, which the misc device and
 * autostart call) or asserts it with lttng_graph_assert_held() (the rest,
 * called from those).  Probes never take it: what they read is published
 * for them with WRITE_ONCE()/READ_ONCE() (lttng_event.armed, the trackers'
 * mask), RCU (the tracker sets, the syscall tables of a channel), or is
 * fixed before the first start (a channel's contexts and ring buffer).
 */
#ifndef _LTTNG_GRAPH_H
#define _LTTNG_GRAPH_H

#include <linux/hashtable.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/lttng/control.h>
#include <linux/lttng/events.h>
#include <linux/mutex.h>
#include <linux/uuid.h>
#include <uapi/linux/lttng.h>

struct lttng_metadata_cache;
struct lttng_id_set;
struct lttng_rb_chan;

extern struct mutex lttng_graph_mutex;
extern struct list_head lttng_graph_sessions;

static inline void lttng_graph_lock(void)
{
	mutex_lock(&lttng_graph_mutex);
}

static inline void lttng_graph_unlock(void)
{
	mutex_unlock(&lttng_graph_mutex);
}

static inline void lttng_graph_assert_held(void)
{
	lockdep_assert_held(&lttng_graph_mutex);
}

/* Tracker types, enum lttng_abi_tracker_type, are below this. */
#define LTTNG_TRACKER_MAX	(LTTNG_ABI_TRACKER_VGID + 1)

/* Context types, enum lttng_abi_context_type, are below this. */
#define LTTNG_CTX_MAX		(LTTNG_ABI_CONTEXT_TIME_NS + 1)

/**
 * struct lttng_session - a tracing session
 * @node: in lttng_graph_sessions
 * @ref: see the lifetimes above
 * @name: its name; empty for a session the tools have not named yet
 * @creation_time: ISO 8601, as the tools set it, for the metadata
 * @uuid: the trace UUID
 * @clock_offset: real time minus the trace clock, at creation or regen
 * @active: tracing
 * @been_active: has been started once: its layout is fixed
 * @boot: the session lttng.autostart= created
 * @header_dumped: the metadata holds the trace and clock declarations
 * @chans: data channels, in creation order
 * @metadata_chans: metadata channels
 * @nr_chans: data channels created, the next one's stream id
 * @cache: its metadata text
 * @tracking: bit n set when tracker n has a set; written under the mutex
 *	with WRITE_ONCE(), read by the probes with READ_ONCE() (tracker.c)
 * @trackers: the tracker sets, published with RCU (tracker.c)
 */
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
	unsigned long tracking;
	struct lttng_id_set __rcu *trackers[LTTNG_TRACKER_MAX];
};

/**
 * struct lttng_channel - a channel of a session
 * @node: in the session's list of data or metadata channels
 * @session: its session
 * @rb: its ring buffer; set at creation, never changed
 * @params: its shape
 * @id: CTF stream id
 * @enabled: the ENABLE state; written under the mutex with WRITE_ONCE(),
 *	read without it by the channel fd's poll
 * @metadata: a metadata channel
 * @metadata_dumped: its stream declaration is in the metadata
 * @enablers: what EVENT commands asked for
 * @events: what is recorded
 * @event_ht: the same, by description: finding whether an event exists
 *	is then not a walk of @events, which made creating N events O(N^2)
 * @next_event_id: the CTF id of the next event
 * @nr_ctx: number of contexts in @ctx; fixed before the first start
 * @ctx_size: bytes the contexts add to each record
 * @ctx: context types, in record order
 * @sc_events: syscall events by table slot, [0] entry, [1] exit: the
 *	arrays are allocated under the mutex before the probe that reads
 *	them is registered; their slots are published with RCU (syscalls.c)
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
	struct lttng_event __rcu **sc_events[2];
	unsigned int sc_hooked[2];
};

/**
 * struct lttng_enabler - what an EVENT command asked for: a name or glob
 * @node: in the channel's enabler list
 * @chan: the channel
 * @pattern: event name or star-glob
 * @instrumentation: enum lttng_abi_instrumentation
 * @sc_entryexit: syscalls: enum lttng_abi_syscall_entryexit
 * @sc_abi: syscalls: enum lttng_abi_syscall_abi
 * @enabled: the ENABLE state
 * @filter: the FILTER bytecode, kept but not run yet
 * @dynprobe: for a KPROBE, KRETPROBE, FUNCTION or UPROBE, the dynamic
 *	probe it made, whose events are the only ones it matches
 *	(kernel/lttng/dynamic.c); destroyed with the channel
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
	struct lttng_dynprobe *dynprobe;
};

#endif /* _LTTNG_GRAPH_H */
