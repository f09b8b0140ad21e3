// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng: control and consume the LTTng built-in tracer through /dev/lttng,
 * without a daemon.  This file only dispatches to the commands.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	int (*usage)(int status);
	const char *help;
} commands[] = {
	{ "version", cmd_version, cmd_version_usage,
	  "print the tracer and ABI versions" },
	{ "list", cmd_list, cmd_list_usage,
	  "list the kernel events" },
	{ "record", cmd_record, cmd_record_usage,
	  "record a trace into a directory" },
	{ "attach", cmd_attach, cmd_attach_usage,
	  "read the boot session's trace into a directory" },
};

static int lttng_usage(int status)
{
	unsigned int i;

	fprintf(stderr,
		"usage: lttng [-h|--help] COMMAND [OPTIONS] [ARGS]\n"
		"       lttng help [COMMAND]\n"
		"\n"
		"commands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(stderr, "    %-10s %s\n", commands[i].name,
			commands[i].help);
	fprintf(stderr, "\n'lttng COMMAND -h' describes a command.\n");
	return status;
}

static int lttng_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(name, commands[i].name))
			return (int)i;
	lttng_error("unknown command '%s'", name);
	return -1;
}

static int lttng_help(int argc, char **argv)
{
	int i;

	if (argc == 1)
		return lttng_usage(0);
	if (argc > 2)
		return lttng_usage(LTTNG_EXIT_USAGE);
	i = lttng_find(argv[1]);
	if (i < 0)
		return lttng_usage(LTTNG_EXIT_USAGE);
	return commands[i].usage(0);
}

int main(int argc, char **argv)
{
	char prog[64];
	int i;

	lttng_std_fds_open();
	if (argc < 2)
		return lttng_usage(LTTNG_EXIT_USAGE);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return lttng_usage(0);
	if (!strcmp(argv[1], "help"))
		return lttng_help(argc - 1, argv + 1);
	if (argv[1][0] == '-') {
		lttng_error("unknown option '%s'", argv[1]);
		return lttng_usage(LTTNG_EXIT_USAGE);
	}
	i = lttng_find(argv[1]);
	if (i < 0)
		return lttng_usage(LTTNG_EXIT_USAGE);
	/* getopt() names the command in its messages. */
	snprintf(prog, sizeof(prog), "lttng %s", commands[i].name);
	argv[1] = prog;
	return commands[i].fn(argc - 1, argv + 1);
}
