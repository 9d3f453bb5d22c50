/*
 * Fuzz target for extract: any bytes as a web page.  Extraction must not
 * crash, leak or read out of bounds, and what it returns must be valid
 * UTF-8 without control characters other than newlines.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "story/extract.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_clean(const char *s)
{
	const unsigned char *c;

	if (!utf8_valid(s, strlen(s)))
		abort();
	for (c = (const unsigned char *)s; *c; c++)
		if ((*c < 0x20 && *c != '\n') || *c == 0x7F)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_result r;
	char *err = NULL;

	if (extract_article((const char *)data, size, "https://fuzz.example/a/b",
	    &r, &err) == 0) {
		check_clean(r.html);
		check_clean(r.text);
		check_clean(r.title);
		check_clean(r.byline);
		check_clean(r.image);
		check_clean(r.image_caption);
	} else
		free(err);
	extract_result_free(&r);
	return 0;
}
