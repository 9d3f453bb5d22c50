/*
 * story render: a struct story laid out as lines of styled spans at a
 * given width in display columns.  Wide (East Asian) characters take two
 * columns and combining marks none; lines break at spaces and between CJK
 * characters (not before closing punctuation), and inside a word only when
 * the word is longer than the line.  The UI and --render draw these lines.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "story/story.h"
#include "util/i18n.h"

#define NO_BREAK	((size_t)-1)

/* A paragraph being laid out: its text and where each role starts. */
struct mark {
	size_t		off;
	enum role	role;
};

struct para {
	struct buf	 text;
	struct mark	*marks;
	size_t		 nmarks, cap;
	int		 pre;
	size_t		 col;		/* pre: column where the text ends */
};

/* What starts each line of a block: indentation, a bullet, a bar. */
struct prefix {
	const char	*text;
	enum role	 role;
	size_t		 width;
};

struct out {
	struct story_lines	*sl;
	struct rspan		*spans;		/* the line being built */
	size_t			 nspans, cap;
	size_t			 width;
};

static void
span_add(struct out *o, enum role role, const char *s, size_t len)
{
	struct rspan *sp;
	size_t old;

	if (len == 0)
		return;
	if (o->nspans > 0 && o->spans[o->nspans - 1].role == role) {
		sp = &o->spans[o->nspans - 1];
		old = strlen(sp->text);
		sp->text = xrealloc(sp->text, old + len + 1);
		memcpy(sp->text + old, s, len);
		sp->text[old + len] = '\0';
		return;
	}
	if (o->nspans == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 8;
		o->spans = xreallocarray(o->spans, o->cap, sizeof *o->spans);
	}
	sp = &o->spans[o->nspans++];
	sp->role = role;
	sp->text = xstrndup(s, len);
}

static void
line_end(struct out *o, size_t width)
{
	struct story_lines *sl = o->sl;
	struct rline *l;

	if (sl->nlines == sl->cap) {
		sl->cap = sl->cap ? sl->cap * 2 : 64;
		sl->lines = xreallocarray(sl->lines, sl->cap, sizeof *sl->lines);
	}
	l = &sl->lines[sl->nlines++];
	l->nspans = o->nspans;
	l->spans = NULL;
	if (o->nspans > 0) {
		l->spans = xreallocarray(NULL, o->nspans, sizeof *l->spans);
		memcpy(l->spans, o->spans, o->nspans * sizeof *l->spans);
	}
	l->width = width;
	o->nspans = 0;
}

static void
blank_line(struct out *o)
{
	if (o->sl->nlines > 0 && o->sl->lines[o->sl->nlines - 1].nspans > 0)
		line_end(o, 0);
}

/* Whether s is printable ASCII, newlines and tabs only: the usual case,
 * which SANITISE_DISPLAY would leave as it is. */
static int
plain_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x7F ||
		    ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t'))
			return 0;
	return 1;
}

static void
para_add(struct para *p, enum role role, const char *s0)
{
	/* what a terminal shows in the columns we count (SANITISE_DISPLAY) */
	char *s = plain_ascii(s0) ? xstrdup(s0) : utf8_sanitise(s0, strlen(s0),
	    SANITISE_KEEP_NEWLINE | SANITISE_KEEP_TAB | SANITISE_DISPLAY);
	size_t len = strlen(s), i;
	uint32_t cp;
	int n, w;

	if (len == 0) {
		free(s);
		return;
	}
	if (p->nmarks == 0 || p->marks[p->nmarks - 1].role != role) {
		if (p->nmarks == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 8;
			p->marks = xreallocarray(p->marks, p->cap, sizeof *p->marks);
		}
		p->marks[p->nmarks].off = p->text.len;
		p->marks[p->nmarks++].role = role;
	}
	if (!p->pre) {
		buf_add(&p->text, s, len);
		free(s);
		return;
	}
	/* Tabs to the next multiple of 8 columns of their line. */
	for (i = 0; i < len; i += (size_t)n) {
		n = 1;
		if (s[i] == '\t') {
			do
				buf_addc(&p->text, ' ');
			while (++p->col % 8 != 0);
			continue;
		}
		if (s[i] == '\n')
			p->col = 0;
		else if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			n = 1;
			p->col++;
		} else
			p->col += (w = utf8_cp_width(cp)) < 0 ? 1 : (size_t)w;
		buf_add(&p->text, s + i, (size_t)n);
	}
	free(s);
}

static void
para_free(struct para *p)
{
	buf_free(&p->text);
	free(p->marks);
}

/* Breaking between CJK characters (ideographs, kana, fullwidth forms),
 * but never before closing punctuation or after opening.  Korean puts
 * spaces between words, so Hangul breaks at those, like Latin text. */
static int
is_cjk(uint32_t c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFD);
}

/* Width of the last character of s (0 for ""). */
static int
last_cp_width(const char *s)
{
	size_t len = strlen(s), i = len;
	uint32_t cp;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0 || utf8_decode(s + i - 1, len - i + 1, &cp) < 0)
		return len > 0 ? 1 : 0;
	return utf8_cp_width(cp);
}

static int
no_line_start(uint32_t c)
{
	static const uint32_t set[] = {
		0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x30FB, 0xFF1A, 0xFF1B, 0xFF1F,
		0xFF01, 0xFF09, 0x300D, 0x300F, 0x3011, 0x3015, 0x3009, 0x300B,
		0x30FC, 0x3005, 0x309D, 0x309E, 0x30FD, 0x30FE, 0xFF5E,
		',', '.', '!', '?', ';', ':', ')', ']', '}',
	};
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(set); i++)
		if (set[i] == c)
			return 1;
	return 0;
}

static int
no_line_end(uint32_t c)
{
	return c == 0xFF08 || c == 0x300C || c == 0x300E || c == 0x3010 ||
	    c == 0x3014 || c == 0x3008 || c == 0x300A || c == '(' || c == '[';
}

/*
 * One line of t from pos, at most avail columns: [pos, *end) is shown and
 * the next line starts at *next.  Returns the columns used.
 */
static size_t
line_break(const char *t, size_t n, size_t pos, size_t avail, int pre,
    size_t *end, size_t *next)
{
	size_t i = pos, col = 0, brk = NO_BREAK, brk_next = 0, brk_col = 0;
	uint32_t cp, prev = 0;
	int len, w;

	while (i < n) {
		if (t[i] == '\n') {
			*end = i;
			*next = i + 1;
			return col;
		}
		if (t[i] == ' ' && !pre) {
			if (col + 1 > avail) {
				*end = i;
				*next = i + 1;
				return col;
			}
			/* A dash stays with the word before it. */
			if (n - i < 4 || memcmp(t + i + 1, "\xE2\x80", 2) != 0 ||
			    (t[i + 3] != '\x94' && t[i + 3] != '\x93')) {
				brk = i;
				brk_next = i + 1;
				brk_col = col;
			}
			col++;
			i++;
			prev = ' ';
			continue;
		}
		if ((unsigned char)t[i] < 0x80) {
			cp = (unsigned char)t[i];
			len = 1;
			w = 1;
		} else {
			if ((len = utf8_decode(t + i, n - i, &cp)) < 0) {
				cp = UTF8_REPLACEMENT;
				len = 1;
			}
			if ((w = utf8_cp_width(cp)) < 0)
				w = 1;
		}
		if (!pre && i > pos && prev != ' ' && (is_cjk(cp) || is_cjk(prev)) &&
		    !no_line_start(cp) && !no_line_end(prev)) {
			brk = i;
			brk_next = i;
			brk_col = col;
		}
		if (col + (size_t)w > avail) {
			if (brk != NO_BREAK) {
				*end = brk;
				*next = brk_next;
				return brk_col;
			}
			if (i == pos) {		/* wider than the line itself */
				i += (size_t)len;
				col += (size_t)w;
			}
			*end = *next = i;
			return col;
		}
		col += (size_t)w;
		i += (size_t)len;
		prev = cp;
	}
	*end = *next = n;
	return col;
}

static void
emit_range(struct out *o, const struct para *p, size_t a, size_t b, size_t *m)
{
	size_t stop;

	while (a < b) {
		while (*m + 1 < p->nmarks && p->marks[*m + 1].off <= a)
			(*m)++;
		stop = *m + 1 < p->nmarks && p->marks[*m + 1].off < b ?
		    p->marks[*m + 1].off : b;
		span_add(o, p->nmarks ? p->marks[*m].role : ROLE_BODY,
		    p->text.data + a, stop - a);
		a = stop;
	}
}

/* A prefix wider than half the line (deep nesting, a narrow screen) is
 * cut to half of it, so that text always has room. */
static const struct prefix *
fit_prefix(const struct prefix *in, size_t width, struct prefix *cut,
    char **owned)
{
	size_t len;

	if (in->width <= width / 2)
		return in;
	len = utf8_prefix_for_width(in->text, strlen(in->text), width / 2,
	    &cut->width);
	*owned = xstrndup(in->text, len);
	cut->text = *owned;
	cut->role = in->role;
	return cut;
}

static void
wrap(struct out *o, const struct para *p, const struct prefix *first0,
    const struct prefix *rest0)
{
	const char *t = p->text.data ? p->text.data : "";
	size_t n = p->text.len, pos = 0, end, next, cols, m = 0, avail;
	struct prefix cut_first, cut_rest;
	char *own_first = NULL, *own_rest = NULL;
	const struct prefix *first = fit_prefix(first0, o->width, &cut_first,
	    &own_first);
	const struct prefix *rest = fit_prefix(rest0, o->width, &cut_rest,
	    &own_rest);
	const struct prefix *pf = first;

	for (;;) {
		if (!p->pre)
			while (pos < n && t[pos] == ' ')
				pos++;
		if (pos >= n && pf != first)
			break;
		avail = o->width > pf->width + 1 ? o->width - pf->width : 1;
		cols = line_break(t, n, pos, avail, p->pre, &end, &next);
		if (!p->pre)
			while (end > pos && t[end - 1] == ' ') {
				end--;
				cols--;
			}
		span_add(o, pf->role, pf->text, strlen(pf->text));
		emit_range(o, p, pos, end, &m);
		line_end(o, pf->width + cols);
		pos = next;
		pf = rest;
		if (pos >= n)
			break;
	}
	free(own_first);
	free(own_rest);
}

static void
prefix_set(struct prefix *pf, const char *text, enum role role)
{
	pf->text = text;
	pf->role = role;
	pf->width = utf8_width(text, strlen(text));
}

/* A block of text in one role, with the same prefix on every line. */
static void
render_text(struct out *o, enum role role, const char *s, const char *indent)
{
	struct para p;
	struct prefix pf;

	memset(&p, 0, sizeof p);
	para_add(&p, role, s);
	prefix_set(&pf, indent, ROLE_DEFAULT);
	wrap(o, &p, &pf, &pf);
	para_free(&p);
}

static void
render_caption(struct out *o, const struct story_caption *c)
{
	struct para p;
	struct prefix pf;
	char *credit = NULL;

	memset(&p, 0, sizeof p);
	para_add(&p, ROLE_CAPTION, c->text);
	if (*c->credit != '\0') {
		/* No space after a full-width stop ("。"). */
		credit = xasprintf("%s(%s)", *c->text != '\0' &&
		    last_cp_width(c->text) == 1 ? " " : "", c->credit);
		para_add(&p, ROLE_CREDIT, credit);
	}
	prefix_set(&pf, "  ", ROLE_DEFAULT);
	wrap(o, &p, &pf, &pf);
	para_free(&p);
	free(credit);
}

/* What joins a dateline to its paragraph: a dash; a space after the
 * sentences of TASS's "/TASS/." and RIA's "— РИА Новости." (not after
 * "BIRMINGHAM, Ala."); nothing after Chinese and Japanese brackets
 * ("【東京共同】", "（记者李新）"), which need no space. */
static const char *
dateline_joint(const char *d)
{
	size_t n = strlen(d);

	if (n > 1 && d[n - 1] == '.' && (d[n - 2] == '/' ||
	    strstr(d, "\xE2\x80\x94") != NULL))
		return " ";
	if (n >= 3 && (memcmp(d + n - 3, "\xE3\x80\x91", 3) == 0 ||
	    memcmp(d + n - 3, "\xEF\xBC\x89", 3) == 0 ||
	    memcmp(d + n - 3, "\xE7\x94\xB5", 3) == 0))	/* 】 ） 电 */
		return "";
	return utf8_decor(" \xE2\x80\x94 ", " - ");
}

static void
render_runs(struct out *o, const struct story *st, const struct story_block *b,
    int with_dateline)
{
	struct prefix first, rest;
	struct para p;
	struct buf pf1 = BUF_INIT, pf2 = BUF_INIT;
	enum role role = ROLE_BODY, pfrole = ROLE_DEFAULT;
	size_t i, depth;

	memset(&p, 0, sizeof p);
	p.pre = b->kind == BLOCK_PRE;
	depth = b->level > 0 ? (size_t)b->level : 1;
	if (depth > 16)
		depth = 16;
	switch (b->kind) {
	case BLOCK_HEADING:
		role = ROLE_HEADING;
		break;
	case BLOCK_LIST_ITEM:
		for (i = 1; i < depth; i++)
			buf_adds(&pf1, "  ");
		if (b->ordinal > 0)
			buf_printf(&pf1, "%d. ", b->ordinal);
		else if (b->ordinal == 0)
			buf_adds(&pf1, utf8_decor("\xE2\x80\xA2 ", "* "));	/* • */
		else
			buf_adds(&pf1, "  ");
		for (i = utf8_width(buf_str(&pf1), pf1.len); i > 0; i--)
			buf_addc(&pf2, ' ');
		break;
	case BLOCK_QUOTE:
		role = pfrole = ROLE_QUOTE;
		for (i = 0; i < depth; i++)
			buf_adds(&pf1, utf8_decor("\xE2\x94\x82 ", "| "));	/* │ */
		buf_adds(&pf2, buf_str(&pf1));
		break;
	case BLOCK_PRE:
		role = ROLE_CODE;
		buf_adds(&pf1, "  ");
		buf_adds(&pf2, "  ");
		break;
	default:
		break;
	}
	prefix_set(&first, buf_str(&pf1), pfrole);
	prefix_set(&rest, buf_str(&pf2), pfrole);
	if (with_dateline) {
		char *d = xasprintf("%s%s", st->dateline,
		    dateline_joint(st->dateline));

		para_add(&p, ROLE_DATELINE, d);
		free(d);
	}
	for (i = 0; i < b->nruns; i++)	/* body text takes the block's role */
		para_add(&p, b->runs[i].role == ROLE_BODY ? role : b->runs[i].role,
		    b->runs[i].text);
	wrap(o, &p, &first, &rest);
	para_free(&p);
	buf_free(&pf1);
	buf_free(&pf2);
}

#define CELL_SEP	utf8_decor(" \xE2\x94\x82 ", " | ")	/* " │ " */
#define CELL_SEP_COLS	3

/* Rows [from, to) of one table: aligned columns when they fit, otherwise
 * each row as a wrapped line of cells. */
static void
render_table(struct out *o, const struct story_block *rows, size_t nrows)
{
	size_t colw[STORY_MAX_CELLS], ncols = 0, total, i, k, w, pad;
	struct buf line = BUF_INIT;
	enum role role;
	char **cells = xcalloc(nrows * STORY_MAX_CELLS, sizeof *cells);

	/* the cells as a terminal shows them, measured as they are shown */
#define CELL(i, k) cells[(i) * STORY_MAX_CELLS + (k)]
	memset(colw, 0, sizeof colw);
	for (i = 0; i < nrows; i++)
		for (k = 0; k < rows[i].ncells && k < STORY_MAX_CELLS; k++) {
			CELL(i, k) = utf8_sanitise(rows[i].cells[k],
			    strlen(rows[i].cells[k]), SANITISE_TAB_TO_SPACE | SANITISE_DISPLAY);
			w = utf8_width(CELL(i, k), strlen(CELL(i, k)));
			if (w > colw[k])
				colw[k] = w;
			if (k + 1 > ncols)
				ncols = k + 1;
		}
	for (total = 0, k = 0; k < ncols; k++)
		total += colw[k] + (k > 0 ? CELL_SEP_COLS : 0);
	for (i = 0; i < nrows; i++) {
		role = rows[i].header ? ROLE_HEADING : ROLE_BODY;
		if (total > o->width) {
			buf_reset(&line);
			for (k = 0; k < rows[i].ncells; k++) {
				if (k > 0)
					buf_adds(&line, CELL_SEP);
				buf_adds(&line, CELL(i, k));
			}
			render_text(o, role, buf_str(&line), "");
			continue;
		}
		for (k = 0; k < ncols; k++) {
			const char *c = k < rows[i].ncells ? CELL(i, k) : "";

			if (k > 0)
				span_add(o, ROLE_DEFAULT, CELL_SEP, strlen(CELL_SEP));
			span_add(o, role, c, strlen(c));
			if (k + 1 < ncols) {
				pad = colw[k] - utf8_width(c, strlen(c));
				buf_reset(&line);
				while (pad-- > 0)
					buf_addc(&line, ' ');
				span_add(o, ROLE_DEFAULT, buf_str(&line), line.len);
			}
		}
		/* The last cell is not padded: the line ends at its text. */
		w = total - colw[ncols - 1];
		k = ncols - 1;
		w += k < rows[i].ncells ?
		    utf8_width(CELL(i, k), strlen(CELL(i, k))) : 0;
		line_end(o, w);
	}
	buf_free(&line);
	for (i = 0; i < nrows * STORY_MAX_CELLS; i++)
		free(cells[i]);
	free(cells);
#undef CELL
}

static void
render_head(struct out *o, const struct story *st)
{
	struct buf meta = BUF_INIT;
	char date[32];
	time_t t;
	struct tm tm;

	render_text(o, ROLE_HEADLINE, *st->headline != '\0' ? st->headline :
	    _("(no headline)"), "");
	buf_adds(&meta, st->feed);
	if (st->date_shown != NULL && *st->date_shown != '\0') {
		if (meta.len > 0)
			buf_adds(&meta, utf8_decor(" \xC2\xB7 ", " - "));	/* · */
		buf_add_sanitised(&meta, st->date_shown, strlen(st->date_shown), 0);
	} else if (st->published != DL_TIME_NONE) {
		t = (time_t)st->published;
		if (gmtime_r(&t, &tm) != NULL &&
		    strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &tm) > 0) {
			if (meta.len > 0)
				buf_adds(&meta, utf8_decor(" \xC2\xB7 ", " - "));	/* · */
			buf_adds(&meta, date);
		}
	}
	if (meta.len > 0)
		render_text(o, ROLE_META, meta.data, "");
	if (*st->link != '\0')
		render_text(o, ROLE_META, st->link, "");
	if (*st->byline_shown != '\0')
		render_text(o, ROLE_BYLINE, st->byline_shown, "");
	buf_free(&meta);
}

static void
render_links(struct out *o, const struct story *st)
{
	struct prefix first, rest;
	struct para p;
	char num[32], pad[32];
	size_t i;

	for (i = 0; i < st->nlinks; i++) {
		snprintf(num, sizeof num, "[%zu] ", i + 1);
		memset(pad, ' ', strlen(num));
		pad[strlen(num)] = '\0';
		prefix_set(&first, num, ROLE_LINK_LIST);
		prefix_set(&rest, pad, ROLE_DEFAULT);
		memset(&p, 0, sizeof p);
		para_add(&p, ROLE_LINK_LIST, st->links[i]);
		wrap(o, &p, &first, &rest);
		para_free(&p);
	}
}

static int
same_group(const struct story_block *a, const struct story_block *b)
{
	if (a->kind == BLOCK_LIST_ITEM && b->kind == BLOCK_LIST_ITEM)
		return 1;
	return 0;
}

static void
render_body(struct out *o, const struct story *st)
{
	size_t i, k;
	int dateline = *st->dateline != '\0';

	for (i = 0; i < st->nblocks; i = k) {
		const struct story_block *b = &st->blocks[i];

		k = i + 1;
		if (i == 0 || !same_group(&st->blocks[i - 1], b))
			blank_line(o);
		switch (b->kind) {
		case BLOCK_FIGURE:
			if (b->caption < st->ncaptions)
				render_caption(o, &st->captions[b->caption]);
			break;
		case BLOCK_TABLE_ROW:
			while (k < st->nblocks && st->blocks[k].kind == BLOCK_TABLE_ROW &&
			    st->blocks[k].table == b->table)
				k++;
			render_table(o, b, k - i);
			break;
		default:
			render_runs(o, st, b, dateline && b->dateline);
			if (b->dateline)
				dateline = 0;
			break;
		}
	}
	if (dateline) {		/* a dateline with no paragraph left */
		blank_line(o);
		render_text(o, ROLE_DATELINE, st->dateline, "");
	}
}

struct story_lines *
story_render(const struct story *st, int width)
{
	struct story_lines *sl = xcalloc(1, sizeof *sl);
	struct out o;
	size_t i;

	memset(&o, 0, sizeof o);
	o.sl = sl;
	o.width = width < 10 ? 10 : (size_t)width;
	render_head(&o, st);
	for (i = 0; i < st->ncaptions; i++)
		if (st->captions[i].lead) {
			blank_line(&o);
			render_caption(&o, &st->captions[i]);
		}
	render_body(&o, st);
	if (*st->credits != '\0') {
		blank_line(&o);
		render_text(&o, ROLE_CREDITS, st->credits, "");
	}
	if (st->nlinks > 0) {
		blank_line(&o);
		render_links(&o, st);
	}
	free(o.spans);
	return sl;
}

void
story_lines_free(struct story_lines *sl)
{
	size_t i, k;

	if (sl == NULL)
		return;
	for (i = 0; i < sl->nlines; i++) {
		for (k = 0; k < sl->lines[i].nspans; k++)
			free(sl->lines[i].spans[k].text);
		free(sl->lines[i].spans);
	}
	free(sl->lines);
	free(sl);
}
