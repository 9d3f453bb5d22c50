/*
 * The store's commands: --search, --mark-read, --cleanup, --stats.  Each
 * opens the store named by --cache (or the config's cache-file, or the
 * default), does one thing, and says what it did; every failure names the
 * file and exits 1 without changing anything.
 */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config/conf.h"
#include "store/store.h"
#include "util/i18n.h"
#include "util/util.h"

static struct store *
open_store(const struct cli *cli, int flags)
{
	struct store *s;
	char *path, *err = NULL;

	conf_init(cli->config, cli->theme);
	path = conf_cache_path(cli->cache);
	s = store_open(path, flags, &err);
	if (s == NULL) {
		log_error("%s", err);
		free(err);
		conf_shutdown();
	}
	free(path);
	return s;
}

static void
close_store(struct store *s)
{
	store_close(s);
	conf_shutdown();
}

static int
fail(char *err)
{
	log_error("%s", err);
	free(err);
	return EXIT_FAIL;
}

/* TERMS, and any words after the options ("--search kim putin"). */
static char *
search_terms(const struct cli *cli)
{
	struct buf b = BUF_INIT;
	int i;

	buf_adds(&b, cli->arg != NULL ? cli->arg : "");
	for (i = 0; i < cli->noperands; i++) {
		buf_addc(&b, ' ');
		buf_adds(&b, cli->operands[i]);
	}
	return buf_detach(&b);
}

static void
json_add_str(struct json_object *o, const char *key, const char *s)
{
	char *clean = utf8_sanitise(s, strlen(s), SANITISE_KEEP_NEWLINE |
	    SANITISE_KEEP_TAB);

	json_object_object_add(o, key, json_object_new_string(clean));
	free(clean);
}

/* --search's output: each hit's line is made in one buffer and written
 * at once. */
struct search_out {
	int		 json;
	struct buf	 line;
};

static void
add_field(struct buf *b, const char *s)
{
	buf_add_sanitised(b, s, strlen(s), SANITISE_TAB_TO_SPACE);
}

static void
print_json(const struct store_headline *h, const char *date)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(h->id));
	json_add_str(o, "date", date);
	json_add_str(o, "feed", h->feed_title);
	json_add_str(o, "title", h->title);
	json_add_str(o, "link", h->link);
	json_add_str(o, "author", h->author);
	json_object_object_add(o, "unread", json_object_new_boolean(h->unread));
	json_object_object_add(o, "flagged", json_object_new_boolean(h->flagged));
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* One hit; a failed write (a closed pipe) stops the search. */
static int
print_hit(const struct store_headline *h, void *arg)
{
	struct search_out *so = arg;
	struct buf *b = &so->line;
	char date[21];

	time_format_iso(h->date, date);
	if (so->json) {
		print_json(h, date);
		return ferror(stdout);
	}
	/* date, feed, title, link: one item a line, tab-separated. */
	date[10] = ' ';
	buf_reset(b);
	buf_add(b, date, 16);
	buf_addc(b, '\t');
	add_field(b, h->feed_title);
	buf_addc(b, '\t');
	add_field(b, h->title[0] != '\0' ? h->title : _("(untitled)"));
	buf_addc(b, '\t');
	add_field(b, h->link);
	buf_addc(b, '\n');
	return fwrite(b->data, 1, b->len, stdout) != b->len;
}

/* Every hit from one statement (store_search_each): paging through them
 * with store_headlines would find and sort all the hits again for each
 * page, twenty times over for a word in 10,000 articles. */
int
cmd_search(const struct cli *cli)
{
	static char obuf[65536];
	struct store_query q = { .view = STORE_VIEW_SEARCH,
	    .order = STORE_ORDER_NEWEST };
	struct search_out so = { .json = cli->json, .line = BUF_INIT };
	struct store *s;
	char *terms = search_terms(cli), *err = NULL;
	int rc = EXIT_OK;

	if (terms[strspn(terms, " \t\n")] == '\0') {
		free(terms);
		log_error(_("--search needs words to look for"));
		return EXIT_USAGE;
	}
	/* Thousands of lines into a pipe or a file: fewer, bigger writes.  A
	 * terminal keeps its line buffering. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	if ((s = open_store(cli, STORE_NOCREATE)) == NULL) {
		free(terms);
		return EXIT_FAIL;
	}
	q.search = terms;
	if (store_search_each(s, &q, print_hit, &so, &err) != 0)
		rc = fail(err);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = EXIT_FAIL;
	close_store(s);
	buf_free(&so.line);
	free(terms);
	return rc;
}

int
cmd_mark_read(const struct cli *cli)
{
	struct store *s;
	char *err = NULL;
	int64_t feed = 0, count;
	int rc = EXIT_FAIL;

	if ((s = open_store(cli, STORE_NOCREATE)) == NULL)
		return EXIT_FAIL;
	if (strcmp(cli->arg, "all") != 0) {
		if (store_feed_find(s, cli->arg, &feed, &err) != 0) {
			rc = fail(err);
			goto out;
		}
		if (feed == 0) {
			char *clean = utf8_sanitise(cli->arg, strlen(cli->arg), 0);

			log_error(_("%s: no feed has the address or title '%s'"),
			    store_path(s), clean);
			free(clean);
			goto out;
		}
	}
	if (store_feed_mark_read(s, feed, &count, &err) != 0) {
		rc = fail(err);
		goto out;
	}
	if (!cli->quiet)
		printf(P_("%lld item marked read\n", "%lld items marked read\n",
		    (unsigned long)count), (long long)count);
	rc = EXIT_OK;
out:
	close_store(s);
	return rc;
}

int
cmd_cleanup(const struct cli *cli)
{
	struct store_retention r;
	struct store_stats before, after;
	struct store *s;
	char *err = NULL;
	int64_t deleted = 0;
	int rc = EXIT_FAIL;

	if ((s = open_store(cli, STORE_NOCREATE)) == NULL)
		return EXIT_FAIL;
	r.keep_days = (int)conf_int(CONF_KEEP_DAYS);
	r.keep_items = (int)conf_int(CONF_KEEP_ITEMS);
	if (store_stats(s, &before, &err) != 0 ||
	    store_cleanup(s, &r, &deleted, &err) != 0 ||
	    store_vacuum(s, &err) != 0 || store_stats(s, &after, &err) != 0) {
		rc = fail(err);
		goto out;
	}
	if (!cli->quiet)
		printf(P_("%lld item deleted; the store went from %.1f MiB to %.1f MiB\n",
		    "%lld items deleted; the store went from %.1f MiB to %.1f MiB\n",
		    (unsigned long)deleted), (long long)deleted,
		    (double)(before.file_bytes + before.wal_bytes) / 1048576.0,
		    (double)(after.file_bytes + after.wal_bytes) / 1048576.0);
	rc = EXIT_OK;
out:
	close_store(s);
	return rc;
}

int
cmd_stats(const struct cli *cli)
{
	struct store_stats st;
	struct store *s;
	char *err = NULL;
	int rc = EXIT_OK;

	if ((s = open_store(cli, STORE_NOCREATE)) == NULL)
		return EXIT_FAIL;
	if (store_stats(s, &st, &err) != 0) {
		rc = fail(err);
	} else if (cli->json) {
		struct json_object *o = json_object_new_object();

		json_add_str(o, "store", store_path(s));
		json_object_object_add(o, "feeds", json_object_new_int64(st.feeds));
		json_object_object_add(o, "items", json_object_new_int64(st.items));
		json_object_object_add(o, "unread", json_object_new_int64(st.unread));
		json_object_object_add(o, "flagged", json_object_new_int64(st.flagged));
		json_object_object_add(o, "file_bytes",
		    json_object_new_int64(st.file_bytes));
		json_object_object_add(o, "wal_bytes", json_object_new_int64(st.wal_bytes));
		json_object_object_add(o, "index_waiting",
		    json_object_new_int64(st.index_waiting));
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
		    JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	} else {
		printf(_("store:   %s\n"), store_path(s));
		printf(_("feeds:   %lld\n"), (long long)st.feeds);
		printf(_("items:   %lld\n"), (long long)st.items);
		printf(_("unread:  %lld\n"), (long long)st.unread);
		printf(_("flagged: %lld\n"), (long long)st.flagged);
		printf(_("size:    %.1f MiB (%lld bytes, log %lld bytes)\n"),
		    (double)(st.file_bytes + st.wal_bytes) / 1048576.0,
		    (long long)st.file_bytes, (long long)st.wal_bytes);
		printf(_("waiting: %lld (not in the search index yet: --index)\n"),
		    (long long)st.index_waiting);
	}
	close_store(s);
	return rc;
}
