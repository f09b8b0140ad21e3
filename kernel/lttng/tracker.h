/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the pid, vpid, uid, vuid, gid and vgid trackers
 * (tracker.c).  The sets hang off struct lttng_session.
 */
#ifndef _LTTNG_TRACKER_H
#define _LTTNG_TRACKER_H

#include <linux/types.h>

struct lttng_session;

/* A bound on each set, so that user space cannot pin unbounded memory. */
#define LTTNG_TRACKER_MAX_IDS	65536

int lttng_tracker_update(struct lttng_session *session, u32 type, s32 id,
			 bool track);
void lttng_tracker_free_all(struct lttng_session *session);
bool lttng_tracker_pass(const struct lttng_session *session);

#endif /* _LTTNG_TRACKER_H */
