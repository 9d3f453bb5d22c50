/*
 * config: a struct conf (option values, bindings, styles and the errors
 * found while reading them), its typed getters and the current config
 * that the rest of dateline reads.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/conf-private.h"
#include "util/i18n.h"
#include "util/util.h"

static struct conf *global;		/* set by conf_set_global */
static struct conf *defaults;		/* served before that */
static struct conf *owned;		/* made by conf_init */

struct conf *
conf_new(void)
{
	struct conf *conf = xcalloc(1, sizeof *conf);

	conf_values_init(conf);
	return conf;
}

void
conf_free(struct conf *conf)
{
	size_t i;

	if (conf == NULL)
		return;
	conf_values_free(conf);
	for (i = 0; i < conf->nbindings; i++) {
		free(conf->bindings[i].view);
		free(conf->bindings[i].key);
		free(conf->bindings[i].action);
		free(conf->bindings[i].file);
	}
	free(conf->bindings);
	for (i = 0; i < conf->nerrors; i++)
		free(conf->errors[i]);
	free(conf->errors);
	for (i = 0; i < (size_t)conf->depth; i++)
		free(conf->stack[i]);
	if (global == conf)
		global = NULL;
	free(conf);
}

void
conf_add_error(struct conf *conf, const char *fmt, ...)
{
	va_list ap;

	if (conf->nerrors >= CONF_MAX_ERRORS) {
		conf->dropped++;
		return;
	}
	conf->errors = xreallocarray(conf->errors, conf->nerrors + 1,
	    sizeof *conf->errors);
	va_start(ap, fmt);
	conf->errors[conf->nerrors++] = xvasprintf(fmt, ap);
	va_end(ap);
}

size_t
conf_nerrors(const struct conf *conf)
{
	return conf->nerrors;
}

const char *
conf_error(const struct conf *conf, size_t i)
{
	return i < conf->nerrors ? conf->errors[i] : NULL;
}

int
conf_set(struct conf *conf, const char *name, const char *value, char **err)
{
	const struct conf_option *o = conf_option_find(name);
	struct conf_value v;
	const char *near;

	if (o == NULL) {
		if ((near = conf_option_suggest(name)) != NULL)
			*err = xasprintf(_("unknown option '%s' (did you mean '%s'?)"),
			    name, near);
		else
			*err = xasprintf(_("unknown option '%s' (see dateline --help-options)"),
			    name);
		return -1;
	}
	if (conf_value_parse(o, value, &v, err) != 0)
		return -1;
	free(conf->values[o->id].str);
	conf->values[o->id] = v;
	conf->explicit[o->id] = 1;
	return 0;
}

/* A getter asked for the wrong type is a bug in the caller, not a user
 * error: say which and stop. */
static const struct conf_option *
checked(enum conf_id id, int want_str)
{
	const struct conf_option *o = conf_option(id);

	if (o == NULL) {
		log_error("conf: no option with id %d", (int)id);
		abort();
	}
	if (want_str && o->type != CONF_T_STRING && o->type != CONF_T_ENUM) {
		log_error("conf: option '%s' is not a string", o->name);
		abort();
	}
	if (!want_str && o->type == CONF_T_STRING) {
		log_error("conf: option '%s' is a string", o->name);
		abort();
	}
	return o;
}

int
conf_get_bool(const struct conf *conf, enum conf_id id)
{
	checked(id, 0);
	return conf->values[id].num != 0;
}

long long
conf_get_int(const struct conf *conf, enum conf_id id)
{
	checked(id, 0);
	return conf->values[id].num;
}

const char *
conf_get_str(const struct conf *conf, enum conf_id id)
{
	const char *s;

	checked(id, 1);
	s = conf->values[id].str;
	return s != NULL ? s : "";
}

void
conf_set_global(struct conf *conf)
{
	global = conf;
}

struct conf *
conf_global(void)
{
	if (global != NULL)
		return global;
	if (defaults == NULL)
		defaults = conf_new();
	return defaults;
}

int
conf_bool(enum conf_id id)
{
	return conf_get_bool(conf_global(), id);
}

long long
conf_int(enum conf_id id)
{
	return conf_get_int(conf_global(), id);
}

const char *
conf_str(enum conf_id id)
{
	return conf_get_str(conf_global(), id);
}

int
conf_init(const char *path, const char *theme)
{
	struct conf *conf = conf_new();
	char *def = NULL, *err = NULL;
	size_t i;
	int rc = 0;

	if (path == NULL)
		path = def = conf_config_path();
	if (conf_load_file(conf, path, def != NULL) != 0)
		rc = -1;
	if (theme != NULL && conf_set(conf, "theme", theme, &err) != 0) {
		conf_add_error(conf, "--theme: %s", err);
		free(err);
		rc = -1;
	}
	if (conf_load_theme(conf, conf_get_str(conf, CONF_THEME)) != 0)
		rc = -1;
	for (i = 0; i < conf->nerrors; i++)
		log_error("%s", conf->errors[i]);
	if (conf->dropped > 0)
		log_error(P_("... and %zu more error", "... and %zu more errors",
		    conf->dropped), conf->dropped);
	free(def);
	conf_shutdown();
	owned = conf;
	conf_set_global(conf);
	return rc;
}

void
conf_shutdown(void)
{
	if (owned != NULL) {
		if (global == owned)
			global = NULL;
		conf_free(owned);
		owned = NULL;
	}
	conf_free(defaults);
	defaults = NULL;
}

size_t
conf_nbindings(const struct conf *conf)
{
	return conf->nbindings;
}

const struct conf_binding *
conf_binding(const struct conf *conf, size_t i)
{
	return i < conf->nbindings ? &conf->bindings[i] : NULL;
}

int
conf_check_bindings(struct conf *conf, conf_binding_check_fn *check, void *arg)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < conf->nbindings; i++) {
		const struct conf_binding *b = &conf->bindings[i];
		char *err = NULL;

		if (check(b, &err, arg) == 0)
			continue;
		conf_add_error(conf, "%s:%d: %s", b->file, b->line,
		    err != NULL ? err : _("invalid binding"));
		free(err);
		bad++;
	}
	return bad;
}

void
conf_style_get(const struct conf *conf, enum role role, struct conf_style *out)
{
	memset(out, 0, sizeof *out);
	out->fg = out->bg = CONF_COLOR_DEFAULT;
	if ((unsigned)role >= ROLE_COUNT)
		return;
	if (conf->styles[role].set)
		*out = conf->styles[role];
	else if (conf->theme[role].set)
		*out = conf->theme[role];
}

int
conf_role_find(const char *name)
{
	int i;

	for (i = 0; i < ROLE_COUNT; i++)
		if (strcmp(role_names[i], name) == 0)
			return i;
	return -1;
}
