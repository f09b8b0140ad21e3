// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: event contexts.
 *
 * A context is a field that a channel adds to each of its records, between
 * the event header and the payload: who was running (pid, tid, procname),
 * in which namespaces, with which credentials, in which execution state.
 * The channel's contexts are fixed before its session first starts, so
 * the record path reads them without a lock, and the CTF stream
 * declaration gives them as the stream's event.context.
 *
 * Every context has a fixed size.  Values are read from current, as the
 * probe sees it: in an interrupt, that is the interrupted task.
 */

#include <linux/cred.h>
#include <linux/ipc_namespace.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/time_namespace.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <linux/utsname.h>
#include <net/net_namespace.h>
#ifdef CONFIG_CGROUPS
#include <linux/cgroup.h>
#endif

#include "context.h"
#include "graph.h"

#define CTX_INT(_name, _size, _signed)					\
	{ .name = _name, .type = LTTNG_FIELD_INTEGER, .size = _size,	\
	  .is_signed = _signed }
#define CTX_TEXT(_name, _len)						\
	{ .name = _name, .type = LTTNG_FIELD_ARRAY_TEXT, .size = 1,	\
	  .len = _len }

#define LTTNG_CTX_HOSTNAME_LEN	(__NEW_UTS_LEN + 1)

/* Indexed by enum lttng_abi_context_type; no name: not available. */
static const struct lttng_event_field lttng_ctx_fields[LTTNG_CTX_MAX] = {
	[LTTNG_ABI_CONTEXT_PID]			= CTX_INT("pid", 4, 1),
	[LTTNG_ABI_CONTEXT_PROCNAME]		= CTX_TEXT("procname", TASK_COMM_LEN),
	[LTTNG_ABI_CONTEXT_PRIO]		= CTX_INT("prio", 4, 1),
	[LTTNG_ABI_CONTEXT_NICE]		= CTX_INT("nice", 4, 1),
	[LTTNG_ABI_CONTEXT_VPID]		= CTX_INT("vpid", 4, 1),
	[LTTNG_ABI_CONTEXT_TID]			= CTX_INT("tid", 4, 1),
	[LTTNG_ABI_CONTEXT_VTID]		= CTX_INT("vtid", 4, 1),
	[LTTNG_ABI_CONTEXT_PPID]		= CTX_INT("ppid", 4, 1),
	[LTTNG_ABI_CONTEXT_VPPID]		= CTX_INT("vppid", 4, 1),
	[LTTNG_ABI_CONTEXT_HOSTNAME]		= CTX_TEXT("hostname", LTTNG_CTX_HOSTNAME_LEN),
	[LTTNG_ABI_CONTEXT_CPU_ID]		= CTX_INT("cpu_id", 4, 1),
	[LTTNG_ABI_CONTEXT_INTERRUPTIBLE]	= CTX_INT("interruptible", 1, 1),
	[LTTNG_ABI_CONTEXT_PREEMPTIBLE]		= CTX_INT("preemptible", 1, 1),
	[LTTNG_ABI_CONTEXT_NEED_RESCHEDULE]	= CTX_INT("need_reschedule", 1, 1),
	[LTTNG_ABI_CONTEXT_MIGRATABLE]		= CTX_INT("migratable", 1, 1),
#ifdef CONFIG_CGROUPS
	[LTTNG_ABI_CONTEXT_CGROUP_NS]		= CTX_INT("cgroup_ns", 4, 0),
#endif
	/* The namespaces init_nsproxy points to only with their options. */
#if IS_ENABLED(CONFIG_SYSVIPC) || IS_ENABLED(CONFIG_POSIX_MQUEUE)
	[LTTNG_ABI_CONTEXT_IPC_NS]		= CTX_INT("ipc_ns", 4, 0),
#endif
#ifdef CONFIG_NET
	[LTTNG_ABI_CONTEXT_NET_NS]		= CTX_INT("net_ns", 4, 0),
#endif
	[LTTNG_ABI_CONTEXT_PID_NS]		= CTX_INT("pid_ns", 4, 0),
	[LTTNG_ABI_CONTEXT_USER_NS]		= CTX_INT("user_ns", 4, 0),
	[LTTNG_ABI_CONTEXT_UTS_NS]		= CTX_INT("uts_ns", 4, 0),
	[LTTNG_ABI_CONTEXT_UID]			= CTX_INT("uid", 4, 0),
	[LTTNG_ABI_CONTEXT_EUID]		= CTX_INT("euid", 4, 0),
	[LTTNG_ABI_CONTEXT_SUID]		= CTX_INT("suid", 4, 0),
	[LTTNG_ABI_CONTEXT_GID]			= CTX_INT("gid", 4, 0),
	[LTTNG_ABI_CONTEXT_EGID]		= CTX_INT("egid", 4, 0),
	[LTTNG_ABI_CONTEXT_SGID]		= CTX_INT("sgid", 4, 0),
	[LTTNG_ABI_CONTEXT_VUID]		= CTX_INT("vuid", 4, 0),
	[LTTNG_ABI_CONTEXT_VEUID]		= CTX_INT("veuid", 4, 0),
	[LTTNG_ABI_CONTEXT_VSUID]		= CTX_INT("vsuid", 4, 0),
	[LTTNG_ABI_CONTEXT_VGID]		= CTX_INT("vgid", 4, 0),
	[LTTNG_ABI_CONTEXT_VEGID]		= CTX_INT("vegid", 4, 0),
	[LTTNG_ABI_CONTEXT_VSGID]		= CTX_INT("vsgid", 4, 0),
#ifdef CONFIG_TIME_NS
	[LTTNG_ABI_CONTEXT_TIME_NS]		= CTX_INT("time_ns", 4, 0),
#endif
};

/**
 * lttng_ctx_field() - the CTF field of a context type
 * @type: enum lttng_abi_context_type
 *
 * Return: the field, or NULL if this kernel cannot record @type.
 */
const struct lttng_event_field *lttng_ctx_field(unsigned int type)
{
	if (type >= LTTNG_CTX_MAX || !lttng_ctx_fields[type].name)
		return NULL;
	return &lttng_ctx_fields[type];
}

/**
 * lttng_ctx_lookup() - a context type by its field name
 * @name: pid, procname, vtid, ...
 *
 * Return: the enum lttng_abi_context_type, or -ENOENT when this kernel
 * records no context of that name.
 */
int lttng_ctx_lookup(const char *name)
{
	unsigned int type;

	for (type = 0; type < LTTNG_CTX_MAX; type++)
		if (lttng_ctx_fields[type].name &&
		    !strcmp(lttng_ctx_fields[type].name, name))
			return type;
	return -ENOENT;
}

static inline struct nsproxy *lttng_ctx_nsproxy(void)
{
	/* NULL once the task has exited its namespaces. */
	return current->nsproxy;
}

static u32 lttng_ctx_ns(u32 type)
{
	struct nsproxy *ns = lttng_ctx_nsproxy();
	struct pid_namespace *pid_ns;

	switch (type) {
#ifdef CONFIG_CGROUPS
	case LTTNG_ABI_CONTEXT_CGROUP_NS:
		return ns ? ns->cgroup_ns->ns.inum : 0;
#endif
#if IS_ENABLED(CONFIG_SYSVIPC) || IS_ENABLED(CONFIG_POSIX_MQUEUE)
	case LTTNG_ABI_CONTEXT_IPC_NS:
		return ns ? ns->ipc_ns->ns.inum : 0;
#endif
#ifdef CONFIG_NET
	case LTTNG_ABI_CONTEXT_NET_NS:
		return ns ? ns->net_ns->ns.inum : 0;
#endif
	case LTTNG_ABI_CONTEXT_PID_NS:
		pid_ns = task_active_pid_ns(current);
		return pid_ns ? pid_ns->ns.inum : 0;
	case LTTNG_ABI_CONTEXT_USER_NS:
		return current_user_ns()->ns.inum;
	case LTTNG_ABI_CONTEXT_UTS_NS:
		return ns ? ns->uts_ns->ns.inum : 0;
#ifdef CONFIG_TIME_NS
	case LTTNG_ABI_CONTEXT_TIME_NS:
		return ns ? ns->time_ns->ns.inum : 0;
#endif
	}
	return 0;
}

static u32 lttng_ctx_cred(u32 type)
{
	const struct cred *cred = current_cred();
	struct user_namespace *ns = &init_user_ns;

	if (type >= LTTNG_ABI_CONTEXT_VUID) {
		ns = cred->user_ns;
		type -= LTTNG_ABI_CONTEXT_VUID - LTTNG_ABI_CONTEXT_UID;
	}
	switch (type) {
	case LTTNG_ABI_CONTEXT_UID:
		return from_kuid_munged(ns, cred->uid);
	case LTTNG_ABI_CONTEXT_EUID:
		return from_kuid_munged(ns, cred->euid);
	case LTTNG_ABI_CONTEXT_SUID:
		return from_kuid_munged(ns, cred->suid);
	case LTTNG_ABI_CONTEXT_GID:
		return from_kgid_munged(ns, cred->gid);
	case LTTNG_ABI_CONTEXT_EGID:
		return from_kgid_munged(ns, cred->egid);
	case LTTNG_ABI_CONTEXT_SGID:
		return from_kgid_munged(ns, cred->sgid);
	}
	return 0;
}

static s32 lttng_ctx_ppid(bool virt)
{
	struct task_struct *parent = rcu_dereference(current->real_parent);

	if (virt)
		return task_tgid_nr_ns(parent, task_active_pid_ns(current));
	return task_tgid_nr(parent);
}

static void lttng_ctx_record_one(u32 type, struct lttng_event_ctx *ctx)
{
	struct nsproxy *ns;
	s32 v;
	s8 b;
	u32 u;

	switch (type) {
	case LTTNG_ABI_CONTEXT_PROCNAME:
		lttng_event_write_text(ctx, current->comm, TASK_COMM_LEN);
		return;
	case LTTNG_ABI_CONTEXT_HOSTNAME:
		ns = lttng_ctx_nsproxy();
		lttng_event_write_text(ctx, ns ? ns->uts_ns->name.nodename : "",
				       LTTNG_CTX_HOSTNAME_LEN);
		return;
	case LTTNG_ABI_CONTEXT_INTERRUPTIBLE:
		b = !irqs_disabled();
		goto byte;
	case LTTNG_ABI_CONTEXT_PREEMPTIBLE:
		/* The tracepoint disabled preemption once for the probe. */
		b = preempt_count() == 1 && !irqs_disabled();
		goto byte;
	case LTTNG_ABI_CONTEXT_NEED_RESCHEDULE:
		b = test_tsk_need_resched(current);
		goto byte;
	case LTTNG_ABI_CONTEXT_MIGRATABLE:
#ifdef CONFIG_SMP
		b = !current->migration_disabled;
#else
		b = 0;
#endif
		goto byte;
	case LTTNG_ABI_CONTEXT_PID:
		v = task_tgid_nr(current);
		break;
	case LTTNG_ABI_CONTEXT_PRIO:
		v = task_prio(current);
		break;
	case LTTNG_ABI_CONTEXT_NICE:
		v = task_nice(current);
		break;
	case LTTNG_ABI_CONTEXT_VPID:
		v = task_tgid_vnr(current);
		break;
	case LTTNG_ABI_CONTEXT_TID:
		v = task_pid_nr(current);
		break;
	case LTTNG_ABI_CONTEXT_VTID:
		v = task_pid_vnr(current);
		break;
	case LTTNG_ABI_CONTEXT_PPID:
	case LTTNG_ABI_CONTEXT_VPPID:
		v = lttng_ctx_ppid(type == LTTNG_ABI_CONTEXT_VPPID);
		break;
	case LTTNG_ABI_CONTEXT_CPU_ID:
		v = smp_processor_id();
		break;
	case LTTNG_ABI_CONTEXT_UID ... LTTNG_ABI_CONTEXT_VSGID:
		u = lttng_ctx_cred(type);
		lttng_event_write(ctx, &u, sizeof(u));
		return;
	default:
		u = lttng_ctx_ns(type);
		lttng_event_write(ctx, &u, sizeof(u));
		return;
	}
	lttng_event_write(ctx, &v, sizeof(v));
	return;
byte:
	lttng_event_write(ctx, &b, sizeof(b));
}

/**
 * lttng_ctx_record() - write a channel's contexts into a record
 * @chan: the channel
 * @ctx: the record, positioned after its event header
 *
 * Writes exactly @chan->ctx_size bytes.  Runs in the probe, preemption
 * disabled.
 */
void lttng_ctx_record(const struct lttng_channel *chan,
		      struct lttng_event_ctx *ctx)
{
	unsigned int i;

	rcu_read_lock();
	for (i = 0; i < chan->nr_ctx; i++)
		lttng_ctx_record_one(chan->ctx[i], ctx);
	rcu_read_unlock();
}
