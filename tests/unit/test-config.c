/*
 * Unit tests for src/config: the option table, every directive of the
 * config language and every error it reports, includes, themes, styles.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/conf.h"
#include "util/util.h"

/* Parse text as file "t.conf"; returns the conf (caller frees). */
static struct conf *
parse(const char *text, int want_rc)
{
	struct conf *c = conf_new();

	assert_int_equal(conf_load_text(c, "t.conf", text, strlen(text)), want_rc);
	return c;
}

/* Exactly one error, and it contains each of the given strings. */
static void
one_error(const char *text, const char *want1, const char *want2)
{
	struct conf *c = parse(text, -1);

	if (conf_nerrors(c) != 1)
		fail_msg("%zu errors for '%s' (first: %s)", conf_nerrors(c), text,
		    conf_nerrors(c) ? conf_error(c, 0) : "none");
	if (strstr(conf_error(c, 0), want1) == NULL)
		fail_msg("'%s' lacks '%s'", conf_error(c, 0), want1);
	if (want2 != NULL && strstr(conf_error(c, 0), want2) == NULL)
		fail_msg("'%s' lacks '%s'", conf_error(c, 0), want2);
	conf_free(c);
}

static void
test_table_is_consistent(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < CONF_COUNT; i++) {
		const struct conf_option *o = conf_option((enum conf_id)i);

		assert_non_null(o);
		assert_int_equal(o->id, i);
		assert_non_null(o->name);
		assert_true(strlen(o->help) > 10);
		assert_ptr_equal(conf_option_find(o->name), o);
		for (j = 0; j < i; j++)
			assert_string_not_equal(o->name,
			    conf_option((enum conf_id)j)->name);
		if (o->type == CONF_T_ENUM)
			assert_non_null(o->words);
	}
	assert_null(conf_option(CONF_COUNT));
	assert_null(conf_option_find("no-such-option"));
}

static void
test_defaults(void **state)
{
	struct conf *c = conf_new();

	(void)state;
	assert_int_equal(conf_get_int(c, CONF_MAX_PARALLEL), 16);
	assert_int_equal(conf_get_int(c, CONF_MAX_PER_HOST), 2);
	assert_int_equal(conf_get_int(c, CONF_MAX_FEED_SIZE), 50LL << 20);
	assert_int_equal(conf_get_int(c, CONF_TIMEOUT_TOTAL), 120);
	assert_int_equal(conf_get_int(c, CONF_AUTO_REFRESH), 0);
	assert_false(conf_get_bool(c, CONF_FULLTEXT));
	assert_true(conf_get_bool(c, CONF_SHOW_READ_FEEDS));
	assert_string_equal(conf_get_str(c, CONF_THEME), "default");
	assert_string_equal(conf_get_str(c, CONF_CACHE_FILE), "");
	assert_string_equal(conf_get_str(c, CONF_FEED_SORT), "none");
	assert_int_equal(conf_get_int(c, CONF_FEED_SORT), 0);
	assert_int_equal(conf_nerrors(c), 0);
	assert_int_equal(conf_nbindings(c), 0);
	conf_free(c);
}

static void
test_set_every_type(void **state)
{
	struct conf *c = parse(
	    "set max-parallel 32\n"
	    "set fulltext yes\n"
	    "set mouse Off\n"
	    "set user-agent \"dateline test/1.0\"\n"
	    "set feed-sort UNREAD\n"
	    "set timeout-connect 90\n"
	    "set timeout-total 3m\n"
	    "set auto-refresh 15\n"
	    "set min-interval 2h\n"
	    "set max-feed-size 512k\n"
	    "set low-speed-limit 1MiB\n"
	    "set keep-days 0\n", 0);

	(void)state;
	assert_int_equal(conf_get_int(c, CONF_MAX_PARALLEL), 32);
	assert_true(conf_get_bool(c, CONF_FULLTEXT));
	assert_false(conf_get_bool(c, CONF_MOUSE));
	assert_string_equal(conf_get_str(c, CONF_USER_AGENT), "dateline test/1.0");
	assert_string_equal(conf_get_str(c, CONF_FEED_SORT), "unread");
	assert_int_equal(conf_get_int(c, CONF_FEED_SORT), 2);
	assert_int_equal(conf_get_int(c, CONF_TIMEOUT_CONNECT), 90);
	assert_int_equal(conf_get_int(c, CONF_TIMEOUT_TOTAL), 180);
	/* a bare number is minutes for auto-refresh */
	assert_int_equal(conf_get_int(c, CONF_AUTO_REFRESH), 15 * 60);
	assert_int_equal(conf_get_int(c, CONF_MIN_INTERVAL), 7200);
	assert_int_equal(conf_get_int(c, CONF_MAX_FEED_SIZE), 512 * 1024);
	assert_int_equal(conf_get_int(c, CONF_LOW_SPEED_LIMIT), 1 << 20);
	conf_free(c);
}

static void
test_set_errors(void **state)
{
	(void)state;
	one_error("set max-parallel 0\n", "t.conf:1:", "from 1 to 256");
	one_error("set max-parallel 12x\n", "t.conf:1:", "not '12x'");
	one_error("set max-parallel -3\n", "t.conf:1:", "whole number");
	one_error("set max-parallel 99999999999999999999\n", "t.conf:1:", "whole number");
	one_error("\n\nset fulltext maybe\n", "t.conf:3:", "yes or no");
	one_error("set feed-sort random\n", "one of: none, title, unread, updated", NULL);
	one_error("set timeout-total 2w\n", "duration", "not '2w'");
	one_error("set timeout-total 2d\n", "duration", NULL);	/* above 1d */
	one_error("set max-feed-size 1T\n", "size", NULL);
	one_error("set max-feed-size 9999999999999999G\n", "size", NULL);
	one_error("set max-parallel\n", "t.conf:1:", "set OPTION VALUE");
	one_error("set\n", "t.conf:1:", "set OPTION VALUE");
	one_error("set date-format %d %b\n", "t.conf:1:", "quotes");
}

static void
test_unknown_option_suggests(void **state)
{
	(void)state;
	one_error("set max-paralel 4\n", "unknown option 'max-paralel'",
	    "did you mean 'max-parallel'");
	one_error("set show-read-feed no\n", "did you mean 'show-read-feeds'", NULL);
	one_error("set colour-scheme x\n", "unknown option 'colour-scheme'",
	    "--help-options");
	assert_string_equal(conf_option_suggest("keep-item"), "keep-items");
	assert_string_equal(conf_option_suggest("Theme"), "theme");
	assert_null(conf_option_suggest("xyz"));
	assert_null(conf_option_suggest(""));
}

static void
test_unknown_directive(void **state)
{
	(void)state;
	one_error("frobnicate 1\n", "unknown directive 'frobnicate'",
	    "set, bind, unbind, color or include");
	one_error("sett theme x\n", "did you mean 'set'", NULL);
	one_error("max-parallel 3\n", "did you mean 'set max-parallel ...'", NULL);
	one_error("max-paralel 3\n", "did you mean 'set max-parallel ...'", NULL);
	one_error("reload-threads 8\n", "newsboat setting", "set max-parallel");
	one_error("bind-key j down\n", "newsboat setting", "bind");
}

static void
test_quoting_and_comments(void **state)
{
	struct conf *c = parse(
	    "# a comment\n"
	    "   \t  \n"
	    "set browser 'firefox --new-tab'   # trailing comment\n"
	    "set date-format \"%H:%M \\\"at\\\" \\\\ %d\"\n"
	    "set user-agent a\\ b#c\n"
	    "set story-date-format \"\"\r\n"
	    "color headline #FF8800 default bold\n", 0);
	struct conf_style st;

	(void)state;
	assert_string_equal(conf_get_str(c, CONF_BROWSER), "firefox --new-tab");
	assert_string_equal(conf_get_str(c, CONF_DATE_FORMAT), "%H:%M \"at\" \\ %d");
	assert_string_equal(conf_get_str(c, CONF_USER_AGENT), "a b#c");
	assert_string_equal(conf_get_str(c, CONF_STORY_DATE_FORMAT), "");
	conf_style_get(c, ROLE_HEADLINE, &st);
	assert_int_equal(st.fg, CONF_COLOR_RGB(0xff, 0x88, 0x00));
	conf_free(c);

	one_error("set browser \"firefox\n", "t.conf:1:", "closing \" quote");
	one_error("set browser 'firefox\n", "t.conf:1:", "closing ' quote");
	one_error("set a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8\n",
	    "too many words", NULL);
}

static void
test_bad_bytes_and_long_lines(void **state)
{
	char *big;

	(void)state;
	one_error("set theme a\033[31mb\n", "t.conf:1:", "control character");
	one_error("set theme \xff\xfe\n", "t.conf:1:", "invalid UTF-8");
	one_error("set theme \"a\rb\"\r\n", "t.conf:1:", "control character");
	big = xmalloc(10000);
	memset(big, 'a', 9999);
	big[9999] = '\0';
	memcpy(big, "set theme ", 10);
	one_error(big, "t.conf:1:", "longer than");
	free(big);
	/* a NUL byte inside the buffer is a control character too */
	{
		struct conf *c = conf_new();

		assert_int_equal(conf_load_text(c, "t.conf", "set x\0y\n", 8), -1);
		assert_non_null(strstr(conf_error(c, 0), "control character"));
		conf_free(c);
	}
}

static void
test_errors_do_not_stop_parsing(void **state)
{
	struct conf *c = parse("set max-parallel 0\nset max-parallel 8\nbogus\n"
	    "set keep-days 30\n", -1);

	(void)state;
	assert_int_equal(conf_nerrors(c), 2);
	assert_non_null(strstr(conf_error(c, 0), "t.conf:1:"));
	assert_non_null(strstr(conf_error(c, 1), "t.conf:3:"));
	assert_null(conf_error(c, 2));
	assert_int_equal(conf_get_int(c, CONF_MAX_PARALLEL), 8);
	assert_int_equal(conf_get_int(c, CONF_KEEP_DAYS), 30);
	conf_free(c);
}

static void
test_error_count_is_capped(void **state)
{
	struct buf b = BUF_INIT;
	struct conf *c;
	int i;

	(void)state;
	for (i = 0; i < 1000; i++)
		buf_adds(&b, "nonsense\n");
	c = parse(buf_str(&b), -1);
	assert_true(conf_nerrors(c) >= 100 && conf_nerrors(c) <= 1000);
	assert_true(conf_nerrors(c) < 1000);
	conf_free(c);
	buf_free(&b);
}

static void
test_bind_and_unbind(void **state)
{
	struct conf *c = parse(
	    "bind j down\n"
	    "bind story ^D page-down\n"
	    "# gap\n"
	    "unbind q\n"
	    "unbind feeds Q\n", 0);
	const struct conf_binding *b;

	(void)state;
	assert_int_equal(conf_nbindings(c), 4);
	b = conf_binding(c, 0);
	assert_null(b->view);
	assert_string_equal(b->key, "j");
	assert_string_equal(b->action, "down");
	assert_string_equal(b->file, "t.conf");
	assert_int_equal(b->line, 1);
	b = conf_binding(c, 1);
	assert_string_equal(b->view, "story");
	assert_string_equal(b->key, "^D");
	assert_string_equal(b->action, "page-down");
	b = conf_binding(c, 2);
	assert_null(b->view);
	assert_string_equal(b->key, "q");
	assert_null(b->action);
	assert_int_equal(b->line, 4);
	b = conf_binding(c, 3);
	assert_string_equal(b->view, "feeds");
	assert_string_equal(b->key, "Q");
	assert_null(b->action);
	assert_null(conf_binding(c, 4));
	conf_free(c);

	one_error("bind j\n", "t.conf:1:", "bind [VIEW] KEY ACTION");
	one_error("bind a b c d\n", "t.conf:1:", "bind [VIEW] KEY ACTION");
	one_error("unbind\n", "t.conf:1:", "unbind [VIEW] KEY");
	one_error("unbind a b c\n", "t.conf:1:", "unbind [VIEW] KEY");
	one_error("bind \"\" down\n", "t.conf:1:", "key name");
	one_error("bind 123456789012345678901234567890123 down\n", "key name", NULL);
}

/* A stand-in for the UI's check: only "down" and "up" exist. */
static int
check_actions(const struct conf_binding *b, char **err, void *arg)
{
	int *calls = arg;

	(*calls)++;
	if (b->action == NULL || strcmp(b->action, "down") == 0 ||
	    strcmp(b->action, "up") == 0)
		return 0;
	*err = xasprintf("unknown action '%s'", b->action);
	return -1;
}

static void
test_check_bindings(void **state)
{
	struct conf *c = parse("bind j down\n\nbind x explode\nunbind k\n", 0);
	int calls = 0;

	(void)state;
	assert_int_equal(conf_check_bindings(c, check_actions, &calls), 1);
	assert_int_equal(calls, 3);
	assert_int_equal(conf_nerrors(c), 1);
	assert_string_equal(conf_error(c, 0), "t.conf:3: unknown action 'explode'");
	conf_free(c);
}

static void
test_colors(void **state)
{
	int v;

	(void)state;
	assert_int_equal(conf_color_parse("default", &v), 0);
	assert_int_equal(v, CONF_COLOR_DEFAULT);
	assert_int_equal(conf_color_parse("red", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(conf_color_parse("White", &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(conf_color_parse("brightblue", &v), 0);
	assert_int_equal(v, 12);
	assert_int_equal(conf_color_parse("bright-black", &v), 0);
	assert_int_equal(v, 8);
	assert_int_equal(conf_color_parse("colour123", &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(conf_color_parse("color0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(conf_color_parse("255", &v), 0);
	assert_int_equal(v, 255);
	assert_int_equal(conf_color_parse("#0a0B0c", &v), 0);
	assert_int_equal(v, CONF_COLOR_RGB(10, 11, 12));
	assert_true(CONF_COLOR_IS_RGB(v));
	assert_false(CONF_COLOR_IS_RGB(255));
	assert_false(CONF_COLOR_IS_RGB(CONF_COLOR_DEFAULT));
	assert_int_equal(conf_color_parse("256", &v), -1);
	assert_int_equal(conf_color_parse("1234", &v), -1);
	assert_int_equal(conf_color_parse("#12345", &v), -1);
	assert_int_equal(conf_color_parse("#12345g", &v), -1);
	assert_int_equal(conf_color_parse("purple", &v), -1);
	assert_int_equal(conf_color_parse("", &v), -1);
	assert_int_equal(conf_color_parse("colour", &v), -1);
	assert_int_equal(conf_attr_parse("bold"), CONF_ATTR_BOLD);
	assert_int_equal(conf_attr_parse("Italic"), CONF_ATTR_ITALIC);
	assert_int_equal(conf_attr_parse("blink"), CONF_ATTR_BLINK);
	assert_int_equal(conf_attr_parse("sparkle"), 0);
}

static void
test_color_lines(void **state)
{
	struct conf *c = parse(
	    "color dateline brightred default bold underline\n"
	    "colour status-bar 15 #102030 reverse dim italic standout blink\n", 0);
	struct conf_style st;

	(void)state;
	conf_style_get(c, ROLE_DATELINE, &st);
	assert_true(st.set);
	assert_int_equal(st.fg, 9);
	assert_int_equal(st.bg, CONF_COLOR_DEFAULT);
	assert_int_equal(st.attrs, CONF_ATTR_BOLD | CONF_ATTR_UNDERLINE);
	conf_style_get(c, ROLE_STATUS_BAR, &st);
	assert_int_equal(st.fg, 15);
	assert_int_equal(st.bg, CONF_COLOR_RGB(0x10, 0x20, 0x30));
	assert_int_equal(st.attrs, CONF_ATTR_REVERSE | CONF_ATTR_DIM |
	    CONF_ATTR_ITALIC | CONF_ATTR_STANDOUT | CONF_ATTR_BLINK);
	conf_style_get(c, ROLE_BODY, &st);
	assert_false(st.set);
	assert_int_equal(st.fg, CONF_COLOR_DEFAULT);
	conf_free(c);

	one_error("color headline red\n", "t.conf:1:", "color ROLE FG BG");
	one_error("color headlines red blue\n", "unknown role 'headlines'", NULL);
	one_error("color headline purple blue\n", "'purple' is not a colour", "#rrggbb");
	one_error("color headline red 300\n", "'300' is not a colour", NULL);
	one_error("color headline red blue shiny\n", "unknown attribute 'shiny'",
	    "bold");
	assert_int_equal(conf_role_find("search-match"), ROLE_SEARCH_MATCH);
	assert_int_equal(conf_role_find("nope"), -1);
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
rm_tree(const char *dir)
{
	assert_int_equal(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

/* Write name in dir with text; returns the path (caller frees). */
static char *
write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void
test_include(void **state)
{
	char tmpl[] = "/tmp/dl-conf-XXXXXX", *dir, *top, *p;
	struct conf *c;

	(void)state;
	dir = mkdtemp(tmpl);
	assert_non_null(dir);
	p = xasprintf("%s/sub", dir);
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
	free(write_file(dir, "sub/colors", "color body red default\nset keep-days 7\n"));
	free(write_file(dir, "sub/bad", "\n\nset nope 1\n"));
	free(write_file(dir, "loop", "include loop\n"));
	free(write_file(dir, "a", "include b\n"));
	free(write_file(dir, "b", "include a\n"));
	top = write_file(dir, "config", "set keep-items 5\ninclude sub/colors\n"
	    "include 'sub/bad'\ninclude missing\ninclude\n");

	c = conf_new();
	assert_int_equal(conf_load_file(c, top, 0), -1);
	assert_int_equal(conf_get_int(c, CONF_KEEP_ITEMS), 5);
	assert_int_equal(conf_get_int(c, CONF_KEEP_DAYS), 7);
	assert_int_equal(conf_nerrors(c), 3);
	/* errors name the file they are in */
	p = xasprintf("%s/sub/bad:3: unknown option 'nope'", dir);
	assert_non_null(strstr(conf_error(c, 0), p));
	free(p);
	/* a missing include names the include line */
	p = xasprintf("%s:4: %s/missing: cannot open", top, dir);
	assert_non_null(strstr(conf_error(c, 1), p));
	free(p);
	assert_non_null(strstr(conf_error(c, 2), "include FILE"));
	conf_free(c);

	c = conf_new();
	p = xasprintf("%s/loop", dir);
	assert_int_equal(conf_load_file(c, p, 0), -1);
	assert_int_equal(conf_nerrors(c), 1);
	assert_non_null(strstr(conf_error(c, 0), "include loop"));
	free(p);
	conf_free(c);

	c = conf_new();
	p = xasprintf("%s/a", dir);
	assert_int_equal(conf_load_file(c, p, 0), -1);
	assert_int_equal(conf_nerrors(c), 1);
	assert_non_null(strstr(conf_error(c, 0), "include loop"));
	free(p);
	conf_free(c);

	/* a missing top file: an error, unless missing_ok */
	c = conf_new();
	p = xasprintf("%s/none", dir);
	assert_int_equal(conf_load_file(c, p, 1), 0);
	assert_int_equal(conf_nerrors(c), 0);
	assert_int_equal(conf_load_file(c, p, 0), -1);
	assert_non_null(strstr(conf_error(c, 0), "cannot open"));
	free(p);
	conf_free(c);
	free(top);
	rm_tree(dir);
}

static void
test_include_depth(void **state)
{
	char tmpl[] = "/tmp/dl-conf-XXXXXX", *dir, *name, *text, *p;
	struct conf *c;
	int i;

	(void)state;
	dir = mkdtemp(tmpl);
	assert_non_null(dir);
	for (i = 0; i < 12; i++) {
		name = xasprintf("f%d", i);
		text = xasprintf("include f%d\n", i + 1);
		free(write_file(dir, name, text));
		free(name);
		free(text);
	}
	free(write_file(dir, "f12", "set keep-days 1\n"));
	c = conf_new();
	p = xasprintf("%s/f0", dir);
	assert_int_equal(conf_load_file(c, p, 0), -1);
	assert_int_equal(conf_nerrors(c), 1);
	assert_non_null(strstr(conf_error(c, 0), "nested deeper"));
	assert_int_equal(conf_get_int(c, CONF_KEEP_DAYS), 0);
	free(p);
	conf_free(c);
	rm_tree(dir);
}

static void
test_themes(void **state)
{
	char tmpl[] = "/tmp/dl-conf-XXXXXX", *dir, *p;
	struct conf_style st;
	struct conf *c;

	(void)state;
	dir = mkdtemp(tmpl);
	assert_non_null(dir);
	free(write_file(dir, "night", "# night\ncolor body white black\n"
	    "color headline yellow black bold\n"));
	free(write_file(dir, "bad.theme", "color body white black\nset theme x\n"));

	setenv("DATELINE_THEMEDIR", dir, 1);
	c = parse("color headline red default\n", 0);
	assert_int_equal(conf_load_theme(c, "night"), 0);
	conf_style_get(c, ROLE_BODY, &st);
	assert_int_equal(st.fg, 7);
	assert_int_equal(st.bg, 0);
	/* the config's own color line wins over the theme */
	conf_style_get(c, ROLE_HEADLINE, &st);
	assert_int_equal(st.fg, 1);
	assert_int_equal(st.attrs, 0);

	/* NAME.theme is found too; a theme holds only color lines */
	assert_int_equal(conf_load_theme(c, "bad"), -1);
	assert_int_equal(conf_nerrors(c), 1);
	assert_non_null(strstr(conf_error(c, 0), "bad.theme:2: a theme has only 'color' lines"));
	conf_style_get(c, ROLE_BODY, &st);
	assert_int_equal(st.bg, 0);

	assert_int_equal(conf_load_theme(c, "nosuch"), -1);
	assert_non_null(strstr(conf_error(c, 1), "theme 'nosuch' not found"));
	assert_int_equal(conf_load_theme(c, "../etc"), -1);
	assert_int_equal(conf_load_theme(c, "default"), 0);	/* built in */
	p = xasprintf("%s/night", dir);
	assert_int_equal(conf_load_theme(c, p), 0);		/* a path */
	free(p);
	unsetenv("DATELINE_THEMEDIR");
	conf_free(c);
	rm_tree(dir);
}

static void
test_global_getters(void **state)
{
	struct conf *c;

	(void)state;
	/* before any config, the defaults */
	assert_int_equal(conf_int(CONF_MAX_PARALLEL), 16);
	assert_string_equal(conf_str(CONF_THEME), "default");
	c = parse("set max-parallel 3\nset theme mono\nset fulltext on\n", 0);
	conf_set_global(c);
	assert_ptr_equal(conf_global(), c);
	assert_int_equal(conf_int(CONF_MAX_PARALLEL), 3);
	assert_string_equal(conf_str(CONF_THEME), "mono");
	assert_true(conf_bool(CONF_FULLTEXT));
	conf_free(c);		/* also stops it being current */
	assert_int_equal(conf_int(CONF_MAX_PARALLEL), 16);
	conf_shutdown();
}

static void
test_conf_set(void **state)
{
	struct conf *c = conf_new();
	char *err = NULL;

	(void)state;
	assert_int_equal(conf_set(c, "theme", "light", &err), 0);
	assert_string_equal(conf_get_str(c, CONF_THEME), "light");
	assert_int_equal(conf_set(c, "them", "light", &err), -1);
	assert_non_null(strstr(err, "did you mean 'theme'"));
	free(err);
	assert_int_equal(conf_set(c, "max-per-host", "65", &err), -1);
	assert_non_null(strstr(err, "from 1 to 64"));
	free(err);
	assert_int_equal(conf_get_int(c, CONF_MAX_PER_HOST), 2);
	conf_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_consistent),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_set_every_type),
		cmocka_unit_test(test_set_errors),
		cmocka_unit_test(test_unknown_option_suggests),
		cmocka_unit_test(test_unknown_directive),
		cmocka_unit_test(test_quoting_and_comments),
		cmocka_unit_test(test_bad_bytes_and_long_lines),
		cmocka_unit_test(test_errors_do_not_stop_parsing),
		cmocka_unit_test(test_error_count_is_capped),
		cmocka_unit_test(test_bind_and_unbind),
		cmocka_unit_test(test_check_bindings),
		cmocka_unit_test(test_colors),
		cmocka_unit_test(test_color_lines),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_include_depth),
		cmocka_unit_test(test_themes),
		cmocka_unit_test(test_global_getters),
		cmocka_unit_test(test_conf_set),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
