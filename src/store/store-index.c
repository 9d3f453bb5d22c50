/*
 * store: the search index is brought up to date after the writes, not
 * during them.
 *
 * Indexing is most of what storing an item costs (the words of 25,000
 * articles took 1.3 s of a 3 s cold refresh on two cores), and a refresh
 * should end, and its articles be readable, as soon as they are stored.
 * So an item whose text is not in the index yet has its id in the table
 * search_todo; a write adds ids there, and store_index_update indexes
 * them.  Every search does that first (store_index_catch_up), unless
 * another writer holds the store; the reader's indexer thread does it in
 * the background after its refreshes and at start-up; `dateline --index`
 * does it on demand.
 *
 * The rule that keeps the index exact: an item's stored text is in the
 * index if and only if its id is not in search_todo.  The index is
 * contentless, so a text can only leave it while it is still stored
 * (store_index_drop, before the row changes or goes).
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/i18n.h"

/* Items indexed per transaction: a writer in another process (a refresh)
 * waits for at most one such batch (about 0.1 s). */
#define INDEX_BATCH	2048
/* A batch this big gets a second thread (below, it is not worth one). */
#define HELPER_MIN	64
/* How far the helper thread may run ahead of the writer (memory). */
#define HELPER_AHEAD	64

/*
 * The text of the items to index is made on a second thread: read with a
 * connection of its own (the rows are committed, and the writer holds the
 * write lock, so both see the same rows), decompressed, turned into plain
 * text and split into words (store_tok_split), while the writer feeds the
 * words to FTS5.  25,000 items took 2.5 s on one thread.
 */
struct helped {
	int64_t		 id;
	int		 state;		/* 1: text made; 0: no such item;
					 * -1: not made (the writer does it) */
	struct store_fts_row row;
	struct buf	 words;
};

struct helper {
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cv;
	const char	*path;
	const int64_t	*ids;
	size_t		 n;
	struct helped	*out;
	size_t		 made;		/* out[0 .. made) are ready */
	size_t		 taken;		/* and out[0 .. taken) are written */
	int		 stop;
};

static void *
helper_main(void *arg)
{
	struct helper *h = arg;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	size_t i;
	int ok;

	ok = sqlite3_open_v2(h->path, &db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, STORE_FTS_READ_SQL, -1, &st, NULL) == SQLITE_OK;
	for (i = 0; i < h->n; i++) {
		struct helped *o = &h->out[i];

		pthread_mutex_lock(&h->lock);
		while (!h->stop && i >= h->taken + HELPER_AHEAD)
			pthread_cond_wait(&h->cv, &h->lock);
		if (h->stop) {
			pthread_mutex_unlock(&h->lock);
			break;
		}
		pthread_mutex_unlock(&h->lock);
		o->id = h->ids[i];
		o->state = ok ? store_fts_read(st, o->id, &o->row) : -1;
		if (o->state == 1) {
			store_fts_text(&o->words, &o->row);
			store_tok_split(&o->words);
		}
		pthread_mutex_lock(&h->lock);
		h->made = i + 1;
		pthread_cond_broadcast(&h->cv);
		pthread_mutex_unlock(&h->lock);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	store_thread_done();
	return NULL;
}

static void
helped_free(struct helped *o)
{
	store_fts_row_free(&o->row);
	buf_free(&o->words);
}

/* Index the ids with the helper thread; -1 when it could not start (the
 * caller does it alone). */
static int
index_helped(struct store *s, const int64_t *ids, size_t n, int *rc, char **err)
{
	struct helper h;
	size_t i;

	memset(&h, 0, sizeof h);
	h.path = s->path;
	h.ids = ids;
	h.n = n;
	h.out = xcalloc(n, sizeof *h.out);
	pthread_mutex_init(&h.lock, NULL);
	pthread_cond_init(&h.cv, NULL);
	if (pthread_create(&h.thread, NULL, helper_main, &h) != 0) {
		pthread_cond_destroy(&h.cv);
		pthread_mutex_destroy(&h.lock);
		free(h.out);
		return -1;
	}
	*rc = 0;
	for (i = 0; i < n && *rc == 0; i++) {
		struct helped *o = &h.out[i];

		pthread_mutex_lock(&h.lock);
		while (h.made <= i)
			pthread_cond_wait(&h.cv, &h.lock);
		pthread_mutex_unlock(&h.lock);
		if (o->state == 1)
			*rc = store_fts_write(s, o->id, o->row.title, o->row.author,
			    buf_str(&o->words), 1, err);
		else if (o->state == -1)
			*rc = store_fts_stored(s, o->id, 1, err);
		helped_free(o);
		pthread_mutex_lock(&h.lock);
		h.taken = i + 1;
		pthread_cond_broadcast(&h.cv);
		pthread_mutex_unlock(&h.lock);
	}
	pthread_mutex_lock(&h.lock);
	h.stop = 1;
	pthread_cond_broadcast(&h.cv);
	pthread_mutex_unlock(&h.lock);
	pthread_join(h.thread, NULL);
	for (; i < n; i++)
		helped_free(&h.out[i]);
	pthread_cond_destroy(&h.cv);
	pthread_mutex_destroy(&h.lock);
	free(h.out);
	return 0;
}

int
store_index_later(struct store *s, int64_t id, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_TODO_ADD,
	    "INSERT OR IGNORE INTO search_todo (id) VALUES (?1)", err);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return store_run(s, st, err, _("saving an item"));
}

int
store_index_drop(struct store *s, int64_t id, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_TODO_DEL,
	    "DELETE FROM search_todo WHERE id = ?1", err);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (store_run(s, st, err, _("updating the search index")) != 0)
		return -1;
	if (sqlite3_changes(s->db) > 0)
		return 0;	/* never indexed: nothing to take out */
	return store_fts_stored(s, id, 0, err);
}

int
store_index_pending(struct store *s, int64_t *n, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_TODO_COUNT,
	    "SELECT count(*) FROM search_todo", err);
	int rc;

	*n = 0;
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? 0 : store_fail(s, err, _("reading the store"));
}

/* Index up to INDEX_BATCH waiting items; *n gets how many were waiting
 * in the batch (0: none left).  own: the batch has a transaction of its
 * own (else the caller's may hold rows no other connection sees). */
static int
index_batch(struct store *s, int own, int64_t *n, char **err)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_TODO_NEXT,
	    "SELECT id FROM search_todo ORDER BY id LIMIT ?1", err);
	sqlite3_stmt *del;
	int64_t *ids, last = 0;
	size_t i, k = 0;
	int rc;

	*n = 0;
	if (st == NULL)
		return -1;
	ids = xcalloc(INDEX_BATCH, sizeof *ids);
	sqlite3_bind_int(st, 1, INDEX_BATCH);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < INDEX_BATCH)
		ids[k++] = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		free(ids);
		return store_fail(s, err, _("reading the store"));
	}
	if (k == 0) {
		free(ids);
		return 0;
	}
	last = ids[k - 1];
	/* With the helper thread when it is worth one and can see the rows
	 * (else, or when it cannot start, alone).  A row that is gone adds
	 * nothing (store_fts_stored finds none). */
	rc = -1;
	if (!own || k < HELPER_MIN || index_helped(s, ids, k, &rc, err) != 0)
		for (i = 0, rc = 0; i < k && rc == 0; i++)
			rc = store_fts_stored(s, ids[i], 1, err);
	free(ids);
	if (rc != 0)
		return -1;
	/* The ids up to the last one read are exactly the batch: the same
	 * write transaction read them. */
	del = store_stmt(s, SLOT_TODO_DONE, "DELETE FROM search_todo WHERE id <= ?1",
	    err);
	if (del == NULL)
		return -1;
	sqlite3_bind_int64(del, 1, last);
	if (store_run(s, del, err, _("updating the search index")) != 0)
		return -1;
	*n = (int64_t)k;
	return 0;
}

int
store_index_update(struct store *s, int64_t max, int64_t *done, char **err)
{
	int64_t n, total = 0;
	int own, rc;

	if (done != NULL)
		*done = 0;
	if (s->readonly)
		return 0;
	do {
		if (store_tx_enter(s, &own, err) != 0)
			return -1;
		rc = index_batch(s, own, &n, err);
		if (store_tx_leave(s, own, rc, err) != 0)
			return -1;
		total += n;
	} while (n == INDEX_BATCH && (max <= 0 || total < max));
	if (done != NULL)
		*done = total;
	return 0;
}

int
store_index_catch_up(struct store *s, char **err)
{
	sqlite3_stmt *st;
	char *e = NULL;
	int rc;

	if (s->in_tx)		/* the caller's rows too */
		return store_index_update(s, 0, NULL, err);
	/* Nothing waiting (the usual case): no write lock, so a search
	 * does not wait for a refresh's transaction to end. */
	st = store_stmt(s, SLOT_TODO_ANY,
	    "SELECT EXISTS (SELECT 1 FROM search_todo)", err);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_done(st);
		return store_fail(s, err, _("reading the store"));
	}
	rc = sqlite3_column_int(st, 0);
	store_done(st);
	if (rc == 0)
		return 0;
	/* Another writer (a refresh) holds the store: search what is
	 * indexed now rather than wait for it (the next search, or the
	 * reader's indexer, indexes the rest). */
	store_wait_briefly(s, 1);
	rc = store_index_update(s, 0, NULL, &e);
	store_wait_briefly(s, 0);
	if (rc != 0 && (sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_BUSY) {
		free(e);
		return 0;
	}
	if (rc != 0)
		*err = e;
	return rc;
}

/* --- The reader's indexer thread ----------------------------------- */

struct store_indexer {
	pthread_t	 thread;
	char		*path;
	atomic_int	 cancel;
	atomic_int	 done;
};

static void *
indexer_main(void *arg)
{
	struct store_indexer *ix = arg;
	struct store *s;
	char *err = NULL;
	int64_t n;

	if ((s = store_open(ix->path, STORE_NOCREATE, &err)) != NULL) {
		/* A batch at a time: a cancel waits for one at most. */
		do {
			if (store_index_update(s, 1, &n, &err) != 0) {
				free(err);
				break;
			}
		} while (n > 0 && !atomic_load(&ix->cancel));
		store_close(s);
	} else
		free(err);
	atomic_store(&ix->done, 1);
	return NULL;
}

struct store_indexer *
store_indexer_start(const char *path)
{
	struct store_indexer *ix = xcalloc(1, sizeof *ix);

	ix->path = xstrdup(path);
	atomic_init(&ix->cancel, 0);
	atomic_init(&ix->done, 0);
	if (pthread_create(&ix->thread, NULL, indexer_main, ix) != 0) {
		free(ix->path);
		free(ix);
		return NULL;
	}
	return ix;
}

int
store_indexer_done(struct store_indexer *ix)
{
	return ix == NULL || atomic_load(&ix->done);
}

void
store_indexer_stop(struct store_indexer *ix)
{
	if (ix == NULL)
		return;
	atomic_store(&ix->cancel, 1);
	pthread_join(ix->thread, NULL);
	free(ix->path);
	free(ix);
}
