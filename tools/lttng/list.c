// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng list: print the name of every event the kernel can record.
 *
 * TRACEPOINT_LIST gives a readable fd with one line per event, in the
 * LTTng-modules form "event { name = NAME; };".
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/lttng.h>

#include "cmd.h"
#include "util.h"

int cmd_list_usage(int status)
{
	fprintf(stderr,
		"usage: lttng list [-h]\n"
		"\n"
		"Print the name of every kernel event, one per line.\n");
	return status;
}

/* Return: the name in @line (allocated), or NULL if it is not an event. */
static char *list_parse(const char *line)
{
	char *name = NULL;
	int end = -1;

	if (sscanf(line, " event { name = %m[^;]; } ;%n", &name, &end) != 1)
		return NULL;
	if (end < 0 || line[end + strspn(line + end, " \t\n")]) {
		free(name);
		return NULL;
	}
	/* "%m[^;]" keeps the blanks before ';'. */
	name[strcspn(name, " \t")] = '\0';
	return name;
}

static int list_print(FILE *f)
{
	size_t size = 0;
	char *line = NULL;
	int ret = 0;

	while (getline(&line, &size, f) > 0) {
		char *name = list_parse(line);

		if (!name) {
			line[strcspn(line, "\n")] = '\0';
			lttng_error("unexpected line in the event list: '%s'",
				    line);
			ret = 1;
			break;
		}
		printf("%s\n", name);
		free(name);
	}
	if (!ret && ferror(f)) {
		lttng_error("cannot read the event list: %s", strerror(errno));
		ret = 1;
	}
	free(line);
	return ret;
}

int cmd_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int tracer, fd, opt, ret;
	FILE *f;

	while ((opt = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		if (opt == 'h')
			return cmd_list_usage(0);
		return cmd_list_usage(LTTNG_EXIT_USAGE);
	}
	if (optind != argc)
		return cmd_list_usage(LTTNG_EXIT_USAGE);

	tracer = lttng_tracer_open(false);
	if (tracer < 0)
		return 1;
	ret = 1;
	fd = lttng_ioctl_fd(tracer, LTTNG_ABI_TRACEPOINT_LIST, NULL);
	if (fd < 0) {
		lttng_error("cannot list the events: %s", strerror(errno));
		goto out;
	}
	f = fdopen(fd, "r");
	if (!f) {
		lttng_error("cannot read the event list: %s", strerror(errno));
		close(fd);
		goto out;
	}
	ret = list_print(f);
	fclose(f);
	if (fflush(stdout) || ferror(stdout)) {
		lttng_error("cannot write the list: %s", strerror(errno));
		ret = 1;
	}
out:
	close(tracer);
	return ret;
}
