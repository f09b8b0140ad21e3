// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: uprobes as dynamic probes.
 *
 * UPROBE: the EVENT command names a binary by a file descriptor of the
 * caller (lttng-sessiond opens it); each ADD_CALLSITE command then adds
 * one probed offset in that file, and every call site records the one
 * event, with the user-space address it fired at (ip).  The probe keeps
 * the file's inode, not the file, and lives until its channel goes.
 *
 * Uprobes' handlers run in the task's context, preemptible; the record
 * path needs preemption disabled, and the teardown's synchronize_rcu()
 * then waits for them.  Call sites are added under the graph mutex
 * (dynamic.c), so the list needs no lock of its own.
 */

#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/ptrace.h>
#include <linux/slab.h>
#include <linux/uprobes.h>

#include "dynamic-probe.h"

/* More call sites for one event than any binary's SDT notes give. */
#define LTTNG_UPROBE_MAX_SITES	4096

struct lttng_uprobe_site {
	struct list_head node;
	struct uprobe_consumer uc;
	struct uprobe *uprobe;
	struct lttng_dynprobe *dp;
};

struct lttng_uprobe {
	struct inode *inode;
	struct list_head sites;
	unsigned int nr_sites;
};

static int lttng_uprobe_handler(struct uprobe_consumer *uc,
				struct pt_regs *regs)
{
	struct lttng_uprobe_site *site = container_of(uc,
						      struct lttng_uprobe_site,
						      uc);

	preempt_disable_notrace();
	lttng_dynprobe_record(site->dp, LTTNG_DYNPROBE_ENTRY,
			      instruction_pointer(regs), 0);
	preempt_enable_notrace();
	return 0;
}

/**
 * lttng_uprobe_create() - start a UPROBE dynamic probe on a file
 * @dp: the probe
 * @fd: a file descriptor of the caller naming the binary
 *
 * Return: 0, -EBADF for a bad descriptor, -EINVAL for a file that is not
 * a regular file, or -ENOMEM.
 */
int lttng_uprobe_create(struct lttng_dynprobe *dp, int fd)
{
	struct lttng_uprobe *lu;
	struct inode *inode;
	struct file *file;

	dp->via = "uprobe";
	file = fget(fd);
	if (!file) {
		pr_debug("lttng: uprobe '%s': bad file descriptor %d\n",
			 dp->descs[0].name, fd);
		return -EBADF;
	}
	/*
	 * The inode whose pages the binary is mapped from: on overlayfs, the
	 * real one of the layer below, as ftrace's uprobe events take it
	 * (the overlay's own inode has no pages to put a breakpoint in).
	 */
	inode = d_real_inode(file->f_path.dentry);
	if (!S_ISREG(inode->i_mode)) {
		pr_info_ratelimited("lttng: uprobe '%s': file descriptor %d is not a regular file\n",
				    dp->descs[0].name, fd);
		fput(file);
		return -EINVAL;
	}
	lu = kzalloc(sizeof(*lu), GFP_KERNEL);
	if (!lu) {
		fput(file);
		return -ENOMEM;
	}
	lu->inode = igrab(inode);
	fput(file);
	if (!lu->inode) {
		kfree(lu);
		return -EBADF;
	}
	INIT_LIST_HEAD(&lu->sites);
	dp->priv = lu;
	return 0;
}

/**
 * lttng_uprobe_add_callsite() - probe one more offset of a UPROBE's file
 * @dp: the probe
 * @offset: the offset in the file, as lttng-tools computes it from the
 *	ELF symbol or SDT note
 *
 * Return: 0, -ENOMEM, -ENOSPC past LTTNG_UPROBE_MAX_SITES, or
 * uprobe_register()'s error (-EINVAL for an offset past the file's end).
 */
int lttng_uprobe_add_callsite(struct lttng_dynprobe *dp, u64 offset)
{
	struct lttng_uprobe *lu = dp->priv;
	struct lttng_uprobe_site *site;
	struct uprobe *uprobe;

	if (lu->nr_sites == LTTNG_UPROBE_MAX_SITES)
		return -ENOSPC;
	if (offset > LLONG_MAX)
		return -EINVAL;
	site = kzalloc(sizeof(*site), GFP_KERNEL);
	if (!site)
		return -ENOMEM;
	site->dp = dp;
	site->uc.handler = lttng_uprobe_handler;
	uprobe = uprobe_register(lu->inode, offset, 0, &site->uc);
	if (IS_ERR(uprobe)) {
		pr_info_ratelimited("lttng: uprobe '%s': cannot probe offset 0x%llx: %ld\n",
				    dp->descs[0].name, offset, PTR_ERR(uprobe));
		kfree(site);
		return PTR_ERR(uprobe);
	}
	site->uprobe = uprobe;
	list_add_tail(&site->node, &lu->sites);
	lu->nr_sites++;
	return 0;
}

/**
 * lttng_uprobe_destroy() - unhook every call site of a UPROBE
 * @dp: the probe; its handlers have run for the last time on return
 */
void lttng_uprobe_destroy(struct lttng_dynprobe *dp)
{
	struct lttng_uprobe *lu = dp->priv;
	struct lttng_uprobe_site *site, *tmp;

	list_for_each_entry(site, &lu->sites, node)
		uprobe_unregister_nosync(site->uprobe, &site->uc);
	if (!list_empty(&lu->sites))
		uprobe_unregister_sync();
	list_for_each_entry_safe(site, tmp, &lu->sites, node)
		kfree(site);
	iput(lu->inode);
	kfree(lu);
}
