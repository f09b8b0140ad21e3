/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the stream fds (stream.c).
 */
#ifndef _LTTNG_ABI_STREAM_H
#define _LTTNG_ABI_STREAM_H

struct lttng_channel;

int lttng_abi_stream_fd(struct lttng_channel *chan);
int lttng_abi_metadata_stream_fd(struct lttng_channel *chan);

#endif /* _LTTNG_ABI_STREAM_H */
