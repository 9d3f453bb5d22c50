/*
 * extract: what the files of the extractor share (extract.c scores and
 * chooses, extract-meta.c reads metadata, extract-html.c writes the
 * cleaned HTML).  Not for other modules: they use extract.h.
 */
#ifndef DATELINE_EXTRACT_INT_H
#define DATELINE_EXTRACT_INT_H

#include <gumbo.h>
#include <stddef.h>
#include <stdint.h>

#include "story/extract.h"
#include "util/util.h"

/* What the page says about itself.  Strings are allocated, sanitised, and
 * NULL when absent. */
struct extract_meta {
	char		*doc_title;	/* <title> */
	char		*og_title;
	char		*og_type;
	char		*og_image;
	char		*og_image_alt;
	char		*og_url;
	char		*canonical;
	char		*base_href;
	char		*site_name;
	char		*author;	/* <meta name=author>, article:author */
	char		*page_author;	/* the first rel=author or itemprop=author
					   element's text */
	char		*page_byline;	/* the first byline-named element's,
					   outside comments */
	int64_t		 published;	/* article:published_time, … */
	int		 has_password;	/* an <input type=password> */

	int		 ld_article;	/* a JSON-LD Article was found */
	char		*ld_headline;
	char		*ld_author;	/* names joined: "A, B and C" */
	char		*ld_body;	/* articleBody, plain text */
	char		*ld_image;
	char		*ld_caption;
	char		*ld_site_name;
	int64_t		 ld_published;
};

void	 extract_meta_read(GumboNode *root, struct extract_meta *m);
void	 extract_meta_free(struct extract_meta *m);

#define EXTRACT_MAX_HEADS	8	/* headings tried as the headline */

/* Per-element facts from the scoring pass. */
struct enode {
	const GumboNode	*node;
	size_t		 text;		/* characters of kept text below */
	size_t		 links;		/* of which inside links */
	double		 score;		/* content score as a candidate */
	unsigned	 junk : 1;	/* dropped with everything below */
	unsigned	 scored : 1;	/* score initialised */
	unsigned	 has_block : 1;	/* a block-level child */
};

struct extractor {
	struct enode	*nodes;		/* open-addressing table by node */
	size_t		 nnodes, cap;
	const char	*base;		/* for resolving URLs; may be NULL */
	const char	*title;		/* to drop a repeated headline */
	struct extract_meta meta;
	GumboNode	*body;
	const GumboNode	*first_h1;	/* the page's first kept <h1> */
	const GumboNode	*heads[EXTRACT_MAX_HEADS]; /* its first <h1>s and <h2>s */
	size_t		 nheads;
};

/* Commas (also CJK ones) in s; the score of a paragraph from its
 * length in characters and its commas (see extract_text_score). */
size_t		 extract_count_commas(const char *s, size_t len);
double		 extract_score_of(size_t chars, size_t commas);
/* Both verdicts on a class/id value with one look. */
void		 extract_hint_classify(const char *s, int *weight, int *boilerplate);
struct enode	*extract_node(struct extractor *x, const GumboNode *n);
struct enode	*extract_node_add(struct extractor *x, const GumboNode *n);
double		 extract_link_density(const struct enode *e);
const char	*extract_attr(const GumboNode *n, const char *name);
/* Text of a subtree, white space collapsed, appended to out. */
void		 extract_node_text(const GumboNode *n, struct buf *out);
int		 extract_is_block_tag(GumboTag tag);
/* Whether the space-separated list v (may be NULL) holds word. */
int		 extract_has_token(const char *v, const char *word);

/* The story's own block (extract-lead.c): of several <article>s side by
 * side, the one headed by the page's title (else best); the standfirst
 * before root, up to three levels out, or NULL. */
GumboNode	*extract_titled_article(struct extractor *x, GumboNode *best);
GumboNode	*extract_find_standfirst(struct extractor *x, GumboNode *root);

/* The result from the passes' findings (extract-result.c). */
struct extract_out;
void		 extract_result_init(struct extract_result *r);
void		 extract_set_base(struct extractor *x, const char *base_url,
		     char **owned);
void		 extract_fill_meta(struct extractor *x, struct extract_result *r);
const char	*extract_prefer_jsonld(struct extractor *x, struct extract_out *o,
		     const char *why, struct extract_result *out);
void		 extract_finish(struct extractor *x, struct extract_out *o,
		     struct extract_result *out);

/* The next page of the article (extract-next.c): a rel="next" link, else
 * a pagination link numbered one more than page_url's page, else a
 * "Next" link, that extract_same_article(page_url, it); allocated, or
 * NULL. */
char		*extract_find_next(const GumboNode *root, const char *base,
		     const char *page_url);

/* The cleaned HTML of the chosen elements; text gets the plain text. */
struct extract_out {
	struct buf	 html;
	struct buf	 text;
	size_t		 images;
	size_t		 chars;		/* characters of block text written */
	size_t		 linked_headings; /* headings that are all link */
	size_t		 blocks;
	char		*byline;	/* a byline element's text, or NULL */
	int64_t		 published;	/* a <time datetime>, or DL_TIME_NONE */
};
/* An image with a caption-named element, small enough to be its figure. */
int		 extract_is_figure_like(struct extractor *x, const GumboNode *n);
void		 extract_write(struct extractor *x, GumboNode **roots,
		     size_t nroots, struct extract_out *o);

/* The writer's state and the helpers its files share (extract-html.c,
 * extract-figure.c). */
struct writer {
	struct extractor	*x;
	struct extract_out	*o;
	struct buf		 run;		/* the paragraph being built */
	struct buf		 runtext;
	int			 brs;		/* <br>s in a row in the run */
	size_t			 runlinks;	/* bytes of link text in the run */
	char			*last_image;	/* the last photo written */
};

/* The names of a byline element: its text up to a line break or a date,
 * without "By"; allocated, or NULL when there is none or too much. */
char		*extract_byline_of(const GumboNode *n);
/* s past a leading "By", "Posted by", "Von", "Par"… and the spaces after. */
const char	*extract_skip_by(const char *s);
extern const char *const extract_credit_words[];
extern const char *const extract_byline_words[];
extern const char *const extract_date_words[];
/* A short line of publisher, date and author (extract-byline.c). */
int		 extract_is_dateline(const GumboNode *n, const struct enode *e);
extern const char *const extract_caption_words[];
int		 extract_class_has(const GumboNode *n, const char *const *words);
int		 extract_dropped(struct writer *w, const GumboNode *n);
/* Escaped, white-space-collapsed text into html, plain into text. */
void		 extract_add_text(struct buf *html, struct buf *text,
		     const char *s, int pre);
void		 extract_add_attr(struct buf *html, const char *s);
void		 extract_trim(struct buf *b);
/* Only HTML white space (space, tab, newline, return, form feed)? */
int		 extract_blank(const char *s, size_t len);
/* A block is written: count its text and add it to the plain text. */
void		 extract_add_block_text(struct writer *w, struct buf *text);
void		 extract_write_figure(struct writer *w, const GumboNode *n);

#endif
