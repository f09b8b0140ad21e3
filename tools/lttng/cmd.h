/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lttng: the commands.  Each cmd_NAME() takes the arguments after the
 * command name, with argv[0] set to "lttng NAME", and returns the exit
 * status.  Each cmd_NAME_usage() prints the usage to stderr and returns
 * @status.
 */
#ifndef _LTTNG_TOOL_CMD_H
#define _LTTNG_TOOL_CMD_H

int cmd_version(int argc, char **argv);
int cmd_version_usage(int status);
int cmd_list(int argc, char **argv);
int cmd_list_usage(int status);
int cmd_record(int argc, char **argv);
int cmd_record_usage(int status);
int cmd_attach(int argc, char **argv);
int cmd_attach_usage(int status);

#endif /* _LTTNG_TOOL_CMD_H */
