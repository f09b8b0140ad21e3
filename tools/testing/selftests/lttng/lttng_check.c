// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng_check: small probes of the tracer device for the end-to-end tests
 * that run the stock lttng-tools.  Static, so that it runs in any guest.
 *
 *   lttng_check open PATH [UID GID [GID,...]]
 *	Drop to UID, GID and the supplementary groups (none if omitted),
 *	then open PATH read-write.  Prints "ok MAJOR.MINOR.PATCH" (the
 *	TRACER_VERSION of the fd) or the errno name ("EPERM", "EACCES").
 *	Exit status 0 when it opened, 1 when it did not, 2 on a usage or
 *	set-up error.
 *
 *   lttng_check session NAME
 *	Whether the kernel still has a session named NAME (SESSION_ATTACH):
 *	prints "present" or "absent".  Exit status 0 either way.
 *
 *   lttng_check pollfd PID FD
 *	Duplicate fd FD of process PID (pidfd_getfd) and poll it without
 *	waiting.  Prints the revents bits by name, "none" if none.  For
 *	telling a stream that never hangs up from a missed wake-up.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/lttng.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char *errno_name(int err)
{
	switch (err) {
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENOENT: return "ENOENT";
	case ENXIO: return "ENXIO";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case EBUSY: return "EBUSY";
	}
	return strerrorname_np(err) ?: "E?";
}

static int bad_usage(void)
{
	fprintf(stderr,
		"usage: lttng_check open PATH [UID GID [GID,...]]\n"
		"       lttng_check session NAME\n"
		"       lttng_check pollfd PID FD\n");
	return 2;
}

static int drop_privileges(const char *uid_s, const char *gid_s, const char *groups_s)
{
	gid_t groups[32];
	size_t n = 0;
	char *copy, *tok, *save = NULL;

	if (groups_s) {
		copy = strdup(groups_s);
		for (tok = strtok_r(copy, ",", &save); tok && n < 32;
		     tok = strtok_r(NULL, ",", &save))
			groups[n++] = strtoul(tok, NULL, 10);
		free(copy);
	}
	if (setgroups(n, groups) || setgid(strtoul(gid_s, NULL, 10)) ||
	    setuid(strtoul(uid_s, NULL, 10))) {
		perror("lttng_check: cannot drop privileges");
		return -1;
	}
	return 0;
}

static int cmd_open(int argc, char **argv)
{
	struct lttng_abi_tracer_version v;
	int fd;

	if (argc != 3 && argc != 5 && argc != 6)
		return bad_usage();
	if (argc >= 5 && drop_privileges(argv[3], argv[4], argc == 6 ? argv[5] : NULL))
		return 2;
	fd = open(argv[2], O_RDWR);
	if (fd < 0) {
		printf("%s\n", errno_name(errno));
		return 1;
	}
	if (ioctl(fd, LTTNG_ABI_TRACER_VERSION, &v)) {
		printf("ok, but TRACER_VERSION failed: %s\n", errno_name(errno));
		return 0;
	}
	printf("ok %u.%u.%u\n", v.major, v.minor, v.patchlevel);
	close(fd);
	return 0;
}

static int cmd_session(int argc, char **argv)
{
	struct lttng_abi_session_attach a = { .size = sizeof(a) };
	int fd, s;

	if (argc != 3 || strlen(argv[2]) >= sizeof(a.name))
		return bad_usage();
	memcpy(a.name, argv[2], strlen(argv[2]) + 1);
	fd = open("/dev/lttng", O_RDWR);
	if (fd < 0) {
		perror("lttng_check: /dev/lttng");
		return 2;
	}
	s = ioctl(fd, LTTNG_ABI_SESSION_ATTACH, &a);
	if (s >= 0) {
		printf("present\n");
		close(s);
	} else if (errno == ENOENT) {
		printf("absent\n");
	} else {
		printf("SESSION_ATTACH: %s\n", errno_name(errno));
		return 2;
	}
	close(fd);
	return 0;
}

static int cmd_pollfd(int argc, char **argv)
{
	static const struct { short bit; const char *name; } bits[] = {
		{ POLLIN, "POLLIN" }, { POLLPRI, "POLLPRI" },
		{ POLLOUT, "POLLOUT" }, { POLLERR, "POLLERR" },
		{ POLLHUP, "POLLHUP" }, { POLLNVAL, "POLLNVAL" },
		{ POLLRDNORM, "POLLRDNORM" }, { POLLRDBAND, "POLLRDBAND" },
	};
	struct pollfd p = { .events = POLLIN | POLLPRI };
	int pidfd, n;
	size_t i;

	if (argc != 4)
		return bad_usage();
	pidfd = syscall(SYS_pidfd_open, atoi(argv[2]), 0);
	if (pidfd < 0) {
		perror("lttng_check: pidfd_open");
		return 2;
	}
	p.fd = syscall(SYS_pidfd_getfd, pidfd, atoi(argv[3]), 0);
	if (p.fd < 0) {
		perror("lttng_check: pidfd_getfd");
		return 2;
	}
	n = poll(&p, 1, 0);
	if (n < 0) {
		perror("lttng_check: poll");
		return 2;
	}
	if (!p.revents)
		printf("none");
	for (i = 0; i < ARRAY_SIZE(bits); i++)
		if (p.revents & bits[i].bit)
			printf("%s ", bits[i].name);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return bad_usage();
	if (!strcmp(argv[1], "open"))
		return cmd_open(argc, argv);
	if (!strcmp(argv[1], "session"))
		return cmd_session(argc, argv);
	if (!strcmp(argv[1], "pollfd"))
		return cmd_pollfd(argc, argv);
	return bad_usage();
}
