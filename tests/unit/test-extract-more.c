/* Unit tests: the arena (util/arena.c) and gumbo parsed inside one; the
 * pages of one article (extract-next.c); a page's charset
 * (extract-charset.c); bylines found in the page and hidden elements. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <gumbo.h>

#include "story/extract.h"
#include "story/story.h"
#include "util/arena.h"
#include "util/util.h"

static void
test_alloc_limit_free(void **state)
{
	struct arena a;
	char *p, *q, *r;
	size_t i;

	(void)state;
	arena_init(&a, 1000, 0);
	p = arena_alloc(&a, 10);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % 8, 0);
	memset(p, 'x', 10);
	q = arena_alloc(&a, 1);
	assert_non_null(q);
	assert_true(q >= p + 10);
	assert_int_equal((uintptr_t)q % 8, 0);
	/* the latest piece comes back; an older one does not */
	i = a.used;
	arena_free(&a, p);
	assert_int_equal(a.used, i);
	arena_free(&a, q);
	assert_true(a.used < i);
	r = arena_alloc(&a, 1);
	assert_ptr_equal(r, q);
	/* past the limit: NULL, and what was handed out stays */
	assert_null(arena_alloc(&a, 2000));
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX - 3));
	for (i = 0; i < 200 && arena_alloc(&a, 16) != NULL; i++)
		;
	assert_true(i < 200);
	assert_true(a.used <= 1000);
	assert_memory_equal(p, "xxxxxxxxxx", 10);
	arena_release(&a);
	assert_int_equal(a.used, 0);
	/* usable again after the release; a piece bigger than a block */
	arena_init(&a, 8u << 20, 0);
	p = arena_alloc(&a, 1u << 20);
	assert_non_null(p);
	memset(p, 0, 1u << 20);
	assert_non_null(arena_alloc(&a, 100));
	arena_release(&a);
}

static void
test_longjmp_when_full(void **state)
{
	struct arena a;
	jmp_buf env;
	volatile int n = 0;

	(void)state;
	arena_init(&a, 4096, 0);
	a.fail = &env;
	if (setjmp(env) == 0) {
		for (;;) {
			arena_alloc(&a, 100);
			n++;
		}
	}
	assert_true(n > 0 && n <= 4096 / 100);
	a.fail = NULL;
	arena_release(&a);
}

static void
test_gumbo_in_arena(void **state)
{
	static const char page[] = "<p class=x>One <b>two</b></p><p>three";
	struct arena a;
	GumboOutput *g;
	GumboNode *body, *p;

	(void)state;
	g = arena_gumbo_parse(&a, page, sizeof page - 1);
	assert_non_null(g);
	assert_true(a.used > 0);
	assert_true(a.used <= ARENA_GUMBO_LIMIT(sizeof page - 1));
	body = g->root->v.element.children.data[1];
	assert_int_equal(body->v.element.tag, GUMBO_TAG_BODY);
	assert_int_equal(body->v.element.children.length, 2);
	p = body->v.element.children.data[0];
	assert_string_equal(gumbo_get_attribute(&p->v.element.attributes,
	    "class")->value, "x");
	arena_release(&a);
}

/* Formatting elements left open are reopened in every paragraph: the
 * tree grows with (open elements) x (paragraphs), far past the arena's
 * limit for the page's size.  Refused, not parsed into all the memory. */
static void
quadratic_page(struct buf *b)
{
	int i;

	buf_adds(b, "<html><body><p>");
	for (i = 0; i < 3000; i++)
		buf_printf(b, "<b id=%d>", i);
	for (i = 0; i < 3000; i++)
		buf_adds(b, "</p><p>x");
}

static void
test_limit_refuses_quadratic_page(void **state)
{
	struct buf b = BUF_INIT;
	struct extract_result r;
	struct arena a;
	struct story *st;
	struct story_source src;
	char *err = NULL;

	(void)state;
	quadratic_page(&b);
	assert_null(arena_gumbo_parse(&a, b.data, b.len));
	assert_null(a.blocks);
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "too large"));
	free(err);
	extract_result_free(&r);
	/* the story module gives up on the same markup without a crash */
	memset(&src, 0, sizeof src);
	src.title = "T";
	src.html = b.data;
	src.html_len = b.len;
	st = story_new(&src);
	assert_non_null(st);
	story_free(st);
	buf_free(&b);
}

/* A tree as text: types, tags, attributes, text. */
static void
dump(const GumboNode *n, struct buf *o, int depth)
{
	const GumboVector *kids = NULL;
	size_t i;

	if (depth > 600)
		return;
	switch (n->type) {
	case GUMBO_NODE_DOCUMENT:
		kids = &n->v.document.children;
		buf_adds(o, "#document\n");
		break;
	case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE:
		kids = &n->v.element.children;
		buf_printf(o, "<%d %d", n->v.element.tag, n->v.element.tag_namespace);
		for (i = 0; i < n->v.element.attributes.length; i++) {
			GumboAttribute *at = n->v.element.attributes.data[i];

			buf_printf(o, " %s=%s", at->name, at->value);
		}
		buf_adds(o, ">\n");
		break;
	default:
		buf_printf(o, "%d[%s]\n", n->type, n->v.text.text);
		return;
	}
	for (i = 0; i < kids->length; i++)
		dump(kids->data[i], o, depth + 1);
	buf_adds(o, "</>\n");
}

/* arena_gumbo_parse (text runs out of gumbo's way) builds the tree gumbo
 * builds from the page itself. */
static int
same_tree(const char *page, size_t len)
{
	GumboOptions opts = kGumboDefaultOptions;
	struct buf x = BUF_INIT, y = BUF_INIT;
	struct arena a;
	GumboOutput *g;
	int same;

	if ((g = arena_gumbo_parse(&a, page, len)) == NULL)
		return 0;
	dump(g->document, &x, 0);
	arena_release(&a);
	opts.max_errors = 0;
	g = gumbo_parse_with_options(&opts, page, len);
	dump(g->document, &y, 0);
	gumbo_destroy_output(&opts, g);
	same = x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
	if (!same)
		print_message("differs: %.*s\n", (int)(len > 300 ? 300 : len), page);
	buf_free(&x);
	buf_free(&y);
	return same;
}

#define LONG "The harbour master said the fees would rise, slowly, over " \
	"three winters."

static void
test_fast_text_same_tree(void **state)
{
	static const char *const pages[] = {
		"<table>" LONG "<tr><td>" LONG "</td></tr>  " LONG "  </table>",
		"<pre>\n" LONG "\n\n   " LONG "</pre><textarea>\n" LONG "</textarea>",
		"<p>" LONG " &amp; " LONG " &copy " LONG " &#169; &#x41;" LONG "</p>",
		"<title>" LONG " <b>x</b> " LONG "</title><body>" LONG,
		"<script>var s = '" LONG " </b> ';</script><p>" LONG "</p>",
		"<a title=\"" LONG " > " LONG "\" href='x>y'>" LONG "</a>",
		"<!-- " LONG " > " LONG " --><p>" LONG "</p><!-- " LONG,
		"<!--> " LONG " --> " LONG "<!---> " LONG " --!> " LONG,
		"<p>" LONG " < " LONG " 3 <5 " LONG " <> " LONG "</p>",
		LONG "<frameset><frame></frameset>" LONG,
		"<frameset>" LONG "</frameset>" LONG,
		"<select><option>" LONG "</option>" LONG "</select>",
		"<html><body><p>x</p></body></html>" LONG,
		"<p>" LONG "\r\n" LONG "</p>",
		"<svg><title>" LONG "</title><text>" LONG "--]]</text></svg>" LONG,
		"<math><![CDATA[" LONG "]]" LONG "]]>" LONG "</math>",
		"<svg><svg></svg><![CDATA[ " LONG "]]>" LONG "]]>" LONG "</svg>",
		"<p>" LONG "<plaintext>" LONG " <b> " LONG,
		"<b><i>" LONG "<p>" LONG "</b>" LONG "</i></p>",
		"  " LONG " <html> " LONG " <head> " LONG " </head> " LONG " <body>",
		"<colgroup>" LONG "<table><colgroup> " LONG "</table>",
		"<template><p>" LONG "</p>" LONG "</template>",
		"<p>" LONG "</p foo='>'>" LONG "</ >" LONG "</3 x>" LONG,
		"<!DOCTYPE html><?xml x?><!bogus " LONG ">" LONG,
		"<p>" LONG " \xF3\xB0\x80\x81\xF3\xB0\x80\x82 " LONG "</p>",
		"<p>" LONG " \xE9 " LONG "</p>",
		"<a b=" LONG ">" LONG "<a b='" LONG,
		"<p " LONG ">" LONG "</p " LONG ">",
		/* gumbo ends this CDATA at the first '>', and the comment
		 * after it at the end of the page, without its "--" */
		"<![CDATA[><!--]]>" LONG "=--",
		"<!--" LONG "--!",
		"<svg><![CDATA[" LONG "]]",
		"<p>" LONG "</",
		"<p>" LONG "<",
	};
	static const char *const parts[] = {
		"<p>", "<b class=x>", "</b>", "<table>", "<tr>", "<td>", "</td>",
		"<pre>", "<textarea>", "</textarea>", "<title>", "<script>",
		"</script>", "<svg>", "</svg>", "<math>", "<select>", "<option>",
		"<li>", "<html>", "<head>", "</head>", "<body>", "<template>",
		"<noscript>", "<br/>", "<a href='", "'>", "<i title=\"", "\">",
		"</p>", "<!--", "-->", "--!>", "<!-->", "<![CDATA[", "]]>", "<!",
		"<?", "</", "<", ">", "&amp;", "&copy", "&#x", "=", "'", "\"",
		" \n ", "\t", "-", "--", "]", "]]", "!", LONG, LONG, LONG, LONG,
		"\xE6\xB8\xAF\xE5\x8F\xA3\xE6\xB8\xA1\xE8\xBD\xAE\xE5\x86"
		"\xAC\xE5\xAD\xA3\xE5\xA2\x9E\xE5\x8A\xA0\xE7\x8F\xAD",
	};
	struct buf b = BUF_INIT;
	unsigned seed = 12345;
	size_t i, j, n, bad = 0;

	(void)state;
	for (i = 0; i < DL_ARRAY_LEN(pages); i++)
		bad += !same_tree(pages[i], strlen(pages[i]));
	/* and pages of random pieces */
	for (i = 0; i < 3000; i++) {
		buf_reset(&b);
		seed = seed * 1103515245 + 12345;
		n = 1 + (seed >> 16) % 50;
		for (j = 0; j < n; j++) {
			seed = seed * 1103515245 + 12345;
			buf_adds(&b, parts[(seed >> 16) % DL_ARRAY_LEN(parts)]);
		}
		bad += !same_tree(b.data, b.len);
	}
	buf_free(&b);
	assert_int_equal(bad, 0);
}

static void
test_same_article(void **state)
{
	static const struct {
		const char *a, *b;
		int same;
	} t[] = {
		{ "https://n.example/a/story", "https://n.example/a/story/2", 1 },
		{ "https://n.example/a/story/", "https://N.EXAMPLE/a/story/page/3", 1 },
		{ "https://n.example/a/story.html", "https://n.example/a/story-2.html", 1 },
		{ "https://n.example/a/story", "https://n.example/a/story?page=2", 1 },
		{ "https://n.example/a/story?id=4", "https://n.example/a/story?id=4&p=2", 1 },
		{ "https://n.example/a/story_3", "https://n.example/a/story,4", 1 },
		{ "https://n.example/a/story/p2", "https://n.example/a/story", 1 },
		{ "https://n.example/a/story#top", "https://n.example/a/story/2#c", 1 },
		/* not the same article */
		{ "https://n.example/a/story", "http://n.example/a/story/2", 0 },
		{ "https://n.example/a/story", "https://m.example/a/story/2", 0 },
		{ "https://n.example:8080/a/s", "https://n.example/a/s/2", 0 },
		{ "https://n.example/a/story", "https://n.example/a/other/2", 0 },
		{ "https://n.example/a/story?id=4", "https://n.example/a/story?id=5", 0 },
		{ "https://n.example/news/12345", "https://n.example/news/12346", 0 },
		{ "https://n.example/news/123", "https://n.example/news/124", 0 },
		{ "https://n.example/a/story", "mailto:a@n.example", 0 },
		{ "https://n.example/a/story", "/a/story/2", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < DL_ARRAY_LEN(t); i++) {
		if (extract_same_article(t[i].a, t[i].b) != t[i].same)
			fail_msg("%s vs %s: want %d", t[i].a, t[i].b, t[i].same);
	}
}

static char *
next_of(const char *page, const char *url)
{
	struct extract_result r;
	char *err = NULL, *next;

	if (extract_article(page, strlen(page), url, &r, &err) != 0) {
		fail_msg("%s", err);
		return NULL;
	}
	next = xstrdup(r.next_page);
	extract_result_free(&r);
	return next;
}

#define BODY "<p>The ferry will sail twice a day from March, the operator " \
	"said, and the island school, which asked for an early boat, will " \
	"get one, though only on weekdays, for now.</p><p>Fares stay as " \
	"they are, the council said, until the new harbour opens, which " \
	"should be in May, though the builders, who lost a month to storms, " \
	"say that June is likelier, and nobody on the quay believes either.</p>"

static void
test_next_page(void **state)
{
	static const struct {
		const char *page, *url, *want;
	} t[] = {
		{ "<head><link rel=next href=/w/ferry/2></head><article>" BODY
		  "</article>", "https://n.example/w/ferry", "https://n.example/w/ferry/2" },
		{ "<article>" BODY "<a rel=\"prev next\" href=\"?page=3\">on</a>"
		  "</article>", "https://n.example/w/ferry?page=2",
		  "https://n.example/w/ferry?page=3" },
		{ "<article>" BODY "</article><div class=pages><a href=ferry.html>1"
		  "</a><a href=ferry-2.html> 2 </a><a href=ferry-3.html>3</a></div>",
		  "https://n.example/w/ferry.html", "https://n.example/w/ferry-2.html" },
		{ "<article>" BODY "</article><a href=/w/ferry/3>Next \xC2\xBB</a>",
		  "https://n.example/w/ferry/2", "https://n.example/w/ferry/3" },
		/* another story, a page back, a page skipped, another host */
		{ "<article>" BODY "<a rel=next href=/w/bus>Next story</a></article>",
		  "https://n.example/w/ferry", "" },
		{ "<article>" BODY "<a rel=next href=/w/ferry>1</a></article>",
		  "https://n.example/w/ferry/2", "" },
		{ "<article>" BODY "<a rel=next href=/w/ferry/4>4</a></article>",
		  "https://n.example/w/ferry/2", "" },
		{ "<article>" BODY "<a rel=next href=//m.example/w/ferry/2>2</a>"
		  "</article>", "https://n.example/w/ferry", "" },
		{ "<article>" BODY "<a href=/w/ferry/2>Ferry crews</a></article>",
		  "https://n.example/w/ferry", "" },
	};
	size_t i;
	char *next;

	(void)state;
	for (i = 0; i < DL_ARRAY_LEN(t); i++) {
		next = next_of(t[i].page, t[i].url);
		if (next == NULL || strcmp(next, t[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i,
			    next ? next : "(null)", t[i].want);
		free(next);
	}
}

static void
test_append(void **state)
{
	struct extract_result a, b;
	char *err = NULL;
	const char *p1 = "<head><meta property=og:image content="
	    "\"https://n.example/i.jpg\"></head><article>" BODY "</article>";
	const char *p2 = "<head><meta property=og:image content="
	    "\"https://n.example/i.jpg\"></head><article><p>Second page: the "
	    "harbour will open in May, later than planned, and the council "
	    "said, again, that fares would not rise before it did, whatever "
	    "the operator asks for, and that buses will meet every boat, even "
	    "the late one on Fridays, which the school had asked for, and "
	    "which the bus company, after a long silence, agreed to run.</p>"
	    "</article>";

	(void)state;
	assert_int_equal(extract_article(p1, strlen(p1), "https://n.example/w/f",
	    &a, &err), 0);
	assert_int_equal(extract_article(p2, strlen(p2),
	    "https://n.example/w/f/2", &b, &err), 0);
	assert_true(a.lead_len > 0);
	extract_result_append(&a, &b);
	assert_int_equal(a.pages, 2);
	assert_non_null(strstr(a.html, "island school"));
	assert_non_null(strstr(a.html, "Second page"));
	assert_true(strstr(a.html, "island school") < strstr(a.html, "Second page"));
	/* the lead photo once */
	assert_null(strstr(strstr(a.html, "i.jpg") + 1, "i.jpg"));
	assert_non_null(strstr(a.text, "weekdays"));
	assert_non_null(strstr(a.text, "\n\nSecond page"));
	extract_result_free(&a);
	extract_result_free(&b);
}

static void
test_page_charset(void **state)
{
	static const struct {
		const char *page, *http, *want;
	} t[] = {
		{ "<meta charset=\"ISO-8859-1\">", NULL, "ISO-8859-1" },
		{ "<META CHARSET=koi8-r>", NULL, "koi8-r" },
		{ "<meta http-equiv=\"Content-Type\" content=\"text/html; "
		  "charset=windows-1251\">", NULL, "windows-1251" },
		{ "<meta content='text/html;charset=Shift_JIS' "
		  "http-equiv='content-type'>", NULL, "Shift_JIS" },
		{ "<meta charset=iso-8859-2>", "koi8-u", "koi8-u" },
		{ "\xEF\xBB\xBF<meta charset=iso-8859-2>", "koi8-u", "UTF-8" },
		{ "<!-- <meta charset=big5> --><meta charset=gbk>", NULL, "gbk" },
		{ "<meta charset=utf-16>", NULL, "UTF-8" },
		{ "<meta name=description content=\"charset=big5\">", NULL, NULL },
		{ "<meta charset=\"x;rm -rf\">", NULL, NULL },
		{ "<p>no meta</p>", NULL, NULL },
	};
	struct buf out = BUF_INIT;
	char *cs, *err = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < DL_ARRAY_LEN(t); i++) {
		cs = extract_page_charset(t[i].page, strlen(t[i].page), t[i].http);
		if ((cs == NULL) != (t[i].want == NULL) ||
		    (cs != NULL && strcmp(cs, t[i].want) != 0))
			fail_msg("case %zu: got %s, want %s", i, cs ? cs : "NULL",
			    t[i].want ? t[i].want : "NULL");
		free(cs);
	}
	/* converted; a page in UTF-8 is left alone */
	assert_int_equal(extract_page_utf8("<meta charset=latin1>caf\xE9", 25,
	    NULL, &out, &err), 1);
	assert_string_equal(out.data, "<meta charset=latin1>caf\xC3\xA9");
	buf_reset(&out);
	assert_int_equal(extract_page_utf8("caf\xC3\xA9", 5, NULL, &out, &err), 0);
	assert_int_equal(out.len, 0);
	/* no label, not UTF-8: windows-1252 (0x80 is the euro sign) */
	assert_int_equal(extract_page_utf8("\x80 5", 3, NULL, &out, &err), 1);
	assert_string_equal(out.data, "\xE2\x82\xAC 5");
	buf_reset(&out);
	assert_int_equal(extract_page_utf8("x", 1, "no-such-charset", &out, &err),
	    -1);
	assert_non_null(err);
	free(err);
	buf_free(&out);
}

static const char story_para[] = "The harbour board met on Tuesday evening, "
    "and after a long debate about costs, tides and traffic it voted to build "
    "the bridge in two stages, starting with the northern ramp next spring.";

/* The byline and the text of a page: head, then body markup around an
 * article of four paragraphs (extra inside it). */
static void
extract_parts(const char *head, const char *before, const char *inside,
    const char *after, char **byline, char **text)
{
	struct extract_result r;
	struct buf b = BUF_INIT;
	char *err = NULL;
	int i;

	buf_printf(&b, "<html><head>%s<title>Bridge</title></head><body>%s"
	    "<article><h1>Bridge</h1>%s", head, before, inside);
	for (i = 0; i < 4; i++)
		buf_printf(&b, "<p>%s</p>", story_para);
	buf_printf(&b, "</article>%s</body></html>", after);
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &err), 0);
	*byline = xstrdup(r.byline);
	*text = xstrdup(r.text);
	extract_result_free(&r);
	buf_free(&b);
}

static void
test_bylines_and_hidden(void **state)
{
	char *by, *text;

	(void)state;
	/* a byline with its date after a line break: the names only, once */
	extract_parts("", "", "<div class=\"FeatureByline\"> By <b>Lea Vorn</b>"
	    "<br/>March 25, 2015 </div>", "", &by, &text);
	assert_string_equal(by, "Lea Vorn");
	assert_null(strstr(text, "March 25"));
	free(by);
	free(text);
	/* a <time> ends the names too */
	extract_parts("", "", "<p class=\"byline\">by Ana Ruiz and Bo Li "
	    "<time datetime=\"2024-01-02\">2 January</time></p>", "", &by, &text);
	assert_string_equal(by, "Ana Ruiz and Bo Li");
	free(by);
	free(text);
	/* "Posted by", "Par": not names; "Von Miller" is one */
	extract_parts("", "", "<p class=\"byline\">Posted by Andrew Zon</p>", "",
	    &by, &text);
	assert_string_equal(by, "Andrew Zon");
	free(by);
	free(text);
	extract_parts("", "", "<p class=\"signature byline\">Par <a>Martin Unter</a></p>",
	    "", &by, &text);
	assert_string_equal(by, "Martin Unter");
	free(by);
	free(text);
	extract_parts("<meta name=\"author\" content=\"Von Miller\">", "", "", "",
	    &by, &text);
	assert_string_equal(by, "Von Miller");
	free(by);
	free(text);
	/* names in capitals are written as names */
	extract_parts("<meta name=\"byl\" content=\"By MARY O'BRIEN\">", "", "", "",
	    &by, &text);
	assert_string_equal(by, "Mary O'Brien");
	free(by);
	free(text);
	/* the reporter's job on the line after the name is not a name */
	extract_parts("", "", "<div class=\"article-byline\"><span>By</span>"
	    "<div class=\"name\"><a href=\"/a/ben\">Ben Roe</a></div>"
	    "<div class=\"title\">Staff business reporter</div></div>", "", &by, &text);
	assert_string_equal(by, "Ben Roe");
	free(by);
	free(text);
	/* outside the article: rel=author, then a byline-named element */
	extract_parts("", "<header><a rel=\"author\" href=\"/u/sam\">Sam Okafor"
	    "</a></header>", "", "", &by, &text);
	assert_string_equal(by, "Sam Okafor");
	free(by);
	free(text);
	extract_parts("", "<div class=\"meta\"><span class=\"author-name\">"
	    "Mara Lind</span></div>", "", "", &by, &text);
	assert_string_equal(by, "Mara Lind");
	free(by);
	free(text);
	/* the metadata still comes first */
	extract_parts("<meta name=\"author\" content=\"Ines Ortega\">",
	    "<span class=\"byline\">Someone Else</span>", "", "", &by, &text);
	assert_string_equal(by, "Ines Ortega");
	free(by);
	free(text);
	/* not a commenter's name, not an author box's heading */
	extract_parts("", "", "", "<div class=\"comments\"><div class=\"c\">"
	    "<span class=\"comment-author\">Troll</span><span class=\"author\">"
	    "Troll</span><p>First!</p></div></div><div class=\"author-bio\">"
	    "About the author</div>", &by, &text);
	assert_string_equal(by, "");
	free(by);
	free(text);
	/* hidden by an inline style, whatever its case and spacing */
	extract_parts("", "", "<p style=\"Display : None\">Hiddenword one.</p>"
	    "<div style=\"color: red; visibility:hidden\"><p>Hiddenword two, "
	    "a paywall teaser that nobody sees on the page.</p></div>"
	    "<p style=\"visibility: visible\">Shownword.</p>", "", &by, &text);
	assert_null(strstr(text, "Hiddenword"));
	assert_non_null(strstr(text, "Shownword"));
	assert_non_null(strstr(text, "northern ramp"));
	free(by);
	free(text);
	/* a publisher, date and author line is not text; a <time> in a
	 * sentence is */
	extract_parts("", "", "<p class=\"bloc_signature\"><span>Le Journal</span> | "
	    "<time datetime=\"2015-05-04T13:36\">04.05.2015 \xC3\xA0 13h36</time> | "
	    "Par <span itemprop=\"author\">Ana Ruiz</span></p>"
	    "<p>The council will meet again on <time datetime=\"2024-05-02\">2 May"
	    "</time>, after the summer recess, and the vote on the second stage is "
	    "expected soon after that meeting.</p>", "", &by, &text);
	assert_null(strstr(text, "13h36"));
	assert_null(strstr(text, "Le Journal"));
	assert_non_null(strstr(text, "after the summer recess"));
	assert_string_equal(by, "Ana Ruiz");
	free(by);
	free(text);
	/* a widget's "Powered by" box in the story, with its pixel */
	extract_parts("", "", "<div class=\"module\"><div class=\"w\"><div>"
	    "<p class=\"hdr\">Powered by Moneywidget.example</p>"
	    "<img src=\"https://px.example/ck\"></div></div></div>"
	    "<p>Sponsored by Acme</p>", "", &by, &text);
	assert_null(strstr(text, "Moneywidget"));
	assert_null(strstr(text, "Acme"));
	assert_non_null(strstr(text, "northern ramp"));
	free(by);
	free(text);
}

/* The title extracted from a page with head and body (four paragraphs
 * after the body markup). */
static char *
title_of(const char *head, const char *body)
{
	struct extract_result r;
	struct buf b = BUF_INIT;
	char *err = NULL, *t;
	int i;

	buf_printf(&b, "<html><head>%s</head><body>%s<div class=\"story\">", head, body);
	for (i = 0; i < 4; i++)
		buf_printf(&b, "<p>%s</p>", story_para);
	buf_adds(&b, "</div></body></html>");
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &err), 0);
	t = xstrdup(r.title);
	extract_result_free(&r);
	buf_free(&b);
	return t;
}

static void
test_title_suffix(void **state)
{
	char *t;

	(void)state;
	/* og:title "Headline | Author"; the site's logo is the first <h1> */
	t = title_of("<meta property=\"og:title\" content=\"Fleet returns early "
	    "as storm nears | Eli Sandoval\"><title>x</title>",
	    "<h1><a href=\"/\">The Daily Tide</a></h1>"
	    "<h1>Fleet returns early as storm nears</h1>");
	assert_string_equal(t, "Fleet returns early as storm nears");
	free(t);
	/* the site first, an <h2> headline, an en dash */
	t = title_of("<title>Hillside Herald \xE2\x80\x93 Why the clock runs "
	    "slow</title>", "<h2 class=\"entry-title\">Why the clock runs slow</h2>");
	assert_string_equal(t, "Why the clock runs slow");
	free(t);
	/* a short heading that is only part of a long title: kept whole */
	t = title_of("<meta property=\"og:title\" content=\"Storm | What we know "
	    "so far about the week ahead\">", "<h1>Storm</h1>");
	assert_string_equal(t, "Storm | What we know so far about the week ahead");
	free(t);
	/* no heading to go by: the site's name, or the author's, after a
	 * separator goes when the metadata or the address names it */
	t = title_of("<title>Ferries run all night \xE2\x80\x93 Bay Courier</title>"
	    "<link rel=\"canonical\" href=\"https://www.baycourier.example/a\">", "");
	assert_string_equal(t, "Ferries run all night");
	free(t);
	t = title_of("<meta property=\"og:title\" content=\"Whales return | Ana "
	    "Ruiz\"><meta name=\"author\" content=\"Ana Ruiz\">", "");
	assert_string_equal(t, "Whales return");
	free(t);
	t = title_of("<title>Tide Times: Whales return to the bay</title>"
	    "<meta property=\"og:site_name\" content=\"Tide Times\">", "");
	assert_string_equal(t, "Whales return to the bay");
	free(t);
	t = title_of("<title>Biden - the early years</title>"
	    "<meta property=\"og:site_name\" content=\"Tide Times\">", "");
	assert_string_equal(t, "Biden - the early years");
	free(t);
	/* no separator: the metadata's title stays */
	t = title_of("<meta property=\"og:title\" content=\"Fleet returns early "
	    "as the storm nears\">", "<h1>Fleet returns early</h1>");
	assert_string_equal(t, "Fleet returns early as the storm nears");
	free(t);
}

/* A page that loads the next story below this one: the story the page's
 * title names, even when the next one is longer. */
static void
test_next_story_below(void **state)
{
	struct extract_result r;
	struct buf b = BUF_INIT;
	char *err = NULL;
	int i;

	(void)state;
	buf_adds(&b, "<html><head><meta property=\"og:title\" content=\"Library "
	    "opens a tool shed\"></head><body><div class=\"scroll\">"
	    "<article><h1>Library opens a tool shed</h1><div class=\"body\">");
	for (i = 0; i < 3; i++)
		buf_printf(&b, "<p>%s</p>", story_para);
	buf_adds(&b, "</div></article><article><h1>Council debates parking again"
	    "</h1><div class=\"body\">");
	for (i = 0; i < 6; i++)
		buf_adds(&b, "<p>Parking wardens, residents and shop owners argued "
		    "for hours, and the council will vote on the plan in June.</p>");
	buf_adds(&b, "</div></article></div></body></html>");
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &err), 0);
	assert_non_null(strstr(r.text, "northern ramp"));
	assert_null(strstr(r.text, "wardens"));
	extract_result_free(&r);
	buf_free(&b);
}

/* The standfirst under the headline, outside the story's body, comes
 * first; a "lead" teaser in the sidebar does not. */
static void
test_standfirst(void **state)
{
	struct extract_result r;
	struct buf b = BUF_INIT;
	char *err = NULL;
	int i;

	(void)state;
	buf_adds(&b, "<html><body><aside class=\"rail\"><p class=\"lead\">Other "
	    "news: the mayor opens a new swimming pool in the east of the "
	    "town.</p></aside><article><header class=\"article-header\">"
	    "<h1>Night trains</h1><p class=\"article__standfirst\">Sleeper "
	    "services return to the northern line after twenty years, with "
	    "three trains a week.</p></header><div class=\"article-body\">");
	for (i = 0; i < 4; i++)
		buf_printf(&b, "<p>%s</p>", story_para);
	buf_adds(&b, "</div></article></body></html>");
	assert_int_equal(extract_article(b.data, b.len, NULL, &r, &err), 0);
	assert_memory_equal(r.text, "Sleeper services", 16);
	assert_null(strstr(r.text, "swimming"));
	extract_result_free(&r);
	buf_free(&b);
}

/* Screen-reader labels are not text; a lazy page's empty image box with
 * data-src is its photo; a 2-pixel rule is no photo. */
static void
test_labels_and_lazy_boxes(void **state)
{
	struct extract_result r;
	struct buf b = BUF_INIT;
	char *err = NULL;
	int i;

	(void)state;
	buf_adds(&b, "<html><body><article><div class=\"body\">"
	    "<a class=\"visually-hidden skip-link\" href=\"#c\">Continue reading "
	    "the main story</a><figure><span class=\"image-and-copyright\">"
	    "<div class=\"js-delayed-image-load\" data-src=\"/img/bridge.jpg\" "
	    "data-width=\"976\"></div><span class=\"off-screen\">Image copyright"
	    "</span> <span class=\"copyright\">Harbour Board</span></span>"
	    "<figcaption><span class=\"sr-only\">Image caption</span> The old "
	    "bridge at dawn</figcaption></figure><figure><div class=\"lazy\" "
	    "data-src=\"/img/line.png\" data-height=\"2\"></div></figure>");
	for (i = 0; i < 4; i++)
		buf_printf(&b, "<p>%s</p>", story_para);
	buf_adds(&b, "</div></article></body></html>");
	assert_int_equal(extract_article(b.data, b.len, "https://n.example/a",
	    &r, &err), 0);
	assert_null(strstr(r.text, "Continue reading"));
	assert_null(strstr(r.html, "Image c"));
	assert_non_null(strstr(r.html, "<img src=\"https://n.example/img/bridge.jpg\">"));
	assert_non_null(strstr(r.html, "The old bridge at dawn <span class=\"credit\">"
	    "Harbour Board</span>"));
	assert_null(strstr(r.html, "line.png"));
	extract_result_free(&r);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_limit_free),
		cmocka_unit_test(test_longjmp_when_full),
		cmocka_unit_test(test_gumbo_in_arena),
		cmocka_unit_test(test_limit_refuses_quadratic_page),
		cmocka_unit_test(test_fast_text_same_tree),
		cmocka_unit_test(test_same_article),
		cmocka_unit_test(test_next_page),
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_page_charset),
		cmocka_unit_test(test_bylines_and_hidden),
		cmocka_unit_test(test_title_suffix),
		cmocka_unit_test(test_next_story_below),
		cmocka_unit_test(test_standfirst),
		cmocka_unit_test(test_labels_and_lazy_boxes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
