/* story: what the files of the module share and nobody else sees. */
#ifndef DATELINE_STORY_PRIVATE_H
#define DATELINE_STORY_PRIVATE_H

#include <gumbo.h>

#include "story/story.h"

/* Links as the HTML walk meets them, before the detectors drop blocks;
 * story_finish numbers the ones still referenced. */
struct story_links {
	char		**urls;
	size_t		  n;
	int		 *slots;	/* hash of urls: index + 1, 0 when free */
};
#define STORY_LINK_SLOTS	4096	/* a power of two over 2 * STORY_MAX_LINKS */

/* story-html.c: append the blocks and captions of html to st. */
void	story_html_walk(struct story *st, struct story_links *links,
	    const char *html, size_t len, const char *base);

/* story-node.c: what the walk asks of gumbo nodes. */
struct node_rows {
	const GumboNode	**tr;
	size_t		  n;
};
const char	*node_attr(const GumboNode *n, const char *name);
int		 node_attr_contains(const GumboNode *n, const char *name,
		    const char *word);
long		 node_attr_int(const GumboNode *n, const char *name);
int		 node_hidden(const GumboNode *n);
int		 node_is_skipped(GumboTag tag);
int		 node_is_block(GumboTag tag);
int		 node_is_tracking_pixel(const GumboNode *n);
const char	*node_img_src(const GumboNode *n);
void		 node_text(const GumboNode *n, struct buf *text,
		    struct buf *credit, int depth);
char		*node_squeeze(struct buf *b);
const GumboNode	*node_find(const GumboNode *n, GumboTag tag, int depth);
int		 node_has_blocks(const GumboNode *n, int depth);
void		 node_rows(const GumboNode *n, struct node_rows *rows, int depth);

/* story.c helpers used by the walk. */
void	story_add_caption(struct story *st, const char *text,
	    const char *credit, const char *url, int lead);
char	*story_resolve_url(const char *base, const char *ref);

/* story-detect.c: the words the detectors are made of. */
struct story_word {
	size_t	start, end;
	int	upper;		/* letters, all upper case */
	int	title;		/* first letter upper case */
	int	letters;
	int	digits;
};
int		story_starts_with_ci(const char *s, const char *prefix);
int		story_cp_upper(uint32_t c);
int		story_cp_lower(uint32_t c);
uint32_t	story_next_cp(const char *s, size_t len, size_t *i);
int		story_is_particle(const char *w, size_t n);
int		story_scan_word(const char *s, size_t len, size_t i,
		    struct story_word *w);
size_t		story_skip_spaces(const char *s, size_t len, size_t i);
int		story_are_names(const char *s, size_t len, int with_place);

/* story-dateline.c: a wire's name ("dpa/lno" counts as dpa). */
int		story_is_known_agency(const char *s, size_t n);

/* story-dateline-scripts.c: datelines in Chinese, Japanese and Arabic
 * (story_match_dateline's contract). */
size_t		story_match_dateline_scripts(const char *s, size_t len,
		    size_t *dlen);

#endif
