/*
 * store: the schema and its numbered migrations.  Migration N takes a
 * store at user_version N-1 to N; they run in one write transaction, so a
 * store is always at exactly one version.
 *
 * Size matters (a million articles): the identity of an item is a 64-bit
 * hash, not a copied guid; the guid is kept only when it differs from the
 * link; empty strings are NULL; the search index is contentless (FTS5
 * keeps no second copy of the text, the store re-derives it from the
 * stored HTML to remove a row).  Counts for the feed list are kept in the
 * feeds table by triggers, so the list never counts a million rows.
 */
#include "config.h"

#include <stdlib.h>

#include "store/store-int.h"

static const char schema_v1[] =
"CREATE TABLE feeds ("
"  id INTEGER PRIMARY KEY,"
"  url TEXT NOT NULL UNIQUE,"
"  title TEXT NOT NULL DEFAULT '',"
"  user_title TEXT,"
"  link TEXT NOT NULL DEFAULT '',"
"  tags TEXT NOT NULL DEFAULT '',"
"  etag TEXT,"
"  last_modified TEXT,"
"  last_fetch INTEGER,"
"  http_status INTEGER NOT NULL DEFAULT 0,"
"  error TEXT NOT NULL DEFAULT '',"
"  error_count INTEGER NOT NULL DEFAULT 0,"
"  unread INTEGER NOT NULL DEFAULT 0,"
"  total INTEGER NOT NULL DEFAULT 0"
");"
/* Small columns first: a headline page never reads the HTML pages. */
"CREATE TABLE items ("
"  id INTEGER PRIMARY KEY,"
"  feed_id INTEGER NOT NULL REFERENCES feeds(id),"
"  ident INTEGER NOT NULL,"
"  chash INTEGER NOT NULL,"
"  date INTEGER NOT NULL,"
"  first_seen INTEGER NOT NULL,"
"  unread INTEGER NOT NULL DEFAULT 1,"
"  flagged INTEGER NOT NULL DEFAULT 0,"
"  published INTEGER,"
"  updated INTEGER,"
"  title TEXT NOT NULL,"
"  author TEXT,"
"  link TEXT,"
"  guid TEXT,"
"  categories TEXT,"
"  enclosures TEXT,"
"  media TEXT,"
"  summary TEXT,"
"  content TEXT,"
"  fulltext TEXT"
");"
"CREATE UNIQUE INDEX items_ident ON items(feed_id, ident);"
"CREATE INDEX items_date ON items(date);"
/* Search results are sorted by date: this lets the sort read the dates of
 * thousands of hits from a small index instead of from the rows. */
"CREATE INDEX items_id_date ON items(id, date);"
"CREATE INDEX items_feed_date ON items(feed_id, date);"
"CREATE INDEX items_unread_date ON items(date) WHERE unread = 1;"
"CREATE INDEX items_feed_unread_date ON items(feed_id, date) WHERE unread = 1;"
"CREATE INDEX items_flagged_date ON items(date) WHERE flagged = 1;"
/* Items removed by retention, so that one still in its feed does not come
 * back as new. */
"CREATE TABLE gone ("
"  feed_id INTEGER NOT NULL,"
"  ident INTEGER NOT NULL,"
"  time INTEGER NOT NULL,"
"  PRIMARY KEY (feed_id, ident)"
") WITHOUT ROWID;"
"CREATE VIRTUAL TABLE items_fts USING fts5("
"  title, author, body, content='',"
"  tokenize='unicode61 remove_diacritics 2');"
/* FTS5 merges its segments once 8 of a size are there, not 4: a cold
 * refresh of 25,000 articles spent a tenth of its time re-merging (and
 * peaked 3 MB higher); a search reads a few more segments. */
"INSERT INTO items_fts (items_fts, rank) VALUES ('automerge', 8);"
"CREATE TRIGGER items_count_ins AFTER INSERT ON items BEGIN"
"  UPDATE feeds SET total = total + 1, unread = unread + new.unread"
"   WHERE id = new.feed_id;"
"END;"
"CREATE TRIGGER items_count_del AFTER DELETE ON items BEGIN"
"  UPDATE feeds SET total = total - 1, unread = unread - old.unread"
"   WHERE id = old.feed_id;"
"END;"
"CREATE TRIGGER items_count_unread AFTER UPDATE OF unread ON items"
"  WHEN old.unread <> new.unread BEGIN"
"  UPDATE feeds SET unread = unread + new.unread - old.unread"
"   WHERE id = new.feed_id;"
"END;";

/* The search index is written after the refresh (store-index.c): the
 * items whose text is not indexed yet.  items_id_date came into v1 late,
 * so a v1 store may lack it. */
static const char schema_v2[] =
"CREATE TABLE search_todo (id INTEGER PRIMARY KEY);"
"CREATE INDEX IF NOT EXISTS items_id_date ON items(id, date);";

static const char *const migrations[] = {
	schema_v1,		/* 0 -> 1 */
	schema_v2,		/* 1 -> 2 */
};

int
store_migrate(struct store *s, int from, char **err)
{
	char *sql;
	int v, rc;

	for (v = from; v < STORE_SCHEMA_VERSION; v++) {
		if (v >= (int)DL_ARRAY_LEN(migrations))
			break;
		if (store_exec(s, migrations[v], err, "creating the schema") != 0)
			return -1;
	}
	sql = xasprintf("PRAGMA application_id = %d; PRAGMA user_version = %d;",
	    STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
	rc = store_exec(s, sql, err, "setting the schema version");
	free(sql);
	return rc;
}
