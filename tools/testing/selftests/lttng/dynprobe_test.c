// SPDX-License-Identifier: GPL-2.0-only
/*
 * dynprobe_test - the workload of the dynamic probe tests, static, for
 * the guest.
 *
 *	dynprobe_test open N	opens /dev/null N times (openat, then close)
 *	dynprobe_test call N	calls lttng_uprobe_target() N times, with
 *				0 .. N-1, the user-space probe's target,
 *				and passes the SDT probe lttng_test:tick
 *				N times in the loop, then once after it
 *				(two call sites of one probe)
 *
 * It prints its pid first, so that the test counts its events only.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/sdt.h>

/* The uprobe's target: kept out of line, and its calls kept. */
__attribute__((noinline)) int lttng_uprobe_target(int n)
{
	__asm__ volatile("" : : "r"(n) : "memory");
	return n + 1;
}

int main(int argc, char **argv)
{
	long i, n;
	int fd, sum = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: dynprobe_test open|call N\n");
		return 2;
	}
	n = strtol(argv[2], NULL, 0);
	printf("%d\n", getpid());
	fflush(stdout);
	if (!strcmp(argv[1], "open")) {
		for (i = 0; i < n; i++) {
			fd = open("/dev/null", O_RDONLY);
			if (fd < 0) {
				perror("open");
				return 1;
			}
			close(fd);
		}
	} else if (!strcmp(argv[1], "call")) {
		for (i = 0; i < n; i++) {
			DTRACE_PROBE1(lttng_test, tick, i);
			sum += lttng_uprobe_target(i);
		}
		DTRACE_PROBE1(lttng_test, tick, -1L);
	} else {
		fprintf(stderr, "dynprobe_test: unknown command %s\n", argv[1]);
		return 2;
	}
	return sum < 0;
}
