// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng version: print the tracer version and its ABI version.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include <linux/lttng.h>

#include "cmd.h"
#include "util.h"

int cmd_version_usage(int status)
{
	fprintf(stderr,
		"usage: lttng version [-h]\n"
		"\n"
		"Print the kernel tracer's version, the version of its ABI, and\n"
		"the ABI version this tool was built for.\n");
	return status;
}

int cmd_version(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct lttng_abi_tracer_version v;
	struct lttng_abi_tracer_abi_version abi;
	int fd, opt, ret = 1;

	while ((opt = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		if (opt == 'h')
			return cmd_version_usage(0);
		return cmd_version_usage(LTTNG_EXIT_USAGE);
	}
	if (optind != argc)
		return cmd_version_usage(LTTNG_EXIT_USAGE);

	fd = lttng_tracer_open(false);
	if (fd < 0)
		return 1;
	if (lttng_ioctl(fd, LTTNG_ABI_TRACER_VERSION, &v) < 0) {
		lttng_error("cannot get the tracer version: %s",
			    strerror(errno));
		goto out;
	}
	if (lttng_ioctl(fd, LTTNG_ABI_TRACER_ABI_VERSION, &abi) < 0) {
		lttng_error("cannot get the tracer ABI version: %s",
			    strerror(errno));
		goto out;
	}
	printf("tracer version: %u.%u.%u\n", v.major, v.minor, v.patchlevel);
	printf("tracer ABI version: %u.%u\n", abi.major, abi.minor);
	printf("tool ABI version: %u.%u\n", LTTNG_ABI_MAJOR, LTTNG_ABI_MINOR);
	ret = 0;
out:
	close(fd);
	return ret;
}
