/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the statedump events, recorded into one session when
 * it starts or asks (SESSION_STATEDUMP).  No include guard: see
 * <linux/lttng/define-probe.h>.
 */

LTTNG_TRACEPOINT_EVENT(lttng_statedump_start,
	TP_PROTO(struct lttng_session *session),
	TP_ARGS(session),
	TP_FIELDS()
)

LTTNG_TRACEPOINT_EVENT(lttng_statedump_end,
	TP_PROTO(struct lttng_session *session),
	TP_ARGS(session),
	TP_FIELDS()
)

LTTNG_TRACEPOINT_EVENT(lttng_statedump_process_state,
	TP_PROTO(struct lttng_session *session, struct task_struct *p,
		 int type, int mode, int submode, int status),
	TP_ARGS(session, p, type, mode, submode, status),
	TP_FIELDS(
		ctf_integer(pid_t, tid, p->pid)
		ctf_integer(pid_t, pid, p->tgid)
		ctf_integer(pid_t, ppid, lttng_statedump_ppid(p))
		ctf_array_text(char, name, p->comm, TASK_COMM_LEN)
		ctf_integer(int, type, type)
		ctf_integer(int, mode, mode)
		ctf_integer(int, submode, submode)
		ctf_integer(int, status, status)
		ctf_integer(unsigned int, cpu, task_cpu(p))
	)
)
