/*
 * Benchmark, not a test: time story_render on a 200 KB article at width
 * 80 (the target is under 5 ms), and story_from_html on the same HTML.
 *   make tests/unit/test-render-bench && tests/unit/test-render-bench [FILE]
 * Without FILE the article is generated: paragraphs of English with links,
 * CJK and Cyrillic paragraphs, lists, a quote, a table and code.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story/story.h"

#define RUNS	51

static void
make_article(struct buf *b, size_t size)
{
	static const char *const words[] = {
		"harbour", "ferry", "council", "said", "on", "Friday", "the", "a",
		"winter", "sailings", "islanders", "petition", "would", "double",
		"crew", "operator", "Port", "Ellen", "of", "and", "to", "in",
	};
	unsigned seed = 1;
	size_t n = 0, k;

	buf_adds(b, "<p>PORT ELLEN, Nov 27 (Dateline Wire) - The start.</p>");
	while (b->len < size) {
		switch (n++ % 10) {
		case 3:
			buf_adds(b, "<p>\xE6\xB8\xAF\xE5\x8F\xA3\xE6\xB8\xA1\xE8\xBD\xAE"
			    "\xE5\x86\xAC\xE5\xAD\xA3\xE5\xA2\x9E\xE5\x8A\xA0\xE7\x8F\xAD"
			    "\xE6\xAC\xA1\xEF\xBC\x8C\xE5\xB2\x9B\xE4\xB8\x8A\xE5\xB1\x85"
			    "\xE6\xB0\x91\xE8\x81\x94\xE5\x90\x8D\xE8\xA6\x81\xE6\xB1\x82"
			    "\xE3\x80\x82</p>");
			break;
		case 5:
			buf_adds(b, "<ul><li>First item of the list</li><li>Second item, "
			    "rather longer, that wraps onto another line at 80</li></ul>");
			break;
		case 7:
			buf_adds(b, "<blockquote><p>\xD0\xA0\xD0\xB5\xD1\x87\xD0\xBD\xD1\x8B"
			    "\xD0\xB5 \xD1\x82\xD1\x80\xD0\xB0\xD0\xBC\xD0\xB2\xD0\xB0\xD0"
			    "\xB8 \xD0\xB1\xD1\x83\xD0\xB4\xD1\x83\xD1\x82 \xD1\x85\xD0\xBE"
			    "\xD0\xB4\xD0\xB8\xD1\x82\xD1\x8C.</p></blockquote>");
			break;
		case 9:
			buf_adds(b, "<table><tr><th>Day</th><th>Time</th></tr><tr><td>"
			    "Monday</td><td>18:52</td></tr></table><pre>$ make check\n"
			    "PASS: 42</pre>");
			break;
		default:
			buf_adds(b, "<p>");
			for (k = 0; k < 60; k++) {
				seed = seed * 1103515245 + 12345;
				if (k % 17 == 16)
					buf_printf(b, "<a href=\"/n/%u\">%s</a> ", seed % 500,
					    words[(seed >> 8) % DL_ARRAY_LEN(words)]);
				else
					buf_printf(b, "%s ",
					    words[(seed >> 8) % DL_ARRAY_LEN(words)]);
			}
			buf_adds(b, "end.</p>\n");
			break;
		}
	}
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct buf html = BUF_INIT;
	struct story *st;
	struct story_lines *sl;
	double t0, render[RUNS], parse[RUNS];
	size_t lines = 0;
	char *err;
	int i;

	if (argc > 1) {
		if (file_read_all(argv[1], 64u << 20, &html, &err) != 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
	} else
		make_article(&html, 200 * 1024);
	for (i = 0; i < RUNS; i++) {
		t0 = time_monotonic();
		st = story_from_html(html.data, html.len,
		    "https://wire.dateline.example/a", "Bench");
		parse[i] = time_monotonic() - t0;
		t0 = time_monotonic();
		sl = story_render(st, 80);
		render[i] = time_monotonic() - t0;
		lines = sl->nlines;
		story_lines_free(sl);
		story_free(st);
	}
	qsort(render, RUNS, sizeof *render, cmp);
	qsort(parse, RUNS, sizeof *parse, cmp);
	printf("article: %zu bytes of HTML, %zu lines at width 80\n", html.len, lines);
	printf("story_render:    median %.3f ms, min %.3f ms (%d runs)\n",
	    render[RUNS / 2] * 1e3, render[0] * 1e3, RUNS);
	printf("story_from_html: median %.3f ms, min %.3f ms (gumbo + detectors)\n",
	    parse[RUNS / 2] * 1e3, parse[0] * 1e3);
	buf_free(&html);
	return 0;
}
