/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the session, channel and event fds (objects.c).
 */
#ifndef _LTTNG_ABI_OBJECTS_H
#define _LTTNG_ABI_OBJECTS_H

struct lttng_session;

int lttng_abi_session_fd(struct lttng_session *session);

#endif /* _LTTNG_ABI_OBJECTS_H */
