/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: what a dynamic probe is, for the files that hook one
 * kind each (kprobe.c, function.c, uprobe.c) and for dynamic.c, which
 * makes them from EVENT commands.
 *
 * A dynamic probe is made by one EVENT command of type KPROBE, KRETPROBE,
 * FUNCTION or UPROBE.  It owns the descriptions of its events (one, or
 * NAME_entry and NAME_exit for a function's entry and exit), named by the
 * user, and the kernel hook that fires them: a kprobe, a kretprobe, an
 * function-graph user, an ftrace_ops or uprobes.  The hook is registered when the
 * command arrives, so that a bad symbol, offset or file is refused by
 * that command with the kernel's own errno, and unregistered when the
 * probe is destroyed with its channel.
 *
 * The events a channel makes of those descriptions are published to the
 * handlers in @events by the enabler code (lttng_dynprobe_hook()): a
 * handler that runs before that, or after the unhook, sees NULL and
 * records nothing.  Handlers run with preemption disabled (uprobes'
 * handlers disable it themselves), so that the synchronize_rcu() of the
 * unregistration and of the session's teardown waits for them.
 */
#ifndef _LTTNG_DYNAMIC_PROBE_H
#define _LTTNG_DYNAMIC_PROBE_H

#include <linux/lttng/events.h>
#include <linux/types.h>

/* Entry (or the one event) and exit. */
#define LTTNG_DYNPROBE_ENTRY	0
#define LTTNG_DYNPROBE_EXIT	1

/**
 * struct lttng_dynprobe - a dynamic probe and the descriptions of its events
 * @type: enum lttng_abi_instrumentation: KPROBE, KRETPROBE, FUNCTION or
 *	UPROBE
 * @symbol: kprobes, functions: the symbol (a glob for FUNCTION), or NULL
 *	for an address
 * @addr: kprobes: the address, when there is no @symbol
 * @offset: kprobes: bytes from @symbol or @addr
 * @via: what hooks it, for the messages and the tests: "kprobe",
 *	"kretprobe", "fgraph", "ftrace", "uprobe"
 * @nr_descs: 1, or 2 for entry and exit
 * @descs: the descriptions of its events; @descs[i].dynprobe points back
 * @events: the events of @descs, published for the handlers
 *	(WRITE_ONCE() under the graph mutex, READ_ONCE() in the handlers)
 * @notify: for an event notifier's probe, what its events call
 *	instead of recording (set before it is hooked, never changed)
 * @priv: the hook's own state, owned by the file of its kind
 */
struct lttng_dynprobe {
	u32 type;
	const char *symbol;
	unsigned long addr;
	u64 offset;
	const char *via;
	unsigned int nr_descs;
	struct lttng_event_desc descs[2];
	struct lttng_event *events[2];
	void (*notify)(struct lttng_notifier *notifier);
	void *priv;
};

/**
 * lttng_dynprobe_record() - record one event of a dynamic probe
 * @dp: the probe
 * @which: LTTNG_DYNPROBE_ENTRY or LTTNG_DYNPROBE_EXIT
 * @ip: the probed address
 * @parent_ip: the return address, for the events that have it
 *
 * Called by the handlers, with preemption disabled.  The event's payload
 * is its ip, then its parent_ip if its description has two fields.  An
 * event notifier's event is never armed: it notifies instead.
 */
static __always_inline void lttng_dynprobe_record(struct lttng_dynprobe *dp,
						  unsigned int which,
						  unsigned long ip,
						  unsigned long parent_ip)
{
	struct lttng_event *event = READ_ONCE(dp->events[which]);
	u64 payload[2] = { ip, parent_ip };
	size_t len = dp->descs[which].nr_fields * sizeof(u64);
	struct lttng_event_ctx ctx;

	/* Pairs with the WRITE_ONCE()s of lttng_dynprobe_hook()/_unhook(). */
	if (!event)
		return;
	if (!READ_ONCE(event->armed)) {
		if (unlikely(event->notifier))
			dp->notify(event->notifier);
		return;
	}
	if (lttng_event_reserve(event, &ctx, len))
		return;
	lttng_event_write(&ctx, payload, len);
	lttng_event_commit(event, &ctx);
}

/*
 * The hooks of each kind.  _create() registers @dp's hook from @dp's
 * symbol, address and offset (uprobes: from the file @fd, with no call
 * site yet), sets @dp->via and @dp->priv, and returns 0 or the kernel's
 * errno; _destroy() unregisters it and waits for its handlers.  A kind
 * the kernel lacks answers -ENOSYS.
 */
#ifdef CONFIG_KPROBES
int lttng_kprobe_create(struct lttng_dynprobe *dp);
void lttng_kprobe_destroy(struct lttng_dynprobe *dp);
#else
static inline int lttng_kprobe_create(struct lttng_dynprobe *dp)
{
	return -ENOSYS;
}

static inline void lttng_kprobe_destroy(struct lttng_dynprobe *dp)
{
}
#endif

#ifdef CONFIG_KRETPROBES
int lttng_kretprobe_create(struct lttng_dynprobe *dp);
void lttng_kretprobe_destroy(struct lttng_dynprobe *dp);
#else
static inline int lttng_kretprobe_create(struct lttng_dynprobe *dp)
{
	return -ENOSYS;
}

static inline void lttng_kretprobe_destroy(struct lttng_dynprobe *dp)
{
}
#endif

#ifdef CONFIG_DYNAMIC_FTRACE
int lttng_function_create(struct lttng_dynprobe *dp);
void lttng_function_destroy(struct lttng_dynprobe *dp);
#else
static inline int lttng_function_create(struct lttng_dynprobe *dp)
{
	return -ENOSYS;
}

static inline void lttng_function_destroy(struct lttng_dynprobe *dp)
{
}
#endif

#if defined(CONFIG_DYNAMIC_FTRACE) && defined(CONFIG_FUNCTION_GRAPH_TRACER)
int lttng_fgraph_create(struct lttng_dynprobe *dp);
void lttng_fgraph_destroy(struct lttng_dynprobe *dp);
#else
static inline int lttng_fgraph_create(struct lttng_dynprobe *dp)
{
	return -ENOSYS;
}

static inline void lttng_fgraph_destroy(struct lttng_dynprobe *dp)
{
}
#endif

#ifdef CONFIG_UPROBES
int lttng_uprobe_create(struct lttng_dynprobe *dp, int fd);
int lttng_uprobe_add_callsite(struct lttng_dynprobe *dp, u64 offset);
void lttng_uprobe_destroy(struct lttng_dynprobe *dp);
#else
static inline int lttng_uprobe_create(struct lttng_dynprobe *dp, int fd)
{
	return -ENOSYS;
}

static inline int lttng_uprobe_add_callsite(struct lttng_dynprobe *dp,
					    u64 offset)
{
	return -ENOSYS;
}

static inline void lttng_uprobe_destroy(struct lttng_dynprobe *dp)
{
}
#endif

#endif /* _LTTNG_DYNAMIC_PROBE_H */
