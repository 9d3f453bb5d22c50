/*
 * The curses layer: start and stop the screen, colours from the theme's
 * roles, and drawing every view from its plain-data state.  Every string
 * is sanitised here on its way to the terminal and cut at display width.
 */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "config/conf.h"
#include "ui/ui-int.h"
#include "util/i18n.h"
#include "util/util.h"

/* Built-in looks: what a role has when the theme says nothing of it. */
static int
builtin_attrs(enum role r)
{
	switch (r) {
	case ROLE_SELECTED:
	case ROLE_TITLE_BAR:
	case ROLE_STATUS_BAR:
		return A_REVERSE;
	case ROLE_HEADLINE:
	case ROLE_UNREAD:
	case ROLE_FLAG:
	case ROLE_ERROR:
	case ROLE_HELP_KEY:
	case ROLE_HEADING:
		return A_BOLD;
	case ROLE_LINK_REF:
	case ROLE_SEARCH_MATCH:
		return A_UNDERLINE;
	case ROLE_READ:
	case ROLE_CREDIT:
	case ROLE_CREDITS:
		return A_DIM;
	default:
		return A_NORMAL;
	}
}

static int
curses_attrs(int a)
{
	int out = 0;

	if (a & CONF_ATTR_BOLD)
		out |= A_BOLD;
	if (a & CONF_ATTR_UNDERLINE)
		out |= A_UNDERLINE;
	if (a & CONF_ATTR_REVERSE)
		out |= A_REVERSE;
	if (a & CONF_ATTR_DIM)
		out |= A_DIM;
#ifdef A_ITALIC
	if (a & CONF_ATTR_ITALIC)
		out |= A_ITALIC;
#endif
	if (a & CONF_ATTR_STANDOUT)
		out |= A_STANDOUT;
	if (a & CONF_ATTR_BLINK)
		out |= A_BLINK;
	return out;
}

static void
setup_colors(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");
	struct conf_style st;
	int r;

	ui->color = has_colors() && (nc == NULL || *nc == '\0');
	if (ui->color) {
		start_color();
		use_default_colors();
	}
	for (r = 0; r < ROLE_COUNT; r++) {
		conf_style_get(conf_global(), (enum role)r, &st);
		if (!st.set) {
			ui->attr[r] = builtin_attrs((enum role)r);
			continue;
		}
		ui->attr[r] = curses_attrs(st.attrs);
		/* without colour, a coloured background (bars, the selection)
		 * becomes reverse video so that it still stands out */
		if (!ui->color && st.bg != CONF_COLOR_DEFAULT)
			ui->attr[r] |= A_REVERSE;
		if (!ui->color || (st.fg == CONF_COLOR_DEFAULT && st.bg == CONF_COLOR_DEFAULT))
			continue;
#if defined(NCURSES_EXT_COLORS)
		if (init_extended_pair(r + 1, ui_color_reduce(st.fg, COLORS),
		    ui_color_reduce(st.bg, COLORS)) == ERR)
			continue;
#else
		if (init_pair((short)(r + 1), (short)ui_color_reduce(st.fg, COLORS > 256 ? 256 : COLORS),
		    (short)ui_color_reduce(st.bg, COLORS > 256 ? 256 : COLORS)) == ERR)
			continue;
#endif
		ui->attr[r] |= (int)COLOR_PAIR(r + 1);
	}
	/* a monochrome selection must still show */
	if (!ui->color && (ui->attr[ROLE_SELECTED] & (A_REVERSE | A_STANDOUT)) == 0)
		ui->attr[ROLE_SELECTED] |= A_REVERSE;
}

void
ui_screen_init(struct ui *ui)
{
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	setup_colors(ui);
	if (conf_bool(CONF_MOUSE)) {
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED |
		    BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		    | BUTTON5_PRESSED
#endif
		    , NULL);
		mouseinterval(0);
		ui->mouse = 1;
	}
	getmaxyx(stdscr, ui->rows, ui->cols);
}

void
ui_screen_end(void)
{
	endwin();
}

int
ui_body_rows(const struct ui *ui)
{
	return ui->rows > 2 ? ui->rows - 2 : 1;
}

int
ui_put(struct ui *ui, int y, int x, int cols, const char *text, enum role r)
{
	char *s;
	size_t cut, used;

	if (cols <= 0 || y < 0 || y >= ui->rows || x >= ui->cols)
		return 0;
	if (x + cols > ui->cols)
		cols = ui->cols - x;
	s = utf8_sanitise(text, strlen(text), SANITISE_TAB_TO_SPACE | SANITISE_DISPLAY);
	cut = utf8_prefix_for_width(s, strlen(s), (size_t)cols, &used);
	attrset(ui->attr[r]);
	mvaddnstr(y, x, s, (int)cut);
	free(s);
	return (int)used;
}

/* A line of one role across the whole width. */
static void
bar(struct ui *ui, int y, enum role r, const char *left, const char *right)
{
	int rw = right ? (int)utf8_width(right, strlen(right)) : 0;

	attrset(ui->attr[r]);
	mvhline(y, 0, ' ', ui->cols);
	ui_put(ui, y, 0, ui->cols - (rw ? rw + 1 : 0), left, r);
	if (rw && rw < ui->cols)
		ui_put(ui, y, ui->cols - rw, rw, right, r);
}

void
ui_status(struct ui *ui, int error, const char *fmt, ...)
{
	va_list ap;

	free(ui->status);
	va_start(ap, fmt);
	ui->status = xvasprintf(fmt, ap);
	va_end(ap);
	ui->status_error = error;
	ui->dirty = 1;
}

/* Columns for "unread/total": as wide as the biggest total needs. */
static int
counts_width(const struct ui *ui)
{
	int64_t most = 0;
	size_t i;
	int digits = 1;

	for (i = 0; i < ui->farray.n; i++) {
		const struct ui_feedrow *f = ui->farray.items[i];

		if (f->total > most)
			most = f->total;
	}
	for (; most >= 10; most /= 10)
		digits++;
	return digits < 5 ? 11 : 2 * digits + 1;
}

static void
draw_feeds(struct ui *ui)
{
	int y, h = ui_body_rows(ui), cw = counts_width(ui);
	char counts[48];

	for (y = 0; y < h; y++) {
		size_t i = ui->flist.top + (size_t)y;
		const struct ui_feedrow *f;
		int sel, x = 0;
		enum role base;

		if (i >= ui->flist.nrows)
			break;
		f = ui->flist.rows[i].data;
		sel = i == ui->flist.sel;
		base = f->unread > 0 ? ROLE_UNREAD : ROLE_READ;
		if (sel) {
			attrset(ui->attr[ROLE_SELECTED]);
			mvhline(y + 1, 0, ' ', ui->cols);
		}
		if (f->kind == FROW_FEED && f->info->error[0] != '\0')
			ui_put(ui, y + 1, 0, 2, "!", sel ? ROLE_SELECTED : ROLE_ERROR);
		if (f->kind == FROW_FLAGGED)
			snprintf(counts, sizeof counts, " ");
		else
			snprintf(counts, sizeof counts, "%*lld/%-*lld", cw / 2,
			    (long long)f->unread, cw / 2, (long long)f->total);
		/* counts in a column of their own; narrow screens show unread only */
		if (ui->cols < 50 && f->kind != FROW_FLAGGED)
			snprintf(counts, sizeof counts, "%5lld", (long long)f->unread);
		ui_put(ui, y + 1, 2, ui->cols >= 50 ? cw : 5, counts,
		    sel ? ROLE_SELECTED : base);
		x = ui->cols >= 50 ? cw + 4 : 8;
		if (f->kind == FROW_RIVER)
			x += ui_put(ui, y + 1, x, ui->cols - x, _("All headlines (river)"),
			    sel ? ROLE_SELECTED : ROLE_FEED_NAME);
		else if (f->kind == FROW_FLAGGED)
			x += ui_put(ui, y + 1, x, ui->cols - x, _("Flagged"),
			    sel ? ROLE_SELECTED : ROLE_FLAG);
		else {
			char *t = utf8_truncate(f->info->title, (size_t)(ui->cols - x));

			x += ui_put(ui, y + 1, x, ui->cols - x, t, sel ? ROLE_SELECTED : base);
			free(t);
			if (f->info->tags[0] != '\0' && x + 4 < ui->cols) {
				char *tags = xasprintf("(%s)", f->info->tags);

				x += ui_put(ui, y + 1, x + 2, ui->cols - x - 2, tags,
				    sel ? ROLE_SELECTED : ROLE_META);
				free(tags);
			}
		}
	}
}

static void
draw_headlines(struct ui *ui)
{
	int y, h = ui_body_rows(ui), feedw = 0;
	char date[64];

	if (ui->hsrc.q.view != STORE_VIEW_FEED && ui->cols >= 60)
		feedw = ui->cols / 6 > 20 ? 20 : ui->cols / 6;
	for (y = 0; y < h; y++) {
		size_t i = ui->hlist.top + (size_t)y;
		const struct store_headline *hl;
		int sel, x;
		char *t;

		if (i >= ui->hlist.nrows)
			break;
		hl = ui->hlist.rows[i].data;
		sel = i == ui->hlist.sel;
		if (sel) {
			attrset(ui->attr[ROLE_SELECTED]);
			mvhline(y + 1, 0, ' ', ui->cols);
		}
		ui_put(ui, y + 1, 0, 1, hl->unread ? "N" : " ",
		    sel ? ROLE_SELECTED : ROLE_UNREAD);
		ui_put(ui, y + 1, 1, 1, hl->flagged ? "!" : " ", sel ? ROLE_SELECTED : ROLE_FLAG);
		ui_format_date(hl->date, date, sizeof date);
		x = 3 + ui_put(ui, y + 1, 3, 16, date, sel ? ROLE_SELECTED : ROLE_DATE) + 2;
		if (feedw > 0) {
			t = utf8_truncate(hl->feed_title, (size_t)feedw);
			ui_put(ui, y + 1, x, feedw, t, sel ? ROLE_SELECTED : ROLE_FEED_NAME);
			free(t);
			x += feedw + 2;
		}
		if (x < ui->cols) {
			t = utf8_truncate(hl->title[0] ? hl->title : _("(no title)"),
			    (size_t)(ui->cols - x));
			ui_put(ui, y + 1, x, ui->cols - x, t,
			    sel ? ROLE_SELECTED : hl->unread ? ROLE_UNREAD : ROLE_READ);
			free(t);
		}
	}
	if (ui->hlist.nrows == 0)
		ui_put(ui, 2, 2, ui->cols - 2, ui->hsrc.error ? ui->hsrc.error :
		    _("Nothing here."), ui->hsrc.error ? ROLE_ERROR : ROLE_DEFAULT);
}

static void
draw_story(struct ui *ui)
{
	struct ui_story *s = &ui->story;
	int y, h = ui_body_rows(ui), x0;
	size_t i, j;

	if (s->lines == NULL)
		return;
	x0 = ui->cols > s->width ? (ui->cols - s->width) / 2 : 0;
	if (x0 > 4)
		x0 = 4;
	for (y = 0; y < h; y++) {
		const struct rline *l;
		int x = x0;

		i = s->scroll.top + (size_t)y;
		if (i >= s->lines->nlines)
			break;
		l = &s->lines->lines[i];
		for (j = 0; j < l->nspans && x < ui->cols; j++)
			x += ui_put(ui, y + 1, x, ui->cols - x, l->spans[j].text,
			    l->spans[j].role);
	}
}

static void
draw_aux(struct ui *ui)
{
	int y, h = ui_body_rows(ui);

	for (y = 0; y < h; y++) {
		size_t i = ui->auxlist.top + (size_t)y;
		const char *line;
		int sel;

		if (i >= ui->auxlist.nrows)
			break;
		line = ui->auxlist.rows[i].data;
		sel = ui->view == VIEW_LINKS && i == ui->auxlist.sel;
		if (sel) {
			attrset(ui->attr[ROLE_SELECTED]);
			mvhline(y + 1, 0, ' ', ui->cols);
		}
		/* help lines: the keys, a tab, the text */
		if (ui->view == VIEW_HELP && strchr(line, '\t') != NULL) {
			char *keys = xstrndup(line, (size_t)(strchr(line, '\t') - line));
			int kw = ui->cols > 60 ? 22 : ui->cols / 3;

			ui_put(ui, y + 1, 1, kw, keys, ROLE_HELP_KEY);
			ui_put(ui, y + 1, kw + 2, ui->cols - kw - 2, strchr(line, '\t') + 1,
			    ROLE_DEFAULT);
			free(keys);
		} else
			ui_put(ui, y + 1, 1, ui->cols - 1, line,
			    sel ? ROLE_SELECTED : ui->view == VIEW_LINKS ? ROLE_LINK_LIST :
			    ROLE_HEADING);
	}
}

static const char *
view_title(struct ui *ui, char *buf, size_t len)
{
	switch (ui->view) {
	case VIEW_FEEDS:
		if (ui->tag != NULL)
			snprintf(buf, len, _("dateline: feeds tagged %s"), ui->tag);
		else
			snprintf(buf, len, "%s", _("dateline: feeds"));
		break;
	case VIEW_HEADLINES:
		snprintf(buf, len, "dateline: %s", ui->htitle ? ui->htitle : "");
		break;
	case VIEW_STORY:
		snprintf(buf, len, "dateline: %s", ui->story.item ?
		    ui->story.item->feed_title : "");
		break;
	case VIEW_HELP:
		snprintf(buf, len, _("dateline: keys of the %s view"),
		    ui_view_names[ui->back_view]);
		break;
	case VIEW_LINKS:
		snprintf(buf, len, "%s", _("dateline: links of the story"));
		break;
	default:
		buf[0] = '\0';
	}
	return buf;
}

static void
draw_status(struct ui *ui)
{
	char right[64] = "", keys[64];

	if (ui->refresh != NULL)
		snprintf(right, sizeof right, _("refreshing %zu/%zu"), ui->rdone, ui->rtotal);
	else if (ui->view == VIEW_STORY && ui->story.lines != NULL) {
		size_t total = ui->story.lines->nlines, h = (size_t)ui_body_rows(ui);
		size_t end = ui->story.scroll.top + h;

		snprintf(right, sizeof right, "%zu%%",
		    total == 0 || end >= total ? 100 : end * 100 / total);
	}
	if (ui->status != NULL) {
		bar(ui, ui->rows - 1, ui->status_error ? ROLE_ERROR : ROLE_STATUS_BAR,
		    ui->status, right);
		return;
	}
	ui_keymap_keys(&ui->keys, (int)ui->view, ACT_HELP, keys, sizeof keys);
	{
		char *hint = xasprintf(_("%s: help"), keys[0] ? keys : "?");

		bar(ui, ui->rows - 1, ROLE_STATUS_BAR, hint, right);
		free(hint);
	}
}

void
ui_draw(struct ui *ui)
{
	char title[512];

	attrset(A_NORMAL);
	erase();
	bar(ui, 0, ROLE_TITLE_BAR, view_title(ui, title, sizeof title), NULL);
	switch (ui->view) {
	case VIEW_FEEDS:
		draw_feeds(ui);
		if (ui->flist.nrows == 0)
			ui_put(ui, 2, 2, ui->cols - 2, _("No feeds: press R to refresh."),
			    ROLE_DEFAULT);
		break;
	case VIEW_HEADLINES:
		draw_headlines(ui);
		break;
	case VIEW_STORY:
		draw_story(ui);
		break;
	case VIEW_HELP:
	case VIEW_LINKS:
		draw_aux(ui);
		break;
	default:
		break;
	}
	draw_status(ui);
	attrset(A_NORMAL);
	refresh();
}

char *
ui_prompt(struct ui *ui, const char *label)
{
	struct buf b = BUF_INIT;
	char *shown;
	wint_t wc;
	int rc, lw = (int)utf8_width(label, strlen(label));

	curs_set(1);
	timeout(-1);
	for (;;) {
		attrset(A_NORMAL);
		move(ui->rows - 1, 0);
		clrtoeol();
		ui_put(ui, ui->rows - 1, 0, ui->cols, label, ROLE_DEFAULT);
		shown = xstrdup(buf_str(&b));
		ui_put(ui, ui->rows - 1, lw, ui->cols - lw - 1, shown, ROLE_DEFAULT);
		free(shown);
		refresh();
		rc = get_wch(&wc);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES) {
			if (wc == KEY_BACKSPACE)
				goto backspace;
			if (wc == KEY_ENTER)
				break;
			if (wc == KEY_RESIZE) {
				getmaxyx(stdscr, ui->rows, ui->cols);
				ui_resize_lists(ui);
				ui_draw(ui);
			}
			continue;
		}
		if (wc == '\r' || wc == '\n')
			break;
		if (wc == 27 || wc == 7 || wc == 3) {	/* Escape, ^G, ^C */
			buf_free(&b);
			curs_set(0);
			timeout(0);
			ui->dirty = 1;
			return NULL;
		}
		if (wc == 127 || wc == 8) {
backspace:
			while (b.len > 0 && (b.data[b.len - 1] & 0xC0) == 0x80)
				b.len--;
			if (b.len > 0)
				b.len--;
			buf_truncate(&b, b.len);
			continue;
		}
		if (wc >= 0x20 && b.len < 1024)
			buf_add_utf8(&b, (uint32_t)wc);
	}
	curs_set(0);
	timeout(0);
	ui->dirty = 1;
	if (b.data == NULL)
		return xstrdup("");
	return buf_detach(&b);
}
