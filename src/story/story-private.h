/* story: what the files of the module share and nobody else sees. */
#ifndef DATELINE_STORY_PRIVATE_H
#define DATELINE_STORY_PRIVATE_H

#include "story/story.h"

/* Links as the HTML walk meets them, before the detectors drop blocks;
 * story_finish numbers the ones still referenced. */
struct story_links {
	char		**urls;
	size_t		  n;
};

/* story-html.c: append the blocks and captions of html to st. */
void	story_html_walk(struct story *st, struct story_links *links,
	    const char *html, size_t len, const char *base);

/* story.c helpers used by the walk. */
void	story_add_caption(struct story *st, const char *text,
	    const char *credit, const char *url, int lead);
char	*story_resolve_url(const char *base, const char *ref);

/* story-detect.c */
int	story_starts_with_ci(const char *s, const char *prefix);

#endif
