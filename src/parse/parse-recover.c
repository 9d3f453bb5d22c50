/*
 * In front of expat, on the UTF-8 text: HTML's named entities and the
 * mistake real feeds make most often.  A named reference from the HTML5
 * table (&nbsp; &mdash; &eacute; and the other 2,100-odd, in text and in
 * attribute values alike) is rewritten as numeric character references,
 * which expat reads without any DTD.  A bare '&' (one that starts no
 * reference expat could resolve, as in "AT&T" or an unescaped URL query)
 * becomes "&amp;".  CDATA sections are left alone: their '&' is text.
 * Chunk boundaries may cut anything: a tail that cannot be judged yet
 * waits for the next chunk.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse/parse-int.h"

#define MAX_REF 40

static int
name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c == ':' || (unsigned char)c >= 0x80;
}

static int
name_char(char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static int
predefined(const char *name, size_t len)
{
	switch (len) {
	case 3:
		return (name[0] == 'l' || name[0] == 'g') && name[1] == 't';
	case 4:
		return memcmp(name, "amp;", 4) == 0;
	case 5:
		return memcmp(name, "quot;", 5) == 0 || memcmp(name, "apos;", 5) == 0;
	default:
		return 0;
	}
}

/* At s (a '&'): the length of a reference, 0 when it is a bare '&', -1
 * when the text ends before we can tell.  *html gets the text of an HTML
 * named reference that expat does not know. */
static int
ref_len(const struct parser *p, const char *s, size_t n, const char **html)
{
	size_t i = 1;

	*html = NULL;
	if (n < 2)
		return -1;
	if (s[1] == '#') {
		i = 2;
		if (i < n && (s[i] == 'x' || s[i] == 'X'))
			i++;
		while (i < n && i < MAX_REF && ((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
			i++;
		if (i == n && n < MAX_REF)
			return -1;
		return i < n && s[i] == ';' && i > 2 ? (int)i + 1 : 0;
	}
	if (!name_start(s[1]))
		return 0;
	while (i < n && i < MAX_REF && name_char(s[i]))
		i++;
	if (i == n && n < MAX_REF)
		return -1;
	if (i >= n || s[i] != ';')
		return 0;
	if (predefined(s + 1, i))
		return (int)i + 1;
	if ((*html = entity_lookup(s + 1, i)) != NULL)
		return (int)i + 1;
	/* A document with a DTD may declare its own (plain text) entities. */
	return p->has_doctype ? (int)i + 1 : 0;
}

/* The text of an HTML entity as numeric references. */
static void
push_numeric(struct parser *p, const char *text)
{
	char ref[16];
	uint32_t cp;
	int k;

	for (; *text != '\0'; text += k) {
		if ((k = utf8_decode(text, strlen(text), &cp)) < 0)
			return;
		snprintf(ref, sizeof ref, "&#x%X;", (unsigned)cp);
		recover_root(p, ref, strlen(ref), 0);
	}
}

/* The first "<!" in [p, end), or NULL. */
static const char *
find_bang(const char *p, const char *end)
{
	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (p + 1 < end && p[1] == '!')
			return p;
		p++;
	}
	return NULL;
}

/*
 * Follow CDATA sections (and note a DOCTYPE) over s[from, to).  Only a
 * reference we would change needs to know whether it is in CDATA, so this
 * runs lazily: up to such a '&', and at the end of each chunk.  No marker
 * can straddle a '&'; at the end of a chunk (at_end) one can, and the
 * index of its start is returned so that it waits for the next chunk.
 */
static size_t
track(struct parser *p, const char *s, size_t from, size_t to, int at_end)
{
	const char *e;
	size_t i = from, k;

	while (i < to) {
		if (p->in_cdata) {
			if ((e = memmem(s + i, to - i, "]]>", 3)) == NULL) {
				if (!at_end)
					return to;
				for (k = 0; k < 2 && to - k > i && s[to - k - 1] == ']'; k++)
					;
				return to - k;	/* perhaps "]]" of "]]>" */
			}
			i = (size_t)(e - s) + 3;
			p->in_cdata = 0;
			continue;
		}
		if ((e = find_bang(s + i, s + to)) == NULL) {
			if (at_end && s[to - 1] == '<')
				return to - 1;	/* perhaps "<!" */
			return to;
		}
		i = (size_t)(e - s);
		if (to - i < 9) {
			if (at_end && (memcmp(s + i, "<![CDATA[", to - i) == 0 ||
			    memcmp(s + i, "<!DOCTYPE", to - i) == 0))
				return i;
			i += 2;
			continue;
		}
		if (memcmp(s + i, "<!DOCTYPE", 9) == 0)
			p->has_doctype = 1;
		if (memcmp(s + i, "<![CDATA[", 9) == 0) {
			p->in_cdata = 1;
			i += 9;
		} else
			i += 2;
	}
	return to;
}

static void
scan(struct parser *p, const char *s, size_t len, int final)
{
	size_t i = 0, start = 0, known = 0, end;
	const char *amp, *html;
	int n;

	end = len;
	while (i < len && (amp = memchr(s + i, '&', len - i)) != NULL) {
		i = (size_t)(amp - s);
		n = ref_len(p, s + i, len - i, &html);
		if (n < 0 && !final) {
			end = i;	/* the rest waits for more text */
			break;
		}
		if (n > 0 && html == NULL) {
			i += (size_t)n;		/* expat reads it as it is */
			continue;
		}
		/* A change: not inside CDATA, where '&' is text. */
		known = track(p, s, known, i, 0);
		if (p->in_cdata) {
			i++;
			continue;
		}
		if (n == 0 && p->has_doctype && (n = ref_len(p, s + i, len - i, &html)) > 0) {
			i += (size_t)n;		/* the DTD may declare it */
			continue;
		}
		recover_root(p, s + start, i - start, 0);
		if (n > 0) {
			push_numeric(p, html);
			i += (size_t)n;
		} else {
			recover_root(p, "&amp;", 5, 0);
			if (!p->bare_amp_warned) {
				parse_warn(p, _("a bare '&' was read as \"&amp;\""));
				p->bare_amp_warned = 1;
			}
			i++;
		}
		start = i;
	}
	end = track(p, s, known, end, end == len && !final);
	recover_root(p, s + start, end - start, 0);
	buf_reset(&p->hold);
	buf_add(&p->hold, s + end, len - end);
}

static void
refs_push(struct parser *p, const char *s, size_t len, int final)
{
	struct buf joined = BUF_INIT;

	if (p->failed)
		return;
	if (p->hold.len > 0) {
		buf_add(&joined, p->hold.data, p->hold.len);
		buf_add(&joined, s, len);
		buf_reset(&p->hold);
		scan(p, joined.data, joined.len, final);
		buf_free(&joined);
	} else
		scan(p, s, len, final);
}

/*
 * HTML's empty elements written as HTML inside a feed's unescaped markup:
 * "<br>", "<hr>", "<img src=...>", "<wbr>" never close, and expat stops
 * at the end tag around them.  Outside CDATA and comments they are closed
 * in place ("<br/>"), unless an end tag follows at once ("<br></br>").
 * No feed vocabulary has elements of these names.
 */
#define VOID_MAX_TAG 4096

/* Is s (a '<' near the end of the text) perhaps the start of a marker
 * or of an empty element's name, cut by the chunk's end? */
static int
may_be_cut(const char *s, size_t n)
{
	static const char *const starts[] = { "<![CDATA[", "<!--", "<br", "<hr",
	    "<img", "<wbr" };
	size_t i, k;

	for (i = 0; i < DL_ARRAY_LEN(starts); i++) {
		k = strlen(starts[i]);
		if (strncasecmp(s, starts[i], n < k ? n : k) == 0)
			return 1;
	}
	return 0;
}

static size_t
void_name(const char *s, size_t len)
{
	static const char *const names[] = { "br", "hr", "img", "wbr" };
	size_t i, n;

	if (len < 2 || strchr("bBhHiIwW", s[1]) == NULL || s[1] == '\0')
		return 0;	/* the common case, at once */
	for (i = 0; i < DL_ARRAY_LEN(names); i++) {
		n = strlen(names[i]);
		if (len > n + 1 && strncasecmp(s + 1, names[i], n) == 0 &&
		    (s[n + 1] == '>' || s[n + 1] == '/' || s[n + 1] == ' ' ||
		    s[n + 1] == '\t' || s[n + 1] == '\r' || s[n + 1] == '\n'))
			return n;
	}
	return 0;
}

/* At s[0] == '<': 1 when it is an unclosed empty element that needs its
 * '/', 0 when it is anything else, -1 when the text ends too soon to tell.
 * *end gets the offset of its '>'. */
static int
void_tag(const char *s, size_t len, size_t *end)
{
	size_t n, i;
	char q = '\0';

	if ((n = void_name(s, len)) == 0)
		return len < 6 && may_be_cut(s, len) ? -1 : 0;
	for (i = n + 1; i < len && (q != '\0' || s[i] != '>'); i++) {
		if (q != '\0' && s[i] == q)
			q = '\0';
		else if (q == '\0' && (s[i] == '"' || s[i] == '\''))
			q = s[i];
		else if (q == '\0' && s[i] == '<')
			return 0;	/* not a tag we understand */
	}
	if (i >= len)
		return i > VOID_MAX_TAG ? 0 : -1;
	*end = i;
	if (s[i - 1] == '/')
		return 0;
	if (len - i - 1 < n + 3)
		return -1;	/* is "</br>" next? */
	if (s[i + 1] == '<' && s[i + 2] == '/' && strncasecmp(s + i + 3, s + 1, n) == 0)
		return 0;
	return 1;
}

/* "]]>" or "-->" (c is its first character) in s: memchr finds the
 * rare first character much faster than memmem finds the three. */
static const char *
find_end(const char *s, size_t n, char c)
{
	const char *e = s, *end = s + n;

	while ((e = memchr(e, c, (size_t)(end - e))) != NULL) {
		if (end - e >= 3 && e[1] == c && e[2] == '>')
			return e;
		e++;
	}
	return NULL;
}

void
recover_push(struct parser *p, const char *s, size_t len, int final)
{
	struct buf in = BUF_INIT;
	const char *t, *lt, *e;
	size_t n, i = 0, from = 0, end = 0;
	int r;
	char c;

	if (p->failed)
		return;
	if (p->void_hold.len > 0) {
		buf_add(&in, p->void_hold.data, p->void_hold.len);
		buf_add(&in, s, len);
		buf_reset(&p->void_hold);
		s = in.data;
		len = in.len;
	}
	t = s;
	n = len;
	while (i < n) {
		if (p->void_state != 0) {	/* in CDATA (1) or a comment (2) */
			c = p->void_state == 1 ? ']' : '-';
			if ((e = find_end(t + i, n - i, c)) == NULL) {
				/* only a cut "]]" or "--" waits for more */
				i = n;
				while (i > 0 && n - i < 2 && t[i - 1] == c)
					i--;
				break;
			}
			i = (size_t)(e - t) + 3;
			p->void_state = 0;
			continue;
		}
		if ((lt = memchr(t + i, '<', n - i)) == NULL) {
			i = n;
			break;
		}
		i = (size_t)(lt - t);
		if (n - i < 9 && !final && may_be_cut(t + i, n - i))
			break;		/* "<![CDATA[", "<!--" or a name cut */
		if (n - i >= 9 && memcmp(t + i, "<![CDATA[", 9) == 0) {
			p->void_state = 1;
			i += 9;
			continue;
		}
		if (n - i >= 4 && memcmp(t + i, "<!--", 4) == 0) {
			p->void_state = 2;
			i += 4;
			continue;
		}
		r = void_tag(t + i, n - i, &end);
		if (r < 0 && !final)
			break;
		if (r > 0) {
			refs_push(p, t + from, i + end - from, 0);
			refs_push(p, "/", 1, 0);
			from = i + end;
			i += end;
		}
		i++;
	}
	if (i > n)
		i = n;
	refs_push(p, t + from, i - from, 0);
	if (final) {
		refs_push(p, t + i, n - i, 1);
		recover_root(p, "", 0, 1);
	} else
		buf_add(&p->void_hold, t + i, n - i);
	buf_free(&in);
}

/*
 * Prefixes feeds use without declaring them (<media:content> in a feed
 * whose root says nothing of Media RSS).  expat stops at such a prefix;
 * the root start tag is given their usual namespaces, where it does not
 * declare the prefix itself, before expat sees it.  A declaration nobody
 * uses changes nothing.
 */
static const char *const usual_ns[][2] = {
	{ "media", "http://search.yahoo.com/mrss/" },
	{ "dc", "http://purl.org/dc/elements/1.1/" },
	{ "dcterms", "http://purl.org/dc/terms/" },
	{ "content", "http://purl.org/rss/1.0/modules/content/" },
	{ "atom", "http://www.w3.org/2005/Atom" },
	{ "itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd" },
	{ "feedburner", "http://rssnamespace.org/feedburner/ext/1.0" },
	{ "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#" },
	{ "slash", "http://purl.org/rss/1.0/modules/slash/" },
	{ "wfw", "http://wellformedweb.org/CommentAPI/" },
	{ "sy", "http://purl.org/rss/1.0/modules/syndication/" },
	{ "georss", "http://www.georss.org/georss" },
};

#define MAX_ROOT_HOLD (64u << 10)

/* The end of what comes before the root: the XML declaration, comments,
 * processing instructions, a DOCTYPE (with its internal subset), white
 * space.  Returns the offset of the root's '<', or -1 when s ends first
 * (or something else is there: then -2). */
static long
prolog_end(const char *s, size_t len)
{
	size_t i = 0;
	const char *e;

	for (;;) {
		while (i < len && strchr(" \t\r\n", s[i]) != NULL)
			i++;
		if (i + 1 >= len)
			return -1;
		if (s[i] != '<')
			return -2;
		if (s[i + 1] == '?')
			e = memmem(s + i, len - i, "?>", 2);
		else if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
			e = memmem(s + i, len - i, "-->", 3);
		else if (s[i + 1] == '!') {
			const char *gt = memchr(s + i, '>', len - i);
			const char *lb = memchr(s + i, '[', len - i);

			e = lb != NULL && (gt == NULL || lb < gt) ?
			    memmem(lb, len - (size_t)(lb - s), "]", 1) : gt;
			if (e != NULL && *e == ']')
				e = memchr(e, '>', len - (size_t)(e - s));
		} else
			return (long)i;
		if (e == NULL)
			return -1;
		i = (size_t)(e - s) + (*e == '>' ? 1 : *e == '?' ? 2 : 3);
	}
}

/* The end of the start tag at s ('<'): the offset of its '>', or -1. */
static long
tag_end(const char *s, size_t len)
{
	size_t i;
	char q = '\0';

	for (i = 1; i < len; i++) {
		if (q != '\0') {
			if (s[i] == q)
				q = '\0';
		} else if (s[i] == '"' || s[i] == '\'')
			q = s[i];
		else if (s[i] == '>')
			return (long)i;
	}
	return -1;
}

/* Text to expat, the root start tag completed with the usual prefixes
 * first; the text before it waits in p->root_hold until it is whole. */
void
recover_root(struct parser *p, const char *s, size_t len, int final)
{
	struct buf *h = &p->root_hold, out = BUF_INIT;
	long at, end = 0;
	size_t i, n;
	char *decl;

	if (p->root_done) {
		xml_push(p, s, len, final);
		return;
	}
	buf_add(h, s, len);
	if ((at = prolog_end(h->data, h->len)) == -1 ||
	    (at >= 0 && (end = tag_end(h->data + at, h->len - (size_t)at)) < 0)) {
		if (!final && h->len < MAX_ROOT_HOLD)
			return;		/* not whole yet */
		at = -2;
	}
	p->root_done = 1;
	if (at < 0) {
		xml_push(p, h->data, h->len, final);
		buf_free(h);
		return;
	}
	n = (size_t)at + (size_t)end;	/* the root's '>' */
	if (n > 0 && h->data[n - 1] == '/')
		n--;
	buf_add(&out, h->data, n);
	/* where they go, so that positions on that line stay the source's */
	p->inject_line = 1;
	p->inject_col = 1;
	for (i = 0; i < n; i++) {
		if (h->data[i] == '\n') {
			p->inject_line++;
			p->inject_col = 1;
		} else
			p->inject_col++;
	}
	for (i = 0; i < DL_ARRAY_LEN(usual_ns); i++) {
		decl = xasprintf("xmlns:%s=", usual_ns[i][0]);
		if (memmem(h->data + at, n - (size_t)at, decl, strlen(decl)) == NULL)
			buf_printf(&out, " xmlns:%s=\"%s\"", usual_ns[i][0], usual_ns[i][1]);
		free(decl);
	}
	p->inject_len = out.len - n;
	buf_add(&out, h->data + n, h->len - n);
	buf_free(h);
	xml_push(p, out.data, out.len, final);
	buf_free(&out);
}
