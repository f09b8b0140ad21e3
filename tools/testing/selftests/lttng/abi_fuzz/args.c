// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: the arguments: the memory they are placed in (good, guard
 * and read-only pages), the ways a pointer can be bad, and the generators
 * of each command's struct.
 */

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "abi_fuzz.h"

/* ---- memory for arguments -------------------------------------------------- */

/*
 * good: GOOD_PAGES read-write pages, followed by a PROT_NONE guard page,
 * a read-only page and another guard page.  A struct placed at the end of
 * good has its tail in the guard page.
 */
uint8_t *good;
static uint8_t *guard;
static uint8_t *rdonly;

/* Scratch space for building arguments, as large as the largest. */
uint8_t scratch[GOOD_SIZE];

void memory_init(void)
{
	size_t len = (GOOD_PAGES + 3) * PAGE;
	uint8_t *m;

	m = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		perror("abi_fuzz: mmap");
		exit(1);
	}
	good = m;
	guard = m + GOOD_SIZE;
	rdonly = guard + PAGE;
	if (mprotect(guard, PAGE, PROT_NONE) ||
	    mprotect(rdonly, PAGE, PROT_READ) ||
	    mprotect(rdonly + PAGE, PAGE, PROT_NONE)) {
		perror("abi_fuzz: mprotect");
		exit(1);
	}
}

void memory_exit(void)
{
	munmap(good, (GOOD_PAGES + 3) * PAGE);
}

/* Addresses that are never mapped, or that user space cannot touch. */
static const __u64 kernel_addrs[] = {
	0xffffffff81000000ULL,	/* kernel text */
	0xffff888000000000ULL,	/* direct map */
	0xffffffffff600000ULL,	/* vsyscall page */
	0xfffffffffffff000ULL,
	0xffffffffffffffffULL,
	0x0000800000000000ULL,	/* just above user space */
	0x00007ffffffff000ULL,	/* the last user page */
	0x8000000000000000ULL,	/* non-canonical */
};

/* One of them, for the racer. */
__u64 kernel_addr(void)
{
	return PICK(kernel_addrs);
}

const char *const amode_name[AM_NR] = {
	"good", "null", "low", "guard", "half", "rdonly", "kernel", "random",
};

enum amode pick_amode(void)
{
	unsigned int r = below(100);

	if (r < 64)
		return AM_GOOD;
	if (r < 69)
		return AM_NULL;
	if (r < 73)
		return AM_LOW;
	if (r < 77)
		return AM_GUARD;
	if (r < 85)
		return AM_HALF;
	if (r < 90)
		return AM_RDONLY;
	if (r < 96)
		return AM_KERNEL;
	return AM_RANDOM;
}

/* Place @size bytes of scratch according to a->mode, and set a->val. */
void place(struct arg *a, size_t size)
{
	size_t off;

	a->size = size;
	a->need = size;
	a->p = NULL;
	switch (a->mode) {
	case AM_GOOD:
		if (size > GOOD_SIZE)
			size = GOOD_SIZE;
		off = below(GOOD_SIZE - size + 1);
		if (chance(70))
			off &= ~7UL;
		a->p = good + off;
		memcpy(a->p, scratch, size);
		break;
	case AM_HALF:
		if (size > GOOD_SIZE)
			size = GOOD_SIZE;
		a->p = guard - size / 2;
		memcpy(a->p, scratch, size / 2);
		break;
	case AM_RDONLY:
		if (size > PAGE)
			size = PAGE;
		if (!mprotect(rdonly, PAGE, PROT_READ | PROT_WRITE)) {
			memcpy(rdonly, scratch, size);
			mprotect(rdonly, PAGE, PROT_READ);
		}
		a->p = rdonly;
		break;
	case AM_NULL:
		a->val = 0;
		return;
	case AM_LOW:
		a->val = 1 + below(0xffff);
		return;
	case AM_GUARD:
		a->val = (unsigned long)guard + below(PAGE);
		return;
	case AM_KERNEL:
		a->val = PICK(kernel_addrs) - (chance(50) ? below(PAGE) : 0);
		return;
	default:
		a->val = rnd();
		return;
	}
	a->val = (unsigned long)a->p;
}

/* A good SESSION_ATTACH argument for @name, in a. */
void attach_arg(struct arg *a, const char *name)
{
	struct lttng_abi_session_attach *at = (void *)scratch;

	memset(at, 0, sizeof(*at));
	at->size = sizeof(*at);
	copy_str(at->name, sizeof(at->name), name);
	a->mode = AM_GOOD;
	place(a, sizeof(*at));
	snprintf(a->desc, sizeof(a->desc), "good attach{name=\"%.48s\"}", name);
}

bool amode_bad(enum amode m)
{
	return m != AM_GOOD && m != AM_RDONLY;
}

/* Could a command that reads a->need bytes succeed with this argument? */
bool arg_readable(const struct arg *a)
{
	if (a->mode == AM_HALF)
		return a->need <= a->size / 2;
	return !amode_bad(a->mode);
}

/* ---- argument generators ------------------------------------------------ */

static char tp_names[128][64];
static int ntp;
static unsigned long name_serial;

/* The names of the tracepoints, from a TRACEPOINT_LIST fd. */
void read_tp_list(void)
{
	char buf[16384], *line, *save;
	int oi, li;
	ssize_t n, len = 0;
	struct arg a;

	oi = op_open_tracer();
	if (oi < 0)
		return;
	li = new_obj(ioctl_good(oi, LTTNG_ABI_TRACEPOINT_LIST, &a));
	if (li < 0)
		return;
	while (len < (ssize_t)sizeof(buf) - 1 &&
	       (n = read(objs[li].fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	calls[K_LIST]++;
	buf[len] = '\0';
	for (line = strtok_r(buf, "\n", &save); line && ntp < 128;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[64];

		if (sscanf(line, "event { name = %63[^;]; };", name) == 1) {
			copy_str(tp_names[ntp], sizeof(tp_names[ntp]), name);
			ntp++;
		}
	}
	printf("abi_fuzz: %d tracepoints listed\n", ntp);
}

const char *pick_event_name(void)
{
	/*
	 * Globs of a few events each: "*" would enable every TRACE_EVENT
	 * of the kernel (lock_acquire on the debug kernel) at each pick.
	 */
	static const char *const odd[] = {
		"irq_*", "sched_*", "*switch*", "sched_switch", "no_such_event",
		"sched_\\*", "\\", "*\\", "a*b*c*", "timer:*", "sched_switch*",
		"lttng_*", "nosuchsystem:*",
	};

	if (ntp && chance(60))
		return tp_names[below(ntp)];
	return PICK(odd);
}

/* A string in a fixed array: terminated mostly, junk after the NUL. */
void gen_string(char *dst, size_t size, const char *s, char *desc,
		size_t dlen)
{
	size_t len;

	memset(dst, chance(50) ? 0 : 'Z', size);
	switch (below(10)) {
	case 0:		/* unterminated */
		memset(dst, 'x', size);
		snprintf(desc, dlen, "unterminated");
		return;
	case 1:		/* empty */
		dst[0] = '\0';
		snprintf(desc, dlen, "\"\"");
		return;
	case 2:		/* the longest one */
		memset(dst, 'y', size - 1);
		dst[size - 1] = '\0';
		snprintf(desc, dlen, "%zu chars", size - 1);
		return;
	case 3:		/* random bytes, a NUL somewhere */
		for (len = 0; len < size; len++)
			dst[len] = rnd();
		dst[below(size)] = '\0';
		snprintf(desc, dlen, "random");
		return;
	default:
		len = strlen(s);
		if (len >= size)
			len = size - 1;
		memcpy(dst, s, len);
		dst[len] = '\0';
		snprintf(desc, dlen, "\"%s\"", s);
	}
}

static __u64 pick_subbuf_size(void)
{
	static const __u64 odd[] = {
		0, 1, 3000, 4095, 4097, 1ULL << 28, 1ULL << 29, 1ULL << 40,
		1ULL << 63, UINT64_MAX, 3 * 4096, 1 << 20,
	};

	if (chance(90))
		return 4096ULL << below(5);	/* 4 KiB .. 64 KiB */
	return chance(80) ? PICK(odd) : rnd();
}

static __u64 pick_num_subbuf(void)
{
	static const __u64 odd[] = {
		0, 1, 3, 16384, 32768, 1ULL << 40, UINT64_MAX, 6,
	};

	if (chance(90))
		return 2ULL << below(3);	/* 2 .. 8 */
	return chance(80) ? PICK(odd) : rnd();
}

static uint32_t pick_timer(void)
{
	static const uint32_t odd[] = { 1, 10, 100, UINT32_MAX, INT32_MAX };

	if (chance(70))
		return 0;
	if (chance(85))
		return 1000 + below(200000);
	return PICK(odd);
}

/* A channel struct: valid mostly, or one field off. */
static size_t gen_channel(uint8_t *buf, char *desc, size_t dlen,
			  bool valid)
{
	struct lttng_abi_channel *c = (void *)buf;

	memset(c, 0, sizeof(*c));
	c->subbuf_size = valid ? 4096ULL << below(3) : pick_subbuf_size();
	c->num_subbuf = valid ? 2ULL << below(3) : pick_num_subbuf();
	c->switch_timer_interval = valid ? 0 : pick_timer();
	c->read_timer_interval = valid ? (chance(50) ? 0 : 200000) :
		pick_timer();
	c->output = chance(95) || valid ? below(2) : (uint32_t)rnd();
	c->overwrite = chance(95) || valid ? below(2) : (int32_t)rnd();
	/*
	 * Memory.  A shape the guest can hold stays under 8 MiB per CPU, so
	 * that channels never starve the rest of the guest (1 GiB); a bigger
	 * one is made 1.25 GiB per CPU, which the kernel must refuse with
	 * -ENOMEM.  With -x huge_channel (the OOM killer before 3639f73), it
	 * is made invalid instead.
	 */
	if (c->subbuf_size <= 1ULL << 28 && c->num_subbuf <= 16384 &&
	    (c->num_subbuf + 1) * c->subbuf_size > 8ULL << 20) {
		c->subbuf_size = 1ULL << (skipped("huge_channel") ? 29 : 28);
		c->num_subbuf = 4;
	}
	if (chance(10))
		for (size_t i = 0; i < sizeof(c->padding); i++)
			c->padding[i] = rnd();
	snprintf(desc, dlen,
		 "channel{subbuf=%llu,n=%llu,switch=%u,read=%u,out=%u,ow=%d}",
		 (unsigned long long)c->subbuf_size,
		 (unsigned long long)c->num_subbuf,
		 c->switch_timer_interval, c->read_timer_interval, c->output,
		 c->overwrite);
	return sizeof(*c);
}

/* An fd number for the places that take one: of any kind, or none. */
static int pick_fd_value(void)
{
	static const int odd[] = { -1, 0, 1, 2, 1023, 1 << 20, INT32_MAX };
	int i;

	if (chance(30) && plain_file >= 0)
		return plain_file;
	if (chance(60) && nobjs) {
		i = below(nobjs);
		return objs[i].fd;
	}
	return PICK(odd);
}

static size_t gen_event(uint8_t *buf, char *desc, size_t dlen, bool valid)
{
	static const __u32 dyn_kinds[] = {
		LTTNG_ABI_KPROBE, LTTNG_ABI_KRETPROBE, LTTNG_ABI_FUNCTION,
		LTTNG_ABI_UPROBE,
	};
	struct lttng_abi_event *ev = (void *)buf;
	char sdesc[160];
	size_t i;

	memset(ev, 0, sizeof(*ev));
	if (valid) {
		const char *n = pick_event_name();

		copy_str(ev->name, sizeof(ev->name), n);
		snprintf(sdesc, sizeof(sdesc), "\"%s\"", n);
	} else {
		gen_string(ev->name, sizeof(ev->name), pick_event_name(),
			   sdesc, sizeof(sdesc));
	}
	/* A dynamic probe in 40% of the valid events. */
	if (valid)
		ev->instrumentation = chance(40) ? PICK(dyn_kinds) :
			LTTNG_ABI_TRACEPOINT;
	else if (chance(45))
		ev->instrumentation = LTTNG_ABI_TRACEPOINT;
	else if (chance(70))
		ev->instrumentation = PICK(dyn_kinds);
	else if (chance(85))
		ev->instrumentation = below(8);
	else
		ev->instrumentation = rnd();
	ev->token = chance(70) ? 0 : rnd();
	if (!valid && chance(10))
		for (i = 0; i < sizeof(ev->padding); i++)
			ev->padding[i] = rnd();
	switch (ev->instrumentation) {
	case LTTNG_ABI_KPROBE:
	case LTTNG_ABI_KRETPROBE:
	case LTTNG_ABI_FUNCTION:
	case LTTNG_ABI_UPROBE:
		gen_dyn_event(ev, valid, sdesc, sizeof(sdesc));
		break;
	case LTTNG_ABI_SYSCALL:
		ev->u.syscall.entryexit = below(4);
		ev->u.syscall.abi = chance(70) ? 0 : below(4);
		ev->u.syscall.match = chance(70) ? 0 : below(3);
		ev->u.syscall.nr = chance(50) ? below(512) : rnd();
		if (chance(40))
			copy_str(ev->name, sizeof(ev->name),
				 chance(50) ? "*" : "getpid");
		break;
	default:
		if (!valid && chance(20))
			for (i = 0; i < sizeof(ev->u.padding); i++)
				ev->u.padding[i] = rnd();
	}
	snprintf(desc, dlen, "event{name=%.100s,instr=%u,token=%llu}",
		 sdesc, ev->instrumentation, (unsigned long long)ev->token);
	return sizeof(*ev);
}

size_t gen_context(uint8_t *buf, char *desc, size_t dlen)
{
	static const char *const perf[] = {
		"perf:cpu:cycles", "perf:cpu:instructions", "", "x",
	};
	struct lttng_abi_context *c = (void *)buf;
	char sdesc[48];

	memset(c, 0, sizeof(*c));
	if (chance(85))
		c->ctx = below(LTTNG_ABI_CONTEXT_TIME_NS + 1);
	else
		c->ctx = chance(50) ? below(100) : rnd();
	if (c->ctx == LTTNG_ABI_CONTEXT_PERF_CPU_COUNTER || chance(10)) {
		c->u.perf_counter.type = below(6);
		c->u.perf_counter.config = chance(50) ? below(10) : rnd();
		gen_string(c->u.perf_counter.name,
			   sizeof(c->u.perf_counter.name), PICK(perf), sdesc,
			   sizeof(sdesc));
	}
	snprintf(desc, dlen, "context{ctx=%u}", c->ctx);
	return sizeof(*c);
}

/* A session name: a unique one we can look for later, or junk. */
static size_t gen_name(uint8_t *buf, char *desc, size_t dlen, char *unique)
{
	struct lttng_abi_session_name *n = (void *)buf;

	unique[0] = '\0';
	if (chance(60)) {
		memset(n, chance(50) ? 0 : 'G', sizeof(*n));
		snprintf(unique, 40, "fz%d_%lu", (int)my_pid, ++name_serial);
		copy_str(n->name, sizeof(n->name), unique);
		snprintf(desc, dlen, "name{\"%s\"}", unique);
	} else {
		char sdesc[48];

		gen_string(n->name, sizeof(n->name), "auto", sdesc,
			   sizeof(sdesc));
		snprintf(desc, dlen, "name{%s}", sdesc);
	}
	return sizeof(*n);
}

size_t gen_ctime(uint8_t *buf, char *desc, size_t dlen)
{
	static const char *const times[] = {
		"20250101T120000+0000", "2025-01-01T12:00:00+00:00",
		"garbage", "99999999T999999+9999",
	};
	struct lttng_abi_session_creation_time *t = (void *)buf;
	char sdesc[48];

	gen_string(t->iso8601, sizeof(t->iso8601), PICK(times), sdesc,
		   sizeof(sdesc));
	snprintf(desc, dlen, "time{%s}", sdesc);
	return sizeof(*t);
}

static int32_t pick_id(void)
{
	static const int32_t odd[] = { -1, 0, 1, 1000, INT32_MAX, INT32_MIN };

	if (chance(30))
		return my_pid;
	return chance(70) ? PICK(odd) : (int32_t)rnd();
}

size_t gen_tracker(uint8_t *buf, char *desc, size_t dlen)
{
	struct lttng_abi_tracker_args *t = (void *)buf;

	t->type = chance(85) ? below(7) - 1 : (uint32_t)rnd();
	t->id = pick_id();
	snprintf(desc, dlen, "tracker{type=%d,id=%d}", (int)t->type, t->id);
	return sizeof(*t);
}

size_t gen_sysmask(uint8_t *buf, char *desc, size_t dlen)
{
	static const uint32_t lens[] = {
		0, 1, 7, 8, 64, 511, 512, 4096, 65536, 1U << 20, 1U << 31,
		UINT32_MAX,
	};
	struct lttng_abi_syscall_mask *m = (void *)buf;
	size_t bytes;

	m->len = chance(90) ? PICK(lens) : (uint32_t)rnd();
	bytes = ((size_t)m->len + 7) / 8;
	if (bytes > GOOD_SIZE - sizeof(*m))
		bytes = GOOD_SIZE - sizeof(*m);
	memset(m->mask, chance(50) ? 0 : 0xff, bytes);
	snprintf(desc, dlen, "syscall_mask{len=%u}", m->len);
	return sizeof(*m) + bytes;
}

size_t gen_bytecode(uint8_t *buf, char *desc, size_t dlen)
{
	static const uint32_t lens[] = {
		0, 1, 2, 8, 16, 100, 4096, LTTNG_ABI_FILTER_MAX_LEN,
		LTTNG_ABI_FILTER_MAX_LEN + 1, 1U << 20, UINT32_MAX,
	};
	struct lttng_abi_filter_bytecode *b = (void *)buf;
	size_t bytes, i;

	b->len = chance(90) ? PICK(lens) : (uint32_t)rnd();
	b->reloc_offset = chance(50) ? below(b->len + 1ULL) : (uint32_t)rnd();
	b->seqnum = chance(50) ? below(4) : rnd();
	bytes = b->len;
	if (bytes > GOOD_SIZE - sizeof(*b))
		bytes = GOOD_SIZE - sizeof(*b);
	for (i = 0; i < bytes; i++)
		b->data[i] = chance(50) ? below(64) : rnd();
	if (bytes)
		b->data[bytes - 1] = chance(50) ? 0 : b->data[bytes - 1];
	snprintf(desc, dlen, "bytecode{len=%u,reloc=%u}", b->len,
		 b->reloc_offset);
	return sizeof(*b) + bytes;
}

static void gen_index(struct lttng_abi_counter_index *idx)
{
	int i;

	idx->number_dimensions = chance(70) ? 1 : below(6);
	for (i = 0; i < LTTNG_ABI_COUNTER_DIMENSION_MAX; i++)
		idx->dimension_indexes[i] = chance(70) ? below(4096) : rnd();
}

size_t gen_counter(uint8_t *buf, enum argt t, char *desc, size_t dlen)
{
	size_t size, i;

	switch (t) {
	case A_COUNTER_CONF: {
		struct lttng_abi_counter_conf *c = (void *)buf;

		memset(c, 0, sizeof(*c));
		c->arithmetic = chance(80) ? 0 : below(3);
		c->bitness = chance(80) ? below(2) : rnd();
		c->number_dimensions = chance(70) ? 1 : below(6);
		c->global_sum_step = chance(80) ? 0 : rnd();
		for (i = 0; i < LTTNG_ABI_COUNTER_DIMENSION_MAX; i++) {
			c->dimensions[i].size = chance(70) ? 4096 : rnd();
			c->dimensions[i].has_underflow = below(2);
			c->dimensions[i].has_overflow = below(2);
		}
		c->coalesce_hits = below(2);
		size = sizeof(*c);
		break;
	}
	case A_COUNTER_READ: {
		struct lttng_abi_counter_read *r = (void *)buf;

		memset(r, 0, sizeof(*r));
		gen_index(&r->index);
		r->cpu = chance(70) ? (int)below(ncpu + 1) - 1 : (int32_t)rnd();
		size = sizeof(*r);
		break;
	}
	case A_COUNTER_AGG: {
		struct lttng_abi_counter_aggregate *r = (void *)buf;

		memset(r, 0, sizeof(*r));
		gen_index(&r->index);
		size = sizeof(*r);
		break;
	}
	default: {
		struct lttng_abi_counter_clear *r = (void *)buf;

		memset(r, 0, sizeof(*r));
		gen_index(&r->index);
		size = sizeof(*r);
		break;
	}
	}
	/* Reserved bytes: zero mostly. */
	if (chance(10))
		buf[size - 1 - below(8)] = 1 + below(255);
	snprintf(desc, dlen, "counter{%zu bytes}", size);
	return size;
}

/* The size field of the extension structs. */
static uint32_t pick_ext_size(uint32_t real, bool *tail)
{
	static const uint32_t odd[] = {
		0, 1, 4, 7, 8, 4096, 1U << 20, UINT32_MAX, INT32_MAX,
	};

	*tail = false;
	if (chance(70))
		return real;
	switch (below(5)) {
	case 0:
		return real - 1 - below(real - 1);
	case 1:
		return real + 8 * (1 + below(4));	/* zero tail */
	case 2:
		*tail = true;				/* non-zero tail */
		return real + 8 * (1 + below(4));
	default:
		return PICK(odd);
	}
}

/* A session name to attach to: one of ours, the boot one, or junk. */
const char *pick_attach_name(void)
{
	static const char *const odd[] = { "boot", "nope", "fz", "auto" };
	int s;

	if (chance(60) && nsess) {
		s = below(nsess);
		if (sessions[s].name_known && sessions[s].name[0])
			return sessions[s].name;
	}
	if (chance(40))
		return "";
	return PICK(odd);
}

static size_t gen_attach(uint8_t *buf, char *desc, size_t dlen)
{
	struct lttng_abi_session_attach *a = (void *)buf;
	size_t size;
	bool tail;

	memset(buf, 0, sizeof(*a) + 64);
	a->size = pick_ext_size(sizeof(*a), &tail);
	a->flags = chance(90) ? 0 : rnd();
	copy_str(a->name, sizeof(a->name), pick_attach_name());
	if (chance(5))
		memset(a->name, 'q', sizeof(a->name));
	size = a->size < sizeof(*a) + 64 ? a->size : sizeof(*a) + 64;
	if (size < sizeof(*a))
		size = sizeof(*a);
	if (tail && size > sizeof(*a))
		buf[sizeof(*a) + below(size - sizeof(*a))] = 1;
	snprintf(desc, dlen, "attach{size=%u,flags=%u,name=\"%.40s\"}",
		 a->size, a->flags, a->name[0] == 'q' ? "q..." : a->name);
	return size;
}

static size_t gen_changet(uint8_t *buf, char *desc, size_t dlen)
{
	struct lttng_abi_channel_get *g = (void *)buf;
	size_t size;
	bool tail;

	memset(buf, 0, sizeof(*g) + 64);
	g->size = pick_ext_size(sizeof(*g), &tail);
	g->index = chance(85) ? below(4) : rnd();
	size = g->size < sizeof(*g) + 64 ? g->size : sizeof(*g) + 64;
	if (size < sizeof(*g))
		size = sizeof(*g);
	if (tail && size > sizeof(*g))
		buf[sizeof(*g) + below(size - sizeof(*g))] = 1;
	snprintf(desc, dlen, "channel_get{size=%u,index=%u}", g->size,
		 g->index);
	return size;
}

unsigned long pick_value(void)
{
	static const unsigned long odd[] = {
		0, 1, (unsigned long)-1, INT32_MAX, 0x80000000UL,
		0xffffffffUL, 1UL << 40,
	};

	if (chance(30))
		return my_pid;
	if (chance(20))
		return pick_fd_value();
	return chance(70) ? PICK(odd) : rnd();
}

__u64 last_pos[2];	/* positions read back by snapshot getters */

/*
 * Build the argument of @c (or of a random number, c == NULL, nr) in a,
 * with the pointer mode a->mode.  valid asks for a valid-looking struct.
 */
void gen_arg(struct cmd *c, unsigned int nr, struct arg *a, bool valid)
{
	enum argt t = c ? c->arg : (_IOC_SIZE(nr) ? A_RAW : A_NONE);
	char desc[140] = "";
	char unique[40];
	size_t size = _IOC_SIZE(nr), i, need = 0;

	a->p = NULL;
	switch (t) {
	case A_NONE:
		a->mode = AM_RANDOM;
		a->val = chance(50) ? 0 : pick_value();
		snprintf(a->desc, sizeof(a->desc), "0x%lx", a->val);
		return;
	case A_VAL:
		a->mode = AM_RANDOM;
		a->val = pick_value();
		snprintf(a->desc, sizeof(a->desc), "value %ld", (long)a->val);
		return;
	case A_OUT:
	case A_RAW:
		for (i = 0; i < size; i++)
			scratch[i] = rnd();
		snprintf(desc, sizeof(desc), "%zu bytes", size);
		break;
	case A_U64IN: {
		__u64 pos;

		switch (below(5)) {
		case 0:
			pos = last_pos[0];
			break;
		case 1:
			pos = last_pos[1];
			break;
		case 2:
			pos = PAGE * below(64);
			break;
		case 3:
			pos = rnd();
			break;
		default:
			pos = last_pos[below(2)] - PAGE * below(16);
		}
		memcpy(scratch, &pos, sizeof(pos));
		size = sizeof(pos);
		snprintf(desc, sizeof(desc), "pos=%llu",
			 (unsigned long long)pos);
		break;
	}
	case A_CHANNEL:
		size = gen_channel(scratch, desc, sizeof(desc), valid);
		break;
	case A_OLD_CHANNEL:
		/* int overwrite, then the 2.x fields, naturally aligned. */
		memset(scratch, 0, OLD_CHANNEL_SIZE);
		gen_channel(scratch + 8, desc, sizeof(desc), valid);
		memcpy(scratch, scratch + 8 + 28, 4);
		size = OLD_CHANNEL_SIZE;
		break;
	case A_EVENT:
		size = gen_event(scratch, desc, sizeof(desc), valid);
		break;
	case A_OLD_EVENT:
		memset(scratch, 0, OLD_EVENT_SIZE);
		gen_event(scratch, desc, sizeof(desc), valid);
		size = OLD_EVENT_SIZE;
		break;
	case A_CONTEXT:
		size = gen_context(scratch, desc, sizeof(desc));
		break;
	case A_OLD_CONTEXT:
		memset(scratch, 0, OLD_CONTEXT_SIZE);
		gen_context(scratch, desc, sizeof(desc));
		size = OLD_CONTEXT_SIZE;
		break;
	case A_NAME:
		size = gen_name(scratch, desc, sizeof(desc), unique);
		break;
	case A_CTIME:
		size = gen_ctime(scratch, desc, sizeof(desc));
		break;
	case A_TRACKER:
		size = gen_tracker(scratch, desc, sizeof(desc));
		break;
	case A_CALIBRATE: {
		struct lttng_abi_calibrate *cal = (void *)scratch;

		cal->type = chance(70) ? 0 : rnd();
		size = sizeof(*cal);
		snprintf(desc, sizeof(desc), "calibrate{type=%u}", cal->type);
		break;
	}
	case A_SYSMASK:
		size = gen_sysmask(scratch, desc, sizeof(desc));
		/*
		 * The kernel reads len, then writes back len and as many
		 * mask bytes as its table has, whatever len says.
		 */
		need = sizeof(__u32);
		break;
	case A_BYTECODE:
		size = gen_bytecode(scratch, desc, sizeof(desc));
		break;
	case A_CALLSITE: {
		struct lttng_abi_event_callsite *cs = (void *)scratch;

		/* Never a random offset inside this program (dynamic.c). */
		cs->u.uprobe.offset = pick_callsite();
		size = sizeof(*cs);
		snprintf(desc, sizeof(desc), "callsite{offset=%llu}",
			 (unsigned long long)cs->u.uprobe.offset);
		break;
	}
	case A_COUNTER_CONF:
	case A_COUNTER_READ:
	case A_COUNTER_AGG:
	case A_COUNTER_CLEAR:
		size = gen_counter(scratch, t, desc, sizeof(desc));
		break;
	case A_NOTIFIER: {
		struct lttng_abi_event_notifier *n = (void *)scratch;

		memset(n, 0, sizeof(*n));
		gen_event(scratch, desc, sizeof(desc), valid);
		n->error_counter_index = chance(70) ? below(4096) : rnd();
		size = sizeof(*n);
		break;
	}
	case A_ATTACH:
		size = gen_attach(scratch, desc, sizeof(desc));
		need = ((struct lttng_abi_session_attach *)scratch)->size;
		break;
	case A_CHANGET:
		size = gen_changet(scratch, desc, sizeof(desc));
		need = ((struct lttng_abi_channel_get *)scratch)->size;
		break;
	}
	if (!size)
		size = 1;
	place(a, size);
	/* The extension structs: the kernel reads the size it is told. */
	if (need && need < a->need)
		a->need = need < 4 ? 4 : need;
	if (t == A_ATTACH || t == A_CHANGET)
		a->need = need < 4 ? 4 : (need < a->need ? need : a->need);
	if (a->p)
		snprintf(a->desc, sizeof(a->desc), "%s@%p %s",
			 amode_name[a->mode], a->p, desc);
	else
		snprintf(a->desc, sizeof(a->desc), "%s 0x%lx %s",
			 amode_name[a->mode], a->val, desc);
}
