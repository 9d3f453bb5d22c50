/*
 * Unit tests for src/config: XDG paths and ~/.dateline, and the
 * conversion of a newsboat config.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/conf.h"
#include "config/newsboat.h"
#include "util/util.h"

static char home[64];

static int
setup_home(void **state)
{
	(void)state;
	strcpy(home, "/tmp/dl-home-XXXXXX");
	if (mkdtemp(home) == NULL)
		return -1;
	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	return 0;
}

static int
teardown_home(void **state)
{
	char *p;

	(void)state;
	p = xasprintf("%s/.dateline", home);
	rmdir(p);
	free(p);
	rmdir(home);
	return 0;
}

static void DL_PRINTF(2, 3)
assert_path(char *got, const char *fmt, ...)
{
	va_list ap;
	char *want;

	va_start(ap, fmt);
	want = xvasprintf(fmt, ap);
	va_end(ap);
	assert_string_equal(got, want);
	free(want);
	free(got);
}

static void
test_xdg_paths(void **state)
{
	(void)state;
	assert_path(conf_config_dir(), "%s/.config/dateline", home);
	assert_path(conf_data_dir(), "%s/.local/share/dateline", home);
	assert_path(conf_config_path(), "%s/.config/dateline/config", home);
	assert_path(conf_cache_path(NULL), "%s/.local/share/dateline/cache.db", home);
	assert_path(conf_urls_path(NULL), "%s/.config/dateline/urls", home);

	setenv("XDG_CONFIG_HOME", "/xdg/conf", 1);
	setenv("XDG_DATA_HOME", "/xdg/data", 1);
	assert_path(conf_config_dir(), "%s/dateline", "/xdg/conf");
	assert_path(conf_cache_path(NULL), "%s/dateline/cache.db", "/xdg/data");
	assert_path(conf_urls_path(NULL), "%s/dateline/urls", "/xdg/conf");

	/* relative values are ignored, as the XDG spec says */
	setenv("XDG_CONFIG_HOME", "rel/conf", 1);
	setenv("XDG_DATA_HOME", "", 1);
	assert_path(conf_config_dir(), "%s/.config/dateline", home);
	assert_path(conf_data_dir(), "%s/.local/share/dateline", home);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
}

static void
test_legacy_dir_wins(void **state)
{
	char *legacy = xasprintf("%s/.dateline", home);

	(void)state;
	assert_int_equal(mkdir(legacy, 0700), 0);
	setenv("XDG_CONFIG_HOME", "/xdg/conf", 1);
	assert_path(conf_config_dir(), "%s", legacy);
	assert_path(conf_data_dir(), "%s", legacy);
	assert_path(conf_cache_path(NULL), "%s/cache.db", legacy);
	assert_path(conf_urls_path(NULL), "%s/urls", legacy);
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(rmdir(legacy), 0);
	free(legacy);
}

static void
test_path_precedence(void **state)
{
	struct conf *c = conf_new();
	char *err = NULL;

	(void)state;
	assert_int_equal(conf_set(c, "cache-file", "~/news/store.db", &err), 0);
	assert_int_equal(conf_set(c, "urls-file", "/etc/feeds", &err), 0);
	conf_set_global(c);
	assert_path(conf_cache_path(NULL), "%s/news/store.db", home);
	assert_path(conf_urls_path(NULL), "%s", "/etc/feeds");
	/* the command line wins over the option */
	assert_path(conf_cache_path("~/x.db"), "%s/x.db", home);
	assert_path(conf_urls_path("u"), "%s", "u");
	conf_set_global(NULL);
	conf_free(c);
	assert_path(conf_expand_home("~"), "%s", home);
	assert_path(conf_expand_home("~user/x"), "%s", "~user/x");
	assert_path(conf_expand_home("/a/~/b"), "%s", "/a/~/b");
}

static void
test_make_parent_dir(void **state)
{
	char *path = xasprintf("%s/a/b/c/cache.db", home), *err = NULL, *p;
	struct stat st;

	(void)state;
	assert_int_equal(conf_make_parent_dir(path, &err), 0);
	p = xasprintf("%s/a/b/c", home);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(conf_make_parent_dir(path, &err), 0);	/* again */
	assert_int_equal(conf_make_parent_dir("plain-name", &err), 0);
	/* a file in the way */
	free(path);
	path = xasprintf("%s/a/b/c/file", home);
	fclose(fopen(path, "w"));
	free(p);
	p = xasprintf("%s/a/b/c/file/x.db", home);
	assert_int_equal(conf_make_parent_dir(p, &err), -1);
	assert_non_null(strstr(err, "file"));
	free(err);
	unlink(path);
	free(p);
	free(path);
	p = xasprintf("%s/a/b/c", home);
	rmdir(p);
	free(p);
	p = xasprintf("%s/a/b", home);
	rmdir(p);
	free(p);
	p = xasprintf("%s/a", home);
	rmdir(p);
	free(p);
}

static const char nb_config[] =
    "# my newsboat config\n"
    "reload-threads 8\n"
    "auto-reload yes\n"
    "reload-time 30\n"
    "max-items 200\n"
    "browser \"firefox %u\"\n"
    "download-timeout 45\n"
    "show-read-feeds no\n"
    "feed-sort-order unreadarticlecount-asc\n"
    "datetime-format \"%b %d\"\n"
    "bind-key j down\n"
    "bind-key ^D pagedown articlelist\n"
    "bind-key SPACE open feedlist\n"
    "unbind-key q\n"
    "color listfocus black yellow bold protect\n"
    "color info default colour21\n"
    "highlight article \"^Title:.*\" red\n"
    "bind-key x toggle-source-view\n"
    "cache-file ~/x.db\n"
    "proxy localhost:3128\n"
    "color end-of-text-marker red default\n"
    "bind-key j down tagselection\n"
    "reload-threads lots\n"
    "include ~/.newsboat/colors\n"
    "macro p set browser \"mpv %u\"\n"
    "feed-sort-order firsttag\n"
    "show-read-articles\n"
    "color listnormal purple default\n";

static void
test_newsboat_convert(void **state)
{
	struct newsboat_result r;
	struct conf *c;
	const char *u;

	(void)state;
	newsboat_convert(nb_config, strlen(nb_config), "nb/config", NULL, NULL, &r);
	u = buf_str(&r.unknown);
	assert_non_null(strstr(buf_str(&r.config), "set max-parallel 8\n"));
	assert_non_null(strstr(buf_str(&r.config), "set keep-items 200\n"));
	assert_non_null(strstr(buf_str(&r.config), "set browser firefox\n"));
	assert_non_null(strstr(buf_str(&r.config), "set timeout-total 45s\n"));
	assert_non_null(strstr(buf_str(&r.config), "set show-read-feeds no\n"));
	assert_non_null(strstr(buf_str(&r.config), "set feed-sort unread\n"));
	assert_non_null(strstr(buf_str(&r.config), "set date-format \"%b %d\"\n"));
	assert_non_null(strstr(buf_str(&r.config), "set auto-refresh 30\n"));
	assert_non_null(strstr(buf_str(&r.config), "bind j down\n"));
	assert_non_null(strstr(buf_str(&r.config), "bind headlines ^D page-down\n"));
	assert_non_null(strstr(buf_str(&r.config), "bind feeds Space open\n"));
	assert_non_null(strstr(buf_str(&r.config), "unbind q\n"));
	assert_non_null(strstr(buf_str(&r.config), "color selected black yellow bold\n"));
	assert_non_null(strstr(buf_str(&r.config), "color status-bar default colour21\n"));
	assert_int_equal(r.settings, 8);
	assert_int_equal(r.bindings, 4);
	assert_int_equal(r.colors, 2);

	/* each line not converted is listed with its line and a reason */
	assert_non_null(strstr(u, "nb/config:17: highlight article"));
	assert_non_null(strstr(u, "nb/config:18: bind-key x toggle-source-view -- "
	    "dateline has no action like newsboat's 'toggle-source-view'"));
	assert_non_null(strstr(u, "nb/config:19: cache-file ~/x.db -- newsboat's cache"));
	assert_non_null(strstr(u, "nb/config:20: proxy localhost:3128 -- dateline takes proxies"));
	assert_non_null(strstr(u, "nb/config:21: color end-of-text-marker"));
	assert_non_null(strstr(u, "nb/config:22: bind-key j down tagselection -- "
	    "dateline has no view like newsboat's 'tagselection'"));
	assert_non_null(strstr(u, "nb/config:23: reload-threads lots -- option "
	    "'max-parallel' needs a whole number"));
	assert_non_null(strstr(u, "nb/config:24: include"));
	assert_non_null(strstr(u, "nb/config:25: macro p"));
	assert_non_null(strstr(u, "nb/config:26: feed-sort-order firsttag -- "));
	assert_non_null(strstr(u, "nb/config:27: show-read-articles -- expected one value"));
	assert_non_null(strstr(u, "nb/config:28: color listnormal purple default -- "
	    "'purple' is not a colour"));
	assert_int_equal(r.skipped, 12);

	/* what was written is a valid dateline config */
	c = conf_new();
	assert_int_equal(conf_load_text(c, "out", buf_str(&r.config), r.config.len), 0);
	assert_int_equal(conf_get_int(c, CONF_AUTO_REFRESH), 30 * 60);
	assert_int_equal(conf_get_int(c, CONF_TIMEOUT_TOTAL), 45);
	assert_string_equal(conf_get_str(c, CONF_BROWSER), "firefox");
	assert_int_equal(conf_nbindings(c), 4);
	conf_free(c);
	newsboat_result_free(&r);
}

static int
reject_down(const struct conf_binding *b, char **err, void *arg)
{
	(void)arg;
	if (b->action != NULL && strcmp(b->action, "down") == 0) {
		*err = xstrdup("no action 'down' here");
		return -1;
	}
	return 0;
}

static void
test_newsboat_edge_cases(void **state)
{
	const char *text = "auto-reload yes\nbind-key j down\n\"unterminated\n"
	    "reload-time\n";
	struct newsboat_result r;

	(void)state;
	newsboat_convert(text, strlen(text), "c", reject_down, NULL, &r);
	/* auto-reload without reload-time: newsboat's default, an hour */
	assert_non_null(strstr(buf_str(&r.config), "set auto-refresh 60\n"));
	assert_non_null(strstr(buf_str(&r.unknown), "c:2: bind-key j down -- no action 'down' here"));
	assert_non_null(strstr(buf_str(&r.unknown), "c:3: \"unterminated -- missing closing"));
	assert_non_null(strstr(buf_str(&r.unknown), "c:4: reload-time -- expected one value"));
	newsboat_result_free(&r);

	/* auto-reload no: nothing; control characters are not echoed */
	text = "browser \"firefox --private-window %u\"\n";
	newsboat_convert(text, strlen(text), "c", NULL, NULL, &r);
	assert_null(strstr(buf_str(&r.config), "set browser"));
	assert_non_null(strstr(buf_str(&r.unknown), "c:1: browser \"firefox "
	    "--private-window %u\" -- dateline runs one program"));
	newsboat_result_free(&r);

	text = "auto-reload no\nreload-time 5\nfoo \033[2J\n";
	newsboat_convert(text, strlen(text), "c", NULL, NULL, &r);
	assert_null(strstr(buf_str(&r.config), "auto-refresh"));
	assert_null(strchr(buf_str(&r.unknown), '\033'));
	assert_non_null(strstr(buf_str(&r.unknown), "c:3: foo"));
	newsboat_result_free(&r);

	assert_string_equal(newsboat_hint("max-items"), "set keep-items");
	assert_string_equal(newsboat_hint("bind-key"), "bind");
	assert_null(newsboat_hint("cache-file"));
	assert_null(newsboat_hint("set"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xdg_paths),
		cmocka_unit_test(test_legacy_dir_wins),
		cmocka_unit_test(test_path_precedence),
		cmocka_unit_test(test_make_parent_dir),
		cmocka_unit_test(test_newsboat_convert),
		cmocka_unit_test(test_newsboat_edge_cases),
	};

	return cmocka_run_group_tests_name("config-newsboat", tests, setup_home,
	    teardown_home);
}
