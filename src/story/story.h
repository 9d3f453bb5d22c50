/*
 * story: an item's HTML turned into a wire story (headline, meta, byline,
 * dateline, photo captions with credits, body blocks, links, credits tail),
 * and the story rendered as lines of styled spans at a given width.  The
 * UI's story view and `dateline --render` draw the same lines.
 *
 * Every string in a struct story and in rendered lines is valid UTF-8 with
 * no C0/C1 control character and no ESC: callers may print it as it is.
 */
#ifndef DATELINE_STORY_H
#define DATELINE_STORY_H

#include <stddef.h>
#include <stdint.h>

#include "parse/parse.h"
#include "util/roles.h"
#include "util/util.h"

/* Limits on what a page can make us hold. */
#define STORY_MAX_HTML		(8u << 20)	/* bytes of HTML read */
#define STORY_MAX_BLOCKS	20000
#define STORY_MAX_LINKS		2000
#define STORY_MAX_CAPTIONS	200
#define STORY_MAX_CELLS		64		/* per table row */
#define STORY_MAX_DEPTH		256		/* HTML nesting followed */
#define STORY_MAX_NESTING	512		/* HTML nesting parsed at all */

enum story_block_kind {
	BLOCK_PARAGRAPH,
	BLOCK_HEADING,		/* level: 1-6 */
	BLOCK_LIST_ITEM,	/* level: nesting depth from 1; ordinal: 0 = bullet */
	BLOCK_QUOTE,		/* level: quote depth from 1 */
	BLOCK_PRE,		/* text kept verbatim (newlines included) */
	BLOCK_TABLE_ROW,	/* cells; table: rows of one table share it */
	BLOCK_FIGURE,		/* caption: index into story->captions */
};

/* A piece of a block's text: body text, or a link reference "[3]"
 * (ROLE_LINK_REF, link = index into story->links), inline code, an image
 * placeholder (ROLE_CAPTION).  '\n' in a run is a forced line break. */
struct story_run {
	enum role	 role;
	char		*text;
	int		 link;		/* -1 when not a link reference */
};

struct story_block {
	enum story_block_kind kind;
	int		 level;
	int		 ordinal;
	int		 table;		/* table number for BLOCK_TABLE_ROW */
	int		 header;	/* a table row of <th> cells */
	size_t		 caption;	/* BLOCK_FIGURE */
	struct story_run *runs;
	size_t		 nruns;
	char		**cells;	/* BLOCK_TABLE_ROW: plain text cells */
	size_t		 ncells;
	int		 dateline;	/* the paragraph the dateline opens */
};

struct story_caption {
	char		*text;		/* "" when the image has only a credit */
	char		*credit;	/* "" when none */
	char		*url;		/* the image, "" when unknown */
	int		 lead;		/* shown above the body (media, FILE PHOTO) */
};

struct story {
	char		*headline;
	char		*feed;		/* feed title */
	char		*link;		/* the article's URL */
	int64_t		 published;	/* DL_TIME_NONE when unknown */
	char		*date_shown;	/* the date as the reader wants it, set by
					 * the caller (NULL: "YYYY-MM-DD HH:MM UTC") */
	char		*byline;	/* names only: "A and B"; "" when none */
	char		*byline_shown;	/* as shown: "By A and B", "Авторы: …" */
	char		*dateline;	/* "SEOUL, Sept 11 (Reuters)"; "" when none */
	char		*credits;	/* "(Reporting by …; Editing by …)"; "" */
	struct story_caption *captions;
	size_t		 ncaptions;
	struct story_block *blocks;
	size_t		 nblocks;
	char		**links;	/* absolute URLs; links[0] is "[1]" */
	size_t		 nlinks;
};

/* What a story is made of.  Strings may be NULL.  html is the body:
 * the item's content (or summary), or a page's extracted article. */
struct story_source {
	const char	*title;
	const char	*feed_title;
	const char	*author;
	const char	*link;		/* base for relative URLs */
	int64_t		 published;
	const char	*html;
	size_t		 html_len;
	const struct media *media;
	size_t		 nmedia;
};

void		 story_source_from_item(struct story_source *src,
		    const struct item *item, const char *feed_title);
struct story	*story_new(const struct story_source *src);
struct story	*story_from_item(const struct item *item, const char *feed_title);
struct story	*story_from_html(const char *html, size_t len,
		    const char *base_url, const char *title);
void		 story_free(struct story *st);

/* Headline, byline, dateline and body (captions too) as plain text, for
 * the search index: no link references, blocks separated by newlines. */
char		*story_plain_text(const struct story *st);

/* The "story" object of --parse output, appended to out:
 * {"dateline":"…","byline":"…","captions":[{"text":"…","credit":"…"}],
 *  "credits":"…"} */
void		 story_fields_json(const struct story *st, struct buf *out);

/* Rendering: lines of spans, each span one role.  Plain data the UI walks
 * and draws; indentation is a ROLE_DEFAULT span of spaces. */
struct rspan {
	enum role	 role;
	char		*text;
};

struct rline {
	struct rspan	*spans;
	size_t		 nspans;
	size_t		 width;		/* display columns of the whole line */
};

struct story_lines {
	struct rline	*lines;
	size_t		 nlines;
	size_t		 cap;		/* private */
};

/* Render at width display columns (at least 10 are used). */
struct story_lines *story_render(const struct story *st, int width);
void		 story_lines_free(struct story_lines *sl);

/* Detectors, exposed for the unit tests.  Each looks at plain text.
 * story_match_dateline: length in bytes of a leading dateline including
 * the dash and the spaces after it (0 when there is none); *dlen gets the
 * length of the dateline proper ("SEOUL (Reuters)"). */
size_t		 story_match_dateline(const char *s, size_t len, size_t *dlen);
/* A lone "By A and B" paragraph: 1 and *names = "A and B" (allocated). */
int		 story_match_byline(const char *s, char **names);
/* Offset where a credits tail starts ("(Reporting by …)" at the end of
 * s, or the whole of s), or -1. */
long		 story_match_credits(const char *s, size_t len);
/* A caption line before the body ("FILE PHOTO: …"). */
int		 story_match_caption_line(const char *s);
/* Split a trailing credit ("REUTERS/Kim Hong-Ji", "Photo: …") off a
 * caption: *text and *credit allocated, *credit "" when there is none. */
void		 story_split_credit(const char *s, char **text, char **credit);
/* Share/subscribe boilerplate that feeds append. */
int		 story_match_noise(const char *s);
/* An editor's advisory above the dateline: "(Adds reaction in paragraph
 * 3)", "(Corrects name in paragraph 2)". */
int		 story_match_advisory(const char *s);

#endif
