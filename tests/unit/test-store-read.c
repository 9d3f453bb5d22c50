/* Unit tests for src/store: headline pages, search, retention, and the
 * query plans of everything the UI and refresh run. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "test-store-util.h"
#include "store/store-int.h"

/* Two feeds: A has items a0..a29 dated 1000..1029, B has b0..b19 dated
 * 1000..1019 (equal dates across feeds test the id tie-break). */
static void
fill(struct tstore *t, int64_t *fa, int64_t *fb)
{
	char *err = NULL, link[64], title[64], content[128];
	struct item it;
	int i;

	assert_int_equal(store_feed_ensure(t->s, "https://a.example/feed", fa, &err), 0);
	assert_int_equal(store_feed_ensure(t->s, "https://b.example/feed", fb, &err), 0);
	for (i = 0; i < 30; i++) {
		snprintf(link, sizeof link, "https://a.example/%d", i);
		snprintf(title, sizeof title, "a%d", i);
		snprintf(content, sizeof content, "<p>alpha story number%d &amp; "
		    "harbour<script>var hidden = 1;</script></p>", i);
		it = titem(NULL, link, title, content, 1000 + i);
		assert_int_equal(store_item_upsert(t->s, *fa, &it, NULL, NULL, &err), 0);
		if (i < 20) {
			snprintf(link, sizeof link, "https://b.example/%d", i);
			snprintf(title, sizeof title, "b%d", i);
			it = titem(NULL, link, title, "<p>beta report from Vladivostok</p>",
			    1000 + i);
			assert_int_equal(store_item_upsert(t->s, *fb, &it, NULL, NULL,
			    &err), 0);
		}
	}
}

/* Page through a query `per` rows at a time; the titles joined. */
static char *
walk(struct tstore *t, const struct store_query *q, size_t per, size_t *total)
{
	struct store_cursor cur = STORE_CURSOR_START;
	struct store_headline *h;
	struct buf b = BUF_INIT;
	char *err = NULL;
	size_t n, i;

	*total = 0;
	do {
		assert_int_equal(store_headlines(t->s, q, &cur, per, &h, &n, &err), 0);
		for (i = 0; i < n; i++) {
			buf_printf(&b, "%s%s", b.len ? "," : "", h[i].title);
			assert_true(h[i].feed_title[0] != '\0');
		}
		*total += n;
		store_headlines_free(h, n);
	} while (n == per);
	return buf_detach(&b);
}

static void
test_river_pages_newest_first_without_gaps(void **state)
{
	struct store_query q = { .view = STORE_VIEW_RIVER };
	struct tstore t;
	int64_t fa, fb;
	char *all, *paged;
	size_t n1, n2;

	(void)state;
	tstore_open(&t);
	fill(&t, &fa, &fb);
	all = walk(&t, &q, 1000, &n1);
	paged = walk(&t, &q, 7, &n2);
	assert_int_equal(n1, 50);
	assert_int_equal(n2, 50);
	assert_string_equal(all, paged);
	/* Same date: the later-stored item first. */
	assert_true(strncmp(all, "a29,a28,", 8) == 0);
	assert_non_null(strstr(all, "b19,a19,b18,a18"));
	free(all);
	free(paged);

	q.view = STORE_VIEW_FEED;
	q.feed_id = fb;
	all = walk(&t, &q, 3, &n1);
	assert_int_equal(n1, 20);
	assert_true(strncmp(all, "b19,b18,", 8) == 0);
	free(all);
	tstore_close(&t);
}

static void
test_unread_and_flagged_views(void **state)
{
	struct store_query q = { .view = STORE_VIEW_RIVER, .unread_only = 1 };
	struct store_cursor cur = STORE_CURSOR_START;
	struct store_headline *h;
	struct tstore t;
	int64_t fa, fb;
	char *err = NULL, *got;
	size_t n;

	(void)state;
	tstore_open(&t);
	fill(&t, &fa, &fb);
	assert_int_equal(store_feed_mark_read(t.s, fa, NULL, &err), 0);
	got = walk(&t, &q, 4, &n);
	assert_int_equal(n, 20);
	assert_null(strstr(got, "a"));
	free(got);
	q.view = STORE_VIEW_FEED;
	q.feed_id = fa;
	got = walk(&t, &q, 4, &n);
	assert_int_equal(n, 0);
	free(got);

	q.view = STORE_VIEW_RIVER;
	q.unread_only = 0;
	assert_int_equal(store_headlines(t.s, &q, &cur, 2, &h, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].unread, 0);
	assert_int_equal(store_item_set_flagged(t.s, h[1].id, 1, &err), 0);
	store_headlines_free(h, n);
	q.view = STORE_VIEW_FLAGGED;
	got = walk(&t, &q, 4, &n);
	assert_int_equal(n, 1);
	assert_string_equal(got, "a28");
	free(got);
	tstore_close(&t);
}

static size_t
hits(struct tstore *t, const char *terms, enum store_order order, char **titles)
{
	struct store_query q = { .view = STORE_VIEW_SEARCH, .search = terms,
	    .order = order };
	size_t n;

	*titles = walk(t, &q, 8, &n);
	return n;
}

/* Inside store_begin() a search indexes what the transaction stored and
 * sees it; an item changed twice in one transaction is found by its new
 * words only; a rollback drops the rows and their index entries. */
static void
test_search_index_queued_in_transaction(void **state)
{
	struct tstore t;
	int64_t feed;
	char *titles, *err = NULL;
	struct item it;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://q.example/feed", &feed, &err), 0);
	assert_int_equal(store_begin(t.s, &err), 0);
	it = titem(NULL, "https://q.example/1", "first", "<p>zebra crossing</p>", 1);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
	assert_int_equal(hits(&t, "zebra", STORE_ORDER_NEWEST, &titles), 1);
	free(titles);
	it = titem(NULL, "https://q.example/2", "second", "<p>okapi</p>", 2);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
	/* Changed before it was indexed. */
	it = titem(NULL, "https://q.example/2", "second", "<p>quokka</p>", 2);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
	assert_int_equal(store_commit(t.s, &err), 0);
	assert_int_equal(hits(&t, "okapi", STORE_ORDER_NEWEST, &titles), 0);
	free(titles);
	assert_int_equal(hits(&t, "quokka", STORE_ORDER_NEWEST, &titles), 1);
	assert_string_equal(titles, "second");
	free(titles);
	assert_int_equal(hits(&t, "zebra", STORE_ORDER_NEWEST, &titles), 1);
	free(titles);
	/* Rolled back: neither the row nor its index entry. */
	assert_int_equal(store_begin(t.s, &err), 0);
	it = titem(NULL, "https://q.example/3", "third", "<p>narwhal</p>", 3);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
	store_rollback(t.s);
	assert_int_equal(hits(&t, "narwhal", STORE_ORDER_NEWEST, &titles), 0);
	free(titles);
	/* The index still matches the rows exactly. */
	assert_int_equal(store_exec(t.s, "INSERT INTO items_fts (items_fts, rank) "
	    "VALUES ('integrity-check', 0)", &err, "check"), 0);
	tstore_close(&t);
}

static void
test_search_words_phrases_prefixes(void **state)
{
	struct tstore t;
	int64_t fa, fb, id;
	enum store_change ch;
	char *titles, *err = NULL;
	struct store_cursor cur = STORE_CURSOR_START;
	struct store_query q = { .view = STORE_VIEW_SEARCH, .search = "" };
	struct store_headline *h;
	struct item it;
	size_t n;

	(void)state;
	tstore_open(&t);
	fill(&t, &fa, &fb);
	assert_int_equal(hits(&t, "harbour", STORE_ORDER_NEWEST, &titles), 30);
	assert_true(strncmp(titles, "a29,a28", 7) == 0);
	free(titles);
	assert_int_equal(hits(&t, "number7", STORE_ORDER_BEST, &titles), 1);
	assert_string_equal(titles, "a7");
	free(titles);
	/* Every word must match; phrases; prefixes; entities decoded; the
	 * text of scripts is not indexed; diacritics folded. */
	assert_int_equal(hits(&t, "beta vladivostok", STORE_ORDER_NEWEST, &titles), 20);
	free(titles);
	assert_int_equal(hits(&t, "\"report from vladivostok\"", STORE_ORDER_BEST,
	    &titles), 20);
	free(titles);
	assert_int_equal(hits(&t, "\"vladivostok report\"", STORE_ORDER_BEST, &titles), 0);
	free(titles);
	assert_int_equal(hits(&t, "vladi*", STORE_ORDER_NEWEST, &titles), 20);
	free(titles);
	assert_int_equal(hits(&t, "hidden", STORE_ORDER_NEWEST, &titles), 0);
	free(titles);
	assert_int_equal(hits(&t, "amp", STORE_ORDER_NEWEST, &titles), 0);
	free(titles);
	assert_int_equal(hits(&t, "VLADÍVOSTOK", STORE_ORDER_NEWEST, &titles), 20);
	free(titles);
	assert_int_equal(hits(&t, "alpha OR beta", STORE_ORDER_NEWEST, &titles), 50);
	free(titles);
	/* Not query syntax: searched as words, not an error. */
	assert_int_equal(hits(&t, "number1-", STORE_ORDER_NEWEST, &titles), 1);
	free(titles);
	assert_int_equal(hits(&t, "\"unbalanced harbour", STORE_ORDER_NEWEST, &titles), 0);
	free(titles);
	assert_int_equal(hits(&t, "a:b", STORE_ORDER_BEST, &titles), 0);
	free(titles);
	/* Nothing to search for is an error, not everything. */
	assert_int_equal(store_headlines(t.s, &q, &cur, 5, &h, &n, &err), -1);
	free(err);

	/* A changed item is found by its new words only. */
	it = titem(NULL, "https://a.example/3", "a3", "<p>completely rewritten</p>", 1003);
	assert_int_equal(store_item_upsert(t.s, fa, &it, &ch, &id, &err), 0);
	assert_int_equal(ch, STORE_UPDATED);
	assert_int_equal(hits(&t, "number3", STORE_ORDER_NEWEST, &titles), 0);
	free(titles);
	assert_int_equal(hits(&t, "rewritten", STORE_ORDER_NEWEST, &titles), 1);
	free(titles);
	/* Full text joins the index and leaves it again. */
	assert_int_equal(store_item_set_fulltext(t.s, id, "<p>the whole article "
	    "about lighthouses</p>", &err), 0);
	assert_int_equal(hits(&t, "lighthouses", STORE_ORDER_NEWEST, &titles), 1);
	free(titles);
	it.content = (char *)"<p>rewritten twice</p>";	/* update keeps it indexed */
	assert_int_equal(store_item_upsert(t.s, fa, &it, &ch, &id, &err), 0);
	assert_int_equal(hits(&t, "lighthouses", STORE_ORDER_NEWEST, &titles), 1);
	free(titles);
	assert_int_equal(store_item_set_fulltext(t.s, id, NULL, &err), 0);
	assert_int_equal(hits(&t, "lighthouses", STORE_ORDER_NEWEST, &titles), 0);
	free(titles);
	/* A deleted feed leaves nothing in the index. */
	assert_int_equal(store_feed_delete(t.s, fb, &err), 0);
	assert_int_equal(hits(&t, "vladivostok", STORE_ORDER_NEWEST, &titles), 0);
	free(titles);
	assert_int_equal(sqlite3_exec(t.s->db, "INSERT INTO items_fts(items_fts, rank) "
	    "VALUES ('integrity-check', 0)", NULL, NULL, NULL), SQLITE_OK);
	tstore_close(&t);
}

static void
test_retention_keeps_flagged_and_does_not_resurrect(void **state)
{
	struct store_retention r = { 0, 10 };
	struct store_stats st;
	struct tstore t;
	int64_t fa, fb, deleted, id;
	enum store_change ch;
	char *err = NULL, *titles;
	struct item it;
	size_t n;

	(void)state;
	tstore_open(&t);
	fill(&t, &fa, &fb);
	/* Flag an old one: it survives. */
	it = titem(NULL, "https://a.example/0", "a0", "", 1000);
	assert_int_equal(store_item_upsert(t.s, fa, &it, &ch, &id, &err), 0);
	assert_int_equal(ch, STORE_UPDATED);
	assert_int_equal(store_item_set_flagged(t.s, id, 1, &err), 0);
	assert_int_equal(store_cleanup(t.s, &r, &deleted, &err), 0);
	assert_int_equal(deleted, 19 + 10);
	assert_int_equal(store_stats(t.s, &st, &err), 0);
	assert_int_equal(st.items, 21);
	assert_int_equal(st.flagged, 1);
	assert_int_equal(st.feeds, 2);
	assert_true(st.file_bytes > 0);
	assert_int_equal(hits(&t, "number5", STORE_ORDER_NEWEST, &titles), 0);
	free(titles);
	/* Still in the feed: not stored again as new. */
	it = titem(NULL, "https://a.example/5", "a5", "x", 1005);
	assert_int_equal(store_item_upsert(t.s, fa, &it, &ch, &id, &err), 0);
	assert_int_equal(ch, STORE_GONE);
	assert_int_equal(store_stats(t.s, &st, &err), 0);
	assert_int_equal(st.items, 21);
	/* By age: everything dated 1970 goes, except the flagged one. */
	r.keep_items = 0;
	r.keep_days = 30;
	assert_int_equal(store_cleanup(t.s, &r, &deleted, &err), 0);
	assert_int_equal(deleted, 20);
	assert_int_equal(store_stats(t.s, &st, &err), 0);
	assert_int_equal(st.items, 1);
	assert_int_equal(st.unread, 1);
	assert_int_equal(store_vacuum(t.s, &err), 0);
	(void)n;
	tstore_close(&t);
}

/* Every statement the store runs, captured to check its plan. */
static char *seen[256];
static size_t nseen;

static int
trace(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);
	size_t i;

	(void)type;
	(void)ctx;
	(void)x;
	if (sql == NULL || strncmp(sql, "PRAGMA", 6) == 0 || strncmp(sql, "BEGIN", 5) == 0 ||
	    strncmp(sql, "COMMIT", 6) == 0 || strncmp(sql, "ROLLBACK", 8) == 0 ||
	    strncmp(sql, "--", 2) == 0 || strstr(sql, "CREATE ") != NULL)
		return 0;
	for (i = 0; i < nseen; i++)
		if (strcmp(seen[i], sql) == 0)
			return 0;
	if (nseen < DL_ARRAY_LEN(seen))
		seen[nseen++] = xstrdup(sql);
	return 0;
}

static void
test_every_query_uses_an_index(void **state)
{
	struct store_query q = { .view = STORE_VIEW_RIVER };
	struct store_retention r = { 30, 5 };
	struct tstore t;
	struct store_item *si;
	struct store_feed_info *fl;
	int64_t fa, fb, found;
	char *err = NULL, *titles, *etag, *lm;
	size_t i, n, total;
	int bad = 0;

	(void)state;
	tstore_open(&t);
	sqlite3_trace_v2(t.s->db, SQLITE_TRACE_STMT, trace, NULL);
	fill(&t, &fa, &fb);
	free(walk(&t, &q, 5, &n));
	q.unread_only = 1;
	free(walk(&t, &q, 5, &n));
	q.view = STORE_VIEW_FEED;
	q.feed_id = fa;
	free(walk(&t, &q, 5, &n));
	q.unread_only = 0;
	free(walk(&t, &q, 5, &n));
	q.view = STORE_VIEW_FLAGGED;
	free(walk(&t, &q, 5, &n));
	assert_int_equal(hits(&t, "harbour", STORE_ORDER_NEWEST, &titles), 30);
	free(titles);
	assert_int_equal(hits(&t, "harbour", STORE_ORDER_BEST, &titles), 30);
	free(titles);
	assert_int_equal(store_item_get(t.s, 1, &si, &err), 0);
	store_item_free(si);
	assert_int_equal(store_feed_list(t.s, &fl, &n, &err), 0);
	store_feed_list_free(fl, n);
	assert_int_equal(store_feed_find(t.s, "nobody", &found, &err), 0);
	assert_int_equal(store_feed_get_http_cache(t.s, fa, &etag, &lm, &err), 0);
	assert_int_equal(store_item_set_unread(t.s, 1, 0, &err), 0);
	assert_int_equal(store_item_set_flagged(t.s, 1, 1, &err), 0);
	assert_int_equal(store_feed_mark_read(t.s, fa, NULL, &err), 0);
	assert_int_equal(store_item_set_fulltext(t.s, 2, "<p>x</p>", &err), 0);
	assert_int_equal(store_cleanup(t.s, &r, NULL, &err), 0);
	sqlite3_trace_v2(t.s->db, 0, NULL, NULL);

	total = 0;
	for (i = 0; i < nseen; i++) {
		char *sql = xasprintf("EXPLAIN QUERY PLAN %s", seen[i]);
		sqlite3_stmt *st;
		struct buf plan = BUF_INIT;

		assert_int_equal(sqlite3_prepare_v2(t.s->db, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(st, 3);

			buf_printf(&plan, "%s; ", d);
			/* A full scan of items is a bug (the tiny feeds table
			 * may be scanned: the feed list, the stats; and
			 * the hits of a search, h and m; the items waiting to be
			 * indexed, read in rowid order), and so is sorting them,
			 * except search hits. */
			if (strncmp(d, "SCAN ", 5) == 0 && strstr(d, "USING") == NULL &&
			    strstr(d, "VIRTUAL") == NULL && strncmp(d, "SCAN f", 6) != 0 &&
			    strncmp(d, "SCAN feeds", 10) != 0 &&
			    strncmp(d, "SCAN (", 6) != 0 && strcmp(d, "SCAN gone") != 0 &&
			    strcmp(d, "SCAN h") != 0 && strcmp(d, "SCAN m") != 0 &&
			    strcmp(d, "SCAN search_todo") != 0 &&
			    strcmp(d, "SCAN CONSTANT ROW") != 0) {
				fprintf(stderr, "# scans: %s: %s\n", seen[i], d);
				bad++;
			}
			if (strstr(d, "TEMP B-TREE") != NULL && strstr(seen[i], "items_fts") == NULL) {
				fprintf(stderr, "# sorts: %s: %s\n", seen[i], d);
				bad++;
			}
		}
		sqlite3_finalize(st);
		total++;
		buf_free(&plan);
		free(sql);
		free(seen[i]);
	}
	assert_true(total > 15);
	assert_int_equal(bad, 0);
	tstore_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_river_pages_newest_first_without_gaps),
		cmocka_unit_test(test_unread_and_flagged_views),
		cmocka_unit_test(test_search_words_phrases_prefixes),
		cmocka_unit_test(test_search_index_queued_in_transaction),
		cmocka_unit_test(test_retention_keeps_flagged_and_does_not_resurrect),
		cmocka_unit_test(test_every_query_uses_an_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
