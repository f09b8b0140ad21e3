/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: how the misc device makes its fds (fd.c).
 */
#ifndef _LTTNG_ABI_FD_H
#define _LTTNG_ABI_FD_H

#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/types.h>

int lttng_abi_fd_install(const char *name, const struct file_operations *fops,
			 void *priv, fmode_t fmode);
int lttng_abi_fd_list(const struct seq_operations *ops);

#endif /* _LTTNG_ABI_FD_H */
