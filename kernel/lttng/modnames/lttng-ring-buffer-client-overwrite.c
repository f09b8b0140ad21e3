// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the module name lttng-ring-buffer-client-overwrite.
 * See Makefile in this directory.
 */
#include <linux/module.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LTTng built-in: ring buffer client, overwrite mode (part of the tracer)");
