/*
 * store: retention.  Items older than N days and/or beyond the newest N of
 * their feed are deleted, flagged ones never.  A deleted item leaves a
 * tombstone (feed, identity) so that, while the feed still lists it, a
 * refresh does not bring it back as new; tombstones not seen for half a
 * year go too.  Work is done in short transactions so a UI marking items
 * read never waits long.
 */
#include "config.h"

#include <stdlib.h>

#include "store/store-int.h"
#include "util/i18n.h"

#define BATCH		2000

struct victim {
	int64_t	 id;
	int64_t	 feed_id;
	int64_t	 ident;
};

static int
delete_victims(struct store *s, const struct victim *v, size_t n, char **err)
{
	sqlite3_stmt *del, *gone;
	int64_t now = time_now();
	size_t i;

	del = store_stmt(s, SLOT_ITEM_DELETE, "DELETE FROM items WHERE id = ?1", err);
	gone = store_stmt(s, SLOT_GONE_INSERT,
	    "INSERT OR REPLACE INTO gone (feed_id, ident, time) VALUES (?1, ?2, ?3)",
	    err);
	if (del == NULL || gone == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (store_index_drop(s, v[i].id, err) != 0)
			return -1;
		sqlite3_bind_int64(del, 1, v[i].id);
		if (store_run(s, del, err, _("deleting old items")) != 0)
			return -1;
		sqlite3_bind_int64(gone, 1, v[i].feed_id);
		sqlite3_bind_int64(gone, 2, v[i].ident);
		sqlite3_bind_int64(gone, 3, now);
		if (store_run(s, gone, err, _("deleting old items")) != 0)
			return -1;
	}
	return 0;
}

/* Run a query of (id, feed_id, ident) rows, delete up to BATCH of them in
 * one transaction; *n gets how many (0: done). */
static int
batch(struct store *s, const char *sql, int64_t a, int64_t b, size_t *n, char **err)
{
	struct victim *v = xcalloc(BATCH, sizeof *v);
	sqlite3_stmt *st = NULL;
	int own, rc = -1, step;

	*n = 0;
	if (store_tx_enter(s, &own, err) != 0) {
		free(v);
		return -1;
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, err, _("deleting old items"));
		goto out;
	}
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int(st, 3, BATCH);
	while (*n < BATCH && (step = sqlite3_step(st)) == SQLITE_ROW) {
		v[*n].id = sqlite3_column_int64(st, 0);
		v[*n].feed_id = sqlite3_column_int64(st, 1);
		v[*n].ident = sqlite3_column_int64(st, 2);
		(*n)++;
	}
	if (*n < BATCH && step != SQLITE_DONE) {
		store_fail(s, err, _("deleting old items"));
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	rc = delete_victims(s, v, *n, err);
out:
	sqlite3_finalize(st);
	free(v);
	return store_tx_leave(s, own, rc, err);
}

static int
repeat(struct store *s, const char *sql, int64_t a, int64_t b, int64_t *deleted,
    char **err)
{
	size_t n;

	do {
		if (batch(s, sql, a, b, &n, err) != 0)
			return -1;
		*deleted += (int64_t)n;
	} while (n == BATCH);
	return 0;
}

static int
feed_ids(struct store *s, int64_t **ids, size_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int step;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM feeds", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_fail(s, err, _("deleting old items"));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		return store_fail(s, err, _("deleting old items"));
	}
	return 0;
}

int
store_cleanup(struct store *s, const struct store_retention *r, int64_t *deletedp,
    char **err)
{
	int64_t deleted = 0, *ids = NULL;
	size_t nfeeds = 0, i;
	int rc = -1;

	if (r->keep_days > 0 && repeat(s,
	    "SELECT id, feed_id, ident FROM items WHERE date < ?1 AND flagged = 0 "
	    "LIMIT ?3", time_now() - (int64_t)r->keep_days * 86400, 0, &deleted,
	    err) != 0)
		goto out;
	if (r->keep_items > 0) {
		if (feed_ids(s, &ids, &nfeeds, err) != 0)
			goto out;
		/* The newest keep_items of a feed stay; of the rest, the
		 * unflagged go. */
		for (i = 0; i < nfeeds; i++)
			if (repeat(s, "SELECT id, feed_id, ident FROM (SELECT id, "
			    "feed_id, ident, flagged FROM items WHERE feed_id = ?1 "
			    "ORDER BY date DESC, id DESC LIMIT -1 OFFSET ?2) "
			    "WHERE flagged = 0 LIMIT ?3", ids[i], r->keep_items,
			    &deleted, err) != 0)
				goto out;
	}
	if (store_exec(s, "DELETE FROM gone WHERE time < strftime('%s', 'now') - 15552000",
	    err, _("deleting old items")) != 0)
		goto out;
	rc = 0;
out:
	free(ids);
	if (deletedp != NULL)
		*deletedp = deleted;
	return rc;
}
