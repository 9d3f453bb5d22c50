/* Fuzz target: UTF-8 decoding, sanitising, width and truncation. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *clean = utf8_sanitise(s, size, SANITISE_KEEP_NEWLINE);
	size_t len = strlen(clean), cols, cut;
	char *nul = xstrndup(s, size), *cut_str;

	if (!utf8_valid(clean, len))
		abort();
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)clean[i] < 0x20 && clean[i] != '\n')
			abort();
	cut = utf8_prefix_for_width(clean, len, 7, &cols);
	if (cols > 7 || cut > len)
		abort();
	cut_str = utf8_truncate(nul, 5);
	if (utf8_width(cut_str, strlen(cut_str)) > 5)
		abort();
	free(cut_str);
	free(nul);
	free(clean);
	return 0;
}
