// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: CTF 1.8 metadata.
 *
 * Each session keeps its TSDL text in a metadata cache that only grows, by
 * whole declarations: the trace header first, then a stream declaration
 * per channel and an event declaration per event, as they appear.  The
 * layout, names and env are those of an LTTng-modules 2.13 kernel trace,
 * so that babeltrace2, Trace Compass and lttng-analyses treat the trace
 * as one.
 *
 * A metadata stream reads the cache through a small ring buffer of its
 * own, one CTF metadata packet per sub-buffer: each GET_NEXT_SUBBUF that
 * finds no packet copies up to one packet of new text from the cache.
 */

#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/time.h>
#include <linux/timekeeping.h>
#include <linux/utsname.h>

#include <kunit/visibility.h>

#include "context.h"
#include "graph.h"
#include "metadata.h"

/**
 * struct lttng_metadata_stream - the reader of a metadata channel
 * @rb: the metadata ring buffer (a reference)
 * @buf: its only buffer
 * @cache: the session's metadata (a reference)
 * @lock: serializes the copy from the cache into @rb
 * @pos: bytes of the cache copied into @rb
 * @version: cache version as of the last copy
 */
struct lttng_metadata_stream {
	struct lttng_rb_chan *rb;
	struct lttng_rb_buf *buf;
	struct lttng_metadata_cache *cache;
	struct mutex lock;		/* @pos, @version, the copy */
	size_t pos;
	u64 version;
};

struct lttng_metadata_packet_header {
	u32 magic;
	u8 uuid[16];
	u32 checksum;
	u32 content_size;
	u32 packet_size;
	u8 compression_scheme;
	u8 encryption_scheme;
	u8 checksum_scheme;
	u8 major;
	u8 minor;
} __packed;

#define LTTNG_METADATA_MAGIC	0x75D11D57U

#ifdef __LITTLE_ENDIAN
#define LTTNG_BYTE_ORDER	"le"
#else
#define LTTNG_BYTE_ORDER	"be"
#endif

/* The trace clock's UUID: one per boot, shared by every session. */
static uuid_t lttng_clock_uuid;

struct lttng_metadata_cache *lttng_metadata_cache_create(const uuid_t *uuid)
{
	struct lttng_metadata_cache *cache;

	cache = kzalloc(sizeof(*cache), GFP_KERNEL);
	if (!cache)
		return NULL;
	kref_init(&cache->ref);
	mutex_init(&cache->lock);
	init_waitqueue_head(&cache->wait);
	uuid_copy(&cache->uuid, uuid);
	return cache;
}

static void lttng_metadata_cache_release(struct kref *ref)
{
	struct lttng_metadata_cache *cache =
		container_of(ref, struct lttng_metadata_cache, ref);

	kvfree(cache->data);
	kfree(cache);
}

void lttng_metadata_cache_put(struct lttng_metadata_cache *cache)
{
	kref_put(&cache->ref, lttng_metadata_cache_release);
}

/**
 * lttng_metadata_append() - append formatted text to a metadata cache
 * @cache: the cache, whose lock the caller holds
 * @fmt: printf format
 *
 * Return: 0, or -ENOMEM; nothing is appended on failure.
 */
int lttng_metadata_append(struct lttng_metadata_cache *cache,
			  const char *fmt, ...)
{
	va_list ap;
	size_t need;
	int len;

	lockdep_assert_held(&cache->lock);
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	need = cache->len + len + 1;
	if (need > cache->alloc) {
		size_t alloc = max_t(size_t, roundup_pow_of_two(need), 4096);
		char *data = kvrealloc(cache->data, alloc, GFP_KERNEL);

		if (!data)
			return -ENOMEM;
		cache->data = data;
		cache->alloc = alloc;
	}
	va_start(ap, fmt);
	vsnprintf(cache->data + cache->len, len + 1, fmt, ap);
	va_end(ap);
	/* Read locklessly by lttng_metadata_stream_pending(). */
	WRITE_ONCE(cache->len, cache->len + len);
	return 0;
}

/* The trace header, as an LTTng-modules 2.13 kernel trace has it. */
static const char lttng_tsdl_trace[] =
	"/* CTF 1.8 */\n\n"
	"typealias integer { size = 8; align = 8; signed = false; } := uint8_t;\n"
	"typealias integer { size = 16; align = 8; signed = false; } := uint16_t;\n"
	"typealias integer { size = 32; align = 8; signed = false; } := uint32_t;\n"
	"typealias integer { size = 64; align = 8; signed = false; } := uint64_t;\n"
	"typealias integer { size = 64; align = 8; signed = false; } := unsigned long;\n"
	"typealias integer { size = 5; align = 1; signed = false; } := uint5_t;\n"
	"typealias integer { size = 27; align = 1; signed = false; } := uint27_t;\n\n"
	"trace {\n"
	"\tmajor = 1;\n"
	"\tminor = 8;\n"
	"\tuuid = \"%pUb\";\n"
	"\tbyte_order = " LTTNG_BYTE_ORDER ";\n"
	"\tpacket.header := struct {\n"
	"\t\tuint32_t magic;\n"
	"\t\tuint8_t  uuid[16];\n"
	"\t\tuint32_t stream_id;\n"
	"\t\tuint64_t stream_instance_id;\n"
	"\t};\n"
	"};\n\n";

static const char lttng_tsdl_env[] =
	"env {\n"
	"\thostname = \"%s\";\n"
	"\tdomain = \"kernel\";\n"
	"\tsysname = \"%s\";\n"
	"\tkernel_release = \"%s\";\n"
	"\tkernel_version = \"%s\";\n"
	"\ttracer_name = \"lttng-modules\";\n"
	"\ttracer_major = %d;\n"
	"\ttracer_minor = %d;\n"
	"\ttracer_patchlevel = %d;\n"
	"\ttrace_buffering_scheme = \"global\";\n"
	"\ttrace_name = \"%s\";\n"
	"\ttrace_creation_datetime = \"%s\";\n"
	"};\n\n";

static const char lttng_tsdl_clock[] =
	"clock {\n"
	"\tname = \"monotonic\";\n"
	"\tuuid = \"%pUb\";\n"
	"\tdescription = \"Monotonic Clock\";\n"
	"\tfreq = 1000000000; /* Frequency, in Hz */\n"
	"\t/* clock value offset from Epoch is: offset * (1/freq) */\n"
	"\toffset = %llu;\n"
	"};\n\n"
	"typealias integer {\n"
	"\tsize = 27; align = 1; signed = false;\n"
	"\tmap = clock.monotonic.value;\n"
	"} := uint27_clock_monotonic_t;\n\n"
	"typealias integer {\n"
	"\tsize = 64; align = 8; signed = false;\n"
	"\tmap = clock.monotonic.value;\n"
	"} := uint64_clock_monotonic_t;\n\n"
	"struct packet_context {\n"
	"\tuint64_clock_monotonic_t timestamp_begin;\n"
	"\tuint64_clock_monotonic_t timestamp_end;\n"
	"\tuint64_t content_size;\n"
	"\tuint64_t packet_size;\n"
	"\tuint64_t packet_seq_num;\n"
	"\tunsigned long events_discarded;\n"
	"\tuint32_t cpu_id;\n"
	"} align(8);\n\n"
	"struct event_header_compact {\n"
	"\tenum : uint5_t { compact = 0 ... 30, extended = 31 } id;\n"
	"\tvariant <id> {\n"
	"\t\tstruct {\n"
	"\t\t\tuint27_clock_monotonic_t timestamp;\n"
	"\t\t} compact;\n"
	"\t\tstruct {\n"
	"\t\t\tuint32_t id;\n"
	"\t\t\tuint64_clock_monotonic_t timestamp;\n"
	"\t\t} extended;\n"
	"\t} v;\n"
	"} align(8);\n\n";

static const char lttng_tsdl_stream[] =
	"stream {\n"
	"\tid = %u;\n"
	"\tevent.header := struct event_header_compact;\n"
	"\tpacket.context := struct packet_context;\n";

static const char lttng_tsdl_event[] =
	"event {\n"
	"\tname = \"%s\";\n"
	"\tid = %u;\n"
	"\tstream_id = %u;\n"
	"\tfields := struct {\n";

/* Deepest nesting of structures in an event, the event's own included. */
#define LTTNG_METADATA_MAX_NESTING	8

static int lttng_metadata_tabs(struct lttng_metadata_cache *cache,
			       unsigned int nesting)
{
	return lttng_metadata_append(cache, "%.*s", nesting,
				     "\t\t\t\t\t\t\t\t\t\t");
}

/* An integer type, with no name after it. */
static int lttng_metadata_integer(struct lttng_metadata_cache *cache,
				  unsigned int bits, bool is_signed,
				  const char *encoding, unsigned int base,
				  bool network)
{
	return lttng_metadata_append(cache,
		"integer { size = %u; align = %u; signed = %u; encoding = %s; base = %u;%s }",
		bits, bits % 8 ? 1 : 8, is_signed, encoding, base,
		network ? " byte_order = be;" : "");
}

static int lttng_metadata_int_type(struct lttng_metadata_cache *cache,
				   const struct lttng_event_field *f,
				   const char *encoding)
{
	return lttng_metadata_integer(cache, f->bits ?: f->size * 8,
				      f->is_signed, encoding,
				      f->hex ? 16 : 10, f->network);
}

/* A label, with its quotes and backslashes escaped. */
static int lttng_metadata_label(struct lttng_metadata_cache *cache,
				const char *label)
{
	int ret = lttng_metadata_append(cache, "\"");

	for (; !ret && *label; label++) {
		if (*label == '"' || *label == '\\')
			ret = lttng_metadata_append(cache, "\\%c", *label);
		else
			ret = lttng_metadata_append(cache, "%c", *label);
	}
	return ret ?: lttng_metadata_append(cache, "\"");
}

/*
 * An enumeration, inline, as LTTng-modules declares it.  An auto entry
 * gets the value after the previous entry's last one, written out.
 */
static int lttng_metadata_enum(struct lttng_metadata_cache *cache,
			       const struct lttng_event_field *f,
			       unsigned int nesting)
{
	const struct lttng_enum_desc *desc = f->enum_desc;
	s64 next = 0;
	unsigned int i;
	int ret;

	if (!desc)
		return -EINVAL;
	ret = lttng_metadata_tabs(cache, nesting);
	ret = ret ?: lttng_metadata_append(cache, "enum : ");
	ret = ret ?: lttng_metadata_int_type(cache, f, "none");
	ret = ret ?: lttng_metadata_append(cache, " {\n");
	for (i = 0; !ret && i < desc->nr_entries; i++) {
		const struct lttng_enum_entry *e = &desc->entries[i];
		s64 start = e->is_auto ? next : e->start;
		s64 end = e->is_auto ? next : e->end;

		ret = lttng_metadata_tabs(cache, nesting + 1);
		ret = ret ?: lttng_metadata_label(cache, e->label);
		if (!ret && start == end)
			ret = lttng_metadata_append(cache, " = %lld,\n", start);
		else if (!ret)
			ret = lttng_metadata_append(cache, " = %lld ... %lld,\n",
						    start, end);
		next = end + 1;
	}
	ret = ret ?: lttng_metadata_tabs(cache, nesting);
	return ret ?: lttng_metadata_append(cache, "}");
}

static int lttng_metadata_struct(struct lttng_metadata_cache *cache,
				 const struct lttng_event_field *fields,
				 unsigned int nr_fields, unsigned int nesting);

/* The element type of an array or a sequence, then its name. */
static int lttng_metadata_elem(struct lttng_metadata_cache *cache,
			       const struct lttng_event_field *f,
			       unsigned int nesting)
{
	int ret = 0;

	switch (f->elem) {
	case LTTNG_ELEM_INTEGER:
		ret = lttng_metadata_tabs(cache, nesting);
		return ret ?: lttng_metadata_int_type(cache, f, "none");
	case LTTNG_ELEM_TEXT:
		ret = lttng_metadata_tabs(cache, nesting);
		return ret ?: lttng_metadata_int_type(cache, f, "UTF8");
	case LTTNG_ELEM_BITS:
		ret = lttng_metadata_tabs(cache, nesting);
		ret = ret ?: lttng_metadata_append(cache,
				"struct { } align(8) _%s_padding;\n", f->name);
		ret = ret ?: lttng_metadata_tabs(cache, nesting);
		return ret ?: lttng_metadata_integer(cache, 1, false, "none",
						     10, false);
	case LTTNG_ELEM_STRUCT:
		return lttng_metadata_struct(cache, f->fields, f->nr_fields,
					     nesting);
	}
	return -EINVAL;
}

/*
 * One field of a structure, at a depth of @nesting tabs; @prev is the
 * field before it in the same structure, or NULL.
 */
static int lttng_metadata_field(struct lttng_metadata_cache *cache,
				const struct lttng_event_field *f,
				const struct lttng_event_field *prev,
				unsigned int nesting)
{
	const char *length;
	unsigned int len;
	int ret;

	switch (f->type) {
	case LTTNG_FIELD_INTEGER:
		ret = lttng_metadata_tabs(cache, nesting);
		ret = ret ?: lttng_metadata_int_type(cache, f, "none");
		break;
	case LTTNG_FIELD_ENUM:
		ret = lttng_metadata_enum(cache, f, nesting);
		break;
	case LTTNG_FIELD_ARRAY:
		len = f->elem == LTTNG_ELEM_BITS ? f->len * f->size * 8 : f->len;
		ret = lttng_metadata_elem(cache, f, nesting);
		return ret ?: lttng_metadata_append(cache, " _%s[%u];\n",
						    f->name, len);
	case LTTNG_FIELD_ARRAY_TEXT:
		ret = lttng_metadata_tabs(cache, nesting);
		return ret ?: lttng_metadata_append(cache,
			"integer { size = %u; align = 8; signed = 0; encoding = UTF8; base = 10; } _%s[%u];\n",
			f->size * 8, f->name, f->len);
	case LTTNG_FIELD_STRING:
		ret = lttng_metadata_tabs(cache, nesting);
		return ret ?: lttng_metadata_append(cache, "string _%s;\n",
						    f->name);
	case LTTNG_FIELD_SEQUENCE:
		/* A u16 byte count, then the bytes, in hexadecimal. */
		ret = lttng_metadata_tabs(cache, nesting);
		ret = ret ?: lttng_metadata_append(cache,
			"integer { size = 16; align = 8; signed = 0; base = 10; } __%s_length;\n",
			f->name);
		ret = ret ?: lttng_metadata_tabs(cache, nesting);
		return ret ?: lttng_metadata_append(cache,
			"integer { size = 8; align = 8; signed = 0; base = 16; } _%s[ __%s_length ];\n",
			f->name, f->name);
	case LTTNG_FIELD_SEQUENCE_OF:
		length = f->length_name ?: (prev ? prev->name : NULL);
		if (!length)
			return -EINVAL;
		ret = lttng_metadata_elem(cache, f, nesting);
		return ret ?: lttng_metadata_append(cache, " _%s[ _%s ];\n",
						    f->name, length);
	case LTTNG_FIELD_STRUCT:
		ret = lttng_metadata_struct(cache, f->fields, f->nr_fields,
					    nesting);
		break;
	default:
		return -EINVAL;
	}
	return ret ?: lttng_metadata_append(cache, " _%s;\n", f->name);
}

/* "struct { members }", at a depth of @nesting tabs, with no name. */
static int lttng_metadata_struct(struct lttng_metadata_cache *cache,
				 const struct lttng_event_field *fields,
				 unsigned int nr_fields, unsigned int nesting)
{
	unsigned int i;
	int ret;

	if (nesting >= LTTNG_METADATA_MAX_NESTING)
		return -EINVAL;
	ret = lttng_metadata_tabs(cache, nesting);
	ret = ret ?: lttng_metadata_append(cache, "struct {\n");
	for (i = 0; !ret && i < nr_fields; i++)
		ret = lttng_metadata_field(cache, &fields[i],
					   i ? &fields[i - 1] : NULL,
					   nesting + 1);
	ret = ret ?: lttng_metadata_tabs(cache, nesting);
	return ret ?: lttng_metadata_append(cache, "}");
}

/**
 * lttng_metadata_fields() - declare the members of an event's payload
 * @cache: the cache, whose lock the caller holds
 * @fields: the fields
 * @nr_fields: number of @fields
 *
 * Appends one declaration per field, two tabs deep, as the members of an
 * event's "fields := struct { ... };" or a stream's event context.
 *
 * Return: 0, -ENOMEM, or -EINVAL for a field the writer cannot declare
 * (an unknown type, a sequence with no length field, structures nested
 * deeper than LTTNG_METADATA_MAX_NESTING).
 */
VISIBLE_IF_KUNIT int lttng_metadata_fields(struct lttng_metadata_cache *cache,
					   const struct lttng_event_field *fields,
					   unsigned int nr_fields)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; !ret && i < nr_fields; i++)
		ret = lttng_metadata_field(cache, &fields[i],
					   i ? &fields[i - 1] : NULL, 2);
	return ret;
}

static int lttng_metadata_header(struct lttng_session *session)
{
	struct lttng_metadata_cache *cache = session->cache;
	struct new_utsname *uts = utsname();
	int ret;

	ret = lttng_metadata_append(cache, lttng_tsdl_trace, &session->uuid);
	if (ret)
		return ret;
	ret = lttng_metadata_append(cache, lttng_tsdl_env, uts->nodename,
				    uts->sysname, uts->release, uts->version,
				    LTTNG_ABI_TRACER_MAJOR, LTTNG_ABI_TRACER_MINOR,
				    LTTNG_ABI_TRACER_PATCHLEVEL, session->name,
				    session->creation_time);
	if (ret)
		return ret;
	return lttng_metadata_append(cache, lttng_tsdl_clock, &lttng_clock_uuid,
				     session->clock_offset);
}

static int lttng_metadata_stream_decl(struct lttng_channel *chan)
{
	struct lttng_metadata_cache *cache = chan->session->cache;
	unsigned int i;
	int ret;

	ret = lttng_metadata_append(cache, lttng_tsdl_stream, chan->id);
	if (ret || !chan->nr_ctx)
		goto end;
	ret = lttng_metadata_append(cache, "\tevent.context := struct {\n");
	for (i = 0; !ret && i < chan->nr_ctx; i++)
		ret = lttng_metadata_fields(cache,
					    lttng_ctx_field(chan->ctx[i]), 1);
	if (!ret)
		ret = lttng_metadata_append(cache, "\t};\n");
end:
	return ret ?: lttng_metadata_append(cache, "};\n\n");
}

static int lttng_metadata_event_decl(struct lttng_event *event)
{
	struct lttng_metadata_cache *cache = event->chan->session->cache;
	const struct lttng_event_desc *desc = event->desc;
	int ret;

	ret = lttng_metadata_append(cache, lttng_tsdl_event, desc->name,
				    event->id, event->chan->id);
	if (!ret)
		ret = lttng_metadata_fields(cache, desc->fields,
					    desc->nr_fields);
	if (!ret)
		ret = lttng_metadata_append(cache, "\t};\n};\n\n");
	return ret;
}

/*
 * Append what is not declared yet; then, with @mark, only flag it as
 * declared.  Two passes, so that a failed append leaves no flag set.
 */
static int lttng_metadata_sync_locked(struct lttng_session *session, bool mark)
{
	struct lttng_channel *chan;
	struct lttng_event *event;
	int ret = 0;

	if (!session->header_dumped) {
		if (mark)
			session->header_dumped = true;
		else
			ret = lttng_metadata_header(session);
		if (ret)
			return ret;
	}
	list_for_each_entry(chan, &session->chans, node) {
		if (chan->metadata_dumped)
			continue;
		if (mark)
			chan->metadata_dumped = true;
		else
			ret = lttng_metadata_stream_decl(chan);
		if (ret)
			return ret;
	}
	list_for_each_entry(chan, &session->chans, node) {
		list_for_each_entry(event, &chan->events, node) {
			if (event->metadata_dumped)
				continue;
			if (mark)
				event->metadata_dumped = true;
			else
				ret = lttng_metadata_event_decl(event);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/**
 * lttng_metadata_sync() - declare what a session has not declared yet
 * @session: the session
 *
 * Appends, in one transaction, the trace header if missing, then the
 * stream and event declarations not yet in the cache, and wakes the
 * metadata readers.
 *
 * Return: 0, or -ENOMEM with the cache as it was.
 */
int lttng_metadata_sync(struct lttng_session *session)
{
	struct lttng_metadata_cache *cache = session->cache;
	size_t mark;
	int ret;

	lttng_graph_assert_held();
	if (!session->creation_time[0]) {
		struct tm tm;

		time64_to_tm(ktime_get_real_seconds(), 0, &tm);
		snprintf(session->creation_time, sizeof(session->creation_time),
			 "%04ld%02d%02dT%02d%02d%02d+0000", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			 tm.tm_sec);
	}
	mutex_lock(&cache->lock);
	mark = cache->len;
	ret = lttng_metadata_sync_locked(session, false);
	if (ret)
		WRITE_ONCE(cache->len, mark);
	else
		lttng_metadata_sync_locked(session, true);
	mutex_unlock(&cache->lock);
	if (cache->len != mark)
		wake_up_interruptible(&cache->wait);
	return ret;
}

/* Forget what was declared, so that the next sync declares everything. */
static void lttng_metadata_forget(struct lttng_session *session)
{
	struct lttng_channel *chan;
	struct lttng_event *event;

	session->header_dumped = false;
	list_for_each_entry(chan, &session->chans, node) {
		chan->metadata_dumped = false;
		list_for_each_entry(event, &chan->events, node)
			event->metadata_dumped = false;
	}
}

/**
 * lttng_metadata_regen() - write a session's metadata again from scratch
 * @session: the session, active
 *
 * For SESSION_METADATA_REGEN: the text is rebuilt with the current clock
 * offset (after the wall clock was set, say), and the cache version is
 * bumped, so that metadata streams start over from its beginning and
 * their consumer rewrites the metadata file.  All or nothing: on failure
 * the cache keeps its old text and version.
 *
 * Return: 0, -EBUSY if the session is not active, or -ENOMEM.
 */
int lttng_metadata_regen(struct lttng_session *session)
{
	struct lttng_metadata_cache *cache = session->cache;
	char *old_data;
	size_t old_len, old_alloc;
	u64 old_offset;
	int ret;

	lttng_graph_assert_held();
	if (!session->active)
		return -EBUSY;
	mutex_lock(&cache->lock);
	old_data = cache->data;
	old_len = cache->len;
	old_alloc = cache->alloc;
	old_offset = session->clock_offset;
	cache->data = NULL;
	WRITE_ONCE(cache->len, 0);
	cache->alloc = 0;
	session->clock_offset = ktime_get_real_ns() - ktime_get_mono_fast_ns();
	lttng_metadata_forget(session);
	ret = lttng_metadata_sync_locked(session, false);
	if (ret) {
		kvfree(cache->data);
		cache->data = old_data;
		WRITE_ONCE(cache->len, old_len);
		cache->alloc = old_alloc;
		session->clock_offset = old_offset;
	} else {
		kvfree(old_data);
		WRITE_ONCE(cache->version, cache->version + 1);
	}
	/* Declared as of the old text, or of the new one. */
	lttng_metadata_sync_locked(session, true);
	mutex_unlock(&cache->lock);
	wake_up_interruptible(&cache->wait);
	return ret;
}

static void lttng_metadata_packet_begin(struct lttng_rb_chan *rb, void *p,
					const struct lttng_rb_packet *pkt)
{
	struct lttng_metadata_cache *cache = lttng_rb_chan_priv(rb);
	struct lttng_metadata_packet_header *hdr = p;

	hdr->magic = LTTNG_METADATA_MAGIC;
	memcpy(hdr->uuid, &cache->uuid, sizeof(hdr->uuid));
	hdr->checksum = 0;
	hdr->compression_scheme = 0;
	hdr->encryption_scheme = 0;
	hdr->checksum_scheme = 0;
	hdr->major = 1;
	hdr->minor = 8;
	/* The sizes are packet_end()'s. */
}

static void lttng_metadata_packet_end(struct lttng_rb_chan *rb, void *p,
				      const struct lttng_rb_packet *pkt)
{
	struct lttng_metadata_packet_header *hdr = p;

	hdr->content_size = pkt->data_size * BITS_PER_BYTE;
	hdr->packet_size = lttng_rb_padded_size(pkt) * BITS_PER_BYTE;
}

static void lttng_metadata_client_release(struct lttng_rb_chan *rb)
{
	lttng_metadata_cache_put(lttng_rb_chan_priv(rb));
}

static const struct lttng_rb_client lttng_metadata_client = {
	.header_size = sizeof(struct lttng_metadata_packet_header),
	.packet_begin = lttng_metadata_packet_begin,
	.packet_end = lttng_metadata_packet_end,
	.release = lttng_metadata_client_release,
};

struct lttng_rb_chan *lttng_metadata_chan_create(struct lttng_session *session,
						 const struct lttng_rb_config *cfg)
{
	struct lttng_rb_chan *rb;

	kref_get(&session->cache->ref);
	rb = lttng_rb_chan_create(cfg, &lttng_metadata_client, session->cache);
	if (IS_ERR(rb))
		lttng_metadata_cache_put(session->cache);
	return rb;
}

/**
 * lttng_metadata_chan_finalize() - finalize a metadata channel's buffer
 * @rb: the channel's ring buffer
 *
 * The buffer's reader is also its writer: lttng_metadata_stream_fill()
 * writes into it under the cache lock, so the closing flush takes that
 * lock too.
 */
void lttng_metadata_chan_finalize(struct lttng_rb_chan *rb)
{
	struct lttng_metadata_cache *cache = lttng_rb_chan_priv(rb);

	mutex_lock(&cache->lock);
	lttng_rb_chan_finalize(rb);
	mutex_unlock(&cache->lock);
}

/**
 * lttng_metadata_stream_open() - become the reader of a metadata channel
 * @chan: the metadata channel
 *
 * Return: the stream, or ERR_PTR(-EBUSY) if it has one, or -ENOMEM.
 */
struct lttng_metadata_stream *lttng_metadata_stream_open(struct lttng_channel *chan)
{
	struct lttng_metadata_stream *ms;
	int ret;

	ms = kzalloc(sizeof(*ms), GFP_KERNEL);
	if (!ms)
		return ERR_PTR(-ENOMEM);
	ms->rb = chan->rb;
	ms->buf = lttng_rb_chan_buf(chan->rb, 0);
	ret = lttng_rb_buf_open_reader(ms->buf);
	if (ret) {
		kfree(ms);
		return ERR_PTR(ret);
	}
	ms->cache = chan->session->cache;
	kref_get(&ms->cache->ref);
	mutex_init(&ms->lock);
	return ms;
}

/**
 * lttng_metadata_stream_release() - stop reading a metadata channel
 * @ms: the stream, freed
 */
void lttng_metadata_stream_release(struct lttng_metadata_stream *ms)
{
	lttng_metadata_cache_put(ms->cache);
	lttng_rb_buf_release_reader(ms->buf);
	kfree(ms);
}

/**
 * lttng_metadata_stream_buf() - the ring buffer a metadata stream reads
 * @ms: the stream
 *
 * Return: the metadata channel's only buffer.
 */
struct lttng_rb_buf *lttng_metadata_stream_buf(struct lttng_metadata_stream *ms)
{
	return ms->buf;
}

/**
 * lttng_metadata_stream_version() - GET_METADATA_VERSION
 * @ms: the stream
 *
 * Return: the version of the text the stream last copied: it changes
 * when the session's metadata is regenerated.
 */
u64 lttng_metadata_stream_version(struct lttng_metadata_stream *ms)
{
	/* Written under @ms->lock; a snapshot, as the ABI gives it. */
	return READ_ONCE(ms->version);
}

/**
 * lttng_metadata_stream_poll_wait() - queue a poller for new metadata text
 * @ms: the stream
 * @file: the stream's file
 * @wait: the poll table
 *
 * lttng_metadata_stream_pending() then says whether there is text.
 */
void lttng_metadata_stream_poll_wait(struct lttng_metadata_stream *ms,
				     struct file *file, poll_table *wait)
{
	poll_wait(file, &ms->cache->wait, wait);
}

/* Copy up to one packet of new text into the ring buffer and close it. */
static int lttng_metadata_stream_fill(struct lttng_metadata_stream *ms)
{
	const struct lttng_rb_config *cfg = lttng_rb_chan_config(ms->rb);
	struct lttng_metadata_cache *cache = ms->cache;
	struct lttng_rb_ctx ctx = { };
	size_t chunk;
	int ret = 0;

	lockdep_assert_held(&ms->lock);
	mutex_lock(&cache->lock);
	if (ms->version != cache->version) {
		/* Regenerated: the stream starts over. */
		WRITE_ONCE(ms->version, cache->version);
		WRITE_ONCE(ms->pos, 0);
	}
	if (ms->pos >= cache->len)
		goto out;
	chunk = min_t(size_t, cache->len - ms->pos,
		      cfg->subbuf_size - lttng_metadata_client.header_size - 1);
	ctx.size_compact = chunk;
	ctx.size_full = chunk;
	preempt_disable();
	ret = lttng_rb_reserve(ms->rb, &ctx);
	if (!ret) {
		memcpy(ctx.addr, cache->data + ms->pos, chunk);
		lttng_rb_commit(ms->rb, &ctx);
	}
	preempt_enable();
	if (!ret) {
		WRITE_ONCE(ms->pos, ms->pos + chunk);
		/* Under the lock: lttng_metadata_chan_finalize() flushes. */
		lttng_rb_buf_flush(ms->buf, false);
	}
out:
	mutex_unlock(&cache->lock);
	return ret;
}

/**
 * lttng_metadata_stream_get_next() - GET_NEXT_SUBBUF on a metadata stream
 * @ms: the stream
 *
 * Return: as lttng_rb_get_next().
 */
int lttng_metadata_stream_get_next(struct lttng_metadata_stream *ms)
{
	int ret;

	mutex_lock(&ms->lock);
	ret = lttng_rb_get_next(ms->buf);
	if (ret == -EAGAIN || ret == -ENODATA) {
		if (!lttng_metadata_stream_fill(ms))
			ret = lttng_rb_get_next(ms->buf);
	}
	mutex_unlock(&ms->lock);
	return ret;
}

/**
 * lttng_metadata_stream_flush() - FLUSH on a metadata stream
 * @ms: the stream
 *
 * Return: 0.
 */
int lttng_metadata_stream_flush(struct lttng_metadata_stream *ms)
{
	mutex_lock(&ms->lock);
	lttng_metadata_stream_fill(ms);
	mutex_unlock(&ms->lock);
	return 0;
}

/**
 * lttng_metadata_stream_cache_dump() - METADATA_CACHE_DUMP
 * @ms: the stream
 *
 * Starts the stream over from the beginning of the cache, for a consumer
 * that opens a new trace chunk and needs the whole metadata in it.
 *
 * Return: 0, or -EBUSY unless the stream has read the whole cache.
 */
int lttng_metadata_stream_cache_dump(struct lttng_metadata_stream *ms)
{
	int ret = 0;

	mutex_lock(&ms->lock);
	mutex_lock(&ms->cache->lock);
	if (ms->version != ms->cache->version || ms->pos != ms->cache->len)
		ret = -EBUSY;
	else
		WRITE_ONCE(ms->pos, 0);
	mutex_unlock(&ms->cache->lock);
	mutex_unlock(&ms->lock);
	if (!ret)
		wake_up_interruptible(&ms->cache->wait);
	return ret;
}

/**
 * lttng_metadata_stream_pending() - is there text this stream has not read?
 * @ms: the stream
 *
 * Lockless, for poll: the four fields are written under their locks with
 * WRITE_ONCE(), and a writer that adds text wakes @cache->wait, on which
 * the poller queued before it looked, so a stale "no" is followed by a
 * wake-up.
 *
 * Return: true when the cache has text not yet copied to the stream, or
 * was regenerated since the stream's last copy.
 */
bool lttng_metadata_stream_pending(struct lttng_metadata_stream *ms)
{
	return READ_ONCE(ms->cache->version) != READ_ONCE(ms->version) ||
	       READ_ONCE(ms->cache->len) > READ_ONCE(ms->pos);
}

static int __init lttng_metadata_init(void)
{
	uuid_gen(&lttng_clock_uuid);
	return 0;
}
early_initcall(lttng_metadata_init);
