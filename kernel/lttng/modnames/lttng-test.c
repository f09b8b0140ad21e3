// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the module name lttng-test, which lttng-tools'
 * regression suite loads before it writes to /proc/lttng-test-filter-event
 * (CONFIG_LTTNG_TEST_EVENTS, kernel/lttng/probes/lttng-test.c).
 * See Makefile in this directory.
 */
#include <linux/module.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LTTng built-in: lttng-tools' test event source (part of the tracer)");
