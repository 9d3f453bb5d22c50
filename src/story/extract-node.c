/*
 * extract: the scoring pass's table of facts per element (open
 * addressing on the node's address: gumbo nodes have no slot of their
 * own), and the small tree helpers every extract file uses.
 */
#include "config.h"

#include <gumbo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "story/extract-int.h"
#include "util/util.h"

static size_t
slot_of(const GumboNode *n, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)n;

	h ^= h >> 29;
	h *= 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 17) & (cap - 1);
}

struct enode *
extract_node(struct extractor *x, const GumboNode *n)
{
	size_t i;

	if (x->cap == 0)
		return NULL;
	for (i = slot_of(n, x->cap);; i = (i + 1) & (x->cap - 1)) {
		if (x->nodes[i].node == n)
			return &x->nodes[i];
		if (x->nodes[i].node == NULL)
			return NULL;
	}
}

struct enode *
extract_node_add(struct extractor *x, const GumboNode *n)
{
	struct enode *e;
	size_t i;

	if ((e = extract_node(x, n)) != NULL)
		return e;
	if ((x->nnodes + 1) * 2 > x->cap) {
		struct enode *old = x->nodes;
		size_t oldcap = x->cap;

		x->cap = oldcap ? oldcap * 2 : 1024;
		x->nodes = xcalloc(x->cap, sizeof *x->nodes);
		for (i = 0; i < oldcap; i++) {
			size_t j;

			if (old[i].node == NULL)
				continue;
			for (j = slot_of(old[i].node, x->cap); x->nodes[j].node;
			    j = (j + 1) & (x->cap - 1))
				;
			x->nodes[j] = old[i];
		}
		free(old);
	}
	for (i = slot_of(n, x->cap); x->nodes[i].node;
	    i = (i + 1) & (x->cap - 1))
		;
	x->nodes[i].node = n;
	x->nnodes++;
	return &x->nodes[i];
}

double
extract_link_density(const struct enode *e)
{
	if (e == NULL || e->text == 0)
		return 0;
	return (double)e->links / (double)e->text;
}

const char *
extract_attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a;

	if (n->type != GUMBO_NODE_ELEMENT)
		return NULL;
	a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a ? a->value : NULL;
}

static void
space_after(struct buf *out)
{
	if (out->len > 0 && out->data[out->len - 1] != ' ')
		buf_addc(out, ' ');
}

static void
node_text_at(const GumboNode *n, struct buf *out, int depth)
{
	size_t i;

	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
	    n->type == GUMBO_NODE_CDATA) {
		const char *s = n->v.text.text;
		size_t run;

		while (*s) {
			run = strcspn(s, " \n\t\r\f");
			buf_add(out, s, run);
			s += run;
			if (*s == '\0')
				break;
			if (out->len > 0 && out->data[out->len - 1] != ' ')
				buf_addc(out, ' ');
			s += strspn(s, " \n\t\r\f");
		}
		return;
	}
	if ((n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) ||
	    depth >= EXTRACT_MAX_DEPTH)
		return;
	switch (n->v.element.tag) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE:
		return;
	default:
		break;
	}
	/* a line break or a block is a word boundary: "Name<br>Date" */
	if (n->v.element.tag == GUMBO_TAG_BR ||
	    extract_is_block_tag(n->v.element.tag))
		space_after(out);
	for (i = 0; i < n->v.element.children.length; i++)
		node_text_at(n->v.element.children.data[i], out, depth + 1);
	if (extract_is_block_tag(n->v.element.tag))
		space_after(out);
}

void
extract_node_text(const GumboNode *n, struct buf *out)
{
	node_text_at(n, out, 0);
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
}

/* Whether the space-separated list v holds word ("author creator"). */
int
extract_has_token(const char *v, const char *word)
{
	size_t n = strlen(word), len;

	while (v != NULL && *v != '\0') {
		v += strspn(v, " \t\n");
		len = strcspn(v, " \t\n");
		if (len == n && strncasecmp(v, word, n) == 0)
			return 1;
		v += len;
	}
	return 0;
}

int
extract_is_block_tag(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_HEADER:
	case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_NAV:
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
	case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
	case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
	case GUMBO_TAG_TH: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
	case GUMBO_TAG_TFOOT: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_PRE: case GUMBO_TAG_H1:
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HR:
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_DETAILS: case GUMBO_TAG_CENTER: case GUMBO_TAG_IMG:
	case GUMBO_TAG_VIDEO: case GUMBO_TAG_IFRAME:
		return 1;
	default:
		return 0;
	}
}
