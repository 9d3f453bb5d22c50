/*
 * extract: the story's own block among others.  Of several <article>s
 * side by side (the next story loaded below this one), the one headed by
 * the page's title; the standfirst under the headline, outside the
 * story's body.
 */
#include "config.h"

#include <ctype.h>
#include <gumbo.h>
#include <string.h>

#include "story/extract-int.h"
#include "util/util.h"

static int
contains(const GumboNode *a, const GumboNode *n)
{
	for (; n != NULL; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

/* Letters and digits of s, lower-cased, into out (size bytes). */
static void
fold_text(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < size; s++)
		if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

/* Whether one of the first headings in n is the page's title. */
static int
has_title_heading(struct extractor *x, const GumboNode *n, const char *title)
{
	const GumboNode *stack[16];
	size_t next[16], seen = 0;
	int depth = 0;
	char a[256];

	stack[0] = n;
	next[0] = 0;
	while (depth >= 0 && seen++ < 400) {
		const GumboVector *kids = &stack[depth]->v.element.children;
		const GumboNode *c;
		struct enode *e;

		if (next[depth] >= kids->length) {
			depth--;
			continue;
		}
		c = kids->data[next[depth]++];
		if (c->type != GUMBO_NODE_ELEMENT ||
		    (e = extract_node(x, c)) == NULL || e->junk)
			continue;
		if (c->v.element.tag == GUMBO_TAG_H1 || c->v.element.tag == GUMBO_TAG_H2) {
			struct buf h = BUF_INIT;

			extract_node_text(c, &h);
			fold_text(buf_str(&h), a, sizeof a);
			buf_free(&h);
			if (*a != '\0' && strcmp(a, title) == 0)
				return 1;
			continue;
		}
		if (depth + 1 < (int)DL_ARRAY_LEN(stack)) {
			stack[++depth] = c;
			next[depth] = 0;
		}
	}
	return 0;
}

/* Pages that load the next story below this one ("infinite scroll"):
 * of several <article>s side by side, the one headed by the page's title. */
GumboNode *
extract_titled_article(struct extractor *x, GumboNode *best)
{
	GumboNode *arts[16], *match = NULL, *holder, *a;
	const GumboVector *kids;
	size_t i, n = 0, nmatch = 0;
	char title[256];
	struct enode *e;

	if (x->title == NULL || *x->title == '\0')
		return best;
	fold_text(x->title, title, sizeof title);
	if (strlen(title) < 10)
		return best;
	/* the articles: the siblings of the one best is in, else best's
	 * children */
	holder = best;
	for (a = best, i = 0; i < 4 && a != NULL && a->type == GUMBO_NODE_ELEMENT &&
	    a->v.element.tag != GUMBO_TAG_BODY; a = a->parent, i++)
		if (a->v.element.tag == GUMBO_TAG_ARTICLE) {
			holder = a->parent;
			break;
		}
	if (holder == NULL || holder->type != GUMBO_NODE_ELEMENT)
		return best;
	kids = &holder->v.element.children;
	for (i = 0; i < kids->length && n < DL_ARRAY_LEN(arts); i++) {
		GumboNode *c = kids->data[i];

		if (c->type == GUMBO_NODE_ELEMENT &&
		    c->v.element.tag == GUMBO_TAG_ARTICLE &&
		    (e = extract_node(x, c)) != NULL && !e->junk && e->text >= 200)
			arts[n++] = c;
	}
	if (n < 2)
		return best;
	for (i = 0; i < n; i++)
		if (has_title_heading(x, arts[i], title)) {
			match = arts[i];
			nmatch++;
		}
	/* (best in that article already: as chosen) */
	if (nmatch != 1 || contains(match, best))
		return best;
	return match;
}

/* Whether a class names the standfirst: the story's summary under the
 * headline, outside its body ("article__standfirst", "dek", "sapo"). */
static int
is_standfirst_class(const char *c)
{
	static const char *const words[] = {
		"standfirst", "dek", "deck", "lede", "lead", "leadin", "intro",
		"introduction", "summary", "subtitle", "subheadline", "strapline",
		"sapo", "chapo", "chapeau", "excerpt", "abstract", "anrisstext",
		"vorspann", "entradilla", "bajada", "sommario", NULL,
	};
	char w[32];
	size_t i, n;

	while (*c != '\0') {
		for (n = 0; isalnum((unsigned char)*c); c++)
			if (n < sizeof w - 1)
				w[n++] = (char)tolower((unsigned char)*c);
		w[n] = '\0';
		for (i = 0; n > 0 && words[i] != NULL; i++)
			if (strcmp(w, words[i]) == 0)
				return 1;
		if (*c != '\0')
			c++;
	}
	return 0;
}

static GumboNode *
standfirst_in(struct extractor *x, GumboNode *n, int depth, size_t *budget)
{
	const GumboVector *kids;
	struct enode *e;
	const char *c;
	size_t i;

	if (n->type != GUMBO_NODE_ELEMENT || depth > 8 || *budget == 0 ||
	    (e = extract_node(x, n)) == NULL || e->junk)
		return NULL;
	(*budget)--;
	if ((c = extract_attr(n, "class")) != NULL && is_standfirst_class(c) &&
	    e->text >= 50 && e->text <= 800 && extract_link_density(e) < 0.3) {
		switch (n->v.element.tag) {
		case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H2:
		case GUMBO_TAG_SPAN: case GUMBO_TAG_SECTION:
			return n;
		default:
			break;
		}
	}
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++) {
		GumboNode *f = standfirst_in(x, kids->data[i], depth + 1, budget);

		if (f != NULL)
			return f;
	}
	return NULL;
}

/* The standfirst before the story's first block, up to three levels out
 * (its header), or NULL. */
GumboNode *
extract_find_standfirst(struct extractor *x, GumboNode *root)
{
	GumboNode *a = root, *parent, *f;
	const GumboVector *kids;
	size_t level, i, budget = 300;

	for (level = 0; level < 3; level++, a = parent) {
		parent = a->parent;
		if (parent == NULL || parent->type != GUMBO_NODE_ELEMENT ||
		    a->v.element.tag == GUMBO_TAG_BODY)
			return NULL;
		kids = &parent->v.element.children;
		for (i = 0; i < kids->length && kids->data[i] != a; i++)
			if ((f = standfirst_in(x, kids->data[i], 0, &budget)) != NULL)
				return f;
	}
	return NULL;
}
