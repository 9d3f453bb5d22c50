/*
 * refresh: download the subscribed feeds and bring the store up to date.
 * Wires fetch -> parse (streaming: body bytes go into the parser as they
 * arrive) -> store (one transaction per feed).  A 304, or a body identical
 * to the last one, costs no parse and no write.  Every failure is recorded
 * in the feed's row (status, message, time); one bad feed never stops the
 * others.
 *
 * Two ways to run it:
 * - refresh_run(): blocking, in the calling thread (dateline --refresh);
 *   a callback hears about each feed as it finishes.
 * - refresh_start(): a worker thread with its own store connection (the
 *   UI).  The UI polls refresh_fd() with its other descriptors; when it is
 *   readable, refresh_next_event() hands over the events one by one.  The
 *   last event has kind REFRESH_EV_FINISHED; then call refresh_wait().
 *
 *	struct refresh *r = refresh_start(&opts, &err);
 *	... poll(refresh_fd(r), POLLIN) in the UI loop ...
 *	while (refresh_next_event(r, &ev) == 1) {
 *		show ev.done / ev.total, ev.feed.url, ev.feed.status ...
 *		if (ev.kind == REFRESH_EV_FINISHED) finished = 1;
 *		refresh_event_clear(&ev);
 *	}
 *	if (finished) refresh_wait(r, &summary);   (joins and frees r)
 */
#ifndef DATELINE_REFRESH_H
#define DATELINE_REFRESH_H

#include <stddef.h>
#include <stdint.h>

#include "fetch/fetch.h"

/* One subscription to refresh (from the urls file). */
struct refresh_feed {
	const char	 *url;		/* http(s)://, file://, exec:… */
	const char	 *title;	/* the urls file's "~title", or NULL */
	const char *const *tags;	/* the urls file's tags */
	size_t		  ntags;
};

struct refresh_opts {
	const char	*cache;		/* the store's path (opened by refresh) */
	const struct refresh_feed *feeds;
	size_t		 nfeeds;
	/* Ignore the minimum intervals (Cache-Control max-age, <ttl>,
	 * Retry-After) and fetch every feed now. */
	int		 force;
	/* Least time between two fetches of one feed, in seconds (0: none). */
	int64_t		 min_interval;
	struct fetch_opts fetch;	/* parallelism, limits, timeouts */
	/* Fetch the article behind every NEW item (not only of the feeds
	 * tagged `fulltext`), at most fulltext_parallel pages at once (0:
	 * 4); the per-host limit and the caps of fetch apply. */
	int		 fulltext;
	int		 fulltext_parallel;
	/* Retention, applied once every feed is done (keep-days and
	 * keep-items; 0: no limit; flagged items are never deleted). */
	int		 keep_days;
	int		 keep_items;
};

enum refresh_status {
	REFRESH_UPDATED,	/* new or changed items were stored */
	REFRESH_UNCHANGED,	/* 304, identical body, or no new items */
	REFRESH_SKIPPED,	/* too soon: max-age, <ttl> or Retry-After */
	REFRESH_FAILED,
};

/* What happened to one feed.  Strings are sanitised, never NULL except
 * where said. */
struct refresh_feed_result {
	const char	*url;		/* the URL as subscribed */
	const char	*title;		/* the feed's title ("" when unknown) */
	enum refresh_status status;
	long		 http_status;	/* 0 for file:, exec: and network errors */
	int		 new_items;
	int		 changed_items;
	/* Why it failed, or NULL. */
	const char	*error;
	/* A 301/308 chain: the URL the feed now lives at, or NULL.  After
	 * the run, refresh_moves_apply (refresh-moved.h) rewrites the urls
	 * file and the store when the new address delivered a feed. */
	const char	*moved_to;
	/* An HTML page answered: the advertised feed URL that was used
	 * instead, or NULL. */
	const char	*discovered;
	int		 gone;		/* 410: the feed is marked dead */
};

enum refresh_event_kind {
	REFRESH_EV_FEED,	/* one feed is done: see feed */
	REFRESH_EV_FINISHED,	/* all done: see summary */
};

struct refresh_summary {
	size_t		 total;
	size_t		 updated;
	size_t		 unchanged;
	size_t		 skipped;
	size_t		 failed;
	int		 new_items;
	int64_t		 expired;	/* items deleted by retention */
	int		 fulltext_fetched;	/* articles stored */
	int		 fulltext_failed;	/* feed's text kept */
	char		*fulltext_errors;	/* "  LINK: reason\n" lines, or NULL */
	double		 seconds;
	int		 fatal;		/* nothing could be done (store, curl) */
	char		*error;		/* the fatal error, or NULL */
};

struct refresh_event {
	enum refresh_event_kind kind;
	size_t		 done;		/* feeds finished so far */
	size_t		 total;
	struct refresh_feed_result feed;	/* REFRESH_EV_FEED */
	struct refresh_summary summary;		/* REFRESH_EV_FINISHED */
	void		*priv;		/* owns the strings */
};

/* Called in refresh_run()'s thread as each feed finishes. */
typedef void refresh_progress_fn(void *ctx, size_t done, size_t total,
    const struct refresh_feed_result *res);

/* Blocking.  Returns 0 when the refresh ran (some feeds may have failed:
 * see summary), -1 when nothing could be done (*err says why). */
int		 refresh_run(const struct refresh_opts *opts,
		     refresh_progress_fn *progress, void *ctx,
		     struct refresh_summary *summary, char **err);

/* One article page and its next pages (at most EXTRACT_MAX_PAGES, the same
 * article on the same host, none twice), fetched one after another with
 * fetch_url and extracted, for --extract URL and the reader's `f` key
 * (refresh-fulltext.c).  base (may be NULL) resolves the first page's
 * links.  Returns 0 with *r filled (free it with extract_result_free), or
 * -1 with *err; a later page that fails leaves the pages before it. */
struct extract_result;
int		 fulltext_fetch_article(const char *url, const char *base,
		     struct extract_result *r, char **err);

struct refresh;
/* Start a refresh in a worker thread.  opts (and everything it points
 * to) is copied.  NULL with *err when the thread cannot start. */
struct refresh	*refresh_start(const struct refresh_opts *opts, char **err);
/* A descriptor that is readable while events are waiting. */
int		 refresh_fd(const struct refresh *r);
/* Take the next event: 1 when one was stored in *ev (free it with
 * refresh_event_clear), 0 when none is waiting.  Never blocks. */
int		 refresh_next_event(struct refresh *r, struct refresh_event *ev);
void		 refresh_event_clear(struct refresh_event *ev);
/* Ask the worker to stop soon (transfers are cancelled; feeds already
 * stored stay stored).  The FINISHED event still comes. */
void		 refresh_cancel(struct refresh *r);
/* Join the worker and free r; *summary (when not NULL) gets the totals
 * (free summary->error). */
void		 refresh_wait(struct refresh *r, struct refresh_summary *summary);

void		 refresh_summary_clear(struct refresh_summary *s);
const char	*refresh_status_name(enum refresh_status s);	/* "updated", … */

#endif
