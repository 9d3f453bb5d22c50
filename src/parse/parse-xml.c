/*
 * XML through expat: namespaces resolved by URI (names arrive as
 * "URI\1local"), xml:base kept on a stack of open elements, the text of
 * the field being read collected (with child elements serialised back to
 * HTML where the field is HTML), and the vocabulary files asked what each
 * element means.  HTML's named entities never reach expat (parse-recover.c
 * rewrites them); external entities and DTDs are never read, a document's
 * own entity declarations are limited to plain text, and expat's
 * amplification limits stay on.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse-int.h"

#define NS_SEP '\1'

static const struct {
	const char	*uri;
	enum ns		 ns;
} namespaces[] = {
	{ "http://purl.org/rss/1.0/", NS_RSS10 },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS090 },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://www.w3.org/2005/Atom", NS_ATOM10 },
	{ "http://purl.org/atom/ns#", NS_ATOM03 },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://www.w3.org/1999/xhtml", NS_XHTML },
	{ "http://www.w3.org/XML/1998/namespace", NS_XML },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES },
	{ "http://www.itunes.com/DTDs/Podcast-1.0.dtd", NS_ITUNES },
	{ "http://rssnamespace.org/feedburner/ext/1.0", NS_FEEDBURNER },
	{ "http://backend.userland.com/rss2", NS_NONE },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_NONE },
};

enum ns
xml_split(const char *name, const char **local)
{
	const char *sep = strchr(name, NS_SEP);
	size_t i, n;

	if (sep == NULL) {
		*local = name;
		return NS_NONE;
	}
	*local = sep + 1;
	n = (size_t)(sep - name);
	for (i = 0; i < DL_ARRAY_LEN(namespaces); i++) {
		if (strncmp(namespaces[i].uri, name, n) == 0 &&
		    namespaces[i].uri[n] == '\0')
			return namespaces[i].ns;
	}
	return NS_OTHER;
}

const char *
xml_attr(const char **attrs, enum ns ns, const char *local)
{
	const char *l;
	size_t i;

	for (i = 0; attrs[i] != NULL; i += 2) {
		if (xml_split(attrs[i], &l) == ns && strcmp(l, local) == 0)
			return attrs[i + 1];
	}
	return NULL;
}

const char *
xml_base(const struct parser *p)
{
	return p->frames[p->depth].base;
}

char *
xml_resolve(const struct parser *p, const char *ref)
{
	char *abs, *clean, *trimmed, *amp;
	size_t len;

	/* " /blog/a.html " in an attribute: the spaces are not the URL's */
	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	len = strlen(ref);
	while (len > 0 && strchr(" \t\r\n", ref[len - 1]) != NULL)
		len--;
	trimmed = xstrndup(ref, len);
	/* "?a=1&amp;amp;b=2": escaped twice by the feed's software */
	while ((amp = strstr(trimmed, "&amp;")) != NULL)
		memmove(amp + 1, amp + 5, strlen(amp + 5) + 1);
	abs = parse_url_resolve(xml_base(p), trimmed);
	free(trimmed);
	len = strlen(abs);

	clean = text_clean(abs, text_utf8_cut(abs, len, PARSE_MAX_SMALL), 0);
	free(abs);
	return clean;
}

void
xml_capture(struct parser *p, enum field f, enum textmode mode, size_t limit)
{
	p->cap_depth = p->depth;
	p->cap_field = f;
	p->cap_mode = mode;
	p->cap_parent = p->frames[p->depth - 1].ctx;
	p->cap_limit = limit;
	p->cap_wrapper = 0;
	buf_reset(&p->text);
}

/* type="text|html|xhtml" (Atom 1.0) or type + mode (Atom 0.3). */
enum textmode
xml_atom_mode(const char **attrs, int for_content)
{
	const char *type = xml_attr(attrs, NS_NONE, "type");
	const char *mode = xml_attr(attrs, NS_NONE, "mode");
	int html = 0, xhtml = 0;

	if (type != NULL) {
		html = strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0;
		xhtml = strcmp(type, "xhtml") == 0 ||
		    strcmp(type, "application/xhtml+xml") == 0;
	}
	if (mode != NULL && strcmp(mode, "xml") == 0)
		xhtml = 1;
	else if (mode != NULL && strcmp(mode, "escaped") == 0 && !xhtml &&
	    (type == NULL || strcmp(type, "text/plain") != 0))
		html = 1;
	if (xhtml)
		return for_content ? TEXT_XHTML : TEXT_XHTML_TO_PLAIN;
	if (html)
		return for_content ? TEXT_HTML : TEXT_HTML_TO_PLAIN;
	return for_content ? TEXT_PLAIN_TO_HTML : TEXT_PLAIN;
}

static void
text_add(struct parser *p, const char *s, size_t len, int escape)
{
	size_t room;

	if (p->text.len >= p->cap_limit)
		return;
	room = p->cap_limit - p->text.len;
	if (len > room) {
		len = text_utf8_cut(s, len, room);
		if (!p->truncated_warned) {
			parse_warn(p, _("a field longer than %zu bytes was cut"),
			    p->cap_limit);
			p->truncated_warned = 1;
		}
	}
	if (escape)
		text_escape_html(&p->text, s, len, 0);
	else
		buf_add(&p->text, s, len);
}

static int
serialises(const struct parser *p)
{
	return p->cap_mode == TEXT_HTML || p->cap_mode == TEXT_XHTML;
}

static int
is_void(const char *name)
{
	static const char *voids[] = { "area", "base", "br", "col", "embed", "hr",
	    "img", "input", "link", "meta", "param", "source", "track", "wbr" };
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(voids); i++) {
		if (strcasecmp(name, voids[i]) == 0)
			return 1;
	}
	return 0;
}

/* An element inside an HTML field: written back as HTML. */
static void
child_start(struct parser *p, enum ns ns, const char *local, const char **attrs)
{
	const char *l;
	char *url;
	size_t i;

	if (!serialises(p))
		return;
	if (p->cap_mode == TEXT_XHTML && p->depth == p->cap_depth + 1 &&
	    ns == NS_XHTML && strcmp(local, "div") == 0 &&
	    p->text.len == strspn(buf_str(&p->text), " \t\r\n")) {
		p->cap_wrapper = p->depth;	/* Atom's wrapper <div> */
		return;
	}
	text_add(p, "<", 1, 0);
	text_add(p, local, strlen(local), 0);
	for (i = 0; attrs[i] != NULL; i += 2) {
		if (xml_split(attrs[i], &l) != NS_NONE)
			continue;
		text_add(p, " ", 1, 0);
		text_add(p, l, strlen(l), 0);
		text_add(p, "=\"", 2, 0);
		/* URLs: against an xml:base here; an RSS item's without one
		 * wait for the item's link (parse.c, item_rebase) */
		if ((strcmp(l, "href") == 0 || strcmp(l, "src") == 0) &&
		    (xml_base(p) != p->frames[0].base || !p->in_item ||
		    p->feed.format == FEED_ATOM10 || p->feed.format == FEED_ATOM03)) {
			url = xml_resolve(p, attrs[i + 1]);
			text_escape_html(&p->text, url, text_utf8_cut(url,
			    strlen(url), p->cap_limit > p->text.len ?
			    p->cap_limit - p->text.len : 0), 1);
			free(url);
		} else if (p->text.len < p->cap_limit)
			text_escape_html(&p->text, attrs[i + 1], text_utf8_cut(
			    attrs[i + 1], strlen(attrs[i + 1]),
			    p->cap_limit - p->text.len), 1);
		text_add(p, "\"", 1, 0);
	}
	text_add(p, ">", 1, 0);
}

static void
child_end(struct parser *p, const char *local)
{
	if (!serialises(p) || p->depth == p->cap_wrapper || is_void(local))
		return;
	text_add(p, "</", 2, 0);
	text_add(p, local, strlen(local), 0);
	text_add(p, ">", 1, 0);
}

static char *
trimmed_html(const char *s, size_t len)
{
	while (len > 0 && strchr(" \t\r\n", *s) != NULL) {
		s++;
		len--;
	}
	while (len > 0 && strchr(" \t\r\n", s[len - 1]) != NULL)
		len--;
	return text_clean(s, len, SANITISE_KEEP_NEWLINE | SANITISE_KEEP_TAB);
}

/* An HTML field's value: the text buffer itself when it is clean (it is
 * the biggest field: no copy), trimmed. */
static char *
html_value(struct parser *p)
{
	const int flags = SANITISE_KEEP_NEWLINE | SANITISE_KEEP_TAB;
	char *s = p->text.data;
	size_t len = p->text.len, lead = 0;

	if (s == NULL)
		return xstrdup("");
	while (lead < len && strchr(" \t\r\n", s[lead]) != NULL)
		lead++;
	while (len > lead && strchr(" \t\r\n", s[len - 1]) != NULL)
		len--;
	if (!text_is_clean(s + lead, len - lead, flags))
		return trimmed_html(s, p->text.len);
	if (lead > 0)
		memmove(s, s + lead, len - lead);
	buf_truncate(&p->text, len - lead);
	return buf_detach(&p->text);
}

static char *
capture_value(struct parser *p)
{
	const char *s = buf_str(&p->text);
	struct buf b = BUF_INIT;
	char *v, *plain;

	switch (p->cap_mode) {
	case TEXT_HTML_TO_PLAIN:
		return text_html_to_plain(s, p->text.len);
	case TEXT_HTML:
	case TEXT_XHTML:
		return html_value(p);
	case TEXT_PLAIN_TO_HTML:
		plain = trimmed_html(s, p->text.len);
		text_escape_html(&b, plain, strlen(plain), 0);
		free(plain);
		v = xstrdup(buf_str(&b));
		buf_free(&b);
		return v;
	case TEXT_PLAIN:
	case TEXT_XHTML_TO_PLAIN:
	case TEXT_RAW:
		break;
	}
	return text_collapse(s, p->text.len);
}

static void
capture_end(struct parser *p)
{
	char *v = capture_value(p);

	/* URLs in an item's HTML: against an xml:base now, else at the
	 * item's end (its link may come later). */
	if (p->cap_parent == CTX_ITEM && (p->cap_mode == TEXT_HTML ||
	    p->cap_mode == TEXT_XHTML) && (p->cap_field == FLD_DESCRIPTION ||
	    p->cap_field == FLD_CONTENT)) {
		if (xml_base(p) != p->frames[0].base)
			html_rebase(&v, xml_base(p));
		else
			p->rebase_pending = 1;
	}
	parse_field(p, p->cap_parent, p->cap_field, v);
	p->cap_depth = 0;
	buf_reset(&p->text);
}

static enum ctx
dispatch(struct parser *p, enum ctx parent, enum ns ns, const char *local,
    const char **attrs)
{
	/* <feed> without its namespace: an Atom feed all the same */
	if (ns == NS_NONE && (p->atom_no_ns || (parent == CTX_DOC &&
	    strcmp(local, "feed") == 0))) {
		p->atom_no_ns = 1;
		return atom_start(p, parent, NS_ATOM10, local, attrs);
	}
	switch (ns) {
	case NS_NONE:
	case NS_RSS10:
	case NS_RSS090:
	case NS_RDF:
	case NS_DC:
	case NS_DCTERMS:
	case NS_CONTENT:
	case NS_ITUNES:
	case NS_FEEDBURNER:
		return rss_start(p, parent, ns, local, attrs);
	case NS_ATOM10:
	case NS_ATOM03:
		return atom_start(p, parent, ns, local, attrs);
	case NS_MEDIA:
		return media_start(p, parent, local, attrs);
	case NS_XHTML:
	case NS_XML:
	case NS_OTHER:
		break;
	}
	return CTX_IGNORE;
}

static void XMLCALL
on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct parser *p = ud;
	struct frame *parent, *f;
	const char *local, *base;
	enum ns ns;

	p->events++;
	if (p->depth >= PARSE_MAX_DEPTH) {
		unsigned long line, col;

		xml_where(p, &line, &col);
		parse_fail(p, _("line %lu, column %lu: elements nested deeper than %d"),
		    line, col, PARSE_MAX_DEPTH);
		XML_StopParser(p->xp, XML_FALSE);
		return;
	}
	parent = &p->frames[p->depth];
	f = &p->frames[++p->depth];
	f->base = parent->base;
	f->own_base = 0;
	f->ctx = CTX_IGNORE;
	if ((base = xml_attr(attrs, NS_XML, "base")) != NULL) {
		f->base = parse_url_resolve(parent->base, base);
		f->own_base = 1;
	}
	ns = xml_split(name, &local);
	if (p->cap_depth > 0) {
		f->ctx = CTX_INSIDE;
		child_start(p, ns, local, attrs);
		return;
	}
	if (parent->ctx == CTX_IGNORE)
		return;
	f->ctx = dispatch(p, parent->ctx, ns, local, attrs);
	if (p->prime_done == 0 && ((parent->ctx == CTX_DOC && f->ctx != CTX_IGNORE) ||
	    (parent->ctx == CTX_ROOT && f->ctx == CTX_CHANNEL &&
	    ns == NS_NONE)))
		resync_note_tag(p);
	if (f->ctx == CTX_ITEM)
		p->prime_done = 1;	/* what comes before the items is all */
	if (parent->ctx == CTX_DOC && f->ctx == CTX_IGNORE) {
		parse_fail(p, _("not a feed: the document is <%s>"), local);
		XML_StopParser(p->xp, XML_FALSE);
	}
}

static void XMLCALL
on_end(void *ud, const XML_Char *name)
{
	struct parser *p = ud;
	struct frame *f = &p->frames[p->depth];
	const char *local;

	p->events++;
	if (p->cap_depth > 0 && p->depth > p->cap_depth) {
		xml_split(name, &local);
		child_end(p, local);
	} else if (p->depth == p->cap_depth)
		capture_end(p);
	else if (f->ctx == CTX_ITEM)
		parse_item_end(p);
	else if (f->ctx == CTX_MEDIA_GROUP || f->ctx == CTX_MEDIA_CONTENT)
		media_end(p, f->ctx);
	if (f->own_base)
		free(f->base);
	f->own_base = 0;
	p->depth--;
	if (p->stopped)
		XML_StopParser(p->xp, XML_FALSE);
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
	struct parser *p = ud;

	p->events++;
	if (p->cap_depth == 0 || len <= 0)
		return;
	/* The common case, inline: expat calls this between every two
	 * references, so "&lt;p&gt;" is three calls. */
	if (p->cap_mode != TEXT_XHTML && p->text.len + (size_t)len < p->text.cap &&
	    p->text.len + (size_t)len <= p->cap_limit) {
		memcpy(p->text.data + p->text.len, s, (size_t)len);
		p->text.len += (size_t)len;
		p->text.data[p->text.len] = '\0';
		return;
	}
	text_add(p, s, (size_t)len, p->cap_mode == TEXT_XHTML);
}

static void XMLCALL
on_entity_decl(void *ud, const XML_Char *name, int parameter,
    const XML_Char *value, int value_length, const XML_Char *base,
    const XML_Char *system_id, const XML_Char *public_id,
    const XML_Char *notation)
{
	struct parser *p = ud;

	(void)name;
	(void)base;
	(void)public_id;
	(void)notation;
	/* Only plain text: no references to other entities, no markup, no
	 * external or parameter entities; few and short. */
	if (parameter || system_id != NULL || value == NULL ||
	    ++p->entity_decls > PARSE_MAX_ENTITY_DECLS ||
	    value_length > PARSE_MAX_ENTITY_VALUE ||
	    memchr(value, '&', (size_t)value_length) != NULL ||
	    memchr(value, '<', (size_t)value_length) != NULL ||
	    memchr(value, '%', (size_t)value_length) != NULL) {
		parse_fail(p, _("line %lu: entity declaration refused (only short plain-text entities are read)"),
		    (unsigned long)XML_GetCurrentLineNumber(p->xp));
		XML_StopParser(p->xp, XML_FALSE);
	}
}

int
xml_start(struct parser *p)
{
	if ((p->xp = XML_ParserCreateNS("UTF-8", NS_SEP)) == NULL) {
		parse_fail(p, _("cannot create an XML parser"));
		return -1;
	}
	XML_SetUserData(p->xp, p);
	XML_SetElementHandler(p->xp, on_start, on_end);
	XML_SetCharacterDataHandler(p->xp, on_text);
	XML_SetEntityDeclHandler(p->xp, on_entity_decl);
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4)
	if (!XML_SetBillionLaughsAttackProtectionMaximumAmplification(p->xp, 20.0f) ||
	    !XML_SetBillionLaughsAttackProtectionActivationThreshold(p->xp, 1u << 20)) {
		parse_fail(p, _("cannot set up the XML parser"));
		return -1;
	}
#endif
	p->frames[0].ctx = CTX_DOC;
	p->depth = 0;
	p->xml_fed = 0;
	return 0;
}

/* Read on after a well-formedness error, from the text expat holds
 * after the error's position (+1: never the same item start twice):
 * that may begin in an earlier chunk.  0 when there is no restart. */
static int
resync_after_error(struct parser *p, unsigned long line, unsigned long col)
{
	int offset = 0, size = 0;
	const char *ctx = XML_GetInputContext(p->xp, &offset, &size);
	char *rest;
	size_t len;

	if (ctx == NULL || offset < 0 || offset >= size)
		return 0;
	len = (size_t)(size - offset - 1);
	rest = xstrndup(ctx + offset + 1, len);	/* xml_free frees ctx */
	if (!resync_begin(p, line, col, XML_ErrorString(XML_GetErrorCode(p->xp)))) {
		free(rest);
		return 0;
	}
	resync_skip(p, rest, len, 0);
	free(rest);
	return 1;
}

/* Where expat is, in the lines and columns of the whole document. */
void
xml_where(const struct parser *p, unsigned long *line, unsigned long *col)
{
	unsigned long l = (unsigned long)XML_GetCurrentLineNumber(p->xp);
	unsigned long c = (unsigned long)XML_GetCurrentColumnNumber(p->xp) + 1;

	if (l == 1 && p->line_base > 0 && c > p->col_shift)
		c -= p->col_shift;
	else if (p->line_base == 0 && p->resyncs == 0 && l == p->inject_line &&
	    c > p->inject_col + p->inject_len)
		c -= p->inject_len;
	*line = l + p->line_base;
	*col = c;
}

void
xml_push(struct parser *p, const char *s, size_t len, int final)
{
	unsigned long line, col;
	size_t n;

	if (p->resyncing) {
		resync_skip(p, s, len, final);
		return;
	}
	if (p->xp == NULL || p->failed)
		return;
	do {
		uint64_t events = p->events;

		n = len > (1u << 30) ? (1u << 30) : len;
		if (XML_Parse(p->xp, s, (int)n, final && n == len) != XML_STATUS_OK) {
			if (XML_GetErrorCode(p->xp) == XML_ERROR_ABORTED) {
				if (!p->stopped)
					p->failed = 1;
				return;
			}
			xml_where(p, &line, &col);
			if (!(final && n == len) && resync_after_error(p, line, col))
				return;
			parse_fail(p, _("line %lu, column %lu: %s"), line, col,
			    XML_ErrorString(XML_GetErrorCode(p->xp)));
			return;
		}
		p->xml_fed += n;
		/* expat keeps a token (a tag with its attributes, a comment)
		 * whole in memory until it ends: bound that. */
		p->quiet_bytes = p->events == events ? p->quiet_bytes + n : 0;
		if (p->quiet_bytes > PARSE_MAX_TOKEN) {
			xml_where(p, &line, &col);
			parse_fail(p, _("line %lu: more than %u bytes in one tag, comment or declaration"),
			    line, PARSE_MAX_TOKEN);
			return;
		}
		s += n;
		len -= n;
	} while (len > 0);
}

void
xml_free(struct parser *p)
{
	while (p->depth > 0) {
		if (p->frames[p->depth].own_base)
			free(p->frames[p->depth].base);
		p->depth--;
	}
	if (p->xp != NULL)
		XML_ParserFree(p->xp);
	p->xp = NULL;
}
