// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: session, channel and event fds.
 *
 * Each of these fds holds a reference on its session, as in LTTng-modules:
 * the session lives until sessiond has closed all of them, and then dies
 * even though consumerd still holds the stream fds.
 */

#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <linux/lttng/control.h>
#include <uapi/linux/lttng.h>

#include "fd.h"
#include "objects.h"
#include "stream.h"

static int lttng_abi_channel_fd(struct lttng_channel *chan);

static bool lttng_abi_str_ok(const char *s, size_t size)
{
	return memchr(s, '\0', size);
}

static int lttng_abi_chan_params(void __user *uarg, struct lttng_chan_params *p)
{
	struct lttng_abi_channel c;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	if (c.overwrite != 0 && c.overwrite != 1) {
		pr_debug("lttng: channel: overwrite must be 0 or 1\n");
		return -EINVAL;
	}
	p->subbuf_size = c.subbuf_size;
	p->num_subbuf = c.num_subbuf;
	p->switch_timer_us = c.switch_timer_interval;
	p->read_timer_us = c.read_timer_interval;
	p->output = c.output;
	p->overwrite = c.overwrite;
	return lttng_channel_params_check(p);
}

static long lttng_session_add_channel(struct lttng_session *session,
				      void __user *uarg, bool metadata)
{
	struct lttng_chan_params p;
	struct lttng_channel *chan;
	int ret, fd;

	ret = lttng_abi_chan_params(uarg, &p);
	if (ret)
		return ret;
	chan = lttng_channel_create(session, &p, metadata);
	if (IS_ERR(chan))
		return PTR_ERR(chan);
	fd = lttng_abi_channel_fd(chan);
	if (fd < 0 && metadata)
		lttng_channel_destroy_metadata(chan);
	/* A data channel that lost its fd still dies with its session. */
	return fd;
}

static long lttng_session_channel_get(struct lttng_session *session,
				      void __user *uarg)
{
	struct lttng_abi_channel_get arg;
	struct lttng_channel *chan;
	u32 size;
	int ret;

	if (get_user(size, (u32 __user *)uarg))
		return -EFAULT;
	ret = copy_struct_from_user(&arg, sizeof(arg), uarg, size);
	if (ret)
		return ret;
	chan = lttng_channel_get_nth(session, arg.index);
	if (!chan)
		return -ENOENT;
	return lttng_abi_channel_fd(chan);
}

static long lttng_session_ioctl(struct file *file, unsigned int cmd,
				unsigned long arg)
{
	struct lttng_session *session = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case LTTNG_ABI_CHANNEL:
		return lttng_session_add_channel(session, uarg, false);
	case LTTNG_ABI_METADATA:
		return lttng_session_add_channel(session, uarg, true);
	case LTTNG_ABI_SESSION_START:
	case LTTNG_ABI_ENABLE:
		return lttng_session_start(session);
	case LTTNG_ABI_SESSION_STOP:
	case LTTNG_ABI_DISABLE:
		return lttng_session_stop(session);
	case LTTNG_ABI_SESSION_SET_NAME:
	case _IOR(LTTNG_ABI_IOC, 0x5D, struct lttng_abi_session_name): {
		struct lttng_abi_session_name n;

		if (copy_from_user(&n, uarg, sizeof(n)))
			return -EFAULT;
		return lttng_session_set_name(session, n.name);
	}
	case LTTNG_ABI_SESSION_SET_CREATION_TIME:
	case _IOR(LTTNG_ABI_IOC, 0x5E, struct lttng_abi_session_creation_time): {
		struct lttng_abi_session_creation_time t;

		if (copy_from_user(&t, uarg, sizeof(t)))
			return -EFAULT;
		return lttng_session_set_creation_time(session, t.iso8601);
	}
	case LTTNG_ABI_SESSION_CHANNEL_GET:
		return lttng_session_channel_get(session, uarg);
	case LTTNG_ABI_SESSION_STATEDUMP:
		return lttng_session_statedump(session);
	case LTTNG_ABI_SESSION_METADATA_REGEN:
		return lttng_session_metadata_regen(session);
	case LTTNG_ABI_SESSION_TRACK_PID:
	case LTTNG_ABI_SESSION_UNTRACK_PID:
		/* The pid is the argument itself, not a pointer. */
		return lttng_session_track(session, LTTNG_ABI_TRACKER_PID,
					   (s32)arg,
					   cmd == LTTNG_ABI_SESSION_TRACK_PID);
	case LTTNG_ABI_SESSION_TRACK_ID:
	case LTTNG_ABI_SESSION_UNTRACK_ID: {
		struct lttng_abi_tracker_args t;

		if (copy_from_user(&t, uarg, sizeof(t)))
			return -EFAULT;
		return lttng_session_track(session, t.type, t.id,
					   cmd == LTTNG_ABI_SESSION_TRACK_ID);
	}
	}
	return -ENOTTY;
}

static int lttng_session_release_fd(struct inode *inode, struct file *file)
{
	lttng_session_put(file->private_data);
	return 0;
}

static const struct file_operations lttng_session_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = lttng_session_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.release = lttng_session_release_fd,
	.llseek = noop_llseek,
};

/**
 * lttng_abi_session_fd() - make a session fd
 * @session: the session; the fd takes over one reference on success
 *
 * Return: the fd, or a negative errno.
 */
int lttng_abi_session_fd(struct lttng_session *session)
{
	return lttng_abi_fd_install("[lttng_session]", &lttng_session_fops,
				    session, 0);
}

/*
 * The bytecode's header is checked here; the enabler keeps it, and says
 * whether it runs (lttng_enabler_set_filter()).
 */
static long lttng_event_set_filter(struct lttng_enabler *enabler,
				   void __user *uarg)
{
	struct lttng_abi_filter_bytecode hdr, *bc;

	if (copy_from_user(&hdr, uarg, sizeof(hdr)))
		return -EFAULT;
	if (!hdr.len || hdr.len > LTTNG_ABI_FILTER_MAX_LEN ||
	    hdr.reloc_offset > hdr.len) {
		pr_debug("lttng: filter: bad length %u or relocation offset %u\n",
			 hdr.len, hdr.reloc_offset);
		return -EINVAL;
	}
	bc = memdup_user(uarg, sizeof(hdr) + hdr.len);
	if (IS_ERR(bc))
		return PTR_ERR(bc);
	/* User space may have changed the header since the first copy. */
	bc->len = hdr.len;
	return lttng_enabler_set_filter(enabler, bc);
}

/* ADD_CALLSITE: one more call site of a uprobe event. */
static long lttng_event_add_callsite(struct lttng_enabler *enabler,
				     void __user *uarg)
{
	struct lttng_abi_event_callsite cs;

	if (copy_from_user(&cs, uarg, sizeof(cs)))
		return -EFAULT;
	return lttng_enabler_add_callsite(enabler, cs.u.uprobe.offset);
}

static long lttng_event_ioctl(struct file *file, unsigned int cmd,
			      unsigned long arg)
{
	struct lttng_enabler *enabler = file->private_data;

	switch (cmd) {
	case LTTNG_ABI_ENABLE:
		return lttng_enabler_set_enabled(enabler, true);
	case LTTNG_ABI_DISABLE:
		return lttng_enabler_set_enabled(enabler, false);
	case LTTNG_ABI_FILTER:
		return lttng_event_set_filter(enabler, (void __user *)arg);
	case LTTNG_ABI_ADD_CALLSITE:
		return lttng_event_add_callsite(enabler, (void __user *)arg);
	}
	return -ENOTTY;
}

static int lttng_event_release_fd(struct inode *inode, struct file *file)
{
	struct lttng_enabler *enabler = file->private_data;

	lttng_session_put(lttng_channel_session(lttng_enabler_channel(enabler)));
	return 0;
}

static const struct file_operations lttng_event_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = lttng_event_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.release = lttng_event_release_fd,
	.llseek = noop_llseek,
};

static long lttng_channel_add_event(struct lttng_channel *chan,
				    void __user *uarg)
{
	struct lttng_event_spec spec = {};
	struct lttng_enabler *enabler;
	struct lttng_abi_event *ev;
	int fd;

	ev = memdup_user(uarg, sizeof(*ev));
	if (IS_ERR(ev))
		return PTR_ERR(ev);
	if (!lttng_abi_str_ok(ev->name, sizeof(ev->name))) {
		pr_debug("lttng: event: unterminated name\n");
		fd = -EINVAL;
		goto out;
	}
	if (ev->instrumentation == LTTNG_ABI_SYSCALL &&
	    ev->u.syscall.match != LTTNG_ABI_SYSCALL_MATCH_NAME) {
		pr_debug("lttng: event: syscalls are matched by name, not number\n");
		fd = -EINVAL;
		goto out;
	}
	spec.name = ev->name;
	spec.instrumentation = ev->instrumentation;
	switch (ev->instrumentation) {
	case LTTNG_ABI_SYSCALL:
		spec.sc_entryexit = ev->u.syscall.entryexit;
		spec.sc_abi = ev->u.syscall.abi;
		break;
	case LTTNG_ABI_KPROBE:
	case LTTNG_ABI_KRETPROBE:
		/* The kretprobe's fields begin as the kprobe's. */
		spec.symbol = ev->u.kprobe.symbol_name;
		spec.addr = ev->u.kprobe.addr;
		spec.offset = ev->u.kprobe.offset;
		/*
		 * lttng-tools 2.13 sends an address probe with its offset
		 * equal to its address (its serialization copies the one
		 * into the other), and a symbol's offset as 0.  An offset as
		 * large as the kernel address it is added to means nothing
		 * else: the probe is at the address.
		 */
		if (!spec.symbol[0] && spec.addr && spec.offset == spec.addr)
			spec.offset = 0;
		break;
	case LTTNG_ABI_FUNCTION:
		spec.symbol = ev->u.ftrace.symbol_name;
		break;
	case LTTNG_ABI_UPROBE:
		spec.fd = ev->u.uprobe.fd;
		break;
	}
	if (spec.symbol &&
	    !lttng_abi_str_ok(spec.symbol, LTTNG_ABI_SYM_NAME_LEN)) {
		pr_debug("lttng: event: unterminated symbol name\n");
		fd = -EINVAL;
		goto out;
	}
	enabler = lttng_enabler_create(chan, &spec);
	if (IS_ERR(enabler)) {
		fd = PTR_ERR(enabler);
		goto out;
	}
	lttng_session_get(lttng_channel_session(chan));
	fd = lttng_abi_fd_install("[lttng_event]", &lttng_event_fops,
				  enabler, 0);
	/* The enabler itself stays with the channel, as a disabled one. */
	if (fd < 0)
		lttng_session_put(lttng_channel_session(chan));
out:
	kfree(ev);
	return fd;
}

/*
 * SYSCALL_MASK: when @umask->len is below the number of bits, only the
 * needed number is written back, so that the caller can size its buffer.
 */
static long lttng_channel_get_syscall_mask(struct lttng_channel *chan,
					   struct lttng_abi_syscall_mask __user *umask)
{
	const u32 nbits = lttng_syscall_list_len();
	u32 len, nbytes = DIV_ROUND_UP(nbits, BITS_PER_BYTE);
	u8 *bits;
	int ret = 0;

	if (get_user(len, &umask->len))
		return -EFAULT;
	if (len < nbits)
		return put_user(nbits, &umask->len);
	bits = kzalloc(nbytes, GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	lttng_channel_syscall_mask(chan, bits);
	if (put_user(nbits, &umask->len) ||
	    copy_to_user(umask->mask, bits, nbytes))
		ret = -EFAULT;
	kfree(bits);
	return ret;
}

static long lttng_channel_ioctl(struct file *file, unsigned int cmd,
				unsigned long arg)
{
	struct lttng_channel *chan = file->private_data;

	if (lttng_channel_is_metadata(chan)) {
		if (cmd == LTTNG_ABI_STREAM)
			return lttng_abi_metadata_stream_fd(chan);
		return -ENOTTY;
	}
	switch (cmd) {
	case LTTNG_ABI_STREAM:
		return lttng_abi_stream_fd(chan);
	case LTTNG_ABI_EVENT:
		return lttng_channel_add_event(chan, (void __user *)arg);
	case LTTNG_ABI_ENABLE:
		return lttng_channel_enable(chan);
	case LTTNG_ABI_DISABLE:
		return lttng_channel_disable(chan);
	case LTTNG_ABI_SYSCALL_MASK:
		return lttng_channel_get_syscall_mask(chan, (void __user *)arg);
	case LTTNG_ABI_CONTEXT: {
		struct lttng_abi_context c;

		/* The perf counter part is not validated: see the ABI. */
		if (copy_from_user(&c, (void __user *)arg, sizeof(c)))
			return -EFAULT;
		return lttng_channel_add_context(chan, c.ctx);
	}
	}
	return -ENOTTY;
}

/* Readable while some per-CPU buffer has no stream fd yet. */
static __poll_t lttng_channel_poll(struct file *file, poll_table *wait)
{
	struct lttng_channel *chan = file->private_data;
	struct lttng_rb_chan *rb = lttng_channel_rb(chan);
	int i, n = lttng_rb_chan_nr_bufs(rb);

	if (lttng_channel_is_metadata(chan))
		return 0;
	if (!lttng_channel_is_enabled(chan))
		return EPOLLERR;
	for (i = 0; i < n; i++) {
		struct lttng_rb_buf *buf = lttng_rb_chan_buf(rb, i);

		if (buf && !lttng_rb_buf_has_reader(buf))
			return EPOLLIN | EPOLLRDNORM;
	}
	return 0;
}

static int lttng_channel_release_fd(struct inode *inode, struct file *file)
{
	struct lttng_channel *chan = file->private_data;
	struct lttng_session *session = lttng_channel_session(chan);

	if (lttng_channel_is_metadata(chan))
		lttng_channel_destroy_metadata(chan);
	lttng_session_put(session);
	return 0;
}

static const struct file_operations lttng_channel_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = lttng_channel_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.poll = lttng_channel_poll,
	.release = lttng_channel_release_fd,
	.llseek = noop_llseek,
};

static int lttng_abi_channel_fd(struct lttng_channel *chan)
{
	int fd;

	lttng_session_get(lttng_channel_session(chan));
	fd = lttng_abi_fd_install(lttng_channel_is_metadata(chan) ?
				  "[lttng_metadata]" : "[lttng_channel]",
				  &lttng_channel_fops, chan, 0);
	if (fd < 0)
		lttng_session_put(lttng_channel_session(chan));
	return fd;
}
