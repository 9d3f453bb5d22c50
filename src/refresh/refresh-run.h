/* refresh: what refresh.c (the run, the jobs) and refresh-write.c (the
 * store's side) share.  Private to those two files. */
#ifndef DATELINE_REFRESH_RUN_H
#define DATELINE_REFRESH_RUN_H

#include <stdatomic.h>

#include "refresh/refresh-int.h"
#include "store/store.h"
#include "util/util.h"

struct run {
	const struct refresh_opts *o;
	struct store		*store;
	struct refresh_state	*st;
	struct fetcher		*f;
	refresh_progress_fn	*progress;
	void			*ctx;
	struct refresh_summary	*sum;
	size_t			 done;
	size_t			 total;
	int			 batch_open;
	int			 batch_writes;
	double			 batch_start;	/* time_monotonic() at its BEGIN */
	int			 batch_parts;	/* feeds stored in it, */
	int			 batch_new;	/* their new items, */
	size_t			 batch_updated;	/* how many of them changed */
	size_t			 batch_unchanged;
	int			 background;	/* no stderr: a UI owns it */
	struct job		*holder;	/* streaming into the store */
	struct job		**deferred;	/* done while holder held it */
	size_t			 ndeferred;
	struct store_feed_info	*known;		/* the store's feeds, by URL */
	size_t			 nknown;
	struct fulltext		*ft;		/* article pages of new items */
	struct pipe		*pipe;		/* the parse thread, or NULL */
	atomic_int		 storing;	/* the network thread stores a
						 * parsed feed */
};

struct job {
	struct run		*run;
	const struct refresh_feed *sub;
	char			*fetch_url;	/* what is being fetched */
	int64_t			 feed_id;
	char			*etag;
	char			*last_modified;
	struct feed_state	 fs;
	struct body_hash	 bh;
	struct buf		 held;
	uint64_t		 hold_limit;
	int			 holding;
	struct parser		*parser;
	int			 parse_stopped;
	struct item		**items;
	struct store_prep	**preps;	/* items made ready by the parse
						 * thread (NULL: not) */
	size_t			 nitems;
	/* The parse thread: while piped, the parser, items and preps are its
	 * own from the first byte until pipe_ready gives the job back. */
	int			 piped;
	int			 in_pipe;	/* its finish is queued */
	int			 parsed;	/* given back: finish_rc holds */
	int			 finish_rc;
	size_t			 piped_bytes;
	char			*parse_url;	/* the parser's, kept while it */
	char			*parse_charset;	/* outlives the transfer */
	size_t			 item_bytes;	/* of the items held */
	int			 in_tx;		/* j is run->holder */
	char			*store_err;	/* an upsert failed while streaming */
	int			 new_items;
	int			 changed;
	char			*discovered;
	char			*moved_to;
	char			*feed_title;
	struct fetch_result	 res;		/* a copy, once the transfer ended */
	int			 has_res;
	int			 want_ft;	/* the feed wants full texts */
	struct ft_list		 ft;		/* its new items (uncommitted) */
};

/* refresh.c */
void	 job_free_items(struct job *j);

/* refresh-write.c */
void	 run_warn(struct run *run, char *err);
/* The shared transaction: opened when needed, committed with the side
 * file's writes (run_batch_end), or after BATCH_SECONDS. */
int	 run_batch_begin(struct run *run);
void	 run_batch_end(struct run *run);
int	 run_ft_begin(void *ctx);
/* The feed's part ends (rollback: undone alone); waiting jobs go on. */
void	 job_release_store(struct job *j, int rollback);
int	 job_upsert(struct job *j, const struct item *item, struct store_prep *prep);
void	 job_take_store(struct job *j);
void	 job_record(struct job *j, long status, const char *error,
	     const struct fetch_result *r);
int	 job_store_items(struct job *j, const struct fetch_result *r, char **err);

#endif
