/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_fuzz: what its files share: the kinds of fd, the commands, the
 * arguments, the objects and the model, and the functions and variables
 * that one file defines and others use.  main.c describes the fuzzer.
 */
#ifndef ABI_FUZZ_H
#define ABI_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <sys/types.h>

#include <linux/lttng.h>

#include "kselftest.h"

#define PAGE		4096UL

/* The CTF magic numbers that start data and metadata packets. */
#define CTF_MAGIC		0xC1FC1FC1U
#define CTF_METADATA_MAGIC	0x75D11D57U

/* ---- util.c: random numbers, output ------------------------------------ */

/* Per thread: the racer's numbers do not change the main thread's. */
extern __thread __u64 rng_state;

__u64 rnd(void);
__u64 below(__u64 n);
bool chance(unsigned int percent);

#define PICK(a)	((a)[below(sizeof(a) / sizeof((a)[0]))])

void copy_str(char *dst, size_t size, const char *src);

extern int trace_fd;		/* -o */
extern int kmsg_fd;		/* -k: /dev/kmsg, one record per line */
extern bool verbose;
extern unsigned long iter;
extern unsigned long unexpected;
extern __thread char cur_op[256];	/* what is being done, for the handler */
extern __thread bool in_racer;
#define WHO	(in_racer ? "racer " : "")

__printf(1, 2) void trace(const char *fmt, ...);
__printf(1, 2) void fail(const char *fmt, ...);
const char *errname(int err);
void signals_init(void);
void output_open(const char *trace_path, bool kmsg);
void output_close(void);

/* ---- kinds.c: object kinds --------------------------------------------- */

enum kind {
	K_TRACER,
	K_SESSION,
	K_CHANNEL,
	K_METADATA,
	K_EVENT,
	K_STREAM,
	K_MSTREAM,
	K_LIST,
	K_GROUP,	/* event notifier group */
	K_NOTIFIER,	/* event notifier */
	K_COUNTER,
	K_OTHER,	/* any other fd a command returned */
	K_FOREIGN,	/* not ours: pipe, /dev/null, a file, epoll */
	K_NR,
};

extern const char *const kind_name[K_NR];

/* The kinds every run must exercise (the summary's required kinds). */
#define KB(k)		(1U << (k))
#define K_REQUIRED	(KB(K_TRACER) | KB(K_SESSION) | KB(K_CHANNEL) | \
			 KB(K_METADATA) | KB(K_EVENT) | KB(K_STREAM) | \
			 KB(K_MSTREAM) | KB(K_LIST))
#define K_LTTNG		((KB(K_FOREIGN) - 1))
#define K_STREAMS	(KB(K_STREAM) | KB(K_MSTREAM))
/* The kinds whose fds hold their session. */
#define K_HOLD_SESSION	(KB(K_SESSION) | KB(K_CHANNEL) | KB(K_METADATA) | \
			 KB(K_EVENT))

/* ---- commands.c: the commands ------------------------------------------ */

enum argt {
	A_NONE,		/* no argument: a random value is passed */
	A_VAL,		/* a value, not a pointer (pid trackers) */
	A_OUT,		/* the kernel writes _IOC_SIZE bytes */
	A_U64IN,	/* a u64 position, read by the kernel */
	A_CHANNEL,
	A_EVENT,
	A_CONTEXT,
	A_NAME,
	A_CTIME,
	A_TRACKER,
	A_CALIBRATE,
	A_SYSMASK,
	A_BYTECODE,
	A_CALLSITE,
	A_COUNTER_CONF,
	A_NOTIFIER,
	A_COUNTER_READ,
	A_COUNTER_AGG,
	A_COUNTER_CLEAR,
	A_ATTACH,
	A_CHANGET,
	A_OLD_CHANNEL,
	A_OLD_EVENT,
	A_OLD_CONTEXT,
	A_RAW,		/* random bytes of _IOC_SIZE */
};

#define F_FD		0x1	/* returns a new fd on its own kinds */
#define F_PTR		0x2	/* takes a pointer on its own kinds */
#define F_MAYFD		0x4	/* generic: may return an fd */
#define F_NULL_OK	0x8	/* may succeed with a NULL pointer */
#define F_HEADER	0x10	/* defined in include/uapi/linux/lttng.h */

#define NEW_STREAM	(-2)	/* STREAM: data or metadata stream */

struct cmd {
	const char *name;
	unsigned int nr;
	unsigned int kinds;	/* the kinds it belongs to */
	unsigned int flags;
	int newkind;		/* the kind of the fd it returns */
	enum argt arg;
	/* statistics */
	unsigned long calls;
	unsigned long own;	/* calls on one of its own kinds */
	unsigned long ok;	/* returned >= 0 */
};

/*
 * The compatibility numbers that lttng-abi.md section 2.9 lists: the
 * wrong-direction duplicates that lttng-tools retries after -ENOSYS, and
 * the pre-2.x numbers, whose structs were naturally aligned.
 */
#define OLD_CHANNEL_SIZE	328
#define OLD_EVENT_SIZE		568
#define OLD_CONTEXT_SIZE	312

#define MAX_CMDS	256
extern struct cmd *cmds[MAX_CMDS];
extern unsigned int nr_cmds;
extern unsigned int nr_generic;
extern const unsigned int nr_hdr_cmds;	/* the header's, generated */
extern const bool have_hdr_cmds;	/* abi_fuzz_cmds.h was found */
/* Calls with numbers that no table has. */
extern unsigned long unknown_calls, unknown_ok;

struct cmd *cmd_by_nr(unsigned int nr);
bool model_safe(const struct cmd *c);
void cmds_init(void);
unsigned int random_nr(void);

/* ---- bugs.c: known kernel bugs, skipped with -x NAME ------------------- */

struct known_bug {
	const char *name;
	const char *what;
	const char *fixed;	/* the fix, or NULL while it is open */
	int (*repro)(void);
	bool skip;
};

extern struct known_bug known_bugs[];
extern const unsigned int nr_known_bugs;

bool skipped(const char *name);

/* ---- args.c: the arguments --------------------------------------------- */

#define GOOD_PAGES	24
#define GOOD_SIZE	(GOOD_PAGES * PAGE)

extern uint8_t *good;
/* Scratch space for building arguments, as large as the largest. */
extern uint8_t scratch[GOOD_SIZE];

enum amode {
	AM_GOOD,	/* a valid buffer, at a random offset */
	AM_NULL,
	AM_LOW,		/* below mmap_min_addr: never mapped */
	AM_GUARD,	/* a PROT_NONE page */
	AM_HALF,	/* only the first half of the struct is readable */
	AM_RDONLY,	/* a read-only copy */
	AM_KERNEL,
	AM_RANDOM,
	AM_NR,
};

extern const char *const amode_name[AM_NR];

struct arg {
	enum amode mode;
	unsigned long val;	/* what is passed */
	uint8_t *p;		/* where the struct is, if in our memory */
	size_t size;		/* the struct's size */
	size_t need;		/* bytes the kernel must read to succeed */
	char desc[160];
};

extern __u64 last_pos[2];	/* positions read back by snapshot getters */

void memory_init(void);
void memory_exit(void);
__u64 kernel_addr(void);
enum amode pick_amode(void);
void place(struct arg *a, size_t size);
void attach_arg(struct arg *a, const char *name);
bool amode_bad(enum amode m);
bool arg_readable(const struct arg *a);
size_t gen_context(uint8_t *buf, char *desc, size_t dlen);
size_t gen_ctime(uint8_t *buf, char *desc, size_t dlen);
size_t gen_tracker(uint8_t *buf, char *desc, size_t dlen);
size_t gen_sysmask(uint8_t *buf, char *desc, size_t dlen);
size_t gen_bytecode(uint8_t *buf, char *desc, size_t dlen);
size_t gen_counter(uint8_t *buf, enum argt t, char *desc, size_t dlen);
const char *pick_attach_name(void);
unsigned long pick_value(void);
void gen_arg(struct cmd *c, unsigned int nr, struct arg *a, bool valid);
void read_tp_list(void);
const char *pick_event_name(void);
void gen_string(char *dst, size_t size, const char *s, char *desc,
		size_t dlen);

/* ---- dynamic.c: the dynamic probes -------------------------------------- */

/* This program's file, the file made for uprobes, a directory. */
extern int exe_fd, uprobe_file, dir_fd;
/* Successful EVENT commands per dynamic kind. */
extern unsigned long dyn_created[LTTNG_ABI_UPROBE + 1];

void worker_tick(void);
void dyn_init(void);
void dyn_exit(void);
__u64 pick_callsite(void);
void gen_dyn_event(struct lttng_abi_event *ev, bool valid, char *desc,
		   size_t dlen);
void dyn_count(const struct lttng_abi_event *ev);
void dyn_add_callsites(int oi);
void dyn_sweep(void);

/* ---- the objects: kinds.c (pool), model.c, io.c (mappings) ------------- */

#define MAX_OBJS	96
#define MAX_IDS		8192
#define MAX_MAPS	24
#define MAX_CHANS_PER_SESSION	64

struct obj {
	int fd;
	enum kind kind;
	int sess;	/* session identity, or -1 */
	int chan;	/* channel identity, or -1 */
	int file;	/* stream file identity, or -1 */
};

/*
 * A session, as the kernel should see it.  Identities are numbered in
 * creation order, the order of the kernel's list, which SESSION_ATTACH
 * searches for the first session of a name.
 */
struct sess {
	char name[LTTNG_ABI_SESSION_NAME_LEN];
	bool name_known;	/* else no prediction is made by name */
	bool chans_known;	/* else none is made of its channels */
	bool boot;
	int nchans;
	int chans[MAX_CHANS_PER_SESSION];
};

struct chan {
	int sess;
	bool metadata;
};

/* A stream's open file: it lives while an fd or a mapping holds it. */
struct sfile {
	int chan;
	int nfds;
	int nmaps;
	bool meta;
};

struct map {
	uint8_t *addr;
	size_t len;
	int file;
	bool whole;	/* all of the buffer, from offset 0 */
	int kind;
};

extern struct obj objs[MAX_OBJS];
extern int nobjs;
extern struct sess sessions[MAX_IDS];
extern int nsess;
extern struct chan chans[MAX_IDS];
extern struct sfile sfiles[MAX_IDS];
extern struct map maps[MAX_MAPS];
extern int nmaps;
/* main.c */
extern int ncpu;
extern pid_t my_pid;

/* Our foreign fds: a pipe, /dev/null, a file, an epoll set. */
extern int pipe_r, pipe_w;
extern int devnull, plain_file, epfd;

int add_obj(int fd, enum kind kind, int sess, int chan, int file);
int find_obj(int fd);
int pick_obj(unsigned int kinds);
void close_obj(int i);
int foreign_open(void);
void foreign_close(void);
int op_open_tracer(void);
bool objs_full_soon(void);
int new_obj(long ret);
int create(enum kind kind);
int ensure(enum kind kind);
extern unsigned long n_sweep;
void sweep(void);

/* ---- model.c: the model ------------------------------------------------ */

#define SESS_UNKNOWN	(-2)

int chan_readers(int ch);
int sess_by_name(const char *name);
const char *show_name(const char *name);
void model_new_fd(int oi, struct cmd *c, struct arg *a, int fd);
void model_after(int oi, struct cmd *c, struct arg *a, long ret);
void find_boot_session(void);

/* ---- checks.c: the checks, the statistics ------------------------------ */

/* Statistics. */
extern unsigned long calls[K_NR];
extern unsigned long created[K_NR];
extern unsigned long n_mmap_ok, n_splice_bytes, n_read_bytes;
extern unsigned long n_data_packets, n_meta_packets, n_magic_checked;
extern unsigned long n_forks, n_attach_checked, n_predictions, n_hotplug;

bool errno_in(int err, const int *set, size_t n);
extern const int ioctl_errnos[], mmap_errnos[], read_errnos[];
extern const size_t nr_ioctl_errnos, nr_mmap_errnos, nr_read_errnos;
#define ERRNO_OK(err, set)	errno_in(err, set, nr_##set)

long do_ioctl_fd(int oi, int fd, enum kind kind, unsigned int nr,
		 struct arg *a);
long do_ioctl(int oi, unsigned int nr, struct arg *a);
long ioctl_good(int oi, unsigned int nr, struct arg *a);
long ioctl_u64(int oi, unsigned int nr, __u64 *v);
long op_stream(int oi);
bool check_attach(const char *name, int s, long ret, int err);
void check_magic(int oi, bool meta);
void fd_snapshot(unsigned char *set);
int teardown_all(void);
int check_fds(const unsigned char *before);
void report(__u64 seed, unsigned long iterations, unsigned long racer_from,
	    int fds_leaked, int sessions_leaked, const struct timespec *t0);

/* ---- io.c: mappings, read, splice, poll -------------------------------- */

void map_del(int i);
int map_find(int file);
bool peek(const void *addr, void *out, size_t len);
void op_map_change(void);
void op_io(void);
void op_consume(void);

/* ---- ops.c: the random steps ------------------------------------------- */

enum op {
	OP_IOCTL, OP_CREATE, OP_CLOSE, OP_CONSUME, OP_IO, OP_CONTROL,
	OP_BUILD, OP_TEARDOWN, OP_DUP, OP_FORK, OP_ATTACH, OP_HOTPLUG, OP_NR,
};

extern const char *const op_name[OP_NR];
extern unsigned long op_count[OP_NR];
/* In a forked child: only model_safe() commands. */
extern bool in_child;

void op_build(void);
void all_cpus_online(void);
void start_workload(void);
void stop_workload(void);
void run(unsigned long iterations, unsigned long racer_from,
	 const struct timespec *t0);

/* ---- racer.c: the racer ------------------------------------------------ */

/* The racer thread runs (then some checks cannot be made). */
extern bool racing;
extern __u64 racer_seed;
extern unsigned long racer_calls[K_NR];

void racer_quiesce(void);
void start_racer(void);
void stop_racer(void);

#endif /* ABI_FUZZ_H */
