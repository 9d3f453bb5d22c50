/*
 * fetch: a single download into memory (an article page for `f`,
 * --extract URL and the full texts), on a fetcher of its own with the
 * defaults the program set from its configuration.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "fetch/fetch-int.h"
#include "util/i18n.h"
#include "util/util.h"

/* A single download into memory. */
struct one {
	struct buf	*out;
	int		 done;
	int		 ok;
	char		*error;
	char		*final_url;
	char		*content_type;
};

static int
one_data(void *ctx, const struct fetch_result *r, const char *data, size_t len)
{
	struct one *o = ctx;

	(void)r;
	buf_add(o->out, data, len);
	return 0;
}

static void
one_done(void *ctx, const struct fetch_result *r)
{
	struct one *o = ctx;

	o->done = 1;
	o->ok = r->outcome == FETCH_OK;
	if (!o->ok)
		o->error = xasprintf("%s: %s", r->url, r->error != NULL ?
		    r->error : _("failed"));
	o->final_url = xstrdup(r->final_url);
	if (r->content_type != NULL)
		o->content_type = xstrdup(r->content_type);
}

static pthread_mutex_t url_defaults_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fetch_opts url_defaults;
static char *url_defaults_ua, *url_defaults_ca;

void
fetch_url_set_defaults(const struct fetch_opts *opts)
{
	pthread_mutex_lock(&url_defaults_lock);
	free(url_defaults_ua);
	free(url_defaults_ca);
	url_defaults = *opts;
	url_defaults.max_bytes = 0;
	url_defaults.allow_exec = 0;
	url_defaults_ua = opts->user_agent != NULL ? xstrdup(opts->user_agent) :
	    NULL;
	url_defaults_ca = opts->ca_file != NULL ? xstrdup(opts->ca_file) : NULL;
	url_defaults.user_agent = url_defaults_ua;
	url_defaults.ca_file = url_defaults_ca;
	pthread_mutex_unlock(&url_defaults_lock);
}

int
fetch_url(const char *url, size_t max, struct buf *out, char **final_url,
    char **content_type, char **err)
{
	struct fetch_opts opts;
	struct fetch_request req;
	struct fetcher *f;
	struct one o;
	char *e = NULL;

	/* fetch_new copies the strings while the lock is held. */
	pthread_mutex_lock(&url_defaults_lock);
	opts = url_defaults;
	opts.max_bytes = max;
	f = fetch_new(&opts);
	pthread_mutex_unlock(&url_defaults_lock);
	memset(&o, 0, sizeof o);
	o.out = out;
	memset(&req, 0, sizeof req);
	req.url = url;
	req.on_data = one_data;
	req.on_done = one_done;
	req.ctx = &o;
	fetch_add(f, &req);
	if (fetch_run(f, &e) != 0) {
		*err = xasprintf("%s: %s", url, e);
		free(e);
		fetch_free(f);
		free(o.final_url);
		free(o.content_type);
		return -1;
	}
	fetch_free(f);
	if (!o.ok) {
		*err = o.error;
		free(o.final_url);
		free(o.content_type);
		return -1;
	}
	if (final_url != NULL)
		*final_url = o.final_url;
	else
		free(o.final_url);
	if (content_type != NULL)
		*content_type = o.content_type;
	else
		free(o.content_type);
	return 0;
}
