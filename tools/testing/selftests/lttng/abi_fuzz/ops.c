// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: the random steps: creating, closing and dup'ing objects,
 * session control, random ioctls, fork, CPU hotplug, the workload, and
 * the loop that draws the steps.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "abi_fuzz.h"

/* ---- creating, closing, dup ------------------------------------------------- */

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
void op_build(void)
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

/* ---- fork: a child inherits every fd and mapping ---------------------------- */

/* In a forked child: only model_safe() commands. */
bool in_child;

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

void all_cpus_online(void)
{
	int cpu;

	for (cpu = 1; cpu < ncpu && cpu < 64; cpu++)
		if (cpu_down[cpu] && !set_cpu_online(cpu, true))
			fail("cpu %d does not come back online", cpu);
}

/* ---- the workload: one child per CPU switching tasks ------------------------ */

static pid_t workers[64];
static int nworkers;

void start_workload(void)
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
			/* What the kernel and user probes of dynamic.c hook. */
			for (;;) {
				nanosleep(&ts, NULL);
				sched_yield();
				worker_tick();
				if (getppid() == 1)
					_exit(0);
			}
		}
		workers[nworkers++] = pid;
	}
}

void stop_workload(void)
{
	int i;

	for (i = 0; i < nworkers; i++) {
		kill(workers[i], SIGKILL);
		waitpid(workers[i], NULL, 0);
	}
	nworkers = 0;
}

/* ---- the loop: ITERATIONS random steps --------------------------------- */

const char *const op_name[OP_NR] = {
	"ioctl", "create", "close", "consume", "io", "control", "build",
	"teardown", "dup", "fork", "attach", "hotplug",
};

unsigned long op_count[OP_NR];

/* The step to take, from r (0 to 999), unless the pool is nearly full. */
static enum op pick_op(unsigned int r)
{
	enum op op;

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
	return op;
}

static void do_op(enum op op)
{
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
}

/* The random steps; the racer starts at iteration racer_from. */
void run(unsigned long iterations, unsigned long racer_from,
	 const struct timespec *t0)
{
	struct timespec t1;
	unsigned long i;

	for (i = 0; i < iterations; i++) {
		unsigned int r = below(1000);
		enum op op;

		iter = i;
		if (i == racer_from)
			start_racer();
		op = pick_op(r);
		op_count[op]++;
		do_op(op);
		if (i % 500 == 499) {
			clock_gettime(CLOCK_REALTIME, &t1);
			printf("abi_fuzz: %lu iterations, %d fds, %d mappings, ",
			       i + 1, nobjs, nmaps);
			printf("%lu unexpected, %lds\n", unexpected,
			       (long)(t1.tv_sec - t0->tv_sec));
		}
	}
	iter = i;
}
