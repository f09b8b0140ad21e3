// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the scheduler probe provider.
 */
#include <linux/binfmts.h>
#include <linux/minmax.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <trace/events/sched.h>

/*
 * The prev_state that LTTng traces carry: 0 when running, the bit of the
 * reported task state otherwise, and TASK_REPORT_MAX for a preemption.
 */
static inline long lttng_sched_prev_state(bool preempt, unsigned int state,
					  struct task_struct *p)
{
	unsigned int idx;

	if (preempt)
		return TASK_REPORT_MAX;
	idx = __task_state_index(state, p->exit_state);
	return idx ? 1L << (idx - 1) : 0;
}

#define LTTNG_PROBE_PROVIDER	sched
#define LTTNG_PROBE_EVENTS_FILE	"sched-events.h"
#include <linux/lttng/define-probe.h>
