/*
 * Resynchronising after damage: expat stops at the first well-formedness
 * error, so a feed with one bad item (an unclosed <br> in a description,
 * a stray '<') would lose every item after it.  Instead the item being
 * read is dropped, the text is skipped up to the next item's start tag
 * ("<item" or "<entry"), and a new expat parser reads on from there,
 * primed with the document's own root (and RSS channel) start tags, so
 * that namespace prefixes keep their meaning.  Each damage becomes a
 * warning with its line and column; the number of restarts is limited.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/parse-int.h"

#define MAX_RESYNCS	64
#define MAX_PRIME	4096

/* Keep the raw text of the start tag expat is reporting (the root, or
 * RSS's <channel>) to prime a restarted parser with. */
void
resync_note_tag(struct parser *p)
{
	int offset = 0, size = 0, count = XML_GetCurrentByteCount(p->xp);
	const char *ctx = XML_GetInputContext(p->xp, &offset, &size);

	if (ctx == NULL || count <= 0 || offset < 0 || offset + count > size ||
	    p->prime.len + (size_t)count > MAX_PRIME || p->prime_bad) {
		p->prime_bad = 1;	/* no restarts without it */
		return;
	}
	buf_add(&p->prime, ctx + offset, (size_t)count);
}

static size_t
count_lines(const char *s, size_t len)
{
	size_t n = 0;
	const char *nl;

	while ((nl = memchr(s, '\n', len)) != NULL) {
		n++;
		len -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	return n;
}

/* After the error expat reported: drop the item, warn, and skip from
 * the error position on.  Returns 0 when no restart is possible. */
int
resync_begin(struct parser *p, unsigned long line, unsigned long col,
    const char *what)
{
	if (!p->feed_seen || p->prime_bad || p->prime.len == 0 ||
	    p->resyncs >= MAX_RESYNCS || p->stopped || p->failed)
		return 0;
	p->resyncs++;
	parse_warn(p, _("line %lu, column %lu: %s; read on from the next item"),
	    line, col, what);
	if (p->in_item)
		parse_item_reset(&p->item);
	p->in_item = 0;
	media_reset(p);
	p->cap_depth = 0;
	buf_reset(&p->text);
	xml_free(p);
	p->resync_line = line;
	p->resyncing = 1;
	buf_reset(&p->resync_hold);
	return 1;
}

static int
boundary(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/';
}

static void
resume(struct parser *p, const char *s, size_t len, int final)
{
	char *prime = xstrndup(p->prime.data, p->prime.len);

	p->resyncing = 0;
	if (xml_start(p) != 0) {
		free(prime);
		return;
	}
	/* Line 1 of the new parser is the resumed line, after the prime. */
	p->line_base = p->resync_line - 1;
	p->col_shift = strlen(prime);
	xml_push(p, prime, strlen(prime), 0);
	free(prime);
	xml_push(p, s, len, final);
}

void
resync_skip(struct parser *p, const char *s, size_t len, int final)
{
	const char *tag = p->feed.format == FEED_ATOM10 || p->feed.format == FEED_ATOM03 ?
	    "<entry" : "<item";
	size_t tl = strlen(tag), n, keep;
	struct buf joined = BUF_INIT;
	const char *t, *q;

	buf_add(&joined, buf_str(&p->resync_hold), p->resync_hold.len);
	buf_add(&joined, s, len);
	buf_reset(&p->resync_hold);
	t = buf_str(&joined);
	n = joined.len;
	for (q = memmem(t, n, tag, tl); q != NULL;
	    q = memmem(q + 1, n - (size_t)(q + 1 - t), tag, tl)) {
		if ((size_t)(q - t) + tl >= n)
			break;		/* the next character decides */
		if (boundary(q[tl])) {
			p->resync_line += count_lines(t, (size_t)(q - t));
			resume(p, q, n - (size_t)(q - t), final);
			buf_free(&joined);
			return;
		}
	}
	/* Not found: keep a tail that may be the tag's start. */
	keep = 0;
	if (!final) {
		for (keep = tl < n ? tl : n; keep > 0; keep--) {
			if (memcmp(t + n - keep, tag, keep) == 0)
				break;
		}
	}
	p->resync_line += count_lines(t, n - keep);
	buf_add(&p->resync_hold, t + n - keep, keep);
	buf_free(&joined);
}
