// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: lttng.dump_on_oops=, the boot session's flight recorder
 * written to the console when the kernel panics.
 *
 * An embedded system that crashes has no user space left to read its
 * trace, and often no disk: the console is all that survives.  With
 * lttng.dump_on_oops=1, a panic notifier writes the boot session's CTF
 * metadata and every complete packet its buffers hold, oldest first, as
 * base64 console lines; scripts/lttng/dump2ctf.py turns a console log back
 * into a CTF trace directory.  An oops dumps when it panics (oops=panic,
 * panic_on_oops), which is what a system that wants the dump sets; an oops
 * that does not panic leaves user space running, and the boot session
 * readable with lttng attach.
 *
 * Lines, each "lttng-dump: N KIND ...", N counting from 0 so that the
 * script can tell a lost line:
 *
 *	begin SESSION CHANNELS			the session's name, channel count
 *	meta BASE64				metadata text, in order
 *	packet CHAN CPU SEQ SIZE CONTENT	a packet: stream id, CPU,
 *						sequence number, packet and
 *						content sizes in bytes
 *	data BASE64				its first CONTENT bytes, in order
 *	lost CHAN CPU N				N incomplete packets left out
 *	end PACKETS BYTES			totals, the last line
 *
 * The bytes after CONTENT, up to SIZE, are padding: the script writes
 * zeros.  The notifier runs once, after the other CPUs are stopped, with
 * interrupts off; it takes no lock.  Legacy consoles print synchronously
 * by then, and the console is flushed every few lines in case a stopped
 * CPU held its lock.
 */

#include <linux/atomic.h>
#include <linux/base64.h>
#include <linux/console.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/printk.h>

#include "autostart.h"
#include "graph.h"
#include "metadata.h"

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "lttng."

static bool lttng_dump_on_oops;
module_param_named(dump_on_oops, lttng_dump_on_oops, bool, 0644);
MODULE_PARM_DESC(dump_on_oops,
		 "On panic, write the boot session's trace to the console");

/* Bytes per data line: 128 characters of base64. */
#define LTTNG_DUMP_CHUNK	96
/* Lines between two console flushes. */
#define LTTNG_DUMP_FLUSH_LINES	64

/**
 * struct lttng_dump - the state of one dump
 * @line: the next line's number
 * @packets: packets written
 * @bytes: content bytes written, metadata included
 * @chan_id: the stream id of the channel being dumped
 * @text: one line of base64, NUL-terminated
 */
struct lttng_dump {
	unsigned long line;
	unsigned long packets;
	unsigned long bytes;
	unsigned int chan_id;
	char text[BASE64_CHARS(LTTNG_DUMP_CHUNK) + 1];
};

static void lttng_dump_flush(struct lttng_dump *d)
{
	if (!(d->line % LTTNG_DUMP_FLUSH_LINES))
		console_flush_on_panic(CONSOLE_FLUSH_PENDING);
}

/* Write @len bytes of @data as base64 lines of @kind. */
static void lttng_dump_base64(struct lttng_dump *d, const char *kind,
			      const void *data, size_t len)
{
	size_t off, n;
	int chars;

	for (off = 0; off < len; off += n) {
		n = min_t(size_t, len - off, LTTNG_DUMP_CHUNK);
		chars = base64_encode(data + off, n, d->text);
		d->text[chars] = '\0';
		pr_emerg("lttng-dump: %lu %s %s\n", d->line++, kind, d->text);
		lttng_dump_flush(d);
	}
	d->bytes += len;
}

static int lttng_dump_packet(void *priv, const void *data,
			     const struct lttng_rb_packet *pkt)
{
	struct lttng_dump *d = priv;

	pr_emerg("lttng-dump: %lu packet %u %u %lu %lu %lu\n", d->line++,
		 d->chan_id, pkt->cpu, pkt->seq, lttng_rb_padded_size(pkt),
		 pkt->data_size);
	lttng_dump_base64(d, "data", data, pkt->data_size);
	d->packets++;
	return 0;
}

static void lttng_dump_session(struct lttng_session *session)
{
	static struct lttng_dump d;
	struct lttng_channel *chan;
	struct lttng_rb_buf *buf;
	unsigned int lost;
	int cpu;

	pr_emerg("lttng-dump: %lu begin %s %u\n", d.line++, session->name,
		 session->nr_chans);
	if (session->cache)
		lttng_dump_base64(&d, "meta", session->cache->data,
				  session->cache->len);
	list_for_each_entry(chan, &session->chans, node) {
		d.chan_id = chan->id;
		for (cpu = 0; cpu < lttng_rb_chan_nr_bufs(chan->rb); cpu++) {
			buf = lttng_rb_chan_buf(chan->rb, cpu);
			if (!buf)
				continue;
			lost = lttng_rb_buf_dump(buf, lttng_dump_packet, &d);
			if (lost)
				pr_emerg("lttng-dump: %lu lost %u %d %u\n",
					 d.line++, chan->id, cpu, lost);
		}
	}
	pr_emerg("lttng-dump: %lu end %lu %lu\n", d.line++, d.packets,
		 d.bytes);
	console_flush_on_panic(CONSOLE_FLUSH_PENDING);
}

static int lttng_dump_panic(struct notifier_block *nb, unsigned long event,
			    void *msg)
{
	static atomic_t done = ATOMIC_INIT(0);
	struct lttng_session *session;

	/* The parameter may be written through sysfs at any time. */
	if (!READ_ONCE(lttng_dump_on_oops) || atomic_xchg(&done, 1))
		return NOTIFY_DONE;
	session = lttng_autostart_session();
	if (!session) {
		pr_emerg("lttng: dump_on_oops: no boot session to dump\n");
		return NOTIFY_DONE;
	}
	lttng_dump_session(session);
	return NOTIFY_DONE;
}

static struct notifier_block lttng_dump_nb = {
	.notifier_call = lttng_dump_panic,
	/* Before the notifiers that may end the panic (kdump, reboot). */
	.priority = INT_MAX,
};

static int __init lttng_dump_init(void)
{
	atomic_notifier_chain_register(&panic_notifier_list, &lttng_dump_nb);
	return 0;
}
early_initcall(lttng_dump_init);
