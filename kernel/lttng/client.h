/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the CTF framing of data channels (client.c).
 */
#ifndef _LTTNG_CLIENT_H
#define _LTTNG_CLIENT_H

struct lttng_channel;
struct lttng_rb_config;

struct lttng_rb_chan *lttng_client_chan_create(struct lttng_channel *chan,
					       const struct lttng_rb_config *cfg);

#endif /* _LTTNG_CLIENT_H */
