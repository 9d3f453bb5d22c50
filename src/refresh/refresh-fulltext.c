/*
 * refresh: the full article behind the new items of feeds that ask for it
 * (the `fulltext` tag in the urls file, or the `fulltext` option for every
 * feed).  Once a feed's items are committed, the links of its NEW items
 * are queued here; the pages go through the refresh's own fetcher (so the
 * per-host limit and the size and time caps of feeds apply), at most a few
 * at once, and their article (story/extract) is stored as the item's full
 * text, which the story view and the search index then use.  A page that
 * fails (HTTP error, not HTML, no article in it) leaves the feed's text in
 * place and is counted, with its reason, in the run's summary.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "refresh/refresh-int.h"
#include "story/extract.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/util.h"

#define FT_DEFAULT_PARALLEL	4
#define FT_MAX_ERROR_LINES	50	/* reasons kept for the summary */

struct ft_page {
	struct fulltext	*ft;
	int64_t		 id;
	char		*link;
	struct buf	 body;
	int		 truncated;	/* stopped at EXTRACT_MAX_PAGE */
	char		*error;		/* decided while the body came */
	char		*html;		/* extracted, waiting to be written */
};

struct fulltext {
	struct store	*store;
	struct fetcher	*f;
	int		 parallel;
	fulltext_begin_fn *begin;
	void		*ctx;
	struct ft_want	*queue;		/* not started yet */
	size_t		 nqueue;
	size_t		 next;		/* first of queue not started */
	int		 active;
	int		 stopped;	/* the fetcher was cancelled */
	struct ft_page	**ready;	/* extracted, not written yet */
	size_t		 nready;
	int		 fetched;
	int		 failed;
	int		 error_lines;
	struct buf	 errors;
};

int
fulltext_link_ok(const char *link, int allow_file)
{
	if (link == NULL)
		return 0;
	if (strncmp(link, "file://", 7) == 0)
		return allow_file;
	return strncmp(link, "http://", 7) == 0 ||
	    strncmp(link, "https://", 8) == 0;
}

int
fulltext_wanted(const struct refresh_opts *o, const struct refresh_feed *sub)
{
	size_t i;

	if (o->fulltext)
		return 1;
	for (i = 0; i < sub->ntags; i++)
		if (sub->tags[i] != NULL && strcmp(sub->tags[i], "fulltext") == 0)
			return 1;
	return 0;
}

void
ft_list_add(struct ft_list *l, int64_t id, const char *link, int allow_file)
{
	if (!fulltext_link_ok(link, allow_file))
		return;
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n].id = id;
	l->v[l->n].link = xstrdup(link);
	l->n++;
}

void
ft_list_clear(struct ft_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].link);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

struct fulltext *
fulltext_new(struct store *s, struct fetcher *f, int parallel,
    fulltext_begin_fn *begin, void *ctx)
{
	struct fulltext *ft = xcalloc(1, sizeof *ft);

	ft->store = s;
	ft->f = f;
	ft->parallel = parallel > 0 ? parallel : FT_DEFAULT_PARALLEL;
	ft->begin = begin;
	ft->ctx = ctx;
	buf_init(&ft->errors);
	return ft;
}

static void
page_free(struct ft_page *p)
{
	buf_free(&p->body);
	free(p->link);
	free(p->error);
	free(p->html);
	free(p);
}

/* One page failed: counted, and its reason kept for the summary. */
static void
fail(struct fulltext *ft, const char *link, const char *why)
{
	ft->failed++;
	if (ft->error_lines++ >= FT_MAX_ERROR_LINES)
		return;
	buf_adds(&ft->errors, "  ");
	buf_add_sanitised(&ft->errors, link, strlen(link), SANITISE_TAB_TO_SPACE);
	buf_adds(&ft->errors, ": ");
	buf_add_sanitised(&ft->errors, why, strlen(why), SANITISE_TAB_TO_SPACE);
	buf_addc(&ft->errors, '\n');
}

/* Write the extracted pages, unless another feed holds the store. */
static void
write_ready(struct fulltext *ft)
{
	struct ft_page *p;
	char *err = NULL;
	size_t i;

	if (ft->nready == 0 || ft->begin(ft->ctx) != 0)
		return;
	for (i = 0; i < ft->nready; i++) {
		p = ft->ready[i];
		if (store_item_set_fulltext(ft->store, p->id, p->html, &err) != 0) {
			fail(ft, p->link, err);
			free(err);
			err = NULL;
		} else
			ft->fetched++;
		page_free(p);
	}
	free(ft->ready);
	ft->ready = NULL;
	ft->nready = 0;
}

static int
is_html_type(const char *type)
{
	const char *s;

	if (type == NULL || *type == '\0')
		return 1;	/* file://: look at the bytes */
	for (s = type; *s != '\0' && *s != ';'; s++)
		if (strncasecmp(s, "html", 4) == 0)
			return 1;
	return 0;
}

static int
on_page_data(void *ctx, const struct fetch_result *r, const char *data,
    size_t len)
{
	struct ft_page *p = ctx;
	size_t room;

	if (p->body.len == 0 && !is_html_type(r->content_type)) {
		p->error = xasprintf(_("not a web page (%s)"), r->content_type);
		return 1;
	}
	room = EXTRACT_MAX_PAGE - p->body.len;
	if (len > room) {
		buf_add(&p->body, data, room);
		p->truncated = 1;
		return 1;	/* enough to find the article in */
	}
	buf_add(&p->body, data, len);
	return 0;
}

static void	start_more(struct fulltext *ft);

static void
on_page_done(void *ctx, const struct fetch_result *r)
{
	struct ft_page *p = ctx;
	struct fulltext *ft = p->ft;
	const char *url;
	char *err = NULL;

	ft->active--;
	if (r->outcome == FETCH_CANCELLED && p->error == NULL && !p->truncated)
		ft->stopped = 1;	/* start nothing more: the run ends */
	if (p->error != NULL)
		fail(ft, p->link, p->error);
	else if (r->outcome != FETCH_OK && !(r->outcome == FETCH_CANCELLED &&
	    p->truncated))
		fail(ft, p->link, r->error != NULL ? r->error : _("failed"));
	else {
		url = r->final_url != NULL ? r->final_url : p->link;
		p->html = extract_fulltext(buf_str(&p->body), p->body.len, url,
		    r->charset, &err);
		if (p->html == NULL) {
			fail(ft, p->link, err != NULL ? err : _("no article found"));
			free(err);
		} else {
			buf_free(&p->body);
			ft->ready = xreallocarray(ft->ready, ft->nready + 1,
			    sizeof *ft->ready);
			ft->ready[ft->nready++] = p;
			p = NULL;
		}
	}
	if (p != NULL)
		page_free(p);
	write_ready(ft);
	start_more(ft);
}

static void
start_more(struct fulltext *ft)
{
	struct fetch_request req;
	struct ft_page *p;

	while (!ft->stopped && ft->active < ft->parallel &&
	    ft->next < ft->nqueue) {
		p = xcalloc(1, sizeof *p);
		p->ft = ft;
		p->id = ft->queue[ft->next].id;
		p->link = ft->queue[ft->next].link;	/* moved */
		ft->queue[ft->next].link = NULL;
		ft->next++;
		buf_init(&p->body);
		memset(&req, 0, sizeof req);
		req.url = p->link;
		req.on_data = on_page_data;
		req.on_done = on_page_done;
		req.ctx = p;
		ft->active++;
		fetch_add(ft->f, &req);
	}
}

void
fulltext_take(struct fulltext *ft, struct ft_list *l)
{
	size_t i;

	if (ft == NULL || l->n == 0) {
		ft_list_clear(l);
		return;
	}
	ft->queue = xreallocarray(ft->queue, ft->nqueue + l->n, sizeof *ft->queue);
	for (i = 0; i < l->n; i++)
		ft->queue[ft->nqueue++] = l->v[i];
	free(l->v);
	l->v = NULL;
	l->n = 0;
	start_more(ft);
}

int
fulltext_pending(const struct fulltext *ft)
{
	return ft != NULL && (ft->active > 0 || ft->next < ft->nqueue ||
	    ft->nready > 0);
}

void
fulltext_finish(struct fulltext *ft, struct refresh_summary *sum)
{
	size_t i;

	if (ft == NULL)
		return;
	write_ready(ft);
	for (i = 0; i < ft->nready; i++) {
		fail(ft, ft->ready[i]->link, _("the store was busy"));
		page_free(ft->ready[i]);
	}
	/* Never started (the refresh was cancelled). */
	for (i = ft->next; i < ft->nqueue; i++)
		fail(ft, ft->queue[i].link, _("cancelled"));
	for (i = 0; i < ft->nqueue; i++)
		free(ft->queue[i].link);
	sum->fulltext_fetched += ft->fetched;
	sum->fulltext_failed += ft->failed;
	if (ft->errors.len > 0) {
		if (ft->error_lines > FT_MAX_ERROR_LINES)
			buf_printf(&ft->errors, _("  … and %d more\n"),
			    ft->error_lines - FT_MAX_ERROR_LINES);
		free(sum->fulltext_errors);
		sum->fulltext_errors = buf_detach(&ft->errors);
	}
	buf_free(&ft->errors);
	free(ft->ready);
	free(ft->queue);
	free(ft);
}
