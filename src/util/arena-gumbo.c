/*
 * arena: gumbo's parse inside an arena, with the page's running text kept
 * out of gumbo's way.
 *
 * gumbo's tokenizer handles text one character at a time (a token, a
 * string-buffer append and a tree-builder step for each), so a page of
 * running text costs it about 45 ns a byte: 23 ms for 500 KB, more than
 * everything else the extractor does.  Text needs none of that work: it
 * only has to land in the right text node.  So, before gumbo, every long
 * run of plain text between tags (no character reference, no carriage
 * return or NUL, which gumbo would rewrite) is replaced by a placeholder
 * of two private-use characters numbering the run; gumbo parses the short
 * skeleton; then the tree's text nodes get the runs back.  The run keeps
 * its white space at both ends outside the placeholder, so gumbo sees the
 * same white space and the same "there is text here" as it would have, and
 * builds the same tree.  Markup that gumbo does not read as text (tags,
 * comments, raw-text elements such as <script>, <style>, <textarea>,
 * <title>) is copied as it is; and should a run come back from anywhere
 * but a text node (markup read otherwise than gumbo reads it), the page is
 * parsed again as it is.  A page that holds the placeholder characters
 * itself, is not valid UTF-8 or has a <frameset> (where gumbo keeps the
 * spaces of text and drops its letters) is parsed as it is.
 */
#include "config.h"

#include <gumbo.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "util/util.h"

#define MIN_RUN		24		/* bytes of text worth a placeholder */
#define DIGIT		0xFFF0u		/* placeholder digits: U+F0000 + d */
#define PLANE15		0xF0000u
#define MAX_RUNS	(DIGIT * DIGIT)

struct run {
	const char	*s;
	size_t		 len;
};

struct skeleton {
	struct arena	*a;
	const char	*page;
	size_t		 len;
	char		*out;		/* in the arena: gumbo's input */
	size_t		 olen;
	struct run	*runs;
	size_t		 nruns, cap;
	size_t		 restored;	/* placeholders found in text */
};

static void
put(struct skeleton *k, const char *s, size_t len)
{
	memcpy(k->out + k->olen, s, len);
	k->olen += len;
}

static void
put_cp(struct skeleton *k, uint32_t cp)
{
	char b[4];

	put(k, b, (size_t)utf8_encode(cp, b));
}

/* The middle of a text run, [s, s + len), as a placeholder when it is
 * long, plain and numbered within bounds; else as it is. */
static void
put_run(struct skeleton *k, const char *s, size_t len)
{
	size_t i;

	if (len < MIN_RUN || k->nruns >= MAX_RUNS) {
		put(k, s, len);
		return;
	}
	for (i = 0; i < len; i++)
		if (s[i] == '\r' || s[i] == '\0') {
			put(k, s, len);
			return;
		}
	if (k->nruns == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 256;
		k->runs = xreallocarray(k->runs, k->cap, sizeof *k->runs);
	}
	k->runs[k->nruns].s = s;
	k->runs[k->nruns].len = len;
	put_cp(k, PLANE15 + (uint32_t)(k->nruns / DIGIT));
	put_cp(k, PLANE15 + (uint32_t)(k->nruns % DIGIT));
	k->nruns++;
}

/* ASCII only, whatever the locale: as the HTML tokenizer reads. */
static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Text between two pieces of markup: character references and '>' are
 * copied as they are (no run holds a '>', so none can hide the end of a
 * comment, a CDATA section or a tag from gumbo), the plain stretches
 * between them go through put_run with their outer white space left
 * outside. */
static void
put_text(struct skeleton *k, const char *s, size_t len)
{
	const char *end = s + len, *amp, *a, *b;

	while (s < end) {
		for (amp = s; amp < end && *amp != '&' && *amp != '>'; amp++)
			;
		for (a = s; a < amp && is_space(*a); a++)
			;
		for (b = amp; b > a && is_space(b[-1]); b--)
			;
		/* "-->", "--!>", "]]>" end comments and CDATA sections, and
		 * a comment cut by the end of the page drops its last
		 * dashes: what could lead up to a '>' or the end stays in
		 * sight */
		while (b > a && (b[-1] == '-' || b[-1] == '!' || b[-1] == ']'))
			b--;
		put(k, s, (size_t)(a - s));
		put_run(k, a, (size_t)(b - a));
		put(k, b, (size_t)(amp - b));
		if (amp == end)
			break;
		if (*amp == '>') {
			put(k, amp, 1);
			s = amp + 1;
			continue;
		}
		/* "&name;", "&#123;": the reference stays whole */
		for (s = amp + 1; s < end && (is_alpha(*s) || *s == '#' ||
		    (*s >= '0' && *s <= '9')); s++)
			;
		if (s < end && *s == ';')
			s++;
		put(k, amp, (size_t)(s - amp));
	}
}

/* The end of a tag starting at s ('<' then a letter or '/'): after its
 * '>', or end.  Attribute values are skipped whole, quotes and all. */
static const char *
tag_end(const char *s, const char *end)
{
	char q;

	for (s++; s < end; s++) {
		if (*s == '>')
			return s + 1;
		if (*s != '=')
			continue;
		for (s++; s < end && is_space(*s); s++)
			;
		if (s < end && (*s == '"' || *s == '\'')) {
			q = *s;
			s = memchr(s + 1, q, (size_t)(end - s - 1));
			if (s == NULL)
				return end;
		} else
			s--;	/* unquoted: ends at space or '>' */
	}
	return end;
}

/* Elements whose content gumbo does not read as markup (or that we leave
 * alone): copied up to their end tag. */
static int
raw_element(const char *name, size_t n)
{
	static const char *const raw[] = {
		"script", "style", "textarea", "title", "xmp", "iframe",
		"noembed", "noframes", "noscript", "template", "svg", "math",
		NULL,
	};
	size_t i;

	for (i = 0; raw[i] != NULL; i++)
		if (strlen(raw[i]) == n && strncasecmp(name, raw[i], n) == 0)
			return 1;
	return 0;
}

/* Where "</name" (any case, then space, '/' or '>') starts, or end. */
static const char *
raw_end(const char *s, const char *end, const char *name, size_t n)
{
	const char *lt;

	while ((lt = memchr(s, '<', (size_t)(end - s))) != NULL) {
		if ((size_t)(end - lt) > n + 2 && lt[1] == '/' &&
		    strncasecmp(lt + 2, name, n) == 0 &&
		    (is_space(lt[2 + n]) || lt[2 + n] == '/' ||
		    lt[2 + n] == '>'))
			return lt;
		s = lt + 1;
	}
	return end;
}

/* Where a comment whose text starts at s ends: "<!-->" and "<!--->" are
 * whole comments, then "-->" or "--!>" ends one. */
static const char *
comment_end(const char *s, const char *end)
{
	const char *c;

	if (s < end && *s == '>')
		return s + 1;
	if (end - s >= 2 && s[0] == '-' && s[1] == '>')
		return s + 2;
	for (c = s; (c = memmem(c, (size_t)(end - c), "--", 2)) != NULL; c++) {
		if (end - c >= 3 && c[2] == '>')
			return c + 3;
		if (end - c >= 4 && c[2] == '!' && c[3] == '>')
			return c + 4;
	}
	return end;
}

/* One piece of markup at s ('<'): copied; returns where text resumes. */
static const char *
put_markup(struct skeleton *k, const char *s, const char *end)
{
	const char *e, *name, *c;
	size_t n;

	if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
		e = comment_end(s + 4, end);
	} else if (end - s >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
		/* "]]>" ends it in svg, the first '>' in HTML: to the later */
		c = memmem(s + 9, (size_t)(end - s - 9), "]]>", 3);
		e = c != NULL ? c + 3 : end;
	} else if (s[1] == '!' || s[1] == '?' ||
	    (s[1] == '/' && (end - s < 3 || !is_alpha(s[2])))) {
		/* a doctype, a bogus comment: to the next '>' */
		c = memchr(s, '>', (size_t)(end - s));
		e = c != NULL ? c + 1 : end;
	} else {
		e = tag_end(s, end);
		if (s[1] != '/') {
			for (name = s + 1, n = 0; name + n < e &&
			    (is_alpha(name[n]) || (name[n] >= '0' &&
			    name[n] <= '9') || name[n] == '-'); n++)
				;
			if (n == 9 && strncasecmp(name, "plaintext", 9) == 0)
				e = end;
			else if (raw_element(name, n))
				e = raw_end(e, end, name, n);
		}
	}
	put(k, s, (size_t)(e - s));
	return e;
}

/* The page with its long text runs replaced: 0, or -1 (parse the page
 * as it is) when it holds placeholder characters or is not UTF-8. */
static int
make_skeleton(struct skeleton *k)
{
	const char *s = k->page, *end = s + k->len, *lt, *p;

	for (p = s; (p = memchr(p, 0xF3, (size_t)(end - p))) != NULL; p++)
		if (end - p > 1 && (unsigned char)p[1] >= 0xB0 &&
		    (unsigned char)p[1] <= 0xBF)
			return -1;
	if (!utf8_valid(s, k->len))
		return -1;
	/* in a frameset gumbo keeps the spaces of text and drops the rest */
	for (p = s; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++)
		if (end - p > 9 && strncasecmp(p + 1, "frameset", 8) == 0)
			return -1;
	/* a placeholder (8 bytes) is never longer than its run */
	k->out = arena_alloc(k->a, k->len + 1);
	while (s < end) {
		lt = s;
		while ((lt = memchr(lt, '<', (size_t)(end - lt))) != NULL &&
		    end - lt > 1 && !is_alpha(lt[1]) &&
		    lt[1] != '/' && lt[1] != '!' && lt[1] != '?')
			lt++;	/* a '<' that opens nothing is text */
		if (lt == NULL || end - lt < 2)
			lt = end;
		put_text(k, s, (size_t)(lt - s));
		if (lt == end)
			break;
		s = put_markup(k, lt, end);
	}
	k->out[k->olen] = '\0';
	return 0;
}

/* The run a placeholder at s names, or NULL when s holds none. */
static const struct run *
placeholder(const struct skeleton *k, const char *s, size_t left)
{
	uint32_t hi, lo;

	if (left < 8 || utf8_decode(s, left, &hi) != 4 ||
	    utf8_decode(s + 4, left - 4, &lo) != 4 || hi < PLANE15 ||
	    lo < PLANE15 || hi - PLANE15 >= DIGIT || lo - PLANE15 >= DIGIT)
		return NULL;
	hi -= PLANE15;
	lo -= PLANE15;
	if ((size_t)hi * DIGIT + lo >= k->nruns)
		return NULL;
	return &k->runs[(size_t)hi * DIGIT + lo];
}

/* s with its placeholders replaced by their runs (in the arena), or s
 * itself when it holds none. */
static const char *
restore(struct skeleton *k, const char *s)
{
	const struct run *r;
	const char *p, *from;
	size_t len, need, i;
	char *out, *o;

	if (s == NULL || (p = strchr(s, 0xF3)) == NULL)
		return s;
	len = strlen(s);
	need = len + 1;
	for (i = (size_t)(p - s); i < len; i++)
		if ((unsigned char)s[i] == 0xF3 &&
		    (r = placeholder(k, s + i, len - i)) != NULL) {
			need += r->len;
			i += 7;
		}
	o = out = arena_alloc(k->a, need);
	for (from = s, i = (size_t)(p - s); i < len; i++) {
		if ((unsigned char)s[i] != 0xF3 ||
		    (r = placeholder(k, s + i, len - i)) == NULL)
			continue;
		memcpy(o, from, (size_t)(s + i - from));
		o += s + i - from;
		memcpy(o, r->s, r->len);
		o += r->len;
		i += 7;
		from = s + i + 1;
		k->restored++;
	}
	memcpy(o, from, (size_t)(s + len - from));
	o[s + len - from] = '\0';
	return out;
}

static void
restore_node(struct skeleton *k, GumboNode *n)
{
	switch (n->type) {
	case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE:
	case GUMBO_NODE_CDATA: case GUMBO_NODE_COMMENT:
		n->v.text.text = restore(k, n->v.text.text);
		break;
	default:
		break;
	}
}

static GumboVector *
children(GumboNode *n)
{
	if (n->type == GUMBO_NODE_DOCUMENT)
		return &n->v.document.children;
	if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
		return &n->v.element.children;
	return NULL;
}

/* Every node of the tree, without recursion (trees can be deep). */
static void
restore_tree(struct skeleton *k, GumboNode *root)
{
	GumboNode *n = root, *p;
	GumboVector *kids;
	size_t next;

	for (;;) {
		restore_node(k, n);
		if ((kids = children(n)) != NULL && kids->length > 0) {
			n = kids->data[0];
			continue;
		}
		for (;;) {
			if (n == root || (p = n->parent) == NULL)
				return;
			kids = children(p);
			next = n->index_within_parent;
			if (next >= kids->length || kids->data[next] != n)
				for (next = 0; next < kids->length &&
				    kids->data[next] != n; next++)
					;
			if (next + 1 < kids->length) {
				n = kids->data[next + 1];
				break;
			}
			n = p;
		}
	}
}

static void *
gumbo_alloc(void *userdata, size_t size)
{
	return arena_alloc(userdata, size);
}

static void
gumbo_free(void *userdata, void *p)
{
	arena_free(userdata, p);
}

GumboOutput *
arena_gumbo_parse(struct arena *a, const char *html, size_t len)
{
	GumboOptions opts = kGumboDefaultOptions;
	GumboOutput *volatile out = NULL;
	/* not changed after setjmp: valid after a longjmp */
	struct skeleton *const k = xcalloc(1, sizeof *k);
	jmp_buf env;

	arena_init(a, ARENA_GUMBO_LIMIT(len), ARENA_GUMBO_GUESS(len));
	k->a = a;
	k->page = html;
	k->len = len;
	opts.allocator = gumbo_alloc;
	opts.deallocator = gumbo_free;
	opts.userdata = a;
	opts.max_errors = 0;
	a->fail = &env;
	if (setjmp(env) == 0) {
		if (make_skeleton(k) == 0) {
			out = gumbo_parse_with_options(&opts, k->out, k->olen);
			if (k->nruns > 0)
				restore_tree(k, out->document);
			/*
			 * Every run must have come back from a text node:
			 * then gumbo read it as text, where its characters
			 * (no '<', '&', '>', NUL or CR) would all have been
			 * plain characters.  Else (a tag or comment we read
			 * otherwise than gumbo did) parse the page as it is.
			 */
			if (k->restored != k->nruns) {
				arena_release(a);
				arena_init(a, ARENA_GUMBO_LIMIT(len),
				    ARENA_GUMBO_GUESS(len));
				out = gumbo_parse_with_options(&opts, html,
				    len);
			}
		} else
			out = gumbo_parse_with_options(&opts, html, len);
	}
	a->fail = NULL;
	free(k->runs);
	free(k);
	if (out == NULL)
		arena_release(a);
	return out;
}
