/*
 * parse: the parser's public face.  Bytes go through the charset stage,
 * the first of them decide the format (XML feed, JSON Feed, or an HTML
 * page that is not a feed), and items are handed to the caller the moment
 * they are complete.  Errors stop reading; what was delivered stays good.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parse-int.h"

const char *
feed_format_name(enum feed_format f)
{
	switch (f) {
	case FEED_RSS09X:
		return "rss0.9x";
	case FEED_RSS10:
		return "rss1.0";
	case FEED_RSS20:
		return "rss2.0";
	case FEED_ATOM03:
		return "atom0.3";
	case FEED_ATOM10:
		return "atom1.0";
	case FEED_JSONFEED:
		return "jsonfeed";
	case FEED_UNKNOWN:
		break;
	}
	return "unknown";
}

void
parse_warn(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (p->warnings.len + strlen(msg) < PARSE_MAX_WARNINGS) {
		if (p->warnings.len > 0)
			buf_addc(&p->warnings, '\n');
		buf_adds(&p->warnings, msg);
	}
	free(msg);
}

/* The first error wins: it is the cause, later ones are consequences. */
void
parse_fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	p->failed = 1;
	if (p->error != NULL)
		return;
	va_start(ap, fmt);
	p->error = xvasprintf(fmt, ap);
	va_end(ap);
}

void
parse_set_format(struct parser *p, enum feed_format f)
{
	p->feed.format = f;
	p->feed_seen = 1;
}

void
parse_set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

void
parse_set_if_empty(char **dst, const char *s)
{
	if (**dst == '\0' && *s != '\0')
		parse_set_str(dst, s);
}

static void
item_init(struct item *it)
{
	memset(it, 0, sizeof *it);
	it->guid = xstrdup("");
	it->title = xstrdup("");
	it->link = xstrdup("");
	it->author = xstrdup("");
	it->summary = xstrdup("");
	it->content = xstrdup("");
	it->published = DL_TIME_NONE;
	it->updated = DL_TIME_NONE;
}

void
parse_item_reset(struct item *it)
{
	size_t i;

	free(it->guid);
	free(it->title);
	free(it->link);
	free(it->author);
	free(it->summary);
	free(it->content);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	for (i = 0; i < it->nmedia; i++) {
		free(it->media[i].url);
		free(it->media[i].type);
		free(it->media[i].caption);
		free(it->media[i].credit);
	}
	free(it->media);
	memset(it, 0, sizeof *it);
}

void
parse_add_category(struct parser *p, struct item *it, const char *s)
{
	size_t i;

	if (*s == '\0' || it->ncategories >= PARSE_MAX_LIST)
		return;
	for (i = 0; i < it->ncategories; i++) {
		if (strcmp(it->categories[i], s) == 0)
			return;
	}
	it->categories = xreallocarray(it->categories, it->ncategories + 1,
	    sizeof *it->categories);
	it->categories[it->ncategories++] = xstrdup(s);
	(void)p;
}

static char *
clean_small(const char *s)
{
	size_t len = strlen(s);

	return text_collapse(s, text_utf8_cut(s, len, PARSE_MAX_SMALL));
}

void
parse_add_enclosure(struct parser *p, const char *url, const char *type,
    const char *length)
{
	struct item *it = &p->item;
	struct enclosure *e;
	char *end, *abs;
	long long n;
	size_t i;

	if (url == NULL || url[strspn(url, " \t\r\n")] == '\0' ||
	    it->nenclosures >= PARSE_MAX_LIST)
		return;
	abs = xml_resolve(p, url);
	for (i = 0; i < it->nenclosures; i++) {
		if (strcmp(it->enclosures[i].url, abs) == 0) {
			free(abs);	/* the same file twice */
			return;
		}
	}
	it->enclosures = xreallocarray(it->enclosures, it->nenclosures + 1,
	    sizeof *it->enclosures);
	e = &it->enclosures[it->nenclosures++];
	e->url = abs;
	e->type = clean_small(type ? type : "");
	e->length = -1;
	if (length != NULL) {
		n = strtoll(length, &end, 10);
		if (end != length && *end == '\0' && n >= 0)
			e->length = n;
	}
}

static int
dimension(const char *s)
{
	char *end;
	long n;

	if (s == NULL)
		return 0;
	n = strtol(s, &end, 10);
	if (end == s || n <= 0 || n > 1000000)
		return 0;
	return (int)n;
}

/* Returns the index of the new media entry, or -1. */
int
parse_add_media(struct parser *p, const char *url, const char *type,
    const char *width, const char *height)
{
	struct media_acc *m;
	char *abs;
	size_t i;

	if (url == NULL || url[strspn(url, " \t\r\n")] == '\0' ||
	    p->nmedia >= PARSE_MAX_LIST)
		return -1;
	abs = xml_resolve(p, url);
	for (i = 0; i < p->nmedia; i++) {
		if (strcmp(p->media[i].m.url, abs) == 0) {
			free(abs);
			return (int)i;
		}
	}
	p->media = xreallocarray(p->media, p->nmedia + 1, sizeof *p->media);
	m = &p->media[p->nmedia];
	m->m.url = abs;
	m->m.type = clean_small(type ? type : "");
	m->m.caption = xstrdup("");
	m->m.credit = xstrdup("");
	m->m.width = dimension(width);
	m->m.height = dimension(height);
	m->group = p->cur_group;
	return (int)p->nmedia++;
}

void
parse_item_begin(struct parser *p)
{
	parse_item_reset(&p->item);
	item_init(&p->item);
	media_reset(p);
	buf_reset(&p->person);
	p->in_item = 1;
	p->item_author_email = 0;
	p->guid_is_link = 0;
	p->rebase_pending = 0;
	p->item_link_weak = 0;
	free(p->alt_summary);
	p->alt_summary = NULL;
	p->alt_rank = 0;
	free(p->orig_enclosure);
	p->orig_enclosure = NULL;
}

/* The base of an item's HTML without an xml:base: an RSS item's own
 * link (its text was written for that page, and a feed is often served
 * from another host), else the feed's URL. */
static void
item_rebase(struct parser *p, struct item *it)
{
	const char *base = p->frames[0].base;

	if (!p->rebase_pending)
		return;
	if (p->feed.format != FEED_ATOM10 && p->feed.format != FEED_ATOM03 &&
	    (strncmp(it->link, "http://", 7) == 0 ||
	    strncmp(it->link, "https://", 8) == 0))
		base = it->link;
	html_rebase(&it->summary, base);
	html_rebase(&it->content, base);
}

void
parse_deliver(struct parser *p, struct item *it)
{
	if (p->stopped || p->failed)
		return;
	if (p->nitems >= p->max_items) {
		parse_warn(p, _("more than %zu items: the rest was not read"),
		    p->max_items);
		p->stopped = 1;
		return;
	}
	p->nitems++;
	if (p->opts.on_item != NULL &&
	    p->opts.on_item(p->opts.ctx, &p->feed, it) != 0)
		p->stopped = 1;
}

void
parse_item_end(struct parser *p)
{
	struct item *it = &p->item;

	media_item_end(p);
	if (*it->link == '\0' && p->guid_is_link && (strncmp(it->guid, "http://", 7) == 0 ||
	    strncmp(it->guid, "https://", 8) == 0))
		parse_set_str(&it->link, it->guid);
	/* podcasts: itunes:summary (or subtitle) when there is no summary */
	if (*it->summary == '\0' && *it->content == '\0' && p->alt_summary != NULL) {
		free(it->summary);
		it->summary = p->alt_summary;
		p->alt_summary = NULL;
	}
	if (p->orig_enclosure != NULL && it->nenclosures > 0) {
		free(it->enclosures[0].url);
		it->enclosures[0].url = p->orig_enclosure;
		p->orig_enclosure = NULL;
	}
	item_rebase(p, it);
	/* Atom: an entry without an author has the feed's. */
	if (*it->author == '\0' && (p->feed.format == FEED_ATOM10 ||
	    p->feed.format == FEED_ATOM03))
		parse_set_str(&it->author, p->feed.author);
	parse_deliver(p, it);
	parse_item_reset(it);
	media_reset(p);
	p->in_item = 0;
}

struct parser *
parser_new(const struct parse_opts *opts)
{
	struct parser *p = xcalloc(1, sizeof *p);

	p->opts = *opts;
	p->max_items = opts->max_items ? opts->max_items : PARSE_MAX_ITEMS;
	p->max_field = opts->max_field ? opts->max_field : PARSE_MAX_FIELD;
	p->mode = MODE_SNIFF;
	p->feed.title = xstrdup("");
	p->feed.link = xstrdup("");
	p->feed.description = xstrdup("");
	p->feed.language = xstrdup("");
	p->feed.author = xstrdup("");
	p->feed.updated = DL_TIME_NONE;
	p->cur_media = p->cur_group = -1;
	p->frames[0].base = (char *)opts->url;
	p->frames[0].ctx = CTX_DOC;
	return p;
}

/* UTF-8 from the charset stage. */
static void
on_utf8(void *ctx, const char *s, size_t len)
{
	struct parser *p = ctx;
	size_t i;
	int html, sniffed = 0;

	if (p->failed || p->stopped || len == 0)
		return;
	if (p->mode == MODE_SNIFF) {
		buf_add(&p->sniff, s, len);
		for (i = 0; i < p->sniff.len; i++) {
			char c = p->sniff.data[i];

			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				break;
		}
		if (i == p->sniff.len) {
			buf_reset(&p->sniff);	/* white space: nothing to keep */
			return;
		}
		if (p->sniff.data[i] == '{' || p->sniff.data[i] == '[')
			p->mode = MODE_JSON;
		else if ((html = html_looks_like_page(p->sniff.data + i,
		    p->sniff.len - i)) == 1)
			p->mode = MODE_HTML;
		else if (html < 0 && p->sniff.len < 4096)
			return;		/* not sure yet */
		else
			p->mode = MODE_XML;
		if (p->mode == MODE_XML && xml_start(p) != 0)
			return;
		/* White space before "<?xml" (a script's stray newlines) would
		 * put the declaration where XML forbids it: it goes. */
		s = p->sniff.data + i;
		len = p->sniff.len - i;
		sniffed = 1;
	}
	switch (p->mode) {
	case MODE_XML:
		recover_push(p, s, len, 0);
		break;
	case MODE_JSON:
		jsonfeed_push(p, s, len);
		break;
	case MODE_HTML:
		if (p->html.len < PARSE_MAX_HTML)
			buf_add(&p->html, s, len < PARSE_MAX_HTML - p->html.len ?
			    len : PARSE_MAX_HTML - p->html.len);
		break;
	case MODE_SNIFF:
	case MODE_DONE:
		break;
	}
	if (sniffed)
		buf_free(&p->sniff);
}

/* Blank lines before "<?xml" would hide its encoding: they go (white
 * space is the same bytes in every ASCII-based charset; after a UTF-8
 * BOM, the BOM stays). */
static void
head_trim(struct parser *p)
{
	char *d = p->head.data;
	size_t bom, ws;

	if (d == NULL)
		return;
	bom = p->head.len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	ws = bom;
	while (ws < p->head.len && (d[ws] == ' ' || d[ws] == '\t' ||
	    d[ws] == '\n' || d[ws] == '\r'))
		ws++;
	if (ws == bom || ws == p->head.len || d[ws] != '<')
		return;
	memmove(d + bom, d + ws, p->head.len - ws);
	buf_truncate(&p->head, p->head.len - (ws - bom));
}

static void
start_charset(struct parser *p, const char *data, size_t len)
{
	char *warning = NULL;
	size_t skip;

	p->cs = charset_new(on_utf8, p);
	charset_detect(p->cs, data, len, p->opts.http_charset, &skip, &warning);
	if (warning != NULL) {
		parse_warn(p, "%s", warning);
		free(warning);
	}
	charset_push(p->cs, data + skip, len - skip);
}

int
parser_push(struct parser *p, const char *data, size_t len)
{
	if (p->failed || p->mode == MODE_DONE)
		return p->failed ? -1 : 0;
	if (p->stopped)
		return 0;
	if (p->cs == NULL) {
		/* The XML declaration must be seen whole to pick the charset. */
		buf_add(&p->head, data, len);
		if (p->head.len < 1024 && memmem(p->head.data, p->head.len, "?>", 2) == NULL)
			return 0;
		head_trim(p);
		start_charset(p, p->head.data, p->head.len);
		buf_free(&p->head);
	} else
		charset_push(p->cs, data, len);
	return p->failed ? -1 : 0;
}

int
parser_finish(struct parser *p)
{
	if (p->mode == MODE_DONE)
		return p->feed_seen && p->error == NULL ? 0 : -1;
	if (p->cs == NULL) {
		head_trim(p);
		start_charset(p, buf_str(&p->head), p->head.len);
	}
	buf_free(&p->head);
	if (!p->failed && !p->stopped)
		charset_finish(p->cs);
	if (p->mode == MODE_SNIFF && !p->failed) {
		if (p->sniff.len == strspn(buf_str(&p->sniff), " \t\r\n")) {
			parse_fail(p, _("empty document"));
		} else {
			size_t ws = strspn(buf_str(&p->sniff), " \t\r\n");

			p->mode = MODE_XML;
			if (xml_start(p) == 0)
				recover_push(p, p->sniff.data + ws, p->sniff.len - ws, 0);
		}
		buf_free(&p->sniff);
	}
	switch (p->mode) {
	case MODE_XML:
		if (!p->stopped)
			recover_push(p, "", 0, 1);
		break;
	case MODE_JSON:
		jsonfeed_finish(p);
		break;
	case MODE_HTML:
		html_discover(p);
		break;
	case MODE_SNIFF:
	case MODE_DONE:
		break;
	}
	p->mode = MODE_DONE;
	if (p->error != NULL && p->feed_seen && (p->nitems > 0 || *p->feed.title != '\0')) {
		/* Recovered: what was read before the damage stays. */
		parse_warn(p, "%s", p->error);
		free(p->error);
		p->error = NULL;
	}
	if (p->error == NULL && !p->feed_seen)
		parse_fail(p, _("not a feed: no RSS, Atom or JSON Feed document"));
	return p->error == NULL ? 0 : -1;
}

const struct feed *
parser_feed(const struct parser *p)
{
	return &p->feed;
}

const char *
parser_error(const struct parser *p)
{
	return p->error;
}

const char *
parser_warnings(const struct parser *p)
{
	return p->warnings.len > 0 ? p->warnings.data : NULL;
}

size_t
parser_alternates(const struct parser *p, const char *const **urls)
{
	*urls = (const char *const *)p->alternates;
	return p->nalternates;
}

size_t
parser_item_count(const struct parser *p)
{
	return p->nitems;
}

void
parser_free(struct parser *p)
{
	size_t i;

	if (p == NULL)
		return;
	xml_free(p);
	jsonfeed_free(p);
	charset_free(p->cs);
	buf_free(&p->head);
	buf_free(&p->sniff);
	buf_free(&p->warnings);
	buf_free(&p->text);
	buf_free(&p->person);
	free(p->alt_summary);
	free(p->orig_enclosure);
	buf_free(&p->root_hold);
	buf_free(&p->void_hold);
	buf_free(&p->html);
	buf_free(&p->hold);
	buf_free(&p->prime);
	buf_free(&p->resync_hold);
	parse_item_reset(&p->item);
	media_reset(p);
	free(p->feed.title);
	free(p->feed.link);
	free(p->feed.description);
	free(p->feed.language);
	free(p->feed.author);
	for (i = 0; i < p->nalternates; i++)
		free(p->alternates[i]);
	free(p->alternates);
	free(p->error);
	free(p);
}
