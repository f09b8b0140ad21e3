// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the event-notifier group, as far as it goes without
 * triggers.
 *
 * lttng-sessiond creates a group at every start, whatever the ABI minor,
 * and once it has one it requires a notification fd that it can epoll and
 * an error counter of 4096 64-bit slots.  Refusing the group made sessiond
 * log an error at every start (fatal under LTTNG_ABORT_ON_ERROR), accept
 * kernel triggers that it could neither list nor remove, and hang at
 * shutdown.  So the group exists, and says what it can do:
 *
 *  - its notification fd is never readable: no event notifier ever fires;
 *  - its counter counts nothing: every slot reads 0 and clears to 0;
 *  - EVENT_NOTIFIER_CREATE fails with -ENOSYS, so that `lttng add-trigger`
 *    refuses a kernel condition when it is added, not later.
 *
 * The group, its notification fds and its counter fd each hold a
 * reference on the group.
 */

#include <linux/bits.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <uapi/linux/lttng.h>

#include "fd.h"
#include "notifier.h"

/* The largest counter dimension: sessiond asks for 4096 slots. */
#define LTTNG_NOTIFIER_DIM_MAX		BIT(20)

/**
 * struct lttng_notifier_group - an event-notifier group
 * @ref: the group fd, its notification fds and its counter fd
 * @lock: protects @has_counter
 * @has_counter: the group's one error counter exists
 */
struct lttng_notifier_group {
	struct kref ref;
	struct mutex lock;		/* @has_counter */
	bool has_counter;
};

/**
 * struct lttng_notifier_counter - the group's error counter
 * @group: its group (a reference)
 * @ndim: dimensions
 * @size: slots per dimension
 */
struct lttng_notifier_counter {
	struct lttng_notifier_group *group;
	u32 ndim;
	u64 size[LTTNG_ABI_COUNTER_DIMENSION_MAX];
};

static void lttng_notifier_group_release(struct kref *ref)
{
	kfree(container_of(ref, struct lttng_notifier_group, ref));
}

static void lttng_notifier_group_put(struct lttng_notifier_group *group)
{
	kref_put(&group->ref, lttng_notifier_group_release);
}

/* ---- the notification fd ------------------------------------------------ */

/* Never readable, so nothing to wait on: epoll takes it all the same. */
static __poll_t lttng_notification_poll(struct file *file, poll_table *wait)
{
	return 0;
}

/* Nothing is ever readable: no event notifier can be created. */
static ssize_t lttng_notification_read(struct file *file, char __user *ubuf,
				       size_t len, loff_t *ppos)
{
	return -EAGAIN;
}

static int lttng_notification_release(struct inode *inode, struct file *file)
{
	lttng_notifier_group_put(file->private_data);
	return 0;
}

static const struct file_operations lttng_notification_fops = {
	.owner = THIS_MODULE,
	.poll = lttng_notification_poll,
	.read = lttng_notification_read,
	.release = lttng_notification_release,
	.llseek = noop_llseek,
};

/* ---- the error counter ---------------------------------------------------- */

static bool lttng_notifier_zero(const u8 *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

/* A slot of the counter, as READ, AGGREGATE and CLEAR name it. */
static int lttng_notifier_index_check(const struct lttng_notifier_counter *c,
				      const struct lttng_abi_counter_index *idx)
{
	u32 i;

	if (idx->number_dimensions != c->ndim) {
		pr_debug("lttng: counter: %u dimensions, not %u\n",
			 idx->number_dimensions, c->ndim);
		return -EINVAL;
	}
	for (i = 0; i < c->ndim; i++) {
		if (idx->dimension_indexes[i] >= c->size[i]) {
			pr_debug("lttng: counter: index %llu past %llu\n",
				 idx->dimension_indexes[i], c->size[i]);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * READ and AGGREGATE: check the padding and the slot, then write back the
 * value part only, always 0.
 */
static long lttng_counter_answer(const struct lttng_notifier_counter *c,
				 const struct lttng_abi_counter_index *idx,
				 const u8 *padding, size_t padding_len,
				 struct lttng_abi_counter_value __user *uvalue)
{
	struct lttng_abi_counter_value v = {};
	int ret;

	if (!lttng_notifier_zero(padding, padding_len))
		return -EINVAL;
	ret = lttng_notifier_index_check(c, idx);
	if (ret)
		return ret;
	return copy_to_user(uvalue, &v, sizeof(v)) ? -EFAULT : 0;
}

static long lttng_counter_read(struct lttng_notifier_counter *c,
			       struct lttng_abi_counter_read __user *uarg)
{
	struct lttng_abi_counter_read r;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.cpu != -1 &&
	    (r.cpu < 0 || r.cpu >= nr_cpu_ids || !cpu_possible(r.cpu)))
		return -EINVAL;
	return lttng_counter_answer(c, &r.index, r.padding, sizeof(r.padding),
				    &uarg->value);
}

static long lttng_counter_aggregate(struct lttng_notifier_counter *c,
				    struct lttng_abi_counter_aggregate __user *uarg)
{
	struct lttng_abi_counter_aggregate a;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	return lttng_counter_answer(c, &a.index, a.padding, sizeof(a.padding),
				    &uarg->value);
}

static long lttng_counter_clear(struct lttng_notifier_counter *c,
				struct lttng_abi_counter_clear __user *uarg)
{
	struct lttng_abi_counter_clear cl;

	if (copy_from_user(&cl, uarg, sizeof(cl)))
		return -EFAULT;
	if (!lttng_notifier_zero(cl.padding, sizeof(cl.padding)))
		return -EINVAL;
	return lttng_notifier_index_check(c, &cl.index);
}

static long lttng_counter_ioctl(struct file *file, unsigned int cmd,
				unsigned long arg)
{
	struct lttng_notifier_counter *c = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case LTTNG_ABI_COUNTER_READ:
		return lttng_counter_read(c, uarg);
	case LTTNG_ABI_COUNTER_AGGREGATE:
		return lttng_counter_aggregate(c, uarg);
	case LTTNG_ABI_COUNTER_CLEAR:
		return lttng_counter_clear(c, uarg);
	}
	return -ENOTTY;
}

static int lttng_counter_release(struct inode *inode, struct file *file)
{
	struct lttng_notifier_counter *c = file->private_data;
	struct lttng_notifier_group *group = c->group;

	mutex_lock(&group->lock);
	group->has_counter = false;
	mutex_unlock(&group->lock);
	lttng_notifier_group_put(group);
	kfree(c);
	return 0;
}

static const struct file_operations lttng_counter_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = lttng_counter_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.release = lttng_counter_release,
	.llseek = noop_llseek,
};

/* COUNTER: the group's one error counter, modular, 32 or 64 bits. */
static long lttng_notifier_counter_create(struct lttng_notifier_group *group,
					  void __user *uarg)
{
	struct lttng_abi_counter_conf conf;
	struct lttng_notifier_counter *c;
	u32 i;
	int fd;

	if (copy_from_user(&conf, uarg, sizeof(conf)))
		return -EFAULT;
	if (conf.arithmetic != 0 || conf.bitness > 1 ||
	    !conf.number_dimensions ||
	    conf.number_dimensions > LTTNG_ABI_COUNTER_DIMENSION_MAX) {
		pr_debug("lttng: counter: arithmetic %u, bitness %u, %u dimensions\n",
			 conf.arithmetic, conf.bitness, conf.number_dimensions);
		return -EINVAL;
	}
	for (i = 0; i < conf.number_dimensions; i++) {
		if (!conf.dimensions[i].size ||
		    conf.dimensions[i].size > LTTNG_NOTIFIER_DIM_MAX) {
			pr_debug("lttng: counter: dimension %u of %llu slots\n",
				 i, conf.dimensions[i].size);
			return -EINVAL;
		}
	}
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->ndim = conf.number_dimensions;
	for (i = 0; i < c->ndim; i++)
		c->size[i] = conf.dimensions[i].size;
	c->group = group;

	mutex_lock(&group->lock);
	if (group->has_counter) {
		fd = -EBUSY;
		goto err;
	}
	kref_get(&group->ref);
	fd = lttng_abi_fd_install("[lttng_counter]", &lttng_counter_fops, c, 0);
	if (fd < 0) {
		lttng_notifier_group_put(group);
		goto err;
	}
	group->has_counter = true;
	mutex_unlock(&group->lock);
	return fd;
err:
	mutex_unlock(&group->lock);
	kfree(c);
	return fd;
}

/* ---- the group fd --------------------------------------------------------- */

static long lttng_notifier_create(void __user *uarg)
{
	struct lttng_abi_event_notifier en;

	if (copy_from_user(&en, uarg, sizeof(en)))
		return -EFAULT;
	pr_info_ratelimited("lttng: kernel triggers are not supported yet: event notifier '%.*s' refused\n",
			    (int)sizeof(en.event.name), en.event.name);
	return -ENOSYS;
}

static long lttng_notifier_group_ioctl(struct file *file, unsigned int cmd,
				       unsigned long arg)
{
	struct lttng_notifier_group *group = file->private_data;
	void __user *uarg = (void __user *)arg;
	int fd;

	switch (cmd) {
	case LTTNG_ABI_EVENT_NOTIFIER_GROUP_NOTIFICATION_FD:
		kref_get(&group->ref);
		fd = lttng_abi_fd_install("[lttng_notification]",
					  &lttng_notification_fops, group, 0);
		if (fd < 0)
			lttng_notifier_group_put(group);
		return fd;
	case LTTNG_ABI_COUNTER:
		return lttng_notifier_counter_create(group, uarg);
	case LTTNG_ABI_EVENT_NOTIFIER_CREATE:
		return lttng_notifier_create(uarg);
	}
	return -ENOTTY;
}

static int lttng_notifier_group_release_fd(struct inode *inode,
					   struct file *file)
{
	lttng_notifier_group_put(file->private_data);
	return 0;
}

static const struct file_operations lttng_notifier_group_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = lttng_notifier_group_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.release = lttng_notifier_group_release_fd,
	.llseek = noop_llseek,
};

/**
 * lttng_abi_notifier_group_fd() - EVENT_NOTIFIER_GROUP_CREATE
 *
 * Return: the group fd, or a negative errno.
 */
int lttng_abi_notifier_group_fd(void)
{
	struct lttng_notifier_group *group;
	int fd;

	group = kzalloc(sizeof(*group), GFP_KERNEL);
	if (!group)
		return -ENOMEM;
	kref_init(&group->ref);
	mutex_init(&group->lock);
	fd = lttng_abi_fd_install("[lttng_event_notifier_group]",
				  &lttng_notifier_group_fops, group, 0);
	if (fd < 0)
		kfree(group);
	return fd;
}
