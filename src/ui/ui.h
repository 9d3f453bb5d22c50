/*
 * ui: the reader's own header.  List, scroll and selection state are plain
 * data (ui-list.c, no curses) so they are unit tested; actions are one table
 * (ui-action.c); key names and bindings (ui-keys.c); themes map roles to
 * colours (ui-theme.c); the curses layer and the views build on these.
 */
#ifndef DATELINE_UI_H
#define DATELINE_UI_H

#include <stddef.h>
#include <stdint.h>

#include "util/roles.h"

/* --- Lists loaded lazily through a keyset "page source". --- */

/* A row's position in its list: rows are ordered by (k1, k2) as the source
 * defines it (for headlines: newest first by date, then id). */
struct ui_key {
	int64_t	k1;
	int64_t	k2;
};

struct ui_row {
	struct ui_key	 key;
	void		*data;		/* owned by the list, freed with free_row */
};

/* Fetch up to n rows next to `from` in list order: dir > 0 the rows after
 * it, in list order; dir < 0 the rows before it, nearest first.  from NULL:
 * from the first row (dir > 0) or the last (dir < 0).  Returns the number of
 * rows stored in out (fewer than n only at the end of the list), or -1. */
typedef int ui_fetch_fn(void *ctx, const struct ui_key *from, int dir,
    struct ui_row *out, size_t n);
typedef void ui_row_free_fn(void *ctx, void *data);

struct ui_list {
	ui_fetch_fn	*fetch;
	ui_row_free_fn	*free_row;
	void		*ctx;

	struct ui_row	*rows;		/* a window of the list */
	size_t		 nrows;
	size_t		 cap;
	int		 more_before;	/* rows exist before rows[0] */
	int		 more_after;	/* rows exist after rows[nrows - 1] */
	size_t		 sel;		/* selected row, index into rows */
	size_t		 top;		/* first row shown */
	int		 height;	/* rows shown */
	int		 error;		/* the last fetch failed */
};

void	 ui_list_init(struct ui_list *l, ui_fetch_fn *fetch, ui_row_free_fn *free_row,
	     void *ctx, int height);
void	 ui_list_clear(struct ui_list *l);
/* Load from the first row, selecting it. */
void	 ui_list_load(struct ui_list *l);
void	 ui_list_set_height(struct ui_list *l, int height);
void	 ui_list_move(struct ui_list *l, long delta);
void	 ui_list_page(struct ui_list *l, int dir);
void	 ui_list_first(struct ui_list *l);
void	 ui_list_last(struct ui_list *l);
/* Select the row shown at screen line y (0 = top); 0 when there is one. */
int	 ui_list_click(struct ui_list *l, int y);
/* Scroll the view by delta rows, keeping the selection visible. */
void	 ui_list_scroll(struct ui_list *l, long delta);
/* Reload around the selected row: the same row stays selected on the same
 * screen line even when rows were inserted or removed before it. */
void	 ui_list_reload(struct ui_list *l);
/* Reload around `key`, selecting it (or the row that follows its place),
 * shown on screen line `line`. */
void	 ui_list_goto(struct ui_list *l, const struct ui_key *key, int line);
struct ui_row *ui_list_selected(struct ui_list *l);
/* Walk from the selection in dir until match() is true (loading as it
 * goes, at most `limit` rows); selects it and returns 0, or -1. */
int	 ui_list_find(struct ui_list *l, int dir, size_t limit,
	     int (*match)(const void *data, void *arg), void *arg);

/* A page source over an array the caller keeps (feeds, help, links): k1 is
 * the index.  Rows borrow the pointers. */
struct ui_array {
	void	**items;
	size_t	  n;
};
ui_fetch_fn ui_array_fetch;

/* A scrolled text (the story view): plain offsets. */
struct ui_scroll {
	size_t	top;
	size_t	total;
	int	height;
};
void	 ui_scroll_by(struct ui_scroll *s, long delta);
void	 ui_scroll_page(struct ui_scroll *s, int dir);
void	 ui_scroll_home(struct ui_scroll *s);
void	 ui_scroll_end(struct ui_scroll *s);
void	 ui_scroll_set(struct ui_scroll *s, size_t total, int height);
int	 ui_scroll_at_end(const struct ui_scroll *s);

/* --- Views and actions. --- */

enum ui_view {
	VIEW_FEEDS,
	VIEW_HEADLINES,
	VIEW_STORY,
	VIEW_HELP,
	VIEW_LINKS,
	VIEW_COUNT
};
extern const char *const ui_view_names[VIEW_COUNT];
int	 ui_view_from_name(const char *name);	/* -1 when unknown */

enum ui_action {
	ACT_NONE = 0,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_HOME,
	ACT_END,
	ACT_OPEN,
	ACT_BACK,
	ACT_QUIT,
	ACT_QUIT_NOW,
	ACT_NEXT_UNREAD,
	ACT_PREV_UNREAD,
	ACT_NEXT_STORY,
	ACT_PREV_STORY,
	ACT_FLAG,
	ACT_TOGGLE_READ,
	ACT_MARK_ALL_READ,
	ACT_REFRESH,
	ACT_REFRESH_ALL,
	ACT_SEARCH,
	ACT_TAG_FILTER,
	ACT_HIDE_READ,
	ACT_SHOW_ERROR,
	ACT_OPEN_BROWSER,
	ACT_COPY_LINK,
	ACT_LINKS,
	ACT_FULL_TEXT,
	ACT_HELP,
	ACT_REDRAW,
	ACT_COUNT
};

/* What an action needs before its handler may run. */
enum {
	NEED_ITEM	= 1 << 0,	/* a selected headline or an open story */
	NEED_FEED	= 1 << 1,	/* a selected feed, or headlines of one */
	NEED_STORY	= 1 << 2,	/* the story view */
	NEED_LIST	= 1 << 3,	/* a view with a selectable list */
};

struct ui;
typedef void ui_handler_fn(struct ui *ui);

struct ui_action_def {
	enum ui_action	 action;
	const char	*name;		/* in `bind KEY ACTION` */
	const char	*keys;		/* default keys, space-separated */
	const char	*view;		/* the view those keys are for, NULL: all */
	const char	*help;		/* N_() */
	int		 needs;
};
extern const struct ui_action_def ui_actions[ACT_COUNT];
int	 ui_action_from_name(const char *name);	/* -1 when unknown */
/* Whether an action can do anything in a view (the help lists only those). */
int	 ui_action_applies(enum ui_action a, enum ui_view v);
/* The default bindings as config text, one `bind [VIEW] KEY ACTION` a line. */
char	*ui_default_bindings(void);

/* --- Keys and bindings. --- */

/* A key: a Unicode code point, or UI_KEY_FN + a curses KEY_* code. */
#define UI_KEY_FN 0x200000
int	 ui_key_parse(const char *name);	/* -1 when unknown */
/* A printable name for a key into out. */
void	 ui_key_name(int key, char *out, size_t len);

#define UI_KEYMAP_MAX 512
struct ui_binding {
	int		 view;		/* -1: every view */
	int		 key;
	enum ui_action	 action;	/* ACT_NONE: unbound */
};
struct ui_keymap {
	struct ui_binding b[UI_KEYMAP_MAX];
	size_t		  n;
};
int	 ui_keymap_bind(struct ui_keymap *m, const char *view, const char *key,
	     const char *action, char **err);
int	 ui_keymap_unbind(struct ui_keymap *m, const char *view, const char *key,
	     char **err);
enum ui_action ui_keymap_lookup(const struct ui_keymap *m, int view, int key);
/* The keys bound to an action in a view, "j Down", into out. */
void	 ui_keymap_keys(const struct ui_keymap *m, int view, enum ui_action a,
	     char *out, size_t len);

/* --- Small helpers shared by the views. --- */

/* The nearest colour (CONF_COLOR_* from conf.h) a terminal with ncolors
 * colours shows: -1 stays the default, true colour needs 2^24 colours. */
int	 ui_color_reduce(int color, int ncolors);

/* OSC 52 sequence copying text to the clipboard (text sanitised first). */
char	*ui_osc52(const char *text);
/* Headline date: "27 Nov 14:03" in the user's locale. */
void	 ui_format_date(int64_t t, char *out, size_t len);

#endif
