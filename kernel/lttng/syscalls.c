// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: system call events.
 *
 * Every syscall of the architecture's table has two events,
 * syscall_entry_NAME and syscall_exit_NAME, named and laid out as
 * LTTng-modules names and lays them out: the entry event records the
 * arguments, the exit event the return value and the output arguments.
 * ia32 syscalls, with CONFIG_IA32_EMULATION, have compat_syscall_entry_NAME
 * and compat_syscall_exit_NAME.  What the tables do not describe (a
 * reserved number, a number past the table, an x32 syscall) is recorded as
 * syscall_entry_unknown and syscall_exit_unknown, with the number and the
 * six argument registers.  The tables are generated at build time
 * (syscall-tables.c).
 *
 * Hooking.  A channel hooks one probe on sys_enter and one on sys_exit
 * while it has a syscall event enabled, and no probe at all otherwise.
 * The probe finds the event of a syscall in the channel's table, by slot
 * (syscalls.h): one load, NULL for a syscall the channel does not record.
 * A slot that the tables do not describe points to the unknown event when
 * that one is enabled.
 *
 * User memory.  Probes run with preemption disabled, so they never fault
 * a page in: they read user memory with copy_from_user_nofault() and
 * strncpy_from_user_nofault(), which return an error where a page is not
 * mapped (a bad pointer, or a good one to a page not yet touched).  What
 * is read goes to a per-CPU scratch area first, so that the record can be
 * reserved with its exact size:
 *
 *  - a string is recorded up to LTTNG_SC_STRING_MAX - 1 bytes; one that
 *    cannot be read is recorded as "(fault)", a NULL one as "(null)";
 *  - a buffer or an array is recorded as a sequence of at most
 *    LTTNG_SC_DATA_MAX bytes (at least one whole element), after the
 *    pointer's value; one that cannot be read is an empty sequence;
 *  - output memory is recorded by the exit event, and only when the
 *    syscall did not fail; a buffer that the syscall filled has the size
 *    it returned (read).
 *
 * A syscall tracepoint never nests in itself on a CPU, so one scratch
 * area per CPU is enough.
 *
 * select, poll and epoll have LTTng-modules' hand-written payloads
 * (syscall-payloads.c), which use the same scratch area their own way.
 */

#include <linux/compat.h>
#include <linux/lttng/control.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <linux/unaligned.h>
#include <asm/syscall.h>
#include <trace/events/syscalls.h>

#include <kunit/visibility.h>

#include "graph.h"
#include "syscall-payloads.h"
#include "syscalls.h"

#define LTTNG_SC_FAULT		"(fault)"
#define LTTNG_SC_NULL		"(null)"

/* The scratch area holds what any hand-written payload reads. */
static_assert(LTTNG_SC_PL_SCRATCH_MAX <= LTTNG_SC_SCRATCH_SIZE);

/* Allocated with the first hook, for good: see lttng_syscall_hook(). */
static char __percpu *lttng_sc_scratch;

static const struct lttng_sc_event *lttng_sc_event(const struct lttng_event_desc *desc)
{
	return container_of(desc, struct lttng_sc_event, desc);
}

/* The table slot of a syscall, unknown ones included. */
static __always_inline unsigned int lttng_sc_slot(long id)
{
	if (in_ia32_syscall())
		return (unsigned long)id < LTTNG_SC_NR_COMPAT ?
		       LTTNG_SC_NR_NATIVE + id : LTTNG_SC_SLOT_COMPAT_UNKNOWN;
	return (unsigned long)id < LTTNG_SC_NR_NATIVE ? id :
	       LTTNG_SC_SLOT_UNKNOWN;
}

/*
 * The bytes an LTTNG_SC_OP_DATA op reads: whole elements, at most
 * LTTNG_SC_DATA_MAX bytes but at least one element.
 */
VISIBLE_IF_KUNIT size_t lttng_sc_data_len(const struct lttng_sc_op *op,
					  const unsigned long *args, long ret,
					  bool exit)
{
	size_t limit = max_t(size_t, LTTNG_SC_DATA_MAX, op->elem) / op->elem;
	unsigned long count;

	/* Output memory is there only when the syscall did not fail. */
	if (exit && ret < 0)
		return 0;
	switch (op->len) {
	case LTTNG_SC_LEN_FIXED:
		count = op->count;
		break;
	case LTTNG_SC_LEN_ARG:
		count = args[op->count];
		break;
	default:
		count = max(ret, 0L);
		break;
	}
	return min_t(unsigned long, count, limit) * op->elem;
}

/* Copy a user string to @dst. Return: its length with the NUL. */
VISIBLE_IF_KUNIT long lttng_sc_fetch_string(char *dst, const void __user *src)
{
	const char *s = LTTNG_SC_NULL;
	long n;

	if (src) {
		n = strncpy_from_user_nofault(dst, src, LTTNG_SC_STRING_MAX);
		if (n > 0)
			return n;
		if (!n) {
			dst[0] = '\0';
			return 1;
		}
		s = LTTNG_SC_FAULT;
	}
	n = strlen(s) + 1;
	memcpy(dst, s, n);
	return n;
}

/*
 * Copy what the user memory fields of an event record into @scratch, one
 * after the other, and their lengths into @len.
 *
 * Return: the bytes they take in the record, besides the u16 length of a
 * sequence, counted with the fixed-size fields.
 */
static size_t lttng_sc_fetch(const struct lttng_sc_event *sc,
			     const unsigned long *args, long ret,
			     char *scratch, u16 *len)
{
	const struct lttng_sc_op *op;
	unsigned int i, u = 0;
	size_t total = 0;

	for (i = 0, op = sc->ops; i < sc->desc.nr_fields; i++, op++) {
		const void __user *uptr = (const void __user *)args[op->arg];
		size_t n;

		if (op->kind == LTTNG_SC_OP_STRING) {
			n = lttng_sc_fetch_string(scratch, uptr);
		} else if (op->kind == LTTNG_SC_OP_DATA) {
			/* Empty when there is nothing, or nothing readable. */
			n = lttng_sc_data_len(op, args, ret,
					      sc->desc.syscall_exit);
			if (n && (!uptr || copy_from_user_nofault(scratch, uptr, n)))
				n = 0;
		} else {
			continue;
		}
		len[u++] = n;
		scratch += n;
		total += n;
	}
	return total;
}

/* Write the fields of an event, after lttng_sc_fetch(). */
static void lttng_sc_write(struct lttng_event_ctx *ctx,
			   const struct lttng_sc_event *sc, long id,
			   const unsigned long *args, long ret,
			   const char *scratch, const u16 *len)
{
	const struct lttng_sc_op *op;
	unsigned int i, u = 0;

	for (i = 0, op = sc->ops; i < sc->desc.nr_fields; i++, op++) {
		switch (op->kind) {
		case LTTNG_SC_OP_INT:
			/* The low bytes of the register: little endian. */
			lttng_event_write(ctx, &args[op->arg], op->size);
			break;
		case LTTNG_SC_OP_RET:
			lttng_event_write(ctx, &ret, sizeof(ret));
			break;
		case LTTNG_SC_OP_ID: {
			int v = id;

			lttng_event_write(ctx, &v, sizeof(v));
			break;
		}
		case LTTNG_SC_OP_ARGS:
			lttng_event_write(ctx, args,
					  LTTNG_SC_MAX_ARGS * sizeof(*args));
			break;
		case LTTNG_SC_OP_STRING:
			lttng_event_write(ctx, scratch, len[u]);
			scratch += len[u++];
			break;
		case LTTNG_SC_OP_DATA:
			put_unaligned(len[u], (u16 *)ctx->p);
			ctx->p += sizeof(u16);
			lttng_event_write(ctx, scratch, len[u]);
			scratch += len[u++];
			break;
		}
	}
}

/*
 * An event with a hand-written payload: its one op names the payload,
 * which reads user memory into the scratch area, says the record's size,
 * and writes every field.  Out of line, so that the generic path stays as
 * it was for the other events.
 */
static noinline void lttng_sc_record_payload(struct lttng_event *event,
					     const struct lttng_sc_event *sc,
					     const unsigned long *args,
					     long ret, char *scratch)
{
	const struct lttng_sc_payload *pl = &lttng_sc_payloads[sc->ops[0].count];
	struct lttng_event_ctx ctx;

	if (lttng_event_reserve(event, &ctx, pl->fetch(args, ret, scratch)))
		return;
	pl->write(&ctx, args, ret, scratch);
	lttng_event_commit(event, &ctx);
}

static void lttng_sc_record(struct lttng_event *event, struct pt_regs *regs,
			    long id, long ret)
{
	const struct lttng_sc_event *sc = lttng_sc_event(event->desc);
	unsigned long args[LTTNG_SC_MAX_ARGS];
	u16 len[LTTNG_SC_MAX_ARGS];
	struct lttng_event_ctx ctx;
	char *scratch = NULL;
	size_t size = sc->size;

	/* The arming rule's flag: see struct lttng_event. */
	if (!READ_ONCE(event->armed))
		return;
	if (sc->args)
		syscall_get_arguments(current, regs, args);
	if (sc->user) {
		scratch = this_cpu_ptr(lttng_sc_scratch);
		/* A payload reads user memory: no test for the others. */
		if (sc->payload) {
			lttng_sc_record_payload(event, sc, args, ret, scratch);
			return;
		}
		size += lttng_sc_fetch(sc, args, ret, scratch, len);
	}
	if (lttng_event_reserve(event, &ctx, size))
		return;
	lttng_sc_write(&ctx, sc, id, args, ret, scratch, len);
	lttng_event_commit(event, &ctx);
}

static void lttng_sc_enter_probe(void *data, struct pt_regs *regs, long id)
{
	struct lttng_channel *chan = data;
	struct lttng_event *event;

	/* Pairs with the rcu_assign_pointer() of lttng_sc_set_slots(). */
	event = rcu_dereference_sched(chan->sc_events[0][lttng_sc_slot(id)]);
	if (event)
		lttng_sc_record(event, regs, id, 0);
}

static void lttng_sc_exit_probe(void *data, struct pt_regs *regs, long ret)
{
	struct lttng_channel *chan = data;
	struct lttng_event *event;
	long id = syscall_get_nr(current, regs);

	/* Pairs with the rcu_assign_pointer() of lttng_sc_set_slots(). */
	event = rcu_dereference_sched(chan->sc_events[1][lttng_sc_slot(id)]);
	if (event)
		lttng_sc_record(event, regs, id, ret);
}

/* Is @slot one that the tables describe? */
static bool lttng_sc_described(unsigned int slot)
{
	return lttng_sc_entry[slot].desc.name;
}

/*
 * Point @slot, and for an unknown event every slot of its table that the
 * tables do not describe, at @event (or NULL).  The probes read the slots
 * under RCU-sched (a tracepoint probe runs with preemption disabled):
 * rcu_assign_pointer() orders the event's initialization before its
 * publication, which matters on weakly ordered CPUs; an event unpublished
 * stays allocated until the channel is freed, after
 * tracepoint_synchronize_unregister().
 */
static void lttng_sc_set_slots(struct lttng_event __rcu **events,
			       unsigned int slot, struct lttng_event *event)
{
	unsigned int i, start, end;

	lttng_graph_assert_held();
	rcu_assign_pointer(events[slot], event);
	if (slot == LTTNG_SC_SLOT_UNKNOWN) {
		start = 0;
		end = LTTNG_SC_NR_NATIVE;
	} else if (slot == LTTNG_SC_SLOT_COMPAT_UNKNOWN) {
		start = LTTNG_SC_NR_NATIVE;
		end = LTTNG_SC_SLOT_UNKNOWN;
	} else {
		return;
	}
	for (i = start; i < end; i++)
		if (!lttng_sc_described(i))
			rcu_assign_pointer(events[i], event);
}

/**
 * lttng_syscall_slot() - the table slot of a syscall of the running task
 * @id: its number, as sys_enter gives it or syscall_get_nr() reads it
 *
 * For the syscall probes of event notifiers (notifier.c), which keep a
 * bitmap of slots.
 *
 * Return: the slot of its events, or the slot of the (compat) unknown
 * events when the tables do not describe it.
 */
unsigned int lttng_syscall_slot(long id)
{
	unsigned int slot = lttng_sc_slot(id);

	if (slot < LTTNG_SC_SLOT_UNKNOWN && !lttng_sc_described(slot))
		slot = slot < LTTNG_SC_NR_NATIVE ? LTTNG_SC_SLOT_UNKNOWN :
		       LTTNG_SC_SLOT_COMPAT_UNKNOWN;
	return slot;
}

/**
 * lttng_syscall_hook() - start recording a syscall event
 * @event: the event, of a syscall description
 *
 * Hooks the channel's probe on sys_enter or sys_exit with its first such
 * event.
 *
 * Return: 0, -ENOMEM, or the tracepoint's error.
 */
int lttng_syscall_hook(struct lttng_event *event)
{
	struct lttng_channel *chan = event->chan;
	bool exit = event->desc->syscall_exit;
	int ret;

	lttng_graph_assert_held();
	if (!lttng_sc_scratch) {
		/*
		 * Published to the probes by the tracepoint registration
		 * below, which orders it (tracepoint_probe_register() takes
		 * tracepoints_mutex and publishes the probe array with
		 * rcu_assign_pointer()); so is the chan->sc_events[] array.
		 */
		lttng_sc_scratch = __alloc_percpu(LTTNG_SC_SCRATCH_SIZE,
						  sizeof(long));
		if (!lttng_sc_scratch)
			return -ENOMEM;
	}
	if (!chan->sc_events[exit]) {
		chan->sc_events[exit] = kcalloc(LTTNG_SC_NR_SLOTS,
						sizeof(*chan->sc_events[exit]),
						GFP_KERNEL);
		if (!chan->sc_events[exit])
			return -ENOMEM;
	}
	if (!chan->sc_hooked[exit]) {
		ret = exit ? register_trace_sys_exit(lttng_sc_exit_probe, chan) :
			     register_trace_sys_enter(lttng_sc_enter_probe, chan);
		if (ret)
			return ret;
	}
	chan->sc_hooked[exit]++;
	lttng_sc_set_slots(chan->sc_events[exit], event->desc->syscall - 1,
			   event);
	return 0;
}

/**
 * lttng_syscall_unhook() - stop recording a syscall event
 * @event: the event; it lives until the channel is freed, after a
 *	tracepoint_synchronize_unregister(), so a probe still running may
 *	use it
 */
void lttng_syscall_unhook(struct lttng_event *event)
{
	struct lttng_channel *chan = event->chan;
	bool exit = event->desc->syscall_exit;

	lttng_graph_assert_held();
	lttng_sc_set_slots(chan->sc_events[exit], event->desc->syscall - 1,
			   NULL);
	if (--chan->sc_hooked[exit])
		return;
	if (exit)
		WARN_ON_ONCE(unregister_trace_sys_exit(lttng_sc_exit_probe, chan));
	else
		WARN_ON_ONCE(unregister_trace_sys_enter(lttng_sc_enter_probe, chan));
}

/*
 * The next described slot from @slot on, unknown ones last, or
 * LTTNG_SC_NR_SLOTS.
 */
static unsigned int lttng_sc_next_slot(unsigned int slot)
{
	while (slot < LTTNG_SC_NR_SLOTS && !lttng_sc_described(slot))
		slot++;
	return slot;
}

/**
 * lttng_syscall_next_desc() - iterate over the syscall events
 * @prev: NULL to start, else the previous one
 *
 * In slot order, each entry event followed by its exit event, so that
 * the first syscalls of the table, the most used, get the lowest event
 * ids, which have the compact event header, for both their events.
 *
 * Return: the next event description, or NULL at the end.
 */
const struct lttng_event_desc *lttng_syscall_next_desc(const struct lttng_event_desc *prev)
{
	unsigned int slot;

	if (prev && !prev->syscall_exit)
		return &lttng_sc_exit[prev->syscall - 1].desc;
	slot = lttng_sc_next_slot(prev ? prev->syscall : 0);
	return slot < LTTNG_SC_NR_SLOTS ? &lttng_sc_entry[slot].desc : NULL;
}

/**
 * lttng_syscall_name() - the bare syscall name of a syscall event
 * @desc: a syscall event description
 *
 * Return: openat for syscall_entry_openat and compat_syscall_exit_openat.
 */
const char *lttng_syscall_name(const struct lttng_event_desc *desc)
{
	return lttng_sc_event(desc)->name;
}

/**
 * lttng_syscall_compat() - is a syscall event an ia32 one?
 * @desc: a syscall event description
 *
 * Return: true for compat_syscall_entry_openat and the compat unknown
 * events, false for the native ones.
 */
bool lttng_syscall_compat(const struct lttng_event_desc *desc)
{
	unsigned int slot = desc->syscall - 1;

	return slot == LTTNG_SC_SLOT_COMPAT_UNKNOWN ||
	       (slot >= LTTNG_SC_NR_NATIVE && slot < LTTNG_SC_SLOT_UNKNOWN);
}

/**
 * lttng_syscall_list_len() - how many syscalls SYSCALL_LIST lists
 *
 * Return: the number of its indexes, the bits of a SYSCALL_MASK.
 */
unsigned int lttng_syscall_list_len(void)
{
	return LTTNG_SC_SLOT_UNKNOWN;
}

/**
 * lttng_syscall_mask() - which syscalls a channel records
 * @chan: the data channel
 * @bits: lttng_syscall_list_len() bits, zeroed
 *
 * Sets bit n, the most significant bit of each byte first, when the
 * syscall of SYSCALL_LIST index n has its entry or exit event hooked.
 *
 * Context: under lttng_graph_mutex.
 */
void lttng_syscall_mask(struct lttng_channel *chan, u8 *bits)
{
	const unsigned int nbits = lttng_syscall_list_len();
	struct lttng_event *event;
	unsigned int i, dir;

	lttng_graph_assert_held();
	for (dir = 0; dir < 2; dir++) {
		struct lttng_event __rcu **events = chan->sc_events[dir];

		for (i = 0; events && i < nbits; i++) {
			event = rcu_dereference_protected(events[i],
							  lockdep_is_held(&lttng_graph_mutex));
			if (event && event->desc->syscall == i + 1)
				bits[i / BITS_PER_BYTE] |= 0x80 >> (i % BITS_PER_BYTE);
		}
	}
}

static void *lttng_sc_list_start(struct seq_file *m, loff_t *pos)
{
	unsigned int slot;

	if (*pos >= LTTNG_SC_SLOT_UNKNOWN)
		return NULL;
	slot = lttng_sc_next_slot(*pos);
	if (slot >= LTTNG_SC_SLOT_UNKNOWN)
		return NULL;
	*pos = slot;
	return (void *)&lttng_sc_entry[slot];
}

static void *lttng_sc_list_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return lttng_sc_list_start(m, pos);
}

static void lttng_sc_list_stop(struct seq_file *m, void *v)
{
}

static int lttng_sc_list_show(struct seq_file *m, void *v)
{
	const struct lttng_sc_event *sc = v;
	unsigned int slot = sc->desc.syscall - 1;

	seq_printf(m, "syscall { index = %u; name = %s; bitness = %u; };\n",
		   slot, sc->name, slot < LTTNG_SC_NR_NATIVE ? BITS_PER_LONG : 32);
	return 0;
}

/* The SYSCALL_LIST file, in the format lttng-sessiond scans. */
const struct seq_operations lttng_syscall_list_seq_ops = {
	.start = lttng_sc_list_start,
	.next = lttng_sc_list_next,
	.stop = lttng_sc_list_stop,
	.show = lttng_sc_list_show,
};
