/* Fuzz target for the date parser and the URL resolver of parse. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parse.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size), *half, *url;
	int64_t t;

	t = parse_date(s);
	if (t != DL_TIME_NONE && (t < -62135596800LL || t > 253402300800LL))
		abort();	/* outside years 1-9999: a bug */
	half = s + strlen(s) / 2;
	url = parse_url_resolve(s, half);
	free(url);
	url = parse_url_resolve("http://a/b/c/d;p?q", s);
	free(url);
	free(s);
	return 0;
}
