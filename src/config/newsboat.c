/*
 * config: newsboat's config converted to dateline's.  Each newsboat
 * setting dateline knows is one row of a table; key bindings, dialogs,
 * operations and colour elements have tables too.  Whatever is not in a
 * table is listed back to the user with the reason, never dropped quietly.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/conf-private.h"
#include "config/newsboat.h"
#include "util/i18n.h"
#include "util/util.h"

enum nb_kind {
	NB_SAME,	/* the value as it is */
	NB_SECONDS,	/* a number of seconds */
	NB_SORT,	/* feed-sort-order */
	NB_AUTO_RELOAD,	/* auto-reload yes|no (with reload-time) */
	NB_RELOAD_TIME,	/* reload-time MINUTES */
	NB_BROWSER,	/* "program %u": dateline runs one program, no shell */
	NB_NONE,	/* known, but dateline has no equivalent */
};

static const struct nb_setting {
	const char	*nb;
	const char	*dl;		/* the dateline option */
	enum nb_kind	 kind;
	const char	*why;		/* NB_NONE: the reason */
} settings[] = {
	{ "reload-threads", "max-parallel", NB_SAME, NULL },
	{ "max-items", "keep-items", NB_SAME, NULL },
	{ "keep-articles-days", "keep-days", NB_SAME, NULL },
	{ "auto-reload", "auto-refresh", NB_AUTO_RELOAD, NULL },
	{ "reload-time", "auto-refresh", NB_RELOAD_TIME, NULL },
	{ "refresh-on-startup", "refresh-on-start", NB_SAME, NULL },
	{ "browser", "browser", NB_BROWSER, NULL },
	{ "user-agent", "user-agent", NB_SAME, NULL },
	{ "download-timeout", "timeout-total", NB_SECONDS, NULL },
	{ "show-read-feeds", "show-read-feeds", NB_SAME, NULL },
	{ "show-read-articles", "show-read-items", NB_SAME, NULL },
	{ "datetime-format", "date-format", NB_SAME, NULL },
	{ "text-width", "text-width", NB_SAME, NULL },
	{ "confirm-exit", "confirm-quit", NB_SAME, NULL },
	{ "feed-sort-order", "feed-sort", NB_SORT, NULL },
	{ "cache-file", NULL, NB_NONE,
	  N_("newsboat's cache is not dateline's store: run dateline --refresh to fill it") },
	{ "proxy", NULL, NB_NONE,
	  N_("dateline takes proxies from the http_proxy and https_proxy environment variables") },
	{ "use-proxy", NULL, NB_NONE,
	  N_("dateline takes proxies from the http_proxy and https_proxy environment variables") },
	{ "proxy-type", NULL, NB_NONE,
	  N_("dateline takes proxies from the http_proxy and https_proxy environment variables") },
	{ "proxy-auth", NULL, NB_NONE,
	  N_("dateline takes proxies from the http_proxy and https_proxy environment variables") },
};

static const struct nb_pair {
	const char	*nb;
	const char	*dl;
} operations[] = {
	{ "up", "up" }, { "down", "down" }, { "pageup", "page-up" },
	{ "pagedown", "page-down" }, { "home", "home" }, { "end", "end" },
	{ "open", "open" }, { "quit", "quit" }, { "hard-quit", "quit-now" },
	{ "next-unread", "next-unread" }, { "prev-unread", "prev-unread" },
	{ "next", "next-story" }, { "prev", "prev-story" },
	{ "toggle-article-read", "toggle-read" },
	{ "mark-feed-read", "mark-feed-read" }, { "reload", "refresh" },
	{ "reload-all", "refresh-all" }, { "search", "search" },
	{ "set-tag", "filter-tag" }, { "select-tag", "filter-tag" },
	{ "toggle-show-read-feeds", "hide-read" },
	{ "open-in-browser", "open-browser" }, { "show-urls", "links" },
	{ "help", "help" }, { "redraw", "redraw" },
}, dialogs[] = {
	{ "feedlist", "feeds" }, { "articlelist", "headlines" },
	{ "searchresultslist", "headlines" }, { "article", "story" },
	{ "help", "help" }, { "urlview", "links" }, { "all", NULL },
}, keys[] = {
	{ "ENTER", "Enter" }, { "SPACE", "Space" }, { "TAB", "Tab" },
	{ "ESC", "Esc" }, { "BACKSPACE", "Backspace" }, { "UP", "Up" },
	{ "DOWN", "Down" }, { "LEFT", "Left" }, { "RIGHT", "Right" },
	{ "HOME", "Home" }, { "END", "End" }, { "PPAGE", "PgUp" },
	{ "NPAGE", "PgDn" }, { "DEL", "Delete" }, { "DC", "Delete" },
	{ "INS", "Insert" }, { "IC", "Insert" },
}, elements[] = {
	{ "background", "default" }, { "listnormal", "read" },
	{ "listnormal_unread", "unread" }, { "listfocus", "selected" },
	{ "info", "status-bar" }, { "title", "title-bar" },
	{ "article", "body" }, { "hint-key", "help-key" },
};

struct nb_ctx {
	struct newsboat_result	*r;
	const char		*name;
	int			 line;
	const char		*text;		/* the line as written */
	newsboat_check_fn	*check;
	void			*arg;
	int			 auto_reload;	/* -1 unset */
	char			*reload_time;	/* minutes, NULL unset */
};

static const char *
lookup(const struct nb_pair *t, size_t n, const char *nb, int *found)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].nb, nb) == 0) {
			*found = 1;
			return t[i].dl;
		}
	*found = 0;
	return NULL;
}

static void DL_PRINTF(2, 3)
skip(struct nb_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *why;

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	buf_printf(&c->r->unknown, "%s:%d: %s -- %s\n", c->name, c->line, c->text,
	    why);
	free(why);
	c->r->skipped++;
}

/* Append word to b, quoted when the config parser would split or strip it. */
static void
add_word(struct buf *b, const char *w)
{
	const char *p;

	if (*w != '\0' && strpbrk(w, " \t\"'\\#") == NULL) {
		buf_adds(b, w);
		return;
	}
	buf_addc(b, '"');
	for (p = w; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(b, '\\');
		if (*p == '\t')
			buf_adds(b, "\\t");
		else
			buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

/* Append a converted line (freed here) unless it is too long to read back. */
static int
add_line(struct nb_ctx *c, struct buf *line)
{
	int rc = -1;

	if (line->len > CONF_MAX_LINE)
		skip(c, _("line too long"));
	else {
		buf_add(&c->r->config, buf_str(line), line->len);
		buf_addc(&c->r->config, '\n');
		rc = 0;
	}
	buf_free(line);
	return rc;
}

/* Write `set name value` if dateline accepts the value. */
static void
emit_set(struct nb_ctx *c, const char *name, const char *value)
{
	struct conf *scratch = conf_new();
	char *err = NULL;

	if (conf_set(scratch, name, value, &err) != 0) {
		skip(c, "%s", err);
		free(err);
	} else {
		struct buf line = BUF_INIT;

		buf_adds(&line, "set ");
		add_word(&line, name);
		buf_addc(&line, ' ');
		add_word(&line, value);
		if (add_line(c, &line) == 0)
			c->r->settings++;
	}
	conf_free(scratch);
}

/* newsboat runs its browser through a shell with %u replaced; dateline
 * runs one program with the link as its only argument. */
static void
convert_browser(struct nb_ctx *c, const char *name, const char *v)
{
	char *copy = xstrdup(v), *w[3];
	const char *err = NULL;
	int n = conf_tokenize(copy, w, 3, &err);

	if (n == 1 || (n == 2 && strcmp(w[1], "%u") == 0))
		emit_set(c, name, w[0]);
	else
		skip(c, _("dateline runs one program with the link as its only "
		    "argument, without a shell: set browser PROGRAM"));
	free(copy);
}

static void
convert_setting(struct nb_ctx *c, const struct nb_setting *s, const char *v)
{
	char *tmp;
	size_t len;

	switch (s->kind) {
	case NB_SAME:
		emit_set(c, s->dl, v);
		break;
	case NB_SECONDS:
		tmp = xasprintf("%ss", v);
		emit_set(c, s->dl, tmp);
		free(tmp);
		break;
	case NB_SORT:
		/* "unreadarticlecount-asc" etc.: dateline has no direction */
		len = strcspn(v, "-");
		if (strncmp(v, "title", len) == 0 && len == 5)
			emit_set(c, s->dl, "title");
		else if (strncmp(v, "unreadarticlecount", len) == 0 && len == 18)
			emit_set(c, s->dl, "unread");
		else if (strncmp(v, "lastupdated", len) == 0 && len == 11)
			emit_set(c, s->dl, "updated");
		else if (strncmp(v, "none", len) == 0 && len == 4)
			emit_set(c, s->dl, "none");
		else
			skip(c, _("dateline sorts feeds by none, title, unread or updated"));
		break;
	case NB_AUTO_RELOAD:
		c->auto_reload = strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0;
		break;
	case NB_RELOAD_TIME:
		free(c->reload_time);
		c->reload_time = xstrdup(v);
		break;
	case NB_BROWSER:
		convert_browser(c, s->dl, v);
		break;
	case NB_NONE:
		skip(c, "%s", _(s->why));
		break;
	}
}

static void
convert_bind(struct nb_ctx *c, char **w, int n, int unbind)
{
	const char *key = w[1], *action = NULL, *view = NULL, *dialog;
	struct buf line = BUF_INIT;
	struct conf_binding b;
	char *err = NULL;
	int found, want = unbind ? 2 : 3;

	if (n < want || n > want + 1) {
		skip(c, unbind ? _("expected: unbind-key KEY [DIALOG]") :
		    _("expected: bind-key KEY OPERATION [DIALOG]"));
		return;
	}
	if (!unbind && (action = lookup(operations, DL_ARRAY_LEN(operations),
	    w[2], &found)) == NULL) {
		skip(c, _("dateline has no action like newsboat's '%s'"), w[2]);
		return;
	}
	if (n == want + 1) {
		dialog = w[want];
		view = lookup(dialogs, DL_ARRAY_LEN(dialogs), dialog, &found);
		if (!found) {
			skip(c, _("dateline has no view like newsboat's '%s'"), dialog);
			return;
		}
	}
	if (*key == '\0' || strlen(key) > 32) {
		skip(c, _("a key name must have from 1 to 32 bytes"));
		return;
	}
	if (strlen(key) > 1 && key[0] != '^') {
		const char *k = lookup(keys, DL_ARRAY_LEN(keys), key, &found);

		if (found)
			key = k;
	}
	memset(&b, 0, sizeof b);
	b.view = (char *)view;
	b.key = (char *)key;
	b.action = (char *)action;
	b.file = (char *)c->name;
	b.line = c->line;
	if (c->check != NULL && c->check(&b, &err, c->arg) != 0) {
		skip(c, "%s", err != NULL ? err : _("invalid binding"));
		free(err);
		return;
	}
	buf_adds(&line, unbind ? "unbind " : "bind ");
	if (view != NULL) {
		add_word(&line, view);
		buf_addc(&line, ' ');
	}
	add_word(&line, key);
	if (action != NULL) {
		buf_addc(&line, ' ');
		buf_adds(&line, action);
	}
	if (add_line(c, &line) == 0)
		c->r->bindings++;
}

static void
convert_color(struct nb_ctx *c, char **w, int n)
{
	struct conf_style style;
	char *err = NULL, **args;
	const char *role;
	int i, found, role_id, nargs = 0;

	if (n < 4) {
		skip(c, _("expected: color ELEMENT FG BG [ATTR...]"));
		return;
	}
	role = lookup(elements, DL_ARRAY_LEN(elements), w[1], &found);
	if (!found) {
		skip(c, _("dateline has no screen element like newsboat's '%s'"), w[1]);
		return;
	}
	/* newsboat's protect and invis have no meaning here: drop them */
	args = xcalloc((size_t)n, sizeof *args);
	args[nargs++] = (char *)role;
	for (i = 2; i < n; i++)
		if (strcmp(w[i], "protect") != 0 && strcmp(w[i], "invis") != 0)
			args[nargs++] = w[i];
	if (conf_style_parse(args, nargs, &role_id, &style, &err) != 0) {
		skip(c, "%s", err);
		free(err);
	} else {
		struct buf line = BUF_INIT;

		buf_adds(&line, "color");
		for (i = 0; i < nargs; i++) {
			buf_addc(&line, ' ');
			add_word(&line, args[i]);
		}
		if (add_line(c, &line) == 0)
			c->r->colors++;
	}
	free(args);
}

static void
convert_line(struct nb_ctx *c, char **w, int n)
{
	size_t i;

	if (strcmp(w[0], "bind-key") == 0)
		convert_bind(c, w, n, 0);
	else if (strcmp(w[0], "unbind-key") == 0)
		convert_bind(c, w, n, 1);
	else if (strcmp(w[0], "color") == 0)
		convert_color(c, w, n);
	else if (strcmp(w[0], "include") == 0)
		skip(c, _("convert the included file with its own --import-newsboat"));
	else {
		for (i = 0; i < DL_ARRAY_LEN(settings); i++)
			if (strcmp(settings[i].nb, w[0]) == 0)
				break;
		if (i == DL_ARRAY_LEN(settings))
			skip(c, _("dateline has no setting like this"));
		else if (n != 2 && settings[i].kind != NB_NONE)
			skip(c, _("expected one value"));
		else
			convert_setting(c, &settings[i], w[1]);
	}
}

void
newsboat_convert(const char *text, size_t len, const char *name,
    newsboat_check_fn *check, void *arg, struct newsboat_result *r)
{
	struct nb_ctx c = { r, name, 0, NULL, check, arg, -1, NULL };
	const char *p = text, *end = text + len, *nl, *err = NULL;
	char *line, *copy, *words[CONF_MAX_WORDS];
	size_t ll;
	int n;

	memset(r, 0, sizeof *r);
	line = utf8_sanitise(name, strlen(name), SANITISE_TAB_TO_SPACE);
	buf_printf(&r->config, "# Converted from newsboat's %s by dateline "
	    "--import-newsboat.\n", line);
	free(line);
	while (p < end) {
		c.line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		ll = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		line = utf8_sanitise(p, ll > CONF_MAX_LINE ? CONF_MAX_LINE : ll,
		    SANITISE_TAB_TO_SPACE);
		c.text = line;
		copy = xstrdup(line);
		if (ll > CONF_MAX_LINE)
			skip(&c, _("line too long"));
		else if ((n = conf_tokenize(copy, words, CONF_MAX_WORDS, &err)) < 0)
			skip(&c, "%s", err);
		else if (n > 0)
			convert_line(&c, words, n);
		free(copy);
		free(line);
		p += ll + 1;
	}
	c.text = "auto-reload";
	if (c.auto_reload == 1)
		emit_set(&c, "auto-refresh", c.reload_time != NULL ? c.reload_time : "60");
	free(c.reload_time);
}

void
newsboat_result_free(struct newsboat_result *r)
{
	buf_free(&r->config);
	buf_free(&r->unknown);
}

const char *
newsboat_hint(const char *word)
{
	static char hint[64];
	size_t i;

	if (strcmp(word, "bind-key") == 0)
		return "bind";
	if (strcmp(word, "unbind-key") == 0)
		return "unbind";
	for (i = 0; i < DL_ARRAY_LEN(settings); i++)
		if (settings[i].dl != NULL && strcmp(settings[i].nb, word) == 0) {
			snprintf(hint, sizeof hint, "set %s", settings[i].dl);
			return hint;
		}
	return NULL;
}
