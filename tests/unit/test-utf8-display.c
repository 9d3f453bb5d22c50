/*
 * Unit tests for the sanitiser's terminal rules (src/util/utf8.c): bidi
 * controls never pass; SANITISE_DISPLAY leaves only characters whose width
 * curses (the C library's wcwidth) and utf8_width agree on, for every code
 * point there is.
 */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>

#include "util/util.h"

static char *
display(const char *s)
{
	return utf8_sanitise(s, strlen(s), SANITISE_DISPLAY);
}

static void
test_bidi_controls_never_pass(void **state)
{
	/* RLO, LRE, PDF, LRI, RLI, FSI, PDI: gone even without DISPLAY */
	static const char bidi[] = "a\xE2\x80\xAE" "b\xE2\x80\xAA" "c\xE2\x80\xAC"
	    "d\xE2\x81\xA6" "e\xE2\x81\xA7" "f\xE2\x81\xA8" "g\xE2\x81\xA9" "h";
	static const char letters[] =
	    "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85";
	char *s;

	(void)state;
	s = utf8_sanitise(bidi, strlen(bidi), 0);
	assert_string_equal(s, "abcdefgh");
	free(s);
	/* Arabic and Hebrew letters stay */
	s = utf8_sanitise(letters, strlen(letters), 0);
	assert_string_equal(s, letters);
	free(s);
}

static void
test_display_drops_what_terminals_disagree_on(void **state)
{
	char *s;

	(void)state;
	/* family ZWJ sequence: three emoji */
	s = display("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7");
	assert_string_equal(s, "\xF0\x9F\x91\xA8\xF0\x9F\x91\xA9\xF0\x9F\x91\xA7");
	assert_int_equal(utf8_width(s, strlen(s)), 6);
	free(s);
	/* thumbs up with a skin tone: the plain thumb */
	s = display("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD!");
	assert_string_equal(s, "\xF0\x9F\x91\x8D!");
	free(s);
	/* heart with VS16: the narrow heart */
	s = display("\xE2\x9D\xA4\xEF\xB8\x8F");
	assert_string_equal(s, "\xE2\x9D\xA4");
	assert_int_equal(utf8_width(s, strlen(s)), 1);
	free(s);
	/* ZWSP, LRM, word joiner, BOM, a tag character */
	s = display("a\xE2\x80\x8B" "b\xE2\x80\x8E" "c\xE2\x81\xA0" "d\xEF\xBB\xBF" "e\xF3\xA0\x81\x81" "f");
	assert_string_equal(s, "abcdef");
	free(s);
	/* flags stay: two regional indicators */
	s = display("\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7");
	assert_string_equal(s, "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7");
	free(s);
}

static void
test_display_lone_marks(void **state)
{
	char *s;

	(void)state;
	/* marks at the start have nothing to sit on */
	s = display("\xCC\x81\xCC\x88x e\xCC\x81");
	assert_string_equal(s, "x e\xCC\x81");
	free(s);
	/* nor after a line break */
	s = utf8_sanitise("a\n\xCC\x81" "b", 5, SANITISE_DISPLAY | SANITISE_KEEP_NEWLINE);
	assert_string_equal(s, "a\nb");
	free(s);
	/* a mark after a space sits on the space */
	s = display("a \xCC\x81");
	assert_string_equal(s, "a \xCC\x81");
	free(s);
}

static void
test_display_unprintable_is_replacement(void **state)
{
	char *s;

	(void)state;
	/* U+0378 is unassigned, U+FFFF a noncharacter */
	s = display("a\xCD\xB8" "b\xEF\xBF\xBF" "c");
	assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
	free(s);
}

/* Every code point, on its own after a base letter: what DISPLAY leaves
 * has the width curses gives it (wcwidth, each character at least 0). */
static void
test_display_width_is_curses_width(void **state)
{
	uint32_t cp;
	size_t bad = 0;

	(void)state;
	for (cp = 0xA0; cp <= 0x10FFFF; cp++) {
		char in[8] = "a", *s;
		size_t i, len, ours;
		int n = utf8_encode(cp, in + 1), k, theirs = 0;
		uint32_t c;

		if (n == 0)
			continue;
		s = utf8_sanitise(in, (size_t)n + 1, SANITISE_DISPLAY);
		len = strlen(s);
		ours = utf8_width(s, len);
		for (i = 0; i < len; i += (size_t)k) {
			k = utf8_decode(s + i, len - i, &c);
			assert_true(k > 0);
			theirs += wcwidth((wchar_t)c) < 0 ? 0 : wcwidth((wchar_t)c);
		}
		if (ours != (size_t)theirs && bad++ < 10)
			print_message("U+%04X: ours %zu, wcwidth %d\n", (unsigned)cp, ours, theirs);
		free(s);
	}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bidi_controls_never_pass),
		cmocka_unit_test(test_display_drops_what_terminals_disagree_on),
		cmocka_unit_test(test_display_lone_marks),
		cmocka_unit_test(test_display_unprintable_is_replacement),
		cmocka_unit_test(test_display_width_is_curses_width),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL || MB_CUR_MAX < 2) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 77;
	}
	return cmocka_run_group_tests_name("utf8-display", tests, NULL, NULL);
}
