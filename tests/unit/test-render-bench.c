/*
 * Benchmark, not a test: time story_render on a 200 KB article at width
 * 80 (the target is under 5 ms), story_from_html on the same HTML, and
 * extract_article on a 500 KB web page (the target is under 20 ms), with
 * gumbo's parse of the same page alone for comparison (plain, and as
 * arena_gumbo_parse runs it: in an arena, long text runs kept out).
 *   make tests/unit/test-render-bench &&
 *     tests/unit/test-render-bench [ARTICLE [PAGE]]
 * Without ARTICLE the article is generated: paragraphs of English with
 * links, CJK and Cyrillic paragraphs, lists, a quote, a table and code.
 * Without PAGE the page is generated: 500 KB of the same running text in
 * an <article>, between a navigation bar and a footer (all text, the
 * hardest case for the parser).
 */
#include "config.h"

#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story/extract.h"
#include "story/story.h"
#include "util/arena.h"

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

static void
make_page(struct buf *b, size_t size)
{
	buf_adds(b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
	    "<title>Harbour | Bench</title></head><body><nav><ul>"
	    "<li><a href=\"/\">Home</a></li><li><a href=\"/w\">World</a></li>"
	    "</ul></nav><article><h1>Harbour</h1>");
	make_article(b, size - 400);
	buf_adds(b, "</article><footer><p>Bench Daily, <a href=\"/about\">"
	    "about us</a></p></footer></body></html>\n");
}

/* extract_article on a page; gumbo's parse alone for comparison. */
static void
bench_extract(const struct buf *page)
{
	double t0, ext[RUNS], gum[RUNS], are[RUNS];
	struct arena a;
	size_t used = 0;
	struct extract_result r;
	GumboOutput *g;
	size_t words = 0;
	char *err = NULL;
	int i;

	for (i = 0; i < RUNS; i++) {
		t0 = time_monotonic();
		if (extract_article(page->data, page->len,
		    "https://page.bench.invalid/world/harbour", &r, &err) != 0) {
			fprintf(stderr, "extract_article: %s\n", err);
			exit(1);
		}
		ext[i] = time_monotonic() - t0;
		words = r.words;
		extract_result_free(&r);
		t0 = time_monotonic();
		g = gumbo_parse_with_options(&kGumboDefaultOptions, page->data,
		    page->len);
		gumbo_destroy_output(&kGumboDefaultOptions, g);
		gum[i] = time_monotonic() - t0;
		t0 = time_monotonic();
		if (arena_gumbo_parse(&a, page->data, page->len) == NULL) {
			fprintf(stderr, "arena_gumbo_parse: the arena ran out\n");
			exit(1);
		}
		used = a.used;
		arena_release(&a);
		are[i] = time_monotonic() - t0;
	}
	qsort(ext, RUNS, sizeof *ext, cmp);
	qsort(gum, RUNS, sizeof *gum, cmp);
	qsort(are, RUNS, sizeof *are, cmp);
	printf("page: %zu bytes of HTML, %zu words extracted\n", page->len, words);
	printf("extract_article: median %.3f ms, min %.3f ms (%d runs)\n",
	    ext[RUNS / 2] * 1e3, ext[0] * 1e3, RUNS);
	printf("gumbo_parse:     median %.3f ms, min %.3f ms (the page alone, "
	    "default allocator)\n", gum[RUNS / 2] * 1e3, gum[0] * 1e3);
	printf("gumbo_parse:     median %.3f ms, min %.3f ms (arena_gumbo_parse: "
	    "text runs kept out, %.1f bytes of arena a byte of page)\n",
	    are[RUNS / 2] * 1e3, are[0] * 1e3, (double)used / (double)page->len);
}

int
main(int argc, char **argv)
{
	struct buf html = BUF_INIT, page = BUF_INIT;
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
	if (argc > 2) {
		if (file_read_all(argv[2], 64u << 20, &page, &err) != 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
	} else
		make_page(&page, 500 * 1024);
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
	bench_extract(&page);
	buf_free(&html);
	buf_free(&page);
	return 0;
}
