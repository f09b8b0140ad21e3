// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: system call events.
 *
 * Every native syscall of the architecture has two events,
 * syscall_entry_NAME and syscall_exit_NAME, named as LTTng-modules names
 * them.  The list comes from the architecture's syscall table at build
 * time (gen-syscall-names.awk).  Entry events carry no field yet; exit
 * events carry the return value.
 *
 * A channel hooks one probe on each of the sys_enter and sys_exit
 * tracepoints while it has a syscall event enabled, and dispatches by
 * syscall number through its own table of events.  A SYSCALL enabler
 * matches the bare syscall name (openat, open*, *).
 *
 * Compat and x32 syscalls are not recorded yet.
 */

#include <linux/compat.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include <trace/events/syscalls.h>

#include "internal.h"

#define LTTNG_SC_ENTRY_PREFIX	"syscall_entry_"
#define LTTNG_SC_EXIT_PREFIX	"syscall_exit_"

static const struct lttng_event_field lttng_sc_exit_fields[] = {
	{ .name = "ret", .type = LTTNG_FIELD_INTEGER, .size = sizeof(long),
	  .is_signed = 1 },
};

#define LTTNG_SYSCALL(_nr, _name)					\
	{ .name = LTTNG_SC_ENTRY_PREFIX #_name, .syscall = (_nr) + 1 },
static const struct lttng_event_desc lttng_sc_entry_descs[] = {
#include "syscall-names.h"
};

#undef LTTNG_SYSCALL

#define LTTNG_SYSCALL(_nr, _name)					\
	{ .name = LTTNG_SC_EXIT_PREFIX #_name, .syscall = (_nr) + 1,	\
	  .syscall_exit = true, .fields = lttng_sc_exit_fields,		\
	  .nr_fields = ARRAY_SIZE(lttng_sc_exit_fields) },
static const struct lttng_event_desc lttng_sc_exit_descs[] = {
#include "syscall-names.h"
};

#undef LTTNG_SYSCALL

#define LTTNG_NR_SC	ARRAY_SIZE(lttng_sc_entry_descs)

/**
 * lttng_syscall_next_desc() - iterate over the syscall events
 * @prev: NULL to start, else the previous one
 *
 * Entry events first, then exit events, each in table order.
 *
 * Return: the next event description, or NULL at the end.
 */
const struct lttng_event_desc *lttng_syscall_next_desc(const struct lttng_event_desc *prev)
{
	if (!prev)
		return &lttng_sc_entry_descs[0];
	if (prev == &lttng_sc_entry_descs[LTTNG_NR_SC - 1])
		return &lttng_sc_exit_descs[0];
	if (prev == &lttng_sc_exit_descs[LTTNG_NR_SC - 1])
		return NULL;
	return prev + 1;
}

/**
 * lttng_syscall_name() - the bare syscall name of a syscall event
 * @desc: a syscall event description
 *
 * Return: openat for syscall_entry_openat.
 */
const char *lttng_syscall_name(const struct lttng_event_desc *desc)
{
	return desc->name + (desc->syscall_exit ?
			     strlen(LTTNG_SC_EXIT_PREFIX) :
			     strlen(LTTNG_SC_ENTRY_PREFIX));
}

static void lttng_sc_record(struct lttng_event *event, long *ret)
{
	struct lttng_event_ctx ctx;

	if (!READ_ONCE(event->armed))
		return;
	if (lttng_event_reserve(event, &ctx, ret ? sizeof(*ret) : 0))
		return;
	if (ret)
		lttng_event_write(&ctx, ret, sizeof(*ret));
	lttng_event_commit(event, &ctx);
}

static void lttng_sc_enter_probe(void *data, struct pt_regs *regs, long id)
{
	struct lttng_channel *chan = data;
	struct lttng_event *event;

	if (in_compat_syscall() || id < 0 || id >= NR_syscalls)
		return;
	event = READ_ONCE(chan->sc_events[0][id]);
	if (event)
		lttng_sc_record(event, NULL);
}

static void lttng_sc_exit_probe(void *data, struct pt_regs *regs, long ret)
{
	struct lttng_channel *chan = data;
	struct lttng_event *event;
	long id = syscall_get_nr(current, regs);

	if (in_compat_syscall() || id < 0 || id >= NR_syscalls)
		return;
	event = READ_ONCE(chan->sc_events[1][id]);
	if (event)
		lttng_sc_record(event, &ret);
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

	lockdep_assert_held(&lttng_sessions_mutex);
	if (!chan->sc_events[exit]) {
		chan->sc_events[exit] = kcalloc(NR_syscalls,
						sizeof(struct lttng_event *),
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
	WRITE_ONCE(chan->sc_events[exit][event->desc->syscall - 1], event);
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

	lockdep_assert_held(&lttng_sessions_mutex);
	WRITE_ONCE(chan->sc_events[exit][event->desc->syscall - 1], NULL);
	if (--chan->sc_hooked[exit])
		return;
	if (exit)
		WARN_ON_ONCE(unregister_trace_sys_exit(lttng_sc_exit_probe, chan));
	else
		WARN_ON_ONCE(unregister_trace_sys_enter(lttng_sc_enter_probe, chan));
}

/**
 * lttng_syscall_mask() - SYSCALL_MASK: which syscalls a channel records
 * @chan: the data channel
 * @umask: user's struct lttng_abi_syscall_mask
 *
 * Bit n is set when syscall n has its entry or exit event hooked.  When
 * @umask->len is below the number of syscalls, only the needed length is
 * written back, so that the caller can size its buffer.
 *
 * Return: 0, -EFAULT or -ENOMEM.
 */
int lttng_syscall_mask(struct lttng_channel *chan,
		       struct lttng_abi_syscall_mask __user *umask)
{
	u32 len, nbytes = DIV_ROUND_UP(NR_syscalls, BITS_PER_BYTE);
	unsigned int i;
	u8 *bits;
	int ret = 0;

	if (get_user(len, &umask->len))
		return -EFAULT;
	if (len < NR_syscalls)
		return put_user((u32)NR_syscalls, &umask->len);
	bits = kzalloc(nbytes, GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	mutex_lock(&lttng_sessions_mutex);
	for (i = 0; i < NR_syscalls; i++)
		if ((chan->sc_events[0] && chan->sc_events[0][i]) ||
		    (chan->sc_events[1] && chan->sc_events[1][i]))
			bits[i / BITS_PER_BYTE] |= 0x80 >> (i % BITS_PER_BYTE);
	mutex_unlock(&lttng_sessions_mutex);
	if (put_user((u32)NR_syscalls, &umask->len) ||
	    copy_to_user(umask->mask, bits, nbytes))
		ret = -EFAULT;
	kfree(bits);
	return ret;
}

static void *lttng_sc_list_start(struct seq_file *m, loff_t *pos)
{
	return *pos < LTTNG_NR_SC ? (void *)&lttng_sc_entry_descs[*pos] : NULL;
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
	const struct lttng_event_desc *desc = v;

	seq_printf(m, "syscall { index = %u; name = %s; bitness = %u; };\n",
		   desc->syscall - 1, lttng_syscall_name(desc),
		   BITS_PER_LONG);
	return 0;
}

/* The SYSCALL_LIST file, in the format lttng-sessiond scans. */
const struct seq_operations lttng_syscall_list_seq_ops = {
	.start = lttng_sc_list_start,
	.next = lttng_sc_list_next,
	.stop = lttng_sc_list_stop,
	.show = lttng_sc_list_show,
};
