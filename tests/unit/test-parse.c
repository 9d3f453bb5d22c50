/* Unit tests for src/parse: dates, URLs, charsets, formats, namespaces,
 * quirks, recovery, limits and hostile input. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "parse/parse.h"
#include "parse/parse-int.h"
#include "util/util.h"

/* Each item as one line "title|link|guid|author|published|updated". */
struct seen {
	struct buf	 lines;
	struct buf	 extra;		/* summary/content/categories/media */
	size_t		 n;
	size_t		 stop_after;
};

static int
collect(void *ctx, const struct feed *feed, const struct item *it)
{
	struct seen *s = ctx;
	char pub[21] = "-", upd[21] = "-";
	size_t i;

	(void)feed;
	if (it->published != DL_TIME_NONE)
		time_format_iso(it->published, pub);
	if (it->updated != DL_TIME_NONE)
		time_format_iso(it->updated, upd);
	buf_printf(&s->lines, "%s|%s|%s|%s|%s|%s\n", it->title, it->link, it->guid,
	    it->author, pub, upd);
	buf_printf(&s->extra, "S=%s C=%s", it->summary, it->content);
	for (i = 0; i < it->ncategories; i++)
		buf_printf(&s->extra, " cat=%s", it->categories[i]);
	for (i = 0; i < it->nenclosures; i++)
		buf_printf(&s->extra, " enc=%s,%s,%lld", it->enclosures[i].url,
		    it->enclosures[i].type, (long long)it->enclosures[i].length);
	for (i = 0; i < it->nmedia; i++)
		buf_printf(&s->extra, " media=%s,%s,%s,%s,%d,%d", it->media[i].url,
		    it->media[i].type, it->media[i].caption, it->media[i].credit,
		    it->media[i].width, it->media[i].height);
	buf_addc(&s->extra, '\n');
	s->n++;
	return s->stop_after != 0 && s->n >= s->stop_after;
}

/* Parse doc in chunks of the given size; returns parser_finish's result
 * and leaves the parser in *out (caller frees) when out is not NULL. */
static int
run(const char *doc, size_t len, size_t chunk, const char *url,
    const char *http_charset, struct seen *s, struct parser **out)
{
	struct parse_opts opts;
	struct parser *p;
	size_t off = 0;
	int rc;

	memset(&opts, 0, sizeof opts);
	opts.url = url;
	opts.http_charset = http_charset;
	opts.on_item = collect;
	opts.ctx = s;
	p = parser_new(&opts);
	if (chunk == 0)
		chunk = len ? len : 1;
	while (off < len) {
		size_t n = len - off < chunk ? len - off : chunk;

		if (parser_push(p, doc + off, n) != 0)
			break;
		off += n;
	}
	rc = parser_finish(p);
	if (out != NULL)
		*out = p;
	else
		parser_free(p);
	return rc;
}

static void
seen_free(struct seen *s)
{
	buf_free(&s->lines);
	buf_free(&s->extra);
}

#define ISO(s) check_date((s), NULL)

static void
check_date(const char *in, const char *want)
{
	char got[21] = "null";
	int64_t t = parse_date(in);

	if (t != DL_TIME_NONE)
		time_format_iso(t, got);
	if (strcmp(got, want ? want : "null") != 0)
		fail_msg("parse_date(\"%s\") = %s, want %s", in, got, want ? want : "null");
}

static void
test_dates_rfc822(void **state)
{
	(void)state;
	check_date("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z");
	check_date("10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z");
	check_date("Tue, 10 Jun 2003 04:00 GMT", "2003-06-10T04:00:00Z");
	check_date("Tue, 10 Jun 03 04:00:00 +0000", "2003-06-10T04:00:00Z");
	check_date("Thu, 01 Jan 70 00:00:00 UT", "1970-01-01T00:00:00Z");
	check_date("Wed, 02 Oct 2002 08:00:00 EST", "2002-10-02T13:00:00Z");
	check_date("Wed, 02 Oct 2002 08:00:00 EDT", "2002-10-02T12:00:00Z");
	check_date("Wed, 02 Oct 2002 08:00:00 CST", "2002-10-02T14:00:00Z");
	check_date("Wed, 02 Oct 2002 08:00:00 CDT", "2002-10-02T13:00:00Z");
	check_date("Wed, 02 Oct 2002 08:00:00 MST", "2002-10-02T15:00:00Z");
	check_date("Wed, 02 Oct 2002 08:00:00 MDT", "2002-10-02T14:00:00Z");
	check_date("Wed, 02 Oct 2002 08:00:00 PST", "2002-10-02T16:00:00Z");
	check_date("Wed, 02 Oct 2002 08:00:00 PDT", "2002-10-02T15:00:00Z");
	check_date("Wed, 02 Oct 2002 15:00:00 +0200", "2002-10-02T13:00:00Z");
	check_date("Wed, 02 Oct 2002 15:00:00 -0330", "2002-10-02T18:30:00Z");
	check_date("Wed, 02 Oct 2002 15:00:00 Z", "2002-10-02T15:00:00Z");
	check_date("Wed, 02 Oct 2002 15:00:00 A", "2002-10-02T14:00:00Z");
	check_date("Wed, 02 Oct 2002 15:00:00 N", "2002-10-02T16:00:00Z");
	check_date("Wed, 02 Oct 2002 15:00:00 M", "2002-10-02T03:00:00Z");
	check_date("Wed, 02 Oct 2002 15:00:00 Y", "2002-10-03T03:00:00Z");
	check_date("Sun, 6 Jan 2008 7:05:03 GMT", "2008-01-06T07:05:03Z");
	check_date("Sunday, 06 January 2008 07:05:03 GMT", "2008-01-06T07:05:03Z");
	check_date("Wed, 02 Oct 2002 15:00:00 +0000 (UTC)", "2002-10-02T15:00:00Z");
	check_date("Wed, 02 Oct 2002 15:00:00", "2002-10-02T15:00:00Z");
	check_date("29 Feb 2024 00:00:00 GMT", "2024-02-29T00:00:00Z");
	check_date("Tue, 10 Jun 2003 04:00:60 GMT", "2003-06-10T04:00:59Z");
	/* not dates */
	check_date("29 Feb 2023 00:00:00 GMT", NULL);
	check_date("Tue, 32 Jun 2003 04:00:00 GMT", NULL);
	check_date("Tue, 10 Foo 2003 04:00:00 GMT", NULL);
	check_date("Tue, 10 Jun 2003 25:00:00 GMT", NULL);
	check_date("Tue, 10 Jun 2003 04:00:00 XYZ", NULL);
	check_date("Tue, 10 Jun 2003 04:00:00 J", NULL);
	check_date("Tue, 10 Jun 203 04:00:00 GMT", NULL);
	check_date("yesterday", NULL);
	check_date("", NULL);
	check_date(NULL, NULL);
}

static void
test_dates_iso(void **state)
{
	(void)state;
	check_date("2003-12-13T18:30:02Z", "2003-12-13T18:30:02Z");
	check_date("2003-12-13T18:30:02.25Z", "2003-12-13T18:30:02Z");
	check_date("2003-12-13T18:30:02+01:00", "2003-12-13T17:30:02Z");
	check_date("2003-12-13T18:30:02-0500", "2003-12-13T23:30:02Z");
	check_date("2003-12-13T18:30:02+05", "2003-12-13T13:30:02Z");
	check_date("2003-12-13T18:30Z", "2003-12-13T18:30:00Z");
	check_date("2003-12-13 18:30:02", "2003-12-13T18:30:02Z");
	check_date("2003-12-13t18:30:02z", "2003-12-13T18:30:02Z");
	check_date("2003-12-13", "2003-12-13T00:00:00Z");
	check_date("2003-12", "2003-12-01T00:00:00Z");
	check_date("2003", "2003-01-01T00:00:00Z");
	check_date("  2003-12-13T18:30:02Z\n", "2003-12-13T18:30:02Z");
	check_date("2003-12-31T23:59:59-01:00", "2004-01-01T00:59:59Z");
	check_date("2003-12-13T24:00:00Z", "2003-12-14T00:00:00Z");
	check_date("2003-13-13T18:30:02Z", NULL);
	check_date("2003-12-13T18:61:02Z", NULL);
	check_date("2003-12-13T18:30:02+25:00", NULL);
	check_date("2003-12-13T18:30:02Zjunk", NULL);
	check_date("2003-12-13T", NULL);
	check_date("20031213", NULL);
}

static void
check_url(const char *base, const char *ref, const char *want)
{
	char *got = parse_url_resolve(base, ref);

	if (strcmp(got, want) != 0)
		fail_msg("resolve(%s, %s) = %s, want %s", base, ref, got, want);
	free(got);
}

static void
test_url_resolve(void **state)
{
	const char *b = "http://a/b/c/d;p?q";

	(void)state;
	/* RFC 3986 5.4.1 and 5.4.2 */
	check_url(b, "g:h", "g:h");
	check_url(b, "g", "http://a/b/c/g");
	check_url(b, "./g", "http://a/b/c/g");
	check_url(b, "g/", "http://a/b/c/g/");
	check_url(b, "/g", "http://a/g");
	check_url(b, "//g", "http://g");
	check_url(b, "?y", "http://a/b/c/d;p?y");
	check_url(b, "g?y", "http://a/b/c/g?y");
	check_url(b, "#s", "http://a/b/c/d;p?q#s");
	check_url(b, "g#s", "http://a/b/c/g#s");
	check_url(b, ";x", "http://a/b/c/;x");
	check_url(b, "", "http://a/b/c/d;p?q");
	check_url(b, ".", "http://a/b/c/");
	check_url(b, "./", "http://a/b/c/");
	check_url(b, "..", "http://a/b/");
	check_url(b, "../", "http://a/b/");
	check_url(b, "../g", "http://a/b/g");
	check_url(b, "../..", "http://a/");
	check_url(b, "../../g", "http://a/g");
	check_url(b, "../../../g", "http://a/g");
	check_url(b, "/./g", "http://a/g");
	check_url(b, "/../g", "http://a/g");
	check_url(b, "g.", "http://a/b/c/g.");
	check_url(b, "..g", "http://a/b/c/..g");
	check_url(b, "./../g", "http://a/b/g");
	check_url(b, "g/./h", "http://a/b/c/g/h");
	check_url(b, "g/../h", "http://a/b/c/h");
	check_url("http://example.com", "x", "http://example.com/x");
	check_url(NULL, "x/y", "x/y");
	check_url("relative/base", "x", "x");
}

static void
test_entities_table(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(html_entities_count, 2231);
	for (i = 1; i < html_entities_count; i++)
		assert_true(strcmp(html_entities[i - 1].name, html_entities[i].name) < 0);
	assert_string_equal(entity_lookup("nbsp;", 5), "\xc2\xa0");
	assert_string_equal(entity_lookup("mdash;", 6), "\xe2\x80\x94");
	assert_string_equal(entity_lookup("NotNestedGreaterGreater;", 24),
	    "\xe2\xaa\xa2\xcc\xb8");
	assert_null(entity_lookup("nosuch;", 7));
}

static void
test_text_helpers(void **state)
{
	char *s;

	(void)state;
	s = text_html_to_plain("  <b>Bold</b>&nbsp;and&#160;&#x41;&amp;amp; <br/>x&unknown; a < b ", 66);
	assert_string_equal(s, "Bold and A&amp; x&unknown; a < b");
	free(s);
	s = text_author_name("jo@example.com (Jo Smith)");
	assert_string_equal(s, "Jo Smith");
	free(s);
	s = text_author_name("Jo Smith");
	assert_string_equal(s, "Jo Smith");
	free(s);
	assert_int_equal(text_utf8_cut("\xc3\xa9\xc3\xa9", 4, 3), 2);
}

static const char rss2[] =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
    " xmlns:c=\"http://purl.org/rss/1.0/modules/content/\">\n"
    "<channel><title>Wire &amp; Co</title><link>http://wire.example/</link>\n"
    "<image><title>not the title</title><url>http://wire.example/i.png</url></image>\n"
    "<item><title>One</title><link>/1</link><guid isPermaLink=\"false\">g1</guid>\n"
    " <pubDate>Mon, 01 Jan 2024 10:00:00 +0100</pubDate>\n"
    " <author>desk@wire.example (The Desk)</author><dc:creator>Ann</dc:creator>\n"
    " <description>&lt;p&gt;sum&lt;/p&gt;</description><c:encoded><![CDATA[<p>A & B</p>]]></c:encoded>\n"
    " <category>World</category><dc:subject>Europe</dc:subject><category>World</category>\n"
    "</item>\n"
    "<item><title>Two &mdash; dash</title><guid>http://wire.example/2</guid>\n"
    " <dc:date>2024-01-02T03:04:05Z</dc:date></item>\n"
    "</channel></rss>\n";

static void
test_rss2(void **state)
{
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	struct parser *p;

	(void)state;
	assert_int_equal(run(rss2, sizeof rss2 - 1, 0, "http://wire.example/feed", NULL,
	    &s, &p), 0);
	assert_string_equal(s.lines.data,
	    "One|http://wire.example/1|g1|Ann|2024-01-01T09:00:00Z|-\n"
	    "Two \xe2\x80\x94 dash|http://wire.example/2|http://wire.example/2||2024-01-02T03:04:05Z|-\n");
	assert_non_null(strstr(s.extra.data, "S=<p>sum</p> C=<p>A & B</p> cat=World cat=Europe\n"));
	assert_int_equal(parser_feed(p)->format, FEED_RSS20);
	assert_string_equal(parser_feed(p)->title, "Wire & Co");
	assert_null(parser_warnings(p));
	parser_free(p);
	seen_free(&s);
}

static const char quirky[] =
    "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY own \"Own\">]>\n"
    "<rss><channel><title>&own; &amp; &nbsp;x</title><item>"
    "<title><![CDATA[a & b &nbsp; ]]]]></title><link>http://q/?a=1&b=2&amp;c&eacute;</link>"
    "<description><![CDATA[<p>]]>&lt;i&gt;&hellip;&#x41;&#66;</description>"
    "<enclosure url=\"http://q/&copy;&amp;x\" type=\"a&nbsp;b\"/></item></channel></rss>\n";

/* Every chunk size gives the same items as the whole document. */
static void
test_chunking(void **state)
{
	const char *docs[] = { rss2, quirky };
	size_t lens[] = { sizeof rss2 - 1, sizeof quirky - 1 }, chunk, d;

	(void)state;
	for (d = 0; d < DL_ARRAY_LEN(docs); d++) {
		struct seen whole = { BUF_INIT, BUF_INIT, 0, 0 };

		assert_int_equal(run(docs[d], lens[d], 0, NULL, NULL, &whole, NULL), 0);
		assert_true(whole.n > 0);
		for (chunk = 1; chunk < 40; chunk++) {
			struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };

			assert_int_equal(run(docs[d], lens[d], chunk, NULL, NULL, &s, NULL), 0);
			assert_string_equal(s.lines.data, whole.lines.data);
			assert_string_equal(s.extra.data, whole.extra.data);
			seen_free(&s);
		}
		seen_free(&whole);
	}
}

static void
test_quirky(void **state)
{
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	struct parser *p;

	(void)state;
	assert_int_equal(run(quirky, sizeof quirky - 1, 0, NULL, NULL, &s, &p), 0);
	assert_string_equal(parser_feed(p)->title, "Own & x");
	assert_string_equal(s.lines.data,
	    "a & b ]]|http://q/?a=1&b=2&c\xc3\xa9|||-|-\n");
	assert_string_equal(s.extra.data, "S=<p><i>\xe2\x80\xa6" "AB C= "
	    "enc=http://q/\xc2\xa9&x,a b,-1\n");
	parser_free(p);
	seen_free(&s);
}

static void
test_rss1_and_090(void **state)
{
	static const char rdf[] =
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
	    " xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<channel rdf:about=\"http://r.example/\"><title>R</title><link>http://r.example/</link>"
	    "<dc:date>2024-05-05T05:05:05Z</dc:date></channel>\n"
	    "<item rdf:about=\"http://r.example/a\"><title>A</title><link>http://r.example/a</link>"
	    "<dc:creator>Bo</dc:creator><dc:date>2024-05-06</dc:date></item>\n"
	    "</rdf:RDF>\n";
	static const char r090[] =
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
	    " xmlns=\"http://my.netscape.com/rdf/simple/0.9/\">\n"
	    "<channel><title>Old</title></channel><item><title>I</title><link>http://o/i</link></item>\n"
	    "</rdf:RDF>\n";
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	struct parser *p;

	(void)state;
	assert_int_equal(run(rdf, sizeof rdf - 1, 7, NULL, NULL, &s, &p), 0);
	assert_string_equal(s.lines.data,
	    "A|http://r.example/a|http://r.example/a|Bo|2024-05-06T00:00:00Z|-\n");
	assert_int_equal(parser_feed(p)->format, FEED_RSS10);
	assert_int_equal(parser_feed(p)->updated, parse_date("2024-05-05T05:05:05Z"));
	parser_free(p);
	seen_free(&s);
	memset(&s, 0, sizeof s);
	assert_int_equal(run(r090, sizeof r090 - 1, 0, NULL, NULL, &s, &p), 0);
	assert_int_equal(parser_feed(p)->format, FEED_RSS09X);
	assert_string_equal(s.lines.data, "I|http://o/i|||-|-\n");
	parser_free(p);
	seen_free(&s);
}

static void
test_atom(void **state)
{
	static const char atom[] =
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://a.example/x/\">"
	    "<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">X <b>H</b></div></title>"
	    "<author><name>Feed Author</name></author>"
	    "<entry xml:base=\"y/\"><title type=\"html\">&lt;em&gt;E&lt;/em&gt; &amp;amp; F</title>"
	    "<link href=\"e.html\"/><id>urn:1</id><updated>2024-01-01T00:00:00Z</updated>"
	    "<summary type=\"text\">1 &lt; 2</summary>"
	    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p class=\"c\">P<img src=\"i.png\"/></p></div></content>"
	    "<source><title>Other feed</title><author><name>Other</name></author></source>"
	    "</entry></feed>";
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	struct parser *p;

	(void)state;
	assert_int_equal(run(atom, sizeof atom - 1, 3, NULL, NULL, &s, &p), 0);
	assert_string_equal(s.lines.data,
	    "E & F|http://a.example/x/y/e.html|urn:1|Feed Author|-|2024-01-01T00:00:00Z\n");
	assert_string_equal(s.extra.data,
	    "S=1 &lt; 2 C=<p class=\"c\">P<img src=\"http://a.example/x/y/i.png\"></p>\n");
	assert_string_equal(parser_feed(p)->title, "X H");
	assert_int_equal(parser_feed(p)->format, FEED_ATOM10);
	parser_free(p);
	seen_free(&s);
}

static void
test_atom03(void **state)
{
	static const char atom[] =
	    "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Old Atom</title>"
	    "<tagline>tag</tagline><modified>2004-01-01T00:00:00Z</modified>"
	    "<entry><title>E</title><link rel=\"alternate\" type=\"text/html\" href=\"http://o/e\"/>"
	    "<id>o-e</id><issued>2003-12-31T10:00:00-02:00</issued><modified>2004-01-01T00:00:00Z</modified>"
	    "<content type=\"text/html\" mode=\"escaped\">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>";
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	struct parser *p;

	(void)state;
	assert_int_equal(run(atom, sizeof atom - 1, 0, NULL, NULL, &s, &p), 0);
	assert_int_equal(parser_feed(p)->format, FEED_ATOM03);
	assert_string_equal(parser_feed(p)->description, "tag");
	assert_string_equal(s.lines.data,
	    "E|http://o/e|o-e||2003-12-31T12:00:00Z|2004-01-01T00:00:00Z\n");
	assert_string_equal(s.extra.data, "S= C=<p>x</p>\n");
	parser_free(p);
	seen_free(&s);
}

static void
test_media(void **state)
{
	static const char doc[] =
	    "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
	    "<title>M</title><media:description>item level</media:description>"
	    "<media:group><media:credit>Group Credit</media:credit>"
	    "<media:content url=\"http://m/1.jpg\" type=\"image/jpeg\" width=\"800\" height=\"600\">"
	    "<media:title>T1</media:title></media:content>"
	    "<media:content url=\"http://m/2.jpg\" medium=\"image\"><media:description type=\"html\">"
	    "&lt;b&gt;D2&lt;/b&gt;</media:description><media:title>T2</media:title>"
	    "<media:credit>C2</media:credit></media:content></media:group>"
	    "<media:thumbnail url=\"http://m/t.jpg\" width=\"100\"/>"
	    "<enclosure url=\"http://m/a.mp3\" type=\"audio/mpeg\" length=\"x\"/>"
	    "</item></channel></rss>";
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };

	(void)state;
	assert_int_equal(run(doc, sizeof doc - 1, 0, NULL, NULL, &s, NULL), 0);
	assert_string_equal(s.extra.data, "S= C= enc=http://m/a.mp3,audio/mpeg,-1"
	    " media=http://m/1.jpg,image/jpeg,item level,Group Credit,800,600"
	    " media=http://m/2.jpg,image,D2,C2,0,0"
	    " media=http://m/t.jpg,image,item level,,100,0\n");
	seen_free(&s);
}

static void
check_charset(const char *bytes, size_t len, const char *http, const char *want_title)
{
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	size_t chunk;

	for (chunk = 0; chunk < 8; chunk++) {
		buf_reset(&s.lines);
		assert_int_equal(run(bytes, len, chunk, NULL, http, &s, NULL), 0);
		if (strncmp(buf_str(&s.lines), want_title, strlen(want_title)) != 0)
			fail_msg("chunk %zu: got %s want %s", chunk, buf_str(&s.lines), want_title);
	}
	seen_free(&s);
}

static void
test_charsets(void **state)
{
	/* "Привет" in windows-1251 and KOI8-R, "été" in latin-1. */
	static const char cp1251[] = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
	    "<rss><channel><item><title>\xcf\xf0\xe8\xe2\xe5\xf2</title></item></channel></rss>";
	static const char koi8[] = "<rss><channel><item><title>\xf0\xd2\xc9\xd7\xc5\xd4</title>"
	    "</item></channel></rss>";
	static const char latin1[] = "<?xml version='1.0' encoding='ISO-8859-1'?>"
	    "<rss><channel><item><title>\xe9t\xe9 \x93q\x94</title></item></channel></rss>";
	/* UTF-16LE with a BOM: "<rss><channel><item><title>Ж</title>…" */
	static const char bad[] = "<rss><channel><item><title>a\xff" "b\xe2\x82" "c\x01" "d</title>"
	    "</item></channel></rss>";
	struct buf u16 = BUF_INIT;
	const char *ascii = "<rss><channel><item><title>X</title></item></channel></rss>";
	size_t i;

	(void)state;
	check_charset(cp1251, sizeof cp1251 - 1, NULL, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82|");
	check_charset(koi8, sizeof koi8 - 1, "KOI8-R", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82|");
	/* ISO-8859-1 is read as windows-1252, as browsers do. */
	check_charset(latin1, sizeof latin1 - 1, NULL, "\xc3\xa9t\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d|");
	/* The declaration beats the HTTP charset. */
	check_charset(cp1251, sizeof cp1251 - 1, "KOI8-R", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82|");
	check_charset(bad, sizeof bad - 1, NULL, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "cd|");
	buf_add(&u16, "\xff\xfe", 2);
	for (i = 0; ascii[i] != '\0'; i++) {
		buf_addc(&u16, ascii[i]);
		buf_addc(&u16, '\0');
	}
	check_charset(u16.data, u16.len, NULL, "X|");
	buf_free(&u16);
}

static void
test_recovery(void **state)
{
	static const char cut[] = "<rss><channel><title>T</title><item><title>1</title></item>"
	    "<item><title>2</title></item><item><title>3 is cut";
	static const char amp[] = "<rss><channel><title>AT&T &nosuch; &#38; &#xZZ;</title>"
	    "<item><link>http://x/?a=1&b=2</link><title><![CDATA[a & b]]></title></item></channel></rss>";
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	struct parser *p;

	(void)state;
	assert_int_equal(run(cut, sizeof cut - 1, 5, NULL, NULL, &s, &p), 0);
	assert_int_equal(s.n, 2);
	assert_non_null(parser_warnings(p));
	assert_non_null(strstr(parser_warnings(p), "line 1, column"));
	parser_free(p);
	seen_free(&s);
	memset(&s, 0, sizeof s);
	assert_int_equal(run(amp, sizeof amp - 1, 1, NULL, NULL, &s, &p), 0);
	assert_string_equal(parser_feed(p)->title, "AT&T &nosuch; & &#xZZ;");
	assert_string_equal(s.lines.data, "a & b|http://x/?a=1&b=2|||-|-\n");
	assert_non_null(strstr(parser_warnings(p), "bare"));
	parser_free(p);
	seen_free(&s);
}

static void
test_not_feeds(void **state)
{
	static const char html[] = "<!doctype html><html><head><base href=\"http://s.example/b/\">"
	    "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"atom.xml\">"
	    "<LINK REL=alternate TYPE=application/rss+xml HREF='/rss?a=1&amp;b=2'>"
	    "<link rel=\"stylesheet\" type=\"text/css\" href=\"s.css\"></head><body></body></html>";
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	const char *const *urls;
	struct parser *p;

	(void)state;
	assert_int_equal(run(html, sizeof html - 1, 11, "http://s.example/page", NULL, &s, &p), -1);
	assert_int_equal(parser_alternates(p, &urls), 2);
	assert_string_equal(urls[0], "http://s.example/b/atom.xml");
	assert_string_equal(urls[1], "http://s.example/rss?a=1&b=2");
	assert_string_equal(parser_error(p), "not a feed: an HTML page; it advertises "
	    "http://s.example/b/atom.xml, http://s.example/rss?a=1&b=2");
	parser_free(p);
	assert_int_equal(run("<opml><body/></opml>", 20, 0, NULL, NULL, &s, &p), -1);
	assert_string_equal(parser_error(p), "not a feed: the document is <opml>");
	parser_free(p);
	assert_int_equal(run("  \n", 3, 0, NULL, NULL, &s, &p), -1);
	assert_string_equal(parser_error(p), "empty document");
	parser_free(p);
	assert_int_equal(run("{\"a\":1}", 7, 0, NULL, NULL, &s, &p), -1);
	assert_non_null(strstr(parser_error(p), "JSON Feed"));
	parser_free(p);
	assert_int_equal(s.n, 0);
	seen_free(&s);
}

static void
test_jsonfeed(void **state)
{
	static const char doc[] = "{\"version\":\"https://jsonfeed.org/version/1.1\","
	    "\"title\":\"J\",\"home_page_url\":\"https://j.example/\",\"authors\":[{\"name\":\"JA\"}],"
	    "\"items\":[{\"id\":\"1\",\"url\":\"/p/1\",\"title\":\"P1\",\"content_text\":\"a<b\","
	    "\"summary\":\"s\",\"date_published\":\"2024-02-02T02:02:02+02:00\",\"tags\":[\"t\"],"
	    "\"attachments\":[{\"url\":\"/a.mp3\",\"mime_type\":\"audio/mpeg\",\"size_in_bytes\":5}]},"
	    "{\"id\":2,\"content_html\":\"<p>h</p>\",\"author\":{\"name\":\"Old\"},\"image\":\"i.png\"}]}";
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	struct parser *p;

	(void)state;
	assert_int_equal(run(doc, sizeof doc - 1, 9, "https://j.example/feed.json", NULL, &s, &p), 0);
	assert_int_equal(parser_feed(p)->format, FEED_JSONFEED);
	assert_string_equal(s.lines.data,
	    "P1|https://j.example/p/1|1|JA|2024-02-02T00:02:02Z|-\n"
	    "||2|Old|-|-\n");
	assert_string_equal(s.extra.data,
	    "S=s C=a&lt;b cat=t enc=https://j.example/a.mp3,audio/mpeg,5\n"
	    "S= C=<p>h</p> media=https://j.example/i.png,image,,,0,0\n");
	parser_free(p);
	seen_free(&s);
}

static void
test_hostile(void **state)
{
	static const char laughs[] = "<?xml version=\"1.0\"?><!DOCTYPE lolz ["
	    "<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
	    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]>"
	    "<rss><channel><title>&lol2;</title></channel></rss>";
	static const char external[] = "<?xml version=\"1.0\"?><!DOCTYPE r ["
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel><title>&x;</title></channel></rss>";
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	struct buf b = BUF_INIT;
	struct parser *p;
	int i;

	(void)state;
	assert_int_equal(run(laughs, sizeof laughs - 1, 0, NULL, NULL, &s, &p), -1);
	assert_non_null(strstr(parser_error(p), "entity declaration refused"));
	parser_free(p);
	assert_int_equal(run(external, sizeof external - 1, 0, NULL, NULL, &s, &p), -1);
	assert_non_null(strstr(parser_error(p), "entity declaration refused"));
	parser_free(p);
	/* Deep nesting stops at the limit; what came before stays. */
	buf_adds(&b, "<rss><channel><title>deep</title><item><title>i</title></item>");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "<x>");
	assert_int_equal(run(b.data, b.len, 4096, NULL, NULL, &s, &p), 0);
	assert_int_equal(s.n, 1);
	assert_non_null(strstr(parser_warnings(p), "nested deeper than"));
	parser_free(p);
	seen_free(&s);
	buf_free(&b);
}

static void
test_limits(void **state)
{
	struct parse_opts opts;
	struct seen s = { BUF_INIT, BUF_INIT, 0, 0 };
	struct buf b = BUF_INIT;
	struct parser *p;
	int i;

	(void)state;
	buf_adds(&b, "<rss><channel><title>many</title>");
	for (i = 0; i < 50; i++)
		buf_printf(&b, "<item><title>%d</title><description>", i);
	buf_reset(&b);
	buf_adds(&b, "<rss><channel><title>many</title>");
	for (i = 0; i < 50; i++)
		buf_printf(&b, "<item><title>%d</title><description>%0200d</description></item>", i, 0);
	buf_adds(&b, "</channel></rss>");
	memset(&opts, 0, sizeof opts);
	opts.on_item = collect;
	opts.ctx = &s;
	opts.max_items = 10;
	opts.max_field = 100;
	p = parser_new(&opts);
	assert_int_equal(parser_push(p, b.data, b.len), 0);
	assert_int_equal(parser_finish(p), 0);
	assert_int_equal(s.n, 10);
	assert_int_equal(parser_item_count(p), 10);
	assert_non_null(strstr(parser_warnings(p), "more than 10 items"));
	assert_non_null(strstr(parser_warnings(p), "longer than 100 bytes"));
	assert_non_null(strstr(s.extra.data, "S=0000000000"));
	assert_null(strstr(s.extra.data, "S=" "0000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000000000000000000000000000000000 "));
	parser_free(p);
	/* The caller can stop the parse. */
	seen_free(&s);
	memset(&s, 0, sizeof s);
	s.stop_after = 3;
	assert_int_equal(run(b.data, b.len, 100, NULL, NULL, &s, NULL), 0);
	assert_int_equal(s.n, 3);
	seen_free(&s);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_rfc822),
		cmocka_unit_test(test_dates_iso),
		cmocka_unit_test(test_url_resolve),
		cmocka_unit_test(test_entities_table),
		cmocka_unit_test(test_text_helpers),
		cmocka_unit_test(test_rss2),
		cmocka_unit_test(test_chunking),
		cmocka_unit_test(test_quirky),
		cmocka_unit_test(test_rss1_and_090),
		cmocka_unit_test(test_atom),
		cmocka_unit_test(test_atom03),
		cmocka_unit_test(test_media),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_recovery),
		cmocka_unit_test(test_not_feeds),
		cmocka_unit_test(test_jsonfeed),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
