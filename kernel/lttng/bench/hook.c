// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the benchmark's empty hooks (CONFIG_LTTNG_BENCH, test
 * only).
 *
 * A dynamic probe costs the kernel's mechanism (the ftrace call site and
 * trampoline, a kprobe's handler, the function graph's shadow stack, a
 * kretprobe's return trampoline) plus what the tracer does in its
 * callbacks.  Writing a mechanism's name to
 * /sys/kernel/debug/lttng_bench/hook hooks the benchmark's target with it,
 * with callbacks that do nothing, so that make bench measures the first
 * part alone:
 *
 *	ftrace			an ftrace_ops on lttng_bench_probed()
 *	fgraph			a function-graph user on it, whose entry
 *				callback asks for the return
 *	kprobe			a kprobe on its entry (an ftrace hook where
 *				KPROBES_ON_FTRACE)
 *	kprobe_opt		a kprobe on the instruction after its
 *				__fentry__ call: a breakpoint, or an
 *				optprobe's jump
 *	kretprobe		a kretprobe on it
 *	kretprobe_notrace	a kretprobe on lttng_bench_probed_notrace(),
 *				which ftrace cannot hook
 *	none			no hook
 *
 * One hook at a time; reading the file gives its name.  The kprobes are
 * optimized, where they can be, before the write returns.
 */

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "hook.h"
#include "target.h"

/**
 * struct bench_hook - one mechanism
 * @name: what the hook file takes
 * @attach: hook the target; NULL when the kernel lacks the mechanism
 * @detach: unhook it; the callbacks have run for the last time on return
 */
struct bench_hook {
	const char *name;
	int (*attach)(void);
	void (*detach)(void);
};

/* Serializes the writes; protects hook_cur and the objects below. */
static DEFINE_MUTEX(hook_lock);
static const struct bench_hook *hook_cur;

#ifdef CONFIG_DYNAMIC_FTRACE
static struct ftrace_ops *hook_ops;

static void hook_ftrace_func(unsigned long ip, unsigned long parent_ip,
			     struct ftrace_ops *op, struct ftrace_regs *fregs)
{
}

static int hook_ftrace_attach(void)
{
	int ret;

	hook_ops = kzalloc(sizeof(*hook_ops), GFP_KERNEL);
	if (!hook_ops)
		return -ENOMEM;
	hook_ops->func = hook_ftrace_func;
	ret = ftrace_set_filter_ip(hook_ops, (unsigned long)lttng_bench_probed,
				   0, 0);
	if (!ret)
		ret = register_ftrace_function(hook_ops);
	if (ret) {
		ftrace_free_filter(hook_ops);
		kfree(hook_ops);
	}
	return ret;
}

static void hook_ftrace_detach(void)
{
	/* A dynamically allocated ops: this waits for the callbacks. */
	unregister_ftrace_function(hook_ops);
	ftrace_free_filter(hook_ops);
	kfree(hook_ops);
}
#else
#define hook_ftrace_attach	NULL
#define hook_ftrace_detach	NULL
#endif

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
static struct fgraph_ops *hook_gops;

static int hook_fgraph_entry(struct ftrace_graph_ent *trace,
			     struct fgraph_ops *gops)
{
	return 1;
}

static void hook_fgraph_return(struct ftrace_graph_ret *trace,
			       struct fgraph_ops *gops)
{
}

static int hook_fgraph_attach(void)
{
	int ret;

	hook_gops = kzalloc(sizeof(*hook_gops), GFP_KERNEL);
	if (!hook_gops)
		return -ENOMEM;
	hook_gops->entryfunc = hook_fgraph_entry;
	hook_gops->retfunc = hook_fgraph_return;
	ret = ftrace_set_filter_ip(&hook_gops->ops,
				   (unsigned long)lttng_bench_probed, 0, 0);
	if (!ret)
		ret = register_ftrace_graph(hook_gops);
	if (ret) {
		ftrace_free_filter(&hook_gops->ops);
		kfree(hook_gops);
	}
	return ret;
}

static void hook_fgraph_detach(void)
{
	unregister_ftrace_graph(hook_gops);
	/* A task may still be on its way out of the target: see function.c. */
	synchronize_rcu_tasks();
	ftrace_free_filter(&hook_gops->ops);
	kfree(hook_gops);
}
#else
#define hook_fgraph_attach	NULL
#define hook_fgraph_detach	NULL
#endif

#ifdef CONFIG_KPROBES
static struct kprobe *hook_kp;

static int hook_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	return 0;
}

static int hook_kprobe_at(unsigned long addr)
{
	int ret;

	hook_kp = kzalloc(sizeof(*hook_kp), GFP_KERNEL);
	if (!hook_kp)
		return -ENOMEM;
	hook_kp->addr = (kprobe_opcode_t *)addr;
	hook_kp->pre_handler = hook_kprobe_pre;
	ret = register_kprobe(hook_kp);
	if (ret) {
		kfree(hook_kp);
		return ret;
	}
	wait_for_kprobe_optimizer();
	return 0;
}

static int hook_kprobe_attach(void)
{
	return hook_kprobe_at((unsigned long)lttng_bench_probed);
}

static void hook_kprobe_detach(void)
{
	unregister_kprobe(hook_kp);
	kfree(hook_kp);
}
#else
#define hook_kprobe_attach	NULL
#define hook_kprobe_detach	NULL
#endif

#if defined(CONFIG_KPROBES) && defined(CONFIG_DYNAMIC_FTRACE)
/* Past the __fentry__ call: not ftrace's call site, so not an ftrace hook. */
static int hook_kprobe_opt_attach(void)
{
	unsigned long site = ftrace_location((unsigned long)lttng_bench_probed);

	if (!site)
		return -ENOENT;
	return hook_kprobe_at(site + MCOUNT_INSN_SIZE);
}

#define hook_kprobe_opt_detach	hook_kprobe_detach
#else
#define hook_kprobe_opt_attach	NULL
#define hook_kprobe_opt_detach	NULL
#endif

#ifdef CONFIG_KRETPROBES
static struct kretprobe *hook_krp;

static int hook_kretprobe_ret(struct kretprobe_instance *ri,
			      struct pt_regs *regs)
{
	return 0;
}

static int hook_kretprobe_at(u64 (*fn)(u64))
{
	int ret;

	hook_krp = kzalloc(sizeof(*hook_krp), GFP_KERNEL);
	if (!hook_krp)
		return -ENOMEM;
	hook_krp->kp.addr = (kprobe_opcode_t *)fn;
	hook_krp->handler = hook_kretprobe_ret;
	/* As kprobe.c's: one call at a time here. */
	hook_krp->maxactive = 64;
	ret = register_kretprobe(hook_krp);
	if (ret) {
		kfree(hook_krp);
		return ret;
	}
	wait_for_kprobe_optimizer();
	return 0;
}

static int hook_kretprobe_attach(void)
{
	return hook_kretprobe_at(lttng_bench_probed);
}

static int hook_kretprobe_notrace_attach(void)
{
	return hook_kretprobe_at(lttng_bench_probed_notrace);
}

static void hook_kretprobe_detach(void)
{
	unregister_kretprobe(hook_krp);
	kfree(hook_krp);
}

#define hook_kretprobe_notrace_detach	hook_kretprobe_detach
#else
#define hook_kretprobe_attach		NULL
#define hook_kretprobe_detach		NULL
#define hook_kretprobe_notrace_attach	NULL
#define hook_kretprobe_notrace_detach	NULL
#endif

static const struct bench_hook hooks[] = {
	{ "none" },
	{ "ftrace", hook_ftrace_attach, hook_ftrace_detach },
	{ "fgraph", hook_fgraph_attach, hook_fgraph_detach },
	{ "kprobe", hook_kprobe_attach, hook_kprobe_detach },
	{ "kprobe_opt", hook_kprobe_opt_attach, hook_kprobe_opt_detach },
	{ "kretprobe", hook_kretprobe_attach, hook_kretprobe_detach },
	{ "kretprobe_notrace", hook_kretprobe_notrace_attach,
	  hook_kretprobe_notrace_detach },
};

/* Unhook what is there, hook @h; on error, nothing is hooked. */
static int hook_set(const struct bench_hook *h)
{
	int ret = 0;

	lockdep_assert_held(&hook_lock);
	if (hook_cur->detach)
		hook_cur->detach();
	hook_cur = &hooks[0];
	if (h != &hooks[0]) {
		ret = h->attach ? h->attach() : -ENOSYS;
		if (ret)
			return ret;
	}
	hook_cur = h;
	return 0;
}

static ssize_t hook_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	char buf[32];
	unsigned int i;
	int ret;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	strim(buf);
	for (i = 0; i < ARRAY_SIZE(hooks); i++)
		if (!strcmp(buf, hooks[i].name))
			break;
	if (i == ARRAY_SIZE(hooks))
		return -EINVAL;
	mutex_lock(&hook_lock);
	ret = hook_set(&hooks[i]);
	mutex_unlock(&hook_lock);
	return ret ? ret : count;
}

static ssize_t hook_read(struct file *file, char __user *ubuf, size_t count,
			 loff_t *ppos)
{
	char buf[32];
	int len;

	mutex_lock(&hook_lock);
	len = scnprintf(buf, sizeof(buf), "%s\n", hook_cur->name);
	mutex_unlock(&hook_lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations hook_fops = {
	.open = simple_open,
	.read = hook_read,
	.write = hook_write,
	.llseek = default_llseek,
};

/**
 * lttng_bench_hook_init() - create the hook file
 * @dir: the benchmark's debugfs directory
 */
void lttng_bench_hook_init(struct dentry *dir)
{
	hook_cur = &hooks[0];
	debugfs_create_file("hook", 0600, dir, NULL, &hook_fops);
}
