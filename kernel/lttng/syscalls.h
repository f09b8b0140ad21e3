/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: system call events (syscalls.c), over the tables of
 * syscall-tables.h.  SYSCALL_LIST's seq_operations and length are in
 * <linux/lttng/control.h>.
 */
#ifndef _LTTNG_SYSCALLS_H
#define _LTTNG_SYSCALLS_H

#include <linux/types.h>

#include "syscall-tables.h"

struct lttng_channel;
struct lttng_event;

const struct lttng_event_desc *lttng_syscall_next_desc(const struct lttng_event_desc *prev);
const char *lttng_syscall_name(const struct lttng_event_desc *desc);
bool lttng_syscall_compat(const struct lttng_event_desc *desc);
unsigned int lttng_syscall_slot(long id);
int lttng_syscall_hook(struct lttng_event *event);
void lttng_syscall_unhook(struct lttng_event *event);
void lttng_syscall_mask(struct lttng_channel *chan, u8 *bits);

#if IS_ENABLED(CONFIG_KUNIT)
/* syscalls.c, for syscalls_kunit.c. */
size_t lttng_sc_data_len(const struct lttng_sc_op *op,
			 const unsigned long *args, long ret, bool exit);
long lttng_sc_fetch_string(char *dst, const void __user *src);
#endif

#endif /* _LTTNG_SYSCALLS_H */
