/*
 * refresh: the sidecar state file (see refresh-int.h), body hashes and
 * item copies.  The store holds everything a user sees; this file only
 * saves work and keeps dateline polite, so losing it costs one full
 * refresh and nothing else.
 */
#include "config.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "refresh/refresh-int.h"
#include "util/i18n.h"
#include "util/util.h"

struct refresh_state {
	sqlite3		*db;
	sqlite3_stmt	*get;
	sqlite3_stmt	*put;
	int		 in_tx;
};

static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "CREATE TABLE IF NOT EXISTS feed_state ("
    "  url TEXT PRIMARY KEY,"
    "  body_hash TEXT,"
    "  not_before INTEGER NOT NULL DEFAULT 0,"
    "  gone INTEGER NOT NULL DEFAULT 0,"
    "  moved_to TEXT"
    ") WITHOUT ROWID;";

struct refresh_state *
rstate_open(const char *cache_path, char **err)
{
	struct refresh_state *st = xcalloc(1, sizeof *st);
	char *path = xasprintf("%s-refresh", cache_path);

	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(st->db, 10000) != SQLITE_OK ||
	    sqlite3_exec(st->db, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db, "SELECT body_hash, not_before, gone, moved_to FROM "
	    "feed_state WHERE url = ?", -1, &st->get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db, "INSERT OR REPLACE INTO feed_state "
	    "(url, body_hash, not_before, gone, moved_to) VALUES (?, ?, ?, ?, ?)", -1,
	    &st->put, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", path, st->db != NULL ?
		    sqlite3_errmsg(st->db) : _("cannot open"));
		free(path);
		rstate_close(st);
		return NULL;
	}
	free(path);
	return st;
}

void
rstate_close(struct refresh_state *st)
{
	if (st == NULL)
		return;
	if (st->in_tx)
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	sqlite3_finalize(st->get);
	sqlite3_finalize(st->put);
	sqlite3_close(st->db);
	free(st);
}

int
rstate_get(struct refresh_state *st, const char *url, struct feed_state *fs)
{
	const unsigned char *h;
	int rc;

	memset(fs, 0, sizeof *fs);
	sqlite3_bind_text(st->get, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_step(st->get);
	if (rc == SQLITE_ROW) {
		h = sqlite3_column_text(st->get, 0);
		fs->body_hash = h != NULL ? xstrdup((const char *)h) : NULL;
		fs->not_before = sqlite3_column_int64(st->get, 1);
		fs->gone = sqlite3_column_int(st->get, 2);
		h = sqlite3_column_text(st->get, 3);
		fs->moved_to = h != NULL ? xstrdup((const char *)h) : NULL;
	}
	sqlite3_reset(st->get);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
rstate_put(struct refresh_state *st, const char *url, const struct feed_state *fs)
{
	int rc;

	if (!st->in_tx && sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL) == SQLITE_OK)
		st->in_tx = 1;
	sqlite3_bind_text(st->put, 1, url, -1, SQLITE_STATIC);
	if (fs->body_hash != NULL)
		sqlite3_bind_text(st->put, 2, fs->body_hash, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st->put, 2);
	sqlite3_bind_int64(st->put, 3, fs->not_before);
	sqlite3_bind_int(st->put, 4, fs->gone);
	if (fs->moved_to != NULL)
		sqlite3_bind_text(st->put, 5, fs->moved_to, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st->put, 5);
	rc = sqlite3_step(st->put);
	sqlite3_reset(st->put);
	sqlite3_clear_bindings(st->put);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
rstate_flush(struct refresh_state *st, char **err)
{
	if (!st->in_tx)
		return 0;
	st->in_tx = 0;
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", sqlite3_db_filename(st->db, "main"),
		    sqlite3_errmsg(st->db));
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

void
rstate_discard(struct refresh_state *st)
{
	if (!st->in_tx)
		return;
	st->in_tx = 0;
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

void
feed_state_clear(struct feed_state *fs)
{
	free(fs->body_hash);
	free(fs->moved_to);
	fs->body_hash = fs->moved_to = NULL;
}

void
body_hash_init(struct body_hash *bh)
{
	memset(bh, 0, sizeof *bh);
	bh->h = 0xcbf29ce484222325ULL;
}

/* One word into the hash: a multiply and a rotation a word.  FNV-1a took
 * a multiply a byte: 0.14 s of the network thread's time in a cold
 * refresh of 50 MB of feeds.  Change detection, not security: a feed
 * can only make its own next body look unchanged. */
static uint64_t
mix(uint64_t h, uint64_t w)
{
	h ^= w * 0x9e3779b97f4a7c15ULL;
	h = (h << 29) | (h >> 35);
	return h * 0xbf58476d1ce4e5b9ULL;
}

static uint64_t
word(const unsigned char *p)
{
	uint64_t w = 0;
	int i;

	for (i = 7; i >= 0; i--)	/* little-endian, on any host */
		w = (w << 8) | p[i];
	return w;
}

void
body_hash_add(struct body_hash *bh, const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	uint64_t h = bh->h;

	bh->len += len;
	if (bh->ntail > 0) {
		while (len > 0 && bh->ntail < 8) {
			bh->tail[bh->ntail++] = *p++;
			len--;
		}
		if (bh->ntail < 8) {
			bh->h = h;
			return;
		}
		h = mix(h, word(bh->tail));
		bh->ntail = 0;
	}
	for (; len >= 8; p += 8, len -= 8)
		h = mix(h, word(p));
	memcpy(bh->tail, p, len);
	bh->ntail = len;
	bh->h = h;
}

char *
body_hash_string(const struct body_hash *bh)
{
	unsigned char last[8] = { 0 };
	uint64_t h = bh->h;

	/* The bytes short of a word, and the length (so that trailing
	 * zero bytes count). */
	memcpy(last, bh->tail, bh->ntail);
	h = mix(mix(h, word(last)), bh->len);
	/* "w": not the FNV-1a strings of earlier versions (each feed is
	 * parsed once more after an upgrade, and found unchanged). */
	return xasprintf("%" PRIu64 "-w%016" PRIx64, bh->len, h);
}

uint64_t
body_hash_length(const char *s)
{
	return s != NULL ? strtoull(s, NULL, 10) : 0;
}

static char *
dup0(const char *s)
{
	return xstrdup(s != NULL ? s : "");
}

struct item *
item_dup(const struct item *it)
{
	struct item *c = xcalloc(1, sizeof *c);
	size_t i;

	c->guid = dup0(it->guid);
	c->title = dup0(it->title);
	c->link = dup0(it->link);
	c->author = dup0(it->author);
	c->summary = dup0(it->summary);
	c->content = dup0(it->content);
	c->published = it->published;
	c->updated = it->updated;
	if (it->ncategories > 0) {
		c->categories = xcalloc(it->ncategories, sizeof *c->categories);
		for (i = 0; i < it->ncategories; i++)
			c->categories[i] = dup0(it->categories[i]);
		c->ncategories = it->ncategories;
	}
	if (it->nenclosures > 0) {
		c->enclosures = xcalloc(it->nenclosures, sizeof *c->enclosures);
		for (i = 0; i < it->nenclosures; i++) {
			c->enclosures[i].url = dup0(it->enclosures[i].url);
			c->enclosures[i].type = dup0(it->enclosures[i].type);
			c->enclosures[i].length = it->enclosures[i].length;
		}
		c->nenclosures = it->nenclosures;
	}
	if (it->nmedia > 0) {
		c->media = xcalloc(it->nmedia, sizeof *c->media);
		for (i = 0; i < it->nmedia; i++) {
			c->media[i].url = dup0(it->media[i].url);
			c->media[i].type = dup0(it->media[i].type);
			c->media[i].caption = dup0(it->media[i].caption);
			c->media[i].credit = dup0(it->media[i].credit);
			c->media[i].width = it->media[i].width;
			c->media[i].height = it->media[i].height;
		}
		c->nmedia = it->nmedia;
	}
	return c;
}

void
item_free(struct item *it)
{
	if (it == NULL)
		return;
	parse_item_reset(it);
	free(it);
}
