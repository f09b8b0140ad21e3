// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: dynamic probes, events made when the EVENT command
 * arrives (struct lttng_dynprobe, dynamic-probe.h).
 *
 *	KPROBE		NAME		ip			kprobe.c
 *	KRETPROBE	NAME_entry	ip, parent_ip		function.c (ftrace's
 *			NAME_exit	ip, parent_ip		function graph) or
 *								kprobe.c (kretprobe)
 *	FUNCTION	NAME		ip, parent_ip		function.c (ftrace_ops)
 *	UPROBE		NAME		ip			uprobe.c
 *
 * The names, fields and value meanings are LTTng-modules': ip and
 * parent_ip are 64-bit unsigned, shown in hexadecimal.  A dynamic probe's
 * descriptions belong to it, not to the registry: no enabler of another
 * kind matches them, and the name is the user's.  The enabler code makes
 * the channel's events of them and declares them in the metadata, as for
 * any event, and destroys the probe with its channel.
 *
 * A KRETPROBE at a function's entry goes through ftrace's function graph
 * when ftrace can hook the function, and through a kretprobe otherwise:
 * the events are the same.  lttng.function_graph=0 (or its file in
 * /sys/module/lttng/parameters/) sends every one through a kretprobe, as
 * are the probes of lttng.autostart=, made before the secondary CPUs are
 * up, which the function graph cannot be started before.
 */

#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/lttng.h>

#include "dynamic.h"
#include "dynamic-probe.h"

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "lttng."

static bool lttng_dynprobe_function_graph = true;
module_param_named(function_graph, lttng_dynprobe_function_graph, bool, 0644);
MODULE_PARM_DESC(function_graph,
		 "Hook a function's entry and exit (enable-event --function) through ftrace's function graph where it can, else a kretprobe");

static const struct lttng_event_field lttng_dynprobe_fields[] = {
	{ .name = "ip", .type = LTTNG_FIELD_INTEGER, .size = 8, .hex = 1 },
	{ .name = "parent_ip", .type = LTTNG_FIELD_INTEGER, .size = 8,
	  .hex = 1 },
};

/*
 * A name the metadata can quote: printable ASCII, no quote, no backslash
 * (the kernel's isprint() also takes Latin-1 letters, which are not
 * UTF-8 on their own).
 */
static bool lttng_dynprobe_name_ok(const char *name)
{
	if (!*name)
		return false;
	for (; *name; name++)
		if (*name < 0x20 || *name > 0x7e || *name == '"' ||
		    *name == '\\')
			return false;
	return true;
}

static int lttng_dynprobe_describe(struct lttng_dynprobe *dp,
				   const char *name, unsigned int nr_fields)
{
	static const char * const suffix[] = { "_entry", "_exit" };
	unsigned int i;

	dp->nr_descs = dp->type == LTTNG_ABI_KRETPROBE ? 2 : 1;
	for (i = 0; i < dp->nr_descs; i++) {
		struct lttng_event_desc *desc = &dp->descs[i];

		desc->name = dp->nr_descs == 1 ? kstrdup(name, GFP_KERNEL) :
			     kasprintf(GFP_KERNEL, "%s%s", name, suffix[i]);
		if (!desc->name)
			return -ENOMEM;
		desc->fields = lttng_dynprobe_fields;
		desc->nr_fields = nr_fields;
		desc->dynprobe = dp;
	}
	return 0;
}

static void lttng_dynprobe_free(struct lttng_dynprobe *dp)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dp->descs); i++)
		kfree(dp->descs[i].name);
	kfree(dp->symbol);
	kfree(dp);
}

/* KRETPROBE: the function graph first, where it can hook the function. */
static int lttng_dynprobe_function(struct lttng_dynprobe *dp)
{
	int ret = -ENOSYS;

	/*
	 * Not before the secondary CPUs are up (the boot session's probes):
	 * their idle tasks would be forked with a shadow stack of the
	 * function graph's, which the kernel then warns about and replaces.
	 */
	if (READ_ONCE(lttng_dynprobe_function_graph) && !dp->offset &&
	    system_state == SYSTEM_RUNNING)
		ret = lttng_fgraph_create(dp);
	if (!ret)
		return 0;
	if (ret != -ENOSYS)
		pr_debug("lttng: '%s': function graph: %d, using a kretprobe\n",
			 dp->descs[0].name, ret);
	return lttng_kretprobe_create(dp);
}

/**
 * lttng_dynprobe_create() - make a dynamic probe for an EVENT command
 * @spec: what the command asked for: a KPROBE, KRETPROBE, FUNCTION or
 *	UPROBE
 *
 * Describes its events and registers its hook, disarmed.  Every error is
 * the kernel's answer about the target (kprobe.c, function.c, uprobe.c),
 * or -EINVAL for a name or target the ABI cannot express: an empty or
 * unquotable name, no symbol and no address, a glob outside FUNCTION.
 *
 * Return: the probe, or an ERR_PTR().
 */
struct lttng_dynprobe *lttng_dynprobe_create(const struct lttng_event_spec *spec)
{
	const char *symbol = spec->symbol ? spec->symbol : "";
	struct lttng_dynprobe *dp;
	int ret;

	if (!lttng_dynprobe_name_ok(spec->name)) {
		pr_debug("lttng: dynamic event: bad name\n");
		return ERR_PTR(-EINVAL);
	}
	if (spec->instrumentation != LTTNG_ABI_FUNCTION &&
	    strpbrk(symbol, "*?[")) {
		pr_debug("lttng: '%s': a glob is for --function:entry only\n",
			 spec->name);
		return ERR_PTR(-EINVAL);
	}
	dp = kzalloc(sizeof(*dp), GFP_KERNEL);
	if (!dp)
		return ERR_PTR(-ENOMEM);
	dp->type = spec->instrumentation;
	dp->addr = spec->addr;
	dp->offset = spec->offset;
	if (*symbol) {
		dp->symbol = kstrdup(symbol, GFP_KERNEL);
		if (!dp->symbol) {
			ret = -ENOMEM;
			goto err;
		}
	}
	ret = lttng_dynprobe_describe(dp, spec->name,
				      dp->type == LTTNG_ABI_KPROBE ||
				      dp->type == LTTNG_ABI_UPROBE ? 1 : 2);
	if (ret)
		goto err;

	switch (dp->type) {
	case LTTNG_ABI_KPROBE:
	case LTTNG_ABI_KRETPROBE:
		if (!dp->symbol && !dp->addr) {
			pr_debug("lttng: '%s': no symbol and no address\n",
				 spec->name);
			ret = -EINVAL;
			break;
		}
		ret = dp->type == LTTNG_ABI_KPROBE ? lttng_kprobe_create(dp) :
						     lttng_dynprobe_function(dp);
		break;
	case LTTNG_ABI_FUNCTION:
		if (!dp->symbol) {
			pr_debug("lttng: '%s': no symbol\n", spec->name);
			ret = -EINVAL;
			break;
		}
		ret = lttng_function_create(dp);
		break;
	case LTTNG_ABI_UPROBE:
		ret = lttng_uprobe_create(dp, spec->fd);
		break;
	default:
		ret = -EINVAL;
	}
	if (ret)
		goto err;
	pr_debug("lttng: '%s': %s hooked\n", spec->name, dp->via);
	return dp;
err:
	lttng_dynprobe_free(dp);
	return ERR_PTR(ret);
}

/**
 * lttng_dynprobe_destroy() - unhook a dynamic probe and free it
 * @dp: the probe, whose events are unhooked; its handlers have run for
 *	the last time on return, and its descriptions are freed
 */
void lttng_dynprobe_destroy(struct lttng_dynprobe *dp)
{
	switch (dp->type) {
	case LTTNG_ABI_KPROBE:
		lttng_kprobe_destroy(dp);
		break;
	case LTTNG_ABI_KRETPROBE:
		if (!strcmp(dp->via, "fgraph"))
			lttng_fgraph_destroy(dp);
		else
			lttng_kretprobe_destroy(dp);
		break;
	case LTTNG_ABI_FUNCTION:
		lttng_function_destroy(dp);
		break;
	case LTTNG_ABI_UPROBE:
		lttng_uprobe_destroy(dp);
		break;
	}
	lttng_dynprobe_free(dp);
}

/**
 * lttng_dynprobe_nr_descs() - how many events a dynamic probe has
 * @dp: the probe
 *
 * Return: 1, or 2 for a function's entry and exit.
 */
unsigned int lttng_dynprobe_nr_descs(const struct lttng_dynprobe *dp)
{
	return dp->nr_descs;
}

/**
 * lttng_dynprobe_desc() - the description of one of its events
 * @dp: the probe
 * @i: below lttng_dynprobe_nr_descs()
 *
 * Return: the description, which lives as long as @dp.
 */
const struct lttng_event_desc *lttng_dynprobe_desc(const struct lttng_dynprobe *dp,
						   unsigned int i)
{
	return &dp->descs[i];
}

/**
 * lttng_dynprobe_hook() - let an event of a dynamic probe record
 * @event: the event, whose description is one of the probe's
 *
 * The hook itself is registered already; this hands it the event.
 */
void lttng_dynprobe_hook(struct lttng_event *event)
{
	struct lttng_dynprobe *dp = event->desc->dynprobe;

	/* Pairs with the READ_ONCE() of lttng_dynprobe_record(). */
	WRITE_ONCE(dp->events[event->desc - dp->descs], event);
}

/**
 * lttng_dynprobe_unhook() - take its event back from a dynamic probe
 * @event: the event
 *
 * A handler in flight may still record it; the caller waits for them
 * (synchronize_rcu(), or the probe's destruction) before freeing it.
 */
void lttng_dynprobe_unhook(struct lttng_event *event)
{
	struct lttng_dynprobe *dp = event->desc->dynprobe;

	/* Pairs with the READ_ONCE() of lttng_dynprobe_record(). */
	WRITE_ONCE(dp->events[event->desc - dp->descs], NULL);
}

/**
 * lttng_dynprobe_add_callsite() - ADD_CALLSITE: one more call site
 * @dp: the probe
 * @offset: for a UPROBE, the offset in its file
 *
 * Return: 0, -EINVAL for a probe that is not a UPROBE, or uprobe.c's
 * error.
 */
int lttng_dynprobe_add_callsite(struct lttng_dynprobe *dp, u64 offset)
{
	if (dp->type != LTTNG_ABI_UPROBE) {
		pr_debug("lttng: '%s': ADD_CALLSITE is for uprobes\n",
			 dp->descs[0].name);
		return -EINVAL;
	}
	return lttng_uprobe_add_callsite(dp, offset);
}

/**
 * lttng_dynprobe_set_notify() - make a dynamic probe an event notifier's
 * @dp: the probe, none of whose events is hooked yet
 * @notify: what its events call when they fire (lttng_notifier_fire())
 */
void lttng_dynprobe_set_notify(struct lttng_dynprobe *dp,
			       void (*notify)(struct lttng_notifier *notifier))
{
	dp->notify = notify;
}
