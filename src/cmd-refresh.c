/*
 * --refresh, --import-opml and --export-opml: the commands of the fetch,
 * refresh and urls modules.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config/conf.h"
#include "config/urls.h"
#include "refresh/refresh.h"
#include "refresh/refresh-moved.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/util.h"

struct progress {
	const struct cli *cli;
	int		 tty;		/* stderr is a terminal: progress line */
	int		 shown;		/* a progress line is on screen */
	struct buf	 failures;	/* "URL: reason" lines for the summary */
	struct refresh_moves *moves;	/* permanent redirects seen */
};

static void
clear_line(struct progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		p->shown = 0;
	}
}

static void
json_str(struct buf *b, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_addc(b, (char)*p);
	}
	buf_addc(b, '"');
}

static void
print_json(const struct refresh_feed_result *r)
{
	struct buf b = BUF_INIT;
	char *url = utf8_sanitise(r->url, strlen(r->url), 0);

	buf_adds(&b, "{\"url\":");
	json_str(&b, url);
	buf_adds(&b, ",\"title\":");
	json_str(&b, r->title);
	buf_printf(&b, ",\"status\":\"%s\",\"http_status\":%ld,\"new\":%d,"
	    "\"changed\":%d,\"gone\":%s,\"error\":", refresh_status_name(r->status),
	    r->http_status, r->new_items, r->changed_items,
	    r->gone ? "true" : "false");
	json_str(&b, r->error);
	buf_adds(&b, ",\"moved_to\":");
	json_str(&b, r->moved_to);
	buf_adds(&b, ",\"discovered\":");
	json_str(&b, r->discovered);
	buf_adds(&b, "}\n");
	fputs(buf_str(&b), stdout);
	buf_free(&b);
	free(url);
}

static void
on_progress(void *ctx, size_t done, size_t total,
    const struct refresh_feed_result *r)
{
	struct progress *p = ctx;
	char *url = utf8_sanitise(r->url, strlen(r->url), SANITISE_TAB_TO_SPACE);
	char *name;

	if (p->cli->json)
		print_json(r);
	if (r->status == REFRESH_FAILED)
		buf_printf(&p->failures, "  %s: %s\n", url,
		    r->error != NULL ? r->error : _("failed"));
	clear_line(p);
	/* Moves are written back (or reported) once the refresh is over. */
	refresh_moves_note(p->moves, r);
	if (r->discovered != NULL)
		log_warn(_("%s is a web page; it names the feed %s, which was "
		    "used instead"), url, r->discovered);
	if (p->tty && !p->cli->quiet) {
		name = utf8_truncate(*r->title != '\0' ? r->title : url, 50);
		fprintf(stderr, _("\rRefreshing %zu/%zu: %s"), done, total, name);
		fflush(stderr);
		p->shown = 1;
		free(name);
	}
	free(url);
}

/* Subscriptions, creating the default urls file on the first run.  The
 * stamp is taken before the read: a change after it is noticed before
 * the file is rewritten. */
static int
load_urls(const struct cli *cli, struct urls *u, char **path,
    struct urls_stamp *stamp)
{
	char *err = NULL;
	int created = 0;

	*path = conf_urls_path(cli->urls);
	urls_stamp_get(*path, stamp);
	if (urls_load(u, *path, cli->urls == NULL, &created, &err) != 0) {
		log_error("%s", err);
		free(err);
		return -1;
	}
	if (created)
		urls_stamp_get(*path, stamp);
	if (created)
		fprintf(stderr, _("%s: no urls file yet: created %s with a few "
		    "public news feeds; edit it to choose your own\n"),
		    log_progname(), *path);
	return 0;
}

static void
print_summary(struct progress *p, const struct refresh_summary *s)
{
	char skipped[64] = "", full[96] = "";

	if (p->tty && !p->cli->quiet && !p->cli->json) {
		if (s->skipped > 0)
			snprintf(skipped, sizeof skipped, _(", %zu not due yet"),
			    s->skipped);
		if (s->fulltext_fetched + s->fulltext_failed > 0)
			snprintf(full, sizeof full, ngettext("; %d full text "
			    "fetched, %d failed", "; %d full texts fetched, %d failed",
			    s->fulltext_fetched), s->fulltext_fetched,
			    s->fulltext_failed);
		printf(_("%zu feeds: %zu new/updated, %zu unchanged%s, %zu failed "
		    "(%d new items, %.1f s)%s\n"), s->total, s->updated, s->unchanged,
		    skipped, s->failed, s->new_items, s->seconds, full);
	}
	if (s->fulltext_failed > 0 && !p->cli->quiet) {
		fprintf(stderr, ngettext("%s: %d full text could not be fetched "
		    "(the feed's text is kept):\n", "%s: %d full texts could not "
		    "be fetched (the feeds' text is kept):\n", s->fulltext_failed),
		    log_progname(), s->fulltext_failed);
		fputs(s->fulltext_errors != NULL ? s->fulltext_errors : "", stderr);
	}
	if (s->failed > 0) {
		fprintf(stderr, ngettext("%s: %zu feed failed:\n",
		    "%s: %zu feeds failed:\n", s->failed), log_progname(), s->failed);
		fputs(buf_str(&p->failures), stderr);
	}
}

static void
report_move(void *ctx, int is_error, const char *msg)
{
	struct progress *p = ctx;

	if (is_error)
		log_warn("%s", msg);
	else if (!p->cli->quiet)
		fprintf(stderr, "%s: %s\n", log_progname(), msg);
}

/* Permanent redirects: the urls file and the store follow them. */
static void
write_moves(struct progress *p, const char *urls_path,
    const struct urls_stamp *stamp, const char *cache)
{
	struct refresh_moves_opts mo;

	memset(&mo, 0, sizeof mo);
	mo.urls_path = urls_path;
	mo.stamp = stamp;
	mo.cache = cache;
	mo.enabled = conf_bool(CONF_UPDATE_MOVED_URLS);
	refresh_moves_apply(p->moves, &mo, report_move, p);
}

int
cmd_refresh(const struct cli *cli)
{
	struct refresh_opts ro;
	struct urls_stamp stamp;
	struct refresh_summary sum;
	struct refresh_feed *feeds = NULL;
	struct progress p;
	struct urls u = { NULL, 0 };
	char *urls_path = NULL, *cache = NULL, *err = NULL, *ca_file = NULL;
	size_t i, n = 0;
	int rc = EXIT_FAIL;

	memset(&p, 0, sizeof p);
	p.cli = cli;
	p.tty = isatty(STDERR_FILENO);
	p.moves = refresh_moves_new();
	conf_init(cli->config, cli->theme);
	if (load_urls(cli, &u, &urls_path, &stamp) != 0)
		goto out;
	feeds = xcalloc(u.n + 1, sizeof *feeds);
	for (i = 0; i < u.n; i++) {
		if (u.v[i].kind == URL_QUERY)
			continue;
		feeds[n].url = u.v[i].url;
		feeds[n].title = u.v[i].title;
		feeds[n].tags = (const char *const *)u.v[i].tags;
		feeds[n].ntags = u.v[i].ntags;
		n++;
	}
	if (n == 0) {
		if (!cli->quiet)
			fprintf(stderr, _("%s: no feeds in %s\n"), log_progname(),
			    urls_path);
		rc = EXIT_OK;
		goto out;
	}
	cache = conf_cache_path(cli->cache);
	memset(&ro, 0, sizeof ro);
	ro.cache = cache;
	ro.feeds = feeds;
	ro.nfeeds = n;
	ro.force = conf_bool(CONF_IGNORE_TTL);
	ro.min_interval = conf_int(CONF_MIN_INTERVAL);
	conf_fetch_opts(&ro.fetch, &ca_file);
	ro.fulltext = conf_bool(CONF_FULLTEXT);
	ro.keep_days = (int)conf_int(CONF_KEEP_DAYS);
	ro.keep_items = (int)conf_int(CONF_KEEP_ITEMS);
	ro.fulltext_parallel = (int)conf_int(CONF_FULLTEXT_MAX_PARALLEL);
	if (refresh_run(&ro, on_progress, &p, &sum, &err) != 0) {
		clear_line(&p);
		log_error("%s", err);
		free(err);
		refresh_summary_clear(&sum);
		goto out;
	}
	clear_line(&p);
	write_moves(&p, urls_path, &stamp, cache);
	print_summary(&p, &sum);
	if (sum.failed == 0)
		rc = EXIT_OK;
	else if (sum.failed == sum.total)
		rc = EXIT_FAIL;
	else
		rc = EXIT_PARTIAL;
	refresh_summary_clear(&sum);
out:
	buf_free(&p.failures);
	refresh_moves_free(p.moves);
	free(ca_file);
	free(feeds);
	free(cache);
	free(urls_path);
	urls_free(&u);
	conf_shutdown();
	return rc;
}

int
cmd_import_opml(const struct cli *cli)
{
	struct urls have = { NULL, 0 }, found = { NULL, 0 }, add = { NULL, 0 };
	struct buf text = BUF_INIT;
	char *path = NULL, *err = NULL;
	size_t i;
	int rc = EXIT_FAIL, nfound;

	conf_init(cli->config, cli->theme);
	path = conf_urls_path(cli->urls);
	if (access(path, F_OK) == 0 && urls_load(&have, path, 0, NULL, &err) != 0)
		goto fail;
	if (file_read_all(cli->arg, 32u * 1024 * 1024, &text, &err) != 0)
		goto fail;
	if ((nfound = opml_import(&found, buf_str(&text), text.len, cli->arg,
	    NULL, &err)) < 0)
		goto fail;
	for (i = 0; i < found.n; i++)
		if (urls_find(&have, found.v[i].url) == NULL)
			urls_add(&add, found.v[i].url, found.v[i].title,
			    (const char *const *)found.v[i].tags, found.v[i].ntags);
	if (add.n > 0 && (conf_make_parent_dir(path, &err) != 0 ||
	    urls_append(&add, path, &err) != 0))
		goto fail;
	if (!cli->quiet)
		printf(_("%zu feeds in %s: %zu added to %s, %zu already there\n"),
		    found.n, cli->arg, add.n, path, found.n - add.n);
	rc = EXIT_OK;
	goto out;
fail:
	log_error("%s", err);
	free(err);
out:
	buf_free(&text);
	urls_free(&have);
	urls_free(&found);
	urls_free(&add);
	free(path);
	conf_shutdown();
	return rc;
}

/* --index: index what waits (a search does it first by itself, the
 * reader in the background; this does it ahead, after a refresh from
 * cron). */
int
cmd_index(const struct cli *cli)
{
	struct store *s;
	char *path, *err = NULL;
	int64_t done = 0;
	double t0 = time_monotonic();
	int rc = EXIT_FAIL;

	conf_init(cli->config, cli->theme);
	path = conf_cache_path(cli->cache);
	s = store_open(path, STORE_NOCREATE, &err);
	if (s == NULL || store_index_update(s, 0, &done, &err) != 0) {
		log_error("%s", err);
		free(err);
	} else {
		if (!cli->quiet)
			printf(ngettext("%lld article indexed (%.1f s)\n",
			    "%lld articles indexed (%.1f s)\n", (unsigned long)done),
			    (long long)done, time_monotonic() - t0);
		rc = EXIT_OK;
	}
	store_close(s);
	free(path);
	conf_shutdown();
	return rc;
}

/* Feeds without a "~title" are exported with the title their document
 * gave (from the store, when there is one); else the URL stands in. */
static void
titles_from_store(const struct cli *cli, struct urls *u)
{
	struct store_feed_info *feeds = NULL;
	struct store *s;
	char *path = conf_cache_path(cli->cache), *err = NULL;
	size_t n = 0, i, j;

	s = store_open(path, STORE_READONLY, &err);
	free(path);
	if (s == NULL || store_feed_list(s, &feeds, &n, &err) != 0) {
		free(err);
		store_close(s);
		return;
	}
	for (i = 0; i < u->n; i++) {
		if (u->v[i].title != NULL)
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(feeds[j].url, u->v[i].url) == 0 &&
			    strcmp(feeds[j].title, feeds[j].url) != 0) {
				u->v[i].title = utf8_sanitise(feeds[j].title,
				    strlen(feeds[j].title), SANITISE_TAB_TO_SPACE);
				break;
			}
	}
	store_feed_list_free(feeds, n);
	store_close(s);
}

int
cmd_export_opml(const struct cli *cli)
{
	struct urls u = { NULL, 0 };
	struct buf out = BUF_INIT;
	char *path = NULL, *err = NULL;
	int rc = EXIT_FAIL;

	conf_init(cli->config, cli->theme);
	path = conf_urls_path(cli->urls);
	if (urls_load(&u, path, 0, NULL, &err) != 0) {
		log_error("%s", err);
		free(err);
		goto out;
	}
	titles_from_store(cli, &u);
	opml_export(&u, &out);
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		log_error(_("cannot write the OPML: %m"));
		goto out;
	}
	rc = EXIT_OK;
out:
	buf_free(&out);
	urls_free(&u);
	free(path);
	conf_shutdown();
	return rc;
}
