/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the hand-written syscall payloads (syscall-payloads.c).
 *
 * A few syscalls have a payload that no register op can describe: the fd
 * sets of select, the pollfd arrays of poll, the epoll_event structures
 * of epoll_ctl and epoll_wait, laid out as LTTng-modules lays them out,
 * with its bounds; and the fd pairs of pipe, pipe2 and socketpair, which
 * it records as arrays of two ints.  Their events have one op, LTTNG_SC_OP_PAYLOAD, whose
 * @count names a struct lttng_sc_payload: a fetch function that reads
 * user memory into the per-CPU scratch area and says how many bytes the
 * payload takes, and a write function that writes every field of the
 * event, the return value included, from the scratch area.
 *
 * scripts/lttng/syscall-overrides marks these syscalls "payload"; the
 * generator then emits LTTNG_SC_PAYLOAD(abi, nr, name) for them, and
 * syscall-tables.c points both events at the fields declared here.  An
 * ia32 syscall of the same name has the same payload, unless the
 * overrides say "native" (socketpair).  An event with no field (pipe's
 * entry) has no op.
 */
#ifndef _LTTNG_SYSCALL_PAYLOADS_H
#define _LTTNG_SYSCALL_PAYLOADS_H

#include <linux/lttng/events.h>
#include <linux/types.h>

/*
 * The most a payload keeps in the scratch area: LTTng-modules' 4096-byte
 * arrays and their counts.  syscalls.c checks that it fits.
 */
#define LTTNG_SC_PL_SCRATCH_MAX		(4096 + 16)

/* The payloads, by event: LTTNG_SC_PL_<syscall>_<entry|exit>. */
enum lttng_sc_pl {
	LTTNG_SC_PL_select_entry,
	LTTNG_SC_PL_select_exit,
	LTTNG_SC_PL_pselect6_entry,
	LTTNG_SC_PL_pselect6_exit,
	LTTNG_SC_PL_poll_entry,
	LTTNG_SC_PL_poll_exit,
	LTTNG_SC_PL_ppoll_entry,
	LTTNG_SC_PL_ppoll_exit,
	LTTNG_SC_PL_epoll_ctl_entry,
	LTTNG_SC_PL_epoll_ctl_exit,
	LTTNG_SC_PL_epoll_wait_entry,
	LTTNG_SC_PL_epoll_wait_exit,
	LTTNG_SC_PL_epoll_pwait_entry,
	LTTNG_SC_PL_epoll_pwait_exit,
	LTTNG_SC_PL_pipe_entry,
	LTTNG_SC_PL_pipe_exit,
	LTTNG_SC_PL_pipe2_entry,
	LTTNG_SC_PL_pipe2_exit,
	LTTNG_SC_PL_socketpair_entry,
	LTTNG_SC_PL_socketpair_exit,
	LTTNG_SC_PL_NR
};

/*
 * How many fields each event has: the tables need the count as a
 * constant; syscall-payloads.c checks it against its field arrays.
 */
enum {
	LTTNG_SC_PL_select_entry_nr = 9,
	LTTNG_SC_PL_select_exit_nr = 9,
	LTTNG_SC_PL_pselect6_entry_nr = 10,
	LTTNG_SC_PL_pselect6_exit_nr = 9,
	LTTNG_SC_PL_poll_entry_nr = 5,
	LTTNG_SC_PL_poll_exit_nr = 4,
	LTTNG_SC_PL_ppoll_entry_nr = 7,
	LTTNG_SC_PL_ppoll_exit_nr = 5,
	LTTNG_SC_PL_epoll_ctl_entry_nr = 4,
	LTTNG_SC_PL_epoll_ctl_exit_nr = 1,
	LTTNG_SC_PL_epoll_wait_entry_nr = 3,
	LTTNG_SC_PL_epoll_wait_exit_nr = 4,
	LTTNG_SC_PL_epoll_pwait_entry_nr = 5,
	LTTNG_SC_PL_epoll_pwait_exit_nr = 4,
	LTTNG_SC_PL_pipe_entry_nr = 0,
	LTTNG_SC_PL_pipe_exit_nr = 2,
	LTTNG_SC_PL_pipe2_entry_nr = 1,
	LTTNG_SC_PL_pipe2_exit_nr = 2,
	LTTNG_SC_PL_socketpair_entry_nr = 3,
	LTTNG_SC_PL_socketpair_exit_nr = 2,
};

extern const struct lttng_event_field lttng_sc_pl_select_entry_f[];
extern const struct lttng_event_field lttng_sc_pl_select_exit_f[];
extern const struct lttng_event_field lttng_sc_pl_pselect6_entry_f[];
extern const struct lttng_event_field lttng_sc_pl_pselect6_exit_f[];
extern const struct lttng_event_field lttng_sc_pl_poll_entry_f[];
extern const struct lttng_event_field lttng_sc_pl_poll_exit_f[];
extern const struct lttng_event_field lttng_sc_pl_ppoll_entry_f[];
extern const struct lttng_event_field lttng_sc_pl_ppoll_exit_f[];
extern const struct lttng_event_field lttng_sc_pl_epoll_ctl_entry_f[];
extern const struct lttng_event_field lttng_sc_pl_epoll_ctl_exit_f[];
extern const struct lttng_event_field lttng_sc_pl_epoll_wait_entry_f[];
extern const struct lttng_event_field lttng_sc_pl_epoll_wait_exit_f[];
extern const struct lttng_event_field lttng_sc_pl_epoll_pwait_entry_f[];
extern const struct lttng_event_field lttng_sc_pl_epoll_pwait_exit_f[];
extern const struct lttng_event_field lttng_sc_pl_pipe_entry_f[];
extern const struct lttng_event_field lttng_sc_pl_pipe_exit_f[];
extern const struct lttng_event_field lttng_sc_pl_pipe2_entry_f[];
extern const struct lttng_event_field lttng_sc_pl_pipe2_exit_f[];
extern const struct lttng_event_field lttng_sc_pl_socketpair_entry_f[];
extern const struct lttng_event_field lttng_sc_pl_socketpair_exit_f[];

/**
 * struct lttng_sc_payload - how one event's fields are recorded
 * @fetch: read what the event records from user memory into @scratch
 *	(LTTNG_SC_PL_SCRATCH_MAX bytes at least, per CPU), with the syscall's
 *	arguments and, for an exit event, its return value; never faults
 *	a page in, never sleeps.  Return: the payload's size in bytes.
 * @write: write every field, exactly as many bytes as @fetch said
 */
struct lttng_sc_payload {
	size_t (*fetch)(const unsigned long *args, long ret, void *scratch);
	void (*write)(struct lttng_event_ctx *ctx, const unsigned long *args,
		      long ret, const void *scratch);
};

extern const struct lttng_sc_payload lttng_sc_payloads[LTTNG_SC_PL_NR];

#endif /* _LTTNG_SYSCALL_PAYLOADS_H */
