// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: every TRACE_EVENT of the kernel as an LTTng event.
 *
 * include/trace/lttng.h gives each TRACE_EVENT class a probe, which the
 * kernel stores in the class as .lttng_probe.  This file walks the
 * kernel's own event registry, the struct trace_event_call of every
 * TRACE_EVENT (the _ftrace_events section), and makes each call whose
 * class has that probe an LTTng event description: the call's tracepoint,
 * the kernel's event name, and CTF fields laid out from the class's field
 * list, the list that ftrace's format files print.  The events of one
 * TRACE_SYSTEM form one provider named after it.
 *
 * The descriptions are made once, when the tracer is first used: by the
 * boot session of lttng.autostart=, or at the first open of /dev/lttng
 * (lttng_trace_events_ready()).  A kernel that does not trace does not
 * pay for them at boot: they cost a few million instructions, most of
 * them laying out the fields of some 450 events.  The section is init
 * data, so an early initcall keeps the calls that have an LTTng probe
 * until then (the calls themselves are not init data).
 *
 * A tracepoint that a hand-written provider (LTTNG_TRACEPOINT_EVENT)
 * already describes, or whose name one already uses, is left to it: the
 * built-in hand-written providers register from early initcalls, before
 * the tracer can be used.
 *
 * The record is the class's entry struct without its struct trace_entry,
 * then the dynamic data.  Its CTF layout, in the order of the field list:
 *
 * - the fixed part at ftrace's offsets less 8, each field aligned as the
 *   field list says, with a byte array _NAME_padding where the struct
 *   has a hole before field NAME (the CTF fields are byte-aligned: LTTng
 *   records are packed);
 * - integers of 1, 2, 4 or 8 bytes with their signedness, in base 16 for
 *   pointers and unsigned long;
 * - char[N] as a text array, other arrays as arrays of integers of their
 *   element size, and fields of any other size (structs) as byte arrays
 *   in base 16;
 * - a __data_loc or __rel_loc word as two 16-bit fields, _NAME_offset and
 *   _NAME_length, in memory order (ftrace's offset | length << 16);
 * - then, after the fixed part, one sequence of _NAME_length bytes per
 *   dynamic field, in the same order, as ftrace lays out the data: text
 *   for char (a __string: babeltrace2 shows it as a string, and a NUL
 *   inside cannot desynchronise the decoder as it would a CTF string),
 *   integers in base 16 for any other type (bitmasks, cpumasks,
 *   sockaddrs, ...), as ftrace's own field view shows them.
 *
 * The events of a class share the class's fields.  The built-in events
 * live as long as the kernel.  A module's are made the same way when it
 * comes (the tracepoint module notifier), whether or not the tracer was
 * used yet, and unregistered when it goes, before its memory does: see
 * the lifetimes in probes.c.
 */

#include <linux/align.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/lttng/control.h>
#include <linux/lttng/events.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/trace_events.h>
#include <linux/tracepoint.h>

#include <kunit/visibility.h>

#include "registry.h"
#include "trace-events.h"

/**
 * struct lttng_trace_layout - the CTF fields of one event class, being made
 * @fields: where the fields go, or NULL while counting them
 * @names: where the names this layout makes up go (padding, offset and
 *	length fields), or NULL while counting their bytes; the second pass
 *	makes the same names as the first counted
 * @nr_fields: fields laid out so far
 * @names_len: bytes of names made so far
 * @scratch: the field written while counting
 */
struct lttng_trace_layout {
	struct lttng_event_field *fields;
	char *names;
	unsigned int nr_fields;
	size_t names_len;
	struct lttng_event_field scratch;
};

/*
 * The name "_@field@suffix", made up for a field the class does not name
 * (padding, the halves of a __data_loc word).  No printf: this runs for
 * hundreds of classes at boot.
 */
static const char *lttng_trace_name(struct lttng_trace_layout *l,
				    const char *field, const char *suffix)
{
	size_t flen = strlen(field), slen = strlen(suffix);
	char *name = l->names ? l->names + l->names_len : NULL;

	l->names_len += 1 + flen + slen + 1;
	if (!name)
		return NULL;
	name[0] = '_';
	memcpy(name + 1, field, flen);
	memcpy(name + 1 + flen, suffix, slen + 1);
	return name;
}

static struct lttng_event_field *lttng_trace_add(struct lttng_trace_layout *l,
						 const char *name)
{
	struct lttng_event_field *f = &l->scratch;

	if (l->fields)
		f = &l->fields[l->nr_fields];
	l->nr_fields++;
	memset(f, 0, sizeof(*f));
	f->name = name;
	return f;
}

static bool lttng_trace_is_dynamic(const char *type)
{
	return str_has_prefix(type, "__data_loc ") ||
	       str_has_prefix(type, "__rel_loc ");
}

static bool lttng_trace_is_int_size(unsigned int size)
{
	return size == 1 || size == 2 || size == 4 || size == 8;
}

/* A byte array in base 16, of @len bytes. */
static void lttng_trace_bytes(struct lttng_event_field *f, unsigned int len)
{
	f->type = LTTNG_FIELD_ARRAY;
	f->elem = LTTNG_ELEM_INTEGER;
	f->size = 1;
	f->is_signed = 0;
	f->hex = 1;
	f->len = len;
}

/* A field of the fixed part that is not a __data_loc or __rel_loc word. */
static void lttng_trace_fixed(struct lttng_trace_layout *l,
			      const struct trace_event_fields *fa)
{
	bool array = strchr(fa->type, '[');
	unsigned int esize = fa->size;
	struct lttng_event_field *f;

	if (array && fa->len > 0 && !(fa->size % fa->len))
		esize = fa->size / fa->len;
	f = lttng_trace_add(l, fa->name);
	f->is_signed = fa->is_signed;
	/* ftrace's convention: pointers and unsigned long in base 16. */
	f->hex = strchr(fa->type, '*') || !strcmp(fa->type, "unsigned long");
	if (array && esize == 1 && strstr(fa->type, "char")) {
		f->type = LTTNG_FIELD_ARRAY_TEXT;
		f->size = 1;
		f->len = fa->size;
	} else if (!lttng_trace_is_int_size(esize)) {
		lttng_trace_bytes(f, fa->size);
	} else if (esize == fa->size && !array) {
		f->type = LTTNG_FIELD_INTEGER;
		f->size = esize;
	} else {
		f->type = LTTNG_FIELD_ARRAY;
		f->elem = LTTNG_ELEM_INTEGER;
		f->size = esize;
		f->len = fa->size / esize;
	}
}

/* A __data_loc or __rel_loc word: its two halves, in memory order. */
static void lttng_trace_loc(struct lttng_trace_layout *l,
			    const struct trace_event_fields *fa)
{
	static const char * const halves[] = {
#ifdef __LITTLE_ENDIAN
		"_offset", "_length",
#else
		"_length", "_offset",
#endif
	};
	struct lttng_event_field *f;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(halves); i++) {
		f = lttng_trace_add(l, lttng_trace_name(l, fa->name, halves[i]));
		f->type = LTTNG_FIELD_INTEGER;
		f->size = 2;
	}
}

/* The data of a dynamic field, after the fixed part. */
static void lttng_trace_dynamic(struct lttng_trace_layout *l,
				const struct trace_event_fields *fa)
{
	bool text = strstr(fa->type, "char[]");
	struct lttng_event_field *f;
	const char *length;

	length = lttng_trace_name(l, fa->name, "_length");
	f = lttng_trace_add(l, fa->name);
	f->type = LTTNG_FIELD_SEQUENCE_OF;
	f->elem = text ? LTTNG_ELEM_TEXT : LTTNG_ELEM_INTEGER;
	f->size = 1;
	f->hex = !text;
	f->length_name = length;
}

/* Can a field list entry be laid out? */
static bool lttng_trace_supported(const struct trace_event_fields *fa)
{
	if (fa->type == TRACE_FUNCTION_TYPE)
		return false;
	if (lttng_trace_is_dynamic(fa->type))
		return fa->size == 4;
	return fa->size > 0 && fa->size <= U16_MAX && fa->align > 0 &&
	       is_power_of_2(fa->align);
}

/*
 * Lay out a class's fields at ftrace's offsets (kernel/trace's
 * event_define_fields(): each field at the next multiple of its
 * alignment, from the end of struct trace_entry).
 *
 * Return: NULL, or the first entry that cannot be laid out.
 */
static const struct trace_event_fields *
lttng_trace_layout(struct lttng_trace_layout *l,
		   const struct trace_event_fields *fields)
{
	unsigned int offset = sizeof(struct trace_entry), start;
	const struct trace_event_fields *fa;

	for (fa = fields; fa->type; fa++) {
		if (!lttng_trace_supported(fa))
			return fa;
		start = ALIGN(offset, fa->align);
		if (start != offset) {
			const char *pad;

			pad = lttng_trace_name(l, fa->name, "_padding");
			lttng_trace_bytes(lttng_trace_add(l, pad),
					  start - offset);
		}
		if (lttng_trace_is_dynamic(fa->type))
			lttng_trace_loc(l, fa);
		else
			lttng_trace_fixed(l, fa);
		offset = start + fa->size;
	}
	for (fa = fields; fa->type; fa++)
		if (lttng_trace_is_dynamic(fa->type))
			lttng_trace_dynamic(l, fa);
	return NULL;
}

/**
 * lttng_trace_fields() - the CTF fields of an event class's field list
 * @fields: the field list, as struct trace_event_class.fields_array
 * @nr_fields: set to the number of fields
 * @bad: set to the first entry of @fields that cannot be laid out, or
 *	NULL
 *
 * Return: the fields, with the names they make up after them, in one
 * kzalloc()ed block; or NULL, with @bad set, or for -ENOMEM.
 */
VISIBLE_IF_KUNIT struct lttng_event_field *
lttng_trace_fields(const struct trace_event_fields *fields,
		   unsigned int *nr_fields,
		   const struct trace_event_fields **bad)
{
	struct lttng_trace_layout l = { };

	*bad = lttng_trace_layout(&l, fields);
	if (*bad)
		return NULL;
	l.fields = kzalloc(l.nr_fields * sizeof(*l.fields) + l.names_len,
			   GFP_KERNEL);
	if (!l.fields)
		return NULL;
	l.names = (char *)(l.fields + l.nr_fields);
	l.nr_fields = 0;
	l.names_len = 0;
	lttng_trace_layout(&l, fields);
	*nr_fields = l.nr_fields;
	return l.fields;
}

/**
 * struct lttng_trace_set - the LTTng events of a range of calls: the
 *	kernel's, or one module's
 * @node: in lttng_trace_sets
 * @mod: the module, NULL for the kernel's
 * @descs: the descriptions, sorted by system, then by name
 * @nr_descs: number of @descs
 * @blocks: the CTF fields of the classes (lttng_trace_fields()), which
 *	@descs point to
 * @nr_blocks: number of @blocks
 * @providers: the providers registered, one per system
 * @nr_providers: number of @providers
 *
 * A module's set is freed when the module goes, after its providers are
 * unregistered; the kernel's lives as long as the kernel.
 */
struct lttng_trace_set {
	struct list_head node;
	const struct module *mod;
	struct lttng_event_desc *descs;
	unsigned int nr_descs;
	struct lttng_event_field **blocks;
	unsigned int nr_blocks;
	struct lttng_probe_desc **providers;
	unsigned int nr_providers;
};

/**
 * struct lttng_trace_class - the fields of the class last laid out
 * @class: the class
 * @fields: its fields, NULL if it cannot be laid out
 * @nr_fields: number of @fields
 */
struct lttng_trace_class {
	const struct trace_event_class *class;
	const struct lttng_event_field *fields;
	unsigned int nr_fields;
};

/*
 * The CTF fields of @call's class, laid out once per class (the events
 * of a class usually follow each other in the registry), and kept in
 * @set's blocks.
 *
 * Return: 0, -ENOMEM, or -EINVAL for a class whose fields cannot be
 * laid out, with one message that names the event and the field.
 */
static int lttng_trace_class_fields(struct trace_event_call *call,
				    struct lttng_trace_class *tc,
				    struct lttng_trace_set *set)
{
	const struct trace_event_fields *bad;
	struct lttng_event_field *fields;

	if (tc->class != call->class) {
		tc->class = call->class;
		fields = lttng_trace_fields(call->class->fields_array,
					    &tc->nr_fields, &bad);
		tc->fields = fields;
		if (!fields && !bad) {
			tc->class = NULL;
			return -ENOMEM;
		}
		if (fields)
			set->blocks[set->nr_blocks++] = fields;
	}
	if (tc->fields)
		return 0;
	bad = call->class->fields_array;
	while (bad->type && lttng_trace_supported(bad))
		bad++;
	pr_info("lttng: event %s:%s left out: field %s of type %s has no CTF layout\n",
		call->class->system, trace_event_name(call),
		bad->type == TRACE_FUNCTION_TYPE ? "(defined at run time)" : bad->name,
		bad->type == TRACE_FUNCTION_TYPE ? "?" : bad->type);
	return -EINVAL;
}

/* Does the kernel record @call through an LTTng probe? */
static bool lttng_trace_has_probe(const struct trace_event_call *call)
{
	return call->class->lttng_probe &&
	       (call->flags & TRACE_EVENT_FL_TRACEPOINT);
}

/*
 * Does a registered description (a hand-written one) cover @call's
 * tracepoint or name?  Under the registry lock.
 */
static bool lttng_trace_taken(struct trace_event_call *call)
{
	return lttng_registry_find_tp(call->tp) ||
	       lttng_registry_find(trace_event_name(call));
}

/* Sort by system, then by name: each system's events follow each other. */
static int lttng_trace_cmp(const void *a, const void *b)
{
	const struct lttng_event_desc *da = a, *db = b;

	return strcmp(da->provider->name, db->provider->name) ?:
	       strcmp(da->name, db->name);
}

/*
 * Register the events @descs[0 .. @nr) of one system as one provider of
 * @set, which @descs[0]->provider points to for now and is replaced by
 * the one registered (by a freed one on failure: the descriptions are
 * then unused).
 */
static int lttng_trace_register_system(struct lttng_trace_set *set,
				       struct lttng_event_desc *descs,
				       unsigned int nr)
{
	const struct lttng_event_desc **events;
	struct lttng_probe_desc *provider;
	unsigned int i;
	int ret;

	provider = kzalloc(sizeof(*provider), GFP_KERNEL);
	events = kcalloc(nr, sizeof(*events), GFP_KERNEL);
	if (!provider || !events) {
		ret = -ENOMEM;
		goto err;
	}
	provider->name = descs[0].provider->name;
	for (i = 0; i < nr; i++) {
		descs[i].provider = provider;
		events[i] = &descs[i];
	}
	provider->events = events;
	provider->nr_events = nr;
	ret = lttng_probe_register(provider);
	if (ret)
		goto err;
	set->providers[set->nr_providers++] = provider;
	return 0;
err:
	kfree(events);
	kfree(provider);
	return ret;
}

/*
 * Unregister a set's providers, which waits until nothing uses their
 * events any more, then free it.
 */
static void lttng_trace_set_free(struct lttng_trace_set *set)
{
	struct lttng_probe_desc *provider;
	unsigned int i;

	for (i = 0; i < set->nr_providers; i++) {
		provider = set->providers[i];
		lttng_probe_unregister(provider);
		kfree(provider->events);
		kfree(provider);
	}
	for (i = 0; i < set->nr_blocks; i++)
		kfree(set->blocks[i]);
	kfree(set->blocks);
	kfree(set->providers);
	kfree(set->descs);
	kfree(set);
}

static struct lttng_trace_set *lttng_trace_set_alloc(unsigned int nr)
{
	struct lttng_trace_set *set;

	set = kzalloc(sizeof(*set), GFP_KERNEL);
	if (!set)
		return NULL;
	nr = nr ?: 1;
	set->descs = kcalloc(nr, sizeof(*set->descs), GFP_KERNEL);
	set->blocks = kcalloc(nr, sizeof(*set->blocks), GFP_KERNEL);
	set->providers = kcalloc(nr, sizeof(*set->providers), GFP_KERNEL);
	if (set->descs && set->blocks && set->providers)
		return set;
	lttng_trace_set_free(set);
	return NULL;
}

/*
 * Describe the calls of [@start, @stop) that have an LTTng probe and no
 * hand-written description, into @set->descs, with @systems[i] the
 * provider (only its name) of description i for now.
 */
static int lttng_trace_set_describe(struct lttng_trace_set *set,
				    struct trace_event_call **start,
				    struct trace_event_call **stop,
				    struct lttng_probe_desc *systems)
{
	struct lttng_trace_class tc = { };
	struct trace_event_call **iter;
	int ret = 0;

	lttng_registry_lock();
	for (iter = start; iter < stop; iter++) {
		struct trace_event_call *call = *iter;
		struct lttng_event_desc *d = &set->descs[set->nr_descs];

		if (!lttng_trace_has_probe(call) || lttng_trace_taken(call))
			continue;
		ret = lttng_trace_class_fields(call, &tc, set);
		if (ret == -ENOMEM)
			break;
		ret = 0;
		if (!tc.fields)
			continue;
		d->name = trace_event_name(call);
		d->fields = tc.fields;
		d->nr_fields = tc.nr_fields;
		d->tp = call->tp;
		d->probe = call->class->lttng_probe;
		systems[set->nr_descs].name = call->class->system;
		d->provider = &systems[set->nr_descs];
		set->nr_descs++;
	}
	lttng_registry_unlock();
	return ret;
}

/*
 * Make a description of every call of [@start, @stop) that has an LTTng
 * probe and no hand-written description, and register them, a provider
 * per system.  A system that fails to register is left out, with a
 * message.
 *
 * Return: the set, with @registered set to the number of events
 * registered, or NULL for -ENOMEM.
 */
static struct lttng_trace_set *
lttng_trace_set_create(struct trace_event_call **start,
		       struct trace_event_call **stop,
		       const struct module *mod, unsigned int *registered)
{
	/* A provider per event, with only a name until it registers. */
	struct lttng_probe_desc *systems;
	struct lttng_trace_set *set;
	struct lttng_event_desc *descs;
	unsigned int i, j;
	int ret;

	*registered = 0;
	set = lttng_trace_set_alloc(stop - start);
	systems = kcalloc(stop - start ?: 1, sizeof(*systems), GFP_KERNEL);
	if (!set || !systems)
		goto err;
	set->mod = mod;
	if (lttng_trace_set_describe(set, start, stop, systems))
		goto err;
	descs = set->descs;
	sort(descs, set->nr_descs, sizeof(*descs), lttng_trace_cmp, NULL);
	for (i = 0; i < set->nr_descs; i = j) {
		const char *system = descs[i].provider->name;

		for (j = i + 1; j < set->nr_descs; j++)
			if (strcmp(descs[j].provider->name, system))
				break;
		ret = lttng_trace_register_system(set, &descs[i], j - i);
		if (ret)
			pr_err("lttng: the %s events left out: %d\n", system,
			       ret);
		else
			*registered += j - i;
	}
	kfree(systems);
	return set;
err:
	kfree(systems);
	if (set)
		lttng_trace_set_free(set);
	return NULL;
}

/*
 * The kernel's set and those of the modules loaded, under
 * lttng_trace_sets_mutex.  The tracepoint module notifier calls this file
 * in order for a module (its coming before its going), under its own lock.
 */
static LIST_HEAD(lttng_trace_sets);
static DEFINE_MUTEX(lttng_trace_sets_mutex);

static void lttng_trace_set_keep(struct lttng_trace_set *set)
{
	mutex_lock(&lttng_trace_sets_mutex);
	list_add_tail(&set->node, &lttng_trace_sets);
	mutex_unlock(&lttng_trace_sets_mutex);
}

#ifdef CONFIG_MODULES

static void lttng_trace_module_coming(struct module *mod)
{
	struct lttng_trace_set *set;
	unsigned int n;

	if (!mod->num_trace_events)
		return;
	set = lttng_trace_set_create(mod->trace_events,
				     mod->trace_events + mod->num_trace_events,
				     mod, &n);
	if (!set) {
		pr_err("lttng: the trace events of module %s left out: %d\n",
		       mod->name, -ENOMEM);
		return;
	}
	if (!set->nr_providers) {
		lttng_trace_set_free(set);
		return;
	}
	lttng_trace_set_keep(set);
	pr_info("lttng: %u trace events of module %s are LTTng events\n", n,
		mod->name);
}

static void lttng_trace_module_going(struct module *mod)
{
	struct lttng_trace_set *set, *found = NULL;

	mutex_lock(&lttng_trace_sets_mutex);
	list_for_each_entry(set, &lttng_trace_sets, node) {
		if (set->mod == mod) {
			list_del(&set->node);
			found = set;
			break;
		}
	}
	mutex_unlock(&lttng_trace_sets_mutex);
	if (!found)
		return;
	/* Before the tracepoint code checks that nothing is hooked. */
	lttng_trace_set_free(found);
	pr_info("lttng: the trace events of module %s left\n", mod->name);
}

/*
 * The tracepoint module notifier rather than the module notifier: it
 * calls its going notifiers right before it checks that no probe is left
 * on the module's tracepoints, whatever the notifiers' priorities, and
 * only for the modules whose tracepoints the kernel uses (not those
 * with a bad taint), as ftrace's events do.
 */
static int lttng_trace_module_notify(struct notifier_block *nb,
				     unsigned long val, void *data)
{
	struct tp_module *tp_mod = data;

	switch (val) {
	case MODULE_STATE_COMING:
		lttng_trace_module_coming(tp_mod->mod);
		break;
	case MODULE_STATE_GOING:
		lttng_trace_module_going(tp_mod->mod);
		break;
	}
	return NOTIFY_OK;
}

static struct notifier_block lttng_trace_module_nb = {
	.notifier_call = lttng_trace_module_notify,
};

static int __init lttng_trace_modules_init(void)
{
	return register_tracepoint_module_notifier(&lttng_trace_module_nb);
}
#else
static int __init lttng_trace_modules_init(void)
{
	return 0;
}
#endif /* CONFIG_MODULES */

/*
 * The calls of the _ftrace_events section that have an LTTng probe, kept
 * by the early initcall until lttng_trace_events_ready() describes them.
 */
static struct trace_event_call **lttng_trace_calls;
static unsigned int lttng_trace_nr_calls;

/*
 * Serializes lttng_trace_events_ready(); lttng_trace_events_done says
 * the calls were described.
 */
static DEFINE_MUTEX(lttng_trace_events_lock);
static bool lttng_trace_events_done;

/**
 * lttng_trace_events_ready() - make the kernel's trace events LTTng events
 *
 * The first call describes the kernel's trace events and registers the
 * descriptions; the others return at once.  Called with no lock held,
 * before the registry is first read: by the boot session and at each
 * open of the tracer's device.  Sleeps.  A failure leaves the automatic
 * events out, with a message, and is not retried: the hand-written
 * events and the system calls still work.
 */
void lttng_trace_events_ready(void)
{
	struct lttng_trace_set *set;
	unsigned int n;

	might_sleep();
	/* Pairs with the smp_store_release() below. */
	if (smp_load_acquire(&lttng_trace_events_done))
		return;
	mutex_lock(&lttng_trace_events_lock);
	if (lttng_trace_events_done)
		goto out;
	set = lttng_trace_set_create(lttng_trace_calls,
				     lttng_trace_calls + lttng_trace_nr_calls,
				     NULL, &n);
	if (!set) {
		pr_err("lttng: the kernel's trace events: %d\n", -ENOMEM);
	} else {
		/* The kernel's events stay: their set is never freed. */
		if (set->nr_providers)
			lttng_trace_set_keep(set);
		else
			lttng_trace_set_free(set);
		pr_info("lttng: %u trace events of the kernel are LTTng events\n",
			n);
	}
	kfree(lttng_trace_calls);
	lttng_trace_calls = NULL;
	/* The descriptions are registered: pairs with the load above. */
	smp_store_release(&lttng_trace_events_done, true);
out:
	mutex_unlock(&lttng_trace_events_lock);
}

/*
 * Keep the calls that have an LTTng probe (the section is init data), and
 * follow the modules.
 */
static int __init lttng_trace_events_init(void)
{
	struct trace_event_call **iter;
	unsigned int n = 0;

	for (iter = __start_ftrace_events; iter < __stop_ftrace_events; iter++)
		n += lttng_trace_has_probe(*iter);
	lttng_trace_calls = kmalloc_array(n ?: 1, sizeof(*lttng_trace_calls),
					  GFP_KERNEL);
	for (iter = __start_ftrace_events;
	     lttng_trace_calls && iter < __stop_ftrace_events; iter++)
		if (lttng_trace_has_probe(*iter))
			lttng_trace_calls[lttng_trace_nr_calls++] = *iter;
	return lttng_trace_modules_init();
}
early_initcall(lttng_trace_events_init);
