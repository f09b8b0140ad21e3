/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the statedump (statedump.c).
 */
#ifndef _LTTNG_STATEDUMP_H
#define _LTTNG_STATEDUMP_H

struct lttng_session;

int lttng_statedump(struct lttng_session *session);

#endif /* _LTTNG_STATEDUMP_H */
