/* Unit tests for story_render: wrapping by display columns (wide,
 * combining, emoji), break rules, roles of spans, sanitised output. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "story/story.h"

static char *
line_text(const struct rline *l)
{
	struct buf b = BUF_INIT;
	size_t k;

	for (k = 0; k < l->nspans; k++)
		buf_adds(&b, l->spans[k].text);
	return b.data != NULL ? buf_detach(&b) : xstrdup("");
}

/* Every line: no wider than width, width field right, clean text. */
static void
check_lines(const struct story_lines *sl, size_t width)
{
	size_t i, k;
	char *t;

	for (i = 0; i < sl->nlines; i++) {
		t = line_text(&sl->lines[i]);
		assert_int_equal(utf8_width(t, strlen(t)), sl->lines[i].width);
		if (sl->lines[i].width > width)
			fail_msg("line %zu is %zu columns wide: %s", i,
			    sl->lines[i].width, t);
		assert_true(utf8_valid(t, strlen(t)));
		for (k = 0; t[k] != '\0'; k++)
			assert_true((unsigned char)t[k] >= 0x20 && t[k] != 0x7f);
		free(t);
		for (k = 0; k < sl->lines[i].nspans; k++)
			assert_true(sl->lines[i].spans[k].text[0] != '\0');
	}
}

/* The body lines (after the headline, its blank line skipped). */
static struct story_lines *
render_html(const char *html, int width, struct story **stp)
{
	struct story *st = story_from_html(html, strlen(html), NULL, "H");
	struct story_lines *sl = story_render(st, width);

	check_lines(sl, (size_t)width);
	*stp = st;
	return sl;
}

static void
assert_line(const struct story_lines *sl, size_t i, const char *expected)
{
	char *t;

	assert_true(i < sl->nlines);
	t = line_text(&sl->lines[i]);
	assert_string_equal(t, expected);
	free(t);
}

static void
test_wrap_at_spaces(void **state)
{
	struct story *st;
	struct story_lines *sl;

	(void)state;
	sl = render_html("<p>The quick brown fox jumps over the lazy dog.</p>",
	    15, &st);
	assert_line(sl, 0, "H");
	assert_line(sl, 1, "");
	assert_line(sl, 2, "The quick brown");
	assert_line(sl, 3, "fox jumps over");
	assert_line(sl, 4, "the lazy dog.");
	assert_int_equal(sl->nlines, 5);
	story_lines_free(sl);
	story_free(st);
}

static void
test_long_word_is_cut(void **state)
{
	struct story *st;
	struct story_lines *sl;

	(void)state;
	sl = render_html("<p>a Pneumonoultramicroscopic b</p>", 10, &st);
	assert_line(sl, 2, "a");
	assert_line(sl, 3, "Pneumonoul");
	assert_line(sl, 4, "tramicrosc");
	assert_line(sl, 5, "opic b");
	story_lines_free(sl);
	story_free(st);
}

static void
test_wrap_cjk(void **state)
{
	struct story *st;
	struct story_lines *sl;

	(void)state;
	/* 12 wide characters at width 10: five a line; "。" may not start
	 * a line, so the break comes before the character in front of it. */
	sl = render_html("<p>\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAF\xE6\x99\xB4\xE3"
	    "\x82\x8C\xE3\x80\x82\xE6\xB8\xAF\xE3\x81\xAF\xE9\x9D\x99\xE3\x81\x8B"
	    "\xE3\x80\x82</p>", 10, &st);
	/* 東京は晴れ。港は静か。 */
	assert_line(sl, 2, "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAF\xE6\x99\xB4");
	assert_line(sl, 3, "\xE3\x82\x8C\xE3\x80\x82\xE6\xB8\xAF\xE3\x81\xAF"
	    "\xE9\x9D\x99");
	assert_line(sl, 4, "\xE3\x81\x8B\xE3\x80\x82");
	assert_int_equal(sl->lines[2].width, 8);
	assert_int_equal(sl->lines[3].width, 10);
	story_lines_free(sl);
	story_free(st);
}

static void
test_break_rules(void **state)
{
	struct story *st;
	struct story_lines *sl;

	(void)state;
	/* A dash never starts a line: it stays with the word before. */
	sl = render_html("<p>aaaa bbbb ccc \xE2\x80\x94 dd</p>", 14, &st);
	assert_line(sl, 2, "aaaa bbbb");
	assert_line(sl, 3, "ccc \xE2\x80\x94 dd");
	story_lines_free(sl);
	story_free(st);
	/* Korean breaks at its spaces, not inside a word. */
	sl = render_html("<p>\xEC\x96\xB4\xEC\x8B\x9C\xEC\x9E\xA5 "
	    "\xEC\x83\x88\xEB\xB2\xBD \xEC\x98\x81\xEC\x97\x85</p>", 10, &st);
	assert_line(sl, 2, "\xEC\x96\xB4\xEC\x8B\x9C\xEC\x9E\xA5");	/* 어시장 */
	assert_line(sl, 3, "\xEC\x83\x88\xEB\xB2\xBD \xEC\x98\x81\xEC\x97\x85");
	story_lines_free(sl);
	story_free(st);
	/* No-break spaces hold words together. */
	sl = render_html("<p>aaaaa 10&nbsp;km bbbb</p>", 10, &st);
	assert_line(sl, 2, "aaaaa");
	assert_line(sl, 3, "10\xC2\xA0km bbbb");
	story_lines_free(sl);
	story_free(st);
}

static void
test_combining_and_emoji(void **state)
{
	struct story *st;
	struct story_lines *sl;

	(void)state;
	/* "cafe\u0301" is 4 columns; the emoji is 2. */
	sl = render_html("<p>cafe\xCC\x81 cafe\xCC\x81 \xF0\x9F\x9A\xA2\xF0\x9F"
	    "\x9A\xA2 end</p>", 10, &st);
	assert_line(sl, 2, "cafe\xCC\x81 cafe\xCC\x81");
	assert_int_equal(sl->lines[2].width, 9);
	assert_line(sl, 3, "\xF0\x9F\x9A\xA2\xF0\x9F\x9A\xA2 end");
	assert_int_equal(sl->lines[3].width, 8);
	story_lines_free(sl);
	story_free(st);
}

static void
test_rtl_passes_through(void **state)
{
	struct story *st;
	struct story_lines *sl;
	const char *hebrew = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D "
	    "\xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D";	/* שלום עולם */

	(void)state;
	sl = render_html("<p dir=\"rtl\">\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D "
	    "\xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D</p>", 40, &st);
	assert_line(sl, 2, hebrew);
	story_lines_free(sl);
	story_free(st);
}

static void
test_roles(void **state)
{
	struct story *st;
	struct story_lines *sl;
	const struct rline *l;

	(void)state;
	sl = render_html("<p>LONDON (Reuters) - Prices <a href=\"https://a.example/\">"
	    "rose</a>.</p><p>(Reporting by Jane Roe; Editing by Sam Poe)</p>",
	    80, &st);
	l = &sl->lines[2];
	assert_int_equal(l->nspans, 4);
	assert_int_equal(l->spans[0].role, ROLE_DATELINE);
	assert_string_equal(l->spans[0].text, "LONDON (Reuters) \xE2\x80\x94 ");
	assert_int_equal(l->spans[1].role, ROLE_BODY);
	assert_string_equal(l->spans[1].text, "Prices rose");
	assert_int_equal(l->spans[2].role, ROLE_LINK_REF);
	assert_string_equal(l->spans[2].text, "[1]");
	assert_int_equal(l->spans[3].role, ROLE_BODY);
	assert_int_equal(sl->lines[4].spans[0].role, ROLE_CREDITS);
	assert_line(sl, 6, "[1] https://a.example/");
	assert_int_equal(sl->lines[6].spans[0].role, ROLE_LINK_LIST);
	assert_int_equal(sl->nlines, 7);
	story_lines_free(sl);
	story_free(st);
}

static void
test_blocks_layout(void **state)
{
	struct story *st;
	struct story_lines *sl;

	(void)state;
	sl = render_html("<ul><li>alpha beta gamma</li></ul><ol><li>one</li></ol>"
	    "<blockquote>said the quiet man</blockquote>"
	    "<table><tr><th>Port</th><th>Sailings</th></tr>"
	    "<tr><td>Ellen</td><td>14</td></tr></table>"
	    "<pre>x\ty</pre>", 16, &st);
	/* Items of lists that follow each other stay together. */
	assert_line(sl, 2, "\xE2\x80\xA2 alpha beta");
	assert_line(sl, 3, "  gamma");
	assert_line(sl, 4, "1. one");
	assert_line(sl, 6, "\xE2\x94\x82 said the quiet");
	assert_line(sl, 7, "\xE2\x94\x82 man");
	assert_int_equal(sl->lines[7].spans[0].role, ROLE_QUOTE);
	assert_line(sl, 9, "Port  \xE2\x94\x82 Sailings");
	assert_int_equal(sl->lines[9].spans[0].role, ROLE_HEADING);
	assert_line(sl, 10, "Ellen \xE2\x94\x82 14");
	assert_line(sl, 12, "  x       y");
	assert_int_equal(sl->lines[12].spans[1].role, ROLE_CODE);
	story_lines_free(sl);
	story_free(st);
	/* Too wide for aligned columns: each row wraps as a line of cells. */
	sl = render_html("<table><tr><th>Port</th><th>Sailings</th></tr></table>",
	    12, &st);
	assert_line(sl, 2, "Port \xE2\x94\x82");
	assert_line(sl, 3, "Sailings");
	story_lines_free(sl);
	story_free(st);
}

static void
test_head_and_captions(void **state)
{
	struct media m = { "https://i.example/a.jpg", "image", "Gulls.",
	    "J. Roe", 0, 0 };
	struct item item;
	struct story *st;
	struct story_lines *sl;

	(void)state;
	memset(&item, 0, sizeof item);
	item.title = "Gulls return";
	item.link = "https://w.example/g";
	item.author = "";
	item.summary = "";
	item.content = "<p>Gulls came back.</p>";
	item.published = 1795757640;	/* 2026-11-27 05:34 UTC */
	item.updated = DL_TIME_NONE;
	item.media = &m;
	item.nmedia = 1;
	st = story_from_item(&item, "Wire");
	sl = story_render(st, 40);
	check_lines(sl, 40);
	assert_line(sl, 0, "Gulls return");
	assert_int_equal(sl->lines[0].spans[0].role, ROLE_HEADLINE);
	assert_line(sl, 1, "Wire \xC2\xB7 2026-11-27 05:34 UTC");
	assert_int_equal(sl->lines[1].spans[0].role, ROLE_META);
	assert_line(sl, 2, "https://w.example/g");
	assert_line(sl, 4, "  Gulls. (J. Roe)");
	assert_int_equal(sl->lines[4].spans[1].role, ROLE_CAPTION);
	assert_int_equal(sl->lines[4].spans[2].role, ROLE_CREDIT);
	assert_line(sl, 6, "Gulls came back.");
	story_lines_free(sl);
	story_free(st);
}

/* Any width from 10 to 120 keeps every invariant on mixed text. */
static void
test_all_widths(void **state)
{
	const char *html = "<h1>Title of it all</h1><p>Mixed \xE4\xB8\xAD\xE6\x96"
	    "\x87\xE6\xB7\xB7\xE6\x8E\x92 text with a verylongwordthatneverends "
	    "and \xD0\x9A\xD0\xB8\xD1\x80\xD0\xB8\xD0\xBB\xD0\xBB\xD0\xB8\xD1\x86"
	    "\xD0\xB0 too.</p><ul><li><ul><li><ul><li>deep item text</li></ul>"
	    "</li></ul></li></ul><pre>\t\ttabs and a long long long line</pre>";
	struct story *st = story_from_html(html, strlen(html), NULL, "H");
	struct story_lines *sl;
	struct buf deep = BUF_INIT;
	int w, i;

	(void)state;
	for (w = 10; w <= 120; w++) {
		sl = story_render(st, w);
		check_lines(sl, (size_t)w);
		story_lines_free(sl);
	}
	story_free(st);
	/* Nesting deeper than the line is wide (found by the fuzzer). */
	for (i = 0; i < 40; i++)
		buf_adds(&deep, "<blockquote><ol start=\"99999\"><li>");
	buf_adds(&deep, "words in the deepest item");
	st = story_from_html(deep.data, deep.len, NULL, "H");
	for (w = 10; w <= 40; w++) {
		sl = story_render(st, w);
		check_lines(sl, (size_t)w);
		story_lines_free(sl);
	}
	story_free(st);
	buf_free(&deep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_at_spaces),
		cmocka_unit_test(test_long_word_is_cut),
		cmocka_unit_test(test_wrap_cjk),
		cmocka_unit_test(test_break_rules),
		cmocka_unit_test(test_combining_and_emoji),
		cmocka_unit_test(test_rtl_passes_through),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_blocks_layout),
		cmocka_unit_test(test_head_and_captions),
		cmocka_unit_test(test_all_widths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
