/*
 * store: opening and checking the file, the connection's settings,
 * transactions, errors, statistics.
 *
 * WAL with synchronous=NORMAL: a commit survives the process being killed
 * at any moment (it may be lost only by a power cut before the next
 * checkpoint, and then the store is still consistent).  Readers never
 * block the writer and the writer never blocks readers; two writers wait
 * for each other through the busy handler instead of failing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store-int.h"
#include "util/i18n.h"

/* How long a call waits for another process's write transaction. */
#define STORE_BUSY_MS	60000

/* arg non-NULL: a short wait (store_wait_briefly). */
static int
busy_wait(void *arg, int count)
{
	struct timespec ts;
	long ms;

	/* 1, 2, 4 … 64 ms, then 100 ms steps: about STORE_BUSY_MS in all
	 * (a brief wait: 1 … 128 ms, about a quarter of a second). */
	ms = count < 7 ? 1L << count : 100;
	if (arg != NULL && count >= 8)
		return 0;
	if (count >= 7 && (count - 7) * 100 > STORE_BUSY_MS)
		return 0;
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	nanosleep(&ts, NULL);
	return 1;
}

void
store_wait_briefly(struct store *s, int briefly)
{
	static int brief;

	sqlite3_busy_handler(s->db, busy_wait, briefly ? &brief : NULL);
}

static const char *
hint_for(int code)
{
	switch (code & 0xff) {
	case SQLITE_FULL:
		return _("the disk is full: nothing of this change was written; free some space");
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return _("another dateline kept the store busy too long; try again");
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return _("check the permissions of the file and its directory");
	case SQLITE_IOERR:
		return _("the disk reported an error; check it and the free space");
	}
	return NULL;
}

int
store_fail(struct store *s, char **err, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);
	const char *hint = hint_for(code);

	/* After some errors (a full disk, an I/O error) SQLite has rolled
	 * the whole transaction back by itself; statements would now commit
	 * one by one. */
	if (s->in_tx && sqlite3_get_autocommit(s->db)) {
		s->in_tx = 0;
		s->in_part = 0;
	}

	if (err == NULL)
		return -1;
	if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
		*err = xasprintf(_("%s: %s: %s (the file is damaged: move it aside "
		    "(dateline will start a new store) and try \"sqlite3 %s .recover\" "
		    "on the copy to save what can be saved)"), s->path, what,
		    sqlite3_errmsg(s->db), s->path);
	else if (hint != NULL)
		*err = xasprintf(_("%s: %s: %s (%s)"), s->path, what,
		    sqlite3_errmsg(s->db), hint);
	else
		*err = xasprintf(_("%s: %s: %s"), s->path, what, sqlite3_errmsg(s->db));
	return -1;
}

sqlite3_stmt *
store_stmt(struct store *s, enum store_slot slot, const char *sql, char **err)
{
	if (s->slot[slot] == NULL &&
	    sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->slot[slot], NULL) != SQLITE_OK) {
		store_fail(s, err, _("preparing a query"));
		return NULL;
	}
	return s->slot[slot];
}

void
store_done(sqlite3_stmt *st)
{
	if (st != NULL) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

int
store_run(struct store *s, sqlite3_stmt *st, char **err, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(s, err, what);
		store_done(st);
		return -1;
	}
	store_done(st);
	return 0;
}

int
store_exec(struct store *s, const char *sql, char **err, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, what);
	return 0;
}

char *
store_col_str(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return xstrdup(t != NULL ? (const char *)t : "");
}

int
store_bind_opt(sqlite3_stmt *st, int col, const char *text)
{
	if (text == NULL || *text == '\0')
		return sqlite3_bind_null(st, col);
	return sqlite3_bind_text(st, col, text, -1, SQLITE_STATIC);
}

int
store_bind_time(sqlite3_stmt *st, int col, int64_t t)
{
	if (t == DL_TIME_NONE)
		return sqlite3_bind_null(st, col);
	return sqlite3_bind_int64(st, col, t);
}

int64_t
store_col_time(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return DL_TIME_NONE;
	return sqlite3_column_int64(st, col);
}

/* --- Transactions --------------------------------------------------- */

/* BEGIN IMMEDIATE takes the write lock first: a deferred transaction that
 * read and then wants to write cannot wait for another writer (SQLite
 * answers SQLITE_BUSY at once), an immediate one can. */
int
store_tx_enter(struct store *s, int *own, char **err)
{
	*own = 0;
	if (s->in_tx)
		return 0;
	if (store_exec(s, "BEGIN IMMEDIATE", err, _("starting a transaction")) != 0)
		return -1;
	*own = 1;
	return 0;
}

int
store_tx_leave(struct store *s, int own, int rc, char **err)
{
	if (!own)
		return rc;
	if (rc == 0 && store_exec(s, "COMMIT", err, _("committing")) == 0)
		return 0;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int
store_begin(struct store *s, char **err)
{
	if (s->in_tx) {
		*err = xasprintf(_("%s: a transaction is already open"), s->path);
		return -1;
	}
	if (store_exec(s, "BEGIN IMMEDIATE", err, _("starting a transaction")) != 0)
		return -1;
	s->in_tx = 1;
	return 0;
}

int
store_commit(struct store *s, char **err)
{
	if (!s->in_tx)
		return 0;
	s->in_part = 0;		/* COMMIT releases it */
	if (store_exec(s, "COMMIT", err, _("committing")) != 0) {
		store_rollback(s);
		return -1;
	}
	s->in_tx = 0;
	return 0;
}

int
store_part_begin(struct store *s, char **err)
{
	if (!s->in_tx || s->in_part) {
		*err = xasprintf(_("%s: a transaction is already open"), s->path);
		return -1;
	}
	if (store_exec(s, "SAVEPOINT part", err, _("starting a transaction")) != 0)
		return -1;
	s->in_part = 1;
	return 0;
}

int
store_part_end(struct store *s, int keep, char **err)
{
	if (!s->in_part)
		return 0;
	s->in_part = 0;
	if (keep && store_exec(s, "RELEASE part", err, _("committing")) == 0)
		return 0;
	/* Undo the part alone. */
	if (sqlite3_get_autocommit(s->db)) {
		/* A full disk or I/O error rolled everything back. */
		s->in_tx = 0;
		return keep ? -1 : 0;
	}
	if (sqlite3_exec(s->db, "ROLLBACK TO part; RELEASE part", NULL, NULL,
	    NULL) != SQLITE_OK) {
		store_rollback(s);
		return -1;
	}
	return keep ? -1 : 0;
}

int
store_in_transaction(const struct store *s)
{
	return s->in_tx;
}

void
store_rollback(struct store *s)
{
	s->in_part = 0;
	/* A full disk or I/O error may already have rolled it back. */
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
}

/* --- Opening -------------------------------------------------------- */

char *
store_default_path(void)
{
	const char *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (data != NULL && *data == '/')
		return xasprintf("%s/dateline/cache.db", data);
	if (home == NULL || *home == '\0')
		home = ".";
	return xasprintf("%s/.local/share/dateline/cache.db", home);
}

static int
make_parents(const char *path, char **err)
{
	char *dir = xstrdup(path), *p;
	int rc = 0;

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*err = xasprintf(_("%s: cannot create the directory %s: %s"),
			    path, dir, strerror(errno));
			rc = -1;
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Before SQLite sees the file: is it one at all?  SQLite would say "file
 * is not a database" only at the first query, and would happily turn an
 * empty-looking file into a store. */
static int
check_header(const char *path, int flags, char **err)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	struct stat sb;
	ssize_t got;
	int fd;

	if (stat(path, &sb) != 0) {
		if (errno == ENOENT && !(flags & (STORE_NOCREATE | STORE_READONLY)))
			return 0;
		if (errno == ENOENT)
			*err = xasprintf(_("%s: there is no store here yet (run "
			    "'dateline --refresh' first, or name one with --cache)"), path);
		else
			*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		*err = xasprintf(_("%s: not a regular file"), path);
		return -1;
	}
	if (sb.st_size == 0)
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	got = read(fd, head, sizeof head);
	close(fd);
	if (got != (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0) {
		*err = xasprintf(_("%s: this file is not a dateline store (not an "
		    "SQLite database); it was left untouched: name another file "
		    "with --cache, or move this one aside"), path);
		return -1;
	}
	return 0;
}

/* Application id, version and whether anything is in the file at all. */
static int
read_identity(struct store *s, int *app_id, int *version, int *tables,
    int *newsboat, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(s->db, "SELECT (SELECT application_id FROM "
	    "pragma_application_id), (SELECT user_version FROM pragma_user_version), "
	    "(SELECT count(*) FROM sqlite_master), (SELECT count(*) FROM "
	    "sqlite_master WHERE name = 'rss_item')", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		store_fail(s, err, _("reading the store"));
		goto out;
	}
	*app_id = sqlite3_column_int(st, 0);
	*version = sqlite3_column_int(st, 1);
	*tables = sqlite3_column_int(st, 2);
	*newsboat = sqlite3_column_int(st, 3);
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

static int
check_identity(struct store *s, int app_id, int version, int tables,
    int newsboat, char **err)
{
	if (app_id == 0 && tables == 0)
		return 0;
	if (app_id != STORE_APPLICATION_ID) {
		if (newsboat)
			*err = xasprintf(_("%s: this is a newsboat cache, not a dateline "
			    "store; it was left untouched: give dateline its own file "
			    "with --cache"), s->path);
		else
			*err = xasprintf(_("%s: this SQLite database is not a dateline "
			    "store (application id %#x); it was left untouched: name "
			    "another file with --cache"), s->path, (unsigned)app_id);
		return -1;
	}
	if (version > STORE_SCHEMA_VERSION) {
		*err = xasprintf(_("%s: this store was written by a newer dateline "
		    "(store version %d; this one knows up to %d); it was left "
		    "untouched: use the newer dateline"), s->path, version,
		    STORE_SCHEMA_VERSION);
		return -1;
	}
	return 0;
}

/* Create or upgrade the schema.  Re-read under the write lock: another
 * process may have done it meanwhile. */
static int
upgrade(struct store *s, char **err)
{
	int app_id, version, tables, newsboat, own, rc = -1;

	if (store_tx_enter(s, &own, err) != 0)
		return -1;
	if (read_identity(s, &app_id, &version, &tables, &newsboat, err) != 0 ||
	    check_identity(s, app_id, version, tables, newsboat, err) != 0)
		goto out;
	rc = version < STORE_SCHEMA_VERSION ? store_migrate(s, version, err) : 0;
out:
	return store_tx_leave(s, own, rc, err);
}

/* A journal mode change takes the file for itself and does not wait in
 * the busy handler: several processes opening a new store at once see
 * SQLITE_BUSY here until the first has switched it.  Wait as for a lock. */
static int
wal_mode(struct store *s, char **err)
{
	int count, rc;

	for (count = 0; ; count++) {
		rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL,
		    NULL);
		if ((rc & 0xff) != SQLITE_BUSY || !busy_wait(NULL, count))
			break;
	}
	if (rc != SQLITE_OK)
		return store_fail(s, err, _("switching to write-ahead logging"));
	return 0;
}

static int
configure(struct store *s, char **err)
{
	int app_id, version, tables, newsboat;

	sqlite3_busy_handler(s->db, busy_wait, NULL);
	sqlite3_extended_result_codes(s->db, 1);
	/* Before the search index is first used on this connection (its
	 * first statement reads the schema: after the busy handler). */
	if (store_tok_register(s->db) != 0)
		return store_fail(s, err, _("opening the store"));
	if (read_identity(s, &app_id, &version, &tables, &newsboat, err) != 0 ||
	    check_identity(s, app_id, version, tables, newsboat, err) != 0)
		return -1;
	if (s->readonly) {
		if (version != STORE_SCHEMA_VERSION) {
			*err = xasprintf(_("%s: the store needs an upgrade; open it "
			    "once without read-only access"), s->path);
			return -1;
		}
		return 0;
	}
	/* A new file: 8 KiB pages pack articles (about 1-3 KiB each once
	 * deflated) with less slack; only possible before the first table. */
	if (tables == 0 && store_exec(s, "PRAGMA page_size = 8192", err,
	    _("configuring")) != 0)
		return -1;
	if (wal_mode(s, err) != 0 ||
	    store_exec(s, "PRAGMA synchronous = NORMAL", err, _("configuring")) != 0)
		return -1;
	if (version < STORE_SCHEMA_VERSION && upgrade(s, err) != 0)
		return -1;
	/* 2 MB of page cache, said outright (after the page size): a new
	 * store's connection held 4 MB of pages in a cold refresh
	 * (SQLITE_DBSTATUS_CACHE_USED), and was no faster for it. */
	return store_exec(s, "PRAGMA cache_size = -2000", err, _("configuring"));
}

struct store *
store_open(const char *path, int flags, char **err)
{
	struct store *s = xcalloc(1, sizeof *s);
	int oflags;

	s->path = path != NULL ? xstrdup(path) : store_default_path();
	s->readonly = (flags & STORE_READONLY) != 0;
	if (check_header(s->path, flags, err) != 0)
		goto fail;
	if (!(flags & (STORE_NOCREATE | STORE_READONLY)) &&
	    make_parents(s->path, err) != 0)
		goto fail;
	oflags = s->readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | ((flags & STORE_NOCREATE) ? 0 : SQLITE_OPEN_CREATE);
	if (sqlite3_open_v2(s->path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		if (s->db == NULL)
			*err = xasprintf(_("%s: cannot open the store"), s->path);
		else
			store_fail(s, err, _("opening the store"));
		goto fail;
	}
	if (configure(s, err) != 0)
		goto fail;
	return s;
fail:
	if (s->db != NULL)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
	return NULL;
}

void
store_close(struct store *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (s->in_tx)
		store_rollback(s);
	for (i = 0; i < SLOT_COUNT; i++)
		sqlite3_finalize(s->slot[i]);
	/* Planner statistics for the queries this connection ran; the limit
	 * keeps it to a few milliseconds at a million items (without it, an
	 * ANALYZE of the search index read 80 MB at every close).  Only by
	 * a connection that wrote: the statistics move with the writes, and
	 * a search that wrote nothing paid a commit, a checkpoint and four
	 * fdatasync for them (2-10 ms). */
	if (!s->readonly && sqlite3_total_changes64(s->db) > 0)
		sqlite3_exec(s->db, "PRAGMA analysis_limit = 400; PRAGMA optimize",
		    NULL, NULL, NULL);
	sqlite3_close(s->db);
	store_zip_release();
	store_tok_release();
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

int
store_set_cache(struct store *s, int kib, char **err)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", -kib);
	return store_exec(s, sql, err, _("configuring"));
}

int64_t
store_data_version(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, SLOT_DATA_VERSION, "PRAGMA data_version", NULL);
	int64_t v = -1;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	store_done(st);
	return v;
}

/* --- Statistics and compaction -------------------------------------- */

int
store_stats(struct store *s, struct store_stats *st, char **err)
{
	sqlite3_stmt *q = NULL;
	struct stat sb;
	char *wal;
	int rc = -1;

	memset(st, 0, sizeof *st);
	if (sqlite3_prepare_v2(s->db, "SELECT count(*), coalesce(sum(total), 0), "
	    "coalesce(sum(unread), 0), (SELECT count(*) FROM items WHERE flagged = 1) "
	    "FROM feeds", -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_step(q) != SQLITE_ROW) {
		store_fail(s, err, _("counting"));
		goto out;
	}
	st->feeds = sqlite3_column_int64(q, 0);
	st->items = sqlite3_column_int64(q, 1);
	st->unread = sqlite3_column_int64(q, 2);
	st->flagged = sqlite3_column_int64(q, 3);
	if (store_index_pending(s, &st->index_waiting, err) != 0)
		goto out;
	if (stat(s->path, &sb) == 0)
		st->file_bytes = (int64_t)sb.st_size;
	wal = xasprintf("%s-wal", s->path);
	if (stat(wal, &sb) == 0)
		st->wal_bytes = (int64_t)sb.st_size;
	free(wal);
	rc = 0;
out:
	sqlite3_finalize(q);
	return rc;
}

int
store_vacuum(struct store *s, char **err)
{
	/* Index what waits, merge the search index into one segment
	 * (smaller, faster), then rewrite the file without its free pages. */
	if (store_index_update(s, 0, NULL, err) != 0 ||
	    store_exec(s, "INSERT INTO items_fts (items_fts) VALUES ('optimize')",
	    err, _("compacting the search index")) != 0 ||
	    store_exec(s, "VACUUM", err, _("compacting")) != 0)
		return -1;
	return store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)", err, _("compacting"));
}
