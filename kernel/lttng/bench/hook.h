/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the benchmark's empty hooks (test only).
 */
#ifndef _LTTNG_BENCH_HOOK_H
#define _LTTNG_BENCH_HOOK_H

#include <linux/dcache.h>

void lttng_bench_hook_init(struct dentry *dir);

#endif /* _LTTNG_BENCH_HOOK_H */
