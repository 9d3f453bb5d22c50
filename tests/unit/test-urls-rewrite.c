/* Unit tests for urls_rewrite_url (src/config/urls.c): a permanent
 * redirect written back into the urls file, and nothing else changed. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/urls.h"
#include "util/util.h"

static char dir[] = "/tmp/dl-urls-rewrite-XXXXXX";

static char *
put(const char *name, const char *text, mode_t mode)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

static char *
get(const char *path)
{
	struct buf b = BUF_INIT;
	char *err = NULL;

	assert_int_equal(file_read_all(path, 1 << 20, &b, &err), 0);
	return buf_detach(&b);
}

static void
test_every_line_of_the_feed(void **state)
{
	const char *text =
	    "# a\r\n"
	    "http://a.example/feed.xml x \"~A\"\r\n"
	    "\t\"http://a.example/feed.xml\"  y # again\n"
	    "# http://a.example/feed.xml\n"
	    "http://a.example/feed.xml.bak\n"
	    "http://b.example/other.xml";
	char *path = put("dup", text, 0600), *got, *err = NULL;
	struct urls_stamp st;
	struct stat sb;

	(void)state;
	urls_stamp_get(path, &st);
	assert_true(st.valid);
	assert_int_equal(urls_rewrite_url(path, &st, "http://a.example/feed.xml",
	    "https://a.example/news#top", 0, &err), 0);
	got = get(path);
	/* Both subscribing lines; the '#' makes the new URL a quoted word;
	 * comments, a longer URL, CRLF and the missing last newline stay. */
	assert_string_equal(got,
	    "# a\r\n"
	    "\"https://a.example/news#top\" x \"~A\"\r\n"
	    "\t\"https://a.example/news#top\"  y # again\n"
	    "# http://a.example/feed.xml\n"
	    "http://a.example/feed.xml.bak\n"
	    "http://b.example/other.xml");
	free(got);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	/* The stamp now describes the new file: a second move goes through. */
	assert_int_equal(urls_rewrite_url(path, &st, "http://b.example/other.xml",
	    "http://b.example/moved.xml", 0, &err), 0);
	got = get(path);
	assert_non_null(strstr(got, "\nhttp://b.example/moved.xml"));
	free(got);
	unlink(path);
	free(path);
}

static void
test_refusals_leave_the_file(void **state)
{
	const char *text = "http://a.example/a.xml\nhttp://a.example/b.xml t\n"
	    "exec:make-feed\n";
	char *path = put("refuse", text, 0644), *got, *err = NULL;
	struct urls_stamp st, old;

	(void)state;
	urls_stamp_get(path, &st);
	old = st;
	/* check_only: every check, no write. */
	assert_int_equal(urls_rewrite_url(path, &st, "http://a.example/a.xml",
	    "http://a.example/c.xml", 1, &err), 0);
	assert_memory_equal(&st, &old, sizeof st);
	/* The new address is subscribed already. */
	assert_int_equal(urls_rewrite_url(path, &st, "http://a.example/a.xml",
	    "http://a.example/b.xml", 0, &err), -1);
	assert_non_null(strstr(err, "already"));
	free(err);
	/* The old one is not there. */
	assert_int_equal(urls_rewrite_url(path, &st, "http://a.example/z.xml",
	    "http://a.example/c.xml", 0, &err), -1);
	assert_non_null(strstr(err, "no longer"));
	free(err);
	/* Only web lines. */
	assert_int_equal(urls_rewrite_url(path, &st, "exec:make-feed",
	    "http://a.example/c.xml", 0, &err), -1);
	assert_non_null(strstr(err, "only http"));
	free(err);
	/* Changed since the stamp. */
	st.size++;
	assert_int_equal(urls_rewrite_url(path, &st, "http://a.example/a.xml",
	    "http://a.example/c.xml", 0, &err), -1);
	assert_non_null(strstr(err, "changed on disk"));
	free(err);
	/* No stamp at all (the file was not there when read). */
	assert_int_equal(urls_rewrite_url(path, NULL, "http://a.example/a.xml",
	    "http://a.example/c.xml", 0, &err), -1);
	free(err);
	/* Read-only (checked on the mode bits: root may write anything). */
	st = old;
	assert_int_equal(chmod(path, 0444), 0);
	urls_stamp_get(path, &st);
	assert_int_equal(urls_rewrite_url(path, &st, "http://a.example/a.xml",
	    "http://a.example/c.xml", 0, &err), -1);
	assert_non_null(strstr(err, "read-only"));
	free(err);
	got = get(path);
	assert_string_equal(got, text);
	free(got);
	chmod(path, 0644);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_line_of_the_feed),
		cmocka_unit_test(test_refusals_leave_the_file),
	};
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
