/*
 * store-gen: fill a dateline store with generated wire-style articles,
 * through the store's own API (so it is also how refresh writes), and
 * optionally a newsboat 2.x cache.db with the very same articles, for
 * side-by-side benchmarks (bench/ uses it) and for the store's own tests.
 *
 *   store-gen [--items N] [--feeds N] [--words N] [--seed N] [--read PCT]
 *             [--newsboat FILE] STORE
 *
 * The text is made of invented words drawn with a Zipf-like law (a few
 * words very common, most rare, as in real prose), so the search index
 * grows as it would with real articles.  A few marker terms are planted at
 * known rates for search benchmarks: "kim" and "putin" together (phrase
 * "kim putin") in 1 item of 100, "vladivostok" in 1 of 1000.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "util/util.h"

#define VOCAB	40000

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t
rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static double
rng_unit(void)
{
	return (double)(rng() >> 11) / 9007199254740992.0;
}

static char *vocab[VOCAB];

static void
make_vocab(void)
{
	static const char *syl[] = { "ka", "ro", "mi", "ten", "sa", "lu", "ver", "do",
	    "na", "pel", "tri", "os", "gan", "be", "li", "mor", "ste", "qua", "zi",
	    "han", "el", "fu", "rad", "ny", "co", "wen", "ip", "tal", "ge", "shu" };
	size_t i, k, n;

	for (i = 0; i < VOCAB; i++) {
		struct buf b = BUF_INIT;

		n = 1 + i % 3 + (i > 2000) + (i > 20000);
		for (k = 0; k < n; k++)
			buf_adds(&b, syl[rng() % DL_ARRAY_LEN(syl)]);
		vocab[i] = buf_detach(&b);
	}
}

/* Zipf with s = 1: log-uniform rank. */
static const char *
word(void)
{
	size_t r = (size_t)exp(rng_unit() * log((double)VOCAB));

	return vocab[r > 0 ? r - 1 : 0];
}

static void
sentence(struct buf *b, int words, int capital)
{
	int i;

	for (i = 0; i < words; i++) {
		const char *w = word();

		if (i > 0)
			buf_addc(b, ' ');
		if (i == 0 && capital) {
			buf_addc(b, (char)(w[0] - 32));
			buf_adds(b, w + 1);
		} else
			buf_adds(b, w);
	}
}

struct gen {
	size_t	 items;
	size_t	 feeds;
	int	 words;
	int	 read_pct;
	const char *newsboat;
	const char *store;
};

static int
newsboat_open(const char *path, sqlite3 **db, sqlite3_stmt **ins, sqlite3_stmt **feed)
{
	static const char schema[] =
	    "CREATE TABLE rss_feed (  rssurl VARCHAR(1024) PRIMARY KEY NOT NULL,  "
	    "url VARCHAR(1024) NOT NULL,  title VARCHAR(1024) NOT NULL , "
	    "lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL "
	    "DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT \"\");"
	    "CREATE TABLE rss_item (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,  "
	    "guid VARCHAR(64) NOT NULL,  title VARCHAR(1024) NOT NULL,  author "
	    "VARCHAR(1024) NOT NULL,  url VARCHAR(1024) NOT NULL,  feedurl "
	    "VARCHAR(1024) NOT NULL,  pubDate INTEGER NOT NULL,  content "
	    "VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL , enclosure_url "
	    "VARCHAR(1024), enclosure_type VARCHAR(1024), enqueued INTEGER(1) NOT "
	    "NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT "
	    "0, base VARCHAR(128) NOT NULL DEFAULT \"\");"
	    "CREATE TABLE google_replay (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT "
	    "NULL,  guid VARCHAR(64) NOT NULL,  state INTEGER NOT NULL,  ts INTEGER "
	    "NOT NULL );"
	    "CREATE INDEX idx_rssurl ON rss_feed(rssurl);"
	    "CREATE INDEX idx_guid ON rss_item(guid);"
	    "CREATE INDEX idx_feedurl ON rss_item(feedurl);"
	    "CREATE INDEX idx_lastmodified ON rss_feed(lastmodified);"
	    "CREATE INDEX idx_deleted ON rss_item(deleted);"
	    "CREATE TABLE metadata (  db_schema_version_major INTEGER NOT NULL,  "
	    "db_schema_version_minor INTEGER NOT NULL );"
	    "INSERT INTO metadata VALUES (2, 21);"
	    "PRAGMA synchronous = OFF; BEGIN;";

	unlink(path);
	if (sqlite3_open(path, db) != SQLITE_OK ||
	    sqlite3_exec(*db, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(*db, "INSERT INTO rss_item (guid, title, author, url, "
	    "feedurl, pubDate, content, unread, enclosure_url, enclosure_type, flags, "
	    "base) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '', '', '')", -1, ins, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(*db, "INSERT INTO rss_feed (rssurl, url, title) "
	    "VALUES (?, ?, ?)", -1, feed, NULL) != SQLITE_OK) {
		fprintf(stderr, "store-gen: %s: %s\n", path, sqlite3_errmsg(*db));
		return -1;
	}
	return 0;
}

static void
newsboat_item(sqlite3_stmt *ins, const struct item *it, const char *feedurl, int unread)
{
	sqlite3_bind_text(ins, 1, it->guid, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, it->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, it->author, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 4, it->link, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 5, feedurl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 6, it->published);
	/* newsboat keeps content:encoded when there is one, else the
	 * description. */
	sqlite3_bind_text(ins, 7, *it->content ? it->content : it->summary, -1,
	    SQLITE_STATIC);
	sqlite3_bind_int(ins, 8, unread);
	sqlite3_step(ins);
	sqlite3_reset(ins);
}

/* One article: a title, a dateline-style first paragraph, a summary that
 * repeats it, body paragraphs; a photo with a caption in 1 of 3. */
static void
make_item(struct item *it, struct media *m, size_t feed, size_t n, int words,
    struct buf *b)
{
	struct buf t = BUF_INIT, s = BUF_INIT, c = BUF_INIT;
	int left = words / 2 + (int)(rng() % (uint64_t)(words + 1));
	uint64_t r = rng();

	sentence(&t, 6 + (int)(rng() % 6), 1);
	sentence(&s, 25 + (int)(rng() % 15), 1);
	buf_addc(&s, '.');
	if (r % 100 == 0)
		buf_adds(&s, " Kim Putin met.");
	if (r % 1000 == 7)
		buf_adds(&s, " In Vladivostok.");
	buf_printf(&c, "<p>%s</p>", s.data);
	while (left > 0) {
		int k = 40 + (int)(rng() % 40);

		buf_adds(&c, "\n<p>");
		sentence(&c, k, 1);
		buf_adds(&c, ".</p>");
		left -= k;
	}
	buf_reset(b);
	buf_printf(b, "https://wire%zu.example/news/%zu-%s", feed, n, vocab[r % VOCAB]);
	memset(it, 0, sizeof *it);
	it->title = buf_detach(&t);
	it->summary = buf_detach(&s);
	it->content = buf_detach(&c);
	it->link = xstrdup(b->data);
	it->guid = xstrdup(b->data);
	it->author = xasprintf("%s %s", vocab[r % 500], vocab[(r >> 20) % 3000]);
	it->published = time_now() - (int64_t)(rng() % (365 * 86400));
	it->updated = DL_TIME_NONE;
	if (r % 3 == 0) {
		m->url = xasprintf("https://wire%zu.example/img/%zu.jpg", feed, n);
		m->type = (char *)"image/jpeg";
		m->caption = xasprintf("%s %s %s", word(), word(), word());
		m->credit = (char *)"Photo: Wire";
		m->width = 1024;
		m->height = 683;
		it->media = m;
		it->nmedia = 1;
	}
}

static void
free_item(struct item *it)
{
	free(it->title);
	free(it->summary);
	free(it->content);
	free(it->link);
	free(it->guid);
	free(it->author);
	if (it->nmedia) {
		free(it->media[0].url);
		free(it->media[0].caption);
	}
}

static int
generate(const struct gen *g)
{
	sqlite3 *nb = NULL;
	sqlite3_stmt *nb_ins = NULL, *nb_feed = NULL;
	struct store *s;
	struct buf b = BUF_INIT;
	char *err = NULL, *url;
	int64_t *feed_ids = xcalloc(g->feeds, sizeof *feed_ids);
	size_t i, f;
	int rc = 1;

	if ((s = store_open(g->store, 0, &err)) == NULL) {
		fprintf(stderr, "store-gen: %s\n", err);
		return 1;
	}
	if (g->newsboat != NULL && newsboat_open(g->newsboat, &nb, &nb_ins, &nb_feed) != 0)
		goto out;
	for (f = 0; f < g->feeds; f++) {
		struct feed fd = { 0 };

		url = xasprintf("https://wire%zu.example/rss.xml", f);
		fd.title = xasprintf("Wire %zu", f);
		fd.link = xasprintf("https://wire%zu.example/", f);
		if (store_feed_ensure(s, url, &feed_ids[f], &err) != 0 ||
		    store_feed_set_meta(s, feed_ids[f], &fd, &err) != 0)
			goto fail;
		if (nb != NULL) {
			sqlite3_bind_text(nb_feed, 1, url, -1, SQLITE_STATIC);
			sqlite3_bind_text(nb_feed, 2, fd.link, -1, SQLITE_STATIC);
			sqlite3_bind_text(nb_feed, 3, fd.title, -1, SQLITE_STATIC);
			sqlite3_step(nb_feed);
			sqlite3_reset(nb_feed);
		}
		free(url);
		free(fd.title);
		free(fd.link);
	}
	for (i = 0; i < g->items; i++) {
		struct item it;
		struct media m;
		int64_t id;
		int unread = (int)(rng() % 100) >= g->read_pct;

		if (i % 1000 == 0 && (i > 0 ? store_commit(s, &err) : 0) != 0)
			goto fail;
		if (i % 1000 == 0 && store_begin(s, &err) != 0)
			goto fail;
		f = (size_t)(rng() % g->feeds);
		make_item(&it, &m, f, i, g->words, &b);
		if (store_item_upsert(s, feed_ids[f], &it, NULL, &id, &err) != 0 ||
		    (!unread && store_item_set_unread(s, id, 0, &err) != 0)) {
			free_item(&it);
			goto fail;
		}
		if (nb != NULL) {
			url = xasprintf("https://wire%zu.example/rss.xml", f);
			newsboat_item(nb_ins, &it, url, unread);
			free(url);
		}
		free_item(&it);
	}
	/* Indexed, as after the reader's refreshes or a search. */
	if (store_commit(s, &err) != 0 || store_index_update(s, 0, NULL, &err) != 0)
		goto fail;
	if (nb != NULL && sqlite3_exec(nb, "COMMIT; ANALYZE", NULL, NULL, NULL) != SQLITE_OK)
		fprintf(stderr, "store-gen: %s: %s\n", g->newsboat, sqlite3_errmsg(nb));
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "store-gen: %s\n", err);
	free(err);
out:
	sqlite3_finalize(nb_ins);
	sqlite3_finalize(nb_feed);
	if (nb != NULL)
		sqlite3_close(nb);
	store_close(s);
	buf_free(&b);
	free(feed_ids);
	return rc;
}

static int
number(const char *s, long min, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return errno == 0 && *s != '\0' && *end == '\0' && *out >= min && *out <= max;
}

int
main(int argc, char **argv)
{
	struct gen g = { 1000, 50, 300, 50, NULL, NULL };
	long v, seed = 1;
	int i, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--newsboat") == 0 && next != NULL) {
			g.newsboat = next;
			i++;
		} else if (next != NULL && strncmp(a, "--", 2) == 0 &&
		    number(next, 0, 100000000, &v)) {
			if (strcmp(a, "--items") == 0)
				g.items = (size_t)v;
			else if (strcmp(a, "--feeds") == 0 && v > 0)
				g.feeds = (size_t)v;
			else if (strcmp(a, "--words") == 0 && v > 0)
				g.words = (int)v;
			else if (strcmp(a, "--seed") == 0)
				seed = v;
			else if (strcmp(a, "--read") == 0 && v <= 100)
				g.read_pct = (int)v;
			else
				goto usage;
			i++;
		} else if (*a != '-' && g.store == NULL)
			g.store = a;
		else
			goto usage;
	}
	if (g.store == NULL)
		goto usage;
	rng_state ^= (uint64_t)seed * 0x9E3779B97F4A7C15ULL;
	make_vocab();
	rc = generate(&g);
	for (i = 0; i < VOCAB; i++)
		free(vocab[i]);
	return rc;
usage:
	fprintf(stderr, "usage: store-gen [--items N] [--feeds N] [--words N] "
	    "[--seed N] [--read PCT] [--newsboat FILE] STORE\n");
	return 2;
}
