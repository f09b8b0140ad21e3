// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: event notifiers, the kernel half of lttng-tools' triggers.
 *
 * A group (one per sessiond) holds the notifiers, a queue of notification
 * records that its notification fd reads, and an error counter.  A notifier
 * names tracepoint events by name or star-glob, as a recording enabler
 * does, and a token; when one of its events fires while it is enabled, the
 * token is queued, and sessiond runs the trigger's actions.
 *
 * Probes.  A notifier owns one struct lttng_event per event description
 * it matches, with no channel, never armed for recording, whose @notifier
 * points back to it.  The generated probe (define-probe.h) takes its
 * not-armed branch for such an event, and that branch calls
 * lttng_notifier_fire(): the recording path is unchanged.  The events are
 * hooked to their tracepoints while the notifier is enabled.
 *
 * Dynamic probes.  A kprobe or uprobe notifier owns its dynamic probe
 * (dynamic.c), made at creation so that a bad target is refused then, and
 * one event per description of it; the probe's handlers call
 * lttng_notifier_fire() for such events, which are published to them
 * while the notifier is enabled.  A uprobe notifier's call sites come
 * with ADD_CALLSITE.
 *
 * Syscalls.  A syscall notifier keeps a bitmap of the syscall table slots
 * it matches, per direction, and hooks probes of its own on sys_enter and
 * sys_exit, which test the running syscall's bit: the channels' syscall
 * probes (syscalls.c) are not involved.
 *
 * The queue.  A fixed ring of LTTNG_NOTIFIER_QUEUE_LEN tokens under a raw
 * spinlock, taken with interrupts off: the probes run in any context, and
 * a record is only its token (no captures yet), so the critical section is
 * a few stores, and a lock-free multi-producer ring would buy nothing but
 * subtlety.  In NMI the lock is only tried.  A record that does not fit is
 * dropped and counted in the error counter's slot of its notifier, which
 * is what sessiond reads as the trigger's discarded notifications.  Readers
 * are woken through an irq_work, since a probe may run where a wake-up
 * cannot (under the scheduler's locks).
 *
 * Locking.  lttng_graph_mutex protects a notifier's events and their hook
 * state, as it protects every event (graph.h).  A group's @lock protects
 * its error counter pointer, @read_lock serializes readers and protects
 * @read_off.  The probes take only @queue_lock; they read @enabled with
 * READ_ONCE() and the error counter under RCU.
 *
 * Lifetimes.  A group is reference counted: its fd, notification fds,
 * counter fd and notifiers each hold a reference.  A notifier is destroyed
 * when its fd is closed, after its probes are unhooked and the probes in
 * flight have finished.
 */

#include <linux/bitmap.h>
#include <linux/bits.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/irq_work.h>
#include <linux/kref.h>
#include <linux/lttng/control.h>
#include <linux/lttng/events.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <uapi/linux/lttng.h>
#include <asm/syscall.h>
#include <trace/events/syscalls.h>

#include "dynamic.h"
#include "graph.h"
#include "notifier.h"
#include "registry.h"
#include "syscalls.h"

/*
 * Records a group holds before it drops: fewer than the 2000 that
 * lttng-tools' discarded-count test fires while sessiond does not read.
 */
#define LTTNG_NOTIFIER_QUEUE_LEN	1024

/* Error counter slots, at most: sessiond asks for 4096. */
#define LTTNG_NOTIFIER_SLOTS_MAX	BIT(16)

#define LTTNG_NOTIFICATION_LEN	sizeof(struct lttng_abi_event_notifier_notification)

/**
 * struct lttng_notifier_errors - a group's error counter
 * @rcu: freed after the probes that may count into it
 * @len: number of @slots
 * @slots: discarded notifications, by the notifiers' error_counter_index
 */
struct lttng_notifier_errors {
	struct rcu_head rcu;
	u64 len;
	atomic64_t slots[] __counted_by(len);
};

/**
 * struct lttng_notifier_group - an event-notifier group
 * @ref: see the lifetimes above
 * @lock: protects @errors for its writers
 * @errors: the error counter, or NULL; read by the probes under RCU
 * @queue_lock: protects @head, @count and @queue
 * @head: the oldest record of @queue
 * @count: records in @queue; written under @queue_lock with WRITE_ONCE(),
 *	read without it by poll with READ_ONCE()
 * @queue: the tokens of the records, a ring
 * @read_lock: serializes readers; protects @read_off
 * @read_off: bytes of the oldest record already read
 * @wq: readers
 * @wake: wakes @wq from the probes
 */
struct lttng_notifier_group {
	struct kref ref;
	struct mutex lock;		/* @errors, for its writers */
	struct lttng_notifier_errors __rcu *errors;
	raw_spinlock_t queue_lock;
	unsigned int head;
	unsigned int count;
	u64 queue[LTTNG_NOTIFIER_QUEUE_LEN];
	struct mutex read_lock;		/* readers, @read_off */
	size_t read_off;
	wait_queue_head_t wq;
	struct irq_work wake;
};

/**
 * struct lttng_notifier - an event notifier
 * @group: its group (a reference)
 * @pattern: event name or star-glob
 * @token: the trigger's token, the record's first field
 * @error_index: the error counter slot of its discarded records
 * @node: in lttng_notifiers, under the mutex
 * @enabled: the ENABLE state; written under lttng_graph_mutex with
 *	WRITE_ONCE(), read by the probes with READ_ONCE()
 * @events: its events, one per description it matches; under the mutex
 * @syscall: a syscall notifier: it has @sc_slots and no @events
 * @sc_entryexit: for syscalls, enum lttng_abi_syscall_entryexit
 * @sc_slots: for syscalls, [0] entry, [1] exit: the table slots it
 *	matches; bits are set under the mutex, before the probe that tests
 *	them is hooked or while it is, and never cleared
 * @sc_hooked: for syscalls, its probe is on sys_enter [0], sys_exit [1]
 * @dynprobe: for a kprobe or uprobe notifier, its dynamic probe, whose
 *	events are its @events
 */
struct lttng_notifier {
	struct lttng_notifier_group *group;
	char pattern[LTTNG_ABI_SYM_NAME_LEN];
	u64 token;
	u64 error_index;
	struct list_head node;
	bool enabled;
	struct list_head events;
	bool syscall;
	u32 sc_entryexit;
	unsigned long *sc_slots[2];
	bool sc_hooked[2];
	struct lttng_dynprobe *dynprobe;
};

/* Every notifier, for the providers' arrivals and departures; under the graph mutex. */
static LIST_HEAD(lttng_notifiers);

static void lttng_notifier_wake(struct irq_work *work)
{
	struct lttng_notifier_group *group =
		container_of(work, struct lttng_notifier_group, wake);

	wake_up_interruptible_poll(&group->wq, EPOLLIN | EPOLLRDNORM);
}

/**
 * lttng_notifier_group_create() - a new event-notifier group
 *
 * Return: the group, with one reference, or NULL.
 */
struct lttng_notifier_group *lttng_notifier_group_create(void)
{
	struct lttng_notifier_group *group;

	group = kzalloc(sizeof(*group), GFP_KERNEL);
	if (!group)
		return NULL;
	kref_init(&group->ref);
	mutex_init(&group->lock);
	raw_spin_lock_init(&group->queue_lock);
	mutex_init(&group->read_lock);
	init_waitqueue_head(&group->wq);
	init_irq_work(&group->wake, lttng_notifier_wake);
	return group;
}

/**
 * lttng_notifier_group_get() - take a reference on a group
 * @group: the group
 */
void lttng_notifier_group_get(struct lttng_notifier_group *group)
{
	kref_get(&group->ref);
}

static void lttng_notifier_group_release(struct kref *ref)
{
	struct lttng_notifier_group *group =
		container_of(ref, struct lttng_notifier_group, ref);

	/* No notifier is left, so no probe queues a wake-up any more. */
	irq_work_sync(&group->wake);
	kfree(rcu_dereference_protected(group->errors, true));
	kfree(group);
}

/**
 * lttng_notifier_group_put() - drop a reference on a group
 * @group: the group; freed with the last reference
 */
void lttng_notifier_group_put(struct lttng_notifier_group *group)
{
	kref_put(&group->ref, lttng_notifier_group_release);
}

/* ---- the error counter ---------------------------------------------------- */

/**
 * lttng_notifier_errors_create() - give a group its error counter
 * @group: the group
 * @len: number of slots, 1 to LTTNG_NOTIFIER_SLOTS_MAX
 *
 * Return: 0, -EINVAL for a bad @len, -EBUSY if the group has a counter,
 * or -ENOMEM.
 */
int lttng_notifier_errors_create(struct lttng_notifier_group *group, u64 len)
{
	struct lttng_notifier_errors *errors;
	int ret = 0;

	if (!len || len > LTTNG_NOTIFIER_SLOTS_MAX) {
		pr_debug("lttng: notifier: error counter of %llu slots\n", len);
		return -EINVAL;
	}
	errors = kvzalloc(struct_size(errors, slots, len), GFP_KERNEL);
	if (!errors)
		return -ENOMEM;
	errors->len = len;
	mutex_lock(&group->lock);
	if (rcu_access_pointer(group->errors)) {
		ret = -EBUSY;
		kvfree(errors);
	} else {
		/* Pairs with the rcu_dereference() of the probes. */
		rcu_assign_pointer(group->errors, errors);
	}
	mutex_unlock(&group->lock);
	return ret;
}

/**
 * lttng_notifier_errors_destroy() - remove a group's error counter
 * @group: the group
 *
 * Freed once the probes that may count into it have finished.
 */
void lttng_notifier_errors_destroy(struct lttng_notifier_group *group)
{
	struct lttng_notifier_errors *errors;

	mutex_lock(&group->lock);
	errors = rcu_dereference_protected(group->errors,
					   lockdep_is_held(&group->lock));
	RCU_INIT_POINTER(group->errors, NULL);
	mutex_unlock(&group->lock);
	if (errors)
		kvfree_rcu(errors, rcu);
}

/**
 * lttng_notifier_errors_value() - read or clear one error counter slot
 * @group: the group, which has a counter
 * @slot: the slot, below the counter's length
 * @clear: set it to 0 (and return its old value)
 *
 * Return: the slot's value, or 0 if the group has no such slot.
 */
s64 lttng_notifier_errors_value(struct lttng_notifier_group *group, u64 slot,
				bool clear)
{
	struct lttng_notifier_errors *errors;
	s64 v = 0;

	mutex_lock(&group->lock);
	errors = rcu_dereference_protected(group->errors,
					   lockdep_is_held(&group->lock));
	if (errors && slot < errors->len)
		v = clear ? atomic64_xchg(&errors->slots[slot], 0) :
			    atomic64_read(&errors->slots[slot]);
	mutex_unlock(&group->lock);
	return v;
}

/* A record of @notifier was dropped: count it in its slot. */
static void lttng_notifier_count_error(const struct lttng_notifier *notifier)
{
	struct lttng_notifier_errors *errors;

	rcu_read_lock();
	/* Pairs with the rcu_assign_pointer() of lttng_notifier_errors_create(). */
	errors = rcu_dereference(notifier->group->errors);
	if (errors && notifier->error_index < errors->len)
		atomic64_inc(&errors->slots[notifier->error_index]);
	rcu_read_unlock();
}

/* ---- firing, from the probes ---------------------------------------------- */

/**
 * lttng_notifier_fire() - an event of a notifier fired
 * @notifier: the notifier, whose event's probe runs (any context)
 *
 * Queues the notifier's record, or counts it as discarded when the queue
 * is full, then wakes the readers through an irq_work.
 */
void lttng_notifier_fire(struct lttng_notifier *notifier)
{
	struct lttng_notifier_group *group = notifier->group;
	unsigned long flags;
	bool queued = false;

	/* Pairs with the WRITE_ONCE() of lttng_notifier_set_enabled(). */
	if (!READ_ONCE(notifier->enabled))
		return;
	if (in_nmi()) {
		if (!raw_spin_trylock_irqsave(&group->queue_lock, flags))
			goto drop;
	} else {
		raw_spin_lock_irqsave(&group->queue_lock, flags);
	}
	if (group->count < LTTNG_NOTIFIER_QUEUE_LEN) {
		group->queue[(group->head + group->count) %
			     LTTNG_NOTIFIER_QUEUE_LEN] = notifier->token;
		/* Pairs with the READ_ONCE() of lttng_notifier_group_poll(). */
		WRITE_ONCE(group->count, group->count + 1);
		queued = true;
	}
	raw_spin_unlock_irqrestore(&group->queue_lock, flags);
	if (queued) {
		irq_work_queue(&group->wake);
		return;
	}
drop:
	lttng_notifier_count_error(notifier);
}
EXPORT_SYMBOL_GPL(lttng_notifier_fire);

/* ---- the notification fd ---------------------------------------------------- */

/**
 * lttng_notifier_group_poll() - the notification fd's poll
 * @group: the group
 * @file: the notification fd
 * @wait: the poll table
 *
 * Return: EPOLLIN | EPOLLRDNORM while a record is queued, else 0.
 */
__poll_t lttng_notifier_group_poll(struct lttng_notifier_group *group,
				   struct file *file, poll_table *wait)
{
	poll_wait(file, &group->wq, wait);
	/* Pairs with the WRITE_ONCE()s of the queue's writer and reader. */
	return READ_ONCE(group->count) ? EPOLLIN | EPOLLRDNORM : 0;
}

/* The oldest record's token, if any. */
static bool lttng_notifier_peek(struct lttng_notifier_group *group, u64 *token)
{
	unsigned long flags;
	bool any;

	raw_spin_lock_irqsave(&group->queue_lock, flags);
	any = group->count;
	if (any)
		*token = group->queue[group->head];
	raw_spin_unlock_irqrestore(&group->queue_lock, flags);
	return any;
}

static void lttng_notifier_pop(struct lttng_notifier_group *group)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&group->queue_lock, flags);
	group->head = (group->head + 1) % LTTNG_NOTIFIER_QUEUE_LEN;
	/* Pairs with the READ_ONCE() of lttng_notifier_group_poll(). */
	WRITE_ONCE(group->count, group->count - 1);
	raw_spin_unlock_irqrestore(&group->queue_lock, flags);
}

/*
 * Copy records to @buf, whole ones once one is copied; a read shorter than
 * what is left of the oldest record takes part of it and the next read
 * goes on from there.  Called under @read_lock, with a record queued.
 */
static ssize_t lttng_notifier_copy(struct lttng_notifier_group *group,
				   char __user *buf, size_t len)
{
	struct lttng_abi_event_notifier_notification rec = {};
	size_t done = 0, n;

	lockdep_assert_held(&group->read_lock);
	while (done < len && lttng_notifier_peek(group, &rec.token)) {
		n = min(LTTNG_NOTIFICATION_LEN - group->read_off, len - done);
		if (done && n < LTTNG_NOTIFICATION_LEN - group->read_off)
			break;
		if (copy_to_user(buf + done, (char *)&rec + group->read_off, n))
			return done ? done : -EFAULT;
		done += n;
		group->read_off += n;
		if (group->read_off == LTTNG_NOTIFICATION_LEN) {
			group->read_off = 0;
			lttng_notifier_pop(group);
		}
	}
	return done;
}

/**
 * lttng_notifier_group_read() - read notification records
 * @group: the group
 * @buf: the reader's buffer
 * @len: its size
 * @nonblock: return -EAGAIN instead of waiting for a record
 *
 * Each record is a struct lttng_abi_event_notifier_notification with no
 * capture payload.
 *
 * Return: bytes read, -EAGAIN, -EINTR (-ERESTARTSYS) or -EFAULT.
 */
ssize_t lttng_notifier_group_read(struct lttng_notifier_group *group,
				  char __user *buf, size_t len, bool nonblock)
{
	ssize_t ret;

	if (!len)
		return 0;
	for (;;) {
		if (mutex_lock_interruptible(&group->read_lock))
			return -ERESTARTSYS;
		/* Pairs with the WRITE_ONCE()s of lttng_notifier_fire() and _pop(). */
		if (READ_ONCE(group->count))
			break;
		mutex_unlock(&group->read_lock);
		if (nonblock)
			return -EAGAIN;
		if (wait_event_interruptible(group->wq, READ_ONCE(group->count)))
			return -ERESTARTSYS;
	}
	ret = lttng_notifier_copy(group, buf, len);
	mutex_unlock(&group->read_lock);
	return ret;
}

/* ---- notifiers ------------------------------------------------------------ */

static void lttng_notifier_sc_enter(void *data, struct pt_regs *regs,
				    long id)
{
	struct lttng_notifier *notifier = data;

	/* Set before this probe was hooked: see struct lttng_notifier. */
	if (test_bit(lttng_syscall_slot(id), notifier->sc_slots[0]))
		lttng_notifier_fire(notifier);
}

static void lttng_notifier_sc_exit(void *data, struct pt_regs *regs,
				   long ret)
{
	struct lttng_notifier *notifier = data;
	long id = syscall_get_nr(current, regs);

	/* Set before this probe was hooked: see struct lttng_notifier. */
	if (test_bit(lttng_syscall_slot(id), notifier->sc_slots[1]))
		lttng_notifier_fire(notifier);
}

static void lttng_notifier_unhook(struct lttng_notifier *notifier)
{
	struct lttng_event *event;

	lttng_graph_assert_held();
	if (notifier->sc_hooked[0])
		WARN_ON_ONCE(unregister_trace_sys_enter(lttng_notifier_sc_enter,
							notifier));
	if (notifier->sc_hooked[1])
		WARN_ON_ONCE(unregister_trace_sys_exit(lttng_notifier_sc_exit,
						       notifier));
	notifier->sc_hooked[0] = false;
	notifier->sc_hooked[1] = false;
	list_for_each_entry(event, &notifier->events, node) {
		if (!event->registered)
			continue;
		if (notifier->dynprobe)
			lttng_dynprobe_unhook(event);
		else
			WARN_ON_ONCE(tracepoint_probe_unregister(event->desc->tp,
								 event->desc->probe,
								 event));
		event->registered = false;
	}
}

/*
 * Mark the syscall slots the notifier matches, including the unknown
 * events', and hook its probes on the directions that have one.
 */
static int lttng_notifier_sync_syscalls(struct lttng_notifier *notifier)
{
	const struct lttng_event_desc *desc = NULL;
	unsigned int dir;
	int ret;

	lttng_graph_assert_held();
	while ((desc = lttng_syscall_next_desc(desc))) {
		dir = desc->syscall_exit;
		if (notifier->sc_entryexit ==
		    (dir ? LTTNG_ABI_SYSCALL_ENTRY : LTTNG_ABI_SYSCALL_EXIT))
			continue;
		if (lttng_registry_glob_match(notifier->pattern,
					      lttng_syscall_name(desc)))
			set_bit(desc->syscall - 1, notifier->sc_slots[dir]);
	}
	for (dir = 0; dir < 2; dir++) {
		if (notifier->sc_hooked[dir] ||
		    bitmap_empty(notifier->sc_slots[dir], LTTNG_SC_NR_SLOTS))
			continue;
		ret = dir ? register_trace_sys_exit(lttng_notifier_sc_exit,
						    notifier) :
			    register_trace_sys_enter(lttng_notifier_sc_enter,
						     notifier);
		if (ret)
			return ret;
		notifier->sc_hooked[dir] = true;
	}
	return 0;
}

/* The notifier's event for @desc, made if it matches and has none yet. */
static int lttng_notifier_add_event(struct lttng_notifier *notifier,
				    const struct lttng_event_desc *desc)
{
	struct lttng_event *event;

	if (!notifier->dynprobe && !lttng_registry_match(notifier->pattern, desc))
		return 0;
	list_for_each_entry(event, &notifier->events, node)
		if (event->desc == desc)
			return 0;
	event = kzalloc(sizeof(*event), GFP_KERNEL);
	if (!event)
		return -ENOMEM;
	event->desc = desc;
	event->notifier = notifier;
	list_add_tail(&event->node, &notifier->events);
	return 0;
}

/*
 * Make an event for every tracepoint description the notifier matches,
 * including those of providers registered since the last call, and hook
 * them all.
 */
static int lttng_notifier_sync(struct lttng_notifier *notifier)
{
	struct lttng_registry_iter iter = LTTNG_REGISTRY_ITER;
	const struct lttng_event_desc *desc;
	struct lttng_event *event;
	int ret = 0;

	lttng_graph_assert_held();
	if (notifier->syscall)
		return lttng_notifier_sync_syscalls(notifier);
	if (!notifier->dynprobe) {
		lttng_registry_lock();
		while (!ret && (desc = lttng_registry_iter_next(&iter)))
			ret = lttng_notifier_add_event(notifier, desc);
		lttng_registry_unlock();
	}
	if (ret)
		return ret;
	list_for_each_entry(event, &notifier->events, node) {
		if (event->registered)
			continue;
		if (notifier->dynprobe) {
			lttng_dynprobe_hook(event);
			event->registered = true;
			continue;
		}
		ret = tracepoint_probe_register(event->desc->tp,
						event->desc->probe, event);
		if (ret) {
			pr_debug("lttng: notifier: cannot hook %s: %d\n",
				 event->desc->name, ret);
			return ret;
		}
		event->registered = true;
	}
	return 0;
}

/* A kprobe or uprobe notifier's probe and events; under the graph mutex. */
static int lttng_notifier_dynprobe(struct lttng_notifier *notifier,
				   const struct lttng_event_spec *spec)
{
	struct lttng_dynprobe *dp;
	unsigned int i;
	int ret = 0;

	dp = lttng_dynprobe_create(spec);
	if (IS_ERR(dp))
		return PTR_ERR(dp);
	lttng_dynprobe_set_notify(dp, lttng_notifier_fire);
	notifier->dynprobe = dp;
	for (i = 0; !ret && i < lttng_dynprobe_nr_descs(dp); i++)
		ret = lttng_notifier_add_event(notifier, lttng_dynprobe_desc(dp, i));
	return ret;
}

/* Free what lttng_notifier_create() made, no probe running. */
static void lttng_notifier_free(struct lttng_notifier *notifier)
{
	struct lttng_event *event, *tmp;

	if (notifier->dynprobe)
		lttng_dynprobe_destroy(notifier->dynprobe);
	list_for_each_entry_safe(event, tmp, &notifier->events, node) {
		list_del(&event->node);
		kfree(event);
	}
	bitmap_free(notifier->sc_slots[0]);
	bitmap_free(notifier->sc_slots[1]);
	kfree(notifier);
}

/**
 * lttng_notifier_create() - a new, disabled, event notifier
 * @group: its group
 * @spec: what it notifies of: tracepoints by name or star-glob, syscalls
 *	by bare name or glob (getpid, open*) with their entry/exit
 *	selector, or a kprobe or uprobe (dynamic.c), hooked now, disarmed
 * @token: the token of its records
 * @error_index: the error counter slot of its discarded records, below
 *	the length of the group's counter if it has one
 *
 * Return: the notifier, or ERR_PTR(-EINVAL, -ENOMEM, or the kernel's
 * answer about a dynamic probe's target).
 */
struct lttng_notifier *lttng_notifier_create(struct lttng_notifier_group *group,
					     const struct lttng_event_spec *spec,
					     u64 token, u64 error_index)
{
	bool syscall = spec->instrumentation == LTTNG_ABI_SYSCALL;
	struct lttng_notifier_errors *errors;
	struct lttng_notifier *notifier;
	int ret = 0;

	if (!*spec->name)
		return ERR_PTR(-EINVAL);
	mutex_lock(&group->lock);
	errors = rcu_dereference_protected(group->errors,
					   lockdep_is_held(&group->lock));
	if (errors && error_index >= errors->len) {
		pr_debug("lttng: notifier: error counter index %llu past %llu\n",
			 error_index, errors->len);
		ret = -EINVAL;
	}
	mutex_unlock(&group->lock);
	if (ret)
		return ERR_PTR(ret);
	if (syscall && spec->sc_entryexit > LTTNG_ABI_SYSCALL_EXIT)
		return ERR_PTR(-EINVAL);
	notifier = kzalloc(sizeof(*notifier), GFP_KERNEL);
	if (!notifier)
		return ERR_PTR(-ENOMEM);
	INIT_LIST_HEAD(&notifier->events);
	if (syscall) {
		notifier->sc_slots[0] = bitmap_zalloc(LTTNG_SC_NR_SLOTS,
						      GFP_KERNEL);
		notifier->sc_slots[1] = bitmap_zalloc(LTTNG_SC_NR_SLOTS,
						      GFP_KERNEL);
		if (!notifier->sc_slots[0] || !notifier->sc_slots[1]) {
			ret = -ENOMEM;
			goto err;
		}
	}
	notifier->syscall = syscall;
	notifier->sc_entryexit = spec->sc_entryexit;
	notifier->group = group;
	strscpy(notifier->pattern, spec->name, sizeof(notifier->pattern));
	notifier->token = token;
	notifier->error_index = error_index;
	lttng_graph_lock();
	if (spec->instrumentation == LTTNG_ABI_KPROBE ||
	    spec->instrumentation == LTTNG_ABI_UPROBE) {
		ret = lttng_notifier_dynprobe(notifier, spec);
		if (ret) {
			lttng_graph_unlock();
			goto err;
		}
	}
	list_add_tail(&notifier->node, &lttng_notifiers);
	lttng_graph_unlock();
	lttng_notifier_group_get(group);
	return notifier;

err:
	lttng_notifier_free(notifier);
	return ERR_PTR(ret);
}

/**
 * lttng_notifier_add_callsite() - ADD_CALLSITE on an event notifier
 * @notifier: a uprobe notifier
 * @offset: the call site's offset in its file
 *
 * Return: 0, -EINVAL for a notifier that is not a uprobe's, or the
 * probe's error (dynamic.c).
 */
int lttng_notifier_add_callsite(struct lttng_notifier *notifier, u64 offset)
{
	int ret = -EINVAL;

	lttng_graph_lock();
	if (notifier->dynprobe)
		ret = lttng_dynprobe_add_callsite(notifier->dynprobe, offset);
	else
		pr_debug("lttng: notifier: ADD_CALLSITE on '%s', which is not a uprobe\n",
			 notifier->pattern);
	lttng_graph_unlock();
	return ret;
}

/**
 * lttng_notifier_set_enabled() - ENABLE or DISABLE an event notifier
 * @notifier: the notifier
 * @enabled: the new state
 *
 * Enabling hooks the probes of the events it matches now; disabling
 * unhooks them.
 *
 * Return: 0, or the error of hooking a probe (the notifier stays
 * disabled).
 */
int lttng_notifier_set_enabled(struct lttng_notifier *notifier, bool enabled)
{
	int ret = 0;

	lttng_graph_lock();
	if (enabled)
		ret = lttng_notifier_sync(notifier);
	if (!enabled || ret) {
		lttng_notifier_unhook(notifier);
		enabled = false;
	}
	/* Read by the probes: see lttng_notifier_fire(). */
	WRITE_ONCE(notifier->enabled, enabled);
	lttng_graph_unlock();
	return ret;
}

/**
 * lttng_notifier_destroy() - close an event notifier
 * @notifier: the notifier; freed, with its events, once no probe runs
 */
void lttng_notifier_destroy(struct lttng_notifier *notifier)
{
	struct lttng_notifier_group *group;

	lttng_graph_lock();
	list_del(&notifier->node);
	WRITE_ONCE(notifier->enabled, false);
	lttng_notifier_unhook(notifier);
	lttng_graph_unlock();
	tracepoint_synchronize_unregister();
	group = notifier->group;
	lttng_notifier_free(notifier);
	lttng_notifier_group_put(group);
}

/**
 * lttng_notifier_sync_all() - hook the new events of the enabled notifiers
 *
 * A provider registered: every enabled tracepoint notifier that matches
 * its events hooks them.  A notifier that fails to stays as it is, with
 * the events it had.
 */
void lttng_notifier_sync_all(void)
{
	struct lttng_notifier *notifier;
	int ret;

	lttng_graph_assert_held();
	list_for_each_entry(notifier, &lttng_notifiers, node) {
		if (notifier->syscall || notifier->dynprobe ||
		    !notifier->enabled)
			continue;
		ret = lttng_notifier_sync(notifier);
		if (ret)
			pr_debug("lttng: notifier %s: new events: %d\n",
				 notifier->pattern, ret);
	}
}

/**
 * lttng_notifier_provider_gone() - a provider leaves: drop its events
 * @provider: the provider, out of the registry already
 * @dead: where the notifiers' events of @provider go, unhooked
 *
 * The caller frees the events of @dead (lttng_notifier_free_events())
 * once the probes in flight are done.
 */
void lttng_notifier_provider_gone(const struct lttng_probe_desc *provider,
				  struct list_head *dead)
{
	struct lttng_notifier *notifier;
	struct lttng_event *event, *tmp;

	lttng_graph_assert_held();
	list_for_each_entry(notifier, &lttng_notifiers, node) {
		list_for_each_entry_safe(event, tmp, &notifier->events, node) {
			if (event->desc->provider != provider)
				continue;
			if (event->registered)
				WARN_ON_ONCE(tracepoint_probe_unregister(event->desc->tp,
									 event->desc->probe,
									 event));
			list_move_tail(&event->node, dead);
		}
	}
}

/**
 * lttng_notifier_free_events() - free events that no probe runs with
 * @dead: the events, from lttng_notifier_provider_gone()
 */
void lttng_notifier_free_events(struct list_head *dead)
{
	struct lttng_event *event, *tmp;

	list_for_each_entry_safe(event, tmp, dead, node) {
		list_del(&event->node);
		kfree(event);
	}
}
