/*
 * extract: find the article in a page.  One pass measures every element
 * (text and link text below it, whether its tag, role, style or class
 * marks it as page furniture); a second scores paragraphs into their
 * ancestors; the best-scored element and the siblings that look like
 * more of the same story are written out by extract-html.c.  Pages that
 * are not one article (login walls, index pages) are refused with a
 * reason.  The metadata (extract-meta.c) gives headline, date, byline and
 * lead photo, and its JSON-LD articleBody stands in when the markup holds
 * less of the story.
 */
#include "config.h"

#include <ctype.h>
#include <gumbo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse.h"
#include "story/extract-int.h"
#include "util/arena.h"
#include "util/i18n.h"
#include "util/util.h"

#define MIN_ARTICLE_CHARS	250	/* less is not an article */
#define LOGIN_MAX_CHARS		500	/* a password field and less text */
#define WRAPPER_CHARS		1000	/* furniture-named yet holding text */
#define MAX_LINKED_HEADINGS	3	/* more in the body: an index page */
#define MAX_CANDIDATES		8

/* Whether an inline style hides the element: display:none or
 * visibility:hidden, in any case and spacing. */
static int
style_hides(const char *v)
{
	char b[256];
	size_t n = 0;

	for (; *v != '\0' && n < sizeof b - 1; v++)
		if (!isspace((unsigned char)*v))
			b[n++] = tolower((unsigned char)*v);
	b[n] = '\0';
	return strstr(b, "display:none") != NULL ||
	    strstr(b, "visibility:hidden") != NULL;
}

/* Whether a class hides the element from the eye, for screen readers
 * only ("visually-hidden", "sr-only"): labels like "Continue reading the
 * main story", "Image caption". */
static int
screen_reader_only(const char *c)
{
	static const char *const names[] = {
		"visually-hidden", "visuallyhidden", "sr-only", "screen-reader",
		"screenreader", "offscreen", "off-screen", "element-invisible",
		"assistive-text", NULL,
	};
	size_t i;

	/* (most classes hold none of the letters these share) */
	if (strpbrk(c, "-") == NULL && strcasestr(c, "hidden") == NULL &&
	    strcasestr(c, "reader") == NULL && strcasestr(c, "offscreen") == NULL)
		return 0;
	for (i = 0; names[i] != NULL; i++)
		if (strcasestr(c, names[i]) != NULL)
			return 1;
	return 0;
}

/* Elements dropped with their contents, whatever they hold. */
static int
always_junk(const GumboNode *n)
{
	const char *v;

	switch (n->v.element.tag) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_IFRAME: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SVG:
	case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT:
	case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
	case GUMBO_TAG_CANVAS: case GUMBO_TAG_NAV: case GUMBO_TAG_MENU:
	case GUMBO_TAG_HEAD: case GUMBO_TAG_MATH:
	case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_LABEL:
		return 1;
	case GUMBO_TAG_UNKNOWN:
		return n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML;
	default:
		break;
	}
	if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
		return 1;
	if (extract_attr(n, "hidden") != NULL)
		return 1;
	if ((v = extract_attr(n, "aria-hidden")) != NULL && strcmp(v, "true") == 0)
		return 1;
	if ((v = extract_attr(n, "class")) != NULL && screen_reader_only(v))
		return 1;
	/* (not the body: scripts hide it until they have run) */
	if ((v = extract_attr(n, "style")) != NULL && style_hides(v) &&
	    n->v.element.tag != GUMBO_TAG_BODY && n->v.element.tag != GUMBO_TAG_HTML)
		return 1;
	if ((v = extract_attr(n, "role")) != NULL &&
	    (strcmp(v, "navigation") == 0 || strcmp(v, "dialog") == 0 ||
	    strcmp(v, "alertdialog") == 0 || strcmp(v, "menu") == 0 ||
	    strcmp(v, "menubar") == 0 || strcmp(v, "search") == 0))
		return 1;
	return 0;
}

/* "class id" of an element in buf, or NULL when it has neither. */
static const char *
class_and_id(const GumboNode *n, char *buf, size_t size)
{
	const char *c = extract_attr(n, "class"), *id = extract_attr(n, "id");

	if (c == NULL && id == NULL)
		return NULL;
	snprintf(buf, size, "%s %s", c ? c : "", id ? id : "");
	return buf;
}

/* Furniture by name or by tag (forms, asides, footers, complementary
 * roles), unless it turns out to wrap a lot of plain text. */
static int
furniture(const GumboNode *n, const struct enode *e)
{
	char cid[512];
	const char *role = extract_attr(n, "role");
	int w, boilerplate;

	switch (n->v.element.tag) {
	case GUMBO_TAG_BODY: case GUMBO_TAG_HTML:
		return 0;
	default:
		break;
	}
	if (e->text >= WRAPPER_CHARS && extract_link_density(e) < 0.25)
		return 0;
	switch (n->v.element.tag) {
	case GUMBO_TAG_FORM: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
		return 1;
	default:
		break;
	}
	if (role != NULL && (strcmp(role, "complementary") == 0 ||
	    strcmp(role, "contentinfo") == 0))
		return 1;
	if (class_and_id(n, cid, sizeof cid) == NULL)
		return 0;
	extract_hint_classify(cid, &w, &boilerplate);
	return boilerplate || w < 0;
}

static struct enode *
measure(struct extractor *x, GumboNode *n, int depth, int in_link)
{
	struct enode *e = extract_node_add(x, n);
	const GumboVector *kids = &n->v.element.children;
	int link = in_link || n->v.element.tag == GUMBO_TAG_A;
	size_t i;

	if (depth >= EXTRACT_MAX_DEPTH || always_junk(n)) {
		e->junk = 1;
		return e;
	}
	if (n->v.element.tag == GUMBO_TAG_H1 && x->first_h1 == NULL)
		x->first_h1 = n;
	if ((n->v.element.tag == GUMBO_TAG_H1 || n->v.element.tag == GUMBO_TAG_H2) &&
	    x->nheads < EXTRACT_MAX_HEADS)
		x->heads[x->nheads++] = n;
	for (i = 0; i < kids->length; i++) {
		GumboNode *c = kids->data[i];

		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA) {
			size_t len = extract_text_length(c->v.text.text,
			    strlen(c->v.text.text));

			e->text += len;
			if (link)
				e->links += len;
		} else if (c->type == GUMBO_NODE_ELEMENT) {
			struct enode *ce = measure(x, c, depth + 1, link);

			/* the table may have moved */
			e = extract_node(x, n);
			if (extract_is_block_tag(c->v.element.tag))
				e->has_block = 1;
			if (!ce->junk) {
				e->text += ce->text;
				e->links += ce->links;
			}
		}
	}
	if (furniture(n, e))
		e->junk = 1;
	return e;
}

static double
tag_base_score(const GumboNode *n)
{
	switch (n->v.element.tag) {
	case GUMBO_TAG_ARTICLE:
		return 8;
	case GUMBO_TAG_DIV: case GUMBO_TAG_MAIN:
		return 5;
	case GUMBO_TAG_SECTION: case GUMBO_TAG_PRE: case GUMBO_TAG_TD:
	case GUMBO_TAG_BLOCKQUOTE:
		return 3;
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL:
	case GUMBO_TAG_DL: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
	case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
		return -3;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_TH:
		return -5;
	default:
		return 0;
	}
}

static void
add_score(struct extractor *x, const GumboNode *n, double score)
{
	struct enode *e;
	char cid[512];

	if (n == NULL || n->type != GUMBO_NODE_ELEMENT)
		return;
	if ((e = extract_node(x, n)) == NULL || e->junk)
		return;
	if (!e->scored) {
		e->scored = 1;
		e->score = tag_base_score(n) +
		    extract_hint_weight(class_and_id(n, cid, sizeof cid));
	}
	e->score += score;
}

/* Credit a block of running text to the element holding it and to a few
 * of its ancestors, less the further up. */
static void
credit_ancestors(struct extractor *x, const GumboNode *holder, double score)
{
	const GumboNode *a = holder;
	int level;

	for (level = 0; a != NULL && level < 5; level++, a = a->parent) {
		if (a->type != GUMBO_NODE_ELEMENT ||
		    a->v.element.tag == GUMBO_TAG_HTML)
			break;
		add_score(x, a, level == 0 ? score :
		    level == 1 ? score / 2 : score / (level * 3));
	}
}

/* Text of the inline children of n only (not of its blocks, nor of
 * inline elements that hold blocks: those are walked on their own). */
static void
inline_text(struct extractor *x, const GumboNode *n, struct buf *out)
{
	const GumboVector *kids = &n->v.element.children;
	struct enode *e;
	size_t i;

	for (i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];

		if (c->type == GUMBO_NODE_ELEMENT &&
		    (extract_is_block_tag(c->v.element.tag) ||
		    (e = extract_node(x, c)) == NULL || e->junk || e->has_block))
			continue;
		extract_node_text(c, out);
		buf_addc(out, ' ');
	}
}

/* Commas in the kept text below n. */
static size_t
commas_below(struct extractor *x, const GumboNode *n, int depth)
{
	const GumboVector *kids = &n->v.element.children;
	struct enode *e;
	size_t i, count = 0;

	for (i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];

		if (c->type == GUMBO_NODE_TEXT)
			count += extract_count_commas(c->v.text.text,
			    strlen(c->v.text.text));
		else if (c->type == GUMBO_NODE_ELEMENT && depth + 1 < EXTRACT_MAX_DEPTH &&
		    (e = extract_node(x, c)) != NULL && !e->junk)
			count += commas_below(x, c, depth + 1);
	}
	return count;
}

static void
score_walk(struct extractor *x, GumboNode *n, int depth)
{
	struct enode *e = extract_node(x, n);
	const GumboVector *kids = &n->v.element.children;
	struct buf b = BUF_INIT;
	GumboTag tag = n->v.element.tag;
	size_t i;

	if (e == NULL || e->junk || depth >= EXTRACT_MAX_DEPTH)
		return;
	if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_PRE ||
	    (tag == GUMBO_TAG_TD && !e->has_block)) {
		credit_ancestors(x, n->parent, extract_score_of(e->text,
		    commas_below(x, n, depth)));
		return;
	}
	if (tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION ||
	    tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_SPAN ||
	    tag == GUMBO_TAG_FONT || tag == GUMBO_TAG_CENTER ||
	    tag == GUMBO_TAG_MAIN || tag == GUMBO_TAG_BODY) {
		/* Div soup: running text straight inside a container. */
		inline_text(x, n, &b);
		if (extract_text_length(b.data, b.len) >= 25)
			credit_ancestors(x, e->has_block ? n : n->parent,
			    extract_text_score(b.data, b.len));
		buf_free(&b);
	}
	/* Inline children without blocks were counted with the text
	 * above; only blocks (and what holds them) are walked. */
	for (i = 0; i < kids->length; i++) {
		GumboNode *c = kids->data[i];
		struct enode *ce;

		if (c->type != GUMBO_NODE_ELEMENT ||
		    (ce = extract_node(x, c)) == NULL || ce->junk)
			continue;
		if (extract_is_block_tag(c->v.element.tag) || ce->has_block)
			score_walk(x, c, depth + 1);
	}
}

static double
final_score(const struct enode *e)
{
	return e->score * (1 - extract_link_density(e));
}

static int
is_ancestor(const GumboNode *a, const GumboNode *n)
{
	for (; n != NULL; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

/* Higher scored, or as high and earlier in the page: the table is in
 * no order (it hashes addresses), and ties must not go by chance. */
static int
better(const struct enode *a, const struct enode *b)
{
	double sa = final_score(a), sb = final_score(b);

	if (sa != sb)
		return sa > sb;
	return a->node->v.element.start_pos.offset <
	    b->node->v.element.start_pos.offset;
}

/* The best candidate; when several strong ones sit apart (a story split
 * into boxes), their nearest common ancestor. */
static GumboNode *
best_candidate(struct extractor *x)
{
	struct enode *top[MAX_CANDIDATES] = { NULL };
	GumboNode *best, *a;
	size_t i, j, near;

	for (i = 0; i < x->cap; i++) {
		struct enode *e = &x->nodes[i];

		if (e->node == NULL || !e->scored || e->junk)
			continue;
		for (j = 0; j < MAX_CANDIDATES; j++) {
			if (top[j] == NULL || better(e, top[j])) {
				memmove(top + j + 1, top + j,
				    (MAX_CANDIDATES - j - 1) * sizeof *top);
				top[j] = e;
				break;
			}
		}
	}
	if (top[0] == NULL || final_score(top[0]) <= 0)
		return NULL;
	best = (GumboNode *)top[0]->node;
	for (a = best; a != NULL && a->type == GUMBO_NODE_ELEMENT &&
	    a->v.element.tag != GUMBO_TAG_BODY; a = a->parent) {
		for (near = 0, j = 1; j < MAX_CANDIDATES && top[j]; j++)
			if (final_score(top[j]) >= 0.75 * final_score(top[0]) &&
			    !is_ancestor(top[j]->node, best) &&
			    is_ancestor(a, top[j]->node))
				near++;
		if (near >= 2)
			return a;
	}
	return best;
}

/* Whether a sibling of the best candidate is more of the story. */
static int
related_sibling(struct extractor *x, GumboNode *s, double threshold)
{
	struct enode *e = extract_node(x, s);
	struct buf b = BUF_INIT;
	double ld;
	int keep = 0;

	if (e == NULL || e->junk)
		return 0;
	if (e->scored && final_score(e) >= threshold)
		return 1;
	ld = extract_link_density(e);
	switch (s->v.element.tag) {
	case GUMBO_TAG_FIGURE: case GUMBO_TAG_IMG:
		return 1;
	case GUMBO_TAG_DIV:
		if (extract_is_figure_like(x, s))
			return 1;
		break;
	default:
		break;
	}
	switch (s->v.element.tag) {
	case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BLOCKQUOTE:
		if (e->has_block && s->v.element.tag != GUMBO_TAG_BLOCKQUOTE)
			return 0;
		extract_node_text(s, &b);
		if (e->text >= 80 && ld < 0.25)
			keep = 1;
		else if (e->text > 0 && e->text < 80 && ld == 0 &&
		    strstr(buf_str(&b), ". ") != NULL)
			keep = 1;
		else if (e->text > 0 && e->text < 80 && ld == 0 && b.len > 0 &&
		    b.data[b.len - 1] == '.')
			keep = 1;
		if (keep && extract_is_read_more(buf_str(&b)))
			keep = 0;
		buf_free(&b);
		return keep;
	default:
		return 0;
	}
}

/* The best candidate and its related siblings, in page order. */
static size_t
choose_roots(struct extractor *x, GumboNode *best, GumboNode ***roots)
{
	GumboNode *parent = best->parent;
	struct enode *be = extract_node(x, best);
	const GumboVector *sibs;
	double threshold;
	size_t i, n = 0;

	*roots = xcalloc(1, sizeof **roots);
	if (parent == NULL || parent->type != GUMBO_NODE_ELEMENT ||
	    best->v.element.tag == GUMBO_TAG_BODY) {
		(*roots)[n++] = best;
		return n;
	}
	threshold = final_score(be) * 0.2;
	if (threshold < 10)
		threshold = 10;
	sibs = &parent->v.element.children;
	for (i = 0; i < sibs->length; i++) {
		GumboNode *s = sibs->data[i];

		if (s->type != GUMBO_NODE_ELEMENT)
			continue;
		if (s != best && !related_sibling(x, s, threshold))
			continue;
		*roots = xreallocarray(*roots, n + 1, sizeof **roots);
		(*roots)[n++] = s;
	}
	return n;
}

/* Why the chosen blocks are not an article, or NULL when they are. */
static const char *
refusal(const struct extractor *x, const struct extract_out *o)
{
	const struct extract_meta *m = &x->meta;
	int says_article = m->ld_article ||
	    (m->og_type != NULL && strcmp(m->og_type, "article") == 0);

	if (m->has_password && o->chars < LOGIN_MAX_CHARS)
		return _("no article found: the page looks like a login page");
	/* Teasers: headings that are links, a big share of the blocks (at
	 * least half when the page calls itself an article: a list of
	 * linked subheads in a long story is not an index). */
	if (o->linked_headings >= MAX_LINKED_HEADINGS &&
	    o->linked_headings * (says_article ? 2 : 5) >= o->blocks)
		return _("no article found: the page looks like an index page");
	if (o->chars < MIN_ARTICLE_CHARS)
		return _("no article found: the page has too little running text");
	return NULL;
}

/* Run the passes over a parsed page and fill o; the reason when the
 * markup holds no article. */
static const char *
extract_markup(struct extractor *x, GumboNode *root, struct extract_out *o)
{
	GumboNode *best, *art, *lead, **roots = NULL;
	const char *why;
	size_t nroots;

	if (x->body == NULL)
		return _("no article found: the page has no body");
	measure(x, root, 0, 0);
	score_walk(x, x->body, 0);
	if ((best = best_candidate(x)) == NULL) {
		if (x->meta.has_password)
			return _("no article found: the page looks like a login page");
		return _("no article found: the page has too little running text");
	}
	if ((art = extract_titled_article(x, best)) != best) {
		/* that article alone: its neighbours are other stories */
		roots = xcalloc(1, sizeof *roots);
		roots[0] = art;
		nroots = 1;
	} else
		nroots = choose_roots(x, best, &roots);
	if ((lead = extract_find_standfirst(x, roots[0])) != NULL) {
		roots = xreallocarray(roots, nroots + 1, sizeof *roots);
		memmove(roots + 1, roots, nroots * sizeof *roots);
		roots[0] = lead;
		nroots++;
	}
	extract_write(x, roots, nroots, o);
	free(roots);
	why = refusal(x, o);
	return why;
}

static GumboNode *
find_body(GumboNode *root)
{
	size_t i;

	if (root == NULL || root->type != GUMBO_NODE_ELEMENT)
		return NULL;
	for (i = 0; i < root->v.element.children.length; i++) {
		GumboNode *c = root->v.element.children.data[i];

		if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_BODY)
			return c;
	}
	return NULL;
}

static int
extract_utf8(const char *html, size_t len, const char *base_url,
    struct extract_result *out, char **err)
{
	struct extractor x;
	struct extract_out o;
	struct buf page = BUF_INIT;
	struct arena arena;
	GumboOutput *g = NULL;
	const char *why;
	char *base = NULL, *next;
	int rc = -1;

	extract_result_init(out);
	memset(&x, 0, sizeof x);
	memset(&o, 0, sizeof o);
	if (len > EXTRACT_MAX_PAGE) {
		*err = xasprintf(_("the page is too large (%zu bytes, at most %u)"),
		    len, EXTRACT_MAX_PAGE);
		return -1;
	}
	extract_strip_page(html ? html : "", len, &page);
	if (page.len > EXTRACT_MAX_MARKUP) {
		*err = xasprintf(_("the page is too large (%zu bytes of markup "
		    "without scripts and styles, at most %u)"), page.len,
		    EXTRACT_MAX_MARKUP);
		goto out;
	}
	if ((g = arena_gumbo_parse(&arena, page.data, page.len)) == NULL) {
		*err = xasprintf(_("the page is too large to parse (%zu bytes of "
		    "markup need more than %zu bytes of memory)"), page.len,
		    ARENA_GUMBO_LIMIT(page.len));
		goto out;
	}
	x.body = find_body(g->root);
	extract_meta_read(g->root, &x.meta);
	extract_set_base(&x, base_url, &base);
	extract_fill_meta(&x, out);
	x.title = out->title;
	x.cap = 1024;
	while (x.cap < page.len / 16)
		x.cap *= 2;
	x.nodes = xcalloc(x.cap, sizeof *x.nodes);

	why = extract_markup(&x, g->root, &o);
	why = extract_prefer_jsonld(&x, &o, why, out);
	if (why != NULL) {
		*err = xstrdup(why);
		goto out;
	}
	extract_finish(&x, &o, out);
	/* a JSON-LD articleBody is the whole story already */
	if (out->source == EXTRACT_FROM_MARKUP &&
	    (next = extract_find_next(g->root, x.base, base_url != NULL &&
	    *base_url != '\0' ? base_url : x.base)) != NULL) {
		free(out->next_page);
		out->next_page = next;
	}
	rc = 0;
out:
	buf_free(&o.html);
	buf_free(&o.text);
	free(o.byline);
	free(x.nodes);
	extract_meta_free(&x.meta);
	free(base);
	if (g != NULL)
		arena_release(&arena);
	buf_free(&page);
	return rc;
}

int
extract_article(const char *html, size_t len, const char *base_url,
    struct extract_result *out, char **err)
{
	return extract_article_http(html, len, base_url, NULL, out, err);
}

int
extract_article_http(const char *html, size_t len, const char *base_url,
    const char *http_charset, struct extract_result *out, char **err)
{
	struct buf utf8 = BUF_INIT;
	char *cerr = NULL;
	int rc;

	if (len > EXTRACT_MAX_PAGE) {
		extract_result_init(out);
		*err = xasprintf(_("the page is too large (%zu bytes, at most %u)"),
		    len, EXTRACT_MAX_PAGE);
		return -1;
	}
	/* an unknown charset: read as UTF-8, as before it was known */
	if (extract_page_utf8(html ? html : "", len, http_charset, &utf8,
	    &cerr) == 1) {
		html = buf_str(&utf8);
		len = utf8.len;
	}
	free(cerr);
	rc = extract_utf8(html, len, base_url, out, err);
	buf_free(&utf8);
	return rc;
}

char *
extract_fulltext(const char *page, size_t len, const char *url,
    const char *http_charset, char **err)
{
	struct extract_result r;
	char *html;

	if (extract_article_http(page, len, url, http_charset, &r, err) != 0) {
		extract_result_free(&r);
		return NULL;
	}
	html = r.html;
	r.html = NULL;
	extract_result_free(&r);
	return html;
}
