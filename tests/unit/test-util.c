/* Unit tests for src/util: allocation, buffers, UTF-8, widths, sanitising. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/util.h"

static void
test_buf_grows_and_formats(void **state)
{
	struct buf b = BUF_INIT;
	int i;

	(void)state;
	assert_string_equal(buf_str(&b), "");
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	assert_memory_equal(b.data, "0,1,2,", 6);
	buf_truncate(&b, 3);
	assert_string_equal(buf_str(&b), "0,1");
	buf_addc(&b, 'x');
	buf_adds(&b, "yz");
	assert_string_equal(b.data, "0,1xyz");
	char *s = buf_detach(&b);
	assert_null(b.data);
	assert_string_equal(s, "0,1xyz");
	free(s);
}

static void
test_xasprintf(void **state)
{
	char *s = xasprintf("%s-%03d", "a", 7);

	(void)state;
	assert_string_equal(s, "a-007");
	free(s);
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
}

static void
test_utf8_decode_valid(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2);	/* é */
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("\xE4\xB8\xAD", 3, &cp), 3);	/* 中 */
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);	/* 😀 */
	assert_int_equal(cp, 0x1F600);
}

static void
test_utf8_decode_rejects_invalid(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("\xC0\x80", 2, &cp), -1);		/* overlong NUL */
	assert_int_equal(utf8_decode("\xE0\x80\xAF", 3, &cp), -1);	/* overlong / */
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), -1);	/* surrogate */
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), -1);	/* > U+10FFFF */
	assert_int_equal(utf8_decode("\xE4\xB8", 2, &cp), -1);		/* truncated */
	assert_int_equal(utf8_decode("\x80", 1, &cp), -1);		/* lone continuation */
	assert_int_equal(utf8_decode("\xC3" "A", 2, &cp), -1);		/* bad continuation */
	assert_int_equal(utf8_decode("", 0, &cp), -1);
}

static void
test_utf8_encode_roundtrip(void **state)
{
	static const uint32_t cps[] = { 0x24, 0xA2, 0x939, 0x20AC, 0xD55C, 0x10348, 0x10FFFF };
	char out[4];
	uint32_t back;
	size_t i;

	(void)state;
	for (i = 0; i < DL_ARRAY_LEN(cps); i++) {
		int n = utf8_encode(cps[i], out);

		assert_true(n > 0);
		assert_int_equal(utf8_decode(out, (size_t)n, &back), n);
		assert_int_equal(back, cps[i]);
	}
	assert_int_equal(utf8_encode(0xD800, out), 0);
	assert_int_equal(utf8_encode(0x110000, out), 0);
}

static void
test_width_of_scripts(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("hello", 5), 5);
	assert_int_equal(utf8_width("\xE4\xB8\xAD\xE6\x96\x87", 6), 4);	/* 中文 */
	assert_int_equal(utf8_width("\xED\x95\x9C", 3), 2);		/* 한 */
	assert_int_equal(utf8_width("\xE3\x81\x8B", 3), 2);		/* か */
	assert_int_equal(utf8_width("\xEF\xBC\xA1", 3), 2);		/* fullwidth Ａ */
	assert_int_equal(utf8_width("\xF0\x9F\x98\x80", 4), 2);		/* 😀 */
	assert_int_equal(utf8_width("\xF0\x9F\xA6\x80", 4), 2);		/* 🦀 */
	assert_int_equal(utf8_width("e\xCC\x81", 3), 1);		/* e + combining acute */
	assert_int_equal(utf8_width("\xD0\x9F\xD1\x80\xD0\xB8", 6), 3);	/* При */
	assert_int_equal(utf8_width("\xD7\xA9\xD7\x9C", 4), 2);		/* Hebrew של */
	assert_int_equal(utf8_width("a\xE2\x80\x8B" "b", 5), 2);		/* zero-width space */
	assert_int_equal(utf8_cp_width(0x1B), -1);
	assert_int_equal(utf8_cp_width(0x9B), -1);
}

static void
test_prefix_never_splits_wide(void **state)
{
	const char *s = "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97";	/* 中文字: 6 cols */
	size_t cols;

	(void)state;
	assert_int_equal(utf8_prefix_for_width(s, strlen(s), 3, &cols), 3);
	assert_int_equal(cols, 2);
	assert_int_equal(utf8_prefix_for_width(s, strlen(s), 4, &cols), 6);
	assert_int_equal(cols, 4);
	/* a combining mark stays with its base */
	assert_int_equal(utf8_prefix_for_width("e\xCC\x81x", 4, 1, &cols), 3);
}

static void
test_truncate_with_ellipsis(void **state)
{
	char *s;

	(void)state;
	s = utf8_truncate("Headline text", 8);
	assert_string_equal(s, "Headlin\xE2\x80\xA6");
	assert_int_equal(utf8_width(s, strlen(s)), 8);
	free(s);
	s = utf8_truncate("\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97", 5);	/* 中文… */
	assert_string_equal(s, "\xE4\xB8\xAD\xE6\x96\x87\xE2\x80\xA6");
	free(s);
	s = utf8_truncate("short", 8);
	assert_string_equal(s, "short");
	free(s);
}

static void
test_sanitise_strips_escapes(void **state)
{
	/* ESC [ 2 J, a C1 CSI (U+009B) and a bell must never reach a terminal */
	const char in[] = "A\x1b[2JB\xC2\x9B" "31mC\x07" "D";
	char *s;

	(void)state;
	s = utf8_sanitise(in, sizeof in - 1, 0);
	assert_string_equal(s, "A[2JB31mCD");
	free(s);
	s = utf8_sanitise("a\tb\nc\rd", 7, 0);
	assert_string_equal(s, "abcd");
	free(s);
	s = utf8_sanitise("a\tb\nc\rd", 7, SANITISE_KEEP_NEWLINE | SANITISE_TAB_TO_SPACE);
	assert_string_equal(s, "a b\nc d");
	free(s);
}

static void
test_sanitise_replaces_invalid(void **state)
{
	char *s;

	(void)state;
	s = utf8_sanitise("a\xFF" "b\xC3", 4, 0);
	assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	assert_true(utf8_valid(s, strlen(s)));
	free(s);
	s = utf8_sanitise("\xED\xA0\x80", 3, 0);	/* surrogate: 3 bad bytes */
	assert_string_equal(s, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	free(s);
	/* valid text of every script passes through unchanged */
	{
		const char *mixed = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xE4\xB8\xAD \xF0\x9F\x98\x80";

		s = utf8_sanitise(mixed, strlen(mixed), 0);
		assert_string_equal(s, mixed);
	}
	free(s);
}

static void
test_time_helpers(void **state)
{
	char iso[21];

	(void)state;
	assert_int_equal(time_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(time_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(time_days_from_civil(1969, 12, 31), -1);
	time_format_iso(1700000000, iso);
	assert_string_equal(iso, "2023-11-14T22:13:20Z");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_formats),
		cmocka_unit_test(test_xasprintf),
		cmocka_unit_test(test_utf8_decode_valid),
		cmocka_unit_test(test_utf8_decode_rejects_invalid),
		cmocka_unit_test(test_utf8_encode_roundtrip),
		cmocka_unit_test(test_width_of_scripts),
		cmocka_unit_test(test_prefix_never_splits_wide),
		cmocka_unit_test(test_truncate_with_ellipsis),
		cmocka_unit_test(test_sanitise_strips_escapes),
		cmocka_unit_test(test_sanitise_replaces_invalid),
		cmocka_unit_test(test_time_helpers),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
