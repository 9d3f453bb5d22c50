/*
 * store: the SQLite article store.  Feeds, items, read/flag state,
 * retention, FTS5 search, schema migrations.  The single source of truth:
 * nothing a user did is lost by a crash, a kill, a full disk or a second
 * dateline writing at the same time.
 *
 * Rules every caller can rely on:
 * - Many processes at once (WAL, busy handler): a call waits for another
 *   writer instead of failing with "database is locked".
 * - Every call that fails returns -1 (or NULL) and sets *err (caller frees)
 *   to a message that names the store file; a failed write is rolled back.
 * - No call keeps a read transaction open after it returns, so the UI never
 *   pins an old snapshot: call store_data_version() to learn whether another
 *   process committed, and re-read what is on screen.
 * - Strings handed out are exactly what the feed gave (valid UTF-8); sanitise
 *   them before a terminal or JSON sees them.
 * - Times are UTC seconds (int64_t); DL_TIME_NONE (parse.h) when unknown.
 */
#ifndef DATELINE_STORE_H
#define DATELINE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "parse/parse.h"

/* PRAGMA application_id of a dateline store: "DtLn". */
#define STORE_APPLICATION_ID	0x44744c6e
/* Newest schema this build knows (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION	2

struct store;

/* --- Opening -------------------------------------------------------- */

enum {
	STORE_NOCREATE	= 1 << 0,	/* fail when the file does not exist */
	STORE_READONLY	= 1 << 1,	/* no writes (implies NOCREATE) */
};

/* $XDG_DATA_HOME/dateline/cache.db (~/.local/share/dateline/cache.db);
 * a new string. */
char	*store_default_path(void);

/* Open (creating the file and its parent directories unless NOCREATE) and
 * migrate the schema.  A file that is not an SQLite database, an SQLite
 * database that is not a dateline store, a damaged file, or a store
 * written by a newer dateline is refused with a message and a hint; it is
 * never replaced or modified.  path NULL: store_default_path(). */
struct store *store_open(const char *path, int flags, char **err);
/* Runs PRAGMA optimize; NULL is fine. */
void	 store_close(struct store *s);
const char *store_path(const struct store *s);

/* The handle's page cache, in KiB (2,000 when opened).  A refresh uses
 * 1,000: its peak RSS (cold, 500 feeds) fell by about 1 MB, no slower. */
int	 store_set_cache(struct store *s, int kib, char **err);

/* Changes whenever ANOTHER connection (process) committed to the store
 * since the last call on this handle; -1 on error.  The UI polls it (cheap)
 * and reloads the feed list and the visible headlines when it moved. */
int64_t	 store_data_version(struct store *s);

/* --- Transactions --------------------------------------------------- */

/* Refresh wraps each feed in one transaction: store_begin, the upserts and
 * store_feed_set_* calls, store_commit.  Any error: store_rollback (the
 * feed's changes vanish together, nothing else is touched).  Calls outside
 * store_begin/store_commit commit on their own.  Not nestable. */
int	 store_begin(struct store *s, char **err);
int	 store_commit(struct store *s, char **err);
void	 store_rollback(struct store *s);
/* Many feeds in one transaction, each its own part: between store_begin
 * and store_commit, store_part_begin .. store_part_end(keep) keeps the
 * part's changes or undoes them alone (keep 0, or a failed release: -1).
 * One commit for many feeds writes each page of the indexes once, not
 * once per feed.  Parts do not nest. */
int	 store_part_begin(struct store *s, char **err);
int	 store_part_end(struct store *s, int keep, char **err);
/* Is a transaction open?  0 after store_begin when an error made SQLite
 * roll it back by itself (everything since store_begin is gone). */
int	 store_in_transaction(const struct store *s);

/* --- The search index ----------------------------------------------- */

/* Writes do not index: a new or changed item waits, and is indexed by
 * store_index_update (in batches of about 2,000, each its own transaction
 * unless the caller has one open), all of them or at least max (> 0)
 * when that many wait.  A search brings the index up to date itself
 * before it looks (store_headlines), unless another writer holds the
 * store (then it searches what is indexed rather than wait); the reader
 * does it after its refreshes.  *done (may be NULL) gets how many
 * items were indexed.  A read-only handle does nothing. */
int	 store_index_update(struct store *s, int64_t max, int64_t *done, char **err);
/* How many items wait to be indexed. */
int	 store_index_pending(struct store *s, int64_t *n, char **err);
/* The reader's indexer: a thread with a connection of its own that
 * indexes what waits, a batch at a time (after a refresh; at start-up,
 * what a refresh from cron left), so that the next search finds it done.
 * NULL when the thread could not start.  done: it has finished (stop
 * then returns at once); stop: cancels it between two batches, waits for
 * it, frees it (NULL is fine). */
struct store_indexer;
struct store_indexer *store_indexer_start(const char *path);
int	 store_indexer_done(struct store_indexer *ix);
void	 store_indexer_stop(struct store_indexer *ix);

/* --- Feeds ---------------------------------------------------------- */

/* The feed with this URL; created (empty) when new.  *id > 0. */
int	 store_feed_ensure(struct store *s, const char *url, int64_t *id, char **err);
/* The feed whose URL, or else whose title (user title first), is exactly
 * `key`; 0 with *id = 0 when none. */
int	 store_feed_find(struct store *s, const char *key, int64_t *id, char **err);
/* The feed's own title and site link from its document (feed->title,
 * feed->link). */
int	 store_feed_set_meta(struct store *s, int64_t id, const struct feed *feed,
	     char **err);
/* The user's title for the feed (urls file "~Title"), NULL to clear it;
 * shown instead of the feed's own title. */
int	 store_feed_rename(struct store *s, int64_t id, const char *title, char **err);
/* Tags from the urls file, space separated; NULL or "" for none. */
int	 store_feed_set_tags(struct store *s, int64_t id, const char *tags, char **err);
/* A permanent redirect: the feed (and its items) now lives at new_url.
 * Fails when another feed already has that URL. */
int	 store_feed_set_url(struct store *s, int64_t id, const char *new_url, char **err);
/* Two feeds are one (a permanent redirect onto a URL the store already
 * has): the items of `from` join `keep` (an item both hold keeps keep's
 * row, read if either was read, flagged if either was flagged), then
 * `from` is deleted.  keep's id, title, tags and cache headers stay.
 * Then store_feed_set_url(keep, from's old URL) can succeed. */
int	 store_feed_merge(struct store *s, int64_t keep, int64_t from, char **err);
/* Remove the feed and all its items. */
int	 store_feed_delete(struct store *s, int64_t id, char **err);

/* Conditional GET: the ETag and Last-Modified stored by the last successful
 * fetch; each a new string or NULL when there is none. */
int	 store_feed_get_http_cache(struct store *s, int64_t id, char **etag,
	     char **last_modified, char **err);

struct store_fetch_result {
	int64_t		 time;		/* when the fetch ended */
	int		 http_status;	/* 200, 304, 404…; 0 when no HTTP reply */
	const char	*error;		/* NULL: success (resets the error count);
					 * else the reason, counted */
	const char	*etag;		/* NULL: keep the stored one; "": clear */
	const char	*last_modified;	/* NULL: keep; "": clear */
};
int	 store_feed_set_fetch_result(struct store *s, int64_t id,
	     const struct store_fetch_result *r, char **err);

/* One row of the feed list: everything the feeds view shows, read in one
 * indexed query (unread and total counts are kept up to date by the store
 * itself, so the list costs the same at a million items as at ten). */
struct store_feed_info {
	int64_t	 id;
	char	*url;
	char	*title;		/* user title, else the feed's, else the URL */
	char	*link;		/* the site, "" when unknown */
	char	*tags;		/* "" when none */
	int64_t	 unread;
	int64_t	 total;
	int64_t	 last_fetch;	/* DL_TIME_NONE: never fetched */
	int	 http_status;
	int	 error_count;	/* failed fetches in a row */
	char	*error;		/* last error, "" when the last fetch worked */
};
/* All feeds, in the order they were first added. */
int	 store_feed_list(struct store *s, struct store_feed_info **feeds, size_t *n,
	     char **err);
void	 store_feed_list_free(struct store_feed_info *feeds, size_t n);

/* --- Items: writing (refresh) -------------------------------------- */

enum store_change {
	STORE_UNCHANGED = 0,	/* already stored, same text: nothing written */
	STORE_NEW,		/* a new item: stored unread */
	STORE_UPDATED,		/* same item, new text: read/flag state kept */
	STORE_GONE,		/* removed earlier by retention: not stored again */
};
/* Store one parsed item of a feed.  Identity within the feed: the guid,
 * else the link, else a hash of title + date.  The search index covers the
 * title, author and the plain text of the body (full text when fetched,
 * else content, else summary; plus photo captions), which the store derives
 * itself from the stored HTML so that the index can always be kept in step
 * with the rows (and rebuilt by a migration).  *change may be NULL; *id
 * (may be NULL) gets the item's id. */
int	 store_item_upsert(struct store *s, int64_t feed_id, const struct item *item,
	     enum store_change *change, int64_t *id, char **err);
/* The same in two steps, so that the expensive half (compression, the
 * index's text, the hashes) can run on another thread: store_item_prepare
 * needs no store and may run on any thread (item must outlive the
 * result); store_item_upsert_prep then writes it (the prepared
 * compressed text is handed to SQLite: a prep is upserted once). */
struct store_prep;
struct store_prep *store_item_prepare(const struct item *item);
int	 store_item_upsert_prep(struct store *s, int64_t feed_id,
	     struct store_prep *prep, enum store_change *change, int64_t *id,
	     char **err);
void	 store_prep_free(struct store_prep *prep);
/* The item's summary and content that prep holds compressed are freed
 * (left ""): a parsed feed waiting for the store holds a third of it.
 * The item is then only good for store_item_upsert_prep with this prep. */
void	 store_prep_shed(struct store_prep *prep, struct item *item);
/* A thread that prepared items calls this before it ends (it frees the
 * thread's compression context). */
void	 store_thread_done(void);

/* --- Items: reading (ui, --search) ---------------------------------- */

/* A headline list, one screen at a time: only the columns a list shows. */
struct store_headline {
	int64_t	 id;
	int64_t	 feed_id;
	int64_t	 date;		/* published, else updated, else first seen */
	char	*title;
	char	*author;
	char	*link;
	char	*feed_title;
	int	 unread;
	int	 flagged;
};

enum store_view {
	STORE_VIEW_RIVER,	/* every feed, newest first */
	STORE_VIEW_FEED,	/* one feed (query.feed_id), newest first */
	STORE_VIEW_FLAGGED,	/* flagged items of every feed, newest first */
	STORE_VIEW_SEARCH,	/* query.search over the whole store */
};

enum store_order {
	STORE_ORDER_NEWEST,	/* search: newest first (item date) */
	STORE_ORDER_BEST,	/* search: best match first (bm25) */
};

struct store_query {
	enum store_view	 view;
	int64_t		 feed_id;	/* STORE_VIEW_FEED */
	int		 unread_only;	/* RIVER and FEED */
	const char	*search;	/* STORE_VIEW_SEARCH: FTS5 terms: words
					 * (all must match), "a phrase", prefix*,
					 * OR, NOT; text that is not valid query
					 * syntax is searched as plain words.
					 * Terms found in more than 10,000 items
					 * (5,000 for BEST) are answered from the
					 * most recently stored that many, so
					 * every search stays fast */
	enum store_order order;		/* STORE_VIEW_SEARCH */
};

/* Where a page ends: pass the last page's cursor to get the next one.
 * STORE_CURSOR_START for the first page.  Opaque to callers. */
struct store_cursor {
	int64_t	 date;
	int64_t	 id;
	int64_t	 offset;
};
#define STORE_CURSOR_START ((struct store_cursor){ INT64_MAX, INT64_MAX, 0 })

/* At most `limit` headlines after *cursor, which is advanced past them
 * (keyset pagination on indexed columns: every page costs the same).
 * *n < limit means the end was reached.  Backward paging: keep the
 * cursors of earlier pages (they stay valid while items come and go). */
int	 store_headlines(struct store *s, const struct store_query *q,
	     struct store_cursor *cursor, size_t limit,
	     struct store_headline **out, size_t *n, char **err);
void	 store_headlines_free(struct store_headline *h, size_t n);
/* Every hit of a search (q->view STORE_VIEW_SEARCH), the same and in the
 * same order as store_headlines's pages joined, found and sorted once: a
 * search's page finds and sorts all the hits again, which a caller that
 * wants them all (--search) need not pay for every page.  fn gets each
 * hit (h and its strings are valid during the call only); a non-zero
 * return stops the search, which then returns 0. */
typedef int store_hit_fn(const struct store_headline *h, void *arg);
int	 store_search_each(struct store *s, const struct store_query *q,
	     store_hit_fn *fn, void *arg, char **err);

/* Everything about one item, for the story view. */
struct store_item {
	int64_t		 id;
	int64_t		 feed_id;
	int64_t		 date;
	int64_t		 first_seen;
	int		 unread;
	int		 flagged;
	char		*feed_title;
	char		*feed_url;
	char		*fulltext;	/* extracted article HTML, NULL if never fetched */
	struct item	 item;		/* as parsed; every string non-NULL */
};
/* *out is NULL (and 0 returned) when there is no such item. */
int	 store_item_get(struct store *s, int64_t id, struct store_item **out, char **err);
void	 store_item_free(struct store_item *it);

/* --- Items: user state ---------------------------------------------- */

int	 store_item_set_unread(struct store *s, int64_t id, int unread, char **err);
int	 store_item_set_flagged(struct store *s, int64_t id, int flagged, char **err);
/* Mark every item of a feed read, or of every feed with feed_id 0.
 * *count (may be NULL) gets how many items changed. */
int	 store_feed_mark_read(struct store *s, int64_t feed_id, int64_t *count,
	     char **err);
/* Full text fetched for an item (HTML); NULL removes it.  Searchable. */
int	 store_item_set_fulltext(struct store *s, int64_t id, const char *html,
	     char **err);

/* --- Retention and statistics --------------------------------------- */

struct store_retention {
	int	 keep_days;	/* delete items older than this; 0: no limit */
	int	 keep_items;	/* keep the newest N items a feed; 0: no limit */
};
/* Apply retention (after a refresh, never at start-up).  Flagged items
 * are never deleted.  A deleted item that is still in its feed is not
 * stored again as new.  *deleted may be NULL. */
int	 store_cleanup(struct store *s, const struct store_retention *r,
	     int64_t *deleted, char **err);
/* Give free pages back to the file system (slow: the whole file is
 * rewritten; --cleanup only). */
int	 store_vacuum(struct store *s, char **err);

struct store_stats {
	int64_t	 feeds;
	int64_t	 items;
	int64_t	 unread;
	int64_t	 flagged;
	int64_t	 file_bytes;	/* the database file */
	int64_t	 wal_bytes;	/* its write-ahead log */
	int64_t	 index_waiting;	/* items not in the search index yet */
};
int	 store_stats(struct store *s, struct store_stats *st, char **err);

#endif
