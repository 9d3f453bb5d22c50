/*
 * store-bench: time what the reader does first on a store, and its peak
 * memory, for the store's performance targets (bench/ reuses it).
 *
 *   store-bench STORE [TERMS]...
 *
 * Prints one "name milliseconds" line per step: opening the store and
 * reading the feed list with unread counts (the reader's first screen), the
 * first river page of 50 headlines, page 200 of the river, one item for the
 * story view, then a search (50 hits, newest first, then best match) per
 * TERMS; and the peak resident memory in KiB (getrusage).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "store/store.h"
#include "util/util.h"

static double
ms_since(double t0)
{
	return (time_monotonic() - t0) * 1000.0;
}

static int
page(struct store *s, const struct store_query *q, struct store_cursor *cur,
    int64_t *first_id, char **err)
{
	struct store_headline *h;
	size_t n;

	if (store_headlines(s, q, cur, 50, &h, &n, err) != 0)
		return -1;
	if (first_id != NULL && n > 0)
		*first_id = h[0].id;
	store_headlines_free(h, n);
	return (int)n;
}

int
main(int argc, char **argv)
{
	struct store_query river = { .view = STORE_VIEW_RIVER };
	struct store_cursor cur = STORE_CURSOR_START;
	struct store_feed_info *fl;
	struct store_item *it;
	struct rusage ru;
	struct store *s;
	char *err = NULL;
	int64_t unread = 0, first = 0;
	double t0;
	size_t n, i;
	int k;

	if (argc < 2) {
		fprintf(stderr, "usage: store-bench STORE [TERMS]...\n");
		return 2;
	}
	t0 = time_monotonic();
	if ((s = store_open(argv[1], STORE_NOCREATE, &err)) == NULL ||
	    store_feed_list(s, &fl, &n, &err) != 0)
		goto fail;
	for (i = 0; i < n; i++)
		unread += fl[i].unread;
	printf("open+feed_list %.2f (%zu feeds, %lld unread)\n", ms_since(t0), n,
	    (long long)unread);
	store_feed_list_free(fl, n);

	t0 = time_monotonic();
	if (page(s, &river, &cur, &first, &err) < 0)
		goto fail;
	printf("river_page_1 %.2f\n", ms_since(t0));
	t0 = time_monotonic();
	for (k = 2; k <= 200; k++)
		if (page(s, &river, &cur, NULL, &err) < 0)
			goto fail;
	printf("river_pages_2_to_200_each %.2f\n", ms_since(t0) / 199.0);
	t0 = time_monotonic();
	if (store_item_get(s, first, &it, &err) != 0)
		goto fail;
	store_item_free(it);
	printf("item_get %.2f\n", ms_since(t0));

	for (k = 2; k < argc; k++) {
		struct store_query q = { .view = STORE_VIEW_SEARCH, .search = argv[k] };
		int hits;

		cur = STORE_CURSOR_START;
		t0 = time_monotonic();
		if ((hits = page(s, &q, &cur, NULL, &err)) < 0)
			goto fail;
		printf("search_newest[%s] %.2f (%d hits on page 1)\n", argv[k],
		    ms_since(t0), hits);
		q.order = STORE_ORDER_BEST;
		cur = STORE_CURSOR_START;
		t0 = time_monotonic();
		if ((hits = page(s, &q, &cur, NULL, &err)) < 0)
			goto fail;
		printf("search_best[%s] %.2f\n", argv[k], ms_since(t0));
	}
	store_close(s);
	getrusage(RUSAGE_SELF, &ru);
	printf("peak_rss_kib %ld\n", ru.ru_maxrss);
	return 0;
fail:
	fprintf(stderr, "store-bench: %s\n", err);
	free(err);
	return 1;
}
