/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LTTng built-in: the CTF event header that the record path (event.c)
 * writes and the metadata (metadata.c) declares, and the timestamp width
 * the data channels' ring buffers are made with (channel.c).
 *
 *	compact:  id:5, timestamp:27			(4 bytes)
 *	extended: id:5 = 31, id:32, timestamp:64	(13 bytes)
 */
#ifndef _LTTNG_EVENT_H
#define _LTTNG_EVENT_H

#define LTTNG_EVENT_ID_COMPACT_MAX	30
#define LTTNG_EVENT_ID_EXTENDED		31
#define LTTNG_EVENT_HDR_COMPACT		4
#define LTTNG_EVENT_HDR_EXTENDED	13
#define LTTNG_TSC_BITS			27

#endif /* _LTTNG_EVENT_H */
