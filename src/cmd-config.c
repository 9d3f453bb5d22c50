/*
 * The config module's commands: --help-options (the option table),
 * --check-config (config, theme, bindings and urls file, every error
 * listed) and --import-newsboat DIR.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config/conf.h"
#include "config/urls.h"
#include "ui/ui.h"
#include "config/newsboat.h"
#include "util/i18n.h"
#include "util/util.h"

int
cmd_help_options(const struct cli *cli)
{
	struct buf b = BUF_INIT;
	char lo[32], hi[32];
	size_t i, j;

	(void)cli;
	for (i = 0; i < CONF_COUNT; i++) {
		const struct conf_option *o = conf_option((enum conf_id)i);

		/* "int, 1-256", "enum: a|b": the same in every language */
		buf_reset(&b);
		buf_adds(&b, conf_type_name(o->type));
		switch (o->type) {
		case CONF_T_INT:
		case CONF_T_DURATION:
		case CONF_T_SIZE:
			conf_format_value(o, o->min, lo, sizeof lo);
			conf_format_value(o, o->max, hi, sizeof hi);
			buf_printf(&b, ", %s-%s", lo, hi);
			break;
		case CONF_T_ENUM:
			for (j = 0; o->words[j] != NULL; j++)
				buf_printf(&b, "%s%s", j ? "|" : ": ", o->words[j]);
			break;
		default:
			break;
		}
		if (*o->def != '\0')
			/* TRANSLATORS: option name, its type and range, its default */
			printf(_("%s (%s, default %s)\n"), o->name, buf_str(&b), o->def);
		else
			/* TRANSLATORS: option name, its type */
			printf(_("%s (%s, empty by default)\n"), o->name, buf_str(&b));
		printf("    %s\n", _(o->help));
	}
	buf_free(&b);
	return EXIT_OK;
}

static int
print_errors(const struct conf *conf)
{
	size_t i, n = conf_nerrors(conf);

	for (i = 0; i < n; i++)
		log_error("%s", conf_error(conf, i));
	return (int)n;
}

/* A binding names a view, a key and an action the reader knows. */
static int
check_binding(const struct conf_binding *b, char **err, void *arg)
{
	(void)arg;
	if (b->view != NULL && strcmp(b->view, "all") != 0 &&
	    ui_view_from_name(b->view) < 0) {
		*err = xasprintf(_("unknown view '%s' (feeds, headlines, story, "
		    "help or links)"), b->view);
		return -1;
	}
	if (ui_key_parse(b->key) < 0) {
		*err = xasprintf(_("unknown key '%s' (a character, ^X, F1-F24 or "
		    "a name such as Enter, Space, PgDn; see dateline(5))"), b->key);
		return -1;
	}
	if (b->action != NULL && ui_action_from_name(b->action) < 0) {
		*err = xasprintf(_("unknown action '%s' (the actions are listed in "
		    "dateline(1))"), b->action);
		return -1;
	}
	return 0;
}

/*
 * Parse a urls file's text line by line into u, calling bad() for each
 * line that urls_parse refuses.  urls_parse stops at the first error, so
 * each line is parsed on its own, behind as many newlines as came before
 * it, which keeps the line numbers in its messages right.  Returns the
 * number of bad lines.
 */
static int
urls_parse_each(struct urls *u, const char *text, size_t len, const char *name,
    void (*bad)(const char *, void *), void *arg)
{
	const char *p = text, *end = text + len, *nl;
	char *pad = xmalloc(len + 1), *err = NULL;
	size_t lineno = 0, ll;
	int nbad = 0;

	for (; p < end; p += ll + 1, lineno++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		ll = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		memset(pad, '\n', lineno);
		memcpy(pad + lineno, p, ll);
		if (urls_parse(u, pad, lineno + ll, name, &err) != 0) {
			bad(err, arg);
			free(err);
			err = NULL;
			nbad++;
		}
	}
	free(pad);
	return nbad;
}

static void
urls_error_to_conf(const char *err, void *arg)
{
	conf_add_error(arg, "%s", err);
}

/* The urls file: every error of it added to conf.  Returns the number of
 * feeds, or -1. */
static int
check_urls(struct conf *conf, const char *path, int must_exist)
{
	struct urls u = { NULL, 0 }, scratch = { NULL, 0 };
	struct buf b = BUF_INIT;
	struct stat st;
	char *err = NULL;
	int n = -1;

	if (!must_exist && stat(path, &st) != 0 && errno == ENOENT)
		return 0;
	if (file_read_all(path, 64u << 20, &b, &err) != 0) {
		conf_add_error(conf, "%s", err);
		free(err);
		return -1;
	}
	if (urls_parse(&u, buf_str(&b), b.len, path, &err) == 0)
		n = (int)u.n;
	else {
		free(err);
		urls_parse_each(&scratch, buf_str(&b), b.len, path,
		    urls_error_to_conf, conf);
	}
	urls_free(&u);
	urls_free(&scratch);
	buf_free(&b);
	return n;
}

int
cmd_check_config(const struct cli *cli)
{
	struct conf *conf = conf_new();
	char *path = NULL, *urls = NULL, *err = NULL;
	struct stat st;
	int rc = EXIT_FAIL, explicit = cli->config != NULL, nfeeds;

	path = explicit ? xstrdup(cli->config) : conf_config_path();
	conf_load_file(conf, path, !explicit);
	if (cli->theme != NULL && conf_set(conf, "theme", cli->theme, &err) != 0) {
		conf_add_error(conf, "--theme: %s", err);
		free(err);
	}
	conf_load_theme(conf, conf_get_str(conf, CONF_THEME));
	conf_check_bindings(conf, check_binding, NULL);
	conf_set_global(conf);
	urls = conf_urls_path(cli->urls);
	nfeeds = check_urls(conf, urls, cli->urls != NULL);

	if (print_errors(conf) > 0) {
		log_error(P_("%zu error", "%zu errors", conf_nerrors(conf)),
		    conf_nerrors(conf));
		goto out;
	}
	if (!cli->quiet) {
		if (stat(path, &st) == 0)
			printf(_("%s: ok\n"), path);
		else
			printf(_("%s: not there, the defaults apply\n"), path);
		if (stat(urls, &st) == 0)
			printf(P_("%s: ok, %d feed\n", "%s: ok, %d feeds\n", nfeeds),
			    urls, nfeeds);
		else
			printf(_("%s: not there yet (dateline writes one on the first run)\n"),
			    urls);
	}
	rc = EXIT_OK;
out:
	conf_set_global(NULL);
	conf_free(conf);
	free(urls);
	free(path);
	return rc;
}

/* Write text to path unless a file is there already. */
static int
write_new_file(const char *path, const char *text, size_t len, char **err)
{
	FILE *f;

	if (conf_make_parent_dir(path, err) != 0)
		return -1;
	if ((f = fopen(path, "wx")) == NULL) {
		if (errno == EEXIST)
			*err = xasprintf(_("%s exists already; move it away or "
			    "name another file with --config or --urls"), path);
		else
			*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fwrite(text, 1, len, f) != len) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
import_config(const char *src, const char *dst, int *found)
{
	struct newsboat_result r;
	struct buf b = BUF_INIT;
	char *err = NULL;
	int rc = -1;

	*found = 0;
	if (access(src, F_OK) != 0)
		return 0;
	*found = 1;
	if (file_read_all(src, 4u << 20, &b, &err) != 0) {
		log_error("%s", err);
		free(err);
		return -1;
	}
	newsboat_convert(buf_str(&b), b.len, src, check_binding, NULL, &r);
	if (write_new_file(dst, buf_str(&r.config), r.config.len, &err) != 0) {
		log_error("%s", err);
		free(err);
		goto out;
	}
	printf(_("%s: converted into %s\n"), src, dst);
	printf(_("  settings:     %d\n"), r.settings);
	printf(_("  key bindings: %d\n"), r.bindings);
	printf(_("  colours:      %d\n"), r.colors);
	if (r.skipped > 0) {
		printf(P_("%d line was not converted:\n",
		    "%d lines were not converted:\n", r.skipped), r.skipped);
		fputs(buf_str(&r.unknown), stdout);
	}
	rc = 0;
out:
	newsboat_result_free(&r);
	buf_free(&b);
	return rc;
}

static void
urls_error_to_stdout(const char *err, void *arg)
{
	int *first = arg;

	if (*first) {
		printf(_("These lines of the urls file were not imported:\n"));
		*first = 0;
	}
	printf("%s\n", err);
}

/*
 * The urls file: copied as it is when it all parses and there is no urls
 * file yet (comments kept); otherwise the feeds that parse are merged into
 * the existing file and the lines that do not are listed.
 */
static int
import_urls(const char *src, const char *dst, int *found)
{
	struct urls in = { NULL, 0 }, out = { NULL, 0 };
	struct buf b = BUF_INIT;
	char *err = NULL;
	size_t i, added = 0;
	int rc = -1, first = 1;

	*found = 0;
	if (access(src, F_OK) != 0)
		return 0;
	*found = 1;
	if (file_read_all(src, 64u << 20, &b, &err) != 0)
		goto fail;
	if (access(dst, F_OK) != 0 &&
	    urls_parse(&in, buf_str(&b), b.len, src, &err) == 0) {
		if (write_new_file(dst, buf_str(&b), b.len, &err) != 0)
			goto fail;
		printf(P_("%s: copied to %s (%zu feed)\n",
		    "%s: copied to %s (%zu feeds)\n", in.n), src, dst, in.n);
		rc = 0;
		goto out;
	}
	free(err);
	err = NULL;
	urls_free(&in);
	if (access(dst, F_OK) == 0 && urls_load(&out, dst, 0, NULL, &err) != 0)
		goto fail;
	urls_parse_each(&in, buf_str(&b), b.len, src, urls_error_to_stdout, &first);
	for (i = 0; i < in.n; i++)
		added += (size_t)urls_add(&out, in.v[i].url, in.v[i].title,
		    (const char *const *)in.v[i].tags, in.v[i].ntags);
	if (conf_make_parent_dir(dst, &err) != 0 || urls_save(&out, dst, &err) != 0)
		goto fail;
	printf(P_("%s: %zu new feed added to %s\n", "%s: %zu new feeds added to %s\n",
	    added), src, added, dst);
	rc = 0;
	goto out;
fail:
	log_error("%s", err);
	free(err);
out:
	urls_free(&in);
	urls_free(&out);
	buf_free(&b);
	return rc;
}

int
cmd_import_newsboat(const struct cli *cli)
{
	char *src_conf, *src_urls, *dst_conf, *dst_urls;
	int found_conf, found_urls, rc = EXIT_OK;

	src_conf = xasprintf("%s/config", cli->arg);
	src_urls = xasprintf("%s/urls", cli->arg);
	dst_conf = cli->config != NULL ? xstrdup(cli->config) : conf_config_path();
	dst_urls = conf_urls_path(cli->urls);
	if (import_config(src_conf, dst_conf, &found_conf) != 0)
		rc = EXIT_FAIL;
	if (import_urls(src_urls, dst_urls, &found_urls) != 0)
		rc = EXIT_FAIL;
	if (!found_conf && !found_urls) {
		log_error(_("%s has neither a newsboat config nor a urls file"),
		    cli->arg);
		rc = EXIT_FAIL;
	}
	free(src_conf);
	free(src_urls);
	free(dst_conf);
	free(dst_urls);
	return rc;
}
