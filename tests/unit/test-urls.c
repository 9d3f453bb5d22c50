/* Unit tests for the urls file and OPML import/export (src/config/). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/urls.h"
#include "util/util.h"

static int
parse(struct urls *u, const char *text, char **err)
{
	*err = NULL;
	return urls_parse(u, text, strlen(text), "urls", err);
}

static void
test_newsboat_lines(void **state)
{
	struct urls u = { 0 };
	char *err;
	const char *text =
	    "# my feeds\n"
	    "\n"
	    "http://example.org/a.xml news \"world news\" \"~The A Feed\"\n"
	    "   https://example.org/b.xml   tech  # trailing comment\n"
	    "\"query:Unread:unread = \\\"yes\\\"\"\n"
	    "exec:~/bin/make-feed --x \"a b\"\n"
	    "file:///tmp/feed.xml !hidden\n"
	    "filter:~/bin/fix:http://example.org/c.xml\n";

	(void)state;
	assert_int_equal(parse(&u, text, &err), 0);
	assert_int_equal(u.n, 6);
	assert_string_equal(u.v[0].url, "http://example.org/a.xml");
	assert_int_equal(u.v[0].kind, URL_HTTP);
	assert_int_equal(u.v[0].ntags, 2);
	assert_string_equal(u.v[0].tags[0], "news");
	assert_string_equal(u.v[0].tags[1], "world news");
	assert_string_equal(u.v[0].title, "The A Feed");
	assert_int_equal(u.v[0].line, 3);
	assert_string_equal(u.v[1].url, "https://example.org/b.xml");
	assert_int_equal(u.v[1].ntags, 1);
	assert_null(u.v[1].title);
	assert_int_equal(u.v[2].kind, URL_QUERY);
	assert_string_equal(u.v[2].url, "query:Unread:unread = \"yes\"");
	assert_int_equal(u.v[3].kind, URL_EXEC);
	assert_string_equal(u.v[3].url, "exec:~/bin/make-feed");
	assert_int_equal(u.v[3].ntags, 2);	/* newsboat reads it the same way */
	assert_int_equal(u.v[4].kind, URL_FILE);
	assert_true(u.v[4].hidden);
	assert_int_equal(u.v[5].kind, URL_FILTER);
	urls_free(&u);
}

static void
test_errors_name_file_and_line(void **state)
{
	struct urls u = { 0 };
	char *err;

	(void)state;
	assert_int_equal(parse(&u, "http://a/x\nftp://b/y tag\n", &err), -1);
	assert_non_null(strstr(err, "urls:2:"));
	assert_non_null(strstr(err, "ftp://b/y"));
	free(err);
	urls_free(&u);
	assert_int_equal(parse(&u, "# c\n\nhttp://a/x \"open tag\n", &err), -1);
	assert_non_null(strstr(err, "urls:3: a quote is not closed"));
	free(err);
	urls_free(&u);
	assert_int_equal(parse(&u, "http://a/x ~\n", &err), -1);
	assert_non_null(strstr(err, "urls:1:"));
	free(err);
	urls_free(&u);
	assert_int_equal(parse(&u, "example.org/feed\n", &err), -1);
	free(err);
	urls_free(&u);
	/* A bare scheme is not a URL. */
	assert_int_equal(parse(&u, "http://\n", &err), -1);
	free(err);
	urls_free(&u);
}

static void
test_duplicates_merge_tags(void **state)
{
	struct urls u = { 0 };
	char *err;

	(void)state;
	assert_int_equal(parse(&u, "http://a/x one\nhttp://a/x two one\n", &err), 0);
	assert_int_equal(u.n, 1);
	assert_int_equal(u.v[0].ntags, 2);
	urls_free(&u);
}

static void
test_format_round_trip(void **state)
{
	struct urls u = { 0 }, v = { 0 };
	struct buf b = BUF_INIT;
	char *err;
	size_t i;

	(void)state;
	assert_int_equal(parse(&u, "http://a/x \"two words\" \"q\\\"uote\" "
	    "\"~Title \\\\ here\" plain\n", &err), 0);
	urls_format_entry(&b, &u.v[0]);
	assert_string_equal(buf_str(&b),
	    "http://a/x \"two words\" \"q\\\"uote\" plain \"~Title \\\\ here\"");
	buf_addc(&b, '\n');
	assert_int_equal(parse(&v, buf_str(&b), &err), 0);
	assert_int_equal(v.v[0].ntags, u.v[0].ntags);
	for (i = 0; i < u.v[0].ntags; i++)
		assert_string_equal(v.v[0].tags[i], u.v[0].tags[i]);
	assert_string_equal(v.v[0].title, "Title \\ here");
	buf_free(&b);
	urls_free(&u);
	urls_free(&v);
}

static void
test_default_file_parses_and_is_created(void **state)
{
	char dir[] = "/tmp/dl-urls-XXXXXX", *path, *err = NULL;
	struct urls u = { 0 };
	int created = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/sub/dir/urls", dir);
	assert_int_equal(urls_load(&u, path, 0, &created, &err), -1);
	assert_non_null(err);
	free(err);
	err = NULL;
	assert_int_equal(urls_load(&u, path, 1, &created, &err), 0);
	assert_int_equal(created, 1);
	assert_true(u.n >= 5);
	for (size_t i = 0; i < u.n; i++)
		assert_int_equal(u.v[i].kind, URL_HTTP);
	urls_free(&u);
	/* A second load reads the file that is there now. */
	assert_int_equal(urls_load(&u, path, 1, &created, &err), 0);
	assert_int_equal(created, 0);
	urls_free(&u);
	unlink(path);
	free(path);
	path = xasprintf("%s/sub/dir", dir);
	rmdir(path);
	free(path);
	path = xasprintf("%s/sub", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
}

static void
test_append_keeps_existing_lines(void **state)
{
	char path[] = "/tmp/dl-urls-append-XXXXXX", *err = NULL;
	struct urls add = { 0 }, u = { 0 };
	struct buf text = BUF_INIT;
	const char *tags[] = { "t" };
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "# mine\nhttp://a/x", 17), 17);
	close(fd);
	urls_add(&add, "http://b/y", "B", tags, 1);
	assert_int_equal(urls_append(&add, path, &err), 0);
	assert_int_equal(file_read_all(path, 1 << 20, &text, &err), 0);
	assert_string_equal(buf_str(&text), "# mine\nhttp://a/x\nhttp://b/y t ~B\n");
	assert_int_equal(urls_load(&u, path, 0, NULL, &err), 0);
	assert_int_equal(u.n, 2);
	buf_free(&text);
	urls_free(&u);
	urls_free(&add);
	unlink(path);
}

static void
test_opml_folders_become_tags(void **state)
{
	struct urls u = { 0 };
	char *err = NULL;
	int added = 0;
	const char *opml =
	    "<?xml version=\"1.0\"?>\n<opml version=\"1.0\"><head/><body>\n"
	    "<outline text=\"News\">\n"
	    "  <outline text=\"World\">\n"
	    "    <outline text=\"A\" xmlUrl=\"http://a/feed\" type=\"rss\"/>\n"
	    "  </outline>\n"
	    "  <outline text=\"B\" xmlUrl=\"https://b/feed\" category=\"/x,y\"/>\n"
	    "</outline>\n"
	    "<outline text=\"C\" xmlUrl=\"http://c/feed\"/>\n"
	    "<outline text=\"bad\" xmlUrl=\"javascript:alert(1)\"/>\n"
	    "<outline text=\"Tech\"><outline xmlurl=\"http://a/feed\"/></outline>\n"
	    "</body></opml>\n";

	(void)state;
	assert_int_equal(opml_import(&u, opml, strlen(opml), "f.opml", &added,
	    &err), 4);
	assert_int_equal(added, 3);
	assert_int_equal(u.n, 3);
	assert_string_equal(u.v[0].url, "http://a/feed");
	assert_int_equal(u.v[0].ntags, 3);
	assert_string_equal(u.v[0].tags[0], "News");
	assert_string_equal(u.v[0].tags[1], "World");
	assert_string_equal(u.v[0].tags[2], "Tech");
	assert_int_equal(u.v[1].ntags, 3);
	assert_string_equal(u.v[1].tags[1], "x");
	assert_int_equal(u.v[2].ntags, 0);
	urls_free(&u);
}

static void
test_opml_errors(void **state)
{
	struct urls u = { 0 };
	char *err = NULL;

	(void)state;
	assert_int_equal(opml_import(&u, "<opml><body><outline", 20, "f.opml",
	    NULL, &err), -1);
	assert_non_null(strstr(err, "f.opml:1:"));
	free(err);
	err = NULL;
	assert_int_equal(opml_import(&u, "<rss/>", 6, "g.opml", NULL, &err), -1);
	assert_non_null(strstr(err, "not an OPML file"));
	free(err);
	urls_free(&u);
}

static void
test_opml_export_import_keeps_tags(void **state)
{
	struct urls u = { 0 }, v = { 0 };
	struct buf b = BUF_INIT;
	char *err = NULL;
	size_t i, j;

	(void)state;
	assert_int_equal(parse(&u,
	    "http://a/x news world \"~A & <B>\"\n"
	    "http://b/y world\n"
	    "http://c/z\n"
	    "\"query:q:unread = \\\"yes\\\"\"\n", &err), 0);
	opml_export(&u, &b);
	assert_non_null(strstr(b.data, "text=\"A &amp; &lt;B&gt;\""));
	assert_null(strstr(b.data, "query:"));
	assert_int_equal(opml_import(&v, b.data, b.len, "x", NULL, &err), 4);
	assert_int_equal(v.n, 3);
	for (i = 0; i < 3; i++) {
		const struct url_entry *e = urls_find(&v, u.v[i].url);

		assert_non_null(e);
		assert_int_equal(e->ntags, u.v[i].ntags);
		for (j = 0; j < e->ntags; j++)
			assert_string_equal(e->tags[j], u.v[i].tags[j]);
	}
	buf_free(&b);
	urls_free(&u);
	urls_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_newsboat_lines),
		cmocka_unit_test(test_errors_name_file_and_line),
		cmocka_unit_test(test_duplicates_merge_tags),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_default_file_parses_and_is_created),
		cmocka_unit_test(test_append_keeps_existing_lines),
		cmocka_unit_test(test_opml_folders_become_tags),
		cmocka_unit_test(test_opml_errors),
		cmocka_unit_test(test_opml_export_import_keeps_tags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
