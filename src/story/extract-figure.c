/*
 * extract: photos.  A <figure>, or a small block holding an image and a
 * caption-named element, becomes one <figure> with the first usable image
 * (lazy-loading attributes and srcset read, tracking pixels skipped) and a
 * <figcaption> whose credit (credit-, photographer-, copyright-named
 * elements, or short unmarked text beside the image) is a
 * <span class="credit"> the story module reads.
 */
#include "config.h"

#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse.h"
#include "story/extract-int.h"
#include "util/util.h"

/* An image's address: src, or the lazy-loading attributes when src is a
 * placeholder.  Allocated and absolute, or NULL. */
/* The grey square or spinner a lazy-loading page shows first. */
static int
placeholder(const char *src)
{
	static const char *const words[] = {
		"placeholder", "blank.gif", "spacer.gif", "1x1.", "transparent.",
		"pixel.gif", "grey.gif", "gray.gif", "loading.gif", "lazy.",
	};
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(words); i++)
		if (strcasestr(src, words[i]) != NULL)
			return 1;
	return 0;
}

static char *
image_url(struct writer *w, const GumboNode *img)
{
	static const char *const attrs[] = {
		"data-src", "data-lazy-src", "data-original", "data-url",
		"src", "data-srcset", "srcset",
	};
	const char *v, *wd = extract_attr(img, "width"),
	    *ht = extract_attr(img, "height");
	size_t i, len;

	if (ht == NULL)
		ht = extract_attr(img, "data-height");
	if ((wd && strcmp(wd, "1") == 0) || (ht && strcmp(ht, "1") == 0))
		return NULL;	/* a tracking pixel */
	if (ht != NULL && ht[0] >= '0' && ht[0] <= '9' && atoi(ht) <= 4)
		return NULL;	/* a rule drawn as an image */
	for (i = 0; i < DL_ARRAY_LEN(attrs); i++) {
		if ((v = extract_attr(img, attrs[i])) == NULL)
			continue;
		while (*v == ' ')
			v++;
		if (*v == '\0' || strncasecmp(v, "data:", 5) == 0 ||
		    placeholder(v))
			continue;
		len = strcspn(v, " ,");	/* the first srcset candidate */
		char *ref = xstrndup(v, len), *abs;

		if (w->x->base != NULL) {
			abs = parse_url_resolve(w->x->base, ref);
			free(ref);
		} else
			abs = ref;
		if (strncasecmp(abs, "javascript:", 11) == 0) {
			free(abs);
			return NULL;
		}
		return abs;
	}
	return NULL;
}

/* A lazy-loading page's empty box that scripts turn into the image:
 * <div class="js-delayed-image-load" data-src="photo.jpg">. */
static int
is_lazy_box(const GumboNode *n)
{
	static const char *const exts[] = {
		".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif",
	};
	const char *v;
	size_t i, len;

	if ((n->v.element.tag != GUMBO_TAG_DIV && n->v.element.tag != GUMBO_TAG_SPAN) ||
	    ((v = extract_attr(n, "data-src")) == NULL &&
	    (v = extract_attr(n, "data-original")) == NULL))
		return 0;
	for (i = 0; i < n->v.element.children.length; i++)
		if (((const GumboNode *)n->v.element.children.data[i])->type ==
		    GUMBO_NODE_ELEMENT)
			return 0;
	len = strcspn(v, "?#");
	for (i = 0; i < DL_ARRAY_LEN(exts); i++)
		if (len > strlen(exts[i]) &&
		    strncasecmp(v + len - strlen(exts[i]), exts[i], strlen(exts[i])) == 0)
			return 1;
	return 0;
}

/* <amp-img>, which gumbo knows only as an unknown tag. */
static int
is_amp_img(const GumboNode *n)
{
	GumboStringPiece name = n->v.element.original_tag;

	if (n->v.element.tag != GUMBO_TAG_UNKNOWN || name.data == NULL)
		return 0;
	gumbo_tag_from_original_text(&name);
	return name.length == 7 && strncasecmp(name.data, "amp-img", 7) == 0;
}

/* The first usable image below n. */
static const GumboNode *
find_image(struct writer *w, const GumboNode *n, int depth, char **url)
{
	const GumboVector *kids;
	const GumboNode *found;
	size_t i;

	if (n->type != GUMBO_NODE_ELEMENT || depth >= EXTRACT_MAX_DEPTH ||
	    extract_dropped(w, n))
		return NULL;
	if (n->v.element.tag == GUMBO_TAG_IMG || is_amp_img(n) ||
	    is_lazy_box(n)) {
		if ((*url = image_url(w, n)) != NULL)
			return n;
		return NULL;
	}
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++)
		if ((found = find_image(w, kids->data[i], depth + 1, url)) != NULL)
			return found;
	return NULL;
}

/* The texts of a figure: figcaption and caption-named elements give the
 * caption, credit-named ones the credit; other text (an unmarked credit
 * beside the image) is kept apart. */
enum { IN_OTHER, IN_CAPTION, IN_CREDIT };

struct figure_text {
	struct buf	 caption;
	struct buf	 credit;
	struct buf	 other;
};

static void
figure_texts(struct writer *w, const GumboNode *n, int depth, int where,
    struct figure_text *ft)
{
	const GumboVector *kids;
	struct buf scratch = BUF_INIT, *to;
	size_t i;

	if (depth >= EXTRACT_MAX_DEPTH)
		return;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
	    n->type == GUMBO_NODE_WHITESPACE) {
		to = where == IN_CREDIT ? &ft->credit :
		    where == IN_CAPTION ? &ft->caption : &ft->other;
		/* (a space between a credit's parts) */
		if (where == IN_CREDIT && to->len > 0 &&
		    to->data[to->len - 1] != ' ')
			buf_addc(to, ' ');
		extract_add_text(&scratch, to, n->v.text.text, 0);
		buf_free(&scratch);
		return;
	}
	/* (screen-reader labels, "Image copyright", are dropped too) */
	if (n->type != GUMBO_NODE_ELEMENT || extract_dropped(w, n))
		return;
	if (where != IN_CREDIT && extract_class_has(n, extract_credit_words))
		where = IN_CREDIT;
	else if (where == IN_OTHER && (n->v.element.tag == GUMBO_TAG_FIGCAPTION ||
	    extract_class_has(n, extract_caption_words)))
		where = IN_CAPTION;
	kids = &n->v.element.children;
	for (i = 0; i < kids->length; i++)
		figure_texts(w, kids->data[i], depth + 1, where, ft);
}

void
extract_write_figure(struct writer *w, const GumboNode *n)
{
	struct figure_text ft = { BUF_INIT, BUF_INIT, BUF_INIT };
	struct buf text = BUF_INIT, *html = &w->o->html;
	struct buf caption, credit;
	char *url = NULL;
	const GumboNode *img = find_image(w, n, 0, &url);
	const char *alt;

	/* the same photo twice in a row (a lazy image and its <noscript>
	 * copy) is written once */
	if (url != NULL && w->last_image != NULL && strcmp(url, w->last_image) == 0) {
		free(url);
		url = NULL;
		img = NULL;
	}
	figure_texts(w, n, 0, IN_OTHER, &ft);
	extract_trim(&ft.caption);
	extract_trim(&ft.credit);
	extract_trim(&ft.other);
	if (ft.credit.len == 0 && ft.other.len > 0 &&
	    extract_text_length(ft.other.data, ft.other.len) < 80) {
		buf_free(&ft.credit);
		ft.credit = ft.other;
		memset(&ft.other, 0, sizeof ft.other);
	}
	caption = ft.caption;
	credit = ft.credit;
	if (url == NULL && caption.len == 0)
		goto out;
	buf_adds(html, "<figure>");
	if (url != NULL) {
		buf_adds(html, "<img src=\"");
		extract_add_attr(html, url);
		buf_addc(html, '"');
		if ((alt = extract_attr(img, "alt")) != NULL && *alt != '\0') {
			buf_adds(html, " alt=\"");
			extract_add_attr(html, alt);
			buf_addc(html, '"');
		}
		buf_addc(html, '>');
		w->o->images++;
		free(w->last_image);
		w->last_image = xstrdup(url);
	}
	if (caption.len > 0 || credit.len > 0) {
		struct buf scratch = BUF_INIT;

		buf_adds(html, "<figcaption>");
		extract_add_text(html, &text, buf_str(&caption), 0);
		if (credit.len > 0) {
			if (caption.len > 0) {
				buf_addc(html, ' ');
				buf_addc(&text, ' ');
			}
			buf_adds(html, "<span class=\"credit\">");
			extract_add_text(html, &scratch, buf_str(&credit), 0);
			buf_adds(html, "</span>");
			buf_add(&text, scratch.data, scratch.len);
		}
		buf_adds(html, "</figcaption>");
		buf_free(&scratch);
	}
	buf_adds(html, "</figure>\n");
	extract_add_block_text(w, &text);
out:
	free(url);
	buf_free(&ft.caption);
	buf_free(&ft.credit);
	buf_free(&ft.other);
	buf_free(&text);
}

/* A caption-named element at or a little below n. */
static int
has_caption(const GumboNode *n, int depth)
{
	const GumboVector *kids = &n->v.element.children;
	size_t i;

	if (extract_class_has(n, extract_caption_words) || n->v.element.tag == GUMBO_TAG_FIGCAPTION)
		return 1;
	if (depth >= 3)
		return 0;
	for (i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];

		if (c->type == GUMBO_NODE_ELEMENT && has_caption(c, depth + 1))
			return 1;
	}
	return 0;
}

int
extract_is_figure_like(struct extractor *x, const GumboNode *n)
{
	struct writer wr = { .x = x }, *w = &wr;
	struct enode *e = extract_node(x, n);
	char *url = NULL;
	const GumboNode *img;

	if (n->v.element.tag == GUMBO_TAG_FIGURE)
		return 1;
	if (e == NULL || e->text >= 400 || !has_caption(n, 0))
		return 0;
	img = find_image(w, n, 0, &url);
	free(url);
	return img != NULL;
}

