// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: function entry, and entry and exit, through ftrace.
 *
 * FUNCTION (the ABI's entry-only type): an ftrace_ops whose filter is the
 * symbol, which may be a glob in ftrace's filter syntax (ext4_*), and one
 * event with the function's ftrace address (ip) and the caller's return
 * address (parent_ip).  Nothing is saved but what ftrace passes: no
 * pt_regs.
 *
 * KRETPROBE at a function's entry, when ftrace can hook the function:
 * a function-graph user (struct fgraph_ops) whose filter is the function.
 * Its entry callback records NAME_entry and its return callback
 * NAME_exit, each with the return address ftrace keeps for the call on
 * the task's shadow stack.  Neither saves pt_regs, neither takes an int3,
 * and the return needs no rethook object: this is what makes it cheaper
 * than a kretprobe and than an fprobe, which save the registers at both
 * ends.
 * The kernel allows FGRAPH_ARRAY_SIZE function-graph users at once, and
 * some functions are not traceable; dynamic.c then falls back to a
 * kretprobe (kprobe.c), with the same events.
 *
 * The recursion guard of ftrace (ftrace_test_recursion_trylock()) runs
 * before the record path, and the record path itself is not traceable
 * (kernel/lttng/Makefile), so probing a function the record path calls
 * loses that nested event and nothing else.
 */

#include <linux/ftrace.h>
#include <linux/kallsyms.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/trace_recursion.h>
#include <uapi/linux/lttng.h>

#include "dynamic-probe.h"

struct lttng_function {
	struct ftrace_ops ops;
	struct lttng_dynprobe *dp;
};

static void lttng_function_entry(unsigned long ip, unsigned long parent_ip,
				 struct ftrace_ops *ops,
				 struct ftrace_regs *fregs)
{
	struct lttng_function *lf = container_of(ops, struct lttng_function,
						 ops);
	int bit;

	/* Disables preemption, which the record path needs. */
	bit = ftrace_test_recursion_trylock(ip, parent_ip);
	if (bit < 0)
		return;
	lttng_dynprobe_record(lf->dp, LTTNG_DYNPROBE_ENTRY, ip, parent_ip);
	ftrace_test_recursion_unlock(bit);
}

/*
 * ftrace_set_filter() says -EINVAL when nothing matches: -ENOENT when no
 * symbol has that name either, -EINVAL for a function ftrace cannot hook.
 */
static int lttng_function_nomatch(const struct lttng_dynprobe *dp, int ret)
{
	if (ret != -EINVAL)
		return ret;
	if (strpbrk(dp->symbol, "*?[") || !kallsyms_lookup_name(dp->symbol)) {
		pr_info_ratelimited("lttng: ftrace '%s': no traceable function matches '%s'\n",
				    dp->descs[0].name, dp->symbol);
		return -ENOENT;
	}
	pr_info_ratelimited("lttng: ftrace '%s': '%s' is not a traceable function\n",
			    dp->descs[0].name, dp->symbol);
	return -EINVAL;
}

/**
 * lttng_function_create() - hook FUNCTION, a function's entry, with ftrace
 * @dp: the probe, whose symbol may be a glob
 *
 * Return: 0, -ENOMEM, -ENOENT when no traceable function matches,
 * -EINVAL for a function ftrace cannot hook, or ftrace's error.
 */
int lttng_function_create(struct lttng_dynprobe *dp)
{
	struct lttng_function *lf;
	char *filter;
	int ret;

	lf = kzalloc(sizeof(*lf), GFP_KERNEL);
	filter = kstrdup(dp->symbol, GFP_KERNEL);
	if (!lf || !filter) {
		ret = -ENOMEM;
		goto err;
	}
	lf->dp = dp;
	lf->ops.func = lttng_function_entry;
	dp->via = "ftrace";
	ret = ftrace_set_filter(&lf->ops, filter, strlen(filter), 1);
	if (ret) {
		ret = lttng_function_nomatch(dp, ret);
		goto err_filter;
	}
	ret = register_ftrace_function(&lf->ops);
	if (ret) {
		pr_info_ratelimited("lttng: ftrace '%s': cannot hook '%s': %d\n",
				    dp->descs[0].name, dp->symbol, ret);
		goto err_filter;
	}
	kfree(filter);
	dp->priv = lf;
	return 0;

err_filter:
	ftrace_free_filter(&lf->ops);
err:
	kfree(filter);
	kfree(lf);
	return ret;
}

/**
 * lttng_function_destroy() - unhook a FUNCTION dynamic probe
 * @dp: the probe; its callback has run for the last time on return
 */
void lttng_function_destroy(struct lttng_dynprobe *dp)
{
	struct lttng_function *lf = dp->priv;

	/* A dynamically allocated ops: this waits for the callbacks in flight. */
	unregister_ftrace_function(&lf->ops);
	ftrace_free_filter(&lf->ops);
	kfree(lf);
}

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
/*
 * @ip: the function's ftrace location, which ftrace gives the callbacks
 *	as the function's address.  A return callback is also called for
 *	calls its entry callback never saw: 6.12's function graph sets bit 0
 *	of every frame's bitmap of users, so the user with index 0 gets every
 *	return of every function any user hooks.  Both callbacks check it.
 */
struct lttng_fgraph {
	struct fgraph_ops gops;
	struct lttng_dynprobe *dp;
	unsigned long ip;
};

/*
 * The frame ftrace pushed for this call holds its return address.  At
 * the return, ftrace pops the frame only after the return callbacks
 * (__ftrace_return_to_handler()), so that the callbacks find it on top
 * of the shadow stack at both ends, and nothing needs to be kept with
 * fgraph_reserve_data().
 */
static unsigned long lttng_fgraph_parent(void)
{
	struct ftrace_ret_stack *frame = ftrace_graph_get_ret_stack(current, 0);

	return frame ? frame->ret : 0;
}

static int lttng_fgraph_entry(struct ftrace_graph_ent *trace,
			      struct fgraph_ops *gops)
{
	struct lttng_fgraph *lg = container_of(gops, struct lttng_fgraph, gops);

	if (trace->func != lg->ip)
		return 0;
	/* Under ftrace's recursion guard, with preemption disabled. */
	lttng_dynprobe_record(lg->dp, LTTNG_DYNPROBE_ENTRY, trace->func,
			      lttng_fgraph_parent());
	return 1;
}

static void lttng_fgraph_return(struct ftrace_graph_ret *trace,
				struct fgraph_ops *gops)
{
	struct lttng_fgraph *lg = container_of(gops, struct lttng_fgraph, gops);

	if (trace->func != lg->ip)
		return;
	/* The return path runs preemptible. */
	preempt_disable_notrace();
	lttng_dynprobe_record(lg->dp, LTTNG_DYNPROBE_EXIT, trace->func,
			      lttng_fgraph_parent());
	preempt_enable_notrace();
}

/**
 * lttng_fgraph_create() - hook a function's entry and exit with ftrace
 * @dp: the probe, on a function's entry (no offset)
 *
 * Return: 0, -ENOMEM, -ENOENT for a function ftrace cannot hook (or no
 * such symbol), -ENOSPC when every function-graph slot of the kernel is
 * taken, or ftrace's error.  The caller falls back to a kretprobe.
 */
int lttng_fgraph_create(struct lttng_dynprobe *dp)
{
	unsigned long addr = dp->addr;
	unsigned long ip = 0;
	struct lttng_fgraph *lg;
	int ret;

	if (dp->offset)
		return -EINVAL;
	if (dp->symbol)
		addr = kallsyms_lookup_name(dp->symbol);
	if (addr)
		ip = ftrace_location(addr);
	if (!ip)
		return -ENOENT;
	lg = kzalloc(sizeof(*lg), GFP_KERNEL);
	if (!lg)
		return -ENOMEM;
	lg->dp = dp;
	lg->ip = ip;
	lg->gops.entryfunc = lttng_fgraph_entry;
	lg->gops.retfunc = lttng_fgraph_return;
	ret = ftrace_set_filter_ip(&lg->gops.ops, addr, 0, 0);
	if (ret)
		goto err;
	ret = register_ftrace_graph(&lg->gops);
	if (ret)
		goto err;
	dp->via = "fgraph";
	dp->priv = lg;
	return 0;
err:
	ftrace_free_filter(&lg->gops.ops);
	kfree(lg);
	return ret;
}

/**
 * lttng_fgraph_destroy() - unhook a function's entry and exit from ftrace
 * @dp: the probe; its callbacks have run for the last time on return
 */
void lttng_fgraph_destroy(struct lttng_dynprobe *dp)
{
	struct lttng_fgraph *lg = dp->priv;

	unregister_ftrace_graph(&lg->gops);
	/*
	 * A return callback may be about to run on a task that was preempted
	 * on its way out of a probed function, with our fgraph_ops in hand:
	 * wait for every task to pass a voluntary switch.  The entry
	 * callbacks run with preemption disabled, which this waits for too.
	 */
	synchronize_rcu_tasks();
	ftrace_free_filter(&lg->gops.ops);
	kfree(lg);
}
#endif /* CONFIG_FUNCTION_GRAPH_TRACER */
