// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the statedump.
 *
 * A trace that starts while the system runs lacks what happened before
 * it: which processes exist, with which names.  The statedump records
 * that state as events, between lttng_statedump_start and
 * lttng_statedump_end, into one session: when it starts, and when it
 * asks (SESSION_STATEDUMP).  The events are tracepoints of the tracer's
 * own, fired only from here, with the LTTng-modules names and fields, so
 * that analyses that rebuild the process table from them work.
 *
 * Other sessions that enabled the same events must not get this
 * session's dump.  Every statedump tracepoint names the session it is
 * for, and the probes record only into that session's events
 * (LTTNG_PROBE_SESSION, <linux/lttng/define-probe.h>): a dump never
 * touches another session's arming, which stays enabler.c's alone.
 */

#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/tracepoint.h>

#include "graph.h"
#include "statedump.h"

/* Values of process_state's type, mode, submode and status fields. */
enum {
	LTTNG_USER_THREAD = 0,
	LTTNG_KERNEL_THREAD = 1,
};

enum {
	LTTNG_MODE_UNKNOWN = 2,
};

enum {
	LTTNG_SUBMODE_UNKNOWN = 1,
};

enum {
	LTTNG_STATUS_WAIT_FORK = 1,
	LTTNG_STATUS_WAIT_CPU = 2,
	LTTNG_STATUS_ZOMBIE = 4,
	LTTNG_STATUS_WAIT = 5,
	LTTNG_STATUS_RUN = 6,
	LTTNG_STATUS_DEAD = 7,
};

DECLARE_TRACE(lttng_statedump_start,
	      TP_PROTO(struct lttng_session *session),
	      TP_ARGS(session));
DECLARE_TRACE(lttng_statedump_end,
	      TP_PROTO(struct lttng_session *session),
	      TP_ARGS(session));
DECLARE_TRACE(lttng_statedump_process_state,
	      TP_PROTO(struct lttng_session *session, struct task_struct *p,
		       int type, int mode, int submode, int status),
	      TP_ARGS(session, p, type, mode, submode, status));

DEFINE_TRACE(lttng_statedump_start,
	     TP_PROTO(struct lttng_session *session),
	     TP_ARGS(session));
DEFINE_TRACE(lttng_statedump_end,
	     TP_PROTO(struct lttng_session *session),
	     TP_ARGS(session));
DEFINE_TRACE(lttng_statedump_process_state,
	     TP_PROTO(struct lttng_session *session, struct task_struct *p,
		      int type, int mode, int submode, int status),
	     TP_ARGS(session, p, type, mode, submode, status));

static inline pid_t lttng_statedump_ppid(struct task_struct *p)
{
	return task_tgid_nr(rcu_dereference(p->real_parent));
}

/* The first argument of every statedump tracepoint is the session. */
#define LTTNG_PROBE_SESSION(session, ...)	(session)
#define LTTNG_PROBE_PROVIDER	lttng_statedump
#define LTTNG_PROBE_EVENTS_FILE	"statedump-events.h"
#include <linux/lttng/define-probe.h>

static int lttng_statedump_status(struct task_struct *t)
{
	/* Another task's state changes under us: one racy snapshot. */
	unsigned int state = READ_ONCE(t->__state);

	if (t->exit_state & EXIT_ZOMBIE)
		return LTTNG_STATUS_ZOMBIE;
	if (t->exit_state & EXIT_DEAD)
		return LTTNG_STATUS_DEAD;
	if (state == TASK_RUNNING)
		return task_curr(t) ? LTTNG_STATUS_RUN : LTTNG_STATUS_WAIT_CPU;
	if (state & TASK_NEW)
		return LTTNG_STATUS_WAIT_FORK;
	return LTTNG_STATUS_WAIT;
}

/**
 * lttng_statedump() - record the system's state into a session
 * @session: the session, active
 *
 * Context: under lttng_graph_mutex, so that the session stays active.
 * Return: 0, or -EBUSY if the session is not active.
 */
int lttng_statedump(struct lttng_session *session)
{
	struct task_struct *p, *t;

	lttng_graph_assert_held();
	if (!session->active)
		return -EBUSY;
	trace_lttng_statedump_start(session);
	rcu_read_lock();
	for_each_process_thread(p, t) {
		int type = (t->flags & PF_KTHREAD) ? LTTNG_KERNEL_THREAD :
						     LTTNG_USER_THREAD;

		trace_lttng_statedump_process_state(session, t, type,
						    LTTNG_MODE_UNKNOWN,
						    LTTNG_SUBMODE_UNKNOWN,
						    lttng_statedump_status(t));
	}
	rcu_read_unlock();
	trace_lttng_statedump_end(session);
	return 0;
}
