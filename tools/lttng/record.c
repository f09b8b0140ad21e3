// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng record: create a session, record into DIR, destroy the session.
 *
 * The sequence is lttng-sessiond's and lttng-consumerd's, in one process:
 *
 *   SESSION, SET_NAME, SET_CREATION_TIME
 *   CHANNEL (channel0), then EVENT + ENABLE per event
 *   METADATA + STREAM, then STREAM on channel0 until ENOENT
 *   SESSION_START, WAIT_QUIESCENT
 *   ... read the streams while the command runs ...
 *   SESSION_STOP (or FLUSH_EMPTY per data stream with --no-start),
 *   WAIT_QUIESCENT, FLUSH per stream, read until EAGAIN or ENODATA
 *   close: the session is destroyed with its last fd
 *
 * --output both makes an mmap channel and reads every packet twice before
 * putting it: through the mapping into DIR, through splice into
 * DIR-splice.  The two traces must then be identical, byte for byte: a
 * test of the kernel's two read paths against each other.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/lttng.h>

#include "cmd.h"
#include "consumer.h"
#include "live.h"
#include "util.h"

#define RECORD_DEFAULT_NAME		"record"
#define RECORD_DEFAULT_DIR		"lttng-trace"
#define RECORD_DEFAULT_SUBBUF_SIZE	(256 * 1024)
#define RECORD_DEFAULT_NUM_SUBBUF	4
#define RECORD_READ_TIMER_US		200000
#define RECORD_COPY_SUFFIX		"-splice"

enum {
	OPT_OVERWRITE = 256,
	OPT_OUTPUT,
	OPT_NO_START,
	OPT_NAME,
};

/* -t names, indexed by enum lttng_abi_context_type. */
static const char * const record_ctx_names[] = {
	[LTTNG_ABI_CONTEXT_PID] = "pid",
	[LTTNG_ABI_CONTEXT_PROCNAME] = "procname",
	[LTTNG_ABI_CONTEXT_PRIO] = "prio",
	[LTTNG_ABI_CONTEXT_NICE] = "nice",
	[LTTNG_ABI_CONTEXT_VPID] = "vpid",
	[LTTNG_ABI_CONTEXT_TID] = "tid",
	[LTTNG_ABI_CONTEXT_VTID] = "vtid",
	[LTTNG_ABI_CONTEXT_PPID] = "ppid",
	[LTTNG_ABI_CONTEXT_VPPID] = "vppid",
	[LTTNG_ABI_CONTEXT_HOSTNAME] = "hostname",
	[LTTNG_ABI_CONTEXT_CPU_ID] = "cpu_id",
	[LTTNG_ABI_CONTEXT_INTERRUPTIBLE] = "interruptible",
	[LTTNG_ABI_CONTEXT_PREEMPTIBLE] = "preemptible",
	[LTTNG_ABI_CONTEXT_NEED_RESCHEDULE] = "need_reschedule",
	[LTTNG_ABI_CONTEXT_MIGRATABLE] = "migratable",
	[LTTNG_ABI_CONTEXT_CGROUP_NS] = "cgroup_ns",
	[LTTNG_ABI_CONTEXT_IPC_NS] = "ipc_ns",
	[LTTNG_ABI_CONTEXT_MNT_NS] = "mnt_ns",
	[LTTNG_ABI_CONTEXT_NET_NS] = "net_ns",
	[LTTNG_ABI_CONTEXT_PID_NS] = "pid_ns",
	[LTTNG_ABI_CONTEXT_USER_NS] = "user_ns",
	[LTTNG_ABI_CONTEXT_UTS_NS] = "uts_ns",
	[LTTNG_ABI_CONTEXT_UID] = "uid",
	[LTTNG_ABI_CONTEXT_EUID] = "euid",
	[LTTNG_ABI_CONTEXT_SUID] = "suid",
	[LTTNG_ABI_CONTEXT_GID] = "gid",
	[LTTNG_ABI_CONTEXT_EGID] = "egid",
	[LTTNG_ABI_CONTEXT_SGID] = "sgid",
	[LTTNG_ABI_CONTEXT_VUID] = "vuid",
	[LTTNG_ABI_CONTEXT_VEUID] = "veuid",
	[LTTNG_ABI_CONTEXT_VSUID] = "vsuid",
	[LTTNG_ABI_CONTEXT_VGID] = "vgid",
	[LTTNG_ABI_CONTEXT_VEGID] = "vegid",
	[LTTNG_ABI_CONTEXT_VSGID] = "vsgid",
	[LTTNG_ABI_CONTEXT_TIME_NS] = "time_ns",
};

#define RECORD_MAX_CTX	ARRAY_SIZE(record_ctx_names)

/**
 * struct record_opts - the command line
 * @events: the -e arguments, each a comma-separated list
 * @nr_events: how many -e arguments
 * @dir: the trace directory
 * @subbuf_size: sub-buffer size in bytes
 * @num_subbuf: sub-buffers per CPU
 * @overwrite: flight-recorder mode instead of discard
 * @mode: channel output, and how the streams are read; BOTH: an mmap
 *	  channel, read both ways
 * @duration_ms: without a command: how long to record, -1 until a signal
 * @no_start: never start the session
 * @name: the session name
 * @ctx: the -t contexts, enum lttng_abi_context_type
 * @nr_ctx: how many
 * @cmd: the command to run, or NULL
 */
struct record_opts {
	char **events;
	unsigned int nr_events;
	const char *dir;
	u64 subbuf_size;
	u64 num_subbuf;
	bool overwrite;
	enum lttng_read_mode mode;
	s64 duration_ms;
	bool no_start;
	const char *name;
	unsigned int ctx[RECORD_MAX_CTX];
	unsigned int nr_ctx;
	char **cmd;
};

/**
 * struct record - the kernel objects of one recording
 * @tracer: the tracer fd
 * @session: the session fd; closing the last session fd destroys it
 * @channel: channel0's fd
 * @metadata: the metadata channel fd
 * @events: the event fds
 * @nr_events: how many
 * @copy_dir: with --output both, the splice copy DIR-splice
 * @consumer: the streams and their files
 */
struct record {
	int tracer;
	int session;
	int channel;
	int metadata;
	int *events;
	unsigned int nr_events;
	char *copy_dir;
	struct lttng_consumer consumer;
};

int cmd_record_usage(int status)
{
	fprintf(stderr,
		"usage: lttng record [-e EVENT[,EVENT...]]... [-t CONTEXT]... [-o DIR]\n"
		"                    [-s SUBBUF_SIZE]\n"
		"                    [-n NUM_SUBBUF] [--overwrite] [--output mmap|splice|both]\n"
		"                    [-d SECONDS] [--no-start] [--name NAME] [-- CMD [ARGS...]]\n"
		"\n"
		"Record kernel events into DIR/kernel while CMD runs, for SECONDS, or\n"
		"until SIGINT or SIGTERM.\n"
		"\n"
		"  -e, --event LIST        events to enable, comma-separated; star globs\n"
		"                          allowed; syscall:NAME enables the entry and\n"
		"                          exit events of syscall NAME (syscall:* for\n"
		"                          all), syscall-entry:NAME and\n"
		"                          syscall-exit:NAME only one; repeatable.\n"
		"                          Dynamic probes, named as written:\n"
		"                          kprobe:SYMBOL[+OFFSET] a kprobe (event\n"
		"                          SYMBOL[+OFFSET]), function:SYMBOL the\n"
		"                          function's entry and exit (SYMBOL_entry,\n"
		"                          SYMBOL_exit), function-entry:SYMBOL its\n"
		"                          entry through ftrace (SYMBOL may be a glob)\n"
		"  -t, --context TYPE      add a context to every event: pid, tid,\n"
		"                          procname, prio, nice, vpid, vtid, ppid,\n"
		"                          vppid, hostname, cpu_id, uid, gid, ...,\n"
		"                          *_ns; repeatable\n"
		"  -o, --output-dir DIR    trace directory (default ./" RECORD_DEFAULT_DIR ")\n"
		"  -s, --subbuf-size SIZE  sub-buffer size, power of two, K/M/G suffixes\n"
		"                          (default 256K)\n"
		"  -n, --num-subbuf NUM    sub-buffers per CPU, power of two (default 4)\n"
		"      --overwrite         flight-recorder mode: overwrite the oldest\n"
		"                          packets instead of discarding new events\n"
		"      --output TYPE       buffer output, mmap or splice (default splice);\n"
		"                          both: an mmap buffer, each packet written\n"
		"                          through mmap to DIR and through splice to\n"
		"                          DIR-splice\n"
		"  -d, --duration SECONDS  record for SECONDS (decimals allowed); not with\n"
		"                          CMD\n"
		"      --no-start          create everything but never start the session:\n"
		"                          each stream gets one empty packet\n"
		"      --name NAME         session name (default " RECORD_DEFAULT_NAME ")\n"
		"  -h, --help              this help\n"
		"\n"
		"With CMD, the exit status is CMD's.  A loss summary goes to stderr.\n");
	return status;
}

/* Check one -e argument: every item must make an EVENT command. */
static int record_check_events(const char *list)
{
	struct lttng_abi_event ev;
	const char *p = list, *why;

	for (;;) {
		size_t len = strcspn(p, ",");

		if (lttng_parse_event(p, len, &ev, &why)) {
			lttng_error("bad event '%.*s' in '%s': %s", (int)len, p,
				    list, why);
			return -1;
		}
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

static int record_parse_size(const char *arg, const char *what,
			     u64 *val)
{
	if (lttng_parse_size(arg, val)) {
		lttng_error("bad %s '%s'", what, arg);
		return -1;
	}
	if (!lttng_is_power_of_2(*val)) {
		lttng_error("the %s must be a power of two, not %s", what, arg);
		return -1;
	}
	return 0;
}

static int record_parse_ctx(const char *arg, struct record_opts *o)
{
	unsigned int i;

	for (i = 0; i < RECORD_MAX_CTX; i++) {
		if (!record_ctx_names[i] || strcmp(arg, record_ctx_names[i]))
			continue;
		if (o->nr_ctx == RECORD_MAX_CTX) {
			lttng_error("too many contexts");
			return -1;
		}
		o->ctx[o->nr_ctx++] = i;
		return 0;
	}
	lttng_error("unknown context '%s'", arg);
	return -1;
}

/* Return: -1 to go on, or the exit status to return at once. */
static int record_parse(int argc, char **argv, struct record_opts *o)
{
	static const struct option longopts[] = {
		{ "event",	required_argument,	NULL, 'e' },
		{ "context",	required_argument,	NULL, 't' },
		{ "output-dir",	required_argument,	NULL, 'o' },
		{ "subbuf-size", required_argument,	NULL, 's' },
		{ "num-subbuf",	required_argument,	NULL, 'n' },
		{ "overwrite",	no_argument,		NULL, OPT_OVERWRITE },
		{ "output",	required_argument,	NULL, OPT_OUTPUT },
		{ "duration",	required_argument,	NULL, 'd' },
		{ "no-start",	no_argument,		NULL, OPT_NO_START },
		{ "name",	required_argument,	NULL, OPT_NAME },
		{ "help",	no_argument,		NULL, 'h' },
		{ }
	};
	int opt;

	o->dir = RECORD_DEFAULT_DIR;
	o->subbuf_size = RECORD_DEFAULT_SUBBUF_SIZE;
	o->num_subbuf = RECORD_DEFAULT_NUM_SUBBUF;
	o->mode = LTTNG_READ_SPLICE;
	o->duration_ms = -1;
	o->name = RECORD_DEFAULT_NAME;
	while ((opt = getopt_long(argc, argv, "+e:t:o:s:n:d:h", longopts,
				  NULL)) != -1) {
		switch (opt) {
		case 'e':
			if (record_check_events(optarg))
				return LTTNG_EXIT_USAGE;
			o->events[o->nr_events++] = optarg;
			break;
		case 't':
			if (record_parse_ctx(optarg, o))
				return LTTNG_EXIT_USAGE;
			break;
		case 'o':
			o->dir = optarg;
			break;
		case 's':
			if (record_parse_size(optarg, "sub-buffer size",
					      &o->subbuf_size))
				return LTTNG_EXIT_USAGE;
			break;
		case 'n':
			if (record_parse_size(optarg, "sub-buffer count",
					      &o->num_subbuf))
				return LTTNG_EXIT_USAGE;
			break;
		case OPT_OVERWRITE:
			o->overwrite = true;
			break;
		case OPT_OUTPUT:
			if (!strcmp(optarg, "both")) {
				o->mode = LTTNG_READ_BOTH;
			} else if (lttng_parse_read_mode(optarg, &o->mode)) {
				lttng_error("--output is mmap, splice or both, not '%s'",
					    optarg);
				return LTTNG_EXIT_USAGE;
			}
			break;
		case 'd':
			if (lttng_parse_duration(optarg, &o->duration_ms)) {
				lttng_error("bad duration '%s'", optarg);
				return LTTNG_EXIT_USAGE;
			}
			break;
		case OPT_NO_START:
			o->no_start = true;
			break;
		case OPT_NAME:
			if (!*optarg || strlen(optarg) >= LTTNG_ABI_SESSION_NAME_LEN) {
				lttng_error("bad session name '%s'", optarg);
				return LTTNG_EXIT_USAGE;
			}
			o->name = optarg;
			break;
		case 'h':
			return cmd_record_usage(0);
		default:
			return cmd_record_usage(LTTNG_EXIT_USAGE);
		}
	}
	if (optind < argc)
		o->cmd = argv + optind;
	if (o->cmd && o->duration_ms >= 0) {
		lttng_error("-d and a command do not go together");
		return cmd_record_usage(LTTNG_EXIT_USAGE);
	}
	if (o->subbuf_size > UINT32_MAX || o->num_subbuf > UINT32_MAX) {
		lttng_error("the buffers are too large");
		return LTTNG_EXIT_USAGE;
	}
	return -1;
}

static int record_session(struct record *r, const char *name)
{
	struct lttng_abi_session_creation_time ct;
	struct lttng_abi_session_name sn;
	time_t now = time(NULL);
	struct tm tm;

	r->session = lttng_ioctl_fd(r->tracer, LTTNG_ABI_SESSION, NULL);
	if (r->session < 0) {
		lttng_error("cannot create a session: %s", strerror(errno));
		return -1;
	}
	memset(&sn, 0, sizeof(sn));
	snprintf(sn.name, sizeof(sn.name), "%s", name);
	if (lttng_ioctl(r->session, LTTNG_ABI_SESSION_SET_NAME, &sn) < 0) {
		lttng_error("cannot name the session '%s': %s", name,
			    strerror(errno));
		return -1;
	}
	/* Only the trace's metadata env needs it: not worth failing for. */
	memset(&ct, 0, sizeof(ct));
	if (localtime_r(&now, &tm))
		strftime(ct.iso8601, sizeof(ct.iso8601), "%Y%m%dT%H%M%S%z",
			 &tm);
	if (ct.iso8601[0] &&
	    lttng_ioctl(r->session, LTTNG_ABI_SESSION_SET_CREATION_TIME, &ct) < 0)
		lttng_warn("cannot set the session creation time: %s",
			   strerror(errno));
	return 0;
}

static int record_contexts(struct record *r, const struct record_opts *o)
{
	struct lttng_abi_context c;
	unsigned int i;

	for (i = 0; i < o->nr_ctx; i++) {
		memset(&c, 0, sizeof(c));
		c.ctx = o->ctx[i];
		if (lttng_ioctl(r->channel, LTTNG_ABI_CONTEXT, &c) < 0 &&
		    errno != EEXIST) {
			lttng_error("cannot add context %s: %s",
				    record_ctx_names[o->ctx[i]],
				    errno == ENOSYS ?
				    "not available on this kernel" :
				    strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int record_channel(struct record *r, const struct record_opts *o)
{
	struct lttng_abi_channel attr;

	memset(&attr, 0, sizeof(attr));
	attr.subbuf_size = o->subbuf_size;
	attr.num_subbuf = o->num_subbuf;
	attr.switch_timer_interval = 0;
	attr.read_timer_interval = RECORD_READ_TIMER_US;
	attr.output = o->mode == LTTNG_READ_SPLICE ? LTTNG_ABI_OUTPUT_SPLICE :
						     LTTNG_ABI_OUTPUT_MMAP;
	attr.overwrite = o->overwrite;
	r->channel = lttng_ioctl_fd(r->session, LTTNG_ABI_CHANNEL, &attr);
	if (r->channel < 0) {
		lttng_error("cannot create channel0 (%llu sub-buffers of %llu bytes, %s): %s",
			    o->num_subbuf, o->subbuf_size,
			    o->overwrite ? "overwrite" : "discard",
			    strerror(errno));
		return -1;
	}
	return record_contexts(r, o);
}

static int record_event(struct record *r, const char *name, size_t len)
{
	struct lttng_abi_event ev;
	const char *why;
	int fd;

	/* record_check_events() accepted it already. */
	if (lttng_parse_event(name, len, &ev, &why)) {
		lttng_error("bad event '%.*s': %s", (int)len, name, why);
		return -1;
	}
	fd = lttng_ioctl_fd(r->channel, LTTNG_ABI_EVENT, &ev);
	if (fd < 0) {
		lttng_error("cannot create event %.*s: %s", (int)len, name,
			    errno == ENOSYS ?
			    "this kind of event is not available on this kernel" :
			    strerror(errno));
		return -1;
	}
	r->events[r->nr_events++] = fd;
	if (lttng_ioctl(fd, LTTNG_ABI_ENABLE, NULL) < 0 && errno != EEXIST) {
		lttng_error("cannot enable event %s: %s", ev.name,
			    strerror(errno));
		return -1;
	}
	return 0;
}

static int record_events(struct record *r, const struct record_opts *o)
{
	unsigned int i, n = 0;
	const char *p;

	for (i = 0; i < o->nr_events; i++)
		for (p = o->events[i], n++; *p; p++)
			n += *p == ',';
	if (!n) {
		lttng_warn("no event given (-e): the trace will be empty");
		return 0;
	}
	r->events = calloc(n, sizeof(*r->events));
	if (!r->events) {
		lttng_error("out of memory");
		return -1;
	}
	for (i = 0; i < o->nr_events; i++) {
		for (p = o->events[i]; ; p++) {
			size_t len = strcspn(p, ",");

			if (record_event(r, p, len))
				return -1;
			p += len;
			if (!*p)
				break;
		}
	}
	return 0;
}

/* DIR-splice, from DIR without its trailing slashes. */
static int record_copy_dir(struct record *r, const char *dir)
{
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (asprintf(&r->copy_dir, "%.*s" RECORD_COPY_SUFFIX, (int)len,
		     dir) < 0) {
		r->copy_dir = NULL;
		lttng_error("out of memory");
		return -1;
	}
	return 0;
}

static int record_consumer_init(struct record *r, const struct record_opts *o)
{
	struct lttng_consumer *c = &r->consumer;

	if (lttng_consumer_init(c, o->dir, o->overwrite))
		return -1;
	if (o->mode != LTTNG_READ_BOTH)
		return 0;
	if (record_copy_dir(r, o->dir))
		return -1;
	return lttng_consumer_init_copy(c, r->copy_dir);
}

static int record_setup(struct record *r, const struct record_opts *o)
{
	struct lttng_consumer *c = &r->consumer;

	r->tracer = lttng_tracer_open(true);
	if (r->tracer < 0)
		return -1;
	/* The directory last: a bad channel or event leaves nothing behind. */
	if (record_session(r, o->name) || record_channel(r, o) ||
	    record_events(r, o) || record_consumer_init(r, o) ||
	    lttng_consumer_add_metadata(c, r->session, &r->metadata) ||
	    lttng_consumer_add_channel(c, r->channel, 0, o->mode))
		return -1;
	lttng_consumer_check_stale(c);
	return 0;
}

/*
 * Close the last packets and read everything.  SESSION_STOP delivers each
 * buffer's last packet, an empty one if need be; without a start,
 * FLUSH_EMPTY gives every stream that one empty packet.
 */
static int record_finish(struct record *r, bool started)
{
	struct lttng_consumer *c = &r->consumer;
	int ret = 0;

	if (started && lttng_ioctl(r->session, LTTNG_ABI_SESSION_STOP, NULL) < 0) {
		lttng_error("cannot stop the session: %s", strerror(errno));
		ret = -1;
	}
	if (!started && lttng_consumer_flush(c, LTTNG_ABI_RB_FLUSH_EMPTY, false))
		ret = -1;
	if (lttng_wait_quiescent(r->tracer) ||
	    lttng_consumer_flush(c, LTTNG_ABI_RB_FLUSH, true))
		ret = -1;
	lttng_consumer_sweep(c, 0);
	return ret;
}

/* Streams first: the session goes when its own fd and the others close. */
static int record_close(struct record *r)
{
	unsigned int i;
	int ret;

	ret = lttng_consumer_fini(&r->consumer);
	for (i = 0; i < r->nr_events; i++)
		close(r->events[i]);
	free(r->events);
	if (r->channel >= 0)
		close(r->channel);
	if (r->metadata >= 0)
		close(r->metadata);
	if (r->session >= 0)
		close(r->session);
	if (r->tracer >= 0)
		close(r->tracer);
	free(r->copy_dir);
	return ret;
}

static int record_run(struct record *r, const struct record_opts *o)
{
	struct lttng_consumer *c = &r->consumer;
	bool started = false;
	int code = 0, ret;

	if (!o->no_start) {
		if (lttng_ioctl(r->session, LTTNG_ABI_SESSION_START, NULL) < 0) {
			lttng_error("cannot start the session: %s",
				    strerror(errno));
			return 1;
		}
		started = true;
		if (lttng_wait_quiescent(r->tracer))
			c->error = true;
	}
	if (!o->cmd && o->duration_ms < 0)
		lttng_info("recording into %s; interrupt to stop", o->dir);
	ret = lttng_live_run(c, o->cmd, o->duration_ms, &code);
	if (record_finish(r, started) || ret)
		c->error = true;
	return code;
}

int cmd_record(int argc, char **argv)
{
	struct record_opts o;
	struct record r;
	int ret;

	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	r.tracer = -1;
	r.session = -1;
	r.channel = -1;
	r.metadata = -1;
	lttng_consumer_reset(&r.consumer);

	o.events = calloc((size_t)argc, sizeof(*o.events));
	if (!o.events) {
		lttng_error("out of memory");
		return 1;
	}
	ret = record_parse(argc, argv, &o);
	if (ret >= 0)
		goto out;

	if (record_setup(&r, &o)) {
		ret = 1;
	} else {
		ret = record_run(&r, &o);
		lttng_consumer_report(&r.consumer);
		if (r.consumer.error)
			ret = 1;
	}
	if (record_close(&r))
		ret = 1;
out:
	free(o.events);
	return ret;
}
