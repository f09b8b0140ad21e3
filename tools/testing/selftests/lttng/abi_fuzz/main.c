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
 *  - dynamic probes (kprobes, function entry and exit, ftrace functions,
 *    uprobes) on a list of functions the kernel may hook or must refuse,
 *    by symbol or address, with offsets, garbage and colliding names,
 *    uprobes on this program's file, other files, bad and closed fds,
 *    with call sites that never corrupt this program (see dynamic.c);
 *  - CPUs going offline and back online under all of it.
 *
 * The compatible commands are the table in commands.c; the commands of
 * the header that the table does not know are fuzzed too, as generic
 * ones, from abi_fuzz_cmds.h, which abi_fuzz_cmds.sh generates from the
 * header.
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
 * racer.c).  -o TRACE writes every call, before it is made, to
 * TRACE.  -k writes them to /dev/kmsg too, at debug level: they cost
 * little there and stay off the console, and with panic_print=0x20 the
 * kernel replays its log to the console when it panics, so that the
 * console ends with the calls that led there.  -x BUG keeps off the path
 * of a known kernel bug, and -c BUG runs its reproducer alone (see
 * bugs.c).
 *
 * The files: commands.c (the commands), kinds.c (the kinds of fd, and the
 * sweep of every command over them), args.c (the arguments), model.c
 * (what the kernel should hold), checks.c (the ioctl call and what is
 * asserted), io.c (the stream fds), dynamic.c (the dynamic probes),
 * ops.c (the random steps and their loop), racer.c, bugs.c (the known
 * kernel bugs), util.c (random numbers and output), and this one (the
 * options and the order of it all).
 *
 * Exit status: 0 if every check passed, 1 if not, 4 without /dev/lttng.
 */

#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "abi_fuzz.h"

/* For the generators and the model. */
int ncpu;
pid_t my_pid;

/* The command line. */
struct options {
	__u64 seed;
	unsigned long iterations;
	unsigned long racer_from;
	const char *trace_path;
	bool kmsg;
};

static void help(void)
{
	unsigned int i;

	fprintf(stderr,
		"usage: abi_fuzz [-s SEED] [-n ITERATIONS] [-r START] [-o TRACE] [-k] [-x BUG]... [-v]\n"
		"       abi_fuzz -c BUG\n"
		"known kernel bugs, for -x (skip its path) and -c (reproduce it):\n");
	for (i = 0; i < nr_known_bugs; i++)
		fprintf(stderr, "  %s: %s%s%s\n", known_bugs[i].name,
			known_bugs[i].what,
			known_bugs[i].fixed ? "; fixed by " : "",
			known_bugs[i].fixed ? known_bugs[i].fixed : "");
	exit(2);
}

/* The options; -1 to go on, or the exit status of a reproducer (-c). */
static int parse_args(int argc, char **argv, struct options *o)
{
	unsigned int j;
	bool found;
	int opt;

	while ((opt = getopt(argc, argv, "s:n:o:kr:x:c:vh")) != -1) {
		switch (opt) {
		case 's':
			o->seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			o->iterations = strtoul(optarg, NULL, 0);
			break;
		case 'o':
			o->trace_path = optarg;
			break;
		case 'r':
			o->racer_from = strtoul(optarg, NULL, 0);
			break;
		case 'k':
			o->kmsg = true;
			break;
		case 'c':
			for (j = 0; j < nr_known_bugs; j++)
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
			for (j = 0; j < nr_known_bugs; j++)
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
	return -1;
}

/* The first line, which abi-fuzz.host.sh checks, and the bugs skipped. */
static void banner(const struct options *o)
{
	unsigned int j;

	printf("abi_fuzz: seed %llu iterations %lu cpus %d commands %u ",
	       o->seed, o->iterations, ncpu, nr_cmds);
	printf("(%u from the header, %u generic)%s\n",
	       nr_hdr_cmds, nr_generic, have_hdr_cmds ? "" : " NO-HEADER-LIST");
	for (j = 0; j < nr_known_bugs; j++)
		if (known_bugs[j].skip)
			printf("abi_fuzz: skipping known bug %s: %s\n",
			       known_bugs[j].name, known_bugs[j].what);
}

int main(int argc, char **argv)
{
	struct options o = { .iterations = 1000, .racer_from = ULONG_MAX };
	int ret, sessions_leaked, fds_leaked;
	unsigned char before[1024];
	struct timespec t0;

	clock_gettime(CLOCK_REALTIME, &t0);
	o.seed = (__u64)t0.tv_nsec ^ ((__u64)t0.tv_sec << 20) ^ getpid();
	o.seed &= 0xffffffffffffULL;
	ret = parse_args(argc, argv, &o);
	if (ret >= 0)
		return ret;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (access("/dev/lttng", F_OK)) {
		printf("abi_fuzz: SKIP: no /dev/lttng\n");
		return KSFT_SKIP;
	}
	rng_state = o.seed;
	racer_seed = o.seed ^ 0x5ace5eedULL;
	my_pid = getpid();
	ncpu = sysconf(_SC_NPROCESSORS_CONF);
	cmds_init();
	banner(&o);
	signals_init();

	start_workload();
	fd_snapshot(before);
	output_open(o.trace_path, o.kmsg);
	memory_init();
	if (foreign_open())
		return 1;
	dyn_init();

	find_boot_session();
	read_tp_list();
	sweep();
	run(o.iterations, o.racer_from, &t0);

	stop_racer();
	all_cpus_online();
	stop_workload();
	sessions_leaked = teardown_all();
	foreign_close();
	dyn_exit();
	output_close();
	memory_exit();
	fds_leaked = check_fds(before);
	report(o.seed, o.iterations, o.racer_from, fds_leaked,
	       sessions_leaked, &t0);
	return unexpected ? 1 : 0;
}
