/*
 * refresh: the background refresh for the UI.  A worker thread runs
 * refresh_run_owned() with its own store connection; each finished feed
 * becomes an event in a queue, and one byte in a pipe wakes the UI's poll.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "refresh/refresh-int.h"
#include "util/i18n.h"
#include "util/util.h"

struct ev_node {
	struct refresh_event	 ev;
	struct ev_node		*next;
};

/* The strings an event owns. */
struct ev_strings {
	char	*url;
	char	*title;
	char	*error;
	char	*moved_to;
	char	*discovered;
};

struct refresh {
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	int			 pipe[2];
	struct ev_node		*head;
	struct ev_node		*tail;
	struct fetcher		*fetcher;
	atomic_int		 cancelled;
	struct refresh_summary	 summary;

	/* The copied options. */
	struct refresh_opts	 opts;
	struct refresh_feed	*feeds;
	char			*cache;
	char			*user_agent;
	char			*ca_file;
};

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Queue an event and wake the reader.  Called with the lock not held. */
static void
post(struct refresh *r, struct ev_node *n)
{
	char byte = 1;
	ssize_t w;

	pthread_mutex_lock(&r->mu);
	if (r->tail != NULL)
		r->tail->next = n;
	else
		r->head = n;
	r->tail = n;
	/* A full pipe already wakes the reader; the byte is only a bell. */
	w = write(r->pipe[1], &byte, 1);
	(void)w;
	pthread_mutex_unlock(&r->mu);
}

static void
on_progress(void *ctx, size_t done, size_t total,
    const struct refresh_feed_result *res)
{
	struct refresh *r = ctx;
	struct ev_node *n = xcalloc(1, sizeof *n);
	struct ev_strings *s = xcalloc(1, sizeof *s);

	n->ev.kind = REFRESH_EV_FEED;
	n->ev.done = done;
	n->ev.total = total;
	n->ev.feed = *res;
	s->url = xstrdup(res->url);
	s->title = xstrdup(res->title != NULL ? res->title : "");
	s->error = dup_or_null(res->error);
	s->moved_to = dup_or_null(res->moved_to);
	s->discovered = dup_or_null(res->discovered);
	n->ev.feed.url = s->url;
	n->ev.feed.title = s->title;
	n->ev.feed.error = s->error;
	n->ev.feed.moved_to = s->moved_to;
	n->ev.feed.discovered = s->discovered;
	n->ev.priv = s;
	post(r, n);
}

static void *
worker(void *arg)
{
	struct refresh *r = arg;
	struct ev_node *n = xcalloc(1, sizeof *n);
	char *err = NULL;

	if (refresh_run_owned(&r->opts, on_progress, r, &r->summary, &err, r) != 0)
		free(err);
	n->ev.kind = REFRESH_EV_FINISHED;
	n->ev.done = r->summary.total;
	n->ev.total = r->summary.total;
	n->ev.summary = r->summary;
	n->ev.summary.error = dup_or_null(r->summary.error);
	n->ev.summary.fulltext_errors = dup_or_null(r->summary.fulltext_errors);
	post(r, n);
	return NULL;
}

void
refresh_set_fetcher(struct refresh *owner, struct fetcher *f)
{
	if (owner == NULL)
		return;
	pthread_mutex_lock(&owner->mu);
	owner->fetcher = f;
	if (f != NULL && atomic_load(&owner->cancelled))
		fetch_cancel(f);
	pthread_mutex_unlock(&owner->mu);
}

static void
copy_opts(struct refresh *r, const struct refresh_opts *o)
{
	size_t i, j;

	r->opts = *o;
	r->cache = dup_or_null(o->cache);
	r->opts.cache = r->cache;
	r->user_agent = dup_or_null(o->fetch.user_agent);
	r->opts.fetch.user_agent = r->user_agent;
	r->ca_file = dup_or_null(o->fetch.ca_file);
	r->opts.fetch.ca_file = r->ca_file;
	r->feeds = xcalloc(o->nfeeds + 1, sizeof *r->feeds);
	for (i = 0; i < o->nfeeds; i++) {
		const struct refresh_feed *f = &o->feeds[i];
		char **tags = xcalloc(f->ntags + 1, sizeof *tags);

		r->feeds[i].url = xstrdup(f->url);
		r->feeds[i].title = dup_or_null(f->title);
		for (j = 0; j < f->ntags; j++)
			tags[j] = xstrdup(f->tags[j]);
		r->feeds[i].tags = (const char *const *)tags;
		r->feeds[i].ntags = f->ntags;
	}
	r->opts.feeds = r->feeds;
}

static void
free_opts(struct refresh *r)
{
	size_t i, j;

	for (i = 0; i < r->opts.nfeeds; i++) {
		free((char *)r->feeds[i].url);
		free((char *)r->feeds[i].title);
		for (j = 0; j < r->feeds[i].ntags; j++)
			free((char *)r->feeds[i].tags[j]);
		free((char **)r->feeds[i].tags);
	}
	free(r->feeds);
	free(r->cache);
	free(r->user_agent);
	free(r->ca_file);
}

struct refresh *
refresh_start(const struct refresh_opts *opts, char **err)
{
	struct refresh *r = xcalloc(1, sizeof *r);
	int rc;

	if (pipe2(r->pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
		*err = xasprintf(_("refresh: cannot make a pipe: %s"), strerror(errno));
		free(r);
		return NULL;
	}
	pthread_mutex_init(&r->mu, NULL);
	atomic_init(&r->cancelled, 0);
	copy_opts(r, opts);
	if ((rc = pthread_create(&r->thread, NULL, worker, r)) != 0) {
		*err = xasprintf(_("refresh: cannot start a thread: %s"), strerror(rc));
		free_opts(r);
		close(r->pipe[0]);
		close(r->pipe[1]);
		pthread_mutex_destroy(&r->mu);
		free(r);
		return NULL;
	}
	return r;
}

int
refresh_fd(const struct refresh *r)
{
	return r->pipe[0];
}

int
refresh_next_event(struct refresh *r, struct refresh_event *ev)
{
	struct ev_node *n;
	char drain[256];

	pthread_mutex_lock(&r->mu);
	n = r->head;
	if (n != NULL) {
		r->head = n->next;
		if (r->head == NULL)
			r->tail = NULL;
	}
	if (r->head == NULL)
		while (read(r->pipe[0], drain, sizeof drain) > 0)
			;
	pthread_mutex_unlock(&r->mu);
	if (n == NULL)
		return 0;
	*ev = n->ev;
	free(n);
	return 1;
}

void
refresh_event_clear(struct refresh_event *ev)
{
	struct ev_strings *s = ev->priv;

	if (s != NULL) {
		free(s->url);
		free(s->title);
		free(s->error);
		free(s->moved_to);
		free(s->discovered);
		free(s);
	}
	if (ev->kind == REFRESH_EV_FINISHED)
		refresh_summary_clear(&ev->summary);
	memset(ev, 0, sizeof *ev);
}

void
refresh_cancel(struct refresh *r)
{
	atomic_store(&r->cancelled, 1);
	pthread_mutex_lock(&r->mu);
	if (r->fetcher != NULL)
		fetch_cancel(r->fetcher);
	pthread_mutex_unlock(&r->mu);
}

void
refresh_wait(struct refresh *r, struct refresh_summary *summary)
{
	struct refresh_event ev;

	pthread_join(r->thread, NULL);
	while (refresh_next_event(r, &ev) == 1)
		refresh_event_clear(&ev);
	if (summary != NULL)
		*summary = r->summary;
	else
		refresh_summary_clear(&r->summary);
	free_opts(r);
	close(r->pipe[0]);
	close(r->pipe[1]);
	pthread_mutex_destroy(&r->mu);
	free(r);
}
