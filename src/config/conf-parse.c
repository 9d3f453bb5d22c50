/*
 * config: the config file language.  One directive a line:
 *	set OPTION VALUE
 *	bind [VIEW] KEY ACTION
 *	unbind [VIEW] KEY
 *	color ROLE FG BG [ATTR...]
 *	include FILE
 * Words are split at blanks; "double quotes" allow blanks and \" \\ \t
 * escapes, 'single quotes' are taken literally, a backslash outside quotes
 * escapes the next character, and # outside a word starts a comment.
 * Every error is "FILE:LINE: what was expected" and parsing goes on.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/conf-private.h"
#include "config/newsboat.h"
#include "util/i18n.h"
#include "util/util.h"

struct ctx {
	struct conf	*conf;
	const char	*file;
	int		 line;
	int		 theme;		/* only color lines, into conf->theme */
	int		 failed;
};

static int parse_buffer(struct conf *, const char *, const char *, size_t, int);
static int load_file(struct conf *, const char *, int, int, const char *);

static void DL_PRINTF(2, 3)
perr(struct ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	conf_add_error(ctx->conf, "%s:%d: %s", ctx->file, ctx->line, msg);
	free(msg);
	ctx->failed = 1;
}

/* "#rrggbb" followed by a blank or the end is a colour, not a comment. */
static int
is_rgb_word(const char *s)
{
	int i;

	for (i = 1; i <= 6; i++)
		if (strchr("0123456789abcdefABCDEF", s[i]) == NULL || s[i] == '\0')
			return 0;
	return s[7] == '\0' || s[7] == ' ' || s[7] == '\t' || s[7] == '\r';
}

/*
 * Split line (modified in place) into words.  Returns the number of words,
 * or -1 with *err set for an unterminated quote or too many words.
 */
int
conf_tokenize(char *line, char **words, int max, const char **err)
{
	char *r = line, *w;
	int n = 0;

	for (;;) {
		while (*r == ' ' || *r == '\t' || *r == '\r')
			r++;
		if (*r == '\0' || (*r == '#' && !is_rgb_word(r)))
			return n;
		if (n == max) {
			*err = _("too many words on one line");
			return -1;
		}
		words[n++] = w = r;
		while (*r != '\0' && *r != ' ' && *r != '\t' && *r != '\r') {
			if (*r == '"') {
				for (r++; *r != '"'; r++) {
					if (*r == '\0') {
						*err = _("missing closing \" quote");
						return -1;
					}
					if (*r == '\\' && r[1] != '\0') {
						r++;
						*w++ = *r == 't' ? '\t' : *r;
					} else
						*w++ = *r;
				}
				r++;
			} else if (*r == '\'') {
				for (r++; *r != '\''; r++) {
					if (*r == '\0') {
						*err = _("missing closing ' quote");
						return -1;
					}
					*w++ = *r;
				}
				r++;
			} else if (*r == '\\' && r[1] != '\0') {
				*w++ = r[1];
				r += 2;
			} else
				*w++ = *r++;
		}
		if (*r != '\0')
			r++;
		*w = '\0';
	}
}

static void
add_binding(struct ctx *ctx, const char *view, const char *key,
    const char *action)
{
	struct conf *conf = ctx->conf;
	struct conf_binding *b;

	if (*key == '\0' || strlen(key) > 32) {
		perr(ctx, _("a key name must have from 1 to 32 bytes"));
		return;
	}
	if (conf->nbindings >= CONF_MAX_BINDINGS) {
		perr(ctx, _("too many bind and unbind lines (at most %d)"),
		    CONF_MAX_BINDINGS);
		return;
	}
	conf->bindings = xreallocarray(conf->bindings, conf->nbindings + 1,
	    sizeof *conf->bindings);
	b = &conf->bindings[conf->nbindings++];
	b->view = view != NULL ? xstrdup(view) : NULL;
	b->key = xstrdup(key);
	b->action = action != NULL ? xstrdup(action) : NULL;
	b->file = xstrdup(ctx->file);
	b->line = ctx->line;
}

static void
do_set(struct ctx *ctx, char **w, int n)
{
	char *err = NULL;

	if (n != 2) {
		perr(ctx, n < 2 ? _("'set' needs an option and a value: set OPTION VALUE") :
		    _("'set' takes one value; put a value with spaces in quotes"));
		return;
	}
	if (conf_set(ctx->conf, w[0], w[1], &err) != 0) {
		perr(ctx, "%s", err);
		free(err);
	}
}

/* The directory part of file, with a trailing slash, or "" for none. */
static char *
dir_of(const char *file)
{
	const char *slash = strrchr(file, '/');

	return slash != NULL ? xstrndup(file, (size_t)(slash - file) + 1) :
	    xstrdup("");
}

static void
do_include(struct ctx *ctx, char **w, int n)
{
	char *path, *dir;

	if (n != 1) {
		perr(ctx, _("'include' needs one file name: include FILE"));
		return;
	}
	if (w[0][0] == '/' || w[0][0] == '~')
		path = conf_expand_home(w[0]);
	else {
		dir = dir_of(ctx->file);
		path = xasprintf("%s%s", dir, w[0]);
		free(dir);
	}
	if (ctx->conf->depth >= CONF_MAX_INCLUDE_DEPTH)
		perr(ctx, _("includes nested deeper than %d files"),
		    CONF_MAX_INCLUDE_DEPTH);
	else {
		char *where = xasprintf("%s:%d: ", ctx->file, ctx->line);

		if (load_file(ctx->conf, path, 0, ctx->theme, where) != 0)
			ctx->failed = 1;
		free(where);
	}
	free(path);
}

static void
do_line(struct ctx *ctx, char **w, int n)
{
	static const char *const directives[] = {
		"set", "bind", "unbind", "color", "include",
	};
	struct conf_style style;
	const char *near = NULL;
	char *err = NULL;
	size_t i;
	int role;

	if (strcmp(w[0], "color") == 0 || strcmp(w[0], "colour") == 0) {
		if (conf_style_parse(w + 1, n - 1, &role, &style, &err) != 0) {
			perr(ctx, "%s", err);
			free(err);
		} else if (ctx->theme)
			ctx->conf->theme[role] = style;
		else
			ctx->conf->styles[role] = style;
		return;
	}
	if (ctx->theme) {
		perr(ctx, _("a theme has only 'color' lines, not '%s'"), w[0]);
		return;
	}
	if (strcmp(w[0], "set") == 0)
		do_set(ctx, w + 1, n - 1);
	else if (strcmp(w[0], "bind") == 0) {
		if (n == 3)
			add_binding(ctx, NULL, w[1], w[2]);
		else if (n == 4)
			add_binding(ctx, w[1], w[2], w[3]);
		else
			perr(ctx, _("'bind' needs a key and an action: bind [VIEW] KEY ACTION"));
	} else if (strcmp(w[0], "unbind") == 0) {
		if (n == 2)
			add_binding(ctx, NULL, w[1], NULL);
		else if (n == 3)
			add_binding(ctx, w[1], w[2], NULL);
		else
			perr(ctx, _("'unbind' needs a key: unbind [VIEW] KEY"));
	} else if (strcmp(w[0], "include") == 0)
		do_include(ctx, w + 1, n - 1);
	else if (conf_option_find(w[0]) != NULL)
		perr(ctx, _("unknown directive '%s' (did you mean 'set %s ...'?)"),
		    w[0], w[0]);
	else if ((near = newsboat_hint(w[0])) != NULL)
		perr(ctx, _("'%s' is a newsboat setting: dateline writes it '%s ...' "
		    "(dateline --import-newsboat converts a newsboat config)"),
		    w[0], near);
	else {
		for (i = 0; i < DL_ARRAY_LEN(directives); i++)
			if (conf_edit_distance(w[0], directives[i]) <= 2)
				near = directives[i];
		if (near == NULL && (near = conf_option_suggest(w[0])) != NULL)
			perr(ctx, _("unknown directive '%s' (did you mean 'set %s ...'?)"),
			    w[0], near);
		else if (near != NULL)
			perr(ctx, _("unknown directive '%s' (did you mean '%s'?)"),
			    w[0], near);
		else
			perr(ctx, _("unknown directive '%s': expected set, bind, "
			    "unbind, color or include"), w[0]);
	}
}

/* Control characters other than tab, or bad UTF-8, would reach the
 * terminal through error messages: refuse the line. */
static int
line_clean(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7f)
			return 0;
	return utf8_valid(s, len);
}

static int
parse_buffer(struct conf *conf, const char *name, const char *text, size_t len,
    int theme)
{
	struct ctx ctx = { conf, name, 0, theme, 0 };
	char *line = NULL, *words[CONF_MAX_WORDS];
	const char *p = text, *end = text + len, *nl, *next, *err = NULL;
	size_t ll;
	int n;

	while (p < end) {
		ctx.line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		ll = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		next = p + ll + 1;
		if (ll > 0 && p[ll - 1] == '\r')	/* CRLF */
			ll--;
		if (ll > CONF_MAX_LINE)
			perr(&ctx, _("line longer than %d bytes"), CONF_MAX_LINE);
		else if (!line_clean(p, ll))
			perr(&ctx, _("line has invalid UTF-8 or a control character"));
		else {
			line = xstrndup(p, ll);
			if ((n = conf_tokenize(line, words, CONF_MAX_WORDS, &err)) < 0)
				perr(&ctx, "%s", err);
			else if (n > 0)
				do_line(&ctx, words, n);
			free(line);
		}
		p = next;
	}
	return ctx.failed ? -1 : 0;
}

/* where: "FILE:LINE: " of the include line, or "" for a top file. */
static int
load_file(struct conf *conf, const char *path, int missing_ok, int theme,
    const char *where)
{
	struct buf b = BUF_INIT;
	char *err = NULL, *real = NULL;
	struct stat st;
	int i, rc = -1;

	if (missing_ok && stat(path, &st) != 0 && errno == ENOENT)
		return 0;
	if ((real = realpath(path, NULL)) == NULL) {
		conf_add_error(conf, _("%s%s: cannot open: %s"), where, path,
		    strerror(errno));
		return -1;
	}
	for (i = 0; i < conf->depth; i++)
		if (strcmp(conf->stack[i], real) == 0) {
			conf_add_error(conf, _("%s%s: included from itself (include loop)"),
			    where, path);
			goto out;
		}
	if (file_read_all(path, CONF_MAX_FILE_SIZE, &b, &err) != 0) {
		conf_add_error(conf, "%s%s", where, err);
		free(err);
		goto out;
	}
	conf->stack[conf->depth++] = real;
	real = NULL;
	rc = parse_buffer(conf, path, buf_str(&b), b.len, theme);
	free(conf->stack[--conf->depth]);
	conf->stack[conf->depth] = NULL;
out:
	free(real);
	buf_free(&b);
	return rc;
}

int
conf_load_file(struct conf *conf, const char *path, int missing_ok)
{
	return load_file(conf, path, missing_ok, 0, "");
}

int
conf_load_text(struct conf *conf, const char *name, const char *text,
    size_t len)
{
	return parse_buffer(conf, name, text, len, 0);
}

/* Where a theme called name can be: each candidate in turn. */
static char *
theme_candidate(const char *name, int i)
{
	const char *env = getenv("DATELINE_THEMEDIR");
	char *dir, *path;

	switch (i) {
	case 0:
		return env != NULL && *env != '\0' ?
		    xasprintf("%s/%s", env, name) : NULL;
	case 1:
		dir = conf_config_dir();
		path = xasprintf("%s/themes/%s", dir, name);
		free(dir);
		return path;
	case 2:
		return xasprintf("%s/themes/%s", DATADIR, name);
	}
	return NULL;
}

int
conf_load_theme(struct conf *conf, const char *name)
{
	char *path = NULL, *try;
	struct stat st;
	int i;

	memset(conf->theme, 0, sizeof conf->theme);
	if (*name == '\0')
		return 0;
	if (strchr(name, '/') != NULL) {
		path = conf_expand_home(name);
		i = load_file(conf, path, 0, 1, "");
		free(path);
		return i;
	}
	if (strchr(name, '.') == name || strlen(name) > 64) {
		conf_add_error(conf, _("'%s' is not a theme name"), name);
		return -1;
	}
	for (i = 0; i < 6 && path == NULL; i++) {
		/* NAME, then NAME.theme, in each place */
		char *base = i % 2 ? xasprintf("%s.theme", name) : xstrdup(name);

		try = theme_candidate(base, i / 2);
		free(base);
		if (try != NULL && stat(try, &st) == 0 && S_ISREG(st.st_mode))
			path = try;
		else
			free(try);
	}
	if (path == NULL) {
		/* Without any theme file the built-in colours are the default. */
		if (strcmp(name, "default") == 0)
			return 0;
		conf_add_error(conf, _("theme '%s' not found (looked in %s/themes "
		    "and the config directory's themes folder)"), name, DATADIR);
		return -1;
	}
	i = load_file(conf, path, 0, 1, "");
	free(path);
	return i;
}
