/* Fuzz target for parse: the whole feed parser, fed in chunks whose size
 * the first input byte chooses, so chunk boundaries fall everywhere. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
count(void *ctx, const struct feed *feed, const struct item *item)
{
	size_t *n = ctx;

	(void)feed;
	/* Touch every string, so a bad pointer shows up here. */
	*n += strlen(item->guid) + strlen(item->title) + strlen(item->link) +
	    strlen(item->author) + strlen(item->summary) + strlen(item->content);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_opts opts;
	struct parser *p;
	size_t chunk, off = 0, n = 0;
	const char *const *urls;

	if (size == 0)
		return 0;
	chunk = (size_t)data[0] % 64 + 1;
	memset(&opts, 0, sizeof opts);
	opts.url = "http://example.com/dir/feed.xml";
	opts.http_charset = data[0] & 0x80 ? "windows-1251" : NULL;
	opts.on_item = count;
	opts.ctx = &n;
	opts.max_field = 4096;
	p = parser_new(&opts);
	data++;
	size--;
	while (off < size) {
		size_t len = size - off < chunk ? size - off : chunk;

		if (parser_push(p, (const char *)data + off, len) != 0)
			break;
		off += len;
	}
	parser_finish(p);
	(void)parser_error(p);
	(void)parser_warnings(p);
	(void)parser_alternates(p, &urls);
	parser_free(p);
	return 0;
}
