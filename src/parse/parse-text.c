/*
 * Text fields: whitespace collapsed, HTML reduced to plain text (tags
 * dropped, character references decoded with the whole HTML5 table),
 * plain text escaped into HTML, "mail (Name)" authors, and cutting a
 * string at a limit without splitting a character.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/parse-int.h"

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Bytes at s that are plain printable ASCII (0x20-0x7F), sixteen at a
 * time with the compiler's vector extension (SSE2 on x86-64). */
typedef unsigned char v16u8 __attribute__((vector_size(16)));

size_t
text_ascii_run(const char *s, size_t len)
{
	const v16u8 lo = { 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
	    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20 };
	const v16u8 hi = { 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F,
	    0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F };
	size_t i = 0;
	v16u8 v, bad;
	uint64_t halves[2];

	while (i + 16 <= len) {
		memcpy(&v, s + i, 16);
		/* Unsigned: below 0x20, or above 0x7F (0x7F itself is let
		 * through here and judged by the callers). */
		bad = (v16u8)((v < lo) | (v > hi));
		memcpy(halves, &bad, 16);
		if ((halves[0] | halves[1]) != 0)
			break;
		i += 16;
	}
	while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

/* Sanitise (utf8_sanitise's rules) with a fast path: text that needs
 * nothing removed, the usual case, is copied as it is. */
char *
text_clean(const char *s, size_t len, int flags)
{
	if (text_is_clean(s, len, flags))
		return xstrndup(s, len);
	return utf8_sanitise(s, len, flags);
}

/* Whether utf8_sanitise would leave s as it is. */
int
text_is_clean(const char *s, size_t len, int flags)
{
	size_t i = 0;
	uint32_t cp;
	int n;

	while (i < len) {
		unsigned char c;

		i += text_ascii_run(s + i, len - i);
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		if (c == 0x7F)
			return 0;
		if ((c == '\n' && (flags & SANITISE_KEEP_NEWLINE)) ||
		    (c == '\t' && (flags & SANITISE_KEEP_TAB))) {
			i++;
			continue;
		}
		if (c < 0x80 || (n = utf8_decode(s + i, len - i, &cp)) < 0 ||
		    (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
		    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/* Collapse runs of white space (ASCII, and U+00A0 no-break spaces) into
 * one space and trim both ends. */
static void
collapse_into(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, run;
	int space = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (is_space(c)) {
			space = 1;
			i++;
			continue;
		}
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
			space = 1;
			i += 2;
			continue;
		}
		if (space && out->len > 0)
			buf_addc(out, ' ');
		space = 0;
		for (run = 1; i + run < len && !is_space((unsigned char)s[i + run]) &&
		    (unsigned char)s[i + run] != 0xC2; run++)
			;
		buf_add(out, s + i, run);
		i += run;
	}
}

char *
text_collapse(const char *s, size_t len)
{
	struct buf out = BUF_INIT;
	char *clean;

	buf_grow(&out, len);
	collapse_into(&out, s, len);
	clean = text_clean(buf_str(&out), out.len, 0);
	buf_free(&out);
	return clean;
}

static int
entity_cmp(const char *name, size_t len, const char *key)
{
	int c = strncmp(name, key, len);

	if (c != 0)
		return c;
	return key[len] == '\0' ? 0 : -1;
}

const char *
entity_lookup(const char *name, size_t len)
{
	size_t lo = 0, hi = html_entities_count, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = entity_cmp(name, len, html_entities[mid].name);
		if (c == 0)
			return html_entities[mid].text;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* A character reference at s ("&amp;", "&#233;", "&#xE9;"): its length,
 * with the text added to out; 0 when it is not one. */
static size_t
decode_ref(struct buf *out, const char *s, size_t len)
{
	size_t i = 1;
	uint32_t cp = 0;
	const char *text;

	if (len > 2 && s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';
		size_t start;

		i = hex ? 3 : 2;
		start = i;
		while (i < len && i - start < 8) {
			char c = s[i];

			if (c >= '0' && c <= '9')
				cp = cp * (hex ? 16 : 10) + (uint32_t)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				cp = cp * 16 + (uint32_t)(c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				cp = cp * 16 + (uint32_t)(c - 'A' + 10);
			else
				break;
			i++;
		}
		if (i == start)
			return 0;
		if (i < len && s[i] == ';')
			i++;
		if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = UTF8_REPLACEMENT;
		buf_add_utf8(out, cp);
		return i;
	}
	while (i < len && i < 40 && ((s[i] >= 'a' && s[i] <= 'z') ||
	    (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
		i++;
	if (i == 1 || i >= len || s[i] != ';')
		return 0;
	if ((text = entity_lookup(s + 1, i)) == NULL)
		return 0;
	buf_adds(out, text);
	return i + 1;
}

/* The elements of HTML (and a few old ones feeds still use). */
static const char *const html_elements[] = {
	"a", "abbr", "acronym", "address", "applet", "area", "article", "aside",
	"audio", "b", "base", "basefont", "bdi", "bdo", "big", "blink",
	"blockquote", "body", "br", "button", "canvas", "caption", "center",
	"cite", "code", "col", "colgroup", "data", "datalist", "dd", "del",
	"details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed",
	"fieldset", "figcaption", "figure", "font", "footer", "form", "frame",
	"frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
	"hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd",
	"label", "legend", "li", "link", "main", "map", "mark", "marquee",
	"math", "menu", "meta", "meter", "nav", "nobr", "noframes", "noscript",
	"object", "ol", "optgroup", "option", "output", "p", "param", "picture",
	"pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script",
	"section", "select", "small", "source", "span", "strike", "strong",
	"style", "sub", "summary", "sup", "svg", "table", "tbody", "td",
	"template", "textarea", "tfoot", "th", "thead", "time", "title", "tr",
	"track", "tt", "u", "ul", "var", "video", "wbr",
};

/* Is s (after "<" or "</") the name of an HTML element?  "<iostream>"
 * or "</example>" in a title is text, not markup. */
static int
is_html_tag(const char *s, size_t len)
{
	char name[16];
	size_t n = 0, i;

	while (n < len && n < sizeof name - 1 &&
	    (((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z') ||
	    (n > 0 && s[n] >= '0' && s[n] <= '9'))) {
		name[n] = (char)(s[n] | 0x20);
		n++;
	}
	if (n == 0 || (n < len && s[n] != '>' && s[n] != '/' && !is_space(
	    (unsigned char)s[n])))
		return 0;
	name[n] = '\0';
	for (i = 0; i < DL_ARRAY_LEN(html_elements); i++) {
		if (strcmp(name, html_elements[i]) == 0)
			return 1;
	}
	return 0;
}

char *
text_html_to_plain(const char *s, size_t len)
{
	struct buf raw = BUF_INIT;
	size_t i = 0, n;
	const char *gt;
	char *result;

	buf_grow(&raw, len);
	while (i < len) {
		char c = s[i];

		if (c == '<' && i + 1 < len && (s[i + 1] == '!' ||
		    (s[i + 1] == '/' && is_html_tag(s + i + 2, len - i - 2)) ||
		    is_html_tag(s + i + 1, len - i - 1))) {
			if ((gt = memchr(s + i, '>', len - i)) == NULL)
				break;		/* a cut tag: drop the rest */
			/* Block elements separate words. */
			buf_addc(&raw, ' ');
			i = (size_t)(gt - s) + 1;
			continue;
		}
		if (c == '&' && (n = decode_ref(&raw, s + i, len - i)) > 0) {
			i += n;
			continue;
		}
		buf_addc(&raw, c);
		i++;
	}
	result = text_collapse(buf_str(&raw), raw.len);
	buf_free(&raw);
	return result;
}

void
text_escape_html(struct buf *b, const char *s, size_t len, int attr)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		const char *rep;

		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = attr ? "&quot;" : NULL;
			break;
		default:
			rep = NULL;
			break;
		}
		if (rep == NULL) {
			run++;
			continue;
		}
		buf_add(b, s + i - run, run);
		run = 0;
		buf_adds(b, rep);
	}
	buf_add(b, s + i - run, run);
}

/* "jo@example.com (Jo Smith)" and "Jo Smith <jo@example.com>" ->
 * "Jo Smith"; anything else unchanged. */
char *
text_author_name(const char *s)
{
	const char *open = strchr(s, '('), *close = strrchr(s, ')');
	const char *lt = strchr(s, '<'), *gt = strrchr(s, '>');

	if (open != NULL && close != NULL && close > open + 1 &&
	    memchr(s, '@', (size_t)(open - s)) != NULL)
		return text_collapse(open + 1, (size_t)(close - open - 1));
	if (lt != NULL && gt != NULL && gt > lt && gt[1] == '\0' && lt > s &&
	    memchr(lt, '@', (size_t)(gt - lt)) != NULL)
		return text_collapse(s, (size_t)(lt - s));
	return xstrdup(s);
}

size_t
text_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}
