// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: the in-kernel benchmark (CONFIG_LTTNG_BENCH, test only).
 *
 * /sys/kernel/debug/lttng_bench/ has one file per measurement.  Writing N
 * to a file runs N iterations of it on the current CPU; reading the file
 * gives the nanoseconds the last run took.  Under QEMU -icount shift=0 a
 * guest nanosecond is a guest instruction, so the figures repeat exactly.
 *
 *	fire_4, fire_32, fire_256
 *		fire the lttng_bench_<size> tracepoint N times: nothing
 *		attached, LTTng on it, or ftrace on it, as the caller set up
 *	fire_auto_4, fire_auto_32, fire_auto_256
 *		the same with the lttng_bench_auto_<size> tracepoint, which
 *		LTTng records through the automatic TRACE_EVENT path
 *	rb_ours_8, rb_ours_32, rb_ours_256
 *		reserve, write and commit a record with a 4-byte header and a
 *		payload of that size in an LTTng ring buffer
 *	rb_kernel_8, rb_kernel_32, rb_kernel_256
 *		the same payload through the kernel's ring buffer
 *		(ring_buffer_lock_reserve() and ring_buffer_unlock_commit())
 *	call_probed
 *		call lttng_bench_probed() N times: the target of the dynamic
 *		probes (kprobe, function entry and exit, function entry) of
 *		LTTng and of ftrace, nothing attached or one of them
 *	call_probed_notrace
 *		the same with lttng_bench_probed_notrace(), which ftrace
 *		cannot hook, so that a kprobe or kretprobe on it cannot go
 *		through ftrace either
 *	hook
 *		hooks the targets with empty callbacks (hook.c)
 */

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/lttng/ringbuffer.h>
#include <linux/mutex.h>
#include <linux/ring_buffer.h>
#include <linux/uaccess.h>
#include <linux/unaligned.h>

#include "hook.h"
#include "target.h"

#define CREATE_TRACE_POINTS
#include "lttng_bench_trace.h"

enum bench_kind {
	BENCH_FIRE,
	BENCH_FIRE_AUTO,
	BENCH_RB_OURS,
	BENCH_RB_KERNEL,
	BENCH_CALL,
	BENCH_CALL_NOTRACE,
};

struct bench_file {
	const char *name;
	enum bench_kind kind;
	unsigned int size;
	u64 last_ns;
};

static struct bench_file bench_files[] = {
	{ "fire_4", BENCH_FIRE, 4 },
	{ "fire_32", BENCH_FIRE, 32 },
	{ "fire_256", BENCH_FIRE, 256 },
	{ "fire_auto_4", BENCH_FIRE_AUTO, 4 },
	{ "fire_auto_32", BENCH_FIRE_AUTO, 32 },
	{ "fire_auto_256", BENCH_FIRE_AUTO, 256 },
	{ "rb_ours_8", BENCH_RB_OURS, 8 },
	{ "rb_ours_32", BENCH_RB_OURS, 32 },
	{ "rb_ours_256", BENCH_RB_OURS, 256 },
	{ "rb_kernel_8", BENCH_RB_KERNEL, 8 },
	{ "rb_kernel_32", BENCH_RB_KERNEL, 32 },
	{ "rb_kernel_256", BENCH_RB_KERNEL, 256 },
	{ "call_probed", BENCH_CALL },
	{ "call_probed_notrace", BENCH_CALL_NOTRACE },
};

/* Serializes runs and the lazy creation of the two buffers. */
static DEFINE_MUTEX(bench_lock);
static struct lttng_rb_chan *bench_ours;
static struct trace_buffer *bench_kernel;
static u8 bench_payload[256];

static void bench_packet(struct lttng_rb_chan *chan, void *hdr,
			 const struct lttng_rb_packet *pkt)
{
}

static const struct lttng_rb_client bench_client = {
	.header_size = 32,
	.packet_begin = bench_packet,
	.packet_end = bench_packet,
};

static int bench_buffers(void)
{
	struct lttng_rb_config cfg = {
		.subbuf_size = 64 * 1024,
		.num_subbuf = 16,
		.overwrite = true,
		.tsc_bits = 27,
	};

	lockdep_assert_held(&bench_lock);
	if (!bench_ours) {
		bench_ours = lttng_rb_chan_create(&cfg, &bench_client, NULL);
		if (IS_ERR(bench_ours)) {
			int ret = PTR_ERR(bench_ours);

			bench_ours = NULL;
			return ret;
		}
	}
	if (!bench_kernel) {
		bench_kernel = ring_buffer_alloc(1024 * 1024, RB_FL_OVERWRITE);
		if (!bench_kernel)
			return -ENOMEM;
	}
	return 0;
}

static noinline void bench_fire(unsigned int size, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		switch (size) {
		case 4:
			trace_lttng_bench_4(i);
			break;
		case 32:
			trace_lttng_bench_32((const u64 *)bench_payload);
			break;
		default:
			trace_lttng_bench_256(bench_payload);
			break;
		}
	}
}

static noinline void bench_fire_auto(unsigned int size, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		switch (size) {
		case 4:
			trace_lttng_bench_auto_4(i);
			break;
		case 32:
			trace_lttng_bench_auto_32((const u64 *)bench_payload);
			break;
		default:
			trace_lttng_bench_auto_256(bench_payload);
			break;
		}
	}
}

static u64 bench_sink;

static noinline void bench_call(bool untraceable, unsigned long n)
{
	unsigned long i;
	u64 sum = 0;

	if (untraceable) {
		for (i = 0; i < n; i++)
			sum += lttng_bench_probed_notrace(i);
	} else {
		for (i = 0; i < n; i++)
			sum += lttng_bench_probed(i);
	}
	WRITE_ONCE(bench_sink, sum);
}

/* The record as a tracer would write it: a compact header, the payload. */
static noinline void bench_rb_ours(unsigned int size, unsigned long n)
{
	struct lttng_rb_ctx ctx = {
		.size_compact = 4 + size,
		.size_full = 13 + size,
	};
	unsigned long i;
	char *p;

	for (i = 0; i < n; i++) {
		preempt_disable();
		if (!lttng_rb_reserve(bench_ours, &ctx)) {
			p = ctx.addr;
			if (!ctx.full_tsc) {
				put_unaligned(1 | (u32)ctx.tsc << 5, (u32 *)p);
				p += 4;
			} else {
				*p = 31;
				put_unaligned(1, (u32 *)(p + 1));
				put_unaligned(ctx.tsc, (u64 *)(p + 5));
				p += 13;
			}
			memcpy(p, bench_payload, size);
			lttng_rb_commit(bench_ours, &ctx);
		}
		preempt_enable();
	}
}

static noinline void bench_rb_kernel(unsigned int size, unsigned long n)
{
	struct ring_buffer_event *ev;
	unsigned long i;

	for (i = 0; i < n; i++) {
		ev = ring_buffer_lock_reserve(bench_kernel, size);
		if (ev) {
			memcpy(ring_buffer_event_data(ev), bench_payload, size);
			ring_buffer_unlock_commit(bench_kernel);
		}
	}
}

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	struct bench_file *bf = file->private_data;
	unsigned long n;
	u64 t0;
	int ret;

	ret = kstrtoul_from_user(ubuf, count, 0, &n);
	if (ret)
		return ret;
	if (!n || n > 100000000UL)
		return -EINVAL;
	mutex_lock(&bench_lock);
	ret = bench_buffers();
	if (ret)
		goto out;
	t0 = ktime_get_ns();
	switch (bf->kind) {
	case BENCH_FIRE:
		bench_fire(bf->size, n);
		break;
	case BENCH_FIRE_AUTO:
		bench_fire_auto(bf->size, n);
		break;
	case BENCH_RB_OURS:
		bench_rb_ours(bf->size, n);
		break;
	case BENCH_RB_KERNEL:
		bench_rb_kernel(bf->size, n);
		break;
	case BENCH_CALL:
		bench_call(false, n);
		break;
	case BENCH_CALL_NOTRACE:
		bench_call(true, n);
		break;
	}
	bf->last_ns = ktime_get_ns() - t0;
	ret = count;
out:
	mutex_unlock(&bench_lock);
	return ret;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t count,
			  loff_t *ppos)
{
	struct bench_file *bf = file->private_data;
	char buf[32];
	int len;

	len = scnprintf(buf, sizeof(buf), "%llu\n", bf->last_ns);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations bench_fops = {
	.open = simple_open,
	.read = bench_read,
	.write = bench_write,
	.llseek = default_llseek,
};

static int __init lttng_bench_init(void)
{
	struct dentry *dir;
	unsigned int i;

	for (i = 0; i < sizeof(bench_payload); i++)
		bench_payload[i] = i;
	dir = debugfs_create_dir("lttng_bench", NULL);
	for (i = 0; i < ARRAY_SIZE(bench_files); i++)
		debugfs_create_file(bench_files[i].name, 0600, dir,
				    &bench_files[i], &bench_fops);
	lttng_bench_hook_init(dir);
	return 0;
}
late_initcall(lttng_bench_init);
