// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the misc device /dev/lttng and the tracer fd.
 *
 * Opening /dev/lttng gives the tracer fd, a factory of sessions in the
 * style of /dev/kvm.  Every object fd is made the same way (fd.c), so that
 * user space never sees a half-built object.  The device's files import
 * each other in one direction only:
 *
 *	main.c ──> objects.c ──> stream.c ──> fd.c
 *	   └─────> notifier.c ───────────────┘
 *
 * and the tracer core only through <linux/lttng/control.h>.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/moduleparam.h>
#include <linux/proc_fs.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>

#include <linux/lttng/control.h>
#include <uapi/linux/lttng.h>

#include "fd.h"
#include "notifier.h"
#include "objects.h"

static long lttng_abi_session_create(void)
{
	struct lttng_session *session;
	int fd;

	session = lttng_session_create("", false);
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
		return lttng_abi_fd_list(&lttng_probe_list_seq_ops);
	case LTTNG_ABI_SYSCALL_LIST:
		return lttng_abi_fd_list(&lttng_syscall_list_seq_ops);
	case LTTNG_ABI_WAIT_QUIESCENT:
		tracepoint_synchronize_unregister();
		return 0;
	case LTTNG_ABI_EVENT_NOTIFIER_GROUP_CREATE:
		/* An honest group, with no trigger support yet: notifier.c. */
		return lttng_abi_notifier_group_fd();
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
	/* A boot parameter, read-only in sysfs: one plain snapshot. */
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
	lttng_trace_events_ready();
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
