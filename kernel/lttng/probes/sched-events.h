/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: scheduler events.  Included once per pass by
 * <linux/lttng/define-probe.h>; no include guard on purpose.
 */

LTTNG_TRACEPOINT_EVENT(sched_switch,
	TP_PROTO(bool preempt, struct task_struct *prev,
		 struct task_struct *next, unsigned int prev_state),
	TP_ARGS(preempt, prev, next, prev_state),
	TP_FIELDS(
		ctf_array_text(char, prev_comm, prev->comm, TASK_COMM_LEN)
		ctf_integer(pid_t, prev_tid, prev->pid)
		ctf_integer(int, prev_prio, prev->prio - MAX_RT_PRIO)
		ctf_integer(long, prev_state,
			    lttng_sched_prev_state(preempt, prev_state, prev))
		ctf_array_text(char, next_comm, next->comm, TASK_COMM_LEN)
		ctf_integer(pid_t, next_tid, next->pid)
		ctf_integer(int, next_prio, next->prio - MAX_RT_PRIO)
	)
)

LTTNG_TRACEPOINT_EVENT(sched_kthread_stop,
	TP_PROTO(struct task_struct *t),
	TP_ARGS(t),
	TP_FIELDS(
		ctf_array_text(char, comm, t->comm, TASK_COMM_LEN)
		ctf_integer(pid_t, tid, t->pid)
	)
)

LTTNG_TRACEPOINT_EVENT(sched_kthread_stop_ret,
	TP_PROTO(int ret),
	TP_ARGS(ret),
	TP_FIELDS(
		ctf_integer(int, ret, ret)
	)
)

/* The three wake-up events have the fields of LTTng-modules' template. */
#define LTTNG_SCHED_WAKEUP_FIELDS					\
	TP_FIELDS(							\
		ctf_array_text(char, comm, p->comm, TASK_COMM_LEN)	\
		ctf_integer(pid_t, tid, p->pid)				\
		ctf_integer(int, prio, p->prio - MAX_RT_PRIO)		\
		ctf_integer(int, target_cpu, task_cpu(p))		\
	)

LTTNG_TRACEPOINT_EVENT(sched_waking,
	TP_PROTO(struct task_struct *p),
	TP_ARGS(p),
	LTTNG_SCHED_WAKEUP_FIELDS
)

LTTNG_TRACEPOINT_EVENT(sched_wakeup,
	TP_PROTO(struct task_struct *p),
	TP_ARGS(p),
	LTTNG_SCHED_WAKEUP_FIELDS
)

LTTNG_TRACEPOINT_EVENT(sched_wakeup_new,
	TP_PROTO(struct task_struct *p),
	TP_ARGS(p),
	LTTNG_SCHED_WAKEUP_FIELDS
)

LTTNG_TRACEPOINT_EVENT(sched_migrate_task,
	TP_PROTO(struct task_struct *p, int dest_cpu),
	TP_ARGS(p, dest_cpu),
	TP_FIELDS(
		ctf_array_text(char, comm, p->comm, TASK_COMM_LEN)
		ctf_integer(pid_t, tid, p->pid)
		ctf_integer(int, prio, p->prio - MAX_RT_PRIO)
		ctf_integer(int, orig_cpu, task_cpu(p))
		ctf_integer(int, dest_cpu, dest_cpu)
	)
)

#define LTTNG_SCHED_PROCESS_FIELDS					\
	TP_FIELDS(							\
		ctf_array_text(char, comm, p->comm, TASK_COMM_LEN)	\
		ctf_integer(pid_t, tid, p->pid)				\
		ctf_integer(int, prio, p->prio - MAX_RT_PRIO)		\
	)

LTTNG_TRACEPOINT_EVENT(sched_process_free,
	TP_PROTO(struct task_struct *p),
	TP_ARGS(p),
	LTTNG_SCHED_PROCESS_FIELDS
)

LTTNG_TRACEPOINT_EVENT(sched_process_exit,
	TP_PROTO(struct task_struct *p),
	TP_ARGS(p),
	LTTNG_SCHED_PROCESS_FIELDS
)

LTTNG_TRACEPOINT_EVENT(sched_wait_task,
	TP_PROTO(struct task_struct *p),
	TP_ARGS(p),
	LTTNG_SCHED_PROCESS_FIELDS
)

LTTNG_TRACEPOINT_EVENT(sched_process_wait,
	TP_PROTO(struct pid *pid),
	TP_ARGS(pid),
	TP_FIELDS(
		ctf_array_text(char, comm, current->comm, TASK_COMM_LEN)
		ctf_integer(pid_t, tid, pid_nr(pid))
		ctf_integer(int, prio, current->prio - MAX_RT_PRIO)
	)
)

LTTNG_TRACEPOINT_EVENT(sched_process_fork,
	TP_PROTO(struct task_struct *parent, struct task_struct *child),
	TP_ARGS(parent, child),
	TP_FIELDS(
		ctf_array_text(char, parent_comm, parent->comm, TASK_COMM_LEN)
		ctf_integer(pid_t, parent_tid, parent->pid)
		ctf_integer(pid_t, parent_pid, parent->tgid)
		ctf_array_text(char, child_comm, child->comm, TASK_COMM_LEN)
		ctf_integer(pid_t, child_tid, child->pid)
		ctf_integer(pid_t, child_pid, child->tgid)
	)
)

LTTNG_TRACEPOINT_EVENT(sched_process_exec,
	TP_PROTO(struct task_struct *p, pid_t old_pid,
		 struct linux_binprm *bprm),
	TP_ARGS(p, old_pid, bprm),
	TP_FIELDS(
		ctf_string(filename, bprm->filename)
		ctf_integer(pid_t, tid, p->pid)
		ctf_integer(pid_t, old_tid, old_pid)
	)
)

LTTNG_TRACEPOINT_EVENT(sched_stat_runtime,
	TP_PROTO(struct task_struct *tsk, u64 runtime),
	TP_ARGS(tsk, runtime),
	TP_FIELDS(
		ctf_array_text(char, comm, tsk->comm, TASK_COMM_LEN)
		ctf_integer(pid_t, tid, tsk->pid)
		ctf_integer(u64, runtime, runtime)
	)
)

LTTNG_TRACEPOINT_EVENT(sched_pi_setprio,
	TP_PROTO(struct task_struct *tsk, struct task_struct *pi_task),
	TP_ARGS(tsk, pi_task),
	TP_FIELDS(
		ctf_array_text(char, comm, tsk->comm, TASK_COMM_LEN)
		ctf_integer(pid_t, tid, tsk->pid)
		ctf_integer(int, oldprio, tsk->prio - MAX_RT_PRIO)
		ctf_integer(int, newprio,
			    (pi_task ? min(tsk->normal_prio, pi_task->prio) :
				       tsk->normal_prio) - MAX_RT_PRIO)
	)
)
