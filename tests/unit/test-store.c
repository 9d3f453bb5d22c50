/* Unit tests for src/store: opening and refusing files, identity and change
 * rules, counts, read/flag state, feeds, retention. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <zlib.h>

#include "test-store-util.h"
#include "store/store-int.h"

static int64_t
count(struct tstore *t, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t n = -1;

	assert_int_equal(sqlite3_open_v2(t->path, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_open_creates_dirs_and_identifies(void **state)
{
	struct tstore t;
	struct stat sb;

	(void)state;
	tstore_open(&t);
	assert_int_equal(stat(t.path, &sb), 0);
	assert_int_equal(count(&t, "PRAGMA application_id"), STORE_APPLICATION_ID);
	assert_int_equal(count(&t, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	store_close(t.s);
	/* Opens again without migrating twice. */
	char *err = NULL;
	t.s = store_open(t.path, STORE_NOCREATE, &err);
	assert_non_null(t.s);
	tstore_close(&t);
}

static void
test_open_refuses_foreign_files(void **state)
{
	char dir[] = "/tmp/dl-store-foreign.XXXXXX", *path, *err = NULL, buf[64];
	struct store *s;
	sqlite3 *db;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/notes.txt", dir);
	write_file(path, "these are my notes, not a database at all\n");
	s = store_open(path, 0, &err);
	assert_null(s);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "not a dateline store"));
	free(err);
	err = NULL;
	f = fopen(path, "r");	/* untouched */
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "these are my notes, not a database at all\n");
	unlink(path);

	/* A newsboat cache: an SQLite file with other tables. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE rss_item (id INTEGER)", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	s = store_open(path, 0, &err);
	assert_null(s);
	assert_non_null(strstr(err, "newsboat"));
	free(err);
	err = NULL;
	unlink(path);

	/* A store from a newer dateline. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA application_id = 1148472430; "
	    "PRAGMA user_version = 99; CREATE TABLE feeds (id INTEGER)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	s = store_open(path, 0, &err);
	assert_null(s);
	assert_non_null(strstr(err, "newer dateline"));
	free(err);
	err = NULL;
	unlink(path);

	/* A missing store with NOCREATE. */
	s = store_open(path, STORE_NOCREATE, &err);
	assert_null(s);
	assert_non_null(strstr(err, "no store"));
	free(err);
	free(path);
	rmdir(dir);
}

static void
test_open_refuses_damaged_file(void **state)
{
	struct tstore t;
	char *err = NULL;
	struct store *s;
	FILE *f;
	int i;

	(void)state;
	tstore_open(&t);
	for (i = 0; i < 50; i++) {
		struct item it = titem(NULL, xasprintf("https://ex.org/%d", i), "t",
		    "<p>words</p>", 1000 + i);
		int64_t feed;

		assert_int_equal(store_feed_ensure(t.s, "https://ex.org/f", &feed, &err), 0);
		assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
		free(it.link);
	}
	store_close(t.s);
	t.s = NULL;
	/* Overwrite the schema page with garbage, keeping the header. */
	f = fopen(t.path, "r+");
	assert_non_null(f);
	fseek(f, 100, SEEK_SET);
	for (i = 0; i < 3000; i++)
		fputc('x', f);
	fclose(f);
	s = store_open(t.path, 0, &err);
	assert_null(s);
	assert_non_null(strstr(err, t.path));
	assert_non_null(strstr(err, "damaged"));
	free(err);
	err = NULL;
	s = store_open(t.dir, 0, &err);	/* a directory is refused too */
	assert_null(s);
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	t.s = store_open(t.path, STORE_READONLY, &err);
	assert_null(t.s);
	free(err);
	unlink(t.path);	/* only the test removes it, never the store */
	t.s = store_open(t.path, 0, &err);
	assert_non_null(t.s);
	tstore_close(&t);
}

static void
test_identity_rules(void **state)
{
	struct tstore t;
	enum store_change ch;
	int64_t f1, f2, id1, id2;
	char *err = NULL;
	struct item it;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &f1, &err), 0);
	assert_int_equal(store_feed_ensure(t.s, "https://b.example/feed", &f2, &err), 0);
	assert_int_not_equal(f1, f2);

	/* guid first: same guid with another link is the same item. */
	it = titem("urn:1", "https://a.example/1", "One", "<p>x</p>", 100);
	assert_int_equal(store_item_upsert(t.s, f1, &it, &ch, &id1, &err), 0);
	assert_int_equal(ch, STORE_NEW);
	it.link = (char *)"https://a.example/1?moved";
	assert_int_equal(store_item_upsert(t.s, f1, &it, &ch, &id2, &err), 0);
	assert_int_equal(ch, STORE_UPDATED);
	assert_int_equal(id1, id2);
	/* Per feed: the same guid in another feed is another item. */
	assert_int_equal(store_item_upsert(t.s, f2, &it, &ch, &id2, &err), 0);
	assert_int_equal(ch, STORE_NEW);
	assert_int_not_equal(id1, id2);

	/* No guid: the link. */
	it = titem(NULL, "https://a.example/2", "Two", "", 100);
	assert_int_equal(store_item_upsert(t.s, f1, &it, &ch, &id1, &err), 0);
	assert_int_equal(ch, STORE_NEW);
	it.title = (char *)"Two, corrected";
	assert_int_equal(store_item_upsert(t.s, f1, &it, &ch, &id2, &err), 0);
	assert_int_equal(ch, STORE_UPDATED);
	assert_int_equal(id1, id2);

	/* Neither: title + date. */
	it = titem(NULL, NULL, "Three", "a", 300);
	assert_int_equal(store_item_upsert(t.s, f1, &it, &ch, &id1, &err), 0);
	assert_int_equal(ch, STORE_NEW);
	it.content = (char *)"b";
	assert_int_equal(store_item_upsert(t.s, f1, &it, &ch, &id2, &err), 0);
	assert_int_equal(ch, STORE_UPDATED);
	assert_int_equal(id1, id2);
	it.published = 301;	/* another date: another item */
	assert_int_equal(store_item_upsert(t.s, f1, &it, &ch, &id2, &err), 0);
	assert_int_equal(ch, STORE_NEW);
	assert_int_equal(count(&t, "SELECT count(*) FROM items"), 5);
	tstore_close(&t);
}

static void
test_change_keeps_state_and_unchanged_is_not_written(void **state)
{
	struct tstore t;
	struct store_item *si;
	enum store_change ch;
	int64_t feed, id, before, after;
	char *err = NULL;
	struct item it;
	struct media m = { (char *)"https://a.example/p.jpg", (char *)"image/jpeg",
	    (char *)"A harbour at dawn", (char *)"Photo: N. Body", 640, 480 };
	struct enclosure e = { (char *)"https://a.example/a.mp3", (char *)"audio/mpeg", 1234 };
	char *cats[] = { (char *)"World", (char *)"Asia" };

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &feed, &err), 0);
	it = titem("g1", "https://a.example/1", "Old title", "<p>first text</p>", 500);
	it.media = &m;
	it.nmedia = 1;
	it.enclosures = &e;
	it.nenclosures = 1;
	it.categories = cats;
	it.ncategories = 2;
	assert_int_equal(store_item_upsert(t.s, feed, &it, &ch, &id, &err), 0);
	assert_int_equal(store_item_set_unread(t.s, id, 0, &err), 0);
	assert_int_equal(store_item_set_flagged(t.s, id, 1, &err), 0);

	/* Same again: not a row written. */
	before = sqlite3_total_changes64(t.s->db);
	assert_int_equal(store_item_upsert(t.s, feed, &it, &ch, NULL, &err), 0);
	assert_int_equal(ch, STORE_UNCHANGED);
	after = sqlite3_total_changes64(t.s->db);
	assert_int_equal(before, after);

	it.title = (char *)"New title";
	it.content = (char *)"<p>second text</p>";
	assert_int_equal(store_item_upsert(t.s, feed, &it, &ch, NULL, &err), 0);
	assert_int_equal(ch, STORE_UPDATED);
	assert_int_equal(store_item_get(t.s, id, &si, &err), 0);
	assert_non_null(si);
	assert_string_equal(si->item.title, "New title");
	assert_string_equal(si->item.content, "<p>second text</p>");
	assert_int_equal(si->unread, 0);
	assert_int_equal(si->flagged, 1);
	assert_string_equal(si->item.guid, "g1");
	assert_int_equal(si->item.published, 500);
	assert_int_equal(si->item.updated, DL_TIME_NONE);
	assert_int_equal(si->item.nmedia, 1);
	assert_string_equal(si->item.media[0].caption, "A harbour at dawn");
	assert_string_equal(si->item.media[0].credit, "Photo: N. Body");
	assert_int_equal(si->item.media[0].width, 640);
	assert_int_equal(si->item.nenclosures, 1);
	assert_int_equal(si->item.enclosures[0].length, 1234);
	assert_string_equal(si->item.enclosures[0].type, "audio/mpeg");
	assert_int_equal(si->item.ncategories, 2);
	assert_string_equal(si->item.categories[1], "Asia");
	assert_null(si->fulltext);
	assert_string_equal(si->feed_url, "https://a.example/feed");
	store_item_free(si);
	assert_int_equal(store_item_get(t.s, 999999, &si, &err), 0);
	assert_null(si);
	tstore_close(&t);
}

static void
test_long_text_round_trips_deflated(void **state)
{
	struct tstore t;
	struct store_item *si;
	enum store_change ch;
	struct buf html = BUF_INIT;
	int64_t feed, id;
	char *err = NULL;
	struct item it;
	int i;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &feed, &err), 0);
	for (i = 0; i < 200; i++)
		buf_printf(&html, "<p>Paragraph %d of the dispatch, with caf\xc3\xa9 "
		    "and \xe4\xb8\xad\xe6\x96\x87.</p>\n", i);
	it = titem("g", "https://a.example/1", "Long", html.data, 1);
	it.summary = (char *)"<p>A zebrafinch in the first version only.</p>";
	assert_int_equal(store_item_upsert(t.s, feed, &it, &ch, &id, &err), 0);
	/* Stored deflated: far smaller than the text. */
	assert_true(count(&t, "SELECT length(content) FROM items") < (int64_t)html.len / 4);
	assert_int_equal(count(&t, "SELECT typeof(content) = 'blob' FROM items"), 1);
	assert_int_equal(store_item_get(t.s, id, &si, &err), 0);
	assert_string_equal(si->item.content, html.data);
	assert_string_equal(si->item.summary, it.summary);
	store_item_free(si);
	assert_int_equal(count(&t, "SELECT count(*) FROM items_fts WHERE items_fts "
	    "MATCH 'zebrafinch'"), 0);	/* indexed later */
	assert_int_equal(store_index_update(t.s, 0, NULL, &err), 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM items_fts WHERE items_fts "
	    "MATCH 'zebrafinch'"), 1);
	/* An update removes the old text from the index: it must be read
	 * back exactly, or FTS5's integrity check fails. */
	buf_adds(&html, "<p>One more line.</p>");
	it.content = html.data;
	it.summary = (char *)"";
	assert_int_equal(store_item_upsert(t.s, feed, &it, &ch, &id, &err), 0);
	assert_int_equal(ch, STORE_UPDATED);
	assert_int_equal(store_item_set_fulltext(t.s, id, html.data, &err), 0);
	assert_int_equal(store_item_get(t.s, id, &si, &err), 0);
	assert_string_equal(si->fulltext, html.data);
	store_item_free(si);
	/* The old words are gone from the index, the new ones are in. */
	assert_int_equal(store_index_update(t.s, 0, NULL, &err), 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM items_fts WHERE items_fts "
	    "MATCH 'zebrafinch'"), 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM items_fts WHERE items_fts "
	    "MATCH '\"one more line\" AND paragraph AND café AND 中文'"), 1);
	buf_free(&html);
	tstore_close(&t);
}

static void
check_counts(struct tstore *t, int64_t feed, int64_t unread, int64_t total)
{
	struct store_feed_info *fl;
	char *err = NULL;
	size_t n, i;
	int found = 0;

	assert_int_equal(store_feed_list(t->s, &fl, &n, &err), 0);
	for (i = 0; i < n; i++)
		if (fl[i].id == feed) {
			assert_int_equal(fl[i].unread, unread);
			assert_int_equal(fl[i].total, total);
			found = 1;
		}
	store_feed_list_free(fl, n);
	assert_true(found);
}

/* Stores written by 0.1 hold zlib streams behind the length; 0.2 writes
 * zstd frames.  Both must read back. */
static void
test_old_zlib_bodies_still_read(void **state)
{
	struct tstore t;
	struct store_item *si;
	sqlite3_stmt *st;
	struct buf html = BUF_INIT;
	unsigned char *blob;
	uLongf zlen;
	int64_t feed, id;
	char *err = NULL;
	struct item it;
	int i;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &feed, &err), 0);
	for (i = 0; i < 100; i++)
		buf_printf(&html, "<p>Old paragraph %d, kept by version 0.1.</p>\n", i);
	it = titem("g", "https://a.example/old", "Old", "<p>x</p>", 1);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, &id, &err), 0);
	/* What 0.1 wrote: 4 bytes of length, little-endian, then zlib. */
	zlen = compressBound((uLong)html.len);
	blob = xmalloc(zlen + 4);
	blob[0] = (unsigned char)(html.len & 0xff);
	blob[1] = (unsigned char)((html.len >> 8) & 0xff);
	blob[2] = (unsigned char)((html.len >> 16) & 0xff);
	blob[3] = (unsigned char)((html.len >> 24) & 0xff);
	assert_int_equal(compress2(blob + 4, &zlen, (const Bytef *)html.data,
	    (uLong)html.len, 6), Z_OK);
	assert_int_equal(sqlite3_prepare_v2(t.s->db,
	    "UPDATE items SET content = ?1 WHERE id = ?2", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_blob(st, 1, blob, (int)zlen + 4, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(store_item_get(t.s, id, &si, &err), 0);
	assert_string_equal(si->item.content, html.data);
	store_item_free(si);
	/* A damaged stream reads as empty, not as garbage. */
	blob[10] ^= 0x55;
	blob[11] ^= 0x55;
	assert_int_equal(sqlite3_prepare_v2(t.s->db,
	    "UPDATE items SET content = ?1 WHERE id = ?2", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_blob(st, 1, blob, (int)zlen + 4, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(store_item_get(t.s, id, &si, &err), 0);
	assert_string_equal(si->item.content, "");
	store_item_free(si);
	free(blob);
	buf_free(&html);
	tstore_close(&t);
}

static void
test_counts_follow_every_change(void **state)
{
	struct tstore t;
	int64_t f1, f2, ids[10], changed;
	char *err = NULL, link[64];
	struct item it;
	int i;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &f1, &err), 0);
	assert_int_equal(store_feed_ensure(t.s, "https://b.example/feed", &f2, &err), 0);
	for (i = 0; i < 10; i++) {
		snprintf(link, sizeof link, "https://a.example/%d", i);
		it = titem(NULL, link, "t", "c", 1000 + i);
		assert_int_equal(store_item_upsert(t.s, i < 7 ? f1 : f2, &it, NULL,
		    &ids[i], &err), 0);
	}
	check_counts(&t, f1, 7, 7);
	check_counts(&t, f2, 3, 3);
	assert_int_equal(store_item_set_unread(t.s, ids[0], 0, &err), 0);
	assert_int_equal(store_item_set_unread(t.s, ids[0], 0, &err), 0);
	check_counts(&t, f1, 6, 7);
	assert_int_equal(store_item_set_unread(t.s, ids[0], 1, &err), 0);
	check_counts(&t, f1, 7, 7);
	assert_int_equal(store_feed_mark_read(t.s, f1, &changed, &err), 0);
	assert_int_equal(changed, 7);
	check_counts(&t, f1, 0, 7);
	check_counts(&t, f2, 3, 3);
	assert_int_equal(store_feed_mark_read(t.s, 0, &changed, &err), 0);
	assert_int_equal(changed, 3);
	check_counts(&t, f2, 0, 3);
	assert_int_equal(store_feed_delete(t.s, f2, &err), 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM items"), 7);
	assert_int_equal(count(&t, "SELECT count(*) FROM feeds"), 1);
	tstore_close(&t);
}

static void
test_feeds_meta_http_cache_and_moves(void **state)
{
	struct tstore t;
	struct store_fetch_result r = { 0 };
	struct store_feed_info *fl;
	struct feed fd = { 0 };
	int64_t f1, f2, found;
	char *err = NULL, *etag, *lm;
	size_t n;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &f1, &err), 0);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &f2, &err), 0);
	assert_int_equal(f1, f2);
	fd.title = (char *)"Alpha Wire";
	fd.link = (char *)"https://a.example/";
	assert_int_equal(store_feed_set_meta(t.s, f1, &fd, &err), 0);
	assert_int_equal(store_feed_find(t.s, "Alpha Wire", &found, &err), 0);
	assert_int_equal(found, f1);
	assert_int_equal(store_feed_rename(t.s, f1, "My Alpha", &err), 0);
	assert_int_equal(store_feed_find(t.s, "My Alpha", &found, &err), 0);
	assert_int_equal(found, f1);
	assert_int_equal(store_feed_find(t.s, "nobody", &found, &err), 0);
	assert_int_equal(found, 0);
	assert_int_equal(store_feed_set_tags(t.s, f1, "world asia", &err), 0);

	/* First fetch stores ETag and Last-Modified (newsboat forgets them). */
	assert_int_equal(store_feed_get_http_cache(t.s, f1, &etag, &lm, &err), 0);
	assert_null(etag);
	assert_null(lm);
	r.time = 1700000000;
	r.http_status = 200;
	r.etag = "\"v1\"";
	r.last_modified = "Tue, 14 Nov 2023 22:13:20 GMT";
	assert_int_equal(store_feed_set_fetch_result(t.s, f1, &r, &err), 0);
	/* A failure keeps them and counts. */
	r.http_status = 503;
	r.error = "503 Service Unavailable";
	r.etag = r.last_modified = NULL;
	assert_int_equal(store_feed_set_fetch_result(t.s, f1, &r, &err), 0);
	assert_int_equal(store_feed_set_fetch_result(t.s, f1, &r, &err), 0);
	assert_int_equal(store_feed_get_http_cache(t.s, f1, &etag, &lm, &err), 0);
	assert_string_equal(etag, "\"v1\"");
	assert_string_equal(lm, "Tue, 14 Nov 2023 22:13:20 GMT");
	free(etag);
	free(lm);
	assert_int_equal(store_feed_list(t.s, &fl, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(fl[0].title, "My Alpha");
	assert_string_equal(fl[0].tags, "world asia");
	assert_string_equal(fl[0].link, "https://a.example/");
	assert_int_equal(fl[0].error_count, 2);
	assert_int_equal(fl[0].http_status, 503);
	assert_string_equal(fl[0].error, "503 Service Unavailable");
	store_feed_list_free(fl, n);
	/* Success resets; "" clears the ETag. */
	r.http_status = 200;
	r.error = NULL;
	r.etag = "";
	assert_int_equal(store_feed_set_fetch_result(t.s, f1, &r, &err), 0);
	assert_int_equal(store_feed_get_http_cache(t.s, f1, &etag, &lm, &err), 0);
	assert_null(etag);
	assert_non_null(lm);
	free(lm);
	check_counts(&t, f1, 0, 0);

	/* Permanent redirect; refused onto another feed's URL. */
	assert_int_equal(store_feed_set_url(t.s, f1, "https://a.example/new", &err), 0);
	assert_int_equal(store_feed_find(t.s, "https://a.example/new", &found, &err), 0);
	assert_int_equal(found, f1);
	assert_int_equal(store_feed_ensure(t.s, "https://b.example/feed", &f2, &err), 0);
	assert_int_equal(store_feed_set_url(t.s, f1, "https://b.example/feed", &err), -1);
	assert_non_null(strstr(err, "another feed"));
	free(err);
	tstore_close(&t);
}

static void
test_transactions_roll_back_together(void **state)
{
	struct tstore t;
	int64_t feed;
	char *err = NULL;
	struct item it;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &feed, &err), 0);
	assert_int_equal(store_begin(t.s, &err), 0);
	it = titem(NULL, "https://a.example/1", "t", "c", 1);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
	it = titem(NULL, "https://a.example/2", "t", "c", 2);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
	store_rollback(t.s);
	assert_int_equal(count(&t, "SELECT count(*) FROM items"), 0);
	check_counts(&t, feed, 0, 0);
	assert_int_equal(store_begin(t.s, &err), 0);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
	assert_int_equal(store_commit(t.s, &err), 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM items"), 1);
	tstore_close(&t);
}

/* Refresh stores many feeds in one transaction, each in its own part:
 * a part rolled back takes its rows with it, and nothing of the parts
 * before it.  Writes do not index (search_todo lists the items to
 * index); a change rolled back inside a part leaves the index as it was,
 * and an item that waits is indexed once, in its last text. */
static int64_t
matches(struct tstore *t, const char *word)
{
	char *sql = xasprintf("SELECT count(*) FROM items_fts WHERE items_fts "
	    "MATCH '%s'", word);
	int64_t n = count(t, sql);

	free(sql);
	return n;
}

static void
test_parts_roll_back_alone(void **state)
{
	struct tstore t;
	int64_t a, b, id1, id2, n;
	enum store_change ch;
	char *err = NULL;
	struct item it;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &a, &err), 0);
	assert_int_equal(store_feed_ensure(t.s, "https://b.example/feed", &b, &err), 0);
	/* Not inside a transaction: refused, nothing written. */
	assert_int_equal(store_part_begin(t.s, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(store_begin(t.s, &err), 0);
	/* Part 1 (feed a) is kept. */
	assert_int_equal(store_part_begin(t.s, &err), 0);
	it = titem("g1", "https://a.example/1", "Aardwolf", "<p>first body</p>", 1);
	assert_int_equal(store_item_upsert(t.s, a, &it, &ch, &id1, &err), 0);
	assert_int_equal(ch, STORE_NEW);
	assert_int_equal(store_part_end(t.s, 1, &err), 0);
	/* Part 2 (feed b, and a change to a's item) is rolled back. */
	assert_int_equal(store_part_begin(t.s, &err), 0);
	it = titem("g2", "https://b.example/2", "Bandicoot", "<p>second</p>", 1);
	assert_int_equal(store_item_upsert(t.s, b, &it, &ch, &id2, &err), 0);
	it = titem("g1", "https://a.example/1", "Aardvark", "<p>changed</p>", 1);
	assert_int_equal(store_item_upsert(t.s, a, &it, &ch, &id1, &err), 0);
	assert_int_equal(ch, STORE_UPDATED);
	assert_int_equal(store_part_end(t.s, 0, &err), 0);
	/* Part 3 is kept again. */
	assert_int_equal(store_part_begin(t.s, &err), 0);
	it = titem("g3", "https://b.example/3", "Capybara", "<p>third</p>", 1);
	assert_int_equal(store_item_upsert(t.s, b, &it, &ch, NULL, &err), 0);
	assert_int_equal(store_part_end(t.s, 1, &err), 0);
	/* Part 4 is rolled back. */
	assert_int_equal(store_part_begin(t.s, &err), 0);
	it = titem("g4", "https://b.example/4", "Dormouse", "<p>fourth</p>", 1);
	assert_int_equal(store_item_upsert(t.s, b, &it, &ch, NULL, &err), 0);
	assert_int_equal(store_part_end(t.s, 0, &err), 0);
	/* Outside the parts, in the same transaction. */
	it = titem("g5", "https://b.example/5", "Echidna", "<p>fifth</p>", 1);
	assert_int_equal(store_item_upsert(t.s, b, &it, &ch, NULL, &err), 0);
	assert_int_equal(store_commit(t.s, &err), 0);
	/* Stored, not indexed yet. */
	assert_int_equal(matches(&t, "aardwolf"), 0);
	assert_int_equal(store_index_pending(t.s, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(store_index_update(t.s, 0, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(matches(&t, "aardwolf"), 1);
	/* Part 6 changes an indexed item and is rolled back: the old
	 * text is still found, and nothing waits. */
	assert_int_equal(store_begin(t.s, &err), 0);
	assert_int_equal(store_part_begin(t.s, &err), 0);
	it = titem("g1", "https://a.example/1", "Aardvark", "<p>changed</p>", 1);
	assert_int_equal(store_item_upsert(t.s, a, &it, &ch, &id1, &err), 0);
	assert_int_equal(ch, STORE_UPDATED);
	assert_int_equal(store_part_end(t.s, 0, &err), 0);
	assert_int_equal(store_commit(t.s, &err), 0);
	assert_int_equal(store_index_pending(t.s, &n, &err), 0);
	assert_int_equal(n, 0);

	assert_int_equal(count(&t, "SELECT count(*) FROM items"), 3);
	assert_int_equal(matches(&t, "dormouse"), 0);
	assert_int_equal(matches(&t, "echidna"), 1);
	assert_int_equal(count(&t, "SELECT count(*) FROM items WHERE title = 'Echidna'"), 1);
	assert_int_equal(count(&t, "SELECT count(*) FROM items WHERE title = 'Dormouse'"), 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM items WHERE title = 'Aardwolf'"), 1);
	assert_int_equal(matches(&t, "aardwolf"), 1);
	assert_int_equal(matches(&t, "aardvark"), 0);
	assert_int_equal(matches(&t, "bandicoot"), 0);
	assert_int_equal(matches(&t, "capybara"), 1);
	check_counts(&t, a, 1, 1);
	check_counts(&t, b, 2, 2);
	/* The index holds exactly the rows: removing them all leaves none
	 * behind (a contentless index told to delete what it never held
	 * would be damaged, and integrity-check says so). */
	assert_int_equal(store_begin(t.s, &err), 0);
	assert_int_equal(store_feed_delete(t.s, a, &err), 0);
	assert_int_equal(store_feed_delete(t.s, b, &err), 0);
	assert_int_equal(store_commit(t.s, &err), 0);
	assert_int_equal(matches(&t, "aardwolf OR capybara OR echidna OR first OR "
	    "third OR fifth"), 0);
	assert_int_equal(sqlite3_exec(t.s->db, "INSERT INTO items_fts(items_fts, rank) "
	    "VALUES ('integrity-check', 0)", NULL, NULL, NULL), SQLITE_OK);
	tstore_close(&t);
}

/* The search index is written after the items (search_todo): a search
 * catches up first, so it never misses one; an item that waits and then
 * changes or goes never touches the index; batches are exact; a store of
 * schema 1 (index complete, no list) migrates with nothing to index. */
static int64_t
search_hits(struct tstore *t, const char *terms)
{
	struct store_query q = { .view = STORE_VIEW_SEARCH, .search = terms,
	    .order = STORE_ORDER_NEWEST };
	struct store_cursor cur = STORE_CURSOR_START;
	struct store_headline *h;
	size_t n;
	char *err = NULL;

	assert_int_equal(store_headlines(t->s, &q, &cur, 10000, &h, &n, &err), 0);
	store_headlines_free(h, n);
	return (int64_t)n;
}

static void
test_index_catches_up(void **state)
{
	struct tstore t;
	struct store *ro;
	struct store_indexer *ix;
	struct store_retention r = { 0, 1 };
	int64_t feed, n, id;
	enum store_change ch;
	char *err = NULL, guid[32], body[96];
	struct item it;
	int i;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &feed, &err), 0);
	/* More than one batch (2,048 items). */
	assert_int_equal(store_begin(t.s, &err), 0);
	for (i = 0; i < 5000; i++) {
		snprintf(guid, sizeof guid, "g%d", i);
		snprintf(body, sizeof body, "<p>word%d and the quokka%s</p>", i,
		    i % 10 == 0 ? " at the Caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87" : "");
		if (i % 100 == 1)	/* no text at all (a photo) */
			snprintf(body, sizeof body, "<img src=\"https://a.example/%d.jpg\">", i);
		it = titem(guid, NULL, "Bulletin", body, 1000 + i);
		assert_int_equal(store_item_upsert(t.s, feed, &it, &ch, NULL, &err), 0);
		assert_int_equal(ch, STORE_NEW);
	}
	assert_int_equal(store_commit(t.s, &err), 0);
	assert_int_equal(matches(&t, "quokka"), 0);
	assert_int_equal(store_index_pending(t.s, &n, &err), 0);
	assert_int_equal(n, 5000);
	/* A read-only handle searches what is indexed and writes nothing. */
	ro = store_open(t.path, STORE_READONLY, &err);
	assert_non_null(ro);
	assert_int_equal(store_index_update(ro, 0, &n, &err), 0);
	assert_int_equal(n, 0);
	store_close(ro);
	assert_int_equal(store_index_pending(t.s, &n, &err), 0);
	assert_int_equal(n, 5000);
	/* The reader's indexer, stopped at once: whatever it did, every
	 * item is indexed or waits, never both. */
	ix = store_indexer_start(t.path);
	assert_non_null(ix);
	store_indexer_stop(ix);
	assert_int_equal(store_index_pending(t.s, &n, &err), 0);
	assert_int_equal(matches(&t, "bulletin") + n, 5000);
	/* A search catches up first. */
	assert_int_equal(search_hits(&t, "word4999"), 1);
	assert_int_equal(search_hits(&t, "word0"), 1);
	assert_int_equal(matches(&t, "quokka"), 4950);
	assert_int_equal(matches(&t, "bulletin"), 5000);
	/* Words split on the helper thread are those unicode61 finds. */
	assert_int_equal(search_hits(&t, "cafe"), 500);
	assert_int_equal(search_hits(&t, "caf\xc3\xa9 AND \xe4\xb8\xad\xe6\x96\x87"), 500);
	assert_int_equal(search_hits(&t, "word101"), 0);	/* a photo */
	assert_int_equal(store_index_pending(t.s, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_index_update(t.s, 0, &n, &err), 0);
	assert_int_equal(n, 0);
	/* Waiting items that change, get a full text, or go. */
	it = titem("new", NULL, "Bulletin", "<p>platypus</p>", 9000);
	assert_int_equal(store_item_upsert(t.s, feed, &it, &ch, &id, &err), 0);
	it = titem("new", NULL, "Bulletin", "<p>wombat</p>", 9000);
	assert_int_equal(store_item_upsert(t.s, feed, &it, &ch, &id, &err), 0);
	assert_int_equal(ch, STORE_UPDATED);
	assert_int_equal(store_item_set_fulltext(t.s, id, "<p>numbat</p>", &err), 0);
	assert_int_equal(store_index_pending(t.s, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(search_hits(&t, "platypus"), 0);
	assert_int_equal(search_hits(&t, "wombat"), 0);	/* the full text is indexed */
	assert_int_equal(search_hits(&t, "numbat"), 1);
	it = titem("newer", NULL, "Bulletin", "<p>bilby</p>", 9001);
	assert_int_equal(store_item_upsert(t.s, feed, &it, &ch, &id, &err), 0);
	/* Retention keeps one item: the waiting one is the newest. */
	assert_int_equal(store_cleanup(t.s, &r, &n, &err), 0);
	assert_int_equal(n, 5001);
	assert_int_equal(search_hits(&t, "bilby"), 1);
	assert_int_equal(search_hits(&t, "quokka OR numbat"), 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM search_todo"), 0);
	assert_int_equal(sqlite3_exec(t.s->db, "INSERT INTO items_fts(items_fts, rank) "
	    "VALUES ('integrity-check', 0)", NULL, NULL, NULL), SQLITE_OK);
	/* Schema 1: no list, and maybe no items_id_date. */
	assert_int_equal(store_exec(t.s, "DROP TABLE search_todo; DROP INDEX "
	    "items_id_date; PRAGMA user_version = 1", &err, "test"), 0);
	store_close(t.s);
	t.s = store_open(t.path, STORE_NOCREATE, &err);
	assert_non_null(t.s);
	assert_int_equal(count(&t, "PRAGMA user_version"), 2);
	assert_int_equal(count(&t, "SELECT count(*) FROM sqlite_schema WHERE name = "
	    "'items_id_date'"), 1);
	assert_int_equal(store_index_pending(t.s, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(search_hits(&t, "bilby"), 1);
	tstore_close(&t);
}

/* A search while another connection holds the write lock (a refresh)
 * does not wait for it: it searches what is indexed, and the next search
 * indexes the rest. */
static void
test_search_does_not_wait_for_a_writer(void **state)
{
	struct tstore t;
	sqlite3 *other;
	int64_t feed;
	char *err = NULL;
	struct item it;
	double t0;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &feed, &err), 0);
	it = titem("g1", NULL, "Kestrel", "<p>first</p>", 1);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
	assert_int_equal(search_hits(&t, "kestrel"), 1);
	it = titem("g2", NULL, "Kestrel again", "<p>second</p>", 2);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, NULL, &err), 0);
	assert_int_equal(sqlite3_open(t.path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	t0 = time_monotonic();
	assert_int_equal(search_hits(&t, "kestrel"), 1);
	assert_true(time_monotonic() - t0 < 2.0);
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(search_hits(&t, "kestrel"), 2);
	tstore_close(&t);
}

static void
test_full_disk_rolls_back_and_reports(void **state)
{
	struct tstore t;
	int64_t feed, id, before;
	char *err = NULL, *big, link[64];
	struct item it;
	int i, rc = 0;

	(void)state;
	tstore_open(&t);
	assert_int_equal(store_feed_ensure(t.s, "https://a.example/feed", &feed, &err), 0);
	it = titem(NULL, "https://a.example/keep", "kept", "c", 1);
	assert_int_equal(store_item_upsert(t.s, feed, &it, NULL, &id, &err), 0);
	assert_int_equal(store_item_set_unread(t.s, id, 0, &err), 0);
	before = count(&t, "PRAGMA page_count");
	/* The disk "fills up": the file may not grow past a few pages. */
	{
		char *sql = xasprintf("PRAGMA max_page_count = %d", (int)before + 2);

		assert_int_equal(sqlite3_exec(t.s->db, sql, NULL, NULL, NULL), SQLITE_OK);
		free(sql);
	}
	/* Text that does not compress away: random letters in words. */
	big = xmalloc(20000);
	for (i = 0; i < 19999; i++)
		big[i] = i % 7 == 6 ? ' ' : (char)('a' + rand() % 26);
	big[19999] = '\0';
	assert_int_equal(store_begin(t.s, &err), 0);
	for (i = 0; i < 50 && rc == 0; i++) {
		snprintf(link, sizeof link, "https://a.example/%d", i);
		it = titem(NULL, link, "t", big, 1);
		rc = store_item_upsert(t.s, feed, &it, NULL, NULL, &err);
	}
	/* The pages are written at the commit: the disk may be found
	 * full there. */
	if (rc == 0)
		rc = store_commit(t.s, &err);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "full"));
	assert_non_null(strstr(err, t.path));
	free(err);
	err = NULL;
	store_rollback(t.s);
	free(big);
	/* Nothing of the failed feed; the earlier read state is intact. */
	assert_int_equal(count(&t, "SELECT count(*) FROM items"), 1);
	assert_int_equal(count(&t, "SELECT unread FROM items"), 0);
	check_counts(&t, feed, 0, 1);
	tstore_close(&t);
}

static void
test_data_version_sees_other_process(void **state)
{
	struct tstore t;
	struct store *other;
	int64_t v1, v2, v3, feed;
	char *err = NULL;

	(void)state;
	tstore_open(&t);
	other = store_open(t.path, 0, &err);
	assert_non_null(other);
	v1 = store_data_version(t.s);
	assert_int_equal(store_feed_ensure(t.s, "https://mine.example/", &feed, &err), 0);
	v2 = store_data_version(t.s);
	assert_int_equal(v1, v2);	/* own commits do not count */
	assert_int_equal(store_feed_ensure(other, "https://theirs.example/", &feed,
	    &err), 0);
	v3 = store_data_version(t.s);
	assert_int_not_equal(v2, v3);
	store_close(other);
	tstore_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_creates_dirs_and_identifies),
		cmocka_unit_test(test_open_refuses_foreign_files),
		cmocka_unit_test(test_open_refuses_damaged_file),
		cmocka_unit_test(test_identity_rules),
		cmocka_unit_test(test_change_keeps_state_and_unchanged_is_not_written),
		cmocka_unit_test(test_long_text_round_trips_deflated),
		cmocka_unit_test(test_old_zlib_bodies_still_read),
		cmocka_unit_test(test_counts_follow_every_change),
		cmocka_unit_test(test_feeds_meta_http_cache_and_moves),
		cmocka_unit_test(test_transactions_roll_back_together),
		cmocka_unit_test(test_parts_roll_back_alone),
		cmocka_unit_test(test_index_catches_up),
		cmocka_unit_test(test_search_does_not_wait_for_a_writer),
		cmocka_unit_test(test_full_disk_rolls_back_and_reports),
		cmocka_unit_test(test_data_version_sees_other_process),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
