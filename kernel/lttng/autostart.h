/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: lttng.autostart=, the boot session (autostart.c).
 */
#ifndef _LTTNG_AUTOSTART_H
#define _LTTNG_AUTOSTART_H

#include <linux/lttng/control.h>
#include <linux/types.h>

#include "graph.h"

#define LTTNG_AUTOSTART_MAX_EVENTS	32
#define LTTNG_AUTOSTART_NAME_LEN	64

/**
 * struct lttng_autostart_event - one event item of lttng.autostart=
 * @name: event name or glob; for syscalls, the bare syscall name; for
 *	dynamic probes, the item after its prefix (SYMBOL[+OFFSET])
 * @instrumentation: enum lttng_abi_instrumentation: TRACEPOINT, SYSCALL,
 *	KPROBE, KRETPROBE (function:) or FUNCTION (function-entry:)
 * @entryexit: syscalls: enum lttng_abi_syscall_entryexit
 * @symbol: dynamic probes: the symbol (a glob for FUNCTION); else empty
 * @offset: kprobes: the offset after the symbol
 */
struct lttng_autostart_event {
	char name[LTTNG_AUTOSTART_NAME_LEN];
	u32 instrumentation;
	u32 entryexit;
	char symbol[LTTNG_AUTOSTART_NAME_LEN];
	u64 offset;
};

/**
 * struct lttng_autostart_spec - a parsed lttng.autostart= value
 * @name: session name
 * @params: the channel's shape
 * @nr_events: number of @events
 * @events: event items
 * @nr_ctx: number of @ctx
 * @ctx: context types, enum lttng_abi_context_type, in record order
 */
struct lttng_autostart_spec {
	char name[LTTNG_AUTOSTART_NAME_LEN];
	struct lttng_chan_params params;
	unsigned int nr_events;
	struct lttng_autostart_event events[LTTNG_AUTOSTART_MAX_EVENTS];
	unsigned int nr_ctx;
	u8 ctx[LTTNG_CTX_MAX];
};

int lttng_autostart_parse(const char *str, struct lttng_autostart_spec *spec);

struct lttng_session *lttng_autostart_session(void);

#endif /* _LTTNG_AUTOSTART_H */
