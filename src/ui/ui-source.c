/*
 * Headline page source: serves the list's "rows after / before a key"
 * requests from the store's forward-only keyset pages.  Each page the
 * store hands out is remembered by its first row and the cursor before it,
 * so walking backward is a short walk forward from an earlier page.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui-int.h"
#include "util/util.h"

#define HSRC_PAGE 64

void
ui_hsrc_init(struct ui_hsrc *s, struct store *st, const struct store_query *q)
{
	memset(s, 0, sizeof *s);
	s->store = st;
	s->q = *q;
	if (q->search != NULL) {
		s->search = xstrdup(q->search);
		s->q.search = s->search;
	}
	s->by_ordinal = q->view == STORE_VIEW_SEARCH && q->order == STORE_ORDER_BEST;
	s->pages = xcalloc(1, sizeof *s->pages);
	s->pages[0].start = 1;
	s->pages[0].cur = STORE_CURSOR_START;
	s->npages = 1;
}

void
ui_hsrc_free(struct ui_hsrc *s)
{
	free(s->search);
	free(s->pages);
	free(s->error);
	memset(s, 0, sizeof *s);
}

void
ui_headline_free(void *ctx, void *data)
{
	struct store_headline *h = data;

	(void)ctx;
	if (h == NULL)
		return;
	free(h->title);
	free(h->author);
	free(h->link);
	free(h->feed_title);
	free(h);
}

/* Is a before b in list order? */
static int
before(const struct ui_hsrc *s, const struct ui_key *a, const struct ui_key *b)
{
	if (s->by_ordinal)
		return a->k1 < b->k1;
	return a->k1 > b->k1 || (a->k1 == b->k1 && a->k2 > b->k2);
}

static int
page_before(const struct ui_hsrc *s, size_t i, const struct ui_key *k)
{
	return s->pages[i].start || before(s, &s->pages[i].first, k);
}

static void
remember(struct ui_hsrc *s, const struct ui_key *first, const struct store_cursor *cur)
{
	size_t i = s->npages;

	while (i > 1 && before(s, first, &s->pages[i - 1].first))
		i--;
	if (i > 1 && !before(s, &s->pages[i - 1].first, first))
		return;		/* a page starting at this row is known */
	s->pages = xreallocarray(s->pages, s->npages + 1, sizeof *s->pages);
	memmove(s->pages + i + 1, s->pages + i, (s->npages - i) * sizeof *s->pages);
	s->pages[i].first = *first;
	s->pages[i].start = 0;
	s->pages[i].cur = *cur;
	s->npages++;
}

/* The last known page that starts before k (strictly, or at k). */
static size_t
page_for(const struct ui_hsrc *s, const struct ui_key *k, int at_ok)
{
	size_t i;

	for (i = s->npages - 1; i > 0; i--)
		if (page_before(s, i, k) ||
		    (at_ok && s->pages[i].first.k1 == k->k1 && s->pages[i].first.k2 == k->k2))
			return i;
	return 0;
}

/* What a walk does with each row: 0 go on, 1 stop (row not taken). */
typedef int walk_fn(void *arg, const struct ui_key *key, struct store_headline *h);

/* Walk forward from a cursor (ord: the position of the row after it) to
 * the end or until fn stops; -1 on error.  Search-by-relevance pages are
 * remembered on the way. */
static int
walk_from(struct ui_hsrc *s, struct store_cursor cur, int64_t ord, walk_fn *fn, void *arg)
{
	struct store_headline *hs = NULL;
	struct store_cursor was;
	char *err = NULL;
	size_t n, j;
	int stop = 0;

	while (!stop) {
		was = cur;
		if (store_headlines(s->store, &s->q, &cur, HSRC_PAGE, &hs, &n, &err) != 0) {
			free(s->error);
			s->error = err;
			return -1;
		}
		for (j = 0; j < n; j++) {
			struct ui_key k;

			k.k1 = s->by_ordinal ? ord + (int64_t)j : hs[j].date;
			k.k2 = hs[j].id;
			if (j == 0 && s->by_ordinal)
				remember(s, &k, &was);
			if (!stop && fn(arg, &k, &hs[j]))
				stop = 1;
		}
		ord += (int64_t)n;
		store_headlines_free(hs, n);
		hs = NULL;
		if (n < HSRC_PAGE)
			break;
	}
	return 0;
}

static int
walk(struct ui_hsrc *s, size_t i, walk_fn *fn, void *arg)
{
	return walk_from(s, s->pages[i].cur, s->pages[i].start ? 0 : s->pages[i].first.k1,
	    fn, arg);
}

/* Take a headline out of the store's array (which then frees nothing of it). */
static struct store_headline *
take(struct store_headline *h)
{
	struct store_headline *c = xmalloc(sizeof *c);

	*c = *h;
	h->title = h->author = h->link = h->feed_title = NULL;
	return c;
}

struct collect {
	const struct ui_key	*from;	/* NULL: from the start */
	int			 dir;
	struct ui_row		*out;	/* forward: in order; backward: a ring */
	size_t			 n;
	size_t			 got;	/* rows seen that qualify */
	const struct ui_hsrc	*s;
};

static int
collect_after(void *arg, const struct ui_key *key, struct store_headline *h)
{
	struct collect *c = arg;

	if (c->from != NULL && !before(c->s, c->from, key))
		return 0;	/* not yet past the key */
	c->out[c->got].key = *key;
	c->out[c->got].data = take(h);
	return ++c->got == c->n;
}

static int
collect_before(void *arg, const struct ui_key *key, struct store_headline *h)
{
	struct collect *c = arg;
	struct ui_row *slot;

	if (c->from != NULL && !before(c->s, key, c->from))
		return 1;	/* reached the key */
	slot = &c->out[c->got % c->n];
	if (c->got >= c->n)
		ui_headline_free(NULL, slot->data);
	slot->key = *key;
	slot->data = take(h);
	c->got++;
	return 0;
}

/* Date-ordered lists (everything but search by relevance) page with
 * (date, id) keyset cursors: the rows after a cursor are those older than
 * it.  A cursor at (D, INT64_MAX) starts just after every row of date D. */
static struct store_cursor
cursor_at(int64_t date, int64_t id)
{
	struct store_cursor c = { date, id, 0 };

	return c;
}

/* Are there n rows between the cursor at the end of date d and `from`? */
static int
probe(struct ui_hsrc *s, int64_t d, const struct ui_key *from, size_t n, int *enough)
{
	struct store_cursor cur = cursor_at(d, INT64_MAX);
	struct store_headline *hs = NULL;
	char *err = NULL;
	size_t got;
	struct ui_key last;

	if (store_headlines(s->store, &s->q, &cur, n, &hs, &got, &err) != 0) {
		free(s->error);
		s->error = err;
		return -1;
	}
	*enough = got == n;
	if (*enough && from != NULL) {
		last.k1 = hs[got - 1].date;
		last.k2 = hs[got - 1].id;
		*enough = before(s, &last, from);
	}
	store_headlines_free(hs, got);
	return 0;
}

/* Where to start walking to find the n rows before `from` (NULL: the
 * end): a binary search over dates, a few dozen small indexed reads
 * instead of a walk over a million rows. */
static int
start_before(struct ui_hsrc *s, const struct ui_key *from, size_t n,
    struct store_cursor *start)
{
	struct store_cursor cur = STORE_CURSOR_START;
	struct store_headline *hs = NULL;
	int64_t lo, hi, mid;
	char *err = NULL;
	size_t got;
	int enough;

	*start = STORE_CURSOR_START;
	if (store_headlines(s->store, &s->q, &cur, 1, &hs, &got, &err) != 0) {
		free(s->error);
		s->error = err;
		return -1;
	}
	hi = got ? hs[0].date : 0;
	store_headlines_free(hs, got);
	if (got == 0)
		return 0;
	lo = from ? from->k1 : INT64_MIN / 4;
	if (lo > hi)
		return 0;
	if (probe(s, hi, from, n, &enough) != 0)
		return -1;
	if (!enough)
		return 0;	/* fewer than n rows: walk from the top */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (probe(s, mid, from, n, &enough) != 0)
			return -1;
		if (enough)
			hi = mid;
		else
			lo = mid + 1;
	}
	*start = cursor_at(hi, INT64_MAX);
	return 0;
}

int
ui_hsrc_fetch(void *ctx, const struct ui_key *from, int dir, struct ui_row *out, size_t n)
{
	struct ui_hsrc *s = ctx;
	struct collect c = { from, dir, out, n, 0, s };
	struct store_cursor start;
	size_t i, k, have;
	int rc;

	if (n == 0)
		return 0;
	if (dir > 0) {
		if (s->by_ordinal)
			rc = walk(s, from ? page_for(s, from, 1) : 0, collect_after, &c);
		else
			rc = walk_from(s, from ? cursor_at(from->k1, from->k2) :
			    STORE_CURSOR_START, 0, collect_after, &c);
		if (rc != 0) {
			for (k = 0; k < c.got; k++)
				ui_headline_free(NULL, out[k].data);
			return -1;
		}
		return (int)c.got;
	}
	if (!s->by_ordinal) {
		if (start_before(s, from, n, &start) != 0 ||
		    walk_from(s, start, 0, collect_before, &c) != 0)
			goto fail;
	} else {
		i = from ? page_for(s, from, 0) : s->npages - 1;
		for (;;) {
			c.got = 0;
			if (walk(s, i, collect_before, &c) != 0)
				goto fail;
			if (c.got >= n || i == 0)
				break;
			/* not enough rows after page i: start one page earlier */
			for (k = 0; k < c.got; k++)
				ui_headline_free(NULL, out[k].data);
			i--;
		}
	}
	/* the ring holds the last rows; hand them out nearest first */
	have = c.got < n ? c.got : n;
	{
		struct ui_row *tmp = xcalloc(have ? have : 1, sizeof *tmp);

		for (k = 0; k < have; k++)
			tmp[k] = out[(c.got - 1 - k) % n];
		memcpy(out, tmp, have * sizeof *tmp);
		free(tmp);
	}
	return (int)have;
fail:
	for (k = 0; k < c.got && k < n; k++)
		ui_headline_free(NULL, out[k].data);
	return -1;
}
