/*
 * List, scroll and selection state as plain data.  A list holds a window of
 * rows fetched from a keyset page source, grows it a chunk at a time as the
 * selection moves, and trims the far end so memory stays bounded however
 * long the list is (a million headlines).  No curses here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "util/util.h"

static size_t
chunk(const struct ui_list *l)
{
	return l->height > 16 ? (size_t)l->height : 16;
}

static size_t
window_max(const struct ui_list *l)
{
	return 8 * chunk(l);
}

static void
free_rows(struct ui_list *l, size_t from, size_t to)
{
	size_t i;

	if (l->free_row == NULL)
		return;
	for (i = from; i < to; i++)
		l->free_row(l->ctx, l->rows[i].data);
}

static void
reserve(struct ui_list *l, size_t extra)
{
	if (l->nrows + extra <= l->cap)
		return;
	l->cap = l->nrows + extra + 64;
	l->rows = xreallocarray(l->rows, l->cap, sizeof *l->rows);
}

void
ui_list_init(struct ui_list *l, ui_fetch_fn *fetch, ui_row_free_fn *free_row,
    void *ctx, int height)
{
	memset(l, 0, sizeof *l);
	l->fetch = fetch;
	l->free_row = free_row;
	l->ctx = ctx;
	l->height = height > 0 ? height : 1;
}

void
ui_list_clear(struct ui_list *l)
{
	free_rows(l, 0, l->nrows);
	free(l->rows);
	l->rows = NULL;
	l->nrows = l->cap = l->sel = l->top = 0;
	l->more_before = l->more_after = 0;
}

static void
empty(struct ui_list *l)
{
	free_rows(l, 0, l->nrows);
	l->nrows = l->sel = l->top = 0;
	l->more_before = 0;
	l->more_after = 1;
}

/* Fetch one chunk after the last row; returns rows added. */
static size_t
grow_after(struct ui_list *l)
{
	size_t n = chunk(l);
	int got;

	if (!l->more_after)
		return 0;
	reserve(l, n);
	got = l->fetch(l->ctx, l->nrows ? &l->rows[l->nrows - 1].key : NULL, 1,
	    l->rows + l->nrows, n);
	if (got < 0) {
		l->error = 1;
		l->more_after = 0;
		return 0;
	}
	l->error = 0;
	l->nrows += (size_t)got;
	if ((size_t)got < n)
		l->more_after = 0;
	return (size_t)got;
}

/* Fetch one chunk before the first row; indexes shift by rows added. */
static size_t
grow_before(struct ui_list *l)
{
	size_t n = chunk(l), i;
	struct ui_row *tmp;
	int got;

	if (!l->more_before || l->nrows == 0)
		return 0;
	tmp = xcalloc(n, sizeof *tmp);
	got = l->fetch(l->ctx, &l->rows[0].key, -1, tmp, n);
	if (got < 0) {
		l->error = 1;
		l->more_before = 0;
		free(tmp);
		return 0;
	}
	l->error = 0;
	if ((size_t)got < n)
		l->more_before = 0;
	reserve(l, (size_t)got);
	memmove(l->rows + got, l->rows, l->nrows * sizeof *l->rows);
	for (i = 0; i < (size_t)got; i++)	/* they came nearest first */
		l->rows[(size_t)got - 1 - i] = tmp[i];
	free(tmp);
	l->nrows += (size_t)got;
	l->sel += (size_t)got;
	l->top += (size_t)got;
	return (size_t)got;
}

/* Keep the window bounded: drop rows far from what is shown. */
static void
trim(struct ui_list *l)
{
	size_t keep = window_max(l), margin = 2 * chunk(l), drop;

	if (l->nrows <= keep)
		return;
	if (l->top > margin) {
		drop = l->top - margin;
		free_rows(l, 0, drop);
		memmove(l->rows, l->rows + drop, (l->nrows - drop) * sizeof *l->rows);
		l->nrows -= drop;
		l->top -= drop;
		l->sel -= drop;
		l->more_before = 1;
	}
	if (l->nrows > keep && l->nrows > l->top + (size_t)l->height + margin) {
		drop = l->top + (size_t)l->height + margin;
		free_rows(l, drop, l->nrows);
		l->nrows = drop;
		l->more_after = 1;
	}
}

/* Scroll so that the selection is visible. */
static void
follow(struct ui_list *l)
{
	size_t h = (size_t)l->height;

	if (l->nrows == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->nrows)
		l->sel = l->nrows - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
}

/* Make sure `need` rows exist from index `from` on, if the list has them. */
static void
ensure_after(struct ui_list *l, size_t from, size_t need)
{
	while (l->nrows < from + need && grow_after(l) > 0)
		;
}

void
ui_list_load(struct ui_list *l)
{
	empty(l);
	ensure_after(l, 0, (size_t)l->height + 1);
	follow(l);
}

void
ui_list_set_height(struct ui_list *l, int height)
{
	size_t h, want;

	l->height = height > 0 ? height : 1;
	h = (size_t)l->height;
	ensure_after(l, l->top, h + 1);
	if (l->nrows > 0 && l->top + h > l->nrows) {
		/* the end of the list is shown: fill the taller window from above */
		want = h - (l->nrows - l->top);
		while (l->top < want && grow_before(l) > 0)
			;
		l->top = l->top >= want ? l->top - want : 0;
	}
	follow(l);
	trim(l);
}

void
ui_list_move(struct ui_list *l, long delta)
{
	if (l->nrows == 0)
		return;
	if (delta > 0) {
		ensure_after(l, l->sel, (size_t)delta + 1);
		l->sel = l->sel + (size_t)delta < l->nrows ?
		    l->sel + (size_t)delta : l->nrows - 1;
	} else if (delta < 0) {
		size_t d = (size_t)-delta;

		while (l->sel < d && grow_before(l) > 0)
			;
		l->sel = l->sel >= d ? l->sel - d : 0;
	}
	follow(l);
	trim(l);
}

void
ui_list_page(struct ui_list *l, int dir)
{
	size_t h = (size_t)l->height, off;

	if (l->nrows == 0)
		return;
	off = l->sel - l->top;
	if (dir > 0) {
		ensure_after(l, l->top + h, h + 1);
		if (l->top + h >= l->nrows) {	/* the last page: select the end */
			l->sel = l->nrows - 1;
			follow(l);
			trim(l);
			return;
		}
		l->top += h;
		if (l->top + h > l->nrows && l->nrows > h)
			l->top = l->nrows - h;
	} else {
		while (l->top < h && grow_before(l) > 0)
			;
		if (l->top == 0) {
			l->sel = 0;
			return;
		}
		l->top = l->top >= h ? l->top - h : 0;
	}
	l->sel = l->top + off < l->nrows ? l->top + off : l->nrows - 1;
	follow(l);
	trim(l);
}

void
ui_list_scroll(struct ui_list *l, long delta)
{
	size_t h = (size_t)l->height;

	if (l->nrows == 0)
		return;
	if (delta > 0) {
		ensure_after(l, l->top + (size_t)delta, h);
		l->top += (size_t)delta;
		if (l->top + h > l->nrows)
			l->top = l->nrows > h ? l->nrows - h : 0;
	} else {
		while (l->top < (size_t)-delta && grow_before(l) > 0)
			;
		l->top = l->top >= (size_t)-delta ? l->top - (size_t)-delta : 0;
	}
	if (l->sel < l->top)
		l->sel = l->top;
	if (l->sel >= l->top + h)
		l->sel = l->top + h - 1;
	follow(l);
	trim(l);
}

void
ui_list_first(struct ui_list *l)
{
	if (l->more_before || l->error)
		ui_list_load(l);
	l->sel = l->top = 0;
}

void
ui_list_last(struct ui_list *l)
{
	size_t n, i;
	int got;

	if (!l->more_after && l->nrows > 0) {
		l->sel = l->nrows - 1;
		follow(l);
		return;
	}
	empty(l);
	n = (size_t)l->height + chunk(l);
	reserve(l, n);
	got = l->fetch(l->ctx, NULL, -1, l->rows, n);
	if (got < 0) {
		l->error = 1;
		got = 0;
	}
	l->nrows = (size_t)got;
	for (i = 0; i < l->nrows / 2; i++) {	/* nearest first -> list order */
		struct ui_row t = l->rows[i];

		l->rows[i] = l->rows[l->nrows - 1 - i];
		l->rows[l->nrows - 1 - i] = t;
	}
	l->more_after = 0;
	l->more_before = (size_t)got == n;
	l->sel = l->nrows ? l->nrows - 1 : 0;
	l->top = l->nrows > (size_t)l->height ? l->nrows - (size_t)l->height : 0;
}

int
ui_list_click(struct ui_list *l, int y)
{
	if (y < 0 || y >= l->height || l->top + (size_t)y >= l->nrows)
		return -1;
	l->sel = l->top + (size_t)y;
	return 0;
}

struct ui_row *
ui_list_selected(struct ui_list *l)
{
	return l->nrows ? &l->rows[l->sel] : NULL;
}

void
ui_list_goto(struct ui_list *l, const struct ui_key *key, int line)
{
	struct ui_key k = *key;
	size_t before, n, i;
	struct ui_row *tmp;
	int got;

	if (line < 0)
		line = 0;
	if (line >= l->height)
		line = l->height - 1;
	empty(l);
	/* the rows before the key's place, nearest first */
	before = (size_t)line + chunk(l);
	tmp = xcalloc(before, sizeof *tmp);
	got = l->fetch(l->ctx, &k, -1, tmp, before);
	if (got < 0)
		got = 0;
	reserve(l, (size_t)got);
	for (i = 0; i < (size_t)got; i++)
		l->rows[(size_t)got - 1 - i] = tmp[i];
	free(tmp);
	l->nrows = (size_t)got;
	l->more_before = (size_t)got == before;
	/* the key itself (if it still exists) and the rows after it */
	n = (size_t)l->height + chunk(l);
	reserve(l, n);
	got = l->fetch(l->ctx, l->nrows ? &l->rows[l->nrows - 1].key : NULL, 1,
	    l->rows + l->nrows, n);
	if (got < 0) {
		l->error = 1;
		got = 0;
	}
	l->sel = l->nrows;
	l->nrows += (size_t)got;
	l->more_after = (size_t)got == n;
	if (l->sel >= l->nrows && l->nrows > 0)
		l->sel = l->nrows - 1;	/* the key was the last row and is gone */
	l->top = l->sel >= (size_t)line ? l->sel - (size_t)line : 0;
	ensure_after(l, l->top, (size_t)l->height);
	follow(l);
}

void
ui_list_reload(struct ui_list *l)
{
	struct ui_key k;
	int line;

	if (l->nrows == 0) {
		ui_list_load(l);
		return;
	}
	k = l->rows[l->sel].key;
	line = (int)(l->sel - l->top);
	ui_list_goto(l, &k, line);
}

int
ui_list_find(struct ui_list *l, int dir, size_t limit,
    int (*match)(const void *data, void *arg), void *arg)
{
	size_t i = l->sel, walked = 0;

	if (l->nrows == 0)
		return -1;
	while (walked++ < limit) {
		if (dir > 0) {
			if (i + 1 >= l->nrows && grow_after(l) == 0)
				return -1;
			i++;
		} else {
			if (i == 0) {
				size_t got = grow_before(l);

				if (got == 0)
					return -1;
				i += got;
			}
			i--;
		}
		if (match(l->rows[i].data, arg)) {
			l->sel = i;
			follow(l);
			trim(l);
			return 0;
		}
	}
	return -1;
}

int
ui_array_fetch(void *ctx, const struct ui_key *from, int dir,
    struct ui_row *out, size_t n)
{
	const struct ui_array *a = ctx;
	size_t got = 0;
	int64_t i;

	if (dir > 0) {
		i = from ? from->k1 + 1 : 0;
		for (; i >= 0 && (size_t)i < a->n && got < n; i++, got++) {
			out[got].key.k1 = out[got].key.k2 = i;
			out[got].data = a->items[i];
		}
	} else {
		i = from ? from->k1 - 1 : (int64_t)a->n - 1;
		if (i >= (int64_t)a->n)
			i = (int64_t)a->n - 1;
		for (; i >= 0 && got < n; i--, got++) {
			out[got].key.k1 = out[got].key.k2 = i;
			out[got].data = a->items[i];
		}
	}
	return (int)got;
}

/* --- plain scrolling --- */

static size_t
scroll_max(const struct ui_scroll *s)
{
	return s->total > (size_t)s->height ? s->total - (size_t)s->height : 0;
}

void
ui_scroll_by(struct ui_scroll *s, long delta)
{
	if (delta < 0)
		s->top = s->top >= (size_t)-delta ? s->top - (size_t)-delta : 0;
	else
		s->top += (size_t)delta;
	if (s->top > scroll_max(s))
		s->top = scroll_max(s);
}

void
ui_scroll_page(struct ui_scroll *s, int dir)
{
	long h = s->height > 1 ? s->height - 1 : 1;	/* keep one line of context */

	ui_scroll_by(s, dir > 0 ? h : -h);
}

void
ui_scroll_home(struct ui_scroll *s)
{
	s->top = 0;
}

void
ui_scroll_end(struct ui_scroll *s)
{
	s->top = scroll_max(s);
}

void
ui_scroll_set(struct ui_scroll *s, size_t total, int height)
{
	s->total = total;
	s->height = height > 0 ? height : 1;
	if (s->top > scroll_max(s))
		s->top = scroll_max(s);
}

int
ui_scroll_at_end(const struct ui_scroll *s)
{
	return s->top >= scroll_max(s);
}
