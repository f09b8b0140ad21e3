/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lttng: the live phase of record and attach.
 */
#ifndef _LTTNG_TOOL_LIVE_H
#define _LTTNG_TOOL_LIVE_H

#include <stdint.h>

#include "consumer.h"

/* Every stream is read at least this often, whatever poll() says. */
#define LTTNG_SWEEP_MS		200

int lttng_live_run(struct lttng_consumer *c, char **cmd, s64 duration_ms,
		   int *exit_code);

#endif /* _LTTNG_TOOL_LIVE_H */
