/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the event-notifier group fd (notifier.c).
 */
#ifndef _LTTNG_ABI_NOTIFIER_H
#define _LTTNG_ABI_NOTIFIER_H

int lttng_abi_notifier_group_fd(void);

#endif /* _LTTNG_ABI_NOTIFIER_H */
