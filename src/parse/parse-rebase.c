/*
 * Relative URLs inside an item's HTML made absolute: the attributes that
 * hold a URL (href, src, srcset's candidates, poster, cite, longdesc,
 * background, action) in the escaped HTML of a description or content,
 * which reaches the parser as text.  Other readers do the same (feedparser
 * against xml:base or the feed's URL, newsboat and Miniflux against the
 * item's link), so a stored item shows its images wherever it is read.
 * A value that has a scheme, or is only a "#fragment", is left alone.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "parse/parse-int.h"

static int
url_attr(const char *name, size_t n)
{
	static const char *names[] = { "href", "src", "poster", "cite",
	    "longdesc", "background", "action" };
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(names); i++) {
		if (strlen(names[i]) == n && strncasecmp(name, names[i], n) == 0)
			return 1;
	}
	return 0;
}

/* A reference that needs its base: no scheme, not only a fragment. */
static int
is_relative(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] == '#')
		return 0;
	if (!isalpha((unsigned char)s[0]))
		return 1;
	for (i = 1; i < n; i++) {
		if (s[i] == ':')
			return 0;
		if (!isalnum((unsigned char)s[i]) && s[i] != '+' && s[i] != '-' &&
		    s[i] != '.')
			return 1;
	}
	return 1;
}

static void
add_resolved(struct buf *out, const char *base, const char *s, size_t n)
{
	char *ref, *abs;

	if (!is_relative(s, n)) {
		buf_add(out, s, n);
		return;
	}
	ref = xstrndup(s, n);
	abs = parse_url_resolve(base, ref);
	buf_adds(out, abs);
	free(abs);
	free(ref);
}

/* srcset: "url [descriptor], url [descriptor]…" */
static void
add_srcset(struct buf *out, const char *base, const char *s, size_t n)
{
	size_t i = 0, start;

	while (i < n) {
		while (i < n && (isspace((unsigned char)s[i]) || s[i] == ',')) {
			buf_addc(out, s[i]);
			i++;
		}
		start = i;
		while (i < n && !isspace((unsigned char)s[i]) &&
		    !(s[i] == ',' && (i + 1 == n || isspace((unsigned char)s[i + 1]))))
			i++;
		add_resolved(out, base, s + start, i - start);
		while (i < n && s[i] != ',') {
			buf_addc(out, s[i]);
			i++;
		}
	}
}

/* One tag from s[0] == '<' to its '>': written to out with its URL
 * attributes resolved.  Returns the bytes read. */
static size_t
rebase_tag(struct buf *out, const char *base, const char *s, size_t len)
{
	size_t i = 1, name, nlen, vstart, vlen;
	char q;

	while (i < len && s[i] != '>' && !isspace((unsigned char)s[i]))
		i++;
	buf_add(out, s, i);
	while (i < len && s[i] != '>') {
		if (isspace((unsigned char)s[i]) || s[i] == '/') {
			buf_addc(out, s[i++]);
			continue;
		}
		name = i;
		while (i < len && s[i] != '=' && s[i] != '>' &&
		    !isspace((unsigned char)s[i]))
			i++;
		nlen = i - name;
		buf_add(out, s + name, nlen);
		if (i >= len || s[i] != '=')
			continue;
		buf_addc(out, s[i++]);
		q = i < len && (s[i] == '"' || s[i] == '\'') ? s[i] : '\0';
		if (q != '\0')
			buf_addc(out, s[i++]);
		vstart = i;
		while (i < len && (q != '\0' ? s[i] != q :
		    !isspace((unsigned char)s[i]) && s[i] != '>'))
			i++;
		vlen = i - vstart;
		if (nlen == 6 && strncasecmp(s + name, "srcset", 6) == 0)
			add_srcset(out, base, s + vstart, vlen);
		else if (url_attr(s + name, nlen))
			add_resolved(out, base, s + vstart, vlen);
		else
			buf_add(out, s + vstart, vlen);
		if (q != '\0' && i < len)
			buf_addc(out, s[i++]);
	}
	if (i < len)
		buf_addc(out, s[i++]);
	return i;
}

/* Does any tag of html have a relative URL attribute?  A quick look, so
 * that most items are not copied. */
static int
may_need(const char *html)
{
	const char *s = html;

	while ((s = strchr(s, '=')) != NULL) {
		s++;
		while (*s == '"' || *s == '\'' || *s == ' ')
			s++;
		if (*s != '\0' && is_relative(s, strcspn(s, "\"' >")))
			return 1;
	}
	return 0;
}

/* *html with its relative URLs resolved against base (in place: the old
 * string is freed when anything changes). */
void
html_rebase(char **html, const char *base)
{
	const char *s = *html, *lt;
	struct buf out = BUF_INIT;
	size_t len = strlen(s), i = 0;
	int base_clean;

	if (base == NULL || *base == '\0' || !may_need(s))
		return;
	base_clean = text_is_clean(base, strlen(base), 0);
	buf_grow(&out, len + 64);
	while (i < len) {
		if ((lt = memchr(s + i, '<', len - i)) == NULL) {
			buf_add(&out, s + i, len - i);
			break;
		}
		buf_add(&out, s + i, (size_t)(lt - (s + i)));
		i = (size_t)(lt - s);
		if (i + 3 < len && strncmp(s + i, "<!--", 4) == 0) {
			const char *end = strstr(s + i + 4, "-->");
			size_t n = end != NULL ? (size_t)(end - (s + i)) + 3 : len - i;

			buf_add(&out, s + i, n);
			i += n;
		} else if (i + 1 < len && isalpha((unsigned char)s[i + 1]))
			i += rebase_tag(&out, base, s + i, len - i);
		else
			buf_addc(&out, s[i++]);
	}
	free(*html);
	/* the HTML was clean: only the base can bring anything in */
	if (!base_clean && !text_is_clean(buf_str(&out), out.len,
	    SANITISE_KEEP_NEWLINE | SANITISE_KEEP_TAB)) {
		*html = text_clean(buf_str(&out), out.len, SANITISE_KEEP_NEWLINE |
		    SANITISE_KEEP_TAB);
		buf_free(&out);
	} else
		*html = buf_detach(&out);
}
