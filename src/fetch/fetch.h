/*
 * fetch: downloads with libcurl multi.  Many transfers at once, at most a
 * few per host, HTTP/2 multiplexing and keep-alive reuse, conditional GET,
 * caps on size and time, redirects with permanent ones reported, and the
 * politeness headers (Retry-After, Cache-Control max-age) read back.  Also
 * file:// URLs, `exec:` feeds (a command's standard output, run with an
 * argument vector, never through a shell) and `filter:PROGRAM:URL` feeds
 * (URL downloaded as usual, then PROGRAM's output on that body is the
 * feed; a 304 runs no program; moved_to is never set for them).
 *
 * fetch never parses: body bytes go to a callback as they arrive.  One
 * struct fetcher is used by one thread; only fetch_cancel() may be called
 * from another.
 */
#ifndef DATELINE_FETCH_H
#define DATELINE_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* Defaults (also the fallbacks when an option is 0). */
#define FETCH_DEFAULT_PARALLEL	16
#define FETCH_DEFAULT_PER_HOST	2
#define FETCH_DEFAULT_MAX_BYTES	(50u * 1024 * 1024)
#define FETCH_DEFAULT_CONNECT	15.0	/* seconds */
#define FETCH_DEFAULT_LOW_SPEED	30.0	/* seconds below 10 bytes/s */
#define FETCH_DEFAULT_TOTAL	120.0	/* seconds */
#define FETCH_MAX_REDIRECTS	10

struct fetch_opts {
	int		 max_parallel;	/* transfers at once; 0: default */
	int		 max_per_host;	/* transfers at once to one host */
	size_t		 max_bytes;	/* body, after decompression */
	double		 connect_timeout;	/* seconds; 0: default */
	double		 low_speed_time;
	double		 total_timeout;
	/* All three timeouts are multiplied by this (0: 1, or the
	 * environment's DATELINE_TIMEOUT_SCALE, which the tests use to keep
	 * a stalled server from costing them seconds). */
	double		 timeout_scale;
	const char	*user_agent;	/* NULL: "dateline/VERSION (+terminal news reader)" */
	int		 allow_exec;	/* run exec: feeds (off for page fetches) */
	long		 low_speed_limit;	/* bytes/s; 0: 10; -1: no check */
	int		 max_redirects;	/* 0: FETCH_MAX_REDIRECTS; -1: none */
	/* CA certificates (PEM) to check https:// servers with, instead
	 * of the system's bundle; NULL: the system's.  Checking is always
	 * on. */
	const char	*ca_file;
};

/* What happened, filled in as the transfer goes. */
enum fetch_outcome {
	FETCH_OK,		/* 2xx (or a file / command that succeeded) */
	FETCH_NOT_MODIFIED,	/* 304 */
	FETCH_HTTP_ERROR,	/* any other HTTP status; see status */
	FETCH_FAILED,		/* network, limit, command or local error */
	FETCH_CANCELLED,
};

struct fetch_result {
	enum fetch_outcome outcome;
	long		 status;	/* HTTP status; 0 for file:// and exec: */
	const char	*url;		/* as requested */
	const char	*final_url;	/* after redirects */
	/* Set when every redirect on the way was permanent (301/308): the
	 * URL to store instead of the requested one.  NULL otherwise. */
	const char	*moved_to;
	int		 redirects;
	const char	*etag;		/* validators of the answer, or NULL */
	const char	*last_modified;
	const char	*content_type;	/* "application/rss+xml; charset=…" */
	const char	*charset;	/* the charset parameter alone, or NULL */
	int64_t		 retry_after;	/* absolute UTC seconds, 0 when none */
	int64_t		 max_age;	/* Cache-Control max-age, -1 when none */
	uint64_t	 bytes;		/* body bytes delivered */
	double		 seconds;	/* wall time of the transfer */
	const char	*error;		/* why it failed, or NULL */
};

/* A body chunk of a successful answer (2xx, file, command).  The result
 * holds the headers known so far (status, content type).  Return 0 to go
 * on, non-zero to stop this transfer (it then ends as FETCH_CANCELLED with
 * the error "stopped by the reader"). */
typedef int fetch_data_fn(void *ctx, const struct fetch_result *r,
    const char *data, size_t len);
/* The end of a transfer, successful or not; exactly once per request.
 * The strings in r live until the callback returns. */
typedef void fetch_done_fn(void *ctx, const struct fetch_result *r);

struct fetch_request {
	const char	*url;
	const char	*etag;		/* stored validators: conditional GET */
	const char	*last_modified;
	fetch_data_fn	*on_data;
	fetch_done_fn	*on_done;
	void		*ctx;
};

struct fetcher;
struct fetcher	*fetch_new(const struct fetch_opts *opts);
/* Queue a request (strings are copied).  Callable before and during
 * fetch_run (from a callback). */
void		 fetch_add(struct fetcher *f, const struct fetch_request *req);
/* Run until every queued transfer is done or fetch_cancel() was called.
 * Callbacks run in this thread.  Returns 0, or -1 with *err when the
 * fetcher itself could not work (libcurl failed to start). */
int		 fetch_run(struct fetcher *f, char **err);
/* From any thread: end the transfers soon (each gets FETCH_CANCELLED). */
void		 fetch_cancel(struct fetcher *f);
/* tick(ctx) runs on fetch_run's thread after every wait, which
 * fetch_wakeup (any thread) ends at once: work another thread finished
 * is taken up without waiting for the network. */
void		 fetch_set_tick(struct fetcher *f, void (*tick)(void *), void *ctx);
void		 fetch_wakeup(struct fetcher *f);
void		 fetch_free(struct fetcher *f);

/* One URL into memory (for page fetches: --extract URL, full text).  At
 * most max bytes (0: the default cap).  Returns 0 for a 2xx answer; -1 with
 * *err naming the URL and the problem.  *final_url (when not NULL) gets
 * the URL after redirects, and *content_type the header (both malloc'd). */
int		 fetch_url(const char *url, size_t max, struct buf *out,
		     char **final_url, char **content_type, char **err);
/* The options fetch_url() uses in this process from now on (copied;
 * thread-safe): a command sets them from its configuration so that page
 * fetches honour ca-file, user-agent and the time limits too.  max_bytes
 * and allow_exec are ignored (fetch_url's max decides; never exec:). */
void		 fetch_url_set_defaults(const struct fetch_opts *opts);

/* The word vector of an exec: command line ("exec:" already removed):
 * words split on blanks, '…' and "…" quote, backslash escapes the next
 * character outside single quotes.  No shell: no variables, globs or
 * redirections.  Returns a NULL-terminated vector (free with
 * fetch_argv_free), or NULL with *err for an unterminated quote or an
 * empty command. */
char	       **fetch_split_command(const char *cmd, char **err);
void		 fetch_argv_free(char **argv);

/* Header helpers, exposed for the tests. */
/* Retry-After: delta seconds or an HTTP date; absolute time or 0. */
int64_t		 fetch_parse_retry_after(const char *value, int64_t now);
/* Cache-Control max-age in seconds, or -1. */
int64_t		 fetch_parse_max_age(const char *value);
/* Content-Type charset parameter, malloc'd, or NULL. */
char		*fetch_content_type_charset(const char *value);
/* The user agent string. */
const char	*fetch_user_agent(void);

#endif
