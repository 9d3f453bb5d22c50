/* store: feeds (subscriptions), their HTTP cache data and the feed list. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/i18n.h"

int
store_feed_ensure(struct store *s, const char *url, int64_t *id, char **err)
{
	sqlite3_stmt *ins, *sel;
	int rc;

	*id = 0;
	ins = store_stmt(s, SLOT_FEED_ENSURE_INS,
	    "INSERT INTO feeds (url) VALUES (?1) ON CONFLICT (url) DO NOTHING", err);
	sel = store_stmt(s, SLOT_FEED_ENSURE_SEL, "SELECT id FROM feeds WHERE url = ?1",
	    err);
	if (ins == NULL || sel == NULL)
		return -1;
	sqlite3_bind_text(sel, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_step(sel);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(sel, 0);
	store_done(sel);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_fail(s, err, _("looking up a feed"));
	sqlite3_bind_text(ins, 1, url, -1, SQLITE_STATIC);
	if (store_run(s, ins, err, _("adding a feed")) != 0)
		return -1;
	/* A concurrent writer may have added it: the conflict clause kept
	 * theirs, so read the id back instead of trusting last_insert_rowid. */
	sqlite3_bind_text(sel, 1, url, -1, SQLITE_STATIC);
	if (sqlite3_step(sel) == SQLITE_ROW)
		*id = sqlite3_column_int64(sel, 0);
	store_done(sel);
	if (*id == 0)
		return store_fail(s, err, _("adding a feed"));
	return 0;
}

int
store_feed_find(struct store *s, const char *key, int64_t *id, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_FEED_FIND,
	    "SELECT id FROM feeds WHERE url = ?1 UNION ALL "
	    "SELECT id FROM feeds WHERE user_title = ?1 UNION ALL "
	    "SELECT id FROM feeds WHERE title = ?1 LIMIT 1", err);
	int rc;

	*id = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("looking up a feed"));
	return 0;
}

int
store_feed_set_meta(struct store *s, int64_t id, const struct feed *feed, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_FEED_SET_META,
	    "UPDATE feeds SET title = ?2, link = ?3 WHERE id = ?1 AND "
	    "(title IS NOT ?2 OR link IS NOT ?3)", err);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, feed->title != NULL ? feed->title : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 3, feed->link != NULL ? feed->link : "", -1,
	    SQLITE_STATIC);
	return store_run(s, st, err, _("saving a feed's title"));
}

int
store_feed_rename(struct store *s, int64_t id, const char *title, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_FEED_RENAME,
	    "UPDATE feeds SET user_title = ?2 WHERE id = ?1 AND user_title IS NOT ?2",
	    err);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_opt(st, 2, title);
	return store_run(s, st, err, _("renaming a feed"));
}

int
store_feed_set_tags(struct store *s, int64_t id, const char *tags, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_FEED_TAGS,
	    "UPDATE feeds SET tags = ?2 WHERE id = ?1 AND tags IS NOT ?2", err);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, tags != NULL ? tags : "", -1, SQLITE_STATIC);
	return store_run(s, st, err, _("saving a feed's tags"));
}

int
store_feed_set_url(struct store *s, int64_t id, const char *new_url, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_FEED_SET_URL,
	    "UPDATE feeds SET url = ?2 WHERE id = ?1", err);
	int64_t other;

	if (st == NULL || store_feed_find(s, new_url, &other, err) != 0)
		return -1;
	if (other != 0 && other != id) {
		*err = xasprintf(_("%s: cannot move a feed to %s: another feed has "
		    "that address"), s->path, new_url);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, new_url, -1, SQLITE_STATIC);
	return store_run(s, st, err, _("changing a feed's address"));
}

int
store_feed_merge(struct store *s, int64_t keep, int64_t from, char **err)
{
	/* ?1 keeps, ?2 goes.  An item both feeds hold stays keep's row,
	 * read when either was read and flagged when either was flagged;
	 * the others move (their ids, and so their search index rows, stay).
	 * Moving rows fires no count trigger: the counts are taken again. */
	static const char *const steps[] = {
		"UPDATE items SET unread = 0 WHERE feed_id = ?1 AND unread = 1 AND "
		"ident IN (SELECT ident FROM items WHERE feed_id = ?2 AND unread = 0)",
		"UPDATE items SET flagged = 1 WHERE feed_id = ?1 AND flagged = 0 AND "
		"ident IN (SELECT ident FROM items WHERE feed_id = ?2 AND flagged = 1)",
		"UPDATE OR IGNORE items SET feed_id = ?1 WHERE feed_id = ?2",
		"INSERT OR IGNORE INTO gone (feed_id, ident, time) "
		"SELECT ?1, ident, time FROM gone WHERE feed_id = ?2",
		"UPDATE feeds SET "
		"total = (SELECT count(*) FROM items WHERE feed_id = feeds.id), "
		"unread = (SELECT count(*) FROM items WHERE feed_id = feeds.id "
		"AND unread = 1) WHERE id IN (?1, ?2)",
	};
	sqlite3_stmt *st = NULL;
	size_t i;
	int own, rc = -1;

	if (keep == from)
		return 0;
	if (store_tx_enter(s, &own, err) != 0)
		return -1;
	for (i = 0; i < DL_ARRAY_LEN(steps); i++) {
		sqlite3_finalize(st);
		st = NULL;
		if (sqlite3_prepare_v2(s->db, steps[i], -1, &st, NULL) != SQLITE_OK) {
			store_fail(s, err, _("merging two feeds"));
			goto out;
		}
		sqlite3_bind_int64(st, 1, keep);
		sqlite3_bind_int64(st, 2, from);
		if (store_run(s, st, err, _("merging two feeds")) != 0)
			goto out;
	}
	/* What is left of `from` is the copies keep already had. */
	rc = store_feed_delete(s, from, err);
out:
	sqlite3_finalize(st);
	return store_tx_leave(s, own, rc, err);
}

int
store_feed_delete(struct store *s, int64_t id, char **err)
{
	static const char *const steps[] = {
		"DELETE FROM items WHERE feed_id = ?1",
		"DELETE FROM gone WHERE feed_id = ?1",
		"DELETE FROM feeds WHERE id = ?1",
	};
	sqlite3_stmt *st = NULL;
	int own, rc = -1, step;
	size_t i;

	if (store_tx_enter(s, &own, err) != 0)
		return -1;
	/* The index first: removing a row needs its text. */
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM items WHERE feed_id = ?1", -1,
	    &st, NULL) != SQLITE_OK) {
		store_fail(s, err, _("removing a feed"));
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (store_index_drop(s, sqlite3_column_int64(st, 0), err) != 0)
			goto out;
	if (step != SQLITE_DONE) {
		store_fail(s, err, _("removing a feed"));
		goto out;
	}
	for (i = 0; i < DL_ARRAY_LEN(steps); i++) {
		sqlite3_finalize(st);
		st = NULL;
		if (sqlite3_prepare_v2(s->db, steps[i], -1, &st, NULL) != SQLITE_OK) {
			store_fail(s, err, _("removing a feed"));
			goto out;
		}
		sqlite3_bind_int64(st, 1, id);
		if (store_run(s, st, err, _("removing a feed")) != 0)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return store_tx_leave(s, own, rc, err);
}

int
store_feed_get_http_cache(struct store *s, int64_t id, char **etag,
    char **last_modified, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_FEED_HTTP_GET,
	    "SELECT etag, last_modified FROM feeds WHERE id = ?1", err);
	int rc;

	*etag = *last_modified = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			*etag = store_col_str(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			*last_modified = store_col_str(st, 1);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("reading a feed's cache headers"));
	return 0;
}

int
store_feed_set_fetch_result(struct store *s, int64_t id,
    const struct store_fetch_result *r, char **err)
{
	sqlite3_stmt *st;

	if (r->error == NULL)
		st = store_stmt(s, SLOT_FEED_FETCH_OK,
		    "UPDATE feeds SET last_fetch = ?2, http_status = ?3, error = '', "
		    "error_count = 0, "
		    "etag = CASE WHEN ?4 IS NULL THEN etag ELSE nullif(?4, '') END, "
		    "last_modified = CASE WHEN ?5 IS NULL THEN last_modified "
		    "ELSE nullif(?5, '') END WHERE id = ?1", err);
	else
		st = store_stmt(s, SLOT_FEED_FETCH_FAIL,
		    "UPDATE feeds SET last_fetch = ?2, http_status = ?3, error = ?6, "
		    "error_count = error_count + 1, "
		    "etag = CASE WHEN ?4 IS NULL THEN etag ELSE nullif(?4, '') END, "
		    "last_modified = CASE WHEN ?5 IS NULL THEN last_modified "
		    "ELSE nullif(?5, '') END WHERE id = ?1", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_time(st, 2, r->time);
	sqlite3_bind_int(st, 3, r->http_status);
	if (r->etag != NULL)
		sqlite3_bind_text(st, 4, r->etag, -1, SQLITE_STATIC);
	if (r->last_modified != NULL)
		sqlite3_bind_text(st, 5, r->last_modified, -1, SQLITE_STATIC);
	if (r->error != NULL)
		sqlite3_bind_text(st, 6, r->error, -1, SQLITE_STATIC);
	return store_run(s, st, err, _("saving a fetch result"));
}

int
store_feed_list(struct store *s, struct store_feed_info **feeds, size_t *n,
    char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_FEED_LIST,
	    "SELECT id, url, coalesce(nullif(user_title, ''), nullif(title, ''), url), "
	    "link, tags, unread, total, last_fetch, http_status, error_count, error "
	    "FROM feeds ORDER BY id", err);
	struct store_feed_info *v = NULL, *f;
	size_t len = 0, cap = 0;
	int rc;

	*feeds = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		f = &v[len++];
		f->id = sqlite3_column_int64(st, 0);
		f->url = store_col_str(st, 1);
		f->title = store_col_str(st, 2);
		f->link = store_col_str(st, 3);
		f->tags = store_col_str(st, 4);
		f->unread = sqlite3_column_int64(st, 5);
		f->total = sqlite3_column_int64(st, 6);
		f->last_fetch = store_col_time(st, 7);
		f->http_status = sqlite3_column_int(st, 8);
		f->error_count = sqlite3_column_int(st, 9);
		f->error = store_col_str(st, 10);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		store_feed_list_free(v, len);
		return store_fail(s, err, _("reading the feed list"));
	}
	*feeds = v;
	*n = len;
	return 0;
}

void
store_feed_list_free(struct store_feed_info *feeds, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(feeds[i].url);
		free(feeds[i].title);
		free(feeds[i].link);
		free(feeds[i].tags);
		free(feeds[i].error);
	}
	free(feeds);
}
