/*
 * --extract FILE|URL: the article of a web page, as story text (through
 * the same story and render code as the reader) or, with --html, as the
 * cleaned HTML that full-text jobs store.  For scripts and tests.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "fetch/fetch.h"
#include "story/extract.h"
#include "story/story.h"
#include "util/i18n.h"
#include "util/util.h"

static int
is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0 || strncasecmp(s, "file://", 7) == 0;
}

/* Whether a Content-Type is a web page; no header at all passes. */
static int
is_html_type(const char *type)
{
	if (type == NULL || *type == '\0')
		return 1;
	return strncasecmp(type, "text/html", 9) == 0 ||
	    strncasecmp(type, "application/xhtml", 17) == 0;
}

static int
out_width(const struct cli *cli)
{
	struct winsize ws;

	if (cli->width > 0)
		return cli->width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 10)
		return ws.ws_col;
	return 80;
}

static void
print_story(const struct extract_result *r, const char *link, int width)
{
	struct story_source src;
	struct story *st;
	struct story_lines *sl;
	size_t i, j;

	memset(&src, 0, sizeof src);
	src.title = r->title;
	src.feed_title = r->site_name;
	src.author = r->byline;
	src.link = link;
	src.published = r->published;
	src.html = r->html;
	src.html_len = strlen(r->html);
	st = story_new(&src);
	sl = story_render(st, width);
	for (i = 0; i < sl->nlines; i++) {
		for (j = 0; j < sl->lines[i].nspans; j++)
			fputs(sl->lines[i].spans[j].text, stdout);
		putchar('\n');
	}
	story_lines_free(sl);
	story_free(st);
}

int
cmd_extract(const struct cli *cli)
{
	struct extract_result r;
	struct buf page = BUF_INIT;
	char *err = NULL, *final_url = NULL, *content_type = NULL;
	char *charset = NULL;
	const char *base = cli->base_url, *what = cli->arg;
	int rc = EXIT_FAIL;

	memset(&r, 0, sizeof r);
	if (what == NULL || *what == '\0') {
		log_error(_("--extract needs a file or a URL"));
		return EXIT_USAGE;
	}
	if (is_url(what)) {
		if (fetch_url(what, EXTRACT_MAX_PAGE, &page, &final_url,
		    &content_type, &err) != 0)
			goto out;
		if (!is_html_type(content_type)) {
			char *t = utf8_sanitise(content_type, strlen(content_type), 0);

			err = xasprintf(_("%s: not a web page (%s)"), what, t);
			free(t);
			goto out;
		}
		if (base == NULL)
			base = final_url ? final_url : what;
	} else if (file_read_all(what, EXTRACT_MAX_PAGE, &page, &err) != 0)
		goto out;
	charset = fetch_content_type_charset(content_type);
	if (extract_article_http(page.data ? page.data : "", page.len, base,
	    charset, &r, &err) != 0) {
		char *why = xasprintf("%s: %s", what, err);

		free(err);
		err = why;
		goto out;
	}
	if (cli->html)
		fputs(r.html, stdout);
	else
		print_story(&r, *r.url != '\0' ? r.url : base, out_width(cli));
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err = xstrdup(_("cannot write the output"));
		goto out;
	}
	rc = EXIT_OK;
out:
	if (err != NULL)
		log_error("%s", err);
	free(err);
	free(final_url);
	free(content_type);
	free(charset);
	extract_result_free(&r);
	buf_free(&page);
	return rc;
}
