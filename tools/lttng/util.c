// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng: helpers shared by the commands.
 *
 * The parsers are pure functions, checked by selftest.c.  Everything that
 * talks to the kernel retries on EINTR, so that callers only see real
 * errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/lttng.h>

#include "util.h"

static void vmsg(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "lttng: %s", prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void lttng_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void lttng_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void lttng_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

/**
 * lttng_parse_size - parse a byte count or a count
 * @s: decimal digits, optionally followed by one of K, M, G (powers of
 *     1024, either case)
 * @val: where the value goes on success
 *
 * Return: 0, or -1 if @s is empty, has other characters, or overflows.
 */
int lttng_parse_size(const char *s, u64 *val)
{
	u64 v = 0;
	unsigned int shift = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - (u64)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (u64)(*s - '0');
	}
	switch (*s) {
	case '\0':
		break;
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	case 'g':
	case 'G':
		shift = 30;
		break;
	default:
		return -1;
	}
	if (shift && *++s)
		return -1;
	if (v > (UINT64_MAX >> shift))
		return -1;
	*val = v << shift;
	return 0;
}

/**
 * lttng_parse_duration - parse a number of seconds
 * @s: decimal digits, optionally followed by '.' and up to three decimals
 * @ms: where the value goes, in milliseconds, on success
 *
 * Return: 0, or -1 if @s is malformed or larger than a year.
 */
int lttng_parse_duration(const char *s, s64 *ms)
{
	const s64 max_s = 366LL * 24 * 3600;
	s64 sec = 0, frac = 0;
	int ndec = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		sec = sec * 10 + (*s - '0');
		if (sec > max_s)
			return -1;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (++ndec > 3)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (!ndec)
			return -1;
	}
	if (*s)
		return -1;
	for (; ndec < 3; ndec++)
		frac *= 10;
	*ms = sec * 1000 + frac;
	return 0;
}

int lttng_parse_read_mode(const char *s, enum lttng_read_mode *mode)
{
	if (!strcmp(s, "splice"))
		*mode = LTTNG_READ_SPLICE;
	else if (!strcmp(s, "mmap"))
		*mode = LTTNG_READ_MMAP;
	else
		return -1;
	return 0;
}

bool lttng_is_power_of_2(u64 v)
{
	return v && !(v & (v - 1));
}

/* The -e prefixes: what each makes of the name that follows. */
static const struct {
	const char *prefix;
	__u32 instrumentation;
	__u8 entryexit;
} event_prefixes[] = {
	{ "syscall:",		LTTNG_ABI_SYSCALL,	LTTNG_ABI_SYSCALL_ENTRYEXIT },
	{ "syscall-entry:",	LTTNG_ABI_SYSCALL,	LTTNG_ABI_SYSCALL_ENTRY },
	{ "syscall-exit:",	LTTNG_ABI_SYSCALL,	LTTNG_ABI_SYSCALL_EXIT },
	{ "kprobe:",		LTTNG_ABI_KPROBE,	0 },
	{ "function:",		LTTNG_ABI_KRETPROBE,	0 },
	{ "function-entry:",	LTTNG_ABI_FUNCTION,	0 },
};

/* kprobe:SYMBOL+OFFSET: cut @sym at the '+', parse the offset. */
static int parse_probe_offset(char *sym, u64 *offset, const char **why)
{
	char *plus = strchr(sym, '+'), *end;

	if (!plus)
		return 0;
	*plus = '\0';
	if (plus[1] < '0' || plus[1] > '9') {
		*why = "the offset after '+' is not a number";
		return -1;
	}
	errno = 0;
	*offset = strtoull(plus + 1, &end, 0);
	if (errno || *end) {
		*why = "the offset after '+' is not a number";
		return -1;
	}
	return 0;
}

/* A dynamic probe: its symbol (and offset) from the name after the prefix. */
static int parse_dynamic(struct lttng_abi_event *ev, const char **why)
{
	char sym[LTTNG_ABI_SYM_NAME_LEN];
	u64 offset = 0;

	memcpy(sym, ev->name, sizeof(sym));
	if (ev->instrumentation == LTTNG_ABI_KPROBE &&
	    parse_probe_offset(sym, &offset, why))
		return -1;
	if (!*sym) {
		*why = "no symbol";
		return -1;
	}
	if (ev->instrumentation != LTTNG_ABI_FUNCTION &&
	    strpbrk(sym, "*?[")) {
		*why = "a glob is for function-entry: only";
		return -1;
	}
	if (ev->instrumentation != LTTNG_ABI_KPROBE && strchr(sym, '+')) {
		*why = "an offset is for kprobe: only";
		return -1;
	}
	/* The kretprobe's and the kprobe's fields are laid out alike. */
	if (ev->instrumentation == LTTNG_ABI_FUNCTION) {
		memcpy(ev->u.ftrace.symbol_name, sym, sizeof(sym));
	} else {
		memcpy(ev->u.kprobe.symbol_name, sym, sizeof(sym));
		ev->u.kprobe.offset = offset;
	}
	return 0;
}

/**
 * lttng_parse_event - one -e item as the argument of the EVENT command
 * @item: NAME (an event name or star glob), syscall:NAME,
 *	  syscall-entry:NAME, syscall-exit:NAME, kprobe:SYMBOL[+OFFSET],
 *	  function:SYMBOL or function-entry:SYMBOL (SYMBOL may be a glob in
 *	  ftrace's syntax); need not be NUL-terminated
 * @len: the length of @item
 * @ev: filled on success
 * @why: on failure, what is wrong, for a message
 *
 * The event names are those of lttng.autostart=: the dynamic probes are
 * named after the text that follows their prefix (kprobe:foo+0x10 makes
 * the event "foo+0x10", function:foo makes foo_entry and foo_exit).
 *
 * Return: 0, or -1.
 */
int lttng_parse_event(const char *item, size_t len, struct lttng_abi_event *ev,
		      const char **why)
{
	unsigned int i;

	memset(ev, 0, sizeof(*ev));
	ev->instrumentation = LTTNG_ABI_TRACEPOINT;
	for (i = 0; i < ARRAY_SIZE(event_prefixes); i++) {
		size_t plen = strlen(event_prefixes[i].prefix);

		if (len < plen || strncmp(item, event_prefixes[i].prefix, plen))
			continue;
		item += plen;
		len -= plen;
		ev->instrumentation = event_prefixes[i].instrumentation;
		if (ev->instrumentation == LTTNG_ABI_SYSCALL)
			ev->u.syscall.entryexit = event_prefixes[i].entryexit;
		break;
	}
	if (!len) {
		*why = "empty event name";
		return -1;
	}
	if (len >= LTTNG_ABI_SYM_NAME_LEN) {
		*why = "event name too long";
		return -1;
	}
	memcpy(ev->name, item, len);
	if (ev->instrumentation == LTTNG_ABI_TRACEPOINT ||
	    ev->instrumentation == LTTNG_ABI_SYSCALL)
		return 0;
	return parse_dynamic(ev, why);
}

/**
 * lttng_ioctl - ioctl() that retries when a signal interrupts it
 * @fd: the object
 * @req: the command
 * @arg: its argument
 *
 * Return: what ioctl() returns; errno is set when it is -1.
 */
int lttng_ioctl(int fd, unsigned long req, void *arg)
{
	int ret;

	do {
		ret = ioctl(fd, req, arg);
	} while (ret < 0 && errno == EINTR);
	return ret;
}

/**
 * lttng_ioctl_fd - an ioctl that returns a new object fd
 * @fd: the parent object
 * @req: the command
 * @arg: its argument
 *
 * The kernel creates object fds with O_CLOEXEC; set it again anyway, so
 * that a command run by record or attach never inherits a stream.
 *
 * Return: the new fd, or -1 with errno set.
 */
int lttng_ioctl_fd(int fd, unsigned long req, void *arg)
{
	int ret = lttng_ioctl(fd, req, arg);

	if (ret == 0) {
		/* fd 0 is taken (lttng_std_fds_open()): a kernel bug. */
		errno = EPROTO;
		return -1;
	}
	if (ret > 0)
		fcntl(ret, F_SETFD, FD_CLOEXEC);
	return ret;
}

/**
 * lttng_tracer_open - open the tracer fd
 * @check_abi: also check that the kernel speaks this tool's ABI major
 *
 * Prints the reason on failure.
 *
 * Return: the tracer fd, or -1.
 */
int lttng_tracer_open(bool check_abi)
{
	struct lttng_abi_tracer_abi_version abi;
	int fd;

	fd = open(LTTNG_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		lttng_error("cannot open %s: %s", LTTNG_DEVICE, strerror(errno));
		if (errno == ENOENT)
			lttng_error("is the kernel built with CONFIG_LTTNG=y?");
		return -1;
	}
	if (!check_abi)
		return fd;
	if (lttng_ioctl(fd, LTTNG_ABI_TRACER_ABI_VERSION, &abi) < 0) {
		lttng_error("cannot get the tracer ABI version: %s",
			    strerror(errno));
		goto err;
	}
	if (abi.major != LTTNG_ABI_MAJOR) {
		lttng_error("tracer ABI %u.%u, this tool needs %u.x",
			    abi.major, abi.minor, LTTNG_ABI_MAJOR);
		goto err;
	}
	return fd;
err:
	close(fd);
	return -1;
}

/**
 * lttng_std_fds_open - make sure fds 0, 1 and 2 are open
 *
 * Started with one of them closed (from an init script, say), the tool
 * could get it for a trace file, and its messages to stderr would end up
 * in the trace.  Fill the holes with /dev/null.
 */
void lttng_std_fds_open(void)
{
	int fd;

	do {
		fd = open("/dev/null", O_RDWR);
	} while (fd >= 0 && fd <= 2);
	if (fd > 2)
		close(fd);
}

int lttng_wait_quiescent(int tracer_fd)
{
	if (lttng_ioctl(tracer_fd, LTTNG_ABI_WAIT_QUIESCENT, NULL) < 0) {
		lttng_error("cannot wait for the tracer to quiesce: %s",
			    strerror(errno));
		return -1;
	}
	return 0;
}

/**
 * lttng_mkdir_p - create a directory and its missing parents
 * @path: the directory
 *
 * Return: 0, or -1 with errno set (and the reason printed).
 */
int lttng_mkdir_p(const char *path)
{
	char *p, *buf;
	int ret = -1;

	if (!*path) {
		lttng_error("empty directory name");
		return -1;
	}
	buf = strdup(path);
	if (!buf) {
		lttng_error("out of memory");
		return -1;
	}
	for (p = buf + 1; ; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) < 0 && errno != EEXIST) {
			lttng_error("cannot create %s: %s", buf, strerror(errno));
			goto out;
		}
		*p = c;
		if (!c)
			break;
	}
	ret = 0;
out:
	free(buf);
	return ret;
}

/**
 * lttng_write_all - write a whole buffer, across short writes and signals
 * @fd: where to
 * @buf: what
 * @len: how many bytes
 *
 * Return: 0, or -1 with errno set.
 */
int lttng_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (!n) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

s64 lttng_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (s64)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
