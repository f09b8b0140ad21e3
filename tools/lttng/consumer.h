/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lttng: the stream consumer shared by record and attach.
 */
#ifndef _LTTNG_TOOL_CONSUMER_H
#define _LTTNG_TOOL_CONSUMER_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Longest file name: "channel4294967295_4294967295". */
#define LTTNG_STREAM_NAME_LEN	32

/* Packets read from one stream before the others get their turn. */
#define LTTNG_CONSUME_BATCH	16

/**
 * struct lttng_stream - one stream fd and the file it is copied to
 * @name: file name inside DIR/kernel
 * @fd: the stream fd
 * @out_fd: the trace file
 * @copy_fd: the file of the same name in the splice copy, or -1
 * @metadata: the metadata stream (mmap unless BOTH, no packet context)
 * @mode: LTTNG_READ_SPLICE, LTTNG_READ_MMAP or LTTNG_READ_BOTH (mmap to
 *	  @out_fd, then splice to @copy_fd), never AUTO once added
 * @map: the mapping of the whole buffer, in mmap mode
 * @map_len: its length
 * @done: end of stream (ENODATA) or failed: no longer read
 * @failed: stopped on an error, the file may miss packets
 * @stalled: poll() said ready but nothing was: left to the next sweep
 * @packets: packets written to @out_fd
 * @bytes: bytes written to @out_fd
 * @have_seq: @first_seq and @last_seq are valid
 * @first_seq: sequence number of the first packet read
 * @last_seq: sequence number of the last packet read
 * @lost: packets never read: sequence gaps, plus @lost_before
 * @lost_before: packets overwritten before the first one read
 * @read_before: packets before the first one read that an earlier reader
 *	consumed (the kernel's count, LTTNG_ABI_RB_GET_STATS)
 * @discarded: events discarded, the kernel's cumulative count
 */
struct lttng_stream {
	char name[LTTNG_STREAM_NAME_LEN];
	int fd;
	int out_fd;
	int copy_fd;
	bool metadata;
	enum lttng_read_mode mode;
	void *map;
	size_t map_len;
	bool done;
	bool failed;
	bool stalled;
	u64 packets;
	u64 bytes;
	bool have_seq;
	u64 first_seq;
	u64 last_seq;
	u64 lost;
	u64 lost_before;
	u64 read_before;
	u64 discarded;
};

/**
 * struct lttng_consumer - all the streams of one trace
 * @streams: the streams, in the order they were added
 * @nr_streams: how many
 * @pollfds: scratch array for poll(), one slot per stream
 * @polled: which stream each used slot of @pollfds is
 * @dir: DIR/kernel, for messages
 * @dir_fd: DIR/kernel, where the files are created
 * @copy_dir: COPY/kernel, the splice copy of the trace, or NULL
 * @copy_dir_fd: COPY/kernel, or -1
 * @pipe: the pipe sub-buffers are spliced through, read end first
 * @pipe_size: its capacity: the most one splice() call moves
 * @no_splice_out: the output file system refused splice(): use read/write
 * @count_lost_before: a first sequence number above 0 counts as loss
 * @error: some stream failed
 */
struct lttng_consumer {
	struct lttng_stream *streams;
	unsigned int nr_streams;
	struct pollfd *pollfds;
	struct lttng_stream **polled;
	char *dir;
	int dir_fd;
	char *copy_dir;
	int copy_dir_fd;
	int pipe[2];
	size_t pipe_size;
	bool no_splice_out;
	bool count_lost_before;
	bool error;
};

void lttng_consumer_reset(struct lttng_consumer *c);
int lttng_consumer_init(struct lttng_consumer *c, const char *dir,
			bool count_lost_before);
int lttng_consumer_init_copy(struct lttng_consumer *c, const char *copy);
int lttng_consumer_add(struct lttng_consumer *c, int fd, const char *name,
		       bool metadata, enum lttng_read_mode mode);
int lttng_consumer_add_channel(struct lttng_consumer *c, int chan_fd,
			       unsigned int index, enum lttng_read_mode mode);
int lttng_consumer_add_metadata(struct lttng_consumer *c, int session_fd,
				int *chan_fd);
void lttng_consumer_check_stale(struct lttng_consumer *c);
void lttng_consumer_sweep(struct lttng_consumer *c, unsigned int max);
int lttng_consumer_wait(struct lttng_consumer *c, s64 timeout_ms,
			const sigset_t *mask);
int lttng_consumer_flush(struct lttng_consumer *c, unsigned long cmd,
			 bool metadata);
bool lttng_consumer_done(const struct lttng_consumer *c);
void lttng_consumer_report(const struct lttng_consumer *c);
int lttng_consumer_fini(struct lttng_consumer *c);

#endif /* _LTTNG_TOOL_CONSUMER_H */
