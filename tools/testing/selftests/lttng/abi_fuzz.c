// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: a random-command fuzzer of the /dev/lttng control ABI.
 *
 *	abi_fuzz [-s SEED] [-n ITERATIONS] [-r START] [-o TRACE] [-k] [-x BUG]... [-v]
 *	abi_fuzz -c BUG
 *
 * It makes every kind of object fd (tracer, session, data channel,
 * metadata channel, event, data stream, metadata stream, list fds, and
 * those of SESSION_ATTACH and SESSION_CHANNEL_GET), then, for ITERATIONS
 * steps drawn from SEED, it does random things to random fds:
 *
 *  - every ioctl number it knows, on every kind of fd (its own and the
 *    others'), and random numbers of type 0xF6 with random direction and
 *    size bits, some of them near misses of the known ones;
 *  - arguments: valid-looking structs with random fields and sizes, NULL,
 *    addresses that are never mapped, a PROT_NONE page, a struct of which
 *    only the first half is readable, a read-only page for the commands
 *    that write, kernel addresses, random values; fds of the wrong kind
 *    where the ABI takes an fd;
 *  - mmap, munmap (whole or partial), mprotect, mremap, read, pread,
 *    splice, poll and epoll on stream fds with random lengths and offsets;
 *  - a consumer's read sequence, with sub-buffers left held at random;
 *  - creating, dup'ing and closing objects in random order (a session
 *    before its streams, a stream while it holds a sub-buffer or is
 *    mapped), and forked children that inherit all of it;
 *  - start and stop of sessions whose events are enabled while a small
 *    workload (one child per CPU) switches tasks, so that probes fire;
 *  - CPUs going offline and back online under all of it.
 *
 * The compatible commands are the table below; the commands of the
 * header that the table does not know are fuzzed too, as generic ones,
 * from abi_fuzz_cmds.h, which abi_fuzz_cmds.sh generates from the header.
 *
 * What it checks, from user space:
 *  - no command that returns 0 or an error returns anything positive
 *    (lttng-abi.md 7.1); a command that returns an fd returns a new,
 *    open one;
 *  - every errno is in a documented set; a number that no header or
 *    compatibility list defines gets ENOTTY;
 *  - no command that takes a pointer succeeds with a bad one;
 *  - a model of the objects: SESSION_ATTACH finds a session exactly while
 *    some fd holds it, SESSION_CHANNEL_GET finds the channels created,
 *    STREAM gives one reader per buffer (ENOENT, or EBUSY for metadata,
 *    once every buffer has one), a held packet starts with its CTF magic
 *    in the mapping, a stream mapping can never be made writable or
 *    grown;
 *  - the process gets no signal (it never dereferences a bad pointer:
 *    those only go to system calls), and no fd is left open at the end.
 *
 * The kernel side of the checks is the harness's: panic_on_warn,
 * oops=panic, and on the debug kernel KASAN, lockdep and kmemleak.
 *
 * It prints "UNEXPECTED ..." for each failed check and, at the end, a
 * summary that abi-fuzz.host.sh asserts on.  -r START starts a second
 * thread at iteration START, which races the first on the same fds (see
 * "the racer").  -o TRACE writes every call, before it is made, to
 * TRACE.  -k writes them to /dev/kmsg too, at debug level: they cost
 * little there and stay off the console, and with panic_print=0x20 the
 * kernel replays its log to the console when it panics, so that the
 * console ends with the calls that led there.  -x BUG keeps off the path
 * of a known kernel bug, and -c BUG runs its reproducer alone (see
 * known_bugs).
 *
 * Exit status: 0 if every check passed, 1 if not, 4 without /dev/lttng.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <linux/lttng.h>

#include "kselftest.h"

#define PAGE		4096UL

/* The CTF magic numbers that start data and metadata packets. */
#define CTF_MAGIC		0xC1FC1FC1U
#define CTF_METADATA_MAGIC	0x75D11D57U

/* Copy a string into a fixed array: truncated, terminated. */
static void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/* ---- random numbers ---------------------------------------------------- */

/* Per thread: the racer's numbers do not change the main thread's. */
static __thread __u64 rng_state;

/* splitmix64: small, fast, and every seed is a good one. */
static __u64 rnd(void)
{
	__u64 z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static __u64 below(__u64 n)
{
	return n ? rnd() % n : 0;
}

static bool chance(unsigned int percent)
{
	return below(100) < percent;
}

#define PICK(a)	((a)[below(sizeof(a) / sizeof((a)[0]))])

/* ---- object kinds ------------------------------------------------------ */

enum kind {
	K_TRACER,
	K_SESSION,
	K_CHANNEL,
	K_METADATA,
	K_EVENT,
	K_STREAM,
	K_MSTREAM,
	K_LIST,
	K_GROUP,	/* event notifier group */
	K_NOTIFIER,	/* event notifier */
	K_COUNTER,
	K_OTHER,	/* any other fd a command returned */
	K_FOREIGN,	/* not ours: pipe, /dev/null, a file, epoll */
	K_NR,
};

static const char *const kind_name[K_NR] = {
	"tracer", "session", "channel", "metadata", "event", "stream",
	"mstream", "list", "group", "notifier", "counter", "other", "foreign",
};

/* The kinds every run must exercise (the summary's required kinds). */
#define KB(k)		(1U << (k))
#define K_REQUIRED	(KB(K_TRACER) | KB(K_SESSION) | KB(K_CHANNEL) | \
			 KB(K_METADATA) | KB(K_EVENT) | KB(K_STREAM) | \
			 KB(K_MSTREAM) | KB(K_LIST))
#define K_LTTNG		((KB(K_FOREIGN) - 1))
#define K_STREAMS	(KB(K_STREAM) | KB(K_MSTREAM))
/* The kinds whose fds hold their session. */
#define K_HOLD_SESSION	(KB(K_SESSION) | KB(K_CHANNEL) | KB(K_METADATA) | \
			 KB(K_EVENT))

/* ---- the commands ------------------------------------------------------ */

enum argt {
	A_NONE,		/* no argument: a random value is passed */
	A_VAL,		/* a value, not a pointer (pid trackers) */
	A_OUT,		/* the kernel writes _IOC_SIZE bytes */
	A_U64IN,	/* a u64 position, read by the kernel */
	A_CHANNEL,
	A_EVENT,
	A_CONTEXT,
	A_NAME,
	A_CTIME,
	A_TRACKER,
	A_CALIBRATE,
	A_SYSMASK,
	A_BYTECODE,
	A_CALLSITE,
	A_COUNTER_CONF,
	A_NOTIFIER,
	A_COUNTER_READ,
	A_COUNTER_AGG,
	A_COUNTER_CLEAR,
	A_ATTACH,
	A_CHANGET,
	A_OLD_CHANNEL,
	A_OLD_EVENT,
	A_OLD_CONTEXT,
	A_RAW,		/* random bytes of _IOC_SIZE */
};

#define F_FD		0x1	/* returns a new fd on its own kinds */
#define F_PTR		0x2	/* takes a pointer on its own kinds */
#define F_MAYFD		0x4	/* generic: may return an fd */
#define F_NULL_OK	0x8	/* may succeed with a NULL pointer */
#define F_HEADER	0x10	/* defined in include/uapi/linux/lttng.h */

#define NEW_STREAM	(-2)	/* STREAM: data or metadata stream */

struct cmd {
	const char *name;
	unsigned int nr;
	unsigned int kinds;	/* the kinds it belongs to */
	unsigned int flags;
	int newkind;		/* the kind of the fd it returns */
	enum argt arg;
	/* statistics */
	unsigned long calls;
	unsigned long own;	/* calls on one of its own kinds */
	unsigned long ok;	/* returned >= 0 */
};

#define T	KB(K_TRACER)
#define S	KB(K_SESSION)
#define C	KB(K_CHANNEL)
#define M	KB(K_METADATA)
#define E	KB(K_EVENT)
#define G	KB(K_GROUP)
#define N	KB(K_NOTIFIER)
#define K	KB(K_COUNTER)
#define RB	K_STREAMS

#define CMD(n, k, f, nk, a) \
	{ .name = #n, .nr = LTTNG_ABI_##n, .kinds = (k), .flags = (f), \
	  .newkind = (nk), .arg = (a) }
#define XCMD(n, v, k, f, nk, a) \
	{ .name = #n, .nr = (v), .kinds = (k), .flags = (f), \
	  .newkind = (nk), .arg = (a) }

/*
 * The compatibility numbers that lttng-abi.md section 2.9 lists: the
 * wrong-direction duplicates that lttng-tools retries after -ENOSYS, and
 * the pre-2.x numbers, whose structs were naturally aligned.
 */
#define OLD_CHANNEL_SIZE	328
#define OLD_EVENT_SIZE		568
#define OLD_CONTEXT_SIZE	312

static struct cmd known_cmds[] = {
	/* tracer fd */
	CMD(SESSION, T, F_FD, K_SESSION, A_NONE),
	CMD(TRACER_VERSION, T, F_PTR, 0, A_OUT),
	CMD(TRACEPOINT_LIST, T, F_FD, K_LIST, A_NONE),
	CMD(WAIT_QUIESCENT, T, 0, 0, A_NONE),
	CMD(CALIBRATE, T, F_PTR, 0, A_CALIBRATE),
	CMD(SYSCALL_LIST, T, F_FD, K_LIST, A_NONE),
	CMD(TRACER_ABI_VERSION, T, F_PTR, 0, A_OUT),
	CMD(EVENT_NOTIFIER_GROUP_CREATE, T, F_FD, K_GROUP, A_NONE),
	CMD(SESSION_ATTACH, T, F_FD | F_PTR, K_SESSION, A_ATTACH),
	/* session fd */
	CMD(METADATA, S, F_FD | F_PTR, K_METADATA, A_CHANNEL),
	CMD(CHANNEL, S, F_FD | F_PTR, K_CHANNEL, A_CHANNEL),
	CMD(SESSION_START, S, 0, 0, A_NONE),
	CMD(SESSION_STOP, S, 0, 0, A_NONE),
	CMD(SESSION_TRACK_PID, S, 0, 0, A_VAL),
	CMD(SESSION_UNTRACK_PID, S, 0, 0, A_VAL),
	CMD(SESSION_LIST_TRACKER_PIDS, S, F_FD, K_LIST, A_NONE),
	CMD(SESSION_METADATA_REGEN, S, 0, 0, A_NONE),
	CMD(SESSION_STATEDUMP, S, 0, 0, A_NONE),
	CMD(SESSION_SET_NAME, S, F_PTR, 0, A_NAME),
	CMD(SESSION_SET_CREATION_TIME, S, F_PTR, 0, A_CTIME),
	CMD(SESSION_LIST_TRACKER_IDS, S, F_FD | F_PTR, K_LIST, A_TRACKER),
	CMD(SESSION_TRACK_ID, S, F_PTR, 0, A_TRACKER),
	CMD(SESSION_UNTRACK_ID, S, F_PTR, 0, A_TRACKER),
	CMD(SESSION_CHANNEL_GET, S, F_FD | F_PTR, K_CHANNEL, A_CHANGET),
	/* channel fds */
	CMD(STREAM, C | M, F_FD, NEW_STREAM, A_NONE),
	CMD(EVENT, C, F_FD | F_PTR, K_EVENT, A_EVENT),
	CMD(SYSCALL_MASK, C, F_PTR, 0, A_SYSMASK),
	CMD(CONTEXT, C | E, F_PTR, 0, A_CONTEXT),
	CMD(ENABLE, S | C | E | N, 0, 0, A_NONE),
	CMD(DISABLE, S | C | E | N, 0, 0, A_NONE),
	/* event and notifier fds */
	CMD(FILTER, E | N, F_PTR, 0, A_BYTECODE),
	CMD(ADD_CALLSITE, E | N, F_PTR, 0, A_CALLSITE),
	/* triggers */
	CMD(COUNTER, G, F_FD | F_PTR, K_COUNTER, A_COUNTER_CONF),
	CMD(EVENT_NOTIFIER_CREATE, G, F_FD | F_PTR, K_NOTIFIER, A_NOTIFIER),
	CMD(EVENT_NOTIFIER_GROUP_NOTIFICATION_FD, G, F_FD, K_OTHER, A_NONE),
	CMD(CAPTURE, N, F_PTR, 0, A_BYTECODE),
	CMD(COUNTER_READ, K, F_PTR, 0, A_COUNTER_READ),
	CMD(COUNTER_AGGREGATE, K, F_PTR, 0, A_COUNTER_AGG),
	CMD(COUNTER_CLEAR, K, F_PTR, 0, A_COUNTER_CLEAR),
	/* stream fds */
	CMD(RB_SNAPSHOT, RB, 0, 0, A_NONE),
	CMD(RB_SNAPSHOT_GET_CONSUMED, RB, F_PTR, 0, A_OUT),
	CMD(RB_SNAPSHOT_GET_PRODUCED, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_SUBBUF, RB, F_PTR, 0, A_U64IN),
	CMD(RB_PUT_SUBBUF, RB, 0, 0, A_NONE),
	CMD(RB_GET_NEXT_SUBBUF, RB, 0, 0, A_NONE),
	CMD(RB_PUT_NEXT_SUBBUF, RB, 0, 0, A_NONE),
	CMD(RB_GET_SUBBUF_SIZE, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_PADDED_SUBBUF_SIZE, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_MAX_SUBBUF_SIZE, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_MMAP_LEN, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_MMAP_READ_OFFSET, RB, F_PTR, 0, A_OUT),
	CMD(RB_FLUSH, RB, 0, 0, A_NONE),
	CMD(RB_GET_METADATA_VERSION, RB, F_PTR, 0, A_OUT),
	CMD(RB_SNAPSHOT_SAMPLE_POSITIONS, RB, 0, 0, A_NONE),
	CMD(RB_FLUSH_EMPTY, RB, 0, 0, A_NONE),
	CMD(RB_METADATA_CACHE_DUMP, RB, 0, 0, A_NONE),
	CMD(RB_CLEAR, RB, 0, 0, A_NONE),
	/* consumerd probes it with NULL (lttng-abi.md 4.2) */
	CMD(RB_GET_NEXT_SUBBUF_METADATA_CHECK, RB, F_PTR | F_NULL_OK, 0, A_OUT),
	CMD(RB_GET_TIMESTAMP_BEGIN, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_TIMESTAMP_END, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_EVENTS_DISCARDED, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_CONTENT_SIZE, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_PACKET_SIZE, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_STREAM_ID, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_CURRENT_TIMESTAMP, RB, F_PTR, 0, A_OUT),
	CMD(RB_GET_SEQ_NUM, RB, F_PTR, 0, A_OUT),
	CMD(RB_INSTANCE_ID, RB, F_PTR, 0, A_OUT),
	/* compatibility numbers (lttng-abi.md 2.9) */
	XCMD(OLD_SESSION_SET_NAME,
	     _IOR(LTTNG_ABI_IOC, 0x5D, struct lttng_abi_session_name),
	     S, F_PTR, 0, A_NAME),
	XCMD(OLD_SESSION_SET_CREATION_TIME,
	     _IOR(LTTNG_ABI_IOC, 0x5E, struct lttng_abi_session_creation_time),
	     S, F_PTR, 0, A_CTIME),
	XCMD(OLD_SESSION_LIST_TRACKER_IDS,
	     _IOR(LTTNG_ABI_IOC, 0xA0, struct lttng_abi_tracker_args),
	     S, F_FD | F_PTR, K_LIST, A_TRACKER),
	XCMD(OLD_SESSION_TRACK_ID,
	     _IOR(LTTNG_ABI_IOC, 0xA1, struct lttng_abi_tracker_args),
	     S, F_PTR, 0, A_TRACKER),
	XCMD(OLD_SESSION_UNTRACK_ID,
	     _IOR(LTTNG_ABI_IOC, 0xA2, struct lttng_abi_tracker_args),
	     S, F_PTR, 0, A_TRACKER),
	XCMD(OLD_SESSION_TRACK_PID, _IOR(LTTNG_ABI_IOC, 0x58, __s32),
	     S, 0, 0, A_VAL),
	XCMD(OLD_SESSION_UNTRACK_PID, _IOR(LTTNG_ABI_IOC, 0x59, __s32),
	     S, 0, 0, A_VAL),
	XCMD(OLD_SESSION, _IO(LTTNG_ABI_IOC, 0x40), T, F_FD, K_SESSION, A_NONE),
	XCMD(OLD_TRACER_VERSION,
	     _IOR(LTTNG_ABI_IOC, 0x41, struct lttng_abi_tracer_version),
	     T, F_PTR, 0, A_OUT),
	XCMD(OLD_TRACEPOINT_LIST, _IO(LTTNG_ABI_IOC, 0x42), T, F_FD, K_LIST,
	     A_NONE),
	XCMD(OLD_WAIT_QUIESCENT, _IO(LTTNG_ABI_IOC, 0x43), T, 0, 0, A_NONE),
	XCMD(OLD_CALIBRATE,
	     _IOWR(LTTNG_ABI_IOC, 0x44, struct lttng_abi_calibrate),
	     T, F_PTR, 0, A_CALIBRATE),
	XCMD(OLD_METADATA,
	     _IOC(_IOC_WRITE, LTTNG_ABI_IOC, 0x50, OLD_CHANNEL_SIZE),
	     S, F_FD | F_PTR, K_METADATA, A_OLD_CHANNEL),
	XCMD(OLD_CHANNEL,
	     _IOC(_IOC_WRITE, LTTNG_ABI_IOC, 0x51, OLD_CHANNEL_SIZE),
	     S, F_FD | F_PTR, K_CHANNEL, A_OLD_CHANNEL),
	XCMD(OLD_SESSION_START, _IO(LTTNG_ABI_IOC, 0x52), S, 0, 0, A_NONE),
	XCMD(OLD_SESSION_STOP, _IO(LTTNG_ABI_IOC, 0x53), S, 0, 0, A_NONE),
	XCMD(OLD_STREAM, _IO(LTTNG_ABI_IOC, 0x60), C | M, F_FD, NEW_STREAM,
	     A_NONE),
	XCMD(OLD_EVENT, _IOC(_IOC_WRITE, LTTNG_ABI_IOC, 0x61, OLD_EVENT_SIZE),
	     C, F_FD | F_PTR, K_EVENT, A_OLD_EVENT),
	XCMD(OLD_CONTEXT,
	     _IOC(_IOC_WRITE, LTTNG_ABI_IOC, 0x70, OLD_CONTEXT_SIZE),
	     C | E, F_PTR, 0, A_OLD_CONTEXT),
	XCMD(OLD_ENABLE, _IO(LTTNG_ABI_IOC, 0x80), S | C | E, 0, 0, A_NONE),
	XCMD(OLD_DISABLE, _IO(LTTNG_ABI_IOC, 0x81), S | C | E, 0, 0, A_NONE),
};

#undef T
#undef S
#undef C
#undef M
#undef E
#undef G
#undef N
#undef K
#undef RB

/* Every ioctl command the header defines, generated from it. */
struct hdr_cmd {
	const char *name;
	unsigned int nr;
};

static const struct hdr_cmd hdr_cmds[] = {
#define HDR_CMD(n)	{ #n, LTTNG_ABI_##n },
#if defined(__has_include)
#if __has_include("abi_fuzz_cmds.h")
#include "abi_fuzz_cmds.h"
#define HAVE_HDR_CMDS	1
#endif
#endif
#undef HDR_CMD
	{ NULL, 0 }
};

#ifndef HAVE_HDR_CMDS
#define HAVE_HDR_CMDS	0
#endif

#define MAX_CMDS	256
static struct cmd *cmds[MAX_CMDS];
static unsigned int nr_cmds;
static struct cmd generic_cmds[MAX_CMDS];
static unsigned int nr_generic;
/* Calls with numbers that no table has. */
static unsigned long unknown_calls, unknown_ok;

static struct cmd *cmd_by_nr(unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr_cmds; i++)
		if (cmds[i]->nr == nr)
			return cmds[i];
	return NULL;
}

/*
 * A command that makes no fd and renames nothing: what the racer and
 * forked children may send without making the main thread's model wrong
 * (a channel a child made would live on in the shared session).
 */
static bool model_safe(const struct cmd *c)
{
	return !(c->flags & (F_FD | F_MAYFD)) && c->arg != A_NAME;
}

static struct cmd *cmd_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < nr_cmds; i++)
		if (!strcmp(cmds[i]->name, name))
			return cmds[i];
	return NULL;
}

/* The table, plus every header command it lacks, as a generic one. */
static void cmds_init(void)
{
	const struct hdr_cmd *h;
	struct cmd *c;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(known_cmds); i++)
		cmds[nr_cmds++] = &known_cmds[i];
	for (h = hdr_cmds; h->name; h++) {
		c = cmd_by_name(h->name);
		if (c) {
			c->flags |= F_HEADER;
			continue;
		}
		c = &generic_cmds[nr_generic++];
		c->name = h->name;
		c->nr = h->nr;
		c->kinds = K_LTTNG;
		c->flags = F_MAYFD | F_HEADER;
		c->newkind = K_OTHER;
		c->arg = _IOC_SIZE(h->nr) ? A_RAW : A_NONE;
		cmds[nr_cmds++] = c;
		printf("abi_fuzz: note: %s (0x%08x) is fuzzed as a generic command\n",
		       h->name, h->nr);
	}
}

/* ---- known kernel bugs, skipped with -x NAME ----------------------------- */

/*
 * Each known bug has a name, what it is, and a reproducer that -c NAME
 * runs alone: the shortest call sequence that shows it, exiting 0 once
 * the kernel is right.  -x NAME keeps the fuzzer off its path, so that
 * the rest of the fuzzing goes on until the kernel is fixed.  Fixed bugs
 * stay, with the commit that fixed them, for their reproducers.
 */
struct known_bug {
	const char *name;
	const char *what;
	const char *fixed;	/* the fix, or NULL while it is open */
	int (*repro)(void);
	bool skip;
};

static int repro_huge_channel(void);

static struct known_bug known_bugs[] = {
	{
		.name = "huge_channel",
		/*
		 * 256 MiB x 2 sub-buffers (768 MiB per CPU) passed the
		 * checks, and vmalloc_user() with GFP_KERNEL invoked the OOM
		 * killer.  -x keeps valid shapes under 8 MiB per CPU.
		 */
		.what = "a valid channel larger than memory invokes the OOM killer, not ENOMEM",
		.fixed = "3639f73, refuse buffers larger than the memory available",
		.repro = repro_huge_channel,
	},
};

static inline bool skipped(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(known_bugs); i++)
		if (!strcmp(known_bugs[i].name, name))
			return known_bugs[i].skip;
	return false;
}

/* ---- output ------------------------------------------------------------ */

static int trace_fd = -1;	/* -o */
static int kmsg_fd = -1;	/* -k: /dev/kmsg, one record per line */
static bool verbose;
static unsigned long iter;
static unsigned long unexpected;
static __thread char cur_op[256];	/* what is being done, for the handler */
static __thread bool in_racer;
#define WHO	(in_racer ? "racer " : "")

static __printf(1, 2) void trace(const char *fmt, ...);
static void trace(const char *fmt, ...)
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

static __printf(1, 2) void fail(const char *fmt, ...);
static void fail(const char *fmt, ...)
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

static const char *errname(int err)
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

/* ---- memory for arguments -------------------------------------------------- */

/*
 * good: GOOD_PAGES read-write pages, followed by a PROT_NONE guard page,
 * a read-only page and another guard page.  A struct placed at the end of
 * good has its tail in the guard page.
 */
#define GOOD_PAGES	24
static uint8_t *good;
static uint8_t *guard;
static uint8_t *rdonly;
#define GOOD_SIZE	(GOOD_PAGES * PAGE)

/* Scratch space for building arguments, as large as the largest. */
static uint8_t scratch[GOOD_SIZE];

static void memory_init(void)
{
	size_t len = (GOOD_PAGES + 3) * PAGE;
	uint8_t *m;

	m = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		perror("abi_fuzz: mmap");
		exit(1);
	}
	good = m;
	guard = m + GOOD_SIZE;
	rdonly = guard + PAGE;
	if (mprotect(guard, PAGE, PROT_NONE) ||
	    mprotect(rdonly, PAGE, PROT_READ) ||
	    mprotect(rdonly + PAGE, PAGE, PROT_NONE)) {
		perror("abi_fuzz: mprotect");
		exit(1);
	}
}

/* Addresses that are never mapped, or that user space cannot touch. */
static const __u64 kernel_addrs[] = {
	0xffffffff81000000ULL,	/* kernel text */
	0xffff888000000000ULL,	/* direct map */
	0xffffffffff600000ULL,	/* vsyscall page */
	0xfffffffffffff000ULL,
	0xffffffffffffffffULL,
	0x0000800000000000ULL,	/* just above user space */
	0x00007ffffffff000ULL,	/* the last user page */
	0x8000000000000000ULL,	/* non-canonical */
};

enum amode {
	AM_GOOD,	/* a valid buffer, at a random offset */
	AM_NULL,
	AM_LOW,		/* below mmap_min_addr: never mapped */
	AM_GUARD,	/* a PROT_NONE page */
	AM_HALF,	/* only the first half of the struct is readable */
	AM_RDONLY,	/* a read-only copy */
	AM_KERNEL,
	AM_RANDOM,
	AM_NR,
};

static const char *const amode_name[AM_NR] = {
	"good", "null", "low", "guard", "half", "rdonly", "kernel", "random",
};

struct arg {
	enum amode mode;
	unsigned long val;	/* what is passed */
	uint8_t *p;		/* where the struct is, if in our memory */
	size_t size;		/* the struct's size */
	size_t need;		/* bytes the kernel must read to succeed */
	char desc[160];
};

static enum amode pick_amode(void)
{
	unsigned int r = below(100);

	if (r < 64)
		return AM_GOOD;
	if (r < 69)
		return AM_NULL;
	if (r < 73)
		return AM_LOW;
	if (r < 77)
		return AM_GUARD;
	if (r < 85)
		return AM_HALF;
	if (r < 90)
		return AM_RDONLY;
	if (r < 96)
		return AM_KERNEL;
	return AM_RANDOM;
}

/* Place @size bytes of scratch according to a->mode, and set a->val. */
static void place(struct arg *a, size_t size)
{
	size_t off;

	a->size = size;
	a->need = size;
	a->p = NULL;
	switch (a->mode) {
	case AM_GOOD:
		if (size > GOOD_SIZE)
			size = GOOD_SIZE;
		off = below(GOOD_SIZE - size + 1);
		if (chance(70))
			off &= ~7UL;
		a->p = good + off;
		memcpy(a->p, scratch, size);
		break;
	case AM_HALF:
		if (size > GOOD_SIZE)
			size = GOOD_SIZE;
		a->p = guard - size / 2;
		memcpy(a->p, scratch, size / 2);
		break;
	case AM_RDONLY:
		if (size > PAGE)
			size = PAGE;
		if (!mprotect(rdonly, PAGE, PROT_READ | PROT_WRITE)) {
			memcpy(rdonly, scratch, size);
			mprotect(rdonly, PAGE, PROT_READ);
		}
		a->p = rdonly;
		break;
	case AM_NULL:
		a->val = 0;
		return;
	case AM_LOW:
		a->val = 1 + below(0xffff);
		return;
	case AM_GUARD:
		a->val = (unsigned long)guard + below(PAGE);
		return;
	case AM_KERNEL:
		a->val = PICK(kernel_addrs) - (chance(50) ? below(PAGE) : 0);
		return;
	default:
		a->val = rnd();
		return;
	}
	a->val = (unsigned long)a->p;
}

/* A good SESSION_ATTACH argument for @name, in a. */
static void attach_arg(struct arg *a, const char *name)
{
	struct lttng_abi_session_attach *at = (void *)scratch;

	memset(at, 0, sizeof(*at));
	at->size = sizeof(*at);
	copy_str(at->name, sizeof(at->name), name);
	a->mode = AM_GOOD;
	place(a, sizeof(*at));
	snprintf(a->desc, sizeof(a->desc), "good attach{name=\"%.48s\"}", name);
}

static bool amode_bad(enum amode m)
{
	return m != AM_GOOD && m != AM_RDONLY;
}

/* Could a command that reads a->need bytes succeed with this argument? */
static bool arg_readable(const struct arg *a)
{
	if (a->mode == AM_HALF)
		return a->need <= a->size / 2;
	return !amode_bad(a->mode);
}

/* ---- the objects ------------------------------------------------------- */

#define MAX_OBJS	96
#define MAX_IDS		8192
#define MAX_MAPS	24
#define MAX_CHANS_PER_SESSION	64

struct obj {
	int fd;
	enum kind kind;
	int sess;	/* session identity, or -1 */
	int chan;	/* channel identity, or -1 */
	int file;	/* stream file identity, or -1 */
};

/*
 * A session, as the kernel should see it.  Identities are numbered in
 * creation order, the order of the kernel's list, which SESSION_ATTACH
 * searches for the first session of a name.
 */
struct sess {
	char name[LTTNG_ABI_SESSION_NAME_LEN];
	bool name_known;	/* else no prediction is made by name */
	bool chans_known;	/* else none is made of its channels */
	bool boot;
	int nchans;
	int chans[MAX_CHANS_PER_SESSION];
};

struct chan {
	int sess;
	bool metadata;
};

/* A stream's open file: it lives while an fd or a mapping holds it. */
struct sfile {
	int chan;
	int nfds;
	int nmaps;
	bool meta;
};

struct map {
	uint8_t *addr;
	size_t len;
	int file;
	bool whole;	/* all of the buffer, from offset 0 */
	int kind;
};

static struct obj objs[MAX_OBJS];
static int nobjs;
static struct sess sessions[MAX_IDS];
static int nsess;
static struct chan chans[MAX_IDS];
static int nchans;
static struct sfile sfiles[MAX_IDS];
static int nsfiles;
static struct map maps[MAX_MAPS];
static int nmaps;
static int boot_sess = -1;
static unsigned long name_serial;
static int ncpu;
static pid_t my_pid;

/* Our foreign fds: a pipe, /dev/null, a file, an epoll set. */
static int pipe_r = -1, pipe_w = -1;
static int devnull = -1, plain_file = -1, epfd = -1;

/* The racer thread runs (then some checks cannot be made). */
static bool racing;
/* In a forked child: only model_safe() commands. */
static bool in_child;
/* Odd while the racer is in a system call on one of the fds (atomic). */
static unsigned long racer_seq;

/*
 * A close() or munmap() does not release a file while another thread is
 * in a system call on it: the release then runs when that call returns.
 * Wait for the racer's call to end, so that what the model says is gone
 * is gone.
 */
static void racer_quiesce(void)
{
	unsigned long seq;

	/* (A child has no racer thread, but its parent's races it.) */
	if (!racing || in_child)
		return;
	seq = __atomic_load_n(&racer_seq, __ATOMIC_SEQ_CST);
	if (!(seq & 1))
		return;
	while (__atomic_load_n(&racer_seq, __ATOMIC_SEQ_CST) == seq)
		sched_yield();
}

/* Statistics. */
static unsigned long calls[K_NR];
static unsigned long created[K_NR];
static unsigned long n_mmap_ok, n_splice_bytes, n_read_bytes;
static unsigned long n_data_packets, n_meta_packets, n_magic_checked;
static unsigned long n_forks, n_attach_checked, n_predictions, n_hotplug;

enum op {
	OP_IOCTL, OP_CREATE, OP_CLOSE, OP_CONSUME, OP_IO, OP_CONTROL,
	OP_BUILD, OP_TEARDOWN, OP_DUP, OP_FORK, OP_ATTACH, OP_HOTPLUG, OP_NR,
};

static const char *const op_name[OP_NR] = {
	"ioctl", "create", "close", "consume", "io", "control", "build",
	"teardown", "dup", "fork", "attach", "hotplug",
};

static unsigned long op_count[OP_NR];

static int new_id(int *n, const char *what)
{
	if (*n >= MAX_IDS) {
		fprintf(stderr, "abi_fuzz: too many %s\n", what);
		exit(1);
	}
	return (*n)++;
}

static int add_obj(int fd, enum kind kind, int sess, int chan, int file)
{
	struct obj *o;

	if (nobjs >= MAX_OBJS) {
		/* No room: the fd is closed at once, still counted. */
		close(fd);
		return -1;
	}
	o = &objs[nobjs];
	o->fd = fd;
	o->kind = kind;
	o->sess = sess;
	o->chan = chan;
	o->file = file;
	if (file >= 0)
		sfiles[file].nfds++;
	created[kind]++;
	return nobjs++;
}

static int find_obj(int fd)
{
	int i;

	for (i = 0; i < nobjs; i++)
		if (objs[i].fd == fd)
			return i;
	return -1;
}

static int pick_obj(unsigned int kinds)
{
	int idx[MAX_OBJS], n = 0, i;

	for (i = 0; i < nobjs; i++)
		if (kinds & KB(objs[i].kind))
			idx[n++] = i;
	return n ? idx[below(n)] : -1;
}

static bool sess_alive(int s)
{
	int i;

	if (s < 0)
		return false;
	if (sessions[s].boot)
		return true;
	for (i = 0; i < nobjs; i++)
		if (objs[i].sess == s && (K_HOLD_SESSION & KB(objs[i].kind)))
			return true;
	return false;
}

static bool sfile_alive(int f)
{
	return sfiles[f].nfds > 0 || sfiles[f].nmaps > 0;
}

/* The stream files alive on a channel: its readers. */
static int chan_readers(int ch)
{
	int i, n = 0;

	for (i = 0; i < nsfiles; i++)
		if (sfiles[i].chan == ch && sfile_alive(i))
			n++;
	return n;
}

static void close_obj(int i)
{
	struct obj *o = &objs[i];
	int ret;

	snprintf(cur_op, sizeof(cur_op), "close fd %d (%s)", o->fd,
		 kind_name[o->kind]);
	trace("close fd=%d %s", o->fd, kind_name[o->kind]);
	calls[o->kind]++;
	ret = close(o->fd);
	if (ret)
		fail("close(%d) of a %s: %s", o->fd, kind_name[o->kind],
		     errname(errno));
	if (o->file >= 0)
		sfiles[o->file].nfds--;
	objs[i] = objs[--nobjs];
	racer_quiesce();
}

/* ---- argument generators ------------------------------------------------ */

static char tp_names[128][64];
static int ntp;

static const char *pick_event_name(void)
{
	static const char *const odd[] = {
		"*", "sched_*", "*switch*", "sched_switch", "no_such_event",
		"sched_\\*", "\\", "*\\", "a*b*c*", "**", "sched_switch*",
		"lttng_*",
	};

	if (ntp && chance(60))
		return tp_names[below(ntp)];
	return PICK(odd);
}

/* A string in a fixed array: terminated mostly, junk after the NUL. */
static void gen_string(char *dst, size_t size, const char *s, char *desc,
		       size_t dlen)
{
	size_t len;

	memset(dst, chance(50) ? 0 : 'Z', size);
	switch (below(10)) {
	case 0:		/* unterminated */
		memset(dst, 'x', size);
		snprintf(desc, dlen, "unterminated");
		return;
	case 1:		/* empty */
		dst[0] = '\0';
		snprintf(desc, dlen, "\"\"");
		return;
	case 2:		/* the longest one */
		memset(dst, 'y', size - 1);
		dst[size - 1] = '\0';
		snprintf(desc, dlen, "%zu chars", size - 1);
		return;
	case 3:		/* random bytes, a NUL somewhere */
		for (len = 0; len < size; len++)
			dst[len] = rnd();
		dst[below(size)] = '\0';
		snprintf(desc, dlen, "random");
		return;
	default:
		len = strlen(s);
		if (len >= size)
			len = size - 1;
		memcpy(dst, s, len);
		dst[len] = '\0';
		snprintf(desc, dlen, "\"%s\"", s);
	}
}

static __u64 pick_subbuf_size(void)
{
	static const __u64 odd[] = {
		0, 1, 3000, 4095, 4097, 1ULL << 28, 1ULL << 29, 1ULL << 40,
		1ULL << 63, UINT64_MAX, 3 * 4096, 1 << 20,
	};

	if (chance(90))
		return 4096ULL << below(5);	/* 4 KiB .. 64 KiB */
	return chance(80) ? PICK(odd) : rnd();
}

static __u64 pick_num_subbuf(void)
{
	static const __u64 odd[] = {
		0, 1, 3, 16384, 32768, 1ULL << 40, UINT64_MAX, 6,
	};

	if (chance(90))
		return 2ULL << below(3);	/* 2 .. 8 */
	return chance(80) ? PICK(odd) : rnd();
}

static uint32_t pick_timer(void)
{
	static const uint32_t odd[] = { 1, 10, 100, UINT32_MAX, INT32_MAX };

	if (chance(70))
		return 0;
	if (chance(85))
		return 1000 + below(200000);
	return PICK(odd);
}

/* A channel struct: valid mostly, or one field off. */
static size_t gen_channel(uint8_t *buf, char *desc, size_t dlen,
			  bool valid)
{
	struct lttng_abi_channel *c = (void *)buf;

	memset(c, 0, sizeof(*c));
	c->subbuf_size = valid ? 4096ULL << below(3) : pick_subbuf_size();
	c->num_subbuf = valid ? 2ULL << below(3) : pick_num_subbuf();
	c->switch_timer_interval = valid ? 0 : pick_timer();
	c->read_timer_interval = valid ? (chance(50) ? 0 : 200000) :
		pick_timer();
	c->output = chance(95) || valid ? below(2) : (uint32_t)rnd();
	c->overwrite = chance(95) || valid ? below(2) : (int32_t)rnd();
	/*
	 * Memory.  A shape the guest can hold stays under 8 MiB per CPU, so
	 * that channels never starve the rest of the guest (1 GiB); a bigger
	 * one is made 1.25 GiB per CPU, which the kernel must refuse with
	 * -ENOMEM.  With -x huge_channel (the OOM killer before 3639f73), it
	 * is made invalid instead.
	 */
	if (c->subbuf_size <= 1ULL << 28 && c->num_subbuf <= 16384 &&
	    (c->num_subbuf + 1) * c->subbuf_size > 8ULL << 20) {
		c->subbuf_size = 1ULL << (skipped("huge_channel") ? 29 : 28);
		c->num_subbuf = 4;
	}
	if (chance(10))
		for (size_t i = 0; i < sizeof(c->padding); i++)
			c->padding[i] = rnd();
	snprintf(desc, dlen,
		 "channel{subbuf=%llu,n=%llu,switch=%u,read=%u,out=%u,ow=%d}",
		 (unsigned long long)c->subbuf_size,
		 (unsigned long long)c->num_subbuf,
		 c->switch_timer_interval, c->read_timer_interval, c->output,
		 c->overwrite);
	return sizeof(*c);
}

/* An fd number for the places that take one: of any kind, or none. */
static int pick_fd_value(void)
{
	static const int odd[] = { -1, 0, 1, 2, 1023, 1 << 20, INT32_MAX };
	int i;

	if (chance(30) && plain_file >= 0)
		return plain_file;
	if (chance(60) && nobjs) {
		i = below(nobjs);
		return objs[i].fd;
	}
	return PICK(odd);
}

static size_t gen_event(uint8_t *buf, char *desc, size_t dlen, bool valid)
{
	static const char *const syms[] = {
		"schedule", "do_nanosleep", "vfs_read", "no_such_symbol",
		"lttng_session_start", "", "__x64_sys_getpid",
	};
	struct lttng_abi_event *ev = (void *)buf;
	char sdesc[80];
	size_t i;

	memset(ev, 0, sizeof(*ev));
	if (valid) {
		const char *n = pick_event_name();

		copy_str(ev->name, sizeof(ev->name), n);
		snprintf(sdesc, sizeof(sdesc), "\"%s\"", n);
	} else {
		gen_string(ev->name, sizeof(ev->name), pick_event_name(),
			   sdesc, sizeof(sdesc));
	}
	if (valid || chance(60))
		ev->instrumentation = LTTNG_ABI_TRACEPOINT;
	else if (chance(85))
		ev->instrumentation = below(8);
	else
		ev->instrumentation = rnd();
	ev->token = chance(70) ? 0 : rnd();
	if (!valid && chance(10))
		for (i = 0; i < sizeof(ev->padding); i++)
			ev->padding[i] = rnd();
	switch (ev->instrumentation) {
	case LTTNG_ABI_KPROBE:
	case LTTNG_ABI_KRETPROBE:
		copy_str(ev->u.kprobe.symbol_name,
			 sizeof(ev->u.kprobe.symbol_name), PICK(syms));
		ev->u.kprobe.offset = chance(70) ? 0 : below(64);
		ev->u.kprobe.addr = chance(80) ? 0 : PICK(kernel_addrs);
		if (ev->instrumentation == LTTNG_ABI_KRETPROBE)
			ev->u.kretprobe.entryexit = below(4);
		break;
	case LTTNG_ABI_FUNCTION:
		copy_str(ev->u.ftrace.symbol_name,
			 sizeof(ev->u.ftrace.symbol_name), PICK(syms));
		break;
	case LTTNG_ABI_SYSCALL:
		ev->u.syscall.entryexit = below(4);
		ev->u.syscall.abi = chance(70) ? 0 : below(4);
		ev->u.syscall.match = chance(70) ? 0 : below(3);
		ev->u.syscall.nr = chance(50) ? below(512) : rnd();
		if (chance(40))
			copy_str(ev->name, sizeof(ev->name),
				 chance(50) ? "*" : "getpid");
		break;
	case LTTNG_ABI_UPROBE:
		ev->u.uprobe.fd = pick_fd_value();
		break;
	default:
		if (!valid && chance(20))
			for (i = 0; i < sizeof(ev->u.padding); i++)
				ev->u.padding[i] = rnd();
	}
	snprintf(desc, dlen, "event{name=%s,instr=%u,token=%llu}",
		 sdesc, ev->instrumentation, (unsigned long long)ev->token);
	return sizeof(*ev);
}

static size_t gen_context(uint8_t *buf, char *desc, size_t dlen)
{
	static const char *const perf[] = {
		"perf:cpu:cycles", "perf:cpu:instructions", "", "x",
	};
	struct lttng_abi_context *c = (void *)buf;
	char sdesc[48];

	memset(c, 0, sizeof(*c));
	if (chance(85))
		c->ctx = below(LTTNG_ABI_CONTEXT_TIME_NS + 1);
	else
		c->ctx = chance(50) ? below(100) : rnd();
	if (c->ctx == LTTNG_ABI_CONTEXT_PERF_CPU_COUNTER || chance(10)) {
		c->u.perf_counter.type = below(6);
		c->u.perf_counter.config = chance(50) ? below(10) : rnd();
		gen_string(c->u.perf_counter.name,
			   sizeof(c->u.perf_counter.name), PICK(perf), sdesc,
			   sizeof(sdesc));
	}
	snprintf(desc, dlen, "context{ctx=%u}", c->ctx);
	return sizeof(*c);
}

/* A session name: a unique one we can look for later, or junk. */
static size_t gen_name(uint8_t *buf, char *desc, size_t dlen, char *unique)
{
	struct lttng_abi_session_name *n = (void *)buf;

	unique[0] = '\0';
	if (chance(60)) {
		memset(n, chance(50) ? 0 : 'G', sizeof(*n));
		snprintf(unique, 40, "fz%d_%lu", (int)my_pid, ++name_serial);
		copy_str(n->name, sizeof(n->name), unique);
		snprintf(desc, dlen, "name{\"%s\"}", unique);
	} else {
		char sdesc[48];

		gen_string(n->name, sizeof(n->name), "auto", sdesc,
			   sizeof(sdesc));
		snprintf(desc, dlen, "name{%s}", sdesc);
	}
	return sizeof(*n);
}

static size_t gen_ctime(uint8_t *buf, char *desc, size_t dlen)
{
	static const char *const times[] = {
		"20250101T120000+0000", "2025-01-01T12:00:00+00:00",
		"garbage", "99999999T999999+9999",
	};
	struct lttng_abi_session_creation_time *t = (void *)buf;
	char sdesc[48];

	gen_string(t->iso8601, sizeof(t->iso8601), PICK(times), sdesc,
		   sizeof(sdesc));
	snprintf(desc, dlen, "time{%s}", sdesc);
	return sizeof(*t);
}

static int32_t pick_id(void)
{
	static const int32_t odd[] = { -1, 0, 1, 1000, INT32_MAX, INT32_MIN };

	if (chance(30))
		return my_pid;
	return chance(70) ? PICK(odd) : (int32_t)rnd();
}

static size_t gen_tracker(uint8_t *buf, char *desc, size_t dlen)
{
	struct lttng_abi_tracker_args *t = (void *)buf;

	t->type = chance(85) ? below(7) - 1 : (uint32_t)rnd();
	t->id = pick_id();
	snprintf(desc, dlen, "tracker{type=%d,id=%d}", (int)t->type, t->id);
	return sizeof(*t);
}

static size_t gen_sysmask(uint8_t *buf, char *desc, size_t dlen)
{
	static const uint32_t lens[] = {
		0, 1, 7, 8, 64, 511, 512, 4096, 65536, 1U << 20, 1U << 31,
		UINT32_MAX,
	};
	struct lttng_abi_syscall_mask *m = (void *)buf;
	size_t bytes;

	m->len = chance(90) ? PICK(lens) : (uint32_t)rnd();
	bytes = ((size_t)m->len + 7) / 8;
	if (bytes > GOOD_SIZE - sizeof(*m))
		bytes = GOOD_SIZE - sizeof(*m);
	memset(m->mask, chance(50) ? 0 : 0xff, bytes);
	snprintf(desc, dlen, "syscall_mask{len=%u}", m->len);
	return sizeof(*m) + bytes;
}

static size_t gen_bytecode(uint8_t *buf, char *desc, size_t dlen)
{
	static const uint32_t lens[] = {
		0, 1, 2, 8, 16, 100, 4096, LTTNG_ABI_FILTER_MAX_LEN,
		LTTNG_ABI_FILTER_MAX_LEN + 1, 1U << 20, UINT32_MAX,
	};
	struct lttng_abi_filter_bytecode *b = (void *)buf;
	size_t bytes, i;

	b->len = chance(90) ? PICK(lens) : (uint32_t)rnd();
	b->reloc_offset = chance(50) ? below(b->len + 1ULL) : (uint32_t)rnd();
	b->seqnum = chance(50) ? below(4) : rnd();
	bytes = b->len;
	if (bytes > GOOD_SIZE - sizeof(*b))
		bytes = GOOD_SIZE - sizeof(*b);
	for (i = 0; i < bytes; i++)
		b->data[i] = chance(50) ? below(64) : rnd();
	if (bytes)
		b->data[bytes - 1] = chance(50) ? 0 : b->data[bytes - 1];
	snprintf(desc, dlen, "bytecode{len=%u,reloc=%u}", b->len,
		 b->reloc_offset);
	return sizeof(*b) + bytes;
}

static void gen_index(struct lttng_abi_counter_index *idx)
{
	int i;

	idx->number_dimensions = chance(70) ? 1 : below(6);
	for (i = 0; i < LTTNG_ABI_COUNTER_DIMENSION_MAX; i++)
		idx->dimension_indexes[i] = chance(70) ? below(4096) : rnd();
}

static size_t gen_counter(uint8_t *buf, enum argt t, char *desc, size_t dlen)
{
	size_t size, i;

	switch (t) {
	case A_COUNTER_CONF: {
		struct lttng_abi_counter_conf *c = (void *)buf;

		memset(c, 0, sizeof(*c));
		c->arithmetic = chance(80) ? 0 : below(3);
		c->bitness = chance(80) ? below(2) : rnd();
		c->number_dimensions = chance(70) ? 1 : below(6);
		c->global_sum_step = chance(80) ? 0 : rnd();
		for (i = 0; i < LTTNG_ABI_COUNTER_DIMENSION_MAX; i++) {
			c->dimensions[i].size = chance(70) ? 4096 : rnd();
			c->dimensions[i].has_underflow = below(2);
			c->dimensions[i].has_overflow = below(2);
		}
		c->coalesce_hits = below(2);
		size = sizeof(*c);
		break;
	}
	case A_COUNTER_READ: {
		struct lttng_abi_counter_read *r = (void *)buf;

		memset(r, 0, sizeof(*r));
		gen_index(&r->index);
		r->cpu = chance(70) ? (int)below(ncpu + 1) - 1 : (int32_t)rnd();
		size = sizeof(*r);
		break;
	}
	case A_COUNTER_AGG: {
		struct lttng_abi_counter_aggregate *r = (void *)buf;

		memset(r, 0, sizeof(*r));
		gen_index(&r->index);
		size = sizeof(*r);
		break;
	}
	default: {
		struct lttng_abi_counter_clear *r = (void *)buf;

		memset(r, 0, sizeof(*r));
		gen_index(&r->index);
		size = sizeof(*r);
		break;
	}
	}
	/* Reserved bytes: zero mostly. */
	if (chance(10))
		buf[size - 1 - below(8)] = 1 + below(255);
	snprintf(desc, dlen, "counter{%zu bytes}", size);
	return size;
}

/* The size field of the extension structs. */
static uint32_t pick_ext_size(uint32_t real, bool *tail)
{
	static const uint32_t odd[] = {
		0, 1, 4, 7, 8, 4096, 1U << 20, UINT32_MAX, INT32_MAX,
	};

	*tail = false;
	if (chance(70))
		return real;
	switch (below(5)) {
	case 0:
		return real - 1 - below(real - 1);
	case 1:
		return real + 8 * (1 + below(4));	/* zero tail */
	case 2:
		*tail = true;				/* non-zero tail */
		return real + 8 * (1 + below(4));
	default:
		return PICK(odd);
	}
}

/* A session name to attach to: one of ours, the boot one, or junk. */
static const char *pick_attach_name(void)
{
	static const char *const odd[] = { "boot", "nope", "fz", "auto" };
	int s;

	if (chance(60) && nsess) {
		s = below(nsess);
		if (sessions[s].name_known && sessions[s].name[0])
			return sessions[s].name;
	}
	if (chance(40))
		return "";
	return PICK(odd);
}

static size_t gen_attach(uint8_t *buf, char *desc, size_t dlen)
{
	struct lttng_abi_session_attach *a = (void *)buf;
	size_t size;
	bool tail;

	memset(buf, 0, sizeof(*a) + 64);
	a->size = pick_ext_size(sizeof(*a), &tail);
	a->flags = chance(90) ? 0 : rnd();
	copy_str(a->name, sizeof(a->name), pick_attach_name());
	if (chance(5))
		memset(a->name, 'q', sizeof(a->name));
	size = a->size < sizeof(*a) + 64 ? a->size : sizeof(*a) + 64;
	if (size < sizeof(*a))
		size = sizeof(*a);
	if (tail && size > sizeof(*a))
		buf[sizeof(*a) + below(size - sizeof(*a))] = 1;
	snprintf(desc, dlen, "attach{size=%u,flags=%u,name=\"%.40s\"}",
		 a->size, a->flags, a->name[0] == 'q' ? "q..." : a->name);
	return size;
}

static size_t gen_changet(uint8_t *buf, char *desc, size_t dlen)
{
	struct lttng_abi_channel_get *g = (void *)buf;
	size_t size;
	bool tail;

	memset(buf, 0, sizeof(*g) + 64);
	g->size = pick_ext_size(sizeof(*g), &tail);
	g->index = chance(85) ? below(4) : rnd();
	size = g->size < sizeof(*g) + 64 ? g->size : sizeof(*g) + 64;
	if (size < sizeof(*g))
		size = sizeof(*g);
	if (tail && size > sizeof(*g))
		buf[sizeof(*g) + below(size - sizeof(*g))] = 1;
	snprintf(desc, dlen, "channel_get{size=%u,index=%u}", g->size,
		 g->index);
	return size;
}

static unsigned long pick_value(void)
{
	static const unsigned long odd[] = {
		0, 1, (unsigned long)-1, INT32_MAX, 0x80000000UL,
		0xffffffffUL, 1UL << 40,
	};

	if (chance(30))
		return my_pid;
	if (chance(20))
		return pick_fd_value();
	return chance(70) ? PICK(odd) : rnd();
}

static __u64 last_pos[2];	/* positions read back by snapshot getters */

/*
 * Build the argument of @c (or of a random number, c == NULL, nr) in a,
 * with the pointer mode a->mode.  valid asks for a valid-looking struct.
 */
static void gen_arg(struct cmd *c, unsigned int nr, struct arg *a, bool valid)
{
	enum argt t = c ? c->arg : (_IOC_SIZE(nr) ? A_RAW : A_NONE);
	char desc[140] = "";
	char unique[40];
	size_t size = _IOC_SIZE(nr), i, need = 0;

	a->p = NULL;
	switch (t) {
	case A_NONE:
		a->mode = AM_RANDOM;
		a->val = chance(50) ? 0 : pick_value();
		snprintf(a->desc, sizeof(a->desc), "0x%lx", a->val);
		return;
	case A_VAL:
		a->mode = AM_RANDOM;
		a->val = pick_value();
		snprintf(a->desc, sizeof(a->desc), "value %ld", (long)a->val);
		return;
	case A_OUT:
	case A_RAW:
		for (i = 0; i < size; i++)
			scratch[i] = rnd();
		snprintf(desc, sizeof(desc), "%zu bytes", size);
		break;
	case A_U64IN: {
		__u64 pos;

		switch (below(5)) {
		case 0:
			pos = last_pos[0];
			break;
		case 1:
			pos = last_pos[1];
			break;
		case 2:
			pos = PAGE * below(64);
			break;
		case 3:
			pos = rnd();
			break;
		default:
			pos = last_pos[below(2)] - PAGE * below(16);
		}
		memcpy(scratch, &pos, sizeof(pos));
		size = sizeof(pos);
		snprintf(desc, sizeof(desc), "pos=%llu",
			 (unsigned long long)pos);
		break;
	}
	case A_CHANNEL:
		size = gen_channel(scratch, desc, sizeof(desc), valid);
		break;
	case A_OLD_CHANNEL:
		/* int overwrite, then the 2.x fields, naturally aligned. */
		memset(scratch, 0, OLD_CHANNEL_SIZE);
		gen_channel(scratch + 8, desc, sizeof(desc), valid);
		memcpy(scratch, scratch + 8 + 28, 4);
		size = OLD_CHANNEL_SIZE;
		break;
	case A_EVENT:
		size = gen_event(scratch, desc, sizeof(desc), valid);
		break;
	case A_OLD_EVENT:
		memset(scratch, 0, OLD_EVENT_SIZE);
		gen_event(scratch, desc, sizeof(desc), valid);
		size = OLD_EVENT_SIZE;
		break;
	case A_CONTEXT:
		size = gen_context(scratch, desc, sizeof(desc));
		break;
	case A_OLD_CONTEXT:
		memset(scratch, 0, OLD_CONTEXT_SIZE);
		gen_context(scratch, desc, sizeof(desc));
		size = OLD_CONTEXT_SIZE;
		break;
	case A_NAME:
		size = gen_name(scratch, desc, sizeof(desc), unique);
		break;
	case A_CTIME:
		size = gen_ctime(scratch, desc, sizeof(desc));
		break;
	case A_TRACKER:
		size = gen_tracker(scratch, desc, sizeof(desc));
		break;
	case A_CALIBRATE: {
		struct lttng_abi_calibrate *cal = (void *)scratch;

		cal->type = chance(70) ? 0 : rnd();
		size = sizeof(*cal);
		snprintf(desc, sizeof(desc), "calibrate{type=%u}", cal->type);
		break;
	}
	case A_SYSMASK:
		size = gen_sysmask(scratch, desc, sizeof(desc));
		/*
		 * The kernel reads len, then writes back len and as many
		 * mask bytes as its table has, whatever len says.
		 */
		need = sizeof(__u32);
		break;
	case A_BYTECODE:
		size = gen_bytecode(scratch, desc, sizeof(desc));
		break;
	case A_CALLSITE: {
		struct lttng_abi_event_callsite *cs = (void *)scratch;

		cs->u.uprobe.offset = chance(50) ? below(65536) : rnd();
		size = sizeof(*cs);
		snprintf(desc, sizeof(desc), "callsite{offset=%llu}",
			 (unsigned long long)cs->u.uprobe.offset);
		break;
	}
	case A_COUNTER_CONF:
	case A_COUNTER_READ:
	case A_COUNTER_AGG:
	case A_COUNTER_CLEAR:
		size = gen_counter(scratch, t, desc, sizeof(desc));
		break;
	case A_NOTIFIER: {
		struct lttng_abi_event_notifier *n = (void *)scratch;

		memset(n, 0, sizeof(*n));
		gen_event(scratch, desc, sizeof(desc), valid);
		n->error_counter_index = chance(70) ? below(4096) : rnd();
		size = sizeof(*n);
		break;
	}
	case A_ATTACH:
		size = gen_attach(scratch, desc, sizeof(desc));
		need = ((struct lttng_abi_session_attach *)scratch)->size;
		break;
	case A_CHANGET:
		size = gen_changet(scratch, desc, sizeof(desc));
		need = ((struct lttng_abi_channel_get *)scratch)->size;
		break;
	}
	if (!size)
		size = 1;
	place(a, size);
	/* The extension structs: the kernel reads the size it is told. */
	if (need && need < a->need)
		a->need = need < 4 ? 4 : need;
	if (t == A_ATTACH || t == A_CHANGET)
		a->need = need < 4 ? 4 : (need < a->need ? need : a->need);
	if (a->p)
		snprintf(a->desc, sizeof(a->desc), "%s@%p %s",
			 amode_name[a->mode], a->p, desc);
	else
		snprintf(a->desc, sizeof(a->desc), "%s 0x%lx %s",
			 amode_name[a->mode], a->val, desc);
}

/* ---- errno sets -------------------------------------------------------- */

static bool errno_in(int err, const int *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == err)
			return true;
	return false;
}

/* What lttng-abi.md and the header document for the ioctls. */
static const int ioctl_errnos[] = {
	EINVAL, ENOTTY, EFAULT, EPERM, EBUSY, ENOENT, ENODATA, EAGAIN,
	ENOSYS, EEXIST, ENOMEM, EBADF, ENOSPC, E2BIG, EIO, EFBIG, EMFILE,
	ENFILE,
};

static const int mmap_errnos[] = {
	EINVAL, EACCES, EPERM, ENODEV, ENOMEM, EAGAIN, EOVERFLOW, EBUSY,
	ENODATA, EIO,
};

static const int read_errnos[] = {
	EINVAL, EFAULT, EAGAIN, ENODATA, EBADF, EIO, EBUSY, ESPIPE, ENOMEM,
	EPERM,
};

#define ERRNO_OK(err, set)	errno_in(err, set, sizeof(set) / sizeof((set)[0]))

/* ---- the ioctl call and its checks --------------------------------------- */

/* fd is open and not one we know: a new fd from the kernel. */
static bool fresh_fd(int fd)
{
	return fd > 2 && fcntl(fd, F_GETFD) >= 0 && find_obj(fd) < 0 &&
	       fd != pipe_r && fd != pipe_w && fd != devnull &&
	       fd != plain_file && fd != epfd && fd != trace_fd &&
	       fd != kmsg_fd;
}

static int ensure(enum kind kind);
static void model_new_fd(int oi, struct cmd *c, struct arg *a, int fd);
static void model_after(int oi, struct cmd *c, struct arg *a, long ret);

/*
 * ioctl(objs[oi].fd, nr, a) with every check.  a->val is what is passed.
 * Returns the ioctl's return value; errno is kept.  oi may be a foreign
 * fd's pseudo-object (oi < 0: fd is in *fdp).
 */
static long do_ioctl_fd(int oi, int fd, enum kind kind, unsigned int nr,
			struct arg *a)
{
	struct cmd *c = cmd_by_nr(nr);
	bool own = c && (c->kinds & KB(kind));
	long ret;
	int err;

	snprintf(cur_op, sizeof(cur_op), "ioctl fd %d (%s) %s 0x%08x arg %s",
		 fd, kind_name[kind], c ? c->name : "?", nr, a->desc);
	trace("ioctl fd=%d %s %s(0x%08x) arg=%s", fd, kind_name[kind],
	      c ? c->name : "random", nr, a->desc);
	calls[kind]++;
	if (c) {
		c->calls++;
		if (own)
			c->own++;
	} else {
		unknown_calls++;
	}
	errno = 0;
	ret = ioctl(fd, nr, a->val);
	err = errno;
	if (ret >= 0) {
		if (c)
			c->ok++;
		else
			unknown_ok++;
	}
	trace("= %ld %s", ret, ret < 0 ? errname(err) : "");

	if (ret < 0) {
		if (kind == K_FOREIGN)
			goto out;
		if (!c && err != ENOTTY)
			fail("%s: unknown number 0x%08x on a %s fd: %s, not ENOTTY",
			     a->desc, nr, kind_name[kind], errname(err));
		else if (!ERRNO_OK(err, ioctl_errnos))
			fail("%s(0x%08x) on a %s fd, arg %s: errno %d (%s) is not a documented one",
			     c ? c->name : "?", nr, kind_name[kind], a->desc,
			     err, errname(err));
		goto out;
	}
	if (kind == K_FOREIGN) {
		if (ret > 0 && fresh_fd(ret))
			close(ret);
		goto out;
	}
	if (!c) {
		fail("unknown number 0x%08x on a %s fd returned %ld, not ENOTTY",
		     nr, kind_name[kind], ret);
		if (ret > 0 && fresh_fd(ret))
			close(ret);
		goto out;
	}
	if (own && (c->flags & F_PTR) && !arg_readable(a) &&
	    !(a->mode == AM_NULL && (c->flags & F_NULL_OK)))
		fail("%s on a %s fd succeeded (%ld) with a bad pointer: %s",
		     c->name, kind_name[kind], ret, a->desc);
	if (own && (c->arg == A_OUT || c->arg == A_SYSMASK) &&
	    a->mode == AM_RDONLY)
		fail("%s on a %s fd succeeded (%ld), writing into a read-only page",
		     c->name, kind_name[kind], ret);
	if (own && (c->flags & (F_FD | F_MAYFD)) && ret > 0) {
		if (!fresh_fd(ret)) {
			fail("%s on a %s fd returned %ld, which is not a new open fd",
			     c->name, kind_name[kind], ret);
			goto out;
		}
		model_new_fd(oi, c, a, ret);
		goto out;
	}
	if (own && (c->flags & F_FD)) {
		fail("%s on a %s fd returned 0, not an fd or an error",
		     c->name, kind_name[kind]);
		goto out;
	}
	if (ret > 0) {
		fail("%s(0x%08x) on a %s fd returned %ld: the ABI allows only 0 or an error",
		     c->name, nr, kind_name[kind], ret);
		if (fresh_fd(ret))
			close(ret);
		goto out;
	}
	if (own && oi >= 0)
		model_after(oi, c, a, ret);
out:
	errno = err;
	return ret;
}

static long do_ioctl(int oi, unsigned int nr, struct arg *a)
{
	return do_ioctl_fd(oi, objs[oi].fd, objs[oi].kind, nr, a);
}

/* An ioctl with a valid argument (mode good). */
static long ioctl_good(int oi, unsigned int nr, struct arg *a)
{
	a->mode = AM_GOOD;
	gen_arg(cmd_by_nr(nr), nr, a, true);
	return do_ioctl(oi, nr, a);
}

/* A u64 getter with a good buffer; the value, or -1 with errno. */
static long ioctl_u64(int oi, unsigned int nr, __u64 *v)
{
	struct arg a;
	long ret;

	ret = ioctl_good(oi, nr, &a);
	if (!ret && a.p)
		memcpy(v, a.p, sizeof(*v));
	return ret;
}

/* ---- the model: what a new fd is, and what a command changed ------------- */

static int new_sess(bool boot)
{
	int s = new_id(&nsess, "sessions");

	memset(&sessions[s], 0, sizeof(sessions[s]));
	sessions[s].boot = boot;
	/* SESSION makes a session named "", without channels. */
	sessions[s].name_known = !boot;
	sessions[s].chans_known = true;
	return s;
}

static int new_chan(int sess, bool metadata)
{
	int ch = new_id(&nchans, "channels");

	chans[ch].sess = sess;
	chans[ch].metadata = metadata;
	return ch;
}

static int new_sfile(int ch, bool meta)
{
	int f = new_id(&nsfiles, "stream files");

	sfiles[f].chan = ch;
	sfiles[f].meta = meta;
	sfiles[f].nfds = 0;
	sfiles[f].nmaps = 0;
	return f;
}

#define SESS_UNKNOWN	(-2)

/*
 * The session SESSION_ATTACH should find for @name: the boot session for
 * "", else the first live one of that name; -1 if none, SESS_UNKNOWN if
 * a live session before it has a name we do not know.
 */
static int sess_by_name(const char *name)
{
	int s;

	if (!name[0])
		return boot_sess;
	for (s = 0; s < nsess; s++) {
		if (!sess_alive(s))
			continue;
		if (!sessions[s].name_known)
			return SESS_UNKNOWN;
		if (!strcmp(sessions[s].name, name))
			return s;
	}
	return -1;
}

/* Forget every live session's name: a rename we cannot place. */
static void forget_names(void)
{
	int s;

	for (s = 0; s < nsess; s++)
		if (sess_alive(s))
			sessions[s].name_known = false;
}

/* A name for messages: printable, short. */
static const char *show_name(const char *name)
{
	static char buf[48];
	size_t i;

	for (i = 0; i < sizeof(buf) - 4 && name[i]; i++)
		buf[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';
	copy_str(buf + i, sizeof(buf) - i, name[i] ? "..." : "");
	return buf;
}

/*
 * An extension struct as the kernel sees it: get_user() of its whole
 * size field, then copy_struct_from_user() of that many bytes, the rest
 * zero.  A size of 1 makes an attach to "", the boot session.
 */
static void ext_seen(const struct arg *a, void *dst, size_t dsize)
{
	__u32 size;

	memcpy(&size, a->p, sizeof(size));
	memset(dst, 0, dsize);
	memcpy(dst, a->p, size < dsize ? size : dsize);
}

static void model_new_fd(int oi, struct cmd *c, struct arg *a, int fd)
{
	struct obj *o = &objs[oi];
	int kind = c->newkind, sess = -1, ch = -1, file = -1;

	if (kind == NEW_STREAM)
		kind = o->kind == K_METADATA ? K_MSTREAM : K_STREAM;
	/* Never look at what a bad pointer points to (half of it may do). */
	if (!arg_readable(a))
		a->p = NULL;
	switch (kind) {
	case K_SESSION:
		if (c->arg == A_ATTACH) {
			struct lttng_abi_session_attach at;

			sess = SESS_UNKNOWN;
			if (a->p) {
				ext_seen(a, &at, sizeof(at));
				sess = sess_by_name(at.name);
			}
			if (sess < 0) {
				/* Some session we cannot tell: names are moot. */
				forget_names();
				sess = new_sess(false);
				sessions[sess].name_known = false;
				sessions[sess].chans_known = false;
			}
		} else {
			sess = new_sess(false);
		}
		break;
	case K_CHANNEL:
	case K_METADATA:
		sess = o->sess;
		if (c->arg == A_CHANGET) {
			struct lttng_abi_channel_get g;

			if (sess < 0 || !a->p)
				break;
			ext_seen(a, &g, sizeof(g));
			if (g.index < (unsigned int)sessions[sess].nchans)
				ch = sessions[sess].chans[g.index];
			break;
		}
		if (sess < 0)
			break;
		ch = new_chan(sess, kind == K_METADATA);
		if (kind == K_CHANNEL &&
		    sessions[sess].nchans < MAX_CHANS_PER_SESSION)
			sessions[sess].chans[sessions[sess].nchans++] = ch;
		break;
	case K_EVENT:
		sess = o->sess;
		ch = o->chan;
		break;
	case K_STREAM:
	case K_MSTREAM:
		sess = o->sess;
		ch = o->chan;
		file = new_sfile(ch, kind == K_MSTREAM);
		break;
	default:
		break;
	}
	trace("new fd=%d %s sess=%d chan=%d", fd, kind_name[kind], sess, ch);
	add_obj(fd, kind, sess, ch, file);
}

static void model_after(int oi, struct cmd *c, struct arg *a, long ret)
{
	struct obj *o = &objs[oi];

	if (amode_bad(a->mode))
		return;
	if (c->arg == A_NAME && o->sess >= 0) {
		struct lttng_abi_session_name *n = (void *)a->p;
		struct sess *s = &sessions[o->sess];

		/* A rename: the kernel keeps the name up to its NUL. */
		if (!s->name_known || !a->p ||
		    !memchr(n->name, '\0', sizeof(n->name)))
			forget_names();
		else
			copy_str(s->name, sizeof(s->name), n->name);
	}
	if (o->kind == K_STREAM || o->kind == K_MSTREAM) {
		if (c->nr == LTTNG_ABI_RB_SNAPSHOT_GET_CONSUMED && a->p)
			memcpy(&last_pos[0], a->p, 8);
		if (c->nr == LTTNG_ABI_RB_SNAPSHOT_GET_PRODUCED && a->p)
			memcpy(&last_pos[1], a->p, 8);
	}
}

/* ---- the STREAM prediction ------------------------------------------------- */

/*
 * STREAM on a channel fd: a new reader while some buffer has none, then
 * ENOENT (data) or EBUSY (metadata, which has one buffer).
 */
static long op_stream(int oi)
{
	struct obj *o = &objs[oi];
	int ch = o->chan, readers, nbufs;
	enum kind kind = o->kind;
	struct arg a;
	long ret;

	if (ch < 0)
		return ioctl_good(oi, LTTNG_ABI_STREAM, &a);
	readers = chan_readers(ch);
	nbufs = chans[ch].metadata ? 1 : ncpu;
	ret = ioctl_good(oi, LTTNG_ABI_STREAM, &a);
	n_predictions++;
	if (readers < nbufs && ret < 0 && errno != ENOMEM && errno != EMFILE)
		fail("STREAM on a %s fd with %d readers of %d buffers: %s",
		     kind_name[kind], readers, nbufs, errname(errno));
	if (readers >= nbufs && ret >= 0)
		fail("STREAM on a %s fd with %d readers of %d buffers gave a new one",
		     kind_name[kind], readers, nbufs);
	if (readers >= nbufs && ret < 0 &&
	    errno != (chans[ch].metadata ? EBUSY : ENOENT))
		fail("STREAM on a %s fd with every buffer read: %s",
		     kind_name[kind], errname(errno));
	return ret;
}

/* ---- mappings ---------------------------------------------------------- */

static void map_del(int i)
{
	if (maps[i].file >= 0)
		sfiles[maps[i].file].nmaps--;
	maps[i] = maps[--nmaps];
}

static int map_find(int file)
{
	int i;

	for (i = 0; i < nmaps; i++)
		if (maps[i].file == file && maps[i].whole)
			return i;
	return -1;
}

static void drain_pipe(void);

/* Copy len bytes at addr through a pipe: the kernel reads, never us. */
static bool peek(const void *addr, void *out, size_t len)
{
	ssize_t w, r;

	drain_pipe();
	w = write(pipe_w, addr, len);
	if (w != (ssize_t)len)
		return false;
	r = read(pipe_r, out, len);
	return r == (ssize_t)len;
}

static void drain_pipe(void)
{
	char buf[4096];

	while (read(pipe_r, buf, sizeof(buf)) > 0)
		;
}

/* mmap a stream fd: as consumerd does when valid, or with odd values. */
static void op_mmap(int oi, bool valid)
{
	struct obj *o = &objs[oi];
	__u64 len = 0;
	size_t mlen;
	off_t off = 0;
	int prot = PROT_READ, flags = chance(50) ? MAP_SHARED : MAP_PRIVATE;
	bool whole;
	uint8_t *m;

	if (nmaps >= MAX_MAPS)
		return;
	if (o->kind == K_STREAM || o->kind == K_MSTREAM)
		ioctl_u64(oi, LTTNG_ABI_RB_GET_MMAP_LEN, &len);
	mlen = len;
	if (valid && !len)
		return;
	if (valid)
		goto map;
	if (!len || chance(20)) {
		static const size_t odd[] = { 0, 4096, 8192, 1 << 20, 1UL << 30 };

		mlen = chance(50) || !len ? PICK(odd) :
			len + PAGE * (below(3) - 1);
	}
	if (chance(10))
		off = PAGE * (1 + below(4));
	if (chance(10))
		prot |= PROT_WRITE;
	if (chance(5))
		prot = chance(50) ? PROT_NONE : PROT_READ | PROT_EXEC;
map:
	whole = len && mlen == len && !off;
	snprintf(cur_op, sizeof(cur_op), "mmap fd %d (%s) len %zu off %ld",
		 o->fd, kind_name[o->kind], mlen, (long)off);
	trace("mmap fd=%d %s len=%zu off=%ld prot=%d flags=%d", o->fd,
	      kind_name[o->kind], mlen, (long)off, prot, flags);
	calls[o->kind]++;
	m = mmap(NULL, mlen, prot, flags, o->fd, off);
	if (m == MAP_FAILED) {
		trace("= %s", errname(errno));
		if (!ERRNO_OK(errno, mmap_errnos))
			fail("mmap of a %s fd, len %zu: %s", kind_name[o->kind],
			     mlen, errname(errno));
		return;
	}
	trace("= %p", m);
	if (o->kind != K_STREAM && o->kind != K_MSTREAM) {
		fail("mmap of a %s fd succeeded", kind_name[o->kind]);
		munmap(m, mlen);
		return;
	}
	if (!whole && len)
		fail("mmap of a %s fd with len %zu off %ld (mmap len %llu) succeeded",
		     kind_name[o->kind], mlen, (long)off, len);
	if (prot & PROT_WRITE)
		fail("a writable mapping of a %s fd succeeded", kind_name[o->kind]);
	n_mmap_ok++;
	maps[nmaps].addr = m;
	maps[nmaps].len = mlen;
	maps[nmaps].file = o->file;
	maps[nmaps].whole = whole && prot == PROT_READ;
	maps[nmaps].kind = o->kind;
	if (o->file >= 0)
		sfiles[o->file].nmaps++;
	nmaps++;
	/* Every page the kernel mapped can be read. */
	if (prot & PROT_READ) {
		uint8_t b[8];
		size_t p;

		for (p = 0; p < mlen; p += PAGE * (1 + below(8)))
			if (!peek(m + p, b, 1)) {
				fail("page %zu of a new %s mapping is not readable",
				     p / PAGE, kind_name[o->kind]);
				break;
			}
	}
}

/* mprotect a mapping writable: that must fail. */
static void map_mprotect(struct map *mp)
{
	int prot = chance(50) ? PROT_READ | PROT_WRITE : PROT_READ | PROT_EXEC;
	int ret;

	trace("mprotect %p %zu %d", mp->addr, mp->len, prot);
	ret = mprotect(mp->addr, mp->len, prot);
	trace("= %d", ret);
	if (!ret && (prot & PROT_WRITE))
		fail("a %s mapping was made writable", kind_name[mp->kind]);
	if (!ret)
		mprotect(mp->addr, mp->len, PROT_READ);
}

/* Grow a mapping: that must fail. */
static void map_grow(struct map *mp)
{
	void *n;

	trace("mremap %p %zu grow", mp->addr, mp->len);
	n = mremap(mp->addr, mp->len, mp->len + PAGE, MREMAP_MAYMOVE);
	trace("= %p", n);
	if (n == MAP_FAILED)
		return;
	fail("a %s mapping of %zu bytes was grown by a page",
	     kind_name[mp->kind], mp->len);
	mp->addr = n;
	mp->len += PAGE;
	mp->whole = false;
}

/* Punch a page out of the middle of a mapping: two mappings. */
static void map_punch(struct map *mp)
{
	size_t at = PAGE * (1 + below(mp->len / PAGE - 2));

	trace("munmap %p+%zu one page", mp->addr, at);
	if (munmap(mp->addr + at, PAGE)) {
		fail("munmap of a page of a mapping: %s", errname(errno));
		return;
	}
	if (nmaps < MAX_MAPS) {
		maps[nmaps] = *mp;
		maps[nmaps].addr = mp->addr + at + PAGE;
		maps[nmaps].len = mp->len - at - PAGE;
		maps[nmaps].whole = false;
		if (mp->file >= 0)
			sfiles[mp->file].nmaps++;
		nmaps++;
	} else {
		munmap(mp->addr + at + PAGE, mp->len - at - PAGE);
	}
	mp->len = at;
	mp->whole = false;
}

/* munmap, mprotect or mremap on one of our mappings. */
static void op_map_change(void)
{
	struct map *mp;
	int i, r;

	if (!nmaps)
		return;
	i = below(nmaps);
	mp = &maps[i];
	snprintf(cur_op, sizeof(cur_op), "change mapping %p len %zu",
		 mp->addr, mp->len);
	calls[mp->kind]++;
	r = below(6);
	if (r == 0) {
		map_mprotect(mp);
	} else if (r == 1) {
		map_grow(mp);
	} else if (r == 2 && mp->len >= 3 * PAGE) {
		map_punch(mp);
	} else if (r <= 3 && mp->len >= 2 * PAGE) {
		trace("munmap %p tail page", mp->addr);
		munmap(mp->addr + mp->len - PAGE, PAGE);
		mp->len -= PAGE;
		mp->whole = false;
	} else {
		trace("munmap %p %zu", mp->addr, mp->len);
		if (munmap(mp->addr, mp->len))
			fail("munmap: %s", errname(errno));
		map_del(i);
	}
	racer_quiesce();
}

/* ---- read, splice, poll ------------------------------------------------- */

static void op_read(int oi)
{
	static const size_t lens[] = {
		0, 1, 7, 4096, 8192, 65536, 1 << 20, SSIZE_MAX,
	};
	struct obj *o = &objs[oi];
	size_t len = PICK(lens);
	off_t off = chance(60) ? 0 : (chance(50) ? PAGE * below(4) : below(9000));
	enum amode mode = chance(70) ? AM_GOOD : pick_amode();
	struct arg a = { .mode = mode };
	bool pos = chance(60);
	ssize_t ret;

	place(&a, len < GOOD_SIZE ? len : 64);
	if (mode == AM_GOOD && len > GOOD_SIZE - (a.p - good))
		len = GOOD_SIZE - (a.p - good);
	if (chance(5))
		off = -1;
	snprintf(cur_op, sizeof(cur_op), "read fd %d (%s) len %zu off %ld buf %s",
		 o->fd, kind_name[o->kind], len, (long)off, amode_name[mode]);
	trace("%s fd=%d %s len=%zu off=%ld buf=%s 0x%lx", pos ? "pread" : "read",
	      o->fd, kind_name[o->kind], len, (long)off, amode_name[mode], a.val);
	calls[o->kind]++;
	ret = pos ? pread(o->fd, (void *)a.val, len, off) :
		read(o->fd, (void *)a.val, len);
	trace("= %zd %s", ret, ret < 0 ? errname(errno) : "");
	if (ret < 0) {
		if (!ERRNO_OK(errno, read_errnos))
			fail("read of a %s fd: %s", kind_name[o->kind],
			     errname(errno));
		return;
	}
	if ((size_t)ret > len)
		fail("read of %zu bytes from a %s fd returned %zd",
		     len, kind_name[o->kind], ret);
	/* A half-writable buffer takes a short read. */
	if (ret > 0 && (mode == AM_HALF ? (size_t)ret > a.size / 2 :
			amode_bad(mode) || mode == AM_RDONLY))
		fail("read of a %s fd into a bad buffer (%s) returned %zd",
		     kind_name[o->kind], amode_name[mode], ret);
	n_read_bytes += ret;
}

static void op_splice(int oi)
{
	static const size_t lens[] = { 0, 1, 4096, 8192, 65536, 1 << 20 };
	struct obj *o = &objs[oi];
	size_t len = PICK(lens);
	loff_t off = chance(70) ? 0 : (chance(50) ? PAGE * below(8) : below(9000));
	unsigned int flags = below(16) & (SPLICE_F_MOVE | SPLICE_F_NONBLOCK |
					  SPLICE_F_MORE);
	bool nooff = chance(10);
	ssize_t ret;

	snprintf(cur_op, sizeof(cur_op), "splice fd %d (%s) len %zu off %lld",
		 o->fd, kind_name[o->kind], len, (long long)off);
	trace("splice fd=%d %s len=%zu off=%lld%s flags=%u", o->fd,
	      kind_name[o->kind], len, (long long)off, nooff ? "(none)" : "",
	      flags);
	calls[o->kind]++;
	ret = splice(o->fd, nooff ? NULL : &off, pipe_w, NULL, len,
		     flags | SPLICE_F_NONBLOCK);
	trace("= %zd %s", ret, ret < 0 ? errname(errno) : "");
	if (ret < 0) {
		if (!ERRNO_OK(errno, read_errnos))
			fail("splice from a %s fd: %s", kind_name[o->kind],
			     errname(errno));
		return;
	}
	if ((size_t)ret > len)
		fail("splice of %zu bytes from a %s fd moved %zd", len,
		     kind_name[o->kind], ret);
	n_splice_bytes += ret;
	drain_pipe();
}

static void op_poll(void)
{
	struct pollfd p[4];
	int n = 1 + below(4), i, oi[4], ret;
	short allowed = POLLIN | POLLRDNORM | POLLPRI | POLLRDBAND | POLLHUP |
		POLLERR | POLLOUT | POLLWRNORM;

	for (i = 0; i < n; i++) {
		oi[i] = chance(70) ? pick_obj(K_STREAMS | KB(K_CHANNEL)) :
			pick_obj(K_LTTNG);
		if (oi[i] < 0)
			return;
		p[i].fd = objs[oi[i]].fd;
		p[i].events = rnd();
		calls[objs[oi[i]].kind]++;
	}
	snprintf(cur_op, sizeof(cur_op), "poll %d fds", n);
	trace("poll %d fds, first fd=%d %s", n, p[0].fd,
	      kind_name[objs[oi[0]].kind]);
	ret = poll(p, n, 0);
	trace("= %d", ret);
	if (ret < 0) {
		fail("poll: %s", errname(errno));
		return;
	}
	for (i = 0; i < n; i++)
		if (p[i].revents & ~allowed)
			fail("poll of a %s fd: revents 0x%x", kind_name[objs[oi[i]].kind],
			     p[i].revents);
}

static void op_epoll(int oi)
{
	struct epoll_event ev = { .events = rnd() & (EPOLLIN | EPOLLPRI |
			EPOLLOUT | EPOLLRDNORM | EPOLLET | EPOLLONESHOT) };
	struct epoll_event out[8];
	struct obj *o = &objs[oi];
	int ret;

	snprintf(cur_op, sizeof(cur_op), "epoll fd %d (%s)", o->fd,
		 kind_name[o->kind]);
	calls[o->kind]++;
	ev.data.fd = o->fd;
	trace("epoll_ctl add fd=%d %s", o->fd, kind_name[o->kind]);
	ret = epoll_ctl(epfd, chance(80) ? EPOLL_CTL_ADD : EPOLL_CTL_DEL,
			o->fd, &ev);
	if (ret && errno != EEXIST && errno != ENOENT && errno != EPERM)
		fail("epoll_ctl of a %s fd: %s", kind_name[o->kind],
		     errname(errno));
	ret = epoll_wait(epfd, out, 8, 0);
	trace("epoll_wait = %d", ret);
	if (ret < 0)
		fail("epoll_wait: %s", errname(errno));
}

static void op_io(void)
{
	int oi;

	if (chance(20)) {
		op_map_change();
		return;
	}
	if (chance(10)) {
		/* The list fds: read them whole, in pieces, or seek. */
		oi = ensure(K_LIST);
		if (oi >= 0)
			op_read(oi);
		return;
	}
	oi = chance(85) ? pick_obj(K_STREAMS) : pick_obj(K_LTTNG);
	if (oi < 0)
		return;
	switch (below(6)) {
	case 0:
		op_mmap(oi, chance(50));
		break;
	case 1:
		op_read(oi);
		break;
	case 2:
		op_splice(oi);
		break;
	case 3:
		op_poll();
		break;
	case 4:
		op_epoll(oi);
		break;
	default:
		if (objs[oi].kind == K_LIST && chance(50)) {
			trace("lseek fd=%d list", objs[oi].fd);
			calls[K_LIST]++;
			lseek(objs[oi].fd, below(4) * 64, SEEK_SET);
		} else {
			op_read(oi);
		}
	}
}

/* ---- a consumer's read sequence, with deviations --------------------------- */

static void check_magic(int oi, bool meta)
{
	struct obj *o = &objs[oi];
	__u64 off = 0;
	uint32_t magic, want = meta ? CTF_METADATA_MAGIC : CTF_MAGIC;
	int mi = o->file >= 0 ? map_find(o->file) : -1;

	if (mi < 0 || ioctl_u64(oi, LTTNG_ABI_RB_GET_MMAP_READ_OFFSET, &off))
		return;
	if (off + 4 > maps[mi].len) {
		fail("mmap read offset %llu is past the %zu-byte mapping",
		     off, maps[mi].len);
		return;
	}
	if (!peek(maps[mi].addr + off, &magic, sizeof(magic))) {
		fail("the held packet at offset %llu of a %s mapping is not readable",
		     off, kind_name[o->kind]);
		return;
	}
	n_magic_checked++;
	if (magic != want)
		fail("the held packet of a %s starts with 0x%08x, not 0x%08x",
		     kind_name[o->kind], magic, want);
}

static const unsigned int getters[] = {
	LTTNG_ABI_RB_GET_SUBBUF_SIZE, LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE,
	LTTNG_ABI_RB_GET_PACKET_SIZE, LTTNG_ABI_RB_GET_CONTENT_SIZE,
	LTTNG_ABI_RB_GET_TIMESTAMP_BEGIN, LTTNG_ABI_RB_GET_TIMESTAMP_END,
	LTTNG_ABI_RB_GET_EVENTS_DISCARDED, LTTNG_ABI_RB_GET_SEQ_NUM,
	LTTNG_ABI_RB_GET_STREAM_ID, LTTNG_ABI_RB_INSTANCE_ID,
	LTTNG_ABI_RB_GET_METADATA_VERSION, LTTNG_ABI_RB_GET_MMAP_READ_OFFSET,
};

static void op_consume(void)
{
	int oi = pick_obj(K_STREAMS), i, n;
	bool meta;
	__u64 v = 0, padded = 0, size = 0;
	struct arg a;
	long ret;

	if (oi < 0)
		return;
	meta = objs[oi].kind == K_MSTREAM;
	if (objs[oi].file >= 0 && map_find(objs[oi].file) < 0 && chance(30))
		op_mmap(oi, true);
	if (chance(30)) {
		ioctl_good(oi, LTTNG_ABI_RB_SNAPSHOT_SAMPLE_POSITIONS, &a);
		ioctl_u64(oi, LTTNG_ABI_RB_SNAPSHOT_GET_CONSUMED, &last_pos[0]);
		ioctl_u64(oi, LTTNG_ABI_RB_SNAPSHOT_GET_PRODUCED, &last_pos[1]);
	}
	if (chance(30))
		ioctl_good(oi, chance(50) ? LTTNG_ABI_RB_FLUSH :
			   LTTNG_ABI_RB_FLUSH_EMPTY, &a);
	if (!meta && chance(15)) {
		/* The snapshot path: a packet by position. */
		if (ioctl_good(oi, LTTNG_ABI_RB_SNAPSHOT, &a))
			return;
		ioctl_u64(oi, LTTNG_ABI_RB_SNAPSHOT_GET_CONSUMED, &last_pos[0]);
		ioctl_u64(oi, LTTNG_ABI_RB_SNAPSHOT_GET_PRODUCED, &last_pos[1]);
		ret = ioctl_good(oi, LTTNG_ABI_RB_GET_SUBBUF, &a);
	} else if (meta && chance(20)) {
		ret = ioctl_good(oi, LTTNG_ABI_RB_GET_NEXT_SUBBUF_METADATA_CHECK,
				 &a);
	} else {
		ret = ioctl_good(oi, LTTNG_ABI_RB_GET_NEXT_SUBBUF, &a);
	}
	if (ret)
		return;
	if (meta)
		n_meta_packets++;
	else
		n_data_packets++;
	n = below(ARRAY_SIZE(getters) + 1);
	for (i = 0; i < n; i++)
		ioctl_u64(oi, PICK(getters), &v);
	if (!ioctl_u64(oi, LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE, &v))
		padded = v;
	if (!ioctl_u64(oi, LTTNG_ABI_RB_GET_SUBBUF_SIZE, &v))
		size = v;
	/* (The racer may put the packet between the two getters.) */
	if (size > padded && !racing)
		fail("a %s packet has %llu bytes of content in %llu padded",
		     kind_name[objs[oi].kind], size, padded);
	switch (below(4)) {
	case 0:
	case 3:
		check_magic(oi, meta);
		break;
	case 1:
		op_splice(oi);
		break;
	case 2:
		op_read(oi);
		break;
	default:
		break;
	}
	/* A reader that misbehaves: keep it held, or release it twice. */
	switch (below(20)) {
	case 0:
	case 1:
	case 2:
		return;
	case 3:
	case 4:
		ioctl_good(oi, LTTNG_ABI_RB_PUT_SUBBUF, &a);
		break;
	case 5:
		ioctl_good(oi, LTTNG_ABI_RB_PUT_NEXT_SUBBUF, &a);
		ioctl_good(oi, LTTNG_ABI_RB_PUT_NEXT_SUBBUF, &a);
		break;
	default:
		ioctl_good(oi, LTTNG_ABI_RB_PUT_NEXT_SUBBUF, &a);
	}
}

/* ---- creating, closing, dup ------------------------------------------------- */

static int op_open_tracer(void)
{
	static const int modes[] = { O_RDWR, O_RDONLY, O_WRONLY };
	int fd, flags = PICK(modes) | (chance(50) ? O_CLOEXEC : 0);

	snprintf(cur_op, sizeof(cur_op), "open /dev/lttng");
	trace("open /dev/lttng flags=0x%x", flags);
	calls[K_TRACER]++;
	fd = open("/dev/lttng", flags);
	trace("= %d", fd);
	if (fd < 0) {
		fail("open /dev/lttng: %s", errname(errno));
		return -1;
	}
	return add_obj(fd, K_TRACER, -1, -1, -1);
}

static bool objs_full_soon(void)
{
	return nobjs > MAX_OBJS - 16;
}

/* The object a command just returned as fd ret, or -1. */
static int new_obj(long ret)
{
	return ret > 0 ? find_obj(ret) : -1;
}

/* An fd of @kind, made now with valid arguments; -1 if that failed. */
static int create(enum kind kind)
{
	struct arg a;
	int parent;

	switch (kind) {
	case K_TRACER:
		return op_open_tracer();
	case K_SESSION:
		parent = ensure(K_TRACER);
		if (parent < 0)
			return -1;
		return new_obj(ioctl_good(parent, LTTNG_ABI_SESSION, &a));
	case K_CHANNEL:
	case K_METADATA:
		parent = ensure(K_SESSION);
		if (parent < 0)
			return -1;
		return new_obj(ioctl_good(parent, kind == K_CHANNEL ?
					  LTTNG_ABI_CHANNEL :
					  LTTNG_ABI_METADATA, &a));
	case K_EVENT:
		parent = ensure(K_CHANNEL);
		if (parent < 0)
			return -1;
		return new_obj(ioctl_good(parent, LTTNG_ABI_EVENT, &a));
	case K_STREAM:
	case K_MSTREAM:
		parent = ensure(kind == K_STREAM ? K_CHANNEL : K_METADATA);
		if (parent < 0)
			return -1;
		return new_obj(op_stream(parent));
	case K_LIST:
		parent = ensure(K_TRACER);
		if (parent < 0)
			return -1;
		return new_obj(ioctl_good(parent, chance(80) ?
					  LTTNG_ABI_TRACEPOINT_LIST :
					  LTTNG_ABI_SYSCALL_LIST, &a));
	case K_GROUP:
		parent = ensure(K_TRACER);
		if (parent < 0)
			return -1;
		return new_obj(ioctl_good(parent,
					  LTTNG_ABI_EVENT_NOTIFIER_GROUP_CREATE,
					  &a));
	default:
		return -1;
	}
}

/* An existing fd of @kind, or a new one. */
static int ensure(enum kind kind)
{
	int oi = pick_obj(KB(kind));

	if (oi >= 0 && chance(85))
		return oi;
	return create(kind);
}

static void op_create(void)
{
	static const enum kind kinds[] = {
		K_TRACER, K_SESSION, K_SESSION, K_CHANNEL, K_CHANNEL,
		K_METADATA, K_METADATA, K_EVENT, K_EVENT, K_EVENT, K_STREAM,
		K_STREAM, K_STREAM, K_MSTREAM, K_MSTREAM, K_LIST, K_GROUP,
	};
	enum kind k = PICK(kinds);
	struct arg a;
	int oi;

	/* The extensions: CHANNEL_GET, with its prediction. */
	if (k == K_CHANNEL && chance(30)) {
		unsigned int idx;
		long ret;
		int s;

		oi = pick_obj(KB(K_SESSION));
		if (oi < 0)
			return;
		s = objs[oi].sess;
		a.mode = AM_GOOD;
		gen_arg(cmd_by_nr(LTTNG_ABI_SESSION_CHANNEL_GET),
			LTTNG_ABI_SESSION_CHANNEL_GET, &a, true);
		((struct lttng_abi_channel_get *)a.p)->size =
			sizeof(struct lttng_abi_channel_get);
		idx = ((struct lttng_abi_channel_get *)a.p)->index;
		ret = do_ioctl(oi, LTTNG_ABI_SESSION_CHANNEL_GET, &a);
		if (s < 0 || !sessions[s].chans_known)
			return;
		n_predictions++;
		if (idx < (unsigned int)sessions[s].nchans && ret < 0 && errno != ENOMEM &&
		    errno != EMFILE)
			fail("CHANNEL_GET %u of a session with %d channels: %s",
			     idx, sessions[s].nchans, errname(errno));
		if (idx >= (unsigned int)sessions[s].nchans && (ret >= 0 || errno != ENOENT))
			fail("CHANNEL_GET %u of a session with %d channels: %ld %s",
			     idx, sessions[s].nchans, ret,
			     ret < 0 ? errname(errno) : "");
		return;
	}
	if (objs_full_soon())
		return;
	create(k);
}

/* Did SESSION_ATTACH of @name find what the model says (s)? */
static bool check_attach(const char *name, int s, long ret, int err)
{
	if (s == SESS_UNKNOWN)
		return true;
	n_attach_checked++;
	n_predictions++;
	if (s >= 0 && ret < 0 && err != ENOMEM && err != EMFILE) {
		fail("SESSION_ATTACH \"%s\": %s, but fds still hold that session",
		     show_name(name), errname(err));
		return false;
	}
	if (s < 0 && ret >= 0) {
		fail("SESSION_ATTACH \"%s\" found a session, but no fd holds one of that name",
		     show_name(name));
		return false;
	}
	if (s < 0 && ret < 0 && err != ENOENT) {
		fail("SESSION_ATTACH \"%s\" of no session: %s, not ENOENT",
		     show_name(name), errname(err));
		return false;
	}
	return true;
}

/* SESSION_ATTACH with a valid argument: it finds exactly the live ones. */
static void op_attach(void)
{
	int oi = ensure(K_TRACER), s;
	const char *name;
	struct arg a;
	long ret;

	if (oi < 0)
		return;
	name = pick_attach_name();
	s = sess_by_name(name);
	attach_arg(&a, name);
	ret = do_ioctl(oi, LTTNG_ABI_SESSION_ATTACH, &a);
	check_attach(name, s, ret, errno);
}

static void op_close(void)
{
	int oi = pick_obj(K_LTTNG);

	if (oi >= 0)
		close_obj(oi);
}

/* Close every fd of one session, in random order, mappings too. */
static void op_teardown(void)
{
	int oi = pick_obj(K_HOLD_SESSION | K_STREAMS), s, i;

	if (oi < 0)
		return;
	s = objs[oi].sess;
	if (s < 0)
		return;
	trace("teardown of session %d", s);
	while (true) {
		int idx[MAX_OBJS], n = 0;

		for (i = 0; i < nobjs; i++)
			if (objs[i].sess == s && (chance(90) ||
						  !(K_STREAMS & KB(objs[i].kind))))
				idx[n++] = i;
		if (!n)
			break;
		close_obj(idx[below(n)]);
		if (chance(10) && nmaps)
			op_map_change();
		if (chance(5))
			break;
	}
}

static void op_dup(void)
{
	int oi = pick_obj(K_LTTNG), fd;
	struct obj *o;

	if (oi < 0 || objs_full_soon())
		return;
	o = &objs[oi];
	calls[o->kind]++;
	switch (below(3)) {
	case 0:
		fd = dup(o->fd);
		break;
	case 1:
		fd = fcntl(o->fd, F_DUPFD_CLOEXEC, 3 + below(200));
		break;
	default:
		fd = fcntl(o->fd, F_DUPFD, 0);
	}
	trace("dup fd=%d %s = %d", o->fd, kind_name[o->kind], fd);
	if (fd < 0) {
		fail("dup of a %s fd: %s", kind_name[o->kind], errname(errno));
		return;
	}
	add_obj(fd, o->kind, o->sess, o->chan, o->file);
}

/* ---- session control: start and stop with events enabled ------------------- */

static const unsigned int session_cmds[] = {
	LTTNG_ABI_SESSION_METADATA_REGEN, LTTNG_ABI_SESSION_STATEDUMP,
	LTTNG_ABI_SESSION_SET_NAME, LTTNG_ABI_SESSION_SET_CREATION_TIME,
	LTTNG_ABI_SESSION_TRACK_ID, LTTNG_ABI_SESSION_UNTRACK_ID,
	LTTNG_ABI_SESSION_TRACK_PID, LTTNG_ABI_SESSION_UNTRACK_PID,
	LTTNG_ABI_SESSION_LIST_TRACKER_IDS,
	LTTNG_ABI_SESSION_LIST_TRACKER_PIDS,
};

static void op_control(void)
{
	struct arg a;
	int oi;

	switch (below(8)) {
	case 0:
	case 1:
		oi = pick_obj(KB(K_SESSION));
		if (oi >= 0)
			ioctl_good(oi, chance(50) ? LTTNG_ABI_SESSION_START :
				   LTTNG_ABI_SESSION_STOP, &a);
		break;
	case 2:
	case 3:
		oi = pick_obj(KB(K_EVENT));
		if (oi >= 0)
			ioctl_good(oi, chance(70) ? LTTNG_ABI_ENABLE :
				   LTTNG_ABI_DISABLE, &a);
		break;
	case 4:
		oi = pick_obj(KB(K_CHANNEL));
		if (oi >= 0)
			ioctl_good(oi, chance(70) ? LTTNG_ABI_ENABLE :
				   LTTNG_ABI_DISABLE, &a);
		break;
	case 5:
		oi = pick_obj(KB(K_SESSION));
		if (oi >= 0)
			ioctl_good(oi, PICK(session_cmds), &a);
		break;
	case 6:
		oi = pick_obj(KB(K_CHANNEL) | KB(K_EVENT));
		if (oi >= 0)
			ioctl_good(oi, LTTNG_ABI_CONTEXT, &a);
		break;
	default:
		oi = pick_obj(KB(K_TRACER));
		if (oi >= 0)
			ioctl_good(oi, LTTNG_ABI_WAIT_QUIESCENT, &a);
	}
}

/*
 * What lttng-sessiond does for a new session: a named session, one or two
 * channels with sched events, a metadata channel, every stream, start.
 */
static void op_build(void)
{
	int t, s, ch, oi, i, n;
	struct lttng_abi_event *ev;
	struct arg a;

	if (objs_full_soon())
		return;
	t = ensure(K_TRACER);
	if (t < 0)
		return;
	s = new_obj(ioctl_good(t, LTTNG_ABI_SESSION, &a));
	if (s < 0)
		return;
	ioctl_good(s, LTTNG_ABI_SESSION_SET_NAME, &a);
	ioctl_good(s, LTTNG_ABI_SESSION_SET_CREATION_TIME, &a);
	n = 1 + below(2);
	for (i = 0; i < n && !objs_full_soon(); i++) {
		ch = new_obj(ioctl_good(s, LTTNG_ABI_CHANNEL, &a));
		if (ch < 0)
			continue;
		a.mode = AM_GOOD;
		gen_arg(cmd_by_nr(LTTNG_ABI_EVENT), LTTNG_ABI_EVENT, &a, true);
		ev = (void *)a.p;
		copy_str(ev->name, sizeof(ev->name),
			 chance(50) ? "sched_switch" : "sched_*");
		ev->instrumentation = LTTNG_ABI_TRACEPOINT;
		oi = new_obj(do_ioctl(ch, LTTNG_ABI_EVENT, &a));
		if (oi >= 0)
			ioctl_good(oi, LTTNG_ABI_ENABLE, &a);
		while (!objs_full_soon() && chance(90) && op_stream(ch) > 0)
			;
	}
	oi = new_obj(ioctl_good(s, LTTNG_ABI_METADATA, &a));
	if (oi >= 0 && chance(90))
		op_stream(oi);
	ioctl_good(s, LTTNG_ABI_SESSION_START, &a);
}

/* ---- random ioctls ---------------------------------------------------- */

/* A number of type 0xF6 no table has: random, or a near miss. */
static unsigned int random_nr(void)
{
	unsigned int nr;

	do {
		if (chance(50)) {
			nr = cmds[below(nr_cmds)]->nr;
			switch (below(3)) {
			case 0:
				nr ^= (1U + below(3)) << _IOC_DIRSHIFT;
				break;
			case 1:
				nr = _IOC(_IOC_DIR(nr), LTTNG_ABI_IOC,
					  _IOC_NR(nr), _IOC_SIZE(nr) ^
					  (1U << below(_IOC_SIZEBITS)));
				break;
			default:
				nr = _IOC(_IOC_DIR(nr), LTTNG_ABI_IOC,
					  (_IOC_NR(nr) + 1) & 0xff,
					  _IOC_SIZE(nr));
			}
		} else {
			nr = _IOC(below(4), LTTNG_ABI_IOC, below(256),
				  chance(50) ? below(1024) :
				  below(1U << _IOC_SIZEBITS));
		}
	} while (cmd_by_nr(nr));
	return nr;
}

static void op_ioctl(void)
{
	int oi, fd;
	enum kind kind;
	unsigned int nr, i, n = 0;
	struct cmd *own[MAX_CMDS], *c = NULL;
	struct arg a;

	if (chance(3)) {
		/* A foreign fd: the numbers must not confuse anything. */
		static const int *const fds[] = {
			&pipe_r, &devnull, &plain_file, &epfd,
		};

		fd = *PICK(fds);
		oi = -1;
		kind = K_FOREIGN;
	} else {
		oi = pick_obj(K_LTTNG);
		if (oi < 0)
			return;
		fd = objs[oi].fd;
		kind = objs[oi].kind;
	}
	switch (below(20)) {
	case 0:
	case 1:
	case 2:
		nr = random_nr();
		break;
	case 3:
	case 4:
	case 5:
	case 6:
		c = cmds[below(nr_cmds)];
		nr = c->nr;
		break;
	default:
		for (i = 0; i < nr_cmds; i++)
			if (cmds[i]->kinds & KB(kind))
				own[n++] = cmds[i];
		c = n ? own[below(n)] : cmds[below(nr_cmds)];
		nr = c->nr;
	}
	if (in_child && c && !model_safe(c))
		return;
	if (c && c->nr == LTTNG_ABI_STREAM && oi >= 0 && chance(50) &&
	    (kind == K_CHANNEL || kind == K_METADATA)) {
		op_stream(oi);
		return;
	}
	a.mode = pick_amode();
	gen_arg(c, nr, &a, chance(30));
	if (oi >= 0)
		do_ioctl(oi, nr, &a);
	else
		do_ioctl_fd(-1, fd, kind, nr, &a);
}

/* ---- the sweep: every command once on every kind of fd ---------------------- */

/*
 * Before the random steps: a session tree as sessiond builds it, then
 * every command of the table, with a random argument, on one fd of each
 * kind there is.  The random steps reach each (command, kind) pair only
 * with some probability; the sweep makes "every ioctl was sent to every
 * kind of fd" true whatever the iteration count.
 */
static unsigned long n_sweep;

static void sweep(void)
{
	int targets[K_NR], k, oi;
	unsigned int i;
	struct arg a;

	op_build();
	ensure(K_LIST);
	for (k = 0; k < K_NR; k++)
		targets[k] = pick_obj(KB(k));
	for (k = 0; k < K_NR; k++) {
		for (i = 0; i < nr_cmds; i++) {
			/* The fd may have been replaced in the pool. */
			oi = targets[k] >= 0 ? pick_obj(KB(k)) : -1;
			if (oi < 0)
				break;
			a.mode = pick_amode();
			gen_arg(cmds[i], cmds[i]->nr, &a, chance(50));
			do_ioctl(oi, cmds[i]->nr, &a);
			n_sweep++;
		}
	}
}

/* ---- fork: a child inherits every fd and mapping ---------------------------- */

static void op_fork(void)
{
	int status, i, n;
	pid_t pid;

	fflush(stdout);
	n_forks++;
	trace("fork");
	pid = fork();
	if (pid < 0) {
		fail("fork: %s", errname(errno));
		return;
	}
	if (!pid) {
		/* The child: a few random things, then exit, dropping all. */
		rng_state ^= 0x5eed;
		in_child = true;
		unexpected = 0;
		n = 1 + below(8);
		for (i = 0; i < n; i++) {
			if (chance(50))
				op_ioctl();
			else if (chance(50))
				op_consume();
			else
				op_close();
		}
		fflush(stdout);
		_exit(unexpected ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) != pid) {
		fail("waitpid: %s", errname(errno));
		return;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		fail("a forked child ended with status 0x%x", status);
}

/* ---- CPU hotplug -------------------------------------------------------- */

/*
 * Take a CPU other than 0 offline, or bring it back: its buffers then
 * get flushed from other CPUs, and closed by the dead-CPU callback.
 */
static bool cpu_down[64];

static bool set_cpu_online(int cpu, bool online)
{
	char path[64];
	int fd, ret;

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online",
		 cpu);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	snprintf(cur_op, sizeof(cur_op), "cpu %d %s", cpu,
		 online ? "online" : "offline");
	trace("cpu %d %s", cpu, online ? "online" : "offline");
	ret = write(fd, online ? "1" : "0", 1);
	close(fd);
	trace("= %d", ret);
	if (ret == 1)
		cpu_down[cpu] = !online;
	return ret == 1;
}

static void op_hotplug(void)
{
	int cpu;

	if (ncpu < 2 || ncpu > 64)
		return;
	cpu = 1 + below(ncpu - 1);
	if (set_cpu_online(cpu, cpu_down[cpu]))
		n_hotplug++;
}

static void all_cpus_online(void)
{
	int cpu;

	for (cpu = 1; cpu < ncpu && cpu < 64; cpu++)
		if (cpu_down[cpu] && !set_cpu_online(cpu, true))
			fail("cpu %d does not come back online", cpu);
}

/* ---- the workload: one child per CPU switching tasks ------------------------ */

static pid_t workers[64];
static int nworkers;

static void start_workload(void)
{
	int cpu;

	for (cpu = 0; cpu < ncpu && cpu < 64; cpu++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("abi_fuzz: fork");
			exit(1);
		}
		if (!pid) {
			cpu_set_t set;
			struct timespec ts = { 0, 200000 };

			prctl(PR_SET_PDEATHSIG, SIGKILL);
			CPU_ZERO(&set);
			CPU_SET(cpu, &set);
			sched_setaffinity(0, sizeof(set), &set);
			for (;;) {
				nanosleep(&ts, NULL);
				sched_yield();
				if (getppid() == 1)
					_exit(0);
			}
		}
		workers[nworkers++] = pid;
	}
}

static void stop_workload(void)
{
	int i;

	for (i = 0; i < nworkers; i++) {
		kill(workers[i], SIGKILL);
		waitpid(workers[i], NULL, 0);
	}
	nworkers = 0;
}

/* ---- the racer: a second thread on the same fds --------------------------- */

/*
 * With -r START, from iteration START on, a second thread sends commands
 * to whatever fds the pool holds while the main thread goes on: a
 * reader's stream commands (get, put, the getters, flush, clear), read,
 * splice and poll, state changes of sessions, channels and events, and
 * random numbers, with arguments of its own.  It never sends a command
 * that makes an fd or renames a session, and it closes nothing, so that
 * the main thread's model holds.  It checks what needs no model: no
 * positive return and documented errnos only (EBADF too: its fd may be
 * closed under it, or be another object's by then).
 */
static pthread_t racer_thread;
static bool racer_stop;	/* atomic */
static __u64 racer_seed;
static unsigned long racer_calls[K_NR];
static __u8 *rbuf;		/* GOOD_SIZE bytes, then a guard page */
static int rpipe_r = -1, rpipe_w = -1;

/* An argument in the racer's own buffer (the generators write there). */
static void racer_arg(struct cmd *c, unsigned int nr, struct arg *a)
{
	enum argt t = c ? c->arg : (_IOC_SIZE(nr) ? A_RAW : A_NONE);
	size_t size = _IOC_SIZE(nr), i;
	char desc[140] = "";
	unsigned int r = below(10);
	__u64 pos;

	if (t == A_NONE || t == A_VAL) {
		a->mode = AM_RANDOM;
		a->val = pick_value();
		snprintf(a->desc, sizeof(a->desc), "0x%lx", a->val);
		return;
	}
	switch (t) {
	case A_CONTEXT:
	case A_OLD_CONTEXT:
		gen_context(rbuf, desc, sizeof(desc));
		break;
	case A_CTIME:
		size = gen_ctime(rbuf, desc, sizeof(desc));
		break;
	case A_TRACKER:
		size = gen_tracker(rbuf, desc, sizeof(desc));
		break;
	case A_SYSMASK:
		size = gen_sysmask(rbuf, desc, sizeof(desc));
		break;
	case A_BYTECODE:
		size = gen_bytecode(rbuf, desc, sizeof(desc));
		break;
	case A_COUNTER_CONF:
	case A_COUNTER_READ:
	case A_COUNTER_AGG:
	case A_COUNTER_CLEAR:
		size = gen_counter(rbuf, t, desc, sizeof(desc));
		break;
	case A_U64IN:
		pos = chance(50) ? PAGE * below(64) : last_pos[below(2)];
		memcpy(rbuf, &pos, sizeof(pos));
		size = sizeof(pos);
		break;
	default:
		if (size > GOOD_SIZE)
			size = GOOD_SIZE;
		for (i = 0; i < size; i++)
			rbuf[i] = rnd();
	}
	if (!size)
		size = 1;
	if (r < 7) {
		a->mode = AM_GOOD;
		a->val = (unsigned long)rbuf;
	} else if (r == 7) {
		a->mode = AM_NULL;
		a->val = 0;
	} else if (r == 8) {
		a->mode = AM_KERNEL;
		a->val = PICK(kernel_addrs);
	} else {
		a->mode = AM_HALF;
		memmove(rbuf + GOOD_SIZE - size / 2, rbuf, size / 2);
		a->val = (unsigned long)(rbuf + GOOD_SIZE - size / 2);
	}
	snprintf(a->desc, sizeof(a->desc), "%s 0x%lx %s", amode_name[a->mode],
		 a->val, desc);
}

static void racer_ioctl(int fd, enum kind kind)
{
	struct cmd *own[MAX_CMDS], *c = NULL;
	unsigned int nr, i, n = 0;
	struct arg a;
	long ret;
	int err;

	if (chance(10)) {
		nr = random_nr();
	} else {
		for (i = 0; i < nr_cmds; i++)
			if (model_safe(cmds[i]) &&
			    (chance(10) || (cmds[i]->kinds & KB(kind))))
				own[n++] = cmds[i];
		if (!n)
			return;
		c = own[below(n)];
		nr = c->nr;
	}
	racer_arg(c, nr, &a);
	snprintf(cur_op, sizeof(cur_op), "ioctl fd %d (%s?) %s 0x%08x arg %s",
		 fd, kind_name[kind], c ? c->name : "random", nr, a.desc);
	trace("ioctl fd=%d %s? %s(0x%08x) arg=%s", fd, kind_name[kind],
	      c ? c->name : "random", nr, a.desc);
	ret = ioctl(fd, nr, a.val);
	err = errno;
	trace("= %ld %s", ret, ret < 0 ? errname(err) : "");
	if (ret > 0) {
		fail("%s(0x%08x) on fd %d (a %s a moment ago) returned %ld",
		     c ? c->name : "random", nr, fd, kind_name[kind], ret);
		return;
	}
	if (ret < 0 && !ERRNO_OK(err, ioctl_errnos))
		fail("%s(0x%08x) on fd %d (a %s a moment ago), arg %s: %s",
		     c ? c->name : "random", nr, fd, kind_name[kind], a.desc,
		     errname(err));
	if (ret < 0 && !c && err != ENOTTY && err != EBADF)
		fail("unknown number 0x%08x on fd %d (a %s a moment ago): %s",
		     nr, fd, kind_name[kind], errname(err));
}

static void racer_io(int fd, enum kind kind)
{
	static const size_t lens[] = { 0, 1, 4096, 8192, 65536 };
	size_t len = PICK(lens);
	loff_t off = chance(70) ? 0 : PAGE * below(4);
	struct pollfd p = { .fd = fd, .events = rnd() };
	char buf[4096];
	ssize_t ret;

	switch (below(3)) {
	case 0:
		trace("pread fd=%d %s? len=%zu off=%lld", fd, kind_name[kind],
		      len, (long long)off);
		ret = pread(fd, rbuf, len, off);
		if (ret < 0 && !ERRNO_OK(errno, read_errnos))
			fail("read of fd %d (a %s a moment ago): %s", fd,
			     kind_name[kind], errname(errno));
		if (ret > (ssize_t)len)
			fail("read of %zu bytes from fd %d returned %zd", len,
			     fd, ret);
		break;
	case 1:
		trace("splice fd=%d %s? len=%zu off=%lld", fd, kind_name[kind],
		      len, (long long)off);
		ret = splice(fd, &off, rpipe_w, NULL, len, SPLICE_F_NONBLOCK);
		if (ret < 0 && !ERRNO_OK(errno, read_errnos))
			fail("splice from fd %d (a %s a moment ago): %s", fd,
			     kind_name[kind], errname(errno));
		while (read(rpipe_r, buf, sizeof(buf)) > 0)
			;
		break;
	default:
		trace("poll fd=%d %s?", fd, kind_name[kind]);
		if (poll(&p, 1, 0) < 0)
			fail("poll: %s", errname(errno));
	}
}

static void *racer(void *unused)
{
	unsigned long k = 0;

	in_racer = true;
	rng_state = racer_seed;
	while (!__atomic_load_n(&racer_stop, __ATOMIC_RELAXED)) {
		int n = __atomic_load_n(&nobjs, __ATOMIC_RELAXED), i, fd;
		enum kind kind;

		if (!n) {
			sched_yield();
			continue;
		}
		i = below(n);
		fd = __atomic_load_n(&objs[i].fd, __ATOMIC_RELAXED);
		kind = __atomic_load_n(&objs[i].kind, __ATOMIC_RELAXED);
		if (kind >= K_NR)
			continue;
		racer_calls[kind]++;
		__atomic_add_fetch(&racer_seq, 1, __ATOMIC_SEQ_CST);
		if ((K_STREAMS & KB(kind)) && chance(25))
			racer_io(fd, kind);
		else
			racer_ioctl(fd, kind);
		__atomic_add_fetch(&racer_seq, 1, __ATOMIC_SEQ_CST);
		if (!(++k % 4))
			sched_yield();
	}
	return NULL;
}

static void start_racer(void)
{
	int fds[2];

	rbuf = mmap(NULL, GOOD_SIZE + PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (rbuf == MAP_FAILED || mprotect(rbuf + GOOD_SIZE, PAGE, PROT_NONE) ||
	    pipe2(fds, O_NONBLOCK | O_CLOEXEC)) {
		perror("abi_fuzz: racer");
		exit(1);
	}
	rpipe_r = fds[0];
	rpipe_w = fds[1];
	racing = true;
	trace("racer starts");
	if (pthread_create(&racer_thread, NULL, racer, NULL)) {
		perror("abi_fuzz: pthread_create");
		exit(1);
	}
}

static void stop_racer(void)
{
	if (!racing)
		return;
	__atomic_store_n(&racer_stop, true, __ATOMIC_RELAXED);
	pthread_join(racer_thread, NULL);
	racing = false;
	close(rpipe_r);
	close(rpipe_w);
	munmap(rbuf, GOOD_SIZE + PAGE);
}

/* ---- the reproducers of known bugs (-c NAME) ------------------------------ */

/*
 * huge_channel: tracer, session, then one data channel of 2 sub-buffers
 * of 256 MiB, which lttng_chan_params_check() accepts ((2 + 1) x 256 MiB
 * <= INT_MAX).  Expected: -ENOMEM on a 1 GiB machine.  Seen before the
 * fix: the OOM killer killed other processes, then this one (SIGKILL).
 */
static int repro_huge_channel(void)
{
	struct lttng_abi_channel c = {
		.subbuf_size = 1ULL << 28,
		.num_subbuf = 2,
		.output = LTTNG_ABI_OUTPUT_MMAP,
	};
	int t, s, ch;

	t = open("/dev/lttng", O_RDWR);
	s = ioctl(t, LTTNG_ABI_SESSION);
	printf("abi_fuzz: huge_channel: tracer fd %d, session fd %d; CHANNEL 256 MiB x 2 ...\n",
	       t, s);
	ch = ioctl(s, LTTNG_ABI_CHANNEL, &c);
	printf("abi_fuzz: huge_channel: CHANNEL returned %d (%s)\n", ch,
	       ch < 0 ? errname(errno) : "an fd");
	return ch < 0 && errno == ENOMEM ? 0 : 1;
}

/* ---- setup and teardown ------------------------------------------------- */

/* The names of the tracepoints, from a TRACEPOINT_LIST fd. */
static void read_tp_list(void)
{
	char buf[16384], *line, *save;
	int oi, li;
	ssize_t n, len = 0;
	struct arg a;

	oi = op_open_tracer();
	if (oi < 0)
		return;
	li = new_obj(ioctl_good(oi, LTTNG_ABI_TRACEPOINT_LIST, &a));
	if (li < 0)
		return;
	while (len < (ssize_t)sizeof(buf) - 1 &&
	       (n = read(objs[li].fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	calls[K_LIST]++;
	buf[len] = '\0';
	for (line = strtok_r(buf, "\n", &save); line && ntp < 128;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[64];

		if (sscanf(line, "event { name = %63[^;]; };", name) == 1) {
			copy_str(tp_names[ntp], sizeof(tp_names[ntp]), name);
			ntp++;
		}
	}
	printf("abi_fuzz: %d tracepoints listed\n", ntp);
}

/* The fds open now, as a bitmap of the first 1024. */
static void fd_snapshot(unsigned char *set)
{
	struct dirent *d;
	DIR *dir;
	int fd;

	memset(set, 0, 1024);
	dir = opendir("/proc/self/fd");
	if (!dir)
		return;
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.') {
			fd = atoi(d->d_name);
			if (fd >= 0 && fd < 1024 && fd != dirfd(dir))
				set[fd] = 1;
		}
	closedir(dir);
}

/* Close all, in random order; check that every session of ours is gone. */
static int teardown_all(void)
{
	int s, leaked = 0, oi, expect;
	struct arg a;
	long ret;

	while (nmaps) {
		int i = below(nmaps);

		munmap(maps[i].addr, maps[i].len);
		map_del(i);
	}
	while (nobjs)
		close_obj(below(nobjs));
	oi = op_open_tracer();
	for (s = 0; oi >= 0 && s < nsess; s++) {
		if (!sessions[s].name_known || !sessions[s].name[0] ||
		    sessions[s].boot)
			continue;
		expect = sess_by_name(sessions[s].name);
		attach_arg(&a, sessions[s].name);
		ret = do_ioctl(oi, LTTNG_ABI_SESSION_ATTACH, &a);
		if (!check_attach(sessions[s].name, expect, ret, errno))
			leaked++;
	}
	while (nobjs)
		close_obj(0);
	return leaked;
}

/* The boot session, if lttng.autostart= made one: channels and name. */
static void find_boot_session(void)
{
	struct lttng_abi_channel_get *g = (void *)scratch;
	int ti = op_open_tracer(), so, co, idx, ch;
	struct sess *b;
	struct arg a;

	if (ti < 0)
		return;
	boot_sess = new_sess(true);
	b = &sessions[boot_sess];
	attach_arg(&a, "");
	so = new_obj(do_ioctl(ti, LTTNG_ABI_SESSION_ATTACH, &a));
	if (so < 0) {
		b->boot = false;
		boot_sess = -1;
		printf("abi_fuzz: no boot session\n");
		return;
	}
	for (idx = 0; idx < MAX_CHANS_PER_SESSION; idx++) {
		memset(g, 0, sizeof(*g));
		g->size = sizeof(*g);
		g->index = idx;
		a.mode = AM_GOOD;
		place(&a, sizeof(*g));
		snprintf(a.desc, sizeof(a.desc), "good channel_get{%d}", idx);
		co = new_obj(do_ioctl(so, LTTNG_ABI_SESSION_CHANNEL_GET, &a));
		if (co < 0)
			break;
		ch = new_chan(boot_sess, false);
		b->chans[b->nchans++] = ch;
		objs[co].chan = ch;
	}
	/*
	 * Its name, if it has the default one; if not, a name that nothing
	 * here makes, and that we then treat as "".
	 */
	copy_str(b->name, sizeof(b->name), "boot");
	b->name_known = true;
	attach_arg(&a, "boot");
	if (do_ioctl(ti, LTTNG_ABI_SESSION_ATTACH, &a) <= 0)
		b->name[0] = '\0';
	printf("abi_fuzz: boot session \"%s\" with %d channels\n", b->name,
	       b->nchans);
}

static void help(void)
{
	unsigned int i;

	fprintf(stderr,
		"usage: abi_fuzz [-s SEED] [-n ITERATIONS] [-r START] [-o TRACE] [-k] [-x BUG]... [-v]\n"
		"       abi_fuzz -c BUG\n"
		"known kernel bugs, for -x (skip its path) and -c (reproduce it):\n");
	for (i = 0; i < ARRAY_SIZE(known_bugs); i++)
		fprintf(stderr, "  %s: %s%s%s\n", known_bugs[i].name,
			known_bugs[i].what,
			known_bugs[i].fixed ? "; fixed by " : "",
			known_bugs[i].fixed ? known_bugs[i].fixed : "");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long iterations = 1000, racer_from = ULONG_MAX, i;
	unsigned char before[1024], after[1024];
	__u64 seed;
	struct timespec t0, t1;
	struct sigaction sa;
	const char *trace_path = NULL;
	bool kmsg = false;
	int opt, sessions_leaked, fds_leaked = 0, fds[2];
	unsigned int k, j;
	bool found;

	clock_gettime(CLOCK_REALTIME, &t0);
	seed = (__u64)t0.tv_nsec ^ ((__u64)t0.tv_sec << 20) ^ getpid();
	seed &= 0xffffffffffffULL;
	while ((opt = getopt(argc, argv, "s:n:o:kr:x:c:vh")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			iterations = strtoul(optarg, NULL, 0);
			break;
		case 'o':
			trace_path = optarg;
			break;
		case 'r':
			racer_from = strtoul(optarg, NULL, 0);
			break;
		case 'k':
			kmsg = true;
			break;
		case 'c':
			for (j = 0; j < ARRAY_SIZE(known_bugs); j++)
				if (!strcmp(known_bugs[j].name, optarg)) {
					setvbuf(stdout, NULL, _IOLBF, 0);
					printf("abi_fuzz: reproducer of %s: %s (%s)\n",
					       known_bugs[j].name,
					       known_bugs[j].what,
					       known_bugs[j].fixed ?
					       known_bugs[j].fixed : "open");
					return known_bugs[j].repro();
				}
			help();
			break;
		case 'x':
			found = false;
			for (j = 0; j < ARRAY_SIZE(known_bugs); j++)
				if (!strcmp(known_bugs[j].name, optarg)) {
					known_bugs[j].skip = true;
					found = true;
				}
			if (!found)
				help();
			break;
		case 'v':
			verbose = true;
			break;
		default:
			help();
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (access("/dev/lttng", F_OK)) {
		printf("abi_fuzz: SKIP: no /dev/lttng\n");
		return KSFT_SKIP;
	}
	rng_state = seed;
	racer_seed = seed ^ 0x5ace5eedULL;
	my_pid = getpid();
	ncpu = sysconf(_SC_NPROCESSORS_CONF);
	cmds_init();
	printf("abi_fuzz: seed %llu iterations %lu cpus %d commands %u ",
	       seed, iterations, ncpu, nr_cmds);
	printf("(%u from the header, %u generic)%s\n",
	       (unsigned int)ARRAY_SIZE(hdr_cmds) - 1, nr_generic,
	       HAVE_HDR_CMDS ? "" : " NO-HEADER-LIST");
	for (j = 0; j < ARRAY_SIZE(known_bugs); j++)
		if (known_bugs[j].skip)
			printf("abi_fuzz: skipping known bug %s: %s\n",
			       known_bugs[j].name, known_bugs[j].what);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;
	for (k = 1; k < 32; k++)
		if (k != SIGKILL && k != SIGSTOP && k != SIGCHLD &&
		    k != SIGWINCH && k != SIGURG && k != SIGCONT)
			sigaction(k, &sa, NULL);

	start_workload();
	fd_snapshot(before);
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
	memory_init();
	if (pipe2(fds, O_NONBLOCK | O_CLOEXEC)) {
		perror("abi_fuzz: pipe");
		return 1;
	}
	pipe_r = fds[0];
	pipe_w = fds[1];
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	plain_file = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (plain_file >= 0 && write(plain_file, scratch, 8192) < 0)
		perror("abi_fuzz: tmpfile");
	epfd = epoll_create1(EPOLL_CLOEXEC);

	find_boot_session();
	read_tp_list();
	sweep();

	for (i = 0; i < iterations; i++) {
		unsigned int r = below(1000);
		enum op op;

		iter = i;
		if (i == racer_from)
			start_racer();
		if (objs_full_soon() && chance(60))
			op = chance(30) ? OP_TEARDOWN : OP_CLOSE;
		else if (r < 380)
			op = OP_IOCTL;
		else if (r < 510)
			op = OP_CONSUME;
		else if (r < 620)
			op = OP_CREATE;
		else if (r < 690)
			op = OP_CLOSE;
		else if (r < 820)
			op = OP_IO;
		else if (r < 900)
			op = OP_CONTROL;
		else if (r < 930)
			op = OP_BUILD;
		else if (r < 945)
			op = OP_TEARDOWN;
		else if (r < 965)
			op = OP_DUP;
		else if (r < 970)
			op = OP_FORK;
		else if (r < 997)
			op = OP_ATTACH;
		else
			op = OP_HOTPLUG;
		op_count[op]++;
		switch (op) {
		case OP_IOCTL:
			op_ioctl();
			break;
		case OP_CONSUME:
			op_consume();
			break;
		case OP_CREATE:
			op_create();
			break;
		case OP_CLOSE:
			op_close();
			break;
		case OP_IO:
			op_io();
			break;
		case OP_CONTROL:
			op_control();
			break;
		case OP_BUILD:
			op_build();
			break;
		case OP_TEARDOWN:
			op_teardown();
			break;
		case OP_DUP:
			op_dup();
			break;
		case OP_FORK:
			op_fork();
			break;
		case OP_HOTPLUG:
			op_hotplug();
			break;
		default:
			op_attach();
		}
		if (i % 500 == 499) {
			clock_gettime(CLOCK_REALTIME, &t1);
			printf("abi_fuzz: %lu iterations, %d fds, %d mappings, ",
			       i + 1, nobjs, nmaps);
			printf("%lu unexpected, %lds\n", unexpected,
			       (long)(t1.tv_sec - t0.tv_sec));
		}
	}
	iter = i;
	stop_racer();
	all_cpus_online();
	stop_workload();
	sessions_leaked = teardown_all();
	close(pipe_r);
	close(pipe_w);
	close(devnull);
	if (plain_file >= 0)
		close(plain_file);
	close(epfd);
	if (trace_fd >= 0)
		close(trace_fd);
	if (kmsg_fd >= 0)
		close(kmsg_fd);
	trace_fd = -1;
	kmsg_fd = -1;
	munmap(good, (GOOD_PAGES + 3) * PAGE);
	fd_snapshot(after);
	for (k = 0; k < 1024; k++)
		if (after[k] && !before[k]) {
			char path[64], target[256] = "";

			snprintf(path, sizeof(path), "/proc/self/fd/%u", k);
			if (readlink(path, target, sizeof(target) - 1) < 0)
				copy_str(target, sizeof(target), "?");
			fail("fd %u is still open at the end: %s", k, target);
			fds_leaked++;
		}
	clock_gettime(CLOCK_REALTIME, &t1);

	printf("abi_fuzz: done seed %llu iterations %lu/%lu unexpected %lu ",
	       seed, iter, iterations, unexpected);
	printf("fds_leaked %d sessions_leaked %d time %.1fs\n",
	       fds_leaked, sessions_leaked,
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("abi_fuzz: calls");
	for (k = 0; k < K_NR; k++)
		printf(" %s=%lu", kind_name[k], calls[k]);
	printf("\nabi_fuzz: created");
	for (k = 0; k < K_NR; k++)
		printf(" %s=%lu", kind_name[k], created[k]);
	printf("\nabi_fuzz: required");
	for (k = 0; k < K_NR; k++)
		if (K_REQUIRED & KB(k))
			printf(" %s", kind_name[k]);
	printf("\nabi_fuzz: ops");
	for (k = 0; k < OP_NR; k++)
		printf(" %s=%lu", op_name[k], op_count[k]);
	printf("\nabi_fuzz: io mmaps=%lu splice_bytes=%lu read_bytes=%lu",
	       n_mmap_ok, n_splice_bytes, n_read_bytes);
	printf(" data_packets=%lu metadata_packets=%lu magic_checked=%lu",
	       n_data_packets, n_meta_packets, n_magic_checked);
	printf(" forks=%lu predictions=%lu attach_checked=%lu hotplug=%lu",
	       n_forks, n_predictions, n_attach_checked, n_hotplug);
	printf(" sweep=%lu\n", n_sweep);
	printf("abi_fuzz: racer from %ld", racer_from == ULONG_MAX ? -1L :
	       (long)racer_from);
	for (k = 0; k < K_NR; k++)
		printf(" %s=%lu", kind_name[k], racer_calls[k]);
	printf("\n");
	for (k = 0; k < nr_cmds; k++)
		printf("abi_fuzz: cmd %s 0x%08x%s%s calls=%lu own=%lu ok=%lu\n",
		       cmds[k]->name, cmds[k]->nr,
		       cmds[k]->flags & F_HEADER ? " header" : " compat",
		       cmds[k]->flags & F_MAYFD ? " generic" : "",
		       cmds[k]->calls, cmds[k]->own, cmds[k]->ok);
	printf("abi_fuzz: cmd random calls=%lu ok=%lu\n", unknown_calls,
	       unknown_ok);
	printf("abi_fuzz: %s\n", unexpected ? "FAIL" : "PASS");
	return unexpected ? 1 : 0;
}
