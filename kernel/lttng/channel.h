/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: channels, for the session code (channel.c).  The misc
 * device's calls are in <linux/lttng/control.h>.
 */
#ifndef _LTTNG_CHANNEL_H
#define _LTTNG_CHANNEL_H

struct lttng_channel;

void lttng_channel_free(struct lttng_channel *chan);

#endif /* _LTTNG_CHANNEL_H */
