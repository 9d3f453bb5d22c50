/*
 * extract: a page's bytes as UTF-8 before gumbo reads them (gumbo reads
 * nothing else).  The charset comes, as in a browser, from the byte order
 * mark, else the HTTP Content-Type, else a <meta charset> or <meta
 * http-equiv="content-type"> near the top of the page; a page naming none
 * that is not valid UTF-8 is read as windows-1252.  The conversion itself
 * is the parser's (parse-charset.c: the one place that calls iconv).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse.h"
#include "story/extract-int.h"
#include "util/util.h"

#define PRESCAN_BYTES	4096	/* of the page looked at for a <meta> */
#define MAX_LABEL	40

/* A charset label, trimmed, if it looks like one; allocated. */
static char *
label(const char *s, size_t len)
{
	size_t i;

	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0 || len > MAX_LABEL)
		return NULL;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("-_.:()", s[i]) == NULL)
			return NULL;
	return xstrndup(s, len);
}

/* The charset=… parameter of a Content-Type value. */
static char *
content_type_charset(const char *v, size_t len)
{
	const char *p = v, *end = v + len, *q;

	while (p < end && (q = memchr(p, '=', (size_t)(end - p))) != NULL) {
		if (q - p >= 7 && strncasecmp(q - 7, "charset", 7) == 0) {
			q++;
			while (q < end && (*q == ' ' || *q == '"' || *q == '\''))
				q++;
			for (p = q; p < end && *p != ';' && *p != '"' &&
			    *p != '\'' && *p != ' '; p++)
				;
			return label(q, (size_t)(p - q));
		}
		p = q + 1;
	}
	return NULL;
}

/* One attribute of a tag from *p on: its name and value; 0 at the end
 * of the tag. */
static int
next_attr(const char **p, const char *end, const char **name, size_t *nlen,
    const char **val, size_t *vlen)
{
	const char *s = *p;

	while (s < end && (isspace((unsigned char)*s) || *s == '/'))
		s++;
	if (s >= end || *s == '>')
		return 0;
	*name = s;
	while (s < end && !isspace((unsigned char)*s) && *s != '=' && *s != '>')
		s++;
	*nlen = (size_t)(s - *name);
	*val = s;
	*vlen = 0;
	while (s < end && isspace((unsigned char)*s))
		s++;
	if (s < end && *s == '=') {
		s++;
		while (s < end && isspace((unsigned char)*s))
			s++;
		if (s < end && (*s == '"' || *s == '\'')) {
			char quote = *s++;

			*val = s;
			while (s < end && *s != quote)
				s++;
			*vlen = (size_t)(s - *val);
			if (s < end)
				s++;
		} else {
			*val = s;
			while (s < end && !isspace((unsigned char)*s) && *s != '>')
				s++;
			*vlen = (size_t)(s - *val);
		}
	}
	*p = s;
	return 1;
}

/* The charset a <meta> tag (from after "<meta") names, or NULL. */
static char *
meta_charset(const char *p, const char *end)
{
	const char *name, *val, *content = NULL;
	size_t nlen, vlen, clen = 0;
	int http_equiv = 0;

	while (next_attr(&p, end, &name, &nlen, &val, &vlen)) {
		if (nlen == 7 && strncasecmp(name, "charset", 7) == 0)
			return label(val, vlen);
		if (nlen == 10 && strncasecmp(name, "http-equiv", 10) == 0 &&
		    vlen == 12 && strncasecmp(val, "content-type", 12) == 0)
			http_equiv = 1;
		if (nlen == 7 && strncasecmp(name, "content", 7) == 0) {
			content = val;
			clen = vlen;
		}
	}
	if (http_equiv && content != NULL)
		return content_type_charset(content, clen);
	return NULL;
}

/* The first <meta> near the top of the page that names a charset. */
static char *
prescan(const char *page, size_t len)
{
	const char *p = page, *end = page + (len < PRESCAN_BYTES ? len :
	    PRESCAN_BYTES), *lt, *c;
	char *cs;

	while (p < end && (lt = memchr(p, '<', (size_t)(end - p))) != NULL) {
		p = lt + 1;
		if (end - lt >= 4 && memcmp(lt, "<!--", 4) == 0) {
			if ((c = memmem(lt + 4, (size_t)(end - lt - 4), "-->", 3)) == NULL)
				return NULL;
			p = c + 3;
			continue;
		}
		if (end - lt < 6 || strncasecmp(lt + 1, "meta", 4) != 0 ||
		    !(isspace((unsigned char)lt[5]) || lt[5] == '/'))
			continue;
		if ((cs = meta_charset(lt + 5, end)) != NULL)
			return cs;
	}
	return NULL;
}

char *
extract_page_charset(const char *page, size_t len, const char *http_charset)
{
	const unsigned char *u = (const unsigned char *)page;
	char *cs;

	if (len >= 3 && memcmp(u, "\xEF\xBB\xBF", 3) == 0)
		return xstrdup("UTF-8");
	if (len >= 2 && memcmp(u, "\xFE\xFF", 2) == 0)
		return xstrdup("UTF-16BE");
	if (len >= 2 && memcmp(u, "\xFF\xFE", 2) == 0)
		return xstrdup("UTF-16LE");
	if (http_charset != NULL &&
	    (cs = label(http_charset, strlen(http_charset))) != NULL)
		return cs;
	cs = prescan(page, len);
	/* A page read in ASCII cannot be UTF-16, whatever it says. */
	if (cs != NULL && (strncasecmp(cs, "utf-16", 6) == 0 ||
	    strncasecmp(cs, "ucs-2", 5) == 0)) {
		free(cs);
		cs = xstrdup("UTF-8");
	}
	return cs;
}

/* Whether invalid UTF-8 still holds UTF-8 sequences (a UTF-8 page with a
 * bad byte) rather than none (a page in a legacy charset). */
static int
has_utf8_sequences(const char *s, size_t len)
{
	size_t i;
	uint32_t cp;
	int n;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x80)
			continue;
		if ((n = utf8_decode(s + i, len - i, &cp)) > 1)
			return 1;
	}
	return 0;
}

int
extract_page_utf8(const char *page, size_t len, const char *http_charset,
    struct buf *out, char **err)
{
	char *cs = extract_page_charset(page, len, http_charset);
	size_t skip = 0;
	int rc;

	if (cs == NULL) {
		if (utf8_valid(page, len) || has_utf8_sequences(page, len))
			return 0;
		cs = xstrdup("windows-1252");
	}
	if (strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0) {
		free(cs);
		if (len >= 3 && memcmp(page, "\xEF\xBB\xBF", 3) == 0) {
			buf_add(out, page + 3, len - 3);
			return 1;
		}
		return 0;
	}
	if (strncasecmp(cs, "UTF-16", 6) == 0 && len >= 2 &&
	    ((unsigned char)page[0] == 0xFE || (unsigned char)page[0] == 0xFF))
		skip = 2;
	rc = charset_to_utf8(cs, page + skip, len - skip, out, err);
	free(cs);
	return rc == 0 ? 1 : -1;
}
