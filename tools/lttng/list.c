// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng list: print the name of every event the kernel can record.
 *
 * TRACEPOINT_LIST gives a readable fd with one line per event, in the
 * LTTng-modules form "event { name = NAME; };".  With --syscall,
 * SYSCALL_LIST gives one line per system call of each ABI,
 * "syscall { index = N; name = NAME; bitness = 64; };": the native table,
 * then the 32-bit compat one.
 */
#include <errno.h>
#include <stdbool.h>
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
		"usage: lttng list [--syscall] [-h]\n"
		"\n"
		"Print the name of every kernel event, one per line.\n"
		"\n"
		"  -s, --syscall  the system calls instead, one per line with the\n"
		"                 ABIs that have it: \"read 32/64-bit\"\n");
	return status;
}

/* A system call of SYSCALL_LIST, and the ABIs (bits 32 and 64) with it. */
struct list_syscall {
	char *name;
	unsigned int bits;
};

static int list_syscall_parse(const char *line, struct list_syscall *sc)
{
	unsigned int bitness;
	size_t index;
	int end = -1;

	sc->name = NULL;
	if (sscanf(line, " syscall { index = %zu; name = %m[^;]; bitness = %u; } ;%n",
		   &index, &sc->name, &bitness, &end) != 3 ||
	    end < 0 || line[end + strspn(line + end, " \t\n")] ||
	    (bitness != 32 && bitness != 64)) {
		free(sc->name);
		return -1;
	}
	sc->name[strcspn(sc->name, " \t")] = '\0';
	sc->bits = bitness == 32 ? 1 : 2;
	return 0;
}

/* Print each name once, in list order, with its ABIs. */
static int list_syscalls_print(FILE *f)
{
	struct list_syscall *scs = NULL, sc;
	size_t n = 0, i, size = 0;
	char *line = NULL;
	int ret = 0;

	while (getline(&line, &size, f) > 0) {
		if (list_syscall_parse(line, &sc)) {
			line[strcspn(line, "\n")] = '\0';
			lttng_error("unexpected line in the syscall list: '%s'",
				    line);
			ret = 1;
			break;
		}
		for (i = 0; i < n && strcmp(scs[i].name, sc.name); i++)
			;
		if (i < n) {
			scs[i].bits |= sc.bits;
			free(sc.name);
			continue;
		}
		if (!(n & (n + 1))) {
			struct list_syscall *p = realloc(scs, (2 * n + 1) * sizeof(*p));

			if (!p) {
				lttng_error("out of memory");
				free(sc.name);
				ret = 1;
				break;
			}
			scs = p;
		}
		scs[n++] = sc;
	}
	if (!ret && ferror(f)) {
		lttng_error("cannot read the syscall list: %s", strerror(errno));
		ret = 1;
	}
	for (i = 0; i < n; i++) {
		if (!ret)
			printf("%s %s-bit\n", scs[i].name,
			       scs[i].bits == 3 ? "32/64" :
			       scs[i].bits == 2 ? "64" : "32");
		free(scs[i].name);
	}
	free(scs);
	free(line);
	return ret;
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
		{ "syscall", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int tracer, fd, opt, ret;
	bool syscalls = false;
	FILE *f;

	while ((opt = getopt_long(argc, argv, "+sh", longopts, NULL)) != -1) {
		if (opt == 's') {
			syscalls = true;
			continue;
		}
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
	fd = lttng_ioctl_fd(tracer, syscalls ? LTTNG_ABI_SYSCALL_LIST :
					       LTTNG_ABI_TRACEPOINT_LIST, NULL);
	if (fd < 0) {
		lttng_error("cannot list the %s: %s",
			    syscalls ? "system calls" : "events", strerror(errno));
		goto out;
	}
	f = fdopen(fd, "r");
	if (!f) {
		lttng_error("cannot read the list: %s", strerror(errno));
		close(fd);
		goto out;
	}
	ret = syscalls ? list_syscalls_print(f) : list_print(f);
	fclose(f);
	if (fflush(stdout) || ferror(stdout)) {
		lttng_error("cannot write the list: %s", strerror(errno));
		ret = 1;
	}
out:
	close(tracer);
	return ret;
}
