// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the test event source of lttng-tools' kernel regression
 * suite (CONFIG_LTTNG_TEST_EVENTS, test only).
 *
 * The suite loads LTTng-modules' lttng-test module, then writes a decimal
 * N, with or without a trailing newline or NUL, to
 * /proc/lttng-test-filter-event, and expects N lttng_test_filter_event
 * events.  Event i (from 0) has the arguments LTTng-modules gives it:
 * anint = i, netint = htonl(i), the longs 1, 2, 3, the same as big-endian
 * u32s, the text "test" (in a 10-byte buffer) and the text "\*".
 * modprobe finds the name lttng-test in modules.builtin (modnames/).
 */

#define pr_fmt(fmt) "lttng: lttng-test: " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/byteorder.h>

#include "lttng-test-trace.h"

DEFINE_TRACE(lttng_test_filter_event,
	     TP_PROTO(int anint, int netint, long *values, char *text,
		      size_t textlen, char *etext, u32 *net_values),
	     TP_ARGS(anint, netint, values, text, textlen, etext,
		     net_values));

/* The big-endian value of @v, in the CPU's integer type, as the event has it. */
#define LTTNG_TEST_NET(v)	((__force u32)cpu_to_be32(v))

#define LTTNG_TEST_PROC_NAME	"lttng-test-filter-event"

/*
 * Fire the event @count times.  LTTng-modules sets no limit; a large
 * count only takes time, so the loop yields the CPU and stops when the
 * writer is killed.
 */
static int lttng_test_fire(unsigned int count)
{
	long values[] = { 1, 2, 3 };
	u32 net_values[] = { LTTNG_TEST_NET(1), LTTNG_TEST_NET(2),
			     LTTNG_TEST_NET(3) };
	char text[10] = "test";
	char etext[10] = "\\*";
	unsigned int i;

	for (i = 0; i < count; i++) {
		trace_lttng_test_filter_event(i, LTTNG_TEST_NET(i), values, text,
					      strlen(text), etext, net_values);
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/*
 * The name is LTTng-modules': lttng-tools' test_kernel_function probes it
 * (enable-event --function lttng_test_filter_event_write).
 */
static ssize_t lttng_test_filter_event_write(struct file *file,
					     const char __user *buf,
					     size_t len, loff_t *ppos)
{
	unsigned int count;
	int ret;

	/* A trailing newline, or the NUL of write(fd, "10", 3), is fine. */
	ret = kstrtouint_from_user(buf, len, 10, &count);
	if (ret == -EFAULT)
		return ret;
	if (ret) {
		pr_debug("%s: want a decimal count from 0 to %u (%d)\n",
			 LTTNG_TEST_PROC_NAME, UINT_MAX, ret);
		return -EINVAL;
	}
	ret = lttng_test_fire(count);
	if (ret)
		return ret;
	*ppos += len;
	return len;
}

static const struct proc_ops lttng_test_proc_ops = {
	.proc_open = nonseekable_open,
	.proc_write = lttng_test_filter_event_write,
};

static int __init lttng_test_init(void)
{
	/*
	 * Only root writes: LTTng-modules lets anyone (0666), but the suite
	 * runs as root, and an unprivileged user has no business making
	 * events in a kernel, even a test one.
	 */
	if (!proc_create(LTTNG_TEST_PROC_NAME, 0644, NULL,
			 &lttng_test_proc_ops)) {
		pr_err("cannot create /proc/%s\n", LTTNG_TEST_PROC_NAME);
		return -ENOMEM;
	}
	return 0;
}
device_initcall(lttng_test_init);

#define LTTNG_PROBE_PROVIDER	lttng_test
#define LTTNG_PROBE_EVENTS_FILE	"lttng-test-events.h"
#include <linux/lttng/define-probe.h>
