/* Unit tests for the reader's list, scroll and selection state (no curses). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/ui.h"
#include "util/util.h"

/* A sorted set of values served like the store serves headlines: keyset
 * pages after or before a key.  Either a real array (vals) or, for big
 * lists, the virtual values 0, 10, 20, ... (virtual_n of them). */
struct fake {
	int64_t	*vals;
	size_t	 n;
	size_t	 virtual_n;
	int	 calls;
	size_t	 biggest;	/* largest page asked for */
};

static size_t
fake_len(const struct fake *f)
{
	return f->vals ? f->n : f->virtual_n;
}

static int64_t
fake_at(const struct fake *f, size_t i)
{
	return f->vals ? f->vals[i] : (int64_t)i * 10;
}

/* first index whose value is > v (after) */
static size_t
upper(const struct fake *f, int64_t v)
{
	size_t lo = 0, hi = fake_len(f);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (fake_at(f, mid) <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* first index whose value is >= v */
static size_t
lower(const struct fake *f, int64_t v)
{
	size_t lo = 0, hi = fake_len(f);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (fake_at(f, mid) < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
fake_fetch(void *ctx, const struct ui_key *from, int dir, struct ui_row *out, size_t n)
{
	struct fake *f = ctx;
	size_t got = 0, i;

	f->calls++;
	if (n > f->biggest)
		f->biggest = n;
	if (dir > 0) {
		for (i = from ? upper(f, from->k1) : 0; i < fake_len(f) && got < n; i++) {
			out[got].key.k1 = out[got].key.k2 = fake_at(f, i);
			out[got++].data = (void *)(intptr_t)fake_at(f, i);
		}
	} else {
		i = from ? lower(f, from->k1) : fake_len(f);
		while (i > 0 && got < n) {
			i--;
			out[got].key.k1 = out[got].key.k2 = fake_at(f, i);
			out[got++].data = (void *)(intptr_t)fake_at(f, i);
		}
	}
	return (int)got;
}

static int64_t
selected(struct ui_list *l)
{
	struct ui_row *r = ui_list_selected(l);

	assert_non_null(r);
	return r->key.k1;
}

static void
test_load_is_lazy(void **state)
{
	struct fake f = { .virtual_n = 1000000 };
	struct ui_list l;

	(void)state;
	ui_list_init(&l, fake_fetch, NULL, &f, 20);
	ui_list_load(&l);
	assert_int_equal(selected(&l), 0);
	assert_int_equal(l.top, 0);
	assert_true(l.nrows >= 21);
	assert_true(l.nrows <= 64);	/* one screen and a bit, not a million */
	assert_true(l.more_after);
	assert_false(l.more_before);
	ui_list_clear(&l);
}

static void
test_move_and_clamp(void **state)
{
	struct fake f = { .virtual_n = 30 };
	struct ui_list l;

	(void)state;
	ui_list_init(&l, fake_fetch, NULL, &f, 10);
	ui_list_load(&l);
	ui_list_move(&l, 1);
	assert_int_equal(selected(&l), 10);
	ui_list_move(&l, 12);
	assert_int_equal(selected(&l), 130);
	assert_int_equal(l.top, 4);		/* scrolled just enough */
	ui_list_move(&l, 1000);
	assert_int_equal(selected(&l), 290);	/* the last row */
	ui_list_move(&l, -1);
	assert_int_equal(selected(&l), 280);
	ui_list_move(&l, -1000);
	assert_int_equal(selected(&l), 0);
	assert_int_equal(l.top, 0);
	ui_list_clear(&l);
}

static void
test_page_down_and_up(void **state)
{
	struct fake f = { .virtual_n = 100 };
	struct ui_list l;

	(void)state;
	ui_list_init(&l, fake_fetch, NULL, &f, 10);
	ui_list_load(&l);
	ui_list_move(&l, 3);
	ui_list_page(&l, 1);
	assert_int_equal(l.top, 10);
	assert_int_equal(selected(&l), 130);	/* same screen line, next page */
	ui_list_page(&l, 1);
	assert_int_equal(selected(&l), 230);
	ui_list_page(&l, -1);
	assert_int_equal(selected(&l), 130);
	ui_list_page(&l, -1);
	ui_list_page(&l, -1);
	assert_int_equal(selected(&l), 0);	/* page up on the first page */
	for (int i = 0; i < 20; i++)
		ui_list_page(&l, 1);
	assert_int_equal(selected(&l), 990);	/* page down on the last page */
	assert_int_equal(l.top, 90);
	ui_list_clear(&l);
}

static void
test_first_and_last_of_a_million(void **state)
{
	struct fake f = { .virtual_n = 1000000 };
	struct ui_list l;

	(void)state;
	ui_list_init(&l, fake_fetch, NULL, &f, 25);
	ui_list_load(&l);
	f.calls = 0;
	ui_list_last(&l);
	assert_int_equal(selected(&l), 9999990);
	assert_int_equal(l.sel - l.top, 24);	/* on the bottom line */
	assert_int_equal(f.calls, 1);
	assert_true(l.nrows < 200);
	assert_true(l.more_before);
	ui_list_move(&l, -100);
	assert_int_equal(selected(&l), 9998990);
	ui_list_first(&l);
	assert_int_equal(selected(&l), 0);
	assert_int_equal(l.top, 0);
	ui_list_clear(&l);
}

static void
test_window_stays_bounded(void **state)
{
	struct fake f = { .virtual_n = 1000000 };
	struct ui_list l;
	int i;

	(void)state;
	ui_list_init(&l, fake_fetch, NULL, &f, 30);
	ui_list_load(&l);
	for (i = 0; i < 5000; i++) {
		ui_list_page(&l, 1);
		assert_true(l.nrows <= 8 * 30);
		assert_true(l.sel >= l.top && l.sel < l.top + 30);
	}
	assert_int_equal(selected(&l), (int64_t)5000 * 30 * 10);
	for (i = 0; i < 5000; i++)
		ui_list_move(&l, -30);
	assert_int_equal(selected(&l), 0);
	assert_true(l.nrows <= 8 * 30);
	assert_true(f.biggest <= 64);
	ui_list_clear(&l);
}

static void
test_selection_stays_when_rows_arrive_above(void **state)
{
	int64_t vals[200];
	struct fake f = { .vals = vals };
	struct ui_list l;
	size_t i;

	(void)state;
	for (i = 0; i < 100; i++)
		vals[i] = (int64_t)i * 10;
	f.n = 100;
	ui_list_init(&l, fake_fetch, NULL, &f, 10);
	ui_list_load(&l);
	ui_list_move(&l, 50);
	assert_int_equal(selected(&l), 500);
	ui_list_move(&l, -4);
	assert_int_equal(selected(&l), 460);
	size_t line = l.sel - l.top;

	/* a refresh stores 30 newer rows, above everything */
	memmove(vals + 30, vals, 100 * sizeof *vals);
	for (i = 0; i < 30; i++)
		vals[i] = -300 + (int64_t)i * 10;
	f.n = 130;
	ui_list_reload(&l);
	assert_int_equal(selected(&l), 460);
	assert_int_equal(l.sel - l.top, line);		/* not moved on screen */
	ui_list_first(&l);
	assert_int_equal(selected(&l), -300);		/* the new rows are there */
	ui_list_clear(&l);
}

static void
test_reload_when_selected_row_is_gone(void **state)
{
	int64_t vals[50];
	struct fake f = { .vals = vals, .n = 50 };
	struct ui_list l;
	size_t i;

	(void)state;
	for (i = 0; i < 50; i++)
		vals[i] = (int64_t)i;
	ui_list_init(&l, fake_fetch, NULL, &f, 10);
	ui_list_load(&l);
	ui_list_move(&l, 20);
	memmove(vals + 20, vals + 21, 29 * sizeof *vals);	/* delete 20 */
	f.n = 49;
	ui_list_reload(&l);
	assert_int_equal(selected(&l), 21);	/* the row that took its place */
	ui_list_last(&l);
	f.n = 48;					/* the last row goes */
	ui_list_reload(&l);
	assert_int_equal(selected(&l), 48);
	f.n = 0;
	ui_list_reload(&l);
	assert_null(ui_list_selected(&l));
	ui_list_move(&l, 1);			/* harmless on an empty list */
	ui_list_page(&l, 1);
	ui_list_clear(&l);
}

static void
test_resize(void **state)
{
	struct fake f = { .virtual_n = 40 };
	struct ui_list l;

	(void)state;
	ui_list_init(&l, fake_fetch, NULL, &f, 20);
	ui_list_load(&l);
	ui_list_move(&l, 15);
	ui_list_set_height(&l, 5);		/* smaller: selection stays visible */
	assert_int_equal(selected(&l), 150);
	assert_true(l.sel >= l.top && l.sel < l.top + 5);
	ui_list_last(&l);
	assert_int_equal(l.rows[l.top].key.k1, 350);
	ui_list_set_height(&l, 20);		/* taller at the end: fill from above */
	assert_int_equal(l.rows[l.top].key.k1, 200);
	assert_int_equal(selected(&l), 390);
	ui_list_set_height(&l, 100);		/* taller than the list */
	assert_int_equal(l.rows[l.top].key.k1, 0);
	assert_int_equal(l.top, 0);
	ui_list_set_height(&l, 0);		/* never below one row */
	assert_int_equal(l.height, 1);
	assert_int_equal(l.sel, l.top);
	ui_list_clear(&l);
}

static void
test_click_and_scroll(void **state)
{
	struct fake f = { .virtual_n = 100 };
	struct ui_list l;

	(void)state;
	ui_list_init(&l, fake_fetch, NULL, &f, 10);
	ui_list_load(&l);
	assert_int_equal(ui_list_click(&l, 4), 0);
	assert_int_equal(selected(&l), 40);
	assert_int_equal(ui_list_click(&l, 10), -1);	/* below the list area */
	assert_int_equal(ui_list_click(&l, -1), -1);
	ui_list_scroll(&l, 3);			/* mouse wheel */
	assert_int_equal(l.top, 3);
	assert_int_equal(selected(&l), 40);
	ui_list_scroll(&l, 5);			/* the selection is pushed along */
	assert_int_equal(l.top, 8);
	assert_int_equal(selected(&l), 80);
	ui_list_scroll(&l, -100);
	assert_int_equal(l.top, 0);
	assert_int_equal(selected(&l), 80);
	ui_list_scroll(&l, 1000);
	assert_int_equal(l.top, 90);
	ui_list_clear(&l);
	f.virtual_n = 3;
	ui_list_init(&l, fake_fetch, NULL, &f, 10);
	ui_list_load(&l);
	assert_int_equal(ui_list_click(&l, 3), -1);	/* past the last row */
	ui_list_clear(&l);
}

static int
is_multiple(const void *data, void *arg)
{
	return (intptr_t)data != 0 && (intptr_t)data % (intptr_t)arg == 0;
}

static void
test_find_walks_and_loads(void **state)
{
	struct fake f = { .virtual_n = 100000 };
	struct ui_list l;

	(void)state;
	ui_list_init(&l, fake_fetch, NULL, &f, 10);
	ui_list_load(&l);
	assert_int_equal(ui_list_find(&l, 1, 100000, is_multiple, (void *)(intptr_t)7770), 0);
	assert_int_equal(selected(&l), 7770);
	assert_int_equal(ui_list_find(&l, 1, 100000, is_multiple, (void *)(intptr_t)7770), 0);
	assert_int_equal(selected(&l), 15540);
	assert_int_equal(ui_list_find(&l, -1, 100000, is_multiple, (void *)(intptr_t)7770), 0);
	assert_int_equal(selected(&l), 7770);
	/* nothing found: the selection does not move */
	assert_int_equal(ui_list_find(&l, -1, 100000, is_multiple, (void *)(intptr_t)999999), -1);
	assert_int_equal(ui_list_find(&l, 1, 50, is_multiple, (void *)(intptr_t)999999), -1);
	assert_int_equal(selected(&l), 7770);
	ui_list_clear(&l);
}

static void
test_array_source(void **state)
{
	char *names[] = { "river", "flagged", "a", "b", "c" };
	struct ui_array a = { (void **)names, 5 };
	struct ui_list l;

	(void)state;
	ui_list_init(&l, ui_array_fetch, NULL, &a, 3);
	ui_list_load(&l);
	assert_string_equal(ui_list_selected(&l)->data, "river");
	ui_list_last(&l);
	assert_string_equal(ui_list_selected(&l)->data, "c");
	assert_int_equal(l.top, 2);
	ui_list_move(&l, -4);
	assert_string_equal(ui_list_selected(&l)->data, "river");
	a.n = 0;
	ui_list_load(&l);
	assert_null(ui_list_selected(&l));
	ui_list_clear(&l);
}

static void
test_scroll_like_less(void **state)
{
	struct ui_scroll s = { 0, 0, 0 };

	(void)state;
	ui_scroll_set(&s, 100, 10);
	ui_scroll_page(&s, 1);
	assert_int_equal(s.top, 9);		/* one line of context */
	ui_scroll_by(&s, 3);
	assert_int_equal(s.top, 12);
	ui_scroll_end(&s);
	assert_int_equal(s.top, 90);
	assert_true(ui_scroll_at_end(&s));
	ui_scroll_by(&s, 5);
	assert_int_equal(s.top, 90);
	ui_scroll_set(&s, 100, 40);		/* resize keeps the end in view */
	assert_int_equal(s.top, 60);
	ui_scroll_by(&s, -1000);
	assert_int_equal(s.top, 0);
	assert_false(ui_scroll_at_end(&s));
	ui_scroll_set(&s, 5, 40);
	assert_true(ui_scroll_at_end(&s));
	ui_scroll_page(&s, 1);
	assert_int_equal(s.top, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_is_lazy),
		cmocka_unit_test(test_move_and_clamp),
		cmocka_unit_test(test_page_down_and_up),
		cmocka_unit_test(test_first_and_last_of_a_million),
		cmocka_unit_test(test_window_stays_bounded),
		cmocka_unit_test(test_selection_stays_when_rows_arrive_above),
		cmocka_unit_test(test_reload_when_selected_row_is_gone),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_click_and_scroll),
		cmocka_unit_test(test_find_walks_and_loads),
		cmocka_unit_test(test_array_source),
		cmocka_unit_test(test_scroll_like_less),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
