/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the targets of the dynamic probe benchmark (test only).
 */
#ifndef _LTTNG_BENCH_TARGET_H
#define _LTTNG_BENCH_TARGET_H

#include <linux/types.h>

u64 lttng_bench_probed(u64 n);
u64 lttng_bench_probed_notrace(u64 n);

#endif /* _LTTNG_BENCH_TARGET_H */
