/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the misc device's internal interfaces.
 */
#ifndef _LTTNG_ABI_H
#define _LTTNG_ABI_H

#include <linux/fs.h>

struct lttng_session;
struct lttng_channel;

int lttng_abi_fd_install(const char *name, const struct file_operations *fops,
			 void *priv, fmode_t fmode);
int lttng_abi_session_fd(struct lttng_session *session);
int lttng_abi_stream_fd(struct lttng_channel *chan);
int lttng_abi_metadata_stream_fd(struct lttng_channel *chan);

#endif /* _LTTNG_ABI_H */
