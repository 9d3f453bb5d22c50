/*
 * story detectors: wire-copy conventions recognised in plain text (a
 * paragraph's text, a caption).  Here: the words they are made of, lone
 * bylines and the share/subscribe boilerplate feeds append (datelines:
 * story-dateline.c, credits tails: story-credits.c, captions:
 * story-caption.c).
 * Each detector is strict: a paragraph that merely resembles one of these
 * is left alone.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "story/story.h"
#include "story/story-private.h"


/* Letter case for the scripts wire datelines are written in (Latin,
 * Greek, Cyrillic), independent of the locale. */
int
story_cp_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (c >= 0xC0 && c <= 0xDE)
		return c != 0xD7;
	if (c >= 0x100 && c <= 0x137)
		return (c & 1) == 0;
	if (c >= 0x139 && c <= 0x148)
		return (c & 1) == 1;
	if (c >= 0x14A && c <= 0x177)
		return (c & 1) == 0;
	if (c >= 0x178 && c <= 0x17E)
		return c == 0x178 || (c & 1) == 1;
	if (c >= 0x391 && c <= 0x3AB)
		return 1;
	if (c >= 0x400 && c <= 0x42F)
		return 1;
	return 0;
}

int
story_cp_lower(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	if (c >= 0xDF && c <= 0xFF)
		return c != 0xF7;
	if (c >= 0x100 && c <= 0x17F)
		return !story_cp_upper(c);
	if (c >= 0x3AC && c <= 0x3CE)
		return 1;
	if (c >= 0x430 && c <= 0x45F)
		return 1;
	return 0;
}

/* Code point at s[*i] (U+FFFD for a bad byte); *i moves past it. */
uint32_t
story_next_cp(const char *s, size_t len, size_t *i)
{
	uint32_t cp;
	int n;

	if ((n = utf8_decode(s + *i, len - *i, &cp)) < 0) {
		(*i)++;
		return UTF8_REPLACEMENT;
	}
	*i += (size_t)n;
	return cp;
}

int
story_starts_with_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Lower-case words allowed inside a place or a person's name. */
static const char *const particles[] = {
	"de", "da", "do", "dos", "del", "della", "di", "du", "des", "la",
	"le", "el", "al", "van", "von", "der", "den", "ter", "ten", "bin",
	"of", "on", "upon", "am", "an", "sur", "y", "e",
};

int
story_is_particle(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < DL_ARRAY_LEN(particles); i++)
		if (strlen(particles[i]) == n &&
		    strncmp(w, particles[i], n) == 0)
			return 1;
	return 0;
}

/* A word of letters (and . ' - inside); 0 when s[i] starts none. */
int
story_scan_word(const char *s, size_t len, size_t i, struct story_word *w)
{
	size_t j = i, k;
	uint32_t c;

	memset(w, 0, sizeof *w);
	w->start = i;
	w->upper = 1;
	while (j < len) {
		k = j;
		c = story_next_cp(s, len, &k);
		if (story_cp_upper(c) || story_cp_lower(c)) {
			if (w->letters == 0)
				w->title = story_cp_upper(c);
			if (story_cp_lower(c))
				w->upper = 0;
			w->letters++;
		} else if (c >= '0' && c <= '9')
			w->digits++;
		else if ((c == '.' || c == '\'' || c == 0x2019 || c == '-') &&
		    w->letters > 0)
			;
		else
			break;
		j = k;
	}
	w->end = j;
	if (w->letters == 0 && w->digits == 0)
		return 0;
	return 1;
}

size_t
story_skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

/* One person's name: capitalised words, initials, particles; with
 * with_place, "Jane Doe in Seoul" too. */
static int
is_name(const char *s, size_t len, int with_place)
{
	size_t i = 0, words = 0, place = 0;
	struct story_word w;

	while (i < len) {
		if (!story_scan_word(s, len, i, &w) || w.digits)
			return 0;
		if (with_place && words > 0 && place == 0 &&
		    w.end - w.start == 2 &&
		    (strncmp(s + w.start, "in", 2) == 0 ||
		    strncmp(s + w.start, "at", 2) == 0))
			place = words;
		else if (!w.title &&
		    !story_is_particle(s + w.start, w.end - w.start))
			return 0;
		words++;
		i = w.end;
		if (i < len && s[i] != ' ')
			return 0;
		i = story_skip_spaces(s, len, i);
	}
	if (place != 0)
		return place <= 5 && words - place - 1 >= 1 &&
		    words - place - 1 <= 4;
	return words >= 1 && words <= 5;
}

/* The words that join the last two names, in the languages of the
 * wires: and, &, и, und, y, e, et. */
static size_t
name_separator(const char *s, size_t len)
{
	static const char *const joins[] = {
		" and ", " & ", " \xD0\xB8 ", " und ", " y ", " e ", " et ",
	};
	size_t k, n;

	for (k = 0; k < DL_ARRAY_LEN(joins); k++) {
		n = strlen(joins[k]);
		if (len >= n && strncasecmp(s, joins[k], n) == 0)
			return n;
	}
	return 0;
}

/* Split names at ", " and the joining words; each part must be a name. */
int
story_are_names(const char *s, size_t len, int with_place)
{
	size_t i = 0, start = 0, n = 0;

	while (i <= len) {
		size_t sep = 0;

		if (i == len)
			sep = 1;
		else if (s[i] == ',' && i + 1 < len && s[i + 1] == ' ')
			sep = 2;
		else
			sep = name_separator(s + i, len - i);
		if (sep) {
			size_t part = i - start;

			if (part > 0 && n > 0 &&
			    strncasecmp(s + start, "and ", 4) == 0) {
				start += 4;
				part -= 4;
			}
			if (!is_name(s + start, part, with_place) || ++n > 8)
				return 0;
			i += sep;
			start = i;
			if (i >= len)
				break;
			continue;
		}
		i++;
	}
	return n > 0;
}

/* Words that end what follows a name: "Jane Roe, Staff Writer",
 * "Jane Roe, PA Political Correspondent", "Von Anna Berg, dpa". */
static const char *const byline_roles[] = {
	"correspondent", "correspondents", "reporter", "reporters", "writer",
	"writers", "editor", "columnist", "contributor", "journalist", "staff",
	"press", "agency", "news", "media", "korrespondent", "korrespondentin",
	"redakteur", "redakteurin", "correspondant", "correspondante",
	"corresponsal", "reportero", "redactor", "redactora",
};

static int
is_role_word(const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < DL_ARRAY_LEN(byline_roles); k++)
		if (strlen(byline_roles[k]) == n &&
		    strncasecmp(byline_roles[k], s, n) == 0)
			return 1;
	return 0;
}

/* The part after a byline's last comma: a wire, or capitalised words
 * that end with a role.  2 when it has more than one word. */
static int
is_byline_role(const char *s, size_t len)
{
	const char *last;
	int words;

	if (len == 0 || len > 60 || memmem(s, len, " and ", 5) != NULL)
		return 0;
	last = memrchr(s, ' ', len);
	words = last != NULL ? 2 : 1;
	if (story_is_known_agency(s, len))
		return words;
	if (!isupper((unsigned char)*s))
		return 0;
	last = last != NULL ? last + 1 : s;
	return is_role_word(last, len - (size_t)(last - s)) ? words : 0;
}

/* The length of s without a wire of two or three words at its end. */
static size_t
trailing_agency(const char *s, size_t len)
{
	size_t i = len, words = 0;

	while (i > 0 && words < 3) {
		if (s[--i] != ' ')
			continue;
		if (++words >= 2 &&
		    story_is_known_agency(s + i + 1, len - i - 1))
			return i;
	}
	return len;
}

/* "Xinhua writers " before the names: up to three words, the last a
 * role.  Returns its length, or 0. */
static size_t
role_prefix(const char *s, size_t len)
{
	struct story_word w;
	size_t i = 0, words;

	for (words = 0; words < 3 && i < len; words++) {
		if (!story_scan_word(s, len, i, &w) || w.digits ||
		    w.end >= len || s[w.end] != ' ')
			return 0;
		if (words > 0 && is_role_word(s + w.start, w.end - w.start))
			return w.end + 1;
		if (!w.title)
			return 0;
		i = w.end + 1;
	}
	return 0;
}

static int	match_byline(const char *, char **);

/* No-break spaces ("By&nbsp;Jane Roe") are spaces to the rules. */
int
story_match_byline(const char *s, char **names)
{
	char *copy, *p;
	int found;

	if (strstr(s, "\xC2\xA0") == NULL)
		return match_byline(s, names);
	copy = xstrdup(s);
	for (p = copy; (p = strstr(p, "\xC2\xA0")) != NULL; )
		memmove(p + 1, p + 2, strlen(p + 2) + 1), *p = ' ';
	found = match_byline(copy, names);
	free(copy);
	return found;
}

static int
match_byline(const char *s, char **names)
{
	static const char *const labels[] = {
		"by ", "written by ", "story by ", "words by ", "text by ",
		"von ", "por ", "par ", "text: ", "texto: ", "autor: ",
		"autorin: ",
		"\xD0\x90\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80: ",	/* Автор: */
		"\xD0\x90\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80\xD1\x8B: ",
							/* Авторы: */
	};
	size_t len = strlen(s), i, n = 0, nlen;
	const char *comma, *rs;
	int role = 0;

	*names = NULL;
	for (i = 0; i < DL_ARRAY_LEN(labels) && n == 0; i++)
		if (strncasecmp(s, labels[i], strlen(labels[i])) == 0)
			n = strlen(labels[i]);
	if (len < n + 2 || len > 160)
		return 0;
	s += n;
	len -= n;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	if (n > 0 && (i = role_prefix(s, len)) > 0) {
		s += i;
		len -= i;
	}
	/* AP: "By JANE ROE Associated Press", a wire of two or three words
	 * after the names without a comma */
	if (n > 0 && (nlen = trailing_agency(s, len)) < len) {
		while (nlen > 0 && (s[nlen - 1] == ' ' || s[nlen - 1] == ','))
			nlen--;
		len = nlen;
		role = 2;
	}
	nlen = len;
	/* "Jane Roe, Reuters" and "Jane Roe | Reuters" */
	rs = (comma = memrchr(s, ',', len)) != NULL ? comma + 1 : NULL;
	if (comma == NULL && (comma = memrchr(s, '|', len)) != NULL) {
		rs = comma + 1;
		if (comma > s && comma[-1] == ' ')
			comma--;
	}
	if (rs != NULL && rs < s + len && *rs == ' ' && rs + 1 < s + len &&
	    (i = is_byline_role(rs + 1, len - (size_t)(rs + 1 - s))) != 0) {
		nlen = (size_t)(comma - s);
		role = (int)i;
	}
	/* without a label, only a full name and a role of a few words:
	 * "Jane Roe, Staff Writer", not "Berlin, dpa" */
	if (n == 0 && (role != 2 || memchr(s, ' ', nlen) == NULL))
		return 0;
	if (nlen == 0 || !story_are_names(s, nlen, 0))
		return 0;
	*names = xstrndup(s, nlen);
	return 1;
}

int
story_match_noise(const char *s)
{
	static const char *const prefixes[] = {
		"share this", "share on ", "share:", "share via", "tweet this",
		"follow us on", "follow us:", "subscribe to ", "subscribe now",
		"subscribe:", "sign up for", "sign up to", "click here to",
		"continue reading", "read more:", "read more \xE2\x80\xA6",
		"read more...", "read the full story", "like us on facebook",
		"our standards:", "download our app", "download the app",
		"this article originally appeared", "get our newsletter",
	};
	static const char *const whole[] = {
		"share", "tweet", "email", "print", "advertisement", "comments",
		"read more", "continue reading", "subscribe", "related",
	};
	size_t len = strlen(s), i;

	while (len > 0 && strchr(" .:>", s[len - 1]) != NULL)
		len--;
	if (len > 240)
		return 0;
	for (i = 0; i < DL_ARRAY_LEN(whole); i++)
		if (strlen(whole[i]) == len &&
		    strncasecmp(s, whole[i], len) == 0)
			return 1;
	for (i = 0; i < DL_ARRAY_LEN(prefixes); i++)
		if (story_starts_with_ci(s, prefixes[i]))
			return 1;
	/* AP's rule before its closing notes: "___" */
	if (len >= 3 && strspn(s, "_") == len)
		return 1;
	/* WordPress: "The post X appeared first on Y." */
	if (story_starts_with_ci(s, "the post ") &&
	    strstr(s, " appeared first on ") != NULL)
		return 1;
	return 0;
}

/* Reuters puts an editor's advisory in brackets above the byline and the
 * dateline, starting with what the update did. */
int
story_match_advisory(const char *s)
{
	static const char *const verbs[] = {
		"Adds ", "Updates ", "Updates,", "Recasts ", "Rewrites ",
		"Corrects ", "Refiles ", "Repeats ", "Changes ", "Fixes ",
		"Removes ", "Inserts ", "Moves ", "Clarifies ", "Deletes ",
		"Writes through", "Combines ", "Replaces ", "Re-leads",
		"Releads", "Amends ", "Restores ", "Expands ", "Tops ",
		"Edits ", "Retransmits ", "This story ", "This article ",
	};
	size_t len = strlen(s), k;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	if (len < 8 || len > 300 || s[0] != '(' || s[len - 1] != ')' ||
	    memchr(s + 1, '(', len - 1) != NULL)
		return 0;
	for (k = 0; k < DL_ARRAY_LEN(verbs); k++)
		if (strncmp(s + 1, verbs[k], strlen(verbs[k])) == 0)
			return 1;
	return 0;
}
