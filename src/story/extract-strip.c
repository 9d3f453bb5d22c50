/*
 * extract: a quick pass over the page before gumbo sees it.  News pages
 * are mostly scripts, style sheets, inline SVG icons and JSON state; none
 * of it is article text, and gumbo reads every byte of it one character
 * at a time.  Cutting those bodies out here (with memchr, at tag level)
 * makes the parse several times cheaper.  JSON-LD scripts are kept: the
 * metadata pass reads them; so are the images inside <noscript>.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "story/extract.h"
#include "util/util.h"

/* Elements whose whole body goes. */
static const char *const skipped[] = {
	"script", "style", "svg", "template", "noscript", "math",
};

/* Find "</name" (any case) at or after p; NULL when there is none. */
static const char *
find_end_tag(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);

	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) >= n + 2 && p[1] == '/' &&
		    strncasecmp(p + 2, name, n) == 0 &&
		    (p + 2 + n == end || !isalnum((unsigned char)p[2 + n])))
			return p;
		p++;
	}
	return NULL;
}

/* The end of a tag that starts at p ('<'): one past its '>', honouring
 * quoted attribute values; end when the tag never closes. */
static const char *
tag_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '>')
			return p + 1;
		if (*p == '=') {
			p++;
			while (p < end && isspace((unsigned char)*p))
				p++;
			if (p < end && (*p == '"' || *p == '\'')) {
				const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));

				if (q == NULL)
					return end;
				p = q;
			} else
				p--;
		}
	}
	return end;
}

static int
is_jsonld(const char *tag, size_t len)
{
	static const char want[] = "ld+json";
	size_t i;

	for (i = 0; i + sizeof want - 1 <= len; i++)
		if (strncasecmp(tag + i, want, sizeof want - 1) == 0)
			return 1;
	return 0;
}

static int
has_img(const char *p, const char *end)
{
	for (; p + 4 <= end && (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++)
		if (p + 4 <= end && strncasecmp(p, "<img", 4) == 0)
			return 1;
	return 0;
}

void
extract_strip_page(const char *html, size_t len, struct buf *out)
{
	const char *p = html, *end = html + len, *lt, *te, *close;
	size_t i, n;

	buf_grow(out, len / 2 + 1);
	while (p < end) {
		if ((lt = memchr(p, '<', (size_t)(end - p))) == NULL) {
			buf_add(out, p, (size_t)(end - p));
			break;
		}
		buf_add(out, p, (size_t)(lt - p));
		if ((size_t)(end - lt) >= 4 && memcmp(lt, "<!--", 4) == 0) {
			const char *c = lt + 4;

			while (c < end && (c = memchr(c, '-', (size_t)(end - c))) != NULL) {
				if ((size_t)(end - c) >= 3 && memcmp(c, "-->", 3) == 0)
					break;
				c++;
			}
			p = c == NULL || c >= end ? end : c + 3;
			continue;
		}
		if (lt + 1 >= end || !isalpha((unsigned char)lt[1])) {
			if (lt + 1 < end && lt[1] == '/')
				te = tag_end(lt, end);
			else
				te = lt + 1;
			buf_add(out, lt, (size_t)(te - lt));
			p = te;
			continue;
		}
		te = tag_end(lt, end);
		for (n = 1; lt + n < end && isalnum((unsigned char)lt[n]); n++)
			;
		n--;
		for (i = 0; i < DL_ARRAY_LEN(skipped); i++)
			if (strlen(skipped[i]) == n &&
			    strncasecmp(lt + 1, skipped[i], n) == 0)
				break;
		if (i == DL_ARRAY_LEN(skipped)) {
			buf_add(out, lt, (size_t)(te - lt));
			p = te;
			continue;
		}
		if (te - lt >= 2 && te[-1] == '>' && te[-2] == '/' && i == 2) {
			p = te;		/* <svg/> */
			continue;
		}
		close = find_end_tag(te, end, skipped[i]);
		if (i == 0 && is_jsonld(lt, (size_t)(te - lt)) && close != NULL) {
			buf_add(out, lt, (size_t)(close - lt));
			buf_adds(out, "</script>");
		}
		/* <noscript><img src=the-real-one></noscript> beside a lazy
		 * image: keep what is inside, as plain markup */
		if (i == 4 && close != NULL && has_img(te, close)) {
			buf_add(out, te, (size_t)(close - te));
		}
		p = close == NULL ? end : tag_end(close, end);
	}
	if (out->data == NULL)
		buf_adds(out, "");
}
