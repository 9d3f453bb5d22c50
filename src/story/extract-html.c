/*
 * extract: write the chosen elements back as clean HTML.  Only a safe
 * subset comes out (p, h2-h4, ul/ol/li, blockquote, figure/img/figcaption,
 * pre, table rows, a href with absolute URLs, em, strong, code, br); every
 * other element is unwrapped and text straight inside containers becomes
 * paragraphs.  Furniture that survived the choice (share bars, "Read
 * more" lines, link lists, bylines, the repeated headline) is extract_dropped
 * here, and photo credits are gathered into their figure's caption.
 */
#include "config.h"

#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse.h"
#include "story/extract-int.h"
#include "util/util.h"


static void write_block(struct writer *, const GumboNode *, int);
static void write_inline(struct writer *, const GumboNode *, int,
    struct buf *, struct buf *);

int
extract_class_has(const GumboNode *n, const char *const *words)
{
	const char *c = extract_attr(n, "class"), *id = extract_attr(n, "id");

	for (; *words != NULL; words++)
		if ((c && strcasestr(c, *words)) || (id && strcasestr(id, *words)))
			return 1;
	return 0;
}

const char *const extract_credit_words[] = {
	"credit", "photographer", "fotograf", "copyright", "byline", "source",
	"bildnachweis", "autor", "author", "credito", "cr\xC3\xA9" "dit", NULL,
};
const char *const extract_caption_words[] = {
	"caption", "legend", "bildunterschrift", "bildtext", "pie-de-foto",
	"piefoto", "pie_foto", "didascalia", NULL,
};
static const char *const ad_labels[] = {
	"advertisement", "advertising", "anzeige", "werbung", "publicidad",
	"publicit\xC3\xA9", "pubblicit\xC3\xA0", "sponsored", "ad", "ads",
	"story continues below advertisement", "continue reading below",
	"article continues below", NULL,
};

static struct enode *
info(struct writer *w, const GumboNode *n)
{
	return extract_node(w->x, n);
}

int
extract_dropped(struct writer *w, const GumboNode *n)
{
	struct enode *e = info(w, n);

	return e == NULL || e->junk;
}

/*
 * Bytes of s that go out as they are: up to a character to escape or,
 * outside <pre>, white space other than one space between two words (a
 * run of words is copied at once, not word by word).
 */
static size_t
text_run(const char *s, int pre)
{
	static const unsigned char stop[256] = {
		[0] = 1, ['<'] = 1, ['>'] = 1, ['&'] = 1,
		[' '] = 2, ['\n'] = 2, ['\r'] = 2, ['\f'] = 2,
	};
	const unsigned char *p = (const unsigned char *)s;
	unsigned char k;

	for (;; p++) {
		if ((k = stop[*p]) == 0)
			continue;
		if (k == 1)
			break;
		if (pre)
			continue;
		/* one space between two words is copied with them */
		if (*p == ' ' && p != (const unsigned char *)s &&
		    stop[p[1]] == 0)
			continue;
		break;
	}
	return (size_t)(p - (const unsigned char *)s);
}

/* Escaped, white-space-collapsed text (verbatim inside <pre>). */
void
extract_add_text(struct buf *html, struct buf *text, const char *s, int pre)
{
	char *t = NULL;
	size_t run;

	if (!utf8_valid(s, strlen(s)))
		s = t = utf8_sanitise(s, strlen(s), pre ?
		    SANITISE_KEEP_NEWLINE | SANITISE_TAB_TO_SPACE :
		    SANITISE_TAB_TO_SPACE);
	else {
		const unsigned char *c;

		/* other controls (C0, C1) need the full sanitiser */
		for (c = (const unsigned char *)s; *c; c++)
			if ((*c < 0x20 && *c != '\n' && (!pre || *c != '\r')) ||
			    *c == 0x7F ||
			    (*c == 0xC2 && c[1] >= 0x80 && c[1] <= 0x9F)) {
				s = t = utf8_sanitise(s, strlen(s), pre ?
				    SANITISE_KEEP_NEWLINE | SANITISE_TAB_TO_SPACE :
				    SANITISE_TAB_TO_SPACE);
				break;
			}
	}
	while (*s) {
		run = text_run(s, pre);
		buf_add(text, s, run);
		buf_add(html, s, run);
		s += run;
		switch (*s) {
		case '\0':
			break;
		case '<':
			buf_addc(text, '<');
			buf_adds(html, "&lt;");
			s++;
			break;
		case '>':
			buf_addc(text, '>');
			buf_adds(html, "&gt;");
			s++;
			break;
		case '&':
			buf_addc(text, '&');
			buf_adds(html, "&amp;");
			s++;
			break;
		default:	/* white space */
			s += strspn(s, " \n\r\f");
			if (text->len == 0 || text->data[text->len - 1] == ' ' ||
			    text->data[text->len - 1] == '\n')
				break;
			buf_addc(text, ' ');
			buf_addc(html, ' ');
			break;
		}
	}
	free(t);
}

void
extract_add_attr(struct buf *html, const char *s)
{
	char *t = utf8_sanitise(s, strlen(s), 0), *c;

	for (c = t; *c; c++) {
		if (*c == '"')
			buf_adds(html, "&quot;");
		else if (*c == '&')
			buf_adds(html, "&amp;");
		else if (*c == '<')
			buf_adds(html, "&lt;");
		else if (*c == '>')
			buf_adds(html, "&gt;");
		else
			buf_addc(html, *c);
	}
	free(t);
}

int
extract_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' &&
		    s[i] != '\r' && s[i] != '\f')
			return 0;
	return 1;
}

/* The trimmed text of a block, from its plain-text buffer. */
void
extract_trim(struct buf *b)
{
	size_t i = 0;

	while (b->len > 0 && (b->data[b->len - 1] == ' ' ||
	    b->data[b->len - 1] == '\n'))
		buf_truncate(b, b->len - 1);
	while (i < b->len && b->data[i] == ' ')
		i++;
	if (i > 0) {
		memmove(b->data, b->data + i, b->len - i + 1);
		b->len -= i;
	}
}

/* A finished block: its HTML (already written) and its text. */
void
extract_add_block_text(struct writer *w, struct buf *text)
{
	extract_trim(text);
	if (text->len == 0)
		return;
	if (w->o->text.len > 0)
		buf_adds(&w->o->text, "\n\n");
	buf_add(&w->o->text, text->data, text->len);
	w->o->chars += extract_text_length(text->data, text->len);
	w->o->blocks++;
}

static int
is_ad_label(const char *s)
{
	size_t i;

	for (i = 0; ad_labels[i] != NULL; i++)
		if (strcasecmp(s, ad_labels[i]) == 0)
			return 1;
	return 0;
}

static void
flush_run(struct writer *w)
{
	extract_trim(&w->runtext);
	if (!extract_blank(w->runtext.data, w->runtext.len) &&
	    !is_ad_label(w->runtext.data) &&
	    !(w->runtext.len < 300 && strstr(buf_str(&w->run), "<a ") != NULL &&
	    extract_is_read_more(w->runtext.data)) &&
	    !(w->runtext.len < 200 && w->runlinks * 10 > w->runtext.len * 7)) {
		/* drop trailing <br>s */
		while (w->run.len >= 4 &&
		    memcmp(w->run.data + w->run.len - 4, "<br>", 4) == 0)
			buf_truncate(&w->run, w->run.len - 4);
		buf_adds(&w->o->html, "<p>");
		buf_add(&w->o->html, w->run.data, w->run.len);
		buf_adds(&w->o->html, "</p>\n");
		extract_add_block_text(w, &w->runtext);
	}
	buf_reset(&w->run);
	buf_reset(&w->runtext);
	w->brs = 0;
	w->runlinks = 0;
}

static int
is_link_target_ok(const char *href)
{
	return strncasecmp(href, "javascript:", 11) != 0 &&
	    strncasecmp(href, "data:", 5) != 0 && href[0] != '#';
}

static void
write_inline_kids(struct writer *w, const GumboNode *n, int depth,
    struct buf *html, struct buf *text)
{
	const GumboVector *kids = &n->v.element.children;
	size_t i;

	for (i = 0; i < kids->length; i++)
		write_inline(w, kids->data[i], depth + 1, html, text);
}

static void
write_link(struct writer *w, const GumboNode *n, int depth, struct buf *html,
    struct buf *text)
{
	const char *href = extract_attr(n, "href");
	size_t at;
	char *abs;

	if (href == NULL || !is_link_target_ok(href)) {
		write_inline_kids(w, n, depth, html, text);
		return;
	}
	abs = w->x->base ? parse_url_resolve(w->x->base, href) : xstrdup(href);
	buf_adds(html, "<a href=\"");
	extract_add_attr(html, abs);
	buf_adds(html, "\">");
	at = text->len;
	write_inline_kids(w, n, depth, html, text);
	buf_adds(html, "</a>");
	if (text == &w->runtext)
		w->runlinks += text->len - at;
	free(abs);
}

static void
write_inline(struct writer *w, const GumboNode *n, int depth, struct buf *html,
    struct buf *text)
{
	const char *wrap = NULL;

	if (depth >= EXTRACT_MAX_DEPTH)
		return;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
	    n->type == GUMBO_NODE_WHITESPACE) {
		extract_add_text(html, text, n->v.text.text, 0);
		return;
	}
	if (n->type != GUMBO_NODE_ELEMENT || extract_dropped(w, n))
		return;
	switch (n->v.element.tag) {
	case GUMBO_TAG_A:
		write_link(w, n, depth, html, text);
		return;
	case GUMBO_TAG_BR:
		buf_adds(html, "<br>");
		buf_addc(text, '\n');
		return;
	case GUMBO_TAG_IMG:
		return;
	case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_CITE:
		wrap = "em";
		break;
	case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
		wrap = "strong";
		break;
	case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP:
	case GUMBO_TAG_TT:
		wrap = "code";
		break;
	default:
		if (extract_is_block_tag(n->v.element.tag))
			extract_add_text(html, text, " ", 0);
		break;
	}
	if (wrap != NULL)
		buf_printf(html, "<%s>", wrap);
	write_inline_kids(w, n, depth, html, text);
	if (wrap != NULL)
		buf_printf(html, "</%s>", wrap);
	else if (extract_is_block_tag(n->v.element.tag))
		extract_add_text(html, text, " ", 0);
}

/* Lower-case letters and digits of s, for comparing headings. */
static void
fold(const char *s, struct buf *out)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			buf_addc(out, (char)(c - 'A' + 'a'));
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			buf_addc(out, (char)c);
	}
}

/* Whether a heading repeats the page's headline. */
static int
is_headline(struct writer *w, const char *heading)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	int same = 0;

	if (w->x->title == NULL || *w->x->title == '\0')
		return 0;
	fold(heading, &a);
	fold(w->x->title, &b);
	if (a.len > 0 && b.len > 0)
		same = strcmp(a.data, b.data) == 0 ||
		    (a.len >= 10 && strstr(b.data, a.data) != NULL) ||
		    (b.len >= 10 && strstr(a.data, b.data) != NULL);
	buf_free(&a);
	buf_free(&b);
	return same;
}

static void
write_heading(struct writer *w, const GumboNode *n, int depth)
{
	struct buf html = BUF_INIT, text = BUF_INIT;
	struct enode *e = info(w, n);
	int level;

	switch (n->v.element.tag) {
	case GUMBO_TAG_H1: case GUMBO_TAG_H2:
		level = 2;
		break;
	case GUMBO_TAG_H3:
		level = 3;
		break;
	default:
		level = 4;
		break;
	}
	write_inline_kids(w, n, depth, &html, &text);
	extract_trim(&text);
	if (text.len == 0 || is_headline(w, text.data))
		goto out;
	if (e->text > 0 && e->links * 10 >= e->text * 8)
		w->o->linked_headings++;
	buf_printf(&w->o->html, "<h%d>", level);
	buf_add(&w->o->html, html.data, html.len);
	buf_printf(&w->o->html, "</h%d>\n", level);
	extract_add_block_text(w, &text);
out:
	buf_free(&html);
	buf_free(&text);
}

static void write_list(struct writer *, const GumboNode *, int);

static void
write_list_item(struct writer *w, const GumboNode *li, int depth)
{
	const GumboVector *kids = &li->v.element.children;
	struct buf html = BUF_INIT, text = BUF_INIT;
	size_t i, at;

	buf_adds(&w->o->html, "<li>");
	at = w->o->html.len;
	for (i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];

		if (c->type == GUMBO_NODE_ELEMENT && !extract_dropped(w, c) &&
		    (c->v.element.tag == GUMBO_TAG_UL ||
		    c->v.element.tag == GUMBO_TAG_OL)) {
			buf_add(&w->o->html, html.data, html.len);
			extract_add_block_text(w, &text);
			buf_reset(&html);
			buf_reset(&text);
			write_list(w, c, depth + 1);
		} else
			write_inline(w, c, depth + 1, &html, &text);
	}
	buf_add(&w->o->html, html.data, html.len);
	extract_add_block_text(w, &text);
	(void)at;
	buf_adds(&w->o->html, "</li>\n");
	buf_free(&html);
	buf_free(&text);
}

static void
write_list(struct writer *w, const GumboNode *n, int depth)
{
	const GumboVector *kids = &n->v.element.children;
	const char *tag = n->v.element.tag == GUMBO_TAG_OL ? "ol" : "ul";
	size_t i, start = w->o->html.len;
	int items = 0;

	if (depth >= EXTRACT_MAX_DEPTH)
		return;
	buf_printf(&w->o->html, "<%s>\n", tag);
	for (i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];

		if (c->type != GUMBO_NODE_ELEMENT || extract_dropped(w, c) ||
		    c->v.element.tag != GUMBO_TAG_LI)
			continue;
		write_list_item(w, c, depth + 1);
		items++;
	}
	if (items == 0)
		buf_truncate(&w->o->html, start);
	else
		buf_printf(&w->o->html, "</%s>\n", tag);
}

static void
write_pre(struct writer *w, const GumboNode *n, int depth)
{
	struct buf text = BUF_INIT;

	(void)depth;
	extract_node_text(n, &text);	/* for the length only */
	if (extract_blank(text.data, text.len))
		goto out;
	buf_reset(&text);
	buf_adds(&w->o->html, "<pre>");
	for (size_t i = 0; i < n->v.element.children.length; i++) {
		const GumboNode *c = n->v.element.children.data[i];
		struct buf t = BUF_INIT;

		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE)
			extract_add_text(&w->o->html, &text, c->v.text.text, 1);
		else if (c->type == GUMBO_NODE_ELEMENT && !extract_dropped(w, c)) {
			extract_node_text(c, &t);
			extract_add_text(&w->o->html, &text, buf_str(&t), 1);
		}
		buf_free(&t);
	}
	buf_adds(&w->o->html, "</pre>\n");
	extract_add_block_text(w, &text);
out:
	buf_free(&text);
}

/* A data table: rows of cells, text only.  Layout tables (cells holding
 * blocks) are walked as containers instead. */
static int
layout_table(struct writer *w, const GumboNode *n, int depth)
{
	const GumboVector *kids = &n->v.element.children;
	size_t i;

	if (depth >= EXTRACT_MAX_DEPTH)
		return 1;
	for (i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];
		struct enode *e;

		if (c->type != GUMBO_NODE_ELEMENT)
			continue;
		switch (c->v.element.tag) {
		case GUMBO_TAG_TABLE:
			return 1;
		case GUMBO_TAG_TD: case GUMBO_TAG_TH:
			if ((e = info(w, c)) != NULL && e->has_block)
				return 1;
			break;
		case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
		case GUMBO_TAG_TR:
			if (layout_table(w, c, depth + 1))
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

static void
write_row(struct writer *w, const GumboNode *tr, int depth)
{
	const GumboVector *kids = &tr->v.element.children;
	struct buf text = BUF_INIT;
	size_t i;

	buf_adds(&w->o->html, "<tr>");
	for (i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];
		const char *tag;

		if (c->type != GUMBO_NODE_ELEMENT || extract_dropped(w, c))
			continue;
		if (c->v.element.tag != GUMBO_TAG_TD && c->v.element.tag != GUMBO_TAG_TH)
			continue;
		tag = c->v.element.tag == GUMBO_TAG_TH ? "th" : "td";
		buf_printf(&w->o->html, "<%s>", tag);
		if (text.len > 0)
			buf_addc(&text, ' ');
		write_inline_kids(w, c, depth + 1, &w->o->html, &text);
		buf_printf(&w->o->html, "</%s>", tag);
	}
	buf_adds(&w->o->html, "</tr>\n");
	extract_add_block_text(w, &text);
	buf_free(&text);
}

static void
write_rows(struct writer *w, const GumboNode *n, int depth)
{
	const GumboVector *kids = &n->v.element.children;
	size_t i;

	if (depth >= EXTRACT_MAX_DEPTH)
		return;
	for (i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];

		if (c->type != GUMBO_NODE_ELEMENT || extract_dropped(w, c))
			continue;
		if (c->v.element.tag == GUMBO_TAG_TR)
			write_row(w, c, depth + 1);
		else if (c->v.element.tag == GUMBO_TAG_TBODY ||
		    c->v.element.tag == GUMBO_TAG_THEAD ||
		    c->v.element.tag == GUMBO_TAG_TFOOT)
			write_rows(w, c, depth + 1);
	}
}

static void
write_table(struct writer *w, const GumboNode *n, int depth)
{
	buf_adds(&w->o->html, "<table>\n");
	write_rows(w, n, depth);
	buf_adds(&w->o->html, "</table>\n");
}

/* The names of a byline: its text up to a line break or a date, white
 * space collapsed, without a leading "By". */
/* Text lines that are furniture though their class does not say so:
 * "Read more: …" with a link, ad labels, link lists, bylines, dates. */
static int
furniture_in_body(struct writer *w, const GumboNode *n, int figure_like)
{
	struct enode *e = info(w, n);
	struct buf t = BUF_INIT;
	GumboTag tag = n->v.element.tag;
	int drop = 0;

	if (figure_like)
		return 0;
	/* (only elements without blocks: a lead-in is one line of text, and
	 * this keeps deep nests from being read again at every level) */
	/* (or a box of little text, "Powered by X" and a pixel) */
	if ((!e->has_block && ((e->text < 300 && e->links > 0) || e->text < 40)) ||
	    (e->has_block && e->text < 40)) {
		extract_node_text(n, &t);
		if (extract_is_read_more(buf_str(&t)) || is_ad_label(buf_str(&t)))
			drop = 1;
	}
	if ((tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) &&
	    extract_link_density(e) > 0.5)
		drop = 1;
	if ((tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION) &&
	    extract_link_density(e) > 0.5 && e->text < 1000)
		drop = 1;
	if (tag == GUMBO_TAG_P && extract_link_density(e) > 0.8 && e->text < 200)
		drop = 1;
	if (!drop && e->text < 150 && extract_class_has(n, extract_byline_words)) {
		if (w->o->byline == NULL)
			w->o->byline = extract_byline_of(n);
		drop = 1;
	}
	if (!drop && e->text < 100 && (tag == GUMBO_TAG_TIME || extract_class_has(n, extract_date_words)))
		drop = 1;
	if (!drop && e->text < 200 && tag != GUMBO_TAG_LI && extract_is_dateline(n, e))
		drop = 1;
	buf_free(&t);
	return drop;
}

static void
note_time(struct writer *w, const GumboNode *n)
{
	const char *dt = extract_attr(n, "datetime");
	int64_t t;

	if (w->o->published == DL_TIME_NONE && dt != NULL &&
	    (t = parse_date(dt)) != DL_TIME_NONE)
		w->o->published = t;
}

static void
write_container(struct writer *w, const GumboNode *n, int depth)
{
	const GumboVector *kids = &n->v.element.children;
	struct enode *e = info(w, n);
	size_t i;

	for (i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];

		if (c->type == GUMBO_NODE_ELEMENT && extract_dropped(w, c))
			continue;
		if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_TIME)
			note_time(w, c);
		if (c->type == GUMBO_NODE_ELEMENT &&
		    (extract_is_block_tag(c->v.element.tag) ||
		    info(w, c)->has_block)) {
			flush_run(w);
			write_block(w, c, depth + 1);
			continue;
		}
		if (c->type == GUMBO_NODE_ELEMENT && e->text < 150 &&
		    (extract_class_has(c, extract_byline_words) || extract_class_has(c, extract_date_words)) &&
		    furniture_in_body(w, c, 0))
			continue;
		if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_BR) {
			if (++w->brs >= 2) {
				flush_run(w);
				continue;
			}
		} else if (c->type != GUMBO_NODE_WHITESPACE)
			w->brs = 0;
		write_inline(w, c, depth + 1, &w->run, &w->runtext);
	}
	flush_run(w);
}

static void
write_block(struct writer *w, const GumboNode *n, int depth)
{
	int fig;

	if (n->type != GUMBO_NODE_ELEMENT || depth >= EXTRACT_MAX_DEPTH ||
	    extract_dropped(w, n))
		return;
	fig = extract_is_figure_like(w->x, n);
	if (furniture_in_body(w, n, fig))
		return;
	if (fig) {
		extract_write_figure(w, n);
		return;
	}
	switch (n->v.element.tag) {
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		write_heading(w, n, depth);
		break;
	case GUMBO_TAG_UL: case GUMBO_TAG_OL:
		write_list(w, n, depth);
		break;
	case GUMBO_TAG_LI:
		write_container(w, n, depth);
		break;
	case GUMBO_TAG_BLOCKQUOTE:
		buf_adds(&w->o->html, "<blockquote>\n");
		write_container(w, n, depth);
		buf_adds(&w->o->html, "</blockquote>\n");
		break;
	case GUMBO_TAG_IMG:
		extract_write_figure(w, n);
		break;
	case GUMBO_TAG_PRE:
		write_pre(w, n, depth);
		break;
	case GUMBO_TAG_TABLE:
		if (layout_table(w, n, depth))
			write_container(w, n, depth);
		else
			write_table(w, n, depth);
		break;
	case GUMBO_TAG_HR: case GUMBO_TAG_BR:
		break;
	default:
		write_container(w, n, depth);
		break;
	}
}

void
extract_write(struct extractor *x, GumboNode **roots, size_t nroots,
    struct extract_out *o)
{
	struct writer w;
	size_t i;

	memset(&w, 0, sizeof w);
	w.x = x;
	w.o = o;
	o->published = DL_TIME_NONE;
	for (i = 0; i < nroots; i++)
		write_block(&w, roots[i], 0);
	buf_free(&w.run);
	buf_free(&w.runtext);
	free(w.last_image);
}
