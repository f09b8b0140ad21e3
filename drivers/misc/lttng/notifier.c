// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the event-notifier group fd, its notification and
 * counter fds, and the event-notifier fds: the ABI side of triggers.  The
 * group, its queue and its counter are the core's (kernel/lttng/notifier.c,
 * through <linux/lttng/control.h>); this file checks what user space sends.
 *
 * lttng-sessiond creates a group at every start; once it has one, it
 * requires a notification fd that it can epoll and an error counter (one
 * dimension of 4096 64-bit slots by default).  A kernel trigger becomes an
 * EVENT_NOTIFIER_CREATE, then ENABLE; its removal is DISABLE and close.
 *
 * Supported: tracepoint and syscall notifiers, by name or star-glob, and
 * kprobe and uprobe ones (a uprobe's call sites with ADD_CALLSITE).
 * Refused: kretprobe, function and noop with -EINVAL, as LTTng-modules
 * refuses them; FILTER and CAPTURE with -ENOSYS, since no bytecode
 * interpreter runs yet.
 *
 * The group fd, its notification fds, its counter fd and its notifiers
 * each hold a reference on the group.
 */

#include <linux/bits.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/lttng/control.h>
#include <linux/overflow.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <uapi/linux/lttng.h>

#include "fd.h"
#include "notifier.h"

/* The error counter's slots, at most, over all its dimensions. */
#define LTTNG_NOTIFIER_SLOTS_MAX	BIT(16)

/**
 * struct lttng_notifier_counter - the group's error counter fd
 * @group: its group (a reference)
 * @ndim: dimensions
 * @size: slots per dimension; the core's counter is their product
 */
struct lttng_notifier_counter {
	struct lttng_notifier_group *group;
	u32 ndim;
	u64 size[LTTNG_ABI_COUNTER_DIMENSION_MAX];
};

/* ---- the notification fd ------------------------------------------------ */

static __poll_t lttng_notification_poll(struct file *file, poll_table *wait)
{
	return lttng_notifier_group_poll(file->private_data, file, wait);
}

/* Whole 42-byte records; a shorter read takes part of one (core). */
static ssize_t lttng_notification_read(struct file *file, char __user *ubuf,
				       size_t len, loff_t *ppos)
{
	return lttng_notifier_group_read(file->private_data, ubuf, len,
					 file->f_flags & O_NONBLOCK);
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

/*
 * A slot of the counter, as READ, AGGREGATE and CLEAR name it: its index
 * in the core's counter, row-major, in @slot.
 */
static int lttng_notifier_index_check(const struct lttng_notifier_counter *c,
				      const struct lttng_abi_counter_index *idx,
				      u64 *slot)
{
	u32 i;

	if (idx->number_dimensions != c->ndim) {
		pr_debug("lttng: counter: %u dimensions, not %u\n",
			 idx->number_dimensions, c->ndim);
		return -EINVAL;
	}
	*slot = 0;
	for (i = 0; i < c->ndim; i++) {
		if (idx->dimension_indexes[i] >= c->size[i]) {
			pr_debug("lttng: counter: index %llu past %llu\n",
				 idx->dimension_indexes[i], c->size[i]);
			return -EINVAL;
		}
		*slot = *slot * c->size[i] + idx->dimension_indexes[i];
	}
	return 0;
}

/*
 * READ and AGGREGATE: check the padding and the slot, then write back the
 * value part only.  The counter is global: a CPU's part is its whole.
 */
static long lttng_counter_answer(const struct lttng_notifier_counter *c,
				 const struct lttng_abi_counter_index *idx,
				 const u8 *padding, size_t padding_len,
				 struct lttng_abi_counter_value __user *uvalue)
{
	struct lttng_abi_counter_value v = {};
	u64 slot;
	int ret;

	if (!lttng_notifier_zero(padding, padding_len))
		return -EINVAL;
	ret = lttng_notifier_index_check(c, idx, &slot);
	if (ret)
		return ret;
	v.value = lttng_notifier_errors_value(c->group, slot, false);
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
	u64 slot;
	int ret;

	if (copy_from_user(&cl, uarg, sizeof(cl)))
		return -EFAULT;
	if (!lttng_notifier_zero(cl.padding, sizeof(cl.padding)))
		return -EINVAL;
	ret = lttng_notifier_index_check(c, &cl.index, &slot);
	if (ret)
		return ret;
	lttng_notifier_errors_value(c->group, slot, true);
	return 0;
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

	lttng_notifier_errors_destroy(c->group);
	lttng_notifier_group_put(c->group);
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

/*
 * COUNTER: the group's one error counter, modular, 32 or 64 bits, of at
 * most LTTNG_NOTIFIER_SLOTS_MAX slots over all its dimensions.
 */
static long lttng_notifier_counter_create(struct lttng_notifier_group *group,
					  void __user *uarg)
{
	struct lttng_abi_counter_conf conf;
	struct lttng_notifier_counter *c;
	u64 slots = 1;
	int fd;
	u32 i;

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
		    conf.dimensions[i].size > LTTNG_NOTIFIER_SLOTS_MAX ||
		    check_mul_overflow(slots, conf.dimensions[i].size, &slots) ||
		    slots > LTTNG_NOTIFIER_SLOTS_MAX) {
			pr_debug("lttng: counter: dimension %u of %llu slots (at most %lu in all)\n",
				 i, conf.dimensions[i].size,
				 LTTNG_NOTIFIER_SLOTS_MAX);
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

	fd = lttng_notifier_errors_create(group, slots);
	if (fd)
		goto err_free;
	lttng_notifier_group_get(group);
	fd = lttng_abi_fd_install("[lttng_counter]", &lttng_counter_fops, c, 0);
	if (fd < 0)
		goto err_errors;
	return fd;

err_errors:
	lttng_notifier_group_put(group);
	lttng_notifier_errors_destroy(group);
err_free:
	kfree(c);
	return fd;
}

/* ---- the event-notifier fd -------------------------------------------------- */

/* FILTER and CAPTURE: refused until a bytecode interpreter runs them. */
static long lttng_notifier_bytecode(void)
{
	pr_info_once("lttng: filters and captures on kernel triggers are not supported yet\n");
	return -ENOSYS;
}

/* ADD_CALLSITE: one more call site of a uprobe notifier. */
static long lttng_notifier_callsite(struct lttng_notifier *notifier,
				    void __user *uarg)
{
	struct lttng_abi_event_callsite cs;

	if (copy_from_user(&cs, uarg, sizeof(cs)))
		return -EFAULT;
	return lttng_notifier_add_callsite(notifier, cs.u.uprobe.offset);
}

static long lttng_notifier_ioctl(struct file *file, unsigned int cmd,
				 unsigned long arg)
{
	struct lttng_notifier *notifier = file->private_data;

	switch (cmd) {
	case LTTNG_ABI_ENABLE:
		return lttng_notifier_set_enabled(notifier, true);
	case LTTNG_ABI_DISABLE:
		return lttng_notifier_set_enabled(notifier, false);
	case LTTNG_ABI_FILTER:
		return lttng_notifier_bytecode();
	case LTTNG_ABI_CAPTURE:
		return lttng_notifier_bytecode();
	case LTTNG_ABI_ADD_CALLSITE:
		return lttng_notifier_callsite(notifier, (void __user *)arg);
	}
	return -ENOTTY;
}

static int lttng_notifier_release(struct inode *inode, struct file *file)
{
	lttng_notifier_destroy(file->private_data);
	return 0;
}

static const struct file_operations lttng_notifier_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = lttng_notifier_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.release = lttng_notifier_release,
	.llseek = noop_llseek,
};

/* ---- the group fd --------------------------------------------------------- */

/* What EVENT_NOTIFIER_CREATE may ask for; 0 or the errno of a refusal. */
static int lttng_notifier_check(const struct lttng_abi_event_notifier *en)
{
	const struct lttng_abi_event *ev = &en->event;

	if (!memchr(ev->name, '\0', sizeof(ev->name)) || !ev->name[0]) {
		pr_debug("lttng: notifier: empty or unterminated name\n");
		return -EINVAL;
	}
	if (!lttng_notifier_zero(ev->padding, sizeof(ev->padding)) ||
	    !lttng_notifier_zero(en->padding, sizeof(en->padding))) {
		pr_debug("lttng: notifier: '%s': non-zero padding\n", ev->name);
		return -EINVAL;
	}
	switch (ev->instrumentation) {
	case LTTNG_ABI_TRACEPOINT:
		return 0;
	case LTTNG_ABI_SYSCALL:
		/* lttng-tools sends abi ALL and match NAME, as LTTng-modules takes. */
		if (ev->u.syscall.entryexit > LTTNG_ABI_SYSCALL_EXIT ||
		    ev->u.syscall.abi || ev->u.syscall.match) {
			pr_debug("lttng: notifier: '%s': syscall entryexit %u, abi %u, match %u\n",
				 ev->name, ev->u.syscall.entryexit,
				 ev->u.syscall.abi, ev->u.syscall.match);
			return -EINVAL;
		}
		return 0;
	case LTTNG_ABI_KPROBE:
		if (!memchr(ev->u.kprobe.symbol_name, '\0',
			    sizeof(ev->u.kprobe.symbol_name))) {
			pr_debug("lttng: notifier: '%s': unterminated symbol\n",
				 ev->name);
			return -EINVAL;
		}
		return 0;
	case LTTNG_ABI_UPROBE:
		return 0;
	}
	pr_debug("lttng: notifier: '%s': instrumentation %u cannot notify\n",
		 ev->name, ev->instrumentation);
	return -EINVAL;
}

static long lttng_notifier_create_fd(struct lttng_notifier_group *group,
				     void __user *uarg)
{
	struct lttng_event_spec spec = {};
	struct lttng_abi_event_notifier *en;
	struct lttng_notifier *notifier;
	int fd;

	en = memdup_user(uarg, sizeof(*en));
	if (IS_ERR(en))
		return PTR_ERR(en);
	fd = lttng_notifier_check(en);
	if (fd)
		goto out;
	spec.name = en->event.name;
	spec.instrumentation = en->event.instrumentation;
	switch (spec.instrumentation) {
	case LTTNG_ABI_SYSCALL:
		spec.sc_entryexit = en->event.u.syscall.entryexit;
		break;
	case LTTNG_ABI_KPROBE:
		spec.symbol = en->event.u.kprobe.symbol_name;
		spec.addr = en->event.u.kprobe.addr;
		spec.offset = en->event.u.kprobe.offset;
		break;
	case LTTNG_ABI_UPROBE:
		spec.fd = en->event.u.uprobe.fd;
		break;
	}
	notifier = lttng_notifier_create(group, &spec, en->event.token,
					 en->error_counter_index);
	if (IS_ERR(notifier)) {
		fd = PTR_ERR(notifier);
		goto out;
	}
	fd = lttng_abi_fd_install("[lttng_event_notifier]",
				  &lttng_notifier_fops, notifier, 0);
	if (fd < 0)
		lttng_notifier_destroy(notifier);
out:
	kfree(en);
	return fd;
}

static long lttng_notifier_group_ioctl(struct file *file, unsigned int cmd,
				       unsigned long arg)
{
	struct lttng_notifier_group *group = file->private_data;
	void __user *uarg = (void __user *)arg;
	int fd;

	switch (cmd) {
	case LTTNG_ABI_EVENT_NOTIFIER_GROUP_NOTIFICATION_FD:
		lttng_notifier_group_get(group);
		fd = lttng_abi_fd_install("[lttng_notification]",
					  &lttng_notification_fops, group, 0);
		if (fd < 0)
			lttng_notifier_group_put(group);
		return fd;
	case LTTNG_ABI_COUNTER:
		return lttng_notifier_counter_create(group, uarg);
	case LTTNG_ABI_EVENT_NOTIFIER_CREATE:
		return lttng_notifier_create_fd(group, uarg);
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

	group = lttng_notifier_group_create();
	if (!group)
		return -ENOMEM;
	fd = lttng_abi_fd_install("[lttng_event_notifier_group]",
				  &lttng_notifier_group_fops, group, 0);
	if (fd < 0)
		lttng_notifier_group_put(group);
	return fd;
}
