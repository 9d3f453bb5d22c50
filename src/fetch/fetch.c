/*
 * fetch: the transfer engine.  One libcurl multi handle drives every HTTP
 * and file:// transfer; exec: feeds are child processes whose pipes join
 * the same poll (curl_multi_poll's extra descriptors).  Requests wait in a
 * queue and start while fewer than max_parallel run in all and fewer than
 * max_per_host run against their host.
 */
#include "config.h"

#include <ctype.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fetch/fetch-int.h"
#include "util/i18n.h"
#include "util/util.h"

#define MAX_HEADER_VALUE 4096

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void
curl_init_once(void)
{
	curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* The per-host key of a URL ("https://host:port"), or NULL for URLs that
 * are not limited per host (file://, exec:). */
static char *
host_key(const char *url)
{
	const char *p, *start, *at;
	size_t n, i;
	char *key;

	if (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0)
		return NULL;
	p = strstr(url, "://") + 3;
	start = p;
	while (*p != '\0' && *p != '/' && *p != '?' && *p != '#')
		p++;
	at = memchr(start, '@', (size_t)(p - start));
	if (at != NULL)
		start = at + 1;
	n = (size_t)(p - start);
	key = xstrndup(start, n);
	for (i = 0; i < n; i++)
		key[i] = (char)tolower((unsigned char)key[i]);
	return key;
}

/* The index of a host's counter (looked up once per request). */
static size_t
host_index(struct fetcher *f, const char *key)
{
	size_t i;

	for (i = 0; i < f->nhosts; i++)
		if (strcmp(f->hosts[i].name, key) == 0)
			return i;
	f->hosts = xreallocarray(f->hosts, f->nhosts + 1, sizeof *f->hosts);
	f->hosts[f->nhosts].name = xstrdup(key);
	f->hosts[f->nhosts].active = 0;
	return f->nhosts++;
}

struct fetcher *
fetch_new(const struct fetch_opts *opts)
{
	struct fetcher *f = xcalloc(1, sizeof *f);
	const char *env;
	double scale;

	pthread_once(&curl_once, curl_init_once);
	if (opts != NULL)
		f->o = *opts;
	if (f->o.max_parallel <= 0)
		f->o.max_parallel = FETCH_DEFAULT_PARALLEL;
	if (f->o.max_per_host <= 0)
		f->o.max_per_host = FETCH_DEFAULT_PER_HOST;
	if (f->o.max_bytes == 0)
		f->o.max_bytes = FETCH_DEFAULT_MAX_BYTES;
	if (f->o.connect_timeout <= 0)
		f->o.connect_timeout = FETCH_DEFAULT_CONNECT;
	if (f->o.low_speed_time <= 0)
		f->o.low_speed_time = FETCH_DEFAULT_LOW_SPEED;
	if (f->o.total_timeout <= 0)
		f->o.total_timeout = FETCH_DEFAULT_TOTAL;
	if (f->o.low_speed_limit == 0)
		f->o.low_speed_limit = 10;
	if (f->o.max_redirects == 0)
		f->o.max_redirects = FETCH_MAX_REDIRECTS;
	else if (f->o.max_redirects < 0)
		f->o.max_redirects = 0;
	scale = f->o.timeout_scale;
	if (scale <= 0 && (env = getenv("DATELINE_TIMEOUT_SCALE")) != NULL)
		scale = strtod(env, NULL);
	if (scale <= 0 || scale > 100)
		scale = 1;
	f->o.connect_timeout *= scale;
	f->o.low_speed_time *= scale;
	f->o.total_timeout *= scale;
	if (f->o.user_agent == NULL)
		f->o.user_agent = fetch_user_agent();
	f->user_agent = xstrdup(f->o.user_agent);
	f->o.user_agent = f->user_agent;
	if (f->o.ca_file != NULL && *f->o.ca_file != '\0') {
		f->ca_file = xstrdup(f->o.ca_file);
		f->o.ca_file = f->ca_file;
	} else
		f->o.ca_file = NULL;
	if (curl_init_rc == CURLE_OK)
		f->multi = curl_multi_init();
	if (f->multi != NULL) {
		curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
		curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
		    (long)f->o.max_per_host);
		curl_multi_setopt(f->multi, CURLMOPT_MAXCONNECTS,
		    (long)f->o.max_parallel * 2);
	}
	return f;
}

void
fetch_add(struct fetcher *f, const struct fetch_request *req)
{
	struct transfer *t = xcalloc(1, sizeof *t);

	t->f = f;
	t->url = xstrdup(req->url);
	t->req_etag = req->etag != NULL ? xstrdup(req->etag) : NULL;
	t->req_last_modified = req->last_modified != NULL ?
	    xstrdup(req->last_modified) : NULL;
	t->on_data = req->on_data;
	t->on_done = req->on_done;
	t->ctx = req->ctx;
	if (strncasecmp(t->url, "filter:", 7) == 0)
		filter_init(t);
	t->host = host_key(t->inner_url != NULL ? t->inner_url : t->url);
	if (t->host != NULL)
		t->host_idx = host_index(f, t->host);
	t->pid = -1;
	t->in_fd = t->out_fd = t->err_fd = -1;
	t->max_age = -1;
	t->all_permanent = 1;
	if (f->npending == f->capending) {
		f->capending = f->capending ? f->capending * 2 : 64;
		f->pending = xreallocarray(f->pending, f->capending, sizeof *f->pending);
	}
	f->pending[f->npending++] = t;
}

void
fetch_set_tick(struct fetcher *f, void (*tick)(void *), void *ctx)
{
	f->tick = tick;
	f->tick_ctx = ctx;
}

void
fetch_wakeup(struct fetcher *f)
{
	if (f->multi != NULL)
		curl_multi_wakeup(f->multi);
}

void
fetch_cancel(struct fetcher *f)
{
	atomic_store(&f->cancelled, 1);
	if (f->multi != NULL)
		curl_multi_wakeup(f->multi);
}

void
transfer_free(struct transfer *t)
{
	free(t->url);
	free(t->req_etag);
	free(t->req_last_modified);
	free(t->host);
	free(t->etag);
	free(t->last_modified);
	free(t->content_type);
	free(t->charset);
	free(t->final_url);
	free(t->reason);
	free(t->error);
	buf_free(&t->errbuf);
	fetch_argv_free(t->argv);
	free(t->filter_cmd);
	free(t->inner_url);
	buf_free(&t->body);
	free(t);
}

void
fetch_free(struct fetcher *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->npending; i++)
		transfer_free(f->pending[i]);
	free(f->pending);
	for (i = 0; i < f->nactive; i++)
		transfer_free(f->active[i]);
	free(f->active);
	for (i = 0; i < f->nhosts; i++)
		free(f->hosts[i].name);
	free(f->hosts);
	if (f->multi != NULL)
		curl_multi_cleanup(f->multi);
	free(f->user_agent);
	free(f->ca_file);
	free(f);
}

/* Point the public result at the transfer's current state. */
void
transfer_fill_result(struct transfer *t)
{
	struct fetch_result *r = &t->r;

	r->url = t->url;
	r->final_url = t->final_url != NULL ? t->final_url : t->url;
	/* A filter: line keeps its program: the bare new URL is no
	 * replacement for it. */
	r->moved_to = t->moved && !t->is_filter && t->final_url != NULL &&
	    strcmp(t->final_url, t->url) != 0 ? t->final_url : NULL;
	r->redirects = t->redirects;
	r->status = t->status;
	r->etag = t->etag;
	r->last_modified = t->last_modified;
	r->content_type = t->content_type;
	r->charset = t->charset;
	r->retry_after = t->retry_after;
	r->max_age = t->max_age;
	r->bytes = t->bytes;
	r->error = t->error;
}

/* Hand body bytes to the caller, enforcing the size cap.  Returns 0, or -1
 * when the transfer must stop (t->error says why). */
int
transfer_deliver(struct transfer *t, const char *data, size_t len)
{
	if (t->bytes + len > t->f->o.max_bytes) {
		t->too_big = 1;
		return -1;
	}
	t->bytes += len;
	if (len == 0 || t->on_data == NULL)
		return 0;
	transfer_fill_result(t);
	if (t->on_data(t->ctx, &t->r, data, len) != 0) {
		t->stopped = 1;
		return -1;
	}
	return 0;
}

static size_t
on_curl_write(char *data, size_t size, size_t nmemb, void *arg)
{
	struct transfer *t = arg;
	size_t n = size * nmemb;

	/* Only a successful answer's body is the feed; an error page or a
	 * redirect's body is counted against the cap and dropped. */
	if (t->status != 0 && (t->status < 200 || t->status > 299)) {
		if (t->bytes + n > t->f->o.max_bytes) {
			t->too_big = 1;
			return 0;
		}
		t->bytes += n;
		return n;
	}
	/* filter: the program reads the whole body once it is here. */
	if (t->is_filter) {
		if (t->bytes + n > t->f->o.max_bytes) {
			t->too_big = 1;
			return 0;
		}
		t->bytes += n;
		buf_add(&t->body, data, n);
		return n;
	}
	if (transfer_deliver(t, data, n) != 0)
		return 0;
	return n;
}

static void
set_str(char **dst, const char *s, size_t n)
{
	free(*dst);
	*dst = NULL;
	if (n > MAX_HEADER_VALUE)
		return;
	/* A value with control bytes would be unsafe to send back. */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
			return;
	*dst = xstrndup(s, n);
}

static void
on_status_line(struct transfer *t, const char *line, size_t n)
{
	const char *p = line, *end = line + n;
	long code = 0;

	while (p < end && *p != ' ')
		p++;
	while (p < end && *p == ' ')
		p++;
	while (p < end && isdigit((unsigned char)*p) && code < 1000)
		code = code * 10 + (*p++ - '0');
	if (code >= 100 && code < 200)
		return;		/* 100 Continue and friends */
	if (t->status >= 300 && t->status < 400) {
		t->redirects++;
		if (t->status != 301 && t->status != 308)
			t->all_permanent = 0;
	}
	t->status = code;
	while (p < end && *p == ' ')
		p++;
	set_str(&t->reason, p, (size_t)(end - p) > 80 ? 80 : (size_t)(end - p));
	/* Headers of an earlier hop say nothing about this answer. */
	free(t->etag);
	free(t->last_modified);
	free(t->content_type);
	free(t->charset);
	t->etag = t->last_modified = t->content_type = t->charset = NULL;
	t->retry_after = 0;
	t->max_age = -1;
}

static size_t
on_curl_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct transfer *t = arg;
	size_t n = size * nmemb, len = n, namelen;
	const char *colon, *v;
	char *tmp;

	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		on_status_line(t, data, len);
		return n;
	}
	colon = memchr(data, ':', len);
	if (colon == NULL)
		return n;
	namelen = (size_t)(colon - data);
	v = colon + 1;
	while (v < data + len && (*v == ' ' || *v == '\t'))
		v++;
#define IS(name) (namelen == sizeof name - 1 && strncasecmp(data, name, namelen) == 0)
	if (IS("etag"))
		set_str(&t->etag, v, (size_t)(data + len - v));
	else if (IS("last-modified"))
		set_str(&t->last_modified, v, (size_t)(data + len - v));
	else if (IS("content-type")) {
		set_str(&t->content_type, v, (size_t)(data + len - v));
		free(t->charset);
		t->charset = fetch_content_type_charset(t->content_type);
	} else if (IS("retry-after") || IS("cache-control")) {
		tmp = xstrndup(v, (size_t)(data + len - v));
		if (IS("retry-after"))
			t->retry_after = fetch_parse_retry_after(tmp, time_now());
		else
			t->max_age = fetch_parse_max_age(tmp);
		free(tmp);
	}
#undef IS
	return n;
}

static struct curl_slist *
add_header(struct curl_slist *list, const char *name, const char *value)
{
	char *h = xasprintf("%s: %s", name, value);
	struct curl_slist *l = curl_slist_append(list, h);

	free(h);
	return l;
}

#define SETOPT(opt, val) do {						\
	if ((rc = curl_easy_setopt(t->easy, opt, val)) != CURLE_OK)	\
		goto fail;						\
} while (0)

static int
transfer_start_curl(struct fetcher *f, struct transfer *t)
{
	const struct fetch_opts *o = &f->o;
	CURLcode rc = CURLE_OK;
	long low;

	if (t->is_filter) {
		if (!o->allow_exec) {
			t->error = xstrdup(_("filter: feeds are not allowed here"));
			return -1;
		}
		if (t->inner_url == NULL) {
			t->error = xstrdup(_("filter: expected filter:PROGRAM:URL "
			    "with an http://, https:// or file:// URL"));
			return -1;
		}
		if ((t->argv = fetch_split_command(t->filter_cmd, &t->error)) ==
		    NULL)
			return -1;
	}
	if ((t->easy = curl_easy_init()) == NULL) {
		t->error = xstrdup(_("libcurl could not start a transfer"));
		return -1;
	}
	SETOPT(CURLOPT_URL, t->inner_url != NULL ? t->inner_url : t->url);
	SETOPT(CURLOPT_PRIVATE, t);
	SETOPT(CURLOPT_ERRORBUFFER, t->curl_error);
	SETOPT(CURLOPT_WRITEFUNCTION, on_curl_write);
	SETOPT(CURLOPT_WRITEDATA, t);
	SETOPT(CURLOPT_HEADERFUNCTION, on_curl_header);
	SETOPT(CURLOPT_HEADERDATA, t);
	SETOPT(CURLOPT_NOSIGNAL, 1L);
	SETOPT(CURLOPT_USERAGENT, o->user_agent);
	SETOPT(CURLOPT_ACCEPT_ENCODING, "");
	SETOPT(CURLOPT_FOLLOWLOCATION, o->max_redirects > 0 ? 1L : 0L);
	SETOPT(CURLOPT_MAXREDIRS, (long)o->max_redirects);
	SETOPT(CURLOPT_AUTOREFERER, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
	SETOPT(CURLOPT_PROTOCOLS_STR, "http,https,file");
	SETOPT(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	SETOPT(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS |
	    CURLPROTO_FILE));
	SETOPT(CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	SETOPT(CURLOPT_SSL_VERIFYPEER, 1L);
	SETOPT(CURLOPT_SSL_VERIFYHOST, 2L);
	if (o->ca_file != NULL)
		SETOPT(CURLOPT_CAINFO, o->ca_file);
	SETOPT(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	SETOPT(CURLOPT_PIPEWAIT, 1L);
	SETOPT(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
	SETOPT(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
	SETOPT(CURLOPT_CONNECTTIMEOUT_MS, (long)(o->connect_timeout * 1000));
	SETOPT(CURLOPT_TIMEOUT_MS, (long)(o->total_timeout * 1000));
	low = (long)(o->low_speed_time + 0.5);
	if (o->low_speed_limit > 0) {
		SETOPT(CURLOPT_LOW_SPEED_LIMIT, o->low_speed_limit);
		SETOPT(CURLOPT_LOW_SPEED_TIME, low < 1 ? 1L : low);
	}
	if (t->req_etag != NULL)
		t->headers = add_header(t->headers, "If-None-Match", t->req_etag);
	if (t->req_last_modified != NULL)
		t->headers = add_header(t->headers, "If-Modified-Since",
		    t->req_last_modified);
	t->headers = curl_slist_append(t->headers,
	    "Accept: application/rss+xml, application/atom+xml, "
	    "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, "
	    "*/*;q=0.8");
	SETOPT(CURLOPT_HTTPHEADER, t->headers);
	if (curl_multi_add_handle(f->multi, t->easy) != CURLM_OK) {
		t->error = xstrdup(_("libcurl could not queue the transfer"));
		return -1;
	}
	return 0;
fail:
	t->error = xasprintf(_("libcurl: %s"), curl_easy_strerror(rc));
	return -1;
}
#undef SETOPT

static const char *
status_text(long code)
{
	static const struct { long code; const char *text; } texts[] = {
		{ 400, "Bad Request" }, { 401, "Unauthorized" },
		{ 403, "Forbidden" }, { 404, "Not Found" }, { 410, "Gone" },
		{ 429, "Too Many Requests" }, { 500, "Internal Server Error" },
		{ 502, "Bad Gateway" }, { 503, "Service Unavailable" },
		{ 504, "Gateway Timeout" },
	};
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(texts); i++)
		if (texts[i].code == code)
			return texts[i].text;
	return "";
}

/* Finish: set the outcome and error, call on_done, release. */
void
transfer_finish(struct fetcher *f, struct transfer *t, enum fetch_outcome out)
{
	char mb[32];
	const char *why;

	if (t->too_big) {
		snprintf(mb, sizeof mb, "%zu", f->o.max_bytes / (1024 * 1024));
		free(t->error);
		t->error = xasprintf(_("larger than the limit of %s MB"), mb);
		out = FETCH_FAILED;
	} else if (t->stopped) {
		free(t->error);
		t->error = xstrdup(_("stopped by the reader"));
		out = FETCH_CANCELLED;
	} else if (out == FETCH_HTTP_ERROR && t->error == NULL) {
		why = t->reason != NULL && *t->reason != '\0' ? t->reason :
		    status_text(t->status);
		t->error = xasprintf(_("HTTP %ld %s"), t->status, why);
		/* Trailing blank when the reason is unknown. */
		if (*why == '\0')
			t->error[strlen(t->error) - 1] = '\0';
	}
	t->r.outcome = out;
	t->r.seconds = time_monotonic() - t->started;
	transfer_fill_result(t);
	if (t->host != NULL)
		f->hosts[t->host_idx].active--;
	if (t->on_done != NULL)
		t->on_done(t->ctx, &t->r);
	transfer_free(t);
}

void
transfer_remove_active(struct fetcher *f, struct transfer *t)
{
	size_t i;

	for (i = 0; i < f->nactive; i++)
		if (f->active[i] == t) {
			f->active[i] = f->active[--f->nactive];
			return;
		}
}

static void
finish_curl(struct fetcher *f, struct transfer *t, CURLcode rc)
{
	enum fetch_outcome out;
	char *url = NULL;
	long code = 0;

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
	if (code != 0)
		t->status = code;
	if (curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK &&
	    url != NULL)
		t->final_url = xstrdup(url);
	t->moved = t->redirects > 0 && t->all_permanent;
	if (rc == CURLE_OK) {
		if (t->status == 0 || (t->status >= 200 && t->status < 300))
			out = FETCH_OK;
		else if (t->status == 304)
			out = FETCH_NOT_MODIFIED;
		else
			out = FETCH_HTTP_ERROR;
	} else {
		out = atomic_load(&f->cancelled) ? FETCH_CANCELLED : FETCH_FAILED;
		if (rc == CURLE_TOO_MANY_REDIRECTS)
			t->error = xasprintf(_("more than %d redirects (a loop?)"),
			    f->o.max_redirects);
		else if (rc == CURLE_FILESIZE_EXCEEDED)
			t->too_big = 1;
		else if (out == FETCH_CANCELLED)
			t->error = xstrdup(_("cancelled"));
		else
			t->error = utf8_sanitise(*t->curl_error != '\0' ?
			    t->curl_error : curl_easy_strerror(rc),
			    strlen(*t->curl_error != '\0' ? t->curl_error :
			    curl_easy_strerror(rc)), SANITISE_TAB_TO_SPACE);
	}
	curl_multi_remove_handle(f->multi, t->easy);
	curl_easy_cleanup(t->easy);
	t->easy = NULL;
	curl_slist_free_all(t->headers);
	t->headers = NULL;
	/* filter: the program's turn; it ends the transfer later. */
	if (out == FETCH_OK && t->is_filter && filter_start(f, t) == 0)
		return;
	if (out == FETCH_OK && t->is_filter)
		out = FETCH_FAILED;
	transfer_remove_active(f, t);
	transfer_finish(f, t, out);
}

/* Start queued transfers while there is room; how many were started. */
static int
start_pending(struct fetcher *f)
{
	size_t i, keep;
	int started = 0;
	struct transfer *t;
	int is_exec;

	/* f->npending is read afresh each turn: a callback of a transfer
	 * that fails to start may queue another request. */
	keep = 0;
	for (i = 0; i < f->npending; i++) {
		if ((int)f->nactive >= f->o.max_parallel) {
			/* Full: the rest wait, in order. */
			if (keep != i)
				memmove(f->pending + keep, f->pending + i,
				    (f->npending - i) * sizeof *f->pending);
			keep += f->npending - i;
			break;
		}
		t = f->pending[i];
		is_exec = strncmp(t->url, "exec:", 5) == 0;
		if ((is_exec && f->nexec >= FETCH_MAX_EXEC) ||
		    (t->host != NULL &&
		    f->hosts[t->host_idx].active >= f->o.max_per_host)) {
			f->pending[keep++] = t;
			continue;
		}
		if (t->host != NULL)
			f->hosts[t->host_idx].active++;
		t->started = time_monotonic();
		started++;
		f->active = xreallocarray(f->active, f->nactive + 1,
		    sizeof *f->active);
		f->active[f->nactive++] = t;
		if (is_exec ? exec_start(f, t) != 0 :
		    transfer_start_curl(f, t) != 0) {
			if (t->easy != NULL) {
				curl_easy_cleanup(t->easy);
				t->easy = NULL;
			}
			curl_slist_free_all(t->headers);
			t->headers = NULL;
			transfer_remove_active(f, t);
			transfer_finish(f, t, FETCH_FAILED);
		}
	}
	f->npending = keep;
	return started;
}

static void
cancel_all(struct fetcher *f)
{
	struct transfer *t;
	size_t i;

	for (i = 0; i < f->npending; i++) {
		t = f->pending[i];
		t->error = xstrdup(_("cancelled"));
		t->r.outcome = FETCH_CANCELLED;
		transfer_fill_result(t);
		if (t->on_done != NULL)
			t->on_done(t->ctx, &t->r);
		transfer_free(t);
	}
	f->npending = 0;
	while (f->nactive > 0) {
		t = f->active[f->nactive - 1];
		if (t->easy != NULL)
			finish_curl(f, t, CURLE_ABORTED_BY_CALLBACK);
		else
			exec_abort(f, t, _("cancelled"), FETCH_CANCELLED);
	}
}

int
fetch_run(struct fetcher *f, char **err)
{
	struct curl_waitfd *fds = NULL;
	struct transfer **owners = NULL;
	CURLMsg *msg;
	size_t cap = 0;
	int running, left, nfds, timeout, rc = 0;
	CURLMcode mc;

	if (f->multi == NULL) {
		*err = xstrdup(_("libcurl could not be initialised"));
		return -1;
	}
	for (;;) {
		if (atomic_load(&f->cancelled)) {
			cancel_all(f);
			break;
		}
		start_pending(f);
		if (f->nactive == 0 && f->npending == 0)
			break;
		if ((mc = curl_multi_perform(f->multi, &running)) != CURLM_OK) {
			*err = xasprintf(_("libcurl: %s"), curl_multi_strerror(mc));
			cancel_all(f);
			rc = -1;
			break;
		}
		while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
			struct transfer *t = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&t);
			if (t != NULL)
				finish_curl(f, t, msg->data.result);
		}
		/* Room freed up: start more before waiting. */
		if (f->npending > 0 && (int)f->nactive < f->o.max_parallel &&
		    start_pending(f) > 0)
			continue;
		if (f->nactive == 0 && f->npending == 0)
			break;
		/* Three pipes a command (filter: writes to one). */
		if (cap < 3 * f->nactive) {
			cap = 3 * f->nactive;
			fds = xreallocarray(fds, cap, sizeof *fds);
			owners = xreallocarray(owners, cap, sizeof *owners);
		}
		nfds = exec_poll_fds(f, fds, owners, cap, &timeout);
		if ((mc = curl_multi_poll(f->multi, fds, (unsigned)nfds, timeout,
		    NULL)) != CURLM_OK) {
			*err = xasprintf(_("libcurl: %s"), curl_multi_strerror(mc));
			cancel_all(f);
			rc = -1;
			break;
		}
		exec_service(f, fds, owners, nfds);
		if (f->tick != NULL)
			f->tick(f->tick_ctx);
	}
	free(fds);
	free(owners);
	return rc;
}
