/*
 * config: newsboat's config file converted to dateline's (used by
 * `dateline --import-newsboat DIR`), and hints for newsboat lines met in a
 * dateline config.
 */
#ifndef DATELINE_NEWSBOAT_H
#define DATELINE_NEWSBOAT_H

#include <stddef.h>

#include "util/util.h"

struct newsboat_result {
	struct buf	 config;	/* dateline config text */
	struct buf	 unknown;	/* one "FILE:LINE: text -- why" a line */
	int		 settings;	/* set lines written */
	int		 bindings;	/* bind and unbind lines */
	int		 colors;	/* color lines */
	int		 skipped;	/* lines not converted */
};

/*
 * Convert the text of a newsboat config named name.  Every line that was
 * not converted is listed in r->unknown with the reason.  The bind lines
 * are checked with check (may be NULL): it returns 0, or -1 with *err.
 */
struct conf_binding;
typedef int newsboat_check_fn(const struct conf_binding *, char **err, void *);
void	 newsboat_convert(const char *text, size_t len, const char *name,
	     newsboat_check_fn *check, void *arg, struct newsboat_result *r);
void	 newsboat_result_free(struct newsboat_result *r);

/* For a word that starts a newsboat config line ("reload-threads",
 * "bind-key"), the dateline line that replaces it ("set max-parallel"),
 * or NULL. */
const char *newsboat_hint(const char *word);

#endif
