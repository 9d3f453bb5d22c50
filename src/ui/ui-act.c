/*
 * What the actions do: one dispatcher checks each action's preconditions
 * (from the table in ui-action.c) and calls its handler.  Also the
 * background refresh, noticing other processes' writes, opening links
 * (fork + execvp, no shell) and copying them with OSC 52.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config/conf.h"
#include "config/urls.h"
#include "fetch/fetch.h"
#include "ui/ui-int.h"
#include "util/i18n.h"
#include "util/util.h"

/* --- moving --- */

static struct ui_list *
current_list(struct ui *ui)
{
	switch (ui->view) {
	case VIEW_FEEDS:
		return &ui->flist;
	case VIEW_HEADLINES:
		return &ui->hlist;
	case VIEW_HELP:
	case VIEW_LINKS:
		return &ui->auxlist;
	default:
		return NULL;
	}
}

static void
do_move(struct ui *ui, enum ui_action a)
{
	struct ui_list *l = current_list(ui);
	struct ui_scroll *s = &ui->story.scroll;

	if (l != NULL) {
		if (a == ACT_UP)
			ui_list_move(l, -1);
		else if (a == ACT_DOWN)
			ui_list_move(l, 1);
		else if (a == ACT_PAGE_UP)
			ui_list_page(l, -1);
		else if (a == ACT_PAGE_DOWN)
			ui_list_page(l, 1);
		else if (a == ACT_HOME)
			ui_list_first(l);
		else if (a == ACT_END)
			ui_list_last(l);
		if (l->error && l == &ui->hlist && ui->hsrc.error != NULL)
			ui_status(ui, 1, "%s", ui->hsrc.error);
	} else if (ui->view == VIEW_STORY) {
		if (a == ACT_UP)
			ui_scroll_by(s, -1);
		else if (a == ACT_DOWN)
			ui_scroll_by(s, 1);
		else if (a == ACT_PAGE_UP)
			ui_scroll_page(s, -1);
		else if (a == ACT_PAGE_DOWN)
			ui_scroll_page(s, 1);
		else if (a == ACT_HOME)
			ui_scroll_home(s);
		else if (a == ACT_END)
			ui_scroll_end(s);
	}
	ui->dirty = 1;
}

/* --- opening and going back --- */

static void
open_feed_row(struct ui *ui, const struct ui_feedrow *f)
{
	struct store_query q;

	memset(&q, 0, sizeof q);
	q.unread_only = !conf_bool(CONF_SHOW_READ_ITEMS);
	if (f->kind == FROW_RIVER) {
		q.view = STORE_VIEW_RIVER;
		ui_headlines_open(ui, &q, _("All headlines"));
	} else if (f->kind == FROW_FLAGGED) {
		q.view = STORE_VIEW_FLAGGED;
		q.unread_only = 0;
		ui_headlines_open(ui, &q, _("Flagged"));
	} else {
		q.view = STORE_VIEW_FEED;
		q.feed_id = f->info->id;
		ui_headlines_open(ui, &q, f->info->title);
	}
}

static void
do_open(struct ui *ui)
{
	const struct ui_feedrow *f;
	struct store_headline *h;
	struct ui_row *r;

	switch (ui->view) {
	case VIEW_FEEDS:
		if ((f = ui_selected_feed(ui)) != NULL)
			open_feed_row(ui, f);
		break;
	case VIEW_HEADLINES:
		if ((h = ui_selected_headline(ui)) != NULL)
			ui_story_open(ui, h->id);
		break;
	case VIEW_LINKS:
		if ((r = ui_list_selected(&ui->auxlist)) != NULL &&
		    (size_t)r->key.k1 < ui->story.story->nlinks)
			ui_open_url(ui, ui->story.story->links[r->key.k1]);
		break;
	default:
		break;
	}
}

/* confirm-quit: ask first; the answer is read the locale's way (y, or
 * j in German, д in Russian). */
static int
may_quit(struct ui *ui)
{
	char *answer;
	int yes;

	if (!conf_bool(CONF_CONFIRM_QUIT))
		return 1;
	answer = ui_prompt(ui, _("Quit dateline? (y/n) "));
	yes = answer != NULL && rpmatch(answer) == 1;
	free(answer);
	return yes;
}

static void
go_back(struct ui *ui, int quit_at_top)
{
	switch (ui->view) {
	case VIEW_FEEDS:
		if (quit_at_top && may_quit(ui))
			ui->quit = 1;
		break;
	case VIEW_HEADLINES:
		ui->view = VIEW_FEEDS;
		ui_feeds_load(ui);	/* the counts changed */
		break;
	case VIEW_STORY:
		ui->view = ui->hopen ? VIEW_HEADLINES : VIEW_FEEDS;
		ui_story_close(ui);
		break;
	case VIEW_HELP:
	case VIEW_LINKS:
		ui->view = ui->back_view;
		ui_aux_free(ui);
		break;
	default:
		break;
	}
	ui->dirty = 1;
}

/* --- unread navigation --- */

static int
is_unread(const void *data, void *arg)
{
	(void)arg;
	return ((const struct store_headline *)data)->unread;
}

static int
feed_has_unread(const void *data, void *arg)
{
	const struct ui_feedrow *f = data;

	(void)arg;
	return f->kind == FROW_FEED && f->unread > 0;
}

static void
do_unread(struct ui *ui, int dir)
{
	int in_story = ui->view == VIEW_STORY;

	if (ui->view == VIEW_FEEDS) {
		if (ui_list_find(&ui->flist, dir, ui->flist.nrows + 1, feed_has_unread,
		    NULL) == 0)
			open_feed_row(ui, ui_selected_feed(ui));
		else
			ui_status(ui, 0, "%s", _("No feed with unread stories."));
		ui->dirty = 1;
		return;
	}
	if (!ui->hopen || (ui->view != VIEW_HEADLINES && !in_story))
		return;
	if (ui_list_find(&ui->hlist, dir, 100000, is_unread, NULL) == 0) {
		if (in_story)
			ui_story_open(ui, ui_selected_headline(ui)->id);
		ui->dirty = 1;
		return;
	}
	/* none left here: on to the next feed with unread stories */
	if (ui->hsrc.q.view == STORE_VIEW_FEED &&
	    ui_list_find(&ui->flist, dir, ui->flist.nrows + 1, feed_has_unread, NULL) == 0) {
		open_feed_row(ui, ui_selected_feed(ui));
		if (ui_selected_headline(ui) != NULL && !ui_selected_headline(ui)->unread)
			ui_list_find(&ui->hlist, 1, 100000, is_unread, NULL);
		if (in_story && ui_selected_headline(ui) != NULL)
			ui_story_open(ui, ui_selected_headline(ui)->id);
		return;
	}
	ui_status(ui, 0, "%s", _("No more unread stories."));
}

static void
do_next_story(struct ui *ui, int dir)
{
	size_t was = ui->hlist.sel;
	struct store_headline *h;

	if (!ui->hopen)
		return;
	ui_list_move(&ui->hlist, dir);
	h = ui_selected_headline(ui);
	if (h == NULL || (ui->hlist.sel == was && ui->hlist.nrows > 0 &&
	    ui->story.item != NULL && h->id == ui->story.item->id)) {
		ui_status(ui, 0, "%s", dir > 0 ? _("This is the last story.") :
		    _("This is the first story."));
		return;
	}
	ui_story_open(ui, h->id);
}

/* --- user state --- */

static void
do_flag(struct ui *ui)
{
	int64_t id = ui_current_item(ui, NULL);
	struct store_headline *h = ui->view == VIEW_HEADLINES ? ui_selected_headline(ui) : NULL;
	int now;
	char *err = NULL;

	now = h != NULL ? !h->flagged : !ui->story.item->flagged;
	if (store_item_set_flagged(ui->store, id, now, &err) != 0) {
		ui_status(ui, 1, "%s", err);
		free(err);
		return;
	}
	if (h != NULL)
		h->flagged = now;
	if (ui->story.item != NULL && ui->story.item->id == id)
		ui->story.item->flagged = now;
	ui_status(ui, 0, "%s", now ? _("Flagged.") : _("Flag removed."));
}

static void
do_toggle_read(struct ui *ui)
{
	int64_t id = ui_current_item(ui, NULL);
	struct store_headline *h = ui->view == VIEW_HEADLINES ? ui_selected_headline(ui) : NULL;
	int now;
	char *err = NULL;

	now = h != NULL ? !h->unread : !ui->story.item->unread;
	if (store_item_set_unread(ui->store, id, now, &err) != 0) {
		ui_status(ui, 1, "%s", err);
		free(err);
		return;
	}
	if (h != NULL)
		h->unread = now;
	if (ui->story.item != NULL && ui->story.item->id == id)
		ui->story.item->unread = now;
	ui_status(ui, 0, "%s", now ? _("Marked unread.") : _("Marked read."));
}

/* The unread stories of a feed (0: of every feed), as the list counts them. */
static int64_t
unread_of(const struct ui *ui, int64_t feed_id)
{
	int64_t n = 0;
	size_t i;

	for (i = 0; i < ui->nfeeds; i++)
		if (feed_id == 0 || ui->feeds[i].id == feed_id)
			n += ui->feeds[i].unread;
	return n;
}

/* Marking read is one write of every story concerned: about 80 us a
 * story on a 1M-item store (the river's 500,000 unread take 40 s), so a
 * big one says what it does before the screen stops answering. */
#define MARK_ALL_NOTICE	10000

static void
do_mark_all(struct ui *ui)
{
	const struct ui_feedrow *f = ui_selected_feed(ui);
	int64_t feed_id = 0, count = 0;
	char *err = NULL;

	if (ui->view == VIEW_HEADLINES && ui->hsrc.q.view == STORE_VIEW_FEED)
		feed_id = ui->hsrc.q.feed_id;
	else if (ui->view == VIEW_FEEDS && f != NULL && f->kind == FROW_FEED)
		feed_id = f->info->id;
	else if (!(ui->view == VIEW_FEEDS && f != NULL && f->kind == FROW_RIVER) &&
	    !(ui->view == VIEW_HEADLINES && ui->hsrc.q.view == STORE_VIEW_RIVER)) {
		ui_status(ui, 0, "%s", _("Only a feed or the river can be marked read."));
		return;
	}
	if ((count = unread_of(ui, feed_id)) >= MARK_ALL_NOTICE) {
		ui_status(ui, 0, P_("Marking %lld story read: a large store takes a while.",
		    "Marking %lld stories read: a large store takes a while.",
		    (unsigned long)count), (long long)count);
		ui_draw(ui);
	}
	if (store_feed_mark_read(ui->store, feed_id, &count, &err) != 0) {
		ui_status(ui, 1, "%s", err);
		free(err);
		return;
	}
	ui_status(ui, 0, P_("%lld story marked read.", "%lld stories marked read.",
	    (unsigned long)count), (long long)count);
	if (ui->hopen)
		ui_list_reload(&ui->hlist);
	ui_feeds_load(ui);
}

/* --- search and filters --- */

static void
do_search(struct ui *ui)
{
	struct store_query q;
	char *terms = ui_prompt(ui, _("Search: ")), *title, *err = NULL;
	int64_t waiting = 0;

	if (terms == NULL || *terms == '\0') {
		free(terms);
		return;
	}
	memset(&q, 0, sizeof q);
	q.view = STORE_VIEW_SEARCH;
	q.search = terms;
	q.order = strcmp(conf_str(CONF_SEARCH_ORDER), "relevance") == 0 ?
	    STORE_ORDER_BEST : STORE_ORDER_NEWEST;
	if (ui->view == VIEW_STORY)
		ui_story_close(ui);
	/* The search indexes what waits first (a cold refresh: seconds);
	 * the background indexer stops after its batch and leaves it the
	 * rest. */
	ui_index_stop(ui);
	if (store_index_pending(ui->store, &waiting, &err) != 0)
		free(err);
	else if (waiting >= 1000) {
		ui_status(ui, 0, P_("Indexing %lld new story for the search...",
		    "Indexing %lld new stories for the search...",
		    (unsigned long)waiting), (long long)waiting);
		ui_draw(ui);
	}
	title = xasprintf(_("search: %s"), terms);
	ui_headlines_open(ui, &q, title);
	if (waiting >= 1000) {
		free(ui->status);
		ui->status = NULL;
	}
	if (ui->hlist.nrows == 0)
		ui_status(ui, ui->hsrc.error != NULL, "%s", ui->hsrc.error ?
		    ui->hsrc.error : _("No story matches."));
	free(title);
	free(terms);
}

static void
do_tag_filter(struct ui *ui)
{
	char *tag = ui_prompt(ui, _("Tag (empty for all feeds): "));

	if (tag == NULL)
		return;
	free(ui->tag);
	ui->tag = *tag ? tag : NULL;
	if (ui->tag == NULL)
		free(tag);
	ui->view = VIEW_FEEDS;
	ui_list_clear(&ui->flist);
	ui_feeds_load(ui);
}

static void
do_show_error(struct ui *ui)
{
	const struct ui_feedrow *f = ui_selected_feed(ui);

	if (f == NULL || f->kind != FROW_FEED)
		return;
	if (f->info->error[0] == '\0')
		ui_status(ui, 0, _("%s: the last refresh worked."), f->info->title);
	else
		ui_status(ui, 1, "%s: %s", f->info->title, f->info->error);
}

/* --- links --- */

void
ui_open_url(struct ui *ui, const char *url)
{
	const char *browser = conf_str(CONF_BROWSER);
	char *clean = utf8_sanitise(url, strlen(url), SANITISE_DISPLAY), **words, **argv, *err = NULL;
	size_t nwords;
	pid_t pid;
	int status = 0;

	if (browser == NULL || *browser == '\0')
		browser = getenv("BROWSER");
	if (browser == NULL || *browser == '\0')
		browser = "xdg-open";
	if (strncmp(clean, "http://", 7) != 0 && strncmp(clean, "https://", 8) != 0) {
		ui_status(ui, 1, _("Not opening '%s': only http and https links open."), clean);
		free(clean);
		return;
	}
	/* "firefox --new-window" is words, not a shell command line */
	if ((words = fetch_split_command(browser, &err)) == NULL) {
		ui_status(ui, 1, "%s: %s", browser, err);
		free(err);
		free(clean);
		return;
	}
	for (nwords = 0; words[nwords] != NULL; nwords++)
		;
	argv = xcalloc(nwords + 2, sizeof *argv);
	memcpy(argv, words, nwords * sizeof *argv);
	argv[nwords] = clean;
	def_prog_mode();
	endwin();
	if ((pid = fork()) == 0) {
		int fd = open("/dev/null", O_RDONLY);

		if (fd >= 0)
			dup2(fd, STDIN_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	free(argv);
	fetch_argv_free(words);
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	reset_prog_mode();
	refresh();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		ui_status(ui, 1, _("%s could not open %s"), browser, clean);
	else
		ui_status(ui, 0, _("Opened %s"), clean);
	free(clean);
	ui->dirty = 1;
}

static void
do_copy(struct ui *ui)
{
	const char *link = NULL;
	struct ui_row *r;
	char *seq;

	if (ui->view == VIEW_LINKS && (r = ui_list_selected(&ui->auxlist)) != NULL)
		link = ui->story.story->links[r->key.k1];
	else
		ui_current_item(ui, &link);
	if (link == NULL || *link == '\0') {
		ui_status(ui, 0, "%s", _("This story has no link."));
		return;
	}
	seq = ui_osc52(link);
	/* straight to the terminal, beside curses's own output */
	fflush(stdout);
	if (write(STDOUT_FILENO, seq, strlen(seq)) < 0)
		ui_status(ui, 1, "%s", _("Could not write to the terminal."));
	else {
		char *clean = utf8_sanitise(link, strlen(link), SANITISE_DISPLAY);

		ui_status(ui, 0, _("Copied %s"), clean);
		free(clean);
	}
	free(seq);
}

/* --- the table's handlers --- */

static int
precondition_met(struct ui *ui, int needs)
{
	if ((needs & NEED_ITEM) && ui_current_item(ui, NULL) == 0 &&
	    !(ui->view == VIEW_LINKS))
		return 0;
	if ((needs & NEED_STORY) && ui->story.story == NULL)
		return 0;
	if ((needs & NEED_LIST) && current_list(ui) == NULL)
		return 0;
	if ((needs & NEED_FEED) && ui->view != VIEW_FEEDS)
		return 0;
	return 1;
}

void
ui_run_action(struct ui *ui, enum ui_action a)
{
	if (a <= ACT_NONE || a >= ACT_COUNT)
		return;
	if (!precondition_met(ui, ui_actions[a].needs)) {
		ui_status(ui, 0, _("'%s' does nothing here."), ui_actions[a].name);
		return;
	}
	free(ui->status);
	ui->status = NULL;
	ui->dirty = 1;
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		do_move(ui, a);
		break;
	case ACT_OPEN: do_open(ui); break;
	case ACT_BACK: go_back(ui, 0); break;
	case ACT_QUIT: go_back(ui, 1); break;
	case ACT_QUIT_NOW: ui->quit = may_quit(ui); break;
	case ACT_NEXT_UNREAD: do_unread(ui, 1); break;
	case ACT_PREV_UNREAD: do_unread(ui, -1); break;
	case ACT_NEXT_STORY: do_next_story(ui, 1); break;
	case ACT_PREV_STORY: do_next_story(ui, -1); break;
	case ACT_FLAG: do_flag(ui); break;
	case ACT_TOGGLE_READ: do_toggle_read(ui); break;
	case ACT_MARK_ALL_READ: do_mark_all(ui); break;
	case ACT_REFRESH: {
		const struct ui_feedrow *f = ui_selected_feed(ui);

		if (ui->view == VIEW_FEEDS && f != NULL && f->kind == FROW_FEED)
			ui_refresh_start(ui, f->info->url);
		else if (ui->view != VIEW_FEEDS && ui->hopen &&
		    ui->hsrc.q.view == STORE_VIEW_FEED && f != NULL && f->kind == FROW_FEED)
			ui_refresh_start(ui, f->info->url);
		else
			ui_refresh_start(ui, NULL);
		break;
	}
	case ACT_REFRESH_ALL: ui_refresh_start(ui, NULL); break;
	case ACT_SEARCH: do_search(ui); break;
	case ACT_TAG_FILTER: do_tag_filter(ui); break;
	case ACT_HIDE_READ:
		ui->hide_read = !ui->hide_read;
		ui_feeds_load(ui);
		break;
	case ACT_SHOW_ERROR: do_show_error(ui); break;
	case ACT_OPEN_BROWSER: {
		const char *link = NULL;
		struct ui_row *r;

		if (ui->view == VIEW_LINKS && (r = ui_list_selected(&ui->auxlist)) != NULL)
			link = ui->story.story->links[r->key.k1];
		else
			ui_current_item(ui, &link);
		if (link != NULL && *link != '\0')
			ui_open_url(ui, link);
		else
			ui_status(ui, 0, "%s", _("This story has no link."));
		break;
	}
	case ACT_COPY_LINK: do_copy(ui); break;
	case ACT_LINKS: ui_links_open(ui); break;
	case ACT_FULL_TEXT: {
		const char *link = NULL;
		int64_t id = ui_current_item(ui, &link);

		if (link == NULL || *link == '\0')
			ui_status(ui, 0, "%s", _("This story has no link."));
		else
			ui_fulltext_start(ui, id, link);
		break;
	}
	case ACT_HELP: ui_help_open(ui); break;
	case ACT_REDRAW: clearok(curscr, TRUE); break;
	default: break;
	}
}

void
ui_dispatch(struct ui *ui, int key)
{
	enum ui_action a = ui_keymap_lookup(&ui->keys, (int)ui->view, key);

	if (a == ACT_NONE && ui->view == VIEW_LINKS && key >= '1' && key <= '9') {
		/* a link's number opens it */
		struct ui_key k = { key - '1', key - '1' };

		if ((size_t)k.k1 < ui->naux) {
			ui_list_goto(&ui->auxlist, &k, (int)k.k1);
			ui_run_action(ui, ACT_OPEN_BROWSER);
		}
		return;
	}
	ui_run_action(ui, a);
}
