/*
 * ui: the reader's state, shared by the files that draw and drive it.
 * Only src/ui/ includes this (it pulls in curses, the store and story).
 */
#ifndef DATELINE_UI_INT_H
#define DATELINE_UI_INT_H

#include <signal.h>
#include <stdint.h>

#include "cli.h"
#include "config/urls.h"
#include "refresh/refresh.h"
#include "refresh/refresh-moved.h"
#include "store/store.h"
#include "story/story.h"
#include "ui/ui.h"

/* A headline page source over the store.  The store pages forward only;
 * the source remembers where each page it saw started, so the list can
 * also walk backward and reload around a row. */
struct ui_hpage {
	struct ui_key		first;
	int			start;		/* before every row */
	struct store_cursor	cur;
};
struct ui_hsrc {
	struct store		*store;
	struct store_query	 q;
	char			*search;
	int			 by_ordinal;	/* keys are positions (search) */
	struct ui_hpage		*pages;
	size_t			 npages;
	char			*error;
};
void	 ui_hsrc_init(struct ui_hsrc *s, struct store *st, const struct store_query *q);
void	 ui_hsrc_free(struct ui_hsrc *s);
ui_fetch_fn ui_hsrc_fetch;
ui_row_free_fn ui_headline_free;

enum ui_feedrow_kind { FROW_RIVER, FROW_FLAGGED, FROW_FEED };
struct ui_feedrow {
	enum ui_feedrow_kind	 kind;
	const struct store_feed_info *info;	/* FROW_FEED */
	int64_t			 unread;
	int64_t			 total;
};

struct ui_story {
	struct store_item	*item;
	struct story		*story;
	struct story_lines	*lines;
	int			 width;
	struct ui_scroll	 scroll;
};

struct ui {
	const struct cli	*cli;
	struct store		*store;
	char			*urls_path;
	struct ui_keymap	 keys;
	enum ui_view		 view;
	enum ui_view		 back_view;	/* where help and links return */
	int			 quit;
	int			 dirty;
	int			 rows, cols;

	/* feeds */
	struct store_feed_info	*feeds;
	size_t			 nfeeds;
	struct ui_feedrow	*frows;
	void			**fptrs;
	struct ui_array		 farray;
	struct ui_list		 flist;
	char			*tag;		/* show only feeds with this tag */
	int			 hide_read;

	/* headlines */
	struct ui_hsrc		 hsrc;
	struct ui_list		 hlist;
	char			*htitle;
	int			 hopen;

	/* story */
	struct ui_story		 story;

	/* help and links: lines of text */
	char			**aux;
	size_t			 naux;
	struct ui_array		 auxarray;
	struct ui_list		 auxlist;

	/* status line */
	char			*status;
	int			 status_error;

	/* background search indexing (store_indexer) */
	struct store_indexer	*indexer;

	/* background refresh */
	struct refresh		*refresh;
	struct refresh_moves	*moves;		/* its permanent redirects */
	struct urls_stamp	 urls_stamp;	/* the urls file as read */
	size_t			 rdone, rtotal;
	double			 last_refresh;
	int64_t			 data_version;
	struct ui_fulltext	*fulltext;	/* the `f` worker, or NULL */

	int			 color;		/* colours in use */
	int			 attr[ROLE_COUNT];
	int			 mouse;
};

/* ui-draw.c */
void	 ui_screen_init(struct ui *ui);
void	 ui_screen_end(void);
void	 ui_draw(struct ui *ui);
/* Index in the background what waits for the search index (ui-main.c);
 * stop: before a search, which then indexes the rest itself. */
void	 ui_index_start(struct ui *ui);
void	 ui_index_stop(struct ui *ui);
/* Print text (sanitised here) at y, x in at most cols columns with a role;
 * returns the columns used. */
int	 ui_put(struct ui *ui, int y, int x, int cols, const char *text, enum role r);
void	 ui_status(struct ui *ui, int error, const char *fmt, ...)
	     __attribute__((format(printf, 3, 4)));
/* Read a line at the bottom; NULL when cancelled (Escape, ^C, ^G). */
char	*ui_prompt(struct ui *ui, const char *label);
int	 ui_body_rows(const struct ui *ui);

/* ui-view.c */
void	 ui_feeds_load(struct ui *ui);
void	 ui_headlines_open(struct ui *ui, const struct store_query *q, const char *title);
void	 ui_story_open(struct ui *ui, int64_t id);
void	 ui_story_layout(struct ui *ui);
void	 ui_story_close(struct ui *ui);
void	 ui_help_open(struct ui *ui);
void	 ui_links_open(struct ui *ui);
void	 ui_aux_free(struct ui *ui);
void	 ui_resize_lists(struct ui *ui);
const struct ui_feedrow *ui_selected_feed(struct ui *ui);
struct store_headline *ui_selected_headline(struct ui *ui);
/* The item the actions work on: the open story's, else the selected headline's. */
int64_t	 ui_current_item(struct ui *ui, const char **link);

/* ui-act.c */
void	 ui_dispatch(struct ui *ui, int key);
void	 ui_run_action(struct ui *ui, enum ui_action a);
void	 ui_refresh_start(struct ui *ui, const char *only_url);
void	 ui_refresh_poll(struct ui *ui);
void	 ui_check_store(struct ui *ui);
void	 ui_open_url(struct ui *ui, const char *url);

/* ui-term.c: 0 when the reader can draw here, else -1 with the reason
 * logged; sets a UTF-8 character type when the locale has none */
int	 ui_terminal_check(void);

/* ui-fulltext.c */
int	 ui_fulltext_start(struct ui *ui, int64_t id, const char *url);
int	 ui_fulltext_fd(const struct ui *ui);	/* -1 when none runs */
void	 ui_fulltext_poll(struct ui *ui);
void	 ui_fulltext_stop(struct ui *ui);

#endif
