/*
 * refresh: permanent redirects written back.  A feed that answered 301 or
 * 308 (every hop permanent) and whose new address delivered a feed gets
 * the new address in the urls file (only that line's URL changes), its
 * store row renamed (items, read state and flags kept), and the side
 * file's moved-to entry cleared.  Used after a refresh by --refresh and by
 * the reader's background refresh:
 *
 *	struct refresh_moves *m = refresh_moves_new();
 *	... for each finished feed (progress callback or REFRESH_EV_FEED):
 *		refresh_moves_note(m, &result);
 *	... once the refresh is over (after refresh_run / refresh_wait):
 *	refresh_moves_apply(m, &opts, report, ctx);
 *	refresh_moves_free(m);
 */
#ifndef DATELINE_REFRESH_MOVED_H
#define DATELINE_REFRESH_MOVED_H

#include "config/urls.h"
#include "refresh/refresh.h"

struct refresh_moves_opts {
	const char	*urls_path;	/* the urls file the feeds came from */
	/* Its stamp taken before it was read (urls_stamp_get): a file
	 * changed since is not rewritten. */
	const struct urls_stamp *stamp;
	const char	*cache;		/* the store the refresh wrote */
	int		 enabled;	/* update-moved-urls */
};

/* One line for the user (translated, sanitised, no newline); is_error
 * when the move could not be written back. */
typedef void refresh_moves_report_fn(void *ctx, int is_error, const char *msg);

struct refresh_moves;
struct refresh_moves *refresh_moves_new(void);
/* Remember a finished feed that moved permanently (others are ignored). */
void	 refresh_moves_note(struct refresh_moves *m,
	     const struct refresh_feed_result *r);
/* Write the moves back (or, when not enabled, only tell the user to).
 * Returns how many subscriptions now have their new address. */
int	 refresh_moves_apply(struct refresh_moves *m,
	     const struct refresh_moves_opts *o, refresh_moves_report_fn *report,
	     void *ctx);
void	 refresh_moves_free(struct refresh_moves *m);

#endif
