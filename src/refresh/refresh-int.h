/* refresh: what its files share. */
#ifndef DATELINE_REFRESH_INT_H
#define DATELINE_REFRESH_INT_H

#include <stdint.h>

#include "parse/parse.h"
#include "refresh/refresh.h"

/*
 * Per-feed politeness and change-detection state, kept in a small SQLite
 * file beside the store ("CACHE-refresh"): the hash of the last body, the
 * earliest time the feed may be fetched again (Retry-After, max-age,
 * <ttl>), and whether the server said 410 Gone.
 */
struct refresh_state;
struct feed_state {
	char	*body_hash;	/* "LENGTH-HEX" or NULL */
	int64_t	 not_before;	/* 0: any time */
	int	 gone;
	char	*moved_to;	/* a permanent redirect's target, or NULL */
};
struct refresh_state *rstate_open(const char *cache_path, char **err);
void	 rstate_close(struct refresh_state *st);
int	 rstate_get(struct refresh_state *st, const char *url, struct feed_state *fs);
/* Writes are collected and committed together by rstate_flush. */
int	 rstate_put(struct refresh_state *st, const char *url,
	     const struct feed_state *fs);
int	 rstate_flush(struct refresh_state *st, char **err);
/* Forget the writes since the last flush (their feeds were not stored). */
void	 rstate_discard(struct refresh_state *st);
void	 feed_state_clear(struct feed_state *fs);

/* A 64-bit hash of a body, streamed 8 bytes at a time (the same for any
 * cut of the body into chunks). */
struct body_hash {
	uint64_t	h;
	uint64_t	len;
	unsigned char	tail[8];	/* bytes short of a word */
	size_t		ntail;
};
void	 body_hash_init(struct body_hash *bh);
void	 body_hash_add(struct body_hash *bh, const char *data, size_t len);
char	*body_hash_string(const struct body_hash *bh);	/* "LEN-wHEX" */
/* The length recorded in a hash string, 0 when unknown. */
uint64_t body_hash_length(const char *s);

/* The parse thread (refresh-pipe.c).  NULL from pipe_new: no thread
 * could be started (parse on the caller's thread). */
typedef void pipe_data_fn(void *ctx, const char *data, size_t len);
typedef void pipe_finish_fn(void *ctx);
struct pipe;
/* notify(notify_ctx) is called on the pipe's thread each time a ctx
 * becomes ready (NULL: not called). */
struct pipe *pipe_new(pipe_data_fn *data_fn, pipe_finish_fn *finish_fn,
	     void (*notify)(void *), void *notify_ctx);
/* Queue a copy of the bytes for data_fn(ctx), then finish_fn(ctx).  When
 * too many bytes are queued: 1, nothing queued, if a ctx is ready (take
 * it with pipe_ready and try again), else wait for room and queue. */
int	 pipe_put(struct pipe *p, void *ctx, const char *data, size_t len);
void	 pipe_finish(struct pipe *p, void *ctx);
/* Wait until every queued task has run. */
void	 pipe_drain(struct pipe *p);
/* A ctx whose finish_fn has run, oldest first; NULL when none is (wait:
 * wait for one while any is outstanding). */
void	*pipe_ready(struct pipe *p, int wait);
/* ctxs ready and not yet taken back by pipe_ready. */
size_t	 pipe_nready(struct pipe *p);
/* Run what is queued, stop the thread. */
void	 pipe_free(struct pipe *p);

/* refresh_run with an owner (refresh-thread.c) that may cancel it. */
int	 refresh_run_owned(const struct refresh_opts *opts,
	     refresh_progress_fn *progress, void *ctx,
	     struct refresh_summary *sum, char **err, struct refresh *owner);
/* The worker tells its owner which fetcher to cancel (NULL: none). */
void	 refresh_set_fetcher(struct refresh *owner, struct fetcher *f);

/* Full texts at refresh time (refresh-fulltext.c). */
struct store;
struct ft_want {
	int64_t	 id;		/* a new item */
	char	*link;
};
struct ft_list {		/* a feed's new items, until they are committed */
	struct ft_want	*v;
	size_t		 n;
};
/* Items whose link is not http(s)://, or file:// when allow_file (a
 * feed read from a file: a web feed may not make us read local files),
 * are not added. */
void	 ft_list_add(struct ft_list *l, int64_t id, const char *link,
	     int allow_file);
void	 ft_list_clear(struct ft_list *l);
int	 fulltext_link_ok(const char *link, int allow_file);
/* Does this feed want the full text of its new items? */
int	 fulltext_wanted(const struct refresh_opts *o,
	     const struct refresh_feed *sub);
/* Called before a write: 0 when the store may be written now (refresh
 * opened its bookkeeping transaction), -1 when another feed holds it. */
typedef int fulltext_begin_fn(void *ctx);
struct fulltext;
struct fulltext *fulltext_new(struct store *s, struct fetcher *f, int parallel,
	     fulltext_begin_fn *begin, void *ctx);
/* Queue a feed's committed new items (l is emptied). */
void	 fulltext_take(struct fulltext *ft, struct ft_list *l);
/* Pages queued, downloading, or waiting to be written? */
int	 fulltext_pending(const struct fulltext *ft);
/* Write what is left, add the counts and reasons to sum, free ft. */
void	 fulltext_finish(struct fulltext *ft, struct refresh_summary *sum);

/* A deep copy of a parsed item (the parser frees its own). */
struct item *item_dup(const struct item *it);
void	 item_free(struct item *it);

#endif
