/*
 * refresh: the parse thread.  A cold refresh is CPU-bound: the thread that
 * drives libcurl also wrote the store, and parsing, compressing and
 * deriving the search text of every item came on top.  Here a second
 * thread takes the feeds' bytes as they arrive (copied into a queue),
 * parses them and prepares the items for the store, while the first goes
 * on downloading and writing SQLite.  A feed comes back through the ready
 * list once its last bytes are parsed.
 *
 * The pipe knows nothing of jobs: it calls data_fn(ctx, bytes) and
 * finish_fn(ctx) on its thread, in the order the chunks were put in.
 * Between pipe_put of a ctx and its return from pipe_ready, the caller
 * must not touch what those functions touch.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "refresh/refresh-int.h"
#include "store/store.h"
#include "util/util.h"

/* Bytes waiting in the queue before pipe_put waits for the thread.  The
 * queue must hold more parsing than the writing thread's longest stretch
 * without feeding it (a commit, a checkpoint).  While the refresh also
 * wrote the search index, 1 MB made the two threads take turns (cold
 * refresh 4.0 s), 4 MB let them overlap (3.1 s), 16 MB gave 2.6 s and
 * 53 MB.  Without the index, on the idle machine (500 feeds, 3 runs
 * each): 1 MB 1.42-1.56 s and 22.1 MB, 2 MB 1.21-1.26 s and 23.0 MB,
 * 4 MB 1.17-1.23 s and 25.5 MB (issue 6 asks for half of newsboat's
 * 48 MB). */
#define PIPE_QUEUE_MAX	(2u * 1024 * 1024)

struct task {
	struct task	*next;
	void		*ctx;
	int		 finish;
	size_t		 len;
	char		 data[];
};

struct pipe {
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 work;		/* a task was queued, or quit */
	pthread_cond_t	 space;		/* the queue shrank, or went idle */
	pthread_cond_t	 ready_cv;	/* a ctx is ready */
	pipe_data_fn	*data_fn;
	pipe_finish_fn	*finish_fn;
	void		(*notify)(void *);	/* a ctx is ready */
	void		*notify_ctx;
	struct task	*head, *tail;
	size_t		 queued;	/* bytes in the queue */
	int		 busy;		/* the thread runs a task */
	int		 quit;
	void		**ready;	/* finished ctxs, oldest first */
	size_t		 nready, capready, headready;
	size_t		 outstanding;	/* finishes put, not yet taken back */
};

static void *
pipe_main(void *arg)
{
	struct pipe *p = arg;
	struct task *t;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->head == NULL && !p->quit)
			pthread_cond_wait(&p->work, &p->lock);
		if (p->head == NULL)
			break;
		t = p->head;
		if ((p->head = t->next) == NULL)
			p->tail = NULL;
		p->queued -= t->len;
		p->busy = 1;
		pthread_mutex_unlock(&p->lock);

		if (t->finish)
			p->finish_fn(t->ctx);
		else
			p->data_fn(t->ctx, t->data, t->len);

		pthread_mutex_lock(&p->lock);
		p->busy = 0;
		if (t->finish) {
			if (p->nready == p->capready) {
				p->capready = p->capready == 0 ? 64 : 2 * p->capready;
				p->ready = xreallocarray(p->ready, p->capready,
				    sizeof *p->ready);
			}
			p->ready[p->nready++] = t->ctx;
			pthread_cond_signal(&p->ready_cv);
		}
		pthread_cond_broadcast(&p->space);
		if (t->finish && p->notify != NULL)
			p->notify(p->notify_ctx);
		free(t);
	}
	pthread_mutex_unlock(&p->lock);
	store_thread_done();
	return NULL;
}

struct pipe *
pipe_new(pipe_data_fn *data_fn, pipe_finish_fn *finish_fn,
    void (*notify)(void *), void *notify_ctx)
{
	struct pipe *p = xcalloc(1, sizeof *p);

	p->data_fn = data_fn;
	p->finish_fn = finish_fn;
	p->notify = notify;
	p->notify_ctx = notify_ctx;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->ready_cv, NULL);
	if (pthread_create(&p->thread, NULL, pipe_main, p) != 0) {
		/* No thread: the caller parses on its own thread. */
		pthread_cond_destroy(&p->ready_cv);
		pthread_cond_destroy(&p->space);
		pthread_cond_destroy(&p->work);
		pthread_mutex_destroy(&p->lock);
		free(p);
		return NULL;
	}
	return p;
}

/* 0 when queued; 1 (not queued) when the queue is full and a ctx is
 * ready: the caller takes it and tries again.  Waits only when the queue
 * is full and nothing is ready. */
static int
put(struct pipe *p, struct task *t)
{
	pthread_mutex_lock(&p->lock);
	while (p->queued > 0 && p->queued + t->len > PIPE_QUEUE_MAX) {
		if (p->headready < p->nready) {
			pthread_mutex_unlock(&p->lock);
			return 1;
		}
		pthread_cond_wait(&p->space, &p->lock);
	}
	t->next = NULL;
	if (p->tail != NULL)
		p->tail->next = t;
	else
		p->head = t;
	p->tail = t;
	p->queued += t->len;
	if (t->finish)
		p->outstanding++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->lock);
	return 0;
}

int
pipe_put(struct pipe *p, void *ctx, const char *data, size_t len)
{
	struct task *t;

	if (len == 0)
		return 0;
	t = xmalloc(sizeof *t + len);
	t->ctx = ctx;
	t->finish = 0;
	t->len = len;
	memcpy(t->data, data, len);
	if (put(p, t) != 0) {
		free(t);
		return 1;
	}
	return 0;
}

void
pipe_finish(struct pipe *p, void *ctx)
{
	struct task *t = xmalloc(sizeof *t);

	t->ctx = ctx;
	t->finish = 1;
	t->len = 0;
	put(p, t);	/* no bytes: never refused */
}

void
pipe_drain(struct pipe *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->head != NULL || p->busy)
		pthread_cond_wait(&p->space, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

size_t
pipe_nready(struct pipe *p)
{
	size_t n;

	pthread_mutex_lock(&p->lock);
	n = p->nready - p->headready;
	pthread_mutex_unlock(&p->lock);
	return n;
}

void *
pipe_ready(struct pipe *p, int wait)
{
	void *ctx = NULL;

	pthread_mutex_lock(&p->lock);
	while (wait && p->headready == p->nready && p->outstanding > 0)
		pthread_cond_wait(&p->ready_cv, &p->lock);
	if (p->headready < p->nready) {
		ctx = p->ready[p->headready++];
		p->outstanding--;
		if (p->headready == p->nready)
			p->headready = p->nready = 0;
	}
	pthread_mutex_unlock(&p->lock);
	return ctx;
}

void
pipe_free(struct pipe *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->ready_cv);
	pthread_cond_destroy(&p->space);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->lock);
	free(p->ready);
	free(p);
}
