/*
 * story HTML walk: gumbo's tree of an item's HTML turned into story blocks
 * (paragraphs, headings, list items, quotes, preformatted text, table
 * rows, figures) made of runs of text and link references.  Whitespace is
 * collapsed as a browser would, every piece of text is sanitised, and
 * scripts, forms, hidden elements and tracking pixels are left out.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "story/story.h"
#include "story/story-private.h"
#include "util/arena.h"

struct pending_run {
	enum role	 role;
	int		 link;
	struct buf	 text;
};

struct walk {
	struct story		*st;
	struct story_links	*links;
	const char		*base;

	struct pending_run	*runs;		/* the block being built */
	size_t			 nruns, capruns;
	int			 space;		/* last thing added was a space */
	size_t			 added;		/* bytes of text added, ever */
	enum role		 role;		/* ROLE_BODY or ROLE_CODE */

	int			 heading;	/* inside <hN>: N */
	int			 pre;
	int			 quote;
	int			 list;		/* list depth */
	int			 ordinal[STORY_MAX_DEPTH];
	int			 in_item;	/* inside <li>: its first block is open */
	int			 item_ordinal;	/* of the open <li>, -1 once used */
	int			 tables;
};

static void walk_children(struct walk *, const GumboNode *, int);

static struct story_block *
new_block(struct story *st, enum story_block_kind kind)
{
	struct story_block *b;

	if (st->nblocks >= STORY_MAX_BLOCKS)
		return NULL;
	st->blocks = xreallocarray(st->blocks, st->nblocks + 1, sizeof *st->blocks);
	b = &st->blocks[st->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

static struct pending_run *
last_run(struct walk *w, enum role role, int link)
{
	struct pending_run *r;

	if (w->nruns > 0) {
		r = &w->runs[w->nruns - 1];
		if (r->role == role && r->link == -1 && link == -1)
			return r;
	}
	if (w->nruns == w->capruns) {
		w->capruns = w->capruns ? w->capruns * 2 : 8;
		w->runs = xreallocarray(w->runs, w->capruns, sizeof *w->runs);
	}
	r = &w->runs[w->nruns++];
	r->role = role;
	r->link = link;
	buf_init(&r->text);
	return r;
}

/* Text of a text node into the block, whitespace collapsed (kept in
 * <pre>), sanitised. */
static void
add_text(struct walk *w, const char *s, size_t len, enum role role)
{
	struct pending_run *r = last_run(w, role, -1);
	size_t i = 0, start, old = r->text.len;

	if (w->pre) {
		buf_add_sanitised(&r->text, s, len,
		    SANITISE_KEEP_NEWLINE | SANITISE_KEEP_TAB);
		w->space = 0;
		w->added += r->text.len - old;
		return;
	}
	while (i < len) {
		if (strchr(" \t\n\r\f", s[i]) != NULL && s[i] != '\0') {
			if (!w->space)
				buf_addc(&r->text, ' ');
			w->space = 1;
			i++;
			continue;
		}
		start = i;
		while (i < len && (strchr(" \t\n\r\f", s[i]) == NULL || s[i] == '\0'))
			i++;
		buf_add_sanitised(&r->text, s + start, i - start, 0);
		w->space = 0;
	}
	w->added += r->text.len - old;
}

static void
add_break(struct walk *w)
{
	struct pending_run *r = last_run(w, ROLE_BODY, -1);

	/* A break replaces the space before it. */
	if (r->text.len > 0 && r->text.data[r->text.len - 1] == ' ')
		buf_truncate(&r->text, r->text.len - 1);
	buf_addc(&r->text, '\n');
	w->space = 1;
	w->added++;
}

static void
drop_pending(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->nruns; i++)
		buf_free(&w->runs[i].text);
	w->nruns = 0;
	w->space = 1;
}

/* Text a reader can see: not only spaces, no-break spaces, zero-width
 * characters and breaks ("<p>&nbsp;</p>" is an empty paragraph). */
static int
visible(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;
	int n;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0)
			return 1;
		if (cp != ' ' && cp != '\n' && cp != 0xA0 && cp != 0x3000 &&
		    cp != 0x2007 && cp != 0x202F && utf8_cp_width(cp) > 0)
			return 1;
		i += (size_t)n;
	}
	return 0;
}

/* Trailing spaces and breaks go; a block with no text goes. */
static int
trim_pending(struct walk *w)
{
	struct pending_run *r;
	size_t i;

	while (w->nruns > 0) {
		r = &w->runs[w->nruns - 1];
		while (r->text.len > 0 && (r->text.data[r->text.len - 1] == ' ' ||
		    r->text.data[r->text.len - 1] == '\n'))
			buf_truncate(&r->text, r->text.len - 1);
		if (r->text.len > 0 || r->link != -1)
			break;
		buf_free(&r->text);
		w->nruns--;
	}
	for (i = 0; i < w->nruns; i++)
		if (w->runs[i].link == -1 &&
		    visible(w->runs[i].text.data, w->runs[i].text.len))
			return 1;
	return 0;
}

/* The block being built becomes a story block of the kind the context
 * says. */
static void
flush(struct walk *w)
{
	struct story_block *b;
	enum story_block_kind kind = BLOCK_PARAGRAPH;
	size_t i;

	if (w->nruns == 0 || !trim_pending(w)) {
		drop_pending(w);
		return;
	}
	if (w->pre)
		kind = BLOCK_PRE;
	else if (w->heading)
		kind = BLOCK_HEADING;
	else if (w->in_item)
		kind = BLOCK_LIST_ITEM;
	else if (w->quote)
		kind = BLOCK_QUOTE;
	if ((b = new_block(w->st, kind)) == NULL) {
		drop_pending(w);
		return;
	}
	b->level = kind == BLOCK_HEADING ? w->heading :
	    kind == BLOCK_LIST_ITEM ? w->list : w->quote;
	if (kind == BLOCK_LIST_ITEM) {
		b->ordinal = w->item_ordinal;
		w->item_ordinal = -1;	/* later blocks of the item: no bullet */
	}
	b->runs = xcalloc(w->nruns, sizeof *b->runs);
	for (i = 0; i < w->nruns; i++) {
		b->runs[i].role = w->runs[i].role;
		b->runs[i].link = w->runs[i].link;
		b->runs[i].text = buf_detach(&w->runs[i].text);
		if (b->runs[i].text == NULL)
			b->runs[i].text = xstrdup("");
	}
	b->nruns = w->nruns;
	w->nruns = 0;
	w->space = 1;
}


/* An image outside a figure: "[image: alt]" in the text. */
static void
walk_img(struct walk *w, const GumboNode *n)
{
	const char *alt = node_attr(n, "alt");
	struct buf b = BUF_INIT;

	if (node_is_tracking_pixel(n))
		return;
	if (!w->space)
		add_text(w, " ", 1, ROLE_BODY);
	if (alt != NULL && *alt != '\0') {
		buf_adds(&b, "[image: ");
		buf_adds(&b, alt);
		buf_adds(&b, "]");
	} else
		buf_adds(&b, "[image]");
	add_text(w, b.data, b.len, ROLE_CAPTION);
	add_text(w, " ", 1, ROLE_BODY);
	buf_free(&b);
}

static int
link_index(struct walk *w, const char *url)
{
	struct story_links *l = w->links;
	uint32_t h = 2166136261u;
	const char *p;
	size_t slot;

	for (p = url; *p != '\0'; p++)		/* FNV-1a */
		h = (h ^ (unsigned char)*p) * 16777619u;
	if (l->slots == NULL)
		l->slots = xcalloc(STORY_LINK_SLOTS, sizeof *l->slots);
	for (slot = h & (STORY_LINK_SLOTS - 1); l->slots[slot] != 0;
	    slot = (slot + 1) & (STORY_LINK_SLOTS - 1))
		if (strcmp(l->urls[l->slots[slot] - 1], url) == 0)
			return l->slots[slot] - 1;
	if (l->n >= STORY_MAX_LINKS)
		return -1;
	l->urls = xreallocarray(l->urls, l->n + 1, sizeof *l->urls);
	l->urls[l->n] = xstrdup(url);
	l->slots[slot] = (int)++l->n;
	return (int)l->n - 1;
}

static int
linkable(const char *href)
{
	static const char *const schemes[] = {
		"http:", "https:", "ftp:", "mailto:", "gopher:", "gemini:",
	};
	const char *colon = strchr(href, ':'), *delim = strpbrk(href, "/?#");
	size_t i;

	if (*href == '\0' || *href == '#')
		return 0;
	if (colon == NULL || (delim != NULL && delim < colon))
		return 1;	/* relative */
	for (i = 0; i < DL_ARRAY_LEN(schemes); i++)
		if (story_starts_with_ci(href, schemes[i]))
			return 1;
	return 0;		/* javascript:, data: and the like */
}

static void
walk_link(struct walk *w, const GumboNode *n, int depth)
{
	const char *href = node_attr(n, "href");
	size_t before = w->added;
	char *url, *clean;
	int idx;

	walk_children(w, n, depth);
	if (href == NULL || !linkable(href) || w->pre || w->added == before)
		return;
	url = story_resolve_url(w->base, href);
	clean = utf8_sanitise(url, strlen(url), 0);
	if ((idx = link_index(w, clean)) >= 0)
		last_run(w, ROLE_LINK_REF, idx);
	free(clean);
	free(url);
}


/* <figure>: its image and <figcaption> become a caption (with its
 * credit) shown in place; without a caption, "[image: alt]". */
static void
walk_figure(struct walk *w, const GumboNode *n, int depth)
{
	const GumboNode *img = node_find(n, GUMBO_TAG_IMG, 0);
	const GumboNode *cap = node_find(n, GUMBO_TAG_FIGCAPTION, 0);
	struct buf text = BUF_INIT, credit = BUF_INIT;
	struct story_block *b;
	char *t, *c, *url, *whole;

	if (img != NULL && node_is_tracking_pixel(img))
		img = NULL;
	if (cap == NULL) {
		if (img == NULL) {
			walk_children(w, n, depth);
			return;
		}
		flush(w);
		walk_img(w, img);
		flush(w);
		return;
	}
	flush(w);
	node_text(cap, &text, &credit, 0);
	t = node_squeeze(&text);
	c = node_squeeze(&credit);
	if (*c == '\0') {
		whole = t;
		free(c);
		story_split_credit(whole, &t, &c);
		free(whole);
	}
	url = img != NULL ? story_resolve_url(w->base, node_img_src(img)) : xstrdup("");
	if ((*t != '\0' || *c != '\0') &&
	    w->st->ncaptions < STORY_MAX_CAPTIONS &&
	    (b = new_block(w->st, BLOCK_FIGURE)) != NULL) {
		b->caption = w->st->ncaptions;
		story_add_caption(w->st, t, c, url, 0);
	}
	free(url);
	free(t);
	free(c);
}


/* A data table becomes rows of plain-text cells; a table used for layout
 * (blocks or images in its cells, one column) is walked as blocks. */
static void
walk_table(struct walk *w, const GumboNode *n, int depth)
{
	struct node_rows rows = { NULL, 0 };
	const GumboNode *tr, *td;
	struct story_block *b;
	struct buf text = BUF_INIT;
	size_t i, k, maxcols = 0;
	int table = ++w->tables, nonempty;

	node_rows(n, &rows, 0);
	for (i = 0; i < rows.n; i++) {
		tr = rows.tr[i];
		if (tr->v.element.children.length > maxcols)
			maxcols = tr->v.element.children.length;
	}
	if (rows.n == 0 || maxcols < 2 || node_has_blocks(n, 0)) {
		free(rows.tr);
		walk_children(w, n, depth);
		return;
	}
	flush(w);
	for (i = 0; i < rows.n; i++) {
		tr = rows.tr[i];
		if ((b = new_block(w->st, BLOCK_TABLE_ROW)) == NULL)
			break;
		b->table = table;
		b->header = 1;
		nonempty = 0;
		for (k = 0; k < tr->v.element.children.length; k++) {
			td = tr->v.element.children.data[k];
			if (td->type != GUMBO_NODE_ELEMENT ||
			    (td->v.element.tag != GUMBO_TAG_TD &&
			    td->v.element.tag != GUMBO_TAG_TH) ||
			    b->ncells >= STORY_MAX_CELLS)
				continue;
			if (td->v.element.tag == GUMBO_TAG_TD)
				b->header = 0;
			node_text(td, &text, NULL, 0);
			b->cells = xreallocarray(b->cells, b->ncells + 1,
			    sizeof *b->cells);
			b->cells[b->ncells] = node_squeeze(&text);
			nonempty |= *b->cells[b->ncells] != '\0';
			b->ncells++;
		}
		if (!nonempty) {	/* an empty row: taken back */
			for (k = 0; k < b->ncells; k++)
				free(b->cells[k]);
			free(b->cells);
			w->st->nblocks--;
		}
	}
	free(rows.tr);
}

static void
walk_list(struct walk *w, const GumboNode *n, int depth)
{
	long start = node_attr_int(n, "start");
	int saved_item = w->in_item, saved_ord = w->item_ordinal;

	flush(w);
	if (w->list + 1 >= STORY_MAX_DEPTH) {
		walk_children(w, n, depth);
		return;
	}
	w->list++;
	w->ordinal[w->list] = n->v.element.tag == GUMBO_TAG_OL ?
	    (int)(start > 0 && start < 100000 ? start : 1) : 0;
	w->in_item = 0;
	walk_children(w, n, depth);
	flush(w);
	w->list--;
	w->in_item = saved_item;
	w->item_ordinal = saved_ord;
}

static void
walk_item(struct walk *w, const GumboNode *n, int depth)
{
	int ord = w->ordinal[w->list];

	flush(w);
	w->in_item = w->list > 0;
	w->item_ordinal = ord;
	if (ord > 0)
		w->ordinal[w->list]++;
	walk_children(w, n, depth);
	flush(w);
	w->in_item = 0;
}

static void
walk_element(struct walk *w, const GumboNode *n, int depth)
{
	GumboTag tag = n->v.element.tag;
	enum role saved_role = w->role;

	if (node_is_skipped(tag) || node_hidden(n) ||
	    n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
		return;
	switch (tag) {
	case GUMBO_TAG_BR:
		add_break(w);
		return;
	case GUMBO_TAG_IMG:
		walk_img(w, n);
		return;
	case GUMBO_TAG_A:
		walk_link(w, n, depth);
		return;
	case GUMBO_TAG_FIGURE:
		walk_figure(w, n, depth);
		return;
	case GUMBO_TAG_TABLE:
		walk_table(w, n, depth);
		return;
	case GUMBO_TAG_UL: case GUMBO_TAG_OL:
		walk_list(w, n, depth);
		return;
	case GUMBO_TAG_LI:
		walk_item(w, n, depth);
		return;
	case GUMBO_TAG_Q:
		add_text(w, "\xE2\x80\x9C", 3, w->role);	/* “ */
		walk_children(w, n, depth);
		add_text(w, "\xE2\x80\x9D", 3, w->role);	/* ” */
		return;
	case GUMBO_TAG_CODE: case GUMBO_TAG_TT: case GUMBO_TAG_KBD:
	case GUMBO_TAG_SAMP:
		w->role = ROLE_CODE;
		walk_children(w, n, depth);
		w->role = saved_role;
		return;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		flush(w);
		w->heading = 1 + (int)(tag - GUMBO_TAG_H1);
		walk_children(w, n, depth);
		flush(w);
		w->heading = 0;
		return;
	case GUMBO_TAG_PRE:
		flush(w);
		w->pre++;
		walk_children(w, n, depth);
		flush(w);
		w->pre--;
		return;
	case GUMBO_TAG_BLOCKQUOTE:
		flush(w);
		w->quote++;
		walk_children(w, n, depth);
		flush(w);
		w->quote--;
		return;
	default:
		break;
	}
	if (node_is_block(tag)) {
		flush(w);
		walk_children(w, n, depth);
		flush(w);
	} else
		walk_children(w, n, depth);
}

static void
walk_node(struct walk *w, const GumboNode *n, int depth)
{
	switch (n->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
	case GUMBO_NODE_CDATA:
		add_text(w, n->v.text.text, strlen(n->v.text.text), w->role);
		break;
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE:
		walk_element(w, n, depth);
		break;
	default:
		break;
	}
}

static void
walk_children(struct walk *w, const GumboNode *n, int depth)
{
	const GumboVector *kids = &n->v.element.children;
	size_t i;

	if (depth >= STORY_MAX_DEPTH)
		return;
	for (i = 0; i < kids->length; i++)
		walk_node(w, kids->data[i], depth + 1);
}

/* Elements that do not nest: void ones and those whose end tag is
 * optional (the next one closes them). */
static int
nests(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR:
	case GUMBO_TAG_COL: case GUMBO_TAG_EMBED: case GUMBO_TAG_HR:
	case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_LINK:
	case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE:
	case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR: case GUMBO_TAG_P:
	case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
	case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
	case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_RT:
	case GUMBO_TAG_RP: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY:
	case GUMBO_TAG_TFOOT: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_UNKNOWN:
		return 0;
	default:
		return 1;
	}
}

static int
raw_text(GumboTag tag)
{
	return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE ||
	    tag == GUMBO_TAG_TEXTAREA || tag == GUMBO_TAG_TITLE ||
	    tag == GUMBO_TAG_XMP || tag == GUMBO_TAG_IFRAME ||
	    tag == GUMBO_TAG_NOEMBED || tag == GUMBO_TAG_NOFRAMES;
}

/* Offset of "</name" (any case) at or after i, or len. */
static size_t
find_end_tag(const char *s, size_t len, size_t i, const char *name, size_t n)
{
	const char *lt;

	while (i < len && (lt = memchr(s + i, '<', len - i)) != NULL) {
		i = (size_t)(lt - s);
		if (len - i > n + 1 && s[i + 1] == '/' &&
		    strncasecmp(s + i + 2, name, n) == 0)
			return i;
		i++;
	}
	return len;
}

/*
 * gumbo builds its tree in time quadratic in the nesting depth (50,000
 * nested <div>s take seconds), so a page nested deeper than max, by a
 * count of start and end tags, is cut where it gets there.
 */
static size_t
depth_cut(const char *s, size_t len, size_t max)
{
	size_t i = 0, j, start, depth = 0;
	const char *lt, *gt;
	GumboTag tag;
	int end;

	while (i < len && (lt = memchr(s + i, '<', len - i)) != NULL) {
		i = (size_t)(lt - s);
		if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			if ((gt = memmem(s + i + 4, len - i - 4, "-->", 3)) == NULL)
				break;
			i = (size_t)(gt - s) + 3;
			continue;
		}
		end = i + 1 < len && s[i + 1] == '/';
		start = j = i + 1 + (size_t)end;
		while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '-'))
			j++;
		if (j == start) {
			i++;
			continue;
		}
		tag = gumbo_tagn_enum(s + start, (unsigned int)(j - start));
		if ((gt = memchr(s + j, '>', len - j)) == NULL)
			break;
		i = (size_t)(gt - s) + 1;
		if (end) {
			if (depth > 0 && nests(tag))
				depth--;
		} else if (tag == GUMBO_TAG_PLAINTEXT)
			break;
		else if (raw_text(tag))
			i = find_end_tag(s, len, i, s + start, j - start);
		else if (nests(tag) && gt[-1] != '/' && ++depth > max)
			return (size_t)(lt - s);
	}
	return len;
}

void
story_html_walk(struct story *st, struct story_links *links,
    const char *html, size_t len, const char *base)
{
	struct arena arena;
	GumboOutput *out;
	struct walk w;

	if (len > STORY_MAX_HTML)
		len = STORY_MAX_HTML;
	len = depth_cut(html, len, STORY_MAX_NESTING);
	/* NULL: markup that would need more than ARENA_GUMBO_LIMIT (tens
	 * of times its size: formatting elements reopened in every
	 * paragraph) gives no text rather than all the memory. */
	if ((out = arena_gumbo_parse(&arena, html, len)) == NULL)
		return;
	memset(&w, 0, sizeof w);
	w.st = st;
	w.links = links;
	w.base = base;
	w.space = 1;
	w.role = ROLE_BODY;
	walk_node(&w, out->root, 0);
	flush(&w);
	free(w.runs);
	arena_release(&arena);
}
