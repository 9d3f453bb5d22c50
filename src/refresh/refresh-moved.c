/*
 * refresh: permanent redirects written back into the urls file and the
 * store (see refresh-moved.h).  The store's rename (or merge, when the
 * store already has a feed at the new address) and the urls file's
 * rewrite happen together: the store's transaction stays open while the
 * file is replaced and is rolled back when the file cannot be, so the
 * urls file and the store never name different addresses for one feed.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "util/i18n.h"
#include "refresh/refresh-int.h"
#include "refresh/refresh-moved.h"
#include "store/store.h"

struct move {
	char	*from;		/* as subscribed */
	char	*to;		/* the last permanent redirect's target */
	int	 delivered;	/* the new address answered with a feed */
};

struct refresh_moves {
	struct move	*v;
	size_t		 n;
};

struct apply {
	const struct refresh_moves_opts *o;
	refresh_moves_report_fn *report;
	void		*ctx;
	struct urls_stamp stamp;	/* follows our own rewrites */
	struct store	*store;
	struct store_feed_info *feeds;	/* the store's feeds, by URL */
	size_t		 nfeeds;
	char		*store_err;	/* the store could not be opened */
};

struct refresh_moves *
refresh_moves_new(void)
{
	return xcalloc(1, sizeof(struct refresh_moves));
}

void
refresh_moves_note(struct refresh_moves *m, const struct refresh_feed_result *r)
{
	size_t i;

	if (m == NULL || r->moved_to == NULL || r->status == REFRESH_SKIPPED ||
	    strcmp(r->moved_to, r->url) == 0)
		return;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].from, r->url) == 0)
			return;
	m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
	m->v[m->n].from = xstrdup(r->url);
	m->v[m->n].to = xstrdup(r->moved_to);
	m->v[m->n].delivered = r->status == REFRESH_UPDATED ||
	    r->status == REFRESH_UNCHANGED;
	m->n++;
}

void
refresh_moves_free(struct refresh_moves *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->v[i].from);
		free(m->v[i].to);
	}
	free(m->v);
	free(m);
}

static void DL_PRINTF(3, 4)
say(struct apply *a, int is_error, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	a->report(a->ctx, is_error, msg);
	free(msg);
}

/* The store and its feed list, opened on the first move. */
static int
open_store(struct apply *a, char **err)
{
	if (a->store != NULL)
		return 0;
	if (a->store_err != NULL) {
		*err = xstrdup(a->store_err);
		return -1;
	}
	if ((a->store = store_open(a->o->cache, STORE_NOCREATE, err)) == NULL ||
	    store_feed_list(a->store, &a->feeds, &a->nfeeds, err) != 0) {
		store_close(a->store);
		a->store = NULL;
		a->store_err = xstrdup(*err);
		return -1;
	}
	return 0;
}

static int64_t
feed_id(const struct apply *a, const char *url)
{
	size_t i;

	for (i = 0; i < a->nfeeds; i++)
		if (strcmp(a->feeds[i].url, url) == 0)
			return a->feeds[i].id;
	return 0;
}

/* The side file's entry follows the feed (its body hash saves the next
 * parse; its intervals stay honoured); the moved-to note goes. */
static void
move_state(struct apply *a, const char *from, const char *to)
{
	struct refresh_state *st;
	struct feed_state fs, none;
	char *err = NULL;

	if ((st = rstate_open(store_path(a->store), &err)) == NULL) {
		log_warn("%s", err);
		free(err);
		return;
	}
	if (rstate_get(st, from, &fs) == 0) {
		free(fs.moved_to);
		fs.moved_to = NULL;
		memset(&none, 0, sizeof none);
		if (rstate_put(st, to, &fs) != 0 || rstate_put(st, from, &none) != 0 ||
		    rstate_flush(st, &err) != 0) {
			log_warn("%s", err != NULL ? err : from);
			free(err);
		}
		feed_state_clear(&fs);
	}
	rstate_close(st);
}

/* Store first (not committed), then the file, then the commit. */
static int
write_back(struct apply *a, const char *from, const char *to, char **err)
{
	struct urls_stamp undo;
	char *e = NULL;
	int64_t id, other;

	if (open_store(a, err) != 0)
		return -1;
	if ((id = feed_id(a, from)) == 0) {
		*err = xasprintf(_("%s: no such feed in the store"), from);
		return -1;
	}
	other = feed_id(a, to);
	/* Whatever the file will refuse is found before the store is
	 * touched. */
	if (urls_rewrite_url(a->o->urls_path, &a->stamp, from, to, 1, err) != 0)
		return -1;
	if (store_begin(a->store, err) != 0)
		return -1;
	if ((other != 0 && store_feed_merge(a->store, id, other, err) != 0) ||
	    store_feed_set_url(a->store, id, to, err) != 0 ||
	    urls_rewrite_url(a->o->urls_path, &a->stamp, from, to, 0, err) != 0) {
		store_rollback(a->store);
		return -1;
	}
	if (store_commit(a->store, err) != 0) {
		/* Put the file back as it was, so that both still agree. */
		undo = a->stamp;
		if (urls_rewrite_url(a->o->urls_path, &undo, to, from, 0, &e) == 0)
			a->stamp = undo;
		free(e);
		return -1;
	}
	move_state(a, from, to);
	/* The feed list now knows the new address. */
	store_feed_list_free(a->feeds, a->nfeeds);
	a->feeds = NULL;
	a->nfeeds = 0;
	if (store_feed_list(a->store, &a->feeds, &a->nfeeds, &e) != 0) {
		log_warn("%s", e);
		free(e);
	}
	return 0;
}

/* 1 when the subscription now has its new address. */
static int
apply_one(struct apply *a, const struct move *mv)
{
	char *from = utf8_sanitise(mv->from, strlen(mv->from), SANITISE_TAB_TO_SPACE);
	char *to = utf8_sanitise(mv->to, strlen(mv->to), SANITISE_TAB_TO_SPACE);
	char *err = NULL, *why;

	if (!a->o->enabled)
		say(a, 0, _("%s moved permanently to %s; dateline fetches the new "
		    "address, please update your urls file"), from, to);
	else if (!mv->delivered)
		say(a, 1, _("%s moved permanently to %s, which did not answer with "
		    "a feed; the urls file was not changed"), from, to);
	else if (write_back(a, mv->from, mv->to, &err) != 0) {
		why = utf8_sanitise(err, strlen(err), SANITISE_TAB_TO_SPACE);
		say(a, 1, _("%s moved permanently to %s; the urls file was not "
		    "changed: %s"), from, to, why);
		free(why);
		free(err);
	} else {
		say(a, 0, _("%s moved permanently to %s: the urls file now says %s"),
		    from, to, to);
		free(from);
		free(to);
		return 1;
	}
	free(from);
	free(to);
	return 0;
}

int
refresh_moves_apply(struct refresh_moves *m, const struct refresh_moves_opts *o,
    refresh_moves_report_fn *report, void *ctx)
{
	struct apply a;
	size_t i;
	int done = 0;

	if (m == NULL || m->n == 0)
		return 0;
	memset(&a, 0, sizeof a);
	a.o = o;
	a.report = report;
	a.ctx = ctx;
	if (o->stamp != NULL)
		a.stamp = *o->stamp;
	for (i = 0; i < m->n; i++)
		done += apply_one(&a, &m->v[i]);
	store_feed_list_free(a.feeds, a.nfeeds);
	store_close(a.store);
	free(a.store_err);
	return done;
}
