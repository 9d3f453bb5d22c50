/*
 * HTML pages handed to the feed parser: recognised from their first tag,
 * then searched for the feeds they advertise (<link rel="alternate"
 * type="application/rss+xml|atom+xml|feed+json" href="…">, resolved
 * against <base href> or the page's URL) so the error can name them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse-int.h"

#define MAX_ALTERNATES 16

static int
starts_ci(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	return len >= n && strncasecmp(s, word, n) == 0;
}

/* 1: an HTML page; 0: not one; -1: cannot tell yet. */
int
html_looks_like_page(const char *s, size_t len)
{
	size_t i = 0;
	const char *end;

	for (;;) {
		while (i < len && strchr(" \t\r\n", s[i]) != NULL)
			i++;
		if (i >= len)
			return -1;
		if (s[i] != '<')
			return 0;
		if (starts_ci(s + i, len - i, "<!doctype")) {
			size_t j = i + 9;

			while (j < len && strchr(" \t\r\n", s[j]) != NULL)
				j++;
			if (j + 4 >= len)
				return -1;
			if (starts_ci(s + j, len - j, "html") &&
			    strchr(" \t\r\n>", s[j + 4]) != NULL)
				return 1;
		}
		if (len - i < 5)
			return -1;
		if (starts_ci(s + i, len - i, "<html") || starts_ci(s + i, len - i, "<head") ||
		    starts_ci(s + i, len - i, "<body"))
			return 1;
		if (s[i + 1] == '?')
			end = memmem(s + i, len - i, "?>", 2);
		else if (starts_ci(s + i, len - i, "<!--"))
			end = memmem(s + i, len - i, "-->", 3);
		else if (s[i + 1] == '!')
			end = memchr(s + i, '>', len - i);
		else
			return 0;
		if (end == NULL)
			return -1;
		i = (size_t)(end - s) + 1;
	}
}

/* The value of attribute name in the tag text [s, end), or NULL. */
static char *
tag_attr(const char *s, const char *end, const char *name)
{
	size_t n = strlen(name), vlen;
	const char *p = s, *v;
	char quote;

	while (p < end) {
		while (p < end && strchr(" \t\r\n/", *p) != NULL)
			p++;
		const char *a = p;

		while (p < end && strchr(" \t\r\n/=>", *p) == NULL)
			p++;
		size_t alen = (size_t)(p - a);

		while (p < end && strchr(" \t\r\n", *p) != NULL)
			p++;
		if (p >= end || *p != '=') {
			if (alen == 0)
				p++;
			continue;
		}
		p++;
		while (p < end && strchr(" \t\r\n", *p) != NULL)
			p++;
		if (p < end && (*p == '"' || *p == '\'')) {
			quote = *p++;
			v = p;
			while (p < end && *p != quote)
				p++;
			vlen = (size_t)(p - v);
			p++;
		} else {
			v = p;
			while (p < end && strchr(" \t\r\n>", *p) == NULL)
				p++;
			vlen = (size_t)(p - v);
		}
		if (alen == n && strncasecmp(a, name, n) == 0)
			return text_html_to_plain(v, vlen);
	}
	return NULL;
}

static int
has_token(const char *list, const char *token)
{
	size_t n = strlen(token);
	const char *p = list;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (strncasecmp(p, token, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		while (*p != '\0' && *p != ' ')
			p++;
	}
	return 0;
}

static int
is_feed_type(const char *type)
{
	return strcasecmp(type, "application/rss+xml") == 0 ||
	    strcasecmp(type, "application/atom+xml") == 0 ||
	    strcasecmp(type, "application/feed+json") == 0 ||
	    strcasecmp(type, "application/rdf+xml") == 0;
}

static void
add_link(struct parser *p, const char *base, char *rel, char *type, char *href)
{
	size_t i;
	char *url;

	if (rel == NULL || type == NULL || href == NULL || *href == '\0' ||
	    !has_token(rel, "alternate") || !is_feed_type(type) ||
	    p->nalternates >= MAX_ALTERNATES)
		return;
	url = parse_url_resolve(base, href);
	for (i = 0; i < p->nalternates; i++) {
		if (strcmp(p->alternates[i], url) == 0) {
			free(url);
			return;
		}
	}
	p->alternates = xreallocarray(p->alternates, p->nalternates + 2,
	    sizeof *p->alternates);
	p->alternates[p->nalternates++] = url;
	p->alternates[p->nalternates] = NULL;
}

void
html_discover(struct parser *p)
{
	const char *s = buf_str(&p->html), *end = s + p->html.len, *t, *gt;
	char *base = NULL, *rel, *type, *href;
	struct buf msg = BUF_INIT;
	size_t i;

	for (t = s; (t = memchr(t, '<', (size_t)(end - t))) != NULL; t = gt) {
		if ((gt = memchr(t, '>', (size_t)(end - t))) == NULL)
			break;
		if (starts_ci(t, (size_t)(end - t), "<base") && base == NULL &&
		    (href = tag_attr(t + 5, gt, "href")) != NULL) {
			base = parse_url_resolve(p->opts.url, href);
			free(href);
		} else if (starts_ci(t, (size_t)(end - t), "<link") &&
		    strchr(" \t\r\n", t[5]) != NULL) {
			rel = tag_attr(t + 5, gt, "rel");
			type = tag_attr(t + 5, gt, "type");
			href = tag_attr(t + 5, gt, "href");
			add_link(p, base ? base : p->opts.url, rel, type, href);
			free(rel);
			free(type);
			free(href);
		} else if (starts_ci(t, (size_t)(end - t), "<body"))
			break;
	}
	free(base);
	if (p->nalternates == 0) {
		parse_fail(p, _("not a feed: an HTML page that advertises no feed"));
		return;
	}
	for (i = 0; i < p->nalternates; i++) {
		if (i > 0)
			buf_adds(&msg, ", ");
		buf_adds(&msg, p->alternates[i]);
	}
	parse_fail(p, _("not a feed: an HTML page; it advertises %s"), msg.data);
	buf_free(&msg);
}
