// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the targets of the dynamic probe benchmark
 * (CONFIG_LTTNG_BENCH, test only).
 *
 * bench.c calls them in a loop; make bench probes them by name, through
 * kallsyms and ftrace's available_filter_functions.  __noipa keeps each a
 * real function under its own name (no clone, no inlining, no call left
 * out).  This directory, unlike kernel/lttng/, keeps the ftrace flags, so
 * the first has its __fentry__ call site; the second is notrace, for the
 * kprobes and kretprobes that cannot go through ftrace.
 */

#include <linux/compiler.h>

#include "target.h"

/**
 * lttng_bench_probed() - the function the dynamic probes are put on
 * @n: anything
 *
 * Return: a value of @n, for the caller to use.
 */
__noipa u64 lttng_bench_probed(u64 n)
{
	return n ^ 0x5a;
}

/**
 * lttng_bench_probed_notrace() - the same, which ftrace cannot hook
 * @n: anything
 *
 * Return: a value of @n, for the caller to use.
 */
__noipa notrace u64 lttng_bench_probed_notrace(u64 n)
{
	return n ^ 0xa5;
}
