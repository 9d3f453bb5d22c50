/* fetch: what the engine (fetch.c) and the exec: runner share. */
#ifndef DATELINE_FETCH_INT_H
#define DATELINE_FETCH_INT_H

#include <curl/curl.h>
#include <stdatomic.h>
#include <sys/types.h>

#include "fetch/fetch.h"

#define FETCH_MAX_EXEC	8	/* commands running at once */
#define FETCH_MAX_STDERR 2048	/* bytes of a command's stderr kept */

struct transfer {
	struct fetcher	*f;
	char		*url;
	char		*req_etag;
	char		*req_last_modified;
	fetch_data_fn	*on_data;
	fetch_done_fn	*on_done;
	void		*ctx;
	char		*host;		/* per-host key or NULL */
	size_t		 host_idx;	/* its counter in f->hosts */
	double		 started;

	/* curl */
	CURL		*easy;
	struct curl_slist *headers;
	char		 curl_error[CURL_ERROR_SIZE];

	/* exec: and filter: */
	char	       **argv;
	pid_t		 pid;
	int		 in_fd;		/* filter: the body to the program */
	int		 out_fd;
	int		 err_fd;
	struct buf	 errbuf;

	/* filter:PROGRAM:URL: the download of URL is kept in body, then
	 * PROGRAM reads it on its standard input and writes the feed. */
	int		 is_filter;
	char		*filter_cmd;	/* PROGRAM */
	char		*inner_url;	/* URL, or NULL when the line is bad */
	struct buf	 body;
	size_t		 body_off;	/* bytes of body written to in_fd */

	/* what we learnt */
	long		 status;
	char		*reason;
	char		*etag;
	char		*last_modified;
	char		*content_type;
	char		*charset;
	char		*final_url;
	int64_t		 retry_after;
	int64_t		 max_age;
	uint64_t	 bytes;
	int		 redirects;
	int		 all_permanent;
	int		 moved;
	int		 too_big;
	int		 stopped;
	char		*error;
	struct fetch_result r;
};

struct host_count {
	char		*name;
	int		 active;
};

struct fetcher {
	struct fetch_opts o;
	char		*user_agent;
	char		*ca_file;
	CURLM		*multi;
	atomic_int	 cancelled;
	struct transfer	**pending;
	size_t		 npending;
	size_t		 capending;
	struct transfer	**active;
	size_t		 nactive;
	int		 nexec;
	struct host_count *hosts;
	size_t		 nhosts;
	void		(*tick)(void *);	/* fetch_set_tick */
	void		*tick_ctx;
};

void	transfer_fill_result(struct transfer *t);
int	transfer_deliver(struct transfer *t, const char *data, size_t len);
void	transfer_finish(struct fetcher *f, struct transfer *t,
	    enum fetch_outcome out);
void	transfer_free(struct transfer *t);
void	transfer_remove_active(struct fetcher *f, struct transfer *t);

/* fetch-exec.c */
int	exec_start(struct fetcher *f, struct transfer *t);
/* filter:PROGRAM:URL split into t->filter_cmd and t->inner_url. */
void	filter_init(struct transfer *t);
/* The download is done (2xx): start PROGRAM with t->body on its input.
 * -1 with t->error when it cannot start. */
int	filter_start(struct fetcher *f, struct transfer *t);
int	exec_poll_fds(struct fetcher *f, struct curl_waitfd *fds,
	    struct transfer **owners, size_t max, int *timeout_ms);
void	exec_service(struct fetcher *f, struct curl_waitfd *fds,
	    struct transfer **owners, int nfds);
void	exec_abort(struct fetcher *f, struct transfer *t, const char *why,
	    enum fetch_outcome out);

#endif
