// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the payloads of select, pselect6, poll, ppoll,
 * epoll_ctl, epoll_wait and epoll_pwait, with the event names, fields,
 * types and values of LTTng-modules 2.13, so that analyses written for
 * its traces (lttng-analyses, lttng-tools' regression suite) read ours.
 *
 * What each records:
 *
 *  - select, pselect6: for each of the three fd sets, a u8 length and the
 *    first ceil(n / 8) bytes of the set, at most 128 (n <= __FD_SETSIZE),
 *    in hexadecimal.  The entry event records the sets the task passed,
 *    the exit event the sets the kernel rewrote, only when the syscall
 *    returned a positive count.  The sets are checked in whole 8-byte
 *    words: if any set cannot be read, no set is recorded.  "overflow" is
 *    always 0: n past __FD_SETSIZE records no set.
 *  - poll, ppoll: the pollfd array, at most LTTNG_SC_PL_POLLFDS entries,
 *    with "overflow" set when there were more: fd, the events (entry) or
 *    revents (exit) as raw_events, and their low byte again as bit flags.
 *    The exit event records the entries whose revents is not zero, ret of
 *    them (or LTTNG_SC_PL_POLLFDS), padded with zero entries if the array
 *    no longer has that many.
 *  - epoll_ctl: the epoll_event, zeros if it cannot be read (a NULL one
 *    for EPOLL_CTL_DEL); the op as an enumeration.
 *  - epoll_wait, epoll_pwait: at exit, the ret events returned, at most
 *    LTTNG_SC_PL_EPOLL_EVENTS, with "overflow" set when there were more;
 *    none if the array cannot be read.
 *  - pipe, pipe2, socketpair: at exit, the two fds, read whatever the
 *    syscall returned, zeros if they cannot be read.
 *
 * Pointers are recorded as their values, never followed, except for the
 * arrays above: no timeval, timespec or sigset is read.
 *
 * fetch() runs first, with preemption disabled: it reads user memory with
 * copy_from_user_nofault() into the per-CPU scratch area, whose layout is
 * its own, and returns the payload's size; write() then writes the
 * fields from the scratch area into the reserved record.  A syscall
 * tracepoint never nests in itself on a CPU, so nothing else uses the
 * scratch area between the two.
 */

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/fs.h>
#include <linux/eventpoll.h>
#include <linux/kernel.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/poll.h>
#include <linux/posix_types.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "syscall-payloads.h"

/* LTTng-modules' bounds: what fits in one 4096-byte buffer. */
#define LTTNG_SC_PL_FDSET_BYTES		(__FD_SETSIZE / BITS_PER_BYTE)
#define LTTNG_SC_PL_POLLFDS		(4096 / sizeof(struct pollfd))
#define LTTNG_SC_PL_EPOLL_EVENTS	(4096 / sizeof(struct epoll_event))

/* ---- field descriptions ------------------------------------------------ */

#define LTTNG_SC_PL_INT(_name, _type, _hex) {				\
	.name = _name, .type = LTTNG_FIELD_INTEGER,			\
	.size = sizeof(_type), .is_signed = is_signed_type(_type),	\
	.hex = _hex,							\
}

#define LTTNG_SC_PL_BITS(_name, _bits) {				\
	.name = _name, .type = LTTNG_FIELD_INTEGER, .bits = _bits,	\
}

#define LTTNG_SC_PL_RET		LTTNG_SC_PL_INT("ret", long, 0)
#define LTTNG_SC_PL_PTR(_name)	LTTNG_SC_PL_INT(_name, unsigned long, 0)
#define LTTNG_SC_PL_HEXPTR(_name) LTTNG_SC_PL_INT(_name, unsigned long, 1)

/* An fd set: a u8 length field, then that many bytes, in hex. */
#define LTTNG_SC_PL_FDSET_LEN(_name)	LTTNG_SC_PL_INT(_name, u8, 0)

#define LTTNG_SC_PL_FDSET(_name) {					\
	.name = _name, .type = LTTNG_FIELD_SEQUENCE_OF,			\
	.elem = LTTNG_ELEM_INTEGER, .size = 1, .hex = 1,		\
}

/* The low byte of poll's events, POLLNVAL and above as a padding. */
static const struct lttng_event_field lttng_sc_pl_poll_flags_f[] = {
	LTTNG_SC_PL_BITS("POLLIN", 1),
	LTTNG_SC_PL_BITS("POLLPRI", 1),
	LTTNG_SC_PL_BITS("POLLOUT", 1),
	LTTNG_SC_PL_BITS("POLLERR", 1),
	LTTNG_SC_PL_BITS("POLLHUP", 1),
	LTTNG_SC_PL_BITS("padding", 3),
};

/* 7 bytes: fd, raw_events, events. */
static const struct lttng_event_field lttng_sc_pl_pollfd_f[] = {
	LTTNG_SC_PL_INT("fd", int, 0),
	LTTNG_SC_PL_INT("raw_events", u16, 1),
	{ .name = "events", .type = LTTNG_FIELD_STRUCT,
	  .fields = lttng_sc_pl_poll_flags_f,
	  .nr_fields = ARRAY_SIZE(lttng_sc_pl_poll_flags_f) },
};

/* poll's and ppoll's fds, as many as the field "fds_length" says. */
#define LTTNG_SC_PL_POLLFDS_FIELD {					\
	.name = "fds", .type = LTTNG_FIELD_SEQUENCE_OF,			\
	.elem = LTTNG_ELEM_STRUCT, .length_name = "fds_length",		\
	.fields = lttng_sc_pl_pollfd_f,					\
	.nr_fields = ARRAY_SIZE(lttng_sc_pl_pollfd_f),			\
}

/* The low byte of epoll's events, EPOLLHUP and above as a padding. */
static const struct lttng_event_field lttng_sc_pl_epoll_flags_f[] = {
	LTTNG_SC_PL_BITS("EPOLLIN", 1),
	LTTNG_SC_PL_BITS("EPOLLPRI", 1),
	LTTNG_SC_PL_BITS("EPOLLOUT", 1),
	LTTNG_SC_PL_BITS("EPOLLERR", 1),
	LTTNG_SC_PL_BITS("padding", 4),
};

/* Both views of epoll_event.data: a struct, not a variant. */
static const struct lttng_event_field lttng_sc_pl_epoll_data_f[] = {
	LTTNG_SC_PL_INT("u64", u64, 1),
	LTTNG_SC_PL_INT("fd", int, 0),
};

/* 17 bytes: data as u64 and fd, raw_events, events. */
static const struct lttng_event_field lttng_sc_pl_epoll_event_f[] = {
	{ .name = "data_union", .type = LTTNG_FIELD_STRUCT,
	  .fields = lttng_sc_pl_epoll_data_f,
	  .nr_fields = ARRAY_SIZE(lttng_sc_pl_epoll_data_f) },
	LTTNG_SC_PL_INT("raw_events", u32, 1),
	{ .name = "events", .type = LTTNG_FIELD_STRUCT,
	  .fields = lttng_sc_pl_epoll_flags_f,
	  .nr_fields = ARRAY_SIZE(lttng_sc_pl_epoll_flags_f) },
};

/* epoll_wait's and epoll_pwait's fds. */
#define LTTNG_SC_PL_EPOLL_FDS_FIELD {					\
	.name = "fds", .type = LTTNG_FIELD_SEQUENCE_OF,			\
	.elem = LTTNG_ELEM_STRUCT, .length_name = "fds_length",		\
	.fields = lttng_sc_pl_epoll_event_f,				\
	.nr_fields = ARRAY_SIZE(lttng_sc_pl_epoll_event_f),		\
}

static const struct lttng_enum_entry lttng_sc_pl_epoll_op_e[] = {
	{ .label = "EPOLL_CTL_ADD", .start = EPOLL_CTL_ADD, .end = EPOLL_CTL_ADD },
	{ .label = "EPOLL_CTL_DEL", .start = EPOLL_CTL_DEL, .end = EPOLL_CTL_DEL },
	{ .label = "EPOLL_CTL_MOD", .start = EPOLL_CTL_MOD, .end = EPOLL_CTL_MOD },
};

static const struct lttng_enum_desc lttng_sc_pl_epoll_op = {
	.name = "lttng_epoll_op",
	.entries = lttng_sc_pl_epoll_op_e,
	.nr_entries = ARRAY_SIZE(lttng_sc_pl_epoll_op_e),
};

const struct lttng_event_field lttng_sc_pl_select_entry_f[] = {
	LTTNG_SC_PL_INT("n", int, 0),
	LTTNG_SC_PL_INT("overflow", u8, 0),
	LTTNG_SC_PL_PTR("tvp"),
	LTTNG_SC_PL_FDSET_LEN("_readfds_length"),
	LTTNG_SC_PL_FDSET("readfds"),
	LTTNG_SC_PL_FDSET_LEN("_writefds_length"),
	LTTNG_SC_PL_FDSET("writefds"),
	LTTNG_SC_PL_FDSET_LEN("_exceptfds_length"),
	LTTNG_SC_PL_FDSET("exceptfds"),
};

const struct lttng_event_field lttng_sc_pl_select_exit_f[] = {
	LTTNG_SC_PL_RET,
	LTTNG_SC_PL_INT("overflow", u8, 0),
	LTTNG_SC_PL_PTR("tvp"),
	LTTNG_SC_PL_FDSET_LEN("_readfds_length"),
	LTTNG_SC_PL_FDSET("readfds"),
	LTTNG_SC_PL_FDSET_LEN("_writefds_length"),
	LTTNG_SC_PL_FDSET("writefds"),
	LTTNG_SC_PL_FDSET_LEN("_exceptfds_length"),
	LTTNG_SC_PL_FDSET("exceptfds"),
};

const struct lttng_event_field lttng_sc_pl_pselect6_entry_f[] = {
	LTTNG_SC_PL_INT("n", int, 0),
	LTTNG_SC_PL_INT("overflow", u8, 0),
	LTTNG_SC_PL_PTR("tvp"),
	LTTNG_SC_PL_HEXPTR("sig"),
	LTTNG_SC_PL_FDSET_LEN("_readfds_length"),
	LTTNG_SC_PL_FDSET("readfds"),
	LTTNG_SC_PL_FDSET_LEN("_writefds_length"),
	LTTNG_SC_PL_FDSET("writefds"),
	LTTNG_SC_PL_FDSET_LEN("_exceptfds_length"),
	LTTNG_SC_PL_FDSET("exceptfds"),
};

const struct lttng_event_field lttng_sc_pl_pselect6_exit_f[] = {
	LTTNG_SC_PL_RET,
	LTTNG_SC_PL_INT("overflow", u8, 0),
	LTTNG_SC_PL_PTR("tvp"),
	LTTNG_SC_PL_FDSET_LEN("_readfds_length"),
	LTTNG_SC_PL_FDSET("readfds"),
	LTTNG_SC_PL_FDSET_LEN("_writefds_length"),
	LTTNG_SC_PL_FDSET("writefds"),
	LTTNG_SC_PL_FDSET_LEN("_exceptfds_length"),
	LTTNG_SC_PL_FDSET("exceptfds"),
};

const struct lttng_event_field lttng_sc_pl_poll_entry_f[] = {
	LTTNG_SC_PL_INT("timeout_msecs", int, 0),
	LTTNG_SC_PL_INT("nfds", unsigned int, 0),
	LTTNG_SC_PL_INT("fds_length", unsigned int, 0),
	LTTNG_SC_PL_INT("overflow", u8, 0),
	LTTNG_SC_PL_POLLFDS_FIELD,
};

/* No overflow here: LTTng-modules records poll's at entry only. */
const struct lttng_event_field lttng_sc_pl_poll_exit_f[] = {
	LTTNG_SC_PL_RET,
	LTTNG_SC_PL_INT("nfds", unsigned int, 0),
	LTTNG_SC_PL_INT("fds_length", unsigned int, 0),
	LTTNG_SC_PL_POLLFDS_FIELD,
};

const struct lttng_event_field lttng_sc_pl_ppoll_entry_f[] = {
	LTTNG_SC_PL_PTR("tsp"),
	LTTNG_SC_PL_PTR("sigmask"),
	LTTNG_SC_PL_INT("sigsetsize", size_t, 0),
	LTTNG_SC_PL_INT("nfds", unsigned int, 0),
	LTTNG_SC_PL_INT("fds_length", unsigned int, 0),
	LTTNG_SC_PL_INT("overflow", u8, 0),
	LTTNG_SC_PL_POLLFDS_FIELD,
};

const struct lttng_event_field lttng_sc_pl_ppoll_exit_f[] = {
	LTTNG_SC_PL_RET,
	LTTNG_SC_PL_INT("nfds", unsigned int, 0),
	LTTNG_SC_PL_INT("fds_length", unsigned int, 0),
	LTTNG_SC_PL_INT("overflow", u8, 0),
	LTTNG_SC_PL_POLLFDS_FIELD,
};

const struct lttng_event_field lttng_sc_pl_epoll_ctl_entry_f[] = {
	LTTNG_SC_PL_INT("epfd", int, 0),
	{ .name = "op_enum", .type = LTTNG_FIELD_ENUM, .size = sizeof(int),
	  .is_signed = 1, .enum_desc = &lttng_sc_pl_epoll_op },
	LTTNG_SC_PL_INT("fd", int, 0),
	{ .name = "event", .type = LTTNG_FIELD_STRUCT,
	  .fields = lttng_sc_pl_epoll_event_f,
	  .nr_fields = ARRAY_SIZE(lttng_sc_pl_epoll_event_f) },
};

const struct lttng_event_field lttng_sc_pl_epoll_ctl_exit_f[] = {
	LTTNG_SC_PL_RET,
};

const struct lttng_event_field lttng_sc_pl_epoll_wait_entry_f[] = {
	LTTNG_SC_PL_INT("epfd", int, 0),
	LTTNG_SC_PL_INT("maxevents", int, 0),
	LTTNG_SC_PL_INT("timeout", int, 0),
};

const struct lttng_event_field lttng_sc_pl_epoll_wait_exit_f[] = {
	LTTNG_SC_PL_RET,
	LTTNG_SC_PL_INT("fds_length", unsigned int, 0),
	LTTNG_SC_PL_INT("overflow", u8, 0),
	LTTNG_SC_PL_EPOLL_FDS_FIELD,
};

const struct lttng_event_field lttng_sc_pl_epoll_pwait_entry_f[] = {
	LTTNG_SC_PL_INT("epfd", int, 0),
	LTTNG_SC_PL_INT("maxevents", int, 0),
	LTTNG_SC_PL_INT("timeout", int, 0),
	LTTNG_SC_PL_HEXPTR("sigmask"),
	LTTNG_SC_PL_INT("sigsetsize", size_t, 0),
};

const struct lttng_event_field lttng_sc_pl_epoll_pwait_exit_f[] = {
	LTTNG_SC_PL_RET,
	LTTNG_SC_PL_INT("fds_length", unsigned int, 0),
	LTTNG_SC_PL_INT("overflow", u8, 0),
	LTTNG_SC_PL_EPOLL_FDS_FIELD,
};

/* The two fds of pipe, pipe2 and socketpair: an array of two ints. */
#define LTTNG_SC_PL_FD_PAIR(_name) {					\
	.name = _name, .type = LTTNG_FIELD_ARRAY,			\
	.elem = LTTNG_ELEM_INTEGER, .size = sizeof(int), .is_signed = 1, \
	.len = 2,							\
}

/* No field: an empty array of a known size. */
const struct lttng_event_field lttng_sc_pl_pipe_entry_f[] = {};

const struct lttng_event_field lttng_sc_pl_pipe_exit_f[] = {
	LTTNG_SC_PL_RET,
	LTTNG_SC_PL_FD_PAIR("fildes"),
};

const struct lttng_event_field lttng_sc_pl_pipe2_entry_f[] = {
	LTTNG_SC_PL_INT("flags", int, 0),
};

const struct lttng_event_field lttng_sc_pl_pipe2_exit_f[] = {
	LTTNG_SC_PL_RET,
	LTTNG_SC_PL_FD_PAIR("fildes"),
};

const struct lttng_event_field lttng_sc_pl_socketpair_entry_f[] = {
	LTTNG_SC_PL_INT("family", int, 0),
	LTTNG_SC_PL_INT("type", int, 0),
	LTTNG_SC_PL_INT("protocol", int, 0),
};

const struct lttng_event_field lttng_sc_pl_socketpair_exit_f[] = {
	LTTNG_SC_PL_RET,
	LTTNG_SC_PL_FD_PAIR("socket"),
};

#define LTTNG_SC_PL_CHECK_NR(_ev)					\
	static_assert(ARRAY_SIZE(lttng_sc_pl_##_ev##_f) ==		\
		      LTTNG_SC_PL_##_ev##_nr)
LTTNG_SC_PL_CHECK_NR(select_entry);
LTTNG_SC_PL_CHECK_NR(select_exit);
LTTNG_SC_PL_CHECK_NR(pselect6_entry);
LTTNG_SC_PL_CHECK_NR(pselect6_exit);
LTTNG_SC_PL_CHECK_NR(poll_entry);
LTTNG_SC_PL_CHECK_NR(poll_exit);
LTTNG_SC_PL_CHECK_NR(ppoll_entry);
LTTNG_SC_PL_CHECK_NR(ppoll_exit);
LTTNG_SC_PL_CHECK_NR(epoll_ctl_entry);
LTTNG_SC_PL_CHECK_NR(epoll_ctl_exit);
LTTNG_SC_PL_CHECK_NR(epoll_wait_entry);
LTTNG_SC_PL_CHECK_NR(epoll_wait_exit);
LTTNG_SC_PL_CHECK_NR(epoll_pwait_entry);
LTTNG_SC_PL_CHECK_NR(epoll_pwait_exit);
LTTNG_SC_PL_CHECK_NR(pipe_entry);
LTTNG_SC_PL_CHECK_NR(pipe_exit);
LTTNG_SC_PL_CHECK_NR(pipe2_entry);
LTTNG_SC_PL_CHECK_NR(pipe2_exit);
LTTNG_SC_PL_CHECK_NR(socketpair_entry);
LTTNG_SC_PL_CHECK_NR(socketpair_exit);

/* ---- helpers ----------------------------------------------------------- */

static __always_inline void lttng_sc_pl_int(struct lttng_event_ctx *ctx, int v)
{
	lttng_event_write(ctx, &v, sizeof(v));
}

static __always_inline void lttng_sc_pl_u32(struct lttng_event_ctx *ctx, u32 v)
{
	lttng_event_write(ctx, &v, sizeof(v));
}

static __always_inline void lttng_sc_pl_u8(struct lttng_event_ctx *ctx, u8 v)
{
	lttng_event_write(ctx, &v, sizeof(v));
}

static __always_inline void lttng_sc_pl_ulong(struct lttng_event_ctx *ctx,
					      unsigned long v)
{
	lttng_event_write(ctx, &v, sizeof(v));
}

static __always_inline void lttng_sc_pl_ret(struct lttng_event_ctx *ctx,
					    long ret)
{
	lttng_event_write(ctx, &ret, sizeof(ret));
}

/* An argument as the int of the prototype: its low 32 bits. */
static __always_inline int lttng_sc_pl_arg_int(const unsigned long *args,
					       unsigned int i)
{
	return (int)args[i];
}

static __always_inline const void __user *
lttng_sc_pl_uptr(const unsigned long *args, unsigned int i)
{
	return (const void __user *)args[i];
}

/* ---- select, pselect6 ---------------------------------------------------- */

/* The scratch area: the bytes of the three sets, and how many of each. */
struct lttng_sc_pl_fdsets {
	u8 len[3];
	u8 bytes[3][LTTNG_SC_PL_FDSET_BYTES];
};

/*
 * The sets are arguments 1 to 3 and n argument 0, for both syscalls.
 * Return: the bytes of the six set fields.
 */
static size_t lttng_sc_pl_fdsets_fetch(const unsigned long *args, long ret,
				       bool exit, struct lttng_sc_pl_fdsets *s)
{
	int n = lttng_sc_pl_arg_int(args, 0);
	unsigned int i, nr_bytes = 0;

	if ((!exit || ret > 0) && n > 0 && n <= __FD_SETSIZE) {
		/* The kernel reads the sets in longs: check them so. */
		size_t check = round_up(DIV_ROUND_UP(n, BITS_PER_BYTE),
					sizeof(u64));

		nr_bytes = DIV_ROUND_UP(n, BITS_PER_BYTE);
		for (i = 0; i < 3; i++) {
			const void __user *p = lttng_sc_pl_uptr(args, 1 + i);

			if (p && copy_from_user_nofault(s->bytes[i], p, check)) {
				nr_bytes = 0;
				break;
			}
		}
	}
	for (i = 0; i < 3; i++)
		s->len[i] = args[1 + i] ? nr_bytes : 0;
	return 3 + s->len[0] + s->len[1] + s->len[2];
}

static void lttng_sc_pl_fdsets_write(struct lttng_event_ctx *ctx,
				     const struct lttng_sc_pl_fdsets *s)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		lttng_sc_pl_u8(ctx, s->len[i]);
		lttng_event_write(ctx, s->bytes[i], s->len[i]);
	}
}

static size_t lttng_sc_pl_select_entry_fetch(const unsigned long *args,
					     long ret, void *scratch)
{
	return sizeof(int) + 1 + sizeof(long) +
	       lttng_sc_pl_fdsets_fetch(args, ret, false, scratch);
}

static void lttng_sc_pl_select_entry_write(struct lttng_event_ctx *ctx,
					   const unsigned long *args, long ret,
					   const void *scratch)
{
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 0));
	lttng_sc_pl_u8(ctx, 0);
	lttng_sc_pl_ulong(ctx, args[4]);
	lttng_sc_pl_fdsets_write(ctx, scratch);
}

static size_t lttng_sc_pl_pselect6_entry_fetch(const unsigned long *args,
					       long ret, void *scratch)
{
	return lttng_sc_pl_select_entry_fetch(args, ret, scratch) +
	       sizeof(long);
}

static void lttng_sc_pl_pselect6_entry_write(struct lttng_event_ctx *ctx,
					     const unsigned long *args,
					     long ret, const void *scratch)
{
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 0));
	lttng_sc_pl_u8(ctx, 0);
	lttng_sc_pl_ulong(ctx, args[4]);
	lttng_sc_pl_ulong(ctx, args[5]);
	lttng_sc_pl_fdsets_write(ctx, scratch);
}

/* Both exits: ret, overflow, tvp (argument 4 of both), the sets. */
static size_t lttng_sc_pl_select_exit_fetch(const unsigned long *args,
					    long ret, void *scratch)
{
	return sizeof(long) + 1 + sizeof(long) +
	       lttng_sc_pl_fdsets_fetch(args, ret, true, scratch);
}

static void lttng_sc_pl_select_exit_write(struct lttng_event_ctx *ctx,
					  const unsigned long *args, long ret,
					  const void *scratch)
{
	lttng_sc_pl_ret(ctx, ret);
	lttng_sc_pl_u8(ctx, 0);
	lttng_sc_pl_ulong(ctx, args[4]);
	lttng_sc_pl_fdsets_write(ctx, scratch);
}

/* ---- poll, ppoll ----------------------------------------------------------- */

/*
 * The scratch area: @nr entries of @fds were read; @len are recorded,
 * with @overflow.
 */
struct lttng_sc_pl_pollfds {
	u32 nr;
	u32 len;
	u8 overflow;
	struct pollfd fds[LTTNG_SC_PL_POLLFDS];
};

#define LTTNG_SC_PL_POLLFD_SIZE	(sizeof(int) + sizeof(u16) + 1)

/* ufds is argument 0 and nfds argument 1, for both syscalls. */
static size_t lttng_sc_pl_pollfds_fetch(const unsigned long *args, long ret,
					bool exit, struct lttng_sc_pl_pollfds *s)
{
	const void __user *ufds = lttng_sc_pl_uptr(args, 0);
	unsigned int nfds = args[1];

	s->nr = 0;
	s->len = 0;
	s->overflow = 0;
	if (!exit) {
		s->overflow = nfds > LTTNG_SC_PL_POLLFDS;
		s->nr = min_t(unsigned int, nfds, LTTNG_SC_PL_POLLFDS);
		s->len = s->nr;
	} else if (ret > 0 && ret <= nfds) {
		/* The ready entries among the first ones read. */
		s->overflow = nfds > LTTNG_SC_PL_POLLFDS;
		s->nr = min_t(unsigned int, nfds, LTTNG_SC_PL_POLLFDS);
		s->len = s->overflow ? LTTNG_SC_PL_POLLFDS : ret;
	}
	if (s->nr && copy_from_user_nofault(s->fds, ufds,
					    s->nr * sizeof(struct pollfd))) {
		s->nr = 0;
		s->len = 0;
	}
	return sizeof(u32) + s->len * LTTNG_SC_PL_POLLFD_SIZE;
}

static void lttng_sc_pl_pollfd_write(struct lttng_event_ctx *ctx, int fd,
				     u16 events)
{
	lttng_sc_pl_int(ctx, fd);
	lttng_event_write(ctx, &events, sizeof(events));
	lttng_sc_pl_u8(ctx, events & 0xff);
}

/*
 * fds_length, overflow where the event has one, and the fds: at entry,
 * the events asked for; at exit, the revents of the entries that have
 * some, padded with zero entries up to fds_length if the task changed
 * the array under the syscall.
 */
static void lttng_sc_pl_pollfds_write(struct lttng_event_ctx *ctx,
				      const struct lttng_sc_pl_pollfds *s,
				      bool exit, bool overflow)
{
	unsigned int i, done = 0;

	lttng_sc_pl_u32(ctx, s->len);
	if (overflow)
		lttng_sc_pl_u8(ctx, s->overflow);
	for (i = 0; i < s->nr && done < s->len; i++) {
		const struct pollfd *p = &s->fds[i];

		if (!exit)
			lttng_sc_pl_pollfd_write(ctx, p->fd, p->events);
		else if (p->revents)
			lttng_sc_pl_pollfd_write(ctx, p->fd, p->revents);
		else
			continue;
		done++;
	}
	for (; done < s->len; done++)
		lttng_sc_pl_pollfd_write(ctx, 0, 0);
}

static size_t lttng_sc_pl_poll_entry_fetch(const unsigned long *args,
					   long ret, void *scratch)
{
	return sizeof(int) + sizeof(u32) + 1 +
	       lttng_sc_pl_pollfds_fetch(args, ret, false, scratch);
}

static void lttng_sc_pl_poll_entry_write(struct lttng_event_ctx *ctx,
					 const unsigned long *args, long ret,
					 const void *scratch)
{
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 2));
	lttng_sc_pl_u32(ctx, args[1]);
	lttng_sc_pl_pollfds_write(ctx, scratch, false, true);
}

/* No overflow at poll's exit: LTTng-modules records it at entry only. */
static size_t lttng_sc_pl_poll_exit_fetch(const unsigned long *args,
					  long ret, void *scratch)
{
	return sizeof(long) + sizeof(u32) +
	       lttng_sc_pl_pollfds_fetch(args, ret, true, scratch);
}

static void lttng_sc_pl_poll_exit_write(struct lttng_event_ctx *ctx,
					const unsigned long *args, long ret,
					const void *scratch)
{
	lttng_sc_pl_ret(ctx, ret);
	lttng_sc_pl_u32(ctx, args[1]);
	lttng_sc_pl_pollfds_write(ctx, scratch, true, false);
}

static size_t lttng_sc_pl_ppoll_entry_fetch(const unsigned long *args,
					    long ret, void *scratch)
{
	return 2 * sizeof(long) + sizeof(size_t) + sizeof(u32) + 1 +
	       lttng_sc_pl_pollfds_fetch(args, ret, false, scratch);
}

static void lttng_sc_pl_ppoll_entry_write(struct lttng_event_ctx *ctx,
					  const unsigned long *args, long ret,
					  const void *scratch)
{
	lttng_sc_pl_ulong(ctx, args[2]);
	lttng_sc_pl_ulong(ctx, args[3]);
	lttng_sc_pl_ulong(ctx, args[4]);
	lttng_sc_pl_u32(ctx, args[1]);
	lttng_sc_pl_pollfds_write(ctx, scratch, false, true);
}

static size_t lttng_sc_pl_ppoll_exit_fetch(const unsigned long *args,
					   long ret, void *scratch)
{
	return sizeof(long) + sizeof(u32) + 1 +
	       lttng_sc_pl_pollfds_fetch(args, ret, true, scratch);
}

static void lttng_sc_pl_ppoll_exit_write(struct lttng_event_ctx *ctx,
					 const unsigned long *args, long ret,
					 const void *scratch)
{
	lttng_sc_pl_ret(ctx, ret);
	lttng_sc_pl_u32(ctx, args[1]);
	lttng_sc_pl_pollfds_write(ctx, scratch, true, true);
}

/* ---- epoll_ctl, epoll_wait, epoll_pwait ------------------------------------ */

#define LTTNG_SC_PL_EPOLL_EVENT_SIZE	(sizeof(u64) + sizeof(int) + \
					 sizeof(u32) + 1)

/* data as u64 and as the int of its low half, raw_events, events. */
static void lttng_sc_pl_epoll_event_write(struct lttng_event_ctx *ctx,
					  const struct epoll_event *ev)
{
	u32 events = (__force u32)ev->events;
	u64 data = ev->data;

	lttng_event_write(ctx, &data, sizeof(data));
	lttng_sc_pl_int(ctx, (int)data);
	lttng_sc_pl_u32(ctx, events);
	lttng_sc_pl_u8(ctx, events & 0xff);
}

/* The scratch area of epoll_ctl's entry: the event, zeros if unreadable. */
static size_t lttng_sc_pl_epoll_ctl_entry_fetch(const unsigned long *args,
						long ret, void *scratch)
{
	struct epoll_event *ev = scratch;
	const void __user *uev = lttng_sc_pl_uptr(args, 3);

	if (!uev || copy_from_user_nofault(ev, uev, sizeof(*ev)))
		memset(ev, 0, sizeof(*ev));
	return 3 * sizeof(int) + LTTNG_SC_PL_EPOLL_EVENT_SIZE;
}

static void lttng_sc_pl_epoll_ctl_entry_write(struct lttng_event_ctx *ctx,
					      const unsigned long *args,
					      long ret, const void *scratch)
{
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 0));
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 1));
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 2));
	lttng_sc_pl_epoll_event_write(ctx, scratch);
}

static size_t lttng_sc_pl_ret_fetch(const unsigned long *args, long ret,
				    void *scratch)
{
	return sizeof(long);
}

static void lttng_sc_pl_ret_write(struct lttng_event_ctx *ctx,
				  const unsigned long *args, long ret,
				  const void *scratch)
{
	lttng_sc_pl_ret(ctx, ret);
}

/* epfd, maxevents, timeout: arguments 0, 2 and 3 of both. */
static size_t lttng_sc_pl_epoll_wait_entry_fetch(const unsigned long *args,
						 long ret, void *scratch)
{
	return 3 * sizeof(int);
}

static void lttng_sc_pl_epoll_wait_entry_write(struct lttng_event_ctx *ctx,
					       const unsigned long *args,
					       long ret, const void *scratch)
{
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 0));
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 2));
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 3));
}

static size_t lttng_sc_pl_epoll_pwait_entry_fetch(const unsigned long *args,
						  long ret, void *scratch)
{
	return 3 * sizeof(int) + sizeof(long) + sizeof(size_t);
}

static void lttng_sc_pl_epoll_pwait_entry_write(struct lttng_event_ctx *ctx,
						const unsigned long *args,
						long ret, const void *scratch)
{
	lttng_sc_pl_epoll_wait_entry_write(ctx, args, ret, scratch);
	lttng_sc_pl_ulong(ctx, args[4]);
	lttng_sc_pl_ulong(ctx, args[5]);
}

/* The scratch area of the waits' exits: @len of @events, @overflow. */
struct lttng_sc_pl_epoll_events {
	u32 len;
	u8 overflow;
	struct epoll_event events[LTTNG_SC_PL_EPOLL_EVENTS];
};

/*
 * The whole bounded array is read, not only the ret events returned, as
 * LTTng-modules reads it: a fault anywhere in it records no event.
 */
static size_t lttng_sc_pl_epoll_wait_exit_fetch(const unsigned long *args,
						long ret, void *scratch)
{
	struct lttng_sc_pl_epoll_events *s = scratch;
	int maxevents = lttng_sc_pl_arg_int(args, 2);
	unsigned int nr;

	s->len = 0;
	s->overflow = 0;
	if (maxevents > 0 && ret > 0 && ret <= maxevents) {
		nr = min_t(unsigned int, maxevents, LTTNG_SC_PL_EPOLL_EVENTS);
		s->overflow = ret > nr;
		s->len = min_t(unsigned long, ret, nr);
		if (copy_from_user_nofault(s->events, lttng_sc_pl_uptr(args, 1),
					   nr * sizeof(struct epoll_event)))
			s->len = 0;
	}
	return sizeof(long) + sizeof(u32) + 1 +
	       s->len * LTTNG_SC_PL_EPOLL_EVENT_SIZE;
}

static void lttng_sc_pl_epoll_wait_exit_write(struct lttng_event_ctx *ctx,
					      const unsigned long *args,
					      long ret, const void *scratch)
{
	const struct lttng_sc_pl_epoll_events *s = scratch;
	unsigned int i;

	lttng_sc_pl_ret(ctx, ret);
	lttng_sc_pl_u32(ctx, s->len);
	lttng_sc_pl_u8(ctx, s->overflow);
	for (i = 0; i < s->len; i++)
		lttng_sc_pl_epoll_event_write(ctx, &s->events[i]);
}

/* ---- pipe, pipe2, socketpair ---------------------------------------------- */

/* The scratch area: the two fds, zeros if they cannot be read. */
static size_t lttng_sc_pl_fd_pair_fetch(const void __user *uptr, int *fds)
{
	if (!uptr || copy_from_user_nofault(fds, uptr, 2 * sizeof(int)))
		memset(fds, 0, 2 * sizeof(int));
	return sizeof(long) + 2 * sizeof(int);
}

/* pipe's and pipe2's fildes is argument 0. */
static size_t lttng_sc_pl_pipe_exit_fetch(const unsigned long *args,
					  long ret, void *scratch)
{
	return lttng_sc_pl_fd_pair_fetch(lttng_sc_pl_uptr(args, 0), scratch);
}

/* socketpair's usockvec is argument 3. */
static size_t lttng_sc_pl_socketpair_exit_fetch(const unsigned long *args,
						long ret, void *scratch)
{
	return lttng_sc_pl_fd_pair_fetch(lttng_sc_pl_uptr(args, 3), scratch);
}

static void lttng_sc_pl_fd_pair_write(struct lttng_event_ctx *ctx,
				      const unsigned long *args, long ret,
				      const void *scratch)
{
	lttng_sc_pl_ret(ctx, ret);
	lttng_event_write(ctx, scratch, 2 * sizeof(int));
}

/* pipe2's flags, socketpair's family, type and protocol: int arguments. */
static size_t lttng_sc_pl_pipe2_entry_fetch(const unsigned long *args,
					    long ret, void *scratch)
{
	return sizeof(int);
}

static void lttng_sc_pl_pipe2_entry_write(struct lttng_event_ctx *ctx,
					  const unsigned long *args, long ret,
					  const void *scratch)
{
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 1));
}

static size_t lttng_sc_pl_socketpair_entry_fetch(const unsigned long *args,
						 long ret, void *scratch)
{
	return 3 * sizeof(int);
}

static void lttng_sc_pl_socketpair_entry_write(struct lttng_event_ctx *ctx,
					       const unsigned long *args,
					       long ret, const void *scratch)
{
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 0));
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 1));
	lttng_sc_pl_int(ctx, lttng_sc_pl_arg_int(args, 2));
}

/* ---- the table ---------------------------------------------------------------- */

static_assert(sizeof(struct lttng_sc_pl_fdsets) <= LTTNG_SC_PL_SCRATCH_MAX);
static_assert(sizeof(struct lttng_sc_pl_pollfds) <= LTTNG_SC_PL_SCRATCH_MAX);
static_assert(sizeof(struct lttng_sc_pl_epoll_events) <= LTTNG_SC_PL_SCRATCH_MAX);

#define LTTNG_SC_PL(_ev, _f, _w)					\
	[LTTNG_SC_PL_##_ev] = {						\
		.fetch = lttng_sc_pl_##_f##_fetch,			\
		.write = lttng_sc_pl_##_w##_write,			\
	}

const struct lttng_sc_payload lttng_sc_payloads[LTTNG_SC_PL_NR] = {
	LTTNG_SC_PL(select_entry, select_entry, select_entry),
	LTTNG_SC_PL(select_exit, select_exit, select_exit),
	LTTNG_SC_PL(pselect6_entry, pselect6_entry, pselect6_entry),
	LTTNG_SC_PL(pselect6_exit, select_exit, select_exit),
	LTTNG_SC_PL(poll_entry, poll_entry, poll_entry),
	LTTNG_SC_PL(poll_exit, poll_exit, poll_exit),
	LTTNG_SC_PL(ppoll_entry, ppoll_entry, ppoll_entry),
	LTTNG_SC_PL(ppoll_exit, ppoll_exit, ppoll_exit),
	LTTNG_SC_PL(epoll_ctl_entry, epoll_ctl_entry, epoll_ctl_entry),
	LTTNG_SC_PL(epoll_ctl_exit, ret, ret),
	LTTNG_SC_PL(epoll_wait_entry, epoll_wait_entry, epoll_wait_entry),
	LTTNG_SC_PL(epoll_wait_exit, epoll_wait_exit, epoll_wait_exit),
	LTTNG_SC_PL(epoll_pwait_entry, epoll_pwait_entry, epoll_pwait_entry),
	LTTNG_SC_PL(epoll_pwait_exit, epoll_wait_exit, epoll_wait_exit),
	/* pipe's entry has no field, so no op, and no payload. */
	LTTNG_SC_PL(pipe_exit, pipe_exit, fd_pair),
	LTTNG_SC_PL(pipe2_entry, pipe2_entry, pipe2_entry),
	LTTNG_SC_PL(pipe2_exit, pipe_exit, fd_pair),
	LTTNG_SC_PL(socketpair_entry, socketpair_entry, socketpair_entry),
	LTTNG_SC_PL(socketpair_exit, socketpair_exit, fd_pair),
};
