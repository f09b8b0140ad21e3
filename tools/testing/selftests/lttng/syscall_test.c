// SPDX-License-Identifier: GPL-2.0-only
/*
 * syscall_test: the guest half of the syscall end-to-end test.  Static,
 * so that it runs in any guest.
 *
 *   syscall_test workload DIR REPORT
 *	Make system calls with known arguments, every one through
 *	syscall(2) so that libc adds none, and write what the host needs
 *	to check their events (the tid, the file descriptors, buffer
 *	addresses, return values) to REPORT as "key value" lines.  DIR
 *	must hold a file "short" with the 13 bytes "hello, lttng\n".
 *	The workload:
 *	  - openat(DIR/written, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0640);
 *	  - exactly SC_WRITES write() calls of SC_WRITE_SIZE bytes, byte i
 *	    of write k being (7 * i + k) & 0xff: more than the tracer
 *	    records of a buffer;
 *	  - fstat() of that file, which is SC_WRITES * SC_WRITE_SIZE long;
 *	  - openat(DIR/short), two read()s of 64 bytes: 13, then 0;
 *	  - openat() of a missing file: ENOENT;
 *	  - openat() with a bad pointer, a NULL one, a kernel address, and
 *	    pwrite64() of a bad buffer: EFAULT, never an oops;
 *	  - openat() of a path of SC_LONG_PATH bytes (ENOENT), longer than
 *	    the tracer records of a string;
 *	  - nanosleep() of 1000 ns;
 *	  - syscall 1000 (past the table) and 134 (reserved on x86_64) with
 *	    arguments 1 to 6: ENOSYS, recorded as unknown;
 *	  - getpid().
 *	The report is written with pwrite64() after them, so the workload
 *	makes no write() besides its SC_WRITES.
 *
 *   syscall_test abi
 *	Check SYSCALL_LIST and SYSCALL_MASK, and that an EVENT of syscall
 *	instrumentation enables the entry, the exit or both events as its
 *	entryexit says.  Prints one line per check; exit status 0 if all
 *	passed.
 *
 *   syscall_test bench N
 *	Make N getpid() calls in a loop and print the nanoseconds the loop
 *	took (CLOCK_MONOTONIC, read through the vDSO: no syscall).  Under
 *	QEMU -icount shift=0 that is its guest instructions (make bench).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <linux/lttng.h>

#define SC_WRITES	20
#define SC_WRITE_SIZE	300
#define SC_READ_SIZE	64
#define SC_LONG_PATH	2000
#define SC_KERNEL_ADDR	0xffffffff81000000UL

static char report[8192];
static size_t report_len;

static void say(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(report + report_len, sizeof(report) - report_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		report_len += n;
}

static long sc_openat(const char *path, int flags, int mode)
{
	return syscall(SYS_openat, AT_FDCWD, path, flags, mode);
}

static int workload(const char *dir, const char *out)
{
	static unsigned char wbuf[SC_WRITE_SIZE];
	static char rbuf[SC_READ_SIZE];
	static char path[SC_LONG_PATH + 1];
	struct timespec ts = { 0, 1000 };
	struct stat st;
	long fd, ret;
	int i, k, rfd;

	say("tid %ld\n", (long)syscall(SYS_gettid));
	say("dir %s\n", dir);

	/* Paths on the stack or in .bss, touched: no page fault to read them. */
	snprintf(path, sizeof(path), "%s/written", dir);
	fd = sc_openat(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	say("open_flags %d\n", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC);
	say("wfd %ld\n", fd);
	say("wbuf %p\n", (void *)wbuf);
	for (k = 0; k < SC_WRITES; k++) {
		for (i = 0; i < SC_WRITE_SIZE; i++)
			wbuf[i] = (7 * i + k) & 0xff;
		ret = syscall(SYS_write, fd, wbuf, SC_WRITE_SIZE);
		if (ret != SC_WRITE_SIZE)
			say("write_ret_%d %ld\n", k, ret);
	}
	say("fstat_ret %ld\n", (long)syscall(SYS_fstat, fd, &st));
	say("fstat_buf %p\n", (void *)&st);
	say("fstat_size %lld\n", (long long)st.st_size);
	say("close_ret %ld\n", (long)syscall(SYS_close, fd));

	snprintf(path, sizeof(path), "%s/short", dir);
	rfd = sc_openat(path, O_RDONLY, 0);
	say("rfd %d\n", rfd);
	say("rbuf %p\n", (void *)rbuf);
	memset(rbuf, 0, sizeof(rbuf));
	say("read_ret %ld\n", (long)syscall(SYS_read, rfd, rbuf, SC_READ_SIZE));
	say("read2_ret %ld\n", (long)syscall(SYS_read, rfd, rbuf, SC_READ_SIZE));
	syscall(SYS_close, rfd);

	snprintf(path, sizeof(path), "%s/does-not-exist", dir);
	ret = sc_openat(path, O_RDONLY, 0);
	say("missing_ret %d\n", ret < 0 ? -errno : (int)ret);

	ret = sc_openat((const char *)1, O_RDONLY, 0);
	say("badptr_ret %d\n", ret < 0 ? -errno : (int)ret);
	ret = sc_openat(NULL, O_RDONLY, 0);
	say("nullptr_ret %d\n", ret < 0 ? -errno : (int)ret);
	ret = sc_openat((const char *)SC_KERNEL_ADDR, O_RDONLY, 0);
	say("kernptr_ret %d\n", ret < 0 ? -errno : (int)ret);
	snprintf(path, sizeof(path), "%s/written", dir);
	fd = sc_openat(path, O_WRONLY, 0);
	say("pwfd %ld\n", fd);
	ret = syscall(SYS_pwrite64, fd, (void *)1, 16, 0);
	say("badbuf_ret %d\n", ret < 0 ? -errno : (int)ret);
	syscall(SYS_close, fd);

	/* DIR/x/x/x/...: ENOENT, as DIR/x does not exist. */
	i = snprintf(path, sizeof(path), "%s", dir);
	while (i < SC_LONG_PATH - 1) {
		path[i++] = '/';
		path[i++] = 'x';
	}
	path[SC_LONG_PATH] = '\0';
	path[i] = '\0';
	ret = sc_openat(path, O_RDONLY, 0);
	say("long_len %zu\n", strlen(path));
	say("long_ret %d\n", ret < 0 ? -errno : (int)ret);

	say("nanosleep_ts %p\n", (void *)&ts);
	say("nanosleep_ret %ld\n", (long)syscall(SYS_nanosleep, &ts, NULL));

	ret = syscall(1000, 1, 2, 3, 4, 5, 6);
	say("unknown1000_ret %d\n", ret < 0 ? -errno : (int)ret);
	ret = syscall(134, 1, 2, 3, 4, 5, 6);
	say("unknown134_ret %d\n", ret < 0 ? -errno : (int)ret);
	say("getpid_ret %ld\n", (long)syscall(SYS_getpid));

	fd = sc_openat(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || syscall(SYS_pwrite64, fd, report, report_len, 0) !=
		      (long)report_len) {
		perror(out);
		return 1;
	}
	syscall(SYS_close, fd);
	return 0;
}

/* ---- abi ----------------------------------------------------------------- */

static int failures;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures += !ok;
}

/* The SYSCALL_LIST index of @name and @bitness, or -1. */
static long list_index(int tracer, const char *name, unsigned int bitness,
		       unsigned int *lines)
{
	char line[512], lname[256];
	unsigned int bits;
	long found = -1;
	size_t idx;
	FILE *f;
	int fd;

	*lines = 0;
	fd = ioctl(tracer, LTTNG_ABI_SYSCALL_LIST, 0);
	if (fd < 0)
		return -1;
	f = fdopen(fd, "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "syscall { index = %zu; name = %255[^;]; bitness = %u; };",
			   &idx, lname, &bits) != 3)
			break;
		++*lines;
		if (!strcmp(lname, name) && bits == bitness)
			found = idx;
	}
	if (f)
		fclose(f);
	return found;
}

/* Bit @nr of the channel's SYSCALL_MASK, or -1. */
static int mask_bit(int chan, unsigned int nr, unsigned int *nbits)
{
	struct lttng_abi_syscall_mask *m;
	struct lttng_abi_syscall_mask probe = { .len = 0 };
	int bit = -1;

	if (ioctl(chan, LTTNG_ABI_SYSCALL_MASK, &probe))
		return -1;
	*nbits = probe.len;
	m = calloc(1, sizeof(*m) + (probe.len + 7) / 8);
	if (!m)
		return -1;
	m->len = probe.len;
	if (!ioctl(chan, LTTNG_ABI_SYSCALL_MASK, m) && nr < m->len)
		bit = !!(m->mask[nr / 8] & (0x80 >> (nr % 8)));
	free(m);
	return bit;
}

static int add_syscall_abi(int chan, const char *name, int entryexit,
			   int sc_abi, int match)
{
	struct lttng_abi_event ev;
	int fd;

	memset(&ev, 0, sizeof(ev));
	snprintf(ev.name, sizeof(ev.name), "%s", name);
	ev.instrumentation = LTTNG_ABI_SYSCALL;
	ev.u.syscall.entryexit = entryexit;
	ev.u.syscall.abi = sc_abi;
	ev.u.syscall.match = match;
	fd = ioctl(chan, LTTNG_ABI_EVENT, &ev);
	if (fd >= 0 && ioctl(fd, LTTNG_ABI_ENABLE, 0))
		return -1;
	return fd;
}

static int add_syscall(int chan, const char *name, int entryexit)
{
	return add_syscall_abi(chan, name, entryexit, LTTNG_ABI_SYSCALL_ABI_ALL,
			       LTTNG_ABI_SYSCALL_MATCH_NAME);
}

static int abi(void)
{
	struct lttng_abi_channel attr = {
		.subbuf_size = 4096, .num_subbuf = 2,
		.output = LTTNG_ABI_OUTPUT_SPLICE,
	};
	unsigned int lines, nbits = 0;
	int tracer, session, chan[5], i;
	long openat_idx, read_idx, compat_idx;

	tracer = open("/dev/lttng", O_RDWR);
	if (tracer < 0) {
		perror("/dev/lttng");
		return 1;
	}
	openat_idx = list_index(tracer, "openat", 64, &lines);
	read_idx = list_index(tracer, "read", 64, &lines);
	check(openat_idx == SYS_openat && read_idx == SYS_read,
	      "SYSCALL_LIST: openat at %ld, read at %ld, 64-bit", openat_idx,
	      read_idx);
	check(lines > 300, "SYSCALL_LIST: %u lines", lines);
	check(list_index(tracer, "unknown", 64, &lines) < 0,
	      "SYSCALL_LIST: no unknown line");
	/* ia32's openat (295), after the whole native table. */
	compat_idx = list_index(tracer, "openat", 32, &lines);
	check(compat_idx > SYS_openat && list_index(tracer, "read", 32, &lines) ==
	      compat_idx - 295 + 3, "SYSCALL_LIST: 32-bit openat at %ld",
	      compat_idx);

	session = ioctl(tracer, LTTNG_ABI_SESSION, 0);
	for (i = 0; i < 5; i++)
		chan[i] = ioctl(session, LTTNG_ABI_CHANNEL, &attr);
	check(session >= 0 && chan[0] >= 0 && chan[1] >= 0 && chan[2] >= 0 &&
	      chan[3] >= 0 && chan[4] >= 0, "a session with five channels");

	/* Channel 0: openat, both; 1: openat entry, read exit; 2: none. */
	check(add_syscall(chan[0], "openat", LTTNG_ABI_SYSCALL_ENTRYEXIT) >= 0 &&
	      add_syscall(chan[1], "openat", LTTNG_ABI_SYSCALL_ENTRY) >= 0 &&
	      add_syscall(chan[1], "rea*", LTTNG_ABI_SYSCALL_EXIT) >= 0,
	      "EVENT of syscalls openat and rea*");
	check(add_syscall(chan[2], "openat", 3) == -1 && errno == EINVAL,
	      "EVENT with entryexit 3: EINVAL");
	/* Channel 3: ia32 openat only; 4: native openat only. */
	check(add_syscall_abi(chan[3], "openat", LTTNG_ABI_SYSCALL_ENTRYEXIT,
			      LTTNG_ABI_SYSCALL_ABI_COMPAT,
			      LTTNG_ABI_SYSCALL_MATCH_NAME) >= 0 &&
	      add_syscall_abi(chan[4], "openat", LTTNG_ABI_SYSCALL_ENTRYEXIT,
			      LTTNG_ABI_SYSCALL_ABI_NATIVE,
			      LTTNG_ABI_SYSCALL_MATCH_NAME) >= 0,
	      "EVENT of syscall openat, compat and native ABIs");
	check(add_syscall_abi(chan[2], "openat", LTTNG_ABI_SYSCALL_ENTRYEXIT, 3,
			      LTTNG_ABI_SYSCALL_MATCH_NAME) == -1 && errno == EINVAL,
	      "EVENT with abi 3: EINVAL");
	check(add_syscall_abi(chan[2], "openat", LTTNG_ABI_SYSCALL_ENTRYEXIT,
			      LTTNG_ABI_SYSCALL_ABI_ALL,
			      LTTNG_ABI_SYSCALL_MATCH_NR) == -1 && errno == EINVAL,
	      "EVENT matched by number: EINVAL");
	check(ioctl(session, LTTNG_ABI_SESSION_START, 0) == 0, "start");

	check(mask_bit(chan[0], SYS_openat, &nbits) == 1 &&
	      mask_bit(chan[0], compat_idx, &nbits) == 1 &&
	      mask_bit(chan[0], SYS_read, &nbits) == 0 &&
	      mask_bit(chan[0], SYS_close, &nbits) == 0,
	      "SYSCALL_MASK: channel 0 has openat (both ABIs) only");
	check(nbits >= lines && nbits > compat_idx, "SYSCALL_MASK: %u bits",
	      nbits);
	check(mask_bit(chan[3], compat_idx, &nbits) == 1 &&
	      mask_bit(chan[3], SYS_openat, &nbits) == 0,
	      "SYSCALL_MASK: channel 3 has ia32 openat only");
	check(mask_bit(chan[4], compat_idx, &nbits) == 0 &&
	      mask_bit(chan[4], SYS_openat, &nbits) == 1,
	      "SYSCALL_MASK: channel 4 has native openat only");
	check(mask_bit(chan[1], SYS_openat, &nbits) == 1 &&
	      mask_bit(chan[1], SYS_read, &nbits) == 1 &&
	      mask_bit(chan[1], SYS_readv, &nbits) == 1 &&
	      mask_bit(chan[1], SYS_write, &nbits) == 0,
	      "SYSCALL_MASK: channel 1 has openat, read, readv...");
	check(mask_bit(chan[2], SYS_openat, &nbits) == 0,
	      "SYSCALL_MASK: channel 2 has nothing");
	close(tracer);
	close(session);
	for (i = 0; i < 5; i++)
		close(chan[i]);
	return failures ? 1 : 0;
}

static int bench(long n)
{
	struct timespec t0, t1;
	long i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		syscall(SYS_getpid);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%lld\n", (t1.tv_sec - t0.tv_sec) * 1000000000LL +
	       t1.tv_nsec - t0.tv_nsec);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "bench"))
		return bench(atol(argv[2]));
	if (argc == 4 && !strcmp(argv[1], "workload"))
		return workload(argv[2], argv[3]);
	if (argc == 2 && !strcmp(argv[1], "abi"))
		return abi();
	fprintf(stderr, "usage: syscall_test workload DIR REPORT\n"
			"       syscall_test abi\n"
			"       syscall_test bench N\n");
	return 2;
}
