/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * LTTng built-in tracer: the user space ABI of /dev/lttng.
 *
 * The control interface is a factory of file descriptors, in the style of
 * /dev/kvm.  Opening /dev/lttng gives the tracer fd.  Ioctls on it create
 * session fds, ioctls on a session create channel fds, and so on:
 *
 *   tracer --SESSION--> session --CHANNEL--> channel --STREAM--> data stream
 *                               |                    --EVENT---> event
 *                               --METADATA-> metadata channel --STREAM-->
 *                                                        metadata stream
 *
 * Binary compatibility.  Every command below the "LTTng-modules compatible"
 * heading has the number, the argument layout and the semantics that the
 * LTTng-modules 2.13 kernel ABI gives it, so that the stock lttng-tools
 * 2.13 daemons drive this tracer unmodified.  Those structs are packed.
 * lttng-tools leaves stack garbage after the NUL of its strings and in some
 * padding: the kernel ignores those bytes.
 *
 * Extensions.  Commands below the "Extensions" heading use numbers that
 * LTTng-modules never used.  Their structs start with a __u32 size field,
 * as perf_event_attr does, so that they can grow; reserved fields must be
 * zero.
 *
 * Errors.  Unknown commands get -ENOTTY, bad pointers -EFAULT, bad sizes,
 * flags and names -EINVAL, and commands on an object in the wrong state
 * -EBUSY or -EPERM.
 *
 * Stream fds (sub-buffer consumption).  Positions are free-running byte
 * counts.  With S the sub-buffer size, the packet at position p has the
 * sequence number p / S.  A reader takes the oldest complete sub-buffer
 * with GET_NEXT_SUBBUF, reads it through mmap() at GET_MMAP_READ_OFFSET or
 * through splice() from offset 0, and releases it with PUT_NEXT_SUBBUF.
 * -EAGAIN means "nothing complete yet", -ENODATA "finalized and drained".
 */
#ifndef _UAPI_LINUX_LTTNG_H
#define _UAPI_LINUX_LTTNG_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define LTTNG_ABI_IOC			0xF6

/* What TRACER_VERSION and TRACER_ABI_VERSION report. */
#define LTTNG_ABI_TRACER_MAJOR		2
#define LTTNG_ABI_TRACER_MINOR		13
#define LTTNG_ABI_TRACER_PATCHLEVEL	9
#define LTTNG_ABI_MAJOR			2
#define LTTNG_ABI_MINOR			6

#define LTTNG_ABI_SYM_NAME_LEN		256
#define LTTNG_ABI_SESSION_NAME_LEN	256
#define LTTNG_ABI_CREATION_TIME_LEN	26
#define LTTNG_ABI_FILTER_MAX_LEN	65536

enum lttng_abi_output {
	LTTNG_ABI_OUTPUT_SPLICE		= 0,
	LTTNG_ABI_OUTPUT_MMAP		= 1,
};

enum lttng_abi_instrumentation {
	LTTNG_ABI_TRACEPOINT		= 0,
	LTTNG_ABI_KPROBE		= 1,
	LTTNG_ABI_FUNCTION		= 2,
	LTTNG_ABI_KRETPROBE		= 3,
	LTTNG_ABI_NOOP			= 4,
	LTTNG_ABI_SYSCALL		= 5,
	LTTNG_ABI_UPROBE		= 6,
};

enum lttng_abi_syscall_entryexit {
	LTTNG_ABI_SYSCALL_ENTRYEXIT	= 0,
	LTTNG_ABI_SYSCALL_ENTRY		= 1,
	LTTNG_ABI_SYSCALL_EXIT		= 2,
};

enum lttng_abi_syscall_abi {
	LTTNG_ABI_SYSCALL_ABI_ALL	= 0,
	LTTNG_ABI_SYSCALL_ABI_NATIVE	= 1,
	LTTNG_ABI_SYSCALL_ABI_COMPAT	= 2,
};

enum lttng_abi_syscall_match {
	LTTNG_ABI_SYSCALL_MATCH_NAME	= 0,
	LTTNG_ABI_SYSCALL_MATCH_NR	= 1,
};

enum lttng_abi_context_type {
	LTTNG_ABI_CONTEXT_PID			= 0,
	LTTNG_ABI_CONTEXT_PERF_CPU_COUNTER	= 1,
	LTTNG_ABI_CONTEXT_PROCNAME		= 2,
	LTTNG_ABI_CONTEXT_PRIO			= 3,
	LTTNG_ABI_CONTEXT_NICE			= 4,
	LTTNG_ABI_CONTEXT_VPID			= 5,
	LTTNG_ABI_CONTEXT_TID			= 6,
	LTTNG_ABI_CONTEXT_VTID			= 7,
	LTTNG_ABI_CONTEXT_PPID			= 8,
	LTTNG_ABI_CONTEXT_VPPID			= 9,
	LTTNG_ABI_CONTEXT_HOSTNAME		= 10,
	LTTNG_ABI_CONTEXT_CPU_ID		= 11,
	LTTNG_ABI_CONTEXT_INTERRUPTIBLE		= 12,
	LTTNG_ABI_CONTEXT_PREEMPTIBLE		= 13,
	LTTNG_ABI_CONTEXT_NEED_RESCHEDULE	= 14,
	LTTNG_ABI_CONTEXT_MIGRATABLE		= 15,
	LTTNG_ABI_CONTEXT_CALLSTACK_KERNEL	= 16,
	LTTNG_ABI_CONTEXT_CALLSTACK_USER	= 17,
	LTTNG_ABI_CONTEXT_CGROUP_NS		= 18,
	LTTNG_ABI_CONTEXT_IPC_NS		= 19,
	LTTNG_ABI_CONTEXT_MNT_NS		= 20,
	LTTNG_ABI_CONTEXT_NET_NS		= 21,
	LTTNG_ABI_CONTEXT_PID_NS		= 22,
	LTTNG_ABI_CONTEXT_USER_NS		= 23,
	LTTNG_ABI_CONTEXT_UTS_NS		= 24,
	LTTNG_ABI_CONTEXT_UID			= 25,
	LTTNG_ABI_CONTEXT_EUID			= 26,
	LTTNG_ABI_CONTEXT_SUID			= 27,
	LTTNG_ABI_CONTEXT_GID			= 28,
	LTTNG_ABI_CONTEXT_EGID			= 29,
	LTTNG_ABI_CONTEXT_SGID			= 30,
	LTTNG_ABI_CONTEXT_VUID			= 31,
	LTTNG_ABI_CONTEXT_VEUID			= 32,
	LTTNG_ABI_CONTEXT_VSUID			= 33,
	LTTNG_ABI_CONTEXT_VGID			= 34,
	LTTNG_ABI_CONTEXT_VEGID			= 35,
	LTTNG_ABI_CONTEXT_VSGID			= 36,
	LTTNG_ABI_CONTEXT_TIME_NS		= 37,
};

enum lttng_abi_tracker_type {
	LTTNG_ABI_TRACKER_UNKNOWN	= -1,
	LTTNG_ABI_TRACKER_PID		= 0,
	LTTNG_ABI_TRACKER_VPID		= 1,
	LTTNG_ABI_TRACKER_UID		= 2,
	LTTNG_ABI_TRACKER_VUID		= 3,
	LTTNG_ABI_TRACKER_GID		= 4,
	LTTNG_ABI_TRACKER_VGID		= 5,
};

struct lttng_abi_tracer_version {
	__u32 major;
	__u32 minor;
	__u32 patchlevel;
} __attribute__((packed));

struct lttng_abi_tracer_abi_version {
	__u32 major;
	__u32 minor;
} __attribute__((packed));

/* CHANNEL and METADATA argument: 320 bytes. */
struct lttng_abi_channel {
	__u64 subbuf_size;		/* bytes, power of two */
	__u64 num_subbuf;		/* power of two */
	__u32 switch_timer_interval;	/* us, 0 = off */
	__u32 read_timer_interval;	/* us, 0 = off */
	__u32 output;			/* enum lttng_abi_output */
	__s32 overwrite;		/* 1 = flight recorder, 0 = discard */
	__u8 padding[288];		/* ignored */
} __attribute__((packed));

struct lttng_abi_kprobe {
	__u64 addr;
	__u64 offset;
	char symbol_name[LTTNG_ABI_SYM_NAME_LEN];
} __attribute__((packed));

struct lttng_abi_kretprobe {
	__u64 addr;
	__u64 offset;
	char symbol_name[LTTNG_ABI_SYM_NAME_LEN];
	__u8 entryexit;			/* enum lttng_abi_syscall_entryexit */
} __attribute__((packed));

struct lttng_abi_function {
	char symbol_name[LTTNG_ABI_SYM_NAME_LEN];
} __attribute__((packed));

struct lttng_abi_uprobe {
	__s32 fd;
} __attribute__((packed));

struct lttng_abi_syscall {
	__u8 entryexit;			/* enum lttng_abi_syscall_entryexit */
	__u8 abi;			/* enum lttng_abi_syscall_abi */
	__u8 match;			/* enum lttng_abi_syscall_match */
	__u8 padding;
	__u32 nr;
} __attribute__((packed));

/* EVENT argument: 564 bytes.  name may be a star-glob ('*', '\' escapes). */
struct lttng_abi_event {
	char name[LTTNG_ABI_SYM_NAME_LEN];
	__u32 instrumentation;		/* enum lttng_abi_instrumentation */
	__u64 token;
	__u8 padding[8];
	union {
		struct lttng_abi_kretprobe kretprobe;
		struct lttng_abi_kprobe kprobe;
		struct lttng_abi_function ftrace;
		struct lttng_abi_uprobe uprobe;
		struct lttng_abi_syscall syscall;
		char padding[288];
	} u;
} __attribute__((packed));

struct lttng_abi_event_notifier {
	struct lttng_abi_event event;
	__u64 error_counter_index;
	__u8 padding[32];
} __attribute__((packed));

struct lttng_abi_event_callsite {
	union {
		struct {
			__u64 offset;
		} __attribute__((packed)) uprobe;
	} u;
} __attribute__((packed));

struct lttng_abi_perf_counter_ctx {
	__u32 type;
	__u64 config;
	char name[LTTNG_ABI_SYM_NAME_LEN];
} __attribute__((packed));

/* CONTEXT argument: 308 bytes. */
struct lttng_abi_context {
	__u32 ctx;			/* enum lttng_abi_context_type */
	__u8 padding[16];
	union {
		struct lttng_abi_perf_counter_ctx perf_counter;
		char padding[288];
	} u;
} __attribute__((packed));

/* FILTER and CAPTURE argument: a header followed by len bytes. */
struct lttng_abi_filter_bytecode {
	__u32 len;
	__u32 reloc_offset;
	__u64 seqnum;
	char data[];
} __attribute__((packed));

struct lttng_abi_syscall_mask {
	__u32 len;			/* in bits */
	char mask[];			/* bit i is byte i/8, bit 7 - i%8 */
} __attribute__((packed));

struct lttng_abi_session_name {
	char name[LTTNG_ABI_SESSION_NAME_LEN];
} __attribute__((packed));

struct lttng_abi_session_creation_time {
	char iso8601[LTTNG_ABI_CREATION_TIME_LEN];
} __attribute__((packed));

struct lttng_abi_tracker_args {
	__u32 type;			/* enum lttng_abi_tracker_type */
	__s32 id;			/* -1 = all */
};

struct lttng_abi_calibrate {
	__u32 type;			/* 0 = kretprobe */
} __attribute__((packed));

#define LTTNG_ABI_COUNTER_DIMENSION_MAX	4

struct lttng_abi_counter_dimension {
	__u64 size;
	__u64 underflow_index;
	__u64 overflow_index;
	__u8 has_underflow;
	__u8 has_overflow;
} __attribute__((packed));

struct lttng_abi_counter_conf {
	__u32 arithmetic;		/* 0 = modular */
	__u32 bitness;			/* 0 = 32-bit, 1 = 64-bit */
	__u32 number_dimensions;
	__s64 global_sum_step;
	struct lttng_abi_counter_dimension dimensions[LTTNG_ABI_COUNTER_DIMENSION_MAX];
	__u8 coalesce_hits;
	__u8 padding[67];
} __attribute__((packed));

struct lttng_abi_counter_index {
	__u32 number_dimensions;
	__u64 dimension_indexes[LTTNG_ABI_COUNTER_DIMENSION_MAX];
} __attribute__((packed));

struct lttng_abi_counter_value {
	__s64 value;
	__u8 underflow;
	__u8 overflow;
} __attribute__((packed));

struct lttng_abi_counter_read {
	struct lttng_abi_counter_index index;
	__s32 cpu;
	struct lttng_abi_counter_value value;
	__u8 padding[32];
} __attribute__((packed));

struct lttng_abi_counter_aggregate {
	struct lttng_abi_counter_index index;
	struct lttng_abi_counter_value value;
	__u8 padding[32];
} __attribute__((packed));

struct lttng_abi_counter_clear {
	struct lttng_abi_counter_index index;
	__u8 padding[32];
} __attribute__((packed));

struct lttng_abi_event_notifier_notification {
	__u64 token;
	__u16 capture_buf_size;
	__u8 padding[32];
} __attribute__((packed));

/*
 * LTTng-modules compatible commands.
 */

/* Tracer fd (/dev/lttng). */
#define LTTNG_ABI_SESSION		_IO(LTTNG_ABI_IOC, 0x45)
#define LTTNG_ABI_TRACER_VERSION	\
	_IOR(LTTNG_ABI_IOC, 0x46, struct lttng_abi_tracer_version)
#define LTTNG_ABI_TRACEPOINT_LIST	_IO(LTTNG_ABI_IOC, 0x47)
#define LTTNG_ABI_WAIT_QUIESCENT	_IO(LTTNG_ABI_IOC, 0x48)
#define LTTNG_ABI_CALIBRATE		\
	_IOWR(LTTNG_ABI_IOC, 0x49, struct lttng_abi_calibrate)
#define LTTNG_ABI_SYSCALL_LIST		_IO(LTTNG_ABI_IOC, 0x4A)
#define LTTNG_ABI_TRACER_ABI_VERSION	\
	_IOR(LTTNG_ABI_IOC, 0x4B, struct lttng_abi_tracer_abi_version)
#define LTTNG_ABI_EVENT_NOTIFIER_GROUP_CREATE _IO(LTTNG_ABI_IOC, 0x4C)

/* Session fd. */
#define LTTNG_ABI_METADATA		\
	_IOW(LTTNG_ABI_IOC, 0x54, struct lttng_abi_channel)
#define LTTNG_ABI_CHANNEL		\
	_IOW(LTTNG_ABI_IOC, 0x55, struct lttng_abi_channel)
#define LTTNG_ABI_SESSION_START		_IO(LTTNG_ABI_IOC, 0x56)
#define LTTNG_ABI_SESSION_STOP		_IO(LTTNG_ABI_IOC, 0x57)
#define LTTNG_ABI_SESSION_TRACK_PID	_IOW(LTTNG_ABI_IOC, 0x58, __s32)
#define LTTNG_ABI_SESSION_UNTRACK_PID	_IOW(LTTNG_ABI_IOC, 0x59, __s32)
#define LTTNG_ABI_SESSION_LIST_TRACKER_PIDS _IO(LTTNG_ABI_IOC, 0x58)
#define LTTNG_ABI_SESSION_METADATA_REGEN _IO(LTTNG_ABI_IOC, 0x59)
#define LTTNG_ABI_SESSION_STATEDUMP	_IO(LTTNG_ABI_IOC, 0x5C)
#define LTTNG_ABI_SESSION_SET_NAME	\
	_IOW(LTTNG_ABI_IOC, 0x5D, struct lttng_abi_session_name)
#define LTTNG_ABI_SESSION_SET_CREATION_TIME \
	_IOW(LTTNG_ABI_IOC, 0x5E, struct lttng_abi_session_creation_time)
#define LTTNG_ABI_SESSION_LIST_TRACKER_IDS \
	_IOW(LTTNG_ABI_IOC, 0xA0, struct lttng_abi_tracker_args)
#define LTTNG_ABI_SESSION_TRACK_ID	\
	_IOW(LTTNG_ABI_IOC, 0xA1, struct lttng_abi_tracker_args)
#define LTTNG_ABI_SESSION_UNTRACK_ID	\
	_IOW(LTTNG_ABI_IOC, 0xA2, struct lttng_abi_tracker_args)

/* Channel fd. */
#define LTTNG_ABI_STREAM		_IO(LTTNG_ABI_IOC, 0x62)
#define LTTNG_ABI_EVENT			\
	_IOW(LTTNG_ABI_IOC, 0x63, struct lttng_abi_event)
#define LTTNG_ABI_SYSCALL_MASK		\
	_IOWR(LTTNG_ABI_IOC, 0x64, struct lttng_abi_syscall_mask)

/* Channel and event fds. */
#define LTTNG_ABI_CONTEXT		\
	_IOW(LTTNG_ABI_IOC, 0x71, struct lttng_abi_context)
#define LTTNG_ABI_ENABLE		_IO(LTTNG_ABI_IOC, 0x82)
#define LTTNG_ABI_DISABLE		_IO(LTTNG_ABI_IOC, 0x83)

/* Event and event-notifier fds: the argument points to the bytecode. */
#define LTTNG_ABI_FILTER		_IO(LTTNG_ABI_IOC, 0x90)
#define LTTNG_ABI_ADD_CALLSITE		_IO(LTTNG_ABI_IOC, 0x91)

/* Event-notifier group, notifier and counter fds (triggers). */
#define LTTNG_ABI_COUNTER		\
	_IOW(LTTNG_ABI_IOC, 0x84, struct lttng_abi_counter_conf)
#define LTTNG_ABI_EVENT_NOTIFIER_CREATE	\
	_IOW(LTTNG_ABI_IOC, 0xB0, struct lttng_abi_event_notifier)
#define LTTNG_ABI_EVENT_NOTIFIER_GROUP_NOTIFICATION_FD _IO(LTTNG_ABI_IOC, 0xB1)
#define LTTNG_ABI_CAPTURE		_IO(LTTNG_ABI_IOC, 0xB8)
#define LTTNG_ABI_COUNTER_READ		\
	_IOWR(LTTNG_ABI_IOC, 0xC0, struct lttng_abi_counter_read)
#define LTTNG_ABI_COUNTER_AGGREGATE	\
	_IOWR(LTTNG_ABI_IOC, 0xC1, struct lttng_abi_counter_aggregate)
#define LTTNG_ABI_COUNTER_CLEAR		\
	_IOW(LTTNG_ABI_IOC, 0xC2, struct lttng_abi_counter_clear)

/* Stream fds (data and metadata). */
#define LTTNG_ABI_RB_SNAPSHOT			_IO(LTTNG_ABI_IOC, 0x00)
#define LTTNG_ABI_RB_SNAPSHOT_GET_CONSUMED	_IOR(LTTNG_ABI_IOC, 0x01, __u64)
#define LTTNG_ABI_RB_SNAPSHOT_GET_PRODUCED	_IOR(LTTNG_ABI_IOC, 0x02, __u64)
#define LTTNG_ABI_RB_GET_SUBBUF			_IOW(LTTNG_ABI_IOC, 0x03, __u64)
#define LTTNG_ABI_RB_PUT_SUBBUF			_IO(LTTNG_ABI_IOC, 0x04)
#define LTTNG_ABI_RB_GET_NEXT_SUBBUF		_IO(LTTNG_ABI_IOC, 0x05)
#define LTTNG_ABI_RB_PUT_NEXT_SUBBUF		_IO(LTTNG_ABI_IOC, 0x06)
#define LTTNG_ABI_RB_GET_SUBBUF_SIZE		_IOR(LTTNG_ABI_IOC, 0x07, __u64)
#define LTTNG_ABI_RB_GET_PADDED_SUBBUF_SIZE	_IOR(LTTNG_ABI_IOC, 0x08, __u64)
#define LTTNG_ABI_RB_GET_MAX_SUBBUF_SIZE	_IOR(LTTNG_ABI_IOC, 0x09, __u64)
#define LTTNG_ABI_RB_GET_MMAP_LEN		_IOR(LTTNG_ABI_IOC, 0x0A, __u64)
#define LTTNG_ABI_RB_GET_MMAP_READ_OFFSET	_IOR(LTTNG_ABI_IOC, 0x0B, __u64)
#define LTTNG_ABI_RB_FLUSH			_IO(LTTNG_ABI_IOC, 0x0C)
#define LTTNG_ABI_RB_GET_METADATA_VERSION	_IOR(LTTNG_ABI_IOC, 0x0D, __u64)
#define LTTNG_ABI_RB_SNAPSHOT_SAMPLE_POSITIONS	_IO(LTTNG_ABI_IOC, 0x0E)
#define LTTNG_ABI_RB_FLUSH_EMPTY		_IO(LTTNG_ABI_IOC, 0x0F)
#define LTTNG_ABI_RB_METADATA_CACHE_DUMP	_IO(LTTNG_ABI_IOC, 0x10)
#define LTTNG_ABI_RB_CLEAR			_IO(LTTNG_ABI_IOC, 0x11)
#define LTTNG_ABI_RB_GET_NEXT_SUBBUF_METADATA_CHECK \
	_IOR(LTTNG_ABI_IOC, 0x12, __u32)
#define LTTNG_ABI_RB_GET_TIMESTAMP_BEGIN	_IOR(LTTNG_ABI_IOC, 0x20, __u64)
#define LTTNG_ABI_RB_GET_TIMESTAMP_END		_IOR(LTTNG_ABI_IOC, 0x21, __u64)
#define LTTNG_ABI_RB_GET_EVENTS_DISCARDED	_IOR(LTTNG_ABI_IOC, 0x22, __u64)
#define LTTNG_ABI_RB_GET_CONTENT_SIZE		_IOR(LTTNG_ABI_IOC, 0x23, __u64)
#define LTTNG_ABI_RB_GET_PACKET_SIZE		_IOR(LTTNG_ABI_IOC, 0x24, __u64)
#define LTTNG_ABI_RB_GET_STREAM_ID		_IOR(LTTNG_ABI_IOC, 0x25, __u64)
#define LTTNG_ABI_RB_GET_CURRENT_TIMESTAMP	_IOR(LTTNG_ABI_IOC, 0x26, __u64)
#define LTTNG_ABI_RB_GET_SEQ_NUM		_IOR(LTTNG_ABI_IOC, 0x27, __u64)
#define LTTNG_ABI_RB_INSTANCE_ID		_IOR(LTTNG_ABI_IOC, 0x28, __u64)

/*
 * Extensions: numbers LTTng-modules never used.
 */

/**
 * struct lttng_abi_session_attach - LTTNG_ABI_SESSION_ATTACH argument
 * @size: sizeof(struct lttng_abi_session_attach), for growth
 * @flags: must be zero
 * @name: session to attach to; an empty name means the boot session that
 *	lttng.autostart= created
 */
struct lttng_abi_session_attach {
	__u32 size;
	__u32 flags;
	char name[LTTNG_ABI_SESSION_NAME_LEN];
};

/**
 * struct lttng_abi_channel_get - LTTNG_ABI_SESSION_CHANNEL_GET argument
 * @size: sizeof(struct lttng_abi_channel_get), for growth
 * @index: index of the data channel in creation order, from 0
 */
struct lttng_abi_channel_get {
	__u32 size;
	__u32 index;
};

/**
 * struct lttng_abi_rb_stats - LTTNG_ABI_RB_GET_STATS result
 * @size: set by the kernel: bytes it filled, for growth
 * @padding: zero
 * @records: records committed to the buffer
 * @lost_full: records dropped because the buffer was full (discard mode)
 * @lost_wrap: records dropped because they would have lapped a packet
 *	still being written
 * @lost_big: records dropped because they do not fit in a sub-buffer
 * @lost_nest: records dropped because too many writers were nested
 * @lost_overwrite: committed records in packets overwritten unread
 * @packets_read: packets readers consumed, over the buffer's life
 * @packets_overwritten: packets overwritten unread, over its life
 *
 * A reader that holds its first packet, of sequence number F, knows that
 * the F packets before it were read by earlier readers (@packets_read),
 * overwritten, or cleared: F - @packets_read of them are lost to it.
 */
struct lttng_abi_rb_stats {
	__u32 size;
	__u32 padding;
	__u64 records;
	__u64 lost_full;
	__u64 lost_wrap;
	__u64 lost_big;
	__u64 lost_nest;
	__u64 lost_overwrite;
	__u64 packets_read;
	__u64 packets_overwritten;
};

/* Tracer fd: a new session fd on an existing kernel-created session. */
#define LTTNG_ABI_SESSION_ATTACH	\
	_IOW(LTTNG_ABI_IOC, 0xE0, struct lttng_abi_session_attach)
/* Session fd: a channel fd on the index-th data channel; -ENOENT past the end. */
#define LTTNG_ABI_SESSION_CHANNEL_GET	\
	_IOW(LTTNG_ABI_IOC, 0xE1, struct lttng_abi_channel_get)
/* Data stream fd: the buffer's counters. */
#define LTTNG_ABI_RB_GET_STATS		\
	_IOR(LTTNG_ABI_IOC, 0xE2, struct lttng_abi_rb_stats)

#endif /* _UAPI_LINUX_LTTNG_H */
