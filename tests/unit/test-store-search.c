/* Unit tests for src/store's search that hands out every hit at once
 * (store_search_each, what --search prints): the same hits in the same
 * order as store_headlines's pages joined, whatever the page size; no hit
 * twice, none missed, counted against what was stored. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test-store-util.h"
#include "store/store-int.h"

#define NITEMS	1234

/* Item i: feed i % 3; a date that is not in id order, shared by four
 * items (the id breaks the tie); every item says "harbour", one in two
 * "kim putin", one in ten "vladivostok", and item 100 is one of a kind.
 * One in five is read, one in seven flagged, one in eleven untitled and
 * without a link. */
static int64_t
item_date(int i)
{
	return 1700000000 + (int64_t)(((i * 37) % NITEMS) / 4) * 60;
}

static void
fill(struct tstore *t)
{
	char *err = NULL, guid[64], link[64], title[64], content[256];
	int64_t feed[3], id;
	struct item it;
	int i;

	assert_int_equal(store_feed_ensure(t->s, "https://a.example/feed", &feed[0],
	    &err), 0);
	assert_int_equal(store_feed_ensure(t->s, "https://b.example/feed", &feed[1],
	    &err), 0);
	assert_int_equal(store_feed_ensure(t->s, "https://c.example/feed", &feed[2],
	    &err), 0);
	assert_int_equal(store_feed_rename(t->s, feed[1], "Bee Wire", &err), 0);
	assert_int_equal(store_begin(t->s, &err), 0);
	for (i = 0; i < NITEMS; i++) {
		snprintf(link, sizeof link, "https://x.example/%d", i);
		snprintf(title, sizeof title, "t%04d", i);
		snprintf(content, sizeof content, "<p>news from the harbour%s%s%s</p>",
		    i % 2 == 0 ? ", kim putin said" : ", putin and kim",
		    i % 10 == 0 ? " in vladivostok" : "",
		    i == 100 ? " about an okapi" : "");
		snprintf(guid, sizeof guid, "guid-%d", i);
		it = titem(guid, i % 11 == 0 ? NULL : link, i % 11 == 0 ? NULL : title,
		    content, item_date(i));
		it.author = (char *)(i % 3 == 0 ? "Ann Author" : "");
		assert_int_equal(store_item_upsert(t->s, feed[i % 3], &it, NULL, &id,
		    &err), 0);
		if (i % 5 == 0)
			assert_int_equal(store_item_set_unread(t->s, id, 0, &err), 0);
		if (i % 7 == 0)
			assert_int_equal(store_item_set_flagged(t->s, id, 1, &err), 0);
	}
	assert_int_equal(store_commit(t->s, &err), 0);
}

struct hits {
	struct buf	 text;		/* one line a hit, every field */
	int64_t		*ids;
	int64_t		*dates;
	size_t		 n;
	size_t		 stop_at;	/* store_search_each: stop after this many */
};

static void
add_hit(struct hits *h, const struct store_headline *hl)
{
	buf_printf(&h->text, "%lld|%lld|%lld|%s|%s|%s|%s|%d|%d\n", (long long)hl->id,
	    (long long)hl->feed_id, (long long)hl->date, hl->title, hl->author,
	    hl->link, hl->feed_title, hl->unread, hl->flagged);
	h->ids = xreallocarray(h->ids, h->n + 1, sizeof *h->ids);
	h->dates = xreallocarray(h->dates, h->n + 1, sizeof *h->dates);
	h->ids[h->n] = hl->id;
	h->dates[h->n] = hl->date;
	h->n++;
}

static void
hits_free(struct hits *h)
{
	buf_free(&h->text);
	free(h->ids);
	free(h->dates);
	memset(h, 0, sizeof *h);
}

static int
take(const struct store_headline *hl, void *arg)
{
	struct hits *h = arg;

	add_hit(h, hl);
	return h->stop_at != 0 && h->n >= h->stop_at;
}

static void
all_at_once(struct tstore *t, const struct store_query *q, struct hits *h)
{
	char *err = NULL;

	memset(h, 0, sizeof *h);
	if (store_search_each(t->s, q, take, h, &err) != 0)
		fail_msg("store_search_each: %s", err);
}

static void
paged(struct tstore *t, const struct store_query *q, size_t per, struct hits *h)
{
	struct store_cursor cur = STORE_CURSOR_START;
	struct store_headline *hl;
	char *err = NULL;
	size_t n, i;

	memset(h, 0, sizeof *h);
	do {
		if (store_headlines(t->s, q, &cur, per, &hl, &n, &err) != 0)
			fail_msg("store_headlines: %s", err);
		for (i = 0; i < n; i++)
			add_hit(h, &hl[i]);
		store_headlines_free(hl, n);
	} while (n == per);
}

/* No id twice; newest first (date, then id) unless by rank. */
static void
check_list(const struct hits *h, enum store_order order)
{
	size_t i, j;

	for (i = 0; i < h->n; i++)
		for (j = i + 1; j < h->n; j++)
			if (h->ids[i] == h->ids[j])
				fail_msg("hit %lld twice", (long long)h->ids[i]);
	if (order != STORE_ORDER_NEWEST)
		return;
	for (i = 1; i < h->n; i++)
		if (h->dates[i - 1] < h->dates[i] || (h->dates[i - 1] == h->dates[i] &&
		    h->ids[i - 1] <= h->ids[i]))
			fail_msg("hit %zu is out of order", i);
}

static void
same_hits(struct tstore *t, const char *terms, enum store_order order, size_t want,
    const size_t *pers, size_t npers)
{
	struct store_query q = { .view = STORE_VIEW_SEARCH, .search = terms,
	    .order = order };
	struct hits all, page;
	size_t k;

	all_at_once(t, &q, &all);
	assert_int_equal(all.n, want);
	check_list(&all, order);
	for (k = 0; k < npers; k++) {
		paged(t, &q, pers[k], &page);
		assert_int_equal(page.n, want);
		check_list(&page, order);
		assert_int_equal(page.text.len, all.text.len);
		if (all.n > 0)
			assert_string_equal(page.text.data, all.text.data);
		hits_free(&page);
	}
	hits_free(&all);
}

/* More hits than --search's old page of 500, in pages of many sizes:
 * every hit once, each with its row's fields, in the same order. */
static void
test_each_matches_pages(void **state)
{
	static const size_t big[] = { 7, 64, 500, 617 };
	static const size_t small[] = { 1, 2, 50 };
	struct tstore t;
	char *err = NULL;

	(void)state;
	tstore_open(&t);
	fill(&t);
	same_hits(&t, "harbour", STORE_ORDER_NEWEST, NITEMS, big, DL_ARRAY_LEN(big));
	same_hits(&t, "harbour", STORE_ORDER_BEST, NITEMS, big, DL_ARRAY_LEN(big));
	same_hits(&t, "\"kim putin\"", STORE_ORDER_NEWEST, NITEMS / 2, big,
	    DL_ARRAY_LEN(big));
	same_hits(&t, "kim putin", STORE_ORDER_NEWEST, NITEMS, big, DL_ARRAY_LEN(big));
	same_hits(&t, "vladivostok", STORE_ORDER_NEWEST, (NITEMS + 9) / 10, small,
	    DL_ARRAY_LEN(small));
	same_hits(&t, "vladi*", STORE_ORDER_BEST, (NITEMS + 9) / 10, small,
	    DL_ARRAY_LEN(small));
	same_hits(&t, "okapi", STORE_ORDER_NEWEST, 1, small, DL_ARRAY_LEN(small));
	same_hits(&t, "zebra", STORE_ORDER_NEWEST, 0, small, DL_ARRAY_LEN(small));
	/* Not query syntax: the words themselves, as the pages do. */
	same_hits(&t, "okapi-", STORE_ORDER_NEWEST, 1, small, DL_ARRAY_LEN(small));
	same_hits(&t, "\"okapi harbour", STORE_ORDER_NEWEST, 1, small,
	    DL_ARRAY_LEN(small));
	/* Items whose feed row is gone (which the store never leaves) are
	 * left out, as the pages' join with the feeds leaves them out. */
	assert_int_equal(store_exec(t.s, "PRAGMA foreign_keys = OFF; DELETE FROM "
	    "feeds WHERE url = 'https://c.example/feed'", &err, "test"), 0);
	same_hits(&t, "harbour", STORE_ORDER_NEWEST, NITEMS - (NITEMS + 1) / 3, NULL, 0);
	same_hits(&t, "harbour", STORE_ORDER_BEST, NITEMS - (NITEMS + 1) / 3, NULL, 0);
	tstore_close(&t);
}

/* The fields of one hit are those of its row: an untitled item's title,
 * an empty author, a renamed feed's title, read and flagged state. */
static void
test_each_fields(void **state)
{
	struct store_query q = { .view = STORE_VIEW_SEARCH, .search = "okapi" };
	struct tstore t;
	struct hits h;
	char want[256];

	(void)state;
	tstore_open(&t);
	fill(&t);
	all_at_once(&t, &q, &h);
	assert_int_equal(h.n, 1);
	/* Item 100: feed b (renamed), read (100 % 5), not flagged. */
	snprintf(want, sizeof want, "|%lld|t0100||https://x.example/100|Bee Wire|0|0\n",
	    (long long)item_date(100));
	assert_non_null(strstr(h.text.data, want));
	hits_free(&h);
	/* Item 0: untitled, no link, by Ann Author, feed a (its URL), read
	 * and flagged. */
	q.search = "vladivostok";
	all_at_once(&t, &q, &h);
	snprintf(want, sizeof want, "|%lld|||https://a.example/feed|0|1\n",
	    (long long)item_date(0));
	assert_null(strstr(h.text.data, want));	/* the author is there */
	snprintf(want, sizeof want, "|%lld||Ann Author||https://a.example/feed|0|1\n",
	    (long long)item_date(0));
	assert_non_null(strstr(h.text.data, want));
	hits_free(&h);
	tstore_close(&t);
}

/* A non-zero return stops the search, which is not an error; nothing
 * to search for is. */
static void
test_each_stop_and_errors(void **state)
{
	struct store_query q = { .view = STORE_VIEW_SEARCH, .search = "harbour" };
	struct tstore t;
	struct hits h;
	char *err = NULL;

	(void)state;
	tstore_open(&t);
	fill(&t);
	memset(&h, 0, sizeof h);
	h.stop_at = 3;
	assert_int_equal(store_search_each(t.s, &q, take, &h, &err), 0);
	assert_int_equal(h.n, 3);
	hits_free(&h);
	q.search = " \t";
	assert_int_equal(store_search_each(t.s, &q, take, &h, &err), -1);
	assert_non_null(strstr(err, "nothing to search for"));
	free(err);
	err = NULL;
	q.view = STORE_VIEW_RIVER;
	q.search = "harbour";
	assert_int_equal(store_search_each(t.s, &q, take, &h, &err), -1);
	free(err);
	assert_int_equal(h.n, 0);
	tstore_close(&t);
}

/* A word in more items than the search considers: both answer from the
 * same most recently stored ones. */
static void
test_each_window(void **state)
{
	static const size_t pers[] = { 500, 4999 };
	struct tstore t;
	char *err = NULL, link[64];
	int64_t feed;
	struct item it;
	int i;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://w.example/feed", &feed, &err), 0);
	assert_int_equal(store_begin(t.s, &err), 0);
	for (i = 0; i < 10100; i++) {
		snprintf(link, sizeof link, "https://w.example/%d", i);
		it = titem(NULL, link, "w", "<p>common</p>", 1700000000 - i % 97);
		assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
	}
	assert_int_equal(store_commit(t.s, &err), 0);
	same_hits(&t, "common", STORE_ORDER_NEWEST, 10000, pers, DL_ARRAY_LEN(pers));
	same_hits(&t, "common", STORE_ORDER_BEST, 5000, pers, DL_ARRAY_LEN(pers));
	tstore_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_matches_pages),
		cmocka_unit_test(test_each_fields),
		cmocka_unit_test(test_each_stop_and_errors),
		cmocka_unit_test(test_each_window),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
