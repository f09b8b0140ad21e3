// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: random numbers, the trace of the calls, failures, and the
 * handler of the signals that the process must never get.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi_fuzz.h"

/* Copy a string into a fixed array: truncated, terminated. */
void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/* ---- random numbers ---------------------------------------------------- */

/* Per thread: the racer's numbers do not change the main thread's. */
__thread __u64 rng_state;

/* splitmix64: small, fast, and every seed is a good one. */
__u64 rnd(void)
{
	__u64 z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

__u64 below(__u64 n)
{
	return n ? rnd() % n : 0;
}

bool chance(unsigned int percent)
{
	return below(100) < percent;
}

/* ---- output ------------------------------------------------------------ */

int trace_fd = -1;	/* -o */
int kmsg_fd = -1;	/* -k: /dev/kmsg, one record per line */
bool verbose;
unsigned long iter;
unsigned long unexpected;
__thread char cur_op[256];	/* what is being done, for the handler */
__thread bool in_racer;

void trace(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n, k;

	if (trace_fd < 0 && kmsg_fd < 0 && !verbose)
		return;
	k = snprintf(line, sizeof(line), "<7>abi_fuzz: ");
	n = snprintf(line + k, sizeof(line) - k, "%s%lu ", WHO, iter);
	va_start(ap, fmt);
	n += vsnprintf(line + k + n, sizeof(line) - k - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - k - 2)
		n = sizeof(line) - k - 2;
	line[k + n++] = '\n';
	if (kmsg_fd >= 0 && write(kmsg_fd, line, k + n) < 0)
		kmsg_fd = -1;
	if (trace_fd >= 0 && write(trace_fd, line + k, n) < 0)
		trace_fd = -1;
	if (verbose && write(2, line + k, n) < 0)
		verbose = false;
}

void fail(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	__atomic_fetch_add(&unexpected, 1, __ATOMIC_RELAXED);
	printf("UNEXPECTED %siteration %lu: %s\n", WHO, iter, msg);
	fflush(stdout);
	trace("UNEXPECTED %s", msg);
}

const char *errname(int err)
{
	const char *s = strerrorname_np(err);
	static char buf[16];

	if (s)
		return s;
	snprintf(buf, sizeof(buf), "errno%d", err);
	return buf;
}

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	char msg[512];
	int n;

	n = snprintf(msg, sizeof(msg),
		     "UNEXPECTED abi_fuzz got signal %d (%s) at %p, %siteration %lu, during: %s\n",
		     sig, sigabbrev_np(sig) ? sigabbrev_np(sig) : "?",
		     si->si_addr, WHO, iter, cur_op);
	if (write(1, msg, n) < 0 || (trace_fd >= 0 && write(trace_fd, msg, n) < 0))
		_exit(3);
	_exit(3);
}

/*
 * on_signal() for signals 1 to 31, but those that cannot be caught and
 * those that a healthy process gets (SIGCHLD, SIGWINCH, SIGURG, SIGCONT).
 */
void signals_init(void)
{
	struct sigaction sa;
	unsigned int k;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	for (k = 1; k < 32; k++)
		if (k != SIGKILL && k != SIGSTOP && k != SIGCHLD &&
		    k != SIGWINCH && k != SIGURG && k != SIGCONT)
			sigaction(k, &sa, NULL);
}

/* Where trace() writes: TRACE (-o), /dev/kmsg (-k). */
void output_open(const char *trace_path, bool kmsg)
{
	if (trace_path) {
		trace_fd = open(trace_path, O_WRONLY | O_CLOEXEC | O_CREAT |
				O_TRUNC | O_APPEND, 0644);
		if (trace_fd < 0)
			perror("abi_fuzz: trace file");
	}
	if (kmsg) {
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
		if (kmsg_fd < 0)
			perror("abi_fuzz: /dev/kmsg");
	}
}

void output_close(void)
{
	if (trace_fd >= 0)
		close(trace_fd);
	if (kmsg_fd >= 0)
		close(kmsg_fd);
	trace_fd = -1;
	kmsg_fd = -1;
}
