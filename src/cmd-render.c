/*
 * --render FILE|-: every item of a feed printed as story text, through the
 * same story and render code as the UI's story view.  Colour (a fixed
 * role-to-SGR table) only when stdout is a terminal and NO_COLOR is unset.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "parse/parse.h"
#include "story/story.h"
#include "util/i18n.h"
#include "util/util.h"

#define RENDER_MAX_FEED	(64u << 20)	/* bytes of feed read */

/* SGR parameters for each story role; NULL: the terminal's default. */
static const char *const role_sgr[ROLE_COUNT] = {
	[ROLE_HEADLINE] = "1",
	[ROLE_META] = "2",
	[ROLE_BYLINE] = "36",
	[ROLE_DATELINE] = "1;33",
	[ROLE_CAPTION] = "35",
	[ROLE_CREDIT] = "2;35",
	[ROLE_HEADING] = "1;4",
	[ROLE_QUOTE] = "32",
	[ROLE_CODE] = "33",
	[ROLE_LINK_REF] = "34",
	[ROLE_LINK_LIST] = "34",
	[ROLE_CREDITS] = "2",
};

struct render {
	FILE	*out;
	int	 width;
	int	 colour;
	size_t	 items;
};

static void
print_lines(struct render *r, const struct story_lines *sl)
{
	const struct rspan *sp;
	size_t i, k;

	for (i = 0; i < sl->nlines; i++) {
		for (k = 0; k < sl->lines[i].nspans; k++) {
			sp = &sl->lines[i].spans[k];
			if (r->colour && sp->role < ROLE_COUNT && role_sgr[sp->role])
				fprintf(r->out, "\033[%sm%s\033[0m", role_sgr[sp->role],
				    sp->text);
			else
				fputs(sp->text, r->out);
		}
		fputc('\n', r->out);
	}
}

static void
print_rule(struct render *r)
{
	int i;

	fputc('\n', r->out);
	if (r->colour)
		fprintf(r->out, "\033[%sm", role_sgr[ROLE_META]);
	for (i = 0; i < r->width; i++)
		fputs(utf8_decor("\xE2\x94\x80", "-"), r->out);	/* ─ */
	if (r->colour)
		fputs("\033[0m", r->out);
	fputs("\n\n", r->out);
}

static int
on_item(void *ctx, const struct feed *feed, const struct item *item)
{
	struct render *r = ctx;
	struct story *st;
	struct story_lines *sl;

	st = story_from_item(item, feed != NULL ? feed->title : NULL);
	sl = story_render(st, r->width);
	if (r->items++ > 0)
		print_rule(r);
	print_lines(r, sl);
	story_lines_free(sl);
	story_free(st);
	return ferror(r->out) ? 1 : 0;
}

static int
terminal_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 10)
		return ws.ws_col > 1000 ? 1000 : ws.ws_col;
	return 80;
}

static int
want_colour(void)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (no != NULL && *no != '\0')
		return 0;
	return term == NULL || strcmp(term, "dumb") != 0;
}

/* The parser's warnings, one log line each (already sanitised text). */
static void
print_warnings(const char *path, const char *warnings)
{
	const char *p = warnings, *nl;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		log_warn("%s: %.*s", path, (int)(nl ? nl - p : (long)strlen(p)), p);
		p = nl ? nl + 1 : NULL;
	}
}

int
cmd_render(const struct cli *cli)
{
	const char *path = cli->arg != NULL ? cli->arg : "-";
	struct parse_opts opts;
	struct render r;
	struct parser *p;
	struct buf in = BUF_INIT;
	char *err = NULL, *name;
	int rc = EXIT_OK;

	if (file_read_all(path, RENDER_MAX_FEED, &in, &err) != 0) {
		log_error("%s", err);
		free(err);
		return EXIT_FAIL;
	}
	memset(&r, 0, sizeof r);
	r.out = stdout;
	r.colour = want_colour();
	r.width = cli->width > 0 ? cli->width :
	    isatty(STDOUT_FILENO) ? terminal_width() : 80;
	memset(&opts, 0, sizeof opts);
	opts.url = cli->base_url;
	opts.on_item = on_item;
	opts.ctx = &r;
	p = parser_new(&opts);
	name = utf8_sanitise(path, strlen(path), 0);
	/* A push that fails leaves the error for finish, which also keeps
	 * what a damaged feed gave before the damage. */
	(void)parser_push(p, in.data != NULL ? in.data : "", in.len);
	if (parser_finish(p) != 0) {
		log_error(_("%s: %s"), name, parser_error(p) != NULL ?
		    parser_error(p) : _("not a feed"));
		rc = EXIT_FAIL;
	} else if (!cli->quiet)
		print_warnings(name, parser_warnings(p));
	parser_free(p);
	buf_free(&in);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_error(_("cannot write the story text: %s"), strerror(errno));
		rc = EXIT_FAIL;
	}
	free(name);
	return rc;
}
