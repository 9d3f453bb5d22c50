/* Unit tests for the reader's headline source over a real store: lists
 * walked forward and backward, the end reached directly, dates shared by
 * many items, new items arriving above the selection. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/store.h"
#include "ui/ui-int.h"
#include "util/util.h"

#define NITEMS 700

struct fixture {
	char		 dir[64];
	char		*path;
	struct store	*st;
	int64_t		 feed;
	int64_t		 ids[NITEMS + 50];
	int64_t		 dates[NITEMS + 50];
	size_t		 n;
};

static void
add(struct fixture *f, int64_t date)
{
	char guid[32], title[48];
	struct item it;
	char *err = NULL;

	memset(&it, 0, sizeof it);
	snprintf(guid, sizeof guid, "g%zu", f->n);
	snprintf(title, sizeof title, "Story %zu", f->n);
	it.guid = guid;
	it.title = title;
	it.link = "";
	it.author = "";
	it.summary = "";
	it.content = "<p>text</p>";
	it.published = date;
	it.updated = DL_TIME_NONE;
	if (store_item_upsert(f->st, f->feed, &it, NULL, &f->ids[f->n], &err) != 0)
		fail_msg("upsert: %s", err);
	f->dates[f->n++] = date;
}

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	char *err = NULL;
	size_t i;

	snprintf(f->dir, sizeof f->dir, "/tmp/dateline-ui-src.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->path = xasprintf("%s/cache.db", f->dir);
	f->st = store_open(f->path, 0, &err);
	if (f->st == NULL)
		fail_msg("%s", err);
	assert_int_equal(store_feed_ensure(f->st, "file:///feed.xml", &f->feed, &err), 0);
	/* dates far apart, close together, and 100 items in one second (all
	 * in the past: the store does not believe dates in the future) */
	for (i = 0; i < NITEMS; i++)
		add(f, i < 100 ? 1650000000 :
		    (int64_t)1000000000 + (int64_t)i * (i % 7 ? 37 : 86400 * 10));
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *db;

	store_close(f->st);
	unlink(f->path);
	db = xasprintf("%s-wal", f->path);
	unlink(db);
	free(db);
	db = xasprintf("%s-shm", f->path);
	unlink(db);
	free(db);
	rmdir(f->dir);
	free(f->path);
	free(f);
	return 0;
}

/* The ids in list order: newest first, then the higher id first. */
static int
cmp_order(const void *a, const void *b, void *arg)
{
	const struct fixture *f = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (f->dates[i] != f->dates[j])
		return f->dates[i] > f->dates[j] ? -1 : 1;
	return f->ids[i] > f->ids[j] ? -1 : 1;
}

static int64_t *
expected(struct fixture *f)
{
	size_t *idx = xcalloc(f->n, sizeof *idx), i;
	int64_t *ids = xcalloc(f->n, sizeof *ids);

	for (i = 0; i < f->n; i++)
		idx[i] = i;
	qsort_r(idx, f->n, sizeof *idx, cmp_order, f);
	for (i = 0; i < f->n; i++)
		ids[i] = f->ids[idx[i]];
	free(idx);
	return ids;
}

static int64_t
sel_id(struct ui_list *l)
{
	struct ui_row *r = ui_list_selected(l);

	assert_non_null(r);
	return ((struct store_headline *)r->data)->id;
}

static void
open_river(struct fixture *f, struct ui_hsrc *src, struct ui_list *l, int height)
{
	struct store_query q;

	memset(&q, 0, sizeof q);
	q.view = STORE_VIEW_RIVER;
	ui_hsrc_init(src, f->st, &q);
	ui_list_init(l, ui_hsrc_fetch, ui_headline_free, src, height);
	ui_list_load(l);
}

static void
test_walk_down_and_up(void **state)
{
	struct fixture *f = *state;
	struct ui_hsrc src;
	struct ui_list l;
	int64_t *want = expected(f);
	size_t i;

	open_river(f, &src, &l, 20);
	for (i = 0; i < f->n; i++) {
		assert_int_equal(sel_id(&l), want[i]);
		ui_list_move(&l, 1);
	}
	assert_int_equal(sel_id(&l), want[f->n - 1]);	/* stays on the last */
	for (i = f->n; i-- > 0;) {
		assert_int_equal(sel_id(&l), want[i]);
		ui_list_move(&l, -1);
	}
	ui_list_clear(&l);
	ui_hsrc_free(&src);
	free(want);
}

static void
test_end_then_back_up(void **state)
{
	struct fixture *f = *state;
	struct ui_hsrc src;
	struct ui_list l;
	int64_t *want = expected(f);
	size_t i;

	open_river(f, &src, &l, 15);
	ui_list_last(&l);
	assert_int_equal(sel_id(&l), want[f->n - 1]);
	assert_true(l.nrows < 100);		/* only the end was read */
	for (i = f->n - 1; i > 0; i -= i > 33 ? 33 : i) {
		assert_int_equal(sel_id(&l), want[i]);
		ui_list_move(&l, i > 33 ? -33 : -(long)i);
	}
	assert_int_equal(sel_id(&l), want[0]);
	ui_list_page(&l, -1);
	assert_int_equal(sel_id(&l), want[0]);
	ui_list_clear(&l);
	ui_hsrc_free(&src);
	free(want);
}

static void
test_new_items_arrive_above(void **state)
{
	struct fixture *f = *state;
	struct ui_hsrc src;
	struct ui_list l;
	int64_t keep, *want;
	size_t line, i;

	open_river(f, &src, &l, 10);
	ui_list_move(&l, 250);
	ui_list_move(&l, -3);
	keep = sel_id(&l);
	line = l.sel - l.top;
	for (i = 0; i < 40; i++)	/* a refresh stores newer items */
		add(f, 1700000000 + (int64_t)i);
	ui_list_reload(&l);
	assert_int_equal(sel_id(&l), keep);
	assert_int_equal(l.sel - l.top, line);
	ui_list_first(&l);
	want = expected(f);
	assert_int_equal(sel_id(&l), want[0]);
	ui_list_clear(&l);
	ui_hsrc_free(&src);
	free(want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_down_and_up),
		cmocka_unit_test(test_end_then_back_up),
		cmocka_unit_test(test_new_items_arrive_above),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
