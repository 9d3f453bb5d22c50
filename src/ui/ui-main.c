/*
 * `dateline` with no command: the reader.  Sets up the store, the config's
 * key bindings and theme, and runs the one loop: wait for a key, a
 * refresh event or a timer; handle it; repaint once if anything is dirty.
 * Signal handlers only set flags.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "config/conf.h"
#include "config/urls.h"
#include "ui/ui-int.h"
#include "util/i18n.h"
#include "util/util.h"

static volatile sig_atomic_t got_winch;
static volatile sig_atomic_t got_term;

static void
on_winch(int sig)
{
	(void)sig;
	got_winch = 1;
}

static void
on_term(int sig)
{
	(void)sig;
	got_term = 1;
}

/* --- key bindings: the defaults, then the user's lines in order --- */

static int
apply_binding(struct ui_keymap *m, const struct conf_binding *b, char **err)
{
	if (b->action == NULL)
		return ui_keymap_unbind(m, b->view, b->key, err);
	return ui_keymap_bind(m, b->view, b->key, b->action, err);
}

static int
check_binding(const struct conf_binding *b, char **err, void *arg)
{
	return apply_binding(arg, b, err);
}

static int
setup_keys(struct ui *ui)
{
	char *text = ui_default_bindings(), *err = NULL;
	struct conf *def = conf_new();
	size_t i;
	int rc = 0;

	if (conf_load_text(def, "(default bindings)", text, strlen(text)) != 0)
		rc = -1;
	for (i = 0; i < conf_nbindings(def); i++)
		if (apply_binding(&ui->keys, conf_binding(def, i), &err) != 0) {
			log_error("(default bindings): %s", err);
			free(err);
			err = NULL;
			rc = -1;
		}
	conf_free(def);
	free(text);
	if (conf_check_bindings(conf_global(), check_binding, &ui->keys) > 0) {
		for (i = 0; i < conf_nerrors(conf_global()); i++)
			log_error("%s", conf_error(conf_global(), i));
		rc = -1;
	}
	return rc;
}

/* --- background search indexing --- */

/* After a refresh, and at start-up (what a refresh from cron left): the
 * next search then finds the index done instead of writing it first. */
void
ui_index_start(struct ui *ui)
{
	int64_t waiting = 0;
	char *err = NULL;

	if (ui->indexer != NULL) {
		if (!store_indexer_done(ui->indexer))
			return;		/* it goes on until nothing waits */
		ui_index_stop(ui);
	}
	if (store_index_pending(ui->store, &waiting, &err) != 0) {
		free(err);
		return;
	}
	if (waiting > 0)
		ui->indexer = store_indexer_start(store_path(ui->store));
}

void
ui_index_stop(struct ui *ui)
{
	store_indexer_stop(ui->indexer);
	ui->indexer = NULL;
}

/* --- background refresh --- */

void
ui_refresh_start(struct ui *ui, const char *only_url)
{
	struct urls u = { NULL, 0 };
	struct refresh_feed *feeds = NULL;
	struct refresh_opts o;
	char *err = NULL, *ca_file = NULL;
	size_t i, n = 0;

	if (ui->refresh != NULL) {
		ui_status(ui, 0, "%s", _("A refresh is already running."));
		return;
	}
	/* Taken before reading: a file edited since is not rewritten. */
	urls_stamp_get(ui->urls_path, &ui->urls_stamp);
	if (urls_load(&u, ui->urls_path, 0, NULL, &err) != 0) {
		ui_status(ui, 1, "%s", err);
		free(err);
		return;
	}
	feeds = xcalloc(u.n ? u.n : 1, sizeof *feeds);
	for (i = 0; i < u.n; i++) {
		if (u.v[i].kind == URL_QUERY)
			continue;
		if (only_url != NULL && strcmp(only_url, u.v[i].url) != 0)
			continue;
		feeds[n].url = u.v[i].url;
		feeds[n].title = u.v[i].title;
		feeds[n].tags = (const char *const *)u.v[i].tags;
		feeds[n++].ntags = u.v[i].ntags;
	}
	memset(&o, 0, sizeof o);
	o.cache = store_path(ui->store);
	o.feeds = feeds;
	o.nfeeds = n;
	o.force = only_url != NULL;
	conf_fetch_opts(&o.fetch, &ca_file);	/* the refresh copies them */
	o.fetch.allow_exec = 1;
	o.fulltext = conf_bool(CONF_FULLTEXT);
	o.keep_days = (int)conf_int(CONF_KEEP_DAYS);
	o.keep_items = (int)conf_int(CONF_KEEP_ITEMS);
	o.fulltext_parallel = (int)conf_int(CONF_FULLTEXT_MAX_PARALLEL);
	if (n == 0)
		ui_status(ui, 0, "%s", only_url ? _("That feed is not in the urls file.") :
		    _("No feeds to refresh: add some to the urls file."));
	else if ((ui->refresh = refresh_start(&o, &err)) == NULL) {
		ui_status(ui, 1, "%s", err);
		free(err);
	} else {
		ui->rdone = 0;
		ui->rtotal = n;
		free(ui->status);
		ui->status = NULL;
		ui->moves = refresh_moves_new();
	}
	ui->last_refresh = time_monotonic();
	free(ca_file);
	free(feeds);
	urls_free(&u);
	ui->dirty = 1;
}

/* Re-read what is on screen: the store changed. */
static void
reload_views(struct ui *ui)
{
	ui_feeds_load(ui);
	if (ui->hopen)
		ui_list_reload(&ui->hlist);
	ui->dirty = 1;
}

static void
report_move(void *ctx, int is_error, const char *msg)
{
	ui_status(ctx, is_error, "%s", msg);
}

/* Permanent redirects the refresh met: the urls file and the store
 * follow them (refresh-moved.h); the last one is said on the status line
 * (the refresh's own summary is there when there is none). */
static void
apply_moves(struct ui *ui)
{
	struct refresh_moves_opts mo;

	if (ui->moves == NULL)
		return;
	memset(&mo, 0, sizeof mo);
	mo.urls_path = ui->urls_path;
	mo.stamp = &ui->urls_stamp;
	mo.cache = store_path(ui->store);
	mo.enabled = conf_bool(CONF_UPDATE_MOVED_URLS);
	refresh_moves_apply(ui->moves, &mo, report_move, ui);
	refresh_moves_free(ui->moves);
	ui->moves = NULL;
}

void
ui_refresh_poll(struct ui *ui)
{
	struct refresh_event ev;
	struct refresh_summary sum;
	int finished = 0, got = 0;

	if (ui->refresh == NULL)
		return;
	while (refresh_next_event(ui->refresh, &ev) == 1) {
		got = 1;
		ui->rdone = ev.done;
		ui->rtotal = ev.total;
		if (ev.kind == REFRESH_EV_FEED)
			refresh_moves_note(ui->moves, &ev.feed);
		if (ev.kind == REFRESH_EV_FINISHED)
			finished = 1;
		refresh_event_clear(&ev);
	}
	if (!finished) {
		if (got)
			ui->dirty = 1;
		return;
	}
	memset(&sum, 0, sizeof sum);
	refresh_wait(ui->refresh, &sum);
	ui->refresh = NULL;
	if (sum.fatal)
		ui_status(ui, 1, _("Refresh failed: %s"), sum.error ? sum.error : "");
	else {
		/* TRANSLATORS: the end of a refresh; the first %s counts feeds
		 * ("2 feeds"), the second new stories ("1 new story"). */
		char *feeds = xasprintf(P_("%zu feed", "%zu feeds", sum.total), sum.total);
		char *news = xasprintf(P_("%d new story", "%d new stories",
		    (unsigned long)sum.new_items), sum.new_items);

		if (sum.failed > 0)
			ui_status(ui, 1, _("Refreshed %s: %s, %zu failed (e on a feed shows why)."),
			    feeds, news, sum.failed);
		else
			ui_status(ui, 0, _("Refreshed %s: %s."), feeds, news);
		free(feeds);
		free(news);
	}
	refresh_summary_clear(&sum);
	apply_moves(ui);
	reload_views(ui);
	store_data_version(ui->store);	/* our own worker's writes are seen */
	ui_index_start(ui);
}

void
ui_check_store(struct ui *ui)
{
	int64_t v = store_data_version(ui->store);

	if (v >= 0 && v != ui->data_version) {
		ui->data_version = v;
		reload_views(ui);
	}
}

/* --- input --- */

static int
normalise_key(int rc, wint_t wc)
{
	if (rc == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return '\n';
		return UI_KEY_FN + (int)wc;
	}
	if (wc == '\r')
		return '\n';
	if (wc == 127 || wc == 8)
		return UI_KEY_FN + KEY_BACKSPACE;
	return (int)wc;
}

static void
handle_mouse(struct ui *ui)
{
	MEVENT me;
	struct ui_list *l = NULL;

	if (getmouse(&me) != OK)
		return;
	if (ui->view == VIEW_FEEDS)
		l = &ui->flist;
	else if (ui->view == VIEW_HEADLINES)
		l = &ui->hlist;
	else if (ui->view == VIEW_HELP || ui->view == VIEW_LINKS)
		l = &ui->auxlist;
	if (me.bstate & BUTTON4_PRESSED) {
		if (l != NULL)
			ui_list_scroll(l, -3);
		else
			ui_scroll_by(&ui->story.scroll, -3);
#ifdef BUTTON5_PRESSED
	} else if (me.bstate & BUTTON5_PRESSED) {
		if (l != NULL)
			ui_list_scroll(l, 3);
		else
			ui_scroll_by(&ui->story.scroll, 3);
#endif
	} else if (l != NULL && ui_list_click(l, me.y - 1) == 0) {
		if (me.bstate & BUTTON1_DOUBLE_CLICKED)
			ui_run_action(ui, ACT_OPEN);
	}
	ui->dirty = 1;
}

/* The screen's size changed: lay every view out again. */
static void
relayout(struct ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui_resize_lists(ui);
	clearok(curscr, TRUE);
}

/* After SIGWINCH: tell curses the new size (it queues a KEY_RESIZE, which
 * only lays out again, so the two never chase each other). */
static void
resize(struct ui *ui)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	relayout(ui);
}

static void
read_keys(struct ui *ui)
{
	wint_t wc;
	int rc;

	timeout(0);	/* a resize may have made a new stdscr */
	while (!ui->quit && (rc = get_wch(&wc)) != ERR) {
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			relayout(ui);
			continue;
		}
		if (rc == KEY_CODE_YES && wc == KEY_MOUSE) {
			handle_mouse(ui);
			continue;
		}
		ui_dispatch(ui, normalise_key(rc, wc));
	}
}

static void
loop(struct ui *ui)
{
	struct pollfd pfd[3];
	double auto_every = (double)conf_int(CONF_AUTO_REFRESH), last_check = 0;
	int n;

	timeout(0);
	while (!ui->quit && !got_term) {
		if (got_winch) {
			got_winch = 0;
			resize(ui);
		}
		if (ui->dirty) {
			ui->dirty = 0;
			ui_draw(ui);
		}
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		n = 1;
		if (ui->refresh != NULL) {
			pfd[1].fd = refresh_fd(ui->refresh);
			pfd[1].events = POLLIN;
			n = 2;
		}
		if (ui->fulltext != NULL) {
			pfd[n].fd = ui_fulltext_fd(ui);
			pfd[n++].events = POLLIN;
		}
		if (poll(pfd, (nfds_t)n, 500) < 0 && errno != EINTR)
			break;
		read_keys(ui);
		ui_refresh_poll(ui);
		ui_fulltext_poll(ui);
		if (ui->indexer != NULL && store_indexer_done(ui->indexer))
			ui_index_stop(ui);
		if (time_monotonic() - last_check >= 1.0) {
			last_check = time_monotonic();
			ui_check_store(ui);
		}
		if (auto_every > 0 && ui->refresh == NULL &&
		    time_monotonic() - ui->last_refresh >= auto_every)
			ui_refresh_start(ui, NULL);
	}
}

static void
ui_free(struct ui *ui)
{
	if (ui->refresh != NULL) {
		refresh_cancel(ui->refresh);
		refresh_wait(ui->refresh, NULL);
	}
	ui_index_stop(ui);
	/* A move seen before quitting is found again by the next refresh
	 * (the side file remembers it). */
	refresh_moves_free(ui->moves);
	ui_fulltext_stop(ui);
	ui_story_close(ui);
	ui_aux_free(ui);
	if (ui->hopen) {
		ui_list_clear(&ui->hlist);
		ui_hsrc_free(&ui->hsrc);
	}
	ui_list_clear(&ui->flist);
	store_feed_list_free(ui->feeds, ui->nfeeds);
	free(ui->frows);
	free(ui->fptrs);
	free(ui->htitle);
	free(ui->tag);
	free(ui->status);
	free(ui->urls_path);
	store_close(ui->store);
}

int
cmd_ui(const struct cli *cli)
{
	struct ui ui;
	struct sigaction sa;
	char *path, *err = NULL;
	double t0 = time_monotonic();

	memset(&ui, 0, sizeof ui);
	ui.cli = cli;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		log_error("%s", _("the reader needs a terminal (see --help for the commands)"));
		return EXIT_USAGE;
	}
	if (ui_terminal_check() != 0)
		return EXIT_USAGE;
	conf_init(cli->config, cli->theme);
	conf_fetch_url_defaults();	/* `f`: ca-file, user-agent, limits */
	if (setup_keys(&ui) != 0)
		log_warn("%s", _("some key bindings were ignored"));
	path = conf_cache_path(cli->cache);
	ui.store = store_open(path, 0, &err);
	free(path);
	if (ui.store == NULL) {
		log_error("%s", err);
		free(err);
		conf_shutdown();
		return EXIT_FAIL;
	}
	ui.urls_path = conf_urls_path(cli->urls);
	ui.data_version = store_data_version(ui.store);

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	ui_screen_init(&ui);
	ui.view = VIEW_FEEDS;
	ui_list_init(&ui.flist, ui_array_fetch, NULL, &ui.farray, ui_body_rows(&ui));
	ui_feeds_load(&ui);
	ui_draw(&ui);
	ui.dirty = 0;
	if (getenv("DATELINE_STARTUP_TIME") != NULL)
		ui_status(&ui, 0, "first screen in %.1f ms", (time_monotonic() - t0) * 1000);
	ui.last_refresh = time_monotonic();
	if (conf_bool(CONF_REFRESH_ON_START))
		ui_refresh_start(&ui, NULL);
	ui_index_start(&ui);
	loop(&ui);
	ui_screen_end();
	ui_free(&ui);
	conf_shutdown();
	return EXIT_OK;
}
