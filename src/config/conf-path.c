/*
 * config: where dateline's files live.  XDG base directories, or
 * ~/.dateline when a user already has that directory.
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/conf-private.h"
#include "util/i18n.h"
#include "util/util.h"

static const char *
home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && *home == '/')
		return home;
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL)
		return pw->pw_dir;
	return "/";
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ~/.dateline if it is a directory, else NULL. */
static char *
legacy_dir(void)
{
	char *dir = xasprintf("%s/.dateline", home_dir());

	if (is_dir(dir))
		return dir;
	free(dir);
	return NULL;
}

/* $VAR/dateline, or ~/FALLBACK/dateline when VAR is unset, empty or not
 * absolute (the XDG spec says to ignore relative values). */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	char *dir;

	if ((dir = legacy_dir()) != NULL)
		return dir;
	if (v != NULL && v[0] == '/')
		return xasprintf("%s/dateline", v);
	return xasprintf("%s/%s/dateline", home_dir(), fallback);
}

char *
conf_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *
conf_data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *
conf_config_path(void)
{
	char *dir = conf_config_dir(), *path;

	path = xasprintf("%s/config", dir);
	free(dir);
	return path;
}

char *
conf_expand_home(const char *path)
{
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0'))
		return xasprintf("%s%s", home_dir(), path + 1);
	return xstrdup(path);
}

static char *
resolve(const char *cli_value, enum conf_id id, int data, const char *file)
{
	const char *opt = conf_str(id);
	char *dir, *path;

	if (cli_value != NULL)
		return conf_expand_home(cli_value);
	if (*opt != '\0')
		return conf_expand_home(opt);
	dir = data ? conf_data_dir() : conf_config_dir();
	path = xasprintf("%s/%s", dir, file);
	free(dir);
	return path;
}

char *
conf_cache_path(const char *cli_value)
{
	return resolve(cli_value, CONF_CACHE_FILE, 1, "cache.db");
}

char *
conf_urls_path(const char *cli_value)
{
	return resolve(cli_value, CONF_URLS_FILE, 0, "urls");
}

int
conf_make_parent_dir(const char *path, char **err)
{
	char *copy = xstrdup(path), *p;
	int rc = -1;

	if ((p = strrchr(copy, '/')) == NULL || p == copy) {
		rc = 0;
		goto out;
	}
	*p = '\0';
	for (p = copy + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;

		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			*err = xasprintf(_("cannot create directory %s: %s"), copy,
			    strerror(errno));
			goto out;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	if (!is_dir(copy)) {
		*err = xasprintf(_("%s is not a directory"), copy);
		goto out;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}
