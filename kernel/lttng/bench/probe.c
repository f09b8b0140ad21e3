// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the benchmark's probe provider.
 */
#include "lttng_bench_trace.h"

#define LTTNG_PROBE_PROVIDER	lttng_bench
#define LTTNG_PROBE_EVENTS_FILE	"bench-events.h"
#include <linux/lttng/define-probe.h>
