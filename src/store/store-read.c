/*
 * store: what the UI and --search read (headline pages, one full item) and
 * the user's state (read, flagged, full text).
 *
 * Headline pages use keyset pagination: "the next `limit` rows after
 * (date, id)" walks an index from where the last page stopped, so page
 * 1000 costs what page 1 costs and nothing is loaded that is not shown.
 * A search's page still finds and sorts every hit again, so a caller that
 * wants them all (--search) takes them from one statement instead
 * (store_search_each).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/i18n.h"

/* A search considers at most this many hits, the most recently stored:
 * enough for any name or phrase; a word in nearly every article is then
 * answered from the latest ones instead of sorting a million. */
#define STORE_SEARCH_WINDOW	10000
#define STORE_RANK_WINDOW	5000

#define HEADLINE_COLS \
	"i.id, i.feed_id, i.date, i.title, i.author, i.link, " \
	"coalesce(nullif(f.user_title, ''), nullif(f.title, ''), f.url), " \
	"i.unread, i.flagged"

/* One SQL text per (view, unread_only, order).  ?1 ?2: the cursor's date
 * and id, ?3: limit, ?4: feed id, ?5: search terms, ?6: offset. */
static const char *
headline_sql(const struct store_query *q)
{
	switch (q->view) {
	case STORE_VIEW_RIVER:
		return q->unread_only ?
		    "SELECT " HEADLINE_COLS " FROM items i CROSS JOIN feeds f "
		    "ON f.id = i.feed_id WHERE i.unread = 1 AND (i.date, i.id) < (?1, ?2) "
		    "ORDER BY i.date DESC, i.id DESC LIMIT ?3" :
		    "SELECT " HEADLINE_COLS " FROM items i CROSS JOIN feeds f "
		    "ON f.id = i.feed_id WHERE (i.date, i.id) < (?1, ?2) "
		    "ORDER BY i.date DESC, i.id DESC LIMIT ?3";
	case STORE_VIEW_FEED:
		return q->unread_only ?
		    "SELECT " HEADLINE_COLS " FROM items i CROSS JOIN feeds f "
		    "ON f.id = i.feed_id WHERE i.feed_id = ?4 AND i.unread = 1 AND "
		    "(i.date, i.id) < (?1, ?2) ORDER BY i.date DESC, i.id DESC LIMIT ?3" :
		    "SELECT " HEADLINE_COLS " FROM items i CROSS JOIN feeds f "
		    "ON f.id = i.feed_id WHERE i.feed_id = ?4 AND "
		    "(i.date, i.id) < (?1, ?2) ORDER BY i.date DESC, i.id DESC LIMIT ?3";
	case STORE_VIEW_FLAGGED:
		return "SELECT " HEADLINE_COLS " FROM items i CROSS JOIN feeds f "
		    "ON f.id = i.feed_id WHERE i.flagged = 1 AND (i.date, i.id) < (?1, ?2) "
		    "ORDER BY i.date DESC, i.id DESC LIMIT ?3";
	case STORE_VIEW_SEARCH:
		/* Only ids and dates (or ranks) of the hits are sorted; rows are
		 * read for one page.  ?7 caps the hits considered to the most
		 * recently stored ones, so a word found in nearly every
		 * article costs a bounded time (FTS5 streams rowids newest
		 * first and stops there). */
		return q->order == STORE_ORDER_BEST ?
		    "SELECT " HEADLINE_COLS " FROM (SELECT id, r FROM (SELECT rowid AS id, "
		    "rank AS r FROM items_fts WHERE items_fts MATCH ?5 ORDER BY rowid DESC "
		    "LIMIT ?7) ORDER BY r, id DESC LIMIT ?3 OFFSET ?6) AS h "
		    "CROSS JOIN items i ON i.id = h.id CROSS JOIN feeds f "
		    "ON f.id = i.feed_id ORDER BY h.r, h.id DESC" :
		    "SELECT " HEADLINE_COLS " FROM (SELECT d.id, d.date FROM (SELECT rowid "
		    "AS id FROM items_fts WHERE items_fts MATCH ?5 ORDER BY rowid DESC "
		    "LIMIT ?7) AS m CROSS JOIN items d INDEXED BY items_id_date "
		    "ON d.id = m.id WHERE (d.date, d.id) < (?1, ?2) "
		    "ORDER BY d.date DESC, d.id DESC LIMIT ?3) AS h CROSS JOIN items i "
		    "ON i.id = h.id CROSS JOIN feeds f ON f.id = i.feed_id "
		    "ORDER BY h.date DESC, h.id DESC";
	}
	return NULL;
}

/* Every hit at once (store_search_each).  Newest first: the rows of all
 * the hits are read anyway, so they are read straight from the match
 * (one lookup each) and sorted in memory (hits_give), instead of sorting
 * the dates from items_id_date first (a second lookup per hit) and then
 * reading the rows; the feeds' titles are read once (feed_titles_read),
 * not looked up for each hit.  Best match: the pages' statement already
 * sorts only ranks and ids and reads rows after; ?3 -1 and ?6 0 make it
 * one page of everything.  The same hits in the same order as the pages
 * joined: the same ?7 window, the same keys (date, id unique), the same
 * columns (6, the feed's title, filled in from feed_titles). */
static const char *
search_all_sql(const struct store_query *q)
{
	if (q->order == STORE_ORDER_BEST)
		return headline_sql(q);
	return "SELECT i.id, i.feed_id, i.date, i.title, i.author, i.link, NULL, "
	    "i.unread, i.flagged FROM (SELECT rowid AS id FROM items_fts "
	    "WHERE items_fts MATCH ?5 ORDER BY rowid DESC LIMIT ?7) AS m "
	    "CROSS JOIN items i ON i.id = m.id";
}

/* Terms that are not FTS5 syntax ("covid-19", "a:b", unbalanced quotes)
 * searched as plain words: each word quoted, a trailing * kept as a
 * prefix search. */
static char *
quote_terms(const char *terms)
{
	struct buf b = BUF_INIT;
	const char *p = terms, *start;
	size_t len;
	int prefix;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		for (start = p; *p != '\0' && *p != ' ' && *p != '\t' && *p != '\n'; p++)
			;
		len = (size_t)(p - start);
		prefix = len > 1 && start[len - 1] == '*';
		if (prefix)
			len--;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_addc(&b, '"');
		for (size_t i = 0; i < len; i++) {
			if (start[i] == '"')
				buf_addc(&b, '"');
			buf_addc(&b, start[i]);
		}
		buf_adds(&b, prefix ? "\"*" : "\"");
	}
	return buf_detach(&b);
}

/* A column's text without a copy, valid until the next step. */
static char *
col_peek(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return (char *)(t != NULL ? (const char *)t : "");
}

/* A headline row; its strings from str: store_col_str (copies) or
 * col_peek (none: a search that hands out every hit makes four fewer
 * allocations a hit). */
static void
read_headline(sqlite3_stmt *st, struct store_headline *h,
    char *(*str)(sqlite3_stmt *, int))
{
	h->id = sqlite3_column_int64(st, 0);
	h->feed_id = sqlite3_column_int64(st, 1);
	h->date = sqlite3_column_int64(st, 2);
	h->title = str(st, 3);
	h->author = str(st, 4);
	h->link = str(st, 5);
	h->feed_title = str(st, 6);
	h->unread = sqlite3_column_int(st, 7);
	h->flagged = sqlite3_column_int(st, 8);
}

static void
bind_query(sqlite3_stmt *st, const struct store_query *q, const char *terms,
    const struct store_cursor *cur, int64_t limit)
{
	sqlite3_bind_int64(st, 1, cur->date);
	sqlite3_bind_int64(st, 2, cur->id);
	sqlite3_bind_int64(st, 3, limit);
	sqlite3_bind_int64(st, 4, q->feed_id);
	if (terms != NULL)
		sqlite3_bind_text(st, 5, terms, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, cur->offset);
	sqlite3_bind_int(st, 7, q->order == STORE_ORDER_BEST ? STORE_RANK_WINDOW :
	    STORE_SEARCH_WINDOW);
}

static int
run_page(struct store *s, const struct store_query *q, const char *terms,
    struct store_cursor *cur, size_t limit, struct store_headline **out,
    size_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, headline_sql(q), -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, _("reading headlines"));
	bind_query(st, q, terms, cur, (int64_t)limit);
	*out = xcalloc(limit > 0 ? limit : 1, sizeof **out);
	*n = 0;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_headline(st, &(*out)[(*n)++], store_col_str);
	if (*n < limit && rc != SQLITE_DONE) {
		store_fail(s, err, q->view == STORE_VIEW_SEARCH ? _("searching") :
		    _("reading headlines"));
		sqlite3_finalize(st);
		store_headlines_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	sqlite3_finalize(st);
	if (*n > 0) {
		cur->date = (*out)[*n - 1].date;
		cur->id = (*out)[*n - 1].id;
	}
	cur->offset += (int64_t)*n;
	return 0;
}

int
store_headlines(struct store *s, const struct store_query *q,
    struct store_cursor *cursor, size_t limit, struct store_headline **out,
    size_t *n, char **err)
{
	char *quoted, *first_err = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if (limit > 10000)
		limit = 10000;
	if (q->view != STORE_VIEW_SEARCH)
		return run_page(s, q, NULL, cursor, limit, out, n, err);
	if (q->search == NULL || q->search[strspn(q->search, " \t\n")] == '\0') {
		*err = xasprintf(_("%s: nothing to search for"), s->path);
		return -1;
	}
	/* What waits for the index (inside store_begin(): what this
	 * transaction added too) is indexed first. */
	if (store_index_catch_up(s, err) != 0)
		return -1;
	if (run_page(s, q, q->search, cursor, limit, out, n, &first_err) == 0)
		return 0;
	/* Not query syntax?  Then the words themselves. */
	quoted = quote_terms(q->search);
	rc = run_page(s, q, quoted, cursor, limit, out, n, err);
	free(quoted);
	free(first_err);
	return rc;
}

/* Every feed's title as the pages show it, by id (ascending). */
struct feed_titles {
	int64_t		*id;
	size_t		*at;		/* offsets in text */
	size_t		 n;
	struct buf	 text;
};

/* Read while the hits' statement is open: the same snapshot, so every
 * hit's feed is there unless the row has none (which the pages' join
 * leaves out too). */
static int
feed_titles_read(struct store *s, struct feed_titles *ft, char **err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT id, coalesce(nullif(user_title, ''), "
	    "nullif(title, ''), url) FROM feeds ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_fail(s, err, _("searching"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ft->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			ft->id = xreallocarray(ft->id, cap, sizeof *ft->id);
			ft->at = xreallocarray(ft->at, cap, sizeof *ft->at);
		}
		ft->id[ft->n] = sqlite3_column_int64(st, 0);
		ft->at[ft->n++] = ft->text.len;
		buf_adds(&ft->text, col_peek(st, 1));
		buf_addc(&ft->text, '\0');
	}
	if (rc != SQLITE_DONE) {
		store_fail(s, err, _("searching"));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* The offset of a feed's title in ft->text; -1 if there is no such feed. */
static int64_t
feed_title_at(const struct feed_titles *ft, int64_t id)
{
	size_t lo = 0, hi = ft->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ft->id[mid] == id)
			return (int64_t)ft->at[mid];
		if (ft->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Hits waiting for the sort (newest first): their strings one after the
 * other in one buffer, at offsets (the buffer moves as it grows).  At most
 * STORE_SEARCH_WINDOW of them.  SQLite's own sorter would write them to a
 * temporary file past its cache size (2 MB: 10,000 headlines of a real
 * feed's length). */
struct hit {
	int64_t	 id;
	int64_t	 feed_id;
	int64_t	 date;
	size_t	 str[3];	/* title, author, link in text */
	size_t	 feed;		/* the feed's title in titles.text */
	int	 unread;
	int	 flagged;
};

struct hits {
	struct hit		*v;
	size_t			 n;
	size_t			 cap;
	struct buf		 text;
	struct feed_titles	 titles;
};

static void
hits_add(struct hits *hs, sqlite3_stmt *st)
{
	struct hit *h;
	int64_t feed;
	int i;

	feed = feed_title_at(&hs->titles, sqlite3_column_int64(st, 1));
	if (feed < 0)
		return;
	if (hs->n == hs->cap) {
		hs->cap = hs->cap == 0 ? 256 : hs->cap * 2;
		hs->v = xreallocarray(hs->v, hs->cap, sizeof *hs->v);
	}
	h = &hs->v[hs->n++];
	h->id = sqlite3_column_int64(st, 0);
	h->feed_id = sqlite3_column_int64(st, 1);
	h->date = sqlite3_column_int64(st, 2);
	for (i = 0; i < 3; i++) {
		h->str[i] = hs->text.len;
		buf_adds(&hs->text, col_peek(st, 3 + i));
		buf_addc(&hs->text, '\0');
	}
	h->feed = (size_t)feed;
	h->unread = sqlite3_column_int(st, 7);
	h->flagged = sqlite3_column_int(st, 8);
}

static void
hits_free(struct hits *hs)
{
	free(hs->v);
	buf_free(&hs->text);
	free(hs->titles.id);
	free(hs->titles.at);
	buf_free(&hs->titles.text);
}

/* Newest first: date, then id, both descending (the pages' order). */
static int
hit_cmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	if (x->id != y->id)
		return x->id < y->id ? 1 : -1;
	return 0;
}

static void
hits_give(struct hits *hs, store_hit_fn *fn, void *arg)
{
	struct store_headline h;
	struct hit *e;
	size_t i;

	if (hs->n > 1)
		qsort(hs->v, hs->n, sizeof *hs->v, hit_cmp);
	for (i = 0; i < hs->n; i++) {
		e = &hs->v[i];
		h.id = e->id;
		h.feed_id = e->feed_id;
		h.date = e->date;
		h.title = hs->text.data + e->str[0];
		h.author = hs->text.data + e->str[1];
		h.link = hs->text.data + e->str[2];
		h.feed_title = hs->titles.text.data + e->feed;
		h.unread = e->unread;
		h.flagged = e->flagged;
		if (fn(&h, arg) != 0)
			break;
	}
}

/* One run of search_all_sql; *seen counts the rows it read (a failure
 * before the first may be the terms' syntax). */
static int
run_all(struct store *s, const struct store_query *q, const char *terms,
    store_hit_fn *fn, void *arg, size_t *seen, char **err)
{
	struct store_cursor start = STORE_CURSOR_START;
	struct store_headline h;
	struct hits hs = { .text = BUF_INIT, .titles = { .text = BUF_INIT } };
	sqlite3_stmt *st = NULL;
	int rc, stop = 0;

	*seen = 0;
	if (sqlite3_prepare_v2(s->db, search_all_sql(q), -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, _("searching"));
	bind_query(st, q, terms, &start, -1);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (q->order == STORE_ORDER_BEST) {
			(*seen)++;
			read_headline(st, &h, col_peek);
			stop = fn(&h, arg) != 0;
			continue;
		}
		if ((*seen)++ == 0 && feed_titles_read(s, &hs.titles, err) != 0) {
			sqlite3_finalize(st);
			hits_free(&hs);
			return -1;
		}
		hits_add(&hs, st);
	}
	if (!stop && rc != SQLITE_DONE)
		store_fail(s, err, _("searching"));
	sqlite3_finalize(st);
	if (stop || rc == SQLITE_DONE)
		hits_give(&hs, fn, arg);
	hits_free(&hs);
	return stop || rc == SQLITE_DONE ? 0 : -1;
}

int
store_search_each(struct store *s, const struct store_query *q, store_hit_fn *fn,
    void *arg, char **err)
{
	char *quoted, *first_err = NULL;
	size_t seen;
	int rc;

	if (q->view != STORE_VIEW_SEARCH || q->search == NULL ||
	    q->search[strspn(q->search, " \t\n")] == '\0') {
		*err = xasprintf(_("%s: nothing to search for"), s->path);
		return -1;
	}
	/* First, as for a page: search what is not indexed yet too. */
	if (store_index_catch_up(s, err) != 0)
		return -1;
	if (run_all(s, q, q->search, fn, arg, &seen, &first_err) == 0)
		return 0;
	if (seen > 0) {
		*err = first_err;
		return -1;
	}
	/* Not query syntax?  Then the words themselves. */
	quoted = quote_terms(q->search);
	rc = run_all(s, q, quoted, fn, arg, &seen, err);
	free(quoted);
	free(first_err);
	return rc;
}

void
store_headlines_free(struct store_headline *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(h[i].title);
		free(h[i].author);
		free(h[i].link);
		free(h[i].feed_title);
	}
	free(h);
}
