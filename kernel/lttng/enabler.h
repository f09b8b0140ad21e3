/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: enablers and the events they make and arm, for the
 * session and channel code (enabler.c).  The misc device's calls are in
 * <linux/lttng/control.h>.  All of them run under lttng_graph_mutex.
 */
#ifndef _LTTNG_ENABLER_H
#define _LTTNG_ENABLER_H

struct lttng_session;
struct lttng_channel;
struct lttng_probe_desc;

int lttng_enabler_sync(struct lttng_session *session);
void lttng_enabler_sync_channel(struct lttng_channel *chan);
void lttng_enabler_unhook_all(struct lttng_session *session);
void lttng_enabler_free_all(struct lttng_channel *chan);
void lttng_enabler_sync_all(void);
void lttng_enabler_provider_gone(const struct lttng_probe_desc *provider);

#endif /* _LTTNG_ENABLER_H */
