// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: lttng.autostart=, a session started from the kernel
 * command line.
 *
 * Grammar (Documentation/trace/lttng/autostart.rst):
 *
 *	lttng.autostart=ITEM[,ITEM]...
 *	ITEM := EVENT | KEY=VALUE
 *	EVENT := [PREFIX]NAME | kprobe:SYMBOL[+OFFSET] | function:SYMBOL |
 *		 function-entry:SYMBOL
 *	NAME := an event name or star-glob: sched_switch, sched_*, *
 *	PREFIX := syscall: | syscall-entry: | syscall-exit:
 *	KEY := name | mode | subbuf | nsubbuf | read_timer | ctx
 *
 *	syscall:NAME		both events of the syscalls NAME matches
 *				(openat, open*, *); -entry: or -exit: only one
 *	kprobe:SYMBOL[+OFFSET]	a kprobe, event SYMBOL (or SYMBOL+OFFSET as
 *				written), field ip
 *	function:SYMBOL		the function's entry and exit, as enable-event
 *				--function: SYMBOL_entry and SYMBOL_exit
 *	function-entry:SYMBOL	the entry only, as --function:entry; SYMBOL
 *				may be a glob in ftrace's syntax (ext4_*)
 *	ctx=CONTEXT		a context field for every event (pid, tid,
 *				procname, prio, vpid, ...); repeatable
 *	name=NAME		session name (default "boot")
 *	mode=overwrite|discard	channel mode (default overwrite: a flight
 *				recorder that keeps the newest packets)
 *	subbuf=SIZE		sub-buffer size, K/M suffixes (default 256K)
 *	nsubbuf=N		sub-buffers per CPU (default 4)
 *	read_timer=US		reader wake-up period in us (default 200000)
 *
 * A bad item is reported and ignored; the rest still applies.  A spec
 * that leaves nothing to trace starts no session.  Nothing here stops a
 * boot.
 *
 * The session starts from an early initcall, before the secondary CPUs
 * come up: the probe providers (early initcalls linked before this file),
 * the per-CPU allocator, vmalloc, the clock and the tracepoints' static
 * keys are all ready by then.
 */

#include <linux/ctype.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "autostart.h"
#include "context.h"

/* lttng.autostart=, and /sys/module/lttng/parameters/autostart */
#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "lttng."

static char lttng_autostart_str[1024];
module_param_string(autostart, lttng_autostart_str,
		    sizeof(lttng_autostart_str), 0444);
MODULE_PARM_DESC(autostart,
		 "Start a boot session: events and options, comma-separated");

/* @dynamic: a symbol, which may be SYMBOL.isra.0 or have a +OFFSET. */
static bool lttng_autostart_event_ok(const char *s, bool dynamic)
{
	size_t len = strlen(s);

	if (!len || len >= LTTNG_AUTOSTART_NAME_LEN)
		return false;
	for (; *s; s++)
		if (!isalnum(*s) && *s != '_' && *s != '*' && *s != '\\' &&
		    !(dynamic && (*s == '.' || *s == '+')))
			return false;
	return true;
}

/* ctx=NAME: 0, or 1 when it was reported and ignored. */
static int lttng_autostart_ctx(const char *val,
			       struct lttng_autostart_spec *spec)
{
	int type = lttng_ctx_lookup(val);
	unsigned int i;

	if (type < 0) {
		pr_warn("lttng: autostart: ignoring unknown context '%s'\n", val);
		return 1;
	}
	for (i = 0; i < spec->nr_ctx; i++) {
		if (spec->ctx[i] == type) {
			pr_warn("lttng: autostart: ignoring context '%s' given twice\n",
				val);
			return 1;
		}
	}
	spec->ctx[spec->nr_ctx++] = type;
	return 0;
}

/* The event prefixes: what they select. */
static const struct {
	const char *prefix;
	u32 instrumentation;
	u32 entryexit;
} lttng_autostart_prefixes[] = {
	{ "syscall:", LTTNG_ABI_SYSCALL, LTTNG_ABI_SYSCALL_ENTRYEXIT },
	{ "syscall-entry:", LTTNG_ABI_SYSCALL, LTTNG_ABI_SYSCALL_ENTRY },
	{ "syscall-exit:", LTTNG_ABI_SYSCALL, LTTNG_ABI_SYSCALL_EXIT },
	{ "kprobe:", LTTNG_ABI_KPROBE, 0 },
	{ "function:", LTTNG_ABI_KRETPROBE, 0 },
	{ "function-entry:", LTTNG_ABI_FUNCTION, 0 },
};

/* kprobe:SYMBOL+OFFSET: the symbol and the offset apart; 0 or -EINVAL. */
static int lttng_autostart_dynamic(struct lttng_autostart_event *ev)
{
	char *plus = strchr(ev->symbol, '+');

	if (ev->instrumentation != LTTNG_ABI_KPROBE)
		return plus || (ev->instrumentation != LTTNG_ABI_FUNCTION &&
				strchr(ev->symbol, '*')) ? -EINVAL : 0;
	if (!plus)
		return strchr(ev->symbol, '*') ? -EINVAL : 0;
	*plus = '\0';
	if (!*ev->symbol || strchr(ev->symbol, '*') ||
	    kstrtoull(plus + 1, 0, &ev->offset))
		return -EINVAL;
	return 0;
}

/*
 * Return: 0, 1 for an item reported and ignored, or -ENOENT for an
 * unknown key.
 */
static int lttng_autostart_option(const char *key, const char *val,
				  struct lttng_autostart_spec *spec)
{
	unsigned long long n;
	char *end;

	if (!strcmp(key, "name")) {
		if (!*val || strlen(val) >= sizeof(spec->name))
			return -EINVAL;
		strscpy(spec->name, val, sizeof(spec->name));
	} else if (!strcmp(key, "mode")) {
		if (!strcmp(val, "overwrite"))
			spec->params.overwrite = true;
		else if (!strcmp(val, "discard"))
			spec->params.overwrite = false;
		else
			return -EINVAL;
	} else if (!strcmp(key, "subbuf")) {
		n = memparse(val, &end);
		if (*end || lttng_rb_check_subbuf_size(n))
			return -EINVAL;
		spec->params.subbuf_size = n;
	} else if (!strcmp(key, "nsubbuf")) {
		/* The mode may come later: see lttng_autostart_parse(). */
		if (kstrtoull(val, 0, &n) ||
		    lttng_rb_check_num_subbuf(n, false))
			return -EINVAL;
		spec->params.num_subbuf = n;
	} else if (!strcmp(key, "read_timer")) {
		if (kstrtoull(val, 0, &n) || n > U32_MAX)
			return -EINVAL;
		spec->params.read_timer_us = n;
	} else if (!strcmp(key, "ctx")) {
		return lttng_autostart_ctx(val, spec);
	} else {
		return -ENOENT;
	}
	return 0;
}

/* Apply one item; return 1 if it is rejected, 0 otherwise. */
static int lttng_autostart_item(char *item, struct lttng_autostart_spec *spec)
{
	struct lttng_autostart_event *ev;
	const char *name;
	bool dynamic;
	unsigned int i;
	char *eq;
	int ret;

	if (!*item) {
		pr_warn("lttng: autostart: ignoring an empty item\n");
		return 1;
	}
	eq = strchr(item, '=');
	if (eq) {
		*eq = '\0';
		ret = lttng_autostart_option(item, eq + 1, spec);
		if (ret == -ENOENT)
			pr_warn("lttng: autostart: ignoring unknown option '%s'\n",
				item);
		else if (ret < 0)
			pr_warn("lttng: autostart: ignoring bad value '%s' for '%s'\n",
				eq + 1, item);
		return !!ret;
	}
	ev = &spec->events[spec->nr_events];
	name = item;
	for (i = 0; i < ARRAY_SIZE(lttng_autostart_prefixes); i++) {
		const char *p = lttng_autostart_prefixes[i].prefix;

		if (!strncmp(item, p, strlen(p))) {
			name = item + strlen(p);
			break;
		}
	}
	dynamic = i < ARRAY_SIZE(lttng_autostart_prefixes) &&
		  lttng_autostart_prefixes[i].instrumentation != LTTNG_ABI_SYSCALL;
	if (!lttng_autostart_event_ok(name, dynamic)) {
		pr_warn("lttng: autostart: ignoring bad event name '%s'\n", item);
		return 1;
	}
	if (spec->nr_events == LTTNG_AUTOSTART_MAX_EVENTS) {
		pr_warn("lttng: autostart: ignoring '%s': more than %d events\n",
			item, LTTNG_AUTOSTART_MAX_EVENTS);
		return 1;
	}
	strscpy(ev->name, name, sizeof(ev->name));
	ev->instrumentation = LTTNG_ABI_TRACEPOINT;
	ev->entryexit = 0;
	ev->symbol[0] = '\0';
	ev->offset = 0;
	if (i < ARRAY_SIZE(lttng_autostart_prefixes)) {
		ev->instrumentation = lttng_autostart_prefixes[i].instrumentation;
		ev->entryexit = lttng_autostart_prefixes[i].entryexit;
	}
	if (dynamic) {
		strscpy(ev->symbol, name, sizeof(ev->symbol));
		if (lttng_autostart_dynamic(ev)) {
			pr_warn("lttng: autostart: ignoring bad probe '%s'\n",
				item);
			return 1;
		}
	}
	spec->nr_events++;
	return 0;
}

/**
 * lttng_autostart_parse() - parse an lttng.autostart= value
 * @str: the value
 * @spec: out; defaults are filled in first
 *
 * Reports every rejected item with a boot message.
 *
 * Return: the number of items rejected.
 */
int lttng_autostart_parse(const char *str, struct lttng_autostart_spec *spec)
{
	char item[128];
	int bad = 0;

	memset(spec, 0, sizeof(*spec));
	strscpy(spec->name, "boot", sizeof(spec->name));
	spec->params.subbuf_size = LTTNG_CHAN_DEFAULT_SUBBUF_SIZE;
	spec->params.num_subbuf = LTTNG_CHAN_DEFAULT_NUM_SUBBUF;
	spec->params.overwrite = true;
	spec->params.read_timer_us = LTTNG_CHAN_DEFAULT_READ_TIMER_US;
	spec->params.output = LTTNG_ABI_OUTPUT_SPLICE;

	for (;;) {
		size_t len = strcspn(str, ",");

		if (len >= sizeof(item)) {
			pr_warn("lttng: autostart: ignoring an item of %zu characters\n",
				len);
			bad++;
		} else {
			memcpy(item, str, len);
			item[len] = '\0';
			bad += lttng_autostart_item(item, spec);
		}
		if (!str[len])
			break;
		str += len + 1;
	}
	/* One sub-buffer is for discard mode only, whatever the order. */
	if (lttng_rb_check_num_subbuf(spec->params.num_subbuf,
				      spec->params.overwrite)) {
		pr_warn("lttng: autostart: nsubbuf=%llu needs mode=discard; using %u\n",
			spec->params.num_subbuf, LTTNG_CHAN_DEFAULT_NUM_SUBBUF);
		spec->params.num_subbuf = LTTNG_CHAN_DEFAULT_NUM_SUBBUF;
		bad++;
	}
	return bad;
}

static struct lttng_session *lttng_boot_session;
static struct lttng_autostart_spec lttng_autostart_spec __initdata;

/**
 * lttng_autostart_session() - the boot session, for the panic dump
 *
 * The kernel's reference keeps it for the system's whole life once the
 * early initcall started it, so no reference is taken.
 *
 * Return: the boot session, or NULL when lttng.autostart= started none.
 */
struct lttng_session *lttng_autostart_session(void)
{
	/* Written once, by the early initcall; read from the panic path. */
	return READ_ONCE(lttng_boot_session);
}

static int __init lttng_autostart_init(void)
{
	struct lttng_autostart_spec *spec = &lttng_autostart_spec;
	struct lttng_enabler *enabler;
	struct lttng_channel *chan;
	unsigned int i, matched = 0;
	int ret;

	if (!lttng_autostart_str[0])
		return 0;
	lttng_autostart_parse(lttng_autostart_str, spec);
	if (!spec->nr_events) {
		pr_warn("lttng: autostart: no event to trace, no boot session\n");
		return 0;
	}
	lttng_trace_events_ready();
	lttng_boot_session = lttng_session_create(spec->name, true);
	if (!lttng_boot_session) {
		pr_warn("lttng: autostart: out of memory, no boot session\n");
		return 0;
	}
	chan = lttng_channel_create(lttng_boot_session, &spec->params, false);
	if (PTR_ERR_OR_ZERO(chan) == -ENOMEM) {
		pr_warn("lttng: autostart: not enough memory for %u x %llu bytes per CPU, no boot session\n",
			(unsigned int)spec->params.num_subbuf,
			spec->params.subbuf_size);
		goto err;
	} else if (IS_ERR(chan)) {
		pr_warn("lttng: autostart: cannot create the channel (%ld), no boot session\n",
			PTR_ERR(chan));
		goto err;
	}
	for (i = 0; i < spec->nr_ctx; i++) {
		ret = lttng_channel_add_context(chan, spec->ctx[i]);
		if (ret)
			pr_warn("lttng: autostart: cannot add context '%s' (%d), ignored\n",
				lttng_ctx_field(spec->ctx[i])->name, ret);
	}
	for (i = 0; i < spec->nr_events; i++) {
		const struct lttng_autostart_event *ev = &spec->events[i];
		struct lttng_event_spec es = {
			.name = ev->name,
			.instrumentation = ev->instrumentation,
			.sc_entryexit = ev->entryexit,
			.sc_abi = LTTNG_ABI_SYSCALL_ABI_ALL,
			.symbol = ev->symbol,
			.offset = ev->offset,
		};

		enabler = lttng_enabler_create(chan, &es);
		if (IS_ERR(enabler)) {
			pr_warn("lttng: autostart: cannot enable '%s' (%ld%s)\n",
				ev->name, PTR_ERR(enabler),
				PTR_ERR(enabler) == -ENOENT ? ": no such symbol" :
				PTR_ERR(enabler) == -ENOSYS ? ": not in this kernel" : "");
			continue;
		}
		if (!lttng_enabler_match_count(enabler))
			pr_warn("lttng: autostart: no %s matches '%s', ignored\n",
				ev->instrumentation == LTTNG_ABI_SYSCALL ?
				"syscall" : "event", ev->name);
		matched += lttng_enabler_match_count(enabler);
		lttng_enabler_set_enabled(enabler, true);
	}
	if (!matched) {
		pr_warn("lttng: autostart: no known event requested, no boot session\n");
		goto err;
	}
	ret = lttng_session_start(lttng_boot_session);
	if (ret) {
		pr_warn("lttng: autostart: cannot start (%d), no boot session\n",
			ret);
		goto err;
	}
	pr_info("lttng: autostart: session '%s' traces %u events, %s, %u x %llu bytes per CPU, %lu KiB of buffers\n",
		spec->name, matched,
		spec->params.overwrite ? "overwrite" : "discard",
		(unsigned int)spec->params.num_subbuf,
		spec->params.subbuf_size,
		lttng_rb_chan_mem(lttng_channel_rb(chan)) / SZ_1K);
	return 0;
err:
	lttng_session_put(lttng_boot_session);
	lttng_boot_session = NULL;
	return 0;
}
early_initcall(lttng_autostart_init);
