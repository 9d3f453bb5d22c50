/* Unit tests for the reader's action table, key names, key map (through
 * the config parser), OSC 52 and the theme files. */
#include "config.h"

#include <curses.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/conf.h"
#include "ui/ui.h"
#include "util/util.h"

/* Bindings as the reader builds them: defaults, then the user's text. */
static void
load(struct ui_keymap *m, const char *user)
{
	char *def = ui_default_bindings(), *err = NULL;
	const char *texts[2] = { def, user };
	size_t i;
	int t;

	memset(m, 0, sizeof *m);
	for (t = 0; t < 2; t++) {
		struct conf *c = conf_new();

		if (texts[t] == NULL) {
			conf_free(c);
			continue;
		}
		assert_int_equal(conf_load_text(c, "test", texts[t], strlen(texts[t])), 0);
		for (i = 0; i < conf_nbindings(c); i++) {
			const struct conf_binding *b = conf_binding(c, i);
			int rc = b->action ? ui_keymap_bind(m, b->view, b->key, b->action, &err) :
			    ui_keymap_unbind(m, b->view, b->key, &err);

			if (rc != 0)
				fail_msg("%s: %s", b->key, err);
		}
		conf_free(c);
	}
	free(def);
}

static void
test_table_is_in_enum_order(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < ACT_COUNT; i++) {
		assert_int_equal(ui_actions[i].action, i);
		assert_int_equal(ui_action_from_name(ui_actions[i].name), i);
		assert_non_null(ui_actions[i].help);
	}
	assert_int_equal(ui_action_from_name("no-such-action"), -1);
	assert_int_equal(ui_view_from_name("story"), VIEW_STORY);
	assert_int_equal(ui_view_from_name("nope"), -1);
}

static void
test_default_keys(void **state)
{
	struct ui_keymap m;
	int i;

	(void)state;
	load(&m, NULL);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, 'j'), ACT_DOWN);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_STORY, UI_KEY_FN + KEY_DOWN), ACT_DOWN);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_HEADLINES, '\n'), ACT_OPEN);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_HEADLINES, 'l'), ACT_OPEN);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_STORY, 'q'), ACT_QUIT);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_STORY, 'Q'), ACT_QUIT_NOW);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_STORY, ' '), ACT_PAGE_DOWN);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_STORY, 'J'), ACT_NEXT_STORY);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, '/'), ACT_SEARCH);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, '?'), ACT_HELP);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, 'y'), ACT_COPY_LINK);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, 12), ACT_REDRAW);	/* ^L */
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, 'Z'), ACT_NONE);
	/* every action but "none" has a default key */
	for (i = 1; i < ACT_COUNT; i++) {
		char keys[64];

		ui_keymap_keys(&m, VIEW_HEADLINES, (enum ui_action)i, keys, sizeof keys);
		assert_true(keys[0] != '\0');
	}
}

static void
test_user_bindings(void **state)
{
	struct ui_keymap m;
	char keys[64];

	(void)state;
	load(&m, "bind x quit\n"
	    "bind story j next-story\n"
	    "unbind q\n"
	    "bind ^D page-down\n"
	    "bind F5 refresh-all\n"
	    "bind PgDn page-down\n");
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, 'x'), ACT_QUIT);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, 'q'), ACT_NONE);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_STORY, 'j'), ACT_NEXT_STORY);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, 'j'), ACT_DOWN);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, 4), ACT_PAGE_DOWN);
	assert_int_equal(ui_keymap_lookup(&m, VIEW_FEEDS, UI_KEY_FN + KEY_F(5)),
	    ACT_REFRESH_ALL);
	/* the help shows what a key does in that view */
	ui_keymap_keys(&m, VIEW_STORY, ACT_DOWN, keys, sizeof keys);
	assert_string_equal(keys, "Down");
	ui_keymap_keys(&m, VIEW_FEEDS, ACT_DOWN, keys, sizeof keys);
	assert_string_equal(keys, "j Down");
	ui_keymap_keys(&m, VIEW_FEEDS, ACT_QUIT, keys, sizeof keys);
	assert_string_equal(keys, "x");
}

static void
test_binding_errors(void **state)
{
	struct ui_keymap m;
	char *err = NULL;

	(void)state;
	memset(&m, 0, sizeof m);
	assert_int_equal(ui_keymap_bind(&m, NULL, "j", "jump", &err), -1);
	assert_non_null(strstr(err, "jump"));
	free(err);
	assert_int_equal(ui_keymap_bind(&m, "sidebar", "j", "down", &err), -1);
	assert_non_null(strstr(err, "sidebar"));
	free(err);
	assert_int_equal(ui_keymap_bind(&m, NULL, "NoSuchKey", "down", &err), -1);
	assert_non_null(strstr(err, "NoSuchKey"));
	free(err);
	assert_int_equal(m.n, 0);
}

static void
test_key_names(void **state)
{
	static const char *names[] = { "j", "J", "/", "Enter", "Space", "Up", "PgDn",
	    "End", "^L", "F12", "\xC3\xA9", "Backspace", "Tab" };
	char out[32];
	size_t i;

	(void)state;
	for (i = 0; i < DL_ARRAY_LEN(names); i++) {
		int k = ui_key_parse(names[i]);

		assert_true(k >= 0);
		ui_key_name(k, out, sizeof out);
		assert_int_equal(ui_key_parse(out), k);
	}
	assert_int_equal(ui_key_parse("C-d"), 4);
	assert_int_equal(ui_key_parse("PageDown"), ui_key_parse("PgDn"));
	assert_int_equal(ui_key_parse(""), -1);
	assert_int_equal(ui_key_parse("\x1b"), -1);	/* a raw control is no key name */
	assert_int_equal(ui_key_parse("F99"), -1);
}

static void
test_osc52(void **state)
{
	char *s;

	(void)state;
	s = ui_osc52("https://example.org/a");
	assert_string_equal(s, "\033]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy9h\a");
	free(s);
	s = ui_osc52("ab");
	assert_string_equal(s, "\033]52;c;YWI=\a");
	free(s);
	/* an escape in a feed's link never reaches the terminal */
	s = ui_osc52("x\033]0;pwned\ay");
	assert_string_equal(s, "\033]52;c;eF0wO3B3bmVkeQ==\a");	/* "x]0;pwnedy" */
	free(s);
}

static void
test_colors_reduce(void **state)
{
	(void)state;
	assert_int_equal(ui_color_reduce(CONF_COLOR_DEFAULT, 8), -1);
	assert_int_equal(ui_color_reduce(1, 8), 1);
	assert_int_equal(ui_color_reduce(9, 8), 1);		/* bright red: red */
	assert_int_equal(ui_color_reduce(9, 16), 9);
	assert_int_equal(ui_color_reduce(196, 256), 196);
	assert_int_equal(ui_color_reduce(196, 16), 9);		/* xterm red */
	assert_int_equal(ui_color_reduce(196, 8), 1);
	assert_int_equal(ui_color_reduce(CONF_COLOR_RGB(255, 0, 0), 256), 9);
	assert_int_equal(ui_color_reduce(CONF_COLOR_RGB(0, 0, 0), 8), 0);
	assert_int_equal(ui_color_reduce(CONF_COLOR_RGB(0x26, 0x8b, 0xd2), 256), 32);
	/* a direct-colour terminal takes the colour itself */
	assert_int_equal(ui_color_reduce(CONF_COLOR_RGB(0x26, 0x8b, 0xd2), 0x1000000),
	    0x268bd2);
	/* where values below 8 are the ANSI colours: palette colours go as
	 * their RGB (colour252 is not #0000fc), tiny RGBs as black */
	assert_int_equal(ui_color_reduce(1, 0x1000000), 1);
	assert_int_equal(ui_color_reduce(252, 0x1000000), 0xd0d0d0);
	assert_int_equal(ui_color_reduce(9, 0x1000000), 0xff0000);
	assert_int_equal(ui_color_reduce(CONF_COLOR_RGB(0, 0, 5), 0x1000000), 0);
	assert_int_equal(ui_color_reduce(250, 8), 7);		/* light grey: white */
}

static void
test_themes_load(void **state)
{
	static const char *themes[] = { "default", "light", "dark-256", "mono", "solarized" };
	const char *srcdir = getenv("srcdir");
	char *dir;
	size_t i;
	int r;

	(void)state;
	dir = xasprintf("%s/themes", srcdir ? srcdir : "..");
	setenv("DATELINE_THEMEDIR", dir, 1);
	for (i = 0; i < DL_ARRAY_LEN(themes); i++) {
		struct conf *c = conf_new();

		if (conf_load_theme(c, themes[i]) != 0)
			fail_msg("theme %s: %s", themes[i], conf_error(c, 0));
		assert_int_equal(conf_nerrors(c), 0);
		for (r = 0; r < ROLE_COUNT; r++) {
			struct conf_style st;

			conf_style_get(c, (enum role)r, &st);
			if (!st.set)
				fail_msg("theme %s leaves role %s unset", themes[i], role_names[r]);
		}
		conf_free(c);
	}
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_in_enum_order),
		cmocka_unit_test(test_default_keys),
		cmocka_unit_test(test_user_bindings),
		cmocka_unit_test(test_binding_errors),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_osc52),
		cmocka_unit_test(test_colors_reduce),
		cmocka_unit_test(test_themes_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
