/*
 * Fuzz target for story: bytes as an item's HTML, made into a story and
 * rendered at a narrow and a wide width.  Every rendered line must be
 * valid UTF-8 with no control character and no wider than the width; a
 * broken promise aborts, so the fuzzer reports it.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "story/story.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const struct story_lines *sl, size_t width)
{
	size_t i, k, cols;
	const char *t;

	for (i = 0; i < sl->nlines; i++) {
		cols = 0;
		for (k = 0; k < sl->lines[i].nspans; k++) {
			t = sl->lines[i].spans[k].text;
			if (!utf8_valid(t, strlen(t)))
				abort();
			for (; *t != '\0'; t++)
				if ((unsigned char)*t < 0x20 || *t == 0x7f)
					abort();
			t = sl->lines[i].spans[k].text;
			cols += utf8_width(t, strlen(t));
		}
		if (cols != sl->lines[i].width || cols > width)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = { 10, 37, 80 };
	struct story_lines *sl;
	struct story *st;
	struct buf json = BUF_INIT;
	char *plain;
	size_t i;

	st = story_from_html((const char *)data, size, "https://f.example/a/b",
	    "Fuzz");
	for (i = 0; i < DL_ARRAY_LEN(widths); i++) {
		sl = story_render(st, widths[i]);
		check(sl, (size_t)widths[i]);
		story_lines_free(sl);
	}
	plain = story_plain_text(st);
	if (!utf8_valid(plain, strlen(plain)))
		abort();
	free(plain);
	story_fields_json(st, &json);
	buf_free(&json);
	story_free(st);
	return 0;
}
