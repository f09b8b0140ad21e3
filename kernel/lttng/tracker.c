// SPDX-License-Identifier: GPL-2.0-only
/*
 * LTTng built-in: pid, vpid, uid, vuid, gid and vgid trackers.
 *
 * A session records an event only if the running task passes each of its
 * trackers.  A tracker either tracks everything (the default: no set) or
 * the ids in its set, which may be empty.  The set is a sorted array
 * that probes search under RCU; every change publishes a new copy.
 *
 * What the ABI asks, in the order lttng-sessiond sends it:
 *	track -1	track everything again
 *	untrack -1	track nothing
 *	track id	add id (starting from nothing if everything was tracked)
 *	untrack id	remove id
 */

#include <linux/bsearch.h>
#include <linux/cred.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/uidgid.h>

#include "graph.h"
#include "tracker.h"

struct lttng_id_set {
	struct rcu_head rcu;
	unsigned int nr;
	s32 ids[] __counted_by(nr);
};

static int lttng_id_cmp(const void *a, const void *b)
{
	s32 x = *(const s32 *)a, y = *(const s32 *)b;

	return x < y ? -1 : x > y;
}

static struct lttng_id_set *lttng_id_set_alloc(unsigned int nr)
{
	struct lttng_id_set *set;

	set = kmalloc(struct_size(set, ids, nr), GFP_KERNEL);
	if (set)
		set->nr = nr;
	return set;
}

/* Publish @set (NULL: track everything) and free the one it replaces. */
static void lttng_tracker_publish(struct lttng_session *session,
				  unsigned int type, struct lttng_id_set *set)
{
	struct lttng_id_set *old;

	lttng_graph_assert_held();
	old = rcu_replace_pointer(session->trackers[type], set,
				  lockdep_is_held(&lttng_graph_mutex));
	/*
	 * Probes read @tracking locklessly, then the set: see
	 * lttng_tracker_pass().  Either order of the two stores is safe: a
	 * bit with no set yet or any more means "everything".
	 */
	if (set)
		WRITE_ONCE(session->tracking, session->tracking | BIT(type));
	else
		WRITE_ONCE(session->tracking, session->tracking & ~BIT(type));
	if (old)
		kfree_rcu(old, rcu);
}

static int lttng_tracker_add(struct lttng_session *session, unsigned int type,
			     s32 id)
{
	struct lttng_id_set *cur, *set;
	unsigned int nr;

	cur = rcu_dereference_protected(session->trackers[type],
					lockdep_is_held(&lttng_graph_mutex));
	if (id == -1) {
		lttng_tracker_publish(session, type, NULL);
		return 0;
	}
	nr = cur ? cur->nr : 0;
	if (cur && bsearch(&id, cur->ids, nr, sizeof(s32), lttng_id_cmp))
		return -EEXIST;
	if (nr >= LTTNG_TRACKER_MAX_IDS)
		return -ENOSPC;
	set = lttng_id_set_alloc(nr + 1);
	if (!set)
		return -ENOMEM;
	if (nr)
		memcpy(set->ids, cur->ids, nr * sizeof(s32));
	set->ids[nr] = id;
	sort(set->ids, nr + 1, sizeof(s32), lttng_id_cmp, NULL);
	lttng_tracker_publish(session, type, set);
	return 0;
}

static int lttng_tracker_remove(struct lttng_session *session,
				unsigned int type, s32 id)
{
	struct lttng_id_set *cur, *set;
	s32 *at;
	unsigned int i;

	cur = rcu_dereference_protected(session->trackers[type],
					lockdep_is_held(&lttng_graph_mutex));
	if (id == -1) {
		set = lttng_id_set_alloc(0);
		if (!set)
			return -ENOMEM;
		lttng_tracker_publish(session, type, set);
		return 0;
	}
	if (!cur) {
		pr_debug("lttng: tracker: cannot untrack one id while tracking all\n");
		return -EINVAL;
	}
	at = bsearch(&id, cur->ids, cur->nr, sizeof(s32), lttng_id_cmp);
	if (!at)
		return -ENOENT;
	set = lttng_id_set_alloc(cur->nr - 1);
	if (!set)
		return -ENOMEM;
	i = at - cur->ids;
	memcpy(set->ids, cur->ids, i * sizeof(s32));
	memcpy(set->ids + i, at + 1, (cur->nr - i - 1) * sizeof(s32));
	lttng_tracker_publish(session, type, set);
	return 0;
}

/**
 * lttng_tracker_update() - change one of a session's trackers
 * @session: the session
 * @type: enum lttng_abi_tracker_type, below %LTTNG_TRACKER_MAX
 * @id: the id, or -1 for all
 * @track: track (true) or untrack
 *
 * Context: under lttng_graph_mutex.
 * Return: 0; -EINVAL to untrack one id while all are tracked; -EEXIST if
 * @id is tracked already; -ENOENT if it is not tracked; -ENOSPC past
 * %LTTNG_TRACKER_MAX_IDS ids; -ENOMEM.
 */
int lttng_tracker_update(struct lttng_session *session, u32 type, s32 id,
			 bool track)
{
	lttng_graph_assert_held();
	if (track)
		return lttng_tracker_add(session, type, id);
	return lttng_tracker_remove(session, type, id);
}

/**
 * lttng_tracker_free_all() - free a dying session's tracker sets
 * @session: the session; no probe can see it any more
 */
void lttng_tracker_free_all(struct lttng_session *session)
{
	unsigned int i;

	for (i = 0; i < LTTNG_TRACKER_MAX; i++)
		kfree(rcu_dereference_protected(session->trackers[i], true));
}

static s32 lttng_tracker_id(unsigned int type)
{
	switch (type) {
	case LTTNG_ABI_TRACKER_PID:
		return task_tgid_nr(current);
	case LTTNG_ABI_TRACKER_VPID:
		return task_tgid_vnr(current);
	case LTTNG_ABI_TRACKER_UID:
		return from_kuid_munged(&init_user_ns, current_uid());
	case LTTNG_ABI_TRACKER_VUID:
		return from_kuid_munged(current_user_ns(), current_uid());
	case LTTNG_ABI_TRACKER_GID:
		return from_kgid_munged(&init_user_ns, current_gid());
	case LTTNG_ABI_TRACKER_VGID:
		return from_kgid_munged(current_user_ns(), current_gid());
	}
	return -1;
}

/**
 * lttng_tracker_pass() - does the running task pass a session's trackers?
 * @session: the session, whose @tracking is not zero
 *
 * Runs in the probe, preemption disabled: an RCU read-side section.
 *
 * Return: true if the running task's ids are in every set of the session.
 */
bool lttng_tracker_pass(const struct lttng_session *session)
{
	/* Pairs with the WRITE_ONCE()s of lttng_tracker_publish(). */
	unsigned long mask = READ_ONCE(session->tracking);
	const struct lttng_id_set *set;
	unsigned int type;
	s32 id;

	for_each_set_bit(type, &mask, LTTNG_TRACKER_MAX) {
		set = rcu_dereference_sched(session->trackers[type]);
		/* Cleared since @tracking was read: tracks everything. */
		if (!set)
			continue;
		id = lttng_tracker_id(type);
		if (!bsearch(&id, set->ids, set->nr, sizeof(s32), lttng_id_cmp))
			return false;
	}
	return true;
}
