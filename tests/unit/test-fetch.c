/* Unit tests for src/fetch: header helpers, command splitting, and real
 * transfers that need no network (file:// and exec:). */
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

#include "fetch/fetch.h"
#include "util/util.h"

static void
test_retry_after(void **state)
{
	(void)state;
	assert_int_equal(fetch_parse_retry_after("120", 1000), 1120);
	assert_int_equal(fetch_parse_retry_after(" 0 ", 1000), 1000);
	assert_int_equal(fetch_parse_retry_after("-5", 1000), 0);
	assert_int_equal(fetch_parse_retry_after("soon", 1000), 0);
	assert_int_equal(fetch_parse_retry_after("12x", 1000), 0);
	/* Capped at a week. */
	assert_int_equal(fetch_parse_retry_after("99999999", 0), 7 * 86400);
	/* An HTTP date: Sun, 06 Nov 1994 08:49:37 GMT = 784111777. */
	assert_int_equal(fetch_parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT",
	    784111000), 784111777);
	/* A date in the past means no wait. */
	assert_int_equal(fetch_parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT",
	    784112000), 0);
	assert_int_equal(fetch_parse_retry_after(NULL, 5), 0);
}

static void
test_max_age(void **state)
{
	(void)state;
	assert_int_equal(fetch_parse_max_age("max-age=300"), 300);
	assert_int_equal(fetch_parse_max_age("public, max-age=60, must-revalidate"), 60);
	assert_int_equal(fetch_parse_max_age("no-cache"), -1);
	assert_int_equal(fetch_parse_max_age("s-maxage=5"), -1);
	assert_int_equal(fetch_parse_max_age("max-age=abc"), -1);
	assert_int_equal(fetch_parse_max_age("max-age=999999999"), 30 * 86400);
	assert_int_equal(fetch_parse_max_age(NULL), -1);
}

static void
test_charset(void **state)
{
	char *c;

	(void)state;
	c = fetch_content_type_charset("text/xml; charset=windows-1251");
	assert_string_equal(c, "windows-1251");
	free(c);
	c = fetch_content_type_charset("application/rss+xml;Charset=\"KOI8-R\"; x=y");
	assert_string_equal(c, "KOI8-R");
	free(c);
	assert_null(fetch_content_type_charset("text/xml"));
	assert_null(fetch_content_type_charset("text/xml; charset="));
	assert_null(fetch_content_type_charset(NULL));
}

static void
test_split_command(void **state)
{
	char **v, *err = NULL;

	(void)state;
	v = fetch_split_command("  make-feed --name 'a b' \"c \\\"d\\\"\" e\\ f g''h ''", &err);
	assert_non_null(v);
	assert_string_equal(v[0], "make-feed");
	assert_string_equal(v[1], "--name");
	assert_string_equal(v[2], "a b");
	assert_string_equal(v[3], "c \"d\"");
	assert_string_equal(v[4], "e f");
	assert_string_equal(v[5], "gh");
	assert_string_equal(v[6], "");
	assert_null(v[7]);
	fetch_argv_free(v);
	/* No shell: these are plain words. */
	v = fetch_split_command("echo $HOME; rm -rf / | cat `id`", &err);
	assert_non_null(v);
	assert_string_equal(v[1], "$HOME;");
	assert_string_equal(v[5], "|");
	fetch_argv_free(v);
	assert_null(fetch_split_command("echo 'open", &err));
	assert_non_null(strstr(err, "unterminated"));
	free(err);
	err = NULL;
	assert_null(fetch_split_command("   ", &err));
	assert_non_null(err);
	free(err);
}

struct collect {
	struct buf	 body;
	int		 done;
	enum fetch_outcome outcome;
	long		 status;
	char		*error;
	int		 stop_after_first;
};

static int
collect_data(void *ctx, const struct fetch_result *r, const char *data, size_t len)
{
	struct collect *c = ctx;

	(void)r;
	buf_add(&c->body, data, len);
	return c->stop_after_first;
}

static void
collect_done(void *ctx, const struct fetch_result *r)
{
	struct collect *c = ctx;

	c->done++;
	c->outcome = r->outcome;
	c->status = r->status;
	c->error = r->error != NULL ? xstrdup(r->error) : NULL;
}

static void
run_one(const char *url, struct collect *c, const struct fetch_opts *o)
{
	struct fetch_request req;
	struct fetcher *f;
	char *err = NULL;

	memset(&req, 0, sizeof req);
	req.url = url;
	req.on_data = collect_data;
	req.on_done = collect_done;
	req.ctx = c;
	f = fetch_new(o);
	fetch_add(f, &req);
	assert_int_equal(fetch_run(f, &err), 0);
	fetch_free(f);
	assert_int_equal(c->done, 1);
}

static void
collect_free(struct collect *c)
{
	buf_free(&c->body);
	free(c->error);
	memset(c, 0, sizeof *c);
}

static void
test_file_url(void **state)
{
	char path[] = "/tmp/dl-fetch-XXXXXX", *url;
	struct collect c;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "<rss/>\n", 7), 7);
	close(fd);
	url = xasprintf("file://%s", path);
	memset(&c, 0, sizeof c);
	run_one(url, &c, NULL);
	assert_int_equal(c.outcome, FETCH_OK);
	assert_string_equal(buf_str(&c.body), "<rss/>\n");
	collect_free(&c);
	unlink(path);
	run_one(url, &c, NULL);
	assert_int_equal(c.outcome, FETCH_FAILED);
	assert_non_null(c.error);
	collect_free(&c);
	free(url);
}

static void
test_exec(void **state)
{
	struct fetch_opts o;
	struct collect c;

	(void)state;
	memset(&o, 0, sizeof o);
	memset(&c, 0, sizeof c);
	/* exec: is refused unless the caller allows it. */
	run_one("exec:echo hi", &c, &o);
	assert_int_equal(c.outcome, FETCH_FAILED);
	collect_free(&c);
	o.allow_exec = 1;
	run_one("exec:printf '%s|%s' 'a b' $HOME", &c, &o);
	assert_int_equal(c.outcome, FETCH_OK);
	/* Words reach the program as they are: no variables expanded. */
	assert_string_equal(buf_str(&c.body), "a b|$HOME");
	collect_free(&c);
	run_one("exec:sh -c 'echo oops >&2; exit 3'", &c, &o);
	assert_int_equal(c.outcome, FETCH_FAILED);
	assert_non_null(strstr(c.error, "status 3"));
	assert_non_null(strstr(c.error, "oops"));
	collect_free(&c);
	run_one("exec:/nonexistent/program", &c, &o);
	assert_int_equal(c.outcome, FETCH_FAILED);
	collect_free(&c);
	/* The size cap applies to commands too. */
	o.max_bytes = 1000;
	run_one("exec:head -c 100000 /dev/zero", &c, &o);
	assert_int_equal(c.outcome, FETCH_FAILED);
	assert_non_null(strstr(c.error, "limit"));
	collect_free(&c);
	/* A command that hangs is killed at the time limit. */
	o.max_bytes = 0;
	o.total_timeout = 0.3;
	o.timeout_scale = 1;
	run_one("exec:sleep 30", &c, &o);
	assert_int_equal(c.outcome, FETCH_FAILED);
	assert_non_null(strstr(c.error, "timed out"));
	collect_free(&c);
	/* The reader may stop a transfer. */
	o.total_timeout = 0;
	c.stop_after_first = 1;
	run_one("exec:echo stop", &c, &o);
	assert_int_equal(c.outcome, FETCH_CANCELLED);
	collect_free(&c);
}

static void
test_many_at_once(void **state)
{
	struct collect c[20];
	struct fetch_request req;
	struct fetch_opts o;
	struct fetcher *f;
	char *err = NULL, cmd[64];
	int i;

	(void)state;
	memset(&o, 0, sizeof o);
	o.allow_exec = 1;
	o.max_parallel = 4;
	f = fetch_new(&o);
	memset(c, 0, sizeof c);
	for (i = 0; i < 20; i++) {
		snprintf(cmd, sizeof cmd, "exec:echo feed%d", i);
		memset(&req, 0, sizeof req);
		req.url = cmd;
		req.on_data = collect_data;
		req.on_done = collect_done;
		req.ctx = &c[i];
		fetch_add(f, &req);
	}
	assert_int_equal(fetch_run(f, &err), 0);
	fetch_free(f);
	for (i = 0; i < 20; i++) {
		snprintf(cmd, sizeof cmd, "feed%d\n", i);
		assert_int_equal(c[i].done, 1);
		assert_string_equal(buf_str(&c[i].body), cmd);
		collect_free(&c[i]);
	}
}

static void
test_user_agent(void **state)
{
	(void)state;
	assert_non_null(strstr(fetch_user_agent(), "dateline/"));
	assert_non_null(strstr(fetch_user_agent(), "(+terminal news reader)"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_max_age),
		cmocka_unit_test(test_charset),
		cmocka_unit_test(test_split_command),
		cmocka_unit_test(test_file_url),
		cmocka_unit_test(test_exec),
		cmocka_unit_test(test_many_at_once),
		cmocka_unit_test(test_user_agent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
