/*
 * store: items.  Identity, change detection, the search index kept in step
 * with the rows, the story view's full item, read/flag state.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/i18n.h"

/* At most this much plain text of one item goes into the search index. */
#define STORE_INDEX_MAX	(256 * 1024)

/* Separators of the encoded lists (categories, enclosures, media): ASCII
 * record and unit separators, which are removed from the values. */
#define REC	'\x1e'
#define UNIT	'\x1f'

/* 64-bit FNV-1a. */
static uint64_t
hash_add(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	while (len-- > 0) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t
hash_str(uint64_t h, const char *s)
{
	h = hash_add(h, s != NULL ? s : "", s != NULL ? strlen(s) + 1 : 1);
	return h;
}

#define HASH_INIT 0xcbf29ce484222325ULL

/* guid, else link, else title + date; the kind is hashed in so that a guid
 * equal to another item's link is still another identity. */
static int64_t
item_ident(const struct item *it)
{
	uint64_t h = HASH_INIT;
	int64_t date;

	if (it->guid != NULL && *it->guid != '\0')
		h = hash_str(hash_str(h, "g"), it->guid);
	else if (it->link != NULL && *it->link != '\0')
		h = hash_str(hash_str(h, "l"), it->link);
	else {
		date = it->published != DL_TIME_NONE ? it->published : it->updated;
		h = hash_str(hash_str(h, "t"), it->title);
		h = hash_add(h, &date, sizeof date);
	}
	return (int64_t)h;
}

static void
add_value(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		buf_addc(b, *s == REC || *s == UNIT ? ' ' : *s);
}

/* Encode the lists as text; "" when empty (stored as NULL). */
static void
encode_lists(const struct item *it, struct buf *cat, struct buf *enc, struct buf *med)
{
	size_t i;

	for (i = 0; i < it->ncategories; i++) {
		if (i > 0)
			buf_addc(cat, UNIT);
		add_value(cat, it->categories[i]);
	}
	for (i = 0; i < it->nenclosures; i++) {
		if (i > 0)
			buf_addc(enc, REC);
		add_value(enc, it->enclosures[i].url);
		buf_addc(enc, UNIT);
		add_value(enc, it->enclosures[i].type);
		buf_printf(enc, "%c%lld", UNIT, (long long)it->enclosures[i].length);
	}
	for (i = 0; i < it->nmedia; i++) {
		const struct media *m = &it->media[i];

		if (i > 0)
			buf_addc(med, REC);
		add_value(med, m->url);
		buf_addc(med, UNIT);
		add_value(med, m->type);
		buf_addc(med, UNIT);
		add_value(med, m->caption);
		buf_addc(med, UNIT);
		add_value(med, m->credit);
		buf_printf(med, "%c%d%c%d", UNIT, m->width, UNIT, m->height);
	}
}

static int64_t
content_hash(const struct item *it, const struct buf *cat, const struct buf *enc,
    const struct buf *med)
{
	uint64_t h = HASH_INIT;

	h = hash_str(h, it->guid);
	h = hash_str(h, it->title);
	h = hash_str(h, it->link);
	h = hash_str(h, it->author);
	h = hash_str(h, it->summary);
	h = hash_str(h, it->content);
	h = hash_add(h, &it->published, sizeof it->published);
	h = hash_add(h, &it->updated, sizeof it->updated);
	h = hash_str(h, buf_str(cat));
	h = hash_str(h, buf_str(enc));
	h = hash_str(h, buf_str(med));
	return (int64_t)h;
}

/* The date lists sort by: a date in the future (a wrong time zone) is
 * taken as now, so one bad feed cannot sit on top of the river. */
static int64_t
item_date(const struct item *it, int64_t first_seen)
{
	int64_t d = it->published != DL_TIME_NONE ? it->published : it->updated;

	if (d == DL_TIME_NONE || d > first_seen + 86400)
		return first_seen;
	return d;
}

/* --- The search index ----------------------------------------------- */

static void
media_captions(struct buf *b, const char *media)
{
	const char *p = media, *rec, *f;
	int field;

	/* Fields: url, type, caption, credit, width, height. */
	while (p != NULL && *p != '\0') {
		rec = strchr(p, REC);
		for (f = p, field = 0; f != NULL && (rec == NULL || f < rec); field++) {
			const char *next = strchr(f, UNIT);
			size_t len;

			if (next == NULL || (rec != NULL && next > rec))
				next = rec;
			len = next != NULL ? (size_t)(next - f) : strlen(f);
			if (field == 2 || field == 3) {
				buf_addc(b, ' ');
				buf_add(b, f, len);
			}
			f = next != NULL && next != rec ? next + 1 : NULL;
		}
		p = rec != NULL ? rec + 1 : NULL;
	}
}

/* The exact text the index holds for a row's body. */
void
store_fts_text(struct buf *body, const struct store_fts_row *row)
{
	const char *main_html;

	main_html = row->fulltext != NULL && *row->fulltext != '\0' ? row->fulltext :
	    row->content;
	if (main_html != NULL && *main_html != '\0')
		store_html_text(body, main_html, STORE_INDEX_MAX);
	/* The summary too, unless the body already says it (wire feeds
	 * repeat the first paragraph): words counted twice cost space. */
	if (row->summary != NULL && *row->summary != '\0') {
		struct buf sum = BUF_INIT;

		store_html_text(&sum, row->summary, STORE_INDEX_MAX / 4);
		if (sum.len > 0 && strstr(buf_str(body), sum.data) == NULL) {
			buf_addc(body, ' ');
			buf_add(body, sum.data, sum.len);
		}
		buf_free(&sum);
	}
	media_captions(body, row->media);
}

int
store_fts_write(struct store *s, int64_t id, const char *title, const char *author,
    const char *body, int add, char **err)
{
	sqlite3_stmt *st;

	st = add ? store_stmt(s, SLOT_FTS_INSERT,
	    "INSERT INTO items_fts (rowid, title, author, body) VALUES (?1, ?2, ?3, ?4)",
	    err) : store_stmt(s, SLOT_FTS_DELETE,
	    "INSERT INTO items_fts (items_fts, rowid, title, author, body) "
	    "VALUES ('delete', ?1, ?2, ?3, ?4)", err);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, title != NULL ? title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, author != NULL ? author : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, body, -1, SQLITE_STATIC);
	return store_run(s, st, err, _("updating the search index"));
}

/* Write (add) or remove an index row now; takes body. */
static int
fts_add_text(struct store *s, int64_t id, const char *title, const char *author,
    struct buf *body, int add, char **err)
{
	int rc;

	rc = store_fts_write(s, id, title, author, buf_str(body), add, err);
	buf_free(body);
	return rc;
}

int
store_fts_change(struct store *s, int64_t id, const struct store_fts_row *row,
    int add, char **err)
{
	struct buf body = BUF_INIT;

	store_fts_text(&body, row);
	return fts_add_text(s, id, row->title, row->author, &body, add, err);
}

int
store_fts_read(sqlite3_stmt *st, int64_t id, struct store_fts_row *row)
{
	char *col[6];
	int i, rc;

	memset(row, 0, sizeof *row);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_done(st);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	for (i = 0; i < 6; i++)
		col[i] = i >= 2 && i <= 4 ? store_col_body(st, i) : store_col_str(st, i);
	store_done(st);
	row->title = col[0];
	row->author = col[1];
	row->summary = col[2];
	row->content = col[3];
	row->fulltext = col[4];
	row->media = col[5];
	return 1;
}

void
store_fts_row_free(struct store_fts_row *row)
{
	free((char *)row->title);
	free((char *)row->author);
	free((char *)row->summary);
	free((char *)row->content);
	free((char *)row->fulltext);
	free((char *)row->media);
	memset(row, 0, sizeof *row);
}

int
store_fts_stored(struct store *s, int64_t id, int add, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_ITEM_TEXT, STORE_FTS_READ_SQL, err);
	struct store_fts_row row;
	int rc;

	if (st == NULL)
		return -1;
	rc = store_fts_read(st, id, &row);
	if (rc <= 0)
		return rc == 0 ? 0 : store_fail(s, err, _("reading an item"));
	rc = store_fts_change(s, id, &row, add, err);
	store_fts_row_free(&row);
	return rc;
}

/* --- Upsert --------------------------------------------------------- */

/* Bind the item's text columns ?3 … ?14, shared by insert and update. */
static void
bind_item(sqlite3_stmt *st, struct store_prep *p, int64_t date)
{
	const struct item *it = p->it;
	const char *guid = it->guid;

	if (guid != NULL && it->link != NULL && strcmp(guid, it->link) == 0)
		guid = NULL;	/* the usual case: said once */
	sqlite3_bind_int64(st, 3, p->chash);
	sqlite3_bind_int64(st, 4, date);
	store_bind_time(st, 5, it->published);
	store_bind_time(st, 6, it->updated);
	sqlite3_bind_text(st, 7, it->title != NULL ? it->title : "", -1, SQLITE_STATIC);
	store_bind_opt(st, 8, it->author);
	store_bind_opt(st, 9, it->link);
	store_bind_opt(st, 10, guid);
	store_bind_opt(st, 11, buf_str(&p->cat));
	store_bind_opt(st, 12, buf_str(&p->enc));
	store_bind_opt(st, 13, buf_str(&p->med));
	store_bind_zipped(st, 14, it->summary, &p->summary);
	store_bind_zipped(st, 15, it->content, &p->content);
}

/* Removed by retention earlier?  Then keep it removed (and remember that
 * it is still in the feed, so the tombstone lives on). */
static int
is_gone(struct store *s, int64_t feed_id, int64_t ident, int *gone, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_GONE_LOOKUP,
	    "SELECT time FROM gone WHERE feed_id = ?1 AND ident = ?2", err);
	sqlite3_stmt *touch;
	int64_t when = 0, now = time_now();
	int rc;

	*gone = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, ident);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*gone = 1;
		when = sqlite3_column_int64(st, 0);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("reading the store"));
	if (!*gone || now - when < 7 * 86400)
		return 0;
	touch = store_stmt(s, SLOT_GONE_TOUCH,
	    "UPDATE gone SET time = ?3 WHERE feed_id = ?1 AND ident = ?2", err);
	if (touch == NULL)
		return -1;
	sqlite3_bind_int64(touch, 1, feed_id);
	sqlite3_bind_int64(touch, 2, ident);
	sqlite3_bind_int64(touch, 3, now);
	return store_run(s, touch, err, _("saving an item"));
}

static int
lookup(struct store *s, int64_t feed_id, int64_t ident, int64_t *id,
    int64_t *chash, int64_t *first_seen, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_ITEM_LOOKUP,
	    "SELECT id, chash, first_seen FROM items WHERE feed_id = ?1 AND ident = ?2",
	    err);
	int rc;

	*id = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, feed_id);
	sqlite3_bind_int64(st, 2, ident);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*chash = sqlite3_column_int64(st, 1);
		*first_seen = sqlite3_column_int64(st, 2);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, _("reading the store"));
	return 0;
}

static int
write_item(struct store *s, int64_t feed_id, int64_t id, int64_t first_seen,
    struct store_prep *p, int64_t *newid, char **err)
{
	const struct item *it = p->it;
	sqlite3_stmt *st;
	int update = id != 0;

	/* OR FAIL: the constraints cannot fail here (the lookup came first,
	 * inside the same write transaction), and the default (ABORT) makes
	 * SQLite keep a statement journal for the trigger's write: a copy of
	 * every page each insert touched, 60% of a cold refresh's writes. */
	if (!update)
		st = store_stmt(s, SLOT_ITEM_INSERT,
		    "INSERT OR FAIL INTO items (feed_id, ident, chash, date, published, "
		    "updated, title, author, link, guid, categories, enclosures, media, "
		    "summary, content, first_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		    "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", err);
	else
		st = store_stmt(s, SLOT_ITEM_UPDATE,
		    "UPDATE OR FAIL items SET chash = ?3, date = ?4, published = ?5, "
		    "updated = ?6, title = ?7, author = ?8, link = ?9, guid = ?10, "
		    "categories = ?11, enclosures = ?12, media = ?13, summary = ?14, "
		    "content = ?15 WHERE id = ?2", err);
	if (st == NULL)
		return -1;
	if (id == 0) {
		sqlite3_bind_int64(st, 1, feed_id);
		sqlite3_bind_int64(st, 2, p->ident);
		sqlite3_bind_int64(st, 16, first_seen);
	} else
		sqlite3_bind_int64(st, 2, id);
	bind_item(st, p, item_date(it, first_seen));
	if (store_run(s, st, err, _("saving an item")) != 0)
		return -1;
	if (id == 0)
		id = sqlite3_last_insert_rowid(s->db);
	*newid = id;
	/* Indexed later (store-index.c), with a fetched full text too. */
	return store_index_later(s, id, err);
}

struct store_prep *
store_item_prepare(const struct item *it)
{
	struct store_prep *p = xcalloc(1, sizeof *p);

	p->it = it;
	p->ident = item_ident(it);
	encode_lists(it, &p->cat, &p->enc, &p->med);
	p->chash = content_hash(it, &p->cat, &p->enc, &p->med);
	store_zip(it->summary, &p->summary);
	store_zip(it->content, &p->content);
	return p;
}

void
store_prep_shed(struct store_prep *p, struct item *it)
{
	if (p->it != it)
		return;
	if (p->summary.data != NULL) {
		free(it->summary);
		it->summary = xstrdup("");
	}
	if (p->content.data != NULL) {
		free(it->content);
		it->content = xstrdup("");
	}
}

void
store_prep_free(struct store_prep *p)
{
	if (p == NULL)
		return;
	buf_free(&p->cat);
	buf_free(&p->enc);
	buf_free(&p->med);
	free(p->summary.data);
	free(p->content.data);
	free(p);
}

int
store_item_upsert_prep(struct store *s, int64_t feed_id, struct store_prep *p,
    enum store_change *change, int64_t *idp, char **err)
{
	int64_t old_hash = 0, id, first_seen, newid = 0;
	enum store_change what = STORE_UNCHANGED;
	int own, gone, rc = -1;

	if (store_tx_enter(s, &own, err) != 0)
		goto out;
	if (lookup(s, feed_id, p->ident, &id, &old_hash, &first_seen, err) != 0)
		goto out;
	if (id != 0 && old_hash == p->chash) {
		newid = id;
		rc = 0;
		goto out;
	}
	if (id == 0) {
		if (is_gone(s, feed_id, p->ident, &gone, err) != 0)
			goto out;
		if (gone) {
			what = STORE_GONE;
			rc = 0;
			goto out;
		}
		first_seen = time_now();
		what = STORE_NEW;
	} else {
		if (store_index_drop(s, id, err) != 0)
			goto out;
		what = STORE_UPDATED;
	}
	rc = write_item(s, feed_id, id, first_seen, p, &newid, err);
out:
	rc = store_tx_leave(s, own, rc, err);
	if (change != NULL)
		*change = rc == 0 ? what : STORE_UNCHANGED;
	if (idp != NULL)
		*idp = rc == 0 ? newid : 0;
	return rc;
}

int
store_item_upsert(struct store *s, int64_t feed_id, const struct item *it,
    enum store_change *change, int64_t *idp, char **err)
{
	struct store_prep *p = store_item_prepare(it);
	int rc;

	rc = store_item_upsert_prep(s, feed_id, p, change, idp, err);
	store_prep_free(p);
	return rc;
}
