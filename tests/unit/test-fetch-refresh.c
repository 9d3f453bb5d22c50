/* Unit tests for src/refresh: the background refresh the UI uses
 * (refresh_start, events through a pipe, cancel) and refresh_run, on
 * file:// and exec: feeds so that no server is needed. */
#include "config.h"

#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "refresh/refresh.h"
#include "refresh/refresh-int.h"
#include "store/store.h"
#include "util/util.h"

static char dir[64];

static void
write_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static const char feed_a[] =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Alpha</title>"
    "<item><guid>a1</guid><title>One</title></item>"
    "<item><guid>a2</guid><title>Two</title></item></channel></rss>\n";
static const char feed_b[] =
    "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
    "<title>Beta</title><id>urn:b</id><updated>2026-11-27T10:00:00Z</updated>"
    "<entry><id>urn:b1</id><title>Only</title>"
    "<updated>2026-11-27T10:00:00Z</updated></entry></feed>\n";

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/dl-refresh-XXXXXX");
	assert_non_null(mkdtemp(dir));
	write_file("a.xml", feed_a);
	write_file("b.xml", feed_b);
	return 0;
}

static int
teardown(void **state)
{
	char *cmd[] = { "rm", "-rf", dir, NULL };
	pid_t pid;

	(void)state;
	/* No shell: a plain fork/exec of rm. */
	pid = fork();
	if (pid == 0) {
		execvp(cmd[0], cmd);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, NULL, 0) < 0)
		;
	return 0;
}

struct events {
	size_t	 feeds;
	size_t	 failed;
	int	 finished;
	size_t	 last_done;
	int	 ordered;
	struct refresh_summary sum;
};

/* The UI's loop: poll the descriptor, take every event. */
static void
drain_until_finished(struct refresh *r, struct events *e, int cancel_after)
{
	struct refresh_event ev;
	struct pollfd pfd;
	double t0 = time_monotonic();

	e->ordered = 1;
	while (!e->finished) {
		pfd.fd = refresh_fd(r);
		pfd.events = POLLIN;
		assert_true(time_monotonic() - t0 < 30);
		if (poll(&pfd, 1, 1000) <= 0)
			continue;
		while (refresh_next_event(r, &ev) == 1) {
			if (ev.kind == REFRESH_EV_FEED) {
				e->feeds++;
				if (ev.feed.status == REFRESH_FAILED)
					e->failed++;
				if (ev.done != e->last_done + 1)
					e->ordered = 0;
				e->last_done = ev.done;
				assert_non_null(ev.feed.url);
				if (cancel_after > 0 && (int)e->feeds == cancel_after)
					refresh_cancel(r);
			} else {
				e->finished = 1;
				e->sum.total = ev.summary.total;
			}
			refresh_event_clear(&ev);
		}
	}
	refresh_wait(r, &e->sum);
}

static void
opts_for(struct refresh_opts *o, struct refresh_feed *feeds, size_t n,
    const char *cache)
{
	memset(o, 0, sizeof *o);
	o->cache = cache;
	o->feeds = feeds;
	o->nfeeds = n;
}

static void
test_background_refresh(void **state)
{
	char *ua = xasprintf("file://%s/a.xml", dir);
	char *ub = xasprintf("file://%s/b.xml", dir);
	char *um = xasprintf("file://%s/missing.xml", dir);
	char *cache = xasprintf("%s/cache.db", dir), *err = NULL;
	const char *tags[] = { "news", "two words" };
	struct refresh_feed feeds[3] = {
		{ ua, "My Alpha", tags, 2 }, { ub, NULL, NULL, 0 },
		{ um, NULL, NULL, 0 },
	};
	struct refresh_opts o;
	struct refresh *r;
	struct events e;

	(void)state;
	opts_for(&o, feeds, 3, cache);
	r = refresh_start(&o, &err);
	assert_non_null(r);
	memset(&e, 0, sizeof e);
	drain_until_finished(r, &e, 0);
	assert_int_equal(e.feeds, 3);
	assert_int_equal(e.failed, 1);
	assert_true(e.ordered);
	assert_int_equal(e.sum.total, 3);
	assert_int_equal(e.sum.updated, 2);
	assert_int_equal(e.sum.failed, 1);
	assert_int_equal(e.sum.new_items, 3);
	assert_int_equal(e.sum.fatal, 0);
	refresh_summary_clear(&e.sum);
	/* The refresh stores without indexing; the reader's indexer thread
	 * (store_indexer) then indexes what waits. */
	{
		struct store *s = store_open(cache, STORE_NOCREATE, &err);
		struct store_indexer *ix;
		int64_t waiting = -1;
		int n = 0;

		assert_non_null(s);
		assert_int_equal(store_index_pending(s, &waiting, &err), 0);
		assert_int_equal(waiting, 3);
		ix = store_indexer_start(cache);
		assert_non_null(ix);
		while (!store_indexer_done(ix) && n++ < 1000)
			usleep(10000);
		assert_true(store_indexer_done(ix));
		store_indexer_stop(ix);
		assert_int_equal(store_index_pending(s, &waiting, &err), 0);
		assert_int_equal(waiting, 0);
		store_close(s);
	}

	/* Again: the same bytes cost nothing and change nothing. */
	r = refresh_start(&o, &err);
	assert_non_null(r);
	memset(&e, 0, sizeof e);
	drain_until_finished(r, &e, 0);
	assert_int_equal(e.sum.unchanged, 2);
	assert_int_equal(e.sum.new_items, 0);
	refresh_summary_clear(&e.sum);
	free(ua);
	free(ub);
	free(um);
	free(cache);
}

static void
test_cancel(void **state)
{
	struct refresh_feed feeds[12];
	char *cache = xasprintf("%s/cancel.db", dir), *err = NULL;
	struct refresh_opts o;
	struct refresh *r;
	struct events e;
	double t0;
	size_t i;

	(void)state;
	memset(feeds, 0, sizeof feeds);
	feeds[0].url = "exec:printf ''";	/* ends at once */
	for (i = 1; i < DL_ARRAY_LEN(feeds); i++)
		feeds[i].url = i % 2 ? "exec:sleep 20" : "exec:sleep 21";
	opts_for(&o, feeds, DL_ARRAY_LEN(feeds), cache);
	t0 = time_monotonic();
	r = refresh_start(&o, &err);
	assert_non_null(r);
	memset(&e, 0, sizeof e);
	drain_until_finished(r, &e, 1);
	/* Every feed is reported, and the sleepers did not run their time. */
	assert_int_equal(e.feeds, DL_ARRAY_LEN(feeds));
	assert_true(time_monotonic() - t0 < 10);
	assert_int_equal(e.sum.failed, DL_ARRAY_LEN(feeds));
	refresh_summary_clear(&e.sum);
	free(cache);
}

struct seen {
	int	 calls;
	int	 failed;
};

static void
count(void *ctx, size_t done, size_t total, const struct refresh_feed_result *res)
{
	struct seen *s = ctx;

	(void)done;
	(void)total;
	s->calls++;
	if (res->status == REFRESH_FAILED)
		s->failed++;
}

static void
test_blocking_run_and_bad_store(void **state)
{
	char *ua = xasprintf("file://%s/a.xml", dir);
	char *cache = xasprintf("%s/run.db", dir), *err = NULL;
	struct refresh_feed feeds[] = {
		{ ua, NULL, NULL, 0 }, { "query:x:unread = \"yes\"", NULL, NULL, 0 },
		{ "filter:cmd:http://example.invalid/", NULL, NULL, 0 },
	};
	struct refresh_summary sum;
	struct refresh_opts o;
	struct seen s = { 0, 0 };

	(void)state;
	opts_for(&o, feeds, 3, cache);
	assert_int_equal(refresh_run(&o, count, &s, &sum, &err), 0);
	/* query: feeds are not fetched; filter: ones are reported. */
	assert_int_equal(s.calls, 2);
	assert_int_equal(s.failed, 1);
	assert_int_equal(sum.total, 2);
	refresh_summary_clear(&sum);
	/* A store that is not one: nothing can be done, and it says why. */
	write_file("junk.db", "this is not an SQLite database at all, not even close\n");
	free(cache);
	cache = xasprintf("%s/junk.db", dir);
	opts_for(&o, feeds, 1, cache);
	assert_int_equal(refresh_run(&o, count, &s, &sum, &err), -1);
	assert_non_null(err);
	assert_true(sum.fatal);
	free(err);
	refresh_summary_clear(&sum);
	free(ua);
	free(cache);
}

static void
test_store_replaced(void **state)
{
	char *ua = xasprintf("file://%s/a.xml", dir);
	char *cache = xasprintf("%s/replaced.db", dir), *err = NULL;
	char *wal = xasprintf("%s-wal", cache), *shm = xasprintf("%s-shm", cache);
	struct refresh_feed feeds[] = { { ua, NULL, NULL, 0 } };
	struct refresh_summary sum;
	struct refresh_opts o;
	struct seen s = { 0, 0 };

	(void)state;
	opts_for(&o, feeds, 1, cache);
	assert_int_equal(refresh_run(&o, count, &s, &sum, &err), 0);
	assert_int_equal(sum.new_items, 2);
	refresh_summary_clear(&sum);
	/* The store goes away, the side file stays: the same bytes must
	 * still bring the items back. */
	unlink(cache);
	unlink(wal);
	unlink(shm);
	assert_int_equal(refresh_run(&o, count, &s, &sum, &err), 0);
	assert_int_equal(sum.new_items, 2);
	assert_int_equal(sum.updated, 1);
	refresh_summary_clear(&sum);
	assert_int_equal(refresh_run(&o, count, &s, &sum, &err), 0);
	assert_int_equal(sum.unchanged, 1);
	refresh_summary_clear(&sum);
	free(ua);
	free(cache);
	free(wal);
	free(shm);
}

/* The body hash is the same whatever chunks a body arrives in, and moves
 * with any byte, the length, and trailing zero bytes. */
static char *
hash_chunks(const char *data, size_t len, size_t step)
{
	struct body_hash bh;
	size_t i, n;

	body_hash_init(&bh);
	for (i = 0; i < len; i += n) {
		n = step == 0 ? (i * 7 + 3) % 13 + 1 : step;	/* 0: uneven */
		if (n > len - i)
			n = len - i;
		body_hash_add(&bh, data + i, n);
	}
	return body_hash_string(&bh);
}

static void
test_body_hash(void **state)
{
	char body[1000], *whole, *h;
	size_t steps[] = { 1, 3, 7, 8, 9, 64, 999, 1000, 0 }, i, len;

	(void)state;
	for (i = 0; i < sizeof body; i++)
		body[i] = (char)('a' + (i * 31) % 26);
	for (len = 0; len <= sizeof body; len += len < 20 ? 1 : 97) {
		whole = hash_chunks(body, len, len > 0 ? len : 1);
		for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
			h = hash_chunks(body, len, steps[i]);
			assert_string_equal(h, whole);
			free(h);
		}
		free(whole);
	}
	whole = hash_chunks(body, 100, 100);
	assert_int_equal(strncmp(whole, "100-w", 5), 0);
	body[57] ^= 1;
	h = hash_chunks(body, 100, 100);
	assert_string_not_equal(h, whole);
	free(h);
	body[57] ^= 1;
	h = hash_chunks(body, 99, 99);
	assert_string_not_equal(h, whole);
	free(h);
	free(whole);
	memset(body, 0, 16);
	whole = hash_chunks(body, 15, 15);
	h = hash_chunks(body, 16, 16);
	assert_string_not_equal(h + 3, whole + 3);
	free(h);
	free(whole);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_hash),
		cmocka_unit_test(test_background_refresh),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_blocking_run_and_bad_store),
		cmocka_unit_test(test_store_replaced),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
