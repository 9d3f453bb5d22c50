/* Unit tests for src/story/extract*: the scorer's parts, the pre-strip,
 * metadata, refusals, limits, and the time a 500 KB page takes. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "parse/parse.h"
#include "story/extract.h"
#include "util/util.h"

static const char para[] = "The council said on Monday that the new timetable, "
    "which was agreed after months of talks with unions, would take effect "
    "in the spring, and that fares would not rise this year.";

static void
test_hint_weight(void **state)
{
	(void)state;
	assert_int_equal(extract_hint_weight("article-body"), 25);
	assert_int_equal(extract_hint_weight("story__content"), 25);
	assert_int_equal(extract_hint_weight("artikel-inhalt"), 25);
	assert_int_equal(extract_hint_weight("cuerpo-noticia"), 25);
	assert_int_equal(extract_hint_weight("share-bar"), -25);
	assert_int_equal(extract_hint_weight("shareBar"), -25);
	assert_int_equal(extract_hint_weight("site-footer"), -25);
	assert_int_equal(extract_hint_weight("ad"), -25);
	/* "ad" is matched whole: these are not adverts */
	assert_int_equal(extract_hint_weight("download shadow heading"), 0);
	/* both kinds: they cancel out */
	assert_int_equal(extract_hint_weight("article-comments"), 0);
	assert_int_equal(extract_hint_weight(""), 0);
	assert_int_equal(extract_hint_weight(NULL), 0);
}

static void
test_hint_boilerplate(void **state)
{
	(void)state;
	assert_true(extract_hint_is_boilerplate("article-comments"));
	assert_true(extract_hint_is_boilerplate("readercomments"));
	assert_true(extract_hint_is_boilerplate("newsletter-signup"));
	assert_true(extract_hint_is_boilerplate("cookie-banner"));
	assert_true(extract_hint_is_boilerplate("werbung"));
	assert_true(extract_hint_is_boilerplate("noticias-relacionadas"));
	assert_true(extract_hint_is_boilerplate("more-stories"));
	assert_false(extract_hint_is_boilerplate("story-body"));
	assert_false(extract_hint_is_boilerplate("widget"));	/* only bad */
	assert_false(extract_hint_is_boilerplate("headline"));
}

static void
test_text_length_and_score(void **state)
{
	(void)state;
	assert_int_equal(extract_text_length("  a   b\n\tc  ", 12), 5);
	assert_int_equal(extract_text_length("\xC3\xA9t\xC3\xA9", 5), 3);
	assert_int_equal(extract_text_length("", 0), 0);
	assert_true(extract_text_score("too short, yes", 14) == 0);
	/* 1 + 2 commas + 1 (100-199 characters) */
	assert_true(extract_text_score(para, strlen(para)) == 1 + 3 + 1);
	/* the length bonus stops at 3 */
	char *big = xmalloc(2001);
	memset(big, 'x', 2000);
	big[2000] = '\0';
	assert_true(extract_text_score(big, 2000) == 1 + 3);
	free(big);
	/* CJK commas count */
	const char *cjk = "\xE5\xB8\x82\xE8\xAE\xAE\xE4\xBC\x9A\xEF\xBC\x8C"
	    "\xE4\xBB\x8A\xE5\xA4\xA9\xE3\x80\x81\xE6\x98\x8E\xE5\xA4\xA9\xE3\x80\x81"
	    "\xE5\x90\x8E\xE5\xA4\xA9\xE5\xBC\x80\xE4\xBC\x9A\xE8\xAE\xA8\xE8\xAE\xBA"
	    "\xE6\x96\xB0\xE7\x9A\x84\xE6\x97\xB6\xE5\x88\xBB\xE8\xA1\xA8"
	    "\xE5\x86\x8D\xE6\xAC\xA1\xE5\x86\x8D\xE6\xAC\xA1\xE3\x80\x82";
	assert_true(extract_text_score(cjk, strlen(cjk)) == 1 + 3);
}

static void
test_read_more(void **state)
{
	(void)state;
	assert_true(extract_is_read_more("Read more: the council's plan"));
	assert_true(extract_is_read_more("  READ MORE"));
	assert_true(extract_is_read_more("Lesen Sie auch: Streit um Windrad"));
	assert_true(extract_is_read_more("\xC2\xBB Lire aussi"));
	assert_true(extract_is_read_more("Related: Daytime routes"));
	assert_false(extract_is_read_more("Reading the report, she said"));
	assert_false(extract_is_read_more(""));
}

static void
test_strip_page(void **state)
{
	struct buf b = BUF_INIT;
	const char *in = "<p title=\"a <script> b\">x</p><script>var s = '<p>no</p>';"
	    "</script><!-- <p>comment</p> --><style>p{}</style>"
	    "<script type=\"application/ld+json\">{\"a\":1}</script>"
	    "<svg><path d='1'/></svg><SCRIPT>never()</SCRIPT >y<svg/>z";

	(void)state;
	extract_strip_page(in, strlen(in), &b);
	assert_string_equal(b.data, "<p title=\"a <script> b\">x</p>"
	    "<script type=\"application/ld+json\">{\"a\":1}</script>yz");
	buf_reset(&b);
	/* images inside <noscript> stay, other noscript text goes */
	in = "<noscript>Turn on JavaScript</noscript><noscript><img src=\"/r.jpg\">"
	    "</noscript>";
	extract_strip_page(in, strlen(in), &b);
	assert_string_equal(b.data, "<img src=\"/r.jpg\">");
	buf_reset(&b);
	/* unterminated: everything after the opening goes */
	extract_strip_page("a<script>b", 10, &b);
	assert_string_equal(b.data, "a");
	buf_reset(&b);
	extract_strip_page("a<!-- b", 7, &b);
	assert_string_equal(b.data, "a");
	buf_reset(&b);
	extract_strip_page("", 0, &b);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

/* A page with the article in one box and a link-heavy box beside it. */
static char *
page_with(const char *head, const char *article, const char *aside)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "<html><head>%s</head><body><div class=\"box1\">%s</div>"
	    "<div class=\"box2\">%s</div></body></html>", head, article, aside);
	return buf_detach(&b);
}

static void
test_best_candidate(void **state)
{
	struct extract_result r;
	struct buf art = BUF_INIT, side = BUF_INIT;
	char *err = NULL, *page;
	int i;

	(void)state;
	for (i = 0; i < 4; i++)
		buf_printf(&art, "<p>%s</p>", para);
	/* more text in the other box, but all of it links */
	for (i = 0; i < 12; i++)
		buf_printf(&side, "<p><a href=\"/x%d\">%s</a></p>", i, para);
	page = page_with("<title>T</title>", art.data, side.data);
	assert_int_equal(extract_article(page, strlen(page), "https://n.example/a/b",
	    &r, &err), 0);
	assert_non_null(strstr(r.html, "fares would not rise"));
	assert_null(strstr(r.html, "href"));
	assert_int_equal(r.source, EXTRACT_FROM_MARKUP);
	assert_true(r.words > 100);
	extract_result_free(&r);
	free(page);
	buf_free(&art);
	buf_free(&side);
}

static void
test_metadata_and_urls(void **state)
{
	struct extract_result r;
	struct buf art = BUF_INIT;
	char *err = NULL, *page;
	const char *head = "<title>Site title</title>"
	    "<meta property=\"og:title\" content=\"The headline\">"
	    "<meta property=\"og:image\" content=\"/img/lead.jpg\">"
	    "<meta property=\"og:image:alt\" content=\"The lead photo\">"
	    "<meta property=\"article:published_time\" content=\"2026-03-03T14:05:00Z\">"
	    "<meta name=\"author\" content=\"By Ana Lima\">"
	    "<link rel=\"canonical\" href=\"https://n.example/story\">";

	(void)state;
	buf_printf(&art, "<h1>The headline</h1><p>%s <a href=\"../more?a=1&amp;b=2\">"
	    "more</a> \x1b[31mred</p><p>%s</p><p>%s</p>", para, para, para);
	page = page_with(head, art.data, "");
	/* no base given: the canonical URL resolves links */
	assert_int_equal(extract_article(page, strlen(page), NULL, &r, &err), 0);
	assert_string_equal(r.title, "The headline");
	assert_string_equal(r.byline, "Ana Lima");
	assert_true(r.published == parse_date("2026-03-03T14:05:00Z"));
	assert_string_equal(r.image, "https://n.example/img/lead.jpg");
	assert_string_equal(r.image_caption, "The lead photo");
	assert_string_equal(r.url, "https://n.example/story");
	assert_non_null(strstr(r.html, "href=\"https://n.example/more?a=1&amp;b=2\""));
	/* the repeated headline is gone; the lead photo comes first */
	assert_null(strstr(r.html, "<h2>"));
	assert_memory_equal(r.html, "<figure><img src=\"https://n.example/img/lead.jpg\">", 48);
	assert_null(strchr(r.html, '\x1b'));
	assert_null(strchr(r.text, '\x1b'));
	extract_result_free(&r);
	free(page);
	buf_free(&art);
}

static void
test_jsonld(void **state)
{
	struct extract_result r;
	char *err = NULL;
	const char *page = "<html><head><script type=\"application/ld+json\">"
	    "[{\"@type\":\"WebSite\"},{\"@context\":\"https://schema.org\",\"@graph\":["
	    "{\"@type\":[\"Thing\",\"ReportageNewsArticle\"],\"headline\":\"H <1>\","
	    "\"datePublished\":\"2026-01-02T03:04:05Z\","
	    "\"author\":[{\"name\":\"A\"},{\"name\":\"B\"},\"C\"],"
	    "\"image\":[{\"url\":\"https://i.example/1.jpg\",\"caption\":\"Cap\"}],"
	    "\"articleBody\":\"First paragraph of the body, long enough to count.\\n\\n"
	    "Second <paragraph> & more.\"}]}]</script></head>"
	    "<body><div id=\"app\">Loading</div></body></html>";

	(void)state;
	assert_int_equal(extract_article(page, strlen(page), NULL, &r, &err), 0);
	assert_int_equal(r.source, EXTRACT_FROM_JSONLD);
	assert_string_equal(r.title, "H <1>");
	assert_string_equal(r.byline, "A, B and C");
	assert_true(r.published == parse_date("2026-01-02T03:04:05Z"));
	assert_string_equal(r.html, "<figure><img src=\"https://i.example/1.jpg\">"
	    "<figcaption>Cap</figcaption></figure>\n"
	    "<p>First paragraph of the body, long enough to count.</p>\n"
	    "<p>Second &lt;paragraph&gt; &amp; more.</p>\n");
	extract_result_free(&r);
}

/* The story split by an ad and a promo, text straight in a div with
 * <br><br> between paragraphs, a captioned photo in a plain div. */
static void
test_siblings_and_cleaning(void **state)
{
	struct extract_result r;
	struct buf b = BUF_INIT;
	char *err = NULL;

	(void)state;
	buf_printf(&b, "<html><body><div class=wrap>"
	    "<div class=part><p>%s</p><p>%s</p></div>"
	    "<div class=\"ad-slot\"><p>Advertisement</p></div>"
	    "<div class=part><p>Read more: <a href=\"/x\">Another story</a></p>"
	    "<p>%s</p></div>"
	    "<div class=photo><img src=\"/img/placeholder.gif\" data-x=1>"
	    "<noscript><img src=\"/p.jpg\"></noscript>"
	    "<div class=caption>The square at "
	    "dawn.</div><div class=photographer>Photo: A. Lens</div></div>"
	    "<div class=part>First line of soup, long enough to count here.<br><br>"
	    "Second line of soup, also long enough to count.</div>"
	    "</div><div class=\"related-links\"><ul><li><a href=\"/1\">One</a></li>"
	    "</ul></div></body></html>", para, para, para);
	assert_int_equal(extract_article(b.data, b.len, "https://n.example/", &r,
	    &err), 0);
	assert_null(strstr(r.html, "Advertisement"));
	assert_null(strstr(r.html, "Read more"));
	assert_null(strstr(r.html, "One"));
	assert_non_null(strstr(r.html, "<figure><img src=\"https://n.example/p.jpg\">"
	    "<figcaption>The square at dawn. <span class=\"credit\">Photo: A. Lens"
	    "</span></figcaption></figure>"));
	assert_non_null(strstr(r.html, "<p>First line of soup, long enough to count "
	    "here.</p>\n<p>Second line of soup, also long enough to count.</p>"));
	/* three story paragraphs, the two lines of soup */
	const char *p = r.html;
	int n = 0;
	while ((p = strstr(p, "<p>")) != NULL) {
		n++;
		p++;
	}
	assert_int_equal(n, 5);
	extract_result_free(&r);
	buf_free(&b);
}

static void
test_refusals(void **state)
{
	struct extract_result r;
	struct buf b = BUF_INIT;
	char *err = NULL;
	const char *login = "<html><body><h1>Sign in</h1><p>Subscribers only.</p>"
	    "<form><input type=password name=p><button>Go</button></form></body></html>";
	int i;

	(void)state;
	assert_int_equal(extract_article(login, strlen(login), NULL, &r, &err), -1);
	assert_string_equal(err, "no article found: the page looks like a login page");
	free(err);
	err = NULL;
	extract_result_free(&r);

	buf_adds(&b, "<html><body><div class=grid>");
	for (i = 0; i < 8; i++)
		buf_printf(&b, "<div><h3><a href=\"/s/%d\">Headline number %d of the "
		    "day</a></h3><p>%s</p></div>", i, i, para);
	buf_adds(&b, "</div></body></html>");
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &err), -1);
	assert_string_equal(err, "no article found: the page looks like an index page");
	free(err);
	err = NULL;
	extract_result_free(&r);

	/* the same linked headings in a long story that says it is one */
	buf_reset(&b);
	buf_adds(&b, "<html><head><meta property=\"og:type\" content=\"article\">"
	    "</head><body><article>");
	for (i = 0; i < 4; i++)
		buf_printf(&b, "<h2><a href=\"/s/%d\">App number %d</a></h2><p>%s</p>"
		    "<p>%s</p>", i, i, para, para);
	buf_adds(&b, "</article></body></html>");
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &err), 0);
	assert_non_null(strstr(r.html, "<h2><a href=\"/s/3\">App number 3</a></h2>"));
	extract_result_free(&r);

	assert_int_equal(extract_article("", 0, NULL, &r, &err), -1);
	assert_non_null(strstr(err, "no article found"));
	free(err);
	extract_result_free(&r);
	buf_free(&b);
}

static void
test_limits(void **state)
{
	struct extract_result r;
	struct buf b = BUF_INIT;
	char *err = NULL;
	int i;

	(void)state;
	/* nesting far deeper than we follow */
	for (i = 0; i < 20000; i++)
		buf_adds(&b, "<div>");
	buf_printf(&b, "<p>%s</p>", para);
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &err), -1);
	free(err);
	err = NULL;
	extract_result_free(&r);
	/* a page over the size limit is refused before parsing */
	assert_int_equal(extract_article("x", EXTRACT_MAX_PAGE + 1, NULL, &r, &err), -1);
	assert_non_null(strstr(err, "too large"));
	free(err);
	extract_result_free(&r);
	/* so is one whose markup, scripts cut, is over its own limit */
	buf_reset(&b);
	while (b.len <= EXTRACT_MAX_MARKUP)
		buf_adds(&b, "<b>bold</b>");
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &err), -1);
	assert_non_null(strstr(err, "too large"));
	free(err);
	err = NULL;
	extract_result_free(&r);
	/* fulltext: the HTML alone */
	buf_reset(&b);
	for (i = 0; i < 4; i++)
		buf_printf(&b, "<p>%s</p>", para);
	char *html = extract_fulltext(b.data, b.len, "https://n.example/", NULL, &err);
	assert_non_null(html);
	assert_memory_equal(html, "<p>The council said", 19);
	free(html);
	buf_free(&b);
}

/* A 500 KB page shaped like a real one: most bytes are scripts, styles,
 * JSON state, icons, menus and link lists around a 1,000-word story. */
static void
realistic_page(struct buf *b, size_t size)
{
	int i;

	buf_adds(b, "<!DOCTYPE html><html><head><title>T</title>");
	buf_adds(b, "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
	    "\"headline\":\"Bench\"}</script>");
	while (b->len < size * 3 / 10)
		buf_printf(b, "<script>function f%zu(a){return a.map(function(x)"
		    "{return x*%zu+\"<div>\";});}</script>\n", b->len, b->len);
	while (b->len < size * 4 / 10)
		buf_printf(b, "<style>.c%zu{margin:0 auto;padding:4px 8px}</style>\n", b->len);
	buf_adds(b, "</head><body><header><nav><ul>");
	for (i = 0; i < 300; i++)
		buf_printf(b, "<li class=\"menu-item\"><a href=\"/s/%d\">Section %d</a>"
		    "<svg viewBox=\"0 0 24 24\"><path d=\"M12 2L2 7l10 5 10-5-10-5z\"/>"
		    "</svg></li>", i, i);
	buf_adds(b, "</ul></nav></header><main><article><div class=\"story-body\">");
	for (i = 0; i < 30; i++)
		buf_printf(b, "<p>%s</p>\n<div class=\"ad-slot\"><script>ad(%d)</script>"
		    "</div>\n", para, i);
	buf_adds(b, "</div></article><section class=\"related\"><ul>");
	while (b->len < size - 2000)
		buf_printf(b, "<li class=\"teaser\"><a href=\"/story/%zu\"><img src="
		    "\"/t/%zu.jpg\" alt=\"\"><span>Another headline from the archive"
		    "</span></a></li>\n", b->len, b->len);
	buf_adds(b, "</ul></section></main><footer>Footer</footer></body></html>");
}

/* CPU time, so that other work on the machine counts less. */
static double
cpu_seconds(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
		return time_monotonic();
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
best_time(const struct buf *page, int runs)
{
	struct extract_result r;
	double best = 1e9, t;
	char *err = NULL;
	int i;

	for (i = 0; i < runs; i++) {
		t = cpu_seconds();
		assert_int_equal(extract_article(page->data, page->len, NULL, &r,
		    &err), 0);
		t = cpu_seconds() - t;
		if (t < best)
			best = t;
		extract_result_free(&r);
	}
	return best * 1000;
}

static void
test_speed_500k(void **state)
{
	struct buf page = BUF_INIT, text = BUF_INIT;
	double ms;

	(void)state;
	realistic_page(&page, 500 * 1024);
	ms = best_time(&page, 10);
	printf("# extract of a %zu-byte news-shaped page: %.2f ms CPU (best of 10)\n",
	    page.len, ms);
	/* generous: catches a blow-up, not a slow machine */
	assert_true(ms < 200);
	/* the worst case: 500 KB of running text, all of it kept */
	buf_adds(&text, "<html><body><article>");
	while (text.len < 500 * 1024)
		buf_printf(&text, "<p>%s</p>\n", para);
	buf_adds(&text, "</article></body></html>");
	ms = best_time(&text, 5);
	printf("# extract of a %zu-byte page of running text: %.2f ms CPU (best of 5)\n",
	    text.len, ms);
	assert_true(ms < 500);
	buf_free(&page);
	buf_free(&text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hint_weight),
		cmocka_unit_test(test_hint_boilerplate),
		cmocka_unit_test(test_text_length_and_score),
		cmocka_unit_test(test_read_more),
		cmocka_unit_test(test_strip_page),
		cmocka_unit_test(test_best_candidate),
		cmocka_unit_test(test_metadata_and_urls),
		cmocka_unit_test(test_jsonld),
		cmocka_unit_test(test_siblings_and_cleaning),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_speed_500k),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
