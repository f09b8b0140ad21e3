// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: the known kernel bugs, skipped with -x NAME, and their
 * reproducers, run alone with -c NAME.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "abi_fuzz.h"

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

/* ---- known kernel bugs, skipped with -x NAME ----------------------------- */

/*
 * Each known bug has a name, what it is, and a reproducer that -c NAME
 * runs alone: the shortest call sequence that shows it, exiting 0 once
 * the kernel is right.  -x NAME keeps the fuzzer off its path, so that
 * the rest of the fuzzing goes on until the kernel is fixed.  Fixed bugs
 * stay, with the commit that fixed them, for their reproducers.
 */
struct known_bug known_bugs[] = {
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

bool skipped(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(known_bugs); i++)
		if (!strcmp(known_bugs[i].name, name))
			return known_bugs[i].skip;
	return false;
}

const unsigned int nr_known_bugs = ARRAY_SIZE(known_bugs);
