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
