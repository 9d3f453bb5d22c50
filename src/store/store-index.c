/*
 * store: the search index is brought up to date after the writes, not
 * during them.
 *
 * Indexing is most of what storing an item costs (the words of 25,000
 * articles took 1.3 s of a 3 s cold refresh on two cores), and a refresh
 * should end, and its articles be readable, as soon as they are stored.
 * So an item whose text is not in the index yet has its id in the table
 * search_todo; a write adds ids there, and store_index_update indexes
 * them.  Every search does that first (store_headlines), so a search never
 * misses an article; the reader also does it after its refreshes, in the
 * background, and `dateline --index` does it on demand.
 *
 * The rule that keeps the index exact: an item's stored text is in the
 * index if and only if its id is not in search_todo.  The index is
 * contentless, so a text can only leave it while it is still stored
 * (store_index_drop, before the row changes or goes).
 */
#include "config.h"

#include <stdlib.h>

#include "store/store-int.h"
#include "util/i18n.h"

/* Items indexed per transaction: a writer in another process (a refresh)
 * waits for at most one such batch (about 0.1 s). */
#define INDEX_BATCH	2048

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
 * in the batch (0: none left). */
static int
index_batch(struct store *s, int64_t *n, char **err)
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
	/* A row that is gone adds nothing (store_fts_stored finds none). */
	for (i = 0; i < k; i++) {
		if (store_fts_stored(s, ids[i], 1, err) != 0) {
			free(ids);
			return -1;
		}
		last = ids[i];
	}
	free(ids);
	if (k == 0)
		return 0;
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
		rc = index_batch(s, &n, err);
		if (store_tx_leave(s, own, rc, err) != 0)
			return -1;
		total += n;
	} while (n == INDEX_BATCH && (max <= 0 || total < max));
	if (done != NULL)
		*done = total;
	return 0;
}

int
store_fts_flush(struct store *s, char **err)
{
	return store_index_update(s, 0, NULL, err);
}
