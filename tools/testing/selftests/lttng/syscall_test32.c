// SPDX-License-Identifier: GPL-2.0-only
/*
 * syscall_test32 - a 32-bit (ia32) workload for the compat syscall events.
 *
 *   syscall_test32 DIR REPORT
 *
 * Built with gcc -m32 -ffreestanding -nostdlib -static: no 32-bit libc is
 * needed on the host, and every syscall is made with int $0x80, so that
 * the kernel runs it as an ia32 one (in_ia32_syscall()).  It makes known
 * syscalls with known arguments, then writes REPORT, one "key value" per
 * line, which syscalls-compat.host.sh checks the compat_syscall_* events
 * against:
 *
 *   openat(AT_FDCWD, DIR/written32, O_WRONLY|O_CREAT|O_TRUNC, 0640)
 *   WRITES x write(wfd, wbuf, WRITE_SIZE), wbuf[i] = 5 * i + k
 *   close(wfd)
 *   open(DIR/short, O_RDONLY), read(rfd, rbuf, 64) twice, close(rfd)
 *   open(DIR/does-not-exist)    -ENOENT
 *   open((char *)1)             -EFAULT
 *   nanosleep({0, 1000}, NULL)  a struct old_timespec32 at entry
 *   pipe(pfd)                   the two fds at exit
 *   poll({pfd[1], POLLOUT}, 1, 0)
 *   _newselect(pfd[1] + 1, NULL, {pfd[1]}, NULL, NULL)
 *				LTTng-modules' select and poll payloads
 *   getpid()
 *   syscall 1000                -ENOSYS, compat_syscall_*_unknown
 */

#define NR_exit_group	252
#define NR_read		3
#define NR_write	4
#define NR_open		5
#define NR_close	6
#define NR_getpid	20
#define NR_nanosleep	162
#define NR_pipe		42
#define NR_poll		168
#define NR_newselect	142
#define NR_openat	295
#define NR_unknown	1000

#define AT_FDCWD	-100
#define O_RDONLY	0
#define O_WRONLY	01
#define O_CREAT		0100
#define O_TRUNC		01000

#define WRITES		5
#define WRITE_SIZE	300
#define READ_SIZE	64
#define POLLOUT		4

static char wbuf[WRITE_SIZE];
static char rbuf[READ_SIZE];
static char path[4096];
static char report[4096];
static unsigned int report_len;
static int ts[2] = { 0, 1000 };
static int pfd[2];
static struct { int fd; short events, revents; } pf;
static unsigned int wset[32];

static long arg6;

static long sc6(long nr, long a, long b, long c, long d, long e, long f)
{
	long r;

	/*
	 * ebp may be the frame pointer: save it around the sixth argument,
	 * which comes from a static, not from the stack that the push moves.
	 */
	arg6 = f;
	asm volatile("push %%ebp\n\t"
		     "mov %7, %%ebp\n\t"
		     "int $0x80\n\t"
		     "pop %%ebp"
		     : "=a" (r)
		     : "a" (nr), "b" (a), "c" (b), "d" (c), "S" (d), "D" (e),
		       "m" (arg6)
		     : "memory");
	return r;
}

#define sc3(nr, a, b, c) sc6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* gcc may call these for copies and clears even when freestanding. */
void *memset(void *s, int c, unsigned int n)
{
	char *p = s;

	while (n--)
		*p++ = c;
	return s;
}

void *memcpy(void *d, const void *s, unsigned int n)
{
	char *q = d;
	const char *p = s;

	while (n--)
		*q++ = *p++;
	return d;
}

static unsigned int slen(const char *s)
{
	unsigned int n = 0;

	while (s[n])
		n++;
	return n;
}

static const char *join(const char *dir, const char *name)
{
	unsigned int n = slen(dir), m = slen(name);

	memcpy(path, dir, n);
	path[n] = '/';
	memcpy(path + n + 1, name, m + 1);
	return path;
}

static void put(const char *s)
{
	unsigned int n = slen(s);

	if (report_len + n < sizeof(report)) {
		memcpy(report + report_len, s, n);
		report_len += n;
	}
}

/* "key value\n", the value in decimal (negative ones too). */
static void kv(const char *key, long v)
{
	char num[16], *p = num + sizeof(num);
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	*--p = '\0';
	do {
		*--p = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	put(key);
	put(" ");
	put(p);
	put("\n");
}

static int fail(const char *what)
{
	sc3(NR_write, 2, what, slen(what));
	sc3(NR_write, 2, "\n", 1);
	return 1;
}

static int run(int argc, char **argv)
{
	long wfd, rfd, r1, r2, ret;
	int i, k;

	if (argc != 3)
		return fail("usage: syscall_test32 DIR REPORT");
	wfd = sc6(NR_openat, AT_FDCWD, (long)join(argv[1], "written32"),
		  O_WRONLY | O_CREAT | O_TRUNC, 0640, 0, 0);
	if (wfd < 0)
		return fail("openat of written32 failed");
	kv("wfd", wfd);
	for (k = 0; k < WRITES; k++) {
		for (i = 0; i < WRITE_SIZE; i++)
			wbuf[i] = 5 * i + k;
		if (sc3(NR_write, wfd, wbuf, WRITE_SIZE) != WRITE_SIZE)
			return fail("write failed");
	}
	sc3(NR_close, wfd, 0, 0);

	rfd = sc3(NR_open, join(argv[1], "short"), O_RDONLY, 0);
	if (rfd < 0)
		return fail("open of short failed");
	r1 = sc3(NR_read, rfd, rbuf, READ_SIZE);
	r2 = sc3(NR_read, rfd, rbuf, READ_SIZE);
	sc3(NR_close, rfd, 0, 0);
	kv("rfd", rfd);
	kv("read1", r1);
	kv("read2", r2);

	kv("missing_ret", sc3(NR_open, join(argv[1], "does-not-exist"),
			      O_RDONLY, 0));
	kv("badptr_ret", sc3(NR_open, 1, O_RDONLY, 0));
	kv("nanosleep_ret", sc3(NR_nanosleep, ts, 0, 0));
	kv("pipe_ret", sc3(NR_pipe, pfd, 0, 0));
	kv("pipe_r", pfd[0]);
	kv("pipe_w", pfd[1]);
	pf.fd = pfd[1];
	pf.events = POLLOUT;
	kv("poll_ret", sc3(NR_poll, &pf, 1, 0));
	kv("poll_revents", pf.revents);
	wset[pfd[1] / 32] |= 1U << (pfd[1] % 32);
	kv("select_ret", sc6(NR_newselect, pfd[1] + 1, 0, (long)wset, 0, 0, 0));
	kv("tid", sc3(NR_getpid, 0, 0, 0));
	kv("unknown_ret", sc6(NR_unknown, 1, 2, 3, 4, 5, 6));
	kv("wbuf", (long)wbuf);
	kv("rbuf", (long)rbuf);
	kv("ts", (long)ts);

	ret = sc6(NR_openat, AT_FDCWD, (long)argv[2],
		  O_WRONLY | O_CREAT | O_TRUNC, 0644, 0, 0);
	if (ret < 0)
		return fail("cannot create the report");
	if (sc3(NR_write, ret, report, report_len) != report_len)
		return fail("cannot write the report");
	sc3(NR_close, ret, 0, 0);
	return 0;
}

/* Entry: the stack holds argc, then argv. */
__attribute__((used)) static void start32(long *sp)
{
	sc3(NR_exit_group, run(sp[0], (char **)(sp + 1)), 0, 0);
	for (;;)
		;
}

asm(".globl _start\n"
    "_start:\n\t"
    "xorl %ebp, %ebp\n\t"
    "movl %esp, %eax\n\t"
    "andl $-16, %esp\n\t"
    "subl $12, %esp\n\t"
    "pushl %eax\n\t"
    "call start32\n\t"
    "hlt\n");
