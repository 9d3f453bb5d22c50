/* Unit tests for src/parse: shapes that other feed readers' test suites
 * and real feeds use and that dateline read differently before (dates
 * as feeds write them, and the item fields of tests further down).  The
 * values are ours; each test names the shape it stands for. */
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
#include "util/util.h"

static void
check_date(const char *in, const char *want)
{
	char got[21] = "null";
	int64_t t = parse_date(in);

	if (t != DL_TIME_NONE)
		time_format_iso(t, got);
	if (strcmp(got, want != NULL ? want : "null") != 0)
		fail_msg("parse_date(\"%s\") = %s, want %s", in, got, want ? want : "null");
}

/* RFC 822 the way feeds bend it: parts in another order, names in other
 * languages, 12-hour clocks, ordinals, more zone names. */
static void
test_dates_loose(void **state)
{
	(void)state;
	/* month before day (asctime, JavaScript's Date.toString) */
	check_date("Wed Mar  6 08:15:42 2019", "2019-03-06T08:15:42Z");
	check_date("Wed Mar 06 08:15:42 +0000 2019", "2019-03-06T08:15:42Z");
	check_date("Sat Aug 17 2019 21:40:00 GMT+0200 (Central European Summer Time)",
	    "2019-08-17T19:40:00Z");
	check_date("Sat, Aug 17 2019 21:40:00 EDT", "2019-08-18T01:40:00Z");
	check_date("August 17, 2019 09:40:00 PM", "2019-08-17T21:40:00Z");
	check_date("Aug. 17, 2019, 9:40 p.m.", "2019-08-17T21:40:00Z");
	check_date("Aug. 17, 2019, 12:05 a.m.", "2019-08-17T00:05:00Z");
	check_date("Sat, August 17, 2019 at 11:05 AM CDT", "2019-08-17T16:05:00Z");
	check_date("Saturday, August 17, 2019 - 9:40pm", "2019-08-17T21:40:00Z");
	/* ordinals, a comma after the month or the year */
	check_date("Sat, 17th Aug 2019 06:00:00 GMT", "2019-08-17T06:00:00Z");
	check_date("Thu, 1st Aug 2019 06:00:00 GMT", "2019-08-01T06:00:00Z");
	check_date("Sat, 17 Aug, 2019 06:00:00 UTC", "2019-08-17T06:00:00Z");
	check_date("Sat, 17 Aug 2019, 06:00", "2019-08-17T06:00:00Z");
	check_date("17 August, 2019", "2019-08-17T00:00:00Z");
	check_date("17 Aug 2019 UTC", "2019-08-17T00:00:00Z");
	/* weekday spellings */
	check_date("Thurs, 15 Aug 2019 06:00:00 +0000", "2019-08-15T06:00:00Z");
	check_date("Tues, 13 Aug 2019 06:00:00 +0000", "2019-08-13T06:00:00Z");
	/* German, French, Spanish names */
	check_date("Mi, 14 Aug 2019 10:00:00 +0200", "2019-08-14T08:00:00Z");
	check_date("Do, 28 Mär 2019 10:00:00 +0100", "2019-03-28T09:00:00Z");
	check_date("Montag, 16. Dezember 2019 - 07:30", "2019-12-16T07:30:00Z");
	check_date("jeu., 05 déc. 2019 18:00:00 +0100", "2019-12-05T17:00:00Z");
	check_date("mar., 10 déc. 2019 18:00:00 +0000", "2019-12-10T18:00:00Z");
	check_date("mar., 10 mars 2020 18:00:00 +0000", "2020-03-10T18:00:00Z");
	check_date("ven., 12 juil. 2019 08:00:00 +0000", "2019-07-12T08:00:00Z");
	check_date("mié, 14 ago 2019 12:00:00 +0000", "2019-08-14T12:00:00Z");
	check_date("Ter, 17 Set 2019 21:05:10 -0300", "2019-09-18T00:05:10Z");
	check_date("Qui, 03 Out 2019 08:00:00 -0300", "2019-10-03T11:00:00Z");
	check_date("quinta-feira, 3 outubro 2019", "2019-10-03T00:00:00Z");
	check_date("Tue, 12 Mar 2019 12:00:00 GMT", "2019-03-12T12:00:00Z");
	/* zones: European and US names, GMT with an offset, Etc/GMT */
	check_date("Sat, 17 Aug 2019 10:00:00 CEST", "2019-08-17T08:00:00Z");
	check_date("Sat, 16 Nov 2019 10:00:00 MET", "2019-11-16T09:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 BST", "2019-08-17T09:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 JST", "2019-08-17T01:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 PT", "2019-08-17T18:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 ET", "2019-08-17T15:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 GMT-04:30", "2019-08-17T14:30:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 GMT+1", "2019-08-17T09:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 Etc/GMT", "2019-08-17T10:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 -02:15", "2019-08-17T12:15:00Z");
	check_date("2019-08-17 10:00:00.25 -0700 MST", "2019-08-17T17:00:00Z");
	check_date("Sat, 17 Aug 2019 10:00:00 +0000 UTC", "2019-08-17T10:00:00Z");
	/* numeric dates that can be read one way only */
	check_date("Sat, 2019/08/17 10:00:00 EDT", "2019-08-17T14:00:00Z");
	check_date("Sat, 17/08/2019", "2019-08-17T00:00:00Z");
	check_date("08/17/2019 10:00 pm", "2019-08-17T22:00:00Z");
	check_date("17.08.19", "2019-08-17T00:00:00Z");
	/* ISO slips */
	check_date("2019-008-17T10:00:00+00:00", "2019-08-17T10:00:00Z");
	check_date("2019-08-17T10:00:00-04:00Z", "2019-08-17T14:00:00Z");
	check_date("2019-08-17T10:00", "2019-08-17T10:00:00Z");

	/* still not dates: ambiguous, incomplete, unknown or broken parts */
	check_date("05/06/2019", NULL);
	check_date("Sat, 05 06 2019 10:00:00 +0000", NULL);
	check_date("Aug. 2019", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 America/Denver", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 IST", NULL);
	check_date("Sat, 17 Aug 2019 1:2:3:4 GMT", NULL);
	check_date("Sat, 17 Aug 2019 13:00 PM", NULL);
	check_date("Sat, 17 Aug 2019 10:00 AM PM", NULL);
	check_date("Sat, 17 Aug Jul 2019", NULL);
	check_date("Sat, 17 18 Aug 2019", NULL);
	check_date("Sat, 17 Aug 2019 2020", NULL);
	check_date("Sat, 17th 18th Aug 2019", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 +zz:00", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 (UTC", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 GMT @", NULL);
	check_date("Sat, 17 Aug 2019 10:00:00 +0000 UTC GMT", NULL);
	check_date("2019-08-17T10:00:00+02:00Textra", NULL);
	check_date("12019", NULL);
	check_date("tomorrow at 5", NULL);
}


/* The items of a document, one line each: "title|link|author|summary|
 * content|enclosure URLs", parsed with url as the feed's URL. */
static int
collect(void *ctx, const struct feed *feed, const struct item *it)
{
	struct buf *b = ctx;
	size_t i;

	(void)feed;
	buf_printf(b, "%s|%s|%s|%s|%s|", it->title, it->link, it->author,
	    it->summary, it->content);
	for (i = 0; i < it->nenclosures; i++)
		buf_printf(b, "%s%s", i > 0 ? " " : "", it->enclosures[i].url);
	buf_addc(b, '\n');
	return 0;
}

static char *
items(const char *doc, const char *url)
{
	struct parse_opts opts;
	struct parser *p;
	struct buf b = BUF_INIT;

	memset(&opts, 0, sizeof opts);
	opts.url = url;
	opts.on_item = collect;
	opts.ctx = &b;
	p = parser_new(&opts);
	assert_int_equal(parser_push(p, doc, strlen(doc)), 0);
	assert_int_equal(parser_finish(p), 0);
	parser_free(p);
	return b.data != NULL ? buf_detach(&b) : xstrdup("");
}

static void
check_items(const char *doc, const char *url, const char *want)
{
	char *got = items(doc, url);

	if (strcmp(got, want) != 0)
		fail_msg("items:\n%s\nwant:\n%s", got, want);
	free(got);
}

#define RSS_HEAD "<rss version=\"2.0\" " \
	"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" " \
	"xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" " \
	"xmlns:fb=\"http://rssnamespace.org/feedburner/ext/1.0\" " \
	"xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>C</title>"
#define RSS_TAIL "</channel></rss>"
#define ATOM_HEAD "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title>"

/* Relative URLs in escaped HTML: an RSS item's against its own link
 * (else the feed's URL), an Atom entry's against xml:base or the feed's
 * URL.  Schemes, fragments and comments stay as they are. */
static void
test_html_rebase(void **state)
{
	(void)state;
	check_items(RSS_HEAD "<item><title>a</title>"
	    "<description>&lt;img src=\"pics/owl.png\"&gt;</description>"
	    "<link>https://birds.test/2020/owls/</link></item>" RSS_TAIL,
	    "https://feeds.test/birds/rss",
	    "a|https://birds.test/2020/owls/||<img src=\"https://birds.test/2020/owls/pics/owl.png\">||\n");
	check_items(RSS_HEAD "<item><title>b</title>"
	    "<content:encoded><![CDATA[<a href='/about'>x</a> <a href=#n1>1</a> "
	    "<a href=\"mailto:me@birds.test\">m</a> <!-- <img src=\"c.png\"> -->"
	    "<img srcset=\"s.png 1x, /l.png 2x\" src=\"//cdn.test/i.png\">]]>"
	    "</content:encoded></item>" RSS_TAIL,
	    "https://feeds.test/birds/rss",
	    "b||||<a href='https://feeds.test/about'>x</a> <a href=#n1>1</a> "
	    "<a href=\"mailto:me@birds.test\">m</a> <!-- <img src=\"c.png\"> -->"
	    "<img srcset=\"https://feeds.test/birds/s.png 1x, https://feeds.test/l.png 2x\" "
	    "src=\"https://cdn.test/i.png\">|\n");
	check_items(ATOM_HEAD "<entry><title>c</title>"
	    "<link href=\"https://birds.test/c\"/>"
	    "<summary type=\"html\">&lt;img src=\"t.png\"&gt;</summary>"
	    "<content type=\"html\" xml:base=\"https://img.test/d/\">"
	    "&lt;video poster=\"p.jpg\" src=\"../v.mp4\"&gt;</content></entry></feed>",
	    "https://feeds.test/atom/feed.xml",
	    "c|https://birds.test/c||<img src=\"https://feeds.test/atom/t.png\">|"
	    "<video poster=\"https://img.test/d/p.jpg\" src=\"https://img.test/v.mp4\">|\n");
	/* markup left unescaped in an RSS description: the same base */
	check_items(RSS_HEAD "<item><title>e</title><link>https://birds.test/e/</link>"
	    "<description>See <a href=\"more.html\">more</a></description></item>" RSS_TAIL,
	    "https://feeds.test/birds/rss",
	    "e|https://birds.test/e/||See <a href=\"https://birds.test/e/more.html\">more</a>||\n");
	/* JSON Feed: content_html against the item's url */
	check_items("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\","
	    "\"items\":[{\"id\":\"1\",\"title\":\"j\",\"url\":\"/notes/7/\","
	    "\"content_html\":\"<img src=\\\"fig.png\\\"> <a href=\\\"../6/\\\">6</a>\"}]}",
	    "https://jot.test/feed.json",
	    "j|https://jot.test/notes/7/|||<img src=\"https://jot.test/notes/7/fig.png\"> "
	    "<a href=\"https://jot.test/notes/6/\">6</a>|\n");
	/* no base at all: left relative */
	check_items(RSS_HEAD "<item><title>d</title><description>&lt;img src=\"e.png\"&gt;"
	    "</description></item>" RSS_TAIL, NULL, "d|||<img src=\"e.png\">||\n");
}

/* Podcast and FeedBurner elements, Atom authors with only an address,
 * links of other types, "Name <address>" authors. */
static void
test_item_fields(void **state)
{
	(void)state;
	check_items(RSS_HEAD "<itunes:author>Show Host</itunes:author>"
	    "<item><title>e1</title><itunes:subtitle>Line</itunes:subtitle>"
	    "<itunes:summary>Notes &amp; more</itunes:summary>"
	    "<itunes:author>Guest</itunes:author></item>"
	    "<item><title>e2</title><itunes:summary>Notes</itunes:summary>"
	    "<description>Real</description></item>"
	    "<item><title>e3</title><itunes:subtitle>Only line</itunes:subtitle></item>"
	    RSS_TAIL, NULL,
	    "e1||Guest|Notes &amp; more||\ne2|||Real||\ne3|||Only line||\n");
	check_items(RSS_HEAD "<item><title>f</title><link>http://proxy.test/1</link>"
	    "<fb:origLink>https://birds.test/f</fb:origLink>"
	    "<enclosure url=\"http://proxy.test/f.mp3\" type=\"audio/mpeg\"/>"
	    "<fb:origEnclosureLink>https://birds.test/f.mp3</fb:origEnclosureLink>"
	    "</item>" RSS_TAIL, NULL, "f|https://birds.test/f||||https://birds.test/f.mp3\n");
	/* a person named twice is named once */
	check_items(ATOM_HEAD "<author><name>Ann</name></author><author><name>Bo</name>"
	    "</author><author><name>Ann</name></author><entry><title>w</title></entry>"
	    "<entry><title>x</title><author><name>Bo Ek</name></author><author><name>Bo"
	    "</name></author><author><name>Bo Ek</name></author></entry></feed>", NULL,
	    "w||Ann, Bo|||\nx||Bo Ek, Bo|||\n");
	check_items(ATOM_HEAD "<entry><title>g</title><author><email>g@birds.test</email>"
	    "</author></entry><entry><title>h</title><author><email>h@birds.test</email>"
	    "<name>Hanna</name></author></entry></feed>", NULL,
	    "g||g@birds.test|||\nh||Hanna|||\n");
	check_items(RSS_HEAD "<item><title>i</title><atom:author><atom:email>i@birds.test"
	    "</atom:email></atom:author></item><item><title>j</title>"
	    "<author>Jana Berg &lt;jana@birds.test&gt;</author></item>" RSS_TAIL, NULL,
	    "i||i@birds.test|||\nj||Jana Berg|||\n");
	/* an author in escaped HTML (some journals' dc:creator) is text */
	check_items(RSS_HEAD "<item><title>dc</title><dc:creator xmlns:dc=\"http://purl.org/dc/"
	    "elements/1.1/\">&lt;a href=&quot;https://uni.test/p/1&quot;&gt;Ada Moor&lt;/a&gt; "
	    "(Uni A), &lt;a href=&quot;https://uni.test/p/2&quot;&gt;Ben Fell&lt;/a&gt;"
	    "</dc:creator></item><item><title>au</title><author>Ed O&amp;#39;Neil "
	    "&lt;ed@uni.test&gt;</author></item>" RSS_TAIL, NULL,
	    "dc||Ada Moor (Uni A), Ben Fell|||\nau||Ed O'Neil|||\n");
	check_items(ATOM_HEAD "<entry><title>k</title>"
	    "<link rel=\"alternate\" type=\"application/pdf\" href=\"https://birds.test/k.pdf\"/>"
	    "<link rel=\"alternate\" type=\"text/html\" href=\"https://birds.test/k\"/>"
	    "</entry><entry><title>l</title><link rel=\"alternate\" href=\"\"/>"
	    "<link rel=\"alternate\" type=\"video/mp4\" href=\"https://birds.test/l.mp4\"/>"
	    "</entry></feed>", NULL, "k|https://birds.test/k||||\nl|https://birds.test/l.mp4||||\n");
}

/* Spaces around a URL attribute are not the URL's; a <feed> without its
 * namespace is read as Atom. */
static void
test_atom_slips(void **state)
{
	(void)state;
	check_items(ATOM_HEAD "<entry><title>m</title><link href=\"\n /2021/m.html  \"/>"
	    "<link rel=\"enclosure\" href=\" m.ogg \"/></entry></feed>",
	    "https://moor.test/feed/", "m|https://moor.test/2021/m.html||||https://moor.test/feed/m.ogg\n");
	/* ampersands escaped twice in a link */
	check_items(RSS_HEAD "<item><title>u</title><link>https://moor.test/?p=1&amp;amp;q=2"
	    "</link></item>" RSS_TAIL, NULL, "u|https://moor.test/?p=1&q=2||||\n");
	/* an id that is an http(s) URL stands in for a missing link */
	check_items(ATOM_HEAD "<entry><title>z1</title><id>https://moor.test/z/1</id></entry>"
	    "<entry><title>z2</title><id>tag:moor.test,2020:z2</id></entry>"
	    "<entry><title>z3</title><id>https://moor.test/z/3</id>"
	    "<link href=\"https://moor.test/z3.html\"/></entry></feed>", NULL,
	    "z1|https://moor.test/z/1||||\nz2|||||\nz3|https://moor.test/z3.html||||\n");
	/* blank URLs are no files; the same file twice is one */
	check_items(ATOM_HEAD "<entry><title>y</title><link rel=\"enclosure\" href=\"   \"/>"
	    "<link rel=\"enclosure\" href=\"/y.ogg\"/><link rel=\"enclosure\" "
	    "href=\" https://moor.test/y.ogg\"/></entry></feed>", "https://moor.test/feed",
	    "y|||||https://moor.test/y.ogg\n");
	check_items("<feed><title>Bare</title><entry><title>n</title>"
	    "<link href=\"https://moor.test/n\"/><summary>Plain</summary>"
	    "<author><name>Nils</name></author></entry></feed>", NULL,
	    "n|https://moor.test/n|Nils|Plain||\n");
}

/* Blank lines before the XML declaration (a script's stray output), and
 * prefixes used without a declaration: the feed is read all the same. */
static void
test_sloppy_documents(void **state)
{
	struct parse_opts opts;
	struct parser *p;
	const char *one_line = "<rss version=\"2.0\"><channel><title>q</title>"
	    "<item><title>q1</title></item><item><title>q2<i></title></item>"
	    "<item><title>q3</title></item></channel></rss>";

	(void)state;
	check_items("\n\n   <?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<rss version=\"2.0\"><channel><title>o</title><item><title>o1</title>"
	    "</item></channel></rss>", NULL, "o1|||||\n");
	check_items("\xEF\xBB\xBF\r\n<?xml version=\"1.0\"?><rss version=\"2.0\">"
	    "<channel><title>p</title><item><title>p1</title></item></channel></rss>",
	    NULL, "p1|||||\n");
	/* the declared charset still counts after the blank lines */
	check_items("\n<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<rss version=\"2.0\">"
	    "<channel><title>r</title><item><title>Gr\xFC\xDF" "e</title></item>"
	    "</channel></rss>", NULL, "Gr\xC3\xBC\xC3\x9F" "e|||||\n");
	/* media:, dc: and itunes: never declared; one declared elsewhere */
	check_items("<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<rss version=\"2.0\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>s</title>"
	    "<item><title>s1</title><media:thumbnail url=\"https://moor.test/s1.jpg\"/>"
	    "<dc:creator>Sanna</dc:creator></item><item><title>s2</title>"
	    "<itunes:author>Sven</itunes:author><enclosure url=\"https://moor.test/s2.mp3\"/>"
	    "</item></channel></rss>", NULL, "s1||Sanna|||\ns2||Sven|||https://moor.test/s2.mp3\n");
	check_items("<rdf:RDF xmlns=\"http://purl.org/rss/1.0/\"><channel><title>t</title>"
	    "</channel><item rdf:about=\"https://moor.test/t1\"><title>t1</title>"
	    "<link>https://moor.test/t1</link></item></rdf:RDF>", NULL,
	    "t1|https://moor.test/t1||||\n");
	/* HTML's empty elements left open in unescaped markup are closed;
	 * closed ones, CDATA and comments are left as they are */
	check_items("<rss version=\"2.0\"><channel><title>v</title><item><title>v1</title>"
	    "<description>one<br>two<BR >three<hr class='x>y'><img src=\"a.png\" alt=\"a\">"
	    "</description></item><item><title>v2</title><description>x<br></br>y<br/>"
	    "<img src=\"b.png\"></img><![CDATA[<br>]]><!-- <hr> --></description></item>"
	    "</channel></rss>", "https://moor.test/",
	    "v1|||one<br>two<BR>three<hr class=\"x&gt;y\"><img src=\"https://moor.test/a.png\" "
	    "alt=\"a\">||\nv2|||x<br>y<br><img src=\"https://moor.test/b.png\"><br>||\n");
	/* positions in warnings are the document's own, on the root's line too */
	memset(&opts, 0, sizeof opts);
	p = parser_new(&opts);
	assert_int_equal(parser_push(p, one_line, strlen(one_line)), 0);
	assert_int_equal(parser_finish(p), 0);
	assert_non_null(parser_warnings(p));
	assert_non_null(strstr(parser_warnings(p), "line 1, column 95: mismatched tag"));
	assert_int_equal(parser_item_count(p), 2);
	parser_free(p);
}

/* A title's markup is removed only when it is HTML: "<iostream>" or
 * "</tag>" are words of the title. */
static void
test_title_markup(void **state)
{
	(void)state;
	check_items(RSS_HEAD "<item><title>Why &lt;iostream&gt; is slow</title></item>"
	    "<item><title>&lt;/closing&gt; tags</title></item>"
	    "<item><title>A &lt;b&gt;bold&lt;/b&gt; &lt;br/&gt;move</title></item>"
	    "<item><title>&lt;H2 class=\"x\"&gt;Upper&lt;/H2&gt;</title></item>"
	    "<item><title>x &lt;y and y&gt; z</title></item>" RSS_TAIL, NULL,
	    "Why <iostream> is slow|||||\n</closing> tags|||||\nA bold move|||||\n"
	    "Upper|||||\nx <y and y> z|||||\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_loose),
		cmocka_unit_test(test_html_rebase),
		cmocka_unit_test(test_item_fields),
		cmocka_unit_test(test_title_markup),
		cmocka_unit_test(test_atom_slips),
		cmocka_unit_test(test_sloppy_documents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
