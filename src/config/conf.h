/*
 * config: the option table, the config file parser (set, bind, unbind,
 * color, include), themes (files of `color` lines) and the XDG paths every
 * module uses.  The urls file and OPML live beside this in urls.h.
 *
 * Other modules read options through the typed getters with an option id,
 * so a misspelt option is a compile error:
 *	int n = (int)conf_int(CONF_MAX_PARALLEL);
 *	const char *ua = conf_str(CONF_USER_AGENT);
 * The getters read the config made current by conf_init() (or
 * conf_set_global()); before that they return the defaults.
 */
#ifndef DATELINE_CONF_H
#define DATELINE_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "util/roles.h"

/* Option ids: one per row of the table in options.c (same order). */
enum conf_id {
	/* files */
	CONF_CACHE_FILE,	/* string: store path, "" = $XDG_DATA_HOME/dateline/cache.db */
	CONF_URLS_FILE,		/* string: urls path, "" = $XDG_CONFIG_HOME/dateline/urls */
	/* downloads */
	CONF_MAX_PARALLEL,	/* int: transfers at once (16) */
	CONF_MAX_PER_HOST,	/* int: transfers at once to one host (2) */
	CONF_TIMEOUT_CONNECT,	/* duration (s): connect time limit (15) */
	CONF_TIMEOUT_TOTAL,	/* duration (s): whole transfer limit (120) */
	CONF_LOW_SPEED_LIMIT,	/* size (bytes/s): below this for low-speed-time aborts (64) */
	CONF_LOW_SPEED_TIME,	/* duration (s): see above (30) */
	CONF_MAX_FEED_SIZE,	/* size (bytes): body and decompressed cap (50 MiB) */
	CONF_MAX_REDIRECTS,	/* int: redirects followed (10) */
	CONF_USER_AGENT,	/* string: "" = "dateline/VERSION" */
	CONF_CA_FILE,		/* string: extra CA certificates (PEM), "" = none */
	CONF_MIN_INTERVAL,	/* duration (s): least time between two fetches of one feed (0) */
	CONF_IGNORE_TTL,	/* bool: ignore ttl/max-age/Retry-After (no) */
	CONF_UPDATE_MOVED_URLS,	/* bool: rewrite the urls file after a 301/308 (yes) */
	CONF_REFRESH_ON_START,	/* bool: refresh all when the reader opens (no) */
	CONF_AUTO_REFRESH,	/* duration (s; a bare number is minutes): 0 = off */
	/* store */
	CONF_KEEP_DAYS,		/* int: delete unflagged items older than N days, 0 = keep */
	CONF_KEEP_ITEMS,	/* int: keep at most N items per feed, 0 = all */
	/* full text */
	CONF_FULLTEXT,		/* bool: fetch full text for every feed (no; urls tag per feed) */
	CONF_FULLTEXT_MAX_PARALLEL, /* int: article pages fetched at once (4) */
	/* reader */
	CONF_THEME,		/* string: theme name or path ("default") */
	CONF_SHOW_READ_FEEDS,	/* bool: list feeds without unread items (yes) */
	CONF_SHOW_READ_ITEMS,	/* bool: list read headlines (yes) */
	CONF_SHOW_RIVER,	/* bool: the river (all headlines) atop the feed list (yes) */
	CONF_FEED_SORT,		/* enum: none, title, unread, updated (none = urls order) */
	CONF_SEARCH_ORDER,	/* enum: newest, relevance */
	CONF_DATE_FORMAT,	/* string: strftime for headline dates ("%d %b %H:%M") */
	CONF_STORY_DATE_FORMAT,	/* string: strftime for the story's meta line ("%c") */
	CONF_TEXT_WIDTH,	/* int: widest story text, 0 = window width */
	CONF_BROWSER,		/* string: command for `o` ("" = $BROWSER, else xdg-open) */
	CONF_MOUSE,		/* bool: mouse wheel and clicks (yes) */
	CONF_CONFIRM_QUIT,	/* bool: ask before Q quits (no) */
	CONF_MARK_READ_ON_OPEN,	/* bool: opening a story marks it read (yes) */
	CONF_COUNT
};

enum conf_type {
	CONF_T_BOOL,		/* yes/no, true/false, on/off, 1/0 */
	CONF_T_INT,
	CONF_T_STRING,
	CONF_T_ENUM,		/* one of a fixed list of words */
	CONF_T_DURATION,	/* 90, 90s, 15m, 2h, 1d; stored in seconds */
	CONF_T_SIZE,		/* 500, 64k, 50M, 1G (KiB etc.); stored in bytes */
};

/* One row of the option table. */
struct conf_option {
	enum conf_id	 id;
	const char	*name;
	enum conf_type	 type;
	const char	*def;		/* default, as config text */
	long long	 min, max;	/* range for int, duration, size */
	long long	 unit;		/* duration: seconds in a bare number */
	const char *const *words;	/* enum: NULL-terminated choices */
	const char	*help;		/* N_() text, one sentence */
};

const struct conf_option *conf_option(enum conf_id);
const struct conf_option *conf_option_find(const char *name);	/* NULL if none */
/* The known option name closest to name (edit distance), or NULL when
 * nothing is close enough to be a likely typo. */
const char	*conf_option_suggest(const char *name);
const char	*conf_type_name(enum conf_type);
/* v as config text in the largest whole unit of the option's type:
 * 3600 -> "1h" for a duration, 52428800 -> "50M" for a size. */
void		 conf_format_value(const struct conf_option *, long long v,
		     char *out, size_t len);

/* Colours: -1 is the terminal's default, 0-255 the palette, and
 * CONF_COLOR_RGB(r, g, b) a true colour. */
#define CONF_COLOR_DEFAULT	(-1)
#define CONF_COLOR_RGB_FLAG	0x1000000
#define CONF_COLOR_RGB(r, g, b)	(CONF_COLOR_RGB_FLAG | ((r) << 16) | ((g) << 8) | (b))
#define CONF_COLOR_IS_RGB(c)	((c) >= 0 && ((c) & CONF_COLOR_RGB_FLAG))

enum {
	CONF_ATTR_BOLD		= 1 << 0,
	CONF_ATTR_UNDERLINE	= 1 << 1,
	CONF_ATTR_REVERSE	= 1 << 2,
	CONF_ATTR_DIM		= 1 << 3,
	CONF_ATTR_ITALIC	= 1 << 4,
	CONF_ATTR_STANDOUT	= 1 << 5,
	CONF_ATTR_BLINK		= 1 << 6,
};

struct conf_style {
	int	 set;		/* 0 when no color line named this role */
	int	 fg, bg;	/* CONF_COLOR_* */
	int	 attrs;		/* CONF_ATTR_* */
};

/* Parse a colour word ("red", "brightblue", "colour123", "123",
 * "#ff8800", "default"); -1 when it is none of those. */
int	 conf_color_parse(const char *word, int *color);
int	 conf_attr_parse(const char *word);	/* CONF_ATTR_*, 0 if unknown */

/* A `bind` or `unbind` line, kept in file order; the UI applies them in
 * order over its defaults (action NULL means unbind). */
struct conf_binding {
	char	*view;		/* NULL: every view */
	char	*key;		/* as written: "j", "^D", "Enter", "PgDn", "M-x" */
	char	*action;	/* NULL for unbind */
	char	*file;
	int	 line;
};

struct conf;

struct conf	*conf_new(void);		/* every option at its default */
void		 conf_free(struct conf *);

/*
 * Parsers.  Errors do not stop parsing: each is recorded in the conf as
 * "FILE:LINE: what was expected" and the functions return -1 if any was
 * found during the call, 0 otherwise.
 *
 * conf_load_file: missing_ok makes an absent file fine (the default path).
 * conf_load_text: parse a buffer named `name` in messages (includes are
 * relative to the directory of name).
 * conf_load_theme: a theme file (only `color` lines, and comments) into the
 * theme's style table; name is a theme name (looked up in
 * $DATELINE_THEMEDIR, conf_config_dir()/themes, then the installed themes)
 * or a path containing '/'.
 */
int	 conf_load_file(struct conf *, const char *path, int missing_ok);
int	 conf_load_text(struct conf *, const char *name, const char *text, size_t len);
int	 conf_load_theme(struct conf *, const char *name);
/* Set one option from text, as `set NAME VALUE` would; -1 with *err. */
int	 conf_set(struct conf *, const char *name, const char *value, char **err);

/* Errors recorded so far (each a whole line without the newline). */
size_t	 conf_nerrors(const struct conf *);
const char *conf_error(const struct conf *, size_t);
/* Add an error (used by the binding check and by callers that validate
 * further, such as the urls file). */
void	 conf_add_error(struct conf *, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));

/* Values of one conf (the getters below read the global one). */
int	 conf_get_bool(const struct conf *, enum conf_id);
long long conf_get_int(const struct conf *, enum conf_id); /* int, duration, size, bool, enum index */
const char *conf_get_str(const struct conf *, enum conf_id); /* string or enum word */

/* The current config: set by conf_init or conf_set_global; defaults until
 * then.  conf_set_global does not take ownership. */
void	 conf_set_global(struct conf *);
struct conf *conf_global(void);
int	 conf_bool(enum conf_id);
long long conf_int(enum conf_id);
const char *conf_str(enum conf_id);

/*
 * What every command calls first: load `path` (from --config; it must
 * exist) or the default config file (may be missing), apply a --theme
 * override, load the theme, print each error with log_error and make the
 * result current.  Returns 0, or -1 if there was any error (the config is
 * current anyway, with the lines that were right).
 */
int	 conf_init(const char *path, const char *theme);
void	 conf_shutdown(void);		/* frees the conf_init config */

/* Bindings in file order. */
size_t	 conf_nbindings(const struct conf *);
const struct conf_binding *conf_binding(const struct conf *, size_t);
/* The UI validates views, keys and actions through check: it returns 0 or
 * -1 with *err (freed here); each failure becomes "FILE:LINE: err".
 * Returns the number of bad bindings. */
typedef int conf_binding_check_fn(const struct conf_binding *, char **err, void *arg);
int	 conf_check_bindings(struct conf *, conf_binding_check_fn *, void *arg);

/* Styles: the config's own color lines win over the theme's. */
void	 conf_style_get(const struct conf *, enum role, struct conf_style *);
int	 conf_role_find(const char *name);	/* enum role, or -1 */

/*
 * Paths (each call returns a new string the caller frees).  When
 * ~/.dateline is a directory it is both the config and data dir (the old
 * layout); otherwise $XDG_CONFIG_HOME/dateline (default ~/.config/dateline)
 * and $XDG_DATA_HOME/dateline (default ~/.local/share/dateline).
 */
char	*conf_config_dir(void);
char	*conf_data_dir(void);
char	*conf_config_path(void);	/* conf_config_dir()/config */
/* The store and urls file: the command-line value if not NULL, else the
 * option (cache-file, urls-file) if set, else the default in the dirs
 * above.  "~/" at the start is the home directory. */
char	*conf_cache_path(const char *cli_value);
char	*conf_urls_path(const char *cli_value);
char	*conf_expand_home(const char *path);

/* conf-fetch.c: the fetch options from the configuration (*ca_file, to
 * free after the fetcher is done, or NULL), and the same set as the
 * defaults of fetch_url (article pages: `f`, --extract URL). */
struct fetch_opts;
void	 conf_fetch_opts(struct fetch_opts *fo, char **ca_file);
void	 conf_fetch_url_defaults(void);
/* Create the directory that will hold path (and its parents), mode 0700. */
int	 conf_make_parent_dir(const char *path, char **err);

#endif
