/*
 * Recovery in front of expat, on the UTF-8 text: the two mistakes real
 * feeds make most often are fixed before they become fatal.  A bare '&'
 * (one that starts no character or entity reference expat can resolve,
 * as in "AT&T" or an unescaped URL query) is read as "&amp;", except in
 * CDATA sections where it is already text.  And standalone="yes" is
 * dropped from the XML declaration, because a standalone document may
 * not use the HTML entities our foreign DTD declares.  Chunk boundaries
 * may cut anything: a tail that cannot be judged yet waits for more.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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
known_entity(const struct parser *p, const char *name, size_t len)
{
	static const char *predefined[] = { "amp;", "lt;", "gt;", "quot;", "apos;" };
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(predefined); i++) {
		if (strlen(predefined[i]) == len && memcmp(predefined[i], name, len) == 0)
			return 1;
	}
	/* The document's own (plain text) entities: trust the reference. */
	return p->has_doctype || entity_lookup(name, len) != NULL;
}

/* At s (a '&'): the length of a reference expat reads, 0 when it is a
 * bare '&', -1 when the text ends before we can tell. */
static int
ref_len(const struct parser *p, const char *s, size_t n)
{
	size_t i = 1;

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
	return known_entity(p, s + 1, i) ? (int)i + 1 : 0;
}

/* Blank standalone="yes" out of an XML declaration at the start of s. */
static void
drop_standalone(char *s, size_t len)
{
	char *end, *sa, *q;

	if (len < 5 || memcmp(s, "<?xml", 5) != 0 ||
	    (end = memmem(s, len, "?>", 2)) == NULL ||
	    (sa = memmem(s, (size_t)(end - s), "standalone", 10)) == NULL)
		return;
	for (q = sa; q < end; q++) {
		if (*q == '"' || *q == '\'') {
			char quote = *q;

			while (++q < end && *q != quote)
				;
			memset(sa, ' ', (size_t)(q - sa + (q < end)));
			return;
		}
	}
}

static void
scan(struct parser *p, const char *s, size_t len, int final)
{
	size_t i = 0, start = 0;
	const char *e;
	int n;

	while (i < len) {
		if (p->in_cdata) {
			if ((e = memmem(s + i, len - i, "]]>", 3)) == NULL) {
				i = final || len - i < 2 ? len : len - 2;
				if (final)
					break;
				goto hold;
			}
			i = (size_t)(e - s) + 3;
			p->in_cdata = 0;
			continue;
		}
		while (i < len && s[i] != '&' && s[i] != '<')
			i++;
		if (i == len)
			break;
		if (s[i] == '<') {
			if (len - i < 9 && !final &&
			    (memcmp(s + i, "<![CDATA[", len - i) == 0 ||
			    memcmp(s + i, "<!DOCTYPE", len - i) == 0))
				goto hold;
			if (len - i >= 9 && memcmp(s + i, "<!DOCTYPE", 9) == 0)
				p->has_doctype = 1;
			if (len - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
				p->in_cdata = 1;
				i += 9;
			} else
				i++;
			continue;
		}
		n = ref_len(p, s + i, len - i);
		if (n < 0 && !final)
			goto hold;
		if (n > 0) {
			i += (size_t)n;
			continue;
		}
		xml_push(p, s + start, i - start, 0);
		xml_push(p, "&amp;", 5, 0);
		if (!p->bare_amp_warned) {
			parse_warn(p, _("a bare '&' was read as \"&amp;\""));
			p->bare_amp_warned = 1;
		}
		start = ++i;
	}
	i = len;
hold:
	xml_push(p, s + start, i - start, 0);
	buf_reset(&p->hold);
	buf_add(&p->hold, s + i, len - i);
}

void
recover_push(struct parser *p, const char *s, size_t len, int final)
{
	struct buf joined = BUF_INIT;

	if (!p->decl_checked) {
		char *copy = xstrndup(s, len);

		p->decl_checked = 1;
		drop_standalone(copy, len);
		recover_push(p, copy, len, final);
		free(copy);
		return;
	}
	if (p->hold.len > 0) {
		buf_add(&joined, p->hold.data, p->hold.len);
		buf_add(&joined, s, len);
		buf_reset(&p->hold);
		scan(p, joined.data, joined.len, final);
		buf_free(&joined);
	} else
		scan(p, s, len, final);
	if (final)
		xml_push(p, "", 0, 1);
}
