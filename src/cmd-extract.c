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
#include "config/conf.h"
#include "fetch/fetch.h"
#include "refresh/refresh.h"
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
	char *err = NULL, *why = NULL;
	const char *base = cli->base_url, *what = cli->arg;
	int rc = EXIT_FAIL;

	memset(&r, 0, sizeof r);
	if (what == NULL || *what == '\0') {
		log_error(_("--extract needs a file or a URL"));
		return EXIT_USAGE;
	}
	if (is_url(what)) {
		/* ca-file, user-agent and the time limits apply */
		conf_init(cli->config, cli->theme);
		conf_fetch_url_defaults();
		/* the article's next pages too */
		if (fulltext_fetch_article(what, base, &r, &err) != 0)
			goto out;
		if (base == NULL)
			base = what;
	} else if (file_read_all(what, EXTRACT_MAX_PAGE, &page, &err) != 0)
		goto out;
	else if (extract_article(page.data ? page.data : "", page.len, base, &r,
	    &why) != 0) {
		err = xasprintf("%s: %s", what, why);
		free(why);
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
	extract_result_free(&r);
	buf_free(&page);
	return rc;
}
