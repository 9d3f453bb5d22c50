/*
 * extract: the article inside a web page.  The page is parsed with gumbo,
 * blocks are scored (text length, commas, link density, class and id
 * hints), the best block and its related siblings are kept and written
 * back as a small, safe subset of HTML (p, h2-h4, lists, blockquote,
 * figure/img/figcaption, pre, tables, a href with absolute URLs) that the
 * story module reads like any item's content.  The page's metadata
 * (Open Graph, article:*, author, JSON-LD NewsArticle) fills in the
 * headline, date, byline and lead photo; a JSON-LD articleBody is used
 * when the markup holds less of the story than it does.
 *
 * No I/O: bytes in, strings out.  Every string is valid UTF-8 without
 * control characters.
 */
#ifndef DATELINE_EXTRACT_H
#define DATELINE_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* Limits on what a page can make us hold or do. */
#define EXTRACT_MAX_PAGE	(16u << 20)	/* bytes of HTML looked at */
#define EXTRACT_MAX_MARKUP	(4u << 20)	/* of it left for gumbo once
						   scripts and styles are cut */
#define EXTRACT_MAX_DEPTH	256		/* nesting followed */
#define EXTRACT_MAX_JSONLD	16		/* JSON-LD scripts read */
#define EXTRACT_MAX_JSON_DEPTH	32
#define EXTRACT_MAX_FIELD	(256u << 10)	/* one metadata string */

enum extract_source {
	EXTRACT_FROM_MARKUP,	/* the page's best block and its siblings */
	EXTRACT_FROM_JSONLD,	/* JSON-LD articleBody */
};

/* Every string is "" when absent, never NULL. */
struct extract_result {
	char		*title;		/* headline, plain text */
	char		*byline;	/* author name(s), plain text */
	int64_t		 published;	/* UTC seconds, or DL_TIME_NONE */
	char		*site_name;
	char		*url;		/* canonical URL when the page gives one */
	char		*image;		/* lead image (og:image), absolute */
	char		*image_caption;
	char		*html;		/* the cleaned article HTML */
	char		*text;		/* the same as plain text, blocks
					   separated by blank lines */
	size_t		 words;		/* words in text */
	enum extract_source source;
	char		*next_page;	/* the article's next page, absolute,
					   or "" (see extract_find_next) */
	size_t		 pages;		/* pages appended into this one */
	size_t		 lead_len;	/* bytes of html, and of text, that */
	size_t		 lead_text_len;	/* are the lead photo added above */
};

/* Extract the article of a page.  base_url (may be NULL) resolves relative
 * links; without it the page's <base>, canonical or og:url is used.
 * Returns 0, or -1 with *err (allocated) saying why: "no article found:
 * the page looks like a login page", "…an index page", "…has too little
 * running text".  out is always safe to pass to extract_result_free. */
int		 extract_article(const char *html, size_t len,
		     const char *base_url, struct extract_result *out,
		     char **err);
/* The same for a page fetched over HTTP: http_charset is the charset
 * parameter of its Content-Type (NULL when none), which comes before the
 * page's own <meta> (see extract_page_charset). */
int		 extract_article_http(const char *html, size_t len,
		     const char *base_url, const char *http_charset,
		     struct extract_result *out, char **err);
void		 extract_result_free(struct extract_result *r);

/* The charset of a page, as a browser decides it: a byte order mark, else
 * http_charset (may be NULL), else a <meta charset> or <meta
 * http-equiv="content-type" content="…; charset=…"> in its first 4 KB.
 * An allocated label ("iso-8859-1", "UTF-16LE"), or NULL when nothing
 * names one. */
char		*extract_page_charset(const char *page, size_t len,
		     const char *http_charset);
/* The page in UTF-8: 0 when it is UTF-8 already (out untouched), 1 when
 * out holds it converted (a page naming no charset that is not UTF-8 is
 * read as windows-1252; a UTF-8 byte order mark is dropped), -1 with *err
 * for a charset iconv does not know. */
int		 extract_page_utf8(const char *page, size_t len,
		     const char *http_charset, struct buf *out, char **err);

/* Articles over several pages.  Whether other is a page of the same
 * article as url: same scheme, host and port, same path and query once
 * a page number is taken off ("/a/story", "/a/story/2",
 * "/a/story-2.html", "/a/story/page/2", "/a/story?page=2"). */
int		 extract_same_article(const char *url, const char *other);
/* Append the next page's article to into (its lead photo left out); into
 * takes more's next_page. */
void		 extract_result_append(struct extract_result *into,
		     const struct extract_result *more);
#define EXTRACT_MAX_PAGES	5	/* pages of one article fetched */

/* For full-text jobs (refresh, the UI's `f` key): the cleaned article
 * HTML of a page, ready for store_item_set_fulltext(), or NULL with *err.
 * The HTML starts with the lead photo when the article body has none. */
char		*extract_fulltext(const char *page, size_t len, const char *url,
		     const char *http_charset, char **err);

/*
 * The scorer's parts, exposed for the unit tests.
 */
/* Weight of a class or id value: positive hints (article, content, story,
 * body, entry, post, main, text and their kin in a few languages) add 25,
 * negative ones (nav, footer, comment, share, social, related, promo, ad,
 * sidebar, newsletter, cookie, subscribe, menu, breadcrumb, …) take 25.
 * Words are split at non-letters and camelCase humps and matched as
 * prefixes ("comments", "shareBar"), hints of six letters or more also
 * inside a word ("readercomments"); a few short ones ("ad") match whole. */
int		 extract_hint_weight(const char *s);
/* Whether s holds a negative hint that is never part of an article
 * (comment, share, related, newsletter, ad, …) whatever else it says. */
int		 extract_hint_is_boilerplate(const char *s);
/* Score of one paragraph's text: 1, plus one per comma (also the CJK
 * commas), plus one per 100 characters up to 3.  0 below 25 characters. */
double		 extract_text_score(const char *s, size_t len);
/* Characters of text after collapsing white space (UTF-8 aware). */
size_t		 extract_text_length(const char *s, size_t len);
/* Whether a short block of text is a "Read more:", "Related:", "See
 * also" lead-in (English, German, French, Spanish, Italian, Portuguese). */
int		 extract_is_read_more(const char *s);
/* Copy of a page without the bodies of script (except JSON-LD), style,
 * svg, template, noscript and comments: what gumbo then has to read. */
void		 extract_strip_page(const char *html, size_t len, struct buf *out);

#endif
