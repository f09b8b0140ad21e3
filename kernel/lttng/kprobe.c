// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: kprobes and kretprobes as dynamic probes.
 *
 * KPROBE: one event, recorded by the kprobe's pre-handler, with the
 * probed address (kprobe.addr: the symbol's address plus the offset, moved
 * past an ENDBR instruction by the kernel at a function's entry).
 *
 * KRETPROBE: NAME_entry and NAME_exit, each with the probed address and
 * the caller's return address.  function.c hooks the same two events
 * through the function-graph API where ftrace can; this is the path for
 * the rest.
 *
 * The kernel checks the address (kprobes' blacklist, __kprobes text, an
 * instruction boundary) and answers with its errno, which the EVENT
 * command returns: -ENOENT for an unknown symbol, -EINVAL for a refused
 * address, -EILSEQ for an offset inside an instruction.  An offset past
 * the end of the function is refused here, with -EINVAL.  A probe in a
 * module is disarmed by kprobes when the module goes, and stays
 * registered, harmless, until its channel is destroyed.
 */

#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/slab.h>
#include <uapi/linux/lttng.h>

#include "dynamic-probe.h"

/* Concurrent calls a function's exit is followed through; more are missed. */
#define LTTNG_KRETPROBE_MAXACTIVE	64

struct lttng_kprobe {
	struct kprobe kp;
	struct lttng_dynprobe *dp;
};

struct lttng_kretprobe {
	struct kretprobe krp;
	struct lttng_dynprobe *dp;
};

static void lttng_kprobe_explain(const struct lttng_dynprobe *dp,
				 const struct kprobe *kp, int ret)
{
	const char *why = "";

	if (ret == -EINVAL && kp->addr &&
	    within_kprobe_blacklist((unsigned long)kp->addr))
		why = " (on the kprobe blacklist)";
	else if (ret == -ENOENT)
		why = " (no such symbol)";
	else if (ret == -EILSEQ)
		why = " (not on an instruction boundary)";
	if (dp->symbol)
		pr_info_ratelimited("lttng: %s '%s': cannot probe %s+0x%llx: %d%s\n",
				    dp->via, dp->descs[0].name, dp->symbol,
				    dp->offset, ret, why);
	else
		pr_info_ratelimited("lttng: %s '%s': cannot probe 0x%lx+0x%llx: %d%s\n",
				    dp->via, dp->descs[0].name, dp->addr,
				    dp->offset, ret, why);
}

/*
 * The kernel takes SYMBOL+OFFSET (or ADDR+OFFSET) to be in whichever
 * function holds that address: an offset past the end of the symbol's
 * function would silently probe the next one, under the user's name for
 * this one.  -EINVAL for that; a symbol or address that is in no function
 * is left to register_kprobe(), whose -ENOENT says so.
 */
static int lttng_kprobe_check_offset(const struct lttng_dynprobe *dp)
{
	unsigned long base = dp->addr, size, off;

	if (!dp->offset)
		return 0;
	if (dp->symbol)
		base = kallsyms_lookup_name(dp->symbol);
	if (!base || !kallsyms_lookup_size_offset(base, &size, &off))
		return 0;
	if (dp->offset < size - off)
		return 0;
	pr_info_ratelimited("lttng: %s '%s': offset 0x%llx is past the end of the function (%lu bytes)\n",
			    dp->via, dp->descs[0].name, dp->offset, size - off);
	return -EINVAL;
}

static void lttng_kprobe_target(const struct lttng_dynprobe *dp,
				struct kprobe *kp)
{
	/* The kernel resolves the symbol, and refuses a symbol and an address. */
	kp->symbol_name = dp->symbol;
	kp->addr = dp->symbol ? NULL : (kprobe_opcode_t *)dp->addr;
	kp->offset = dp->offset;
}

static int lttng_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct lttng_kprobe *lk = container_of(kp, struct lttng_kprobe, kp);

	lttng_dynprobe_record(lk->dp, LTTNG_DYNPROBE_ENTRY,
			      (unsigned long)kp->addr, 0);
	return 0;
}

/**
 * lttng_kprobe_create() - hook a KPROBE dynamic probe
 * @dp: the probe, with its symbol or address and offset
 *
 * Return: 0, -ENOMEM, -EINVAL for an offset past the end of the function,
 * or register_kprobe()'s error.
 */
int lttng_kprobe_create(struct lttng_dynprobe *dp)
{
	struct lttng_kprobe *lk;
	int ret;

	dp->via = "kprobe";
	ret = lttng_kprobe_check_offset(dp);
	if (ret)
		return ret;
	lk = kzalloc(sizeof(*lk), GFP_KERNEL);
	if (!lk)
		return -ENOMEM;
	lk->dp = dp;
	lttng_kprobe_target(dp, &lk->kp);
	lk->kp.pre_handler = lttng_kprobe_pre;
	ret = register_kprobe(&lk->kp);
	if (ret) {
		lttng_kprobe_explain(dp, &lk->kp, ret);
		kfree(lk);
		return ret;
	}
	dp->priv = lk;
	return 0;
}

/**
 * lttng_kprobe_destroy() - unhook a KPROBE dynamic probe
 * @dp: the probe; its handler has run for the last time on return
 */
void lttng_kprobe_destroy(struct lttng_dynprobe *dp)
{
	struct lttng_kprobe *lk = dp->priv;

	unregister_kprobe(&lk->kp);
	kfree(lk);
}

#ifdef CONFIG_KRETPROBES
/*
 * The return address at a function's entry, before the function has
 * touched its stack: kretprobes set the instance's return address only
 * after the entry handler ran.
 */
static unsigned long lttng_kretprobe_entry_ret(struct pt_regs *regs)
{
#if defined(CONFIG_X86)
	return regs_get_kernel_stack_nth(regs, 0);
#elif defined(CONFIG_ARM64)
	return procedure_link_pointer(regs);
#else
	return 0;
#endif
}

static int lttng_kretprobe_entry(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	struct kretprobe *krp = get_kretprobe(ri);
	struct lttng_kretprobe *lk = container_of(krp, struct lttng_kretprobe,
						  krp);

	lttng_dynprobe_record(lk->dp, LTTNG_DYNPROBE_ENTRY,
			      (unsigned long)krp->kp.addr,
			      lttng_kretprobe_entry_ret(regs));
	return 0;
}

static int lttng_kretprobe_exit(struct kretprobe_instance *ri,
				struct pt_regs *regs)
{
	struct kretprobe *krp = get_kretprobe(ri);
	struct lttng_kretprobe *lk = container_of(krp, struct lttng_kretprobe,
						  krp);

	lttng_dynprobe_record(lk->dp, LTTNG_DYNPROBE_EXIT,
			      (unsigned long)krp->kp.addr,
			      get_kretprobe_retaddr(ri));
	return 0;
}

/**
 * lttng_kretprobe_create() - hook a function's entry and exit with a kretprobe
 * @dp: the probe, with its symbol or address and offset
 *
 * Return: 0, -ENOMEM, -EINVAL for an offset past the end of the function,
 * or register_kretprobe()'s error (-EINVAL for an offset that is not the
 * function's entry).
 */
int lttng_kretprobe_create(struct lttng_dynprobe *dp)
{
	struct lttng_kretprobe *lk;
	int ret;

	dp->via = "kretprobe";
	ret = lttng_kprobe_check_offset(dp);
	if (ret)
		return ret;
	lk = kzalloc(sizeof(*lk), GFP_KERNEL);
	if (!lk)
		return -ENOMEM;
	lk->dp = dp;
	lttng_kprobe_target(dp, &lk->krp.kp);
	lk->krp.entry_handler = lttng_kretprobe_entry;
	lk->krp.handler = lttng_kretprobe_exit;
	lk->krp.maxactive = LTTNG_KRETPROBE_MAXACTIVE;
	ret = register_kretprobe(&lk->krp);
	if (ret) {
		lttng_kprobe_explain(dp, &lk->krp.kp, ret);
		kfree(lk);
		return ret;
	}
	dp->priv = lk;
	return 0;
}

/**
 * lttng_kretprobe_destroy() - unhook a kretprobe dynamic probe
 * @dp: the probe; its handlers have run for the last time on return
 */
void lttng_kretprobe_destroy(struct lttng_dynprobe *dp)
{
	struct lttng_kretprobe *lk = dp->priv;

	unregister_kretprobe(&lk->krp);
	kfree(lk);
}
#endif /* CONFIG_KRETPROBES */
