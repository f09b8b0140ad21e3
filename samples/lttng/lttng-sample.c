// SPDX-License-Identifier: GPL-2.0-only
/*
 * An instrumented module, as Documentation/trace/lttng/instrumenting.rst
 * walks through it.
 *
 * Writing a decimal N to /proc/lttng-sample fires, for n = 0 to N - 1:
 *
 * - sample_event (TRACE_EVENT, lttng_sample_trace.h), with n, the text
 *   "sample n" and (n % 8) + 1 bytes n, n + 1, ... (each modulo 256).
 *   LTTng makes it an event of provider lttng_sample when the module
 *   loads, and drops it when the module unloads: no code here;
 * - sample_custom (a plain tracepoint, lttng-sample-custom.h), with n and
 *   the same text, which the hand-written LTTng event of
 *   lttng-sample-events.h records with a parity enumeration and a cookie
 *   0x5a000000 | n.  This module registers its provider,
 *   lttng_sample_custom, from its init and unregisters it from its exit.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>

#define CREATE_TRACE_POINTS
#include "lttng_sample_trace.h"

#include "lttng-sample-custom.h"

DEFINE_TRACE(sample_custom, TP_PROTO(int n, const char *text),
	     TP_ARGS(n, text));

#define LTTNG_PROBE_PROVIDER	lttng_sample_custom
#define LTTNG_PROBE_EVENTS_FILE	"lttng-sample-events.h"
#include <linux/lttng/define-probe.h>

#define LTTNG_SAMPLE_PROC	"lttng-sample"

static int lttng_sample_fire(unsigned int count)
{
	u8 bytes[8];
	char text[24];
	unsigned int n, i, len;

	for (n = 0; n < count; n++) {
		snprintf(text, sizeof(text), "sample %u", n);
		len = n % 8 + 1;
		for (i = 0; i < len; i++)
			bytes[i] = n + i;
		trace_sample_event(n, text, bytes, len);
		trace_sample_custom(n, text);
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

static ssize_t lttng_sample_write(struct file *file, const char __user *buf,
				  size_t len, loff_t *ppos)
{
	unsigned int count;
	int ret;

	ret = kstrtouint_from_user(buf, len, 10, &count);
	if (ret)
		return ret;
	ret = lttng_sample_fire(count);
	if (ret)
		return ret;
	*ppos += len;
	return len;
}

static const struct proc_ops lttng_sample_proc_ops = {
	.proc_open = nonseekable_open,
	.proc_write = lttng_sample_write,
};

static int __init lttng_sample_init(void)
{
	int ret;

	ret = lttng_probe_register(&LTTNG_PROBE_DESC(lttng_sample_custom));
	if (ret)
		return ret;
	if (!proc_create(LTTNG_SAMPLE_PROC, 0200, NULL,
			 &lttng_sample_proc_ops)) {
		ret = -ENOMEM;
		goto err_probe;
	}
	return 0;

err_probe:
	lttng_probe_unregister(&LTTNG_PROBE_DESC(lttng_sample_custom));
	return ret;
}

static void __exit lttng_sample_exit(void)
{
	remove_proc_entry(LTTNG_SAMPLE_PROC, NULL);
	/* Before the module's memory goes: the descriptions are in it. */
	lttng_probe_unregister(&LTTNG_PROBE_DESC(lttng_sample_custom));
}

module_init(lttng_sample_init);
module_exit(lttng_sample_exit);

MODULE_DESCRIPTION("LTTng built-in: an instrumented module");
MODULE_LICENSE("GPL");
