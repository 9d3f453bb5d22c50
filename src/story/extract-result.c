/*
 * extract: the result of an extraction, from what the passes found: the
 * metadata's headline, byline, date, site and lead photo, the JSON-LD
 * articleBody when it holds more than the markup, the page's base URL.
 */
#include "config.h"

#include <ctype.h>
#include <gumbo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse.h"
#include "story/extract-int.h"
#include "util/i18n.h"
#include "util/util.h"

static char *
resolve(const char *base, const char *ref)
{
	if (ref == NULL)
		return NULL;
	if (base == NULL || *base == '\0')
		return xstrdup(ref);
	return parse_url_resolve(base, ref);
}

static const char *
first_of(const char *a, const char *b, const char *c)
{
	return a ? a : b ? b : c;
}

/* Title, byline, date, site and photo from the metadata. */
void
extract_fill_meta(struct extractor *x, struct extract_result *r)
{
	struct extract_meta *m = &x->meta;
	const char *s;
	char *img;

	free(r->title);
	r->title = xstrdup(first_of(m->ld_headline, m->og_title,
	    first_of(m->doc_title, "", NULL)));
	s = first_of(m->ld_author, m->author, NULL);
	if (s != NULL) {
		s = extract_skip_by(s);
		free(r->byline);
		r->byline = xstrdup(s);
	}
	r->published = m->ld_published != DL_TIME_NONE ? m->ld_published :
	    m->published;
	free(r->site_name);
	r->site_name = xstrdup(first_of(m->site_name, m->ld_site_name, ""));
	free(r->url);
	r->url = resolve(x->base, first_of(m->canonical, m->og_url, ""));
	img = resolve(x->base, first_of(m->og_image, m->ld_image, NULL));
	free(r->image);
	r->image = img ? img : xstrdup("");
	free(r->image_caption);
	r->image_caption = xstrdup(first_of(m->ld_caption, m->og_image_alt, ""));
}

/* The JSON-LD articleBody as paragraphs: one a line of the text. */
static void
write_jsonld_body(const char *body, struct extract_out *o)
{
	const char *p = body, *nl;

	while (*p != '\0') {
		size_t len;

		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		while (len > 0 && (*p == ' ' || *p == '\t' || *p == '\r')) {
			p++;
			len--;
		}
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\r'))
			len--;
		if (len > 0) {
			char *t = utf8_sanitise(p, len, SANITISE_TAB_TO_SPACE);

			buf_adds(&o->html, "<p>");
			for (char *c = t; *c; c++) {
				if (*c == '<')
					buf_adds(&o->html, "&lt;");
				else if (*c == '>')
					buf_adds(&o->html, "&gt;");
				else if (*c == '&')
					buf_adds(&o->html, "&amp;");
				else
					buf_addc(&o->html, *c);
			}
			buf_adds(&o->html, "</p>\n");
			if (o->text.len > 0)
				buf_adds(&o->text, "\n\n");
			buf_adds(&o->text, t);
			o->chars += extract_text_length(t, strlen(t));
			o->blocks++;
			free(t);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static void
add_escaped(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			buf_adds(b, "&lt;");
		else if (*s == '>')
			buf_adds(b, "&gt;");
		else if (*s == '&')
			buf_adds(b, "&amp;");
		else if (*s == '"')
			buf_adds(b, "&quot;");
		else
			buf_addc(b, *s);
	}
}

/* The lead photo above a body that has none of its own. */
static void
add_lead_image(struct extract_result *r, struct extract_out *o)
{
	struct buf html = BUF_INIT, text = BUF_INIT;

	if (o->images > 0 || *r->image == '\0' ||
	    strncasecmp(r->image, "http", 4) != 0)
		return;
	buf_adds(&html, "<figure><img src=\"");
	add_escaped(&html, r->image);
	buf_adds(&html, "\">");
	if (*r->image_caption != '\0') {
		buf_adds(&html, "<figcaption>");
		add_escaped(&html, r->image_caption);
		buf_adds(&html, "</figcaption>");
		buf_adds(&text, r->image_caption);
		if (o->text.len > 0)
			buf_adds(&text, "\n\n");
	}
	buf_adds(&html, "</figure>\n");
	r->lead_len = html.len;
	r->lead_text_len = text.len;
	buf_add(&html, buf_str(&o->html), o->html.len);
	buf_add(&text, buf_str(&o->text), o->text.len);
	buf_free(&o->html);
	buf_free(&o->text);
	o->html = html;
	o->text = text;
	o->images++;
}

static size_t
count_words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s; s++) {
		int sp = *s == ' ' || *s == '\n' || *s == '\t';

		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

void
extract_set_base(struct extractor *x, const char *base_url, char **owned)
{
	const struct extract_meta *m = &x->meta;
	const char *base = base_url;

	if (base == NULL || *base == '\0')
		base = first_of(m->canonical, m->og_url, NULL);
	if (m->base_href != NULL)
		*owned = resolve(base, m->base_href);
	else if (base != NULL)
		*owned = xstrdup(base);
	x->base = *owned;
}

void
extract_result_init(struct extract_result *r)
{
	memset(r, 0, sizeof *r);
	r->title = xstrdup("");
	r->byline = xstrdup("");
	r->site_name = xstrdup("");
	r->url = xstrdup("");
	r->image = xstrdup("");
	r->image_caption = xstrdup("");
	r->html = xstrdup("");
	r->text = xstrdup("");
	r->next_page = xstrdup("");
	r->pages = 1;
	r->published = DL_TIME_NONE;
}

/* Whether title is the headline h1 with the site's or the author's name
 * before or after a separator: "Headline | Site", "Site - Headline". */
static const char *const title_seps[] = {
	" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ",
	" :: ", " \xC2\xBB ", ": ", NULL,
};

static int
title_with_suffix(const char *title, const char *h1, size_t len)
{
	const char *const *seps = title_seps;
	size_t tlen = strlen(title), i, n;

	/* the headline is most of it: not the site's name in an <h1> */
	if (len >= tlen || len * 10 < tlen * 5)
		return 0;
	for (i = 0; seps[i] != NULL; i++) {
		n = strlen(seps[i]);
		if (strncmp(title, h1, len) == 0 &&
		    strncmp(title + len, seps[i], n) == 0)
			return 1;
		if (len + n <= tlen && strcmp(title + tlen - len, h1) == 0 &&
		    strncmp(title + tlen - len - n, seps[i], n) == 0)
			return 1;
	}
	return 0;
}

/* A byline in capitals ("JEFFREY GETTLEMAN"), ASCII only, in the case
 * names are written in: words of three letters or more capitalised,
 * letters after an apostrophe or a hyphen too ("O'Brien"). */
static void
byline_case(char *s)
{
	size_t i, len = 0;
	int upper = 0, start = 1;

	for (i = 0; s[i] != '\0'; i++) {
		if ((unsigned char)s[i] >= 0x80 || islower((unsigned char)s[i]))
			return;
		upper += isupper((unsigned char)s[i]) != 0;
	}
	if (upper < 4)
		return;
	for (i = 0; s[i] != '\0'; i++) {
		if (!isalpha((unsigned char)s[i])) {
			start = 1;
			continue;
		}
		if (start) {
			len = strspn(s + i, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
			start = 0;
			continue;
		}
		if (len >= 3)
			s[i] = (char)tolower((unsigned char)s[i]);
	}
}

/* Lower-case letters and digits of s (up to size - 1 of them). */
static void
fold_alnum(const char *s, size_t len, char *out, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 1 < size; i++)
		if (isalnum((unsigned char)s[i]))
			out[n++] = (char)tolower((unsigned char)s[i]);
	out[n] = '\0';
}

/* Whether s (len bytes) names the site or the author: the same letters
 * as one of names, or as the host of url ("The Daily Tide" and
 * "thedailytide.example"). */
static int
is_site_name(const char *s, size_t len, const char *const *names, size_t nnames,
    const char *url)
{
	char a[128], b[128], host[128];
	const char *h, *end;
	size_t i;

	if (len == 0 || len >= sizeof a)
		return 0;
	fold_alnum(s, len, a, sizeof a);
	if (strlen(a) < 3)
		return 0;
	for (i = 0; i < nnames; i++) {
		if (names[i] == NULL)
			continue;
		fold_alnum(names[i], strlen(names[i]), b, sizeof b);
		if (strcmp(a, b) == 0)
			return 1;
	}
	if (url == NULL || (h = strstr(url, "://")) == NULL)
		return 0;
	h += 3;
	end = h + strcspn(h, "/:?#");
	fold_alnum(h, (size_t)(end - h), host, sizeof host);
	return strlen(a) >= 5 && strstr(host, a) != NULL;
}

/* The title without the site's or the author's name that a separator
 * puts before or after the headline: "Headline | Site". */
static void
strip_site_name(struct extractor *x, struct extract_result *r)
{
	const char *names[4];
	char *t = r->title;
	size_t tlen, n, i, round;
	const char *p, *last;

	names[0] = x->meta.site_name;
	names[1] = x->meta.ld_site_name;
	names[2] = *r->byline != '\0' ? r->byline : NULL;
	names[3] = x->meta.author;
	for (round = 0; round < 3; round++) {
		int cut = 0;

		tlen = strlen(t);
		for (i = 0; title_seps[i] != NULL && !cut; i++) {
			n = strlen(title_seps[i]);
			/* "Headline | Site": after the last separator */
			for (last = NULL, p = t; (p = strstr(p, title_seps[i])) != NULL; p++)
				last = p;
			if (last != NULL && last > t && is_site_name(last + n,
			    tlen - (size_t)(last - t) - n, names, 4, r->url)) {
				t[last - t] = '\0';
				cut = 1;
			} else if ((p = strstr(t, title_seps[i])) != NULL &&
			    p[n] != '\0' && is_site_name(t, (size_t)(p - t), names, 4,
			    r->url)) {
				/* "Site - Headline" */
				memmove(t, p + n, strlen(p + n) + 1);
				cut = 1;
			}
		}
		if (!cut)
			break;
	}
}

/* Unless JSON-LD gives the headline, the page's <h1> beats the title
 * when that holds it: a <title> "Headline | Site", or any title that is
 * the <h1> and a name after a separator. */
static void
prefer_h1_title(struct extractor *x, struct extract_result *r)
{
	struct buf h = BUF_INIT;
	struct enode *e;
	size_t i;

	if (x->meta.ld_headline != NULL)
		return;
	if (x->first_h1 != NULL && (e = extract_node(x, x->first_h1)) != NULL &&
	    !e->junk) {
		extract_node_text(x->first_h1, &h);
		if (h.len > 0 && (*r->title == '\0' ||
		    (x->meta.og_title == NULL && strstr(r->title, h.data)) ||
		    title_with_suffix(r->title, h.data, h.len)))
			goto found;
	}
	/* a title "Headline | Site" with the site's name in the first <h1> */
	for (i = 0; i < x->nheads && *r->title != '\0'; i++) {
		if ((e = extract_node(x, x->heads[i])) == NULL || e->junk)
			continue;
		buf_truncate(&h, 0);
		extract_node_text(x->heads[i], &h);
		if (h.len > 0 && title_with_suffix(r->title, h.data, h.len))
			goto found;
	}
	buf_free(&h);
	return;
found:
	free(r->title);
	r->title = utf8_sanitise(h.data, h.len, SANITISE_TAB_TO_SPACE);
	buf_free(&h);
}

/* The JSON-LD articleBody instead of the markup's blocks when it holds
 * more of the story, or the markup none; the reason to refuse, if any. */
const char *
extract_prefer_jsonld(struct extractor *x, struct extract_out *o, const char *why,
    struct extract_result *out)
{
	const char *body = x->meta.ld_body;

	if (body == NULL || (why == NULL &&
	    extract_text_length(body, strlen(body)) <= o->chars * 13 / 10))
		return why;
	buf_free(&o->html);
	buf_free(&o->text);
	free(o->byline);
	memset(o, 0, sizeof *o);
	o->published = DL_TIME_NONE;
	write_jsonld_body(body, o);
	out->source = EXTRACT_FROM_JSONLD;
	return o->chars > 0 ? NULL :
	    _("no article found: the page has too little running text");
}

/* Fill the result from the blocks written and what they revealed. */
void
extract_finish(struct extractor *x, struct extract_out *o, struct extract_result *out)
{
	prefer_h1_title(x, out);
	if (*out->byline == '\0' && o->byline != NULL) {
		free(out->byline);
		out->byline = xstrdup(o->byline);
	}
	if (*out->byline == '\0' && (x->meta.page_author != NULL ||
	    x->meta.page_byline != NULL)) {
		free(out->byline);
		out->byline = xstrdup(x->meta.page_author != NULL ?
		    x->meta.page_author : x->meta.page_byline);
	}
	byline_case(out->byline);
	strip_site_name(x, out);
	if (out->published == DL_TIME_NONE)
		out->published = o->published;
	add_lead_image(out, o);
	free(out->html);
	free(out->text);
	out->html = buf_detach(&o->html);
	out->text = buf_detach(&o->text);
	if (out->html == NULL)
		out->html = xstrdup("");
	if (out->text == NULL)
		out->text = xstrdup("");
	out->words = count_words(out->text);
}

void
extract_result_free(struct extract_result *r)
{
	if (r == NULL)
		return;
	free(r->title);
	free(r->byline);
	free(r->site_name);
	free(r->url);
	free(r->image);
	free(r->image_caption);
	free(r->html);
	free(r->text);
	free(r->next_page);
	memset(r, 0, sizeof *r);
}

