// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi_fuzz: the model of the objects: sessions, channels and stream
 * files as the kernel should see them, what a new fd is, and what a
 * command changed.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi_fuzz.h"

/* ---- sessions, channels and stream files ------------------------------- */

struct sess sessions[MAX_IDS];
int nsess;
struct chan chans[MAX_IDS];
static int nchans;
struct sfile sfiles[MAX_IDS];
static int nsfiles;
static int boot_sess = -1;

static int new_id(int *n, const char *what)
{
	if (*n >= MAX_IDS) {
		fprintf(stderr, "abi_fuzz: too many %s\n", what);
		exit(1);
	}
	return (*n)++;
}

static bool sess_alive(int s)
{
	int i;

	if (s < 0)
		return false;
	if (sessions[s].boot)
		return true;
	for (i = 0; i < nobjs; i++)
		if (objs[i].sess == s && (K_HOLD_SESSION & KB(objs[i].kind)))
			return true;
	return false;
}

static bool sfile_alive(int f)
{
	return sfiles[f].nfds > 0 || sfiles[f].nmaps > 0;
}

/* The stream files alive on a channel: its readers. */
int chan_readers(int ch)
{
	int i, n = 0;

	for (i = 0; i < nsfiles; i++)
		if (sfiles[i].chan == ch && sfile_alive(i))
			n++;
	return n;
}

/* ---- the model: what a new fd is, and what a command changed ------------- */

static int new_sess(bool boot)
{
	int s = new_id(&nsess, "sessions");

	memset(&sessions[s], 0, sizeof(sessions[s]));
	sessions[s].boot = boot;
	/* SESSION makes a session named "", without channels. */
	sessions[s].name_known = !boot;
	sessions[s].chans_known = true;
	return s;
}

static int new_chan(int sess, bool metadata)
{
	int ch = new_id(&nchans, "channels");

	chans[ch].sess = sess;
	chans[ch].metadata = metadata;
	return ch;
}

static int new_sfile(int ch, bool meta)
{
	int f = new_id(&nsfiles, "stream files");

	sfiles[f].chan = ch;
	sfiles[f].meta = meta;
	sfiles[f].nfds = 0;
	sfiles[f].nmaps = 0;
	return f;
}

/*
 * The session SESSION_ATTACH should find for @name: the boot session for
 * "", else the first live one of that name; -1 if none, SESS_UNKNOWN if
 * a live session before it has a name we do not know.
 */
int sess_by_name(const char *name)
{
	int s;

	if (!name[0])
		return boot_sess;
	for (s = 0; s < nsess; s++) {
		if (!sess_alive(s))
			continue;
		if (!sessions[s].name_known)
			return SESS_UNKNOWN;
		if (!strcmp(sessions[s].name, name))
			return s;
	}
	return -1;
}

/* Forget every live session's name: a rename we cannot place. */
static void forget_names(void)
{
	int s;

	for (s = 0; s < nsess; s++)
		if (sess_alive(s))
			sessions[s].name_known = false;
}

/* A name for messages: printable, short. */
const char *show_name(const char *name)
{
	static char buf[48];
	size_t i;

	for (i = 0; i < sizeof(buf) - 4 && name[i]; i++)
		buf[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';
	copy_str(buf + i, sizeof(buf) - i, name[i] ? "..." : "");
	return buf;
}

/*
 * An extension struct as the kernel sees it: get_user() of its whole
 * size field, then copy_struct_from_user() of that many bytes, the rest
 * zero.  A size of 1 makes an attach to "", the boot session.
 */
static void ext_seen(const struct arg *a, void *dst, size_t dsize)
{
	__u32 size;

	memcpy(&size, a->p, sizeof(size));
	memset(dst, 0, dsize);
	memcpy(dst, a->p, size < dsize ? size : dsize);
}

void model_new_fd(int oi, struct cmd *c, struct arg *a, int fd)
{
	struct obj *o = &objs[oi];
	int kind = c->newkind, sess = -1, ch = -1, file = -1;

	if (kind == NEW_STREAM)
		kind = o->kind == K_METADATA ? K_MSTREAM : K_STREAM;
	/* Never look at what a bad pointer points to (half of it may do). */
	if (!arg_readable(a))
		a->p = NULL;
	switch (kind) {
	case K_SESSION:
		if (c->arg == A_ATTACH) {
			struct lttng_abi_session_attach at;

			sess = SESS_UNKNOWN;
			if (a->p) {
				ext_seen(a, &at, sizeof(at));
				sess = sess_by_name(at.name);
			}
			if (sess < 0) {
				/* Some session we cannot tell: names are moot. */
				forget_names();
				sess = new_sess(false);
				sessions[sess].name_known = false;
				sessions[sess].chans_known = false;
			}
		} else {
			sess = new_sess(false);
		}
		break;
	case K_CHANNEL:
	case K_METADATA:
		sess = o->sess;
		if (c->arg == A_CHANGET) {
			struct lttng_abi_channel_get g;

			if (sess < 0 || !a->p)
				break;
			ext_seen(a, &g, sizeof(g));
			if (g.index < (unsigned int)sessions[sess].nchans)
				ch = sessions[sess].chans[g.index];
			break;
		}
		if (sess < 0)
			break;
		ch = new_chan(sess, kind == K_METADATA);
		if (kind == K_CHANNEL &&
		    sessions[sess].nchans < MAX_CHANS_PER_SESSION)
			sessions[sess].chans[sessions[sess].nchans++] = ch;
		break;
	case K_EVENT:
		sess = o->sess;
		ch = o->chan;
		if (c->arg == A_EVENT && a->p)
			dyn_count((void *)a->p);
		break;
	case K_STREAM:
	case K_MSTREAM:
		sess = o->sess;
		ch = o->chan;
		file = new_sfile(ch, kind == K_MSTREAM);
		break;
	default:
		break;
	}
	/*
	 * An event-notifier group's notification fd (or an fd that a
	 * command we have no model of returns): its read() waits for a
	 * record, which may never come, and the campaign would hang there.
	 * Non-blocking; op_read() makes a read blocking when poll() says a
	 * record is queued.
	 */
	if (kind == K_OTHER)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	trace("new fd=%d %s sess=%d chan=%d", fd, kind_name[kind], sess, ch);
	add_obj(fd, kind, sess, ch, file);
}

void model_after(int oi, struct cmd *c, struct arg *a, long ret)
{
	struct obj *o = &objs[oi];

	if (amode_bad(a->mode))
		return;
	if (c->arg == A_NAME && o->sess >= 0) {
		struct lttng_abi_session_name *n = (void *)a->p;
		struct sess *s = &sessions[o->sess];

		/* A rename: the kernel keeps the name up to its NUL. */
		if (!s->name_known || !a->p ||
		    !memchr(n->name, '\0', sizeof(n->name)))
			forget_names();
		else
			copy_str(s->name, sizeof(s->name), n->name);
	}
	if (o->kind == K_STREAM || o->kind == K_MSTREAM) {
		if (c->nr == LTTNG_ABI_RB_SNAPSHOT_GET_CONSUMED && a->p)
			memcpy(&last_pos[0], a->p, 8);
		if (c->nr == LTTNG_ABI_RB_SNAPSHOT_GET_PRODUCED && a->p)
			memcpy(&last_pos[1], a->p, 8);
	}
}

/* The boot session, if lttng.autostart= made one: channels and name. */
void find_boot_session(void)
{
	struct lttng_abi_channel_get *g = (void *)scratch;
	int ti = op_open_tracer(), so, co, idx, ch;
	struct sess *b;
	struct arg a;

	if (ti < 0)
		return;
	boot_sess = new_sess(true);
	b = &sessions[boot_sess];
	attach_arg(&a, "");
	so = new_obj(do_ioctl(ti, LTTNG_ABI_SESSION_ATTACH, &a));
	if (so < 0) {
		b->boot = false;
		boot_sess = -1;
		printf("abi_fuzz: no boot session\n");
		return;
	}
	for (idx = 0; idx < MAX_CHANS_PER_SESSION; idx++) {
		memset(g, 0, sizeof(*g));
		g->size = sizeof(*g);
		g->index = idx;
		a.mode = AM_GOOD;
		place(&a, sizeof(*g));
		snprintf(a.desc, sizeof(a.desc), "good channel_get{%d}", idx);
		co = new_obj(do_ioctl(so, LTTNG_ABI_SESSION_CHANNEL_GET, &a));
		if (co < 0)
			break;
		ch = new_chan(boot_sess, false);
		b->chans[b->nchans++] = ch;
		objs[co].chan = ch;
	}
	/*
	 * Its name, if it has the default one; if not, a name that nothing
	 * here makes, and that we then treat as "".
	 */
	copy_str(b->name, sizeof(b->name), "boot");
	b->name_known = true;
	attach_arg(&a, "boot");
	if (do_ioctl(ti, LTTNG_ABI_SESSION_ATTACH, &a) <= 0)
		b->name[0] = '\0';
	printf("abi_fuzz: boot session \"%s\" with %d channels\n", b->name,
	       b->nchans);
}
