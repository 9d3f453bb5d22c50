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

#include "fetch/fetch.h"
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
	struct extract_result article;	/* the pages extracted so far */
	const char	*page_url;	/* the page being fetched */
	char		*first;		/* the first page's URL after
					   redirects: the article's */
	char		*pages[EXTRACT_MAX_PAGES]; /* later pages fetched */
	size_t		 npages;
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
	extract_result_free(&p->article);
	free(p->first);
	for (size_t i = 0; i < p->npages; i++)
		free(p->pages[i]);
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

/* One page fetched and extracted; base NULL: its own URL. */
static int
fetch_one(const char *url, const char *base, struct extract_result *r,
    char **final, char **err)
{
	struct buf page = BUF_INIT;
	char *type = NULL, *charset = NULL, *why = NULL;
	int rc = -1;

	memset(r, 0, sizeof *r);
	*final = NULL;
	if (fetch_url(url, EXTRACT_MAX_PAGE, &page, final, &type, err) != 0)
		goto out;
	if (!is_html_type(type)) {
		char *t = utf8_sanitise(type, strlen(type), 0);

		*err = xasprintf(_("%s: not a web page (%s)"), url, t);
		free(t);
		goto out;
	}
	charset = fetch_content_type_charset(type);
	if (base == NULL)
		base = *final != NULL ? *final : url;
	if (extract_article_http(buf_str(&page), page.len, base, charset, r,
	    &why) != 0) {
		*err = xasprintf("%s: %s", url, why);
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		extract_result_free(r);
	free(why);
	free(type);
	free(charset);
	buf_free(&page);
	return rc;
}

/* Whether a next page is to be fetched: another page of the first one's
 * article, not seen yet, within the limit. */
static int
follow(const struct extract_result *r, const char *first,
    char *const *seen, size_t nseen)
{
	size_t i;

	if (*r->next_page == '\0' || r->pages >= EXTRACT_MAX_PAGES ||
	    !extract_same_article(first, r->next_page))
		return 0;
	for (i = 0; i < nseen; i++)
		if (strcmp(seen[i], r->next_page) == 0)
			return 0;
	return 1;
}

int
fulltext_fetch_article(const char *url, const char *base,
    struct extract_result *r, char **err)
{
	struct extract_result more;
	char *seen[EXTRACT_MAX_PAGES * 2], *final = NULL, *next, *why = NULL;
	const char *first;
	size_t nseen = 0, i;

	if (fetch_one(url, base, r, &final, err) != 0) {
		free(final);
		return -1;
	}
	seen[nseen++] = xstrdup(url);
	if (final != NULL)
		seen[nseen++] = final;
	first = seen[nseen - 1];	/* after redirects */
	while (follow(r, first, seen, nseen)) {
		next = xstrdup(r->next_page);
		seen[nseen++] = next;
		if (fetch_one(next, NULL, &more, &final, &why) != 0) {
			free(why);	/* the pages so far are the article */
			free(final);
			break;
		}
		/* a redirect off the article, or a page already read */
		if ((final != NULL && !extract_same_article(first, final)) ||
		    strstr(r->text, more.text) != NULL) {
			free(final);
			extract_result_free(&more);
			break;
		}
		if (final != NULL)
			seen[nseen++] = final;
		extract_result_append(r, &more);
		extract_result_free(&more);
	}
	for (i = 0; i < nseen; i++)
		free(seen[i]);
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

static void	start_fetch(struct fulltext *ft, struct ft_page *p,
		    const char *url);

/* The article is complete: wait for the store. */
static void
page_ready(struct fulltext *ft, struct ft_page *p)
{
	p->html = p->article.html;
	p->article.html = NULL;
	extract_result_free(&p->article);
	buf_free(&p->body);
	ft->ready = xreallocarray(ft->ready, ft->nready + 1, sizeof *ft->ready);
	ft->ready[ft->nready++] = p;
}

/* A later page of the article came: appended, unless it is not more of
 * it (a redirect elsewhere, a page already read, no article).  Whether
 * it was. */
static int
add_page(struct ft_page *p, const struct fetch_result *r)
{
	struct extract_result more;
	char *err = NULL;
	int added = 0;

	if ((r->final_url != NULL && !extract_same_article(p->first,
	    r->final_url)) || extract_article_http(buf_str(&p->body),
	    p->body.len, r->final_url != NULL ? r->final_url : p->page_url,
	    r->charset, &more, &err) != 0) {
		free(err);
		return 0;
	}
	if (*more.text != '\0' && strstr(p->article.text, more.text) == NULL) {
		extract_result_append(&p->article, &more);
		added = 1;
	}
	extract_result_free(&more);
	return added;
}

/* The next page to fetch, or NULL: another page of the article, not
 * fetched yet, within the limit. */
static const char *
next_page(struct ft_page *p)
{
	const char *next = p->article.next_page;

	if (*next == '\0' || p->article.pages >= EXTRACT_MAX_PAGES ||
	    p->npages >= EXTRACT_MAX_PAGES ||
	    !extract_same_article(p->first, next) || strcmp(next, p->first) == 0)
		return NULL;
	for (size_t i = 0; i < p->npages; i++)
		if (strcmp(p->pages[i], next) == 0)
			return NULL;
	return next;
}

static void
on_page_done(void *ctx, const struct fetch_result *r)
{
	struct ft_page *p = ctx;
	struct fulltext *ft = p->ft;
	const char *url, *next;
	char *err = NULL;
	int ok = r->outcome == FETCH_OK || (r->outcome == FETCH_CANCELLED &&
	    p->truncated);

	ft->active--;
	if (r->outcome == FETCH_CANCELLED && p->error == NULL && !p->truncated)
		ft->stopped = 1;	/* start nothing more: the run ends */
	if (p->npages > 0) {
		/* a later page: what came so far is kept whatever happens */
		if (p->error != NULL || !ok || !add_page(p, r))
			next = NULL;
		else
			next = next_page(p);
	} else if (p->error != NULL) {
		fail(ft, p->link, p->error);
		goto done;
	} else if (!ok) {
		fail(ft, p->link, r->error != NULL ? r->error : _("failed"));
		goto done;
	} else {
		url = r->final_url != NULL ? r->final_url : p->link;
		p->first = xstrdup(url);
		if (extract_article_http(buf_str(&p->body), p->body.len, url,
		    r->charset, &p->article, &err) != 0) {
			fail(ft, p->link, err != NULL ? err : _("no article found"));
			free(err);
			goto done;
		}
		next = next_page(p);
	}
	if (next != NULL && !ft->stopped) {
		start_fetch(ft, p, next);
		return;
	}
	page_ready(ft, p);
	p = NULL;
done:
	if (p != NULL)
		page_free(p);
	write_ready(ft);
	start_more(ft);
}

/* Fetch url (the item's page or a later page of its article) for p. */
static void
start_fetch(struct fulltext *ft, struct ft_page *p, const char *url)
{
	struct fetch_request req;

	if (url != p->link) {
		p->pages[p->npages++] = xstrdup(url);
		p->page_url = p->pages[p->npages - 1];
	} else
		p->page_url = p->link;
	buf_reset(&p->body);
	p->truncated = 0;
	free(p->error);
	p->error = NULL;
	memset(&req, 0, sizeof req);
	req.url = p->page_url;
	req.on_data = on_page_data;
	req.on_done = on_page_done;
	req.ctx = p;
	ft->active++;
	fetch_add(ft->f, &req);
}

static void
start_more(struct fulltext *ft)
{
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
		start_fetch(ft, p, p->link);
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
