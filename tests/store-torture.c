/*
 * store-torture: the store's crash and concurrency tests drive this.
 *
 *   store-torture write STORE LOG SEED ITERATIONS   (0: until killed)
 *   store-torture read STORE ITERATIONS
 *   store-torture check STORE LOG
 *
 * write behaves like a refresh plus a user: one transaction per feed of
 * new and changed items, then items marked read and flagged one by one.
 * Only after a call returned success does it append what it made durable
 * to LOG ("N guid", "R id", "F id"); state only ever moves one way (read,
 * flagged), so check can demand that the store holds at least everything
 * LOG says, whenever the writer was killed.
 * read pages through the lists and searches like the UI.
 * check verifies SQLite's and FTS5's integrity, the kept counts, and LOG.
 * Any failure exits 1 with a message; "database is locked" is a failure.
 */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "util/util.h"

#define FEEDS		5
#define GUIDS		300
#define MAX_IDS		4096

static uint64_t seed_state;

static uint32_t
rnd(uint32_t n)
{
	seed_state = seed_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(seed_state >> 33) % n;
}

static int
die(const char *what, char *err)
{
	fprintf(stderr, "store-torture: %s: %s\n", what, err != NULL ? err : "?");
	free(err);
	return 1;
}

/* One line "KIND VALUE" appended to the log (a single write: a kill
 * leaves at most a cut line, which check ignores). */
static void
log_line(int fd, char kind, long long num, const char *text)
{
	char line[256];
	int n;

	if (text != NULL)
		n = snprintf(line, sizeof line, "%c %s\n", kind, text);
	else
		n = snprintf(line, sizeof line, "%c %lld\n", kind, num);
	if (write(fd, line, (size_t)n) != n)
		abort();
}

static int
write_feed(struct store *s, int64_t feed, int f, int64_t *ids, size_t *nids,
    int logfd)
{
	char guid[10][64], link[64], content[256];
	enum store_change ch;
	struct item it;
	char *err = NULL;
	int64_t id;
	int k;

	if (store_begin(s, &err) != 0)
		return die("begin", err);
	for (k = 0; k < 10; k++) {
		uint32_t n = rnd(GUIDS);

		snprintf(guid[k], sizeof guid[k], "tag:torture,%d:%u", f, n);
		snprintf(link, sizeof link, "https://torture%d.example/%u", f, n);
		snprintf(content, sizeof content, "<p>alpha story %u version %u "
		    "about harbours and lighthouses</p>", n, rnd(4));
		memset(&it, 0, sizeof it);
		it.guid = guid[k];
		it.link = link;
		it.title = guid[k];
		it.author = (char *)"";
		it.summary = (char *)"";
		it.content = content;
		it.published = 1700000000 + n;
		it.updated = DL_TIME_NONE;
		if (store_item_upsert(s, feed, &it, &ch, &id, &err) != 0) {
			store_rollback(s);
			return die("upsert", err);
		}
		if (ch == STORE_NEW && *nids < MAX_IDS)
			ids[(*nids)++] = id;
	}
	if (store_commit(s, &err) != 0)
		return die("commit", err);
	for (k = 0; k < 10; k++)
		log_line(logfd, 'N', 0, guid[k]);
	return 0;
}

static int
do_write(const char *path, const char *logpath, long seed, long iterations)
{
	struct store_retention keep = { 0, 100000 };
	int64_t feeds[FEEDS], ids[MAX_IDS], id;
	size_t nids = 0;
	struct store *s;
	char *err = NULL, url[64];
	long i;
	int logfd, f;

	seed_state = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 1;
	if ((s = store_open(path, 0, &err)) == NULL)
		return die("open", err);
	logfd = open(logpath, O_WRONLY | O_APPEND | O_CREAT, 0600);
	if (logfd == -1)
		return die("log", xstrdup(logpath));
	for (f = 0; f < FEEDS; f++) {
		snprintf(url, sizeof url, "https://torture%d.example/feed", f);
		if (store_feed_ensure(s, url, &feeds[f], &err) != 0)
			return die("feed", err);
	}
	for (i = 0; iterations == 0 || i < iterations; i++) {
		f = (int)rnd(FEEDS);
		if (write_feed(s, feeds[f], f, ids, &nids, logfd) != 0)
			return 1;
		if (nids > 0) {
			id = ids[rnd((uint32_t)nids)];
			if (store_item_set_unread(s, id, 0, &err) != 0)
				return die("mark read", err);
			log_line(logfd, 'R', id, NULL);
			if (rnd(3) == 0) {
				if (store_item_set_flagged(s, id, 1, &err) != 0)
					return die("flag", err);
				log_line(logfd, 'F', id, NULL);
			}
		}
		if (rnd(20) == 0 && store_cleanup(s, &keep, NULL, &err) != 0)
			return die("cleanup", err);
		/* The search index catches up now and then (a kill may land
		 * in it), sometimes inside a write transaction. */
		if (rnd(7) == 0 && store_index_update(s, 0, NULL, &err) != 0)
			return die("index", err);
		if (rnd(60) == 0 && store_vacuum(s, &err) != 0)
			return die("vacuum", err);
	}
	close(logfd);
	store_close(s);
	return 0;
}

static int
do_read(const char *path, long iterations)
{
	struct store_query river = { .view = STORE_VIEW_RIVER };
	struct store_query search = { .view = STORE_VIEW_SEARCH, .search = "harbours" };
	struct store_feed_info *fl;
	struct store_headline *h;
	struct store *s;
	char *err = NULL;
	size_t n, i;
	long it;
	int page;

	if ((s = store_open(path, 0, &err)) == NULL)
		return die("open", err);
	for (it = 0; it < iterations; it++) {
		struct store_cursor cur = STORE_CURSOR_START;

		(void)store_data_version(s);
		if (store_feed_list(s, &fl, &n, &err) != 0)
			return die("feed list", err);
		for (i = 0; i < n; i++)
			if (fl[i].unread < 0 || fl[i].unread > fl[i].total)
				return die("feed list", xstrdup("counts out of range"));
		store_feed_list_free(fl, n);
		for (page = 0; page < 3; page++) {
			if (store_headlines(s, &river, &cur, 50, &h, &n, &err) != 0)
				return die("headlines", err);
			store_headlines_free(h, n);
		}
		cur = STORE_CURSOR_START;
		if (store_headlines(s, &search, &cur, 20, &h, &n, &err) != 0)
			return die("search", err);
		store_headlines_free(h, n);
	}
	store_close(s);
	return 0;
}

static int64_t
one(sqlite3 *db, const char *sql, const char *arg, int64_t num)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_bind_parameter_count(st) == 0)
		;
	else if (arg != NULL)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, num);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Every line of the log must hold in the store.  Items are checked in one
 * query at the end (guid has no index: the store looks items up by hash). */
static int
check_log(sqlite3 *db, const char *logpath, long *lines)
{
	sqlite3_stmt *add = NULL, *state = NULL;
	char line[256], *nl;
	FILE *f = fopen(logpath, "r");
	int rc = 1;

	*lines = 0;
	if (f == NULL)
		return 0;	/* killed before anything was committed */
	if (sqlite3_exec(db, "CREATE TEMP TABLE logged (guid TEXT PRIMARY KEY)", NULL,
	    NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO logged VALUES (?1)", -1, &add,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT unread, flagged FROM items WHERE id = ?1", -1,
	    &state, NULL) != SQLITE_OK)
		goto out;
	while (fgets(line, sizeof line, f) != NULL) {
		if ((nl = strchr(line, '\n')) == NULL)
			break;	/* a line cut by the kill */
		*nl = '\0';
		if (line[0] == 'N') {
			sqlite3_bind_text(add, 1, line + 2, -1, SQLITE_STATIC);
			sqlite3_step(add);
			sqlite3_reset(add);
		} else {
			int found;

			sqlite3_bind_int64(state, 1, atoll(line + 2));
			found = sqlite3_step(state) == SQLITE_ROW;
			if (!found || (line[0] == 'R' && sqlite3_column_int(state, 0) != 0) ||
			    (line[0] == 'F' && sqlite3_column_int(state, 1) != 1)) {
				fprintf(stderr, "store-torture: lost state: %s\n", line);
				goto out;
			}
			sqlite3_reset(state);
		}
		(*lines)++;
	}
	if (one(db, "SELECT count(*) FROM logged WHERE guid NOT IN (SELECT guid FROM "
	    "items WHERE guid IS NOT NULL)", NULL, 0) != 0) {
		fprintf(stderr, "store-torture: lost committed items\n");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(add);
	sqlite3_finalize(state);
	fclose(f);
	return rc;
}

/* The search index must hold exactly the current text of every item: each
 * item says "version K", and "version K" must find exactly the items whose
 * text says it now (a removal that missed leaves the old words behind,
 * which FTS5's own integrity check cannot see in a contentless index). */
static int
check_index(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int64_t max = one(db, "SELECT coalesce(max(id), 0) FROM items", NULL, 0), id;
	signed char *ver = xcalloc((size_t)max + 1, 1);
	long want[4] = { 0 }, got;
	const char *text, *v;
	char phrase[32];
	int k, rc = 1;

	memset(ver, -1, (size_t)max + 1);
	if (sqlite3_prepare_v2(db, "SELECT id, content FROM items", -1, &st, NULL) !=
	    SQLITE_OK)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		text = (const char *)sqlite3_column_text(st, 1);
		if (text != NULL && (v = strstr(text, "version ")) != NULL &&
		    v[8] >= '0' && v[8] <= '3') {
			ver[id] = (signed char)(v[8] - '0');
			want[v[8] - '0']++;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	for (k = 0; k < 4; k++) {
		snprintf(phrase, sizeof phrase, "\"version %d\"", k);
		if (sqlite3_prepare_v2(db, "SELECT rowid FROM items_fts WHERE items_fts "
		    "MATCH ?1", -1, &st, NULL) != SQLITE_OK)
			goto out;
		sqlite3_bind_text(st, 1, phrase, -1, SQLITE_STATIC);
		for (got = 0; sqlite3_step(st) == SQLITE_ROW; got++) {
			id = sqlite3_column_int64(st, 0);
			if (id > max || ver[id] != k) {
				fprintf(stderr, "store-torture: the index finds %s in item "
				    "%lld, whose text does not say it\n", phrase, (long long)id);
				goto out;
			}
		}
		sqlite3_finalize(st);
		st = NULL;
		if (got != want[k]) {
			fprintf(stderr, "store-torture: the index finds %s in %ld items, "
			    "the text in %ld\n", phrase, got, want[k]);
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(ver);
	return rc;
}

static int
do_check(const char *path, const char *logpath)
{
	struct store *s;
	sqlite3 *db;
	char *err = NULL;
	const unsigned char *ok;
	sqlite3_stmt *st;
	long lines;
	int rc = 1;

	/* Killed before the store existed: then nothing can have been
	 * committed either. */
	if (access(path, F_OK) != 0 && access(logpath, F_OK) != 0) {
		printf("0 committed changes verified, no store yet\n");
		return 0;
	}
	/* Opening through the store recovers the log like dateline would;
	 * what waited for the search index is indexed, as a search would. */
	if ((s = store_open(path, STORE_NOCREATE, &err)) == NULL)
		return die("open", err);
	if (store_index_update(s, 0, NULL, &err) != 0) {
		store_close(s);
		return die("index", err);
	}
	store_close(s);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return die("sqlite open", xstrdup(path));
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW || (ok = sqlite3_column_text(st, 0)) == NULL ||
	    strcmp((const char *)ok, "ok") != 0) {
		fprintf(stderr, "store-torture: integrity_check failed\n");
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "INSERT INTO items_fts (items_fts, rank) VALUES "
	    "('integrity-check', 0)", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "store-torture: FTS integrity: %s\n", sqlite3_errmsg(db));
		goto out;
	}
	if (one(db, "SELECT count(*) FROM feeds f WHERE total <> (SELECT count(*) "
	    "FROM items WHERE feed_id = f.id) OR unread <> (SELECT count(*) FROM "
	    "items WHERE feed_id = f.id AND unread = 1)", NULL, 0) != 0) {
		fprintf(stderr, "store-torture: feed counts differ from the items\n");
		goto out;
	}
	if (check_index(db) != 0 || check_log(db, logpath, &lines) != 0)
		goto out;
	printf("%ld committed changes verified, %lld items\n", lines,
	    (long long)one(db, "SELECT count(*) FROM items", NULL, 0));
	rc = 0;
out:
	sqlite3_close(db);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "write") == 0)
		return do_write(argv[2], argv[3], atol(argv[4]), atol(argv[5]));
	if (argc == 4 && strcmp(argv[1], "read") == 0)
		return do_read(argv[2], atol(argv[3]));
	if (argc == 4 && strcmp(argv[1], "check") == 0)
		return do_check(argv[2], argv[3]);
	fprintf(stderr, "usage: store-torture write STORE LOG SEED N | read STORE N | "
	    "check STORE LOG\n");
	return 2;
}
