/*
 * extract: bylines and datelines in the page's markup.  The names of a
 * byline element (up to the line break, the date or the block that
 * follows them, without "By"), and lines of publisher, date and author
 * that are no text.
 */
#include "config.h"

#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "story/extract-int.h"
#include "util/util.h"

const char *const extract_byline_words[] = {
	"byline", "author", "autor", "auteur", NULL,
};
const char *const extract_date_words[] = {
	"date", "time", "published", "updated", "datum", "fecha", NULL,
};

const char *
extract_skip_by(const char *s)
{
	/* (the other languages' words are also names' first words, "Von
	 * Miller": left when one word would remain) */
	static const char *const by[] = {
		"by", "posted by", "written by", "words by", "story by", NULL,
	};
	static const char *const by_other[] = {
		"von", "par", "por", "di", "door", "av", "af", NULL,
	};
	const char *t;
	size_t i, n;

	s += strspn(s, " ");
	for (i = 0; by[i] != NULL; i++) {
		n = strlen(by[i]);
		if (strncasecmp(s, by[i], n) == 0 && (s[n] == ' ' ||
		    s[n] == ':' || s[n] == '\0')) {
			s += n + (s[n] != '\0');
			return s + strspn(s, " ");
		}
	}
	for (i = 0; by_other[i] != NULL; i++) {
		n = strlen(by_other[i]);
		if (strncasecmp(s, by_other[i], n) != 0 || s[n] != ' ')
			continue;
		t = s + n + strspn(s + n, " ");
		if (strchr(t, ' ') != NULL && t[strcspn(t, " ") + 1] != '\0')
			return t;
	}
	return s;
}

/* Whether a byline's text so far holds more than "By". */
static int
has_names(const struct buf *b)
{
	const char *s = extract_skip_by(buf_str(b));

	return !extract_blank(s, strlen(s));
}

static void
byline_walk(const GumboNode *n, struct buf *out, int depth, int *stop)
{
	size_t i;

	if (*stop || depth >= EXTRACT_MAX_DEPTH)
		return;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
		for (i = 0; n->v.text.text[i] != '\0'; i++) {
			char c = n->v.text.text[i];

			if (strchr(" \t\n\r\f", c) != NULL) {
				if (out->len > 0 && out->data[out->len - 1] != ' ')
					buf_addc(out, ' ');
			} else
				buf_addc(out, c);
		}
		return;
	}
	if (n->type != GUMBO_NODE_ELEMENT)
		return;
	switch (n->v.element.tag) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
		return;
	case GUMBO_TAG_BR: case GUMBO_TAG_TIME:
		*stop = !extract_blank(out->data, out->len);
		return;
	default:
		break;
	}
	if (extract_class_has(n, extract_date_words) && !extract_class_has(n, extract_byline_words)) {
		*stop = !extract_blank(out->data, out->len);
		return;
	}
	/* "By <div>Name</div><div>Reporter</div>": the names' block ends them */
	if (extract_is_block_tag(n->v.element.tag) && has_names(out)) {
		*stop = 1;
		return;
	}
	if (out->len > 300)
		*stop = 1;
	if (extract_is_block_tag(n->v.element.tag) && out->len > 0 &&
	    out->data[out->len - 1] != ' ')
		buf_addc(out, ' ');
	for (i = 0; i < n->v.element.children.length && !*stop; i++)
		byline_walk(n->v.element.children.data[i], out, depth + 1, stop);
	if (extract_is_block_tag(n->v.element.tag) && out->len > 0 &&
	    out->data[out->len - 1] != ' ')
		buf_addc(out, ' ');
}

char *
extract_byline_of(const GumboNode *n)
{
	struct buf b = BUF_INIT;
	const char *s;
	char *r = NULL;
	size_t len;
	int stop = 0;

	byline_walk(n, &b, 0, &stop);
	s = extract_skip_by(buf_str(&b));
	len = strlen(s);
	while (len > 0 && strchr(" ,|-", s[len - 1]) != NULL)
		len--;
	if (len > 0 && len < 200)
		r = utf8_sanitise(s, len, SANITISE_TAB_TO_SPACE);
	buf_free(&b);
	return r;
}

/* Characters of <time> text below n, and whether an element names the
 * author for machines (itemprop="author", rel="author"). */
static void
meta_markup(const GumboNode *n, int depth, size_t *timechars, int *author)
{
	const GumboVector *kids;
	size_t i;

	if (n->type != GUMBO_NODE_ELEMENT || depth > 8)
		return;
	if (n->v.element.tag == GUMBO_TAG_TIME) {
		struct buf t = BUF_INIT;

		extract_node_text(n, &t);
		*timechars += t.len;
		buf_free(&t);
		return;
	}
	if (extract_has_token(extract_attr(n, "itemprop"), "author") ||
	    extract_has_token(extract_attr(n, "rel"), "author"))
		*author = 1;
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++)
		meta_markup(kids->data[i], depth + 1, timechars, author);
}

/* A line of publisher, date and author ("Le Monde | 04.05.2015 | Par
 * X"): dates in <time> make a good part of it, or it names the author
 * for machines and has a date too. */
int
extract_is_dateline(const GumboNode *n, const struct enode *e)
{
	size_t timechars = 0;
	int author = 0;

	meta_markup(n, 0, &timechars, &author);
	if (timechars == 0)
		return 0;
	return author || timechars * 10 >= e->text * 3;
}
