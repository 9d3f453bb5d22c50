/*
 * story: an item made into a wire story.  The HTML walk (story-html.c)
 * gives blocks; here the structure wires use is taken out of them: caption
 * lines and the byline before the body, the dateline that opens the first
 * paragraph, the credits tail, share/subscribe noise; media captions are
 * added, and the links still referenced are numbered.  Also the story as
 * plain text (search index) and as the "story" object of --parse.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "story/story.h"
#include "story/story-private.h"
#include "util/i18n.h"

static char *
clean(const char *s)
{
	struct buf b = BUF_INIT;
	char *out;
	size_t i, j;

	if (s == NULL)
		return xstrdup("");
	buf_add_sanitised(&b, s, strlen(s), SANITISE_TAB_TO_SPACE);
	out = buf_detach(&b);
	if (out == NULL)
		return xstrdup("");
	/* One line, single spaces. */
	for (i = j = 0; out[i] != '\0'; i++) {
		if (out[i] == '\n')
			out[i] = ' ';
		if (out[i] == ' ' && (j == 0 || out[j - 1] == ' '))
			continue;
		out[j++] = out[i];
	}
	while (j > 0 && out[j - 1] == ' ')
		j--;
	out[j] = '\0';
	return out;
}

void
story_add_caption(struct story *st, const char *text, const char *credit,
    const char *url, int lead)
{
	struct story_caption *c;

	if (st->ncaptions >= STORY_MAX_CAPTIONS)
		return;
	st->captions = xreallocarray(st->captions, st->ncaptions + 1,
	    sizeof *st->captions);
	c = &st->captions[st->ncaptions++];
	c->text = clean(text);
	c->credit = clean(credit);
	c->url = clean(url);
	c->lead = lead;
}

/* Relative references against the article's URL: the parser's RFC 3986
 * resolver, so links in a story and in its feed resolve alike. */
char *
story_resolve_url(const char *base, const char *ref)
{
	return parse_url_resolve(base, ref);
}

/* A block's text without link references. */
static char *
block_text(const struct story_block *b)
{
	struct buf t = BUF_INIT;
	size_t i;

	for (i = 0; i < b->nruns; i++)
		if (b->runs[i].link == -1)
			buf_adds(&t, b->runs[i].text);
	return t.data != NULL ? buf_detach(&t) : xstrdup("");
}

static void
block_free(struct story_block *b)
{
	size_t i;

	for (i = 0; i < b->nruns; i++)
		free(b->runs[i].text);
	free(b->runs);
	for (i = 0; i < b->ncells; i++)
		free(b->cells[i]);
	free(b->cells);
}

static void
drop_block(struct story *st, size_t i)
{
	block_free(&st->blocks[i]);
	memmove(&st->blocks[i], &st->blocks[i + 1],
	    (st->nblocks - i - 1) * sizeof *st->blocks);
	st->nblocks--;
}

static void
drop_run(struct story_block *b, size_t i)
{
	free(b->runs[i].text);
	memmove(&b->runs[i], &b->runs[i + 1], (b->nruns - i - 1) * sizeof *b->runs);
	b->nruns--;
}

/* Remove the first n bytes of text (link references inside go too). */
static void
block_drop_prefix(struct story_block *b, size_t n)
{
	struct story_run *r;
	size_t len;

	while (b->nruns > 0) {
		r = &b->runs[0];
		if (r->link != -1) {
			if (n == 0)
				break;
			drop_run(b, 0);
			continue;
		}
		len = strlen(r->text);
		if (len <= n) {
			n -= len;
			drop_run(b, 0);
			if (n == 0 && b->nruns > 0 && b->runs[0].link == -1)
				break;
			continue;
		}
		memmove(r->text, r->text + n, len - n + 1);
		break;
	}
	/* The paragraph continues with its first real word. */
	while (b->nruns > 0 && b->runs[0].link == -1 && b->runs[0].text[0] == ' ')
		memmove(b->runs[0].text, b->runs[0].text + 1, strlen(b->runs[0].text));
}

/* Keep the first n bytes of text. */
static void
block_keep_prefix(struct story_block *b, size_t n)
{
	size_t i, len;

	for (i = 0; i < b->nruns; i++) {
		if (b->runs[i].link != -1)
			continue;
		len = strlen(b->runs[i].text);
		if (len >= n) {
			b->runs[i].text[n] = '\0';
			while (n > 0 && b->runs[i].text[n - 1] == ' ')
				b->runs[i].text[--n] = '\0';
			i++;
			break;
		}
		n -= len;
	}
	while (b->nruns > i)
		drop_run(b, b->nruns - 1);
}

static int
is_text_block(const struct story_block *b)
{
	return b->kind == BLOCK_PARAGRAPH;
}

static void
set_field(char **field, char *value)
{
	free(*field);
	*field = clean(value);
	free(value);
}

/*
 * "By Jane Roe<br>Staff Writer<br>LONDON — …": a byline on the first
 * lines of a paragraph, a role on the next perhaps.  Takes them off the
 * paragraph; 0 when its first line is no byline.
 */
static int
byline_lines(struct story *st, struct story_block *b, const char *text)
{
	const char *nl = memchr(text, '\n', strnlen(text, 200)), *nl2;
	char *line, *joined = NULL, *names = NULL;
	size_t used;

	if (nl == NULL || nl[1] == '\0')
		return 0;
	line = xstrndup(text, (size_t)(nl - text));
	if (!story_match_byline(line, &names)) {
		free(line);
		return 0;
	}
	used = (size_t)(nl - text) + 1;
	if ((nl2 = memchr(nl + 1, '\n', strnlen(nl + 1, 60))) != NULL) {
		char *more;

		joined = xasprintf("%s, %.*s", line, (int)(nl2 - nl - 1),
		    nl + 1);
		if (story_match_byline(joined, &more)) {
			free(names);
			names = more;
			free(line);
			line = joined;
			joined = NULL;
			used = (size_t)(nl2 - text) + 1;
		}
		free(joined);
	}
	set_field(&st->byline, names);
	set_field(&st->byline_shown, line);
	block_drop_prefix(b, used);
	return 1;
}

/* Before the first body paragraph: caption lines and a lone byline. */
static void
detect_lead(struct story *st)
{
	size_t i = 0, seen = 0;
	char *text, *names, *t, *c;

	while (i < st->nblocks && seen < 6) {
		if (!is_text_block(&st->blocks[i])) {
			i++;
			seen++;
			continue;
		}
		text = block_text(&st->blocks[i]);
		if (story_match_advisory(text)) {
			/* stays in the body; the byline may follow it */
			i++;
		} else if (story_match_caption_line(text)) {
			story_split_credit(text, &t, &c);
			story_add_caption(st, t, c, "", 1);
			free(t);
			free(c);
			drop_block(st, i);
		} else if (strcasecmp(text, st->headline) != 0 &&
		    story_match_byline(text, &names)) {
			/* not the headline repeated: "By Land and Sea" */
			set_field(&st->byline, names);
			set_field(&st->byline_shown, xstrdup(text));
			drop_block(st, i);
		} else if (*st->byline == '\0' &&
		    byline_lines(st, &st->blocks[i], text)) {
			free(text);
			break;		/* the paragraph goes on after it */
		} else {
			free(text);
			break;
		}
		free(text);
		seen++;
	}
}

/* s[0..len) ends with a wire of one to three words: "Associated Press". */
static int
ends_with_agency(const char *s, size_t len)
{
	size_t i, words = 0;

	for (i = len; i > 0 && words < 3; i--) {
		if (s[i - 1] != ' ')
			continue;
		words++;
		if (story_is_known_agency(s + i, len - i))
			return 1;
	}
	return 0;
}

/*
 * AP's feeds run the byline into the first paragraph: "By JANE ROE
 * Associated Press SEOUL (AP) — …".  The dateline found after a byline's
 * words: where the story begins (the dateline at *at, *dlen long), or 0.
 */
static size_t
byline_then_dateline(struct story *st, const char *text, size_t *at,
    size_t *dlen)
{
	size_t len = strlen(text), p, n;
	char *by, *names;

	if (!story_starts_with_ci(text, "by "))
		return 0;
	for (p = 4; p < len && p < 160; p++) {
		if (text[p - 1] != ' ' || text[p - 2] == ' ' ||
		    !ends_with_agency(text, p - 1) ||
		    (n = story_match_dateline(text + p, len - p, dlen)) == 0)
			continue;
		by = xstrndup(text, p - 1);
		if (!story_match_byline(by, &names)) {
			free(by);
			return 0;
		}
		set_field(&st->byline, names);
		set_field(&st->byline_shown, by);
		*at = p;
		return p + n;
	}
	return 0;
}

static void
detect_dateline(struct story *st)
{
	size_t i, n, at = 0, dlen;
	char *text;

	/* above the dateline: figures, Reuters' bullet points and advisory */
	for (i = 0; i < st->nblocks && i < 8; i++) {
		if (st->blocks[i].kind == BLOCK_FIGURE ||
		    st->blocks[i].kind == BLOCK_LIST_ITEM)
			continue;
		if (!is_text_block(&st->blocks[i]))
			return;
		text = block_text(&st->blocks[i]);
		if (story_match_advisory(text)) {
			free(text);
			continue;
		}
		if ((n = story_match_dateline(text, strlen(text), &dlen)) > 0 ||
		    (*st->byline == '\0' &&
		    (n = byline_then_dateline(st, text, &at, &dlen)) > 0)) {
			set_field(&st->dateline, xstrndup(text + at, dlen));
			block_drop_prefix(&st->blocks[i], n);
			st->blocks[i].dateline = 1;
		}
		free(text);
		return;
	}
}

/* The credits tail: whole closing paragraphs, or a closing parenthesis. */
static void
detect_credits(struct story *st)
{
	struct buf credits = BUF_INIT, joined = BUF_INIT;
	struct story_block *b;
	char *text;
	long at;
	int k;

	for (k = 0; k < 3 && st->nblocks > 1; k++) {
		b = &st->blocks[st->nblocks - 1];
		if (!is_text_block(b))
			break;
		text = block_text(b);
		if ((at = story_match_credits(text, strlen(text))) < 0) {
			free(text);
			break;
		}
		/* Found from the end: earlier paragraphs go in front. */
		buf_adds(&joined, text + at);
		if (credits.len > 0) {
			buf_addc(&joined, ' ');
			buf_add(&joined, credits.data, credits.len);
		}
		buf_free(&credits);
		credits = joined;
		buf_init(&joined);
		if (at == 0)
			drop_block(st, st->nblocks - 1);
		else
			block_keep_prefix(b, (size_t)at);
		free(text);
		if (at > 0)
			break;
	}
	if (credits.len > 0)
		set_field(&st->credits, buf_detach(&credits));
}

/* One pass, keeping the blocks that are not noise in order. */
static void
drop_noise(struct story *st)
{
	size_t i, k = 0;
	char *text;
	int noise;

	for (i = 0; i < st->nblocks; i++) {
		struct story_block *b = &st->blocks[i];

		noise = 0;
		if (b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_LIST_ITEM) {
			text = block_text(b);
			noise = story_match_noise(text);
			free(text);
		}
		if (noise)
			block_free(b);
		else
			st->blocks[k++] = *b;
	}
	st->nblocks = k;
}

/* Media RSS captions the HTML does not already show. */
static void
add_media_captions(struct story *st, const struct media *media, size_t n)
{
	size_t i, k;
	int dup;

	for (i = 0; i < n; i++) {
		const struct media *m = &media[i];

		if ((m->caption == NULL || *m->caption == '\0') &&
		    (m->credit == NULL || *m->credit == '\0'))
			continue;
		if (m->type != NULL && *m->type != '\0' &&
		    strncmp(m->type, "image", 5) != 0)
			continue;
		dup = 0;
		for (k = 0; k < st->ncaptions && !dup; k++)
			dup = (m->url != NULL && *m->url != '\0' &&
			    strcmp(st->captions[k].url, m->url) == 0) ||
			    (m->caption != NULL && *m->caption != '\0' &&
			    strcmp(st->captions[k].text, m->caption) == 0);
		if (!dup)
			story_add_caption(st, m->caption, m->credit, m->url, 1);
	}
}

/* Number the links still referenced, in reading order. */
static void
number_links(struct story *st, struct story_links *links)
{
	int *number = xcalloc(links->n + 1, sizeof *number);
	size_t i, k;

	for (i = 0; i < st->nblocks; i++)
		for (k = 0; k < st->blocks[i].nruns; k++) {
			struct story_run *r = &st->blocks[i].runs[k];

			if (r->link < 0 || (size_t)r->link >= links->n)
				continue;
			if (number[r->link] == 0) {
				st->links = xreallocarray(st->links, st->nlinks + 1,
				    sizeof *st->links);
				st->links[st->nlinks] = links->urls[r->link];
				links->urls[r->link] = NULL;
				number[r->link] = (int)++st->nlinks;
			}
			free(r->text);
			r->text = xasprintf("[%d]", number[r->link]);
			r->link = number[r->link] - 1;
		}
	for (i = 0; i < links->n; i++)
		free(links->urls[i]);
	free(links->urls);
	free(links->slots);
	free(number);
}

/* Captions in reading order: those above the body first. */
static void
order_captions(struct story *st)
{
	struct story_caption *sorted;
	size_t *where, i, k = 0;
	int pass;

	if (st->ncaptions < 2)
		return;
	sorted = xreallocarray(NULL, st->ncaptions, sizeof *sorted);
	where = xreallocarray(NULL, st->ncaptions, sizeof *where);
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < st->ncaptions; i++)
			if (st->captions[i].lead == pass) {
				where[i] = k;
				sorted[k++] = st->captions[i];
			}
	for (i = 0; i < st->nblocks; i++)
		if (st->blocks[i].kind == BLOCK_FIGURE)
			st->blocks[i].caption = where[st->blocks[i].caption];
	free(st->captions);
	st->captions = sorted;
	free(where);
}

void
story_source_from_item(struct story_source *src, const struct item *item,
    const char *feed_title)
{
	memset(src, 0, sizeof *src);
	src->title = item->title;
	src->feed_title = feed_title;
	src->author = item->author;
	src->link = item->link;
	src->published = item->published != DL_TIME_NONE ? item->published :
	    item->updated;
	src->html = item->content;
	if (src->html == NULL || *src->html == '\0')
		src->html = item->summary;
	src->html_len = src->html != NULL ? strlen(src->html) : 0;
	src->media = item->media;
	src->nmedia = item->nmedia;
}

struct story *
story_new(const struct story_source *src)
{
	struct story *st = xcalloc(1, sizeof *st);
	struct story_links links = { NULL, 0, NULL };

	st->headline = clean(src->title);
	st->feed = clean(src->feed_title);
	st->link = clean(src->link);
	st->published = src->published;
	st->byline = xstrdup("");
	st->byline_shown = xstrdup("");
	st->dateline = xstrdup("");
	st->credits = xstrdup("");
	if (src->html != NULL && src->html_len > 0)
		story_html_walk(st, &links, src->html, src->html_len, src->link);
	drop_noise(st);
	detect_lead(st);
	detect_dateline(st);
	detect_credits(st);
	if (*st->byline == '\0' && src->author != NULL && *src->author != '\0') {
		free(st->byline);
		st->byline = clean(src->author);
		free(st->byline_shown);
		/* TRANSLATORS: a story's byline; %s is one or more names. */
		st->byline_shown = xasprintf(_("By %s"), st->byline);
	}
	add_media_captions(st, src->media, src->nmedia);
	order_captions(st);
	number_links(st, &links);
	return st;
}

struct story *
story_from_item(const struct item *item, const char *feed_title)
{
	struct story_source src;

	story_source_from_item(&src, item, feed_title);
	return story_new(&src);
}

struct story *
story_from_html(const char *html, size_t len, const char *base_url,
    const char *title)
{
	struct story_source src;

	memset(&src, 0, sizeof src);
	src.title = title;
	src.link = base_url;
	src.published = DL_TIME_NONE;
	src.html = html;
	src.html_len = len;
	return story_new(&src);
}

void
story_free(struct story *st)
{
	size_t i;

	if (st == NULL)
		return;
	free(st->headline);
	free(st->feed);
	free(st->link);
	free(st->date_shown);
	free(st->byline);
	free(st->byline_shown);
	free(st->dateline);
	free(st->credits);
	for (i = 0; i < st->ncaptions; i++) {
		free(st->captions[i].text);
		free(st->captions[i].credit);
		free(st->captions[i].url);
	}
	free(st->captions);
	for (i = 0; i < st->nblocks; i++)
		block_free(&st->blocks[i]);
	free(st->blocks);
	for (i = 0; i < st->nlinks; i++)
		free(st->links[i]);
	free(st->links);
	free(st);
}

static void
add_line(struct buf *b, const char *s)
{
	if (*s == '\0')
		return;
	buf_adds(b, s);
	buf_addc(b, '\n');
}

char *
story_plain_text(const struct story *st)
{
	struct buf b = BUF_INIT;
	size_t i, k;
	char *text;

	add_line(&b, st->headline);
	add_line(&b, st->byline_shown);
	for (i = 0; i < st->ncaptions; i++)
		if (st->captions[i].lead)
			add_line(&b, st->captions[i].text);
	for (i = 0; i < st->nblocks; i++) {
		const struct story_block *bl = &st->blocks[i];

		if (bl->dateline && *st->dateline != '\0') {
			buf_adds(&b, st->dateline);
			buf_addc(&b, ' ');
		}
		if (bl->kind == BLOCK_FIGURE) {
			add_line(&b, st->captions[bl->caption].text);
			continue;
		}
		if (bl->kind == BLOCK_TABLE_ROW) {
			for (k = 0; k < bl->ncells; k++) {
				buf_adds(&b, bl->cells[k]);
				buf_addc(&b, k + 1 < bl->ncells ? '\t' : '\n');
			}
			continue;
		}
		text = block_text(bl);
		add_line(&b, text);
		free(text);
	}
	add_line(&b, st->credits);
	return b.data != NULL ? buf_detach(&b) : xstrdup("");
}

static void
json_string(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_addc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)*p);
		} else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_addc(b, (char)*p);
	}
	buf_addc(b, '"');
}

void
story_fields_json(const struct story *st, struct buf *out)
{
	size_t i;

	buf_adds(out, "{\"dateline\":");
	json_string(out, st->dateline);
	buf_adds(out, ",\"byline\":");
	json_string(out, st->byline);
	buf_adds(out, ",\"captions\":[");
	for (i = 0; i < st->ncaptions; i++) {
		buf_adds(out, i > 0 ? ",{\"text\":" : "{\"text\":");
		json_string(out, st->captions[i].text);
		buf_adds(out, ",\"credit\":");
		json_string(out, st->captions[i].credit);
		buf_addc(out, '}');
	}
	buf_adds(out, "],\"credits\":");
	json_string(out, st->credits);
	buf_addc(out, '}');
}
