// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng attach: read the trace of the boot session into DIR.
 *
 * The kernel creates the boot session from lttng.autostart= and keeps it
 * for its whole life.  Attaching opens fds on it and its channels, reads
 * from the oldest packet the buffers still hold, and closing them
 * detaches: the session goes on, unless --stop stopped it.
 *
 *   SESSION_ATTACH (empty name: the boot session)
 *   SESSION_CHANNEL_GET 0, 1, ... until ENOENT; STREAM on each until ENOENT
 *   METADATA + STREAM: a new metadata stream reads the metadata from 0
 *   read everything buffered, then live while CMD runs or for SECONDS
 *   --stop: SESSION_STOP, WAIT_QUIESCENT
 *   FLUSH per stream, read until EAGAIN or ENODATA, close
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/lttng.h>

#include "cmd.h"
#include "consumer.h"
#include "live.h"
#include "util.h"

#define ATTACH_DEFAULT_DIR	"lttng-trace"

enum {
	OPT_STOP = 256,
	OPT_OUTPUT,
};

/**
 * struct attach_opts - the command line
 * @dir: the trace directory
 * @duration_ms: without a command: how long to read live, 0 for not at all
 * @stop: stop the boot session before the last read
 * @mode: how to read the data streams; AUTO follows the channel
 * @cmd: the command to run, or NULL
 */
struct attach_opts {
	const char *dir;
	s64 duration_ms;
	bool stop;
	enum lttng_read_mode mode;
	char **cmd;
};

/**
 * struct attach - the fds on the boot session
 * @tracer: the tracer fd
 * @session: a session fd on the boot session; closing it does not
 *	     destroy the session
 * @channels: the data channel fds, by index
 * @nr_channels: how many
 * @metadata: the metadata channel this attach created
 * @consumer: the streams and their files
 */
struct attach {
	int tracer;
	int session;
	int *channels;
	unsigned int nr_channels;
	int metadata;
	struct lttng_consumer consumer;
};

int cmd_attach_usage(int status)
{
	fprintf(stderr,
		"usage: lttng attach [-o DIR] [-d SECONDS] [--stop] [--output mmap|splice]\n"
		"                    [-- CMD [ARGS...]]\n"
		"\n"
		"Read the trace of the boot session (lttng.autostart=) into DIR/kernel,\n"
		"from the oldest packet still buffered; then go on reading while CMD\n"
		"runs, or for SECONDS, or until SIGINT or SIGTERM.\n"
		"\n"
		"  -o, --output-dir DIR    trace directory (default ./" ATTACH_DEFAULT_DIR ")\n"
		"  -d, --duration SECONDS  read live for SECONDS (decimals allowed; default\n"
		"                          0: read what is buffered and detach); not with\n"
		"                          CMD\n"
		"      --stop              stop the boot session before the last read, so\n"
		"                          that the trace ends cleanly on every CPU\n"
		"      --output TYPE       read with mmap or splice (default: mmap if the\n"
		"                          channel allows it, else splice)\n"
		"  -h, --help              this help\n"
		"\n"
		"With CMD, the exit status is CMD's.  A loss summary goes to stderr.\n");
	return status;
}

/* Return: -1 to go on, or the exit status to return at once. */
static int attach_parse(int argc, char **argv, struct attach_opts *o)
{
	static const struct option longopts[] = {
		{ "output-dir",	required_argument,	NULL, 'o' },
		{ "duration",	required_argument,	NULL, 'd' },
		{ "stop",	no_argument,		NULL, OPT_STOP },
		{ "output",	required_argument,	NULL, OPT_OUTPUT },
		{ "help",	no_argument,		NULL, 'h' },
		{ }
	};
	bool duration = false;
	int opt;

	o->dir = ATTACH_DEFAULT_DIR;
	o->mode = LTTNG_READ_AUTO;
	while ((opt = getopt_long(argc, argv, "+o:d:h", longopts,
				  NULL)) != -1) {
		switch (opt) {
		case 'o':
			o->dir = optarg;
			break;
		case 'd':
			if (lttng_parse_duration(optarg, &o->duration_ms)) {
				lttng_error("bad duration '%s'", optarg);
				return LTTNG_EXIT_USAGE;
			}
			duration = true;
			break;
		case OPT_STOP:
			o->stop = true;
			break;
		case OPT_OUTPUT:
			if (lttng_parse_read_mode(optarg, &o->mode)) {
				lttng_error("--output is mmap or splice, not '%s'",
					    optarg);
				return LTTNG_EXIT_USAGE;
			}
			break;
		case 'h':
			return cmd_attach_usage(0);
		default:
			return cmd_attach_usage(LTTNG_EXIT_USAGE);
		}
	}
	if (optind < argc)
		o->cmd = argv + optind;
	if (o->cmd && duration) {
		lttng_error("-d and a command do not go together");
		return cmd_attach_usage(LTTNG_EXIT_USAGE);
	}
	return -1;
}

static int attach_session(struct attach *a)
{
	struct lttng_abi_session_attach arg;

	memset(&arg, 0, sizeof(arg));
	arg.size = sizeof(arg);
	a->session = lttng_ioctl_fd(a->tracer, LTTNG_ABI_SESSION_ATTACH, &arg);
	if (a->session >= 0)
		return 0;
	if (errno == ENOENT)
		lttng_error("there is no boot session (boot with lttng.autostart=)");
	else
		lttng_error("cannot attach to the boot session: %s",
			    strerror(errno));
	return -1;
}

static int attach_channel(struct attach *a, unsigned int index)
{
	struct lttng_abi_channel_get arg;
	int *p, fd;

	memset(&arg, 0, sizeof(arg));
	arg.size = sizeof(arg);
	arg.index = index;
	fd = lttng_ioctl_fd(a->session, LTTNG_ABI_SESSION_CHANNEL_GET, &arg);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		lttng_error("cannot get channel%u: %s", index, strerror(errno));
		return -1;
	}
	p = realloc(a->channels, (a->nr_channels + 1) * sizeof(*p));
	if (!p) {
		lttng_error("out of memory");
		close(fd);
		return -1;
	}
	a->channels = p;
	a->channels[a->nr_channels++] = fd;
	return 1;
}

static int attach_setup(struct attach *a, const struct attach_opts *o)
{
	struct lttng_consumer *c = &a->consumer;
	unsigned int i;
	int ret;

	a->tracer = lttng_tracer_open(true);
	if (a->tracer < 0 || attach_session(a))
		return -1;
	/* Before the boot session is known: no point in an empty DIR. */
	if (lttng_consumer_init(c, o->dir, true))
		return -1;
	while ((ret = attach_channel(a, a->nr_channels)) > 0)
		;
	if (ret < 0)
		return -1;
	if (!a->nr_channels) {
		lttng_error("the boot session has no channel");
		return -1;
	}
	for (i = 0; i < a->nr_channels; i++)
		if (lttng_consumer_add_channel(c, a->channels[i], i, o->mode))
			return -1;
	if (lttng_consumer_add_metadata(c, a->session, &a->metadata))
		return -1;
	lttng_consumer_check_stale(c);
	return 0;
}

/* Close the last packets, then read everything. */
static int attach_finish(struct attach *a, const struct attach_opts *o)
{
	struct lttng_consumer *c = &a->consumer;
	int ret = 0;

	if (o->stop) {
		if (lttng_ioctl(a->session, LTTNG_ABI_SESSION_STOP, NULL) < 0) {
			lttng_error("cannot stop the boot session: %s",
				    strerror(errno));
			ret = -1;
		}
		if (lttng_wait_quiescent(a->tracer))
			ret = -1;
	}
	if (lttng_consumer_flush(c, LTTNG_ABI_RB_FLUSH, true))
		ret = -1;
	lttng_consumer_sweep(c, 0);
	return ret;
}

/* Detach.  The kernel keeps the boot session and its buffers. */
static int attach_close(struct attach *a)
{
	unsigned int i;
	int ret;

	ret = lttng_consumer_fini(&a->consumer);
	for (i = 0; i < a->nr_channels; i++)
		close(a->channels[i]);
	free(a->channels);
	if (a->metadata >= 0)
		close(a->metadata);
	if (a->session >= 0)
		close(a->session);
	if (a->tracer >= 0)
		close(a->tracer);
	return ret;
}

static int attach_run(struct attach *a, const struct attach_opts *o)
{
	struct lttng_consumer *c = &a->consumer;
	int code = 0;

	/* What the buffers hold, oldest first. */
	lttng_consumer_sweep(c, 0);
	if ((o->cmd || o->duration_ms > 0) &&
	    lttng_live_run(c, o->cmd, o->duration_ms, &code))
		c->error = true;
	if (attach_finish(a, o))
		c->error = true;
	return code;
}

int cmd_attach(int argc, char **argv)
{
	struct attach_opts o;
	struct attach a;
	int ret;

	memset(&o, 0, sizeof(o));
	memset(&a, 0, sizeof(a));
	a.tracer = -1;
	a.session = -1;
	a.metadata = -1;
	lttng_consumer_reset(&a.consumer);

	ret = attach_parse(argc, argv, &o);
	if (ret >= 0)
		return ret;

	if (attach_setup(&a, &o)) {
		ret = 1;
	} else {
		ret = attach_run(&a, &o);
		lttng_consumer_report(&a.consumer);
		if (a.consumer.error)
			ret = 1;
	}
	if (attach_close(&a))
		ret = 1;
	return ret;
}
