/*
 * extract: the next page of an article split over several pages.  A page
 * says where its story goes on by <link rel="next">, <a rel="next">, or a
 * pagination block (links "2", "3", …, "Next").  A link is followed only
 * when it is the same article: same scheme, host and port, and the same
 * path once a page number is taken off its end ("/a/story",
 * "/a/story/2", "/a/story-3.html", "/a/story?page=4"), so that "next
 * story" links of blogs and paginated index pages are not taken for it.
 */
#include "config.h"

#include <ctype.h>
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse.h"
#include "story/extract-int.h"
#include "util/util.h"

#define MAX_PAGE_NUMBER	50	/* a higher number is not a page */

/* Query keys that number pages rather than name the article. */
static const char *const page_keys[] = {
	"page", "p", "pg", "paged", "pagina", "seite", "pagenum", NULL,
};

struct url_parts {
	char	*origin;	/* "https://host:port", lowercased */
	char	*stem;		/* the path without a page number */
	char	*query;		/* the query without page keys */
	int	 page;		/* 1 when the URL numbers none */
};

static void
parts_free(struct url_parts *u)
{
	free(u->origin);
	free(u->stem);
	free(u->query);
	memset(u, 0, sizeof *u);
}

static int
is_page_key(const char *k, size_t len)
{
	size_t i;

	for (i = 0; page_keys[i] != NULL; i++)
		if (strlen(page_keys[i]) == len && strncasecmp(k, page_keys[i],
		    len) == 0)
			return 1;
	return 0;
}

/* The query without its page keys; the page number one of them gives. */
static char *
strip_query(const char *q, size_t len, int *page)
{
	struct buf b = BUF_INIT;
	const char *p = q, *end = q + len, *amp, *eq;

	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq != NULL && is_page_key(p, (size_t)(eq - p))) {
			if (amp - eq > 1 && amp - eq <= 3 &&
			    strspn(eq + 1, "0123456789") ==
			    (size_t)(amp - eq - 1))
				*page = atoi(eq + 1);
		} else if (amp > p) {
			if (b.len > 0)
				buf_addc(&b, '&');
			buf_add(&b, p, (size_t)(amp - p));
		}
		p = amp + 1;
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_detach(&b);
}

/* Take a page number off the end of a path: "/2", "/page/2", "-2",
 * "_2", ",2", "-page-2", "/p2", with an extension after it kept. */
static void
strip_page(struct buf *path, int *page)
{
	char *s = path->data, *ext, *d, *cut;
	size_t len = path->len, extlen = 0;
	char extsave[8];

	while (len > 1 && s[len - 1] == '/')
		len--;
	/* an extension (".html") after the number */
	ext = memrchr(s, '.', len);
	if (ext != NULL && memchr(ext, '/', (size_t)(s + len - ext)) == NULL &&
	    s + len - ext <= 6) {
		extlen = (size_t)(s + len - ext);
		memcpy(extsave, ext, extlen);
		len -= extlen;
	}
	for (d = s + len; d > s && isdigit((unsigned char)d[-1]); d--)
		;
	if (d < s + len && s + len - d <= 2 && d > s &&
	    atoi(d) <= MAX_PAGE_NUMBER) {
		cut = d;
		if (cut - s >= 2 && cut[-1] == 'p' && cut[-2] == '/')
			cut--;		/* "/p2" */
		if (strchr("/-_,", cut[-1]) != NULL) {
			*page = atoi(d);
			cut--;
			if ((size_t)(cut - s) >= 5 &&
			    strncasecmp(cut - 4, "page", 4) == 0 &&
			    strchr("/-_", cut[-5]) != NULL)
				cut -= 5;	/* "/page/2", "-page-2" */
			len = (size_t)(cut - s);
		}
	}
	while (len > 1 && s[len - 1] == '/')
		len--;
	buf_truncate(path, len);
	if (extlen > 0)
		buf_add(path, extsave, extlen);
}

/* Split an absolute http(s) URL; -1 for anything else. */
static int
url_parts(const char *url, struct url_parts *u)
{
	const char *p, *host, *path, *q, *frag;
	struct buf b = BUF_INIT;
	size_t i;

	memset(u, 0, sizeof *u);
	u->page = 1;
	if (strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	else
		return -1;
	path = host + strcspn(host, "/?#");
	if (path == host)
		return -1;
	u->origin = xstrndup(url, (size_t)(path - url));
	for (i = 0; u->origin[i] != '\0'; i++)
		u->origin[i] = (char)tolower((unsigned char)u->origin[i]);
	frag = path + strcspn(path, "#");
	q = memchr(path, '?', (size_t)(frag - path));
	p = q ? q : frag;
	buf_add(&b, path, (size_t)(p - path));
	if (b.len == 0)
		buf_addc(&b, '/');
	strip_page(&b, &u->page);
	u->stem = buf_detach(&b);
	u->query = q ? strip_query(q + 1, (size_t)(frag - q - 1), &u->page) :
	    xstrdup("");
	return 0;
}

int
extract_same_article(const char *url, const char *other)
{
	struct url_parts a, b;
	int same;

	if (url == NULL || other == NULL)
		return 0;
	if (url_parts(url, &a) != 0)
		return 0;
	if (url_parts(other, &b) != 0) {
		parts_free(&a);
		return 0;
	}
	same = strcmp(a.origin, b.origin) == 0 && strcmp(a.stem, b.stem) == 0 &&
	    strcmp(a.query, b.query) == 0;
	parts_free(&a);
	parts_free(&b);
	return same;
}

static int
page_number(const char *url)
{
	struct url_parts u;
	int n;

	if (url_parts(url, &u) != 0)
		return 1;
	n = u.page;
	parts_free(&u);
	return n;
}

static int
has_rel_next(const GumboNode *n)
{
	const char *rel = extract_attr(n, "rel"), *p;

	if (rel == NULL)
		return 0;
	for (p = rel; (p = strcasestr(p, "next")) != NULL; p += 4)
		if ((p == rel || isspace((unsigned char)p[-1])) &&
		    (p[4] == '\0' || isspace((unsigned char)p[4])))
			return 1;
	return 0;
}

/* "Next", "Next page", "›", "»": a link's words saying it goes on. */
static int
says_next(const char *t)
{
	static const char *const words[] = {
		"next", "next page", "next \xC2\xBB", "next \xE2\x80\xBA",
		"\xC2\xBB", "\xE2\x80\xBA", "weiter", "n\xC3\xA4" "chste seite",
		"suivant", "page suivante", "siguiente", "successiva", NULL,
	};
	size_t i;

	for (i = 0; words[i] != NULL; i++)
		if (strcasecmp(t, words[i]) == 0)
			return 1;
	return 0;
}

struct next_search {
	const char	*base;		/* resolves hrefs */
	const char	*page_url;	/* this page */
	int		 page;		/* its number */
	char		*rel_next;	/* the first rel=next of this article */
	char		*numbered;	/* a link "page+1" of this article */
	char		*worded;	/* a "Next" link of this article */
};

/* A link's target when it is another page of this article. */
static char *
article_link(struct next_search *s, const GumboNode *n)
{
	const char *href = extract_attr(n, "href");
	char *u;

	if (href == NULL || *href == '\0' || *href == '#')
		return NULL;
	u = s->base ? parse_url_resolve(s->base, href) : xstrdup(href);
	if (u == NULL)
		return NULL;
	/* the page after this one, nothing else: not page 1 again, not a
	 * neighbour story whose id differs by more */
	if (!extract_same_article(s->page_url, u) ||
	    page_number(u) != s->page + 1) {
		free(u);
		return NULL;
	}
	return u;
}

static void
consider(struct next_search *s, const GumboNode *n)
{
	struct buf t = BUF_INIT;
	char **slot = NULL, *u;
	const char *text;

	if (has_rel_next(n))
		slot = &s->rel_next;
	else if (n->v.element.tag == GUMBO_TAG_A) {
		extract_node_text(n, &t);
		text = buf_str(&t);
		while (*text == ' ')
			text++;
		if (*text != '\0' &&
		    strspn(text, "0123456789") == strlen(text) &&
		    strlen(text) <= 3 && atoi(text) == s->page + 1)
			slot = &s->numbered;
		else if (says_next(text))
			slot = &s->worded;
		buf_free(&t);
	}
	if (slot == NULL || *slot != NULL)
		return;
	if ((u = article_link(s, n)) != NULL)
		*slot = u;
}

static void
search(struct next_search *s, const GumboNode *n, int depth)
{
	const GumboVector *kids;
	size_t i;

	if (n->type != GUMBO_NODE_ELEMENT || depth >= EXTRACT_MAX_DEPTH)
		return;
	if (n->v.element.tag == GUMBO_TAG_A ||
	    n->v.element.tag == GUMBO_TAG_LINK) {
		consider(s, n);
		return;
	}
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++)
		search(s, kids->data[i], depth + 1);
}

char *
extract_find_next(const GumboNode *root, const char *base,
    const char *page_url)
{
	struct next_search s;
	char *next;

	if (page_url == NULL || *page_url == '\0' || root == NULL)
		return NULL;
	memset(&s, 0, sizeof s);
	s.base = base ? base : page_url;
	s.page_url = page_url;
	s.page = page_number(page_url);
	if (s.page >= MAX_PAGE_NUMBER)
		return NULL;
	search(&s, root, 0);
	next = s.rel_next ? s.rel_next : s.numbered ? s.numbered : s.worded;
	if (next != s.rel_next)
		free(s.rel_next);
	if (next != s.numbered)
		free(s.numbered);
	if (next != s.worded)
		free(s.worded);
	return next;
}

void
extract_result_append(struct extract_result *into,
    const struct extract_result *more)
{
	struct buf b = BUF_INIT;
	const char *html = more->html + more->lead_len;
	const char *text = more->text + more->lead_text_len;

	/* the lead photo of the first page is not repeated */
	buf_adds(&b, into->html);
	buf_adds(&b, html);
	free(into->html);
	into->html = buf_detach(&b);
	while (*text == '\n')
		text++;
	if (*text != '\0') {
		buf_adds(&b, into->text);
		if (b.len > 0)
			buf_adds(&b, "\n\n");
		buf_adds(&b, text);
		free(into->text);
		into->text = buf_detach(&b);
	}
	into->words += more->words;
	free(into->next_page);
	into->next_page = xstrdup(more->next_page);
	into->pages++;
}
