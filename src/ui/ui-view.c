/*
 * The views' state: the feed list (river, Flagged, then each feed), the
 * headline lists, the open story rendered at the window's width, and the
 * help and link lists.  Data comes from the store; drawing is ui-draw.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/conf.h"
#include "ui/ui-int.h"
#include "util/i18n.h"
#include "util/util.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
/* The format is the user's date-format option, checked by strftime. */
void
ui_format_date(int64_t t, char *out, size_t len)
{
	time_t tt = (time_t)t, now = time(NULL);
	struct tm tm, today;
	const char *fmt = conf_str(CONF_DATE_FORMAT);

	/* the default leaves out the year: say it for other years */
	if (localtime_r(&tt, &tm) != NULL && localtime_r(&now, &today) != NULL &&
	    tm.tm_year != today.tm_year && fmt != NULL &&
	    strcmp(fmt, conf_option(CONF_DATE_FORMAT)->def) == 0)
		fmt = "%d %b  %Y";
	if (t == DL_TIME_NONE || localtime_r(&tt, &tm) == NULL ||
	    strftime(out, len, fmt && *fmt ? fmt : "%d %b %H:%M", &tm) == 0)
		snprintf(out, len, "%s", "");
}

/* The date above a story: story-date-format (default %c, the locale's
 * own form) in local time; NULL leaves the renderer's UTC form. */
static char *
story_date(int64_t t)
{
	time_t tt = (time_t)t;
	const char *fmt = conf_str(CONF_STORY_DATE_FORMAT);
	char out[128];
	struct tm tm;

	if (t == DL_TIME_NONE || fmt == NULL || *fmt == '\0' ||
	    localtime_r(&tt, &tm) == NULL || strftime(out, sizeof out, fmt, &tm) == 0)
		return NULL;
	return xstrdup(out);
}
#pragma GCC diagnostic pop

/* --- feed-sort: none (as added), title, unread or updated --- */

static int
feed_by_title(const void *a, const void *b)
{
	const struct store_feed_info *x = a, *y = b;
	int c = strcoll(x->title, y->title);

	return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

static int
feed_by_unread(const void *a, const void *b)
{
	const struct store_feed_info *x = a, *y = b;

	if (x->unread != y->unread)
		return x->unread < y->unread ? 1 : -1;
	return feed_by_title(a, b);
}

struct feed_dated {
	struct store_feed_info	 info;
	int64_t			 newest;
};

static int
feed_by_newest(const void *a, const void *b)
{
	const struct feed_dated *x = a, *y = b;

	if (x->newest != y->newest)
		return x->newest < y->newest ? 1 : -1;
	return feed_by_title(&x->info, &y->info);
}

/* The newest item of each feed: one indexed one-row page a feed, asked
 * only when feed-sort is "updated". */
static void
sort_by_newest(struct ui *ui, struct store_feed_info *feeds, size_t n)
{
	struct feed_dated *d = xcalloc(n, sizeof *d);
	size_t i, got;

	for (i = 0; i < n; i++) {
		struct store_query q = { .view = STORE_VIEW_FEED, .feed_id = feeds[i].id };
		struct store_cursor cur = STORE_CURSOR_START;
		struct store_headline *h = NULL;
		char *err = NULL;

		d[i].info = feeds[i];
		d[i].newest = INT64_MIN;
		if (store_headlines(ui->store, &q, &cur, 1, &h, &got, &err) == 0 && got > 0)
			d[i].newest = h[0].date;
		free(err);
		store_headlines_free(h, h != NULL ? got : 0);
	}
	qsort(d, n, sizeof *d, feed_by_newest);
	for (i = 0; i < n; i++)
		feeds[i] = d[i].info;
	free(d);
}

static void
sort_feeds(struct ui *ui, struct store_feed_info *feeds, size_t n)
{
	const char *how = conf_str(CONF_FEED_SORT);

	if (n < 2 || how == NULL)
		return;
	if (strcmp(how, "title") == 0)
		qsort(feeds, n, sizeof *feeds, feed_by_title);
	else if (strcmp(how, "unread") == 0)
		qsort(feeds, n, sizeof *feeds, feed_by_unread);
	else if (strcmp(how, "updated") == 0)
		sort_by_newest(ui, feeds, n);
}

static int
has_tag(const char *tags, const char *tag)
{
	size_t n = strlen(tag);
	const char *p = tags;

	while ((p = strstr(p, tag)) != NULL) {
		if ((p == tags || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/* Re-read the feed list; the selected row stays selected. */
void
ui_feeds_load(struct ui *ui)
{
	struct store_feed_info *feeds = NULL;
	size_t n = 0, i, k = 0;
	char *err = NULL;
	int64_t unread = 0, total = 0;
	struct ui_key key = { 0, 0 };
	int line = 0, had = ui->flist.nrows > 0;

	if (store_feed_list(ui->store, &feeds, &n, &err) != 0) {
		ui_status(ui, 1, "%s", err);
		free(err);
		return;
	}
	sort_feeds(ui, feeds, n);
	if (had) {
		const struct ui_feedrow *f = ui_selected_feed(ui);

		/* the selection is known by feed id (river -2, flagged -1) */
		key.k2 = f->kind == FROW_FEED ? f->info->id : f->kind == FROW_RIVER ? -2 : -1;
		line = (int)(ui->flist.sel - ui->flist.top);
	}
	ui_list_clear(&ui->flist);
	store_feed_list_free(ui->feeds, ui->nfeeds);
	free(ui->frows);
	free(ui->fptrs);
	ui->feeds = feeds;
	ui->nfeeds = n;
	ui->frows = xcalloc(n + 2, sizeof *ui->frows);
	ui->fptrs = xcalloc(n + 2, sizeof *ui->fptrs);
	for (i = 0; i < n; i++) {
		unread += feeds[i].unread;
		total += feeds[i].total;
	}
	if (conf_bool(CONF_SHOW_RIVER)) {
		ui->frows[k].kind = FROW_RIVER;
		ui->frows[k].unread = unread;
		ui->frows[k++].total = total;
	}
	ui->frows[k++].kind = FROW_FLAGGED;
	for (i = 0; i < n; i++) {
		if (ui->tag != NULL && !has_tag(feeds[i].tags, ui->tag))
			continue;
		if ((ui->hide_read || !conf_bool(CONF_SHOW_READ_FEEDS)) && feeds[i].unread == 0)
			continue;
		ui->frows[k].kind = FROW_FEED;
		ui->frows[k].info = &feeds[i];
		ui->frows[k].unread = feeds[i].unread;
		ui->frows[k++].total = feeds[i].total;
	}
	for (i = 0; i < k; i++)
		ui->fptrs[i] = &ui->frows[i];
	ui->farray.items = ui->fptrs;
	ui->farray.n = k;
	ui_list_init(&ui->flist, ui_array_fetch, NULL, &ui->farray, ui_body_rows(ui));
	ui_list_load(&ui->flist);
	if (had) {
		for (i = 0; i < k; i++) {
			const struct ui_feedrow *f = &ui->frows[i];
			int64_t id = f->kind == FROW_FEED ? f->info->id :
			    f->kind == FROW_RIVER ? -2 : -1;

			if (id == key.k2) {
				struct ui_key at = { (int64_t)i, (int64_t)i };

				ui_list_goto(&ui->flist, &at, line);
				break;
			}
		}
	}
	ui->dirty = 1;
}

const struct ui_feedrow *
ui_selected_feed(struct ui *ui)
{
	struct ui_row *r = ui_list_selected(&ui->flist);

	return r ? r->data : NULL;
}

struct store_headline *
ui_selected_headline(struct ui *ui)
{
	struct ui_row *r = ui_list_selected(&ui->hlist);

	return r ? r->data : NULL;
}

int64_t
ui_current_item(struct ui *ui, const char **link)
{
	struct store_headline *h;

	if ((ui->view == VIEW_STORY || ui->view == VIEW_LINKS) && ui->story.item != NULL) {
		if (link != NULL)
			*link = ui->story.item->item.link;
		return ui->story.item->id;
	}
	if (ui->view == VIEW_HEADLINES && (h = ui_selected_headline(ui)) != NULL) {
		if (link != NULL)
			*link = h->link;
		return h->id;
	}
	return 0;
}

void
ui_headlines_open(struct ui *ui, const struct store_query *q, const char *title)
{
	if (ui->hopen) {
		ui_list_clear(&ui->hlist);
		ui_hsrc_free(&ui->hsrc);
	}
	free(ui->htitle);
	ui->htitle = xstrdup(title);
	ui_hsrc_init(&ui->hsrc, ui->store, q);
	ui_list_init(&ui->hlist, ui_hsrc_fetch, ui_headline_free, &ui->hsrc,
	    ui_body_rows(ui));
	ui_list_load(&ui->hlist);
	ui->hopen = 1;
	ui->view = VIEW_HEADLINES;
	ui->dirty = 1;
}

static int
story_width(const struct ui *ui)
{
	int w = ui->cols > 2 ? ui->cols - 2 : ui->cols;
	long long max = conf_int(CONF_TEXT_WIDTH);

	if (max > 0 && w > max)
		w = (int)max;
	return w < 10 ? 10 : w;
}

void
ui_story_layout(struct ui *ui)
{
	struct ui_story *s = &ui->story;
	int w = story_width(ui);

	if (s->story == NULL)
		return;
	if (s->lines == NULL || s->width != w) {
		story_lines_free(s->lines);
		s->lines = story_render(s->story, w);
		s->width = w;
	}
	ui_scroll_set(&s->scroll, s->lines ? s->lines->nlines : 0, ui_body_rows(ui));
}

void
ui_story_close(struct ui *ui)
{
	struct ui_story *s = &ui->story;

	story_lines_free(s->lines);
	story_free(s->story);
	store_item_free(s->item);
	memset(s, 0, sizeof *s);
}

static void
mark_row(struct ui *ui, int64_t id, int unread)
{
	size_t i;

	for (i = 0; i < ui->hlist.nrows; i++) {
		struct store_headline *h = ui->hlist.rows[i].data;

		if (h->id == id)
			h->unread = unread;
	}
}

void
ui_story_open(struct ui *ui, int64_t id)
{
	struct store_item *it = NULL;
	struct story_source src;
	char *err = NULL;

	if (store_item_get(ui->store, id, &it, &err) != 0) {
		ui_status(ui, 1, "%s", err);
		free(err);
		return;
	}
	if (it == NULL) {
		ui_status(ui, 1, "%s", _("That story is no longer in the store."));
		return;
	}
	ui_story_close(ui);
	ui->story.item = it;
	story_source_from_item(&src, &it->item, it->feed_title);
	if (it->fulltext != NULL) {
		src.html = it->fulltext;
		src.html_len = strlen(it->fulltext);
	}
	if (src.published == DL_TIME_NONE)
		src.published = it->date;
	ui->story.story = story_new(&src);
	if (ui->story.story != NULL)
		ui->story.story->date_shown = story_date(src.published);
	ui_story_layout(ui);
	ui->view = VIEW_STORY;
	ui->dirty = 1;
	if (it->unread && conf_bool(CONF_MARK_READ_ON_OPEN)) {
		if (store_item_set_unread(ui->store, id, 0, &err) != 0) {
			ui_status(ui, 1, "%s", err);
			free(err);
		} else {
			it->unread = 0;
			mark_row(ui, id, 0);
		}
	}
}

void
ui_aux_free(struct ui *ui)
{
	size_t i;

	ui_list_clear(&ui->auxlist);
	for (i = 0; i < ui->naux; i++)
		free(ui->aux[i]);
	free(ui->aux);
	ui->aux = NULL;
	ui->naux = 0;
}

static void
aux_open(struct ui *ui, enum ui_view v)
{
	if (ui->view != VIEW_HELP && ui->view != VIEW_LINKS)
		ui->back_view = ui->view;
	ui->auxarray.items = (void **)ui->aux;
	ui->auxarray.n = ui->naux;
	ui_list_init(&ui->auxlist, ui_array_fetch, NULL, &ui->auxarray, ui_body_rows(ui));
	ui_list_load(&ui->auxlist);
	ui->view = v;
	ui->dirty = 1;
}

static void
aux_add(struct ui *ui, char *line)
{
	ui->aux = xreallocarray(ui->aux, ui->naux + 1, sizeof *ui->aux);
	ui->aux[ui->naux++] = line;
}

void
ui_help_open(struct ui *ui)
{
	enum ui_view v = ui->view == VIEW_HELP || ui->view == VIEW_LINKS ?
	    ui->back_view : ui->view;
	char keys[128];
	int a;

	ui_aux_free(ui);
	for (a = 1; a < ACT_COUNT; a++) {
		if (!ui_action_applies((enum ui_action)a, v))
			continue;
		ui_keymap_keys(&ui->keys, (int)v, (enum ui_action)a, keys, sizeof keys);
		if (keys[0] == '\0')
			continue;
		aux_add(ui, xasprintf("%s\t%s", keys, _(ui_actions[a].help)));
	}
	ui->back_view = v;
	aux_open(ui, VIEW_HELP);
	ui->back_view = v;
}

void
ui_links_open(struct ui *ui)
{
	size_t i;

	if (ui->story.story == NULL)
		return;
	if (ui->story.story->nlinks == 0) {
		ui_status(ui, 0, "%s", _("This story has no links."));
		return;
	}
	ui_aux_free(ui);
	for (i = 0; i < ui->story.story->nlinks; i++)
		aux_add(ui, xasprintf("[%zu] %s", i + 1, ui->story.story->links[i]));
	aux_open(ui, VIEW_LINKS);
}

void
ui_resize_lists(struct ui *ui)
{
	int h = ui_body_rows(ui);

	ui_list_set_height(&ui->flist, h);
	if (ui->hopen)
		ui_list_set_height(&ui->hlist, h);
	if (ui->naux > 0)
		ui_list_set_height(&ui->auxlist, h);
	ui_story_layout(ui);
	ui->dirty = 1;
}
