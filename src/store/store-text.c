/*
 * store: HTML to the plain text the search index holds.  Crude on purpose
 * (tags dropped, script/style skipped, common entities decoded): search
 * only needs the words.  It must stay deterministic: the index is
 * contentless, and removing a row means feeding it the very same text
 * again.  A change here needs a migration that rebuilds the index.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/store-int.h"

static const struct {
	const char	*name;
	uint32_t	 cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", ' ' }, { "rsquo", 0x2019 }, { "lsquo", 0x2018 },
	{ "rdquo", 0x201d }, { "ldquo", 0x201c }, { "mdash", 0x2014 },
	{ "ndash", 0x2013 }, { "hellip", 0x2026 },
};

/* An entity at s (after '&'); its length through ';' or 0. */
static size_t
entity(const char *s, const char *end, struct buf *out)
{
	const char *semi;
	size_t i, n;
	uint32_t cp = 0;
	char *stop;

	for (semi = s; semi < end && semi - s < 10 && *semi != ';'; semi++)
		;
	if (semi >= end || *semi != ';' || semi == s)
		return 0;
	n = (size_t)(semi - s);
	if (*s == '#') {
		char num[12];

		if (n < 2 || n > 10)
			return 0;
		memcpy(num, s + 1, n - 1);
		num[n - 1] = '\0';
		if (num[0] == 'x' || num[0] == 'X')
			cp = (uint32_t)strtoul(num + 1, &stop, 16);
		else
			cp = (uint32_t)strtoul(num, &stop, 10);
		if (*stop != '\0' || cp == 0 || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			cp = ' ';
	} else {
		for (i = 0; i < DL_ARRAY_LEN(entities); i++)
			if (strlen(entities[i].name) == n &&
			    memcmp(entities[i].name, s, n) == 0)
				cp = entities[i].cp;
		if (cp == 0)
			cp = ' ';
	}
	buf_add_utf8(out, cp);
	return n + 1;
}

/* Skip from a <script or <style open tag to past its closing tag. */
static const char *
skip_element(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);

	for (; p + n + 2 < end; p++)
		if (p[0] == '<' && p[1] == '/' && strncasecmp(p + 2, name, n) == 0) {
			p = memchr(p, '>', (size_t)(end - p));
			return p != NULL ? p + 1 : end;
		}
	return end;
}

static int
tag_is(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);

	return (size_t)(end - p) > n && strncasecmp(p, name, n) == 0 &&
	    (p[n] == '>' || p[n] == ' ' || p[n] == '\t' || p[n] == '\n' ||
	    p[n] == '/');
}

void
store_html_text(struct buf *out, const char *html, size_t max)
{
	const char *p = html, *end = html + strlen(html), *gt;
	size_t start = out->len, run;
	int space = 1;

	buf_grow(out, (size_t)(end - p) < max ? (size_t)(end - p) : max);
	while (p < end && out->len - start < max) {
		if (*p == '<') {
			if (tag_is(p + 1, end, "script") || tag_is(p + 1, end, "style"))
				p = skip_element(p + 1, end,
				    tag_is(p + 1, end, "script") ? "script" : "style");
			else if ((gt = memchr(p, '>', (size_t)(end - p))) != NULL)
				p = gt + 1;
			else
				p = end;
			if (!space)
				buf_addc(out, ' ');
			space = 1;
			continue;
		}
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			if (!space)
				buf_addc(out, ' ');
			space = 1;
			p++;
			continue;
		}
		space = 0;
		if (*p == '&') {
			size_t n = entity(p + 1, end, out);

			if (n > 0) {
				p += n + 1;
				continue;
			}
			buf_addc(out, *p++);
			continue;
		}
		/* A run of plain characters at once, cut at the limit where
		 * adding them one by one would have stopped. */
		run = strcspn(p, "< \n\t\r&");
		if (run > max - (out->len - start))
			run = max - (out->len - start);
		buf_add(out, p, run);
		p += run;
	}
}
