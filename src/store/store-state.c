/*
 * store: one full item for the story view; the user's state (read,
 * flagged, fetched full text); retention.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/i18n.h"

#define REC	'\x1e'
#define UNIT	'\x1f'

/* Split "a<sep>b<sep>c" into new strings; n fields at most. */
static size_t
split(const char *s, char sep, char **field, size_t max)
{
	const char *next;
	size_t n = 0;

	while (n < max) {
		next = strchr(s, sep);
		field[n++] = next != NULL ? xstrndup(s, (size_t)(next - s)) : xstrdup(s);
		if (next == NULL)
			break;
		s = next + 1;
	}
	return n;
}

static size_t
count_recs(const char *s, char sep)
{
	size_t n = 1;

	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		n += *s == sep;
	return n;
}

static void
decode_categories(struct item *it, const char *s)
{
	size_t n = count_recs(s, UNIT);

	it->categories = xcalloc(n + 1, sizeof *it->categories);
	it->ncategories = n > 0 ? split(s, UNIT, it->categories, n) : 0;
}

static void
decode_enclosures(struct item *it, const char *s)
{
	size_t n = count_recs(s, REC), i, k;
	char **recs = xcalloc(n + 1, sizeof *recs), *f[3];

	n = n > 0 ? split(s, REC, recs, n) : 0;
	it->enclosures = xcalloc(n + 1, sizeof *it->enclosures);
	for (i = 0; i < n; i++) {
		memset(f, 0, sizeof f);
		k = split(recs[i], UNIT, f, 3);
		it->enclosures[i].url = f[0];
		it->enclosures[i].type = k > 1 ? f[1] : xstrdup("");
		it->enclosures[i].length = k > 2 ? strtoll(f[2], NULL, 10) : -1;
		free(f[2]);
		free(recs[i]);
	}
	it->nenclosures = n;
	free(recs);
}

static void
decode_media(struct item *it, const char *s)
{
	size_t n = count_recs(s, REC), i, k, j;
	char **recs = xcalloc(n + 1, sizeof *recs), *f[6];

	n = n > 0 ? split(s, REC, recs, n) : 0;
	it->media = xcalloc(n + 1, sizeof *it->media);
	for (i = 0; i < n; i++) {
		struct media *m = &it->media[i];

		memset(f, 0, sizeof f);
		k = split(recs[i], UNIT, f, 6);
		for (j = k; j < 6; j++)
			f[j] = xstrdup(j < 4 ? "" : "0");
		m->url = f[0];
		m->type = f[1];
		m->caption = f[2];
		m->credit = f[3];
		m->width = atoi(f[4]);
		m->height = atoi(f[5]);
		free(f[4]);
		free(f[5]);
		free(recs[i]);
	}
	it->nmedia = n;
	free(recs);
}

int
store_item_get(struct store *s, int64_t id, struct store_item **out, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_ITEM_GET,
	    "SELECT i.id, i.feed_id, i.date, i.first_seen, i.unread, i.flagged, "
	    "coalesce(nullif(f.user_title, ''), nullif(f.title, ''), f.url), f.url, "
	    "i.fulltext, coalesce(i.guid, i.link), i.title, i.link, i.author, "
	    "i.summary, i.content, i.published, i.updated, i.categories, "
	    "i.enclosures, i.media FROM items i JOIN feeds f ON f.id = i.feed_id "
	    "WHERE i.id = ?1", err);
	struct store_item *r;
	char *text;
	int rc;

	*out = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_done(st);
		return rc == SQLITE_DONE ? 0 : store_fail(s, err, _("reading an item"));
	}
	r = xcalloc(1, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->feed_id = sqlite3_column_int64(st, 1);
	r->date = sqlite3_column_int64(st, 2);
	r->first_seen = sqlite3_column_int64(st, 3);
	r->unread = sqlite3_column_int(st, 4);
	r->flagged = sqlite3_column_int(st, 5);
	r->feed_title = store_col_str(st, 6);
	r->feed_url = store_col_str(st, 7);
	r->fulltext = sqlite3_column_type(st, 8) == SQLITE_NULL ? NULL :
	    store_col_body(st, 8);
	r->item.guid = store_col_str(st, 9);
	r->item.title = store_col_str(st, 10);
	r->item.link = store_col_str(st, 11);
	r->item.author = store_col_str(st, 12);
	r->item.summary = store_col_body(st, 13);
	r->item.content = store_col_body(st, 14);
	r->item.published = store_col_time(st, 15);
	r->item.updated = store_col_time(st, 16);
	text = store_col_str(st, 17);
	decode_categories(&r->item, text);
	free(text);
	text = store_col_str(st, 18);
	decode_enclosures(&r->item, text);
	free(text);
	text = store_col_str(st, 19);
	decode_media(&r->item, text);
	free(text);
	store_done(st);
	*out = r;
	return 0;
}

void
store_item_free(struct store_item *r)
{
	if (r == NULL)
		return;
	free(r->feed_title);
	free(r->feed_url);
	free(r->fulltext);
	parse_item_reset(&r->item);
	free(r);
}

/* --- State ------------------------------------------------------------ */

static int
set_flag(struct store *s, enum store_slot slot, const char *sql, int64_t id,
    int value, char **err)
{
	sqlite3_stmt *st = store_stmt(s, slot, sql, err);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, value != 0);
	return store_run(s, st, err, _("saving an item's state"));
}

int
store_item_set_unread(struct store *s, int64_t id, int unread, char **err)
{
	return set_flag(s, SLOT_ITEM_UNREAD,
	    "UPDATE items SET unread = ?2 WHERE id = ?1 AND unread <> ?2", id, unread,
	    err);
}

int
store_item_set_flagged(struct store *s, int64_t id, int flagged, char **err)
{
	return set_flag(s, SLOT_ITEM_FLAGGED,
	    "UPDATE items SET flagged = ?2 WHERE id = ?1 AND flagged <> ?2", id, flagged,
	    err);
}

int
store_feed_mark_read(struct store *s, int64_t feed_id, int64_t *count, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (count != NULL)
		*count = 0;
	rc = sqlite3_prepare_v2(s->db, feed_id != 0 ?
	    "UPDATE items SET unread = 0 WHERE feed_id = ?1 AND unread = 1" :
	    "UPDATE items SET unread = 0 WHERE unread = 1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, err, _("marking items read"));
	if (feed_id != 0)
		sqlite3_bind_int64(st, 1, feed_id);
	rc = store_run(s, st, err, _("marking items read"));
	if (rc == 0 && count != NULL)
		*count = sqlite3_changes64(s->db);
	sqlite3_finalize(st);
	return rc;
}

int
store_item_set_fulltext(struct store *s, int64_t id, const char *html, char **err)
{
	sqlite3_stmt *st;
	int own, rc = -1;

	if (store_tx_enter(s, &own, err) != 0)
		return -1;
	st = store_stmt(s, SLOT_ITEM_FULLTEXT,
	    "UPDATE items SET fulltext = ?2 WHERE id = ?1", err);
	if (st == NULL || store_index_drop(s, id, err) != 0)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	store_bind_body(st, 2, html);
	if (store_run(s, st, err, _("saving an article's full text")) != 0 ||
	    store_index_later(s, id, err) != 0)
		goto out;
	rc = 0;
out:
	return store_tx_leave(s, own, rc, err);
}
