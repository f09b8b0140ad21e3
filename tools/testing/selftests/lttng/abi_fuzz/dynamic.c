// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: the dynamic probes: the targets of KPROBE, KRETPROBE,
 * FUNCTION and UPROBE events, their names, their files and call sites,
 * and one probe of each kind made at the start of every run.
 *
 * Every kernel target is a function the kernel may hook without harm
 * while the campaign runs, or one it must refuse; a FUNCTION glob matches
 * a few functions at most: hooking "*" with ftrace takes minutes under
 * TCG.  The workload children call worker_tick() in every loop, and the
 * kernel targets include the system calls they make, so that probes of
 * every kind fire while their sessions run.
 *
 * A uprobe event may be on this program's own file, whose code the
 * workers and this process run: a breakpoint there at an offset that is
 * not an instruction's start would corrupt them.  No call site is drawn
 * inside that file but the entries of worker_tick() and of dyn_idle(),
 * which nothing calls; the random ones are past its end, where the file
 * made for uprobes (uprobe_file, 64 KiB larger than this one) still has
 * bytes, and the kernel refuses them for this program's file.  The racer
 * draws its call sites here too.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "abi_fuzz.h"

/* This program's file, the file made for uprobes, a directory. */
int exe_fd = -1, uprobe_file = -1, dir_fd = -1;
static __u64 exe_size;
/* Bytes of uprobe_file past exe_size. */
#define UPROBE_FILE_EXTRA	(64 * 1024)

/* File offsets of worker_tick() and dyn_idle() in exe_fd, or 0. */
static __u64 off_tick, off_idle;

/* Successful EVENT commands per dynamic kind (the summary). */
unsigned long dyn_created[LTTNG_ABI_UPROBE + 1];

static const char *const dyn_syms[] = {
	"schedule", "do_nanosleep", "hrtimer_nanosleep", "vfs_read",
	"do_sys_openat2", "__do_sys_getppid", "do_sched_yield",
	"__x64_sys_ioctl",
	/* Not ftrace's to hook (a SYSCALL_DEFINE0 wrapper, the tracer). */
	"__x64_sys_getppid", "lttng_session_start",
	/* No hook may: notrace, NOKPROBE_SYMBOL(). */
	"notify_die",
	"no_such_symbol", "",
};

/* Globs of a few functions each, for FUNCTION; refused elsewhere. */
static const char *const dyn_globs[] = {
	"__x64_sys_getp*", "do_nanosleep*", "vfs_rea?", "do_sched_yiel[d]",
};

static __u64 dyn_addrs[ARRAY_SIZE(dyn_syms)];

/* What the workload children call in every loop: a uprobe fires there. */
__attribute__((noipa)) void worker_tick(void)
{
	__asm__ __volatile__("" ::: "memory");
}

/* What nothing calls: a uprobe there never fires. */
__attribute__((noipa)) void dyn_idle(void)
{
	__asm__ __volatile__("" ::: "memory");
}

/* Where the code at @addr is in this program's file, or 0. */
static __u64 exe_offset(unsigned long addr)
{
	unsigned long start, end, off;
	char line[512], perms[8];
	__u64 ret = 0;
	FILE *f;

	f = fopen("/proc/self/maps", "r");
	if (!f)
		return 0;
	while (!ret && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx %7s %lx", &start, &end, perms,
			   &off) == 4 && perms[2] == 'x' &&
		    addr >= start && addr < end)
			ret = addr - start + off;
	fclose(f);
	return ret;
}

/* The addresses of dyn_syms, from /proc/kallsyms (0 where hidden). */
static void read_kallsyms(void)
{
	char line[512], sym[256], type;
	unsigned long long a;
	unsigned int i, n = 0;
	FILE *f;

	f = fopen("/proc/kallsyms", "r");
	if (!f)
		return;
	while (n < ARRAY_SIZE(dyn_syms) && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &a, &type, sym) != 3)
			continue;
		for (i = 0; i < ARRAY_SIZE(dyn_syms); i++)
			if (!dyn_addrs[i] && dyn_syms[i][0] &&
			    !strcmp(sym, dyn_syms[i])) {
				dyn_addrs[i] = a;
				n++;
			}
	}
	fclose(f);
}

/* Open the files and find the offsets and addresses; before foreign fds. */
void dyn_init(void)
{
	struct stat st;
	__u64 left;

	read_kallsyms();
	off_tick = exe_offset((unsigned long)worker_tick);
	off_idle = exe_offset((unsigned long)dyn_idle);
	exe_fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (exe_fd >= 0 && !fstat(exe_fd, &st))
		exe_size = st.st_size;
	/* Without both offsets, no call site may go inside the file. */
	if (!exe_size || !off_tick || !off_idle) {
		if (exe_fd >= 0)
			close(exe_fd);
		exe_fd = -1;
	}
	uprobe_file = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	for (left = exe_size + UPROBE_FILE_EXTRA; uprobe_file >= 0 && left;) {
		ssize_t w = write(uprobe_file, scratch,
				  left < sizeof(scratch) ? left : sizeof(scratch));

		if (w <= 0)
			break;
		left -= w;
	}
	dir_fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	printf("abi_fuzz: uprobes: file %llu bytes, worker_tick at 0x%llx, dyn_idle at 0x%llx%s\n",
	       exe_size, off_tick, off_idle,
	       exe_fd < 0 ? " (not probed)" : "");
}

void dyn_exit(void)
{
	if (exe_fd >= 0)
		close(exe_fd);
	if (uprobe_file >= 0)
		close(uprobe_file);
	if (dir_fd >= 0)
		close(dir_fd);
	exe_fd = -1;
	uprobe_file = -1;
	dir_fd = -1;
}

/* A call-site offset for ADD_CALLSITE, safe whatever file it goes to. */
__u64 pick_callsite(void)
{
	static const __u64 odd[] = {
		1ULL << 40, UINT64_MAX, (__u64)LLONG_MAX, (__u64)LLONG_MAX + 1,
	};
	unsigned int r = below(100);

	if (r < 30 && off_tick)
		return off_tick;
	if (r < 40 && off_idle)
		return off_idle;
	if (r < 88)
		return exe_size + below(UPROBE_FILE_EXTRA + PAGE);
	return PICK(odd);
}

/* The fd of a UPROBE event: the files above, wrong ones, closed ones. */
static int pick_uprobe_fd(void)
{
	static const int odd[] = { -1, 1000, 1001, INT32_MAX, INT32_MIN };
	unsigned int r = below(100);

	if (r < 40)
		return exe_fd;
	if (r < 60)
		return uprobe_file;
	if (r < 67)
		return devnull;
	if (r < 72)
		return dir_fd;
	if (r < 82)
		return PICK(odd);
	return nobjs ? objs[below(nobjs)].fd : -1;
}

/*
 * A dynamic event's name: one of a few that collide (NAME, NAME_entry,
 * NAME_exit), a tracepoint event's, or, unless @valid, garbage.
 */
static void pick_dyn_name(char *name, bool valid, char *desc, size_t dlen)
{
	static const char *const names[] = {
		"dyn_a", "dyn_a_entry", "dyn_a_exit", "dyn_b", "dyn_b_exit",
		"dyn_c", "dyn_d",
	};
	const char *n = chance(85) ? PICK(names) : pick_event_name();

	if (valid || chance(60)) {
		copy_str(name, LTTNG_ABI_SYM_NAME_LEN, n);
		snprintf(desc, dlen, "\"%s\"", n);
		return;
	}
	gen_string(name, LTTNG_ABI_SYM_NAME_LEN, n, desc, dlen);
}

/* A kernel target in @ev: a symbol, an address, both, an offset. */
static void pick_kernel_target(struct lttng_abi_event *ev, char *desc,
			       size_t dlen)
{
	bool ret = ev->instrumentation == LTTNG_ABI_KRETPROBE;
	unsigned int i = below(ARRAY_SIZE(dyn_syms)), r = below(100);
	struct lttng_abi_kprobe *kp = &ev->u.kprobe;
	const char *sym = dyn_syms[i];

	if (ev->instrumentation == LTTNG_ABI_FUNCTION) {
		if (chance(20))
			sym = PICK(dyn_globs);
		if (chance(5))
			gen_string(ev->u.ftrace.symbol_name,
				   sizeof(ev->u.ftrace.symbol_name), sym, desc,
				   dlen);
		else
			copy_str(ev->u.ftrace.symbol_name,
				 sizeof(ev->u.ftrace.symbol_name), sym);
		snprintf(desc, dlen, "%.48s", ev->u.ftrace.symbol_name);
		return;
	}
	if (chance(5))
		sym = PICK(dyn_globs);
	/* An offset: mostly none, a return probe's even more so. */
	if (r < (ret ? 85 : 55))
		kp->offset = 0;
	else if (r < 95)
		kp->offset = below(257);
	else
		kp->offset = chance(50) ? 0x10000 : rnd();
	r = below(100);
	if (r < 70) {
		copy_str(kp->symbol_name, sizeof(kp->symbol_name), sym);
	} else if (r < 90 && dyn_addrs[i]) {
		kp->addr = dyn_addrs[i];
		/* lttng-tools 2.13 sends an address probe's address twice. */
		if (chance(30))
			kp->offset = kp->addr;
	} else if (r < 95) {
		kp->addr = kernel_addr();
	} else {
		copy_str(kp->symbol_name, sizeof(kp->symbol_name), sym);
		kp->addr = dyn_addrs[i] ? dyn_addrs[i] : kernel_addr();
	}
	if (chance(3))
		memset(kp->symbol_name, 's', sizeof(kp->symbol_name));
	if (ret)
		ev->u.kretprobe.entryexit = below(4);
	snprintf(desc, dlen, "%.48s@0x%llx+%llu", kp->symbol_name,
		 kp->addr, kp->offset);
}

/*
 * Fill @ev, whose instrumentation is one of the dynamic kinds: a name
 * and a target.  @valid: a name that is one, a target from the lists.
 */
void gen_dyn_event(struct lttng_abi_event *ev, bool valid, char *desc,
		   size_t dlen)
{
	char ndesc[64], tdesc[96];

	pick_dyn_name(ev->name, valid, ndesc, sizeof(ndesc));
	if (ev->instrumentation == LTTNG_ABI_UPROBE) {
		ev->u.uprobe.fd = pick_uprobe_fd();
		snprintf(tdesc, sizeof(tdesc), "fd %d", ev->u.uprobe.fd);
	} else {
		pick_kernel_target(ev, tdesc, sizeof(tdesc));
	}
	snprintf(desc, dlen, "%s,%s", ndesc, tdesc);
}

/* A model_new_fd() hook: count an event that EVENT made. */
void dyn_count(const struct lttng_abi_event *ev)
{
	if (ev->instrumentation != LTTNG_ABI_TRACEPOINT &&
	    ev->instrumentation < ARRAY_SIZE(dyn_created))
		dyn_created[ev->instrumentation]++;
}

/* ADD_CALLSITE with a fresh offset, as lttng-sessiond does after EVENT. */
void dyn_add_callsites(int oi)
{
	struct arg a;
	int n = 1 + below(3);

	while (n--) {
		a.mode = AM_GOOD;
		gen_arg(cmd_by_nr(LTTNG_ABI_ADD_CALLSITE),
			LTTNG_ABI_ADD_CALLSITE, &a, true);
		do_ioctl(oi, LTTNG_ABI_ADD_CALLSITE, &a);
	}
}

/*
 * One probe of each dynamic kind on a channel of the session op_build()
 * started, on targets that every kernel of the tests has, enabled: each
 * kind is made, armed and fired in every run, whatever the draws.
 */
void dyn_sweep(void)
{
	static const struct {
		__u32 instr;
		const char *name, *sym;
	} probes[] = {
		{ LTTNG_ABI_KPROBE, "sweep_kprobe", "__x64_sys_getppid" },
		{ LTTNG_ABI_KRETPROBE, "sweep_function", "do_nanosleep" },
		{ LTTNG_ABI_FUNCTION, "sweep_ftrace", "do_sched_yield" },
		{ LTTNG_ABI_UPROBE, "sweep_uprobe", NULL },
	};
	struct lttng_abi_event *ev = (void *)scratch;
	int ch = pick_obj(KB(K_CHANNEL)), oi;
	unsigned int i;
	struct arg a;

	if (ch < 0)
		return;
	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		memset(ev, 0, sizeof(*ev));
		ev->instrumentation = probes[i].instr;
		copy_str(ev->name, sizeof(ev->name), probes[i].name);
		if (probes[i].instr == LTTNG_ABI_FUNCTION)
			copy_str(ev->u.ftrace.symbol_name,
				 sizeof(ev->u.ftrace.symbol_name),
				 probes[i].sym);
		else if (probes[i].sym)
			copy_str(ev->u.kprobe.symbol_name,
				 sizeof(ev->u.kprobe.symbol_name),
				 probes[i].sym);
		else
			ev->u.uprobe.fd = exe_fd;
		a.mode = AM_GOOD;
		place(&a, sizeof(*ev));
		snprintf(a.desc, sizeof(a.desc), "good event{%s}",
			 probes[i].name);
		oi = new_obj(do_ioctl(ch, LTTNG_ABI_EVENT, &a));
		if (oi < 0) {
			fail("EVENT %s on %s: %s", probes[i].name,
			     probes[i].sym ? probes[i].sym : "this program",
			     errname(errno));
			continue;
		}
		if (probes[i].instr == LTTNG_ABI_UPROBE) {
			struct lttng_abi_event_callsite *cs = (void *)scratch;

			cs->u.uprobe.offset = off_tick;
			a.mode = AM_GOOD;
			place(&a, sizeof(*cs));
			snprintf(a.desc, sizeof(a.desc),
				 "good callsite{worker_tick}");
			if (do_ioctl(oi, LTTNG_ABI_ADD_CALLSITE, &a))
				fail("ADD_CALLSITE at worker_tick: %s",
				     errname(errno));
		}
		ioctl_good(oi, LTTNG_ABI_ENABLE, &a);
	}
}
