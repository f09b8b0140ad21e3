/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lttng: helpers shared by the commands: messages, argument parsers, the
 * tracer fd and file system helpers.
 */
#ifndef _LTTNG_TOOL_UTIL_H
#define _LTTNG_TOOL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kernel's names, as tools/include/linux/types.h has them. */
typedef unsigned long long u64;
typedef long long s64;

#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#define LTTNG_DEVICE		"/dev/lttng"

/* Exit status for a command line the tool does not accept. */
#define LTTNG_EXIT_USAGE	2

/*
 * How a stream is read: the channel's output type, or whatever works, or
 * both ways (record --output both: each packet through mmap, then again
 * through splice into a second trace).
 */
enum lttng_read_mode {
	LTTNG_READ_SPLICE,
	LTTNG_READ_MMAP,
	LTTNG_READ_AUTO,
	LTTNG_READ_BOTH,
};

void lttng_error(const char *fmt, ...) __printf(1, 2);
void lttng_warn(const char *fmt, ...) __printf(1, 2);
void lttng_info(const char *fmt, ...) __printf(1, 2);

int lttng_parse_size(const char *s, u64 *val);
int lttng_parse_duration(const char *s, s64 *ms);
int lttng_parse_read_mode(const char *s, enum lttng_read_mode *mode);
struct lttng_abi_event;
int lttng_parse_event(const char *item, size_t len, struct lttng_abi_event *ev,
		      const char **why);
bool lttng_is_power_of_2(u64 v);

int lttng_ioctl(int fd, unsigned long req, void *arg);
int lttng_ioctl_fd(int fd, unsigned long req, void *arg);
int lttng_tracer_open(bool check_abi);
int lttng_wait_quiescent(int tracer_fd);
void lttng_std_fds_open(void);

int lttng_mkdir_p(const char *path);
int lttng_write_all(int fd, const void *buf, size_t len);

s64 lttng_now_ms(void);

#endif /* _LTTNG_TOOL_UTIL_H */
