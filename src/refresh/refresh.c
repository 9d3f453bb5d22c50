/*
 * refresh: one run over the subscriptions.  Every feed is a job: fetch
 * hands its body over as it arrives; the bytes are hashed and, unless the
 * body may be the same as last time, pushed straight into a streaming
 * parser whose items are kept until the transfer has ended well.  The
 * parsing happens on a second thread (refresh-pipe.c) while this one
 * downloads and writes the store (refresh-write.c): each feed's items go
 * in as one part of a transaction that many feeds share.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "refresh/refresh-run.h"
#include "util/i18n.h"

/* A body no longer than this (and no longer than the last one) is held
 * back until we know whether it is the same as last time. */
#define HOLD_MAX	(1024 * 1024)
#define TTL_MAX		(24 * 3600)
/* Parsed items of one feed kept in memory before they go into the store
 * as they come (a big feed then holds the store's write lock while it
 * downloads; a normal one never does). */
#define SPILL_BYTES	(4u * 1024 * 1024)
/* A feed's bytes go to the parse thread up to this much; a bigger feed is
 * parsed here again, streaming into the store as above. */
#define PIPE_JOB_MAX	(1u * 1024 * 1024)
/* Feeds parsed and not yet stored: their items wait in memory, so a few
 * only (more are stored at once). */
#define PIPE_JOBS_MAX	3

static void	job_complete(struct job *j);
static size_t	collect(struct run *run, int wait, size_t max);

void
job_free_items(struct job *j)
{
	size_t i;

	for (i = 0; i < j->nitems; i++) {
		item_free(j->items[i]);
		if (j->preps != NULL)
			store_prep_free(j->preps[i]);
	}
	free(j->items);
	free(j->preps);
	j->items = NULL;
	j->preps = NULL;
	j->nitems = 0;
	j->item_bytes = 0;
}

static void
job_reset_body(struct job *j)
{
	body_hash_init(&j->bh);
	buf_free(&j->held);
	j->holding = 0;
	if (j->parser != NULL)
		parser_free(j->parser);
	j->parser = NULL;
	free(j->parse_url);
	free(j->parse_charset);
	j->parse_url = j->parse_charset = NULL;
	j->parse_stopped = 0;
	job_free_items(j);
	j->piped = j->in_pipe = j->parsed = j->finish_rc = 0;
	j->piped_bytes = 0;
	j->new_items = j->changed = 0;
	ft_list_clear(&j->ft);
}

static void
result_clear(struct fetch_result *r)
{
	free((char *)r->url);
	free((char *)r->final_url);
	free((char *)r->moved_to);
	free((char *)r->etag);
	free((char *)r->last_modified);
	free((char *)r->content_type);
	free((char *)r->charset);
	free((char *)r->error);
	memset(r, 0, sizeof *r);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
result_copy(struct fetch_result *dst, const struct fetch_result *src)
{
	*dst = *src;
	dst->url = dup_or_null(src->url);
	dst->final_url = dup_or_null(src->final_url);
	dst->moved_to = dup_or_null(src->moved_to);
	dst->etag = dup_or_null(src->etag);
	dst->last_modified = dup_or_null(src->last_modified);
	dst->content_type = dup_or_null(src->content_type);
	dst->charset = dup_or_null(src->charset);
	dst->error = dup_or_null(src->error);
}

static void
run_deferred(struct run *run)
{
	struct job *next;

	while (run->holder == NULL && run->ndeferred > 0) {
		next = run->deferred[0];
		memmove(run->deferred, run->deferred + 1,
		    --run->ndeferred * sizeof *run->deferred);
		job_complete(next);
	}
}

static void
job_free(struct job *j)
{
	job_release_store(j, 1);
	job_reset_body(j);
	result_clear(&j->res);
	free(j->store_err);
	free(j->fetch_url);
	free(j->etag);
	free(j->last_modified);
	free(j->discovered);
	free(j->moved_to);
	free(j->feed_title);
	feed_state_clear(&j->fs);
	free(j);
}

static int
on_item(void *ctx, const struct feed *feed, const struct item *item)
{
	struct job *j = ctx;

	(void)feed;
	if (j->in_tx)
		return job_upsert(j, item, NULL) != 0;
	j->items = xreallocarray(j->items, j->nitems + 1, sizeof *j->items);
	j->items[j->nitems] = item_dup(item);
	if (j->piped) {
		/* On the parse thread: the costly half of the upsert
		 * (compression, hashes) too, while the network thread has
		 * parsed feeds to store; else that thread does it as it
		 * stores.  The two threads share the work by themselves:
		 * 500 feeds (25,000 items) went from 1.67 s of CPU on this
		 * thread against 1.09 s on the other to about even. */
		j->preps = xreallocarray(j->preps, j->nitems + 1, sizeof *j->preps);
		j->preps[j->nitems] = NULL;
		if (atomic_load(&j->run->storing) || pipe_nready(j->run->pipe) > 0) {
			j->preps[j->nitems] = store_item_prepare(j->items[j->nitems]);
			store_prep_shed(j->preps[j->nitems], j->items[j->nitems]);
		}
	} else if (j->preps != NULL) {
		j->preps = xreallocarray(j->preps, j->nitems + 1, sizeof *j->preps);
		j->preps[j->nitems] = NULL;
	}
	j->nitems++;
	j->item_bytes += strlen(item->content) + strlen(item->summary) +
	    strlen(item->title) + 256;
	if (!j->piped && j->item_bytes > SPILL_BYTES && j->run->holder == NULL)
		job_take_store(j);
	return 0;
}

/* pipe: whether its bytes may go to the parse thread. */
static void
start_parser(struct job *j, const char *url, const char *charset, int pipe)
{
	struct parse_opts po;

	free(j->parse_url);
	free(j->parse_charset);
	j->parse_url = url != NULL ? xstrdup(url) : NULL;
	j->parse_charset = charset != NULL ? xstrdup(charset) : NULL;
	memset(&po, 0, sizeof po);
	po.url = j->parse_url;
	po.http_charset = j->parse_charset;
	po.on_item = on_item;
	po.ctx = j;
	j->parser = parser_new(&po);
	j->piped = pipe && j->run->pipe != NULL;
}

/* On the thread that owns the parser. */
static void
parse_bytes(struct job *j, const char *data, size_t len)
{
	if (j->parse_stopped || len == 0)
		return;
	if (parser_push(j->parser, data, len) != 0)
		j->parse_stopped = 1;
}

static void
pipe_data(void *ctx, const char *data, size_t len)
{
	parse_bytes(ctx, data, len);
}

static void
pipe_done(void *ctx)
{
	struct job *j = ctx;

	j->finish_rc = parser_finish(j->parser);
}

static void
push(struct job *j, const char *data, size_t len)
{
	if (len == 0)
		return;
	if (j->piped && j->piped_bytes + len > PIPE_JOB_MAX) {
		/* A big feed: take it back and go on here, streaming its
		 * items into the store (on_item) instead of holding them. */
		pipe_drain(j->run->pipe);
		j->piped = 0;
		if (j->item_bytes > SPILL_BYTES && j->run->holder == NULL)
			job_take_store(j);
	}
	if (j->piped) {
		j->piped_bytes += len;
		/* The queue is full: store a parsed feed rather than wait. */
		while (pipe_put(j->run->pipe, j, data, len) != 0)
			collect(j->run, 0, 1);
	} else
		parse_bytes(j, data, len);
}

static int
on_data(void *ctx, const struct fetch_result *r, const char *data, size_t len)
{
	struct job *j = ctx;

	collect(j->run, 0, 1);
	body_hash_add(&j->bh, data, len);
	if (j->parser == NULL && j->holding) {
		if (j->held.len + len <= j->hold_limit) {
			buf_add(&j->held, data, len);
			return 0;
		}
		/* Longer than last time: it changed.  Parse as it comes. */
		start_parser(j, r->final_url, r->charset, 1);
		push(j, j->held.data, j->held.len);
		buf_free(&j->held);
		j->holding = 0;
	} else if (j->parser == NULL)
		start_parser(j, r->final_url, r->charset, 1);
	push(j, data, len);
	/* A document the parser gave up on: stop downloading it, unless it
	 * is a page that may name its feed (autodiscovery, read at the end). */
	return 0;
}

static char *
join_tags(const struct refresh_feed *sub)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < sub->ntags; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, sub->tags[i]);
	}
	return buf_detach(&b);
}

static void fetch_job(struct job *j);

/* Report one finished feed and free the job. */
static void
job_report(struct job *j, enum refresh_status status, long http_status,
    int new_items, int changed, const char *error)
{
	struct run *run = j->run;
	struct refresh_feed_result res;
	char *clean_err = NULL;

	memset(&res, 0, sizeof res);
	res.url = j->sub->url;
	res.title = j->feed_title != NULL ? j->feed_title :
	    j->sub->title != NULL ? j->sub->title : "";
	res.status = status;
	res.http_status = http_status;
	res.new_items = new_items;
	res.changed_items = changed;
	if (error != NULL) {
		clean_err = utf8_sanitise(error, strlen(error), SANITISE_TAB_TO_SPACE);
		res.error = clean_err;
	}
	res.moved_to = j->moved_to;
	res.discovered = j->discovered;
	res.gone = j->fs.gone;
	switch (status) {
	case REFRESH_UPDATED: run->sum->updated++; break;
	case REFRESH_UNCHANGED: run->sum->unchanged++; break;
	case REFRESH_SKIPPED: run->sum->skipped++; break;
	case REFRESH_FAILED: run->sum->failed++; break;
	}
	run->sum->new_items += new_items;
	run->done++;
	if (run->progress != NULL)
		run->progress(run->ctx, run->done, run->total, &res);
	free(clean_err);
	job_free(j);
}

static int64_t
later(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/* An HTML page that names its feed: fetch that instead (once). */
static int
try_discovery(struct job *j, const struct fetch_result *r)
{
	const char *const *alts;
	size_t n;

	if (j->discovered != NULL || j->parser == NULL)
		return 0;
	n = parser_alternates(j->parser, &alts);
	if (n == 0)
		return 0;
	j->discovered = parse_url_resolve(r->final_url, alts[0]);
	if (j->discovered == NULL || (strncmp(j->discovered, "http://", 7) != 0 &&
	    strncmp(j->discovered, "https://", 8) != 0)) {
		free(j->discovered);
		j->discovered = NULL;
		return 0;
	}
	job_reset_body(j);
	free(j->fetch_url);
	j->fetch_url = xstrdup(j->discovered);
	/* The page's validators say nothing about the feed's. */
	free(j->etag);
	free(j->last_modified);
	j->etag = j->last_modified = NULL;
	fetch_job(j);
	return 1;
}

static void
done_ok(struct job *j, const struct fetch_result *r, int64_t not_before)
{
	const struct feed *feed;
	char *hash, *err = NULL, *msg;

	hash = body_hash_string(&j->bh);
	if (j->parser == NULL && j->fs.body_hash != NULL &&
	    strcmp(hash, j->fs.body_hash) == 0) {
		/* The same bytes as last time: nothing to parse. */
		free(hash);
		j->fs.not_before = not_before;
		job_record(j, r->status, NULL, r);
		job_report(j, REFRESH_UNCHANGED, r->status, 0, 0, NULL);
		return;
	}
	if (j->parser == NULL) {
		/* Held back and changed after all (at most HOLD_MAX): to the
		 * parse thread with it; back here through collect(). */
		start_parser(j, r->final_url, r->charset, 1);
		push(j, j->held.data, j->held.len);
		buf_free(&j->held);
		if (j->piped) {
			free(hash);
			j->in_pipe = 1;
			pipe_finish(j->run->pipe, j);
			return;
		}
	}
	if ((j->parsed ? j->finish_rc : parser_finish(j->parser)) != 0) {
		free(hash);
		job_release_store(j, 1);
		if (try_discovery(j, r))
			return;
		msg = xstrdup(parser_error(j->parser) != NULL ?
		    parser_error(j->parser) : _("not a feed"));
		j->fs.not_before = not_before;
		job_record(j, r->status, msg, r);
		job_report(j, REFRESH_FAILED, r->status, 0, 0, msg);
		free(msg);
		return;
	}
	feed = parser_feed(j->parser);
	if (feed != NULL && feed->title != NULL && *feed->title != '\0')
		j->feed_title = utf8_sanitise(feed->title, strlen(feed->title),
		    SANITISE_TAB_TO_SPACE);
	if (feed != NULL && feed->ttl > 0)
		not_before = later(not_before, time_now() +
		    (feed->ttl * 60 > TTL_MAX ? TTL_MAX : feed->ttl * 60));
	if (job_store_items(j, r, &err) != 0) {
		free(hash);
		job_record(j, r->status, err, r);
		job_report(j, REFRESH_FAILED, r->status, 0, 0, err);
		free(err);
		return;
	}
	/* Only now that the items are safe: remember this body. */
	free(j->fs.body_hash);
	j->fs.body_hash = hash;
	j->fs.not_before = not_before;
	j->fs.gone = 0;
	rstate_put(j->run->st, j->sub->url, &j->fs);
	fulltext_take(j->run->ft, &j->ft);
	job_report(j, j->new_items + j->changed > 0 ? REFRESH_UPDATED :
	    REFRESH_UNCHANGED, r->status, j->new_items, j->changed, NULL);
}

/* The transfer of j has ended: its result is in j->res.  Waits while
 * another feed streams into the store. */
static void
job_complete(struct job *j)
{
	struct run *run = j->run;
	const struct fetch_result *r = &j->res;
	int64_t now = time_now(), not_before = 0;
	char when[21], *msg;

	if (j->piped && !j->parsed) {
		/* The parse thread has the end of it still: back through
		 * collect() when it is done. */
		if (!j->in_pipe) {
			j->in_pipe = 1;
			pipe_finish(run->pipe, j);
		}
		return;
	}
	if (run->holder != NULL && run->holder != j) {
		run->deferred = xreallocarray(run->deferred, run->ndeferred + 1,
		    sizeof *run->deferred);
		run->deferred[run->ndeferred++] = j;
		return;
	}
	if (r->outcome != FETCH_OK)
		job_release_store(j, 1);

	if (j->run->o->min_interval > 0)
		not_before = now + j->run->o->min_interval;
	if (r->max_age > 0)
		not_before = later(not_before, now + r->max_age);
	if (r->retry_after > 0)
		not_before = later(not_before, r->retry_after);
	if (r->moved_to != NULL && j->discovered == NULL) {
		free(j->moved_to);
		j->moved_to = xstrdup(r->moved_to);
		free(j->fs.moved_to);
		j->fs.moved_to = xstrdup(r->moved_to);
	} else if (j->fs.moved_to != NULL && j->moved_to == NULL)
		j->moved_to = xstrdup(j->fs.moved_to);
	switch (r->outcome) {
	case FETCH_OK:
		done_ok(j, r, not_before);
		return;
	case FETCH_NOT_MODIFIED:
		j->fs.not_before = not_before;
		job_record(j, r->status, NULL, r);
		job_report(j, REFRESH_UNCHANGED, r->status, 0, 0, NULL);
		return;
	case FETCH_HTTP_ERROR:
		if (r->status == 410) {
			j->fs.gone = 1;
			msg = xasprintf(_("%s: the feed is gone for good; remove it "
			    "from the urls file"), r->error);
		} else if (not_before > now) {
			time_format_iso(not_before, when);
			msg = xasprintf(_("%s: the server asks us to wait until %s"),
			    r->error, when);
		} else
			msg = xstrdup(r->error);
		break;
	default:
		msg = xstrdup(r->error != NULL ? r->error : _("failed"));
		break;
	}
	/* A failure keeps the last good body's hash: the items are there. */
	j->fs.not_before = not_before;
	job_record(j, r->status, msg, r);
	job_report(j, REFRESH_FAILED, r->status, 0, 0, msg);
	free(msg);
}

/* Store the feeds the parse thread has given back: all of them, waiting
 * for those still parsed (wait), or at most max of those ready.  Between
 * two chunks of the network only one is stored: the parse thread is fed
 * in between, so that both threads work at once.  Returns how many. */
static size_t
collect(struct run *run, int wait, size_t max)
{
	struct job *j;
	size_t n = 0;

	if (run->pipe == NULL)
		return 0;
	/* Parsed feeds wait in memory for the store: not too many (never
	 * wait for the parse thread here: the network thread must go on
	 * feeding it, or the two threads take turns instead of working at
	 * once). */
	if (!wait && pipe_nready(run->pipe) > PIPE_JOBS_MAX)
		max = SIZE_MAX;
	while ((wait || n < max) && (j = pipe_ready(run->pipe, wait)) != NULL) {
		j->parsed = 1;
		atomic_store(&run->storing, 1);
		job_complete(j);
		run_deferred(run);
		atomic_store(&run->storing, 0);
		n++;
	}
	return n;
}

static void
pipe_ready_wake(void *ctx)
{
	fetch_wakeup(ctx);
}

static void
pipe_tick(void *ctx)
{
	collect(ctx, 0, SIZE_MAX);	/* the network is idle */
}

static void
on_done(void *ctx, const struct fetch_result *r)
{
	struct job *j = ctx;
	struct run *run = j->run;

	result_clear(&j->res);
	result_copy(&j->res, r);
	job_complete(j);
	run_deferred(run);
	collect(run, 0, 1);
}

static void
fetch_job(struct job *j)
{
	struct fetch_request req;
	uint64_t last = body_hash_length(j->fs.body_hash);

	body_hash_init(&j->bh);
	j->holding = last > 0 && last <= HOLD_MAX;
	j->hold_limit = last;
	memset(&req, 0, sizeof req);
	req.url = j->fetch_url;
	req.etag = j->etag;
	req.last_modified = j->last_modified;
	req.on_data = on_data;
	req.on_done = on_done;
	req.ctx = j;
	fetch_add(j->run->f, &req);
}

static int
info_cmp(const void *a, const void *b)
{
	return strcmp(((const struct store_feed_info *)a)->url,
	    ((const struct store_feed_info *)b)->url);
}

/* Does the store hold items of this feed?  The side file's body hash
 * only saves a parse when they are there (a store deleted or replaced
 * behind our back must be filled again). */
static int
store_has_items(struct run *run, const char *url)
{
	struct store_feed_info key, *info;

	if (run->nknown == 0)
		return 0;
	memset(&key, 0, sizeof key);
	key.url = (char *)url;
	info = bsearch(&key, run->known, run->nknown, sizeof *run->known, info_cmp);
	return info != NULL && info->total > 0;
}

/* Prepare one subscription: its store row, validators and state. */
static void
queue_feed(struct run *run, const struct refresh_feed *sub, int64_t now)
{
	struct job *j = xcalloc(1, sizeof *j);
	char *err = NULL, *tags;

	j->run = run;
	j->sub = sub;
	j->want_ft = run->ft != NULL && fulltext_wanted(run->o, sub);
	run->total++;
	if (store_feed_ensure(run->store, sub->url, &j->feed_id, &err) != 0) {
		job_report(j, REFRESH_FAILED, 0, 0, 0, err);
		free(err);
		return;
	}
	tags = join_tags(sub);
	if (store_feed_set_tags(run->store, j->feed_id, tags, &err) != 0 ||
	    store_feed_rename(run->store, j->feed_id, sub->title, &err) != 0 ||
	    store_feed_get_http_cache(run->store, j->feed_id, &j->etag,
	    &j->last_modified, &err) != 0) {
		free(tags);
		job_report(j, REFRESH_FAILED, 0, 0, 0, err);
		free(err);
		return;
	}
	free(tags);
	rstate_get(run->st, sub->url, &j->fs);
	if (j->fs.body_hash != NULL && !store_has_items(run, sub->url)) {
		free(j->fs.body_hash);
		j->fs.body_hash = NULL;
	}
	if (!run->o->force && j->fs.gone) {
		job_report(j, REFRESH_FAILED, 410, 0, 0, _("HTTP 410 Gone: the feed "
		    "is gone for good; remove it from the urls file"));
		return;
	}
	if (!run->o->force && j->fs.not_before > now) {
		job_report(j, REFRESH_SKIPPED, 0, 0, 0, NULL);
		return;
	}
	j->fetch_url = xstrdup(j->fs.moved_to != NULL ? j->fs.moved_to : sub->url);
	if (j->fs.moved_to != NULL)
		j->moved_to = xstrdup(j->fs.moved_to);
	fetch_job(j);
}

int
refresh_run(const struct refresh_opts *opts, refresh_progress_fn *progress,
    void *ctx, struct refresh_summary *sum, char **err)
{
	return refresh_run_owned(opts, progress, ctx, sum, err, NULL);
}

int
refresh_run_owned(const struct refresh_opts *opts, refresh_progress_fn *progress,
    void *ctx, struct refresh_summary *sum, char **err, struct refresh *owner)
{
	struct run run;
	struct fetch_opts fo;
	double t0 = time_monotonic();
	int64_t now = time_now();
	size_t i;
	int rc = -1;

	memset(sum, 0, sizeof *sum);
	memset(&run, 0, sizeof run);
	atomic_init(&run.storing, 0);
	run.o = opts;
	run.progress = progress;
	run.ctx = ctx;
	run.sum = sum;
	run.background = owner != NULL;
	if ((run.store = store_open(opts->cache, 0, err)) == NULL ||
	    store_set_cache(run.store, 1000, err) != 0)
		goto out;
	if ((run.st = rstate_open(store_path(run.store), err)) == NULL)
		goto out;
	fo = opts->fetch;
	fo.allow_exec = 1;
	run.f = fetch_new(&fo);
	refresh_set_fetcher(owner, run.f);
	run.ft = fulltext_new(run.store, run.f, opts->fulltext_parallel,
	    run_ft_begin, &run);
	if (store_feed_list(run.store, &run.known, &run.nknown, err) != 0)
		goto out;
	if (run.nknown > 0)
		qsort(run.known, run.nknown, sizeof *run.known, info_cmp);
	run_batch_begin(&run);
	for (i = 0; i < opts->nfeeds; i++) {
		if (strncmp(opts->feeds[i].url, "query:", 6) == 0)
			continue;
		queue_feed(&run, &opts->feeds[i], now);
	}
	run_batch_end(&run);
	/* A feed parsed on the other thread wakes the network loop, which
	 * stores it (collect) even while every transfer waits. */
	run.pipe = pipe_new(pipe_data, pipe_done, pipe_ready_wake, run.f);
	fetch_set_tick(run.f, pipe_tick, &run);
	rc = fetch_run(run.f, err);
	/* Feeds still being parsed; finishing them may start more fetches
	 * (autodiscovery, full texts). */
	while (collect(&run, 1, SIZE_MAX) > 0 && rc == 0)
		rc = fetch_run(run.f, err);
	run_deferred(&run);
	if (rc == 0 && fulltext_pending(run.ft))
		rc = fetch_run(run.f, err);	/* pages queued at the end */
	refresh_set_fetcher(owner, NULL);
	free(run.deferred);
	fulltext_finish(run.ft, sum);
	run_batch_end(&run);
	if (rc == 0 && (opts->keep_days > 0 || opts->keep_items > 0)) {
		struct store_retention keep = { opts->keep_days, opts->keep_items };
		char *cerr = NULL;

		if (store_cleanup(run.store, &keep, &sum->expired, &cerr) != 0)
			run_warn(&run, cerr);
	}
out:
	collect(&run, 1, SIZE_MAX);
	pipe_free(run.pipe);
	store_feed_list_free(run.known, run.nknown);
	if (run.f != NULL)
		fetch_free(run.f);
	rstate_close(run.st);
	store_close(run.store);
	sum->total = run.total;
	sum->seconds = time_monotonic() - t0;
	if (rc != 0) {
		sum->fatal = 1;
		sum->error = xstrdup(*err);
	}
	return rc;
}

void
refresh_summary_clear(struct refresh_summary *s)
{
	free(s->error);
	s->error = NULL;
	free(s->fulltext_errors);
	s->fulltext_errors = NULL;
}

const char *
refresh_status_name(enum refresh_status s)
{
	switch (s) {
	case REFRESH_UPDATED: return "updated";
	case REFRESH_UNCHANGED: return "unchanged";
	case REFRESH_SKIPPED: return "skipped";
	case REFRESH_FAILED: return "failed";
	}
	return "?";
}
