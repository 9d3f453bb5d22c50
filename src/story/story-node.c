/*
 * story node queries: what the HTML walk asks of a gumbo node (its
 * attributes, whether it is hidden, skipped, a block, a tracking pixel),
 * and plain text gathered from a subtree for captions and table cells.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "story/story.h"
#include "story/story-private.h"

const char *
node_attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a;

	if (n->type != GUMBO_NODE_ELEMENT)
		return NULL;
	a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a != NULL ? a->value : NULL;
}

int
node_attr_contains(const GumboNode *n, const char *name, const char *word)
{
	const char *v = node_attr(n, name);

	return v != NULL && strcasestr(v, word) != NULL;
}

int
node_hidden(const GumboNode *n)
{
	const char *style = node_attr(n, "style");

	if (node_attr(n, "hidden") != NULL || node_attr_contains(n, "aria-hidden", "true"))
		return 1;
	if (style != NULL) {
		char *s = xstrdup(style), *p, *q;
		int none;

		for (p = q = s; *p; p++)	/* "display: none" */
			if (*p != ' ')
				*q++ = *p;
		*q = '\0';
		none = strcasestr(s, "display:none") != NULL ||
		    strcasestr(s, "visibility:hidden") != NULL;
		free(s);
		return none;
	}
	return 0;
}

int
node_is_skipped(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_EMBED: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
	case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_FORM: case GUMBO_TAG_NAV:
	case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_META:
	case GUMBO_TAG_LINK: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
	case GUMBO_TAG_CANVAS: case GUMBO_TAG_MAP: case GUMBO_TAG_SOURCE:
	case GUMBO_TAG_TRACK: case GUMBO_TAG_PARAM: case GUMBO_TAG_BASE:
		return 1;
	default:
		return 0;
	}
}

int
node_is_block(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_HEADER:
	case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_CENTER: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
	case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_HR:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HGROUP: case GUMBO_TAG_TBODY:
	case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
	case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_TABLE:
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		return 1;
	default:
		return 0;
	}
}

long
node_attr_int(const GumboNode *n, const char *name)
{
	const char *v = node_attr(n, name);
	char *end;
	long x;

	if (v == NULL)
		return -1;
	x = strtol(v, &end, 10);
	if (end == v || x < 0)
		return -1;
	return x;
}

/* 1x1 images, hidden images and known counters are tracking pixels. */
int
node_is_tracking_pixel(const GumboNode *n)
{
	static const char *const counters[] = {
		"feeds.feedburner.com/~r/", "/~ff/", "pixel.wp.com",
		"stats.wp.com", "/pixel.gif", "/tracking/", "/beacon",
	};
	long wd = node_attr_int(n, "width"), ht = node_attr_int(n, "height");
	const char *src = node_attr(n, "src");
	size_t i;

	if ((wd >= 0 && wd <= 1) || (ht >= 0 && ht <= 1) || node_hidden(n))
		return 1;
	if (src != NULL)
		for (i = 0; i < DL_ARRAY_LEN(counters); i++)
			if (strstr(src, counters[i]) != NULL)
				return 1;
	return 0;
}

const char *
node_img_src(const GumboNode *n)
{
	const char *src = node_attr(n, "src");

	if (src == NULL || *src == '\0' || strncmp(src, "data:", 5) == 0)
		src = node_attr(n, "data-src");
	return src != NULL ? src : "";
}

/* Plain text of a subtree into text; text inside credit elements (class
 * "credit", "copyright", <cite>, <small>) into credit instead. */
void
node_text(const GumboNode *n, struct buf *text, struct buf *credit,
    int depth)
{
	const GumboVector *kids;
	struct buf *to = text;
	size_t i;

	if (depth > STORY_MAX_DEPTH)
		return;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
	    n->type == GUMBO_NODE_CDATA) {
		buf_add_sanitised(text, n->v.text.text, strlen(n->v.text.text),
		    SANITISE_TAB_TO_SPACE);
		buf_addc(text, ' ');
		return;
	}
	if (n->type != GUMBO_NODE_ELEMENT || node_is_skipped(n->v.element.tag) ||
	    node_hidden(n))
		return;
	if (credit != NULL && (node_attr_contains(n, "class", "credit") ||
	    node_attr_contains(n, "class", "copyright") ||
	    node_attr_contains(n, "class", "attribution") ||
	    n->v.element.tag == GUMBO_TAG_CITE ||
	    n->v.element.tag == GUMBO_TAG_SMALL)) {
		to = credit;
		credit = NULL;
	}
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++)
		node_text(kids->data[i], to, credit, depth + 1);
}

/* Collapse whitespace in place; the result has no leading or trailing
 * space. */
char *
node_squeeze(struct buf *b)
{
	char *s = buf_detach(b), *p, *q;
	int space = 1;

	if (s == NULL)
		return xstrdup("");
	for (p = q = s; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == '\f') {
			if (!space)
				*q++ = ' ';
			space = 1;
		} else {
			*q++ = *p;
			space = 0;
		}
	}
	if (q > s && q[-1] == ' ')
		q--;
	*q = '\0';
	return s;
}

const GumboNode *
node_find(const GumboNode *n, GumboTag tag, int depth)
{
	const GumboVector *kids;
	const GumboNode *found;
	size_t i;

	if (n->type != GUMBO_NODE_ELEMENT || depth > 32)
		return NULL;
	if (n->v.element.tag == tag)
		return n;
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++)
		if ((found = node_find(kids->data[i], tag, depth + 1)) != NULL)
			return found;
	return NULL;
}

int
node_has_blocks(const GumboNode *n, int depth)
{
	const GumboVector *kids;
	size_t i;

	if (n->type != GUMBO_NODE_ELEMENT || depth > 32)
		return 0;
	switch (n->v.element.tag) {
	case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_UL:
	case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_FIGURE: case GUMBO_TAG_IMG:
		return 1;
	case GUMBO_TAG_TABLE:
		if (depth > 0)
			return 1;
		break;
	default:
		break;
	}
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++)
		if (node_has_blocks(kids->data[i], depth + 1))
			return 1;
	return 0;
}

void
node_rows(const GumboNode *n, struct node_rows *rows, int depth)
{
	const GumboVector *kids;
	size_t i;

	if (n->type != GUMBO_NODE_ELEMENT || depth > 4 ||
	    rows->n >= STORY_MAX_BLOCKS)
		return;
	if (n->v.element.tag == GUMBO_TAG_TR) {
		rows->tr = xreallocarray(rows->tr, rows->n + 1, sizeof *rows->tr);
		rows->tr[rows->n++] = n;
		return;
	}
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++)
		node_rows(kids->data[i], rows, depth + 1);
}
