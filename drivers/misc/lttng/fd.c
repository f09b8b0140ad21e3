// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: how the misc device makes its fds, the KVM way: reserve
 * the fd, build the object, make the file, and install the fd last.
 */

#include <linux/anon_inodes.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/seq_file.h>

#include "fd.h"

/**
 * lttng_abi_fd_install() - make an object fd, the KVM way
 * @name: anon inode name
 * @fops: its operations
 * @priv: its private data; still the caller's to free on failure
 * @fmode: extra f_mode bits (FMODE_PREAD for streams)
 *
 * Return: the fd, or a negative errno.
 */
int lttng_abi_fd_install(const char *name, const struct file_operations *fops,
			 void *priv, fmode_t fmode)
{
	struct file *file;
	int fd;

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = anon_inode_getfile(name, fops, priv, O_RDWR);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	file->f_mode |= fmode;
	fd_install(fd, file);
	return fd;
}

static const struct file_operations lttng_list_fops = {
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

/**
 * lttng_abi_fd_list() - a read-only fd on a seq_file
 * @ops: what the file lists
 *
 * Return: the fd, or a negative errno.
 */
int lttng_abi_fd_list(const struct seq_operations *ops)
{
	struct file *file;
	int fd, ret;

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = anon_inode_getfile("[lttng_list]", &lttng_list_fops, NULL,
				  O_RDONLY);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		goto err_fd;
	}
	ret = seq_open(file, ops);
	if (ret)
		goto err_file;
	fd_install(fd, file);
	return fd;
err_file:
	fput(file);
err_fd:
	put_unused_fd(fd);
	return ret;
}
