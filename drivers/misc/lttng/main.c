// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the misc device /dev/lttng and the tracer fd.
 *
 * Opening /dev/lttng gives the tracer fd, a factory of sessions in the
 * style of /dev/kvm.  Every object fd is made the same way: reserve the
 * fd, build the object, make the file, and install the fd last, so that
 * user space never sees a half-built object.
 */

#include <linux/anon_inodes.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/moduleparam.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>

#include "internal.h"
#include "abi.h"

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

static void *lttng_tp_list_start(struct seq_file *m, loff_t *pos)
{
	const struct lttng_event_desc *desc = NULL;
	loff_t n = *pos;

	do {
		desc = lttng_probe_next_desc(desc);
	} while (desc && n--);
	return (void *)desc;
}

static void *lttng_tp_list_next(struct seq_file *m, void *v, loff_t *pos)
{
	(*pos)++;
	return (void *)lttng_probe_next_desc(v);
}

static void lttng_tp_list_stop(struct seq_file *m, void *v)
{
}

static int lttng_tp_list_show(struct seq_file *m, void *v)
{
	const struct lttng_event_desc *desc = v;

	seq_printf(m, "event { name = %s; };\n", desc->name);
	return 0;
}

static const struct seq_operations lttng_tp_list_seq_ops = {
	.start = lttng_tp_list_start,
	.next = lttng_tp_list_next,
	.stop = lttng_tp_list_stop,
	.show = lttng_tp_list_show,
};

static const struct file_operations lttng_list_fops = {
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

static int lttng_abi_list_fd(const struct seq_operations *ops)
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

static long lttng_abi_session_create(void)
{
	struct lttng_session *session;
	int fd;

	session = lttng_session_create("");
	if (!session)
		return -ENOMEM;
	fd = lttng_abi_session_fd(session);
	if (fd < 0)
		lttng_session_put(session);
	return fd;
}

static long lttng_abi_session_attach(void __user *uarg)
{
	struct lttng_abi_session_attach arg;
	struct lttng_session *session;
	u32 size;
	int fd, ret;

	if (get_user(size, (u32 __user *)uarg))
		return -EFAULT;
	ret = copy_struct_from_user(&arg, sizeof(arg), uarg, size);
	if (ret)
		return ret;
	if (arg.flags || !memchr(arg.name, '\0', sizeof(arg.name))) {
		pr_debug("lttng: attach: bad flags or unterminated name\n");
		return -EINVAL;
	}
	session = lttng_session_find(arg.name);
	if (!session)
		return -ENOENT;
	fd = lttng_abi_session_fd(session);
	if (fd < 0)
		lttng_session_put(session);
	return fd;
}

static long lttng_tracer_ioctl(struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case LTTNG_ABI_SESSION:
		return lttng_abi_session_create();
	case LTTNG_ABI_TRACER_VERSION: {
		struct lttng_abi_tracer_version v = {
			.major = LTTNG_ABI_TRACER_MAJOR,
			.minor = LTTNG_ABI_TRACER_MINOR,
			.patchlevel = LTTNG_ABI_TRACER_PATCHLEVEL,
		};

		return copy_to_user(uarg, &v, sizeof(v)) ? -EFAULT : 0;
	}
	case LTTNG_ABI_TRACER_ABI_VERSION: {
		struct lttng_abi_tracer_abi_version v = {
			.major = LTTNG_ABI_MAJOR,
			.minor = LTTNG_ABI_MINOR,
		};

		return copy_to_user(uarg, &v, sizeof(v)) ? -EFAULT : 0;
	}
	case LTTNG_ABI_TRACEPOINT_LIST:
		return lttng_abi_list_fd(&lttng_tp_list_seq_ops);
	case LTTNG_ABI_SYSCALL_LIST:
		return lttng_abi_list_fd(&lttng_syscall_list_seq_ops);
	case LTTNG_ABI_WAIT_QUIESCENT:
		tracepoint_synchronize_unregister();
		return 0;
	case LTTNG_ABI_EVENT_NOTIFIER_GROUP_CREATE:
		/* No triggers yet: sessiond goes on without them. */
		return -ENOSYS;
	case LTTNG_ABI_SESSION_ATTACH:
		return lttng_abi_session_attach(uarg);
	}
	return -ENOTTY;
}

/*
 * Besides CAP_SYS_ADMIN, the members of one group may trace: the gid is
 * lttng.tracing_group= on the command line, CONFIG_LTTNG_TRACING_GROUP
 * by default, -1 for none.  The node is mode 0666 so that everyone else
 * reaches this check and gets -EPERM, not the VFS's -EACCES.
 */
#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "lttng."

static int lttng_tracing_group = CONFIG_LTTNG_TRACING_GROUP;
module_param_named(tracing_group, lttng_tracing_group, int, 0444);
MODULE_PARM_DESC(tracing_group,
		 "gid whose members may use /dev/lttng (-1: CAP_SYS_ADMIN only)");

static bool lttng_may_trace(void)
{
	int gid = READ_ONCE(lttng_tracing_group);

	if (capable(CAP_SYS_ADMIN))
		return true;
	return gid >= 0 && in_group_p(make_kgid(&init_user_ns, gid));
}

static int lttng_tracer_open(struct inode *inode, struct file *file)
{
	if (!lttng_may_trace()) {
		pr_debug("lttng: open denied to pid %d\n", task_pid_nr(current));
		return -EPERM;
	}
	return 0;
}

static const struct file_operations lttng_tracer_fops = {
	.owner = THIS_MODULE,
	.open = lttng_tracer_open,
	.unlocked_ioctl = lttng_tracer_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice lttng_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lttng",
	.fops = &lttng_tracer_fops,
	.mode = 0666,
};

static int __init lttng_abi_init(void)
{
	int ret;

	ret = misc_register(&lttng_misc);
	if (ret) {
		pr_err("lttng: cannot register /dev/lttng: %d\n", ret);
		return ret;
	}
	if (IS_ENABLED(CONFIG_LTTNG_PROCFS_COMPAT) &&
	    !proc_symlink("lttng", NULL, "/dev/lttng"))
		pr_warn("lttng: cannot create /proc/lttng\n");
	return 0;
}
device_initcall(lttng_abi_init);
